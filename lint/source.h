/* Loaded files, the lint context, and Include resolution. */
#ifndef SSHLINT_LINT_SOURCE_H
#define SSHLINT_LINT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lint/cst.h"
#include "lint/diag.h"
#include "sshlint/sshlint.h"

/* Hard limits. */
#define SL_MAX_INCLUDE_DEPTH	16	/* READCONF_MAX_DEPTH / SERVCONF_MAX_DEPTH */
#define SL_MAX_GLOB_MATCHES	4096	/* files taken from one Include pattern */
#define SL_MAX_SOURCES		65536	/* files loaded in one context */

struct sl_source {
	uint32_t id;
	char *path;		/* display path */
	char *data;		/* bytes as read */
	size_t len;
	enum sl_dialect dialect;
	bool user_conf;		/* ssh: relative Include paths go to ~/.ssh */
	dev_t dev;
	ino_t ino;
	struct sl_file *cst;
	uint32_t checked;	/* bit 0: checked outside Match, bit 1: inside */
};

struct sl_ctx {
	struct sl_source **src;
	size_t nsrc, capsrc;
	struct sl_diags diags;
	struct sl_arena fixes;	/* texts of the proposed fixes */
	/* contents to use instead of the files on disk (the rewriter's
	 * candidates); the data is not owned */
	struct sl_overlay {
		char *path;
		const char *data;
		size_t len;
	} *ov;
	size_t nov, capov;
	char errmsg[1024];
};

/* Read `path` as `data` (kept by reference) instead of the file. */
int sl_ctx_overlay(struct sl_ctx *ctx, const char *path, const char *data,
    size_t len);

/*
 * Attach a fix to the finding just added (the last one of ctx->diags):
 * replace [start, end) of `source_id` by `text`; `key` is the only
 * effective setting it may change (NULL: none). Returns 0 or SL_ENOMEM
 * (the finding then simply has no fix).
 */
int sl_diag_fix(struct sl_ctx *ctx, uint32_t source_id, uint32_t start,
    uint32_t end, const char *text, const char *what, const char *key);
/*
 * Move line `line` (a directive inside a Match block) to just before the
 * first Match line of its file, without its indentation: two edits. Not
 * possible (SL_EINVAL) when the file has no Match line before it.
 */
int sl_diag_fix_move_before_match(struct sl_ctx *ctx, uint32_t source_id,
    uint32_t line, const char *key);
/* Delete line `line` of the source (with its end of line). */
int sl_diag_fix_delete_line(struct sl_ctx *ctx, uint32_t source_id,
    uint32_t line, const char *what);

void sl_ctx_set_error(struct sl_ctx *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Load a file into the context (or return the already loaded one with the
 * same device and inode). Returns 0 and *out, SL_ENOTFOUND, SL_EIO (not
 * readable, not a regular file), SL_ELIMIT or SL_ENOMEM; the message is in
 * ctx->errmsg.
 */
int sl_source_load(struct sl_ctx *ctx, const char *path,
    enum sl_dialect dialect, struct sl_source **out);
/* Add an in-memory buffer as a source. */
int sl_source_add_buffer(struct sl_ctx *ctx, const char *name,
    const char *data, size_t len, enum sl_dialect dialect,
    struct sl_source **out);

/* 1-based line and byte column of `offset`. */
void sl_source_pos(const struct sl_source *s, uint32_t offset,
    uint32_t *line, uint32_t *col);

/*
 * Walk a top-level source: resolve Includes (loading and parsing the
 * files), and run the line checks on every file in each context it is
 * included in. Findings go to ctx->diags.
 */
int sl_lint_walk(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *top);

/*
 * Load `path` in `dialect` and walk it (Includes resolved, findings in
 * ctx->diags) unless it is loaded already. Used by the evaluators.
 */
int sl_load_walked(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, enum sl_dialect dialect, struct sl_source **out);

/*
 * Expand one Include argument to a glob pattern on disk, as OpenSSH would
 * (~ and relative paths per dialect, then --home/--sysroot). Returns 0 and
 * *out (caller frees), or 1 with *why set when OpenSSH rejects the path.
 */
int sl_include_pattern(const struct sl_lint_options *opts,
    enum sl_dialect dialect, bool user_conf, const char *arg, char **out,
    const char **why);

/*
 * Debian's secure_permissions(): NULL when ssh (uid: the user running it)
 * or sshd's StrictModes (uid: the user logging in) accept a file or
 * directory with this status, else the reason (upstream refuses any group
 * write; Debian and Ubuntu accept it when the group has no member but the
 * owner). Implemented in check.c, where Include uses it.
 */
struct stat;
const char *sl_debian_perm_problem(const struct stat *st, uid_t uid);

#endif
