/* SPDX-License-Identifier: MIT */
/* Attaching to running processes and letting them go again. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "internal.h"
#include "ptrace_compat.h"

/* A numeric field of /proc/TID/status ("Tgid: %d"), or -ESRCH. */
static pid_t status_field(pid_t tid, const char *fmt)
{
	char path[64], line[256];
	pid_t v = -ESRCH;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, fmt, &v) == 1)
			break;
	fclose(f);
	return v;
}

/* The thread group of tid from /proc, or a negative errno. */
pid_t scall__tgid_of(pid_t tid)
{
	return status_field(tid, "Tgid: %d");
}

/* Wait for the first stop of a freshly seized and interrupted thread. */
static int first_stop(scall_tracer *t, struct scall__thread *th)
{
	struct scall_event ev;
	int st;

	for (;;) {
		st = scall__wait_tid(t, th->tid);
		if (st < 0)
			return st;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			return -ESRCH;
		if (st >> 16 == PTRACE_EVENT_STOP) {
			int sig = WSTOPSIG(st);

			th->stop = SCALL__STOP_EVENT;
			th->in_group_stop = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
					    sig == SIGTTOU;
			return 0;
		}
		if (st >> 16 == 0 && WSTOPSIG(st) != (SIGTRAP | 0x80)) {
			/* A signal raced the attach: let it be delivered. */
			ptrace(PTRACE_CONT, th->tid, 0, WSTOPSIG(st));
			continue;
		}
		if (st >> 16 == PTRACE_EVENT_CLONE || st >> 16 == PTRACE_EVENT_FORK ||
		    st >> 16 == PTRACE_EVENT_VFORK) {
			/* Report START, then this very stop as the clone. */
			th->stop = SCALL__STOP_EVENT;
			memset(&ev, 0, sizeof(ev));
			ev.type = SCALL_EV_START;
			ev.tid = th->tid;
			ev.pid = th->proc->pid;
			scall__queue_event(t, &ev);
			th->start_pending = true;
			th->interrupt_pending = true;
			return scall__handle_status(t, th->tid, st) < 0 ? -EIO : 1;
		}
		/* Any other stop: pass it; the interrupt stop follows. */
		ptrace(PTRACE_CONT, th->tid, 0, 0);
	}
}

/* Seize one thread of p and ask it to stop; 0 or a negative errno. */
static int seize_one(scall_tracer *t, struct scall__proc *p, pid_t tid)
{
	struct scall__thread *th;

	if (ptrace(PTRACE_SEIZE, tid, 0, scall__ptrace_options(t, false)) < 0)
		return -errno;
	th = scall__thread_add(t, tid, p);
	if (!th) {
		ptrace(PTRACE_DETACH, tid, 0, 0);
		return -ENOMEM;
	}
	ptrace(PTRACE_INTERRUPT, tid, 0, 0);
	th->stop = SCALL__STOP_EVENT; /* stopping: completed by the caller */
	th->attaching = true;
	return 0;
}

/* One pass over /proc/PID/task; returns how many threads were new. */
static int seize_threads(scall_tracer *t, struct scall__proc *p, int *err)
{
	char path[64];
	struct dirent *d;
	int added = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)p->pid);
	dir = opendir(path);
	if (!dir) {
		*err = -ESRCH;
		return 0;
	}
	while ((d = readdir(dir))) {
		pid_t tid = atoi(d->d_name);
		int r;

		if (tid <= 0 || scall__thread_find(t, tid))
			continue;
		r = seize_one(t, p, tid);
		if (r == -ENOMEM) {
			*err = r;
			break;
		}
		if (r < 0) {
			if (r == -EPERM && p->nthreads == 0)
				*err = -EPERM;
			continue; /* gone, or auto-attached through a clone */
		}
		added++;
	}
	closedir(dir);
	return added;
}

/* Wait for the first stop of every thread of p being attached; queue START. */
static void complete_attach(scall_tracer *t, struct scall__proc *p)
{
	struct scall_event ev;

	for (int i = 0; i < 256; i++) {
		struct scall__thread *th, *next;

		for (th = t->threads[i]; th; th = next) {
			int r;

			next = th->next;
			if (th->proc != p || !th->attaching)
				continue;
			th->attaching = false;
			r = first_stop(t, th);
			if (r < 0) {
				scall__thread_remove(t, th);
				continue;
			}
			if (r > 0)
				continue; /* START already queued */
			memset(&ev, 0, sizeof(ev));
			ev.type = SCALL_EV_START;
			ev.tid = th->tid;
			ev.pid = p->pid;
			th->start_pending = true;
			scall__queue_event(t, &ev);
		}
	}
}

/* Checks shared by both attach calls; the thread group of tid, or an errno. */
static pid_t attach_target(scall_tracer *t, pid_t tid)
{
	pid_t tgid;

	if (!t || tid <= 0)
		return -EINVAL;
	tgid = scall__tgid_of(tid);
	if (tgid < 0)
		return -ESRCH;
	if (tgid == getpid())
		return -EPERM;
	return tgid;
}

int scall_attach(scall_tracer *t, pid_t pid)
{
	struct scall__proc *p;
	int err = 0;
	pid_t tgid;

	tgid = attach_target(t, pid);
	if (tgid < 0)
		return tgid;
	if (scall__proc_find(t, tgid))
		return -EALREADY;
	p = scall__proc_add(t, tgid);
	if (!p)
		return -ENOMEM;
	while (seize_threads(t, p, &err) > 0 && !err)
		;
	if (err || p->nthreads == 0) {
		if (p->nthreads)
			scall__forget_proc(t, p, false);
		else
			scall__proc_remove(t, p);
		return err ? err : -ESRCH;
	}
	complete_attach(t, p);
	if (!scall__proc_find(t, tgid))
		return -ESRCH;
	return 0;
}

