/* SPDX-License-Identifier: MIT */
/*
 * For -e read=20 -e write=21,25: data moved through a pipe (read end 20,
 * write end 21) and a socket pair (22, 23), and writes to 25 (not open), with
 * the dump lines scall must print after each call.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "../cli/tracee.h"

static const char text[] = "hello world, this is a test of dumps\001\002\n";

static void dump_text(void)
{
	expect(" | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |");
	expect(" | 00010  73 20 69 73 20 61 20 74  65 73 74 20 6f 66 20 64  s is a test of d |");
	expect(" | 00020  75 6d 70 73 01 02 0a                              umps...          |");
}

int main(void)
{
	char line[512], buf[64], a[3], b[40];
	struct iovec iov[3];
	struct msghdr mh = { 0 };
	int p[2], sv[2];
	long r;

	/* The descriptors the test selects, at fixed numbers. */
	if (pipe(p) || dup2(p[0], 20) < 0 || dup2(p[1], 21) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || dup2(sv[0], 22) < 0 || dup2(sv[1], 23) < 0)
		return 1;
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);

	r = syscall(SYS_write, 21L, text, (long)sizeof(text) - 1);
	expect("%s= %ld", col("write(21, \"hello world, this is a test of d\"..., 39)"), r);
	dump_text();
	r = syscall(SYS_read, 20L, buf, 64L);
	expect("%s= %ld", col("read(20, \"hello world, this is a test of d\"..., 64)"), r);
	dump_text();

	/* writev: one " * N bytes in buffer I" header per buffer */
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "cde";
	iov[1].iov_len = 3;
	r = syscall(SYS_writev, 21L, iov, 2L);
	expect("%s= %ld",
	       col("writev(21, [{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=3}], 2)"),
	       r);
	expect(" * 2 bytes in buffer 0");
	expect(" | 00000  61 62                                             ab               |");
	expect(" * 3 bytes in buffer 1");
	expect(" | 00000  63 64 65                                          cde              |");

	/* readv: only the bytes read, buffer by buffer */
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	r = syscall(SYS_readv, 20L, iov, 2L);
	snprintf(line, sizeof(line),
		 "readv(20, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"de\", iov_len=40}], 2)");
	expect("%s= %ld", col(line), r);
	expect(" * 3 bytes in buffer 0");
	expect(" | 00000  61 62 63                                          abc              |");
	expect(" * 2 bytes in buffer 1");
	expect(" | 00000  64 65                                             de               |");

	/* an empty first buffer ends the dump, as strace's does */
	iov[0].iov_base = "";
	iov[0].iov_len = 0;
	iov[1].iov_base = "xy";
	iov[1].iov_len = 2;
	r = syscall(SYS_writev, 21L, iov, 2L);
	expect("%s= %ld",
	       col("writev(21, [{iov_base=\"\", iov_len=0}, {iov_base=\"xy\", iov_len=2}], 2)"), r);

	/* a write that fails is dumped too, as given (25: selected, not open) */
	r = syscall(SYS_write, 25L, "abc", 3L);
	expect("%s= %s", col("write(25, \"abc\", 3)"), err_text(errno));
	expect(" | 00000  61 62 63                                          abc              |");
	iov[0].iov_base = "de";
	iov[0].iov_len = 2;
	iov[1].iov_base = "f";
	iov[1].iov_len = 1;
	r = syscall(SYS_writev, 25L, iov, 2L);
	expect("%s= %s",
	       col("writev(25, [{iov_base=\"de\", iov_len=2}, {iov_base=\"f\", iov_len=1}], 2)"),
	       err_text(errno));
	expect(" * 2 bytes in buffer 0");
	expect(" | 00000  64 65                                             de               |");
	expect(" * 1 bytes in buffer 1");
	expect(" | 00000  66                                                f                |");

	/* a buffer that cannot be read is not dumped at all, as strace's */
	r = syscall(SYS_write, 25L, 1L, 100L);
	expect("%s= %s", col("write(25, 0x1, 100)"), err_text(errno));

	/* sendmsg on a descriptor not selected: no dump */
	iov[0].iov_base = "zz";
	iov[0].iov_len = 2;
	mh.msg_iov = iov;
	mh.msg_iovlen = 1;
	r = syscall(SYS_sendmsg, 22L, &mh, 0L);
	expect("%s= %ld",
	       col("sendmsg(22, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"zz\", "
		   "iov_len=2}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0)"),
	       r);
	expect_flush();
	return 0;
}
