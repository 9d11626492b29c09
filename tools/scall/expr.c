/* SPDX-License-Identifier: MIT */
/*
 * -e expressions, strace's syntax: NAME=[!]VALUE[,VALUE...].  Syscall sets
 * take names, %classes, /regexes, all, none, ?optional names and @64/@32/@x32
 * ABI suffixes; signal, status, quiet and decode-fds sets take their names.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "dumpio.h"
#include "expr.h"
#include "options.h"
#include "tamper.h"
#include "util.h"

struct nrset trace_set, abbrev_set, verbose_set, raw_set;
uint64_t signal_set[2];

static bool trace_given, abbrev_given, verbose_given, raw_given, signal_given;

int expr_abis(enum scall_abi *abis, int max)
{
	enum scall_abi native = scall_native_abi();
	int n = 0;

	if (n < max)
		abis[n++] = native;
	if (native == SCALL_ABI_X86_64) {
		if (n < max && scall_syscall_max(SCALL_ABI_I386) >= 0)
			abis[n++] = SCALL_ABI_I386;
		if (n < max && scall_syscall_max(SCALL_ABI_X32) >= 0)
			abis[n++] = SCALL_ABI_X32;
	}
	return n;
}

static void nrset_alloc(struct nrset *s)
{
	enum scall_abi abis[SCALL_ABI_COUNT];
	int n = expr_abis(abis, SCALL_ABI_COUNT);

	for (int i = 0; i < n; i++) {
		long size = scall_syscall_max(abis[i]) + 1;

		if (size <= 0 || s->bits[abis[i]])
			continue;
		s->size[abis[i]] = size;
		s->bits[abis[i]] = xcalloc((size_t)size, 1);
	}
}

static void nrset_fill(struct nrset *s, bool on)
{
	nrset_alloc(s);
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		if (s->bits[a])
			memset(s->bits[a], on, (size_t)s->size[a]);
	s->all_unknown = on;
}

bool nrset_has(const struct nrset *s, enum scall_abi abi, long nr)
{
	if ((unsigned)abi >= SCALL_ABI_COUNT || !s->bits[abi] || nr < 0 || nr >= s->size[abi])
		return s->all_unknown;
	return s->bits[abi][nr];
}

bool nrset_is_full(const struct nrset *s)
{
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		for (long nr = 0; s->bits[a] && nr < s->size[a]; nr++)
			if (!s->bits[a][nr] && scall_syscall_name(a, nr))
				return false;
	return s->all_unknown;
}

void expr_init(void)
{
	nrset_fill(&trace_set, true);
	nrset_fill(&abbrev_set, true);
	nrset_fill(&verbose_set, true);
	nrset_fill(&raw_set, false);
	signal_set[0] = signal_set[1] = ~0ull;
	opt.status = STATUS_ALL;
}

void expr_verbose_all(void)
{
	nrset_fill(&abbrev_set, false);
}

/* ---- syscall sets ---- */

static const struct {
	const char *name;
	unsigned cls;
} classes[] = {
	{ "file", CLS_FILE },       { "desc", CLS_DESC },
	{ "net", CLS_NET },         { "network", CLS_NET },
	{ "process", CLS_PROCESS }, { "signal", CLS_SIGNAL },
	{ "ipc", CLS_IPC },         { "memory", CLS_MEMORY },
	{ "creds", CLS_CREDS },     { "stat", CLS_STAT },
	{ "lstat", CLS_LSTAT },     { "fstat", CLS_FSTAT },
	{ "%stat", CLS_STAT_ANY },  { "statfs", CLS_STATFS },
	{ "fstatfs", CLS_FSTATFS }, { "%statfs", CLS_STATFS_ANY },
	{ "clock", CLS_CLOCK },     { "pure", CLS_PURE },
};

static unsigned class_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(classes[i].name, name))
			return classes[i].cls;
	return 0;
}

static unsigned classes_of(enum scall_abi abi, long nr)
{
	const char *name = scall_syscall_name(abi, nr);
	const struct sysent *e = name ? sysent_find(name) : NULL;

	return e ? e->cls : 0;
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row));
	size_t d;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

