/* SPDX-License-Identifier: MIT */
/* Processes: execve, clone, wait4, waitid, exit, arch_prctl, prctl, ... */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "../options.h"
#include "../pathtrace.h"
#include "decode.h"

/* ---- execve ---- */

static void p_local_str(struct call *c, const char *s)
{
	size_t len = strlen(s);
	size_t max = (size_t)opt.strsize;

	p_quoted(c, (const unsigned char *)s, len > max ? max : len, len > max);
}

static void p_local_array(struct call *c, char *const *v)
{
	sb_putc(&c->sb, '[');
	for (size_t i = 0; v[i]; i++) {
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (size_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		p_local_str(c, v[i]);
	}
	sb_putc(&c->sb, ']');
}

static void p_envp(struct call *c, uint64_t addr)
{
	uint64_t n = 0, p;
	struct words w;

	if (!c->abbrev || !addr || !c->verbose) {
		p_strarray(c, addr);
		return;
	}
	words_init(&w, c, addr);
	while (words_get(&w, n, &p) && p)
		n++;
	p_ptr(c, addr);
	sb_printf(&c->sb, " /* %llu var%s */", (unsigned long long)n, n == 1 ? "" : "s");
}

static void execve_args(struct call *c, int base)
{
	if (synth_exec.active) {
		size_t n = 0;

		arg(c);
		/* a path: never truncated */
		p_quoted(c, (const unsigned char *)synth_exec.path, strlen(synth_exec.path), false);
		if (pathtrace_active() && pathtrace_path(synth_exec.path, strlen(synth_exec.path)))
			c->path_hit = true;
		arg(c);
		if (!c->verbose) { /* -e verbose=none: the arrays' addresses */
			p_ptr(c, (uintptr_t)synth_exec.argv);
			arg(c);
			p_ptr(c, (uintptr_t)synth_exec.envp);
			return;
		}
		p_local_array(c, synth_exec.argv);
		arg(c);
		if (!c->abbrev) {
			p_local_array(c, synth_exec.envp);
			return;
		}
		while (synth_exec.envp[n])
			n++;
		p_ptr(c, (uintptr_t)synth_exec.envp);
		sb_printf(&c->sb, " /* %zu var%s */", n, n == 1 ? "" : "s");
		return;
	}
	a_path(c, base);
	arg(c);
	p_strarray(c, arg_ulong(c, base + 1));
	arg(c);
	p_envp(c, arg_ulong(c, base + 2));
}

DECL(execve)
{
	execve_args(c, 0);
	return DEC_DONE;
}

static const struct xval execveat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0x10000, "AT_EXECVE_CHECK" },
	{ 0, NULL },
};

DECL(execveat)
{
	a_dirfd(c, 0);
	execve_args(c, 1);
	a_flags(c, 4, execveat_flags, "AT_???");
	return DEC_DONE;
}

/* ---- clone ---- */

static const struct xval clone_flags[] = {
	{ 0x00000100, "CLONE_VM" },
	{ 0x00000200, "CLONE_FS" },
	{ 0x00000400, "CLONE_FILES" },
	{ 0x00000800, "CLONE_SIGHAND" },
	{ 0x00001000, "CLONE_PIDFD" },
	{ 0x00002000, "CLONE_PTRACE" },
	{ 0x00004000, "CLONE_VFORK" },
	{ 0x00008000, "CLONE_PARENT" },
	{ 0x00010000, "CLONE_THREAD" },
	{ 0x00020000, "CLONE_NEWNS" },
	{ 0x00040000, "CLONE_SYSVSEM" },
	{ 0x00080000, "CLONE_SETTLS" },
	{ 0x00100000, "CLONE_PARENT_SETTID" },
	{ 0x00200000, "CLONE_CHILD_CLEARTID" },
	{ 0x00400000, "CLONE_DETACHED" },
	{ 0x00800000, "CLONE_UNTRACED" },
	{ 0x01000000, "CLONE_CHILD_SETTID" },
	{ 0x02000000, "CLONE_NEWCGROUP" },
	{ 0x04000000, "CLONE_NEWUTS" },
	{ 0x08000000, "CLONE_NEWIPC" },
	{ 0x10000000, "CLONE_NEWUSER" },
	{ 0x20000000, "CLONE_NEWPID" },
	{ 0x40000000, "CLONE_NEWNET" },
	{ 0x80000000, "CLONE_IO" },
	{ 0x100000000ull, "CLONE_CLEAR_SIGHAND" },
	{ 0x200000000ull, "CLONE_INTO_CGROUP" },
	{ 0x00000080, "CLONE_NEWTIME" },
	{ 0, NULL },
};

