/*
 * Rules over what the configuration does, not how it is written:
 * semantics (dead and duplicate lines, Host lines that never match, empty
 * algorithm lists, Include inside a block, sshd lines after a Match),
 * crypto per effective host or connection, and hardening by policy.
 *
 * The client is evaluated for every literal host of its Host lines, for a
 * made-up host per wildcard pattern and for "*" (any other host); the
 * server without a connection spec and once per Match block, with a spec
 * made from that block's criteria. A finding caused by one directive is
 * reported once, listing the hosts or connections it affects.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/algos.h"
#include "lint/analyze.h"
#include "lint/diag.h"
#include "lint/eval.h"
#include "lint/keywords.h"
#include "lint/match.h"
#include "lint/policy.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"

/* ---- findings, aggregated by (rule, place, message) ---- */

struct agg {
	int rule;
	int sev;
	uint32_t src, start, end;
	char *msg;
	char **who;		/* hosts or connection classes */
	size_t nwho, capwho;
	bool everyone;		/* reported for "any host" / no spec */
	struct fixspec *fix;	/* owned, or NULL */
};

/* A proposed edit: replace [start, end) of src by text. */
struct fixspec {
	uint32_t src, start, end;
	char *text;		/* owned */
	char what[128];
	const char *key;	/* static: the setting it may change */
	bool move;		/* move line `line` of src above the first
				 * Match (sl_diag_fix_move_before_match) */
	uint32_t line;
};

struct an {
	struct sl_ctx *ctx;
	const struct sl_lint_options *opts;
	const struct sl_policy *pol;
	struct sl_source *top;
	int version;
	enum sl_dialect dialect;
	struct agg *v;
	size_t n, cap;
	/* index of v by (rule, src, start): open addressing, entries are
	 * index + 1 (0: empty); hcap a power of two */
	size_t *hidx;
	size_t hcap;
	bool oom;
	bool **dup;		/* per source, per line: reported duplicate */
	int sev_override;	/* >= 0: severity of the next report */
	struct sl_strbuf *snap;	/* snapshot mode: render, do not check */
	/* current target */
	const char *who;	/* host name or class label */
	bool anyone;		/* the "*" host / the spec-less connection */
};

static void
line_span(const struct an *an, uint32_t src, uint32_t line, uint32_t *start,
    uint32_t *end)
{
	const struct sl_file *f = an->ctx->src[src]->cst;
	const struct sl_line *l;

	*start = *end = 0;
	if (f == NULL || line >= f->nlines)
		return;
	l = &f->lines[line];
	*start = l->kw_tok >= 0 ? l->tok[l->kw_tok].start : l->start;
	*end = l->content_end > *start ? l->content_end : *start;
}

/* Severity under the policy; -1 when disabled (policy or exception). */
static int
severity(const struct an *an, int rule)
{
	size_t i, k;

	if (an->pol == NULL)
		return (int)sl_rule_at((size_t)rule)->severity;
	if (an->who != NULL && an->dialect == SL_DIALECT_SSH)
		for (i = 0; i < an->pol->nexc; i++) {
			const struct sl_pol_exception *x = &an->pol->exc[i];

			if (!sl_pattern_match(&x->hosts, an->who))
				continue;
			for (k = 0; k < x->nrules; k++) {
				const struct sl_rule_info *ri =
				    sl_rule_find(x->rules[k]);

				if (ri == sl_rule_at((size_t)rule))
					return -1;
			}
		}
	return sl_policy_severity(an->pol, rule);
}

static size_t
agg_hash(int rule, uint32_t src, uint32_t start)
{
	uint64_t h = ((uint64_t)(unsigned)rule * 0x9e3779b97f4a7c15ULL) ^
	    ((uint64_t)src << 32) ^ start;

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	return (size_t)h;
}

/* Double the index (and fill it again from v). */
static int
agg_rehash(struct an *an)
{
	size_t ncap = an->hcap ? an->hcap * 2 : 64, i, k;
	size_t *nh = sl_calloc(ncap, sizeof(*nh));

	if (nh == NULL)
		return SL_ENOMEM;
	for (k = 0; k < an->n; k++) {
		for (i = agg_hash(an->v[k].rule, an->v[k].src, an->v[k].start) &
		    (ncap - 1); nh[i] != 0; i = (i + 1) & (ncap - 1))
			;
		nh[i] = k + 1;
	}
	sl_free(an->hidx);
	an->hidx = nh;
	an->hcap = ncap;
	return 0;
}

static void
vreport(struct an *an, int rule, struct sl_origin o, struct fixspec *fx,
    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

/* Record a finding; `fx` (may be NULL) is taken over. */
static void
vreport(struct an *an, int rule, struct sl_origin o, struct fixspec *fx,
    const char *fmt, va_list ap)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	uint32_t src, start, end;
	struct agg *a = NULL;
	size_t i;
	int sev = severity(an, rule);

	if (sev >= 0 && an->sev_override >= 0)
		sev = an->sev_override;
	if (sev < 0)
		goto drop;
	if (o.source_id >= 0) {
		src = (uint32_t)o.source_id;
		line_span(an, src, o.line, &start, &end);
	} else {
		/* a default: reported at the top of the file */
		src = an->top->id;
		start = end = 0;
	}
	sl_strbuf_vaddf(&sb, fmt, ap);
	if (sb.failed) {
		an->oom = true;
		sl_strbuf_release(&sb);
		goto drop;
	}
	for (i = agg_hash(rule, src, start) & (an->hcap - 1);
	    an->hcap > 0 && an->hidx[i] != 0; i = (i + 1) & (an->hcap - 1)) {
		struct agg *c = &an->v[an->hidx[i] - 1];

		if (c->rule == rule && c->src == src && c->start == start &&
		    strcmp(c->msg, sb.buf) == 0) {
			a = c;
			break;
		}
	}
	if (a == NULL) {
		if ((an->n + 1) * 2 > an->hcap && agg_rehash(an) != 0) {
			an->oom = true;
			sl_strbuf_release(&sb);
			goto drop;
		}
		if (sl_grow(&an->v, &an->cap, an->n, sizeof(*an->v), 16) != 0) {
			an->oom = true;
			sl_strbuf_release(&sb);
			goto drop;
		}
		a = &an->v[an->n++];
		memset(a, 0, sizeof(*a));
		a->rule = rule;
		a->sev = sev;
		a->src = src;
		a->start = start;
		a->end = end;
		a->msg = sl_strbuf_detach(&sb);
		if (a->msg == NULL) {
			an->n--;
			an->oom = true;
			goto drop;
		}
		for (i = agg_hash(rule, src, start) & (an->hcap - 1);
		    an->hidx[i] != 0; i = (i + 1) & (an->hcap - 1))
			;
		an->hidx[i] = an->n;
		a->fix = fx;
		fx = NULL;
	} else
		sl_strbuf_release(&sb);
 drop:
	if (fx != NULL) {
		sl_free(fx->text);
		sl_free(fx);
	}
	if (a == NULL || an->who == NULL)
		return;
	if (an->anyone) {
		a->everyone = true;
		return;
	}
	/* targets are evaluated one after the other: a repeat is the last */
	if (a->nwho > 0 && strcmp(a->who[a->nwho - 1], an->who) == 0)
		return;
	if (sl_grow(&a->who, &a->capwho, a->nwho, sizeof(*a->who), 4) != 0 ||
	    (a->who[a->nwho] = sl_strdup(an->who)) == NULL) {
		an->oom = true;
		return;
	}
	a->nwho++;
}

