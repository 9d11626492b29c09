/* SPDX-License-Identifier: MIT */
/*
 * scall against strace (when installed) on everyday programs: the traces must
 * be the same line for line once addresses, pids and random bytes are masked.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define MASK                                                                   \
	"sed -E -e 's/0x[0-9a-f]+/ADDR/g' -e 's/^[0-9]+ +/PID /' "             \
	"-e 's/(set_tid_address\\(ADDR\\) += )[0-9]+/\\1N/' "                  \
	"-e 's/getrandom\\(\"[^\"]*\"/getrandom(\"R\"/' -e 's/ +=/ =/' "       \
	"-e 's/^(PID )?(getpid|getppid|gettid)\\(\\) = [0-9]+/\\1\\2() = N/' " \
	"-e 's/^(PID )?sysinfo\\(.*\\) = 0$/\\1sysinfo(...) = 0/'"

/* Trace cmd (a shell word list) with both tools and the options; diff the traces. */
static void same_as_strace(const char *opts, const char *cmd)
{
	char dir[] = "/tmp/scall-vs-strace-XXXXXX", buf[4096];
	char *diff;
	int rc;

	if (!have_strace())
		cr_skip_test("strace is not installed");
	cr_assert(mkdtemp(dir));
	snprintf(buf, sizeof(buf),
		 "cd %s && strace %s -o st.out %s >/dev/null 2>&1 </dev/null; "
		 "%s %s -o sc.out %s >/dev/null 2>&1 </dev/null; " MASK " st.out > st.m; " MASK
		 " sc.out > sc.m; diff st.m sc.m > diff.txt",
		 dir, opts, cmd, SCALL_BIN, opts, cmd);
	rc = system(buf);
	snprintf(buf, sizeof(buf), "%s/diff.txt", dir);
	diff = slurp(buf);
	cr_expect_eq(rc, 0, "scall and strace differ on '%s %s':\n%s", opts, cmd, diff);
	free(diff);
	snprintf(buf, sizeof(buf), "rm -rf %s", dir);
	if (system(buf) != 0)
		cr_log_warn("cannot remove %s", dir);
}

Test(strace, cat)
{
	same_as_strace("", "cat /etc/hostname");
}

Test(strace, ls)
{
	same_as_strace("", "ls /");
}

Test(strace, ls_long)
{
	same_as_strace("", "ls -l /etc/hostname /usr");
}

Test(strace, stat)
{
	same_as_strace("", "stat /etc/hostname");
}

/* cp to the output (/dev/null): the same in both runs, and harmless */
Test(strace, cp)
{
	same_as_strace("", "cp /etc/hostname /dev/stdout");
}

Test(strace, cp_follow)
{
	same_as_strace("-f", "cp /usr/bin/true /dev/stdout");
}

/*
 * The interpreter itself, not a wrapper script that may stand first in PATH;
 * without address randomisation, so that its allocator's brk and mmap calls
 * come in the same order in both runs.
 */
#define PYTHON3       \
	"setarch -R " \
	"\"$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')\""

Test(strace, python3)
{
	if (system("python3 -c pass && setarch -R true") != 0)
		cr_skip_test("no python3");
	same_as_strace("", PYTHON3 " -c pass");
}

Test(strace, python3_modules)
{
	if (system("python3 -c pass && setarch -R true") != 0)
		cr_skip_test("no python3");
	same_as_strace("", PYTHON3 " -I -c 'import json, os; os.listdir(\"/etc\")'");
}

Test(strace, true_)
{
	same_as_strace("", "true");
}

Test(strace, id)
{
	same_as_strace("", "id");
}

Test(strace, uname)
{
	same_as_strace("", "uname -a");
}

Test(strace, sh_builtin)
{
	same_as_strace("", "sh -c 'echo hi; exit 3'");
}

Test(strace, cat_verbose)
{
	same_as_strace("-v -e trace=!newfstatat,fstat,statx", "cat /etc/hostname");
}

Test(strace, cat_raw_and_hex)
{
	same_as_strace("-X raw -xx", "cat /etc/hostname");
}

Test(strace, cat_i386)
{
	if (!have_prog("cli_exit.32"))
		cr_skip_test("no 32-bit build");
	same_as_strace("", prog("cli_exit.32"));
}
