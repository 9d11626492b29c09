/* SPDX-License-Identifier: MIT */
/* Running scall: exit status, signals, attach and detach, usage errors. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

Test(run, exit_status_is_the_tracee_s)
{
	struct run *r = scall_run("-o", "@T", "@P/cli_exit", "7", NULL);

	cr_assert_eq(run_exit(r), 7, "status %#x", r->status);
	cr_assert(strstr(r->trace, "+++ exited with 7 +++\n"), "%s", r->trace);
	run_free(r);
}

Test(run, exit_status_zero)
{
	struct run *r = scall_run("-o", "@T", "@P/cli_exit", "0", NULL);

	cr_assert_eq(run_exit(r), 0);
	cr_assert(strstr(r->trace, "+++ exited with 0 +++\n"));
	run_free(r);
}

Test(run, killed_tracee_kills_scall_with_the_same_signal)
{
	struct run *r = scall_run("-o", "@T", "@P/cli_exit", "-15", NULL);

	cr_assert_eq(run_signal(r), SIGTERM, "status %#x", r->status);
	cr_assert(strstr(r->trace, "+++ killed by SIGTERM +++\n"), "%s", r->trace);
	cr_assert(strstr(r->trace, "--- SIGTERM {si_signo=SIGTERM, si_code=SI_TKILL"), "%s",
		  r->trace);
	run_free(r);
}

Test(run, killed_by_sigsegv)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=none", "@P/cli_exit", "-11", NULL);

	cr_assert_eq(run_signal(r), SIGSEGV, "status %#x", r->status);
	cr_assert(strstr(r->trace, "+++ killed by SIGSEGV "), "%s", r->trace);
	run_free(r);
}

Test(run, i386_tracee_exit_status)
{
	struct run *r;

	if (!have_prog("cli_exit.32"))
		cr_skip_test("no 32-bit build");
	r = scall_run("@P/cli_exit.32", "5", NULL);
	cr_assert_eq(run_exit(r), 5);
	cr_assert(strstr(r->err, "[ Process PID="), "no personality line: %s", r->err);
	cr_assert(strstr(r->err, " runs in 32 bit mode. ]\n"), "%s", r->err);
	run_free(r);
}

Test(run, missing_program)
{
	struct run *r = scall_run("/nonexistent/prog", NULL);

	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "Can't stat '/nonexistent/prog': No such file or directory"), "%s",
		  r->err);
	run_free(r);
}

Test(run, program_not_executable)
{
	struct run *r = scall_run("/dev/null", NULL);

	cr_assert_neq(run_exit(r), 0);
	cr_assert(strstr(r->err, "scall: exec: Permission denied"), "%s", r->err);
	run_free(r);
}

Test(run, double_dash_and_path_lookup)
{
	struct run *r = scall_run("-o", "@T", "-e", "trace=execve", "--", "true", NULL);

	cr_assert_eq(run_exit(r), 0, "%s", r->err);
	cr_assert(strstr(r->trace, "execve(\"/usr/bin/true\", [\"true\"], 0x") ||
			  strstr(r->trace, "execve(\"/bin/true\", [\"true\"], 0x"),
		  "%s", r->trace);
	cr_assert(strstr(r->trace, " vars */) = 0\n"), "%s", r->trace);
	run_free(r);
}

struct usage_case {
	const char *args[6];
	const char *message;
};

