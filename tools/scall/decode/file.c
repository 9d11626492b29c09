/* SPDX-License-Identifier: MIT */
/* Calls on paths: open, access, mkdir, unlink, rename, chmod, chown, ... */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "../options.h"
#include "decode.h"

#define O_TMPFILE_BIT 020000000

void p_open_flags(struct call *c, uint64_t v)
{
	p_field_flags(c, v, 3, xl_open_access, xl_open_flags, NULL);
}

struct sbuf sb_swap(struct call *c, struct sbuf sb)
{
	struct sbuf old = c->sb;

	c->sb = sb;
	return old;
}

static void a_open_flags(struct call *c, int i)
{
	arg(c);
	p_open_flags(c, arg_uint(c, i));
}

/* The mode matters only when a file may be created. */
static void open_rest(struct call *c, int flags_i)
{
	unsigned flags = arg_uint(c, flags_i);

	a_open_flags(c, flags_i);
	if (flags & (O_CREAT | O_TMPFILE_BIT))
		a_mode(c, flags_i + 1);
	c->rfmt = RV_FD;
}

DECL(open)
{
	a_path(c, 0);
	open_rest(c, 1);
	return DEC_DONE;
}

DECL(openat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	open_rest(c, 2);
	return DEC_DONE;
}

static const struct xval resolve_flags[] = {
	{ 0x01, "RESOLVE_NO_XDEV" },
	{ 0x02, "RESOLVE_NO_MAGICLINKS" },
	{ 0x04, "RESOLVE_NO_SYMLINKS" },
	{ 0x08, "RESOLVE_BENEATH" },
	{ 0x10, "RESOLVE_IN_ROOT" },
	{ 0x20, "RESOLVE_CACHED" },
	{ 0, NULL },
};

