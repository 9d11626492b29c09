/* SPDX-License-Identifier: MIT */
/*
 * --redirect=OLD=NEW: the path arguments of file calls are rewritten at the
 * entry, before the kernel reads them.  A path is made absolute (against the
 * thread's directory, or the directory of an *at() call's descriptor), cleaned
 * of "." and "..", and when it is OLD or below OLD, NEW takes OLD's place.
 * The new string goes to scratch memory mapped in the tracee by libscall
 * (scall_scratch()), never over the tracee's own buffers: each thread gets
 * a slot of its own there, kept until it ends or its process execs, so other
 * threads neither see nor race it; the argument is pointed at it.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tamper.h"
#include "trace.h"
#include "util.h"

#define SLOT_SIZE 8192 /* two paths of 4096 bytes */
#define NSLOTS 128     /* per scratch mapping ("bank") */
#define NBANKS 4       /* libscall keeps up to 4 scratch mappings per process */

/* Which slots of a process's banks are taken, by which threads. */
struct slot_map {
	pid_t pid;
	uint64_t used[NBANKS * NSLOTS / 64];
	struct slot_map *next;
};

static struct slot_map *slot_maps;

static struct slot_map **slot_map_of(pid_t pid)
{
	struct slot_map **pp;

	for (pp = &slot_maps; *pp; pp = &(*pp)->next)
		if ((*pp)->pid == pid)
			break;
	return pp;
}

/* A free slot of t's process for t, or -1 when all are taken. */
static int slot_take(struct thr *t)
{
	struct slot_map **pp = slot_map_of(t->pid), *m = *pp;

	if (!m) {
		m = xcalloc(1, sizeof(*m));
		m->pid = t->pid;
		*pp = m;
	}
	for (int i = 0; i < NBANKS * NSLOTS; i++) {
		if (!(m->used[i / 64] >> (i % 64) & 1)) {
			m->used[i / 64] |= 1ull << (i % 64);
			return i;
		}
	}
	return -1;
}

void redirect_thread_gone(struct thr *t)
{
	struct slot_map *m = *slot_map_of(t->pid);

	if (m && t->redirect_slot > 0)
		m->used[(t->redirect_slot - 1) / 64] &= ~(1ull << ((t->redirect_slot - 1) % 64));
	t->redirect_slot = 0;
}

void redirect_process_gone(pid_t pid)
{
	struct slot_map **pp = slot_map_of(pid), *m = *pp;

	/* the new program has none of the old scratch memory */
	for (struct thr *t = thr_first(); t; t = thr_next(t))
		if (t->pid == pid)
			t->redirect_slot = 0;
	if (m) {
		*pp = m->next;
		free(m);
	}
}

/* The address of t's slot, mapping its bank if needed; 0 on failure. */
static uint64_t slot_addr(struct thr *t)
{
	uint64_t base;
	int rc, slot;

	if (!t->redirect_slot) {
		slot = slot_take(t);
		if (slot < 0) {
			msg("redirect in %d: more than %d threads redirecting at once", (int)t->tid,
			    NBANKS * NSLOTS);
			return 0;
		}
		t->redirect_slot = slot + 1;
	}
	slot = t->redirect_slot - 1;
	/*
	 * Bank b is a mapping of its own size, (b + 1) * NSLOTS slots, and
	 * slot s lies at s slots into whichever mapping holds it: two slots
	 * never share bytes, whichever mappings libscall hands out.
	 */
	rc = scall_scratch(tracer, t->tid, (size_t)SLOT_SIZE * NSLOTS * (size_t)(slot / NSLOTS + 1),
			   &base);
	if (rc < 0) {
		msg("redirect in %d: no scratch memory: %s", (int)t->tid, scall_strerror(rc));
		return 0;
	}
	return base + (uint64_t)slot * SLOT_SIZE;
}

/* Which arguments are paths, and which argument is the directory each
 * path is relative to (-1: the working directory). */
struct path_args {
	const char *name;
	signed char path[2], dirfd[2];
};

