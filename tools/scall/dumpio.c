/* SPDX-License-Identifier: MIT */
/*
 * -e read=SET, -e write=SET: a hex and ASCII dump of the data a call read
 * from or wrote to a descriptor of SET, after its line, as strace prints it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "dumpio.h"
#include "trace.h"
#include "util.h"

#define MAX_FD 65536

struct fdset {
	unsigned char bits[MAX_FD / 8];
	bool any;
};

static struct fdset read_set, write_set;

void dumpio_parse(bool write, const char *value)
{
	struct fdset *s = write ? &write_set : &read_set;
	bool invert = *value == '!';
	char *copy = xstrdup(value + invert), *save = NULL;

	memset(s->bits, 0, sizeof(s->bits));
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;
		long fd;

		if (!strcmp(tok, "all")) {
			memset(s->bits, 0xff, sizeof(s->bits));
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		fd = strtol(tok, &end, 10);
		if (*end || end == tok || fd < 0 || fd >= MAX_FD)
			usage_error("invalid descriptor '%s' in -e %s=", tok,
				    write ? "write" : "read");
		s->bits[fd / 8] |= (unsigned char)(1u << (fd % 8));
	}
	free(copy);
	if (invert)
		for (size_t i = 0; i < sizeof(s->bits); i++)
			s->bits[i] = (unsigned char)~s->bits[i];
	s->any = false;
	for (size_t i = 0; i < sizeof(s->bits) && !s->any; i++)
		s->any = s->bits[i] != 0;
}

static bool in_set(const struct fdset *s, int64_t fd)
{
	return s->any && fd >= 0 && fd < MAX_FD && (s->bits[fd / 8] >> (fd % 8)) & 1;
}

/* " | 00000  68 65 ... 69  hello world, thi |" lines for len bytes at addr. */
static void dump_bytes(struct thr *t, uint64_t addr, uint64_t len)
{
	unsigned char buf[4096];

	for (uint64_t off = 0; off < len;) {
		size_t n = len - off < sizeof(buf) ? (size_t)(len - off) : sizeof(buf);
		ssize_t got = scall_mem_read(t->c.t, t->tid, addr + off, buf, n);

		if (got <= 0)
			return;
		for (size_t i = 0; i < (size_t)got; i += 16) {
			char hex[64], asc[17];
			size_t h = 0;

			for (size_t j = 0; j < 16; j++) {
				if (i + j < (size_t)got) {
					unsigned char ch = buf[i + j];

					h += (size_t)snprintf(hex + h, sizeof(hex) - h, "%02x ",
							      ch);
					asc[j] = ch >= 0x20 && ch < 0x7f ? (char)ch : '.';
				} else {
					h += (size_t)snprintf(hex + h, sizeof(hex) - h, "   ");
					asc[j] = ' ';
				}
				if (j == 7)
					hex[h++] = ' ';
			}
			hex[h] = '\0';
			asc[16] = '\0';
			out_printf(t, " | %05llx  %s %s |", (unsigned long long)(off + i), hex,
				   asc);
			line_end(t);
		}
		off += (uint64_t)got;
		if ((size_t)got < n)
			return;
	}
}

/* The iovec array of cnt entries at addr, up to size bytes in all. */
static void dump_iov(struct thr *t, uint64_t addr, uint64_t cnt, uint64_t size)
{
	bool i386 = t->c.abi == SCALL_ABI_I386;
	size_t esz = i386 ? 8 : 16;

	for (uint64_t i = 0; i < cnt && i < 1024; i++) {
		uint64_t base = 0, len = 0;
		unsigned char e[16];

		if (scall_mem_read(t->c.t, t->tid, addr + i * esz, e, esz) != (ssize_t)esz)
			return;
		if (i386) {
			uint32_t b, l;

			memcpy(&b, e, 4);
			memcpy(&l, e + 4, 4);
			base = b;
			len = l;
		} else {
			memcpy(&base, e, 8);
			memcpy(&len, e + 8, 8);
		}
		if (len > size)
			len = size;
		if (!len)
			return;
		size -= len;
		out_printf(t, " * %llu bytes in buffer %llu", (unsigned long long)len,
			   (unsigned long long)i);
		line_end(t);
		dump_bytes(t, base, len);
	}
}

