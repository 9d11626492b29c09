/* SPDX-License-Identifier: MIT */
/*
 * scall.h - libscall, system-call interception for Linux.
 *
 * libscall gives a tracer process the PT_SYSCALL interface: stop a thread at
 * system-call entries and exits (all of them, or only the calls a filter
 * selects), read one structure that describes the call, write it back to
 * change the call, its result, or whether it runs at all, read and write the
 * thread's memory, and run system calls inside it.
 *
 * Conventions
 *
 *   Every function that returns int or ssize_t returns 0 (or a count) on
 *   success and a negative errno on failure.  The errors each function may
 *   return are listed with it; no other code escapes.  The ones common to
 *   every function taking a tracer and a tid:
 *
 *     -EINVAL  t is NULL, or an argument is out of range.
 *     -ESRCH   tid is not a thread traced by t, or it is gone.
 *     -EBUSY   tid is traced but running (not stopped); the call needs a
 *              stopped thread.
 *
 * Stop states
 *
 *   A traced thread is either running or stopped at one event reported by
 *   scall_wait() (every event but SCALL_EV_EXIT).  It stays stopped until
 *   scall_resume().  Functions below say in which stops they may be called.
 *
 * Threads
 *
 *   A tracer is used from one thread at a time.  It is not async-signal-safe.
 */
#ifndef SCALL_H
#define SCALL_H

#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define SCALL_API __attribute__((visibility("default")))
#else
#define SCALL_API
#endif

#define SCALL_VERSION_MAJOR 0
#define SCALL_VERSION_MINOR 1
#define SCALL_VERSION_PATCH 0

/** An opaque tracer: the set of threads it traces and their states. */
typedef struct scall_tracer scall_tracer;

/** The ABI ("emulation") a system-call number belongs to. */
enum scall_abi {
	SCALL_ABI_UNKNOWN = 0,
	SCALL_ABI_X86_64,
	SCALL_ABI_I386,
	SCALL_ABI_X32,
	SCALL_ABI_AARCH64,
	SCALL_ABI_RISCV64,
};
#define SCALL_ABI_COUNT 6

/** Which half of a system call a stop is at. */
enum scall_phase { SCALL_ENTRY = 1, SCALL_EXIT = 2 };

/** The PT_SYSCALL structure: one system call at an entry or exit stop. */
struct scall_info {
	enum scall_phase phase; /* is this an entry or an exit */
	enum scall_abi abi;     /* the table nr belongs to */
	long nr;                /* number in abi's table (x32: without 0x40000000) */
	uint64_t args[6];       /* arguments; at exit: those the call ran with */
	int error;              /* exit: 0, or the positive errno the thread sees */
	int64_t rval[2];        /* exit: return values; rval[1] is the secondary
				 * register of ABIs that have one (none that
				 * Linux supports here: always 0, ignored) */
	uint64_t ip, sp;        /* where the thread is; ignored by scall_set_info */
};

enum scall_event_type {
	SCALL_EV_START,      /* a thread is traced from now on */
	SCALL_EV_SYSCALL,    /* stopped at a syscall entry or exit; ev.info set */
	SCALL_EV_SIGNAL,     /* a signal is about to be delivered: ev.sig */
	SCALL_EV_GROUP_STOP, /* the thread entered a job-control stop: ev.sig */
	SCALL_EV_EXEC,       /* execve succeeded; ev.former_tid called it */
	SCALL_EV_CLONE,      /* a new thread or process: ev.child, ev.clone */
	SCALL_EV_EXIT,       /* the thread is gone: ev.status is its wait status */
};

/** How a new thread or process was made (ev.clone). */
enum scall_clone_kind {
	SCALL_CLONE_THREAD = 1, /* shares the thread group of its creator */
	SCALL_CLONE_FORK = 2,   /* a new process (fork, or clone without CLONE_VM|VFORK) */
	SCALL_CLONE_VFORK = 3,  /* a new process; its creator sleeps until it execs or exits */
};

