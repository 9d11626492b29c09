/* SPDX-License-Identifier: MIT */
/* -P PATH: the paths whose calls are shown (pathtrace.c). */
#ifndef SCALL_CLI_PATHTRACE_H
#define SCALL_CLI_PATHTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Select path (and what it resolves to); usage error if empty. */
void pathtrace_add(const char *path);
/* Forget the selected paths without freeing them (the fuzz harness frees
 * what a run allocated). */
void pathtrace_drop(void);
/* Whether -P was given. */
bool pathtrace_active(void);
/* Whether the len bytes at path are one of the selected paths. */
bool pathtrace_path(const char *path, size_t len);
/* Whether descriptor fd of tid is open on one of them. */
bool pathtrace_fd(pid_t tid, int fd);

#endif
