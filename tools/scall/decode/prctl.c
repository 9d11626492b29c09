/* SPDX-License-Identifier: MIT */
/* Per-thread and per-process settings: arch_prctl, prctl, set_tid_address, rseq, TLS. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval arch_codes[] = {
	{ 0x1001, "ARCH_SET_GS" },
	{ 0x1002, "ARCH_SET_FS" },
	{ 0x1003, "ARCH_GET_FS" },
	{ 0x1004, "ARCH_GET_GS" },
	{ 0x1011, "ARCH_GET_CPUID" },
	{ 0x1012, "ARCH_SET_CPUID" },
	{ 0x1021, "ARCH_GET_XCOMP_SUPP" },
	{ 0x1022, "ARCH_GET_XCOMP_PERM" },
	{ 0x1023, "ARCH_REQ_XCOMP_PERM" },
	{ 0x1024, "ARCH_GET_XCOMP_GUEST_PERM" },
	{ 0x1025, "ARCH_REQ_XCOMP_GUEST_PERM" },
	{ 0x2001, "ARCH_MAP_VDSO_X32" },
	{ 0x2002, "ARCH_MAP_VDSO_32" },
	{ 0x2003, "ARCH_MAP_VDSO_64" },
	{ 0x4001, "ARCH_GET_UNTAG_MASK" },
	{ 0x4002, "ARCH_ENABLE_TAGGED_ADDR" },
	{ 0x4003, "ARCH_GET_MAX_TAG_BITS" },
	{ 0x4004, "ARCH_FORCE_TAGGED_SVA" },
	{ 0x5001, "ARCH_SHSTK_ENABLE" },
	{ 0x5002, "ARCH_SHSTK_DISABLE" },
	{ 0x5003, "ARCH_SHSTK_LOCK" },
	{ 0x5004, "ARCH_SHSTK_UNLOCK" },
	{ 0x5005, "ARCH_SHSTK_STATUS" },
	{ 0, NULL },
};

DECL(arch_prctl)
{
	unsigned code = arg_uint(c, 0);

	if (!c->exiting) {
		a_xlat(c, 0, arch_codes, "ARCH_???");
		if (code == 0x1003 || code == 0x1004 || code == 0x1021 || code == 0x1022 ||
		    code == 0x1011 || code == 0x5005)
			return code == 0x1011 ? DEC_DONE : DEC_EXIT;
		a_hex(c, 1);
		return DEC_DONE;
	}
	arg(c);
	if (failed(c)) {
		p_ptr(c, arg_ulong(c, 1));
	} else {
		uint64_t v;

		if (umove_word(c, arg_ulong(c, 1), &v))
			sb_printf(&c->sb, v ? "[%#llx]" : "[0]", (unsigned long long)v);
		else
			p_ptr(c, arg_ulong(c, 1));
	}
	return 0;
}

DECL(set_tid_address)
{
	a_ptr(c, 0);
	return DEC_DONE;
}

DECL(set_robust_list)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	return DEC_DONE;
}

DECL(rseq)
{
	a_ptr(c, 0);
	a_hex(c, 1);
	a_hex(c, 2);
	a_hex(c, 3);
	return DEC_DONE;
}

static const struct xval pr_options[] = {
	{ 1, "PR_SET_PDEATHSIG" },
	{ 2, "PR_GET_PDEATHSIG" },
	{ 3, "PR_GET_DUMPABLE" },
	{ 4, "PR_SET_DUMPABLE" },
	{ 7, "PR_GET_KEEPCAPS" },
	{ 8, "PR_SET_KEEPCAPS" },
	{ 15, "PR_SET_NAME" },
	{ 16, "PR_GET_NAME" },
	{ 21, "PR_GET_SECCOMP" },
	{ 22, "PR_SET_SECCOMP" },
	{ 23, "PR_CAPBSET_READ" },
	{ 24, "PR_CAPBSET_DROP" },
	{ 27, "PR_GET_SECUREBITS" },
	{ 28, "PR_SET_SECUREBITS" },
	{ 29, "PR_SET_TIMERSLACK" },
	{ 30, "PR_GET_TIMERSLACK" },
	{ 35, "PR_SET_MM" },
	{ 36, "PR_SET_CHILD_SUBREAPER" },
	{ 37, "PR_GET_CHILD_SUBREAPER" },
	{ 38, "PR_SET_NO_NEW_PRIVS" },
	{ 39, "PR_GET_NO_NEW_PRIVS" },
	{ 40, "PR_GET_TID_ADDRESS" },
	{ 41, "PR_SET_THP_DISABLE" },
	{ 42, "PR_GET_THP_DISABLE" },
	{ 47, "PR_CAP_AMBIENT" },
	{ 0x53564d41, "PR_SET_VMA" },
	{ 0x59616d61, "PR_SET_PTRACER" },
	{ 0, NULL },
};

static const struct xval capabilities[] = {
	{ 0, "CAP_CHOWN" },
	{ 1, "CAP_DAC_OVERRIDE" },
	{ 2, "CAP_DAC_READ_SEARCH" },
	{ 3, "CAP_FOWNER" },
	{ 4, "CAP_FSETID" },
	{ 5, "CAP_KILL" },
	{ 6, "CAP_SETGID" },
	{ 7, "CAP_SETUID" },
	{ 8, "CAP_SETPCAP" },
	{ 9, "CAP_LINUX_IMMUTABLE" },
	{ 10, "CAP_NET_BIND_SERVICE" },
	{ 11, "CAP_NET_BROADCAST" },
	{ 12, "CAP_NET_ADMIN" },
	{ 13, "CAP_NET_RAW" },
	{ 14, "CAP_IPC_LOCK" },
	{ 15, "CAP_IPC_OWNER" },
	{ 16, "CAP_SYS_MODULE" },
	{ 17, "CAP_SYS_RAWIO" },
	{ 18, "CAP_SYS_CHROOT" },
	{ 19, "CAP_SYS_PTRACE" },
	{ 20, "CAP_SYS_PACCT" },
	{ 21, "CAP_SYS_ADMIN" },
	{ 22, "CAP_SYS_BOOT" },
	{ 23, "CAP_SYS_NICE" },
	{ 24, "CAP_SYS_RESOURCE" },
	{ 25, "CAP_SYS_TIME" },
	{ 26, "CAP_SYS_TTY_CONFIG" },
	{ 27, "CAP_MKNOD" },
	{ 28, "CAP_LEASE" },
	{ 29, "CAP_AUDIT_WRITE" },
	{ 30, "CAP_AUDIT_CONTROL" },
	{ 31, "CAP_SETFCAP" },
	{ 32, "CAP_MAC_OVERRIDE" },
	{ 33, "CAP_MAC_ADMIN" },
	{ 34, "CAP_SYSLOG" },
	{ 35, "CAP_WAKE_ALARM" },
	{ 36, "CAP_BLOCK_SUSPEND" },
	{ 37, "CAP_AUDIT_READ" },
	{ 38, "CAP_PERFMON" },
	{ 39, "CAP_BPF" },
	{ 40, "CAP_CHECKPOINT_RESTORE" },
	{ 0, NULL },
};

/* ---- capget, capset ---- */

