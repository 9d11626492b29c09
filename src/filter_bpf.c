/* SPDX-License-Identifier: MIT */
/*
 * The fallback filter builder: classic BPF emitted by hand.
 *
 * scall__filter_build() uses it only when libseccomp cannot express a rule
 * exactly (see filter_seccomp.c).  Rules here are raw numbers of our own
 * tables, one ABI each, so it is exact for every rule the filter accepts.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "internal.h"

/* One rule as the program sees it. */
struct entry {
	uint32_t audit, nr, ret;
};

static uint32_t ret_of(enum scall_action action, int data)
{
	switch (action) {
	case SCALL_ACT_ALLOW:
		return SECCOMP_RET_ALLOW;
	case SCALL_ACT_TRACE:
		return SECCOMP_RET_TRACE;
	case SCALL_ACT_ERRNO:
		return SECCOMP_RET_ERRNO | ((uint32_t)data & SECCOMP_RET_DATA);
	default:
		return SECCOMP_RET_KILL_PROCESS;
	}
}

static int entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;

	if (a->audit != b->audit)
		return a->audit < b->audit ? -1 : 1;
	return a->nr < b->nr ? -1 : a->nr > b->nr;
}

/* The rules that differ from the default, sorted so that runs become ranges. */
static int collect(const struct scall__filter *f, uint32_t def, struct entry **out, size_t *n)
{
	struct entry *e = NULL;
	size_t i;

	*n = 0;
	if (f->count) {
		e = malloc(f->count * sizeof(*e));
		if (!e)
			return -ENOMEM;
	}
	for (i = 0; i < f->count; i++) {
		const struct scall__rule *r = &f->rules[i];
		const struct scall__abi_desc *a = scall__arch_abi_desc(r->abi);
		uint32_t ret = ret_of(r->action, r->data);

		if (!a) {
			free(e);
			return -EINVAL;
		}
		if (ret == def)
			continue;
		e[*n].audit = a->audit;
		e[*n].nr = (uint32_t)r->nr | a->nr_bit;
		e[*n].ret = ret;
		(*n)++;
	}
	if (*n)
		qsort(e, *n, sizeof(*e), entry_cmp);
	*out = e;
	return 0;
}

#define STMT(code, k) ((struct sock_filter)BPF_STMT(code, k))
#define JUMP(code, k, jt, jf) ((struct sock_filter)BPF_JUMP(code, k, jt, jf))

/* One ABI group: load nr, one test per range of equal actions, default. */
static size_t emit_group(struct sock_filter *c, size_t pc, uint32_t audit, const struct entry *e,
			 size_t n, uint32_t def)
{
	size_t i = 0, j;

	c[pc++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
	while (i < n) {
		if (e[i].audit != audit) {
			i++;
			continue;
		}
		j = i + 1;
		while (j < n && e[j].audit == audit && e[j].nr == e[j - 1].nr + 1 &&
		       e[j].ret == e[i].ret)
			j++;
		if (j - i == 1) {
			c[pc++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, e[i].nr, 0, 1);
		} else {
			c[pc++] = JUMP(BPF_JMP | BPF_JGE | BPF_K, e[i].nr, 0, 2);
			c[pc++] = JUMP(BPF_JMP | BPF_JGT | BPF_K, e[j - 1].nr, 1, 0);
		}
		c[pc++] = STMT(BPF_RET | BPF_K, e[i].ret);
		i = j;
	}
	c[pc++] = STMT(BPF_RET | BPF_K, def);
	return pc;
}

static bool audit_seen_before(const struct scall__abi_desc *abis, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		if (abis[i].audit == abis[k].audit)
			return true;
	return false;
}

int scall__filter_build_bpf(const struct scall__filter *f, struct sock_fprog *prog)
{
	uint32_t def;
	struct entry *e;
	struct sock_filter *c;
	size_t nabis, n, max, pc = 0, k, jumps[8];
	const struct scall__abi_desc *abis = scall__arch_abis(&nabis);
	int err;

	if (!f || !prog)
		return -EINVAL;
	def = ret_of(f->def_action, f->def_data);
	err = collect(f, def, &e, &n);
	if (err)
		return err;
	max = 2 + 4 * nabis + 3 * n;
	c = malloc(max * sizeof(*c));
	if (!c) {
		free(e);
		return -ENOMEM;
	}

	/* Dispatch on the ABI; one that is not ours kills the process. */
	c[pc++] = STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	for (k = 0; k < nabis; k++) {
		if (audit_seen_before(abis, k))
			continue;
		c[pc++] = JUMP(BPF_JMP | BPF_JEQ | BPF_K, abis[k].audit, 0, 1);
		jumps[k] = pc;
		c[pc++] = STMT(BPF_JMP | BPF_JA, 0);
	}
	c[pc++] = STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);

	for (k = 0; k < nabis; k++) {
		if (audit_seen_before(abis, k))
			continue;
		c[jumps[k]].k = (uint32_t)(pc - jumps[k] - 1);
		pc = emit_group(c, pc, abis[k].audit, e, n, def);
	}
	free(e);

	if (pc > BPF_MAXINSNS) {
		free(c);
		return -E2BIG;
	}
	prog->len = (unsigned short)pc;
	prog->filter = c;
	return 0;
}
