/* SPDX-License-Identifier: MIT */
/*
 * What every fuzz target needs: usage errors that end a run instead of the
 * process, a heap left as each run found it, and the CLI's global options
 * put back between runs.
 */
#include <fcntl.h>
#include <regex.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sanitizer/allocator_interface.h>
#include <sanitizer/lsan_interface.h>

#include "fuzz.h"
#include "options.h"
#include "pathtrace.h"
#include "tamper.h"

/* ---- usage_error(), die(), msg() and exit() of the CLI ---- */

static jmp_buf jump;
static volatile bool armed;

void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));
void __wrap_usage_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void __wrap_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
void __wrap_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void __attribute__((noreturn)) bail(int status)
{
	if (armed) {
		armed = false;
		longjmp(jump, 1);
	}
	__real_exit(status);
}

static void say(const char *fmt, va_list ap)
{
	fputs("scall: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void __wrap_exit(int status)
{
	bail(status);
}

void __wrap_usage_error(const char *fmt, ...)
{
	va_list ap;

	if (!armed) {
		va_start(ap, fmt);
		say(fmt, ap);
		va_end(ap);
	}
	bail(1);
}

void __wrap_die(const char *fmt, ...)
{
	va_list ap;

	if (!armed) {
		va_start(ap, fmt);
		say(fmt, ap);
		va_end(ap);
	}
	bail(1);
}

void __wrap_msg(const char *fmt, ...)
{
	va_list ap;

	if (armed)
		return;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

bool fuzz_run(void (*fn)(void *arg), void *arg)
{
	if (setjmp(jump))
		return false;
	armed = true;
	fn(arg);
	armed = false;
	return true;
}

/*
 * glibc's regcomp() takes memory and time exponential in stacked repetitions
 * ("e+++++++++++++++++++" wants gigabytes): that is glibc's to fix, and a
 * user's own command line.  Patterns with more than a few are refused as if
 * memory ran out, which the CLI handles as any regcomp() error.
 */
int __real_regcomp(regex_t *preg, const char *pattern, int cflags);
int __wrap_regcomp(regex_t *preg, const char *pattern, int cflags);

int __wrap_regcomp(regex_t *preg, const char *pattern, int cflags)
{
	int reps = 0, braces = 0;

	for (const char *p = pattern; *p; p++) {
		reps += *p == '*' || *p == '+' || *p == '?';
		braces += *p == '{';
	}
	if (reps > 8 || braces > 1 || strlen(pattern) > 256)
		return REG_ESPACE;
	return __real_regcomp(preg, pattern, cflags);
}

/* ---- the heap blocks of one run ---- */

/*
 * An open-addressing set of the blocks allocated since fuzz_track_begin(),
 * filled by the sanitizer's malloc and free hooks (which must not allocate).
 * Addresses are kept masked: LeakSanitizer must not count this table as a
 * reference to them.  Freed blocks leave tombstones; when they fill the
 * table it is compacted.
 */
#define SLOTS (1u << 17)
/* Not measured for coverage: the fuzzer is to explore the CLI, not this table. */
#define UNCOVERED __attribute__((no_sanitize("coverage")))
#define MASK 0x5a5a5a5a5a5a5a5aull
#define EMPTY 0
#define GONE 1

static uint64_t slot[SLOTS];
static uint32_t touched[SLOTS]; /* slots not EMPTY */
static size_t ntouched;
static uint64_t scratch[SLOTS];
static bool tracking;
static bool lost; /* this run has more live blocks than the table holds */

static UNCOVERED size_t slot_of(uint64_t key)
{
	return (size_t)((key * 0x9e3779b97f4a7c15ull) >> 40) & (SLOTS - 1);
}

static UNCOVERED void insert(uint64_t key)
{
	size_t i;

	for (i = slot_of(key); slot[i] != EMPTY && slot[i] != GONE; i = (i + 1) & (SLOTS - 1))
		;
	if (slot[i] == EMPTY)
		touched[ntouched++] = (uint32_t)i;
	slot[i] = key;
}

/* The live blocks again, in a table without tombstones. */
static UNCOVERED void compact(void)
{
	size_t n = 0;

	for (size_t k = 0; k < ntouched; k++) {
		uint64_t key = slot[touched[k]];

		if (key != GONE)
			scratch[n++] = key;
		slot[touched[k]] = EMPTY;
	}
	ntouched = 0;
	for (size_t k = 0; k < n; k++)
		insert(scratch[k]);
}

/* The thread that runs the inputs: libFuzzer's own threads are not ours. */
static __thread bool input_thread;

static UNCOVERED void on_malloc(const volatile void *p, size_t size)
{
	(void)size;
	if (!tracking || !input_thread || !p || lost)
		return;
	if (ntouched >= SLOTS / 2) {
		compact();
		/* A quarter full of live blocks: the rest go unrecorded, and leak. */
		if (ntouched >= SLOTS / 4) {
			lost = true;
			return;
		}
	}
	insert((uint64_t)(uintptr_t)p ^ MASK);
}

static UNCOVERED void on_free(const volatile void *p)
{
	uint64_t key = (uint64_t)(uintptr_t)p ^ MASK;

	if (!tracking || !input_thread || !p)
		return;
	for (size_t i = slot_of(key); slot[i] != EMPTY; i = (i + 1) & (SLOTS - 1)) {
		if (slot[i] == key) {
			slot[i] = GONE;
			return;
		}
	}
}

void fuzz_track_begin(void)
{
	static bool hooked;

	if (!hooked) {
		__sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
		hooked = true;
	}
	input_thread = true;
	tracking = true;
}

UNCOVERED void fuzz_track_end(void)
{
	tracking = false;
	for (size_t k = 0; k < ntouched; k++) {
		uint64_t key = slot[touched[k]];

		if (key != EMPTY && key != GONE)
			free((void *)(uintptr_t)(key ^ MASK));
		slot[touched[k]] = EMPTY;
	}
	ntouched = 0;
	lost = false;
}

void fuzz_leak_check(void)
{
	static int wanted = -1;

	if (wanted < 0) {
		const char *e = getenv("SCALL_FUZZ_LEAKS");

		wanted = e && *e == '1';
	}
	if (!wanted || lost)
		return;
	if (__lsan_do_recoverable_leak_check()) {
		fputs("fuzz: memory leaked by a run that succeeded\n", stderr);
		abort();
	}
}

/* ---- global state of the CLI ---- */

static struct options opt_saved;

void fuzz_state_save(void)
{
	opt_saved = opt;
}

void fuzz_state_reset(void)
{
	opt = opt_saved;
	tamper_rules = NULL;
	ntamper_rules = 0;
	deny_rules = NULL;
	ndeny_rules = 0;
	redirects = NULL;
	nredirects = 0;
	pathtrace_drop();
}

/* ---- input ---- */

char **fuzz_lines(const uint8_t *data, size_t size, int *n)
{
	char *text = malloc(size + 1);
	char **lines;
	int count = 1, k = 0;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size; i++)
		count += text[i] == '\n';
	lines = malloc(sizeof(*lines) * (size_t)(count + 2));
	if (!lines)
		abort();
	lines[k++] = text; /* the block, for fuzz_lines_free() */
	lines[k++] = text;
	for (size_t i = 0; i < size; i++) {
		if (text[i] == '\n') {
			text[i] = '\0';
			lines[k++] = text + i + 1;
		}
	}
	lines[k] = NULL;
	*n = count;
	return lines + 1;
}

void fuzz_lines_free(char **lines)
{
	free(lines[-1]);
	free(lines - 1);
}

void fuzz_quiet_stdout(void)
{
	int fd = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (fd >= 0) {
		fflush(stdout);
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	/* stdout's buffer exists before any run records its blocks */
	setvbuf(stdout, NULL, _IONBF, 0);
}
