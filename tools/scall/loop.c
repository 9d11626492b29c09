/* SPDX-License-Identifier: MIT */
/*
 * The event loop: start the tracees, wait for events, print them, resume.
 * When only some calls are traced, a seccomp filter stops only those (and
 * execve and the clone family) and threads run with SCALL_RESUME_CONT
 * between them.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "expr.h"
#include "options.h"
#include "stacktrace.h"
#include "report.h"
#include "tamper.h"
#include "trace.h"
#include "util.h"

scall_tracer *tracer;
struct timespec now_mono, now_real;
uint64_t now_stime;
volatile int interrupted;

static bool filtered;          /* a filter selects the stops */
static pid_t spawned;          /* the program scall started, 0 with -p */
int initial_tracees;           /* processes traced from the start (-p and the command) */
static pid_t daemon_pid;       /* -D: the command */
static pid_t daemon_waiting;   /* -D: the command, until an execve of it succeeds */
static bool daemon_first_exec; /* -D -b execve: its own exec is not one to let go at */
static bool spawned_started;
static int spawned_status = -1;
static struct timespec spawn_mono, spawn_real;
static int interrupt_sig; /* the first SIGINT/TERM/HUP that arrived */
static char spawn_path[4096];
extern char **environ;

static void take_time(void)
{
	clock_gettime(CLOCK_MONOTONIC, &now_mono);
	clock_gettime(CLOCK_REALTIME, &now_real);
}

/* Whether a denied call is also traced: then every thread runs with
 * PT_SYSCALL stops, whose entry stop comes before the kernel's seccomp
 * check, so the denied call is seen at its entry and exit. */
static bool deny_traced(const enum scall_abi *abis, int n)
{
	for (int i = 0; i < n; i++) {
		long max = scall_syscall_max(abis[i]);

		for (long nr = 0; nr <= max; nr++) {
			bool kill;
			int err;

			if (nrset_has(&trace_set, abis[i], nr) && deny_of(abis[i], nr, &kill, &err))
				return true;
		}
	}
	return false;
}

static bool named_in(const char *const *names, enum scall_abi abi, long nr)
{
	const char *name = scall_syscall_name(abi, nr);

	for (; name && *names; names++)
		if (!strcmp(name, *names))
			return true;
	return false;
}

/* -Y: the calls that rename the calling thread (PR_SET_NAME) */
static const char *const naming_calls[] = { "prctl", NULL };

/* Whether (abi, nr) must stop under a partial trace. */
static bool must_stop(enum scall_abi abi, long nr)
{
	static const char *const always[] = {
		"execve", "execveat",        "clone",      "clone3", "fork",
		"vfork",  "restart_syscall", "socketcall", /* i386: may stand for a traced socket call */
		NULL,
	};

	return nrset_has(&trace_set, abi, nr) || tamper_wants(abi, nr) ||
	       named_in(always, abi, nr) ||
	       (opt.decode_pids && named_in(naming_calls, abi, nr)) ||   /* -Y: PR_SET_NAME */
	       (opt.stack && named_in(stacktrace_remap_calls, abi, nr)); /* -k: mappings */
}

/* Stop only at traced and tampered calls, plus those that change the set
 * of tracees; deny rules become seccomp actions (ERRNO, KILL). */
