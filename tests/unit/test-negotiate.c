/*
 * Unit tests of the connection walk (lint/negotiate.c): every case of the
 * failure cookbook (negotiation.md section 7) with the exact lines each
 * release prints, the fix the planner proposes, and the edits sl_negotiate()
 * places in configuration files.
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
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/negotiate.h"
#include "lint/util/alloc.h"
#include "sshlint/negotiate.h"

#define V(a, b) SL_VERSION(a, b)

static struct sl_arena A;

static int
teardown(void **state)
{
	(void)state;
	sl_arena_release(&A);
	return 0;
}

static struct sl_key hostkeys[4];

/* A side with the release's default lists (a server has no host key
 * until hostkey() adds one). */
static void
side(struct sl_nego_side *sd, int v, bool server)
{
	enum sl_nopt o;

	memset(sd, 0, sizeof(*sd));
	sd->version = v;
	sd->debian = v == V(9, 2);
	for (o = 0; o < SL_NO_RSASIZE; o++) {
		if (v < V(7, 2))
			sd->list[o] = sl_nego_legacy_list(o);
		else if (o != SL_NO_CASIG || v >= V(7, 9))
			assert_int_equal(sl_nego_assemble(&A, sd, server, o,
			    NULL, &sd->list[o]), 0);
		sd->origin[o] = SL_ORIGIN(SL_ORIGIN_DEFAULT);
	}
	if (v >= V(9, 1))
		sd->list[SL_NO_RSASIZE] = "1024";
	sd->compression = server;
	sd->pubkey_auth = true;
	sd->batchmode = true;
	sd->via_proxy = !server;
	sd->user = "u";
	sd->host = "h";
	sd->peer = "UNKNOWN port 65535";
	sd->methods = "publickey,password,keyboard-interactive";
	sd->max_auth_tries = 6;
	if (server)
		sd->hostkeys = hostkeys;
}

/* Configure `opt` on a side (as a config line would). */
static void
set(struct sl_nego_side *sd, bool server, enum sl_nopt o, const char *spec)
{
	sd->spec[o] = spec;
	assert_int_equal(sl_nego_assemble(&A, sd, server, o, spec,
	    &sd->list[o]), 0);
	sd->origin[o] = SL_ORIGIN(0);
}

static void
hostkey(struct sl_nego_side *s, enum sl_kt kt, unsigned bits)
{
	sl_key_make(&hostkeys[s->nhostkeys], kt, false, bits);
	s->nhostkeys++;
}

static void
ident(struct sl_nego_ident *id, enum sl_kt kt, bool cert, unsigned bits)
{
	memset(id, 0, sizeof(*id));
	id->file = "/home/u/.ssh/id";
	id->src = SL_NID_FILE;
	id->userprovided = true;
	id->have_pub = id->key_known = true;
	sl_key_make(&id->key, kt, cert, bits);
	id->priv_exists = true;
	id->priv_path = "/home/u/.ssh/id";
	id->authorized = -1;
}

/* Does a message with exactly `text` exist in `m`? */
static bool
has(const struct sl_nmsgs *m, enum sl_nwho who, const char *text)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->v[i].who == who && strcmp(m->v[i].text, text) == 0)
			return true;
	return false;
}

static bool
has_sub(const struct sl_nmsgs *m, const char *sub)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strstr(m->v[i].text, sub) != NULL)
			return true;
	return false;
}

/* The identity of the tests that are not about authentication. */
static struct sl_nego_ident good;

static void
default_ident(const struct sl_nego_ident **ids, size_t *nids)
{
	if (*ids != NULL)
		return;
	memset(&good, 0, sizeof(good));
	good.file = "/home/u/.ssh/id_ed25519";
	good.src = SL_NID_FILE;
	good.have_pub = good.key_known = good.priv_exists = true;
	sl_key_make(&good.key, SL_KT_ED25519, false, 256);
	good.authorized = -1;
	*ids = &good;
	*nids = 1;
}

static void
walk(const struct sl_nego_side *c, const struct sl_nego_side *s,
    const struct sl_nego_ident *ids, size_t nids, struct sl_nresult *r)
{
	default_ident(&ids, &nids);
	assert_int_equal(sl_nego_walk(&A, c, s, ids, nids, r), 0);
}

/* The first fix the planner proposes; *ok whether all fixes succeed. */
static struct sl_nfix
plan(const struct sl_nego_side *c, const struct sl_nego_side *s,
    const struct sl_nego_ident *ids, size_t nids,
    const struct sl_nresult *r, bool *ok, size_t *n)
{
	static struct sl_nfix f[8];
	size_t nf = 0;

	default_ident(&ids, &nids);
	assert_int_equal(sl_nego_plan(&A, c, s, ids, nids, r, f, 8, &nf, ok),
	    0);
	assert_true(nf > 0);
	if (n != NULL)
		*n = nf;
	return f[0];
}

/* 1: client 8.8+, server offers only ssh-rsa */
static void
test_cb01_hostkey_ssh_rsa_only(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(7, 1), true);	/* before 7.2 */
	hostkey(&s, SL_KT_RSA, 2048);
	walk(&c, &s, NULL, 0, &r);
	assert_false(r.ok);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching host "
	    "key type found. Their offer: ssh-rsa"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_int_equal(f.opt, SL_NO_HOSTKEYALGS);
	assert_string_equal(f.value, "+ssh-rsa");
	assert_true(f.weak);

	/* the same with sshd 9.2 configured 'HostKeyAlgorithms ssh-rsa' */
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_RSA, 3072);
	set(&s, true, SL_NO_HOSTKEYALGS, "ssh-rsa");
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].server, "ssh-rsa");
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_SERVER,
	    "Unable to negotiate with UNKNOWN port 65535: no matching host "
	    "key type found. Their offer: "
	    "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@"
	    "openssh.com,ecdsa-sha2-nistp384-cert-v01@openssh.com,"
	    "ecdsa-sha2-nistp521-cert-v01@openssh.com,"
	    "sk-ssh-ed25519-cert-v01@openssh.com,"
	    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,"
	    "rsa-sha2-512-cert-v01@openssh.com,"
	    "rsa-sha2-256-cert-v01@openssh.com,ssh-ed25519,"
	    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	    "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,"
	    "rsa-sha2-512,rsa-sha2-256 [preauth]"));
}

