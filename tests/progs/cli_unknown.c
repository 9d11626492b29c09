/* SPDX-License-Identifier: MIT */
/*
 * System call numbers no table knows, many of them: each prints as
 * syscall_0xNNN with six raw arguments, however many distinct numbers came
 * before it (scall keeps only a bounded number of their entries).
 */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

static void unknown(long nr)
{
	char line[128];
	long r = syscall(nr, 0L, 0L, 0L, 0L, 0L, 0L);

	/* strace prints the number in 64 bits on i386 too */
	snprintf(line, sizeof(line), "syscall_%#llx(0, 0, 0, 0, 0, 0)", (unsigned long long)nr);
	expect("%s= %s", col(line), r < 0 ? err_text(errno) : "?");
}

int main(void)
{
	/* more distinct numbers than scall keeps, then the first ones again */
	for (long nr = 1000; nr < 1600; nr++)
		unknown(nr);
	for (long nr = 1000; nr < 1010; nr++)
		unknown(nr);
	unknown(-1);
	expect_flush();
	return 0;
}
