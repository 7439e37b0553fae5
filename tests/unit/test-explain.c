/*
 * Unit tests of `sshlint explain` (lint/explain.c, lint/messages.def):
 * every spelling of every message finds its own row whatever fills its
 * variable parts, with the prefixes and suffixes real logs add.
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lint/util/alloc.h"
#include "sshlint/negotiate.h"

/* Explain `text`; the ids found, comma-separated. */
static const char *
ids(const char *text)
{
	static char buf[1024];
	struct sl_explain_match *m;
	long n, i;

	n = sl_explain(text, &m);
	assert_true(n >= 0);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, m[i].entry->id);
	}
	sl_explain_free(m, (size_t)n);
	return buf;
}

/* The value of variable `name` in the first match of `text`. */
static const char *
var(const char *text, const char *name)
{
	static char buf[512];
	struct sl_explain_match *m;
	long n;
	size_t j;

	n = sl_explain(text, &m);
	assert_true(n >= 1);
	buf[0] = '\0';
	for (j = 0; j < m[0].nvars; j++)
		if (strcmp(m[0].names[j], name) == 0)
			snprintf(buf, sizeof(buf), "%s", m[0].values[j]);
	sl_explain_free(m, (size_t)n);
	return buf;
}

/* Replace each {name} of a pattern by a sample value. */
static void
instantiate(const char *pat, size_t len, const char *fill, char *out,
    size_t outlen)
{
	size_t o = 0, i;

	for (i = 0; i < len && o + 1 < outlen; i++) {
		if (pat[i] == '{') {
			const char *c = memchr(pat + i, '}', len - i);

			assert_non_null(c);
			o += (size_t)snprintf(out + o, outlen - o, "%s", fill);
			i = (size_t)(c - pat);
			continue;
		}
		out[o++] = pat[i];
	}
	out[o] = '\0';
}

static void
test_table(void **state)
{
	size_t i, j, n = sl_explain_count();

	(void)state;
	assert_true(n >= 20);
	for (i = 0; i < n; i++) {
		const struct sl_explain_entry *e = sl_explain_at(i);

		assert_non_null(e->id);
		assert_true(strlen(e->meaning) > 20);
		assert_true(strlen(e->origin) > 2);
		assert_true(e->ncauses >= 1);
		for (j = 0; j < e->ncauses; j++) {
			assert_true(strlen(e->causes[j].cause) > 10);
			assert_true(strlen(e->causes[j].check) > 5);
			assert_true(strlen(e->causes[j].fix) > 5);
		}
		for (j = 0; j < i; j++)
			assert_string_not_equal(e->id, sl_explain_at(j)->id);
	}
	assert_null(sl_explain_at(n));
}

/* Every alternative of every row, with any value in its variable parts,
 * finds that row (no earlier row hides it). */
static void
test_every_pattern(void **state)
{
	static const char *const fills[] = { "x", "/home/a b/.ssh/id_rsa",
	    "ssh-rsa,rsa-sha2-512", "UNKNOWN port 65535" };
	size_t i, f, n = sl_explain_count();
	char line[2048], text[2200];

	(void)state;
	for (i = 0; i < n; i++) {
		const struct sl_explain_entry *e = sl_explain_at(i);
		const char *a = e->pattern, *end;

		while (*a) {
			end = strchr(a, '\n');
			if (end == NULL)
				end = a + strlen(a);
			for (f = 0; f < sizeof(fills) / sizeof(fills[0]); f++) {
				instantiate(a, (size_t)(end - a), fills[f], line,
				    sizeof(line));
				snprintf(text, sizeof(text), "debug1: %s "
				    "[preauth]", line);
				if (strcmp(ids(text), e->id) != 0)
					fail_msg("'%s' found %s, not %s", text,
					    ids(text), e->id);
			}
			a = *end ? end + 1 : end;
		}
	}
}

/* The seed messages, as ssh and sshd print them. */
static void
test_seeds(void **state)
{
	(void)state;
	assert_string_equal(ids("debug1: send_pubkey_test: no mutual "
	    "signature algorithm"), "no_mutual_sig_test");
	assert_string_equal(ids("sign_and_send_pubkey: no mutual signature "
	    "supported"), "no_mutual_sig_sign");
	assert_string_equal(ids("sign_and_send_pubkey: signing failed for "
	    "ECDSA-SK \"/home/u/.ssh/id_ecdsa_sk\" from agent: agent refused "
	    "operation"), "agent_refused_sign");
	assert_string_equal(var("sign_and_send_pubkey: signing failed for "
	    "RSA \"/home/u/.ssh/id rsa\" from agent: agent refused operation",
	    "file"), "/home/u/.ssh/id rsa");
	assert_string_equal(ids("sign_and_send_pubkey: signing failed: agent "
	    "refused operation"), "agent_refused_sign");
	/* sshd's syslog form; the algorithm is picked out */
	assert_string_equal(var("Nov 21 10:00:01 host sshd[812]: "
	    "userauth_pubkey: signature algorithm ssh-rsa not in "
	    "PubkeyAcceptedAlgorithms [preauth]", "alg"), "ssh-rsa");
	/* the offer, without sshd's suffix */
	assert_string_equal(var("Unable to negotiate with 192.0.2.1 port 22: "
	    "no matching host key type found. Their offer: ssh-rsa,ssh-dss "
	    "[preauth]", "offer"), "ssh-rsa,ssh-dss");
	assert_string_equal(var("Unable to negotiate with 192.0.2.1 port 22: "
	    "no matching host key type found. Their offer: ssh-rsa",
	    "peer"), "192.0.2.1 port 22");
	/* blanks and CRs do not matter */
	assert_string_equal(ids("send_pubkey_test:\tno   mutual signature "
	    "algorithm\r"), "no_mutual_sig_test");
}

/* A whole ssh -v session: each message once, in order of appearance. */
static void
test_whole_output(void **state)
{
	static const char out[] =
	    "OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026\n"
	    "debug1: Offering public key: /root/.ssh/id_rsa RSA SHA256:x\n"
	    "debug1: send_pubkey_test: no mutual signature algorithm\n"
	    "debug1: Offering public key: /root/.ssh/id_dsa DSA SHA256:y\n"
	    "debug1: send_pubkey_test: no mutual signature algorithm\n"
	    "debug1: No more authentication methods to try.\n"
	    "root@pk: Permission denied (publickey).\n";

	(void)state;
	assert_string_equal(ids(out), "no_mutual_sig_test,permission_denied");
	assert_string_equal(var("root@pk: Permission denied (publickey).",
	    "methods"), "publickey");
	assert_string_equal(ids("all is well\n\n"), "");
	assert_string_equal(ids(""), "");
}

static void
test_alloc_failure(void **state)
{
	struct sl_explain_match *m;
	long n, k;

	(void)state;
	for (k = 0; k < 1000; k++) {
		sl_alloc_fail_after(k);
		n = sl_explain("Load key \"/x\": bad permissions\n"
		    "sign_and_send_pubkey: no mutual signature supported", &m);
		sl_alloc_fail_after(-1);
		if (n >= 0) {
			assert_int_equal(n, 2);
			sl_explain_free(m, (size_t)n);
			break;
		}
		assert_int_equal(n, SL_ENOMEM);
		assert_null(m);
	}
	assert_true(k > 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_every_pattern),
		cmocka_unit_test(test_seeds),
		cmocka_unit_test(test_whole_output),
		cmocka_unit_test(test_alloc_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
