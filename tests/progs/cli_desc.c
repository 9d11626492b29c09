/* SPDX-License-Identifier: MIT */
/* More descriptor calls: pipe2, readv/writev, poll, select, epoll, getdents64, futex. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../cli/tracee.h"

int main(void)
{
	char line[2048], a[8], b[8];
	int p[2], futex_word = 0;
	long r, ep, d;
	struct iovec iov[2];
	struct pollfd pfd[2];
	struct epoll_event ev, evs[4];
	fd_set rs;
	struct timespec ts = { 0, 0 };
	char dents[4096];

	r = syscall(SYS_pipe2, p, (long)O_CLOEXEC);
	snprintf(line, sizeof(line), "pipe2([%d, %d], O_CLOEXEC)", p[0], p[1]);
	expect("%s= %ld", col(line), r);

	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "de";
	iov[1].iov_len = 2;
	r = syscall(SYS_writev, (long)p[1], iov, 2L);
	snprintf(line, sizeof(line),
		 "writev(%d, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\", iov_len=2}], 2)",
		 p[1]);
	expect("%s= %ld", col(line), r);

	pfd[0].fd = p[0];
	pfd[0].events = POLLIN;
	pfd[1].fd = p[1];
	pfd[1].events = POLLOUT | POLLIN;
	r = syscall(SYS_poll, pfd, 2L, 100L);
	snprintf(line, sizeof(line),
		 "poll([{fd=%d, events=POLLIN}, {fd=%d, events=POLLIN|POLLOUT}], 2, 100)", p[0],
		 p[1]);
	expect("%s= %ld ([{fd=%d, revents=POLLIN}, {fd=%d, revents=POLLOUT}])", col(line), r, p[0],
	       p[1]);

	FD_ZERO(&rs);
	FD_SET(p[0], &rs);
#ifdef __i386__
	r = syscall(SYS__newselect, (long)p[0] + 1, &rs, NULL, NULL, NULL);
	snprintf(line, sizeof(line), "_newselect(%d, [%d], NULL, NULL, NULL)", p[0] + 1, p[0]);
#else
	r = syscall(SYS_select, (long)p[0] + 1, &rs, NULL, NULL, NULL);
	snprintf(line, sizeof(line), "select(%d, [%d], NULL, NULL, NULL)", p[0] + 1, p[0]);
#endif
	expect("%s= %ld (in [%d])", col(line), r, p[0]);

	iov[0].iov_base = a;
	iov[0].iov_len = 2;
	iov[1].iov_base = b;
	iov[1].iov_len = 8;
	r = syscall(SYS_readv, (long)p[0], iov, 2L);
	snprintf(line, sizeof(line),
		 "readv(%d, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=8}], 2)",
		 p[0]);
	expect("%s= %ld", col(line), r);

	pfd[0].events = POLLIN;
	r = syscall(SYS_ppoll, pfd, 1L, &ts, NULL, 8L);
	snprintf(line, sizeof(line),
		 "ppoll([{fd=%d, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8)", p[0]);
	expect("%s= %ld (Timeout)", col(line), r);

	ep = syscall(SYS_epoll_create1, (long)EPOLL_CLOEXEC);
	expect("%s= %ld", col("epoll_create1(EPOLL_CLOEXEC)"), ep);

	ev.events = EPOLLIN;
	ev.data.u64 = 7;
	r = syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_ADD, (long)p[1], &ev);
	snprintf(line, sizeof(line),
		 "epoll_ctl(%ld, EPOLL_CTL_ADD, %d, {events=EPOLLIN, data={u32=7, u64=7}})", ep,
		 p[1]);
	expect("%s= %ld", col(line), r);

	ev.events = EPOLLOUT;
	r = syscall(SYS_epoll_ctl, ep, (long)EPOLL_CTL_MOD, (long)p[1], &ev);
	snprintf(line, sizeof(line),
		 "epoll_ctl(%ld, EPOLL_CTL_MOD, %d, {events=EPOLLOUT, data={u32=7, u64=7}})", ep,
		 p[1]);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_epoll_pwait, ep, evs, 4L, 100L, NULL, 8L);
	snprintf(line, sizeof(line),
		 "epoll_pwait(%ld, [{events=EPOLLOUT, data={u32=7, u64=7}}], 4, 100, NULL, 8)", ep);
	expect("%s= %ld", col(line), r);

	d = syscall(SYS_openat, AT_FDCWD, "/", (long)(O_RDONLY | O_DIRECTORY));
	expect("%s= %ld", col("openat(AT_FDCWD, \"/\", O_RDONLY|O_DIRECTORY)"), d);
	r = syscall(SYS_getdents64, d, dents, (long)sizeof(dents));
	{
		long n = 0, off = 0;

		while (off < r) {
			unsigned short reclen;

			memcpy(&reclen, dents + off + 16, 2);
			off += reclen;
			n++;
		}
		snprintf(line, sizeof(line), "getdents64(%ld, %p /* %ld entries */, %zu)", d,
			 (void *)dents, n, sizeof(dents));
	}
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_futex, &futex_word, 129L /* FUTEX_WAKE_PRIVATE */, 1L);
	snprintf(line, sizeof(line), "futex(%p, FUTEX_WAKE_PRIVATE, 1)", (void *)&futex_word);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_futex, &futex_word, 128L /* FUTEX_WAIT_PRIVATE */, 1L, &ts);
	snprintf(line, sizeof(line), "futex(%p, FUTEX_WAIT_PRIVATE, 1, {tv_sec=0, tv_nsec=0})",
		 (void *)&futex_word);
	expect("%s= %s", col(line), err_text(errno));

	expect_flush();
	return 0;
}
