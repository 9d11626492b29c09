/* SPDX-License-Identifier: MIT */
/*
 * Parsing of the tampering options, strace's syntax where strace has one:
 *   -e inject=SET[:error=E|:retval=V][:signal=SIG][:syscall=NAME]
 *             [:delay_enter=T][:delay_exit=T][:poke_enter=@argN=HEX,...]
 *             [:poke_exit=@argN=HEX,...][:argN=V][:when=EXPR]
 *   -e fault=SET[:error=E][:when=EXPR]          (error defaults to ENOSYS)
 *   --deny=SET[:error=E|:kill]                  (error defaults to EPERM)
 *   --redirect=OLD=NEW
 * Every mistake is a usage error that names the bad part; nothing runs.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode/decode.h"
#include "tamper.h"
#include "util.h"

#define MAX_ERRNO 4095

struct tamper_rule *tamper_rules;
int ntamper_rules;
struct deny_rule *deny_rules;
int ndeny_rules;
struct redirect *redirects;
int nredirects;

static const char *what; /* "inject", "fault", "deny": for messages */
static const char *whole;

static void __attribute__((noreturn, format(printf, 1, 2))) bad(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	usage_error("invalid %s expression '%s': %s", what, whole, buf);
}

static int parse_errno(const char *v)
{
	char *end;
	long n;
	int e;

	if (isdigit((unsigned char)*v)) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || n < 1 || n > MAX_ERRNO)
			bad("error '%s' out of range (1..%d)", v, MAX_ERRNO);
		return (int)n;
	}
	e = scall_errno_lookup(v);
	if (e < 1 || e > MAX_ERRNO)
		bad("unknown error name '%s'", v);
	return e;
}

static int parse_signal(const char *v)
{
	char *end;
	long n;

	if (isdigit((unsigned char)*v)) {
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || *end || n < 1 || n >= 128 || !scall_signal_name((int)n))
			bad("signal '%s' out of range", v);
		return (int)n;
	}
	n = scall_signal_lookup(v);
	if (n < 1)
		bad("unknown signal '%s'", v);
	return (int)n;
}

static int64_t parse_value(const char *key, const char *v)
{
	char *end;
	long long s;
	unsigned long long u;

	errno = 0;
	if (*v == '-') {
		s = strtoll(v, &end, 0);
		if (errno || end == v || *end)
			bad("invalid %s '%s'", key, v);
		return s;
	}
	u = strtoull(v, &end, 0);
	if (errno || end == v || *end)
		bad("invalid %s '%s'", key, v);
	return (int64_t)u;
}

/* 1.5ms, 10us, 3s, 200 (microseconds, as strace): nanoseconds. */
static uint64_t parse_delay(const char *key, const char *v)
{
	char *end;
	double d;
	double mult = 1e3;

	errno = 0;
	d = strtod(v, &end);
	if (errno || end == v || d < 0 || !isdigit((unsigned char)*v))
		bad("invalid %s '%s'", key, v);
	if (!strcmp(end, "s"))
		mult = 1e9;
	else if (!strcmp(end, "ms"))
		mult = 1e6;
	else if (!strcmp(end, "us") || !*end)
		mult = 1e3;
	else if (!strcmp(end, "ns"))
		mult = 1;
	else
		bad("invalid unit '%s' in %s=%s (s, ms, us or ns)", end, key, v);
	if (d * mult > 1e18)
		bad("%s '%s' is too long", key, v);
	return (uint64_t)(d * mult);
}

static unsigned when_num(const char *s, char **end, unsigned max, const char *part)
{
	unsigned long n;

	if (!isdigit((unsigned char)*s))
		bad("invalid when= %s in '%s'", part, s);
	errno = 0;
	n = strtoul(s, end, 10);
	if (errno || n < 1 || n > max)
		bad("when= %s '%.*s' out of range (1..%u)", part, (int)(*end - s), s, max);
	return (unsigned)n;
}

/* first[..last][+[step]] */
static void parse_when(struct tamper_rule *r, const char *v)
{
	char *p;

	r->first = when_num(v, &p, 65535, "first");
	r->last = r->first;
	r->step = 1;
	if (!strncmp(p, "..", 2)) {
		r->last = when_num(p + 2, &p, 65534, "last");
		if (r->last < r->first)
			bad("when= last %u is below first %u", r->last, r->first);
	}
	if (*p == '+') {
		bool range = r->last != r->first || strstr(v, "..");

		p++;
		if (!range)
			r->last = 0;
		if (*p)
			r->step = when_num(p, &p, 65535, "step");
	}
	if (*p)
		bad("invalid when= '%s' (first[..last][+[step]])", v);
}

