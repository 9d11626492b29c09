/* SPDX-License-Identifier: MIT */
/* struct scall_info: reading and writing the call a thread is stopped at. */
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>

#include "internal.h"
#include "ptrace_compat.h"

#define MAX_ERRNO 4095

static struct scall__sysinfo *raw_of(struct scall__thread *th)
{
	return (struct scall__sysinfo *)th->raw;
}

/* One PTRACE_GET_SYSCALL_INFO per stop, kept for the rest of the stop. */
static int fetch_raw(scall_tracer *t, struct scall__thread *th)
{
	long n;

	if (th->raw_valid)
		return 0;
	memset(th->raw, 0, sizeof(th->raw));
	n = ptrace(SCALL__GET_SYSCALL_INFO, th->tid, sizeof(th->raw), th->raw);
	if (n < 0) {
		if (errno == EIO || errno == EINVAL)
			t->use_info = false; /* kernel without it */
		return -errno;
	}
	th->raw_valid = true;
	return 0;
}

bool scall__is_entry(scall_tracer *t, struct scall__thread *th)
{
	th->raw_valid = false;
	if (t->use_info && fetch_raw(t, th) == 0)
		return raw_of(th)->op == SCALL__SYSINFO_ENTRY;
	return !th->in_syscall;
}

static void set_result(struct scall_info *si, int64_t ret)
{
	if (ret < 0 && ret >= -MAX_ERRNO) {
		si->error = (int)-ret;
		si->rval[0] = ret;
	} else {
		si->error = 0;
		si->rval[0] = ret;
	}
	si->rval[1] = 0;
}

static int read_regs_info(struct scall__thread *th, struct scall_info *si, bool entry)
{
	struct scall__regs r;
	int err = scall__arch_get_regs(th->tid, &r);

	if (err < 0)
		return err;
	si->abi = scall__arch_regs_abi(th->tid, &r);
	si->ip = scall__arch_ip(&r);
	si->sp = scall__arch_sp(&r);
	scall__arch_get_entry(&r, si->abi, &si->nr, si->args);
	if (!entry)
		set_result(si, scall__arch_get_ret(&r, si->abi));
	return 0;
}

int scall__read_info(scall_tracer *t, struct scall__thread *th, struct scall_info *si)
{
	bool entry = th->stop == SCALL__STOP_ENTRY || th->stop == SCALL__STOP_SECCOMP;
	struct scall__sysinfo *raw = raw_of(th);
	uint64_t nr;

	memset(si, 0, sizeof(*si));
	si->phase = entry ? SCALL_ENTRY : SCALL_EXIT;
	if (!t->use_info || fetch_raw(t, th) < 0 || raw->op == SCALL__SYSINFO_NONE)
		return read_regs_info(th, si, entry);
	si->ip = raw->instruction_pointer;
	si->sp = raw->stack_pointer;
	if (raw->op == SCALL__SYSINFO_EXIT) {
		nr = 0;
		si->abi = scall__arch_abi_from_audit(raw->arch, &nr);
		set_result(si, raw->exit.rval);
		return 0;
	}
	/* entry and seccomp share the layout of nr and args */
	nr = raw->entry.nr;
	si->abi = scall__arch_abi_from_audit(raw->arch, &nr);
	si->nr = (long)nr;
	memcpy(si->args, raw->entry.args, sizeof(si->args));
	if (si->abi == SCALL_ABI_I386)
		for (int i = 0; i < 6; i++)
			si->args[i] = (uint32_t)si->args[i];
	return 0;
}

/* The view of an exit stop: result now, nr and args from the entry. */
int scall__exit_info(scall_tracer *t, struct scall__thread *th, struct scall_info *si)
{
	struct scall_info regs_view;
	int err = scall__read_info(t, th, si);

	if (err < 0)
		return err;
	si->phase = SCALL_EXIT;
	if (th->have_entry) {
		si->nr = th->entry.nr;
		memcpy(si->args, th->entry.args, sizeof(si->args));
		if (si->abi == SCALL_ABI_UNKNOWN)
			si->abi = th->entry.abi;
		return 0;
	}
	/* Attached in the middle of the call: the registers still tell. */
	if (read_regs_info(th, &regs_view, true) == 0) {
		si->nr = regs_view.nr;
		memcpy(si->args, regs_view.args, sizeof(si->args));
		if (si->abi == SCALL_ABI_UNKNOWN)
			si->abi = regs_view.abi;
	}
	return 0;
}

static bool at_syscall(struct scall__thread *th)
{
	return th->ev_type == SCALL_EV_SYSCALL && !th->stepped_exit &&
	       (th->stop == SCALL__STOP_ENTRY || th->stop == SCALL__STOP_SECCOMP ||
		th->stop == SCALL__STOP_EXIT);
}

/* The thread tid, stopped at a reported syscall stop; else NULL and *err. */
static struct scall__thread *syscall_thread(scall_tracer *t, pid_t tid, const void *si, int *err)
{
	struct scall__thread *th;

	if (!t || !si) {
		*err = -EINVAL;
		return NULL;
	}
	th = scall__stopped(t, tid, err);
	if (th && !at_syscall(th)) {
		*err = -EINVAL;
		return NULL;
	}
	return th;
}

int scall_get_info(scall_tracer *t, pid_t tid, struct scall_info *si)
{
	struct scall__thread *th;
	int err;

	th = syscall_thread(t, tid, si, &err);
	if (!th)
		return err;
	if (!th->info_valid) {
		if (th->stop == SCALL__STOP_EXIT)
			err = scall__exit_info(t, th, &th->info);
		else
			err = scall__read_info(t, th, &th->info);
		if (err < 0)
			return scall__err(err);
		th->info_valid = true;
	}
	*si = th->info;
	return 0;
}

