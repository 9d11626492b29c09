/* SPDX-License-Identifier: MIT */
/*
 * openread N FILE: N times open FILE, read it (one read of up to 4 KiB),
 * close it.  Three system calls per iteration.  Exits 1 if FILE cannot be
 * opened or read, so a traced run that broke the calls does not pass as fast.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[4096];

	if (argc != 3 || atol(argv[1]) < 0) {
		fprintf(stderr, "usage: %s ITERATIONS FILE\n", argv[0]);
		return 2;
	}
	long n = atol(argv[1]);
	for (long i = 0; i < n; i++) {
		int fd = open(argv[2], O_RDONLY | O_CLOEXEC);
		if (fd < 0 || read(fd, buf, sizeof buf) < 0) {
			perror(argv[2]);
			return 1;
		}
		close(fd);
	}
	return 0;
}
