/* SPDX-License-Identifier: MIT */
/* Signals: sigaction, sigprocmask, kill and the delivery line, rt_sigreturn. */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

static void handler(int sig)
{
	(void)sig;
}

int main(void)
{
	char line[1024], act[512];
	struct sigaction sa;
	/* the kernel's struct sigaction, to learn the restorer glibc installed */
	struct {
		unsigned long handler, flags, restorer;
		unsigned long long mask;
	} kact;
	sigset_t set, oset;
	long r;
	pid_t pid = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	r = sigaction(SIGUSR1, &sa, NULL);
	r |= syscall(SYS_rt_sigaction, (long)SIGUSR1, NULL, &kact, 8L);
	/* glibc on i386 returns through the vDSO: no SA_RESTORER there */
	if (kact.flags & 0x04000000)
		snprintf(act, sizeof(act),
			 "{sa_handler=%p, sa_mask=[USR2], sa_flags=SA_RESTORER|SA_RESTART, "
			 "sa_restorer=%p}",
			 (void *)handler, (void *)kact.restorer);
	else
		snprintf(act, sizeof(act), "{sa_handler=%p, sa_mask=[USR2], sa_flags=SA_RESTART}",
			 (void *)handler);
	snprintf(line, sizeof(line), "rt_sigaction(SIGUSR1, %s, NULL, 8)", act);
	expect("%s= %ld", col(line), r);
	snprintf(line, sizeof(line), "rt_sigaction(SIGUSR1, NULL, %s, 8)", act);
	expect("%s= %ld", col(line), r);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	r = syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &oset, 8L);
	expect("%s= %ld", col("rt_sigprocmask(SIG_BLOCK, [USR2 TERM], [], 8)"), r);

	r = syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8L);
	expect("%s= %ld", col("rt_sigprocmask(SIG_UNBLOCK, [USR2 TERM], NULL, 8)"), r);

	r = syscall(SYS_kill, (long)pid, (long)SIGUSR1);
	snprintf(line, sizeof(line), "kill(%d, SIGUSR1)", (int)pid);
	expect("%s= %ld", col(line), r);
	expect("--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=%d, si_uid=%u} ---",
	       (int)pid, (unsigned)getuid());
#ifdef __i386__
	expect("%s= 0", col("sigreturn({mask=[]})"));
#else
	expect("%s= 0", col("rt_sigreturn({mask=[]})"));
#endif

	r = syscall(SYS_kill, 999999999L, 0L);
	expect("%s= %s", col("kill(999999999, 0)"), err_text(errno));

	/* sigqueue: the value is shown when there is one */
	for (int val = 0; val < 6; val += 5) {
		siginfo_t si;

		memset(&si, 0, sizeof(si));
		si.si_signo = SIGUSR1;
		si.si_code = SI_QUEUE;
		si.si_pid = pid;
		si.si_uid = getuid();
		si.si_value.sival_int = val;
		r = syscall(SYS_rt_sigqueueinfo, (long)pid, (long)SIGUSR1, &si);
		snprintf(act, sizeof(act),
			 "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=%d, si_uid=%u%s}", (int)pid,
			 (unsigned)getuid(), val ? ", si_int=5, si_ptr=0x5" : "");
		snprintf(line, sizeof(line), "rt_sigqueueinfo(%d, SIGUSR1, %s)", (int)pid, act);
		expect("%s= %ld", col(line), r);
		expect("--- SIGUSR1 %s ---", act);
#ifdef __i386__
		expect("%s= 0", col("sigreturn({mask=[]})"));
#else
		expect("%s= 0", col("rt_sigreturn({mask=[]})"));
#endif
	}

	/* SIG_ERR (-1) as a handler: vi installs it for SIGTSTP (strace names
	 * it in 64 bits only) */
	memset(&kact, 0, sizeof(kact));
	kact.handler = (unsigned long)-1;
	r = syscall(SYS_rt_sigaction, (long)SIGTSTP, &kact, &kact, 8L);
	snprintf(line, sizeof(line),
		 "rt_sigaction(SIGTSTP, {sa_handler=%s, sa_mask=[], sa_flags=0}, "
		 "{sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8)",
		 sizeof(long) == 8 ? "SIG_ERR" : "0xffffffff");
	expect("%s= %ld", col(line), r);
	memset(&kact, 0, sizeof(kact));
	r = syscall(SYS_rt_sigaction, (long)SIGTSTP, &kact, NULL, 8L);
	expect("%s= %ld",
	       col("rt_sigaction(SIGTSTP, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, NULL, 8)"),
	       r);

	expect_flush();
	return 0;
}
