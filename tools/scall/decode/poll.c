/* SPDX-License-Identifier: MIT */
/* Waiting on descriptors: poll, ppoll, select, pselect6, epoll. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "../pathtrace.h"
#include "decode.h"

static const struct xval poll_events[] = {
	{ 0x1, "POLLIN" },
	{ 0x2, "POLLPRI" },
	{ 0x4, "POLLOUT" },
	{ 0x8, "POLLERR" },
	{ 0x10, "POLLHUP" },
	{ 0x20, "POLLNVAL" },
	{ 0x40, "POLLRDNORM" },
	{ 0x80, "POLLRDBAND" },
	{ 0x100, "POLLWRNORM" },
	{ 0x200, "POLLWRBAND" },
	{ 0x400, "POLLMSG" },
	{ 0x2000, "POLLRDHUP" },
	{ 0, NULL },
};

struct pollfd_ {
	int32_t fd;
	int16_t events, revents;
};

static void p_pollfds(struct call *c, uint64_t addr, uint64_t n, bool out)
{
	struct pollfd_ p;
	bool first = true;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		if (!umove(c, addr + i * sizeof(p), &p, sizeof(p))) {
			if (first) {
				sb_truncate(&c->sb, c->sb.len - 1);
				p_ptr(c, addr);
				return;
			}
			break;
		}
		if (out && !p.revents)
			continue;
		if (!first)
			sb_puts(&c->sb, ", ");
		first = false;
		if (c->abbrev && i >= (uint64_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		sb_puts(&c->sb, "{fd=");
		p_fd(c, p.fd);
		sb_puts(&c->sb, out ? ", revents=" : ", events=");
		p_flags(c, poll_events, (uint16_t)(out ? p.revents : p.events), "POLL???");
		sb_putc(&c->sb, '}');
	}
	sb_putc(&c->sb, ']');
}

/* "= 1 ([{fd=3, revents=POLLIN}])" or "= 0 (Timeout)" */
static void poll_result(struct call *c, uint64_t addr, uint64_t n, const char *left)
{
	struct sbuf tmp, old;

	if (failed(c))
		return;
	if (c->rval == 0) {
		aux_printf(c, "(Timeout)");
		return;
	}
	sb_init(&tmp);
	old = sb_swap(c, tmp);
	p_pollfds(c, addr, n, true);
	tmp = sb_swap(c, old);
	aux_printf(c, "(%s%s%s)", tmp.s ? tmp.s : "", left ? ", left " : "", left ? left : "");
	sb_free(&tmp);
}

DECL(poll)
{
	if (!c->exiting) {
		arg(c);
		p_pollfds(c, arg_ulong(c, 0), arg_uint(c, 1), false);
		a_uint(c, 1);
		a_int(c, 2);
		return DEC_EXIT_RET;
	}
	poll_result(c, arg_ulong(c, 0), arg_uint(c, 1), NULL);
	return 0;
}

static bool time64_call(const struct call *c)
{
	return !is_i386(c) || strstr(c->ent->name, "time64");
}

/* The time left, written back by the kernel: "{tv_sec=0, tv_nsec=99}" */
static void left_ts(struct call *c, uint64_t addr, char *buf, size_t size)
{
	struct sbuf tmp, old;

	buf[0] = '\0';
	if (!addr)
		return;
	sb_init(&tmp);
	old = sb_swap(c, tmp);
	p_timespec(c, addr, !time64_call(c));
	tmp = sb_swap(c, old);
	snprintf(buf, size, "%s", tmp.s ? tmp.s : "");
	sb_free(&tmp);
}

DECL(ppoll)
{
	char left[96];

	if (!c->exiting) {
		arg(c);
		p_pollfds(c, arg_ulong(c, 0), arg_uint(c, 1), false);
		a_uint(c, 1);
		arg(c);
		p_timespec(c, arg_ulong(c, 2), !time64_call(c));
		a_sigset(c, 3, 4);
		a_ulong(c, 4);
		return DEC_EXIT_RET;
	}
	left_ts(c, arg_ulong(c, 2), left, sizeof(left));
	poll_result(c, arg_ulong(c, 0), arg_uint(c, 1), left[0] ? left : NULL);
	return 0;
}

/* An fd_set of nfds bits: "[3 5]" */
static void p_fdset(struct call *c, uint64_t addr, int nfds, struct sbuf *out)
{
	unsigned char set[1024 / 8];
	size_t bytes = nfds > 0 ? ((size_t)nfds + 7) / 8 : 0;
	bool first = true;

	if (!addr) {
		sb_puts(out, "NULL");
		return;
	}
	if (bytes > sizeof(set))
		bytes = sizeof(set);
	if (bytes && !umove(c, addr, set, bytes)) {
		sb_printf(out, "%#llx", (unsigned long long)addr);
		return;
	}
	sb_putc(out, '[');
	for (int i = 0; i < nfds && (size_t)i < bytes * 8; i++) {
		if (!(set[i / 8] & (1 << (i % 8))))
			continue;
		if (!first)
			sb_putc(out, ' ');
		first = false;
		sb_printf(out, "%d", i);
		/* -P: a descriptor of the set may be one on a selected path */
		if (pathtrace_active() && !c->exiting && pathtrace_fd(c->tid, i))
			c->path_hit = true;
	}
	sb_putc(out, ']');
}

static void select_entry(struct call *c)
{
	int nfds = arg_int(c, 0);

	a_int(c, 0);
	for (int i = 1; i <= 3; i++) {
		arg(c);
		p_fdset(c, arg_ulong(c, i), nfds, &c->sb);
	}
}

