/*
 * Public keys: blobs, the text form, authorized_keys options, and what a
 * private key file shows without decryption. The rules follow OpenSSH's
 * sshkey.c (sshkey_from_blob_internal(), sshkey_read()), auth-options.c
 * (sshauthopt_parse()), misc.c (opt_flag(), opt_dequote(), hpdelim2(),
 * parse_absolute_time()) and authfile.c / sshkey.c (the openssh-key-v1
 * format, PROTOCOL.key).
 */
#include "lint/keyfile.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lint/algos.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/base64.h"
#include "sshlint/sshlint.h"

/* ---- key types ---- */

struct ktype {
	const char *name;
	const char *plain;	/* plain key type name */
	enum sl_pubkey_kind kind;
	bool cert, sigonly;
	const char *label;	/* sshkey_type() */
	const char *curve;	/* ECDSA curve name in the blob */
	unsigned bits;		/* fixed size (0: from the key) */
};

#define CERT_SUFFIX	"-cert-v01@openssh.com"

static const struct ktype ktypes[] = {
	{ "ssh-rsa", "ssh-rsa", SL_PUBKEY_RSA, false, false, "RSA", NULL, 0 },
	{ "rsa-sha2-256", "ssh-rsa", SL_PUBKEY_RSA, false, true, "RSA", NULL, 0 },
	{ "rsa-sha2-512", "ssh-rsa", SL_PUBKEY_RSA, false, true, "RSA", NULL, 0 },
	{ "ssh-dss", "ssh-dss", SL_PUBKEY_DSA, false, false, "DSA", NULL, 0 },
	{ "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", SL_PUBKEY_ECDSA, false,
	    false, "ECDSA", "nistp256", 256 },
	{ "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp384", SL_PUBKEY_ECDSA, false,
	    false, "ECDSA", "nistp384", 384 },
	{ "ecdsa-sha2-nistp521", "ecdsa-sha2-nistp521", SL_PUBKEY_ECDSA, false,
	    false, "ECDSA", "nistp521", 521 },
	{ "ssh-ed25519", "ssh-ed25519", SL_PUBKEY_ED25519, false, false,
	    "ED25519", NULL, 256 },
	{ "sk-ecdsa-sha2-nistp256@openssh.com",
	    "sk-ecdsa-sha2-nistp256@openssh.com", SL_PUBKEY_ECDSA_SK, false,
	    false, "ECDSA-SK", "nistp256", 256 },
	{ "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
	    "sk-ecdsa-sha2-nistp256@openssh.com", SL_PUBKEY_ECDSA_SK, false,
	    true, "ECDSA-SK", "nistp256", 256 },
	{ "sk-ssh-ed25519@openssh.com", "sk-ssh-ed25519@openssh.com",
	    SL_PUBKEY_ED25519_SK, false, false, "ED25519-SK", NULL, 256 },
	{ "ssh-xmss@openssh.com", "ssh-xmss@openssh.com", SL_PUBKEY_XMSS, false,
	    false, "XMSS", NULL, 256 },
	{ "ssh-mldsa44-ed25519@openssh.com", "ssh-mldsa44-ed25519@openssh.com",
	    SL_PUBKEY_MLDSA44_ED25519, false, false, "MLDSA44-ED25519", NULL,
	    256 },
	{ "ssh-rsa" CERT_SUFFIX, "ssh-rsa", SL_PUBKEY_RSA, true, false,
	    "RSA-CERT", NULL, 0 },
	{ "rsa-sha2-256" CERT_SUFFIX, "ssh-rsa", SL_PUBKEY_RSA, true, true,
	    "RSA-CERT", NULL, 0 },
	{ "rsa-sha2-512" CERT_SUFFIX, "ssh-rsa", SL_PUBKEY_RSA, true, true,
	    "RSA-CERT", NULL, 0 },
	{ "ssh-dss" CERT_SUFFIX, "ssh-dss", SL_PUBKEY_DSA, true, false,
	    "DSA-CERT", NULL, 0 },
	{ "ecdsa-sha2-nistp256" CERT_SUFFIX, "ecdsa-sha2-nistp256",
	    SL_PUBKEY_ECDSA, true, false, "ECDSA-CERT", "nistp256", 256 },
	{ "ecdsa-sha2-nistp384" CERT_SUFFIX, "ecdsa-sha2-nistp384",
	    SL_PUBKEY_ECDSA, true, false, "ECDSA-CERT", "nistp384", 384 },
	{ "ecdsa-sha2-nistp521" CERT_SUFFIX, "ecdsa-sha2-nistp521",
	    SL_PUBKEY_ECDSA, true, false, "ECDSA-CERT", "nistp521", 521 },
	{ "ssh-ed25519" CERT_SUFFIX, "ssh-ed25519", SL_PUBKEY_ED25519, true,
	    false, "ED25519-CERT", NULL, 256 },
	{ "sk-ecdsa-sha2-nistp256" CERT_SUFFIX,
	    "sk-ecdsa-sha2-nistp256@openssh.com", SL_PUBKEY_ECDSA_SK, true, false,
	    "ECDSA-SK-CERT", "nistp256", 256 },
	{ "sk-ssh-ed25519" CERT_SUFFIX, "sk-ssh-ed25519@openssh.com",
	    SL_PUBKEY_ED25519_SK, true, false, "ED25519-SK-CERT", NULL, 256 },
	{ "ssh-xmss" CERT_SUFFIX, "ssh-xmss@openssh.com", SL_PUBKEY_XMSS, true,
	    false, "XMSS-CERT", NULL, 256 },
	{ "ssh-mldsa44-ed25519" CERT_SUFFIX,
	    "ssh-mldsa44-ed25519@openssh.com", SL_PUBKEY_MLDSA44_ED25519, true,
	    false, "MLDSA44-ED25519-CERT", NULL, 256 },
};

#define NKTYPES	(sizeof(ktypes) / sizeof(ktypes[0]))

