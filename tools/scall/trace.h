/* SPDX-License-Identifier: MIT */
/* The tracer's view of each traced thread, and the event loop. */
#ifndef SCALL_CLI_TRACE_H
#define SCALL_CLI_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <scall.h>

#include "decode/decode.h"
#include "tamper.h"

/* One output stream: stderr, the -o file, or one FILE.PID of -ff. */
struct outf {
	FILE *fp;
	struct thr *owner; /* thread whose line is not finished yet */
	size_t col;        /* column on that line */
	int users;         /* threads writing here */
};

/* The room for a line's prefix, and for a quoted command name (-Y). */
#define COMM_QUOTED (COMM_SIZE * 4 + 3)
#define LEAD_SIZE 256

/* One traced thread. */
struct thr {
	pid_t tid, pid;
	enum scall_abi abi; /* ABI of its last call: the personality marker */
	struct outf *out;
	bool in_syscall;   /* between an entry and its exit */
	bool shown;        /* the current call is traced (printed or counted) */
	bool staged;       /* its text waits for the exit (status filter, JSON) */
	bool cut;          /* its line was cut by " <unfinished ...>" */
	bool exec_pending; /* execve succeeded: the exit stop is execve's */
	bool hidden;       /* a thread strace would not see (no -f): not shown */
	struct call c;     /* the current call */
	struct timespec t_entry, t_entry_real;
	uint64_t stime_entry;     /* kernel CPU time of its process at the entry */
	char lead[LEAD_SIZE];     /* prefix of a staged line */
	char comm[COMM_SIZE];     /* -Y: its name when traced, after execve, PR_SET_NAME */
	long last_nr;             /* for -n: the current or last call */
	uint64_t ip;              /* for -i: where the current call is */
	const char *restart_name; /* the call restart_syscall resumes */
	struct tamper_state tamp; /* what -e inject= and --redirect did */
	int redirect_slot;        /* --redirect: 1 + its scratch slot, 0: none yet */
	struct thr *next;         /* hash chain */
};

/* The time of the current event, taken when scall_wait() returned. */
extern struct timespec now_mono, now_real;
/* The kernel CPU time of the current event's process (ns), as wait4 gave it. */
extern uint64_t now_stime;
/* The number of threads traced now (for the [pid N] prefix). */
extern int nthreads;
/* The processes traced from the start (-p and the command): strace's prefix rule. */
extern int initial_tracees;
extern scall_tracer *tracer;

struct thr *thr_find(pid_t tid);
struct thr *thr_add(pid_t tid, pid_t pid);
void thr_del(struct thr *t);
/* Iterate: thr_first() then thr_next(t) until NULL. */
struct thr *thr_first(void);
struct thr *thr_next(struct thr *t);

/* ---- output (out.c) ---- */

void out_init(void);
/* The stream for a thread (-ff: its own file). */
struct outf *out_for(pid_t tid);
void out_release(struct outf *o);
/* Flush every stream (before blocking, at exit). */
void out_flush_all(void);
/* The main stream's file (the summary goes there). */
FILE *out_main(void);
void out_close_all(void);

/* Start a line for t: cuts another thread's unfinished line, prints the
 * prefix ([pid N], timestamps, -n, -i).  call: a system-call line (-i shows
 * its ip; else "????"). */
void line_begin(struct thr *t, bool call);
/* The prefix as text, for a line printed later (staged). */
void line_lead(struct thr *t, bool call, char *buf, size_t size);
void line_begin_with(struct thr *t, const char *lead);
/* -Y: read t's command name again (when traced, after execve or PR_SET_NAME). */
void thr_comm_load(struct thr *t);
void out_write(struct thr *t, const char *s, size_t len);
void out_puts(struct thr *t, const char *s);
void out_printf(struct thr *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Pad with spaces to the result column (-a). */
void out_pad(struct thr *t);
void line_end(struct thr *t);
/* Whether t's line is the unfinished one on its stream. */
bool line_open(const struct thr *t);

/* ---- system calls (syscall.c) ---- */

void syscall_entry(struct thr *t, const struct scall_info *si);
void syscall_exit(struct thr *t, const struct scall_info *si);
/* The thread vanished (exit, kill, exec) in the middle of a call. */
void syscall_abandon(struct thr *t);
/* exit and exit_group never return: end their line at the entry, as strace does. */
void syscall_end_if_noreturn(struct thr *t);
/* Whether (abi, nr) is traced (printed or counted). */
bool syscall_traced(enum scall_abi abi, long nr);

/* ---- events (events.c) ---- */

void print_signal(struct thr *t, int sig);
void print_group_stop(struct thr *t, int sig);
void print_exit(struct thr *t, int status);
void print_personality(struct thr *t, enum scall_abi abi);

/* ---- delays (delay.c) ---- */

/* Keep t stopped for ns nanoseconds, then resume it with (how, sig). */
void delay_hold(struct thr *t, uint64_t ns, enum scall_resume how, int sig);
/* Resume the threads whose time passed; ms until the next one, or -1. */
int delay_wake_due(void);

/* ---- the loop (loop.c) ---- */

/* Start tracing (spawn or attach), trace until nothing is left, and return
 * how scall should end: exit status, or -SIG to die of SIG. */
int trace_run(void);
/* Set by the handler of SIGINT, SIGTERM, SIGHUP...: the signal. */
extern volatile int interrupted;

#endif
