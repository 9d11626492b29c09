/* SPDX-License-Identifier: MIT */
/*
 * The decoders (tools/scall/decode/) on arbitrary registers and tracee memory.
 *
 * The input is a header, then the tracee's memory image (fake_mem.c), which
 * is mapped at FAKE_BASE and also gives the siginfo of a signal stop:
 *   byte 0   ABI (bits 0-1), -X style (2-3), -x mode (4-5), --json (6), -y (7)
 *   byte 1   verbose (0), abbrev (1), raw (2), the thread vanishes after
 *            a few reads (3-5), -z (6), signal stop with a siginfo (7)
 *   byte 2   -s: an index in strsizes[]
 *   byte 3   the call run through syscall.c, and the signal of the stop
 *   byte 4-5 errno at the exit (bit 15: success instead), restart codes too;
 *            a return value of -4095..-1 is an errno too, as libscall says
 *   then 8 times 9 bytes: a kind and a 64-bit value, for the six arguments,
 *   the stack pointer and the return value.  Kind 0: the value; 1: a pointer
 *   into the image (or just past it); 2: a small signed number; 3: the low
 *   32 bits, sign-extended.
 * Every decoder of the table runs at the entry and, when it asks, at the
 * exit.  Their text must be printable ASCII (no tracee byte may reach the
 * output unescaped); one call a run also goes through syscall_entry() and
 * syscall_exit() to the output, each line of which must be printable ASCII,
 * or one valid JSON object with --json.
 *
 * SCALL_FUZZ_SKIP=name,name... leaves those decoders out: to go on fuzzing
 * the others past a known bug.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expr.h"
#include "fuzz.h"
#include "options.h"
#include "siginfo.h"
#include "trace.h"

#define HDR 78
#define NVALS 8 /* six arguments, sp, return value */

static const int strsizes[] = { 32,  0,   1,   2,   3,   4,    7,    8,    16,   31,    33,     64,
				255, 256, 510, 511, 512, 1024, 4095, 4096, 4097, 65536, 1 << 20 };

static bool skip[1024]; /* by index in the table */
static int out_fd = -1;
static pid_t self;
static char *out_text;
static size_t out_cap;

struct input {
	enum scall_abi abi;
	uint64_t v[NVALS];
	int error; /* at the exit, with v[7] the return value */
	unsigned which;
	int sig;
	bool verbose, abbrev, raw, abandon;
};

/* Whether name is in SCALL_FUZZ_SKIP. */
static bool skipped(const char *name)
{
	const char *names = getenv("SCALL_FUZZ_SKIP");
	size_t len;

	for (const char *p = names; p && *p; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (strlen(name) == len && !strncmp(name, p, len))
			return true;
	}
	return false;
}

static uint64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void report(const char *what, const char *name, const char *text, size_t len, size_t at)
{
	fprintf(stderr, "fuzz_decode: %s: %s, byte %zu (0x%02x) of:\n", name, what, at,
		at < len ? (unsigned char)text[at] : 0);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)text[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '\\')
			fputc(ch, stderr);
		else
			fprintf(stderr, "\\x%02x", ch);
	}
	fputc('\n', stderr);
	abort();
}

static void check_text(const char *name, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch >= 0x7f)
			report("a byte that is not printable ASCII", name, s, len, i);
	}
}

static void check_call(const struct call *c)
{
	if (c->sb.len && strlen(c->sb.s) != c->sb.len)
		report("a NUL inside the text", c->ent->name, c->sb.s, c->sb.len, strlen(c->sb.s));
	check_text(c->ent->name, c->sb.s ? c->sb.s : "", c->sb.len);
	check_text(c->ent->name, c->aux, strnlen(c->aux, sizeof(c->aux)));
	if (c->narg > MAX_ARGS + 2)
		report("more arguments than argpos[] holds (json_call reads past it)", c->ent->name,
		       c->sb.s, c->sb.len, 0);
}

