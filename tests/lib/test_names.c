/* SPDX-License-Identifier: MIT */
/* Names of ABIs, system calls, errnos and signals. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "internal.h"
#include "scall.h"

#ifndef DATA_DIR
#error "DATA_DIR must name the source tree's data directory"
#endif

#define X32_BIT 0x40000000L

static const struct {
	const char *file;
	enum scall_abi abi;
} tbls[] = {
	{ "x86_64", SCALL_ABI_X86_64 }, { "i386", SCALL_ABI_I386 },       { "x32", SCALL_ABI_X32 },
	{ "arm64", SCALL_ABI_AARCH64 }, { "riscv64", SCALL_ABI_RISCV64 },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Checks one .tbl against the library, line by line; returns its size. */
static long check_tbl(const char *file, enum scall_abi abi)
{
	char path[512], line[256];
	long max = -1, count = 0, named = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/syscalls/%s.tbl", DATA_DIR, file);
	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		char *end;
		long nr;

		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		if (!tab || !tab[1]) {
			if (tab)
				*tab = '\0';
			cr_expect_eq(scall_syscall_lookup(abi, line), -1,
				     "%s: %s has no number but is found", file, line);
			continue;
		}
		*tab = '\0';
		nr = strtol(tab + 1, &end, 10);
		cr_assert_eq(*end, '\0', "%s: bad number for %s", file, line);
		if (abi == SCALL_ABI_X32) {
			/* the table marks x32 numbers; the API does not */
			cr_expect(nr & X32_BIT, "%s: %s lacks the x32 bit", file, line);
			cr_expect_null(scall_syscall_name(abi, nr));
			nr &= ~X32_BIT;
		}
		cr_expect_str_eq(scall_syscall_name(abi, nr), line, "%s: number %ld", file, nr);
		cr_expect_eq(scall_syscall_lookup(abi, line), nr, "%s: %s", file, line);
		if (nr > max)
			max = nr;
		count++;
	}
	fclose(f);
	cr_expect_eq(scall_syscall_max(abi), max, "%s: highest number", file);
	/* no number has a name the file does not give it */
	for (long nr = 0; nr <= max; nr++)
		named += scall_syscall_name(abi, nr) != NULL;
	cr_expect_eq(named, count, "%s: %ld numbers named, file has %ld", file, named, count);
	cr_expect_null(scall_syscall_name(abi, max + 1));
	return count;
}

Test(names, every_table_entry_round_trips)
{
	for (size_t i = 0; i < COUNT(tbls); i++)
		cr_expect_gt(check_tbl(tbls[i].file, tbls[i].abi), 300, "%s: table too small",
			     tbls[i].file);
}

Test(names, known_numbers)
{
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X86_64, "listns"), 470);
	cr_expect_str_eq(scall_syscall_name(SCALL_ABI_X86_64, 470), "listns");
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X86_64, "read"), 0);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_I386, "exit"), 1);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_AARCH64, "openat"), 56);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_I386, "_llseek"), 140);
	/* calls that exist on some ABIs only */
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_AARCH64, "open"), -1);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X86_64, "_llseek"), -1);
}

Test(names, x32_numbers_without_bit)
{
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X32, "read"), 0);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X32, "rt_sigaction"), 512);
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_X32, "execve"), 520);
	cr_expect_str_eq(scall_syscall_name(SCALL_ABI_X32, 520), "execve");
	cr_expect_null(scall_syscall_name(SCALL_ABI_X32, 520 | X32_BIT));
	/* the 64-bit numbers x32 replaced are not x32 calls */
	cr_expect_null(scall_syscall_name(SCALL_ABI_X32, 59));
	cr_expect_gt(scall_syscall_max(SCALL_ABI_X32), 512);
	cr_expect_lt(scall_syscall_max(SCALL_ABI_X32), 1024);
}

