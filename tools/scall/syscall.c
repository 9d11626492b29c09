/* SPDX-License-Identifier: MIT */
/*
 * A system call from entry to exit: decode its arguments, print its line
 * (or keep it for the exit when a status filter or --json needs the whole
 * call), print its result, count it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "dumpio.h"
#include "expr.h"
#include "options.h"
#include "report.h"
#include "pathtrace.h"
#include "stacktrace.h"
#include "tamper.h"
#include "trace.h"

/* Kernel restart codes: the thread never sees them. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

bool syscall_traced(enum scall_abi abi, long nr)
{
	return nrset_has(&trace_set, abi, nr);
}

/* i386 socketcall stands for the call named by its first argument: traced
 * when that call is (or socketcall itself is). */
static bool call_traced(const struct scall_info *si)
{
	const char *name;
	long sub;

	if (syscall_traced(si->abi, si->nr))
		return true;
	if (si->abi != SCALL_ABI_I386 || si->nr != scall_syscall_lookup(si->abi, "socketcall"))
		return false;
	name = socketcall_name((unsigned)si->args[0]);
	sub = name ? scall_syscall_lookup(si->abi, name) : -1;
	if (!name)
		return false;
	if (sub < 0) /* send, recv: traced with sendto, recvfrom */
		sub = scall_syscall_lookup(si->abi, !strcmp(name, "send") ? "sendto" : "recvfrom");
	return sub >= 0 && syscall_traced(si->abi, sub);
}

static bool text_output(void)
{
	return !opt.json && opt.summary != SUMMARY_ONLY;
}

static bool staged(void)
{
	return opt.json || opt.status != STATUS_ALL;
}

static int nargs_of(const struct call *c)
{
	if (c->abi == SCALL_ABI_I386 && c->ent->nargs32)
		return c->ent->nargs32;
	return c->ent->nargs;
}

static int decode_entry(struct call *c)
{
	if (c->raw) {
		int n = nargs_of(c);

		for (int i = 0; i < n && i < MAX_ARGS; i++)
			a_hex(c, i);
		return DEC_DONE;
	}
	if (c->ent->dec)
		return c->ent->dec(c);
	for (int i = 0; i < nargs_of(c) && i < MAX_ARGS; i++)
		a_hex(c, i);
	return DEC_DONE;
}

/* What decoding a call's entry builds up, cleared. */
static void call_reset(struct call *c)
{
	sb_reset(&c->sb);
	c->narg = 0;
	c->sep_done = false;
	c->rfmt = RV_DEC;
	c->aux[0] = '\0';
	memset(c->priv, 0, sizeof(c->priv));
}

/*
 * -P for a call whose entry is not decoded as usual (raw, or -c alone): the
 * decoders know which arguments are paths, so run them and drop the text.
 * Whether it names a selected path or descriptor; hides it if not.
 */
static bool path_selected(struct thr *t)
{
	struct call *c = &t->c;
	bool raw = c->raw;

	c->raw = false;
	decode_entry(c);
	c->raw = raw;
	call_reset(c);
	if (!c->path_hit)
		t->shown = false;
	return c->path_hit;
}

void syscall_entry(struct thr *t, const struct scall_info *si)
{
	struct call *c = &t->c;

	if (t->abi != si->abi) {
		if (t->abi != SCALL_ABI_UNKNOWN)
			print_personality(t, si->abi);
		t->abi = si->abi;
	}
	if (opt.stack)
		stacktrace_note_call(t->pid, scall_syscall_name(si->abi, si->nr));
	t->in_syscall = true;
	t->last_nr = si->nr;
	t->ip = si->ip;
	t->cut = false;
	t->shown = call_traced(si);
	if (!t->shown)
		return;

	c->t = tracer;
	c->tid = t->tid;
	c->pid = t->pid;
	c->abi = si->abi;
	c->nr = si->nr;
	c->ent = sysent_get(si->abi, si->nr);
	memcpy(c->args, si->args, sizeof(c->args));
	c->sp = si->sp;
	c->restart_name = t->restart_name;
	c->exiting = false;
	c->error = 0;
	c->rval = 0;
	call_reset(c);
	c->verbose = nrset_has(&verbose_set, si->abi, si->nr);
	c->abbrev = nrset_has(&abbrev_set, si->abi, si->nr);
	c->raw = nrset_has(&raw_set, si->abi, si->nr);
	c->path_hit = false;
	t->t_entry = now_mono;
	t->t_entry_real = now_real;
	t->stime_entry = now_stime;

	if (pathtrace_active() && (c->raw || (!text_output() && !opt.json)) && !path_selected(t))
		return;
	if (!text_output() && !opt.json) {
		c->state = DEC_DONE; /* -c: nothing to print */
		return;
	}
	c->state = decode_entry(c);
	/* -P: the one decoding told which paths and descriptors the call names */
	if (pathtrace_active() && !c->raw && !c->path_hit) {
		t->shown = false;
		call_reset(c);
		return;
	}
	if (c->state == DEC_EXIT && c->narg > 0) {
		sb_puts(&c->sb, ", ");
		c->sep_done = true;
	}
	if (staged()) {
		line_lead(t, true, t->lead, sizeof(t->lead));
		return;
	}
	line_begin(t, true);
	out_printf(t, "%s(", c->ent->name);
	out_write(t, c->sb.s ? c->sb.s : "", c->sb.len);
	sb_reset(&c->sb);
}