/* 2: server 8.8+ with only an RSA host key, client before 7.2 */
static void
test_cb02_old_client_rsa_sha2(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(7, 1), false);
	side(&s, V(8, 8), true);
	hostkey(&s, SL_KT_RSA, 3072);
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching host "
	    "key type found. Their offer: rsa-sha2-512,rsa-sha2-256"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_SERVER);
	assert_int_equal(f.opt, SL_NO_HOSTKEYALGS);
	assert_true(f.global);	/* not allowed in Match */
	assert_string_equal(f.value, "+ssh-rsa");
}

/* 3: server has only a DSA host key */
static void
test_cb03_dsa_host_key(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_DSA, 1024);
	set(&s, true, SL_NO_HOSTKEYALGS, "+ssh-dss");
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching host "
	    "key type found. Their offer: ssh-dss"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_string_equal(f.value, "+ssh-dss");
	/* a 10.0 client cannot: only advice (a new host key) */
	side(&c, V(10, 0), false);
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_false(ok);
	assert_int_equal(f.side, SL_NW_SSHLINT);
	assert_non_null(strstr(f.command, "ssh-keygen -t ed25519"));
	/* and sshd 10.0 cannot even load it */
	side(&s, V(10, 0), true);
	hostkey(&s, SL_KT_DSA, 1024);
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].server, "");
}

/* 4: client 8.2+ vs a server offering only SHA-1 Diffie-Hellman */
static void
test_cb04_sha1_kex_server(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&s, true, SL_NO_KEX, "diffie-hellman-group14-sha1");
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_KEX);
	/* verified 9.2 (Debian: kex-strict-s backported) */
	assert_true(has(&r.stage[SL_NEGO_KEX].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching key "
	    "exchange method found. Their offer: diffie-hellman-group14-sha1,"
	    "kex-strict-s-v00@openssh.com"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_int_equal(f.opt, SL_NO_KEX);
	assert_string_equal(f.value, "+diffie-hellman-group14-sha1");
	assert_true(f.weak);
	/* an upstream 9.5 server appends nothing, 9.6 both markers */
	side(&s, V(9, 5), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&s, true, SL_NO_KEX, "diffie-hellman-group1-sha1");
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_KEX].server,
	    "diffie-hellman-group1-sha1");
	side(&s, V(9, 6), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&s, true, SL_NO_KEX, "diffie-hellman-group1-sha1");
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_KEX].server,
	    "diffie-hellman-group1-sha1,ext-info-s,"
	    "kex-strict-s-v00@openssh.com");
}

/* 5: sshd 10.0 defaults vs a client offering only finite-field DH */
static void
test_cb05_server10_ffdh_client(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	set(&c, false, SL_NO_KEX, "diffie-hellman-group14-sha256");
	side(&s, V(10, 0), true);
	hostkey(&s, SL_KT_ED25519, 256);
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_KEX);
	assert_true(has(&r.stage[SL_NEGO_KEX].msgs, SL_NW_SERVER,
	    "Unable to negotiate with UNKNOWN port 65535: no matching key "
	    "exchange method found. Their offer: "
	    "diffie-hellman-group14-sha256,ext-info-c,"
	    "kex-strict-c-v00@openssh.com [preauth]"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_true(ok);
	/* the client's explicit list gets a method the server has */
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_string_equal(f.value, "diffie-hellman-group14-sha256,"
	    "sntrup761x25519-sha512");
	/* a client that cannot change: sshd KexAlgorithms +..., global */
	side(&c, V(7, 1), false);
	c.list[SL_NO_KEX] = "diffie-hellman-group14-sha1";
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_KEX);
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_SERVER);
	assert_true(f.global);
	assert_string_equal(f.value, "+diffie-hellman-group14-sha1");
}

/* 6: client 7.6+ vs a CBC-only server */
static void
test_cb06_cbc_only(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&s, true, SL_NO_CIPHERS, "aes128-cbc,3des-cbc");
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_CIPHER);
	assert_true(has(&r.stage[SL_NEGO_CIPHER].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching cipher "
	    "found. Their offer: aes128-cbc,3des-cbc"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_string_equal(f.value, "+aes128-cbc");
	assert_true(f.weak);
	/* verified 9.2: client Ciphers=aes128-cbc vs server defaults */
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&c, false, SL_NO_CIPHERS, "aes128-cbc");
	walk(&c, &s, NULL, 0, &r);
	assert_true(has(&r.stage[SL_NEGO_CIPHER].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching cipher "
	    "found. Their offer: chacha20-poly1305@openssh.com,aes128-ctr,"
	    "aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
	    "aes256-gcm@openssh.com"));
}

/* 7: disjoint MACs while a non-AEAD cipher is chosen */
static void
test_cb07_macs(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	set(&s, true, SL_NO_MACS, "hmac-sha2-256");
	set(&c, false, SL_NO_CIPHERS, "aes128-ctr");
	set(&c, false, SL_NO_MACS, "hmac-sha1");
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_MAC);
	assert_true(has(&r.stage[SL_NEGO_MAC].msgs, SL_NW_CLIENT,
	    "Unable to negotiate with UNKNOWN port 65535: no matching MAC "
	    "found. Their offer: hmac-sha2-256"));
	assert_true(has(&r.stage[SL_NEGO_MAC].msgs, SL_NW_SERVER,
	    "Unable to negotiate with UNKNOWN port 65535: no matching MAC "
	    "found. Their offer: hmac-sha1 [preauth]"));
	f = plan(&c, &s, NULL, 0, &r, &ok, NULL);
	assert_true(ok);
	assert_string_equal(f.value, "hmac-sha1,hmac-sha2-256");
	/* with AES-GCM no MAC is negotiated (verified 9.2) */
	set(&c, false, SL_NO_CIPHERS, "aes128-gcm@openssh.com");
	walk(&c, &s, NULL, 0, &r);
	assert_true(r.ok);
	assert_int_equal(r.stage[SL_NEGO_MAC].status, SL_NEGO_SKIPPED);
	assert_string_equal(r.stage[SL_NEGO_MAC].chosen, "<implicit>");
}

