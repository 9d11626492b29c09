/* SPDX-License-Identifier: MIT */
/* The command line: strace's options, with strace's meanings. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <scall.h>

#include "expr.h"
#include "options.h"
#include "report.h"
#include "pathtrace.h"
#include "tamper.h"
#include "util.h"

struct options opt = {
	.strsize = 32,
	.rel_prec = -1,
	.dur_prec = -1,
	.column = 40,
	.sort_by = "time",
	.status = STATUS_ALL,
};

extern char **environ;

enum {
	OPT_JSON = 0x100,
	OPT_SECCOMP,
	OPT_TIPS,
	OPT_ABS_TS,
	OPT_REL_TS,
	OPT_SYSCALL_TIMES,
	OPT_STRINGS_HEX,
	OPT_DECODE_FDS,
	OPT_DECODE_PIDS,
	OPT_OUTPUT_SEP,
	OPT_QUIET,
	OPT_SUMMARY_ONLY,
	OPT_SUMMARY,
	OPT_QUALIFY, /* --trace=, --signal=, --status=, ... */
	OPT_UNSUPPORTED,
	OPT_DAEMONIZE,
	OPT_FOLLOW,
	OPT_KILL_ON_EXIT,
	OPT_DENY,
	OPT_REDIRECT,
	OPT_STATS,
};

static const struct option longopts[] = {
	{ "json", no_argument, NULL, OPT_JSON },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "attach", required_argument, NULL, 'p' },
	{ "trace-path", required_argument, NULL, 'P' },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "detach-on", required_argument, NULL, 'b' },
	{ "user", required_argument, NULL, 'u' },
	{ "output", required_argument, NULL, 'o' },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "output-separately", no_argument, NULL, OPT_OUTPUT_SEP },
	{ "follow-forks", no_argument, NULL, OPT_FOLLOW },
	{ "string-limit", required_argument, NULL, 's' },
	{ "columns", required_argument, NULL, 'a' },
	{ "no-abbrev", no_argument, NULL, 'v' },
	{ "const-print-style", required_argument, NULL, 'X' },
	{ "decode-fds", optional_argument, NULL, OPT_DECODE_FDS },
	{ "decode-pids", required_argument, NULL, OPT_DECODE_PIDS },
	{ "absolute-timestamps", optional_argument, NULL, OPT_ABS_TS },
	{ "timestamps", optional_argument, NULL, OPT_ABS_TS },
	{ "relative-timestamps", optional_argument, NULL, OPT_REL_TS },
	{ "syscall-times", optional_argument, NULL, OPT_SYSCALL_TIMES },
	{ "strings-in-hex", optional_argument, NULL, OPT_STRINGS_HEX },
	{ "summary-only", no_argument, NULL, OPT_SUMMARY_ONLY },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "summary-wall-clock", no_argument, NULL, 'w' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "summary-syscall-overhead", required_argument, NULL, 'O' },
	{ "summary-columns", required_argument, NULL, 'U' },
	{ "successful-only", no_argument, NULL, 'z' },
	{ "failed-only", no_argument, NULL, 'Z' },
	{ "syscall-number", no_argument, NULL, 'n' },
	{ "instruction-pointer", no_argument, NULL, 'i' },
	{ "quiet", optional_argument, NULL, OPT_QUIET },
	{ "silent", optional_argument, NULL, OPT_QUIET },
	{ "silence", optional_argument, NULL, OPT_QUIET },
	{ "env", required_argument, NULL, 'E' },
	{ "trace", required_argument, NULL, OPT_QUALIFY },
	{ "signal", required_argument, NULL, OPT_QUALIFY },
	{ "status", required_argument, NULL, OPT_QUALIFY },
	{ "abbrev", required_argument, NULL, OPT_QUALIFY },
	{ "verbose", required_argument, NULL, OPT_QUALIFY },
	{ "raw", required_argument, NULL, OPT_QUALIFY },
	{ "read", required_argument, NULL, OPT_QUALIFY },
	{ "write", required_argument, NULL, OPT_QUALIFY },
	{ "inject", required_argument, NULL, OPT_QUALIFY },
	{ "fault", required_argument, NULL, OPT_QUALIFY },
	{ "kvm", required_argument, NULL, OPT_QUALIFY },
	{ "deny", required_argument, NULL, OPT_DENY },
	{ "redirect", required_argument, NULL, OPT_REDIRECT },
	{ "trace-fds", required_argument, NULL, OPT_QUALIFY },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP },
	{ "tips", optional_argument, NULL, OPT_TIPS },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "interruptible", required_argument, NULL, 'I' },
	{ "kill-on-exit", no_argument, NULL, OPT_KILL_ON_EXIT },
	/* strace options scall does not implement yet */
	{ "daemonize", optional_argument, NULL, OPT_DAEMONIZE },
	{ "secontext", optional_argument, NULL, OPT_UNSUPPORTED },
	{ "pidns-translation", no_argument, NULL, OPT_UNSUPPORTED },
	{ "always-show-pid", no_argument, NULL, OPT_UNSUPPORTED },
	{ "argv0", required_argument, NULL, OPT_UNSUPPORTED },
	{ NULL, 0, NULL, 0 },
};

