/* SPDX-License-Identifier: MIT */
/* The tracer object and its tables of processes and threads. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "internal.h"
#include "ptrace_compat.h"

#define KNOWN_FLAGS (SCALL_FOLLOW_FORKS | SCALL_KILL_ON_EXIT | SCALL_USE_REGS)

static unsigned bucket(pid_t tid)
{
	return (unsigned)tid % 256u;
}

struct scall__thread *scall__thread_find(scall_tracer *t, pid_t tid)
{
	struct scall__thread *th;

	for (th = t->threads[bucket(tid)]; th; th = th->next)
		if (th->tid == tid)
			return th;
	return NULL;
}

struct scall__thread *scall__thread_add(scall_tracer *t, pid_t tid, struct scall__proc *proc)
{
	struct scall__thread *th = calloc(1, sizeof(*th));

	if (!th)
		return NULL;
	th->tid = tid;
	th->proc = proc;
	th->mode = SCALL_RESUME_SYSCALL;
	th->next = t->threads[bucket(tid)];
	t->threads[bucket(tid)] = th;
	if (proc)
		proc->nthreads++;
	t->nthreads++;
	return th;
}

struct scall__thread *scall__thread_rename(scall_tracer *t, struct scall__thread *th, pid_t tid)
{
	struct scall__thread **pp = &t->threads[bucket(th->tid)];

	while (*pp && *pp != th)
		pp = &(*pp)->next;
	if (*pp)
		*pp = th->next;
	th->tid = tid;
	th->next = t->threads[bucket(tid)];
	t->threads[bucket(tid)] = th;
	return th;
}

void scall__thread_remove(scall_tracer *t, struct scall__thread *th)
{
	struct scall__thread **pp = &t->threads[bucket(th->tid)];

	while (*pp && *pp != th)
		pp = &(*pp)->next;
	if (*pp)
		*pp = th->next;
	t->nthreads--;
	if (th->proc && --th->proc->nthreads == 0)
		scall__proc_remove(t, th->proc);
	free(th);
}

struct scall__proc *scall__proc_find(scall_tracer *t, pid_t pid)
{
	struct scall__proc *p;

	for (p = t->procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct scall__proc *scall__proc_add(scall_tracer *t, pid_t pid)
{
	struct scall__proc *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->pid = pid;
	p->next = t->procs;
	t->procs = p;
	return p;
}

void scall__proc_remove(scall_tracer *t, struct scall__proc *p)
{
	struct scall__proc **pp = &t->procs;

	while (*pp && *pp != p)
		pp = &(*pp)->next;
	if (*pp)
		*pp = p->next;
	free(p);
}

struct scall__thread *scall__stopped(scall_tracer *t, pid_t tid, int *err)
{
	struct scall__thread *th;

	if (!t) {
		*err = -EINVAL;
		return NULL;
	}
	th = scall__thread_find(t, tid);
	if (!th || !th->proc || th->proc->hidden || th->awaiting_clone) {
		*err = -ESRCH;
		return NULL;
	}
	if (th->stop == SCALL__RUNNING || th->listening) {
		*err = -EBUSY;
		return NULL;
	}
	return th;
}

unsigned scall__ptrace_options(const scall_tracer *t, bool owned)
{
	unsigned o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACECLONE |
		     PTRACE_O_TRACESECCOMP;

	/* A filter that stops calls needs every descendant traced. */
	if ((t->flags & SCALL_FOLLOW_FORKS) || (owned && scall__filter_traces(&t->filter)))
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (owned && ((t->flags & SCALL_KILL_ON_EXIT) || scall__filter_traces(&t->filter)))
		o |= PTRACE_O_EXITKILL;
	return o;
}

static struct scall__queued *node_get(scall_tracer *t)
{
	struct scall__queued *q = t->free_list;

	if (q) {
		t->free_list = q->next;
		memset(q, 0, sizeof(*q));
		return q;
	}
	return calloc(1, sizeof(*q));
}

void scall__node_put(scall_tracer *t, struct scall__queued *q)
{
	q->next = t->free_list;
	t->free_list = q;
}

