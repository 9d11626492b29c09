/* SPDX-License-Identifier: MIT */
/*
 * ptrace1 PROG [ARGS...]: the least a full tracer can do.  Runs PROG, and its
 * children and threads, stopping every thread at every system-call entry and
 * exit; at each stop it reads the call with one PTRACE_GET_SYSCALL_INFO and
 * resumes with PTRACE_SYSCALL.  Nothing is decoded or printed.
 *
 * bench/run times it next to the full-trace job: the distance between a
 * tracer and ptrace1 is what the tracer does per stop beyond the stops
 * themselves.  Exits with PROG's status.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __ptrace_syscall_info info;
	int status, result = 0;
	pid_t child, tid;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PROG [ARGS...]\n", argv[0]);
		return 2;
	}
	child = fork();
	if (child < 0) {
		perror("fork");
		return 1;
	}
	if (child == 0) {
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status)) {
		fprintf(stderr, "ptrace1: the child did not stop\n");
		return 1;
	}
	ptrace(PTRACE_SETOPTIONS, child, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |
			      PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL));
	ptrace(PTRACE_SYSCALL, child, NULL, NULL);

	while ((tid = waitpid(-1, &status, __WALL)) > 0) {
		int sig = 0;

		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == child)
				result = WIFEXITED(status) ? WEXITSTATUS(status) :
							     128 + WTERMSIG(status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (WSTOPSIG(status) == (SIGTRAP | 0x80))
			ptrace(PTRACE_GET_SYSCALL_INFO, tid, (void *)sizeof info, &info);
		else if (status >> 16 == 0 && WSTOPSIG(status) != SIGSTOP)
			sig = WSTOPSIG(status); /* a signal for the tracee */
		/* ptrace events and the first SIGSTOP of new children: resume */
		ptrace(PTRACE_SYSCALL, tid, NULL, (void *)(long)sig);
	}
	return result;
}