static void
report(struct an *an, int rule, struct sl_origin o, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
report(struct an *an, int rule, struct sl_origin o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(an, rule, o, NULL, fmt, ap);
	va_end(ap);
}

static void
report_fix(struct an *an, int rule, struct sl_origin o, struct fixspec *fx,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
report_fix(struct an *an, int rule, struct sl_origin o, struct fixspec *fx,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(an, rule, o, fx, fmt, ap);
	va_end(ap);
}

/* ---- building fixes ---- */

static const struct sl_keyword *line_kw(const struct an *an,
    const struct sl_line *l);

static struct fixspec *
fix_new(struct an *an, uint32_t src, uint32_t start, uint32_t end,
    const char *text, const char *key, const char *what_fmt, ...)
    __attribute__((format(printf, 7, 8)));

static struct fixspec *
fix_new(struct an *an, uint32_t src, uint32_t start, uint32_t end,
    const char *text, const char *key, const char *what_fmt, ...)
{
	struct fixspec *fx = sl_calloc(1, sizeof(*fx));
	va_list ap;

	if (fx == NULL || (fx->text = sl_strdup(text)) == NULL) {
		sl_free(fx);
		an->oom = true;
		return NULL;
	}
	fx->src = src;
	fx->start = start;
	fx->end = end;
	fx->key = key;
	va_start(ap, what_fmt);
	vsnprintf(fx->what, sizeof(fx->what), what_fmt, ap);
	va_end(ap);
	return fx;
}

static const struct sl_line *
origin_line(const struct an *an, struct sl_origin o)
{
	const struct sl_file *f;

	if (o.source_id < 0 || (size_t)o.source_id >= an->ctx->nsrc ||
	    (f = an->ctx->src[o.source_id]->cst) == NULL || o.line >= f->nlines)
		return NULL;
	return &f->lines[o.line];
}

/* Move a line above the first Match block of its file. */
static struct fixspec *
fix_move(struct an *an, uint32_t src, uint32_t line,
    const struct sl_keyword *kw)
{
	struct fixspec *fx = sl_calloc(1, sizeof(*fx));

	if (fx == NULL) {
		an->oom = true;
		return NULL;
	}
	fx->src = src;
	fx->move = true;
	fx->line = line;
	fx->key = sl_opt_dump_name(kw->opt);
	return fx;
}

/* Delete the line of `o` (a dead or harmful directive). */
static struct fixspec *
fix_delete(struct an *an, struct sl_origin o, const char *key,
    const char *what)
{
	const struct sl_line *l = origin_line(an, o);

	if (l == NULL)
		return NULL;
	return fix_new(an, (uint32_t)o.source_id, l->start, l->end, "", key,
	    "%s", what);
}

/* Replace the arguments of the directive of `o` by `value`. */
static struct fixspec *
fix_value(struct an *an, struct sl_origin o, const char *value,
    const char *key)
{
	const struct sl_line *l = origin_line(an, o);
	bool quote = strpbrk(value, " \t\"'#") != NULL;
	char buf[256];

	if (l == NULL || l->nargs == 0 || strlen(value) + 3 > sizeof(buf))
		return NULL;
	snprintf(buf, sizeof(buf), quote ? "\"%s\"" : "%s", value);
	return fix_new(an, (uint32_t)o.source_id, l->args[0].start,
	    l->args[l->nargs - 1].end, buf, key, "set %.*s to %s",
	    (int)l->keyword_len, l->keyword, value);
}

/* The keyword to write for an option, as the release spells it. */
static const char *
option_keyword(const struct an *an, int opt)
{
	const struct sl_keyword *t;
	size_t n, i;

	t = sl_kw_table(&n);
	for (i = 0; i < n; i++)
		if (t[i].dialect == an->dialect && (int)t[i].opt == opt &&
		    !(t[i].flags & (SL_KWF_ALIAS | SL_KWF_DEPRECATED |
		    SL_KWF_UNSUPPORTED)) && sl_kw_lookup(an->dialect, t[i].name,
		    strlen(t[i].name), an->version) == &t[i])
			return t[i].name;
	return NULL;
}

/*
 * Insert "Keyword value" where it applies to everything: sshd before the
 * first Match line of the top file (never after a trailing Match block,
 * where it would become conditional), ssh at the top of the top file.
 */
static struct fixspec *
fix_insert(struct an *an, int opt, const char *value, const char *key)
{
	const struct sl_file *f = an->top->cst;
	const char *kw = option_keyword(an, opt);
	const char *eol = memmem(an->top->data, an->top->len, "\r\n", 2) ?
	    "\r\n" : "\n";
	uint32_t at = f->bom ? 3 : 0, i;
	char buf[300];
	bool at_end = false;

	if (kw == NULL || strpbrk(value, " \t\"'#") != NULL)
		return NULL;
	if (an->dialect == SL_DIALECT_SSHD) {
		at = (uint32_t)an->top->len;
		at_end = true;
		for (i = 0; i < f->nlines; i++) {
			const struct sl_line *l = &f->lines[i];
			const struct sl_keyword *k = line_kw(an, l);

			if (k != NULL && (k->flags & SL_KWF_MATCH)) {
				at = l->start;
				at_end = false;
				break;
			}
		}
	}
	if (at_end && at > 0 && an->top->data[at - 1] != '\n')
		snprintf(buf, sizeof(buf), "%s%s %s", eol, kw, value);
	else
		snprintf(buf, sizeof(buf), "%s %s%s", kw, value, eol);
	return fix_new(an, an->top->id, at, at, buf, key, "added '%s %s'%s",
	    kw, value, an->dialect == SL_DIALECT_SSHD ? " before the first "
	    "Match block" : " at the top");
}

/* Remove `name` from the algorithm list of the directive of `o`. */
static struct fixspec *
fix_remove_algo(struct an *an, struct sl_origin o, const char *name,
    const char *key)
{
	const struct sl_line *l = origin_line(an, o);
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *p, *e, *v;
	bool found = false, any = false;
	struct fixspec *fx;

	if (l == NULL || l->nargs != 1)
		return NULL;
	v = l->args[0].val;
	if (*v == '-')
		return NULL;
	sl_strbuf_adds(&sb, "");
	if (*v == '+' || *v == '^')
		sl_strbuf_addc(&sb, *v++);
	for (p = v; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == strlen(name) &&
		    memcmp(p, name, (size_t)(e - p)) == 0) {
			found = true;
			continue;
		}
		if (e == p)
			continue;
		if (any)
			sl_strbuf_addc(&sb, ',');
		sl_strbuf_add(&sb, p, (size_t)(e - p));
		any = true;
	}
	if (sb.failed || !found) {
		sl_strbuf_release(&sb);
		return NULL;
	}
	if (!any && (*l->args[0].val == '+' || *l->args[0].val == '^'))
		fx = fix_new(an, (uint32_t)o.source_id, l->start, l->end, "",
		    key, "deleted the line that only added %s", name);
	else if (!any)
		fx = NULL;	/* never leave an empty list */
	else
		fx = fix_new(an, (uint32_t)o.source_id, l->args[0].start,
		    l->args[0].end, sb.buf, key, "removed %s from %.*s", name,
		    (int)l->keyword_len, l->keyword);
	sl_strbuf_release(&sb);
	return fx;
}

static void
flush(struct an *an)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < an->n; i++) {
		struct agg *a = &an->v[i];

		sl_strbuf_adds(&sb, a->msg);
		if (a->everyone && an->dialect == SL_DIALECT_SSH)
			sl_strbuf_adds(&sb, a->nwho ? " (for any host, e.g. " :
			    " (for any host)");
		else if (a->everyone)
			sl_strbuf_adds(&sb, " (for every connection)");
		else if (a->nwho == 1)
			sl_strbuf_addf(&sb, " (for %s)", a->who[0]);
		else if (a->nwho > 1)
			sl_strbuf_addf(&sb, " (for %zu %s: ", a->nwho,
			    an->dialect == SL_DIALECT_SSH ? "hosts" :
			    "connection classes");
		if ((a->everyone && a->nwho && an->dialect == SL_DIALECT_SSH) ||
		    (!a->everyone && a->nwho > 1)) {
			for (k = 0; k < a->nwho && k < 5; k++)
				sl_strbuf_addf(&sb, "%s%s", k ? ", " : "",
				    a->who[k]);
			sl_strbuf_adds(&sb, a->nwho > 5 ? ", ...)" : ")");
		}
		if (sb.failed)
			an->oom = true;
		else if (sl_diag_add_sev(&an->ctx->diags, (enum sl_rule)a->rule,
		    (enum sl_severity)a->sev, a->src, a->start, a->end, "%s",
		    sb.buf) != 0 || a->fix == NULL)
			;
		else if (a->fix->move)
			(void)sl_diag_fix_move_before_match(an->ctx, a->fix->src,
			    a->fix->line, a->fix->key);
		else if (a->fix->text != NULL)
			(void)sl_diag_fix(an->ctx, a->fix->src, a->fix->start,
			    a->fix->end, a->fix->text, a->fix->what,
			    a->fix->key);
		sb.len = 0;
		if (sb.buf != NULL)
			sb.buf[0] = '\0';
	}
	sl_strbuf_release(&sb);
}

