/* SPDX-License-Identifier: MIT */
/* -k: stack traces of the calls (stacktrace.c). */
#ifndef SCALL_CLI_STACKTRACE_H
#define SCALL_CLI_STACKTRACE_H

#include <sys/types.h>

struct thr;

/* Print the " > module(symbol+0x..) [0x..]" lines of t's stack now. */
void stacktrace_print(struct thr *t);
/* The calls that change what is mapped (NULL-terminated): they must stop. */
extern const char *const stacktrace_remap_calls[];
/* At a call's entry: one of those makes what is known of pid's modules stale. */
void stacktrace_note_call(pid_t pid, const char *name);
/* The process ended or exec'd: drop what is known of its modules. */
void stacktrace_forget(pid_t pid);

#endif