static int parse_argn(const char *s, const char *key)
{
	if (strncmp(s, "arg", 3) || s[3] < '1' || s[3] > '6' || s[4])
		bad("invalid argument '%s' in %s (arg1..arg6)", s, key);
	return s[3] - '1';
}

/* @argN=HEX[,@argM=HEX...] */
static void parse_pokes(const char *key, const char *v, struct poke **out, int *n)
{
	char *copy = xstrdup(v), *tok, *save;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		struct poke p;
		size_t hl;

		if (*tok != '@' || !eq)
			bad("invalid %s '%s' (@argN=HEX)", key, tok);
		*eq = '\0';
		p.arg = parse_argn(tok + 1, key);
		hl = strlen(eq + 1);
		if (hl == 0 || hl % 2)
			bad("invalid data '%s' in %s (an even number of hex digits)", eq + 1, key);
		p.len = hl / 2;
		p.data = xmalloc(p.len);
		for (size_t i = 0; i < p.len; i++) {
			char byte[3] = { eq[1 + 2 * i], eq[2 + 2 * i], 0 };

			if (!isxdigit((unsigned char)byte[0]) || !isxdigit((unsigned char)byte[1]))
				bad("invalid hex data '%s' in %s", eq + 1, key);
			p.data[i] = (unsigned char)strtoul(byte, NULL, 16);
		}
		*out = xrealloc(*out, sizeof(**out) * (size_t)(*n + 1));
		(*out)[(*n)++] = p;
	}
	if (!*n)
		bad("empty %s", key);
	free(copy);
}

static void parse_key(struct tamper_rule *r, char *tok)
{
	char *eq = strchr(tok, '=');
	const char *v;

	if (!eq)
		bad("'%s' is not KEY=VALUE", tok);
	*eq = '\0';
	v = eq + 1;
	if (!*v)
		bad("empty value for '%s'", tok);
	if (!strcmp(tok, "error")) {
		if (r->has_error || r->has_retval)
			bad("only one error= or retval= is allowed");
		r->has_error = true;
		r->error = parse_errno(v);
	} else if (!strcmp(tok, "retval")) {
		if (r->has_error || r->has_retval)
			bad("only one error= or retval= is allowed");
		r->has_retval = true;
		r->retval = parse_value("retval", v);
	} else if (!strcmp(tok, "signal")) {
		if (r->signal)
			bad("only one signal= is allowed");
		r->signal = parse_signal(v);
	} else if (!strcmp(tok, "syscall")) {
		if (scall_syscall_lookup(scall_native_abi(), v) < 0 && !sysent_find(v))
			bad("unknown system call '%s' in syscall=", v);
		r->syscall = xstrdup(v);
	} else if (!strcmp(tok, "delay_enter")) {
		r->delay_enter = parse_delay(tok, v);
	} else if (!strcmp(tok, "delay_exit")) {
		r->delay_exit = parse_delay(tok, v);
	} else if (!strcmp(tok, "poke_enter")) {
		parse_pokes(tok, v, &r->poke_enter, &r->npoke_enter);
	} else if (!strcmp(tok, "poke_exit")) {
		parse_pokes(tok, v, &r->poke_exit, &r->npoke_exit);
	} else if (!strcmp(tok, "when")) {
		parse_when(r, v);
	} else if (!strncmp(tok, "arg", 3)) {
		int i = parse_argn(tok, "argN=");

		r->args_set |= 1u << i;
		r->argval[i] = (uint64_t)parse_value(tok, v);
	} else {
		bad("unknown key '%s'", tok);
	}
}

/* SET and the rest after its first ':'. */
static char *split_set(char *copy, struct nrset *set)
{
	char *colon = strchr(copy, ':');

	if (colon)
		*colon++ = '\0';
	if (!*copy)
		bad("no system call set");
	nrset_parse(set, copy);
	return colon;
}

