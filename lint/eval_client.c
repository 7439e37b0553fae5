/*
 * ssh_config evaluation: what `ssh -G` prints, computed from the parsed
 * files without running anything.
 *
 * The files (user then system, Includes inline) are compiled once into a
 * flat program of Host/Match headers, directives and include push/pop
 * operations. Evaluating a host runs the program the way readconf.c reads
 * the files: first obtained value wins, with OpenSSH's exceptions. Host
 * blocks whose patterns are all literal are indexed by name, so a host
 * only visits the blocks that can match it plus the wildcard/Match ones:
 * the cost per host does not grow with the number of other hosts.
 */
#include <ctype.h>
#include <limits.h>
#include <netdb.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "lint/algos.h"
#include "lint/eval.h"
#include "lint/keywords.h"
#include "lint/match.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "sshlint/diag.h"

enum op_kind { OP_FILE, OP_HOST, OP_MATCH, OP_DIR, OP_PUSH, OP_POP };

struct op {
	uint8_t kind;
	uint8_t userconf;	/* OP_FILE: user configuration */
	uint8_t literal;	/* OP_HOST: every positive pattern literal */
	uint8_t has_final;	/* OP_MATCH: has a final criterion */
	uint32_t src, line;
	uint32_t end;		/* OP_HOST/OP_MATCH: first op after block */
	const struct sl_keyword *kw;
};

/* A Host block with literal patterns only, skipped unless named. */
struct unit {
	uint32_t start, end;
};

struct lit {
	const char *name;
	uint32_t len, unit;
};

struct sl_client {
	struct sl_ctx *ctx;
	int version;
	struct op *ops;
	size_t nops, capops;
	struct unit *units;
	size_t nunits, capunits;
	struct lit *lits;	/* sorted by name, then unit */
	size_t nlits, caplits;
	uint32_t *always;	/* [start,end) pairs of ops outside units */
	size_t nalways, capalways;
	const char **hosts;	/* the fleet */
	size_t nhosts, caphosts;
	bool final_requested;	/* some Match has 'final' */
	struct sl_op_trace *trace;	/* per op, when tracing (lint) */
	/* assembled algorithm lists, by option and configured value */
	struct algo_memo {
		int ao;
		const char *spec;	/* points into a CST line, or NULL */
		char *list;		/* NULL: invalid */
		int r;
	} memo[32];
	size_t nmemo;
	/* the keywords that ignore Host/Match: same for every host */
	int64_t bindmask_op, facility_op;
	/* the local side, looked up once */
	uid_t uid;
	char *luser, *home;
	char thishost[256];
	bool too_deep;
	struct sl_origin deep_origin;
};

static const char *local_hostname(char *buf, size_t len);

/* ---- compile ---- */

static int
add_op(struct sl_client *c, struct op o)
{
	if (sl_grow(&c->ops, &c->capops, c->nops, sizeof(*c->ops), 256) != 0)
		return SL_ENOMEM;
	c->ops[c->nops++] = o;
	return 0;
}

static bool
is_literal(const char *s, size_t n)
{
	return memchr(s, '*', n) == NULL && memchr(s, '?', n) == NULL;
}

/* Close the open Host/Match block (if any) at the current op. */
static void
close_block(struct sl_client *c, int64_t *open)
{
	if (*open >= 0)
		c->ops[*open].end = (uint32_t)c->nops;
	*open = -1;
}

static int
compile_file(struct sl_client *c, uint32_t sid, int depth)
{
	const struct sl_source *s = c->ctx->src[sid];
	const struct sl_file *f = s->cst;
	int64_t open = -1;
	uint32_t i, k, a;
	int r;

	if (f == NULL)
		return 0;
	for (i = 0; i < f->nlines; i++) {
		const struct sl_line *ln = &f->lines[i];
		const struct sl_keyword *kw;
		struct op o;

		if (ln->kind != SL_LINE_DIRECTIVE &&
		    ln->kind != SL_LINE_INCLUDE)
			continue;
		/* lines OpenSSH refuses set nothing (NO_ARGUMENT: a value
		 * keyword alone on its line) */
		if (ln->keyword == NULL || (ln->flags & (SL_LF_KW_UNTERMINATED |
		    SL_LF_EMPTY_KEYWORD | SL_LF_INVALID_QUOTES |
		    SL_LF_NO_ARGUMENT)))
			continue;
		kw = sl_kw_lookup(SL_DIALECT_SSH, ln->keyword, ln->keyword_len,
		    c->version);
		if (kw == NULL)
			continue;
		memset(&o, 0, sizeof(o));
		o.src = sid;
		o.line = i;
		o.kw = kw;
		if (kw->flags & SL_KWF_INCLUDE) {
			for (k = 0; k < ln->nincludes; k++) {
				if (depth + 1 > SL_MAX_INCLUDE_DEPTH) {
					if (!c->too_deep) {
						c->too_deep = true;
						c->deep_origin = (struct sl_origin)
						    { (int32_t)sid, i };
					}
					break;
				}
				o.kind = OP_PUSH;
				if ((r = add_op(c, o)) != 0 ||
				    (r = compile_file(c, ln->includes[k],
				    depth + 1)) != 0)
					return r;
				o.kind = OP_POP;
				if ((r = add_op(c, o)) != 0)
					return r;
			}
			continue;
		}
		if (kw->flags & (SL_KWF_HOST | SL_KWF_MATCH)) {
			close_block(c, &open);
			o.kind = (kw->flags & SL_KWF_HOST) ? OP_HOST : OP_MATCH;
			if (o.kind == OP_HOST) {
				o.literal = 1;
				for (a = 0; a < ln->nargs; a++)
					if (ln->args[a].val[0] != '!' &&
					    !is_literal(ln->args[a].val,
					    ln->args[a].len))
						o.literal = 0;
			} else {
				for (a = 0; a < ln->nargs; a++) {
					const char *v = ln->args[a].val;

					if (*v == '!')
						v++;
					if (strcasecmp(v, "final") == 0) {
						o.has_final = 1;
						c->final_requested = true;
					}
				}
			}
			open = (int64_t)c->nops;
			if ((r = add_op(c, o)) != 0)
				return r;
			continue;
		}
		if (kw->opt == SL_OPT_NONE)
			continue;
		o.kind = OP_DIR;
		if (kw->opt == SL_OPT_SSH_STREAMLOCALBINDMASK)
			c->bindmask_op = (int64_t)c->nops;
		if (kw->opt == SL_OPT_SSH_SYSLOGFACILITY && c->facility_op < 0)
			c->facility_op = (int64_t)c->nops;
		if ((r = add_op(c, o)) != 0)
			return r;
	}
	close_block(c, &open);
	return 0;
}

static int
cmp_lit(const void *a, const void *b)
{
	const struct lit *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->name, y->name, n);

	if (r != 0)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static const struct sl_line *
op_line(const struct sl_client *c, const struct op *o)
{
	return &c->ctx->src[o->src]->cst->lines[o->line];
}

/* Index literal Host blocks; the rest of the program is always run. */
static int
index_units(struct sl_client *c)
{
	uint32_t i, a, from = 0, unit_end = 0;

	for (i = 0; i < c->nops; i++) {
		const struct op *o = &c->ops[i];
		const struct sl_line *ln;

		if (o->kind != OP_HOST || !o->literal || i < unit_end)
			continue;
		if (i > from) {
			if (sl_grow(&c->always, &c->capalways, c->nalways + 1,
			    sizeof(*c->always), 64) != 0)
				return SL_ENOMEM;
			c->always[c->nalways++] = from;
			c->always[c->nalways++] = i;
		}
		if (sl_grow(&c->units, &c->capunits, c->nunits,
		    sizeof(*c->units), 64) != 0)
			return SL_ENOMEM;
		c->units[c->nunits].start = i;
		c->units[c->nunits].end = o->end;
		ln = op_line(c, o);
		for (a = 0; a < ln->nargs; a++) {
			if (ln->args[a].val[0] == '!')
				continue;
			if (sl_grow(&c->lits, &c->caplits, c->nlits,
			    sizeof(*c->lits), 64) != 0)
				return SL_ENOMEM;
			c->lits[c->nlits].name = ln->args[a].val;
			c->lits[c->nlits].len = ln->args[a].len;
			c->lits[c->nlits].unit = (uint32_t)c->nunits;
			c->nlits++;
		}
		c->nunits++;
		unit_end = from = o->end;
	}
	if (c->nops > from) {
		if (sl_grow(&c->always, &c->capalways, c->nalways + 1,
		    sizeof(*c->always), 64) != 0)
			return SL_ENOMEM;
		c->always[c->nalways++] = from;
		c->always[c->nalways++] = (uint32_t)c->nops;
	}
	if (c->nlits > 1)
		qsort(c->lits, c->nlits, sizeof(*c->lits), cmp_lit);
	return 0;
}

/* Literal host names of the Host lines, first appearance order. */
struct hname {
	const char *name;
	size_t pos;
};