/* One decoder at the entry and, if it asks, at the exit: as syscall.c does. */
static void run_decoder(struct call *c, const struct sysent *e, const struct input *in)
{
	struct sbuf sb = c->sb;

	memset(c, 0, sizeof(*c));
	c->sb = sb;
	sb_reset(&c->sb);
	c->t = tracer;
	c->tid = c->pid = self;
	c->abi = in->abi;
	c->nr = scall_syscall_lookup(in->abi, e->name);
	c->ent = e;
	memcpy(c->args, in->v, sizeof(c->args));
	c->sp = in->v[6];
	c->verbose = in->verbose;
	c->abbrev = in->abbrev;
	c->restart_name = in->raw ? "nanosleep" : NULL;
	c->state = e->dec(c);
	check_call(c);
	if (c->state == DEC_DONE)
		return;
	if (c->state == DEC_EXIT && c->narg > 0) {
		sb_puts(&c->sb, ", ");
		c->sep_done = true;
	}
	c->exiting = true;
	c->error = in->error;
	c->rval = (int64_t)in->v[7];
	e->dec(c);
	check_call(c);
}

/* The output of the run so far: each line printable, or JSON with --json. */
static void check_output(void)
{
	struct stat st;
	size_t len, start = 0;

	fflush(out_main());
	if (fstat(out_fd, &st) || st.st_size <= 0)
		return;
	len = (size_t)st.st_size;
	if (len > out_cap) {
		out_cap = len;
		out_text = realloc(out_text, out_cap);
		if (!out_text)
			abort();
	}
	if (pread(out_fd, out_text, len, 0) != (ssize_t)len)
		abort();
	for (size_t i = 0; i <= len; i++) {
		if (i < len && out_text[i] != '\n')
			continue;
		if (opt.json && i > start &&
		    (out_text[start] != '{' || !json_valid(out_text + start, i - start)))
			report("a line that is not a JSON object", "output", out_text + start,
			       i - start, 0);
		check_text("output", out_text + start, i - start);
		start = i + 1;
	}
	if (ftruncate(out_fd, 0))
		abort();
	fseek(out_main(), 0, SEEK_SET);
}

/* -e raw=all, or the default raw=none. */
static void set_raw(bool on)
{
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		if (raw_set.bits[a])
			memset(raw_set.bits[a], on, (size_t)raw_set.size[a]);
	raw_set.all_unknown = on;
}

/* One call through syscall.c: the line it prints (or its JSON object). */
static void run_line(const struct input *in)
{
	static struct thr t;
	struct scall_info si;
	const struct sysent *e;
	size_t count = 0;
	long nr, max = scall_syscall_max(in->abi);

	while (sysent_at(count))
		count++;
	e = sysent_at(in->which % count);
	nr = scall_syscall_lookup(in->abi, e->name);
	if (nr < 0)
		nr = max >= 0 ? (long)in->which % (max + 1) : 0;
	if (skipped(sysent_get(in->abi, nr)->name))
		return;
	memset(&si, 0, sizeof(si));
	si.abi = in->abi;
	si.nr = nr;
	memcpy(si.args, in->v, sizeof(si.args));
	si.sp = in->v[6];
	si.ip = in->v[7];
	memset(&t, 0, sizeof(t));
	t.tid = t.pid = self;
	t.abi = in->abi;
	t.out = out_for(self);
	syscall_entry(&t, &si);
	if (in->abandon) {
		syscall_abandon(&t);
	} else {
		si.error = in->error;
		si.rval[0] = (int64_t)in->v[7];
		syscall_exit(&t, &si);
	}
	sb_free(&t.c.sb);
	out_release(t.out);
	check_output();
}

