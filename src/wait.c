/* SPDX-License-Identifier: MIT */
/* scall_wait: raw wait statuses become events; ptrace's noise stays inside. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace_compat.h"

static void event_init(struct scall_event *ev, struct scall__thread *th, enum scall_event_type type)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = type;
	ev->tid = th->tid;
	ev->pid = th->proc ? th->proc->pid : th->tid;
}

static void report(scall_tracer *t, struct scall__thread *th, struct scall_event *ev)
{
	th->ev_type = ev->type;
	scall__queue_event(t, ev);
}

/* A new thread or process stopped for the first time, its creator known. */
static void first_stop(scall_tracer *t, struct scall__thread *th)
{
	struct scall_event ev;

	th->awaiting_first = th->awaiting_clone = false;
	th->stop = SCALL__STOP_EVENT;
	if (th->detach_on_start) {
		struct scall__proc *p = th->proc;

		ptrace(PTRACE_DETACH, th->tid, 0, 0);
		scall__thread_remove(t, th);
		(void)p;
		return;
	}
	if (th->proc->hidden) {
		th->mode = SCALL_RESUME_CONT;
		scall__resume_quiet(t, th, 0);
		return;
	}
	event_init(&ev, th, SCALL_EV_START);
	ev.parent = th->parent;
	ev.clone = th->clone_kind;
	th->start_pending = true;
	report(t, th, &ev);
}

/* Bring a new thread (known already, or not) under its process. */
static void adopt_child(scall_tracer *t, struct scall__thread *parent, pid_t child, int kind)
{
	struct scall__proc *pp = parent->proc, *p = pp;
	struct scall__thread *c = scall__thread_find(t, child);
	bool was_waiting = c && c->awaiting_clone;
	bool follow = t->flags & SCALL_FOLLOW_FORKS;

	if (kind != SCALL_CLONE_THREAD) {
		p = scall__proc_find(t, child);
		if (!p)
			p = scall__proc_add(t, child);
		if (!p)
			return;
		p->spawned = pp->spawned;
		p->has_seccomp = pp->has_seccomp;
		p->filtered = pp->filtered;
		p->hidden = pp->hidden || !follow;
	}
	if (!c) {
		c = scall__thread_add(t, child, p);
		if (!c)
			return;
		c->awaiting_first = true;
	} else if (!c->proc) {
		c->proc = p;
		p->nthreads++;
	}
	c->parent = parent->tid;
	c->clone_kind = kind;
	c->mode = parent->mode;
	/* Not followed and no filter needs it traced: let it go. */
	if (kind != SCALL_CLONE_THREAD && !follow && !pp->filtered)
		c->detach_on_start = true;
	if (was_waiting)
		first_stop(t, c);
}

static int clone_kind(int event, struct scall__thread *th, pid_t child)
{
	if (event == PTRACE_EVENT_VFORK)
		return SCALL_CLONE_VFORK;
	if (event == PTRACE_EVENT_FORK)
		return SCALL_CLONE_FORK;
	return scall__tgid_of(child) == th->proc->pid ? SCALL_CLONE_THREAD : SCALL_CLONE_FORK;
}

static void on_clone(scall_tracer *t, struct scall__thread *th, int event)
{
	unsigned long msg = 0;
	struct scall_event ev;
	bool shown;
	int kind;

	th->stop = SCALL__STOP_EVENT;
	th->stop_sig = event;
	if (ptrace(PTRACE_GETEVENTMSG, th->tid, 0, &msg) < 0 || msg == 0) {
		/* Killed meanwhile (exit_group): its EXIT follows. */
		scall__resume_quiet(t, th, 0);
		return;
	}
	kind = clone_kind(event, th, (pid_t)msg);
	/* A new process that will not be followed is nobody's business. */
	shown = !th->proc->hidden &&
		(kind == SCALL_CLONE_THREAD || (t->flags & SCALL_FOLLOW_FORKS));
	if (shown) {
		event_init(&ev, th, SCALL_EV_CLONE);
		ev.child = (pid_t)msg;
		ev.clone = kind;
		report(t, th, &ev);
	}
	adopt_child(t, th, (pid_t)msg, kind);
	if (!shown)
		scall__resume_quiet(t, th, 0);
}

