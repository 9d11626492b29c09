/* SPDX-License-Identifier: MIT */
/*
 * attach_driver - attach to and detach from a busy process, again and again.
 *
 *   attach_driver [-n CYCLES] [-e EVENTS] [-s] -- PROGRAM [ARGS...]
 *
 * Starts PROGRAM (untraced, its stdout into a pipe) and waits for its first
 * line, which must begin with "ready".  Then CYCLES times (default 50): a
 * new tracer attaches to the process, the driver handles up to EVENTS events
 * (default 200; fewer, and none at all, in some cycles), resuming with
 * SCALL_RESUME_SYSCALL or SCALL_RESUME_CONT in turn (with a filter that
 * stops at getpid and gettid, or without any: then only clones and signals
 * stop, and 50 ms without an event end the cycle) and delivering the signals
 * of SIGNAL events, and detaches, sometimes with the thread of the last
 * event still stopped.  After each detach every thread of the process
 * must run untraced: TracerPid 0 and no thread in a stopped or tracing-stop
 * state.  Every seventh cycle attaches to the process stopped by SIGSTOP:
 * after the detach it must still be stopped, untraced, and run on after
 * SIGCONT.  With -s a SIGRTMIN carrying the cycle number is queued to the
 * process in every third cycle while it is traced.
 *
 * At the end SIGUSR1 asks PROGRAM to finish; it must exit 0 and, with -s,
 * print "signals N" with N the number of signals queued (none lost, none
 * doubled).  Prints one line; exits 0 only if everything held.
 */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "scall.h"

static const char *prog = "attach_driver";
static pid_t child = -1;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

/* Read one line from fd within ms milliseconds; 0, or -1 on timeout or EOF. */
static int read_line(int fd, char *buf, size_t size, int ms)
{
	size_t n = 0;

	while (n + 1 < size) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		ssize_t r;

		if (poll(&pfd, 1, ms) <= 0)
			return -1;
		r = read(fd, buf + n, 1);
		if (r <= 0)
			return -1;
		if (buf[n] == '\n')
			break;
		n++;
	}
	buf[n] = 0;
	return 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* The TracerPid of a thread, or -1. */
static int tracer_of(pid_t pid, int tid)
{
	char path[96], line[256];
	int tracer = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, tid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "TracerPid:", 10))
			tracer = atoi(line + 10);
	fclose(f);
	return tracer;
}

/* The state letter of a thread ('R', 'S', 'T', 't', ...), or 0 if gone. */
static char state_of(pid_t pid, int tid)
{
	char path[96], line[512], *p;
	char c = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", (int)pid, tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (fgets(line, sizeof(line), f) && (p = strrchr(line, ')')) && p[1] == ' ')
		c = p[2];
	fclose(f);
	return c;
}

/*
 * 0 if no thread of pid is traced and every one is in a job-control stop
 * (stopped true) or in none (stopped false); else a message in why and the
 * thread to blame in *who.
 */
static int check_threads(pid_t pid, bool stopped, char *why, size_t size, int *who)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int bad = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	if (!dir) {
		snprintf(why, size, "the process is gone");
		return -1;
	}
	while ((d = readdir(dir)) && !bad) {
		int tid = atoi(d->d_name), tracer;
		char c;

		if (tid <= 0)
			continue;
		c = state_of(pid, tid);
		tracer = tracer_of(pid, tid);
		if (!c || tracer < 0)
			continue; /* a thread that just ended */
		if (tracer != 0 || c == 't' || (stopped ? c != 'T' : c == 'T')) {
			snprintf(why, size, "thread %d is in state %c, traced by %d%s", tid, c,
				 tracer, stopped ? " (should be stopped, untraced)" : "");
			*who = tid;
			bad = -1;
		}
	}
	closedir(dir);
	return bad;
}

/* check_threads() until it holds, for at most a second. */
static int settle(pid_t pid, bool stopped, char *why, size_t size, int *who)
{
	int i;

	for (i = 0; i < 500; i++) {
		if (check_threads(pid, stopped, why, size, who) == 0)
			return 0;
		sleep_ms(2);
	}
	return -1;
}

