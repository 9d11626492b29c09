/* SPDX-License-Identifier: MIT */
/*
 * Netlink messages in the data of NETLINK_ROUTE sockets, as strace prints
 * them: the headers, and for the address messages (what getaddrinfo asks
 * for AI_ADDRCONFIG) their struct ifaddrmsg and attributes.
 *
 * One message prints as [{header}, body, [attributes]] (only its header
 * when it has no body), several as a list of those.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "../options.h"
#include "decode.h"

#define NETLINK_ROUTE_PROTO 0

/* ---- which sockets are NETLINK_ROUTE ---- */

/* The protocol of the netlink socket with this inode, from /proc/PID/net/netlink */
static int netlink_protocol(pid_t pid, unsigned long ino)
{
	char path[64], line[256];
	int proto = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/netlink", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long sk, inode;
		int eth;

		/* sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode */
		if (sscanf(line, "%lx %d %*s %*s %*s %*s %*s %*s %*s %lu", &sk, &eth, &inode) ==
			    3 &&
		    inode == ino) {
			proto = eth;
			break;
		}
	}
	fclose(f);
	return proto;
}

/* Sockets seen lately, by inode: their netlink protocol, or -1 (not netlink) */
static struct {
	unsigned long ino;
	int proto;
} seen[16];
static unsigned seen_next;

static bool is_route_socket(struct call *c, int fd)
{
	char link[64], target[64], name[32];
	unsigned long ino;
	ssize_t n;
	int proto;

	if (fd < 0)
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)c->tid, fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n <= 0)
		return false;
	target[n] = '\0';
	if (sscanf(target, "socket:[%lu]", &ino) != 1)
		return false;
	for (unsigned i = 0; i < sizeof(seen) / sizeof(seen[0]); i++)
		if (seen[i].ino == ino)
			return seen[i].proto == NETLINK_ROUTE_PROTO;
	n = getxattr(link, "system.sockprotoname", name, sizeof(name) - 1);
	if (n > 0) {
		name[n] = '\0';
		proto = strcmp(name, "NETLINK") ? -1 : netlink_protocol(c->pid, ino);
	} else {
		proto = -1;
	}
	seen[seen_next].ino = ino;
	seen[seen_next].proto = proto;
	seen_next = (seen_next + 1) % (sizeof(seen) / sizeof(seen[0]));
	return proto == NETLINK_ROUTE_PROTO;
}

/* ---- names ---- */

static const struct xval route_types[] = {
	{ 1, "NLMSG_NOOP" },      { 2, "NLMSG_ERROR" },     { 3, "NLMSG_DONE" },
	{ 4, "NLMSG_OVERRUN" },   { 16, "RTM_NEWLINK" },    { 17, "RTM_DELLINK" },
	{ 18, "RTM_GETLINK" },    { 19, "RTM_SETLINK" },    { 20, "RTM_NEWADDR" },
	{ 21, "RTM_DELADDR" },    { 22, "RTM_GETADDR" },    { 24, "RTM_NEWROUTE" },
	{ 25, "RTM_DELROUTE" },   { 26, "RTM_GETROUTE" },   { 28, "RTM_NEWNEIGH" },
	{ 29, "RTM_DELNEIGH" },   { 30, "RTM_GETNEIGH" },   { 32, "RTM_NEWRULE" },
	{ 33, "RTM_DELRULE" },    { 34, "RTM_GETRULE" },    { 36, "RTM_NEWQDISC" },
	{ 37, "RTM_DELQDISC" },   { 38, "RTM_GETQDISC" },   { 40, "RTM_NEWTCLASS" },
	{ 41, "RTM_DELTCLASS" },  { 42, "RTM_GETTCLASS" },  { 44, "RTM_NEWTFILTER" },
	{ 45, "RTM_DELTFILTER" }, { 46, "RTM_GETTFILTER" }, { 68, "RTM_NEWNSID" },
	{ 69, "RTM_DELNSID" },    { 70, "RTM_GETNSID" },    { 0, NULL },
};

static const struct xval nlm_flags[] = {
	{ 0x01, "NLM_F_REQUEST" },
	{ 0x02, "NLM_F_MULTI" },
	{ 0x04, "NLM_F_ACK" },
	{ 0x08, "NLM_F_ECHO" },
	{ 0x10, "NLM_F_DUMP_INTR" },
	{ 0x20, "NLM_F_DUMP_FILTERED" },
	{ 0, NULL },
};

