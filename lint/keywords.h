/*
 * Keyword tables of ssh_config and sshd_config, OpenSSH 7.4 .. 10.5, as
 * data (lint/keywords.def). A keyword spelling may have several rows, one
 * per release range in which it behaves differently (e.g. a keyword that
 * became an alias, was deprecated, or became allowed under Match).
 */
#ifndef SSHLINT_LINT_KEYWORDS_H
#define SSHLINT_LINT_KEYWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "sshlint/sshlint.h"

/* Options: one per effective setting; aliases share it (lint/options.def). */
enum sl_opt {
	SL_OPT_NONE = 0,
#define OPT(d, e, dump) SL_OPT_##d##_##e,
#include "lint/options.def"
#undef OPT
	SL_OPT__COUNT
};

/* Value types; the validator (lint/values.c) knows each one's grammar. */
enum sl_vtype {
#define VTYPE(e, descr) SL_VT_##e,
#include "lint/vtypes.def"
#undef VTYPE
	SL_VT__COUNT
};

/* How repeated occurrences combine. */
enum sl_mult {
	SL_MULT_NONE = 0,	/* no value (block start, ignored keyword) */
	SL_MULT_FIRST,		/* F: first active value wins */
	SL_MULT_ACCUM,		/* A: every active occurrence appends */
	SL_MULT_FIRSTLINE,	/* A1: list; only the first active line counts */
	SL_MULT_LAST,		/* L: last occurrence wins */
};

/* Row flags. */
#define SL_KWF_HOST		0x0001	/* Host line (block start, ssh) */
#define SL_KWF_MATCH		0x0002	/* Match line (block start) */
#define SL_KWF_INCLUDE		0x0004	/* Include */
#define SL_KWF_RAW		0x0008	/* argument is the raw rest of the line */
#define SL_KWF_ALIAS		0x0010	/* old spelling of `canonical` */
#define SL_KWF_DEPRECATED	0x0020	/* accepted, ignored, logged */
#define SL_KWF_UNSUPPORTED	0x0040	/* accepted, ignored, 'Unsupported option' */
#define SL_KWF_IGNORED		0x0080	/* accepted, silently ignored (Protocol) */
#define SL_KWF_VENDOR		0x0100	/* distribution patch (Debian), not upstream */
#define SL_KWF_NOACTIVE		0x0200	/* ignores Host/Match activity (ssh quirk) */

struct sl_keyword {
	const char *name;	/* documented spelling, e.g. "PubkeyAcceptedAlgorithms" */
	enum sl_dialect dialect;
	enum sl_opt opt;	/* option it sets; SL_OPT_NONE for none */
	enum sl_vtype vtype;
	enum sl_mult mult;
	uint32_t flags;		/* SL_KWF_* */
	int since;		/* first release with this row (SL_VERSION); 0 = before 7.4 */
	int until;		/* first release without it; 0 = still there in 10.5 */
	int match_since;	/* sshd: allowed under Match from this release; 0 = never.
				 * ssh: ignored (every keyword is allowed in Host/Match) */
	const char *canonical;	/* for SL_KWF_ALIAS: current spelling; else NULL */
	const char *note;	/* short history note, or NULL */
};

/*
 * Find the row of `name` (any case, length `len`) for `dialect` that is
 * valid in release `version`. NULL if the keyword is unknown there.
 */
const struct sl_keyword *sl_kw_lookup(enum sl_dialect dialect,
    const char *name, size_t len, int version);

/*
 * Any row of `name` in `dialect` regardless of version (the newest one), or
 * NULL. Used to tell "unknown in this release" from "unknown at all".
 */
const struct sl_keyword *sl_kw_lookup_any(enum sl_dialect dialect,
    const char *name, size_t len);

/* All rows, for iteration (did-you-mean, docs). */
const struct sl_keyword *sl_kw_table(size_t *n);

/*
 * Closest known keyword spelling of `dialect` to `name` for release
 * `version` (case-insensitive edit distance), or NULL when nothing is
 * close enough to suggest.
 */
const char *sl_kw_suggest(enum sl_dialect dialect, const char *name,
    size_t len, int version);

/* Name ssh -G / sshd -T print for an option (lower case). */
const char *sl_opt_dump_name(enum sl_opt opt);

#endif
