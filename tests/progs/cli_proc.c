/* SPDX-License-Identifier: MIT */
/* Process calls: ids, umask, uname, getrandom, prlimit64, getcwd, wait4. */
#include <errno.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cli/tracee.h"

static void rlim(char *out, size_t size, unsigned long long v)
{
	if (v == ~0ull)
		snprintf(out, size, "RLIM64_INFINITY");
	else if (v && v % 1024 == 0)
		snprintf(out, size, "%llu*1024", v / 1024);
	else
		snprintf(out, size, "%llu", v);
}

int main(void)
{
	char line[8192], cwd[4096], cur[64], max[64];
	unsigned char rnd[4];
	struct utsname u;
	unsigned long long lim[2];
	long r;
	int st;

	r = syscall(SYS_getpid);
	expect("%s= %ld", col("getpid()"), r);
	r = syscall(SYS_getppid);
	expect("%s= %ld", col("getppid()"), r);

	r = syscall(SYS_umask, 022L);
	expect("%s= %#lo", col("umask(022)"), r);
	r = syscall(SYS_umask, r);
	expect("%s= 022", col("umask(022)"));

	r = syscall(SYS_uname, &u);
	snprintf(line, sizeof(line), "uname({sysname=\"%s\", nodename=\"%s\", ...})", u.sysname,
		 u.nodename);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_getrandom, rnd, 4L, 1L);
	snprintf(line, sizeof(line),
		 "getrandom(\"\\x%02x\\x%02x\\x%02x\\x%02x\", 4, GRND_NONBLOCK)", rnd[0], rnd[1],
		 rnd[2], rnd[3]);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_prlimit64, 0L, (long)RLIMIT_NOFILE, NULL, lim);
	rlim(cur, sizeof(cur), lim[0]);
	rlim(max, sizeof(max), lim[1]);
	snprintf(line, sizeof(line),
		 "prlimit64(0, RLIMIT_NOFILE, NULL, {rlim_cur=%s, rlim_max=%s})", cur, max);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_getcwd, cwd, sizeof(cwd));
	snprintf(line, sizeof(line), "getcwd(\"%s\", %zu)", cwd, sizeof(cwd));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_wait4, -1L, &st, (long)WNOHANG, NULL);
	snprintf(line, sizeof(line), "wait4(-1, %p, WNOHANG, NULL)", (void *)&st);
	expect("%s= %s", col(line), err_text(errno));

	expect_flush();
	return 0;
}
