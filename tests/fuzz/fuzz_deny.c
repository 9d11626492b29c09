/* SPDX-License-Identifier: MIT */
/* --deny=SET[:error=E|:kill] (tparse.c): each line of the input is one --deny. */
#include <stdio.h>
#include <stdlib.h>

#include "expr.h"
#include "fuzz.h"
#include "tamper.h"

static void read_back(void)
{
	enum scall_abi abis[SCALL_ABI_COUNT];
	int n = expr_abis(abis, SCALL_ABI_COUNT);

	for (int a = 0; a < n; a++) {
		long max = scall_syscall_max(abis[a]);

		for (long nr = -2; nr <= max + 2; nr++) {
			bool kill = false;
			int error = 0;

			if (deny_of(abis[a], nr, &kill, &error) && !kill &&
			    (error < 1 || error > 4095)) {
				fprintf(stderr, "fuzz_deny: error %d out of range\n", error);
				abort();
			}
		}
	}
}

static void parse(void *arg)
{
	char **lines = arg;

	for (int i = 0; lines[i]; i++)
		deny_parse(lines[i]);
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
	fuzz_track_begin();
	if (fuzz_run(parse, lines))
		fuzz_leak_check();
	fuzz_track_end();
	fuzz_state_reset();
	fuzz_lines_free(lines);
	return 0;
}
