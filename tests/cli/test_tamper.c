/* SPDX-License-Identifier: MIT */
/*
 * Tampering: -e inject= / -e fault= (every key, every when= form), --deny
 * (kernel-enforced), --redirect, the tried/performed/seen records, and the
 * usage errors.  The tracee (cli_tamper) prints what each call saw.
 */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

/* "getppid N: -1 2" lines for the calls in list (1-based), real pid for the others. */
static void assert_count(const char *out, int n, const char *injected, const char *seen)
{
	for (int i = 1; i <= n; i++) {
		char line[64], pat[96];
		bool inj = injected[i - 1] == 'x';

		snprintf(pat, sizeof(pat), "getppid %d: ", i);
		const char *p = strstr(out, pat);

		cr_assert(p, "no call %d in:\n%s", i, out);
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
		if (inj)
			cr_assert(strstr(line, seen), "call %d not injected: %s\n%s", i, line, out);
		else
			cr_assert(!strstr(line, ": -1 ") && !strstr(line, seen),
				  "call %d injected: %s", i, line);
	}
}

static void when_case_of(const char *prog, const char *when, const char *pattern)
{
	char expr[128];
	struct run *r;

	snprintf(expr, sizeof(expr), "inject=getppid:error=ENOENT:when=%s", when);
	r = scall_run("-o", "@T", "-e", "trace=getppid", "-e", expr, prog, "count", "12", NULL);
	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	assert_count(r->out, 12, pattern, ": -1 2");
	int k = 0;

	for (const char *q = pattern; *q; q++)
		k += *q == 'x';
	cr_assert_eq(count_matching(r->trace, "\\(INJECTED\\)"), k, "when=%s:\n%s", when, r->trace);
	run_free(r);
}

static void when_case(const char *when, const char *pattern)
{
	when_case_of("@P/cli_tamper", when, pattern);
}

/* The same in a 32-bit program: the i386 table and registers. */
Test(tamper, when_forms_i386)
{
	if (!have_prog("cli_tamper.32"))
		cr_skip_test("no 32-bit build");
	when_case_of("@P/cli_tamper.32", "2+3", ".x..x..x..x.");
}

Test(tamper, when_forms)
{
	when_case("3", "..x.........");
	when_case("3..5", "..xxx.......");
	when_case("10+", ".........xxx");
	when_case("2+3", ".x..x..x..x.");
	when_case("2..8+3", ".x..x..x....");
	when_case("4..6+", "...xxx......");
}

Test(tamper, error_line_as_strace_prints_it)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=getppid", "-e",
				  "inject=getppid:error=ENOENT", "@P/cli_tamper", "count", "1",
				  NULL);

	cr_assert(strstr(r->trace,
			 "getppid()                               = -1 ENOENT (No such file "
			 "or directory) (INJECTED)\n"),
		  "%s", r->trace);
	cr_assert(strstr(r->out, "getppid 1: -1 2\n"), "%s", r->out);
	run_free(r);
}

Test(tamper, error_by_number_and_retval)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=getppid", "--inject=getppid:error=13",
				  "@P/cli_tamper", "count", "1", NULL);

	cr_assert(strstr(r->out, "getppid 1: -1 13\n"), "%s", r->out);
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=getppid", "-e", "inject=getppid:retval=42",
		      "@P/cli_tamper", "count", "2", NULL);
	cr_assert(strstr(r->out, "getppid 1: 42\ngetppid 2: 42\n"), "%s", r->out);
	cr_assert(strstr(r->trace, "= 42 (INJECTED)\n"), "%s", r->trace);
	run_free(r);
}

Test(tamper, untraced_emulation_takes_effect)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=none", "-e", "inject=getppid:retval=7",
				  "@P/cli_tamper", "count", "3", NULL);

	cr_assert(strstr(r->out, "getppid 3: 7\n"), "%s", r->out);
	cr_assert(!strstr(r->trace, "getppid("), "%s", r->trace);
	run_free(r);
}

