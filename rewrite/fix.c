/*
 * The fix loop. Lint the tree, take the first finding that proposes a fix
 * and was not refused before, apply its edit to the current text of its
 * file, then lint and evaluate the candidate: the finding must be gone,
 * no new error may appear, and the effective configuration of every host
 * or connection class may differ only in the one setting the fix is meant
 * to change. Accepted fixes stay; refused ones are reported. Repeat until
 * nothing is left, then write every changed file atomically (or print the
 * diff). One edit at a time keeps every span valid: each fix is computed
 * on the text it applies to.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/analyze.h"
#include "lint/diag.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "rewrite/diff.h"
#include "rewrite/write.h"
#include "sshlint/fix.h"

#define MAX_ROUNDS 1000

struct fbuf {
	char *path;
	char *orig;		/* as read at the start */
	size_t olen;
	char *cur;		/* with the accepted fixes */
	size_t clen;
};

struct fixer {
	const struct sl_lint_options *opts;
	const struct sl_fix_options *fo;
	const char *top;
	struct fbuf *f;
	size_t nf, capf;
	char *error;		/* res->error */
	/* fixes that failed verification since the last accepted one:
	 * tried again after any change, reported when none is left */
	struct refusal {
		char *key;
		char *msg;
	} *refused;
	size_t nref, capref;
	FILE *msgs;
	/* hashes of every state accepted so far: a fix that would bring
	 * back an earlier state (two fixes undoing each other) is refused */
	uint64_t *seen;
	size_t nseen, capseen;
};

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n-- > 0) {
		h ^= *c++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Hash of all texts, with `b` replaced by cand. */
static uint64_t
state_hash(const struct fixer *fx, const void *b, const char *cand,
    size_t clen)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < fx->nf; i++) {
		h = fnv(h, fx->f[i].path, strlen(fx->f[i].path) + 1);
		if ((const void *)&fx->f[i] == b)
			h = fnv(h, cand, clen);
		else
			h = fnv(h, fx->f[i].cur, fx->f[i].clen);
		h = fnv(h, "\0", 1);
	}
	return h;
}

static bool
seen_state(const struct fixer *fx, uint64_t h)
{
	size_t i;

	for (i = 0; i < fx->nseen; i++)
		if (fx->seen[i] == h)
			return true;
	return false;
}

static int
add_state(struct fixer *fx, uint64_t h)
{
	if (sl_grow(&fx->seen, &fx->capseen, fx->nseen, sizeof(*fx->seen),
	    16) != 0)
		return SL_ENOMEM;
	fx->seen[fx->nseen++] = h;
	return 0;
}

static struct fbuf *
fbuf_find(struct fixer *fx, const char *path)
{
	size_t i;

	for (i = 0; i < fx->nf; i++)
		if (strcmp(fx->f[i].path, path) == 0)
			return &fx->f[i];
	return NULL;
}

struct off_ctx {
	const struct sl_fix_options *fo;
	const struct sl_ctx *ctx;
};

static int
keep_on(void *arg, const struct sl_diag *d)
{
	const struct off_ctx *o = arg;

	return !o->fo->rule_off(o->fo->rule_off_arg,
	    o->ctx->src[d->source_id]->path, d->rule);
}

/* Lint the tree with the current texts; NULL on failure (*r set, the
 * message in fx->error). */
static struct sl_ctx *
lint(struct fixer *fx, int *r)
{
	struct sl_ctx *ctx = sl_ctx_new();
	size_t i;

	if (ctx == NULL) {
		*r = SL_ENOMEM;
		return NULL;
	}
	for (i = 0; i < fx->nf; i++)
		if ((*r = sl_ctx_overlay(ctx, fx->f[i].path, fx->f[i].cur,
		    fx->f[i].clen)) != 0)
			goto fail;
	if ((*r = sl_lint_file(ctx, fx->opts, fx->top)) != 0 ||
	    (*r = sl_ctx_apply_suppressions(ctx)) != 0)
		goto fail;
	if (fx->fo->keep != NULL)
		(void)sl_ctx_filter_diags(ctx, fx->fo->keep, fx->fo->keep_arg);
	if (fx->fo->rule_off != NULL) {
		struct off_ctx oc = { fx->fo, ctx };

		(void)sl_ctx_filter_diags(ctx, keep_on, &oc);
	}
	sl_ctx_sort_diags(ctx);
	if (ctx->diags.failed) {
		*r = SL_ENOMEM;
		goto fail;
	}
	*r = 0;
	return ctx;
 fail:
	if (fx->error != NULL)
		snprintf(fx->error, sizeof(((struct sl_fix_result *)0)->error),
		    "%s", sl_ctx_errmsg(ctx)[0] ? sl_ctx_errmsg(ctx) :
		    sl_strerror(*r));
	sl_ctx_free(ctx);
	return NULL;
}