static const struct ktype *
ktype_exact(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < NKTYPES; i++)
		if (strlen(ktypes[i].name) == n &&
		    memcmp(ktypes[i].name, s, n) == 0)
			return &ktypes[i];
	return NULL;
}

/* sshkey_type_from_name(): a name, or the short name of a plain type in
 * any case. */
static const struct ktype *
ktype_lookup(const char *s, size_t n)
{
	const struct ktype *t;
	size_t i;

	if ((t = ktype_exact(s, n)) != NULL)
		return t;
	for (i = 0; i < NKTYPES; i++)
		if (!ktypes[i].cert && !ktypes[i].sigonly &&
		    strlen(ktypes[i].label) == n &&
		    strncasecmp(ktypes[i].label, s, n) == 0)
			return &ktypes[i];
	return NULL;
}

bool
sl_pubkey_type_from_name(const char *s, size_t n, const char **name, bool *cert)
{
	const struct ktype *t = ktype_lookup(s, n);

	if (t == NULL)
		return false;
	if (name != NULL)
		*name = t->name;
	if (cert != NULL)
		*cert = t->cert;
	return true;
}

bool
sl_pubkey_type_supported(const char *name, int version)
{
	const struct ktype *t = ktype_exact(name, strlen(name));

	if (t == NULL)
		return false;
	if (t->sigonly)
		return sl_algo_is_supported(version, SL_AK_KEY_SIG, name, true);
	return sl_algo_is_supported(version, SL_AK_KEY, name, true);
}

size_t
sl_pubkey_sig_algs(const struct sl_pubkey *k, const char **out, size_t max)
{
	static const char *const rsa[] = { "rsa-sha2-512", "rsa-sha2-256",
	    "ssh-rsa" };
	static const char *const rsa_cert[] = {
	    "rsa-sha2-512" CERT_SUFFIX, "rsa-sha2-256" CERT_SUFFIX,
	    "ssh-rsa" CERT_SUFFIX };
	const struct ktype *t;
	size_t i, n = 0;

	if (k->kind == SL_PUBKEY_RSA) {
		for (i = 0; i < 3 && n < max; i++)
			out[n++] = k->cert ? rsa_cert[i] : rsa[i];
		return n;
	}
	if ((t = ktype_exact(k->name, strlen(k->name))) != NULL && max > 0)
		out[n++] = t->name;
	return n;
}

/* ---- blob reader ---- */

struct rd {
	const unsigned char *p;
	size_t len, off;
	bool bad;
};

