/*
 * Unit tests of lint/algos.c. The Debian 9.2 expectations are strings
 * captured from the installed OpenSSH_9.2p1 Debian-2+deb12u10 binaries;
 * the command that printed each one is named next to it.
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

#define V(maj, min) ((maj) * 100 + (min))

/* Join a name list with `sep` into buf. */
static const char *
join(struct sl_namelist l, char sep, char *buf, size_t len)
{
	size_t i, o = 0, k;

	buf[0] = '\0';
	for (i = 0; i < l.n; i++) {
		k = strlen(l.names[i]);
		assert_true(o + k + 2 < len);
		if (i > 0)
			buf[o++] = sep;
		memcpy(buf + o, l.names[i], k);
		o += k;
		buf[o] = '\0';
	}
	return buf;
}

static char buf[8192];

#define assert_supported(ver, kind, deb, want) \
	assert_string_equal(join(sl_algo_supported((ver), (kind), (deb)), \
	    ' ', buf, sizeof(buf)), (want))
#define assert_default(ver, server, opt, deb, want) \
	assert_string_equal(join(sl_algo_default((ver), (server), (opt), \
	    (deb)), ',', buf, sizeof(buf)), (want))

/* --- captured from the installed Debian 9.2p1 --------------------------- */

/* ssh -Q cipher | tr '\n' ' ' (and so on for every kind below) */
static const char q_cipher[] =
    "3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr aes192-ctr "
    "aes256-ctr aes128-gcm@openssh.com aes256-gcm@openssh.com "
    "chacha20-poly1305@openssh.com";
/* ssh -Q cipher-auth */
static const char q_cipher_auth[] =
    "aes128-gcm@openssh.com aes256-gcm@openssh.com "
    "chacha20-poly1305@openssh.com";
/* ssh -Q mac */
static const char q_mac[] =
    "hmac-sha1 hmac-sha1-96 hmac-sha2-256 hmac-sha2-512 hmac-md5 "
    "hmac-md5-96 umac-64@openssh.com umac-128@openssh.com "
    "hmac-sha1-etm@openssh.com hmac-sha1-96-etm@openssh.com "
    "hmac-sha2-256-etm@openssh.com hmac-sha2-512-etm@openssh.com "
    "hmac-md5-etm@openssh.com hmac-md5-96-etm@openssh.com "
    "umac-64-etm@openssh.com umac-128-etm@openssh.com";
/* ssh -Q kex */
static const char q_kex[] =
    "diffie-hellman-group1-sha1 diffie-hellman-group14-sha1 "
    "diffie-hellman-group14-sha256 diffie-hellman-group16-sha512 "
    "diffie-hellman-group18-sha512 diffie-hellman-group-exchange-sha1 "
    "diffie-hellman-group-exchange-sha256 ecdh-sha2-nistp256 "
    "ecdh-sha2-nistp384 ecdh-sha2-nistp521 curve25519-sha256 "
    "curve25519-sha256@libssh.org sntrup761x25519-sha512 "
    "sntrup761x25519-sha512@openssh.com";
/* ssh -Q kex-gss */
static const char q_kex_gss[] =
    "gss-gex-sha1- gss-group1-sha1- gss-group14-sha1- gss-group14-sha256- "
    "gss-group16-sha512- gss-nistp256-sha256- gss-curve25519-sha256-";
/* ssh -Q key */
static const char q_key[] =
    "ssh-ed25519 ssh-ed25519-cert-v01@openssh.com sk-ssh-ed25519@openssh.com "
    "sk-ssh-ed25519-cert-v01@openssh.com ecdsa-sha2-nistp256 "
    "ecdsa-sha2-nistp256-cert-v01@openssh.com ecdsa-sha2-nistp384 "
    "ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521 "
    "ecdsa-sha2-nistp521-cert-v01@openssh.com "
    "sk-ecdsa-sha2-nistp256@openssh.com "
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com ssh-dss "
    "ssh-dss-cert-v01@openssh.com ssh-rsa ssh-rsa-cert-v01@openssh.com";
/* ssh -Q key-cert */
static const char q_key_cert[] =
    "ssh-ed25519-cert-v01@openssh.com sk-ssh-ed25519-cert-v01@openssh.com "
    "ecdsa-sha2-nistp256-cert-v01@openssh.com "
    "ecdsa-sha2-nistp384-cert-v01@openssh.com "
    "ecdsa-sha2-nistp521-cert-v01@openssh.com "
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com "
    "ssh-dss-cert-v01@openssh.com ssh-rsa-cert-v01@openssh.com";