static int
cmp_hname(const void *a, const void *b)
{
	const struct hname *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	if (r != 0)
		return r;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
cmp_hpos(const void *a, const void *b)
{
	const struct hname *x = a, *y = b;

	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
collect_hosts(struct sl_client *c)
{
	struct hname *h = NULL;
	size_t n = 0, cap = 0, i, a, k;

	for (i = 0; i < c->nops; i++) {
		const struct sl_line *ln;

		if (c->ops[i].kind != OP_HOST)
			continue;
		ln = op_line(c, &c->ops[i]);
		for (a = 0; a < ln->nargs; a++) {
			const char *v = ln->args[a].val;

			if (*v == '!' || *v == '\0' || *v == '-' ||
			    !is_literal(v, ln->args[a].len) ||
			    v[strcspn(v, "'`\"$\\;&<>|(){}, \t")] != '\0')
				continue;
			if (sl_grow(&h, &cap, n, sizeof(*h), 64) != 0) {
				sl_free(h);
				return SL_ENOMEM;
			}
			h[n].name = v;
			h[n].pos = n;
			n++;
		}
	}
	if (n > 1)
		qsort(h, n, sizeof(*h), cmp_hname);
	for (i = k = 0; i < n; i++)
		if (i == 0 || strcmp(h[i].name, h[i - 1].name) != 0)
			h[k++] = h[i];
	if (k > 1)
		qsort(h, k, sizeof(*h), cmp_hpos);
	if (k > 0 && (c->hosts = sl_calloc(k, sizeof(*c->hosts))) == NULL) {
		sl_free(h);
		return SL_ENOMEM;
	}
	for (i = 0; i < k; i++)
		c->hosts[i] = h[i].name;
	c->nhosts = c->caphosts = k;
	sl_free(h);
	return 0;
}

static struct sl_client *
client_new(struct sl_ctx *ctx, int version)
{
	struct sl_client *c = sl_calloc(1, sizeof(*c));
	struct passwd *pw;

	if (c == NULL)
		return NULL;
	c->ctx = ctx;
	c->version = version;
	c->bindmask_op = c->facility_op = -1;
	c->uid = getuid();
	pw = getpwuid(c->uid);
	if ((c->luser = sl_strdup(pw ? pw->pw_name : "root")) == NULL ||
	    (c->home = sl_strdup(pw ? pw->pw_dir : "/")) == NULL) {
		sl_client_free(c);
		return NULL;
	}
	local_hostname(c->thishost, sizeof(c->thishost));
	return c;
}

static int
client_add_top(struct sl_client *c, const struct sl_source *s)
{
	struct op o;
	int r;

	memset(&o, 0, sizeof(o));
	o.kind = OP_FILE;
	o.src = s->id;
	o.userconf = s->user_conf;
	if ((r = add_op(c, o)) != 0)
		return r;
	return compile_file(c, s->id, 0);
}

int
sl_client_open(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *const *paths, size_t npaths, bool missing_ok, int version,
    struct sl_client **out)
{
	struct sl_client *c;
	struct sl_source *s;
	size_t i;
	int r;

	*out = NULL;
	if ((c = client_new(ctx, version)) == NULL)
		return SL_ENOMEM;
	for (i = 0; i < npaths; i++) {
		r = sl_load_walked(ctx, opts, paths[i], SL_DIALECT_SSH, &s);
		if (r == SL_ENOTFOUND && missing_ok)
			continue;
		if (r != 0 || (r = client_add_top(c, s)) != 0)
			goto fail;
	}
	if ((r = index_units(c)) != 0 || (r = collect_hosts(c)) != 0)
		goto fail;
	*out = c;
	return 0;
 fail:
	sl_client_free(c);
	return r;
}

int
sl_client_open_src(struct sl_ctx *ctx, const uint32_t *ids, size_t n,
    int version, struct sl_client **out)
{
	struct sl_client *c;
	size_t i;
	int r;

	*out = NULL;
	if ((c = client_new(ctx, version)) == NULL)
		return SL_ENOMEM;
	for (i = 0; i < n; i++)
		if ((r = client_add_top(c, ctx->src[ids[i]])) != 0)
			goto fail;
	if ((r = index_units(c)) != 0 || (r = collect_hosts(c)) != 0)
		goto fail;
	*out = c;
	return 0;
 fail:
	sl_client_free(c);
	return r;
}

void
sl_client_free(struct sl_client *c)
{
	if (c == NULL)
		return;
	sl_free(c->ops);
	sl_free(c->units);
	sl_free(c->lits);
	sl_free(c->always);
	sl_free(c->hosts);
	sl_free(c->trace);
	sl_free(c->luser);
	sl_free(c->home);
	while (c->nmemo > 0)
		sl_free(c->memo[--c->nmemo].list);
	sl_free(c);
}

size_t
sl_client_nhosts(const struct sl_client *c)
{
	return c->nhosts;
}

const char *
sl_client_host(const struct sl_client *c, size_t i)
{
	return i < c->nhosts ? c->hosts[i] : NULL;
}

/* ---- evaluation state ---- */

struct ref {
	int32_t src;		/* -1: unset */
	uint32_t line;
};

#define UNSET ((struct ref){ -1, 0 })

/* Fields beyond the options: second values of two-part keywords. */
enum {
	X_REKEYTIME = SL_OPT__COUNT,	/* RekeyLimit's interval */
	X_AGENTPATH,			/* ForwardAgent's socket path */
	X_JUMP,				/* ProxyJump (vs ProxyCommand) */
	X__COUNT
};

/* An element of an accumulated list. */
struct elem {
	char *val;		/* owned */
	struct ref ref;
	int kind;		/* per list: userprovided, forward kind... */
};

struct list {
	struct elem *v;
	size_t n, cap;
};

enum { L_ID, L_CERT, L_LFWD, L_RFWD, L_SENDENV, L_SETENV, L_GKH, L_UKH,
	L_CDOM, L_CNAMES, L_LOGV, L_PRO, L__COUNT };

struct st {
	const struct sl_client *c;
	const struct sl_client_query *q;
	struct sl_eff *e;
	struct ref slot[X__COUNT];
	struct ref last_bindmask;	/* StreamLocalBindMask: last line */
	struct list l[L__COUNT];
	const char *host;	/* current target host */
	const char *orig;	/* host as typed */
	char *hostbuf;		/* owned storage behind host */
	const char *user;	/* remote user known so far (-l) */
	struct ref userref;
	const char *port;	/* -p */
	const char *luser;	/* local user */
	const char *home;	/* local user's home (for ~ and %d) */
	uid_t uid;
	bool final_pass;
	bool oom;
	char *algo_tmp;		/* see assemble() */
};

static const struct sl_line *
ref_line(const struct st *st, struct ref r)
{
	return &st->c->ctx->src[r.src]->cst->lines[r.line];
}

static struct sl_origin
origin(struct ref r)
{
	if (r.src < 0)
		return SL_ORIGIN(SL_ORIGIN_DEFAULT);
	return (struct sl_origin){ r.src, r.line };
}

static const char *
arg0(const struct st *st, struct ref r)
{
	const struct sl_line *ln = ref_line(st, r);

	return ln->nargs > 0 ? ln->args[0].val : "";
}

static int
list_add(struct st *st, int li, const char *val, size_t len, struct ref r,
    int kind)
{
	struct list *l = &st->l[li];
	char *v;

	if (sl_grow(&l->v, &l->cap, l->n, sizeof(*l->v), 8) != 0 ||
	    (v = sl_strndup(val, len)) == NULL) {
		st->oom = true;
		return SL_ENOMEM;
	}
	l->v[l->n].val = v;
	l->v[l->n].ref = r;
	l->v[l->n].kind = kind;
	l->n++;
	return 0;
}

static void
list_del(struct list *l, size_t i)
{
	sl_free(l->v[i].val);
	memmove(&l->v[i], &l->v[i + 1], (l->n - i - 1) * sizeof(*l->v));
	l->n--;
}

static void
st_release(struct st *st)
{
	size_t i, k;

	for (i = 0; i < L__COUNT; i++) {
		for (k = 0; k < st->l[i].n; k++)
			sl_free(st->l[i].v[k].val);
		sl_free(st->l[i].v);
		st->l[i].v = NULL;
		st->l[i].n = st->l[i].cap = 0;
	}
	sl_free(st->hostbuf);
	st->hostbuf = NULL;
	sl_free(st->algo_tmp);
	st->algo_tmp = NULL;
}

/* ---- small value parsers (the config is known to be valid) ---- */

/* convtime(): [0-9]+[smhdwSMHDW]... -> seconds, -1 on error. */
static long
convtime(const char *s)
{
	long total = 0, v, mult;
	char *end;

	if (s == NULL || *s == '\0')
		return -1;
	while (*s) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = strtol(s, &end, 10);
		if (v < 0 || v > INT_MAX)
			return -1;
		switch (*end) {
		case '\0':
			mult = 1;
			end--;
			break;
		case 's': case 'S':
			mult = 1;
			break;
		case 'm': case 'M':
			mult = 60;
			break;
		case 'h': case 'H':
			mult = 3600;
			break;
		case 'd': case 'D':
			mult = 86400;
			break;
		case 'w': case 'W':
			mult = 604800;
			break;
		default:
			return -1;
		}
		if (v > INT_MAX / mult || total > INT_MAX - v * mult)
			return -1;
		total += v * mult;
		s = end + 1;
	}
	return total;
}

/* scan_scaled(): number with optional K/M/G/T/P/E suffix (base 1024). */
static int
scan_scaled(const char *s, unsigned long long *out)
{
	unsigned long long v = 0, frac = 0, fracdiv = 1, m = 1;
	const char *p = s;
	int shift = 0;

	if (*p == '-')
		return -1;
	if (*p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p))
		v = v * 10 + (unsigned long long)(*p++ - '0');
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p)) {
			if (fracdiv < 1000000000000ULL) {
				frac = frac * 10 +
				    (unsigned long long)(*p - '0');
				fracdiv *= 10;
			}
			p++;
		}
	}
	switch (toupper((unsigned char)*p)) {
	case '\0': shift = 0; p--; break;
	case 'B': shift = 0; break;
	case 'K': shift = 10; break;
	case 'M': shift = 20; break;
	case 'G': shift = 30; break;
	case 'T': shift = 40; break;
	case 'P': shift = 50; break;
	case 'E': shift = 60; break;
	default: return -1;
	}
	if (p[1] != '\0')
		return -1;
	m <<= shift;
	*out = v * m + (frac * m) / fracdiv;
	return 0;
}

/* a2port(): 0..65535 or a service name; -1 if bad. */
static int
a2port(const char *s)
{
	struct servent *se;
	char *end;
	long v;

	if (*s != '\0') {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 0 && v <= 65535 && isdigit(
		    (unsigned char)*s))
			return (int)v;
	}
	if ((se = getservbyname(s, "tcp")) != NULL)
		return ntohs((uint16_t)se->s_port);
	return -1;
}

struct ms {
	const char *key;
	int val;
};

static const struct ms ms_flag[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 }, { NULL, 0 } };
static const struct ms ms_yesnoask[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 }, { "ask", 2 },
	{ NULL, 0 } };
static const struct ms ms_strict[] = {
	{ "true", 2 }, { "false", 0 }, { "yes", 2 }, { "no", 0 }, { "ask", 3 },
	{ "off", 0 }, { "accept-new", 1 }, { NULL, 0 } };
static const struct ms ms_yesnoaskconfirm[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 }, { "ask", 2 },
	{ "confirm", 3 }, { NULL, 0 } };
static const struct ms ms_af[] = {
	{ "inet", 4 }, { "inet6", 6 }, { "any", 0 }, { NULL, 0 } };
static const struct ms ms_controlmaster[] = {
	{ "true", 1 }, { "yes", 1 }, { "false", 0 }, { "no", 0 },
	{ "auto", 2 }, { "ask", 3 }, { "autoask", 4 }, { NULL, 0 } };
static const struct ms ms_tunnel[] = {
	{ "ethernet", 2 }, { "point-to-point", 1 }, { "true", 1 },
	{ "yes", 1 }, { "false", 0 }, { "no", 0 }, { NULL, 0 } };
static const struct ms ms_requesttty[] = {
	{ "true", 2 }, { "yes", 2 }, { "false", 1 }, { "no", 1 },
	{ "force", 3 }, { "auto", 0 }, { NULL, 0 } };
static const struct ms ms_sessiontype[] = {
	{ "none", 0 }, { "subsystem", 1 }, { "default", 2 }, { NULL, 0 } };
static const struct ms ms_canon[] = {
	{ "true", 1 }, { "false", 0 }, { "yes", 1 }, { "no", 0 },
	{ "always", 2 }, { NULL, 0 } };
static const struct ms ms_pubkey[] = {
	{ "true", 3 }, { "false", 0 }, { "yes", 3 }, { "no", 0 },
	{ "unbound", 1 }, { "host-bound", 2 }, { NULL, 0 } };

static int
ms_value(const struct ms *m, const char *arg, int dflt)
{
	for (; m->key != NULL; m++)
		if (strcasecmp(arg, m->key) == 0)
			return m->val;
	return dflt;
}

static const char *
ms_name(const struct ms *m, int val)
{
	for (; m->key != NULL; m++)
		if (m->val == val)
			return m->key;
	return "UNKNOWN";
}

static const struct ms ipqos[] = {
	{ "none", INT_MAX }, { "af11", 0x28 }, { "af12", 0x30 },
	{ "af13", 0x38 }, { "af21", 0x48 }, { "af22", 0x50 }, { "af23", 0x58 },
	{ "af31", 0x68 }, { "af32", 0x70 }, { "af33", 0x78 }, { "af41", 0x88 },
	{ "af42", 0x90 }, { "af43", 0x98 }, { "cs0", 0x00 }, { "cs1", 0x20 },
	{ "cs2", 0x40 }, { "cs3", 0x60 }, { "cs4", 0x80 }, { "cs5", 0xa0 },
	{ "cs6", 0xc0 }, { "cs7", 0xe0 }, { "ef", 0xb8 }, { "le", 0x04 },
	{ "lowdelay", 0x10 }, { "throughput", 0x08 }, { "reliability", 0x04 },
	{ NULL, 0 } };

static int
parse_ipqos(const char *s)
{
	char *end;
	long v;
	int r = ms_value(ipqos, s, -1);

	if (r != -1)
		return r;
	v = strtol(s, &end, 0);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 255)
		return -1;
	return (int)v;
}

static void
ipqos_str(int v, char *buf, size_t len)
{
	const struct ms *m;

	for (m = ipqos; m->key != NULL; m++)
		if (m->val == v) {
			snprintf(buf, len, "%s", m->key);
			return;
		}
	snprintf(buf, len, "0x%02x", (unsigned)v);
}

static bool
flag_value(const char *arg)
{
	return ms_value(ms_flag, arg, 0) == 1;
}

static bool
is_none(const char *s)
{
	return strcasecmp(s, "none") == 0;
}

/* ---- applying one directive ---- */

/* A default filled in between the passes: counts as set. */
#define FILLED ((struct ref){ -2, 0 })

static void
set_first(struct st *st, int slot, struct ref r)
{
	if (st->slot[slot].src == -1)
		st->slot[slot] = r;
}

/* Canonical text of a forward, "" if it does not parse. */
static char *
forward_canon(const char *spec)
{
	char *copy, *cp, *f[4];
	bool path[4];
	int n = 0, lport = -1, cport = 0;
	const char *lhost = NULL, *lpath = NULL, *chost = NULL, *cpath = NULL;
	struct sl_strbuf sb = SL_STRBUF_INIT;

	if ((copy = sl_strdup(spec)) == NULL)
		return NULL;
	cp = copy;
	while (isspace((unsigned char)*cp))
		cp++;
	while (n < 4 && cp != NULL && *cp != '\0') {
		char *ep;

		path[n] = false;
		if (*cp == '[') {
			for (ep = cp + 1; *ep != ']' && *ep != '\0'; ep++)
				if (*ep == '/')
					path[n] = true;
			if (ep[0] != ']' || (ep[1] != ':' && ep[1] != '\0'))
				goto bad;
			*ep++ = '\0';
			if (*ep != '\0')
				*ep++ = '\0';
			f[n++] = cp + 1;
			cp = ep;
			continue;
		}
		f[n] = cp;
		for (; *cp != '\0'; cp++) {
			if (*cp == '\\') {
				memmove(cp, cp + 1, strlen(cp + 1) + 1);
				if (*cp == '\0')
					goto bad;
			} else if (*cp == '/')
				path[n] = true;
			else if (*cp == ':') {
				*cp++ = '\0';
				break;
			}
		}
		n++;
	}
	if (cp != NULL && *cp != '\0')
		goto bad;
	switch (n) {
	case 1:
		if (path[0])
			lpath = f[0];
		else
			lport = a2port(f[0]);
		chost = "socks";
		break;
	case 2:
		if (path[0] && path[1]) {
			lpath = f[0];
			cpath = f[1];
		} else if (path[1]) {
			lport = a2port(f[0]);
			cpath = f[1];
		} else {
			lhost = f[0];
			lport = a2port(f[1]);
			chost = "socks";
		}
		break;
	case 3:
		if (path[0]) {
			lpath = f[0];
			chost = f[1];
			cport = a2port(f[2]);
		} else if (path[2]) {
			lhost = f[0];
			lport = a2port(f[1]);
			cpath = f[2];
		} else {
			lport = a2port(f[0]);
			chost = f[1];
			cport = a2port(f[2]);
		}
		break;
	case 4:
		lhost = f[0];
		lport = a2port(f[1]);
		chost = f[2];
		cport = a2port(f[3]);
		break;
	default:
		goto bad;
	}
	/* listen part \t connect part; '\001' marks the socks target */
	/* each part starts with 'p' (a socket path) or 'a' */
	if (lpath != NULL)
		sl_strbuf_addf(&sb, "p%s", lpath);
	else if (lhost == NULL)
		sl_strbuf_addf(&sb, "a%d", lport);
	else
		sl_strbuf_addf(&sb, "a[%s]:%d", lhost, lport);
	sl_strbuf_addc(&sb, '\t');
	if (cpath != NULL)
		sl_strbuf_addf(&sb, "p%s", cpath);
	else if (chost == NULL)
		sl_strbuf_addf(&sb, "a%d", cport);
	else
		sl_strbuf_addf(&sb, "a[%s]:%d", chost, cport);
	/* kind marker: is the connect host "socks"; NULL connect host */
	sl_strbuf_addc(&sb, '\t');
	sl_strbuf_addc(&sb, chost == NULL ? 'n' : strcmp(chost, "socks") ==
	    0 ? 's' : 'h');
	sl_free(copy);
	return sl_strbuf_detach(&sb);
 bad:
	sl_free(copy);
	return sl_strdup("");
}

