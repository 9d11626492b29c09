/* SPDX-License-Identifier: MIT */
/*
 * Tracee memory, on a child stopped under raw ptrace (no tracer object):
 * reads across pages and up to holes, writes into read-only pages, strings
 * at page ends.  The child lays out its pages, sends their base address
 * through a pipe and stops; afterwards it checks what the writes did.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "internal.h"
#include "scall.h"

/*
 * The child's pages, from its base address:
 *   0-1  read-write, pattern bytes
 *   2    PROT_NONE
 *   3-4  read-write; CROSS straddles 3|4, EDGE ends (its NUL) at the end of 4
 *   5    unmapped
 *   6    read-write; ends with NONUL_LEN 'A' and no NUL
 *   7    unmapped
 *   8    read-only, holding RO_OLD
 *   9    read-write scratch
 */
enum {
	P_RW = 0,
	P_NONE = 2,
	P_STR = 3,
	P_HOLE1 = 5,
	P_NONUL = 6,
	P_HOLE2 = 7,
	P_RO = 8,
	P_SCRATCH = 9,
	NPAGES = 10
};

#define CROSS "a string across two pages"
#define CROSS_BEFORE 6 /* bytes of CROSS on the first page */
#define EDGE "ends at the page end"
#define NONUL_LEN 16
#define RO_OLD "read-only page, as mapped"
#define RO_NEW "read-only page, rewritten"
#define SCRATCH_NEW "written by the tracer"

static pid_t child;
static uint64_t base;
static size_t page;

static uint8_t pattern(size_t off)
{
	return (uint8_t)(off * 31 + 7);
}

static uint64_t at(int pg, size_t off)
{
	return base + (uint64_t)pg * page + off;
}

/* The child's side: lay out, report, stop; exit with what it sees after. */
static void tracee(int fd)
{
	char *m = mmap(NULL, NPAGES * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);
	uint64_t addr = (uint64_t)(uintptr_t)m;
	size_t i;
	int code = 0;

	if (m == MAP_FAILED)
		_exit(90);
	for (i = 0; i < 2 * page; i++)
		m[i] = (char)pattern(i);
	memset(m + P_STR * page, 'x', 2 * page);
	memcpy(m + (P_STR + 1) * page - CROSS_BEFORE, CROSS, sizeof(CROSS));
	memcpy(m + (P_STR + 2) * page - sizeof(EDGE), EDGE, sizeof(EDGE));
	memset(m + (P_NONUL + 1) * page - NONUL_LEN, 'A', NONUL_LEN);
	memcpy(m + P_RO * page, RO_OLD, sizeof(RO_OLD));
	if (mprotect(m + P_NONE * page, page, PROT_NONE) ||
	    mprotect(m + P_RO * page, page, PROT_READ) || munmap(m + P_HOLE1 * page, page) ||
	    munmap(m + P_HOLE2 * page, page))
		_exit(91);
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0)
		_exit(92);
	if (write(fd, &addr, sizeof(addr)) != (ssize_t)sizeof(addr))
		_exit(93);
	raise(SIGSTOP);
	/* Resumed: report which of the tracer's writes landed. */
	if (!memcmp(m + P_RO * page, RO_NEW, sizeof(RO_NEW)))
		code |= 1;
	if (!memcmp(m + P_SCRATCH * page, SCRATCH_NEW, sizeof(SCRATCH_NEW)))
		code |= 2;
	_exit(code);
}

