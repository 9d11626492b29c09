/* SPDX-License-Identifier: MIT */
/*
 * Events: spawn, threads, fork / vfork / clone with and without
 * SCALL_FOLLOW_FORKS, exec (also from a thread that is not the leader), exit
 * statuses, and scall_wait's -ECHILD and -ETIMEDOUT.  Attach and detach are
 * in test_attach.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(events, .timeout = 30, .fini = h_cleanup);

static void assert_no_child_left(void)
{
	int status;

	errno = 0;
	cr_assert_eq(waitpid(-1, &status, WNOHANG | __WALL), -1, "a child is left behind");
	cr_assert_eq(errno, ECHILD, "waitpid: %s", strerror(errno));
}

/* The first event of a spawned program is its START, before its first instruction. */
Test(events, spawn_start_first)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = 0;

	h_spawn(t, &c, "calls", "getpid", NULL);
	cr_assert_gt(c.pid, 0);
	pid = c.pid;
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START, "first event: %s", h_ev_str(&ev));
	cr_assert_eq(ev.tid, pid);
	cr_assert_eq(ev.pid, pid);
	cr_assert_eq(ev.parent, 0, "a spawned process has no traced creator");
	/* Before its first instruction: nothing printed, no call reported yet. */
	cr_assert_str_eq(h_output(&c), "");
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "second event: %s", h_ev_str(&ev));
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* A program that cannot be run: -ENOENT, and no child is left behind. */
Test(events, spawn_missing_program)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	char *argv[] = { (char *)"scall-test-no-such-program", NULL };
	pid_t pid = -7;

	cr_assert_eq(h_spawn_rc(t, &c, "no-such-program", NULL), -ENOENT);
	assert_no_child_left();
	cr_assert_eq(scall_spawn(t, argv, NULL, &pid), -ENOENT, "PATH lookup of a missing name");
	assert_no_child_left();
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD, "a failed spawn left something traced");
	h_free(t);
}

/* A file that is not executable: -EACCES, nothing left. */
Test(events, spawn_not_executable)
{
	scall_tracer *t = h_new(0);
	char path[64];
	char *argv[] = { path, NULL };

	h_tmpfile(path, sizeof(path), "not a program\n");
	chmod(path, 0644);
	cr_assert_eq(scall_spawn(t, argv, NULL, NULL), -EACCES);
	assert_no_child_left();
	unlink(path);
	h_free(t);
}

/* argv[0] without a slash is looked up in PATH, as execvp does. */
Test(events, spawn_path_lookup)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	char *argv[] = { (char *)"true", NULL };
	pid_t pid = 0;

	cr_assert_eq(scall_spawn(t, argv, NULL, &pid), 0);
	cr_assert_gt(pid, 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	cr_assert_eq(ev.tid, pid);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	h_free(t);
}

/* The EXIT event carries the wait status: a normal exit... */
Test(events, exit_status_code)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getpid", "exit:3", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_type(t, 0, SCALL_EV_EXIT, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.tid, pid);
	cr_assert_eq(ev.pid, pid);
	h_assert_exited(ev.status, 3);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	cr_assert(!h_has_result(&c, "getppid", 0));
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD, "something traced after the exit");
	h_free(t);
}

/* ... and a death by signal, after the SIGNAL event that delivered it. */
Test(events, exit_status_signal)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "raise:15", NULL);

	h_go(t, pid, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SIGNAL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.sig, SIGTERM);
	h_resume(t, &ev, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_EXIT, "%s", h_ev_str(&ev));
	cr_assert(WIFSIGNALED(ev.status) && WTERMSIG(ev.status) == SIGTERM, "status %#x",
		  ev.status);
	h_free(t);
}

/* -ECHILD when nothing is traced: before anything, and after the last exit. */
Test(events, wait_echild)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid;

	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD);
	cr_assert_eq(scall_wait(t, &ev, -1), -ECHILD, "an empty tracer must not block");
	pid = h_start(t, &c, "calls", NULL);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	cr_assert_eq(scall_wait(t, &ev, 1000), -ECHILD);
	h_free(t);
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* -ETIMEDOUT once the timeout passed while the tracee blocks; 0 polls. */
Test(events, wait_timeout)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct timespec t0;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "read", NULL);
	long ms;

	h_go(t, pid, SCALL_RESUME_CONT);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_eq(scall_wait(t, &ev, 300), -ETIMEDOUT);
	ms = ms_since(&t0);
	cr_assert(ms >= 250 && ms < 5000, "the 300 ms wait took %ld ms", ms);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cr_assert_eq(scall_wait(t, &ev, 0), -ETIMEDOUT);
	cr_assert_lt(ms_since(&t0), 200, "a poll blocked");
	cr_assert_eq(write(c.in, "go\n", 3), 3);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	cr_assert_str_eq(h_result(&c, "read", 0).detail, "go");
	h_free(t);
}