Test(tamper, fault_defaults_to_enosys_in_every_thread)
{
	struct run *r = scall_run("-f", "-o", "@T", "-e", "fault=getuid", "@P/cli_tamper",
				  "threads", "4", NULL);

	cr_assert_eq(run_exit(r), 0);
	for (int i = 1; i <= 4; i++) {
		char want[64];

		snprintf(want, sizeof(want), "getuid %d: -1 38\n", i);
		cr_assert(strstr(r->out, want), "%s", r->out);
	}
	cr_assert_eq(count_matching(r->trace, "= -1 ENOSYS .*\\(INJECTED\\)"), 4, "%s", r->trace);
	run_free(r);
}

/* when= counts per thread, as strace: each thread's first getuid is its #1. */
Test(tamper, when_counts_per_thread)
{
	struct run *r = scall_run("-f", "-o", "@T", "-e", "inject=getuid:error=EPERM:when=2",
				  "@P/cli_tamper", "threads", "4", NULL);

	cr_assert_eq(run_exit(r), 0);
	cr_assert_eq(count_matching(r->out, "^getuid [1-4]: 0$"), 4, "%s", r->out);
	cr_assert_eq(count_matching(r->trace, "INJECTED"), 0, "%s", r->trace);
	run_free(r);
	r = scall_run("-f", "-o", "@T", "-e", "inject=getuid:error=EPERM:when=1", "@P/cli_tamper",
		      "threads", "4", NULL);
	cr_assert_eq(count_matching(r->out, "^getuid [1-4]: -1 1$"), 4, "%s", r->out);
	cr_assert_eq(count_matching(r->trace, "getuid\\(\\) += -1 EPERM .*\\(INJECTED\\)"), 4, "%s",
		     r->trace);
	run_free(r);
}

Test(tamper, signal_is_delivered)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=getppid", "-e",
				  "inject=getppid:retval=1:signal=SIGUSR1", "@P/cli_tamper",
				  "count", "1", NULL);

	cr_assert_eq(run_signal(r), SIGUSR1, "status %#x %s", r->status, r->trace);
	cr_assert(strstr(r->trace, "--- SIGUSR1 "), "%s", r->trace);
	cr_assert(strstr(r->trace, "+++ killed by SIGUSR1 +++"), "%s", r->trace);
	run_free(r);
}

Test(tamper, syscall_runs_another_call)
{
	struct run *r = scall_run("-v", "-o", "@T", "-e", "trace=getppid", "-e",
				  "inject=getppid:syscall=getpid:error=EPERM", "@P/cli_tamper",
				  "count", "1", NULL);

	cr_assert(strstr(r->out, "getppid 1: -1 1\n"), "%s", r->out);
	cr_assert(strstr(r->trace, "getppid()                               = -1 EPERM (Operation "
				   "not permitted) (INJECTED)\n[performed: getpid() = "),
		  "%s", r->trace);
	run_free(r);
}

Test(tamper, arg_change_makes_one_byte_reads)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=read", "-e", "inject=read:arg3=1",
				  "@P/cli_tamper", "read", DATA_DIR "/../LICENSE", NULL);
	char *last;

	cr_assert_eq(run_exit(r), 0);
	cr_assert(strstr(r->out, "read 1: 1\nread 2: 1\n"), "%.200s", r->out);
	cr_assert(!strstr(r->out, ": 64\n"), "a full read");
	cr_assert(strstr(r->trace, ", 64) = 1 (INJECTED: args)\n") ||
			  count_matching(r->trace, ", 64\\) += 1 \\(INJECTED: args\\)"),
		  "%.500s", r->trace);
	last = strrchr(r->out, 'r');
	cr_assert(last);
	run_free(r);
}

Test(tamper, poke_enter_and_exit)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=getcwd", "-e",
				  "inject=getcwd:poke_exit=@arg1=41424344", "@P/cli_tamper", "poke",
				  NULL);

	cr_assert(strstr(r->out, "buf: ABCD\n"), "%s", r->out);
	cr_assert(strstr(r->trace, "(INJECTED: args)"), "%s", r->trace);
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=getcwd", "-e",
		      "inject=getcwd:poke_enter=@arg1=5a5a5a5a:retval=0", "@P/cli_tamper", "poke",
		      NULL);
	cr_assert(strstr(r->out, "buf: ZZZZ\n"), "%s", r->out);
	run_free(r);
}