/** One event reported by scall_wait(). */
struct scall_event {
	enum scall_event_type type;
	pid_t tid;              /* the thread that stopped (or is gone) */
	pid_t pid;              /* its process (thread group id) */
	int sig;                /* SIGNAL, GROUP_STOP: the signal */
	int status;             /* EXIT: wait status (WIFEXITED / WIFSIGNALED) */
	pid_t child;            /* CLONE: the new thread or process */
	pid_t parent;           /* START of a new thread or process: its creator, else 0 */
	int clone;              /* CLONE and START of a new one: enum scall_clone_kind */
	pid_t former_tid;       /* EXEC: the tid that called execve (may differ from tid) */
	uint64_t stime_ns;      /* CPU time its process has spent in the kernel, as
				 * wait4 reported it with this stop (0 if unknown) */
	struct scall_info info; /* SYSCALL: the call */
};

enum scall_resume {
	SCALL_RESUME_SYSCALL, /* run to the next syscall entry or exit (PT_SYSCALL) */
	SCALL_RESUME_CONT,    /* run; stop only at entries the filter selects */
};

/* Flags for scall_new(). */
#define SCALL_FOLLOW_FORKS 0x1u /* trace the children of traced processes */
#define SCALL_KILL_ON_EXIT 0x2u /* spawned tracees die with the tracer */
#define SCALL_USE_REGS 0x4u     /* never use PTRACE_{GET,SET}_SYSCALL_INFO */

/**
 * scall_new() - make a tracer.
 * @out:   receives the tracer.
 * @flags: SCALL_FOLLOW_FORKS, SCALL_KILL_ON_EXIT, SCALL_USE_REGS, or 0.
 *
 * Without SCALL_FOLLOW_FORKS new threads are still traced (a thread cannot
 * be left out), new processes are not, unless a filter with tracing rules is
 * in force (see scall_filter_add()): then they are traced silently, never
 * reported, so that the filter never makes their calls fail.
 *
 * Errors: -EINVAL (out NULL or unknown flag), -ENOMEM.
 */
SCALL_API int scall_new(scall_tracer **out, unsigned flags);

/**
 * scall_free() - end tracing and free the tracer.
 *
 * Spawned processes are killed when the tracer was made with
 * SCALL_KILL_ON_EXIT or a filter with tracing rules is in force in them; every
 * other traced process is detached as with scall_detach() and runs on.
 * NULL is accepted.
 */
SCALL_API void scall_free(scall_tracer *t);

/**
 * scall_spawn() - run a program traced.
 * @argv: program and arguments; argv[0] is looked up in PATH as execvp does.
 * @envp: environment, or NULL for the tracer's own.
 * @pid:  receives the new process id (may be NULL).
 *
 * Returns once the new program is stopped before its first instruction.  Its
 * SCALL_EV_START event is the first scall_wait() reports for it.  The child
 * starts with default signal dispositions, an empty signal mask and no
 * descriptors of the tracer's beyond those it would inherit anyway.  If a
 * filter is set (scall_filter_add()), it is installed just before execve.
 * Where seccomp(2) is missing (it fails with ENOSYS or EINVAL: an old or
 * restricted kernel, or an emulator), the program runs without it and the
 * library applies the rules at every stop, as for an attached process;
 * scall_filter_active() then says 0.
 *
 * Errors: -EINVAL (argv NULL or empty), the errno of a failed exec
 * (-ENOENT, -EACCES, -ENOEXEC, -E2BIG, ...; no child is left behind), the
 * errno of fork or ptrace (-EAGAIN, -ENOMEM, -EPERM), -EFAULT or another
 * errno if the filter could not be built or loaded.
 */
SCALL_API int scall_spawn(scall_tracer *t, char *const argv[], char *const envp[], pid_t *pid);

/* What scall_spawnx() does beyond scall_spawn(); zero-initialise it. */
struct scall_spawn_opts {
	const char *path; /* the file to run (argv[0] is then only its name),
				 or NULL: argv[0] looked up in PATH */
	int set_ids;      /* nonzero: run as uid, gid and groups below */
	uid_t uid;
	gid_t gid;
	const gid_t *groups; /* supplementary groups (ngroups of them) */
	size_t ngroups;
};

