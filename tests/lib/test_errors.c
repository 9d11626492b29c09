/* SPDX-License-Identifier: MIT */
/*
 * The documented errors of every public function: bad arguments (-EINVAL),
 * unknown or gone threads (-ESRCH), running threads (-EBUSY), and the errors
 * particular to spawn, attach, detach and wait.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(errors, .timeout = 30, .fini = h_cleanup);

/* A pid that no process has: a child that was reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();
	int status;

	cr_assert_geq(pid, 0);
	if (pid == 0)
		_exit(0);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	return pid;
}

Test(errors, new_and_free)
{
	scall_tracer *t = NULL;

	cr_assert_eq(scall_new(NULL, 0), -EINVAL);
	cr_assert_eq(scall_new(&t, 0x100), -EINVAL, "unknown flag");
	cr_assert_eq(scall_new(&t, ~0u), -EINVAL, "unknown flags");
	cr_assert_eq(scall_new(&t, SCALL_FOLLOW_FORKS | SCALL_KILL_ON_EXIT | SCALL_USE_REGS), 0);
	h_free(t);
	scall_free(NULL);
}

Test(errors, spawn)
{
	scall_tracer *t = h_new(0);
	char *empty[] = { NULL };
	char path[512];
	char *big = malloc(256 * 1024);
	char *argv[] = { path, big, NULL };
	int status;

	cr_assert_not_null(big);
	cr_assert_eq(scall_spawn(NULL, argv, NULL, NULL), -EINVAL);
	cr_assert_eq(scall_spawn(t, NULL, NULL, NULL), -EINVAL);
	cr_assert_eq(scall_spawn(t, empty, NULL, NULL), -EINVAL);
	/* One argument longer than the kernel's limit for one string. */
	snprintf(path, sizeof(path), "%s/calls", PROGS_DIR);
	memset(big, 'a', 256 * 1024 - 1);
	big[256 * 1024 - 1] = '\0';
	cr_assert_eq(scall_spawn(t, argv, NULL, NULL), -E2BIG);
	errno = 0;
	cr_assert_eq(waitpid(-1, &status, WNOHANG | __WALL), -1, "a child is left behind");
	cr_assert_eq(errno, ECHILD);
	free(big);
	h_free(t);
}

Test(errors, attach)
{
	scall_tracer *t = h_new(0), *other = h_new(0);
	struct scall_event ev;
	struct h_child c, c2;
	pid_t pid, spawned;

	cr_assert_eq(scall_attach(NULL, 1), -EINVAL);
	cr_assert_eq(scall_attach(t, 0), -EINVAL);
	cr_assert_eq(scall_attach(t, -1), -EINVAL);
	cr_assert_eq(scall_attach(t, dead_pid()), -ESRCH);
	/* Attaching to our own process is not allowed. */
	cr_assert_eq(scall_attach(t, getpid()), -EPERM);

	pid = h_fork_exec(&c, "calls", "read", NULL);
	h_wait_blocked(pid, SYS_read);
	cr_assert_eq(scall_attach(t, pid), 0);
	cr_assert_eq(scall_attach(t, pid), -EALREADY, "attach twice");
	/* Another tracer cannot trace it while t does. */
	cr_assert_eq(scall_attach(other, pid), -EPERM);
	/* Nor can t attach to what another tracer spawned. */
	spawned = h_start(other, &c2, "calls", "read", NULL);
	cr_assert_eq(scall_attach(t, spawned), -EPERM);

	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(write(c.in, "x\n", 2), 2);
	{
		int status;

		cr_assert_eq(waitpid(pid, &status, 0), pid);
		h_assert_exited(status, 0);
	}
	h_free(t);
	h_free(other);
}

Test(errors, detach)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid;

	cr_assert_eq(scall_detach(NULL, 1), -EINVAL);
	cr_assert_eq(scall_detach(t, getpid()), -ESRCH, "not traced by t");
	cr_assert_eq(scall_detach(t, dead_pid()), -ESRCH);
	pid = h_start(t, &c, "calls", "getpid", NULL);
	cr_assert_eq(scall_detach(t, pid), 0);
	cr_assert_eq(scall_detach(t, pid), -ESRCH, "detached twice");
	{
		int status;

		cr_assert_eq(waitpid(pid, &status, 0), pid);
		h_assert_exited(status, 0);
	}
	cr_assert_eq(h_result(&c, "getpid", 0).ret, pid, "the detached process went wrong");
	h_free(t);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* SIGALRM to the waiting thread itself after 100 ms: a signal sent to the
 * process could go to another thread of the test runner. */
static void *alarm_thread(void *arg)
{
	struct timespec ts = { 0, 100000000 };

	nanosleep(&ts, NULL);
	pthread_kill(*(pthread_t *)arg, SIGALRM);
	return NULL;
}