static void setup_filter(void)
{
	enum scall_abi abis[SCALL_ABI_COUNT];
	int n = expr_abis(abis, SCALL_ABI_COUNT);

	if (opt.detach_on_execve) {
		/* Not a filter that stops calls: without its tracer they would fail. */
	} else if (nrset_is_full(&trace_set) && (ntamper_rules || nredirects) && opt.argv &&
		   !deny_traced(abis, n)) {
		/*
		 * Every call stops at its entry (seccomp), and only those whose
		 * result is printed stop at their exit: an emulated call costs one
		 * stop, as under a partial trace.
		 */
		int rc = scall_filter_default(tracer, SCALL_ACT_TRACE, 0);

		if (rc < 0)
			die("cannot set the filter: %s", scall_strerror(rc));
		filtered = true;
	} else if (!nrset_is_full(&trace_set) && !deny_traced(abis, n)) {
		/* "!set" selects unknown numbers too: they stop, the excluded run */
		bool by_default = trace_set.all_unknown;
		int rc = by_default ? scall_filter_default(tracer, SCALL_ACT_TRACE, 0) : 0;

		if (rc < 0)
			die("cannot set the filter: %s", scall_strerror(rc));
		filtered = true;
		for (int i = 0; i < n; i++) {
			long max = scall_syscall_max(abis[i]);

			for (long nr = 0; nr <= max; nr++) {
				if (must_stop(abis[i], nr) == by_default ||
				    (by_default && !scall_syscall_name(abis[i], nr)))
					continue;
				rc = scall_filter_add(
					tracer, abis[i], nr,
					by_default ? SCALL_ACT_ALLOW : SCALL_ACT_TRACE, 0);
				if (rc < 0 && rc != -EINVAL)
					die("cannot set the filter: %s", scall_strerror(rc));
			}
		}
	}
	for (int i = 0; i < n; i++) {
		long max = scall_syscall_max(abis[i]);

		for (long nr = 0; nr <= max; nr++) {
			bool kill;
			int err, rc;

			if (!deny_of(abis[i], nr, &kill, &err))
				continue;
			rc = scall_filter_add(tracer, abis[i], nr,
					      kill ? SCALL_ACT_KILL : SCALL_ACT_ERRNO,
					      kill ? 0 : err);
			if (rc < 0 && rc != -EINVAL)
				die("cannot set the filter: %s", scall_strerror(rc));
		}
	}
}

static enum scall_resume how(const struct thr *t)
{
	if (t && t->hidden)
		return SCALL_RESUME_CONT;
	if (!filtered)
		return SCALL_RESUME_SYSCALL;
	return t && t->in_syscall ? SCALL_RESUME_SYSCALL : SCALL_RESUME_CONT;
}

static void resume(pid_t tid, enum scall_resume h, int sig)
{
	int rc = scall_resume(tracer, tid, h, sig);

	if (rc < 0 && rc != -ESRCH && opt.debug)
		msg("resume %d: %s", (int)tid, scall_strerror(rc));
}

static bool tampering(void)
{
	return ntamper_rules || nredirects;
}

/* -D: what the command does before its execve is scall's own doing */
static bool before_daemon_exec(struct thr *t, const struct scall_info *si)
{
	const char *name;

	if (!daemon_waiting || t->pid != daemon_waiting)
		return false;
	name = scall_syscall_name(si->abi, si->nr);
	if (name && !strcmp(name, "execve")) {
		/* shown; what a failed one leads to (scall's message) is not */
		if (si->phase == SCALL_EXIT && !si->error)
			daemon_waiting = 0;
		return false;
	}
	t->in_syscall = false;
	resume(t->tid, SCALL_RESUME_SYSCALL, 0);
	return true;
}

/* -Y: a call that renames the thread (prctl PR_SET_NAME): its exit must be seen */
static bool renames(const struct scall_info *si)
{
	return opt.decode_pids && si->args[0] == PR_SET_NAME &&
	       named_in(naming_calls, si->abi, si->nr);
}

static void on_syscall_entry(struct thr *t, const struct scall_info *info)
{
	struct scall_info si = *info;
	enum scall_resume h;
	bool need_exit = false;
	uint64_t delay = 0;
	int sig = 0;

	if (before_daemon_exec(t, info))
		return;

	if (tampering())
		need_exit = tamper_entry(t, &si, &sig, &delay);
	else
		t->tamp.active = t->tamp.delayed = false;
	/* The call as tried, but memory as poked: what strace prints too. */
	syscall_entry(t, tampering() ? &t->tamp.tried : &si);
	if (!filtered) {
		h = SCALL_RESUME_SYSCALL;
	} else if (t->tamp.emulated && !need_exit) {
		/* one stop: the line is printed now, with the result written */
		if (t->shown && t->in_syscall)
			syscall_exit(t, &t->tamp.seen);
		t->in_syscall = false;
		t->tamp.active = t->tamp.delayed = false;
		h = SCALL_RESUME_CONT;
	} else if (t->shown || need_exit || renames(&si)) {
		t->in_syscall = true;
		h = SCALL_RESUME_SYSCALL;
	} else {
		t->in_syscall = false;
		h = SCALL_RESUME_CONT;
	}
	syscall_end_if_noreturn(t);
	if (delay)
		delay_hold(t, delay, h, sig);
	else
		resume(t->tid, h, sig);
}

