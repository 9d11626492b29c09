/* SPDX-License-Identifier: MIT */
/* -e read=SET, -e write=SET: dumps of the data moved (dumpio.c). */
#ifndef SCALL_CLI_DUMPIO_H
#define SCALL_CLI_DUMPIO_H

#include <stdbool.h>

struct thr;

/* Parse the descriptor set of -e read= (write false) or -e write=. */
void dumpio_parse(bool write, const char *value);
/* Whether any descriptor is selected. */
bool dumpio_active(void);
/* After the exit line of t's call: the dump lines, if its descriptor is selected. */
void dumpio(struct thr *t);

#endif
