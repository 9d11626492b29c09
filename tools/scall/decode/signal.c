/* SPDX-License-Identifier: MIT */
/* Signals: names, sets, sigaction, sigprocmask, kill, ... */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const char *const names[] = {
	NULL,       "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP",   "SIGABRT",
	"SIGBUS",   "SIGFPE",  "SIGKILL",   "SIGUSR1", "SIGSEGV",  "SIGUSR2",   "SIGPIPE",
	"SIGALRM",  "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",  "SIGSTOP",   "SIGTSTP",
	"SIGTTIN",  "SIGTTOU", "SIGURG",    "SIGXCPU", "SIGXFSZ",  "SIGVTALRM", "SIGPROF",
	"SIGWINCH", "SIGIO",   "SIGPWR",    "SIGSYS",  "SIGRTMIN",
};

const char *signame(int sig)
{
	static char rt[32][12];

	if (sig > 0 && sig <= 32)
		return names[sig];
	if (sig > 32 && sig <= 64) {
		if (!rt[sig - 33][0])
			snprintf(rt[sig - 33], sizeof(rt[0]), "SIGRT_%d", sig - 32);
		return rt[sig - 33];
	}
	return NULL;
}

void p_sig(struct call *c, int sig)
{
	const char *name = signame(sig);

	if (!name || opt.xlat == XLAT_RAW)
		sb_printf(&c->sb, "%d", sig);
	else if (opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, "%d /* %s */", sig, name);
	else
		sb_puts(&c->sb, name);
}

void a_sig(struct call *c, int i)
{
	arg(c);
	p_sig(c, arg_int(c, i));
}

/* [INT TERM], or ~[KILL STOP] when most signals are in the set. */
void p_sigmask(struct call *c, const uint64_t *mask, unsigned nbits)
{
	unsigned count = 0;
	bool neg, first = true;

	for (unsigned i = 0; i < nbits; i++)
		count += (mask[i / 64] >> (i % 64)) & 1;
	neg = count * 2 > nbits;
	sb_puts(&c->sb, neg ? "~[" : "[");
	for (unsigned i = 0; i < nbits; i++) {
		bool in = (mask[i / 64] >> (i % 64)) & 1;
		const char *name;

		if (in == neg)
			continue;
		name = signame((int)i + 1);
		if (!first)
			sb_putc(&c->sb, ' ');
		first = false;
		if (!name || opt.xlat == XLAT_RAW)
			sb_printf(&c->sb, "%u", i + 1);
		else if (opt.xlat == XLAT_VERBOSE)
			sb_printf(&c->sb, "%u /* %s */", i + 1, name + 3);
		else
			sb_puts(&c->sb, name + 3);
	}
	sb_putc(&c->sb, ']');
}

void p_sigset(struct call *c, uint64_t addr, uint64_t size)
{
	uint64_t mask[2] = { 0, 0 };

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (size > sizeof(mask) || size == 0 || !umove(c, addr, mask, (size_t)size)) {
		p_ptr(c, addr);
		return;
	}
	p_sigmask(c, mask, (unsigned)size * 8);
}

static const struct xval sa_flags[] = {
	{ 0x04000000, "SA_RESTORER" },  { 0x08000000, "SA_ONSTACK" },
	{ 0x10000000, "SA_RESTART" },   { 0x20000000, "SA_INTERRUPT" },
	{ 0x40000000, "SA_NODEFER" },   { 0x80000000, "SA_RESETHAND" },
	{ 0x00000004, "SA_SIGINFO" },   { 0x00000001, "SA_NOCLDSTOP" },
	{ 0x00000002, "SA_NOCLDWAIT" }, { 0, NULL },
};

static const struct xval sa_handlers[] = {
	{ 0, "SIG_DFL" },
	{ 1, "SIG_IGN" },
	{ 0xffffffffffffffffull, "SIG_ERR" },
	{ 0, NULL },
};

static void p_sigaction(struct call *c, uint64_t addr)
{
	uint64_t handler, flags, restorer, mask[1];

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (is_i386(c)) {
		uint32_t a[3];

		if (!umove(c, addr, a, sizeof(a)) || !umove(c, addr + 12, mask, 8)) {
			p_ptr(c, addr);
			return;
		}
		/* strace names SIG_ERR in 64 bits only: 0xffffffff stays a number */
		handler = a[0], flags = a[1], restorer = a[2];
	} else {
		uint64_t a[4];

		if (!umove(c, addr, a, sizeof(a))) {
			p_ptr(c, addr);
			return;
		}
		handler = a[0], flags = a[1], restorer = a[2], mask[0] = a[3];
	}
	sb_puts(&c->sb, "{sa_handler=");
	p_xlat(c, sa_handlers, handler, NULL);
	sb_puts(&c->sb, ", sa_mask=");
	p_sigmask(c, mask, 64);
	sb_puts(&c->sb, ", sa_flags=");
	p_flags(c, sa_flags, flags, "SA_???");
	if (flags & 0x04000000) {
		sb_puts(&c->sb, ", sa_restorer=");
		p_hex(c, restorer);
	}
	sb_putc(&c->sb, '}');
}

DECL(rt_sigaction)
{
	if (!c->exiting) {
		a_sig(c, 0);
		arg(c);
		p_sigaction(c, arg_ulong(c, 1));
		return DEC_EXIT;
	}
	if (a_filled(c, 2))
		p_sigaction(c, arg_ulong(c, 2));
	a_ulong(c, 3);
	return 0;
}

