/*
 * Unit tests of the policy loader (policies/) and the policy data model
 * (lint/policy.c): the built-ins, extends merging, every kind of malformed
 * and hostile policy, pattern matching, and allocation failures.
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/diag.h"
#include "lint/policy.h"
#include "lint/util/alloc.h"
#include "policies/load.h"
#include "policies/ytree.h"
#include "sshlint/policy.h"

#ifndef SL_SOURCE_ROOT
#error "SL_SOURCE_ROOT must name the source tree"
#endif

#define FIXTURES SL_SOURCE_ROOT "/fixtures/policies/"

/* Hostile inputs must fail well inside this, even under ASan. */
#define FAST_SECONDS 5.0

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
rule_index(const char *id)
{
	const struct sl_rule_info *ri = sl_rule_find(id);

	assert_non_null(ri);
	return (int)(ri - sl_rule_at(0));
}

static const struct sl_pol_require *
find_req(const struct sl_policy *p, enum sl_dialect d, const char *kw)
{
	size_t i;

	for (i = 0; i < p->nreq; i++)
		if (p->req[i].dialect == d && strcmp(p->req[i].keyword, kw) == 0)
			return &p->req[i];
	return NULL;
}

static struct sl_policy *
load_ok(const char *spec)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	int r = sl_policy_load(spec, &p, &err);

	if (r != 0)
		fail_msg("%s: %s:%d:%d: %s", spec, err.file, err.line, err.col,
		    err.msg);
	assert_non_null(p);
	return p;
}

static struct sl_policy *
load_buf_ok(const char *text)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	int r = sl_policy_load_buffer("test/policy.yaml", text, strlen(text),
	    SL_POLICY_NO_FILES, &p, &err);

	if (r != 0)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
	assert_non_null(p);
	return p;
}

static int
load_buf_err(const char *text, size_t len, struct sl_policy_error *err)
{
	struct sl_policy *p = NULL;
	int r = sl_policy_load_buffer("test/policy.yaml", text, len,
	    SL_POLICY_NO_FILES, &p, err);

	assert_null(p);
	return r;
}

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* ---- built-ins ---- */

static void
test_policy__builtins_load(void **state)
{
	static const char *const names[] = { "default", "modern", "hardened",
	    "fips", "legacy-compat" };
	char path[512];
	size_t i;

	(void)state;
	assert_int_equal(sl_policy_builtin_count(), 5);
	for (i = 0; i < 5; i++) {
		struct sl_policy *p;
		char *disk;

		assert_string_equal(sl_policy_builtin_name(i), names[i]);
		assert_non_null(sl_policy_builtin_summary(names[i]));
		assert_true(strlen(sl_policy_builtin_summary(names[i])) > 10);
		/* the embedded text is the shipped file */
		snprintf(path, sizeof(path), "%s/policies/builtin/%s.yaml",
		    SL_SOURCE_ROOT, names[i]);
		disk = read_all(path);
		assert_string_equal(sl_policy_builtin_text(names[i]), disk);
		free(disk);
		p = load_ok(names[i]);
		assert_string_equal(sl_policy_name(p), names[i]);
		assert_string_equal(p->name, names[i]);
		sl_policy_free(p);
		/* and the file on disk loads the same way */
		p = load_ok(path);
		assert_string_equal(sl_policy_name(p), names[i]);
		sl_policy_free(p);
	}
	assert_null(sl_policy_builtin_name(5));
	assert_null(sl_policy_builtin_summary("nope"));
	assert_null(sl_policy_builtin_text("nope"));
}

