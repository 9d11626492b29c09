/* SPDX-License-Identifier: MIT */
/*
 * Applying -e inject= / -e fault= rules and --redirect at syscall stops.
 *
 * Invocations are counted per system call and per thread, as strace
 * counts them (an exec does not reset them), whether or not a rule's when= selects the invocation.  An
 * error= or retval= without syscall= is emulated: an exit structure is
 * written at the entry, the call never runs.  Everything the thread tried,
 * what the kernel performed and what the thread saw is kept in
 * struct tamper_state for the output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "report.h"
#include "tamper.h"
#include "trace.h"
#include "util.h"

/* ---- invocation counters: (tid, abi, nr) -> count ---- */

struct counter {
	pid_t tid;
	int abi;
	long nr;
	unsigned long n;
	struct counter *next;
};

#define NCOUNT 1024
static struct counter *counters[NCOUNT];

static unsigned long count_call(pid_t tid, enum scall_abi abi, long nr)
{
	unsigned h = ((unsigned)tid * 31u + (unsigned)nr * 7u + (unsigned)abi) % NCOUNT;
	struct counter *c;

	for (c = counters[h]; c; c = c->next)
		if (c->tid == tid && c->abi == (int)abi && c->nr == nr)
			return ++c->n;
	c = xcalloc(1, sizeof(*c));
	c->tid = tid;
	c->abi = (int)abi;
	c->nr = nr;
	c->n = 1;
	c->next = counters[h];
	counters[h] = c;
	return 1;
}

void tamper_forget(pid_t tid)
{
	for (unsigned h = 0; h < NCOUNT; h++) {
		struct counter **pp = &counters[h];

		while (*pp) {
			struct counter *c = *pp;

			if (c->tid == tid) {
				*pp = c->next;
				free(c);
			} else {
				pp = &c->next;
			}
		}
	}
}

static bool when_matches(const struct tamper_rule *r, unsigned long n)
{
	if (n < r->first || (r->last && n > r->last))
		return false;
	return (n - r->first) % r->step == 0;
}

bool tamper_wants(enum scall_abi abi, long nr)
{
	bool kill;
	int err;

	if (deny_of(abi, nr, &kill, &err))
		return false;
	return tamper_rule_for(abi, nr) || redirect_wants(abi, nr);
}

static uint64_t arg_addr(const struct scall_info *si, int i)
{
	return si->abi == SCALL_ABI_I386 ? (uint32_t)si->args[i] : si->args[i];
}

static void pokes(struct thr *t, const struct scall_info *si, const struct poke *p, int n)
{
	for (int i = 0; i < n; i++) {
		ssize_t rc = scall_mem_write(tracer, t->tid, arg_addr(si, p[i].arg), p[i].data,
					     p[i].len);

		if (rc < 0)
			msg("poke at arg%d of %d: %s", p[i].arg + 1, (int)t->tid,
			    scall_strerror((int)rc));
	}
}

static void set_info(struct thr *t, const struct scall_info *si)
{
	int rc = scall_set_info(tracer, t->tid, si);

	if (rc < 0 && rc != -ESRCH)
		msg("cannot change the call of %d: %s", (int)t->tid, scall_strerror(rc));
}

/* The exit structure error= / retval= make. */
static void result_of(const struct tamper_rule *r, struct scall_info *si)
{
	si->phase = SCALL_EXIT;
	si->error = r->has_error ? r->error : 0;
	si->rval[0] = r->has_error ? -1 : r->retval;
	si->rval[1] = 0;
}

