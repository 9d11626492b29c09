/* SPDX-License-Identifier: MIT */
/*
 * -yy on sockets: what a socket descriptor is bound and connected to, as
 * strace prints it ("TCP:[127.0.0.1:40000->127.0.0.1:80]",
 * "UNIX-STREAM:[1234->1235,"/run/x.sock"]", "NETLINK:[ROUTE:42]"), asked of
 * the kernel's sock_diag netlink interface by the inode in "socket:[INODE]".
 *
 * Like strace: the protocol is the socket's "system.sockprotoname"; a name
 * outside the table below has every query of the table tried in turn; the
 * answers are kept by inode (they are not asked again, even when the socket
 * has changed since); a socket the kernel does not describe (unbound, or in
 * another network namespace) prints as "TCP:[INODE]", or as the link itself
 * when its protocol is not in the table.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../util.h"
#include "decode.h"

#ifndef IPPROTO_L2TP
#define IPPROTO_L2TP 115
#endif

enum diag_kind { DIAG_UNIX, DIAG_INET, DIAG_NETLINK };

struct sock_proto {
	const char *name; /* the kernel's protocol name, and the printed one */
	enum diag_kind kind;
	uint8_t family, protocol;
};

/*
 * strace's table, in strace's order (the order unknown names try them in).
 * PINGv6 asks for IPPROTO_ICMP as strace does; the kernel has no sock_diag
 * handler for either ICMP, so ping sockets always print as "PING:[INODE]".
 */
static const struct sock_proto protos[] = {
	{ "UNIX", DIAG_UNIX, AF_UNIX, 0 },
	{ "UNIX-STREAM", DIAG_UNIX, AF_UNIX, 0 },
	{ "TCP", DIAG_INET, AF_INET, IPPROTO_TCP },
	{ "UDP", DIAG_INET, AF_INET, IPPROTO_UDP },
	{ "UDPLITE", DIAG_INET, AF_INET, IPPROTO_UDPLITE },
	{ "DCCP", DIAG_INET, AF_INET, IPPROTO_DCCP },
	{ "SCTP", DIAG_INET, AF_INET, IPPROTO_SCTP },
	{ "L2TP/IP", DIAG_INET, AF_INET, IPPROTO_L2TP },
	{ "PING", DIAG_INET, AF_INET, IPPROTO_ICMP },
	{ "RAW", DIAG_INET, AF_INET, IPPROTO_RAW },
	{ "TCPv6", DIAG_INET, AF_INET6, IPPROTO_TCP },
	{ "UDPv6", DIAG_INET, AF_INET6, IPPROTO_UDP },
	{ "UDPLITEv6", DIAG_INET, AF_INET6, IPPROTO_UDPLITE },
	{ "DCCPv6", DIAG_INET, AF_INET6, IPPROTO_DCCP },
	{ "SCTPv6", DIAG_INET, AF_INET6, IPPROTO_SCTP },
	{ "L2TP/IPv6", DIAG_INET, AF_INET6, IPPROTO_L2TP },
	{ "PINGv6", DIAG_INET, AF_INET6, IPPROTO_ICMP },
	{ "RAWv6", DIAG_INET, AF_INET6, IPPROTO_RAW },
	{ "NETLINK", DIAG_NETLINK, AF_NETLINK, 0 },
};

/* Netlink protocol names, NETLINK_ stripped; the others print as numbers. */
static const char *const netlink_names[] = {
	[NETLINK_ROUTE] = "ROUTE",
	[NETLINK_UNUSED] = "UNUSED",
	[NETLINK_USERSOCK] = "USERSOCK",
	[NETLINK_FIREWALL] = "FIREWALL",
	[NETLINK_SOCK_DIAG] = "SOCK_DIAG",
	[NETLINK_NFLOG] = "NFLOG",
	[NETLINK_XFRM] = "XFRM",
	[NETLINK_SELINUX] = "SELINUX",
	[NETLINK_ISCSI] = "ISCSI",
	[NETLINK_AUDIT] = "AUDIT",
	[NETLINK_FIB_LOOKUP] = "FIB_LOOKUP",
	[NETLINK_CONNECTOR] = "CONNECTOR",
	[NETLINK_NETFILTER] = "NETFILTER",
	[NETLINK_IP6_FW] = "IP6_FW",
	[NETLINK_DNRTMSG] = "DNRTMSG",
	[NETLINK_KOBJECT_UEVENT] = "KOBJECT_UEVENT",
	[NETLINK_GENERIC] = "GENERIC",
	[NETLINK_SCSITRANSPORT] = "SCSITRANSPORT",
	[NETLINK_ECRYPTFS] = "ECRYPTFS",
	[NETLINK_RDMA] = "RDMA",
	[NETLINK_CRYPTO] = "CRYPTO",
	[NETLINK_SMC] = "SMC",
};