#define CLONE_PARENT_SETTID_F 0x00100000
#define CLONE_CHILD_SETTID_F 0x01000000
#define CLONE_CHILD_CLEARTID_F 0x00200000
#define CLONE_SETTLS_F 0x00080000
#define CLONE_PIDFD_F 0x00001000

static void p_clone_flags(struct call *c, uint64_t flags)
{
	unsigned sig = flags & 0xff;

	flags &= ~0xffull;
	if (flags || !sig)
		p_flags(c, clone_flags, flags, "CLONE_???");
	if (sig) {
		if (flags)
			sb_putc(&c->sb, '|');
		p_sig(c, (int)sig);
	}
}

static void p_tid_at(struct call *c, uint64_t addr)
{
	int32_t v;

	if (!failed(c) && umove(c, addr, &v, sizeof(v))) {
		sb_putc(&c->sb, '[');
		p_pid(c, v);
		sb_putc(&c->sb, ']');
	} else
		p_ptr(c, addr);
}

DECL(clone)
{
	uint64_t flags = arg_ulong(c, 0);
	/* x86_64: flags, stack, parent_tid, child_tid, tls; i386: ..., tls, child_tid */
	int child_i = is_i386(c) ? 4 : 3, tls_i = is_i386(c) ? 3 : 4;

	if (!c->exiting) {
		arg(c);
		sb_puts(&c->sb, "child_stack=");
		p_ptr(c, arg_ulong(c, 1));
		arg(c);
		sb_puts(&c->sb, "flags=");
		p_clone_flags(c, flags);
		c->rfmt = RV_PID;
		return DEC_EXIT_RET;
	}
	if (flags & CLONE_PARENT_SETTID_F) {
		arg(c);
		sb_puts(&c->sb, "parent_tid=");
		p_tid_at(c, arg_ulong(c, 2));
	}
	if (flags & CLONE_SETTLS_F) {
		arg(c);
		sb_puts(&c->sb, "tls=");
		p_ptr(c, arg_ulong(c, tls_i));
	}
	if (flags & (CLONE_CHILD_SETTID_F | CLONE_CHILD_CLEARTID_F)) {
		arg(c);
		sb_puts(&c->sb, "child_tidptr=");
		p_ptr(c, arg_ulong(c, child_i));
	}
	return 0;
}

DECL(unshare)
{
	a_flags(c, 0, clone_flags, "CLONE_???");
	return DEC_DONE;
}

DECL(setns)
{
	a_fd(c, 0);
	a_flags(c, 1, clone_flags, "CLONE_???");
	return DEC_DONE;
}

struct clone_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
		set_tid_size, cgroup;
};

DECL(clone3)
{
	struct clone_args a;
	uint64_t addr = arg_ulong(c, 0), size = arg_ulong(c, 1);

	memset(&a, 0, sizeof(a));
	if (!c->exiting) {
		c->rfmt = RV_PID;
		arg(c);
		if (size < 64 || !umove(c, addr, &a, size < sizeof(a) ? size : sizeof(a))) {
			p_ptr(c, addr);
			c->priv[0] = 1;
			return DEC_EXIT_RET;
		}
		sb_puts(&c->sb, "{flags=");
		p_flags(c, clone_flags, a.flags, "CLONE_???");
		if (a.flags & CLONE_PIDFD_F)
			sb_printf(&c->sb, ", pidfd=%#llx", (unsigned long long)a.pidfd);
		if (a.flags & (CLONE_CHILD_SETTID_F | CLONE_CHILD_CLEARTID_F))
			sb_printf(&c->sb, ", child_tid=%#llx", (unsigned long long)a.child_tid);
		if (a.flags & CLONE_PARENT_SETTID_F)
			sb_printf(&c->sb, ", parent_tid=%#llx", (unsigned long long)a.parent_tid);
		sb_puts(&c->sb, ", exit_signal=");
		if (a.exit_signal && signame((int)a.exit_signal))
			sb_puts(&c->sb, signame((int)a.exit_signal));
		else
			sb_printf(&c->sb, "%llu", (unsigned long long)a.exit_signal);
		sb_puts(&c->sb, ", stack=");
		p_ptr(c, a.stack);
		sb_printf(&c->sb, ", stack_size=%#llx", (unsigned long long)a.stack_size);
		if (a.flags & CLONE_SETTLS_F)
			sb_printf(&c->sb, ", tls=%#llx", (unsigned long long)a.tls);
		if (a.set_tid_size)
			sb_printf(&c->sb, ", set_tid=%#llx, set_tid_size=%llu",
				  (unsigned long long)a.set_tid,
				  (unsigned long long)a.set_tid_size);
		if (size >= 88 && a.cgroup)
			sb_printf(&c->sb, ", cgroup=%llu", (unsigned long long)a.cgroup);
		sb_putc(&c->sb, '}');
		return DEC_EXIT_RET;
	}
	if (!c->priv[0] && !failed(c) && umove(c, addr, &a, 64) &&
	    (a.flags & (CLONE_PARENT_SETTID_F | CLONE_PIDFD_F))) {
		bool first = true;
		int32_t v;

		sb_puts(&c->sb, " => {");
		if ((a.flags & CLONE_PIDFD_F) && umove(c, a.pidfd, &v, sizeof(v))) {
			sb_printf(&c->sb, "pidfd=[%d]", v);
			first = false;
		}
		if ((a.flags & CLONE_PARENT_SETTID_F) && umove(c, a.parent_tid, &v, sizeof(v))) {
			sb_printf(&c->sb, "%sparent_tid=[", first ? "" : ", ");
			p_pid(c, v);
			sb_putc(&c->sb, ']');
		}
		sb_putc(&c->sb, '}');
	}
	a_ulong(c, 1);
	return 0;
}

