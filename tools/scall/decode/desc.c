/* SPDX-License-Identifier: MIT */
/* Descriptors: close, lseek, dup, pipe, getdents and small calls on an fd. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

DECL(close)
{
	a_fd(c, 0);
	return DEC_DONE;
}

static const struct xval close_range_flags[] = {
	{ 2, "CLOSE_RANGE_UNSHARE" },
	{ 4, "CLOSE_RANGE_CLOEXEC" },
	{ 0, NULL },
};

DECL(close_range)
{
	a_fd(c, 0);
	a_uint(c, 1);
	a_flags(c, 2, close_range_flags, "CLOSE_RANGE_???");
	return DEC_DONE;
}

static const struct xval whence[] = {
	{ 0, "SEEK_SET" },  { 1, "SEEK_CUR" },  { 2, "SEEK_END" },
	{ 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" }, { 0, NULL },
};

DECL(lseek)
{
	a_fd(c, 0);
	a_long(c, 1);
	a_xlat(c, 2, whence, "SEEK_???");
	return DEC_DONE;
}

DECL(_llseek)
{
	if (!c->exiting) {
		a_fd(c, 0);
		arg(c);
		p_int64(c, (int64_t)((c->args[1] << 32) | (uint32_t)c->args[2]));
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c)) {
		p_ptr(c, arg_ulong(c, 3));
	} else {
		int64_t v;

		if (umove(c, arg_ulong(c, 3), &v, sizeof(v)))
			sb_printf(&c->sb, "[%lld]", (long long)v);
		else
			p_ptr(c, arg_ulong(c, 3));
	}
	a_xlat(c, 4, whence, "SEEK_???");
	return 0;
}

DECL(dup)
{
	a_fd(c, 0);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(dup2)
{
	a_fd(c, 0);
	a_fd(c, 1);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static const struct xval cloexec_flags[] = {
	{ 02000000, "O_CLOEXEC" },
	{ 0, NULL },
};

DECL(dup3)
{
	a_fd(c, 0);
	a_fd(c, 1);
	a_flags(c, 2, cloexec_flags, "O_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static void p_fd_pair(struct call *c, uint64_t addr)
{
	int fds[2];

	if (failed(c) || !umove(c, addr, fds, sizeof(fds))) {
		p_ptr(c, addr);
		return;
	}
	sb_putc(&c->sb, '[');
	for (int i = 0; i < 2; i++) {
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		p_fd(c, fds[i]);
	}
	sb_putc(&c->sb, ']');
}

DECL(pipe)
{
	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	p_fd_pair(c, arg_ulong(c, 0));
	return 0;
}

DECL(pipe2)
{
	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	p_fd_pair(c, arg_ulong(c, 0));
	a_flags(c, 1, xl_open_flags, "O_???");
	return 0;
}

/* ---- directory entries ---- */

static const struct xval dtypes[] = {
	{ 0, "DT_UNKNOWN" }, { 1, "DT_FIFO" }, { 2, "DT_CHR" },   { 4, "DT_DIR" },  { 6, "DT_BLK" },
	{ 8, "DT_REG" },     { 10, "DT_LNK" }, { 12, "DT_SOCK" }, { 14, "DT_WHT" }, { 0, NULL },
};