bool tamper_entry(struct thr *t, struct scall_info *si, int *sig, uint64_t *delay)
{
	struct tamper_state *ts = &t->tamp;
	const struct tamper_rule *r = tamper_rule_for(si->abi, si->nr);
	bool changed = false, kill;
	int derr;

	*sig = 0;
	*delay = 0;
	memset(ts, 0, offsetof(struct tamper_state, waiting));
	ts->tried = *si;
	if (r && ndeny_rules && deny_of(si->abi, si->nr, &kill, &derr))
		r = NULL; /* the kernel denies it */
	if (r && !when_matches(r, count_call(t->tid, si->abi, si->nr)))
		r = NULL;
	if (r) {
		ts->active = true;
		ts->rule = r;
		for (int i = 0; i < 6; i++) {
			if (r->args_set & (1u << i)) {
				si->args[i] = r->argval[i];
				changed = true;
				ts->poked = true;
			}
		}
		if (r->npoke_enter) {
			pokes(t, si, r->poke_enter, r->npoke_enter);
			ts->poked = true;
		}
		if (r->syscall) {
			long nr = scall_syscall_lookup(si->abi, r->syscall);

			if (nr >= 0) {
				si->nr = nr;
				changed = true;
				ts->injected = true;
			}
		}
		*sig = r->signal;
		if (r->delay_enter) {
			*delay = r->delay_enter;
			ts->delayed = true;
		}
	}
	if (nredirects && redirect_entry(t, si)) {
		ts->active = true;
		ts->poked = true;
		ts->redirected = true;
		changed = true;
	}
	if (r && (r->has_error || r->has_retval) && !r->syscall) {
		struct scall_info ex = *si;

		result_of(r, &ex);
		set_info(t, &ex);
		ts->emulated = true;
		ts->injected = true;
		ts->seen = ex;
		ts->performed.nr = -1;
	} else {
		if (changed)
			set_info(t, si);
		ts->performed = *si;
	}
	if (r &&
	    ((r->syscall && (r->has_error || r->has_retval)) || r->npoke_exit || r->delay_exit))
		ts->need_exit = true;
	return ts->need_exit;
}

void tamper_exit(struct thr *t, struct scall_info *si, uint64_t *delay)
{
	struct tamper_state *ts = &t->tamp;
	const struct tamper_rule *r = ts->rule;

	*delay = 0;
	if (!ts->active)
		return;
	if (!ts->emulated) {
		ts->performed.phase = SCALL_EXIT;
		ts->performed.error = si->error;
		ts->performed.rval[0] = si->rval[0];
		ts->performed_done = true;
	}
	if (r && r->syscall && (r->has_error || r->has_retval)) {
		result_of(r, si);
		set_info(t, si);
	}
	if (r && r->npoke_exit) {
		pokes(t, &ts->tried, r->poke_exit, r->npoke_exit);
		ts->poked = true;
	}
	if (r && r->delay_exit) {
		*delay = r->delay_exit;
		ts->delayed = true;
	}
	ts->seen = *si;
	/* what the call is printed as: the call tried, the result seen */
	si->nr = ts->tried.nr;
	memcpy(si->args, ts->tried.args, sizeof(si->args));
}

void tamper_marks(const struct thr *t, char *buf, size_t size)
{
	const struct tamper_state *ts = &t->tamp;

	buf[0] = '\0';
	if (!ts->active && !ts->delayed)
		return;
	snprintf(buf, size, "%s%s",
		 ts->injected ? " (INJECTED)" :
		 ts->poked    ? " (INJECTED: args)" :
				"",
		 ts->delayed ? " (DELAYED)" : "");
}

/* "name(0x1, 0x2) = 3" of si, paths of a redirect quoted in place. */
static void call_text(const struct thr *t, const struct scall_info *si, bool result,
		      struct sbuf *sb)
{
	const struct tamper_state *ts = &t->tamp;
	const struct sysent *e = sysent_get(si->abi, si->nr);
	int n = si->abi == SCALL_ABI_I386 && e->nargs32 ? e->nargs32 : e->nargs;
	int k = 0;

	sb_printf(sb, "%s(", e->name);
	for (int i = 0; i < n && i < 6; i++) {
		uint64_t v = arg_addr(si, i);

		if (i)
			sb_puts(sb, ", ");
		if (ts->redirected && k < 2 && ts->new_path[k][0] && v == ts->path_addr[k]) {
			sb_printf(sb, "\"%s\"", ts->new_path[k]);
			k++;
		} else {
			sb_printf(sb, v ? "%#llx" : "0", (unsigned long long)v);
		}
	}
	sb_puts(sb, ")");
	if (!result)
		return;
	if (si->error)
		sb_printf(sb, " = -1 %s",
			  scall_errno_name(si->error) ? scall_errno_name(si->error) : "E???");
	else
		sb_printf(sb, " = %lld", (long long)si->rval[0]);
}

