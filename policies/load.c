/*
 * Policy loader: YAML (through the bounded tree of ytree.c) to the data
 * model of lint/policy.h, with `extends` resolved and merged. The schema
 * and the merge rules are documented in doc/policy.md.
 *
 * Ownership: a loaded policy is a struct policy_impl whose first member is
 * the public struct sl_policy; it owns every string, pattern and compiled
 * regex it points to, and the file names patterns refer to. Merging moves
 * the child's parts into the parent and frees the child's shell, so every
 * allocation has one owner and sl_policy_free() frees everything.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "policies/load.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcre2.h>

#include "lint/algos.h"
#include "lint/diag.h"
#include "lint/keywords.h"
#include "lint/match.h"
#include "lint/policy.h"
#include "lint/util/alloc.h"
#include "policies/builtin.h"
#include "policies/ytree.h"
#include "lint/util/banned.h"

#define XSTR(x) STR(x)
#define STR(x) #x

/* Put in front of every regex: PCRE2 honours limits set by the pattern. */
static const char re_prefix[] =
    "(*LIMIT_MATCH=" XSTR(SL_POLICY_RE_MATCH_LIMIT) ")"
    "(*LIMIT_DEPTH=" XSTR(SL_POLICY_RE_DEPTH_LIMIT) ")"
    "(*LIMIT_HEAP=" XSTR(SL_POLICY_RE_HEAP_LIMIT) ")";

#define REGEX_TAG	"regex:"
#define REGEX_TAG_LEN	(sizeof(REGEX_TAG) - 1)

#define MAX_NAME_LEN	128

struct policy_impl {
	struct sl_policy pub;	/* first: sl_policy_free() casts back */
	char **files;		/* names patterns and requires point to */
	size_t nfiles;
	bool *req_sev;		/* req[i].severity was written in the YAML */
};

/* What one file said, before it is merged onto what it extends. */
struct layer {
	struct policy_impl *p;
	bool name, openssh, rsa, etm, pq;
	bool allow[SL_PK__COUNT];
	const struct sl_ynode *extends;
};

/* Files being loaded, outermost first, to find cycles. */
struct chain {
	char *ids[SL_POLICY_MAX_EXTENDS + 1];	/* realpath, or built-in name */
	char *names[SL_POLICY_MAX_EXTENDS + 1];	/* as shown in messages */
	int n;
	unsigned flags;
};

struct loader {
	const char *file;	/* for messages */
	const char *fileref;	/* the policy's copy, for patterns */
	struct sl_policy_error *err;
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	int nregex;
	/* every name of a kind known to some release, built when needed */
	const char **known[SL_PK__COUNT];
	size_t nknown[SL_PK__COUNT];
};

static const char *const kind_names[SL_PK__COUNT] = {
	"kex", "ciphers", "macs", "hostkey", "pubkey", "ca",
};

static const char *const kind_what[SL_PK__COUNT] = {
	"key exchange algorithm", "cipher", "MAC", "host key algorithm",
	"public key algorithm", "CA signature algorithm",
};

static const enum sl_algo_kind kind_ak[SL_PK__COUNT] = {
	SL_AK_KEX, SL_AK_CIPHER, SL_AK_MAC, SL_AK_KEY_SIG, SL_AK_KEY_SIG,
	SL_AK_SIG,
};

static int load_text(struct chain *ch, const char *display, const char *dir,
    const char *data, size_t len, struct policy_impl **out,
    struct sl_policy_error *err);

/* ---- errors ---- */

static void
set_file(struct sl_policy_error *err, const char *file)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
}

static int vfail_at(struct loader *L, int line, int col, int code,
    const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));
