/* SPDX-License-Identifier: MIT */
/* Helpers of the behavioural tests of libscall: see helpers.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

#define H_MAX_ARGS 32

#define H_MAX_OWNED 4

static char out_buf[1 << 16];

/* What h_cleanup() frees if a test fails before it does. */
static scall_tracer *tracers[H_MAX_OWNED];
static struct h_log *logs[H_MAX_OWNED];

/* Put p in the first free slot of owned. */
static void own(void **owned, void *p)
{
	int i;

	for (i = 0; i < H_MAX_OWNED; i++) {
		if (!owned[i]) {
			owned[i] = p;
			return;
		}
	}
	cr_assert_fail("more than %d tracers or logs in one test", H_MAX_OWNED);
}

static void disown(void **owned, void *p)
{
	int i;

	for (i = 0; i < H_MAX_OWNED; i++) {
		if (owned[i] == p)
			owned[i] = NULL;
	}
}

scall_tracer *h_new(unsigned flags)
{
	scall_tracer *t = NULL;
	int rc = scall_new(&t, flags | SCALL_KILL_ON_EXIT);

	cr_assert_eq(rc, 0, "scall_new(%#x): %d", flags, rc);
	cr_assert_not_null(t);
	own((void **)tracers, t);
	return t;
}

void h_free(scall_tracer *t)
{
	disown((void **)tracers, t);
	scall_free(t);
}

void h_cleanup(void)
{
	int i;

	for (i = 0; i < H_MAX_OWNED; i++) {
		if (tracers[i])
			h_free(tracers[i]);
		if (logs[i])
			h_log_free(logs[i]);
	}
}

/* PROGS_DIR/prog and the NULL-terminated arguments of ap, in argv. */
static void make_argv(char **argv, char *path, size_t size, const char *prog, va_list ap)
{
	const char *a;
	int n = 1;

	snprintf(path, size, "%s/%s", PROGS_DIR, prog);
	argv[0] = path;
	while ((a = va_arg(ap, const char *)) != NULL) {
		cr_assert_lt(n, H_MAX_ARGS - 1, "too many arguments");
		argv[n++] = (char *)a;
	}
	argv[n] = NULL;
}

/* Make c's pipe and memfd; *in_rd receives the read end of the stdin pipe. */
static void child_fds(struct h_child *c, int *in_rd)
{
	int p[2];

	c->out = memfd_create("scall-test-out", MFD_CLOEXEC);
	cr_assert_geq(c->out, 0, "memfd_create: %s", strerror(errno));
	cr_assert_eq(pipe2(p, O_CLOEXEC), 0, "pipe2: %s", strerror(errno));
	*in_rd = p[0];
	c->in = p[1];
}

/* scall_spawn() of argv with c's stdin and stdout in place of the tracer's. */
static int spawn_argv(scall_tracer *t, struct h_child *c, char **argv)
{
	int in_rd, saved_in, saved_out, rc;

	memset(c, 0, sizeof(*c));
	child_fds(c, &in_rd);
	fflush(stdout);
	saved_in = fcntl(0, F_DUPFD_CLOEXEC, 3);
	saved_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
	cr_assert(saved_in >= 0 && saved_out >= 0, "dup: %s", strerror(errno));
	dup2(in_rd, 0);
	dup2(c->out, 1);
	rc = scall_spawn(t, argv, NULL, &c->pid);
	dup2(saved_in, 0);
	dup2(saved_out, 1);
	close(saved_in);
	close(saved_out);
	close(in_rd);
	return rc;
}

int h_spawn_rc(scall_tracer *t, struct h_child *c, const char *prog, ...)
{
	char *argv[H_MAX_ARGS], path[512];
	va_list ap;

	va_start(ap, prog);
	make_argv(argv, path, sizeof(path), prog, ap);
	va_end(ap);
	return spawn_argv(t, c, argv);
}

