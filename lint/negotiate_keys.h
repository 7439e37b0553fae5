/*
 * Keys as the negotiation walk sees them: type, size, certificate facts
 * and identity (fingerprints), taken from lint/keyfile.h's parser of
 * public blobs and key files (nothing secret is ever decoded), plus the
 * name tables the walk needs (which key type an algorithm name signs for).
 */
#ifndef SSHLINT_LINT_NEGOTIATE_KEYS_H
#define SSHLINT_LINT_NEGOTIATE_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "lint/util/arena.h"

/* Key types (sshkey.h KEY_*, plain). */
enum sl_kt {
	SL_KT_UNKNOWN = 0,
	SL_KT_RSA,
	SL_KT_DSA,
	SL_KT_ECDSA,
	SL_KT_ED25519,
	SL_KT_SK_ECDSA,
	SL_KT_SK_ED25519,
	SL_KT_MLDSA,		/* ssh-mldsa44-ed25519@openssh.com (10.4+) */
};

struct sl_key {
	enum sl_kt kt;
	bool cert;
	unsigned bits;		/* RSA/DSA modulus bits, ECDSA curve bits;
				 * 0 when unknown */
	bool small;		/* RSA below 1024 bits (refused everywhere
				 * from 7.6; exact size unknown) */
	int cert_type;		/* 1 user, 2 host; 0 unknown */
	const char *cert_sigalg;	/* certificate: the CA's signature
				 * algorithm (e.g. "ssh-rsa"), or NULL */
	const char *fp;		/* "SHA256:..." of the plain key, or NULL */
	bool have_id;		/* id / blob_id are set */
	unsigned char id[32];	/* SHA-256 of the plain key blob: equal for a
				 * key and its certificates */
	unsigned char blob_id[32];	/* SHA-256 of the blob as given */
};

/* A key of a type (for tests and type hints); ECDSA takes the curve. */
void sl_key_make(struct sl_key *k, enum sl_kt kt, bool cert, unsigned bits);
/* sshkey_ssh_name(): "ssh-rsa", "ecdsa-sha2-nistp384-cert-v01@openssh.com". */
const char *sl_key_ssh_name(const struct sl_key *k);
/* sshkey_type(): "RSA", "ED25519-CERT", ... */
const char *sl_key_type_name(const struct sl_key *k);
/* Key type of an algorithm or key name (cert names too); *cert, *curve
 * (ECDSA) are set when not NULL. SL_KT_UNKNOWN if not a key name. */
enum sl_kt sl_key_alg_type(const char *alg, bool *cert, unsigned *curve);
/* The signature algorithm of an algorithm name: certificate names map to
 * their plain signature name ("rsa-sha2-512-cert-v01@openssh.com" ->
 * "rsa-sha2-512"); other names map to themselves. */
const char *sl_key_sigalg_plain(const char *alg);

struct sl_pubkey;
/* From lint/keyfile.h's parse: 0, 1 (a type the walk does not model),
 * SL_ENOMEM. */
int sl_key_from_pubkey(struct sl_arena *a, const struct sl_pubkey *p,
    struct sl_key *k);
/* A wire blob (an agent's key); 0, 1 when not a key sshlint understands,
 * or SL_ENOMEM. */
int sl_key_parse_blob(struct sl_arena *a, const unsigned char *blob,
    size_t len, struct sl_key *k);
/* "TYPE BASE64 [COMMENT]"; 0, 1 or SL_ENOMEM. */
int sl_key_parse_line(struct sl_arena *a, const char *line, size_t len,
    struct sl_key *k);
/* Same public key (certificates compare by their plain key)? */
bool sl_key_same_public(const struct sl_key *x, const struct sl_key *y);
/* The same blob (an agent key and a file)? */
bool sl_key_same_blob(const struct sl_key *x, const struct sl_key *y);
/* "SHA256:..." as ssh-keygen -l prints it; "" when unknown. */
const char *sl_key_fingerprint(struct sl_arena *a, const struct sl_key *k);

/* What reading one key file found. */
struct sl_keyfile {
	bool exists;		/* the path exists */
	bool readable;
	bool is_private;	/* a private key file */
	bool have_pub;		/* the public key is known the way ssh
				 * knows it without the private key */
	bool key_known;		/* the key type is known (have_pub, or a
				 * PEM header) */
	bool encrypted;		/* private key protected by a passphrase */
	struct sl_key key;
	mode_t mode;		/* st_mode of the path */
	uid_t uid;
	const char *why;	/* why nothing usable was found, or NULL */
};

/*
 * Read the key file `path` the way ssh does for an identity: `path` as a
 * public key line, else `path`.pub, else the public part of the private
 * key in `path` (OpenSSH format); PEM private keys give the type only
 * (have_pub stays false, as for ssh). Never fails on content; returns 0
 * or SL_ENOMEM.
 */
int sl_keyfile_read(struct sl_arena *a, const char *path,
    struct sl_keyfile *kf);
/* Read a whole file of at most `max` bytes into the arena (NUL-terminated):
 * 0, 1 (not readable, too big; errno set), SL_ENOMEM. */
int sl_nego_read_file(struct sl_arena *a, const char *path, size_t max,
    char **data, size_t *len);
/* Read only a public key file (a ".pub" or a certificate). 0, SL_ENOMEM. */
int sl_pubfile_read(struct sl_arena *a, const char *path,
    struct sl_keyfile *kf);

#endif
