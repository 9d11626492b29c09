/* SPDX-License-Identifier: MIT */
/*
 * Timers and notifications: timer_*, timerfd_*, inotify_*, eventfd,
 * pidfd_open; utimes, utime, futimesat; sync_file_range, readahead.
 * Everything it prints is the same from run to run (no pids, no remaining
 * times), so that strace's trace of it can be compared too.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "../cli/tracee.h"

/* The ABI's own layouts: long is 32 bits on i386, as its time_t is. */
struct ts_abi {
	long sec, nsec;
};

struct its_abi {
	struct ts_abi interval, value;
};

static const char *rv(long r, char *buf, size_t size)
{
	if (r < 0)
		return err_text(errno);
	snprintf(buf, size, "%ld", r);
	return buf;
}

int main(void)
{
	char line[1024], b[64];
	const char *tmp = "timers.tmp"; /* in the test's own directory */
	struct sigevent sev;
	struct its_abi its = { { 0, 0 }, { 5, 0 } }, old;
	struct ts_abi tv[4] = { { 1700000000, 5 }, { 1700000001, 999999 } };
	long ub[2] = { 1700000000, 1700000002 };
	int id = -1, sig_id;
	long r, fd;

	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	r = syscall(SYS_timer_create, (long)CLOCK_REALTIME, &sev, &id);
	snprintf(line, sizeof(line),
		 "timer_create(CLOCK_REALTIME, {sigev_signo=SIGALRM, "
		 "sigev_notify=SIGEV_SIGNAL}, [%d])",
		 id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	sig_id = id;

	sev.sigev_notify = SIGEV_NONE;
	sev.sigev_value.sival_int = 7;
	r = syscall(SYS_timer_create, (long)CLOCK_MONOTONIC, &sev, &id);
	snprintf(line, sizeof(line),
		 "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=7, sival_ptr=0x7}, "
		 "sigev_signo=14, sigev_notify=SIGEV_NONE}, [%d])",
		 id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	/* a SIGEV_NONE timer keeps counting down for timer_gettime once
	 * disarmed: the rest is done on the other */
	r = syscall(SYS_timer_delete, (long)id);
	snprintf(line, sizeof(line), "timer_delete(%d)", id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	id = sig_id;

	memset(&old, 0xff, sizeof(old));
	r = syscall(SYS_timer_settime, (long)id, 0L, &its, &old);
	snprintf(line, sizeof(line),
		 "timer_settime(%d, 0, {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=5, "
		 "tv_nsec=0}}, {it_interval={tv_sec=%ld, tv_nsec=%ld}, it_value={tv_sec=%ld, "
		 "tv_nsec=%ld}})",
		 id, old.interval.sec, old.interval.nsec, old.value.sec, old.value.nsec);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	/* disarmed again, so that what timer_gettime reads is known */
	its.value.sec = 0;
	r = syscall(SYS_timer_settime, (long)id, 0L, &its, NULL);
	snprintf(line, sizeof(line),
		 "timer_settime(%d, 0, {it_interval={tv_sec=0, tv_nsec=0}, "
		 "it_value={tv_sec=0, tv_nsec=0}}, NULL)",
		 id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timer_settime, (long)id, (long)TIMER_ABSTIME, NULL, NULL);
	snprintf(line, sizeof(line), "timer_settime(%d, TIMER_ABSTIME, NULL, NULL)", id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timer_gettime, (long)id, &old);
	snprintf(line, sizeof(line),
		 "timer_gettime(%d, {it_interval={tv_sec=%ld, tv_nsec=%ld}, it_value={tv_sec=%ld, "
		 "tv_nsec=%ld}})",
		 id, old.interval.sec, old.interval.nsec, old.value.sec, old.value.nsec);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timer_getoverrun, (long)id);
	snprintf(line, sizeof(line), "timer_getoverrun(%d)", id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timer_delete, (long)id);
	snprintf(line, sizeof(line), "timer_delete(%d)", id);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timer_create, 99L, NULL, (void *)8);
	expect("%s= %s", col("timer_create(0x63 /* CLOCK_??? */, NULL, 0x8)"), rv(r, b, sizeof(b)));

	fd = syscall(SYS_timerfd_create, (long)CLOCK_MONOTONIC, (long)(O_CLOEXEC | O_NONBLOCK));
	expect("%s= %s", col("timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK)"),
	       rv(fd, b, sizeof(b)));

	r = syscall(SYS_timerfd_settime, fd, 3L, &its, &old);
	snprintf(line, sizeof(line),
		 "timerfd_settime(%ld, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, "
		 "{it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=0, tv_nsec=0}}, "
		 "{it_interval={tv_sec=%ld, tv_nsec=%ld}, it_value={tv_sec=%ld, tv_nsec=%ld}})",
		 fd, old.interval.sec, old.interval.nsec, old.value.sec, old.value.nsec);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_timerfd_gettime, fd, &old);
	snprintf(line, sizeof(line),
		 "timerfd_gettime(%ld, {it_interval={tv_sec=%ld, tv_nsec=%ld}, "
		 "it_value={tv_sec=%ld, tv_nsec=%ld}})",
		 fd, old.interval.sec, old.interval.nsec, old.value.sec, old.value.nsec);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	close(fd);

	fd = syscall(SYS_inotify_init1, (long)(O_NONBLOCK | O_CLOEXEC));
	expect("%s= %s", col("inotify_init1(IN_NONBLOCK|IN_CLOEXEC)"), rv(fd, b, sizeof(b)));

	r = syscall(SYS_inotify_add_watch, fd, "/tmp", 0x1000302L);
	snprintf(line, sizeof(line),
		 "inotify_add_watch(%ld, \"/tmp\", IN_MODIFY|IN_CREATE|IN_DELETE|IN_ONLYDIR)", fd);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_inotify_rm_watch, fd, r);
	snprintf(line, sizeof(line), "inotify_rm_watch(%ld, 1)", fd);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_inotify_add_watch, fd, "/nonexistent", 0x80000fffL);
	snprintf(line, sizeof(line),
		 "inotify_add_watch(%ld, \"/nonexistent\", IN_ACCESS|IN_MODIFY|IN_ATTRIB|"
		 "IN_CLOSE_WRITE|IN_CLOSE_NOWRITE|IN_OPEN|IN_MOVED_FROM|IN_MOVED_TO|IN_CREATE|"
		 "IN_DELETE|IN_DELETE_SELF|IN_MOVE_SELF|IN_ONESHOT)",
		 fd);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	close(fd);