/* The iovecs of the msghdr at addr. */
static void dump_msghdr(struct thr *t, uint64_t addr, uint64_t size)
{
	bool i386 = t->c.abi == SCALL_ABI_I386;
	unsigned char m[32];
	uint64_t iov = 0, cnt = 0;

	if (scall_mem_read(t->c.t, t->tid, addr, m, i386 ? 16 : 32) != (i386 ? 16 : 32))
		return;
	if (i386) {
		uint32_t a, n;

		memcpy(&a, m + 8, 4);
		memcpy(&n, m + 12, 4);
		iov = a;
		cnt = n;
	} else {
		memcpy(&iov, m + 16, 8);
		memcpy(&cnt, m + 24, 8);
	}
	dump_iov(t, iov, cnt, size);
}

/* The mmsghdr array of a sendmmsg/recvmmsg: n messages, each up to its msg_len. */
static void dump_mmsg(struct thr *t, uint64_t addr, uint64_t n)
{
	bool i386 = t->c.abi == SCALL_ABI_I386;
	size_t esz = i386 ? 32 : 64, hsz = i386 ? 28 : 56;

	for (uint64_t i = 0; i < n && i < 1024; i++) {
		unsigned char m[64];
		uint64_t iov = 0, cnt = 0;
		uint32_t len;

		if (scall_mem_read(t->c.t, t->tid, addr + i * esz, m, esz) != (ssize_t)esz)
			return;
		if (i386) {
			uint32_t a, c;

			memcpy(&a, m + 8, 4);
			memcpy(&c, m + 12, 4);
			iov = a;
			cnt = c;
		} else {
			memcpy(&iov, m + 16, 8);
			memcpy(&cnt, m + 24, 8);
		}
		memcpy(&len, m + hsz, 4);
		out_printf(t, " = %llu buffers in vector %llu", (unsigned long long)cnt,
			   (unsigned long long)i);
		line_end(t);
		dump_iov(t, iov, cnt, len);
	}
}

/* Whether len bytes at addr can be read (their ends, at least): strace dumps
 * a write's buffer whole or not at all. */
static bool readable(struct thr *t, uint64_t addr, uint64_t len)
{
	unsigned char b;

	return len && scall_mem_read(t->c.t, t->tid, addr, &b, 1) == 1 &&
	       scall_mem_read(t->c.t, t->tid, addr + len - 1, &b, 1) == 1;
}

static bool named(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(name, *list))
			return true;
	return false;
}

/*
 * As strace: what a read-like call got (only when it succeeded), what a
 * write-like call was given (its count or whole vector, even when it failed).
 */
void dumpio(struct thr *t)
{
	static const char *const rd_buf[] = { "read", "pread64", "recvfrom", NULL };
	static const char *const wr_buf[] = { "write", "pwrite64", "sendto", NULL };
	static const char *const rd_iov[] = { "readv", "preadv", "preadv2", NULL };
	static const char *const wr_iov[] = { "writev", "pwritev", "pwritev2", NULL };
	struct call *c = &t->c;
	const char *name = c->ent ? c->ent->name : NULL;
	int64_t fd = (int32_t)c->args[0];
	uint64_t got = c->error || c->rval <= 0 ? 0 : (uint64_t)c->rval;
	uint64_t count = c->abi == SCALL_ABI_I386 ? (uint32_t)c->args[2] : c->args[2];

	if (!name)
		return;
	if (in_set(&read_set, fd) && got) {
		if (named(name, rd_buf))
			dump_bytes(t, c->args[1], got);
		else if (named(name, rd_iov))
			dump_iov(t, c->args[1], c->args[2], got);
		else if (!strcmp(name, "recvmsg"))
			dump_msghdr(t, c->args[1], got);
		else if (!strcmp(name, "recvmmsg"))
			dump_mmsg(t, c->args[1], got);
	}
	if (in_set(&write_set, fd)) {
		if (named(name, wr_buf) && readable(t, c->args[1], count))
			dump_bytes(t, c->args[1], count);
		else if (named(name, wr_iov))
			dump_iov(t, c->args[1], c->args[2], UINT64_MAX);
		else if (!strcmp(name, "sendmsg"))
			dump_msghdr(t, c->args[1], UINT64_MAX);
		else if (!strcmp(name, "sendmmsg") && got)
			dump_mmsg(t, c->args[1], got);
	}
}

bool dumpio_active(void)
{
	return read_set.any || write_set.any;
}
