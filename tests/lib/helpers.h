/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the behavioural tests of libscall.  They use the public API
 * only.  Every wait has a timeout, so no test hangs; every tracer is made
 * with SCALL_KILL_ON_EXIT and every untraced child with a parent-death
 * signal, so a failed test leaves nothing running.
 */
#ifndef SCALL_TEST_HELPERS_H
#define SCALL_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "scall.h"

#ifndef PROGS_DIR
#error "PROGS_DIR must name the directory of the tracee programs"
#endif

#define H_WAIT_MS 10000 /* longest wait for one event */
#define H_RUN_MS 30000  /* longest run of a tracee to its exit */

/*
 * Run one test body twice: through PTRACE_{GET,SET}_SYSCALL_INFO, and as
 * NAME_regs with SCALL_USE_REGS (registers only).  The body gets the flag
 * to pass to h_new() as `mode`.
 */
#define H_MODE_TEST(suite, name)                    \
	static void suite##__##name(unsigned mode); \
	Test(suite, name)                           \
	{                                           \
		suite##__##name(0);                 \
	}                                           \
	Test(suite, name##_regs)                    \
	{                                           \
		suite##__##name(SCALL_USE_REGS);    \
	}                                           \
	static void suite##__##name(unsigned mode)

/* A program started by a test: its stdout goes to a memfd, its stdin is a pipe. */
struct h_child {
	pid_t pid;
	int out; /* memfd with everything it wrote to fd 1 */
	int in;  /* write end of its stdin */
};

/* One line "<op> <ret> <errno> [<detail>]" printed by a tracee program. */
struct h_res {
	long ret;
	int err;
	char detail[256];
};

/*
 * scall_new(flags | SCALL_KILL_ON_EXIT), asserted.  The tracer is freed by
 * h_free(), or by h_cleanup() if the test fails before.
 */
scall_tracer *h_new(unsigned flags);

/* scall_free() of a tracer made by h_new(). */
void h_free(scall_tracer *t);

/* Free what a failed test left: the .fini of every suite. */
void h_cleanup(void);

/*
 * scall_spawn() of PROGS_DIR/prog with the NULL-terminated arguments that
 * follow; returns scall_spawn's result.  Consumes no event.
 */
int h_spawn_rc(scall_tracer *t, struct h_child *c, const char *prog, ...);
#define h_spawn(t, c, ...) cr_assert_eq(h_spawn_rc(t, c, __VA_ARGS__), 0, "scall_spawn failed")

/* Spawn, and check that the first event is the START of the new process. */
pid_t h_start(scall_tracer *t, struct h_child *c, const char *prog, ...);

/* Start PROGS_DIR/prog untraced (fork + exec), for attach tests. */
pid_t h_fork_exec(struct h_child *c, const char *prog, ...);

/* Everything c wrote to stdout so far, NUL-terminated (a static buffer). */
const char *h_output(struct h_child *c);

/* Wait until c's stdout holds text (or fail after H_WAIT_MS). */
void h_wait_output(struct h_child *c, const char *text);

/* The n-th line (from 0) of c's output for operation op, asserted to exist. */
struct h_res h_result(struct h_child *c, const char *op, int n);

/* Whether c's output has an n-th line for op. */
bool h_has_result(struct h_child *c, const char *op, int n);

/* A readable description of an event, for failure messages (static buffer). */
const char *h_ev_str(const struct scall_event *ev);

/* scall_wait() with H_WAIT_MS, asserted to succeed. */
void h_wait(scall_tracer *t, struct scall_event *ev);

/* Resume the thread of ev: a SIGNAL event gets its signal delivered.  Nothing for EXIT. */
void h_resume(scall_tracer *t, const struct scall_event *ev, enum scall_resume how);

/* scall_resume(t, tid, how, 0), asserted. */
void h_go(scall_tracer *t, pid_t tid, enum scall_resume how);

/* Events that match. */
typedef bool (*h_match_fn)(const struct scall_event *ev, void *arg);

/*
 * Wait for the first event that matches; every other event is resumed with
 * how (h_resume).  Fails if pid_gone's process exits first (0: never).
 */
void h_until(scall_tracer *t, enum scall_resume how, struct scall_event *ev, h_match_fn match,
	     void *arg, pid_t pid_gone);

/* The next event of tid; events of other threads are resumed with how. */
void h_next(scall_tracer *t, pid_t tid, enum scall_resume how, struct scall_event *ev);

/* The next event of type of tid (0: any thread); others resumed with how. */
void h_until_type(scall_tracer *t, pid_t tid, enum scall_event_type type, enum scall_resume how,
		  struct scall_event *ev);

/*
 * The next syscall stop of tid (0: any thread) at phase of nr in abi
 * (SCALL_ABI_UNKNOWN: any abi); others resumed with how.
 */
void h_until_call(scall_tracer *t, pid_t tid, enum scall_abi abi, long nr, enum scall_phase phase,
		  enum scall_resume how, struct scall_event *ev);

/* h_until_call for the native ABI. */
#define h_until_syscall(t, tid, nr, phase, how, ev) \
	h_until_call(t, tid, SCALL_ABI_X86_64, nr, phase, how, ev)

/* Called with every event h_run_to_exit() sees, before it resumes it. */
typedef void (*h_event_fn)(const struct scall_event *ev, void *arg);

/*
 * Resume everything with how until pid's process is gone; returns its wait
 * status.  cb (may be NULL) sees every event first.
 */
int h_run_to_exit(scall_tracer *t, pid_t pid, enum scall_resume how, h_event_fn cb, void *arg);

/* A record of events, for h_run_to_exit(t, pid, how, h_log_event, log). */
#define H_LOG_MAX 8192
struct h_log {
	int n;
	struct scall_event ev[H_LOG_MAX];
};

/* A zeroed log, freed with h_log_free() (or by h_cleanup()). */
struct h_log *h_log_new(void);
void h_log_free(struct h_log *log);

/* h_event_fn that appends ev to the struct h_log arg. */
void h_log_event(const struct scall_event *ev, void *arg);

/* Index of the first logged event of type for tid (0: any) from index from, or -1. */
int h_log_find(const struct h_log *log, int from, enum scall_event_type type, pid_t tid);

/* Assert that a wait status is a normal exit with code. */
#define h_assert_exited(status, code)                                                    \
	do {                                                                             \
		int h_st_ = (status);                                                    \
		cr_assert(WIFEXITED(h_st_) && WEXITSTATUS(h_st_) == (code),              \
			  "wait status %#x, expected exit %d", (unsigned)h_st_, (code)); \
	} while (0)

/* Make a file with content in /tmp; path receives its name (size >= 64). */
void h_tmpfile(char *path, size_t size, const char *content);

/* The state letter of /proc/PID/stat ('R', 'S', 'T', 't', ...), or 0. */
char h_proc_state(pid_t pid);

/* A numeric field of /proc/PID/task/TID/status ("TracerPid:", "Uid:" gives
 * the real uid); -1 if absent. */
long h_status_num(pid_t pid, pid_t tid, const char *field);

/* The tids of /proc/PID/task, up to max; returns how many. */
int h_tasks(pid_t pid, pid_t *tids, int max);

/* Wait until pid (not traced, or running) blocks in system call nr. */
void h_wait_blocked(pid_t pid, long nr);

/* Sleep ms milliseconds. */
void h_msleep(int ms);

#endif
