/* SPDX-License-Identifier: MIT */
/*
 * Scheduling and NUMA: sched_* policies and attributes, getcpu, I/O
 * priorities, memory policies (get/set_mempolicy, mbind), membarrier, and
 * the memory locking calls mlockall, mlock2, mincore.
 */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

/* Print with fn into a buffer of its own, then c->aux = "(TEXT)". */
static void aux_paren(struct call *c, void (*fn)(struct call *c, uint64_t v), uint64_t v)
{
	struct sbuf tmp, old;

	sb_init(&tmp);
	old = sb_swap(c, tmp);
	fn(c, v);
	tmp = sb_swap(c, old);
	aux_printf(c, "(%s)", tmp.s ? tmp.s : "");
	sb_free(&tmp);
}

/* ---- scheduling policies ---- */

static const struct xval policies[] = {
	{ 0, "SCHED_OTHER" }, { 1, "SCHED_FIFO" }, { 2, "SCHED_RR" },       { 3, "SCHED_BATCH" },
	{ 4, "SCHED_ISO" },   { 5, "SCHED_IDLE" }, { 6, "SCHED_DEADLINE" }, { 0, NULL },
};

static const struct xval sched_attr_flags[] = {
	{ 0x01, "SCHED_FLAG_RESET_ON_FORK" },  { 0x02, "SCHED_FLAG_RECLAIM" },
	{ 0x04, "SCHED_FLAG_DL_OVERRUN" },     { 0x08, "SCHED_FLAG_KEEP_POLICY" },
	{ 0x10, "SCHED_FLAG_KEEP_PARAMS" },    { 0x20, "SCHED_FLAG_UTIL_CLAMP_MIN" },
	{ 0x40, "SCHED_FLAG_UTIL_CLAMP_MAX" }, { 0, NULL },
};

static void p_policy_aux(struct call *c, uint64_t v)
{
	sb_puts(&c->sb, xlat_name(policies, v));
}

DECL(sched_getscheduler)
{
	if (!c->exiting) {
		a_pid(c, 0);
		return DEC_EXIT_RET;
	}
	if (!failed(c) && xlat_name(policies, (uint64_t)c->rval))
		aux_paren(c, p_policy_aux, (uint64_t)c->rval);
	return 0;
}

/* [sched_priority] */
static void p_sched_param(struct call *c, uint64_t addr)
{
	int prio;

	if (!addr)
		sb_puts(&c->sb, "NULL");
	else if (failed(c) || !umove(c, addr, &prio, sizeof(prio)))
		p_ptr(c, addr);
	else
		sb_printf(&c->sb, "[%d]", prio);
}

DECL(sched_setscheduler)
{
	a_pid(c, 0);
	a_xlat(c, 1, policies, "SCHED_???");
	arg(c);
	p_sched_param(c, arg_ulong(c, 2));
	return DEC_DONE;
}

