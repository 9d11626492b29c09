/* SPDX-License-Identifier: MIT */
/* Sockets: socket, connect, bind, accept, send/recv, sockopts; addresses. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval families[] = {
	{ 0, "AF_UNSPEC" },
	{ 1, "AF_UNIX" },
	{ 2, "AF_INET" },
	{ 3, "AF_AX25" },
	{ 4, "AF_IPX" },
	{ 5, "AF_APPLETALK" },
	{ 6, "AF_NETROM" },
	{ 7, "AF_BRIDGE" },
	{ 8, "AF_ATMPVC" },
	{ 9, "AF_X25" },
	{ 10, "AF_INET6" },
	{ 11, "AF_ROSE" },
	{ 12, "AF_DECnet" },
	{ 13, "AF_NETBEUI" },
	{ 14, "AF_SECURITY" },
	{ 15, "AF_KEY" },
	{ 16, "AF_NETLINK" },
	{ 17, "AF_PACKET" },
	{ 18, "AF_ASH" },
	{ 19, "AF_ECONET" },
	{ 20, "AF_ATMSVC" },
	{ 21, "AF_RDS" },
	{ 22, "AF_SNA" },
	{ 23, "AF_IRDA" },
	{ 24, "AF_PPPOX" },
	{ 25, "AF_WANPIPE" },
	{ 26, "AF_LLC" },
	{ 27, "AF_IB" },
	{ 28, "AF_MPLS" },
	{ 29, "AF_CAN" },
	{ 30, "AF_TIPC" },
	{ 31, "AF_BLUETOOTH" },
	{ 32, "AF_IUCV" },
	{ 33, "AF_RXRPC" },
	{ 34, "AF_ISDN" },
	{ 35, "AF_PHONET" },
	{ 36, "AF_IEEE802154" },
	{ 37, "AF_CAIF" },
	{ 38, "AF_ALG" },
	{ 39, "AF_NFC" },
	{ 40, "AF_VSOCK" },
	{ 41, "AF_KCM" },
	{ 42, "AF_QIPCRTR" },
	{ 43, "AF_SMC" },
	{ 44, "AF_XDP" },
	{ 45, "AF_MCTP" },
	{ 0, NULL },
};

static const struct xval sock_types[] = {
	{ 1, "SOCK_STREAM" },    { 2, "SOCK_DGRAM" }, { 3, "SOCK_RAW" },     { 4, "SOCK_RDM" },
	{ 5, "SOCK_SEQPACKET" }, { 6, "SOCK_DCCP" },  { 10, "SOCK_PACKET" }, { 0, NULL },
};

static const struct xval sock_flags[] = {
	{ 02000000, "SOCK_CLOEXEC" },
	{ 04000, "SOCK_NONBLOCK" },
	{ 0, NULL },
};

static const struct xval ip_protos[] = {
	{ 0, "IPPROTO_IP" },      { 1, "IPPROTO_ICMP" },    { 2, "IPPROTO_IGMP" },
	{ 4, "IPPROTO_IPIP" },    { 6, "IPPROTO_TCP" },     { 17, "IPPROTO_UDP" },
	{ 41, "IPPROTO_IPV6" },   { 47, "IPPROTO_GRE" },    { 50, "IPPROTO_ESP" },
	{ 58, "IPPROTO_ICMPV6" }, { 132, "IPPROTO_SCTP" },  { 136, "IPPROTO_UDPLITE" },
	{ 255, "IPPROTO_RAW" },   { 262, "IPPROTO_MPTCP" }, { 0, NULL },
};

static const struct xval netlink_protos[] = {
	{ 0, "NETLINK_ROUTE" },       { 2, "NETLINK_USERSOCK" },
	{ 4, "NETLINK_SOCK_DIAG" },   { 6, "NETLINK_XFRM" },
	{ 7, "NETLINK_SELINUX" },     { 9, "NETLINK_AUDIT" },
	{ 10, "NETLINK_FIB_LOOKUP" }, { 11, "NETLINK_CONNECTOR" },
	{ 12, "NETLINK_NETFILTER" },  { 15, "NETLINK_KOBJECT_UEVENT" },
	{ 16, "NETLINK_GENERIC" },    { 0, NULL },
};

static const struct xval msg_flags[] = {
	{ 0x1, "MSG_OOB" },
	{ 0x2, "MSG_PEEK" },
	{ 0x4, "MSG_DONTROUTE" },
	{ 0x8, "MSG_CTRUNC" },
	{ 0x10, "MSG_PROBE" },
	{ 0x20, "MSG_TRUNC" },
	{ 0x40, "MSG_DONTWAIT" },
	{ 0x80, "MSG_EOR" },
	{ 0x100, "MSG_WAITALL" },
	{ 0x200, "MSG_FIN" },
	{ 0x400, "MSG_SYN" },
	{ 0x800, "MSG_CONFIRM" },
	{ 0x1000, "MSG_RST" },
	{ 0x2000, "MSG_ERRQUEUE" },
	{ 0x4000, "MSG_NOSIGNAL" },
	{ 0x8000, "MSG_MORE" },
	{ 0x10000, "MSG_WAITFORONE" },
	{ 0x40000, "MSG_BATCH" },
	{ 0x4000000, "MSG_ZEROCOPY" },
	{ 0x20000000, "MSG_FASTOPEN" },
	{ 0x40000000, "MSG_CMSG_CLOEXEC" },
	{ 0, NULL },
};

DECL(socket)
{
	unsigned family = arg_uint(c, 0);

	a_xlat(c, 0, families, "AF_???");
	arg(c);
	p_field_flags_split(c, arg_uint(c, 1), 0xf, sock_types, sock_flags, "SOCK_???");
	if (family == 2 || family == 10)
		a_xlat(c, 2, ip_protos, "IPPROTO_???");
	else if (family == 16)
		a_xlat(c, 2, netlink_protos, "NETLINK_???");
	else
		a_int(c, 2);
	c->rfmt = RV_FD;
	return DEC_DONE;
}

DECL(socketpair)
{
	if (!c->exiting) {
		a_xlat(c, 0, families, "AF_???");
		arg(c);
		p_field_flags_split(c, arg_uint(c, 1), 0xf, sock_types, sock_flags, "SOCK_???");
		a_int(c, 2);
		return DEC_EXIT;
	}
	arg(c);
	int fds[2];

	if (failed(c) || !umove(c, arg_ulong(c, 3), fds, sizeof(fds))) {
		p_ptr(c, arg_ulong(c, 3));
	} else {
		/* not shortened by -s, unlike pipe's */
		sb_putc(&c->sb, '[');
		p_fd(c, fds[0]);
		sb_puts(&c->sb, ", ");
		p_fd(c, fds[1]);
		sb_putc(&c->sb, ']');
	}
	return 0;
}

