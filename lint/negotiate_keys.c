/*
 * Keys for the negotiation walk, on top of lint/keyfile.c (the parser of
 * public blobs, .pub lines and private key file headers shared with
 * `sshlint doctor`). Only public data is ever read.
 */
#include "lint/negotiate_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/keyfile.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "sshlint/sshlint.h"

#define MAX_KEYFILE	(256 * 1024)	/* larger files are not keys */

/* ---- names ---- */

struct kname {
	enum sl_kt kt;
	bool cert;
	unsigned curve;
	const char *name, *type;
};

static const struct kname knames[] = {
	{ SL_KT_RSA, false, 0, "ssh-rsa", "RSA" },
	{ SL_KT_DSA, false, 0, "ssh-dss", "DSA" },
	{ SL_KT_ECDSA, false, 256, "ecdsa-sha2-nistp256", "ECDSA" },
	{ SL_KT_ECDSA, false, 384, "ecdsa-sha2-nistp384", "ECDSA" },
	{ SL_KT_ECDSA, false, 521, "ecdsa-sha2-nistp521", "ECDSA" },
	{ SL_KT_ED25519, false, 0, "ssh-ed25519", "ED25519" },
	{ SL_KT_SK_ECDSA, false, 256, "sk-ecdsa-sha2-nistp256@openssh.com",
	    "ECDSA-SK" },
	{ SL_KT_SK_ED25519, false, 0, "sk-ssh-ed25519@openssh.com",
	    "ED25519-SK" },
	{ SL_KT_MLDSA, false, 0, "ssh-mldsa44-ed25519@openssh.com",
	    "MLDSA44-ED25519" },
	{ SL_KT_RSA, true, 0, "ssh-rsa-cert-v01@openssh.com", "RSA-CERT" },
	{ SL_KT_DSA, true, 0, "ssh-dss-cert-v01@openssh.com", "DSA-CERT" },
	{ SL_KT_ECDSA, true, 256, "ecdsa-sha2-nistp256-cert-v01@openssh.com",
	    "ECDSA-CERT" },
	{ SL_KT_ECDSA, true, 384, "ecdsa-sha2-nistp384-cert-v01@openssh.com",
	    "ECDSA-CERT" },
	{ SL_KT_ECDSA, true, 521, "ecdsa-sha2-nistp521-cert-v01@openssh.com",
	    "ECDSA-CERT" },
	{ SL_KT_ED25519, true, 0, "ssh-ed25519-cert-v01@openssh.com",
	    "ED25519-CERT" },
	{ SL_KT_SK_ECDSA, true, 256,
	    "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "ECDSA-SK-CERT" },
	{ SL_KT_SK_ED25519, true, 0, "sk-ssh-ed25519-cert-v01@openssh.com",
	    "ED25519-SK-CERT" },
	{ SL_KT_MLDSA, true, 0, "ssh-mldsa44-ed25519-cert-v01@openssh.com",
	    "MLDSA44-ED25519-CERT" },
};

#define NKNAMES (sizeof(knames) / sizeof(knames[0]))

/* Signature-only names and the key type they belong to. */
static const struct kname signames[] = {
	{ SL_KT_RSA, false, 0, "rsa-sha2-256", NULL },
	{ SL_KT_RSA, false, 0, "rsa-sha2-512", NULL },
	{ SL_KT_RSA, true, 0, "rsa-sha2-256-cert-v01@openssh.com", NULL },
	{ SL_KT_RSA, true, 0, "rsa-sha2-512-cert-v01@openssh.com", NULL },
	{ SL_KT_SK_ECDSA, false, 256,
	    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com", NULL },
	{ SL_KT_SK_ECDSA, true, 256,
	    "webauthn-sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", NULL },
};

#define NSIGNAMES (sizeof(signames) / sizeof(signames[0]))

static const struct kname *
kname_of(const struct sl_key *k)
{
	size_t i;

	for (i = 0; i < NKNAMES; i++) {
		if (knames[i].kt != k->kt || knames[i].cert != k->cert)
			continue;
		if (k->kt == SL_KT_ECDSA && k->bits != 0 &&
		    knames[i].curve != k->bits)
			continue;
		return &knames[i];
	}
	return NULL;
}

void
sl_key_make(struct sl_key *k, enum sl_kt kt, bool cert, unsigned bits)
{
	memset(k, 0, sizeof(*k));
	k->kt = kt;
	k->cert = cert;
	k->bits = bits;
	if ((kt == SL_KT_ECDSA || kt == SL_KT_SK_ECDSA) && bits == 0)
		k->bits = 256;
	if (kt == SL_KT_ED25519 || kt == SL_KT_SK_ED25519)
		k->bits = 256;
	if (cert)
		k->cert_type = 1;
}

const char *
sl_key_ssh_name(const struct sl_key *k)
{
	const struct kname *n = kname_of(k);

	return n != NULL ? n->name : "unknown";
}

const char *
sl_key_type_name(const struct sl_key *k)
{
	const struct kname *n = kname_of(k);

	return n != NULL ? n->type : "UNKNOWN";
}

enum sl_kt
sl_key_alg_type(const char *alg, bool *cert, unsigned *curve)
{
	size_t i;

	for (i = 0; i < NKNAMES; i++) {
		if (strcmp(knames[i].name, alg) == 0) {
			if (cert)
				*cert = knames[i].cert;
			if (curve)
				*curve = knames[i].curve;
			return knames[i].kt;
		}
	}
	for (i = 0; i < NSIGNAMES; i++) {
		if (strcmp(signames[i].name, alg) == 0) {
			if (cert)
				*cert = signames[i].cert;
			if (curve)
				*curve = signames[i].curve;
			return signames[i].kt;
		}
	}
	return SL_KT_UNKNOWN;
}

const char *
sl_key_sigalg_plain(const char *alg)
{
	static const struct {
		const char *cert, *sig;
	} map[] = {
		{ "ssh-rsa-cert-v01@openssh.com", "ssh-rsa" },
		{ "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-256" },
		{ "rsa-sha2-512-cert-v01@openssh.com", "rsa-sha2-512" },
		{ "ssh-dss-cert-v01@openssh.com", "ssh-dss" },
		{ "ecdsa-sha2-nistp256-cert-v01@openssh.com",
		    "ecdsa-sha2-nistp256" },
		{ "ecdsa-sha2-nistp384-cert-v01@openssh.com",
		    "ecdsa-sha2-nistp384" },
		{ "ecdsa-sha2-nistp521-cert-v01@openssh.com",
		    "ecdsa-sha2-nistp521" },
		{ "ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519" },
		{ "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
		    "sk-ecdsa-sha2-nistp256@openssh.com" },
		{ "webauthn-sk-ecdsa-sha2-nistp256-cert-v01@openssh.com",
		    "webauthn-sk-ecdsa-sha2-nistp256@openssh.com" },
		{ "sk-ssh-ed25519-cert-v01@openssh.com",
		    "sk-ssh-ed25519@openssh.com" },
		{ "ssh-mldsa44-ed25519-cert-v01@openssh.com",
		    "ssh-mldsa44-ed25519@openssh.com" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].cert, alg) == 0)
			return map[i].sig;
	return alg;
}

/* ---- from lint/keyfile.h ---- */

static enum sl_kt
kt_of(enum sl_pubkey_kind k)
{
	switch (k) {
	case SL_PUBKEY_RSA:
		return SL_KT_RSA;
	case SL_PUBKEY_DSA:
		return SL_KT_DSA;
	case SL_PUBKEY_ECDSA:
		return SL_KT_ECDSA;
	case SL_PUBKEY_ED25519:
		return SL_KT_ED25519;
	case SL_PUBKEY_ECDSA_SK:
		return SL_KT_SK_ECDSA;
	case SL_PUBKEY_ED25519_SK:
		return SL_KT_SK_ED25519;
	case SL_PUBKEY_MLDSA44_ED25519:
		return SL_KT_MLDSA;
	default:
		return SL_KT_UNKNOWN;
	}
}

int
sl_key_from_pubkey(struct sl_arena *a, const struct sl_pubkey *p,
    struct sl_key *k)
{
	char fp[SL_PUBKEY_FP_STRLEN];

	memset(k, 0, sizeof(*k));
	if ((k->kt = kt_of(p->kind)) == SL_KT_UNKNOWN)
		return 1;
	k->cert = p->cert;
	k->bits = p->bits;
	if (p->cert) {
		k->cert_type = (int)p->c.type;
		if (p->c.sig_alg[0] != '\0' && (k->cert_sigalg =
		    sl_arena_strndup(a, p->c.sig_alg, strlen(p->c.sig_alg))) ==
		    NULL)
			return SL_ENOMEM;
	}
	sl_pubkey_fp_str(p->plain_fp, fp, sizeof(fp));
	if ((k->fp = sl_arena_strndup(a, fp, strlen(fp))) == NULL)
		return SL_ENOMEM;
	memcpy(k->id, p->plain_fp, sizeof(k->id));
	memcpy(k->blob_id, p->fp, sizeof(k->blob_id));
	k->have_id = true;
	return 0;
}

int
sl_key_parse_blob(struct sl_arena *a, const unsigned char *blob, size_t len,
    struct sl_key *k)
{
	struct sl_pubkey p;
	const char *why;

	memset(k, 0, sizeof(*k));
	if (sl_pubkey_from_blob(blob, len, &p, &why) != 0)
		return 1;
	return sl_key_from_pubkey(a, &p, k);
}

int
sl_key_parse_line(struct sl_arena *a, const char *line, size_t len,
    struct sl_key *k)
{
	struct sl_pubkey p;
	struct sl_pubkey_text pos;
	const char *why;
	size_t off;

	memset(k, 0, sizeof(*k));
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	if (sl_pubkey_parse_text(line, len, 0, &p, &pos, &why, &off) != 0)
		return 1;
	return sl_key_from_pubkey(a, &p, k);
}

bool
sl_key_same_public(const struct sl_key *x, const struct sl_key *y)
{
	return x->have_id && y->have_id &&
	    memcmp(x->id, y->id, sizeof(x->id)) == 0;
}

bool
sl_key_same_blob(const struct sl_key *x, const struct sl_key *y)
{
	return x->have_id && y->have_id &&
	    memcmp(x->blob_id, y->blob_id, sizeof(x->blob_id)) == 0;
}

const char *
sl_key_fingerprint(struct sl_arena *a, const struct sl_key *k)
{
	(void)a;
	return k->fp != NULL ? k->fp : "";
}

/* ---- files ---- */

static int slurp_max(struct sl_arena *a, const char *path, size_t max,
    char **out, size_t *outlen, struct stat *st);

/* Read a whole small file into the arena (NUL-terminated). 0, 1 (errno
 * kept), SL_ENOMEM. */
static int
slurp(struct sl_arena *a, const char *path, char **out, size_t *outlen,
    struct stat *st)
{
	return slurp_max(a, path, MAX_KEYFILE, out, outlen, st);
}

int
sl_nego_read_file(struct sl_arena *a, const char *path, size_t max,
    char **data, size_t *len)
{
	struct stat st;

	return slurp_max(a, path, max, data, len, &st);
}

static int
slurp_max(struct sl_arena *a, const char *path, size_t max, char **out,
    size_t *outlen, struct stat *st)
{
	int fd, e;
	ssize_t n;
	size_t len = 0;
	char *buf;

	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return 1;
	if (fstat(fd, st) == 0 && S_ISCHR(st->st_mode) &&
	    strcmp(path, "/dev/null") == 0) {
		/* an empty file, as ssh and sshd read it */
		close(fd);
		if ((*out = sl_arena_alloc(a, 1)) == NULL)
			return SL_ENOMEM;
		**out = '\0';
		*outlen = 0;
		return 0;
	}
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) ||
	    (size_t)st->st_size > max) {
		e = !S_ISREG(st->st_mode) ? EISDIR : EFBIG;
		close(fd);
		errno = e;
		return 1;
	}
	if ((buf = sl_arena_alloc(a, (size_t)st->st_size + 1)) == NULL) {
		close(fd);
		return SL_ENOMEM;
	}
	while (len < (size_t)st->st_size) {
		n = read(fd, buf + len, (size_t)st->st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

static void
kt_from_hint(struct sl_key *k, const char *hint)
{
	if (hint == NULL)
		return;
	if (strcmp(hint, "RSA") == 0)
		sl_key_make(k, SL_KT_RSA, false, 0);
	else if (strcmp(hint, "DSA") == 0)
		sl_key_make(k, SL_KT_DSA, false, 0);
	else if (strcmp(hint, "ECDSA") == 0)
		sl_key_make(k, SL_KT_ECDSA, false, 256);
	else if (strcmp(hint, "ED25519") == 0)
		sl_key_make(k, SL_KT_ED25519, false, 256);
}

int
sl_pubfile_read(struct sl_arena *a, const char *path, struct sl_keyfile *kf)
{
	struct stat st;
	struct sl_pubkey p;
	struct sl_pubkey_text pos;
	const char *why, *nl;
	char *data;
	size_t len, off;
	int r;

	memset(kf, 0, sizeof(*kf));
	if ((r = slurp(a, path, &data, &len, &st)) == SL_ENOMEM)
		return r;
	if (r != 0) {
		kf->exists = errno != ENOENT && errno != ENOTDIR;
		kf->why = strerror(errno);
		return 0;
	}
	kf->exists = kf->readable = true;
	kf->mode = st.st_mode;
	kf->uid = st.st_uid;
	while (len > 0 && (*data == ' ' || *data == '\t' || *data == '\n')) {
		data++;
		len--;
	}
	if ((nl = memchr(data, '\n', len)) != NULL)
		len = (size_t)(nl - data);
	if (len > 0 && data[len - 1] == '\r')
		len--;
	if (sl_pubkey_parse_text(data, len, 0, &p, &pos, &why, &off) != 0) {
		if (why != NULL && strcmp(why, "Invalid key length") == 0 &&
		    strncmp(data, "ssh-rsa", 7) == 0) {
			/* below 1024 bits: ssh refuses it on load (7.6+) */
			sl_key_make(&kf->key, SL_KT_RSA, strncmp(data,
			    "ssh-rsa-cert", 12) == 0, 0);
			kf->key.small = true;
			kf->have_pub = kf->key_known = true;
			return 0;
		}
		kf->why = why ? why : "invalid format";
		return 0;
	}
	if ((r = sl_key_from_pubkey(a, &p, &kf->key)) == SL_ENOMEM)
		return r;
	if (r != 0) {
		kf->why = "key type not modelled";
		return 0;
	}
	kf->have_pub = kf->key_known = true;
	return 0;
}

int
sl_keyfile_read(struct sl_arena *a, const char *path, struct sl_keyfile *kf)
{
	struct sl_keyfile pub;
	struct sl_privkey_info pi;
	struct stat st;
	char *data = NULL, *pubpath;
	size_t len = 0, plen;
	int r;

	memset(kf, 0, sizeof(*kf));
	memset(&pi, 0, sizeof(pi));
	r = slurp(a, path, &data, &len, &st);
	if (r == SL_ENOMEM)
		return r;
	if (r == 0) {
		kf->exists = kf->readable = true;
		kf->mode = st.st_mode;
		kf->uid = st.st_uid;
		sl_privkey_inspect(data, len, &pi);
		if (pi.format == SL_PK_PUBLIC) {
			/* the path is a public key (sshkey_load_public) */
			if (pi.have_public &&
			    (r = sl_key_from_pubkey(a, &pi.key, &kf->key)) == 0)
				kf->have_pub = kf->key_known = true;
			return r == SL_ENOMEM ? r : 0;
		}
	} else {
		kf->exists = errno != ENOENT && errno != ENOTDIR;
		if (kf->exists && stat(path, &st) == 0) {
			kf->mode = st.st_mode;
			kf->uid = st.st_uid;
		}
		kf->why = strerror(errno);
	}
	/* then path.pub */
	plen = strlen(path) + 5;
	if ((pubpath = sl_arena_alloc(a, plen)) == NULL)
		return SL_ENOMEM;
	snprintf(pubpath, plen, "%s.pub", path);
	if ((r = sl_pubfile_read(a, pubpath, &pub)) != 0)
		return r;
	if (kf->readable) {
		kf->is_private = pi.format != SL_PK_NOT_PRIVATE &&
		    pi.format != SL_PK_BAD && pi.format != SL_PK_PUTTY;
		kf->encrypted = pi.encrypted;
		if (pi.format == SL_PK_OPENSSH && pi.have_public) {
			/* the public key is stored in clear */
			if ((r = sl_key_from_pubkey(a, &pi.key, &kf->key)) ==
			    SL_ENOMEM)
				return r;
			kf->have_pub = kf->key_known = r == 0;
		} else if (pi.have_public) {
			/* PEM: known to sshlint, not to ssh before signing */
			if ((r = sl_key_from_pubkey(a, &pi.key, &kf->key)) ==
			    SL_ENOMEM)
				return r;
			kf->key_known = r == 0;
		} else
			kt_from_hint(&kf->key, pi.type_hint);
		if (!kf->key_known && kf->key.kt != SL_KT_UNKNOWN)
			kf->key_known = true;
		if (pi.format == SL_PK_BAD || pi.format == SL_PK_NOT_PRIVATE)
			kf->why = pi.why ? pi.why : "invalid format";
		else if (pi.format == SL_PK_PUTTY)
			kf->why = "a PuTTY key: ssh cannot read it";
	}
	if (pub.have_pub) {
		/* ssh prefers the .pub over the private file's public part */
		kf->key = pub.key;
		kf->have_pub = kf->key_known = true;
		if (!kf->readable)
			kf->why = NULL;
	}
	return 0;
}
