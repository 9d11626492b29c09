/* SPDX-License-Identifier: MIT */
/*
 * busy - a process for attach and detach: two threads loop calling getppid
 * and getpid, checking every result against the values they had at start,
 * until SIGUSR1 arrives.
 *
 * Prints "ready PID TID" (TID: the second thread) once both threads run,
 * then, after SIGUSR1, "main COUNT BAD" and "thread COUNT BAD" (BAD: calls
 * that returned something else).  Exit status 0 if both threads made calls
 * and none went wrong, else 1.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static volatile long thread_tid;
static long ppid, pid;

struct tally {
	unsigned long count, bad;
};

static void on_usr1(int sig)
{
	(void)sig;
	stop = 1;
}

static void loop(struct tally *t)
{
	while (!stop) {
		if (syscall(SYS_getppid) != ppid)
			t->bad++;
		if (syscall(SYS_getpid) != pid)
			t->bad++;
		t->count++;
	}
}

static void *thread_main(void *arg)
{
	thread_tid = syscall(SYS_gettid);
	loop(arg);
	return NULL;
}

int main(void)
{
	struct tally main_t = { 0, 0 }, thread_t = { 0, 0 };
	struct sigaction sa;
	pthread_t th;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	ppid = syscall(SYS_getppid);
	pid = syscall(SYS_getpid);
	if (pthread_create(&th, NULL, thread_main, &thread_t) != 0)
		return 1;
	while (!thread_tid)
		sched_yield();
	printf("ready %ld %ld\n", pid, thread_tid);
	fflush(stdout);
	loop(&main_t);
	pthread_join(th, NULL);
	printf("main %lu %lu\nthread %lu %lu\n", main_t.count, main_t.bad, thread_t.count,
	       thread_t.bad);
	return main_t.count && thread_t.count && !main_t.bad && !thread_t.bad ? 0 : 1;
}