static const struct path_args table[] = {
	{ "access", { 0, -1 }, { -1, -1 } },
	{ "acct", { 0, -1 }, { -1, -1 } },
	{ "chdir", { 0, -1 }, { -1, -1 } },
	{ "chmod", { 0, -1 }, { -1, -1 } },
	{ "chown", { 0, -1 }, { -1, -1 } },
	{ "chown32", { 0, -1 }, { -1, -1 } },
	{ "chroot", { 0, -1 }, { -1, -1 } },
	{ "creat", { 0, -1 }, { -1, -1 } },
	{ "execve", { 0, -1 }, { -1, -1 } },
	{ "execveat", { 1, -1 }, { 0, -1 } },
	{ "faccessat", { 1, -1 }, { 0, -1 } },
	{ "faccessat2", { 1, -1 }, { 0, -1 } },
	{ "fchmodat", { 1, -1 }, { 0, -1 } },
	{ "fchmodat2", { 1, -1 }, { 0, -1 } },
	{ "fchownat", { 1, -1 }, { 0, -1 } },
	{ "futimesat", { 1, -1 }, { 0, -1 } },
	{ "getxattr", { 0, -1 }, { -1, -1 } },
	{ "lchown", { 0, -1 }, { -1, -1 } },
	{ "lchown32", { 0, -1 }, { -1, -1 } },
	{ "lgetxattr", { 0, -1 }, { -1, -1 } },
	{ "link", { 0, 1 }, { -1, -1 } },
	{ "linkat", { 1, 3 }, { 0, 2 } },
	{ "listxattr", { 0, -1 }, { -1, -1 } },
	{ "llistxattr", { 0, -1 }, { -1, -1 } },
	{ "lremovexattr", { 0, -1 }, { -1, -1 } },
	{ "lsetxattr", { 0, -1 }, { -1, -1 } },
	{ "lstat", { 0, -1 }, { -1, -1 } },
	{ "lstat64", { 0, -1 }, { -1, -1 } },
	{ "mkdir", { 0, -1 }, { -1, -1 } },
	{ "mkdirat", { 1, -1 }, { 0, -1 } },
	{ "mknod", { 0, -1 }, { -1, -1 } },
	{ "mknodat", { 1, -1 }, { 0, -1 } },
	{ "newfstatat", { 1, -1 }, { 0, -1 } },
	{ "fstatat64", { 1, -1 }, { 0, -1 } },
	{ "oldlstat", { 0, -1 }, { -1, -1 } },
	{ "oldstat", { 0, -1 }, { -1, -1 } },
	{ "open", { 0, -1 }, { -1, -1 } },
	{ "openat", { 1, -1 }, { 0, -1 } },
	{ "openat2", { 1, -1 }, { 0, -1 } },
	{ "readlink", { 0, -1 }, { -1, -1 } },
	{ "readlinkat", { 1, -1 }, { 0, -1 } },
	{ "removexattr", { 0, -1 }, { -1, -1 } },
	{ "rename", { 0, 1 }, { -1, -1 } },
	{ "renameat", { 1, 3 }, { 0, 2 } },
	{ "renameat2", { 1, 3 }, { 0, 2 } },
	{ "rmdir", { 0, -1 }, { -1, -1 } },
	{ "setxattr", { 0, -1 }, { -1, -1 } },
	{ "stat", { 0, -1 }, { -1, -1 } },
	{ "stat64", { 0, -1 }, { -1, -1 } },
	{ "statfs", { 0, -1 }, { -1, -1 } },
	{ "statfs64", { 0, -1 }, { -1, -1 } },
	{ "statx", { 1, -1 }, { 0, -1 } },
	{ "symlink", { 1, -1 }, { -1, -1 } },
	{ "symlinkat", { 2, -1 }, { 1, -1 } },
	{ "truncate", { 0, -1 }, { -1, -1 } },
	{ "truncate64", { 0, -1 }, { -1, -1 } },
	{ "unlink", { 0, -1 }, { -1, -1 } },
	{ "unlinkat", { 1, -1 }, { 0, -1 } },
	{ "uselib", { 0, -1 }, { -1, -1 } },
	{ "utime", { 0, -1 }, { -1, -1 } },
	{ "utimensat", { 1, -1 }, { 0, -1 } },
	{ "utimes", { 0, -1 }, { -1, -1 } },
	{ "inotify_add_watch", { 1, -1 }, { -1, -1 } },
	{ "name_to_handle_at", { 1, -1 }, { 0, -1 } },
};

#define NTABLE (sizeof(table) / sizeof(table[0]))