/*
 * A new process under SCALL_FOLLOW_FORKS: the creator's CLONE comes before
 * the child's START, which names its parent; both have the right kind.
 * Returns the child.
 */
static pid_t check_new_process(const struct h_log *log, pid_t pid, int kind)
{
	int clone_i = -1, start_i = -1, i;
	pid_t child;

	for (i = 0; i < log->n; i++) {
		if (log->ev[i].type == SCALL_EV_CLONE && log->ev[i].tid == pid && clone_i < 0)
			clone_i = i;
	}
	cr_assert_geq(clone_i, 0, "no CLONE event of %d", pid);
	child = log->ev[clone_i].child;
	cr_assert_gt(child, 0);
	cr_assert_neq(child, pid);
	cr_assert_eq(log->ev[clone_i].pid, pid);
	cr_assert_eq(log->ev[clone_i].clone, kind, "CLONE kind %d, expected %d",
		     log->ev[clone_i].clone, kind);
	for (i = 0; i < log->n; i++) {
		if (log->ev[i].tid == child && start_i < 0) {
			start_i = i;
			cr_assert_eq(log->ev[i].type, SCALL_EV_START,
				     "first event of the child is not START: %s",
				     h_ev_str(&log->ev[i]));
		}
	}
	cr_assert_geq(start_i, 0, "no event of the child %d", child);
	cr_assert_gt(start_i, clone_i, "the child's START came before its creator's CLONE");
	cr_assert_eq(log->ev[start_i].parent, pid, "START's parent %d", log->ev[start_i].parent);
	cr_assert_eq(log->ev[start_i].clone, kind, "START's clone kind %d", log->ev[start_i].clone);
	cr_assert_eq(log->ev[start_i].pid, kind == SCALL_CLONE_THREAD ? pid : child);
	return child;
}

/* The exit status of tid in the log (asserted to be there). */
static int logged_exit(const struct h_log *log, pid_t tid)
{
	int i = h_log_find(log, 0, SCALL_EV_EXIT, tid);

	cr_assert_geq(i, 0, "no EXIT event of %d", tid);
	return log->ev[i].status;
}

static bool logged_call(const struct h_log *log, pid_t tid, long nr)
{
	int i;

	for (i = 0; i < log->n; i++) {
		if (log->ev[i].type == SCALL_EV_SYSCALL && log->ev[i].tid == tid &&
		    log->ev[i].info.nr == nr)
			return true;
	}
	return false;
}

Test(events, follow_fork)
{
	scall_tracer *t = h_new(SCALL_FOLLOW_FORKS);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "fork", "getpid", NULL);
	pid_t child;
	struct h_res r;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	child = check_new_process(log, pid, SCALL_CLONE_FORK);
	cr_assert(logged_call(log, child, SYS_getpid), "the child's getpid was not seen");
	h_assert_exited(logged_exit(log, child), 0);
	r = h_result(&c, "fork", 0);
	cr_assert_eq(r.ret, child);
	cr_assert_str_eq(r.detail, "exit=0");
	cr_assert_eq(h_result(&c, "getpid", 0).ret, child);
	h_log_free(log);
	h_free(t);
}

/* vfork: the parent sleeps until the child execs; nothing deadlocks. */
Test(events, follow_vfork)
{
	scall_tracer *t = h_new(SCALL_FOLLOW_FORKS);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "vfork", "getpid", NULL);
	pid_t child;
	int i;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	child = check_new_process(log, pid, SCALL_CLONE_VFORK);
	i = h_log_find(log, 0, SCALL_EV_EXEC, child);
	cr_assert_geq(i, 0, "no EXEC of the vfork child");
	cr_assert_eq(log->ev[i].former_tid, child);
	cr_assert(logged_call(log, child, SYS_getpid));
	h_assert_exited(logged_exit(log, child), 0);
	cr_assert_eq(h_result(&c, "vfork", 0).ret, child);
	cr_assert_str_eq(h_result(&c, "vfork", 0).detail, "exit=0");
	cr_assert_eq(h_result(&c, "getpid", 0).ret, child);
	h_log_free(log);
	h_free(t);
}

/* A raw clone() without CLONE_VM is a new process: kind FORK. */
Test(events, follow_clone)
{
	scall_tracer *t = h_new(SCALL_FOLLOW_FORKS);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "clonefork", NULL);
	pid_t child;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	child = check_new_process(log, pid, SCALL_CLONE_FORK);
	cr_assert(logged_call(log, child, SYS_getppid));
	h_assert_exited(logged_exit(log, child), 7);
	cr_assert_str_eq(h_result(&c, "clonefork", 0).detail, "exit=7",
			 "the child's getppid was wrong");
	h_log_free(log);
	h_free(t);
}