static void start(void)
{
	int fds[2], st;

	page = (size_t)sysconf(_SC_PAGESIZE);
	cr_assert_eq(pipe(fds), 0);
	child = fork();
	cr_assert_geq(child, 0);
	if (child == 0) {
		close(fds[0]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		tracee(fds[1]);
	}
	close(fds[1]);
	cr_assert_eq(read(fds[0], &base, sizeof(base)), (ssize_t)sizeof(base),
		     "the child did not report its pages");
	close(fds[0]);
	cr_assert_eq(waitpid(child, &st, 0), child);
	cr_assert(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "wait status %#x", (unsigned)st);
}

static void stop(void)
{
	if (child > 0) {
		kill(child, SIGKILL);
		waitpid(child, NULL, 0);
		child = 0;
	}
}

/* Let the child run to its exit; returns its exit code. */
static int finish(void)
{
	int st;

	cr_assert_eq(ptrace(PTRACE_CONT, child, 0, 0), 0);
	cr_assert_eq(waitpid(child, &st, 0), child);
	child = 0;
	cr_assert(WIFEXITED(st), "wait status %#x", (unsigned)st);
	return WEXITSTATUS(st);
}

TestSuite(mem_raw, .init = start, .fini = stop);

Test(mem_raw, read_across_a_page_boundary)
{
	uint8_t buf[64];
	size_t i, off = page - 20;

	cr_assert_eq(scall__mem_read(child, at(P_RW, off), buf, sizeof(buf)), sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		cr_assert_eq(buf[i], pattern(off + i), "byte %zu", i);
}

Test(mem_raw, read_stops_at_protnone_page)
{
	size_t len = 3 * page;
	uint8_t *buf = malloc(len);
	size_t i, off = page + 100;

	cr_assert_not_null(buf);
	cr_expect_eq(scall__mem_read(child, at(P_RW, off), buf, len), (ssize_t)(2 * page - off));
	for (i = 0; i < 2 * page - off; i++)
		cr_assert_eq(buf[i], pattern(off + i), "byte %zu", i);
	free(buf);
}

Test(mem_raw, read_stops_at_unmapped_page)
{
	char buf[200];

	cr_expect_eq(scall__mem_read(child, at(P_HOLE1, 0) - 50, buf, sizeof(buf)), 50);
	cr_expect_eq(memcmp(buf + 50 - sizeof(EDGE), EDGE, sizeof(EDGE)), 0);
}

Test(mem_raw, unreadable_start_is_efault)
{
	char buf[16];

	cr_expect_eq(scall__mem_read(child, at(P_NONE, 0), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read(child, at(P_HOLE1, 8), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read(child, 0, buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read(child, UINT64_MAX - 3, buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read(child, at(P_RW, 0), buf, 0), 0);
}

Test(mem_raw, read_only_page_reads)
{
	char buf[sizeof(RO_OLD)];

	cr_assert_eq(scall__mem_read(child, at(P_RO, 0), buf, sizeof(buf)), sizeof(buf));
	cr_expect_str_eq(buf, RO_OLD);
}

Test(mem_raw, writes_land_also_in_read_only_pages)
{
	char buf[64];

	cr_expect_eq(scall__mem_write(child, at(P_RO, 0), RO_NEW, sizeof(RO_NEW)), sizeof(RO_NEW));
	cr_expect_eq(scall__mem_write(child, at(P_SCRATCH, 0), SCRATCH_NEW, sizeof(SCRATCH_NEW)),
		     sizeof(SCRATCH_NEW));
	cr_assert_eq(scall__mem_read(child, at(P_RO, 0), buf, sizeof(RO_NEW)), sizeof(RO_NEW));
	cr_expect_str_eq(buf, RO_NEW);
	cr_expect_eq(finish(), 3, "the child did not see both writes");
}

Test(mem_raw, write_stops_at_unmapped_page)
{
	char buf[100], back[40];

	memset(buf, 'w', sizeof(buf));
	cr_expect_eq(scall__mem_write(child, at(P_HOLE1, 0) - 40, buf, sizeof(buf)), 40);
	cr_expect_eq(scall__mem_write(child, at(P_HOLE1, 0), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_write(child, 0, buf, sizeof(buf)), -EFAULT);
	cr_assert_eq(scall__mem_read(child, at(P_HOLE1, 0) - 40, back, sizeof(back)), 40);
	cr_expect_eq(memcmp(back, buf, sizeof(back)), 0);
}

Test(mem_raw, string_across_pages)
{
	char buf[256];

	cr_expect_eq(scall__mem_read_str(child, at(P_STR + 1, 0) - CROSS_BEFORE, buf, sizeof(buf)),
		     (ssize_t)strlen(CROSS));
	cr_expect_str_eq(buf, CROSS);
}

Test(mem_raw, string_ending_at_page_end_before_hole)
{
	char buf[256];
	uint64_t addr = at(P_HOLE1, 0) - sizeof(EDGE);

	cr_expect_eq(scall__mem_read_str(child, addr, buf, sizeof(buf)), (ssize_t)strlen(EDGE));
	cr_expect_str_eq(buf, EDGE);
	/* Exactly big enough, and one byte short. */
	cr_expect_eq(scall__mem_read_str(child, addr, buf, sizeof(EDGE)), (ssize_t)strlen(EDGE));
	cr_expect_str_eq(buf, EDGE);
	cr_expect_eq(scall__mem_read_str(child, addr, buf, sizeof(EDGE) - 1),
		     (ssize_t)sizeof(EDGE) - 2);
	cr_expect_eq(strlen(buf), sizeof(EDGE) - 2);
	cr_expect_eq(strncmp(buf, EDGE, sizeof(EDGE) - 2), 0);
}

Test(mem_raw, string_truncated)
{
	char buf[8];

	memset(buf, '#', sizeof(buf));
	cr_expect_eq(scall__mem_read_str(child, at(P_STR + 1, 0) - CROSS_BEFORE, buf, sizeof(buf)),
		     7);
	cr_expect_str_eq(buf, "a strin");
	cr_expect_eq(scall__mem_read_str(child, at(P_STR, 0), buf, 1), 0);
	cr_expect_eq(buf[0], '\0');
}

Test(mem_raw, string_running_into_a_hole)
{
	char buf[64];
	uint64_t addr = at(P_HOLE2, 0) - NONUL_LEN;

	/* Room for the bytes that are there: truncated, not a fault. */
	cr_expect_eq(scall__mem_read_str(child, addr, buf, NONUL_LEN + 1), NONUL_LEN);
	cr_expect_eq(strspn(buf, "A"), NONUL_LEN);
	cr_expect_eq(scall__mem_read_str(child, addr, buf, sizeof(buf)), -EFAULT);
	cr_expect_lt(strnlen(buf, sizeof(buf)), sizeof(buf), "buf left unterminated");
}

Test(mem_raw, string_at_unreadable_address)
{
	char buf[64];

	cr_expect_eq(scall__mem_read_str(child, at(P_NONE, 0), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read_str(child, at(P_HOLE2, 0), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read_str(child, 0, buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read_str(child, at(P_STR, 0), NULL, 8), -EINVAL);
	cr_expect_eq(scall__mem_read_str(child, at(P_STR, 0), buf, 0), -EINVAL);
}

Test(mem_raw, gone_process_is_esrch)
{
	char buf[8];
	pid_t gone = child;

	stop();
	cr_expect_eq(scall__mem_read(gone, at(P_RW, 0), buf, sizeof(buf)), -ESRCH);
	cr_expect_eq(scall__mem_write(gone, at(P_SCRATCH, 0), buf, sizeof(buf)), -ESRCH);
	cr_expect_eq(scall__mem_read_str(gone, at(P_STR, 0), buf, sizeof(buf)), -ESRCH);
}

/* Deny process_vm_readv/writev to this test process, as some policies do. */
static void deny_vm_calls(void)
{
	struct scall__filter f;
	struct sock_fprog prog;
	char c;
	struct iovec l = { &c, 1 }, r = { &c, 1 };

	scall__filter_init(&f);
	cr_assert_eq(scall__filter_add(&f, SCALL_ABI_UNKNOWN, SYS_process_vm_readv, SCALL_ACT_ERRNO,
				       ENOSYS),
		     0);
	cr_assert_eq(scall__filter_add(&f, SCALL_ABI_UNKNOWN, SYS_process_vm_writev,
				       SCALL_ACT_ERRNO, ENOSYS),
		     0);
	cr_assert_eq(scall__filter_build(&f, &prog), 0);
	cr_assert_eq(scall__filter_load(&prog), 0);
	free(prog.filter);
	scall__filter_release(&f);
	cr_assert_eq(process_vm_readv(getpid(), &l, 1, &r, 1, 0), -1);
	cr_assert_eq(errno, ENOSYS);
}

Test(mem_raw, proc_mem_when_process_vm_calls_fail)
{
	uint8_t buf[64];
	size_t i, off = page - 20;

	deny_vm_calls();
	cr_assert_eq(scall__mem_read(child, at(P_RW, off), buf, sizeof(buf)), sizeof(buf));
	for (i = 0; i < sizeof(buf); i++)
		cr_assert_eq(buf[i], pattern(off + i), "byte %zu", i);
	cr_expect_eq(scall__mem_read(child, at(P_HOLE1, 0) - 50, buf, sizeof(buf)), 50);
	cr_expect_eq(scall__mem_read(child, at(P_HOLE1, 0), buf, sizeof(buf)), -EFAULT);
	cr_expect_eq(scall__mem_read_str(child, at(P_HOLE1, 0) - sizeof(EDGE), (char *)buf,
					 sizeof(buf)),
		     (ssize_t)strlen(EDGE));
	cr_expect_eq(scall__mem_write(child, at(P_HOLE1, 0), buf, 8), -EFAULT);
	cr_expect_eq(scall__mem_write(child, at(P_RO, 0), RO_NEW, sizeof(RO_NEW)), sizeof(RO_NEW));
	cr_expect_eq(scall__mem_write(child, at(P_SCRATCH, 0), SCRATCH_NEW, sizeof(SCRATCH_NEW)),
		     sizeof(SCRATCH_NEW));
	cr_expect_eq(finish(), 3, "the child did not see both writes");
}

/* The public functions on a tracer that does not trace the thread. */
Test(mem_api, validation)
{
	scall_tracer *t;
	char buf[8];

	cr_assert_eq(scall_new(&t, 0), 0);
	cr_expect_eq(scall_mem_read(NULL, getpid(), 0, buf, sizeof(buf)), -EINVAL);
	cr_expect_eq(scall_mem_read(t, getpid(), 0, NULL, 1), -EINVAL);
	cr_expect_eq(scall_mem_read(t, getpid(), 0, buf, sizeof(buf)), -ESRCH);
	cr_expect_eq(scall_mem_write(NULL, getpid(), 0, buf, sizeof(buf)), -EINVAL);
	cr_expect_eq(scall_mem_write(t, getpid(), 0, NULL, 1), -EINVAL);
	cr_expect_eq(scall_mem_write(t, getpid(), 0, buf, sizeof(buf)), -ESRCH);
	cr_expect_eq(scall_mem_read_str(NULL, getpid(), 0, buf, sizeof(buf)), -EINVAL);
	cr_expect_eq(scall_mem_read_str(t, getpid(), 0, NULL, 8), -EINVAL);
	cr_expect_eq(scall_mem_read_str(t, getpid(), 0, buf, 0), -EINVAL);
	cr_expect_eq(scall_mem_read_str(t, getpid(), 0, buf, sizeof(buf)), -ESRCH);
	scall_free(t);
}