void tamper_parse(const char *value, bool fault)
{
	struct tamper_rule r = { 0 };
	char *copy = xstrdup(value), *rest, *tok, *save;

	what = fault ? "fault" : "inject";
	whole = value;
	r.text = xstrdup(value);
	r.first = 1;
	r.step = 1;
	rest = split_set(copy, &r.set);
	for (tok = rest ? strtok_r(rest, ":", &save) : NULL; tok; tok = strtok_r(NULL, ":", &save))
		parse_key(&r, tok);
	if (fault && !r.has_error && !r.has_retval) {
		r.has_error = true;
		r.error = ENOSYS;
	}
	if (!r.has_error && !r.has_retval && !r.signal && !r.syscall && !r.delay_enter &&
	    !r.delay_exit && !r.npoke_enter && !r.npoke_exit && !r.args_set)
		bad("nothing to inject (error=, retval=, signal=, syscall=, delay_enter=, "
		    "delay_exit=, poke_enter=, poke_exit= or argN=)");
	free(copy);
	tamper_rules = xrealloc(tamper_rules, sizeof(r) * (size_t)(ntamper_rules + 1));
	tamper_rules[ntamper_rules++] = r;
}

const struct tamper_rule *tamper_rule_for(enum scall_abi abi, long nr)
{
	for (int i = ntamper_rules - 1; i >= 0; i--)
		if (nrset_has(&tamper_rules[i].set, abi, nr))
			return &tamper_rules[i];
	return NULL;
}

void deny_parse(const char *value)
{
	struct deny_rule d = { 0 };
	char *copy = xstrdup(value), *rest, *tok, *save;
	bool have_err = false;

	what = "deny";
	whole = value;
	d.error = EPERM;
	rest = split_set(copy, &d.set);
	for (tok = rest ? strtok_r(rest, ":", &save) : NULL; tok;
	     tok = strtok_r(NULL, ":", &save)) {
		if (!strcmp(tok, "kill")) {
			d.kill = true;
		} else if (!strncmp(tok, "error=", 6)) {
			if (have_err)
				bad("only one error= is allowed");
			have_err = true;
			d.error = parse_errno(tok + 6);
		} else {
			bad("unknown key '%s' (error=ERRNO or kill)", tok);
		}
	}
	if (d.kill && have_err)
		bad("error= and kill are mutually exclusive");
	free(copy);
	deny_rules = xrealloc(deny_rules, sizeof(d) * (size_t)(ndeny_rules + 1));
	deny_rules[ndeny_rules++] = d;
}

bool deny_of(enum scall_abi abi, long nr, bool *kill, int *error)
{
	for (int i = ndeny_rules - 1; i >= 0; i--) {
		if (nrset_has(&deny_rules[i].set, abi, nr)) {
			*kill = deny_rules[i].kill;
			*error = deny_rules[i].error;
			return true;
		}
	}
	return false;
}

/* s made absolute (against scall's directory) with ".", ".." and "//" gone. */
static char *clean_path(const char *s)
{
	char cwd[PATH_MAX];
	char *full, *out;
	size_t n = 0, len;

	if (*s == '/') {
		full = xstrdup(s);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			die("getcwd: %s", strerror(errno));
		len = strlen(cwd) + strlen(s) + 2;
		full = xmalloc(len);
		snprintf(full, len, "%s/%s", cwd, s);
	}
	out = xmalloc(strlen(full) + 2);
	for (char *p = full; *p;) {
		char *e;

		while (*p == '/')
			p++;
		e = p + strcspn(p, "/");
		if (e - p == 1 && p[0] == '.') {
			/* nothing */
		} else if (e - p == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else if (e > p) {
			out[n++] = '/';
			memcpy(out + n, p, (size_t)(e - p));
			n += (size_t)(e - p);
		}
		p = e;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(full);
	return out;
}

char *redirect_clean(const char *s)
{
	return clean_path(s);
}

void redirect_parse(const char *value)
{
	const char *eq = strchr(value, '=');
	struct redirect r;
	char *old;

	if (!eq || eq == value || !eq[1])
		usage_error("invalid --redirect '%s': OLD=NEW, both paths not empty", value);
	old = xstrdup(value);
	old[eq - value] = '\0';
	r.old = clean_path(old);
	r.new = clean_path(eq + 1);
	r.old_len = strlen(r.old);
	if (strlen(r.new) >= 4000)
		usage_error("invalid --redirect '%s': NEW is too long", value);
	free(old);
	redirects = xrealloc(redirects, sizeof(r) * (size_t)(nredirects + 1));
	redirects[nredirects++] = r;
}
