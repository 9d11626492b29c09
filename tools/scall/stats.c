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

/* The summary's columns, as -U names them; printed right-aligned but name. */
enum column { COL_PERCENT, COL_TOTAL, COL_MIN, COL_MAX, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME };

static const struct {
	const char *names[4]; /* the first is the canonical one */
	const char *header;
	int width;
} columns[] = {
	[COL_PERCENT] = { { "time-percent", "time-%", "%time" }, "% time", 6 },
	[COL_TOTAL] = { { "total-time", "time-total", "total_time" }, "seconds", 11 },
	[COL_MIN] = { { "min-time", "shortest", "time-min" }, "shortest", 8 },
	[COL_MAX] = { { "max-time", "longest", "time-max" }, "longest", 8 },
	[COL_AVG] = { { "avg-time", "time-avg" }, "usecs/call", 11 },
	[COL_CALLS] = { { "calls", "count" }, "calls", 9 },
	[COL_ERRORS] = { { "errors", "error" }, "errors", 9 },
	[COL_NAME] = { { "name", "syscall", "syscall-name" }, "syscall", 16 },
};

static enum column order[16] = { COL_PERCENT, COL_TOTAL, COL_AVG, COL_CALLS, COL_ERRORS, COL_NAME };
static int norder = 6;

void stats_columns(const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	bool name = false;

	norder = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int c = -1;

		for (int k = 0; k <= COL_NAME && c < 0; k++)
			for (int a = 0; a < 4 && columns[k].names[a]; a++)
				if (!strcmp(tok, columns[k].names[a]))
					c = k;
		if (c < 0)
			usage_error("unknown column name: '%s'", tok);
		if (norder < 15)
			order[norder++] = (enum column)c;
		name |= c == COL_NAME;
	}
	free(copy);
	/* without the name the rows could not be told apart: it comes last */
	if (!name)
		order[norder++] = COL_NAME;
}

/* " 0.000123"-style seconds with microseconds, in width characters. */
static void put_seconds(char *buf, size_t size, int width, uint64_t ns)
{
	snprintf(buf, size, "%*llu.%06llu", width - 7, (unsigned long long)(ns / 1000000000),
		 (unsigned long long)(ns / 1000 % 1000000));
}

/* One row; all: the time of all rows, 0 for the totals row itself. */
static void print_row(FILE *fp, const struct count *c, const char *name, uint64_t all)
{
	for (int i = 0; i < norder; i++) {
		enum column k = order[i];
		int w = columns[k].width;
		char v[64] = "";

		switch (k) {
		case COL_PERCENT:
			snprintf(v, sizeof(v), "%.2f",
				 !all ? 100.0 : (double)c->total * 100.0 / (double)all);
			break;
		case COL_TOTAL:
			put_seconds(v, sizeof(v), w, c->total);
			break;
		case COL_MIN:
			put_seconds(v, sizeof(v), w, c->min);
			break;
		case COL_MAX:
			put_seconds(v, sizeof(v), w, c->max);
			break;
		case COL_AVG:
			snprintf(v, sizeof(v), "%llu",
				 (unsigned long long)(c->calls ? c->total / 1000 / c->calls : 0));
			break;
		case COL_CALLS:
			snprintf(v, sizeof(v), "%lu", c->calls);
			break;
		case COL_ERRORS:
			if (c->errors)
				snprintf(v, sizeof(v), "%lu", c->errors);
			break;
		case COL_NAME:
			break;
		}
		if (i)
			fputc(' ', fp);
		if (k == COL_NAME)
			fprintf(fp, i == norder - 1 ? "%s" : "%-16s", name);
		else
			fprintf(fp, "%*s", w, v);
	}
	fputc('\n', fp);
}

static void print_rule(FILE *fp)
{
	static const char dashes[] = "----------------";

	for (int i = 0; i < norder; i++)
		fprintf(fp, "%s%.*s", i ? " " : "", columns[order[i]].width, dashes);
	fputc('\n', fp);
}

static void print_table(FILE *fp, enum scall_abi abi, bool header)
{
	struct count *rows, sum = { 0 };
	size_t n = 0;

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
		if (!sum.calls || c->min < sum.min)
			sum.min = c->min;
		if (c->max > sum.max)
			sum.max = c->max;
		sum.calls += c->calls;
		sum.errors += c->errors;
		sum.total += c->total;
	}
	sort_abi = abi;
	qsort(rows, n, sizeof(*rows), cmp_counts);

	if (header)
		fprintf(fp, "System call usage summary for %s mode:\n",
			abi == SCALL_ABI_I386 ? "32 bit" :
			abi == SCALL_ABI_X32  ? "x32" :
						"64 bit");
	for (int i = 0; i < norder; i++) {
		const char *h = columns[order[i]].header;

		if (i)
			fputc(' ', fp);
		if (order[i] == COL_NAME)
			fprintf(fp, i == norder - 1 ? "%s" : "%-16s", h);
		else
			fprintf(fp, "%*s", columns[order[i]].width, h);
	}
	fputc('\n', fp);
	print_rule(fp);
	for (size_t i = 0; i < n; i++)
		print_row(fp, &rows[i], sysent_get(abi, rows[i].nr)->name,
			  sum.total ? sum.total : 1);
	print_rule(fp);
	print_row(fp, &sum, "total", 0);
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
