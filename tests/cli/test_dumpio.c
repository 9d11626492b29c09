/* SPDX-License-Identifier: MIT */
/* -e read= and -e write=: dumps of the data after the call lines. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void check_dumps(const char *prog)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=read,write,readv,writev,sendmsg", "-e",
				  "read=20", "-e", "write=21,25", prog, NULL);
	char *got, *want;

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	got = trace_from_expect(r);
	cr_assert(got, "first expected line missing.\nexpected:\n%s\ntrace:\n%s", r->expect,
		  r->trace);
	want = malloc(strlen(r->expect) + 64);
	sprintf(want, "%s+++ exited with 0 +++\n", r->expect);
	cr_assert_str_eq(got, want, "expected:\n%s\ngot:\n%s", want, got);
	free(want);
	free(got);
	run_free(r);
}

Test(dumpio, pipe_and_vectors)
{
	check_dumps("@P/cli_dumpio");
}

Test(dumpio, pipe_and_vectors_i386)
{
	if (!have_prog("cli_dumpio.32"))
		cr_skip_test("no 32-bit build");
	check_dumps("@P/cli_dumpio.32");
}

/* "!" selects every other descriptor; "none" none; a bad one is a usage error. */
Test(dumpio, sets)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=read,write", "-e", "write=!20", "-e",
				  "read=none", "@P/cli_dumpio", NULL);

	/* write(21, text) is dumped (3 lines), the failed write(25) too (1), read(20) not */
	cr_assert_eq(run_exit(r), 0);
	cr_assert_eq(count_matching(r->trace, "^ \\| "), 4, "%s", r->trace);
	run_free(r);
	r = scall_run("-e", "write=x", "true", NULL);
	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "invalid descriptor 'x' in -e write="), "%s", r->err);
	run_free(r);
}

/* sendmmsg and recvmmsg: each message's buffers, up to its length. */
Test(dumpio, mmsg_vectors)
{
	static const char want[] =
		" = 2 buffers in vector 0\n"
		" * 2 bytes in buffer 0\n"
		" | 00000  61 62                                             ab               |\n"
		" * 3 bytes in buffer 1\n"
		" | 00000  63 64 65                                          cde              |\n"
		" = 1 buffers in vector 1\n"
		" * 3 bytes in buffer 0\n"
		" | 00000  78 79 7a                                          xyz              |\n"
		" = 1 buffers in vector 0\n"
		" * 5 bytes in buffer 0\n"
		" | 00000  61 62 63 64 65                                    abcde            |\n"
		" = 1 buffers in vector 1\n"
		" * 3 bytes in buffer 0\n"
		" | 00000  78 79 7a                                          xyz              |\n";
	struct run *r = scall_run("-o", "@T", "-e", "trace=sendmmsg,recvmmsg", "-e", "write=all",
				  "-e", "read=all", "@P/cli_mmsg", NULL);
	char *dumps = grep_lines(r->trace, "^ [=*|] ");

	cr_assert_eq(run_exit(r), 0, "status %#x", r->status);
	cr_assert_str_eq(dumps, want, "%s", r->trace);
	free(dumps);
	run_free(r);
}
