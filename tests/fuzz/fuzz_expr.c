/* SPDX-License-Identifier: MIT */
/*
 * The -e expression parser (expr.c, and tparse.c for inject= and fault=):
 * each line of the input is one -e argument.  When every line is accepted,
 * the sets and rules are read back as the tracer reads them and checked.
 */
#include <stdio.h>
#include <stdlib.h>

#include "expr.h"
#include "fuzz.h"
#include "options.h"
#include "tamper.h"

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_expr: %s\n", what);
		abort();
	}
}

static void check_rule(const struct tamper_rule *r)
{
	check(!(r->has_error && r->has_retval), "a rule with both error= and retval=");
	check(!r->has_error || (r->error >= 1 && r->error <= 4095), "error= out of range");
	check(r->signal >= 0 && r->signal < 128, "signal= out of range");
	check(r->first >= 1, "when= first below 1");
	check(r->last == 0 || r->last >= r->first, "when= last below first");
	check(r->text != NULL, "a rule without its text");
	for (int i = 0; i < r->npoke_enter; i++)
		check(r->poke_enter[i].arg >= 0 && r->poke_enter[i].arg < 6 &&
			      r->poke_enter[i].len > 0,
		      "a bad poke_enter=");
	for (int i = 0; i < r->npoke_exit; i++)
		check(r->poke_exit[i].arg >= 0 && r->poke_exit[i].arg < 6 &&
			      r->poke_exit[i].len > 0,
		      "a bad poke_exit=");
}

/* What the tracer asks of the parsed expressions, for every number. */
static void read_back(void)
{
	enum scall_abi abis[SCALL_ABI_COUNT];
	int n = expr_abis(abis, SCALL_ABI_COUNT);
	unsigned sink = 0;

	for (int a = 0; a < n; a++) {
		long max = scall_syscall_max(abis[a]);

		for (long nr = -2; nr <= max + 2; nr++) {
			sink += nrset_has(&trace_set, abis[a], nr);
			sink += nrset_has(&abbrev_set, abis[a], nr);
			sink += nrset_has(&verbose_set, abis[a], nr);
			sink += nrset_has(&raw_set, abis[a], nr);
			sink += tamper_rule_for(abis[a], nr) != NULL;
		}
	}
	for (int sig = -1; sig < 130; sig++)
		sink += signal_selected(sig);
	sink += nrset_is_full(&trace_set);
	for (int i = 0; i < ntamper_rules; i++)
		check_rule(&tamper_rules[i]);
	check(opt.status <= STATUS_ALL && opt.quiet <= QUIET_ALL, "status= or quiet= bits");
	check((opt.decode_fds & ~(unsigned)DECODE_FD_ALL) == 0, "decode-fds= set");
	(void)sink;
}

static void parse(void *arg)
{
	char **lines = arg;

	for (int i = 0; lines[i]; i++)
		expr_parse(lines[i]);
	read_back();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
	expr_init();
	fuzz_state_save();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int n;
	char **lines = fuzz_lines(data, size, &n);

	fuzz_state_reset();
	expr_init();
	fuzz_track_begin();
	if (fuzz_run(parse, lines))
		fuzz_leak_check();
	fuzz_track_end();
	fuzz_state_reset();
	fuzz_lines_free(lines);
	return 0;
}