/* ssh -Q key-plain */
static const char q_key_plain[] =
    "ssh-ed25519 sk-ssh-ed25519@openssh.com ecdsa-sha2-nistp256 "
    "ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 "
    "sk-ecdsa-sha2-nistp256@openssh.com ssh-dss ssh-rsa";
/* ssh -Q key-sig */
static const char q_key_sig[] =
    "ssh-ed25519 ssh-ed25519-cert-v01@openssh.com sk-ssh-ed25519@openssh.com "
    "sk-ssh-ed25519-cert-v01@openssh.com ecdsa-sha2-nistp256 "
    "ecdsa-sha2-nistp256-cert-v01@openssh.com ecdsa-sha2-nistp384 "
    "ecdsa-sha2-nistp384-cert-v01@openssh.com ecdsa-sha2-nistp521 "
    "ecdsa-sha2-nistp521-cert-v01@openssh.com "
    "sk-ecdsa-sha2-nistp256@openssh.com "
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com "
    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss "
    "ssh-dss-cert-v01@openssh.com ssh-rsa ssh-rsa-cert-v01@openssh.com "
    "rsa-sha2-256 rsa-sha2-256-cert-v01@openssh.com rsa-sha2-512 "
    "rsa-sha2-512-cert-v01@openssh.com";
/* ssh -Q sig */
static const char q_sig[] =
    "ssh-ed25519 sk-ssh-ed25519@openssh.com ecdsa-sha2-nistp256 "
    "ecdsa-sha2-nistp384 ecdsa-sha2-nistp521 "
    "sk-ecdsa-sha2-nistp256@openssh.com "
    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com ssh-dss ssh-rsa "
    "rsa-sha2-256 rsa-sha2-512";
/* ssh -Q compression */
static const char q_compression[] = "none zlib@openssh.com zlib";

/*
 * `ssh -G -F /dev/null x` and `sshd -T -f /dev/null -h HOSTKEY` print the
 * same values for these seven options; each line below is the value of
 * the named output line of both commands.
 */
/* kexalgorithms */
static const char g_kex[] =
    "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,"
    "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
    "ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
    "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
    "diffie-hellman-group18-sha512,diffie-hellman-group14-sha256";
/* ciphers */
static const char g_ciphers[] =
    "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
    "aes128-gcm@openssh.com,aes256-gcm@openssh.com";
/* macs */
static const char g_macs[] =
    "umac-64-etm@openssh.com,umac-128-etm@openssh.com,"
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
    "hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
    "hmac-sha2-256,hmac-sha2-512,hmac-sha1";
/* hostkeyalgorithms, pubkeyacceptedalgorithms, hostbasedacceptedalgorithms */
static const char g_pk[] =
    "ssh-ed25519-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp384-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp521-cert-v01@openssh.com,"
    "sk-ssh-ed25519-cert-v01@openssh.com,"
    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com,"
    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
    "ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,"
    "sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";
/* casignaturealgorithms */
static const char g_casig[] =
    "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
    "ecdsa-sha2-nistp521,sk-ssh-ed25519@openssh.com,"
    "sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";
/* gssapikexalgorithms */
static const char g_gss[] =
    "gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,"
    "gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-";

static void
test_algos__debian92_supported_matches_ssh_Q(void **state)
{
	(void)state;
	assert_supported(V(9, 2), SL_AK_CIPHER, true, q_cipher);
	assert_supported(V(9, 2), SL_AK_CIPHER_AUTH, true, q_cipher_auth);
	assert_supported(V(9, 2), SL_AK_MAC, true, q_mac);
	assert_supported(V(9, 2), SL_AK_KEX, true, q_kex);
	assert_supported(V(9, 2), SL_AK_KEY, true, q_key);
	assert_supported(V(9, 2), SL_AK_KEY_CERT, true, q_key_cert);
	assert_supported(V(9, 2), SL_AK_KEY_PLAIN, true, q_key_plain);
	assert_supported(V(9, 2), SL_AK_KEY_SIG, true, q_key_sig);
	assert_supported(V(9, 2), SL_AK_SIG, true, q_sig);
	assert_supported(V(9, 2), SL_AK_COMPRESSION, true, q_compression);
	assert_supported(V(9, 2), SL_AK_GSS_KEX, true, q_kex_gss);
}

