/* SPDX-License-Identifier: MIT */
/*
 * fake-uid - run a program that believes it runs as root.
 *
 *	$ fake-uid -- id -u
 *	0
 *
 * Emulation: getuid and geteuid stop at their entry (nothing else stops),
 * and an exit structure written there answers 0 without running the call.
 * Only what the program is told changes; the kernel still checks the real
 * credentials.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <scall.h>

/* The 32-bit x86 ABI has both old 16-bit calls and the 32-bit ones. */
static const char *const calls[] = { "getuid", "geteuid", "getuid32", "geteuid32" };

/* Stop at their entries, in every ABI this machine runs. */
static int trace_calls(scall_tracer *t)
{
	for (int abi = 1; abi < SCALL_ABI_COUNT; abi++) {
		for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
			long nr = scall_syscall_lookup(abi, calls[i]);
			int err;

			if (nr < 0)
				continue; /* no such call in this ABI */
			err = scall_filter_add(t, abi, nr, SCALL_ACT_TRACE, 0);
			if (err == -EINVAL)
				break; /* an ABI this machine does not run */
			if (err)
				return err;
		}
	}
	return 0;
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
	/* Children are fooled too: the filter is inherited anyway. */
	err = scall_new(&t, SCALL_FOLLOW_FORKS);
	if (!err)
		err = trace_calls(t);
	if (!err)
		err = scall_spawn(t, argv + arg0, NULL, &pid);
	if (err) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[arg0], scall_strerror(err));
		scall_free(t);
		return 127;
	}
	while ((err = scall_wait(t, &ev, -1)) == 0) {
		if (ev.type == SCALL_EV_EXIT) {
			if (ev.tid == pid)
				status = ev.status;
			continue;
		}
		if (ev.type == SCALL_EV_SYSCALL && ev.info.phase == SCALL_ENTRY) {
			struct scall_info si = ev.info;

			/* An exit structure at entry: the call is not performed. */
			si.phase = SCALL_EXIT;
			si.error = 0;
			si.rval[0] = 0;
			scall_set_info(t, ev.tid, &si);
		}
		scall_resume(t, ev.tid, SCALL_RESUME_CONT, ev.type == SCALL_EV_SIGNAL ? ev.sig : 0);
	}
	scall_free(t);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