/* Bytes as a string of \x escapes: "\x7f\x00\x00\x01" */
static void p_hexbytes(struct call *c, const unsigned char *b, size_t n)
{
	sb_putc(&c->sb, '"');
	for (size_t i = 0; i < n; i++)
		sb_printf(&c->sb, "\\x%02x", b[i]);
	sb_putc(&c->sb, '"');
}

/*
 * A number in network order: "htons(80)"; under -X raw its bytes, under
 * -X verbose the bytes then the call as a comment.
 */
static void p_net_field(struct call *c, const unsigned char *b, size_t n, const char *fmt,
			unsigned v)
{
	if (opt.xlat != XLAT_ABBREV)
		p_hexbytes(c, b, n);
	if (opt.xlat == XLAT_RAW)
		return;
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " /* ");
	sb_printf(&c->sb, fmt, v);
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

/* An address: inet_addr("127.0.0.1"), its text quoted as strings are (-xx) */
static void p_net_addr(struct call *c, const unsigned char *b, size_t n, const char *pre,
		       const char *text, const char *post)
{
	if (opt.xlat != XLAT_ABBREV)
		p_hexbytes(c, b, n);
	if (opt.xlat == XLAT_RAW)
		return;
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " /* ");
	sb_puts(&c->sb, pre);
	p_quoted(c, (const unsigned char *)text, strlen(text), false);
	sb_puts(&c->sb, post);
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