pid_t h_start(scall_tracer *t, struct h_child *c, const char *prog, ...)
{
	char *argv[H_MAX_ARGS], path[512];
	struct scall_event ev;
	va_list ap;
	int rc;

	va_start(ap, prog);
	make_argv(argv, path, sizeof(path), prog, ap);
	va_end(ap);
	rc = spawn_argv(t, c, argv);
	cr_assert_eq(rc, 0, "scall_spawn(%s): %d (%s)", path, rc, strerror(-rc));
	cr_assert_gt(c->pid, 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START, "first event is not START: %s", h_ev_str(&ev));
	cr_assert_eq(ev.tid, c->pid, "START of %d, spawned %d", ev.tid, c->pid);
	cr_assert_eq(ev.pid, c->pid);
	return c->pid;
}

pid_t h_fork_exec(struct h_child *c, const char *prog, ...)
{
	char *argv[H_MAX_ARGS], path[512];
	pid_t parent = getpid();
	int in_rd;
	va_list ap;

	va_start(ap, prog);
	make_argv(argv, path, sizeof(path), prog, ap);
	va_end(ap);
	memset(c, 0, sizeof(*c));
	child_fds(c, &in_rd);
	fflush(stdout);
	c->pid = fork();
	cr_assert_geq(c->pid, 0, "fork: %s", strerror(errno));
	if (c->pid == 0) {
		/* Die with the test, whatever happens to it. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(126);
		dup2(in_rd, 0);
		dup2(c->out, 1);
		execv(path, argv);
		_exit(127);
	}
	close(in_rd);
	return c->pid;
}

const char *h_output(struct h_child *c)
{
	ssize_t n = pread(c->out, out_buf, sizeof(out_buf) - 1, 0);

	out_buf[n > 0 ? n : 0] = '\0';
	return out_buf;
}

void h_wait_output(struct h_child *c, const char *text)
{
	int waited;

	for (waited = 0; waited < H_WAIT_MS; waited += 10) {
		if (strstr(h_output(c), text))
			return;
		h_msleep(10);
	}
	cr_assert_fail("no \"%s\" in the output of %d: \"%s\"", text, c->pid, h_output(c));
}

/* Finds the n-th line starting with "op "; copies it (without '\n') into line. */
static bool find_line(struct h_child *c, const char *op, int n, char *line, size_t size)
{
	const char *p = h_output(c);
	size_t oplen = strlen(op);

	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > oplen && strncmp(p, op, oplen) == 0 && p[oplen] == ' ' && n-- == 0) {
			if (len >= size)
				len = size - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			return true;
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	return false;
}

bool h_has_result(struct h_child *c, const char *op, int n)
{
	char line[512];

	return find_line(c, op, n, line, sizeof(line));
}

struct h_res h_result(struct h_child *c, const char *op, int n)
{
	struct h_res r;
	char line[512];
	int used = 0;

	memset(&r, 0, sizeof(r));
	cr_assert(find_line(c, op, n, line, sizeof(line)),
		  "no line %d for \"%s\" in the output of %d:\n%s", n, op, c->pid, h_output(c));
	cr_assert_geq(sscanf(line + strlen(op), " %ld %d %n", &r.ret, &r.err, &used), 2,
		      "bad line \"%s\"", line);
	snprintf(r.detail, sizeof(r.detail), "%s", line + strlen(op) + used);
	return r;
}

static const char *type_name(enum scall_event_type type)
{
	static const char *const names[] = {
		[SCALL_EV_START] = "START",   [SCALL_EV_SYSCALL] = "SYSCALL",
		[SCALL_EV_SIGNAL] = "SIGNAL", [SCALL_EV_GROUP_STOP] = "GROUP_STOP",
		[SCALL_EV_EXEC] = "EXEC",     [SCALL_EV_CLONE] = "CLONE",
		[SCALL_EV_EXIT] = "EXIT",
	};

	if ((unsigned)type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "?";
}

const char *h_ev_str(const struct scall_event *ev)
{
	static char buf[256];
	const struct scall_info *si = &ev->info;
	const char *name;

	switch (ev->type) {
	case SCALL_EV_SYSCALL:
		name = scall_syscall_name(si->abi, si->nr);
		snprintf(
			buf, sizeof(buf),
			"SYSCALL tid %d pid %d %s %s %s(nr %ld, %#llx, %#llx, %#llx) error %d rval %lld",
			ev->tid, ev->pid, si->phase == SCALL_ENTRY ? "entry" : "exit",
			scall_abi_name(si->abi), name ? name : "?", si->nr,
			(unsigned long long)si->args[0], (unsigned long long)si->args[1],
			(unsigned long long)si->args[2], si->error, (long long)si->rval[0]);
		break;
	default:
		snprintf(buf, sizeof(buf),
			 "%s tid %d pid %d sig %d status %#x child %d parent %d clone %d former %d",
			 type_name(ev->type), ev->tid, ev->pid, ev->sig, ev->status, ev->child,
			 ev->parent, ev->clone, ev->former_tid);
		break;
	}
	return buf;
}

/* The last events seen, for failure messages. */
#define H_HISTORY 6
static char history[H_HISTORY][256];
static unsigned history_n;

static const char *history_str(void)
{
	static char buf[H_HISTORY * 260];
	unsigned i = history_n > H_HISTORY ? history_n - H_HISTORY : 0;

	buf[0] = '\0';
	for (; i < history_n; i++) {
		strcat(buf, "\n  ");
		strcat(buf, history[i % H_HISTORY]);
	}
	return buf;
}

void h_wait(scall_tracer *t, struct scall_event *ev)
{
	int rc;

	memset(ev, 0, sizeof(*ev));
	rc = scall_wait(t, ev, H_WAIT_MS);
	cr_assert_eq(rc, 0, "scall_wait: %d (%s); the last events were:%s", rc, strerror(-rc),
		     history_str());
	snprintf(history[history_n++ % H_HISTORY], sizeof(history[0]), "%s", h_ev_str(ev));
}

void h_resume(scall_tracer *t, const struct scall_event *ev, enum scall_resume how)
{
	int sig = ev->type == SCALL_EV_SIGNAL ? ev->sig : 0;
	int rc;

	if (ev->type == SCALL_EV_EXIT)
		return;
	rc = scall_resume(t, ev->tid, how, sig);
	cr_assert_eq(rc, 0, "scall_resume(%d, %d, %d) after %s: %d", ev->tid, how, sig,
		     h_ev_str(ev), rc);
}

void h_go(scall_tracer *t, pid_t tid, enum scall_resume how)
{
	int rc = scall_resume(t, tid, how, 0);

	cr_assert_eq(rc, 0, "scall_resume(%d, %d, 0): %d", tid, how, rc);
}

static long elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

void h_until(scall_tracer *t, enum scall_resume how, struct scall_event *ev, h_match_fn match,
	     void *arg, pid_t pid_gone)
{
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		h_wait(t, ev);
		if (match(ev, arg))
			return;
		cr_assert(!(pid_gone && ev->type == SCALL_EV_EXIT && ev->tid == pid_gone),
			  "process %d is gone (status %#x) before the event waited for", pid_gone,
			  ev->status);
		cr_assert_lt(elapsed_ms(&start), H_RUN_MS, "the event waited for never came");
		h_resume(t, ev, how);
	}
}

struct match_arg {
	pid_t tid;
	enum scall_event_type type;
	enum scall_abi abi;
	long nr;
	enum scall_phase phase;
};

static bool match_tid(const struct scall_event *ev, void *arg)
{
	const struct match_arg *m = arg;

	return ev->tid == m->tid;
}

static bool match_type(const struct scall_event *ev, void *arg)
{
	const struct match_arg *m = arg;

	return (!m->tid || ev->tid == m->tid) && ev->type == m->type;
}

static bool match_call(const struct scall_event *ev, void *arg)
{
	const struct match_arg *m = arg;

	return match_type(ev, arg) && ev->info.nr == m->nr && ev->info.phase == m->phase &&
	       (m->abi == SCALL_ABI_UNKNOWN || ev->info.abi == m->abi);
}

void h_next(scall_tracer *t, pid_t tid, enum scall_resume how, struct scall_event *ev)
{
	struct match_arg m = { .tid = tid };

	h_until(t, how, ev, match_tid, &m, 0);
}

void h_until_type(scall_tracer *t, pid_t tid, enum scall_event_type type, enum scall_resume how,
		  struct scall_event *ev)
{
	struct match_arg m = { .tid = tid, .type = type };

	h_until(t, how, ev, match_type, &m, tid);
}

void h_until_call(scall_tracer *t, pid_t tid, enum scall_abi abi, long nr, enum scall_phase phase,
		  enum scall_resume how, struct scall_event *ev)
{
	struct match_arg m = {
		.tid = tid, .type = SCALL_EV_SYSCALL, .abi = abi, .nr = nr, .phase = phase
	};

	h_until(t, how, ev, match_call, &m, tid);
}

int h_run_to_exit(scall_tracer *t, pid_t pid, enum scall_resume how, h_event_fn cb, void *arg)
{
	struct scall_event ev;
	struct timespec start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		h_wait(t, &ev);
		if (cb)
			cb(&ev, arg);
		if (ev.type == SCALL_EV_EXIT && ev.tid == pid)
			return ev.status;
		cr_assert_lt(elapsed_ms(&start), H_RUN_MS, "process %d does not finish", pid);
		h_resume(t, &ev, how);
	}
}

struct h_log *h_log_new(void)
{
	struct h_log *log = calloc(1, sizeof(*log));

	cr_assert_not_null(log);
	own((void **)logs, log);
	return log;
}

void h_log_free(struct h_log *log)
{
	disown((void **)logs, log);
	free(log);
}

void h_log_event(const struct scall_event *ev, void *arg)
{
	struct h_log *log = arg;

	cr_assert_lt(log->n, H_LOG_MAX, "too many events");
	log->ev[log->n++] = *ev;
}

int h_log_find(const struct h_log *log, int from, enum scall_event_type type, pid_t tid)
{
	int i;

	for (i = from; i < log->n; i++) {
		if (log->ev[i].type == type && (!tid || log->ev[i].tid == tid))
			return i;
	}
	return -1;
}

void h_tmpfile(char *path, size_t size, const char *content)
{
	size_t len = strlen(content);
	int fd;

	cr_assert_geq(size, 64);
	snprintf(path, size, "/tmp/scall-test-XXXXXX");
	fd = mkstemp(path);
	cr_assert_geq(fd, 0, "mkstemp: %s", strerror(errno));
	cr_assert_eq(write(fd, content, len), (ssize_t)len);
	close(fd);
}

long h_status_num(pid_t pid, pid_t tid, const char *field)
{
	char path[96], line[256];
	size_t l = strlen(field);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	f = fopen(path, "re");
	cr_assert(f, "no %s", path);
	while (v < 0 && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, l))
			v = strtol(line + l, NULL, 10);
	fclose(f);
	return v;
}

char h_proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

int h_tasks(pid_t pid, pid_t *tids, int max)
{
	struct dirent *de;
	char path[64];
	int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		if (de->d_name[0] != '.')
			tids[n++] = atoi(de->d_name);
	}
	closedir(d);
	return n;
}

/* The number in /proc/PID/syscall: the call pid is blocked in, or -1. */
static long blocked_in(pid_t pid)
{
	char path[64], buf[128];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0 || buf[0] < '0' || buf[0] > '9')
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

void h_wait_blocked(pid_t pid, long nr)
{
	int waited;

	for (waited = 0; waited < H_WAIT_MS; waited += 5) {
		if (blocked_in(pid) == nr && h_proc_state(pid) == 'S')
			return;
		h_msleep(5);
	}
	cr_assert_fail("%d does not block in system call %ld", pid, nr);
}

void h_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
