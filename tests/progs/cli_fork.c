/* SPDX-License-Identifier: MIT */
/*
 * fork, a child that exits 3, wait4: for -f.  The lines are prefixed with
 * the pid ("%-5d ") as scall prints them with -f -o FILE.
 */
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../cli/tracee.h"

/* "PID   call" padded to the result column */
static const char *pcol(int pid, const char *call)
{
	static char buf[1024];
	int n = snprintf(buf, sizeof(buf) - 48, "%-5d %.900s", pid, call);

	while (n < 40)
		buf[n++] = ' ';
	if (buf[n - 1] != ' ')
		buf[n++] = ' ';
	buf[n] = '\0';
	return buf;
}

int main(void)
{
	char line[512];
	int pid = getpid(), st = 0;
	long child, r;

	child = fork();
	if (child == 0) {
		syscall(SYS_getppid);
		syscall(SYS_exit_group, 3L);
	}
	expect("%s= %d", pcol((int)child, "getppid()"), pid);
	expect("%s= ?", pcol((int)child, "exit_group(3)"));
	expect("%-5ld +++ exited with 3 +++", child);

	r = syscall(SYS_wait4, child, &st, 0L, NULL);
	snprintf(line, sizeof(line), "wait4(%ld, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL)",
		 child);
	expect("%s= %ld", pcol(pid, line), r);
	expect("%-5d --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=%ld, si_uid=%u, "
	       "si_status=3, si_utime=0, si_stime=0} ---",
	       pid, child, (unsigned)getuid());
	expect("%s= ?", pcol(pid, "exit_group(0)"));
	expect("%-5d +++ exited with 0 +++", pid);
	expect_flush();
	syscall(SYS_exit_group, 0L);
	return 0;
}
