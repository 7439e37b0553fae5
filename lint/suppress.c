/*
 * Inline suppressions, applied as a final pass over the findings of a
 * context: whatever rules produced them, a finding covered by a
 * '# sshlint: disable=...' comment is dropped, and a suppression that
 * drops nothing is reported (SSH107).
 */
#include "lint/suppress.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "lint/cst.h"
#include "lint/diag.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "sshlint/sshlint.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

enum sl_sup_kind
sl_sup_parse(const char *t, size_t len, struct sl_sup_comment *out)
{
	const struct sl_rule_info *ri;
	size_t i = 0, ws, we, s;
	char id[64];

	memset(out, 0, sizeof(*out));
	out->kind = SL_SUP_NONE;
	while (i < len && t[i] == '#')
		i++;
	while (i < len && is_blank(t[i]))
		i++;
	if (len - i < 8 || strncasecmp(t + i, "sshlint", 7) != 0)
		return SL_SUP_NONE;
	i += 7;
	while (i < len && is_blank(t[i]))
		i++;
	if (i >= len || t[i] != ':')
		return SL_SUP_NONE;
	i++;
	while (i < len && is_blank(t[i]))
		i++;
	ws = i;
	while (i < len && (t[i] == '-' || (t[i] >= 'a' && t[i] <= 'z') ||
	    (t[i] >= 'A' && t[i] <= 'Z')))
		i++;
	we = i;
	out->word_off = (uint32_t)ws;
	out->word_len = (uint32_t)(we - ws);
	out->kind = SL_SUP_BAD;
	if (we - ws == 7 && strncasecmp(t + ws, "disable", 7) == 0)
		out->kind = SL_SUP_NEXT;
	else if (we - ws == 12 && strncasecmp(t + ws, "disable-file", 12) == 0)
		out->kind = SL_SUP_FILE;
	else {
		/* show the whole unknown word, up to a blank or '=' */
		while (i < len && !is_blank(t[i]) && t[i] != '=')
			i++;
		out->word_len = (uint32_t)(i - ws);
		return SL_SUP_BAD;
	}
	while (i < len && is_blank(t[i]))
		i++;
	if (i >= len || t[i] != '=') {
		out->kind = SL_SUP_BAD;
		return SL_SUP_BAD;
	}
	i++;
	for (;;) {
		while (i < len && is_blank(t[i]))
			i++;
		s = i;
		while (i < len && !is_blank(t[i]) && t[i] != ',')
			i++;
		if (i > s && out->nids < SL_SUP_MAX_IDS) {
			struct sl_sup_id *x = &out->ids[out->nids++];

			x->off = (uint32_t)s;
			x->len = (uint32_t)(i - s);
			x->rule = SL_SUP_UNKNOWN;
			if (i - s == 3 && strncasecmp(t + s, "all", 3) == 0)
				x->rule = SL_SUP_ALL;
			else if (i - s < sizeof(id)) {
				memcpy(id, t + s, i - s);
				id[i - s] = '\0';
				if ((ri = sl_rule_find(id)) != NULL)
					x->rule = (int)(ri - sl_rule_at(0));
			}
		}
		while (i < len && is_blank(t[i]))
			i++;
		if (i < len && t[i] == ',') {
			i++;
			continue;
		}
		break;	/* anything else is a free-form reason */
	}
	if (out->nids == 0)
		out->kind = SL_SUP_BAD;
	return out->kind;
}

enum scope { SC_LINE, SC_BLOCK, SC_FILE };

struct sup {
	uint32_t source_id;
	uint32_t start, end;	/* covered bytes [start, end) (not SC_FILE) */
	int rule;		/* registry index or SL_SUP_ALL */
	uint32_t id_start, id_end;	/* where the id is written */
	enum scope scope;
	bool used;
	bool silent;		/* unused, but SSH107 is disabled here */
};

struct sups {
	struct sup *v;
	size_t n, cap;
};

static bool
directive_line(const struct sl_line *ln)
{
	return ln->kind == SL_LINE_DIRECTIVE || ln->kind == SL_LINE_INCLUDE ||
	    ln->kind == SL_LINE_ERROR;
}

