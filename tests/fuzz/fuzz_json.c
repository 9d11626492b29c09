/* SPDX-License-Identifier: MIT */
/*
 * The JSON string escaper (json.c): any bytes must come out as one valid
 * JSON string of printable ASCII, which reads back as the same bytes (each
 * byte is the code point of the same value).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "report.h"
#include "sbuf.h"

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

static void fail(const char *why, size_t at)
{
	fprintf(stderr, "fuzz_json: %s (output byte %zu)\n", why, at);
	abort();
}

/* Decode the JSON string s[0..len) into out; returns the length. */
static size_t unescape(const char *s, size_t len, unsigned char *out)
{
	size_t n = 0;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		fail("not a quoted string", 0);
	for (size_t i = 1; i + 1 < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch >= 0x7f)
			fail("a byte that is not printable ASCII", i);
		if (ch == '"')
			fail("an unescaped quote", i);
		if (ch != '\\') {
			out[n++] = ch;
			continue;
		}
		if (i + 2 >= len)
			fail("an escape cut short", i);
		switch (s[++i]) {
		case '"':
		case '\\':
		case '/':
			out[n++] = (unsigned char)s[i];
			break;
		case 'b':
			out[n++] = '\b';
			break;
		case 'f':
			out[n++] = '\f';
			break;
		case 'n':
			out[n++] = '\n';
			break;
		case 'r':
			out[n++] = '\r';
			break;
		case 't':
			out[n++] = '\t';
			break;
		case 'u': {
			unsigned v = 0;

			if (i + 5 >= len)
				fail("a \\u escape cut short", i);
			for (int k = 1; k <= 4; k++) {
				int d = hexval(s[i + k]);

				if (d < 0)
					fail("a bad \\u escape", i);
				v = v << 4 | (unsigned)d;
			}
			if (v > 0xff)
				fail("a \\u escape above U+00FF", i);
			out[n++] = (unsigned char)v;
			i += 4;
			break;
		}
		default:
			fail("an unknown escape", i);
		}
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbuf sb;
	unsigned char *back;
	size_t n;

	sb_init(&sb);
	sb_puts(&sb, "[");
	json_string(&sb, (const char *)data, size);
	sb_puts(&sb, "]");
	if (!json_valid(sb.s, sb.len))
		fail("not valid JSON", 0);
	back = malloc(size + 1);
	if (!back)
		abort();
	n = unescape(sb.s + 1, sb.len - 2, back);
	if (n != size || memcmp(back, data, size))
		fail("does not read back as the input", 0);
	free(back);
	sb_free(&sb);
	return 0;
}
