/* SPDX-License-Identifier: MIT */
/*
 * Filter rules and the seccomp program built from them.  Each program is
 * loaded in a forked child with no tracer: the child makes the calls and
 * sends back what it saw.  The behavioural tests run once per builder:
 * NAME_seccomp through libseccomp alone (no fallback), NAME_bpf through the
 * hand-built program.  Tests of which one scall__filter_build() picks come
 * after them.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "internal.h"
#include "scall.h"

#define NSEEN 8

/* What the child saw: per probe, the raw result and errno. */
struct seen {
	long ret[NSEEN];
	int err[NSEEN];
	pid_t pid, ppid; /* its own ids, read before the filter */
};

typedef void (*probe_fn)(struct seen *s);
typedef int (*build_fn)(const struct scall__filter *f, struct sock_fprog *prog);

static struct scall__filter filter;
static build_fn build = scall__filter_build; /* what run_filtered() uses */

static void setup(void)
{
	scall__filter_init(&filter);
	build = scall__filter_build;
}

static void setup_seccomp(void)
{
	setup();
	build = scall__filter_build_seccomp;
}

static void setup_bpf(void)
{
	setup();
	build = scall__filter_build_bpf;
}

static void teardown(void)
{
	scall__filter_release(&filter);
}

/* A test body run twice: NAME_seccomp and NAME_bpf, one per builder. */
#define BOTH(name)                                                                  \
	static void name(void);                                                     \
	Test(filter_build, name##_seccomp, .init = setup_seccomp, .fini = teardown) \
	{                                                                           \
		name();                                                             \
	}                                                                           \
	Test(filter_build, name##_bpf, .init = setup_bpf, .fini = teardown)         \
	{                                                                           \
		name();                                                             \
	}                                                                           \
	static void name(void)

static bool same_prog(const struct sock_fprog *a, const struct sock_fprog *b)
{
	return a->len == b->len && !memcmp(a->filter, b->filter, a->len * sizeof(*a->filter));
}

/* Whether scall__filter_build() gives what the libseccomp builder gives
 * (true) or what the hand-built one gives (false); the two must differ. */
static bool built_with_libseccomp(void)
{
	struct sock_fprog any, lib, bpf;
	bool is_lib;

	cr_assert_eq(scall__filter_build(&filter, &any), 0);
	cr_assert_eq(scall__filter_build_bpf(&filter, &bpf), 0);
	if (scall__filter_build_seccomp(&filter, &lib) != 0) {
		lib.len = 0;
		lib.filter = NULL;
	}
	cr_assert_not(lib.filter && same_prog(&lib, &bpf), "both builders made the same program");
	is_lib = lib.filter && same_prog(&any, &lib);
	cr_assert(is_lib || same_prog(&any, &bpf), "scall__filter_build made a third program");
	free(any.filter);
	free(lib.filter);
	free(bpf.filter);
	return is_lib;
}

static void rule(enum scall_abi abi, long nr, enum scall_action action, int data)
{
	cr_assert_eq(scall__filter_add(&filter, abi, nr, action, data), 0, "rule (%d, %ld)", abi,
		     nr);
}

static void record(struct seen *s, int i, long ret)
{
	s->ret[i] = ret;
	s->err[i] = ret < 0 ? errno : 0;
}

/*
 * Build the filter, fork, load it in the child and run probe there.  The
 * child writes its struct seen to a pipe (filled with -2 if it never does);
 * returns the child's wait status.
 */
static int run_filtered(probe_fn probe, struct seen *s)
{
	struct sock_fprog prog;
	struct rlimit nocore = { 0, 0 };
	int fds[2], st, err;
	ssize_t n;
	pid_t pid;

	memset(s, 0xfe, sizeof(*s));
	cr_assert_eq(build(&filter, &prog), 0);
	cr_assert_gt(prog.len, 0);
	cr_assert_eq(pipe(fds), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct seen out;

		close(fds[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setrlimit(RLIMIT_CORE, &nocore); /* a SIGSYS death dumps no core */
		memset(&out, 0, sizeof(out));
		out.pid = getpid();
		out.ppid = getppid();
		err = scall__filter_load(&prog);
		if (err)
			_exit(100);
		probe(&out);
		/* Raw calls: sanitizer wrappers of write and _exit make more. */
		n = syscall(SYS_write, fds[1], &out, sizeof(out));
		syscall(SYS_exit_group, n == (ssize_t)sizeof(out) ? 0 : 101);
	}
	close(fds[1]);
	free(prog.filter);
	n = read(fds[0], s, sizeof(*s));
	close(fds[0]);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	if (n != (ssize_t)sizeof(*s))
		memset(s, 0xfe, sizeof(*s));
	return st;
}

static void assert_exit0(int st)
{
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child wait status %#x", (unsigned)st);
}

#if defined(__x86_64__)
/* A system call through the i386 entry (int 0x80), from this 64-bit process. */
static long int80(long nr, long a, long b, long c)
{
	int ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "r8", "r9", "r10", "r11", "cc", "memory");
	return ret;
}

#define I386_GETPPID 64 /* i386 table; 110 is x86_64's getppid */
#define I386_GETPID 20  /* 39 is x86_64's getpid */
#define I386_MKDIR 39   /* x86_64's getpid */
#define I386_IOPL 110   /* x86_64's getppid */
#define I386_SOCKET 359 /* libseccomp knows only socketcall's SYS_SOCKET */
#endif

#define LISTNS 470 /* newer than libseccomp 2.5.4's tables, same on every ABI */

static void probe_ids(struct seen *s)
{
	record(s, 0, syscall(SYS_getppid));
	record(s, 1, syscall(SYS_getpid));
}

BOTH(errno_rule_denies_only_its_call)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, ENOMSG);
	assert_exit0(run_filtered(probe_ids, &s));
	cr_expect_eq(s.ret[0], -1);
	cr_expect_eq(s.err[0], ENOMSG);
	cr_expect_eq(s.ret[1], s.pid, "getpid: %ld, expected %d", s.ret[1], s.pid);
}

BOTH(kill_rule_kills_with_sigsys)
{
	struct seen s;
	int st;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_KILL, 0);
	st = run_filtered(probe_ids, &s);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS, "wait status %#x", (unsigned)st);
}

