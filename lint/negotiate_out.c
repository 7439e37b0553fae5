/*
 * The planned fixes as edits of the configuration files (scoped to the
 * host's block in ssh_config, to a Match block in sshd_config when the
 * keyword may be there), and the text / JSON reports of sl_negotiate().
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/keywords.h"
#include "lint/negotiate.h"
#include "lint/negotiate_int.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"

#define V(a, b) SL_VERSION(a, b)

static const char *
ap(struct sl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
ap(struct sl_arena *a, const char *fmt, ...)
{
	va_list va;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *r = NULL;

	va_start(va, fmt);
	sl_strbuf_vaddf(&sb, fmt, va);
	va_end(va);
	if (!sb.failed)
		r = sl_arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	sl_strbuf_release(&sb);
	return r;
}

/* ---- keywords ---- */

static const char *
kw_name(enum sl_nopt o, int version)
{
	switch (o) {
	case SL_NO_KEX:
		return "KexAlgorithms";
	case SL_NO_HOSTKEYALGS:
		return "HostKeyAlgorithms";
	case SL_NO_CIPHERS:
		return "Ciphers";
	case SL_NO_MACS:
		return "MACs";
	case SL_NO_PUBKEY:
		return version >= V(8, 5) ? "PubkeyAcceptedAlgorithms" :
		    "PubkeyAcceptedKeyTypes";
	case SL_NO_CASIG:
		return "CASignatureAlgorithms";
	case SL_NO_RSASIZE:
		return "RequiredRSASize";
	case SL_NO_IDENTITIESONLY:
		return "IdentitiesOnly";
	case SL_NO_IDENTITYFILE:
		return "IdentityFile";
	case SL_NO__COUNT:
		break;
	}
	return "?";
}

/* ssh -G / sshd -T name of the setting. */
static const char *
eff_key(enum sl_nopt o)
{
	static const char *const k[SL_NO__COUNT] = {
		"kexalgorithms", "hostkeyalgorithms", "ciphers", "macs",
		"pubkeyacceptedalgorithms", "casignaturealgorithms",
		"requiredrsasize", "identitiesonly", "identityfile",
	};

	return (unsigned)o < SL_NO__COUNT ? k[o] : "";
}

/* ---- placing edits ---- */

static const struct sl_file *
cst_of(const struct sl_nego *n, uint32_t sid)
{
	if (sid >= n->ctx->nsrc || n->ctx->src[sid] == NULL)
		return NULL;
	return n->ctx->src[sid]->cst;
}

static bool
is_kw(const struct sl_line *ln, const char *kw)
{
	return ln->keyword != NULL && ln->keyword_len == strlen(kw) &&
	    strncasecmp(ln->keyword, kw, ln->keyword_len) == 0;
}

/* Block `b` is "Host H" for exactly this host. */
static bool
host_block(const struct sl_file *f, uint32_t b, const char *host)
{
	const struct sl_line *h;

	if (b >= f->nblocks || f->blocks[b].header < 0)
		return false;
	h = &f->lines[f->blocks[b].header];
	return is_kw(h, "Host") && h->nargs == 1 &&
	    strcasecmp(h->args[0].val, host) == 0;
}

static bool
match_block(const struct sl_file *f, uint32_t b)
{
	return b < f->nblocks && f->blocks[b].header >= 0 &&
	    is_kw(&f->lines[f->blocks[b].header], "Match");
}

/* Indentation used for a directive in block b (or the file). */
static const char *
indent_of(struct sl_nego *n, const struct sl_source *s, uint32_t b)
{
	const struct sl_file *f = s->cst;
	uint32_t i, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < f->nlines; i++) {
			const struct sl_line *ln = &f->lines[i];

			if (pass == 0 && ln->block != b)
				continue;
			if (ln->kind != SL_LINE_DIRECTIVE || ln->kw_tok != 1 ||
			    ln->tok[0].kind != SL_TOK_INDENT ||
			    (f->blocks[ln->block].header == (int32_t)i))
				continue;
			return sl_arena_strndup(&n->a, s->data +
			    ln->tok[0].start, ln->tok[0].end -
			    ln->tok[0].start);
		}
	}
	return "    ";
}

/* Last directive line of block b (its header when it has none). */
static uint32_t
last_line(const struct sl_file *f, uint32_t b)
{
	uint32_t i, last = f->blocks[b].header >= 0 ?
	    (uint32_t)f->blocks[b].header : UINT32_MAX;

	for (i = f->blocks[b].first; i < f->blocks[b].last; i++)
		if (f->lines[i].kind == SL_LINE_DIRECTIVE ||
		    f->lines[i].kind == SL_LINE_INCLUDE)
			last = i;
	return last;
}