static void
release(struct an *an)
{
	size_t i, k;

	for (i = 0; i < an->n; i++) {
		sl_free(an->v[i].msg);
		for (k = 0; k < an->v[i].nwho; k++)
			sl_free(an->v[i].who[k]);
		sl_free(an->v[i].who);
		if (an->v[i].fix != NULL) {
			sl_free(an->v[i].fix->text);
			sl_free(an->v[i].fix);
		}
	}
	sl_free(an->v);
	sl_free(an->hidx);
}

/* ---- the files of the tree (top and what it includes) ---- */

static void
tree_sources(struct an *an, uint32_t sid, bool *seen, int depth)
{
	const struct sl_file *f = an->ctx->src[sid]->cst;
	uint32_t i, k;

	if (seen[sid] || depth > SL_MAX_INCLUDE_DEPTH || f == NULL)
		return;
	seen[sid] = true;
	for (i = 0; i < f->nlines; i++)
		for (k = 0; k < f->lines[i].nincludes; k++)
			tree_sources(an, f->lines[i].includes[k], seen,
			    depth + 1);
}

static const struct sl_keyword *
line_kw(const struct an *an, const struct sl_line *l)
{
	if (l->kind != SL_LINE_DIRECTIVE && l->kind != SL_LINE_INCLUDE)
		return NULL;
	if (l->keyword == NULL || (l->flags & (SL_LF_KW_UNTERMINATED |
	    SL_LF_EMPTY_KEYWORD | SL_LF_INVALID_QUOTES)))
		return NULL;
	return sl_kw_lookup(an->dialect, l->keyword, l->keyword_len,
	    an->version);
}

static bool
first_wins(const struct sl_keyword *kw)
{
	return kw != NULL && kw->opt != SL_OPT_NONE &&
	    (kw->mult == SL_MULT_FIRST || kw->mult == SL_MULT_FIRSTLINE) &&
	    !(kw->flags & (SL_KWF_DEPRECATED | SL_KWF_UNSUPPORTED |
	    SL_KWF_IGNORED | SL_KWF_NOACTIVE));
}

/*
 * Per file: duplicates within a block (SSH102), Host lines that never
 * match (SSH103), Include inside a block (SSH106), sshd lines flush left
 * after an indented Match block (SSH105). *dup marks the lines reported
 * as duplicates (not reported again as shadowed).
 */
static void
file_checks(struct an *an, uint32_t sid)
{
	bool *dup = an->dup[sid];
	const struct sl_file *f = an->ctx->src[sid]->cst;
	uint32_t b, i, j;

	for (b = 0; b < f->nblocks; b++) {
		const struct sl_block *bl = &f->blocks[b];
		int32_t indent = -1;

		if (bl->header >= 0) {
			const struct sl_line *h = &f->lines[bl->header];
			const struct sl_keyword *hk = line_kw(an, h);
			bool pos = false;

			if (hk != NULL && (hk->flags & SL_KWF_HOST)) {
				for (i = 0; i < h->nargs; i++)
					if (h->args[i].val[0] != '!')
						pos = true;
				if (!pos && h->nargs > 0)
					report(an, SL_RULE_HOST_NEVER_MATCHES,
					    (struct sl_origin){ (int32_t)sid,
					    (uint32_t)bl->header }, "'Host %s' "
					    "has negated patterns only and "
					    "never matches; its block is dead",
					    h->args[0].val);
			}
		}
		for (i = bl->first; i < bl->last; i++) {
			const struct sl_line *l = &f->lines[i];
			const struct sl_keyword *kw = line_kw(an, l);

			if (kw == NULL || (int32_t)i == bl->header)
				continue;
			if ((kw->flags & SL_KWF_INCLUDE) && bl->header >= 0)
				report(an, SL_RULE_INCLUDE_IN_BLOCK,
				    (struct sl_origin){ (int32_t)sid, i },
				    "Include inside the block of line %u: the "
				    "included files apply only where that "
				    "block matches", f->lines[bl->header].lineno);
			if (an->dialect == SL_DIALECT_SSHD && bl->header >= 0) {
				int32_t in = l->kw_tok >= 0 ? (int32_t)
				    (l->tok[l->kw_tok].start - l->start) : 0;

				if (indent < 0)
					indent = in;
				else if (indent > 0 && in == 0)
					report_fix(an, SL_RULE_GLOBAL_AFTER_MATCH,
					    (struct sl_origin){ (int32_t)sid, i },
					    fix_move(an, sid, i, kw),
					    "'%s' is written flush left after "
					    "the indented Match block of line "
					    "%u, but it belongs to that block "
					    "and applies only to matching "
					    "connections", l->keyword,
					    f->lines[bl->header].lineno);
			}
			/* a line without its argument is an error of its own,
			 * not a value: it neither duplicates nor is duplicated */
			if (!first_wins(kw) || (l->flags & SL_LF_NO_ARGUMENT))
				continue;
			for (j = bl->first; j < i; j++) {
				const struct sl_keyword *k2 =
				    line_kw(an, &f->lines[j]);

				if (k2 != NULL && k2->opt == kw->opt &&
				    (int32_t)j != bl->header &&
				    !(f->lines[j].flags & SL_LF_NO_ARGUMENT))
					break;
			}
			if (j < i) {
				struct sl_origin o = { (int32_t)sid, i };

				dup[i] = true;
				report_fix(an, SL_RULE_DUPLICATE, o,
				    fix_delete(an, o, NULL, "deleted the "
				    "duplicate line"), "%s is already set on "
				    "line %u of this block; this line has no "
				    "effect", kw->name, f->lines[j].lineno);
			}
		}
	}
}