/* The events of the current cycle, to explain a failure. */
static struct logged {
	enum scall_event_type type;
	pid_t tid, child;
} * elog;
static size_t nlog, cap;

static void log_event(const struct scall_event *ev)
{
	if (nlog == cap) {
		struct logged *n = realloc(elog, (cap * 2 + 64) * sizeof(*n));

		if (!n)
			die("out of memory");
		elog = n;
		cap = cap * 2 + 64;
	}
	elog[nlog].type = ev->type;
	elog[nlog].tid = ev->tid;
	elog[nlog].child = ev->type == SCALL_EV_CLONE ? ev->child : 0;
	nlog++;
}

/* Print what the cycle reported about tid (everything if tid is 0). */
static void show_log(pid_t tid)
{
	static const char *const names[] = { "START", "SYSCALL", "SIGNAL", "GROUP_STOP",
					     "EXEC",  "CLONE",   "EXIT" };
	size_t k;
	int shown = 0;

	for (k = 0; k < nlog; k++) {
		if (tid && elog[k].tid != tid && elog[k].child != tid)
			continue;
		fprintf(stderr, "%s:   event %zu: %s tid %d", prog, k,
			elog[k].type <= SCALL_EV_EXIT ? names[elog[k].type] : "?",
			(int)elog[k].tid);
		if (elog[k].child)
			fprintf(stderr, " child %d", (int)elog[k].child);
		fputc('\n', stderr);
		shown++;
	}
	fprintf(stderr, "%s:   %zu events in the cycle, %d about thread %d%s\n", prog, nlog, shown,
		(int)tid, nlog ? "" : "");
	if (nlog)
		fprintf(stderr, "%s:   last event: type %d tid %d\n", prog, elog[nlog - 1].type,
			(int)elog[nlog - 1].tid);
}

