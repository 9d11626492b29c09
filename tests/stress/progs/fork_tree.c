/* SPDX-License-Identifier: MIT */
/*
 * fork_tree - a binary tree of 63 processes.
 *
 * Every process above the leaves forks two children and waits for each by
 * pid; every process checks that getppid is its parent and getpid what fork
 * returned to the parent (sent back through a pipe), and exits with the size
 * of its subtree.  A parent checks each child's status; the root prints the
 * total.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define LEVELS 6 /* 2^6 - 1 = 63 processes */

static int subtree(int level)
{
	return (1 << (LEVELS - level)) - 1;
}

/* Run in a process at level (0 = root); returns its subtree size, or 0. */
static int node(int level)
{
	pid_t kids[2], me = getpid(), parent = getppid();
	int total = 1, i, st;

	for (i = 0; level < LEVELS - 1 && i < 2; i++) {
		int p[2];
		pid_t seen = 0;

		if (pipe(p) != 0) {
			perror("fork_tree: pipe");
			return 0;
		}
		kids[i] = fork();
		if (kids[i] < 0) {
			perror("fork_tree: fork");
			return 0;
		}
		if (kids[i] == 0) {
			pid_t self = getpid();

			close(p[0]);
			if (getppid() != me || write(p[1], &self, sizeof(self)) != sizeof(self))
				_exit(0);
			close(p[1]);
			_exit(node(level + 1));
		}
		close(p[1]);
		if (read(p[0], &seen, sizeof(seen)) != sizeof(seen) || seen != kids[i]) {
			fprintf(stderr, "fork_tree: child %d says it is %d\n", (int)kids[i],
				(int)seen);
			total = -1000;
		}
		close(p[0]);
	}
	for (i = 0; level < LEVELS - 1 && i < 2; i++) {
		while (waitpid(kids[i], &st, 0) < 0) {
			if (errno != EINTR) {
				perror("fork_tree: waitpid");
				return 0;
			}
		}
		if (!WIFEXITED(st) || WEXITSTATUS(st) != subtree(level + 1)) {
			fprintf(stderr,
				"fork_tree: level %d child %d: status %#x, expected exit %d\n",
				level + 1, (int)kids[i], st, subtree(level + 1));
			return 0;
		}
		total += WEXITSTATUS(st);
	}
	if (getpid() != me || getppid() != parent)
		return 0;
	return total > 0 ? total : 0;
}

int main(void)
{
	int n = node(0);

	if (n != subtree(0)) {
		printf("fork_tree: %d processes, expected %d: FAILED\n", n, subtree(0));
		return 1;
	}
	printf("fork_tree: %d processes, every status checked: ok\n", n);
	return 0;
}