static int fail_at(struct loader *L, int line, int col, int code,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fail(struct loader *L, const struct sl_ynode *n, int code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
vfail_at(struct loader *L, int line, int col, int code, const char *fmt,
    va_list ap)
{
	char *s;

	set_file(L->err, L->file);
	L->err->line = line;
	L->err->col = col;
	vsnprintf(L->err->msg, sizeof(L->err->msg), fmt, ap);
	/* user strings may hold newlines or escapes: keep one line */
	for (s = L->err->msg; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
	return code;
}

static int
fail_at(struct loader *L, int line, int col, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(L, line, col, code, fmt, ap);
	va_end(ap);
	return code;
}

static int
fail(struct loader *L, const struct sl_ynode *n, int code, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(L, n ? n->line : 0, n ? n->col : 0, code, fmt, ap);
	va_end(ap);
	return code;
}

static int
nomem(struct loader *L)
{
	return fail(L, NULL, SL_ENOMEM, "out of memory");
}

/* ---- freeing ---- */

static void
pattern_release(struct sl_pattern *p)
{
	sl_free(p->text);
	if (p->md != NULL)
		pcre2_match_data_free(p->md);
	if (p->re != NULL)
		pcre2_code_free(p->re);
	memset(p, 0, sizeof(*p));
}

static void
patlist_release(struct sl_patlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		pattern_release(&l->v[i]);
	sl_free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
algos_release(struct sl_pol_algos *a)
{
	patlist_release(&a->allow);
	patlist_release(&a->forbid);
}

static void
require_release(struct sl_pol_require *r)
{
	sl_free(r->keyword);
	patlist_release(&r->values);
	sl_free(r->why);
	memset(r, 0, sizeof(*r));
}

static void
exception_release(struct sl_pol_exception *e)
{
	size_t i;

	pattern_release(&e->hosts);
	for (i = 0; i < SL_PK__COUNT; i++)
		algos_release(&e->algos[i]);
	for (i = 0; i < e->nrules; i++)
		sl_free(e->rules[i]);
	sl_free(e->rules);
	memset(e, 0, sizeof(*e));
}

static void
impl_free(struct policy_impl *p)
{
	struct sl_policy *s;
	size_t i;

	if (p == NULL)
		return;
	s = &p->pub;
	sl_free(s->name);
	sl_free(s->file);
	for (i = 0; i < SL_PK__COUNT; i++)
		algos_release(&s->algos[i]);
	for (i = 0; i < s->nreq; i++)
		require_release(&s->req[i]);
	sl_free(s->req);
	sl_free(p->req_sev);
	for (i = 0; i < s->nrules; i++)
		sl_free(s->rules[i].id);
	sl_free(s->rules);
	for (i = 0; i < s->nexc; i++)
		exception_release(&s->exc[i]);
	sl_free(s->exc);
	for (i = 0; i < p->nfiles; i++)
		sl_free(p->files[i]);
	sl_free(p->files);
	sl_free(p);
}

void
sl_policy_free(struct sl_policy *p)
{
	impl_free((struct policy_impl *)p);
}

const char *
sl_policy_name(const struct sl_policy *p)
{
	return p != NULL ? p->name : NULL;
}

/* ---- built-ins ---- */

static const struct sl_policy_builtin *
find_builtin(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sl_policy_nbuiltins; i++)
		if (strcmp(sl_policy_builtins[i].name, name) == 0)
			return &sl_policy_builtins[i];
	return NULL;
}

size_t
sl_policy_builtin_count(void)
{
	return sl_policy_nbuiltins;
}

const char *
sl_policy_builtin_name(size_t i)
{
	return i < sl_policy_nbuiltins ? sl_policy_builtins[i].name : NULL;
}

const char *
sl_policy_builtin_summary(const char *name)
{
	const struct sl_policy_builtin *b = find_builtin(name);

	return b != NULL ? b->summary : NULL;
}

const char *
sl_policy_builtin_text(const char *name)
{
	const struct sl_policy_builtin *b = find_builtin(name);

	return b != NULL ? b->text : NULL;
}

/* "a, b, c" of the built-in names, for messages. */
static const char *
builtin_list(char *buf, size_t size)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < sl_policy_nbuiltins && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i ? ", " : "", sl_policy_builtins[i].name);
	return buf;
}

/* ---- small helpers ---- */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The sl_policy_load() rule: a path has a '/' or a YAML extension. */
static bool
is_path(const char *s)
{
	return strchr(s, '/') != NULL || ends_with(s, ".yaml") ||
	    ends_with(s, ".yml");
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return sl_strdup(".");
	if (slash == path)
		return sl_strdup("/");
	return sl_strndup(path, (size_t)(slash - path));
}

static char *
lower_dup(const char *s)
{
	char *r = sl_strdup(s), *c;

	if (r != NULL)
		for (c = r; *c != '\0'; c++)
			*c = (char)tolower((unsigned char)*c);
	return r;
}

static const char *
add_file(struct policy_impl *p, const char *name)
{
	char **v, *s;

	if ((s = sl_strdup(name)) == NULL)
		return NULL;
	if ((v = sl_reallocarray(p->files, p->nfiles + 1,
	    sizeof(*v))) == NULL) {
		sl_free(s);
		return NULL;
	}
	p->files = v;
	p->files[p->nfiles++] = s;
	return s;
}

static const char *
what(const struct sl_ynode *n)
{
	if (n->type == SL_YN_SEQ)
		return "a list";
	if (n->type == SL_YN_MAP)
		return "a mapping";
	if (n->plain && n->len == 0)
		return "empty";
	return "a string";
}

static bool
is_null(const struct sl_ynode *n)
{
	return n->type == SL_YN_SCALAR && n->plain && (n->len == 0 ||
	    strcmp(n->str, "~") == 0 || strcasecmp(n->str, "null") == 0);
}

static int
want(struct loader *L, const struct sl_ynode *n, enum sl_ynode_type t,
    const char *ctx)
{
	static const char *const names[] = { "a string", "a list",
	    "a mapping" };

	if (n->type == t && !(t == SL_YN_SCALAR && is_null(n)))
		return 0;
	return fail(L, n, SL_EINVAL, "%s must be %s, not %s", ctx, names[t],
	    is_null(n) ? "empty" : what(n));
}

/*
 * Index of mapping key `k` in the NULL-terminated `known` (at most 32);
 * an error for a key that is not a string, unknown or repeated.
 */
static int
key_index(struct loader *L, const struct sl_ynode *k, const char *ctx,
    const char *const *known, uint32_t *seen, int *out)
{
	char list[256];
	size_t i, len = 0;

	if (k->type != SL_YN_SCALAR)
		return fail(L, k, SL_EINVAL, "a key of %s must be a string, "
		    "not %s", ctx, what(k));
	for (i = 0; known[i] != NULL; i++) {
		if (strcmp(known[i], k->str) != 0)
			continue;
		if (*seen & (UINT32_C(1) << i))
			return fail(L, k, SL_EINVAL, "duplicate key '%s' in %s",
			    k->str, ctx);
		*seen |= UINT32_C(1) << i;
		*out = (int)i;
		return 0;
	}
	list[0] = '\0';
	for (i = 0; known[i] != NULL && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i ? ", " : "", known[i]);
	return fail(L, k, SL_EINVAL, "unknown key '%s' in %s (expected %s)",
	    k->str, ctx, list);
}

static int
parse_bool(struct loader *L, const struct sl_ynode *n, const char *ctx,
    bool *out)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	size_t i;
	int r;

	if ((r = want(L, n, SL_YN_SCALAR, ctx)) != 0)
		return r;
	for (i = 0; i < 3; i++) {
		if (strcasecmp(n->str, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(n->str, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return fail(L, n, SL_EINVAL, "%s must be true or false, not '%s'", ctx,
	    n->str);
}

/* Edit distance of two short strings (lengths <= 64). */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev[65], cur[65];

	if (la > 64 || lb > 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			cur[j] = d;
		}
		memcpy(prev, cur, (lb + 1) * sizeof(*prev));
	}
	return prev[lb];
}

/* ---- patterns ---- */

static void *
pcre_malloc(PCRE2_SIZE n, void *data)
{
	(void)data;
	return sl_malloc(n);
}

static void
pcre_free(void *p, void *data)
{
	(void)data;
	sl_free(p);
}

static void
loader_release(struct loader *L)
{
	size_t k;

	if (L->cctx != NULL)
		pcre2_compile_context_free(L->cctx);
	if (L->gctx != NULL)
		pcre2_general_context_free(L->gctx);
	L->cctx = NULL;
	L->gctx = NULL;
	for (k = 0; k < SL_PK__COUNT; k++) {
		sl_free(L->known[k]);
		L->known[k] = NULL;
		L->nknown[k] = 0;
	}
}

/* The names of `kind` some covered release (or Debian build) knows. */
static int
known_names(struct loader *L, enum sl_pol_kind kind)
{
	const int *rel;
	size_t nrel, i, j, m, cap = 0;
	struct sl_namelist nl;

	if (L->known[kind] != NULL)
		return 0;
	rel = sl_algo_releases(&nrel);
	for (i = 0; i < nrel; i++) {
		nl = sl_algo_supported(rel[i], kind_ak[kind], true);
		for (j = 0; j < nl.n; j++) {
			for (m = 0; m < L->nknown[kind]; m++)
				if (strcmp(L->known[kind][m], nl.names[j]) == 0)
					break;
			if (m < L->nknown[kind])
				continue;
			if (sl_grow(&L->known[kind], &cap, L->nknown[kind],
			    sizeof(*L->known[kind]), 32) != 0)
				return nomem(L);
			L->known[kind][L->nknown[kind]++] = nl.names[j];
		}
	}
	if (L->known[kind] == NULL &&
	    (L->known[kind] = sl_calloc(1, sizeof(*L->known[kind]))) == NULL)
		return nomem(L);
	return 0;
}

static int
compile_regex(struct loader *L, const struct sl_ynode *n, size_t skip,
    struct sl_pattern *p)
{
	const char *re = n->str + skip;
	size_t rlen = n->len - skip, plen = sizeof(re_prefix) - 1;
	PCRE2_SIZE off;
	pcre2_code *code = NULL;
	uint32_t limit = 0;
	char *buf, msg[256];
	int ec, col;

	if (rlen == 0)
		return fail(L, n, SL_EINVAL, "empty regex after '%s'",
		    REGEX_TAG);
	if (rlen > SL_POLICY_MAX_REGEX_LEN)
		return fail(L, n, SL_ELIMIT, "regex longer than %d bytes",
		    SL_POLICY_MAX_REGEX_LEN);
	if (++L->nregex > SL_POLICY_MAX_REGEX)
		return fail(L, n, SL_ELIMIT, "more than %d regexes in one "
		    "policy file", SL_POLICY_MAX_REGEX);
	if (L->gctx == NULL &&
	    (L->gctx = pcre2_general_context_create(pcre_malloc, pcre_free,
	    NULL)) == NULL)
		return nomem(L);
	if (L->cctx == NULL &&
	    (L->cctx = pcre2_compile_context_create(L->gctx)) == NULL)
		return nomem(L);
	if ((buf = sl_malloc(plen + rlen + 1)) == NULL)
		return nomem(L);
	memcpy(buf, re_prefix, plen);
	memcpy(buf + plen, re, rlen + 1);
	code = pcre2_compile((PCRE2_SPTR)buf, plen + rlen, 0, &ec, &off,
	    L->cctx);
	sl_free(buf);
	if (code == NULL) {
		if (ec == PCRE2_ERROR_HEAP_FAILED)
			return nomem(L);
		if (pcre2_get_error_message(ec, (PCRE2_UCHAR *)msg,
		    sizeof(msg)) < 0)
			snprintf(msg, sizeof(msg), "error %d", ec);
		off = off > plen ? off - plen : 0;
		/* the column of the offending byte, in a one-line scalar */
		col = n->col + (n->plain ? 0 : 1) + (int)skip + (int)off;
		return fail_at(L, n->line, col, SL_EINVAL, "bad regex '%s': "
		    "%s at offset %zu", re, msg, (size_t)off);
	}
	if ((pcre2_pattern_info(code, PCRE2_INFO_MATCHLIMIT, &limit) == 0 &&
	    limit > SL_POLICY_RE_MATCH_LIMIT) ||
	    (pcre2_pattern_info(code, PCRE2_INFO_DEPTHLIMIT, &limit) == 0 &&
	    limit > SL_POLICY_RE_DEPTH_LIMIT) ||
	    (pcre2_pattern_info(code, PCRE2_INFO_HEAPLIMIT, &limit) == 0 &&
	    limit > SL_POLICY_RE_HEAP_LIMIT)) {
		pcre2_code_free(code);
		return fail(L, n, SL_EINVAL, "regex '%s' may not raise the "
		    "PCRE2 limits", re);
	}
	p->type = SL_PAT_REGEX;
	p->re = code;
	if ((p->md = pcre2_match_data_create_from_pattern(code,
	    L->gctx)) == NULL || (p->text = sl_strndup(re, rlen)) == NULL)
		return nomem(L);	/* the caller releases p */
	return 0;
}

static bool
has_regex_tag(const struct sl_ynode *n)
{
	return strncmp(n->str, REGEX_TAG, REGEX_TAG_LEN) == 0;
}

static void
pattern_init(struct loader *L, const struct sl_ynode *n,
    struct sl_pattern *p)
{
	memset(p, 0, sizeof(*p));
	p->file = L->fileref;
	p->line = n->line;
	p->col = n->col;
}

static int
algo_pattern(struct loader *L, const struct sl_ynode *n,
    enum sl_pol_kind kind, struct sl_pattern *p)
{
	const char *s = n->str, *best = NULL;
	size_t i, d, bestd = 4;
	int r;

	pattern_init(L, n, p);
	if (has_regex_tag(n))
		return compile_regex(L, n, REGEX_TAG_LEN, p);
	if (*s == '\0')
		return fail(L, n, SL_EINVAL, "empty %s name", kind_what[kind]);
	if (strpbrk(s, ", \t\r\n") != NULL)
		return fail(L, n, SL_EINVAL, "'%s': one %s per list item (no "
		    "commas or blanks)", s, kind_what[kind]);
	if (*s == '!')
		return fail(L, n, SL_EINVAL, "'%s': negated patterns are not "
		    "supported in algorithm lists (use allow:)", s);
	if ((r = known_names(L, kind)) != 0)
		return r;
	p->type = strpbrk(s, "*?") != NULL ? SL_PAT_GLOB : SL_PAT_EXACT;
	for (i = 0; i < L->nknown[kind]; i++) {
		if (p->type == SL_PAT_EXACT ?
		    strcmp(L->known[kind][i], s) == 0 :
		    sl_match_pattern(L->known[kind][i], s))
			break;
		if (p->type == SL_PAT_EXACT &&
		    (d = distance(s, L->known[kind][i])) < bestd) {
			bestd = d;
			best = L->known[kind][i];
		}
	}
	if (i == L->nknown[kind]) {
		if (p->type == SL_PAT_GLOB)
			return fail(L, n, SL_EINVAL, "'%s' matches no %s known "
			    "to any OpenSSH release", s, kind_what[kind]);
		if (best != NULL)
			return fail(L, n, SL_EINVAL, "unknown %s '%s'; did you "
			    "mean '%s'?", kind_what[kind], s, best);
		return fail(L, n, SL_EINVAL, "unknown %s '%s'",
		    kind_what[kind], s);
	}
	if ((p->text = sl_strdup(s)) == NULL)
		return nomem(L);
	return 0;
}

/* A value pattern of require: exact, glob or regex. */
static int
value_pattern(struct loader *L, const struct sl_ynode *n,
    struct sl_pattern *p)
{
	pattern_init(L, n, p);
	if (has_regex_tag(n))
		return compile_regex(L, n, REGEX_TAG_LEN, p);
	p->type = strpbrk(n->str, "*?") != NULL ? SL_PAT_GLOB : SL_PAT_EXACT;
	if ((p->text = sl_strdup(n->str)) == NULL)
		return nomem(L);
	return 0;
}

/* hosts: of an exception: an OpenSSH pattern-list (lower-cased) or regex. */
static int
host_pattern(struct loader *L, const struct sl_ynode *n,
    struct sl_pattern *p)
{
	pattern_init(L, n, p);
	if (has_regex_tag(n))
		return compile_regex(L, n, REGEX_TAG_LEN, p);
	if (n->len == 0)
		return fail(L, n, SL_EINVAL, "empty host pattern");
	if (strpbrk(n->str, " \t\r\n") != NULL)
		return fail(L, n, SL_EINVAL, "host pattern '%s' has blanks "
		    "(separate patterns with commas)", n->str);
	p->type = SL_PAT_GLOB;
	if ((p->text = lower_dup(n->str)) == NULL)
		return nomem(L);
	return 0;
}

/* A list item, where a single string counts as a one-item list. */
static const struct sl_ynode *
item(const struct sl_ynode *n, size_t i)
{
	return n->type == SL_YN_SEQ ? n->kids[i] : n;
}

static size_t
nitems(const struct sl_ynode *n)
{
	if (is_null(n))
		return 0;
	return n->type == SL_YN_SEQ ? n->n : 1;
}

enum pat_use { PAT_ALGO, PAT_VALUE };

static int
parse_patlist(struct loader *L, const struct sl_ynode *n, const char *ctx,
    enum pat_use use, enum sl_pol_kind kind, struct sl_patlist *out)
{
	const struct sl_ynode *it;
	size_t i, cnt;
	int r;

	if (n->type == SL_YN_MAP)
		return fail(L, n, SL_EINVAL, "%s must be a list, not a "
		    "mapping", ctx);
	cnt = nitems(n);
	if ((out->v = sl_calloc(cnt, sizeof(*out->v))) == NULL)
		return nomem(L);
	for (i = 0; i < cnt; i++) {
		it = item(n, i);
		if (it->type != SL_YN_SCALAR || is_null(it))
			return fail(L, it, SL_EINVAL, "items of %s must be "
			    "strings, not %s", ctx, is_null(it) ? "empty" :
			    what(it));
		r = use == PAT_ALGO ? algo_pattern(L, it, kind, &out->v[i]) :
		    value_pattern(L, it, &out->v[i]);
		out->n++;	/* released with the list, even half made */
		if (r != 0)
			return r;
	}
	return 0;
}

/* ---- sections ---- */

static int
parse_name(struct loader *L, const struct sl_ynode *n, struct layer *ly)
{
	const char *s;
	int r;

	if ((r = want(L, n, SL_YN_SCALAR, "name")) != 0)
		return r;
	if (n->len == 0)
		return fail(L, n, SL_EINVAL, "name is empty");
	if (n->len > MAX_NAME_LEN)
		return fail(L, n, SL_EINVAL, "name longer than %d bytes",
		    MAX_NAME_LEN);
	for (s = n->str; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return fail(L, n, SL_EINVAL, "control character in "
			    "name");
	if ((ly->p->pub.name = sl_strdup(n->str)) == NULL)
		return nomem(L);
	ly->name = true;
	return 0;
}

static int
parse_openssh(struct loader *L, const struct sl_ynode *n, struct layer *ly)
{
	const char *s = n->str, *dots;
	char a[32], b[32];
	int min, max, r;

	if ((r = want(L, n, SL_YN_SCALAR, "openssh")) != 0)
		return r;
	if ((dots = strstr(s, "..")) == NULL) {
		snprintf(a, sizeof(a), "%s", s);
		snprintf(b, sizeof(b), "%s", s);
	} else {
		snprintf(a, sizeof(a), "%.*s", (int)(dots - s), s);
		snprintf(b, sizeof(b), "%s", dots + 2);
	}
	min = a[0] ? sl_version_parse(a) : 0;
	max = b[0] ? sl_version_parse(b) : 0;
	if (n->len >= sizeof(a) || min < 0 || max < 0 || (!a[0] && !b[0]) ||
	    (min && max && min > max))
		return fail(L, n, SL_EINVAL, "bad OpenSSH version range '%s' "
		    "(expected VERSION or MIN..MAX, e.g. 8.5..10.5)", s);
	ly->p->pub.openssh_min = min;
	ly->p->pub.openssh_max = max;
	ly->openssh = true;
	return 0;
}

static int
parse_rsa(struct loader *L, const struct sl_ynode *n, struct layer *ly)
{
	long v;
	char *end;
	int r;

	if ((r = want(L, n, SL_YN_SCALAR, "required_rsa_size")) != 0)
		return r;
	errno = 0;
	v = strtol(n->str, &end, 10);
	if (!isdigit((unsigned char)n->str[0]) || *end != '\0' ||
	    errno != 0 || (v != 0 && (v < 1024 || v > 16384)))
		return fail(L, n, SL_EINVAL, "required_rsa_size must be 0 "
		    "(off) or a number of bits from 1024 to 16384, not '%s'",
		    n->str);
	ly->p->pub.min_rsa_bits = (int)v;
	ly->rsa = true;
	return 0;
}

/* algorithms.KIND (or exceptions[i].algorithms.KIND when exc). */
static int
parse_kind(struct loader *L, const struct sl_ynode *n, enum sl_pol_kind kind,
    bool exc, struct sl_pol_algos *a, struct layer *ly)
{
	static const char *const keys_kex[] = { "allow", "forbid",
	    "pq_first", NULL };
	static const char *const keys_macs[] = { "allow", "forbid",
	    "etm_only", NULL };
	static const char *const keys_other[] = { "allow", "forbid", NULL };
	static const char *const keys_exc[] = { "allow", NULL };
	const char *const *keys;
	char ctx[128], sub[160];
	uint32_t seen = 0;
	size_t i;
	bool b = false;
	int k, r;

	snprintf(ctx, sizeof(ctx), "%salgorithms.%s", exc ? "exception " : "",
	    kind_names[kind]);
	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_MAP, ctx)) != 0)
		return r;
	keys = exc ? keys_exc : kind == SL_PK_KEX ? keys_kex :
	    kind == SL_PK_MACS ? keys_macs : keys_other;
	for (i = 0; i < n->n; i++) {
		const struct sl_ynode *key = n->kids[2 * i];
		const struct sl_ynode *val = n->kids[2 * i + 1];

		if ((r = key_index(L, key, ctx, keys, &seen, &k)) != 0)
			return r;
		snprintf(sub, sizeof(sub), "%s.%s", ctx, keys[k]);
		if (strcmp(keys[k], "allow") == 0) {
			if ((r = parse_patlist(L, val, sub, PAT_ALGO, kind,
			    &a->allow)) != 0)
				return r;
			if (ly != NULL)
				ly->allow[kind] = true;
		} else if (strcmp(keys[k], "forbid") == 0) {
			if ((r = parse_patlist(L, val, sub, PAT_ALGO, kind,
			    &a->forbid)) != 0)
				return r;
		} else {
			if ((r = parse_bool(L, val, sub, &b)) != 0)
				return r;
			if (kind == SL_PK_KEX) {
				ly->p->pub.pq_kex_first = b;
				ly->pq = true;
			} else {
				ly->p->pub.etm_only = b;
				ly->etm = true;
			}
		}
	}
	return 0;
}

