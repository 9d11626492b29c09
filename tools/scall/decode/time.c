/* SPDX-License-Identifier: MIT */
/* Clocks and sleeps: nanosleep, clock_*, gettimeofday, time, times, itimers. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval clocks[] = {
	{ 0, "CLOCK_REALTIME" },
	{ 1, "CLOCK_MONOTONIC" },
	{ 2, "CLOCK_PROCESS_CPUTIME_ID" },
	{ 3, "CLOCK_THREAD_CPUTIME_ID" },
	{ 4, "CLOCK_MONOTONIC_RAW" },
	{ 5, "CLOCK_REALTIME_COARSE" },
	{ 6, "CLOCK_MONOTONIC_COARSE" },
	{ 7, "CLOCK_BOOTTIME" },
	{ 8, "CLOCK_REALTIME_ALARM" },
	{ 9, "CLOCK_BOOTTIME_ALARM" },
	{ 11, "CLOCK_TAI" },
	{ 0, NULL },
};

/* 32-bit time_t: i386 calls without the _time64 suffix */
static bool t32(const struct call *c)
{
	return is_i386(c) && !strstr(c->ent->name, "time64");
}

static void a_clock(struct call *c, int i)
{
	arg(c);
	p_xlat_dec(c, clocks, arg_int(c, i), "CLOCK_???");
}

/* The remaining time: shown when the sleep was interrupted. */
static void p_rem(struct call *c, uint64_t addr)
{
	if (!addr)
		sb_puts(&c->sb, "NULL");
	else if (failed(c))
		p_timespec(c, addr, t32(c));
	else
		p_ptr(c, addr);
}

DECL(nanosleep)
{
	if (!c->exiting) {
		arg(c);
		p_timespec(c, arg_ulong(c, 0), t32(c));
		return DEC_EXIT;
	}
	arg(c);
	p_rem(c, arg_ulong(c, 1));
	return 0;
}

static const struct xval timer_flags[] = {
	{ 1, "TIMER_ABSTIME" },
	{ 0, NULL },
};

DECL(clock_nanosleep)
{
	if (!c->exiting) {
		a_clock(c, 0);
		a_flags(c, 1, timer_flags, "TIMER_???");
		arg(c);
		p_timespec(c, arg_ulong(c, 2), t32(c));
		return DEC_EXIT;
	}
	arg(c);
	if (arg_uint(c, 1) & 1)
		p_ptr(c, arg_ulong(c, 3));
	else
		p_rem(c, arg_ulong(c, 3));
	return 0;
}