/* '-' entries that remove nothing from the release's defaults. */
static const struct {
	enum sl_opt ssh, sshd;
	enum sl_algo_opt ao;
} algo_keys[] = {
	{ SL_OPT_SSH_CIPHERS, SL_OPT_SSHD_CIPHERS, SL_AO_CIPHERS },
	{ SL_OPT_SSH_MACS, SL_OPT_SSHD_MACS, SL_AO_MACS },
	{ SL_OPT_SSH_KEXALGORITHMS, SL_OPT_SSHD_KEXALGORITHMS, SL_AO_KEX },
	{ SL_OPT_SSH_HOSTKEYALGORITHMS, SL_OPT_SSHD_HOSTKEYALGORITHMS,
	    SL_AO_HOSTKEY },
	{ SL_OPT_SSH_PUBKEYACCEPTEDALGORITHMS,
	    SL_OPT_SSHD_PUBKEYACCEPTEDALGORITHMS, SL_AO_PUBKEY },
	{ SL_OPT_SSH_HOSTBASEDACCEPTEDALGORITHMS,
	    SL_OPT_SSHD_HOSTBASEDACCEPTEDALGORITHMS, SL_AO_HOSTBASED },
	{ SL_OPT_SSH_CASIGNATUREALGORITHMS, SL_OPT_SSHD_CASIGNATUREALGORITHMS,
	    SL_AO_CASIG },
};

static void
removal_checks(struct an *an, uint32_t sid)
{
	const struct sl_file *f = an->ctx->src[sid]->cst;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	uint32_t i;
	size_t k, d;

	for (i = 0; i < f->nlines; i++) {
		const struct sl_line *l = &f->lines[i];
		const struct sl_keyword *kw = line_kw(an, l);
		const char *p, *e;

		if (kw == NULL || l->nargs != 1 || l->args[0].val[0] != '-')
			continue;
		for (k = 0; k < sizeof(algo_keys) / sizeof(algo_keys[0]); k++)
			if (kw->opt == (an->dialect == SL_DIALECT_SSH ?
			    algo_keys[k].ssh : algo_keys[k].sshd))
				break;
		if (k == sizeof(algo_keys) / sizeof(algo_keys[0]))
			continue;
		for (p = l->args[0].val + 1; *p; p = *e ? e + 1 : e) {
			struct sl_namelist def = sl_algo_default(an->version,
			    an->dialect == SL_DIALECT_SSHD, algo_keys[k].ao,
			    true);
			bool hit = false;

			e = strchr(p, ',');
			if (e == NULL)
				e = p + strlen(p);
			if (e == p || *p == '!')
				continue;
			sb.len = 0;
			sl_strbuf_add(&sb, p, (size_t)(e - p));
			if (sb.failed)
				break;
			for (d = 0; d < def.n && !hit; d++)
				hit = sl_match_pattern(def.names[d], sb.buf);
			if (!hit)
				report(an, SL_RULE_USELESS_REMOVAL,
				    (struct sl_origin){ (int32_t)sid, i },
				    "'-%s' removes nothing: no default %s of "
				    "OpenSSH %d.%d matches it", sb.buf,
				    kw->name, an->version / 100,
				    an->version % 100);
		}
	}
	if (sb.failed)
		an->oom = true;
	sl_strbuf_release(&sb);
}

/* ---- crypto per effective host / connection ---- */

enum { K_KEX, K_CIPHER, K_MAC, K_KEY, K_CA };

static int
category(int kind, const char *n)
{
	size_t len = strlen(n);

	switch (kind) {
	case K_KEY:
	case K_CA:
		if (strncmp(n, "ssh-rsa", 7) == 0 ||
		    strncmp(n, "ssh-dss", 7) == 0)
			return SL_RULE_SHA1_SIGNATURE;
		return -1;
	case K_KEX:
		if (strcmp(n, "diffie-hellman-group1-sha1") == 0 ||
		    strcmp(n, "diffie-hellman-group14-sha1") == 0 ||
		    strcmp(n, "diffie-hellman-group-exchange-sha1") == 0 ||
		    (strncmp(n, "gss-", 4) == 0 && strstr(n, "sha1")))
			return SL_RULE_SHA1_KEX;
		return -1;
	case K_CIPHER:
		if (strncmp(n, "3des", 4) == 0 || strncmp(n, "arcfour", 7) == 0 ||
		    strncmp(n, "blowfish", 8) == 0 ||
		    strncmp(n, "cast128", 7) == 0)
			return SL_RULE_WEAK_CIPHER;
		if ((len > 4 && strcmp(n + len - 4, "-cbc") == 0) ||
		    strcmp(n, "rijndael-cbc@lysator.liu.se") == 0)
			return SL_RULE_CBC_CIPHER;
		return -1;
	case K_MAC:
		if (strncmp(n, "hmac-md5", 8) == 0 || strstr(n, "-96") != NULL)
			return SL_RULE_WEAK_MAC;
		return -1;
	}
	return -1;
}

static const char *const why[] = {
	[SL_RULE_SHA1_SIGNATURE] = "SHA-1 signatures",
	[SL_RULE_SHA1_KEX] = "SHA-1 or a small group",
	[SL_RULE_WEAK_CIPHER] = "obsolete cipher",
	[SL_RULE_CBC_CIPHER] = "CBC mode",
	[SL_RULE_WEAK_MAC] = "MD5 or truncated MAC",
};

static const struct {
	const char *key;	/* printed name (ssh -G / sshd -T) */
	int kind;
	enum sl_pol_kind pk;
} lists[] = {
	{ "kexalgorithms", K_KEX, SL_PK_KEX },
	{ "ciphers", K_CIPHER, SL_PK_CIPHERS },
	{ "macs", K_MAC, SL_PK_MACS },
	{ "hostkeyalgorithms", K_KEY, SL_PK_HOSTKEY },
	{ "pubkeyacceptedalgorithms", K_KEY, SL_PK_PUBKEY },
	{ "hostbasedacceptedalgorithms", K_KEY, SL_PK_PUBKEY },
	{ "casignaturealgorithms", K_CA, SL_PK_CA },
};