DECL(openat2)
{
	uint64_t how[3];
	uint64_t size = arg_ulong(c, 3);

	a_dirfd(c, 0);
	a_path(c, 1);
	arg(c);
	if (size < sizeof(how) || !umove(c, arg_ulong(c, 2), how, sizeof(how))) {
		p_ptr(c, arg_ulong(c, 2));
	} else {
		sb_puts(&c->sb, "{flags=");
		p_open_flags(c, how[0]);
		if (how[0] & (O_CREAT | O_TMPFILE_BIT) || how[1]) {
			sb_puts(&c->sb, ", mode=");
			p_mode(c, (unsigned)how[1]);
		}
		sb_puts(&c->sb, ", resolve=");
		p_flags(c, resolve_flags, how[2], "RESOLVE_???");
		sb_putc(&c->sb, '}');
	}
	a_ulong(c, 3);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(creat)
{
	a_path(c, 0);
	a_mode(c, 1);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

static const struct xval access_modes[] = {
	{ 4, "R_OK" }, { 2, "W_OK" }, { 1, "X_OK" }, { 0, "F_OK" }, { 0, NULL },
};

DECL(access)
{
	a_path(c, 0);
	a_flags(c, 1, access_modes, "?_OK");
	return DEC_DONE;
}

DECL(faccessat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	a_flags(c, 2, access_modes, "?_OK");
	return DEC_DONE;
}

static const struct xval faccessat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x200, "AT_EACCESS" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

DECL(faccessat2)
{
	dec_faccessat(c);
	a_flags(c, 3, faccessat_flags, "AT_???");
	return DEC_DONE;
}

DECL(path1)
{
	a_path(c, 0);
	return DEC_DONE;
}

/* mkdir, chmod */
DECL(path_mode)
{
	a_path(c, 0);
	a_mode(c, 1);
	return DEC_DONE;
}

/* mkdirat, fchmodat */
DECL(at_path_mode)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	a_mode(c, 2);
	return DEC_DONE;
}

static void mknod_rest(struct call *c, int i)
{
	unsigned mode = arg_uint(c, i);

	arg(c);
	p_filemode(c, mode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		arg(c);
		p_dev(c, arg_ulong(c, i + 1));
	}
}

DECL(mknod)
{
	a_path(c, 0);
	mknod_rest(c, 1);
	return DEC_DONE;
}

DECL(mknodat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	mknod_rest(c, 2);
	return DEC_DONE;
}

static const struct xval unlinkat_flags[] = {
	{ 0x200, "AT_REMOVEDIR" },
	{ 0, NULL },
};

DECL(unlinkat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	a_flags(c, 2, unlinkat_flags, "AT_???");
	return DEC_DONE;
}

/* rename, link, symlink: two paths */
DECL(rename)
{
	a_path(c, 0);
	a_path(c, 1);
	return DEC_DONE;
}

DECL(renameat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	a_dirfd(c, 2);
	a_path(c, 3);
	return DEC_DONE;
}

static const struct xval rename_flags[] = {
	{ 1, "RENAME_NOREPLACE" },
	{ 2, "RENAME_EXCHANGE" },
	{ 4, "RENAME_WHITEOUT" },
	{ 0, NULL },
};

DECL(renameat2)
{
	dec_renameat(c);
	a_flags(c, 4, rename_flags, "RENAME_???");
	return DEC_DONE;
}

static const struct xval linkat_flags[] = {
	{ 0x400, "AT_SYMLINK_FOLLOW" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

DECL(linkat)
{
	dec_renameat(c);
	a_flags(c, 4, linkat_flags, "AT_???");
	return DEC_DONE;
}

DECL(symlinkat)
{
	a_path(c, 0);
	a_dirfd(c, 1);
	a_path(c, 2);
	return DEC_DONE;
}

static const struct xval fchmodat_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" },
	{ 0x1000, "AT_EMPTY_PATH" },
	{ 0, NULL },
};

DECL(fchmodat2)
{
	dec_at_path_mode(c);
	a_flags(c, 3, fchmodat_flags, "AT_???");
	return DEC_DONE;
}

DECL(chown)
{
	a_path(c, 0);
	a_int(c, 1);
	a_int(c, 2);
	return DEC_DONE;
}

DECL(fchownat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	a_int(c, 2);
	a_int(c, 3);
	a_atflags(c, 4);
	return DEC_DONE;
}

DECL(truncate)
{
	a_path(c, 0);
	a_long(c, 1);
	return DEC_DONE;
}

static int readlink_common(struct call *c, int base)
{
	if (!c->exiting) {
		if (base)
			a_dirfd(c, 0);
		a_path(c, base);
		return DEC_EXIT;
	}
	a_rbuf(c, base + 1, false);
	a_ulong(c, base + 2);
	return 0;
}

DECL(readlink)
{
	return readlink_common(c, 0);
}

DECL(readlinkat)
{
	return readlink_common(c, 1);
}

DECL(getcwd)
{
	if (!c->exiting)
		return DEC_EXIT;
	if (a_filled(c, 0))
		p_path(c, arg_ulong(c, 0));
	a_ulong(c, 1);
	return 0;
}

static void p_utime_ts(struct call *c, int64_t sec, int64_t nsec)
{
	if (nsec == ((1l << 30) - 1))
		sb_puts(&c->sb, "UTIME_NOW");
	else if (nsec == ((1l << 30) - 2))
		sb_puts(&c->sb, "UTIME_OMIT");
	else {
		p_ts_value(c, sec, nsec);
		p_time_comment(c, sec, nsec);
	}
}

DECL(utimensat)
{
	uint64_t addr = arg_ulong(c, 2);
	bool t32 = is_i386(c) && strcmp(c->ent->name, "utimensat_time64");
	int64_t ts[4];
	int32_t ts32[4];

	a_dirfd(c, 0);
	a_path(c, 1);
	arg(c);
	if (!addr) {
		sb_puts(&c->sb, "NULL");
	} else if (!(t32 ? umove(c, addr, ts32, sizeof(ts32)) : umove(c, addr, ts, sizeof(ts)))) {
		p_ptr(c, addr);
	} else {
		for (int i = 0; t32 && i < 4; i++)
			ts[i] = ts32[i];
		sb_putc(&c->sb, '[');
		p_utime_ts(c, ts[0], ts[1]);
		sb_puts(&c->sb, ", ");
		p_utime_ts(c, ts[2], ts[3]);
		sb_putc(&c->sb, ']');
	}
	a_atflags(c, 3);
	return DEC_DONE;
}

/* The date comment after a time in microseconds: ".000005" digits */
static void p_usec_comment(struct call *c, int64_t sec, int64_t usec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64], zone[16];

	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	if (usec)
		sb_printf(&c->sb, " /* %s.%06lld%s */", buf, (long long)usec, zone);
	else
		sb_printf(&c->sb, " /* %s%s */", buf, zone);
}

/* Two timevals, each with its date: utimes, futimesat */
static void p_timeval_pair(struct call *c, uint64_t addr)
{
	int64_t tv[4];

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (is_i386(c)) {
		int32_t tv32[4];

		if (!umove(c, addr, tv32, sizeof(tv32))) {
			p_ptr(c, addr);
			return;
		}
		for (int i = 0; i < 4; i++)
			tv[i] = tv32[i];
	} else if (!umove(c, addr, tv, sizeof(tv))) {
		p_ptr(c, addr);
		return;
	}
	for (int i = 0; i < 2; i++) {
		sb_puts(&c->sb, i ? ", " : "[");
		sb_printf(&c->sb, "{tv_sec=%lld, tv_usec=%lld}", (long long)tv[2 * i],
			  (long long)tv[2 * i + 1]);
		p_usec_comment(c, tv[2 * i], tv[2 * i + 1]);
	}
	sb_putc(&c->sb, ']');
}

DECL(utimes)
{
	a_path(c, 0);
	arg(c);
	p_timeval_pair(c, arg_ulong(c, 1));
	return DEC_DONE;
}

DECL(futimesat)
{
	a_dirfd(c, 0);
	a_path(c, 1);
	arg(c);
	p_timeval_pair(c, arg_ulong(c, 2));
	return DEC_DONE;
}

DECL(utime)
{
	uint64_t addr = arg_ulong(c, 1), t[2];
	unsigned ws = abi_wordsize(c);

	a_path(c, 0);
	arg(c);
	if (!addr) {
		sb_puts(&c->sb, "NULL");
	} else if (!umove_word(c, addr, &t[0]) || !umove_word(c, addr + ws, &t[1])) {
		p_ptr(c, addr);
	} else {
		for (int i = 0; i < 2; i++) {
			int64_t v = ws == 4 ? (int32_t)t[i] : (int64_t)t[i];

			sb_printf(&c->sb, "%s=%lld", i ? ", modtime" : "{actime", (long long)v);
			p_usec_comment(c, v, 0);
		}
		sb_putc(&c->sb, '}');
	}
	return DEC_DONE;
}

static const struct xval mount_flags[] = {
	{ 1u << 0, "MS_RDONLY" },        { 1u << 1, "MS_NOSUID" },
	{ 1u << 2, "MS_NODEV" },         { 1u << 3, "MS_NOEXEC" },
	{ 1u << 4, "MS_SYNCHRONOUS" },   { 1u << 5, "MS_REMOUNT" },
	{ 1u << 6, "MS_MANDLOCK" },      { 1u << 7, "MS_DIRSYNC" },
	{ 1u << 8, "MS_NOSYMFOLLOW" },   { 1u << 10, "MS_NOATIME" },
	{ 1u << 11, "MS_NODIRATIME" },   { 1u << 12, "MS_BIND" },
	{ 1u << 13, "MS_MOVE" },         { 1u << 14, "MS_REC" },
	{ 1u << 15, "MS_SILENT" },       { 1u << 16, "MS_POSIXACL" },
	{ 1u << 17, "MS_UNBINDABLE" },   { 1u << 18, "MS_PRIVATE" },
	{ 1u << 19, "MS_SLAVE" },        { 1u << 20, "MS_SHARED" },
	{ 1u << 21, "MS_RELATIME" },     { 1u << 22, "MS_KERNMOUNT" },
	{ 1u << 23, "MS_I_VERSION" },    { 1u << 24, "MS_STRICTATIME" },
	{ 1u << 25, "MS_LAZYTIME" },     { 1u << 26, "MS_SUBMOUNT" },
	{ 1u << 27, "MS_NOREMOTELOCK" }, { 1u << 28, "MS_NOSEC" },
	{ 1u << 29, "MS_BORN" },         { 1u << 30, "MS_ACTIVE" },
	{ 1u << 31, "MS_NOUSER" },       { 0, NULL },
};

static const struct xval mount_magic[] = {
	{ 0xc0ed0000u, "MS_MGC_VAL" },
	{ 0, NULL },
};

DECL(mount)
{
	unsigned flags = arg_uint(c, 3);

	a_path(c, 0);
	a_path(c, 1);
	a_str(c, 2);
	arg(c);
	/* the old magic number in the high half, then flags */
	if ((flags & 0xffff0000u) == 0xc0ed0000u)
		p_field_flags_split(c, flags, 0xffff0000u, mount_magic, mount_flags, NULL);
	else
		p_flags(c, mount_flags, flags, "MS_???");
	a_str(c, 4);
	return DEC_DONE;
}

static const struct xval umount_flags[] = {
	{ 1, "MNT_FORCE" },       { 2, "MNT_DETACH" }, { 4, "MNT_EXPIRE" },
	{ 8, "UMOUNT_NOFOLLOW" }, { 0, NULL },
};

DECL(umount2)
{
	a_path(c, 0);
	a_flags(c, 1, umount_flags, "MNT_???");
	return DEC_DONE;
}

/* ---- extended attributes ---- */

static const struct xval xattr_flags[] = {
	{ 1, "XATTR_CREATE" },
	{ 2, "XATTR_REPLACE" },
	{ 0, NULL },
};

/* The file of the *xattr calls: a descriptor for the f forms, else a path */
static void xattr_file(struct call *c)
{
	if (c->ent->name[0] == 'f')
		a_fd(c, 0);
	else
		a_path(c, 0);
}

/* A value or list the call filled: its address when empty or failed */
static void xattr_out(struct call *c, int i)
{
	arg(c);
	if (failed(c) || !arg_ulong(c, i + 1))
		p_ptr(c, arg_ulong(c, i));
	else
		p_buf(c, arg_ulong(c, i), (uint64_t)c->rval);
	a_ulong(c, i + 1);
}

/* getxattr(path, name, value, size) and the l / f variants */
DECL(getxattr)
{
	if (!c->exiting) {
		xattr_file(c);
		a_str(c, 1);
		return DEC_EXIT;
	}
	xattr_out(c, 2);
	return 0;
}

DECL(setxattr)
{
	xattr_file(c);
	a_str(c, 1);
	a_buf(c, 2, arg_ulong(c, 3));
	a_ulong(c, 3);
	a_flags(c, 4, xattr_flags, "XATTR_???");
	return DEC_DONE;
}

/* listxattr(path, list, size): the list is NUL-separated names */
DECL(listxattr)
{
	if (!c->exiting) {
		xattr_file(c);
		return DEC_EXIT;
	}
	xattr_out(c, 1);
	return 0;
}

DECL(removexattr)
{
	xattr_file(c);
	a_str(c, 1);
	return DEC_DONE;
}
