/*
 * sshlint explain: find OpenSSH messages (lint/messages.def) in a text and
 * say what they mean, why they happen and what fixes them.
 *
 * A pattern is literal text with {name} placeholders. It matches anywhere
 * in a line: its literal pieces are searched left to right, each at its
 * first occurrence after the previous one (for a pattern that is not
 * anchored this finds a match whenever one exists, in linear time), and the
 * placeholders take the text between them. Runs of blanks in the input
 * count as one space.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"
#include "sshlint/negotiate.h"
#include "sshlint/sshlint.h"

#define MAX_LINE	8192	/* longer lines are cut */
#define MAX_VARS	8

#define CAUSE(c, chk, fx) { (c), (chk), (fx) }
#define MSG(id, pat, origin, meaning, ...) \
	static const struct sl_explain_cause causes_##id[] = { __VA_ARGS__ };
#include "lint/messages.def"
#undef MSG

#define MSG(id, pat, origin, meaning, ...) \
	{ #id, (pat), (origin), (meaning), causes_##id, \
	    sizeof(causes_##id) / sizeof(causes_##id[0]) },
static const struct sl_explain_entry table[] = {
#include "lint/messages.def"
};
#undef MSG
#undef CAUSE

#define NTABLE (sizeof(table) / sizeof(table[0]))

size_t
sl_explain_count(void)
{
	return NTABLE;
}

const struct sl_explain_entry *
sl_explain_at(size_t i)
{
	return i < NTABLE ? &table[i] : NULL;
}

/* ---- matching ---- */

struct capture {
	const char *name;
	size_t nname;
	size_t start, end;	/* in the normalised line */
};

/*
 * Match one alternative (pat[0..plen)) against `line`. Returns true and
 * the matched span and captures.
 */
static bool
match_alt(const char *pat, size_t plen, const char *line, size_t llen,
    size_t *mstart, size_t *mend, struct capture *caps, size_t *ncaps)
{
	size_t p = 0, pos = 0, nc = 0;
	bool first = true, open = false;
	const char *hit;

	*mstart = 0;
	while (p < plen) {
		if (pat[p] == '{') {
			const char *close = memchr(pat + p, '}', plen - p);

			if (close == NULL)
				return false;
			if (nc < MAX_VARS) {
				caps[nc].name = pat + p + 1;
				caps[nc].nname = (size_t)(close - pat) - p - 1;
				caps[nc].start = first ? 0 : pos;
				nc++;
				open = true;
			}
			if (first)
				*mstart = 0;
			first = false;
			p = (size_t)(close - pat) + 1;
			continue;
		}
		/* a literal piece: up to the next placeholder */
		{
			const char *next = memchr(pat + p, '{', plen - p);
			size_t n = next ? (size_t)(next - pat) - p : plen - p;

			hit = NULL;
			if (n <= llen - pos)
				hit = memmem(line + pos, llen - pos, pat + p, n);
			if (hit == NULL)
				return false;
			if (first)
				*mstart = (size_t)(hit - line);
			if (open) {
				caps[nc - 1].end = (size_t)(hit - line);
				open = false;
			}
			first = false;
			pos = (size_t)(hit - line) + n;
			p += n;
		}
	}
	if (open) {
		/* a placeholder at the end takes the rest (sshd's suffix and
		 * a final full stop aside) */
		size_t end = llen;
		static const char sfx[] = " [preauth]";

		if (end - caps[nc - 1].start >= sizeof(sfx) - 1 &&
		    memcmp(line + end - (sizeof(sfx) - 1), sfx,
		    sizeof(sfx) - 1) == 0)
			end -= sizeof(sfx) - 1;
		caps[nc - 1].end = end;
		pos = end;
	}
	*mend = pos;
	*ncaps = nc;
	return true;
}

/* Copy a line with runs of blanks made one space, CR dropped. */
static size_t
normalise(const char *s, size_t n, char *out, size_t outlen)
{
	size_t i, o = 0;
	bool sp = false;

	for (i = 0; i < n && o + 1 < outlen; i++) {
		char c = s[i];

		if (c == '\r')
			continue;
		if (c == ' ' || c == '\t') {
			if (!sp && o > 0)
				out[o++] = ' ';
			sp = true;
			continue;
		}
		sp = false;
		out[o++] = c;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return o;
}

void
sl_explain_free(struct sl_explain_match *m, size_t n)
{
	size_t i, j;

	if (m == NULL)
		return;
	for (i = 0; i < n; i++) {
		sl_free(m[i].matched);
		for (j = 0; j < m[i].nvars; j++) {
			sl_free(m[i].names[j]);
			sl_free(m[i].values[j]);
		}
		sl_free(m[i].names);
		sl_free(m[i].values);
	}
	sl_free(m);
}

static int
record(struct sl_explain_match **out, size_t *n, size_t *cap,
    const struct sl_explain_entry *e, size_t lineno, const char *line,
    size_t ms, size_t me, const struct capture *caps, size_t ncaps)
{
	struct sl_explain_match *m;
	size_t j;

	if (sl_grow(out, cap, *n, sizeof(**out), 4) != 0)
		return SL_ENOMEM;
	m = &(*out)[*n];
	memset(m, 0, sizeof(*m));
	(*n)++;
	m->entry = e;
	m->line = lineno;
	if ((m->matched = sl_strndup(line + ms, me - ms)) == NULL)
		return SL_ENOMEM;
	if (ncaps == 0)
		return 0;
	if ((m->names = sl_calloc(ncaps, sizeof(char *))) == NULL ||
	    (m->values = sl_calloc(ncaps, sizeof(char *))) == NULL)
		return SL_ENOMEM;
	for (j = 0; j < ncaps; j++) {
		if ((m->names[j] = sl_strndup(caps[j].name, caps[j].nname)) ==
		    NULL || (m->values[j] = sl_strndup(line + caps[j].start,
		    caps[j].end - caps[j].start)) == NULL) {
			m->nvars = j + 1;
			return SL_ENOMEM;
		}
		m->nvars = j + 1;
	}
	return 0;
}

long
sl_explain(const char *text, struct sl_explain_match **out)
{
	struct sl_explain_match *v = NULL;
	size_t n = 0, cap = 0, lineno = 0, i, llen;
	bool seen[NTABLE];
	const char *p = text, *nl;
	char *line;

	*out = NULL;
	if ((line = sl_malloc(MAX_LINE)) == NULL)
		return SL_ENOMEM;
	memset(seen, 0, sizeof(seen));
	while (p != NULL && *p) {
		nl = strchr(p, '\n');
		lineno++;
		llen = normalise(p, nl ? (size_t)(nl - p) : strlen(p), line,
		    MAX_LINE);
		for (i = 0; i < NTABLE && llen > 0; i++) {
			const char *a = table[i].pattern, *e;
			struct capture caps[MAX_VARS];
			size_t ncaps, ms, me;
			bool hit = false;

			while (*a && !hit) {
				e = strchr(a, '\n');
				if (e == NULL)
					e = a + strlen(a);
				hit = match_alt(a, (size_t)(e - a), line, llen,
				    &ms, &me, caps, &ncaps);
				a = *e ? e + 1 : e;
			}
			if (!hit)
				continue;
			/* the line is explained by its first row */
			if (!seen[i]) {
				seen[i] = true;
				if (record(&v, &n, &cap, &table[i], lineno,
				    line, ms, me, caps, ncaps) != 0) {
					sl_free(line);
					sl_explain_free(v, n);
					return SL_ENOMEM;
				}
			}
			break;
		}
		p = nl ? nl + 1 : NULL;
	}
	sl_free(line);
	*out = v;
	return (long)n;
}

/* ---- output ---- */

static void
first_pattern(FILE *f, const char *pat)
{
	const char *e = strchr(pat, '\n');

	fprintf(f, "%.*s", e ? (int)(e - pat) : (int)strlen(pat), pat);
}

int
sl_explain_print_text(const struct sl_explain_match *m, size_t n, FILE *out)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct sl_explain_entry *e = m[i].entry;

		if (i > 0)
			fputc('\n', out);
		first_pattern(out, e->pattern);
		fprintf(out, "\n  matched (line %zu): %s\n", m[i].line,
		    m[i].matched);
		for (j = 0; j < m[i].nvars; j++)
			fprintf(out, "    %s = %s\n", m[i].names[j],
			    m[i].values[j]);
		fprintf(out, "  printed by: %s\n  means: %s\n", e->origin,
		    e->meaning);
		fprintf(out, "  causes, most likely first:\n");
		for (j = 0; j < e->ncauses; j++)
			fprintf(out, "    %zu. %s\n       check: %s\n"
			    "       fix:   %s\n", j + 1, e->causes[j].cause,
			    e->causes[j].check, e->causes[j].fix);
	}
	return ferror(out) ? SL_EIO : 0;
}

static void
js(struct sl_strbuf *sb, const char *s)
{
	sl_strbuf_add_json(sb, s, strlen(s));
}

int
sl_explain_print_json(const struct sl_explain_match *m, size_t n, FILE *out)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	size_t i, j;
	int rc = 0;

	sl_strbuf_addc(&sb, '[');
	for (i = 0; i < n; i++) {
		const struct sl_explain_entry *e = m[i].entry;
		const char *nl = strchr(e->pattern, '\n');

		sl_strbuf_adds(&sb, i ? ",{\"id\":" : "{\"id\":");
		js(&sb, e->id);
		sl_strbuf_adds(&sb, ",\"message\":");
		sl_strbuf_add_json(&sb, e->pattern, nl ?
		    (size_t)(nl - e->pattern) : strlen(e->pattern));
		sl_strbuf_addf(&sb, ",\"line\":%zu,\"matched\":", m[i].line);
		js(&sb, m[i].matched);
		sl_strbuf_adds(&sb, ",\"variables\":{");
		for (j = 0; j < m[i].nvars; j++) {
			if (j)
				sl_strbuf_addc(&sb, ',');
			js(&sb, m[i].names[j]);
			sl_strbuf_addc(&sb, ':');
			js(&sb, m[i].values[j]);
		}
		sl_strbuf_adds(&sb, "},\"origin\":");
		js(&sb, e->origin);
		sl_strbuf_adds(&sb, ",\"meaning\":");
		js(&sb, e->meaning);
		sl_strbuf_adds(&sb, ",\"causes\":[");
		for (j = 0; j < e->ncauses; j++) {
			sl_strbuf_adds(&sb, j ? ",{\"cause\":" : "{\"cause\":");
			js(&sb, e->causes[j].cause);
			sl_strbuf_adds(&sb, ",\"check\":");
			js(&sb, e->causes[j].check);
			sl_strbuf_adds(&sb, ",\"fix\":");
			js(&sb, e->causes[j].fix);
			sl_strbuf_addc(&sb, '}');
		}
		sl_strbuf_adds(&sb, "]}");
	}
	sl_strbuf_adds(&sb, "]\n");
	if (sb.failed)
		rc = SL_ENOMEM;
	else if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
		rc = SL_EIO;
	sl_strbuf_release(&sb);
	return rc;
}