static void usage(void)
{
	printf("Usage: scall [-ACcfhinqrtTvVwxyYzZ] [-a COLUMN] [-e EXPR]... [-o FILE]\n"
	       "             [-s STRSIZE] [-X FORMAT] [-O OVERHEAD] [-S SORTBY] [-E VAR=VAL]...\n"
	       "             { -p PID[,PID]... | [--] PROG [ARGS] }\n"
	       "\n"
	       "Trace the system calls of PROG, or of running processes (-p), with the\n"
	       "options and output of strace.\n"
	       "\n"
	       "Tracing:\n"
	       "  -f, --follow-forks       trace child processes too\n"
	       "  -ff                      with -o FILE: one file FILE.PID per process\n"
	       "  -p, --attach=PID         trace running processes (SIGINT detaches)\n"
	       "  -P, --trace-path=PATH    only calls that name PATH or use a descriptor on it\n"
	       "  -E, --env=VAR[=VAL]      set or remove VAR in PROG's environment\n"
	       "\n"
	       "Filtering:\n"
	       "  -e trace=SET, --trace=SET   calls to trace: names, %%CLASS, /REGEX, all,\n"
	       "                              none, ?NAME, NAME@64|@32; !SET inverts\n"
	       "  -e signal=SET, --signal=SET signals to print\n"
	       "  -e status=SET, --status=SET successful,failed,unfinished,unavailable,detached\n"
	       "  -z, --successful-only    print only calls that succeeded\n"
	       "  -Z, --failed-only        print only calls that failed\n"
	       "\n"
	       "Output:\n"
	       "  -o, --output=FILE        write the trace to FILE instead of stderr;\n"
	       "                           |CMD or !CMD pipes it to a shell command\n"
	       "  -A                       append to FILE\n"
	       "  -a, --columns=COLUMN     align return values at COLUMN (default 40)\n"
	       "  -s, --string-limit=N     print at most N bytes of strings (default 32)\n"
	       "  -v, --no-abbrev          print structures and arrays in full\n"
	       "  -e abbrev=SET, verbose=SET, raw=SET   per call: abbreviate, dereference,\n"
	       "                           print raw arguments\n"
	       "  -e read=FDS, write=FDS   hex dump of the data read from or written to FDS\n"
	       "  -X raw|abbrev|verbose    how constants are printed\n"
	       "  -x, -xx                  strings with non-ASCII bytes, or all strings, in hex\n"
	       "  -y, -yy                  print paths of file descriptors\n"
	       "  -Y, --decode-pids=comm   print command names of pids: 5703<sh>\n"
	       "  -t, -tt, -ttt            absolute timestamps (seconds, us, unix time)\n"
	       "  -r                       timestamps relative to the previous line\n"
	       "  -T                       time spent in each call\n"
	       "  -k, --stack-traces       the stack of the thread after each call\n"
	       "  -b, --detach-on=execve   let a process go when it calls execve\n"
	       "  -u, --user=USER          run the command as USER (uid, gid and groups)\n"
	       "  -D, -DD, -DDD            the tracer as a grandchild (in its own group, session)\n"
	       "  -n                       print the system call number\n"
	       "  -i                       print the instruction pointer\n"
	       "  -q, -qq, -qqq            quieter: attach messages, exit statuses, all\n"
	       "  --json                   JSON Lines: one object per call, signal and exit\n"
	       "  --stats                  print the number of ptrace stops at the end\n"
	       "\n"
	       "Tampering:\n"
	       "  -e inject=SET:KEY=VAL[:KEY=VAL...], --inject=...\n"
	       "                           error=E, retval=V, signal=SIG, syscall=NAME,\n"
	       "                           delay_enter=T, delay_exit=T, poke_enter=@argN=HEX,\n"
	       "                           poke_exit=@argN=HEX, argN=V, when=N[..M][+[S]]\n"
	       "  -e fault=SET[:error=E][:when=...]   inject=, error ENOSYS by default\n"
	       "  --deny=SET[:error=E|:kill]   kernel-enforced denial (seccomp); EPERM default\n"
	       "  --redirect=OLD=NEW       rewrite paths at or below OLD to NEW\n"
	       "\n"
	       "Statistics:\n"
	       "  -c, --summary-only       count time, calls and errors; print a summary\n"
	       "  -U, --summary-columns=COLUMNS  which columns the summary has, in order\n"
	       "  -C, --summary            like -c, and print the trace too\n"
	       "  -w                       summarise wall-clock latency\n"
	       "  -S SORTBY                time, calls, errors, name, avg-time, min-time,\n"
	       "                           max-time, nothing\n"
	       "  -O OVERHEAD              subtract OVERHEAD (us) from each call's time\n"
	       "\n"
	       "  -h, --help               this help\n"
	       "  -V, --version            the version\n");
}

