/*
 * ssh-agent client for `sshlint doctor`: request-identities only
 * (authfd.c ssh_get_authentication_socket_path(), ssh_request_reply(),
 * ssh_fetch_identitylist()).
 */
#include "lint/agent.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "sshlint/sshlint.h"

void
sl_agent_release(struct sl_agent *a)
{
	sl_free(a->ids);
	a->ids = NULL;
	a->nids = 0;
}

static uint32_t
peek_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

int
sl_agent_parse_reply(const unsigned char *msg, size_t len,
    struct sl_agent *out)
{
	size_t off = 5, i, n, blen, clen;
	const unsigned char *blob, *comment;
	const char *why;
	uint32_t num;
	struct sl_agent_id *id;

	sl_agent_release(out);
	if (len < 1)
		goto bad;
	if (msg[0] == SL_AGENT_FAILURE || msg[0] == SL_AGENT2_FAILURE ||
	    msg[0] == SL_AGENT_COM_FAILURE) {
		out->status = SL_AGENT_FAILED;
		return 0;
	}
	if (msg[0] != SL_AGENT_IDENTITIES_ANSWER || len < 5)
		goto bad;
	num = peek_u32(msg + 1);
	if (num > SL_AGENT_MAX_IDENTITIES)
		goto bad;
	if (num > 0 && (out->ids = sl_calloc(num, sizeof(*out->ids))) == NULL)
		return SL_ENOMEM;
	for (i = 0; i < num; i++) {
		if (len - off < 4 || len - off - 4 < (blen = peek_u32(msg +
		    off)))
			goto bad;
		blob = msg + off + 4;
		off += 4 + blen;
		if (len - off < 4 || len - off - 4 < (clen = peek_u32(msg +
		    off)))
			goto bad;
		comment = msg + off + 4;
		off += 4 + clen;
		id = &out->ids[out->nids++];
		id->parsed = sl_pubkey_from_blob(blob, blen, &id->key, &why) == 0;
		/* the type name, even of a key this parser does not know */
		if (blen >= 4 && (n = peek_u32(blob)) <= blen - 4) {
			if (n >= sizeof(id->name))
				n = sizeof(id->name) - 1;
			memcpy(id->name, blob + 4, n);
			id->name[n] = '\0';
		}
		if (clen >= sizeof(id->comment))
			clen = sizeof(id->comment) - 1;
		memcpy(id->comment, comment, clen);
		id->comment[clen] = '\0';
	}
	out->status = SL_AGENT_OK;
	return 0;
 bad:
	sl_agent_release(out);
	out->status = SL_AGENT_PROTOCOL;
	out->detail = "the answer is not a valid identities list";
	return 0;
}

