/* The project configuration file, .sshlint.yaml. */
#ifndef SSHLINT_CLI_PROJECT_H
#define SSHLINT_CLI_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

/* Where a value was written (1-based), for messages. */
struct proj_pos {
	int line, col;
};

struct proj_entry {
	char *path;		/* joined with the project directory */
	int dialect;		/* enum sl_dialect, or -1 */
};

/* A set of rules: a flag per registry index, or all of them. */
struct proj_rules {
	bool all;
	bool *rule;		/* sl_rules_count() flags, or NULL */
};

struct proj_override {
	char **paths;		/* globs, relative to the project directory */
	size_t npaths;
	struct proj_rules disable;
	int dialect;		/* -1: unchanged */
};

struct project {
	char *file;		/* the file as found or given */
	char *dir;		/* its directory ("." for the working one) */
	struct proj_entry *entries;
	size_t nentries;
	char *home, *sysroot;	/* joined with dir, or NULL */
	char *openssh;		/* as written, or NULL */
	struct proj_pos openssh_pos;
	char *policy;		/* name, or path joined with dir; or NULL */
	struct proj_pos policy_pos;
	struct proj_rules disable;
	struct proj_override *overrides;
	size_t noverrides;
};

/*
 * Find .sshlint.yaml from the working directory upward, stopping at the
 * filesystem root or after a directory that contains .git. Returns the
 * path (relative: ".sshlint.yaml", "../.sshlint.yaml", ...; caller frees)
 * or NULL.
 */
char *project_find(void);

/*
 * Load a project file. Returns 0, or -1 with "FILE:LINE:COL: error: MSG"
 * (or "FILE: error: MSG") in err.
 */
int project_load(const char *path, struct project *p, char *err,
    size_t errlen);
void project_free(struct project *p);

/* "dir/rel" (rel unchanged when absolute or dir is "."); caller frees. */
char *project_join(const char *dir, const char *rel);

/*
 * Path of `path` (as the working directory sees it) relative to the
 * project directory, lexically; NULL when it is outside (caller frees).
 */
char *project_relpath(const struct project *p, const char *path);

/* Absolute form of `path` (lexical: "." and ".." folded, symlinks kept);
 * caller frees; NULL if the working directory is unknown. */
char *cli_abspath(const char *path);
/* `path` relative to the directory `base` when it lies under it, "." for
 * base itself; NULL when outside (caller frees). */
char *cli_relpath(const char *base, const char *path);

/* Does a glob of the overrides match a project-relative path? '*' and '?'
 * stay within one path component, '**' crosses them. */
bool project_glob(const char *pat, const char *path);

/* Is rule `i` disabled for a file at project-relative `rel` (NULL: outside
 * the project: only the top-level list applies)? */
bool project_rule_disabled(const struct project *p, const char *rel,
    size_t rule);

/* Dialect an override sets for `rel`, or -1. */
int project_dialect(const struct project *p, const char *rel);

#endif
