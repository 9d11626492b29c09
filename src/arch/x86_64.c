/* SPDX-License-Identifier: MIT */
/* x86_64, with its i386 ABI (32-bit processes and int 0x80) and x32. */
#include <errno.h>
#include <linux/audit.h>
#include <linux/elf-em.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "arch.h"
#include "internal.h"

#define X32_SYSCALL_BIT 0x40000000ULL
#define USER_CS_32 0x23 /* __USER32_CS: the selector of 32-bit processes */

_Static_assert(sizeof(struct user_regs_struct) <= sizeof(struct scall__regs),
	       "register buffer too small");

static struct user_regs_struct *R(struct scall__regs *r)
{
	return (struct user_regs_struct *)r->w;
}

static const struct user_regs_struct *CR(const struct scall__regs *r)
{
	return (const struct user_regs_struct *)r->w;
}

/* libseccomp's names for the same ABIs (its SCMP_ARCH_* values). */
#define SCMP_X86_64 AUDIT_ARCH_X86_64
#define SCMP_X86 AUDIT_ARCH_I386
#define SCMP_X32 (EM_X86_64 | __AUDIT_ARCH_LE)

static const struct scall__abi_desc abis[] = {
	{ SCALL_ABI_X86_64, AUDIT_ARCH_X86_64, SCMP_X86_64, 0 },
	{ SCALL_ABI_I386, AUDIT_ARCH_I386, SCMP_X86, 0 },
	{ SCALL_ABI_X32, AUDIT_ARCH_X86_64, SCMP_X32, X32_SYSCALL_BIT },
};

const struct scall__abi_desc *scall__arch_abis(size_t *n)
{
	*n = sizeof(abis) / sizeof(abis[0]);
	return abis;
}

enum scall_abi scall__arch_native(void)
{
	return SCALL_ABI_X86_64;
}

bool scall__arch_abi_ok(enum scall_abi abi)
{
	return abi == SCALL_ABI_X86_64 || abi == SCALL_ABI_I386 || abi == SCALL_ABI_X32;
}

uint32_t scall__arch_audit(enum scall_abi abi)
{
	switch (abi) {
	case SCALL_ABI_X86_64:
	case SCALL_ABI_X32:
		return AUDIT_ARCH_X86_64;
	case SCALL_ABI_I386:
		return AUDIT_ARCH_I386;
	default:
		return 0;
	}
}

enum scall_abi scall__arch_abi_from_audit(uint32_t audit_arch, uint64_t *nr)
{
	if (audit_arch == AUDIT_ARCH_I386)
		return SCALL_ABI_I386;
	if (audit_arch != AUDIT_ARCH_X86_64)
		return SCALL_ABI_UNKNOWN;
	/* x32 calls come through the 64-bit entry with a marker bit in nr. */
	if (*nr != (uint64_t)-1 && (*nr & X32_SYSCALL_BIT)) {
		*nr &= ~X32_SYSCALL_BIT;
		return SCALL_ABI_X32;
	}
	return SCALL_ABI_X86_64;
}

uint64_t scall__arch_raw_nr(enum scall_abi abi, long nr)
{
	if (abi == SCALL_ABI_X32 && nr >= 0)
		return (uint64_t)nr | X32_SYSCALL_BIT;
	return (uint64_t)nr;
}

int scall__arch_get_regs(pid_t tid, struct scall__regs *r)
{
	if (ptrace(PTRACE_GETREGS, tid, 0, R(r)) < 0)
		return -errno;
	return 0;
}

int scall__arch_set_regs(pid_t tid, const struct scall__regs *r)
{
	if (ptrace(PTRACE_SETREGS, tid, 0, CR(r)) < 0)
		return -errno;
	return 0;
}

enum scall_abi scall__arch_process_abi(const struct scall__regs *r)
{
	return CR(r)->cs == USER_CS_32 ? SCALL_ABI_I386 : SCALL_ABI_X86_64;
}

/*
 * The code segment tells a 32-bit process, but a 64-bit process may enter
 * the i386 ABI with int 0x80: the two bytes before ip tell which instruction
 * made the call.
 */
enum scall_abi scall__arch_regs_abi(pid_t tid, const struct scall__regs *r)
{
	const struct user_regs_struct *u = CR(r);
	unsigned char insn[2];

	if (u->cs == USER_CS_32)
		return SCALL_ABI_I386;
	if (scall__mem_read(tid, u->rip - 2, insn, 2) == 2 && insn[0] == 0xcd && insn[1] == 0x80)
		return SCALL_ABI_I386;
	if (u->orig_rax != (unsigned long long)-1 && (u->orig_rax & X32_SYSCALL_BIT))
		return SCALL_ABI_X32;
	return SCALL_ABI_X86_64;
}

