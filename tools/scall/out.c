/* SPDX-License-Identifier: MIT */
/*
 * Output streams and the start of each line: strace's "[pid N] " and "N  "
 * prefixes, timestamps, and the " <unfinished ...>" cut when another line
 * must start while a call is still running.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "options.h"
#include "trace.h"
#include "util.h"

static struct outf main_out;
static struct timespec prev_line; /* for -r */
static bool prev_set;

/* -ff streams, so they can be flushed and closed. */
static struct outf **sep;
static size_t nsep;

static FILE *open_file(const char *path)
{
	FILE *fp = fopen(path, opt.append ? "ae" : "we");

	if (!fp)
		die("Can't fopen '%s': %s", path, strerror(errno));
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

/* -o |CMD: the trace goes to the standard input of a shell command. */
static FILE *open_pipe(const char *cmd)
{
	FILE *fp = popen(cmd, "we");

	if (!fp)
		die("Can't popen '%s': %s", cmd, strerror(errno));
	setvbuf(fp, NULL, _IOFBF, 1 << 16);
	return fp;
}

void out_init(void)
{
	if (opt.outpipe) {
		main_out.fp = open_pipe(opt.outfile + 1);
	} else if (opt.outfile && !opt.separate) {
		main_out.fp = open_file(opt.outfile);
	} else {
		main_out.fp = stderr;
		/* Flushed whenever the tracer would block (out_flush_all). */
		setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	}
}

struct outf *out_for(pid_t tid)
{
	struct outf *o;
	char *path;
	size_t len;

	if (!opt.separate) {
		main_out.users++;
		return &main_out;
	}
	len = strlen(opt.outfile) + 16;
	path = xmalloc(len);
	snprintf(path, len, "%s.%d", opt.outfile, (int)tid);
	o = xcalloc(1, sizeof(*o));
	o->fp = open_file(path);
	o->users = 1;
	free(path);
	sep = xrealloc(sep, sizeof(*sep) * (nsep + 1));
	sep[nsep++] = o;
	return o;
}

void out_release(struct outf *o)
{
	if (!o || --o->users > 0 || o == &main_out)
		return;
	for (size_t i = 0; i < nsep; i++) {
		if (sep[i] == o) {
			sep[i] = sep[--nsep];
			break;
		}
	}
	fclose(o->fp);
	free(o);
}

void out_flush_all(void)
{
	if (main_out.fp)
		fflush(main_out.fp);
	for (size_t i = 0; i < nsep; i++)
		fflush(sep[i]->fp);
}

FILE *out_main(void)
{
	return main_out.fp ? main_out.fp : stderr;
}

/* Say once, on stderr if it still works, that output was lost. */
static void report_lost(FILE *fp, const char *what)
{
	int err = errno;

	if (fflush(fp) == 0 && !ferror(fp))
		return;
	if (fp != stderr && !ferror(stderr))
		fprintf(stderr, "scall: output to %s is incomplete: %s\n", what,
			strerror(errno ? errno : err));
}

void out_close_all(void)
{
	for (size_t i = 0; i < nsep; i++) {
		report_lost(sep[i]->fp, "a -ff file");
		fclose(sep[i]->fp);
		free(sep[i]);
	}
	free(sep);
	sep = NULL;
	nsep = 0;
	if (main_out.fp)
		report_lost(main_out.fp, opt.outfile ? opt.outfile : "stderr");
	if (main_out.fp && opt.outpipe)
		pclose(main_out.fp); /* waits for the command to read it all */
	else if (main_out.fp && main_out.fp != stderr)
		fclose(main_out.fp);
	main_out.fp = NULL;
}

void out_write(struct thr *t, const char *s, size_t len)
{
	fwrite(s, 1, len, t->out->fp);
	t->out->col += len;
}

void out_puts(struct thr *t, const char *s)
{
	out_write(t, s, strlen(s));
}

void out_printf(struct thr *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(t->out->fp, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->out->col += (size_t)n;
}

void out_pad(struct thr *t)
{
	static const char spaces[] = "                                        ";
	size_t want = (size_t)opt.column;

	while (t->out->col < want) {
		size_t n = want - t->out->col;

		if (n > sizeof(spaces) - 1)
			n = sizeof(spaces) - 1;
		out_write(t, spaces, n);
	}
}

void line_end(struct thr *t)
{
	fputc('\n', t->out->fp);
	t->out->col = 0;
	if (t->out->owner == t)
		t->out->owner = NULL;
}

bool line_open(const struct thr *t)
{
	return t->out->owner == t;
}

/* Cut the unfinished line on o, if any. */
static void cut_line(struct outf *o)
{
	struct thr *owner = o->owner;

	if (!owner)
		return;
	fputs(" <unfinished ...>\n", o->fp);
	o->col = 0;
	o->owner = NULL;
	owner->cut = true;
}

/* -Y: "<sh>", the quoted name t had when last looked at; false and "" without. */
static bool thr_comm(const struct thr *t, char *buf, size_t size)
{
	struct sbuf sb;

	buf[0] = '\0';
	if (!(opt.decode_pids & DECODE_PID_COMM) || !t->comm[0])
		return false;
	sb_init(&sb);
	comm_quote(&sb, t->comm);
	snprintf(buf, size, "%s", sb.s ? sb.s : "");
	sb_free(&sb);
	return buf[0] != '\0';
}

void thr_comm_load(struct thr *t)
{
	char comm[COMM_SIZE];

	/* kept when the thread is gone: its last lines still show it */
	if ((opt.decode_pids & DECODE_PID_COMM) && comm_read(t->tid, comm))
		memcpy(t->comm, comm, sizeof(comm));
}

static size_t fmt_frac(char *buf, size_t size, long nsec, int prec)
{
	long v = nsec;

	for (int i = prec; i < 9; i++)
		v /= 10;
	if (prec < 1 || prec > 9)
		prec = 6;
	return (size_t)snprintf(buf, size, ".%0*ld", prec, v % 1000000000L);
}

void line_lead(struct thr *t, bool call, char *buf, size_t size)
{
	size_t n = 0;

#define ADD(...)                                                               \
	do {                                                                   \
		if (n < size)                                                  \
			n += (size_t)snprintf(buf + n, size - n, __VA_ARGS__); \
	} while (0)

	buf[0] = '\0';
	/* as strace decides it once: with -f, or more than one tracee to start with */
	if (opt.outfile && !opt.separate && (opt.follow || initial_tracees > 1)) {
		char comm[COMM_QUOTED];

		/* -Y: "5703<sh> ", not padded */
		if (thr_comm(t, comm, sizeof(comm)))
			ADD("%d%s ", (int)t->tid, comm);
		else
			ADD("%-5d ", (int)t->tid);
	} else if (!opt.outfile && nthreads > 1) {
		char comm[COMM_QUOTED];

		thr_comm(t, comm, sizeof(comm));
		ADD("[pid %5d%s] ", (int)t->tid, comm);
	}
	if (opt.ts != TS_NONE) {
		if (opt.ts == TS_UNIX) {
			ADD("%lld", (long long)now_real.tv_sec);
		} else {
			struct tm tm;
			char tb[32];

			localtime_r(&now_real.tv_sec, &tm);
			strftime(tb, sizeof(tb), "%H:%M:%S", &tm);
			ADD("%s", tb);
		}
		if (opt.ts_prec > 0 && n < size)
			n += fmt_frac(buf + n, size - n, now_real.tv_nsec, opt.ts_prec);
		ADD(" ");
	}
	if (opt.rel_prec >= 0) {
		struct timespec d = { 0, 0 };
		char frac[32] = "";

		if (prev_set) {
			d.tv_sec = now_mono.tv_sec - prev_line.tv_sec;
			d.tv_nsec = now_mono.tv_nsec - prev_line.tv_nsec;
			if (d.tv_nsec < 0) {
				d.tv_sec--;
				d.tv_nsec += 1000000000L;
			}
		}
		prev_line = now_mono;
		prev_set = true;
		if (opt.rel_prec > 0)
			fmt_frac(frac, sizeof(frac), d.tv_nsec, opt.rel_prec);
		if (opt.ts != TS_NONE)
			ADD("(+%6lld%s) ", (long long)d.tv_sec, frac);
		else
			ADD("%6lld%s ", (long long)d.tv_sec, frac);
	}
	if (opt.print_nr)
		ADD("[%4ld] ", t->last_nr);
	if (opt.print_ip) {
		bool narrow = t->abi == SCALL_ABI_I386;

		if (call)
			ADD(narrow ? "[%08llx] " : "[%016llx] ", (unsigned long long)t->ip);
		else
			ADD(narrow ? "[????????] " : "[????????????????] ");
	}
#undef ADD
}

void line_begin_with(struct thr *t, const char *lead)
{
	cut_line(t->out);
	t->out->owner = t;
	t->out->col = 0;
	out_puts(t, lead);
}

void line_begin(struct thr *t, bool call)
{
	char lead[LEAD_SIZE];

	line_lead(t, call, lead, sizeof(lead));
	line_begin_with(t, lead);
}
