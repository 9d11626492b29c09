/* SPDX-License-Identifier: MIT */
/* Internal definitions of libscall: the tracer, its processes and threads. */
#ifndef SCALL_INTERNAL_H
#define SCALL_INTERNAL_H

#include <stdbool.h>
#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "scall.h"
#include "arch.h"

struct sock_fprog;

/* One filter rule: what happens to (abi, nr). */
struct scall__rule {
	enum scall_abi abi;
	long nr;
	enum scall_action action;
	int data;
};

struct scall__filter {
	struct scall__rule *rules;
	size_t count, cap;
	enum scall_action def_action;
	int def_data;
};

/* What the kernel has the thread stopped at (or not). */
enum scall__stop {
	SCALL__RUNNING = 0,
	SCALL__STOP_ENTRY,   /* syscall-entry-stop */
	SCALL__STOP_SECCOMP, /* PTRACE_EVENT_SECCOMP: an entry too */
	SCALL__STOP_EXIT,    /* syscall-exit-stop */
	SCALL__STOP_SIGNAL,  /* signal-delivery-stop */
	SCALL__STOP_GROUP,   /* group-stop (PTRACE_EVENT_STOP with a stop signal) */
	SCALL__STOP_EVENT,   /* other PTRACE_EVENT_* stop (exec, clone, interrupt) */
};

/* A traced process (thread group). */
struct scall__proc {
	pid_t pid;
	int nthreads;
	bool spawned;       /* made by scall_spawn: ours to kill */
	bool filtered;      /* a seccomp filter with TRACE rules is in force */
	bool has_seccomp;   /* any seccomp filter of ours is in force */
	bool hidden;        /* traced only to keep the filter working: never reported */
	uint64_t insn_addr; /* a system-call instruction in it (for injection) */
	struct scall__scratch {
		uint64_t addr;
		size_t len;
	} scratch[4];
	struct scall__proc *next;
};

struct scall__thread {
	pid_t tid;
	struct scall__proc *proc;
	enum scall__stop stop;         /* the kernel's stop */
	enum scall_event_type ev_type; /* the event this stop is (or will be)
					* reported as */
	bool start_pending;            /* its START is queued, not yet reported */
	bool awaiting_clone;           /* stopped before its creator's clone event */
	bool awaiting_first;           /* its creator's clone event came: first stop next */
	bool attaching;                /* seized, interrupt stop not yet seen */
	bool interrupt_pending;        /* an interrupt stop will come: pass it */
	bool detach_on_start;          /* a new process we do not follow */
	bool listening;                /* resumed with PTRACE_LISTEN in a group-stop */
	bool in_group_stop;            /* the START stop found it in a group-stop */
	bool in_syscall;               /* between an entry and its exit (register path) */
	int stop_sig;                  /* SIGNAL / GROUP: the signal */
	int clone_kind;                /* for its START */
	pid_t parent;                  /* for its START */
	enum scall_resume mode;        /* how the user last resumed it */
	bool stepped_exit;             /* real stop moved on to the syscall exit */
	bool stop_again;               /* a SIGSTOP met while injecting: send it again */
	bool restart_check;            /* injected at a restart code: see inject.c */
	siginfo_t siginfo;             /* of a SIGNAL stop, kept across injection */

	/* Syscall state. */
	bool info_valid;         /* info holds the current stop's call */
	struct scall_info info;  /* the current stop's view */
	struct scall_info entry; /* the call's entry (nr/args for its exit) */
	bool have_entry;
	bool emulated;           /* entry turned into exit */
	int64_t emu_ret;         /* raw result written for it */
	bool expect_after_entry; /* after a real entry: seccomp or exit next */
	bool swallow_exit;       /* the exit of this call is not wanted */
	bool rerun;              /* exit turned into entry: hide its entry */
	bool force_exit;         /* report this call's exit whatever the mode */
	bool raw_valid;          /* raw holds this stop's GET_SYSCALL_INFO */
	uint64_t raw[11];        /* struct scall__sysinfo (88 bytes) */

	struct scall__thread *next; /* hash chain */
};

/* A ready event, or a raw status waiting to be turned into one. */
struct scall__queued {
	struct scall_event ev;
	struct scall__queued *next;
};

struct scall_tracer {
	unsigned flags;
	bool use_info;     /* PTRACE_GET_SYSCALL_INFO works */
	bool use_set_info; /* PTRACE_SET_SYSCALL_INFO works */
	struct scall__filter filter;
	struct scall__thread *threads[256];
	struct scall__proc *procs;
	size_t nthreads;
	struct scall__queued *ev_head, *ev_tail;   /* events ready to report */
	struct scall__queued *raw_head, *raw_tail; /* (tid, status) drained */
	struct scall__queued *free_list;
	struct scall_stats stats;
	uint64_t cur_stime;         /* stime_ns of the status being handled */
	bool drain_found;           /* the last drain collected something */
	unsigned waits_since_drain; /* blocking waits since the last drain */
};

