/* SPDX-License-Identifier: MIT */
/*
 * Filters: which calls stop under SCALL_RESUME_CONT, and which the kernel
 * denies.  In a spawned process they are a seccomp filter; in an attached
 * one the library applies them.
 */
#include <errno.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(filter, .timeout = 30, .fini = h_cleanup);

#define I386_GETPPID 64

static void add_rule(scall_tracer *t, enum scall_abi abi, long nr, enum scall_action action,
		     int data)
{
	int rc = scall_filter_add(t, abi, nr, action, data);

	cr_assert_eq(rc, 0, "scall_filter_add(%d, %ld, %d, %d): %d", abi, nr, action, data, rc);
}

struct stops {
	enum scall_abi abi;
	long nr;
	int n;
};

/* Every SYSCALL event must be an entry of (abi, nr); counts them. */
static void only_entries_of(const struct scall_event *ev, void *arg)
{
	struct stops *s = arg;

	if (ev->type != SCALL_EV_SYSCALL)
		return;
	cr_assert_eq(ev->info.phase, SCALL_ENTRY, "a stop that is not an entry: %s", h_ev_str(ev));
	cr_assert_eq(ev->info.abi, s->abi, "a stop of another abi: %s", h_ev_str(ev));
	cr_assert_eq(ev->info.nr, s->nr, "a stop at another call: %s", h_ev_str(ev));
	s->n++;
}

static void no_syscall(const struct scall_event *ev, void *arg)
{
	(void)arg;
	cr_assert_neq(ev->type, SCALL_EV_SYSCALL, "a stop under CONT: %s", h_ev_str(ev));
}

/* TRACE getppid: under CONT exactly its entries stop, nothing else. */
H_MODE_TEST(filter, trace_one_call)
{
	scall_tracer *t = h_new(mode);
	struct stops s = { SCALL_ABI_X86_64, SYS_getppid, 0 };
	struct h_child c;
	pid_t pid;
	int i;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", "getppid", "getpid", "getppid", "write:x", "getppid",
		      "gettid", "getppid", "getppid", NULL);
	cr_assert_eq(scall_filter_active(t, pid), 1);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_entries_of, &s), 0);
	cr_assert_eq(s.n, 5, "%d stops for 5 getppid calls", s.n);
	for (i = 0; i < 5; i++)
		cr_assert_eq(h_result(&c, "getppid", i).ret, getpid());
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	cr_assert_str_eq(h_result(&c, "write", 0).detail, "x");
	h_free(t);
}

/* The same rule for the i386 table in a 32-bit program. */
Test(filter, trace_one_call_i386)
{
	scall_tracer *t = h_new(0);
	struct stops s = { SCALL_ABI_I386, I386_GETPPID, 0 };
	struct h_child c;
	pid_t pid;

	add_rule(t, SCALL_ABI_I386, I386_GETPPID, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls.32", "getppid", "getpid", "getppid", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_entries_of, &s), 0);
	cr_assert_eq(s.n, 2, "%d stops for 2 getppid calls", s.n);
	cr_assert_eq(h_result(&c, "getppid", 1).ret, getpid());
	h_free(t);
}

struct entry_count {
	long nr;
	int entries, exits;
};

static void count_call(const struct scall_event *ev, void *arg)
{
	struct entry_count *n = arg;

	if (ev->type != SCALL_EV_SYSCALL || ev->info.nr != n->nr ||
	    ev->info.abi != SCALL_ABI_X86_64)
		return;
	if (ev->info.phase == SCALL_ENTRY)
		n->entries++;
	else
		n->exits++;
}

/* Under SCALL_RESUME_SYSCALL a filter changes nothing: one entry and one exit per call. */
H_MODE_TEST(filter, syscall_mode_sees_everything)
{
	scall_tracer *t = h_new(mode);
	struct entry_count ppid = { SYS_getppid, 0, 0 }, gpid = { SYS_getpid, 0, 0 };
	struct scall_event ev;
	struct h_child c;
	pid_t pid;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", "getppid", "getpid", "getppid", NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	for (;;) {
		h_wait(t, &ev);
		count_call(&ev, &ppid);
		count_call(&ev, &gpid);
		if (ev.type == SCALL_EV_EXIT && ev.tid == pid)
			break;
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	}
	h_assert_exited(ev.status, 0);
	cr_assert_eq(ppid.entries, 2, "%d getppid entries (a seccomp stop reported twice?)",
		     ppid.entries);
	cr_assert_eq(ppid.exits, 2);
	cr_assert_eq(gpid.entries, 1);
	cr_assert_eq(gpid.exits, 1);
	h_free(t);
}

