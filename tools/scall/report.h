/* SPDX-License-Identifier: MIT */
/* Summaries (-c, -C) and JSON Lines (--json). */
#ifndef SCALL_CLI_REPORT_H
#define SCALL_CLI_REPORT_H

#include <stdio.h>

#include "trace.h"

/* stats.c: count one finished call; dur in seconds. */
void stats_add(enum scall_abi abi, long nr, double dur, bool error);
void stats_print(FILE *fp);
/* -U: the summary's columns, a comma list; usage error on an unknown name. */
void stats_columns(const char *list);

/* json.c: one object per finished call, signal and exit. */
void json_call(struct thr *t, bool finished);
void json_signal(struct thr *t, int sig, const char *kind);
void json_exit(struct thr *t, int status);
/* Append s (len bytes) to sb as a JSON string, quotes included. */
void json_string(struct sbuf *sb, const char *s, size_t len);

#endif
