/*
 * Unit tests of lint/keyfile.c and its helpers: SHA-256 and base64 (known
 * vectors), key blobs and the text form for every key type (keys made by
 * ssh-keygen at test time, compared with ssh-keygen -l; security keys and
 * their certificates from fixtures/keys), private key files (headers
 * only), and authorized_keys options and lines.
 */
#define UNIT_TESTING 1

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lint/keyfile.h"
#include "lint/util/base64.h"
#include "lint/util/sha256.h"
#include "sshlint/sshlint.h"

/* ---- SHA-256 (FIPS 180-2 examples) ---- */

static void
hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", p[i]);
}

static void
test_sha256_vectors(void **state)
{
	unsigned char d[SL_SHA256_LEN];
	char h[65];
	struct sl_sha256 c;
	char chunk[997];
	size_t left;

	(void)state;
	sl_sha256("", 0, d);
	hex(d, sizeof(d), h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sl_sha256("abc", 3, d);
	hex(d, sizeof(d), h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sl_sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, d);
	hex(d, sizeof(d), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	/* one million 'a', in odd-sized pieces */
	memset(chunk, 'a', sizeof(chunk));
	sl_sha256_init(&c);
	for (left = 1000000; left > 0;) {
		size_t n = left < sizeof(chunk) ? left : sizeof(chunk);

		sl_sha256_update(&c, chunk, n);
		left -= n;
	}
	sl_sha256_final(&c, d);
	hex(d, sizeof(d), h);
	assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
	/* 55, 56 and 64 bytes: padding across the block edge */
	memset(chunk, 'b', 64);
	sl_sha256(chunk, 64, d);
	hex(d, sizeof(d), h);
	assert_int_equal(strlen(h), 64);
}

/* ---- base64 (RFC 4648 section 10) ---- */

static void
test_base64_vectors(void **state)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob",
	    "fooba", "foobar" };
	static const char *const out[] = { "", "Zg==", "Zm8=", "Zm9v",
	    "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	static const char *const nopad[] = { "", "Zg", "Zm8", "Zm9v",
	    "Zm9vYg", "Zm9vYmE", "Zm9vYmFy" };
	char buf[64];
	unsigned char dec[64];
	size_t i, bad;
	long n;

	(void)state;
	for (i = 0; i < 7; i++) {
		sl_base64_encode(in[i], strlen(in[i]), buf, sizeof(buf), false);
		assert_string_equal(buf, out[i]);
		sl_base64_encode(in[i], strlen(in[i]), buf, sizeof(buf), true);
		assert_string_equal(buf, nopad[i]);
		n = sl_base64_decode(out[i], strlen(out[i]), dec, sizeof(dec),
		    false, &bad);
		assert_int_equal(n, (long)strlen(in[i]));
		assert_memory_equal(dec, in[i], strlen(in[i]));
		n = sl_base64_decode(nopad[i], strlen(nopad[i]), dec,
		    sizeof(dec), true, &bad);
		assert_int_equal(n, (long)strlen(in[i]));
	}
	/* errors, with the offset of the culprit */
	assert_int_equal(sl_base64_decode("Zm9v!mFy", 8, dec, sizeof(dec),
	    false, &bad), -1);
	assert_int_equal(bad, 4);
	assert_int_equal(sl_base64_decode("Zg=", 3, dec, sizeof(dec), false,
	    &bad), -1);
	assert_int_equal(sl_base64_decode("Zh==", 4, dec, sizeof(dec), false,
	    &bad), -1);	/* non-zero trailing bits */
	assert_int_equal(sl_base64_decode("Z", 1, dec, sizeof(dec), true,
	    &bad), -1);
	assert_int_equal(sl_base64_decode("Zg", 2, dec, sizeof(dec), false,
	    &bad), -1);	/* padding required */
	assert_int_equal(sl_base64_decode("Z=g=", 4, dec, sizeof(dec), false,
	    &bad), -1);
	/* output too small */
	assert_int_equal(sl_base64_decode("Zm9vYmFy", 8, dec, 3, false, &bad),
	    -1);
}

/* ---- keys made by ssh-keygen ---- */

static char tmpdir[] = "/tmp/sshlint-keyfile-XXXXXX";
static bool have_keygen;

