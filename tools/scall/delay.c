/* SPDX-License-Identifier: MIT */
/*
 * delay_enter= / delay_exit=: a delayed thread is held stopped, not slept
 * on.  Its deadline is kept with it; the loop waits for events no longer
 * than the nearest deadline, so other tracees run on meanwhile, and resumes
 * the thread once its time passed.
 */
#include <errno.h>
#include <time.h>

#include "options.h"
#include "trace.h"
#include "util.h"

/* ---- delayed threads: held stopped until their time passes ---- */

static int ndelayed;

static int64_t mono_ns(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000000000 + ts->tv_nsec;
}

void delay_hold(struct thr *t, uint64_t ns, enum scall_resume h, int sig)
{
	int64_t w = mono_ns(&now_mono) + (int64_t)ns;

	t->tamp.waiting = true;
	t->tamp.wake.tv_sec = w / 1000000000;
	t->tamp.wake.tv_nsec = w % 1000000000;
	t->tamp.wake_how = h;
	t->tamp.wake_sig = sig;
	ndelayed++;
}

/* Resume the threads whose delay passed; the time until the next one in
 * ms (rounded up), or -1 when none waits. */
int delay_wake_due(void)
{
	struct timespec ts;
	int64_t now, best = -1;
	int n = 0;

	if (!ndelayed)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = mono_ns(&ts);
	for (struct thr *t = thr_first(); t; t = thr_next(t)) {
		int64_t w;

		if (!t->tamp.waiting)
			continue;
		w = mono_ns(&t->tamp.wake);
		if (w <= now) {
			t->tamp.waiting = false;
			int rc = scall_resume(tracer, t->tid, t->tamp.wake_how, t->tamp.wake_sig);

			if (rc < 0 && rc != -ESRCH && opt.debug)
				msg("resume %d: %s", (int)t->tid, scall_strerror(rc));
			continue;
		}
		n++;
		if (best < 0 || w - now < best)
			best = w - now;
	}
	ndelayed = n;
	return best < 0 ? -1 : (int)((best + 999999) / 1000000);
}
