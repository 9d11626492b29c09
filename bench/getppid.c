/* SPDX-License-Identifier: MIT */
/*
 * getppid N: make N getppid system calls (default 2000000) and exit 0.
 *
 * The syscall-heavy loop of bench/run.  syscall(2) is used so that no libc
 * caching can ever stand between the loop and the kernel.  The result is
 * ignored: the fault-injection job makes every call fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;

	if (n < 0) {
		fprintf(stderr, "usage: %s [ITERATIONS]\n", argv[0]);
		return 2;
	}
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}
