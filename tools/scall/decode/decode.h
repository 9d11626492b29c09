/* SPDX-License-Identifier: MIT */
/*
 * The decoder interface: how a system call's arguments and result become
 * strace-style text.
 *
 * A decoder is called at the call's entry (c->exiting false) and prints the
 * arguments the kernel reads.  It returns DEC_DONE when nothing is left for
 * the exit, DEC_EXIT when the remaining arguments (those the kernel writes)
 * are printed at the exit, or DEC_EXIT_RET when the exit only decorates the
 * return value.  Each argument starts with arg(c), which writes the ", "
 * separator; the text of a call is built in c->sb.
 */
#ifndef SCALL_CLI_DECODE_H
#define SCALL_CLI_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <scall.h>

#include "sbuf.h"

enum { DEC_DONE = 1, DEC_EXIT = 2, DEC_EXIT_RET = 3 };

/* How the return value is printed (c->rfmt). */
enum rfmt {
	RV_DEC = 0, /* signed decimal */
	RV_HEX,     /* 0x... (mmap, brk) */
	RV_OCT,     /* 0NNN (umask) */
	RV_UDEC,    /* unsigned decimal */
	RV_FD,      /* a new descriptor: with -y its path */
	RV_PID,     /* a process or thread id: with -Y its command name */
	RV_NONE,    /* "= ?": the call does not return */
};

#define MAX_ARGS 6

struct sysent;

/* One system call of one thread, from its entry to its exit. */
struct call {
	scall_tracer *t;
	pid_t tid, pid;
	enum scall_abi abi;
	long nr;
	const struct sysent *ent;
	uint64_t args[MAX_ARGS];
	uint64_t sp; /* the stack pointer at entry (rt_sigreturn) */
	bool exiting;
	int error;      /* at exit: errno (or a restart code), 0 on success */
	int64_t rval;   /* at exit: the return value */
	struct sbuf sb; /* the text of the arguments */
	int narg;       /* arguments printed so far */
	bool sep_done;  /* the separator of the next argument is printed */
	size_t argpos[MAX_ARGS + 2];
	int state; /* the decoder's answer at entry */
	enum rfmt rfmt;
	char aux[512];            /* text after the return value: "= 0 (Timeout)" */
	uint64_t priv[4];         /* decoder data kept from entry to exit */
	bool verbose;             /* dereference structures (-e verbose=) */
	bool abbrev;              /* abbreviate long structures (-e abbrev=) */
	bool raw;                 /* print raw arguments (-e raw=) */
	const char *restart_name; /* the call restart_syscall resumes */
	bool path_hit;            /* -P: an argument names a selected path */
};

typedef int (*decoder_fn)(struct call *c);

/* The table of known system calls: decode/sysent.c */
struct sysent {
	const char *name;
	unsigned char nargs;
	unsigned char nargs32; /* i386, where it differs, else 0 */
	unsigned cls;          /* CLS_* bits, for trace=%class */
	decoder_fn dec;
};

/* Syscall classes (strace's %file, %desc, ...). */
#define CLS_FILE 0x0001
#define CLS_DESC 0x0002
#define CLS_NET 0x0004
#define CLS_PROCESS 0x0008
#define CLS_SIGNAL 0x0010
#define CLS_IPC 0x0020
#define CLS_MEMORY 0x0040
#define CLS_CREDS 0x0080
#define CLS_STAT 0x0100       /* %stat: stat by path */
#define CLS_LSTAT 0x0200      /* %lstat */
#define CLS_FSTAT 0x0400      /* %fstat: by descriptor, fstatat */
#define CLS_STAT_ANY 0x0800   /* %%stat */
#define CLS_STATFS 0x1000     /* %statfs */
#define CLS_FSTATFS 0x2000    /* %fstatfs */
#define CLS_STATFS_ANY 0x4000 /* %%statfs */
#define CLS_CLOCK 0x8000      /* %clock */
#define CLS_PURE 0x10000      /* %pure: no arguments, cannot fail */

/* The entry for (abi, nr); never NULL (unknown calls get a generic one). */
const struct sysent *sysent_get(enum scall_abi abi, long nr);
/* The entry named name, or NULL. */
const struct sysent *sysent_find(const char *name);
/* Iterate the table: returns NULL past the end. */
const struct sysent *sysent_at(size_t i);

/* The execve of a spawned program: it ran before the tracer could see it,
 * so its line is printed from the tracer's own copy of the arguments. */
struct synth_exec {
	bool active;
	const char *path;
	char *const *argv;
	char *const *envp;
};
extern struct synth_exec synth_exec;

/* The name of socketcall's subcall call ("connect"), or NULL. */
const char *socketcall_name(unsigned call);

/* Named constants: tables end with a NULL name. */
struct xval {
	uint64_t val;
	const char *name;
};

