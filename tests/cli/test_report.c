/* SPDX-License-Identifier: MIT */
/* Summaries (-c, -C, -S) and JSON Lines (--json). */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* The calls and errors columns of the summary row for name (-1 if absent). */
static void summary_row(const char *text, const char *name, long *calls, long *errors)
{
	const char *line = text;

	*calls = *errors = -1;
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		char buf[256], sys[64] = "";
		double pct, secs;
		long usecs, c, e = 0;
		size_t l = nl ? (size_t)(nl - line) : strlen(line);
		int n;

		snprintf(buf, sizeof(buf), "%.*s", (int)(l < 255 ? l : 255), line);
		n = sscanf(buf, "%lf %lf %ld %ld %ld %63s", &pct, &secs, &usecs, &c, &e, sys);
		if (n == 4) {
			/* no errors column: the fifth field was the name */
			n = sscanf(buf, "%lf %lf %ld %ld %63s", &pct, &secs, &usecs, &c, sys);
			e = 0;
			n = n == 5 ? 6 : n;
		}
		if (n == 6 && !strcmp(sys, name)) {
			*calls = c;
			*errors = e;
			return;
		}
		line = nl ? nl + 1 : NULL;
	}
}

Test(report, summary_counts)
{
	struct run *r =
		scall_run("-c", "-o", "@T", "-e", "trace=close,dup,dup3,read", "@P/cli_file", NULL);
	long calls, errors;

	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert(strstr(r->trace, "% time     seconds  usecs/call     calls    errors syscall\n"
				   "------ ----------- ----------- --------- --------- "
				   "----------------\n"),
		  "%s", r->trace);
	/* cli_file: 4 closes (1 fails) after the loader's 2, 1 dup, 1 dup3, 4 reads (1 fails)
	 * after the loader's 1 */
	summary_row(r->trace, "close", &calls, &errors);
	cr_assert_eq(calls, 6, "%s", r->trace);
	cr_assert_eq(errors, 1, "%s", r->trace);
	summary_row(r->trace, "dup", &calls, &errors);
	cr_assert_eq(calls, 1);
	cr_assert_eq(errors, 0);
	summary_row(r->trace, "dup3", &calls, &errors);
	cr_assert_eq(calls, 1);
	summary_row(r->trace, "read", &calls, &errors);
	cr_assert_eq(calls, 5, "%s", r->trace);
	cr_assert_eq(errors, 1);
	summary_row(r->trace, "total", &calls, &errors);
	cr_assert_eq(calls, 13, "%s", r->trace);
	cr_assert_eq(errors, 2, "%s", r->trace);
	cr_assert(strstr(r->trace, "100.00 "), "%s", r->trace);
	/* -c prints no trace lines */
	cr_assert(!strstr(r->trace, "close("), "%s", r->trace);
	cr_assert(!strstr(r->trace, "+++"), "%s", r->trace);
	run_free(r);
}

/* The seconds column of the summary row for name (-1 if absent). */
static double summary_secs(const char *text, const char *name)
{
	char pat[80];
	const char *p;
	double pct, secs;

	snprintf(pat, sizeof(pat), " %s\n", name);
	p = strstr(text, pat);
	if (!p)
		return -1;
	while (p > text && p[-1] != '\n')
		p--;
	if (sscanf(p, "%lf %lf", &pct, &secs) != 2)
		return -1;
	return secs;
}

/* Whether every line of the table has strace's columns. */
static bool summary_shaped(const char *text)
{
	static const char *const re =
		"^(% time     seconds  usecs/call     calls    errors syscall|"
		"------ ----------- ----------- --------- --------- ----------------|"
		"[ 0-9]{2}[0-9]\\.[0-9]{2} +[0-9]+\\.[0-9]{6} +[0-9]+ +[0-9]+ +[0-9]* [a-z_0-9]+)$";

	return text[0] && all_lines_match(text, re);
}

