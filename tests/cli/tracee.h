/* SPDX-License-Identifier: MIT */
/*
 * For tracee programs (tests/progs/cli_*.c): collect the lines scall must
 * print, computed from the real results of the calls, and hand them to the
 * test on descriptor 3 at exit.  They are written with one pwrite64, which
 * no CLI test traces.
 */
#ifndef SCALL_TESTS_CLI_TRACEE_H
#define SCALL_TESTS_CLI_TRACEE_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char expect_buf[1 << 16];
static size_t expect_len;

static void expect_flush(void)
{
	if (pwrite(3, expect_buf, expect_len, 0) < 0)
		_exit(99);
	expect_len = 0;
}

__attribute__((format(printf, 1, 2))) static void expect(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(expect_buf + expect_len, sizeof(expect_buf) - expect_len - 1, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(expect_buf) - expect_len - 1)
		_exit(98);
	expect_len += (size_t)n;
	expect_buf[expect_len++] = '\n';
}

/* The text strace prints for a failed call: "-1 ENOENT (No such file or directory)" */
__attribute__((unused)) static const char *err_text(int e)
{
	static char buf[128];
	const char *name = "E???";

	switch (e) {
	case 1:
		name = "EPERM";
		break;
	case 2:
		name = "ENOENT";
		break;
	case 3:
		name = "ESRCH";
		break;
	case 9:
		name = "EBADF";
		break;
	case 10:
		name = "ECHILD";
		break;
	case 13:
		name = "EACCES";
		break;
	case 14:
		name = "EFAULT";
		break;
	case 17:
		name = "EEXIST";
		break;
	case 20:
		name = "ENOTDIR";
		break;
	case 21:
		name = "EISDIR";
		break;
	case 22:
		name = "EINVAL";
		break;
	case 25:
		name = "ENOTTY";
		break;
	case 29:
		name = "ESPIPE";
		break;
	case 38:
		name = "ENOSYS";
		break;
	case 39:
		name = "ENOTEMPTY";
		break;
	case 11:
		name = "EAGAIN";
		break;
	case 110:
		name = "ETIMEDOUT";
		break;
	case 111:
		name = "ECONNREFUSED";
		break;
	}
	snprintf(buf, sizeof(buf), "-1 %s (%s)", name, strerror(e));
	return buf;
}

/* "name(args)" padded to strace's result column (40), ready for "= ..." */
__attribute__((unused)) static const char *col(const char *call)
{
	static char buf[4096];
	size_t len = strlen(call);

	snprintf(buf, sizeof(buf), "%s%*s", call, len < 40 ? (int)(40 - len) : 1, "");
	return buf;
}

#endif
