/* SPDX-License-Identifier: MIT */
/* The stat and statfs families. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../options.h"
#include "decode.h"

/* A stat result in a form common to every layout. */
struct gstat {
	uint64_t dev, ino, nlink, rdev, blksize, blocks;
	int64_t size;
	unsigned mode, uid, gid;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
};

void p_time_comment(struct call *c, int64_t sec, int64_t nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char buf[64], zone[16];

	if (!localtime_r(&t, &tm))
		return;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	if (nsec)
		sb_printf(&c->sb, " /* %s.%09lld%s */", buf, (long long)nsec, zone);
	else
		sb_printf(&c->sb, " /* %s%s */", buf, zone);
}

static void p_stat_time(struct call *c, const char *name, int64_t sec, int64_t nsec)
{
	sb_printf(&c->sb, ", %s=%lld", name, (long long)sec);
	p_time_comment(c, sec, nsec);
	sb_printf(&c->sb, ", %s_nsec=%lld", name, (long long)nsec);
}

static void p_gstat(struct call *c, const struct gstat *s)
{
	bool dev = S_ISCHR(s->mode) || S_ISBLK(s->mode);

	if (c->abbrev) {
		sb_puts(&c->sb, "{st_mode=");
		p_filemode(c, s->mode);
		if (dev) {
			sb_puts(&c->sb, ", st_rdev=");
			p_dev(c, s->rdev);
		} else {
			sb_printf(&c->sb, ", st_size=%lld", (long long)s->size);
		}
		sb_puts(&c->sb, ", ...}");
		return;
	}
	sb_puts(&c->sb, "{st_dev=");
	p_dev(c, s->dev);
	sb_printf(&c->sb, ", st_ino=%llu, st_mode=", (unsigned long long)s->ino);
	p_filemode(c, s->mode);
	sb_printf(&c->sb, ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%llu, st_blocks=%llu",
		  (unsigned long long)s->nlink, s->uid, s->gid, (unsigned long long)s->blksize,
		  (unsigned long long)s->blocks);
	if (dev) {
		sb_puts(&c->sb, ", st_rdev=");
		p_dev(c, s->rdev);
	} else {
		sb_printf(&c->sb, ", st_size=%lld", (long long)s->size);
	}
	p_stat_time(c, "st_atime", s->atime, s->atime_ns);
	p_stat_time(c, "st_mtime", s->mtime, s->mtime_ns);
	p_stat_time(c, "st_ctime", s->ctime, s->ctime_ns);
	sb_putc(&c->sb, '}');
}

/* x86_64 struct stat */
struct stat_64 {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t unused[3];
};

/* i386 struct stat64 (packed, 96 bytes) */
struct __attribute__((packed)) stat64_32 {
	uint64_t dev;
	uint32_t pad0, ino32, mode, nlink, uid, gid;
	uint64_t rdev;
	uint32_t pad3;
	int64_t size;
	uint32_t blksize;
	uint64_t blocks;
	uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint64_t ino;
};

/* i386 struct stat (the old one, 64 bytes) */
struct stat_32 {
	uint32_t dev, ino;
	uint16_t mode, nlink, uid, gid;
	uint32_t rdev, size, blksize, blocks;
	uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint32_t unused4, unused5;
};