/* The bytes a 'disable=' comment on own line `i` covers. */
static enum scope
line_scope(const struct sl_file *f, uint32_t i, uint32_t *start,
    uint32_t *end)
{
	const struct sl_block *b = &f->blocks[f->lines[i].block];
	uint32_t j;

	if (b->header >= 0 && (uint32_t)b->header < i) {
		for (j = (uint32_t)b->header + 1; j < i; j++)
			if (directive_line(&f->lines[j]))
				break;
		if (j == i) {
			*start = f->lines[b->header].start;
			*end = f->lines[b->last - 1].end;
			return SC_BLOCK;
		}
	}
	for (j = i + 1; j < f->nlines; j++) {
		if (directive_line(&f->lines[j])) {
			*start = f->lines[j].start;
			*end = f->lines[j].end;
			return SC_LINE;
		}
	}
	/* nothing follows: covers nothing, so it is reported unused */
	*start = *end = f->lines[i].end;
	return SC_LINE;
}

static const char *
rule_label(int rule, char *buf, size_t len)
{
	const struct sl_rule_info *ri = sl_rule_at((size_t)rule);

	snprintf(buf, len, "%s (%s)", ri->id, ri->name);
	return buf;
}

static void
bad_comment(struct sl_ctx *ctx, const struct sl_source *s,
    const struct sl_token *tk, const struct sl_sup_comment *c)
{
	const char *w = s->data + tk->start + c->word_off;
	uint32_t a = tk->start + c->word_off;
	bool known = (c->word_len == 7 && strncasecmp(w, "disable", 7) == 0) ||
	    (c->word_len == 12 && strncasecmp(w, "disable-file", 12) == 0);

	if (known)
		sl_diag_add(&ctx->diags, SL_RULE_UNUSED_SUPPRESSION, s->id, a,
		    a + c->word_len, "no rule after '%.*s=' in an sshlint "
		    "suppression comment (expected e.g. '%.*s=SSH301')",
		    (int)c->word_len, w, (int)c->word_len, w);
	else
		sl_diag_add(&ctx->diags, SL_RULE_UNUSED_SUPPRESSION, s->id, a,
		    a + (c->word_len ? c->word_len : 1), "unknown sshlint "
		    "directive '%.*s' (expected 'disable=RULE[,RULE]' or "
		    "'disable-file=RULE[,RULE]')", (int)c->word_len, w);
}

/* Collect the suppressions of one file; report malformed ones. */
static int
collect(struct sl_ctx *ctx, const struct sl_source *s, struct sups *ss)
{
	const struct sl_file *f = s->cst;
	const struct sl_line *ln;
	const struct sl_token *tk;
	struct sl_sup_comment c;
	struct sup *x;
	uint32_t i, k, start, end;
	size_t j;
	enum scope sc;

	for (i = 0; i < f->nlines; i++) {
		ln = &f->lines[i];
		if (ln->kind == SL_LINE_BLANK)
			continue;
		for (k = 0; k < ln->ntok; k++) {
			tk = &ln->tok[k];
			if (tk->kind != SL_TOK_COMMENT)
				continue;
			if (sl_sup_parse(s->data + tk->start,
			    tk->end - tk->start, &c) == SL_SUP_NONE)
				continue;
			if (c.kind == SL_SUP_BAD) {
				bad_comment(ctx, s, tk, &c);
				continue;
			}
			if (c.kind == SL_SUP_FILE) {
				sc = SC_FILE;
				start = 0;
				end = (uint32_t)s->len;
			} else if (ln->kind == SL_LINE_COMMENT)
				sc = line_scope(f, i, &start, &end);
			else {
				/* trailing comment: its own line */
				sc = SC_LINE;
				start = ln->start;
				end = ln->end;
			}
			for (j = 0; j < c.nids; j++) {
				uint32_t a = tk->start + c.ids[j].off;
				uint32_t e = a + c.ids[j].len;

				if (c.ids[j].rule == SL_SUP_UNKNOWN) {
					sl_diag_add(&ctx->diags,
					    SL_RULE_UNUSED_SUPPRESSION, s->id,
					    a, e, "unknown rule '%.*s' in an "
					    "sshlint suppression comment (see "
					    "'sshlint rules')",
					    (int)c.ids[j].len,
					    s->data + a);
					continue;
				}
				if (sl_grow(&ss->v, &ss->cap, ss->n,
				    sizeof(*ss->v), 16) != 0)
					return SL_ENOMEM;
				x = &ss->v[ss->n++];
				x->source_id = s->id;
				x->start = start;
				x->end = end;
				x->rule = c.ids[j].rule;
				x->id_start = a;
				x->id_end = e;
				x->scope = sc;
				x->used = false;
				x->silent = false;
			}
		}
	}
	return 0;
}

