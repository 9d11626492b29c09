/* SPDX-License-Identifier: MIT */
/*
 * Signals: delivery and suppression at SIGNAL stops, signals injected at
 * syscall stops (queued to that thread), job-control stops that stay
 * stopped until SIGCONT, and restarted system calls.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(signals, .timeout = 30, .fini = h_cleanup);

/* SIGNAL event resumed with its signal: the tracee's handler runs. */
Test(signals, delivered)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:10", "raise:10", "handled:10", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.sig, SIGUSR1, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.pid, pid);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_SYSCALL, SIGUSR1), 0);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "raise", 0).ret, 0);
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "10 1 1", "the handler did not run");
	h_free(t);
}

/* SIGNAL event resumed with 0: suppressed, the handler never runs. */
Test(signals, suppressed)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:10", "raise:10", "handled:10", NULL);
	int signals = 0;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.sig, SIGUSR1);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_SYSCALL, 0), 0);
	for (;;) {
		h_wait(t, &ev);
		if (ev.type == SCALL_EV_EXIT)
			break;
		signals += ev.type == SCALL_EV_SIGNAL;
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	}
	h_assert_exited(ev.status, 0);
	cr_assert_eq(signals, 0, "the suppressed signal came back");
	cr_assert_eq(h_result(&c, "raise", 0).ret, 0);
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "10 0 0", "the handler ran");
	h_free(t);
}

/*
 * A signal given to scall_resume() at a syscall stop of a thread that is not
 * the leader is queued to that thread: its handler runs there.
 */
Test(signals, injected_at_entry_goes_to_that_thread)
{
	scall_tracer *t = h_new(0);
	struct h_log *log = h_log_new();
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:12", "thread", "getppid", "handled:12", NULL);
	pid_t tid;
	int i;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, 0, SYS_getppid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	tid = ev.tid;
	cr_assert_neq(tid, pid, "getppid should come from the second thread");
	cr_assert_eq(scall_resume(t, tid, SCALL_RESUME_SYSCALL, SIGUSR2), 0);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, h_log_event, log), 0);
	i = h_log_find(log, 0, SCALL_EV_SIGNAL, 0);
	cr_assert_geq(i, 0, "no SIGNAL event for the injected signal");
	cr_assert_eq(log->ev[i].sig, SIGUSR2);
	cr_assert_eq(log->ev[i].tid, tid, "the signal stopped %d, not the thread %d",
		     log->ev[i].tid, tid);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid(), "the call was disturbed");
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "12 1 1",
			 "the handler did not run once in the thread");
	h_log_free(log);
	h_free(t);
}

/* The same at an exit stop. */
Test(signals, injected_at_exit)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "handle:12", "getppid", "handled:12", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_SYSCALL, SIGUSR2), 0);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SIGNAL, "after the injection: %s", h_ev_str(&ev));
	cr_assert_eq(ev.sig, SIGUSR2);
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "12 1 1");
	h_free(t);
}

static void group_stop_body(enum scall_resume how)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "stop", "getpid", NULL);
	char state;

	h_go(t, pid, how);
	h_until_type(t, pid, SCALL_EV_SIGNAL, how, &ev);
	cr_assert_eq(ev.sig, SIGSTOP);
	h_resume(t, &ev, how);
	h_next(t, pid, how, &ev);
	cr_assert_eq(ev.type, SCALL_EV_GROUP_STOP, "after SIGSTOP: %s", h_ev_str(&ev));
	cr_assert_eq(ev.sig, SIGSTOP);
	h_resume(t, &ev, how);

	/* It stays stopped, and the tracer is not blocked. */
	cr_assert_eq(scall_wait(t, &ev, 300), -ETIMEDOUT, "an event in a group-stop: %s",
		     h_ev_str(&ev));
	state = h_proc_state(pid);
	cr_assert(state == 'T' || state == 't', "state %c after the group-stop", state);
	cr_assert_eq(scall_wait(t, &ev, 200), -ETIMEDOUT, "it made progress: %s", h_ev_str(&ev));
	cr_assert(!h_has_result(&c, "getpid", 0));

	cr_assert_eq(kill(pid, SIGCONT), 0);
	h_assert_exited(h_run_to_exit(t, pid, how, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "stop", 0).ret, 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* raise(SIGSTOP): GROUP_STOP; resumed it stays stopped until SIGCONT. */
Test(signals, group_stop_syscall)
{
	group_stop_body(SCALL_RESUME_SYSCALL);
}

Test(signals, group_stop_cont)
{
	group_stop_body(SCALL_RESUME_CONT);
}

static bool read_stdin_entry(const struct scall_event *ev, void *arg)
{
	pid_t pid = *(pid_t *)arg;

	return ev->tid == pid && ev->type == SCALL_EV_SYSCALL && ev->info.nr == SYS_read &&
	       ev->info.phase == SCALL_ENTRY && ev->info.args[0] == 0;
}

/*
 * A read() blocked on a pipe is interrupted by a signal.  The exit stop shows
 * ERESTARTSYS; with SA_RESTART the tracee never sees EINTR and the read
 * completes after data arrives, without it the tracee sees EINTR.
 */
static void restart_body(unsigned mode, bool sa_restart)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", sa_restart ? "handle:10" : "handle:10:norestart",
			    "read", "handled:10", NULL);
	struct h_res r;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until(t, SCALL_RESUME_SYSCALL, &ev, read_stdin_entry, &pid, pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	cr_assert_eq(scall_wait(t, &ev, 200), -ETIMEDOUT, "the read did not block: %s",
		     h_ev_str(&ev));
	cr_assert_eq(kill(pid, SIGUSR1), 0);

	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "after the signal: %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.nr, SYS_read);
	cr_assert_eq(ev.info.error, 512, "read's exit stop: error %d, not ERESTARTSYS",
		     ev.info.error);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	cr_assert_eq(si.error, 512);
	h_go(t, pid, SCALL_RESUME_SYSCALL);

	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SIGNAL, "after the exit stop: %s", h_ev_str(&ev));
	cr_assert_eq(ev.sig, SIGUSR1);
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);

	if (sa_restart) {
		/* The kernel restarts the read: a new entry, then it waits for data. */
		h_until(t, SCALL_RESUME_SYSCALL, &ev, read_stdin_entry, &pid, pid);
		h_go(t, pid, SCALL_RESUME_SYSCALL);
		cr_assert_eq(write(c.in, "hello\n", 6), 6);
		h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
		cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
		cr_assert_eq(ev.info.phase, SCALL_EXIT);
		cr_assert_eq(ev.info.nr, SYS_read);
		cr_assert_eq(ev.info.rval[0], 6);
		h_go(t, pid, SCALL_RESUME_SYSCALL);
	}
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	r = h_result(&c, "read", 0);
	if (sa_restart) {
		cr_assert_eq(r.ret, 6, "the tracee's read: %ld errno %d", r.ret, r.err);
		cr_assert_str_eq(r.detail, "hello");
	} else {
		cr_assert_eq(r.ret, -1);
		cr_assert_eq(r.err, EINTR, "the tracee's read: errno %d, not EINTR", r.err);
	}
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "10 1 1");
	h_free(t);
}

H_MODE_TEST(signals, restart_sa_restart)
{
	restart_body(mode, true);
}

H_MODE_TEST(signals, restart_eintr)
{
	restart_body(mode, false);
}
