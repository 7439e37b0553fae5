/*
 * Policy loader internals shared with the tests and the fuzz target. The
 * public entry points are in include/sshlint/policy.h.
 */
#ifndef SSHLINT_POLICIES_LOAD_H
#define SSHLINT_POLICIES_LOAD_H

#include <stddef.h>

#include "sshlint/policy.h"

/* extends: may name built-ins only (no file is ever opened). */
#define SL_POLICY_NO_FILES	0x1

/* Limits besides the YAML ones of policies/ytree.h. */
#define SL_POLICY_MAX_EXTENDS	8	/* extends: hops from the top file */
#define SL_POLICY_MAX_REGEX	256	/* regex: patterns in one file */
#define SL_POLICY_MAX_REGEX_LEN	1024	/* bytes of one regex */

/* PCRE2 limits every regex is compiled with (see doc/policy.md). */
#define SL_POLICY_RE_MATCH_LIMIT	100000
#define SL_POLICY_RE_DEPTH_LIMIT	10000
/*
 * KiB. The heap a match used stays with the pattern's match data for
 * reuse, so this times SL_POLICY_MAX_REGEX bounds what the regexes of one
 * file can hold.
 */
#define SL_POLICY_RE_HEAP_LIMIT		1024

/*
 * Load a policy from memory as if it were the file `name` (relative
 * extends: paths are taken from name's directory). Same results as
 * sl_policy_load().
 */
int sl_policy_load_buffer(const char *name, const char *data, size_t len,
    unsigned flags, struct sl_policy **out, struct sl_policy_error *err);

#endif
