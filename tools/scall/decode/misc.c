/* SPDX-License-Identifier: MIT */
/* Everything else: limits, uname, sysinfo, futex, getrandom, ids, ... */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

DECL(int1)
{
	a_int(c, 0);
	return DEC_DONE;
}

/* getpgid, getsid: a pid */
DECL(pid1)
{
	a_pid(c, 0);
	return DEC_DONE;
}

/* setpgid: a pid and a process group */
DECL(setpgid)
{
	a_pid(c, 0);
	a_int(c, 1);
	return DEC_DONE;
}

/* getpid, gettid, fork...: no arguments, a pid returned */
DECL(ret_pid)
{
	c->rfmt = RV_PID;
	return DEC_DONE;
}

DECL(int2)
{
	a_int(c, 0);
	a_int(c, 1);
	return DEC_DONE;
}

DECL(int3)
{
	a_int(c, 0);
	a_int(c, 1);
	a_int(c, 2);
	return DEC_DONE;
}

DECL(uint1)
{
	a_uint(c, 0);
	return DEC_DONE;
}

static const struct xval grnd_flags[] = {
	{ 1, "GRND_NONBLOCK" },
	{ 2, "GRND_RANDOM" },
	{ 4, "GRND_INSECURE" },
	{ 0, NULL },
};

DECL(getrandom)
{
	if (!c->exiting)
		return DEC_EXIT;
	a_rbuf(c, 0, true);
	a_ulong(c, 1);
	a_flags(c, 2, grnd_flags, "GRND_???");
	return 0;
}

static const struct xval rlimits[] = {
	{ 0, "RLIMIT_CPU" },
	{ 1, "RLIMIT_FSIZE" },
	{ 2, "RLIMIT_DATA" },
	{ 3, "RLIMIT_STACK" },
	{ 4, "RLIMIT_CORE" },
	{ 5, "RLIMIT_RSS" },
	{ 6, "RLIMIT_NPROC" },
	{ 7, "RLIMIT_NOFILE" },
	{ 8, "RLIMIT_MEMLOCK" },
	{ 9, "RLIMIT_AS" },
	{ 10, "RLIMIT_LOCKS" },
	{ 11, "RLIMIT_SIGPENDING" },
	{ 12, "RLIMIT_MSGQUEUE" },
	{ 13, "RLIMIT_NICE" },
	{ 14, "RLIMIT_RTPRIO" },
	{ 15, "RLIMIT_RTTIME" },
	{ 0, NULL },
};

/* -X verbose: the number, then the abbreviated form as a comment */
static void p_rlim_value(struct call *c, uint64_t v, bool wide, bool r64)
{
	bool inf = wide ? v == ~0ull : v == 0xffffffffull;
	bool kib = v && v % 1024 == 0;

	if (opt.xlat == XLAT_RAW || (opt.xlat == XLAT_VERBOSE && (inf || kib)))
		p_uint64(c, v);
	if (opt.xlat == XLAT_RAW)
		return;
	if (opt.xlat == XLAT_VERBOSE && (inf || kib))
		sb_puts(&c->sb, " /* ");
	if (inf)
		sb_puts(&c->sb, r64 ? "RLIM64_INFINITY" : "RLIM_INFINITY");
	else if (kib)
		sb_printf(&c->sb, "%llu*1024", (unsigned long long)(v / 1024));
	else
		p_uint64(c, v);
	if (opt.xlat == XLAT_VERBOSE && (inf || kib))
		sb_puts(&c->sb, " */");
}

