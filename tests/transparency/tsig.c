/* SPDX-License-Identifier: MIT */
/*
 * tsig - a small program with threads and signals, for the transparency
 * suite: its output depends only on its input, never on timing.
 *
 * A producer thread writes the numbers 1..N into a pipe; a filter thread
 * reads them, squares them modulo a prime and writes them into a second pipe;
 * the main thread reads those and sums them.  Meanwhile an interval timer
 * sends SIGALRM to the process (handled with SA_RESTART), the main thread
 * sends SIGUSR1 to the filter thread (handled without SA_RESTART: reads and
 * writes may fail with EINTR and are retried), and a fourth thread takes
 * sigqueue'd SIGRTMIN values with sigwaitinfo.  A child process checksums
 * a buffer and reports through its exit status.
 *
 * Prints the counts and sums, which a run natively and a run under a tracer
 * must agree on; exits 0 if every check held.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 5000
#define PRIME 1000003u
#define RT_COUNT 200

static int ab[2], bc[2];
static volatile sig_atomic_t alarms, usr1s;
static pthread_t filter_th;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1s++;
}

/* read or write all of len bytes, retrying after EINTR and short counts */
static int full_io(int fd, void *buf, size_t len, int writing)
{
	char *p = buf;

	while (len) {
		ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static void *producer(void *arg)
{
	uint32_t i;

	(void)arg;
	for (i = 1; i <= N; i++)
		if (full_io(ab[1], &i, sizeof(i), 1))
			return (void *)1;
	close(ab[1]);
	return NULL;
}

static void *filter(void *arg)
{
	uint32_t v, out;

	(void)arg;
	while (full_io(ab[0], &v, sizeof(v), 0) == 0) {
		out = (uint32_t)((uint64_t)v * v % PRIME);
		if (full_io(bc[1], &out, sizeof(out), 1))
			return (void *)1;
	}
	close(bc[1]);
	return NULL;
}

static void *waiter(void *arg)
{
	long *sum = arg;
	sigset_t set;
	siginfo_t si;
	int i;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	for (i = 0; i < RT_COUNT; i++) {
		if (sigwaitinfo(&set, &si) != SIGRTMIN) {
			if (errno == EINTR) {
				i--;
				continue;
			}
			return (void *)1;
		}
		*sum += si.si_value.sival_int;
	}
	return NULL;
}

static int child_checksum(void)
{
	unsigned char buf[4096];
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	for (i = 0; i < sizeof(buf); i++)
		sum = sum * 31 + buf[i];
	return sum % 200 + 1;
}

int main(void)
{
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	pthread_t prod_th, wait_th;
	struct sigaction sa;
	sigset_t set;
	uint64_t sum = 0;
	uint32_t v;
	long rt_sum = 0, count = 0, usr1_sent = 0;
	void *r1, *r2, *r3;
	int st, want, i;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_usr1;
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	/* SIGRTMIN is for the waiter thread only. */
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pipe(ab) || pipe(bc))
		return 1;
	if (pthread_create(&wait_th, NULL, waiter, &rt_sum) ||
	    pthread_create(&prod_th, NULL, producer, NULL) ||
	    pthread_create(&filter_th, NULL, filter, NULL))
		return 1;
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < RT_COUNT; i++)
		sigqueue(getpid(), SIGRTMIN, (union sigval){ .sival_int = i });
	while (full_io(bc[0], &v, sizeof(v), 0) == 0) {
		sum += v;
		if (++count % 250 == 0) {
			pthread_kill(filter_th, SIGUSR1);
			usr1_sent++;
		}
	}
	pthread_join(prod_th, &r1);
	pthread_join(filter_th, &r2);
	pthread_join(wait_th, &r3);
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);

	want = child_checksum();
	pid = fork();
	if (pid == 0)
		_exit(child_checksum());
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != want) {
		printf("tsig: child status wrong\n");
		return 1;
	}
	printf("tsig: %ld numbers, sum of squares mod %u: %llu\n", count, PRIME,
	       (unsigned long long)sum);
	printf("tsig: %d queued values, sum %ld\n", RT_COUNT, rt_sum);
	printf("tsig: SIGUSR1 sent %ld, handled %s\n", usr1_sent,
	       usr1s >= 1 && usr1s <= usr1_sent ? "between 1 and all" : "WRONG");
	printf("tsig: child exit %d\n", want);
	if (r1 || r2 || r3 || count != N || rt_sum != (long)RT_COUNT * (RT_COUNT - 1) / 2 ||
	    usr1s < 1 || usr1s > usr1_sent) {
		printf("tsig: FAILED\n");
		return 1;
	}
	return 0;
}
