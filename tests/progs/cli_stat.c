/* SPDX-License-Identifier: MIT */
/* The stat family, statx, openat2, faccessat2. */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <linux/stat.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif

int main(void)
{
	char line[2048];
	long r, fd;
	struct stat st;
	struct statx sx;
	struct open_how how;

	fd = syscall(SYS_openat, AT_FDCWD, "f", (long)(O_WRONLY | O_CREAT), 0600L);
	expect("%s= %ld", col("openat(AT_FDCWD, \"f\", O_WRONLY|O_CREAT, 0600)"), fd);
	r = syscall(SYS_write, fd, "12345", 5L);
	snprintf(line, sizeof(line), "write(%ld, \"12345\", 5)", fd);
	expect("%s= %ld", col(line), r);

#ifdef __i386__
	/* i386: the 64-bit stat through fstatat64 */
	unsigned char st64[96];

	r = syscall(SYS_fstatat64, AT_FDCWD, "f", st64, 0L);
	expect("%s= %ld",
	       col("fstatat64(AT_FDCWD, \"f\", {st_mode=S_IFREG|0600, st_size=5, ...}, 0)"), r);
	(void)st;
#else
	r = syscall(SYS_newfstatat, AT_FDCWD, "f", &st, 0L);
	expect("%s= %ld",
	       col("newfstatat(AT_FDCWD, \"f\", {st_mode=S_IFREG|0600, st_size=5, ...}, 0)"), r);
	r = syscall(SYS_newfstatat, fd, "", &st, (long)AT_EMPTY_PATH);
	snprintf(line, sizeof(line),
		 "newfstatat(%ld, \"\", {st_mode=S_IFREG|0600, st_size=5, ...}, AT_EMPTY_PATH)",
		 fd);
	expect("%s= %ld", col(line), r);
#endif
	r = syscall(SYS_statx, AT_FDCWD, "/dev/null", (long)AT_SYMLINK_NOFOLLOW,
		    (long)STATX_BASIC_STATS, &sx);
	snprintf(line, sizeof(line),
		 "statx(AT_FDCWD, \"/dev/null\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, "
		 "STATX_BASIC_STATS, {stx_mask=%s, stx_attributes=0, stx_mode=S_IFCHR|0666, "
		 "stx_size=0, ...})",
		 sx.stx_mask == STATX_BASIC_STATS ? "STATX_BASIC_STATS" :
						    "STATX_BASIC_STATS|STATX_MNT_ID");
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_statx, AT_FDCWD, "/nonexistent", 0L, (long)STATX_ALL, &sx);
	snprintf(line, sizeof(line),
		 "statx(AT_FDCWD, \"/nonexistent\", AT_STATX_SYNC_AS_STAT, STATX_ALL, %p)",
		 (void *)&sx);
	expect("%s= %s", col(line), err_text(errno));

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC;
	how.resolve = RESOLVE_NO_SYMLINKS;
	r = syscall(SYS_openat2, AT_FDCWD, "f", &how, (long)sizeof(how));
	expect("%s= %ld",
	       col("openat2(AT_FDCWD, \"f\", {flags=O_RDONLY|O_CLOEXEC, "
		   "resolve=RESOLVE_NO_SYMLINKS}, 24)"),
	       r);

	r = syscall(SYS_faccessat2, AT_FDCWD, "f", (long)W_OK, (long)AT_EACCESS);
	expect("%s= %ld", col("faccessat2(AT_FDCWD, \"f\", W_OK, AT_EACCESS)"), r);

	r = syscall(SYS_ftruncate, fd, 2L);
	snprintf(line, sizeof(line), "ftruncate(%ld, 2)", fd);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_fchmod, fd, 0644L);
	snprintf(line, sizeof(line), "fchmod(%ld, 0644)", fd);
	expect("%s= %ld", col(line), r);

	expect_flush();
	return 0;
}
