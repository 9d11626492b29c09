/* SPDX-License-Identifier: MIT */
/* For -k: getppid called from known functions, two levels deep. */
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((noinline)) long stack_inner_caller(void)
{
	long r = syscall(SYS_getppid);

	__asm__ volatile("" ::: "memory"); /* keep the call from being a tail call */
	return r;
}

__attribute__((noinline)) long stack_outer_caller(void)
{
	long r = stack_inner_caller();

	__asm__ volatile("" ::: "memory");
	return r + 1;
}

int main(void)
{
	return stack_outer_caller() > 0 ? 0 : 1;
}
