/* SPDX-License-Identifier: MIT */
/*
 * Printing arguments as strace does: numbers, pointers, quoted strings and
 * buffers (escapes, -s truncation, -x hex), named constants and flags in the
 * three -X styles, descriptors with -y.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "../options.h"
#include "../pathtrace.h"
#include "decode.h"

struct synth_exec synth_exec;

/* ---- arguments ---- */

void arg(struct call *c)
{
	if (c->narg > 0 && !c->sep_done)
		sb_puts(&c->sb, ", ");
	c->sep_done = false;
	if (c->narg < MAX_ARGS + 2)
		c->argpos[c->narg] = c->sb.len;
	c->narg++;
}

bool is_i386(const struct call *c)
{
	return c->abi == SCALL_ABI_I386;
}

unsigned abi_wordsize(const struct call *c)
{
	return is_i386(c) ? 4 : 8;
}

int64_t arg_long(const struct call *c, int i)
{
	return is_i386(c) ? (int64_t)(int32_t)c->args[i] : (int64_t)c->args[i];
}

uint64_t arg_ulong(const struct call *c, int i)
{
	return is_i386(c) ? (uint32_t)c->args[i] : c->args[i];
}

int arg_int(const struct call *c, int i)
{
	return (int)c->args[i];
}

unsigned arg_uint(const struct call *c, int i)
{
	return (unsigned)c->args[i];
}

void aux_printf(struct call *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->aux, sizeof(c->aux), fmt, ap);
	va_end(ap);
}

/* ---- numbers ---- */

void p_int64(struct call *c, int64_t v)
{
	sb_printf(&c->sb, "%lld", (long long)v);
}

void p_uint64(struct call *c, uint64_t v)
{
	sb_printf(&c->sb, "%llu", (unsigned long long)v);
}

void p_hex(struct call *c, uint64_t v)
{
	if (v)
		sb_printf(&c->sb, "%#llx", (unsigned long long)v);
	else
		sb_putc(&c->sb, '0');
}

void p_ptr(struct call *c, uint64_t addr)
{
	if (addr)
		sb_printf(&c->sb, "%#llx", (unsigned long long)addr);
	else
		sb_puts(&c->sb, "NULL");
}

void a_int(struct call *c, int i)
{
	arg(c);
	p_int64(c, arg_int(c, i));
}

/* ---- pids (-Y) ---- */