/**
 * scall_spawnx() - scall_spawn() with options.
 * @opts: NULL for scall_spawn()'s behaviour.
 *
 * With opts->path, that file is executed (no PATH lookup) with argv as its
 * arguments, so argv[0] may be any name.  With opts->set_ids, the child
 * takes the groups, then the gid, then the uid (real, effective and saved),
 * and executes the program; that needs the privilege to do so (CAP_SETUID,
 * CAP_SETGID).  A filter is installed before the ids are dropped when the
 * caller may do so without no_new_privs (CAP_SYS_ADMIN), so that setuid
 * programs keep their ids under it; otherwise after, with no_new_privs.
 *
 * Errors: those of scall_spawn(); -EPERM (or another errno) if the ids
 * could not be taken; -EINVAL (opts->path empty, or groups NULL with
 * ngroups not 0).  No child is left behind.
 */
SCALL_API int scall_spawnx(scall_tracer *t, char *const argv[], char *const envp[],
			   const struct scall_spawn_opts *opts, pid_t *pid);

/**
 * scall_attach() - trace every thread of a running process.
 * @pid: the process (any of its tids names it).
 *
 * Uses PTRACE_SEIZE, so the process sees no signal.  Returns with every thread
 * stopped; each reports SCALL_EV_START.  Threads created during the attach are
 * picked up too.  No seccomp filter is installed in an attached process:
 * SCALL_RESUME_CONT selects calls in the library, at the cost of two stops
 * per call, and deny rules are emulated at the entry stop.
 *
 * Errors: -ESRCH (no such process), -EPERM (not allowed, or already traced),
 * -EALREADY (already traced by this tracer), -EINVAL.
 */
SCALL_API int scall_attach(scall_tracer *t, pid_t pid);

/**
 * scall_attach_thread() - trace one thread of a running process.
 * @tid: the thread; the other threads of its process run on untraced.
 *
 * As scall_attach() for that thread alone (strace -p without -f): it returns
 * with the thread stopped and reports SCALL_EV_START.  Threads it creates
 * later are traced as children are (SCALL_EV_START with a parent).  Calling
 * it for more threads of the same process adds them to it; scall_detach()
 * lets them all go.
 *
 * Errors: -ESRCH (no such thread), -EPERM (not allowed, already traced, or a
 * thread of the caller), -EALREADY (already traced by this tracer), -EINVAL.
 */
SCALL_API int scall_attach_thread(scall_tracer *t, pid_t tid);

/**
 * scall_detach() - stop tracing a process; it runs on as if never traced.
 * @pid: any thread of the process.
 *
 * Every thread is detached.  Threads stopped at a signal stop get their
 * signal delivered; a process in a job-control stop stays stopped; signals
 * the library queued are kept.  May be called whatever the threads' states.
 *
 * Errors: -ESRCH (not traced by t), -EPERM (a seccomp filter of this tracer
 * that requests stops is in force in the process: without a tracer its
 * selected calls would fail with ENOSYS), -EINVAL.
 */
SCALL_API int scall_detach(scall_tracer *t, pid_t pid);

/**
 * scall_wait() - wait for the next event of any traced thread.
 * @ev:         receives the event.
 * @timeout_ms: -1 for no limit, 0 to poll.
 *
 * Every event but SCALL_EV_EXIT reports one stopped thread, ev->tid, which
 * stays stopped until scall_resume(t, ev->tid, ...).  ptrace's own stops
 * (attach stops, the SIGTRAP of exec, PTRACE_EVENT_STOP, seccomp stops that
 * duplicate an entry stop, group-stop wakeups) are handled inside and never
 * reported.  Events of different threads are interleaved fairly.
 *
 * Statuses are collected with waitpid(-1, __WALL): children of the caller
 * that are not traced are reaped (and ignored) too.  With a timeout the
 * kernel offers no wait on ptrace stops, so the library polls, backing off
 * from 50 us to 5 ms; meanwhile the calling thread's signals are blocked and
 * let in only while it naps (as pselect does), so a signal arriving at any
 * moment of the wait ends it with -EINTR.
 *
 * Errors: -ECHILD (nothing is traced any more), -ETIMEDOUT, -EINTR (a signal
 * arrived in the tracer), -EINVAL.
 */
SCALL_API int scall_wait(scall_tracer *t, struct scall_event *ev, int timeout_ms);