/* r64: struct rlimit64 (prlimit64), else the ABI's struct rlimit */
static void p_rlimit(struct call *c, uint64_t addr, bool r64)
{
	uint64_t cur, max;
	bool wide = r64 || !is_i386(c);

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (wide) {
		uint64_t r[2];

		if (!umove(c, addr, r, sizeof(r))) {
			p_ptr(c, addr);
			return;
		}
		cur = r[0], max = r[1];
	} else {
		uint32_t r[2];

		if (!umove(c, addr, r, sizeof(r))) {
			p_ptr(c, addr);
			return;
		}
		cur = r[0], max = r[1];
	}
	sb_puts(&c->sb, "{rlim_cur=");
	p_rlim_value(c, cur, wide, r64);
	sb_puts(&c->sb, ", rlim_max=");
	p_rlim_value(c, max, wide, r64);
	sb_putc(&c->sb, '}');
}

DECL(prlimit64)
{
	if (!c->exiting) {
		a_pid(c, 0);
		a_xlat(c, 1, rlimits, "RLIMIT_???");
		arg(c);
		p_rlimit(c, arg_ulong(c, 2), true);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c) && arg_ulong(c, 3))
		p_ptr(c, arg_ulong(c, 3));
	else
		p_rlimit(c, arg_ulong(c, 3), true);
	return 0;
}

DECL(getrlimit)
{
	if (!c->exiting) {
		a_xlat(c, 0, rlimits, "RLIMIT_???");
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_rlimit(c, arg_ulong(c, 1), false);
	return 0;
}

DECL(setrlimit)
{
	a_xlat(c, 0, rlimits, "RLIMIT_???");
	arg(c);
	p_rlimit(c, arg_ulong(c, 1), false);
	return DEC_DONE;
}

static const struct xval rusage_who[] = {
	{ 0, "RUSAGE_SELF" },
	{ (uint64_t)-1, "RUSAGE_CHILDREN" },
	{ 1, "RUSAGE_THREAD" },
	{ 0, NULL },
};

DECL(getrusage)
{
	if (!c->exiting) {
		arg(c);
		p_xlat_dec(c, rusage_who, arg_int(c, 0), "RUSAGE_???");
		return DEC_EXIT;
	}
	arg(c);
	p_rusage(c, arg_ulong(c, 1));
	return 0;
}

DECL(uname)
{
	static const char *const fields[] = { "sysname", "nodename", "release",
					      "version", "machine",  "domainname" };
	char u[6][65];

	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	if (failed(c) || !umove(c, arg_ulong(c, 0), u, sizeof(u))) {
		p_ptr(c, arg_ulong(c, 0));
		return 0;
	}
	sb_putc(&c->sb, '{');
	for (int i = 0; i < 6; i++) {
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i == 2) {
			sb_puts(&c->sb, "...");
			break;
		}
		sb_printf(&c->sb, "%s=", fields[i]);
		p_quoted(c, (unsigned char *)u[i], strnlen(u[i], 65), false);
	}
	sb_putc(&c->sb, '}');
	return 0;
}

DECL(sysinfo)
{
	unsigned char b[112];
	unsigned ws = abi_wordsize(c);
	uint64_t w[14];
	uint16_t procs;
	uint32_t unit;

	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	if (failed(c) || !umove(c, arg_ulong(c, 0), b, ws == 8 ? 112 : 64)) {
		p_ptr(c, arg_ulong(c, 0));
		return 0;
	}
	/* uptime, loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap */
	for (int i = 0; i < 10; i++) {
		w[i] = 0;
		memcpy(&w[i], b + (size_t)i * ws, ws);
	}
	memcpy(&procs, b + 10 * ws, 2);
	/* pad, totalhigh, freehigh: aligned to a word after procs */
	size_t off = 10 * ws + ws;

	w[10] = w[11] = 0;
	memcpy(&w[10], b + off, ws);
	memcpy(&w[11], b + off + ws, ws);
	memcpy(&unit, b + off + 2 * ws, 4);
	sb_printf(&c->sb,
		  "{uptime=%lld, loads=[%llu, %llu, %llu], totalram=%llu, freeram=%llu, "
		  "sharedram=%llu, bufferram=%llu, totalswap=%llu, freeswap=%llu, procs=%u, "
		  "totalhigh=%llu, freehigh=%llu, mem_unit=%u}",
		  (long long)w[0], (unsigned long long)w[1], (unsigned long long)w[2],
		  (unsigned long long)w[3], (unsigned long long)w[4], (unsigned long long)w[5],
		  (unsigned long long)w[6], (unsigned long long)w[7], (unsigned long long)w[8],
		  (unsigned long long)w[9], procs, (unsigned long long)w[10],
		  (unsigned long long)w[11], unit);
	return 0;
}