/* A socket address of len bytes at addr. */
static void p_sockaddr(struct call *c, uint64_t addr, int64_t len)
{
	unsigned char sa[128];
	uint16_t family;
	size_t n = len > (int64_t)sizeof(sa) ? sizeof(sa) : (size_t)(len > 0 ? len : 0);

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (n < 2 || !umove(c, addr, sa, n)) {
		p_ptr(c, addr);
		return;
	}
	memset(sa + n, 0, sizeof(sa) - n);
	memcpy(&family, sa, 2);
	sb_puts(&c->sb, "{sa_family=");
	p_xlat(c, families, family, "AF_???");
	switch (family) {
	case 1: { /* AF_UNIX */
		const char *path = (const char *)sa + 2;
		size_t plen = n - 2;

		if (plen == 0)
			break;
		sb_puts(&c->sb, ", sun_path=");
		if (path[0] == '\0') {
			sb_putc(&c->sb, '@');
			p_quoted(c, (const unsigned char *)path + 1, plen - 1, false);
		} else {
			p_quoted(c, (const unsigned char *)path, strnlen(path, plen), false);
		}
		break;
	}
	case 2: { /* AF_INET */
		char ip[INET_ADDRSTRLEN];
		uint16_t port;

		memcpy(&port, sa + 2, 2);
		inet_ntop(AF_INET, sa + 4, ip, sizeof(ip));
		sb_puts(&c->sb, ", sin_port=");
		p_net_field(c, sa + 2, 2, "htons(%u)", ntohs(port));
		sb_puts(&c->sb, ", sin_addr=");
		p_net_addr(c, sa + 4, 4, "inet_addr(", ip, ")");
		break;
	}
	case 10: { /* AF_INET6 */
		char ip[INET6_ADDRSTRLEN];
		uint16_t port;
		uint32_t flow, scope;

		memcpy(&port, sa + 2, 2);
		memcpy(&flow, sa + 4, 4);
		memcpy(&scope, sa + 24, 4);
		inet_ntop(AF_INET6, sa + 8, ip, sizeof(ip));
		sb_puts(&c->sb, ", sin6_port=");
		p_net_field(c, sa + 2, 2, "htons(%u)", ntohs(port));
		sb_puts(&c->sb, ", sin6_flowinfo=");
		p_net_field(c, sa + 4, 4, "htonl(%u)", ntohl(flow));
		if (opt.xlat == XLAT_ABBREV) {
			sb_puts(&c->sb, ", ");
			p_net_addr(c, sa + 8, 16, "inet_pton(AF_INET6, ", ip, ", &sin6_addr)");
		} else {
			sb_puts(&c->sb, ", sin6_addr=");
			p_net_addr(c, sa + 8, 16, "inet_pton(AF_INET6, ", ip, ")");
		}
		sb_printf(&c->sb, ", sin6_scope_id=%u", scope);
		break;
	}
	case 16: { /* AF_NETLINK */
		uint32_t pid, groups;
		uint16_t pad;

		memcpy(&pad, sa + 2, 2);
		memcpy(&pid, sa + 4, 4);
		memcpy(&groups, sa + 8, 4);
		if (pad)
			sb_printf(&c->sb, ", nl_pad=%#x", pad);
		sb_printf(&c->sb, ", nl_pid=%u, nl_groups=%08x", pid, groups);
		break;
	}
	default:
		if (n > 2) {
			sb_puts(&c->sb, ", sa_data=");
			p_quoted(c, sa + 2, n - 2 > 14 ? 14 : n - 2, false);
		}
	}
	sb_putc(&c->sb, '}');
}

DECL(connect)
{
	a_fd(c, 0);
	arg(c);
	p_sockaddr(c, arg_ulong(c, 1), arg_int(c, 2));
	a_uint(c, 2);
	return DEC_DONE;
}