static const struct xval sigprocmask_how[] = {
	{ 0, "SIG_BLOCK" },
	{ 1, "SIG_UNBLOCK" },
	{ 2, "SIG_SETMASK" },
	{ 0, NULL },
};

DECL(rt_sigprocmask)
{
	if (!c->exiting) {
		a_xlat(c, 0, sigprocmask_how, "SIG_???");
		a_sigset(c, 1, 3);
		return DEC_EXIT;
	}
	if (a_filled(c, 2))
		p_sigset(c, arg_ulong(c, 2), arg_ulong(c, 3));
	a_ulong(c, 3);
	return 0;
}

DECL(rt_sigreturn)
{
	uint64_t mask[1];
	/* the saved mask in the signal frame's ucontext, at sp */
	uint64_t at = is_i386(c) ? c->sp + 248 : c->sp + 296;

	arg(c);
	if (umove(c, at, mask, sizeof(mask))) {
		sb_puts(&c->sb, "{mask=");
		p_sigmask(c, mask, 64);
		sb_putc(&c->sb, '}');
	} else if (!c->verbose) {
		sb_puts(&c->sb, "{mask=");
		p_ptr(c, at);
		sb_putc(&c->sb, '}');
	} else {
		sb_puts(&c->sb, "{mask=?}");
	}
	return DEC_DONE;
}

DECL(rt_sigsuspend)
{
	a_sigset(c, 0, 1);
	a_ulong(c, 1);
	return DEC_DONE;
}

DECL(rt_sigpending)
{
	if (!c->exiting)
		return DEC_EXIT;
	if (a_filled(c, 0))
		p_sigset(c, arg_ulong(c, 0), arg_ulong(c, 1));
	a_ulong(c, 1);
	return 0;
}

DECL(rt_sigtimedwait)
{
	bool t32 = is_i386(c) && !strstr(c->ent->name, "time64");

	if (!c->exiting) {
		a_sigset(c, 0, 3);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c))
		p_ptr(c, arg_ulong(c, 1));
	else if (!arg_ulong(c, 1))
		sb_puts(&c->sb, "NULL");
	else
		p_siginfo_at(c, arg_ulong(c, 1));
	arg(c);
	p_timespec(c, arg_ulong(c, 2), t32);
	a_ulong(c, 3);
	if (!failed(c) && signame((int)c->rval))
		aux_printf(c, "(%s)", signame((int)c->rval));
	return 0;
}

static const struct xval ss_flags[] = {
	{ 1, "SS_ONSTACK" },
	{ 2, "SS_DISABLE" },
	{ 0x80000000, "SS_AUTODISARM" },
	{ 0, NULL },
};

static void p_stack(struct call *c, uint64_t addr)
{
	uint64_t sp, size;
	uint32_t flags;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (is_i386(c)) {
		uint32_t s[3];

		if (!umove(c, addr, s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		sp = s[0], flags = s[1], size = s[2];
	} else {
		struct {
			uint64_t sp;
			uint32_t flags, pad;
			uint64_t size;
		} s;

		if (!umove(c, addr, &s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		sp = s.sp, flags = s.flags, size = s.size;
	}
	sb_puts(&c->sb, "{ss_sp=");
	p_ptr(c, sp);
	sb_puts(&c->sb, ", ss_flags=");
	p_flags(c, ss_flags, flags, "SS_???");
	sb_printf(&c->sb, ", ss_size=%llu}", (unsigned long long)size);
}

DECL(sigaltstack)
{
	if (!c->exiting) {
		arg(c);
		p_stack(c, arg_ulong(c, 0));
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_stack(c, arg_ulong(c, 1));
	return 0;
}

DECL(kill)
{
	a_pid(c, 0);
	a_sig(c, 1);
	return DEC_DONE;
}

DECL(tgkill)
{
	a_pid(c, 0);
	a_pid(c, 1);
	a_sig(c, 2);
	return DEC_DONE;
}

static const struct xval sfd_flags[] = {
	{ 02000000, "SFD_CLOEXEC" },
	{ 04000, "SFD_NONBLOCK" },
	{ 0, NULL },
};

DECL(signalfd4)
{
	a_fd(c, 0);
	a_sigset(c, 1, 2);
	a_ulong(c, 2);
	a_flags(c, 3, sfd_flags, "SFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

/* i386 sigreturn: the frame's sigcontext is at sp, its oldmask holds the
 * low 32 signals, extramask (after the unused fpstate) the others. */
DECL(sigreturn)
{
	uint32_t lo, hi = 0;
	uint64_t mask[1];

	arg(c);
	if (!umove(c, c->sp + 80, &lo, sizeof(lo))) {
		sb_puts(&c->sb, "{mask=?}");
		return DEC_DONE;
	}
	umove(c, c->sp + 712, &hi, sizeof(hi));
	mask[0] = (uint64_t)hi << 32 | lo;
	sb_puts(&c->sb, "{mask=");
	p_sigmask(c, mask, 64);
	sb_putc(&c->sb, '}');
	return DEC_DONE;
}

DECL(rt_sigqueueinfo)
{
	a_pid(c, 0);
	a_sig(c, 1);
	arg(c);
	p_siginfo_at(c, arg_ulong(c, 2));
	return DEC_DONE;
}

DECL(rt_tgsigqueueinfo)
{
	a_pid(c, 0);
	a_pid(c, 1);
	a_sig(c, 2);
	arg(c);
	p_siginfo_at(c, arg_ulong(c, 3));
	return DEC_DONE;
}
