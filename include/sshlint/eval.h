/**
 * @file eval.h
 * Effective configuration: what `ssh -G` and `sshd -T` print, one item per
 * output line, each with the directive that produced it (provenance).
 */
#ifndef SSHLINT_EVAL_H
#define SSHLINT_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sshlint/sshlint.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Origins that are not a line of a file (sl_origin.source_id). */
#define SL_ORIGIN_DEFAULT	(-1)	/**< built-in default of the release */
#define SL_ORIGIN_CMDLINE	(-2)	/**< command line: -l, -p, -C, host */
#define SL_ORIGIN_DERIVED	(-3)	/**< computed from other values */

/** Where a value comes from: a line of a loaded file, or SL_ORIGIN_*. */
struct sl_origin {
	int32_t source_id;	/**< source of the context, or SL_ORIGIN_* */
	uint32_t line;		/**< line index (0-based) in that source */
};

#define SL_ORIGIN(kind) ((struct sl_origin){ (kind), 0 })

/** One output line of ssh -G / sshd -T. */
struct sl_eff_item {
	int opt;		/**< option id (internal table), or -1 */
	const char *key;	/**< printed keyword */
	const char *value;	/**< text after the keyword (may be "") */
	struct sl_origin origin;
};

/** Something the evaluation could not decide, or OpenSSH would print. */
struct sl_eff_note {
	struct sl_origin origin;
	int severity;		/**< enum sl_severity */
	const char *msg;
};

struct sl_eff;

/** New, empty result for `dialect` and release `version`. */
struct sl_eff *sl_eff_new(enum sl_dialect dialect, int version);
void sl_eff_free(struct sl_eff *e);
size_t sl_eff_nitems(const struct sl_eff *e);
const struct sl_eff_item *sl_eff_item(const struct sl_eff *e, size_t i);
size_t sl_eff_nnotes(const struct sl_eff *e);
const struct sl_eff_note *sl_eff_note_at(const struct sl_eff *e, size_t i);
/** The error that makes OpenSSH refuse the configuration, or NULL. */
const char *sl_eff_fatal(const struct sl_eff *e, struct sl_origin *origin);

/** "key value" lines, as ssh -G / sshd -T print them. */
int sl_eff_print_text(const struct sl_eff *e, FILE *out);
/**
 * One JSON object {"dialect","openssh","target","fatal","items":[{key,
 * value, origin}], "notes":[...]}; `label` names the evaluated target.
 */
int sl_eff_print_json(const struct sl_eff *e, const struct sl_ctx *ctx,
    const char *label, FILE *out);

/** Connection test specification (sshd -C); NULL fields are absent. */
struct sl_conn_spec {
	const char *user, *host, *addr, *laddr, *lport, *rdomain;
};

/**
 * sshd -T [-C spec]: load the server configuration `path` (and its
 * Includes) into `ctx` if not loaded yet, and evaluate it for one
 * connection on the defaults of release `version` into `out` (cleared
 * first). `hostkeys` are extra host key paths (sshd -h). Returns 0,
 * SL_ENOMEM, or the load error of the top file; what sshd would refuse is
 * sl_eff_fatal(out).
 */
int sl_eval_server(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, int version, const struct sl_conn_spec *spec,
    const char *const *hostkeys, size_t nhostkeys, struct sl_eff *out);

/** What ssh -G is asked: the destination and the command-line options. */
struct sl_client_query {
	const char *host;	/**< destination as typed (user@ and :port
				 * are not split; give -l / -p) */
	const char *user;	/**< -l USER, or NULL */
	const char *port;	/**< -p PORT, or NULL */
	int assume_exec;	/**< result of every Match exec: 0 false
				 * (default), 1 true; never run */
	const char *local_user;	/**< NULL: the user running sshlint */
};

/** A client configuration compiled once for evaluating many hosts. */
struct sl_client;

/**
 * Load the client configuration files `paths` (ssh reads the user file
 * then the system file; -F gives one) with their Includes into `ctx`,
 * and compile them for release `version`. Returns 0 and *out, or the
 * load error of a file (details in sl_ctx_errmsg()). A missing file is
 * skipped when `missing_ok`.
 */
int sl_client_open(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *const *paths, size_t npaths, bool missing_ok, int version,
    struct sl_client **out);
void sl_client_free(struct sl_client *c);
/** ssh -G for one query into `out` (cleared first). 0 or SL_ENOMEM. */
int sl_client_eval(struct sl_client *c, const struct sl_client_query *q,
    struct sl_eff *out);
/** Called by sl_client_eval_all() for each host; nonzero stops. */
typedef int (*sl_client_each_fn)(void *arg, const char *host,
    const struct sl_eff *e);
/**
 * ssh -G for every host of the fleet (sl_client_host()) in one call, with
 * the options of `q` (its host is ignored); `fn` sees each result. The
 * files are parsed once; each host costs only the blocks that can match
 * it. Returns 0, SL_ENOMEM, or what `fn` returned.
 */
int sl_client_eval_all(struct sl_client *c, const struct sl_client_query *q,
    sl_client_each_fn fn, void *arg);
/** Literal host names of the Host lines (no wildcard, no negation), in
 * file order, each once: the fleet. */
size_t sl_client_nhosts(const struct sl_client *c);
const char *sl_client_host(const struct sl_client *c, size_t i);

#ifdef __cplusplus
}
#endif

#endif
