/*
 * Unit tests of lint/algolist.c (kex_assemble_names semantics). Every
 * expectation was printed by the installed OpenSSH_9.2p1 Debian build:
 * `ssh -G -F CFG x` with CFG holding the keyword and the spec shown.
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

#include "lint/algos.h"
#include "lint/util/alloc.h"
#include "sshlint/sshlint.h"

static void
expect(enum sl_algo_opt opt, const char *spec, const char *want)
{
	char *got = NULL;
	int r = sl_algo_assemble(902, false, opt, spec, true, &got);

	if (want == NULL) {
		assert_int_equal(r, SL_EINVAL);
		assert_null(got);
		return;
	}
	assert_int_equal(r, 0);
	assert_non_null(got);
	assert_string_equal(got, want);
	sl_free(got);
}

static void
test_ciphers(void **state)
{
	(void)state;
	expect(SL_AO_CIPHERS, NULL, "chacha20-poly1305@openssh.com,"
	    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com");
	/* '-' with a negated exception keeps aes128-ctr */
	expect(SL_AO_CIPHERS, "-aes*,!aes128-ctr",
	    "chacha20-poly1305@openssh.com,aes128-ctr");
	expect(SL_AO_CIPHERS, "+3des-cbc", "chacha20-poly1305@openssh.com,"
	    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com,3des-cbc");
	expect(SL_AO_CIPHERS, "^aes256-ctr,aes128-ctr", "aes256-ctr,"
	    "aes128-ctr,chacha20-poly1305@openssh.com,aes192-ctr,"
	    "aes128-gcm@openssh.com,aes256-gcm@openssh.com");
	/* duplicates collapse; an empty element is skipped */
	expect(SL_AO_CIPHERS, "aes256-ctr,aes128-ctr,aes256-ctr",
	    "aes256-ctr,aes128-ctr");
	expect(SL_AO_CIPHERS, "aes128-ctr,,3des-cbc", "aes128-ctr,3des-cbc");
	/* '-*' empties the list and that is accepted */
	expect(SL_AO_CIPHERS, "-*", "");
	/* an unknown name alone leaves nothing: invalid */
	expect(SL_AO_CIPHERS, "bogus", NULL);
	expect(SL_AO_CIPHERS, "!aes128-ctr", NULL);
}

static void
test_keys(void **state)
{
	(void)state;
	expect(SL_AO_HOSTKEY, "ssh-ed25519*",
	    "ssh-ed25519,ssh-ed25519-cert-v01@openssh.com");
	expect(SL_AO_CASIG, "ssh-ed25519*", "ssh-ed25519");
	expect(SL_AO_HOSTKEY, "-*cert*", "ssh-ed25519,ecdsa-sha2-nistp256,"
	    "ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,"
	    "rsa-sha2-512,rsa-sha2-256");
	expect(SL_AO_CASIG, "^rsa-sha2-512", "rsa-sha2-512,ssh-ed25519,"
	    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,"
	    "rsa-sha2-256");
	expect(SL_AO_CASIG, "+ssh-rsa", "ssh-ed25519,ecdsa-sha2-nistp256,"
	    "ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,"
	    "rsa-sha2-512,rsa-sha2-256,ssh-rsa");
	/* certificates are no CA signature algorithms */
	expect(SL_AO_CASIG, "ssh-ed25519-cert-v01@openssh.com", NULL);
	expect(SL_AO_PUBKEY, "!ssh-rsa", NULL);
}

static void
test_alloc_failure(void **state)
{
	char *out;
	long n;
	int r;

	(void)state;
	for (n = 0; n < 64; n++) {
		out = NULL;
		sl_alloc_fail_after(n);
		r = sl_algo_assemble(902, false, SL_AO_KEX, "^aes*,+x",
		    true, &out);
		sl_alloc_fail_after(-1);
		assert_true(r == 0 || r == SL_ENOMEM || r == SL_EINVAL);
		sl_free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ciphers),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_alloc_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