/*
 * By default the seconds column is the kernel CPU time of the calls (as
 * strace's -c): a 0.3 s sleep costs next to nothing.  With -w it is their
 * wall-clock latency.  Counts and the table are the same either way.
 */
Test(report, summary_system_time_and_wall_clock)
{
	const char *modes[] = { "-q", "-w" };

	for (int i = 0; i < 2; i++) {
		struct run *r = scall_run("-c", modes[i], "-o", "@T", "-e",
					  "trace=nanosleep,clock_nanosleep", "sleep", "0.3", NULL);
		long calls, errors;
		double secs;

		cr_assert_eq(run_exit(r), 0, "%s", r->err);
		cr_assert(summary_shaped(r->trace), "%s", r->trace);
		summary_row(r->trace, "total", &calls, &errors);
		cr_assert_eq(calls, 1, "%s", r->trace);
		cr_assert_eq(errors, 0, "%s", r->trace);
		secs = summary_secs(r->trace, "total");
		if (i == 0)
			cr_assert(secs >= 0 && secs < 0.1, "%s", r->trace);
		else
			cr_assert(secs >= 0.28 && secs < 5, "%s", r->trace);
		run_free(r);
	}
}

Test(report, summary_with_trace)
{
	struct run *r = scall_run("-C", "-o", "@T", "-e", "trace=dup", "@P/cli_file", NULL);
	long calls, errors;

	cr_assert(strstr(r->trace, "dup("), "%s", r->trace);
	cr_assert(strstr(r->trace, "+++ exited with 0 +++\n% time"), "%s", r->trace);
	summary_row(r->trace, "dup", &calls, &errors);
	cr_assert_eq(calls, 1);
	run_free(r);
}

Test(report, summary_sort_by_calls_and_name)
{
	struct run *r = scall_run("-c", "-S", "calls", "-o", "@T", "-e", "trace=close,dup,read",
				  "@P/cli_file", NULL);
	const char *c = strstr(r->trace, " close\n"), *d = strstr(r->trace, " dup\n");

	cr_assert(c && d && c < d, "%s", r->trace);
	run_free(r);
	r = scall_run("-c", "-S", "name", "-o", "@T", "-e", "trace=close,dup,read", "@P/cli_file",
		      NULL);
	c = strstr(r->trace, " close\n");
	d = strstr(r->trace, " dup\n");
	const char *rd = strstr(r->trace, " read\n");

	cr_assert(c && d && rd && c < d && d < rd, "%s", r->trace);
	run_free(r);
}

Test(report, summary_i386_table)
{
	struct run *r;
	long calls, errors;

	if (!have_prog("cli_file.32"))
		cr_skip_test("no 32-bit build");
	r = scall_run("-c", "-o", "@T", "-e", "trace=dup,dup3,execve", "@P/cli_file.32", NULL);
	cr_assert(strstr(r->trace, "System call usage summary for 32 bit mode:\n"), "%s", r->trace);
	summary_row(strstr(r->trace, "32 bit mode"), "dup3", &calls, &errors);
	cr_assert_eq(calls, 1, "%s", r->trace);
	run_free(r);
}

static int python_check(const char *path, const char *script)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "python3 -c '%s' '%s'", script, path);
	return system(cmd);
}

Test(report, json_lines_are_valid)
{
	struct run *r;
	/* every line parses; every call has the documented fields */
	const char *script =
		"import json,sys\n"
		"n=0\n"
		"for line in open(sys.argv[1], encoding=\"latin-1\"):\n"
		"    o=json.loads(line)\n"
		"    if o[\"type\"]==\"syscall\":\n"
		"        for k in (\"pid\",\"tid\",\"abi\",\"name\",\"nr\",\"args\",\"raw_args\","
		"\"ret\",\"errno\",\"ts\",\"dur\"):\n"
		"            assert k in o, (k, line)\n"
		"        assert isinstance(o[\"args\"], list) and isinstance(o[\"raw_args\"], list)\n"
		"        n+=1\n"
		"assert n>10, n\n";

	if (system("python3 -c pass") != 0)
		cr_skip_test("no python3");
	r = scall_run("--json", "-o", "@T", "@P/cli_file", NULL);
	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert_eq(python_check(r->trace_path, script), 0, "%s", r->trace);
	run_free(r);
}