static struct sl_source *
top_source(struct sl_ctx *ctx, const char *path)
{
	size_t i;

	for (i = 0; i < ctx->nsrc; i++)
		if (strcmp(ctx->src[i]->path, path) == 0)
			return ctx->src[i];
	return ctx->nsrc ? ctx->src[0] : NULL;
}

static size_t
count(const struct sl_ctx *ctx, int rule, int sev)
{
	size_t i, n = 0;

	for (i = 0; i < ctx->diags.n; i++)
		if ((rule < 0 || ctx->diags.v[i].rule == rule) &&
		    (sev < 0 || (int)ctx->diags.v[i].severity == sev))
			n++;
	return n;
}

/* The line of text that holds `off`. */
static void
line_at(const struct sl_source *s, uint32_t off, const char **p, size_t *n)
{
	uint32_t a = off, b = off;

	while (a > 0 && s->data[a - 1] != '\n')
		a--;
	while (b < s->len && s->data[b] != '\n')
		b++;
	*p = s->data + a;
	*n = b - a;
}

/* Identity of a fix across rounds (spans move, the text does not). */
static char *
fix_key(const struct sl_ctx *ctx, const struct sl_diag *d)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const struct sl_source *s = ctx->src[d->source_id];
	const char *p;
	size_t n;

	line_at(s, d->start, &p, &n);
	sl_strbuf_addf(&sb, "%d\037%s\037", d->rule, s->path);
	sl_strbuf_add(&sb, p, n);
	sl_strbuf_addf(&sb, "\037%s\037%s", d->fix_text,
	    d->fix2_text ? d->fix2_text : "");
	return sl_strbuf_detach(&sb);
}

static bool
refused(const struct fixer *fx, const char *key)
{
	size_t i;

	for (i = 0; i < fx->nref; i++)
		if (strcmp(fx->refused[i].key, key) == 0)
			return true;
	return false;
}

static void
forget_refusals(struct fixer *fx)
{
	size_t i;

	for (i = 0; i < fx->nref; i++) {
		sl_free(fx->refused[i].key);
		sl_free(fx->refused[i].msg);
	}
	fx->nref = 0;
}

/* Are the snapshots equal, ignoring the lines of `key`? */
static bool
same_except(const char *a, const char *b, const char *key)
{
	size_t kl = key ? strlen(key) : 0;

	for (;;) {
		const char *ea, *eb;

		/* skip lines of the key on both sides */
		while (key && strncmp(a, key, kl) == 0 && a[kl] == ' ')
			a = (a = strchr(a, '\n')) ? a + 1 : "";
		while (key && strncmp(b, key, kl) == 0 && b[kl] == ' ')
			b = (b = strchr(b, '\n')) ? b + 1 : "";
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		ea = strchr(a, '\n');
		eb = strchr(b, '\n');
		ea = ea ? ea + 1 : a + strlen(a);
		eb = eb ? eb + 1 : b + strlen(b);
		if (ea - a != eb - b || memcmp(a, b, (size_t)(ea - a)) != 0)
			return false;
		a = ea;
		b = eb;
	}
}

static int
remember(struct fixer *fx, char *key, const char *msg)
{
	char *m;

	if (sl_grow(&fx->refused, &fx->capref, fx->nref,
	    sizeof(*fx->refused), 8) != 0 || (m = sl_strdup(msg)) == NULL) {
		sl_free(key);
		return SL_ENOMEM;
	}
	fx->refused[fx->nref].key = key;
	fx->refused[fx->nref].msg = m;
	fx->nref++;
	return 0;
}

static void
describe(const struct sl_ctx *ctx, const struct sl_diag *d,
    const char *verb, const char *what, char *buf, size_t len)
{
	uint32_t line, col;

	sl_ctx_source_pos(ctx, d->source_id, d->start, &line, &col);
	snprintf(buf, len, "%s:%u: %s %s: %s", ctx->src[d->source_id]->path,
	    line, verb, sl_rule_at((size_t)d->rule)->id, what);
}

/* Keep the original text of every file of the tree, once. */
static int
track(struct fixer *fx, const struct sl_ctx *ctx)
{
	size_t i;

	for (i = 0; i < ctx->nsrc; i++) {
		const struct sl_source *s = ctx->src[i];
		struct fbuf *b;

		if (fbuf_find(fx, s->path) != NULL)
			continue;
		if (sl_grow(&fx->f, &fx->capf, fx->nf, sizeof(*fx->f), 8) != 0)
			return SL_ENOMEM;
		b = &fx->f[fx->nf];
		memset(b, 0, sizeof(*b));
		if ((b->path = sl_strdup(s->path)) == NULL ||
		    (b->orig = sl_malloc(s->len + 1)) == NULL ||
		    (b->cur = sl_malloc(s->len + 1)) == NULL) {
			sl_free(b->path);
			sl_free(b->orig);
			return SL_ENOMEM;
		}
		memcpy(b->orig, s->data, s->len);
		memcpy(b->cur, s->data, s->len);
		b->olen = b->clen = s->len;
		fx->nf++;
	}
	return 0;
}

