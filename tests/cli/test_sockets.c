/* SPDX-License-Identifier: MIT */
/*
 * -yy on sockets: "TCP:[127.0.0.1:40000->127.0.0.1:80]", "UNIX-STREAM:[...]",
 * "NETLINK:[ROUTE:PID]" and the rest, as strace prints them.  The tracee
 * tests/progs/cli_sockets writes the lines from its own sockets; the same
 * lines are checked against strace itself when it is installed.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

#define SOCK_SET "trace=lseek,socket"

/* Run scall with opt on PROG (arg: its argument, or NULL) and compare with its expectations. */
static void check_sockets(const char *progname, const char *opt, const char *arg)
{
	char progarg[256];
	struct run *r;
	char *got, *want;

	if (!have_prog(progname))
		cr_skip_test("%s was not built", progname);
	snprintf(progarg, sizeof(progarg), "@P/%s", progname);
	r = scall_run("-o", "@T", "-e", SOCK_SET, opt, progarg, arg, NULL);
	cr_assert_eq(run_exit(r), 0, "scall exit status %d; stderr: %s", r->status, r->err);
	cr_assert(r->expect[0], "the tracee wrote no expectations");
	got = trace_from_expect(r);
	cr_assert(got, "first expected line not in the trace.\nexpected:\n%s\ntrace:\n%s",
		  r->expect, r->trace);
	want = malloc(strlen(r->expect) + 64);
	cr_assert(want);
	sprintf(want, "%s+++ exited with 0 +++\n", r->expect);
	cr_assert_str_eq(got, want, "trace differs.\nexpected:\n%s\ngot:\n%s", want, got);
	free(want);
	free(got);
	run_free(r);
}

Test(sockets, yy)
{
	check_sockets("cli_sockets", "-yy", NULL);
}

Test(sockets, yy_i386)
{
	check_sockets("cli_sockets.32", "-yy", NULL);
}

/* -y alone: the link, "socket:[INODE]" */
Test(sockets, y)
{
	check_sockets("cli_sockets", "-y", "-y");
}

/* --decode-fds=all is -yy */
Test(sockets, decode_fds_all)
{
	check_sockets("cli_sockets", "--decode-fds=all", NULL);
}

/* A new directory under /tmp. */
static char *new_dir(void)
{
	char *dir = strdup("/tmp/scall-sock-XXXXXX");

	cr_assert(dir && mkdtemp(dir));
	return dir;
}

/* Run cmd (a shell command) in dir, quietly. */
static void run_in(const char *dir, const char *cmd)
{
	char *buf;

	cr_assert(asprintf(&buf, "cd %s && { %s; } >/dev/null 2>&1 </dev/null", dir, cmd) > 0);
	if (system(buf) != 0)
		cr_log_warn("'%s' failed", cmd);
	free(buf);
}

static void rm_dir(char *dir)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "rm -rf %s", dir);
	if (system(buf) != 0)
		cr_log_warn("cannot remove %s", dir);
	free(dir);
}

/* Line for line from the first expected one, padding before "=" ignored. */
static bool same_from_first(const char *trace, const char *expect, char **why)
{
	const char *nl = strchr(expect, '\n');
	size_t first = nl ? (size_t)(nl - expect) + 1 : strlen(expect);
	const char *at = trace;
	char *a, *b, *o;
	bool same;

	while (at && strncmp(at, expect, first)) {
		at = strchr(at, '\n');
		at = at ? at + 1 : NULL;
	}
	if (!at || !expect[0]) {
		*why = strdup("first expected line not in the trace");
		return false;
	}
	a = strdup(at);
	b = malloc(strlen(expect) + 64);
	cr_assert(a && b);
	sprintf(b, "%s+++ exited with 0 +++\n", expect);
	/* collapse the padding before " = " */
	for (char *s = a;; s = b) {
		o = s;
		for (const char *p = s; *p; p++) {
			if (*p == ' ' && p[1] == ' ') {
				const char *q = p;

				while (*q == ' ')
					q++;
				if (*q == '=') {
					*o++ = ' ';
					p = q - 1;
					continue;
				}
			}
			*o++ = *p;
		}
		*o = '\0';
		if (s == b)
			break;
	}
	same = !strcmp(a, b);
	if (!same && asprintf(why, "expected:\n%s\nstrace printed:\n%s", b, a) < 0)
		*why = NULL;
	free(a);
	free(b);
	return same;
}