/* "; did you mean 'open', 'openat'?" into buf, or "" with no close name. */
static void suggest(const char *bad, bool is_class, char *buf, size_t size)
{
	const char *best[3] = { 0 };
	size_t bestd[3] = { 99, 99, 99 };
	size_t limit = strlen(bad) / 3 + 1;
	size_t i;
	const struct sysent *e;

	if (limit > 3)
		limit = 3;
	for (i = 0;; i++) {
		const char *cand;

		if (is_class) {
			if (i >= sizeof(classes) / sizeof(classes[0]))
				break;
			cand = classes[i].name;
		} else {
			if (!(e = sysent_at(i)))
				break;
			cand = e->name;
		}
		size_t d = edit_distance(bad, cand);

		if (d > limit)
			continue;
		for (int k = 0; k < 3; k++) {
			if (d < bestd[k]) {
				for (int m = 2; m > k; m--) {
					best[m] = best[m - 1];
					bestd[m] = bestd[m - 1];
				}
				best[k] = cand;
				bestd[k] = d;
				break;
			}
		}
	}
	buf[0] = '\0';
	if (!best[0])
		return;
	snprintf(buf, size, "; did you mean '%s%s'", is_class ? "%" : "", best[0]);
	for (int k = 1; k < 3 && best[k]; k++) {
		size_t len = strlen(buf);

		snprintf(buf + len, size - len, ", '%s%s'", is_class ? "%" : "", best[k]);
	}
	strncat(buf, "?", size - strlen(buf) - 1);
}

/*
 * Syscall names are short: a longer pattern, a repetition of a repetition or
 * repetition counts whose product is over 1024 only make regcomp build an
 * automaton that can take gigabytes.
 */
static void check_regex(const char *re)
{
	size_t len = strlen(re);
	unsigned long product = 1;
	bool quantified = false;

	if (len > 256)
		usage_error("regular expression too long (%zu characters, at most 256)", len);
	for (const char *p = re; *p; p++) {
		bool q = *p == '*' || *p == '+' || *p == '?' || *p == '{';

		if (*p == '\\' && p[1]) {
			p++;
			quantified = false;
			continue;
		}
		if (q && quantified)
			usage_error("repeated repetition in regular expression '%s'", re);
		quantified = q;
		if (*p != '{')
			continue;
		for (const char *n = p + 1; *n >= '0' && *n <= '9'; n = strchrnul(n, ',') + 1) {
			unsigned long v = strtoul(n, NULL, 10);

			if (v > 1024 || (product *= v ? v : 1) > 1024)
				usage_error(
					"repetition counts in '%s' too large (product over 1024)",
					re);
			if (!strchr(n, ','))
				break;
		}
		p = strchrnul(p, '}');
		if (!*p)
			break;
	}
}

/* Add one element (name, %class, /regex, all, number) to s, for abis. */
static void add_element(struct nrset *s, const char *tok, const bool abi_ok[SCALL_ABI_COUNT])
{
	bool optional = false;
	bool found = false;
	char hint[160];

	if (*tok == '?') {
		optional = true;
		tok++;
	}
	if (!strcmp(tok, "all")) {
		for (int a = 0; a < SCALL_ABI_COUNT; a++)
			if (abi_ok[a] && s->bits[a])
				memset(s->bits[a], 1, (size_t)s->size[a]);
		s->all_unknown = true;
		return;
	}
	if (*tok == '/') {
		regex_t re;
		int rc;

		check_regex(tok + 1);
		rc = regcomp(&re, tok + 1, REG_EXTENDED | REG_NOSUB);

		if (rc) {
			char err[128];

			regerror(rc, &re, err, sizeof(err));
			usage_error("invalid regular expression '%s': %s", tok + 1, err);
		}
		for (int a = 0; a < SCALL_ABI_COUNT; a++)
			for (long nr = 0; abi_ok[a] && s->bits[a] && nr < s->size[a]; nr++) {
				const char *name = scall_syscall_name(a, nr);

				if (name && !regexec(&re, name, 0, NULL, 0)) {
					s->bits[a][nr] = 1;
					found = true;
				}
			}
		regfree(&re);
		if (!found && !optional)
			usage_error("no system call matches the regular expression '%s'", tok + 1);
		return;
	}
	unsigned cls = 0;

	if (*tok == '%') {
		cls = class_lookup(tok + 1);
		if (!cls) {
			if (optional)
				return;
			suggest(tok + 1, true, hint, sizeof(hint));
			usage_error("invalid system call class '%s'%s", tok, hint);
		}
	} else if (!sysent_find(tok) && !isdigit((unsigned char)*tok)) {
		/* strace's old class names without '%' */
		cls = class_lookup(tok);
	}
	for (int a = 0; a < SCALL_ABI_COUNT; a++) {
		if (!abi_ok[a] || !s->bits[a])
			continue;
		if (cls) {
			for (long nr = 0; nr < s->size[a]; nr++)
				if (classes_of(a, nr) & cls) {
					s->bits[a][nr] = 1;
					found = true;
				}
			continue;
		}
		long nr;

		if (isdigit((unsigned char)*tok)) {
			char *end;

			nr = strtol(tok, &end, 10);
			if (*end)
				nr = -1;
		} else {
			nr = scall_syscall_lookup(a, tok);
		}
		if (nr >= 0 && nr < s->size[a]) {
			s->bits[a][nr] = 1;
			found = true;
		}
	}
	if (found || optional || cls)
		return;
	/* A name of another ABI only (or unknown to this kernel's tables). */
	if (sysent_find(tok))
		return;
	suggest(tok, false, hint, sizeof(hint));
	usage_error("invalid system call '%s'%s", tok, hint);
}