static int
parse_algorithms(struct loader *L, const struct sl_ynode *n, bool exc,
    struct sl_pol_algos *algos, struct layer *ly)
{
	static const char *const keys[] = { "kex", "ciphers", "macs",
	    "hostkey", "pubkey", "ca", NULL };
	uint32_t seen = 0;
	size_t i;
	int k, r;

	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_MAP, "algorithms")) != 0)
		return r;
	for (i = 0; i < n->n; i++) {
		if ((r = key_index(L, n->kids[2 * i], exc ?
		    "exception algorithms" : "algorithms", keys, &seen,
		    &k)) != 0 ||
		    (r = parse_kind(L, n->kids[2 * i + 1],
		    (enum sl_pol_kind)k, exc, &algos[k], ly)) != 0)
			return r;
	}
	return 0;
}

static int
parse_severity(struct loader *L, const struct sl_ynode *n, const char *ctx,
    bool allow_off, int *out)
{
	int r;

	if ((r = want(L, n, SL_YN_SCALAR, ctx)) != 0)
		return r;
	if (strcmp(n->str, "error") == 0)
		*out = SL_SEV_ERROR;
	else if (strcmp(n->str, "warning") == 0)
		*out = SL_SEV_WARNING;
	else if (strcmp(n->str, "info") == 0)
		*out = SL_SEV_INFO;
	else if (allow_off && (strcmp(n->str, "off") == 0 ||
	    strcmp(n->str, "disabled") == 0))
		*out = -1;
	else
		return fail(L, n, SL_EINVAL, "%s must be error, warning%s "
		    "info%s, not '%s'", ctx, allow_off ? "," : " or",
		    allow_off ? " or off" : "", n->str);
	return 0;
}

