/* SPDX-License-Identifier: MIT */
/*
 * trace-names - print the name and result of every system call a program
 * makes, one line per call on stderr:
 *
 *	$ trace-names -- /bin/echo hello
 *	openat = 3
 *	read = -1 ENOENT
 *
 * The smallest libscall tracer: stop at every entry and exit
 * (SCALL_RESUME_SYSCALL) and print at exits.  Only the program's own process
 * is traced; SCALL_FOLLOW_FORKS would add its children.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <scall.h>

static void print_exit(const struct scall_info *si)
{
	const char *name = scall_syscall_name(si->abi, si->nr);
	const char *err = scall_errno_name(si->error);

	if (name)
		fprintf(stderr, "%s", name);
	else
		fprintf(stderr, "syscall_%ld", si->nr);
	if (si->error)
		fprintf(stderr, " = -1 %s\n", err ? err : "E?");
	else if (si->rval[0] >= (1LL << 32)) /* an address: hex reads better */
		fprintf(stderr, " = %#llx\n", (long long)si->rval[0]);
	else
		fprintf(stderr, " = %lld\n", (long long)si->rval[0]);
}

int main(int argc, char **argv)
{
	struct scall_event ev;
	scall_tracer *t = NULL;
	int arg0 = 1, status = 0, err;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "--") == 0)
		arg0 = 2;
	if (arg0 >= argc) {
		fprintf(stderr, "usage: %s [--] PROG [ARGS...]\n", argv[0]);
		return 2;
	}
	/* The program dies with us rather than run on untraced. */
	err = scall_new(&t, SCALL_KILL_ON_EXIT);
	if (!err)
		err = scall_spawn(t, argv + arg0, NULL, &pid);
	if (err) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[arg0], scall_strerror(err));
		scall_free(t);
		return 127;
	}

	/* Wait, look, resume the thread that stopped: until nothing is left. */
	while ((err = scall_wait(t, &ev, -1)) == 0) {
		int sig = 0;

		switch (ev.type) {
		case SCALL_EV_EXIT:
			if (ev.tid == pid)
				status = ev.status;
			continue; /* the thread is gone: nothing to resume */
		case SCALL_EV_SYSCALL:
			if (ev.info.phase == SCALL_EXIT)
				print_exit(&ev.info);
			break;
		case SCALL_EV_SIGNAL:
			sig = ev.sig; /* deliver it, as if we were not there */
			break;
		default:
			break;
		}
		err = scall_resume(t, ev.tid, SCALL_RESUME_SYSCALL, sig);
		if (err && err != -ESRCH) /* -ESRCH: killed meanwhile */
			break;
	}
	if (err != -ECHILD)
		fprintf(stderr, "%s: %s\n", argv[0], scall_strerror(err));
	scall_free(t);

	/* Exit as the program did, the way a shell reports it. */
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
