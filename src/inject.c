/* SPDX-License-Identifier: MIT */
/* Running system calls inside a stopped tracee; scratch memory made so. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "ptrace_compat.h"

#define MAX_ERRNO 4095

/* Where the vdso maps in the process, from /proc/PID/maps. */
static int find_vdso(pid_t pid, uint64_t *start, uint64_t *end)
{
	char path[64], line[512];
	int found = -ENOEXEC;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -ESRCH;
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "[vdso]"))
			continue;
		if (sscanf(line, "%" SCNx64 "-%" SCNx64, start, end) == 2)
			found = 0;
		break;
	}
	fclose(f);
	return found;
}

/* A system-call instruction somewhere in the process (the vdso has one). */
static int syscall_insn_addr(struct scall__thread *th, enum scall_abi abi, uint64_t *addr)
{
	uint64_t start, end;
	const unsigned char *insn;
	unsigned char *buf;
	size_t len, i;
	ssize_t n;
	int err;

	if (th->proc->insn_addr) {
		*addr = th->proc->insn_addr;
		return 0;
	}
	err = find_vdso(th->proc->pid, &start, &end);
	if (err < 0)
		return err;
	insn = scall__arch_syscall_insn(abi, &len);
	buf = malloc(end - start);
	if (!buf)
		return -ENOMEM;
	n = scall__mem_read(th->tid, start, buf, end - start);
	err = -ENOEXEC;
	for (i = 0; n > 0 && i + len <= (size_t)n; i++) {
		if (memcmp(buf + i, insn, len) == 0) {
			th->proc->insn_addr = *addr = start + i;
			err = 0;
			break;
		}
	}
	free(buf);
	return err;
}

/* The system-call instruction just before ip, if that is what is there
 * (not after execve or rt_sigreturn, which moved ip). */
static bool insn_before(struct scall__thread *th, const struct scall__regs *r, enum scall_abi abi,
			uint64_t *addr)
{
	unsigned char buf[8];
	const unsigned char *insn;
	size_t len;

	insn = scall__arch_syscall_insn(abi, &len);
	*addr = scall__arch_ip(r) - len;
	return len <= sizeof(buf) && scall__mem_read(th->tid, *addr, buf, len) == (ssize_t)len &&
	       memcmp(buf, insn, len) == 0;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/*
 * Step until a syscall stop (entry or exit).  Signals are blocked in the
 * thread meanwhile, so only a fault of the injected call can stop it.
 */
static int step_to_syscall(scall_tracer *t, struct scall__thread *th)
{
	int st = scall__step(t, th, PTRACE_SYSCALL);

	for (;;) {
		if (st < 0)
			return st;
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			/* Its EXIT is reported by the next scall_wait. */
			scall__queue_raw(t, th->tid, st, 0);
			return -ESRCH;
		}
		if (WSTOPSIG(st) == (SIGTRAP | 0x80))
			return 0;
		if (st >> 16 == 0 && WSTOPSIG(st) == SIGSTOP) {
			/* Unblockable: it is sent again once the call is done. */
			th->stop_again = true;
			st = scall__step(t, th, PTRACE_SYSCALL);
			continue;
		}
		if (st >> 16 == 0)
			return -EIO; /* a fault: the call cannot run there */
		if (st >> 16 == PTRACE_EVENT_STOP && is_stop_signal(WSTOPSIG(st))) {
			/* Job control stopped it on its way to user mode. */
			th->stop = SCALL__STOP_GROUP;
			th->stop_sig = WSTOPSIG(st);
			return -EINTR;
		}
		/* seccomp or interrupt stops: go on */
		st = scall__step(t, th, PTRACE_SYSCALL);
	}
}

/* From a stop inside a syscall (exec, clone) to that syscall's exit stop. */
static int move_to_exit(scall_tracer *t, struct scall__thread *th)
{
	int err = step_to_syscall(t, th);

	if (err < 0)
		return err;
	th->stop = SCALL__STOP_EXIT;
	th->in_syscall = false;
	th->stepped_exit = true;
	return 0;
}

/*
 * A signal that the thread itself will take when it runs on.  Signals of
 * the whole process do not count: another thread may take them first.
 */
