/* SPDX-License-Identifier: MIT */
/*
 * A tracee for the decoders: its memory is bytes of the fuzz input mapped at
 * FAKE_BASE, everything else unmapped.  The reads keep libscall's contract
 * (include/scall.h), the unkind parts included: short reads where the image
 * ends, -EFAULT for a string that runs off it before its NUL, -ESRCH once
 * the thread is gone.  Linked with -Wl,--wrap=scall_mem_read and friends,
 * so the CLI's calls land here and libscall's own functions stay as they
 * are.  The whole of the caller's buffer is written, as the kernel may, so a
 * buffer smaller than the length it is passed with is caught.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include <scall.h>

#include "fuzz.h"

static const uint8_t *img;
static size_t img_len;
static unsigned reads_left; /* 0: no limit */
static bool limited, gone;
static const void *si_data;
static size_t si_len;

ssize_t __wrap_scall_mem_read(scall_tracer *t, pid_t tid, uint64_t addr, void *buf, size_t len);
ssize_t __wrap_scall_mem_read_str(scall_tracer *t, pid_t tid, uint64_t addr, char *buf,
				  size_t size);
int __wrap_scall_get_siginfo(scall_tracer *t, pid_t tid, siginfo_t *si);

void fake_mem_set(const uint8_t *image, size_t len, unsigned reads, const void *siginfo,
		  size_t siginfo_len)
{
	img = image;
	img_len = len;
	reads_left = reads;
	limited = reads != 0;
	gone = false;
	si_data = siginfo;
	si_len = siginfo_len;
}

/* Whether the thread still exists for one more read. */
static bool alive(void)
{
	if (gone)
		return false;
	if (limited && reads_left-- == 0)
		gone = true;
	return !gone;
}

/* Offset of addr in the image, or -1 if unmapped. */
static long long offset_of(uint64_t addr)
{
	if (addr < FAKE_BASE || addr - FAKE_BASE >= img_len)
		return -1;
	return (long long)(addr - FAKE_BASE);
}

/* Scribble over the caller's buffer: all of it must be the caller's. */
static void scribble(void *buf, size_t len)
{
	if (len > (64u << 20))
		len = 64u << 20;
	memset(buf, 0xa5, len);
}

ssize_t __wrap_scall_mem_read(scall_tracer *t, pid_t tid, uint64_t addr, void *buf, size_t len)
{
	long long off;
	size_t n;

	(void)t;
	(void)tid;
	if (!buf && len)
		return -EINVAL;
	if (!len)
		return 0;
	scribble(buf, len);
	if (!alive())
		return -ESRCH;
	off = offset_of(addr);
	if (off < 0)
		return -EFAULT;
	n = img_len - (size_t)off;
	if (n > len)
		n = len;
	memcpy(buf, img + off, n);
	return (ssize_t)n;
}

ssize_t __wrap_scall_mem_read_str(scall_tracer *t, pid_t tid, uint64_t addr, char *buf, size_t size)
{
	long long off;

	(void)t;
	(void)tid;
	if (!buf || !size)
		return -EINVAL;
	scribble(buf, size);
	buf[0] = '\0';
	if (!alive())
		return -ESRCH;
	off = offset_of(addr);
	if (off < 0)
		return -EFAULT;
	for (size_t i = 0; i + 1 < size; i++) {
		if ((size_t)off + i >= img_len) {
			buf[0] = '\0';
			return -EFAULT;
		}
		buf[i] = (char)img[off + i];
		if (!buf[i])
			return (ssize_t)i;
	}
	buf[size - 1] = '\0';
	return (ssize_t)(size - 1);
}

int __wrap_scall_get_siginfo(scall_tracer *t, pid_t tid, siginfo_t *si)
{
	(void)t;
	(void)tid;
	if (!si || !si_data)
		return -EINVAL;
	memset(si, 0, sizeof(*si));
	memcpy(si, si_data, si_len < sizeof(*si) ? si_len : sizeof(*si));
	return 0;
}
