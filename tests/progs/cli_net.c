/* SPDX-License-Identifier: MIT */
/* Sockets: socketpair, sendto/recvfrom, sendmsg/recvmsg, AF_INET and AF_UNIX addresses. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "../cli/tracee.h"

int main(void)
{
	char line[1024], buf[64];
	int sv[2];
	long r, s, u;
	struct sockaddr_in sin;
	struct sockaddr_un sun;
	socklen_t len;
	int one = 1, type = 0;
	struct iovec iov[2];
	struct msghdr mh;

	r = syscall(SYS_socketpair, (long)AF_UNIX, (long)(SOCK_STREAM | SOCK_CLOEXEC), 0L, sv);
	snprintf(line, sizeof(line), "socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, [%d, %d])",
		 sv[0], sv[1]);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_sendto, (long)sv[0], "ping\n", 5L, (long)MSG_DONTWAIT, 0L, 0L);
	snprintf(line, sizeof(line), "sendto(%d, \"ping\\n\", 5, MSG_DONTWAIT, NULL, 0)", sv[0]);
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_recvfrom, (long)sv[1], buf, 64L, 0L, 0L, 0L);
	snprintf(line, sizeof(line), "recvfrom(%d, \"ping\\n\", 64, 0, NULL, NULL)", sv[1]);
	expect("%s= %ld", col(line), r);

	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "cd";
	iov[1].iov_len = 2;
	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = iov;
	mh.msg_iovlen = 2;
	r = syscall(SYS_sendmsg, (long)sv[0], &mh, 0L);
	snprintf(line, sizeof(line),
		 "sendmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"ab\", "
		 "iov_len=2}, {iov_base=\"cd\", iov_len=2}], msg_iovlen=2, msg_controllen=0, "
		 "msg_flags=0}, 0)",
		 sv[0]);
	expect("%s= %ld", col(line), r);

	iov[0].iov_base = buf;
	iov[0].iov_len = sizeof(buf);
	mh.msg_iovlen = 1;
	r = syscall(SYS_recvmsg, (long)sv[1], &mh, 0L);
	snprintf(line, sizeof(line),
		 "recvmsg(%d, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abcd\", "
		 "iov_len=%zu}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0)",
		 sv[1], sizeof(buf));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_shutdown, (long)sv[0], (long)SHUT_WR);
	snprintf(line, sizeof(line), "shutdown(%d, SHUT_WR)", sv[0]);
	expect("%s= %ld", col(line), r);

	s = syscall(SYS_socket, (long)AF_INET, (long)SOCK_DGRAM, (long)IPPROTO_UDP);
	expect("%s= %ld", col("socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)"), s);

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = syscall(SYS_bind, s, &sin, (long)sizeof(sin));
	snprintf(line, sizeof(line),
		 "bind(%ld, {sa_family=AF_INET, sin_port=htons(0), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, 16)",
		 s);
	expect("%s= %ld", col(line), r);

	len = sizeof(sin);
	r = syscall(SYS_getsockname, s, &sin, &len);
	snprintf(line, sizeof(line),
		 "getsockname(%ld, {sa_family=AF_INET, sin_port=htons(%u), "
		 "sin_addr=inet_addr(\"127.0.0.1\")}, [16])",
		 s, ntohs(sin.sin_port));
	expect("%s= %ld", col(line), r);

	r = syscall(SYS_setsockopt, s, (long)SOL_SOCKET, (long)SO_REUSEADDR, &one, 4L);
	snprintf(line, sizeof(line), "setsockopt(%ld, SOL_SOCKET, SO_REUSEADDR, [1], 4)", s);
	expect("%s= %ld", col(line), r);

	len = sizeof(type);
	r = syscall(SYS_getsockopt, s, (long)SOL_SOCKET, (long)SO_TYPE, &type, &len);
	snprintf(line, sizeof(line), "getsockopt(%ld, SOL_SOCKET, SO_TYPE, [%d], [4])", s, type);
	expect("%s= %ld", col(line), r);

	u = syscall(SYS_socket, (long)AF_UNIX, (long)SOCK_STREAM, 0L);
	expect("%s= %ld", col("socket(AF_UNIX, SOCK_STREAM, 0)"), u);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/nonexistent/sock");
	r = syscall(SYS_connect, u, &sun, (long)sizeof(sun));
	snprintf(line, sizeof(line),
		 "connect(%ld, {sa_family=AF_UNIX, sun_path=\"/nonexistent/sock\"}, %zu)", u,
		 sizeof(sun));
	expect("%s= %s", col(line), err_text(errno));

	/* several messages in one call (the DNS resolver's sendmmsg) */
	{
		struct mmsghdr mm[2];
		struct iovec v[2];
		char rb[2][8];
		const char *msg = "{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=";
		const char *tail = "}], msg_iovlen=1, msg_controllen=0, msg_flags=0}";

		r = syscall(SYS_socketpair, (long)AF_UNIX, (long)SOCK_DGRAM, 0L, sv);
		snprintf(line, sizeof(line), "socketpair(AF_UNIX, SOCK_DGRAM, 0, [%d, %d])", sv[0],
			 sv[1]);
		expect("%s= %ld", col(line), r);
		memset(mm, 0, sizeof(mm));
		v[0].iov_base = "abc";
		v[0].iov_len = 3;
		v[1].iov_base = "de";
		v[1].iov_len = 2;
		for (int i = 0; i < 2; i++) {
			mm[i].msg_hdr.msg_iov = &v[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		r = syscall(SYS_sendmmsg, (long)sv[0], mm, 2L, (long)MSG_DONTWAIT);
		snprintf(line, sizeof(line),
			 "sendmmsg(%d, [%s\"abc\", iov_len=3%s, msg_len=3}, %s\"de\", iov_len=2%s, "
			 "msg_len=2}], 2, MSG_DONTWAIT)",
			 sv[0], msg, tail, msg, tail);
		expect("%s= %ld", col(line), r);
		for (int i = 0; i < 2; i++) {
			v[i].iov_base = rb[i];
			v[i].iov_len = sizeof(rb[i]);
		}
		r = syscall(SYS_recvmmsg, (long)sv[1], mm, 2L, (long)MSG_DONTWAIT, NULL);
		snprintf(line, sizeof(line),
			 "recvmmsg(%d, [%s\"abc\", iov_len=8%s, msg_len=3}, %s\"de\", iov_len=8%s, "
			 "msg_len=2}], 2, MSG_DONTWAIT, NULL)",
			 sv[1], msg, tail, msg, tail);
		expect("%s= %ld", col(line), r);
		r = syscall(SYS_recvmmsg, (long)sv[1], mm, 2L, (long)MSG_DONTWAIT, NULL);
		snprintf(line, sizeof(line), "recvmmsg(%d, %p, 2, MSG_DONTWAIT, NULL)", sv[1],
			 (void *)mm);
		expect("%s= %s", col(line), err_text(errno));
	}

	expect_flush();
	return 0;
}
