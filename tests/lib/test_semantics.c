/* SPDX-License-Identifier: MIT */
/*
 * The scall_set_info table (DESIGN.md, section 3): change a call at its
 * entry, emulate it, change its result, run another call from an exit; and
 * what scall_get_info reports around those.  Each test runs twice: through
 * PTRACE_{GET,SET}_SYSCALL_INFO and through registers (SCALL_USE_REGS).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(semantics, .timeout = 30, .fini = h_cleanup);

static bool file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Fetch the info of a stopped thread, asserted. */
static void get_info(scall_tracer *t, pid_t tid, struct scall_info *si)
{
	int rc;

	memset(si, 0xa5, sizeof(*si));
	rc = scall_get_info(t, tid, si);
	cr_assert_eq(rc, 0, "scall_get_info: %d", rc);
}

static void set_info(scall_tracer *t, pid_t tid, const struct scall_info *si)
{
	int rc = scall_set_info(t, tid, si);

	cr_assert_eq(rc, 0, "scall_set_info: %d", rc);
}

/* The next event of tid must be the exit stop of nr. */
static void expect_exit_of(scall_tracer *t, pid_t tid, long nr, struct scall_event *ev)
{
	h_next(t, tid, SCALL_RESUME_SYSCALL, ev);
	cr_assert_eq(ev->type, SCALL_EV_SYSCALL, "expected an exit stop, got %s", h_ev_str(ev));
	cr_assert_eq(ev->info.phase, SCALL_EXIT, "expected an exit stop, got %s", h_ev_str(ev));
	cr_assert_eq(ev->info.nr, nr, "exit stop of the wrong call: %s", h_ev_str(ev));
}

static void no_syscall_event(const struct scall_event *ev, void *arg)
{
	(void)arg;
	cr_assert_neq(ev->type, SCALL_EV_SYSCALL, "a stop under SCALL_RESUME_CONT: %s",
		      h_ev_str(ev));
}

/* entry, ENTRY: a new number.  getppid becomes getpid; the tracee gets its pid. */
H_MODE_TEST(semantics, entry_entry_changes_nr)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_ENTRY);
	cr_assert_eq(si.abi, SCALL_ABI_X86_64);
	cr_assert_eq(si.nr, SYS_getppid);
	si.nr = SYS_getpid;
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_ENTRY, "get after set: phase %d", si.phase);
	cr_assert_eq(si.nr, SYS_getpid, "get after set: nr %ld", si.nr);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	/* At the exit, nr is the call that ran. */
	expect_exit_of(t, pid, SYS_getpid, &ev);
	cr_assert_eq(ev.info.error, 0);
	cr_assert_eq(ev.info.rval[0], pid, "getpid ran and returned %lld",
		     (long long)ev.info.rval[0]);
	get_info(t, pid, &si);
	cr_assert_eq(si.nr, SYS_getpid);
	cr_assert_eq(si.rval[0], pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, pid, "the tracee's getppid returned %ld, not its pid %d", r.ret, pid);
	cr_assert_eq(r.err, 0);
	h_free(t);
}

/* entry, ENTRY: new arguments.  A write of 11 bytes is cut to 5. */
H_MODE_TEST(semantics, entry_entry_changes_args)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "write:hello-world", NULL);
	uint64_t fd, buf;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_write, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	cr_assert_eq(si.args[2], 11, "write of %llu bytes", (unsigned long long)si.args[2]);
	fd = si.args[0];
	buf = si.args[1];
	si.args[2] = 5;
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.nr, SYS_write);
	cr_assert_eq(si.args[2], 5, "get after set: length %llu", (unsigned long long)si.args[2]);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	/* The exit stop shows the arguments the call ran with. */
	expect_exit_of(t, pid, SYS_write, &ev);
	cr_assert_eq(ev.info.args[0], fd);
	cr_assert_eq(ev.info.args[1], buf);
	cr_assert_eq(ev.info.args[2], 5, "exit shows length %llu",
		     (unsigned long long)ev.info.args[2]);
	cr_assert_eq(ev.info.rval[0], 5);
	cr_assert_eq(ev.info.error, 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "write", 0);
	cr_assert_eq(r.ret, 5);
	cr_assert_str_eq(r.detail, "hello", "the pipe got \"%s\"", r.detail);
	h_free(t);
}

