/* SPDX-License-Identifier: MIT */
/*
 * cli_fdkinds SET - closes a device, a pipe, a TCP socket and a pidfd; prints
 * the close lines scall must show under -e decode-fds=SET (a comma list of
 * path, socket, dev, pidfd; or all, none).
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../cli/tracee.h"

static int set_has(const char *set, const char *kind)
{
	return strstr(set, kind) || !strcmp(set, "all");
}

static void close_line(long fd, const char *decoration)
{
	char line[256];

	snprintf(line, sizeof(line), "close(%ld%s)", fd, decoration);
	expect("%s= %ld", col(line), syscall(SYS_close, fd));
}

int main(int argc, char **argv)
{
	const char *set = argc > 1 ? argv[1] : "none";
	int path = set_has(set, "path"), dev = set_has(set, "dev");
	char deco[128];
	struct stat st;
	long null, sock, pidfd;
	int p[2];

	null = open("/dev/null", O_RDONLY);
	if (null < 0 || fstat((int)null, &st) || pipe(p))
		return 1;
	sock = socket(AF_INET, SOCK_STREAM, 0);
	pidfd = syscall(SYS_pidfd_open, (long)getpid(), 0L);
	if (sock < 0 || pidfd < 0)
		return 1;

	if (dev)
		snprintf(deco, sizeof(deco), "</dev/null<char %u:%u>>", major(st.st_rdev),
			 minor(st.st_rdev));
	else
		snprintf(deco, sizeof(deco), "%s", path ? "</dev/null>" : "");
	close_line(null, deco);

	fstat(p[0], &st);
	snprintf(deco, sizeof(deco), "<pipe:[%lu]>", (unsigned long)st.st_ino);
	close_line(p[0], path ? deco : "");

	fstat((int)sock, &st);
	if (set_has(set, "socket"))
		snprintf(deco, sizeof(deco), "<TCP:[%lu]>", (unsigned long)st.st_ino);
	else
		snprintf(deco, sizeof(deco), "<socket:[%lu]>", (unsigned long)st.st_ino);
	close_line(sock, path || set_has(set, "socket") ? deco : "");

	if (set_has(set, "pidfd"))
		snprintf(deco, sizeof(deco), "<pid:%d>", (int)getpid());
	else
		snprintf(deco, sizeof(deco), "<anon_inode:[pidfd]>");
	close_line(pidfd, path || set_has(set, "pidfd") ? deco : "");
	expect_flush();
	return 0;
}
