/* SPDX-License-Identifier: MIT */
/*
 * Running system calls inside a stopped thread (scall_inject) at entry,
 * exit, signal and start stops, leaving the thread exactly as it was; and
 * scratch memory in the tracee (scall_scratch) used for a path argument.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(inject, .timeout = 30, .fini = h_cleanup);

static void get_info(scall_tracer *t, pid_t tid, struct scall_info *si)
{
	memset(si, 0, sizeof(*si));
	cr_assert_eq(scall_get_info(t, tid, si), 0);
}

static void assert_same_info(const struct scall_info *a, const struct scall_info *b)
{
	cr_assert_eq(a->phase, b->phase, "phase %d -> %d", a->phase, b->phase);
	cr_assert_eq(a->abi, b->abi, "abi %d -> %d", a->abi, b->abi);
	cr_assert_eq(a->nr, b->nr, "nr %ld -> %ld", a->nr, b->nr);
	cr_assert_arr_eq(a->args, b->args, sizeof(a->args), "the arguments changed");
	cr_assert_eq(a->ip, b->ip, "ip %#llx -> %#llx", (unsigned long long)a->ip,
		     (unsigned long long)b->ip);
	cr_assert_eq(a->sp, b->sp, "sp %#llx -> %#llx", (unsigned long long)a->sp,
		     (unsigned long long)b->sp);
	if (a->phase == SCALL_EXIT) {
		cr_assert_eq(a->error, b->error, "error %d -> %d", a->error, b->error);
		cr_assert_eq(a->rval[0], b->rval[0], "rval %lld -> %lld", (long long)a->rval[0],
			     (long long)b->rval[0]);
	}
}

static void inject_getpid(scall_tracer *t, pid_t tid, pid_t pid)
{
	int64_t ret = 0;
	int rc = scall_inject(t, tid, SYS_getpid, NULL, &ret);

	cr_assert_eq(rc, 0, "scall_inject: %d", rc);
	cr_assert_eq(ret, pid, "injected getpid returned %lld", (long long)ret);
}

/* At an entry: the pending write still runs with its own arguments. */
H_MODE_TEST(inject, at_entry)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info before, after;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "write:hello", "getppid", NULL);
	uint64_t args[6] = { 0 };
	int64_t ret = 0;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_write, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &before);
	inject_getpid(t, pid, pid);
	/* One with an argument: getpgid(0). */
	cr_assert_eq(scall_inject(t, pid, SYS_getpgid, args, &ret), 0);
	cr_assert_eq(ret, getpgid(pid));
	/* One that fails: close(-1). */
	args[0] = (uint64_t)-1;
	cr_assert_eq(scall_inject(t, pid, SYS_close, args, &ret), 0);
	cr_assert_eq(ret, -EBADF, "injected close(-1) returned %lld", (long long)ret);
	get_info(t, pid, &after);
	assert_same_info(&before, &after);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_EXIT, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_write, "%s", h_ev_str(&ev));
	cr_assert_arr_eq(ev.info.args, before.args, sizeof(before.args));
	cr_assert_eq(ev.info.rval[0], 5);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "write", 0).ret, 5);
	cr_assert_str_eq(h_result(&c, "write", 0).detail, "hello");
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	h_free(t);
}

/* At an exit: the tracee still gets the real result. */
H_MODE_TEST(inject, at_exit)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info before, after;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", "gettid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &before);
	cr_assert_eq(before.rval[0], getpid());
	inject_getpid(t, pid, pid);
	inject_getpid(t, pid, pid);
	get_info(t, pid, &after);
	assert_same_info(&before, &after);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_ENTRY, "the next stop after the exit: %s", h_ev_str(&ev));
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	cr_assert_eq(h_result(&c, "gettid", 0).ret, pid);
	h_free(t);
}

/* After scall_set_info: an injection keeps the change (here an emulation). */
H_MODE_TEST(inject, keeps_set_info)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si, after;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	si.phase = SCALL_EXIT;
	si.error = 0;
	si.rval[0] = 777;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	inject_getpid(t, pid, pid);
	get_info(t, pid, &after);
	cr_assert_eq(after.phase, SCALL_EXIT);
	cr_assert_eq(after.rval[0], 777);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.nr, SYS_getppid);
	cr_assert_eq(ev.info.rval[0], 777);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, 777);
	h_free(t);
}