/* execve succeeded; a non-leader caller has taken over the leader's tid. */
static void on_exec(scall_tracer *t, struct scall__thread *th, pid_t tid)
{
	unsigned long former = tid;
	struct scall__thread *caller;
	struct scall__proc *p;
	struct scall_event ev;

	ptrace(PTRACE_GETEVENTMSG, tid, 0, &former);
	caller = scall__thread_find(t, (pid_t)former);
	if ((pid_t)former != tid && caller) {
		if (th) {
			scall__drop_events(t, 0, tid);
			scall__thread_remove(t, th);
		}
		scall__drop_events(t, 0, (pid_t)former);
		th = scall__thread_rename(t, caller, tid);
	}
	if (!th || !th->proc) {
		ptrace(PTRACE_CONT, tid, 0, 0);
		return;
	}
	p = th->proc;
	p->insn_addr = 0;
	memset(p->scratch, 0, sizeof(p->scratch));
	th->stop = SCALL__STOP_EVENT;
	th->stop_sig = PTRACE_EVENT_EXEC;
	th->in_syscall = true;
	if (p->hidden) {
		scall__resume_quiet(t, th, 0);
		return;
	}
	event_init(&ev, th, SCALL_EV_EXEC);
	ev.former_tid = (pid_t)former;
	report(t, th, &ev);
}

/*
 * The user-space filter of processes without a seccomp filter (attached, or
 * spawned where seccomp(2) is missing), at an entry stop.  Under
 * SCALL_RESUME_SYSCALL every entry is reported, but ERRNO and KILL rules
 * still hold, as the kernel's filter would after the entry stop.
 */
static bool filtered_out(scall_tracer *t, struct scall__thread *th)
{
	int data = 0;
	enum scall_action act;
	struct scall_info si;

	/* no rules: nothing to look up at every entry */
	if (th->proc->has_seccomp || !scall__filter_in_use(&t->filter))
		return false;
	act = scall__filter_lookup(&t->filter, th->info.abi, th->info.nr, &data);
	if (th->mode != SCALL_RESUME_CONT) {
		if (act == SCALL_ACT_KILL) {
			kill(th->proc->pid, SIGKILL);
			return true;
		}
		if (act == SCALL_ACT_ERRNO) {
			struct scall_info entry = th->info;

			si = th->info;
			si.phase = SCALL_EXIT;
			si.error = data;
			scall__set_info_at(t, th, &si);
			th->info = entry; /* the stop reported is the entry */
		}
		return false; /* reported; an emulated call shows its error at the exit */
	}
	switch (act) {
	case SCALL_ACT_TRACE:
		return false;
	case SCALL_ACT_ERRNO:
		si = th->info;
		si.phase = SCALL_EXIT;
		si.error = data;
		scall__set_info_at(t, th, &si);
		break;
	case SCALL_ACT_KILL:
		kill(th->proc->pid, SIGKILL);
		return true;
	default:
		break;
	}
	th->swallow_exit = true;
	th->stop = SCALL__STOP_ENTRY;
	scall__resume_quiet(t, th, 0);
	return true;
}

static void on_entry(scall_tracer *t, struct scall__thread *th, bool seccomp)
{
	struct scall_event ev;

	th->stop = seccomp ? SCALL__STOP_SECCOMP : SCALL__STOP_ENTRY;
	th->in_syscall = true;
	if (seccomp && th->expect_after_entry) {
		/* The entry stop of this call was handled already. */
		th->expect_after_entry = false;
		scall__resume_quiet(t, th, 0);
		return;
	}
	th->expect_after_entry = false;
	th->emulated = false;
	th->info_valid = false;
	if (th->proc->hidden) {
		scall__resume_quiet(t, th, 0);
		return;
	}
	if (scall__read_info(t, th, &th->info) < 0) {
		scall__resume_quiet(t, th, 0);
		return;
	}
	th->info_valid = true;
	th->entry = th->info;
	th->have_entry = true;
	if (th->rerun) {
		/* Exit turned into entry: only the new call's exit is shown. */
		th->rerun = false;
		th->force_exit = true;
		scall__resume_quiet(t, th, 0);
		return;
	}
	if (filtered_out(t, th))
		return;
	event_init(&ev, th, SCALL_EV_SYSCALL);
	ev.info = th->info;
	report(t, th, &ev);
}

