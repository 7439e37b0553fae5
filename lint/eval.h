/*
 * Effective configuration: what `ssh -G` / `sshd -T` print, one item per
 * output line, each knowing the directive that produced it (provenance).
 *
 * The client evaluator (lint/eval_client.c) and the server evaluator
 * (lint/eval_server.c) fill a struct sl_eff; rules, the rewriter and the
 * negotiation predictor read it; `sshlint show` prints it.
 */
#ifndef SSHLINT_LINT_EVAL_H
#define SSHLINT_LINT_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lint/source.h"
#include "lint/util/arena.h"
#include "sshlint/eval.h"

struct sl_eff {
	enum sl_dialect dialect;
	int version;		/* SL_VERSION evaluated for */
	struct sl_arena arena;	/* values and messages */
	struct sl_eff_item *items;
	size_t nitems, capitems;
	struct sl_eff_note *notes;
	size_t nnotes, capnotes;
	/* OpenSSH would stop with this error instead of printing. */
	const char *fatal;
	struct sl_origin fatal_origin;
	bool oom;		/* an allocation failed: results incomplete */
};

/* Drop items and notes, keep the allocation (reuse for the next host). */
void sl_eff_reset(struct sl_eff *e);

/* Append one output line; the value is copied. 0 or SL_ENOMEM. */
int sl_eff_add(struct sl_eff *e, int opt, const char *key,
    const char *value, struct sl_origin origin);
int sl_eff_addf(struct sl_eff *e, int opt, const char *key,
    struct sl_origin origin, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
int sl_eff_note(struct sl_eff *e, struct sl_origin origin, int severity,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Record the error that makes OpenSSH refuse the configuration (the
 * first one wins). */
int sl_eff_fail(struct sl_eff *e, struct sl_origin origin,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* First item of `opt` (NULL if none); *n gets the number of items of
 * that option (they are consecutive). */
const struct sl_eff_item *sl_eff_find(const struct sl_eff *e, int opt,
    size_t *n);



/* Client: compile sources already loaded and walked (user file first). */
int sl_client_open_src(struct sl_ctx *ctx, const uint32_t *ids, size_t n,
    int version, struct sl_client **out);

/* Per directive of the client program: how often it was active for the
 * hosts evaluated so far and how often it set its value. */
struct sl_op_trace {
	uint32_t source_id, line;
	uint32_t active, used;
	bool traced;		/* a first-wins directive */
	struct sl_origin winner;	/* the line that had set it before */
};

/*
 * Expand a path as ssh expands IdentityFile / CertificateFile for the host
 * just evaluated into `e` (default_client_percent_dollar_expand(): ~,
 * %-tokens incl. %C, ${ENV}). `home` replaces the user's home (NULL: the
 * passwd one), `env` getenv (NULL: the real one). Returns the new string
 * (sl_free) or NULL: *why says what ssh would refuse, NULL = out of memory.
 */
char *sl_client_expand_path(const struct sl_client *c, const struct sl_eff *e,
    const char *path, const char *home, const char *(*env)(const char *),
    const char **why);

/* Start counting (resets); then sl_client_eval() per host. */
int sl_client_trace_enable(struct sl_client *c);
size_t sl_client_trace(const struct sl_client *c,
    const struct sl_op_trace **out);

/* Server evaluation on a loaded, walked source (lint/eval_server.c). */
int sl_eval_server_src(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    uint32_t top_id, int version, const struct sl_conn_spec *spec,
    const char *const *hostkeys, size_t nhostkeys, struct sl_eff *out);

#endif
