/* SPDX-License-Identifier: MIT */
/*
 * How often scall stops its tracee (--stats): calls nobody asked for must
 * not stop it, and an emulated call costs one stop.  Counts, not times.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define CALLS 300

static unsigned long long stops_of(const struct run *r)
{
	unsigned long long n = 0;
	const char *p = strstr(r->err, "scall: ");

	cr_assert_not_null(p, "no --stats line in: %s", r->err);
	cr_assert_eq(sscanf(p, "scall: %llu stops", &n), 1, "%s", p);
	return n;
}

/* The same run fully traced, untampered: two stops per call. */
static unsigned long long full_trace_stops(const char *count)
{
	struct run *r =
		scall_run("--stats", "-o", "/dev/null", "@P/cli_tamper", "count", count, NULL);
	unsigned long long n = stops_of(r);

	cr_assert_eq(run_exit(r), 0);
	run_free(r);
	return n;
}

Test(stops, unselected_calls_do_not_stop)
{
	char count[16];
	struct run *r;

	snprintf(count, sizeof(count), "%d", CALLS);
	r = scall_run("--stats", "-o", "@T", "-e", "trace=chdir", "@P/cli_tamper", "count", count,
		      NULL);
	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	/* getppid runs CALLS times, and not one of them may stop it. */
	cr_assert_lt(stops_of(r), 10, "%s", r->err);
	run_free(r);
}

Test(stops, an_injected_call_is_one_stop)
{
	char count[16];
	unsigned long long base, n;
	struct run *r;

	snprintf(count, sizeof(count), "%d", CALLS);
	base = full_trace_stops(count);
	r = scall_run("--stats", "-o", "/dev/null", "-e", "trace=none", "-e",
		      "inject=getppid:error=ENOENT", "@P/cli_tamper", "count", count, NULL);
	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert(strstr(r->out, "getppid 300: -1 2\n"), "%s", r->out);
	n = stops_of(r);
	cr_assert_geq(n, CALLS);
	cr_assert_lt(n, CALLS + 10, "%llu stops for %d injected calls", n, CALLS);
	run_free(r);

	/* Under a full trace an injected call costs one stop instead of two. */
	r = scall_run("--stats", "-o", "/dev/null", "-e", "fault=getppid:error=ENOENT",
		      "@P/cli_tamper", "count", count, NULL);
	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	n = stops_of(r);
	cr_assert_lt(n, base - CALLS + 10, "%llu stops, %llu untampered, %d injected", n, base,
		     CALLS);
	cr_assert_gt(n, base - CALLS - 10, "%llu stops, %llu untampered", n, base);
	run_free(r);
}