#ifdef SYS_eventfd
	fd = syscall(SYS_eventfd, 3L);
	expect("%s= %s", col("eventfd(3)"), rv(fd, b, sizeof(b)));
	close(fd);
#endif

	fd = syscall(SYS_pidfd_open, 1L, 1L);
	expect("%s= %s", col("pidfd_open(1, 0x1 /* PIDFD_??? */)"), rv(fd, b, sizeof(b)));

	close(open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
	r = syscall(SYS_utimes, tmp, tv);
	snprintf(
		line, sizeof(line),
		"utimes(\"%s\", [{tv_sec=1700000000, tv_usec=5} /* 2023-11-14T22:13:20.000005+0000 "
		"*/, {tv_sec=1700000001, tv_usec=999999} /* 2023-11-14T22:13:21.999999+0000 */])",
		tmp);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_utime, tmp, ub);
	snprintf(line, sizeof(line),
		 "utime(\"%s\", {actime=1700000000 /* 2023-11-14T22:13:20+0000 */, "
		 "modtime=1700000002 /* 2023-11-14T22:13:22+0000 */})",
		 tmp);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_futimesat, (long)AT_FDCWD, tmp, NULL);
	snprintf(line, sizeof(line), "futimesat(AT_FDCWD, \"%s\", NULL)", tmp);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	fd = open(tmp, O_RDWR | O_CLOEXEC);
#ifdef __x86_64__
	r = syscall(SYS_sync_file_range, fd, 10L, 20L, 7L);
#else
	r = syscall(SYS_sync_file_range, fd, 10L, 0L, 20L, 0L, 7L);
#endif
	snprintf(line, sizeof(line),
		 "sync_file_range(%ld, 10, 20, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|"
		 "SYNC_FILE_RANGE_WAIT_AFTER)",
		 fd);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

#ifdef __x86_64__
	r = syscall(SYS_readahead, fd, 4096L, 8192L);
#else
	r = syscall(SYS_readahead, fd, 4096L, 0L, 8192L);
#endif
	snprintf(line, sizeof(line), "readahead(%ld, 4096, 8192)", fd);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	unlink(tmp);

	expect_flush();
	return 0;
}