static bool
has_eol(const struct sl_file *f, uint32_t i)
{
	const struct sl_line *ln = &f->lines[i];

	return ln->ntok > 0 && ln->tok[ln->ntok - 1].kind == SL_TOK_EOL;
}

/* Line of the top file that brings source `sid` in (directly or through
 * Includes), or -1. */
static long
top_line(const struct sl_nego *n, uint32_t top, uint32_t sid, int depth)
{
	const struct sl_file *f = cst_of(n, top);
	uint32_t i, j;

	if (f == NULL || depth > 16)
		return -1;
	if (top == sid)
		return 0;
	for (i = 0; i < f->nlines; i++) {
		const struct sl_line *ln = &f->lines[i];

		for (j = 0; j < ln->nincludes; j++)
			if (ln->includes[j] == sid ||
			    top_line(n, ln->includes[j], sid, depth + 1) >= 0)
				return (long)i;
	}
	return -1;
}

/* The line `ln` of source `sid` with [start, end) replaced by `text`. */
static const char *
line_after(struct sl_nego *n, uint32_t sid, const struct sl_line *ln,
    uint32_t start, uint32_t end, const char *text)
{
	const struct sl_source *src = n->ctx->src[sid];
	uint32_t lend = ln->end;

	while (lend > ln->start && (src->data[lend - 1] == '\n' ||
	    src->data[lend - 1] == '\r'))
		lend--;
	return ap(&n->a, "%.*s%s%.*s", (int)(start - ln->start),
	    src->data + ln->start, text, (int)(lend - end), src->data + end);
}

static int
add_edit(struct sl_nego *n, const struct sl_nego_edit *e)
{
	size_t i;

	/* a second line at the same insertion point joins the first */
	for (i = 0; i < n->nedits; i++) {
		struct sl_nego_edit *o = &n->edits[i];

		if (strcmp(o->action, "insert") == 0 &&
		    strcmp(e->action, "insert") == 0 &&
		    o->source_id == e->source_id && o->start == e->start &&
		    strcmp(o->where, e->where) == 0) {
			o->text = ap(&n->a, "%s%s", o->text, e->text);
			o->key = ap(&n->a, "%s,%s", o->key, e->key);
			o->why = ap(&n->a, "%s; %s", o->why, e->why);
			return o->text && o->key && o->why ? 0 : SL_ENOMEM;
		}
	}
	if (sl_grow(&n->edits, &n->capedits, n->nedits, sizeof(*n->edits),
	    4) != 0)
		return SL_ENOMEM;
	n->edits[n->nedits++] = *e;
	return 0;
}

/* A new block's text, or a line of it when the block already exists in
 * the pending edits (add_edit joins them). */
