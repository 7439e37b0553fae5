/*
 * The connection predictor behind `sshlint negotiate`: what OpenSSH's
 * client and server of given releases do with their effective settings,
 * step by step (kex.c kex_choose_conf(), sshconnect2.c pubkey auth,
 * auth2-pubkey.c), with the exact messages each release prints, and the
 * smallest configuration change that makes a failing step succeed.
 *
 * The walk itself (sl_nego_walk) works on plain lists and key facts, so the
 * unit tests can drive every case of the reference's failure cookbook
 * without files; sl_negotiate() (include/sshlint/negotiate.h) fills the
 * inputs from the configuration files and key files.
 */
#ifndef SSHLINT_LINT_NEGOTIATE_H
#define SSHLINT_LINT_NEGOTIATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/negotiate_keys.h"
#include "lint/util/arena.h"
#include "sshlint/eval.h"
#include "sshlint/negotiate.h"

/* A peer older than 7.2 (no rsa-sha2, no EXT_INFO): modelled with 7.1's
 * defaults. Versions below SL_NEGO_MODELLED use this profile. */
#define SL_NEGO_LEGACY		SL_VERSION(7, 1)
#define SL_NEGO_MODELLED	SL_VERSION(7, 4)

/* Settings the walk and the fixes look at (one per config keyword). */
enum sl_nopt {
	SL_NO_KEX,
	SL_NO_HOSTKEYALGS,
	SL_NO_CIPHERS,
	SL_NO_MACS,
	SL_NO_PUBKEY,		/* PubkeyAcceptedAlgorithms */
	SL_NO_CASIG,		/* CASignatureAlgorithms */
	SL_NO_RSASIZE,		/* RequiredRSASize */
	SL_NO_IDENTITIESONLY,	/* client: IdentitiesOnly */
	SL_NO_IDENTITYFILE,	/* client: IdentityFile */
	SL_NO__COUNT
};

/* One side of the connection, as the walk needs it. */
struct sl_nego_side {
	int version;		/* SL_VERSION; < 7.2: legacy profile */
	bool debian;		/* Debian 9.2 patches (strict-kex backport) */
	const char *list[SL_NO__COUNT];	/* effective comma lists / values
				 * (RSASIZE: decimal; NULL = option absent) */
	const char *spec[SL_NO__COUNT];	/* configured value, NULL = default */
	struct sl_origin origin[SL_NO__COUNT];	/* where the value comes from */
	const char *fatal;	/* the configuration is refused: message */
	bool compression;	/* client: Compression yes; server: not "no" */
	/* client */
	bool batchmode;
	bool pubkey_auth;	/* PubkeyAuthentication */
	bool via_proxy;		/* ProxyCommand/ProxyJump: "UNKNOWN port 65535" */
	bool kex_set;		/* KexAlgorithms set by the user (10.1 warning) */
	const char *known_types;	/* key names of the host in known_hosts
				 * (comma list, NULL: none) */
	bool known_ca;		/* a @cert-authority line matches the host */
	const char *user, *host, *port;	/* login, HostName, Port */
	const char *peer;	/* how this side's logs name the other side
				 * ("UNKNOWN port 65535", "192.0.2.1 port 22") */
	/* server */
	struct sl_key *hostkeys;	/* HostKey order, then host certificates */
	size_t nhostkeys;
	const char *methods;	/* authentication methods offered */
	int max_auth_tries;
	const char *pubkey_global;	/* PubkeyAcceptedAlgorithms before Match
				 * (the first server-sig-algs of 9.6+) */
};

/* Where an identity comes from. */
enum sl_nid_src {
	SL_NID_FILE,		/* IdentityFile / --identity (and its -cert) */
	SL_NID_CERTFILE,	/* CertificateFile */
	SL_NID_AGENT,		/* a key only the agent has */
};

/* How an agent answers a sign request (unit tests; the CLI cannot see
 * constraints and assumes SL_NAG_SIGNS). */
enum sl_nagent {
	SL_NAG_NONE,		/* not in the agent */
	SL_NAG_SIGNS,
	SL_NAG_REFUSES,		/* SSH_AGENT_FAILURE (confirm, constraint...) */
	SL_NAG_SHA1_ONLY,	/* ignores the rsa-sha2 flags, signs ssh-rsa */
};

