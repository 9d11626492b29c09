/* SPDX-License-Identifier: MIT */
/*
 * Filter rules, and the seccomp program they become.
 *
 * Built with libseccomp (filter_seccomp.c); only when its tables are older than
 * ours for a non-native ABI (a name unknown there, or numbered differently) is
 * the whole program emitted by hand as classic BPF (filter_bpf.c) instead.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define NR_MAX 4095    /* highest number a rule may name */
#define ERRNO_MAX 4095 /* highest errno the kernel passes back */

/* abi as rules store it (SCALL_ABI_UNKNOWN is the native ABI), or
 * SCALL_ABI_UNKNOWN if filters on this machine cannot cover it. */
static enum scall_abi abi_norm(enum scall_abi abi)
{
	if (abi == SCALL_ABI_UNKNOWN)
		return scall_native_abi();
	return scall__arch_abi_ok(abi) ? abi : SCALL_ABI_UNKNOWN;
}

static bool action_ok(enum scall_action action, int data)
{
	switch (action) {
	case SCALL_ACT_ALLOW:
	case SCALL_ACT_TRACE:
	case SCALL_ACT_KILL:
		return data == 0;
	case SCALL_ACT_ERRNO:
		return data >= 1 && data <= ERRNO_MAX;
	default:
		return false;
	}
}

static struct scall__rule *rule_find(const struct scall__filter *f, enum scall_abi abi, long nr)
{
	size_t i;

	for (i = 0; i < f->count; i++)
		if (f->rules[i].abi == abi && f->rules[i].nr == nr)
			return &f->rules[i];
	return NULL;
}

void scall__filter_init(struct scall__filter *f)
{
	memset(f, 0, sizeof(*f));
	f->def_action = SCALL_ACT_ALLOW;
}

void scall__filter_release(struct scall__filter *f)
{
	free(f->rules);
	scall__filter_init(f);
}

int scall__filter_add(struct scall__filter *f, enum scall_abi abi, long nr,
		      enum scall_action action, int data)
{
	struct scall__rule *r;

	abi = abi_norm(abi);
	if (abi == SCALL_ABI_UNKNOWN || nr < 0 || nr > NR_MAX || !action_ok(action, data))
		return -EINVAL;
	r = rule_find(f, abi, nr);
	if (!r) {
		if (f->count == f->cap) {
			size_t cap = f->cap ? 2 * f->cap : 16;
			struct scall__rule *p;

			p = realloc(f->rules, cap * sizeof(*p));
			if (!p)
				return -ENOMEM;
			f->rules = p;
			f->cap = cap;
		}
		r = &f->rules[f->count++];
		r->abi = abi;
		r->nr = nr;
	}
	r->action = action;
	r->data = data;
	return 0;
}

int scall__filter_set_default(struct scall__filter *f, enum scall_action action, int data)
{
	if (!action_ok(action, data))
		return -EINVAL;
	f->def_action = action;
	f->def_data = data;
	return 0;
}

bool scall__filter_in_use(const struct scall__filter *f)
{
	return f->count > 0 || f->def_action != SCALL_ACT_ALLOW;
}

bool scall__filter_traces(const struct scall__filter *f)
{
	size_t i;

	if (f->def_action == SCALL_ACT_TRACE)
		return true;
	for (i = 0; i < f->count; i++)
		if (f->rules[i].action == SCALL_ACT_TRACE)
			return true;
	return false;
}

enum scall_action scall__filter_lookup(const struct scall__filter *f, enum scall_abi abi, long nr,
				       int *data)
{
	const struct scall__rule *r;

	if (abi == SCALL_ABI_UNKNOWN)
		abi = scall_native_abi();
	r = rule_find(f, abi, nr);
	if (data)
		*data = r ? r->data : f->def_data;
	return r ? r->action : f->def_action;
}

int scall__filter_build(const struct scall__filter *f, struct sock_fprog *prog)
{
	int err;

	if (!f || !prog || !action_ok(f->def_action, f->def_data))
		return -EINVAL;
	err = scall__filter_build_seccomp(f, prog);
	/* Also when libseccomp's program is too long: ranges make ours shorter. */
	if (err == -EOPNOTSUPP || err == -E2BIG)
		err = scall__filter_build_bpf(f, prog);
	return err;
}

int scall__filter_load(const struct sock_fprog *prog)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) < 0)
		return -errno;
	return 0;
}

/* The public API: see include/scall.h. */

int scall_filter_add(scall_tracer *t, enum scall_abi abi, long nr, enum scall_action action,
		     int data)
{
	if (!t)
		return -EINVAL;
	return scall__filter_add(&t->filter, abi, nr, action, data);
}

int scall_filter_default(scall_tracer *t, enum scall_action action, int data)
{
	if (!t)
		return -EINVAL;
	return scall__filter_set_default(&t->filter, action, data);
}

int scall_filter_action(scall_tracer *t, enum scall_abi abi, long nr, int *data)
{
	if (!t || abi_norm(abi) == SCALL_ABI_UNKNOWN || nr < 0 || nr > NR_MAX)
		return -EINVAL;
	return (int)scall__filter_lookup(&t->filter, abi, nr, data);
}

int scall_filter_clear(scall_tracer *t)
{
	if (!t)
		return -EINVAL;
	scall__filter_release(&t->filter);
	return 0;
}

int scall_filter_active(scall_tracer *t, pid_t tid)
{
	struct scall__thread *th;

	if (!t)
		return -EINVAL;
	th = scall__thread_find(t, tid);
	if (!th)
		return -ESRCH;
	return th->proc->has_seccomp ? 1 : 0;
}

const struct scall__abi_desc *scall__arch_abi_desc(enum scall_abi abi)
{
	size_t i, n;
	const struct scall__abi_desc *abis = scall__arch_abis(&n);

	if (abi == SCALL_ABI_UNKNOWN)
		abi = scall_native_abi();
	for (i = 0; i < n; i++)
		if (abis[i].abi == abi)
			return &abis[i];
	return NULL;
}
