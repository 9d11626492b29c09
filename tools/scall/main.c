/* SPDX-License-Identifier: MIT */
/*
 * scall: trace the system calls of a program, as strace does, on libscall.
 * Exit status: the traced program's; when a signal killed it, scall dies of
 * the same signal.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "options.h"
#include "trace.h"
#include "util.h"

static void on_signal(int sig)
{
	interrupted = sig;
}

static void cleanup(void)
{
	out_flush_all();
	if (tracer) {
		scall_free(tracer);
		tracer = NULL;
	}
}

static void setup_signals(void)
{
	static const int fatal[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;

	/* A closed output pipe ends the output, not the trace (out.c). */
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: scall_wait returns -EINTR */
	for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++) {
		struct sigaction old;

		/* Keep SIGHUP ignored when scall was started with it ignored (nohup). */
		if (fatal[i] == SIGHUP && sigaction(fatal[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(fatal[i], &sa, NULL);
	}
}

/* Die of sig as the traced program did. */
static void die_of(int sig)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;

	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	exit(128 + sig);
}

int main(int argc, char **argv)
{
	int rc;

	parse_options(argc, argv);
	die_hook = cleanup;
	out_init();
	setup_signals();
	rc = trace_run();
	fflush(stdout);
	fflush(stderr);
	if (rc < 0)
		die_of(-rc);
	return rc;
}