static void p_dirents(struct call *c, uint64_t addr, int64_t len, bool is64)
{
	unsigned char buf[65536];
	/* A negative length that is no errno is nonsense: show the address. */
	size_t n = len <= 0 ? 0 : len > (int64_t)sizeof(buf) ? sizeof(buf) : (size_t)len;
	size_t off = 0, count = 0;

	if (!failed(c) && len == 0 && c->verbose) {
		if (c->abbrev) {
			p_ptr(c, addr);
			sb_puts(&c->sb, " /* 0 entries */");
		} else {
			sb_puts(&c->sb, "[]");
		}
		return;
	}
	if (failed(c) || !n || !umove(c, addr, buf, n)) {
		p_ptr(c, addr);
		return;
	}
	if (c->abbrev) {
		while (off + 19 <= n) {
			uint16_t reclen;

			memcpy(&reclen, buf + off + (is64 ? 16 : 2 * abi_wordsize(c)), 2);
			if (!reclen)
				break;
			off += reclen;
			count++;
		}
		p_ptr(c, addr);
		sb_printf(&c->sb, " /* %zu entries */", count);
		return;
	}
	sb_putc(&c->sb, '[');
	while (off < n) {
		uint64_t ino, doff;
		uint16_t reclen;
		unsigned char type;
		const char *name;
		size_t hdr;

		if (is64) {
			if (off + 19 > n)
				break;
			memcpy(&ino, buf + off, 8);
			memcpy(&doff, buf + off + 8, 8);
			memcpy(&reclen, buf + off + 16, 2);
			type = buf[off + 18];
			hdr = 19;
		} else {
			unsigned ws = abi_wordsize(c);

			if (off + 2 * ws + 2 > n)
				break;
			ino = doff = 0;
			memcpy(&ino, buf + off, ws);
			memcpy(&doff, buf + off + ws, ws);
			memcpy(&reclen, buf + off + 2 * ws, 2);
			hdr = 2 * ws + 2;
			type = reclen && off + reclen <= n ? buf[off + reclen - 1] : 0;
		}
		/* A record shorter than its header is garbage: stop there. */
		if (reclen < hdr || off + reclen > n)
			break;
		name = (const char *)buf + off + hdr;
		if (count)
			sb_puts(&c->sb, ", ");
		sb_printf(&c->sb, "{d_ino=%llu, d_off=%lld, d_reclen=%u, ", (unsigned long long)ino,
			  (long long)doff, reclen);
		if (is64) {
			sb_puts(&c->sb, "d_type=");
			p_xlat(c, dtypes, type, "DT_???");
			sb_puts(&c->sb, ", ");
		}
		sb_puts(&c->sb, "d_name=");
		p_quoted(c, (const unsigned char *)name, strnlen(name, reclen - hdr), false);
		if (!is64) {
			sb_puts(&c->sb, ", d_type=");
			p_xlat(c, dtypes, type, "DT_???");
		}
		sb_putc(&c->sb, '}');
		off += reclen;
		count++;
	}
	sb_putc(&c->sb, ']');
}

static int getdents_common(struct call *c, bool is64)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_dirents(c, arg_ulong(c, 1), c->rval, is64);
	a_uint(c, 2);
	return 0;
}

DECL(getdents64)
{
	return getdents_common(c, true);
}

DECL(getdents)
{
	return getdents_common(c, false);
}

DECL(fd1)
{
	a_fd(c, 0);
	return DEC_DONE;
}

DECL(ftruncate)
{
	a_fd(c, 0);
	a_long(c, 1);
	return DEC_DONE;
}

DECL(fchmod)
{
	a_fd(c, 0);
	a_mode(c, 1);
	return DEC_DONE;
}

DECL(fchown)
{
	a_fd(c, 0);
	a_int(c, 1);
	a_int(c, 2);
	return DEC_DONE;
}

static const struct xval efd_flags[] = {
	{ 1, "EFD_SEMAPHORE" },
	{ 02000000, "EFD_CLOEXEC" },
	{ 04000, "EFD_NONBLOCK" },
	{ 0, NULL },
};