/* At a SIGNAL stop: the signal is still delivered afterwards. */
H_MODE_TEST(inject, at_signal_stop)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:10", "raise:10", "handled:10", NULL);
	int64_t ret = 0;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.sig, SIGUSR1);
	/* The signal is off its queue: injecting would have to requeue it. */
	cr_assert_eq(scall_inject(t, pid, SYS_getpid, NULL, &ret), -EBUSY);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_SYSCALL, SIGUSR1), 0);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "raise", 0).ret, 0, "the interrupted tgkill returned %ld",
		     h_result(&c, "raise", 0).ret);
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "10 1 1");
	h_free(t);
}

/* At START, before the program's first instruction. */
H_MODE_TEST(inject, at_start)
{
	scall_tracer *t = h_new(mode);
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getpid", NULL);

	inject_getpid(t, pid, pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* In a group-stop: it stays stopped afterwards until SIGCONT. */
Test(inject, at_group_stop)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "stop", "getpid", NULL);
	int64_t ret = 0;

	h_go(t, pid, SCALL_RESUME_CONT);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_CONT, &ev);
	h_resume(t, &ev, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_GROUP_STOP, "%s", h_ev_str(&ev));
	/* Running a call would end the job-control stop. */
	cr_assert_eq(scall_inject(t, pid, SYS_getpid, NULL, &ret), -EBUSY);
	h_resume(t, &ev, SCALL_RESUME_CONT);
	cr_assert_eq(scall_wait(t, &ev, 200), -ETIMEDOUT, "%s", h_ev_str(&ev));
	cr_assert(h_proc_state(pid) == 'T' || h_proc_state(pid) == 't');
	cr_assert_eq(kill(pid, SIGCONT), 0);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/*
 * scall_scratch: memory in the tracee that the tracer can fill and point a
 * call at.  openat of file A is turned into openat of file B.
 */
static void scratch_body(unsigned mode, const char *prog, enum scall_abi abi, long nr_openat)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	char a[64], b[64], arg[80], buf[64];
	uint64_t addr = 0, addr2 = 0;
	pid_t pid;
	struct h_res r;

	h_tmpfile(a, sizeof(a), "from A\n");
	h_tmpfile(b, sizeof(b), "from B\n");
	snprintf(arg, sizeof(arg), "openat:%s", a);
	pid = h_start(t, &c, prog, arg, NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	for (;;) {
		h_until_call(t, pid, abi, nr_openat, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
		if (scall_mem_read_str(t, pid, ev.info.args[1], buf, sizeof(buf)) > 0 &&
		    strcmp(buf, a) == 0)
			break;
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	}
	cr_assert_eq(scall_scratch(t, pid, 100, &addr), 0);
	cr_assert_neq(addr, 0);
	if (abi == SCALL_ABI_I386)
		cr_assert_lt(addr, 1ull << 32, "scratch at %#llx: out of reach of a 32-bit process",
			     (unsigned long long)addr);
	cr_assert_eq(scall_mem_write(t, pid, addr, b, strlen(b) + 1), (ssize_t)strlen(b) + 1);
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, sizeof(buf)), (ssize_t)strlen(b));
	cr_assert_str_eq(buf, b);
	/* Asking again is fine, and the memory is writable too. */
	cr_assert_eq(scall_scratch(t, pid, 100, &addr2), 0);
	cr_assert_neq(addr2, 0);
	get_info(t, pid, &si);
	si.args[1] = addr;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.args[1], addr);
	cr_assert_geq(ev.info.rval[0], 0, "openat of B failed: %s", h_ev_str(&ev));
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	r = h_result(&c, "openat", 0);
	cr_assert_geq(r.ret, 0);
	cr_assert_str_eq(r.detail, "from B", "the tracee read \"%s\"", r.detail);
	unlink(a);
	unlink(b);
	h_free(t);
}

H_MODE_TEST(inject, scratch_path)
{
	scratch_body(mode, "calls", SCALL_ABI_X86_64, SYS_openat);
}

/* The same in a 32-bit process (i386 openat is 295). */
H_MODE_TEST(inject, scratch_path_i386)
{
	scratch_body(mode, "calls.32", SCALL_ABI_I386, 295);
}
