/* SPDX-License-Identifier: MIT */
/* siginfo_t as strace prints it: {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "../siginfo.h"
#include "decode.h"

static const struct xval si_codes[] = {
	{ 0, "SI_USER" },
	{ 0x80, "SI_KERNEL" },
	{ (uint32_t)-1, "SI_QUEUE" },
	{ (uint32_t)-2, "SI_TIMER" },
	{ (uint32_t)-3, "SI_MESGQ" },
	{ (uint32_t)-4, "SI_ASYNCIO" },
	{ (uint32_t)-5, "SI_SIGIO" },
	{ (uint32_t)-6, "SI_TKILL" },
	{ (uint32_t)-7, "SI_DETHREAD" },
	{ (uint32_t)-60, "SI_ASYNCNL" },
	{ 0, NULL },
};

static const struct xval cld_codes[] = {
	{ 1, "CLD_EXITED" },  { 2, "CLD_KILLED" },    { 3, "CLD_DUMPED" }, { 4, "CLD_TRAPPED" },
	{ 5, "CLD_STOPPED" }, { 6, "CLD_CONTINUED" }, { 0, NULL },
};

static const struct xval segv_codes[] = {
	{ 1, "SEGV_MAPERR" },  { 2, "SEGV_ACCERR" },  { 3, "SEGV_BNDERR" },  { 4, "SEGV_PKUERR" },
	{ 5, "SEGV_ACCADI" },  { 6, "SEGV_ADIDERR" }, { 7, "SEGV_ADIPERR" }, { 8, "SEGV_MTEAERR" },
	{ 9, "SEGV_MTESERR" }, { 10, "SEGV_CPERR" },  { 0, NULL },
};

static const struct xval bus_codes[] = {
	{ 1, "BUS_ADRALN" },    { 2, "BUS_ADRERR" },    { 3, "BUS_OBJERR" },
	{ 4, "BUS_MCEERR_AR" }, { 5, "BUS_MCEERR_AO" }, { 0, NULL },
};

static const struct xval ill_codes[] = {
	{ 1, "ILL_ILLOPC" },   { 2, "ILL_ILLOPN" }, { 3, "ILL_ILLADR" }, { 4, "ILL_ILLTRP" },
	{ 5, "ILL_PRVOPC" },   { 6, "ILL_PRVREG" }, { 7, "ILL_COPROC" }, { 8, "ILL_BADSTK" },
	{ 9, "ILL_BADIADDR" }, { 0, NULL },
};

static const struct xval fpe_codes[] = {
	{ 1, "FPE_INTDIV" }, { 2, "FPE_INTOVF" }, { 3, "FPE_FLTDIV" },
	{ 4, "FPE_FLTOVF" }, { 5, "FPE_FLTUND" }, { 6, "FPE_FLTRES" },
	{ 7, "FPE_FLTINV" }, { 8, "FPE_FLTSUB" }, { 0, NULL },
};

static const struct xval trap_codes[] = {
	{ 1, "TRAP_BRKPT" }, { 2, "TRAP_TRACE" }, { 3, "TRAP_BRANCH" }, { 4, "TRAP_HWBKPT" },
	{ 5, "TRAP_UNK" },   { 6, "TRAP_PERF" },  { 0, NULL },
};

static const struct xval poll_codes[] = {
	{ 1, "POLL_IN" },  { 2, "POLL_OUT" }, { 3, "POLL_MSG" }, { 4, "POLL_ERR" },
	{ 5, "POLL_PRI" }, { 6, "POLL_HUP" }, { 0, NULL },
};

static const struct xval sys_codes[] = {
	{ 1, "SYS_SECCOMP" },
	{ 2, "SYS_USER_DISPATCH" },
	{ 0, NULL },
};

static int32_t i32(const unsigned char *p)
{
	int32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t word(const unsigned char *p, bool is32)
{
	if (is32)
		return (uint32_t)i32(p);
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A time in clock ticks, with its value in seconds when not zero. */
static void p_clock_t(struct call *c, const char *name, int64_t v)
{
	sb_printf(&c->sb, ", %s=%lld", name, (long long)v);
	if (v && opt.xlat != XLAT_RAW)
		sb_printf(&c->sb, " /* %lld.%02lld s */", (long long)(v / 100),
			  (long long)(v % 100 < 0 ? -(v % 100) : v % 100));
}