static void __attribute__((noreturn)) unsupported(const char *what)
{
	die("option %s is not supported yet", what);
}

static long parse_num(const char *what, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		usage_error("invalid %s '%s'", what, s);
	return v;
}

static int parse_precision(const char *what, const char *s)
{
	if (!strcmp(s, "s"))
		return 0;
	if (!strcmp(s, "ms"))
		return 3;
	if (!strcmp(s, "us"))
		return 6;
	if (!strcmp(s, "ns"))
		return 9;
	usage_error("invalid %s precision '%s' (s, ms, us or ns)", what, s);
}

/* --absolute-timestamps=[[format:]FORMAT[,[precision:]PRECISION]] */
static void parse_abs_ts(const char *arg)
{
	char *copy, *tok, *save;

	if (!arg) {
		opt.ts = TS_TIME;
		return;
	}
	copy = xstrdup(arg);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *v = tok;

		if (!strncmp(v, "format:", 7))
			v += 7;
		else if (!strncmp(v, "precision:", 10)) {
			opt.ts_prec = parse_precision("timestamp", v + 10);
			continue;
		}
		if (!strcmp(v, "none"))
			opt.ts = TS_NONE;
		else if (!strcmp(v, "time"))
			opt.ts = TS_TIME;
		else if (!strcmp(v, "unix"))
			opt.ts = TS_UNIX;
		else
			opt.ts_prec = parse_precision("timestamp", v);
	}
	free(copy);
	if (opt.ts == TS_NONE && strcmp(arg, "none"))
		opt.ts = TS_TIME;
}

