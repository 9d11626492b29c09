/* SPDX-License-Identifier: MIT */
/*
 * busy_mt - a busy multi-threaded process to attach to and detach from.
 *
 * WORKERS threads loop on calls whose results they check: getpid, gettid, a
 * record written to their own pipe and read back, a short nanosleep; one more
 * thread keeps creating short-lived threads and joining them.  SIGRTMIN
 * signals (from anyone, with a value) are counted, each value must come
 * once.  SIGUSR1 asks every thread to finish.
 *
 * Prints "ready PID" when all threads run; at the end "signals N" (the
 * real-time signals received), "calls N" and "busy_mt: ok" or
 * "busy_mt: FAILED", and exits 0 only if every call returned what it must and
 * no signal came twice.  Gives up (SIGALRM) after 200 seconds.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 8
#define MAXVAL 4096

static volatile sig_atomic_t stop;
static atomic_long calls, bad, signals, dup_or_bad_sig;
static atomic_int running;
static unsigned char sig_seen[MAXVAL];
static pid_t pid;

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	int v = si->si_value.sival_int;

	(void)sig;
	(void)uc;
	if (si->si_code != SI_QUEUE || v < 0 || v >= MAXVAL || sig_seen[v]++)
		atomic_fetch_add(&dup_or_bad_sig, 1);
	else
		atomic_fetch_add(&signals, 1);
}

static void fail(const char *what, long got)
{
	if (atomic_fetch_add(&bad, 1) < 10)
		fprintf(stderr, "busy_mt: %s: got %ld (errno %d)\n", what, got, errno);
}

static void *worker(void *arg)
{
	long k = (long)arg, tid = syscall(SYS_gettid), n = 0, r;
	struct timespec ts = { 0, 30000 };
	long rec[2], back[2];
	int p[2];

	if (pipe(p) != 0) {
		fail("pipe", -1);
		return NULL;
	}
	atomic_fetch_add(&running, 1);
	while (!stop) {
		if ((r = syscall(SYS_getpid)) != pid)
			fail("getpid", r);
		if ((r = syscall(SYS_gettid)) != tid)
			fail("gettid", r);
		rec[0] = k;
		rec[1] = n++;
		if ((r = write(p[1], rec, sizeof(rec))) != sizeof(rec))
			fail("write", r);
		if ((r = read(p[0], back, sizeof(back))) != sizeof(back) || back[0] != rec[0] ||
		    back[1] != rec[1])
			fail("read back", r);
		if (n % 16 == 0 && (r = nanosleep(&ts, NULL)) != 0 && errno != EINTR)
			fail("nanosleep", r);
		atomic_fetch_add(&calls, 1);
	}
	close(p[0]);
	close(p[1]);
	return NULL;
}

static void *short_lived(void *arg)
{
	if (syscall(SYS_getpid) != pid)
		fail("getpid in a short-lived thread", -1);
	return arg;
}

static void *churn(void *arg)
{
	static int tag;
	struct timespec ts = { 0, 200000 };
	pthread_t th;
	void *ret;

	(void)arg;
	atomic_fetch_add(&running, 1);
	while (!stop) {
		if (pthread_create(&th, NULL, short_lived, &tag) != 0) {
			fail("pthread_create", -1);
			continue;
		}
		if (pthread_join(th, &ret) != 0 || ret != &tag)
			fail("pthread_join", -1);
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int main(void)
{
	pthread_t th[WORKERS + 1];
	struct sigaction sa;
	long k;

	pid = getpid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaction(SIGRTMIN, &sa, NULL);
	alarm(200);
	for (k = 0; k < WORKERS; k++)
		if (pthread_create(&th[k], NULL, worker, (void *)k))
			return 1;
	if (pthread_create(&th[WORKERS], NULL, churn, NULL))
		return 1;
	while (atomic_load(&running) < WORKERS + 1)
		sched_yield();
	printf("ready %d\n", (int)pid);
	fflush(stdout);
	/*
	 * The leader sleeps in short naps: SIGUSR1 may be handled by any thread,
	 * and a sigsuspend here would then never wake.
	 */
	while (!stop) {
		struct timespec nap = { 0, 5000000 };

		nanosleep(&nap, NULL);
	}
	for (k = 0; k <= WORKERS; k++)
		pthread_join(th[k], NULL);
	printf("signals %ld\ncalls %ld\nbusy_mt: %s\n", (long)signals, (long)calls,
	       bad || dup_or_bad_sig || !calls ? "FAILED" : "ok");
	return bad || dup_or_bad_sig || !calls ? 1 : 0;
}