static void p_stat_at(struct call *c, uint64_t addr, bool is64)
{
	struct gstat g;

	if (p_addr_only(c, addr, 0))
		return;
	memset(&g, 0, sizeof(g));
	if (!is_i386(c)) {
		struct stat_64 s;

		if (!umove(c, addr, &s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		g = (struct gstat){ s.dev,
				    s.ino,
				    s.nlink,
				    s.rdev,
				    (uint64_t)s.blksize,
				    (uint64_t)s.blocks,
				    s.size,
				    s.mode,
				    s.uid,
				    s.gid,
				    s.atime,
				    s.atime_ns,
				    s.mtime,
				    s.mtime_ns,
				    s.ctime,
				    s.ctime_ns };
	} else if (is64) {
		struct stat64_32 s;

		if (!umove(c, addr, &s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		g = (struct gstat){ s.dev,   s.ino,      s.nlink, s.rdev,    s.blksize, s.blocks,
				    s.size,  s.mode,     s.uid,   s.gid,     s.atime,   s.atime_ns,
				    s.mtime, s.mtime_ns, s.ctime, s.ctime_ns };
	} else {
		struct stat_32 s;

		if (!umove(c, addr, &s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		g = (struct gstat){ s.dev,   s.ino,      s.nlink, s.rdev,    s.blksize, s.blocks,
				    s.size,  s.mode,     s.uid,   s.gid,     s.atime,   s.atime_ns,
				    s.mtime, s.mtime_ns, s.ctime, s.ctime_ns };
	}
	p_gstat(c, &g);
}

/* stat(path, buf), lstat, fstat(fd, buf) and their 64 forms */
static int stat_one(struct call *c, bool fd, bool is64)
{
	if (!c->exiting) {
		if (fd)
			a_fd(c, 0);
		else
			a_path(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_stat_at(c, arg_ulong(c, 1), is64);
	return 0;
}

DECL(stat)
{
	return stat_one(c, false, false);
}

DECL(stat64)
{
	return stat_one(c, false, true);
}

DECL(fstat)
{
	return stat_one(c, true, false);
}

DECL(fstat64)
{
	return stat_one(c, true, true);
}

static int stat_at(struct call *c, bool is64)
{
	if (!c->exiting) {
		a_dirfd(c, 0);
		a_path(c, 1);
		return DEC_EXIT;
	}
	arg(c);
	p_stat_at(c, arg_ulong(c, 2), is64);
	a_atflags(c, 3);
	return 0;
}

DECL(newfstatat)
{
	return stat_at(c, false);
}

DECL(fstatat64)
{
	return stat_at(c, true);
}

/* ---- statx ---- */

static const struct xval statx_sync[] = {
	{ 0, "AT_STATX_SYNC_AS_STAT" },
	{ 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" },
	{ 0, NULL },
};

static const struct xval statx_flags[] = {
	{ 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x800, "AT_NO_AUTOMOUNT" },
	{ 0x1000, "AT_EMPTY_PATH" },      { 0x2000, "AT_STATX_FORCE_SYNC" },
	{ 0x4000, "AT_STATX_DONT_SYNC" }, { 0, NULL },
};

static const struct xval statx_mask[] = {
	{ 0xfff, "STATX_ALL" },
	{ 0x7ff, "STATX_BASIC_STATS" },
	{ 0x1, "STATX_TYPE" },
	{ 0x2, "STATX_MODE" },
	{ 0x4, "STATX_NLINK" },
	{ 0x8, "STATX_UID" },
	{ 0x10, "STATX_GID" },
	{ 0x20, "STATX_ATIME" },
	{ 0x40, "STATX_MTIME" },
	{ 0x80, "STATX_CTIME" },
	{ 0x100, "STATX_INO" },
	{ 0x200, "STATX_SIZE" },
	{ 0x400, "STATX_BLOCKS" },
	{ 0x800, "STATX_BTIME" },
	{ 0x1000, "STATX_MNT_ID" },
	{ 0x2000, "STATX_DIOALIGN" },
	{ 0x4000, "STATX_MNT_ID_UNIQUE" },
	{ 0x8000, "STATX_SUBVOL" },
	{ 0x10000, "STATX_WRITE_ATOMIC" },
	{ 0, NULL },
};

static const struct xval statx_attrs[] = {
	{ 0x4, "STATX_ATTR_COMPRESSED" },    { 0x10, "STATX_ATTR_IMMUTABLE" },
	{ 0x20, "STATX_ATTR_APPEND" },       { 0x40, "STATX_ATTR_NODUMP" },
	{ 0x800, "STATX_ATTR_ENCRYPTED" },   { 0x1000, "STATX_ATTR_AUTOMOUNT" },
	{ 0x2000, "STATX_ATTR_MOUNT_ROOT" }, { 0x100000, "STATX_ATTR_VERITY" },
	{ 0x200000, "STATX_ATTR_DAX" },      { 0, NULL },
};

struct statx_ts {
	int64_t sec;
	uint32_t nsec;
	int32_t pad;
};

struct statx_buf {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t mnt_id;
	uint32_t dio_mem_align, dio_offset_align;
	uint64_t spare[12];
};

static void p_statx_time(struct call *c, const char *name, const struct statx_ts *ts)
{
	sb_printf(&c->sb, ", %s={tv_sec=%lld, tv_nsec=%u}", name, (long long)ts->sec, ts->nsec);
	p_time_comment(c, ts->sec, ts->nsec);
}

static void p_statx(struct call *c, uint64_t addr)
{
	struct statx_buf s;

	if (p_addr_only(c, addr, 0))
		return;
	if (!umove(c, addr, &s, sizeof(s))) {
		p_ptr(c, addr);
		return;
	}
	sb_puts(&c->sb, "{stx_mask=");
	p_flags(c, statx_mask, s.mask, "STATX_???");
	if (!c->abbrev)
		sb_printf(&c->sb, ", stx_blksize=%u", s.blksize);
	sb_puts(&c->sb, ", stx_attributes=");
	p_flags(c, statx_attrs, s.attributes, "STATX_ATTR_???");
	if (!c->abbrev)
		sb_printf(&c->sb, ", stx_nlink=%u, stx_uid=%u, stx_gid=%u", s.nlink, s.uid, s.gid);
	sb_puts(&c->sb, ", stx_mode=");
	p_filemode(c, s.mode);
	if (c->abbrev) {
		sb_printf(&c->sb, ", stx_size=%llu, ...}", (unsigned long long)s.size);
		return;
	}
	sb_printf(&c->sb, ", stx_ino=%llu, stx_size=%llu, stx_blocks=%llu, stx_attributes_mask=",
		  (unsigned long long)s.ino, (unsigned long long)s.size,
		  (unsigned long long)s.blocks);
	p_flags(c, statx_attrs, s.attributes_mask, "STATX_ATTR_???");
	p_statx_time(c, "stx_atime", &s.atime);
	if (s.mask & 0x800) /* STATX_BTIME */
		p_statx_time(c, "stx_btime", &s.btime);
	p_statx_time(c, "stx_ctime", &s.ctime);
	p_statx_time(c, "stx_mtime", &s.mtime);
	sb_printf(&c->sb,
		  ", stx_rdev_major=%u, stx_rdev_minor=%u, stx_dev_major=%u, "
		  "stx_dev_minor=%u",
		  s.rdev_major, s.rdev_minor, s.dev_major, s.dev_minor);
	if (s.mask & 0x1000)
		sb_printf(&c->sb, ", stx_mnt_id=%#llx", (unsigned long long)s.mnt_id);
	sb_putc(&c->sb, '}');
}

DECL(statx)
{
	if (!c->exiting) {
		a_dirfd(c, 0);
		a_path(c, 1);
		arg(c);
		p_field_flags_split(c, arg_uint(c, 2), 0x6000, statx_sync, statx_flags,
				    "AT_STATX_???");
		a_flags(c, 3, statx_mask, "STATX_???");
		return DEC_EXIT;
	}
	arg(c);
	p_statx(c, arg_ulong(c, 4));
	return 0;
}

/* ---- statfs ---- */

static const struct xval fs_magic[] = {
	{ 0xef53, "EXT2_SUPER_MAGIC" },
	{ 0x9123683e, "BTRFS_SUPER_MAGIC" },
	{ 0x58465342, "XFS_SUPER_MAGIC" },
	{ 0x01021994, "TMPFS_MAGIC" },
	{ 0x9fa0, "PROC_SUPER_MAGIC" },
	{ 0x62656572, "SYSFS_MAGIC" },
	{ 0x1cd1, "DEVPTS_SUPER_MAGIC" },
	{ 0x794c7630, "OVERLAYFS_SUPER_MAGIC" },
	{ 0x27e0eb, "CGROUP_SUPER_MAGIC" },
	{ 0x63677270, "CGROUP2_SUPER_MAGIC" },
	{ 0x6969, "NFS_SUPER_MAGIC" },
	{ 0x65735546, "FUSE_SUPER_MAGIC" },
	{ 0x858458f6, "RAMFS_MAGIC" },
	{ 0x73717368, "SQUASHFS_MAGIC" },
	{ 0x4d44, "MSDOS_SUPER_MAGIC" },
	{ 0x01021997, "V9FS_MAGIC" },
	{ 0x64626720, "DEBUGFS_MAGIC" },
	{ 0x73636673, "SECURITYFS_MAGIC" },
	{ 0xcafe4a11, "BPF_FS_MAGIC" },
	{ 0x50495045, "PIPEFS_MAGIC" },
	{ 0x534f434b, "SOCKFS_MAGIC" },
	{ 0x42494e4d, "BINFMTFS_MAGIC" },
	{ 0x74726163, "TRACEFS_MAGIC" },
	{ 0x6e736673, "NSFS_MAGIC" },
	{ 0, NULL },
};

static const struct xval st_flags[] = {
	{ 0x0020, "ST_VALID" },    { 0x0001, "ST_RDONLY" },      { 0x0002, "ST_NOSUID" },
	{ 0x0004, "ST_NODEV" },    { 0x0008, "ST_NOEXEC" },      { 0x0010, "ST_SYNCHRONOUS" },
	{ 0x0040, "ST_MANDLOCK" }, { 0x0400, "ST_NOATIME" },     { 0x0800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" }, { 0x2000, "ST_NOSYMFOLLOW" }, { 0, NULL },
};

static void p_statfs(struct call *c, uint64_t addr, bool is64)
{
	uint64_t v[11];
	uint32_t fsid[2];

	if (p_addr_only(c, addr, 0))
		return;
	if (!is_i386(c) || is64) {
		/* x86_64 statfs; i386 statfs64 has 32-bit type/bsize then 64-bit counts */
		if (!is_i386(c)) {
			int64_t s[15];

			if (!umove(c, addr, s, sizeof(s))) {
				p_ptr(c, addr);
				return;
			}
			for (int i = 0; i < 7; i++)
				v[i] = (uint64_t)s[i];
			memcpy(fsid, &s[7], sizeof(fsid));
			v[7] = (uint64_t)s[8];
			v[8] = (uint64_t)s[9];
			v[9] = (uint64_t)s[10];
		} else {
			struct __attribute__((packed)) {
				uint32_t type, bsize;
				uint64_t blocks, bfree, bavail, files, ffree;
				uint32_t fsid[2], namelen, frsize, flags, spare[4];
			} s;

			if (!umove(c, addr, &s, sizeof(s))) {
				p_ptr(c, addr);
				return;
			}
			v[0] = s.type, v[1] = s.bsize, v[2] = s.blocks, v[3] = s.bfree;
			v[4] = s.bavail, v[5] = s.files, v[6] = s.ffree;
			memcpy(fsid, s.fsid, sizeof(fsid));
			v[7] = s.namelen, v[8] = s.frsize, v[9] = s.flags;
		}
	} else {
		uint32_t s[16];

		if (!umove(c, addr, s, sizeof(s))) {
			p_ptr(c, addr);
			return;
		}
		for (int i = 0; i < 7; i++)
			v[i] = s[i];
		memcpy(fsid, &s[7], sizeof(fsid));
		v[7] = s[9], v[8] = s[10], v[9] = s[11];
	}
	sb_puts(&c->sb, "{f_type=");
	p_xlat(c, fs_magic, v[0], NULL);
	sb_printf(&c->sb,
		  ", f_bsize=%llu, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, "
		  "f_files=%llu, f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%llu, "
		  "f_frsize=%llu, f_flags=",
		  (unsigned long long)v[1], (unsigned long long)v[2], (unsigned long long)v[3],
		  (unsigned long long)v[4], (unsigned long long)v[5], (unsigned long long)v[6],
		  fsid[0], fsid[1], (unsigned long long)v[7], (unsigned long long)v[8]);
	p_flags(c, st_flags, v[9], "ST_???");
	sb_putc(&c->sb, '}');
}

/* statfs, fstatfs, statfs64, fstatfs64: a path or a descriptor, the size
 * argument of the 64 forms, then the structure */
static int statfs_common(struct call *c, bool fd, bool f64)
{
	int at = f64 ? 2 : 1;

	if (!c->exiting) {
		if (fd)
			a_fd(c, 0);
		else
			a_path(c, 0);
		if (f64)
			a_ulong(c, 1);
		return DEC_EXIT;
	}
	arg(c);
	p_statfs(c, arg_ulong(c, at), f64);
	return 0;
}

DECL(statfs)
{
	return statfs_common(c, false, false);
}

DECL(fstatfs)
{
	return statfs_common(c, true, false);
}

DECL(statfs64)
{
	return statfs_common(c, false, true);
}

DECL(fstatfs64)
{
	return statfs_common(c, true, true);
}
