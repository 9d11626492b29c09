/* SPDX-License-Identifier: MIT */
/*
 * aarch64: struct user_pt_regs (NT_PRSTATUS) and the syscall number
 * (NT_ARM_SYSTEM_CALL) kept in struct scall__regs.  The number is x8 when the
 * svc runs, but once in the kernel only the NT_ARM_SYSTEM_CALL copy counts.
 * x0 is both the first argument and the result: at an exit stop the first
 * argument is gone, and the engine keeps it from the entry.  AArch32 (compat)
 * tasks are not supported.
 */
#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include <asm/ptrace.h>

#include "arch.h"

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif
#ifndef AUDIT_ARCH_AARCH64
#define AUDIT_ARCH_AARCH64 0xC00000B7u
#endif
#ifndef PSR_MODE32_BIT
#define PSR_MODE32_BIT 0x10
#endif

/* Where each register lives in w[]: user_pt_regs first, then the number. */
enum {
	R_X0 = 0,
	R_X8 = 8,
	R_SP = 31,
	R_PC = 32,
	R_PSTATE = 33,
	R_NR = 34,
};

/* The kernel's "no system call": skips the call, disables restarts. */
#define NO_SYSCALL (-1)

_Static_assert(sizeof(struct user_pt_regs) == R_NR * sizeof(uint64_t), "user_pt_regs layout");
_Static_assert(R_NR < sizeof(((struct scall__regs *)0)->w) / sizeof(uint64_t),
	       "scall__regs too small");

/* svc #0, little-endian. */
static const unsigned char svc_insn[4] = { 0x01, 0x00, 0x00, 0xd4 };

static const struct scall__abi_desc abis[] = {
	/* libseccomp's SCMP_ARCH_AARCH64 is the audit value */
	{ SCALL_ABI_AARCH64, AUDIT_ARCH_AARCH64, AUDIT_ARCH_AARCH64, 0 },
};

const struct scall__abi_desc *scall__arch_abis(size_t *n)
{
	*n = sizeof(abis) / sizeof(abis[0]);
	return abis;
}

enum scall_abi scall__arch_native(void)
{
	return SCALL_ABI_AARCH64;
}

bool scall__arch_abi_ok(enum scall_abi abi)
{
	return abi == SCALL_ABI_AARCH64;
}

uint32_t scall__arch_audit(enum scall_abi abi)
{
	return abi == SCALL_ABI_AARCH64 ? AUDIT_ARCH_AARCH64 : 0;
}

enum scall_abi scall__arch_abi_from_audit(uint32_t audit_arch, uint64_t *nr)
{
	(void)nr; /* no marker bits on aarch64 */
	return audit_arch == AUDIT_ARCH_AARCH64 ? SCALL_ABI_AARCH64 : SCALL_ABI_UNKNOWN;
}

uint64_t scall__arch_raw_nr(enum scall_abi abi, long nr)
{
	(void)abi;
	return (uint64_t)nr;
}

int scall__arch_get_regs(pid_t tid, struct scall__regs *r)
{
	struct iovec iov = { r->w, sizeof(struct user_pt_regs) };
	int nr;

	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	iov.iov_base = &nr;
	iov.iov_len = sizeof(nr);
	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_ARM_SYSTEM_CALL, &iov) < 0)
		return -errno;
	r->w[R_NR] = (uint64_t)(int64_t)nr;
	return 0;
}

int scall__arch_set_regs(pid_t tid, const struct scall__regs *r)
{
	struct iovec iov = { (void *)r->w, sizeof(struct user_pt_regs) };
	int nr = (int)(int64_t)r->w[R_NR];

	/* At syscall stops the kernel restores x7 itself: writing it is harmless. */
	if (ptrace(PTRACE_SETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	iov.iov_base = &nr;
	iov.iov_len = sizeof(nr);
	if (ptrace(PTRACE_SETREGSET, tid, (void *)NT_ARM_SYSTEM_CALL, &iov) < 0)
		return -errno;
	return 0;
}

enum scall_abi scall__arch_regs_abi(pid_t tid, const struct scall__regs *r)
{
	(void)tid;
	return scall__arch_process_abi(r);
}

enum scall_abi scall__arch_process_abi(const struct scall__regs *r)
{
	if (r->w[R_PSTATE] & PSR_MODE32_BIT)
		return SCALL_ABI_UNKNOWN; /* AArch32 compat: not supported */
	return SCALL_ABI_AARCH64;
}

void scall__arch_get_entry(const struct scall__regs *r, enum scall_abi abi, long *nr,
			   uint64_t args[6])
{
	(void)abi;
	*nr = (long)(int64_t)r->w[R_NR];
	memcpy(args, &r->w[R_X0], 6 * sizeof(uint64_t));
}

void scall__arch_set_entry(struct scall__regs *r, enum scall_abi abi, long nr,
			   const uint64_t args[6])
{
	(void)abi;
	/* x8 is left alone: compiled code may expect it unchanged after svc. */
	r->w[R_NR] = (uint64_t)nr;
	memcpy(&r->w[R_X0], args, 6 * sizeof(uint64_t));
}

int64_t scall__arch_get_ret(const struct scall__regs *r, enum scall_abi abi)
{
	(void)abi;
	return (int64_t)r->w[R_X0];
}

void scall__arch_set_ret(struct scall__regs *r, enum scall_abi abi, int64_t ret)
{
	(void)abi;
	r->w[R_X0] = (uint64_t)ret;
}

/* Load a call for an svc about to run; a restart of the current one must not
 * rewind ip on top of ours, so the kernel's number becomes NO_SYSCALL. */
static void load_call(struct scall__regs *r, long nr, const uint64_t args[6])
{
	r->w[R_X8] = (uint64_t)nr;
	r->w[R_NR] = (uint64_t)(int64_t)NO_SYSCALL;
	memcpy(&r->w[R_X0], args, 6 * sizeof(uint64_t));
}

void scall__arch_rerun(struct scall__regs *r, enum scall_abi abi, long nr, const uint64_t args[6])
{
	(void)abi;
	r->w[R_PC] -= sizeof(svc_insn);
	load_call(r, nr, args);
}

void scall__arch_call_at(struct scall__regs *r, enum scall_abi abi, uint64_t addr, long nr,
			 const uint64_t args[6])
{
	(void)abi;
	r->w[R_PC] = addr;
	load_call(r, nr, args);
}

/* The restart needs orig_x0, which no regset shows: left to the kernel. */
bool scall__arch_restart(struct scall__regs *r, enum scall_abi abi)
{
	(void)r;
	(void)abi;
	return false;
}

uint64_t scall__arch_ip(const struct scall__regs *r)
{
	return r->w[R_PC];
}

uint64_t scall__arch_sp(const struct scall__regs *r)
{
	return r->w[R_SP];
}

const unsigned char *scall__arch_syscall_insn(enum scall_abi abi, size_t *len)
{
	if (abi != SCALL_ABI_AARCH64) {
		*len = 0;
		return NULL;
	}
	*len = sizeof(svc_insn);
	return svc_insn;
}
