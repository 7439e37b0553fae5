/*
 * The built-in policies, embedded at build time from policies/builtin/
 * by policies/embed.py (the generated builtin.c holds the table).
 */
#ifndef SSHLINT_POLICIES_BUILTIN_H
#define SSHLINT_POLICIES_BUILTIN_H

#include <stddef.h>

struct sl_policy_builtin {
	const char *name;	/* "modern" */
	const char *summary;	/* the policy's description: line */
	const char *text;	/* the YAML file, NUL-terminated */
	size_t len;
};

/* In the order the built-ins are listed (default first). */
extern const struct sl_policy_builtin sl_policy_builtins[];
extern const size_t sl_policy_nbuiltins;

#endif
