/* SPDX-License-Identifier: MIT */
/* The system-call tables generated into src/syscall_tables.c. */
#ifndef SCALL_SYSCALL_TABLES_H
#define SCALL_SYSCALL_TABLES_H

#include <stdint.h>

#include "scall.h"

/*
 * One ABI's table.  Names are offsets into scall__syscall_pool, where offset
 * 0 is the empty string: a number without a call.
 */
struct scall__systab {
	const uint16_t *by_nr;   /* name of each number, highest number last */
	const uint16_t *by_name; /* the numbers, sorted by name (strcmp) */
	uint16_t nr_count;       /* highest number + 1 */
	uint16_t name_count;
};

extern const char scall__syscall_pool[];
extern const struct scall__systab scall__systabs[SCALL_ABI_COUNT];

#endif