static void
test_algos__debian92_defaults_match_ssh_G_and_sshd_T(void **state)
{
	int server;

	(void)state;
	for (server = 0; server <= 1; server++) {
		assert_default(V(9, 2), server, SL_AO_KEX, true, g_kex);
		assert_default(V(9, 2), server, SL_AO_CIPHERS, true, g_ciphers);
		assert_default(V(9, 2), server, SL_AO_MACS, true, g_macs);
		assert_default(V(9, 2), server, SL_AO_HOSTKEY, true, g_pk);
		assert_default(V(9, 2), server, SL_AO_PUBKEY, true, g_pk);
		assert_default(V(9, 2), server, SL_AO_HOSTBASED, true, g_pk);
		assert_default(V(9, 2), server, SL_AO_CASIG, true, g_casig);
	}
	assert_string_equal(join(sl_algo_gss_kex_default(V(9, 2), true), ',',
	    buf, sizeof(buf)), g_gss);
}

/* Upstream 9.2 = Debian 9.2 without the two Debian deltas. */
static void
test_algos__upstream92_differs_only_in_debian_deltas(void **state)
{
	enum sl_algo_kind k;
	enum sl_algo_opt o;
	int server;

	(void)state;
	for (k = 0; k < SL_AK__COUNT; k++) {
		struct sl_namelist u = sl_algo_supported(V(9, 2), k, false);
		struct sl_namelist d = sl_algo_supported(V(9, 2), k, true);
		char ub[4096];

		if (k == SL_AK_KEX || k == SL_AK_GSS_KEX)
			continue;
		assert_string_equal(join(u, ' ', ub, sizeof(ub)),
		    join(d, ' ', buf, sizeof(buf)));
	}
	assert_int_equal(sl_algo_supported(V(9, 2), SL_AK_GSS_KEX, false).n,
	    0);
	assert_false(sl_algo_is_supported(V(9, 2), SL_AK_KEX,
	    "sntrup761x25519-sha512", false));
	assert_true(sl_algo_is_supported(V(9, 2), SL_AK_KEX,
	    "sntrup761x25519-sha512", true));
	assert_true(sl_algo_is_supported(V(9, 2), SL_AK_KEX,
	    "sntrup761x25519-sha512@openssh.com", false));
	assert_supported(V(9, 2), SL_AK_KEX, false,
	    "diffie-hellman-group1-sha1 diffie-hellman-group14-sha1 "
	    "diffie-hellman-group14-sha256 diffie-hellman-group16-sha512 "
	    "diffie-hellman-group18-sha512 diffie-hellman-group-exchange-sha1 "
	    "diffie-hellman-group-exchange-sha256 ecdh-sha2-nistp256 "
	    "ecdh-sha2-nistp384 ecdh-sha2-nistp521 curve25519-sha256 "
	    "curve25519-sha256@libssh.org sntrup761x25519-sha512@openssh.com");
	for (server = 0; server <= 1; server++) {
		for (o = 0; o < SL_AO__COUNT; o++) {
			struct sl_namelist u, d;
			char ub[4096];

			if (o == SL_AO_KEX)
				continue;
			u = sl_algo_default(V(9, 2), server, o, false);
			d = sl_algo_default(V(9, 2), server, o, true);
			assert_string_equal(join(u, ',', ub, sizeof(ub)),
			    join(d, ',', buf, sizeof(buf)));
		}
		/* g_kex without its first entry */
		assert_default(V(9, 2), server, SL_AO_KEX, false,
		    g_kex + strlen("sntrup761x25519-sha512,"));
	}
	assert_int_equal(sl_algo_gss_kex_default(V(9, 2), false).n, 0);
}