/* Does an exception of the policy allow `name` of kind pk for the host? */
static bool
excepted(const struct an *an, enum sl_pol_kind pk, const char *name)
{
	size_t i;

	if (an->pol == NULL || an->who == NULL || an->anyone)
		return false;
	for (i = 0; i < an->pol->nexc; i++)
		if (sl_pattern_match(&an->pol->exc[i].hosts, an->who) &&
		    sl_patlist_match(&an->pol->exc[i].algos[pk].allow, name))
			return true;
	return false;
}

static void
crypto_checks(struct an *an, const struct sl_eff *e)
{
	size_t i, k;

	for (i = 0; i < e->nitems; i++) {
		const struct sl_eff_item *it = &e->items[i];
		char name[128];
		const char *p, *q;
		bool first = true, pq = false;

		for (k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
			if (strcasecmp(it->key, lists[k].key) == 0)
				break;
		if (k == sizeof(lists) / sizeof(lists[0]))
			continue;
		if (it->value[0] == '\0') {
			if (it->origin.source_id >= 0)
				report(an, SL_RULE_EMPTY_ALGO_LIST, it->origin,
				    "%s is empty: nothing is left to "
				    "negotiate", it->key);
			continue;
		}
		/* only what a directive enabled is reported */
		if (it->origin.source_id < 0)
			continue;
		for (p = it->value; *p; p = *q ? q + 1 : q) {
			const struct sl_pol_algos *pa = NULL;
			int rule;

			q = strchr(p, ',');
			if (q == NULL)
				q = p + strlen(p);
			if ((size_t)(q - p) >= sizeof(name))
				continue;
			memcpy(name, p, (size_t)(q - p));
			name[q - p] = '\0';
			if (lists[k].kind == K_KEX && first)
				pq = strncmp(name, "sntrup761", 9) == 0 ||
				    strncmp(name, "mlkem", 5) == 0;
			first = false;
			if (excepted(an, lists[k].pk, name))
				continue;
			rule = category(lists[k].kind, name);
			if (an->pol != NULL) {
				pa = &an->pol->algos[lists[k].pk];
				if (sl_patlist_match(&pa->forbid, name))
					rule = rule >= 0 ? rule :
					    SL_RULE_ALGO_POLICY;
				else if (pa->allow.n > 0 &&
				    !sl_patlist_match(&pa->allow, name))
					rule = rule >= 0 ? rule :
					    SL_RULE_ALGO_POLICY;
				else
					rule = -1;
			}
			if (rule >= 0)
				report_fix(an, rule, it->origin,
				    fix_remove_algo(an, it->origin, name,
				    it->key), "%s enables %s (%s)", it->key,
				    name, rule == SL_RULE_ALGO_POLICY ? "not "
				    "allowed by the policy" : why[rule]);
			if (lists[k].kind == K_MAC && an->pol != NULL &&
			    an->pol->etm_only && strstr(name, "-etm@") == NULL)
				report(an, SL_RULE_NON_ETM_MAC, it->origin,
				    "%s enables %s, which is not "
				    "encrypt-then-MAC", it->key, name);
		}
		if (lists[k].kind == K_KEX && an->pol != NULL &&
		    an->pol->pq_kex_first && !pq)
			report(an, SL_RULE_NO_PQ_KEX, it->origin, "the first "
			    "key exchange method is not post-quantum");
	}
}

/* ---- settings: built-in dangers and the policy's requirements ---- */

static const struct sl_eff_item *
item(const struct sl_eff *e, const char *key)
{
	size_t i;

	for (i = 0; i < e->nitems; i++)
		if (strcasecmp(e->items[i].key, key) == 0)
			return &e->items[i];
	return NULL;
}

static const struct {
	const char *key;
	int rule;
} req_rules[] = {
	{ "permitrootlogin", SL_RULE_ROOT_LOGIN },
	{ "passwordauthentication", SL_RULE_PASSWORD_AUTH },
	{ "permitemptypasswords", SL_RULE_EMPTY_PASSWORDS },
	{ "kbdinteractiveauthentication", SL_RULE_KBD_INTERACTIVE },
	{ "x11forwarding", SL_RULE_X11_FORWARDING },
	{ "allowagentforwarding", SL_RULE_FORWARDING },
	{ "allowtcpforwarding", SL_RULE_FORWARDING },
	{ "maxauthtries", SL_RULE_MAX_AUTH_TRIES },
	{ "logingracetime", SL_RULE_LOGIN_GRACE },
	{ "strictmodes", SL_RULE_STRICT_MODES },
	{ "ignorerhosts", SL_RULE_RHOSTS },
	{ "hostbasedauthentication", SL_RULE_RHOSTS },
	{ "permituserenvironment", SL_RULE_USER_ENVIRONMENT },
	{ "loglevel", SL_RULE_LOG_LEVEL },
	{ "clientaliveinterval", SL_RULE_CLIENT_ALIVE },
	{ "clientalivecountmax", SL_RULE_CLIENT_ALIVE },
	{ "stricthostkeychecking", SL_RULE_STRICT_HOST_KEY },
	{ "userknownhostsfile", SL_RULE_KNOWN_HOSTS_NULL },
	{ "forwardagent", SL_RULE_AGENT_WILDCARD },
	{ "forwardx11", SL_RULE_X11_WILDCARD },
	{ "forwardx11trusted", SL_RULE_X11_WILDCARD },
	{ "checkhostip", SL_RULE_CHECK_HOST_IP },
	{ "verifyhostkeydns", SL_RULE_CHECK_HOST_IP },
	{ "hashknownhosts", SL_RULE_CHECK_HOST_IP },
};

static void
patlist_text(const struct sl_patlist *l, struct sl_strbuf *sb)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		sl_strbuf_addf(sb, "%s%s%s", i ? ", " : "",
		    l->v[i].type == SL_PAT_REGEX ? "regex:" : "", l->v[i].text);
}

/* Does the policy have a requirement on this printed keyword? Then the
 * built-in check of the same keyword stays quiet (no double report). */
static bool
pol_requires(const struct an *an, const char *key)
{
	size_t i;

	for (i = 0; an->pol != NULL && i < an->pol->nreq; i++)
		if (an->pol->req[i].dialect == an->dialect &&
		    strcasecmp(an->pol->req[i].keyword, key) == 0)
			return true;
	return false;
}

/* The item of `key` when the built-in check should look at it. */
static const struct sl_eff_item *
builtin_item(const struct an *an, const struct sl_eff *e, const char *key)
{
	return pol_requires(an, key) ? NULL : item(e, key);
}

