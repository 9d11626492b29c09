/* SPDX-License-Identifier: MIT */
/* Running scall from the CLI tests and looking at what it printed. */
#ifndef SCALL_TESTS_CLI_HARNESS_H
#define SCALL_TESTS_CLI_HARNESS_H

#include <stdbool.h>
#include <sys/types.h>

struct run {
	int status;   /* wait status of scall */
	char *out;    /* scall's stdout (the tracee's, too) */
	char *err;    /* scall's stderr */
	char *trace;  /* the -o file, when "@T" was among the arguments */
	char *expect; /* what the tracee wrote on descriptor 3 */
	char dir[64]; /* a private directory for this run */
	char trace_path[128];
};

/*
 * Run SCALL_BIN with the arguments (NULL-terminated).  In them, "@T" is the
 * path of the trace file and "@P/name" the tracee program PROGS_DIR/name.
 * The tracee finds a file for its expectations on descriptor 3.
 */
struct run *scall_run(const char *arg, ...) __attribute__((sentinel));
/* Same, with stdin from a file and a time limit in seconds. */
struct run *scall_runv(const char *const *argv, int timeout);
void run_free(struct run *r);

/* The exit code, or -1 if scall did not exit normally. */
int run_exit(const struct run *r);
/* The killing signal, or 0. */
int run_signal(const struct run *r);

/*
 * The trace from the tracee's first expected line on (what the dynamic
 * loader did before is not the test's business); NULL if that line is
 * missing.
 */
char *trace_from_expect(const struct run *r);

/*
 * Compare a -f trace with expectations, process by process: lines start
 * with "PID "; "<unfinished ...>" lines are joined with their "<... resumed>"
 * half, and the padding before " = " is ignored.  Each process's trace is
 * compared from the line equal to its first expected line.  Returns NULL when every
 * process's lines equal its expected lines, else a message.
 */
char *compare_per_pid(const char *trace, const char *expect);

/* Read a whole file ("" when missing). */
char *slurp(const char *path);
/* The lines of text that match the extended regex re, joined. */
char *grep_lines(const char *text, const char *re);
/* text without the lines that match re. */
char *drop_lines(const char *text, const char *re);
/* Whether every line of text matches re. */
bool all_lines_match(const char *text, const char *re);
int count_lines(const char *text);
/* How many lines of text match re. */
int count_matching(const char *text, const char *re);

/* The path of a tracee program (native or the .32 build). */
const char *prog(const char *name);
bool have_prog(const char *name);
bool have_strace(void);

#endif
