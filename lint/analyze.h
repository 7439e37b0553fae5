/* Semantic, crypto and hardening rules over the effective configuration. */
#ifndef SSHLINT_LINT_ANALYZE_H
#define SSHLINT_LINT_ANALYZE_H

#include "lint/source.h"

/*
 * Run the rules that need evaluation on the tree of `top` (loaded and
 * walked): findings go to ctx->diags. Uses opts->policy when set.
 * Returns 0 or SL_ENOMEM.
 */
int sl_analyze(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top);

/*
 * The effective configuration of every target the rules look at (client:
 * each host evaluated; server: each connection class), as text, to tell
 * whether an edit changed what the configuration does. *out is freed by
 * the caller (sl_free).
 */
int sl_snapshot(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top, char **out);

#endif
