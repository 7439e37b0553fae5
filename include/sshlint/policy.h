/**
 * @file policy.h
 * Policies: YAML files (and built-ins embedded in the binary) saying which
 * algorithms are allowed, which settings are required, rule severities and
 * per-host exceptions.
 */
#ifndef SSHLINT_POLICY_H
#define SSHLINT_POLICY_H

#include <stddef.h>

#include "sshlint/sshlint.h"

#ifdef __cplusplus
extern "C" {
#endif

struct sl_policy;

/** Where and why a policy could not be loaded. */
struct sl_policy_error {
	char file[512];		/**< file, or "builtin:NAME" */
	int line, col;		/**< 1-based; 0 when unknown */
	char msg[512];
};

/**
 * Load a built-in policy by name ("default", "modern", ...) or a YAML
 * file by path (anything with a '/' or ending in .yaml/.yml), resolving
 * `extends` (a built-in name, or a path relative to the file). Returns 0
 * and *out, or SL_EINVAL (malformed: *err has file, line, column and
 * message), SL_ENOTFOUND, SL_EIO, SL_ELIMIT or SL_ENOMEM.
 */
int sl_policy_load(const char *name_or_path, struct sl_policy **out,
    struct sl_policy_error *err);
void sl_policy_free(struct sl_policy *p);
/** Name of a loaded policy. */
const char *sl_policy_name(const struct sl_policy *p);

/** Built-in policies, in a fixed order. */
size_t sl_policy_builtin_count(void);
const char *sl_policy_builtin_name(size_t i);
/** One-line description, and the YAML text; NULL if unknown. */
const char *sl_policy_builtin_summary(const char *name);
const char *sl_policy_builtin_text(const char *name);

#ifdef __cplusplus
}
#endif

#endif
