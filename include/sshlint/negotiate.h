/**
 * @file negotiate.h
 * Predict a connection (`sshlint negotiate`) and explain OpenSSH messages
 * (`sshlint explain`).
 *
 * sl_negotiate() evaluates the client's effective configuration for a host
 * and the server's for the connection, reads the public halves of the
 * keys involved, and walks what OpenSSH of the chosen releases does: key
 * exchange, host key algorithm, cipher, MAC, compression, then public-key
 * authentication identity by identity. Each step has the algorithm chosen
 * or the failure with the exact lines OpenSSH prints on each side, and a
 * failing connection gets the smallest scoped configuration edits that make
 * it succeed. Nothing is executed and nothing is sent over the network.
 */
#ifndef SSHLINT_NEGOTIATE_H
#define SSHLINT_NEGOTIATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sshlint/eval.h"
#include "sshlint/sshlint.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Steps of a connection, in the order OpenSSH takes them. */
enum sl_nego_stage_id {
	SL_NEGO_CONFIG,		/**< both configurations are accepted */
	SL_NEGO_KEX,		/**< key exchange method */
	SL_NEGO_HOSTKEY,	/**< host key algorithm (and the key checks) */
	SL_NEGO_CIPHER,
	SL_NEGO_MAC,		/**< skipped for AEAD ciphers */
	SL_NEGO_COMPRESSION,
	SL_NEGO_AUTH,		/**< public-key user authentication */
	SL_NEGO_STAGE__COUNT
};

enum sl_nego_status {
	SL_NEGO_OK,
	SL_NEGO_FAIL,
	SL_NEGO_WARN,		/**< succeeds, with a warning */
	SL_NEGO_SKIPPED,	/**< not needed (MAC with an AEAD cipher) */
	SL_NEGO_NOT_REACHED,	/**< an earlier step failed */
};

/** What to predict. Zero-initialise, then set what is known. */
struct sl_nego_query {
	const char *client_config;	/**< ssh -F FILE */
	const char *host;		/**< destination */
	const char *user;		/**< ssh -l USER, or NULL */
	const char *port;		/**< ssh -p PORT, or NULL */
	int client_version;		/**< release of ssh (SL_VERSION) */
	const char *server_config;	/**< sshd_config; NULL: defaults */
	struct sl_conn_spec spec;	/**< sshd -C fields (user defaults to
					 * the client's login name) */
	int server_version;		/**< release of sshd; below 7.2: a
					 * legacy peer without rsa-sha2 and
					 * EXT_INFO (modelled as 7.1) */
	const char *const *hostkeys;	/**< server host keys (.pub files);
					 * none: the HostKey lines' .pub */
	size_t nhostkeys;
	const char *const *identities;	/**< identity files; none: the
					 * client's IdentityFile lines */
	size_t nidentities;
	const char *server_methods;	/**< authentication methods the server
					 * offers when no server config is
					 * given (e.g. "publickey"); NULL:
					 * the release's defaults */
	const char *authorized_keys;	/**< check the identities are listed
					 * in this file; NULL: assumed */
	const char *agent_socket;	/**< the agent (SSH_AUTH_SOCK), asked
					 * for its key list only; NULL: none.
					 * IdentityAgent of the configuration
					 * wins, as for ssh */
	const char *(*getenv)(const char *);	/**< for IdentityAgent
					 * $VAR; NULL: no environment */
};

struct sl_nego;

/**
 * Predict the connection. Loads the files into `ctx` (their paths appear
 * in the result). Returns 0 and *out, or the load error of a top-level
 * file / SL_EINVAL (message in sl_ctx_errmsg()), or SL_ENOMEM.
 */
int sl_negotiate(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const struct sl_nego_query *q, struct sl_nego **out);
void sl_nego_free(struct sl_nego *n);

/** Would the connection succeed? */
bool sl_nego_ok(const struct sl_nego *n);
/** Step that fails first (SL_NEGO_STAGE__COUNT when none). */
enum sl_nego_stage_id sl_nego_failed_stage(const struct sl_nego *n);
const char *sl_nego_stage_name(enum sl_nego_stage_id s);
const char *sl_nego_status_name(enum sl_nego_status s);

/** A suggested configuration edit: replace the bytes [start, end) of the
 * file by `text` (start == end: insert). Edits at the same offset apply in
 * list order. */
struct sl_nego_edit {
	const char *side;	/**< "client" or "server" */
	const char *path;	/**< file */
	uint32_t source_id;
	uint32_t start, end;
	uint32_t line;		/**< 1-based line of the edit point */
	const char *action;	/**< "insert" or "replace" */
	const char *where;	/**< e.g. "after line 4, in block 'Host foo'" */
	const char *text;	/**< the new text: whole lines for an insert,
				 * the new value for a replace */
	const char *line_text;	/**< replace: the whole line after the
				 * edit (NULL for an insert) */
	const char *key;	/**< effective setting it changes (ssh -G /
				 * sshd -T name) */
	const char *why;
};

size_t sl_nego_nedits(const struct sl_nego *n);
const struct sl_nego_edit *sl_nego_edit_at(const struct sl_nego *n,
    size_t i);

/** Print the walk, the messages and the fixes. */
int sl_nego_print_text(const struct sl_nego *n, FILE *out);
/** The same as one JSON object. */
int sl_nego_print_json(const struct sl_nego *n, FILE *out);

/* ---- explain ---- */

/** One cause of a message, in order of likelihood. */
struct sl_explain_cause {
	const char *cause;
	const char *check;	/**< sshlint rule id or command confirming it */
	const char *fix;
};

/** An entry of the message table (lint/messages.def). */
struct sl_explain_entry {
	const char *id;		/**< stable name, e.g. "no-mutual-sig-test" */
	const char *pattern;	/**< the message, variable parts as {name} */
	const char *origin;	/**< who prints it, at which level, releases */
	const char *meaning;
	const struct sl_explain_cause *causes;
	size_t ncauses;
};

size_t sl_explain_count(void);
const struct sl_explain_entry *sl_explain_at(size_t i);

/** A table entry found in a text, with its variable parts. */
struct sl_explain_match {
	const struct sl_explain_entry *entry;
	size_t line;		/**< 1-based line of the text */
	char *matched;		/**< the matched text */
	size_t nvars;
	char **names, **values;	/**< {name} -> what it matched */
};

/**
 * Find the table's messages in `text` (one or many lines, e.g. a whole
 * `ssh -v` output): each entry once, in the order of first appearance.
 * Returns the number found (0: none) and *out (free with
 * sl_explain_free()), or SL_ENOMEM.
 */
long sl_explain(const char *text, struct sl_explain_match **out);
void sl_explain_free(struct sl_explain_match *m, size_t n);
int sl_explain_print_text(const struct sl_explain_match *m, size_t n,
    FILE *out);
int sl_explain_print_json(const struct sl_explain_match *m, size_t n,
    FILE *out);

#ifdef __cplusplus
}
#endif

#endif
