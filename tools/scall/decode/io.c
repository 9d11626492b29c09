/* SPDX-License-Identifier: MIT */
/* Data transfer: read, write, their vectored and positioned forms, sendfile, splice. */
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

/* read, pread64; off: the index of the offset argument, or -1 */
static int read_common(struct call *c, int off)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	a_rbuf(c, 1, false);
	a_ulong(c, 2);
	if (off >= 0)
		a_off64(c, off);
	return 0;
}

static int write_common(struct call *c, int off)
{
	a_fd(c, 0);
	a_buf(c, 1, arg_ulong(c, 2));
	a_ulong(c, 2);
	if (off >= 0)
		a_off64(c, off);
	return DEC_DONE;
}

DECL(read)
{
	return read_common(c, -1);
}

DECL(write)
{
	return write_common(c, -1);
}

DECL(pread64)
{
	return read_common(c, 3);
}

DECL(pwrite64)
{
	return write_common(c, 3);
}

/* [{iov_base="...", iov_len=N}, ...]; data: how many bytes to show in all. */
void p_iov(struct call *c, uint64_t addr, uint64_t n, int64_t data)
{
	unsigned ws = abi_wordsize(c);

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		uint64_t base, len;

		enum array_step step =
			array_step(c, addr, i,
				   umove_word(c, addr + i * 2 * ws, &base) &&
					   umove_word(c, addr + i * 2 * ws + ws, &len));

		if (step == ARRAY_ADDR)
			return;
		if (step == ARRAY_END)
			break;
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

static const struct xval rwf_flags[] = {
	{ 1, "RWF_HIPRI" },  { 2, "RWF_DSYNC" },   { 4, "RWF_SYNC" },
	{ 8, "RWF_NOWAIT" }, { 16, "RWF_APPEND" }, { 0, NULL },
};

/*
 * readv, writev and their p*, p*2 forms; extra: 1 with an offset (split in
 * pos_l, pos_h), 2 with flags after it (argument 5 on every ABI).
 */
static int vec_common(struct call *c, bool in, int extra)
{
	if (in && !c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	if (!in)
		a_fd(c, 0);
	arg(c);
	p_iov(c, arg_ulong(c, 1), arg_ulong(c, 2), !in ? INT64_MAX : failed(c) ? -1 : c->rval);
	a_ulong(c, 2);
	if (extra >= 1)
		a_off64(c, 3);
	if (extra >= 2)
		a_flags(c, 5, rwf_flags, "RWF_???");
	return in ? 0 : DEC_DONE;
}

DECL(readv)
{
	return vec_common(c, true, 0);
}

DECL(writev)
{
	return vec_common(c, false, 0);
}

DECL(preadv)
{
	return vec_common(c, true, 1);
}

DECL(pwritev)
{
	return vec_common(c, false, 1);
}

DECL(preadv2)
{
	return vec_common(c, true, 2);
}

DECL(pwritev2)
{
	return vec_common(c, false, 2);
}

/* The offset of sendfile: off_t, 32 bits in i386's sendfile (not sendfile64). */
static bool read_off(struct call *c, uint64_t addr, int64_t *v)
{
	if (is_i386(c) && strcmp(c->ent->name, "sendfile64")) {
		int32_t o;

		if (!umove(c, addr, &o, sizeof(o)))
			return false;
		*v = o;
		return true;
	}
	return umove(c, addr, v, sizeof(*v));
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
		else if (read_off(c, off, &v))
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

		if (read_off(c, off, &v))
			sb_printf(&c->sb, " => [%lld]", (long long)v);
	}
	a_ulong(c, 3);
	return 0;
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