static void
test_policy__builtin_contents(void **state)
{
	const struct sl_pol_algos *a;
	const struct sl_pol_require *rq;
	struct sl_policy *p;

	(void)state;
	/* default: only dangers */
	p = load_ok("default");
	a = p->algos;
	assert_int_equal(a[SL_PK_KEX].allow.n, 0);
	assert_true(sl_patlist_match(&a[SL_PK_KEX].forbid,
	    "diffie-hellman-group1-sha1"));
	assert_false(sl_patlist_match(&a[SL_PK_KEX].forbid,
	    "diffie-hellman-group14-sha256"));
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].forbid, "arcfour256"));
	assert_true(sl_patlist_match(&a[SL_PK_MACS].forbid, "hmac-md5-96"));
	assert_true(sl_patlist_match(&a[SL_PK_HOSTKEY].forbid,
	    "ssh-dss-cert-v01@openssh.com"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD,
	    "permitemptypasswords"));
	assert_int_equal(rq->severity, SL_SEV_ERROR);
	assert_string_equal(rq->file, "builtin:default");
	assert_false(p->pq_kex_first);
	sl_policy_free(p);

	/* modern: allow lists, booleans, inherits default's forbids */
	p = load_ok("modern");
	a = p->algos;
	assert_true(p->pq_kex_first);
	assert_true(p->etm_only);
	assert_int_equal(p->min_rsa_bits, 3072);
	assert_true(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "mlkem768x25519-sha256"));
	assert_false(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "ecdh-sha2-nistp256"));
	assert_true(sl_patlist_match(&a[SL_PK_KEX].forbid,
	    "diffie-hellman-group1-sha1"));
	assert_true(sl_patlist_match(&a[SL_PK_HOSTKEY].allow,
	    "rsa-sha2-512-cert-v01@openssh.com"));
	assert_false(sl_patlist_match(&a[SL_PK_HOSTKEY].allow, "ssh-rsa"));
	assert_true(sl_patlist_match(&a[SL_PK_HOSTKEY].forbid, "ssh-rsa"));
	assert_false(sl_patlist_match(&a[SL_PK_MACS].allow, "hmac-sha2-256"));
	assert_int_equal(sl_policy_severity(p, rule_index("non-etm-mac")),
	    SL_SEV_WARNING);
	assert_non_null(find_req(p, SL_DIALECT_SSHD, "permitemptypasswords"));
	sl_policy_free(p);

	/* hardened: CIS settings on top of modern */
	p = load_ok("hardened");
	a = p->algos;
	assert_true(p->pq_kex_first);
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].forbid,
	    "chacha20-poly1305@openssh.com"));
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].allow, "aes256-ctr"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "maxauthtries"));
	assert_true(sl_patlist_match(&rq->values, "4"));
	assert_false(sl_patlist_match(&rq->values, "5"));
	assert_false(sl_patlist_match(&rq->values, "14"));
	assert_int_equal(rq->severity, SL_SEV_WARNING);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "logingracetime"));
	assert_true(sl_patlist_match(&rq->values, "60"));
	assert_false(sl_patlist_match(&rq->values, "0"));
	assert_false(sl_patlist_match(&rq->values, "120"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "maxstartups"));
	assert_true(sl_patlist_match(&rq->values, "10:30:60"));
	assert_false(sl_patlist_match(&rq->values, "10:30:100"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "banner"));
	assert_false(sl_patlist_match(&rq->values, "none"));
	assert_true(sl_patlist_match(&rq->values, "/etc/issue.net"));
	assert_int_equal(rq->severity, SL_SEV_INFO);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH,
	    "stricthostkeychecking"));
	assert_true(sl_patlist_match(&rq->values, "accept-new"));
	assert_false(sl_patlist_match(&rq->values, "false"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD,
	    "permitemptypasswords"));
	assert_int_equal(rq->severity, SL_SEV_ERROR);	/* from default */
	assert_int_equal(sl_policy_severity(p, rule_index("root-login")),
	    SL_SEV_ERROR);
	sl_policy_free(p);

	/* fips: no Ed25519, X25519, ChaCha20, UMAC */
	p = load_ok("fips");
	a = p->algos;
	assert_false(p->pq_kex_first);
	assert_int_equal(p->min_rsa_bits, 2048);
	assert_false(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "curve25519-sha256"));
	assert_true(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "ecdh-sha2-nistp384"));
	assert_false(sl_patlist_match(&a[SL_PK_CIPHERS].allow,
	    "chacha20-poly1305@openssh.com"));
	assert_false(sl_patlist_match(&a[SL_PK_MACS].allow,
	    "umac-128-etm@openssh.com"));
	assert_false(sl_patlist_match(&a[SL_PK_HOSTKEY].allow, "ssh-ed25519"));
	assert_true(sl_patlist_match(&a[SL_PK_HOSTKEY].allow,
	    "ecdsa-sha2-nistp256"));
	assert_int_equal(sl_policy_severity(p, rule_index("SSH208")), -1);
	sl_policy_free(p);

	/* legacy-compat: one exception for legacy-* */
	p = load_ok("legacy-compat");
	assert_int_equal(p->nexc, 1);
	assert_true(sl_pattern_match(&p->exc[0].hosts, "legacy-db1"));
	assert_false(sl_pattern_match(&p->exc[0].hosts, "prod-db1"));
	assert_true(sl_patlist_match(&p->exc[0].algos[SL_PK_HOSTKEY].allow,
	    "ssh-rsa"));
	assert_true(sl_patlist_match(&p->exc[0].algos[SL_PK_PUBKEY].allow,
	    "ssh-rsa"));
	assert_int_equal(p->exc[0].nrules, 2);
	assert_string_equal(p->exc[0].rules[0], "SSH201");
	assert_string_equal(p->exc[0].rules[1], "SSH208");
	assert_true(p->pq_kex_first);	/* modern for everyone else */
	sl_policy_free(p);
}