DECL(clock_gettime)
{
	if (!c->exiting) {
		a_clock(c, 0);
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_timespec(c, arg_ulong(c, 1), t32(c));
	return 0;
}

DECL(clock_settime)
{
	a_clock(c, 0);
	arg(c);
	p_timespec(c, arg_ulong(c, 1), t32(c));
	return DEC_DONE;
}

static void p_timezone(struct call *c, uint64_t addr)
{
	int32_t tz[2];

	if (!addr)
		sb_puts(&c->sb, "NULL");
	else if (failed(c) || !umove(c, addr, tz, sizeof(tz)))
		p_ptr(c, addr);
	else
		sb_printf(&c->sb, "{tz_minuteswest=%d, tz_dsttime=%d}", tz[0], tz[1]);
}

DECL(gettimeofday)
{
	if (!c->exiting)
		return DEC_EXIT;
	if (a_filled(c, 0))
		p_timeval(c, arg_ulong(c, 0), is_i386(c));
	arg(c);
	p_timezone(c, arg_ulong(c, 1));
	return 0;
}

DECL(time)
{
	uint64_t v;

	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	if (!arg_ulong(c, 0))
		sb_puts(&c->sb, "NULL");
	else if (!failed(c) && umove_word(c, arg_ulong(c, 0), &v))
		sb_printf(&c->sb, "[%lld]", (long long)(is_i386(c) ? (int32_t)v : (int64_t)v));
	else
		p_ptr(c, arg_ulong(c, 0));
	return 0;
}

DECL(times)
{
	uint64_t v[4];
	unsigned ws = abi_wordsize(c);

	if (!c->exiting)
		return DEC_EXIT;
	arg(c);
	c->rfmt = RV_UDEC;
	if (failed(c) || !arg_ulong(c, 0)) {
		p_ptr(c, arg_ulong(c, 0));
		return 0;
	}
	for (int i = 0; i < 4; i++) {
		if (!umove_word(c, arg_ulong(c, 0) + (uint64_t)i * ws, &v[i])) {
			p_ptr(c, arg_ulong(c, 0));
			return 0;
		}
	}
	sb_printf(&c->sb, "{tms_utime=%llu, tms_stime=%llu, tms_cutime=%llu, tms_cstime=%llu}",
		  (unsigned long long)v[0], (unsigned long long)v[1], (unsigned long long)v[2],
		  (unsigned long long)v[3]);
	return 0;
}

static const struct xval itimers[] = {
	{ 0, "ITIMER_REAL" },
	{ 1, "ITIMER_VIRTUAL" },
	{ 2, "ITIMER_PROF" },
	{ 0, NULL },
};

static void p_itimerval(struct call *c, uint64_t addr)
{
	unsigned ws = abi_wordsize(c);

	if (!addr || !c->verbose) {
		p_ptr(c, addr); /* NULL, or the address under -e verbose=none */
		return;
	}
	sb_puts(&c->sb, "{it_interval=");
	p_timeval(c, addr, is_i386(c));
	sb_puts(&c->sb, ", it_value=");
	p_timeval(c, addr + 2 * ws, is_i386(c));
	sb_putc(&c->sb, '}');
}

DECL(getitimer)
{
	if (!c->exiting) {
		a_xlat(c, 0, itimers, "ITIMER_???");
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_itimerval(c, arg_ulong(c, 1));
	return 0;
}

DECL(setitimer)
{
	if (!c->exiting) {
		a_xlat(c, 0, itimers, "ITIMER_???");
		arg(c);
		p_itimerval(c, arg_ulong(c, 1));
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c) || !arg_ulong(c, 2))
		p_ptr(c, arg_ulong(c, 2));
	else
		p_itimerval(c, arg_ulong(c, 2));
	return 0;
}

void p_rusage(struct call *c, uint64_t addr)
{
	static const char *const names[] = {
		"ru_maxrss", "ru_ixrss",    "ru_idrss",   "ru_isrss",   "ru_minflt",
		"ru_majflt", "ru_nswap",    "ru_inblock", "ru_oublock", "ru_msgsnd",
		"ru_msgrcv", "ru_nsignals", "ru_nvcsw",   "ru_nivcsw",
	};
	unsigned ws = abi_wordsize(c);
	uint64_t v;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (failed(c) || !umove_word(c, addr, &v)) {
		p_ptr(c, addr);
		return;
	}
	sb_puts(&c->sb, "{ru_utime=");
	p_timeval(c, addr, is_i386(c));
	sb_puts(&c->sb, ", ru_stime=");
	p_timeval(c, addr + 2 * ws, is_i386(c));
	if (c->abbrev) {
		sb_puts(&c->sb, ", ...}");
		return;
	}
	for (int i = 0; i < 14; i++) {
		if (!umove_word(c, addr + (4 + (uint64_t)i) * ws, &v))
			break;
		sb_printf(&c->sb, ", %s=%lld", names[i],
			  (long long)(is_i386(c) ? (int32_t)v : (int64_t)v));
	}
	sb_putc(&c->sb, '}');
}

/* ---- POSIX timers and timer descriptors ---- */

static void p_itimerspec(struct call *c, uint64_t addr, bool t32)
{
	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (failed(c) || !c->verbose) {
		p_ptr(c, addr);
		return;
	}
	sb_puts(&c->sb, "{it_interval=");
	p_timespec(c, addr, t32);
	sb_puts(&c->sb, ", it_value=");
	p_timespec(c, addr + (t32 ? 8 : 16), t32);
	sb_putc(&c->sb, '}');
}

static const struct xval sigev_notify[] = {
	{ 0, "SIGEV_SIGNAL" },    { 1, "SIGEV_NONE" }, { 2, "SIGEV_THREAD" },
	{ 4, "SIGEV_THREAD_ID" }, { 0, NULL },
};

static void p_sigevent(struct call *c, uint64_t addr)
{
	unsigned ws = abi_wordsize(c);
	uint64_t value = 0, func = 0, attr = 0;
	int32_t signo, notify, tid;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!umove(c, addr, &value, ws) || !umove(c, addr + ws, &signo, 4) ||
	    !umove(c, addr + ws + 4, &notify, 4)) {
		p_ptr(c, addr);
		return;
	}
	sb_putc(&c->sb, '{');
	if (value)
		sb_printf(&c->sb, "sigev_value={sival_int=%d, sival_ptr=%#llx}, ", (int)value,
			  (unsigned long long)value);
	sb_puts(&c->sb, "sigev_signo=");
	if (notify == 0 || notify == 2 || notify == 4)
		p_sig(c, signo);
	else
		sb_printf(&c->sb, "%d", signo);
	sb_puts(&c->sb, ", sigev_notify=");
	p_xlat(c, sigev_notify, (uint32_t)notify, "SIGEV_???");
	if (notify == 4 && umove(c, addr + ws + 8, &tid, 4)) {
		sb_printf(&c->sb, ", sigev_notify_thread_id=%d", tid);
	} else if (notify == 2 && umove_word(c, addr + ws + 8, &func) &&
		   umove_word(c, addr + 2 * ws + 8, &attr)) {
		sb_puts(&c->sb, ", sigev_notify_function=");
		p_ptr(c, func);
		sb_puts(&c->sb, ", sigev_notify_attributes=");
		p_ptr(c, attr);
	}
	sb_putc(&c->sb, '}');
}

