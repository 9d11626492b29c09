/* SPDX-License-Identifier: MIT */
/*
 * -D: the command keeps scall's own pid (its parent sees it as its child),
 * and the tracer goes on as a grandchild that attaches to it before it
 * calls execve.  -DD also puts the tracer in a process group of its own,
 * -DDD in a session of its own, so that signals to the caller's group or
 * session do not reach it.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "options.h"
#include "util.h"

extern char **environ;

static void put(int fd, const void *buf, size_t len)
{
	while (write(fd, buf, len) < 0 && errno == EINTR)
		;
}

static bool get(int fd, void *buf, size_t len)
{
	ssize_t n;

	while ((n = read(fd, buf, len)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)len;
}

/* What scall changed in itself goes back as the command would have had it. */
static void restore_signals(void)
{
	static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction old;
	sigset_t none;

	signal(SIGPIPE, SIG_DFL);
	for (size_t i = 0; i < sizeof(caught) / sizeof(caught[0]); i++)
		if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			signal(caught[i], SIG_DFL); /* an ignored one was ignored before scall */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The command's side: allow the tracer, wait until it is attached, exec. */
static void __attribute__((noreturn))
become_command(const char *path, const struct scall_spawn_opts *ids, pid_t child, int from_tracer,
	       int to_tracer)
{
	pid_t tracer;
	char c;
	int st;

	while (waitpid(child, &st, 0) < 0 && errno == EINTR)
		;
	if (!get(from_tracer, &tracer, sizeof(tracer)))
		exit(1); /* the tracer said why */
	/* Yama's ptrace_scope 1 lets only ancestors trace, unless allowed so */
	prctl(PR_SET_PTRACER, (unsigned long)tracer, 0, 0, 0);
	put(to_tracer, "x", 1);
	if (!get(from_tracer, &c, 1))
		exit(1);
	close(from_tracer);
	close(to_tracer);
	restore_signals();
	/* -u: the user's ids, as scall_spawnx() takes them */
	if (ids && (setgroups(ids->ngroups, ids->groups) < 0 ||
		    setresgid(ids->gid, ids->gid, ids->gid) < 0 ||
		    setresuid(ids->uid, ids->uid, ids->uid) < 0)) {
		fprintf(stderr, "scall: -u: %s\n", strerror(errno));
		exit(1);
	}
	execve(path, opt.argv, opt.env ? opt.env : environ);
	fprintf(stderr, "scall: exec: %s\n", strerror(errno));
	exit(1);
}

pid_t daemonize(int level, const char *path, const struct scall_spawn_opts *ids, int *release_fd)
{
	int up[2], down[2];
	pid_t command = getpid(), child, me;
	char c;

	if (pipe2(up, O_CLOEXEC) < 0 || pipe2(down, O_CLOEXEC) < 0)
		die("-D: pipe: %s", strerror(errno));
	fflush(NULL);
	child = fork();
	if (child < 0)
		die("-D: fork: %s", strerror(errno));
	if (child > 0) {
		close(up[1]);
		close(down[0]);
		become_command(path, ids, child, up[0], down[1]);
	}
	/* the middle process ends at once: the tracer is nobody's child but init's */
	if (fork() != 0)
		_exit(0);
	close(up[0]);
	close(down[1]);
	if (level >= 3)
		setsid();
	else if (level == 2)
		setpgid(0, 0);
	me = getpid();
	put(up[1], &me, sizeof(me));
	if (!get(down[0], &c, 1))
		die("-D: the command went away");
	close(down[0]);
	*release_fd = up[1];
	return command;
}

void daemon_release(int fd)
{
	put(fd, "x", 1);
	close(fd);
}
