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

static void sockopt_head(struct call *c)
{
	unsigned level = arg_uint(c, 1);
	const struct xval *names = level == 1  ? so_names :
				   level == 6  ? tcp_names :
				   level == 0  ? ip_names :
				   level == 41 ? ipv6_names :
						 NULL;

	a_fd(c, 0);
	a_xlat(c, 1, sol_levels, "SOL_???");
	arg(c);
	if (names)
		p_xlat(c, names, arg_uint(c, 2), "SO_???");
	else
		p_uint64(c, arg_uint(c, 2));
}

static void p_optval(struct call *c, uint64_t addr, int64_t len)
{
	int v;

	if (len == sizeof(int) && umove(c, addr, &v, sizeof(v)))
		sb_printf(&c->sb, "[%d]", v);
	else if (len > 0 && !failed(c))
		p_buf(c, addr, (uint64_t)len);
	else
		p_ptr(c, addr);
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