Test(errors, wait)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid;

	cr_assert_eq(scall_wait(NULL, &ev, 0), -EINVAL);
	cr_assert_eq(scall_wait(t, NULL, 0), -EINVAL);
	cr_assert_eq(scall_wait(t, &ev, 0), -ECHILD);
	pid = h_start(t, &c, "calls", "read", NULL);
	cr_assert_eq(scall_wait(t, NULL, 0), -EINVAL);
	cr_assert_eq(scall_wait(t, &ev, -2), -EINVAL, "timeout -2");
	h_go(t, pid, SCALL_RESUME_CONT);
	cr_assert_eq(scall_wait(t, &ev, 100), -ETIMEDOUT);
	cr_assert_eq(write(c.in, "x\n", 2), 2);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	h_free(t);
}

/* A signal arriving in the tracer while scall_wait blocks: -EINTR. */
static void wait_eintr(int timeout_ms)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct sigaction sa;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "read", NULL);
	pthread_t self = pthread_self(), th;
	sigset_t alrm;
	int rc;

	h_go(t, pid, SCALL_RESUME_CONT);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	cr_assert_eq(sigaction(SIGALRM, &sa, NULL), 0);
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	pthread_sigmask(SIG_UNBLOCK, &alrm, NULL);
	cr_assert_eq(pthread_create(&th, NULL, alarm_thread, &self), 0);
	rc = scall_wait(t, &ev, timeout_ms);
	pthread_join(th, NULL);
	cr_assert_eq(rc, -EINTR, "scall_wait(%d) returned %d when SIGALRM came", timeout_ms, rc);
	cr_assert_eq(write(c.in, "x\n", 2), 2);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	h_free(t);
}

Test(errors, wait_eintr_no_limit)
{
	wait_eintr(-1);
}

Test(errors, wait_eintr_with_timeout)
{
	wait_eintr(5000);
}

Test(errors, resume)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "read", NULL);

	cr_assert_eq(scall_resume(NULL, pid, SCALL_RESUME_CONT, 0), -EINVAL);
	cr_assert_eq(scall_resume(t, pid, 7, 0), -EINVAL, "bad how");
	cr_assert_eq(scall_resume(t, pid, -1, 0), -EINVAL, "bad how");
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, -1), -EINVAL, "bad sig");
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, 65), -EINVAL, "bad sig");
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, 1000), -EINVAL, "bad sig");
	cr_assert_eq(scall_resume(t, dead_pid(), SCALL_RESUME_CONT, 0), -ESRCH);
	cr_assert_eq(scall_resume(t, getpid(), SCALL_RESUME_CONT, 0), -ESRCH);
	h_go(t, pid, SCALL_RESUME_CONT);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, 0), -EBUSY, "resumed twice");
	cr_assert_eq(write(c.in, "x\n", 2), 2);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, 0), -ESRCH, "resume of a gone thread");
	h_free(t);
}

/* Every per-thread function on one tid, expecting err (-ESRCH or -EBUSY). */
static void all_refuse(scall_tracer *t, pid_t tid, int err)
{
	struct scall_info si;
	uint64_t addr = 0;
	int64_t ret = 0;
	char buf[16];

	memset(&si, 0, sizeof(si));
	si.phase = SCALL_ENTRY;
	si.nr = SYS_getpid;
	cr_assert_eq(scall_get_info(t, tid, &si), err, "get_info");
	cr_assert_eq(scall_set_info(t, tid, &si), err, "set_info");
	cr_assert_eq(scall_mem_read(t, tid, 0x10000, buf, sizeof(buf)), err, "mem_read");
	cr_assert_eq(scall_mem_write(t, tid, 0x10000, buf, sizeof(buf)), err, "mem_write");
	cr_assert_eq(scall_mem_read_str(t, tid, 0x10000, buf, sizeof(buf)), err, "mem_read_str");
	cr_assert_eq(scall_inject(t, tid, SYS_getpid, NULL, &ret), err, "inject");
	cr_assert_eq(scall_scratch(t, tid, 64, &addr), err, "scratch");
	cr_assert_eq(scall_resume(t, tid, SCALL_RESUME_CONT, 0), err, "resume");
}

/* Unknown, running and gone threads. */
Test(errors, thread_states)
{
	scall_tracer *t = h_new(0);
	struct h_child c;
	pid_t pid;

	all_refuse(t, getpid(), -ESRCH);
	all_refuse(t, dead_pid(), -ESRCH);
	pid = h_start(t, &c, "calls", "read", NULL);
	cr_assert_eq(scall_filter_active(t, pid), 0);
	h_go(t, pid, SCALL_RESUME_CONT);
	h_wait_blocked(pid, SYS_read);
	all_refuse(t, pid, -EBUSY);
	cr_assert_eq(write(c.in, "x\n", 2), 2);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_CONT, NULL, NULL), 0);
	all_refuse(t, pid, -ESRCH);
	cr_assert_eq(scall_filter_active(t, pid), -ESRCH);
	h_free(t);
}