BOTH(trace_rule_without_tracer_is_enosys)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	assert_exit0(run_filtered(probe_ids, &s));
	cr_expect_eq(s.ret[0], -1);
	cr_expect_eq(s.err[0], ENOSYS);
	cr_expect_eq(s.ret[1], s.pid);
}

static void probe_whitelist(struct seen *s)
{
	record(s, 0, syscall(SYS_getppid));
	record(s, 1, syscall(SYS_getpid));
	record(s, 2, syscall(SYS_getuid));
}

BOTH(default_errno_with_allow_rules_whitelists)
{
	struct seen s;

	cr_assert_eq(scall__filter_set_default(&filter, SCALL_ACT_ERRNO, EACCES), 0);
	/* What the child needs after the load: write the report, exit. */
	rule(SCALL_ABI_UNKNOWN, SYS_write, SCALL_ACT_ALLOW, 0);
	rule(SCALL_ABI_UNKNOWN, SYS_exit_group, SCALL_ACT_ALLOW, 0);
	rule(SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_ALLOW, 0);
	assert_exit0(run_filtered(probe_whitelist, &s));
	cr_expect_eq(s.ret[0], -1);
	cr_expect_eq(s.err[0], EACCES);
	cr_expect_eq(s.ret[1], s.pid);
	cr_expect_eq(s.ret[2], -1);
	cr_expect_eq(s.err[2], EACCES);
}

static void probe_status(struct seen *s)
{
	char buf[4096];
	ssize_t n;
	FILE *f = fopen("/proc/self/status", "r");

	s->ret[0] = 0;
	if (!f)
		return;
	n = (ssize_t)fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n > 0 ? n : 0] = '\0';
	s->ret[0] = strstr(buf, "\nSeccomp:\t2\n") != NULL;
	s->ret[1] = strstr(buf, "\nSeccomp_filters:\t1\n") != NULL;
}

BOTH(child_runs_in_filter_mode)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	assert_exit0(run_filtered(probe_status, &s));
	cr_expect_eq(s.ret[0], 1, "no \"Seccomp:\\t2\" in the child's /proc/self/status");
	cr_expect_eq(s.ret[1], 1, "not exactly one filter in the child");
}

/* Calls around a range of two rules; all harmless with these arguments. */
static void probe_range(struct seen *s)
{
	record(s, 0, syscall(SYS_setresgid, -1, -1, -1)); /* 119: below the range */
	record(s, 1, syscall(SYS_getresgid, 0, 0, 0));    /* 120 */
	record(s, 2, syscall(SYS_getpgid, 0));            /* 121 */
	record(s, 3, syscall(SYS_setfsuid, -1));          /* 122: above */
	record(s, 4, syscall(SYS_getppid));               /* its own rule */
	record(s, 5, syscall(SYS_getuid));                /* a rule equal to the default */
}