/* ---- what is known, by inode ---- */

#define CACHE_SIZE 1024u

static struct {
	unsigned long inode;
	char *text;
} cache[CACHE_SIZE];

static const char *cache_get(unsigned long inode)
{
	unsigned i = (unsigned)(inode % CACHE_SIZE);

	return cache[i].inode == inode ? cache[i].text : NULL;
}

static const char *cache_put(unsigned long inode, const char *text)
{
	unsigned i = (unsigned)(inode % CACHE_SIZE);

	free(cache[i].text);
	cache[i].inode = inode;
	cache[i].text = xstrdup(text);
	return cache[i].text;
}

/* ---- the netlink socket ---- */

static int diag_fd = -1;
static bool diag_refused; /* no sock_diag here: do not try again */
static uint32_t diag_seq;

/* The answers: large enough for any message the kernel makes for a dump. */
static union {
	struct nlmsghdr h;
	char b[65536];
} rbuf;

static void diag_close(void)
{
	if (diag_fd >= 0)
		close(diag_fd);
	diag_fd = -1;
}

static bool diag_open(void)
{
	struct timeval tv = { 2, 0 };

	if (diag_fd >= 0)
		return true;
	if (diag_refused)
		return false;
	diag_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (diag_fd < 0) {
		diag_refused = errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ||
			       errno == EACCES || errno == EPERM;
		return false;
	}
	/* never wait long for the kernel: a missing answer only costs the details */
	setsockopt(diag_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return true;
}

static bool diag_send(struct nlmsghdr *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	req->nlmsg_seq = ++diag_seq;
	for (;;) {
		if (sendto(diag_fd, req, req->nlmsg_len, 0, (struct sockaddr *)&kernel,
			   sizeof(kernel)) == (ssize_t)req->nlmsg_len)
			return true;
		if (errno != EINTR)
			return false;
	}
}

/* ---- the answers ---- */

/* What a parser makes of a message: not about the inode, its text, about
 * the inode but with nothing to tell, or not understood. */
enum { NO_MATCH, MATCH, NOTHING, BAD };

/* Parse one SOCK_DIAG_BY_FAMILY message of len bytes of payload. */
typedef int (*parse_fn)(const struct sock_proto *p, const void *data, size_t len,
			unsigned long inode, struct call *c, struct sbuf *out);

static int parse_inet(const struct sock_proto *p, const void *data, size_t len, unsigned long inode,
		      struct call *c, struct sbuf *out)
{
	static const uint32_t zero[4];
	struct inet_diag_msg m;
	char src[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN];
	const char *ob = "", *cb = "";
	size_t asize = 4;

	(void)c;
	if (len < sizeof(m))
		return BAD;
	memcpy(&m, data, sizeof(m));
	if (m.idiag_inode != inode)
		return NO_MATCH;
	if (m.idiag_family == AF_INET6) {
		ob = "[";
		cb = "]";
		asize = 16;
	} else if (m.idiag_family != AF_INET) {
		return BAD;
	}
	if (!inet_ntop(m.idiag_family, m.id.idiag_src, src, sizeof(src)))
		return BAD;
	sb_printf(out, "%s:[%s%s%s:%u", p->name, ob, src, cb, ntohs(m.id.idiag_sport));
	if (m.id.idiag_dport || memcmp(m.id.idiag_dst, zero, asize)) {
		if (!inet_ntop(m.idiag_family, m.id.idiag_dst, dst, sizeof(dst)))
			return BAD;
		sb_printf(out, "->%s%s%s:%u", ob, dst, cb, ntohs(m.id.idiag_dport));
	}
	sb_putc(out, ']');
	return MATCH;
}

/* A unix socket's name, quoted as strace quotes strings (up to a NUL). */
static void put_unix_name(struct call *c, const unsigned char *name, size_t len, struct sbuf *out)
{
	struct sbuf saved;
	size_t n;

	sb_putc(out, ',');
	if (name[0] == '\0') {
		sb_putc(out, '@');
		name++;
		len--;
	}
	n = strnlen((const char *)name, len);
	saved = sb_swap(c, *out);
	p_quoted(c, name, n, false);
	*out = sb_swap(c, saved);
}

static int parse_unix(const struct sock_proto *p, const void *data, size_t len, unsigned long inode,
		      struct call *c, struct sbuf *out)
{
	struct unix_diag_msg m;
	unsigned char name[108];
	size_t name_len = 0, off = NLMSG_ALIGN(sizeof(m));
	uint32_t peer = 0;

	if (len < sizeof(m))
		return BAD;
	memcpy(&m, data, sizeof(m));
	if (m.udiag_ino != inode)
		return NO_MATCH;
	if (m.udiag_family != AF_UNIX)
		return BAD;
	/* the attributes: a name (the first that is not empty), the peer's inode */
	while (off + NLA_HDRLEN <= len) {
		struct nlattr a;
		const unsigned char *pl;
		size_t plen;

		memcpy(&a, (const char *)data + off, sizeof(a));
		if (a.nla_len < NLA_HDRLEN || a.nla_len > len - off)
			break;
		pl = (const unsigned char *)data + off + NLA_HDRLEN;
		plen = a.nla_len - NLA_HDRLEN;
		if (a.nla_type == UNIX_DIAG_NAME && !name_len) {
			name_len = plen < sizeof(name) ? plen : sizeof(name);
			memcpy(name, pl, name_len);
		} else if (a.nla_type == UNIX_DIAG_PEER && plen >= sizeof(peer)) {
			memcpy(&peer, pl, sizeof(peer));
		}
		off += NLA_ALIGN(a.nla_len);
	}
	/* nothing to tell: the caller prints "UNIX:[INODE]" */
	if (!peer && !name_len)
		return NOTHING;
	sb_printf(out, "%s:[%lu", p->name, inode);
	if (peer)
		sb_printf(out, "->%u", peer);
	if (name_len)
		put_unix_name(c, name, name_len, out);
	sb_putc(out, ']');
	return MATCH;
}

static int parse_netlink(const struct sock_proto *p, const void *data, size_t len,
			 unsigned long inode, struct call *c, struct sbuf *out)
{
	struct netlink_diag_msg m;
	const char *name = NULL;

	(void)c;
	if (len < sizeof(m))
		return BAD;
	memcpy(&m, data, sizeof(m));
	if (m.ndiag_ino != inode)
		return NO_MATCH;
	if (m.ndiag_family != AF_NETLINK)
		return BAD;
	if (m.ndiag_protocol < sizeof(netlink_names) / sizeof(netlink_names[0]))
		name = netlink_names[m.ndiag_protocol];
	if (name)
		sb_printf(out, "%s:[%s:%u]", p->name, name, m.ndiag_portid);
	else
		sb_printf(out, "%s:[%u]", p->name, m.ndiag_protocol);
	return MATCH;
}

/*
 * Send req and read the answers until one is about inode: its text is put in
 * out.  A dump left unfinished, or answers not understood, close the socket:
 * the next query starts on a clean one.
 */
static bool diag_query(struct nlmsghdr *req, const struct sock_proto *p, parse_fn parse,
		       unsigned long inode, struct call *c, struct sbuf *out)
{
	bool dump = req->nlmsg_flags & NLM_F_DUMP;

	if (!diag_open())
		return false;
	if (!diag_send(req)) {
		diag_close();
		return false;
	}
	for (;;) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t n;
		size_t left;
		const char *pos = rbuf.b;

		n = recvfrom(diag_fd, rbuf.b, sizeof(rbuf.b), MSG_TRUNC, (struct sockaddr *)&from,
			     &fromlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n > sizeof(rbuf.b) || fromlen < sizeof(from) ||
		    from.nl_pid != 0) {
			diag_close();
			return false;
		}
		left = (size_t)n;
		while (left >= NLMSG_HDRLEN) {
			struct nlmsghdr h;
			size_t step;
			int rc;

			memcpy(&h, pos, sizeof(h));
			if (h.nlmsg_len < NLMSG_HDRLEN || h.nlmsg_len > left) {
				diag_close();
				return false;
			}
			step = NLMSG_ALIGN(h.nlmsg_len);
			if (h.nlmsg_seq != req->nlmsg_seq) {
				/* an answer to an earlier query: not ours */
			} else if (h.nlmsg_type == NLMSG_DONE || h.nlmsg_type == NLMSG_ERROR) {
				/* the end of the answers, none about inode */
				return false;
			} else if (h.nlmsg_type != SOCK_DIAG_BY_FAMILY) {
				diag_close();
				return false;
			} else {
				rc = parse(p, pos + NLMSG_HDRLEN, h.nlmsg_len - NLMSG_HDRLEN, inode,
					   c, out);
				if (rc != NO_MATCH) {
					/* a dump stopped before its end leaves answers behind */
					if (rc == BAD || dump)
						diag_close();
					return rc == MATCH;
				}
				if (!dump)
					return false;
			}
			if (step >= left)
				break;
			pos += step;
			left -= step;
		}
	}
}

