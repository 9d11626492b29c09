/* SPDX-License-Identifier: MIT */
/*
 * Sockets as -yy shows them (strace's formats): TCP and UDP over IPv4 and
 * IPv6, UNIX stream/dgram/seqpacket (pairs, paths, abstract names, unbound),
 * netlink, protocols strace has no query for, and sockets in another network
 * namespace.  Each is shown by an lseek (ESPIPE on a socket); the socket()
 * calls show the new descriptor.  Traced with -e trace=lseek,socket.
 *
 * With the argument "-y" the lines are those of -y: "socket:[INODE]".
 *
 * A socket's text is asked of the kernel once, when it is first shown with
 * an answer, and kept (strace does the same): so each socket below is shown
 * again only while that text still holds, but for one UDP socket that shows
 * the kept text after a connect.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "../cli/tracee.h"

#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE 136
#endif

static bool plain; /* -y */

static unsigned long long ino(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		_exit(97);
	return (unsigned long long)st.st_ino;
}

/* "lseek(FD<TEXT>, 0, SEEK_SET) = -1 ESPIPE (Illegal seek)"; TEXT NULL: "socket:[INODE]" */
static void show(int fd, const char *text)
{
	char line[1024], sock[64];
	long r = syscall(SYS_lseek, (long)fd, 0L, (long)SEEK_SET);

	if (r != -1 || errno != ESPIPE)
		_exit(96);
	snprintf(sock, sizeof(sock), "socket:[%llu]", ino(fd));
	snprintf(line, sizeof(line), "lseek(%d<%s>, 0, SEEK_SET)", fd,
		 plain || !text ? sock : text);
	expect("%s= -1 ESPIPE (Illegal seek)", col(line));
}

/* show(fd, "PROTO:[INODE]"): no answer from the kernel */
static void show_bare(int fd, const char *proto)
{
	char text[128];

	snprintf(text, sizeof(text), "%s:[%llu]", proto, ino(fd));
	show(fd, text);
}

/* socket(), with its line: "socket(ARGS) = FD<PROTO:[INODE]>"; -1 if it failed (no line) */
static int sock(int family, int type, int proto, const char *args, const char *name)
{
	char text[128];
	int fd = socket(family, type, proto);

	if (fd < 0)
		return -1;
	if (plain || !name)
		snprintf(text, sizeof(text), "socket:[%llu]", ino(fd));
	else
		snprintf(text, sizeof(text), "%s:[%llu]", name, ino(fd));
	expect("%s= %d<%s>", col(args), fd, text);
	return fd;
}

static unsigned short port_of(int fd)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	if (getsockname(fd, (struct sockaddr *)&a, &len))
		_exit(95);
	/* sin_port and sin6_port are at the same place */
	return ntohs(a.sin6_port);
}

static void bind4(int fd, const char *addr)
{
	struct sockaddr_in a = { .sin_family = AF_INET };

	inet_pton(AF_INET, addr, &a.sin_addr);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
		_exit(94);
}

static int bind6(int fd, const char *addr)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6 };

	inet_pton(AF_INET6, addr, &a.sin6_addr);
	return bind(fd, (struct sockaddr *)&a, sizeof(a));
}

static void connect_to(int fd, int to)
{
	struct sockaddr_in6 a;
	socklen_t len = sizeof(a);

	if (getsockname(to, (struct sockaddr *)&a, &len) || connect(fd, (struct sockaddr *)&a, len))
		_exit(93);
}

static void tcp4(void)
{
	char text[256];
	int l, c, a;

	l = sock(AF_INET, SOCK_STREAM, 0, "socket(AF_INET, SOCK_STREAM, IPPROTO_IP)", "TCP");
	show_bare(l, "TCP"); /* unbound: the kernel does not list it */
	bind4(l, "127.0.0.1");
	if (listen(l, 4))
		_exit(92);
	snprintf(text, sizeof(text), "TCP:[127.0.0.1:%u]", port_of(l));
	show(l, text);

	c = sock(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0,
		 "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP)", "TCP");
	connect_to(c, l);
	a = accept(l, NULL, NULL);
	if (a < 0)
		_exit(91);
	snprintf(text, sizeof(text), "TCP:[127.0.0.1:%u->127.0.0.1:%u]", port_of(c), port_of(l));
	show(c, text);
	snprintf(text, sizeof(text), "TCP:[127.0.0.1:%u->127.0.0.1:%u]", port_of(l), port_of(c));
	show(a, text);
	show(a, text); /* the kept answer */

	/* bound to any address */
	c = sock(AF_INET, SOCK_STREAM, 0, "socket(AF_INET, SOCK_STREAM, IPPROTO_IP)", "TCP");
	bind4(c, "0.0.0.0");
	snprintf(text, sizeof(text), "TCP:[0.0.0.0:%u]", port_of(c));
	show(c, text);
}

