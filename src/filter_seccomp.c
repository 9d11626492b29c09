/* SPDX-License-Identifier: MIT */
/*
 * The primary filter builder: libseccomp.
 *
 * libseccomp's rule API takes numbers of the native table, and a context that
 * holds several ABIs gets every rule in each of them, translated by name.  So
 * that a rule reaches its own ABI only, each ABI gets a context of its own
 * (holding that ABI alone) and they are merged at the end.  A rule of another
 * ABI is given as the native number of its name, and only if libseccomp turns
 * that name back into exactly our number: otherwise -EOPNOTSUPP, and
 * scall__filter_build() uses the hand-built program (filter_bpf.c) instead.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static uint32_t act_of(enum scall_action action, int data)
{
	switch (action) {
	case SCALL_ACT_ALLOW:
		return SCMP_ACT_ALLOW;
	case SCALL_ACT_TRACE:
		return SCMP_ACT_TRACE(0);
	case SCALL_ACT_ERRNO:
		return SCMP_ACT_ERRNO((uint32_t)data);
	default:
		return SCMP_ACT_KILL_PROCESS;
	}
}

/* A libseccomp failure: out of memory, or something it cannot do. */
static int lib_err(int rc)
{
	return rc == -ENOMEM ? -ENOMEM : -EOPNOTSUPP;
}

/* A context for one ABI alone. */
static int ctx_new(uint32_t def, const struct scall__abi_desc *a, scmp_filter_ctx *out)
{
	scmp_filter_ctx ctx = seccomp_init(def);
	int rc;

	*out = NULL;
	if (!ctx)
		return -EOPNOTSUPP;
	rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (!rc && a->abi != scall_native_abi()) {
		rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
		if (!rc)
			rc = seccomp_arch_add(ctx, a->scmp_arch);
	}
	if (rc) {
		seccomp_release(ctx);
		return lib_err(rc);
	}
	*out = ctx;
	return 0;
}

/*
 * The number to give seccomp_rule_add() for nr of ABI a: nr itself for the
 * native ABI, else the native number of nr's name, provided libseccomp maps
 * that number back to the same name and the name to nr on a.
 */
static int rule_nr(const struct scall__abi_desc *a, long nr, int *out)
{
	const char *name;
	char *back;
	int native, theirs;
	bool same;

	if (a->abi == scall_native_abi()) {
		*out = (int)nr;
		return 0;
	}
	name = scall__syscall_name(a->abi, nr);
	if (!name)
		return -EOPNOTSUPP;
	native = seccomp_syscall_resolve_name(name);
	theirs = seccomp_syscall_resolve_name_arch(a->scmp_arch, name);
	if (native == __NR_SCMP_ERROR || theirs == __NR_SCMP_ERROR ||
	    (uint32_t)theirs != ((uint32_t)nr | a->nr_bit))
		return -EOPNOTSUPP;
	back = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, native);
	same = back && !strcmp(back, name);
	free(back);
	if (!same)
		return -EOPNOTSUPP;
	*out = native;
	return 0;
}

static int rule_add(scmp_filter_ctx *ctx, const struct scall__rule *r, uint32_t def)
{
	const struct scall__abi_desc *a = scall__arch_abi_desc(r->abi);
	uint32_t act = act_of(r->action, r->data);
	int nr, rc;

	if (!a)
		return -EINVAL;
	/* Equal to the default: nothing to test (libseccomp refuses it). */
	if (act == def)
		return 0;
	rc = rule_nr(a, r->nr, &nr);
	if (rc)
		return rc;
	rc = seccomp_rule_add(ctx[a - scall__arch_abi_desc(SCALL_ABI_UNKNOWN)], act, nr, 0);
	return rc ? lib_err(rc) : 0;
}

/* The program, through a memory file, as a malloc'ed sock_fprog. */
static int export_prog(scmp_filter_ctx ctx, struct sock_fprog *prog)
{
	struct sock_filter *c = NULL;
	struct stat st;
	size_t size, done = 0;
	ssize_t n;
	int fd, err;

	fd = memfd_create("scall-filter", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = seccomp_export_bpf(ctx, fd);
	if (err) {
		err = lib_err(err);
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out;
	}
	size = (size_t)st.st_size;
	if (st.st_size <= 0 || size % sizeof(*c)) {
		err = -EOPNOTSUPP;
		goto out;
	}
	if (size / sizeof(*c) > BPF_MAXINSNS) {
		err = -E2BIG;
		goto out;
	}
	c = malloc(size);
	if (!c) {
		err = -ENOMEM;
		goto out;
	}
	while (done < size) {
		n = pread(fd, (char *)c + done, size - done, (off_t)done);
		if (n <= 0) {
			err = n < 0 ? -errno : -EIO;
			free(c);
			goto out;
		}
		done += (size_t)n;
	}
	prog->len = (unsigned short)(size / sizeof(*c));
	prog->filter = c;
out:
	close(fd);
	return err;
}

int scall__filter_build_seccomp(const struct scall__filter *f, struct sock_fprog *prog)
{
	size_t nabis, i, k;
	const struct scall__abi_desc *abis = scall__arch_abis(&nabis);
	scmp_filter_ctx ctx[8] = { NULL };
	uint32_t def;
	int err = 0;

	if (!f || !prog)
		return -EINVAL;
	if (nabis > 8 || seccomp_arch_native() != abis[0].scmp_arch)
		return -EOPNOTSUPP;
	def = act_of(f->def_action, f->def_data);
	for (k = 0; k < nabis && !err; k++)
		err = ctx_new(def, &abis[k], &ctx[k]);
	for (i = 0; i < f->count && !err; i++)
		err = rule_add(ctx, &f->rules[i], def);
	/* Same default and attributes everywhere, so the merges are allowed. */
	for (k = 1; k < nabis && !err; k++) {
		err = seccomp_merge(ctx[0], ctx[k]);
		if (err)
			err = lib_err(err);
		else
			ctx[k] = NULL; /* now part of ctx[0] */
	}
	if (!err)
		err = export_prog(ctx[0], prog);
	for (k = 0; k < nabis; k++)
		if (ctx[k])
			seccomp_release(ctx[k]);
	return err;
}