Test(report, json_fields)
{
	struct run *r =
		scall_run("--json", "-o", "@T", "-e", "trace=openat,write", "@P/cli_file", NULL);
	char *m;

	m = grep_lines(r->trace,
		       "^\\{\"type\":\"syscall\",\"pid\":[0-9]+,\"tid\":[0-9]+,"
		       "\"abi\":\"x86_64\",\"name\":\"openat\",\"nr\":257,"
		       "\"args\":\\[\"AT_FDCWD\",\"\\\\\"/nonexistent/x\\\\\"\",\"O_RDONLY\"\\],"
		       "\"raw_args\":\\[4294967196,[0-9]+,0,[0-9]+\\],\"ret\":-1,"
		       "\"errno\":\"ENOENT\",\"error\":\"No such file or directory\","
		       "\"ts\":[0-9]+\\.[0-9]{6},\"dur\":[0-9]+\\.[0-9]{6}\\}$");
	cr_assert(m[0], "%s", r->trace);
	free(m);
	/* a write of bytes that are not text: escaped, still one JSON string */
	m = grep_lines(r->trace, "\"name\":\"write\",.*\"args\":\\[[0-9]+,\"\\\\\"hi\\\\\\\\n");
	cr_assert(m[0], "%s", r->trace);
	free(m);
	m = grep_lines(r->trace, "^\\{\"type\":\"exit\",\"pid\":[0-9]+,\"tid\":[0-9]+,"
				 "\"status\":\"exited\",\"code\":0,\"ts\":");
	cr_assert(m[0], "%s", r->trace);
	free(m);
	run_free(r);
}

Test(report, json_signals_and_kills)
{
	struct run *r =
		scall_run("--json", "-o", "@T", "-e", "trace=none", "@P/cli_exit", "-15", NULL);
	char *m;

	m = grep_lines(r->trace, "^\\{\"type\":\"signal\",.*\"signal\":\"SIGTERM\",\"signo\":15,");
	cr_assert(m[0], "%s", r->trace);
	free(m);
	m = grep_lines(r->trace,
		       "\"type\":\"exit\",.*\"status\":\"killed\",\"signal\":\"SIGTERM\"");
	cr_assert(m[0], "%s", r->trace);
	free(m);
	run_free(r);
}

/* -U: the columns asked for, in that order; the name goes last if left out. */
Test(report, summary_columns)
{
	struct run *r = scall_run("-c", "-U", "name,calls,errors,max-time", "-o", "@T", "-e",
				  "trace=close,dup", "@P/cli_file", NULL);

	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert(strstr(r->trace, "syscall              calls    errors  longest\n"
				   "---------------- --------- --------- --------\n"),
		  "%s", r->trace);
	/* the same counts as summary_counts; dup has no errors: an empty column */
	cr_assert_eq(count_matching(r->trace, "^close +6 +1 [0-9]+\\.[0-9]{6}$"), 1, "%s",
		     r->trace);
	cr_assert_eq(count_matching(r->trace, "^dup +1 {11}[0-9]+\\.[0-9]{6}$"), 1, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "^total +7 +1 [0-9]+\\.[0-9]{6}$"), 1, "%s",
		     r->trace);
	run_free(r);
	r = scall_run("-c", "-U", "count", "-o", "@T", "-e", "trace=close", "@P/cli_file", NULL);
	cr_assert(strstr(r->trace, "    calls syscall\n--------- ----------------\n"), "%s",
		  r->trace);
	cr_assert_eq(count_matching(r->trace, "^ {8}6 close$"), 1, "%s", r->trace);
	run_free(r);
	r = scall_run("-c", "-U", "calls,bogus", "true", NULL);
	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "unknown column name: 'bogus'"), "%s", r->err);
	run_free(r);
}