/**
 * scall_resume() - let a stopped thread run.
 * @tid: the thread; it must be stopped at a reported event.
 * @how: SCALL_RESUME_SYSCALL stops at the next syscall entry or exit;
 *       SCALL_RESUME_CONT stops only at entries the filter selects.
 * @sig: at a SIGNAL stop: the signal to deliver, 0 to suppress it.  At any
 *       other stop a non-zero sig is queued to the thread (tgkill).
 *
 * At a GROUP_STOP the thread stays stopped until SIGCONT whatever @how says
 * (it is listened to, PTRACE_LISTEN); its next event comes after SIGCONT.
 * Resuming a thread whose START was not yet reported drops that START.
 * Resuming at an entry with SCALL_RESUME_CONT means no exit stop for this
 * call.
 *
 * Errors: -EINVAL (bad how or sig), -ESRCH, -EBUSY (not stopped).
 */
SCALL_API int scall_resume(scall_tracer *t, pid_t tid, enum scall_resume how, int sig);

/**
 * scall_get_siginfo() - the signal a thread is stopped to receive.
 * @si: receives the siginfo (siginfo_t from <signal.h>).
 *
 * Valid at a SCALL_EV_SIGNAL stop.
 *
 * Errors: -EINVAL (si NULL, or not at a SIGNAL stop), -ESRCH, -EBUSY.
 */
SCALL_API int scall_get_siginfo(scall_tracer *t, pid_t tid, siginfo_t *si);

/**
 * scall_get_info() - read the system call a thread is stopped at.
 *
 * Valid at a SCALL_EV_SYSCALL stop.  At an exit, nr and args are those of the
 * call that ran (the library remembers them from its entry).  After
 * scall_set_info() in the same stop it returns what was written.  At an exit,
 * error may be one of the kernel's restart codes (512-516: ERESTARTSYS,
 * ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK); the thread never sees
 * those.
 *
 * Errors: -EINVAL (si NULL, or not at a syscall stop), -ESRCH, -EBUSY.
 */
SCALL_API int scall_get_info(scall_tracer *t, pid_t tid, struct scall_info *si);

/**
 * scall_set_info() - change the system call a thread is stopped at.
 *
 * At a SCALL_EV_SYSCALL stop:
 *   entry, phase ENTRY: the call runs with si->nr and si->args.
 *   entry, phase EXIT:  the call does not run; the thread sees si's result.
 *   exit,  phase EXIT:  the thread sees si's result instead of the real one.
 *   exit,  phase ENTRY: another call (si->nr, si->args) runs now; its exit
 *                       stop is the thread's next event (no entry stop), also
 *                       if the thread is resumed with SCALL_RESUME_CONT.
 * In an EXIT structure a non-zero error wins: the thread sees -1 and that
 * errno (it must be below 4096), and rval is ignored.  si->abi must be the
 * stop's abi or SCALL_ABI_UNKNOWN; ip and sp are ignored.  An entry turned
 * into an exit behaves as any entry: resumed with SCALL_RESUME_SYSCALL its
 * exit stop follows and shows the values written (nr and args: those of the
 * call that was not run); resumed with SCALL_RESUME_CONT it costs this one
 * stop only.
 *
 * Errors: -EINVAL (not at a syscall stop, bad phase, abi, nr or error),
 * -ESRCH, -EBUSY, -EIO (the kernel refused the registers).
 */
SCALL_API int scall_set_info(scall_tracer *t, pid_t tid, const struct scall_info *si);

/**
 * scall_mem_read() - read a stopped thread's memory.
 *
 * Reads up to len bytes at addr with process_vm_readv, falling back to
 * /proc/PID/mem.  Returns the number of bytes read, which is less than len
 * only when the range runs into unmapped memory.  May be called at any stop.
 *
 * Errors: -EFAULT (nothing at addr could be read), -EINVAL (buf NULL with
 * len > 0), -ESRCH, -EBUSY, -EPERM.
 */
SCALL_API ssize_t scall_mem_read(scall_tracer *t, pid_t tid, uint64_t addr, void *buf, size_t len);

/**
 * scall_mem_write() - write a stopped thread's memory.
 *
 * Writes with process_vm_writev; where that fails (read-only mappings such as
 * .rodata or code) writes through /proc/PID/mem as debuggers do.  Returns the
 * number of bytes written (all of len, or fewer at an unmapped page).
 *
 * Errors: -EFAULT (nothing written), -EINVAL, -ESRCH, -EBUSY, -EPERM.
 */
SCALL_API ssize_t scall_mem_write(scall_tracer *t, pid_t tid, uint64_t addr, const void *buf,
				  size_t len);

