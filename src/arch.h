/* SPDX-License-Identifier: MIT */
/*
 * The machine-dependent interface.  Only src/arch/<machine>.c knows register
 * names; everything else speaks struct scall_info and these functions.
 */
#ifndef SCALL_ARCH_H
#define SCALL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "scall.h"

/* A thread's registers, opaque outside the arch file. */
struct scall__regs {
	uint64_t w[64];
};

/* An ABI a tracee of this machine may use, as seccomp sees its calls. */
struct scall__abi_desc {
	enum scall_abi abi;
	uint32_t audit;     /* seccomp_data.arch */
	uint32_t scmp_arch; /* libseccomp's SCMP_ARCH_* */
	uint32_t nr_bit;    /* marker bit the ABI sets in nr (x32) */
};

/* The ABIs of this machine, the native one first. */
const struct scall__abi_desc *scall__arch_abis(size_t *n);
/* The description of abi (SCALL_ABI_UNKNOWN: the native one), or NULL. */
const struct scall__abi_desc *scall__arch_abi_desc(enum scall_abi abi);

/* The ABI this library is built for. */
enum scall_abi scall__arch_native(void);
/* Whether a tracee of this machine can use abi. */
bool scall__arch_abi_ok(enum scall_abi abi);
/* The AUDIT_ARCH_* value seccomp reports for abi (0 if none). */
uint32_t scall__arch_audit(enum scall_abi abi);
/* ABI of a call from PTRACE_GET_SYSCALL_INFO's arch and raw nr; *nr loses
 * ABI marker bits (x32). */
enum scall_abi scall__arch_abi_from_audit(uint32_t audit_arch, uint64_t *nr);
/* The raw number the kernel expects for nr in abi (x32: with its bit). */
uint64_t scall__arch_raw_nr(enum scall_abi abi, long nr);

int scall__arch_get_regs(pid_t tid, struct scall__regs *r);
int scall__arch_set_regs(pid_t tid, const struct scall__regs *r);

/* ABI of the call a thread is stopped in, from its registers (and, where
 * the registers cannot tell, the instruction before ip). */
enum scall_abi scall__arch_regs_abi(pid_t tid, const struct scall__regs *r);
/* The ABI the process runs natively in (for injection at non-syscall stops). */
enum scall_abi scall__arch_process_abi(const struct scall__regs *r);

void scall__arch_get_entry(const struct scall__regs *r, enum scall_abi abi, long *nr,
			   uint64_t args[6]);
/* Set number and arguments as at an entry stop; nr -1 skips the call. */
void scall__arch_set_entry(struct scall__regs *r, enum scall_abi abi, long nr,
			   const uint64_t args[6]);
/* The raw return register (value or -errno), sign-extended for the abi. */
int64_t scall__arch_get_ret(const struct scall__regs *r, enum scall_abi abi);
void scall__arch_set_ret(struct scall__regs *r, enum scall_abi abi, int64_t ret);
/* Point ip back at the system-call instruction just executed, with nr and
 * args loaded so that resuming enters that call again (exit -> entry). */
void scall__arch_rerun(struct scall__regs *r, enum scall_abi abi, long nr, const uint64_t args[6]);
/* Place ip at addr (a system-call instruction) and load a call there. */
void scall__arch_call_at(struct scall__regs *r, enum scall_abi abi, uint64_t addr, long nr,
			 const uint64_t args[6]);
/* What the kernel does to a call that returned a restart code when no
 * signal handler runs: enter it (or restart_syscall) again.  False if the
 * result is no restart code. */
bool scall__arch_restart(struct scall__regs *r, enum scall_abi abi);
uint64_t scall__arch_ip(const struct scall__regs *r);
uint64_t scall__arch_sp(const struct scall__regs *r);
/* The machine code of the system-call instruction for abi, and its size. */
const unsigned char *scall__arch_syscall_insn(enum scall_abi abi, size_t *len);

#endif