static void add_pids(const char *arg)
{
	char *copy = xstrdup(arg), *tok, *save;

	for (tok = strtok_r(copy, ", \t\n", &save); tok; tok = strtok_r(NULL, ", \t\n", &save)) {
		long pid = parse_num("process id", tok, 1, INT_MAX);

		if (pid == getpid())
			usage_error("scall cannot trace itself (-p %ld)", pid);
		opt.pids = xrealloc(opt.pids, sizeof(*opt.pids) * (size_t)(opt.npids + 1));
		opt.pids[opt.npids++] = (pid_t)pid;
	}
	free(copy);
}

static size_t env_count;

static void env_init(void)
{
	size_t n = 0;

	if (opt.env)
		return;
	while (environ[n])
		n++;
	opt.env = xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		opt.env[i] = environ[i];
	env_count = n;
}

/* -E VAR=VAL sets, -E VAR removes. */
static void env_change(const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t klen = eq ? (size_t)(eq - arg) : strlen(arg);
	size_t i, j;

	if (klen == 0)
		usage_error("invalid environment variable '%s'", arg);
	env_init();
	for (i = j = 0; i < env_count; i++) {
		if (!strncmp(opt.env[i], arg, klen) && opt.env[i][klen] == '=')
			continue;
		opt.env[j++] = opt.env[i];
	}
	env_count = j;
	if (eq) {
		opt.env = xrealloc(opt.env, sizeof(char *) * (env_count + 2));
		opt.env[env_count++] = xstrdup(arg);
	}
	opt.env[env_count] = NULL;
}

static const char *const sort_keys[] = {
	"time",     "time_total", "total_time", "min-time",     "min_time", "shortest", "max-time",
	"max_time", "longest",    "avg-time",   "avg_time",     "calls",    "count",    "errors",
	"error",    "name",       "syscall",    "syscall_name", "nothing",  "none",     NULL,
};