static void
test_policy__unknown_builtin(void **state)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;

	(void)state;
	assert_int_equal(sl_policy_load("moderne", &p, &err), SL_ENOTFOUND);
	assert_null(p);
	assert_non_null(strstr(err.msg, "unknown policy 'moderne'"));
	assert_non_null(strstr(err.msg, "legacy-compat"));
	assert_int_equal(sl_policy_load(FIXTURES "no-such.yaml", &p, &err),
	    SL_ENOTFOUND);
	assert_int_equal(sl_policy_load(FIXTURES, &p, &err), SL_EIO);
	assert_int_equal(sl_policy_load(NULL, &p, &err), SL_EINVAL);
	assert_int_equal(sl_policy_load("default", &p, NULL), 0);
	sl_policy_free(p);
	sl_policy_free(NULL);
	assert_null(sl_policy_name(NULL));
}

/* ---- extends ---- */

static void
test_policy__extends_merge(void **state)
{
	const struct sl_pol_algos *a;
	const struct sl_pol_require *rq;
	struct sl_policy *p;

	(void)state;
	p = load_ok(FIXTURES "merge-child.yaml");
	a = p->algos;
	assert_string_equal(p->name, "merge-child");
	assert_string_equal(p->file, FIXTURES "merge-child.yaml");
	/* scalars: inherited unless the child sets them */
	assert_int_equal(p->openssh_min, SL_VERSION(8, 5));
	assert_int_equal(p->openssh_max, SL_VERSION(10, 5));
	assert_int_equal(p->min_rsa_bits, 3072);
	assert_false(p->etm_only);
	/* kex allow replaced, forbid added up */
	assert_int_equal(a[SL_PK_KEX].allow.n, 2);
	assert_int_equal(a[SL_PK_KEX].allow.v[0].type, SL_PAT_REGEX);
	assert_true(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "mlkem768x25519-sha256"));
	assert_false(sl_patlist_match(&a[SL_PK_KEX].allow,
	    "ecdh-sha2-nistp256"));
	assert_int_equal(a[SL_PK_KEX].forbid.n, 2);
	assert_string_equal(a[SL_PK_KEX].forbid.v[0].text,
	    "diffie-hellman-group1-sha1");
	assert_string_equal(a[SL_PK_KEX].forbid.v[0].file,
	    FIXTURES "merge-base.yaml");
	assert_int_equal(a[SL_PK_KEX].forbid.v[0].line, 8);
	assert_string_equal(a[SL_PK_KEX].forbid.v[1].text,
	    "diffie-hellman-group14-sha1");
	assert_string_equal(a[SL_PK_KEX].forbid.v[1].file,
	    FIXTURES "merge-child.yaml");
	/* ciphers: the child gave no allow, so the parent's stays */
	assert_int_equal(a[SL_PK_CIPHERS].allow.n, 2);
	assert_int_equal(a[SL_PK_CIPHERS].allow.v[0].type, SL_PAT_GLOB);
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].allow, "aes128-ctr"));
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].forbid, "aes256-cbc"));
	assert_true(sl_patlist_match(&a[SL_PK_CIPHERS].forbid, "3des-cbc"));
	/* require merges by keyword, the child wins */
	assert_int_equal(p->nreq, 4);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "forwardagent"));
	assert_int_equal(rq->values.n, 2);
	assert_int_equal(rq->severity, SL_SEV_WARNING);
	assert_string_equal(rq->file, FIXTURES "merge-child.yaml");
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "hashknownhosts"));
	assert_string_equal(rq->file, FIXTURES "merge-base.yaml");
	assert_non_null(find_req(p, SL_DIALECT_SSH, "stricthostkeychecking"));
	assert_non_null(find_req(p, SL_DIALECT_SSHD, "permitrootlogin"));
	assert_null(find_req(p, SL_DIALECT_SSHD, "forwardagent"));
	/* rules merge, the child wins */
	assert_int_equal(p->nrules, 3);
	assert_int_equal(sl_policy_severity(p, rule_index("weak-mac")),
	    SL_SEV_ERROR);
	assert_int_equal(sl_policy_severity(p, rule_index("SSH206")), -1);
	assert_int_equal(sl_policy_severity(p, rule_index("root-login")),
	    SL_SEV_ERROR);
	assert_int_equal(sl_policy_severity(p, rule_index("weak-cipher")),
	    SL_SEV_ERROR);	/* registry default */
	assert_int_equal(sl_policy_severity(p, rule_index("cbc-cipher")),
	    SL_SEV_WARNING);
	/* exceptions append, parent's first */
	assert_int_equal(p->nexc, 2);
	assert_true(sl_pattern_match(&p->exc[0].hosts, "old-router"));
	assert_string_equal(p->exc[0].rules[0], "SSH201");
	assert_int_equal(p->exc[1].hosts.type, SL_PAT_REGEX);
	assert_true(sl_pattern_match(&p->exc[1].hosts, "switch12.mgmt"));
	assert_false(sl_pattern_match(&p->exc[1].hosts, "switch12.mgmt.x"));
	assert_true(sl_patlist_match(&p->exc[1].algos[SL_PK_KEX].allow,
	    "diffie-hellman-group14-sha1"));
	sl_policy_free(p);
}