Test(names, unknown_calls)
{
	for (size_t i = 0; i < COUNT(tbls); i++) {
		enum scall_abi abi = tbls[i].abi;
		long max = scall_syscall_max(abi);

		cr_expect_eq(scall_syscall_lookup(abi, "no_such_call"), -1);
		cr_expect_eq(scall_syscall_lookup(abi, ""), -1);
		cr_expect_eq(scall_syscall_lookup(abi, NULL), -1);
		cr_expect_eq(scall_syscall_lookup(abi, "READ"), -1);
		cr_expect_eq(scall_syscall_lookup(abi, "rea"), -1);
		cr_expect_eq(scall_syscall_lookup(abi, "write "), -1);
		/* below the first and above the last name */
		cr_expect_eq(scall_syscall_lookup(abi, "\x01"), -1);
		cr_expect_eq(scall_syscall_lookup(abi, "zzzz"), -1);
		cr_expect_null(scall_syscall_name(abi, -1));
		cr_expect_null(scall_syscall_name(abi, max + 1));
		cr_expect_null(scall_syscall_name(abi, LONG_MAX));
		cr_expect_null(scall_syscall_name(abi, LONG_MIN));
	}
	cr_expect_null(scall_syscall_name(SCALL_ABI_UNKNOWN, 0));
	cr_expect_eq(scall_syscall_lookup(SCALL_ABI_UNKNOWN, "read"), -1);
	cr_expect_eq(scall_syscall_max(SCALL_ABI_UNKNOWN), -1);
	cr_expect_null(scall_syscall_name((enum scall_abi)99, 0));
	cr_expect_eq(scall_syscall_lookup((enum scall_abi)99, "read"), -1);
	cr_expect_eq(scall_syscall_max((enum scall_abi) - 1), -1);
}

Test(names, internal_name_matches_public)
{
	for (size_t i = 0; i < COUNT(tbls); i++)
		for (long nr = -1; nr <= scall_syscall_max(tbls[i].abi) + 1; nr++)
			cr_expect_eq(scall__syscall_name(tbls[i].abi, nr),
				     scall_syscall_name(tbls[i].abi, nr));
}

Test(names, abi_names_round_trip)
{
	static const char *const want[SCALL_ABI_COUNT] = {
		"unknown", "x86_64", "i386", "x32", "aarch64", "riscv64",
	};

	for (int abi = 0; abi < SCALL_ABI_COUNT; abi++) {
		cr_expect_str_eq(scall_abi_name((enum scall_abi)abi), want[abi]);
		cr_expect_eq((int)scall_abi_lookup(want[abi]), abi);
	}
	cr_expect_str_eq(scall_abi_name((enum scall_abi)SCALL_ABI_COUNT), "unknown");
	cr_expect_str_eq(scall_abi_name((enum scall_abi) - 1), "unknown");
	cr_expect_eq(scall_abi_lookup("arm"), SCALL_ABI_UNKNOWN);
	cr_expect_eq(scall_abi_lookup(""), SCALL_ABI_UNKNOWN);
	cr_expect_eq(scall_abi_lookup(NULL), SCALL_ABI_UNKNOWN);
}

Test(names, native_abi)
{
#if defined(__x86_64__) && !defined(__ILP32__)
	cr_expect_eq(scall_native_abi(), SCALL_ABI_X86_64);
#elif defined(__aarch64__)
	cr_expect_eq(scall_native_abi(), SCALL_ABI_AARCH64);
#elif defined(__riscv)
	cr_expect_eq(scall_native_abi(), SCALL_ABI_RISCV64);
#endif
	/* the native ABI has a table of its own */
	cr_expect_gt(scall_syscall_max(scall_native_abi()), 0);
}

