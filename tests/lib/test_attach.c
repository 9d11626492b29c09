/* SPDX-License-Identifier: MIT */
/*
 * Attach and detach: a START for every thread of a running process, calls
 * reported, and after detach (in whatever state the threads are) the
 * process runs on as if never traced.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(attach, .timeout = 30, .fini = h_cleanup);

static bool in_set(pid_t tid, const pid_t *set, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (set[i] == tid)
			return true;
	}
	return false;
}

/*
 * Attach to a busy process with two threads: a START for each thread, calls
 * reported; detach, and it runs on and finishes correctly.
 */
Test(attach, attach_detach_running)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t tids[8], seen[8];
	int ntids, nseen = 0, calls = 0, i, status;
	pid_t pid = h_fork_exec(&c, "busy", NULL);

	h_wait_output(&c, "ready");
	ntids = h_tasks(pid, tids, 8);
	cr_assert_eq(ntids, 2, "busy has %d threads", ntids);
	cr_assert_eq(scall_attach(t, pid), 0);
	for (i = 0; i < ntids; i++) {
		h_wait(t, &ev);
		cr_assert_eq(ev.type, SCALL_EV_START, "%s", h_ev_str(&ev));
		cr_assert_eq(ev.pid, pid);
		cr_assert_eq(ev.parent, 0);
		cr_assert(in_set(ev.tid, tids, ntids), "START of unknown tid %d", ev.tid);
		cr_assert(!in_set(ev.tid, seen, nseen), "two STARTs for %d", ev.tid);
		seen[nseen++] = ev.tid;
	}
	for (i = 0; i < nseen; i++)
		h_go(t, seen[i], SCALL_RESUME_SYSCALL);
	while (calls < 50) {
		h_wait(t, &ev);
		cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
		cr_assert(ev.info.nr == SYS_getppid || ev.info.nr == SYS_getpid ||
				  ev.info.nr == SYS_restart_syscall,
			  "busy made %s", h_ev_str(&ev));
		calls++;
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	}
	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD, "still traced after detach");
	h_msleep(100);
	cr_assert(h_proc_state(pid) != 't' && h_proc_state(pid) != 'T',
		  "stopped after detach: state %c", h_proc_state(pid));
	cr_assert_eq(kill(pid, SIGUSR1), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
	cr_assert(strstr(h_output(&c), "main ") && strstr(h_output(&c), "thread "), "output: %s",
		  h_output(&c));
	h_free(t);
}

/* Detach right after attach, before any START was reported. */
Test(attach, detach_before_start_reported)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "busy", NULL);
	int status;

	h_wait_output(&c, "ready");
	cr_assert_eq(scall_attach(t, pid), 0);
	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD);
	h_msleep(50);
	cr_assert_eq(kill(pid, SIGUSR1), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
	h_free(t);
}