static bool signal_ahead(pid_t pid, pid_t tid)
{
	char path[64], line[128];
	uint64_t pend = 0, blk = 0, v;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	f = fopen(path, "re");
	if (!f)
		return true;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "SigPnd: %" SCNx64, &v) == 1)
			pend = v;
		else if (sscanf(line, "SigBlk: %" SCNx64, &v) == 1)
			blk = v;
	}
	fclose(f);
	return (pend & ~blk) != 0;
}

/*
 * Back to the saved registers after a trip through user mode.  A restart
 * code in them was to be handled on the way out of the call; the trip used
 * that way up, so where no signal will take care of it, restart here.
 */
static int restore_after_trip(struct scall__thread *th, const struct scall__regs *saved,
			      enum scall_abi abi)
{
	struct scall__regs r = *saved;

	th->restart_check = false;
	if (scall__arch_get_ret(&r, abi) >= -516 && scall__arch_get_ret(&r, abi) <= -512)
		th->restart_check = true;
	return scall__arch_set_regs(th->tid, &r);
}

static int run_call(scall_tracer *t, struct scall__thread *th, const struct scall__regs *saved,
		    enum scall_abi abi, long nr, const uint64_t args[6], int64_t *ret)
{
	struct scall__regs r = *saved;
	bool at_entry = th->stop == SCALL__STOP_ENTRY || th->stop == SCALL__STOP_SECCOMP;
	uint64_t addr;
	long orig_nr;
	uint64_t orig_args[6];
	int err;

	if (at_entry) {
		/* The pending call becomes ours; afterwards it is entered again. */
		scall__arch_get_entry(saved, abi, &orig_nr, orig_args);
		scall__arch_set_entry(&r, abi, nr, args);
		if ((err = scall__arch_set_regs(th->tid, &r)) < 0)
			return err;
		if ((err = step_to_syscall(t, th)) < 0)
			return err;
		if ((err = scall__arch_get_regs(th->tid, &r)) < 0)
			return err;
		*ret = scall__arch_get_ret(&r, abi);
		scall__arch_rerun(&r, abi, orig_nr, orig_args);
		if ((err = scall__arch_set_regs(th->tid, &r)) < 0)
			return err;
		/* In a job-control stop now, it enters its call again after it. */
		if ((err = step_to_syscall(t, th)) < 0)
			return err;
		th->stop = SCALL__STOP_ENTRY;
		th->in_syscall = true;
		return scall__arch_set_regs(th->tid, saved);
	}
	if (!(th->stop == SCALL__STOP_EXIT && insn_before(th, saved, abi, &addr)) &&
	    (err = syscall_insn_addr(th, abi, &addr)) < 0)
		return err;
	scall__arch_call_at(&r, abi, addr, nr, args);
	if ((err = scall__arch_set_regs(th->tid, &r)) < 0)
		return err;
	err = step_to_syscall(t, th); /* its entry */
	if (err == -EINTR) {
		/* Stopped before it ran: back to where it was, in the stop. */
		scall__arch_set_regs(th->tid, saved);
		return err;
	}
	if (err < 0)
		return err;
	if ((err = step_to_syscall(t, th)) < 0) /* its exit */
		return err;
	if ((err = scall__arch_get_regs(th->tid, &r)) < 0)
		return err;
	*ret = scall__arch_get_ret(&r, abi);
	/* The thread now really sits at a syscall exit. */
	th->stop = SCALL__STOP_EXIT;
	return restore_after_trip(th, saved, abi);
}

/* The ABI injected calls use: that of the stop, else the process's. */
static enum scall_abi inject_abi(struct scall__thread *th, const struct scall__regs *r)
{
	if (th->stop == SCALL__STOP_ENTRY || th->stop == SCALL__STOP_SECCOMP ||
	    th->stop == SCALL__STOP_EXIT)
		return scall__arch_regs_abi(th->tid, r);
	return scall__arch_process_abi(r);
}