static const struct usage_case usage_cases[] = {
	{ { NULL }, "must have PROG [ARGS] or -p PID" },
	{ { "-e", "trace=opne", "true", NULL }, "invalid system call 'opne'; did you mean 'open'" },
	{ { "-e", "trace=%fiel", "true", NULL }, "invalid system call class '%fiel'" },
	{ { "-e", "trace=/(", "true", NULL }, "invalid regular expression" },
	{ { "-e", "trace=/e++", "true", NULL }, "repeated repetition in regular expression" },
	{ { "-e", "trace=/((e{255}){255}){255}", "true", NULL }, "too large (product over 1024)" },
	{ { "-e",
	    "trace=/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    "true", NULL },
	  "regular expression too long (318 characters, at most 256)" },
	{ { "-e", "bogus=1", "true", NULL }, "unknown qualifier 'bogus'" },
	{ { "-e", "signal=SIGFOO", "true", NULL }, "invalid signal 'SIGFOO'" },
	{ { "-e", "status=good", "true", NULL }, "invalid status 'good'" },
	{ { "-s", "x", "true", NULL }, "invalid string limit 'x'" },
	{ { "-X", "fancy", "true", NULL }, "invalid -X argument 'fancy'" },
	{ { "-c", "-C", "true", NULL }, "-c and -C are mutually exclusive" },
	{ { "-p", "abc", NULL }, "invalid process id 'abc'" },
	{ { "-S", "color", "-c", "true", NULL }, "invalid sortby: 'color'" },
	{ { "--no-such-option", "true", NULL }, "unrecognized option" },
	{ { "-e", "inject=openat:bogus=1", "true", NULL }, "unknown key 'bogus'" },
	{ { "-e", "fault=openat:error=ENOPE", "true", NULL }, "unknown error name 'ENOPE'" },
	{ { "-D", "-p", "1", NULL }, "-D needs a command, and no -p" },
	{ { "-P", "", "true", NULL }, "-P: empty path" },
	{ { "-u", "no-such-user-here", "true", NULL }, "Cannot find user 'no-such-user-here'" },
	{ { "-u", "nobody", "-p", "1", NULL }, "-u needs a command" },
	{ { "-e", "kvm=vcpu", "true", NULL }, "-e kvm= is not supported yet" },
	{ { "--argv0", "x", "true", NULL }, "option --argv0 is not supported yet" },
	{ { "--secontext", "true", NULL }, "option --secontext is not supported yet" },
	{ { "-ff", "-o", "|cat", "true", NULL },
	  "piping the output and -ff/--output-separately are mutually exclusive" },
};

/* Each: exit status 1 and a message naming the problem. */
Test(run, usage_errors)
{
	for (size_t i = 0; i < sizeof(usage_cases) / sizeof(usage_cases[0]); i++) {
		const struct usage_case *u = &usage_cases[i];
		struct run *r = scall_runv(u->args, 10);

		cr_expect_eq(run_exit(r), 1, "'%s': status %#x", u->message, r->status);
		cr_expect(strstr(r->err, u->message), "expected '%s' in: %s", u->message, r->err);
		run_free(r);
	}
}

Test(run, help_and_version)
{
	struct run *r = scall_run("--help", NULL);

	cr_assert_eq(run_exit(r), 0);
	cr_assert(strstr(r->out, "Usage: scall"), "%s", r->out);
	run_free(r);
	r = scall_run("-V", NULL);
	cr_assert_eq(run_exit(r), 0);
	cr_assert(strstr(r->out, "scall -- version "), "%s", r->out);
	run_free(r);
}

Test(run, attach_missing_pid)
{
	struct run *r = scall_run("-p", "999999999", NULL);

	cr_assert_eq(run_exit(r), 1);
	cr_assert(strstr(r->err, "999999999"), "%s", r->err);
	cr_assert(strstr(r->err, "No such process"), "%s", r->err);
	run_free(r);
}

static pid_t spawn(const char *const *argv, const char *errpath)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(errpath ? errpath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);

		dup2(fd, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	return pid;
}

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fp = fopen(path, "r");
	if (!fp)
		return '?';
	if (!fgets(buf, sizeof(buf), fp))
		buf[0] = '\0';
	fclose(fp);
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

/* -p PID, then SIGINT: the process is detached and runs on. */
Test(run, attach_then_detach_on_sigint, .timeout = 30)
{
	const char *sl[] = { prog("cli_sleep"), NULL };
	char trace[] = "/tmp/scall-attach-XXXXXX", errp[64], pidarg[16];
	pid_t sleeper, sc;
	int fd = mkstemp(trace), st;
	char *text, *err;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(errp, sizeof(errp), "%s.err", trace);
	sleeper = spawn(sl, NULL);
	sleep_ms(100);
	snprintf(pidarg, sizeof(pidarg), "%d", (int)sleeper);
	const char *args[] = { SCALL_BIN, "-o", trace, "-p", pidarg, NULL };

	sc = spawn(args, errp);
	sleep_ms(500);
	kill(sc, SIGINT);
	cr_assert_eq(waitpid(sc, &st, 0), sc);
	text = slurp(trace);
	err = slurp(errp);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %#x; %s", st, err);
	cr_assert(strstr(err, "attached"), "%s", err);
	cr_assert(strstr(err, "detached"), "%s", err);
	cr_assert(strstr(text, "nanosleep({tv_sec=0, tv_nsec=20000000}, NULL) = 0") ||
			  strstr(text, "getppid()"),
		  "%s", text);
	/* still alive, not stopped, and no longer traced: it keeps sleeping */
	sleep_ms(100);
	cr_assert_eq(kill(sleeper, 0), 0);
	cr_assert_neq(proc_state(sleeper), 't', "the process stayed stopped");
	cr_assert_neq(proc_state(sleeper), 'T', "the process stayed stopped");
	kill(sleeper, SIGKILL);
	waitpid(sleeper, &st, 0);
	unlink(trace);
	unlink(errp);
	free(text);
	free(err);
}

/* A spawned tracee dies with scall. */
Test(run, spawned_tracee_dies_with_scall, .timeout = 30)
{
	char trace[] = "/tmp/scall-kill-XXXXXX";
	int fd = mkstemp(trace), st;
	const char *args[] = { SCALL_BIN,         "-o", trace, "-e", "trace=getppid",
			       prog("cli_sleep"), NULL };
	pid_t sc, tracee = 0;
	char *text;

	cr_assert(fd >= 0);
	close(fd);
	sc = spawn(args, NULL);
	for (int i = 0; i < 100 && !tracee; i++) {
		char path[64], buf[64];
		FILE *fp;

		sleep_ms(50);
		snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)sc, (int)sc);
		fp = fopen(path, "r");
		if (fp && fgets(buf, sizeof(buf), fp))
			tracee = atoi(buf);
		if (fp)
			fclose(fp);
	}
	cr_assert(tracee > 0, "no tracee found");
	kill(sc, SIGKILL);
	waitpid(sc, &st, 0);
	for (int i = 0; i < 100 && kill(tracee, 0) == 0 && proc_state(tracee) != 'Z'; i++)
		sleep_ms(20);
	cr_assert(kill(tracee, 0) != 0 || proc_state(tracee) == 'Z', "the tracee survived");
	text = slurp(trace);
	free(text);
	unlink(trace);
}