/* ---- arguments (decode/args.c) ---- */

/* Start the next argument: writes the separator. */
void arg(struct call *c);
/* The raw argument, as the ABI sees it. */
int64_t arg_long(const struct call *c, int i);   /* sign-extended "long" */
uint64_t arg_ulong(const struct call *c, int i); /* zero-extended "unsigned long" */
int arg_int(const struct call *c, int i);
unsigned arg_uint(const struct call *c, int i);
/* Size of a pointer / long in the call's ABI. */
unsigned abi_wordsize(const struct call *c);
bool is_i386(const struct call *c);

/* Whole-argument printers: each calls arg() first. */
void a_int(struct call *c, int i);
void a_uint(struct call *c, int i);
/* A pid: with -Y, and when it is positive, "5703<sh>" (its command name now). */
void a_pid(struct call *c, int i);
void a_long(struct call *c, int i);
void a_ulong(struct call *c, int i);
void a_hex(struct call *c, int i); /* 0 or 0x... */
void a_ptr(struct call *c, int i); /* NULL or 0x... */
void a_oct(struct call *c, int i); /* 0644 */
void a_fd(struct call *c, int i);
void a_dirfd(struct call *c, int i); /* AT_FDCWD or a descriptor */
void a_path(struct call *c, int i);
void a_str(struct call *c, int i);               /* a NUL-terminated string, -s limited */
void a_buf(struct call *c, int i, uint64_t len); /* len bytes, -s limited */
void a_xlat(struct call *c, int i, const struct xval *tbl, const char *dflt);
void a_flags(struct call *c, int i, const struct xval *tbl, const char *dflt);
void a_sig(struct call *c, int i);
void a_atflags(struct call *c, int i);
void a_mode(struct call *c, int i); /* permission bits, octal */
/* A 64-bit value in two 32-bit arguments (i386): the low half in lo, the high in hi. */
void a_pair64(struct call *c, int lo, int hi);
/* A 64-bit offset: argument i, or on i386 arguments i (low) and i + 1 (high). */
void a_off64(struct call *c, int i);
/* Argument i, a signal set of the size in argument size. */
void a_sigset(struct call *c, int i, int size);
/* Start argument i, which the call fills (at exit): if the call failed, print
 * its address and return false; else return true for the caller to decode it. */
bool a_filled(struct call *c, int i);
/* Argument i, a buffer the call filled with rval bytes (as text, or hex). */
void a_rbuf(struct call *c, int i, bool hex);

/* Value printers (no separator). */
void p_int64(struct call *c, int64_t v);
void p_uint64(struct call *c, uint64_t v);
void p_hex(struct call *c, uint64_t v);
void p_ptr(struct call *c, uint64_t addr);
void p_fd(struct call *c, int fd);
/*
 * Before element i of an array at addr whose '[' is printed, read or not
 * (ok): its separator, or "..." past -s or after an unreadable element.
 * ARRAY_NEXT: print the element; ARRAY_END: close with ']'; ARRAY_ADDR: the
 * first element could not be read, the address stands for the array.
 */
enum array_step { ARRAY_NEXT, ARRAY_END, ARRAY_ADDR };
enum array_step array_step(struct call *c, uint64_t addr, uint64_t i, bool ok);
void p_pid(struct call *c, int pid);
/* -Y: "<sh>", the command name of pid (> 0) as /proc has it now, appended to
 * out; nothing without -Y, or when the process is gone or has no name. */
void pid_decorate(int pid, struct sbuf *out);
/* The size of a command name, with its NUL (TASK_COMM_LEN). */
#define COMM_SIZE 16
/* Read /proc/PID/comm, without its newline; false (and "") if it is gone. */
bool comm_read(pid_t pid, char comm[COMM_SIZE]);
/* "<name>", quoted as strace quotes command names ('<' and '>' escaped). */
void comm_quote(struct sbuf *sb, const char *comm);
/* "<path>" of fd in c's process (-y), appended to out; nothing if unknown. */
void fd_decorate(struct call *c, int fd, struct sbuf *out);
/* -yy: "<TCP:[127.0.0.1:80]>" for a descriptor whose link (target, len bytes,
 * read from the /proc link fdlink) is "socket:[INODE]" (decode/sockdiag.c);
 * false, with nothing appended, when it has nothing better than the link. */
bool sock_decorate(struct call *c, const char *fdlink, const char *target, size_t len,
		   struct sbuf *out);
