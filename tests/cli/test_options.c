/* SPDX-License-Identifier: MIT */
/* Output options: -s -x -X -y -a -n -i -t -r -T -z -Z -e status/signal/raw/abbrev, -q, -A ... */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* Run cli_file traced with set and the options; returns the run. */
static struct run *file_run(const char *set, const char *o1, const char *o2, const char *o3)
{
	char setopt[512];
	const char *argv[16];
	int n = 0;

	snprintf(setopt, sizeof(setopt), "trace=%s", set);
	argv[n++] = "-o";
	argv[n++] = "@T";
	argv[n++] = "-e";
	argv[n++] = setopt;
	if (o1)
		argv[n++] = o1;
	if (o2)
		argv[n++] = o2;
	if (o3)
		argv[n++] = o3;
	argv[n++] = "@P/cli_file";
	argv[n] = NULL;
	return scall_runv(argv, 30);
}

static void has_line(const struct run *r, const char *re)
{
	char *m = grep_lines(r->trace, re);

	cr_assert(m[0], "no line matches /%s/ in:\n%s", re, r->trace);
	free(m);
}

static void no_line(const struct run *r, const char *re)
{
	char *m = grep_lines(r->trace, re);

	cr_assert(!m[0], "unexpected /%s/:\n%s", re, m);
	free(m);
}

Test(options, string_limit)
{
	struct run *r = file_run("write", "-s", "5", NULL);

	has_line(r, "^write\\([0-9]+, \"hi\\\\n\\\\t\\\\\"\"\\.\\.\\., 12\\) += 12$");
	has_line(r, "^write\\([0-9]+, \"01234\"\\.\\.\\., 40\\) += 40$");
	run_free(r);
}

Test(options, string_limit_zero_and_large)
{
	struct run *r = file_run("write", "-s", "0", NULL);

	has_line(r, "^write\\([0-9]+, \"\"\\.\\.\\., 40\\) += 40$");
	run_free(r);
	r = file_run("write", "-s", "100", NULL);
	has_line(r, "^write\\([0-9]+, \"0123456789abcdefghijklmnopqrstuvwxyzABCD\", 40\\) += 40$");
	run_free(r);
}

Test(options, hex_strings)
{
	struct run *r = file_run("write", "-x", NULL, NULL);

	/* a string with non-ASCII bytes is all hex; a plain one stays */
	has_line(
		r,
		"^write\\([0-9]+, \"\\\\x68\\\\x69\\\\x0a\\\\x09\\\\x22\\\\x71\\\\x22\\\\x5c\\\\x01"
		"\\\\xff\\\\x00\\\\x37\", 12\\)");
	has_line(r, "^write\\([0-9]+, \"0123456789abcdefghijklmnopqrstuv\"\\.\\.\\., 40\\)");
	run_free(r);
	r = file_run("write", "-xx", NULL, NULL);
	has_line(r, "^write\\([0-9]+, \"\\\\x30\\\\x31\\\\x32");
	run_free(r);
}

Test(options, const_print_style)
{
	struct run *r = file_run("openat,fcntl", "-X", "raw", NULL);

	has_line(r, "^openat\\(-100, \"data\", 0x80242, 0640\\) += [0-9]+$");
	has_line(r, "^fcntl\\([0-9]+, 0x1\\) += 0x1 \\(flags 0x1\\)$");
	run_free(r);
	r = file_run("openat", "-X", "verbose", NULL);
	has_line(r, "^openat\\(-100 /\\* AT_FDCWD \\*/, \"data\", 0x80242 /\\* "
		    "O_RDWR\\|O_CREAT\\|O_TRUNC\\|O_CLOEXEC \\*/, 0640\\) += [0-9]+$");
	has_line(r,
		 "^openat\\(-100 /\\* AT_FDCWD \\*/, \"/nonexistent/x\", 0 /\\* O_RDONLY \\*/\\)");
	run_free(r);
}

Test(options, raw_args)
{
	struct run *r = file_run("openat,close", "-e", "raw=openat", NULL);

	has_line(r, "^openat\\(0xffffff9c, 0x[0-9a-f]+, 0x80242, 0x1a0\\) += 0x[0-9a-f]+$");
	has_line(r, "^close\\([0-9]+\\) += 0$");
	run_free(r);
}

Test(options, decode_fds)
{
	struct run *r = file_run("openat,read,close", "-y", NULL, NULL);
	char re[256];

	snprintf(re, sizeof(re), "^openat\\(AT_FDCWD<%s>, \"data\", .*\\) += [0-9]+<%s/data>$",
		 r->dir, r->dir);
	has_line(r, re);
	snprintf(re, sizeof(re), "^read\\([0-9]+<%s/data>, \"BCD\", 128\\)", r->dir);
	has_line(r, re);
	run_free(r);
}

Test(options, column)
{
	struct run *r = file_run("close", "-a", "20", NULL);

	/* "close(20)" is 9 columns: padded to 20, then to 40 */
	has_line(r, "^close\\(20\\) {11}= 0$");
	run_free(r);
	r = file_run("close", NULL, NULL, NULL);
	has_line(r, "^close\\(20\\) {31}= 0$");
	run_free(r);
}

