/**
 * @file fix.h
 * The rewriter: apply the fixes the rules propose, one at a time, each
 * verified by re-linting and re-evaluating, then write atomically or
 * print a unified diff.
 */
#ifndef SSHLINT_FIX_H
#define SSHLINT_FIX_H

#include <stdint.h>
#include <stdio.h>

#include "sshlint/sshlint.h"

#ifdef __cplusplus
extern "C" {
#endif

enum sl_fix_mode {
	SL_FIX_WRITE,		/**< replace the files */
	SL_FIX_DIFF,		/**< print a unified diff, write nothing */
};

struct sl_fix_options {
	enum sl_fix_mode mode;
	const char *backup_suffix;	/**< keep PATH+suffix, or NULL */
	/** Findings the caller does not want (project disables): NULL
	 * keeps all. */
	sl_diag_keep_fn keep;
	void *keep_arg;
	/** Rules switched off for a file (project overrides): nonzero
	 * drops the finding. NULL: none. */
	int (*rule_off)(void *arg, const char *path, int rule);
	void *rule_off_arg;
	/** Test hooks: fail the write/fsync/rename with this errno. */
	int fail_write, fail_fsync, fail_rename;
	/** Test hook: the process kills itself just before the rename. */
	int kill_before_rename;
};

/** What happened to one tree. */
struct sl_fix_result {
	unsigned fixed;		/**< fixes applied */
	unsigned skipped;	/**< fixable findings left (with a reason) */
	unsigned files;		/**< files changed (written or diffed) */
	char error[1024];	/**< why it failed (return value != 0) */
};

/**
 * Fix the configuration `path` and the files it includes. Messages
 * ("PATH:LINE: fixed RULE: what", "not fixed ...: why") go to `msgs`, the
 * diff (SL_FIX_DIFF) to `out`. Returns 0, or SL_EIO when a file could not
 * be written (nothing partial is ever left), SL_ENOMEM, or the load error
 * of `path`.
 */
int sl_fix_file(const struct sl_lint_options *opts, const char *path,
    const struct sl_fix_options *fo, FILE *out, FILE *msgs,
    struct sl_fix_result *res);

/** One byte-span edit: replace [start, end) by text (start == end:
 * insert). */
struct sl_edit {
	uint32_t start, end;
	const char *text;
};

/**
 * Apply edits computed on the current content of `path` (edits at the
 * same offset apply in list order) and write the result atomically, or
 * print it as a unified diff to `out` (SL_FIX_DIFF), with the options'
 * backup suffix and test hooks. Returns 0, SL_EINVAL (overlapping or
 * out-of-range edits), SL_EIO (err says why; the file is untouched) or
 * SL_ENOMEM.
 */
int sl_edit_file(const char *path, const struct sl_edit *edits, size_t n,
    const struct sl_fix_options *fo, FILE *out, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