/*
 * entry, EXIT: emulation.  The unlink does not run (the file stays), the
 * tracee sees success, and under SCALL_RESUME_SYSCALL the exit stop shows
 * the written values with nr and args of the call that did not run.
 */
H_MODE_TEST(semantics, entry_exit_emulates_value)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si, entry;
	struct h_child c;
	char path[64], arg[80];
	pid_t pid;

	h_tmpfile(path, sizeof(path), "keep me\n");
	snprintf(arg, sizeof(arg), "unlink:%s", path);
	pid = h_start(t, &c, "calls", arg, NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_unlink, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &entry);
	si = entry;
	si.phase = SCALL_EXIT;
	si.error = 0;
	si.rval[0] = 0;
	si.rval[1] = 0;
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_EXIT, "get after set: phase %d", si.phase);
	cr_assert_eq(si.error, 0);
	cr_assert_eq(si.rval[0], 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	expect_exit_of(t, pid, SYS_unlink, &ev);
	cr_assert_eq(ev.info.args[0], entry.args[0], "exit args are not those of the entry");
	cr_assert_eq(ev.info.error, 0, "exit stop error %d", ev.info.error);
	cr_assert_eq(ev.info.rval[0], 0, "exit stop rval %lld", (long long)ev.info.rval[0]);
	cr_assert(file_exists(path), "the emulated unlink ran");
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "unlink", 0);
	cr_assert_eq(r.ret, 0, "the tracee's unlink returned %ld errno %d", r.ret, r.err);
	cr_assert(file_exists(path), "the emulated unlink ran");
	unlink(path);
	h_free(t);
}

/* entry, EXIT with an error: the exit stop shows it, the tracee sees it. */
H_MODE_TEST(semantics, entry_exit_emulates_error)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	char path[64], arg[80];
	pid_t pid;

	h_tmpfile(path, sizeof(path), "keep me\n");
	snprintf(arg, sizeof(arg), "unlink:%s", path);
	pid = h_start(t, &c, "calls", arg, NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_unlink, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	si.phase = SCALL_EXIT;
	si.error = EROFS;
	si.rval[0] = 12345; /* ignored: a non-zero error wins */
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_EXIT);
	cr_assert_eq(si.error, EROFS, "get after set: error %d", si.error);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	expect_exit_of(t, pid, SYS_unlink, &ev);
	cr_assert_eq(ev.info.error, EROFS, "exit stop error %d", ev.info.error);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "unlink", 0);
	cr_assert_eq(r.ret, -1);
	cr_assert_eq(r.err, EROFS, "the tracee saw errno %d", r.err);
	cr_assert(file_exists(path), "the emulated unlink ran");
	unlink(path);
	h_free(t);
}

/* entry, EXIT resumed with SCALL_RESUME_CONT: one stop only, no exit stop. */
H_MODE_TEST(semantics, entry_exit_cont_has_no_exit_stop)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	char path[64], arg[80];
	pid_t pid;

	h_tmpfile(path, sizeof(path), "keep me\n");
	snprintf(arg, sizeof(arg), "unlink:%s", path);
	pid = h_start(t, &c, "calls", arg, "getpid", NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_unlink, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	si.phase = SCALL_EXIT;
	si.error = 0;
	si.rval[0] = 0;
	set_info(t, pid, &si);
	h_go(t, pid, SCALL_RESUME_CONT);

	/* No filter: under CONT nothing stops any more, the next event is the exit. */
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall_event, NULL), 0);
	struct h_res r = h_result(&c, "unlink", 0);
	cr_assert_eq(r.ret, 0, "the tracee's unlink returned %ld errno %d", r.ret, r.err);
	cr_assert(file_exists(path), "the emulated unlink ran");
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid, "the tracee went wrong after");
	unlink(path);
	h_free(t);
}

/* exit, EXIT: a new result value. */
H_MODE_TEST(semantics, exit_exit_changes_value)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.info.rval[0], getpid(), "getppid of a child of ours: %lld",
		     (long long)ev.info.rval[0]);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_EXIT);
	cr_assert_eq(si.rval[0], getpid());
	si.rval[0] = 4242;
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_EXIT);
	cr_assert_eq(si.nr, SYS_getppid);
	cr_assert_eq(si.rval[0], 4242, "get after set: rval %lld", (long long)si.rval[0]);
	cr_assert_eq(si.error, 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, 4242, "the tracee's getppid returned %ld", r.ret);
	cr_assert_eq(r.err, 0);
	h_free(t);
}