static uint32_t
get_u32(struct rd *r)
{
	const unsigned char *p;

	if (r->bad || r->len - r->off < 4) {
		r->bad = true;
		return 0;
	}
	p = r->p + r->off;
	r->off += 4;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
get_u64(struct rd *r)
{
	uint64_t hi = get_u32(r);

	return hi << 32 | get_u32(r);
}

/* A string: its bytes and length (pointing into the blob). */
static const unsigned char *
get_str(struct rd *r, size_t *n)
{
	uint32_t l = get_u32(r);
	const unsigned char *p;

	if (r->bad || r->len - r->off < l) {
		r->bad = true;
		*n = 0;
		return NULL;
	}
	p = r->p + r->off;
	r->off += l;
	*n = l;
	return p;
}

/* A string copied (truncated) to buf as text. */
static void
get_cstr(struct rd *r, char *buf, size_t len)
{
	size_t n;
	const unsigned char *p = get_str(r, &n);

	if (p == NULL) {
		buf[0] = '\0';
		return;
	}
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
}

/* An mpint (sshbuf_get_bignum2_bytes_direct()): its size in bits, or -1
 * with *why. */
static long
get_mpint_bits(struct rd *r, const char **why)
{
	size_t n;
	const unsigned char *p = get_str(r, &n);
	unsigned b;

	if (p == NULL)
		return -1;
	if (n > 0 && (p[0] & 0x80)) {
		*why = "bignum is negative";
		return -1;
	}
	if (n > 2049 || (n == 2049 && p[0] != 0)) {
		*why = "bignum is too large";
		return -1;
	}
	while (n > 0 && p[0] == 0) {
		p++;
		n--;
	}
	if (n == 0)
		return 0;
	for (b = 0; (p[0] >> b) != 0; b++)
		;
	return (long)((n - 1) * 8 + b);
}

/* The key fields of `t` (after the name, and the nonce of a certificate). */
static int
key_fields(struct rd *r, const struct ktype *t, struct sl_pubkey *k,
    const char **why)
{
	const unsigned char *q;
	size_t n;
	long bits;
	char curve[32];

	switch (t->kind) {
	case SL_PUBKEY_RSA:
		if (get_mpint_bits(r, why) < 0 ||
		    (bits = get_mpint_bits(r, why)) < 0)
			return -1;
		k->bits = (unsigned)bits;
		if (!r->bad && (bits < 1024 || bits > 16384)) {
			/* sshkey_check_rsa_length(k, 0) */
			*why = "Invalid key length";
			return -1;
		}
		break;
	case SL_PUBKEY_DSA:
		if ((bits = get_mpint_bits(r, why)) < 0 ||
		    get_mpint_bits(r, why) < 0 || get_mpint_bits(r, why) < 0 ||
		    get_mpint_bits(r, why) < 0)
			return -1;
		k->bits = (unsigned)bits;
		break;
	case SL_PUBKEY_ECDSA:
	case SL_PUBKEY_ECDSA_SK:
		get_cstr(r, curve, sizeof(curve));
		q = get_str(r, &n);
		if (r->bad)
			break;
		if (strcmp(curve, t->curve) != 0) {
			*why = "elliptic curve does not match";
			return -1;
		}
		if (n != 1 + 2 * ((t->bits + 7) / 8) || q[0] != 0x04) {
			*why = "invalid elliptic curve value";
			return -1;
		}
		if (t->kind == SL_PUBKEY_ECDSA_SK)
			get_cstr(r, k->application, sizeof(k->application));
		break;
	case SL_PUBKEY_ED25519:
	case SL_PUBKEY_ED25519_SK:
		(void)get_str(r, &n);
		if (!r->bad && n != 32) {
			*why = "invalid format";
			return -1;
		}
		if (t->kind == SL_PUBKEY_ED25519_SK)
			get_cstr(r, k->application, sizeof(k->application));
		break;
	case SL_PUBKEY_XMSS:
		(void)get_str(r, &n);
		(void)get_str(r, &n);
		break;
	case SL_PUBKEY_MLDSA44_ED25519:
		(void)get_str(r, &n);
		if (!r->bad && n != 1312 + 32) {
			*why = "invalid format";
			return -1;
		}
		break;
	case SL_PUBKEY_UNKNOWN:
		*why = "unknown or unsupported key type";
		return -1;
	}
	if (t->bits != 0)
		k->bits = t->bits;
	return 0;
}

static void
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* The certificate fields after the key (cert_parse()). */
static int
cert_fields(struct rd *r, struct sl_pubkey *k, const char **why)
{
	struct sl_pubkey ca;
	struct rd pr;
	const unsigned char *p, *sig;
	size_t n, pn, ns;
	char name[256];

	k->c.serial = get_u64(r);
	k->c.type = get_u32(r);
	get_cstr(r, k->c.key_id, sizeof(k->c.key_id));
	p = get_str(r, &n);
	if (r->bad)
		return 0;
	if (k->c.type != SL_CERT_USER && k->c.type != SL_CERT_HOST) {
		*why = "unknown/unsupported certificate type";
		return -1;
	}
	/* principals: a list of strings */
	pr = (struct rd){ p, n, 0, false };
	k->c.principals[0] = '\0';
	while (pr.off < pr.len && !pr.bad) {
		get_cstr(&pr, name, sizeof(name));
		if (pr.bad)
			break;
		pn = strlen(k->c.principals);
		if (pn + strlen(name) + 2 < sizeof(k->c.principals))
			snprintf(k->c.principals + pn,
			    sizeof(k->c.principals) - pn, "%s%s",
			    pn ? "," : "", name);
		k->c.nprincipals++;
	}
	if (pr.bad) {
		*why = "invalid format";
		return -1;
	}
	k->c.valid_after = get_u64(r);
	k->c.valid_before = get_u64(r);
	(void)get_str(r, &n);	/* critical options */
	(void)get_str(r, &n);	/* extensions */
	(void)get_str(r, &n);	/* reserved */
	p = get_str(r, &n);	/* signature key */
	sig = get_str(r, &ns);	/* signature */
	if (r->bad)
		return 0;
	if (sl_pubkey_from_blob(p, n, &ca, why) != 0)
		return -1;
	if (ca.cert) {
		*why = "invalid certificate signing key";
		return -1;
	}
	snprintf(k->c.ca_name, sizeof(k->c.ca_name), "%s", ca.name);
	memcpy(k->c.ca_fp, ca.fp, sizeof(ca.fp));
	pr = (struct rd){ sig, ns, 0, false };
	get_cstr(&pr, k->c.sig_alg, sizeof(k->c.sig_alg));
	if (pr.bad) {
		*why = "invalid format";
		return -1;
	}
	return 0;
}

int
sl_pubkey_from_blob(const unsigned char *blob, size_t len, struct sl_pubkey *k,
    const char **why)
{
	struct rd r = { blob, len, 0, false };
	const struct ktype *t;
	const unsigned char *name;
	size_t n, kstart, kend;
	struct sl_sha256 c;
	unsigned char l4[4];

	memset(k, 0, sizeof(*k));
	*why = "invalid format";
	name = get_str(&r, &n);
	if (r.bad) {
		*why = "incomplete message";
		return -1;
	}
	if ((t = ktype_exact((const char *)name, n)) == NULL || t->sigonly) {
		*why = "unknown or unsupported key type";
		return -1;
	}
	k->kind = t->kind;
	k->cert = t->cert;
	k->plain = t->plain;
	k->label = t->label;
	snprintf(k->name, sizeof(k->name), "%s", t->name);
	if (t->cert)
		(void)get_str(&r, &n);	/* nonce */
	kstart = r.off;
	if (key_fields(&r, t, k, why) != 0) {
		if (r.bad)
			*why = "incomplete message";
		return -1;
	}
	kend = r.off;
	if (!r.bad && t->cert && cert_fields(&r, k, why) != 0) {
		if (r.bad)
			*why = "incomplete message";
		return -1;
	}
	if (r.bad) {
		*why = "incomplete message";
		return -1;
	}
	if (r.off != r.len) {
		*why = "invalid format";
		return -1;
	}
	sl_sha256(blob, len, k->fp);
	/* the plain key's blob: its name, then the same key fields */
	sl_sha256_init(&c);
	put_u32(l4, (uint32_t)strlen(t->plain));
	sl_sha256_update(&c, l4, 4);
	sl_sha256_update(&c, t->plain, strlen(t->plain));
	sl_sha256_update(&c, blob + kstart, kend - kstart);
	sl_sha256_final(&c, k->plain_fp);
	*why = NULL;
	return 0;
}

const char *
sl_pubkey_fp_str(const unsigned char fp[SL_SHA256_LEN], char *buf, size_t len)
{
	char b64[SL_BASE64_ENCLEN(SL_SHA256_LEN) + 1];

	sl_base64_encode(fp, SL_SHA256_LEN, b64, sizeof(b64), true);
	snprintf(buf, len, "SHA256:%s", b64);
	return buf;
}

/* ---- text form ---- */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Decode base64 that may contain line-end characters (b64_pton skips
 * white space). Returns the length or -1; *bad: offset in s. */
static long
decode_b64(const char *s, size_t n, unsigned char **out, size_t *bad)
{
	char *clean;
	size_t i, m = 0, *map;
	unsigned char *buf;
	long r;

	*out = NULL;
	*bad = 0;
	if ((clean = sl_malloc(n + 1)) == NULL)
		return -2;
	if ((map = sl_calloc(n + 1, sizeof(*map))) == NULL) {
		sl_free(clean);
		return -2;
	}
	for (i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i]))
			continue;
		map[m] = i;
		clean[m++] = s[i];
	}
	map[m] = n;
	if ((buf = sl_malloc(m / 4 * 3 + 3)) == NULL) {
		sl_free(clean);
		sl_free(map);
		return -2;
	}
	r = sl_base64_decode(clean, m, buf, m / 4 * 3 + 3, false, bad);
	if (r < 0) {
		*bad = map[*bad <= m ? *bad : m];
		sl_free(buf);
		buf = NULL;
	}
	sl_free(clean);
	sl_free(map);
	*out = buf;
	return r;
}