void scall__arch_get_entry(const struct scall__regs *r, enum scall_abi abi, long *nr,
			   uint64_t args[6])
{
	const struct user_regs_struct *u = CR(r);

	if (abi == SCALL_ABI_I386) {
		*nr = (long)(int32_t)u->orig_rax;
		args[0] = (uint32_t)u->rbx;
		args[1] = (uint32_t)u->rcx;
		args[2] = (uint32_t)u->rdx;
		args[3] = (uint32_t)u->rsi;
		args[4] = (uint32_t)u->rdi;
		args[5] = (uint32_t)u->rbp;
		return;
	}
	*nr = (long)u->orig_rax;
	if (abi == SCALL_ABI_X32 && *nr != -1)
		*nr &= ~(long)X32_SYSCALL_BIT;
	args[0] = u->rdi;
	args[1] = u->rsi;
	args[2] = u->rdx;
	args[3] = u->r10;
	args[4] = u->r8;
	args[5] = u->r9;
}

static void load_args(struct user_regs_struct *u, enum scall_abi abi, const uint64_t args[6])
{
	if (abi == SCALL_ABI_I386) {
		u->rbx = (uint32_t)args[0];
		u->rcx = (uint32_t)args[1];
		u->rdx = (uint32_t)args[2];
		u->rsi = (uint32_t)args[3];
		u->rdi = (uint32_t)args[4];
		u->rbp = (uint32_t)args[5];
		return;
	}
	u->rdi = args[0];
	u->rsi = args[1];
	u->rdx = args[2];
	u->r10 = args[3];
	u->r8 = args[4];
	u->r9 = args[5];
}

void scall__arch_set_entry(struct scall__regs *r, enum scall_abi abi, long nr,
			   const uint64_t args[6])
{
	struct user_regs_struct *u = R(r);

	u->orig_rax = nr < 0 ? (unsigned long long)-1 : scall__arch_raw_nr(abi, nr);
	if (nr >= 0)
		load_args(u, abi, args);
}

int64_t scall__arch_get_ret(const struct scall__regs *r, enum scall_abi abi)
{
	if (abi == SCALL_ABI_I386) {
		int32_t v = (int32_t)CR(r)->rax;

		/* Errors are negative; addresses above 2 GiB are not. */
		return v < 0 && v >= -4095 ? v : (int64_t)(uint32_t)v;
	}
	return (int64_t)CR(r)->rax;
}

void scall__arch_set_ret(struct scall__regs *r, enum scall_abi abi, int64_t ret)
{
	if (abi == SCALL_ABI_I386)
		R(r)->rax = (uint64_t)(int64_t)(int32_t)ret;
	else
		R(r)->rax = (uint64_t)ret;
}

/* Both syscall (0f 05) and int 0x80 (cd 80) are two bytes long. */
void scall__arch_rerun(struct scall__regs *r, enum scall_abi abi, long nr, const uint64_t args[6])
{
	struct user_regs_struct *u = R(r);

	u->rip -= 2;
	u->rax = u->orig_rax = scall__arch_raw_nr(abi, nr);
	load_args(u, abi, args);
}

void scall__arch_call_at(struct scall__regs *r, enum scall_abi abi, uint64_t addr, long nr,
			 const uint64_t args[6])
{
	struct user_regs_struct *u = R(r);

	u->rip = addr;
	/* No pending call: the kernel must not apply restart logic here. */
	u->orig_rax = (unsigned long long)-1;
	u->rax = scall__arch_raw_nr(abi, nr);
	load_args(u, abi, args);
}

bool scall__arch_restart(struct scall__regs *r, enum scall_abi abi)
{
	struct user_regs_struct *u = R(r);
	int64_t ret = scall__arch_get_ret(r, abi);

	if ((long long)u->orig_rax < 0)
		return false;
	switch (ret) {
	case -512: /* ERESTARTSYS */
	case -513: /* ERESTARTNOINTR */
	case -514: /* ERESTARTNOHAND */
		u->rax = u->orig_rax;
		break;
	case -516: /* ERESTART_RESTARTBLOCK: restart_syscall */
		u->rax = abi == SCALL_ABI_I386 ? 0 : 219;
		break;
	default:
		return false;
	}
	u->rip -= 2;
	return true;
}

uint64_t scall__arch_ip(const struct scall__regs *r)
{
	return CR(r)->rip;
}

uint64_t scall__arch_sp(const struct scall__regs *r)
{
	return CR(r)->rsp;
}

const unsigned char *scall__arch_syscall_insn(enum scall_abi abi, size_t *len)
{
	static const unsigned char syscall_insn[] = { 0x0f, 0x05 };
	static const unsigned char int80_insn[] = { 0xcd, 0x80 };

	*len = 2;
	return abi == SCALL_ABI_I386 ? int80_insn : syscall_insn;
}