/* SIGTERM to scall: the spawned tracee ends and scall dies of SIGTERM. */
Test(run, sigterm_ends_spawned_tracee, .timeout = 30)
{
	char trace[] = "/tmp/scall-term-XXXXXX";
	int fd = mkstemp(trace), st;
	const char *args[] = { SCALL_BIN,         "-o", trace, "-e", "trace=nanosleep",
			       prog("cli_sleep"), NULL };
	pid_t sc;
	char *text;

	cr_assert(fd >= 0);
	close(fd);
	sc = spawn(args, NULL);
	sleep_ms(300);
	kill(sc, SIGTERM);
	cr_assert_eq(waitpid(sc, &st, 0), sc);
	text = slurp(trace);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "status %#x", st);
	cr_assert(strstr(text, "+++ killed by SIGTERM +++"), "%s", text);
	free(text);
	unlink(trace);
}

/* Output to a full disk: the tracee runs to its end, scall says so once. */
Test(run, full_disk_output_ends_cleanly)
{
	struct run *r = scall_run("-o", "/dev/full", "@P/cli_exit", "3", NULL);

	cr_assert_eq(run_exit(r), 3, "status %#x", r->status);
	cr_assert(strstr(r->err, "output to /dev/full is incomplete: No space left on device"),
		  "%s", r->err);
	run_free(r);
}

/* scall ... | head -1: the rest of the trace is lost, the tracee is not. */
Test(run, closed_pipe_ends_output_not_the_tracee, .timeout = 60)
{
	char dir[] = "/tmp/scall-pipe-XXXXXX", cmd[1024], path[256];
	char *done;
	FILE *p;
	int rc = -1;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "bash -c '%s -f -- sh -c \"seq 1 3000 >%s/seq; echo finished >%s/done\" 2>&1 "
		 "| head -1 >/dev/null; echo ${PIPESTATUS[0]}'",
		 SCALL_BIN, dir, dir);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	cr_assert_eq(fscanf(p, "%d", &rc), 1);
	pclose(p);
	cr_assert_eq(rc, 0, "scall exited with %d", rc);
	snprintf(path, sizeof(path), "%s/done", dir);
	done = slurp(path);
	cr_assert_str_eq(done, "finished\n");
	free(done);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