static void tcp6(void)
{
	char text[256];
	int l, c, a;

	l = sock(AF_INET6, SOCK_STREAM, 0, "socket(AF_INET6, SOCK_STREAM, IPPROTO_IP)", "TCPv6");
	if (l < 0 || bind6(l, "::1") || listen(l, 4)) {
		/* no IPv6 here */
		if (l >= 0)
			close(l);
		return;
	}
	snprintf(text, sizeof(text), "TCPv6:[[::1]:%u]", port_of(l));
	show(l, text);
	c = sock(AF_INET6, SOCK_STREAM, 0, "socket(AF_INET6, SOCK_STREAM, IPPROTO_IP)", "TCPv6");
	connect_to(c, l);
	a = accept(l, NULL, NULL);
	if (a < 0)
		_exit(90);
	snprintf(text, sizeof(text), "TCPv6:[[::1]:%u->[::1]:%u]", port_of(c), port_of(l));
	show(c, text);
	snprintf(text, sizeof(text), "TCPv6:[[::1]:%u->[::1]:%u]", port_of(a), port_of(c));
	show(a, text);

	c = sock(AF_INET6, SOCK_STREAM, 0, "socket(AF_INET6, SOCK_STREAM, IPPROTO_IP)", "TCPv6");
	show_bare(c, "TCPv6");
	if (bind6(c, "::"))
		_exit(89);
	snprintf(text, sizeof(text), "TCPv6:[[::]:%u]", port_of(c));
	show(c, text);

	/* an IPv4 address in IPv6 form */
	c = sock(AF_INET6, SOCK_DGRAM, 0, "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP)", "UDPv6");
	if (bind6(c, "::ffff:127.0.0.1") == 0) {
		snprintf(text, sizeof(text), "UDPv6:[[::ffff:127.0.0.1]:%u]", port_of(c));
		show(c, text);
	}

	c = sock(AF_INET6, SOCK_DGRAM, 0, "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP)", "UDPv6");
	if (bind6(c, "::1"))
		_exit(88);
	snprintf(text, sizeof(text), "UDPv6:[[::1]:%u]", port_of(c));
	show(c, text);
	a = sock(AF_INET6, SOCK_DGRAM, 0, "socket(AF_INET6, SOCK_DGRAM, IPPROTO_IP)", "UDPv6");
	if (bind6(a, "::1"))
		_exit(87);
	connect_to(a, c);
	snprintf(text, sizeof(text), "UDPv6:[[::1]:%u->[::1]:%u]", port_of(a), port_of(c));
	show(a, text);
}

static void udp4(void)
{
	char text[256];
	int u, v;

	u = sock(AF_INET, SOCK_DGRAM, 0, "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP)", "UDP");
	show_bare(u, "UDP");
	bind4(u, "127.0.0.1");
	snprintf(text, sizeof(text), "UDP:[127.0.0.1:%u]", port_of(u));
	show(u, text);

	v = sock(AF_INET, SOCK_DGRAM, 0, "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP)", "UDP");
	bind4(v, "127.0.0.1");
	connect_to(v, u);
	snprintf(text, sizeof(text), "UDP:[127.0.0.1:%u->127.0.0.1:%u]", port_of(v), port_of(u));
	show(v, text);

	/* connected after its first answer: the kept answer is shown, as by strace */
	snprintf(text, sizeof(text), "UDP:[127.0.0.1:%u]", port_of(u));
	connect_to(u, v);
	show(u, text);

	/* UDP-Lite: a protocol name strace does not know ("UDP-Lite"), so every
	 * query is tried; unbound, none answers and the link is shown */
	u = sock(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE,
		 "socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE)", NULL);
	if (u >= 0) {
		show(u, NULL);
		bind4(u, "127.0.0.1");
		snprintf(text, sizeof(text), "UDPLITE:[127.0.0.1:%u]", port_of(u));
		show(u, text);
	}
}

static void unix_pairs(void)
{
	static const struct {
		int type;
		const char *name;
	} types[] = { { SOCK_STREAM, "UNIX-STREAM" },
		      { SOCK_DGRAM, "UNIX" },
		      { SOCK_SEQPACKET, "UNIX" } };
	char text[256];
	int sv[2];

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (socketpair(AF_UNIX, types[i].type, 0, sv))
			_exit(86);
		snprintf(text, sizeof(text), "%s:[%llu->%llu]", types[i].name, ino(sv[0]),
			 ino(sv[1]));
		show(sv[0], text);
		snprintf(text, sizeof(text), "%s:[%llu->%llu]", types[i].name, ino(sv[1]),
			 ino(sv[0]));
		show(sv[1], text);
	}
}