Test(tamper, delay_enter_holds_one_tracee_only)
{
	struct run *r = scall_run("-f", "-o", "@T", "-e", "trace=getuid", "-e",
				  "inject=getuid:delay_enter=400ms", "@P/cli_tamper", "delay",
				  NULL);
	const char *p = strstr(r->out, "parent done"), *c = strstr(r->out, "child done");

	cr_assert(p && c, "%s", r->out);
	cr_assert(p < c, "the parent waited for the delayed child:\n%s", r->out);
	cr_assert(strstr(r->trace, "getuid()") && strstr(r->trace, "(DELAYED)"), "%s", r->trace);
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=getppid", "-e",
		      "inject=getppid:delay_exit=1ms:retval=3", "@P/cli_tamper", "count", "1",
		      NULL);
	cr_assert(strstr(r->trace, "= 3 (INJECTED) (DELAYED)\n"), "%s", r->trace);
	run_free(r);
}

Test(tamper, deny_is_kernel_enforced)
{
	struct run *r = scall_run("-f", "-o", "@T", "-e", "trace=getppid",
				  "--deny=getppid:error=EACCES", "@P/cli_tamper", "seccomp", NULL);

	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert(strstr(r->out, "Seccomp:\t2\n"), "%s", r->out);
	cr_assert(strstr(r->out, "getppid 1: -1 13\n"), "%s", r->out);
	cr_assert(strstr(r->out, "getppid 2: -1 13\n"), "%s", r->out);
	cr_assert_eq(count_matching(r->trace, "= -1 EACCES"), 2, "%s", r->trace);
	run_free(r);
	/* not traced: no stop at all, still denied */
	r = scall_run("-f", "-o", "@T", "-e", "trace=none", "--deny=getppid", "@P/cli_tamper",
		      "seccomp", NULL);
	cr_assert(strstr(r->out, "getppid 1: -1 1\n") && strstr(r->out, "getppid 2: -1 1\n"), "%s",
		  r->out);
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=getppid", "--deny=getppid:kill", "@P/cli_tamper",
		      "count", "1", NULL);
	cr_assert_eq(run_signal(r), SIGSYS, "status %#x", r->status);
	cr_assert(strstr(r->trace, "getppid() = ?") ||
			  count_matching(r->trace, "getppid\\(\\) += \\?"),
		  "%s", r->trace);
	run_free(r);
}

static char tmpdir[64];

static void make_files(void)
{
	char path[256];
	FILE *f;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/scall-redir-XXXXXX");
	cr_assert(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/real.txt", tmpdir);
	f = fopen(path, "w");
	fputs("real content\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/a-much-longer-directory-name-than-the-old-one", tmpdir);
	mkdir(path, 0755);
	strcat(path, "/and-a-long-file-name.txt");
	f = fopen(path, "w");
	fputs("long content\n", f);
	fclose(f);
}

static void rm_files(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd))
		return;
}

Test(tamper, redirect_relative_path)
{
	char arg[256];
	struct run *r;

	make_files();
	snprintf(arg, sizeof(arg), "--redirect=missing.txt=%s/real.txt", tmpdir);
	r = scall_run("-o", "@T", "-e", "trace=openat", arg, "@P/cli_tamper", "open", "missing.txt",
		      NULL);
	cr_assert(strstr(r->out, "content: real content\n"), "%s\n%s", r->out, r->trace);
	cr_assert(strstr(r->trace, "\"missing.txt\""), "the tried path: %s", r->trace);
	run_free(r);
	rm_files();
}