int scall_get_siginfo(scall_tracer *t, pid_t tid, siginfo_t *si)
{
	struct scall__thread *th;
	int err;

	if (!t || !si)
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	if (th->ev_type != SCALL_EV_SIGNAL)
		return -EINVAL;
	*si = th->siginfo;
	return 0;
}

static int64_t raw_result(const struct scall_info *si)
{
	return si->error ? -(int64_t)si->error : si->rval[0];
}

/* Write through PTRACE_SET_SYSCALL_INFO where it works; 1 if it did not. */
static int set_sysinfo(scall_tracer *t, struct scall__thread *th, int op,
		       const struct scall_info *si, long nr)
{
	struct scall__sysinfo in;

	if (!t->use_set_info)
		return 1;
	memset(&in, 0, sizeof(in));
	in.op = (uint8_t)op;
	if (op == SCALL__SYSINFO_EXIT) {
		in.exit.rval = raw_result(si);
		in.exit.is_error = si->error != 0;
	} else {
		in.entry.nr = scall__arch_raw_nr(si->abi, nr);
		memcpy(in.entry.args, si->args, sizeof(in.entry.args));
	}
	if (ptrace(SCALL__SET_SYSCALL_INFO, th->tid, sizeof(in), &in) == 0)
		return 0;
	if (errno == EIO || errno == EINVAL) {
		t->use_set_info = false; /* older kernel: registers from now on */
		return 1;
	}
	return -errno;
}

static int with_regs(struct scall__thread *th, const struct scall_info *si, int what)
{
	struct scall__regs r;
	int err = scall__arch_get_regs(th->tid, &r);

	if (err < 0)
		return err;
	switch (what) {
	case 0: /* entry: new number and arguments */
		scall__arch_set_entry(&r, si->abi, si->nr, si->args);
		break;
	case 1: /* entry: skip the call, leave the result */
		scall__arch_set_entry(&r, si->abi, -1, si->args);
		scall__arch_set_ret(&r, si->abi, raw_result(si));
		break;
	case 2: /* exit: the result */
		scall__arch_set_ret(&r, si->abi, raw_result(si));
		break;
	default: /* exit: enter another call */
		scall__arch_rerun(&r, si->abi, si->nr, si->args);
		break;
	}
	err = scall__arch_set_regs(th->tid, &r);
	return err < 0 ? -EIO : 0;
}

int scall__set_info_at(scall_tracer *t, struct scall__thread *th, const struct scall_info *in)
{
	bool entry = th->stop != SCALL__STOP_EXIT;
	struct scall_info si = *in;
	int err;

	si.abi = th->info.abi;
	si.ip = th->info.ip;
	si.sp = th->info.sp;
	th->raw_valid = false;
	if (entry && si.phase == SCALL_ENTRY) {
		int op = th->stop == SCALL__STOP_SECCOMP ? SCALL__SYSINFO_SECCOMP :
							   SCALL__SYSINFO_ENTRY;

		err = set_sysinfo(t, th, op, &si, si.nr);
		if (err > 0)
			err = with_regs(th, &si, 0);
		if (err < 0)
			return err;
		si.error = 0;
		si.rval[0] = si.rval[1] = 0;
		th->entry = si;
		th->have_entry = true;
	} else if (entry) {
		err = with_regs(th, &si, 1);
		if (err < 0)
			return err;
		th->emulated = true;
		th->emu_ret = raw_result(&si);
		si.nr = th->entry.nr;
		memcpy(si.args, th->entry.args, sizeof(si.args));
	} else if (si.phase == SCALL_EXIT) {
		err = set_sysinfo(t, th, SCALL__SYSINFO_EXIT, &si, 0);
		if (err > 0)
			err = with_regs(th, &si, 2);
		if (err < 0)
			return err;
		si.nr = th->info.nr;
		memcpy(si.args, th->info.args, sizeof(si.args));
	} else {
		err = with_regs(th, &si, 3);
		if (err < 0)
			return err;
		th->rerun = true;
		si.error = 0;
		si.rval[0] = si.rval[1] = 0;
	}
	if (si.phase == SCALL_EXIT && !si.error)
		si.rval[1] = 0;
	if (si.error)
		si.rval[0] = -(int64_t)si.error;
	si.rval[1] = 0;
	th->info = si;
	th->info_valid = true;
	return 0;
}

void scall__reapply_emulation(scall_tracer *t, struct scall__thread *th)
{
	struct scall__regs r;
	enum scall_abi abi = th->entry.abi;

	(void)t;
	if (scall__arch_get_regs(th->tid, &r) < 0)
		return;
	if (scall__arch_get_ret(&r, abi) == th->emu_ret)
		return;
	scall__arch_set_ret(&r, abi, th->emu_ret);
	scall__arch_set_regs(th->tid, &r);
	th->raw_valid = false;
}

int scall_set_info(scall_tracer *t, pid_t tid, const struct scall_info *si)
{
	struct scall__thread *th;
	int err;

	th = syscall_thread(t, tid, si, &err);
	if (!th)
		return err;
	if (si->phase != SCALL_ENTRY && si->phase != SCALL_EXIT)
		return -EINVAL;
	if (!th->info_valid && (err = scall_get_info(t, tid, &th->info)) < 0)
		return err;
	if (si->abi != SCALL_ABI_UNKNOWN && si->abi != th->info.abi)
		return -EINVAL;
	if (si->phase == SCALL_ENTRY && (si->nr < 0 || !scall__arch_abi_ok(th->info.abi)))
		return -EINVAL;
	if (si->phase == SCALL_EXIT && (si->error < 0 || si->error > MAX_ERRNO))
		return -EINVAL;
	return scall__err(scall__set_info_at(t, th, si));
}
