/* SPDX-License-Identifier: MIT */
/*
 * Tracee memory: process_vm_readv/writev, with /proc/TID/mem behind them for
 * read-only mappings and for kernels or policies that refuse the former.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

/* Bytes from addr to the end of its page, at most len. */
static size_t page_rest(uint64_t addr, size_t len)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	uint64_t rest = page - (addr & (page - 1));

	return rest < len ? (size_t)rest : len;
}

/* Keep [addr, addr + len) from wrapping, and a count within ssize_t. */
static size_t clamp_len(uint64_t addr, size_t len)
{
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	if (len && addr && len - 1 > UINT64_MAX - addr)
		len = (size_t)(UINT64_MAX - addr + 1);
	return len;
}

/* The errors our callers document; whatever else stopped us reads as a fault. */
static int mem_err(int err)
{
	switch (err) {
	case ESRCH:
	case ENOENT:
		return -ESRCH;
	case EPERM:
	case EACCES:
		return -EPERM;
	default:
		return -EFAULT;
	}
}

/*
 * As much as process_vm_{readv,writev} moves: the kernel stops at the first
 * page it cannot access and reports what it moved, so go on from there until
 * a call moves nothing.  *err gets the errno that stopped it, 0 if none.
 */
static size_t vm_move(pid_t tid, uint64_t addr, char *buf, size_t len, bool write, int *err)
{
	size_t done = 0;

	*err = 0;
	while (done < len) {
		struct iovec local = { buf + done, len - done };
		struct iovec remote = { (void *)(uintptr_t)(addr + done), len - done };
		ssize_t n;

		if (write)
			n = process_vm_writev(tid, &local, 1, &remote, 1, 0);
		else
			n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		*err = n < 0 ? errno : EFAULT;
		break;
	}
	return done;
}

/*
 * Through /proc/TID/mem, which a tracer may also use to write read-only
 * mappings.  Returns the bytes moved or a negative errno.
 */
static ssize_t proc_move(pid_t tid, uint64_t addr, char *buf, size_t len, bool write)
{
	char path[32];
	size_t done = 0;
	int fd, err = 0;

	if (addr > INT64_MAX)
		return -EFAULT;
	if (len > (uint64_t)INT64_MAX - addr)
		len = (size_t)((uint64_t)INT64_MAX - addr);
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0)
		return mem_err(errno);
	while (done < len) {
		off_t off = (off_t)(addr + done);
		ssize_t n;

		if (write)
			n = pwrite(fd, buf + done, len - done, off);
		else
			n = pread(fd, buf + done, len - done, off);
		if (n > 0) {
			done += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		err = n < 0 ? errno : EFAULT;
		break;
	}
	close(fd);
	return done ? (ssize_t)done : mem_err(err);
}

ssize_t scall__mem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	size_t done;
	int err;

	len = clamp_len(addr, len);
	if (!len)
		return 0;
	done = vm_move(tid, addr, buf, len, false, &err);
	if (done)
		return (ssize_t)done;
	/* EFAULT is the answer; anything else may be a refusal of the call. */
	if (err == EFAULT || err == ESRCH)
		return mem_err(err);
	return proc_move(tid, addr, buf, len, false);
}

ssize_t scall__mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	char *p = (char *)buf; /* the iovec wants it; never written through */
	size_t done;
	ssize_t n;
	int err;

	len = clamp_len(addr, len);
	if (!len)
		return 0;
	done = vm_move(tid, addr, p, len, true, &err);
	if (done == len || err == ESRCH)
		return done ? (ssize_t)done : mem_err(err);
	/* A read-only page (EFAULT) or a refused call: the rest through /proc. */
	n = proc_move(tid, addr + done, p + done, len - done, true);
	if (n > 0)
		return (ssize_t)(done + (size_t)n);
	return done ? (ssize_t)done : n;
}

ssize_t scall__mem_read_str(pid_t tid, uint64_t addr, char *buf, size_t size)
{
	size_t got = 0, max;

	if (!buf || !size)
		return -EINVAL;
	max = size - 1;
	/* One page at a time: the NUL may be the last byte before a hole. */
	while (got < max) {
		size_t want = page_rest(addr + got, max - got);
		ssize_t n = scall__mem_read(tid, addr + got, buf + got, want);
		char *nul;

		if (n < 0) {
			buf[got] = '\0';
			return n == -ESRCH ? n : -EFAULT;
		}
		nul = memchr(buf + got, '\0', (size_t)n);
		if (nul)
			return nul - buf;
		got += (size_t)n;
	}
	buf[max] = '\0';
	return (ssize_t)max;
}

/* The public API: see include/scall.h. */

ssize_t scall_mem_read(scall_tracer *t, pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct scall__thread *th;
	int err;

	if (!t || (!buf && len))
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	return scall__mem_read(th->tid, addr, buf, len);
}

ssize_t scall_mem_write(scall_tracer *t, pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	struct scall__thread *th;
	int err;

	if (!t || (!buf && len))
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	return scall__mem_write(th->tid, addr, buf, len);
}

ssize_t scall_mem_read_str(scall_tracer *t, pid_t tid, uint64_t addr, char *buf, size_t size)
{
	struct scall__thread *th;
	int err;

	if (!t || !buf || !size)
		return -EINVAL;
	th = scall__stopped(t, tid, &err);
	if (!th)
		return err;
	return scall__mem_read_str(th->tid, addr, buf, size);
}