static int
place_client(struct sl_nego *n, const struct sl_nfix *fx)
{
	const struct sl_nego_side *c = &n->c;
	struct sl_origin w = c->origin[fx->opt];
	const char *host = n->query.host, *kw = kw_name(fx->opt, c->version);
	struct sl_nego_edit e;
	const struct sl_source *top;
	const struct sl_file *f;
	long wpos = -1;
	uint32_t b, L, i;
	const char *ind;

	memset(&e, 0, sizeof(e));
	e.side = "client";
	e.key = eff_key(fx->opt);
	e.why = fx->why;
	if (!n->have_client_top)
		return 0;
	top = n->ctx->src[n->client_top];
	f = top->cst;
	e.path = top->path;
	e.source_id = top->id;
	/* the winning line already in this host's own block: change it */
	if (w.source_id >= 0) {
		const struct sl_file *wf = cst_of(n, (uint32_t)w.source_id);
		const struct sl_line *ln;

		if (wf != NULL && w.line < wf->nlines) {
			ln = &wf->lines[w.line];
			if (host_block(wf, ln->block, host) && ln->nargs > 0) {
				e.path = n->ctx->src[w.source_id]->path;
				e.source_id = (uint32_t)w.source_id;
				e.start = ln->args[0].start;
				e.end = ln->args[ln->nargs - 1].end;
				e.line = ln->lineno;
				e.action = "replace";
				e.where = ap(&n->a, "the value on line %u (block "
				    "'Host %s')", ln->lineno, host);
				e.text = fx->value;
				e.line_text = line_after(n, e.source_id, ln,
				    e.start, e.end, e.text);
				return e.where && e.line_text ? add_edit(n, &e) :
				    SL_ENOMEM;
			}
		}
		wpos = top_line(n, n->client_top, (uint32_t)w.source_id, 0);
		if (wpos >= 0 && (uint32_t)w.source_id == n->client_top)
			wpos = w.line;
	}
	/* else a line in the host's block, if it comes before the winner */
	for (b = 0; b < f->nblocks; b++) {
		if (!host_block(f, b, host))
			continue;
		if (w.source_id >= 0 && (wpos < 0 ||
		    (long)f->blocks[b].header > wpos))
			break;
		L = last_line(f, b);
		ind = indent_of(n, top, b);
		e.start = e.end = f->lines[L].end;
		e.line = f->lines[L].lineno + 1;
		e.action = "insert";
		e.where = ap(&n->a, "after line %u, in block 'Host %s'",
		    f->lines[L].lineno, host);
		e.text = has_eol(f, L) ? ap(&n->a, "%s%s %s\n", ind, kw,
		    fx->value) : ap(&n->a, "\n%s%s %s", ind, kw, fx->value);
		return e.text && e.where ? add_edit(n, &e) : SL_ENOMEM;
	}
	ind = indent_of(n, top, UINT32_MAX);
	if (w.source_id < 0) {
		/* nothing sets it: a new block at the end */
		bool nl = top->len > 0 && top->data[top->len - 1] != '\n';

		e.start = e.end = (uint32_t)top->len;
		e.line = f->nlines + 1;
		e.action = "insert";
		e.where = ap(&n->a, "a new block 'Host %s' at the end of the "
		    "file", host);
		e.text = ap(&n->a, "%s%sHost %s\n%s%s %s\n", nl ? "\n" : "",
		    top->len > 0 ? "\n" : "", host, ind, kw, fx->value);
		/* a second line for the same new block */
		for (i = 0; i < n->nedits; i++)
			if (n->edits[i].source_id == e.source_id &&
			    n->edits[i].start == e.start &&
			    strcmp(n->edits[i].where, e.where) == 0)
				e.text = ap(&n->a, "%s%s %s\n", ind, kw,
				    fx->value);
		return e.text && e.where ? add_edit(n, &e) : SL_ENOMEM;
	}
	/* set earlier by a shared block: a block for the host before it */
	if (wpos >= 0 && (uint32_t)wpos < f->nlines &&
	    f->blocks[f->lines[wpos].block].header >= 0) {
		const struct sl_line *h = &f->lines[
		    f->blocks[f->lines[wpos].block].header];

		e.start = e.end = h->start;
		e.line = h->lineno;
		e.action = "insert";
		e.where = ap(&n->a, "a new block 'Host %s' before line %u",
		    host, h->lineno);
		e.text = ap(&n->a, "Host %s\n%s%s %s\n\n", host, ind, kw,
		    fx->value);
		for (i = 0; i < n->nedits; i++)
			if (n->edits[i].source_id == e.source_id &&
			    n->edits[i].start == e.start &&
			    strcmp(n->edits[i].where, e.where) == 0)
				e.text = ap(&n->a, "%s%s %s\n", ind, kw,
				    fx->value);
		return e.text && e.where ? add_edit(n, &e) : SL_ENOMEM;
	}
	/* a global line wins: it can only be changed for every host */
	{
		const struct sl_file *wf = cst_of(n, (uint32_t)w.source_id);
		const struct sl_line *ln;

		if (wf == NULL || w.line >= wf->nlines)
			return 0;
		ln = &wf->lines[w.line];
		if (ln->nargs == 0)
			return 0;
		e.path = n->ctx->src[w.source_id]->path;
		e.source_id = (uint32_t)w.source_id;
		e.start = ln->args[0].start;
		e.end = ln->args[ln->nargs - 1].end;
		e.line = ln->lineno;
		e.action = "replace";
		e.where = ap(&n->a, "the value on line %u (applies to every "
		    "host: the line is global)", ln->lineno);
		e.text = fx->value;
		e.line_text = line_after(n, e.source_id, ln, e.start, e.end,
		    e.text);
		return e.where && e.line_text ? add_edit(n, &e) : SL_ENOMEM;
	}
}