DECL(timer_create)
{
	int id;

	if (!c->exiting) {
		a_xlat(c, 0, clocks, "CLOCK_???");
		arg(c);
		p_sigevent(c, arg_ulong(c, 1));
		return DEC_EXIT;
	}
	arg(c);
	if (!failed(c) && umove(c, arg_ulong(c, 2), &id, sizeof(id)))
		sb_printf(&c->sb, "[%d]", id);
	else
		p_ptr(c, arg_ulong(c, 2));
	return 0;
}

/* timer_settime and timerfd_settime: a timer id or descriptor, flags, new, old */
static int settime_common(struct call *c, bool fd, const struct xval *flags, const char *dflt)
{
	if (!c->exiting) {
		if (fd)
			a_fd(c, 0);
		else
			a_int(c, 0);
		a_flags(c, 1, flags, dflt);
		arg(c);
		p_itimerspec(c, arg_ulong(c, 2), t32(c));
		return DEC_EXIT;
	}
	arg(c);
	p_itimerspec(c, arg_ulong(c, 3), t32(c));
	return 0;
}

/* timer_gettime and timerfd_gettime */
static int gettime_common(struct call *c, bool fd)
{
	if (!c->exiting) {
		if (fd)
			a_fd(c, 0);
		else
			a_int(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	p_itimerspec(c, arg_ulong(c, 1), t32(c));
	return 0;
}

DECL(timer_settime)
{
	return settime_common(c, false, timer_flags, "TIMER_???");
}

DECL(timer_gettime)
{
	return gettime_common(c, false);
}

static const struct xval tfd_flags[] = {
	{ 1, "TFD_TIMER_ABSTIME" },
	{ 2, "TFD_TIMER_CANCEL_ON_SET" },
	{ 02000000, "TFD_CLOEXEC" },
	{ 04000, "TFD_NONBLOCK" },
	{ 0, NULL },
};

DECL(timerfd_create)
{
	a_xlat(c, 0, clocks, "CLOCK_???");
	a_flags(c, 1, tfd_flags, "TFD_???");
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(timerfd_settime)
{
	return settime_common(c, true, tfd_flags, "TFD_???");
}

DECL(timerfd_gettime)
{
	return gettime_common(c, true);
}