static void
add_forward(struct st *st, int li, const struct sl_line *ln, struct ref r,
    int opt)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	bool dynamic = opt == SL_OPT_SSH_DYNAMICFORWARD;
	bool remote = opt == SL_OPT_SSH_REMOTEFORWARD;
	char *canon;
	size_t k;

	if (!dynamic && ln->nargs >= 2 && ln->args[1].len > 0)
		sl_strbuf_addf(&sb, "%s:%s", ln->args[0].val, ln->args[1].val);
	else {
		if (remote)
			dynamic = true;
		sl_strbuf_adds(&sb, ln->nargs ? ln->args[0].val : "");
	}
	if (sb.failed || (canon = forward_canon(sb.buf)) ==
	    NULL) {
		sl_strbuf_release(&sb);
		st->oom = true;
		return;
	}
	sl_strbuf_release(&sb);
	for (k = 0; k < st->l[li].n; k++)
		if (strcmp(st->l[li].v[k].val, canon) == 0)
			break;
	if (canon[0] != '\0' && k == st->l[li].n)
		list_add(st, li, canon, strlen(canon), r, 0);
	sl_free(canon);
}

/* A1 list: only the first active line counts. */
static void
add_firstline(struct st *st, int li, const struct sl_line *ln, struct ref r)
{
	uint32_t a;

	if (st->l[li].n != 0)
		return;
	for (a = 0; a < ln->nargs; a++)
		list_add(st, li, ln->args[a].val, ln->args[a].len, r, 0);
}

/* Tracing for the linter: did an active first-wins line take effect? */
static void
trace(struct st *st, const struct op *o, bool took, struct ref winner)
{
	struct sl_op_trace *t;

	if (st->c->trace == NULL)
		return;
	t = &st->c->trace[o - st->c->ops];
	t->active++;
	if (took)
		t->used++;
	else if (t->winner.source_id < 0 && winner.src >= 0)
		t->winner = (struct sl_origin){ winner.src, winner.line };
}

static void
apply(struct st *st, const struct op *o, bool active)
{
	const struct sl_keyword *kw = o->kw;
	const struct sl_line *ln = op_line(st->c, o);
	struct ref r = { (int32_t)o->src, o->line };
	int opt = kw->opt;
	const char *a0 = ln->nargs ? ln->args[0].val : "";
	uint32_t a;
	size_t k;

	/* the two keywords that ignore Host/Match: set at compile time */
	if (opt == SL_OPT_SSH_STREAMLOCALBINDMASK ||
	    opt == SL_OPT_SSH_SYSLOGFACILITY)
		return;
	if (!active)
		return;
	if (kw->flags & (SL_KWF_DEPRECATED | SL_KWF_UNSUPPORTED |
	    SL_KWF_IGNORED))
		return;
	switch (opt) {
	case SL_OPT_SSH_IDENTITYFILE:
	case SL_OPT_SSH_CERTIFICATEFILE: {
		int li = opt == SL_OPT_SSH_IDENTITYFILE ? L_ID : L_CERT;
		for (k = 0; k < st->l[li].n; k++)
			if (strcmp(st->l[li].v[k].val, a0) == 0 &&
			    st->l[li].v[k].kind == (int)o->userconf)
				break;
		if (k == st->l[li].n && st->l[li].n < 100)
			list_add(st, li, a0, strlen(a0), r, o->userconf);
		return;
	}
	case SL_OPT_SSH_LOCALFORWARD:
	case SL_OPT_SSH_DYNAMICFORWARD:
		add_forward(st, L_LFWD, ln, r, opt);
		return;
	case SL_OPT_SSH_REMOTEFORWARD:
		add_forward(st, L_RFWD, ln, r, opt);
		return;
	case SL_OPT_SSH_SENDENV:
		for (a = 0; a < ln->nargs; a++) {
			const char *v = ln->args[a].val;

			if (*v == '-') {
				for (k = 0; k < st->l[L_SENDENV].n;) {
					if (sl_match_pattern(
					    st->l[L_SENDENV].v[k].val, v + 1))
						list_del(&st->l[L_SENDENV], k);
					else
						k++;
				}
				continue;
			}
			list_add(st, L_SENDENV, v, ln->args[a].len, r, 0);
		}
		return;
	case SL_OPT_SSH_SETENV:
		if (st->l[L_SETENV].n != 0)
			return;
		for (a = 0; a < ln->nargs; a++) {
			const char *v = ln->args[a].val;
			size_t nl = strcspn(v, "=");

			for (k = 0; k < st->l[L_SETENV].n; k++) {
				const char *w = st->l[L_SETENV].v[k].val;

				if (strncmp(w, v, nl) == 0 && w[nl] == '=')
					break;
			}
			if (k == st->l[L_SETENV].n)
				list_add(st, L_SETENV, v, ln->args[a].len, r,
				    0);
		}
		return;
	case SL_OPT_SSH_GLOBALKNOWNHOSTSFILE:
		add_firstline(st, L_GKH, ln, r);
		return;
	case SL_OPT_SSH_USERKNOWNHOSTSFILE:
		add_firstline(st, L_UKH, ln, r);
		return;
	case SL_OPT_SSH_CANONICALDOMAINS:
		add_firstline(st, L_CDOM, ln, r);
		return;
	case SL_OPT_SSH_CANONICALIZEPERMITTEDCNAMES:
		add_firstline(st, L_CNAMES, ln, r);
		return;
	case SL_OPT_SSH_PERMITREMOTEOPEN:
		add_firstline(st, L_PRO, ln, r);
		return;
	case SL_OPT_SSH_LOGVERBOSE:
		/* 9.2 keeps only the first argument of the first line */
		if (st->l[L_LOGV].n == 0 && ln->nargs > 0)
			list_add(st, L_LOGV, a0, strlen(a0), r, 0);
		return;
	case SL_OPT_SSH_CONNECTTIMEOUT:
	case SL_OPT_SSH_FORWARDX11TIMEOUT:
	case SL_OPT_SSH_SERVERALIVEINTERVAL:
		/* "none" is stored as unset: a later line still sets it */
		if (strcmp(a0, "none") != 0)
			set_first(st, opt, r);
		return;
	case SL_OPT_SSH_REKEYLIMIT:
		set_first(st, opt, r);
		if (ln->nargs > 1 && strcmp(ln->args[1].val, "none") != 0)
			set_first(st, X_REKEYTIME, r);
		return;
	case SL_OPT_SSH_FORWARDAGENT:
		set_first(st, opt, r);
		if (ms_value(ms_flag, a0, -1) == -1)
			set_first(st, X_AGENTPATH, r);
		return;
	case SL_OPT_SSH_PROXYCOMMAND:
		/* only a real jump host hides ProxyCommand ("ProxyJump none"
		 * does not, as the 9.2 binary shows) */
		if (st->slot[X_JUMP].src < 0 ||
		    is_none(arg0(st, st->slot[X_JUMP])))
			set_first(st, opt, r);
		return;
	case SL_OPT_SSH_PROXYJUMP:
		if (st->slot[SL_OPT_SSH_PROXYCOMMAND].src < 0 &&
		    st->slot[X_JUMP].src < 0) {
			st->slot[X_JUMP] = r;
			/* a real jump host also sets ProxyCommand none */
			if (!is_none(a0))
				st->slot[SL_OPT_SSH_PROXYCOMMAND] = r;
		}
		return;
	case SL_OPT_SSH_USER:
		if (st->user == NULL) {
			st->user = a0;
			st->userref = r;
			trace(st, o, true, UNSET);
		} else
			trace(st, o, false, st->userref.src >= 0 ? st->userref :
			    UNSET);
		return;
	case SL_OPT_SSH_PORT:
		if (st->port == NULL) {
			trace(st, o, st->slot[opt].src == -1, st->slot[opt]);
			set_first(st, opt, r);
		}
		return;
	default:
		if (kw->mult == SL_MULT_FIRST || kw->mult == SL_MULT_FIRSTLINE) {
			trace(st, o, st->slot[opt].src == -1, st->slot[opt]);
			set_first(st, opt, r);
		}
		return;
	}
}

/* ---- Host and Match ---- */

static bool
host_matches(const struct st *st, const struct sl_line *ln)
{
	bool m = false;
	uint32_t a;

	for (a = 0; a < ln->nargs; a++) {
		const char *p = ln->args[a].val;
		bool neg = *p == '!';

		if (neg)
			p++;
		if (sl_match_pattern(st->host, p)) {
			if (neg)
				return false;
			m = true;
		}
	}
	return m;
}

/* %h expansion of Hostname (only %h and %%); *bad on another token. */
static char *
expand_h(const char *s, const char *h, bool *bad)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;

	sl_strbuf_adds(&sb, "");
	for (; *s; s++) {
		if (*s == '%' && s[1] == 'h') {
			sl_strbuf_adds(&sb, h);
			s++;
		} else if (*s == '%' && s[1] == '%') {
			sl_strbuf_addc(&sb, '%');
			s++;
		} else if (*s == '%') {
			*bad = true;
			break;
		} else
			sl_strbuf_addc(&sb, *s);
	}
	return sl_strbuf_detach(&sb);
}

/* Hostname with %h expanded; ssh dies on another token. */
static char *
hostname_expand(struct st *st, const char *h)
{
	struct ref r = st->slot[SL_OPT_SSH_HOSTNAME];
	bool bad = false;
	char *x = expand_h(arg0(st, r), h, &bad);

	if (bad)
		sl_eff_fail(st->e, origin(r), "percent_expand: unknown key in "
		    "Hostname '%s' (only %%h and %%%% are expanded)",
		    arg0(st, r));
	return x;
}

static int
match_line(struct st *st, const struct op *o)
{
	const struct sl_line *ln = op_line(st->c, o);
	const char *ruser = st->user ? st->user : st->luser;
	char *host = NULL;
	uint32_t a;
	int result = 1, r;

	if (st->final_pass)
		host = sl_strdup(st->host);
	else if (st->slot[SL_OPT_SSH_HOSTNAME].src >= 0)
		host = hostname_expand(st, st->host);
	else
		host = sl_strdup(st->host);
	if (host == NULL) {
		st->oom = true;
		return 0;
	}
	for (a = 0; a < ln->nargs; a++) {
		const char *attr = ln->args[a].val, *arg;
		bool neg = *attr == '!';

		if (*attr == '#')
			break;
		if (neg)
			attr++;
		if (strcasecmp(attr, "all") == 0) {
			if (result)
				result = neg ? 0 : 1;
			break;
		}
		if (strcasecmp(attr, "canonical") == 0 ||
		    strcasecmp(attr, "final") == 0) {
			if (st->final_pass == neg)
				result = 0;
			continue;
		}
		if (a + 1 >= ln->nargs)
			break;
		arg = ln->args[++a].val;
		if (strcasecmp(attr, "host") == 0)
			r = sl_match_hostname(host, arg) == 1;
		else if (strcasecmp(attr, "originalhost") == 0)
			r = sl_match_hostname(st->orig, arg) == 1;
		else if (strcasecmp(attr, "user") == 0)
			r = sl_match_pattern_list(ruser, arg, false) == 1;
		else if (strcasecmp(attr, "localuser") == 0)
			r = sl_match_pattern_list(st->luser, arg, false) == 1;
		else if (strcasecmp(attr, "exec") == 0) {
			if (result != 1)
				continue;
			if (!st->final_pass)
				sl_eff_note(st->e, origin((struct ref)
				    { (int32_t)o->src, o->line }),
				    SL_SEV_INFO, "'Match exec %s' is not run; "
				    "taken as %s (--assume-exec)", arg,
				    st->q->assume_exec ? "true" : "false");
			r = st->q->assume_exec != 0;
		} else {
			/* not a 9.2 criterion: the linter reported it */
			result = 0;
			break;
		}
		if (r == (neg ? 1 : 0))
			result = 0;
	}
	sl_free(host);
	return result;
}

/* ---- running the program ---- */

#define MAXSTACK (SL_MAX_INCLUDE_DEPTH + 2)

struct run {
	bool active, never;
	bool save_active[MAXSTACK], save_never[MAXSTACK];
	int sp;
};

