/* SPDX-License-Identifier: MIT */
/*
 * vfork_chain - chains of vfork + execve.
 *
 * vfork_chain [DEPTH]: a process at depth D > 0 makes FAN children one after
 * the other, alternately with vfork and with posix_spawn (clone with
 * CLONE_VM | CLONE_VFORK), each running this program with D - 1, and one more
 * vfork child that calls _exit without exec.  Each process exits with the
 * number of processes in its subtree (never 0), which its parent checks; the
 * first one prints the total.  A vfork parent also checks that the child ran
 * before it went on (the child writes a marker into the shared memory).
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEPTH 4
#define FAN 3

extern char **environ;
static char self_exe[4096];

/* The subtree sizes, computed the same way the processes count themselves. */
static int expected(int depth)
{
	int n = 1, i;

	if (depth > 0)
		for (i = 0; i < FAN; i++)
			n += expected(depth - 1);
	return n + (depth > 0); /* the child that exits without exec */
}

static int check_child(pid_t pid, int want, const char *how)
{
	int st;

	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			perror("vfork_chain: waitpid");
			return -1;
		}
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != want) {
		fprintf(stderr, "vfork_chain: %s child %d: status %#x, expected exit %d\n", how,
			(int)pid, st, want);
		return -1;
	}
	return want;
}

/* vfork a child that runs this program (argv) or, argv NULL, exits with 1. */
static pid_t __attribute__((noinline)) vfork_one(char **argv)
{
	volatile int marker = 0;
	pid_t pid = vfork();

	if (pid == 0) {
		marker = 1;
		if (argv)
			execv(self_exe, argv);
		_exit(argv ? 0 : 1);
	}
	if (pid > 0 && marker != 1) {
		fprintf(stderr, "vfork_chain: the parent ran before its vfork child\n");
		return -1;
	}
	return pid;
}

int main(int argc, char **argv)
{
	int depth = argc > 1 ? atoi(argv[1]) : DEPTH;
	int total = 1, i, r;
	char arg[16];
	char *cargv[] = { self_exe, arg, NULL };
	ssize_t n;
	pid_t pid;

	n = readlink("/proc/self/exe", self_exe, sizeof(self_exe) - 1);
	if (n <= 0)
		return 0;
	self_exe[n] = 0;
	snprintf(arg, sizeof(arg), "%d", depth - 1);
	for (i = 0; depth > 0 && i < FAN; i++) {
		if (i % 2 == 0) {
			pid = vfork_one(cargv);
			if (pid < 0)
				return 0;
			r = check_child(pid, expected(depth - 1), "vfork");
		} else {
			r = posix_spawn(&pid, self_exe, NULL, NULL, cargv, environ);
			if (r) {
				fprintf(stderr, "vfork_chain: posix_spawn: %s\n", strerror(r));
				return 0;
			}
			r = check_child(pid, expected(depth - 1), "posix_spawn");
		}
		if (r < 0)
			return 0;
		total += r;
	}
	if (depth > 0) {
		pid = vfork_one(NULL);
		if (pid < 0 || check_child(pid, 1, "vfork+_exit") < 0)
			return 0;
		total += 1;
	}
	if (argc > 1)
		return total;
	if (total != expected(DEPTH)) {
		printf("vfork_chain: %d processes, expected %d: FAILED\n", total, expected(DEPTH));
		return 1;
	}
	printf("vfork_chain: %d processes (depth %d, fan %d): ok\n", total, DEPTH, FAN);
	return 0;
}
