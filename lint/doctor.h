/*
 * sshlint doctor: what breaks a connection on this machine rather than in
 * the configuration text. Client side, for one host's (or every host's)
 * effective configuration: key files (modes, owners, types, sizes,
 * certificates), ~/.ssh/config and its Includes (permissions), and the
 * agent. Server side, for one user: the StrictModes walk of each
 * AuthorizedKeysFile and a lint of the files.
 *
 * Only reads files and talks to the agent's socket (request-identities);
 * never decrypts a key, never asks the agent to sign, never runs anything.
 * Depends only on the public headers, so the command line can use it.
 */
#ifndef SSHLINT_LINT_DOCTOR_H
#define SSHLINT_LINT_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sshlint/diag.h"
#include "sshlint/eval.h"
#include "sshlint/sshlint.h"

/* One finding. */
struct sl_doc_finding {
	int rule;			/* index in the rule registry */
	enum sl_severity severity;
	char *path;			/* file it is about, or NULL */
	uint32_t line, col;		/* 1-based; 0 when not about a line */
	char *message;			/* sshlint's explanation */
	char *openssh;			/* what OpenSSH prints (lines), or NULL */
	char *fix;			/* the smallest fix, or NULL */
};

/* A key file the client would use. */
struct sl_doc_identity {
	char *path;			/* expanded path */
	char *configured;		/* as configured (before expansion) */
	bool user_provided;		/* configured, not a default */
	bool certificate;		/* from CertificateFile or -cert.pub */
	bool exists;
	char *type;			/* sshkey_type() label, or NULL */
	char *name;			/* key type name, or NULL */
	unsigned bits;
	char *fingerprint;		/* SHA256:..., or NULL */
	const char *public_from;	/* ".pub", "private key header",
					 * "PEM", "file", or NULL */
	bool encrypted;
	int in_agent;			/* 1 yes, 0 no, -1 unknown */
	unsigned mode;			/* st_mode & 07777 */
};

struct sl_doc_agent_key {
	char *type;			/* label, or the blob's type name */
	unsigned bits;
	char *fingerprint;
	char *comment;
};

/* Agent state, as seen through its socket. */
enum sl_doc_agent_state {
	SL_DOC_AGENT_NOT_CHECKED,
	SL_DOC_AGENT_UNSET,		/* SSH_AUTH_SOCK unset or empty */
	SL_DOC_AGENT_DISABLED,		/* IdentityAgent none */
	SL_DOC_AGENT_MISSING,
	SL_DOC_AGENT_NOT_SOCKET,
	SL_DOC_AGENT_REFUSED,
	SL_DOC_AGENT_FAILED,
	SL_DOC_AGENT_PROTOCOL,
	SL_DOC_AGENT_OK,
};

/* A file of the StrictModes walk. */
struct sl_doc_authfile {
	char *path;			/* expanded */
	bool exists;
	size_t nkeys;			/* lines with a usable key */
	char *refused;			/* sshd's "Authentication refused:
					 * ..." line, or NULL */
};

struct sl_doctor {
	struct sl_doc_finding *findings;
	size_t nfindings, capfindings;
	struct sl_doc_identity *ids;
	size_t nids, capids;
	/* client */
	bool client_checked;
	int client_version;
	char *host;			/* NULL: every host */
	char **config_files;		/* read, in order */
	size_t nconfig_files;
	enum sl_doc_agent_state agent;
	char *agent_socket;
	char *agent_detail;		/* why not OK, or NULL */
	struct sl_doc_agent_key *agent_keys;
	size_t nagent_keys;
	int agent_confirm;		/* enum sl_agent_confirm */
	/* server */
	bool server_checked;
	int server_version;
	char *server_config;
	char *server_user;
	char *server_home;
	bool strict_modes;
	struct sl_doc_authfile *authfiles;
	size_t nauthfiles, capauthfiles;
	bool oom;			/* an allocation failed */
};

/* Options of the client checks. */
struct sl_doctor_client_opts {
	int version;			/* SL_VERSION of ssh */
	const char *host;		/* NULL: every host of the config */
	const char *user, *port;	/* ssh -l / -p */
	const char *config;		/* -F FILE, or NULL: ~/.ssh/config then
					 * /etc/ssh/ssh_config */
	const char *home;		/* ~ (--home), NULL: the real home */
	const char *sysroot;
	uid_t uid;			/* the user running ssh */
	const char *local_user;		/* its name (for %u) */
	/* environment (getenv), NULL: empty */
	const char *(*getenv)(const char *name);
	/* default askpass program of the agent's build */
	const char *default_askpass;
	bool check_agent;		/* talk to the agent */
	int agent_timeout_ms;
	time_t now;			/* certificate validity */
};

/* Options of the server checks. */
struct sl_doctor_server_opts {
	int version;			/* SL_VERSION of sshd */
	const char *config;		/* sshd_config path */
	struct sl_conn_spec spec;	/* -C fields; spec.user is the user */
	const char *user;
	uid_t uid;
	const char *home;		/* the user's home directory */
	const char *sysroot;
	time_t now;
};

void sl_doctor_init(struct sl_doctor *d);
void sl_doctor_release(struct sl_doctor *d);

/*
 * Client checks. Returns 0, SL_ENOMEM, or the load error of a
 * configuration file (message in errbuf).
 */
int sl_doctor_client(struct sl_doctor *d,
    const struct sl_doctor_client_opts *o, char *errbuf, size_t errlen);

/* Server checks; same returns. */
int sl_doctor_server(struct sl_doctor *d,
    const struct sl_doctor_server_opts *o, char *errbuf, size_t errlen);

/*
 * The StrictModes walk of one file, as misc.c safe_path() (upstream) does
 * for user `uid` with home directory `home`: 0 when sshd accepts it, else
 * -1 with sshd's reason in `err` ("bad ownership or modes for directory
 * /home/u/.ssh"), the offending path in `bad` and, in *debian_ok, whether
 * Debian/Ubuntu's patched sshd would accept that component. `all` keeps
 * walking after the first failure and counts failures in *nbad (only the
 * first is described).
 */
int sl_doctor_safe_path(const char *file, uid_t uid, const char *home,
    char *err, size_t errlen, char *bad, size_t badlen, bool *debian_ok);

/* Expand %h %u %U %% of an AuthorizedKeysFile value; relative paths are
 * under home (auth.c expand_authorized_keys()). NULL for an unknown %
 * token (sshd fails) or no memory; *bad_token tells which. */
char *sl_doctor_expand_authkeys(const char *value, const char *home,
    const char *user, uid_t uid, bool *bad_token);

/* Findings of severity >= sev. */
size_t sl_doctor_count(const struct sl_doctor *d, enum sl_severity sev);

#endif