static void
run_op(struct st *st, struct run *rs, const struct op *o)
{
	switch (o->kind) {
	case OP_FILE:
		rs->active = true;
		rs->never = false;
		rs->sp = 0;
		break;
	case OP_HOST:
		rs->active = !rs->never && host_matches(st,
		    op_line(st->c, o));
		break;
	case OP_MATCH: {
		int m = match_line(st, o);

		rs->active = !rs->never && m == 1;
		break;
	}
	case OP_PUSH:
		if (rs->sp < MAXSTACK) {
			rs->save_active[rs->sp] = rs->active;
			rs->save_never[rs->sp] = rs->never;
		}
		rs->sp++;
		if (!rs->active)
			rs->never = true;
		break;
	case OP_POP:
		rs->sp--;
		if (rs->sp >= 0 && rs->sp < MAXSTACK) {
			rs->active = rs->save_active[rs->sp];
			rs->never = rs->save_never[rs->sp];
		}
		break;
	case OP_DIR:
		apply(st, o, rs->active);
		break;
	}
}

static void
run_range(struct st *st, struct run *rs, uint32_t from, uint32_t to)
{
	uint32_t i;

	for (i = from; i < to && !st->oom; i++)
		run_op(st, rs, &st->c->ops[i]);
}

/* Units (literal Host blocks) naming `host`, in program order. */
static size_t
find_units(const struct sl_client *c, const char *host, size_t *first)
{
	size_t lo = 0, hi = c->nlits, len = strlen(host), n = 0;
	struct lit key = { host, (uint32_t)len, 0 };

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cmp_lit(&c->lits[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < c->nlits && c->lits[lo + n].len == len &&
	    memcmp(c->lits[lo + n].name, host, len) == 0)
		n++;
	return n;
}

static void
run_pass(struct st *st)
{
	const struct sl_client *c = st->c;
	struct run rs;
	size_t ai = 0, ui, nu, first;
	uint32_t last_unit = UINT32_MAX;

	memset(&rs, 0, sizeof(rs));
	rs.active = true;
	nu = find_units(c, st->host, &first);
	ui = 0;
	/* merge the always-ranges with the units naming the host */
	while (!st->oom && (ai < c->nalways || ui < nu)) {
		uint32_t astart = ai < c->nalways ? c->always[ai] : UINT32_MAX;
		uint32_t unit = ui < nu ? c->lits[first + ui].unit : UINT32_MAX;
		uint32_t ustart = unit != UINT32_MAX ? c->units[unit].start :
		    UINT32_MAX;

		if (unit != UINT32_MAX && unit == last_unit) {
			ui++;	/* the host is named twice on one line */
			continue;
		}
		if (astart <= ustart) {
			run_range(st, &rs, astart, c->always[ai + 1]);
			ai += 2;
		} else {
			run_range(st, &rs, ustart, c->units[unit].end);
			last_unit = unit;
			ui++;
		}
	}
}

/* ---- output ---- */

static const char *
local_hostname(char *buf, size_t len)
{
	if (gethostname(buf, len) != 0)
		snprintf(buf, len, "localhost");
	buf[len - 1] = '\0';
	return buf;
}

/* SHA-1 (FIPS 180-4), for %C. */
struct sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void
sha1_block(struct sha1 *s, const unsigned char *p)
{
	uint32_t w[80], a, b, c, d, e, t, f, k;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3]; e = s->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = ROL(a, 5) + f + e + k + w[i];
		e = d; d = c; c = ROL(b, 30); b = a; a = t;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d; s->h[4] += e;
}

static void
sha1_update(struct sha1 *s, const void *data, size_t len)
{
	const unsigned char *p = data;

	s->len += len;
	while (len > 0) {
		size_t k = 64 - s->n < len ? 64 - s->n : len;

		memcpy(s->buf + s->n, p, k);
		s->n += k;
		p += k;
		len -= k;
		if (s->n == 64) {
			sha1_block(s, s->buf);
			s->n = 0;
		}
	}
}

static void
sha1_hex(struct sha1 *s, char out[41])
{
	uint64_t bits = s->len * 8;
	unsigned char pad = 0x80, z = 0, lenb[8];
	int i;

	sha1_update(s, &pad, 1);
	while (s->n != 56)
		sha1_update(s, &z, 1);
	for (i = 0; i < 8; i++)
		lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(s, lenb, 8);
	for (i = 0; i < 20; i++)
		snprintf(out + 2 * i, 3, "%02x",
		    (unsigned)(s->h[i / 4] >> (24 - 8 * (i % 4))) & 0xff);
}

struct tokens {
	char hash[41], thishost[256], shorthost[256], uid[32], port[16];
	const char *keyalias, *host_arg, *home, *remhost, *remuser, *locuser;
};

/*
 * percent (and ${ENV} when dollar) expansion with the default client
 * tokens; NULL with *err set when ssh would die.
 */
static char *
expand(const struct tokens *t, const char *s, bool dollar,
    const char *(*env)(const char *), const char **err)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *v;

	sl_strbuf_adds(&sb, "");
	for (; *s; s++) {
		if (dollar && s[0] == '$' && s[1] == '{') {
			const char *end = strchr(s + 2, '}');
			char name[256];
			size_t n;

			if (end == NULL || end == s + 2 ||
			    (n = (size_t)(end - s - 2)) >= sizeof(name)) {
				*err = "invalid environment variable expansion";
				goto fail;
			}
			memcpy(name, s + 2, n);
			name[n] = '\0';
			if ((v = (env ? env : (const char *(*)(const char *))
			    getenv)(name)) == NULL) {
				*err = "invalid environment variable expansion";
				goto fail;
			}
			sl_strbuf_adds(&sb, v);
			s = end;
			continue;
		}
		if (*s != '%') {
			sl_strbuf_addc(&sb, *s);
			continue;
		}
		s++;
		switch (*s) {
		case '%': v = "%"; break;
		case 'C': v = t->hash; break;
		case 'L': v = t->shorthost; break;
		case 'i': v = t->uid; break;
		case 'k': v = t->keyalias; break;
		case 'l': v = t->thishost; break;
		case 'n': v = t->host_arg; break;
		case 'p': v = t->port; break;
		case 'd': v = t->home; break;
		case 'h': v = t->remhost; break;
		case 'r': v = t->remuser; break;
		case 'u': v = t->locuser; break;
		default:
			*err = *s ? "percent_expand: unknown key" :
			    "percent_expand: invalid format";
			goto fail;
		}
		sl_strbuf_adds(&sb, v);
	}
	return sl_strbuf_detach(&sb);
 fail:
	sl_strbuf_release(&sb);
	return NULL;
}

/* tilde_expand_filename(): `home` for "~/", the passwd file for ~user. */
static char *
tilde_home(const char *home, const char *s, const char **err)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *slash;
	char user[256];
	struct passwd *pw;
	size_t n;

	if (*s != '~')
		return sl_strdup(s);
	s++;
	slash = strchr(s, '/');
	n = slash ? (size_t)(slash - s) : strlen(s);
	if (n > 0) {
		if (n >= sizeof(user)) {
			*err = "tilde_expand: user name too long";
			return NULL;
		}
		memcpy(user, s, n);
		user[n] = '\0';
		if ((pw = getpwnam(user)) == NULL) {
			*err = "tilde_expand_filename: No such user";
			return NULL;
		}
		home = pw->pw_dir;
	}
	s += n;
	sl_strbuf_adds(&sb, home);
	/* "~" alone or "~/x": OpenSSH avoids a double slash */
	if (*s == '/' && sb.len > 0 && sb.buf[sb.len - 1] == '/')
		s++;
	sl_strbuf_adds(&sb, s);
	return sl_strbuf_detach(&sb);
}

/* tilde, then percent and ${} expansion; reports a failure. */
static char *
path_expand(struct st *st, const struct tokens *t, const char *s,
    struct ref r)
{
	const char *err = NULL;
	char *a, *b;

	if ((a = tilde_home(st->home, s, &err)) == NULL) {
		if (err)
			sl_eff_fail(st->e, origin(r), "%s in '%s'", err, s);
		else
			st->oom = true;
		return NULL;
	}
	b = expand(t, a, true, NULL, &err);
	sl_free(a);
	if (b == NULL) {
		if (err)
			sl_eff_fail(st->e, origin(r), "%s in '%s'", err, s);
		else
			st->oom = true;
	}
	return b;
}

#define ADD(opt, key, org, ...) \
	sl_eff_addf(st->e, (opt), (key), (org), __VA_ARGS__)

static struct sl_origin
slot_origin(const struct st *st, int slot)
{
	return origin(st->slot[slot]);
}

/* Value text of a slot's directive, or NULL if unset. */
static const char *
sval(const struct st *st, int slot)
{
	return st->slot[slot].src < 0 ? NULL : arg0(st, st->slot[slot]);
}

static bool
version_has(const struct st *st, const char *kwname)
{
	return sl_kw_lookup(SL_DIALECT_SSH, kwname, strlen(kwname),
	    st->c->version) != NULL;
}

static void
dump_flag(struct st *st, int opt, const char *key, int dflt)
{
	const char *v = sval(st, opt);
	int val = v ? ms_value(ms_flag, v, dflt) : dflt;

	ADD(opt, key, slot_origin(st, opt), "%s", val ? "yes" : "no");
}

static void
dump_ms(struct st *st, int opt, const char *key, const struct ms *m,
    int dflt)
{
	const char *v = sval(st, opt);
	int val = v ? ms_value(m, v, dflt) : dflt;

	ADD(opt, key, slot_origin(st, opt), "%s", ms_name(m, val));
}

static void
dump_int(struct st *st, int opt, const char *key, long dflt)
{
	const char *v = sval(st, opt);

	ADD(opt, key, slot_origin(st, opt), "%ld", v ? strtol(v, NULL, 10) :
	    dflt);
}

static void
dump_time(struct st *st, int opt, const char *key, long dflt)
{
	const char *v = sval(st, opt);

	ADD(opt, key, slot_origin(st, opt), "%ld", v ? convtime(v) : dflt);
}

static void
dump_str(struct st *st, int opt, const char *key)
{
	const char *v = sval(st, opt);

	if (v != NULL)
		ADD(opt, key, slot_origin(st, opt), "%s", v);
}

/*
 * sl_algo_assemble() remembered per client: most hosts share the lists.
 * Returns 0 and *list (owned by the client), SL_EINVAL or SL_ENOMEM.
 */
static int
assemble(struct st *st, enum sl_algo_opt ao, const char *spec,
    const char **list)
{
	struct sl_client *c = (struct sl_client *)st->c;
	char *l = NULL;
	size_t i;
	int r;

	for (i = 0; i < c->nmemo; i++)
		if (c->memo[i].ao == (int)ao && c->memo[i].spec == spec) {
			*list = c->memo[i].list;
			return c->memo[i].r;
		}
	r = sl_algo_assemble(c->version, false, ao, spec, true, &l);
	if (r == SL_ENOMEM)
		return r;
	*list = l;
	if (c->nmemo < sizeof(c->memo) / sizeof(c->memo[0])) {
		c->memo[c->nmemo].ao = (int)ao;
		c->memo[c->nmemo].spec = spec;
		c->memo[c->nmemo].list = l;
		c->memo[c->nmemo].r = r;
		c->nmemo++;
	} else {
		/* cache full: hand out a copy kept until the next call */
		sl_free(st->algo_tmp);
		st->algo_tmp = l;
	}
	return r;
}

static void
dump_algo(struct st *st, int opt, const char *key, enum sl_algo_opt ao)
{
	const char *v = sval(st, opt);
	const char *list = NULL;
	int r;

	if (st->e->fatal != NULL)
		return;
	r = assemble(st, ao, v, &list);
	if (r == SL_ENOMEM) {
		st->oom = true;
		return;
	}
	if (r != 0) {
		/* 9.2 logs the error, prints nothing more of the lists */
		sl_eff_note(st->e, slot_origin(st, opt), SL_SEV_ERROR,
		    "fill_default_options: %s: invalid argument", key);
		st->e->fatal = "";	/* marker: stop the algorithm lines */
		return;
	}
	ADD(opt, key, slot_origin(st, opt), "%s", list);
}

static void
dump_oneline(struct st *st, int opt, const char *key, int li,
    const char *const *dflt, size_t ndflt)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const struct list *l = &st->l[li];
	size_t i;

	sl_strbuf_adds(&sb, "");
	if (l->n == 0 && ndflt == 0)
		sl_strbuf_adds(&sb, "none");
	for (i = 0; i < l->n; i++)
		sl_strbuf_addf(&sb, "%s%s", i ? " " : "", l->v[i].val);
	for (i = 0; l->n == 0 && i < ndflt; i++)
		sl_strbuf_addf(&sb, "%s%s", i ? " " : "", dflt[i]);
	if (sb.failed)
		st->oom = true;
	else
		sl_eff_add(st->e, opt, key, sb.buf, l->n ? origin(l->v[0].ref) :
		    SL_ORIGIN(SL_ORIGIN_DEFAULT));
	sl_strbuf_release(&sb);
}

/* vis(3) of the escape character as ssh -G prints it. */
static void
escape_str(int ch, char *buf, size_t len)
{
	if (ch < 0)
		snprintf(buf, len, "none");
	else if (ch == ' ')
		snprintf(buf, len, "\\040");
	else if (ch < 0x20)
		snprintf(buf, len, "\\^%c", ch + '@');
	else if (ch == 0x7f)
		snprintf(buf, len, "\\^?");
	else if (ch == '\\')
		snprintf(buf, len, "\\\\");
	else if (ch > 0x7f)
		snprintf(buf, len, "\\M-%c", ch & 0x7f);
	else
		snprintf(buf, len, "%c", ch);
}