static void qualify_syscalls(struct nrset *s, bool *given, const char *value)
{
	struct nrset tmp = { 0 };
	bool neg = false;
	char *copy, *tok, *save;

	if (*value == '!') {
		neg = true;
		value++;
	}
	if (!*value)
		usage_error("empty system call list in '%s'", value);
	nrset_fill(&tmp, false);
	copy = xstrdup(value);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		bool abi_ok[SCALL_ABI_COUNT];
		char *at = strrchr(tok, '@');

		for (int a = 0; a < SCALL_ABI_COUNT; a++)
			abi_ok[a] = true;
		if (at && *tok != '/') {
			enum scall_abi only;

			if (!strcmp(at, "@64"))
				only = SCALL_ABI_X86_64;
			else if (!strcmp(at, "@32"))
				only = SCALL_ABI_I386;
			else if (!strcmp(at, "@x32"))
				only = SCALL_ABI_X32;
			else
				usage_error("invalid personality '%s' in '%s'", at + 1, tok);
			for (int a = 0; a < SCALL_ABI_COUNT; a++)
				abi_ok[a] = a == (int)only;
			*at = '\0';
		}
		if (!strcmp(tok, "none"))
			continue;
		add_element(&tmp, tok, abi_ok);
	}
	free(copy);
	if (neg) {
		for (int a = 0; a < SCALL_ABI_COUNT; a++)
			for (long nr = 0; tmp.bits[a] && nr < tmp.size[a]; nr++)
				tmp.bits[a][nr] = !tmp.bits[a][nr];
		tmp.all_unknown = !tmp.all_unknown;
	}
	if (!*given) {
		nrset_fill(s, false);
		*given = true;
	}
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		for (long nr = 0; tmp.bits[a] && nr < tmp.size[a]; nr++)
			s->bits[a][nr] |= tmp.bits[a][nr];
	s->all_unknown |= tmp.all_unknown;
	for (int a = 0; a < SCALL_ABI_COUNT; a++)
		free(tmp.bits[a]);
}

void nrset_parse(struct nrset *s, const char *value)
{
	bool given = false;

	qualify_syscalls(s, &given, value);
}

/* ---- named sets: signals, statuses, quiet, decode-fds ---- */

static void qualify_signals(const char *value)
{
	uint64_t set[2] = { 0, 0 };
	bool neg = false;
	char *copy, *tok, *save;

	if (*value == '!') {
		neg = true;
		value++;
	}
	copy = xstrdup(value);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int sig;

		if (!strcmp(tok, "all")) {
			set[0] = set[1] = ~0ull;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		if (isdigit((unsigned char)*tok)) {
			char *end;

			sig = (int)strtol(tok, &end, 10);
			if (*end || sig <= 0 || sig >= 128)
				usage_error("invalid signal '%s'", tok);
		} else {
			sig = scall_signal_lookup(tok);
			if (sig <= 0 || sig >= 128)
				usage_error("invalid signal '%s'", tok);
		}
		set[sig / 64] |= 1ull << (sig % 64);
	}
	free(copy);
	if (neg) {
		set[0] = ~set[0];
		set[1] = ~set[1];
	}
	if (!signal_given) {
		signal_set[0] = signal_set[1] = 0;
		signal_given = true;
	}
	signal_set[0] |= set[0];
	signal_set[1] |= set[1];
}

struct name_bit {
	const char *name;
	unsigned bit;
};