/* 8: client 8.8+, RSA key, server without EXT_INFO */
static void
test_cb08_no_server_sig_algs(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(7, 1), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.failed, SL_NEGO_AUTH);
	assert_null(r.server_sig_algs);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NO_MUTUAL_TEST);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "send_pubkey_test: no mutual signature algorithm"));
	assert_true(has(&r.stage[SL_NEGO_AUTH].msgs, SL_NW_CLIENT,
	    "u@h: Permission denied (publickey,password,keyboard-interactive)."));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_int_equal(f.opt, SL_NO_PUBKEY);
	assert_string_equal(f.value, "+ssh-rsa");
	/* a 7.4 client (no key_sig_algorithm) signs ssh-rsa */
	side(&c, V(7, 4), false);
	walk(&c, &s, &id, 1, &r);
	assert_true(r.ok);
	assert_string_equal(r.ident[0].sigalg, "ssh-rsa");
	assert_true(has(&r.stage[SL_NEGO_AUTH].msgs, SL_NW_CLIENT,
	    "Authenticated to h (via proxy) using \"publickey\"."));
}

/* 9: the same with a private key without public half */
static void
test_cb09_no_public_half(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(7, 1), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	id.have_pub = false;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NO_MUTUAL_SIGN);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Trying private key: /home/u/.ssh/id"));
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "sign_and_send_pubkey: no mutual signature supported"));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_string_equal(f.value, "+ssh-rsa");
	/* verified 9.2: PEM ECDSA, no .pub, client allows ssh-ed25519 only */
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_ECDSA, false, 256);
	id.have_pub = false;
	set(&c, false, SL_NO_PUBKEY, "ssh-ed25519");
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NO_MUTUAL_SIGN);
}

/* 10: client 8.8+, RSA certificate, server before 7.8 */
static void
test_cb10_rsa_cert_old_server(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(7, 4), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, true, 3072);
	id.key.cert_sigalg = "rsa-sha2-512";
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NO_MUTUAL_TEST);
	/* the 7.4 bug: server-sig-algs without rsa-sha2 */
	assert_string_equal(r.server_sig_algs, "ssh-ed25519,ssh-rsa,ssh-dss,"
	    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521");
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_string_equal(f.value, "+ssh-rsa-cert-v01@openssh.com");
	/* a plain RSA key to the same 7.4 server works from 8.7 on
	 * (SSH_BUG_SIGTYPE74), not with an 8.4 client limited to rsa-sha2 */
	ident(&id, SL_KT_RSA, false, 3072);
	walk(&c, &s, &id, 1, &r);
	assert_true(r.ok);
	assert_string_equal(r.ident[0].sigalg, "rsa-sha2-512");
	side(&c, V(8, 4), false);
	set(&c, false, SL_NO_PUBKEY, "rsa-sha2-512");
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NO_MUTUAL_TEST);
}

/* 11: sshd 8.8+ default, client can only sign ssh-rsa */
static void
test_cb11_server_refuses_ssh_rsa(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	set(&c, false, SL_NO_PUBKEY, "ssh-rsa");
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SRV_NOT_ACCEPTED);
	/* verified 9.2 */
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "userauth_pubkey: signature algorithm ssh-rsa not in "
	    "PubkeyAcceptedAlgorithms [preauth]"));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	/* '+rsa-sha2-512' would come after ssh-rsa: put it first */
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_string_equal(f.value, "rsa-sha2-512,ssh-rsa");
	assert_false(f.weak);
	/* 8.8 and 8.9 name the key type */
	side(&s, V(8, 8), true);
	hostkey(&s, SL_KT_ED25519, 256);
	walk(&c, &s, &id, 1, &r);
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "userauth_pubkey: key type ssh-rsa not in "
	    "PubkeyAcceptedAlgorithms [preauth]"));
	/* a client older than 7.2: only the server can give way, in a Match */
	side(&c, V(7, 1), false);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SRV_NOT_ACCEPTED);
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_SERVER);
	assert_false(f.global);
	assert_string_equal(f.value, "+ssh-rsa");
}

/* 12: sshd 8.2+, user certificate signed by an RSA CA with ssh-rsa */
static void
test_cb12_user_cert_sha1_ca(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_ED25519, true, 256);
	id.key.cert_sigalg = "ssh-rsa";
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SRV_CA);
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "userauth_pubkey: certificate signature algorithm ssh-rsa: "
	    "signature algorithm not supported [preauth]"));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.side, SL_NW_SERVER);
	assert_int_equal(f.opt, SL_NO_CASIG);
	assert_false(f.global);
	assert_string_equal(f.value, "+ssh-rsa");
	/* 8.1 still allowed ssh-rsa */
	side(&s, V(8, 1), true);
	hostkey(&s, SL_KT_ED25519, 256);
	walk(&c, &s, &id, 1, &r);
	assert_true(r.ok);
}

/* 13: client 8.2+, host certificate signed with ssh-rsa */
static void
test_cb13_host_cert_sha1_ca(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;

	(void)state;
	side(&c, V(9, 2), false);
	c.known_ca = true;
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	sl_key_make(&hostkeys[1], SL_KT_ED25519, true, 256);
	hostkeys[1].cert_type = 2;
	hostkeys[1].cert_sigalg = "ssh-rsa";
	s.nhostkeys = 2;
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].chosen,
	    "ssh-ed25519-cert-v01@openssh.com");
	assert_int_equal(r.stage[SL_NEGO_HOSTKEY].status, SL_NEGO_WARN);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "Certificate signed with disallowed algorithm"));
	/* without a @cert-authority line ssh uses the plain key */
	c.known_ca = false;
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.stage[SL_NEGO_HOSTKEY].status, SL_NEGO_OK);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "No matching CA found. Retry with plain key"));
}