Test(tamper, redirect_at_path_and_longer_path)
{
	char arg[256], dir[256];
	struct run *r;

	make_files();
	snprintf(arg, sizeof(arg),
		 "--redirect=%s/x=%s/a-much-longer-directory-name-than-the-old-one", tmpdir,
		 tmpdir);
	snprintf(dir, sizeof(dir), "%s/x", tmpdir);
	mkdir(dir, 0755);
	r = scall_run("-o", "@T", arg, "@P/cli_tamper", "openat", dir, "and-a-long-file-name.txt",
		      NULL);
	cr_assert(strstr(r->out, "content: long content\n"), "%s\n%s", r->out, r->trace);
	run_free(r);
	/* a directory prefix, absolute path */
	snprintf(arg, sizeof(arg), "--redirect=/nonexistent/dir=%s", tmpdir);
	r = scall_run("-o", "@T", "-v", arg, "@P/cli_tamper", "open", "/nonexistent/dir/real.txt",
		      NULL);
	cr_assert(strstr(r->out, "content: real content\n"), "%s\n%s", r->out, r->trace);
	cr_assert(strstr(r->trace, "[performed: openat("), "%s", r->trace);
	run_free(r);
	rm_files();
}

/* 150 threads redirecting at once: each gets a slot of its own (two banks). */
Test(tamper, redirect_from_many_threads, .timeout = 60)
{
	char arg[256], path[256], want[64];
	struct run *r;

	make_files();
	for (int i = 1; i <= 150; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/f%d.txt", tmpdir, i);
		f = fopen(path, "w");
		cr_assert(f);
		fprintf(f, "file %d\n", i);
		fclose(f);
	}
	snprintf(arg, sizeof(arg), "--redirect=/nonexistent/many=%s", tmpdir);
	r = scall_run("-f", "-o", "@T", "-e", "trace=none", arg, "@P/cli_tamper", "openmany", "150",
		      "/nonexistent/many", NULL);
	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_eq(count_lines(r->out), 150, "%s", r->out);
	for (int i = 1; i <= 150; i++) {
		snprintf(want, sizeof(want), "open %d: file %d\n", i, i);
		cr_assert(strstr(r->out, want), "missing '%s' in:\n%s", want, r->out);
	}
	run_free(r);
	rm_files();
}

/* A path poked at the entry: the line shows what the kernel got, as strace's. */
Test(tamper, poke_enter_path_is_printed_as_poked)
{
	char longp[256], shortp[256], hex[600], expr[700], want[400];
	struct run *r;
	size_t n = 0;
	int nth;

	make_files();
	snprintf(longp, sizeof(longp),
		 "%s/a-much-longer-directory-name-than-the-old-one/and-a-long-file-name.txt",
		 tmpdir);
	snprintf(shortp, sizeof(shortp), "%s/real.txt", tmpdir);
	for (size_t i = 0; i <= strlen(shortp); i++)
		n += (size_t)snprintf(hex + n, sizeof(hex) - n, "%02x", (unsigned char)shortp[i]);
	/* which openat is the program's (the loader's come first): count them */
	r = scall_run("-o", "@T", "-e", "trace=openat", "@P/cli_tamper", "open", longp, NULL);
	nth = 0;
	for (const char *p = r->trace; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		nth++;
		if (!strncmp(p + strlen("openat(AT_FDCWD, \""), longp, strlen(longp)))
			break;
	}
	run_free(r);
	snprintf(expr, sizeof(expr), "inject=openat:poke_enter=@arg2=%s:when=%d", hex, nth);
	r = scall_run("-o", "@T", "-e", "trace=openat", "-e", expr, "@P/cli_tamper", "open", longp,
		      NULL);
	cr_assert(strstr(r->out, "content: real content\n"), "%s\n%s", r->out, r->trace);
	snprintf(want, sizeof(want), "openat(AT_FDCWD, \"%s\", O_RDONLY)", shortp);
	cr_assert(strstr(r->trace, want), "no '%s' in:\n%s", want, r->trace);
	cr_assert(strstr(r->trace, "(INJECTED: args)"), "%s", r->trace);
	run_free(r);
	rm_files();
}