Test(options, syscall_number_and_ip)
{
	struct run *r = file_run("close,openat", "-n", NULL, NULL);

	has_line(r, "^\\[   3\\] close\\(20\\) += 0$");
	has_line(r, "^\\[ 257\\] openat\\(AT_FDCWD, \"data\"");
	has_line(r, "^\\[ 231\\] \\+\\+\\+ exited with 0 \\+\\+\\+$");
	run_free(r);
	r = file_run("close", "-i", NULL, NULL);
	has_line(r, "^\\[[0-9a-f]{16}\\] close\\(20\\) += 0$");
	has_line(r, "^\\[\\?{16}\\] \\+\\+\\+ exited with 0 \\+\\+\\+$");
	run_free(r);
}

Test(options, timestamps)
{
	struct run *r = file_run("close", "-t", NULL, NULL);

	has_line(r, "^[0-9]{2}:[0-9]{2}:[0-9]{2} close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close", "-tt", NULL, NULL);
	has_line(r, "^[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6} close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close", "-ttt", NULL, NULL);
	has_line(r, "^[0-9]{10}\\.[0-9]{6} close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close", "-r", NULL, NULL);
	has_line(r, "^ +[0-9]+\\.[0-9]{6} close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close", "-t", "-r", NULL);
	has_line(r, "^[0-9]{2}:[0-9]{2}:[0-9]{2} \\(\\+ +[0-9]+\\.[0-9]{6}\\) close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close", "-T", NULL, NULL);
	has_line(r, "^close\\(20\\) += 0 <[0-9]+\\.[0-9]{6}>$");
	run_free(r);
	r = file_run("close", "--absolute-timestamps=format:unix,precision:ns", NULL, NULL);
	has_line(r, "^[0-9]{10}\\.[0-9]{9} close\\(20\\) += 0$");
	run_free(r);
}

Test(options, status_filters)
{
	struct run *r = file_run("close,openat,read", "-z", NULL, NULL);

	no_line(r, "= -1 ");
	has_line(r, "^close\\(20\\) += 0$");
	run_free(r);
	r = file_run("close,openat,read", "-Z", NULL, NULL);
	has_line(r, "^openat\\(AT_FDCWD, \"/nonexistent/x\", O_RDONLY\\) += -1 ENOENT ");
	has_line(r, "^read\\(9999, 0x[0-9a-f]+, 10\\) += -1 EBADF \\(Bad file descriptor\\)$");
	no_line(r, "= [0-9]+$");
	run_free(r);
	r = file_run("close,openat,read", "-e", "status=!successful", NULL);
	no_line(r, "= [0-9]+$");
	has_line(r, "= -1 EBADF");
	run_free(r);
}

Test(options, trace_sets)
{
	struct run *r = file_run("/^mk", NULL, NULL, NULL);

	has_line(r, "^mkdirat\\(AT_FDCWD, \"dir\", 0755\\) += 0$");
	no_line(r, "^(openat|close|read)\\(");
	run_free(r);
	r = file_run("!openat,close,read,write,mmap,mprotect,pread64", NULL, NULL, NULL);
	has_line(r, "^lseek\\(");
	no_line(r, "^(openat|close|read|write)\\(");
	run_free(r);
	r = file_run("?nosuchcall,close", NULL, NULL, NULL);
	has_line(r, "^close\\(20\\)");
	run_free(r);
	r = file_run("close@32", NULL, NULL, NULL);
	no_line(r, "^close\\(");
	run_free(r);
	r = file_run("%desc", NULL, NULL, NULL);
	has_line(r, "^dup3\\(");
	has_line(r, "^fcntl\\(");
	no_line(r, "^(brk|arch_prctl|munmap)\\(");
	run_free(r);
	r = file_run("%file", NULL, NULL, NULL);
	has_line(r, "^mkdirat\\(");
	no_line(r, "^close\\(");
	run_free(r);
	r = file_run("none", NULL, NULL, NULL);
	cr_assert_str_eq(r->trace, "+++ exited with 0 +++\n");
	run_free(r);
}

Test(options, trace_long_option_and_plain_expression)
{
	struct run *r = scall_run("-o", "@T", "--trace=close", "@P/cli_file", NULL);

	has_line(r, "^close\\(20\\)");
	no_line(r, "^openat\\(");
	run_free(r);
	r = scall_run("-o", "@T", "-e", "close", "@P/cli_file", NULL);
	has_line(r, "^close\\(20\\)");
	no_line(r, "^openat\\(");
	run_free(r);
}

Test(options, signal_set)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=kill", "@P/cli_signal", NULL);

	has_line(r, "^--- SIGUSR1 \\{si_signo=SIGUSR1, si_code=SI_USER, ");
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=kill", "-e", "signal=none", "@P/cli_signal", NULL);
	no_line(r, "^--- ");
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=kill", "-e", "signal=!USR1", "@P/cli_signal", NULL);
	no_line(r, "^--- ");
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=kill", "--signal=SIGUSR1", "@P/cli_signal", NULL);
	has_line(r, "^--- SIGUSR1 ");
	run_free(r);
}

