/* SPDX-License-Identifier: MIT */
/* fcntl and flock. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval whence_names[] = {
	{ 0, "SEEK_SET" },  { 1, "SEEK_CUR" },  { 2, "SEEK_END" },
	{ 3, "SEEK_DATA" }, { 4, "SEEK_HOLE" }, { 0, NULL },
};

static const struct xval fcntl_cmds[] = {
	{ 0, "F_DUPFD" },
	{ 1, "F_GETFD" },
	{ 2, "F_SETFD" },
	{ 3, "F_GETFL" },
	{ 4, "F_SETFL" },
	{ 5, "F_GETLK" },
	{ 6, "F_SETLK" },
	{ 7, "F_SETLKW" },
	{ 8, "F_SETOWN" },
	{ 9, "F_GETOWN" },
	{ 10, "F_SETSIG" },
	{ 11, "F_GETSIG" },
	{ 12, "F_GETLK64" },
	{ 13, "F_SETLK64" },
	{ 14, "F_SETLKW64" },
	{ 15, "F_SETOWN_EX" },
	{ 16, "F_GETOWN_EX" },
	{ 17, "F_GETOWNER_UIDS" },
	{ 36, "F_OFD_GETLK" },
	{ 37, "F_OFD_SETLK" },
	{ 38, "F_OFD_SETLKW" },
	{ 1024, "F_SETLEASE" },
	{ 1025, "F_GETLEASE" },
	{ 1026, "F_NOTIFY" },
	{ 1030, "F_DUPFD_CLOEXEC" },
	{ 1031, "F_SETPIPE_SZ" },
	{ 1032, "F_GETPIPE_SZ" },
	{ 1033, "F_ADD_SEALS" },
	{ 1034, "F_GET_SEALS" },
	{ 0, NULL },
};

static const struct xval lock_types[] = {
	{ 0, "F_RDLCK" },
	{ 1, "F_WRLCK" },
	{ 2, "F_UNLCK" },
	{ 0, NULL },
};

static const struct xval seals[] = {
	{ 1, "F_SEAL_SEAL" },  { 2, "F_SEAL_SHRINK" },          { 4, "F_SEAL_GROW" },
	{ 8, "F_SEAL_WRITE" }, { 0x10, "F_SEAL_FUTURE_WRITE" }, { 0x20, "F_SEAL_EXEC" },
	{ 0, NULL },
};

static const struct xval dn_flags[] = {
	{ 1, "DN_ACCESS" },
	{ 2, "DN_MODIFY" },
	{ 4, "DN_CREATE" },
	{ 8, "DN_DELETE" },
	{ 0x10, "DN_RENAME" },
	{ 0x20, "DN_ATTRIB" },
	{ 0x80000000, "DN_MULTISHOT" },
	{ 0, NULL },
};

/*
 * struct flock's layouts: l_type and l_whence (16 bits each) first, then
 * l_start, l_len (wide bytes each) and l_pid at these offsets.  x86_64's
 * flock and flock64 are the same; i386's flock64 is packed.
 */
static const struct flock_layout {
	unsigned char start, len, pid, wide, size;
} flock_native = { 8, 16, 24, 8, 28 }, flock_i386_64 = { 4, 12, 20, 8, 24 },
  flock_i386 = { 4, 8, 12, 4, 16 };

static int64_t flock_field(const unsigned char *b, unsigned off, unsigned wide)
{
	int64_t v64;
	int32_t v32;

	if (wide == 8) {
		memcpy(&v64, b + off, 8);
		return v64;
	}
	memcpy(&v32, b + off, 4);
	return v32;
}

static void p_flock(struct call *c, uint64_t addr, bool f64)
{
	const struct flock_layout *l = !is_i386(c) ? &flock_native :
				       f64         ? &flock_i386_64 :
						     &flock_i386;
	unsigned char b[32];
	int16_t tw[2];
	int64_t start, len;
	int32_t pid;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!umove(c, addr, b, l->size)) {
		p_ptr(c, addr);
		return;
	}
	memcpy(tw, b, 4);
	start = flock_field(b, l->start, l->wide);
	len = flock_field(b, l->len, l->wide);
	pid = (int32_t)flock_field(b, l->pid, 4);
	sb_puts(&c->sb, "{l_type=");
	p_xlat(c, lock_types, (uint64_t)tw[0], "F_???");
	sb_puts(&c->sb, ", l_whence=");
	p_xlat(c, whence_names, (uint64_t)tw[1], "SEEK_???");
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
	if (open_flags) {
		/* F_GETFL's flags are named whatever -X says, as strace does */
		enum xlat_style style = opt.xlat;

		opt.xlat = XLAT_ABBREV;
		p_open_flags(c, v);
		opt.xlat = style;
	} else {
		p_flags(c, tbl, v, NULL);
	}
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
	case 1:
	case 3:
	case 1034:
	case 1025:
		return DEC_EXIT_RET;
	case 9: /* F_GETOWN: a pid, or minus a process group */
		c->rfmt = RV_PID;
		return DEC_DONE;
	case 11:
	case 1032:
		return DEC_DONE;
	case 6:
	case 7:
	case 13:
	case 14:
	case 37:
	case 38:
		arg(c);
		p_flock(c, arg_ulong(c, 2), cmd == 13 || cmd == 14 || cmd == 37 || cmd == 38);
		return DEC_DONE;
	case 5:
	case 12:
	case 36:
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
	case 8: /* F_SETOWN */
		a_pid(c, 2);
		return DEC_DONE;
	case 10:
	case 1031:
		a_int(c, 2);
		return DEC_DONE;
	default:
		a_hex(c, 2);
		return DEC_DONE;
	}
}

static const struct xval flock_ops[] = {
	{ 1, "LOCK_SH" }, { 2, "LOCK_EX" }, { 4, "LOCK_NB" }, { 8, "LOCK_UN" }, { 0, NULL },
};

DECL(flock)
{
	a_fd(c, 0);
	a_flags(c, 1, flock_ops, "LOCK_???");
	return DEC_DONE;
}
