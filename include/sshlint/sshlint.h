/**
 * @file sshlint.h
 * Public API of libsshlint: load ssh_config / sshd_config files into a
 * lossless tree, resolve Include, and check them.
 */
#ifndef SSHLINT_SSHLINT_H
#define SSHLINT_SSHLINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sshlint/diag.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Operational error codes (0 = success). */
enum {
	SL_OK = 0,
	SL_ENOMEM = -1,	/**< out of memory */
	SL_EIO = -2,	/**< a file could not be read or written */
	SL_ENOTFOUND = -3,	/**< no such file */
	SL_EINVAL = -4,	/**< invalid argument */
	SL_ELIMIT = -5,	/**< a hard limit was hit */
};

/** Describe an SL_E* code. */
const char *sl_strerror(int err);

/** Configuration dialect. */
enum sl_dialect {
	SL_DIALECT_SSH = 0,	/**< ssh_config (client) */
	SL_DIALECT_SSHD = 1,	/**< sshd_config (server) */
};

/** An OpenSSH release as major*100+minor (9.2 -> 902). */
#define SL_VERSION(maj, min) ((maj) * 100 + (min))

/** Parse "9.2", "9.2p1", "OpenSSH_9.2p1" into SL_VERSION form; -1 if bad. */
int sl_version_parse(const char *s);
/** Format a version as "9.2" into buf. */
const char *sl_version_str(int v, char *buf, size_t len);
/** Known releases, oldest first. */
const int *sl_versions(size_t *n);
/** Newest known release. */
int sl_version_newest(void);

struct sl_ctx;

struct sl_policy;

/** Options for loading and linting; initialise with SL_LINT_OPTIONS_INIT. */
struct sl_lint_options {
	int version;		/**< struct version, 1 */
	int dialect;		/**< enum sl_dialect, or -1 to guess from the name */
	int openssh_min;	/**< oldest release the config must work on */
	int openssh_max;	/**< newest release */
	const char *home;	/**< remap ~ (NULL: real home) */
	const char *sysroot;	/**< prefix for absolute paths (NULL: none) */
	int system_config;	/**< client file is /etc/ssh/ssh_config-like */
	const struct sl_policy *policy;	/**< NULL: only the rules that
				 * need no policy */
};

#define SL_LINT_OPTIONS_INIT { 1, -1, 0, 0, NULL, NULL, 0, NULL }

/** Create a context; NULL on allocation failure. */
struct sl_ctx *sl_ctx_new(void);
/** Free a context and everything loaded in it; NULL is a no-op. */
void sl_ctx_free(struct sl_ctx *ctx);
/** Detailed message of the last operational failure. */
const char *sl_ctx_errmsg(const struct sl_ctx *ctx);

/** Guess the dialect of a path: sshd_config and sshd_config.d/ *.conf -> sshd. */
enum sl_dialect sl_dialect_guess(const char *path);

/**
 * Load `path` (and everything it Includes), check it and append the
 * findings to the context's list. Returns 0, or SL_E* when the top-level
 * file cannot be read (details in sl_ctx_errmsg()).
 */
int sl_lint_file(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path);

/** Lint a buffer as if it were the file `name`. */
int sl_lint_buffer(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *name, const char *data, size_t len);

/** Findings collected so far, in file/position order after sl_ctx_sort_diags(). */
size_t sl_ctx_ndiags(const struct sl_ctx *ctx);
const struct sl_diag *sl_ctx_diag(const struct sl_ctx *ctx, size_t i);
void sl_ctx_sort_diags(struct sl_ctx *ctx);

/**
 * Apply the inline suppressions of every file loaded in the context to the
 * findings collected so far, whatever rule produced them: a comment line
 * `# sshlint: disable=ID[,ID]` (ids, kebab names or `all`) covers the next
 * directive line, or the whole block when it comes right after a Host or
 * Match line (before the block's first directive); the same comment after
 * a directive covers that line; `# sshlint: disable-file=ID[,ID]` covers its
 * file. Covered findings are dropped; a suppression that covers nothing,
 * an unknown rule name and a malformed sshlint comment are reported as
 * SSH107 (unused-suppression) at the comment. Call once, after all linting
 * and before sl_ctx_sort_diags(). Returns 0 or SL_ENOMEM.
 */
int sl_ctx_apply_suppressions(struct sl_ctx *ctx);

/** Called for each finding by sl_ctx_filter_diags(); nonzero keeps it. */
typedef int (*sl_diag_keep_fn)(void *arg, const struct sl_diag *d);
/** Drop the findings `keep` rejects; returns how many were dropped. */
size_t sl_ctx_filter_diags(struct sl_ctx *ctx, sl_diag_keep_fn keep,
    void *arg);

/** Number of files loaded in the context (source ids are 0 .. n-1). */
size_t sl_ctx_nsources(const struct sl_ctx *ctx);

/** Source file of a finding: display path, bytes, and line/column lookup. */
const char *sl_ctx_source_path(const struct sl_ctx *ctx, uint32_t source_id);
int sl_ctx_source_text(const struct sl_ctx *ctx, uint32_t source_id,
    const char **data, size_t *len);
/** 1-based line and column (in bytes) of `offset` in a source. */
void sl_ctx_source_pos(const struct sl_ctx *ctx, uint32_t source_id,
    uint32_t offset, uint32_t *line, uint32_t *col);

/** Print the parsed tree of `path` back to `out` (round trip). */
int sl_parse_reprint(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, FILE *out);
/** Print the tree of `path` as JSON with spans. */
int sl_parse_json(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, FILE *out);

/**
 * Testing hook: make every allocation after the next `n` fail (n < 0
 * disables). Used by the allocation-failure tests and SSHLINT_FAIL_ALLOC.
 */
void sl_alloc_fail_after(long n);

#ifdef __cplusplus
}
#endif

#endif