/* Start PROG (cli_attach or its 32-bit build) MODE; wait for "ready PID TID". */
static pid_t start_ready_of(const char *progname, const char *mode, pid_t *tid)
{
	char out[] = "/tmp/scall-ready-XXXXXX";
	int fd = mkstemp(out);
	long p = 0, t = 0;
	pid_t pid;

	cr_assert(fd >= 0);
	pid = fork();
	if (pid == 0) {
		dup2(fd, 1);
		execl(prog(progname), progname, mode, (char *)NULL);
		_exit(127);
	}
	close(fd);
	for (int i = 0; i < 500; i++) {
		char *text = slurp(out);
		int n = sscanf(text, "ready %ld %ld", &p, &t);

		free(text);
		if (n == 2)
			break;
		sleep_ms(10);
	}
	unlink(out);
	cr_assert_eq(p, pid, "%s %s did not get ready", progname, mode);
	*tid = (pid_t)t;
	return pid;
}

static pid_t start_ready(const char *mode, pid_t *tid)
{
	return start_ready_of("cli_attach", mode, tid);
}

/* Run scall with args, SIGINT it after ms; its trace and stderr. */
static void attach_run(const char **args, long ms, char **trace, char **err)
{
	char path[] = "/tmp/scall-attach-XXXXXX", errp[64];
	const char *argv[16] = { SCALL_BIN, "-o", path };
	int fd = mkstemp(path), st, n = 3;
	pid_t sc;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(errp, sizeof(errp), "%s.err", path);
	while (*args && n < 15)
		argv[n++] = *args++;
	sc = spawn(argv, errp);
	sleep_ms(ms);
	kill(sc, SIGINT);
	cr_assert_eq(waitpid(sc, &st, 0), sc);
	cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "status %#x", st);
	*trace = slurp(path);
	*err = slurp(errp);
	unlink(path);
	unlink(errp);
}

/* The thread's tracer, from /proc (0: untraced). */
static int tracer_of(pid_t pid, pid_t tid)
{
	char path[64], line[256];
	int v = -1;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", (int)pid, (int)tid);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "TracerPid: %d", &v) == 1)
			break;
	fclose(fp);
	return v;
}

/* Stop cli_attach threads and check it ran on untraced to a clean exit. */
static void finish_threads(pid_t pid, pid_t tid)
{
	int st;

	cr_assert_eq(tracer_of(pid, pid), 0, "main thread still traced");
	cr_assert_eq(tracer_of(pid, tid), 0, "second thread still traced");
	cr_assert_neq(proc_state(pid), 't', "left stopped");
	kill(pid, SIGUSR1);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %#x", st);
}

/* -p without -f: only the given thread, as strace; the others run untraced. */
Test(run, attach_without_f_traces_one_thread, .timeout = 30)
{
	pid_t tid, pid = start_ready("threads", &tid);
	char arg[16], msg[64], *trace, *err;
	const char *args[] = { "-p", arg, NULL };

	snprintf(arg, sizeof(arg), "%d", (int)pid);
	attach_run(args, 400, &trace, &err);
	snprintf(msg, sizeof(msg), "scall: Process %d attached\n", (int)pid);
	cr_assert(strstr(err, msg), "%s", err);
	snprintf(msg, sizeof(msg), "scall: Process %d detached\n", (int)pid);
	cr_assert(strstr(err, msg), "%s", err);
	cr_assert_eq(count_matching(err, "detached"), 1, "%s", err);
	snprintf(msg, sizeof(msg), "^getpid\\(\\) += %d$", (int)pid);
	cr_assert_gt(count_matching(trace, msg), 3, "%s", trace);
	cr_assert_eq(count_matching(trace, "getppid"), 0, "the other thread was traced:\n%s",
		     trace);
	cr_assert_eq(count_matching(trace, "^\\[?pid|^[0-9]+ "), 0, "pid prefixes:\n%s", trace);
	finish_threads(pid, tid);
	free(trace);
	free(err);
}

/* -p TID of a thread that is not the leader, without -f: that thread alone. */
Test(run, attach_without_f_to_a_second_thread, .timeout = 30)
{
	pid_t tid, pid = start_ready("threads", &tid);
	char arg[16], re[64], *trace, *err;
	const char *args[] = { "-p", arg, NULL };

	snprintf(arg, sizeof(arg), "%d", (int)tid);
	attach_run(args, 400, &trace, &err);
	snprintf(re, sizeof(re), "^getppid\\(\\) += %d$", (int)getpid());
	cr_assert_gt(count_matching(trace, re), 3, "%s", trace);
	cr_assert_eq(count_matching(trace, "getpid"), 0, "the leader was traced:\n%s", trace);
	finish_threads(pid, tid);
	free(trace);
	free(err);
}

