/*
 * A minimal ssh-agent client: connect to the socket, ask for the
 * identities (SSH2_AGENTC_REQUEST_IDENTITIES) and read the answer
 * (SSH2_AGENT_IDENTITIES_ANSWER), as authfd.c ssh_fetch_identitylist()
 * does. It never asks the agent to sign, add, remove or lock anything.
 *
 * What the protocol shows: the public keys and their comments. What it
 * does not show: constraints (ssh-add -c confirmation, -t lifetime, -h
 * destination restrictions), whether the agent is locked (a locked agent
 * answers with an empty list), whether a security key or PKCS#11 token is
 * present. The agent's own environment, read from /proc when permitted,
 * tells whether it could ask for a confirmation at all.
 */
#ifndef SSHLINT_LINT_AGENT_H
#define SSHLINT_LINT_AGENT_H

#include <stdbool.h>
#include <stddef.h>

#include "lint/keyfile.h"

/* Message numbers (PROTOCOL.agent, authfd.h). */
#define SL_AGENT_FAILURE		5
#define SL_AGENTC_REQUEST_IDENTITIES	11
#define SL_AGENT_IDENTITIES_ANSWER	12
#define SL_AGENT2_FAILURE		30
#define SL_AGENT_COM_FAILURE		102
#define SL_AGENT_MAX_REPLY		(256 * 1024)	/* MAX_AGENT_REPLY_LEN */
#define SL_AGENT_MAX_IDENTITIES		2048	/* MAX_AGENT_IDENTITIES */

enum sl_agent_status {
	SL_AGENT_OK,		/* answered with its identities */
	SL_AGENT_MISSING,	/* the socket path does not exist */
	SL_AGENT_NOT_SOCKET,	/* the path is not a socket */
	SL_AGENT_REFUSED,	/* connect() failed: no agent listens */
	SL_AGENT_FAILED,	/* the agent answered SSH_AGENT_FAILURE */
	SL_AGENT_PROTOCOL,	/* no answer in time, or not understood */
};

struct sl_agent_id {
	bool parsed;		/* key is filled; else only name */
	struct sl_pubkey key;
	char name[64];		/* type name in the blob */
	char comment[256];	/* truncated */
};

struct sl_agent {
	enum sl_agent_status status;
	int err;		/* errno of MISSING / REFUSED / PROTOCOL */
	const char *detail;	/* PROTOCOL: what went wrong (static) */
	struct sl_agent_id *ids;
	size_t nids;
	long peer_pid;		/* SO_PEERCRED of the agent, -1 unknown */
	long peer_uid;
};

/*
 * Ask the agent listening at `path` for its identities, waiting at most
 * `timeout_ms` for each read or write. Returns 0 (the outcome is in
 * out->status) or SL_ENOMEM. Release with sl_agent_release().
 */
int sl_agent_query(const char *path, int timeout_ms, struct sl_agent *out);

/*
 * Parse one reply message (the bytes after the length: type, then the
 * body) into `out`. Returns 0 (status OK, FAILED or PROTOCOL) or
 * SL_ENOMEM.
 */
int sl_agent_parse_reply(const unsigned char *msg, size_t len,
    struct sl_agent *out);

void sl_agent_release(struct sl_agent *a);

/* Can the agent ask the user to confirm the use of a key (ssh-add -c)? */
enum sl_agent_confirm {
	SL_CONFIRM_UNKNOWN,	/* its environment cannot be read */
	SL_CONFIRM_POSSIBLE,
	SL_CONFIRM_IMPOSSIBLE,	/* every confirmation is refused */
};

/*
 * Decide from the agent's environment (NUL-separated NAME=value strings,
 * as /proc/PID/environ holds it) as readpass.c read_passphrase() with
 * RP_USE_ASKPASS | RP_ALLOW_EOF does: the askpass program runs only when
 * DISPLAY is set and non-empty or SSH_ASKPASS_REQUIRE=force (and not
 * SSH_ASKPASS_REQUIRE=never); the program is SSH_ASKPASS, else
 * `default_askpass`; `runnable` says whether a path can be executed.
 * *why gets the reason when IMPOSSIBLE.
 */
enum sl_agent_confirm sl_agent_confirm_from_env(const char *env, size_t len,
    const char *default_askpass, bool (*runnable)(const char *path),
    char *why, size_t whylen);

/*
 * Read /proc/PID/environ (allocated with sl_malloc). Returns 0, -1 when it
 * cannot be read (another user's process, no /proc), SL_ENOMEM.
 */
int sl_agent_read_environ(long pid, char **data, size_t *len);

#endif
