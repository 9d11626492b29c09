/* SPDX-License-Identifier: MIT */
/*
 * cli_nlnest [BYTES] - a netlink message of NLMSG_ERRORs nested in each other
 * for BYTES (default 1 MiB), sent to the kernel: the decoder must not recurse
 * as deep as the data goes.
 */
#include <linux/netlink.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 0) : (size_t)1 << 20;
	int s = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	unsigned char *b = calloc(1, n);
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	struct iovec io;
	struct msghdr mh;

	if (s < 0 || !b)
		return 1;
	for (size_t off = 0; off + 20 <= n; off += 20) {
		uint32_t len = (uint32_t)(n - off);
		uint16_t type = NLMSG_ERROR;
		int32_t err = -1;

		memcpy(b + off, &len, 4);
		memcpy(b + off + 4, &type, 2);
		memcpy(b + off + 16, &err, 4);
	}
	io.iov_base = b;
	io.iov_len = n;
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &k;
	mh.msg_namelen = sizeof(k);
	mh.msg_iov = &io;
	mh.msg_iovlen = 1;
	bind(s, (struct sockaddr *)&k, sizeof(k));
	sendmsg(s, &mh, 0);
	free(b);
	return 0;
}
