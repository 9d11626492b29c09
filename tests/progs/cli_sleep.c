/* SPDX-License-Identifier: MIT */
/* Sleeps in a loop of short nanosleeps until killed: for -p attach tests. */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	for (;;) {
		syscall(SYS_nanosleep, &ts, NULL);
		syscall(SYS_getppid);
	}
	return 0;
}
