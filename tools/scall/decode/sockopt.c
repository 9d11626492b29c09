/* SPDX-License-Identifier: MIT */
/* getsockopt and setsockopt: levels, option names, values. */
#include <stdio.h>
#include <string.h>

#include "../options.h"
#include "decode.h"

static const struct xval sol_levels[] = {
	{ 0, "SOL_IP" },        { 1, "SOL_SOCKET" },  { 6, "SOL_TCP" },   { 17, "SOL_UDP" },
	{ 41, "SOL_IPV6" },     { 58, "SOL_ICMPV6" }, { 255, "SOL_RAW" }, { 263, "SOL_PACKET" },
	{ 270, "SOL_NETLINK" }, { 0, NULL },
};

static const struct xval so_names[] = {
	{ 1, "SO_DEBUG" },
	{ 2, "SO_REUSEADDR" },
	{ 3, "SO_TYPE" },
	{ 4, "SO_ERROR" },
	{ 5, "SO_DONTROUTE" },
	{ 6, "SO_BROADCAST" },
	{ 7, "SO_SNDBUF" },
	{ 8, "SO_RCVBUF" },
	{ 9, "SO_KEEPALIVE" },
	{ 10, "SO_OOBINLINE" },
	{ 11, "SO_NO_CHECK" },
	{ 12, "SO_PRIORITY" },
	{ 13, "SO_LINGER" },
	{ 14, "SO_BSDCOMPAT" },
	{ 15, "SO_REUSEPORT" },
	{ 16, "SO_PASSCRED" },
	{ 17, "SO_PEERCRED" },
	{ 18, "SO_RCVLOWAT" },
	{ 19, "SO_SNDLOWAT" },
	{ 20, "SO_RCVTIMEO_OLD" },
	{ 21, "SO_SNDTIMEO_OLD" },
	{ 25, "SO_BINDTODEVICE" },
	{ 26, "SO_ATTACH_FILTER" },
	{ 29, "SO_TIMESTAMP_OLD" },
	{ 30, "SO_ACCEPTCONN" },
	{ 31, "SO_PEERSEC" },
	{ 32, "SO_SNDBUFFORCE" },
	{ 33, "SO_RCVBUFFORCE" },
	{ 34, "SO_PASSSEC" },
	{ 36, "SO_MARK" },
	{ 38, "SO_PROTOCOL" },
	{ 39, "SO_DOMAIN" },
	{ 40, "SO_RXQ_OVFL" },
	{ 42, "SO_PEEK_OFF" },
	{ 46, "SO_BUSY_POLL" },
	{ 49, "SO_INCOMING_CPU" },
	{ 57, "SO_COOKIE" },
	{ 59, "SO_PEERGROUPS" },
	{ 60, "SO_ZEROCOPY" },
	{ 62, "SO_BINDTOIFINDEX" },
	{ 66, "SO_RCVTIMEO_NEW" },
	{ 67, "SO_SNDTIMEO_NEW" },
	{ 0, NULL },
};

static const struct xval tcp_names[] = {
	{ 1, "TCP_NODELAY" },
	{ 2, "TCP_MAXSEG" },
	{ 3, "TCP_CORK" },
	{ 4, "TCP_KEEPIDLE" },
	{ 5, "TCP_KEEPINTVL" },
	{ 6, "TCP_KEEPCNT" },
	{ 7, "TCP_SYNCNT" },
	{ 8, "TCP_LINGER2" },
	{ 9, "TCP_DEFER_ACCEPT" },
	{ 10, "TCP_WINDOW_CLAMP" },
	{ 11, "TCP_INFO" },
	{ 12, "TCP_QUICKACK" },
	{ 13, "TCP_CONGESTION" },
	{ 18, "TCP_USER_TIMEOUT" },
	{ 23, "TCP_FASTOPEN" },
	{ 25, "TCP_NOTSENT_LOWAT" },
	{ 0, NULL },
};

static const struct xval ip_names[] = {
	{ 1, "IP_TOS" },
	{ 2, "IP_TTL" },
	{ 3, "IP_HDRINCL" },
	{ 4, "IP_OPTIONS" },
	{ 8, "IP_PKTINFO" },
	{ 10, "IP_MTU_DISCOVER" },
	{ 11, "IP_RECVERR" },
	{ 12, "IP_RECVTTL" },
	{ 24, "IP_BIND_ADDRESS_NO_PORT" },
	{ 32, "IP_MULTICAST_IF" },
	{ 33, "IP_MULTICAST_TTL" },
	{ 34, "IP_MULTICAST_LOOP" },
	{ 35, "IP_ADD_MEMBERSHIP" },
	{ 0, NULL },
};

static const struct xval ipv6_names[] = {
	{ 16, "IPV6_UNICAST_HOPS" },
	{ 18, "IPV6_MULTICAST_HOPS" },
	{ 23, "IPV6_MTU_DISCOVER" },
	{ 25, "IPV6_RECVERR" },
	{ 26, "IPV6_V6ONLY" },
	{ 49, "IPV6_RECVPKTINFO" },
	{ 0, NULL },
};

