/* SPDX-License-Identifier: MIT */
/*
 * seccomp1 PROG [ARGS...]: install a seccomp filter with one rule, then
 * exec PROG.  No tracer is involved.
 *
 * The floor of filtered tracing: a filter that the kernel runs at every
 * system call puts each call on the slow entry path, whatever the filter
 * says.  The rule makes chdir fail with EPERM; the bench workloads never
 * call chdir, so the program runs unchanged and only pays for the filter.
 * The filter is built with libseccomp, as libscall builds its own.
 */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PROG [ARGS...]\n", argv[0]);
		return 2;
	}
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		fprintf(stderr, "seccomp_init failed\n");
		return 1;
	}
	int rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(chdir), 0);
	if (rc == 0)
		rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc < 0) {
		fprintf(stderr, "seccomp: %s\n", strerror(-rc));
		return 1;
	}
	execvp(argv[1], argv + 1);
	fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
	return 127;
}