static const char *err_text(int err)
{
	const char *s = scall_strerror(err);

	return s ? s : strerror(err);
}

/* "= value", "= -1 ENOENT (No such file or directory)", "= ?" ... */
static void print_result(struct thr *t)
{
	struct call *c = &t->c;
	int err = c->error;

	if (err) {
		const char *name = scall_errno_name(err);
		bool restart = err == ERESTARTSYS || err == ERESTARTNOINTR ||
			       err == ERESTARTNOHAND || err == ERESTART_RESTARTBLOCK;

		out_puts(t, restart ? "= ? " : "= -1 ");
		if (name)
			out_printf(t, "%s (%s)", name, err_text(err));
		else
			out_printf(t, "%d (%s)", err, err_text(err));
	} else {
		int64_t v = c->rval;
		uint64_t u = (uint64_t)v;

		if (c->abi == SCALL_ABI_I386) {
			v = (int32_t)v;
			u = (uint32_t)u;
		}
		if (c->raw) {
			out_printf(t, u ? "= %#llx" : "= 0", (unsigned long long)u);
		} else {
			switch (c->rfmt) {
			case RV_HEX:
				out_printf(t, u ? "= %#llx" : "= 0", (unsigned long long)u);
				break;
			case RV_OCT:
				out_printf(t, "= %#03llo", (unsigned long long)u);
				break;
			case RV_UDEC:
				out_printf(t, "= %llu", (unsigned long long)u);
				break;
			case RV_NONE:
				out_puts(t, "= ?");
				break;
			case RV_FD:
				out_printf(t, "= %lld", (long long)v);
				if (opt.decode_fds && v >= 0) {
					struct sbuf sb;

					sb_init(&sb);
					fd_decorate(c, (int)v, &sb);
					if (sb.len)
						out_write(t, sb.s, sb.len);
					sb_free(&sb);
				}
				break;
			case RV_PID:
				out_printf(t, "= %lld", (long long)v);
				if (opt.decode_pids && v > 0 && v <= INT_MAX) {
					struct sbuf sb;

					sb_init(&sb);
					pid_decorate((int)v, &sb);
					if (sb.len)
						out_write(t, sb.s, sb.len);
					sb_free(&sb);
				}
				break;
			default:
				out_printf(t, "= %lld", (long long)v);
			}
		}
	}
	if (c->aux[0])
		out_printf(t, " %s", c->aux);
	if (t->tamp.active || t->tamp.delayed) {
		char marks[64];

		tamper_marks(t, marks, sizeof(marks));
		out_puts(t, marks);
	}
	if (opt.dur_prec >= 0) {
		long long sec = now_mono.tv_sec - t->t_entry.tv_sec;
		long nsec = now_mono.tv_nsec - t->t_entry.tv_nsec;

		if (nsec < 0) {
			sec--;
			nsec += 1000000000L;
		}
		for (int i = opt.dur_prec; i < 9; i++)
			nsec /= 10;
		if (opt.dur_prec)
			out_printf(t, " <%lld.%0*ld>", sec, opt.dur_prec, nsec);
		else
			out_printf(t, " <%lld>", sec);
	}
}