static const struct xval netlink_names[] = {
	{ 1, "NETLINK_ADD_MEMBERSHIP" },
	{ 2, "NETLINK_DROP_MEMBERSHIP" },
	{ 3, "NETLINK_PKTINFO" },
	{ 4, "NETLINK_BROADCAST_ERROR" },
	{ 5, "NETLINK_NO_ENOBUFS" },
	{ 6, "NETLINK_RX_RING" },
	{ 7, "NETLINK_TX_RING" },
	{ 8, "NETLINK_LISTEN_ALL_NSID" },
	{ 9, "NETLINK_LIST_MEMBERSHIPS" },
	{ 10, "NETLINK_CAP_ACK" },
	{ 11, "NETLINK_EXT_ACK" },
	{ 12, "NETLINK_GET_STRICT_CHK" },
	{ 0, NULL },
};

static const struct xval udp_names[] = {
	{ 1, "UDP_CORK" },
	{ 100, "UDP_ENCAP" },
	{ 101, "UDP_NO_CHECK6_TX" },
	{ 102, "UDP_NO_CHECK6_RX" },
	{ 103, "UDP_SEGMENT" },
	{ 104, "UDP_GRO" },
	{ 0, NULL },
};

/* The option names of a level, and the name of an unknown one. */
static const struct xval *level_names(unsigned level, const char **dflt)
{
	switch (level) {
	case 1:
		*dflt = "SO_???";
		return so_names;
	case 6:
		*dflt = "TCP_???";
		return tcp_names;
	case 0:
		*dflt = "IP_???";
		return ip_names;
	case 41:
		*dflt = "IPV6_???";
		return ipv6_names;
	case 17:
		*dflt = "UDP_???";
		return udp_names;
	case 270:
		*dflt = "NETLINK_???";
		return netlink_names;
	}
	*dflt = NULL;
	return NULL;
}

static void sockopt_head(struct call *c)
{
	const char *dflt;
	const struct xval *names = level_names(arg_uint(c, 1), &dflt);

	a_fd(c, 0);
	a_xlat(c, 1, sol_levels, "SOL_???");
	arg(c);
	if (names)
		p_xlat(c, names, arg_uint(c, 2), dflt);
	else
		p_uint64(c, arg_uint(c, 2));
}

/* An errno value: "ECONNREFUSED" in the style of -X. */
static void p_errno_val(struct call *c, int v)
{
	const char *name = v > 0 ? scall_errno_name(v) : NULL;

	if (!name || opt.xlat == XLAT_RAW)
		sb_printf(&c->sb, "%d", v);
	else if (opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, "%d /* %s */", v, name);
	else
		sb_puts(&c->sb, name);
}

static void p_optval(struct call *c, uint64_t addr, int64_t len)
{
	unsigned level = arg_uint(c, 1), name = arg_uint(c, 2);
	int v, w[3];

	/* -e verbose=none: the address, not even the bytes */
	if (failed(c) || len <= 0 || !c->verbose) {
		p_ptr(c, addr);
		return;
	}
	if (level == 1 && name == 13 && len >= 8 && umove(c, addr, w, 8)) { /* SO_LINGER */
		sb_printf(&c->sb, "{l_onoff=%d, l_linger=%d}", w[0], w[1]);
		return;
	}
	if (level == 1 && name == 17 && len >= 12 && umove(c, addr, w, 12)) { /* SO_PEERCRED */
		sb_printf(&c->sb, "{pid=%d, uid=%u, gid=%u}", w[0], (unsigned)w[1], (unsigned)w[2]);
		return;
	}
	if (len == sizeof(int) && umove(c, addr, &v, sizeof(v))) {
		sb_putc(&c->sb, '[');
		if (level == 1 && name == 4) /* SO_ERROR */
			p_errno_val(c, v);
		else
			sb_printf(&c->sb, "%d", v);
		sb_putc(&c->sb, ']');
	} else {
		p_buf(c, addr, (uint64_t)len);
	}
}

DECL(setsockopt)
{
	sockopt_head(c);
	arg(c);
	p_optval(c, arg_ulong(c, 3), arg_int(c, 4));
	a_int(c, 4);
	return DEC_DONE;
}

DECL(getsockopt)
{
	int len = 0;

	if (!c->exiting) {
		sockopt_head(c);
		if (umove(c, arg_ulong(c, 4), &len, sizeof(len)))
			c->priv[0] = (uint64_t)(unsigned)len;
		return DEC_EXIT;
	}
	arg(c);
	if (!c->verbose) { /* -e verbose=none: both addresses */
		p_ptr(c, arg_ulong(c, 3));
		arg(c);
		p_ptr(c, arg_ulong(c, 4));
		return 0;
	}
	if (failed(c) || !umove(c, arg_ulong(c, 4), &len, sizeof(len))) {
		p_ptr(c, arg_ulong(c, 3));
		arg(c);
		sb_printf(&c->sb, "[%d]", (int)c->priv[0]);
		return 0;
	}
	p_optval(c, arg_ulong(c, 3), len);
	arg(c);
	if ((int)c->priv[0] == len)
		sb_printf(&c->sb, "[%d]", len);
	else
		sb_printf(&c->sb, "[%d => %d]", (int)c->priv[0], len);
	return 0;
}