static void
test_policy__extends_builtin_from_buffer(void **state)
{
	struct sl_policy_error err;
	struct sl_policy *p;
	const char *text = "extends: modern\nrules: { no-pq-kex-first: off }\n";
	int r;

	(void)state;
	p = load_buf_ok(text);
	assert_string_equal(p->name, "policy");	/* from the file name */
	assert_true(p->pq_kex_first);
	assert_int_equal(sl_policy_severity(p, rule_index("SSH208")), -1);
	sl_policy_free(p);
	/* with SL_POLICY_NO_FILES, a file cannot be extended */
	text = "extends: ../base.yaml\n";
	r = load_buf_err(text, strlen(text), &err);
	assert_int_equal(r, SL_EINVAL);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 10);
	text = "extends: nosuch\n";
	assert_int_equal(load_buf_err(text, strlen(text), &err), SL_ENOTFOUND);
	assert_int_equal(err.line, 1);
}

/* A chain of n files, each extending the next; the last extends nothing. */
static void
write_chain(const char *dir, int n)
{
	char path[512];
	FILE *f;
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/p%d.yaml", dir, i);
		assert_non_null(f = fopen(path, "w"));
		if (i + 1 < n)
			fprintf(f, "name: p%d\nextends: p%d.yaml\n", i, i + 1);
		else
			fprintf(f, "name: p%d\nextends: default\n", i);
		fclose(f);
	}
}

static void
remove_chain(const char *dir, int n)
{
	char path[512];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/p%d.yaml", dir, i);
		unlink(path);
	}
	rmdir(dir);
}

static void
test_policy__extends_depth(void **state)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	char dir[] = "/tmp/sshlint-policy-XXXXXX", path[512];

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* p0 -> p1 -> ... -> p7 -> default: 8 hops, the limit */
	write_chain(dir, 8);
	snprintf(path, sizeof(path), "%s/p0.yaml", dir);
	assert_int_equal(sl_policy_load(path, &p, &err), 0);
	assert_string_equal(p->name, "p0");
	assert_non_null(find_req(p, SL_DIALECT_SSHD, "permitemptypasswords"));
	sl_policy_free(p);
	remove_chain(dir, 8);
	memcpy(dir + sizeof(dir) - 7, "XXXXXX", 6);
	assert_non_null(mkdtemp(dir));
	/* 9 hops: too deep, reported at the extends: of the 9th file */
	write_chain(dir, 9);
	snprintf(path, sizeof(path), "%s/p0.yaml", dir);
	assert_int_equal(sl_policy_load(path, &p, &err), SL_ELIMIT);
	assert_null(p);
	assert_non_null(strstr(err.file, "p8.yaml"));
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 10);
	remove_chain(dir, 9);
}

/* ---- malformed policies ---- */

struct bad_case {
	const char *file;	/* under fixtures/policies/ */
	int code;
	const char *err_file;	/* NULL: the same file */
	int line, col;
	const char *msg;	/* substring */
};

static const struct bad_case bad_cases[] = {
	{ "bad-yaml.yaml", SL_EINVAL, NULL, 4, 46,
	    "did not find expected ',' or ']'" },
	{ "unknown-key.yaml", SL_EINVAL, NULL, 5, 5,
	    "unknown key 'pq_frist' in algorithms.kex" },
	{ "bad-regex.yaml", SL_EINVAL, NULL, 5, 33,
	    "missing terminating ] for character class" },
	{ "unknown-algorithm.yaml", SL_EINVAL, NULL, 7, 9,
	    "unknown key exchange algorithm 'curve25519-sha257'; did you mean "
	    "'curve25519-sha256'?" },
	{ "unknown-rule.yaml", SL_EINVAL, NULL, 5, 3,
	    "unknown rule 'SSH999'" },
	{ "unknown-require.yaml", SL_EINVAL, NULL, 5, 5,
	    "did you mean 'passwordauthentication'?" },
	{ "wrong-dialect.yaml", SL_EINVAL, NULL, 5, 5,
	    "'stricthostkeychecking' is a client setting" },
	{ "glob-matches-nothing.yaml", SL_EINVAL, NULL, 5, 23,
	    "'aes*-cbcx' matches no cipher" },
	{ "bad-severity.yaml", SL_EINVAL, NULL, 4, 13,
	    "not 'loud'" },
	{ "duplicate-key.yaml", SL_EINVAL, NULL, 5, 1,
	    "duplicate key 'algorithms'" },
	{ "not-a-mapping.yaml", SL_EINVAL, NULL, 2, 1,
	    "a policy must be a mapping" },
	{ "two-documents.yaml", SL_EINVAL, NULL, 2, 1,
	    "more than one YAML document" },
	{ "unknown-alias.yaml", SL_EINVAL, NULL, 4, 18,
	    "unknown alias '*kex'" },
	{ "cycle-a.yaml", SL_EINVAL, "cycle-b.yaml", 3, 10,
	    "extends: cycle" },
	{ "extends-missing.yaml", SL_ENOTFOUND, NULL, 3, 10,
	    "no-such-policy.yaml" },
	{ "exception-no-hosts.yaml", SL_EINVAL, NULL, 5, 5,
	    "exceptions[0] has no hosts:" },
	{ "deep-nesting.yaml", SL_ELIMIT, NULL, 2, 38,
	    "nested too deeply" },
	{ "billion-laughs.yaml", SL_ELIMIT, NULL, 10, 41,
	    "too large after alias expansion" },
};