static void
test_algos__version_mapping(void **state)
{
	struct sl_namelist a, b;

	(void)state;
	/* before 7.4: nothing */
	assert_int_equal(sl_algo_supported(V(7, 3), SL_AK_CIPHER, false).n, 0);
	assert_int_equal(sl_algo_supported(0, SL_AK_CIPHER, false).n, 0);
	assert_int_equal(sl_algo_supported(-1, SL_AK_MAC, true).n, 0);
	assert_int_equal(sl_algo_default(V(7, 3), false, SL_AO_KEX, false).n,
	    0);
	assert_false(sl_algo_is_supported(V(7, 3), SL_AK_CIPHER, "aes128-ctr",
	    false));
	/* a version between releases uses the newest older release */
	a = sl_algo_supported(V(9, 9), SL_AK_KEX, true);
	b = sl_algo_supported(V(9, 10), SL_AK_KEX, true);	/* no 9.10 */
	assert_ptr_equal(a.names, b.names);
	assert_int_equal(a.n, b.n);
	a = sl_algo_default(V(10, 5), true, SL_AO_CIPHERS, false);
	b = sl_algo_default(V(10, 6), true, SL_AO_CIPHERS, false);
	assert_ptr_equal(a.names, b.names);
	/* after the newest release: the newest */
	a = sl_algo_supported(V(10, 5), SL_AK_KEX, false);
	b = sl_algo_supported(V(99, 0), SL_AK_KEX, false);
	assert_ptr_equal(a.names, b.names);
	assert_true(sl_algo_is_supported(V(11, 0), SL_AK_KEX,
	    "mlkem768nistp256-sha256", false));
	assert_false(sl_algo_is_supported(V(10, 4), SL_AK_KEX,
	    "mlkem768nistp256-sha256", false));
	/* Debian deltas only where captured (9.2); 9.3 is upstream */
	a = sl_algo_supported(V(9, 3), SL_AK_KEX, true);
	b = sl_algo_supported(V(9, 3), SL_AK_KEX, false);
	assert_ptr_equal(a.names, b.names);
	assert_int_equal(sl_algo_supported(V(9, 3), SL_AK_GSS_KEX, true).n, 0);
	/* bad kind / option */
	assert_int_equal(sl_algo_supported(V(9, 2), SL_AK__COUNT, false).n, 0);
	assert_int_equal(sl_algo_supported(V(9, 2), (enum sl_algo_kind)-1,
	    false).n, 0);
	assert_int_equal(sl_algo_default(V(9, 2), false, SL_AO__COUNT,
	    false).n, 0);
	assert_false(sl_algo_is_supported(V(9, 2), SL_AK_CIPHER, NULL, false));
	/* empty lists are never NULL */
	assert_non_null(sl_algo_supported(V(7, 3), SL_AK_CIPHER, false).names);
}

static void
test_algos__releases(void **state)
{
	const int *r;
	size_t n, i;

	(void)state;
	r = sl_algo_releases(&n);
	assert_int_equal(n, 32);
	assert_int_equal(r[0], V(7, 4));
	assert_int_equal(r[n - 1], V(10, 5));
	for (i = 1; i < n; i++)
		assert_true(r[i - 1] < r[i]);
	/* every release has every upstream kind non-empty */
	for (i = 0; i < n; i++) {
		enum sl_algo_kind k;

		for (k = 0; k < SL_AK_GSS_KEX; k++)
			assert_true(sl_algo_supported(r[i], k, false).n > 0);
		assert_true(sl_algo_default(r[i], false, SL_AO_KEX,
		    false).n > 0);
		assert_true(sl_algo_default(r[i], true, SL_AO_PUBKEY,
		    false).n > 0);
	}
}

static void
test_algos__history(void **state)
{
	(void)state;
	/* CASignatureAlgorithms appears in 7.9 */
	assert_int_equal(sl_algo_default(V(7, 8), false, SL_AO_CASIG,
	    false).n, 0);
	assert_true(sl_algo_default(V(7, 9), false, SL_AO_CASIG, false).n > 0);
	assert_true(sl_algo_default(V(7, 9), true, SL_AO_CASIG, false).n > 0);
	/* 7.4 client still proposes CBC, the server does not */
	assert_default(V(7, 4), false, SL_AO_CIPHERS, false,
	    "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
	    "aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-cbc,"
	    "aes192-cbc,aes256-cbc");
	assert_default(V(7, 4), true, SL_AO_CIPHERS, false,
	    "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
	    "aes128-gcm@openssh.com,aes256-gcm@openssh.com");
	/* ssh-rsa leaves the key defaults in 8.8 but stays supported */
	assert_true(sl_algo_is_supported(V(8, 8), SL_AK_KEY_SIG, "ssh-rsa",
	    false));
	assert_string_not_equal(join(sl_algo_default(V(8, 7), false,
	    SL_AO_PUBKEY, false), ',', buf, sizeof(buf)), g_pk);
	assert_non_null(strstr(buf, ",ssh-rsa-cert-v01@openssh.com,"));
	assert_true(strcmp(buf + strlen(buf) - 8, ",ssh-rsa") == 0);
	join(sl_algo_default(V(8, 8), false, SL_AO_PUBKEY, false), ',', buf,
	    sizeof(buf));
	assert_null(strstr(buf, ",ssh-rsa,"));
	assert_null(strstr(buf, "ssh-rsa-cert"));
	assert_false(strcmp(buf + strlen(buf) - 8, ",ssh-rsa") == 0);
	/* 10.0 server drops finite-field DH, the client keeps it */
	join(sl_algo_default(V(10, 0), true, SL_AO_KEX, false), ',', buf,
	    sizeof(buf));
	assert_null(strstr(buf, "diffie-hellman"));
	assert_true(strncmp(buf, "mlkem768x25519-sha256,", 22) == 0);
	join(sl_algo_default(V(10, 0), false, SL_AO_KEX, false), ',', buf,
	    sizeof(buf));
	assert_non_null(strstr(buf, "diffie-hellman-group14-sha256"));
	/* DSA gone from 9.8 on (typical build) */
	assert_true(sl_algo_is_supported(V(9, 7), SL_AK_KEY, "ssh-dss",
	    false));
	assert_false(sl_algo_is_supported(V(9, 8), SL_AK_KEY, "ssh-dss",
	    false));
	/* before 8.2 'key' excludes signature-only names, key-sig has them */
	assert_false(sl_algo_is_supported(V(8, 1), SL_AK_KEY, "rsa-sha2-256",
	    false));
	assert_true(sl_algo_is_supported(V(8, 1), SL_AK_KEY_SIG,
	    "rsa-sha2-256", false));
	assert_true(sl_algo_is_supported(V(7, 4), SL_AK_SIG, "rsa-sha2-512",
	    false));
	/* compression: 'zlib' gone in 9.9 */
	assert_supported(V(9, 9), SL_AK_COMPRESSION, false,
	    "none zlib@openssh.com");
	/* case-sensitive, exact */
	assert_false(sl_algo_is_supported(V(9, 2), SL_AK_CIPHER, "AES128-CTR",
	    true));
	assert_false(sl_algo_is_supported(V(9, 2), SL_AK_CIPHER, "aes*",
	    true));
	assert_false(sl_algo_is_supported(V(9, 2), SL_AK_CIPHER, "", true));
}

