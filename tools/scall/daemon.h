/* SPDX-License-Identifier: MIT */
/* -D: the tracer as a grandchild of the command (daemon.c). */
#ifndef SCALL_CLI_DAEMON_H
#define SCALL_CLI_DAEMON_H

#include <sys/types.h>

#include <scall.h>

/*
 * Fork off the tracer; returns in it only, with the pid of the command (the
 * calling process, which waits, takes ids (-u) if not NULL, then executes
 * path with opt.argv) and the
 * descriptor daemon_release() takes once the tracer is attached.  -D is
 * level 1, -DD 2, -DDD 3.
 */
pid_t daemonize(int level, const char *path, const struct scall_spawn_opts *ids, int *release_fd);
/* Let the command go on to its execve. */
void daemon_release(int fd);

#endif