bool comm_read(pid_t pid, char comm[COMM_SIZE])
{
	char path[64];
	ssize_t n;
	FILE *fp;

	comm[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fp = fopen(path, "re");
	if (!fp)
		return false;
	n = (ssize_t)fread(comm, 1, COMM_SIZE - 1, fp);
	fclose(fp);
	if (n < 0)
		n = 0;
	comm[n] = '\0';
	/* the kernel ends it with a newline; a name may end with some too */
	while (n > 0 && comm[n - 1] == '\n')
		comm[--n] = '\0';
	return true;
}

void pid_decorate(int pid, struct sbuf *out)
{
	char comm[COMM_SIZE];

	if (!(opt.decode_pids & DECODE_PID_COMM) || pid <= 0)
		return;
	if (comm_read(pid, comm) && comm[0])
		comm_quote(out, comm);
}

void p_pid(struct call *c, int pid)
{
	sb_printf(&c->sb, "%d", pid);
	pid_decorate(pid, &c->sb);
}

void a_pid(struct call *c, int i)
{
	arg(c);
	p_pid(c, arg_int(c, i));
}

void a_uint(struct call *c, int i)
{
	arg(c);
	p_uint64(c, arg_uint(c, i));
}

void a_long(struct call *c, int i)
{
	arg(c);
	p_int64(c, arg_long(c, i));
}

void a_ulong(struct call *c, int i)
{
	arg(c);
	p_uint64(c, arg_ulong(c, i));
}

void a_hex(struct call *c, int i)
{
	arg(c);
	p_hex(c, arg_ulong(c, i));
}

void a_ptr(struct call *c, int i)
{
	arg(c);
	p_ptr(c, arg_ulong(c, i));
}

void a_pair64(struct call *c, int lo, int hi)
{
	arg(c);
	p_int64(c, (int64_t)((c->args[hi] << 32) | (uint32_t)c->args[lo]));
}

void a_off64(struct call *c, int i)
{
	if (is_i386(c))
		a_pair64(c, i, i + 1);
	else
		a_long(c, i);
}

void a_sigset(struct call *c, int i, int size)
{
	arg(c);
	p_sigset(c, arg_ulong(c, i), arg_ulong(c, size));
}

bool a_filled(struct call *c, int i)
{
	arg(c);
	if (!failed(c))
		return true;
	p_ptr(c, arg_ulong(c, i));
	return false;
}

void a_rbuf(struct call *c, int i, bool hex)
{
	if (!a_filled(c, i))
		return;
	if (hex)
		p_buf_hex(c, arg_ulong(c, i), (uint64_t)c->rval);
	else
		p_buf(c, arg_ulong(c, i), (uint64_t)c->rval);
}

void p_mode(struct call *c, unsigned mode)
{
	sb_printf(&c->sb, "%#03o", mode);
}

void a_oct(struct call *c, int i)
{
	arg(c);
	p_mode(c, arg_uint(c, i));
}

void a_mode(struct call *c, int i)
{
	a_oct(c, i);
}

/* ---- memory ---- */

/* Structures are not read under -e verbose=none: their address is printed. */
bool umove(struct call *c, uint64_t addr, void *buf, size_t len)
{
	if (!addr || !c->verbose)
		return false;
	return scall_mem_read(c->t, c->tid, addr, buf, len) == (ssize_t)len;
}

bool umove_word(struct call *c, uint64_t addr, uint64_t *v)
{
	if (is_i386(c)) {
		uint32_t w;

		if (!umove(c, addr, &w, sizeof(w)))
			return false;
		*v = w;
		return true;
	}
	return umove(c, addr, v, sizeof(*v));
}

void words_init(struct words *w, struct call *c, uint64_t base)
{
	w->c = c;
	w->base = base;
	w->first = w->count = 0;
}

/* One read per chunk of the array, not one per pointer. */
bool words_get(struct words *w, uint64_t i, uint64_t *v)
{
	unsigned ws = abi_wordsize(w->c);
	unsigned char raw[sizeof(w->v)];
	ssize_t got;

	if (i < w->first || i >= w->first + w->count) {
		size_t want = ws * (sizeof(w->v) / sizeof(w->v[0]));

		if (!w->base || !w->c->verbose)
			return false;
		got = scall_mem_read(w->c->t, w->c->tid, w->base + i * ws, raw, want);
		if (got < (ssize_t)ws)
			return false;
		w->first = i;
		w->count = (uint64_t)got / ws;
		for (uint64_t k = 0; k < w->count; k++) {
			if (ws == 4) {
				uint32_t x;

				memcpy(&x, raw + k * 4, 4);
				w->v[k] = x;
			} else {
				memcpy(&w->v[k], raw + k * 8, 8);
			}
		}
	}
	*v = w->v[i - w->first];
	return true;
}

bool p_addr_only(struct call *c, uint64_t addr, size_t len)
{
	(void)len;
	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return true;
	}
	if (!c->verbose || failed(c)) {
		p_ptr(c, addr);
		return true;
	}
	return false;
}

/* ---- named constants ---- */

const char *xlat_name(const struct xval *tbl, uint64_t v)
{
	for (; tbl && tbl->name; tbl++)
		if (tbl->val == v)
			return tbl->name;
	return NULL;
}

bool p_name(struct call *c, const struct xval *tbl, uint64_t v)
{
	const char *name = xlat_name(tbl, v);

	if (name)
		sb_puts(&c->sb, name);
	return name != NULL;
}

static void xlat_common(struct call *c, const struct xval *tbl, uint64_t v, const char *dflt,
			bool dec)
{
	const char *name = xlat_name(tbl, v);
	char num[32];

	if (dec)
		snprintf(num, sizeof(num), "%lld", (long long)(int64_t)v);
	else if (v)
		snprintf(num, sizeof(num), "%#llx", (unsigned long long)v);
	else
		snprintf(num, sizeof(num), "0");
	if (opt.xlat == XLAT_RAW) {
		sb_puts(&c->sb, num);
	} else if (opt.xlat == XLAT_VERBOSE) {
		sb_puts(&c->sb, num);
		if (name || dflt)
			sb_printf(&c->sb, " /* %s */", name ? name : dflt);
	} else if (name) {
		sb_puts(&c->sb, name);
	} else {
		sb_puts(&c->sb, num);
		if (dflt)
			sb_printf(&c->sb, " /* %s */", dflt);
	}
}

