/*
 * Public keys as OpenSSH stores them: the wire blob (RFC 4253 6.6,
 * PROTOCOL.certkeys, PROTOCOL.u2f), the one-line text form of .pub files
 * and authorized_keys lines (with their options, parsed as sshd's
 * auth-options.c does), and what can be seen of a private key file without
 * decrypting it: the public key stored in clear in the openssh-key-v1
 * header, the type of a PEM / PKCS#8 key.
 *
 * Nothing here decrypts, keeps or prints private key material: a private
 * key file is only inspected for its format, its public half and whether
 * it is encrypted.
 */
#ifndef SSHLINT_LINT_KEYFILE_H
#define SSHLINT_LINT_KEYFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/util/sha256.h"

/* Key kinds (sshkey.h KEY_*), certificates flagged separately. */
enum sl_pubkey_kind {
	SL_PUBKEY_UNKNOWN = 0,
	SL_PUBKEY_RSA,
	SL_PUBKEY_DSA,
	SL_PUBKEY_ECDSA,
	SL_PUBKEY_ED25519,
	SL_PUBKEY_ECDSA_SK,
	SL_PUBKEY_ED25519_SK,
	SL_PUBKEY_XMSS,
	SL_PUBKEY_MLDSA44_ED25519,
};

/* Certificate fields (PROTOCOL.certkeys). */
#define SL_CERT_USER	1
#define SL_CERT_HOST	2

struct sl_pubkey_cert {
	uint64_t serial;
	uint32_t type;			/* SL_CERT_USER or SL_CERT_HOST */
	char key_id[128];		/* truncated */
	char principals[256];		/* comma-separated, truncated */
	uint32_t nprincipals;
	uint64_t valid_after, valid_before;	/* seconds since the epoch */
	char ca_name[64];		/* type name of the signing key */
	unsigned char ca_fp[SL_SHA256_LEN];
	char sig_alg[64];		/* signature algorithm of the CA */
};

/* What a public key blob says; nothing in it is secret. */
struct sl_pubkey {
	enum sl_pubkey_kind kind;
	bool cert;
	char name[64];		/* type name in the blob */
	const char *plain;	/* name of the plain key type (static) */
	const char *label;	/* sshkey_type(): "RSA", "ED25519-CERT", ... */
	unsigned bits;		/* sshkey_size() */
	/* SHA-256 of the blob as given: equal blobs, equal keys
	 * (sshkey_equal()) */
	unsigned char fp[SL_SHA256_LEN];
	/* SHA-256 of the plain key's blob: what OpenSSH prints as the
	 * fingerprint (for a certificate too, sshkey_fingerprint() hashes the
	 * plain key), and equal for a key and its certificates */
	unsigned char plain_fp[SL_SHA256_LEN];
	char application[64];	/* security keys: FIDO application */
	struct sl_pubkey_cert c;	/* when cert */
};

/* Longest text sl_pubkey_fp_str() writes ("SHA256:" + 43 + NUL). */
#define SL_PUBKEY_FP_STRLEN	51

/*
 * Parse a key blob as sshkey_from_blob() does: the type name, the key
 * fields, for certificates the certificate fields, nothing left over;
 * RSA keys under 1024 bits are refused (SSH_RSA_MINIMUM_MODULUS_SIZE).
 * Returns 0, or -1 with *why set to a static reason (OpenSSH's ssherr.c
 * text where one applies: "invalid format", "unknown or unsupported key
 * type", "Invalid key length", ...).
 */
int sl_pubkey_from_blob(const unsigned char *blob, size_t len,
    struct sl_pubkey *k, const char **why);

/* "SHA256:<base64 without padding>", as ssh-keygen -l prints it. */
const char *sl_pubkey_fp_str(const unsigned char fp[SL_SHA256_LEN], char *buf,
    size_t len);

/*
 * The key type a name in the text form stands for, as
 * sshkey_type_from_name() resolves it: a type name, a signature-only name
 * (rsa-sha2-512 is an RSA key) or, for plain keys, the short name in any
 * case ("ED25519"). Returns false for a name no OpenSSH release knows.
 * *plain and *cert describe the key; *name the canonical type name.
 */
bool sl_pubkey_type_from_name(const char *s, size_t n, const char **name,
    bool *cert);

/*
 * Is the type name (canonical, as in sl_pubkey.name) supported by OpenSSH
 * release `version` (SL_VERSION form, typical build)?
 */
bool sl_pubkey_type_supported(const char *name, int version);

/*
 * Signature algorithms a key can make, as names of PubkeyAcceptedAlgorithms
 * (RSA: rsa-sha2-512, rsa-sha2-256, ssh-rsa; certificates their -cert-v01
 * forms; others their own name). Returns the number written (<= max).
 */
