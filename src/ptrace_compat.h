/* SPDX-License-Identifier: MIT */
/*
 * ptrace definitions newer than the C library's headers.  The kernel's
 * values are fixed ABI; presence is probed at run time.
 */
#ifndef SCALL_PTRACE_COMPAT_H
#define SCALL_PTRACE_COMPAT_H

#include <stdint.h>
#include <sys/ptrace.h>

#define SCALL__GET_SYSCALL_INFO 0x420e /* since 5.3 */
#define SCALL__SET_SYSCALL_INFO 0x4212 /* since 6.16 */

#define SCALL__SYSINFO_NONE 0
#define SCALL__SYSINFO_ENTRY 1
#define SCALL__SYSINFO_EXIT 2
#define SCALL__SYSINFO_SECCOMP 3

/* struct ptrace_syscall_info in its 6.16 layout (88 bytes). */
struct scall__sysinfo {
	uint8_t op;
	uint8_t reserved;
	uint16_t flags;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t stack_pointer;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t rval;
			uint8_t is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
			uint32_t reserved2;
		} seccomp;
	};
};

_Static_assert(sizeof(struct scall__sysinfo) == 88, "ptrace_syscall_info layout");

#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif

#endif
