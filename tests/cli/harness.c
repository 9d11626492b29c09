/* SPDX-License-Identifier: MIT */
/* Running scall from the CLI tests and looking at what it printed. */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf;
	size_t len = 0, cap = 4096;

	buf = malloc(cap);
	if (!buf)
		abort();
	buf[0] = '\0';
	if (!fp)
		return buf;
	for (;;) {
		size_t n;

		if (cap - len < 4096) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len - 1, fp);
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

const char *prog(const char *name)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];

	snprintf(p, 512, "%s/%s", PROGS_DIR, name);
	return p;
}

bool have_prog(const char *name)
{
	return access(prog(name), X_OK) == 0;
}

bool have_strace(void)
{
	return access("/usr/bin/strace", X_OK) == 0;
}

struct run *scall_runv(const char *const *argv, int timeout)
{
	struct run *r = calloc(1, sizeof(*r));
	char outp[128], errp[128], expp[128];
	const char *args[128];
	char progbuf[64][512];
	int n = 0, np = 0;
	pid_t pid;

	if (!r)
		abort();
	snprintf(r->dir, sizeof(r->dir), "/tmp/scall-cli-XXXXXX");
	if (!mkdtemp(r->dir))
		abort();
	snprintf(r->trace_path, sizeof(r->trace_path), "%s/trace", r->dir);
	snprintf(outp, sizeof(outp), "%s/stdout", r->dir);
	snprintf(errp, sizeof(errp), "%s/stderr", r->dir);
	snprintf(expp, sizeof(expp), "%s/expect", r->dir);

	args[n++] = SCALL_BIN;
	for (int i = 0; argv[i] && n < 126; i++) {
		if (!strcmp(argv[i], "@T")) {
			args[n++] = r->trace_path;
		} else if (!strncmp(argv[i], "@P/", 3) && np < 64) {
			snprintf(progbuf[np], sizeof(progbuf[np]), "%s/%s", PROGS_DIR, argv[i] + 3);
			args[n++] = progbuf[np++];
		} else {
			args[n++] = argv[i];
		}
	}
	args[n] = NULL;

	pid = fork();
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int out = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int exp = open(expp, O_RDWR | O_CREAT | O_TRUNC, 0644);

		if (in < 0 || out < 0 || err < 0 || exp < 0)
			_exit(120);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		dup2(exp, 3);
		for (int fd = 4; fd < 64; fd++)
			close(fd);
		if (chdir(r->dir))
			_exit(121);
		/* a stable environment for the traced programs */
		setenv("LC_ALL", "C", 1);
		setpgid(0, 0);
		alarm((unsigned)timeout);
		execv(args[0], (char *const *)args);
		_exit(127);
	}
	for (;;) {
		if (waitpid(pid, &r->status, 0) == pid)
			break;
		if (errno != EINTR)
			abort();
	}
	r->out = slurp(outp);
	r->err = slurp(errp);
	r->trace = slurp(r->trace_path);
	r->expect = slurp(expp);
	return r;
}

struct run *scall_run(const char *arg, ...)
{
	const char *argv[128];
	int n = 0;
	va_list ap;

	va_start(ap, arg);
	for (const char *a = arg; a && n < 127; a = va_arg(ap, const char *))
		argv[n++] = a;
	va_end(ap);
	argv[n] = NULL;
	return scall_runv(argv, 30);
}

void run_free(struct run *r)
{
	char cmd[128];

	if (!r)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", r->dir);
	free(r->out);
	free(r->err);
	free(r->trace);
	free(r->expect);
	free(r);
}

int run_exit(const struct run *r)
{
	return WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
}

int run_signal(const struct run *r)
{
	return WIFSIGNALED(r->status) ? WTERMSIG(r->status) : 0;
}

static char *filter_lines(const char *text, const char *re, bool keep)
{
	regex_t rx;
	size_t len = strlen(text);
	char *out = malloc(len + 1);
	size_t o = 0;

	if (!out || regcomp(&rx, re, REG_EXTENDED | REG_NOSUB))
		abort();
	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t l = nl ? (size_t)(nl - text) : strlen(text);
		char *line = strndup(text, l);

		if (!line)
			abort();
		if ((regexec(&rx, line, 0, NULL, 0) == 0) == keep) {
			memcpy(out + o, text, l);
			o += l;
			out[o++] = '\n';
		}
		free(line);
		text += l + (nl ? 1 : 0);
	}
	out[o] = '\0';
	regfree(&rx);
	return out;
}

char *grep_lines(const char *text, const char *re)
{
	return filter_lines(text, re, true);
}

char *drop_lines(const char *text, const char *re)
{
	return filter_lines(text, re, false);
}

bool all_lines_match(const char *text, const char *re)
{
	char *rest = drop_lines(text, re);
	bool ok = rest[0] == '\0';

	free(rest);
	return ok;
}

int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

int count_matching(const char *text, const char *re)
{
	char *lines = grep_lines(text, re);
	int n = count_lines(lines);

	free(lines);
	return n;
}