Test(options, quiet)
{
	struct run *r = scall_run("-e", "trace=none", "@P/cli_exit", "3", NULL);

	cr_assert(strstr(r->err, "+++ exited with 3 +++"), "%s", r->err);
	run_free(r);
	r = scall_run("-qq", "-e", "trace=none", "@P/cli_exit", "3", NULL);
	cr_assert(!strstr(r->err, "+++ exited"), "%s", r->err);
	run_free(r);
	r = scall_run("-f", "-e", "trace=none", "@P/cli_fork", NULL);
	cr_assert(strstr(r->err, "scall: Process "), "%s", r->err);
	cr_assert(strstr(r->err, " attached"), "%s", r->err);
	run_free(r);
	r = scall_run("-q", "-f", "-e", "trace=none", "@P/cli_fork", NULL);
	cr_assert(!strstr(r->err, " attached"), "%s", r->err);
	run_free(r);
}

Test(options, pid_prefix_on_stderr)
{
	struct run *r = scall_run("-f", "-e", "trace=getppid,exit_group", "@P/cli_fork", NULL);

	cr_assert(strstr(r->err, "] getppid() "), "%s", r->err);
	cr_assert(strstr(r->err, "[pid "), "%s", r->err);
	run_free(r);
}

Test(options, output_separately)
{
	struct run *r =
		scall_run("-ff", "-o", "@T", "-e", "trace=getppid,wait4", "@P/cli_fork", NULL);
	char path[256];
	char *parent, *child;
	int ppid = atoi(strrchr(r->expect, '\n') ? r->expect + 0 : "0");
	int cpid = 0;

	(void)ppid;
	/* the first expected line is the child's getppid, prefixed with its pid */
	cpid = atoi(r->expect);
	cr_assert(cpid > 0, "%s", r->expect);
	snprintf(path, sizeof(path), "%s.%d", r->trace_path, cpid);
	child = slurp(path);
	cr_assert(strstr(child, "getppid() "), "child file %s: %s", path, child);
	cr_assert(strstr(child, "+++ exited with 3 +++"), "%s", child);
	cr_assert(!strstr(child, "wait4("), "%s", child);
	free(child);
	cr_assert_eq(r->trace[0], '\0', "no plain file expected with -ff");
	(void)parent;
	run_free(r);
}

Test(options, append)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=none", "@P/cli_exit", "0", NULL);
	const char *argv[] = { "-A", "-o", "@T", "-e", "trace=none", "@P/cli_exit", "0", NULL };
	char *again;
	char cmd[512];

	/* run again in the same directory: a second run appends */
	snprintf(cmd, sizeof(cmd), "%s -A -o %s -e trace=none %s/cli_exit 4", SCALL_BIN,
		 r->trace_path, PROGS_DIR);
	cr_assert_eq(system(cmd) >> 8, 4);
	again = slurp(r->trace_path);
	cr_assert_str_eq(again, "+++ exited with 0 +++\n+++ exited with 4 +++\n");
	free(again);
	(void)argv;
	run_free(r);
}

Test(options, verbose_environment)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=execve", "-E", "SCALL_TEST=yes", "-E",
				  "LC_ALL", "@P/cli_exit", "0", NULL);

	has_line(r,
		 "^execve\\(\"[^\"]*/cli_exit\", \\[\"[^\"]*\"(\\.\\.\\.)?, \"0\"\\], 0x[0-9a-f]+ "
		 "/\\* [0-9]+ vars \\*/\\) = 0$");
	run_free(r);
	r = scall_run("-v", "-o", "@T", "-e", "trace=execve", "-E", "SCALL_TEST=yes", "-E",
		      "LC_ALL", "@P/cli_exit", "0", NULL);
	has_line(r, "^execve\\(\"[^\"]*/cli_exit\", \\[.*\\], \\[.*\"SCALL_TEST=yes\"\\]\\) = 0$");
	no_line(r, "LC_ALL=");
	run_free(r);
}

Test(options, abbrev_and_verbose_sets)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=uname", "-e", "abbrev=none",
				  "@P/cli_proc", NULL);

	has_line(r, "^uname\\(\\{sysname=\"Linux\", nodename=\"[^\"]*\", release=\"[^\"]*\", "
		    "version=\"[^\"]*\", machine=\"[^\"]*\", domainname=\"[^\"]*\"\\}\\) = 0$");
	run_free(r);
	r = scall_run("-o", "@T", "-e", "trace=getitimer", "-e", "verbose=none", "@P/cli_time",
		      NULL);
	/* as strace: structures are not read, their address is printed */
	has_line(r, "^getitimer\\(ITIMER_REAL, 0x[0-9a-f]+\\) += 0$");
	run_free(r);
}