static void
test_policy__malformed(void **state)
{
	struct sl_policy_error err;
	struct sl_policy *p;
	char path[512], want[512];
	double t0;
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];

		snprintf(path, sizeof(path), FIXTURES "%s", c->file);
		snprintf(want, sizeof(want), FIXTURES "%s",
		    c->err_file ? c->err_file : c->file);
		p = NULL;
		t0 = now();
		r = sl_policy_load(path, &p, &err);
		if (r != c->code || err.line != c->line || err.col != c->col ||
		    strstr(err.msg, c->msg) == NULL)
			fail_msg("%s: got %d %s:%d:%d: %s", c->file, r,
			    err.file, err.line, err.col, err.msg);
		assert_null(p);
		assert_string_equal(err.file, want);
		assert_true(now() - t0 < FAST_SECONDS);
	}
}

/* ---- hostile input, generated ---- */

static char *
repeat(const char *head, const char *unit, size_t n, const char *tail)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
	char *s = malloc(hl + ul * n + tl + 1), *q;

	assert_non_null(s);
	memcpy(s, head, hl);
	q = s + hl;
	for (i = 0; i < n; i++, q += ul)
		memcpy(q, unit, ul);
	memcpy(q, tail, tl + 1);
	return s;
}

static void
expect_fast_error(const char *text, size_t len, int code, int line,
    const char *msg)
{
	struct sl_policy_error err;
	double t0 = now();
	int r = load_buf_err(text, len, &err);

	if (r != code || (line > 0 && err.line != line) ||
	    strstr(err.msg, msg) == NULL)
		fail_msg("got %d %s:%d:%d: %s (wanted %d at line %d: %s)", r,
		    err.file, err.line, err.col, err.msg, code, line, msg);
	assert_string_equal(err.file, "test/policy.yaml");
	assert_true(now() - t0 < FAST_SECONDS);
}

static void
test_policy__hostile(void **state)
{
	char *s, *q;
	size_t i;

	(void)state;
	/* 400,000 nested lists: stopped at level 33 */
	s = repeat("name: ", "[", 400000, "");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 1, "nested too deeply");
	free(s);
	/* 200,000 list items: too many nodes */
	s = repeat("name: [", "x,", 200000, "x]\n");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 1, "too many YAML nodes");
	free(s);
	/* billion laughs in flow style, 10^12 nodes */
	s = malloc(4096);
	assert_non_null(s);
	q = s + snprintf(s, 4096, "a: &a [x,x,x,x,x,x,x,x,x,x]\n");
	for (i = 0; i < 11; i++)
		q += snprintf(q, 4096 - (size_t)(q - s), "%c: &%c [*%c,*%c,*%c,"
		    "*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", 'b' + (int)i,
		    'b' + (int)i, 'a' + (int)i, 'a' + (int)i, 'a' + (int)i,
		    'a' + (int)i, 'a' + (int)i, 'a' + (int)i, 'a' + (int)i,
		    'a' + (int)i, 'a' + (int)i, 'a' + (int)i);
	expect_fast_error(s, strlen(s), SL_ELIMIT, 5,
	    "too large after alias expansion");
	free(s);
	/* too many anchors */
	s = malloc(300 * 16 + 16);
	assert_non_null(s);
	q = s + snprintf(s, 16, "name: [");
	for (i = 0; i < 300; i++)
		q += snprintf(q, 16, "&a%zu x,", i);
	snprintf(q, 16, "x]\n");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 1, "too many anchors");
	free(s);
	/* a 5,000-byte string */
	s = repeat("name: ", "n", 5000, "\n");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 1, "string longer than");
	free(s);
	/* a 2 MB buffer */
	s = repeat("", "#", 2 * 1024 * 1024, "");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 0, "policy too large");
	free(s);
	/* NUL bytes: in a quoted string, and raw */
	expect_fast_error("name: \"a\\0b\"\n", 13, SL_EINVAL, 1,
	    "NUL character");
	expect_fast_error("name: a\0b\n", 10, SL_EINVAL, 1,
	    "control characters are not allowed");
	/* invalid UTF-8 */
	expect_fast_error("name: a\n\xff\xfe\n", 10, SL_EINVAL, 2,
	    "invalid leading UTF-8 octet");
	/* an alias to its own, unfinished node */
	expect_fast_error("name: &a [*a]\n", 14, SL_EINVAL, 1,
	    "unknown alias '*a'");
	/* empty input */
	expect_fast_error("", 0, SL_EINVAL, 1, "empty policy");
	expect_fast_error("# nothing\n", 10, SL_EINVAL, 1, "empty policy");
	/* more than SL_POLICY_MAX_REGEX regexes */
	s = repeat("client:\n  require:\n    user: [", "\"regex:^x\",",
	    SL_POLICY_MAX_REGEX, "\"regex:y\"]\n");
	expect_fast_error(s, strlen(s), SL_ELIMIT, 3, "regexes in one policy");
	free(s);
	/* a regex may not raise the PCRE2 limits */
	s = repeat("client:\n  require:\n    user: ", "", 0,
	    "[\"regex:(*LIMIT_MATCH=9999999)^(a+)+$\"]\n");
	assert_non_null(s);
	expect_fast_error(s, strlen(s), SL_EINVAL, 3,
	    "may not raise the PCRE2 limits");
	free(s);
}

