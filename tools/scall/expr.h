/* SPDX-License-Identifier: MIT */
/* -e expressions: sets of system calls and signals, and what they select. */
#ifndef SCALL_CLI_EXPR_H
#define SCALL_CLI_EXPR_H

#include <stdbool.h>
#include <stdint.h>

#include <scall.h>

/* A set of system calls, for every ABI the machine runs. */
struct nrset {
	uint8_t *bits[SCALL_ABI_COUNT];
	long size[SCALL_ABI_COUNT];
	bool all_unknown; /* numbers past the tables: in or out */
};

bool nrset_has(const struct nrset *s, enum scall_abi abi, long nr);
/* Parse a SET (as trace= takes) into s, which starts empty. */
void nrset_parse(struct nrset *s, const char *value);
/* Whether the set holds every known call of every ABI. */
bool nrset_is_full(const struct nrset *s);

/* The sets, after parse: read by the tracer and the decoders. */
extern struct nrset trace_set, abbrev_set, verbose_set, raw_set;
/* Signals to print (-e signal=), bit n for signal n. */
extern uint64_t signal_set[2];

static inline bool signal_selected(int sig)
{
	return sig > 0 && sig < 128 && (signal_set[sig / 64] >> (sig % 64)) & 1;
}

/* Set the defaults; call before any -e. */
void expr_init(void);
/* One -e EXPR (or a long option mapped to "NAME=VALUE"). */
void expr_parse(const char *e);
/* --trace=VALUE and friends: qualify NAME with VALUE. */
void expr_qualify(const char *name, const char *value);
/* -v: no abbreviation. */
void expr_verbose_all(void);

/* The ABIs with a syscall table on this machine (the tracer filters them). */
int expr_abis(enum scall_abi *abis, int max);

#endif