/* The C library's errno macros, a list independent of the library's. */
/* clang-format off */
#define E(x) { #x, x }
static const struct {
	const char *name;
	int err;
} libc_errnos[] = {
	E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO),
	E(ENXIO), E(E2BIG), E(ENOEXEC), E(EBADF), E(ECHILD),
	E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(ENOTBLK),
	E(EBUSY), E(EEXIST), E(EXDEV), E(ENODEV), E(ENOTDIR),
	E(EISDIR), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOTTY),
	E(ETXTBSY), E(EFBIG), E(ENOSPC), E(ESPIPE), E(EROFS),
	E(EMLINK), E(EPIPE), E(EDOM), E(ERANGE), E(EDEADLK),
	E(ENAMETOOLONG), E(ENOLCK), E(ENOSYS), E(ENOTEMPTY), E(ELOOP),
	E(ENOMSG), E(EIDRM), E(ECHRNG), E(EL2NSYNC), E(EL3HLT),
	E(EL3RST), E(ELNRNG), E(EUNATCH), E(ENOCSI), E(EL2HLT),
	E(EBADE), E(EBADR), E(EXFULL), E(ENOANO), E(EBADRQC),
	E(EBADSLT), E(EBFONT), E(ENOSTR), E(ENODATA), E(ETIME),
	E(ENOSR), E(ENONET), E(ENOPKG), E(EREMOTE), E(ENOLINK),
	E(EADV), E(ESRMNT), E(ECOMM), E(EPROTO), E(EMULTIHOP),
	E(EDOTDOT), E(EBADMSG), E(EOVERFLOW), E(ENOTUNIQ), E(EBADFD),
	E(EREMCHG), E(ELIBACC), E(ELIBBAD), E(ELIBSCN), E(ELIBMAX),
	E(ELIBEXEC), E(EILSEQ), E(ERESTART), E(ESTRPIPE), E(EUSERS),
	E(ENOTSOCK), E(EDESTADDRREQ), E(EMSGSIZE), E(EPROTOTYPE), E(ENOPROTOOPT),
	E(EPROTONOSUPPORT), E(ESOCKTNOSUPPORT), E(EOPNOTSUPP), E(EPFNOSUPPORT), E(EAFNOSUPPORT),
	E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENETDOWN), E(ENETUNREACH), E(ENETRESET),
	E(ECONNABORTED), E(ECONNRESET), E(ENOBUFS), E(EISCONN), E(ENOTCONN),
	E(ESHUTDOWN), E(ETOOMANYREFS), E(ETIMEDOUT), E(ECONNREFUSED), E(EHOSTDOWN),
	E(EHOSTUNREACH), E(EALREADY), E(EINPROGRESS), E(ESTALE), E(EUCLEAN),
	E(ENOTNAM), E(ENAVAIL), E(EISNAM), E(EREMOTEIO), E(EDQUOT),
	E(ENOMEDIUM), E(EMEDIUMTYPE), E(ECANCELED), E(ENOKEY), E(EKEYEXPIRED),
	E(EKEYREVOKED), E(EKEYREJECTED), E(EOWNERDEAD), E(ENOTRECOVERABLE), E(ERFKILL),
	E(EHWPOISON),
}, libc_errno_aliases[] = {
	E(EWOULDBLOCK), E(EDEADLOCK), E(ENOTSUP),
};
#undef E
/* clang-format on */

Test(errnos, libc_names_agree)
{
	for (size_t i = 0; i < COUNT(libc_errnos); i++) {
		const char *name = libc_errnos[i].name;
		int err = libc_errnos[i].err;

		cr_expect_str_eq(scall_errno_name(err), name);
		cr_expect_eq(scall_errno_lookup(name), err, "%s", name);
	}
	for (size_t i = 0; i < COUNT(libc_errno_aliases); i++)
		cr_expect_eq(scall_errno_lookup(libc_errno_aliases[i].name),
			     libc_errno_aliases[i].err, "%s", libc_errno_aliases[i].name);
}

Test(errnos, every_errno_named_with_glibc_message)
{
	for (int err = 1; err <= 133; err++) {
		const char *name = scall_errno_name(err);

		if (err == 41 || err == 58) {
			/* numbers Linux leaves unassigned */
			cr_expect_null(name, "%d", err);
			cr_expect_str_eq(scall_strerror(err), "Unknown error");
			continue;
		}
		cr_assert_not_null(name, "errno %d has no name", err);
		cr_expect_eq(scall_errno_lookup(name), err, "%s", name);
		cr_expect_str_eq(scall_strerror(err), strerror(err), "%s", name);
		cr_expect_eq(scall_strerror(-err), scall_strerror(err));
	}
}

Test(errnos, strace_spellings)
{
	cr_expect_str_eq(scall_errno_name(ENOENT), "ENOENT");
	cr_expect_str_eq(scall_strerror(ENOENT), "No such file or directory");
	cr_expect_str_eq(scall_strerror(-ENOENT), "No such file or directory");
	/* of two names for one number, the one strace prints */
	cr_expect_str_eq(scall_errno_name(EWOULDBLOCK), "EAGAIN");
	cr_expect_str_eq(scall_errno_name(EDEADLOCK), "EDEADLK");
	cr_expect_str_eq(scall_errno_name(ENOTSUP), "EOPNOTSUPP");
	cr_expect_eq(scall_errno_lookup("EWOULDBLOCK"), EAGAIN);
	cr_expect_eq(scall_errno_lookup("EDEADLOCK"), EDEADLK);
	cr_expect_eq(scall_errno_lookup("ENOTSUP"), EOPNOTSUPP);
}