static void on_syscall_exit(struct thr *t, const struct scall_info *info)
{
	struct scall_info si = *info;
	uint64_t delay = 0;
	bool kill;
	int err;

	if (before_daemon_exec(t, info))
		return;

	/* a call the kernel kills the process for never returns: "= ?" */
	if (ndeny_rules && deny_of(info->abi, info->nr, &kill, &err) && kill) {
		syscall_abandon(t);
		resume(t->tid, how(t), 0);
		return;
	}
	if (t->tamp.active || t->tamp.delayed)
		tamper_exit(t, &si, &delay);
	syscall_exit(t, &si);
	t->tamp.active = t->tamp.delayed = false;
	/* -Y: the thread's own name changed (strace does not see /proc writes) */
	if (!si.error && renames(&si))
		thr_comm_load(t);
	if (delay)
		delay_hold(t, delay, how(t), 0);
	else
		resume(t->tid, how(t), 0);
}

/* Find PROG as execvp would, for the execve line and "Can't stat". */
static int resolve(const char *prog, char *out, size_t size)
{
	const char *path = getenv("PATH");
	int err = ENOENT;

	if (strchr(prog, '/')) {
		snprintf(out, size, "%s", prog);
		return access(prog, F_OK) ? -errno : 0;
	}
	if (!path)
		path = "/usr/local/bin:/bin:/usr/bin";
	while (*path) {
		const char *end = strchr(path, ':');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		if (len == 0)
			snprintf(out, size, "%s", prog);
		else
			snprintf(out, size, "%.*s/%s", (int)len, path, prog);
		if (!access(out, X_OK))
			return 0;
		if (errno == EACCES)
			err = EACCES;
		path += len;
		if (*path == ':')
			path++;
	}
	snprintf(out, size, "%s", prog);
	return -err;
}

/* -u USER: the ids and groups of USER, looked up before the spawn. */
static void user_ids(struct scall_spawn_opts *o, gid_t **groups)
{
	struct passwd *pw = getpwnam(opt.user);
	int n = 64;

	if (!pw)
		die("Cannot find user '%s'", opt.user);
	*groups = xcalloc((size_t)n, sizeof(**groups));
	if (getgrouplist(opt.user, pw->pw_gid, *groups, &n) < 0) {
		*groups = xrealloc(*groups, (size_t)n * sizeof(**groups));
		if (getgrouplist(opt.user, pw->pw_gid, *groups, &n) < 0)
			die("Cannot get the groups of user '%s'", opt.user);
	}
	o->set_ids = 1;
	o->uid = pw->pw_uid;
	o->gid = pw->pw_gid;
	o->groups = *groups;
	o->ngroups = (size_t)n;
}

static void start_spawn(void)
{
	char *const *envp = opt.env ? opt.env : environ;
	struct scall_spawn_opts so = { 0 };
	gid_t *groups = NULL;
	int rc = resolve(opt.argv[0], spawn_path, sizeof(spawn_path));

	if (rc == -ENOENT)
		die("Can't stat '%s': %s", opt.argv[0], strerror(ENOENT));
	if (opt.user)
		user_ids(&so, &groups);
	take_time();
	spawn_mono = now_mono;
	spawn_real = now_real;
	rc = scall_spawnx(tracer, opt.argv, envp, &so, &spawned);
	free(groups);
	if (rc < 0)
		die("exec: %s", scall_strerror(rc));
	initial_tracees++;
}

static int count_threads(pid_t pid)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	int n = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (!d)
		return 1;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			n++;
	closedir(d);
	return n ? n : 1;
}

static void start_attach(void)
{
	int ok = 0;

	for (int i = 0; i < opt.npids; i++) {
		pid_t pid = opt.pids[i];
		/* strace attaches the other threads of pid only under -f. */
		int rc = opt.follow ? scall_attach(tracer, pid) : scall_attach_thread(tracer, pid);

		if (rc == -EALREADY)
			continue;
		if (rc < 0) {
			const char *why = "";

			if (rc == -EPERM)
				why = " (another tracer, a different user, or "
				      "/proc/sys/kernel/yama/ptrace_scope forbids it)";
			msg("attach: ptrace(PTRACE_SEIZE, %d): %s%s", (int)pid, scall_strerror(rc),
			    why);
			continue;
		}
		ok++;
		if (!(opt.quiet & QUIET_ATTACH)) {
			int n = opt.follow ? count_threads(pid) : 1;

			if (n > 1)
				msg("Process %d attached with %d threads", (int)pid, n);
			else
				msg("Process %d attached", (int)pid);
		}
	}
	initial_tracees += ok;
	/* with a command to run as well, strace goes on without them */
	if (!ok && !opt.argv) {
		scall_free(tracer);
		tracer = NULL;
		exit(1);
	}
}