static bool
covers(const struct sup *x, const struct sl_diag *d)
{
	if (x->source_id != d->source_id)
		return false;
	if (x->rule != SL_SUP_ALL && x->rule != d->rule)
		return false;
	return x->scope == SC_FILE ||
	    (d->start >= x->start && d->start < x->end);
}

/* Suppressions are collected per source in id order: find the first of
 * `source_id`. */
static size_t
first_of(const struct sups *ss, uint32_t source_id)
{
	size_t lo = 0, hi = ss->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ss->v[mid].source_id < source_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
sl_ctx_apply_suppressions(struct sl_ctx *ctx)
{
	struct sups ss = { NULL, 0, 0 };
	struct sl_diag *d;
	struct sup *x;
	size_t i, j, k, n0;
	bool drop;
	char buf[96];
	int r = 0;

	for (i = 0; i < ctx->nsrc; i++)
		if (ctx->src[i]->cst != NULL &&
		    (r = collect(ctx, ctx->src[i], &ss)) != 0)
			goto out;
	if (ss.n == 0)
		goto out;
	/* drop what is covered; every covering suppression counts as used */
	n0 = ctx->diags.n;
	for (i = 0, k = 0; i < n0; i++) {
		d = &ctx->diags.v[i];
		drop = false;
		for (j = first_of(&ss, d->source_id);
		    j < ss.n && ss.v[j].source_id == d->source_id; j++) {
			if (d->rule != SL_RULE_UNUSED_SUPPRESSION &&
			    covers(&ss.v[j], d)) {
				ss.v[j].used = true;
				drop = true;
			}
		}
		if (drop)
			sl_free(d->message);
		else
			ctx->diags.v[k++] = *d;
	}
	ctx->diags.n = k;
	/* an unused one is not reported where the file disables SSH107
	 * (which is then used); first mark those, then report the rest */
	for (i = 0; i < ss.n; i++) {
		x = &ss.v[i];
		if (x->used)
			continue;
		drop = false;
		for (j = first_of(&ss, x->source_id);
		    j < ss.n && ss.v[j].source_id == x->source_id; j++) {
			if (ss.v[j].scope == SC_FILE && (ss.v[j].rule ==
			    SL_SUP_ALL || ss.v[j].rule ==
			    SL_RULE_UNUSED_SUPPRESSION) && j != i) {
				ss.v[j].used = true;
				drop = true;
			}
		}
		x->silent = drop;
	}
	for (i = 0; i < ss.n; i++) {
		x = &ss.v[i];
		if (x->used || x->silent)
			continue;
		if (x->rule == SL_SUP_ALL)
			snprintf(buf, sizeof(buf), "'all'");
		else
			rule_label(x->rule, buf, sizeof(buf));
		sl_diag_add(&ctx->diags, SL_RULE_UNUSED_SUPPRESSION,
		    x->source_id, x->id_start, x->id_end,
		    "unused suppression: %s reports nothing %s", buf,
		    x->scope == SC_FILE ? "in this file" :
		    x->scope == SC_BLOCK ? "in the block it covers" :
		    x->start == x->end ? "here (no directive follows)" :
		    "on the line it covers");
	}
	if (ctx->diags.failed)
		r = SL_ENOMEM;
 out:
	sl_free(ss.v);
	if (r != 0)
		ctx->diags.failed = 1;
	return r;
}

size_t
sl_ctx_filter_diags(struct sl_ctx *ctx, sl_diag_keep_fn keep, void *arg)
{
	size_t i, k;

	for (i = 0, k = 0; i < ctx->diags.n; i++) {
		if (keep(arg, &ctx->diags.v[i]))
			ctx->diags.v[k++] = ctx->diags.v[i];
		else
			sl_free(ctx->diags.v[i].message);
	}
	i = ctx->diags.n - k;
	ctx->diags.n = k;
	return i;
}
