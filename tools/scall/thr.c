/* SPDX-License-Identifier: MIT */
/* The table of traced threads, by tid. */
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "tamper.h"
#include "trace.h"
#include "util.h"

#define NBUCKETS 1024

static struct thr *buckets[NBUCKETS];
int nthreads;

static unsigned hash(pid_t tid)
{
	return (unsigned)tid % NBUCKETS;
}

struct thr *thr_find(pid_t tid)
{
	struct thr *t;

	for (t = buckets[hash(tid)]; t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

struct thr *thr_add(pid_t tid, pid_t pid)
{
	struct thr *t = thr_find(tid);

	if (t)
		return t;
	t = xcalloc(1, sizeof(*t));
	t->tid = tid;
	t->pid = pid;
	t->abi = SCALL_ABI_UNKNOWN;
	t->out = out_for(tid);
	t->c.t = tracer;
	sb_init(&t->c.sb);
	thr_comm_load(t);
	t->next = buckets[hash(tid)];
	buckets[hash(tid)] = t;
	nthreads++;
	return t;
}

void thr_del(struct thr *t)
{
	struct thr **pp;

	for (pp = &buckets[hash(t->tid)]; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	redirect_thread_gone(t);
	if (t->out->owner == t)
		t->out->owner = NULL;
	out_release(t->out);
	sb_free(&t->c.sb);
	free(t);
	nthreads--;
}

struct thr *thr_first(void)
{
	for (unsigned i = 0; i < NBUCKETS; i++)
		if (buckets[i])
			return buckets[i];
	return NULL;
}

struct thr *thr_next(struct thr *t)
{
	if (t->next)
		return t->next;
	for (unsigned i = hash(t->tid) + 1; i < NBUCKETS; i++)
		if (buckets[i])
			return buckets[i];
	return NULL;
}
