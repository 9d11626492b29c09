/* SPDX-License-Identifier: MIT */
/* A strict JSON (RFC 8259) validator, for what --json prints. */
#include <string.h>

#include "fuzz.h"

struct cur {
	const char *s, *end;
	int depth;
};

static bool value(struct cur *c);

static void skip_ws(struct cur *c)
{
	while (c->s < c->end && (*c->s == ' ' || *c->s == '\t' || *c->s == '\n' || *c->s == '\r'))
		c->s++;
}

static bool lit(struct cur *c, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(c->end - c->s) < n || memcmp(c->s, word, n))
		return false;
	c->s += n;
	return true;
}

static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool digits(struct cur *c)
{
	const char *start = c->s;

	while (c->s < c->end && is_digit(*c->s))
		c->s++;
	return c->s > start;
}

static bool number(struct cur *c)
{
	if (c->s < c->end && *c->s == '-')
		c->s++;
	if (c->s < c->end && *c->s == '0')
		c->s++;
	else if (!digits(c))
		return false;
	if (c->s < c->end && *c->s == '.') {
		c->s++;
		if (!digits(c))
			return false;
	}
	if (c->s < c->end && (*c->s == 'e' || *c->s == 'E')) {
		c->s++;
		if (c->s < c->end && (*c->s == '+' || *c->s == '-'))
			c->s++;
		if (!digits(c))
			return false;
	}
	return true;
}

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

/* Length of the UTF-8 sequence at s (well-formed, shortest form, no
 * surrogates), or 0. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	unsigned cp;
	size_t n;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static bool string(struct cur *c)
{
	if (c->s >= c->end || *c->s != '"')
		return false;
	c->s++;
	while (c->s < c->end) {
		unsigned char ch = (unsigned char)*c->s;
		size_t n;

		if (ch == '"') {
			c->s++;
			return true;
		}
		if (ch < 0x20)
			return false;
		if (ch != '\\') {
			n = utf8_len((const unsigned char *)c->s, (size_t)(c->end - c->s));
			if (!n)
				return false;
			c->s += n;
			continue;
		}
		if (++c->s >= c->end)
			return false;
		switch (*c->s++) {
		case '"':
		case '\\':
		case '/':
		case 'b':
		case 'f':
		case 'n':
		case 'r':
		case 't':
			break;
		case 'u':
			if (c->end - c->s < 4)
				return false;
			for (int i = 0; i < 4; i++)
				if (hexval(*c->s++) < 0)
					return false;
			break;
		default:
			return false;
		}
	}
	return false;
}

/* Elements of an array ("]") or members of an object ("}"). */
static bool items(struct cur *c, char close, bool members)
{
	c->s++;
	skip_ws(c);
	if (c->s < c->end && *c->s == close) {
		c->s++;
		return true;
	}
	for (;;) {
		skip_ws(c);
		if (members) {
			if (!string(c))
				return false;
			skip_ws(c);
			if (c->s >= c->end || *c->s++ != ':')
				return false;
		}
		if (!value(c))
			return false;
		skip_ws(c);
		if (c->s >= c->end)
			return false;
		if (*c->s == close) {
			c->s++;
			return true;
		}
		if (*c->s++ != ',')
			return false;
	}
}

static bool value(struct cur *c)
{
	bool ok;

	skip_ws(c);
	if (c->s >= c->end)
		return false;
	switch (*c->s) {
	case '{':
	case '[':
		if (++c->depth > 256)
			return false;
		ok = items(c, *c->s == '{' ? '}' : ']', *c->s == '{');
		c->depth--;
		return ok;
	case '"':
		return string(c);
	case 't':
		return lit(c, "true");
	case 'f':
		return lit(c, "false");
	case 'n':
		return lit(c, "null");
	default:
		return number(c);
	}
}

bool json_valid(const char *s, size_t len)
{
	struct cur c = { s, s + len, 0 };

	if (!value(&c))
		return false;
	skip_ws(&c);
	return c.s == c.end;
}