static const struct xval cap_versions[] = {
	{ 0x19980330, "_LINUX_CAPABILITY_VERSION_1" },
	{ 0x20071026, "_LINUX_CAPABILITY_VERSION_2" },
	{ 0x20080522, "_LINUX_CAPABILITY_VERSION_3" },
	{ 0, NULL },
};

/* "1<<CAP_CHOWN" for each bit of a 32-bit word of a capability set */
static const struct xval *cap_bits(unsigned word)
{
	static struct xval tbl[2][33];
	static char names[64][40];

	if (!tbl[word][0].name) {
		unsigned n = 0;

		for (const struct xval *x = capabilities; x->name; x++) {
			if (x->val / 32 != word)
				continue;
			snprintf(names[x->val], sizeof(names[0]), "1<<%s", x->name);
			tbl[word][n].val = 1ull << (x->val % 32);
			tbl[word][n].name = names[x->val];
			n++;
		}
	}
	return tbl[word];
}

/* A set in words of 32 bits, each printed as flags: the low first */
static void p_capset(struct call *c, const uint32_t *w, unsigned nwords)
{
	bool first = true;

	for (unsigned i = 0; i < nwords; i++) {
		if (!w[i])
			continue;
		if (!first)
			sb_putc(&c->sb, '|');
		p_flags(c, cap_bits(i), w[i], NULL);
		first = false;
	}
	if (first)
		sb_putc(&c->sb, '0');
}