Test(tamper, json_tried_performed_seen)
{
	struct run *r = scall_run("--json", "-o", "@T", "-e", "trace=getppid", "-e",
				  "inject=getppid:error=ENOENT:when=1", "@P/cli_tamper", "count",
				  "2", NULL);
	char *lines = grep_lines(r->trace, "\"name\":\"getppid\"");

	cr_assert_eq(count_lines(lines), 2, "%s", r->trace);
	cr_assert(strstr(lines, "\"tampered\":{\"tried\":{\"name\":\"getppid\",\"nr\":"), "%s",
		  lines);
	cr_assert(strstr(lines, "\"performed\":null,\"seen\":{\"ret\":-1,\"errno\":\"ENOENT\"}"),
		  "%s", lines);
	cr_assert_eq(count_matching(r->trace, "\"tampered\""), 1, "%s", r->trace);
	free(lines);
	run_free(r);
	r = scall_run("--json", "-o", "@T", "-e", "trace=getppid", "-e",
		      "inject=getppid:syscall=getpid:retval=5", "@P/cli_tamper", "count", "1",
		      NULL);
	cr_assert(strstr(r->trace, "\"performed\":{\"name\":\"getpid\""), "%s", r->trace);
	cr_assert(strstr(r->trace, "\"seen\":{\"ret\":5,\"errno\":null}"), "%s", r->trace);
	run_free(r);
}

static void usage_case(const char *opt, const char *val, const char *needle)
{
	struct run *r = scall_run(opt, val, "@P/cli_tamper", "count", "1", NULL);

	cr_assert_eq(run_exit(r), 1, "%s %s: status %#x", opt, val, r->status);
	cr_assert(strstr(r->err, needle), "%s %s: %s", opt, val, r->err);
	cr_assert(!strstr(r->out, "getppid 1"), "the tracee ran: %s", r->out);
	run_free(r);
}

Test(tamper, usage_errors)
{
	usage_case("-e", "inject=getppid:foo=1", "unknown key 'foo'");
	usage_case("-e", "inject=getppid:error=EFOO", "unknown error name 'EFOO'");
	usage_case("-e", "inject=getppid:error=5000", "out of range");
	usage_case("-e", "inject=getppid:signal=SIGFOO", "unknown signal 'SIGFOO'");
	usage_case("-e", "inject=getppid:error=EPERM:retval=1", "only one error= or retval=");
	usage_case("-e", "inject=getppid:error=EPERM:when=0", "out of range");
	usage_case("-e", "inject=getppid:error=EPERM:when=70000", "out of range");
	usage_case("-e", "inject=getppid:error=EPERM:when=5..2", "below first");
	usage_case("-e", "inject=getppid:delay_enter=5xs", "invalid unit 'xs'");
	usage_case("-e", "inject=getppid", "nothing to inject");
	usage_case("-e", "inject=nosuchcall:error=EPERM", "invalid system call 'nosuchcall'");
	usage_case("-e", "inject=getppid:arg7=1", "arg1..arg6");
	usage_case("-e", "inject=getppid:poke_enter=@arg1=abc", "even number");
	usage_case("-e", "inject=getppid:syscall=nosuch:error=EPERM",
		   "unknown system call 'nosuch'");
	usage_case("--deny", "getppid:error=EFOO", "unknown error name");
	usage_case("--deny", "getppid:kill:error=EPERM", "mutually exclusive");
	usage_case("--deny", "getppid:foo", "unknown key 'foo'");
	usage_case("--redirect", "nothing", "OLD=NEW");
}

Test(tamper, deny_refused_with_attach)
{
	struct run *r = scall_run("--deny=getppid", "-p", "1", NULL);

	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "--deny needs a command"), "%s", r->err);
	run_free(r);
}

/* A denied exit_group returns: its line ends at the exit, not at the entry. */
Test(tamper, denied_exit_group_line)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=exit_group", "--deny=exit_group",
				  "@P/cli_exit", "0", NULL);

	cr_assert_eq(count_matching(r->trace, "^exit_group\\(0\\) += -1 EPERM \\(Operation not "
					      "permitted\\)$"),
		     1, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "resumed|= \\?$"), 0, "%s", r->trace);
	run_free(r);
}