int
sl_pubkey_parse_text(const char *s, size_t n, int version, struct sl_pubkey *k,
    struct sl_pubkey_text *pos, const char **why, size_t *err_off)
{
	const struct ktype *t;
	unsigned char *blob = NULL;
	size_t i = 0, bad;
	long bl;
	int r = -1;

	memset(pos, 0, sizeof(*pos));
	memset(k, 0, sizeof(*k));
	*err_off = 0;
	pos->type_off = 0;
	while (i < n && !is_blank(s[i]))
		i++;
	pos->type_len = i;
	if (i == n) {
		*why = i == 0 ? "no key" : "no key after the key type";
		*err_off = i;
		return -1;
	}
	if ((t = ktype_lookup(s, pos->type_len)) == NULL ||
	    (version > 0 && !sl_pubkey_type_supported(t->name, version))) {
		*why = "unknown or unsupported key type";
		return -1;
	}
	while (i < n && is_blank(s[i]))
		i++;
	if (i == n) {
		*why = "no key after the key type";
		*err_off = i;
		return -1;
	}
	pos->b64_off = i;
	while (i < n && !is_blank(s[i]))
		i++;
	pos->b64_len = i - pos->b64_off;
	while (i < n && is_blank(s[i]))
		i++;
	if (i < n) {
		pos->comment_off = i;
		pos->comment_len = n - i;
		while (pos->comment_len > 0 &&
		    isspace((unsigned char)s[i + pos->comment_len - 1]))
			pos->comment_len--;
		if (pos->comment_len == 0)
			pos->comment_off = 0;
	}
	bl = decode_b64(s + pos->b64_off, pos->b64_len, &blob, &bad);
	if (bl == -2) {
		*why = "out of memory";
		return -1;
	}
	if (bl < 0) {
		*why = "invalid base64";
		*err_off = pos->b64_off + bad;
		return -1;
	}
	*err_off = pos->b64_off;
	if (sl_pubkey_from_blob(blob, (size_t)bl, k, why) != 0)
		goto out;
	/* sshkey_read(): the blob's type is the type named */
	if (strcmp(k->plain, t->plain) != 0 || k->cert != t->cert) {
		*why = strcmp(k->plain, t->plain) != 0 &&
		    k->kind == SL_PUBKEY_ECDSA && t->kind == SL_PUBKEY_ECDSA ?
		    "elliptic curve does not match" : "key type does not match";
		*err_off = pos->type_off;
		goto out;
	}
	if (version > 0 && !sl_pubkey_type_supported(k->name, version)) {
		*why = "unknown or unsupported key type";
		*err_off = pos->type_off;
		goto out;
	}
	*err_off = 0;
	r = 0;
 out:
	sl_free(blob);
	return r;
}

/* ---- authorized_keys options (auth-options.c, misc.c) ---- */

struct optp {
	const char *s;
	size_t n, i;
	const char *why;
};

static char
cur(const struct optp *p)
{
	return p->i < p->n ? p->s[p->i] : '\0';
}

/* opt_flag(): 1 matched, 0 matched negated, -1 not matched. */
static int
opt_flag(struct optp *p, const char *opt, bool negate_ok)
{
	size_t l = strlen(opt), i = p->i;
	int neg = 0;

	if (negate_ok && p->n - i >= 3 && strncasecmp(p->s + i, "no-", 3) == 0) {
		i += 3;
		neg = 1;
	}
	if (p->n - i >= l && strncasecmp(p->s + i, opt, l) == 0) {
		p->i = i + l;
		return neg ? 0 : 1;
	}
	return -1;
}

/* opt_match(): "term=" */
static bool
opt_match(struct optp *p, const char *term)
{
	size_t l = strlen(term);

	if (p->n - p->i > l && strncasecmp(p->s + p->i, term, l) == 0 &&
	    p->s[p->i + l] == '=') {
		p->i += l + 1;
		return true;
	}
	return false;
}

/* opt_dequote(): "..." with \" escapes, into buf (truncated). */
static bool
opt_dequote(struct optp *p, char *buf, size_t len)
{
	size_t o = 0;

	if (cur(p) != '"') {
		p->why = "missing start quote";
		return false;
	}
	p->i++;
	while (p->i < p->n && p->s[p->i] != '"') {
		if (p->s[p->i] == '\\' && p->i + 1 < p->n &&
		    p->s[p->i + 1] == '"')
			p->i++;
		if (o + 1 < len)
			buf[o++] = p->s[p->i];
		p->i++;
	}
	if (len > 0)
		buf[o] = '\0';
	if (p->i >= p->n) {
		p->why = "missing end quote";
		return false;
	}
	p->i++;
	return true;
}

/* a2port(): 1..65535 */
static bool
valid_port(const char *s)
{
	char *end;
	long v;

	if (*s == '\0' || !isdigit((unsigned char)*s))
		return false;
	v = strtol(s, &end, 10);
	return *end == '\0' && v > 0 && v <= 65535;
}