static int
place_server(struct sl_nego *n, const struct sl_nfix *fx)
{
	const struct sl_nego_side *s = &n->s;
	struct sl_origin w = s->origin[fx->opt];
	const char *kw = kw_name(fx->opt, s->version);
	const char *user = n->query.spec.user ? n->query.spec.user :
	    n->c.user;
	struct sl_nego_edit e;
	const struct sl_source *top;
	const struct sl_file *f;
	const char *ind;
	uint32_t L;

	memset(&e, 0, sizeof(e));
	e.side = "server";
	e.key = eff_key(fx->opt);
	e.why = fx->why;
	if (n->server_top == UINT32_MAX)
		return 0;
	top = n->ctx->src[n->server_top];
	f = top->cst;
	e.path = n->query.server_config != NULL ? top->path : "sshd_config";
	e.source_id = top->id;
	if (w.source_id >= 0) {
		const struct sl_file *wf = cst_of(n, (uint32_t)w.source_id);
		const struct sl_line *ln;

		if (wf != NULL && w.line < wf->nlines &&
		    (ln = &wf->lines[w.line])->nargs > 0 &&
		    (fx->global || match_block(wf, ln->block))) {
			/* the line in effect (a Match keeps its scope) */
			e.path = n->ctx->src[w.source_id]->path;
			e.source_id = (uint32_t)w.source_id;
			e.start = ln->args[0].start;
			e.end = ln->args[ln->nargs - 1].end;
			e.line = ln->lineno;
			e.action = "replace";
			e.where = match_block(wf, ln->block) ?
			    ap(&n->a, "the value on line %u (in its Match "
			    "block)", ln->lineno) : ap(&n->a, "the value on "
			    "line %u (global: every connection)", ln->lineno);
			e.text = fx->value;
			e.line_text = line_after(n, e.source_id, ln, e.start,
			    e.end, e.text);
			return e.where && e.line_text ? add_edit(n, &e) :
			    SL_ENOMEM;
		}
	}
	ind = indent_of(n, top, UINT32_MAX);
	if (!fx->global) {
		/* a Match block for this user at the end of the file */
		bool nl = top->len > 0 && top->data[top->len - 1] != '\n';
		size_t i;

		e.start = e.end = (uint32_t)top->len;
		e.line = f->nlines + 1;
		e.action = "insert";
		e.where = ap(&n->a, "a new block 'Match User %s' at the end of "
		    "the file", user);
		e.text = ap(&n->a, "%s%sMatch User %s\n%s%s %s\n", nl ? "\n" :
		    "", top->len > 0 ? "\n" : "", user, ind, kw, fx->value);
		for (i = 0; i < n->nedits; i++)
			if (n->edits[i].source_id == e.source_id &&
			    n->edits[i].start == e.start &&
			    strcmp(n->edits[i].where, e.where) == 0)
				e.text = ap(&n->a, "%s%s %s\n", ind, kw,
				    fx->value);
		return e.text && e.where ? add_edit(n, &e) : SL_ENOMEM;
	}
	/* global: after the last global directive (before any Match) */
	L = f->nblocks > 0 && f->blocks[0].header < 0 ? last_line(f, 0) :
	    UINT32_MAX;
	e.action = "insert";
	if (L == UINT32_MAX) {
		e.start = e.end = 0;
		e.line = 1;
		e.where = ap(&n->a, "at the top of the file (global: every "
		    "connection)");
		e.text = ap(&n->a, "%s %s\n", kw, fx->value);
	} else {
		e.start = e.end = f->lines[L].end;
		e.line = f->lines[L].lineno + 1;
		e.where = ap(&n->a, "after line %u (global: every "
		    "connection; sshd does not allow it in Match)",
		    f->lines[L].lineno);
		e.text = has_eol(f, L) ? ap(&n->a, "%s %s\n", kw, fx->value) :
		    ap(&n->a, "\n%s %s", kw, fx->value);
	}
	return e.text && e.where ? add_edit(n, &e) : SL_ENOMEM;
}

int
sl_nego_place(struct sl_nego *n)
{
	size_t i, j;
	int r;

	for (i = 0; i < n->nfixes; i++) {
		const struct sl_nfix *fx = &n->fixes[i];
		bool later = false;

		if (fx->side == SL_NW_SSHLINT || fx->opt == SL_NO__COUNT)
			continue;
		/* the last fix of a setting has the final value */
		for (j = i + 1; j < n->nfixes; j++)
			if (n->fixes[j].side == fx->side &&
			    n->fixes[j].opt == fx->opt &&
			    n->fixes[j].global == fx->global)
				later = true;
		if (later)
			continue;
		r = fx->side == SL_NW_CLIENT ? place_client(n, fx) :
		    place_server(n, fx);
		if (r != 0)
			return r;
	}
	return 0;
}

/* ---- output ---- */

const char *
sl_nego_stage_name(enum sl_nego_stage_id s)
{
	static const char *const names[] = { "config", "kex", "hostkey",
	    "cipher", "mac", "compression", "auth" };

	return (unsigned)s < SL_NEGO_STAGE__COUNT ? names[s] : "none";
}