/* 14: RSA keys below RequiredRSASize (user key, server, host key) */
static void
test_cb14_rsa_size(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	c.list[SL_NO_RSASIZE] = "4096";
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SIZE_CLIENT);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "load pubkey \"/home/u/.ssh/id\": Invalid key length"));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.opt, SL_NO_RSASIZE);
	assert_string_equal(f.value, "3072");
	/* the server's RequiredRSASize */
	c.list[SL_NO_RSASIZE] = "1024";
	s.list[SL_NO_RSASIZE] = "4096";
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SRV_SIZE);
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "refusing RSA key: Invalid key length [preauth]"));
	/* a host key (verified 9.2: RequiredRSASize=4096, 3072-bit key) */
	side(&s, V(9, 2), true);
	s.nhostkeys = 0;
	hostkey(&s, SL_KT_RSA, 3072);
	c.list[SL_NO_RSASIZE] = "4096";
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_HOSTKEY);
	assert_int_equal(r.reason, SL_NR_HOSTKEY_SIZE);
	assert_true(has(&r.stage[SL_NEGO_HOSTKEY].msgs, SL_NW_CLIENT,
	    "Bad server host key: Invalid key length"));
	/* sshd drops its own RSA host key under its RequiredRSASize */
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_RSA, 3072);
	hostkey(&s, SL_KT_ED25519, 256);
	s.list[SL_NO_RSASIZE] = "4096";
	c.list[SL_NO_RSASIZE] = "1024";
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].server, "ssh-ed25519");
	/* an RSA key under 1024 bits is refused everywhere from 7.6 */
	c.list[SL_NO_RSASIZE] = "1024";
	side(&s, V(9, 2), true);
	s.nhostkeys = 0;
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 0);
	id.key.small = true;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SIZE_CLIENT);
}

/* 15: the agent declines to sign */
static void
test_cb15_agent_refuses(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	id.agent = SL_NAG_REFUSES;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_AGENT_REFUSED);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "sign_and_send_pubkey: signing failed for RSA \"/home/u/.ssh/id\" "
	    "from agent: agent refused operation"));
	side(&c, V(8, 1), false);
	walk(&c, &s, &id, 1, &r);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "sign_and_send_pubkey: signing failed: agent refused operation"));
	/* an agent that signs: a warning names what a refusal prints */
	id.agent = SL_NAG_SIGNS;
	walk(&c, &s, &id, 1, &r);
	assert_true(r.ok);
	assert_true(has_sub(&r.ident[0].msgs, "agent refused operation"));
}

/* 16: the agent returns an SHA-1 signature for RSA */
static void
test_cb16_agent_sha1(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_RSA, false, 3072);
	id.key.fp = "SHA256:abc";
	id.agent = SL_NAG_SHA1_ONLY;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_AGENT_SHA1);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "agent key RSA SHA256:abc returned incorrect signature type"));
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "sign_and_send_pubkey: no mutual signature supported"));
	/* +ssh-rsa on the client is not enough: sshd 9.2 refuses SHA-1 too */
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_int_equal(f.side, SL_NW_CLIENT);
	assert_string_equal(f.value, "+ssh-rsa");
}

/* 17: private key file readable by others */
static void
test_cb17_private_key_mode(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_ED25519, false, 256);
	id.priv_bad_perms = true;
	id.priv_mode = 0644;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_PRIV_PERMS);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @"));
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Permissions 0644 for '/home/u/.ssh/id' are too open."));
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Load key \"/home/u/.ssh/id\": bad permissions"));
	f = plan(&c, &s, &id, 1, &r, &ok, NULL);
	assert_false(ok);
	assert_int_equal(f.side, SL_NW_SSHLINT);
	assert_string_equal(f.command, "chmod 600 '/home/u/.ssh/id'");
}

/* 18: the configuration is refused (Bad owner or permissions) */
static void
test_cb18_config_refused(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;

	(void)state;
	side(&c, V(9, 2), false);
	c.fatal = "/home/u/.ssh/inc.conf:1:1: included file has bad "
	    "permissions [SSH021]";
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	walk(&c, &s, NULL, 0, &r);
	assert_int_equal(r.failed, SL_NEGO_CONFIG);
	assert_int_equal(r.reason, SL_NR_CONFIG_CLIENT);
	assert_int_equal(r.stage[SL_NEGO_KEX].status, SL_NEGO_NOT_REACHED);
	assert_true(has_sub(&r.stage[SL_NEGO_CONFIG].msgs, "SSH021"));
}

/* 19: authorized_keys refused (StrictModes) / not listed */
static void
test_cb19_not_authorized(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;
	struct sl_explain_match *m = NULL;
	long n;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_ED25519, false, 256);
	id.key.fp = "SHA256:xyz";
	id.authorized = 0;
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NOT_AUTHORIZED);
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "Failed publickey for u from UNKNOWN port 65535 ssh2: ED25519 "
	    "SHA256:xyz"));
	/* the StrictModes refusal itself is sshlint doctor's: explain points
	 * there */
	n = sl_explain("Authentication refused: bad ownership or modes for "
	    "directory /home/u", &m);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].entry->id, "strictmodes_refused");
	assert_non_null(strstr(m[0].entry->causes[0].check, "SSH614"));
	sl_explain_free(m, (size_t)n);
}

/* Files for the tests that read configurations. */
static char dir[] = "/tmp/sshlint-nego-XXXXXX";

