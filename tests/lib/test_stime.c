/* SPDX-License-Identifier: MIT */
/* Events carry the kernel CPU time that wait4 reported with them. */
#include <criterion/criterion.h>

#include "helpers.h"

Test(stime, grows_with_work)
{
	char *argv[] = { "dd",   "if=/dev/zero", "of=/dev/null",
			 "bs=1", "count=300000", "status=none",
			 NULL };
	scall_tracer *t = h_new(0);
	struct scall_event ev;
	uint64_t first = 0;
	pid_t pid;

	cr_assert_eq(scall_spawn(t, argv, NULL, &pid), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_START);
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_SYSCALL, 0), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_SYSCALL);
	first = ev.stime_ns;
	cr_assert_eq(scall_resume(t, pid, SCALL_RESUME_CONT, 0), 0);
	h_wait(t, &ev);
	cr_assert_eq(ev.type, SCALL_EV_EXIT, "%s", h_ev_str(&ev));
	/* 600000 system calls take well over a millisecond in the kernel. */
	cr_assert_gt(ev.stime_ns, first + 1000000, "stime %llu after %llu",
		     (unsigned long long)ev.stime_ns, (unsigned long long)first);
	scall_free(t);
}