void p_siginfo_raw(struct call *c, const unsigned char *si, bool is32)
{
	int signo = i32(si), err = i32(si + 4), code = i32(si + 8);
	const unsigned char *u = si + (is32 ? 12 : 16); /* the union */
	unsigned ws = is32 ? 4 : 8;
	const struct xval *tbl = NULL;
	const char *name;

	sb_puts(&c->sb, "{si_signo=");
	p_sig(c, signo);
	sb_puts(&c->sb, ", si_code=");
	if (code > 0 && code != 0x80) {
		switch (signo) {
		case SIGCHLD:
			tbl = cld_codes;
			break;
		case SIGSEGV:
			tbl = segv_codes;
			break;
		case SIGBUS:
			tbl = bus_codes;
			break;
		case SIGILL:
			tbl = ill_codes;
			break;
		case SIGFPE:
			tbl = fpe_codes;
			break;
		case SIGTRAP:
			tbl = trap_codes;
			break;
		case SIGIO:
			tbl = poll_codes;
			break;
		case SIGSYS:
			tbl = sys_codes;
			break;
		}
	}
	name = xlat_name(tbl ? tbl : si_codes, (uint32_t)code);
	if (name && opt.xlat == XLAT_ABBREV) {
		sb_puts(&c->sb, name);
	} else if (opt.xlat != XLAT_ABBREV) {
		/* -X raw, -X verbose: the code in unsigned hex (SI_TKILL: 0xfffffffa) */
		p_hex(c, (uint32_t)code);
		if (name && opt.xlat == XLAT_VERBOSE)
			sb_printf(&c->sb, " /* %s */", name);
	} else {
		sb_printf(&c->sb, "%d", code);
	}
	if (err)
		sb_printf(&c->sb, ", si_errno=%d", err);
	if (code <= 0 && code != -2 && code != -5) {
		/* sent by a process: kill, tkill, sigqueue, mq_notify */
		sb_puts(&c->sb, ", si_pid=");
		p_pid(c, i32(u));
		sb_printf(&c->sb, ", si_uid=%u", (uint32_t)i32(u + 4));
		/* the value, when there is one */
		if ((code == -1 || code == -3 || code == -4) && word(u + 8, is32)) {
			sb_printf(&c->sb, ", si_int=%d, si_ptr=", i32(u + 8));
			p_ptr(c, word(u + 8, is32));
		}
	} else if (code == -2) {
		sb_printf(&c->sb,
			  ", si_timerid=%#x, si_overrun=%d, si_int=%d, si_ptr=", (unsigned)i32(u),
			  i32(u + 4), i32(u + 8));
		p_ptr(c, word(u + 8, is32));
	} else if (code != 0x80) {
		switch (signo) {
		case SIGCHLD:
			sb_puts(&c->sb, ", si_pid=");
			p_pid(c, i32(u));
			sb_printf(&c->sb, ", si_uid=%u, si_status=", (uint32_t)i32(u + 4));
			if (code == 1)
				sb_printf(&c->sb, "%d", i32(u + 8));
			else
				p_sig(c, i32(u + 8));
			p_clock_t(c, "si_utime", (int64_t)word(u + (is32 ? 12 : 16), is32));
			p_clock_t(c, "si_stime", (int64_t)word(u + (is32 ? 16 : 24), is32));
			break;
		case SIGSEGV:
		case SIGBUS:
		case SIGILL:
		case SIGFPE:
		case SIGTRAP:
			sb_puts(&c->sb, ", si_addr=");
			p_ptr(c, word(u, is32));
			break;
		case SIGIO:
			sb_printf(&c->sb, ", si_band=%lld, si_fd=%d", (long long)word(u, is32),
				  i32(u + ws));
			break;
		case SIGSYS: {
			uint32_t arch;

			memcpy(&arch, u + ws + 4, sizeof(arch));
			sb_puts(&c->sb, ", si_call_addr=");
			p_ptr(c, word(u, is32));
			sb_printf(&c->sb, ", si_syscall=%d, si_arch=%#x", i32(u + ws), arch);
			break;
		}
		}
	}
	sb_putc(&c->sb, '}');
}

void p_siginfo_at(struct call *c, uint64_t addr)
{
	unsigned char si[128];

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!umove(c, addr, si, sizeof(si))) {
		p_ptr(c, addr);
		return;
	}
	p_siginfo_raw(c, si, is_i386(c));
}

void siginfo_describe(struct thr *t, int sig, struct sbuf *sb)
{
	siginfo_t si;
	struct call c;

	memset(&c, 0, sizeof(c));
	c.t = tracer;
	c.tid = t->tid;
	c.pid = t->pid;
	c.abi = scall_native_abi();
	c.abbrev = c.verbose = true;
	sb_init(&c.sb);
	if (scall_get_siginfo(tracer, t->tid, &si) == 0) {
		p_siginfo_raw(&c, (const unsigned char *)&si, false);
	} else {
		sb_puts(&c.sb, "{si_signo=");
		p_sig(&c, sig);
		sb_puts(&c.sb, ", ...}");
	}
	sb_putn(sb, c.sb.s, c.sb.len);
	sb_free(&c.sb);
}
