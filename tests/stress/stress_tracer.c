/* SPDX-License-Identifier: MIT */
/*
 * stress_tracer - run a program under libscall and check the event stream.
 *
 *   stress_tracer [-c] [-i] [-j N] [-v] [-t SECONDS] -- PROGRAM [ARGS...]
 *
 * Spawns PROGRAM with SCALL_FOLLOW_FORKS | SCALL_KILL_ON_EXIT and loops on
 * scall_wait / scall_resume, resuming every event with SCALL_RESUME_SYSCALL
 * (-c: SCALL_RESUME_CONT) and delivering the signal of every SIGNAL event.
 * It checks what the library promises about the events:
 *
 *   - every event is for a thread that was STARTed (or, for EXIT, announced
 *     by its creator's CLONE, or left behind by an execve of its process);
 *   - a CLONE names a real child (> 0); no thread is STARTed twice; a new
 *     thread's START names a traced parent and comes after the CLONE that
 *     announced it;
 *   - syscall stops of a thread alternate entry, exit, and an exit has the
 *     number of its entry (execve's exit may follow an EXEC event instead);
 *   - ev.pid of a thread does not change (except at EXEC);
 *   - scall_wait and scall_resume return no error but the final -ECHILD;
 *   - the spawned process reports its EXIT, and no thread stays unaccounted.
 *
 * -i: at every stop, look at the thread as a tracer does: scall_get_info
 * must return the event's structure, scall_get_siginfo the event's signal,
 * scall_mem_read must read the stack; each may fail only with -ESRCH (the
 * thread was killed meanwhile).  -j N: at every N-th SYSCALL or SIGNAL
 * stop, run getpid inside the thread with scall_inject; it must return the
 * event's pid (or -ESRCH; -EBUSY at SIGNAL stops, where the library refuses
 * it), and the program must not notice.
 *
 * Exits with the status of PROGRAM (dying of the same signal if it did), or
 * 1 with a message on stderr if a check failed.  -t: give up, with a
 * message, if no event came for that many seconds (default 60), also when
 * the library itself does not come back.  -v: print counts of events on
 * stderr at the end.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scall.h"

enum tstate {
	T_ANNOUNCED = 1, /* named by a CLONE, START not seen yet */
	T_LIVE,          /* STARTed */
	T_RETIRED,       /* its process exec'ed from another thread */
};

struct tinfo {
	pid_t tid;
	pid_t pid;
	enum tstate state;
	bool in_syscall; /* an entry was reported, its exit not yet */
	bool after_exec; /* EXEC reported: execve's exit may come */
	long nr;
	enum scall_abi abi;
	enum scall_abi last_abi; /* of its last syscall stop */
	struct tinfo *next;
};

#define NBUCKETS 4096

static struct tinfo *table[NBUCKETS];
static const char *prog = "stress_tracer";
static volatile sig_atomic_t idle_secs;
static int limit = 60;
static unsigned long counts[SCALL_EV_EXIT + 1];
static unsigned long nthreads, nsignals, nerrors, ninjected, nvanished;

static const char *const ev_names[] = {
	[SCALL_EV_START] = "START",   [SCALL_EV_SYSCALL] = "SYSCALL",
	[SCALL_EV_SIGNAL] = "SIGNAL", [SCALL_EV_GROUP_STOP] = "GROUP_STOP",
	[SCALL_EV_EXEC] = "EXEC",     [SCALL_EV_CLONE] = "CLONE",
	[SCALL_EV_EXIT] = "EXIT",
};

static const char *ev_name(int type)
{
	if (type >= 0 && type <= SCALL_EV_EXIT)
		return ev_names[type];
	return "?";
}

