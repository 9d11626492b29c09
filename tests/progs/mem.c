/* SPDX-License-Identifier: MIT */
/*
 * mem - a tracee whose system calls carry pointers into memory laid out on
 * purpose, for tests of reading and writing tracee memory.
 *
 *   mem cross   16 bytes "ABCDEFGHIJKLMNOP" straddle a page boundary; they
 *               are written into a pipe (write(fd, p, 16)).  Prints
 *               "got DATA" (what the pipe received) and "now DATA" (the 16
 *               bytes at p after the call).
 *   mem hole    the last 8 bytes of a page, "12345678", are followed by an
 *               unmapped page; write(fd, p, 8).  Prints "write R E" and
 *               "got DATA" ("-" for nothing).
 *   mem str     openat() of two missing paths: "/crossing/the/page/boundary"
 *               straddling a page boundary, then "/edge/of/page" whose NUL is
 *               the last byte of a page followed by an unmapped page.  Prints
 *               "openat R E" for each.
 *
 * Exit status 0, 2 on bad usage, 3 if the set-up failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static char *map_pages(int n, long pagesz)
{
	void *p = mmap(NULL, (size_t)(n * pagesz), PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void drain(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size - 1);

	if (n <= 0)
		strcpy(buf, "-");
	else
		buf[n] = '\0';
}

static void report(const char *op, long r)
{
	printf("%s %ld %d\n", op, r, r < 0 ? errno : 0);
}

int main(int argc, char **argv)
{
	long pagesz = sysconf(_SC_PAGESIZE);
	char got[64], now[17];
	char *base, *p;
	int fds[2];
	long r;

	if (argc != 2)
		return 2;
	base = map_pages(3, pagesz);
	if (!base || pipe2(fds, O_NONBLOCK) < 0)
		return 3;
	if (strcmp(argv[1], "cross") == 0) {
		p = base + pagesz - 8;
		memcpy(p, "ABCDEFGHIJKLMNOP", 16);
		r = syscall(SYS_write, fds[1], p, 16);
		report("write", r);
		drain(fds[0], got, sizeof(got));
		memcpy(now, p, 16);
		now[16] = '\0';
		printf("got %s\nnow %s\n", got, now);
	} else if (strcmp(argv[1], "hole") == 0) {
		if (munmap(base + pagesz, (size_t)pagesz) < 0)
			return 3;
		p = base + pagesz - 8;
		memcpy(p, "12345678", 8);
		r = syscall(SYS_write, fds[1], p, 8);
		report("write", r);
		drain(fds[0], got, sizeof(got));
		printf("got %s\n", got);
	} else if (strcmp(argv[1], "str") == 0) {
		static const char cross[] = "/crossing/the/page/boundary";
		static const char edge[] = "/edge/of/page";

		p = base + pagesz - 10;
		memcpy(p, cross, sizeof(cross));
		report("openat", syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
		if (munmap(base + pagesz, (size_t)pagesz) < 0)
			return 3;
		p = base + pagesz - sizeof(edge);
		memcpy(p, edge, sizeof(edge));
		report("openat", syscall(SYS_openat, AT_FDCWD, p, O_RDONLY));
	} else {
		return 2;
	}
	return 0;
}
