/* SPDX-License-Identifier: MIT */
/*
 * For -P /dev/null -P /dev/zero: calls on those paths, by name or through a
 * descriptor, and on another file; prints only the lines of the first kind.
 */
#include <fcntl.h>
#include <sys/select.h>
#include <time.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

int main(void)
{
	char line[256], buf[8];
	struct timespec ts = { 0, 0 };
	fd_set set;
	long null, other, dupfd, zero, r;

	null = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY);
	expect("%s= %ld", col("openat(AT_FDCWD, \"/dev/null\", O_WRONLY)"), null);
	other = syscall(SYS_openat, AT_FDCWD, "other", O_RDWR | O_CREAT | O_TRUNC, 0600);
	r = syscall(SYS_write, null, "abc", 3L);
	snprintf(line, sizeof(line), "write(%ld, \"abc\", 3)", null);
	expect("%s= %ld", col(line), r);
	syscall(SYS_write, other, "abc", 3L);
	dupfd = syscall(SYS_dup, null);
	snprintf(line, sizeof(line), "dup(%ld)", null);
	expect("%s= %ld", col(line), dupfd);
	r = syscall(SYS_close, dupfd);
	snprintf(line, sizeof(line), "close(%ld)", dupfd);
	expect("%s= %ld", col(line), r);
	zero = syscall(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
	expect("%s= %ld", col("openat(AT_FDCWD, \"/dev/zero\", O_RDONLY)"), zero);
	r = syscall(SYS_read, zero, buf, 4L);
	snprintf(line, sizeof(line), "read(%ld, \"\\0\\0\\0\\0\", 4)", zero);
	expect("%s= %ld", col(line), r);
	/* a descriptor inside an fd_set */
	FD_ZERO(&set);
	FD_SET((int)null, &set);
	r = syscall(SYS_pselect6, null + 1, NULL, &set, NULL, &ts, NULL);
	snprintf(line, sizeof(line),
		 "pselect6(%ld, NULL, [%ld], NULL, {tv_sec=0, tv_nsec=0}, NULL)", null + 1, null);
	expect("%s= %ld (out [%ld], left {tv_sec=0, tv_nsec=0})", col(line), r, null);
	r = syscall(SYS_faccessat, AT_FDCWD, "/dev/null", W_OK);
	expect("%s= %ld", col("faccessat(AT_FDCWD, \"/dev/null\", W_OK)"), r);
	syscall(SYS_faccessat, AT_FDCWD, "other", R_OK);
	syscall(SYS_getpid);
	syscall(SYS_close, other);
	r = syscall(SYS_close, zero);
	snprintf(line, sizeof(line), "close(%ld)", zero);
	expect("%s= %ld", col(line), r);
	r = syscall(SYS_close, null);
	snprintf(line, sizeof(line), "close(%ld)", null);
	expect("%s= %ld", col(line), r);
	expect_flush();
	return 0;
}
