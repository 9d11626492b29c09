/* SPDX-License-Identifier: MIT */
/*
 * ABIs: calls of a 32-bit program and `int 0x80` from 64-bit code are i386
 * calls, numbered in the i386 table; the scall_set_info table works for them.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(abi, .timeout = 30, .fini = h_cleanup);

/* Numbers in the i386 table (arch/x86/entry/syscalls/syscall_32.tbl). */
#define I386_UNLINK 10
#define I386_GETPID 20
#define I386_GETPPID 64

static void expect_name(long nr, const char *name)
{
	const char *got = scall_syscall_name(SCALL_ABI_I386, nr);

	cr_assert(got && strcmp(got, name) == 0, "i386 %ld is %s, not %s", nr, got ? got : "NULL",
		  name);
}

struct i386_check {
	int entries, getppid_entry, getppid_exit;
	int64_t getppid_rval;
};

static void check_i386(const struct scall_event *ev, void *arg)
{
	struct i386_check *k = arg;

	if (ev->type != SCALL_EV_SYSCALL)
		return;
	if (ev->info.phase == SCALL_ENTRY) {
		k->entries++;
		cr_assert_eq(ev->info.abi, SCALL_ABI_I386, "a call of a 32-bit program: %s",
			     h_ev_str(ev));
		cr_assert_not_null(scall_syscall_name(SCALL_ABI_I386, ev->info.nr),
				   "not in the i386 table: %s", h_ev_str(ev));
	}
	if (ev->info.abi == SCALL_ABI_I386 && ev->info.nr == I386_GETPPID) {
		if (ev->info.phase == SCALL_ENTRY) {
			k->getppid_entry++;
		} else {
			k->getppid_exit++;
			k->getppid_rval = ev->info.rval[0];
		}
	}
}

/* A 32-bit program: every call is i386, numbered in the i386 table. */
H_MODE_TEST(abi, i386_program)
{
	scall_tracer *t = h_new(mode);
	struct i386_check k;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls.32", "getppid", NULL);

	memset(&k, 0, sizeof(k));
	expect_name(I386_GETPPID, "getppid");
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, check_i386, &k), 0);
	cr_assert_gt(k.entries, 3);
	cr_assert_eq(k.getppid_entry, 1, "%d i386 getppid entries", k.getppid_entry);
	cr_assert_eq(k.getppid_exit, 1, "%d i386 getppid exits", k.getppid_exit);
	cr_assert_eq(k.getppid_rval, getpid());
	cr_assert_eq(h_result(&c, "getppid", 0).ret, getpid());
	h_free(t);
}

/* int 0x80 from 64-bit code is an i386 call, at entry and at exit. */
H_MODE_TEST(abi, int80_from_64bit)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "getppid", "int80", "getppid", NULL);

	expect_name(I386_GETPID, "getpid");
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getppid, SCALL_EXIT, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.info.abi, SCALL_ABI_X86_64);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_ENTRY);
	cr_assert_eq(ev.info.abi, SCALL_ABI_I386, "the call after getppid: %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, I386_GETPID, "int 0x80 entry: %s", h_ev_str(&ev));
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	cr_assert_eq(si.abi, SCALL_ABI_I386);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.abi, SCALL_ABI_I386, "int 0x80 exit: %s", h_ev_str(&ev));
	cr_assert_eq(ev.info.nr, I386_GETPID);
	cr_assert_eq(ev.info.rval[0], pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	/* And the next 64-bit call is x86_64 again. */
	h_until_syscall(t, pid, SYS_getppid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "int80", 0).ret, pid);
	h_free(t);
}

/* Wait for the i386 entry or exit of nr. */
static void until_i386(scall_tracer *t, pid_t pid, long nr, enum scall_phase phase,
		       struct scall_event *ev)
{
	h_until_call(t, pid, SCALL_ABI_I386, nr, phase, SCALL_RESUME_SYSCALL, ev);
}

/* i386, entry turned into exit: the unlink does not run, the tracee sees 0. */
H_MODE_TEST(abi, i386_entry_exit)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	char path[64], arg[80];
	struct stat st;
	pid_t pid;

	expect_name(I386_UNLINK, "unlink");
	h_tmpfile(path, sizeof(path), "keep me\n");
	snprintf(arg, sizeof(arg), "unlink:%s", path);
	pid = h_start(t, &c, "calls.32", arg, NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_i386(t, pid, I386_UNLINK, SCALL_ENTRY, &ev);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.abi = SCALL_ABI_X86_64;
	si.phase = SCALL_EXIT;
	cr_assert_eq(scall_set_info(t, pid, &si), -EINVAL, "x86_64 info at an i386 stop");
	si.abi = SCALL_ABI_I386;
	si.error = 0;
	si.rval[0] = 0;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.abi, SCALL_ABI_I386);
	cr_assert_eq(ev.info.nr, I386_UNLINK);
	cr_assert_eq(ev.info.rval[0], 0);
	cr_assert_eq(ev.info.error, 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "unlink", 0).ret, 0, "the tracee: %s", h_output(&c));
	cr_assert_eq(stat(path, &st), 0, "the emulated unlink ran");
	unlink(path);
	h_free(t);
}

/* i386, entry changed: getppid becomes getpid. */
H_MODE_TEST(abi, i386_entry_entry)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls.32", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_i386(t, pid, I386_GETPPID, SCALL_ENTRY, &ev);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.nr = I386_GETPID;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	cr_assert_eq(ev.info.phase, SCALL_EXIT);
	cr_assert_eq(ev.info.nr, I386_GETPID, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.rval[0], pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, pid);
	h_free(t);
}

/* i386, result changed at the exit: a value, then an error. */
H_MODE_TEST(abi, i386_exit_exit)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls.32", "getppid", "getppid", NULL);
	struct h_res r;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_i386(t, pid, I386_GETPPID, SCALL_EXIT, &ev);
	cr_assert_eq(ev.info.rval[0], getpid());
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.rval[0] = 4242;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_i386(t, pid, I386_GETPPID, SCALL_EXIT, &ev);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.error = EPERM;
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	r = h_result(&c, "getppid", 0);
	cr_assert_eq(r.ret, 4242, "first getppid: %ld %d", r.ret, r.err);
	r = h_result(&c, "getppid", 1);
	cr_assert_eq(r.ret, -1);
	cr_assert_eq(r.err, EPERM);
	h_free(t);
}

/* i386, another call from an exit: getpid runs after getppid. */
H_MODE_TEST(abi, i386_exit_entry)
{
	scall_tracer *t = h_new(mode);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls.32", "getppid", NULL);

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_i386(t, pid, I386_GETPPID, SCALL_EXIT, &ev);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	si.phase = SCALL_ENTRY;
	si.nr = I386_GETPID;
	memset(si.args, 0, sizeof(si.args));
	cr_assert_eq(scall_set_info(t, pid, &si), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_next(t, pid, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.phase, SCALL_EXIT, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.abi, SCALL_ABI_I386);
	cr_assert_eq(ev.info.nr, I386_GETPID, "%s", h_ev_str(&ev));
	cr_assert_eq(ev.info.rval[0], pid);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "getppid", 0).ret, pid);
	h_free(t);
}
