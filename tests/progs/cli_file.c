/* SPDX-License-Identifier: MIT */
/* File and descriptor calls; prints the lines scall must show for them. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

int main(void)
{
	char buf[128], line[512];
	long fd, r, fd2;

	r = syscall(SYS_openat, AT_FDCWD, "/nonexistent/x", O_RDONLY);
	expect("%s= %s", col("openat(AT_FDCWD, \"/nonexistent/x\", O_RDONLY)"), err_text(errno));

	fd = syscall(SYS_openat, AT_FDCWD, "data", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	expect("%s= %ld", col("openat(AT_FDCWD, \"data\", O_RDWR|O_CREAT|O_TRUNC|O_CLOEXEC, 0640)"),
	       fd);

	/* escapes: \n \t \" \\ octal, and a digit after an octal escape */
	r = syscall(SYS_write, fd, "hi\n\t\"q\"\\\001\377\0007", 12);
	snprintf(line, sizeof(line), "write(%ld, \"hi\\n\\t\\\"q\\\"\\\\\\1\\377\\0007\", 12)", fd);
	expect("%s= %ld", col(line), r);

	/* 40 bytes: truncated at the default -s 32 */
	r = syscall(SYS_write, fd, "0123456789abcdefghijklmnopqrstuvwxyzABCD", 40);
	snprintf(line, sizeof(line), "write(%ld, \"0123456789abcdefghijklmnopqrstuv\"..., 40)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_lseek, fd, 0, SEEK_SET);
	snprintf(line, sizeof(line), "lseek(%ld, 0, SEEK_SET)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_read, fd, buf, 5);
	snprintf(line, sizeof(line), "read(%ld, \"hi\\n\\t\\\"\", 5)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_lseek, fd, (long)-3, SEEK_END);
	snprintf(line, sizeof(line), "lseek(%ld, -3, SEEK_END)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_read, fd, buf, sizeof(buf));
	snprintf(line, sizeof(line), "read(%ld, \"BCD\", %zu)", fd, sizeof(buf));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_read, fd, buf, sizeof(buf));
	snprintf(line, sizeof(line), "read(%ld, \"\", %zu)", fd, sizeof(buf));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_read, 9999, buf, 10);
	snprintf(line, sizeof(line), "read(9999, %p, 10)", (void *)buf);
	expect("%s= %s", col(line), err_text(errno));

	fd2 = syscall(SYS_dup, fd);
	snprintf(line, sizeof(line), "dup(%ld)", fd);
	expect("%s= %ld", col(line), fd2);

	r = syscall(SYS_dup3, fd, 20, O_CLOEXEC);
	snprintf(line, sizeof(line), "dup3(%ld, 20, O_CLOEXEC)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_fcntl, fd, F_GETFD);
	snprintf(line, sizeof(line), "fcntl(%ld, F_GETFD)", fd);
	expect("%s= %#lx (flags FD_CLOEXEC)", col(line), r);

	r = syscall(SYS_fcntl, fd2, F_SETFD, FD_CLOEXEC);
	snprintf(line, sizeof(line), "fcntl(%ld, F_SETFD, FD_CLOEXEC)", fd2);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_close, fd2);
	snprintf(line, sizeof(line), "close(%ld)", fd2);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_close, 20);
	expect("%s= %ld", col("close(20)"), r);

	r = syscall(SYS_close, fd);
	snprintf(line, sizeof(line), "close(%ld)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_close, fd);
	expect("%s= %s", col(line), err_text(errno));

	r = syscall(SYS_mkdirat, AT_FDCWD, "dir", 0755);
	expect("%s= %ld", col("mkdirat(AT_FDCWD, \"dir\", 0755)"), r);

	r = syscall(SYS_faccessat, AT_FDCWD, "dir", R_OK | X_OK);
	expect("%s= %ld", col("faccessat(AT_FDCWD, \"dir\", R_OK|X_OK)"), r);

	r = syscall(SYS_symlinkat, "data", AT_FDCWD, "link");
	expect("%s= %ld", col("symlinkat(\"data\", AT_FDCWD, \"link\")"), r);

	r = syscall(SYS_readlinkat, AT_FDCWD, "link", buf, sizeof(buf));
	snprintf(line, sizeof(line), "readlinkat(AT_FDCWD, \"link\", \"data\", %zu)", sizeof(buf));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_renameat, AT_FDCWD, "link", AT_FDCWD, "link2");
	expect("%s= %ld", col("renameat(AT_FDCWD, \"link\", AT_FDCWD, \"link2\")"), r);

	r = syscall(SYS_unlinkat, AT_FDCWD, "link2", 0);
	expect("%s= %ld", col("unlinkat(AT_FDCWD, \"link2\", 0)"), r);

	r = syscall(SYS_unlinkat, AT_FDCWD, "dir", AT_REMOVEDIR);
	expect("%s= %ld", col("unlinkat(AT_FDCWD, \"dir\", AT_REMOVEDIR)"), r);

	r = syscall(SYS_fchmodat, AT_FDCWD, "data", 0600);
	expect("%s= %ld", col("fchmodat(AT_FDCWD, \"data\", 0600)"), r);

	expect_flush();
	return 0;
}