static int
escape_value(const char *v)
{
	if (is_none(v))
		return -1;
	if (strlen(v) == 1)
		return (unsigned char)v[0];
	if (strlen(v) == 2 && v[0] == '^')
		return (unsigned char)v[1] & 31;
	return '~';
}

static bool
is_addr_fast(const char *n)
{
	return strchr(n, '%') != NULL || strchr(n, ':') != NULL ||
	    strspn(n, "0123456789.") == strlen(n);
}

/* Numeric address? (getaddrinfo with AI_NUMERICHOST: no lookup) */
static bool
numeric_canon(const char *n, int af, char *out, size_t outlen)
{
	struct addrinfo hints, *res = NULL;
	bool ok;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = af == 4 ? AF_INET : af == 6 ? AF_INET6 : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if (getaddrinfo(n, "22", &hints, &res) != 0)
		return false;
	ok = true;
	if (out != NULL && getnameinfo(res->ai_addr, res->ai_addrlen, out,
	    (socklen_t)outlen, NULL, 0, NI_NUMERICHOST) != 0)
		ok = false;
	freeaddrinfo(res);
	return ok;
}

static void
lowercase(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static const char *const default_ids[] = {
	"~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ecdsa_sk",
	"~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss",
	"~/.ssh/id_dsa",
};

/* proxyjump as ssh -G prints it: extra hops, then [user@]host[:port]. */
static char *
jump_text(const char *all, const char *hp, const char *last)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char *d, *t, *at, *host, *port = NULL, *c;
	const char *user = NULL;
	bool bracket;

	if ((d = sl_strdup(hp)) == NULL)
		return NULL;
	t = d;
	if (strncmp(t, "ssh://", 6) == 0) {
		t += 6;
		if ((c = strchr(t, '/')) != NULL)
			*c = '\0';
	}
	if ((at = strrchr(t, '@')) != NULL) {
		*at = '\0';
		user = t;
		t = at + 1;
	}
	host = t;
	if (*host == '[') {
		host++;
		if ((c = strchr(host, ']')) != NULL) {
			*c = '\0';
			if (c[1] == ':')
				port = c + 2;
		}
	} else if ((c = strchr(host, ':')) != NULL) {
		*c = '\0';
		port = c + 1;
	}
	bracket = strchr(host, ':') != NULL ||
	    strspn(host, "1234567890.") == strlen(host);
	if (last != NULL)
		sl_strbuf_addf(&sb, "%.*s,", (int)(last - all), all);
	sl_strbuf_addf(&sb, "%s%s%s%s%s", user ? user : "", user ? "@" : "",
	    bracket ? "[" : "", host, bracket ? "]" : "");
	if (port != NULL && *port != '\0' && a2port(port) > 0)
		sl_strbuf_addf(&sb, ":%d", a2port(port));
	sl_free(d);
	return sl_strbuf_detach(&sb);
}

/* One part of a forward ("p" path or "a" address); paths get %-tokens. */
static char *
fwd_part(struct st *st, const struct tokens *t, const char *p, size_t n,
    struct ref r)
{
	const char *err = NULL;
	char *raw = sl_strndup(p + 1, n - 1), *x;

	if (raw == NULL || *p != 'p')
		return raw;
	x = expand(t, raw, false, NULL, &err);
	if (x == NULL && err != NULL)
		sl_eff_fail(st->e, origin(r), "%s in forwarding path '%s'",
		    err, raw);
	sl_free(raw);
	return x;
}

static void
dump_forwards(struct st *st, const struct tokens *t, int li, int opt,
    const char *key)
{
	const struct list *l = &st->l[li];
	size_t k;

	for (k = 0; k < l->n; k++) {
		const char *f = l->v[k].val, *tab = strchr(f, '\t');
		const char *tab2 = strchr(tab + 1, '\t');
		char kind = f[strlen(f) - 1], *a, *b = NULL;

		/* ssh -G prints a local forward whose target is "socks" (or
		 * a socket path) as dynamic, and all but "socks" as local */
		if (opt == SL_OPT_SSH_DYNAMICFORWARD && kind == 'h')
			continue;
		if (opt == SL_OPT_SSH_LOCALFORWARD && kind == 's')
			continue;
		a = fwd_part(st, t, f, (size_t)(tab - f), l->v[k].ref);
		if (opt != SL_OPT_SSH_DYNAMICFORWARD)
			b = fwd_part(st, t, tab + 1, (size_t)(tab2 - tab - 1),
			    l->v[k].ref);
		if (a != NULL && opt == SL_OPT_SSH_DYNAMICFORWARD)
			ADD(opt, key, origin(l->v[k].ref), "%s", a);
		else if (a != NULL && b != NULL)
			ADD(opt, key, origin(l->v[k].ref), "%s %s", a, b);
		sl_free(a);
		sl_free(b);
	}
}

