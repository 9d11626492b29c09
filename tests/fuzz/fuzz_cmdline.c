/* SPDX-License-Identifier: MIT */
/*
 * The whole command line (options.c): each line of the input is one argument
 * after "scall".  Options that print and exit (--help, -V) and usage errors
 * end the run; nothing is traced.
 */
#include <getopt.h>
#include <stdlib.h>

#include "expr.h"
#include "fuzz.h"
#include "options.h"

static void parse(void *arg)
{
	char **argv = arg;
	int argc = 0;

	while (argv[argc])
		argc++;
	optind = 0; /* getopt starts over */
	opterr = 0;
	parse_options(argc, argv);
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
	char **argv = malloc(sizeof(*argv) * (size_t)(n + 2));

	if (!argv)
		abort();
	argv[0] = "scall";
	for (int i = 0; i <= n; i++)
		argv[i + 1] = lines[i];
	fuzz_state_reset();
	fuzz_track_begin();
	if (fuzz_run(parse, argv))
		fuzz_leak_check();
	fuzz_track_end();
	fuzz_state_reset();
	free(argv);
	fuzz_lines_free(lines);
	return 0;
}
