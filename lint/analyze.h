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

#endif
