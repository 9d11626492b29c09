/* SPDX-License-Identifier: MIT */
/* scall_resume: from the user's wish to the right ptrace request. */
#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace_compat.h"

void scall__requeue_signal(struct scall__thread *th, int sig)
{
	if (sig > 0)
		syscall(SYS_tgkill, th->proc ? th->proc->pid : th->tid, th->tid, sig);
}

/* Attached processes have no seccomp filter: the library filters. */
static bool user_filter(scall_tracer *t, struct scall__thread *th)
{
	return !th->proc->has_seccomp && scall__filter_in_use(&t->filter);
}

static int request_for(scall_tracer *t, struct scall__thread *th)
{
	bool cont = th->mode == SCALL_RESUME_CONT;

	if (th->rerun || th->force_exit)
		return PTRACE_SYSCALL;
	if (th->stop == SCALL__STOP_ENTRY && th->proc->has_seccomp && !th->proc->hidden) {
		/* The seccomp stop of this call may follow: catch it. */
		th->expect_after_entry = true;
		return PTRACE_SYSCALL;
	}
	if (th->stop == SCALL__STOP_ENTRY || th->stop == SCALL__STOP_SECCOMP) {
		if (!cont)
			return PTRACE_SYSCALL;
		if (user_filter(t, th)) {
			th->swallow_exit = true;
			return PTRACE_SYSCALL;
		}
		return PTRACE_CONT;
	}
	if (!cont)
		return PTRACE_SYSCALL;
	return user_filter(t, th) ? PTRACE_SYSCALL : PTRACE_CONT;
}

static int resume_now(scall_tracer *t, struct scall__thread *th, int sig)
{
	int req = request_for(t, th);

	th->raw_valid = false;
	th->info_valid = false;
	if (th->stepped_exit) {
		/* Already at the exit stop: handle it as if it came now. */
		th->stepped_exit = false;
		th->stop = SCALL__RUNNING;
		scall__requeue_signal(th, sig);
		return scall__queue_raw(t, th->tid, ((SIGTRAP | 0x80) << 8) | 0x7f, 0);
	}
	th->stop = SCALL__RUNNING;
	if (ptrace(req, th->tid, 0, sig) < 0 && errno != ESRCH)
		return -errno;
	return 0; /* a thread that vanished reports its EXIT next */
}

int scall__resume_quiet(scall_tracer *t, struct scall__thread *th, int sig)
{
	return resume_now(t, th, sig);
}

/* Drop the START of tid from the queue; true if other events stay queued. */
static bool drop_start(scall_tracer *t, struct scall__thread *th)
{
	struct scall__queued **pp = &t->ev_head, *q, *prev = NULL;

	while ((q = *pp)) {
		if (q->ev.tid == th->tid && q->ev.type == SCALL_EV_START) {
			*pp = q->next;
			if (t->ev_tail == q)
				t->ev_tail = prev;
			scall__node_put(t, q);
			break;
		}
		prev = q;
		pp = &q->next;
	}
	th->start_pending = false;
	return scall__has_queued(t, th->tid);
}

int scall_resume(scall_tracer *t, pid_t tid, enum scall_resume how, int sig)
{
	struct scall__thread *th;
	int err;

	if (!t)
		return -EINVAL;
	if ((how != SCALL_RESUME_SYSCALL && how != SCALL_RESUME_CONT) || sig < 0 || sig >= NSIG)
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	th->mode = how;
	if (th->start_pending && drop_start(t, th))
		return 0; /* its next event is queued: it stays stopped */
	if (scall__has_queued(t, tid))
		return 0;
	if (th->ev_type != SCALL_EV_SIGNAL && sig) {
		scall__requeue_signal(th, sig);
		sig = 0;
	}
	if (th->stop == SCALL__STOP_GROUP || (th->ev_type == SCALL_EV_START && th->in_group_stop)) {
		/* Stay in the job-control stop, but tell us when it ends. */
		th->in_group_stop = false;
		if (ptrace(PTRACE_LISTEN, tid, 0, 0) < 0 && errno != ESRCH)
			return -errno;
		th->stop = SCALL__RUNNING;
		th->listening = true;
		return 0;
	}
	return resume_now(t, th, sig);
}

/* Run a stopped thread to its next stop, for the library's own use. */
int scall__wait_tid(scall_tracer *t, pid_t tid)
{
	int st;

	while (waitpid(tid, &st, __WALL) < 0)
		if (errno != EINTR)
			return -errno;
	t->stats.stops++;
	return st;
}

int scall__step(scall_tracer *t, struct scall__thread *th, int request)
{
	if (ptrace(request, th->tid, 0, 0) < 0)
		return -errno;
	return scall__wait_tid(t, th->tid);
}