BOTH(neighbouring_rules_keep_their_bounds)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, SYS_getresgid, SCALL_ACT_ERRNO, EDOM);
	rule(SCALL_ABI_UNKNOWN, SYS_getpgid, SCALL_ACT_ERRNO, EDOM);
	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, ERANGE);
	rule(SCALL_ABI_UNKNOWN, SYS_getuid, SCALL_ACT_ALLOW, 0);
	assert_exit0(run_filtered(probe_range, &s));
	cr_expect_eq(s.ret[0], 0, "setresgid: %ld errno %d", s.ret[0], s.err[0]);
	cr_expect_eq(s.err[1], EDOM);
	cr_expect_eq(s.err[2], EDOM);
	cr_expect_geq(s.ret[3], 0, "setfsuid: %ld errno %d", s.ret[3], s.err[3]);
	cr_expect_eq(s.err[4], ERANGE);
	cr_expect_eq(s.ret[5], (long)getuid());
}

BOTH(rules_equal_to_the_default_cost_nothing)
{
	struct sock_fprog a, b, c;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0);
	cr_assert_eq(build(&filter, &a), 0);
	rule(SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_ALLOW, 0);
	cr_assert_eq(scall__filter_set_default(&filter, SCALL_ACT_ERRNO, EPERM), 0);
	cr_assert_eq(build(&filter, &b), 0);
	rule(SCALL_ABI_UNKNOWN, SYS_getuid, SCALL_ACT_ERRNO, EPERM);
	cr_assert_eq(build(&filter, &c), 0);
	cr_expect(same_prog(&b, &c), "a rule equal to the default changed the program");
	if (build == scall__filter_build_bpf)
		cr_expect_eq(c.len, a.len + 2, "%u instructions, expected %u", c.len, a.len + 2);
	free(a.filter);
	free(b.filter);
	free(c.filter);
}

BOTH(later_rule_replaces_earlier)
{
	struct seen s;
	int data = 0;

	/* SCALL_ABI_UNKNOWN names the native ABI: the same rule. */
	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	rule(scall_native_abi(), SYS_getppid, SCALL_ACT_ERRNO, ERANGE);
	cr_assert_eq(filter.count, 1);
	cr_expect_eq(scall__filter_lookup(&filter, SCALL_ABI_UNKNOWN, SYS_getppid, &data),
		     SCALL_ACT_ERRNO);
	cr_expect_eq(data, ERANGE);
	assert_exit0(run_filtered(probe_ids, &s));
	cr_expect_eq(s.err[0], ERANGE);
}

static void probe_listns(struct seen *s)
{
	record(s, 0, syscall(LISTNS, 0, 0, 0, 0));
#if defined(__x86_64__)
	s->ret[1] = int80(LISTNS, 0, 0, 0);
#endif
}

/* A native rule is given to libseccomp as a raw number: any number will do. */
BOTH(native_number_unknown_to_libseccomp)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, LISTNS, SCALL_ACT_ERRNO, EDOM);
	assert_exit0(run_filtered(probe_listns, &s));
	cr_expect_eq(s.ret[0], -1);
	cr_expect_eq(s.err[0], EDOM);
#if defined(__x86_64__)
	cr_expect_neq(s.ret[1], -EDOM, "i386 listns: %ld", s.ret[1]);
#endif
}

Test(filter_build, raw_number_unknown_to_libseccomp, .init = setup, .fini = teardown)
{
	struct seen s;

	rule(SCALL_ABI_UNKNOWN, LISTNS, SCALL_ACT_ERRNO, EDOM);
#if defined(__x86_64__)
	rule(SCALL_ABI_I386, LISTNS, SCALL_ACT_ERRNO, ERANGE);
#endif
	assert_exit0(run_filtered(probe_listns, &s));
	cr_expect_eq(s.ret[0], -1);
	cr_expect_eq(s.err[0], EDOM);
#if defined(__x86_64__)
	cr_expect_eq(s.ret[1], -ERANGE, "i386 listns: %ld", s.ret[1]);
#endif
}

#if defined(__x86_64__)
static void probe_abis(struct seen *s)
{
	record(s, 0, syscall(SYS_getppid));
	s->ret[1] = int80(I386_GETPPID, 0, 0, 0);
	record(s, 2, syscall(0x40000000L | SYS_getppid)); /* x32 */
	record(s, 3, syscall(0x40000000L | SYS_getpid));
}