/* handle_permit(): [host:]port (hpdelim2()) */
static bool
check_permit(struct optp *p, bool bare_port_ok)
{
	char buf[1100], tmp[1104], *c, *host, *port;

	if (!opt_dequote(p, buf, sizeof(buf)))
		return false;
	if (bare_port_ok && strchr(buf, ':') == NULL)
		snprintf(tmp, sizeof(tmp), "*:%s", buf);
	else
		snprintf(tmp, sizeof(tmp), "%s", buf);
	host = tmp;
	if (*host == '[') {
		if ((c = strchr(host, ']')) == NULL) {
			p->why = "invalid permission hostname";
			return false;
		}
		c++;
	} else if ((c = strpbrk(host, ":/")) == NULL)
		c = host + strlen(host);
	if (*c == '\0')
		port = NULL;
	else if (*c == ':' || *c == '/') {
		*c = '\0';
		port = c + 1;
	} else {
		p->why = "invalid permission hostname";
		return false;
	}
	if (strlen(host) >= 1025) {
		p->why = "invalid permission hostname";
		return false;
	}
	if (port == NULL || (strcmp(port, "*") != 0 && !valid_port(port))) {
		p->why = "invalid permission port";
		return false;
	}
	return true;
}

/* parse_absolute_time(): YYYYMMDD[HHMM[SS]][Z|UTC] */
static bool
parse_abs_time(const char *s, int64_t *out)
{
	size_t l = strlen(s);
	bool utc = false;
	char buf[32];
	const char *fmt, *e;
	struct tm tm;
	time_t tt;

	if (l > 1 && strcasecmp(s + l - 1, "Z") == 0) {
		utc = true;
		l--;
	} else if (l > 3 && strcasecmp(s + l - 3, "UTC") == 0) {
		utc = true;
		l -= 3;
	}
	switch (l) {
	case 8:
		fmt = "%Y-%m-%d";
		snprintf(buf, sizeof(buf), "%.4s-%.2s-%.2s", s, s + 4, s + 6);
		break;
	case 12:
		fmt = "%Y-%m-%dT%H:%M";
		snprintf(buf, sizeof(buf), "%.4s-%.2s-%.2sT%.2s:%.2s", s, s + 4,
		    s + 6, s + 8, s + 10);
		break;
	case 14:
		fmt = "%Y-%m-%dT%H:%M:%S";
		snprintf(buf, sizeof(buf), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2s", s,
		    s + 4, s + 6, s + 8, s + 10, s + 12);
		break;
	default:
		return false;
	}
	memset(&tm, 0, sizeof(tm));
	if ((e = strptime(buf, fmt, &tm)) == NULL || *e != '\0')
		return false;
	tt = utc ? timegm(&tm) : mktime(&tm);
	if (tt <= 0)
		return false;
	*out = (int64_t)tt;
	return true;
}

static bool
valid_env_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return false;
	return true;
}

int
sl_ak_parse_options(const char *s, size_t n, int version,
    struct sl_ak_opts *o, const char **why, size_t *err_off)
{
	struct optp p = { s, n, 0, NULL };
	char buf[4096], *eq;
	size_t start;
	int64_t t;
	int r;

	memset(o, 0, sizeof(*o));
	*why = NULL;
	*err_off = 0;
	while (p.i < n && !is_blank(s[p.i])) {
		start = p.i;
		if ((r = opt_flag(&p, "restrict", false)) != -1) {
			o->restrict_ = true;
		} else if ((r = opt_flag(&p, "cert-authority", false)) != -1) {
			o->cert_authority = true;
		} else if (opt_flag(&p, "port-forwarding", true) != -1 ||
		    opt_flag(&p, "agent-forwarding", true) != -1 ||
		    opt_flag(&p, "x11-forwarding", true) != -1) {
			/* flags sshd records; nothing to check */
		} else if (version >= SL_VERSION(8, 2) &&
		    (r = opt_flag(&p, "touch-required", true)) != -1) {
			o->no_touch_required = r == 0;
		} else if (version >= SL_VERSION(8, 4) &&
		    (r = opt_flag(&p, "verify-required", true)) != -1) {
			o->verify_required = r == 1;
		} else if (opt_flag(&p, "pty", true) != -1 ||
		    opt_flag(&p, "user-rc", true) != -1) {
			/* flags */
		} else if (opt_match(&p, "command")) {
			if (o->has_command) {
				p.why = "multiple \"command\" clauses";
				goto fail;
			}
			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			o->has_command = true;
		} else if (opt_match(&p, "principals")) {
			if (o->has_principals) {
				p.why = "multiple \"principals\" clauses";
				goto fail;
			}
			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			o->has_principals = true;
		} else if (opt_match(&p, "from")) {
			if (o->has_from) {
				p.why = "multiple \"from\" clauses";
				goto fail;
			}
			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			o->has_from = true;
		} else if (version >= SL_VERSION(7, 7) &&
		    opt_match(&p, "expiry-time")) {
			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			if (!parse_abs_time(buf, &t)) {
				p.why = "invalid expires time";
				goto fail;
			}
			if (!o->has_expiry || t < o->expiry)
				o->expiry = t;
			o->has_expiry = true;
		} else if (opt_match(&p, "environment")) {
			if (o->nenv > 1024) {
				p.why = "too many environment strings";
				goto fail;
			}
			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			if ((eq = strchr(buf, '=')) == NULL ||
			    !valid_env_name(buf, (size_t)(eq - buf))) {
				p.why = "invalid environment string";
				goto fail;
			}
			o->nenv++;
		} else if (opt_match(&p, "permitopen")) {
			if (o->npermitopen > 4096) {
				p.why = "too many permission directives";
				goto fail;
			}
			if (!check_permit(&p, false))
				goto fail;
			o->npermitopen++;
		} else if (version >= SL_VERSION(7, 8) &&
		    opt_match(&p, "permitlisten")) {
			if (o->npermitlisten > 4096) {
				p.why = "too many permission directives";
				goto fail;
			}
			if (!check_permit(&p, true))
				goto fail;
			o->npermitlisten++;
		} else if (opt_match(&p, "tunnel")) {
			char *end;
			long v;

			if (!opt_dequote(&p, buf, sizeof(buf)))
				goto fail;
			v = strtol(buf, &end, 10);
			if (strcasecmp(buf, "any") != 0 && (buf[0] == '\0' ||
			    *end != '\0' || v < 0 || v > 0x7ffffffd ||
			    !isdigit((unsigned char)buf[0]))) {
				p.why = "invalid tun device";
				goto fail;
			}
		}
		if (p.i >= n || is_blank(s[p.i]))
			break;
		if (s[p.i] != ',') {
			p.why = "unknown key option";
			goto fail;
		}
		p.i++;
		if (p.i >= n) {
			p.why = "unexpected end-of-options";
			start = p.i;
			goto fail;
		}
		continue;
 fail:
		*why = p.why;
		*err_off = start;
		return -1;
	}
	return 0;
}