/* Read or write exactly n bytes (the socket has timeouts set). */
static int
xfer(int fd, void *buf, size_t n, bool wr)
{
	unsigned char *p = buf;
	ssize_t r;

	while (n > 0) {
		r = wr ? send(fd, p, n, MSG_NOSIGNAL) : recv(fd, p, n, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EPIPE;
			return -1;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

int
sl_agent_query(const char *path, int timeout_ms, struct sl_agent *out)
{
	struct sockaddr_un sa;
	struct stat st;
	struct timeval tv;
	struct ucred cred;
	socklen_t cl = sizeof(cred);
	unsigned char req[5] = { 0, 0, 0, 1, SL_AGENTC_REQUEST_IDENTITIES };
	unsigned char hdr[4], *msg = NULL;
	uint32_t len;
	int fd, r;

	memset(out, 0, sizeof(*out));
	out->peer_pid = out->peer_uid = -1;
	if (stat(path, &st) != 0) {
		out->err = errno;
		out->status = errno == ENOENT || errno == ENOTDIR ?
		    SL_AGENT_MISSING : SL_AGENT_REFUSED;
		return 0;
	}
	if (!S_ISSOCK(st.st_mode)) {
		out->status = SL_AGENT_NOT_SOCKET;
		out->err = ECONNREFUSED;
		return 0;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		/* authfd.c truncates with strlcpy(): connect then fails */
		out->status = SL_AGENT_REFUSED;
		out->err = ENAMETOOLONG;
		return 0;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		out->status = SL_AGENT_REFUSED;
		out->err = errno;
		return 0;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		out->status = SL_AGENT_REFUSED;
		out->err = errno;
		close(fd);
		return 0;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cl) == 0) {
		out->peer_pid = cred.pid;
		out->peer_uid = (long)cred.uid;
	}
	tv.tv_sec = timeout_ms / 1000;
	tv.tv_usec = (timeout_ms % 1000) * 1000;
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (xfer(fd, req, sizeof(req), true) != 0 ||
	    xfer(fd, hdr, sizeof(hdr), false) != 0) {
		out->status = SL_AGENT_PROTOCOL;
		out->err = errno;
		out->detail = errno == EAGAIN || errno == EWOULDBLOCK ?
		    "the agent did not answer in time" :
		    "the agent closed the connection";
		close(fd);
		return 0;
	}
	len = peek_u32(hdr);
	if (len == 0 || len > SL_AGENT_MAX_REPLY) {
		out->status = SL_AGENT_PROTOCOL;
		out->detail = "the answer has an invalid length";
		close(fd);
		return 0;
	}
	if ((msg = sl_malloc(len)) == NULL) {
		close(fd);
		return SL_ENOMEM;
	}
	if (xfer(fd, msg, len, false) != 0) {
		out->status = SL_AGENT_PROTOCOL;
		out->err = errno;
		out->detail = "the answer is incomplete";
		sl_free(msg);
		close(fd);
		return 0;
	}
	close(fd);
	r = sl_agent_parse_reply(msg, len, out);
	sl_free(msg);
	return r;
}

/* Value of NAME in a NUL-separated environment, or NULL. */
static const char *
env_get(const char *env, size_t len, const char *name)
{
	size_t i = 0, l = strlen(name), n;

	while (i < len) {
		n = strnlen(env + i, len - i);
		if (n > l && memcmp(env + i, name, l) == 0 && env[i + l] == '=')
			return i + n < len ? env + i + l + 1 : NULL;
		i += n + 1;
	}
	return NULL;
}

enum sl_agent_confirm
sl_agent_confirm_from_env(const char *env, size_t len,
    const char *default_askpass, bool (*runnable)(const char *path),
    char *why, size_t whylen)
{
	const char *display = env_get(env, len, "DISPLAY");
	const char *require = env_get(env, len, "SSH_ASKPASS_REQUIRE");
	const char *askpass = env_get(env, len, "SSH_ASKPASS");
	bool allow = display != NULL && *display != '\0';

	if (require != NULL && strcasecmp(require, "force") == 0)
		allow = true;
	else if (require != NULL && strcasecmp(require, "never") == 0) {
		snprintf(why, whylen, "the agent runs with "
		    "SSH_ASKPASS_REQUIRE=never");
		return SL_CONFIRM_IMPOSSIBLE;
	}
	if (!allow) {
		snprintf(why, whylen, "the agent's environment has no DISPLAY "
		    "(nor SSH_ASKPASS_REQUIRE=force), so it cannot run an "
		    "askpass program");
		return SL_CONFIRM_IMPOSSIBLE;
	}
	if (askpass == NULL || *askpass == '\0')
		askpass = default_askpass;
	if (runnable != NULL && !runnable(askpass)) {
		snprintf(why, whylen, "the agent's askpass program '%s' cannot "
		    "be run", askpass);
		return SL_CONFIRM_IMPOSSIBLE;
	}
	return SL_CONFIRM_POSSIBLE;
}

int
sl_agent_read_environ(long pid, char **data, size_t *len)
{
	char path[64], *buf = NULL, *nb;
	size_t cap = 0, n = 0;
	ssize_t r;
	int fd;

	*data = NULL;
	*len = 0;
	if (pid <= 0)
		return -1;
	snprintf(path, sizeof(path), "/proc/%ld/environ", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	for (;;) {
		if (n == cap) {
			if (cap >= 1024 * 1024)
				break;
			cap = cap ? cap * 2 : 4096;
			if ((nb = sl_realloc(buf, cap)) == NULL) {
				sl_free(buf);
				close(fd);
				return SL_ENOMEM;
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			sl_free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}