static int
setup_keys(void **state)
{
	char cmd[2048];

	(void)state;
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	have_keygen = system("ssh-keygen -? >/dev/null 2>&1; "
	    "command -v ssh-keygen >/dev/null") == 0;
	if (!have_keygen)
		return 0;
	snprintf(cmd, sizeof(cmd),
	    "cd %s && "
	    "ssh-keygen -q -t rsa -b 2048 -N '' -C 'c rsa' -f rsa && "
	    "ssh-keygen -q -t rsa -b 1024 -N '' -f rsa1024 && "
	    "ssh-keygen -q -t dsa -N '' -f dsa && "
	    "ssh-keygen -q -t ecdsa -b 256 -N '' -f ec256 && "
	    "ssh-keygen -q -t ecdsa -b 384 -N '' -f ec384 && "
	    "ssh-keygen -q -t ecdsa -b 521 -N '' -f ec521 && "
	    "ssh-keygen -q -t ed25519 -N '' -f ed && "
	    "ssh-keygen -q -t ed25519 -N 'a passphrase' -f edenc && "
	    "ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -f pemrsa && "
	    "ssh-keygen -q -t rsa -b 2048 -m PEM -N 'a passphrase' -f pemenc && "
	    "ssh-keygen -q -t ecdsa -m PEM -N '' -f pemec && "
	    "ssh-keygen -q -t rsa -b 2048 -m PKCS8 -N '' -f p8rsa && "
	    "ssh-keygen -q -t ecdsa -b 384 -m PKCS8 -N '' -f p8ec && "
	    "ssh-keygen -q -t ed25519 -N '' -f ca && "
	    "ssh-keygen -q -s ca -I uid -n alice,bob -V 20200101:20300101 "
	    "ed.pub && "
	    "ssh-keygen -q -s ca -I hid -h -n h1 -t rsa-sha2-256 rsa.pub "
	    ">/dev/null 2>&1 || ssh-keygen -q -s ca -I hid -h -n h1 rsa.pub && "
	    "ssh-keygen -q -s ca -I did -n x dsa.pub && "
	    "ssh-keygen -q -s ca -I eid -n x ec384.pub", tmpdir);
	if (system(cmd) != 0)
		return -1;
	return 0;
}

static int
teardown_keys(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL)
		return NULL;
	buf = malloc(1 << 20);
	n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

/* "BITS SHA256:... comment (LABEL)" from ssh-keygen -l */
static void
keygen_l(const char *path, unsigned *bits, char *fp, char *label)
{
	char cmd[1024], line[1024], *p;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ssh-keygen -lf '%s'", path);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof(line), f));
	pclose(f);
	assert_int_equal(sscanf(line, "%u %63s", bits, fp), 2);
	p = strrchr(line, '(');
	assert_non_null(p);
	snprintf(label, 64, "%s", p + 1);
	*strchr(label, ')') = '\0';
}

static void
check_pub_file(const char *name)
{
	char path[1024], fp[64], want_fp[64], label[64];
	unsigned bits;
	struct sl_privkey_info pi;
	size_t len;
	char *data;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	data = slurp(path, &len);
	assert_non_null(data);
	assert_int_equal(sl_privkey_inspect(data, len, &pi), 0);
	free(data);
	assert_int_equal(pi.format, SL_PK_PUBLIC);
	assert_true(pi.have_public);
	keygen_l(path, &bits, want_fp, label);
	assert_string_equal(sl_pubkey_fp_str(pi.key.plain_fp, fp, sizeof(fp)),
	    want_fp);
	assert_int_equal(pi.key.bits, bits);
	assert_string_equal(pi.key.label, label);
}

static void
test_pub_files(void **state)
{
	static const char *const names[] = { "rsa.pub", "rsa1024.pub",
	    "dsa.pub", "ec256.pub", "ec384.pub", "ec521.pub", "ed.pub",
	    "pemrsa.pub", "p8ec.pub", "ed-cert.pub", "rsa-cert.pub",
	    "dsa-cert.pub", "ec384-cert.pub" };
	size_t i;

	(void)state;
	if (!have_keygen)
		skip();
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		check_pub_file(names[i]);
}