void p_path(struct call *c, uint64_t addr);
void p_str(struct call *c, uint64_t addr);
void p_buf(struct call *c, uint64_t addr, uint64_t len);
/* Quote len bytes of local data as strace does; trunc adds "...". */
void p_quoted(struct call *c, const unsigned char *s, size_t len, bool trunc);
void p_xlat(struct call *c, const struct xval *tbl, uint64_t v, const char *dflt);
void p_xlat_dec(struct call *c, const struct xval *tbl, int64_t v, const char *dflt);
void p_flags(struct call *c, const struct xval *tbl, uint64_t v, const char *dflt);
/* A field (v & mask, named from field) then flags: "O_RDONLY|O_CLOEXEC". */
void p_field_flags(struct call *c, uint64_t v, uint64_t mask, const struct xval *field,
		   const struct xval *flags, const char *dflt);
/* The same, but printed as two values, field then flags, under -X raw and
 * -X verbose ("0x1|0x80000"): socket types, statx flags, mount flags. */
void p_field_flags_split(struct call *c, uint64_t v, uint64_t mask, const struct xval *field,
			 const struct xval *flags, const char *dflt);
/* One name, no number, nothing for an unknown value: returns false then. */
bool p_name(struct call *c, const struct xval *tbl, uint64_t v);
void p_sig(struct call *c, int sig);
void p_sigset(struct call *c, uint64_t addr, uint64_t size);
void p_sigmask(struct call *c, const uint64_t *mask, unsigned nbits);
void p_mode(struct call *c, unsigned mode); /* 0644, or S_IFREG|0644 with file type */
void p_filemode(struct call *c, unsigned mode);
void p_dev(struct call *c, uint64_t dev); /* makedev(0x8, 0x1) */
void p_timespec(struct call *c, uint64_t addr, bool t32);
void p_timeval(struct call *c, uint64_t addr, bool t32);
void p_ts_value(struct call *c, int64_t sec, int64_t nsec);
const char *xlat_name(const struct xval *tbl, uint64_t v);
/* Read tracee memory: true when all of len was read. */
bool umove(struct call *c, uint64_t addr, void *buf, size_t len);
/* Read a pointer-sized word in the call's ABI. */
bool umove_word(struct call *c, uint64_t addr, uint64_t *v);
/* A tracee array of pointer-sized words (argv, envp), read in chunks. */
struct words {
	struct call *c;
	uint64_t base, first, count;
	uint64_t v[64];
};
void words_init(struct words *w, struct call *c, uint64_t base);
bool words_get(struct words *w, uint64_t i, uint64_t *v);
/* Print the pointer and return true when it cannot be dereferenced
 * (NULL, unreadable, not verbose, or the call failed at exit). */
bool p_addr_only(struct call *c, uint64_t addr, size_t len);
/* The call failed (at exit). */
static inline bool failed(const struct call *c)
{
	return c->exiting && c->error != 0;
}
void aux_printf(struct call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The len bytes at addr sent or received on socket fd, when it is a
 * NETLINK_ROUTE one, as netlink messages (decode/netlink.c); false, with
 * nothing printed, for other sockets. */
bool p_netlink(struct call *c, int fd, uint64_t addr, uint64_t len);
/* Force hex escapes for a buffer (getrandom). */
void p_buf_hex(struct call *c, uint64_t addr, uint64_t len);
/* [{iov_base=..., iov_len=N}, ...]; data: bytes to show in all, -1 for none. */
void p_iov(struct call *c, uint64_t addr, uint64_t n, int64_t data);
/* A siginfo: from the tracee at addr, or from the tracer's memory. */
void p_siginfo_at(struct call *c, uint64_t addr);
void p_siginfo_raw(struct call *c, const unsigned char *si, bool is32);
void p_rusage(struct call *c, uint64_t addr);
/* A NULL-terminated array of string pointers: ["a", "b"]; -s limits its length. */
void p_strarray(struct call *c, uint64_t addr);
/* Signal names as strace spells them: "SIGINT", "SIGRTMIN", "SIGRT_2". */
const char *signame(int sig);
/* An array of len elements of size esize at addr, each printed by fn. */
void p_array(struct call *c, uint64_t addr, uint64_t n, size_t esize,
	     void (*fn)(struct call *c, const void *elem));

/* open(2) flags: "O_RDONLY|O_CLOEXEC" (decode/file.c). */
void p_open_flags(struct call *c, uint64_t flags);
/* Print into another buffer (for c->aux): returns the previous one. */
struct sbuf sb_swap(struct call *c, struct sbuf sb);
/* "2026-11-28T20:53:22.247152974+0000" comment after a time in seconds. */
void p_time_comment(struct call *c, int64_t sec, int64_t nsec);

/* Common flag tables (decode/xlat.c). */
extern const struct xval xl_open_flags[], xl_open_access[], xl_at_flags[];
extern const struct xval xl_fcntl_fd_flags[];

/* The decoders, by family.  Each file defines DECL'd functions. */
#define DECL(name) int dec_##name(struct call *c)
#include "decoders.h"

#endif
