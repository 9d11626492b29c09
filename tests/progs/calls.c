/* SPDX-License-Identifier: MIT */
/*
 * calls - a tracee that runs the operations named by its arguments, in
 * order, and prints one line per operation with what it experienced:
 *
 *	<op> <return value> <errno> [<detail>]
 *
 * Every system call under test is made with syscall(SYS_xxx), so it is
 * exactly the call a tracer sees.  stdout is fully buffered and flushed only
 * before fork, exec and exit, so no write to fd 1 comes between operations.
 *
 * Operations:
 *   getppid getpid gettid   the call; <return value> is its result
 *   int80                   getpid through int 0x80 (i386 ABI); in a 32-bit
 *                           build the ordinary getpid, which is i386 too
 *   write:TEXT              write TEXT into a fresh pipe; detail: what the
 *                           read end got ("-" for nothing)
 *   writero                 write a string that lives in .rodata into a pipe;
 *                           detail: what the pipe got, then the string as it
 *                           reads after the call
 *   unlink:PATH             unlink
 *   openat:PATH             openat(AT_FDCWD, PATH, O_RDONLY); detail: the
 *                           first line of the file ("-" if not opened)
 *   read                    read(0, buf, 63); detail: the data ("-" if none)
 *   handle:SIG[:norestart]  install a counting handler for SIG (SA_RESTART
 *                           unless ":norestart")
 *   handled:SIG             detail: "SIG COUNT SAME", SAME 1 if the last run
 *                           of the handler was in this thread
 *   raise:SIG               tgkill(getpid(), gettid(), SIG)
 *   stop                    kill(getpid(), SIGSTOP)
 *   sleep:MS                nanosleep
 *   thread                  run the remaining operations in a new thread;
 *                           the main thread joins it and exits
 *   fork                    the child runs the remaining operations and
 *                           exits 0; the parent prints "fork PID 0 exit=N"
 *                           (or "sig=N") once the child is gone, and exits
 *   vfork                   the child execs this program with the remaining
 *                           operations; the parent reports as for fork
 *   clonefork               raw clone(SIGCHLD); the child calls getppid and
 *                           exits 7 if it returned the parent's pid, else 8
 *   exec                    exec this program with the remaining operations
 *   exit:N                  exit_group(N)
 *
 * Exit status: 0, or 2 for an unknown operation.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAXSIG 65

static volatile sig_atomic_t counts[MAXSIG];
static volatile long last_tid[MAXSIG];

static const char ro_text[] = "rodata-original";

static int run(int argc, char **argv);

static void report(const char *op, long ret, const char *detail)
{
	int err = ret < 0 ? errno : 0;

	if (detail)
		printf("%s %ld %d %s\n", op, ret, err, detail);
	else
		printf("%s %ld %d\n", op, ret, err);
}

static void on_signal(int sig)
{
	int saved = errno;

	if (sig > 0 && sig < MAXSIG) {
		counts[sig]++;
		last_tid[sig] = syscall(SYS_gettid);
	}
	errno = saved;
}

static long int80_getpid(void)
{
#if defined(__x86_64__)
	long ret;

	/* i386 getpid is 20; the kernel clears r8-r11 on this path. */
	asm volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory", "r8", "r9", "r10", "r11");
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
#else
	return syscall(SYS_getpid);
#endif
}

/* What a pipe's read end holds right now, as a string ("-" if nothing). */
static void drain(int fd, char *buf, size_t size)
{
	ssize_t n = read(fd, buf, size - 1);

	if (n <= 0)
		strcpy(buf, "-");
	else
		buf[n] = '\0';
}

static void op_write(const char *op, const char *text)
{
	char got[256];
	int p[2];
	long r;

	if (pipe2(p, O_NONBLOCK) < 0) {
		perror("pipe2");
		exit(3);
	}
	r = syscall(SYS_write, p[1], text, strlen(text));
	{
		int saved = errno;

		drain(p[0], got, sizeof(got));
		errno = saved;
	}
	if (strcmp(op, "writero") == 0) {
		char both[512];

		snprintf(both, sizeof(both), "%s %s", got, ro_text);
		report(op, r, both);
	} else {
		report(op, r, got);
	}
	close(p[0]);
	close(p[1]);
}

static void op_openat(const char *path)
{
	char line[256] = "-";
	long r = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
	int saved = errno;

	if (r >= 0) {
		ssize_t n = read((int)r, line, sizeof(line) - 1);

		line[n > 0 ? n : 0] = '\0';
		line[strcspn(line, "\n")] = '\0';
		if (!line[0])
			strcpy(line, "-");
		close((int)r);
	}
	errno = saved;
	report("openat", r, line);
}

static void op_read(void)
{
	char buf[64];
	long r = syscall(SYS_read, 0, buf, sizeof(buf) - 1);

	if (r > 0) {
		buf[r] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
	} else {
		strcpy(buf, "-");
	}
	report("read", r, buf);
}

static void op_handle(const char *arg)
{
	struct sigaction sa;
	int sig = atoi(arg);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = strstr(arg, ":norestart") ? 0 : SA_RESTART;
	sigemptyset(&sa.sa_mask);
	report("handle", sigaction(sig, &sa, NULL), NULL);
}

static void op_handled(const char *arg)
{
	char detail[64];
	int sig = atoi(arg);

	if (sig <= 0 || sig >= MAXSIG)
		exit(2);
	snprintf(detail, sizeof(detail), "%d %d %d", sig, (int)counts[sig],
		 last_tid[sig] == syscall(SYS_gettid));
	report("handled", 0, detail);
}

