/*
 * Policy data model: pattern matching and rule severities (the loader is
 * in policies/).
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include "lint/policy.h"

#include <string.h>

#include <pcre2.h>

#include "lint/diag.h"
#include "lint/match.h"
#include "lint/util/banned.h"

bool
sl_pattern_match(const struct sl_pattern *p, const char *s)
{
	int rc;

	if (p == NULL || p->text == NULL || s == NULL)
		return false;
	switch (p->type) {
	case SL_PAT_EXACT:
		return strcmp(p->text, s) == 0;
	case SL_PAT_GLOB:
		/* a pattern-list (exception hosts): "a*,!ab" */
		if (strchr(p->text, ',') != NULL || p->text[0] == '!')
			return sl_match_pattern_list(s, p->text, false) == 1;
		return sl_match_pattern(s, p->text);
	case SL_PAT_REGEX:
		if (p->re == NULL || p->md == NULL)
			return false;
		/*
		 * The loader compiled the regex with PCRE2 match, depth and
		 * heap limits; hitting one (a catastrophic pattern) is an
		 * error result, which counts as no match.
		 */
		rc = pcre2_match(p->re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED,
		    0, 0, p->md, NULL);
		return rc >= 0;
	}
	return false;
}

bool
sl_patlist_match(const struct sl_patlist *l, const char *s)
{
	size_t i;

	if (l == NULL)
		return false;
	for (i = 0; i < l->n; i++)
		if (sl_pattern_match(&l->v[i], s))
			return true;
	return false;
}

int
sl_policy_severity(const struct sl_policy *pol, int rule)
{
	const struct sl_rule_info *ri;
	size_t i;

	if (rule < 0 || (size_t)rule >= sl_rules_count() ||
	    (ri = sl_rule_at((size_t)rule)) == NULL)
		return -1;
	if (pol != NULL)
		for (i = pol->nrules; i > 0; i--)
			if (pol->rules[i - 1].rule == rule)
				return pol->rules[i - 1].severity;
	return (int)ri->severity;
}