size_t sl_pubkey_sig_algs(const struct sl_pubkey *k, const char **out, size_t max);

/* Positions in a text-form key (offsets into the parsed string). */
struct sl_pubkey_text {
	size_t type_off, type_len;
	size_t b64_off, b64_len;
	size_t comment_off, comment_len;	/* 0, 0 when none */
};

/*
 * Parse "TYPE BASE64[ COMMENT]" at s[0..n) as sshkey_read() does (TYPE
 * resolved by sl_pubkey_type_from_name() and supported by `version`, or any
 * release when version is 0; the blob's type must be that type). Returns
 * 0, or -1 with *why and *err_off (offset of the offending text).
 */
int sl_pubkey_parse_text(const char *s, size_t n, int version,
    struct sl_pubkey *k, struct sl_pubkey_text *pos, const char **why,
    size_t *err_off);

/* ---- authorized_keys ---- */

/* What sshd makes of the options of one line (auth-options.c). */
struct sl_ak_opts {
	bool cert_authority, restrict_;
	bool has_command, has_from, has_principals;
	bool has_expiry;
	int64_t expiry;		/* expiry-time as seconds since the epoch */
	unsigned nenv, npermitopen, npermitlisten;
	bool no_touch_required, verify_required;
};

/*
 * Parse the options at s[0..n) (up to the first unquoted blank) as
 * sshauthopt_parse() of release `version` does. Returns 0, or -1 with *why
 * (sshd's reason: "unknown key option", "missing end quote", "invalid
 * permission port", ...) and *err_off (the start of the option at fault).
 */
int sl_ak_parse_options(const char *s, size_t n, int version,
    struct sl_ak_opts *o, const char **why, size_t *err_off);

enum sl_ak_result {
	SL_AKL_BLANK,		/* empty line or comment */
	SL_AKL_KEY,		/* a key with valid options */
	SL_AKL_BAD_OPTIONS,	/* key found, options refused: line ignored */
	SL_AKL_NO_KEY,		/* no key sshd can read: line ignored */
};

struct sl_ak_line {
	size_t opts_off, opts_len;	/* 0, 0: no options */
	struct sl_pubkey_text pos;		/* of the key (offsets in the line) */
	struct sl_ak_opts opts;
	struct sl_pubkey key;
	const char *why;		/* SL_AKL_BAD_OPTIONS, SL_AKL_NO_KEY */
	size_t err_off;
};

/*
 * One line of an authorized_keys file (without its newline) as sshd's
 * auth_check_authkey_line() reads it: a key, or options then a key.
 */
enum sl_ak_result sl_ak_parse_line(const char *line, size_t n, int version,
    struct sl_ak_line *out);

/* ---- private key files ---- */

enum sl_privkey_format {
	SL_PK_NOT_PRIVATE = 0,	/* not a private key file */
	SL_PK_OPENSSH,		/* -----BEGIN OPENSSH PRIVATE KEY----- */
	SL_PK_PEM_RSA,		/* -----BEGIN RSA PRIVATE KEY----- */
	SL_PK_PEM_DSA,
	SL_PK_PEM_EC,
	SL_PK_PKCS8,		/* -----BEGIN PRIVATE KEY----- */
	SL_PK_PKCS8_ENCRYPTED,	/* -----BEGIN ENCRYPTED PRIVATE KEY----- */
	SL_PK_PUTTY,		/* PuTTY-User-Key-File-N: ssh cannot read it */
	SL_PK_PUBLIC,		/* a public key in text form (ssh reads it) */
	SL_PK_BAD,		/* a private key block that does not parse */
};

struct sl_privkey_info {
	enum sl_privkey_format format;
	bool encrypted;		/* a passphrase is needed to use it */
	bool have_public;	/* key is filled */
	struct sl_pubkey key;
	/* the type when only that can be seen (PEM/PKCS#8 label or OID):
	 * "RSA", "DSA", "ECDSA", "ED25519", or NULL */
	const char *type_hint;
	char cipher[32];	/* openssh-key-v1 cipher name */
	char comment[128];	/* SL_PK_PUBLIC: its comment */
	const char *why;	/* SL_PK_BAD: what is wrong */
};

/*
 * Inspect the contents of a key file (what IdentityFile names). Reads the
 * openssh-key-v1 header up to the public key (never the encrypted part),
 * for PEM and PKCS#8 only the unencrypted structure's public fields.
 * Returns 0 (see out->format).
 */
int sl_privkey_inspect(const char *data, size_t len,
    struct sl_privkey_info *out);

#endif