static void
dump(struct st *st, const char *host)
{
	struct tokens t;
	struct sl_origin none = SL_ORIGIN(SL_ORIGIN_DEFAULT);
	struct sl_origin cmd = SL_ORIGIN(SL_ORIGIN_CMDLINE);
	struct sl_origin derived = SL_ORIGIN(SL_ORIGIN_DERIVED);
	const char *v, *user = st->user ? st->user : st->luser;
	char buf[64], *x, *hka = NULL;
	struct sha1 sh = { { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	    0xc3d2e1f0 }, 0, { 0 }, 0 };
	int port = 22, loglevel, upd, i;
	bool has_jump;
	size_t k;

	/* port */
	if (st->port != NULL)
		port = a2port(st->port);
	else if ((v = sval(st, SL_OPT_SSH_PORT)) != NULL)
		port = a2port(v);
	if (port <= 0)
		port = 22;

	/* tokens */
	memset(&t, 0, sizeof(t));
	snprintf(t.thishost, sizeof(t.thishost), "%s", st->c->thishost);
	snprintf(t.shorthost, sizeof(t.shorthost), "%s", t.thishost);
	t.shorthost[strcspn(t.shorthost, ".")] = '\0';
	snprintf(t.uid, sizeof(t.uid), "%llu", (unsigned long long)st->uid);
	snprintf(t.port, sizeof(t.port), "%d", port);
	if ((v = sval(st, SL_OPT_SSH_HOSTKEYALIAS)) != NULL) {
		if ((hka = sl_strdup(v)) == NULL) {
			st->oom = true;
			return;
		}
		lowercase(hka);
	}
	t.keyalias = hka ? hka : st->orig;
	t.host_arg = st->orig;
	t.home = st->home;
	t.remhost = host;
	t.remuser = user;
	t.locuser = st->luser;
	sha1_update(&sh, t.thishost, strlen(t.thishost));
	sha1_update(&sh, host, strlen(host));
	sha1_update(&sh, t.port, strlen(t.port));
	sha1_update(&sh, user, strlen(user));
	sha1_hex(&sh, t.hash);

	has_jump = st->slot[X_JUMP].src >= 0 && !is_none(sval(st, X_JUMP));

	if (st->c->version >= SL_VERSION(9, 2))
		ADD(-1, "host", cmd, "%s", st->orig);
	ADD(SL_OPT_SSH_USER, "user", st->user ? (st->userref.src >= 0 ?
	    origin(st->userref) : cmd) : derived, "%s", user);
	ADD(SL_OPT_SSH_HOSTNAME, "hostname", st->slot[SL_OPT_SSH_HOSTNAME].src
	    >= 0 ? slot_origin(st, SL_OPT_SSH_HOSTNAME) : cmd, "%s", host);
	ADD(SL_OPT_SSH_PORT, "port", st->port ? cmd : slot_origin(st,
	    SL_OPT_SSH_PORT), "%d", port);

	dump_ms(st, SL_OPT_SSH_ADDRESSFAMILY, "addressfamily", ms_af, 0);
	dump_flag(st, SL_OPT_SSH_BATCHMODE, "batchmode", 0);
	dump_flag(st, SL_OPT_SSH_CANONICALIZEFALLBACKLOCAL,
	    "canonicalizefallbacklocal", 1);
	dump_ms(st, SL_OPT_SSH_CANONICALIZEHOSTNAME, "canonicalizehostname",
	    ms_canon, 0);
	if (st->c->version < SL_VERSION(8, 7))
		dump_flag(st, SL_OPT_SSH_CHALLENGERESPONSEAUTHENTICATION,
		    "challengeresponseauthentication", 1);
	dump_flag(st, SL_OPT_SSH_CHECKHOSTIP, "checkhostip", 0);
	dump_flag(st, SL_OPT_SSH_COMPRESSION, "compression", 0);
	dump_ms(st, SL_OPT_SSH_CONTROLMASTER, "controlmaster",
	    ms_controlmaster, 0);
	dump_flag(st, SL_OPT_SSH_ENABLESSHKEYSIGN, "enablesshkeysign", 0);
	dump_flag(st, SL_OPT_SSH_CLEARALLFORWARDINGS, "clearallforwardings",
	    0);
	dump_flag(st, SL_OPT_SSH_EXITONFORWARDFAILURE, "exitonforwardfailure",
	    0);
	v = sval(st, SL_OPT_SSH_FINGERPRINTHASH);
	ADD(SL_OPT_SSH_FINGERPRINTHASH, "fingerprinthash", slot_origin(st,
	    SL_OPT_SSH_FINGERPRINTHASH), "%s", v && strcasecmp(v, "md5") == 0 ?
	    "MD5" : "SHA256");
	dump_flag(st, SL_OPT_SSH_FORWARDX11, "forwardx11", 0);
	/* Debian: ForwardX11Trusted defaults to yes */
	dump_flag(st, SL_OPT_SSH_FORWARDX11TRUSTED, "forwardx11trusted", 1);
	dump_flag(st, SL_OPT_SSH_GATEWAYPORTS, "gatewayports", 0);
	dump_flag(st, SL_OPT_SSH_GSSAPIAUTHENTICATION, "gssapiauthentication",
	    0);
	dump_flag(st, SL_OPT_SSH_GSSAPIKEYEXCHANGE, "gssapikeyexchange", 0);
	dump_flag(st, SL_OPT_SSH_GSSAPIDELEGATECREDENTIALS,
	    "gssapidelegatecredentials", 0);
	dump_flag(st, SL_OPT_SSH_GSSAPITRUSTDNS, "gssapitrustdns", 0);
	dump_flag(st, SL_OPT_SSH_GSSAPIRENEWALFORCESREKEY,
	    "gssapirenewalforcesrekey", 0);
	dump_str(st, SL_OPT_SSH_GSSAPICLIENTIDENTITY, "gssapiclientidentity");
	dump_str(st, SL_OPT_SSH_GSSAPISERVERIDENTITY, "gssapiserveridentity");
	if ((v = sval(st, SL_OPT_SSH_GSSAPIKEXALGORITHMS)) != NULL)
		ADD(SL_OPT_SSH_GSSAPIKEXALGORITHMS, "gssapikexalgorithms",
		    slot_origin(st, SL_OPT_SSH_GSSAPIKEXALGORITHMS), "%s", v);
	else {
		struct sl_namelist g = sl_algo_gss_kex_default(st->c->version,
		    true);
		struct sl_strbuf sb = SL_STRBUF_INIT;

		sl_strbuf_adds(&sb, "");
		for (k = 0; k < g.n; k++)
			sl_strbuf_addf(&sb, "%s%s", k ? "," : "", g.names[k]);
		if (g.n > 0 && !sb.failed)
			sl_eff_add(st->e, SL_OPT_SSH_GSSAPIKEXALGORITHMS,
			    "gssapikexalgorithms", sb.buf, none);
		sl_strbuf_release(&sb);
	}
	dump_flag(st, SL_OPT_SSH_HASHKNOWNHOSTS, "hashknownhosts", 0);
	dump_flag(st, SL_OPT_SSH_HOSTBASEDAUTHENTICATION,
	    "hostbasedauthentication", 0);
	dump_flag(st, SL_OPT_SSH_IDENTITIESONLY, "identitiesonly", 0);
	dump_flag(st, SL_OPT_SSH_KBDINTERACTIVEAUTHENTICATION,
	    "kbdinteractiveauthentication", 1);
	dump_flag(st, SL_OPT_SSH_NOHOSTAUTHENTICATIONFORLOCALHOST,
	    "nohostauthenticationforlocalhost", 0);
	dump_flag(st, SL_OPT_SSH_PASSWORDAUTHENTICATION,
	    "passwordauthentication", 1);
	dump_flag(st, SL_OPT_SSH_PERMITLOCALCOMMAND, "permitlocalcommand", 0);
	if (has_jump)
		ADD(SL_OPT_SSH_PROXYUSEFDPASS, "proxyusefdpass", slot_origin(st,
		    X_JUMP), "no");
	else
		dump_flag(st, SL_OPT_SSH_PROXYUSEFDPASS, "proxyusefdpass", 0);
	dump_ms(st, SL_OPT_SSH_PUBKEYAUTHENTICATION, "pubkeyauthentication",
	    ms_pubkey, 3);
	dump_ms(st, SL_OPT_SSH_REQUESTTTY, "requesttty", ms_requesttty, 0);
	if (version_has(st, "SessionType")) {
		dump_ms(st, SL_OPT_SSH_SESSIONTYPE, "sessiontype",
		    ms_sessiontype, 2);
		dump_flag(st, SL_OPT_SSH_STDINNULL, "stdinnull", 0);
		dump_flag(st, SL_OPT_SSH_FORKAFTERAUTHENTICATION,
		    "forkafterauthentication", 0);
	}
	dump_flag(st, SL_OPT_SSH_STREAMLOCALBINDUNLINK,
	    "streamlocalbindunlink", 0);
	dump_ms(st, SL_OPT_SSH_STRICTHOSTKEYCHECKING, "stricthostkeychecking",
	    ms_strict, 3);
	dump_flag(st, SL_OPT_SSH_TCPKEEPALIVE, "tcpkeepalive", 1);
	/* ClearAllForwardings also turns the tunnel off */
	if (sval(st, SL_OPT_SSH_CLEARALLFORWARDINGS) != NULL &&
	    flag_value(sval(st, SL_OPT_SSH_CLEARALLFORWARDINGS)))
		ADD(SL_OPT_SSH_TUNNEL, "tunnel", slot_origin(st,
		    SL_OPT_SSH_CLEARALLFORWARDINGS), "false");
	else
		dump_ms(st, SL_OPT_SSH_TUNNEL, "tunnel", ms_tunnel, 0);
	dump_ms(st, SL_OPT_SSH_VERIFYHOSTKEYDNS, "verifyhostkeydns",
	    ms_yesnoask, 0);
	dump_flag(st, SL_OPT_SSH_VISUALHOSTKEY, "visualhostkey", 0);

	/* UpdateHostKeys: default depends on VerifyHostKeyDNS and files */
	v = sval(st, SL_OPT_SSH_UPDATEHOSTKEYS);
	if (v != NULL)
		upd = ms_value(ms_yesnoask, v, 0);
	else {
		const char *vd = sval(st, SL_OPT_SSH_VERIFYHOSTKEYDNS);
		const struct list *u = &st->l[L_UKH];

		upd = (vd == NULL || ms_value(ms_yesnoask, vd, 0) == 0) &&
		    (u->n == 0 || (u->n == 1 && strcmp(u->v[0].val,
		    "~/.ssh/known_hosts") == 0)) ? 1 : 0;
	}
	v = sval(st, SL_OPT_SSH_LOGLEVEL);
	loglevel = 3;
	if (v != NULL) {
		static const char *const lv[] = { "QUIET", "FATAL", "ERROR",
		    "INFO", "VERBOSE", "DEBUG", "DEBUG1", "DEBUG2", "DEBUG3" };

		for (i = 0; i < 9; i++)
			if (strcasecmp(v, lv[i]) == 0)
				loglevel = i;
		if (strcasecmp(v, "SILENT") == 0)
			loglevel = 0;
	}
	if (upd == 2) {
		if (sval(st, SL_OPT_SSH_CONTROLPERSIST) != NULL &&
		    strcasecmp(sval(st, SL_OPT_SSH_CONTROLPERSIST), "no") &&
		    strcasecmp(sval(st, SL_OPT_SSH_CONTROLPERSIST), "false") &&
		    sval(st, SL_OPT_SSH_CONTROLPATH) != NULL &&
		    !is_none(sval(st, SL_OPT_SSH_CONTROLPATH)))
			upd = 0;
		else if ((sval(st, SL_OPT_SSH_REMOTECOMMAND) != NULL &&
		    !is_none(sval(st, SL_OPT_SSH_REMOTECOMMAND))) ||
		    (sval(st, SL_OPT_SSH_REQUESTTTY) != NULL &&
		    ms_value(ms_requesttty, sval(st, SL_OPT_SSH_REQUESTTTY),
		    0) == 1))
			upd = 0;
		else if (loglevel < 3)
			upd = 0;
	}
	ADD(SL_OPT_SSH_UPDATEHOSTKEYS, "updatehostkeys", slot_origin(st,
	    SL_OPT_SSH_UPDATEHOSTKEYS), "%s", ms_name(ms_yesnoask, upd));
	if (version_has(st, "EnableEscapeCommandline"))
		dump_flag(st, SL_OPT_SSH_ENABLEESCAPECOMMANDLINE,
		    "enableescapecommandline", 0);

	dump_int(st, SL_OPT_SSH_CANONICALIZEMAXDOTS, "canonicalizemaxdots", 1);
	dump_int(st, SL_OPT_SSH_CONNECTIONATTEMPTS, "connectionattempts", 1);
	dump_time(st, SL_OPT_SSH_FORWARDX11TIMEOUT, "forwardx11timeout", 1200);
	dump_int(st, SL_OPT_SSH_NUMBEROFPASSWORDPROMPTS,
	    "numberofpasswordprompts", 3);
	dump_int(st, SL_OPT_SSH_SERVERALIVECOUNTMAX, "serveralivecountmax", 3);
	/* Debian: BatchMode yes makes the unset interval 300 */
	dump_time(st, SL_OPT_SSH_SERVERALIVEINTERVAL, "serveraliveinterval",
	    sval(st, SL_OPT_SSH_BATCHMODE) != NULL &&
	    flag_value(sval(st, SL_OPT_SSH_BATCHMODE)) ? 300 : 0);
	if (version_has(st, "RequiredRSASize"))
		dump_int(st, SL_OPT_SSH_REQUIREDRSASIZE, "requiredrsasize",
		    1024);

	dump_str(st, SL_OPT_SSH_BINDADDRESS, "bindaddress");
	dump_str(st, SL_OPT_SSH_BINDINTERFACE, "bindinterface");
	dump_algo(st, SL_OPT_SSH_CIPHERS, "ciphers", SL_AO_CIPHERS);
	if ((v = sval(st, SL_OPT_SSH_CONTROLPATH)) != NULL && !is_none(v) &&
	    (x = path_expand(st, &t, v, st->slot[SL_OPT_SSH_CONTROLPATH])) !=
	    NULL) {
		ADD(SL_OPT_SSH_CONTROLPATH, "controlpath", slot_origin(st,
		    SL_OPT_SSH_CONTROLPATH), "%s", x);
		sl_free(x);
	}
	/* HostKeyAlgorithms is assembled at dump time, fatal on error */
	if (st->e->fatal == NULL) {
		const char *list = NULL;
		int r = assemble(st, SL_AO_HOSTKEY,
		    sval(st, SL_OPT_SSH_HOSTKEYALGORITHMS), &list);

		if (r == 0)
			ADD(SL_OPT_SSH_HOSTKEYALGORITHMS, "hostkeyalgorithms",
			    slot_origin(st, SL_OPT_SSH_HOSTKEYALGORITHMS), "%s",
			    list); else if (r == SL_ENOMEM)
			st->oom = true;
		else
			sl_eff_fail(st->e, slot_origin(st,
			    SL_OPT_SSH_HOSTKEYALGORITHMS),
			    "expand HostKeyAlgorithms: invalid format");
	}
	if (hka != NULL)
		ADD(SL_OPT_SSH_HOSTKEYALIAS, "hostkeyalias", slot_origin(st,
		    SL_OPT_SSH_HOSTKEYALIAS), "%s", hka);
	dump_algo(st, SL_OPT_SSH_HOSTBASEDACCEPTEDALGORITHMS,
	    st->c->version < SL_VERSION(8, 5) ? "hostbasedkeytypes" :
	    "hostbasedacceptedalgorithms", SL_AO_HOSTBASED);
	if ((v = sval(st, SL_OPT_SSH_IDENTITYAGENT)) != NULL &&
	    (x = path_expand(st, &t, v, st->slot[SL_OPT_SSH_IDENTITYAGENT])) !=
	    NULL) {
		ADD(SL_OPT_SSH_IDENTITYAGENT, "identityagent", slot_origin(st,
		    SL_OPT_SSH_IDENTITYAGENT), "%s", x);
		sl_free(x);
	}
	dump_str(st, SL_OPT_SSH_IGNOREUNKNOWN, "ignoreunknown");
	dump_str(st, SL_OPT_SSH_KBDINTERACTIVEDEVICES, "kbdinteractivedevices");
	dump_algo(st, SL_OPT_SSH_KEXALGORITHMS, "kexalgorithms", SL_AO_KEX);
	if (version_has(st, "CASignatureAlgorithms"))
		dump_algo(st, SL_OPT_SSH_CASIGNATUREALGORITHMS,
		    "casignaturealgorithms", SL_AO_CASIG);
	if ((v = sval(st, SL_OPT_SSH_LOCALCOMMAND)) != NULL &&
	    !is_none(v))
		ADD(SL_OPT_SSH_LOCALCOMMAND, "localcommand", slot_origin(st,
		    SL_OPT_SSH_LOCALCOMMAND), "%s", v);
	if ((v = sval(st, SL_OPT_SSH_REMOTECOMMAND)) != NULL &&
	    !is_none(v)) {
		const char *err = NULL;

		if ((x = expand(&t, v, false, NULL, &err)) != NULL) {
			ADD(SL_OPT_SSH_REMOTECOMMAND, "remotecommand",
			    slot_origin(st, SL_OPT_SSH_REMOTECOMMAND), "%s", x);
			sl_free(x);
		} else if (err)
			sl_eff_fail(st->e, slot_origin(st,
			    SL_OPT_SSH_REMOTECOMMAND), "%s in RemoteCommand",
			    err);
	}
	{
		/* the first name of each level in Debian's table */
		static const char *const names[] = { "SILENT", "FATAL",
		    "ERROR", "INFO", "VERBOSE", "DEBUG", "DEBUG", "DEBUG2",
		    "DEBUG3" };

		ADD(SL_OPT_SSH_LOGLEVEL, "loglevel", slot_origin(st,
		    SL_OPT_SSH_LOGLEVEL), "%s", names[loglevel]);
	}
	dump_algo(st, SL_OPT_SSH_MACS, "macs", SL_AO_MACS);
	if ((v = sval(st, SL_OPT_SSH_PKCS11PROVIDER)) != NULL && !is_none(v))
		ADD(SL_OPT_SSH_PKCS11PROVIDER, "pkcs11provider", slot_origin(st,
		    SL_OPT_SSH_PKCS11PROVIDER), "%s", v);
	v = sval(st, SL_OPT_SSH_SECURITYKEYPROVIDER);
	if (v == NULL)
		ADD(SL_OPT_SSH_SECURITYKEYPROVIDER, "securitykeyprovider", none,
		    "internal");
	else if (!is_none(v))
		ADD(SL_OPT_SSH_SECURITYKEYPROVIDER, "securitykeyprovider",
		    slot_origin(st, SL_OPT_SSH_SECURITYKEYPROVIDER), "%s", v);
	dump_str(st, SL_OPT_SSH_PREFERREDAUTHENTICATIONS,
	    "preferredauthentications");
	dump_algo(st, SL_OPT_SSH_PUBKEYACCEPTEDALGORITHMS,
	    st->c->version < SL_VERSION(8, 5) ? "pubkeyacceptedkeytypes" :
	    "pubkeyacceptedalgorithms", SL_AO_PUBKEY);
	if ((v = sval(st, SL_OPT_SSH_REVOKEDHOSTKEYS)) != NULL && !is_none(v))
		ADD(SL_OPT_SSH_REVOKEDHOSTKEYS, "revokedhostkeys", slot_origin(st,
		    SL_OPT_SSH_REVOKEDHOSTKEYS), "%s", v);
	v = sval(st, SL_OPT_SSH_XAUTHLOCATION);
	ADD(SL_OPT_SSH_XAUTHLOCATION, "xauthlocation", slot_origin(st,
	    SL_OPT_SSH_XAUTHLOCATION), "%s", v ? v : "/usr/bin/xauth");
	if (version_has(st, "KnownHostsCommand") &&
	    (v = sval(st, SL_OPT_SSH_KNOWNHOSTSCOMMAND)) != NULL &&
	    !is_none(v))
		ADD(SL_OPT_SSH_KNOWNHOSTSCOMMAND, "knownhostscommand",
		    slot_origin(st, SL_OPT_SSH_KNOWNHOSTSCOMMAND), "%s", v);

	/* forwards (ClearAllForwardings yes empties them) */
	if (!(sval(st, SL_OPT_SSH_CLEARALLFORWARDINGS) &&
	    flag_value(sval(st, SL_OPT_SSH_CLEARALLFORWARDINGS)))) {
		dump_forwards(st, &t, L_LFWD, SL_OPT_SSH_DYNAMICFORWARD,
		    "dynamicforward");
		dump_forwards(st, &t, L_LFWD, SL_OPT_SSH_LOCALFORWARD,
		    "localforward");
		dump_forwards(st, &t, L_RFWD, SL_OPT_SSH_REMOTEFORWARD,
		    "remoteforward");
	}

	if (st->l[L_ID].n == 0)
		for (k = 0; k < sizeof(default_ids) / sizeof(*default_ids); k++)
			ADD(SL_OPT_SSH_IDENTITYFILE, "identityfile", none, "%s",
			    default_ids[k]);
	for (k = 0; k < st->l[L_ID].n; k++)
		ADD(SL_OPT_SSH_IDENTITYFILE, "identityfile",
		    origin(st->l[L_ID].v[k].ref), "%s", st->l[L_ID].v[k].val);
	dump_oneline(st, SL_OPT_SSH_CANONICALDOMAINS, "canonicaldomains",
	    L_CDOM, NULL, 0);
	for (k = 0; k < st->l[L_CERT].n; k++)
		ADD(SL_OPT_SSH_CERTIFICATEFILE, "certificatefile",
		    origin(st->l[L_CERT].v[k].ref), "%s",
		    st->l[L_CERT].v[k].val);
	{
		static const char *const gkh[] = { "/etc/ssh/ssh_known_hosts",
		    "/etc/ssh/ssh_known_hosts2" };
		struct list *u = &st->l[L_UKH];
		char *ukh[2] = { NULL, NULL };
		const char *ukh_default[2] = { "~/.ssh/known_hosts",
		    "~/.ssh/known_hosts2" };

		dump_oneline(st, SL_OPT_SSH_GLOBALKNOWNHOSTSFILE,
		    "globalknownhostsfile", L_GKH, gkh, 2);
		if (u->n == 1 && is_none(u->v[0].val))
			dump_oneline(st, SL_OPT_SSH_USERKNOWNHOSTSFILE,
			    "userknownhostsfile", L_UKH, NULL, 0);
		else if (u->n == 0) {
			for (i = 0; i < 2; i++)
				ukh[i] = path_expand(st, &t, ukh_default[i],
				    UNSET);
			if (ukh[0] && ukh[1])
				ADD(SL_OPT_SSH_USERKNOWNHOSTSFILE,
				    "userknownhostsfile", none, "%s %s", ukh[0],
				    ukh[1]);
			sl_free(ukh[0]);
			sl_free(ukh[1]);
		} else {
			for (k = 0; k < u->n; k++) {
				x = path_expand(st, &t, u->v[k].val,
				    u->v[k].ref);
				if (x == NULL)
					break;
				sl_free(u->v[k].val);
				u->v[k].val = x;
			}
			dump_oneline(st, SL_OPT_SSH_USERKNOWNHOSTSFILE,
			    "userknownhostsfile", L_UKH, NULL, 0);
		}
	}
	for (k = 0; k < st->l[L_SENDENV].n; k++)
		ADD(SL_OPT_SSH_SENDENV, "sendenv",
		    origin(st->l[L_SENDENV].v[k].ref), "%s",
		    st->l[L_SENDENV].v[k].val);
	for (k = 0; k < st->l[L_SETENV].n; k++)
		ADD(SL_OPT_SSH_SETENV, "setenv",
		    origin(st->l[L_SETENV].v[k].ref), "%s",
		    st->l[L_SETENV].v[k].val);
	if (version_has(st, "LogVerbose"))
		dump_oneline(st, SL_OPT_SSH_LOGVERBOSE, "logverbose", L_LOGV,
		    NULL, 0);
	if (!version_has(st, "PermitRemoteOpen"))
		;
	else if (st->l[L_PRO].n == 0)
		ADD(SL_OPT_SSH_PERMITREMOTEOPEN, "permitremoteopen", none, "any");
	else
		dump_oneline(st, SL_OPT_SSH_PERMITREMOTEOPEN, "permitremoteopen",
		    L_PRO, NULL, 0);

	/* AddKeysToAgent */
	if ((v = sval(st, SL_OPT_SSH_ADDKEYSTOAGENT)) == NULL)
		ADD(SL_OPT_SSH_ADDKEYSTOAGENT, "addkeystoagent", none, "false");
	else {
		const struct sl_line *ln = ref_line(st,
		    st->slot[SL_OPT_SSH_ADDKEYSTOAGENT]);
		int val = ms_value(ms_yesnoaskconfirm, v, -1);
		long life = 0;

		if (val == 3 && ln->nargs > 1)
			life = convtime(ln->args[1].val);
		else if (val == -1) {
			life = convtime(v);
			val = 1;
		}
		if (life <= 0)
			ADD(SL_OPT_SSH_ADDKEYSTOAGENT, "addkeystoagent",
			    slot_origin(st, SL_OPT_SSH_ADDKEYSTOAGENT), "%s",
			    ms_name(ms_yesnoaskconfirm, val));
		else
			ADD(SL_OPT_SSH_ADDKEYSTOAGENT, "addkeystoagent",
			    slot_origin(st, SL_OPT_SSH_ADDKEYSTOAGENT), "%s%ld",
			    val == 3 ? "confirm " : "", life);
	}
	/* ForwardAgent */
	if ((v = sval(st, X_AGENTPATH)) != NULL) {
		if ((x = path_expand(st, &t, v, st->slot[X_AGENTPATH])) !=
		    NULL) {
			struct stat sb;

			if (stat(x, &sb) != 0)
				sl_eff_note(st->e, slot_origin(st, X_AGENTPATH),
				    SL_SEV_WARNING, "Cannot forward agent "
				    "socket path \"%s\": no such file", x);
			ADD(SL_OPT_SSH_FORWARDAGENT, "forwardagent",
			    slot_origin(st, X_AGENTPATH), "%s", x);
			sl_free(x);
		}
	} else {
		v = sval(st, SL_OPT_SSH_FORWARDAGENT);
		ADD(SL_OPT_SSH_FORWARDAGENT, "forwardagent", slot_origin(st,
		    SL_OPT_SSH_FORWARDAGENT), "%s", v && flag_value(v) ? "yes" :
		    "no");
	}
	/* ConnectTimeout */
	if ((v = sval(st, SL_OPT_SSH_CONNECTTIMEOUT)) == NULL)
		ADD(SL_OPT_SSH_CONNECTTIMEOUT, "connecttimeout", none, "none");
	else
		ADD(SL_OPT_SSH_CONNECTTIMEOUT, "connecttimeout", slot_origin(st,
		    SL_OPT_SSH_CONNECTTIMEOUT), "%ld", convtime(v));
	/* TunnelDevice */
	if ((v = sval(st, SL_OPT_SSH_TUNNELDEVICE)) == NULL)
		ADD(SL_OPT_SSH_TUNNELDEVICE, "tunneldevice", none, "any:any");
	else {
		const char *colon = strchr(v, ':');
		char l[32], r2[32];

		snprintf(l, sizeof(l), "%.*s", (int)(colon ? (size_t)(colon -
		    v) : strlen(v)), v);
		snprintf(r2, sizeof(r2), "%s", colon ? colon + 1 : "any");
		ADD(SL_OPT_SSH_TUNNELDEVICE, "tunneldevice", slot_origin(st,
		    SL_OPT_SSH_TUNNELDEVICE), "%s:%s",
		    strcasecmp(l, "any") == 0 ? "any" : l,
		    strcasecmp(r2, "any") == 0 ? "any" : r2);
	}
	/* CanonicalizePermittedCNAMEs */
	{
		const struct list *l = &st->l[L_CNAMES];

		if (l->n == 0 || (l->n == 1 && is_none(l->v[0].val)))
			ADD(SL_OPT_SSH_CANONICALIZEPERMITTEDCNAMES,
			    "canonicalizePermittedcnames", l->n ?
			    origin(l->v[0].ref) : none, "none");
		else
			dump_oneline(st, SL_OPT_SSH_CANONICALIZEPERMITTEDCNAMES,
			    "canonicalizePermittedcnames", L_CNAMES, NULL, 0);
	}
	/* ControlPersist */
	if ((v = sval(st, SL_OPT_SSH_CONTROLPERSIST)) == NULL)
		ADD(SL_OPT_SSH_CONTROLPERSIST, "controlpersist", none, "no");
	else {
		int f = ms_value(ms_flag, v, -1);

		if (f >= 0)
			ADD(SL_OPT_SSH_CONTROLPERSIST, "controlpersist",
			    slot_origin(st, SL_OPT_SSH_CONTROLPERSIST), "%s",
			    f ? "yes" : "no");
		else if (convtime(v) == 0)
			ADD(SL_OPT_SSH_CONTROLPERSIST, "controlpersist",
			    slot_origin(st, SL_OPT_SSH_CONTROLPERSIST), "yes");
		else
			ADD(SL_OPT_SSH_CONTROLPERSIST, "controlpersist",
			    slot_origin(st, SL_OPT_SSH_CONTROLPERSIST), "%ld",
			    convtime(v));
	}
	/* EscapeChar */
	v = sval(st, SL_OPT_SSH_ESCAPECHAR);
	escape_str(v ? escape_value(v) : '~', buf, sizeof(buf));
	ADD(SL_OPT_SSH_ESCAPECHAR, "escapechar", slot_origin(st,
	    SL_OPT_SSH_ESCAPECHAR), "%s", buf);
	/* IPQoS (Debian default: lowdelay throughput) */
	if ((v = sval(st, SL_OPT_SSH_IPQOS)) == NULL)
		ADD(SL_OPT_SSH_IPQOS, "ipqos", none, "lowdelay throughput");
	else {
		const struct sl_line *ln = ref_line(st,
		    st->slot[SL_OPT_SSH_IPQOS]);
		char b1[16], b2[16];
		int q1 = parse_ipqos(v);
		int q2 = ln->nargs > 1 ? parse_ipqos(ln->args[1].val) : q1;

		ipqos_str(q1, b1, sizeof(b1));
		ipqos_str(q2, b2, sizeof(b2));
		ADD(SL_OPT_SSH_IPQOS, "ipqos", slot_origin(st, SL_OPT_SSH_IPQOS),
		    "%s %s", b1, b2);
	}
	/* RekeyLimit */
	{
		unsigned long long bytes = 0;
		long secs = 0;

		if ((v = sval(st, SL_OPT_SSH_REKEYLIMIT)) != NULL &&
		    strcmp(v, "default") != 0)
			(void)scan_scaled(v, &bytes);
		if (st->slot[X_REKEYTIME].src >= 0)
			secs = convtime(ref_line(st, st->slot[X_REKEYTIME])->
			    args[1].val);
		ADD(SL_OPT_SSH_REKEYLIMIT, "rekeylimit", slot_origin(st,
		    SL_OPT_SSH_REKEYLIMIT), "%llu %ld", bytes, secs);
	}
	/* StreamLocalBindMask: the last line anywhere */
	if (st->last_bindmask.src >= 0)
		ADD(SL_OPT_SSH_STREAMLOCALBINDMASK, "streamlocalbindmask",
		    origin(st->last_bindmask), "0%lo", strtoul(arg0(st,
		    st->last_bindmask), NULL, 8));
	else
		ADD(SL_OPT_SSH_STREAMLOCALBINDMASK, "streamlocalbindmask", none,
		    "0177");
	v = sval(st, SL_OPT_SSH_SYSLOGFACILITY);
	{
		char fac[32];

		snprintf(fac, sizeof(fac), "%s", v ? v : "USER");
		for (x = fac; *x; x++)
			*x = (char)toupper((unsigned char)*x);
		ADD(SL_OPT_SSH_SYSLOGFACILITY, "syslogfacility",
		    slot_origin(st, SL_OPT_SSH_SYSLOGFACILITY), "%s", fac);
	}
	/* ProxyCommand / ProxyJump */
	if (has_jump) {
		char *j = sl_strdup(sval(st, X_JUMP)), *e, *uh = NULL;
		const char *last, *hp;

		if (j == NULL) {
			st->oom = true;
			return;
		}
		/* parse_jump() drops a comment and trailing blanks */
		if ((e = strchr(j, '#')) != NULL)
			*e = '\0';
		for (e = j + strlen(j); e > j && isspace((unsigned char)e[-1]);)
			*--e = '\0';
		last = strrchr(j, ',');
		hp = last ? last + 1 : j;
		ADD(SL_OPT_SSH_PROXYJUMP, "proxyjump", slot_origin(st, X_JUMP),
		    "%s", (uh = jump_text(j, hp, last)) ? uh : j);
		sl_free(uh);
		sl_free(j);
	} else if ((v = sval(st, SL_OPT_SSH_PROXYCOMMAND)) != NULL &&
	    !is_none(v))
		ADD(SL_OPT_SSH_PROXYCOMMAND, "proxycommand", slot_origin(st,
		    SL_OPT_SSH_PROXYCOMMAND), "%s", v);
	sl_free(hka);
}