/* At a filtered entry, SCALL_RESUME_SYSCALL still gives its exit stop. */
H_MODE_TEST(filter, exit_stop_after_filtered_entry)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct h_child c;
	pid_t pid;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", "getppid", "getpid", "getppid", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_getppid);
	cr_assert_eq(ev.info.phase, SCALL_ENTRY);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_getppid, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_EXIT, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.rval[0], getpid());
	h_go(t, pid, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_getppid, "getpid must not stop: %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_ENTRY);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 1).ret, getpid());
	h_free(t);
}

/* Tier 2: an emulation decided at a filtered entry costs that one stop. */
H_MODE_TEST(filter, emulate_in_one_stop)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	char path[64], arg[80];
	struct stat st;
	pid_t pid;

	h_tmpfile(path, sizeof(path), "keep\n");
	snprintf(arg, sizeof(arg), "unlink:%s", path);
	add_rule(t, SCALL_ABI_UNKNOWN, SYS_unlink, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", arg, "getpid", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, SYS_unlink);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.phase = SCALL_EXIT;
	si.error = EBUSY;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL), 0);
	cr_assert_eq(h_result(&c, "unlink", 0).ret, -1);
	cr_assert_eq(h_result(&c, "unlink", 0).err, EBUSY);
	cr_assert_eq(stat(path, &st), 0, "the emulated unlink ran");
	unlink(path);
	h_free(t);
}

/* ERRNO: denied by the kernel, no stop; the tracee sees the errno. */
Test(filter, errno_rule)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid;
	struct h_res r;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EACCES);
	pid = h_start(t, &c, "calls", "getppid", "getpid", "getppid", NULL);
	cr_assert_eq(scall_filter_active(t, pid), 1);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL), 0);
	r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, -1);
	cr_assert_eq(r.err, EACCES, "errno %d", r.err);
	cr_assert_eq(h_result(&c, "getppid", 1).err, EACCES);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* KILL: the process dies of SIGSYS at the call. */
Test(filter, kill_rule)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid;
	int status;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_KILL, 0);
	pid = h_start(t, &c, "calls", "getpid", "getppid", "exit:0", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	status = h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS, "status %#x", status);
	h_free(t);
}

/* Without rules no filter is in force. */
Test(filter, inactive_without_rules)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getpid", NULL);

	cr_assert_eq(scall_filter_active(t, pid), 0);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL), 0);
	h_free(t);
}

/* Make seccomp(2) fail with ENOSYS in this test process and its children. */
static void no_seccomp_here(void)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);

	cr_assert(ctx);
	cr_assert_eq(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(seccomp), 0), 0);
	cr_assert_eq(seccomp_load(ctx), 0);
	seccomp_release(ctx);
	cr_assert_eq(syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL), -1);
	cr_assert_eq(errno, ENOSYS);
}

/*
 * Where seccomp(2) is missing, a spawn with rules still works: the library
 * applies TRACE and ERRNO rules at each stop, as for an attached process.
 */
Test(filter, spawn_without_seccomp_falls_back)
{
	scall_tracer *t;
	struct stops s = { SCALL_ABI_X86_64, SYS_getppid, 0 };
	struct h_child c;
	pid_t pid;

	no_seccomp_here();
	t = h_new(0);
	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	add_rule(t, SCALL_ABI_UNKNOWN, SYS_gettid, SCALL_ACT_ERRNO, EACCES);
	pid = h_start(t, &c, "calls", "getppid", "getpid", "gettid", "getppid", NULL);
	cr_assert_eq(scall_filter_active(t, pid), 0, "no seccomp filter can be in force");
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_entries_of, &s), 0);
	cr_assert_eq(s.n, 2, "%d stops for 2 getppid calls", s.n);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	cr_assert_eq(h_result(&c, "getppid", 1).ret, getpid());
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	cr_assert_eq(h_result(&c, "gettid", 0).ret, -1);
	cr_assert_eq(h_result(&c, "gettid", 0).err, EACCES);
	h_free(t);
}

struct seen_calls {
	int entries, exits, exit_errno;
	long nr;
};

static void count_calls_of(const struct scall_event *ev, void *arg)
{
	struct seen_calls *s = arg;

	if (ev->type != SCALL_EV_SYSCALL || ev->info.nr != s->nr)
		return;
	if (ev->info.phase == SCALL_ENTRY) {
		s->entries++;
	} else {
		s->exits++;
		s->exit_errno = ev->info.error;
	}
}