static void select_result(struct call *c, const char *left)
{
	static const char *const kinds[] = { "in", "out", "except" };
	struct sbuf r;
	int nfds = arg_int(c, 0);

	if (failed(c))
		return;
	if (c->rval == 0) {
		aux_printf(c, "(Timeout)");
		return;
	}
	sb_init(&r);
	for (int i = 1; i <= 3; i++) {
		struct sbuf s;

		if (!arg_ulong(c, i))
			continue;
		sb_init(&s);
		p_fdset(c, arg_ulong(c, i), nfds, &s);
		if (s.len > 2) {
			if (r.len)
				sb_puts(&r, ", ");
			sb_printf(&r, "%s %s", kinds[i - 1], s.s);
		}
		sb_free(&s);
	}
	if (left)
		sb_printf(&r, "%sleft %s", r.len ? ", " : "", left);
	aux_printf(c, "(%s)", r.s ? r.s : "");
	sb_free(&r);
}

DECL(select)
{
	if (is_i386(c) && !strcmp(c->ent->name, "select")) {
		/* old_select: one pointer to the five arguments */
		a_ptr(c, 0);
		return DEC_DONE;
	}
	if (!c->exiting) {
		select_entry(c);
		arg(c);
		p_timeval(c, arg_ulong(c, 4), is_i386(c));
		return DEC_EXIT_RET;
	}
	struct sbuf tmp, old;

	sb_init(&tmp);
	old = sb_swap(c, tmp);
	if (arg_ulong(c, 4))
		p_timeval(c, arg_ulong(c, 4), is_i386(c));
	tmp = sb_swap(c, old);
	select_result(c, tmp.len ? tmp.s : NULL);
	sb_free(&tmp);
	return 0;
}

DECL(pselect6)
{
	char left[96];

	if (!c->exiting) {
		uint64_t data = arg_ulong(c, 5);
		uint64_t w[2];

		select_entry(c);
		arg(c);
		p_timespec(c, arg_ulong(c, 4), !time64_call(c));
		arg(c);
		if (!data) {
			sb_puts(&c->sb, "NULL");
		} else if (umove_word(c, data, &w[0]) &&
			   umove_word(c, data + abi_wordsize(c), &w[1])) {
			sb_puts(&c->sb, "{sigmask=");
			p_sigset(c, w[0], w[1]);
			sb_printf(&c->sb, ", sigsetsize=%llu}", (unsigned long long)w[1]);
		} else {
			p_ptr(c, data);
		}
		return DEC_EXIT_RET;
	}
	left_ts(c, arg_ulong(c, 4), left, sizeof(left));
	select_result(c, left[0] ? left : NULL);
	return 0;
}

static const struct xval epoll_events[] = {
	{ 0x1, "EPOLLIN" },
	{ 0x2, "EPOLLPRI" },
	{ 0x4, "EPOLLOUT" },
	{ 0x8, "EPOLLERR" },
	{ 0x10, "EPOLLHUP" },
	{ 0x20, "EPOLLNVAL" },
	{ 0x40, "EPOLLRDNORM" },
	{ 0x80, "EPOLLRDBAND" },
	{ 0x100, "EPOLLWRNORM" },
	{ 0x200, "EPOLLWRBAND" },
	{ 0x400, "EPOLLMSG" },
	{ 0x2000, "EPOLLRDHUP" },
	{ 1u << 28, "EPOLLEXCLUSIVE" },
	{ 1u << 29, "EPOLLWAKEUP" },
	{ 1u << 30, "EPOLLONESHOT" },
	{ 1u << 31, "EPOLLET" },
	{ 0, NULL },
};

static void p_epoll_event(struct call *c, const void *elem)
{
	uint32_t ev;
	uint64_t data;

	memcpy(&ev, elem, 4);
	memcpy(&data, (const char *)elem + 4, 8);
	sb_puts(&c->sb, "{events=");
	p_flags(c, epoll_events, ev, "EPOLL???");
	sb_printf(&c->sb, ", data={u32=%u, u64=%llu}}", (uint32_t)data, (unsigned long long)data);
}

static const struct xval epoll_ops[] = {
	{ 1, "EPOLL_CTL_ADD" },
	{ 2, "EPOLL_CTL_DEL" },
	{ 3, "EPOLL_CTL_MOD" },
	{ 0, NULL },
};

DECL(epoll_ctl)
{
	unsigned char ev[12];

	a_fd(c, 0);
	a_xlat(c, 1, epoll_ops, "EPOLL_CTL_???");
	a_fd(c, 2);
	arg(c);
	if (!arg_ulong(c, 3))
		sb_puts(&c->sb, "NULL");
	else if (umove(c, arg_ulong(c, 3), ev, sizeof(ev)))
		p_epoll_event(c, ev);
	else
		p_ptr(c, arg_ulong(c, 3));
	return DEC_DONE;
}

static int epoll_wait_common(struct call *c)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c) || c->rval <= 0) {
		if (!failed(c))
			sb_puts(&c->sb, "[]");
		else
			p_ptr(c, arg_ulong(c, 1));
	} else {
		p_array(c, arg_ulong(c, 1), (uint64_t)c->rval, 12, p_epoll_event);
	}
	a_int(c, 2);
	a_int(c, 3);
	return 0;
}

DECL(epoll_wait)
{
	return epoll_wait_common(c);
}

DECL(epoll_pwait)
{
	if (!c->exiting)
		return epoll_wait_common(c);
	epoll_wait_common(c);
	a_sigset(c, 4, 5);
	a_ulong(c, 5);
	return 0;
}
