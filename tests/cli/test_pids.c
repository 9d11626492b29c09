/* SPDX-License-Identifier: MIT */
/* -Y, --decode-pids=comm: command names after pids, in prefixes and decoded values. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define PIDS_SET \
	"-e", "trace=getpid,gettid,getppid,kill,wait4,exit_group", "-e", "signal=SIGUSR1,SIGKILL"

Test(pids, comm_in_file)
{
	struct run *r;
	char *msg;

	if (!have_prog("cli_pids"))
		cr_skip_test("cli_pids was not built");
	r = scall_run("-Y", "-f", "-o", "@T", PIDS_SET, "@P/cli_pids", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	msg = compare_per_pid(r->trace, r->expect);
	cr_assert(!msg, "%s\ntrace:\n%s", msg, r->trace);
	run_free(r);
}

Test(pids, comm_in_file_i386)
{
	struct run *r;
	char *msg;

	if (!have_prog("cli_pids.32"))
		cr_skip_test("no 32-bit build");
	r = scall_run("--decode-pids=comm", "-f", "-o", "@T", PIDS_SET, "@P/cli_pids.32", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	msg = compare_per_pid(r->trace, r->expect);
	cr_assert(!msg, "%s\ntrace:\n%s", msg, r->trace);
	run_free(r);
}

/* On stderr: "[pid  N<comm>] " */
Test(pids, comm_on_stderr)
{
	struct run *r;

	if (!have_prog("cli_pids"))
		cr_skip_test("cli_pids was not built");
	r = scall_run("-Y", "-f", PIDS_SET, "@P/cli_pids", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	cr_assert(strstr(r->err, "<kid>] getppid() "), "%s", r->err);
	cr_assert(strstr(r->err, "<p\\74id\\76s>] kill("), "%s", r->err);
	run_free(r);
}

/* Without -Y (or with --decode-pids=none after it) nothing changes. */
Test(pids, off_by_default)
{
	struct run *r;

	if (!have_prog("cli_pids"))
		cr_skip_test("cli_pids was not built");
	r = scall_run("-Y", "--decode-pids=none", "-f", PIDS_SET, "@P/cli_pids", NULL);
	cr_assert_eq(run_exit(r), 0, "status %d: %s", r->status, r->err);
	cr_assert(strstr(r->err, "] getppid() "), "%s", r->err);
	cr_assert(!strstr(r->err, "<kid>"), "%s", r->err);
	cr_assert(!strstr(r->err, "<p\\74"), "%s", r->err);
	run_free(r);
}

Test(pids, usage)
{
	struct run *r = scall_run("--decode-pids=bogus", "true", NULL);

	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "invalid decode-pids 'bogus'"), "%s", r->err);
	run_free(r);
	r = scall_run("-e", "decode-pids=pidns", "true", NULL);
	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "pidns is not supported yet"), "%s", r->err);
	run_free(r);
}