/* exit, EXIT: an error instead of the real result. */
H_MODE_TEST(semantics, exit_exit_changes_error)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "write:hello", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_write, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.info.rval[0], 5);
	get_info(t, pid, &si);
	si.error = ENOSPC;
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.error, ENOSPC, "get after set: error %d", si.error);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	struct h_res r = h_result(&c, "write", 0);
	cr_assert_eq(r.ret, -1);
	cr_assert_eq(r.err, ENOSPC, "the tracee saw errno %d", r.err);
	/* The write did run: the data is in the pipe. */
	cr_assert_str_eq(r.detail, "hello");
	h_free(t);
}

/*
 * exit, ENTRY: another call runs now.  At getppid's exit, getpid is loaded;
 * the thread's next event is getpid's exit stop (no entry stop) with its real
 * result, and the tracee sees that result.
 */
static void exit_entry_body(unsigned mode, enum scall_resume how)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", "gettid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	si.phase = SCALL_ENTRY;
	si.nr = SYS_getpid;
	memset(si.args, 0, sizeof(si.args));
	set_info(t, pid, &si);
	get_info(t, pid, &si);
	cr_assert_eq(si.phase, SCALL_ENTRY, "get after set: phase %d", si.phase);
	cr_assert_eq(si.nr, SYS_getpid, "get after set: nr %ld", si.nr);
	h_go(t, pid, how);

	h_next(t, pid, how, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "expected getpid's exit, got %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_EXIT, "expected getpid's exit, got %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_getpid, "expected getpid's exit, got %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.error, 0);
	cr_assert_eq(ev.info.rval[0], pid, "getpid returned %lld", (long long)ev.info.rval[0]);
	h_go(t, pid, how);

	h_assert_exited(h_run_to_exit(t, pid, how, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, pid, "the tracee did not get getpid's result");
	cr_assert_eq(h_result(&c, "gettid", 0).ret, pid, "the tracee went wrong after");
	h_free(t);
}

H_MODE_TEST(semantics, exit_entry_runs_another_call)
{
	exit_entry_body(mode, SCALL_RESUME_SYSCALL);
}

/* The same resumed with SCALL_RESUME_CONT: the new call's exit stop still comes. */
H_MODE_TEST(semantics, exit_entry_under_cont)
{
	exit_entry_body(mode, SCALL_RESUME_CONT);
}

/* Entry and exit stops of an untouched call: the exit's nr and args are the entry's. */
H_MODE_TEST(semantics, exit_describes_the_call)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info entry, si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "write:abc", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_write, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	entry = ev.info;
	get_info(t, pid, &si);
	cr_assert_eq(si.nr, entry.nr);
	cr_assert_arr_eq(si.args, entry.args, sizeof(si.args), "get_info differs from the event");
	cr_assert_eq(entry.args[2], 3);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	expect_exit_of(t, pid, SYS_write, &ev);
	cr_assert_eq(ev.info.abi, SCALL_ABI_X86_64);
	cr_assert_arr_eq(ev.info.args, entry.args, sizeof(entry.args),
			 "the exit's args are not the entry's");
	cr_assert_eq(ev.info.rval[0], 3);
	cr_assert_eq(ev.info.error, 0);
	get_info(t, pid, &si);
	cr_assert_arr_eq(si.args, entry.args, sizeof(entry.args));
	cr_assert_eq(si.phase, SCALL_EXIT);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_str_eq(h_result(&c, "write", 0).detail, "abc");
	h_free(t);
}