/* The tracee's lines are strace's own (same run: the same ports and inodes). */
static void expect_is_strace(const char *opt, const char *progname, const char *arg)
{
	char cmd[1024], path[512];
	char *dir, *trace, *expect, *why = NULL;

	if (!have_strace())
		cr_skip_test("strace is not installed");
	if (!have_prog(progname))
		cr_skip_test("%s was not built", progname);
	snprintf(cmd, sizeof(cmd), "strace %s -e %s -o trace %s %s 3>expect", opt, SOCK_SET,
		 prog(progname), arg ? arg : "");
	dir = new_dir();
	run_in(dir, cmd);
	snprintf(path, sizeof(path), "%s/trace", dir);
	trace = slurp(path);
	snprintf(path, sizeof(path), "%s/expect", dir);
	expect = slurp(path);
	cr_expect(same_from_first(trace, expect, &why), "%s", why ? why : "");
	free(why);
	free(trace);
	free(expect);
	rm_dir(dir);
}

Test(sockets, expectations_are_strace_yy)
{
	expect_is_strace("-yy", "cli_sockets", NULL);
}

Test(sockets, expectations_are_strace_y)
{
	expect_is_strace("-y", "cli_sockets", "-y");
}

/*
 * The numbers of a socket's text differ from run to run (ports, inodes, the
 * netlink port id): each number in "<PROTO:[...]>" (outside a quoted name),
 * htons(...) or nl_pid= becomes "#K", K its order of first appearance in the trace, so that two
 * runs compare equal when their numbers relate the same way.
 */
static char *normalize(const char *text)
{
	static const char *const after[] = { "htons(", "nl_pid=" };
	char *num[1024], *out = malloc(strlen(text) * 2 + 16), *o = out;
	int nnum = 0;
	bool in_sock = false;

	cr_assert(out);
	for (const char *p = text; *p;) {
		bool map = in_sock;

		if (*p == '<') {
			const char *q = p + 1;

			while ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z') ||
			       (*q >= '0' && *q <= '9') || *q == '-' || *q == '/')
				q++;
			if (q > p + 1 && q[0] == ':' && q[1] == '[')
				in_sock = true;
		} else if (in_sock && p[0] == ']' && p[1] == '>') {
			in_sock = false;
		} else if (in_sock && *p == '"') {
			/* a unix socket's name: as it is */
			*o++ = *p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1])
					*o++ = *p++;
				*o++ = *p++;
			}
			if (*p)
				*o++ = *p++;
			continue;
		}
		for (size_t i = 0; i < sizeof(after) / sizeof(after[0]); i++) {
			size_t l = strlen(after[i]);

			if (p - text >= (long)l && !strncmp(p - l, after[i], l))
				map = true;
		}
		if (map && *p >= '0' && *p <= '9' && (p == text || p[-1] < '0' || p[-1] > '9')) {
			size_t l = strspn(p, "0123456789");
			int k;

			for (k = 0; k < nnum; k++) {
				if (strlen(num[k]) == l && !strncmp(num[k], p, l))
					break;
			}
			if (k == nnum && nnum < 1024)
				num[nnum++] = strndup(p, l);
			o += sprintf(o, "#%d", k);
			p += l;
			continue;
		}
		if (*p == ' ' && p[strspn(p, " ")] == '=') {
			/* the padding to the result column depends on the numbers' widths */
			*o++ = ' ';
			p += strspn(p, " ");
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	for (int k = 0; k < nnum; k++)
		free(num[k]);
	return out;
}

/* Calls with descriptors; not bind (strace shows the padding of a netlink
 * address), nor socketpair (its descriptors) */
#define PY_SET "trace=socket,listen,connect,accept4,sendto,recvfrom,shutdown"
/* With -xx also without IP addresses, which strace then prints in hex */
#define PY_SET_XX "trace=socket,listen,recvfrom,shutdown"