/* Per ABI, by number: index + 1 into table, 0 for none; built at first use. */
static unsigned char *by_nr[SCALL_ABI_COUNT];
static long by_nr_size[SCALL_ABI_COUNT];

static const struct path_args *lookup(enum scall_abi abi, long nr)
{
	if ((unsigned)abi >= SCALL_ABI_COUNT)
		return NULL;
	if (!by_nr[abi]) {
		long max = scall_syscall_max(abi);

		if (max < 0)
			return NULL;
		by_nr_size[abi] = max + 1;
		by_nr[abi] = xcalloc((size_t)max + 1, 1);
		for (size_t i = 0; i < NTABLE; i++) {
			long n = scall_syscall_lookup(abi, table[i].name);

			if (n >= 0 && n <= max)
				by_nr[abi][n] = (unsigned char)(i + 1);
		}
	}
	if (nr < 0 || nr >= by_nr_size[abi] || !by_nr[abi][nr])
		return NULL;
	return &table[by_nr[abi][nr] - 1];
}

bool redirect_wants(enum scall_abi abi, long nr)
{
	return nredirects && lookup(abi, nr);
}

/* The directory a relative path of t is resolved in. */
static bool base_dir(struct thr *t, int dirfd, char *buf, size_t size)
{
	char link[64];
	ssize_t n;

	if (dirfd == AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)t->tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)t->pid, dirfd);
	n = readlink(link, buf, size - 1);
	if (n <= 0 || buf[0] != '/')
		return false;
	buf[n] = '\0';
	return true;
}

/* NEW in place of OLD in the clean path p, or NULL. */
static char *rewrite(const char *p)
{
	for (int i = nredirects - 1; i >= 0; i--) {
		const struct redirect *r = &redirects[i];
		const char *rest = p + r->old_len;
		char *out;
		size_t len;

		if (strncmp(p, r->old, r->old_len))
			continue;
		if (r->old_len == 1)
			rest = p; /* OLD is "/" */
		else if (*rest && *rest != '/')
			continue;
		if (!strcmp(r->new, "/") && *rest)
			return xstrdup(rest);
		len = strlen(r->new) + strlen(rest) + 1;
		out = xmalloc(len);
		snprintf(out, len, "%s%s", r->new, rest);
		return out;
	}
	return NULL;
}

/* For the output: the path, cut to size. */
static void copy_trunc(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool redirect_entry(struct thr *t, struct scall_info *si)
{
	const struct path_args *pa = lookup(si->abi, si->nr);
	struct tamper_state *ts = &t->tamp;
	uint64_t scratch = 0;
	bool changed = false;

	if (!pa)
		return false;
	for (int k = 0; k < 2 && pa->path[k] >= 0; k++) {
		int a = pa->path[k];
		uint64_t addr = si->abi == SCALL_ABI_I386 ? (uint32_t)si->args[a] : si->args[a];
		char path[PATH_MAX], base[PATH_MAX], full[2 * PATH_MAX + 2];
		char *clean, *np;
		int dirfd = AT_FDCWD;

		if (!addr || scall_mem_read_str(tracer, t->tid, addr, path, sizeof(path)) <= 0)
			continue;
		if (pa->dirfd[k] >= 0)
			dirfd = (int)si->args[pa->dirfd[k]];
		if (path[0] == '/') {
			snprintf(full, sizeof(full), "%s", path);
		} else {
			if (!base_dir(t, dirfd, base, sizeof(base)))
				continue;
			snprintf(full, sizeof(full), "%s/%s", base, path);
		}
		clean = redirect_clean(full);
		np = rewrite(clean);
		free(clean);
		if (!np)
			continue;
		if (strlen(np) >= 4096) {
			free(np);
			continue;
		}
		if (!scratch && !(scratch = slot_addr(t))) {
			free(np);
			return changed;
		}
		if (scall_mem_write(tracer, t->tid, scratch + (uint64_t)k * 4096, np,
				    strlen(np) + 1) != (ssize_t)(strlen(np) + 1)) {
			free(np);
			continue;
		}
		si->args[a] = scratch + (uint64_t)k * 4096;
		ts->path_addr[k] = si->args[a];
		copy_trunc(ts->old_path[k], sizeof(ts->old_path[k]), path);
		copy_trunc(ts->new_path[k], sizeof(ts->new_path[k]), np);
		free(np);
		changed = true;
	}
	return changed;
}