const char *
sl_nego_status_name(enum sl_nego_status s)
{
	static const char *const names[] = { "ok", "fail", "warn", "skipped",
	    "not-reached" };

	return (unsigned)s <= SL_NEGO_NOT_REACHED ? names[s] : "?";
}

static const char *
level_name(enum sl_nlevel l)
{
	static const char *const names[] = { "fatal", "error", "info",
	    "verbose", "debug1", "debug3", "note" };

	return (unsigned)l <= SL_NL_NOTE ? names[l] : "?";
}

static const char *
who_name(enum sl_nwho w)
{
	return w == SL_NW_CLIENT ? "client" : w == SL_NW_SERVER ? "server" :
	    "sshlint";
}

static const char *
vstr(int v, char *buf, size_t len)
{
	if (v < V(7, 2)) {
		snprintf(buf, len, "%d.%d (legacy, modelled as 7.1)", v / 100,
		    v % 100);
		return buf;
	}
	return sl_version_str(v, buf, len);
}

static const char *
fix_scope(const struct sl_nfix *f)
{
	if (f->side == SL_NW_SSHLINT)
		return "advice";
	if (f->side == SL_NW_CLIENT)
		return "host";
	return f->global ? "global" : "match";
}

static void
print_msgs(FILE *out, const struct sl_nmsgs *m, size_t from, size_t to,
    const char *ind)
{
	size_t i;

	for (i = from; i < m->n && i < to; i++) {
		const struct sl_nmsg *x = &m->v[i];

		if (x->who == SL_NW_SSHLINT)
			fprintf(out, "%ssshlint: %s\n", ind, x->text);
		else
			fprintf(out, "%s%s [%s]: %s\n", ind, x->who ==
			    SL_NW_CLIENT ? "ssh" : "sshd", level_name(x->level),
			    x->text);
	}
}

static void
print_key(FILE *out, struct sl_arena *a, const struct sl_key *k)
{
	const char *fp = sl_key_fingerprint(a, k);

	fprintf(out, "%s", sl_key_type_name(k));
	if (k->bits > 0 && (k->kt == SL_KT_RSA || k->kt == SL_KT_DSA))
		fprintf(out, " %u", k->bits);
	if (fp != NULL && *fp)
		fprintf(out, " %s", fp);
	if (k->cert && k->cert_sigalg != NULL)
		fprintf(out, ", CA signature %s", k->cert_sigalg);
}

