/* SPDX-License-Identifier: MIT */
/*
 * deny-path - run a program in which opening one path fails with EACCES.
 *
 *	$ deny-path /etc/hostname -- cat /etc/hostname
 *	cat: /etc/hostname: Permission denied
 *
 * A filter makes only the open calls stop; at their entry the path is read
 * from the tracee and, when it is PATH, an exit structure is written: the
 * call is not performed and the program sees -1 EACCES.  The path is compared
 * as the program spelt it.  A real sandbox would not trust memory that another
 * thread of the tracee can change after it was read (see --deny in scall(1)).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <scall.h>

static const char *const opens[] = { "open", "creat", "openat", "openat2" };

/* Stop at the entry of every open call, in every ABI this machine runs. */
static int trace_opens(scall_tracer *t)
{
	for (int abi = 1; abi < SCALL_ABI_COUNT; abi++) {
		for (size_t i = 0; i < sizeof(opens) / sizeof(opens[0]); i++) {
			long nr = scall_syscall_lookup(abi, opens[i]);
			int err;

			if (nr < 0)
				continue; /* not in this ABI (aarch64 has no open) */
			err = scall_filter_add(t, abi, nr, SCALL_ACT_TRACE, 0);
			if (err == -EINVAL)
				break; /* an ABI this machine does not run */
			if (err)
				return err;
		}
	}
	return 0;
}

/* At an open entry: deny it if its path is the one given. */
static void check_open(scall_tracer *t, pid_t tid, const char *path)
{
	struct scall_info si;
	const char *name;
	uint64_t addr;
	char buf[4096];

	if (scall_get_info(t, tid, &si) || si.phase != SCALL_ENTRY)
		return;
	/* open and creat take the path first, openat and openat2 second. */
	name = scall_syscall_name(si.abi, si.nr);
	addr = name && strncmp(name, "openat", 6) == 0 ? si.args[1] : si.args[0];
	if (scall_mem_read_str(t, tid, addr, buf, sizeof(buf)) < 0 || strcmp(buf, path))
		return;
	si.phase = SCALL_EXIT;
	si.error = EACCES;
	scall_set_info(t, tid, &si);
}

int main(int argc, char **argv)
{
	struct scall_event ev;
	scall_tracer *t = NULL;
	int status = 0, err;
	pid_t pid;

	if (argc < 4 || strcmp(argv[2], "--")) {
		fprintf(stderr, "usage: %s PATH -- PROG [ARGS...]\n", argv[0]);
		return 2;
	}
	/* Children get the same treatment: the filter is inherited anyway. */
	err = scall_new(&t, SCALL_FOLLOW_FORKS);
	if (!err)
		err = trace_opens(t);
	if (!err)
		err = scall_spawn(t, argv + 3, NULL, &pid);
	if (err) {
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[3], scall_strerror(err));
		scall_free(t);
		return 127;
	}
	while ((err = scall_wait(t, &ev, -1)) == 0) {
		if (ev.type == SCALL_EV_EXIT) {
			if (ev.tid == pid)
				status = ev.status;
			continue;
		}
		if (ev.type == SCALL_EV_SYSCALL)
			check_open(t, ev.tid, argv[1]);
		/* CONT: the next stop is the next open, not every call. */
		scall_resume(t, ev.tid, SCALL_RESUME_CONT, ev.type == SCALL_EV_SIGNAL ? ev.sig : 0);
	}
	scall_free(t);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}