static void
test_certificates(void **state)
{
	char path[1024], fp[64], cafp[64], label[64];
	struct sl_privkey_info pi, ca;
	unsigned bits;
	size_t len;
	char *data;

	(void)state;
	if (!have_keygen)
		skip();
	snprintf(path, sizeof(path), "%s/ed-cert.pub", tmpdir);
	data = slurp(path, &len);
	sl_privkey_inspect(data, len, &pi);
	free(data);
	assert_true(pi.key.cert);
	assert_string_equal(pi.key.name, "ssh-ed25519-cert-v01@openssh.com");
	assert_string_equal(pi.key.plain, "ssh-ed25519");
	assert_int_equal(pi.key.c.type, SL_CERT_USER);
	assert_string_equal(pi.key.c.key_id, "uid");
	assert_string_equal(pi.key.c.principals, "alice,bob");
	assert_int_equal(pi.key.c.nprincipals, 2);
	assert_string_equal(pi.key.c.ca_name, "ssh-ed25519");
	assert_string_equal(pi.key.c.sig_alg, "ssh-ed25519");
	assert_true(pi.key.c.valid_after > 1500000000u);
	assert_true(pi.key.c.valid_before > pi.key.c.valid_after);
	/* the certificate's key is the key of ed.pub */
	snprintf(path, sizeof(path), "%s/ed.pub", tmpdir);
	data = slurp(path, &len);
	sl_privkey_inspect(data, len, &ca);
	free(data);
	assert_memory_equal(ca.key.plain_fp, pi.key.plain_fp, SL_SHA256_LEN);
	assert_memory_not_equal(ca.key.fp, pi.key.fp, SL_SHA256_LEN);
	/* the CA fingerprint */
	snprintf(path, sizeof(path), "%s/ca.pub", tmpdir);
	keygen_l(path, &bits, cafp, label);
	assert_string_equal(sl_pubkey_fp_str(pi.key.c.ca_fp, fp, sizeof(fp)),
	    cafp);
	/* host certificate, RSA, signed with rsa-sha2-256 or the default */
	snprintf(path, sizeof(path), "%s/rsa-cert.pub", tmpdir);
	data = slurp(path, &len);
	sl_privkey_inspect(data, len, &pi);
	free(data);
	assert_int_equal(pi.key.c.type, SL_CERT_HOST);
	assert_string_equal(pi.key.label, "RSA-CERT");
	assert_int_equal(pi.key.c.valid_before, UINT64_MAX);
}

static void
check_private(const char *name, enum sl_privkey_format fmt, bool enc,
    bool pub, const char *hint)
{
	char path[1024], pubpath[2048], fp[64], want_fp[64], label[64];
	struct sl_privkey_info pi;
	unsigned bits;
	size_t len;
	char *data;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	data = slurp(path, &len);
	assert_non_null(data);
	sl_privkey_inspect(data, len, &pi);
	free(data);
	assert_int_equal(pi.format, fmt);
	assert_int_equal(pi.encrypted, enc);
	assert_int_equal(pi.have_public, pub);
	if (hint != NULL)
		assert_string_equal(pi.type_hint, hint);
	if (!pub)
		return;
	snprintf(pubpath, sizeof(pubpath), "%s.pub", path);
	keygen_l(pubpath, &bits, want_fp, label);
	assert_string_equal(sl_pubkey_fp_str(pi.key.plain_fp, fp, sizeof(fp)),
	    want_fp);
	assert_int_equal(pi.key.bits, bits);
}

static void
test_private_files(void **state)
{
	(void)state;
	if (!have_keygen)
		skip();
	check_private("rsa", SL_PK_OPENSSH, false, true, NULL);
	check_private("dsa", SL_PK_OPENSSH, false, true, NULL);
	check_private("ec521", SL_PK_OPENSSH, false, true, NULL);
	check_private("ed", SL_PK_OPENSSH, false, true, NULL);
	/* encrypted: the public half is still in the clear header */
	check_private("edenc", SL_PK_OPENSSH, true, true, NULL);
	check_private("pemrsa", SL_PK_PEM_RSA, false, true, "RSA");
	check_private("pemenc", SL_PK_PEM_RSA, true, false, "RSA");
	check_private("pemec", SL_PK_PEM_EC, false, true, "ECDSA");
	check_private("p8rsa", SL_PK_PKCS8, false, true, "RSA");
	check_private("p8ec", SL_PK_PKCS8, false, true, "ECDSA");
}