/* the high byte: its meaning depends on the kind of request */
static const struct xval nlm_get_flags[] = {
	{ 0x300, "NLM_F_DUMP" },
	{ 0x100, "NLM_F_ROOT" },
	{ 0x200, "NLM_F_MATCH" },
	{ 0x400, "NLM_F_ATOMIC" },
	{ 0, NULL },
};

static const struct xval nlm_new_flags[] = {
	{ 0x100, "NLM_F_REPLACE" },
	{ 0x200, "NLM_F_EXCL" },
	{ 0x400, "NLM_F_CREATE" },
	{ 0x800, "NLM_F_APPEND" },
	{ 0, NULL },
};

static const struct xval nlm_del_flags[] = {
	{ 0x100, "NLM_F_NONREC" },
	{ 0, NULL },
};

static const struct xval nlm_ack_flags[] = {
	{ 0x100, "NLM_F_CAPPED" },
	{ 0x200, "NLM_F_ACK_TLVS" },
	{ 0, NULL },
};

static const struct xval families[] = {
	{ 0, "AF_UNSPEC" },   { 1, "AF_UNIX" },    { 2, "AF_INET" }, { 10, "AF_INET6" },
	{ 16, "AF_NETLINK" }, { 17, "AF_PACKET" }, { 0, NULL },
};

static const struct xval ifa_flags[] = {
	{ 0x001, "IFA_F_SECONDARY" },
	{ 0x002, "IFA_F_NODAD" },
	{ 0x004, "IFA_F_OPTIMISTIC" },
	{ 0x008, "IFA_F_DADFAILED" },
	{ 0x010, "IFA_F_HOMEADDRESS" },
	{ 0x020, "IFA_F_DEPRECATED" },
	{ 0x040, "IFA_F_TENTATIVE" },
	{ 0x080, "IFA_F_PERMANENT" },
	{ 0x100, "IFA_F_MANAGETEMPADDR" },
	{ 0x200, "IFA_F_NOPREFIXROUTE" },
	{ 0x400, "IFA_F_MCAUTOJOIN" },
	{ 0x800, "IFA_F_STABLE_PRIVACY" },
	{ 0, NULL },
};

static const struct xval rt_scopes[] = {
	{ 0, "RT_SCOPE_UNIVERSE" }, { 200, "RT_SCOPE_SITE" },    { 253, "RT_SCOPE_LINK" },
	{ 254, "RT_SCOPE_HOST" },   { 255, "RT_SCOPE_NOWHERE" }, { 0, NULL },
};

static const struct xval ifa_attrs[] = {
	{ 0, "IFA_UNSPEC" },
	{ 1, "IFA_ADDRESS" },
	{ 2, "IFA_LOCAL" },
	{ 3, "IFA_LABEL" },
	{ 4, "IFA_BROADCAST" },
	{ 5, "IFA_ANYCAST" },
	{ 6, "IFA_CACHEINFO" },
	{ 7, "IFA_MULTICAST" },
	{ 8, "IFA_FLAGS" },
	{ 9, "IFA_RT_PRIORITY" },
	{ 10, "IFA_TARGET_NETNSID" },
	{ 11, "IFA_PROTO" },
	{ 0, NULL },
};

/* ---- values ---- */

