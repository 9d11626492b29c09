/* SPDX-License-Identifier: MIT */
/*
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c).  Each target is linked
 * with every object of the CLI but main.o, with libscall, and with
 * -Wl,--wrap= for usage_error, die, msg and exit (common.c: a usage error
 * ends one run, not the fuzzer), for regcomp (common.c: no pathological
 * patterns) and for the calls that read a tracee (fake_mem.c: tracee memory
 * is served from the fuzz input).
 */
#ifndef SCALL_FUZZ_H
#define SCALL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- common.c ---- */

/* Run fn(arg); true if it returned, false if it ended in usage_error(),
 * die() or exit(). */
bool fuzz_run(void (*fn)(void *arg), void *arg);

/*
 * The heap blocks of one run: fuzz_track_begin() records every allocation
 * from then on; fuzz_track_end() stops and frees the recorded blocks still
 * allocated (what a usage error left behind, and what the run built), so a
 * run leaves the heap as it found it.  With SCALL_FUZZ_LEAKS=1 in the
 * environment, fuzz_leak_check() asks LeakSanitizer for blocks nothing
 * points to, and aborts if there are any.
 */
void fuzz_track_begin(void);
void fuzz_track_end(void);
void fuzz_leak_check(void);

/* The CLI's options and tampering rules as they are before parsing: saved by
 * fuzz_state_save() (once, at start-up), put back by fuzz_state_reset(). */
void fuzz_state_save(void);
void fuzz_state_reset(void);

/* data as NUL-terminated lines, split at '\n': *n of them, then NULL.
 * Freed with fuzz_lines_free(). */
char **fuzz_lines(const uint8_t *data, size_t size, int *n);
void fuzz_lines_free(char **lines);

/* Send stdout to /dev/null (help and version texts). */
void fuzz_quiet_stdout(void);

/* ---- json_check.c ---- */

/* Whether s[0..len) is exactly one JSON value (RFC 8259), whitespace around
 * it allowed. */
bool json_valid(const char *s, size_t len);

/* ---- fake_mem.c ---- */

/* Tracee memory for the decoders: image[0..len) at FAKE_BASE; everything
 * else is unmapped (-EFAULT).  After `reads` reads (0: never) every read
 * fails with -ESRCH, as when the thread died.  siginfo: what
 * scall_get_siginfo() gives (NULL: -EINVAL). */
#define FAKE_BASE 0x10000ull
void fake_mem_set(const uint8_t *image, size_t len, unsigned reads, const void *siginfo,
		  size_t siginfo_len);

#endif
