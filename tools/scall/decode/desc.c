/* SPDX-License-Identifier: MIT */
/* Calls on descriptors: read, write, close, lseek, dup, pipe, fcntl, ... */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval splice_flags[] = {
	{ 1, "SPLICE_F_MOVE" },
	{ 2, "SPLICE_F_NONBLOCK" },
	{ 4, "SPLICE_F_MORE" },
	{ 8, "SPLICE_F_GIFT" },
	{ 0, NULL },
};

DECL(read)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c))
		p_ptr(c, arg_ulong(c, 1));
	else
		p_buf(c, arg_ulong(c, 1), (uint64_t)c->rval);
	a_ulong(c, 2);
	return 0;
}

DECL(write)
{
	a_fd(c, 0);
	a_buf(c, 1, arg_ulong(c, 2));
	a_ulong(c, 2);
	return DEC_DONE;
}

DECL(pread64)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c))
		p_ptr(c, arg_ulong(c, 1));
	else
		p_buf(c, arg_ulong(c, 1), (uint64_t)c->rval);
	a_ulong(c, 2);
	arg(c);
	if (is_i386(c))
		p_int64(c, (int64_t)((c->args[4] << 32) | (uint32_t)c->args[3]));
	else
		p_int64(c, (int64_t)c->args[3]);
	return 0;
}

DECL(pwrite64)
{
	a_fd(c, 0);
	a_buf(c, 1, arg_ulong(c, 2));
	a_ulong(c, 2);
	arg(c);
	if (is_i386(c))
		p_int64(c, (int64_t)((c->args[4] << 32) | (uint32_t)c->args[3]));
	else
		p_int64(c, (int64_t)c->args[3]);
	return DEC_DONE;
}

/* [{iov_base="...", iov_len=N}, ...]; data: how many bytes to show in all. */
static void p_iov(struct call *c, uint64_t addr, uint64_t n, int64_t data)
{
	unsigned ws = abi_wordsize(c);

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		uint64_t base, len;

		if (!umove_word(c, addr + i * 2 * ws, &base) ||
		    !umove_word(c, addr + i * 2 * ws + ws, &len)) {
			if (i == 0) {
				sb_truncate(&c->sb, c->sb.len - 1);
				p_ptr(c, addr);
				return;
			}
			sb_puts(&c->sb, ", ...");
			break;
		}
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (uint64_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		sb_puts(&c->sb, "{iov_base=");
		if (data < 0) {
			p_ptr(c, base);
		} else {
			uint64_t show = len < (uint64_t)data ? len : (uint64_t)data;

			p_buf(c, base, show);
			data -= (int64_t)show;
		}
		sb_printf(&c->sb, ", iov_len=%llu}", (unsigned long long)len);
	}
	sb_putc(&c->sb, ']');
}

static int readv_common(struct call *c, int extra)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_iov(c, arg_ulong(c, 1), arg_ulong(c, 2), failed(c) ? -1 : c->rval);
	a_ulong(c, 2);
	if (extra >= 1) {
		arg(c);
		p_int64(c, is_i386(c) ? (int64_t)((c->args[4] << 32) | (uint32_t)c->args[3])
				      : (int64_t)c->args[3]);
	}
	if (extra >= 2)
		a_flags(c, is_i386(c) ? 5 : 4, NULL, NULL);
	return 0;
}

static const struct xval rwf_flags[] = {
	{ 1, "RWF_HIPRI" }, { 2, "RWF_DSYNC" },  { 4, "RWF_SYNC" },
	{ 8, "RWF_NOWAIT" }, { 16, "RWF_APPEND" }, { 0, NULL },
};

static int writev_common(struct call *c, int extra)
{
	a_fd(c, 0);
	arg(c);
	p_iov(c, arg_ulong(c, 1), arg_ulong(c, 2), INT64_MAX);
	a_ulong(c, 2);
	if (extra >= 1) {
		arg(c);
		p_int64(c, is_i386(c) ? (int64_t)((c->args[4] << 32) | (uint32_t)c->args[3])
				      : (int64_t)c->args[3]);
	}
	if (extra >= 2)
		a_flags(c, is_i386(c) ? 5 : 4, rwf_flags, "RWF_???");
	return DEC_DONE;
}