/* ---- security keys (fixtures) ---- */

static void
test_sk_fixtures(void **state)
{
	static const struct {
		const char *file, *name, *label, *fp, *app;
		bool cert;
	} t[] = {
		{ "sk-ed25519.pub", "sk-ssh-ed25519@openssh.com", "ED25519-SK",
		    "SHA256:kA+6prvXSIw1zNcOAZCphj4QdO+9Y8r89xMeMk6Mc94",
		    "ssh:", false },
		{ "sk-ecdsa.pub", "sk-ecdsa-sha2-nistp256@openssh.com",
		    "ECDSA-SK",
		    "SHA256:X0Aq/9FYJKKfssltNraJWaTiMYqhHBTg/HRRxULkoqQ",
		    "ssh:sshlint", false },
		{ "sk-ed25519-cert.pub",
		    "sk-ssh-ed25519-cert-v01@openssh.com", "ED25519-SK-CERT",
		    "SHA256:kA+6prvXSIw1zNcOAZCphj4QdO+9Y8r89xMeMk6Mc94",
		    "ssh:", true },
		{ "sk-ecdsa-cert.pub",
		    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
		    "ECDSA-SK-CERT",
		    "SHA256:X0Aq/9FYJKKfssltNraJWaTiMYqhHBTg/HRRxULkoqQ",
		    "ssh:sshlint", true },
	};
	char path[1024], fp[64];
	struct sl_privkey_info pi;
	size_t i, len;
	char *data;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(path, sizeof(path), "%s/fixtures/keys/%s",
		    SL_SOURCE_ROOT, t[i].file);
		data = slurp(path, &len);
		assert_non_null(data);
		sl_privkey_inspect(data, len, &pi);
		free(data);
		assert_int_equal(pi.format, SL_PK_PUBLIC);
		assert_string_equal(pi.key.name, t[i].name);
		assert_string_equal(pi.key.label, t[i].label);
		assert_int_equal(pi.key.bits, 256);
		assert_int_equal(pi.key.cert, t[i].cert);
		assert_string_equal(pi.key.application, t[i].app);
		assert_string_equal(sl_pubkey_fp_str(pi.key.plain_fp, fp,
		    sizeof(fp)), t[i].fp);
		/* security keys exist from 8.2 */
		assert_true(sl_pubkey_type_supported(pi.key.name,
		    SL_VERSION(8, 2)));
		assert_false(sl_pubkey_type_supported(pi.key.name,
		    SL_VERSION(8, 1)));
	}
	/* the expired certificate's interval */
	snprintf(path, sizeof(path), "%s/fixtures/keys/sk-ecdsa-cert.pub",
	    SL_SOURCE_ROOT);
	data = slurp(path, &len);
	sl_privkey_inspect(data, len, &pi);
	free(data);
	assert_string_equal(pi.key.c.principals, "bob,carol");
	assert_true(pi.key.c.valid_before < 1700000000u);
}

/* ---- the text form: what sshkey_read() refuses ---- */

static const char ed_line[] = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINhgm2Wj"
    "SymvBcbQh0bc64L3Fl1+fel3VdpPZM1aVDSl comment here";