int main(int argc, char **argv)
{
	int cycles = 50, events = 200, opt, p[2], st, c;
	unsigned long total_events = 0, sent = 0, delivered = 0;
	bool send_signals = false, ok = true;
	char line[256], why[256];
	FILE *out;

	while ((opt = getopt(argc, argv, "+n:e:s")) != -1) {
		switch (opt) {
		case 'n':
			cycles = atoi(optarg);
			break;
		case 'e':
			events = atoi(optarg);
			break;
		case 's':
			send_signals = true;
			break;
		default:
			fprintf(stderr,
				"usage: %s [-n CYCLES] [-e EVENTS] [-s] -- PROGRAM [ARGS...]\n",
				prog);
			return 2;
		}
	}
	if (optind >= argc || cycles < 1 || events < 0)
		die("nothing to run");
	if (pipe(p) != 0)
		die("pipe: %s", strerror(errno));
	child = fork();
	if (child < 0)
		die("fork: %s", strerror(errno));
	if (child == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execvp(argv[optind], argv + optind);
		_exit(127);
	}
	close(p[1]);
	if (read_line(p[0], line, sizeof(line), 10000) < 0 || strncmp(line, "ready", 5))
		die("%s did not say ready", argv[optind]);

	for (c = 0; c < cycles; c++) {
		enum scall_resume how = c % 2 ? SCALL_RESUME_CONT : SCALL_RESUME_SYSCALL;
		bool filter = c % 4 == 1; /* CONT cycles: with or without a filter */
		int want = c % 5 == 0 ? 0 : c % 5 == 1 ? 1 : events;
		bool leave_stopped = c % 3 == 2;
		bool job_stop = c % 7 == 6; /* attach to a process in a job-control stop */
		scall_tracer *t;
		int rc, n, who = 0;

		rc = scall_new(&t, 0);
		if (rc < 0)
			die("scall_new: %s", scall_strerror(rc));
		if (filter) {
			/* Attached: the library filters in user space. */
			scall_filter_add(t, SCALL_ABI_UNKNOWN,
					 scall_syscall_lookup(scall_native_abi(), "getpid"),
					 SCALL_ACT_TRACE, 0);
			scall_filter_add(t, SCALL_ABI_UNKNOWN,
					 scall_syscall_lookup(scall_native_abi(), "gettid"),
					 SCALL_ACT_TRACE, 0);
		}
		if (job_stop) {
			kill(child, SIGSTOP);
			if (settle(child, true, why, sizeof(why), &who))
				die("cycle %d: SIGSTOP did not stop every thread: %s", c, why);
		}
		rc = scall_attach(t, child);
		if (rc < 0)
			die("cycle %d: scall_attach: %s", c, scall_strerror(rc));
		if (send_signals && c % 3 == 0) {
			union sigval v = { .sival_int = c };

			if (sigqueue(child, SIGRTMIN, v) == 0)
				sent++;
			else
				die("sigqueue: %s", strerror(errno));
		}
		for (n = 0; n < want; n++) {
			struct scall_event ev;
			size_t k;
			int sig = 0;

			/* Without a filter, CONT stops at clones and signals only;
			 * a stopped process, at nothing after its STARTs. */
			bool few = (how == SCALL_RESUME_CONT && !filter) || job_stop;

			rc = scall_wait(t, &ev, few ? 50 : 10000);
			if (rc == -ETIMEDOUT && few)
				break;
			if (rc < 0)
				die("cycle %d, event %d: scall_wait: %s", c, n, scall_strerror(rc));
			total_events++;
			if (ev.type == SCALL_EV_EXIT && ev.tid == child)
				die("cycle %d: the process ended (status %#x)", c, ev.status);
			if (ev.type != SCALL_EV_START && ev.type != SCALL_EV_EXIT) {
				for (k = 0; k < nlog; k++)
					if (elog[k].type == SCALL_EV_START && elog[k].tid == ev.tid)
						break;
				if (k == nlog)
					die("cycle %d: event %d for tid %d, never STARTed", c,
					    ev.type, (int)ev.tid);
			}
			log_event(&ev);
			if (ev.type == SCALL_EV_EXIT)
				continue;
			if (ev.type == SCALL_EV_SIGNAL) {
				sig = ev.sig;
				delivered++;
			}
			if (leave_stopped && n == want - 1)
				break; /* detach with this thread stopped */
			rc = scall_resume(t, ev.tid, how, sig);
			if (rc < 0)
				die("cycle %d: scall_resume(%d): %s", c, (int)ev.tid,
				    scall_strerror(rc));
		}
		rc = scall_detach(t, child);
		if (rc < 0)
			die("cycle %d: scall_detach: %s", c, scall_strerror(rc));
		scall_free(t);
		/* Untraced now, and stopped if it was: give the kernel a moment. */
		if (job_stop) {
			if (settle(child, true, why, sizeof(why), &who)) {
				show_log(who);
				die("cycle %d: attached in a job-control stop, after detach: %s", c,
				    why);
			}
			kill(child, SIGCONT);
		}
		if (settle(child, false, why, sizeof(why), &who)) {
			show_log(who);
			die("cycle %d (%s%s, %d events%s): after detach: %s", c,
			    how == SCALL_RESUME_CONT ? "CONT" : "SYSCALL",
			    filter ? " with a filter" : "", n,
			    leave_stopped ? ", the last one not resumed" : "", why);
		}
		nlog = 0;
		sleep_ms(2);
	}

	kill(child, SIGUSR1);
	out = fdopen(p[0], "r");
	while (out && fgets(line, sizeof(line), out)) {
		unsigned long got;

		if (sscanf(line, "signals %lu", &got) == 1 && send_signals && got != sent) {
			fprintf(stderr, "%s: %lu signals queued, the process received %lu\n", prog,
				sent, got);
			ok = false;
		}
		if (strstr(line, "FAILED")) {
			fprintf(stderr, "%s: the process says: %s", prog, line);
			ok = false;
		}
	}
	while (waitpid(child, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "%s: the process ended with status %#x\n", prog, st);
		ok = false;
	}
	printf("attach_driver: %d cycles, %lu events, %lu signals queued, %lu signal stops: %s\n",
	       cycles, total_events, sent, delivered, ok ? "ok" : "FAILED");
	return ok ? 0 : 1;
}
