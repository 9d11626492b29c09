/* SPDX-License-Identifier: MIT */
/*
 * --json: JSON Lines.  One object per finished call, signal and exit, e.g.
 *   {"type":"syscall","pid":7,"tid":7,"abi":"x86_64","name":"close","nr":3,
 *    "args":[3],"raw_args":[3],"ret":0,"errno":null,"ts":1.5e9,"dur":0.000004}
 * Every byte a tracee passes is escaped, so each line is valid JSON.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "options.h"
#include "report.h"

void json_string(struct sbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	sb_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '"':
			sb_puts(sb, "\\\"");
			break;
		case '\\':
			sb_puts(sb, "\\\\");
			break;
		case '\n':
			sb_puts(sb, "\\n");
			break;
		case '\t':
			sb_puts(sb, "\\t");
			break;
		case '\r':
			sb_puts(sb, "\\r");
			break;
		default:
			if (ch < 0x20 || ch >= 0x7f) {
				/* bytes, not characters: U+0000..U+00FF */
				char u[7] = { '\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], 0 };

				sb_puts(sb, u);
			} else {
				sb_putc(sb, (char)ch);
			}
		}
	}
	sb_putc(sb, '"');
}

/* A decoded argument: a JSON integer when it is one, else a string. */
static void json_arg(struct sbuf *sb, const char *s, size_t len)
{
	size_t i = 0;

	if (len && s[0] == '-')
		i++;
	if (i < len && len - i <= 18 && (s[i] != '0' || len - i == 1)) {
		size_t j = i;

		while (j < len && isdigit((unsigned char)s[j]))
			j++;
		if (j == len) {
			sb_putn(sb, s, len);
			return;
		}
	}
	json_string(sb, s, len);
}

static void head(struct sbuf *sb, struct thr *t, const char *type)
{
	sb_printf(sb, "{\"type\":\"%s\",\"pid\":%d,\"tid\":%d", type, (int)t->pid, (int)t->tid);
}

static void emit(struct thr *t, struct sbuf *sb)
{
	sb_puts(sb, "}");
	line_begin_with(t, "");
	out_write(t, sb->s, sb->len);
	line_end(t);
}

static void put_time(struct sbuf *sb, const char *key, const struct timespec *ts)
{
	sb_printf(sb, ",\"%s\":%lld.%06ld", key, (long long)ts->tv_sec, ts->tv_nsec / 1000);
}

void json_call(struct thr *t, bool finished)
{
	struct call *c = &t->c;
	struct sbuf sb;
	const char *text = c->sb.s ? c->sb.s : "";

	sb_init(&sb);
	head(&sb, t, "syscall");
	sb_printf(&sb, ",\"abi\":\"%s\",\"name\":", scall_abi_name(c->abi));
	json_string(&sb, c->ent->name, strlen(c->ent->name));
	sb_printf(&sb, ",\"nr\":%ld,\"args\":[", c->nr);
	for (int k = 0; k < c->narg; k++) {
		size_t start = c->argpos[k];
		size_t end = k + 1 < c->narg ? c->argpos[k + 1] - 2 : c->sb.len;

		if (end < start || end > c->sb.len)
			end = start;
		if (k)
			sb_putc(&sb, ',');
		json_arg(&sb, text + start, end - start);
	}
	sb_puts(&sb, "],\"raw_args\":[");
	int n = c->abi == SCALL_ABI_I386 && c->ent->nargs32 ? c->ent->nargs32 : c->ent->nargs;

	for (int k = 0; k < n && k < MAX_ARGS; k++) {
		uint64_t v = c->args[k];

		if (c->abi == SCALL_ABI_I386)
			v = (uint32_t)v;
		sb_printf(&sb, "%s%llu", k ? "," : "", (unsigned long long)v);
	}
	sb_puts(&sb, "]");
	if (!finished) {
		sb_puts(&sb, ",\"ret\":null,\"errno\":null,\"unfinished\":true");
	} else if (c->error) {
		const char *name = scall_errno_name(c->error);
		const char *msg = scall_strerror(c->error);

		sb_puts(&sb, ",\"ret\":-1,\"errno\":");
		if (name)
			json_string(&sb, name, strlen(name));
		else
			sb_printf(&sb, "%d", c->error);
		sb_puts(&sb, ",\"error\":");
		json_string(&sb, msg ? msg : "", msg ? strlen(msg) : 0);
	} else {
		int64_t v = c->rval;

		if (c->abi == SCALL_ABI_I386)
			v = c->rfmt == RV_HEX ? (int64_t)(uint32_t)v : (int32_t)v;
		if (c->rfmt == RV_HEX || c->rfmt == RV_UDEC)
			sb_printf(&sb, ",\"ret\":%llu,\"errno\":null", (unsigned long long)v);
		else
			sb_printf(&sb, ",\"ret\":%lld,\"errno\":null", (long long)v);
		if (c->aux[0]) {
			sb_puts(&sb, ",\"ret_info\":");
			json_string(&sb, c->aux, strlen(c->aux));
		}
	}
	if (finished)
		tamper_json(t, &sb);
	put_time(&sb, "ts", &t->t_entry_real);
	if (finished) {
		double dur = (double)(now_mono.tv_sec - t->t_entry.tv_sec) +
			     (double)(now_mono.tv_nsec - t->t_entry.tv_nsec) / 1e9;

		sb_printf(&sb, ",\"dur\":%.6f", dur);
	} else {
		sb_puts(&sb, ",\"dur\":null");
	}
	emit(t, &sb);
	sb_free(&sb);
}

void json_signal(struct thr *t, int sig, const char *kind)
{
	struct sbuf sb;
	const char *name = scall_signal_name(sig);

	sb_init(&sb);
	head(&sb, t, kind);
	sb_puts(&sb, ",\"signal\":");
	if (name)
		json_string(&sb, name, strlen(name));
	else
		sb_puts(&sb, "null");
	sb_printf(&sb, ",\"signo\":%d", sig);
	put_time(&sb, "ts", &now_real);
	emit(t, &sb);
	sb_free(&sb);
}

void json_exit(struct thr *t, int status)
{
	struct sbuf sb;

	sb_init(&sb);
	head(&sb, t, "exit");
	if (WIFEXITED(status)) {
		sb_printf(&sb, ",\"status\":\"exited\",\"code\":%d", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		const char *name = scall_signal_name(WTERMSIG(status));

		sb_puts(&sb, ",\"status\":\"killed\",\"signal\":");
		if (name)
			json_string(&sb, name, strlen(name));
		else
			sb_puts(&sb, "null");
		sb_printf(&sb, ",\"signo\":%d,\"core_dumped\":%s", WTERMSIG(status),
			  WCOREDUMP(status) ? "true" : "false");
	} else {
		sb_printf(&sb, ",\"status\":\"unknown\",\"wait_status\":%d", status);
	}
	put_time(&sb, "ts", &now_real);
	emit(t, &sb);
	sb_free(&sb);
}
