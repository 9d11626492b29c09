/* SPDX-License-Identifier: MIT */
/* sendmmsg of two datagrams ("ab" "cde", then "xyz"), recvmmsg of both: for -e write=/read=. */
#include <string.h>
#include <sys/socket.h>

int main(void)
{
	struct iovec a[2] = { { "ab", 2 }, { "cde", 3 } }, b[1] = { { "xyz", 3 } };
	char r1[8], r2[8];
	struct iovec c[1] = { { r1, 8 } }, d[1] = { { r2, 8 } };
	struct mmsghdr m[2], n[2];
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return 1;
	memset(m, 0, sizeof(m));
	m[0].msg_hdr.msg_iov = a;
	m[0].msg_hdr.msg_iovlen = 2;
	m[1].msg_hdr.msg_iov = b;
	m[1].msg_hdr.msg_iovlen = 1;
	if (sendmmsg(sv[0], m, 2, 0) != 2)
		return 1;
	memset(n, 0, sizeof(n));
	n[0].msg_hdr.msg_iov = c;
	n[0].msg_hdr.msg_iovlen = 1;
	n[1].msg_hdr.msg_iov = d;
	n[1].msg_hdr.msg_iovlen = 1;
	return recvmmsg(sv[1], n, 2, 0, NULL) == 2 ? 0 : 1;
}
