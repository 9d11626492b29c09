/* SPDX-License-Identifier: MIT */
/*
 * -Y: pids with command names.  Renames itself (a name with '<' and '>',
 * which -Y escapes), forks a child that renames itself too, signals and
 * reaps it.  The lines are as scall prints them with -Y -f -o FILE:
 * "PID<comm> " before each line.
 */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cli/tracee.h"

/* the name as -Y shows it: '<' and '>' in octal */
#define SELF "p\\74id\\76s"

/* "PID<comm> call" padded to the result column */
static const char *pcol(int pid, const char *comm, const char *call)
{
	static char buf[1024];
	int n = snprintf(buf, sizeof(buf) - 48, "%d<%s> %.900s", pid, comm, call);

	while (n < 40)
		buf[n++] = ' ';
	if (buf[n - 1] != ' ')
		buf[n++] = ' ';
	buf[n] = '\0';
	return buf;
}

static void on_usr1(int sig)
{
	(void)sig;
}

int main(void)
{
	char line[512], c;
	int fds[2], pid, st = 0;
	long r, child;

	if (pipe(fds))
		return 1;
	prctl(PR_SET_NAME, "p<id>s");
	signal(SIGUSR1, on_usr1);
	pid = (int)syscall(SYS_getpid);
	expect("%s= %d<" SELF ">", pcol(pid, SELF, "getpid()"), pid);
	r = syscall(SYS_gettid);
	expect("%s= %ld<" SELF ">", pcol(pid, SELF, "gettid()"), r);

	child = fork();
	if (child == 0) {
		prctl(PR_SET_NAME, "kid");
		syscall(SYS_getppid);
		if (write(fds[1], "x", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	expect("%s= %d<" SELF ">", pcol((int)child, "kid", "getppid()"), pid);
	expect("%ld<kid> +++ killed by SIGKILL +++", child);
	if (read(fds[0], &c, 1) != 1)
		return 1;

	snprintf(line, sizeof(line), "kill(%ld<kid>, 0)", child);
	r = syscall(SYS_kill, child, 0);
	expect("%s= %ld", pcol(pid, SELF, line), r);
	/* not a process: a process group, or no such process */
	snprintf(line, sizeof(line), "kill(%d, 0)", -getpgrp());
	r = syscall(SYS_kill, -getpgrp(), 0);
	expect("%s= %ld", pcol(pid, SELF, line), r);
	snprintf(line, sizeof(line), "kill(%d<" SELF ">, SIGUSR1)", pid);
	r = syscall(SYS_kill, pid, SIGUSR1);
	expect("%s= %ld", pcol(pid, SELF, line), r);
	expect("%d<" SELF "> --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d<" SELF
	       ">, si_uid=%u} ---",
	       pid, pid, (unsigned)getuid());
	snprintf(line, sizeof(line), "kill(%ld<kid>, SIGKILL)", child);
	r = syscall(SYS_kill, child, SIGKILL);
	expect("%s= %ld", pcol(pid, SELF, line), r);

	/* reaped before the result is printed: no name */
	r = syscall(SYS_wait4, child, &st, 0L, NULL);
	snprintf(line, sizeof(line),
		 "wait4(%ld<kid>, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], 0, NULL)", child);
	expect("%s= %ld", pcol(pid, SELF, line), r);
	expect("%s= ?", pcol(pid, SELF, "exit_group(0)"));
	expect("%d<" SELF "> +++ exited with 0 +++", pid);
	expect_flush();
	syscall(SYS_exit_group, 0L);
	return 0;
}