/* addrlen in/out: "[16]" or "[128 => 16]" */
static int accept_common(struct call *c, int flags_i)
{
	uint64_t lenp = arg_ulong(c, 2);
	int len = 0;

	if (!c->exiting) {
		a_fd(c, 0);
		if (lenp && umove(c, lenp, &len, sizeof(len)))
			c->priv[0] = (uint64_t)(unsigned)len;
		else
			c->priv[1] = 1;
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c) || !lenp || !umove(c, lenp, &len, sizeof(len)))
		p_ptr(c, arg_ulong(c, 1));
	else
		p_sockaddr(c, arg_ulong(c, 1), len);
	arg(c);
	if (!lenp)
		sb_puts(&c->sb, "NULL");
	else if (c->priv[1])
		p_ptr(c, lenp);
	else if (failed(c) || (int)c->priv[0] == len)
		sb_printf(&c->sb, "[%d]", (int)c->priv[0]);
	else
		sb_printf(&c->sb, "[%d => %d]", (int)c->priv[0], len);
	if (flags_i >= 0)
		a_flags(c, flags_i, sock_flags, "SOCK_???");
	c->rfmt = RV_FD;
	return 0;
}

DECL(accept)
{
	return accept_common(c, -1);
}

DECL(accept4)
{
	return accept_common(c, 3);
}

DECL(getsockname)
{
	int r = accept_common(c, -1);

	c->rfmt = RV_DEC; /* 0, not a new descriptor */
	return r;
}

DECL(listen)
{
	a_fd(c, 0);
	a_int(c, 1);
	return DEC_DONE;
}

static const struct xval shut_how[] = {
	{ 0, "SHUT_RD" },
	{ 1, "SHUT_WR" },
	{ 2, "SHUT_RDWR" },
	{ 0, NULL },
};

DECL(shutdown)
{
	a_fd(c, 0);
	a_xlat(c, 1, shut_how, "SHUT_???");
	return DEC_DONE;
}

DECL(sendto)
{
	dec_send(c);
	arg(c);
	p_sockaddr(c, arg_ulong(c, 4), arg_int(c, 5));
	a_uint(c, 5);
	return DEC_DONE;
}

DECL(recvfrom)
{
	if (!c->exiting) {
		int len;

		if (arg_ulong(c, 5) && umove(c, arg_ulong(c, 5), &len, sizeof(len)))
			c->priv[0] = (uint64_t)(unsigned)len;
		return dec_recv(c);
	}
	dec_recv(c);
	int len = 0;
	uint64_t lenp = arg_ulong(c, 5);

	arg(c);
	if (failed(c) || !lenp || !umove(c, lenp, &len, sizeof(len)))
		p_ptr(c, arg_ulong(c, 4));
	else
		p_sockaddr(c, arg_ulong(c, 4), len);
	arg(c);
	if (!lenp)
		sb_puts(&c->sb, "NULL");
	else if (failed(c) || (int)c->priv[0] == len)
		sb_printf(&c->sb, "[%d]", (int)c->priv[0]);
	else
		sb_printf(&c->sb, "[%d => %d]", (int)c->priv[0], len);
	return 0;
}

/* The iovec array of a message on a NETLINK_ROUTE socket: false for others */
static bool p_netlink_iov(struct call *c, uint64_t addr, uint64_t n, int64_t data)
{
	unsigned ws = abi_wordsize(c);
	uint64_t base, len;

	/* one buffer holds the messages, as getaddrinfo and ip use it */
	if (n != 1 || data < 0 || !umove_word(c, addr, &base) || !umove_word(c, addr + ws, &len))
		return false;
	{
		struct sbuf tmp, old;
		bool done;

		sb_init(&tmp);
		old = sb_swap(c, tmp);
		sb_puts(&c->sb, "[{iov_base=");
		done = p_netlink(c, arg_int(c, 0), base,
				 len < (uint64_t)data ? len : (uint64_t)data);
		tmp = sb_swap(c, old);
		if (done) {
			sb_putn(&c->sb, tmp.s, tmp.len);
			sb_printf(&c->sb, ", iov_len=%llu}]", (unsigned long long)len);
		}
		sb_free(&tmp);
		return done;
	}
}