/* Without seccomp, under a full trace: each entry and exit is reported, and
 * ERRNO rules still hold (the exit shows the error, the call did not run). */
Test(filter, spawn_without_seccomp_denies_under_full_trace)
{
	scall_tracer *t;
	struct seen_calls s = { 0, 0, 0, SYS_gettid };
	struct h_child c;
	pid_t pid;

	no_seccomp_here();
	t = h_new(0);
	add_rule(t, SCALL_ABI_UNKNOWN, SYS_gettid, SCALL_ACT_ERRNO, EACCES);
	pid = h_start(t, &c, "calls", "gettid", "getpid", NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, count_calls_of, &s), 0);
	cr_assert_eq(s.entries, 1, "%d entries", s.entries);
	cr_assert_eq(s.exits, 1, "%d exits", s.exits);
	cr_assert_eq(s.exit_errno, EACCES);
	cr_assert_eq(h_result(&c, "gettid", 0).ret, -1);
	cr_assert_eq(h_result(&c, "gettid", 0).err, EACCES);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* Start `calls read OPS...` untraced, attach, and wait for its START. */
static pid_t attach_reader(scall_tracer *t, struct h_child *c, const char *a, const char *b,
			   const char *d)
{
	struct scall_event ev;
	pid_t pid = h_fork_exec(c, "calls", "read", a, b, d, NULL);

	h_wait_blocked(pid, SYS_read);
	cr_assert_eq(scall_attach(t, pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.tid, pid);
	cr_assert_eq(scall_filter_active(t, pid), 0, "no seccomp filter in an attached process");
	return pid;
}

/* Attached: the library applies TRACE rules itself. */
Test(filter, attached_trace)
{
	scall_tracer *t = h_new(0);
	struct stops s = { SCALL_ABI_X86_64, SYS_getppid, 0 };
	struct h_child c;
	pid_t pid;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = attach_reader(t, &c, "getppid", "getpid", "getppid");
	h_go(t, pid, SCALL_RESUME_CONT);
	cr_assert_eq(write(c.in, "go\n", 3), 3);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_entries_of, &s), 0);
	cr_assert_eq(s.n, 2, "%d stops for 2 getppid calls", s.n);
	cr_assert_str_eq(h_result(&c, "read", 0).detail, "go");
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	cr_assert_eq(h_result(&c, "getppid", 1).ret, getpid());
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* Attached: ERRNO is emulated at the entry; no stop is reported. */
Test(filter, attached_errno)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid;
	struct h_res r;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EPERM);
	pid = attach_reader(t, &c, "getppid", "getpid", "getppid");
	h_go(t, pid, SCALL_RESUME_CONT);
	cr_assert_eq(write(c.in, "go\n", 3), 3);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, no_syscall, NULL), 0);
	r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, -1);
	cr_assert_eq(r.err, EPERM);
	cr_assert_eq(h_result(&c, "getppid", 1).err, EPERM);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* A filtered spawned process cannot be detached: -EPERM, and it stays traced. */
Test(filter, detach_filtered_eperm)
{
	scall_tracer *t = h_new(0);
	struct stops s = { SCALL_ABI_X86_64, SYS_getppid, 0 };
	struct h_child c;
	pid_t pid;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", "getppid", NULL);
	cr_assert_eq(scall_detach(t, pid), -EPERM);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_entries_of, &s), 0);
	cr_assert_eq(s.n, 1);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	h_free(t);
}

static void only_pid(const struct scall_event *ev, void *arg)
{
	pid_t pid = *(pid_t *)arg;

	cr_assert_eq(ev->pid, pid, "an event of an unfollowed child: %s", h_ev_str(ev));
	cr_assert_neq(ev->type, SCALL_EV_SYSCALL, "a stop under CONT: %s", h_ev_str(ev));
}

/*
 * Children of a filtered process, without SCALL_FOLLOW_FORKS: never
 * reported, and their filtered calls work (no ENOSYS).
 */
static void unfollowed_children(const char *how)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid, child;
	struct h_res r;

	add_rule(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	pid = h_start(t, &c, "calls", how, "getppid", "getpid", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, only_pid, &pid), 0);
	r = h_result(&c, how, 0);
	child = (pid_t)r.ret;
	cr_assert_str_eq(r.detail, "exit=0", "%s", h_output(&c));
	r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, pid, "the child's getppid: %ld errno %d", r.ret, r.err);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, child);
	h_free(t);
}

Test(filter, fork_child_not_followed)
{
	unfollowed_children("fork");
}

Test(filter, vfork_child_not_followed)
{
	unfollowed_children("vfork");
}
