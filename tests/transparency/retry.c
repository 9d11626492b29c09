/* SPDX-License-Identifier: MIT */
/*
 * retry - copy a file to stdout with read and write, as robust programs do:
 * a call that fails with EINTR is made again, a short count is continued.
 *
 *   retry FILE [BUFSIZE]
 *
 * stdout gets exactly the file.  stderr gets "retry: N EINTR" (reads and
 * writes that failed with EINTR and were made again), for the transparency
 * suite to check that an injected EINTR really happened.  Exits 0 on
 * success, 1 on any other error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* All of buf to fd, again after EINTR; the count of EINTRs goes to *eintr. */
static int write_all(int fd, const char *buf, size_t len, long *eintr)
{
	while (len) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR) {
			++*eintr;
			continue;
		}
		if (w <= 0)
			return -1;
		buf += w;
		len -= w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char line[64];
	static char buf[65536];
	size_t size = argc > 2 ? (size_t)atoi(argv[2]) : 4096;
	long eintr = 0;
	int fd;

	if (argc < 2 || size < 1 || size > sizeof(buf)) {
		fprintf(stderr, "usage: retry FILE [BUFSIZE]\n");
		return 1;
	}
	do
		fd = open(argv[1], O_RDONLY);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		perror("retry: open");
		return 1;
	}
	for (;;) {
		ssize_t n = read(fd, buf, size);

		if (n < 0 && errno == EINTR) {
			eintr++;
			continue;
		}
		if (n < 0) {
			perror("retry: read");
			return 1;
		}
		if (n == 0)
			break;
		if (write_all(1, buf, n, &eintr)) {
			perror("retry: write");
			return 1;
		}
	}
	/* The count goes out the same way: a write of it may be interrupted too. */
	snprintf(line, sizeof(line), "retry: %ld EINTR\n", eintr);
	return write_all(2, line, strlen(line), &eintr) ? 1 : 0;
}