/**
 * scall_mem_read_str() - read a NUL-terminated string.
 * @size: size of buf, at least 1.
 *
 * Reads page by page and stops at the first NUL, never asking for bytes past
 * the page that holds it.  buf is always NUL-terminated.  Returns the length
 * of the string read (without NUL); if no NUL came within size - 1 bytes,
 * returns size - 1 and buf holds the first size - 1 bytes (callers detect
 * truncation by ret == size - 1).
 *
 * Errors: -EFAULT (addr unreadable; a string running into an unmapped page
 * before its NUL is -EFAULT too), -EINVAL (buf NULL or size 0), -ESRCH, -EBUSY.
 */
SCALL_API ssize_t scall_mem_read_str(scall_tracer *t, pid_t tid, uint64_t addr, char *buf,
				     size_t size);

/**
 * scall_inject() - run one system call inside a stopped thread.
 * @nr:   number in the thread's current abi (that of the stop if at a
 *        syscall stop, else the process's native abi).
 * @args: six arguments (NULL for all zero).
 * @ret:  receives the raw result (a value, or -errno).
 *
 * Works at SYSCALL, EXEC, CLONE (not that of a vfork, whose creator cannot
 * run until the child execs or exits) and START stops, and leaves the thread
 * exactly as it was: registers, the pending system call and any change made
 * with scall_set_info().  The thread's signals are blocked while the call
 * runs, so pending signals stay pending and keep their order.  Not at a
 * SIGNAL stop (the signal is already off its queue: running code there would
 * have to queue it again, out of order) nor in a GROUP_STOP (running a call
 * would end the job-control stop).  The call must return (no exit, execve,
 * rt_sigreturn or blocking forever).
 *
 * Errors: -EINVAL (bad nr, or @ret NULL), -ESRCH (the thread died meanwhile),
 * -EBUSY (running, at a SIGNAL stop, in a GROUP_STOP or at a vfork's CLONE
 * stop), -ENOEXEC (no system-call instruction found to run it at: no
 * vdso), -EIO (the call faulted, or the registers could not be set),
 * -EINTR (a job-control stop caught the thread on its way: it is now in that
 * stop, its GROUP_STOP event comes next, and its pending system call, if
 * any, is entered again when it continues; *ret holds the call's result if
 * it ran, which it always did at an entry stop).
 */
SCALL_API int scall_inject(scall_tracer *t, pid_t tid, long nr, const uint64_t args[6],
			   int64_t *ret);

/**
 * scall_scratch() - private scratch memory in a traced process.
 * @len:  bytes needed (rounded up to pages).
 * @addr: receives the address in the tracee.
 *
 * Maps anonymous read-write memory in tid's process with an injected mmap,
 * once per process and size class, and returns it; other threads of the
 * process have no pointer to it.  Valid at any stop.  The mapping is
 * forgotten (not unmapped: the tracee owns it) at exec.
 *
 * Errors: those of scall_inject(), -ENOMEM (mmap failed in the tracee).
 */
SCALL_API int scall_scratch(scall_tracer *t, pid_t tid, size_t len, uint64_t *addr);

/**
 * Filter: which calls stop a thread resumed with SCALL_RESUME_CONT, and
 * which the kernel denies.  Rules are keyed by (abi, nr).
 *
 * For spawned processes the rules become one seccomp filter (built with
 * libseccomp) installed just before execve: SCALL_ACT_ALLOW runs at native
 * speed, SCALL_ACT_TRACE stops (RET_TRACE), SCALL_ACT_ERRNO and SCALL_ACT_KILL
 * are enforced by the kernel (RET_ERRNO, RET_KILL_PROCESS) with no stop.  A
 * filter with TRACE rules makes the process die with the tracer.
 *
 * For attached processes (no filter can be installed there safely) the
 * library resumes with PTRACE_SYSCALL and applies the rules itself: entries
 * of ALLOW calls are passed, ERRNO is emulated at the entry stop, KILL kills
 * the process with SIGKILL.
 *
 * The rules in force when scall_spawn() runs are those the process gets;
 * later changes apply to attached processes and later spawns.
 */
enum scall_action {
	SCALL_ACT_ALLOW = 0, /* run; no stop under SCALL_RESUME_CONT */
	SCALL_ACT_TRACE,     /* stop at the entry */
	SCALL_ACT_ERRNO,     /* fail with errno = data, without running */
	SCALL_ACT_KILL,      /* kill the process */
};