void p_xlat(struct call *c, const struct xval *tbl, uint64_t v, const char *dflt)
{
	xlat_common(c, tbl, v, dflt, false);
}

void p_xlat_dec(struct call *c, const struct xval *tbl, int64_t v, const char *dflt)
{
	xlat_common(c, tbl, (uint64_t)v, dflt, true);
}

void a_xlat(struct call *c, int i, const struct xval *tbl, const char *dflt)
{
	arg(c);
	p_xlat(c, tbl, arg_ulong(c, i), dflt);
}

/* "A|B|0x40" for the bits of v; "" when no name matched. */
static uint64_t flag_names(struct sbuf *sb, const struct xval *tbl, uint64_t v)
{
	bool first = true;

	for (; tbl->name; tbl++) {
		if (!tbl->val || (v & tbl->val) != tbl->val)
			continue;
		if (!first)
			sb_putc(sb, '|');
		sb_puts(sb, tbl->name);
		first = false;
		v &= ~tbl->val;
	}
	return v;
}

void p_flags(struct call *c, const struct xval *tbl, uint64_t v, const char *dflt)
{
	struct sbuf names;
	uint64_t rest;

	if (opt.xlat == XLAT_RAW || (v == 0 && opt.xlat == XLAT_VERBOSE && !xlat_name(tbl, 0))) {
		p_hex(c, v);
		return;
	}
	if (v == 0) {
		const char *zero = xlat_name(tbl, 0);

		if (opt.xlat == XLAT_VERBOSE)
			sb_printf(&c->sb, "0 /* %s */", zero);
		else
			sb_puts(&c->sb, zero ? zero : "0");
		return;
	}
	sb_init(&names);
	rest = flag_names(&names, tbl, v);
	if (opt.xlat == XLAT_VERBOSE) {
		sb_printf(&c->sb, "%#llx", (unsigned long long)v);
		if (names.len)
			sb_printf(&c->sb, " /* %s%s", names.s, rest ? "|" : "");
		else if (dflt)
			sb_printf(&c->sb, " /* %s */", dflt);
		if (names.len && rest)
			sb_printf(&c->sb, "%#llx", (unsigned long long)rest);
		if (names.len)
			sb_puts(&c->sb, " */");
	} else if (names.len) {
		sb_puts(&c->sb, names.s);
		if (rest)
			sb_printf(&c->sb, "|%#llx", (unsigned long long)rest);
	} else {
		sb_printf(&c->sb, "%#llx", (unsigned long long)rest);
		if (dflt)
			sb_printf(&c->sb, " /* %s */", dflt);
	}
	sb_free(&names);
}

void p_field_flags(struct call *c, uint64_t v, uint64_t mask, const struct xval *field,
		   const struct xval *flags, const char *dflt)
{
	const char *name = xlat_name(field, v & mask);
	uint64_t rest = v & ~mask;

	if (opt.xlat == XLAT_RAW) {
		p_hex(c, v);
		return;
	}
	if (opt.xlat == XLAT_VERBOSE && !name && !rest) {
		p_hex(c, v);
		if (dflt)
			sb_printf(&c->sb, " /* %s */", dflt);
		return;
	}
	if (opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, v ? "%#llx /* " : "0 /* ", (unsigned long long)v);
	if (name)
		sb_puts(&c->sb, name);
	else
		sb_printf(&c->sb, "%#llx%s%s%s", (unsigned long long)(v & mask), dflt ? " /* " : "",
			  dflt ? dflt : "", dflt ? " */" : "");
	for (const struct xval *f = flags; f->name; f++) {
		if (f->val && (rest & f->val) == f->val) {
			sb_printf(&c->sb, "|%s", f->name);
			rest &= ~f->val;
		}
	}
	if (rest)
		sb_printf(&c->sb, "|%#llx", (unsigned long long)rest);
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

void p_field_flags_split(struct call *c, uint64_t v, uint64_t mask, const struct xval *field,
			 const struct xval *flags, const char *dflt)
{
	uint64_t f = v & mask, rest = v & ~mask;

	if (opt.xlat == XLAT_ABBREV) {
		p_field_flags(c, v, mask, field, flags, dflt);
		return;
	}
	/* -X raw leaves out a zero field before flags, but not the bar */
	if (opt.xlat == XLAT_VERBOSE || f || !rest)
		p_xlat(c, field, f, dflt);
	if (rest) {
		sb_putc(&c->sb, '|');
		p_flags(c, flags, rest, NULL);
	}
}

void a_flags(struct call *c, int i, const struct xval *tbl, const char *dflt)
{
	arg(c);
	p_flags(c, tbl, arg_ulong(c, i), dflt);
}

void a_atflags(struct call *c, int i)
{
	a_flags(c, i, xl_at_flags, "AT_???");
}

/* ---- descriptors ---- */

static void decorate_path(struct sbuf *out, const char *path, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)path[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '\\' && ch != '<' && ch != '>')
			sb_putc(out, (char)ch);
		else
			sb_printf(out, "\\%03o", ch);
	}
}

