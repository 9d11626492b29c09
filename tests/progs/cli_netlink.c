/* SPDX-License-Identifier: MIT */
/*
 * A NETLINK_ROUTE address dump, as getaddrinfo does it for AI_ADDRCONFIG,
 * and a request the kernel answers with an error.  The socket's port id
 * comes from the working directory and the messages have fixed sequence
 * numbers, so that the trace is the same from run to run in one directory
 * (compared with strace's).
 */
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

struct request {
	struct nlmsghdr h;
	struct rtgenmsg g;
	unsigned char pad[3];
};

int main(void)
{
	struct sockaddr_nl sa;
	struct request req;
	unsigned char buf[16384];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	int fd, done = 0;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	/* from the working directory: the same for the two traces of one test
	 * (run in one directory), not for tests running side by side */
	if (!getcwd((char *)buf, sizeof(buf)))
		return 1;
	sa.nl_pid = 0x100000;
	for (const unsigned char *p = buf; *p; p++)
		sa.nl_pid = (sa.nl_pid * 31 + *p) % 0xfffff + 0x100000;
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;
	sa.nl_pid = 0;

	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req.h) + sizeof(req.g);
	req.h.nlmsg_type = RTM_GETADDR;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.g.rtgen_family = AF_UNSPEC;
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;
	while (!done) {
		ssize_t n;

		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &sa;
		mh.msg_namelen = sizeof(sa);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		n = recvmsg(fd, &mh, 0);
		if (n <= 0)
			return 1;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				done = 1;
	}

	/* not a dump, and no such address: an error, with the request */
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	req.h.nlmsg_seq = 2;
	if (sendto(fd, &req, req.h.nlmsg_len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return 1;
	if (recvfrom(fd, buf, sizeof(buf), 0, NULL, NULL) < 0)
		return 1;
	close(fd);
	return 0;
}