/* The header; returns its version (0 when unreadable) */
static uint32_t p_cap_header(struct call *c, uint64_t addr)
{
	uint32_t h[2];

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return 0;
	}
	if (!umove(c, addr, h, sizeof(h))) {
		p_ptr(c, addr);
		return 0;
	}
	sb_puts(&c->sb, "{version=");
	p_xlat(c, cap_versions, h[0], "_LINUX_CAPABILITY_VERSION_???");
	sb_puts(&c->sb, ", pid=");
	p_pid(c, (int)h[1]);
	sb_putc(&c->sb, '}');
	return h[0];
}

static void p_cap_data(struct call *c, uint64_t addr, uint32_t version)
{
	/* version 1: one struct of three words; 2 and 3: two */
	unsigned n = version == 0x19980330                          ? 1 :
		     version == 0x20071026 || version == 0x20080522 ? 2 :
								      0;
	uint32_t d[6], set[2];
	static const char *const names[] = { "effective", "permitted", "inheritable" };

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!n || failed(c) || !umove(c, addr, d, n * 12)) {
		p_ptr(c, addr);
		return;
	}
	for (unsigned k = 0; k < 3; k++) {
		set[0] = d[k];
		set[1] = n > 1 ? d[3 + k] : 0;
		sb_printf(&c->sb, "%s%s=", k ? ", " : "{", names[k]);
		p_capset(c, set, n);
	}
	sb_putc(&c->sb, '}');
}

DECL(capget)
{
	if (!c->exiting) {
		arg(c);
		c->priv[0] = p_cap_header(c, arg_ulong(c, 0));
		return DEC_EXIT;
	}
	arg(c);
	p_cap_data(c, arg_ulong(c, 1), (uint32_t)c->priv[0]);
	return 0;
}

DECL(capset)
{
	uint32_t version;

	arg(c);
	version = p_cap_header(c, arg_ulong(c, 0));
	arg(c);
	p_cap_data(c, arg_ulong(c, 1), version);
	return DEC_DONE;
}

static const struct xval suid_dump[] = {
	{ 0, "SUID_DUMP_DISABLE" },
	{ 1, "SUID_DUMP_USER" },
	{ 2, "SUID_DUMP_ROOT" },
	{ 0, NULL },
};

static const struct xval cap_ambient_ops[] = {
	{ 1, "PR_CAP_AMBIENT_IS_SET" },
	{ 2, "PR_CAP_AMBIENT_RAISE" },
	{ 3, "PR_CAP_AMBIENT_LOWER" },
	{ 4, "PR_CAP_AMBIENT_CLEAR_ALL" },
	{ 0, NULL },
};

static const struct xval set_vma_ops[] = {
	{ 0, "PR_SET_VMA_ANON_NAME" },
	{ 0, NULL },
};

static const struct xval ptracer_any[] = {
	{ (uint64_t)-1, "PR_SET_PTRACER_ANY" },
	{ 0, NULL },
};

static const struct xval seccomp_modes[] = {
	{ 0, "SECCOMP_MODE_DISABLED" },
	{ 1, "SECCOMP_MODE_STRICT" },
	{ 2, "SECCOMP_MODE_FILTER" },
	{ 0, NULL },
};

static const struct xval set_mm_ops[] = {
	{ 1, "PR_SET_MM_START_CODE" },  { 2, "PR_SET_MM_END_CODE" },
	{ 3, "PR_SET_MM_START_DATA" },  { 4, "PR_SET_MM_END_DATA" },
	{ 5, "PR_SET_MM_START_STACK" }, { 6, "PR_SET_MM_START_BRK" },
	{ 7, "PR_SET_MM_BRK" },         { 8, "PR_SET_MM_ARG_START" },
	{ 9, "PR_SET_MM_ARG_END" },     { 10, "PR_SET_MM_ENV_START" },
	{ 11, "PR_SET_MM_ENV_END" },    { 12, "PR_SET_MM_AUXV" },
	{ 13, "PR_SET_MM_EXE_FILE" },   { 14, "PR_SET_MM_MAP" },
	{ 15, "PR_SET_MM_MAP_SIZE" },   { 0, NULL },
};