/* Option printed as `name` by ssh -G (SSH) or sshd -T (SSHD). */
static enum sl_opt
find_opt(enum sl_dialect d, const char *name)
{
	const struct sl_keyword *kw;
	const char *dn;
	size_t i, n;

	kw = sl_kw_table(&n);
	for (i = 0; i < n; i++) {
		if (kw[i].dialect != d || kw[i].opt == SL_OPT_NONE)
			continue;
		if ((dn = sl_opt_dump_name(kw[i].opt)) != NULL &&
		    strcasecmp(dn, name) == 0)
			return kw[i].opt;
	}
	return SL_OPT_NONE;
}

static int
unknown_setting(struct loader *L, const struct sl_ynode *k, enum sl_dialect d)
{
	const struct sl_keyword *kw;
	const char *side = d == SL_DIALECT_SSHD ? "server" : "client";
	const char *sug;

	if (find_opt(d == SL_DIALECT_SSHD ? SL_DIALECT_SSH : SL_DIALECT_SSHD,
	    k->str) != SL_OPT_NONE)
		return fail(L, k, SL_EINVAL, "'%s' is a %s setting, not a %s "
		    "one", k->str, d == SL_DIALECT_SSHD ? "client" : "server",
		    side);
	if (k->len <= 64 && (sug = sl_kw_suggest(d, k->str, k->len,
	    sl_version_newest())) != NULL &&
	    (kw = sl_kw_lookup_any(d, sug, strlen(sug))) != NULL &&
	    kw->opt != SL_OPT_NONE && sl_opt_dump_name(kw->opt) != NULL)
		return fail(L, k, SL_EINVAL, "unknown %s setting '%s'; did you "
		    "mean '%s'?", side, k->str, sl_opt_dump_name(kw->opt));
	return fail(L, k, SL_EINVAL, "unknown %s setting '%s' (use the "
	    "names %s prints)", side, k->str,
	    d == SL_DIALECT_SSHD ? "sshd -T" : "ssh -G");
}