/* sshkey_advance_past_options(): to the first unquoted blank; -1 for an
 * unterminated quote. */
static int
advance_past_options(const char *s, size_t n, size_t *end)
{
	size_t i;
	bool quoted = false;

	for (i = 0; i < n && (quoted || !is_blank(s[i])); i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '"')
			i++;
		else if (s[i] == '"')
			quoted = !quoted;
	}
	*end = i;
	return i == n && quoted ? -1 : 0;
}

enum sl_ak_result
sl_ak_parse_line(const char *line, size_t n, int version,
    struct sl_ak_line *out)
{
	const char *why, *why2;
	size_t i = 0, end, off, off2;

	memset(out, 0, sizeof(*out));
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	while (i < n && is_blank(line[i]))
		i++;
	if (i == n || line[i] == '#')
		return SL_AKL_BLANK;
	/* a key right away? */
	if (sl_pubkey_parse_text(line + i, n - i, version, &out->key, &out->pos,
	    &why, &off) == 0) {
		out->pos.type_off += i;
		out->pos.b64_off += i;
		if (out->pos.comment_len > 0)
			out->pos.comment_off += i;
		return SL_AKL_KEY;
	}
	/* a known key type that does not parse: that is the error */
	if (sl_pubkey_type_from_name(line + i, out->pos.type_len, NULL, NULL) &&
	    out->pos.type_len > 0) {
		out->why = why;
		out->err_off = i + off;
		out->pos.type_off += i;
		out->pos.b64_off += i;
		return SL_AKL_NO_KEY;
	}
	/* options, then the key */
	out->opts_off = i;
	if (advance_past_options(line + i, n - i, &end) != 0) {
		out->opts_len = n - i;
		out->why = "invalid key option string";
		out->err_off = i;
		return SL_AKL_NO_KEY;
	}
	out->opts_len = end;
	i += end;
	while (i < n && is_blank(line[i]))
		i++;
	if (sl_pubkey_parse_text(line + i, n - i, version, &out->key, &out->pos,
	    &why2, &off2) != 0) {
		out->pos.type_off += i;
		out->pos.b64_off += i;
		out->why = why2;
		out->err_off = i + off2;
		if (i == n) {
			out->why = "no key after the options";
			out->err_off = i;
		}
		return SL_AKL_NO_KEY;
	}
	out->pos.type_off += i;
	out->pos.b64_off += i;
	if (out->pos.comment_len > 0)
		out->pos.comment_off += i;
	if (sl_ak_parse_options(line + out->opts_off, out->opts_len, version,
	    &out->opts, &why, &off) != 0) {
		out->why = why;
		out->err_off = out->opts_off + off;
		return SL_AKL_BAD_OPTIONS;
	}
	return SL_AKL_KEY;
}

/* ---- private key files ---- */

#define OPENSSH_BEGIN	"-----BEGIN OPENSSH PRIVATE KEY-----"
#define OPENSSH_END	"-----END OPENSSH PRIVATE KEY-----"
#define KEY_MAGIC	"openssh-key-v1"

static const char *
find_mem(const char *hay, size_t n, const char *needle)
{
	size_t l = strlen(needle), i;

	for (i = 0; i + l <= n; i++)
		if (memcmp(hay + i, needle, l) == 0)
			return hay + i;
	return NULL;
}

/* Base64 between two markers (line ends skipped); allocated. */
static long
armored_body(const char *data, size_t len, const char *begin,
    const char *end, bool skip_headers, bool *encrypted, unsigned char **out)
{
	const char *b, *e, *p, *nl;
	size_t bad;
	long r;

	*out = NULL;
	if ((b = find_mem(data, len, begin)) == NULL)
		return -1;
	b += strlen(begin);
	if ((e = find_mem(b, len - (size_t)(b - data), end)) == NULL)
		return -1;
	if (skip_headers) {
		/* RFC 1421 headers: "Name: value" lines, then a blank line */
		p = b;
		while (p < e && (*p == '\n' || *p == '\r'))
			p++;
		for (;;) {
			nl = memchr(p, '\n', (size_t)(e - p));
			if (nl == NULL)
				break;
			if (memchr(p, ':', (size_t)(nl - p)) == NULL)
				break;
			if (encrypted != NULL &&
			    find_mem(p, (size_t)(nl - p), "ENCRYPTED") != NULL)
				*encrypted = true;
			p = nl + 1;
		}
		b = p;
	}
	r = decode_b64(b, (size_t)(e - b), out, &bad);
	return r < 0 ? -1 : r;
}

/* ---- DER, only as far as the public fields ---- */

struct der {
	const unsigned char *p;
	size_t n, off;
};

/* Read a TLV; its tag, and the value's position. */
static bool
der_get(struct der *d, unsigned *tag, const unsigned char **v, size_t *vn)
{
	size_t len = 0, k, nb;

	if (d->n - d->off < 2)
		return false;
	*tag = d->p[d->off++];
	len = d->p[d->off++];
	if (len & 0x80) {
		nb = len & 0x7f;
		if (nb == 0 || nb > 4 || d->n - d->off < nb)
			return false;
		for (len = 0, k = 0; k < nb; k++)
			len = len << 8 | d->p[d->off++];
	}
	if (d->n - d->off < len)
		return false;
	*v = d->p + d->off;
	*vn = len;
	d->off += len;
	return true;
}

