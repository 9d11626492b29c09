/* SPDX-License-Identifier: MIT */
/*
 * job_control - a parent stops and continues its child.
 *
 * The child runs two threads that count loops of system calls in shared
 * memory.  ROUNDS times the parent sends a stop signal (SIGSTOP, SIGTSTP,
 * SIGTTIN, SIGTTOU in turn), checks waitpid(WUNTRACED) reports the stop with
 * that signal, checks the counters do not move while the child is stopped,
 * sends SIGCONT, checks waitpid(WCONTINUED) reports it, and checks both
 * counters move again.  Then SIGUSR1 ends the child, which exits 0 if its
 * calls always returned what they must; its SIGCONT handler counts the
 * SIGCONTs it received, which must be ROUNDS.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 24

struct shared {
	atomic_long count[2];
	atomic_int conts;
	atomic_int bad;
	atomic_int ready;
};

static struct shared *sh;
static volatile sig_atomic_t done;
static pid_t parent;

static void on_usr1(int sig)
{
	(void)sig;
	done = 1;
}

static void on_cont(int sig)
{
	(void)sig;
	atomic_fetch_add(&sh->conts, 1);
}

static void loop(int k)
{
	struct timespec ts = { 0, 50000 };

	atomic_fetch_add(&sh->ready, 1);
	while (!done) {
		if (syscall(SYS_getppid) != parent)
			atomic_fetch_add(&sh->bad, 1);
		if (nanosleep(&ts, NULL) != 0 && errno != EINTR)
			atomic_fetch_add(&sh->bad, 1);
		atomic_fetch_add(&sh->count[k], 1);
	}
}

static void *thread_main(void *arg)
{
	(void)arg;
	loop(1);
	return NULL;
}

static int child(void)
{
	struct sigaction sa;
	pthread_t th;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_cont;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, NULL);
	if (pthread_create(&th, NULL, thread_main, NULL))
		return 2;
	loop(0);
	pthread_join(th, NULL);
	return atomic_load(&sh->bad) ? 3 : 0;
}

static void pause_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int wait_for(pid_t pid, int opts, int *st)
{
	pid_t r;

	while ((r = waitpid(pid, st, opts)) < 0 && errno == EINTR)
		;
	return r == pid ? 0 : -1;
}

/* Wait until both counters moved past the values in c (at most 10 s). */
static int moving(const long c[2])
{
	int i;

	for (i = 0; i < 10000; i++) {
		if (atomic_load(&sh->count[0]) > c[0] + 2 && atomic_load(&sh->count[1]) > c[1] + 2)
			return 0;
		pause_ms(1);
	}
	return -1;
}

int main(void)
{
	static const int stops[] = { SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU };
	long c[2], d[2];
	int i, st;
	pid_t pid;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	parent = getpid();
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		/* A group of its own, which is never orphaned while we live:
		 * SIGTSTP, SIGTTIN and SIGTTOU are not discarded. */
		setpgid(0, 0);
		_exit(child());
	}
	setpgid(pid, pid);
	while (atomic_load(&sh->ready) < 2)
		pause_ms(1);
	for (i = 0; i < ROUNDS; i++) {
		int sig = stops[i % 4];

		c[0] = atomic_load(&sh->count[0]);
		c[1] = atomic_load(&sh->count[1]);
		if (moving(c)) {
			fprintf(stderr, "job_control: round %d: the child does not run\n", i);
			goto fail;
		}
		kill(pid, sig);
		if (wait_for(pid, WUNTRACED, &st) || !WIFSTOPPED(st) || WSTOPSIG(st) != sig) {
			fprintf(stderr,
				"job_control: round %d: status %#x, expected stopped by %d\n", i,
				st, sig);
			goto fail;
		}
		c[0] = atomic_load(&sh->count[0]);
		c[1] = atomic_load(&sh->count[1]);
		pause_ms(20);
		d[0] = atomic_load(&sh->count[0]);
		d[1] = atomic_load(&sh->count[1]);
		if (c[0] != d[0] || c[1] != d[1]) {
			fprintf(stderr, "job_control: round %d: the stopped child ran\n", i);
			goto fail;
		}
		kill(pid, SIGCONT);
		if (wait_for(pid, WCONTINUED, &st) || !WIFCONTINUED(st)) {
			fprintf(stderr, "job_control: round %d: status %#x, expected continued\n",
				i, st);
			goto fail;
		}
	}
	c[0] = atomic_load(&sh->count[0]);
	c[1] = atomic_load(&sh->count[1]);
	if (moving(c)) {
		fprintf(stderr, "job_control: the child does not run after the last SIGCONT\n");
		goto fail;
	}
	kill(pid, SIGUSR1);
	if (wait_for(pid, 0, &st) || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "job_control: child status %#x\n", st);
		return 1;
	}
	if (atomic_load(&sh->conts) != ROUNDS) {
		fprintf(stderr, "job_control: the child saw %d SIGCONT, %d sent\n",
			atomic_load(&sh->conts), ROUNDS);
		return 1;
	}
	printf("job_control: %d stop/continue rounds of a 2-thread child: ok\n", ROUNDS);
	return 0;
fail:
	kill(pid, SIGKILL);
	wait_for(pid, 0, &st);
	return 1;
}
