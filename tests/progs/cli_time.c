/* SPDX-License-Identifier: MIT */
/* Clocks and sleeps: nanosleep, clock_gettime, clock_nanosleep, getitimer. */
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "../cli/tracee.h"

int main(void)
{
	char line[512];
	struct timespec req = { 0, 1000000 }, ts;
	struct itimerval it;
	long r;

	r = syscall(SYS_nanosleep, &req, NULL);
	expect("%s= %ld", col("nanosleep({tv_sec=0, tv_nsec=1000000}, NULL)"), r);

	r = syscall(SYS_clock_gettime, (long)CLOCK_MONOTONIC, &ts);
	snprintf(line, sizeof(line), "clock_gettime(CLOCK_MONOTONIC, {tv_sec=%lld, tv_nsec=%ld})",
		 (long long)ts.tv_sec, (long)ts.tv_nsec);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_clock_nanosleep, (long)CLOCK_REALTIME, 0L, &req, &ts);
	snprintf(line, sizeof(line),
		 "clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=0, tv_nsec=1000000}, %p)",
		 (void *)&ts);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_getitimer, (long)ITIMER_REAL, &it);
	expect("%s= %ld",
	       col("getitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, "
		   "it_value={tv_sec=0, tv_usec=0}})"),
	       r);

	expect_flush();
	return 0;
}