/* struct msghdr; data: bytes of iov data to show (-1: addresses only) */
static void p_msghdr(struct call *c, uint64_t addr, int64_t data)
{
	uint64_t name, iov, control;
	uint64_t namelen, iovlen, controllen;
	uint32_t flags;
	unsigned ws = abi_wordsize(c);
	unsigned char m[56];

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (!umove(c, addr, m, ws == 8 ? 56 : 28)) {
		p_ptr(c, addr);
		return;
	}
	if (ws == 8) {
		uint32_t nl;

		memcpy(&name, m, 8);
		memcpy(&nl, m + 8, 4);
		namelen = nl;
		memcpy(&iov, m + 16, 8);
		memcpy(&iovlen, m + 24, 8);
		memcpy(&control, m + 32, 8);
		memcpy(&controllen, m + 40, 8);
		memcpy(&flags, m + 48, 4);
	} else {
		uint32_t w[7];

		memcpy(w, m, sizeof(w));
		name = w[0], namelen = w[1], iov = w[2], iovlen = w[3];
		control = w[4], controllen = w[5], flags = w[6];
	}
	sb_puts(&c->sb, "{msg_name=");
	if (name && namelen)
		p_sockaddr(c, name, (int64_t)namelen);
	else
		p_ptr(c, name);
	sb_printf(&c->sb, ", msg_namelen=%llu, msg_iov=", (unsigned long long)namelen);
	if (!p_netlink_iov(c, iov, iovlen, data))
		p_iov(c, iov, iovlen, data);
	sb_printf(&c->sb, ", msg_iovlen=%llu", (unsigned long long)iovlen);
	if (controllen) {
		sb_puts(&c->sb, ", msg_control=");
		p_ptr(c, control);
	}
	sb_printf(&c->sb, ", msg_controllen=%llu, msg_flags=", (unsigned long long)controllen);
	p_flags(c, msg_flags, flags, "MSG_???");
	sb_putc(&c->sb, '}');
}

DECL(sendmsg)
{
	a_fd(c, 0);
	arg(c);
	p_msghdr(c, arg_ulong(c, 1), INT64_MAX);
	a_flags(c, 2, msg_flags, "MSG_???");
	return DEC_DONE;
}

DECL(recvmsg)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_msghdr(c, arg_ulong(c, 1), c->rval);
	a_flags(c, 2, msg_flags, "MSG_???");
	return 0;
}

/*
 * An array of struct mmsghdr: each a msghdr, then the bytes sent or received
 * (with_len: what the call wrote, shown as msg_len and limiting the data).
 */
static void p_mmsgs(struct call *c, uint64_t addr, uint64_t n, bool with_len)
{
	unsigned ws = abi_wordsize(c);
	uint64_t size = ws == 8 ? 64 : 32, hdr = ws == 8 ? 56 : 28;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	sb_putc(&c->sb, '[');
	for (uint64_t i = 0; i < n; i++) {
		uint32_t len;

		enum array_step step =
			array_step(c, addr, i, umove(c, addr + i * size + hdr, &len, sizeof(len)));

		if (step == ARRAY_ADDR)
			return;
		if (step == ARRAY_END)
			break;
		sb_puts(&c->sb, "{msg_hdr=");
		p_msghdr(c, addr + i * size, with_len ? (int64_t)len : INT64_MAX);
		if (with_len)
			sb_printf(&c->sb, ", msg_len=%u", len);
		sb_putc(&c->sb, '}');
	}
	sb_putc(&c->sb, ']');
}

DECL(sendmmsg)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	arg(c);
	if (failed(c))
		p_mmsgs(c, arg_ulong(c, 1), arg_uint(c, 2), false);
	else
		p_mmsgs(c, arg_ulong(c, 1), (uint64_t)c->rval, true);
	a_uint(c, 2);
	a_flags(c, 3, msg_flags, "MSG_???");
	return 0;
}