BOTH(i386_rule_leaves_x86_64_alone)
{
	struct seen s;

	rule(SCALL_ABI_I386, I386_GETPPID, SCALL_ACT_ERRNO, EDOM);
	assert_exit0(run_filtered(probe_abis, &s));
	cr_expect_eq(s.ret[0], s.ppid, "x86_64 getppid: %ld, expected %d", s.ret[0], s.ppid);
	cr_expect_eq(s.ret[1], -EDOM, "i386 getppid: %ld", s.ret[1]);
}

BOTH(x32_rule_matches_x32_numbers_only)
{
	struct seen s;

	rule(SCALL_ABI_X32, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	assert_exit0(run_filtered(probe_abis, &s));
	cr_expect_eq(s.ret[0], s.ppid);
	cr_expect_eq(s.ret[1], s.ppid, "i386 getppid: %ld", s.ret[1]);
	cr_expect_eq(s.err[2], EDOM);
	/* No rule: the kernel's own answer (ENOSYS without x32 support). */
	cr_expect_neq(s.err[3], EDOM);
}

BOTH(x86_64_rule_leaves_i386_alone)
{
	struct seen s;

	rule(SCALL_ABI_X86_64, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	assert_exit0(run_filtered(probe_abis, &s));
	cr_expect_eq(s.err[0], EDOM);
	cr_expect_eq(s.ret[1], s.ppid, "i386 getppid: %ld", s.ret[1]);
}
#endif

Test(filter_build, in_use_and_traces, .init = setup, .fini = teardown)
{
	cr_expect_not(scall__filter_in_use(&filter));
	cr_expect_not(scall__filter_traces(&filter));
	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ALLOW, 0);
	cr_expect(scall__filter_in_use(&filter));
	cr_expect_not(scall__filter_traces(&filter));
	rule(SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_TRACE, 0);
	cr_expect(scall__filter_traces(&filter));
	rule(SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_KILL, 0);
	cr_expect_not(scall__filter_traces(&filter));

	scall__filter_release(&filter);
	cr_expect_not(scall__filter_in_use(&filter));
	cr_assert_eq(scall__filter_set_default(&filter, SCALL_ACT_TRACE, 0), 0);
	cr_expect(scall__filter_in_use(&filter));
	cr_expect(scall__filter_traces(&filter));
}

Test(filter_build, lookup_falls_back_to_default, .init = setup, .fini = teardown)
{
	int data = -1;

	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	cr_assert_eq(scall__filter_set_default(&filter, SCALL_ACT_ERRNO, ERANGE), 0);
	cr_expect_eq(scall__filter_lookup(&filter, scall_native_abi(), SYS_getppid, &data),
		     SCALL_ACT_ERRNO);
	cr_expect_eq(data, EDOM);
	cr_expect_eq(scall__filter_lookup(&filter, SCALL_ABI_UNKNOWN, SYS_getpid, &data),
		     SCALL_ACT_ERRNO);
	cr_expect_eq(data, ERANGE);
	cr_expect_eq(scall__filter_lookup(&filter, SCALL_ABI_UNKNOWN, SYS_getpid, NULL),
		     SCALL_ACT_ERRNO);
}

Test(filter_build, internal_validation, .init = setup, .fini = teardown)
{
	struct scall__filter *f = &filter;
	int other = scall_native_abi() == SCALL_ABI_AARCH64 ? SCALL_ABI_X86_64 : SCALL_ABI_AARCH64;

	cr_expect_eq(scall__filter_add(f, other, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_COUNT, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, -1, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, -1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 4096, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_KILL + 1, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, -1, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ERRNO, 0), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ERRNO, 4096), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ERRNO, -1), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ALLOW, 1), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_TRACE, 1), -EINVAL);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_KILL, 1), -EINVAL);
	cr_expect_eq(f->count, 0);
	cr_expect_eq(scall__filter_set_default(f, SCALL_ACT_ERRNO, 0), -EINVAL);
	cr_expect_eq(scall__filter_set_default(f, SCALL_ACT_TRACE, 1), -EINVAL);
	cr_expect_eq(scall__filter_set_default(f, SCALL_ACT_KILL + 1, 0), -EINVAL);
	cr_expect_eq(f->def_action, SCALL_ACT_ALLOW);

	/* The bounds themselves are fine. */
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 0, SCALL_ACT_ERRNO, 1), 0);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_UNKNOWN, 4095, SCALL_ACT_ERRNO, 4095), 0);
#if defined(__x86_64__)
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_X86_64, 1, SCALL_ACT_TRACE, 0), 0);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_I386, 1, SCALL_ACT_TRACE, 0), 0);
	cr_expect_eq(scall__filter_add(f, SCALL_ABI_X32, 1, SCALL_ACT_TRACE, 0), 0);