static int
parse_require_one(struct loader *L, const struct sl_ynode *key,
    const struct sl_ynode *val, enum sl_dialect d, enum sl_opt opt,
    struct sl_pol_require *req, bool *sev_set)
{
	static const char *const keys[] = { "values", "severity", "why",
	    NULL };
	const struct sl_ynode *values = val;
	char ctx[160];
	uint32_t seen = 0;
	size_t i;
	int k, r, sev;

	req->dialect = d;
	req->severity = SL_SEV_WARNING;
	req->file = L->fileref;
	req->line = key->line;
	req->col = key->col;
	if ((req->keyword = lower_dup(sl_opt_dump_name(opt))) == NULL)
		return nomem(L);
	snprintf(ctx, sizeof(ctx), "%s.require.%s",
	    d == SL_DIALECT_SSHD ? "server" : "client", req->keyword);
	if (val->type == SL_YN_MAP) {
		values = NULL;
		for (i = 0; i < val->n; i++) {
			const struct sl_ynode *kk = val->kids[2 * i];
			const struct sl_ynode *vv = val->kids[2 * i + 1];

			if ((r = key_index(L, kk, ctx, keys, &seen, &k)) != 0)
				return r;
			if (k == 0)
				values = vv;
			else if (k == 1) {
				if ((r = parse_severity(L, vv, "severity",
				    false, &sev)) != 0)
					return r;
				req->severity = (enum sl_severity)sev;
				*sev_set = true;
			} else {
				if ((r = want(L, vv, SL_YN_SCALAR, "why")) != 0)
					return r;
				if ((req->why = sl_strdup(vv->str)) == NULL)
					return nomem(L);
			}
		}
		if (values == NULL)
			return fail(L, val, SL_EINVAL, "%s has no values:", ctx);
	}
	if (nitems(values) == 0)
		return fail(L, values, SL_EINVAL, "%s: no allowed values", ctx);
	return parse_patlist(L, values, ctx, PAT_VALUE, SL_PK_KEX,
	    &req->values);
}

static int
parse_require(struct loader *L, const struct sl_ynode *n, enum sl_dialect d,
    struct layer *ly)
{
	struct sl_policy *p = &ly->p->pub;
	struct sl_pol_require *v;
	const char *ctx = d == SL_DIALECT_SSHD ? "server.require" :
	    "client.require";
	bool seen[SL_OPT__COUNT], *sv;
	enum sl_opt opt;
	size_t i;
	int r;

	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_MAP, ctx)) != 0)
		return r;
	if ((v = sl_reallocarray(p->req, p->nreq + n->n, sizeof(*v))) == NULL)
		return nomem(L);
	p->req = v;
	if ((sv = sl_reallocarray(ly->p->req_sev, p->nreq + n->n,
	    sizeof(*sv))) == NULL)
		return nomem(L);
	ly->p->req_sev = sv;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n->n; i++) {
		const struct sl_ynode *key = n->kids[2 * i];

		if (key->type != SL_YN_SCALAR)
			return fail(L, key, SL_EINVAL, "a key of %s must be a "
			    "setting name, not %s", ctx, what(key));
		if ((opt = find_opt(d, key->str)) == SL_OPT_NONE)
			return unknown_setting(L, key, d);
		if (seen[opt])
			return fail(L, key, SL_EINVAL, "duplicate setting '%s' "
			    "in %s", key->str, ctx);
		seen[opt] = true;
		memset(&p->req[p->nreq], 0, sizeof(p->req[p->nreq]));
		sv[p->nreq] = false;
		r = parse_require_one(L, key, n->kids[2 * i + 1], d, opt,
		    &p->req[p->nreq], &sv[p->nreq]);
		p->nreq++;	/* freed with the policy, even half made */
		if (r != 0)
			return r;
	}
	return 0;
}

static int
parse_side(struct loader *L, const struct sl_ynode *n, enum sl_dialect d,
    struct layer *ly)
{
	static const char *const keys[] = { "require", NULL };
	uint32_t seen = 0;
	size_t i;
	int k, r;

	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_MAP, d == SL_DIALECT_SSHD ? "server" :
	    "client")) != 0)
		return r;
	for (i = 0; i < n->n; i++)
		if ((r = key_index(L, n->kids[2 * i], d == SL_DIALECT_SSHD ?
		    "server" : "client", keys, &seen, &k)) != 0 ||
		    (r = parse_require(L, n->kids[2 * i + 1], d, ly)) != 0)
			return r;
	return 0;
}

static int
find_rule(struct loader *L, const struct sl_ynode *n, int *out)
{
	const struct sl_rule_info *ri;
	int r;

	*out = -1;
	if ((r = want(L, n, SL_YN_SCALAR, "a rule")) != 0)
		return r;
	if ((ri = sl_rule_find(n->str)) == NULL)
		return fail(L, n, SL_EINVAL, "unknown rule '%s' (see 'sshlint "
		    "rules')", n->str);
	*out = (int)(ri - sl_rule_at(0));
	return 0;
}

static int
parse_rules(struct loader *L, const struct sl_ynode *n, struct layer *ly)
{
	struct sl_policy *p = &ly->p->pub;
	struct sl_pol_rule *v, *pr;
	bool seen[SL_RULE__COUNT];
	size_t i;
	int rule = -1, sev = 0, r;

	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_MAP, "rules")) != 0)
		return r;
	if ((v = sl_reallocarray(p->rules, p->nrules + n->n,
	    sizeof(*v))) == NULL)
		return nomem(L);
	p->rules = v;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < n->n; i++) {
		const struct sl_ynode *key = n->kids[2 * i];

		if ((r = find_rule(L, key, &rule)) != 0)
			return r;
		if (rule < 0 || rule >= SL_RULE__COUNT || seen[rule])
			return fail(L, key, SL_EINVAL, "rule '%s' given twice",
			    key->str);
		seen[rule] = true;
		if ((r = parse_severity(L, n->kids[2 * i + 1], "a rule "
		    "severity", true, &sev)) != 0)
			return r;
		pr = &p->rules[p->nrules];
		if ((pr->id = sl_strdup(key->str)) == NULL)
			return nomem(L);
		pr->rule = rule;
		pr->severity = sev;
		p->nrules++;
	}
	return 0;
}