static bool diag_lookup(const struct sock_proto *p, unsigned long inode, struct call *c,
			struct sbuf *out)
{
	if (inode > UINT32_MAX)
		return false;
	if (p->kind == DIAG_UNIX) {
		struct {
			struct nlmsghdr h;
			struct unix_diag_req r;
		} req = {
			.h = { .nlmsg_len = sizeof(req),
			       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			       .nlmsg_flags = NLM_F_REQUEST },
			.r = { .sdiag_family = AF_UNIX,
			       .udiag_states = ~0u,
			       .udiag_ino = (uint32_t)inode,
			       .udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER,
			       .udiag_cookie = { ~0u, ~0u } },
		};

		return diag_query(&req.h, p, parse_unix, inode, c, out);
	}
	if (p->kind == DIAG_INET) {
		struct {
			struct nlmsghdr h;
			struct inet_diag_req_v2 r;
		} req = {
			.h = { .nlmsg_len = sizeof(req),
			       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
			.r = { .sdiag_family = p->family,
			       .sdiag_protocol = p->protocol,
			       .idiag_states = ~0u },
		};

		return diag_query(&req.h, p, parse_inet, inode, c, out);
	}
	struct {
		struct nlmsghdr h;
		struct netlink_diag_req r;
	} req = {
		.h = { .nlmsg_len = sizeof(req),
		       .nlmsg_type = SOCK_DIAG_BY_FAMILY,
		       .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP },
		.r = { .sdiag_family = AF_NETLINK, .sdiag_protocol = NDIAG_PROTO_ALL },
	};

	return diag_query(&req.h, p, parse_netlink, inode, c, out);
}

/* The inode of a "socket:[INODE]" link, or 0. */
static unsigned long socket_inode(const char *target, size_t len)
{
	static const char pfx[] = "socket:[";
	const size_t plen = sizeof(pfx) - 1;
	unsigned long v = 0;

	if (len < plen + 2 || memcmp(target, pfx, plen) || target[len - 1] != ']')
		return 0;
	for (size_t i = plen; i < len - 1; i++) {
		unsigned d = (unsigned)(target[i] - '0');

		if (d > 9 || v > (~0ul - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	return v;
}

/* The protocol the kernel names for the socket behind fdlink, or NULL. */
static const struct sock_proto *socket_proto(const char *fdlink)
{
	char name[32];
	ssize_t n = getxattr(fdlink, "system.sockprotoname", name, sizeof(name) - 1);

	if (n <= 0)
		return NULL;
	name[n] = '\0';
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		if (!strcmp(name, protos[i].name))
			return &protos[i];
	}
	return NULL;
}

bool sock_decorate(struct call *c, const char *fdlink, const char *target, size_t len,
		   struct sbuf *out)
{
	unsigned long inode = socket_inode(target, len);
	const char *text;

	if (!inode)
		return false;
	text = cache_get(inode);
	if (!text) {
		const struct sock_proto *p = socket_proto(fdlink);
		struct sbuf sb;
		bool found = false;

		sb_init(&sb);
		if (p) {
			found = diag_lookup(p, inode, c, &sb);
		} else {
			for (size_t i = 0; !found && i < sizeof(protos) / sizeof(protos[0]); i++) {
				sb_reset(&sb);
				found = diag_lookup(&protos[i], inode, c, &sb);
			}
		}
		if (found)
			text = cache_put(inode, sb.s);
		sb_free(&sb);
		if (!found) {
			if (!p)
				return false;
			sb_printf(out, "<%s:[%lu]>", p->name, inode);
			return true;
		}
	}
	sb_putc(out, '<');
	sb_puts(out, text);
	sb_putc(out, '>');
	return true;
}
