/* SPDX-License-Identifier: MIT */
/*
 * sigthreads - 32 threads make system calls while signals fly between them.
 *
 * Every worker loops: checks getpid, gettid and getppid, writes a record to
 * its own pipe and reads it back, sleeps a little, and sends a queued real-time
 * signal (SIGRTMIN, which is never merged) and a SIGUSR1 (which may be merged)
 * to other workers with tgkill.  Once every worker has stopped sending, each
 * waits until it has received every real-time signal sent to it.
 *
 * Checks: every call returned what it must (EINTR only where the call may
 * return it), each worker received exactly the real-time signals sent to it,
 * each with the sender's number in si_value, and between 1 and the number
 * sent of its SIGUSR1s.  Prints one line and exits 0 only if all held.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define NTHREADS 32
#define ROUNDS 150

struct worker {
	pthread_t th;
	int idx;
	pid_t tid;
	int pipe[2];
	atomic_long rt_sent;  /* real-time signals sent to this worker */
	atomic_long usr_sent; /* SIGUSR1 sent to this worker */
	atomic_long rt_got;   /* received by it */
	atomic_long usr_got;
	atomic_long bad_value;      /* si_value that names no worker */
	atomic_long from[NTHREADS]; /* received from each sender */
	atomic_long to[NTHREADS];   /* sent by each sender */
	long errors;
};

static struct worker workers[NTHREADS];
static pid_t pid, ppid;
static pthread_barrier_t start_bar, sent_bar;
static __thread struct worker *self;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	int from = si->si_value.sival_int;

	(void)sig;
	(void)uc;
	if (!self || si->si_code != SI_QUEUE || from < 0 || from >= NTHREADS) {
		if (self)
			atomic_fetch_add(&self->bad_value, 1);
		return;
	}
	atomic_fetch_add(&self->rt_got, 1);
	atomic_fetch_add(&self->from[from], 1);
}

static void on_usr1(int sig)
{
	(void)sig;
	if (self)
		atomic_fetch_add(&self->usr_got, 1);
}

static void bad(struct worker *w, const char *what, long got)
{
	if (w->errors++ < 5)
		fprintf(stderr, "sigthreads: worker %d: %s (got %ld, errno %d)\n", w->idx, what,
			got, errno);
}

/* Queue SIGRTMIN with our number to worker 'to'; retry while the queue is full. */
static int send_rt(struct worker *w, struct worker *to)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGRTMIN;
	si.si_code = SI_QUEUE;
	si.si_pid = pid;
	si.si_uid = getuid();
	si.si_value.sival_int = w->idx;
	for (;;) {
		if (syscall(SYS_rt_tgsigqueueinfo, pid, to->tid, SIGRTMIN, &si) == 0)
			return 0;
		if (errno != EAGAIN && errno != EINTR)
			return -1;
		sched_yield();
	}
}

static void one_round(struct worker *w, int round)
{
	struct timespec ts = { 0, 20000 };
	long rec[2] = { w->idx, round }, back[2];
	struct worker *a = &workers[(w->idx + 1 + round % (NTHREADS - 1)) % NTHREADS];
	struct worker *b = &workers[(w->idx + 7) % NTHREADS];
	ssize_t n;
	long r;

	if ((r = syscall(SYS_getpid)) != pid)
		bad(w, "getpid", r);
	if ((r = syscall(SYS_gettid)) != w->tid)
		bad(w, "gettid", r);
	if ((r = syscall(SYS_getppid)) != ppid)
		bad(w, "getppid", r);
	n = write(w->pipe[1], rec, sizeof(rec));
	if (n != sizeof(rec))
		bad(w, "write", n);
	n = read(w->pipe[0], back, sizeof(back));
	if (n != sizeof(back) || back[0] != rec[0] || back[1] != rec[1])
		bad(w, "read back", n);
	if (round % 8 == 0) {
		r = nanosleep(&ts, NULL);
		if (r != 0 && errno != EINTR)
			bad(w, "nanosleep", r);
	}
	if (a != w) {
		if (send_rt(w, a) == 0) {
			atomic_fetch_add(&a->rt_sent, 1);
			atomic_fetch_add(&a->to[w->idx], 1);
		} else {
			bad(w, "rt_tgsigqueueinfo", -1);
		}
	}
	if (round % 3 == 0 && b != w) {
		atomic_fetch_add(&b->usr_sent, 1);
		if (syscall(SYS_tgkill, pid, b->tid, SIGUSR1) != 0)
			bad(w, "tgkill", -1);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	double deadline;
	int i;

	self = w;
	w->tid = syscall(SYS_gettid);
	pthread_barrier_wait(&start_bar);
	for (i = 0; i < ROUNDS; i++)
		one_round(w, i);
	pthread_barrier_wait(&sent_bar);
	/* Everything is sent: wait for what is still pending for us. */
	deadline = now() + 60;
	while (atomic_load(&w->rt_got) + atomic_load(&w->bad_value) < atomic_load(&w->rt_sent) ||
	       (atomic_load(&w->usr_sent) && !atomic_load(&w->usr_got))) {
		if (now() > deadline) {
			bad(w, "signals still missing after 60 s", w->rt_got);
			break;
		}
		syscall(SYS_getppid);
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	long rt_total = 0, usr_total = 0, errors = 0;
	int i, j;

	pid = getpid();
	ppid = getppid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN, &sa, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	pthread_barrier_init(&start_bar, NULL, NTHREADS);
	pthread_barrier_init(&sent_bar, NULL, NTHREADS);
	for (i = 0; i < NTHREADS; i++) {
		workers[i].idx = i;
		if (pipe(workers[i].pipe) != 0) {
			perror("sigthreads: pipe");
			return 1;
		}
	}
	for (i = 0; i < NTHREADS; i++) {
		if (pthread_create(&workers[i].th, NULL, worker_main, &workers[i])) {
			fprintf(stderr, "sigthreads: pthread_create failed\n");
			return 1;
		}
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(workers[i].th, NULL);
	for (i = 0; i < NTHREADS; i++) {
		struct worker *w = &workers[i];

		errors += w->errors;
		if (w->rt_got != w->rt_sent || w->bad_value) {
			fprintf(stderr,
				"sigthreads: worker %d got %ld of %ld real-time signals (%ld bad)\n",
				i, (long)w->rt_got, (long)w->rt_sent, (long)w->bad_value);
			errors++;
		}
		for (j = 0; j < NTHREADS; j++) {
			if (w->from[j] != w->to[j]) {
				fprintf(stderr,
					"sigthreads: worker %d got %ld signals from %d, %ld sent\n",
					i, (long)w->from[j], j, (long)w->to[j]);
				errors++;
			}
		}
		if (w->usr_got > w->usr_sent || (w->usr_sent && !w->usr_got)) {
			fprintf(stderr, "sigthreads: worker %d got %ld SIGUSR1, %ld sent\n", i,
				(long)w->usr_got, (long)w->usr_sent);
			errors++;
		}
		rt_total += w->rt_got;
		usr_total += w->usr_sent;
	}
	printf("sigthreads: %d threads, %d rounds, %ld queued signals received, %ld SIGUSR1 sent: %s\n",
	       NTHREADS, ROUNDS, rt_total, usr_total, errors ? "FAILED" : "ok");
	return errors ? 1 : 0;
}