/* Everything else is -EINVAL, and a refused write changes nothing. */
H_MODE_TEST(semantics, set_info_invalid)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si, bad;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:10", "raise:10", "getppid", NULL);

	/* At START: not a syscall stop. */
	cr_assert_eq(scall_get_info(t, pid, &si), -EINVAL);
	memset(&si, 0, sizeof(si));
	si.phase = SCALL_ENTRY;
	si.abi = SCALL_ABI_X86_64;
	si.nr = SYS_getpid;
	cr_assert_eq(scall_set_info(t, pid, &si), -EINVAL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	/* At a SIGNAL stop: not a syscall stop either. */
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.sig, SIGUSR1);
	cr_assert_eq(scall_get_info(t, pid, &si), -EINVAL);
	cr_assert_eq(scall_set_info(t, pid, &si), -EINVAL);
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);

	h_until_syscall(t, pid, SYS_getppid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	get_info(t, pid, &si);
	bad = si;
	bad.phase = 0;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "phase 0");
	bad.phase = 3;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "phase 3");
	bad = si;
	bad.abi = SCALL_ABI_I386;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "abi i386 at an x86_64 stop");
	bad.abi = 99;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "abi 99");
	bad = si;
	bad.phase = SCALL_EXIT;
	bad.error = 4096;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "error 4096");
	bad.error = -1;
	cr_assert_eq(scall_set_info(t, pid, &bad), -EINVAL, "error -1");
	cr_assert_eq(scall_set_info(t, pid, NULL), -EINVAL, "NULL info");
	cr_assert_eq(scall_get_info(t, pid, NULL), -EINVAL, "NULL info");
	/* Nothing of the refused writes stuck. */
	get_info(t, pid, &bad);
	cr_assert_eq(bad.phase, SCALL_ENTRY);
	cr_assert_eq(bad.nr, SYS_getppid);
	/* SCALL_ABI_UNKNOWN stands for the stop's abi. */
	si.abi = SCALL_ABI_UNKNOWN;
	set_info(t, pid, &si);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	expect_exit_of(t, pid, SYS_getppid, &ev);
	cr_assert_eq(ev.info.rval[0], getpid());
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	h_free(t);
}

struct trap_count {
	scall_tracer *t;
	int signals, sigtraps, syscalls;
};

static void count_trap(const struct scall_event *ev, void *arg)
{
	struct trap_count *n = arg;
	struct scall_info si;

	if (ev->type == SCALL_EV_SIGNAL) {
		n->signals++;
		n->sigtraps += ev->sig == SIGTRAP;
	} else if (ev->type == SCALL_EV_SYSCALL) {
		n->syscalls++;
		cr_assert(ev->info.phase == SCALL_ENTRY || ev->info.phase == SCALL_EXIT,
			  "bad phase: %s", h_ev_str(ev));
	}
	if (ev->type != SCALL_EV_SYSCALL && ev->type != SCALL_EV_EXIT)
		cr_assert_eq(scall_get_info(n->t, ev->tid, &si), -EINVAL,
			     "get_info outside a syscall stop: %s", h_ev_str(ev));
}

/* A SIGTRAP raised by the tracee is a SIGNAL event, not a system call. */
H_MODE_TEST(semantics, sigtrap_is_not_a_syscall)
{
	scall_tracer *t = h_new(mode);
	struct trap_count n = { t, 0, 0, 0 };
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:5", "raise:5", "handled:5", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, count_trap, &n), 0);
	cr_assert_eq(n.sigtraps, 1, "%d SIGTRAP events", n.sigtraps);
	cr_assert_eq(n.signals, 1, "%d SIGNAL events", n.signals);
	cr_assert_gt(n.syscalls, 0);
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "5 1 1",
			 "the tracee's SIGTRAP handler did not run once");
	h_free(t);
}

struct abi_check {
	scall_tracer *t;
	int calls;
};

static void check_abi(const struct scall_event *ev, void *arg)
{
	struct abi_check *a = arg;
	struct scall_info si;

	if (ev->type != SCALL_EV_SYSCALL)
		return;
	a->calls++;
	cr_assert_eq(ev->info.abi, SCALL_ABI_X86_64, "not x86_64: %s", h_ev_str(ev));
	cr_assert_eq(scall_get_info(a->t, ev->tid, &si), 0);
	cr_assert_eq(si.abi, ev->info.abi);
	cr_assert_eq(si.phase, ev->info.phase);
	cr_assert_eq(si.nr, ev->info.nr);
	cr_assert_not_null(scall_syscall_name(si.abi, si.nr), "unknown call: %s", h_ev_str(ev));
}

/* Every call of a 64-bit program is x86_64; events and get_info agree. */
H_MODE_TEST(semantics, abi_is_x86_64)
{
	scall_tracer *t = h_new(mode);
	struct abi_check a = { t, 0 };
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", "write:x", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, check_abi, &a), 0);
	cr_assert_gt(a.calls, 4);
	h_free(t);
}
