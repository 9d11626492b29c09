/* SPDX-License-Identifier: MIT */
/* Names of ABIs, system calls and signals (errnos: errnos.c). */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "syscall_tables.h"

enum scall_abi scall_native_abi(void)
{
#if defined(__x86_64__) && defined(__ILP32__)
	return SCALL_ABI_X32;
#elif defined(__x86_64__)
	return SCALL_ABI_X86_64;
#elif defined(__i386__)
	return SCALL_ABI_I386;
#elif defined(__aarch64__)
	return SCALL_ABI_AARCH64;
#elif defined(__riscv) && __riscv_xlen == 64
	return SCALL_ABI_RISCV64;
#else
	return SCALL_ABI_UNKNOWN;
#endif
}

static const char *const abi_names[SCALL_ABI_COUNT] = {
	[SCALL_ABI_UNKNOWN] = "unknown", [SCALL_ABI_X86_64] = "x86_64",
	[SCALL_ABI_I386] = "i386",       [SCALL_ABI_X32] = "x32",
	[SCALL_ABI_AARCH64] = "aarch64", [SCALL_ABI_RISCV64] = "riscv64",
};

const char *scall_abi_name(enum scall_abi abi)
{
	if ((unsigned int)abi >= SCALL_ABI_COUNT)
		return abi_names[SCALL_ABI_UNKNOWN];
	return abi_names[abi];
}

enum scall_abi scall_abi_lookup(const char *name)
{
	if (!name)
		return SCALL_ABI_UNKNOWN;
	for (unsigned int i = 1; i < SCALL_ABI_COUNT; i++)
		if (!strcmp(name, abi_names[i]))
			return (enum scall_abi)i;
	return SCALL_ABI_UNKNOWN;
}

/* The table of abi; SCALL_ABI_UNKNOWN's is empty, as is any bad value's. */
static const struct scall__systab *systab(enum scall_abi abi)
{
	if ((unsigned int)abi >= SCALL_ABI_COUNT)
		abi = SCALL_ABI_UNKNOWN;
	return &scall__systabs[abi];
}

const char *scall__syscall_name(enum scall_abi abi, long nr)
{
	const struct scall__systab *tab = systab(abi);

	if (nr < 0 || nr >= tab->nr_count || !tab->by_nr[nr])
		return NULL;
	return scall__syscall_pool + tab->by_nr[nr];
}

const char *scall_syscall_name(enum scall_abi abi, long nr)
{
	return scall__syscall_name(abi, nr);
}

long scall_syscall_lookup(enum scall_abi abi, const char *name)
{
	const struct scall__systab *tab = systab(abi);
	size_t lo = 0, hi = tab->name_count;

	if (!name)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint16_t nr = tab->by_name[mid];
		int cmp = strcmp(name, scall__syscall_pool + tab->by_nr[nr]);

		if (!cmp)
			return nr;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

long scall_syscall_max(enum scall_abi abi)
{
	return (long)systab(abi)->nr_count - 1;
}

/* Linux's numbering, which x86, arm64 and riscv share; as strace spells it. */
static const char *const sig_names[32] = {
	[1] = "SIGHUP",     [2] = "SIGINT",   [3] = "SIGQUIT",   [4] = "SIGILL",   [5] = "SIGTRAP",
	[6] = "SIGABRT",    [7] = "SIGBUS",   [8] = "SIGFPE",    [9] = "SIGKILL",  [10] = "SIGUSR1",
	[11] = "SIGSEGV",   [12] = "SIGUSR2", [13] = "SIGPIPE",  [14] = "SIGALRM", [15] = "SIGTERM",
	[16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT",  [19] = "SIGSTOP", [20] = "SIGTSTP",
	[21] = "SIGTTIN",   [22] = "SIGTTOU", [23] = "SIGURG",   [24] = "SIGXCPU", [25] = "SIGXFSZ",
	[26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO",   [30] = "SIGPWR",
	[31] = "SIGSYS",
};

/* Other names of standard signals, accepted by lookup only. */
static const struct {
	const char *name;
	int sig;
} sig_aliases[] = {
	{ "IOT", 6 },
	{ "CLD", 17 },
	{ "POLL", 29 },
	{ "UNUSED", 31 },
};

#define SIG_RTMIN 32
#define SIG_MAX 64

/* Real-time signals by the kernel's count, not the C library's SIGRTMIN. */
static const char *const rt_names[SIG_MAX - SIG_RTMIN + 1] = {
	"SIGRTMIN", "SIGRT_1",  "SIGRT_2",  "SIGRT_3",  "SIGRT_4",  "SIGRT_5",  "SIGRT_6",
	"SIGRT_7",  "SIGRT_8",  "SIGRT_9",  "SIGRT_10", "SIGRT_11", "SIGRT_12", "SIGRT_13",
	"SIGRT_14", "SIGRT_15", "SIGRT_16", "SIGRT_17", "SIGRT_18", "SIGRT_19", "SIGRT_20",
	"SIGRT_21", "SIGRT_22", "SIGRT_23", "SIGRT_24", "SIGRT_25", "SIGRT_26", "SIGRT_27",
	"SIGRT_28", "SIGRT_29", "SIGRT_30", "SIGRT_31", "SIGRT_32",
};

const char *scall_signal_name(int sig)
{
	if (sig >= 1 && sig < SIG_RTMIN)
		return sig_names[sig];
	if (sig >= SIG_RTMIN && sig <= SIG_MAX)
		return rt_names[sig - SIG_RTMIN];
	return NULL;
}

/* A decimal number of at most three digits and nothing else, or -1. */
static int small_number(const char *s)
{
	int n = 0;

	if (!*s || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/* RTMIN, RTMIN+n, RTMAX, RTMAX-n, RT_n (without "SIG"), or -1. */
static int rt_lookup(const char *s)
{
	int n;

	if (!strncasecmp(s, "RTMIN", 5) || !strncasecmp(s, "RTMAX", 5)) {
		bool max = s[4] == 'X' || s[4] == 'x';
		char sign = max ? '-' : '+';

		if (!s[5])
			return max ? SIG_MAX : SIG_RTMIN;
		if (s[5] != sign)
			return -1;
		n = small_number(s + 6);
		if (n < 0 || n > SIG_MAX - SIG_RTMIN)
			return -1;
		return max ? SIG_MAX - n : SIG_RTMIN + n;
	}
	if (!strncasecmp(s, "RT_", 3)) {
		n = small_number(s + 3);
		if (n < 1 || n > SIG_MAX - SIG_RTMIN)
			return -1;
		return SIG_RTMIN + n;
	}
	return -1;
}

int scall_signal_lookup(const char *name)
{
	int n;

	if (!name)
		return -1;
	n = small_number(name);
	if (n >= 0)
		return n >= 1 && n <= SIG_MAX ? n : -1;
	/* strace accepts any case, with or without the SIG prefix */
	if (!strncasecmp(name, "SIG", 3))
		name += 3;
	for (int i = 1; i < SIG_RTMIN; i++)
		if (!strcasecmp(name, sig_names[i] + 3))
			return i;
	for (size_t i = 0; i < sizeof(sig_aliases) / sizeof(sig_aliases[0]); i++)
		if (!strcasecmp(name, sig_aliases[i].name))
			return sig_aliases[i].sig;
	return rt_lookup(name);
}