static void complain(const struct scall_event *ev, const char *fmt, ...)
{
	va_list ap;

	nerrors++;
	if (nerrors > 20)
		return;
	fprintf(stderr, "%s: ", prog);
	if (ev)
		fprintf(stderr, "%s tid %d pid %d: ", ev_name(ev->type), (int)ev->tid,
			(int)ev->pid);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static struct tinfo *find(pid_t tid)
{
	struct tinfo *ti;

	for (ti = table[(unsigned)tid % NBUCKETS]; ti; ti = ti->next)
		if (ti->tid == tid)
			return ti;
	return NULL;
}

static struct tinfo *add(pid_t tid)
{
	struct tinfo *ti = calloc(1, sizeof(*ti));

	if (!ti) {
		fprintf(stderr, "%s: out of memory\n", prog);
		exit(1);
	}
	ti->tid = tid;
	ti->next = table[(unsigned)tid % NBUCKETS];
	table[(unsigned)tid % NBUCKETS] = ti;
	return ti;
}

static void drop(struct tinfo *ti)
{
	struct tinfo **pp = &table[(unsigned)ti->tid % NBUCKETS];

	while (*pp != ti)
		pp = &(*pp)->next;
	*pp = ti->next;
	free(ti);
}

static bool is_execve(enum scall_abi abi, long nr)
{
	const char *name = scall_syscall_name(abi, nr);

	return name && (!strcmp(name, "execve") || !strcmp(name, "execveat"));
}

static void on_start(const struct scall_event *ev, struct tinfo *ti, pid_t spawned)
{
	if (ti && ti->state == T_LIVE) {
		complain(ev, "STARTed twice");
		return;
	}
	if (ev->parent) {
		struct tinfo *p = find(ev->parent);

		if (!p || p->state != T_LIVE)
			complain(ev, "its parent %d is not traced", (int)ev->parent);
		if (!ti || ti->state != T_ANNOUNCED)
			complain(ev, "START of a new thread before its creator's CLONE");
	} else if (ev->tid != spawned) {
		complain(ev, "START without a parent, not the spawned process");
	}
	if (!ti)
		ti = add(ev->tid);
	ti->state = T_LIVE;
	ti->pid = ev->pid;
	ti->in_syscall = ti->after_exec = false;
	nthreads++;
}

static void on_syscall(const struct scall_event *ev, struct tinfo *ti)
{
	const struct scall_info *si = &ev->info;

	if (si->phase == SCALL_ENTRY) {
		if (ti->in_syscall)
			complain(ev, "entry of %s (%ld) while in %s (%ld)",
				 scall_syscall_name(si->abi, si->nr), si->nr,
				 scall_syscall_name(ti->abi, ti->nr), ti->nr);
		ti->in_syscall = true;
		ti->after_exec = false;
		ti->nr = si->nr;
		ti->abi = si->abi;
		ti->last_abi = si->abi;
	} else if (si->phase == SCALL_EXIT) {
		if (ti->after_exec) {
			if (!is_execve(si->abi, si->nr))
				complain(ev, "exit of %ld right after EXEC", si->nr);
		} else if (!ti->in_syscall) {
			complain(ev, "exit of %s (%ld) without an entry",
				 scall_syscall_name(si->abi, si->nr), si->nr);
		} else if (si->nr != ti->nr || si->abi != ti->abi) {
			complain(ev, "exit of %ld, entry was %ld", si->nr, ti->nr);
		}
		ti->in_syscall = ti->after_exec = false;
	} else {
		complain(ev, "bad phase %d", si->phase);
	}
}

static void on_exec(const struct scall_event *ev, struct tinfo *ti)
{
	struct tinfo *former = NULL;
	int i;

	if (ev->former_tid != ev->tid) {
		former = find(ev->former_tid);
		if (!former || former->state != T_LIVE)
			complain(ev, "former tid %d is not traced", (int)ev->former_tid);
	}
	/* Every other thread of the process is gone or going. */
	for (i = 0; i < NBUCKETS; i++) {
		struct tinfo *o;

		for (o = table[i]; o; o = o->next)
			if (o != ti && o->pid == ev->pid && o->state == T_LIVE)
				o->state = T_RETIRED;
	}
	ti->state = T_LIVE;
	ti->pid = ev->pid;
	ti->in_syscall = false;
	ti->after_exec = true;
	ti->last_abi = SCALL_ABI_UNKNOWN;
}

/* -i: what a tracer reads at a stop must agree with the event. */
static void inspect(scall_tracer *t, const struct scall_event *ev)
{
	unsigned char stack[64];
	struct scall_info si;
	siginfo_t sig;
	ssize_t n;
	int rc;

	if (ev->type == SCALL_EV_SYSCALL) {
		rc = scall_get_info(t, ev->tid, &si);
		if (rc == -ESRCH) {
			nvanished++;
		} else if (rc < 0) {
			complain(ev, "scall_get_info: %s", scall_strerror(rc));
		} else if (si.phase != ev->info.phase || si.abi != ev->info.abi ||
			   si.nr != ev->info.nr ||
			   memcmp(si.args, ev->info.args, sizeof(si.args)) ||
			   (si.phase == SCALL_EXIT &&
			    (si.error != ev->info.error || si.rval[0] != ev->info.rval[0]))) {
			complain(ev,
				 "scall_get_info differs from the event: nr %ld/%ld phase %d/%d",
				 si.nr, ev->info.nr, si.phase, ev->info.phase);
		}
		n = scall_mem_read(t, ev->tid, ev->info.sp, stack, sizeof(stack));
		if (n == -ESRCH)
			nvanished++;
		else if (n != (ssize_t)sizeof(stack))
			complain(ev, "scall_mem_read of the stack at %#llx at the %s of %s: %zd",
				 (unsigned long long)ev->info.sp,
				 ev->info.phase == SCALL_ENTRY ? "entry" : "exit",
				 scall_syscall_name(ev->info.abi, ev->info.nr) ?: "?", n);
	} else if (ev->type == SCALL_EV_SIGNAL) {
		rc = scall_get_siginfo(t, ev->tid, &sig);
		if (rc == -ESRCH)
			nvanished++;
		else if (rc < 0)
			complain(ev, "scall_get_siginfo: %s", scall_strerror(rc));
		else if (sig.si_signo != ev->sig)
			complain(ev, "scall_get_siginfo: signal %d, the event says %d",
				 sig.si_signo, ev->sig);
	}
}

/* -j: run getpid inside the thread; it must not notice. */
static void inject(scall_tracer *t, const struct scall_event *ev, enum scall_abi abi,
		   struct tinfo *ti)
{
	long nr = scall_syscall_lookup(abi, "getpid");
	int64_t ret = 0;
	int rc;

	if (nr < 0)
		return;
	rc = scall_inject(t, ev->tid, nr, NULL, &ret);
	if (ev->type == SCALL_EV_SIGNAL) {
		/* Refused by contract: the signal is already off its queue. */
		if (rc != -EBUSY)
			complain(ev, "scall_inject at a SIGNAL stop: %d, not -EBUSY", rc);
		return;
	}
	if (rc == -ESRCH) {
		nvanished++;
		return;
	}
	if (rc == -EINTR) {
		/* Job control stopped it: GROUP_STOP next, its call entered anew. */
		ti->in_syscall = false;
		return;
	}
	if (rc < 0)
		complain(ev, "scall_inject(getpid): %s", scall_strerror(rc));
	else if (ret != ev->pid)
		complain(ev, "injected getpid returned %lld", (long long)ret);
	else
		ninjected++;
}

static void on_tick(int sig)
{
	static const char msg[] = "stress_tracer: stuck inside the library, giving up\n";

	(void)sig;
	/* scall_wait returns -EINTR and the loop looks at idle_secs; if the
	 * library is stuck elsewhere, leave (the tracees die with us). */
	if (++idle_secs >= limit + 3) {
		ssize_t r = write(2, msg, sizeof(msg) - 1);

		_exit(r < 0 ? 2 : 1);
	}
}

static void dump_threads(void)
{
	int i, n = 0;

	for (i = 0; i < NBUCKETS; i++) {
		struct tinfo *ti;

		for (ti = table[i]; ti; ti = ti->next) {
			if (n++ < 40)
				fprintf(stderr, "%s:   tid %d pid %d state %d%s%s\n", prog,
					(int)ti->tid, (int)ti->pid, ti->state,
					ti->in_syscall ? " in " : "",
					ti->in_syscall ?
						scall_syscall_name(ti->abi, ti->nr) ?: "?" :
						"");
		}
	}
}

/* Die as the tracee did, so that our parent sees the same status. */
static void exit_like(int status)
{
	if (WIFSIGNALED(status)) {
		struct rlimit no_core = { 0, 0 };
		int sig = WTERMSIG(status);

		setrlimit(RLIMIT_CORE, &no_core);
		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		exit(128 + sig);
	}
	exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

static void usage(void)
{
	fprintf(stderr, "usage: %s [-c] [-i] [-j N] [-v] [-t SECONDS] -- PROGRAM [ARGS...]\n",
		prog);
	exit(2);
}

int main(int argc, char **argv)
{
	enum scall_resume how = SCALL_RESUME_SYSCALL;
	struct itimerval tick = { { 1, 0 }, { 1, 0 } };
	struct scall_event ev;
	struct sigaction sa;
	scall_tracer *t;
	bool verbose = false, main_exited = false, look = false;
	int status = 0, every = 0, rc, opt, i;
	unsigned long stops = 0;
	pid_t spawned;

	while ((opt = getopt(argc, argv, "+cij:vt:")) != -1) {
		switch (opt) {
		case 'c':
			how = SCALL_RESUME_CONT;
			break;
		case 'i':
			look = true;
			break;
		case 'j':
			every = atoi(optarg);
			break;
		case 'v':
			verbose = true;
			break;
		case 't':
			limit = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	rc = scall_new(&t, SCALL_FOLLOW_FORKS | SCALL_KILL_ON_EXIT);
	if (rc < 0) {
		fprintf(stderr, "%s: scall_new: %s\n", prog, scall_strerror(rc));
		return 1;
	}
	rc = scall_spawn(t, argv + optind, NULL, &spawned);
	if (rc < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, argv[optind], scall_strerror(rc));
		scall_free(t);
		return 127;
	}
	/* A tick each second: scall_wait returns -EINTR, and we count idle time. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick;
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &tick, NULL);

	for (;;) {
		struct tinfo *ti;
		int sig = 0;

		rc = scall_wait(t, &ev, -1);
		if (rc == -EINTR) {
			if (idle_secs >= limit) {
				complain(NULL, "no event for %d s; threads:", limit);
				dump_threads();
				break;
			}
			continue;
		}
		if (rc == -ECHILD)
			break;
		if (rc < 0) {
			complain(NULL, "scall_wait: %s", scall_strerror(rc));
			break;
		}
		idle_secs = 0;
		if (ev.type < SCALL_EV_START || ev.type > SCALL_EV_EXIT) {
			complain(&ev, "unknown event type %d", ev.type);
			break;
		}
		counts[ev.type]++;
		ti = find(ev.tid);
		if (ev.type == SCALL_EV_START) {
			on_start(&ev, ti, spawned);
			ti = find(ev.tid);
		} else if (ev.type == SCALL_EV_EXIT) {
			if (!ti) {
				complain(&ev, "EXIT of a thread never STARTed");
				continue;
			}
			if (ev.tid == spawned && ti->state == T_LIVE) {
				main_exited = true;
				status = ev.status;
			}
			drop(ti);
			continue;
		} else if (!ti || ti->state != T_LIVE) {
			if (ev.type == SCALL_EV_EXEC && ti && ti->state == T_RETIRED)
				complain(&ev, "EXEC of a thread thought gone");
			else
				complain(&ev, "event for a thread never STARTed%s",
					 ti ? " (or gone)" : "");
			/* Keep it running all the same: it is stopped. */
		} else if (ev.pid != ti->pid && ev.type != SCALL_EV_EXEC) {
			complain(&ev, "pid changed from %d", (int)ti->pid);
		}
		if (ti && ti->state == T_LIVE) {
			switch (ev.type) {
			case SCALL_EV_SYSCALL:
				on_syscall(&ev, ti);
				break;
			case SCALL_EV_EXEC:
				on_exec(&ev, ti);
				break;
			case SCALL_EV_CLONE: {
				struct tinfo *c = find(ev.child);

				if (ev.clone < SCALL_CLONE_THREAD || ev.clone > SCALL_CLONE_VFORK)
					complain(&ev, "bad clone kind %d", ev.clone);
				if (ev.child <= 0) {
					complain(&ev, "CLONE of child %d", (int)ev.child);
					break;
				}
				if (c && c->state == T_LIVE)
					complain(&ev, "child %d is traced already", (int)ev.child);
				else if (!c)
					c = add(ev.child);
				c->state = T_ANNOUNCED;
				c->pid = ev.clone == SCALL_CLONE_THREAD ? ev.pid : ev.child;
				break;
			}
			default:
				break;
			}
		}
		if (look)
			inspect(t, &ev);
		if (every > 0 && ti && ti->state == T_LIVE &&
		    (ev.type == SCALL_EV_SYSCALL || ev.type == SCALL_EV_SIGNAL) &&
		    ti->last_abi != SCALL_ABI_UNKNOWN && ++stops % every == 0)
			inject(t, &ev, ev.type == SCALL_EV_SYSCALL ? ev.info.abi : ti->last_abi,
			       ti);
		if (ev.type == SCALL_EV_SIGNAL) {
			sig = ev.sig;
			nsignals++;
		}
		rc = scall_resume(t, ev.tid, how, sig);
		if (rc < 0)
			complain(&ev, "scall_resume: %s", scall_strerror(rc));
	}
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);
	if (!nerrors && !main_exited)
		complain(NULL, "the spawned process %d reported no EXIT", (int)spawned);
	for (i = 0; !nerrors && i < NBUCKETS; i++) {
		struct tinfo *ti;

		for (ti = table[i]; ti; ti = ti->next)
			if (ti->state == T_LIVE)
				complain(NULL, "thread %d (pid %d) never reported EXIT",
					 (int)ti->tid, (int)ti->pid);
	}
	if (verbose) {
		fprintf(stderr, "%s: threads %lu, signals delivered %lu, calls injected %lu, ",
			prog, nthreads, nsignals, ninjected);
		fprintf(stderr, "gone meanwhile %lu, errors %lu; events:", nvanished, nerrors);
		for (i = 0; i <= SCALL_EV_EXIT; i++)
			fprintf(stderr, " %s %lu", ev_name(i), counts[i]);
		fputc('\n', stderr);
	}
	scall_free(t);
	if (nerrors) {
		if (nerrors > 20)
			fprintf(stderr, "%s: %lu errors in all\n", prog, nerrors);
		return 1;
	}
	exit_like(status);
	return 1;
}
