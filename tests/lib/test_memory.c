/* SPDX-License-Identifier: MIT */
/*
 * Tracee memory at syscall stops: reading and writing the buffers that
 * system calls point at, across page boundaries, into read-only mappings,
 * next to unmapped pages; and the string reader's truncation.  Each test
 * runs on the 64-bit and on the 32-bit build of its program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "helpers.h"

TestSuite(memory, .timeout = 30, .fini = h_cleanup);

/* The program, its ABI and the numbers of write and openat there. */
struct flavour {
	const char *suffix;
	enum scall_abi abi;
	long nr_write, nr_openat;
};

static const struct flavour native = { "", SCALL_ABI_X86_64, SYS_write, SYS_openat };
/* i386 table: write 4, openat 295. */
static const struct flavour compat = { ".32", SCALL_ABI_I386, 4, 295 };

static pid_t start(scall_tracer *t, struct h_child *c, const struct flavour *f, const char *prog,
		   const char *arg)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%s", prog, f->suffix);
	return h_start(t, c, name, arg, NULL);
}

/* Stop at the entry of the first write that is not to stdout or stderr. */
static void until_write(scall_tracer *t, pid_t pid, const struct flavour *f, struct scall_event *ev)
{
	for (;;) {
		h_until_call(t, pid, f->abi, f->nr_write, SCALL_ENTRY, SCALL_RESUME_SYSCALL, ev);
		if (ev->info.args[0] > 2)
			return;
		h_resume(t, ev, SCALL_RESUME_SYSCALL);
	}
}

static void cross_pages(const struct flavour *f)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = start(t, &c, f, "mem", "cross");
	char buf[32];
	uint64_t addr;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_write(t, pid, f, &ev);
	addr = ev.info.args[1];
	cr_assert_eq(ev.info.args[2], 16);
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(scall_mem_read(t, pid, addr, buf, 16), 16);
	cr_assert_str_eq(buf, "ABCDEFGHIJKLMNOP");
	cr_assert_eq(scall_mem_write(t, pid, addr, "abcdefghijklmnop", 16), 16);
	memset(buf, 0, sizeof(buf));
	cr_assert_eq(scall_mem_read(t, pid, addr, buf, 16), 16);
	cr_assert_str_eq(buf, "abcdefghijklmnop", "read back: %s", buf);
	/* The first byte of the second page. */
	cr_assert_eq(scall_mem_read(t, pid, addr + 8, buf, 1), 1);
	cr_assert_eq(buf[0], 'i');
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert(strstr(h_output(&c), "got abcdefghijklmnop\n"), "the pipe got: %s", h_output(&c));
	cr_assert(strstr(h_output(&c), "now abcdefghijklmnop\n"), "the memory holds: %s",
		  h_output(&c));
	h_free(t);
}

/* Read and write a buffer that straddles two pages; the call sees the new data. */
Test(memory, cross_pages)
{
	cross_pages(&native);
}

Test(memory, cross_pages_i386)
{
	cross_pages(&compat);
}

static void rodata(const struct flavour *f)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = start(t, &c, f, "calls", "writero");
	char buf[64];
	struct h_res r;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_write(t, pid, f, &ev);
	cr_assert_eq(scall_mem_read_str(t, pid, ev.info.args[1], buf, sizeof(buf)), 15);
	cr_assert_str_eq(buf, "rodata-original");
	cr_assert_eq(scall_mem_write(t, pid, ev.info.args[1], "rodata-modified", 15), 15,
		     "writing .rodata failed");
	cr_assert_eq(scall_mem_read_str(t, pid, ev.info.args[1], buf, sizeof(buf)), 15);
	cr_assert_str_eq(buf, "rodata-modified");
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	r = h_result(&c, "writero", 0);
	cr_assert_eq(r.ret, 15);
	cr_assert_str_eq(r.detail, "rodata-modified rodata-modified",
			 "the tracee saw \"%s\" (what the pipe got, then the string)", r.detail);
	h_free(t);
}

/* A string in a read-only mapping (.rodata) can be rewritten. */
Test(memory, write_rodata)
{
	rodata(&native);
}

Test(memory, write_rodata_i386)
{
	rodata(&compat);
}