static const char *
path(const char *name)
{
	static char p[4][512];
	static int k;

	k = (k + 1) % 4;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static void
write_file(const char *name, const char *text, mode_t mode)
{
	FILE *f = fopen(path(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path(name), mode);
}

static char *
read_file(const char *name)
{
	static char buf[8192];
	FILE *f = fopen(path(name), "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
setup_dir(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown_dir(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

struct run {
	struct sl_ctx *ctx;
	struct sl_nego *n;
};

static int
negotiate(struct run *rn, const char *client, const char *server,
    int cv, int sv, const char *hk)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_nego_query q;
	const char *hks[1];

	memset(&q, 0, sizeof(q));
	q.client_config = path(client);
	q.host = "h";
	q.client_version = cv;
	q.server_version = sv;
	q.server_config = server ? path(server) : NULL;
	if (hk != NULL) {
		hks[0] = path(hk);
		q.hostkeys = hks;
		q.nhostkeys = 1;
	}
	lo.home = dir;
	rn->ctx = sl_ctx_new();
	rn->n = NULL;
	if (rn->ctx == NULL)
		return SL_ENOMEM;
	return sl_negotiate(rn->ctx, &lo, &q, &rn->n);
}

static void
done(struct run *rn)
{
	sl_nego_free(rn->n);
	sl_ctx_free(rn->ctx);
}

/* Apply the edits to the files, as the rewriter would. */
static void
apply(const struct sl_nego *n)
{
	size_t i, k = sl_nego_nedits(n);

	for (i = k; i-- > 0;) {
		const struct sl_nego_edit *e = sl_nego_edit_at(n, i);
		char *data;
		FILE *f;
		size_t len;
		char *out;

		f = fopen(e->path, "r");
		assert_non_null(f);
		data = calloc(1, 65536);
		assert_non_null(data);
		len = fread(data, 1, 65535, f);
		fclose(f);
		out = calloc(1, len + strlen(e->text) + 1);
		assert_non_null(out);
		memcpy(out, data, e->start);
		memcpy(out + e->start, e->text, strlen(e->text));
		memcpy(out + e->start + strlen(e->text), data + e->end,
		    len - e->end);
		f = fopen(e->path, "w");
		assert_non_null(f);
		fwrite(out, 1, len - (e->end - e->start) + strlen(e->text), f);
		fclose(f);
		free(data);
		free(out);
	}
}

#define SSHD_BASE "HostKey %s\nPidFile none\n"

/* 20: an algorithm the targeted release does not know */
static void
test_cb20_unknown_algorithm(void **state)
{
	struct run rn;

	(void)state;
	write_file("c20", "Host h\n    HostKeyAlgorithms +ssh-dss\n", 0600);
	assert_int_equal(negotiate(&rn, "c20", NULL, V(10, 0), V(10, 0),
	    NULL), 0);
	assert_false(sl_nego_ok(rn.n));
	assert_int_equal(sl_nego_failed_stage(rn.n), SL_NEGO_CONFIG);
	done(&rn);
	/* 9.7 still knows it */
	assert_int_equal(negotiate(&rn, "c20", NULL, V(9, 7), V(9, 7), NULL),
	    0);
	assert_int_not_equal(sl_nego_failed_stage(rn.n), SL_NEGO_CONFIG);
	done(&rn);
}

/* 18 again, from the files: an Included file writable by others */
static void
test_cb18_include_permissions(void **state)
{
	struct run rn;
	char text[600];

	(void)state;
	write_file("inc18", "# included\n", 0666);
	snprintf(text, sizeof(text), "Include %s\nHost h\n    User u\n",
	    path("inc18"));
	write_file("c18", text, 0600);
	assert_int_equal(negotiate(&rn, "c18", NULL, V(9, 2), V(9, 2),
	    NULL), 0);
	assert_int_equal(sl_nego_failed_stage(rn.n), SL_NEGO_CONFIG);
	done(&rn);
	chmod(path("inc18"), 0644);
	assert_int_equal(negotiate(&rn, "c18", NULL, V(9, 2), V(9, 2),
	    NULL), 0);
	assert_int_not_equal(sl_nego_failed_stage(rn.n), SL_NEGO_CONFIG);
	done(&rn);
}

static void
write_hostkey(const char *name, const char *line)
{
	char pub[64];

	snprintf(pub, sizeof(pub), "%s.pub", name);
	write_file(pub, line, 0644);
}

/* An RSA host key (.pub) of 3072 bits, from ssh-keygen. */
static const char rsa_pub[] = "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAABgQCum/eKyh3qPNje/zSqCxAMs10Mfgt0XnT/me"
    "gWAOQeZ7I7i/nbYLukECdk3FCIleRNPGJbUXXo7urk9IcpbICFnMaiob0yviV4z7pM"
    "Qq/JJp6vhdPVZQ25XrOVqnTjJ+tLlEGMvU6t+ThX1XdIty9WfLKhmfQ8KoFUELv2I9"
    "xVq6X+cdLdH9vXuOl/JNzgytotO3rbGvGlu5aSZfQJvZbp+6MgHj2exzhsgkXNoDEk"
    "gVO2/l1VVymLCO+SroGYDMbjKe+jWQSpo558BdlkVhTmQKXntdvX9fKwEbRXw7Aztk"
    "4vRh46KfnBESVeJcSmG/QM3BTBBy2cXIyiId45rhvev6JGzxyhnoNLJuO/YUIvb5Ky"
    "FRT2jhvl+Rm33eiStHbN8i4O79NtGHskS9N3oW7n9tffIr1q+xTmuaqYCxTxA4AjQX"
    "NZBwZ+7sOOe+nAB4ZcZKyHQdIR4XwtQEfxAzJ0xcNOfQ7vVvr58Su5o8DDta4dRxpu"
    "Cm5DPr50bqwxBMc=" " hk\n";

/* The edits: into the host's own block, with its indentation. */
static void
test_edit_into_host_block(void **state)
{
	struct run rn;
	char cfg[256];
	const struct sl_nego_edit *e;

	(void)state;
	write_hostkey("hk1", rsa_pub);
	write_file("e1", "# mine\nHost other\n  User x\n\nHost h\n"
	    "  User u\n  ProxyCommand sshd -i\n\nHost *\n  Compression no\n",
	    0600);
	assert_int_equal(negotiate(&rn, "e1", NULL, V(9, 2), V(7, 1),
	    "hk1"), 0);
	assert_int_equal(sl_nego_failed_stage(rn.n), SL_NEGO_HOSTKEY);
	assert_int_equal(sl_nego_nedits(rn.n), 1);
	e = sl_nego_edit_at(rn.n, 0);
	assert_string_equal(e->side, "client");
	assert_string_equal(e->action, "insert");
	assert_int_equal(e->line, 8);
	assert_string_equal(e->text, "  HostKeyAlgorithms +ssh-rsa\n");
	apply(rn.n);
	done(&rn);
	snprintf(cfg, sizeof(cfg), "%s", read_file("e1"));
	assert_string_equal(cfg, "# mine\nHost other\n  User x\n\nHost h\n"
	    "  User u\n  ProxyCommand sshd -i\n  HostKeyAlgorithms +ssh-rsa\n"
	    "\nHost *\n  Compression no\n");
	/* fixing again changes nothing more: the host key step passes */
	assert_int_equal(negotiate(&rn, "e1", NULL, V(9, 2), V(7, 1),
	    "hk1"), 0);
	assert_int_not_equal(sl_nego_failed_stage(rn.n), SL_NEGO_HOSTKEY);
	done(&rn);
}

/* A value set in the host's block is changed in place; one set for every
 * host by an earlier 'Host *' gets a host block before it. */
static void
test_edit_replace_and_new_block(void **state)
{
	struct run rn;
	const struct sl_nego_edit *e;

	(void)state;
	write_hostkey("hk2", rsa_pub);
	write_file("e2", "Host h\n    HostKeyAlgorithms ssh-ed25519\n", 0600);
	assert_int_equal(negotiate(&rn, "e2", NULL, V(9, 2), V(7, 1),
	    "hk2"), 0);
	e = sl_nego_edit_at(rn.n, 0);
	assert_non_null(e);
	assert_string_equal(e->action, "replace");
	assert_int_equal(e->line, 2);
	assert_string_equal(e->text, "ssh-ed25519,ssh-rsa");
	apply(rn.n);
	done(&rn);
	assert_string_equal(read_file("e2"),
	    "Host h\n    HostKeyAlgorithms ssh-ed25519,ssh-rsa\n");

	write_file("e3", "Host *\n\tHostKeyAlgorithms ssh-ed25519\n"
	    "Host h\n\tUser u\n", 0600);
	assert_int_equal(negotiate(&rn, "e3", NULL, V(9, 2), V(7, 1),
	    "hk2"), 0);
	e = sl_nego_edit_at(rn.n, 0);
	assert_non_null(e);
	assert_string_equal(e->action, "insert");
	assert_int_equal(e->line, 1);
	assert_string_equal(e->text,
	    "Host h\n\tHostKeyAlgorithms ssh-ed25519,ssh-rsa\n\n");
	done(&rn);

	/* no block for the host: a new one at the end */
	write_file("e4", "Host *\n    User u", 0600);
	assert_int_equal(negotiate(&rn, "e4", NULL, V(9, 2), V(7, 1),
	    "hk2"), 0);
	e = sl_nego_edit_at(rn.n, 0);
	assert_non_null(e);
	assert_string_equal(e->text,
	    "\n\nHost h\n    HostKeyAlgorithms +ssh-rsa\n");
	done(&rn);
}

/* Server fixes: a Match block for the user, or a global line. */
static void
test_edit_server(void **state)
{
	struct run rn;
	char sshd[512];
	const struct sl_nego_edit *e;
	size_t i;
	bool match = false;

	(void)state;
	write_hostkey("hk3", rsa_pub);
	write_file("c5", "Host h\n    User u\n    ProxyCommand sshd -i\n"
	    "    PubkeyAcceptedAlgorithms ssh-rsa\n", 0600);
	snprintf(sshd, sizeof(sshd), SSHD_BASE, path("hk3"));
	write_file("s5", sshd, 0600);
	/* a 9.2 client limited to ssh-rsa gets the client fix */
	assert_int_equal(negotiate(&rn, "c5", "s5", V(9, 2), V(9, 2), NULL),
	    0);
	done(&rn);
	/* sshd KexAlgorithms: global, after the last global line */
	write_file("c6", "Host h\n    User u\n    ProxyCommand sshd -i\n"
	    "    KexAlgorithms diffie-hellman-group14-sha1\n", 0600);
	snprintf(sshd, sizeof(sshd), "KexAlgorithms curve25519-sha256\n"
	    SSHD_BASE "Match User nobody\n    X11Forwarding no\n",
	    path("hk3"));
	write_file("s6", sshd, 0600);
	assert_int_equal(negotiate(&rn, "c6", "s6", V(9, 2), V(9, 2), NULL),
	    0);
	assert_int_equal(sl_nego_failed_stage(rn.n), SL_NEGO_KEX);
	e = sl_nego_edit_at(rn.n, 0);
	assert_non_null(e);
	/* the client can do it: its explicit list grows */
	assert_string_equal(e->side, "client");
	assert_string_equal(e->text,
	    "diffie-hellman-group14-sha1,curve25519-sha256");
	done(&rn);
	/* sshd refusing RSA keys: a Match User block at the end */
	write_file("c7", "Host h\n    User u\n    ProxyCommand sshd -i\n",
	    0600);
	snprintf(sshd, sizeof(sshd), SSHD_BASE
	    "PubkeyAcceptedAlgorithms ssh-ed25519\n", path("hk3"));
	write_file("s7", sshd, 0600);
	{
		struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
		struct sl_nego_query q;
		const char *ids[1];

		write_file("id7.pub", rsa_pub, 0644);
		write_file("id7", "", 0600);
		memset(&q, 0, sizeof(q));
		q.client_config = path("c7");
		q.host = "h";
		q.client_version = q.server_version = V(9, 2);
		q.server_config = path("s7");
		ids[0] = path("id7");
		q.identities = ids;
		q.nidentities = 1;
		lo.home = dir;
		rn.ctx = sl_ctx_new();
		assert_int_equal(sl_negotiate(rn.ctx, &lo, &q, &rn.n), 0);
	}
	assert_int_equal(sl_nego_failed_stage(rn.n), SL_NEGO_AUTH);
	for (i = 0; i < sl_nego_nedits(rn.n); i++) {
		e = sl_nego_edit_at(rn.n, i);
		if (strcmp(e->side, "server") == 0 &&
		    strcmp(e->text, "\nMatch User u\n    "
		    "PubkeyAcceptedAlgorithms ssh-ed25519,rsa-sha2-512\n") ==
		    0)
			match = true;
	}
	assert_true(match);
	done(&rn);
}

/* The list markers, strict KEX and the known_hosts order (verified 9.2:
 * with only an RSA key in known_hosts the client prefers rsa-sha2-512). */
static void
test_kex_markers_and_order(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nresult r;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	hostkey(&s, SL_KT_RSA, 3072);
	hostkey(&s, SL_KT_ECDSA, 256);
	walk(&c, &s, NULL, 0, &r);
	assert_true(r.ok);
	assert_true(r.strict_kex);
	assert_string_equal(r.stage[SL_NEGO_KEX].chosen,
	    "sntrup761x25519-sha512");
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].server,
	    "ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256");
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].chosen, "ssh-ed25519");
	c.known_types = "ssh-rsa";
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].chosen, "rsa-sha2-512");
	{
		static const char want[] = "rsa-sha2-512-cert-v01@openssh.com,"
		    "rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,"
		    "rsa-sha2-256,ssh-ed25519-cert-v01@openssh.com,";

		assert_int_equal(strncmp(r.stage[SL_NEGO_HOSTKEY].client,
		    want, strlen(want)), 0);
	}
	/* an explicit list is sent verbatim */
	set(&c, false, SL_NO_HOSTKEYALGS, "ssh-ed25519,rsa-sha2-512");
	walk(&c, &s, NULL, 0, &r);
	assert_string_equal(r.stage[SL_NEGO_HOSTKEY].chosen, "ssh-ed25519");
	/* 9.2 client vs upstream 9.5 server: no strict KEX */
	side(&s, V(9, 5), true);
	s.nhostkeys = 0;
	hostkey(&s, SL_KT_ED25519, 256);
	walk(&c, &s, NULL, 0, &r);
	assert_false(r.strict_kex);
	/* 10.1 client, non-PQ kex chosen: the warning */
	side(&c, V(10, 1), false);
	side(&s, V(9, 5), true);
	s.nhostkeys = 1;
	set(&s, true, SL_NO_KEX, "curve25519-sha256");
	walk(&c, &s, NULL, 0, &r);
	assert_true(r.ok);
	assert_int_equal(r.stage[SL_NEGO_KEX].status, SL_NEGO_WARN);
	assert_true(has(&r.stage[SL_NEGO_KEX].msgs, SL_NW_CLIENT,
	    "** WARNING: connection is not using a post-quantum key exchange "
	    "algorithm."));
}

