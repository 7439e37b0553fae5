/* The effective-configuration container shared by both evaluators. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lint/eval.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "sshlint/diag.h"

struct sl_eff *
sl_eff_new(enum sl_dialect dialect, int version)
{
	struct sl_eff *e = sl_calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->dialect = dialect;
	e->version = version;
	return e;
}

void
sl_eff_reset(struct sl_eff *e)
{
	sl_arena_release(&e->arena);
	e->nitems = e->nnotes = 0;
	e->fatal = NULL;
	e->fatal_origin = SL_ORIGIN(SL_ORIGIN_DERIVED);
	e->oom = false;
}

void
sl_eff_free(struct sl_eff *e)
{
	if (e == NULL)
		return;
	sl_arena_release(&e->arena);
	sl_free(e->items);
	sl_free(e->notes);
	sl_free(e);
}

int
sl_eff_add(struct sl_eff *e, int opt, const char *key, const char *value,
    struct sl_origin origin)
{
	struct sl_eff_item *it;
	char *v;

	if (sl_grow(&e->items, &e->capitems, e->nitems,
	    sizeof(*e->items), 64) != 0 ||
	    (v = sl_arena_strndup(&e->arena, value, strlen(value))) == NULL) {
		e->oom = true;
		return SL_ENOMEM;
	}
	it = &e->items[e->nitems++];
	it->opt = opt;
	it->key = key;
	it->value = v;
	it->origin = origin;
	return 0;
}

static char *vformat(struct sl_eff *e, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static char *
vformat(struct sl_eff *e, const char *fmt, va_list ap)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char *r;

	if (sl_strbuf_vaddf(&sb, fmt, ap) != 0) {
		sl_strbuf_release(&sb);
		return NULL;
	}
	r = sl_arena_strndup(&e->arena, sb.buf ? sb.buf : "", sb.len);
	sl_strbuf_release(&sb);
	return r;
}

int
sl_eff_addf(struct sl_eff *e, int opt, const char *key,
    struct sl_origin origin, const char *fmt, ...)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	va_list ap;
	int r;

	va_start(ap, fmt);
	if (fmt[0] == '%' && fmt[1] == 's' && fmt[2] == '\0') {
		/* the common case, without a formatting pass */
		const char *v = va_arg(ap, const char *);

		va_end(ap);
		return sl_eff_add(e, opt, key, v, origin);
	}
	r = sl_strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (r == 0)
		r = sl_eff_add(e, opt, key, sb.buf ? sb.buf : "", origin);
	else
		e->oom = true;
	sl_strbuf_release(&sb);
	return r;
}

int
sl_eff_note(struct sl_eff *e, struct sl_origin origin, int severity,
    const char *fmt, ...)
{
	struct sl_eff_note *n;
	va_list ap;
	char *m;

	va_start(ap, fmt);
	m = vformat(e, fmt, ap);
	va_end(ap);
	if (m == NULL || sl_grow(&e->notes, &e->capnotes,
	    e->nnotes, sizeof(*e->notes), 8) != 0) {
		e->oom = true;
		return SL_ENOMEM;
	}
	n = &e->notes[e->nnotes++];
	n->origin = origin;
	n->severity = severity;
	n->msg = m;
	return 0;
}

int
sl_eff_fail(struct sl_eff *e, struct sl_origin origin, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (e->fatal != NULL)
		return 0;
	va_start(ap, fmt);
	m = vformat(e, fmt, ap);
	va_end(ap);
	if (m == NULL) {
		e->oom = true;
		return SL_ENOMEM;
	}
	e->fatal = m;
	e->fatal_origin = origin;
	return 0;
}

const struct sl_eff_item *
sl_eff_find(const struct sl_eff *e, int opt, size_t *n)
{
	size_t i, j;

	for (i = 0; i < e->nitems; i++) {
		if (e->items[i].opt != opt)
			continue;
		for (j = i; j < e->nitems && e->items[j].opt == opt; j++)
			;
		if (n != NULL)
			*n = j - i;
		return &e->items[i];
	}
	if (n != NULL)
		*n = 0;
	return NULL;
}

int
sl_eff_print_text(const struct sl_eff *e, FILE *out)
{
	size_t i;

	for (i = 0; i < e->nitems; i++) {
		const struct sl_eff_item *it = &e->items[i];

		/* both print "key value", also when the value is empty */
		if (fputs(it->key, out) == EOF || putc(' ', out) == EOF ||
		    fputs(it->value, out) == EOF || putc('\n', out) == EOF)
			return SL_EIO;
	}
	return 0;
}

static void
json_str(struct sl_strbuf *sb, const char *s)
{
	sl_strbuf_add_json(sb, s, strlen(s));
}

static void
json_origin(struct sl_strbuf *sb, const struct sl_ctx *ctx,
    struct sl_origin o)
{
	const struct sl_source *s;
	const struct sl_line *l;
	uint32_t line, col, eline, ecol, start;