/* scall_free() detaches an attached process, which then runs on. */
Test(attach, free_detaches_attached)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "busy", NULL);
	int status;

	h_wait_output(&c, "ready");
	cr_assert_eq(scall_attach(t, pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	h_free(t);
	h_msleep(50);
	cr_assert_eq(kill(pid, SIGUSR1), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
}

/* Attach to a thread sleeping in nanosleep: the sleep completes, no EINTR. */
Test(attach, attach_sleeping)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "calls", "sleep:500", "getpid", NULL);
	struct h_res r;

	h_wait_blocked(pid, SYS_nanosleep);
	cr_assert_eq(scall_attach(t, pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	r = h_result(&c, "sleep", 0);
	cr_assert_eq(r.ret, 0, "the sleep returned %ld errno %d", r.ret, r.err);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/* Detach at a SIGNAL stop: the signal is delivered, the handler runs. */
Test(attach, detach_at_signal_stop_delivers)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "calls", "handle:10", "read", "raise:10", "handled:10", NULL);
	int status;

	h_wait_blocked(pid, SYS_read);
	cr_assert_eq(scall_attach(t, pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	cr_assert_eq(write(c.in, "go\n", 3), 3);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.sig, SIGUSR1);
	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
	cr_assert_str_eq(h_result(&c, "handled", 0).detail, "10 1 1",
			 "the signal was lost at detach");
	h_free(t);
}

/* Detach in a group-stop: the process stays stopped until SIGCONT. */
Test(attach, detach_in_group_stop)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "calls", "read", "stop", "getpid", NULL);
	int status;
	char state;

	h_wait_blocked(pid, SYS_read);
	cr_assert_eq(scall_attach(t, pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	h_go(t, pid, SCALL_RESUME_CONT);
	cr_assert_eq(write(c.in, "go\n", 3), 3);
	h_until_type(t, pid, SCALL_EV_SIGNAL, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.sig, SIGSTOP);
	h_resume(t, &ev, SCALL_RESUME_CONT);
	h_next(t, pid, SCALL_RESUME_CONT, &ev);
	cr_assert_eq(ev.type, SCALL_EV_GROUP_STOP, "%s", h_ev_str(&ev));
	cr_assert_eq(scall_detach(t, pid), 0);
	h_msleep(100);
	state = h_proc_state(pid);
	cr_assert_eq(state, 'T', "state %c after detach in a group-stop", state);
	cr_assert_eq(waitpid(pid, &status, WNOHANG), 0, "it went on");
	cr_assert_eq(kill(pid, SIGCONT), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid);
	h_free(t);
}

/*
 * scall_attach_thread(): one thread traced, the other runs on untraced;
 * adding the second thread later works; detach lets both go.
 */
Test(attach, attach_one_thread)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = h_fork_exec(&c, "busy", NULL);
	pid_t tids[8], other;
	int calls = 0, status, ntids;

	h_wait_output(&c, "ready");
	ntids = h_tasks(pid, tids, 8);
	cr_assert_eq(ntids, 2);
	other = tids[0] == pid ? tids[1] : tids[0];
	cr_assert_eq(scall_attach_thread(t, pid), 0);
	cr_assert_eq(scall_attach_thread(t, pid), -EALREADY);
	cr_assert_eq(scall_attach(t, pid), -EALREADY, "the process is known already");
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.tid, pid);
	cr_assert_eq(ev.pid, pid);
	cr_assert_eq(h_status_num(pid, pid, "TracerPid:"), getpid());
	cr_assert_eq(h_status_num(pid, other, "TracerPid:"), 0,
		     "the other thread was attached too");
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	while (calls < 40) {
		h_wait(t, &ev);
		cr_assert_eq(ev.tid, pid, "an event of another thread: %s", h_ev_str(&ev));
		cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
		calls++;
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	}

	/* The second thread joins the same process. */
	cr_assert_eq(scall_attach_thread(t, other), 0);
	h_wait(t, &ev);
	while (ev.type == SCALL_EV_SYSCALL && ev.tid == pid) {
		h_resume(t, &ev, SCALL_RESUME_SYSCALL);
		h_wait(t, &ev);
	}
	cr_assert_eq(ev.type, SCALL_EV_START, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.tid, other);
	cr_assert_eq(ev.pid, pid);
	cr_assert_eq(h_status_num(pid, other, "TracerPid:"), getpid());
	h_go(t, other, SCALL_RESUME_SYSCALL);

	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD, "still traced after detach");
	cr_assert_eq(h_status_num(pid, pid, "TracerPid:"), 0);
	cr_assert_eq(h_status_num(pid, other, "TracerPid:"), 0);
	cr_assert_eq(kill(pid, SIGUSR1), 0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	h_assert_exited(status, 0);
	h_free(t);
}

Test(attach, attach_thread_errors)
{
	scall_tracer *t = h_new(0);

	cr_assert_eq(scall_attach_thread(NULL, 1), -EINVAL);
	cr_assert_eq(scall_attach_thread(t, 0), -EINVAL);
	cr_assert_eq(scall_attach_thread(t, 999999999), -ESRCH);
	cr_assert_eq(scall_attach_thread(t, getpid()), -EPERM);
	h_free(t);
}