/* ---- wait ---- */

static void p_wait_status(struct call *c, int st)
{
	const char *sn;

	/* decoded under -X raw too, as strace does */
	sb_putc(&c->sb, '{');
	if (WIFEXITED(st)) {
		sb_printf(&c->sb, "WIFEXITED(s) && WEXITSTATUS(s) == %d", WEXITSTATUS(st));
	} else if (WIFSIGNALED(st)) {
		sn = signame(WTERMSIG(st));
		sb_printf(&c->sb, "WIFSIGNALED(s) && WTERMSIG(s) == %s%s", sn ? sn : "?",
			  WCOREDUMP(st) ? " && WCOREDUMP(s)" : "");
	} else if (WIFSTOPPED(st)) {
		sn = signame(WSTOPSIG(st));
		sb_printf(&c->sb, "WIFSTOPPED(s) && WSTOPSIG(s) == %s", sn ? sn : "?");
		if (st >> 16)
			sb_printf(&c->sb, " && s >> 16 == %d", st >> 16);
	} else if (WIFCONTINUED(st)) {
		sb_puts(&c->sb, "WIFCONTINUED(s)");
	} else {
		sb_printf(&c->sb, "%#x", st);
	}
	sb_putc(&c->sb, '}');
}

static const struct xval wait_options[] = {
	{ 1, "WNOHANG" },         { 2, "WSTOPPED" },          { 4, "WEXITED" },
	{ 8, "WCONTINUED" },      { 0x1000000, "WNOWAIT" },   { 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" }, { 0x80000000, "__WCLONE" }, { 0, NULL },
};

static const struct xval wait4_options[] = {
	{ 1, "WNOHANG" },
	{ 2, "WSTOPPED" },
	{ 8, "WCONTINUED" },
	{ 0x20000000, "__WNOTHREAD" },
	{ 0x40000000, "__WALL" },
	{ 0x80000000, "__WCLONE" },
	{ 0, NULL },
};

static int wait_common(struct call *c, bool has_rusage)
{
	uint64_t st_addr = arg_ulong(c, 1);
	int st;

	if (!c->exiting) {
		a_pid(c, 0);
		c->rfmt = RV_PID;
		return DEC_EXIT;
	}
	arg(c);
	if (!st_addr)
		sb_puts(&c->sb, "NULL");
	else if (failed(c) || c->rval == 0 || !umove(c, st_addr, &st, sizeof(st)))
		p_ptr(c, st_addr);
	else {
		sb_putc(&c->sb, '[');
		p_wait_status(c, st);
		sb_putc(&c->sb, ']');
	}
	a_flags(c, 2, wait4_options, "W???");
	if (has_rusage) {
		arg(c);
		p_rusage(c, arg_ulong(c, 3));
	}
	return 0;
}

DECL(wait4)
{
	return wait_common(c, true);
}

DECL(waitpid)
{
	return wait_common(c, false);
}

static const struct xval idtypes[] = {
	{ 0, "P_ALL" }, { 1, "P_PID" }, { 2, "P_PGID" }, { 3, "P_PIDFD" }, { 0, NULL },
};

DECL(waitid)
{
	if (!c->exiting) {
		a_xlat(c, 0, idtypes, "P_???");
		if (arg_int(c, 0) == 1) /* P_PID */
			a_pid(c, 1);
		else
			a_int(c, 1);
		return DEC_EXIT;
	}
	if (a_filled(c, 2))
		p_siginfo_at(c, arg_ulong(c, 2));
	a_flags(c, 3, wait_options, "W???");
	arg(c);
	p_rusage(c, arg_ulong(c, 4));
	return 0;
}

DECL(exit)
{
	a_int(c, 0);
	c->rfmt = RV_NONE;
	return DEC_DONE;
}
