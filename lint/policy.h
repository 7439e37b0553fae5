/*
 * Policy data model: what a YAML policy says, after loading. The loader
 * (policies/) fills it; the rules (lint/) read it. Patterns are compiled
 * once at load time.
 */
#ifndef SSHLINT_LINT_POLICY_H
#define SSHLINT_LINT_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "sshlint/diag.h"
#include "sshlint/sshlint.h"

/* Algorithm kinds a policy speaks about. */
enum sl_pol_kind {
	SL_PK_KEX,		/* KexAlgorithms */
	SL_PK_CIPHERS,		/* Ciphers */
	SL_PK_MACS,		/* MACs */
	SL_PK_HOSTKEY,		/* HostKeyAlgorithms (and sshd host keys) */
	SL_PK_PUBKEY,		/* PubkeyAcceptedAlgorithms */
	SL_PK_CA,		/* CASignatureAlgorithms */
	SL_PK__COUNT
};

enum sl_pat_type {
	SL_PAT_EXACT,		/* the name itself */
	SL_PAT_GLOB,		/* '*' and '?' (OpenSSH match_pattern) */
	SL_PAT_REGEX,		/* "regex:..." (PCRE2, anchored by the user) */
};

struct sl_pattern {
	enum sl_pat_type type;
	char *text;		/* as written (without "regex:") */
	void *re;		/* pcre2_code * for SL_PAT_REGEX */
	void *md;		/* pcre2_match_data * */
	/* where it was written, for messages */
	const char *file;
	int line, col;
};

struct sl_patlist {
	struct sl_pattern *v;
	size_t n;
};

/* allow: when non-empty, every enabled algorithm must match one;
 * forbid: no enabled algorithm may match one. */
struct sl_pol_algos {
	struct sl_patlist allow, forbid;
};

/* A required setting: the effective value of `keyword` (the printed
 * ssh -G / sshd -T name, lower case) must match one of `values`. */
struct sl_pol_require {
	enum sl_dialect dialect;
	char *keyword;		/* e.g. "passwordauthentication" */
	struct sl_patlist values;	/* exact strings, globs or regexes */
	enum sl_severity severity;
	bool severity_set;	/* written in the policy (else resolved from
				 * policy-setting) */
	char *why;		/* optional message from the policy */
	const char *file;
	int line, col;
};

/* Severity override or disable of a rule. */
struct sl_pol_rule {
	char *id;		/* rule id or name as written */
	int rule;		/* registry index */
	int severity;		/* enum sl_severity, or -1: disabled */
};

/* Allowances scoped to hosts (client) or connection users/hosts. */
struct sl_pol_exception {
	struct sl_pattern hosts;	/* Host pattern-list or regex */
	struct sl_pol_algos algos[SL_PK__COUNT];	/* extra allow lists */
	char **rules;		/* rule ids disabled for these hosts */
	size_t nrules;
};

struct sl_policy {
	char *name;
	char *file;		/* where it was loaded from ("builtin:NAME") */
	int openssh_min, openssh_max;	/* 0 = not set */
	struct sl_pol_algos algos[SL_PK__COUNT];
	struct sl_pol_require *req;
	size_t nreq;
	struct sl_pol_rule *rules;
	size_t nrules;
	struct sl_pol_exception *exc;
	size_t nexc;
	/* booleans a policy may ask for */
	bool etm_only;		/* macs: non-ETM MACs are findings */
	bool pq_kex_first;	/* kex: a post-quantum method must come first */
	int min_rsa_bits;	/* RequiredRSASize below this is a finding; 0 off */
};

/* Does `s` match the pattern / any pattern of the list? */
bool sl_pattern_match(const struct sl_pattern *p, const char *s);
bool sl_patlist_match(const struct sl_patlist *l, const char *s);

/* Effective severity of rule `rule` under the policy: -1 when disabled. */
int sl_policy_severity(const struct sl_policy *pol, int rule);

#endif