/* server-sig-algs by release, and the 9.6 client's filter. */
static void
test_server_sig_algs(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_ED25519, false, 256);
	walk(&c, &s, &id, 1, &r);
	/* verified 9.2: independent of PubkeyAcceptedAlgorithms */
	assert_string_equal(r.server_sig_algs, "ssh-ed25519,"
	    "sk-ssh-ed25519@openssh.com,ecdsa-sha2-nistp256,"
	    "ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
	    "sk-ecdsa-sha2-nistp256@openssh.com,"
	    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com,ssh-dss,ssh-rsa,"
	    "rsa-sha2-256,rsa-sha2-512");
	/* 9.6+: the server's own list; the 9.6 client skips what it lacks */
	side(&c, V(9, 6), false);
	side(&s, V(9, 6), true);
	s.nhostkeys = 1;
	set(&s, true, SL_NO_PUBKEY, "ssh-ed25519");
	ident(&id, SL_KT_RSA, false, 3072);
	walk(&c, &s, &id, 1, &r);
	assert_string_equal(r.server_sig_algs, "ssh-ed25519");
	assert_int_equal(r.ident[0].reason, SL_NR_ID_NOT_BY_SERVER);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Skipping ssh-rsa key /home/u/.ssh/id - corresponding algorithm "
	    "not supported by server"));
	/* the client's own filter, worded by release */
	side(&s, V(9, 2), true);
	s.nhostkeys = 1;
	set(&c, false, SL_NO_PUBKEY, "ssh-ed25519");
	walk(&c, &s, &id, 1, &r);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Skipping ssh-rsa key /home/u/.ssh/id - corresponding algorithm "
	    "not in PubkeyAcceptedAlgorithms"));
	side(&c, V(9, 2), false);
	set(&c, false, SL_NO_PUBKEY, "ssh-ed25519");
	walk(&c, &s, &id, 1, &r);
	/* verified 9.2 */
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Skipping ssh-rsa key /home/u/.ssh/id - corresponding algo not in "
	    "PubkeyAcceptedAlgorithms"));
	side(&c, V(8, 4), false);
	set(&c, false, SL_NO_PUBKEY, "ssh-ed25519");
	walk(&c, &s, &id, 1, &r);
	assert_true(has(&r.ident[0].msgs, SL_NW_CLIENT,
	    "Skipping ssh-rsa key /home/u/.ssh/id - not in "
	    "PubkeyAcceptedKeyTypes"));
}