static void
test_policy__huge_file(void **state)
{
	struct sl_policy_error err;
	struct sl_policy *p = NULL;
	char path[] = "/tmp/sshlint-policy-XXXXXX";
	char *buf;
	double t0;
	int fd;
	size_t len = 10 * 1024 * 1024;

	(void)state;
	assert_true((fd = mkstemp(path)) >= 0);
	buf = malloc(len);
	assert_non_null(buf);
	memset(buf, '#', len);
	memcpy(buf, "name: huge\n", 11);
	assert_int_equal(write(fd, buf, len), (ssize_t)len);
	close(fd);
	free(buf);
	/* mkstemp names have no .yaml: the path has a '/', so it is a file */
	t0 = now();
	assert_int_equal(sl_policy_load(path, &p, &err), SL_ELIMIT);
	assert_true(now() - t0 < FAST_SECONDS);
	assert_null(p);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 0);
	assert_non_null(strstr(err.msg, "too large"));
	unlink(path);
}

/* ---- values that are not what they should be ---- */

static void
test_policy__bad_values(void **state)
{
	static const struct {
		const char *text;
		int line, col;
		const char *msg;
	} cases[] = {
		{ "openssh: 9.x\n", 1, 10, "bad OpenSSH version range" },
		{ "openssh: \"10.0..9.0\"\n", 1, 10, "bad OpenSSH version" },
		{ "required_rsa_size: 512\n", 1, 20, "1024 to 16384" },
		{ "algorithms: { kex: { pq_first: maybe } }\n", 1, 32,
		    "must be true or false" },
		{ "algorithms: { ciphers: { pq_first: true } }\n", 1, 26,
		    "unknown key 'pq_first' in algorithms.ciphers" },
		{ "algorithms: { kex: { forbid: [\"a,b\"] } }\n", 1, 31,
		    "one key exchange algorithm per list item" },
		{ "algorithms: { kex: { forbid: [\"!ssh-rsa\"] } }\n", 1, 31,
		    "negated patterns" },
		{ "algorithms: { hostkey: { allow: [hmac-sha1] } }\n", 1, 34,
		    "unknown host key algorithm 'hmac-sha1'" },
		{ "algorithms: { ca: { allow: [ssh-rsa-cert-v01@openssh.com] } "
		    "}\n", 1, 29, "unknown CA signature algorithm" },
		{ "algorithms: { macs: { allow: { a: b } } }\n", 1, 30,
		    "must be a list" },
		{ "algorithms: { cipher: {} }\n", 1, 15,
		    "unknown key 'cipher' in algorithms" },
		{ "server: { require: { maxauthtries: [] } }\n", 1, 36,
		    "no allowed values" },
		{ "server: { require: { maxauthtries: { severity: info } } }\n",
		    1, 36, "has no values:" },
		{ "server: { require: { maxauthtries: { values: [3], severity: "
		    "off } } }\n", 1, 61, "severity must be error, warning or "
		    "info" },
		{ "server: { require: { maxauthtries: [3], MaxAuthTries: [4] } "
		    "}\n", 1, 41, "duplicate setting" },
		{ "server: { require: { maxauthtries: [\"regex:\"] } }\n", 1, 37,
		    "empty regex" },
		{ "server: { require: { maxauthtries: [\"regex:(a\"] } }\n", 1,
		    46, "missing closing parenthesis" },
		{ "client: { required: {} }\n", 1, 11,
		    "unknown key 'required' in client" },
		{ "rules: { weak-mac: error, SSH205: info }\n", 1, 27,
		    "rule 'SSH205' given twice" },
		{ "rules: [weak-mac]\n", 1, 8, "rules must be a mapping" },
		{ "exceptions: { hosts: x }\n", 1, 13,
		    "exceptions must be a list" },
		{ "exceptions: [ { hosts: \"a b\", rules: [weak-mac] } ]\n", 1,
		    24, "has blanks" },
		{ "exceptions: [ { hosts: x, rules: [nope] } ]\n", 1, 35,
		    "unknown rule 'nope'" },
		{ "exceptions: [ { hosts: x, algorithms: { kex: { forbid: "
		    "[ssh-rsa] } } } ]\n", 1, 48,
		    "unknown key 'forbid' in exception algorithms.kex" },
		{ "name: \"\"\n", 1, 7, "name is empty" },
		{ "name: [a]\n", 1, 7, "name must be a string, not a list" },
		{ "extends: \"\"\n", 1, 10, "extends: needs a policy name" },
		{ "name: x\n7: y\n", 2, 1, "unknown key '7' in the policy" },
		{ "? [a]\n: b\n", 1, 3, "a key of the policy must be a string" },
	};
	struct sl_policy_error err;
	size_t i;
	int r;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = load_buf_err(cases[i].text, strlen(cases[i].text), &err);
		if ((r != SL_EINVAL && r != SL_ENOTFOUND) ||
		    err.line != cases[i].line || err.col != cases[i].col ||
		    strstr(err.msg, cases[i].msg) == NULL)
			fail_msg("case %zu (%s): got %d %d:%d: %s", i,
			    cases[i].text, r, err.line, err.col, err.msg);
	}
}