/* The spawned program's execve, printed from the tracer's side. */
static void print_spawn_exec(struct thr *t)
{
	struct scall_info si = { 0 };
	struct timespec m = now_mono, r = now_real;

	si.phase = SCALL_ENTRY;
	si.abi = scall_native_abi();
	si.nr = scall_syscall_lookup(si.abi, "execve");
	/* -e raw=: the arguments as they were in the tracer's own execve */
	si.args[0] = (uintptr_t)spawn_path;
	si.args[1] = (uintptr_t)opt.argv;
	si.args[2] = (uintptr_t)(opt.env ? opt.env : environ);
	if (si.nr < 0)
		return;
	synth_exec.active = true;
	synth_exec.path = spawn_path;
	synth_exec.argv = opt.argv;
	synth_exec.envp = opt.env ? opt.env : environ;
	now_mono = spawn_mono;
	now_real = spawn_real;
	syscall_entry(t, &si);
	now_mono = m;
	now_real = r;
	si.phase = SCALL_EXIT;
	syscall_exit(t, &si);
	synth_exec.active = false;
}

/* Let pid go; as strace, one message per thread, then its open line ends. */
static void detach_process(pid_t pid)
{
	int rc = scall_detach(tracer, pid);
	struct thr *t, *next;

	for (t = thr_first(); t; t = next) {
		next = thr_next(t);
		if (t->pid != pid)
			continue;
		if (rc == 0 && !t->hidden && !(opt.quiet & QUIET_ATTACH))
			msg("Process %d detached", (int)t->tid);
		if (line_open(t)) {
			out_puts(t, " <detached ...>");
			line_end(t);
		}
		if (rc == 0)
			thr_del(t);
	}
}

/* SIGINT, SIGTERM, SIGHUP: detach attached processes, end spawned ones. */
static void handle_interrupt(int sig)
{
	static bool done;
	struct thr *t;

	if (!interrupt_sig)
		interrupt_sig = sig;
	if (done) {
		/* A second signal: stop waiting for the tracees. */
		out_flush_all();
		scall_free(tracer);
		tracer = NULL;
		return;
	}
	done = true;
	if (opt.npids) {
		pid_t seen[64];
		int nseen = 0;

		for (t = thr_first(); t; t = thr_next(t)) {
			bool dup = false;

			/* what scall started ends with it, as without -p */
			if (spawned && t->pid == spawned) {
				if (t->tid == spawned)
					kill(spawned, sig);
				continue;
			}
			for (int i = 0; i < nseen; i++)
				dup |= seen[i] == t->pid;
			if (!dup && nseen < 64)
				seen[nseen++] = t->pid;
		}
		for (int i = 0; i < nseen; i++)
			detach_process(seen[i]);
	} else {
		for (t = thr_first(); t; t = thr_next(t))
			if (t->tid == t->pid)
				kill(t->pid, sig);
	}
}

/* The ABI of the program pid runs, from its ELF header (32-bit: i386 or x32). */
static enum scall_abi abi_of_program(pid_t pid)
{
	Elf32_Ehdr h; /* the fields read are where they are in both classes */
	char path[64];
	ssize_t n = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, &h, sizeof(h));
		close(fd);
	}
	if (n == (ssize_t)sizeof(h) && h.e_ident[EI_CLASS] == ELFCLASS32 &&
	    scall_native_abi() == SCALL_ABI_X86_64)
		return h.e_machine == EM_X86_64 ? SCALL_ABI_X32 : SCALL_ABI_I386;
	return scall_native_abi();
}

/* The call an attached thread was in: restart_syscall may resume it. */
static void note_interrupted_call(struct thr *t)
{
	char path[64], buf[64];
	long nr;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)t->tid);
	f = fopen(path, "re");
	if (!f)
		return;
	/* "NR ARGS... SP PC" while stopped in a call's signal handling. */
	if (fgets(buf, sizeof(buf), f) && sscanf(buf, "%ld", &nr) == 1 && nr >= 0)
		t->restart_name = scall_syscall_name(abi_of_program(t->pid), nr);
	fclose(f);
}