/* tracer.c: the tables. */
struct scall__thread *scall__thread_find(scall_tracer *t, pid_t tid);
struct scall__thread *scall__thread_add(scall_tracer *t, pid_t tid, struct scall__proc *proc);
void scall__thread_remove(scall_tracer *t, struct scall__thread *th);
struct scall__proc *scall__proc_find(scall_tracer *t, pid_t pid);
struct scall__proc *scall__proc_add(scall_tracer *t, pid_t pid);
void scall__proc_remove(scall_tracer *t, struct scall__proc *p);
/* A stopped thread known to t, or NULL and *err set to -ESRCH / -EBUSY. */
struct scall__thread *scall__stopped(scall_tracer *t, pid_t tid, int *err);
unsigned scall__ptrace_options(const scall_tracer *t, bool owned);
void scall__queue_event(scall_tracer *t, const struct scall_event *ev);
int scall__queue_raw(scall_tracer *t, pid_t tid, int status, uint64_t stime_ns);
/* Take a drained status of tid out of the raw queue: 0, or -ENOENT. */
int scall__take_raw(scall_tracer *t, pid_t tid, int *status);
void scall__node_put(scall_tracer *t, struct scall__queued *q);
bool scall__has_queued(scall_tracer *t, pid_t tid);
void scall__forget_proc(scall_tracer *t, struct scall__proc *p, bool reap);
pid_t scall__tgid_of(pid_t tid);
/* Queue sig to the thread again (tgkill). */
void scall__requeue_signal(struct scall__thread *th, int sig);
/* Drop queued events of one thread (or of every thread of pid if tid 0). */
void scall__drop_events(scall_tracer *t, pid_t pid, pid_t tid);

/* wait.c */
int scall__handle_status(scall_tracer *t, pid_t tid, int status);
struct scall__thread *scall__thread_rename(scall_tracer *t, struct scall__thread *th, pid_t tid);

/* info.c: the syscall structure. */
int scall__read_info(scall_tracer *t, struct scall__thread *th, struct scall_info *si);
bool scall__is_entry(scall_tracer *t, struct scall__thread *th);
int scall__set_info_at(scall_tracer *t, struct scall__thread *th, const struct scall_info *si);
void scall__reapply_emulation(scall_tracer *t, struct scall__thread *th);
int scall__exit_info(scall_tracer *t, struct scall__thread *th, struct scall_info *si);
/* Resume a thread as its mode asks, without reporting anything. */
int scall__resume_quiet(scall_tracer *t, struct scall__thread *th, int sig);
/* The next wait status of tid (counted as a stop), or -errno. */
int scall__wait_tid(scall_tracer *t, pid_t tid);
/* Run the thread until its next stop; returns the wait status or -errno. */
int scall__step(scall_tracer *t, struct scall__thread *th, int request);

/* filter.c */
void scall__filter_init(struct scall__filter *f);
void scall__filter_release(struct scall__filter *f);
/* Set the rule for (abi, nr) or the default, validated as scall_filter_add()
 * and scall_filter_default() document. */
int scall__filter_add(struct scall__filter *f, enum scall_abi abi, long nr,
		      enum scall_action action, int data);
int scall__filter_set_default(struct scall__filter *f, enum scall_action action, int data);
bool scall__filter_in_use(const struct scall__filter *f);
bool scall__filter_traces(const struct scall__filter *f);
enum scall_action scall__filter_lookup(const struct scall__filter *f, enum scall_abi abi, long nr,
				       int *data);
/* Build the seccomp program in the tracer (before fork): prog->filter is
 * malloc'ed.  Returns 0 or a negative errno. */
int scall__filter_build(const struct scall__filter *f, struct sock_fprog *prog);
/* Its two builders, same contract.  filter_seccomp.c: through libseccomp,
 * -EOPNOTSUPP if a rule cannot be expressed there exactly; filter_bpf.c:
 * classic BPF emitted by hand, exact for every rule (the fallback). */
int scall__filter_build_seccomp(const struct scall__filter *f, struct sock_fprog *prog);
int scall__filter_build_bpf(const struct scall__filter *f, struct sock_fprog *prog);
/* In the child, just before execve: no allocation.  0 or -errno. */
int scall__filter_load(const struct sock_fprog *prog);

/* mem.c */
ssize_t scall__mem_read(pid_t tid, uint64_t addr, void *buf, size_t len);
ssize_t scall__mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len);
ssize_t scall__mem_read_str(pid_t tid, uint64_t addr, char *buf, size_t size);

/* names.c */
const char *scall__syscall_name(enum scall_abi abi, long nr);

/* Errors a public function may return are filtered here: anything else
 * becomes -EIO. */
int scall__err(int err);

#endif
