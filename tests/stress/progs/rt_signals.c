/* SPDX-License-Identifier: MIT */
/*
 * rt_signals - thousands of queued real-time signals, none lost or doubled.
 *
 * COUNT is 3000, or less (but at least 1000) where RLIMIT_SIGPENDING is low.
 *
 * Part 1, in one process: block SIGRTMIN .. SIGRTMIN+3, sigqueue COUNT
 * signals to itself spread over the four with the sequence number as value,
 * unblock, and count in the handler: each value must come exactly once, and
 * the values of one signal in increasing order (real-time signals of one
 * number are delivered first in, first out).
 *
 * Part 2, between processes: a child blocks the signals and tells the parent;
 * the parent queues COUNT signals to it; the child takes them with
 * sigwaitinfo, checks them as above, then queues COUNT back to the parent,
 * which takes them in a handler.  Both sides check.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_COUNT 3000
#define NSIGS 4

static unsigned char seen[MAX_COUNT];
static int count = MAX_COUNT;
static int last[NSIGS];
static volatile int got, errs;

static void note(int sig, int value, int code)
{
	int k = sig - SIGRTMIN;

	if (k < 0 || k >= NSIGS || value < 0 || value >= count || code != SI_QUEUE ||
	    value % NSIGS != k) {
		errs++;
		return;
	}
	if (seen[value]++)
		errs++; /* doubled */
	if (value <= last[k])
		errs++; /* out of order */
	last[k] = value;
	got++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	note(sig, si->si_value.sival_int, si->si_code);
}

static void reset(void)
{
	int k;

	memset(seen, 0, sizeof(seen));
	for (k = 0; k < NSIGS; k++)
		last[k] = -1;
	got = errs = 0;
}

static void rt_set(sigset_t *set)
{
	int k;

	sigemptyset(set);
	for (k = 0; k < NSIGS; k++)
		sigaddset(set, SIGRTMIN + k);
}

static int queue_all(pid_t to)
{
	union sigval v;
	int i;

	for (i = 0; i < count; i++) {
		v.sival_int = i;
		if (sigqueue(to, SIGRTMIN + i % NSIGS, v) != 0) {
			fprintf(stderr, "rt_signals: sigqueue #%d: %s\n", i, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int check(const char *part)
{
	int i, missing = 0;

	for (i = 0; i < count; i++)
		missing += !seen[i];
	if (got != count || errs || missing) {
		fprintf(stderr, "rt_signals: %s: got %d of %d, %d missing, %d wrong\n", part, got,
			count, missing, errs);
		return -1;
	}
	return 0;
}

static int child(int ready_fd, int go_fd)
{
	sigset_t set;
	siginfo_t si;
	char c = 'r';
	int i;

	reset();
	rt_set(&set);
	if (write(ready_fd, &c, 1) != 1 || read(go_fd, &c, 1) != 1)
		return 2;
	for (i = 0; i < count; i++) {
		int sig = sigwaitinfo(&set, &si);

		if (sig < 0) {
			if (errno == EINTR) {
				i--;
				continue;
			}
			return 3;
		}
		note(sig, si.si_value.sival_int, si.si_code);
	}
	/* Nothing more may be pending. */
	sigpending(&set);
	for (i = 0; i < NSIGS; i++)
		if (sigismember(&set, SIGRTMIN + i))
			errs++;
	if (check("parent to child"))
		return 4;
	if (queue_all(getppid()))
		return 5;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	struct rlimit rl;
	sigset_t set, old;
	int ready[2], go[2], st, k;
	pid_t pid;
	char c;

	/* Room for count pending signals (a limit per user): raise ours as
	 * far as allowed, and queue fewer where even that is too low. */
	if (getrlimit(RLIMIT_SIGPENDING, &rl) == 0 && rl.rlim_cur < 2 * MAX_COUNT + 64) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_SIGPENDING, &rl);
		getrlimit(RLIMIT_SIGPENDING, &rl);
		if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < 2 * MAX_COUNT + 64)
			count = (rl.rlim_cur - 64) / 2 / NSIGS * NSIGS;
		if (count < 1000) {
			fprintf(stderr, "rt_signals: RLIMIT_SIGPENDING %lu is too low\n",
				(unsigned long)rl.rlim_cur);
			return 1;
		}
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_rt;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < NSIGS; k++)
		sigaction(SIGRTMIN + k, &sa, NULL);
	rt_set(&set);

	/* Part 1: to ourselves. */
	reset();
	sigprocmask(SIG_BLOCK, &set, &old);
	if (queue_all(getpid()))
		return 1;
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (check("to self"))
		return 1;

	/* Part 2: to a child and back, with our signals blocked meanwhile. */
	reset();
	sigprocmask(SIG_BLOCK, &set, &old);
	if (pipe(ready) || pipe(go))
		return 1;
	pid = fork();
	if (pid == 0)
		_exit(child(ready[1], go[0]));
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		fprintf(stderr, "rt_signals: child did not start\n");
		return 1;
	}
	if (queue_all(pid))
		return 1;
	if (write(go[1], &c, 1) != 1)
		return 1;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "rt_signals: child status %#x\n", st);
		return 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (check("child to parent"))
		return 1;
	printf("rt_signals: %d queued to self, %d to a child, %d back: none lost or doubled: ok\n",
	       count, count, count);
	return 0;
}