/* The text of b with the edit(s) of d applied (later span first). */
static int
apply_edits(const struct fbuf *b, const struct sl_diag *d, char **out,
    size_t *outlen)
{
	struct { uint32_t s, e; const char *t; } ed[2];
	size_t n = 1, i, len = b->clen, tl;
	char *buf, *nb;

	ed[0].s = d->fix_start;
	ed[0].e = d->fix_end;
	ed[0].t = d->fix_text;
	if (d->fix2_text != NULL) {
		ed[1].s = d->fix2_start;
		ed[1].e = d->fix2_end;
		ed[1].t = d->fix2_text;
		n = 2;
		if (ed[1].s > ed[0].s) {
			ed[1] = ed[0];
			ed[0].s = d->fix2_start;
			ed[0].e = d->fix2_end;
			ed[0].t = d->fix2_text;
		}
	}
	if ((buf = sl_malloc(len + 1)) == NULL)
		return SL_ENOMEM;
	memcpy(buf, b->cur, len);
	for (i = 0; i < n; i++) {
		tl = strlen(ed[i].t);
		if ((nb = sl_malloc(len - (ed[i].e - ed[i].s) + tl + 1)) ==
		    NULL) {
			sl_free(buf);
			return SL_ENOMEM;
		}
		memcpy(nb, buf, ed[i].s);
		memcpy(nb + ed[i].s, ed[i].t, tl);
		memcpy(nb + ed[i].s + tl, buf + ed[i].e, len - ed[i].e);
		len = len - (ed[i].e - ed[i].s) + tl;
		sl_free(buf);
		buf = nb;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/* One round: try the first fixable finding. 1 = tried one, 0 = none. */
static int
round_once(struct fixer *fx, struct sl_ctx **ctxp, char **snapp,
    size_t errors0, struct sl_fix_result *res)
{
	struct sl_ctx *ctx = *ctxp, *c2 = NULL;
	const struct sl_diag *d = NULL;
	struct fbuf *b;
	char *key = NULL, *cand = NULL, *snap2 = NULL;
	const char *why = NULL;
	size_t i, clen;
	uint64_t h;
	int r;

	for (i = 0; i < ctx->diags.n; i++) {
		if (ctx->diags.v[i].fix_text == NULL)
			continue;
		if ((key = fix_key(ctx, &ctx->diags.v[i])) == NULL)
			return SL_ENOMEM;
		if (!refused(fx, key)) {
			d = &ctx->diags.v[i];
			break;
		}
		sl_free(key);
		key = NULL;
	}
	if (d == NULL)
		return 0;
	b = fbuf_find(fx, ctx->src[d->fix_source]->path);
	if (b == NULL || d->fix_end > b->clen) {
		why = "the file changed under the fix";
		goto refuse;
	}
	if (d->fix2_text != NULL && (d->fix2_end > b->clen ||
	    (d->fix2_start < d->fix_end && d->fix_start < d->fix2_end))) {
		why = "the edits of the fix overlap";
		goto refuse;
	}
	if ((r = apply_edits(b, d, &cand, &clen)) != 0)
		goto fail;
	h = state_hash(fx, b, cand, clen);
	if (seen_state(fx, h)) {
		why = "it would undo an earlier fix";
		goto refuse;
	}
	{
		char *keep = b->cur;
		size_t keeplen = b->clen;

		b->cur = cand;
		b->clen = clen;
		c2 = lint(fx, &r);
		b->cur = keep;
		b->clen = keeplen;
	}
	if (c2 == NULL)
		goto fail;
	if (count(c2, d->rule, -1) >= count(ctx, d->rule, -1))
		why = "the finding would remain";
	else if (count(c2, -1, SL_SEV_ERROR) > count(ctx, -1, SL_SEV_ERROR))
		why = "the result would have a new error";
	else if (errors0 == 0) {
		struct sl_source *t = top_source(c2, fx->top);

		if (t == NULL || (r = sl_snapshot(c2, fx->opts, t, &snap2)) != 0) {
			if (r == SL_ENOMEM)
				goto fail;
			why = "the result could not be evaluated";
		} else if (!same_except(*snapp, snap2, d->fix_key))
			why = d->fix_key ? "it would change more than that "
			    "setting for some host" : "it would change the "
			    "effective configuration";
	}
	if (why != NULL)
		goto refuse;
	/* accepted: what was refused may work now */
	{
		char line[512];

		describe(ctx, d, "fixed", d->fix_what, line, sizeof(line));
		if (fx->msgs != NULL)
			fprintf(fx->msgs, "%s\n", line);
	}
	forget_refusals(fx);
	if ((r = add_state(fx, h)) != 0)
		goto fail;
	res->fixed++;
	sl_free(b->cur);
	b->cur = cand;
	b->clen = clen;
	cand = NULL;
	if (snap2 != NULL) {
		sl_free(*snapp);
		*snapp = snap2;
		snap2 = NULL;
	}
	if ((r = track(fx, c2)) != 0)
		goto fail;
	sl_ctx_free(ctx);
	*ctxp = c2;
	sl_free(key);
	return 1;
 refuse:
	{
		char msg[256];

		char line[512];

		snprintf(msg, sizeof(msg), "%s; not applied (%s)",
		    d->fix_what, why);
		describe(ctx, d, "not fixed", msg, line, sizeof(line));
		sl_free(cand);
		sl_free(snap2);
		sl_ctx_free(c2);
		if ((r = remember(fx, key, line)) != 0)
			return r;
	}
	return 1;
 fail:
	sl_free(cand);
	sl_free(snap2);
	sl_free(key);
	sl_ctx_free(c2);
	return r;
}

/* Path for diff headers: a/PATH b/PATH with PATH relative if it can be. */
static const char *
rel(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p[0] == '/' ? p + 1 : p;
}

int
sl_fix_file(const struct sl_lint_options *opts, const char *path,
    const struct sl_fix_options *fo, FILE *out, FILE *msgs,
    struct sl_fix_result *res)
{
	struct fixer fx;
	struct sl_ctx *ctx = NULL;
	struct sl_write_faults faults;
	char *snap = NULL;
	size_t i, errors0;
	int r, round, wrote_err = 0;

	memset(res, 0, sizeof(*res));
	memset(&fx, 0, sizeof(fx));
	fx.opts = opts;
	fx.fo = fo;
	fx.top = path;
	fx.msgs = msgs;
	fx.error = res->error;
	if ((ctx = lint(&fx, &r)) == NULL)
		goto out;
	if ((r = track(&fx, ctx)) != 0 ||
	    (r = add_state(&fx, state_hash(&fx, NULL, NULL, 0))) != 0)
		goto out;
	errors0 = count(ctx, -1, SL_SEV_ERROR);
	if (errors0 == 0 && (r = sl_snapshot(ctx, opts, top_source(ctx, path),
	    &snap)) != 0)
		goto out;
	for (round = 0; round < MAX_ROUNDS; round++) {
		if ((r = round_once(&fx, &ctx, &snap, errors0, res)) < 0)
			goto out;
		if (r == 0)
			break;
	}
	for (i = 0; i < fx.nref; i++) {
		res->skipped++;
		if (msgs != NULL)
			fprintf(msgs, "%s\n", fx.refused[i].msg);
	}
	r = 0;
	memset(&faults, 0, sizeof(faults));
	faults.write_errno = fo->fail_write;
	faults.fsync_errno = fo->fail_fsync;
	faults.rename_errno = fo->fail_rename;
	faults.kill_before_rename = fo->kill_before_rename;
	for (i = 0; i < fx.nf; i++) {
		struct fbuf *b = &fx.f[i];
		char err[1024];

		if (b->clen == b->olen && memcmp(b->cur, b->orig, b->clen) == 0)
			continue;
		res->files++;
		if (fo->mode == SL_FIX_DIFF) {
			struct sl_strbuf sb = SL_STRBUF_INIT;
			char an[4096], bn[4096];

			snprintf(an, sizeof(an), "a/%s", rel(b->path));
			snprintf(bn, sizeof(bn), "b/%s", rel(b->path));
			if ((r = sl_udiff(&sb, an, bn, b->orig, b->olen, b->cur,
			    b->clen)) == 0 && sb.len > 0 &&
			    fwrite(sb.buf, 1, sb.len, out) != sb.len)
				r = SL_EIO;
			sl_strbuf_release(&sb);
			if (r != 0)
				goto out;
			continue;
		}
		if (sl_atomic_replace(b->path, b->orig, b->olen, b->cur,
		    b->clen, fo->backup_suffix, &faults, err,
		    sizeof(err)) != 0) {
			size_t o = strlen(res->error);

			snprintf(res->error + o, sizeof(res->error) - o,
			    "%s%s; the file is unchanged", o ? "\n" : "", err);
			wrote_err = 1;
		}
	}
	if (wrote_err)
		r = SL_EIO;
 out:
	sl_ctx_free(ctx);
	sl_free(snap);
	for (i = 0; i < fx.nf; i++) {
		sl_free(fx.f[i].path);
		sl_free(fx.f[i].orig);
		sl_free(fx.f[i].cur);
	}
	sl_free(fx.f);
	forget_refusals(&fx);
	sl_free(fx.refused);
	sl_free(fx.seen);
	return r;
}
