/* SPDX-License-Identifier: MIT */
/*
 * Scheduling and memory policies: sched_*, getcpu, ioprio_*, mempolicies,
 * membarrier, memory locking, mincore, setgroups, unshare, and socket
 * options.  What it prints is the same from run to run, so that strace's
 * trace of it can be compared too.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../cli/tracee.h"

struct sched_attr_abi {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
	uint32_t util_min, util_max;
};

static const char *rv(long r, char *buf, size_t size)
{
	if (r < 0 && errno == ENOPROTOOPT)
		return "-1 ENOPROTOOPT (Protocol not available)";
	if (r < 0)
		return err_text(errno);
	snprintf(buf, size, "%ld", r);
	return buf;
}

static const char *policy_name(long p)
{
	static const char *const names[] = { "SCHED_OTHER",   "SCHED_FIFO", "SCHED_RR",
					     "SCHED_BATCH",   "SCHED_ISO",  "SCHED_IDLE",
					     "SCHED_DEADLINE" };

	return p >= 0 && p < 7 ? names[p] : "?";
}

/* One node mask word as strace prints it: zero padded to the word's width */
static const char *node_word(unsigned long w)
{
	static char buf[32];

	snprintf(buf, sizeof(buf), "%#0*lx", (int)sizeof(long) * 2, w);
	return buf;
}