/* -f -p: every thread, one "detached" message per thread as strace. */
Test(run, attach_with_f_traces_every_thread, .timeout = 30)
{
	pid_t tid, pid = start_ready("threads", &tid);
	char arg[16], msg[96], *trace, *err;
	const char *args[] = { "-f", "-p", arg, NULL };

	snprintf(arg, sizeof(arg), "%d", (int)pid);
	attach_run(args, 400, &trace, &err);
	snprintf(msg, sizeof(msg), "scall: Process %d attached with 2 threads\n", (int)pid);
	cr_assert(strstr(err, msg), "%s", err);
	snprintf(msg, sizeof(msg), "scall: Process %d detached\n", (int)pid);
	cr_assert(strstr(err, msg), "%s", err);
	snprintf(msg, sizeof(msg), "scall: Process %d detached\n", (int)tid);
	cr_assert(strstr(err, msg), "%s", err);
	snprintf(msg, sizeof(msg), "^%d +getpid\\(\\) += %d$", (int)pid, (int)pid);
	cr_assert_gt(count_matching(trace, msg), 3, "%s", trace);
	snprintf(msg, sizeof(msg), "^%d +getppid\\(\\) += %d$", (int)tid, (int)getpid());
	cr_assert_gt(count_matching(trace, msg), 3, "%s", trace);
	finish_threads(pid, tid);
	free(trace);
	free(err);
}

/* Attached in a sleep: restart_syscall names the call it resumes (strace
 * says "read" whatever it was). */
static void names_the_interrupted_call(const char *progname)
{
	pid_t tid, pid = start_ready_of(progname, "sleep", &tid);
	char arg[16], *trace, *err;
	const char *args[] = { "-p", arg, NULL };
	int st;

	snprintf(arg, sizeof(arg), "%d", (int)pid);
	attach_run(args, 300, &trace, &err);
	cr_assert(!strncmp(trace, "restart_syscall(<... resuming interrupted nanosleep ...>", 56),
		  "%s", trace);
	cr_assert_eq(tracer_of(pid, pid), 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	free(trace);
	free(err);
}

Test(run, attach_names_the_interrupted_call, .timeout = 30)
{
	names_the_interrupted_call("cli_attach");
}

Test(run, attach_names_the_interrupted_call_i386, .timeout = 30)
{
	if (!have_prog("cli_attach.32"))
		cr_skip_test("no 32-bit build");
	names_the_interrupted_call("cli_attach.32");
}

/* exit_group ends its line at once, before the other threads' "= ?" lines. */
Test(run, exit_group_line_ends_at_entry, .timeout = 30)
{
	struct run *r = scall_run("-f", "-qq", "-o", "@T", "-e", "trace=exit_group,pause",
				  "@P/cli_attach", "exit", NULL);

	cr_assert_eq(run_exit(r), 3, "status %#x", r->status);
	cr_assert_eq(count_matching(r->trace, "^[0-9]+ +exit_group\\(3\\) += \\?$"), 1, "%s",
		     r->trace);
	cr_assert_eq(count_matching(r->trace, "exit_group resumed|exit_group\\(3 <unfinished"), 0,
		     "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "^[0-9]+ +<\\.\\.\\. pause resumed>\\) += \\?$"), 3,
		     "%s", r->trace);
	run_free(r);
}

/* -o |CMD: the trace is the command's input; scall waits for it to end. */
Test(run, output_to_a_pipe)
{
	char path[] = "/tmp/scall-pipe-out-XXXXXX", cmd[128], *text;
	int fd = mkstemp(path);
	struct run *r;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "|sed 's/^/piped: /' > %s", path);
	r = scall_run("-o", cmd, "-e", "trace=exit_group", "@P/cli_exit", "5", NULL);
	cr_assert_eq(run_exit(r), 5, "status %#x: %s", r->status, r->err);
	text = slurp(path);
	cr_assert_eq(count_lines(text), 2, "%s", text);
	cr_assert_eq(count_matching(text, "^piped: exit_group\\(5\\) += \\?$"), 1, "%s", text);
	cr_assert_eq(count_matching(text, "^piped: \\+\\+\\+ exited with 5 \\+\\+\\+$"), 1, "%s",
		     text);
	free(text);
	run_free(r);
	unlink(path);
}

