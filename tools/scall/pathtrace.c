/* SPDX-License-Identifier: MIT */
/*
 * -P PATH: show only the calls that name one of the paths, or use a
 * descriptor open on one.  Paths match as strings (as the tracee wrote them);
 * descriptors by what /proc/PID/fd/N links to.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pathtrace.h"
#include "util.h"

static char **paths;
static size_t npaths;

static void add(const char *path)
{
	for (size_t i = 0; i < npaths; i++)
		if (!strcmp(paths[i], path))
			return;
	paths = xrealloc(paths, (npaths + 1) * sizeof(*paths));
	paths[npaths++] = xstrdup(path);
}

void pathtrace_add(const char *path)
{
	char real[PATH_MAX];

	if (!*path)
		usage_error("-P: empty path");
	add(path);
	/* A symlink or relative name also selects what it resolves to. */
	if (realpath(path, real) && strcmp(real, path)) {
		msg("Requested path \"%s\" resolved into \"%s\"", path, real);
		add(real);
	}
}

void pathtrace_drop(void)
{
	paths = NULL;
	npaths = 0;
}

bool pathtrace_active(void)
{
	return npaths > 0;
}

bool pathtrace_path(const char *path, size_t len)
{
	for (size_t i = 0; i < npaths; i++)
		if (strlen(paths[i]) == len && !memcmp(paths[i], path, len))
			return true;
	return false;
}

bool pathtrace_fd(pid_t tid, int fd)
{
	char link[64], path[PATH_MAX];
	ssize_t n;

	if (fd < 0)
		return false;
	snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)tid, fd);
	n = readlink(link, path, sizeof(path));
	return n > 0 && (size_t)n < sizeof(path) && pathtrace_path(path, (size_t)n);
}