static bool
der_enter(struct der *d, unsigned want, struct der *in)
{
	unsigned tag;
	const unsigned char *v;
	size_t n;

	if (!der_get(d, &tag, &v, &n) || tag != want)
		return false;
	*in = (struct der){ v, n, 0 };
	return true;
}

static bool
der_int(struct der *d, const unsigned char **v, size_t *n)
{
	unsigned tag;

	return der_get(d, &tag, v, n) && tag == 0x02 && *n > 0;
}

/* Append an SSH string / mpint to buf. */
static size_t
put_str(unsigned char *buf, size_t off, const void *p, size_t n)
{
	put_u32(buf + off, (uint32_t)n);
	memcpy(buf + off + 4, p, n);
	return off + 4 + n;
}

static const unsigned char oid_p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03,
	0x01, 0x07 };
static const unsigned char oid_p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };
static const unsigned char oid_p521[] = { 0x2b, 0x81, 0x04, 0x00, 0x23 };
static const unsigned char oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
	0x01, 0x01, 0x01 };
static const unsigned char oid_ec[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
	0x01 };
static const unsigned char oid_dsa[] = { 0x2a, 0x86, 0x48, 0xce, 0x38, 0x04,
	0x01 };
static const unsigned char oid_ed25519[] = { 0x2b, 0x65, 0x70 };

#define OID_IS(v, n, oid) ((n) == sizeof(oid) && memcmp(v, oid, n) == 0)

static const char *
curve_of(const unsigned char *v, size_t n)
{
	if (OID_IS(v, n, oid_p256))
		return "nistp256";
	if (OID_IS(v, n, oid_p384))
		return "nistp384";
	if (OID_IS(v, n, oid_p521))
		return "nistp521";
	return NULL;
}

/* Blob of an RSA / DSA key from DER integers (DER and SSH mpints are both
 * minimal two's complement), parsed into out->key. */
static void
blob_from_ints(struct sl_privkey_info *out, const char *name,
    const unsigned char **v, const size_t *n, size_t nint)
{
	unsigned char *buf;
	size_t i, len = 4 + strlen(name), off;
	const char *why;

	for (i = 0; i < nint; i++)
		len += 4 + n[i];
	if ((buf = sl_malloc(len)) == NULL)
		return;
	off = put_str(buf, 0, name, strlen(name));
	for (i = 0; i < nint; i++)
		off = put_str(buf, off, v[i], n[i]);
	if (sl_pubkey_from_blob(buf, off, &out->key, &why) == 0)
		out->have_public = true;
	sl_free(buf);
}

static void
ec_blob(struct sl_privkey_info *out, const char *curve,
    const unsigned char *q, size_t qn)
{
	unsigned char *buf;
	char name[32];
	size_t off;
	const char *why;

	snprintf(name, sizeof(name), "ecdsa-sha2-%s", curve);
	if ((buf = sl_malloc(4 + strlen(name) + 4 + strlen(curve) + 4 +
	    qn)) == NULL)
		return;
	off = put_str(buf, 0, name, strlen(name));
	off = put_str(buf, off, curve, strlen(curve));
	off = put_str(buf, off, q, qn);
	if (sl_pubkey_from_blob(buf, off, &out->key, &why) == 0)
		out->have_public = true;
	sl_free(buf);
}

/* RSAPrivateKey: version, n, e (the private fields are not read). */
static void
der_rsa(struct sl_privkey_info *out, struct der *d)
{
	struct der s;
	const unsigned char *v[3];
	size_t n[3];

	if (!der_enter(d, 0x30, &s) || !der_int(&s, &v[0], &n[0]) ||
	    !der_int(&s, &v[1], &n[1]) || !der_int(&s, &v[2], &n[2]))
		return;
	/* ssh-rsa blob: e, n */
	v[0] = v[2];
	n[0] = n[2];
	blob_from_ints(out, "ssh-rsa", v, n, 2);
}

/* DSAPrivateKey: version, p, q, g, y (x not read). */
static void
der_dsa(struct sl_privkey_info *out, struct der *d)
{
	struct der s;
	const unsigned char *v[5];
	size_t n[5], i;

	if (!der_enter(d, 0x30, &s))
		return;
	for (i = 0; i < 5; i++)
		if (!der_int(&s, &v[i], &n[i]))
			return;
	blob_from_ints(out, "ssh-dss", v + 1, n + 1, 4);
}

/* ECPrivateKey: version, privateKey (skipped unread), [0] curve, [1]
 * public point. */
static void
der_ec(struct sl_privkey_info *out, struct der *d, const char *curve)
{
	struct der s, t;
	unsigned tag;
	const unsigned char *v;
	size_t n;

	if (!der_enter(d, 0x30, &s) || !der_int(&s, &v, &n) ||
	    !der_get(&s, &tag, &v, &n) || tag != 0x04)
		return;
	while (der_get(&s, &tag, &v, &n)) {
		t = (struct der){ v, n, 0 };
		if (tag == 0xa0 && der_get(&t, &tag, &v, &n) && tag == 0x06)
			curve = curve_of(v, n);
		else if (tag == 0xa1 && der_get(&t, &tag, &v, &n) &&
		    tag == 0x03 && n > 1 && v[0] == 0 && curve != NULL) {
			ec_blob(out, curve, v + 1, n - 1);
			return;
		}
	}
	if (curve != NULL)
		out->type_hint = "ECDSA";
}

/* PrivateKeyInfo: version, AlgorithmIdentifier, privateKey. */
static void
der_pkcs8(struct sl_privkey_info *out, struct der *d)
{
	struct der s, alg, in;
	unsigned tag;
	const unsigned char *v, *ov;
	size_t n, on;
	const char *curve = NULL;

	if (!der_enter(d, 0x30, &s) || !der_int(&s, &v, &n) ||
	    !der_enter(&s, 0x30, &alg) || !der_get(&alg, &tag, &ov, &on) ||
	    tag != 0x06)
		return;
	if (der_get(&alg, &tag, &v, &n) && tag == 0x06)
		curve = curve_of(v, n);
	if (!der_get(&s, &tag, &v, &n) || tag != 0x04)
		return;
	in = (struct der){ v, n, 0 };
	if (OID_IS(ov, on, oid_rsa)) {
		out->type_hint = "RSA";
		der_rsa(out, &in);
	} else if (OID_IS(ov, on, oid_ec)) {
		out->type_hint = "ECDSA";
		der_ec(out, &in, curve);
	} else if (OID_IS(ov, on, oid_dsa))
		out->type_hint = "DSA";
	else if (OID_IS(ov, on, oid_ed25519))
		out->type_hint = "ED25519";
}