void parse_options(int argc, char **argv)
{
	int c, li = 0, fcount = 0, tcount = 0, qcount = 0, xcount = 0, ycount = 0;
	bool want_ff = false;

	expr_init();
	while ((c = getopt_long(argc, argv, "+a:Ab:cCdDe:E:fFhiI:kno:O:p:P:qrs:S:tTu:U:vVwxX:yYzZ",
				longopts, &li)) != -1) {
		switch (c) {
		case 'a':
			opt.column = (int)parse_num("column", optarg, 0, INT_MAX);
			break;
		case 'A':
			opt.append = true;
			break;
		case 'c':
			if (opt.summary == SUMMARY_TOO)
				usage_error("-c and -C are mutually exclusive");
			opt.summary = SUMMARY_ONLY;
			break;
		case 'C':
			if (opt.summary == SUMMARY_ONLY)
				usage_error("-c and -C are mutually exclusive");
			opt.summary = SUMMARY_TOO;
			break;
		case OPT_SUMMARY_ONLY:
			opt.summary = SUMMARY_ONLY;
			break;
		case OPT_SUMMARY:
			opt.summary = SUMMARY_TOO;
			break;
		case 'd':
			opt.debug++;
			break;
		case 'e':
			expr_parse(optarg);
			break;
		case 'E':
			env_change(optarg);
			break;
		case 'f':
			fcount++;
			break;
		case 'F':
			fcount = fcount ? fcount : 1;
			break;
		case OPT_FOLLOW:
			fcount = fcount ? fcount : 1;
			break;
		case OPT_OUTPUT_SEP:
			want_ff = true;
			break;
		case 'h':
			usage();
			exit(0);
		case 'i':
			opt.print_ip = true;
			break;
		case 'I':
			/* The tracer blocks no signals it needs; accepted for compatibility. */
			if (strcmp(optarg, "anywhere") && strcmp(optarg, "waiting") &&
			    strcmp(optarg, "never") && strcmp(optarg, "never_tstp"))
				parse_num("-I value", optarg, 1, 4);
			break;
		case 'n':
			opt.print_nr = true;
			break;
		case 'o':
			opt.outfile = optarg;
			opt.outpipe = optarg[0] == '|' || optarg[0] == '!';
			break;
		case 'O': {
			char *end;
			double v = strtod(optarg, &end);

			if (end == optarg || v < 0)
				usage_error("invalid overhead '%s'", optarg);
			if (!strcmp(end, "s"))
				opt.overhead = v;
			else if (!strcmp(end, "ms"))
				opt.overhead = v / 1e3;
			else if (!strcmp(end, "") || !strcmp(end, "us"))
				opt.overhead = v / 1e6;
			else if (!strcmp(end, "ns"))
				opt.overhead = v / 1e9;
			else
				usage_error("invalid overhead '%s'", optarg);
			break;
		}
		case 'p':
			add_pids(optarg);
			break;
		case 'q':
			qcount++;
			break;
		case OPT_QUIET:
			if (optarg)
				expr_qualify("quiet", optarg);
			else
				qcount = qcount ? qcount : 1;
			break;
		case 'r':
			opt.rel_prec = 6;
			break;
		case OPT_REL_TS:
			opt.rel_prec = optarg ? parse_precision("relative timestamp", optarg) : 6;
			break;
		case 's':
			opt.strsize = (int)parse_num("string limit", optarg, 0, INT_MAX);
			break;
		case 'S': {
			const char *const *k;

			for (k = sort_keys; *k; k++)
				if (!strcmp(*k, optarg))
					break;
			if (!*k)
				usage_error("invalid sortby: '%s'", optarg);
			opt.sort_by = optarg;
			break;
		}
		case 't':
			tcount++;
			break;
		case OPT_ABS_TS:
			parse_abs_ts(optarg);
			break;
		case 'T':
			opt.dur_prec = 6;
			break;
		case OPT_SYSCALL_TIMES:
			opt.dur_prec = optarg ? parse_precision("syscall time", optarg) : 6;
			break;
		case 'v':
			opt.no_abbrev = true;
			expr_verbose_all();
			break;
		case 'V':
			printf("scall -- version %d.%d.%d\n", SCALL_VERSION_MAJOR,
			       SCALL_VERSION_MINOR, SCALL_VERSION_PATCH);
			exit(0);
		case 'w':
			opt.wall = true;
			break;
		case 'x':
			xcount++;
			break;
		case OPT_STRINGS_HEX:
			if (!optarg || !strcmp(optarg, "all"))
				opt.hex = HEX_ALL;
			else if (!strcmp(optarg, "non-ascii"))
				opt.hex = HEX_NONASCII;
			else if (!strcmp(optarg, "non-ascii-chars"))
				opt.hex = HEX_NONASCII_CHARS;
			else if (!strcmp(optarg, "none"))
				opt.hex = HEX_NONE;
			else
				usage_error("invalid --strings-in-hex argument '%s'", optarg);
			break;
		case 'X':
			if (!strcmp(optarg, "raw"))
				opt.xlat = XLAT_RAW;
			else if (!strcmp(optarg, "abbrev"))
				opt.xlat = XLAT_ABBREV;
			else if (!strcmp(optarg, "verbose"))
				opt.xlat = XLAT_VERBOSE;
			else
				usage_error("invalid -X argument '%s' (raw, abbrev or verbose)",
					    optarg);
			break;
		case 'y':
			ycount++;
			break;
		case OPT_DECODE_FDS:
			if (!optarg)
				opt.decode_fds = DECODE_FD_PATH;
			else
				expr_qualify("decode-fds", optarg);
			break;
		case 'z':
			opt.status = STATUS_SUCCESSFUL;
			break;
		case 'Z':
			opt.status = STATUS_FAILED;
			break;
		case OPT_QUALIFY:
			expr_qualify(longopts[li].name, optarg);
			break;
		case OPT_STATS:
			opt.stats = true;
			break;
		case OPT_JSON:
			opt.json = true;
			break;
		case OPT_DENY:
			deny_parse(optarg);
			break;
		case OPT_REDIRECT:
			redirect_parse(optarg);
			break;
		case OPT_SECCOMP:
		case OPT_KILL_ON_EXIT:
			/* scall always filters in the kernel and kills what it spawned */
			break;
		case OPT_TIPS:
			break;
		case 'D':
			opt.daemonize++;
			break;
		case OPT_DAEMONIZE:
			if (!optarg || !strcmp(optarg, "grandchild"))
				opt.daemonize = 1;
			else if (!strcmp(optarg, "pgroup") || !strcmp(optarg, "pgrp"))
				opt.daemonize = 2;
			else if (!strcmp(optarg, "session"))
				opt.daemonize = 3;
			else
				usage_error("invalid --daemonize argument '%s'", optarg);
			break;
		case 'b':
			if (strcmp(optarg, "execve"))
				usage_error("Syscall '%s' for -b isn't supported (only execve)",
					    optarg);
			opt.detach_on_execve = true;
			break;
		case 'k':
			opt.stack = true;
			break;
		case 'P':
			pathtrace_add(optarg);
			break;
		case 'u':
			opt.user = optarg;
			break;
		case 'U':
			stats_columns(optarg);
			break;
		case 'Y':
			opt.decode_pids = DECODE_PID_COMM;
			break;
		case OPT_DECODE_PIDS:
			expr_qualify("decode-pids", optarg);
			break;
		case OPT_UNSUPPORTED: {
			char name[64];

			/* the option's name, not its argument (the last word read) */
			snprintf(name, sizeof(name), "--%s", longopts[li].name);
			unsupported(name);
			break;
		}
		default:
			fputs("Try 'scall --help' for more information.\n", stderr);
			exit(1);
		}
	}

	if (fcount)
		opt.follow = 1;
	if (fcount > 1 || want_ff)
		opt.separate = opt.outfile != NULL;
	if (tcount == 1 && opt.ts == TS_NONE)
		opt.ts = TS_TIME;
	else if (tcount == 2) {
		opt.ts = TS_TIME;
		opt.ts_prec = 6;
	} else if (tcount >= 3) {
		opt.ts = TS_UNIX;
		opt.ts_prec = 6;
	}
	if (xcount == 1)
		opt.hex = HEX_NONASCII;
	else if (xcount >= 2)
		opt.hex = HEX_ALL;
	if (ycount)
		opt.decode_fds = ycount > 1 ? DECODE_FD_ALL : DECODE_FD_PATH;

	argv += optind;
	argc -= optind;
	if (argc > 0)
		opt.argv = argv;
	if (!opt.argv && !opt.npids)
		usage_error("must have PROG [ARGS] or -p PID");
	if (ndeny_rules && opt.npids)
		usage_error("--deny needs a command: a running process (-p) cannot be given a "
			    "kernel filter");
	if (opt.daemonize && (!opt.argv || opt.npids))
		usage_error("-D needs a command, and no -p");
	if (opt.daemonize && ndeny_rules)
		usage_error("--deny cannot be used with -D: the command is attached, not given a "
			    "kernel filter");
	if (opt.user && !opt.argv)
		usage_error("-u needs a command: it sets who runs the command");
	if (opt.outpipe && opt.separate)
		usage_error("piping the output and -ff/--output-separately are mutually exclusive");
	if (opt.append && !opt.outfile)
		msg("-A has no effect without -o");
	if (opt.wall && opt.summary == SUMMARY_NONE)
		msg("-w has no effect without -c or -C");

	if (!opt.quiet_set) {
		if (qcount == 1)
			opt.quiet = QUIET_ATTACH | QUIET_PERSONALITY;
		else if (qcount == 2)
			opt.quiet = QUIET_ATTACH | QUIET_PERSONALITY | QUIET_EXIT;
		else if (qcount >= 3)
			opt.quiet = QUIET_ALL;
		else if (opt.outfile && opt.argv)
			opt.quiet = QUIET_ATTACH | QUIET_PERSONALITY;
	}
}