char *trace_from_expect(const struct run *r)
{
	const char *nl = strchr(r->expect, '\n');
	size_t first = nl ? (size_t)(nl - r->expect) + 1 : strlen(r->expect);
	char *key = strndup(r->expect, first);
	const char *at;

	if (!key)
		abort();
	if (!strncmp(r->trace, key, first))
		at = r->trace;
	else if ((at = strstr(r->trace, key)) && at[-1] == '\n')
		;
	else
		at = NULL;
	free(key);
	return at ? strdup(at) : NULL;
}

/* "PID  text" -> pid and text; -1 when the line has no pid. */
static int split_pid(const char *line, const char **text)
{
	char *end;
	long pid = strtol(line, &end, 10);

	*text = line;
	/* -Y: "PID<comm> ", the name kept with the text */
	if (end != line && *end == '<' && strstr(end, "> ")) {
		*text = end;
		return (int)pid;
	}
	if (end == line || *end != ' ')
		return -1;
	while (*end == ' ')
		end++;
	*text = end;
	return (int)pid;
}

/* Collapse the padding before "= " to one space. */
static char *unpad(const char *s)
{
	char *out = strdup(s), *o = out;

	if (!out)
		abort();
	for (const char *p = s; *p; p++) {
		if (*p == ' ') {
			const char *q = p;

			while (*q == ' ')
				q++;
			if (*q == '=' && q[1] == ' ') {
				*o++ = ' ';
				p = q - 1;
				continue;
			}
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

struct pline {
	int pid;
	char *text;
};

/* Lines of a -f trace, resumed halves joined to their start. */
static struct pline *parse_lines(const char *trace, int *count, bool join)
{
	int cap = count_lines(trace) + 2, n = 0;
	struct pline *v = calloc((size_t)cap, sizeof(*v));
	struct {
		int pid;
		char *text;
	} open_calls[256];
	int nopen = 0;

	if (!v)
		abort();
	while (*trace) {
		const char *nl = strchr(trace, '\n');
		size_t l = nl ? (size_t)(nl - trace) : strlen(trace);
		char *line = strndup(trace, l);
		const char *text = NULL;
		int pid;
		size_t tl;

		trace += l + (nl ? 1 : 0);
		pid = split_pid(line, &text);
		tl = strlen(text);
		if (join && tl > 17 && !strcmp(text + tl - 17, " <unfinished ...>") &&
		    nopen < 256) {
			open_calls[nopen].pid = pid;
			open_calls[nopen].text = strndup(text, tl - 17);
			nopen++;
			free(line);
			continue;
		}
		char *joined = NULL;

		/* -Y: the name kept before the text ("<sh> <... read resumed>") */
		const char *body = text;

		if (text[0] == '<' && strncmp(text, "<... ", 5) && strstr(text, "> "))
			body = strstr(text, "> ") + 2;
		if (join && !strncmp(body, "<... ", 5)) {
			const char *rest = strstr(body, " resumed>");

			for (int i = 0; rest && i < nopen; i++) {
				if (open_calls[i].pid != pid)
					continue;
				joined = malloc(strlen(open_calls[i].text) + strlen(rest) + 1);
				sprintf(joined, "%s%s", open_calls[i].text, rest + 9);
				free(open_calls[i].text);
				open_calls[i] = open_calls[--nopen];
				break;
			}
		}
		v[n].pid = pid;
		v[n].text = unpad(joined ? joined : text);
		free(joined);
		free(line);
		n++;
	}
	for (int i = 0; i < nopen; i++)
		free(open_calls[i].text);
	*count = n;
	return v;
}

char *compare_per_pid(const char *trace, const char *expect)
{
	int nt, ne;
	struct pline *t = parse_lines(trace, &nt, true);
	struct pline *e = parse_lines(expect, &ne, false);
	char *msg = NULL;

	for (int i = 0; i < ne && !msg; i++) {
		int pid = e[i].pid, k = 0, j;
		bool seen = false;

		for (j = 0; j < i; j++)
			seen |= e[j].pid == pid;
		if (seen)
			continue;
		/* walk this pid's expected lines against its traced lines, from the
		 * first traced line equal to the first expected one */
		for (j = 0; j < nt; j++)
			if (t[j].pid == pid && !strcmp(t[j].text, e[i].text))
				break;
		for (int x = 0; x < ne && !msg; x++) {
			if (e[x].pid != pid)
				continue;
			while (j < nt && t[j].pid != pid)
				j++;
			if (j >= nt || strcmp(t[j].text, e[x].text)) {
				if (asprintf(&msg, "pid %d, line %d: expected '%s', got '%s'", pid,
					     k, e[x].text, j < nt ? t[j].text : "(end)") < 0)
					abort();
			}
			j++;
			k++;
		}
	}
	for (int i = 0; i < nt; i++)
		free(t[i].text);
	for (int i = 0; i < ne; i++)
		free(e[i].text);
	free(t);
	free(e);
	return msg;
}