static int unix_bind(int fd, const char *path, size_t len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	memcpy(a.sun_path, path, len);
	return bind(fd, (struct sockaddr *)&a,
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
}

static void unix_named(void)
{
	char dir[256], path[300], text[512];
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int l, c, s, d;

	/* the test's private directory, under /tmp */
	if (!getcwd(dir, sizeof(dir)))
		_exit(85);

	l = sock(AF_UNIX, SOCK_STREAM, 0, "socket(AF_UNIX, SOCK_STREAM, 0)", "UNIX-STREAM");
	snprintf(path, sizeof(path), "%s/listen.sock", dir);
	unlink(path);
	if (unix_bind(l, path, strlen(path) + 1) || listen(l, 4))
		_exit(84);
	snprintf(text, sizeof(text), "UNIX-STREAM:[%llu,\"%s\"]", ino(l), path);
	show(l, text);

	c = sock(AF_UNIX, SOCK_STREAM, 0, "socket(AF_UNIX, SOCK_STREAM, 0)", "UNIX-STREAM");
	memcpy(a.sun_path, path, strlen(path) + 1);
	if (connect(c, (struct sockaddr *)&a, sizeof(a)))
		_exit(83);
	/* not accepted yet: no peer to tell, and no name */
	show_bare(c, "UNIX-STREAM");
	s = accept(l, NULL, NULL);
	if (s < 0)
		_exit(82);
	/* the accepted socket has the listener's name */
	snprintf(text, sizeof(text), "UNIX-STREAM:[%llu->%llu,\"%s\"]", ino(s), ino(c), path);
	show(s, text);
	snprintf(text, sizeof(text), "UNIX-STREAM:[%llu->%llu]", ino(c), ino(s));
	show(c, text);
	unlink(path);

	/* a datagram socket, a name to escape (bound without its NUL) */
	d = sock(AF_UNIX, SOCK_DGRAM, 0, "socket(AF_UNIX, SOCK_DGRAM, 0)", "UNIX");
	snprintf(path, sizeof(path), "%s/q\"\\\t\001x\3777", dir);
	unlink(path);
	if (unix_bind(d, path, strlen(path)))
		_exit(81);
	unlink(path);
	snprintf(text, sizeof(text), "UNIX:[%llu,\"%s/q\\\"\\\\\\t\\1x\\3777\"]", ino(d), dir);
	show(d, text);

	/* abstract names: "@" and the name up to a NUL */
	s = sock(AF_UNIX, SOCK_SEQPACKET, 0, "socket(AF_UNIX, SOCK_SEQPACKET, 0)", "UNIX");
	snprintf(path + 1, sizeof(path) - 1, "scall-abstract-%d\0021", (int)getpid());
	path[0] = '\0';
	if (unix_bind(s, path, 1 + strlen(path + 1)))
		_exit(80);
	snprintf(text, sizeof(text), "UNIX:[%llu,@\"scall-abstract-%d\\0021\"]", ino(s),
		 (int)getpid());
	show(s, text);
	s = sock(AF_UNIX, SOCK_STREAM, 0, "socket(AF_UNIX, SOCK_STREAM, 0)", "UNIX-STREAM");
	snprintf(path, sizeof(path), "%cscall-%d%cafter-nul", 0, (int)getpid(), 0);
	if (unix_bind(s, path, 1 + strlen(path + 1) + 10))
		_exit(79);
	snprintf(text, sizeof(text), "UNIX-STREAM:[%llu,@\"scall-%d\"]", ino(s), (int)getpid());
	show(s, text);

	/* unbound, unconnected: nothing to tell */
	s = sock(AF_UNIX, SOCK_DGRAM, 0, "socket(AF_UNIX, SOCK_DGRAM, 0)", "UNIX");
	show_bare(s, "UNIX");
}

static void netlink(void)
{
	struct sockaddr_nl a = { .nl_family = AF_NETLINK };
	socklen_t len = sizeof(a);
	char text[128];
	int n;

	n = sock(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)",
		 "NETLINK");
	show_bare(n, "NETLINK"); /* not bound: not listed */
	if (bind(n, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(n, (struct sockaddr *)&a, &len))
		_exit(78);
	snprintf(text, sizeof(text), "NETLINK:[ROUTE:%u]", a.nl_pid);
	show(n, text);

	n = sock(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG,
		 "socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG)", "NETLINK");
	a.nl_pid = 0;
	len = sizeof(a);
	if (bind(n, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(n, (struct sockaddr *)&a, &len))
		_exit(77);
	snprintf(text, sizeof(text), "NETLINK:[SOCK_DIAG:%u]", a.nl_pid);
	show(n, text);
}

/*
 * A packet socket (when allowed): not in strace's table, shown as the link.
 * Made before the first expected line: how socket() shows its protocol is
 * not this test's business.
 */
static int packet_fd = -1;

static void packet(void)
{
	if (packet_fd >= 0)
		show(packet_fd, NULL);
}

/* In a network namespace of its own, the tracer's queries find nothing. */
static void other_netns(void)
{
	int sv[2], t;

	if (unshare(CLONE_NEWNET) && unshare(CLONE_NEWUSER | CLONE_NEWNET))
		return;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		_exit(76);
	show_bare(sv[0], "UNIX-STREAM");
	t = sock(AF_INET, SOCK_STREAM, 0, "socket(AF_INET, SOCK_STREAM, IPPROTO_IP)", "TCP");
	bind4(t, "0.0.0.0");
	if (listen(t, 1))
		_exit(75);
	show_bare(t, "TCP");
}

int main(int argc, char **argv)
{
	plain = argc > 1 && !strcmp(argv[1], "-y");
	packet_fd = socket(AF_PACKET, SOCK_DGRAM, 0);
	tcp4();
	tcp6();
	udp4();
	unix_pairs();
	unix_named();
	netlink();
	packet();
	other_netns();
	expect_flush();
	return 0;
}