int
sl_nego_print_text(const struct sl_nego *cn, FILE *out)
{
	struct sl_nego *n = (struct sl_nego *)cn;
	const struct sl_nresult *r = &n->res;
	char b1[64], b2[64];
	size_t i;
	int s;

	fprintf(out, "client: OpenSSH %s, %s, host %s -> %s@%s port %s%s\n",
	    vstr(n->c.version, b1, sizeof(b1)), n->query.client_config,
	    n->query.host, n->c.user ? n->c.user : "?",
	    n->c.host ? n->c.host : "?", n->c.port ? n->c.port : "22",
	    n->c.via_proxy ? " (via a proxy)" : "");
	fprintf(out, "server: OpenSSH %s, %s; host keys:",
	    vstr(n->s.version, b2, sizeof(b2)), n->query.server_config ?
	    n->query.server_config : "release defaults");
	for (i = 0; i < n->s.nhostkeys; i++) {
		fprintf(out, "%s", i ? ", " : " ");
		print_key(out, &n->a, &n->s.hostkeys[i]);
	}
	fprintf(out, "%s\n\n", n->s.nhostkeys ? "" : " none known");
	for (s = 0; s < SL_NEGO_STAGE__COUNT; s++) {
		const struct sl_nstage *st = &r->stage[s];
		size_t nmissing = 0;

		fprintf(out, "%-12s %-12s", sl_nego_stage_name(
		    (enum sl_nego_stage_id)s), sl_nego_status_name(st->status));
		if (st->status == SL_NEGO_FAIL)
			fprintf(out, "%s", sl_nreason_name(st->reason));
		else if (st->chosen != NULL)
			fprintf(out, "%s", st->chosen);
		fputc('\n', out);
		if (st->status == SL_NEGO_NOT_REACHED)
			continue;
		if (st->client != NULL && s != SL_NEGO_AUTH)
			fprintf(out, "    client: %s\n    server: %s\n",
			    st->client, st->server ? st->server : "");
		if (s == SL_NEGO_AUTH) {
			print_msgs(out, &st->msgs, 0, st->pre, "    ");
			fprintf(out, "    client PubkeyAcceptedAlgorithms: %s\n"
			    "    server PubkeyAcceptedAlgorithms: %s\n"
			    "    server-sig-algs: %s\n",
			    st->client ? st->client : "-",
			    st->server ? st->server : "-",
			    r->server_sig_algs ? r->server_sig_algs :
			    "(none: no EXT_INFO)");
			for (i = 0; i < n->nids; i++) {
				const struct sl_nego_ident *id = &n->ids[i];
				const struct sl_nident_res *ir = &r->ident[i];

				if (ir->reason == SL_NR_NONE &&
				    ir->msgs.n == 0)
					continue;	/* not tried */
				if (ir->reason == SL_NR_ID_MISSING &&
				    !id->userprovided) {
					nmissing++;	/* a default: silent */
					continue;
				}
				fprintf(out, "    identity %s (", id->file);
				if (id->key_known)
					print_key(out, &n->a, &id->key);
				else
					fprintf(out, "type unknown");
				fprintf(out, "%s%s): %s", id->agent !=
				    SL_NAG_NONE ? ", in the agent" : "",
				    id->src == SL_NID_AGENT ? " only" : "",
				    sl_nreason_name(ir->reason));
				if (ir->sigalg != NULL)
					fprintf(out, " [%s]", ir->sigalg);
				fputc('\n', out);
				print_msgs(out, &ir->msgs, 0, SIZE_MAX,
				    "        ");
			}
		}
		if (nmissing > 0)
			fprintf(out, "    (%zu default identity file%s do%s not "
			    "exist)\n", nmissing, nmissing == 1 ? "" : "s",
			    nmissing == 1 ? "es" : "");
		print_msgs(out, &st->msgs, s == SL_NEGO_AUTH ? st->pre : 0,
		    SIZE_MAX, "    ");
	}
	fputc('\n', out);
	if (r->ok)
		fprintf(out, "result: the connection succeeds\n");
	else
		fprintf(out, "result: the connection fails at %s (%s)\n",
		    sl_nego_stage_name(r->failed), sl_nreason_name(r->reason));
	for (i = 0; i < n->nfixes; i++) {
		const struct sl_nfix *f = &n->fixes[i];

		fprintf(out, "\nfix %zu (%s%s): %s\n", i + 1, fix_scope(f),
		    f->weak ? ", re-enables a legacy algorithm: keep it "
		    "scoped" : "", f->why ? f->why : "");
		if (f->side != SL_NW_SSHLINT)
			fprintf(out, "    %s %s %s\n", f->side == SL_NW_CLIENT ?
			    "ssh_config:" : "sshd_config:", kw_name(f->opt,
			    f->side == SL_NW_CLIENT ? n->c.version :
			    n->s.version), f->value);
		if (f->command != NULL)
			fprintf(out, "    run: %s\n", f->command);
	}
	if (n->nedits > 0)
		fputs("\nedits:\n", out);
	for (i = 0; i < n->nedits; i++) {
		const struct sl_nego_edit *e = &n->edits[i];
		const char *p = e->line_text ? e->line_text : e->text, *nl;

		fprintf(out, "  %s: %s %s:\n", e->path, e->action, e->where);
		while (*p) {
			nl = strchr(p, '\n');
			if (nl == NULL)
				nl = p + strlen(p);
			if (nl > p || *nl)
				fprintf(out, "    | %.*s\n", (int)(nl - p), p);
			p = *nl ? nl + 1 : nl;
		}
	}
	if (n->nfixes > 0)
		fprintf(out, "\nafter the fixes: %s\n", n->fixed_ok ?
		    "the connection succeeds" : "still failing (see the "
		    "advice above)");
	if (n->nnotes > 0)
		fputs("\nnotes:\n", out);
	for (i = 0; i < n->nnotes; i++)
		fprintf(out, "  - %s\n", n->notes[i]);
	return ferror(out) ? SL_EIO : 0;
}

/* ---- JSON ---- */

static void
js(struct sl_strbuf *sb, const char *s)
{
	if (s == NULL)
		sl_strbuf_adds(sb, "null");
	else
		sl_strbuf_add_json(sb, s, strlen(s));
}

static void
jlist(struct sl_strbuf *sb, const char *list)
{
	const char *p = list, *e;
	bool first = true;

	if (list == NULL) {
		sl_strbuf_adds(sb, "null");
		return;
	}
	sl_strbuf_addc(sb, '[');
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (!first)
			sl_strbuf_addc(sb, ',');
		sl_strbuf_add_json(sb, p, (size_t)(e - p));
		first = false;
		p = *e ? e + 1 : e;
	}
	sl_strbuf_addc(sb, ']');
}