static void
test_algos__lifetime(void **state)
{
	int first = 0, last = 0;

	(void)state;
	assert_true(sl_algo_lifetime(SL_AK_CIPHER, "aes128-ctr", &first,
	    &last));
	assert_int_equal(first, V(7, 4));
	assert_int_equal(last, V(10, 5));
	assert_true(sl_algo_lifetime(SL_AK_CIPHER, "blowfish-cbc", &first,
	    &last));
	assert_int_equal(first, V(7, 4));
	assert_int_equal(last, V(7, 5));
	assert_true(sl_algo_lifetime(SL_AK_CIPHER,
	    "rijndael-cbc@lysator.liu.se", &first, &last));
	assert_int_equal(last, V(8, 4));
	assert_true(sl_algo_lifetime(SL_AK_KEX,
	    "sntrup761x25519-sha512@openssh.com", &first, &last));
	assert_int_equal(first, V(8, 5));
	/* upstream decides even though Debian 9.2 has it */
	assert_true(sl_algo_lifetime(SL_AK_KEX, "sntrup761x25519-sha512",
	    &first, &last));
	assert_int_equal(first, V(9, 9));
	assert_true(sl_algo_lifetime(SL_AK_KEX,
	    "sntrup4591761x25519-sha512@tinyssh.org", &first, &last));
	assert_int_equal(first, V(8, 0));
	assert_int_equal(last, V(8, 4));
	assert_true(sl_algo_lifetime(SL_AK_KEY, "ssh-dss", &first, &last));
	assert_int_equal(last, V(9, 7));
	assert_true(sl_algo_lifetime(SL_AK_KEY_SIG,
	    "rsa-sha2-256-cert-v01@openssh.com", &first, &last));
	assert_int_equal(first, V(7, 8));
	/* Debian-only names */
	assert_true(sl_algo_lifetime(SL_AK_GSS_KEX, "gss-group14-sha256-",
	    &first, &last));
	assert_int_equal(first, V(9, 2));
	assert_int_equal(last, V(9, 2));
	/* unknown */
	assert_false(sl_algo_lifetime(SL_AK_CIPHER, "rot13", &first, &last));
	assert_false(sl_algo_lifetime(SL_AK_KEX, "aes128-ctr", NULL, NULL));
	assert_false(sl_algo_lifetime(SL_AK__COUNT, "aes128-ctr", NULL,
	    NULL));
	assert_true(sl_algo_lifetime(SL_AK_MAC, "hmac-sha1", NULL, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_algos__debian92_supported_matches_ssh_Q),
		cmocka_unit_test(
		    test_algos__debian92_defaults_match_ssh_G_and_sshd_T),
		cmocka_unit_test(
		    test_algos__upstream92_differs_only_in_debian_deltas),
		cmocka_unit_test(test_algos__version_mapping),
		cmocka_unit_test(test_algos__releases),
		cmocka_unit_test(test_algos__history),
		cmocka_unit_test(test_algos__lifetime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