/* "<pid:N>" for a pidfd, from /proc/PID/fdinfo/FD; false if fd is none. */
static bool pidfd_decorate(struct call *c, int fd, struct sbuf *out)
{
	char info[64], line[128];
	bool found = false;
	FILE *fp;
	int pid;

	snprintf(info, sizeof(info), "/proc/%d/fdinfo/%d", (int)c->tid, fd);
	fp = fopen(info, "re");
	if (!fp)
		return false;
	while (!found && fgets(line, sizeof(line), fp))
		found = sscanf(line, "Pid: %d", &pid) == 1;
	fclose(fp);
	if (found) {
		sb_printf(out, "<pid:%d", pid);
		pid_decorate(pid, out);
		sb_putc(out, '>');
	}
	return found;
}

void fd_decorate(struct call *c, int fd, struct sbuf *out)
{
	static const char pidfd[] = "anon_inode:[pidfd]";
	char link[64], path[PATH_MAX];
	bool dev = false;
	struct stat st;
	ssize_t n;

	if (fd == -100)
		snprintf(link, sizeof(link), "/proc/%d/cwd", (int)c->pid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%d", (int)c->tid, fd);
	n = readlink(link, path, sizeof(path));
	if (n <= 0 || (size_t)n >= sizeof(path))
		return;
	if ((opt.decode_fds & DECODE_FD_SOCKET) && fd >= 0 &&
	    sock_decorate(c, link, path, (size_t)n, out))
		return;
	if ((opt.decode_fds & DECODE_FD_PIDFD) && fd >= 0 && (size_t)n == sizeof(pidfd) - 1 &&
	    !memcmp(path, pidfd, (size_t)n) && pidfd_decorate(c, fd, out))
		return;
	if ((opt.decode_fds & DECODE_FD_DEV) && path[0] == '/' && stat(link, &st) == 0)
		dev = S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode);
	if (!dev && !(opt.decode_fds & DECODE_FD_PATH))
		return;
	sb_putc(out, '<');
	decorate_path(out, path, (size_t)n);
	if (dev)
		sb_printf(out, "<%s %u:%u>", S_ISCHR(st.st_mode) ? "char" : "block",
			  major(st.st_rdev), minor(st.st_rdev));
	sb_putc(out, '>');
}

void p_fd(struct call *c, int fd)
{
	if (pathtrace_active() && !c->exiting && pathtrace_fd(c->tid, fd))
		c->path_hit = true;
	sb_printf(&c->sb, "%d", fd);
	if (opt.decode_fds && fd >= 0)
		fd_decorate(c, fd, &c->sb);
}

enum array_step array_step(struct call *c, uint64_t addr, uint64_t i, bool ok)
{
	if (!ok) {
		if (i == 0) {
			sb_truncate(&c->sb, c->sb.len - 1); /* the '[' */
			p_ptr(c, addr);
			return ARRAY_ADDR;
		}
		sb_puts(&c->sb, ", ...");
		return ARRAY_END;
	}
	if (i)
		sb_puts(&c->sb, ", ");
	if (c->abbrev && i >= (uint64_t)opt.strsize) {
		sb_puts(&c->sb, "...");
		return ARRAY_END;
	}
	return ARRAY_NEXT;
}