static void
jmsgs(struct sl_strbuf *sb, const struct sl_nmsgs *m)
{
	size_t i;

	sl_strbuf_addc(sb, '[');
	for (i = 0; i < m->n; i++) {
		sl_strbuf_adds(sb, i ? ",{\"side\":" : "{\"side\":");
		js(sb, who_name(m->v[i].who));
		sl_strbuf_adds(sb, ",\"level\":");
		js(sb, level_name(m->v[i].level));
		sl_strbuf_adds(sb, ",\"text\":");
		js(sb, m->v[i].text);
		sl_strbuf_addc(sb, '}');
	}
	sl_strbuf_addc(sb, ']');
}

static void
jkey(struct sl_strbuf *sb, struct sl_arena *a, const struct sl_key *k)
{
	sl_strbuf_adds(sb, "{\"type\":");
	js(sb, sl_key_type_name(k));
	sl_strbuf_adds(sb, ",\"name\":");
	js(sb, sl_key_ssh_name(k));
	sl_strbuf_addf(sb, ",\"bits\":%u,\"fingerprint\":", k->bits);
	js(sb, sl_key_fingerprint(a, k));
	sl_strbuf_adds(sb, ",\"ca_signature\":");
	js(sb, k->cert ? k->cert_sigalg : NULL);
	sl_strbuf_addc(sb, '}');
}

