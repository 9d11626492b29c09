/* SPDX-License-Identifier: MIT */
/*
 * --redirect=OLD=NEW (tparse.c): each line of the input is one --redirect.
 * Both paths must come out absolute and clean: no "." or ".." component, no
 * repeated or trailing slash; cleaning them again changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "tamper.h"

static void check_clean(const char *p, const char *what)
{
	bool ok = p[0] == '/' && !strstr(p, "//") && !strstr(p, "/./") && !strstr(p, "/../");
	size_t len = strlen(p);
	char *again;

	if (len > 1 && (p[len - 1] == '/' || !strcmp(p + len - 2, "/.") ||
			(len > 2 && !strcmp(p + len - 3, "/.."))))
		ok = false;
	again = redirect_clean(p);
	if (strcmp(again, p))
		ok = false;
	free(again);
	if (!ok) {
		fprintf(stderr, "fuzz_redirect: %s path not clean: '%s'\n", what, p);
		abort();
	}
}

static void parse(void *arg)
{
	char **lines = arg;

	for (int i = 0; lines[i]; i++)
		redirect_parse(lines[i]);
	for (int i = 0; i < nredirects; i++) {
		check_clean(redirects[i].old, "OLD");
		check_clean(redirects[i].new, "NEW");
		if (redirects[i].old_len != strlen(redirects[i].old)) {
			fprintf(stderr, "fuzz_redirect: old_len %zu is wrong\n",
				redirects[i].old_len);
			abort();
		}
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet_stdout();
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