static void
setting_checks(struct an *an, const struct sl_eff *e)
{
	const struct sl_eff_item *it;
	size_t i, k;

	/* built-in clear dangers (the policy may turn the rules off) */
	if (an->dialect == SL_DIALECT_SSHD) {
		if ((it = builtin_item(an, e, "permitemptypasswords")) != NULL &&
		    strcmp(it->value, "yes") == 0)
			report_fix(an, SL_RULE_EMPTY_PASSWORDS, it->origin,
			    fix_value(an, it->origin, "no", it->key),
			    "PermitEmptyPasswords yes: accounts without a "
			    "password can log in");
	} else {
		if ((it = builtin_item(an, e, "stricthostkeychecking")) != NULL &&
		    strcmp(it->value, "false") == 0 && it->origin.source_id >= 0)
			report_fix(an, SL_RULE_STRICT_HOST_KEY, it->origin,
			    fix_value(an, it->origin, "accept-new", it->key),
			    "StrictHostKeyChecking no accepts any host key, "
			    "also a changed one");
		if ((it = builtin_item(an, e, "userknownhostsfile")) != NULL &&
		    strcmp(it->value, "/dev/null") == 0 &&
		    it->origin.source_id >= 0)
			report_fix(an, SL_RULE_KNOWN_HOSTS_NULL, it->origin,
			    fix_delete(an, it->origin, it->key, "deleted "
			    "UserKnownHostsFile /dev/null"),
			    "UserKnownHostsFile /dev/null: host keys are never "
			    "remembered");
		if (an->anyone && (it = builtin_item(an, e, "forwardagent")) != NULL &&
		    strcmp(it->value, "no") != 0 && it->origin.source_id >= 0)
			report_fix(an, SL_RULE_AGENT_WILDCARD, it->origin,
			    fix_value(an, it->origin, "no", it->key),
			    "ForwardAgent applies to every host: each server "
			    "can use your agent while you are connected");
		if (an->anyone && (((it = builtin_item(an, e, "forwardx11")) != NULL &&
		    strcmp(it->value, "yes") == 0 && it->origin.source_id >= 0)))
			report_fix(an, SL_RULE_X11_WILDCARD, it->origin,
			    fix_value(an, it->origin, "no", it->key),
			    "ForwardX11 applies to every host");
	}
	if (an->pol == NULL)
		return;
	for (i = 0; i < an->pol->nreq; i++) {
		const struct sl_pol_require *rq = &an->pol->req[i];
		struct sl_strbuf sb = SL_STRBUF_INIT;
		int rule = SL_RULE_POLICY_SETTING;
		struct fixspec *fx;
		char vb[16];

		if (rq->dialect != an->dialect)
			continue;
		if ((it = item(e, rq->keyword)) == NULL ||
		    sl_patlist_match(&rq->values, it->value))
			continue;
		for (k = 0; k < sizeof(req_rules) / sizeof(req_rules[0]); k++)
			if (strcasecmp(req_rules[k].key, rq->keyword) == 0)
				rule = req_rules[k].rule;
		patlist_text(&rq->values, &sb);
		if (sb.failed) {
			an->oom = true;
			sl_strbuf_release(&sb);
			return;
		}
		{
			const char *want = NULL;

			for (k = 0; k < rq->values.n && want == NULL; k++)
				if (rq->values.v[k].type == SL_PAT_EXACT)
					want = rq->values.v[k].text;
			fx = want == NULL ? NULL : it->origin.source_id >= 0 ?
			    fix_value(an, it->origin, want, rq->keyword) :
			    fix_insert(an, it->opt, want, rq->keyword);
		}
		an->sev_override = rq->severity_set ? (int)rq->severity : -1;
		report_fix(an, rule, it->origin, fx, "%s is %s%s%s; the policy "
		    "requires %s%s%s%s", rq->keyword, it->value[0] ? it->value :
		    "empty",
		    it->origin.source_id < 0 ? " (the default of OpenSSH " : "",
		    it->origin.source_id < 0 ? sl_version_str(an->version, vb,
		    sizeof(vb)) : "", sb.buf,
		    it->origin.source_id < 0 ? ")" : "",
		    rq->why ? ": " : "", rq->why ? rq->why : "");
		an->sev_override = -1;
		sl_strbuf_release(&sb);
	}
	if ((it = item(e, "requiredrsasize")) != NULL) {
		long bits = strtol(it->value, NULL, 10);
		int min = an->pol->min_rsa_bits > 0 ? an->pol->min_rsa_bits :
		    2048;

		char mb[16];

		snprintf(mb, sizeof(mb), "%d", min);
		if (bits < min && it->origin.source_id >= 0)
			report_fix(an, SL_RULE_SMALL_RSA, it->origin,
			    fix_value(an, it->origin, mb, it->key),
			    "RequiredRSASize %ld accepts RSA keys smaller "
			    "than %d bits", bits, min);
	}
}

/* ---- the client ---- */

/* A host name that matches the glob `p` and no literal Host name. */
static char *
instance(const char *p)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;

	sl_strbuf_adds(&sb, "");
	for (; *p; p++) {
		if (*p == '*')
			sl_strbuf_adds(&sb, "sshlint-any");
		else if (*p == '?')
			sl_strbuf_addc(&sb, 'z');
		else
			sl_strbuf_addc(&sb, *p);
	}
	return sl_strbuf_detach(&sb);
}

/* Append a name; duplicates are removed once at the end (uniq_names). */
static int
add_name(char ***v, size_t *n, size_t *cap, const char *s, size_t len)
{
	if (sl_grow(v, cap, *n, sizeof(**v), 16) != 0 ||
	    ((*v)[*n] = sl_strndup(s, len)) == NULL)
		return SL_ENOMEM;
	(*n)++;
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
uniq_names(char **v, size_t *n)
{
	size_t i, k = 0;

	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_name);
	for (i = 0; i < *n; i++) {
		if (k > 0 && strcmp(v[k - 1], v[i]) == 0) {
			sl_free(v[i]);
			continue;
		}
		v[k++] = v[i];
	}
	*n = k;
}

/* Hosts to evaluate besides the literal ones: a made-up instance of each
 * wildcard Host pattern, and the patterns of Match host/originalhost. */
static int
add_instance(char ***v, size_t *n, size_t *cap, const char *p, size_t len)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char *t = sl_strndup(p, len), *x = t ? instance(t) : NULL;
	int r = SL_ENOMEM;

	/* "instance<TAB>pattern": findings name the pattern, not the
	 * made-up instance */
	if (x != NULL && strcmp(x, t) == 0)
		r = add_name(v, n, cap, x, strlen(x));
	else if (x != NULL && sl_strbuf_addf(&sb, "%s\thosts matching '%s'",
	    x, t) == 0)
		r = add_name(v, n, cap, sb.buf, sb.len);
	sl_strbuf_release(&sb);
	sl_free(t);
	sl_free(x);
	return r;
}

