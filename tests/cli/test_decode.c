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

#include "harness.h"

/* Run PROG traced with -e trace=SET and compare; extra options before it. */
static void check_prog(const char *progname, const char *set, const char *opt1,
		       const char *opt2)
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

#define FILE_SET                                                                                 \
	"openat,write,lseek,read,dup,dup3,fcntl,close,mkdirat,faccessat,symlinkat,readlinkat,"  \
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
#define NET_SET                                                                                  \
	"socketpair,sendto,recvfrom,sendmsg,recvmsg,shutdown,socket,bind,getsockname,"          \
	"setsockopt,getsockopt,connect"
#define SIGNAL_SET "rt_sigaction,rt_sigprocmask,kill,rt_sigreturn,sigreturn"
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