/* ---- patterns ---- */

static void
test_policy__patterns(void **state)
{
	const struct sl_pol_require *rq;
	struct sl_policy *p;
	struct sl_pattern none;
	char subject[64];
	double t0;

	(void)state;
	p = load_buf_ok(
	    "client:\n"
	    "  require:\n"
	    "    user: [root, \"adm?n\", \"svc-*\", \"regex:^[0-9]+$\"]\n"
	    "    hostname: [\"regex:^(a+)+$\"]\n"
	    "    port: [\"regex:22\"]\n"
	    "exceptions:\n"
	    "  - hosts: \"LEGACY-*,!legacy-db*\"\n"
	    "    rules: [weak-mac]\n");
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "user"));
	assert_int_equal(rq->values.v[0].type, SL_PAT_EXACT);
	assert_int_equal(rq->values.v[1].type, SL_PAT_GLOB);
	assert_int_equal(rq->values.v[3].type, SL_PAT_REGEX);
	assert_string_equal(rq->values.v[3].text, "^[0-9]+$");
	assert_int_equal(rq->values.v[3].line, 3);
	assert_int_equal(rq->values.v[3].col, 36);
	/* exact */
	assert_true(sl_pattern_match(&rq->values.v[0], "root"));
	assert_false(sl_pattern_match(&rq->values.v[0], "Root"));
	assert_false(sl_pattern_match(&rq->values.v[0], "root2"));
	/* glob: ? and * as OpenSSH match_pattern */
	assert_true(sl_pattern_match(&rq->values.v[1], "admin"));
	assert_false(sl_pattern_match(&rq->values.v[1], "adn"));
	assert_true(sl_pattern_match(&rq->values.v[2], "svc-"));
	assert_true(sl_pattern_match(&rq->values.v[2], "svc-backup"));
	assert_false(sl_pattern_match(&rq->values.v[2], "xsvc-a"));
	/* regex: unanchored unless the pattern anchors it */
	assert_true(sl_pattern_match(&rq->values.v[3], "1234"));
	assert_false(sl_pattern_match(&rq->values.v[3], "12a4"));
	assert_true(sl_patlist_match(&rq->values, "42"));
	assert_false(sl_patlist_match(&rq->values, "nobody"));
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "port"));
	assert_true(sl_patlist_match(&rq->values, "2222"));
	/* catastrophic backtracking stops at the PCRE2 match limit */
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "hostname"));
	assert_true(sl_pattern_match(&rq->values.v[0], "aaaa"));
	memset(subject, 'a', 40);
	subject[40] = '!';
	subject[41] = '\0';
	t0 = now();
	assert_false(sl_pattern_match(&rq->values.v[0], subject));
	assert_true(now() - t0 < 1.0);
	/* host pattern-lists, lower-cased */
	assert_string_equal(p->exc[0].hosts.text, "legacy-*,!legacy-db*");
	assert_true(sl_pattern_match(&p->exc[0].hosts, "legacy-web"));
	assert_false(sl_pattern_match(&p->exc[0].hosts, "legacy-db1"));
	assert_false(sl_pattern_match(&p->exc[0].hosts, "prod"));
	/* degenerate arguments */
	memset(&none, 0, sizeof(none));
	assert_false(sl_pattern_match(&none, "x"));
	assert_false(sl_pattern_match(NULL, "x"));
	assert_false(sl_patlist_match(NULL, "x"));
	sl_policy_free(p);
}