static unsigned status_of(const struct call *c)
{
	return c->error ? STATUS_FAILED : STATUS_SUCCESSFUL;
}

void syscall_exit(struct thr *t, const struct scall_info *si)
{
	struct call *c = &t->c;

	if (!t->in_syscall) {
		/* An exit without its entry (attached in the middle of a call). */
		syscall_entry(t, si);
		if (!t->shown) {
			t->in_syscall = false;
			return;
		}
		if (!staged()) {
			/* "<... read resumed>": the entry was never seen */
			t->cut = true;
			if (line_open(t)) {
				t->out->owner = NULL;
				line_end(t);
			}
		}
	}
	t->in_syscall = false;
	if (!t->shown)
		return;
	c->exiting = true;
	c->error = si->error;
	c->rval = si->rval[0];
	if (si->error == ERESTART_RESTARTBLOCK)
		t->restart_name = c->ent->name;

	if (opt.summary != SUMMARY_NONE) {
		double dur;

		if (opt.wall)
			dur = (double)(now_mono.tv_sec - t->t_entry.tv_sec) +
			      (double)(now_mono.tv_nsec - t->t_entry.tv_nsec) / 1e9;
		else if (now_stime > t->stime_entry)
			dur = (double)(now_stime - t->stime_entry) / 1e9;
		else
			dur = 0;
		stats_add(c->abi, c->nr, dur, c->error != 0);
	}
	if (!text_output() && !opt.json)
		return;
	if (c->state != DEC_DONE && !c->raw && c->ent->dec)
		c->ent->dec(c);
	if (!(opt.status & status_of(c))) {
		sb_reset(&c->sb);
		return;
	}
	if (opt.json) {
		json_call(t, true);
		sb_reset(&c->sb);
		return;
	}
	if (staged()) {
		line_begin_with(t, t->lead);
		out_printf(t, "%s(", c->ent->name);
	} else if (!line_open(t) || t->cut) {
		line_begin(t, true);
		out_printf(t, "<... %s resumed>", c->ent->name);
	}
	out_write(t, c->sb.s ? c->sb.s : "", c->sb.len);
	sb_reset(&c->sb);
	out_puts(t, ") ");
	out_pad(t);
	print_result(t);
	line_end(t);
	if (dumpio_active())
		dumpio(t);
	if (opt.stack)
		stacktrace_print(t);
	if (opt.no_abbrev && t->tamp.active) {
		char perf[1024];

		tamper_performed_text(t, perf, sizeof(perf));
		line_begin(t, false);
		out_puts(t, perf);
		line_end(t);
	}
}

void syscall_abandon(struct thr *t)
{
	struct call *c = &t->c;

	if (!t->in_syscall)
		return;
	t->in_syscall = false;
	if (!t->shown || (!text_output() && !opt.json))
		return;
	if (!(opt.status & STATUS_UNFINISHED)) {
		sb_reset(&c->sb);
		return;
	}
	if (opt.json) {
		json_call(t, false);
		sb_reset(&c->sb);
		return;
	}
	if (staged()) {
		line_begin_with(t, t->lead);
		out_printf(t, "%s(", c->ent->name);
		out_write(t, c->sb.s ? c->sb.s : "", c->sb.len);
	} else if (!line_open(t) || t->cut) {
		line_begin(t, true);
		out_printf(t, "<... %s resumed>", c->ent->name);
	}
	sb_reset(&c->sb);
	/* the arguments the exit would have shown are gone with the thread */
	if (c->state == DEC_EXIT)
		out_puts(t, " <unfinished ...>");
	out_puts(t, ") ");
	out_pad(t);
	out_puts(t, "= ?");
	line_end(t);
}

void syscall_end_if_noreturn(struct thr *t)
{
	bool kill = false;
	int err;

	/* exit and exit_group share their decoder: no name to compare at every entry */
	if (!t->in_syscall || !t->shown || !t->c.ent || t->c.ent->dec != dec_exit)
		return;
	/* a tampered or denied call returns after all: it ends at its exit stop */
	if (t->tamp.active || (ndeny_rules && deny_of(t->c.abi, t->c.nr, &kill, &err) && !kill))
		return;
	syscall_abandon(t);
	if (opt.stack && text_output() && !opt.json)
		stacktrace_print(t);
}
