/* SPDX-License-Identifier: MIT */
/* Small helpers shared by the CLI: allocation that cannot fail, messages. */
#ifndef SCALL_CLI_UTIL_H
#define SCALL_CLI_UTIL_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* "scall: MESSAGE" on stderr. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "scall: MESSAGE", then exit status 1. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* A usage error: message, a hint to --help, exit status 1. */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Called by die() before exiting: flushes output, frees the tracer. */
extern void (*die_hook)(void);

#endif