void a_fd(struct call *c, int i)
{
	arg(c);
	p_fd(c, arg_int(c, i));
}

void a_dirfd(struct call *c, int i)
{
	int fd = arg_int(c, i);

	arg(c);
	if (fd == -100) {
		if (opt.xlat == XLAT_RAW)
			sb_puts(&c->sb, "-100");
		else if (opt.xlat == XLAT_VERBOSE)
			sb_puts(&c->sb, "-100 /* AT_FDCWD */");
		else
			sb_puts(&c->sb, "AT_FDCWD");
		if (opt.decode_fds)
			fd_decorate(c, fd, &c->sb);
		return;
	}
	p_fd(c, fd);
}

/* ---- file modes and devices ---- */

static const struct xval file_types[] = {
	{ S_IFREG, "S_IFREG" }, { S_IFSOCK, "S_IFSOCK" },
	{ S_IFIFO, "S_IFIFO" }, { S_IFLNK, "S_IFLNK" },
	{ S_IFDIR, "S_IFDIR" }, { S_IFBLK, "S_IFBLK" },
	{ S_IFCHR, "S_IFCHR" }, { 0, NULL },
};

void p_filemode(struct call *c, unsigned mode)
{
	const char *type = xlat_name(file_types, mode & S_IFMT);

	if (opt.xlat == XLAT_RAW) {
		sb_printf(&c->sb, "%#o", mode);
		return;
	}
	if (opt.xlat == XLAT_VERBOSE)
		sb_printf(&c->sb, "%#o /* ", mode);
	if (type)
		sb_printf(&c->sb, "%s|", type);
	else if (mode & S_IFMT)
		sb_printf(&c->sb, "%#o|", mode & S_IFMT);
	if (mode & S_ISUID)
		sb_puts(&c->sb, "S_ISUID|");
	if (mode & S_ISGID)
		sb_puts(&c->sb, "S_ISGID|");
	if (mode & S_ISVTX)
		sb_puts(&c->sb, "S_ISVTX|");
	sb_printf(&c->sb, "%#03o", mode & 0777);
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

void p_dev(struct call *c, uint64_t dev)
{
	if (opt.xlat != XLAT_ABBREV)
		p_hex(c, dev);
	if (opt.xlat == XLAT_RAW)
		return;
	sb_puts(&c->sb, opt.xlat == XLAT_VERBOSE ? " /* makedev(" : "makedev(");
	sb_printf(&c->sb, "%#x, %#x)", major(dev), minor(dev));
	if (opt.xlat == XLAT_VERBOSE)
		sb_puts(&c->sb, " */");
}

/* ---- time ---- */

void p_ts_value(struct call *c, int64_t sec, int64_t nsec)
{
	sb_printf(&c->sb, "{tv_sec=%lld, tv_nsec=%lld}", (long long)sec, (long long)nsec);
}

void p_timespec(struct call *c, uint64_t addr, bool t32)
{
	if (t32) {
		int32_t ts[2];

		if (!addr) {
			sb_puts(&c->sb, "NULL");
			return;
		}
		if (!umove(c, addr, ts, sizeof(ts))) {
			p_ptr(c, addr);
			return;
		}
		p_ts_value(c, ts[0], ts[1]);
	} else {
		int64_t ts[2];

		if (!addr) {
			sb_puts(&c->sb, "NULL");
			return;
		}
		if (!umove(c, addr, ts, sizeof(ts))) {
			p_ptr(c, addr);
			return;
		}
		p_ts_value(c, ts[0], ts[1]);
	}
}

void p_timeval(struct call *c, uint64_t addr, bool t32)
{
	int64_t sec, usec;

	if (!addr) {
		sb_puts(&c->sb, "NULL");
		return;
	}
	if (t32) {
		int32_t tv[2];

		if (!umove(c, addr, tv, sizeof(tv))) {
			p_ptr(c, addr);
			return;
		}
		sec = tv[0];
		usec = tv[1];
	} else {
		int64_t tv[2];

		if (!umove(c, addr, tv, sizeof(tv))) {
			p_ptr(c, addr);
			return;
		}
		sec = tv[0];
		usec = tv[1];
	}
	sb_printf(&c->sb, "{tv_sec=%lld, tv_usec=%lld}", (long long)sec, (long long)usec);
}