/* ssh refuses a ProxyJump whose (last) hop is the destination itself. */
static void
check_jump_loop(struct st *st, const char *host)
{
	char *j = sl_strdup(sval(st, X_JUMP)), *t, *c, *at, *jport = NULL;
	const char *juser, *user = st->user ? st->user : st->luser;
	const char *pv = st->port ? st->port : sval(st, SL_OPT_SSH_PORT);
	int port = pv ? a2port(pv) : 0, jp;

	if (j == NULL) {
		st->oom = true;
		return;
	}
	if ((c = strchr(j, '#')) != NULL)
		*c = '\0';
	for (c = j + strlen(j); c > j && isspace((unsigned char)c[-1]);)
		*--c = '\0';
	t = (c = strrchr(j, ',')) != NULL ? c + 1 : j;
	if (strncmp(t, "ssh://", 6) == 0) {
		t += 6;
		if ((c = strchr(t, '/')) != NULL)
			*c = '\0';
	}
	juser = user;
	if ((at = strrchr(t, '@')) != NULL) {
		*at = '\0';
		juser = t;
		t = at + 1;
	}
	if (*t == '[') {
		t++;
		if ((c = strchr(t, ']')) != NULL) {
			*c = '\0';
			if (c[1] == ':')
				jport = c + 2;
		}
	} else if ((c = strchr(t, ':')) != NULL) {
		*c = '\0';
		jport = c + 1;
	}
	jp = jport ? a2port(jport) : 0;
	if (port <= 0)
		port = 22;
	if (jp <= 0)
		jp = 22;
	if (strcmp(t, host) == 0 && port == jp && strcmp(user, juser) == 0)
		sl_eff_fail(st->e, slot_origin(st, X_JUMP),
		    "jumphost loop via %s", t);
	sl_free(j);
}