#endif
}

BOTH(many_rules_grow_the_table)
{
	struct sock_fprog prog;
	long nr;
	int data = 0;

	/* Every other number, so none merge into ranges. */
	for (nr = 0; nr < 1000; nr += 2)
		rule(SCALL_ABI_UNKNOWN, nr, SCALL_ACT_ERRNO, (int)(nr % 4095) + 1);
	cr_expect_eq(filter.count, 500);
	cr_expect_eq(scall__filter_lookup(&filter, SCALL_ABI_UNKNOWN, 998, &data), SCALL_ACT_ERRNO);
	cr_expect_eq(data, 999);
	cr_assert_eq(build(&filter, &prog), 0);
	cr_expect_leq(prog.len, BPF_MAXINSNS);
	free(prog.filter);
}

BOTH(too_many_rules_is_e2big)
{
	struct sock_fprog prog = { 0, NULL };
	long nr;

	/* Every number, actions alternating: no ranges, one test per rule at
	 * least, more than BPF_MAXINSNS in either builder. */
	for (nr = 0; nr <= 4095; nr++)
		rule(SCALL_ABI_UNKNOWN, nr, nr % 2 ? SCALL_ACT_TRACE : SCALL_ACT_ERRNO,
		     nr % 2 ? 0 : 1);
	cr_expect_eq(build(&filter, &prog), -E2BIG);
	cr_expect_null(prog.filter);
}

/* Which builder scall__filter_build() takes. */

