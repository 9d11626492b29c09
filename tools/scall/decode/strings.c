/* SPDX-License-Identifier: MIT */
/* Strings and buffers as strace quotes them: escapes, -s truncation, -x hex; arrays. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../options.h"
#include "../pathtrace.h"
#include "decode.h"

/* ---- strings ---- */

static bool is_printable(unsigned char ch)
{
	return ch >= 0x20 && ch < 0x7f;
}

static bool needs_hex(const unsigned char *s, size_t len)
{
	if (opt.hex == HEX_ALL)
		return true;
	if (opt.hex != HEX_NONASCII)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] > 0x7e)
			return true;
		if (s[i] < ' ' && (s[i] < 9 || s[i] > 13))
			return true;
	}
	return false;
}

/* also: more characters to escape as unprintable ones are; quotes: in "" */
static void quote_ex(struct sbuf *sb, const unsigned char *s, size_t len, bool hex,
		     const char *also, bool quotes)
{
	static const char xd[] = "0123456789abcdef";

	if (quotes)
		sb_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = s[i];

		if (hex) {
			char e[5] = { '\\', 'x', xd[ch >> 4], xd[ch & 15], 0 };

			sb_puts(sb, e);
			continue;
		}
		switch (ch) {
		case '"':
			sb_puts(sb, "\\\"");
			continue;
		case '\\':
			sb_puts(sb, "\\\\");
			continue;
		case '\f':
			sb_puts(sb, "\\f");
			continue;
		case '\n':
			sb_puts(sb, "\\n");
			continue;
		case '\r':
			sb_puts(sb, "\\r");
			continue;
		case '\t':
			sb_puts(sb, "\\t");
			continue;
		case '\v':
			sb_puts(sb, "\\v");
			continue;
		}
		if (is_printable(ch) && !(also && strchr(also, ch))) {
			sb_putc(sb, (char)ch);
		} else if (opt.hex == HEX_NONASCII_CHARS) {
			char e[5] = { '\\', 'x', xd[ch >> 4], xd[ch & 15], 0 };

			sb_puts(sb, e);
		} else {
			/* Shortest octal form unless a digit follows. */
			bool digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7';

			sb_printf(sb, digit_next ? "\\%03o" : "\\%o", ch);
		}
	}
	if (quotes)
		sb_putc(sb, '"');
}

static void quote(struct sbuf *sb, const unsigned char *s, size_t len, bool hex)
{
	quote_ex(sb, s, len, hex, NULL, true);
}

void comm_quote(struct sbuf *sb, const char *comm)
{
	size_t len = strlen(comm);

	sb_putc(sb, '<');
	quote_ex(sb, (const unsigned char *)comm, len, needs_hex((const unsigned char *)comm, len),
		 "<>", false);
	sb_putc(sb, '>');
}

void p_quoted(struct call *c, const unsigned char *s, size_t len, bool trunc)
{
	quote(&c->sb, s, len, needs_hex(s, len));
	if (trunc)
		sb_puts(&c->sb, "...");
}

void p_path(struct call *c, uint64_t addr)
{
	char buf[PATH_MAX + 1];
	ssize_t n;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	n = scall_mem_read_str(c->t, c->tid, addr, buf, sizeof(buf));
	if (n < 0) {
		p_ptr(c, addr);
		return;
	}
	if (pathtrace_active() && !c->exiting && pathtrace_path(buf, (size_t)n))
		c->path_hit = true;
	p_quoted(c, (unsigned char *)buf, (size_t)n, (size_t)n == sizeof(buf) - 1);
}

/*
 * A NUL-terminated string of at most -s bytes, read in growing chunks: the
 * memory held is what the string needs (plus one chunk), not the limit, which
 * may be as large as INT_MAX.
 */