DECL(readv)
{
	return readv_common(c, 0);
}

DECL(writev)
{
	return writev_common(c, 0);
}

DECL(preadv)
{
	return readv_common(c, 1);
}

DECL(pwritev)
{
	return writev_common(c, 1);
}

DECL(preadv2)
{
	if (c->exiting) {
		readv_common(c, 1);
		a_flags(c, is_i386(c) ? 5 : 4, rwf_flags, "RWF_???");
		return 0;
	}
	return readv_common(c, 1);
}

DECL(pwritev2)
{
	return writev_common(c, 2);
}

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
	arg(c);
	if (arg_uint(c, 1) == ~0u && opt.xlat != XLAT_RAW)
		sb_puts(&c->sb, opt.xlat == XLAT_VERBOSE ? "4294967295 /* ~0U */" : "~0U");
	else
		p_uint64(c, arg_uint(c, 1));
	a_flags(c, 2, close_range_flags, "CLOSE_RANGE_???");
	return DEC_DONE;
}

static const struct xval whence[] = {
	{ 0, "SEEK_SET" }, { 1, "SEEK_CUR" }, { 2, "SEEK_END" },
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
	p_fd(c, fds[0]);
	sb_puts(&c->sb, ", ");
	p_fd(c, fds[1]);
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

/* ---- fcntl ---- */

static const struct xval fcntl_cmds[] = {
	{ 0, "F_DUPFD" },	   { 1, "F_GETFD" },	      { 2, "F_SETFD" },
	{ 3, "F_GETFL" },	   { 4, "F_SETFL" },	      { 5, "F_GETLK" },
	{ 6, "F_SETLK" },	   { 7, "F_SETLKW" },	      { 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },	   { 10, "F_SETSIG" },	      { 11, "F_GETSIG" },
	{ 12, "F_GETLK64" },	   { 13, "F_SETLK64" },	      { 14, "F_SETLKW64" },
	{ 15, "F_SETOWN_EX" },	   { 16, "F_GETOWN_EX" },     { 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" },	   { 37, "F_OFD_SETLK" },     { 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" },	   { 1025, "F_GETLEASE" },    { 1026, "F_NOTIFY" },
	{ 1030, "F_DUPFD_CLOEXEC" }, { 1031, "F_SETPIPE_SZ" }, { 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" },   { 1034, "F_GET_SEALS" },   { 0, NULL },
};

static const struct xval lock_types[] = {
	{ 0, "F_RDLCK" },
	{ 1, "F_WRLCK" },
	{ 2, "F_UNLCK" },
	{ 0, NULL },
};

static const struct xval seals[] = {
	{ 1, "F_SEAL_SEAL" },  { 2, "F_SEAL_SHRINK" },	       { 4, "F_SEAL_GROW" },
	{ 8, "F_SEAL_WRITE" }, { 0x10, "F_SEAL_FUTURE_WRITE" }, { 0x20, "F_SEAL_EXEC" },
	{ 0, NULL },
};

static const struct xval dn_flags[] = {
	{ 1, "DN_ACCESS" }, { 2, "DN_MODIFY" }, { 4, "DN_CREATE" },	 { 8, "DN_DELETE" },
	{ 0x10, "DN_RENAME" }, { 0x20, "DN_ATTRIB" }, { 0x80000000, "DN_MULTISHOT" }, { 0, NULL },
};

static void p_flock(struct call *c, uint64_t addr, bool f64)
{
	int16_t tw[2];
	int64_t start, len;
	int32_t pid;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!is_i386(c) || f64) {
		struct {
			int16_t type, whence;
			int32_t pad;
			int64_t start, len;
			int32_t pid;
		} l;
		/* i386 flock64 is packed: type, whence, start, len, pid */
		if (is_i386(c)) {
			unsigned char b[24];

			if (!umove(c, addr, b, sizeof(b))) {
				p_ptr(c, addr);
				return;
			}
			memcpy(tw, b, 4);
			memcpy(&start, b + 4, 8);
			memcpy(&len, b + 12, 8);
			memcpy(&pid, b + 20, 4);
		} else {
			if (!umove(c, addr, &l, sizeof(l))) {
				p_ptr(c, addr);
				return;
			}
			tw[0] = l.type;
			tw[1] = l.whence;
			start = l.start;
			len = l.len;
			pid = l.pid;
		}
	} else {
		struct {
			int16_t type, whence;
			int32_t start, len, pid;
		} l;

		if (!umove(c, addr, &l, sizeof(l))) {
			p_ptr(c, addr);
			return;
		}
		tw[0] = l.type;
		tw[1] = l.whence;
		start = l.start;
		len = l.len;
		pid = l.pid;
	}
	sb_puts(&c->sb, "{l_type=");
	p_xlat(c, lock_types, (uint64_t)tw[0], "F_???");
	sb_puts(&c->sb, ", l_whence=");
	p_xlat(c, whence, (uint64_t)tw[1], "SEEK_???");
	sb_printf(&c->sb, ", l_start=%lld, l_len=%lld", (long long)start, (long long)len);
	if (c->exiting)
		sb_printf(&c->sb, ", l_pid=%d", pid);
	sb_putc(&c->sb, '}');
}

static void aux_flags(struct call *c, const char *what, const struct xval *tbl, uint64_t v,
		      bool open_flags)
{
	struct sbuf tmp, old;

	sb_init(&tmp);
	old = sb_swap(c, tmp);
	if (open_flags)
		p_open_flags(c, v);
	else
		p_flags(c, tbl, v, NULL);
	tmp = sb_swap(c, old);
	aux_printf(c, "(%s %s)", what, tmp.s ? tmp.s : "0");
	sb_free(&tmp);
}

DECL(fcntl)
{
	unsigned cmd = arg_uint(c, 1);

	if (c->exiting) {
		switch (cmd) {
		case 1: /* F_GETFD */
			if (!failed(c) && c->rval)
				aux_flags(c, "flags", xl_fcntl_fd_flags, (uint64_t)c->rval, false);
			c->rfmt = RV_HEX;
			return 0;
		case 3: /* F_GETFL */
			if (!failed(c))
				aux_flags(c, "flags", NULL, (uint64_t)c->rval, true);
			c->rfmt = RV_HEX;
			return 0;
		case 1034: /* F_GET_SEALS */
			if (!failed(c) && c->rval)
				aux_flags(c, "seals", seals, (uint64_t)c->rval, false);
			c->rfmt = RV_HEX;
			return 0;
		case 1025: /* F_GETLEASE */
			if (!failed(c)) {
				const char *n = xlat_name(lock_types, (uint64_t)c->rval);

				if (n)
					aux_printf(c, "(%s)", n);
			}
			return 0;
		default:
			arg(c);
			p_flock(c, arg_ulong(c, 2), cmd == 12 || cmd == 36);
			return 0;
		}
	}
	a_fd(c, 0);
	arg(c);
	p_xlat(c, fcntl_cmds, cmd, "F_???");
	switch (cmd) {
	case 0:
	case 1030:
		a_int(c, 2);
		c->rfmt = RV_FD;
		return DEC_DONE;
	case 2:
		a_flags(c, 2, xl_fcntl_fd_flags, "FD_???");
		return DEC_DONE;
	case 4:
		arg(c);
		p_open_flags(c, arg_uint(c, 2));
		return DEC_DONE;
	case 1: case 3: case 1034: case 1025:
		return DEC_EXIT_RET;
	case 9: case 11: case 1032:
		return DEC_DONE;
	case 6: case 7: case 13: case 14: case 37: case 38:
		arg(c);
		p_flock(c, arg_ulong(c, 2), cmd == 13 || cmd == 14 || cmd == 37 || cmd == 38);
		return DEC_DONE;
	case 5: case 12: case 36:
		return DEC_EXIT;
	case 1024:
		a_xlat(c, 2, lock_types, "F_???");
		return DEC_DONE;
	case 1026:
		a_flags(c, 2, dn_flags, "DN_???");
		return DEC_DONE;
	case 1033:
		a_flags(c, 2, seals, "F_SEAL_???");
		return DEC_DONE;
	case 8: case 10: case 1031:
		a_int(c, 2);
		return DEC_DONE;
	default:
		a_hex(c, 2);
		return DEC_DONE;
	}
}

/* ---- directory entries ---- */

static const struct xval dtypes[] = {
	{ 0, "DT_UNKNOWN" }, { 1, "DT_FIFO" }, { 2, "DT_CHR" }, { 4, "DT_DIR" }, { 6, "DT_BLK" },
	{ 8, "DT_REG" },     { 10, "DT_LNK" }, { 12, "DT_SOCK" }, { 14, "DT_WHT" }, { 0, NULL },
};

static void p_dirents(struct call *c, uint64_t addr, int64_t len, bool is64)
{
	unsigned char buf[65536];
	size_t n = len > (int64_t)sizeof(buf) ? sizeof(buf) : (size_t)len;
	size_t off = 0, count = 0;

	if (!failed(c) && len == 0) {
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
		if (!reclen || off + reclen > n)
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

/* ---- small ones ---- */

static const struct xval flock_ops[] = {
	{ 1, "LOCK_SH" }, { 2, "LOCK_EX" }, { 4, "LOCK_NB" }, { 8, "LOCK_UN" }, { 0, NULL },
};

DECL(flock)
{
	a_fd(c, 0);
	a_flags(c, 1, flock_ops, "LOCK_???");
	return DEC_DONE;
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

DECL(sendfile)
{
	uint64_t off = arg_ulong(c, 2);

	if (!c->exiting) {
		int64_t v;

		a_fd(c, 0);
		a_fd(c, 1);
		arg(c);
		if (!off)
			sb_puts(&c->sb, "NULL");
		else if (umove(c, off, &v, sizeof(v)))
			sb_printf(&c->sb, "[%lld]", (long long)v);
		else
			p_ptr(c, off);
		if (!off) {
			a_ulong(c, 3);
			return DEC_DONE;
		}
		return DEC_EXIT_RET;
	}
	if (!failed(c)) {
		int64_t v;

		if (umove(c, off, &v, sizeof(v)))
			sb_printf(&c->sb, " => [%lld]", (long long)v);
	}
	a_ulong(c, 3);
	return 0;
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

static const struct xval mfd_flags[] = {
	{ 1, "MFD_CLOEXEC" },	  { 2, "MFD_ALLOW_SEALING" }, { 4, "MFD_HUGETLB" },
	{ 8, "MFD_NOEXEC_SEAL" }, { 0x10, "MFD_EXEC" },	      { 0, NULL },
};

DECL(memfd_create)
{
	a_str(c, 0);
	a_flags(c, 1, mfd_flags, "MFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static const struct xval fadvice[] = {
	{ 0, "POSIX_FADV_NORMAL" },   { 1, "POSIX_FADV_RANDOM" },   { 2, "POSIX_FADV_SEQUENTIAL" },
	{ 3, "POSIX_FADV_WILLNEED" }, { 4, "POSIX_FADV_DONTNEED" }, { 5, "POSIX_FADV_NOREUSE" },
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

static const struct xval falloc_flags[] = {
	{ 1, "FALLOC_FL_KEEP_SIZE" },	   { 2, "FALLOC_FL_PUNCH_HOLE" },
	{ 4, "FALLOC_FL_NO_HIDE_STALE" },  { 8, "FALLOC_FL_COLLAPSE_RANGE" },
	{ 0x10, "FALLOC_FL_ZERO_RANGE" },  { 0x20, "FALLOC_FL_INSERT_RANGE" },
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

static void p_loff_at(struct call *c, uint64_t addr)
{
	int64_t v;

	if (!addr)
		sb_puts(&c->sb, "NULL");
	else if (umove(c, addr, &v, sizeof(v)))
		sb_printf(&c->sb, "[%lld]", (long long)v);
	else
		p_ptr(c, addr);
}

DECL(copy_file_range)
{
	a_fd(c, 0);
	arg(c);
	p_loff_at(c, arg_ulong(c, 1));
	a_fd(c, 2);
	arg(c);
	p_loff_at(c, arg_ulong(c, 3));
	a_ulong(c, 4);
	a_uint(c, 5);
	return DEC_DONE;
}

DECL(splice)
{
	a_fd(c, 0);
	arg(c);
	p_loff_at(c, arg_ulong(c, 1));
	a_fd(c, 2);
	arg(c);
	p_loff_at(c, arg_ulong(c, 3));
	a_ulong(c, 4);
	a_flags(c, 5, splice_flags, "SPLICE_F_???");
	return DEC_DONE;
}