static int
wildcard_hosts(struct an *an, const bool *in_tree, char ***v, size_t *n,
    size_t *cap)
{
	size_t s;
	uint32_t i, a;

	for (s = 0; s < an->ctx->nsrc; s++) {
		const struct sl_file *f = an->ctx->src[s]->cst;

		if (!in_tree[s] || f == NULL)
			continue;
		for (i = 0; i < f->nlines; i++) {
			const struct sl_line *l = &f->lines[i];
			const struct sl_keyword *kw = line_kw(an, l);

			if (kw == NULL)
				continue;
			for (a = 0; (kw->flags & SL_KWF_HOST) && a < l->nargs;
			    a++) {
				const char *p = l->args[a].val;

				if (*p != '!' && strpbrk(p, "*?") != NULL &&
				    add_instance(v, n, cap, p, strlen(p)) != 0)
					return SL_ENOMEM;
			}
			for (a = 1; (kw->flags & SL_KWF_MATCH) && a < l->nargs;
			    a++) {
				const char *p = l->args[a].val, *e;
				const char *c = l->args[a - 1].val;

				if (strcasecmp(c, "host") != 0 &&
				    strcasecmp(c, "originalhost") != 0)
					continue;
				for (; *p; p = *e ? e + 1 : e) {
					if ((e = strchr(p, ',')) == NULL)
						e = p + strlen(p);
					if (*p != '!' && e > p &&
					    add_instance(v, n, cap, p,
					    (size_t)(e - p)) != 0)
						return SL_ENOMEM;
				}
			}
		}
	}
	return 0;
}

static void
shadow_report(struct an *an, const struct sl_op_trace *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct sl_line *l, *w;

		if (!t[i].traced || t[i].active == 0 || t[i].used > 0 ||
		    t[i].winner.source_id < 0 ||
		    an->dup[t[i].source_id][t[i].line])
			continue;
		l = &an->ctx->src[t[i].source_id]->cst->lines[t[i].line];
		w = &an->ctx->src[t[i].winner.source_id]->cst->
		    lines[t[i].winner.line];
		report_fix(an, SL_RULE_SHADOWED, (struct sl_origin){ (int32_t)
		    t[i].source_id, t[i].line }, fix_delete(an, (struct
		    sl_origin){ (int32_t)t[i].source_id, t[i].line }, NULL,
		    "deleted the dead line"), "%.*s never takes effect: "
		    "%s:%u sets it first for every host this line applies to",
		    (int)l->keyword_len, l->keyword,
		    an->ctx->src[t[i].winner.source_id]->path, w->lineno);
	}
}

/* Snapshot: the effective configuration of one target, as text. */
static void
snap_add(struct an *an, const char *who, const struct sl_eff *e)
{
	size_t i;

	sl_strbuf_addf(an->snap, "# %s\n", who);
	if (e->fatal != NULL)
		sl_strbuf_addf(an->snap, "! %s\n", e->fatal);
	for (i = 0; i < e->nitems; i++)
		sl_strbuf_addf(an->snap, "%s %s\n", e->items[i].key,
		    e->items[i].value);
	if (an->snap->failed)
		an->oom = true;
}

static int
analyze_client(struct an *an, const bool *in_tree)
{
	struct sl_client *c = NULL;
	struct sl_eff *e = NULL;
	struct sl_client_query q;
	const struct sl_op_trace *t;
	char **hosts = NULL;
	size_t nh = 0, caph = 0, i, nt;
	uint32_t id = an->top->id;
	int r;

	if ((r = sl_client_open_src(an->ctx, &id, 1, an->version, &c)) != 0 ||
	    (r = sl_client_trace_enable(c)) != 0)
		goto out;
	r = SL_ENOMEM;
	if ((e = sl_eff_new(SL_DIALECT_SSH, an->version)) == NULL)
		goto out;
	for (i = 0; i < sl_client_nhosts(c); i++)
		if (add_name(&hosts, &nh, &caph, sl_client_host(c, i),
		    strlen(sl_client_host(c, i))) != 0)
			goto out;
	if (wildcard_hosts(an, in_tree, &hosts, &nh, &caph) != 0 ||
	    add_name(&hosts, &nh, &caph, "*", 1) != 0)
		goto out;
	uniq_names(hosts, &nh);
	memset(&q, 0, sizeof(q));
	for (i = 0; i < nh && !an->oom; i++) {
		char *tab = strchr(hosts[i], '\t');

		if (tab != NULL)
			*tab = '\0';
		q.host = hosts[i];
		if ((r = sl_client_eval(c, &q, e)) != 0)
			goto out;
		an->anyone = strcmp(hosts[i], "*") == 0;
		an->who = an->anyone ? "any host" : tab ? tab + 1 : hosts[i];
		if (an->snap != NULL) {
			snap_add(an, hosts[i], e);
			continue;
		}
		if (e->fatal != NULL)
			continue;
		crypto_checks(an, e);
		setting_checks(an, e);
	}
	an->who = NULL;
	an->anyone = false;
	nt = sl_client_trace(c, &t);
	if (an->snap == NULL)
		shadow_report(an, t, nt);
	r = 0;
 out:
	for (i = 0; i < nh; i++)
		sl_free(hosts[i]);
	sl_free(hosts);
	sl_eff_free(e);
	sl_client_free(c);
	return r;
}

/* ---- the server ---- */

/* A value matching the first positive pattern of a list, or NULL. */
static char *
example(const char *list, bool addr)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *p = list, *e;

	for (; *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (*p == '!' || e == p)
			continue;
		sl_strbuf_adds(&sb, "");
		for (; p < e; p++) {
			if (addr && *p == '/')
				break;
			if (*p == '*')
				sl_strbuf_adds(&sb, addr ? "1" : "x");
			else if (*p == '?')
				sl_strbuf_addc(&sb, addr ? '1' : 'x');
			else
				sl_strbuf_addc(&sb, *p);
		}
		return sl_strbuf_detach(&sb);
	}
	return NULL;
}

/* sshd reads global lines first-wins: later global lines are dead. */
static void
sshd_shadow(struct an *an, uint32_t sid, int depth, int32_t *first_src,
    uint32_t *first_line)
{
	const struct sl_file *f = an->ctx->src[sid]->cst;
	uint32_t i, k;

	if (f == NULL || depth > SL_MAX_INCLUDE_DEPTH)
		return;
	for (i = 0; i < f->nlines; i++) {
		const struct sl_line *l = &f->lines[i];
		const struct sl_keyword *kw = line_kw(an, l);

		if (kw == NULL)
			continue;
		if (kw->flags & SL_KWF_MATCH) {
			/* 'Match all' at startup is global; others end it */
			if (!(l->nargs == 1 && strcasecmp(l->args[0].val,
			    "all") == 0))
				return;
			continue;
		}
		if (kw->flags & SL_KWF_INCLUDE) {
			for (k = 0; k < l->nincludes; k++)
				sshd_shadow(an, l->includes[k], depth + 1,
				    first_src, first_line);
			continue;
		}
		if (!first_wins(kw) || (l->flags & SL_LF_NO_ARGUMENT))
			continue;
		if (first_src[kw->opt] < 0) {
			first_src[kw->opt] = (int32_t)sid;
			first_line[kw->opt] = i;
		} else if (!an->dup[sid][i]) {
			const struct sl_line *w = &an->ctx->src[first_src[
			    kw->opt]]->cst->lines[first_line[kw->opt]];

			struct sl_origin o = { (int32_t)sid, i };

			report_fix(an, SL_RULE_SHADOWED, o, fix_delete(an, o,
			    NULL, "deleted the dead line"), "%.*s never takes "
			    "effect: %s:%u sets it first (sshd keeps the first "
			    "value of a global keyword)", (int)l->keyword_len,
			    l->keyword, an->ctx->src[first_src[kw->opt]]->path,
			    w->lineno);
		}
	}
}

