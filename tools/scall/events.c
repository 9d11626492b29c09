/* SPDX-License-Identifier: MIT */
/* Lines for what is not a system call: signals, stops, exits, ABI changes. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "expr.h"
#include "options.h"
#include "stacktrace.h"
#include "report.h"
#include "siginfo.h"
#include "trace.h"

static bool text_output(void)
{
	return !opt.json && opt.summary != SUMMARY_ONLY;
}

static void sig_name(int sig, char *buf, size_t size)
{
	const char *name = scall_signal_name(sig);

	if (name)
		snprintf(buf, size, "%s", name);
	else
		snprintf(buf, size, "%d", sig);
}

void print_signal(struct thr *t, int sig)
{
	char name[32];

	if (!signal_selected(sig))
		return;
	if (opt.json) {
		json_signal(t, sig, "signal");
		return;
	}
	if (!text_output())
		return;
	sig_name(sig, name, sizeof(name));
	line_begin(t, false);
	out_printf(t, "--- %s ", name);
	/* The siginfo when the library can give it, else its signal only. */
	struct sbuf sb;

	sb_init(&sb);
	siginfo_describe(t, sig, &sb);
	out_write(t, sb.s, sb.len);
	sb_free(&sb);
	out_puts(t, " ---");
	line_end(t);
	if (opt.stack)
		stacktrace_print(t);
}

void print_group_stop(struct thr *t, int sig)
{
	char name[32];

	if (!signal_selected(sig))
		return;
	if (opt.json) {
		json_signal(t, sig, "stopped");
		return;
	}
	if (!text_output())
		return;
	sig_name(sig, name, sizeof(name));
	line_begin(t, false);
	out_printf(t, "--- stopped by %s ---", name);
	line_end(t);
}

void print_exit(struct thr *t, int status)
{
	char name[32];

	syscall_abandon(t);
	if (opt.json) {
		json_exit(t, status);
		return;
	}
	if (!text_output() || (opt.quiet & QUIET_EXIT))
		return;
	line_begin(t, false);
	if (WIFEXITED(status)) {
		out_printf(t, "+++ exited with %d +++", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		sig_name(WTERMSIG(status), name, sizeof(name));
		out_printf(t, "+++ killed by %s %s+++", name,
			   WCOREDUMP(status) ? "(core dumped) " : "");
	} else {
		out_printf(t, "+++ exited (status %#x) +++", status);
	}
	line_end(t);
}

void print_personality(struct thr *t, enum scall_abi abi)
{
	const char *mode;

	if (!text_output() || (opt.quiet & QUIET_PERSONALITY))
		return;
	switch (abi) {
	case SCALL_ABI_I386:
		mode = "32 bit";
		break;
	case SCALL_ABI_X32:
		mode = "x32";
		break;
	default:
		mode = "64 bit";
	}
	line_begin_with(t, "");
	out_printf(t, "[ Process PID=%d runs in %s mode. ]", (int)t->pid, mode);
	line_end(t);
}