int main(void)
{
	char line[1024], b[64], more[256];
	struct sched_attr_abi sa;
	unsigned long mask[2] = { 1, 0 }, cpuset = 1;
	unsigned cpu = ~0u, node = ~0u;
	unsigned char vec[3];
	int prio = -1, mode = -1, v, s;
	socklen_t len;
	char *p;
	long r;

	/* on CPU 0, getcpu's answer is known */
	if (syscall(SYS_sched_setaffinity, 0L, (long)sizeof(cpuset), &cpuset) < 0)
		return 1;

	r = syscall(SYS_getcpu, &cpu, &node, NULL);
	snprintf(line, sizeof(line), "getcpu([%u], [%u], NULL)", cpu, node);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_sched_getscheduler, 0L);
	snprintf(line, sizeof(line), "%s (%s)", rv(r, b, sizeof(b)), policy_name(r));
	expect("%s= %s", col("sched_getscheduler(0)"), r >= 0 ? line : b);

	r = syscall(SYS_sched_getparam, 0L, &prio);
	snprintf(line, sizeof(line), "sched_getparam(0, [%d])", prio);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	prio = 0;
	r = syscall(SYS_sched_setscheduler, 0L, (long)SCHED_OTHER, &prio);
	expect("%s= %s", col("sched_setscheduler(0, SCHED_OTHER, [0])"), rv(r, b, sizeof(b)));

	r = syscall(SYS_sched_setscheduler, 0L, 17L, NULL);
	expect("%s= %s", col("sched_setscheduler(0, 0x11 /* SCHED_??? */, NULL)"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_sched_get_priority_max, (long)SCHED_FIFO);
	expect("%s= %s", col("sched_get_priority_max(SCHED_FIFO)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_sched_get_priority_min, (long)SCHED_RR);
	expect("%s= %s", col("sched_get_priority_min(SCHED_RR)"), rv(r, b, sizeof(b)));

	memset(&sa, 0, sizeof(sa));
	r = syscall(SYS_sched_getattr, 0L, &sa, (long)sizeof(sa), 0L);
	snprintf(line, sizeof(line),
		 "sched_getattr(0, {size=%u, sched_policy=%s, sched_flags=0, sched_nice=%d, "
		 "sched_priority=%u, sched_runtime=%llu, sched_deadline=%llu, sched_period=%llu, "
		 "sched_util_min=%u, sched_util_max=%u}, %zu, 0)",
		 sa.size, policy_name(sa.policy), sa.nice, sa.priority,
		 (unsigned long long)sa.runtime, (unsigned long long)sa.deadline,
		 (unsigned long long)sa.period, sa.util_min, sa.util_max, sizeof(sa));
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	sa.size = 48;
	sa.flags = 0x1 | 0x8; /* SCHED_FLAG_RESET_ON_FORK|SCHED_FLAG_KEEP_POLICY */
	sa.nice = 0;
	r = syscall(SYS_sched_setattr, 0L, &sa, 0L);
	snprintf(line, sizeof(line),
		 "sched_setattr(0, {size=48, sched_flags=SCHED_FLAG_RESET_ON_FORK|"
		 "SCHED_FLAG_KEEP_POLICY, sched_nice=0, sched_priority=%u, sched_runtime=%llu, "
		 "sched_deadline=%llu, sched_period=%llu}, 0)",
		 sa.priority, (unsigned long long)sa.runtime, (unsigned long long)sa.deadline,
		 (unsigned long long)sa.period);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_sched_getattr, 0L, NULL, (long)sizeof(sa), 0L);
	snprintf(line, sizeof(line), "sched_getattr(0, NULL, %zu, 0)", sizeof(sa));
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_ioprio_set, 1L, 0L, (long)((2 << 13) | 4));
	expect("%s= %s",
	       col("ioprio_set(IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_ioprio_get, 1L, 0L);
	snprintf(line, sizeof(line), "%s (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))",
		 rv(r, b, sizeof(b)));
	expect("%s= %s", col("ioprio_get(IOPRIO_WHO_PROCESS, 0)"), r == 16388 ? line : b);

	r = syscall(SYS_ioprio_set, 9L, 0L, (long)(7 << 13));
	expect("%s= %s",
	       col("ioprio_set(0x9 /* IOPRIO_WHO_??? */, 0, "
		   "IOPRIO_PRIO_VALUE(0x7 /* IOPRIO_CLASS_??? */, 0))"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_get_mempolicy, &mode, mask, (long)(2 * 8 * sizeof(long)), NULL, 0L);
	snprintf(more, sizeof(more), "%s", node_word(mask[0]));
	snprintf(line, sizeof(line), "get_mempolicy([%s], [%s, %s], %zu, NULL, 0)",
		 mode == 0 ? "MPOL_DEFAULT" : "?", more, node_word(mask[1]), 2 * 8 * sizeof(long));
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	mask[0] = 1;
	r = syscall(SYS_set_mempolicy, (long)(2 | (1 << 15)), mask, (long)(8 * sizeof(long) + 1));
	snprintf(line, sizeof(line), "set_mempolicy(MPOL_BIND|MPOL_F_STATIC_NODES, [%s], %zu)",
		 node_word(1), 8 * sizeof(long) + 1);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_set_mempolicy, 0L, NULL, 0L);
	expect("%s= %s", col("set_mempolicy(MPOL_DEFAULT, NULL, 0)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_set_mempolicy, 9L, (void *)8, 1L);
	expect("%s= %s", col("set_mempolicy(0x9 /* MPOL_??? */, 0x8, 1)"), rv(r, b, sizeof(b)));

	p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	r = syscall(SYS_mbind, p, 4096L, 3L, mask, 8L * sizeof(long), 1L);
	snprintf(line, sizeof(line), "mbind(%p, 4096, MPOL_INTERLEAVE, [%s], %zu, MPOL_MF_STRICT)",
		 (void *)p, node_word(1), 8 * sizeof(long));
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_mincore, p, 3 * 4096L - 1, vec);
	snprintf(line, sizeof(line), "mincore(%p, %ld, [%u, %u, %u])", (void *)p, 3 * 4096L - 1,
		 vec[0], vec[1], vec[2]);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_mlock2, p, 4096L, 1L);
	snprintf(line, sizeof(line), "mlock2(%p, 4096, MLOCK_ONFAULT)", (void *)p);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_mlockall, 8L);
	expect("%s= %s", col("mlockall(0x8 /* MCL_??? */)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_membarrier, 1000L, 0L, 0L);
	expect("%s= %s", col("membarrier(0x3e8 /* MEMBARRIER_CMD_??? */, 0)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_membarrier, 8L, 1L, 0L);
	expect("%s= %s",
	       col("membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, MEMBARRIER_CMD_FLAG_CPU, 0)"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_unshare, 0L);
	expect("%s= %s", col("unshare(0)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_unshare, 0x20404L);
	expect("%s= %s", col("unshare(CLONE_FILES|CLONE_NEWNS|0x4)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_setns, -1L, 0L);
	expect("%s= %s", col("setns(-1, 0)"), rv(r, b, sizeof(b)));

	/* prctl */
	r = syscall(SYS_prctl, (long)PR_SET_NAME, "a-very-long-thread-name", 0L, 0L, 0L);
	expect("%s= %s", col("prctl(PR_SET_NAME, \"a-very-long-thr\"...)"), rv(r, b, sizeof(b)));

	r = syscall(SYS_prctl, (long)PR_GET_PDEATHSIG, &v, 0L, 0L, 0L);
	snprintf(line, sizeof(line), "prctl(PR_GET_PDEATHSIG, [%d])", v);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	r = syscall(SYS_prctl, 47L, 1L, 0L, 0L, 0L);
	expect("%s= %s", col("prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_CHOWN, 0, 0)"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_prctl, (long)PR_SET_MM, 99L, 5L, 6L, 7L);
	expect("%s= %s", col("prctl(PR_SET_MM, 0x63 /* PR_SET_MM_??? */, 0x5, 0x6, 0x7)"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_prctl, (long)PR_SET_SECCOMP, 2L, 0L, 0L, 0L);
	expect("%s= %s", col("prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, NULL)"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_mount, "none", "/nonexistent", "tmpfs", 7L, "size=1m");
	expect("%s= %s",
	       col("mount(\"none\", \"/nonexistent\", \"tmpfs\", MS_RDONLY|MS_NOSUID|MS_NODEV, "
		   "\"size=1m\")"),
	       rv(r, b, sizeof(b)));

	r = syscall(SYS_mount, NULL, "/nonexistent", NULL, 0xc0ed0021L, NULL);
	expect("%s= %s",
	       col("mount(NULL, \"/nonexistent\", NULL, MS_MGC_VAL|MS_RDONLY|MS_REMOUNT, NULL)"),
	       rv(r, b, sizeof(b)));

	/* capabilities: a version probe, and the real sets */
	{
		static const char *const caps[] = {
			"CHOWN",
			"DAC_OVERRIDE",
			"DAC_READ_SEARCH",
			"FOWNER",
			"FSETID",
			"KILL",
			"SETGID",
			"SETUID",
			"SETPCAP",
			"LINUX_IMMUTABLE",
			"NET_BIND_SERVICE",
			"NET_BROADCAST",
			"NET_ADMIN",
			"NET_RAW",
			"IPC_LOCK",
			"IPC_OWNER",
			"SYS_MODULE",
			"SYS_RAWIO",
			"SYS_CHROOT",
			"SYS_PTRACE",
			"SYS_PACCT",
			"SYS_ADMIN",
			"SYS_BOOT",
			"SYS_NICE",
			"SYS_RESOURCE",
			"SYS_TIME",
			"SYS_TTY_CONFIG",
			"MKNOD",
			"LEASE",
			"AUDIT_WRITE",
			"AUDIT_CONTROL",
			"SETFCAP",
			"MAC_OVERRIDE",
			"MAC_ADMIN",
			"SYSLOG",
			"WAKE_ALARM",
			"BLOCK_SUSPEND",
			"AUDIT_READ",
			"PERFMON",
			"BPF",
			"CHECKPOINT_RESTORE",
		};
		uint32_t hdr[2] = { 0, 0 }, data[6];
		char sets[3][2048];
		const char *names[] = { "effective", "permitted", "inheritable" };

		r = syscall(SYS_capget, hdr, NULL);
		expect("%s= %s",
		       col("capget({version=0 /* _LINUX_CAPABILITY_VERSION_??? */, pid=0}, NULL)"),
		       rv(r, b, sizeof(b)));
		hdr[0] = 0x20080522;
		r = syscall(SYS_capget, hdr, data);
		for (int k = 0; k < 3; k++) {
			uint64_t set = data[k] | (uint64_t)data[3 + k] << 32;
			size_t used = 0;

			sets[k][0] = '\0';
			for (int i = 0; i < 64; i++) {
				if (!(set & (1ull << i)))
					continue;
				if (i < 41)
					used += snprintf(sets[k] + used, sizeof(sets[k]) - used,
							 "%s1<<CAP_%s", used ? "|" : "", caps[i]);
				else
					return 2; /* unknown to this table */
			}
			if (!used)
				strcpy(sets[k], "0");
		}
		{
			char all[8192];

			snprintf(all, sizeof(all),
				 "capget({version=_LINUX_CAPABILITY_VERSION_3, pid=0}, {%s=%s, "
				 "%s=%s, %s=%s})",
				 names[0], sets[0], names[1], sets[1], names[2], sets[2]);
			expect("%s= %s", col(all), rv(r, b, sizeof(b)));
		}
		r = syscall(SYS_capget, NULL, NULL);
		expect("%s= %s", col("capget(NULL, NULL)"), rv(r, b, sizeof(b)));
	}

	/* socket options */
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	v = 0;
	len = sizeof(v);
	r = syscall(SYS_getsockopt, (long)s, (long)SOL_SOCKET, (long)SO_ERROR, &v, &len);
	snprintf(line, sizeof(line), "getsockopt(%d, SOL_SOCKET, SO_ERROR, [%d], [4])", s, v);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));

	{
		struct {
			int onoff, linger;
		} lg = { 1, 5 };

		r = syscall(SYS_setsockopt, (long)s, (long)SOL_SOCKET, (long)SO_LINGER, &lg,
			    (long)sizeof(lg));
		snprintf(line, sizeof(line),
			 "setsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8)", s);
		expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	}

	v = 1;
	r = syscall(SYS_setsockopt, (long)s, (long)IPPROTO_TCP, 99L, &v, (long)sizeof(v));
	snprintf(line, sizeof(line), "setsockopt(%d, SOL_TCP, 0x63 /* TCP_??? */, [1], 4)", s);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	close(s);

	s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, 0);
	r = syscall(SYS_setsockopt, (long)s, 270L, 11L, &v, (long)sizeof(v));
	snprintf(line, sizeof(line), "setsockopt(%d, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4)", s);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	r = syscall(SYS_setsockopt, (long)s, 270L, 12L, &v, (long)sizeof(v));
	snprintf(line, sizeof(line), "setsockopt(%d, SOL_NETLINK, NETLINK_GET_STRICT_CHK, [1], 4)",
		 s);
	expect("%s= %s", col(line), rv(r, b, sizeof(b)));
	close(s);

	/* SO_ERROR after a refused connection: the errno by name */
	{
		struct sockaddr_in sin;

		struct pollfd pfd;

		s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sin.sin_port = htons(1);
		if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) == 0)
			return 1;
		pfd.fd = s;
		pfd.events = POLLOUT;
		poll(&pfd, 1, 5000);
		len = sizeof(v);
		r = syscall(SYS_getsockopt, (long)s, (long)SOL_SOCKET, (long)SO_ERROR, &v, &len);
		snprintf(line, sizeof(line), "getsockopt(%d, SOL_SOCKET, SO_ERROR, [%s], [4])", s,
			 v == 0            ? "0" :
			 v == ECONNREFUSED ? "ECONNREFUSED" :
					     "?");
		expect("%s= %s", col(line), rv(r, b, sizeof(b)));
		close(s);
	}

	expect_flush();
	return 0;
}
