/*
 * Fuzz target: loading a policy must never crash, hang or leak, whatever
 * the bytes; a failure must come with a message and a position inside
 * the input, and a loaded policy must be usable: every pattern is matched
 * against a few subjects and every rule's severity is asked for. Only
 * built-ins may be extended (SL_POLICY_NO_FILES): no file is ever opened.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/diag.h"
#include "lint/policy.h"
#include "policies/load.h"
#include "sshlint/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const subjects[] = {
	"", "ssh-rsa", "curve25519-sha256", "aes128-ctr",
	"hmac-sha2-256-etm@openssh.com", "yes", "no", "legacy-db1",
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
};

#define NSUBJECTS (sizeof(subjects) / sizeof(subjects[0]))

static void
exercise_list(const struct sl_patlist *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].text == NULL)
			abort();
		if (l->v[i].type == SL_PAT_REGEX &&
		    (l->v[i].re == NULL || l->v[i].md == NULL))
			abort();
		for (j = 0; j < NSUBJECTS; j++)
			(void)sl_pattern_match(&l->v[i], subjects[j]);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	size_t i, k, j;
	int r, sev;

	r = sl_policy_load_buffer("fuzz/policy.yaml", (const char *)data,
	    size, SL_POLICY_NO_FILES, &p, &err);
	if (r != 0) {
		if (p != NULL || r > 0 || err.msg[0] == '\0' ||
		    err.line < 0 || err.col < 0 || (err.line == 0 &&
		    err.col != 0) || memchr(err.msg, '\n', sizeof(err.msg)))
			abort();
		return 0;
	}
	if (p == NULL || sl_policy_name(p) == NULL || p->file == NULL)
		abort();
	for (k = 0; k < SL_PK__COUNT; k++) {
		exercise_list(&p->algos[k].allow);
		exercise_list(&p->algos[k].forbid);
	}
	for (i = 0; i < p->nreq; i++) {
		if (p->req[i].keyword == NULL || p->req[i].values.n == 0 ||
		    p->req[i].file == NULL)
			abort();
		exercise_list(&p->req[i].values);
	}
	for (i = 0; i < p->nexc; i++) {
		for (j = 0; j < NSUBJECTS; j++)
			(void)sl_pattern_match(&p->exc[i].hosts, subjects[j]);
		for (k = 0; k < SL_PK__COUNT; k++)
			exercise_list(&p->exc[i].algos[k].allow);
		for (j = 0; j < p->exc[i].nrules; j++)
			if (sl_rule_find(p->exc[i].rules[j]) == NULL)
				abort();
	}
	for (i = 0; i < sl_rules_count(); i++) {
		sev = sl_policy_severity(p, (int)i);
		if (sev < -1 || sev > SL_SEV_ERROR)
			abort();
	}
	sl_policy_free(p);
	return 0;
}
