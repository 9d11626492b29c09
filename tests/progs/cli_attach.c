/* SPDX-License-Identifier: MIT */
/*
 * cli_attach MODE - a process for the -p tests.
 *
 *   threads: the main thread loops on getpid, a second thread on getppid,
 *            each with a 10 ms nanosleep, until SIGUSR1; prints
 *            "ready PID TID" (TID: the second thread) first.
 *   sleep:   prints "ready PID PID", then one nanosleep of 30 s, which an
 *            attach interrupts and restart_syscall resumes.
 *   exit:    three threads block in pause; the main thread calls
 *            exit_group(3) once they are there.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static volatile long thread_tid;

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

static void nap(void)
{
	struct timespec ts = { 0, 10000000 };

	syscall(SYS_nanosleep, &ts, NULL);
}

static void *getppid_loop(void *arg)
{
	(void)arg;
	thread_tid = syscall(SYS_gettid);
	while (!stop) {
		syscall(SYS_getppid);
		nap();
	}
	return NULL;
}

static void *pause_forever(void *arg)
{
	(void)arg;
	for (;;)
		syscall(SYS_pause);
	return NULL;
}

static int threads(void)
{
	struct sigaction sa;
	pthread_t th;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	if (pthread_create(&th, NULL, getppid_loop, NULL) != 0)
		return 1;
	while (!thread_tid)
		sched_yield();
	printf("ready %ld %ld\n", (long)getpid(), thread_tid);
	fflush(stdout);
	while (!stop) {
		syscall(SYS_getpid);
		nap();
	}
	pthread_join(th, NULL);
	return 0;
}

static int long_sleep(void)
{
	struct timespec ts = { 30, 0 };

	printf("ready %ld %ld\n", (long)getpid(), (long)getpid());
	fflush(stdout);
	return syscall(SYS_nanosleep, &ts, NULL) == 0 ? 0 : 1;
}

static int exit_with_threads(void)
{
	pthread_t th;
	struct timespec ts = { 0, 50000000 };

	for (int i = 0; i < 3; i++)
		if (pthread_create(&th, NULL, pause_forever, NULL) != 0)
			return 1;
	nanosleep(&ts, NULL);
	syscall(SYS_exit_group, 3L);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "sleep"))
		return long_sleep();
	if (argc > 1 && !strcmp(argv[1], "exit"))
		return exit_with_threads();
	return threads();
}