int
sl_nego_print_json(const struct sl_nego *cn, FILE *out)
{
	struct sl_nego *n = (struct sl_nego *)cn;
	const struct sl_nresult *r = &n->res;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char b[64];
	size_t i;
	int s, rc = 0;

	sl_strbuf_adds(&sb, "{\"client\":{\"openssh\":");
	js(&sb, sl_version_str(n->c.version, b, sizeof(b)));
	sl_strbuf_adds(&sb, ",\"config\":");
	js(&sb, n->query.client_config);
	sl_strbuf_adds(&sb, ",\"host\":");
	js(&sb, n->query.host);
	sl_strbuf_adds(&sb, ",\"user\":");
	js(&sb, n->c.user);
	sl_strbuf_adds(&sb, ",\"hostname\":");
	js(&sb, n->c.host);
	sl_strbuf_adds(&sb, ",\"port\":");
	js(&sb, n->c.port);
	sl_strbuf_addf(&sb, ",\"via_proxy\":%s},\"server\":{\"openssh\":",
	    n->c.via_proxy ? "true" : "false");
	snprintf(b, sizeof(b), "%d.%d", n->s.version / 100,
	    n->s.version % 100);
	js(&sb, b);
	sl_strbuf_addf(&sb, ",\"legacy\":%s,\"config\":",
	    n->s.version < V(7, 2) ? "true" : "false");
	js(&sb, n->query.server_config);
	sl_strbuf_adds(&sb, ",\"hostkeys\":[");
	for (i = 0; i < n->s.nhostkeys; i++) {
		if (i)
			sl_strbuf_addc(&sb, ',');
		jkey(&sb, &n->a, &n->s.hostkeys[i]);
	}
	sl_strbuf_addf(&sb, "]},\"ok\":%s,\"failed_stage\":",
	    r->ok ? "true" : "false");
	js(&sb, r->ok ? NULL : sl_nego_stage_name(r->failed));
	sl_strbuf_adds(&sb, ",\"reason\":");
	js(&sb, r->ok ? NULL : sl_nreason_name(r->reason));
	sl_strbuf_adds(&sb, ",\"stages\":[");
	for (s = 0; s < SL_NEGO_STAGE__COUNT; s++) {
		const struct sl_nstage *st = &r->stage[s];

		sl_strbuf_adds(&sb, s ? ",{\"stage\":" : "{\"stage\":");
		js(&sb, sl_nego_stage_name((enum sl_nego_stage_id)s));
		sl_strbuf_adds(&sb, ",\"status\":");
		js(&sb, sl_nego_status_name(st->status));
		sl_strbuf_adds(&sb, ",\"reason\":");
		js(&sb, st->reason ? sl_nreason_name(st->reason) : NULL);
		sl_strbuf_adds(&sb, ",\"chosen\":");
		js(&sb, st->chosen);
		sl_strbuf_adds(&sb, ",\"client\":");
		jlist(&sb, st->client);
		sl_strbuf_adds(&sb, ",\"server\":");
		jlist(&sb, st->server);
		sl_strbuf_adds(&sb, ",\"messages\":");
		jmsgs(&sb, &st->msgs);
		sl_strbuf_addc(&sb, '}');
	}
	sl_strbuf_adds(&sb, "],\"server_sig_algs\":");
	jlist(&sb, r->server_sig_algs);
	sl_strbuf_adds(&sb, ",\"identities\":[");
	for (i = 0; i < n->nids; i++) {
		const struct sl_nego_ident *id = &n->ids[i];
		const struct sl_nident_res *ir = i < r->nident ?
		    &r->ident[i] : NULL;

		sl_strbuf_adds(&sb, i ? ",{\"file\":" : "{\"file\":");
		js(&sb, id->file);
		sl_strbuf_adds(&sb, ",\"source\":");
		js(&sb, id->src == SL_NID_AGENT ? "agent" :
		    id->src == SL_NID_CERTFILE ? "certificate-file" : "file");
		sl_strbuf_addf(&sb, ",\"in_agent\":%s,\"key\":",
		    id->agent != SL_NAG_NONE ? "true" : "false");
		if (id->key_known)
			jkey(&sb, &n->a, &id->key);
		else
			sl_strbuf_adds(&sb, "null");
		sl_strbuf_adds(&sb, ",\"status\":");
		js(&sb, ir == NULL || (ir->reason == SL_NR_NONE &&
		    ir->msgs.n == 0) ? "not-tried" :
		    sl_nego_status_name(ir->status));
		sl_strbuf_adds(&sb, ",\"reason\":");
		js(&sb, ir && ir->reason ? sl_nreason_name(ir->reason) : NULL);
		sl_strbuf_adds(&sb, ",\"signature_algorithm\":");
		js(&sb, ir ? ir->sigalg : NULL);
		sl_strbuf_adds(&sb, ",\"messages\":");
		if (ir)
			jmsgs(&sb, &ir->msgs);
		else
			sl_strbuf_adds(&sb, "[]");
		sl_strbuf_addc(&sb, '}');
	}
	sl_strbuf_adds(&sb, "],\"fixes\":[");
	for (i = 0; i < n->nfixes; i++) {
		const struct sl_nfix *f = &n->fixes[i];

		sl_strbuf_adds(&sb, i ? ",{\"side\":" : "{\"side\":");
		js(&sb, who_name(f->side) );
		sl_strbuf_adds(&sb, ",\"scope\":");
		js(&sb, fix_scope(f));
		sl_strbuf_adds(&sb, ",\"keyword\":");
		js(&sb, f->side == SL_NW_SSHLINT ? NULL : kw_name(f->opt,
		    f->side == SL_NW_CLIENT ? n->c.version : n->s.version));
		sl_strbuf_adds(&sb, ",\"key\":");
		js(&sb, f->side == SL_NW_SSHLINT ? NULL : eff_key(f->opt));
		sl_strbuf_adds(&sb, ",\"value\":");
		js(&sb, f->value);
		sl_strbuf_addf(&sb, ",\"weak\":%s,\"why\":",
		    f->weak ? "true" : "false");
		js(&sb, f->why);
		sl_strbuf_adds(&sb, ",\"command\":");
		js(&sb, f->command);
		sl_strbuf_addc(&sb, '}');
	}
	sl_strbuf_adds(&sb, "],\"edits\":[");
	for (i = 0; i < n->nedits; i++) {
		const struct sl_nego_edit *e = &n->edits[i];

		sl_strbuf_adds(&sb, i ? ",{\"side\":" : "{\"side\":");
		js(&sb, e->side);
		sl_strbuf_adds(&sb, ",\"path\":");
		js(&sb, e->path);
		sl_strbuf_addf(&sb, ",\"line\":%u,\"start\":%u,\"end\":%u,"
		    "\"action\":", e->line, e->start, e->end);
		js(&sb, e->action);
		sl_strbuf_adds(&sb, ",\"where\":");
		js(&sb, e->where);
		sl_strbuf_adds(&sb, ",\"text\":");
		js(&sb, e->text);
		sl_strbuf_adds(&sb, ",\"new_line\":");
		js(&sb, e->line_text);
		sl_strbuf_adds(&sb, ",\"key\":");
		js(&sb, e->key);
		sl_strbuf_adds(&sb, ",\"why\":");
		js(&sb, e->why);
		sl_strbuf_addc(&sb, '}');
	}
	sl_strbuf_addf(&sb, "],\"fixed\":%s,\"notes\":[",
	    n->nfixes == 0 ? (r->ok ? "true" : "false") :
	    n->fixed_ok ? "true" : "false");
	for (i = 0; i < n->nnotes; i++) {
		if (i)
			sl_strbuf_addc(&sb, ',');
		js(&sb, n->notes[i]);
	}
	sl_strbuf_adds(&sb, "]}\n");
	if (sb.failed)
		rc = SL_ENOMEM;
	else if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
		rc = SL_EIO;
	sl_strbuf_release(&sb);
	return rc;
}
