/* Unified diffs of the rewriter's results. */
#ifndef SSHLINT_REWRITE_DIFF_H
#define SSHLINT_REWRITE_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/util/strbuf.h"
#include "sshlint/sshlint.h"

/*
 * Append the unified diff (3 lines of context) turning a into b, with the
 * header names given ("a/PATH", "b/PATH" for git apply / patch -p1);
 * nothing when they are equal. Returns 0 or SL_ENOMEM.
 */
int sl_udiff(struct sl_strbuf *sb, const char *aname, const char *bname,
    const char *a, size_t alen, const char *b, size_t blen);

#endif