static void
test_text_form(void **state)
{
	struct sl_pubkey k;
	struct sl_pubkey_text pos;
	const char *why;
	size_t off;
	char line[512];

	(void)state;
	assert_int_equal(sl_pubkey_parse_text(ed_line, strlen(ed_line), 0, &k,
	    &pos, &why, &off), 0);
	assert_string_equal(k.name, "ssh-ed25519");
	assert_int_equal(pos.b64_off, 12);
	assert_int_equal(pos.comment_len, strlen("comment here"));
	/* the short name, any case (sshkey_type_from_name()) */
	snprintf(line, sizeof(line), "ED25519%s", ed_line + 11);
	assert_int_equal(sl_pubkey_parse_text(line, strlen(line), 0, &k, &pos,
	    &why, &off), 0);
	/* a type the blob does not have */
	snprintf(line, sizeof(line), "ssh-rsa%s", ed_line + 11);
	assert_int_equal(sl_pubkey_parse_text(line, strlen(line), 0, &k, &pos,
	    &why, &off), -1);
	assert_string_equal(why, "key type does not match");
	/* damaged base64: the offset of the bad character */
	snprintf(line, sizeof(line), "%s", ed_line);
	line[20] = '*';
	assert_int_equal(sl_pubkey_parse_text(line, strlen(line), 0, &k, &pos,
	    &why, &off), -1);
	assert_string_equal(why, "invalid base64");
	assert_int_equal(off, 20);
	/* truncated blob */
	assert_int_equal(sl_pubkey_parse_text(ed_line, 40, 0, &k, &pos, &why,
	    &off), -1);
	/* no key after the type */
	assert_int_equal(sl_pubkey_parse_text("ssh-ed25519 ", 12, 0, &k, &pos,
	    &why, &off), -1);
	/* unknown type */
	assert_int_equal(sl_pubkey_parse_text("ssh-foo AAAA", 12, 0, &k, &pos,
	    &why, &off), -1);
	assert_string_equal(why, "unknown or unsupported key type");
	/* release-dependent: DSA is gone in 10.0 */
	assert_true(sl_pubkey_type_supported("ssh-dss", SL_VERSION(9, 7)));
	assert_false(sl_pubkey_type_supported("ssh-dss", SL_VERSION(10, 0)));
	assert_false(sl_pubkey_type_supported("ssh-mldsa44-ed25519@openssh.com",
	    SL_VERSION(10, 3)));
}

/* An RSA blob with an n of `bits` bits (e = 65537). */
static size_t
rsa_blob(unsigned char *b, unsigned bits)
{
	size_t o = 0, nlen = bits / 8 + 1, i;

	memcpy(b, "\0\0\0\7ssh-rsa", 11);
	o = 11;
	memcpy(b + o, "\0\0\0\3\1\0\1", 7);
	o += 7;
	b[o++] = (unsigned char)(nlen >> 24);
	b[o++] = (unsigned char)(nlen >> 16);
	b[o++] = (unsigned char)(nlen >> 8);
	b[o++] = (unsigned char)nlen;
	b[o++] = 0;
	for (i = 1; i < nlen; i++)
		b[o++] = 0xc3;
	return o;
}

static void
test_blobs(void **state)
{
	unsigned char b[4096];
	struct sl_pubkey k;
	const char *why;
	size_t n;

	(void)state;
	n = rsa_blob(b, 2048);
	assert_int_equal(sl_pubkey_from_blob(b, n, &k, &why), 0);
	assert_int_equal(k.bits, 2048);
	n = rsa_blob(b, 768);
	assert_int_equal(sl_pubkey_from_blob(b, n, &k, &why), -1);
	assert_string_equal(why, "Invalid key length");
	/* trailing bytes */
	n = rsa_blob(b, 2048);
	b[n] = 0;
	assert_int_equal(sl_pubkey_from_blob(b, n + 1, &k, &why), -1);
	/* truncated */
	assert_int_equal(sl_pubkey_from_blob(b, 30, &k, &why), -1);
	assert_string_equal(why, "incomplete message");
	/* negative modulus */
	n = rsa_blob(b, 2048);
	b[22] = 0x80;
	assert_int_equal(sl_pubkey_from_blob(b, n, &k, &why), -1);
	/* a signature-only name is not a key type in a blob */
	memcpy(b, "\0\0\0\14rsa-sha2-256", 16);
	assert_int_equal(sl_pubkey_from_blob(b, 16, &k, &why), -1);
	assert_string_equal(why, "unknown or unsupported key type");
}

static void
test_sig_algs(void **state)
{
	struct sl_pubkey k;
	const char *a[4];

	(void)state;
	memset(&k, 0, sizeof(k));
	k.kind = SL_PUBKEY_RSA;
	assert_int_equal(sl_pubkey_sig_algs(&k, a, 4), 3);
	assert_string_equal(a[0], "rsa-sha2-512");
	assert_string_equal(a[2], "ssh-rsa");
	k.cert = true;
	sl_pubkey_sig_algs(&k, a, 4);
	assert_string_equal(a[1], "rsa-sha2-256-cert-v01@openssh.com");
	k.kind = SL_PUBKEY_ED25519;
	k.cert = false;
	snprintf(k.name, sizeof(k.name), "ssh-ed25519");
	assert_int_equal(sl_pubkey_sig_algs(&k, a, 4), 1);
	assert_string_equal(a[0], "ssh-ed25519");
}