static void hole(const struct flavour *f)
{
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = start(t, &c, f, "mem", "hole");
	char buf[64];
	uint64_t addr;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_write(t, pid, f, &ev);
	addr = ev.info.args[1];
	memset(buf, 0, sizeof(buf));
	/* A read running into the unmapped page is short... */
	cr_assert_eq(scall_mem_read(t, pid, addr, buf, 16), 8);
	cr_assert_str_eq(buf, "12345678");
	/* ... and one that starts there is -EFAULT, as is address 0. */
	cr_assert_eq(scall_mem_read(t, pid, addr + 8, buf, 8), -EFAULT);
	cr_assert_eq(scall_mem_read(t, pid, 0, buf, 8), -EFAULT);
	/* A string without its NUL before the hole is -EFAULT. */
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, sizeof(buf)), -EFAULT);
	cr_assert_eq(scall_mem_read_str(t, pid, addr + 8, buf, sizeof(buf)), -EFAULT);
	/* Writes: nothing at the hole, the mapped part before it. */
	cr_assert_eq(scall_mem_write(t, pid, addr + 8, "xxxxxxxx", 8), -EFAULT);
	cr_assert_eq(scall_mem_write(t, pid, 0, "xxxxxxxx", 8), -EFAULT);
	cr_assert_eq(scall_mem_write(t, pid, addr, "zzzzzzzzZZZZZZZZ", 16), 8);
	h_go(t, pid, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "write", 0).ret, 8);
	cr_assert(strstr(h_output(&c), "got zzzzzzzz\n"), "the pipe got: %s", h_output(&c));
	h_free(t);
}

/* Next to an unmapped page: short reads and writes, -EFAULT inside it. */
Test(memory, unmapped)
{
	hole(&native);
}

Test(memory, unmapped_i386)
{
	hole(&compat);
}

/* Stop at the entry of the openat whose path starts with prefix. */
static void until_open(scall_tracer *t, pid_t pid, const struct flavour *f, const char *prefix,
		       struct scall_event *ev)
{
	char path[256];

	for (;;) {
		h_until_call(t, pid, f->abi, f->nr_openat, SCALL_ENTRY, SCALL_RESUME_SYSCALL, ev);
		if (scall_mem_read_str(t, pid, ev->info.args[1], path, sizeof(path)) > 0 &&
		    strncmp(path, prefix, strlen(prefix)) == 0)
			return;
		h_resume(t, ev, SCALL_RESUME_SYSCALL);
	}
}

static void strings(const struct flavour *f)
{
	static const char cross[] = "/crossing/the/page/boundary";
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	struct h_child c;
	pid_t pid = start(t, &c, f, "mem", "str");
	size_t len = strlen(cross);
	char buf[256];
	uint64_t addr;

	h_go(t, pid, SCALL_RESUME_SYSCALL);
	until_open(t, pid, f, "/crossing", &ev);
	addr = ev.info.args[1];
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, sizeof(buf)), (ssize_t)len);
	cr_assert_str_eq(buf, cross);
	/* Exactly room for it and its NUL. */
	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, len + 1), (ssize_t)len);
	cr_assert_str_eq(buf, cross);
	/* One byte short: truncated to size - 1, still NUL-terminated. */
	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, len), (ssize_t)len - 1);
	cr_assert_eq(strlen(buf), len - 1);
	cr_assert_eq(strncmp(buf, cross, len - 1), 0);
	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, 6), 5);
	cr_assert_str_eq(buf, "/cros");
	memset(buf, 'x', sizeof(buf));
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, 1), 0);
	cr_assert_eq(buf[0], '\0');
	cr_assert_eq(scall_mem_read_str(t, pid, addr, buf, 0), -EINVAL);
	cr_assert_eq(scall_mem_read_str(t, pid, addr, NULL, 16), -EINVAL);
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);

	/* A NUL that is the last byte before an unmapped page. */
	until_open(t, pid, f, "/edge", &ev);
	cr_assert_eq(scall_mem_read_str(t, pid, ev.info.args[1], buf, sizeof(buf)), 13,
		     "the string ending at the hole");
	cr_assert_str_eq(buf, "/edge/of/page");
	h_resume(t, &ev, SCALL_RESUME_SYSCALL);
	h_assert_exited(h_run_to_exit(t, pid, SCALL_RESUME_SYSCALL, NULL, NULL), 0);
	cr_assert_eq(h_result(&c, "openat", 0).err, ENOENT);
	cr_assert_eq(h_result(&c, "openat", 1).err, ENOENT);
	h_free(t);
}

/* scall_mem_read_str: across pages, truncation, a NUL just before a hole. */
Test(memory, read_str)
{
	strings(&native);
}

Test(memory, read_str_i386)
{
	strings(&compat);
}