static uint16_t u16at(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t u32at(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void p_hexstr(struct call *c, const unsigned char *b, size_t n)
{
	sb_putc(&c->sb, '"');
	for (size_t i = 0; i < n; i++)
		sb_printf(&c->sb, "\\x%02x", b[i]);
	sb_putc(&c->sb, '"');
}

/*
 * A value shown as a call, "inet_addr(\"127.0.0.1\")": under -X raw its raw
 * form (printed by the caller first), under -X verbose both.
 */
static void call_begin(struct call *c)
{
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " /* ");
}

static void call_end(struct call *c)
{
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

/* An address of the message's family: inet_addr("127.0.0.1") */
static void p_inet(struct call *c, int family, const unsigned char *b, size_t n)
{
	char text[INET6_ADDRSTRLEN];
	bool v4 = family == 2 && n == 4 && inet_ntop(AF_INET, b, text, sizeof(text));
	bool v6 = !v4 && family == 10 && n == 16 && inet_ntop(AF_INET6, b, text, sizeof(text));

	if (opt.xlat != XLAT_ABBREV || (!v4 && !v6))
		p_hexstr(c, b, n);
	if (opt.xlat == XLAT_RAW || (!v4 && !v6))
		return;
	call_begin(c);
	sb_puts(&c->sb, v4 ? "inet_addr(" : "inet_pton(AF_INET6, ");
	p_quoted(c, (const unsigned char *)text, strlen(text), false);
	sb_putc(&c->sb, ')');
	call_end(c);
}

static void p_ifindex(struct call *c, unsigned idx)
{
	char name[IF_NAMESIZE];
	bool named = idx && if_indextoname(idx, name);

	if (opt.xlat != XLAT_ABBREV || !named)
		sb_printf(&c->sb, "%u", idx);
	if (opt.xlat == XLAT_RAW || !named)
		return;
	call_begin(c);
	sb_puts(&c->sb, "if_nametoindex(");
	p_quoted(c, (const unsigned char *)name, strlen(name), false);
	sb_putc(&c->sb, ')');
	call_end(c);
}

/* The value of one ifaddrmsg attribute */
static void p_ifa_attr(struct call *c, int family, unsigned type, const unsigned char *b, size_t n)
{
	switch (type) {
	case 1:
	case 2:
	case 4:
	case 5:
	case 7:
		p_inet(c, family, b, n);
		return;
	case 3: /* IFA_LABEL; in hex (-x), strace shows its NUL too, then "..." */
		if ((opt.hex == HEX_ALL || opt.hex == HEX_NONASCII) && memchr(b, 0, n))
			p_quoted(c, b, n, true);
		else
			p_quoted(c, b, strnlen((const char *)b, n), false);
		return;
	case 6: /* IFA_CACHEINFO */
		if (n >= 16) {
			sb_printf(&c->sb, "{ifa_prefered=%u, ifa_valid=%u, cstamp=%u, tstamp=%u}",
				  u32at(b), u32at(b + 4), u32at(b + 8), u32at(b + 12));
			return;
		}
		break;
	case 8: /* IFA_FLAGS */
		if (n >= 4) {
			p_flags(c, ifa_flags, u32at(b), "IFA_F_???");
			return;
		}
		break;
	case 9: /* IFA_RT_PRIORITY */
		if (n >= 4) {
			sb_printf(&c->sb, "%u", u32at(b));
			return;
		}
		break;
	case 10: /* IFA_TARGET_NETNSID */
		if (n >= 4) {
			sb_printf(&c->sb, "%d", (int32_t)u32at(b));
			return;
		}
		break;
	}
	p_hexstr(c, b, n);
}

/* Attributes: [{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr("127.0.0.1")] each */
static void p_ifa_attrs(struct call *c, int family, const unsigned char *b, size_t n)
{
	size_t off = 0, count = 0;

	for (size_t o = 0; o + 4 <= n;) {
		uint16_t len = u16at(b + o);

		if (len < 4 || len > n - o)
			break;
		count++;
		o += (len + 3u) & ~3u;
	}
	if (count != 1)
		sb_putc(&c->sb, '[');
	for (size_t i = 0; off + 4 <= n; i++) {
		uint16_t len = u16at(b + off), type = u16at(b + off + 2);

		if (len < 4 || len > n - off)
			break;
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (size_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		sb_printf(&c->sb, "[{nla_len=%u, nla_type=", len);
		p_xlat(c, ifa_attrs, type & 0x3fff, "IFA_???");
		sb_puts(&c->sb, "}, ");
		p_ifa_attr(c, family, type & 0x3fff, b + off + 4, len - 4u);
		sb_putc(&c->sb, ']');
		off += (len + 3u) & ~3u;
	}
	if (count != 1)
		sb_putc(&c->sb, ']');
}

static void p_nlmsghdr(struct call *c, const unsigned char *h)
{
	uint16_t type = u16at(h + 4), flags = u16at(h + 6);
	const struct xval *high = type == 2 || type == 3      ? nlm_ack_flags :
				  type >= 16 && type % 4 == 2 ? nlm_get_flags :
				  type >= 16 && type % 4 == 0 ? nlm_new_flags :
				  type >= 16 && type % 4 == 1 ? nlm_del_flags :
								NULL;
	struct xval tbl[16];
	size_t k = 0;

	/* the low byte's flags, then those of the kind of message */
	for (const struct xval *x = nlm_flags; x->name; x++)
		tbl[k++] = *x;
	for (const struct xval *x = high; x && x->name; x++)
		tbl[k++] = *x;
	tbl[k].val = 0;
	tbl[k].name = NULL;
	sb_printf(&c->sb, "{nlmsg_len=%u, nlmsg_type=", u32at(h));
	p_xlat(c, route_types, type, "NLMSG_???");
	sb_puts(&c->sb, ", nlmsg_flags=");
	p_flags(c, tbl, flags, "NLM_F_???");
	sb_printf(&c->sb, ", nlmsg_seq=%u, nlmsg_pid=%u}", u32at(h + 8), u32at(h + 12));
}

static void p_message(struct call *c, const unsigned char *m, size_t len);

/*
 * struct nlmsgerr: {error=-EPERM, msg=the request it answers (its header
 * only, when capped)}; bytes after the request follow as a string.
 */
static void p_error(struct call *c, const unsigned char *body, size_t blen)
{
	int err = -(int32_t)u32at(body);
	const char *name = err > 0 ? scall_errno_name(err) : NULL;
	size_t used = 4;

	if (blen >= 20) {
		size_t inner = u32at(body + 4);

		used += inner < 16 ? 16 : inner > blen - 4 ? blen - 4 : inner;
	}
	if (used < blen)
		sb_putc(&c->sb, '[');
	sb_puts(&c->sb, "{error=");
	if (!name || opt.xlat != XLAT_ABBREV)
		sb_printf(&c->sb, "%d", -err);
	if (name && opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, " /* -%s */", name);
	else if (name && opt.xlat == XLAT_ABBREV)
		sb_printf(&c->sb, "-%s", name);
	if (used > 4) {
		static int depth;

		sb_puts(&c->sb, ", msg=");
		/* an error about an error...: a tracee's data must not nest us deep */
		if (depth >= 2) {
			p_nlmsghdr(c, body + 4);
		} else {
			depth++;
			p_message(c, body + 4, used - 4);
			depth--;
		}
	}
	sb_putc(&c->sb, '}');
	if (used < blen) {
		sb_puts(&c->sb, ", ");
		p_hexstr(c, body + used, blen - used);
		sb_putc(&c->sb, ']');
	}
}

/* One message of len bytes (its header's length, within the data) */
static void p_message(struct call *c, const unsigned char *m, size_t len)
{
	uint16_t type = u16at(m + 4);
	const unsigned char *body = m + 16;
	size_t blen = len - 16;

	if (!blen) {
		p_nlmsghdr(c, m);
		return;
	}
	sb_putc(&c->sb, '[');
	p_nlmsghdr(c, m);
	sb_puts(&c->sb, ", ");
	if (type == 3 && blen >= 4) { /* NLMSG_DONE */
		sb_printf(&c->sb, "%d", (int32_t)u32at(body));
	} else if (type == 2 && blen >= 4) { /* NLMSG_ERROR */
		p_error(c, body, blen);
	} else if (type >= 20 && type <= 22) { /* RTM_{NEW,DEL,GET}ADDR */
		sb_puts(&c->sb, "{ifa_family=");
		p_xlat(c, families, body[0], "AF_???");
		if (blen < 8) {
			sb_puts(&c->sb, ", ...}");
		} else {
			sb_printf(&c->sb, ", ifa_prefixlen=%u, ifa_flags=", body[1]);
			p_flags(c, ifa_flags, body[2], "IFA_F_???");
			sb_puts(&c->sb, ", ifa_scope=");
			p_xlat(c, rt_scopes, body[3], NULL);
			sb_puts(&c->sb, ", ifa_index=");
			p_ifindex(c, u32at(body + 4));
			sb_putc(&c->sb, '}');
			if (blen > 8) {
				sb_puts(&c->sb, ", ");
				p_ifa_attrs(c, body[0], body + 8, blen - 8);
			}
		}
	} else {
		p_hexstr(c, body, blen);
	}
	sb_putc(&c->sb, ']');
}

/* The messages in n bytes of local data; false when there is not even one */
static bool p_messages(struct call *c, const unsigned char *b, size_t n)
{
	size_t count = 0, off;

	for (off = 0; off + 16 <= n;) {
		uint32_t len = u32at(b + off);

		if (len < 16 || len > n - off)
			break;
		count++;
		off += (len + 3u) & ~3u;
	}
	if (!count)
		return false;
	if (count > 1)
		sb_putc(&c->sb, '[');
	off = 0;
	for (size_t i = 0; i < count; i++) {
		uint32_t len = u32at(b + off);

		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (size_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		p_message(c, b + off, len);
		off += (len + 3u) & ~3u;
	}
	if (count > 1)
		sb_putc(&c->sb, ']');
	return true;
}

bool p_netlink(struct call *c, int fd, uint64_t addr, uint64_t len)
{
	unsigned char *buf;
	bool done = false;

	if (!addr || len < 16 || len > (1u << 20) || !c->verbose || !is_route_socket(c, fd))
		return false;
	buf = malloc((size_t)len);
	if (buf && umove(c, addr, buf, (size_t)len))
		done = p_messages(c, buf, (size_t)len);
	free(buf);
	return done;
}