/* ---- private key files that are not keys ---- */

static void
test_not_private(void **state)
{
	struct sl_privkey_info pi;
	const char *putty = "PuTTY-User-Key-File-3: ssh-ed25519\n";
	const char *junk = "hello\n";
	const char *broken = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n"
	    "-----END OPENSSH PRIVATE KEY-----\n";

	(void)state;
	sl_privkey_inspect(putty, strlen(putty), &pi);
	assert_int_equal(pi.format, SL_PK_PUTTY);
	sl_privkey_inspect(junk, strlen(junk), &pi);
	assert_int_equal(pi.format, SL_PK_NOT_PRIVATE);
	sl_privkey_inspect(broken, strlen(broken), &pi);
	assert_int_equal(pi.format, SL_PK_BAD);
	sl_privkey_inspect(ed_line, strlen(ed_line), &pi);
	assert_int_equal(pi.format, SL_PK_PUBLIC);
	assert_string_equal(pi.comment, "comment here");
}

/* ---- authorized_keys options (auth-options.c) ---- */

struct opt_case {
	const char *opts;
	int version;
	int ok;			/* 0 parses, -1 refused */
	const char *why;
	size_t off;
};

static void
test_ak_options(void **state)
{
	static const struct opt_case t[] = {
		{ "restrict", 902, 0, NULL, 0 },
		{ "no-pty,NO-X11-FORWARDING,no-agent-forwarding", 902, 0, NULL,
		    0 },
		{ "restrict,pty,port-forwarding", 902, 0, NULL, 0 },
		{ "command=\"echo \\\"hi\\\"\"", 902, 0, NULL, 0 },
		{ "command=\"a b\",from=\"*.example.com,!bad\"", 902, 0, NULL,
		    0 },
		{ "environment=\"LANG=C\"", 902, 0, NULL, 0 },
		{ "environment=\"1-X=y\"", 902, -1,
		    "invalid environment string", 0 },
		{ "environment=\"NOEQUALS\"", 902, -1,
		    "invalid environment string", 0 },
		{ "permitopen=\"host:22\",permitopen=\"[::1]:*\"", 902, 0,
		    NULL, 0 },
		{ "permitopen=\"host\"", 902, -1, "invalid permission port",
		    0 },
		{ "permitopen=\"host:0\"", 902, -1, "invalid permission port",
		    0 },
		{ "permitlisten=\"8080\"", 902, 0, NULL, 0 },
		{ "permitlisten=\"8080\"", 707, -1, "unknown key option", 0 },
		{ "expiry-time=\"20991231\"", 902, 0, NULL, 0 },
		{ "expiry-time=\"209912311200Z\"", 902, 0, NULL, 0 },
		{ "expiry-time=\"2099\"", 902, -1, "invalid expires time", 0 },
		{ "expiry-time=\"20991331\"", 902, -1, "invalid expires time",
		    0 },
		{ "tunnel=\"5\",tunnel=\"any\"", 902, 0, NULL, 0 },
		{ "tunnel=\"x\"", 902, -1, "invalid tun device", 0 },
		{ "no-touch-required", 802, 0, NULL, 0 },
		{ "no-touch-required", 801, -1, "unknown key option", 0 },
		{ "verify-required", 804, 0, NULL, 0 },
		{ "verify-required", 803, -1, "unknown key option", 0 },
		{ "restrict,foo", 902, -1, "unknown key option", 9 },
		{ "restricted", 902, -1, "unknown key option", 0 },
		{ "no-restrict", 902, -1, "unknown key option", 0 },
		{ "restrict,", 902, -1, "unexpected end-of-options", 9 },
		{ "command=\"x", 902, -1, "missing end quote", 0 },
		{ "command=x", 902, -1, "missing start quote", 0 },
		{ "pty,command=\"a\",command=\"b\"", 902, -1,
		    "multiple \"command\" clauses", 16 },
		{ "from=\"a\",from=\"b\"", 902, -1,
		    "multiple \"from\" clauses", 9 },
		{ "cert-authority,principals=\"a,b\"", 902, 0, NULL, 0 },
	};
	struct sl_ak_opts o;
	const char *why;
	size_t i, off;
	int r;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		r = sl_ak_parse_options(t[i].opts, strlen(t[i].opts),
		    t[i].version, &o, &why, &off);
		if (r != t[i].ok)
			fail_msg("case %zu '%s': got %d (%s)", i, t[i].opts, r,
			    why ? why : "-");
		if (t[i].why != NULL) {
			assert_string_equal(why, t[i].why);
			if (off != t[i].off)
				fail_msg("case %zu '%s': offset %zu, want %zu",
				    i, t[i].opts, off, t[i].off);
		}
	}
	{
		const char *s = "cert-authority,restrict,"
		    "expiry-time=\"20991231Z\"";

		assert_int_equal(sl_ak_parse_options(s, strlen(s), 902, &o,
		    &why, &off), 0);
	}
	assert_true(o.cert_authority);
	assert_true(o.restrict_);
	assert_true(o.has_expiry);
	assert_true(o.expiry > 4000000000LL);
}