int scall_attach_thread(scall_tracer *t, pid_t tid)
{
	struct scall__proc *p;
	bool new_proc = false;
	pid_t tgid;
	int err;

	tgid = attach_target(t, tid);
	if (tgid < 0)
		return tgid;
	if (scall__thread_find(t, tid))
		return -EALREADY;
	p = scall__proc_find(t, tgid);
	if (!p) {
		p = scall__proc_add(t, tgid);
		if (!p)
			return -ENOMEM;
		new_proc = true;
	}
	err = seize_one(t, p, tid);
	if (err) {
		if (new_proc)
			scall__proc_remove(t, p);
		return err == -ESRCH || err == -EPERM ? err : -EPERM;
	}
	complete_attach(t, p);
	if (!scall__thread_find(t, tid))
		return -ESRCH;
	return 0;
}

/* Drop every thread of p from the tables; reap them if they were killed. */
void scall__forget_proc(scall_tracer *t, struct scall__proc *p, bool reap)
{
	pid_t pid = p->pid;
	int i, st;

	scall__drop_events(t, pid, 0);
	for (i = 0; i < 256; i++) {
		struct scall__thread *th, *next;

		for (th = t->threads[i]; th; th = next) {
			next = th->next;
			if (th->proc != p)
				continue;
			if (reap)
				while (waitpid(th->tid, &st, __WALL) < 0 && errno == EINTR)
					;
			if (p->nthreads == 1) {
				scall__thread_remove(t, th);
				return;
			}
			scall__thread_remove(t, th);
		}
	}
}

/* Let go of a thread the kernel attached for us, once it has stopped
 * (seen: its stop was collected already). */
static void detach_new(scall_tracer *t, pid_t tid, bool seen)
{
	int st;

	if (!seen && scall__take_raw(t, tid, &st) < 0)
		while (waitpid(tid, &st, __WALL) < 0 && errno == EINTR)
			;
	ptrace(PTRACE_DETACH, tid, 0, 0);
}

/* Bring a running thread to a stop we may detach from; 0, or -ESRCH if gone.
 * *child is a thread or process it just made, traced by the kernel for us. */
static int stop_for_detach(scall_tracer *t, struct scall__thread *th, int *sig, pid_t *child)
{
	unsigned long msg = 0;
	int st, ev;

	*sig = 0;
	*child = 0;
	if (th->stop != SCALL__RUNNING && !th->listening) {
		if (th->ev_type == SCALL_EV_SIGNAL)
			*sig = th->stop_sig;
		return 0;
	}
	/* A status may already sit in our queue for it. */
	if (scall__take_raw(t, th->tid, &st) < 0) {
		if (ptrace(PTRACE_INTERRUPT, th->tid, 0, 0) < 0)
			return -ESRCH;
		while (waitpid(th->tid, &st, __WALL) < 0)
			if (errno != EINTR)
				return -ESRCH;
	}
	if (WIFEXITED(st) || WIFSIGNALED(st))
		return -ESRCH;
	ev = st >> 16;
	if (ev == 0 && WSTOPSIG(st) != (SIGTRAP | 0x80))
		*sig = WSTOPSIG(st);
	if ((ev == PTRACE_EVENT_CLONE || ev == PTRACE_EVENT_FORK || ev == PTRACE_EVENT_VFORK) &&
	    ptrace(PTRACE_GETEVENTMSG, th->tid, 0, &msg) == 0 && !scall__thread_find(t, (pid_t)msg))
		*child = (pid_t)msg;
	return 0; /* a syscall, event, interrupt or group stop */
}

/* Threads of pid still traced by us though never seen (made during the
 * detach, or stopped before their creator's clone event). */
static void detach_stragglers(scall_tracer *t, pid_t pid)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		pid_t tid = atoi(d->d_name);
		struct scall__thread *th;

		if (tid <= 0)
			continue;
		th = scall__thread_find(t, tid);
		if (th && th->proc)
			continue;
		if (status_field(tid, "TracerPid: %d") != getpid())
			continue;
		if (th)
			scall__thread_remove(t, th);
		detach_new(t, tid, th != NULL);
	}
	closedir(dir);
}

int scall_detach(scall_tracer *t, pid_t pid)
{
	struct scall__proc *p;
	pid_t tgid, *tids;
	int i, n = 0;

	if (!t || pid <= 0)
		return -EINVAL;
	p = scall__proc_find(t, pid);
	if (!p) {
		struct scall__thread *th = scall__thread_find(t, pid);

		p = th ? th->proc : NULL;
	}
	if (!p || p->hidden)
		return -ESRCH;
	if (p->filtered)
		return -EPERM;
	tids = calloc((size_t)p->nthreads, sizeof(*tids));
	if (!tids)
		return -ENOMEM;
	for (i = 0; i < 256; i++)
		for (struct scall__thread *th = t->threads[i]; th; th = th->next)
			if (th->proc == p && n < p->nthreads)
				tids[n++] = th->tid;
	tgid = p->pid;
	scall__drop_events(t, tgid, 0);
	for (i = 0; i < n; i++) {
		struct scall__thread *th = scall__thread_find(t, tids[i]);
		pid_t child;
		int sig;

		if (!th)
			continue;
		if (stop_for_detach(t, th, &sig, &child) == 0)
			ptrace(PTRACE_DETACH, th->tid, 0, sig);
		scall__thread_remove(t, th);
		if (child > 0)
			detach_new(t, child, false);
	}
	free(tids);
	detach_stragglers(t, tgid);
	return 0;
}