int scall_inject(scall_tracer *t, pid_t tid, long nr, const uint64_t args[6], int64_t *ret)
{
	static const uint64_t zero[6];
	struct scall__thread *th;
	struct scall__regs saved;
	enum scall_abi abi = SCALL_ABI_UNKNOWN;
	uint64_t mask, all = ~0ull;
	int err;

	if (!t || !ret || nr < 0)
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	/* A delivered signal is off its queue: running code would reorder it. */
	if (th->stop == SCALL__STOP_GROUP || th->in_group_stop || th->ev_type == SCALL_EV_SIGNAL ||
	    (th->ev_type == SCALL_EV_CLONE && th->stop_sig == PTRACE_EVENT_VFORK))
		return -EBUSY;
	/* Pending signals stay pending while the call runs. */
	if (ptrace(PTRACE_GETSIGMASK, tid, sizeof(mask), &mask) < 0)
		return scall__err(-errno);
	ptrace(PTRACE_SETSIGMASK, tid, sizeof(all), &all);
	if (th->stop == SCALL__STOP_EVENT &&
	    (th->ev_type == SCALL_EV_CLONE || th->ev_type == SCALL_EV_EXEC)) {
		err = move_to_exit(t, th);
		if (err < 0)
			goto out;
	}
	err = scall__arch_get_regs(tid, &saved);
	if (err < 0)
		goto out;
	abi = inject_abi(th, &saved);
	err = run_call(t, th, &saved, abi, nr, args ? args : zero, ret);
	if (err == -EINTR) {
		struct scall_event ev;

		memset(&ev, 0, sizeof(ev));
		ev.type = SCALL_EV_GROUP_STOP;
		ev.tid = tid;
		ev.pid = th->proc->pid;
		ev.sig = th->stop_sig;
		th->ev_type = SCALL_EV_GROUP_STOP;
		th->in_syscall = false;
		th->have_entry = false;
		scall__queue_event(t, &ev);
	}
out:
	th->raw_valid = false;
	if (err != -ESRCH)
		ptrace(PTRACE_SETSIGMASK, tid, sizeof(mask), &mask);
	if (th->restart_check && err == 0 && !signal_ahead(th->proc->pid, tid)) {
		struct scall__regs r;

		if (scall__arch_get_regs(tid, &r) == 0 && scall__arch_restart(&r, abi))
			scall__arch_set_regs(tid, &r);
	}
	th->restart_check = false;
	if (th->stop_again && err != -ESRCH)
		scall__requeue_signal(th, SIGSTOP);
	th->stop_again = false;
	if (err < 0)
		return scall__err(err);
	t->stats.injected++;
	return 0;
}

int scall_scratch(scall_tracer *t, pid_t tid, size_t len, uint64_t *addr)
{
	struct scall__thread *th;
	struct scall__regs r;
	uint64_t args[6] = { 0 };
	enum scall_abi abi;
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	int64_t ret;
	int err, i;
	long nr;

	if (!t || !addr || len == 0 || len > (1u << 30))
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	len = (len + page - 1) & ~(page - 1);
	for (i = 0; i < 4; i++) {
		if (th->proc->scratch[i].addr && th->proc->scratch[i].len >= len) {
			*addr = th->proc->scratch[i].addr;
			return 0;
		}
	}
	if ((err = scall__arch_get_regs(tid, &r)) < 0)
		return scall__err(err);
	abi = inject_abi(th, &r);
	/* 32-bit processes have mmap2 (offset in pages); zero offset either way */
	nr = scall_syscall_lookup(abi, abi == SCALL_ABI_I386 ? "mmap2" : "mmap");
	if (nr < 0)
		return -ENOSYS;
	args[1] = len;
	args[2] = PROT_READ | PROT_WRITE;
	args[3] = MAP_PRIVATE | MAP_ANONYMOUS;
	args[4] = abi == SCALL_ABI_I386 ? 0xffffffffull : (uint64_t)-1;
	err = scall_inject(t, tid, nr, args, &ret);
	if (err < 0)
		return err;
	if (ret < 0 && ret >= -MAX_ERRNO)
		return -ENOMEM;
	for (i = 0; i < 4 && th->proc->scratch[i].addr; i++)
		;
	if (i == 4)
		i = 3; /* forget the last one: the tracee keeps it */
	th->proc->scratch[i].addr = (uint64_t)ret;
	th->proc->scratch[i].len = len;
	*addr = (uint64_t)ret;
	return 0;
}