static void on_start(struct scall_event *ev)
{
	struct thr *t = thr_add(ev->tid, ev->pid);

	/* Without -f, strace sees only the threads it started or attached. */
	if (ev->parent && !opt.follow) {
		t->hidden = true;
		nthreads--;
		resume(ev->tid, SCALL_RESUME_CONT, 0);
		return;
	}
	if (!ev->parent && ev->tid != spawned)
		note_interrupted_call(t);
	if (ev->tid == spawned && !spawned_started) {
		spawned_started = true;
		t->abi = scall_native_abi();
		/* -Y: as strace, its execve shows the name it had before (ours) */
		if (opt.decode_pids)
			comm_read(getpid(), t->comm);
		print_spawn_exec(t);
		thr_comm_load(t);
	}
	resume(ev->tid, how(t), 0);
}

static void on_exec(struct scall_event *ev)
{
	struct thr *t = thr_find(ev->tid);

	/* -b execve: let it go once the exec succeeded, its line still open
	 * (not at the -D command's own first exec) */
	if (opt.detach_on_execve && !(daemon_first_exec && ev->pid == daemon_pid)) {
		redirect_process_gone(ev->pid);
		stacktrace_forget(ev->pid);
		detach_process(ev->pid);
		return;
	}
	if (ev->pid == daemon_pid)
		daemon_first_exec = false;
	redirect_process_gone(ev->pid);
	stacktrace_forget(ev->pid);
	if (ev->former_tid && ev->former_tid != ev->tid) {
		struct thr *old = thr_find(ev->former_tid);

		/* The leader is replaced by the thread that called execve. */
		if (t) {
			if (!(opt.quiet & QUIET_SUPERSEDED) && !opt.json &&
			    opt.summary != SUMMARY_ONLY) {
				line_begin(t, false);
				out_printf(t, "+++ superseded by execve in pid %d +++",
					   (int)ev->former_tid);
				line_end(t);
			}
			t->in_syscall = false;
			thr_del(t);
		}
		if (old) {
			struct thr *n = thr_add(ev->tid, ev->pid);

			n->in_syscall = old->in_syscall;
			n->shown = old->shown;
			n->abi = old->abi;
			n->last_nr = old->last_nr;
			n->t_entry = old->t_entry;
			n->t_entry_real = old->t_entry_real;
			n->stime_entry = old->stime_entry;
			n->cut = true;
			n->c = old->c;
			n->c.tid = ev->tid;
			memcpy(n->lead, old->lead, sizeof(n->lead));
			old->c.sb = (struct sbuf){ 0 };
			old->in_syscall = false;
			thr_del(old);
			t = n;
		}
	}
	if (!t)
		t = thr_add(ev->tid, ev->pid);
	thr_comm_load(t);
	resume(ev->tid, how(t), 0);
}

static void on_event(struct scall_event *ev)
{
	struct thr *t = thr_find(ev->tid);

	if (t && t->hidden) {
		if (ev->type == SCALL_EV_EXIT) {
			nthreads++;
			thr_del(t);
		} else {
			resume(ev->tid, SCALL_RESUME_CONT,
			       ev->type == SCALL_EV_SIGNAL ? ev->sig : 0);
		}
		return;
	}

	switch (ev->type) {
	case SCALL_EV_START:
		on_start(ev);
		return;
	case SCALL_EV_SYSCALL:
		if (!t)
			t = thr_add(ev->tid, ev->pid);
		if (ev->info.phase == SCALL_ENTRY)
			on_syscall_entry(t, &ev->info);
		else
			on_syscall_exit(t, &ev->info);
		return;
	case SCALL_EV_SIGNAL:
		if (!t)
			t = thr_add(ev->tid, ev->pid);
		print_signal(t, ev->sig);
		resume(ev->tid, how(t), ev->sig);
		return;
	case SCALL_EV_GROUP_STOP:
		if (!t)
			t = thr_add(ev->tid, ev->pid);
		print_group_stop(t, ev->sig);
		resume(ev->tid, how(t), 0);
		return;
	case SCALL_EV_EXEC:
		on_exec(ev);
		return;
	case SCALL_EV_CLONE:
		/* Said while the parent's clone line is still open, as strace does. */
		if (opt.follow && !(opt.quiet & QUIET_ATTACH) && !opt.json)
			msg("Process %d attached", (int)ev->child);
		resume(ev->tid, how(t), 0);
		return;
	case SCALL_EV_EXIT:
		if (ev->tid == spawned)
			spawned_status = ev->status;
		if (t) {
			/* -n: the call that ended it, when the filter hid it */
			if (filtered && WIFEXITED(ev->status))
				t->last_nr = scall_syscall_lookup(
					t->abi ? t->abi : scall_native_abi(),
					t->tid == t->pid ? "exit_group" : "exit");
			print_exit(t, ev->status);
			tamper_forget(t->tid);
			if (t->tid == t->pid) {
				stacktrace_forget(t->pid);
				redirect_process_gone(t->pid);
			}
			thr_del(t);
		}
		return;
	}
}

