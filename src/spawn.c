/* SPDX-License-Identifier: MIT */
/* scall_spawn: a new program, traced from before its first instruction. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace_compat.h"

extern char **environ;

/* The child's note that seccomp(2) is missing, sent before its exec. */
#define NO_SECCOMP (-1)

/* In the child: nothing but async-signal-safe calls until execve. */
/* Take the identity opts asks for; 0 or a negative errno. */
static int take_ids(const struct scall_spawn_opts *o)
{
	if (!o || !o->set_ids)
		return 0;
	if (setgroups(o->ngroups, o->groups) < 0 || setresgid(o->gid, o->gid, o->gid) < 0 ||
	    setresuid(o->uid, o->uid, o->uid) < 0)
		return -errno;
	return 0;
}

static void child(const int go[2], const int errp[2], const struct sock_fprog *prog,
		  char *const argv[], char *const envp[], const struct scall_spawn_opts *o)
{
	int go_fd = go[0], err_fd = errp[1];
	struct sigaction sa;
	sigset_t none;
	char c;
	int sig, err;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Our copies of the tracer's ends would keep the pipes open. */
	close(go[1]);
	close(errp[0]);

	/* Wait until the tracer has seized us. */
	while (read(go_fd, &c, 1) < 0 && errno == EINTR)
		;
	/*
	 * Taking other ids as root: load the filter first, while root may do so
	 * without no_new_privs, so that setuid programs still gain their ids.
	 */
	if (prog && o && o->set_ids && syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) == 0)
		prog = NULL;
	err = take_ids(o);
	if (err < 0)
		goto fail;
	if (prog) {
		err = scall__filter_load(prog);
		if (err == -ENOSYS || err == -EINVAL) {
			/* No seccomp here: the tracer filters at every stop. */
			err = NO_SECCOMP;
			while (write(err_fd, &err, sizeof(err)) < 0 && errno == EINTR)
				;
		} else if (err < 0) {
			goto fail;
		}
	}
	if (o && o->path)
		execve(o->path, argv, envp ? envp : environ);
	else
		execvpe(argv[0], argv, envp ? envp : environ);
	err = -errno;
fail:
	err = -err;
	while (write(err_fd, &err, sizeof(err)) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* What the child wrote before exec: NO_SECCOMP, its errno, or ECHILD. */
static int child_report(int err_fd, bool *no_seccomp)
{
	int v;

	while (read(err_fd, &v, sizeof(v)) == sizeof(v)) {
		if (v != NO_SECCOMP)
			return v;
		*no_seccomp = true;
	}
	return ECHILD;
}

static int reap(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, __WALL) < 0 && errno == EINTR)
		;
	return st;
}

/* Drive the child from PTRACE_EVENT_EXEC to execve's exit stop. */
static int wait_exec(pid_t pid, int err_fd, bool *no_seccomp)
{
	bool exec_seen = false;
	int st;

	for (;;) {
		if (waitpid(pid, &st, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (WIFEXITED(st) || WIFSIGNALED(st))
			return -child_report(err_fd, no_seccomp);
		if (!WIFSTOPPED(st))
			continue;
		if (st >> 16 == PTRACE_EVENT_EXEC) {
			exec_seen = true;
			ptrace(PTRACE_SYSCALL, pid, 0, 0);
		} else if (exec_seen && WSTOPSIG(st) == (SIGTRAP | 0x80)) {
			/* exec closed the child's end: this read cannot block */
			child_report(err_fd, no_seccomp);
			return 0;
		} else if (st >> 16) {
			/* Seccomp stops before exec: let the calls run. */
			ptrace(exec_seen ? PTRACE_SYSCALL : PTRACE_CONT, pid, 0, 0);
		} else {
			ptrace(exec_seen ? PTRACE_SYSCALL : PTRACE_CONT, pid, 0, WSTOPSIG(st));
		}
	}
}

int scall_spawn(scall_tracer *t, char *const argv[], char *const envp[], pid_t *pidp)
{
	return scall_spawnx(t, argv, envp, NULL, pidp);
}

int scall_spawnx(scall_tracer *t, char *const argv[], char *const envp[],
		 const struct scall_spawn_opts *opts, pid_t *pidp)
{
	struct sock_fprog prog = { 0 };
	bool filtered, no_seccomp = false;
	int go[2], errp[2], err;
	struct scall__proc *p;
	struct scall__thread *th;
	struct scall_event ev;
	pid_t pid;

	if (!t || !argv || !argv[0] || (!argv[0][0] && !(opts && opts->path)))
		return -EINVAL;
	if (opts && (opts->path ? !opts->path[0] : false))
		return -EINVAL;
	if (opts && opts->set_ids && opts->ngroups && !opts->groups)
		return -EINVAL;
	filtered = scall__filter_in_use(&t->filter);
	if (filtered) {
		err = scall__filter_build(&t->filter, &prog);
		if (err < 0)
			return err;
	}
	if (pipe2(go, O_CLOEXEC) < 0) {
		err = -errno;
		goto out;
	}
	if (pipe2(errp, O_CLOEXEC | O_NONBLOCK) < 0) {
		err = -errno;
		close(go[0]);
		close(go[1]);
		goto out;
	}
	pid = fork();
	if (pid == 0)
		child(go, errp, filtered ? &prog : NULL, argv, envp, opts);
	close(go[0]);
	close(errp[1]);
	if (pid < 0) {
		err = -errno;
		close(go[1]);
		goto out_err;
	}
	if (ptrace(PTRACE_SEIZE, pid, 0, scall__ptrace_options(t, true)) < 0) {
		err = -errno;
		kill(pid, SIGKILL);
		close(go[1]);
		reap(pid);
		goto out_err;
	}
	close(go[1]);
	err = wait_exec(pid, errp[0], &no_seccomp);
	if (err < 0) {
		kill(pid, SIGKILL);
		if (err != -ECHILD)
			reap(pid);
		goto out_err;
	}
	p = scall__proc_add(t, pid);
	th = p ? scall__thread_add(t, pid, p) : NULL;
	if (!th) {
		if (p)
			scall__proc_remove(t, p);
		kill(pid, SIGKILL);
		reap(pid);
		err = -ENOMEM;
		goto out_err;
	}
	p->spawned = true;
	filtered = filtered && !no_seccomp;
	p->has_seccomp = filtered;
	p->filtered = filtered && scall__filter_traces(&t->filter);
	th->stop = SCALL__STOP_EXIT;
	th->start_pending = true;
	memset(&ev, 0, sizeof(ev));
	ev.type = SCALL_EV_START;
	ev.tid = ev.pid = pid;
	scall__queue_event(t, &ev);
	if (pidp)
		*pidp = pid;
	err = 0;
out_err:
	close(errp[0]);
out:
	free(prog.filter);
	return err;
}
