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

/*
 * Trace cmd (a shell word list) with both tools and the options (strace's
 * own in st_opts); diff the traces.  scall runs after the shell words in pre
 * ("ulimit -v N;").
 */
static void same_as_strace_mask(const char *st_opts, const char *opts, const char *cmd,
				const char *pre, const char *mask)
{
	char dir[] = "/tmp/scall-vs-strace-XXXXXX", buf[4096];
	char *diff;
	int rc;

	if (!have_strace())
		cr_skip_test("strace is not installed");
	cr_assert(mkdtemp(dir));
	snprintf(buf, sizeof(buf),
		 "cd %s && strace %s -o st.out %s >/dev/null 2>&1 </dev/null; "
		 "(%s %s %s -o sc.out %s >/dev/null 2>&1 </dev/null); " MASK
		 " %s st.out > st.m; " MASK " %s sc.out > sc.m; diff st.m sc.m > diff.txt",
		 dir, st_opts, cmd, pre, SCALL_BIN, opts, cmd, mask, mask);
	rc = system(buf);
	snprintf(buf, sizeof(buf), "%s/diff.txt", dir);
	diff = slurp(buf);
	cr_expect_eq(rc, 0, "scall and strace differ on '%s %s':\n%s", opts, cmd, diff);
	free(diff);
	snprintf(buf, sizeof(buf), "rm -rf %s", dir);
	if (system(buf) != 0)
		cr_log_warn("cannot remove %s", dir);
}

static void same_as_strace_pre(const char *st_opts, const char *opts, const char *cmd,
			       const char *pre)
{
	same_as_strace_mask(st_opts, opts, cmd, pre, "");
}

static void same_as_strace(const char *opts, const char *cmd)
{
	same_as_strace_pre(opts, opts, cmd, "");
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

/*
 * -Y: names after pids (the shell's, then cat's after the exec); the
 * pids themselves and the tracer's name (getppid) are masked.
 */
Test(strace, decode_pids)
{
	/* no child: when its SIGCHLD comes is a race between two runs */
	same_as_strace_mask("-Y", "-Y", "sh -c 'kill -0 $$; exec cat /etc/hostname'", "",
			    "-e 's/[0-9]+</N</g' -e 's/<(strace|scall)>/<TRACER>/g' "
			    "-e 's/(= |si_pid=)[0-9]+/\\1N/g'");
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

/*
 * -s as large as it goes: strings are read as long as they are, not into a
 * buffer of the limit's size (2 GiB each), which this address space limit
 * would refuse.  strace takes at most 1073741823, the same for these files.
 */
#ifdef __SANITIZE_ADDRESS__
/* AddressSanitizer's shadow memory alone is larger than the cap */
#define MEMORY_CAP ""
#else
#define MEMORY_CAP "ulimit -v 1000000;"
#endif

Test(strace, huge_string_limit)
{
	same_as_strace_pre("-s 1073741823", "-s 2147483647", "cat /etc/hostname", MEMORY_CAP);
}

Test(strace, huge_string_limit_exec)
{
	same_as_strace_pre("-s 1073741823", "-s 2147483647", "sh -c 'exec cat /etc/hostname'",
			   MEMORY_CAP);
}

/* The tracees print nothing that changes from run to run; their expectations
 * go nowhere (no descriptor 3), so both traces end with a failed pwrite64. */
#define TRACEE_VS_STRACE(name, file, opts)                   \
	Test(strace, name)                                   \
	{                                                    \
		if (!have_prog(file))                        \
			cr_skip_test(file " was not built"); \
		same_as_strace(opts, prog(file));            \
	}

TRACEE_VS_STRACE(timers, "cli_timers", "")
TRACEE_VS_STRACE(timers_raw, "cli_timers", "-X raw")
TRACEE_VS_STRACE(timers_verbose, "cli_timers", "-X verbose")
TRACEE_VS_STRACE(timers_i386, "cli_timers.32", "")
TRACEE_VS_STRACE(sched, "cli_sched", "")
TRACEE_VS_STRACE(sched_raw, "cli_sched", "-X raw")
TRACEE_VS_STRACE(sched_verbose, "cli_sched", "-X verbose")
TRACEE_VS_STRACE(sched_i386, "cli_sched.32", "")
TRACEE_VS_STRACE(netlink, "cli_netlink", "")
TRACEE_VS_STRACE(netlink_verbose, "cli_netlink", "-X verbose")
TRACEE_VS_STRACE(netlink_raw_short, "cli_netlink", "-X raw -s 3")
TRACEE_VS_STRACE(netlink_i386, "cli_netlink.32", "")
TRACEE_VS_STRACE(netlink_hex, "cli_netlink", "-xx")
TRACEE_VS_STRACE(desc_short_arrays, "cli_desc", "-s 0")
TRACEE_VS_STRACE(unknown_numbers, "cli_unknown", "")
TRACEE_VS_STRACE(unknown_numbers_i386, "cli_unknown.32", "")

/* Names and numbers under -X verbose and -X raw: flags split in field and
 * flags (socket types, statx), signal sets, wait statuses, dates. */
Test(strace, ls_verbose_names)
{
	same_as_strace("-X verbose", "ls -l /etc/hostname /usr");
}

Test(strace, ls_raw_names)
{
	same_as_strace("-X raw -v", "ls -l /etc/hostname /usr");
}

Test(strace, sh_raw_names)
{
	same_as_strace("-X raw", "sh -c 'echo hi; exit 3'");
}

/* -e verbose=none: structures as their addresses, strings as they are */
Test(strace, ls_not_verbose)
{
	same_as_strace("-e verbose=none", "ls -l /etc/hostname /usr");
}

/* statfs flags, in strace's order (ST_VALID first), on read-only mounts,
 * whose numbers do not change between the two runs */
Test(strace, statfs_flags)
{
	char *mounts = slurp("/proc/mounts"), *line, *save = NULL, cmd[4096] = "stat -f";
	int n = 0;

	for (line = strtok_r(mounts, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char dev[256], dir[1024], type[64], opts[1024];

		if (sscanf(line, "%255s %1023s %63s %1023s", dev, dir, type, opts) == 4 &&
		    !strncmp(opts, "ro,", 3) && !strchr(dir, '\\') &&
		    strlen(cmd) + strlen(dir) + 4 < sizeof(cmd)) {
			strcat(cmd, " '");
			strcat(cmd, dir);
			strcat(cmd, "'");
			n++;
		}
	}
	free(mounts);
	if (!n)
		cr_skip_test("no read-only mount");
	same_as_strace("-e trace=statfs", cmd);
}

/* Terminal flags, as TCSETS and TCGETS print them, quirks included */
Test(strace, stty)
{
	if (system("script -qc true /dev/null >/dev/null 2>&1") != 0)
		cr_skip_test("no script(1)");
	same_as_strace("-e trace=ioctl", "script -qec 'stty -a; stty -echo; stty echo' /dev/null");
}

/* -y: FICLONE's source descriptor is a plain number, as strace shows it */
Test(strace, cp_decorated)
{
	same_as_strace("-f -y -e trace=ioctl,openat -e signal=none",
		       "sh -c 'rm -f copy; cp /etc/hostname copy'");
}

/* -e verbose=none: socket option values are addresses too */
Test(strace, sockopt_not_verbose)
{
	if (system("python3 -c pass && setarch -R true") != 0)
		cr_skip_test("no python3");
	same_as_strace("-e verbose=none -e trace=setsockopt,getsockopt",
		       PYTHON3 " -c 'import socket; s = socket.socket(); "
			       "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); "
			       "s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)'");
}