static void on_exit_stop(scall_tracer *t, struct scall__thread *th)
{
	struct scall_event ev;
	bool quiet;

	th->stop = SCALL__STOP_EXIT;
	th->in_syscall = false;
	th->expect_after_entry = false;
	th->info_valid = false;
	quiet = th->proc->hidden || th->swallow_exit ||
		(th->mode == SCALL_RESUME_CONT && !th->force_exit);
	if (th->emulated) {
		/* A default seccomp action may have overwritten the value. */
		scall__reapply_emulation(t, th);
		th->emulated = false;
	}
	th->swallow_exit = th->force_exit = false;
	if (quiet) {
		th->have_entry = false;
		scall__resume_quiet(t, th, 0);
		return;
	}
	if (scall__exit_info(t, th, &th->info) < 0) {
		/* Gone between its stop and our look: its EXIT follows. */
		scall__resume_quiet(t, th, 0);
		return;
	}
	th->info_valid = true;
	event_init(&ev, th, SCALL_EV_SYSCALL);
	ev.info = th->info;
	report(t, th, &ev);
}

static void on_event_stop(scall_tracer *t, struct scall__thread *th, int sig)
{
	struct scall_event ev;

	if (th->awaiting_first) {
		first_stop(t, th);
		return;
	}
	th->stop = SCALL__STOP_EVENT;
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
		th->stop = SCALL__STOP_GROUP;
		th->listening = false;
		th->stop_sig = sig;
		if (th->proc->hidden) {
			ptrace(PTRACE_LISTEN, th->tid, 0, 0);
			th->listening = true;
			return;
		}
		event_init(&ev, th, SCALL_EV_GROUP_STOP);
		ev.sig = sig;
		report(t, th, &ev);
		return;
	}
	/* End of a group-stop (SIGCONT) or an interrupt: nothing to say. */
	th->listening = false;
	th->interrupt_pending = false;
	scall__resume_quiet(t, th, 0);
}

static void on_signal(scall_tracer *t, struct scall__thread *th, int sig)
{
	struct scall_event ev;

	th->stop = SCALL__STOP_SIGNAL;
	th->stop_sig = sig;
	if (th->proc->hidden) {
		scall__resume_quiet(t, th, sig);
		return;
	}
	if (ptrace(PTRACE_GETSIGINFO, th->tid, 0, &th->siginfo) < 0)
		memset(&th->siginfo, 0, sizeof(th->siginfo));
	event_init(&ev, th, SCALL_EV_SIGNAL);
	ev.sig = sig;
	report(t, th, &ev);
}

static void on_gone(scall_tracer *t, struct scall__thread *th, int status)
{
	struct scall_event ev;
	bool quiet = !th->proc || th->proc->hidden || th->awaiting_clone;

	scall__drop_events(t, 0, th->tid);
	if (!quiet) {
		event_init(&ev, th, SCALL_EV_EXIT);
		ev.status = status;
		scall__queue_event(t, &ev);
	}
	scall__thread_remove(t, th);
}

/* A stop of a tid we do not know: a new thread or process, early. */
static void on_unknown(scall_tracer *t, pid_t tid, int status)
{
	struct scall__thread *th;

	if (!WIFSTOPPED(status))
		return;
	th = scall__thread_add(t, tid, NULL);
	if (!th) {
		ptrace(PTRACE_DETACH, tid, 0, 0);
		return;
	}
	th->stop = SCALL__STOP_EVENT;
	th->awaiting_clone = true;
}

int scall__handle_status(scall_tracer *t, pid_t tid, int status)
{
	struct scall__thread *th = scall__thread_find(t, tid);
	int sig, event;

	t->stats.stops++;
	if (WIFSTOPPED(status) && status >> 16 == PTRACE_EVENT_EXEC) {
		on_exec(t, th, tid);
		return 0;
	}
	if (!th) {
		on_unknown(t, tid, status);
		return 0;
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		on_gone(t, th, status);
		return 0;
	}
	if (!WIFSTOPPED(status))
		return 0;
	if (th->awaiting_clone)
		return 0; /* a second stop cannot come before we resume it */
	sig = WSTOPSIG(status);
	event = status >> 16;
	switch (event) {
	case 0:
		if (sig == (SIGTRAP | 0x80)) {
			if (scall__is_entry(t, th))
				on_entry(t, th, false);
			else
				on_exit_stop(t, th);
		} else {
			on_signal(t, th, sig);
		}
		break;
	case PTRACE_EVENT_SECCOMP:
		on_entry(t, th, true);
		break;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		on_clone(t, th, event);
		break;
	case PTRACE_EVENT_STOP:
		on_event_stop(t, th, sig);
		break;
	default: /* VFORK_DONE, EXIT: not asked for */
		th->stop = SCALL__STOP_EVENT;
		scall__resume_quiet(t, th, 0);
		break;
	}
	return 0;
}

