/* SPDX-License-Identifier: MIT */
/*
 * Tampering: -e inject= / -e fault= rules, --deny and --redirect, parsed by
 * tparse.c and applied at stops by tamper.c (paths: redirect.c).
 */
#ifndef SCALL_CLI_TAMPER_H
#define SCALL_CLI_TAMPER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <scall.h>

#include "expr.h"

/* poke_enter= / poke_exit=: bytes written at the pointer in an argument. */
struct poke {
	int arg; /* 0..5 */
	unsigned char *data;
	size_t len;
};

/* One -e inject= or -e fault= expression. */
struct tamper_rule {
	struct nrset set;
	const char *text; /* the expression, for messages */
	bool has_error, has_retval;
	int error;
	int64_t retval;
	int signal;
	const char *syscall;              /* syscall=NAME, or NULL */
	uint64_t delay_enter, delay_exit; /* nanoseconds, 0: none */
	struct poke *poke_enter, *poke_exit;
	int npoke_enter, npoke_exit;
	unsigned args_set; /* bit i: argument i is set to argval[i] */
	uint64_t argval[6];
	unsigned first, last, step; /* when=: last 0 means no end, step 0 only first */
};

/* --deny=SET[:error=E|:kill] */
struct deny_rule {
	struct nrset set;
	bool kill;
	int error;
};

/* --redirect=OLD=NEW, both made absolute and clean at parse time. */
struct redirect {
	char *old, *new;
	size_t old_len;
};

extern struct tamper_rule *tamper_rules;
extern int ntamper_rules;
extern struct deny_rule *deny_rules;
extern int ndeny_rules;
extern struct redirect *redirects;
extern int nredirects;

/* tparse.c: parse one expression; usage errors exit with status 1. */
void tamper_parse(const char *value, bool fault);
void deny_parse(const char *value);
void redirect_parse(const char *value);
/* An absolute path (relative: to scall's directory) without ".", ".."
 * and repeated slashes; malloc'd. */
char *redirect_clean(const char *s);
/* The rule that applies to (abi, nr): the last one whose set has it. */
const struct tamper_rule *tamper_rule_for(enum scall_abi abi, long nr);
/* Whether (abi, nr) is denied, and how (action, errno). */
bool deny_of(enum scall_abi abi, long nr, bool *kill, int *error);

/* What was done to a thread's current call (in struct thr). */
struct tamper_state {
	bool active;    /* the current call was tampered with */
	bool injected;  /* its result was changed: "(INJECTED)" */
	bool poked;     /* only its arguments or memory: "(INJECTED: args)" */
	bool delayed;   /* "(DELAYED)" */
	bool emulated;  /* it did not run: the result was written at entry */
	bool need_exit; /* something is left to do at its exit */
	bool redirected;
	const struct tamper_rule *rule;
	struct scall_info tried;     /* the call the thread made */
	struct scall_info performed; /* the call the kernel ran (with its result
				      * when seen: performed_done) */
	bool performed_done;
	struct scall_info seen; /* the result the thread saw */
	char old_path[2][256], new_path[2][256];
	uint64_t path_addr[2]; /* where the new paths are in the tracee */
	/* a delayed thread: resumed when wake passes */
	bool waiting;
	struct timespec wake;
	enum scall_resume wake_how;
	int wake_sig;
};

struct thr;
struct sbuf;

/* tamper.c */
/* Whether any rule stops calls of (abi, nr) (for the filter). */
bool tamper_wants(enum scall_abi abi, long nr);
/* At an entry stop (si: the call, changed in place to what runs).  Sets *sig
 * to a signal to queue and *delay to nanoseconds to hold the thread.
 * Returns true when the exit stop is needed. */
bool tamper_entry(struct thr *t, struct scall_info *si, int *sig, uint64_t *delay);
/* At an exit stop: finish the call; si becomes what the thread sees. */
void tamper_exit(struct thr *t, struct scall_info *si, uint64_t *delay);
/* " (INJECTED)", " (INJECTED: args)", " (DELAYED)" for t's call. */
void tamper_marks(const struct thr *t, char *buf, size_t size);
/* -v: "[performed: ...]" text of t's call, "" when it was not tampered. */
void tamper_performed_text(const struct thr *t, char *buf, size_t size);
/* --json: ,"tampered":{...} */
void tamper_json(const struct thr *t, struct sbuf *sb);
/* A thread ended: forget its invocation counters. */
void tamper_forget(pid_t tid);

/* redirect.c: a thread ended (its scratch slot is free again); a process
 * ended or exec'd (its scratch memory is gone). */
void redirect_thread_gone(struct thr *t);
void redirect_process_gone(pid_t pid);
/* redirect.c: rewrite the path arguments of si at an entry stop; returns
 * true when one changed. */
bool redirect_entry(struct thr *t, struct scall_info *si);
/* Whether (abi, nr) has path arguments redirect may rewrite. */
bool redirect_wants(enum scall_abi abi, long nr);

#endif