/* MaxAuthTries with many agent keys; the fix is IdentitiesOnly. */
static void
test_too_many_keys(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id[8];
	struct sl_nresult r;
	struct sl_nfix f;
	bool ok;
	int i;

	(void)state;
	side(&c, V(9, 2), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	for (i = 0; i < 7; i++) {
		ident(&id[i], SL_KT_ED25519, false, 256);
		id[i].src = SL_NID_AGENT;
		id[i].agent = SL_NAG_SIGNS;
		id[i].file = "agent key";
		id[i].authorized = 0;
	}
	ident(&id[7], SL_KT_ED25519, false, 256);
	walk(&c, &s, id, 8, &r);
	assert_int_equal(r.reason, SL_NR_TOO_MANY);
	assert_true(has(&r.stage[SL_NEGO_AUTH].msgs, SL_NW_CLIENT,
	    "Received disconnect from UNKNOWN port 65535:2: Too many "
	    "authentication failures"));
	f = plan(&c, &s, id, 8, &r, &ok, NULL);
	assert_true(ok);
	assert_int_equal(f.opt, SL_NO_IDENTITIESONLY);
	assert_string_equal(f.value, "yes");
}

/* Key types a release does not know. */
static void
test_key_types(void **state)
{
	struct sl_nego_side c, s;
	struct sl_nego_ident id;
	struct sl_nresult r;

	(void)state;
	side(&c, V(10, 0), false);
	side(&s, V(9, 2), true);
	hostkey(&s, SL_KT_ED25519, 256);
	ident(&id, SL_KT_DSA, false, 1024);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_TYPE_CLIENT);
	/* a security key offered to 7.4 */
	side(&c, V(9, 2), false);
	side(&s, V(7, 4), true);
	s.nhostkeys = 1;
	ident(&id, SL_KT_SK_ED25519, false, 256);
	walk(&c, &s, &id, 1, &r);
	assert_int_equal(r.ident[0].reason, SL_NR_ID_SRV_UNSUPPORTED);
	assert_true(has(&r.ident[0].msgs, SL_NW_SERVER,
	    "userauth_pubkey: unsupported public key algorithm: "
	    "sk-ssh-ed25519@openssh.com [preauth]"));
}

