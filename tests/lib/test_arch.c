/* SPDX-License-Identifier: MIT */
/*
 * The machine-dependent decoding of ABIs.  The kernel here lacks x32, so its
 * numbers are checked as the kernel would report them.
 */
#include <criterion/criterion.h>
#include <linux/audit.h>

#include "arch.h"
#include "internal.h"

#if defined(__x86_64__)
Test(arch, x32_numbers_lose_their_marker)
{
	uint64_t nr = 0x40000000ull | 110; /* x32 getppid */

	cr_assert_eq(scall__arch_abi_from_audit(AUDIT_ARCH_X86_64, &nr), SCALL_ABI_X32);
	cr_assert_eq(nr, 110);
	cr_assert_str_eq(scall_syscall_name(SCALL_ABI_X32, (long)nr), "getppid");
	cr_assert_eq(scall__arch_raw_nr(SCALL_ABI_X32, 110), 0x40000000ull | 110);
}

Test(arch, x32_only_calls_decode)
{
	/* 512 and up exist only on x32 (rt_sigaction there is 512). */
	uint64_t nr = 0x40000000ull | 512;

	cr_assert_eq(scall__arch_abi_from_audit(AUDIT_ARCH_X86_64, &nr), SCALL_ABI_X32);
	cr_assert_eq(nr, 512);
	cr_assert_str_eq(scall_syscall_name(SCALL_ABI_X32, 512), "rt_sigaction");
	cr_assert_null(scall_syscall_name(SCALL_ABI_X86_64, 512));
}

Test(arch, x86_64_and_i386_numbers)
{
	uint64_t nr = 110, skip = (uint64_t)-1;

	cr_assert_eq(scall__arch_abi_from_audit(AUDIT_ARCH_X86_64, &nr), SCALL_ABI_X86_64);
	cr_assert_eq(nr, 110);
	/* A skipped call (-1) is no x32 call, though its marker bit is set. */
	cr_assert_eq(scall__arch_abi_from_audit(AUDIT_ARCH_X86_64, &skip), SCALL_ABI_X86_64);
	cr_assert_eq(skip, (uint64_t)-1);
	nr = 64;
	cr_assert_eq(scall__arch_abi_from_audit(AUDIT_ARCH_I386, &nr), SCALL_ABI_I386);
	cr_assert_eq(nr, 64);
	cr_assert_eq(scall__arch_abi_from_audit(0xdeadbeef, &nr), SCALL_ABI_UNKNOWN);
	cr_assert_eq(scall__arch_raw_nr(SCALL_ABI_I386, 64), 64);
}

Test(arch, x32_registers)
{
	struct scall__regs r = { 0 };
	uint64_t args[6] = { 1, 2, 3, 4, 5, 6 }, got[6];
	long nr;

	scall__arch_set_entry(&r, SCALL_ABI_X32, 39, args);
	scall__arch_get_entry(&r, SCALL_ABI_X32, &nr, got);
	cr_assert_eq(nr, 39);
	cr_assert_arr_eq(got, args, sizeof(args));
	/* The register itself carries the marker, as the kernel expects. */
	scall__arch_get_entry(&r, SCALL_ABI_X86_64, &nr, got);
	cr_assert_eq(nr, 0x40000000l | 39);
}

Test(arch, i386_results)
{
	struct scall__regs r = { 0 };

	scall__arch_set_ret(&r, SCALL_ABI_I386, -2);
	cr_assert_eq(scall__arch_get_ret(&r, SCALL_ABI_I386), -2);
	/* An address above 2 GiB is a value, not an error. */
	scall__arch_set_ret(&r, SCALL_ABI_I386, 0xf7f6e000);
	cr_assert_eq(scall__arch_get_ret(&r, SCALL_ABI_I386), 0xf7f6e000);
}

Test(arch, abi_table)
{
	size_t n;
	const struct scall__abi_desc *d = scall__arch_abis(&n);

	cr_assert_eq(n, 3);
	cr_assert_eq(d[0].abi, SCALL_ABI_X86_64);
	cr_assert_eq(scall__arch_abi_desc(SCALL_ABI_UNKNOWN), &d[0]);
	cr_assert_eq(scall__arch_abi_desc(SCALL_ABI_X32)->nr_bit, 0x40000000u);
	cr_assert_null(scall__arch_abi_desc(SCALL_ABI_AARCH64));
}
#endif