int trace_run(void)
{
	unsigned flags = SCALL_KILL_ON_EXIT;
	struct scall_event ev;
	int rc;

	if (opt.follow)
		flags |= SCALL_FOLLOW_FORKS;
	rc = scall_new(&tracer, flags);
	if (rc < 0)
		die("cannot make a tracer: %s", scall_strerror(rc));
	setup_filter();
	if (opt.daemonize) {
		struct scall_spawn_opts ids = { 0 };
		gid_t *groups = NULL;
		int release;

		/* -D: the command is ours to attach to, and shown from its execve on */
		if (resolve(opt.argv[0], spawn_path, sizeof(spawn_path)) == -ENOENT)
			die("Can't stat '%s': %s", opt.argv[0], strerror(ENOENT));
		if (opt.user)
			user_ids(&ids, &groups);
		daemon_pid = daemonize(opt.daemonize, spawn_path, opt.user ? &ids : NULL, &release);
		free(groups);
		daemon_waiting = daemon_pid;
		daemon_first_exec = true;
		opt.pids = &daemon_pid;
		opt.npids = 1;
		start_attach();
		daemon_release(release);
	} else {
		/* as strace: attach first, then start the command */
		if (opt.npids)
			start_attach();
		if (opt.argv)
			start_spawn();
	}

	for (;;) {
		if (interrupted) {
			int sig = interrupted;

			interrupted = 0;
			handle_interrupt(sig);
			if (!tracer)
				break;
		}
		/* On a terminal, show what is pending before blocking; a file is
		 * written when its buffer fills (and at the end). */
		int tmo = delay_wake_due();

		if (opt.outfile) {
			rc = scall_wait(tracer, &ev, tmo);
		} else {
			rc = scall_wait(tracer, &ev, 0);
			if (rc == -ETIMEDOUT) {
				out_flush_all();
				rc = scall_wait(tracer, &ev, tmo);
			}
		}
		if (rc == -EINTR || rc == -ETIMEDOUT)
			continue;
		if (rc == -ECHILD)
			break;
		if (rc < 0)
			die("wait: %s", scall_strerror(rc));
		take_time();
		now_stime = ev.stime_ns;
		on_event(&ev);
	}

	/* Calls still open when tracing ended (detached, killed) */
	for (struct thr *t = thr_first(); t;) {
		struct thr *next = thr_next(t);

		if (line_open(t)) {
			out_puts(t, " <unfinished ...>");
			line_end(t);
		}
		thr_del(t);
		t = next;
	}
	if (opt.stats) {
		struct scall_stats st;

		if (scall_get_stats(tracer, &st) == 0)
			fprintf(stderr, "scall: %llu stops, %llu events, %llu injected calls\n",
				(unsigned long long)st.stops, (unsigned long long)st.reported,
				(unsigned long long)st.injected);
	}
	scall_free(tracer);
	tracer = NULL;
	if (opt.summary != SUMMARY_NONE)
		stats_print(out_main());
	out_close_all();

	/* -b execve let the command go: it is still our child, wait for it */
	if (spawned_status == -1 && opt.detach_on_execve && spawned > 0)
		while (waitpid(spawned, NULL, __WALL) < 0 && errno == EINTR)
			;
	if (spawned_status == -1)
		return interrupt_sig ? -interrupt_sig : 0;
	if (WIFSIGNALED(spawned_status))
		return -WTERMSIG(spawned_status);
	return WEXITSTATUS(spawned_status);
}