static void
test_policy__severity(void **state)
{
	struct sl_policy *p;
	const struct sl_pol_require *rq;

	(void)state;
	/* no policy: the registry's severities */
	assert_int_equal(sl_policy_severity(NULL, rule_index("weak-cipher")),
	    SL_SEV_ERROR);
	assert_int_equal(sl_policy_severity(NULL, -1), -1);
	assert_int_equal(sl_policy_severity(NULL, (int)sl_rules_count()), -1);
	/* requires without a severity take policy-setting's */
	p = load_buf_ok(
	    "rules: { policy-setting: error, SSH206: disabled }\n"
	    "server:\n"
	    "  require:\n"
	    "    x11forwarding: [\"no\"]\n"
	    "    maxauthtries: { values: [3], severity: info, why: because }\n");
	assert_int_equal(sl_policy_severity(p, rule_index("non-etm-mac")), -1);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "x11forwarding"));
	assert_int_equal(rq->severity, SL_SEV_ERROR);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD, "maxauthtries"));
	assert_int_equal(rq->severity, SL_SEV_INFO);
	assert_string_equal(rq->why, "because");
	sl_policy_free(p);
	/* a child's policy-setting severity reaches inherited requires */
	p = load_buf_ok("extends: default\nrules: { policy-setting: info }\n"
	    "client: { require: { hashknownhosts: \"yes\" } }\n");
	assert_non_null(rq = find_req(p, SL_DIALECT_SSH, "hashknownhosts"));
	assert_int_equal(rq->severity, SL_SEV_INFO);
	assert_int_equal(rq->values.n, 1);
	assert_non_null(rq = find_req(p, SL_DIALECT_SSHD,
	    "permitemptypasswords"));
	assert_int_equal(rq->severity, SL_SEV_ERROR);	/* explicit */
	sl_policy_free(p);
}

/* ---- allocation failures ---- */

static void
alloc_loop(const char *spec, const char *text)
{
	struct sl_policy_error err;
	struct sl_policy *p;
	long n;
	int r;

	for (n = 0; n < 200000; n++) {
		p = NULL;
		sl_alloc_fail_after(n);
		if (text != NULL)
			r = sl_policy_load_buffer("test/policy.yaml", text,
			    strlen(text), SL_POLICY_NO_FILES, &p, &err);
		else
			r = sl_policy_load(spec, &p, &err);
		sl_alloc_fail_after(-1);
		if (r == 0) {
			assert_non_null(p);
			sl_policy_free(p);
			return;
		}
		if (r != SL_ENOMEM)
			fail_msg("%s: allocation %ld: got %d %s:%d:%d: %s",
			    spec ? spec : "buffer", n, r, err.file, err.line,
			    err.col, err.msg);
		assert_null(p);
	}
	fail_msg("%s never loaded", spec ? spec : "buffer");
}

static void
test_policy__alloc_failures(void **state)
{
	(void)state;
	alloc_loop("hardened", NULL);
	alloc_loop("legacy-compat", NULL);
	alloc_loop("fips", NULL);
	alloc_loop(FIXTURES "merge-child.yaml", NULL);
	alloc_loop(NULL, "extends: modern\n"
	    "algorithms: { kex: { allow: [\"regex:^mlkem\", \"sntrup*\"] } }\n"
	    "server: { require: { maxauthtries: [\"regex:^[1-3]$\"] } }\n"
	    "rules: { weak-mac: off }\n"
	    "exceptions: [ { hosts: \"regex:^old\", rules: [weak-mac] } ]\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy__builtins_load),
		cmocka_unit_test(test_policy__builtin_contents),
		cmocka_unit_test(test_policy__unknown_builtin),
		cmocka_unit_test(test_policy__extends_merge),
		cmocka_unit_test(test_policy__extends_builtin_from_buffer),
		cmocka_unit_test(test_policy__extends_depth),
		cmocka_unit_test(test_policy__malformed),
		cmocka_unit_test(test_policy__hostile),
		cmocka_unit_test(test_policy__huge_file),
		cmocka_unit_test(test_policy__bad_values),
		cmocka_unit_test(test_policy__patterns),
		cmocka_unit_test(test_policy__severity),
		cmocka_unit_test(test_policy__alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