Test(errnos, kernel_codes)
{
	static const struct {
		int err;
		const char *name, *msg;
	} want[] = {
		{ 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
		{ 513, "ERESTARTNOINTR", "To be restarted" },
		{ 514, "ERESTARTNOHAND", "To be restarted if no handler" },
		{ 515, "ENOIOCTLCMD", NULL },
		{ 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
		{ 517, "EPROBE_DEFER", NULL },
		{ 518, "EOPENSTALE", NULL },
		{ 519, "ENOPARAM", NULL },
		{ 521, "EBADHANDLE", NULL },
		{ 522, "ENOTSYNC", NULL },
		{ 523, "EBADCOOKIE", NULL },
		{ 524, "ENOTSUPP", NULL },
		{ 525, "ETOOSMALL", NULL },
		{ 526, "ESERVERFAULT", NULL },
		{ 527, "EBADTYPE", NULL },
		{ 528, "EJUKEBOX", NULL },
		{ 529, "EIOCBQUEUED", NULL },
		{ 530, "ERECALLCONFLICT", NULL },
		{ 531, "ENOGRACE", NULL },
	};

	for (size_t i = 0; i < COUNT(want); i++) {
		int err = want[i].err;

		cr_expect_str_eq(scall_errno_name(err), want[i].name);
		cr_expect_eq(scall_errno_lookup(want[i].name), err);
		/* strace prints glibc's text where it has no text of its own */
		cr_expect_str_eq(scall_strerror(-err), want[i].msg ? want[i].msg : strerror(err),
				 "%s", want[i].name);
	}
	cr_expect_null(scall_errno_name(520));
	cr_expect_eq(scall_errno_lookup("ENOTSUPP"), 524);
	cr_expect_eq(scall_errno_lookup("ENOTSUP"), EOPNOTSUPP);
}

Test(errnos, unknown)
{
	static const int bad[] = { 0, -1, 134, 511, 520, 532, 4095, INT_MAX, INT_MIN };

	for (size_t i = 0; i < COUNT(bad); i++)
		cr_expect_null(scall_errno_name(bad[i]), "%d", bad[i]);
	cr_expect_str_eq(scall_strerror(134), "Unknown error");
	cr_expect_str_eq(scall_strerror(-4095), "Unknown error");
	cr_expect_str_eq(scall_strerror(520), "Unknown error");
	cr_expect_str_eq(scall_strerror(INT_MIN), "Unknown error");
	cr_expect_str_eq(scall_strerror(INT_MAX), "Unknown error");
	cr_expect_str_eq(scall_strerror(0), "Success");
	cr_expect_eq(scall_errno_lookup("ENOSUCH"), -1);
	cr_expect_eq(scall_errno_lookup("enoent"), -1);
	cr_expect_eq(scall_errno_lookup("ENOENT "), -1);
	cr_expect_eq(scall_errno_lookup(""), -1);
	cr_expect_eq(scall_errno_lookup(NULL), -1);
}

Test(errnos, internal_filter)
{
	cr_expect_eq(scall__err(0), 0);
	cr_expect_eq(scall__err(42), 42);
	cr_expect_eq(scall__err(-ENOENT), -ENOENT);
	cr_expect_eq(scall__err(-EPERM), -EPERM);
	cr_expect_eq(scall__err(-EHWPOISON), -EHWPOISON);
	/* not errnos a caller could ever be given */
	cr_expect_eq(scall__err(-41), -EIO);
	cr_expect_eq(scall__err(-134), -EIO);
	cr_expect_eq(scall__err(-512), -EIO);
	cr_expect_eq(scall__err(-4095), -EIO);
	cr_expect_eq(scall__err(INT_MIN), -EIO);
}

/* The C library's signal macros, a list independent of the library's. */
/* clang-format off */
#define S(x) { #x, x }
static const struct {
	const char *name;
	int sig;
} libc_signals[] = {
	S(SIGHUP), S(SIGINT), S(SIGQUIT), S(SIGILL), S(SIGTRAP),
	S(SIGABRT), S(SIGIOT), S(SIGBUS), S(SIGFPE), S(SIGKILL),
	S(SIGUSR1), S(SIGSEGV), S(SIGUSR2), S(SIGPIPE), S(SIGALRM),
	S(SIGTERM), S(SIGSTKFLT), S(SIGCHLD), S(SIGCLD), S(SIGCONT),
	S(SIGSTOP), S(SIGTSTP), S(SIGTTIN), S(SIGTTOU), S(SIGURG),
	S(SIGXCPU), S(SIGXFSZ), S(SIGVTALRM), S(SIGPROF), S(SIGWINCH),
	S(SIGIO), S(SIGPOLL), S(SIGPWR), S(SIGSYS),
};
#undef S
/* clang-format on */

Test(signals, standard_names)
{
	for (int sig = 1; sig < 32; sig++) {
		char want[32];

		/* glibc calls 29 POLL; strace prints SIGIO */
		snprintf(want, sizeof(want), "SIG%s", sig == SIGIO ? "IO" : sigabbrev_np(sig));
		cr_expect_str_eq(scall_signal_name(sig), want);
		cr_expect_eq(scall_signal_lookup(want), sig, "%s", want);
		cr_expect_eq(scall_signal_lookup(want + 3), sig, "%s", want);
	}
	for (size_t i = 0; i < COUNT(libc_signals); i++)
		cr_expect_eq(scall_signal_lookup(libc_signals[i].name), libc_signals[i].sig, "%s",
			     libc_signals[i].name);
}

Test(signals, realtime)
{
	char buf[32];

	cr_expect_str_eq(scall_signal_name(32), "SIGRTMIN");
	cr_expect_str_eq(scall_signal_name(33), "SIGRT_1");
	cr_expect_str_eq(scall_signal_name(64), "SIGRT_32");
	cr_expect_eq(scall_signal_lookup("SIGRTMIN"), 32);
	cr_expect_eq(scall_signal_lookup("SIGRTMAX"), SIGRTMAX);
	cr_expect_eq(scall_signal_lookup("SIGRTMIN+3"), 35);
	cr_expect_eq(scall_signal_lookup("SIGRT_3"), 35);
	cr_expect_eq(scall_signal_lookup("RTMIN+3"), 35);
	for (int n = 0; n <= 32; n++) {
		snprintf(buf, sizeof(buf), "SIGRTMIN+%d", n);
		cr_expect_eq(scall_signal_lookup(buf), 32 + n, "%s", buf);
		snprintf(buf, sizeof(buf), "SIGRTMAX-%d", n);
		cr_expect_eq(scall_signal_lookup(buf), 64 - n, "%s", buf);
		if (!n)
			continue;
		snprintf(buf, sizeof(buf), "SIGRT_%d", n);
		cr_expect_str_eq(scall_signal_name(32 + n), buf);
		cr_expect_eq(scall_signal_lookup(buf), 32 + n, "%s", buf);
	}
}

Test(signals, every_name_round_trips)
{
	for (int sig = 1; sig <= 64; sig++) {
		const char *name = scall_signal_name(sig);
		char num[16];

		cr_assert_not_null(name, "%d", sig);
		cr_expect_eq(scall_signal_lookup(name), sig, "%s", name);
		snprintf(num, sizeof(num), "%d", sig);
		cr_expect_eq(scall_signal_lookup(num), sig, "%s", num);
	}
}

Test(signals, lookup_variants)
{
	cr_expect_eq(scall_signal_lookup("SIGINT"), SIGINT);
	cr_expect_eq(scall_signal_lookup("INT"), SIGINT);
	cr_expect_eq(scall_signal_lookup("int"), SIGINT);
	cr_expect_eq(scall_signal_lookup("sigint"), SIGINT);
	cr_expect_eq(scall_signal_lookup("9"), SIGKILL);
	cr_expect_eq(scall_signal_lookup("IOT"), SIGABRT);
	cr_expect_eq(scall_signal_lookup("POLL"), SIGIO);
	cr_expect_eq(scall_signal_lookup("CLD"), SIGCHLD);
}

Test(signals, unknown)
{
	static const char *const bad[] = {
		"",           "SIG",         "SIGFOO",     "0",          "65",
		"-1",         "9x",          " 9",         "SIGINT ",    "SIGRT_0",
		"SIGRT_33",   "SIGRTMIN+33", "SIGRTMIN-1", "SIGRTMAX+1", "SIGRTMIN+",
		"SIGRTMIN+x", "SIGRTMAX-33", "SIGSIGINT",  "RT",         "1000",
	};

	for (size_t i = 0; i < COUNT(bad); i++)
		cr_expect_eq(scall_signal_lookup(bad[i]), -1, "\"%s\"", bad[i]);
	cr_expect_eq(scall_signal_lookup(NULL), -1);
	cr_expect_null(scall_signal_name(0));
	cr_expect_null(scall_signal_name(-1));
	cr_expect_null(scall_signal_name(65));
	cr_expect_null(scall_signal_name(INT_MIN));
}