struct sl_nego_ident {
	const char *file;	/* name in ssh's messages (path or comment) */
	enum sl_nid_src src;
	bool userprovided;	/* named in the configuration / command line */
	bool have_pub;		/* public half known before signing */
	bool key_known;		/* key type known (have_pub or PEM header) */
	struct sl_key key;
	/* the private key file (not for agent keys) */
	bool priv_exists;
	bool priv_invalid;	/* exists, but is no key ssh can load */
	bool priv_encrypted;
	bool priv_bad_perms;	/* owned by the user, mode & 077 */
	unsigned priv_mode;
	const char *priv_path;	/* for the permissions message */
	enum sl_nagent agent;	/* signs through the agent */
	int authorized;		/* 1 listed in authorized_keys, 0 not, -1
				 * unknown (assumed listed) */
};

/* Reasons (for tests, fixes and explain). */
enum sl_nreason {
	SL_NR_NONE = 0,
	SL_NR_CONFIG_CLIENT,
	SL_NR_CONFIG_SERVER,
	SL_NR_NO_KEX,
	SL_NR_NO_HOSTKEY,
	SL_NR_NO_CIPHER,
	SL_NR_NO_MAC,
	SL_NR_NO_COMP,
	SL_NR_HOSTKEY_SIZE,	/* Bad server host key: Invalid key length */
	SL_NR_HOSTCERT_CA,	/* host certificate CA algorithm refused */
	SL_NR_NONPQ,		/* 10.1+ post-quantum warning */
	SL_NR_NO_PUBKEY_METHOD,	/* publickey not offered / disabled */
	SL_NR_NO_IDENTITY,	/* no identity to try */
	SL_NR_AUTH_FAILED,	/* every identity failed */
	SL_NR_TOO_MANY,		/* MaxAuthTries reached */
	/* per identity */
	SL_NR_ID_OK,
	SL_NR_ID_MISSING,	/* no such identity */
	SL_NR_ID_UNKNOWN,	/* key type cannot be read */
	SL_NR_ID_TYPE_CLIENT,	/* the client release cannot use the type */
	SL_NR_ID_SIZE_CLIENT,	/* RSA below 1024 / RequiredRSASize */
	SL_NR_ID_FILTERED,	/* not in the client's PubkeyAcceptedAlgorithms */
	SL_NR_ID_NOT_BY_SERVER,	/* 9.6+: not in server-sig-algs */
	SL_NR_ID_NO_MUTUAL_TEST,	/* send_pubkey_test: no mutual ... */
	SL_NR_ID_NO_MUTUAL_SIGN,	/* sign_and_send_pubkey: no mutual ... */
	SL_NR_ID_SRV_UNSUPPORTED,	/* unsupported public key algorithm */
	SL_NR_ID_SRV_NOT_ACCEPTED,	/* not in server PubkeyAccepted... */
	SL_NR_ID_SRV_CA,	/* certificate signature algorithm refused */
	SL_NR_ID_SRV_SIZE,	/* refusing RSA key: Invalid key length */
	SL_NR_ID_NOT_AUTHORIZED,	/* not in authorized_keys */
	SL_NR_ID_PRIV_MISSING,	/* private key file missing */
	SL_NR_ID_PRIV_INVALID,	/* Load key "F": invalid format */
	SL_NR_ID_PRIV_PERMS,	/* UNPROTECTED PRIVATE KEY FILE */
	SL_NR_ID_PRIV_PASSPHRASE,	/* encrypted, BatchMode */
	SL_NR_ID_AGENT_REFUSED,
	SL_NR_ID_AGENT_SHA1,	/* returned incorrect signature type */
	SL_NR__COUNT
};

const char *sl_nreason_name(enum sl_nreason r);

/* Message levels: what ssh/sshd print them at. */
enum sl_nlevel {
	SL_NL_FATAL,
	SL_NL_ERROR,
	SL_NL_INFO,
	SL_NL_VERBOSE,
	SL_NL_DEBUG1,
	SL_NL_DEBUG3,
	SL_NL_NOTE,		/* sshlint's remark, not an OpenSSH line */
};