static void report_child(const char *op, pid_t child)
{
	char detail[32];
	int status;

	if (waitpid(child, &status, __WALL) < 0) {
		report(op, -1, NULL);
		return;
	}
	if (WIFEXITED(status))
		snprintf(detail, sizeof(detail), "exit=%d", WEXITSTATUS(status));
	else
		snprintf(detail, sizeof(detail), "sig=%d",
			 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	report(op, child, detail);
}

/* execv of this program with the operations that follow. */
static void exec_rest(int argc, char **argv)
{
	char **nargv = calloc((size_t)argc + 2, sizeof(*nargv));
	int i;

	if (!nargv)
		exit(3);
	nargv[0] = (char *)"calls";
	for (i = 0; i < argc; i++)
		nargv[i + 1] = argv[i];
	fflush(stdout);
	execv("/proc/self/exe", nargv);
}

struct rest {
	int argc;
	char **argv;
};

static void *thread_main(void *arg)
{
	struct rest *r = arg;

	return (void *)(long)run(r->argc, r->argv);
}

static int op_thread(int argc, char **argv)
{
	static struct rest r;
	pthread_t th;
	void *ret;

	r.argc = argc;
	r.argv = argv;
	if (pthread_create(&th, NULL, thread_main, &r) != 0)
		return 3;
	if (pthread_join(th, &ret) != 0)
		return 3;
	return (int)(long)ret;
}

static int op_fork(int argc, char **argv)
{
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child < 0) {
		report("fork", -1, NULL);
		return 0;
	}
	if (child == 0) {
		int rc = run(argc, argv);

		fflush(stdout);
		_exit(rc);
	}
	report_child("fork", child);
	return 0;
}

static int op_vfork(int argc, char **argv)
{
	char **nargv = calloc((size_t)argc + 2, sizeof(*nargv));
	pid_t child;
	int i;

	if (!nargv)
		return 3;
	nargv[0] = (char *)"calls";
	for (i = 0; i < argc; i++)
		nargv[i + 1] = argv[i];
	fflush(stdout);
	child = vfork();
	if (child == 0) {
		execv("/proc/self/exe", nargv);
		_exit(127);
	}
	if (child < 0) {
		report("vfork", -1, NULL);
		return 0;
	}
	report_child("vfork", child);
	free(nargv);
	return 0;
}

static void op_clonefork(void)
{
	long parent = syscall(SYS_getpid);
	long child;

	fflush(stdout);
	child = syscall(SYS_clone, (long)SIGCHLD, 0L, 0L, 0L, 0L);
	if (child == 0)
		syscall(SYS_exit_group, syscall(SYS_getppid) == parent ? 7 : 8);
	if (child < 0) {
		report("clonefork", -1, NULL);
		return;
	}
	report_child("clonefork", (pid_t)child);
}

/* Runs argv[0..argc-1]; returns the exit status the program should have. */
static int run(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *op = argv[i];
		const char *arg = strchr(op, ':');

		arg = arg ? arg + 1 : "";
		if (strcmp(op, "getppid") == 0) {
			report(op, syscall(SYS_getppid), NULL);
		} else if (strcmp(op, "getpid") == 0) {
			report(op, syscall(SYS_getpid), NULL);
		} else if (strcmp(op, "gettid") == 0) {
			report(op, syscall(SYS_gettid), NULL);
		} else if (strcmp(op, "int80") == 0) {
			report(op, int80_getpid(), NULL);
		} else if (strncmp(op, "write:", 6) == 0) {
			op_write("write", arg);
		} else if (strcmp(op, "writero") == 0) {
			op_write("writero", ro_text);
		} else if (strncmp(op, "unlink:", 7) == 0) {
			report("unlink", syscall(SYS_unlink, arg), NULL);
		} else if (strncmp(op, "openat:", 7) == 0) {
			op_openat(arg);
		} else if (strcmp(op, "read") == 0) {
			op_read();
		} else if (strncmp(op, "handle:", 7) == 0) {
			op_handle(arg);
		} else if (strncmp(op, "handled:", 8) == 0) {
			op_handled(arg);
		} else if (strncmp(op, "raise:", 6) == 0) {
			report("raise",
			       syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), atoi(arg)), NULL);
		} else if (strcmp(op, "stop") == 0) {
			fflush(stdout);
			report(op, syscall(SYS_kill, getpid(), SIGSTOP), NULL);
		} else if (strncmp(op, "sleep:", 6) == 0) {
			struct timespec ts = { atoi(arg) / 1000, (atoi(arg) % 1000) * 1000000L };

			report("sleep", syscall(SYS_nanosleep, &ts, NULL), NULL);
		} else if (strcmp(op, "thread") == 0) {
			return op_thread(argc - i - 1, argv + i + 1);
		} else if (strcmp(op, "fork") == 0) {
			return op_fork(argc - i - 1, argv + i + 1);
		} else if (strcmp(op, "vfork") == 0) {
			return op_vfork(argc - i - 1, argv + i + 1);
		} else if (strcmp(op, "clonefork") == 0) {
			op_clonefork();
		} else if (strcmp(op, "exec") == 0) {
			exec_rest(argc - i - 1, argv + i + 1);
			report("exec", -1, NULL);
			return 0;
		} else if (strncmp(op, "exit:", 5) == 0) {
			fflush(stdout);
			syscall(SYS_exit_group, atoi(arg));
		} else {
			fprintf(stderr, "calls: unknown operation '%s'\n", op);
			return 2;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char outbuf[16384];
	int rc;

	/* A buffer of our own: stdio then makes no call before the first flush. */
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	rc = run(argc - 1, argv + 1);

	fflush(stdout);
	return rc;
}