void p_str(struct call *c, uint64_t addr)
{
	size_t max = (size_t)opt.strsize;
	size_t size = 512, len = 0;
	char stackbuf[512];
	char *buf = stackbuf;
	ssize_t n;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	for (;;) {
		/* read bytes [len, size - 1): one more than max tells truncation */
		size_t want = size - len;

		if (want > max + 2 - len)
			want = max + 2 - len;
		n = scall_mem_read_str(c->t, c->tid, addr + len, buf + len, want);
		if (n < 0)
			break;
		len += (size_t)n;
		if ((size_t)n < want - 1 || len > max)
			break;
		/* no NUL yet, and the limit is not reached: grow */
		size = size * 2 > max + 2 ? max + 2 : size * 2;
		if (buf == stackbuf) {
			buf = malloc(size);
			if (buf)
				memcpy(buf, stackbuf, len);
		} else {
			char *nb = realloc(buf, size);

			if (!nb)
				free(buf);
			buf = nb;
		}
		if (!buf) {
			n = -1;
			break;
		}
	}
	if (n < 0)
		p_ptr(c, addr);
	else if (len > max)
		p_quoted(c, (unsigned char *)buf, max, true);
	else
		p_quoted(c, (unsigned char *)buf, len, false);
	if (buf != stackbuf)
		free(buf);
}

static void buf_common(struct call *c, uint64_t addr, uint64_t len, bool force_hex)
{
	size_t max = (size_t)opt.strsize;
	size_t want = len < max ? (size_t)len : max;
	unsigned char stackbuf[512];
	unsigned char *buf = stackbuf;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (want > sizeof(stackbuf))
		buf = malloc(want);
	/* read whatever -e verbose= says: data, not a structure */
	if (!buf || (want && scall_mem_read(c->t, c->tid, addr, buf, want) != (ssize_t)want)) {
		p_ptr(c, addr);
	} else if (force_hex) {
		quote(&c->sb, buf, want, true);
		if (len > want)
			sb_puts(&c->sb, "...");
	} else {
		p_quoted(c, buf, want, len > want);
	}
	if (buf != stackbuf)
		free(buf);
}

void p_buf(struct call *c, uint64_t addr, uint64_t len)
{
	buf_common(c, addr, len, false);
}

void p_buf_hex(struct call *c, uint64_t addr, uint64_t len)
{
	buf_common(c, addr, len, true);
}

void a_path(struct call *c, int i)
{
	arg(c);
	p_path(c, arg_ulong(c, i));
}

void a_str(struct call *c, int i)
{
	arg(c);
	p_str(c, arg_ulong(c, i));
}

void a_buf(struct call *c, int i, uint64_t len)
{
	arg(c);
	p_buf(c, arg_ulong(c, i), len);
}

void p_strarray(struct call *c, uint64_t addr)
{
	struct words w;
	uint64_t n;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	words_init(&w, c, addr);
	sb_putc(&c->sb, '[');
	for (n = 0;; n++) {
		uint64_t p;

		if (!words_get(&w, n, &p)) {
			if (n == 0) {
				sb_truncate(&c->sb, c->sb.len - 1);
				p_ptr(c, addr);
				return;
			}
			sb_puts(&c->sb, ", ...");
			break;
		}
		if (!p)
			break;
		if (n)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && n >= (uint64_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		p_str(c, p);
	}
	sb_putc(&c->sb, ']');
}

void p_array(struct call *c, uint64_t addr, uint64_t n, size_t esize,
	     void (*fn)(struct call *c, const void *elem))
{
	unsigned char elem[256];
	uint64_t i;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (esize > sizeof(elem) || (n && !umove(c, addr, elem, esize))) {
		p_ptr(c, addr);
		return;
	}
	sb_putc(&c->sb, '[');
	for (i = 0; i < n; i++) {
		if (i && !umove(c, addr + i * esize, elem, esize)) {
			sb_puts(&c->sb, ", ...");
			break;
		}
		if (i)
			sb_puts(&c->sb, ", ");
		if (c->abbrev && i >= (uint64_t)opt.strsize) {
			sb_puts(&c->sb, "...");
			break;
		}
		fn(c, elem);
	}
	sb_putc(&c->sb, ']');
}