/**
 * scall_filter_add() - set the action for one call.
 * @abi:  the table nr belongs to (SCALL_ABI_UNKNOWN: the native one).
 * @nr:   the number in that table (scall_syscall_lookup()).
 * @data: errno for SCALL_ACT_ERRNO (1..4095), else 0.
 *
 * A later rule for the same (abi, nr) replaces the earlier one.
 *
 * Errors: -EINVAL (bad abi for this machine, nr < 0, bad action or data),
 * -ENOMEM.
 */
SCALL_API int scall_filter_add(scall_tracer *t, enum scall_abi abi, long nr,
			       enum scall_action action, int data);

/**
 * scall_filter_default() - the action for calls without a rule.
 *
 * The default is SCALL_ACT_ALLOW with no rules: SCALL_RESUME_CONT then
 * never stops at a system call (PT_CONTINUE), and no filter is installed.  A
 * seccomp filter is installed at spawn as soon as a rule exists or the
 * default is not ALLOW.
 *
 * Errors: -EINVAL (bad action or data).
 */
SCALL_API int scall_filter_default(scall_tracer *t, enum scall_action action, int data);

/**
 * scall_filter_action() - the action the filter takes for (abi, nr).
 * @data: receives the rule's data (may be NULL).
 *
 * Returns the action (>= 0), or -EINVAL.
 */
SCALL_API int scall_filter_action(scall_tracer *t, enum scall_abi abi, long nr, int *data);

/**
 * scall_filter_clear() - drop every rule; the default becomes ALLOW again.
 *
 * Errors: -EINVAL.
 */
SCALL_API int scall_filter_clear(scall_tracer *t);

/**
 * scall_filter_active() - whether a seccomp filter of t's rules is in
 * force in the process of tid (1), or not (0: attached, spawned with no
 * rules, or spawned where seccomp(2) is missing).
 *
 * Errors: -ESRCH, -EINVAL.
 */
SCALL_API int scall_filter_active(scall_tracer *t, pid_t tid);

/**
 * scall_stats() - counters kept by the tracer.
 */
struct scall_stats {
	uint64_t stops;    /* ptrace stops seen, reported or not */
	uint64_t reported; /* events returned by scall_wait() */
	uint64_t injected; /* system calls run by scall_inject() */
};

/** Errors: -EINVAL. */
SCALL_API int scall_get_stats(scall_tracer *t, struct scall_stats *st);

/* Names. */

/** The native ABI of this build (SCALL_ABI_X86_64 on x86_64). */
SCALL_API enum scall_abi scall_native_abi(void);

/** The name of nr in abi's table, or NULL if unknown. */
SCALL_API const char *scall_syscall_name(enum scall_abi abi, long nr);

/** The number of name in abi's table, or -1 if unknown. */
SCALL_API long scall_syscall_lookup(enum scall_abi abi, const char *name);

/** The highest number in abi's table, or -1 for an unknown abi. */
SCALL_API long scall_syscall_max(enum scall_abi abi);

/** "x86_64", "i386", "x32", "aarch64", "riscv64"; "unknown" otherwise. */
SCALL_API const char *scall_abi_name(enum scall_abi abi);

/** The ABI named name (as scall_abi_name() spells it), or SCALL_ABI_UNKNOWN. */
SCALL_API enum scall_abi scall_abi_lookup(const char *name);

/** "ENOENT" for 2, also the kernel's restart codes; NULL if unknown. */
SCALL_API const char *scall_errno_name(int err);

/** The errno named name ("ENOENT"), or -1. */
SCALL_API int scall_errno_lookup(const char *name);

/**
 * scall_strerror() - a message for err (positive or negative errno); also
 * for libscall's own uses of errno and the kernel's restart codes.
 */
SCALL_API const char *scall_strerror(int err);

/** "SIGINT" for 2, "SIGRT_3" for SIGRTMIN + 3; NULL if out of range. */
SCALL_API const char *scall_signal_name(int sig);

/** The signal named name ("SIGINT", "INT", "SIGRTMIN+3", "SIGRT_3"), or -1. */
SCALL_API int scall_signal_lookup(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* SCALL_H */
