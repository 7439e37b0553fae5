/*
 * Keyword tables (lint/keywords.def, lint/options.def) and lookups.
 *
 * The rows of keywords.def are kept sorted by dialect and case-folded
 * spelling, so a lookup is a binary search over a constant array: no
 * index is built at run time and nothing here is mutable.
 */
#include "lint/keywords.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lint/util/banned.h"

/* Let "NONE" in the OPT column of keywords.def mean SL_OPT_NONE. */
enum {
	SL_OPT_SSH_NONE = SL_OPT_NONE,
	SL_OPT_SSHD_NONE = SL_OPT_NONE,
};

static const struct sl_keyword keywords[] = {
#define KW(d, name, opt, vt, mult, fl, since, until, msince, canon, note) \
	{ name, SL_DIALECT_##d, (enum sl_opt)SL_OPT_##d##_##opt, SL_VT_##vt, \
	    SL_MULT_##mult, (fl), (since), (until), (msince), canon, note },
#include "lint/keywords.def"
#undef KW
};

#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

static const char *const dump_names[SL_OPT__COUNT] = {
	[SL_OPT_NONE] = NULL,
#define OPT(d, e, dump) [SL_OPT_##d##_##e] = dump,
#include "lint/options.def"
#undef OPT
};

/* Longest spelling sl_kw_suggest() compares; longer input is not a typo. */
#define SUGGEST_MAXLEN	64

static int
fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Order of (dialect, name[0..len)) against a row: dialect first, then the
 * spelling compared byte-wise after folding ASCII upper case.
 */
static int
key_cmp(enum sl_dialect dialect, const char *name, size_t len,
    const struct sl_keyword *kw)
{
	const unsigned char *a = (const unsigned char *)name;
	const unsigned char *b = (const unsigned char *)kw->name;
	size_t i;
	int ca, cb;

	if (dialect != kw->dialect)
		return dialect < kw->dialect ? -1 : 1;
	for (i = 0; i < len; i++) {
		if (b[i] == '\0')
			return 1;
		ca = fold(a[i]);
		cb = fold(b[i]);
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return b[len] == '\0' ? 0 : -1;
}

/* Index of the first row of (dialect, name), or NKEYWORDS. */
static size_t
first_row(enum sl_dialect dialect, const char *name, size_t len)
{
	size_t lo = 0, hi = NKEYWORDS, mid;

	if (name == NULL || len == 0 || memchr(name, '\0', len) != NULL)
		return NKEYWORDS;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (key_cmp(dialect, name, len, &keywords[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < NKEYWORDS && key_cmp(dialect, name, len, &keywords[lo]) == 0)
		return lo;
	return NKEYWORDS;
}

static bool
row_valid(const struct sl_keyword *kw, int version)
{
	return (kw->since == 0 || version >= kw->since) &&
	    (kw->until == 0 || version < kw->until);
}

const struct sl_keyword *
sl_kw_lookup(enum sl_dialect dialect, const char *name, size_t len,
    int version)
{
	size_t i;

	for (i = first_row(dialect, name, len); i < NKEYWORDS &&
	    key_cmp(dialect, name, len, &keywords[i]) == 0; i++) {
		if (row_valid(&keywords[i], version))
			return &keywords[i];
	}
	return NULL;
}

const struct sl_keyword *
sl_kw_lookup_any(enum sl_dialect dialect, const char *name, size_t len)
{
	const struct sl_keyword *found = NULL;
	size_t i;

	/* rows of one spelling are ordered by `since`: keep the last */
	for (i = first_row(dialect, name, len); i < NKEYWORDS &&
	    key_cmp(dialect, name, len, &keywords[i]) == 0; i++)
		found = &keywords[i];
	return found;
}

const struct sl_keyword *
sl_kw_table(size_t *n)
{
	if (n != NULL)
		*n = NKEYWORDS;
	return keywords;
}

/*
 * Optimal string alignment distance (Damerau-Levenshtein restricted to
 * adjacent transpositions), ASCII case folded. Both lengths are at most
 * SUGGEST_MAXLEN.
 */
static size_t
edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t d[SUGGEST_MAXLEN + 1][SUGGEST_MAXLEN + 1];
	size_t i, j, cost, best;

	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			cost = fold((unsigned char)a[i - 1]) ==
			    fold((unsigned char)b[j - 1]) ? 0 : 1;
			best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 &&
			    fold((unsigned char)a[i - 1]) ==
			    fold((unsigned char)b[j - 2]) &&
			    fold((unsigned char)a[i - 2]) ==
			    fold((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* Preference among equally close candidates: lower is better. */
static int
suggest_rank(const struct sl_keyword *kw)
{
	if (kw->flags & (SL_KWF_DEPRECATED | SL_KWF_UNSUPPORTED |
	    SL_KWF_IGNORED))
		return 3;
	if (kw->flags & SL_KWF_VENDOR)
		return 2;
	if (kw->flags & SL_KWF_ALIAS)
		return 1;
	return 0;
}

const char *
sl_kw_suggest(enum sl_dialect dialect, const char *name, size_t len,
    int version)
{
	const struct sl_keyword *kw, *best = NULL;
	size_t i, klen, dist, limit, best_dist = 0;

	if (name == NULL || len == 0 || len > SUGGEST_MAXLEN)
		return NULL;
	limit = len / 3;
	if (limit == 0)
		limit = 1;
	for (i = 0; i < NKEYWORDS; i++) {
		kw = &keywords[i];
		if (kw->dialect != dialect || !row_valid(kw, version))
			continue;
		klen = strlen(kw->name);
		if (klen > SUGGEST_MAXLEN ||
		    (klen > len ? klen - len : len - klen) > limit)
			continue;
		dist = edit_distance(name, len, kw->name, klen);
		if (dist > limit)
			continue;
		if (best == NULL || dist < best_dist || (dist == best_dist &&
		    suggest_rank(kw) < suggest_rank(best))) {
			best = kw;
			best_dist = dist;
		}
	}
	/* an exact (case-insensitive) match is not a suggestion */
	if (best != NULL && best_dist == 0)
		return NULL;
	return best != NULL ? best->name : NULL;
}

const char *
sl_opt_dump_name(enum sl_opt opt)
{
	if ((int)opt <= (int)SL_OPT_NONE || opt >= SL_OPT__COUNT)
		return NULL;
	return dump_names[opt];
}