enum sl_nwho {
	SL_NW_CLIENT,
	SL_NW_SERVER,
	SL_NW_SSHLINT,
};

struct sl_nmsg {
	enum sl_nwho who;
	enum sl_nlevel level;
	const char *text;
};

struct sl_nmsgs {
	struct sl_nmsg *v;
	size_t n, cap;
};

struct sl_nstage {
	enum sl_nego_stage_id id;
	enum sl_nego_status status;
	enum sl_nreason reason;
	const char *chosen;	/* algorithm (NULL: none) */
	const char *client, *server;	/* lists compared (as sent) */
	struct sl_nmsgs msgs;
	size_t pre;		/* auth: messages before the identities' */
};

struct sl_nident_res {
	enum sl_nego_status status;
	enum sl_nreason reason;
	const char *sigalg;	/* signature algorithm tried / used */
	struct sl_nmsgs msgs;
	bool attempted;		/* reached the server (counts for
				 * MaxAuthTries) */
};

struct sl_nresult {
	struct sl_nstage stage[SL_NEGO_STAGE__COUNT];
	struct sl_nident_res *ident;	/* one per input identity */
	size_t nident;
	bool ok;
	enum sl_nego_stage_id failed;	/* first failing stage */
	enum sl_nreason reason;	/* its reason */
	int used_ident;		/* identity that authenticates, or -1 */
	int fix_ident;		/* identity whose failure the fix targets */
	const char *server_sig_algs;	/* NULL: no EXT_INFO */
	bool strict_kex;
};

/*
 * Walk one connection. All strings of `out` live in `a`. Returns 0 or
 * SL_ENOMEM.
 */
int sl_nego_walk(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_side *s, const struct sl_nego_ident *ids,
    size_t nids, struct sl_nresult *out);

/* A change that makes the failing step succeed. */
struct sl_nfix {
	enum sl_nwho side;	/* client / server; SL_NW_SSHLINT: advice */
	enum sl_nopt opt;	/* setting to change (SL_NO__COUNT: none) */
	const char *value;	/* its new configured value (spec) */
	const char *why;	/* one line */
	const char *command;	/* a shell command instead (chmod, ssh-keygen) */
	bool weak;		/* re-enables a legacy/weak algorithm */
	bool global;		/* server: for every connection (not a Match) */
};

/*
 * Plan the fixes for a failed walk: repeatedly pick the smallest change for
 * the failure, apply it to copies of the sides and walk again, until the
 * connection succeeds or nothing more can be changed (at most `max`
 * fixes). The sides given are not modified. Returns the number of fixes
 * in `fixes` (arena), and *ok whether the last walk succeeded; SL_ENOMEM.
 */
int sl_nego_plan(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_side *s, const struct sl_nego_ident *ids,
    size_t nids, const struct sl_nresult *first, struct sl_nfix *fixes,
    size_t max, size_t *nfixes, bool *ok);

/* Append a message (the array lives in the arena). 0 or SL_ENOMEM. */
int sl_nego_msg(struct sl_arena *a, struct sl_nmsgs *m, enum sl_nwho who,
    enum sl_nlevel level, const char *text);
/* The line ssh prints when the agent refuses to sign with `id`. */
const char *sl_nego_agent_refusal(struct sl_arena *a,
    const struct sl_nego_side *c, const struct sl_nego_ident *id);

/* Default lists of the legacy peer profile (NULL: option absent). */
const char *sl_nego_legacy_list(enum sl_nopt o);

/* Helpers shared with the tests. */
/* match.c match_list(): *out is the first name of `client` also in
 * `server`, or NULL. 0 or SL_ENOMEM. */
int sl_nego_match_list(struct sl_arena *a, const char *client,
    const char *server, const char **out);
/* The effective list after changing the configured value `spec` of `opt`
 * on a side (assembled on the release's defaults): 0 and *out, SL_EINVAL
 * (the release rejects it), SL_ENOMEM. */
int sl_nego_assemble(struct sl_arena *a, const struct sl_nego_side *sd,
    bool server, enum sl_nopt opt, const char *spec, const char **out);

#endif