/* A thread name: what the kernel keeps of it, 15 characters. */
static void p_comm(struct call *c, uint64_t addr)
{
	char name[16];
	ssize_t n;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	n = scall_mem_read_str(c->t, c->tid, addr, name, sizeof(name));
	if (n < 0)
		p_ptr(c, addr);
	else
		p_quoted(c, (unsigned char *)name, (size_t)n, n == (ssize_t)sizeof(name) - 1);
}

DECL(prctl)
{
	unsigned opt_ = arg_uint(c, 0);

	if (c->exiting && opt_ == 3) {
		static const char *const dump[] = { "SUID_DUMP_DISABLE", "SUID_DUMP_USER",
						    "SUID_DUMP_ROOT" };

		if (!failed(c) && c->rval >= 0 && c->rval <= 2)
			aux_printf(c, "(%s)", dump[c->rval]);
		return 0;
	}
	if (c->exiting) {
		uint64_t w;
		int v;

		arg(c);
		if (failed(c)) {
			p_ptr(c, arg_ulong(c, 1));
		} else if (opt_ == 16) {
			p_str(c, arg_ulong(c, 1));
		} else if (opt_ == 40) { /* PR_GET_TID_ADDRESS: a pointer */
			if (umove_word(c, arg_ulong(c, 1), &w)) {
				sb_putc(&c->sb, '[');
				p_ptr(c, w);
				sb_putc(&c->sb, ']');
			} else {
				p_ptr(c, arg_ulong(c, 1));
			}
		} else if (umove(c, arg_ulong(c, 1), &v, sizeof(v))) {
			sb_putc(&c->sb, '[');
			if (opt_ == 2) /* PR_GET_PDEATHSIG */
				p_sig(c, v);
			else
				sb_printf(&c->sb, "%d", v);
			sb_putc(&c->sb, ']');
		} else {
			p_ptr(c, arg_ulong(c, 1));
		}
		return 0;
	}
	a_xlat(c, 0, pr_options, "PR_???");
	switch (opt_) {
	case 1:
		a_sig(c, 1);
		return DEC_DONE;
	case 2:
	case 16:
	case 37: /* PR_GET_CHILD_SUBREAPER */
	case 40: /* PR_GET_TID_ADDRESS */
		return DEC_EXIT;
	case 3:
		return DEC_EXIT_RET;
	case 7:
	case 21:
	case 27:
	case 30:
		return DEC_DONE;
	case 23:
	case 24:
		a_xlat(c, 1, capabilities, "CAP_???");
		return DEC_DONE;
	case 0x59616d61: /* PR_SET_PTRACER */
		arg(c);
		p_xlat_dec(c, ptracer_any, arg_int(c, 1), NULL);
		return DEC_DONE;
	case 22: /* PR_SET_SECCOMP */
		a_xlat(c, 1, seccomp_modes, "SECCOMP_MODE_???");
		if (arg_ulong(c, 1) == 1)
			return DEC_DONE;
		if (arg_ulong(c, 1) == 2) {
			a_ptr(c, 2);
			return DEC_DONE;
		}
		for (int i = 2; i < 5; i++)
			a_hex(c, i);
		return DEC_DONE;
	case 35: /* PR_SET_MM */
		a_xlat(c, 1, set_mm_ops, "PR_SET_MM_???");
		for (int i = 2; i < 5; i++)
			a_hex(c, i);
		return DEC_DONE;
	case 4: /* PR_SET_DUMPABLE */
		a_xlat(c, 1, suid_dump, "SUID_DUMP_???");
		return DEC_DONE;
	case 47: /* PR_CAP_AMBIENT */
		a_xlat(c, 1, cap_ambient_ops, "PR_CAP_AMBIENT_???");
		if (arg_ulong(c, 1) >= 1 && arg_ulong(c, 1) <= 3)
			a_xlat(c, 2, capabilities, "CAP_???");
		else
			a_ulong(c, 2);
		a_ulong(c, 3);
		a_ulong(c, 4);
		return DEC_DONE;
	case 0x53564d41: /* PR_SET_VMA */
		a_xlat(c, 1, set_vma_ops, "PR_SET_VMA_???");
		a_ptr(c, 2);
		a_ulong(c, 3);
		if (arg_ulong(c, 1) == 0)
			a_str(c, 4);
		else
			a_hex(c, 4);
		return DEC_DONE;
	case 8:
	case 28:
	case 29:
	case 36:
		a_ulong(c, 1);
		return DEC_DONE;
	case 15: /* PR_SET_NAME: at most TASK_COMM_LEN - 1 characters shown */
		arg(c);
		p_comm(c, arg_ulong(c, 1));
		return DEC_DONE;
	case 38:
	case 39:
	case 41:
	case 42:
		for (int i = 1; i < 5; i++)
			a_ulong(c, i);
		return DEC_DONE;
	default:
		for (int i = 1; i < 5; i++)
			a_hex(c, i);
		return DEC_DONE;
	}
}