Test(filter_build, libseccomp_builds_an_ordinary_rule_set, .init = setup, .fini = teardown)
{
	rule(SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	cr_expect(built_with_libseccomp());
	rule(SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_TRACE, 0);
	cr_assert_eq(scall__filter_set_default(&filter, SCALL_ACT_ERRNO, EPERM), 0);
	cr_expect(built_with_libseccomp());
}

Test(filter_build, too_long_for_libseccomp_is_built_by_hand, .init = setup, .fini = teardown)
{
	struct sock_fprog prog = { 0, NULL };
	long nr;

	/* One range for the hand-built program, 4096 tests for libseccomp's. */
	for (nr = 0; nr <= 4095; nr++)
		rule(SCALL_ABI_UNKNOWN, nr, SCALL_ACT_TRACE, 0);
	cr_expect_eq(scall__filter_build_seccomp(&filter, &prog), -E2BIG);
	cr_expect_null(prog.filter);
	cr_expect_not(built_with_libseccomp());
}

#if defined(__x86_64__)
Test(filter_build, libseccomp_builds_x86_64_and_i386_rules, .init = setup, .fini = teardown)
{
	struct seen s;

	rule(SCALL_ABI_X86_64, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	rule(SCALL_ABI_I386, I386_GETPPID, SCALL_ACT_ERRNO, ERANGE);
	cr_expect(built_with_libseccomp());
	assert_exit0(run_filtered(probe_abis, &s));
	cr_expect_eq(s.err[0], EDOM);
	cr_expect_eq(s.ret[1], -ERANGE, "i386 getppid: %ld", s.ret[1]);
	cr_expect_neq(s.err[2], EDOM);
	cr_expect_neq(s.err[2], ERANGE);
}

Test(filter_build, i386_call_unknown_to_libseccomp_is_built_by_hand, .init = setup,
     .fini = teardown)
{
	struct sock_fprog prog = { 0, NULL };
	struct seen s;

	rule(SCALL_ABI_X86_64, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	rule(SCALL_ABI_I386, LISTNS, SCALL_ACT_ERRNO, ERANGE);
	cr_expect_eq(scall__filter_build_seccomp(&filter, &prog), -EOPNOTSUPP);
	cr_expect_null(prog.filter);
	cr_expect_not(built_with_libseccomp());
	assert_exit0(run_filtered(probe_listns, &s));
	cr_expect_neq(s.err[0], ERANGE);
	cr_expect_eq(s.ret[1], -ERANGE, "i386 listns: %ld", s.ret[1]);
}

/* libseccomp names i386's direct socket call after socketcall's SYS_SOCKET. */
Test(filter_build, i386_call_numbered_otherwise_is_built_by_hand, .init = setup, .fini = teardown)
{
	struct sock_fprog prog = { 0, NULL };

	rule(SCALL_ABI_I386, I386_SOCKET, SCALL_ACT_ERRNO, EDOM);
	cr_expect_eq(scall__filter_build_seccomp(&filter, &prog), -EOPNOTSUPP);
	cr_expect_null(prog.filter);
	cr_expect_not(built_with_libseccomp());
}

static void probe_i386(struct seen *s)
{
	record(s, 0, syscall(SYS_getppid));
	record(s, 1, syscall(SYS_getpid));
	s->ret[2] = int80(I386_GETPPID, 0, 0, 0);
	s->ret[3] = int80(I386_GETPID, 0, 0, 0);
	s->ret[4] = int80(I386_MKDIR, 0, 0, 0); /* NULL path: EFAULT */
	s->ret[5] = int80(I386_IOPL, 0, 0, 0);
	record(s, 6, syscall(0x40000000L | SYS_getppid));
}

/* Neither by name nor by number: each ABI has a context of its own. */
Test(filter_build, libseccomp_keeps_x86_64_rules_out_of_i386, .init = setup_seccomp,
     .fini = teardown)
{
	struct seen s;

	rule(SCALL_ABI_X86_64, SYS_getppid, SCALL_ACT_ERRNO, EDOM);
	rule(SCALL_ABI_X86_64, SYS_getpid, SCALL_ACT_ERRNO, EDOM);
	assert_exit0(run_filtered(probe_i386, &s));
	cr_expect_eq(s.err[0], EDOM);
	cr_expect_eq(s.err[1], EDOM);
	cr_expect_eq(s.ret[2], s.ppid, "i386 getppid: %ld, expected %d", s.ret[2], s.ppid);
	cr_expect_eq(s.ret[3], s.pid, "i386 getpid: %ld, expected %d", s.ret[3], s.pid);
	cr_expect_eq(s.ret[4], -EFAULT, "i386 mkdir(NULL): %ld", s.ret[4]);
	cr_expect_neq(s.ret[5], -EDOM, "i386 iopl(0): %ld", s.ret[5]);
	cr_expect_neq(s.err[6], EDOM);
}
#endif

/* The public API, on a tracer. */

Test(filter_api, validation)
{
	scall_tracer *t;
	int data = -1;

	cr_assert_eq(scall_new(&t, 0), 0);
	cr_expect_eq(scall_filter_add(NULL, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall_filter_add(t, SCALL_ABI_COUNT, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, -1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_expect_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_KILL + 1, 0), -EINVAL);
	cr_expect_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ERRNO, 0), -EINVAL);
	cr_expect_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, 1, SCALL_ACT_ALLOW, 2), -EINVAL);
	cr_expect_eq(scall_filter_default(NULL, SCALL_ACT_ALLOW, 0), -EINVAL);
	cr_expect_eq(scall_filter_default(t, SCALL_ACT_ERRNO, 4096), -EINVAL);
	cr_expect_eq(scall_filter_action(NULL, SCALL_ABI_UNKNOWN, 1, NULL), -EINVAL);
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_COUNT, 1, NULL), -EINVAL);
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, -1, NULL), -EINVAL);
	cr_expect_eq(scall_filter_clear(NULL), -EINVAL);
	cr_expect_eq(scall_filter_active(NULL, getpid()), -EINVAL);
	cr_expect_eq(scall_filter_active(t, getpid()), -ESRCH);

	/* Nothing invalid was kept. */
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, 1, &data), SCALL_ACT_ALLOW);
	cr_expect_eq(data, 0);
	scall_free(t);
}

Test(filter_api, rules_default_and_clear)
{
	scall_tracer *t;
	int data = 0;

	cr_assert_eq(scall_new(&t, 0), 0);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_ERRNO, EDOM), 0);
	cr_assert_eq(scall_filter_default(t, SCALL_ACT_TRACE, 0), 0);
	cr_expect_eq(scall_filter_action(t, scall_native_abi(), SYS_getppid, &data),
		     SCALL_ACT_ERRNO);
	cr_expect_eq(data, EDOM);
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, SYS_getpid, &data), SCALL_ACT_TRACE);
	cr_expect_eq(data, 0);
	cr_assert_eq(scall_filter_clear(t), 0);
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, SYS_getppid, &data),
		     SCALL_ACT_ALLOW);
	cr_expect_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, SYS_getpid, NULL), SCALL_ACT_ALLOW);
	scall_free(t);
}
