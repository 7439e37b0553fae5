/* OpenSSH pattern matching (match.c, addrmatch.c semantics). */
#ifndef SSHLINT_LINT_MATCH_H
#define SSHLINT_LINT_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/* match_pattern(): '*' and '?' wildcards, case-sensitive; bounded time. */
bool sl_match_pattern(const char *s, const char *pattern);

/*
 * match_pattern_list(): comma-separated patterns, '!' negates. Returns 1
 * if some positive pattern matches and no negated one does, -1 if a
 * negated one matches, 0 otherwise. `dolower` lowercases the patterns
 * (match_hostname() passes the host lower-cased and dolower=1).
 */
int sl_match_pattern_list(const char *s, const char *list, bool dolower);

/* match_hostname(): host lower-cased, patterns lower-cased. */
int sl_match_hostname(const char *host, const char *list);

/*
 * addr_match_list(): address vs list of addresses, wildcards and CIDR
 * blocks with '!'. 1 match, 0 none, -1 negated match, -2 invalid list.
 */
int sl_addr_match_list(const char *addr, const char *list);

/*
 * addr_match_cidr_list(): strict CIDR list validation (no wildcards); with
 * addr == NULL only validates. 1 match, 0 none, -1 invalid entry.
 */
int sl_addr_match_cidr_list(const char *addr, const char *list);

/*
 * match_filter_allowlist(): the comma-separated entries of `proposal`
 * matching pattern-list `filter`, in proposal order. Caller frees.
 */
char *sl_match_filter_allowlist(const char *proposal, const char *filter);
/* match_filter_denylist(): entries of `proposal` NOT matching `filter`. */
char *sl_match_filter_denylist(const char *proposal, const char *filter);

#endif
