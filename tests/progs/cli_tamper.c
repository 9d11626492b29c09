/* SPDX-License-Identifier: MIT */
/*
 * A tracee for the tampering tests: it makes calls and prints on stdout
 * what each one saw, one line per call ("getppid 3: -1 ENOENT"), so a test
 * asserts on what the process experienced.  getppid, getuid and getgid are
 * used because the C library's start-up does not call them.
 *   count N        getppid N times
 *   threads N      N threads, each calls getuid once
 *   seccomp        the Seccomp: line of /proc/self/status, then two threads
 *                  racing getppid
 *   open PATH      open PATH, print its first line
 *   openat DIR P   open DIR, openat(dirfd, P), print its first line
 *   read FILE      read FILE with read(fd, buf, 64) to the end: each count
 *   delay          fork; the child calls getuid, the parent does not wait
 *   poke           getcwd into a buffer of "....": the buffer afterwards
 *   openmany N DIR N threads at once (up to 256), thread I opens DIR/fI.txt
 *                  and prints "open I: " and its first line
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void say(const char *what, int i, long r, int e)
{
	char buf[256];
	int n;

	if (r == -1)
		n = snprintf(buf, sizeof(buf), "%s %d: -1 %d\n", what, i, e);
	else
		n = snprintf(buf, sizeof(buf), "%s %d: %ld\n", what, i, r);
	if (write(1, buf, (size_t)n) < 0)
		_exit(99);
}

static void *thread_getuid(void *arg)
{
	long r;

	errno = 0;
	r = syscall(SYS_getuid);
	say("getuid", (int)(long)arg, r, errno);
	return NULL;
}

static pthread_barrier_t bar;

static void *thread_getppid(void *arg)
{
	long r;

	pthread_barrier_wait(&bar);
	errno = 0;
	r = syscall(SYS_getppid);
	say("getppid", (int)(long)arg, r, errno);
	return NULL;
}

static const char *many_dir;

static void *thread_open(void *arg)
{
	char path[512], buf[64];
	int i = (int)(long)arg, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/f%d.txt", many_dir, i);
	/* all threads are alive at once: each needs its own scratch slot */
	pthread_barrier_wait(&bar);
	fd = open(path, O_RDONLY);
	n = fd < 0 ? 0 : read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("open %d: %s\n", i, fd < 0 ? "failed" : buf);
	pthread_barrier_wait(&bar);
	return NULL;
}

static void first_line(int fd)
{
	char buf[256];
	ssize_t n;

	if (fd < 0) {
		printf("open: -1 %d\n", errno);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("content: %s\n", buf);
	close(fd);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "count";

	setvbuf(stdout, NULL, _IONBF, 0);
	if (!strcmp(mode, "count")) {
		int n = argc > 2 ? atoi(argv[2]) : 5;

		for (int i = 1; i <= n; i++) {
			long r;

			errno = 0;
			r = syscall(SYS_getppid);
			say("getppid", i, r, errno);
		}
	} else if (!strcmp(mode, "threads")) {
		int n = argc > 2 ? atoi(argv[2]) : 4;
		pthread_t t[64];

		for (long i = 0; i < n && i < 64; i++)
			pthread_create(&t[i], NULL, thread_getuid, (void *)(i + 1));
		for (int i = 0; i < n && i < 64; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(mode, "seccomp")) {
		char line[256];
		FILE *f = fopen("/proc/self/status", "r");
		pthread_t t[2];

		while (f && fgets(line, sizeof(line), f))
			if (!strncmp(line, "Seccomp:", 8))
				printf("%s", line);
		if (f)
			fclose(f);
		pthread_barrier_init(&bar, NULL, 2);
		for (long i = 0; i < 2; i++)
			pthread_create(&t[i], NULL, thread_getppid, (void *)(i + 1));
		for (int i = 0; i < 2; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(mode, "openmany") && argc > 3) {
		int n = atoi(argv[2]);
		pthread_t t[256];

		many_dir = argv[3];
		if (n < 1 || n > 256)
			return 2;
		pthread_barrier_init(&bar, NULL, (unsigned)n);
		for (long i = 0; i < n; i++)
			pthread_create(&t[i], NULL, thread_open, (void *)(i + 1));
		for (int i = 0; i < n; i++)
			pthread_join(t[i], NULL);
	} else if (!strcmp(mode, "open") && argc > 2) {
		first_line(open(argv[2], O_RDONLY));
	} else if (!strcmp(mode, "openat") && argc > 3) {
		int dfd = open(argv[2], O_RDONLY | O_DIRECTORY);

		first_line(openat(dfd, argv[3], O_RDONLY));
	} else if (!strcmp(mode, "read") && argc > 2) {
		int fd = open(argv[2], O_RDONLY);
		char buf[64];
		ssize_t n;
		int i = 1;

		while ((n = read(fd, buf, sizeof(buf))) > 0)
			say("read", i++, n, 0);
	} else if (!strcmp(mode, "delay")) {
		pid_t pid = fork();

		if (pid == 0) {
			syscall(SYS_getuid);
			say("child done", 0, 0, 0);
			_exit(0);
		}
		say("parent done", 0, 0, 0);
		waitpid(pid, NULL, 0);
	} else if (!strcmp(mode, "poke")) {
		char buf[16] = "...............";
		long r = syscall(SYS_getcwd, buf, sizeof(buf));

		(void)r;
		printf("buf: %.4s\n", buf);
	} else {
		return 2;
	}
	return 0;
}