/* -f: a child's "attached" comes while the parent's clone line is open. */
Test(run, child_attached_inside_the_clone_line)
{
	struct run *r = scall_run("-f", "-e", "trace=clone", "@P/cli_fork", NULL);
	char re[160];

	cr_assert_eq(run_exit(r), 0, "status %#x", r->status);
	snprintf(re, sizeof(re),
		 "^clone\\(child_stack=NULL, flags=[A-Z_|]+SIGCHLDscall: Process "
		 "[0-9]+ attached$");
	cr_assert_eq(count_matching(r->err, re), 1, "%s", r->err);
	/* the rest of the line, unless the child ran first and cut it */
	cr_assert_eq(count_matching(r->err, "^(, |(\\[pid +[0-9]+\\] )?<\\.\\.\\. clone resumed>, )"
					    "child_tidptr=0x[0-9a-f]+\\) += [0-9]+$"),
		     1, "%s", r->err);
	run_free(r);
}

/* -k: the stack of each call, innermost first, named from the symbols. */
Test(run, stack_traces)
{
	struct run *r = scall_run("-k", "-o", "@T", "-e", "trace=getppid", "@P/cli_stack", NULL);
	char *stack;

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_eq(count_matching(r->trace, "^getppid\\(\\) += [0-9]+$"), 1, "%s", r->trace);
	stack = grep_lines(r->trace, "^ > ");
	cr_assert(strstr(stack, "(syscall+0x"), "%s", r->trace);
	cr_assert(strstr(stack, "/cli_stack(stack_inner_caller+0x"), "%s", r->trace);
	cr_assert(strstr(stack, "/cli_stack(stack_outer_caller+0x"), "%s", r->trace);
	cr_assert(strstr(stack, "/cli_stack(main+0x"), "%s", r->trace);
	cr_assert(strstr(stack, "stack_inner_caller") < strstr(stack, "stack_outer_caller") &&
			  strstr(stack, "stack_outer_caller") < strstr(stack, "(main+"),
		  "frames out of order:\n%s", stack);
	cr_assert(all_lines_match(stack, "^ > /[^ ]+\\([^)]*\\) \\[0x[0-9a-f]+\\]$"), "%s", stack);
	free(stack);
	run_free(r);
}

/* -b execve: each process is let go at its execve, whose line stays open. */
Test(run, detach_on_execve)
{
	struct run *r = scall_run("-f", "-b", "execve", "-o", "@T", "/bin/sh", "-c",
				  "/bin/true; exec /bin/echo detached-run", NULL);

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert(strstr(r->out, "detached-run\n"), "the program did not run on: %s", r->out);
	/* the child's line may have been cut by its parent's meanwhile */
	cr_assert_eq(count_matching(r->trace, "execve\\(\"/bin/true\", "), 1, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "execve resumed"), 0, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "execve\\(\"/bin/echo\", .* <detached \\.\\.\\.>$"),
		     1, "%s", r->trace);
	/* with -o and a command, attach and detach messages are quiet, as strace's */
	cr_assert_eq(count_matching(r->err, "detached"), 0, "%s", r->err);
	/* nothing of them after their exec: no exit line for either */
	cr_assert_eq(count_matching(r->trace, "exited with"), 0, "%s", r->trace);
	run_free(r);
}

/* -u USER: the command runs with USER's ids; the trace shows what it saw. */
Test(run, run_as_user)
{
	struct passwd *pw = getpwnam("nobody");
	char want[64];
	struct run *r;

	if (!pw)
		cr_skip_test("no user nobody");
	r = scall_run("-u", "nobody", "-o", "@T", "-e", "trace=getuid,getgid", "/usr/bin/id", NULL);
	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	snprintf(want, sizeof(want), "uid=%u(nobody) gid=%u(", (unsigned)pw->pw_uid,
		 (unsigned)pw->pw_gid);
	cr_assert(strstr(r->out, want), "id printed: %s", r->out);
	snprintf(want, sizeof(want), "^getuid\\(\\) += %u$", (unsigned)pw->pw_uid);
	cr_assert_eq(count_matching(r->trace, want), 1, "%s", r->trace);
	run_free(r);
}

