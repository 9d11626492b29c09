/* SPDX-License-Identifier: MIT */
/*
 * -k: the stack of the thread at each call, after the call's line, as
 * " > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]": module,
 * symbol and offset in it, and the offset in the module.  elfutils' libdw
 * reads the modules from /proc/PID/maps and unwinds through ptrace (the
 * thread is stopped by us); the module list of a process is kept until a
 * call changes its mappings.
 */
#include <elfutils/libdwfl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stacktrace.h"
#include "trace.h"
#include "util.h"

#define MAX_FRAMES 256

struct proc_modules {
	pid_t pid;
	Dwfl *dwfl;
	struct proc_modules *next;
};

static struct proc_modules *procs;

/* The modules' own symbols only: separate debug files are slow to load. */
static int no_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname, Dwarf_Addr base,
			const char *file_name, const char *debuglink_file, GElf_Word debuglink_crc,
			char **debuginfo_file_name)
{
	(void)mod, (void)userdata, (void)modname, (void)base, (void)file_name;
	(void)debuglink_file, (void)debuglink_crc, (void)debuginfo_file_name;
	return -1;
}

static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = no_debuginfo,
};

static struct proc_modules **find(pid_t pid)
{
	struct proc_modules **pp;

	for (pp = &procs; *pp; pp = &(*pp)->next)
		if ((*pp)->pid == pid)
			break;
	return pp;
}

void stacktrace_forget(pid_t pid)
{
	struct proc_modules **pp = find(pid), *p = *pp;

	if (!p)
		return;
	*pp = p->next;
	dwfl_end(p->dwfl);
	free(p);
}

/* The modules of pid as they are mapped now; NULL if libdw cannot tell. */
static Dwfl *modules_of(pid_t pid)
{
	struct proc_modules *p = *find(pid);
	Dwfl *d;

	if (p)
		return p->dwfl;
	d = dwfl_begin(&callbacks);
	if (!d)
		return NULL;
	if (dwfl_linux_proc_report(d, pid) != 0 || dwfl_report_end(d, NULL, NULL) != 0 ||
	    dwfl_linux_proc_attach(d, pid, true) != 0) {
		dwfl_end(d);
		return NULL;
	}
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->dwfl = d;
	p->next = procs;
	procs = p;
	return d;
}

/*
 * The name for addr, as strace gives it: the first function symbol of the
 * module's table that holds addr (of aliases, the first listed), else the
 * nearest one before it.
 */
static const char *symbol_of(Dwfl_Module *mod, Dwarf_Addr addr, GElf_Off *off)
{
	int n = dwfl_module_getsymtab(mod);
	const char *before = NULL;
	GElf_Addr before_addr = 0;

	for (int i = 1; i < n; i++) {
		GElf_Addr a;
		GElf_Sym sym;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &a, NULL, NULL, NULL);

		if (!name || !*name || GELF_ST_TYPE(sym.st_info) != STT_FUNC ||
		    sym.st_shndx == SHN_UNDEF || a > addr)
			continue;
		if (addr < a + sym.st_size) {
			*off = addr - a;
			return name;
		}
		if (a > before_addr) {
			before = name;
			before_addr = a;
		}
	}
	if (before)
		*off = addr - before_addr;
	return before;
}

struct walk {
	struct thr *t;
	Dwfl *dwfl;
	int n;
};

static int print_frame(Dwfl_Frame *frame, void *arg)
{
	struct walk *w = arg;
	Dwarf_Addr pc, lookup, start = 0;
	bool activation = false;
	const char *modname = NULL, *sym = NULL;
	GElf_Off off = 0;
	Dwfl_Module *mod;

	if (!dwfl_frame_pc(frame, &pc, &activation))
		return DWARF_CB_ABORT;
	/* a return address: look up the call before it */
	lookup = activation ? pc : pc - 1;
	mod = dwfl_addrmodule(w->dwfl, lookup);
	if (mod) {
		modname = dwfl_module_info(mod, NULL, &start, NULL, NULL, NULL, NULL, NULL);
		sym = symbol_of(mod, lookup, &off);
	}
	if (!modname) {
		out_printf(w->t, " > backtracing_error [0x%llx]", (unsigned long long)pc);
		line_end(w->t);
		return DWARF_CB_ABORT;
	}
	if (sym)
		/* "_IO_file_write@@GLIBC_2.2.5": the name without its version */
		out_printf(w->t, " > %s(%.*s+0x%llx) [0x%llx]", modname, (int)strcspn(sym, "@"),
			   sym, (unsigned long long)(off + (pc - lookup)),
			   (unsigned long long)(pc - start));
	else
		out_printf(w->t, " > %s() [0x%llx]", modname, (unsigned long long)(pc - start));
	line_end(w->t);
	return ++w->n < MAX_FRAMES ? DWARF_CB_OK : DWARF_CB_ABORT;
}

void stacktrace_print(struct thr *t)
{
	struct walk w = { t, modules_of(t->pid), 0 };

	if (!w.dwfl) {
		out_puts(t, " > (no stack: cannot read the modules)");
		line_end(t);
		return;
	}
	dwfl_getthread_frames(w.dwfl, t->tid, print_frame, &w);
}

const char *const stacktrace_remap_calls[] = {
	"mmap",  "mmap2",  "munmap",   "mremap",           "mprotect", "shmat",
	"shmdt", "execve", "execveat", "remap_file_pages", NULL,
};

void stacktrace_note_call(pid_t pid, const char *name)
{
	for (int i = 0; name && stacktrace_remap_calls[i]; i++)
		if (!strcmp(name, stacktrace_remap_calls[i])) {
			stacktrace_forget(pid);
			return;
		}
}