/* The timeout is shown as it was at entry, and what is left after the call. */
DECL(recvmmsg)
{
	bool t32 = is_i386(c) && !strstr(c->ent->name, "time64");
	uint64_t ts = arg_ulong(c, 4);

	if (!c->exiting) {
		a_fd(c, 0);
		if (ts) {
			int64_t v[2] = { 0, 0 };
			int32_t v32[2];
			bool ok = t32 ? umove(c, ts, v32, sizeof(v32)) : umove(c, ts, v, sizeof(v));

			if (t32)
				v[0] = v32[0], v[1] = v32[1];
			c->priv[0] = ok;
			c->priv[1] = (uint64_t)v[0];
			c->priv[2] = (uint64_t)v[1];
		}
		return DEC_EXIT;
	}
	if (a_filled(c, 1))
		p_mmsgs(c, arg_ulong(c, 1), (uint64_t)c->rval, true);
	a_uint(c, 2);
	a_flags(c, 3, msg_flags, "MSG_???");
	arg(c);
	if (!ts) {
		sb_puts(&c->sb, "NULL");
		return 0;
	}
	if (!c->priv[0]) {
		p_ptr(c, ts);
		return 0;
	}
	p_ts_value(c, (int64_t)c->priv[1], (int64_t)c->priv[2]);
	if (!failed(c)) {
		struct sbuf tmp, old;

		sb_init(&tmp);
		old = sb_swap(c, tmp);
		p_timespec(c, ts, t32);
		tmp = sb_swap(c, old);
		aux_printf(c, "(left %s)", tmp.s ? tmp.s : "");
		sb_free(&tmp);
	}
	return 0;
}

/* send and recv exist only as socketcall subcalls (i386) */
DECL(send)
{
	a_fd(c, 0);
	arg(c);
	if (!p_netlink(c, arg_int(c, 0), arg_ulong(c, 1), arg_ulong(c, 2)))
		p_buf(c, arg_ulong(c, 1), arg_ulong(c, 2));
	a_ulong(c, 2);
	a_flags(c, 3, msg_flags, "MSG_???");
	return DEC_DONE;
}

DECL(recv)
{
	if (!c->exiting) {
		a_fd(c, 0);
		return DEC_EXIT;
	}
	if (a_filled(c, 1) && !p_netlink(c, arg_int(c, 0), arg_ulong(c, 1), (uint64_t)c->rval))
		p_buf(c, arg_ulong(c, 1), (uint64_t)c->rval);
	a_ulong(c, 2);
	a_flags(c, 3, msg_flags, "MSG_???");
	return 0;
}

/*
 * socketcall(call, args): i386's multiplexer.  Shown as the call it stands
 * for, with its arguments read from the array, as strace does.
 */
static const struct {
	const char *name;
	unsigned char nargs;
} socketcalls[] = {
	{ NULL, 0 },         { "socket", 3 },   { "bind", 3 },        { "connect", 3 },
	{ "listen", 2 },     { "accept", 3 },   { "getsockname", 3 }, { "getpeername", 3 },
	{ "socketpair", 4 }, { "send", 4 },     { "recv", 4 },        { "sendto", 6 },
	{ "recvfrom", 6 },   { "shutdown", 2 }, { "setsockopt", 5 },  { "getsockopt", 5 },
	{ "sendmsg", 3 },    { "recvmsg", 3 },  { "accept4", 4 },     { "recvmmsg", 5 },
	{ "sendmmsg", 4 },
};

#define NSOCKETCALLS (sizeof(socketcalls) / sizeof(socketcalls[0]))

const char *socketcall_name(unsigned call)
{
	return call < NSOCKETCALLS ? socketcalls[call].name : NULL;
}

DECL(socketcall)
{
	unsigned call = arg_uint(c, 0);
	uint32_t a[6] = { 0 };
	const struct sysent *sub;

	if (call == 0 || call >= NSOCKETCALLS ||
	    !umove(c, arg_ulong(c, 1), a, socketcalls[call].nargs * sizeof(a[0])) ||
	    !(sub = sysent_find(socketcalls[call].name))) {
		a_uint(c, 0);
		a_ptr(c, 1);
		return DEC_DONE;
	}
	for (int i = 0; i < MAX_ARGS; i++)
		c->args[i] = a[i];
	c->ent = sub;
	return sub->dec ? sub->dec(c) : DEC_DONE;
}
