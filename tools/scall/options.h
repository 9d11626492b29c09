/* SPDX-License-Identifier: MIT */
/* The command line: strace-compatible options, parsed once into `opt`. */
#ifndef SCALL_CLI_OPTIONS_H
#define SCALL_CLI_OPTIONS_H

#include <stdbool.h>
#include <sys/types.h>

/* -X: how named constants are printed. */
enum xlat_style { XLAT_ABBREV = 0, XLAT_RAW, XLAT_VERBOSE };

/* -t / --absolute-timestamps format. */
enum ts_format { TS_NONE = 0, TS_TIME, TS_UNIX };

/* -c / -C */
enum summary_mode { SUMMARY_NONE = 0, SUMMARY_ONLY, SUMMARY_TOO };

/* -e quiet= bits */
#define QUIET_ATTACH 0x1
#define QUIET_EXIT 0x2
#define QUIET_PERSONALITY 0x4
#define QUIET_PATH 0x8
#define QUIET_THREAD_EXECVE 0x10
#define QUIET_SUPERSEDED 0x20
#define QUIET_ALL 0x3f

/* -e status= bits */
#define STATUS_SUCCESSFUL 0x1
#define STATUS_FAILED 0x2
#define STATUS_UNFINISHED 0x4
#define STATUS_UNAVAILABLE 0x8
#define STATUS_DETACHED 0x10
#define STATUS_ALL 0x1f

/* -y, -yy, -e decode-fds=: what descriptors are decorated with */
#define DECODE_FD_PATH 0x1   /* what /proc/PID/fd/N links to */
#define DECODE_FD_SOCKET 0x2 /* protocol and addresses of sockets */
#define DECODE_FD_DEV 0x4    /* the path and major:minor of devices */
#define DECODE_FD_PIDFD 0x8  /* the pid of a pidfd */
#define DECODE_FD_ALL 0xf

/* -Y, --decode-pids=: what pids are decorated with */
#define DECODE_PID_COMM 0x1  /* the command name, from /proc/PID/comm */
#define DECODE_PID_PIDNS 0x2 /* the pid in the tracer's namespace (not supported yet) */
#define DECODE_PID_ALL 0x3

/* -x: strings in hex */
enum hex_mode { HEX_NONE = 0, HEX_NONASCII_CHARS, HEX_NONASCII, HEX_ALL };

struct options {
	int follow;           /* -f */
	bool separate;        /* -ff / --output-separately */
	const char *outfile;  /* -o */
	bool outpipe;         /* -o |CMD or -o !CMD: a pipe to a shell command */
	bool append;          /* -A */
	int strsize;          /* -s, default 32 */
	enum xlat_style xlat; /* -X */
	unsigned decode_fds;  /* DECODE_FD_*: -y path, -yy all */
	unsigned decode_pids; /* DECODE_PID_*: -Y comm */
	enum ts_format ts;    /* -t -tt -ttt */
	int ts_prec;          /* digits after the second: 0, 3, 6, 9 */
	int rel_prec;         /* -r: digits, -1 when off */
	int dur_prec;         /* -T: digits, -1 when off */
	enum summary_mode summary;
	bool wall;           /* -w */
	const char *sort_by; /* -S */
	double overhead;     /* -O, seconds */
	unsigned quiet;      /* QUIET_* */
	bool quiet_set;      /* given by the user */
	unsigned status;     /* STATUS_* to print */
	bool print_nr;       /* -n */
	bool print_ip;       /* -i */
	int column;          /* -a, default 40 */
	enum hex_mode hex;   /* -x */
	bool json;           /* --json */
	bool stats;          /* --stats: ptrace stops on stderr at the end */
	pid_t *pids;         /* -p */
	int npids;
	char **env;            /* the environment for the command (-E) */
	char **argv;           /* the command */
	int debug;             /* -d */
	bool no_abbrev;        /* -v */
	bool stack;            /* -k: a stack trace after each call */
	bool detach_on_execve; /* -b execve */
	const char *user;      /* -u: run the command as this user */
	int daemonize;         /* -D: 1, -DD: 2, -DDD: 3 */
};

extern struct options opt;

/* Parse the command line into opt; usage errors exit with status 1. */
void parse_options(int argc, char **argv);

#endif