static uint64_t stime_of(const struct rusage *ru)
{
	return (uint64_t)ru->ru_stime.tv_sec * 1000000000u + (uint64_t)ru->ru_stime.tv_usec * 1000u;
}

/* Collect every status that is ready now, without blocking. */
static int drain(scall_tracer *t)
{
	struct rusage ru;
	int n = 0, st;
	pid_t tid;

	while ((tid = wait4(-1, &st, __WALL | WNOHANG, &ru)) > 0) {
		scall__queue_raw(t, tid, st, stime_of(&ru));
		n++;
	}
	return n;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool pop_event(scall_tracer *t, struct scall_event *ev)
{
	struct scall__queued *q = t->ev_head;
	struct scall__thread *th;

	if (!q)
		return false;
	t->ev_head = q->next;
	if (!t->ev_head)
		t->ev_tail = NULL;
	*ev = q->ev;
	scall__node_put(t, q);
	th = scall__thread_find(t, ev->tid);
	if (th && ev->type == SCALL_EV_START)
		th->start_pending = false;
	if (th && ev->type != SCALL_EV_EXIT)
		th->ev_type = ev->type;
	t->stats.reported++;
	return true;
}

static bool process_raw(scall_tracer *t)
{
	struct scall__queued *q;

	while ((q = t->raw_head)) {
		pid_t tid = q->ev.tid;
		int st = q->ev.status;

		t->cur_stime = q->ev.stime_ns;
		t->raw_head = q->next;
		if (!t->raw_head)
			t->raw_tail = NULL;
		scall__node_put(t, q);
		scall__handle_status(t, tid, st);
		if (t->ev_head)
			return true;
	}
	return false;
}

/* scall_wait(); with a timeout, signals are blocked and open are only those
 * not in *held, let in while it naps (as pselect does): one arriving between
 * two polls is not lost. */
static int wait_loop(scall_tracer *t, struct scall_event *ev, int timeout_ms, const sigset_t *held)
{
	int64_t deadline;
	useconds_t nap = 50;

	deadline = timeout_ms > 0 ? now_ms() + timeout_ms : 0;
	for (;;) {
		struct rusage ru;
		int st;
		pid_t tid;

		if (pop_event(t, ev))
			return 0;
		if (process_raw(t))
			continue;
		if (t->nthreads == 0)
			return -ECHILD;
		if (timeout_ms < 0) {
			tid = wait4(-1, &st, __WALL, &ru);
			if (tid < 0)
				return errno == EINTR ? -EINTR : -ECHILD;
			scall__queue_raw(t, tid, st, stime_of(&ru));
			/*
			 * Take what else is ready, so no busy thread starves the
			 * rest: after a drain that found something, and every
			 * eighth wait anyway.
			 */
			if (t->nthreads > 1 && (t->drain_found || ++t->waits_since_drain >= 8)) {
				t->waits_since_drain = 0;
				t->drain_found = drain(t) > 0;
			}
			continue;
		}
		if (drain(t) > 0)
			continue;
		if (timeout_ms == 0 || now_ms() >= deadline)
			return -ETIMEDOUT;
		/* No wait with a timeout exists for ptrace stops: poll. */
		struct timespec ts = { 0, (long)nap * 1000 };

		if (ppoll(NULL, 0, &ts, held) < 0 && errno == EINTR)
			return -EINTR;
		if (nap < 5000)
			nap *= 2;
	}
}

int scall_wait(scall_tracer *t, struct scall_event *ev, int timeout_ms)
{
	sigset_t all, old;
	int rc;

	if (!t || !ev || timeout_ms < -1)
		return -EINVAL;
	if (timeout_ms <= 0)
		return wait_loop(t, ev, timeout_ms, NULL);
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = wait_loop(t, ev, timeout_ms, &old);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