static unsigned qualify_names(const char *what, const char *value, const struct name_bit *names,
			      unsigned all)
{
	unsigned set = 0;
	bool neg = false;
	char *copy, *tok, *save;

	if (*value == '!') {
		neg = true;
		value++;
	}
	copy = xstrdup(value);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const struct name_bit *n;

		if (!strcmp(tok, "all")) {
			set = all;
			continue;
		}
		if (!strcmp(tok, "none"))
			continue;
		for (n = names; n->name; n++)
			if (!strcmp(n->name, tok))
				break;
		if (!n->name)
			usage_error("invalid %s '%s'", what, tok);
		set |= n->bit;
	}
	free(copy);
	return neg ? all & ~set : set;
}

static const struct name_bit status_names[] = {
	{ "successful", STATUS_SUCCESSFUL }, { "failed", STATUS_FAILED },
	{ "unfinished", STATUS_UNFINISHED }, { "unavailable", STATUS_UNAVAILABLE },
	{ "detached", STATUS_DETACHED },     { NULL, 0 },
};

static const struct name_bit quiet_names[] = {
	{ "attach", QUIET_ATTACH },
	{ "exit", QUIET_EXIT },
	{ "exits", QUIET_EXIT },
	{ "path-resolution", QUIET_PATH },
	{ "personality", QUIET_PERSONALITY },
	{ "thread-execve", QUIET_THREAD_EXECVE },
	{ "superseded", QUIET_SUPERSEDED },
	{ NULL, 0 },
};

static const struct name_bit pids_names[] = {
	{ "comm", DECODE_PID_COMM },
	{ "pidns", DECODE_PID_PIDNS },
	{ NULL, 0 },
};

static const struct name_bit fds_names[] = {
	{ "path", DECODE_FD_PATH },
	{ "socket", DECODE_FD_SOCKET },
	{ "dev", DECODE_FD_DEV },
	{ "pidfd", DECODE_FD_PIDFD },
	{ NULL, 0 },
};

void expr_qualify(const char *name, const char *value)
{
	if (!strcmp(name, "trace") || !strcmp(name, "t")) {
		qualify_syscalls(&trace_set, &trace_given, value);
	} else if (!strcmp(name, "abbrev") || !strcmp(name, "a")) {
		qualify_syscalls(&abbrev_set, &abbrev_given, value);
	} else if (!strcmp(name, "verbose") || !strcmp(name, "v")) {
		qualify_syscalls(&verbose_set, &verbose_given, value);
	} else if (!strcmp(name, "raw") || !strcmp(name, "x")) {
		qualify_syscalls(&raw_set, &raw_given, value);
	} else if (!strcmp(name, "signal") || !strcmp(name, "signals") || !strcmp(name, "s")) {
		qualify_signals(value);
	} else if (!strcmp(name, "status")) {
		opt.status = qualify_names("status", value, status_names, STATUS_ALL);
	} else if (!strcmp(name, "quiet") || !strcmp(name, "silent") || !strcmp(name, "silence") ||
		   !strcmp(name, "q")) {
		opt.quiet = qualify_names("quiet message", value, quiet_names, QUIET_ALL);
		opt.quiet_set = true;
	} else if (!strcmp(name, "decode-fds") || !strcmp(name, "decode-fd")) {
		opt.decode_fds =
			qualify_names("decode-fds detail", value, fds_names, DECODE_FD_ALL);
	} else if (!strcmp(name, "decode-pids") || !strcmp(name, "decode-pid")) {
		opt.decode_pids = qualify_names("decode-pids", value, pids_names, DECODE_PID_ALL);
		if (opt.decode_pids & DECODE_PID_PIDNS)
			die("--decode-pids=pidns is not supported yet");
	} else if (!strcmp(name, "inject") || !strcmp(name, "fault")) {
		tamper_parse(value, name[0] == 'f');
	} else if (!strcmp(name, "read") || !strcmp(name, "reads") || !strcmp(name, "r")) {
		dumpio_parse(false, value);
	} else if (!strcmp(name, "write") || !strcmp(name, "writes") || !strcmp(name, "w")) {
		dumpio_parse(true, value);
	} else if (!strcmp(name, "kvm") || !strcmp(name, "trace-fds") ||
		   !strcmp(name, "trace-fd")) {
		die("-e %s= is not supported yet", name);
	} else {
		usage_error("invalid expression '%s=%s': unknown qualifier '%s'", name, value,
			    name);
	}
}

void expr_parse(const char *e)
{
	const char *eq = strchr(e, '=');

	if (!eq) {
		expr_qualify("trace", e);
		return;
	}
	char *name = xstrdup(e);

	name[eq - e] = '\0';
	expr_qualify(name, eq + 1);
	free(name);
}