DECL(sched_getparam)
{
	if (!c->exiting) {
		a_pid(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_sched_param(c, arg_ulong(c, 1));
	return 0;
}

DECL(sched_setparam)
{
	a_pid(c, 0);
	arg(c);
	p_sched_param(c, arg_ulong(c, 1));
	return DEC_DONE;
}

DECL(sched_get_priority_max)
{
	a_xlat(c, 0, policies, "SCHED_???");
	return DEC_DONE;
}

DECL(sched_rr_get_interval)
{
	if (!c->exiting) {
		a_pid(c, 0);
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_timespec(c, arg_ulong(c, 1), is_i386(c) && !strstr(c->ent->name, "time64"));
	return 0;
}

/* struct sched_attr: 48 bytes in its first version, 56 with the clamps. */
struct sched_attr {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

static void p_sched_attr(struct call *c, uint64_t addr, uint32_t usize)
{
	struct sched_attr a;
	uint32_t size;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (failed(c) || !umove(c, addr, &a.size, sizeof(a.size))) {
		p_ptr(c, addr);
		return;
	}
	/* getattr: the size the kernel wrote, within the caller's buffer */
	size = a.size;
	if (usize && size > usize)
		size = usize;
	if (size < 48) {
		sb_printf(&c->sb, "{size=%u, ...}", a.size);
		return;
	}
	if (size > sizeof(a))
		size = sizeof(a);
	memset(&a, 0, sizeof(a));
	if (!umove(c, addr, &a, size)) {
		p_ptr(c, addr);
		return;
	}
	sb_printf(&c->sb, "{size=%u", a.size);
	if (!(a.flags & 0x08)) {
		sb_puts(&c->sb, ", sched_policy=");
		p_xlat(c, policies, a.policy, "SCHED_???");
	}
	sb_puts(&c->sb, ", sched_flags=");
	p_flags(c, sched_attr_flags, a.flags, "SCHED_FLAG_???");
	sb_printf(&c->sb,
		  ", sched_nice=%d, sched_priority=%u, sched_runtime=%llu, "
		  "sched_deadline=%llu, sched_period=%llu",
		  a.nice, a.priority, (unsigned long long)a.runtime, (unsigned long long)a.deadline,
		  (unsigned long long)a.period);
	if (size >= 56)
		sb_printf(&c->sb, ", sched_util_min=%u, sched_util_max=%u", a.util_min, a.util_max);
	sb_putc(&c->sb, '}');
}

DECL(sched_getattr)
{
	if (!c->exiting) {
		a_pid(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_sched_attr(c, arg_ulong(c, 1), arg_uint(c, 2));
	a_uint(c, 2);
	a_uint(c, 3);
	return 0;
}

DECL(sched_setattr)
{
	a_pid(c, 0);
	arg(c);
	p_sched_attr(c, arg_ulong(c, 1), 0);
	a_uint(c, 2);
	return DEC_DONE;
}

/* [N] of an unsigned int the call wrote */
static void p_uint_out(struct call *c, uint64_t addr)
{
	unsigned v;

	if (!addr)
		sb_puts(&c->sb, "NULL");
	else if (failed(c) || !umove(c, addr, &v, sizeof(v)))
		p_ptr(c, addr);
	else
		sb_printf(&c->sb, "[%u]", v);
}

DECL(getcpu)
{
	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	p_uint_out(c, arg_ulong(c, 0));
	arg(c);
	p_uint_out(c, arg_ulong(c, 1));
	a_ptr(c, 2);
	return 0;
}

/* ---- I/O priorities ---- */

static const struct xval ioprio_who[] = {
	{ 1, "IOPRIO_WHO_PROCESS" },
	{ 2, "IOPRIO_WHO_PGRP" },
	{ 3, "IOPRIO_WHO_USER" },
	{ 0, NULL },
};

static const struct xval ioprio_class[] = {
	{ 0, "IOPRIO_CLASS_NONE" },
	{ 1, "IOPRIO_CLASS_RT" },
	{ 2, "IOPRIO_CLASS_BE" },
	{ 3, "IOPRIO_CLASS_IDLE" },
	{ 0, NULL },
};

/* IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4) */
static void p_ioprio_value(struct call *c, uint64_t v)
{
	sb_puts(&c->sb, "IOPRIO_PRIO_VALUE(");
	p_xlat(c, ioprio_class, (v >> 13) & 7, "IOPRIO_CLASS_???");
	sb_printf(&c->sb, ", %u)", (unsigned)(v & 0x1fff));
}

/* The id of ioprio_get/set: a thread for IOPRIO_WHO_PROCESS (-Y names it). */
static void a_ioprio_who(struct call *c, int i)
{
	if (arg_int(c, 0) == 1)
		a_pid(c, i);
	else
		a_int(c, i);
}

DECL(ioprio_get)
{
	if (!c->exiting) {
		a_xlat(c, 0, ioprio_who, "IOPRIO_WHO_???");
		a_ioprio_who(c, 1);
		return DEC_EXIT_RET;
	}
	if (!failed(c) && opt.xlat != XLAT_RAW)
		aux_paren(c, p_ioprio_value, (uint64_t)c->rval);
	return 0;
}

DECL(ioprio_set)
{
	unsigned v = arg_uint(c, 2);

	a_xlat(c, 0, ioprio_who, "IOPRIO_WHO_???");
	a_ioprio_who(c, 1);
	arg(c);
	if (opt.xlat == XLAT_RAW) {
		sb_printf(&c->sb, "%d", (int)v);
	} else if (opt.xlat == XLAT_VERBOSE) {
		sb_printf(&c->sb, "%d /* ", (int)v);
		p_ioprio_value(c, v);
		sb_puts(&c->sb, " */");
	} else {
		p_ioprio_value(c, v);
	}
	return DEC_DONE;
}

/* ---- memory policies ---- */

static const struct xval mpol_modes[] = {
	{ 0, "MPOL_DEFAULT" }, { 1, "MPOL_PREFERRED" },
	{ 2, "MPOL_BIND" },    { 3, "MPOL_INTERLEAVE" },
	{ 4, "MPOL_LOCAL" },   { 5, "MPOL_PREFERRED_MANY" },
	{ 0, NULL },
};

static const struct xval mpol_mode_flags[] = {
	{ 1 << 15, "MPOL_F_STATIC_NODES" },
	{ 1 << 14, "MPOL_F_RELATIVE_NODES" },
	{ 1 << 13, "MPOL_F_NUMA_BALANCING" },
	{ 0, NULL },
};

static const struct xval mpol_get_flags[] = {
	{ 1, "MPOL_F_NODE" },
	{ 2, "MPOL_F_ADDR" },
	{ 4, "MPOL_F_MEMS_ALLOWED" },
	{ 0, NULL },
};

static const struct xval mpol_mbind_flags[] = {
	{ 1, "MPOL_MF_STRICT" },
	{ 2, "MPOL_MF_MOVE" },
	{ 4, "MPOL_MF_MOVE_ALL" },
	{ 0, NULL },
};

static void p_mpol_mode(struct call *c, uint64_t v)
{
	p_field_flags(c, v, 0xff, mpol_modes, mpol_mode_flags, "MPOL_???");
}

/* Words of a node mask, each zero-padded to the word's width. */
static void p_nodemask(struct call *c, uint64_t addr, uint64_t maxnode)
{
	unsigned ws = abi_wordsize(c), bits = ws * 8;
	uint64_t n = (maxnode + bits - 2) / bits;

	if (maxnode + bits - 2 < maxnode || (maxnode && !n)) {
		p_ptr(c, addr);
		return;
	}
	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (failed(c)) {
		p_ptr(c, addr);
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		uint64_t w;

		enum array_step step = array_step(c, addr, i, umove_word(c, addr + i * ws, &w));

		if (step == ARRAY_ADDR)
			return;
		if (step == ARRAY_END)
			break;
		sb_printf(&c->sb, "%#0*llx", (int)ws * 2, (unsigned long long)w);
	}
	sb_putc(&c->sb, ']');
}

DECL(set_mempolicy)
{
	arg(c);
	p_mpol_mode(c, arg_uint(c, 0));
	arg(c);
	p_nodemask(c, arg_ulong(c, 1), arg_ulong(c, 2));
	a_ulong(c, 2);
	return DEC_DONE;
}

DECL(get_mempolicy)
{
	uint64_t addr = arg_ulong(c, 0);
	int mode;

	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	if (!addr) {
		sb_puts(&c->sb, "NULL");
	} else if (failed(c) || !umove(c, addr, &mode, sizeof(mode))) {
		p_ptr(c, addr);
	} else {
		sb_putc(&c->sb, '[');
		p_mpol_mode(c, (unsigned)mode);
		sb_putc(&c->sb, ']');
	}
	arg(c);
	p_nodemask(c, arg_ulong(c, 1), arg_ulong(c, 2));
	a_ulong(c, 2);
	a_ptr(c, 3);
	a_flags(c, 4, mpol_get_flags, "MPOL_F_???");
	return 0;
}

DECL(mbind)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	arg(c);
	p_mpol_mode(c, arg_uint(c, 2));
	arg(c);
	p_nodemask(c, arg_ulong(c, 3), arg_ulong(c, 4));
	a_ulong(c, 4);
	a_flags(c, 5, mpol_mbind_flags, "MPOL_MF_???");
	return DEC_DONE;
}

/* ---- membarrier ---- */

static const struct xval membarrier_cmds[] = {
	{ 0, "MEMBARRIER_CMD_QUERY" },
	{ 1 << 0, "MEMBARRIER_CMD_GLOBAL" },
	{ 1 << 1, "MEMBARRIER_CMD_GLOBAL_EXPEDITED" },
	{ 1 << 2, "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED" },
	{ 1 << 3, "MEMBARRIER_CMD_PRIVATE_EXPEDITED" },
	{ 1 << 4, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED" },
	{ 1 << 5, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 1 << 6, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE" },
	{ 1 << 7, "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ" },
	{ 1 << 8, "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ" },
	{ 0, NULL },
};

static const struct xval membarrier_flags[] = {
	{ 1, "MEMBARRIER_CMD_FLAG_CPU" },
	{ 0, NULL },
};

static void p_membarrier_set(struct call *c, uint64_t v)
{
	p_flags(c, membarrier_cmds + 1, v, NULL);
}

DECL(membarrier)
{
	if (!c->exiting) {
		a_xlat(c, 0, membarrier_cmds, "MEMBARRIER_CMD_???");
		a_flags(c, 1, membarrier_flags, "MEMBARRIER_CMD_FLAG_???");
		if (arg_uint(c, 1) & 1)
			a_int(c, 2);
		return arg_uint(c, 0) == 0 ? DEC_EXIT_RET : DEC_DONE;
	}
	if (!failed(c) && c->rval) {
		c->rfmt = RV_HEX;
		aux_paren(c, p_membarrier_set, (uint64_t)c->rval);
	}
	return 0;
}

/* ---- memory locking ---- */

static const struct xval mcl_flags[] = {
	{ 1, "MCL_CURRENT" },
	{ 2, "MCL_FUTURE" },
	{ 4, "MCL_ONFAULT" },
	{ 0, NULL },
};

static const struct xval mlock_flags[] = {
	{ 1, "MLOCK_ONFAULT" },
	{ 0, NULL },
};

DECL(mlockall)
{
	a_flags(c, 0, mcl_flags, "MCL_???");
	return DEC_DONE;
}

DECL(mlock2)
{
	a_ptr(c, 0);
	a_ulong(c, 1);
	a_flags(c, 2, mlock_flags, "MLOCK_???");
	return DEC_DONE;
}

/* One byte per page of the range: the residency of each. */
DECL(mincore)
{
	uint64_t addr = arg_ulong(c, 2), len = arg_ulong(c, 1), n;
	unsigned char chunk[256];

	if (!c->exiting) {
		a_ptr(c, 0);
		a_ulong(c, 1);
		return DEC_EXIT;
	}
	if (!a_filled(c, 2))
		return 0;
	n = len / 4096 + (len % 4096 ? 1 : 0);
	if (!addr || (n && !umove(c, addr, chunk, 1))) {
		p_ptr(c, addr);
		return 0;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		if (i % sizeof(chunk) == 0) {
			size_t want = n - i < sizeof(chunk) ? (size_t)(n - i) : sizeof(chunk);

			if (!umove(c, addr + i, chunk, want)) {
				sb_puts(&c->sb, ", ...");
				break;
			}
		}
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (uint64_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		sb_printf(&c->sb, "%u", chunk[i % sizeof(chunk)]);
	}
	sb_putc(&c->sb, ']');
	return 0;
}

/* ---- groups ---- */

DECL(setgroups)
{
	bool small = is_i386(c) && !strstr(c->ent->name, "32");
	uint64_t addr = arg_ulong(c, 1);
	int n = arg_int(c, 0);

	a_int(c, 0);
	arg(c);
	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return DEC_DONE;
	}
	if (n <= 0 || n > 65536) {
		p_ptr(c, addr);
		return DEC_DONE;
	}
	sb_putc(&c->sb, '[');
	for (int i = 0; i < n; i++) {
		uint32_t v = 0;

		enum array_step step = array_step(c, addr, (uint64_t)i,
						  umove(c, addr + (uint64_t)i * (small ? 2 : 4), &v,
							small ? 2 : 4));

		if (step == ARRAY_ADDR)
			return DEC_DONE;
		if (step == ARRAY_END)
			break;
		sb_printf(&c->sb, "%u", v);
	}
	sb_putc(&c->sb, ']');
	return DEC_DONE;
}
