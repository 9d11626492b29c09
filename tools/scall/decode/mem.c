/* SPDX-License-Identifier: MIT */
/* Memory mappings: brk, mmap, munmap, mprotect, mremap, madvise, msync. */
#include "../options.h"
#include "decode.h"

static const struct xval prot_flags[] = {
	{ 1, "PROT_READ" },
	{ 2, "PROT_WRITE" },
	{ 4, "PROT_EXEC" },
	{ 8, "PROT_SEM" },
	{ 0x01000000, "PROT_GROWSDOWN" },
	{ 0x02000000, "PROT_GROWSUP" },
	{ 0, "PROT_NONE" },
	{ 0, NULL },
};

static const struct xval map_types[] = {
	{ 1, "MAP_SHARED" },    { 2, "MAP_PRIVATE" }, { 3, "MAP_SHARED_VALIDATE" },
	{ 8, "MAP_DROPPABLE" }, { 0, NULL },
};

static const struct xval map_flags[] = {
	{ 0x10, "MAP_FIXED" },
	{ 0x20, "MAP_ANONYMOUS" },
	{ 0x40, "MAP_32BIT" },
	{ 0x4000, "MAP_NORESERVE" },
	{ 0x8000, "MAP_POPULATE" },
	{ 0x10000, "MAP_NONBLOCK" },
	{ 0x100, "MAP_GROWSDOWN" },
	{ 0x800, "MAP_DENYWRITE" },
	{ 0x1000, "MAP_EXECUTABLE" },
	{ 0x2000, "MAP_LOCKED" },
	{ 0x20000, "MAP_STACK" },
	{ 0x40000, "MAP_HUGETLB" },
	{ 0x80000, "MAP_SYNC" },
	{ 0x100000, "MAP_FIXED_NOREPLACE" },
	{ 0, NULL },
};

#define MAP_HUGE_SHIFT 26

static void p_prot(struct call *c, uint64_t v)
{
	p_flags(c, prot_flags, v, "PROT_???");
}

static void p_map_flags(struct call *c, uint64_t v)
{
	uint64_t huge = (v >> MAP_HUGE_SHIFT) & 0x3f;

	if (opt.xlat == XLAT_RAW || !huge) {
		p_field_flags(c, v, 0xf, map_types, map_flags, "MAP_???");
		return;
	}
	/* MAP_HUGE_2MB & co: the log2 of the page size in the top bits */
	bool verbose = opt.xlat == XLAT_VERBOSE;

	if (verbose) {
		sb_printf(&c->sb, "%#llx /* ", (unsigned long long)v);
		opt.xlat = XLAT_ABBREV;
	}
	p_field_flags(c, v & ~(0x3full << MAP_HUGE_SHIFT), 0xf, map_types, map_flags, "MAP_???");
	sb_printf(&c->sb, "|%llu<<MAP_HUGE_SHIFT", (unsigned long long)huge);
	if (verbose) {
		sb_puts(&c->sb, " */");
		opt.xlat = XLAT_VERBOSE;
	}
}

DECL(brk)
{
	a_ptr(c, 0);
	c->rfmt = RV_HEX;
	return DEC_DONE;
}

static void mmap_args(struct call *c, uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags,
		      int fd, uint64_t off)
{
	arg(c);
	p_ptr(c, addr);
	arg(c);
	p_uint64(c, len);
	arg(c);
	p_prot(c, prot);
	arg(c);
	p_map_flags(c, flags);
	arg(c);
	p_fd(c, fd);
	arg(c);
	p_hex(c, off);
	c->rfmt = RV_HEX;
}

DECL(mmap)
{
	if (is_i386(c)) {
		/* old_mmap: one pointer to six longs */
		uint32_t a[6];

		if (!umove(c, arg_ulong(c, 0), a, sizeof(a))) {
			a_ptr(c, 0);
			c->rfmt = RV_HEX;
			return DEC_DONE;
		}
		mmap_args(c, a[0], a[1], a[2], a[3], (int)a[4], a[5]);
		return DEC_DONE;
	}
	mmap_args(c, c->args[0], c->args[1], c->args[2], c->args[3], arg_int(c, 4), c->args[5]);
	return DEC_DONE;
}

DECL(mmap2)
{
	/* the offset is in pages of 4096 */
	mmap_args(c, arg_ulong(c, 0), arg_ulong(c, 1), arg_ulong(c, 2), arg_ulong(c, 3),
		  arg_int(c, 4), arg_ulong(c, 5) * 4096);
	return DEC_DONE;
}

DECL(munmap)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	return DEC_DONE;
}

DECL(mprotect)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	arg(c);
	p_prot(c, arg_ulong(c, 2));
	return DEC_DONE;
}

DECL(pkey_mprotect)
{
	dec_mprotect(c);
	a_int(c, 3);
	return DEC_DONE;
}

static const struct xval mremap_flags[] = {
	{ 1, "MREMAP_MAYMOVE" },
	{ 2, "MREMAP_FIXED" },
	{ 4, "MREMAP_DONTUNMAP" },
	{ 0, NULL },
};

DECL(mremap)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	a_ulong(c, 2);
	a_flags(c, 3, mremap_flags, "MREMAP_???");
	if (arg_ulong(c, 3) & 2)
		a_ptr(c, 4);
	c->rfmt = RV_HEX;
	return DEC_DONE;
}

static const struct xval madv[] = {
	{ 0, "MADV_NORMAL" },          { 1, "MADV_RANDOM" },
	{ 2, "MADV_SEQUENTIAL" },      { 3, "MADV_WILLNEED" },
	{ 4, "MADV_DONTNEED" },        { 8, "MADV_FREE" },
	{ 9, "MADV_REMOVE" },          { 10, "MADV_DONTFORK" },
	{ 11, "MADV_DOFORK" },         { 12, "MADV_MERGEABLE" },
	{ 13, "MADV_UNMERGEABLE" },    { 14, "MADV_HUGEPAGE" },
	{ 15, "MADV_NOHUGEPAGE" },     { 16, "MADV_DONTDUMP" },
	{ 17, "MADV_DODUMP" },         { 18, "MADV_WIPEONFORK" },
	{ 19, "MADV_KEEPONFORK" },     { 20, "MADV_COLD" },
	{ 21, "MADV_PAGEOUT" },        { 22, "MADV_POPULATE_READ" },
	{ 23, "MADV_POPULATE_WRITE" }, { 24, "MADV_DONTNEED_LOCKED" },
	{ 25, "MADV_COLLAPSE" },       { 100, "MADV_HWPOISON" },
	{ 101, "MADV_SOFT_OFFLINE" },  { 0, NULL },
};

DECL(madvise)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	a_xlat(c, 2, madv, "MADV_???");
	return DEC_DONE;
}

static const struct xval ms_flags[] = {
	{ 1, "MS_ASYNC" },
	{ 2, "MS_INVALIDATE" },
	{ 4, "MS_SYNC" },
	{ 0, NULL },
};

DECL(msync)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	a_flags(c, 2, ms_flags, "MS_???");
	return DEC_DONE;
}

DECL(addr_len)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	return DEC_DONE;
}
