/* SPDX-License-Identifier: MIT */
/* A growable text buffer: decoders build a call's text in one. */
#ifndef SCALL_CLI_SBUF_H
#define SCALL_CLI_SBUF_H

#include <stddef.h>

struct sbuf {
	char *s;
	size_t len, cap;
};

void sb_init(struct sbuf *sb);
void sb_free(struct sbuf *sb);
void sb_reset(struct sbuf *sb);
void sb_putc(struct sbuf *sb, char c);
void sb_puts(struct sbuf *sb, const char *s);
void sb_putn(struct sbuf *sb, const char *s, size_t n);
void sb_printf(struct sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Drop everything from pos on. */
void sb_truncate(struct sbuf *sb, size_t pos);

#endif