/* NULL tracers and bad arguments of the per-thread functions. */
Test(errors, bad_arguments)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct scall_info si;
	struct h_child c;
	pid_t pid = h_start(t, &c, "calls", "write:abc", NULL);
	uint64_t addr = 0;
	int64_t ret = 0;
	char buf[16];

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_write, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(scall_get_info(NULL, pid, &si), -EINVAL);
	cr_assert_eq(scall_get_info(t, pid, NULL), -EINVAL);
	cr_assert_eq(scall_get_info(t, pid, &si), 0);
	cr_assert_eq(scall_set_info(NULL, pid, &si), -EINVAL);
	cr_assert_eq(scall_set_info(t, pid, NULL), -EINVAL);
	cr_assert_eq(scall_mem_read(NULL, pid, ev.info.args[1], buf, 3), -EINVAL);
	cr_assert_eq(scall_mem_read(t, pid, ev.info.args[1], NULL, 3), -EINVAL);
	cr_assert_eq(scall_mem_read(t, pid, ev.info.args[1], NULL, 0), 0, "an empty read");
	cr_assert_eq(scall_mem_write(NULL, pid, ev.info.args[1], "x", 1), -EINVAL);
	cr_assert_eq(scall_mem_write(t, pid, ev.info.args[1], NULL, 1), -EINVAL);
	cr_assert_eq(scall_mem_read_str(NULL, pid, ev.info.args[1], buf, sizeof(buf)), -EINVAL);
	cr_assert_eq(scall_mem_read_str(t, pid, ev.info.args[1], NULL, sizeof(buf)), -EINVAL);
	cr_assert_eq(scall_mem_read_str(t, pid, ev.info.args[1], buf, 0), -EINVAL);
	cr_assert_eq(scall_inject(NULL, pid, SYS_getpid, NULL, &ret), -EINVAL);
	cr_assert_eq(scall_inject(t, pid, SYS_getpid, NULL, NULL), -EINVAL, "ret NULL");
	cr_assert_eq(scall_inject(t, pid, -1, NULL, &ret), -EINVAL, "nr -1");
	cr_assert_eq(scall_scratch(NULL, pid, 64, &addr), -EINVAL);
	cr_assert_eq(scall_scratch(t, pid, 64, NULL), -EINVAL);
	cr_assert_eq(scall_filter_active(NULL, pid), -EINVAL);
	/* None of that disturbed the call. */
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "write", 0).ret, 3);
	cr_assert_str_eq(h_result(&c, "write", 0).detail, "abc");
	h_free(t);
}

Test(errors, filter_rules)
{
	scall_tracer *t = h_new(0);
	int data = -1;

	cr_assert_eq(scall_filter_add(NULL, SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_TRACE, 0),
		     -EINVAL);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_AARCH64, 1, SCALL_ACT_TRACE, 0), -EINVAL,
		     "an abi this machine does not run");
	cr_assert_eq(scall_filter_add(t, 99, 1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, -1, SCALL_ACT_TRACE, 0), -EINVAL);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getpid, 42, 0), -EINVAL);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_ERRNO, 0),
		     -EINVAL, "errno 0");
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_ERRNO, 4096),
		     -EINVAL, "errno 4096");
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_TRACE, 5),
		     -EINVAL, "data for TRACE");
	cr_assert_eq(scall_filter_default(NULL, SCALL_ACT_ALLOW, 0), -EINVAL);
	cr_assert_eq(scall_filter_default(t, 42, 0), -EINVAL);
	cr_assert_eq(scall_filter_default(t, SCALL_ACT_ERRNO, 0), -EINVAL);
	cr_assert_eq(scall_filter_action(NULL, SCALL_ABI_UNKNOWN, SYS_getpid, NULL), -EINVAL);
	cr_assert_eq(scall_filter_clear(NULL), -EINVAL);

	/* The refused rules left nothing behind; a good one is read back. */
	cr_assert_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, SYS_getpid, &data), SCALL_ACT_ALLOW);
	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getpid, SCALL_ACT_ERRNO, EPERM), 0);
	cr_assert_eq(scall_filter_action(t, SCALL_ABI_X86_64, SYS_getpid, &data), SCALL_ACT_ERRNO);
	cr_assert_eq(data, EPERM);
	cr_assert_eq(scall_filter_clear(t), 0);
	cr_assert_eq(scall_filter_action(t, SCALL_ABI_UNKNOWN, SYS_getpid, NULL), SCALL_ACT_ALLOW);
	h_free(t);
}