static int
parse_exception(struct loader *L, const struct sl_ynode *n, size_t idx,
    struct sl_pol_exception *e)
{
	static const char *const keys[] = { "hosts", "algorithms", "rules",
	    NULL };
	const struct sl_ynode *hosts = NULL, *it;
	char ctx[64];
	uint32_t seen = 0;
	size_t i, j, cnt;
	int k, r, rule = -1;

	snprintf(ctx, sizeof(ctx), "exceptions[%zu]", idx);
	if ((r = want(L, n, SL_YN_MAP, ctx)) != 0)
		return r;
	for (i = 0; i < n->n; i++) {
		const struct sl_ynode *val = n->kids[2 * i + 1];

		if ((r = key_index(L, n->kids[2 * i], ctx, keys, &seen,
		    &k)) != 0)
			return r;
		if (k == 0) {
			if ((r = want(L, val, SL_YN_SCALAR, "hosts")) != 0 ||
			    (r = host_pattern(L, val, &e->hosts)) != 0)
				return r;
			hosts = val;
		} else if (k == 1) {
			if ((r = parse_algorithms(L, val, true, e->algos,
			    NULL)) != 0)
				return r;
		} else {
			if (val->type == SL_YN_MAP)
				return fail(L, val, SL_EINVAL, "rules of an "
				    "exception must be a list of rules");
			cnt = nitems(val);
			if ((e->rules = sl_calloc(cnt,
			    sizeof(*e->rules))) == NULL)
				return nomem(L);
			for (j = 0; j < cnt; j++) {
				it = item(val, j);
				if ((r = find_rule(L, it, &rule)) != 0)
					return r;
				if ((e->rules[e->nrules] = sl_strdup(
				    sl_rule_at((size_t)rule)->id)) == NULL)
					return nomem(L);
				e->nrules++;
			}
		}
	}
	if (hosts == NULL)
		return fail(L, n, SL_EINVAL, "%s has no hosts:", ctx);
	if (e->nrules == 0) {
		for (i = 0; i < SL_PK__COUNT; i++)
			if (e->algos[i].allow.n > 0)
				break;
		if (i == SL_PK__COUNT)
			return fail(L, n, SL_EINVAL, "the exception for '%s' "
			    "allows nothing (give algorithms: or rules:)",
			    hosts->str);
	}
	return 0;
}

static int
parse_exceptions(struct loader *L, const struct sl_ynode *n, struct layer *ly)
{
	struct sl_policy *p = &ly->p->pub;
	struct sl_pol_exception *v;
	size_t i;
	int r;

	if (is_null(n))
		return 0;
	if ((r = want(L, n, SL_YN_SEQ, "exceptions")) != 0)
		return r;
	if ((v = sl_reallocarray(p->exc, p->nexc + n->n, sizeof(*v))) == NULL)
		return nomem(L);
	p->exc = v;
	for (i = 0; i < n->n; i++) {
		memset(&p->exc[p->nexc], 0, sizeof(p->exc[p->nexc]));
		r = parse_exception(L, n->kids[i], i, &p->exc[p->nexc]);
		p->nexc++;	/* freed with the policy, even half made */
		if (r != 0)
			return r;
	}
	return 0;
}

static int
parse_policy(struct loader *L, const struct sl_ynode *root, struct layer *ly)
{
	static const char *const keys[] = { "name", "description", "extends",
	    "openssh", "algorithms", "required_rsa_size", "client", "server",
	    "rules", "exceptions", NULL };
	enum { K_NAME, K_DESCRIPTION, K_EXTENDS, K_OPENSSH, K_ALGORITHMS,
	    K_RSA, K_CLIENT, K_SERVER, K_RULES, K_EXCEPTIONS };
	uint32_t seen = 0;
	size_t i;
	int k, r;

	if (root == NULL)
		return fail_at(L, 1, 1, SL_EINVAL, "empty policy (expected a "
		    "mapping: name:, extends:, algorithms: ...)");
	if (root->type != SL_YN_MAP)
		return fail(L, root, SL_EINVAL, "a policy must be a mapping "
		    "(name:, extends:, algorithms: ...), not %s", what(root));
	for (i = 0; i < root->n; i++) {
		const struct sl_ynode *val = root->kids[2 * i + 1];

		if ((r = key_index(L, root->kids[2 * i], "the policy", keys,
		    &seen, &k)) != 0)
			return r;
		switch (k) {
		case K_NAME:
			r = parse_name(L, val, ly);
			break;
		case K_DESCRIPTION:
			r = want(L, val, SL_YN_SCALAR, "description");
			break;
		case K_EXTENDS:
			if ((r = want(L, val, SL_YN_SCALAR, "extends")) == 0)
				ly->extends = val;
			break;
		case K_OPENSSH:
			r = parse_openssh(L, val, ly);
			break;
		case K_ALGORITHMS:
			r = parse_algorithms(L, val, false, ly->p->pub.algos,
			    ly);
			break;
		case K_RSA:
			r = parse_rsa(L, val, ly);
			break;
		case K_CLIENT:
			r = parse_side(L, val, SL_DIALECT_SSH, ly);
			break;
		case K_SERVER:
			r = parse_side(L, val, SL_DIALECT_SSHD, ly);
			break;
		case K_RULES:
			r = parse_rules(L, val, ly);
			break;
		default:
			r = parse_exceptions(L, val, ly);
			break;
		}
		if (r != 0)
			return r;
	}
	return 0;
}

/* ---- extends ---- */

/*
 * Put the child layer `ly` on top of `base` (the policy it extends), see
 * doc/policy.md. Everything that can fail is done first: on failure both
 * are whole and the caller frees them; on success the child's parts live
 * in base and the child's shell is freed.
 */