static void
test_ak_lines(void **state)
{
	struct sl_ak_line al;
	char line[1024];

	(void)state;
	assert_int_equal(sl_ak_parse_line("", 0, 902, &al), SL_AKL_BLANK);
	assert_int_equal(sl_ak_parse_line("  # comment", 11, 902, &al),
	    SL_AKL_BLANK);
	assert_int_equal(sl_ak_parse_line(ed_line, strlen(ed_line), 902, &al),
	    SL_AKL_KEY);
	assert_int_equal(al.opts_len, 0);
	snprintf(line, sizeof(line), "restrict,command=\"uptime\" %s\r\n",
	    ed_line);
	assert_int_equal(sl_ak_parse_line(line, strlen(line), 902, &al),
	    SL_AKL_KEY);
	assert_int_equal(al.opts_off, 0);
	assert_int_equal(al.opts_len, 25);
	assert_int_equal(al.pos.type_off, 26);
	/* options with spaces inside quotes */
	snprintf(line, sizeof(line), "from=\"a, b\",no-pty %s", ed_line);
	assert_int_equal(sl_ak_parse_line(line, strlen(line), 902, &al),
	    SL_AKL_KEY);
	/* a typo in the options: the whole line is ignored */
	snprintf(line, sizeof(line), "no-ptty %s", ed_line);
	assert_int_equal(sl_ak_parse_line(line, strlen(line), 902, &al),
	    SL_AKL_BAD_OPTIONS);
	assert_string_equal(al.why, "unknown key option");
	assert_int_equal(al.err_off, 0);
	/* unterminated quote */
	snprintf(line, sizeof(line), "command=\"x %s", ed_line);
	assert_int_equal(sl_ak_parse_line(line, strlen(line), 902, &al),
	    SL_AKL_NO_KEY);
	assert_string_equal(al.why, "invalid key option string");
	/* damaged key */
	snprintf(line, sizeof(line), "%s", ed_line);
	line[30] = '!';
	assert_int_equal(sl_ak_parse_line(line, strlen(line), 902, &al),
	    SL_AKL_NO_KEY);
	assert_int_equal(al.err_off, 30);
	/* no key at all */
	assert_int_equal(sl_ak_parse_line("restrict", 8, 902, &al),
	    SL_AKL_NO_KEY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test(test_base64_vectors),
		cmocka_unit_test(test_pub_files),
		cmocka_unit_test(test_certificates),
		cmocka_unit_test(test_private_files),
		cmocka_unit_test(test_sk_fixtures),
		cmocka_unit_test(test_text_form),
		cmocka_unit_test(test_blobs),
		cmocka_unit_test(test_sig_algs),
		cmocka_unit_test(test_not_private),
		cmocka_unit_test(test_ak_options),
		cmocka_unit_test(test_ak_lines),
	};

	return cmocka_run_group_tests(tests, setup_keys, teardown_keys);
}
