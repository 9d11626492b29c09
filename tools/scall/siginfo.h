/* SPDX-License-Identifier: MIT */
/* The siginfo of a signal-delivery stop, as strace prints it. */
#ifndef SCALL_CLI_SIGINFO_H
#define SCALL_CLI_SIGINFO_H

#include "trace.h"

/*
 * Append "{si_signo=SIGCHLD, si_code=CLD_EXITED, ...}" for the signal t is
 * stopped with (scall_get_siginfo()); if the library cannot give it, the
 * signal alone.
 */
void siginfo_describe(struct thr *t, int sig, struct sbuf *sb);

#endif