/* A signal stop: the siginfo from the image, as siginfo_describe() prints it. */
static void run_signal(const struct input *in)
{
	struct thr t;
	struct sbuf sb;

	memset(&t, 0, sizeof(t));
	t.tid = t.pid = self;
	sb_init(&sb);
	siginfo_describe(&t, in->sig, &sb);
	check_text("siginfo", sb.s ? sb.s : "", sb.len);
	sb_free(&sb);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char path[64];

	(void)argc;
	(void)argv;
	self = getpid();
	expr_init();
	for (size_t i = 0; sysent_at(i) && i < sizeof(skip); i++)
		skip[i] = skipped(sysent_at(i)->name);
	out_fd = memfd_create("scall-fuzz-output", MFD_CLOEXEC);
	if (out_fd < 0) {
		perror("memfd_create");
		exit(1);
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", out_fd);
	opt.outfile = path;
	out_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum scall_abi abis[4] = { SCALL_ABI_X86_64, SCALL_ABI_I386, SCALL_ABI_X32,
						SCALL_ABI_X86_64 };
	static struct call c;
	uint8_t h[HDR] = { 0 };
	const uint8_t *img = data + (size < HDR ? size : HDR);
	size_t img_len = size < HDR ? 0 : size - HDR;
	struct input in;
	const struct sysent *e;
	unsigned reads;

	memcpy(h, data, size < HDR ? size : HDR);
	memset(&in, 0, sizeof(in));
	in.abi = abis[h[0] & 3];
	if (scall_syscall_max(in.abi) < 0)
		in.abi = scall_native_abi();
	opt.xlat = (enum xlat_style)((h[0] >> 2 & 3) % 3);
	opt.hex = (enum hex_mode)(h[0] >> 4 & 3);
	opt.json = h[0] >> 6 & 1;
	opt.decode_fds = h[0] >> 7;
	in.verbose = h[1] & 1;
	in.abbrev = h[1] >> 1 & 1;
	in.raw = h[1] >> 2 & 1;
	in.abandon = in.raw && in.abbrev;
	reads = (h[1] >> 3 & 7) * 3;
	opt.status = h[1] >> 6 & 1 ? STATUS_SUCCESSFUL : STATUS_ALL;
	opt.strsize = strsizes[h[2] % (sizeof(strsizes) / sizeof(strsizes[0]))];
	in.which = h[3];
	in.sig = h[3] & 0x7f;
	for (int i = 0; i < NVALS; i++) {
		const uint8_t *p = h + 6 + 9 * i;
		uint64_t v = le64(p + 1);

		switch (p[0] & 3) {
		case 0:
			in.v[i] = v;
			break;
		case 1:
			in.v[i] = FAKE_BASE + v % (img_len + 64);
			break;
		case 2:
			in.v[i] = (uint64_t)(int64_t)(int8_t)v;
			break;
		default:
			in.v[i] = (uint64_t)(int64_t)(int32_t)v;
		}
	}
	/* A result libscall can give: -4095..-1 is an error, and an error's
	 * return value is its negation. */
	in.error = (h[4] | h[5] << 8) & 0xfff;
	if ((int64_t)in.v[7] < 0 && (int64_t)in.v[7] >= -4095)
		in.error = (int)-(int64_t)in.v[7];
	else if (h[5] & 0x80)
		in.error = 0;
	if (in.error)
		in.v[7] = (uint64_t) - (int64_t)in.error;
	for (size_t i = 0; (e = sysent_at(i)); i++) {
		if (!e->dec || (i < sizeof(skip) && skip[i]))
			continue;
		fake_mem_set(img, img_len, reads, h[1] >> 7 ? img : NULL, img_len);
		run_decoder(&c, e, &in);
	}
	fake_mem_set(img, img_len, reads, h[1] >> 7 ? img : NULL, img_len);
	set_raw(in.raw);
	run_line(&in);
	set_raw(false);
	fake_mem_set(img, img_len, 0, h[1] >> 7 ? img : NULL, img_len);
	run_signal(&in);
	return 0;
}