void tamper_performed_text(const struct thr *t, char *buf, size_t size)
{
	const struct tamper_state *ts = &t->tamp;
	struct sbuf sb;

	buf[0] = '\0';
	if (!ts->active)
		return;
	if (ts->emulated) {
		snprintf(buf, size, "[performed: none]");
		return;
	}
	sb_init(&sb);
	call_text(t, &ts->performed, ts->performed_done, &sb);
	snprintf(buf, size, "[performed: %s]", sb.s ? sb.s : "");
	sb_free(&sb);
}

static void json_info(const struct thr *t, const struct scall_info *si, bool call, bool result,
		      int which, struct sbuf *sb)
{
	const struct tamper_state *ts = &t->tamp;
	bool sep = false;

	sb_putc(sb, '{');
	if (call) {
		const struct sysent *e = sysent_get(si->abi, si->nr);
		int n = si->abi == SCALL_ABI_I386 && e->nargs32 ? e->nargs32 : e->nargs;

		sb_puts(sb, "\"name\":");
		json_string(sb, e->name, strlen(e->name));
		sb_printf(sb, ",\"nr\":%ld,\"args\":[", si->nr);
		for (int i = 0; i < n && i < 6; i++)
			sb_printf(sb, "%s%llu", i ? "," : "", (unsigned long long)arg_addr(si, i));
		sb_puts(sb, "]");
		if (ts->redirected) {
			char(*paths)[256] = which ? (char(*)[256])ts->new_path :
						    (char(*)[256])ts->old_path;

			sb_puts(sb, ",\"paths\":[");
			for (int k = 0; k < 2 && paths[k][0]; k++) {
				if (k)
					sb_putc(sb, ',');
				json_string(sb, paths[k], strlen(paths[k]));
			}
			sb_puts(sb, "]");
		}
		sep = true;
	}
	if (result) {
		if (sep)
			sb_putc(sb, ',');
		if (si->error) {
			const char *name = scall_errno_name(si->error);

			sb_puts(sb, "\"ret\":-1,\"errno\":");
			if (name)
				json_string(sb, name, strlen(name));
			else
				sb_printf(sb, "%d", si->error);
		} else {
			sb_printf(sb, "\"ret\":%lld,\"errno\":null", (long long)si->rval[0]);
		}
	} else if (call) {
		sb_puts(sb, which ? ",\"ret\":null,\"errno\":null" : "");
	}
	sb_putc(sb, '}');
}

void tamper_json(const struct thr *t, struct sbuf *sb)
{
	const struct tamper_state *ts = &t->tamp;
	struct scall_info seen;

	if (!ts->active && !ts->delayed)
		return;
	sb_puts(sb, ",\"tampered\":{\"tried\":");
	json_info(t, &ts->tried, true, false, 0, sb);
	sb_puts(sb, ",\"performed\":");
	if (ts->emulated)
		sb_puts(sb, "null");
	else
		json_info(t, &ts->performed, true, ts->performed_done, 1, sb);
	sb_puts(sb, ",\"seen\":");
	seen = ts->seen;
	if (!ts->emulated && !ts->performed_done)
		sb_puts(sb, "null");
	else
		json_info(t, &seen, false, true, 0, sb);
	sb_printf(sb, ",\"injected\":%s,\"args_changed\":%s,\"delayed\":%s,\"signal\":",
		  ts->injected ? "true" : "false", ts->poked ? "true" : "false",
		  ts->delayed ? "true" : "false");
	if (ts->rule && ts->rule->signal)
		json_string(sb, scall_signal_name(ts->rule->signal),
			    strlen(scall_signal_name(ts->rule->signal)));
	else
		sb_puts(sb, "null");
	sb_putc(sb, '}');
}