DECL(eventfd2)
{
	a_uint(c, 0);
	a_flags(c, 1, efd_flags, "EFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(eventfd)
{
	a_uint(c, 0);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

/* ---- inotify, pidfd ---- */

static const struct xval in_init_flags[] = {
	{ 04000, "IN_NONBLOCK" },
	{ 02000000, "IN_CLOEXEC" },
	{ 0, NULL },
};

static const struct xval in_events[] = {
	{ 0x00000001, "IN_ACCESS" },
	{ 0x00000002, "IN_MODIFY" },
	{ 0x00000004, "IN_ATTRIB" },
	{ 0x00000008, "IN_CLOSE_WRITE" },
	{ 0x00000010, "IN_CLOSE_NOWRITE" },
	{ 0x00000020, "IN_OPEN" },
	{ 0x00000040, "IN_MOVED_FROM" },
	{ 0x00000080, "IN_MOVED_TO" },
	{ 0x00000100, "IN_CREATE" },
	{ 0x00000200, "IN_DELETE" },
	{ 0x00000400, "IN_DELETE_SELF" },
	{ 0x00000800, "IN_MOVE_SELF" },
	{ 0x00002000, "IN_UNMOUNT" },
	{ 0x00004000, "IN_Q_OVERFLOW" },
	{ 0x00008000, "IN_IGNORED" },
	{ 0x01000000, "IN_ONLYDIR" },
	{ 0x02000000, "IN_DONT_FOLLOW" },
	{ 0x04000000, "IN_EXCL_UNLINK" },
	{ 0x10000000, "IN_MASK_CREATE" },
	{ 0x20000000, "IN_MASK_ADD" },
	{ 0x40000000, "IN_ISDIR" },
	{ 0x80000000, "IN_ONESHOT" },
	{ 0, NULL },
};

DECL(inotify_init1)
{
	if (c->ent->nargs)
		a_flags(c, 0, in_init_flags, "IN_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(inotify_add_watch)
{
	a_fd(c, 0);
	a_path(c, 1);
	a_flags(c, 2, in_events, "IN_???");
	return DEC_DONE;
}

DECL(inotify_rm_watch)
{
	a_fd(c, 0);
	a_int(c, 1);
	return DEC_DONE;
}

static const struct xval pidfd_flags[] = {
	{ 04000, "PIDFD_NONBLOCK" },
	{ 0, NULL },
};

DECL(pidfd_open)
{
	a_pid(c, 0);
	a_flags(c, 1, pidfd_flags, "PIDFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static const struct xval mfd_flags[] = {
	{ 1, "MFD_CLOEXEC" },     { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
	{ 8, "MFD_NOEXEC_SEAL" }, { 0x10, "MFD_EXEC" },       { 0, NULL },
};

DECL(memfd_create)
{
	a_str(c, 0);
	a_flags(c, 1, mfd_flags, "MFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static const struct xval fadvice[] = {
	{ 0, "POSIX_FADV_NORMAL" },
	{ 1, "POSIX_FADV_RANDOM" },
	{ 2, "POSIX_FADV_SEQUENTIAL" },
	{ 3, "POSIX_FADV_WILLNEED" },
	{ 4, "POSIX_FADV_DONTNEED" },
	{ 5, "POSIX_FADV_NOREUSE" },
	{ 0, NULL },
};

DECL(fadvise64)
{
	a_fd(c, 0);
	if (is_i386(c)) {
		arg(c);
		p_int64(c, (int64_t)((c->args[2] << 32) | (uint32_t)c->args[1]));
		a_ulong(c, 3);
		a_xlat(c, 4, fadvice, "POSIX_FADV_???");
	} else {
		a_long(c, 1);
		a_long(c, 2);
		a_xlat(c, 3, fadvice, "POSIX_FADV_???");
	}
	return DEC_DONE;
}

static const struct xval sync_file_range_flags[] = {
	{ 1, "SYNC_FILE_RANGE_WAIT_BEFORE" },
	{ 2, "SYNC_FILE_RANGE_WRITE" },
	{ 4, "SYNC_FILE_RANGE_WAIT_AFTER" },
	{ 0, NULL },
};

/* i386 passes each 64-bit argument in two */
DECL(sync_file_range)
{
	a_fd(c, 0);
	if (is_i386(c)) {
		a_pair64(c, 1, 2);
		a_pair64(c, 3, 4);
		a_flags(c, 5, sync_file_range_flags, "SYNC_FILE_RANGE_???");
	} else {
		a_long(c, 1);
		a_long(c, 2);
		a_flags(c, 3, sync_file_range_flags, "SYNC_FILE_RANGE_???");
	}
	return DEC_DONE;
}

DECL(readahead)
{
	a_fd(c, 0);
	a_off64(c, 1);
	a_ulong(c, is_i386(c) ? 3 : 2);
	return DEC_DONE;
}

static const struct xval falloc_flags[] = {
	{ 1, "FALLOC_FL_KEEP_SIZE" },        { 2, "FALLOC_FL_PUNCH_HOLE" },
	{ 4, "FALLOC_FL_NO_HIDE_STALE" },    { 8, "FALLOC_FL_COLLAPSE_RANGE" },
	{ 0x10, "FALLOC_FL_ZERO_RANGE" },    { 0x20, "FALLOC_FL_INSERT_RANGE" },
	{ 0x40, "FALLOC_FL_UNSHARE_RANGE" }, { 0, NULL },
};

DECL(fallocate)
{
	a_fd(c, 0);
	a_flags(c, 1, falloc_flags, "FALLOC_FL_???");
	if (is_i386(c)) {
		arg(c);
		p_int64(c, (int64_t)((c->args[3] << 32) | (uint32_t)c->args[2]));
		arg(c);
		p_int64(c, (int64_t)((c->args[5] << 32) | (uint32_t)c->args[4]));
	} else {
		a_long(c, 2);
		a_long(c, 3);
	}
	return DEC_DONE;
}

static const struct xval epoll_flags[] = {
	{ 02000000, "EPOLL_CLOEXEC" },
	{ 0, NULL },
};

DECL(epoll_create1)
{
	a_flags(c, 0, epoll_flags, "EPOLL_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}