/* -p PID and a command together: both traced; the status is the command's. */
Test(run, attach_and_command_together, .timeout = 30)
{
	pid_t tid, pid = start_ready("threads", &tid);
	char arg[16], path[] = "/tmp/scall-both-XXXXXX", re[64], *trace;
	const char *argv[] = {
		SCALL_BIN,        "-o", path, "-p", arg, "-e", "trace=getpid,exit_group",
		prog("cli_exit"), "4",  NULL
	};
	int fd = mkstemp(path), st;
	pid_t sc;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(arg, sizeof(arg), "%d", (int)pid);
	sc = spawn(argv, NULL);
	sleep_ms(300);
	kill(pid, SIGUSR1); /* the attached process ends on its own */
	cr_assert_eq(waitpid(sc, &st, 0), sc);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 4, "status %#x", st);
	trace = slurp(path);
	snprintf(re, sizeof(re), "^%d +getpid\\(\\) += %d$", (int)pid, (int)pid);
	cr_assert_gt(count_matching(trace, re), 3, "%s", trace);
	cr_assert_eq(count_matching(trace, "^[0-9]+ +exit_group\\(4\\) += \\?$"), 1, "%s", trace);
	cr_assert_eq(count_matching(trace, "exited with 4"), 1, "%s", trace);
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	free(trace);
	unlink(path);
}

/* -b execve: an execve that fails does not let the process go; the next does. */
Test(run, detach_on_execve_after_a_failed_one)
{
	struct run *r = scall_run("-b", "execve", "-o", "@T", "-e", "trace=execve", "/bin/sh", "-c",
				  "PATH=/nonexistent:/bin; exec true", NULL);

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_eq(count_matching(r->trace, "^execve\\(\"/nonexistent/true\", .* = -1 ENOENT "),
		     1, "%s", r->trace);
	cr_assert_eq(count_matching(r->trace, "^execve\\(\"/bin/true\", .* <detached \\.\\.\\.>$"),
		     1, "%s", r->trace);
	run_free(r);
}

/* -P naming the program itself: the first execve (made by scall) is shown. */
Test(run, trace_path_shows_the_first_execve)
{
	struct run *r = scall_run("-o", "@T", "-P", prog("cli_exit"), "@P/cli_exit", "0", NULL);

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_eq(count_matching(r->trace, "^execve\\(\".*/cli_exit\", \\[.*\\) += 0$"), 1, "%s",
		     r->trace);
	cr_assert_eq(count_matching(r->trace, "^[a-z_0-9]+\\("), 1, "only the execve: %s",
		     r->trace);
	run_free(r);
}

/* -D: the command keeps scall's pid, so its status is scall's; the tracer, a
 * grandchild, writes the trace from its execve on and ends after it. */
Test(run, daemonized_tracer, .timeout = 30)
{
	struct run *r = scall_run("-D", "-o", "@T", "-e", "trace=execve,exit_group", "@P/cli_exit",
				  "5", NULL);
	char *trace = NULL;

	cr_assert_eq(run_exit(r), 5, "status %#x: %s", r->status, r->err);
	for (int i = 0; i < 500; i++) {
		free(trace);
		trace = slurp(r->trace_path);
		if (strstr(trace, "+++ exited with 5 +++\n"))
			break;
		sleep_ms(10);
	}
	cr_assert_eq(count_matching(trace,
				    "^execve\\(\".*/cli_exit\", \\[.*, \"5\"\\], 0x[0-9a-f]+ "
				    "/\\* [0-9]+ vars \\*/\\) += 0$"),
		     1, "%s", trace);
	cr_assert_eq(count_matching(trace, "^exit_group\\(5\\) += \\?$"), 1, "%s", trace);
	cr_assert_eq(count_matching(trace, "^\\+\\+\\+ exited with 5 \\+\\+\\+$"), 1, "%s", trace);
	cr_assert_eq(count_lines(trace), 3, "nothing before the execve:\n%s", trace);
	free(trace);
	run_free(r);
}

/* The trace a -D tracer writes, once it has ended (it is nobody's child). */
static char *daemon_trace(struct run *r, const char *last)
{
	char *trace = NULL;

	for (int i = 0; i < 500; i++) {
		free(trace);
		trace = slurp(r->trace_path);
		if (strstr(trace, last))
			break;
		sleep_ms(10);
	}
	return trace;
}