static int
merge(struct policy_impl *base, struct layer *ly)
{
	struct policy_impl *top = ly->p;
	struct sl_policy *b = &base->pub, *t = &top->pub;
	struct sl_pattern *pv;
	size_t k, i, j;
	void *v;

	if ((v = sl_reallocarray(base->files, base->nfiles + top->nfiles,
	    sizeof(*base->files))) == NULL)
		return SL_ENOMEM;
	base->files = v;
	for (k = 0; k < SL_PK__COUNT; k++) {
		if (t->algos[k].forbid.n == 0)
			continue;
		if ((pv = sl_reallocarray(b->algos[k].forbid.v,
		    b->algos[k].forbid.n + t->algos[k].forbid.n,
		    sizeof(*pv))) == NULL)
			return SL_ENOMEM;
		b->algos[k].forbid.v = pv;
	}
	if (t->nreq > 0) {
		if ((v = sl_reallocarray(b->req, b->nreq + t->nreq,
		    sizeof(*b->req))) == NULL)
			return SL_ENOMEM;
		b->req = v;
		if ((v = sl_reallocarray(base->req_sev, b->nreq + t->nreq,
		    sizeof(*base->req_sev))) == NULL)
			return SL_ENOMEM;
		base->req_sev = v;
	}
	if (t->nrules > 0) {
		if ((v = sl_reallocarray(b->rules, b->nrules + t->nrules,
		    sizeof(*b->rules))) == NULL)
			return SL_ENOMEM;
		b->rules = v;
	}
	if (t->nexc > 0) {
		if ((v = sl_reallocarray(b->exc, b->nexc + t->nexc,
		    sizeof(*b->exc))) == NULL)
			return SL_ENOMEM;
		b->exc = v;
	}

	/* nothing fails from here on */
	memcpy(base->files + base->nfiles, top->files,
	    top->nfiles * sizeof(*top->files));
	base->nfiles += top->nfiles;
	top->nfiles = 0;
	sl_free(b->name);
	b->name = t->name;
	t->name = NULL;
	sl_free(b->file);
	b->file = t->file;
	t->file = NULL;
	if (ly->openssh) {
		b->openssh_min = t->openssh_min;
		b->openssh_max = t->openssh_max;
	}
	if (ly->rsa)
		b->min_rsa_bits = t->min_rsa_bits;
	if (ly->etm)
		b->etm_only = t->etm_only;
	if (ly->pq)
		b->pq_kex_first = t->pq_kex_first;
	for (k = 0; k < SL_PK__COUNT; k++) {
		struct sl_patlist *bf = &b->algos[k].forbid;
		struct sl_patlist *tf = &t->algos[k].forbid;

		if (ly->allow[k]) {
			patlist_release(&b->algos[k].allow);
			b->algos[k].allow = t->algos[k].allow;
			t->algos[k].allow.v = NULL;
			t->algos[k].allow.n = 0;
		}
		if (tf->n > 0) {
			memcpy(bf->v + bf->n, tf->v, tf->n * sizeof(*tf->v));
			bf->n += tf->n;
			tf->n = 0;
		}
	}
	for (i = 0; i < t->nreq; i++) {
		for (j = 0; j < b->nreq; j++)
			if (b->req[j].dialect == t->req[i].dialect &&
			    strcmp(b->req[j].keyword, t->req[i].keyword) == 0)
				break;
		if (j < b->nreq)
			require_release(&b->req[j]);
		else
			b->nreq++;
		b->req[j] = t->req[i];
		base->req_sev[j] = top->req_sev[i];
	}
	t->nreq = 0;
	for (i = 0; i < t->nrules; i++) {
		for (j = 0; j < b->nrules; j++)
			if (b->rules[j].rule == t->rules[i].rule)
				break;
		if (j < b->nrules)
			sl_free(b->rules[j].id);
		else
			b->nrules++;
		b->rules[j] = t->rules[i];
	}
	t->nrules = 0;
	if (t->nexc > 0) {
		memcpy(b->exc + b->nexc, t->exc, t->nexc * sizeof(*t->exc));
		b->nexc += t->nexc;
		t->nexc = 0;
	}
	impl_free(top);
	ly->p = NULL;
	return 0;
}

static int
read_file(const char *path, char **out, size_t *outlen,
    struct sl_policy_error *err)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap;
	ssize_t n;
	int fd, r;

	*out = NULL;
	set_file(err, path);
	err->line = err->col = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		r = errno == ENOENT || errno == ENOTDIR ? SL_ENOTFOUND :
		    SL_EIO;
		snprintf(err->msg, sizeof(err->msg), "cannot open the "
		    "policy: %s", strerror(errno));
		return r;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err->msg, sizeof(err->msg), "not a regular file");
		close(fd);
		return SL_EIO;
	}
	if (st.st_size > (off_t)SL_YAML_MAX_INPUT) {
		snprintf(err->msg, sizeof(err->msg), "policy file too large "
		    "(%lld bytes; the limit is %u)", (long long)st.st_size,
		    SL_YAML_MAX_INPUT);
		close(fd);
		return SL_ELIMIT;
	}
	cap = (size_t)st.st_size + 1;
	if ((buf = sl_malloc(cap + 1)) == NULL) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		close(fd);
		return SL_ENOMEM;
	}
	/* read one byte more than the size: a growing file is caught */
	while (len < cap) {
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err->msg, sizeof(err->msg), "cannot read the "
			    "policy: %s", strerror(errno));
			close(fd);
			sl_free(buf);
			return SL_EIO;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > SL_YAML_MAX_INPUT) {
		snprintf(err->msg, sizeof(err->msg), "policy file too large "
		    "(the limit is %u bytes)", SL_YAML_MAX_INPUT);
		sl_free(buf);
		return SL_ELIMIT;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	err->msg[0] = '\0';
	return 0;
}

static int
load_file(struct chain *ch, const char *path, struct policy_impl **out,
    struct sl_policy_error *err)
{
	char *data = NULL, *dir = NULL;
	size_t len = 0;
	int r;

	if ((r = read_file(path, &data, &len, err)) != 0)
		return r;
	if ((dir = dir_of(path)) == NULL) {
		sl_free(data);
		set_file(err, path);
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return SL_ENOMEM;
	}
	r = load_text(ch, path, dir, data, len, out, err);
	sl_free(dir);
	sl_free(data);
	return r;
}

static int
load_builtin(struct chain *ch, const struct sl_policy_builtin *b,
    struct policy_impl **out, struct sl_policy_error *err)
{
	char display[160];
	unsigned flags = ch->flags;
	int r;

	snprintf(display, sizeof(display), "builtin:%s", b->name);
	/* a built-in extends built-ins only */
	ch->flags |= SL_POLICY_NO_FILES;
	r = load_text(ch, display, NULL, b->text, b->len, out, err);
	ch->flags = flags;
	return r;
}

/* Load what `ext` (the extends: value of the file of L) names. */
static int
load_parent(struct chain *ch, struct loader *L, const char *dir,
    const struct sl_ynode *ext, struct policy_impl **out)
{
	const struct sl_policy_builtin *b = NULL;
	char *path = NULL, *id = NULL, resolved[PATH_MAX], list[256];
	size_t len = 0;
	int i, r;

	if (ext->len == 0)
		return fail(L, ext, SL_EINVAL, "extends: needs a policy name "
		    "or path");
	if (ch->n > SL_POLICY_MAX_EXTENDS)
		return fail(L, ext, SL_ELIMIT, "extends: chain longer than %d "
		    "policies", SL_POLICY_MAX_EXTENDS);
	if (!is_path(ext->str)) {
		if ((b = find_builtin(ext->str)) == NULL)
			return fail(L, ext, SL_ENOTFOUND, "unknown built-in "
			    "policy '%s' (built-ins: %s; a file needs a '/' or "
			    "a .yaml name)", ext->str,
			    builtin_list(list, sizeof(list)));
		if ((id = sl_strdup(ext->str)) == NULL ||
		    (path = sl_strdup(ext->str)) == NULL) {
			sl_free(id);
			return nomem(L);
		}
		/* built-in ids cannot collide with real paths (absolute) */
	} else {
		if ((ch->flags & SL_POLICY_NO_FILES) || dir == NULL)
			return fail(L, ext, SL_EINVAL, "extends: may only name "
			    "a built-in policy here, not the file '%s'",
			    ext->str);
		if (ext->str[0] == '/' || strcmp(dir, ".") == 0)
			path = sl_strdup(ext->str);
		else {
			len = strlen(dir) + 1 + ext->len + 1;
			if ((path = sl_malloc(len)) != NULL)
				snprintf(path, len, "%s/%s", dir, ext->str);
		}
		if (path == NULL)
			return nomem(L);
		if (realpath(path, resolved) == NULL) {
			r = errno == ENOENT || errno == ENOTDIR ?
			    SL_ENOTFOUND : SL_EIO;
			fail(L, ext, r, "cannot read '%s' (extends:): %s", path,
			    strerror(errno));
			sl_free(path);
			return r;
		}
		if ((id = sl_strdup(resolved)) == NULL) {
			sl_free(path);
			return nomem(L);
		}
	}
	for (i = 0; i < ch->n; i++)
		if (strcmp(ch->ids[i], id) == 0)
			break;
	if (i < ch->n) {
		char cyc[400];

		len = 0;
		cyc[0] = '\0';
		for (; i < ch->n && len < sizeof(cyc); i++)
			len += (size_t)snprintf(cyc + len, sizeof(cyc) - len,
			    "%s -> ", ch->names[i]);
		fail(L, ext, SL_EINVAL, "extends: cycle: %s%s", cyc, path);
		sl_free(id);
		sl_free(path);
		return SL_EINVAL;
	}
	ch->ids[ch->n] = id;
	ch->names[ch->n++] = path;
	if (b != NULL)
		r = load_builtin(ch, b, out, L->err);
	else
		r = load_file(ch, path, out, L->err);
	ch->n--;
	ch->ids[ch->n] = ch->names[ch->n] = NULL;
	sl_free(id);
	sl_free(path);
	return r;
}