/* Is `name` listed in /etc/hosts? (a local file: resolves without DNS) */
static bool
in_etc_hosts(const char *name)
{
	char line[1024], *p, *tok;
	bool found = false;
	FILE *f = fopen("/etc/hosts", "r");

	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		tok = strtok(line, " \t\r\n");	/* the address */
		while (tok != NULL && (tok = strtok(NULL, " \t\r\n")) != NULL)
			if (strcasecmp(tok, name) == 0)
				found = true;
	}
	fclose(f);
	return found;
}

/* ---- one host ---- */

static bool
has_space_or_cntrl(const char *s)
{
	for (; *s; s++)
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
			return true;
	return false;
}

int
sl_client_eval(struct sl_client *c, const struct sl_client_query *q,
    struct sl_eff *out)
{
	struct st st;
	const char *at;
	char *host = NULL, canon[NI_MAXHOST];
	bool was_addr, canon_on;
	int r = 0;

	sl_eff_reset(out);
	out->version = c->version;
	memset(&st, 0, sizeof(st));
	st.c = c;
	st.q = q;
	st.e = out;
	for (r = 0; r < X__COUNT; r++)
		st.slot[r] = UNSET;
	r = 0;
	st.last_bindmask = UNSET;
	if (c->bindmask_op >= 0)
		st.last_bindmask = (struct ref){ (int32_t)
		    c->ops[c->bindmask_op].src, c->ops[c->bindmask_op].line };
	if (c->facility_op >= 0)
		st.slot[SL_OPT_SSH_SYSLOGFACILITY] = (struct ref){ (int32_t)
		    c->ops[c->facility_op].src, c->ops[c->facility_op].line };
	st.userref = UNSET;
	st.uid = c->uid;
	st.luser = q->local_user ? q->local_user : c->luser;
	st.home = c->home;
	st.user = q->user;
	st.port = q->port;
	st.orig = q->host ? q->host : "";
	/* user@host: the user applies when -l did not give one */
	if ((at = strrchr(st.orig, '@')) != NULL && at != st.orig) {
		char *u = sl_strndup(st.orig, (size_t)(at - st.orig));

		if (u == NULL)
			return SL_ENOMEM;
		st.hostbuf = u;
		if (st.user == NULL)
			st.user = u;
		st.orig = at + 1;
	}
	st.host = st.orig;
	/* CVE-2023-51385 check (9.6; backported to Debian's 9.2, which
	 * also refuses ',') */
	if (c->version >= SL_VERSION(9, 2) && (*st.orig == '-' ||
	    st.orig[strcspn(st.orig, "'`\"$\\;&<>|(){},")] != '\0' ||
	    has_space_or_cntrl(st.orig)))
		sl_eff_fail(out, SL_ORIGIN(SL_ORIGIN_CMDLINE),
		    "hostname contains invalid characters");
	if (c->too_deep)
		sl_eff_fail(out, c->deep_origin,
		    "Too many recursive configuration includes");

	run_pass(&st);
	if (st.oom)
		goto oom;

	/* ssh fills these defaults after pass 1: the final pass cannot
	 * change them any more */
	if (st.slot[SL_OPT_SSH_CANONICALIZEMAXDOTS].src == -1)
		st.slot[SL_OPT_SSH_CANONICALIZEMAXDOTS] = FILLED;
	if (st.slot[SL_OPT_SSH_CANONICALIZEFALLBACKLOCAL].src == -1)
		st.slot[SL_OPT_SSH_CANONICALIZEFALLBACKLOCAL] = FILLED;
	if (st.slot[SL_OPT_SSH_CANONICALIZEHOSTNAME].src == -1)
		st.slot[SL_OPT_SSH_CANONICALIZEHOSTNAME] = FILLED;

	/* the target after pass 1: Hostname with %h, lower-cased */
	if (st.slot[SL_OPT_SSH_HOSTNAME].src >= 0)
		host = hostname_expand(&st, st.orig);
	else
		host = sl_strdup(st.orig);
	if (host == NULL)
		goto oom;
	{
		const char *af = sval(&st, SL_OPT_SSH_ADDRESSFAMILY);
		int afv = af ? ms_value(ms_af, af, 0) : 0;

		was_addr = is_addr_fast(host) ||
		    numeric_canon(host, afv, NULL, 0);
		if (!was_addr)
			lowercase(host);
		else if (numeric_canon(host, afv, canon, sizeof(canon)) &&
		    strcasecmp(host, canon) != 0) {
			sl_free(host);
			if ((host = sl_strdup(canon)) == NULL)
				goto oom;
		}
	}
	{
		const char *ch = sval(&st, SL_OPT_SSH_CANONICALIZEHOSTNAME);
		int mode = ch ? ms_value(ms_canon, ch, 0) : 0;
		bool proxied = (st.slot[SL_OPT_SSH_PROXYCOMMAND].src >= 0 &&
		    !is_none(sval(&st, SL_OPT_SSH_PROXYCOMMAND))) ||
		    (st.slot[X_JUMP].src >= 0 && !is_none(sval(&st, X_JUMP)));

		canon_on = mode != 0;
		if (canon_on && !was_addr && !is_addr_fast(host) &&
		    (mode == 2 || !proxied) && *host != '\0') {
			const char *md = sval(&st, SL_OPT_SSH_CANONICALIZEMAXDOTS);
			const char *fb = sval(&st,
			    SL_OPT_SSH_CANONICALIZEFALLBACKLOCAL);
			long maxdots = md ? strtol(md, NULL, 10) : 1, dots = 0;
			const char *p;

			for (p = host; *p; p++)
				dots += *p == '.';
			if (host[strlen(host) - 1] == '.' || dots <= maxdots) {
				sl_eff_note(out, slot_origin(&st,
				    SL_OPT_SSH_CANONICALIZEHOSTNAME), SL_SEV_INFO,
				    "canonicalisation of '%s' needs DNS: taken "
				    "as failed (no lookups are made)", host);
				if (fb != NULL && !flag_value(fb))
					sl_eff_fail(out, slot_origin(&st,
					    SL_OPT_SSH_CANONICALIZEFALLBACKLOCAL),
					    "ssh: Could not resolve host \"%s\"",
					    host);
			}
		}
		if (st.l[L_CNAMES].n > 0 && !is_none(st.l[L_CNAMES].v[0].val) &&
		    !was_addr && (!proxied || mode == 2) &&
		    !in_etc_hosts(host)) {
			sl_eff_note(out, origin(st.l[L_CNAMES].v[0].ref),
			    SL_SEV_INFO, "CanonicalizePermittedCNAMEs needs a "
			    "DNS lookup of '%s': taken as failed", host);
			if (!proxied)
				sl_eff_fail(out, origin(st.l[L_CNAMES].v[0].ref),
				    "Could not resolve hostname %s", host);
		}
	}
	if (c->final_requested || canon_on) {
		/* pass 2: Hostname is now the target, Host sees it */
		st.final_pass = true;
		st.host = host;
		run_pass(&st);
		if (st.oom)
			goto oom;
	}
	if (out->fatal == NULL) {
		dump(&st, host);
		if (out->fatal != NULL && out->fatal[0] == '\0')
			out->fatal = NULL;	/* 9.2: error logged, exit 0 */
	}
	if (st.oom || out->oom)
		goto oom;
	/* checks ssh makes before printing */
	if (out->fatal == NULL) {
		const char *v = sval(&st, SL_OPT_SSH_CONNECTIONATTEMPTS);
		const char *fork = sval(&st, SL_OPT_SSH_FORKAFTERAUTHENTICATION);
		const char *stype = sval(&st, SL_OPT_SSH_SESSIONTYPE);
		const char *rc = sval(&st, SL_OPT_SSH_REMOTECOMMAND);

		if (st.slot[X_JUMP].src >= 0 && !is_none(sval(&st, X_JUMP)))
			check_jump_loop(&st, host);
		if (out->fatal != NULL)
			;
		else if (v != NULL && strtol(v, NULL, 10) <= 0)
			sl_eff_fail(out, slot_origin(&st,
			    SL_OPT_SSH_CONNECTIONATTEMPTS),
			    "Invalid number of ConnectionAttempts");
		else if (fork != NULL && flag_value(fork) &&
		    (rc == NULL || is_none(rc)) &&
		    !(stype != NULL && ms_value(ms_sessiontype, stype, 2) == 0))
			sl_eff_fail(out, slot_origin(&st,
			    SL_OPT_SSH_FORKAFTERAUTHENTICATION),
			    "Cannot fork into background without a command "
			    "to execute.");
	}
	st_release(&st);
	sl_free(host);
	return 0;
 oom:
	st_release(&st);
	sl_free(host);
	return SL_ENOMEM;
}

int
sl_client_eval_all(struct sl_client *c, const struct sl_client_query *q,
    sl_client_each_fn fn, void *arg)
{
	struct sl_client_query each = *q;
	struct sl_eff *e;
	size_t i;
	int r = 0;

	if ((e = sl_eff_new(SL_DIALECT_SSH, c->version)) == NULL)
		return SL_ENOMEM;
	for (i = 0; i < c->nhosts && r == 0; i++) {
		each.host = c->hosts[i];
		if ((r = sl_client_eval(c, &each, e)) == 0)
			r = fn(arg, each.host, e);
	}
	sl_eff_free(e);
	return r;
}

int
sl_client_trace_enable(struct sl_client *c)
{
	size_t i;

	sl_free(c->trace);
	if ((c->trace = sl_calloc(c->nops ? c->nops : 1,
	    sizeof(*c->trace))) == NULL)
		return SL_ENOMEM;
	for (i = 0; i < c->nops; i++) {
		c->trace[i].source_id = c->ops[i].src;
		c->trace[i].line = c->ops[i].line;
		c->trace[i].traced = c->ops[i].kind == OP_DIR &&
		    (c->ops[i].kw->mult == SL_MULT_FIRST ||
		    c->ops[i].kw->mult == SL_MULT_FIRSTLINE) &&
		    c->ops[i].kw->opt != SL_OPT_SSH_STREAMLOCALBINDMASK &&
		    c->ops[i].kw->opt != SL_OPT_SSH_SYSLOGFACILITY &&
		    !(c->ops[i].kw->flags & (SL_KWF_DEPRECATED |
		    SL_KWF_UNSUPPORTED | SL_KWF_IGNORED));
		c->trace[i].winner = SL_ORIGIN(SL_ORIGIN_DEFAULT);
	}
	return 0;
}

size_t
sl_client_trace(const struct sl_client *c, const struct sl_op_trace **out)
{
	*out = c->trace;
	return c->trace ? c->nops : 0;
}

char *
sl_client_expand_path(const struct sl_client *c, const struct sl_eff *e,
    const char *path, const char *home, const char *(*env)(const char *),
    const char **why)
{
	struct tokens t;
	struct sha1 sh = { { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
	    0xc3d2e1f0 }, 0, { 0 }, 0 };
	const struct sl_eff_item *it;
	const char *host_arg = "", *hostname = "", *port = "22", *user = "";
	const char *alias = NULL;
	char *a, *b;
	size_t i;

	*why = NULL;
	for (i = 0; i < e->nitems; i++) {
		it = &e->items[i];
		if (strcmp(it->key, "host") == 0)
			host_arg = it->value;
		else if (strcmp(it->key, "hostname") == 0)
			hostname = it->value;
		else if (strcmp(it->key, "port") == 0)
			port = it->value;
		else if (strcmp(it->key, "user") == 0)
			user = it->value;
		else if (strcmp(it->key, "hostkeyalias") == 0)
			alias = it->value;
	}
	if (*host_arg == '\0')
		host_arg = hostname;
	memset(&t, 0, sizeof(t));
	snprintf(t.thishost, sizeof(t.thishost), "%s", c->thishost);
	snprintf(t.shorthost, sizeof(t.shorthost), "%s", c->thishost);
	t.shorthost[strcspn(t.shorthost, ".")] = '\0';
	snprintf(t.uid, sizeof(t.uid), "%llu", (unsigned long long)c->uid);
	snprintf(t.port, sizeof(t.port), "%s", port);
	t.keyalias = alias ? alias : host_arg;
	t.host_arg = host_arg;
	t.home = home ? home : c->home;
	t.remhost = hostname;
	t.remuser = user;
	t.locuser = c->luser;
	sha1_update(&sh, t.thishost, strlen(t.thishost));
	sha1_update(&sh, hostname, strlen(hostname));
	sha1_update(&sh, t.port, strlen(t.port));
	sha1_update(&sh, user, strlen(user));
	sha1_hex(&sh, t.hash);
	if ((a = tilde_home(t.home, path, why)) == NULL)
		return NULL;
	b = expand(&t, a, true, env, why);
	sl_free(a);
	return b;
}
