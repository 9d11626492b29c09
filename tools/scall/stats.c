/* SPDX-License-Identifier: MIT */
/*
 * -c / -C: calls, errors and time per system call, printed as strace's
 * summary table, one table per ABI.  Time is, as strace measures it, the
 * kernel CPU time the process spent between the entry and exit stops (from
 * wait4's rusage), or with -w the wall-clock latency between them; minus -O.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "report.h"
#include "util.h"

struct count {
	long nr;
	unsigned long calls, errors;
	uint64_t total, min, max; /* nanoseconds */
};

static struct {
	struct count *c; /* indexed by nr */
	long size;
} per_abi[SCALL_ABI_COUNT];

void stats_add(enum scall_abi abi, long nr, double dur, bool error)
{
	unsigned a = (unsigned)abi < SCALL_ABI_COUNT ? (unsigned)abi : 0;
	struct count *c;

	if (nr < 0 || nr > 100000)
		return;
	if (nr >= per_abi[a].size) {
		long size = nr + 64;

		per_abi[a].c = xrealloc(per_abi[a].c, sizeof(struct count) * (size_t)size);
		memset(per_abi[a].c + per_abi[a].size, 0,
		       sizeof(struct count) * (size_t)(size - per_abi[a].size));
		per_abi[a].size = size;
	}
	c = &per_abi[a].c[nr];
	dur -= opt.overhead;
	if (dur < 0)
		dur = 0;
	uint64_t ns = (uint64_t)(dur * 1e9 + 0.5);

	if (!c->calls || ns < c->min)
		c->min = ns;
	if (ns > c->max)
		c->max = ns;
	c->nr = nr;
	c->calls++;
	c->errors += error;
	c->total += ns;
}

static enum scall_abi sort_abi;

static const char *name_of(const struct count *c)
{
	return sysent_get(sort_abi, c->nr)->name;
}

static int cmp_desc(uint64_t a, uint64_t b)
{
	return a < b ? 1 : a > b ? -1 : 0;
}

static int cmp_counts(const void *pa, const void *pb)
{
	const struct count *a = pa, *b = pb;
	const char *k = opt.sort_by;
	int r = 0;

	if (!strcmp(k, "calls") || !strcmp(k, "count"))
		r = a->calls < b->calls ? 1 : a->calls > b->calls ? -1 : 0;
	else if (!strncmp(k, "error", 5))
		r = a->errors < b->errors ? 1 : a->errors > b->errors ? -1 : 0;
	else if (!strcmp(k, "name") || !strncmp(k, "syscall", 7))
		r = strcmp(name_of(a), name_of(b));
	else if (!strncmp(k, "min", 3) || !strcmp(k, "shortest"))
		r = cmp_desc(a->min, b->min);
	else if (!strncmp(k, "max", 3) || !strcmp(k, "longest"))
		r = cmp_desc(a->max, b->max);
	else if (!strncmp(k, "avg", 3))
		r = cmp_desc(a->total / a->calls, b->total / b->calls);
	else if (strcmp(k, "nothing") && strcmp(k, "none"))
		r = cmp_desc(a->total, b->total);
	if (r)
		return r;
	return a->nr < b->nr ? -1 : a->nr > b->nr;
}

static const char dashes[] = "------ ----------- ----------- --------- --------- ----------------";

static void print_table(FILE *fp, enum scall_abi abi, bool header)
{
	struct count *rows;
	size_t n = 0;
	unsigned long calls = 0, errors = 0;
	uint64_t total = 0;

	for (long i = 0; i < per_abi[abi].size; i++)
		if (per_abi[abi].c[i].calls)
			n++;
	if (!n)
		return;
	rows = xcalloc(n, sizeof(*rows));
	n = 0;
	for (long i = 0; i < per_abi[abi].size; i++) {
		struct count *c = &per_abi[abi].c[i];

		if (!c->calls)
			continue;
		rows[n++] = *c;
		calls += c->calls;
		errors += c->errors;
		total += c->total;
	}
	sort_abi = abi;
	qsort(rows, n, sizeof(*rows), cmp_counts);

	if (header)
		fprintf(fp, "System call usage summary for %s mode:\n",
			abi == SCALL_ABI_I386 ? "32 bit" :
			abi == SCALL_ABI_X32  ? "x32" :
						"64 bit");
	fprintf(fp, "%% time     seconds  usecs/call     calls    errors syscall\n%s\n", dashes);
	for (size_t i = 0; i < n; i++) {
		const struct count *c = &rows[i];
		char err[24] = "";

		if (c->errors)
			snprintf(err, sizeof(err), "%lu", c->errors);
		fprintf(fp, "%6.2f %4llu.%06llu %11llu %9lu %9s %s\n",
			total ? (double)c->total * 100.0 / (double)total : 0.0,
			(unsigned long long)(c->total / 1000000000),
			(unsigned long long)(c->total / 1000 % 1000000),
			(unsigned long long)(c->total / 1000 / c->calls), c->calls, err,
			sysent_get(abi, c->nr)->name);
	}
	{
		char err[24] = "";

		if (errors)
			snprintf(err, sizeof(err), "%lu", errors);
		fprintf(fp, "%s\n%6.2f %4llu.%06llu %11llu %9lu %9s total\n", dashes, 100.0,
			(unsigned long long)(total / 1000000000),
			(unsigned long long)(total / 1000 % 1000000),
			(unsigned long long)(total / 1000 / calls), calls, err);
	}
	free(rows);
}

void stats_print(FILE *fp)
{
	enum scall_abi native = scall_native_abi();

	print_table(fp, native, false);
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		if ((enum scall_abi)a != native)
			print_table(fp, a, true);
	fflush(fp);
}
