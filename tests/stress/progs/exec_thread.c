/* SPDX-License-Identifier: MIT */
/*
 * exec_thread - execve from a thread that is not the thread-group leader.
 *
 * exec_thread [LEFT PID]: runs 4 threads; the leader waits in pthread_join,
 * two threads loop on system calls, and one of them (never the leader) calls
 * execve of this program with LEFT - 1 while the others are busy.  After the
 * exec the process must still have the same pid, the new leader's tid must be
 * that pid, and it must be the only thread.  The first run has no arguments,
 * starts the chain with LEFT = 12, and the last one prints the result line.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHAIN 12

static int left;
static pid_t first_pid;
static char self_exe[4096];
static volatile int go;

static int count_threads(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void *spinner(void *arg)
{
	struct timespec ts = { 0, 100000 };

	(void)arg;
	for (;;) {
		if (syscall(SYS_getpid) != first_pid) {
			fprintf(stderr, "exec_thread: getpid changed in a spinner\n");
			_exit(1);
		}
		nanosleep(&ts, NULL);
	}
	return NULL;
}

static void *execer(void *arg)
{
	char n_arg[32], pid_arg[32];
	char *argv[] = { self_exe, n_arg, pid_arg, NULL };
	long tid = syscall(SYS_gettid);
	int i;

	(void)arg;
	if (tid == first_pid) {
		fprintf(stderr, "exec_thread: execing thread is the leader\n");
		_exit(1);
	}
	/* Let the others get going. */
	for (i = 0; i < 200; i++)
		syscall(SYS_getppid);
	snprintf(n_arg, sizeof(n_arg), "%d", left - 1);
	snprintf(pid_arg, sizeof(pid_arg), "%d", (int)first_pid);
	execv(self_exe, argv);
	fprintf(stderr, "exec_thread: execv: %s\n", strerror(errno));
	_exit(1);
}

int main(int argc, char **argv)
{
	pthread_t th[3];
	ssize_t n;
	int i;

	if (argc == 3) {
		left = atoi(argv[1]);
		first_pid = atoi(argv[2]);
		if (getpid() != first_pid || syscall(SYS_gettid) != first_pid) {
			fprintf(stderr, "exec_thread: pid %d tid %ld after exec, expected %d\n",
				(int)getpid(), syscall(SYS_gettid), (int)first_pid);
			return 1;
		}
		if (count_threads() != 1) {
			fprintf(stderr, "exec_thread: %d threads after exec\n", count_threads());
			return 1;
		}
	} else {
		left = CHAIN;
		first_pid = getpid();
	}
	if (left == 0) {
		printf("exec_thread: %d execs from non-leader threads, pid kept: ok\n", CHAIN);
		return 0;
	}
	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0) {
		perror("exec_thread: readlink");
		return 1;
	}
	self_exe[n] = 0;
	for (i = 0; i < 2; i++)
		if (pthread_create(&th[i], NULL, spinner, NULL))
			return 1;
	if (pthread_create(&th[2], NULL, execer, NULL))
		return 1;
	pthread_join(th[2], NULL);
	fprintf(stderr, "exec_thread: the leader came back from join\n");
	return 1;
}