/* i386 struct user_desc */
DECL(set_thread_area)
{
	uint32_t d[4];

	if (c->exiting) {
		if (!failed(c) && (int32_t)c->priv[0] == -1 && umove(c, arg_ulong(c, 0), d, 4))
			aux_printf(c, "(entry_number=%d)", (int32_t)d[0]);
		return 0;
	}
	arg(c);
	if (!umove(c, arg_ulong(c, 0), d, sizeof(d))) {
		p_ptr(c, arg_ulong(c, 0));
		return DEC_DONE;
	}
	c->priv[0] = d[0];
	sb_printf(&c->sb,
		  "{entry_number=%d, base_addr=%#x, limit=%#08x, seg_32bit=%u, contents=%u, "
		  "read_exec_only=%u, limit_in_pages=%u, seg_not_present=%u, useable=%u}",
		  (int32_t)d[0], d[1], d[2], d[3] & 1, (d[3] >> 1) & 3, (d[3] >> 3) & 1,
		  (d[3] >> 4) & 1, (d[3] >> 5) & 1, (d[3] >> 6) & 1);
	return DEC_EXIT_RET;
}

static const struct xval per_types[] = {
	{ 0, "PER_LINUX" },     { 0x1, "PER_SVR4" },     { 0x2, "PER_SVR3" },
	{ 0x3, "PER_SCOSVR3" }, { 0x4, "PER_WYSEV386" }, { 0x5, "PER_ISCR4" },
	{ 0x6, "PER_BSD" },     { 0x7, "PER_XENIX" },    { 0x8, "PER_LINUX32" },
	{ 0x9, "PER_IRIX32" },  { 0xa, "PER_IRIXN32" },  { 0xb, "PER_IRIX64" },
	{ 0xc, "PER_RISCOS" },  { 0xd, "PER_SOLARIS" },  { 0xe, "PER_UW7" },
	{ 0xf, "PER_OSF4" },    { 0x10, "PER_HPUX" },    { 0, NULL },
};

static const struct xval per_flags[] = {
	{ 0x20000, "UNAME26" },
	{ 0x40000, "ADDR_NO_RANDOMIZE" },
	{ 0x80000, "FDPIC_FUNCPTRS" },
	{ 0x100000, "MMAP_PAGE_ZERO" },
	{ 0x200000, "ADDR_COMPAT_LAYOUT" },
	{ 0x400000, "READ_IMPLIES_EXEC" },
	{ 0x800000, "ADDR_LIMIT_32BIT" },
	{ 0x1000000, "SHORT_INODE" },
	{ 0x2000000, "WHOLE_SECONDS" },
	{ 0x4000000, "STICKY_TIMEOUTS" },
	{ 0x8000000, "ADDR_LIMIT_3GB" },
	{ 0, NULL },
};

/* PER_LINUX|ADDR_NO_RANDOMIZE: the type in the low byte, then the flags */
static void p_persona(struct call *c, unsigned pers)
{
	p_xlat(c, per_types, pers & 0xff, "PER_???");
	if (pers & ~0xffu) {
		sb_putc(&c->sb, '|');
		p_flags(c, per_flags, pers & ~0xffu, NULL);
	}
}

/* personality(0xffffffff) only asks; the result is the previous persona */
DECL(personality)
{
	struct sbuf tmp, old;

	if (!c->exiting) {
		arg(c);
		if (arg_uint(c, 0) == 0xffffffffu)
			sb_puts(&c->sb, "0xffffffff");
		else
			p_persona(c, arg_uint(c, 0));
		return DEC_EXIT_RET;
	}
	if (failed(c))
		return 0;
	c->rfmt = RV_HEX;
	sb_init(&tmp);
	old = sb_swap(c, tmp);
	p_persona(c, (unsigned)c->rval);
	tmp = sb_swap(c, old);
	aux_printf(c, "(%s)", tmp.s ? tmp.s : "");
	sb_free(&tmp);
	return 0;
}