DECL(umask)
{
	a_oct(c, 0);
	c->rfmt = RV_OCT;
	return DEC_DONE;
}

/* ---- futex ---- */

static const struct xval futex_ops[] = {
	{ 0, "FUTEX_WAIT" },
	{ 1, "FUTEX_WAKE" },
	{ 2, "FUTEX_FD" },
	{ 3, "FUTEX_REQUEUE" },
	{ 4, "FUTEX_CMP_REQUEUE" },
	{ 5, "FUTEX_WAKE_OP" },
	{ 6, "FUTEX_LOCK_PI" },
	{ 7, "FUTEX_UNLOCK_PI" },
	{ 8, "FUTEX_TRYLOCK_PI" },
	{ 9, "FUTEX_WAIT_BITSET" },
	{ 10, "FUTEX_WAKE_BITSET" },
	{ 11, "FUTEX_WAIT_REQUEUE_PI" },
	{ 12, "FUTEX_CMP_REQUEUE_PI" },
	{ 13, "FUTEX_LOCK_PI2" },
	{ 0, NULL },
};

static void p_futex_op(struct call *c, unsigned op)
{
	const char *name = xlat_name(futex_ops, op & 127);

	if (opt.xlat == XLAT_RAW || !name) {
		p_hex(c, op);
		return;
	}
	if (opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, "%#x /* ", op);
	sb_printf(&c->sb, "%s%s", name, op & 128 ? "_PRIVATE" : "");
	if (op & 256)
		sb_puts(&c->sb, "|FUTEX_CLOCK_REALTIME");
	if (op & ~511u)
		sb_printf(&c->sb, "|%#x", op & ~511u);
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

static const struct xval futex_bitsets[] = {
	{ 0xffffffffu, "FUTEX_BITSET_MATCH_ANY" },
	{ 0, NULL },
};

static void a_bitset(struct call *c, int i)
{
	a_xlat(c, i, futex_bitsets, NULL);
}

DECL(futex)
{
	unsigned op = arg_uint(c, 1);
	bool t32 = is_i386(c) && strcmp(c->ent->name, "futex_time64");

	a_ptr(c, 0);
	arg(c);
	p_futex_op(c, op);
	switch (op & 127) {
	case 0: /* WAIT */
		a_uint(c, 2);
		arg(c);
		p_timespec(c, arg_ulong(c, 3), t32);
		break;
	case 1: /* WAKE */
	case 2:
		a_int(c, 2);
		break;
	case 3: /* REQUEUE */
		a_int(c, 2);
		a_uint(c, 3);
		a_ptr(c, 4);
		break;
	case 4: /* CMP_REQUEUE */
	case 12:
		a_int(c, 2);
		a_uint(c, 3);
		a_ptr(c, 4);
		a_uint(c, 5);
		break;
	case 5: /* WAKE_OP */
		a_int(c, 2);
		a_uint(c, 3);
		a_ptr(c, 4);
		a_hex(c, 5);
		break;
	case 6: /* LOCK_PI */
	case 13:
		arg(c);
		p_timespec(c, arg_ulong(c, 3), t32);
		break;
	case 7:
	case 8:
		break;
	case 9: /* WAIT_BITSET */
		a_uint(c, 2);
		arg(c);
		p_timespec(c, arg_ulong(c, 3), t32);
		a_bitset(c, 5);
		break;
	case 10: /* WAKE_BITSET */
		a_int(c, 2);
		a_bitset(c, 5);
		break;
	case 11: /* WAIT_REQUEUE_PI */
		a_uint(c, 2);
		arg(c);
		p_timespec(c, arg_ulong(c, 3), t32);
		a_ptr(c, 4);
		break;
	default:
		a_hex(c, 2);
		a_hex(c, 3);
		a_hex(c, 4);
		a_hex(c, 5);
	}
	return DEC_DONE;
}

/* ---- scheduling, priorities, ids ---- */

static void p_cpuset(struct call *c, uint64_t addr, uint64_t bytes)
{
	unsigned char set[1024];
	bool first = true;

	if (bytes > sizeof(set))
		bytes = sizeof(set);
	if (!addr || !umove(c, addr, set, (size_t)bytes)) {
		p_ptr(c, addr);
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < bytes * 8; i++) {
		if (!(set[i / 8] & (1u << (i % 8))))
			continue;
		if (!first)
			sb_putc(&c->sb, ' ');
		first = false;
		sb_printf(&c->sb, "%llu", (unsigned long long)i);
	}
	sb_putc(&c->sb, ']');
}

DECL(sched_getaffinity)
{
	if (!c->exiting) {
		a_pid(c, 0);
		a_ulong(c, 1);
		return DEC_EXIT;
	}
	if (a_filled(c, 2))
		p_cpuset(c, arg_ulong(c, 2), (uint64_t)c->rval);
	return 0;
}

DECL(sched_setaffinity)
{
	a_pid(c, 0);
	a_ulong(c, 1);
	arg(c);
	p_cpuset(c, arg_ulong(c, 2), arg_ulong(c, 1));
	return DEC_DONE;
}

static const struct xval prio_which[] = {
	{ 0, "PRIO_PROCESS" },
	{ 1, "PRIO_PGRP" },
	{ 2, "PRIO_USER" },
	{ 0, NULL },
};

DECL(getpriority)
{
	a_xlat(c, 0, prio_which, "PRIO_???");
	a_int(c, 1);
	return DEC_DONE;
}

DECL(setpriority)
{
	a_xlat(c, 0, prio_which, "PRIO_???");
	a_int(c, 1);
	a_int(c, 2);
	return DEC_DONE;
}

static void p_id_at(struct call *c, uint64_t addr, bool small)
{
	if (small) {
		uint16_t v;

		if (!failed(c) && umove(c, addr, &v, sizeof(v))) {
			sb_printf(&c->sb, "[%u]", v);
			return;
		}
	} else {
		uint32_t v;

		if (!failed(c) && umove(c, addr, &v, sizeof(v))) {
			sb_printf(&c->sb, "[%u]", v);
			return;
		}
	}
	p_ptr(c, addr);
}

DECL(getresuid)
{
	bool small = is_i386(c) && !strstr(c->ent->name, "32");

	if (!c->exiting)
		return DEC_EXIT;
	for (int i = 0; i < 3; i++) {
		arg(c);
		p_id_at(c, arg_ulong(c, i), small);
	}
	return 0;
}

DECL(getgroups)
{
	bool small = is_i386(c) && !strstr(c->ent->name, "32");
	uint64_t addr = arg_ulong(c, 1);

	if (!c->exiting) {
		a_int(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c) || !addr) {
		p_ptr(c, addr);
		return 0;
	}
	if (arg_int(c, 0) == 0) {
		sb_puts(&c->sb, "[]");
		return 0;
	}
	sb_putc(&c->sb, '[');
	for (int64_t i = 0; i < c->rval; i++) {
		uint32_t v = 0;

		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		if (!umove(c, addr + (uint64_t)i * (small ? 2 : 4), &v, small ? 2 : 4))
			break;
		sb_printf(&c->sb, "%u", v);
	}
	sb_putc(&c->sb, ']');
	return 0;
}

DECL(restart_syscall)
{
	arg(c);
	sb_printf(&c->sb, "<... resuming interrupted %s ...>",
		  c->restart_name ? c->restart_name : "system call");
	return DEC_DONE;
}