/* Threads are traced without SCALL_FOLLOW_FORKS. */
Test(events, threads_followed_without_flag)
{
	scall_tracer *t = h_new(0);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "thread", "gettid", NULL);
	pid_t tid;
	int i;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	tid = check_new_process(log, pid, SCALL_CLONE_THREAD);
	for (i = 0; i < log->n; i++) {
		const struct scall_event *ev = &log->ev[i];

		if (ev->type == SCALL_EV_SYSCALL && ev->tid == tid && ev->info.nr == SYS_gettid &&
		    ev->info.phase == SCALL_EXIT)
			break;
	}
	cr_assert_lt(i, log->n, "the thread's gettid exit was not seen");
	cr_assert_eq(log->ev[i].info.rval[0], tid);
	cr_assert_eq(log->ev[i].pid, pid);
	cr_assert_geq(h_log_find(log, 0, SCALL_EV_EXIT, tid), 0, "no EXIT of the thread");
	cr_assert_eq(h_result(&c, "gettid", 0).ret, tid);
	h_log_free(log);
	h_free(t);
}

static void only_pid(const struct scall_event *ev, void *arg)
{
	pid_t pid = *(pid_t *)arg;

	cr_assert_eq(ev->tid, pid, "an event of another process: %s", h_ev_str(ev));
	cr_assert_eq(ev->pid, pid, "an event of another process: %s", h_ev_str(ev));
	cr_assert(ev->type != SCALL_EV_CLONE, "CLONE without SCALL_FOLLOW_FORKS: %s", h_ev_str(ev));
}

/* Without SCALL_FOLLOW_FORKS children are not traced, and run correctly. */
static void untraced_child(const char *how)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", how, "getpid", "getppid", NULL);
	struct h_res r;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, only_pid, &pid), 0);
	r = h_result(&c, how, 0);
	cr_assert_str_eq(r.detail, "exit=0", "the child: %s", h_output(&c));
	cr_assert_eq(h_result(&c, "getpid", 0).ret, r.ret);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, pid);
	h_free(t);
}

Test(events, fork_not_followed)
{
	untraced_child("fork");
}

Test(events, vfork_not_followed)
{
	untraced_child("vfork");
}

/* exec: one EXEC event; the program after it runs traced. */
Test(events, exec)
{
	scall_tracer *t = h_new(0);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getpid", "exec", "getppid", NULL);
	int i, entry = -1, n = 0;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	for (i = 0; i < log->n; i++) {
		const struct scall_event *ev = &log->ev[i];

		if (ev->type == SCALL_EV_SYSCALL && ev->info.nr == SYS_execve &&
		    ev->info.phase == SCALL_ENTRY && entry < 0)
			entry = i;
		n += ev->type == SCALL_EV_EXEC;
	}
	cr_assert_eq(n, 1, "%d EXEC events", n);
	i = h_log_find(log, 0, SCALL_EV_EXEC, 0);
	cr_assert_gt(i, entry, "EXEC before execve's entry");
	cr_assert_geq(entry, 0, "execve's entry not seen");
	cr_assert_eq(log->ev[i].tid, pid);
	cr_assert_eq(log->ev[i].pid, pid);
	cr_assert_eq(log->ev[i].former_tid, pid);
	cr_assert(logged_call(log, pid, SYS_getppid), "the new program's calls were not seen");
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	h_log_free(log);
	h_free(t);
}

/*
 * exec from a thread that is not the leader: EXEC reports the process's
 * pid as tid and the thread that called execve as former_tid.
 */
Test(events, exec_from_thread)
{
	scall_tracer *t = h_new(0);
	struct h_log *log = h_log_new();
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "thread", "exec", "getpid", "gettid", NULL);
	pid_t tid;
	int i;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	tid = check_new_process(log, pid, SCALL_CLONE_THREAD);
	i = h_log_find(log, 0, SCALL_EV_EXEC, 0);
	cr_assert_geq(i, 0, "no EXEC event");
	cr_assert_eq(log->ev[i].tid, pid, "EXEC tid %d", log->ev[i].tid);
	cr_assert_eq(log->ev[i].pid, pid);
	cr_assert_eq(log->ev[i].former_tid, tid, "former_tid %d, the thread was %d",
		     log->ev[i].former_tid, tid);
	cr_assert_eq(h_log_find(log, i + 1, SCALL_EV_EXEC, 0), -1, "two EXEC events");
	/* After it, the calls are the leader's: the new program runs as pid. */
	cr_assert(logged_call(log, pid, SYS_gettid));
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	cr_assert_eq(h_result(&c, "gettid", 0).ret, pid);
	h_log_free(log);
	h_free(t);
}

/* Resuming a thread whose START was not reported yet drops that START. */
Test(events, resume_drops_unreported_start)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid;

	h_spawn(t, &c, "calls", "getpid", NULL);
	pid = c.pid;
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_neq(ev.type, SCALL_EV_START, "START reported after the thread was resumed");
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}
