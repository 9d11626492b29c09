/* SPDX-License-Identifier: MIT */
/*
 * exit_storm - processes that end while their threads are busy.
 *
 * CHILDREN children, BATCH at a time.  Each runs WORKERS threads that loop on
 * system calls and keep creating short-lived threads, then ends in one of
 * four ways while all of that goes on:
 *   0  the leader calls _exit (exit_group) with 10 + its index;
 *   1  a worker calls _exit with 10 + index while the leader waits in join;
 *   2  the leader calls pthread_exit first, then a worker calls exit;
 *   3  a worker sends SIGTERM to the process (default action: death).
 * The parent checks every child's wait status against the way it chose.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHILDREN 16
#define BATCH 4
#define WORKERS 12

static int index_, how;
static atomic_int started, spawned;

static void *short_lived(void *arg)
{
	(void)arg;
	syscall(SYS_getpid);
	return NULL;
}

static void pause_us(long us)
{
	struct timespec ts = { 0, us * 1000 };

	nanosleep(&ts, NULL);
}

static void *worker(void *arg)
{
	long k = (long)arg;
	pthread_attr_t attr;
	pthread_t th;
	int n = 0;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	atomic_fetch_add(&started, 1);
	for (;;) {
		syscall(SYS_getppid);
		if (pthread_create(&th, &attr, short_lived, NULL) == 0)
			atomic_fetch_add(&spawned, 1);
		if (k == 0 && how != 0 && atomic_load(&started) == WORKERS && ++n == 40) {
			/* Worker 0 ends the process. */
			if (how == 3)
				kill(getpid(), SIGTERM);
			else if (how == 2)
				exit(10 + index_);
			else
				_exit(10 + index_);
		}
		if (n > 40)
			pause_us(100);
	}
	return NULL;
}

static void child(void)
{
	pthread_t th;
	long k;

	for (k = 0; k < WORKERS; k++)
		if (pthread_create(&th, NULL, worker, (void *)k))
			_exit(2);
	while (atomic_load(&started) < WORKERS || atomic_load(&spawned) < 100)
		pause_us(200);
	switch (how) {
	case 0:
		_exit(10 + index_);
	case 2:
		pthread_exit(NULL);
	default:
		for (;;)
			pause();
	}
}

static int check(int i, int st)
{
	int h = i % 4;

	if (h == 3 ? WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM :
		     WIFEXITED(st) && WEXITSTATUS(st) == 10 + i)
		return 0;
	fprintf(stderr, "exit_storm: child %d (way %d): status %#x\n", i, h, st);
	return -1;
}

int main(void)
{
	pid_t pids[CHILDREN];
	int i, j, st, errs = 0;

	for (i = 0; i < CHILDREN; i += BATCH) {
		for (j = i; j < i + BATCH && j < CHILDREN; j++) {
			pids[j] = fork();
			if (pids[j] < 0) {
				perror("exit_storm: fork");
				return 1;
			}
			if (pids[j] == 0) {
				index_ = j;
				how = j % 4;
				child();
			}
		}
		for (j = i; j < i + BATCH && j < CHILDREN; j++) {
			while (waitpid(pids[j], &st, 0) < 0) {
				if (errno != EINTR) {
					perror("exit_storm: waitpid");
					return 1;
				}
			}
			errs += check(j, st) < 0;
		}
	}
	printf("exit_storm: %d processes ended while %d threads were busy: %s\n", CHILDREN, WORKERS,
	       errs ? "FAILED" : "ok");
	return errs ? 1 : 0;
}
