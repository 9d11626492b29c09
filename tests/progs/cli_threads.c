/* SPDX-License-Identifier: MIT */
/*
 * A thread blocks in read until the main thread writes: with -f the read is
 * printed "<unfinished ...>" and "<... read resumed>".  Lines carry "%-5d ".
 */
#include <pthread.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../cli/tracee.h"

static int p[2];
static long reader_tid;
static char got;

static void *reader(void *arg)
{
	(void)arg;
	reader_tid = syscall(SYS_gettid);
	syscall(SYS_read, (long)p[0], &got, 1L);
	return NULL;
}

static void pexpect(long tid, const char *call, long ret)
{
	char pre[512];
	int n = snprintf(pre, sizeof(pre), "%-5ld %s", tid, call);

	expect("%s%*s= %ld", pre, n < 40 ? 40 - n : 1, "", ret);
}

int main(void)
{
	pthread_t t;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	char line[256];
	long r, pid = getpid();

	if (pipe(p))
		return 1;
	pthread_create(&t, NULL, reader, NULL);
	nanosleep(&ts, NULL); /* let the reader block */
	r = syscall(SYS_write, (long)p[1], "x", 1L);
	snprintf(line, sizeof(line), "write(%d, \"x\", 1)", p[1]);
	pexpect(pid, line, r);
	pthread_join(t, NULL);
	snprintf(line, sizeof(line), "read(%d, \"x\", 1)", p[0]);
	pexpect(reader_tid, line, 1);
	expect("%-5ld +++ exited with 0 +++", reader_tid);
	expect("%-5ld +++ exited with 0 +++", pid);
	expect_flush();
	return 0;
}