/* Key files: the public half from .pub, an OpenSSH private key, PEM. */
static void
test_key_files(void **state)
{
	struct sl_keyfile kf;
	static const char pem[] = "-----BEGIN RSA PRIVATE KEY-----\n"
	    "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
	    "-----END RSA PRIVATE KEY-----\n";

	(void)state;
	write_file("k1.pub", rsa_pub, 0644);
	assert_int_equal(sl_keyfile_read(&A, path("k1"), &kf), 0);
	assert_true(kf.have_pub);
	assert_false(kf.exists);
	assert_int_equal(kf.key.kt, SL_KT_RSA);
	assert_int_equal(kf.key.bits, 3072);
	assert_string_equal(sl_key_ssh_name(&kf.key), "ssh-rsa");
	write_file("k2", pem, 0644);
	assert_int_equal(sl_keyfile_read(&A, path("k2"), &kf), 0);
	assert_true(kf.is_private && kf.encrypted && kf.key_known);
	assert_false(kf.have_pub);
	assert_int_equal(kf.key.kt, SL_KT_RSA);
	assert_int_equal(kf.mode & 0777, 0644);
	assert_int_equal(sl_key_alg_type("rsa-sha2-512-cert-v01@openssh.com",
	    NULL, NULL), SL_KT_RSA);
	assert_string_equal(sl_key_sigalg_plain(
	    "sk-ssh-ed25519-cert-v01@openssh.com"), "sk-ssh-ed25519@openssh.com");
}

/* Allocation failures: an error, never a crash or a leak. */
static void
test_alloc_failure(void **state)
{
	struct run rn;
	long n;
	int r;

	(void)state;
	write_hostkey("hk9", rsa_pub);
	write_file("c9", "Host h\n    ProxyCommand sshd -i\n", 0600);
	for (n = 0; n < 100000; n++) {
		sl_alloc_fail_after(n);
		r = negotiate(&rn, "c9", NULL, V(9, 2), V(7, 1), "hk9");
		sl_alloc_fail_after(-1);
		if (r == 0) {
			assert_non_null(rn.n);
			done(&rn);
			break;
		}
		assert_true(r == SL_ENOMEM || r < 0);
		done(&rn);
	}
	assert_true(n > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_cb01_hostkey_ssh_rsa_only,
		    teardown),
		cmocka_unit_test_teardown(test_cb02_old_client_rsa_sha2,
		    teardown),
		cmocka_unit_test_teardown(test_cb03_dsa_host_key, teardown),
		cmocka_unit_test_teardown(test_cb04_sha1_kex_server, teardown),
		cmocka_unit_test_teardown(test_cb05_server10_ffdh_client,
		    teardown),
		cmocka_unit_test_teardown(test_cb06_cbc_only, teardown),
		cmocka_unit_test_teardown(test_cb07_macs, teardown),
		cmocka_unit_test_teardown(test_cb08_no_server_sig_algs,
		    teardown),
		cmocka_unit_test_teardown(test_cb09_no_public_half, teardown),
		cmocka_unit_test_teardown(test_cb10_rsa_cert_old_server,
		    teardown),
		cmocka_unit_test_teardown(test_cb11_server_refuses_ssh_rsa,
		    teardown),
		cmocka_unit_test_teardown(test_cb12_user_cert_sha1_ca,
		    teardown),
		cmocka_unit_test_teardown(test_cb13_host_cert_sha1_ca,
		    teardown),
		cmocka_unit_test_teardown(test_cb14_rsa_size, teardown),
		cmocka_unit_test_teardown(test_cb15_agent_refuses, teardown),
		cmocka_unit_test_teardown(test_cb16_agent_sha1, teardown),
		cmocka_unit_test_teardown(test_cb17_private_key_mode,
		    teardown),
		cmocka_unit_test_teardown(test_cb18_config_refused, teardown),
		cmocka_unit_test_teardown(test_cb18_include_permissions,
		    teardown),
		cmocka_unit_test_teardown(test_cb19_not_authorized, teardown),
		cmocka_unit_test_teardown(test_cb20_unknown_algorithm,
		    teardown),
		cmocka_unit_test_teardown(test_edit_into_host_block, teardown),
		cmocka_unit_test_teardown(test_edit_replace_and_new_block,
		    teardown),
		cmocka_unit_test_teardown(test_edit_server, teardown),
		cmocka_unit_test_teardown(test_kex_markers_and_order, teardown),
		cmocka_unit_test_teardown(test_server_sig_algs, teardown),
		cmocka_unit_test_teardown(test_too_many_keys, teardown),
		cmocka_unit_test_teardown(test_key_types, teardown),
		cmocka_unit_test_teardown(test_key_files, teardown),
		cmocka_unit_test_teardown(test_alloc_failure, teardown),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