static int
analyze_server(struct an *an, const bool *in_tree)
{
	struct sl_eff *e = sl_eff_new(SL_DIALECT_SSHD, an->version);
	struct sl_conn_spec spec;
	int32_t *fs = NULL;
	uint32_t *fl = NULL;
	size_t s, k;
	uint32_t i, a;
	int r = SL_ENOMEM;

	if (e == NULL)
		return SL_ENOMEM;
	memset(&spec, 0, sizeof(spec));
	an->anyone = true;
	an->who = "every connection";
	if ((r = sl_eval_server_src(an->ctx, an->opts, an->top->id,
	    an->version, &spec, NULL, 0, e)) != 0)
		goto out;
	if (an->snap != NULL)
		snap_add(an, "(no connection spec)", e);
	else if (e->fatal == NULL) {
		crypto_checks(an, e);
		setting_checks(an, e);
	}
	an->anyone = false;
	/* one connection class per Match block */
	for (s = 0; s < an->ctx->nsrc && !an->oom; s++) {
		const struct sl_file *f = an->ctx->src[s]->cst;

		if (!in_tree[s] || f == NULL)
			continue;
		for (i = 0; i < f->nlines; i++) {
			const struct sl_line *l = &f->lines[i];
			const struct sl_keyword *kw = line_kw(an, l);
			char *vals[6] = { NULL, NULL, NULL, NULL, NULL, NULL };
			char label[160];
			bool skip = false;

			if (kw == NULL || !(kw->flags & SL_KWF_MATCH))
				continue;
			memset(&spec, 0, sizeof(spec));
			for (a = 0; a + 1 < l->nargs; a += 2) {
				const char *c = l->args[a].val;
				const char *v = l->args[a + 1].val;

				static const char *const crit[6] = { "user",
				    "host", "address", "localaddress",
				    "localport", "rdomain" };

				for (k = 0; k < 6; k++)
					if (strcasecmp(c, crit[k]) == 0)
						break;
				if (k == 6) {
					skip = true;	/* Group, All ... */
					continue;
				}
				/* a criterion given twice: the last example */
				sl_free(vals[k]);
				vals[k] = example(v, k == 2 || k == 3);
				spec.user = vals[0];
				spec.host = vals[1];
				spec.addr = vals[2];
				spec.laddr = vals[3];
				spec.lport = vals[4];
				spec.rdomain = vals[5];
			}
			snprintf(label, sizeof(label), "connections matching "
			    "'%.*s' (%s:%u)", (int)(l->content_end - l->tok[
			    l->kw_tok].start), an->ctx->src[s]->data + l->tok[
			    l->kw_tok].start, an->ctx->src[s]->path, l->lineno);
			if (!skip && (r = sl_eval_server_src(an->ctx, an->opts,
			    an->top->id, an->version, &spec, NULL, 0, e)) != 0)
				skip = true;
			if (!skip && an->snap != NULL) {
				/* no line number: edits move lines */
				snprintf(label, sizeof(label), "%.*s",
				    (int)(l->content_end - l->tok[
				    l->kw_tok].start), an->ctx->src[s]->data +
				    l->tok[l->kw_tok].start);
				snap_add(an, label, e);
			}
			else if (!skip && e->fatal == NULL) {
				an->who = label;
				crypto_checks(an, e);
				setting_checks(an, e);
			}
			for (k = 0; k < 6; k++)
				sl_free(vals[k]);
			if (r == SL_ENOMEM)
				goto out;
		}
	}
	an->who = NULL;
	if (an->snap != NULL) {
		r = 0;
		goto out;
	}
	/* dead global lines */
	r = SL_ENOMEM;
	if ((fs = sl_malloc(SL_OPT__COUNT * sizeof(*fs))) == NULL ||
	    (fl = sl_calloc(SL_OPT__COUNT, sizeof(*fl))) == NULL)
		goto out;
	for (k = 0; k < SL_OPT__COUNT; k++)
		fs[k] = -1;
	sshd_shadow(an, an->top->id, 0, fs, fl);
	r = 0;
 out:
	an->who = NULL;
	an->anyone = false;
	sl_free(fs);
	sl_free(fl);
	sl_eff_free(e);
	return r;
}

static int
run(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top, struct sl_strbuf *snap)
{
	struct an an;
	bool *in_tree;
	size_t s;
	int r = 0;

	if (top->cst == NULL)
		return 0;
	memset(&an, 0, sizeof(an));
	an.ctx = ctx;
	an.opts = opts;
	an.pol = opts->policy;
	an.top = top;
	an.dialect = top->dialect;
	an.version = opts->openssh_max > 0 ? opts->openssh_max :
	    sl_version_newest();
	an.snap = snap;
	an.sev_override = -1;
	if ((in_tree = sl_calloc(ctx->nsrc, sizeof(*in_tree))) == NULL)
		return SL_ENOMEM;
	tree_sources(&an, top->id, in_tree, 0);
	if ((an.dup = sl_calloc(ctx->nsrc, sizeof(*an.dup))) == NULL) {
		sl_free(in_tree);
		return SL_ENOMEM;
	}
	for (s = 0; s < ctx->nsrc && !an.oom; s++) {
		const struct sl_file *f = ctx->src[s]->cst;

		if ((an.dup[s] = sl_calloc(f ? f->nlines + 1 : 1,
		    sizeof(**an.dup))) == NULL) {
			an.oom = true;
			break;
		}
		if (!in_tree[s] || f == NULL)
			continue;
		if (snap != NULL)
			continue;
		file_checks(&an, (uint32_t)s);
		removal_checks(&an, (uint32_t)s);
	}
	if (an.oom)
		goto done;
	r = an.dialect == SL_DIALECT_SSH ? analyze_client(&an, in_tree) :
	    analyze_server(&an, in_tree);
	if (r == 0 && !an.oom && snap == NULL)
		flush(&an);
 done:
	release(&an);
	for (s = 0; s < ctx->nsrc; s++)
		sl_free(an.dup[s]);
	sl_free(an.dup);
	sl_free(in_tree);
	if (an.oom)
		return SL_ENOMEM;
	return r;
}

int
sl_analyze(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top)
{
	return run(ctx, opts, top, NULL);
}

int
sl_snapshot(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top, char **out)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	int r;

	*out = NULL;
	sl_strbuf_adds(&sb, "");
	if ((r = run(ctx, opts, top, &sb)) != 0 || sb.failed) {
		sl_strbuf_release(&sb);
		return r ? r : SL_ENOMEM;
	}
	*out = sl_strbuf_detach(&sb);
	return *out ? 0 : SL_ENOMEM;
}