/* A Python program's sockets, traced by both tools with opts and -e set; the traces must agree. */
static void python_same_as_strace(const char *opts, const char *set)
{
	static const char script[] =
		"import socket, os\n"
		"l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen()\n"
		"c = socket.socket(); c.connect(l.getsockname())\n"
		"a, _ = l.accept(); c.send(b'hi'); a.recv(2)\n"
		"try:\n"
		"    l6 = socket.socket(socket.AF_INET6); l6.bind(('::1', 0)); l6.listen()\n"
		"    c6 = socket.socket(socket.AF_INET6); c6.connect(l6.getsockname())\n"
		"    a6, _ = l6.accept(); c6.send(b'x'); a6.recv(1)\n"
		"    u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(('::1', 0))\n"
		"    u6.sendto(b'v', u6.getsockname()); u6.recv(1)\n"
		"except OSError:\n"
		"    pass\n"
		"u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))\n"
		"u.sendto(b'u', u.getsockname()); u.recv(1)\n"
		"p, q = socket.socketpair(); p.send(b'p'); q.recv(1)\n"
		"d, e = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM); d.send(b'd'); e.recv(1)\n"
		"s = socket.socket(socket.AF_UNIX); s.bind('s\\xe9.sock'); s.listen()\n"
		"t = socket.socket(socket.AF_UNIX); t.connect('s\\xe9.sock')\n"
		"v, _ = s.accept(); t.send(b't'); v.recv(1); t.shutdown(socket.SHUT_WR)\n"
		/* abstract: a name of this test's own, the same in both runs */
		"ab = socket.socket(socket.AF_UNIX)\n"
		"ab.bind(b'\\0scall\\x01' + os.path.basename(os.getcwd()).encode()); ab.listen()\n"
		"n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); n.bind((0, 0))\n"
		"try:\n"
		"    n.listen(1)\n"
		"except OSError:\n"
		"    pass\n"
		"os.unlink('s\\xe9.sock')\n";
	char cmd[4096], path[512];
	char *dir, *st, *sc, *nst, *nsc;
	FILE *f;

	if (!have_strace())
		cr_skip_test("strace is not installed");
	if (system("python3 -c pass >/dev/null 2>&1") != 0)
		cr_skip_test("no python3");
	dir = new_dir();
	snprintf(path, sizeof(path), "%s/s.py", dir);
	f = fopen(path, "w");
	cr_assert(f);
	fputs(script, f);
	fclose(f);
	/* the interpreter itself, not a wrapper that may stand first in PATH */
	snprintf(cmd, sizeof(cmd),
		 "py=\"$(python3 -c 'import os, sys; print(os.path.realpath(sys.executable))')\"; "
		 "strace %s -e %s -o st \"$py\" -I s.py; %s %s -e %s -o sc \"$py\" -I s.py",
		 opts, set, SCALL_BIN, opts, set);
	run_in(dir, cmd);
	snprintf(path, sizeof(path), "%s/st", dir);
	st = slurp(path);
	snprintf(path, sizeof(path), "%s/sc", dir);
	sc = slurp(path);
	cr_assert(strstr(st, "UNIX-STREAM:["), "strace showed no socket:\n%s", st);
	nst = normalize(st);
	nsc = normalize(sc);
	cr_expect_str_eq(nsc, nst, "scall and strace %s differ.\nstrace:\n%s\nscall:\n%s", opts,
			 nst, nsc);
	free(st);
	free(sc);
	free(nst);
	free(nsc);
	rm_dir(dir);
}

Test(sockets, python_yy)
{
	python_same_as_strace("-yy", PY_SET);
}

Test(sockets, python_yy_hex)
{
	python_same_as_strace("-yy -x", PY_SET);
}

Test(sockets, python_yy_all_hex)
{
	python_same_as_strace("-yy -xx", PY_SET_XX);
}

/* -e decode-fds=SET: each kind of decoration alone, together, all and none. */
Test(sockets, decode_fds_sets)
{
	static const char *const sets[] = { "path",     "socket",       "dev", "pidfd",
					    "path,dev", "socket,pidfd", "all", "none" };

	for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		char opt[64];
		struct run *r;
		char *got;

		snprintf(opt, sizeof(opt), "decode-fds=%s", sets[i]);
		r = scall_run("-o", "@T", "-e", "trace=close", "-e", opt, "@P/cli_fdkinds", sets[i],
			      NULL);
		cr_assert_eq(run_exit(r), 0, "%s: status %#x %s", sets[i], r->status, r->err);
		/* the loader closes descriptors too: compare the end of the trace */
		got = malloc(strlen(r->expect) + 32);
		sprintf(got, "%s+++ exited with 0 +++\n", r->expect);
		cr_expect(strlen(r->trace) >= strlen(got) &&
				  !strcmp(r->trace + strlen(r->trace) - strlen(got), got),
			  "%s: expected at the end:\n%s\ntrace:\n%s", sets[i], got, r->trace);
		free(got);
		run_free(r);
	}
}