/* A policy name from a file name: "dir/strict.yaml" -> "strict". */
static char *
name_from_file(const char *display)
{
	const char *base = strrchr(display, '/'), *dot;
	size_t n;

	base = base ? base + 1 : display;
	if (strncmp(base, "builtin:", 8) == 0)
		base += 8;
	dot = strrchr(base, '.');
	n = dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base);
	if (n == 0)
		return sl_strdup("policy");
	return sl_strndup(base, n > MAX_NAME_LEN ? MAX_NAME_LEN : n);
}

static int
load_text(struct chain *ch, const char *display, const char *dir,
    const char *data, size_t len, struct policy_impl **out,
    struct sl_policy_error *err)
{
	struct sl_ydoc doc = SL_YDOC_INIT;
	struct policy_impl *parent = NULL;
	struct loader L;
	struct layer ly;
	int r;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	memset(&ly, 0, sizeof(ly));
	L.file = display;
	L.err = err;
	if ((ly.p = sl_calloc(1, sizeof(*ly.p))) == NULL ||
	    (L.fileref = add_file(ly.p, display)) == NULL ||
	    (ly.p->pub.file = sl_strdup(display)) == NULL) {
		r = nomem(&L);
		goto out;
	}
	if ((r = sl_ydoc_parse(&doc, data, len, err)) != 0) {
		set_file(err, display);
		goto out;
	}
	if ((r = parse_policy(&L, doc.root, &ly)) != 0)
		goto out;
	if (!ly.name && (ly.p->pub.name = name_from_file(display)) == NULL) {
		r = nomem(&L);
		goto out;
	}
	loader_release(&L);	/* the compiled patterns stay */
	if (ly.extends != NULL) {
		if ((r = load_parent(ch, &L, dir, ly.extends, &parent)) != 0)
			goto out;
		if ((r = merge(parent, &ly)) != 0) {
			r = nomem(&L);
			goto out;
		}
		*out = parent;
		parent = NULL;
	} else {
		*out = ly.p;
		ly.p = NULL;
	}
	r = 0;
out:
	loader_release(&L);
	sl_ydoc_release(&doc);
	impl_free(ly.p);
	impl_free(parent);
	return r;
}

/*
 * Severity of the requires that do not give one: that of the rule
 * policy-setting under the finished policy (warning when it is off: the
 * rule being off already silences them).
 */
static void
finalize(struct policy_impl *p)
{
	int sev = sl_policy_severity(&p->pub, SL_RULE_POLICY_SETTING);
	size_t i;

	for (i = 0; i < p->pub.nreq; i++) {
		p->pub.req[i].severity_set = p->req_sev[i];
		if (!p->req_sev[i])
			p->pub.req[i].severity = sev >= 0 ?
			    (enum sl_severity)sev : SL_SEV_WARNING;
	}
}

static int
load_top(struct chain *ch, const char *spec, const char *data, size_t len,
    bool buffer, struct policy_impl **out, struct sl_policy_error *err)
{
	const struct sl_policy_builtin *b = NULL;
	char resolved[PATH_MAX], list[256], *dir = NULL;
	int r;

	if (buffer) {
		if ((ch->ids[0] = sl_strdup(spec)) == NULL ||
		    (ch->names[0] = sl_strdup(spec)) == NULL ||
		    (!(ch->flags & SL_POLICY_NO_FILES) &&
		    (dir = dir_of(spec)) == NULL))
			goto nomem;
		ch->n = 1;
		r = load_text(ch, spec, dir, data, len, out, err);
		sl_free(dir);
		return r;
	}
	if (!is_path(spec)) {
		if ((b = find_builtin(spec)) == NULL) {
			set_file(err, spec);
			snprintf(err->msg, sizeof(err->msg), "unknown policy "
			    "'%s' (built-ins: %s; a file needs a '/' or a "
			    ".yaml name)", spec, builtin_list(list,
			    sizeof(list)));
			return SL_ENOTFOUND;
		}
		if ((ch->ids[0] = sl_strdup(spec)) == NULL ||
		    (ch->names[0] = sl_strdup(spec)) == NULL)
			goto nomem;
		ch->n = 1;
		return load_builtin(ch, b, out, err);
	}
	if (realpath(spec, resolved) == NULL) {
		r = errno == ENOENT || errno == ENOTDIR ? SL_ENOTFOUND : SL_EIO;
		set_file(err, spec);
		snprintf(err->msg, sizeof(err->msg), "cannot open the policy: "
		    "%s", strerror(errno));
		return r;
	}
	if ((ch->ids[0] = sl_strdup(resolved)) == NULL ||
	    (ch->names[0] = sl_strdup(spec)) == NULL)
		goto nomem;
	ch->n = 1;
	return load_file(ch, spec, out, err);
nomem:
	set_file(err, spec);
	snprintf(err->msg, sizeof(err->msg), "out of memory");
	return SL_ENOMEM;
}

static int
load_entry(const char *spec, const char *data, size_t len, bool buffer,
    unsigned flags, struct sl_policy **out, struct sl_policy_error *err)
{
	struct sl_policy_error dummy;
	struct policy_impl *p = NULL;
	struct chain ch;
	int i, r;

	if (err == NULL)
		err = &dummy;
	memset(err, 0, sizeof(*err));
	if (out == NULL)
		return SL_EINVAL;
	*out = NULL;
	if (spec == NULL || (buffer && data == NULL && len > 0)) {
		snprintf(err->msg, sizeof(err->msg), "no policy given");
		return SL_EINVAL;
	}
	memset(&ch, 0, sizeof(ch));
	ch.flags = flags;
	r = load_top(&ch, spec, data ? data : "", len, buffer, &p, err);
	for (i = 0; i < SL_POLICY_MAX_EXTENDS + 1; i++) {
		sl_free(ch.ids[i]);
		sl_free(ch.names[i]);
	}
	if (r != 0)
		return r;
	finalize(p);
	*out = &p->pub;
	return 0;
}

int
sl_policy_load(const char *name_or_path, struct sl_policy **out,
    struct sl_policy_error *err)
{
	return load_entry(name_or_path, NULL, 0, false, 0, out, err);
}

int
sl_policy_load_buffer(const char *name, const char *data, size_t len,
    unsigned flags, struct sl_policy **out, struct sl_policy_error *err)
{
	return load_entry(name, data, len, true, flags, out, err);
}