/* -D: the command gets back what scall changed in itself (SIGPIPE ignored),
 * takes -u's ids, and a failed exec shows nothing of scall's own error path. */
Test(run, daemonized_command_is_as_spawned, .timeout = 30)
{
	struct passwd *pw = getpwnam("nobody");
	struct run *r =
		scall_run("-D", "-o", "@T", "/bin/grep", "^SigIgn:", "/proc/self/status", NULL);
	char want[32], *trace;

	char *ours = slurp("/proc/self/status"), *line = strstr(ours, "\nSigIgn:");

	/* what scall's caller ignores (this test), not what scall made ignored */
	cr_assert(line);
	line[strcspn(line + 1, "\n") + 2] = '\0';
	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_str_eq(r->out, line + 1);
	free(ours);
	run_free(r);
	if (pw) {
		r = scall_run("-D", "-u", "nobody", "-o", "@T", "/usr/bin/id", "-u", NULL);
		snprintf(want, sizeof(want), "%u\n", (unsigned)pw->pw_uid);
		cr_assert_str_eq(r->out, want);
		run_free(r);
	}
	r = scall_run("-D", "-o", "@T", "/proc/self/status", NULL); /* not executable */
	cr_assert_eq(run_exit(r), 1, "status %#x", r->status);
	trace = daemon_trace(r, "+++ exited with 1 +++\n");
	cr_assert_eq(count_lines(trace), 2, "%s", trace);
	cr_assert_eq(count_matching(trace, "^execve\\(\"/proc/self/status\", .* = -1 EACCES "), 1,
		     "%s", trace);
	free(trace);
	run_free(r);
}

/* -D -b execve: the command's own exec is not the one it is let go at. */
Test(run, daemonized_detach_on_execve, .timeout = 30)
{
	struct run *r = scall_run("-D", "-b", "execve", "-o", "@T", "-e", "trace=execve", "/bin/sh",
				  "-c", "exec /bin/true", NULL);
	char *trace = daemon_trace(r, "<detached ...>\n");

	cr_assert_eq(run_exit(r), 0, "status %#x: %s", r->status, r->err);
	cr_assert_eq(count_matching(trace, "^execve\\(\"/bin/sh\", .*\\) += 0$"), 1, "%s", trace);
	cr_assert_eq(count_matching(trace, "^execve\\(\"/bin/true\", .* <detached \\.\\.\\.>$"), 1,
		     "%s", trace);
	free(trace);
	run_free(r);
}

/* -p PID with a command: a pid that cannot be traced does not stop the command. */
Test(run, attach_fails_command_runs)
{
	struct run *r = scall_run("-o", "@T", "-p", "999999999", "-e", "trace=exit_group",
				  "@P/cli_exit", "3", NULL);

	cr_assert_eq(run_exit(r), 3, "status %#x: %s", r->status, r->err);
	cr_assert(strstr(r->err, "999999999"), "%s", r->err);
	/* one tracee after all: no pid prefixes */
	cr_assert_eq(count_matching(r->trace, "^exit_group\\(3\\) += \\?$"), 1, "%s", r->trace);
	run_free(r);
}

/* -p PID with a command, then SIGTERM: the command ends, PID is let go. */
Test(run, attach_and_command_then_sigterm, .timeout = 30)
{
	pid_t tid, pid = start_ready("threads", &tid);
	char arg[16], path[] = "/tmp/scall-term2-XXXXXX", *trace;
	const char *argv[] = { SCALL_BIN,         "-o", path, "-p", arg, "-e", "trace=nanosleep",
			       prog("cli_sleep"), NULL };
	int fd = mkstemp(path), st;
	pid_t sc;

	cr_assert(fd >= 0);
	close(fd);
	snprintf(arg, sizeof(arg), "%d", (int)pid);
	sc = spawn(argv, NULL);
	sleep_ms(400);
	kill(sc, SIGTERM);
	cr_assert_eq(waitpid(sc, &st, 0), sc);
	trace = slurp(path);
	cr_assert_eq(count_matching(trace, "^[0-9]+ +\\+\\+\\+ killed by SIGTERM \\+\\+\\+$"), 1,
		     "the command was not ended:\n%s", trace);
	finish_threads(pid, tid); /* untraced, running, and it ends cleanly */
	free(trace);
	unlink(path);
}
