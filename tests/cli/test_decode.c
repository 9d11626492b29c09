/* SPDX-License-Identifier: MIT */
/*
 * Decoders: each tracee program makes calls and writes the lines scall must
 * print, computed from the real results; scall's trace must hold exactly
 * those lines (from the first one on), then the exit line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

/* Run PROG traced with -e trace=SET and compare; extra options before it. */
static void check_prog(const char *progname, const char *set, const char *opt1, const char *opt2)
{
	char trace_opt[1024], progarg[256];
	const char *argv[16];
	int n = 0;
	struct run *r;
	char *got, *want;

	if (!have_prog(progname))
		cr_skip_test("%s was not built", progname);
	snprintf(trace_opt, sizeof(trace_opt), "trace=%s", set);
	snprintf(progarg, sizeof(progarg), "@P/%s", progname);
	argv[n++] = "-o";
	argv[n++] = "@T";
	argv[n++] = "-e";
	argv[n++] = trace_opt;
	if (opt1)
		argv[n++] = opt1;
	if (opt2)
		argv[n++] = opt2;
	argv[n++] = progarg;
	argv[n] = NULL;
	r = scall_runv(argv, 30);
	cr_assert_eq(run_exit(r), 0, "scall exit status %d; stderr: %s", r->status, r->err);
	cr_assert(r->expect[0], "the tracee wrote no expectations");
	got = trace_from_expect(r);
	cr_assert(got, "first expected line not in the trace.\nexpected:\\n%s\ntrace:\n%s",
		  r->expect, r->trace);
	want = malloc(strlen(r->expect) + 64);
	sprintf(want, "%s+++ exited with 0 +++\n", r->expect);
	cr_assert_str_eq(got, want, "trace differs.\nexpected:\n%s\ngot:\n%s", want, got);
	free(want);
	free(got);
	run_free(r);
}

#define FILE_SET                                                                               \
	"openat,write,lseek,read,dup,dup3,fcntl,close,mkdirat,faccessat,symlinkat,readlinkat," \
	"renameat,unlinkat,fchmodat"

Test(decode, file)
{
	check_prog("cli_file", FILE_SET, NULL, NULL);
}

Test(decode, file_i386)
{
	check_prog("cli_file.32", FILE_SET, NULL, NULL);
}

#define MEM_SET "mmap,mmap2,mprotect,madvise,mremap,munmap,brk"
#define NET_SET                                                                        \
	"socketpair,sendto,recvfrom,sendmsg,recvmsg,shutdown,socket,bind,getsockname," \
	"setsockopt,getsockopt,connect,sendmmsg,recvmmsg"
#define SIGNAL_SET "rt_sigaction,rt_sigprocmask,kill,rt_sigreturn,sigreturn,rt_sigqueueinfo"
#define TIME_SET "nanosleep,clock_gettime,clock_nanosleep,getitimer"
#define PROC_SET "getpid,getppid,umask,uname,getrandom,prlimit64,getcwd,wait4"

Test(decode, mem)
{
	check_prog("cli_mem", MEM_SET, NULL, NULL);
}

Test(decode, mem_i386)
{
	check_prog("cli_mem.32", MEM_SET, NULL, NULL);
}

Test(decode, net)
{
	check_prog("cli_net", NET_SET, NULL, NULL);
}

Test(decode, net_i386)
{
	check_prog("cli_net.32", NET_SET, NULL, NULL);
}

Test(decode, signal)
{
	check_prog("cli_signal", SIGNAL_SET, NULL, NULL);
}

Test(decode, signal_i386)
{
	check_prog("cli_signal.32", SIGNAL_SET, NULL, NULL);
}

Test(decode, time)
{
	check_prog("cli_time", TIME_SET, NULL, NULL);
}

Test(decode, time_i386)
{
	check_prog("cli_time.32", TIME_SET, NULL, NULL);
}

Test(decode, proc)
{
	check_prog("cli_proc", PROC_SET, NULL, NULL);
}

Test(decode, proc_i386)
{
	check_prog("cli_proc.32", PROC_SET, NULL, NULL);
}