	if (o.source_id < 0 || (size_t)o.source_id >= ctx->nsrc) {
		sl_strbuf_adds(sb, "{\"kind\":");
		json_str(sb, o.source_id == SL_ORIGIN_DEFAULT ? "default" :
		    o.source_id == SL_ORIGIN_CMDLINE ? "command-line" :
		    "derived");
		sl_strbuf_adds(sb, "}");
		return;
	}
	s = ctx->src[o.source_id];
	if (s->cst == NULL || o.line >= s->cst->nlines) {
		sl_strbuf_adds(sb, "{\"kind\":\"file\",\"path\":");
		json_str(sb, s->path);
		sl_strbuf_adds(sb, "}");
		return;
	}
	l = &s->cst->lines[o.line];
	start = l->kw_tok >= 0 ? l->tok[l->kw_tok].start : l->start;
	sl_source_pos(s, start, &line, &col);
	sl_source_pos(s, l->content_end, &eline, &ecol);
	sl_strbuf_adds(sb, "{\"kind\":\"file\",\"path\":");
	json_str(sb, s->path);
	sl_strbuf_addf(sb, ",\"line\":%u,\"col\":%u,\"end_line\":%u,"
	    "\"end_col\":%u,\"start\":%u,\"end\":%u}", line, col, eline, ecol,
	    start, l->content_end);
}

int
sl_eff_print_json(const struct sl_eff *e, const struct sl_ctx *ctx,
    const char *label, FILE *out)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char vb[16];
	size_t i;
	int r = 0;

	sl_strbuf_adds(&sb, "{\"dialect\":");
	json_str(&sb, e->dialect == SL_DIALECT_SSH ? "ssh" : "sshd");
	sl_strbuf_adds(&sb, ",\"openssh\":");
	json_str(&sb, sl_version_str(e->version, vb, sizeof(vb)));
	if (label != NULL) {
		sl_strbuf_adds(&sb, ",\"target\":");
		json_str(&sb, label);
	}
	sl_strbuf_adds(&sb, ",\"fatal\":");
	if (e->fatal != NULL) {
		sl_strbuf_adds(&sb, "{\"message\":");
		json_str(&sb, e->fatal);
		sl_strbuf_adds(&sb, ",\"origin\":");
		json_origin(&sb, ctx, e->fatal_origin);
		sl_strbuf_adds(&sb, "}");
	} else
		sl_strbuf_adds(&sb, "null");
	sl_strbuf_adds(&sb, ",\"items\":[");
	for (i = 0; i < e->nitems; i++) {
		sl_strbuf_adds(&sb, i ? ",{\"key\":" : "{\"key\":");
		json_str(&sb, e->items[i].key);
		sl_strbuf_adds(&sb, ",\"value\":");
		json_str(&sb, e->items[i].value);
		sl_strbuf_adds(&sb, ",\"origin\":");
		json_origin(&sb, ctx, e->items[i].origin);
		sl_strbuf_adds(&sb, "}");
	}
	sl_strbuf_adds(&sb, "],\"notes\":[");
	for (i = 0; i < e->nnotes; i++) {
		sl_strbuf_adds(&sb, i ? ",{\"severity\":" : "{\"severity\":");
		json_str(&sb, e->notes[i].severity == SL_SEV_ERROR ? "error" :
		    e->notes[i].severity == SL_SEV_WARNING ? "warning" :
		    "info");
		sl_strbuf_adds(&sb, ",\"message\":");
		json_str(&sb, e->notes[i].msg);
		sl_strbuf_adds(&sb, ",\"origin\":");
		json_origin(&sb, ctx, e->notes[i].origin);
		sl_strbuf_adds(&sb, "}");
	}
	sl_strbuf_adds(&sb, "]}");
	if (sb.failed)
		r = SL_ENOMEM;
	else if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
		r = SL_EIO;
	sl_strbuf_release(&sb);
	return r;
}

size_t
sl_eff_nitems(const struct sl_eff *e)
{
	return e->nitems;
}

const struct sl_eff_item *
sl_eff_item(const struct sl_eff *e, size_t i)
{
	return i < e->nitems ? &e->items[i] : NULL;
}

size_t
sl_eff_nnotes(const struct sl_eff *e)
{
	return e->nnotes;
}

const struct sl_eff_note *
sl_eff_note_at(const struct sl_eff *e, size_t i)
{
	return i < e->nnotes ? &e->notes[i] : NULL;
}

const char *
sl_eff_fatal(const struct sl_eff *e, struct sl_origin *origin)
{
	if (origin != NULL)
		*origin = e->fatal_origin;
	return e->fatal;
}

int
sl_eval_server(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, int version, const struct sl_conn_spec *spec,
    const char *const *hostkeys, size_t nhostkeys, struct sl_eff *out)
{
	struct sl_source *s;
	int r;

	if ((r = sl_load_walked(ctx, opts, path, SL_DIALECT_SSHD, &s)) != 0)
		return r;
	return sl_eval_server_src(ctx, opts, s->id, version, spec, hostkeys,
	    nhostkeys, out);
}