void scall__queue_event(scall_tracer *t, const struct scall_event *ev)
{
	struct scall__queued *q = node_get(t);

	if (!q)
		return; /* out of memory: the event is lost, not the tracee */
	q->ev = *ev;
	if (!q->ev.stime_ns)
		q->ev.stime_ns = t->cur_stime;
	if (t->ev_tail)
		t->ev_tail->next = q;
	else
		t->ev_head = q;
	t->ev_tail = q;
}

int scall__queue_raw(scall_tracer *t, pid_t tid, int status, uint64_t stime_ns)
{
	struct scall__queued *q = node_get(t);

	if (!q)
		return -ENOMEM;
	q->ev.tid = tid;
	q->ev.status = status;
	q->ev.stime_ns = stime_ns;
	if (t->raw_tail)
		t->raw_tail->next = q;
	else
		t->raw_head = q;
	t->raw_tail = q;
	return 0;
}

static void drop_from(scall_tracer *t, struct scall__queued **head, struct scall__queued **tail,
		      pid_t pid, pid_t tid)
{
	struct scall__queued **pp = head, *q;

	*tail = NULL;
	while ((q = *pp)) {
		if ((tid && q->ev.tid == tid) || (!tid && q->ev.pid == pid)) {
			*pp = q->next;
			scall__node_put(t, q);
			continue;
		}
		*tail = q;
		pp = &q->next;
	}
}

void scall__drop_events(scall_tracer *t, pid_t pid, pid_t tid)
{
	drop_from(t, &t->ev_head, &t->ev_tail, pid, tid);
}

int scall__take_raw(scall_tracer *t, pid_t tid, int *status)
{
	struct scall__queued **pp = &t->raw_head, *q, *prev = NULL;

	while ((q = *pp)) {
		if (q->ev.tid == tid) {
			*pp = q->next;
			if (t->raw_tail == q)
				t->raw_tail = prev;
			*status = q->ev.status;
			scall__node_put(t, q);
			return 0;
		}
		prev = q;
		pp = &q->next;
	}
	return -ENOENT;
}

bool scall__has_queued(scall_tracer *t, pid_t tid)
{
	struct scall__queued *q;

	for (q = t->ev_head; q; q = q->next)
		if (q->ev.tid == tid)
			return true;
	return false;
}

int scall_new(scall_tracer **out, unsigned flags)
{
	scall_tracer *t;

	if (!out || (flags & ~KNOWN_FLAGS))
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->flags = flags;
	t->use_info = !(flags & SCALL_USE_REGS);
	t->use_set_info = t->use_info;
	scall__filter_init(&t->filter);
	*out = t;
	return 0;
}

static void free_list(scall_tracer *t, struct scall__queued *q)
{
	(void)t;
	while (q) {
		struct scall__queued *n = q->next;

		free(q);
		q = n;
	}
}

/* Kill what we own, let go of the rest. */
void scall_free(scall_tracer *t)
{
	struct scall__proc *p;

	if (!t)
		return;
	while ((p = t->procs)) {
		pid_t pid = p->pid;

		if (pid > 0 && p->spawned && (p->filtered || (t->flags & SCALL_KILL_ON_EXIT))) {
			kill(pid, SIGKILL);
			scall__forget_proc(t, p, true);
		} else if (scall_detach(t, pid) < 0) {
			scall__forget_proc(t, p, false);
		}
	}
	/* Threads that stopped before their creator's clone event. */
	for (int i = 0; i < 256; i++) {
		while (t->threads[i]) {
			ptrace(PTRACE_DETACH, t->threads[i]->tid, 0, 0);
			scall__thread_remove(t, t->threads[i]);
		}
	}
	free_list(t, t->ev_head);
	free_list(t, t->raw_head);
	free_list(t, t->free_list);
	scall__filter_release(&t->filter);
	free(t);
}

int scall_get_stats(scall_tracer *t, struct scall_stats *st)
{
	if (!t || !st)
		return -EINVAL;
	*st = t->stats;
	return 0;
}