Test(errors, stats)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct scall_stats st;
	struct h_child c;
	pid_t pid;
	int64_t ret;

	cr_assert_eq(scall_get_stats(NULL, &st), -EINVAL);
	cr_assert_eq(scall_get_stats(t, NULL), -EINVAL);
	pid = h_start(t, &c, "calls", "getpid", NULL);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_until_syscall(t, pid, SYS_getpid, SCALL_ENTRY, SCALL_RESUME_SYSCALL, &ev);
	cr_assert_eq(scall_inject(t, pid, SYS_getpid, NULL, &ret), 0);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(scall_get_stats(t, &st), 0);
	cr_assert_gt(st.reported, 2);
	cr_assert_geq(st.stops, st.reported - 1, "stops %llu < reported %llu",
		      (unsigned long long)st.stops, (unsigned long long)st.reported);
	cr_assert_eq(st.injected, 1);
	h_free(t);
}

/* scall_spawnx(): a file run under another argv[0], as another user. */
Test(errors, spawnx_path_and_ids)
{
	scall_tracer *t = h_new(0);
	char *argv[] = { "renamed-program", "30", NULL };
	gid_t groups[] = { 65533 };
	struct scall_spawn_opts o = { 0 };
	char cmdline[64] = "";
	struct scall_event ev;
	pid_t pid;
	FILE *f;

	/* a program any user may run (the build may be in a directory they cannot enter) */
	o.path = "/bin/sleep";
	o.set_ids = 1;
	o.uid = 65534;
	o.gid = 65534;
	o.groups = groups;
	o.ngroups = 1;
	cr_assert_eq(scall_spawnx(t, argv, NULL, &o, &pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	snprintf(cmdline, sizeof(cmdline), "/proc/%d/cmdline", (int)pid);
	f = fopen(cmdline, "r");
	cr_assert(f);
	cr_assert(fgets(cmdline, sizeof(cmdline), f));
	fclose(f);
	cr_assert_str_eq(cmdline, "renamed-program");
	cr_assert_eq(h_status_num(pid, pid, "Uid:"), 65534);
	cr_assert_eq(h_status_num(pid, pid, "Gid:"), 65534);
	cr_assert_eq(h_status_num(pid, pid, "Groups:"), 65533);
	kill(pid, SIGKILL);
	h_free(t);
}

Test(errors, spawnx_bad_options)
{
	scall_tracer *t = h_new(0);
	char *argv[] = { "true", NULL };
	struct scall_spawn_opts o = { 0 };

	o.path = "";
	cr_assert_eq(scall_spawnx(t, argv, NULL, &o, NULL), -EINVAL);
	o.path = NULL;
	o.set_ids = 1;
	o.ngroups = 2;
	cr_assert_eq(scall_spawnx(t, argv, NULL, &o, NULL), -EINVAL);
	/* more groups than the kernel takes: the spawn fails, no child is left */
	gid_t *many = calloc(70000, sizeof(*many));

	cr_assert(many);
	o.groups = many;
	o.ngroups = 70000;
	cr_assert_eq(scall_spawnx(t, argv, NULL, &o, NULL), -EINVAL);
	errno = 0;
	cr_assert_eq(waitpid(-1, NULL, WNOHANG | __WALL), -1, "a child is left behind");
	free(many);
	h_free(t);
}

/* As root, a spawn that takes other ids loads its filter before dropping
 * them, without no_new_privs: setuid programs keep working under it. */
Test(errors, spawnx_ids_with_filter_keep_setuid)
{
	scall_tracer *t = h_new(0);
	char *argv[] = { "sleep", "30", NULL };
	struct scall_spawn_opts o = { 0 };
	struct scall_event ev;
	pid_t pid;

	cr_assert_eq(scall_filter_add(t, SCALL_ABI_UNKNOWN, SYS_getppid, SCALL_ACT_TRACE, 0), 0);
	o.path = "/bin/sleep";
	o.set_ids = 1;
	o.uid = 65534;
	o.gid = 65534;
	cr_assert_eq(scall_spawnx(t, argv, NULL, &o, &pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	cr_assert_eq(h_status_num(pid, pid, "Uid:"), 65534);
	cr_assert_eq(h_status_num(pid, pid, "Seccomp:"), 2, "no filter in force");
	cr_assert_eq(h_status_num(pid, pid, "NoNewPrivs:"), 0,
		     "setuid programs would lose their ids");
	cr_assert_eq(scall_filter_active(t, pid), 1);
	kill(pid, SIGKILL);
	h_free(t);
}