static void
inspect_openssh(const char *data, size_t len, struct sl_privkey_info *out)
{
	unsigned char *buf = NULL;
	struct rd r;
	const unsigned char *p;
	size_t n;
	long bl;
	char kdf[32], opts[8];

	out->format = SL_PK_OPENSSH;
	bl = armored_body(data, len, OPENSSH_BEGIN, OPENSSH_END, false, NULL,
	    &buf);
	if (bl < 0 || (size_t)bl < sizeof(KEY_MAGIC) ||
	    memcmp(buf, KEY_MAGIC, sizeof(KEY_MAGIC)) != 0) {
		out->format = SL_PK_BAD;
		out->why = "invalid format";
		goto done;
	}
	r = (struct rd){ buf, (size_t)bl, sizeof(KEY_MAGIC), false };
	get_cstr(&r, out->cipher, sizeof(out->cipher));
	get_cstr(&r, kdf, sizeof(kdf));
	get_cstr(&r, opts, sizeof(opts));
	if (get_u32(&r) != 1 || r.bad) {
		/* sshkey_parse_private2(): exactly one key */
		out->format = SL_PK_BAD;
		out->why = "invalid format";
		goto done;
	}
	p = get_str(&r, &n);
	if (r.bad || sl_pubkey_from_blob(p, n, &out->key, &out->why) != 0) {
		out->format = SL_PK_BAD;
		if (out->why == NULL)
			out->why = "invalid format";
		goto done;
	}
	out->have_public = true;
	out->encrypted = strcmp(out->cipher, "none") != 0;
	/* the rest (the private section) is not read */
 done:
	sl_free(buf);
}

static void
inspect_pem(const char *data, size_t len, struct sl_privkey_info *out,
    const char *label, enum sl_privkey_format fmt)
{
	char begin[64], end[64];
	unsigned char *buf = NULL;
	struct der d;
	long bl;

	out->format = fmt;
	snprintf(begin, sizeof(begin), "-----BEGIN %s-----", label);
	snprintf(end, sizeof(end), "-----END %s-----", label);
	bl = armored_body(data, len, begin, end, true, &out->encrypted, &buf);
	if (fmt == SL_PK_PEM_RSA)
		out->type_hint = "RSA";
	else if (fmt == SL_PK_PEM_DSA)
		out->type_hint = "DSA";
	else if (fmt == SL_PK_PEM_EC)
		out->type_hint = "ECDSA";
	if (fmt == SL_PK_PKCS8_ENCRYPTED)
		out->encrypted = true;
	if (bl < 0) {
		out->format = SL_PK_BAD;
		out->why = "invalid format";
		goto done;
	}
	if (out->encrypted)
		goto done;	/* nothing more is visible */
	d = (struct der){ buf, (size_t)bl, 0 };
	switch (fmt) {
	case SL_PK_PEM_RSA:
		der_rsa(out, &d);
		break;
	case SL_PK_PEM_DSA:
		der_dsa(out, &d);
		break;
	case SL_PK_PEM_EC:
		der_ec(out, &d, NULL);
		break;
	case SL_PK_PKCS8:
		der_pkcs8(out, &d);
		break;
	default:
		break;
	}
 done:
	sl_free(buf);
}

int
sl_privkey_inspect(const char *data, size_t len, struct sl_privkey_info *out)
{
	static const struct {
		const char *label;
		enum sl_privkey_format fmt;
	} pem[] = {
		{ "RSA PRIVATE KEY", SL_PK_PEM_RSA },
		{ "DSA PRIVATE KEY", SL_PK_PEM_DSA },
		{ "EC PRIVATE KEY", SL_PK_PEM_EC },
		{ "ENCRYPTED PRIVATE KEY", SL_PK_PKCS8_ENCRYPTED },
		{ "PRIVATE KEY", SL_PK_PKCS8 },
	};
	char begin[64];
	const char *why, *nl;
	size_t i, off;
	struct sl_pubkey_text pos;

	memset(out, 0, sizeof(*out));
	i = 0;
	while (i < len && isspace((unsigned char)data[i]))
		i++;
	if (len - i >= strlen(OPENSSH_BEGIN) &&
	    memcmp(data + i, OPENSSH_BEGIN, strlen(OPENSSH_BEGIN)) == 0) {
		inspect_openssh(data + i, len - i, out);
		return 0;
	}
	for (size_t k = 0; k < sizeof(pem) / sizeof(pem[0]); k++) {
		snprintf(begin, sizeof(begin), "-----BEGIN %s-----",
		    pem[k].label);
		if (len - i >= strlen(begin) &&
		    memcmp(data + i, begin, strlen(begin)) == 0) {
			inspect_pem(data + i, len - i, out, pem[k].label,
			    pem[k].fmt);
			return 0;
		}
	}
	if (len - i >= 20 && memcmp(data + i, "PuTTY-User-Key-File-", 20) == 0) {
		out->format = SL_PK_PUTTY;
		return 0;
	}
	/* a public key in text form: its first line */
	nl = memchr(data + i, '\n', len - i);
	if (sl_pubkey_parse_text(data + i, nl ? (size_t)(nl - data - i) :
	    len - i, 0, &out->key, &pos, &why, &off) == 0) {
		out->format = SL_PK_PUBLIC;
		out->have_public = true;
		if (pos.comment_len > 0)
			snprintf(out->comment, sizeof(out->comment), "%.*s",
			    (int)pos.comment_len, data + i + pos.comment_off);
	}
	return 0;
}