/* The same calls filtered by class instead of by name. */
Test(decode, class_memory)
{
	check_prog("cli_mem", "%memory", NULL, NULL);
}

Test(decode, class_network)
{
	check_prog("cli_net", "%network", NULL, NULL);
}

/* -f: each process's lines, in order, prefixed with its pid. */
Test(decode, fork_follow)
{
	struct run *r;
	char *msg;

	if (!have_prog("cli_fork"))
		cr_skip_test("cli_fork was not built");
	r = scall_run("-f", "-o", "@T", "-e", "trace=getppid,exit_group,wait4", "@P/cli_fork",
		      NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	msg = compare_per_pid(r->trace, r->expect);
	cr_assert(!msg, "%s\ntrace:\n%s", msg, r->trace);
	run_free(r);
}

#define DESC_SET                                                                               \
	"pipe2,writev,readv,poll,select,_newselect,ppoll,epoll_create1,epoll_ctl,epoll_pwait," \
	"openat,getdents64,futex"
#define STAT_SET "openat,write,newfstatat,fstatat64,statx,openat2,faccessat2,ftruncate,fchmod"

Test(decode, desc)
{
	check_prog("cli_desc", DESC_SET, NULL, NULL);
}

Test(decode, desc_i386)
{
	check_prog("cli_desc.32", DESC_SET, NULL, NULL);
}

Test(decode, stat)
{
	check_prog("cli_stat", STAT_SET, NULL, NULL);
}

Test(decode, stat_i386)
{
	check_prog("cli_stat.32", STAT_SET, NULL, NULL);
}

/* Full tracing (no filter) gives the same lines for the calls of interest. */
Test(decode, file_unfiltered)
{
	struct run *r;
	char *got, *want;

	r = scall_run("-o", "@T", "@P/cli_file", NULL);
	cr_assert_eq(run_exit(r), 0);
	got = grep_lines(r->trace, "^(dup|dup3|fcntl|mkdirat|symlinkat|renameat|unlinkat)\\(");
	want = grep_lines(r->expect, "^(dup|dup3|fcntl|mkdirat|symlinkat|renameat|unlinkat)\\(");
	cr_assert_str_eq(got, want);
	free(got);
	free(want);
	run_free(r);
}

/* -f with threads: a call cut by another thread's line is joined back. */
Test(decode, threads_unfinished_resumed)
{
	struct run *r;
	char *msg;

	if (!have_prog("cli_threads"))
		cr_skip_test("cli_threads was not built");
	r = scall_run("-f", "-o", "@T", "-e", "trace=read,write", "@P/cli_threads", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	cr_assert(strstr(r->trace, " <unfinished ...>\n"), "%s", r->trace);
	cr_assert(strstr(r->trace, "<... read resumed>\"x\", 1)"), "%s", r->trace);
	msg = compare_per_pid(r->trace, r->expect);
	cr_assert(!msg, "%s\ntrace:\n%s", msg, r->trace);
	run_free(r);
}

/* Without -f, as with strace, only the first thread is shown. */
Test(decode, threads_without_follow)
{
	struct run *r;

	if (!have_prog("cli_threads"))
		cr_skip_test("cli_threads was not built");
	r = scall_run("-o", "@T", "-e", "trace=read,write", "@P/cli_threads", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	cr_assert(strstr(r->trace, "\nwrite("), "%s", r->trace);
	cr_assert(strstr(r->trace, "write(") && !strstr(r->trace, "read(4, \"x\""), "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "^[0-9]+ "), 0, "%s", r->trace);
	run_free(r);
}

/* -P: only the calls naming the paths or using descriptors open on them. */
Test(decode, trace_path)
{
	check_prog("cli_paths", "all", "--trace-path=/dev/null", "-P/dev/zero");
}

#define TIMERS_SET                                                                        \
	"timer_create,timer_settime,timer_gettime,timer_getoverrun,timer_delete,"         \
	"timerfd_create,timerfd_settime,timerfd_gettime,inotify_init1,inotify_add_watch," \
	"inotify_rm_watch,eventfd,pidfd_open,utimes,utime,futimesat,sync_file_range,readahead"

Test(decode, timers)
{
	check_prog("cli_timers", TIMERS_SET, NULL, NULL);
}

Test(decode, timers_i386)
{
	check_prog("cli_timers.32", TIMERS_SET, NULL, NULL);
}

#define SCHED_SET                                                                             \
	"getcpu,sched_getscheduler,sched_getparam,sched_setscheduler,sched_get_priority_max," \
	"sched_get_priority_min,sched_getattr,sched_setattr,ioprio_set,ioprio_get,"           \
	"get_mempolicy,set_mempolicy,mbind,mincore,mlock2,mlockall,membarrier,unshare,setns," \
	"getsockopt,setsockopt,prctl,mount,capget"

Test(decode, sched)
{
	check_prog("cli_sched", SCHED_SET, NULL, NULL);
}

Test(decode, sched_i386)
{
	check_prog("cli_sched.32", SCHED_SET, NULL, NULL);
}

/*
 * Many distinct numbers no table knows: each is named syscall_0xNNN, also
 * once more of them have come than scall keeps entries for.  The tracee's
 * pwrite64 and exit_group follow its expected lines.
 */
static void check_unknown(const char *progname)
{
	struct run *r;
	char *got;
	const char *argv[] = { "-o", "@T", NULL, NULL };
	char progarg[256];

	if (!have_prog(progname))
		cr_skip_test("%s was not built", progname);
	snprintf(progarg, sizeof(progarg), "@P/%s", progname);
	argv[2] = progarg;
	r = scall_runv(argv, 60);
	cr_assert_eq(run_exit(r), 0, "scall exit status %d; stderr: %s", r->status, r->err);
	cr_assert(r->expect[0], "the tracee wrote no expectations");
	got = trace_from_expect(r);
	cr_assert(got, "first expected line not in the trace:\n%s", r->trace);
	cr_assert(!strncmp(got, r->expect, strlen(r->expect)),
		  "trace differs.\nexpected:\n%s\ngot:\n%s", r->expect, got);
	free(got);
	run_free(r);
}

Test(decode, unknown_numbers)
{
	check_unknown("cli_unknown");
}

Test(decode, unknown_numbers_i386)
{
	check_unknown("cli_unknown.32");
}

/* -y: getsockname returns 0, not a descriptor to decorate */
Test(decode, getsockname_not_decorated)
{
	struct run *r;

	if (!have_prog("cli_net"))
		cr_skip_test("cli_net was not built");
	r = scall_run("-y", "-o", "@T", "-e", "trace=getsockname", "@P/cli_net", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	cr_assert_eq(count_matching(r->trace, "^getsockname\\("), 1, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "\\) += 0$"), 1, "%s", r->trace);
	run_free(r);
}

/* "!set" selects numbers no table knows too, as strace: they must stop. */
Test(decode, negated_set_traces_unknown_numbers)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=!write,getpid", "@P/cli_unknown", NULL);
	char *got = trace_from_expect(r);

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert(got, "first expected line not in the trace:\n%s", r->trace);
	cr_assert(!strncmp(got, r->expect, strlen(r->expect)), "expected:\n%s\ngot:\n%s", r->expect,
		  got);
	free(got);
	run_free(r);
}

/* Errors nested in errors for a megabyte: decoded to a bounded depth, on a small stack. */
Test(decode, netlink_nested_errors_are_bounded)
{
	char cmd[1024], out[] = "/tmp/scall-nlnest-XXXXXX";
	int fd = mkstemp(out), rc;
	char *text;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "ulimit -s 1024 && %s -o %s -e trace=sendmsg %s/cli_nlnest >/dev/null 2>&1",
		 SCALL_BIN, out, PROGS_DIR);
	rc = system(cmd);
	text = slurp(out);
	cr_assert_eq(rc, 0, "scall failed (%#x):\n%.2000s", rc, text);
	cr_assert_eq(count_matching(text, "^sendmsg\\("), 1, "%.2000s", text);
	cr_assert_lt(strlen(text), 20000, "the line is %zu bytes long", strlen(text));
	free(text);
	unlink(out);
}
