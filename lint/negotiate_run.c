/*
 * sl_negotiate(): fill the walk's inputs from the files (the client's
 * effective configuration for the host, the server's for the connection,
 * the public halves of host keys and identities, known_hosts), walk, plan
 * the fixes and place them as edits in the configuration files.
 */
#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/agent.h"
#include "lint/algos.h"
#include "lint/eval.h"
#include "lint/keyfile.h"
#include "lint/keywords.h"
#include "lint/match.h"
#include "lint/negotiate.h"
#include "lint/negotiate_int.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"

#define V(a, b) SL_VERSION(a, b)

static const char *
ap(struct sl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
ap(struct sl_arena *a, const char *fmt, ...)
{
	va_list va;
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *r = NULL;

	va_start(va, fmt);
	sl_strbuf_vaddf(&sb, fmt, va);
	va_end(va);
	if (!sb.failed && sb.buf != NULL)
		r = sl_arena_strndup(&*a, sb.buf, sb.len);
	else if (!sb.failed)
		r = sl_arena_strndup(a, "", 0);
	sl_strbuf_release(&sb);
	return r;
}

int
sl_nego_note(struct sl_nego *n, const char *text)
{
	if (text == NULL)
		return SL_ENOMEM;
	if (sl_grow(&n->notes, &n->capnotes, n->nnotes, sizeof(*n->notes),
	    4) != 0)
		return SL_ENOMEM;
	n->notes[n->nnotes++] = text;
	return 0;
}

/* ---- reading the effective configurations ---- */

static const struct sl_eff_item *
item(const struct sl_eff *e, int opt)
{
	return sl_eff_find(e, opt, NULL);
}

static const char *
ival(const struct sl_eff *e, int opt)
{
	const struct sl_eff_item *it = item(e, opt);

	return it != NULL ? it->value : NULL;
}

static bool
ibool(const struct sl_eff *e, int opt, bool dflt)
{
	const char *v = ival(e, opt);

	if (v == NULL)
		return dflt;
	return !(strcmp(v, "no") == 0 || strcmp(v, "false") == 0);
}

/* The configured (raw) value of the line an item comes from. */
static const char *
raw_spec(struct sl_ctx *ctx, struct sl_origin o)
{
	const struct sl_source *s;
	const struct sl_line *ln;

	if (o.source_id < 0 || (size_t)o.source_id >= ctx->nsrc)
		return NULL;
	s = ctx->src[o.source_id];
	if (s == NULL || s->cst == NULL || o.line >= s->cst->nlines)
		return NULL;
	ln = &s->cst->lines[o.line];
	return ln->nargs > 0 ? ln->args[0].val : NULL;
}

static void
take(struct sl_nego *n, struct sl_nego_side *sd, const struct sl_eff *e,
    enum sl_nopt o, int opt)
{
	const struct sl_eff_item *it = item(e, opt);

	if (it == NULL)
		return;
	sd->list[o] = it->value;
	sd->origin[o] = it->origin;
	sd->spec[o] = raw_spec(n->ctx, it->origin);
}

/* The error that makes this side refuse its configuration, if any. */
static const char *
config_fatal(struct sl_nego *n, const struct sl_eff *e, size_t d0,
    enum sl_dialect d)
{
	struct sl_origin o;
	const char *f = sl_eff_fatal(e, &o);
	size_t i;
	uint32_t line, col;

	for (i = d0; i < sl_ctx_ndiags(n->ctx); i++) {
		const struct sl_diag *dg = sl_ctx_diag(n->ctx, i);

		if (dg->severity != SL_SEV_ERROR ||
		    dg->source_id >= n->ctx->nsrc ||
		    n->ctx->src[dg->source_id]->dialect != d)
			continue;
		sl_ctx_source_pos(n->ctx, dg->source_id, dg->start, &line,
		    &col);
		return ap(&n->a, "%s:%u:%u: %s [%s]", sl_ctx_source_path(n->ctx,
		    dg->source_id), line, col, dg->message,
		    sl_rule_at((size_t)dg->rule)->id);
	}
	if (f == NULL || *f == '\0')
		return NULL;
	if (o.source_id >= 0)
		return ap(&n->a, "%s:%u: %s", sl_ctx_source_path(n->ctx,
		    (uint32_t)o.source_id), o.line + 1, f);
	return f;
}

static const char *
home_dir(const struct sl_lint_options *lo)
{
	struct passwd *pw;

	if (lo->home != NULL)
		return lo->home;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_dir;
	return "/";
}

static const char *
local_user(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw != NULL ? pw->pw_name : "root";
}

/*
 * A path as ssh expands IdentityFile / CertificateFile / IdentityAgent for
 * the evaluated host (sl_client_expand_path()); what ssh would refuse to
 * expand is kept as written, so the later steps report the missing file.
 */
static const char *
expand_path(struct sl_nego *n, const char *s, const char *host_arg)
{
	const char *why = NULL, *r;
	char *x;

	(void)host_arg;
	if (n->client == NULL || n->client_eff == NULL)
		return s;
	x = sl_client_expand_path(n->client, n->client_eff, s,
	    home_dir(&n->lo), NULL, &why);
	if (x == NULL)
		return why != NULL ? s : NULL;
	r = sl_arena_strndup(&n->a, x, strlen(x));
	sl_free(x);
	return r;
}

/* ---- identities ---- */

static int
add_ident(struct sl_nego *n, const struct sl_nego_ident *id)
{
	if (sl_grow(&n->ids, &n->capids, n->nids, sizeof(*n->ids), 8) != 0)
		return SL_ENOMEM;
	n->ids[n->nids++] = *id;
	return 0;
}

static void
fill_private(struct sl_nego_ident *id, const struct sl_keyfile *kf,
    const char *path)
{
	id->priv_path = path;
	id->priv_exists = kf->exists;
	id->priv_invalid = kf->exists && (!kf->readable || !kf->is_private);
	id->priv_encrypted = kf->encrypted;
	id->priv_mode = (unsigned)(kf->mode & 07777);
	id->priv_bad_perms = id->priv_exists && kf->uid == getuid() &&
	    (kf->mode & 077) != 0;
}

/* An IdentityFile (or -i): the key, then its "-cert" variant. */
static int
file_identity(struct sl_nego *n, const char *path, bool userprovided)
{
	struct sl_keyfile kf, cf;
	struct sl_nego_ident id;
	const char *cpath;
	size_t len = strlen(path);
	int r;

	if (len > 4 && strcmp(path + len - 4, ".pub") == 0) {
		/* a .pub names the private key next to it */
		if ((path = sl_arena_strndup(&n->a, path, len - 4)) == NULL)
			return SL_ENOMEM;
	}
	if ((r = sl_keyfile_read(&n->a, path, &kf)) != 0)
		return r;
	memset(&id, 0, sizeof(id));
	id.file = path;
	id.src = SL_NID_FILE;
	id.userprovided = userprovided;
	id.have_pub = kf.have_pub;
	id.key_known = kf.key_known;
	id.key = kf.key;
	id.authorized = -1;
	fill_private(&id, &kf, path);
	if ((r = add_ident(n, &id)) != 0)
		return r;
	if ((cpath = ap(&n->a, "%s-cert.pub", path)) == NULL)
		return SL_ENOMEM;
	if ((r = sl_pubfile_read(&n->a, cpath, &cf)) != 0)
		return r;
	if (cf.have_pub && cf.key.cert && cf.key.cert_type != 2) {
		id.key = cf.key;
		id.have_pub = id.key_known = true;
		return add_ident(n, &id);
	}
	return 0;
}

static int
cert_identity(struct sl_nego *n, const char *path, bool userprovided)
{
	struct sl_keyfile cf;
	struct sl_nego_ident id;
	int r;

	if ((r = sl_pubfile_read(&n->a, path, &cf)) != 0)
		return r;
	if (!cf.have_pub || !cf.key.cert) {
		if ((r = sl_nego_note(n, ap(&n->a, "CertificateFile %s: %s",
		    path, cf.why ? cf.why : "not a certificate"))) != 0)
			return r;
		return 0;
	}
	memset(&id, 0, sizeof(id));
	id.file = path;
	id.src = SL_NID_CERTFILE;
	id.userprovided = userprovided;
	id.have_pub = id.key_known = true;
	id.key = cf.key;
	id.authorized = -1;
	id.priv_exists = false;
	return add_ident(n, &id);
}

/* The private key of a certificate: an identity file with its key. */
static void
cert_private(struct sl_nego *n)
{
	size_t i, j;

	for (i = 0; i < n->nids; i++) {
		if (n->ids[i].src != SL_NID_CERTFILE)
			continue;
		for (j = 0; j < n->nids; j++) {
			if (n->ids[j].src != SL_NID_FILE ||
			    n->ids[j].key.cert ||
			    !sl_key_same_public(&n->ids[i].key, &n->ids[j].key))
				continue;
			n->ids[i].priv_path = n->ids[j].priv_path;
			n->ids[i].priv_exists = n->ids[j].priv_exists;
			n->ids[i].priv_invalid = n->ids[j].priv_invalid;
			n->ids[i].priv_encrypted = n->ids[j].priv_encrypted;
			n->ids[i].priv_mode = n->ids[j].priv_mode;
			n->ids[i].priv_bad_perms = n->ids[j].priv_bad_perms;
			break;
		}
	}
}

static bool
runnable(const char *path)
{
	return access(path, X_OK) == 0;
}

/* The agent's keys (request-identities only). *nkeys 0 when none. */
static int
agent_keys(struct sl_nego *n, const char *sock, long agent_pid,
    struct sl_key **keys, const char ***comments, size_t *nkeys)
{
	struct sl_agent ag;
	size_t i;
	char *env, why[256];
	size_t len;
	int r;

	*nkeys = 0;
	*keys = NULL;
	*comments = NULL;
	if ((r = sl_agent_query(sock, 2000, &ag)) != 0)
		return r;
	if (ag.status != SL_AGENT_OK) {
		r = sl_nego_note(n, ap(&n->a, "the agent at %s did not answer "
		    "(%s); its keys are left out", sock, ag.status ==
		    SL_AGENT_FAILED ? "agent refused operation" :
		    ag.detail ? ag.detail : "no agent there"));
		sl_agent_release(&ag);
		return r;
	}
	if (ag.nids > 0 &&
	    ((*keys = sl_arena_calloc(&n->a, ag.nids * sizeof(**keys))) ==
	    NULL || (*comments = sl_arena_calloc(&n->a,
	    ag.nids * sizeof(**comments))) == NULL)) {
		sl_agent_release(&ag);
		return SL_ENOMEM;
	}
	for (i = 0; i < ag.nids; i++) {
		if (!ag.ids[i].parsed)
			continue;
		r = sl_key_from_pubkey(&n->a, &ag.ids[i].key, &(*keys)[*nkeys]);
		if (r == SL_ENOMEM)
			break;
		if (r != 0)
			continue;
		if (((*comments)[*nkeys] = ap(&n->a, "%s",
		    ag.ids[i].comment)) == NULL) {
			r = SL_ENOMEM;
			break;
		}
		(*nkeys)++;
		r = 0;
	}
	/* can it ask for a confirmation (ssh-add -c) at all? The socket's
	 * peer is the process that created it, which ssh-agent leaves when
	 * it forks into the background: SSH_AGENT_PID names the agent. */
	if (r == 0 && ag.nids > 0 && (agent_pid > 0 || ag.peer_pid > 0) &&
	    (sl_agent_read_environ(ag.peer_pid, &env, &len) == 0 ||
	    (agent_pid > 0 && sl_agent_read_environ(agent_pid, &env,
	    &len) == 0))) {
		if (sl_agent_confirm_from_env(env, len, "/usr/bin/ssh-askpass",
		    runnable, why, sizeof(why)) == SL_CONFIRM_IMPOSSIBLE)
			n->agent_no_confirm = ap(&n->a, "%s", why);
		sl_free(env);
	}
	sl_agent_release(&ag);
	return r;
}

/* pubkey_prepare(): CertificateFiles, agent keys (files the agent holds
 * move here), then the remaining files. */
static int
order_agent(struct sl_nego *n, const struct sl_key *keys,
    const char *const *comments, size_t nkeys, bool only)
{
	struct sl_nego_ident *files = n->ids, *out;
	size_t nfiles = n->nids, i, j, k = 0;
	bool *taken;

	if ((out = sl_calloc(nfiles + nkeys + 1, sizeof(*out))) == NULL ||
	    (taken = sl_calloc(nfiles + 1, sizeof(bool))) == NULL) {
		sl_free(out);
		return SL_ENOMEM;
	}
	for (i = 0; i < nfiles; i++)
		if (files[i].src == SL_NID_CERTFILE) {
			out[k++] = files[i];
			taken[i] = true;
		}
	for (j = 0; j < nkeys; j++) {
		bool found = false;

		for (i = 0; i < nfiles; i++) {
			if (taken[i] || !files[i].key_known ||
			    !sl_key_same_blob(&files[i].key, &keys[j]))
				continue;
			out[k] = files[i];
			out[k].agent = SL_NAG_SIGNS;
			out[k].have_pub = true;
			k++;
			taken[i] = found = true;
			break;
		}
		if (!found && !only) {
			memset(&out[k], 0, sizeof(out[k]));
			out[k].file = comments[j];
			out[k].src = SL_NID_AGENT;
			out[k].have_pub = out[k].key_known = true;
			out[k].key = keys[j];
			out[k].agent = SL_NAG_SIGNS;
			out[k].authorized = -1;
			k++;
		}
	}
	for (i = 0; i < nfiles; i++)
		if (!taken[i])
			out[k++] = files[i];
	sl_free(n->ids);
	sl_free(taken);
	n->ids = out;
	n->nids = k;
	n->capids = nfiles + nkeys + 1;
	return 0;
}

/* Next line of data[0..len) from *pos (without its end of line); false at
 * the end. */
static bool
next_line(char *data, size_t len, size_t *pos, char **line, size_t *n)
{
	char *nl;

	if (*pos >= len)
		return false;
	*line = data + *pos;
	nl = memchr(*line, '\n', len - *pos);
	*n = nl ? (size_t)(nl - *line) : len - *pos;
	*pos += *n + (nl != NULL);
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	(*line)[*n] = '\0';
	return true;
}

#define MAX_AUTHKEYS	(4 * 1024 * 1024)
#define MAX_KNOWN_HOSTS	(64 * 1024 * 1024)

/* Is each identity listed in the authorized_keys file? */
static int
check_authorized(struct sl_nego *n, const char *path)
{
	char *data, *line;
	size_t len, pos = 0, ll, i, j, nkeys = 0, capkeys = 0;
	struct sl_key *keys = NULL;
	struct sl_ak_line al;
	int r;

	if ((r = sl_nego_read_file(&n->a, path, MAX_AUTHKEYS, &data,
	    &len)) != 0) {
		if (r == SL_ENOMEM)
			return r;
		sl_ctx_set_error(n->ctx, "%s: %s", path, strerror(errno));
		return SL_EIO;
	}
	while (next_line(data, len, &pos, &line, &ll)) {
		if (sl_ak_parse_line(line, ll, n->s.version >= V(7, 4) ?
		    n->s.version : 0, &al) != SL_AKL_KEY ||
		    al.opts.cert_authority)
			continue;
		if (sl_grow(&keys, &capkeys, nkeys, sizeof(*keys), 8) != 0) {
			r = SL_ENOMEM;
			goto out;
		}
		if ((r = sl_key_from_pubkey(&n->a, &al.key, &keys[nkeys])) ==
		    SL_ENOMEM)
			goto out;
		if (r == 0)
			nkeys++;
		r = 0;
	}
	for (i = 0; i < n->nids; i++) {
		if (!n->ids[i].key_known || !n->ids[i].key.have_id)
			continue;
		if (n->ids[i].key.cert) {
			n->ids[i].authorized = -1;	/* CA trust: assumed */
			continue;
		}
		n->ids[i].authorized = 0;
		for (j = 0; j < nkeys; j++)
			if (sl_key_same_public(&n->ids[i].key, &keys[j]))
				n->ids[i].authorized = 1;
	}
 out:
	sl_free(keys);
	return r;
}

/* ---- known_hosts ---- */

static int
read_known_hosts(struct sl_nego *n, const char *files, const char *name)
{
	char *copy, *p, *fn, *data, *line;
	size_t len, pos, ll;
	int hashed = 0, r = 0;

	if (files == NULL || (copy = sl_strdup(files)) == NULL)
		return files == NULL ? 0 : SL_ENOMEM;
	for (p = copy; r == 0 && (fn = strsep(&p, " ")) != NULL;) {
		const char *path;

		if (*fn == '\0')
			continue;
		if ((path = expand_path(n, fn, "")) == NULL) {
			r = SL_ENOMEM;
			break;
		}
		if ((r = sl_nego_read_file(&n->a, path, MAX_KNOWN_HOSTS, &data,
		    &len)) != 0) {
			r = r == SL_ENOMEM ? r : 0;	/* missing: none */
			continue;
		}
		pos = 0;
		while (r == 0 && next_line(data, len, &pos, &line, &ll)) {
			char *s = line, *hosts, *type;
			bool ca = false;

			while (*s == ' ' || *s == '\t')
				s++;
			if (*s == '#' || *s == '\0')
				continue;
			if (*s == '@') {
				ca = strncmp(s, "@cert-authority", 15) == 0;
				if (!ca)
					continue;	/* @revoked */
				s += strcspn(s, " \t");
				s += strspn(s, " \t");
			}
			hosts = s;
			s += strcspn(s, " \t");
			if (*s == '\0')
				continue;
			*s++ = '\0';
			s += strspn(s, " \t");
			type = s;
			s += strcspn(s, " \t");
			*s = '\0';
			if (strncmp(hosts, "|1|", 3) == 0) {
				hashed++;
				continue;
			}
			if (sl_match_hostname(name, hosts) != 1)
				continue;
			if (ca)
				n->c.known_ca = true;
			else if (!sl_nego_list_has(n->c.known_types, type) &&
			    (n->c.known_types = n->c.known_types ?
			    ap(&n->a, "%s,%s", n->c.known_types, type) :
			    ap(&n->a, "%s", type)) == NULL)
				r = SL_ENOMEM;
		}
	}
	sl_free(copy);
	if (r == 0 && hashed > 0)
		r = sl_nego_note(n, ap(&n->a, "%d hashed known_hosts "
		    "entr%s not read: if one is for this host, ssh may prefer "
		    "its key type", hashed, hashed == 1 ? "y was" : "ies were"));
	return r;
}

/* ---- host keys ---- */

static int
add_hostkey(struct sl_nego *n, const struct sl_key *k)
{
	if (sl_grow(&n->hostkeys, &n->caphostkeys, n->nhostkeys,
	    sizeof(*n->hostkeys), 4) != 0)
		return SL_ENOMEM;
	n->hostkeys[n->nhostkeys++] = *k;
	return 0;
}

/* A host key from its .pub; the type from the name when unreadable. */
static int
hostkey_file(struct sl_nego *n, const char *path, bool is_cert)
{
	struct sl_keyfile kf;
	struct sl_key k;
	const char *pub = path, *base;
	size_t len = strlen(path);
	int r;

	if (!is_cert && (len < 4 || strcmp(path + len - 4, ".pub") != 0) &&
	    (pub = ap(&n->a, "%s.pub", path)) == NULL)
		return SL_ENOMEM;
	if ((r = sl_pubfile_read(&n->a, pub, &kf)) != 0)
		return r;
	if (kf.have_pub)
		return add_hostkey(n, &kf.key);
	memset(&k, 0, sizeof(k));
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strstr(base, "ed25519") != NULL)
		k.kt = SL_KT_ED25519;
	else if (strstr(base, "ecdsa") != NULL) {
		k.kt = SL_KT_ECDSA;
		k.bits = 256;
	} else if (strstr(base, "rsa") != NULL)
		k.kt = SL_KT_RSA;
	else if (strstr(base, "dsa") != NULL)
		k.kt = SL_KT_DSA;
	if (k.kt == SL_KT_UNKNOWN || is_cert)
		return sl_nego_note(n, ap(&n->a, "host key %s: cannot read "
		    "%s (%s); left out", path, pub, kf.why ? kf.why : "?"));
	if ((r = sl_nego_note(n, ap(&n->a, "host key %s: %s unreadable, "
	    "type %s assumed from the name", path, pub,
	    sl_key_type_name(&k)))) != 0)
		return r;
	return add_hostkey(n, &k);
}

/* ---- the server ---- */

static const char *
auth_methods(struct sl_nego *n, const struct sl_eff *e)
{
	const char *kbd = ival(e, SL_OPT_SSHD_KBDINTERACTIVEAUTHENTICATION);
	const char *am = ival(e, SL_OPT_SSHD_AUTHENTICATIONMETHODS);
	bool k;
	const char *r = "";

	k = kbd != NULL ? strcmp(kbd, "yes") == 0 :
	    ibool(e, SL_OPT_SSHD_CHALLENGERESPONSEAUTHENTICATION, true);
	if (ibool(e, SL_OPT_SSHD_PUBKEYAUTHENTICATION, true))
		r = "publickey";
	if (ibool(e, SL_OPT_SSHD_GSSAPIAUTHENTICATION, false))
		r = ap(&n->a, "%s%sgssapi-with-mic", r, *r ? "," : "");
	if (ibool(e, SL_OPT_SSHD_PASSWORDAUTHENTICATION, true))
		r = ap(&n->a, "%s%spassword", r, *r ? "," : "");
	if (k)
		r = ap(&n->a, "%s%skeyboard-interactive", r, *r ? "," : "");
	if (ibool(e, SL_OPT_SSHD_HOSTBASEDAUTHENTICATION, false))
		r = ap(&n->a, "%s%shostbased", r, *r ? "," : "");
	if (am != NULL && strcmp(am, "any") != 0)
		sl_nego_note(n, ap(&n->a, "sshd has AuthenticationMethods %s: "
		    "publickey alone may not be enough", am));
	return r;
}

static const char *
legacy_list(enum sl_nopt o)
{
	return sl_nego_legacy_list(o);
}

static int
server_side(struct sl_nego *n, const struct sl_nego_query *q)
{
	struct sl_nego_side *s = &n->s;
	struct sl_lint_options lo = n->lo;
	struct sl_eff *e = NULL, *g = NULL;
	struct sl_conn_spec spec = q->spec;
	struct sl_source *src;
	size_t d0, i, nhk;
	int r;
	const struct sl_eff_item *it;

	s->version = q->server_version;
	s->debian = sl_algo_gss_kex_default(s->version, true).n > 0;
	s->compression = true;
	s->max_auth_tries = 6;
	if (q->spec.addr != NULL)
		s->peer = ap(&n->a, "%s port %s", q->spec.addr,
		    "<client port>");
	else if (n->proxy_sshd)
		s->peer = "UNKNOWN port 65535";
	else
		s->peer = "<client address> port <client port>";
	if (s->version < V(7, 2)) {
		enum sl_nopt o;

		for (o = 0; o < SL_NO__COUNT; o++)
			s->list[o] = legacy_list(o);
		s->methods = q->server_methods != NULL ? q->server_methods :
		    "publickey,password,keyboard-interactive";
		if ((r = sl_nego_note(n, ap(&n->a, "the server is modelled "
		    "as an OpenSSH release before 7.2 (7.1 defaults): no "
		    "rsa-sha2 signatures, no server-sig-algs"))) != 0)
			return r;
		for (i = 0; i < q->nhostkeys; i++)
			if ((r = hostkey_file(n, q->hostkeys[i], false)) != 0)
				return r;
		s->hostkeys = n->hostkeys;
		s->nhostkeys = n->nhostkeys;
		return 0;
	}
	lo.dialect = SL_DIALECT_SSHD;
	lo.openssh_min = lo.openssh_max = s->version;
	d0 = sl_ctx_ndiags(n->ctx);
	if (q->server_config != NULL) {
		if ((r = sl_load_walked(n->ctx, &lo, q->server_config,
		    SL_DIALECT_SSHD, &src)) != 0)
			return r;
	} else {
		if ((r = sl_source_add_buffer(n->ctx, "(sshd defaults)", "", 0,
		    SL_DIALECT_SSHD, &src)) != 0 ||
		    (r = sl_lint_walk(n->ctx, &lo, src)) != 0)
			return r;
	}
	n->server_top = src->id;
	if (spec.user == NULL)
		spec.user = n->c.user;
	if ((e = sl_eff_new(SL_DIALECT_SSHD, s->version)) == NULL ||
	    (g = sl_eff_new(SL_DIALECT_SSHD, s->version)) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	if ((r = sl_eval_server_src(n->ctx, &lo, src->id, s->version, &spec,
	    NULL, 0, e)) != 0 || (r = sl_eval_server_src(n->ctx, &lo,
	    src->id, s->version, NULL, NULL, 0, g)) != 0)
		goto out;
	n->server_eff = e;
	s->fatal = config_fatal(n, e, d0, SL_DIALECT_SSHD);
	take(n, s, e, SL_NO_KEX, SL_OPT_SSHD_KEXALGORITHMS);
	take(n, s, e, SL_NO_HOSTKEYALGS, SL_OPT_SSHD_HOSTKEYALGORITHMS);
	take(n, s, e, SL_NO_CIPHERS, SL_OPT_SSHD_CIPHERS);
	take(n, s, e, SL_NO_MACS, SL_OPT_SSHD_MACS);
	take(n, s, e, SL_NO_PUBKEY, SL_OPT_SSHD_PUBKEYACCEPTEDALGORITHMS);
	take(n, s, e, SL_NO_CASIG, SL_OPT_SSHD_CASIGNATUREALGORITHMS);
	take(n, s, e, SL_NO_RSASIZE, SL_OPT_SSHD_REQUIREDRSASIZE);
	s->pubkey_global = ival(g, SL_OPT_SSHD_PUBKEYACCEPTEDALGORITHMS);
	if (s->pubkey_global != NULL && (s->pubkey_global = ap(&n->a, "%s",
	    s->pubkey_global)) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	s->compression = !(ival(e, SL_OPT_SSHD_COMPRESSION) != NULL &&
	    strcmp(ival(e, SL_OPT_SSHD_COMPRESSION), "no") == 0);
	if (ival(e, SL_OPT_SSHD_MAXAUTHTRIES) != NULL)
		s->max_auth_tries = atoi(ival(e, SL_OPT_SSHD_MAXAUTHTRIES));
	s->methods = q->server_config == NULL && q->server_methods != NULL ?
	    q->server_methods : auth_methods(n, e);
	/* host keys: given, else HostKey lines (.pub next to them) */
	if (q->nhostkeys > 0) {
		for (i = 0; i < q->nhostkeys; i++)
			if ((r = hostkey_file(n, q->hostkeys[i], false)) != 0)
				goto out;
	} else {
		if (q->server_config == NULL && (r = sl_nego_note(n, ap(&n->a,
		    "the server's host keys were taken from this machine's "
		    "default HostKey files; give --server-hostkey KEY.pub for "
		    "the real server's"))) != 0)
			goto out;
		it = sl_eff_find(e, SL_OPT_SSHD_HOSTKEY, &nhk);
		for (i = 0; it != NULL && i < nhk; i++)
			if ((r = hostkey_file(n, it[i].value, false)) != 0)
				goto out;
	}
	it = sl_eff_find(e, SL_OPT_SSHD_HOSTCERTIFICATE, &nhk);
	for (i = 0; it != NULL && i < nhk; i++)
		if ((r = hostkey_file(n, it[i].value, true)) != 0)
			goto out;
	s->hostkeys = n->hostkeys;
	s->nhostkeys = n->nhostkeys;
	r = 0;
 out:
	if (r != 0)
		sl_eff_free(e);
	sl_eff_free(g);
	if (r != 0)
		n->server_eff = NULL;
	return r;
}

/* ---- the client ---- */

static int
client_side(struct sl_nego *n, const struct sl_nego_query *q)
{
	struct sl_nego_side *c = &n->c;
	struct sl_lint_options lo = n->lo;
	struct sl_client_query cq;
	struct sl_eff *e;
	const char *paths[1];
	size_t d0, i, nit;
	const struct sl_eff_item *it;
	const char *pc, *pj;
	int r;

	c->version = q->client_version;
	c->debian = sl_algo_gss_kex_default(c->version, true).n > 0;
	lo.dialect = SL_DIALECT_SSH;
	lo.openssh_min = lo.openssh_max = c->version;
	d0 = sl_ctx_ndiags(n->ctx);
	paths[0] = q->client_config;
	if ((r = sl_client_open(n->ctx, &lo, paths,
	    strcmp(q->client_config, "none") == 0 ? 0 : 1, false, c->version,
	    &n->client)) != 0)
		return r;
	for (i = 0; i < n->ctx->nsrc; i++)
		if (n->ctx->src[i] != NULL &&
		    n->ctx->src[i]->dialect == SL_DIALECT_SSH &&
		    strcmp(n->ctx->src[i]->path, q->client_config) == 0) {
			n->client_top = (uint32_t)i;
			n->have_client_top = true;
			break;
		}
	if ((e = sl_eff_new(SL_DIALECT_SSH, c->version)) == NULL)
		return SL_ENOMEM;
	n->client_eff = e;
	memset(&cq, 0, sizeof(cq));
	cq.host = q->host;
	cq.user = q->user;
	cq.port = q->port;
	if ((r = sl_client_eval(n->client, &cq, e)) != 0)
		return r;
	c->fatal = config_fatal(n, e, d0, SL_DIALECT_SSH);
	take(n, c, e, SL_NO_KEX, SL_OPT_SSH_KEXALGORITHMS);
	take(n, c, e, SL_NO_HOSTKEYALGS, SL_OPT_SSH_HOSTKEYALGORITHMS);
	take(n, c, e, SL_NO_CIPHERS, SL_OPT_SSH_CIPHERS);
	take(n, c, e, SL_NO_MACS, SL_OPT_SSH_MACS);
	take(n, c, e, SL_NO_PUBKEY, SL_OPT_SSH_PUBKEYACCEPTEDALGORITHMS);
	take(n, c, e, SL_NO_CASIG, SL_OPT_SSH_CASIGNATUREALGORITHMS);
	take(n, c, e, SL_NO_RSASIZE, SL_OPT_SSH_REQUIREDRSASIZE);
	take(n, c, e, SL_NO_IDENTITIESONLY, SL_OPT_SSH_IDENTITIESONLY);
	it = item(e, SL_OPT_SSH_IDENTITYFILE);
	if (it != NULL)
		c->origin[SL_NO_IDENTITYFILE] = it->origin;
	c->kex_set = c->origin[SL_NO_KEX].source_id != SL_ORIGIN_DEFAULT;
	c->compression = ival(e, SL_OPT_SSH_COMPRESSION) != NULL &&
	    strcmp(ival(e, SL_OPT_SSH_COMPRESSION), "yes") == 0;
	c->batchmode = ibool(e, SL_OPT_SSH_BATCHMODE, false);
	c->pubkey_auth = ibool(e, SL_OPT_SSH_PUBKEYAUTHENTICATION, true);
	c->user = ival(e, SL_OPT_SSH_USER);
	c->host = ival(e, SL_OPT_SSH_HOSTNAME);
	c->port = ival(e, SL_OPT_SSH_PORT);
	if (c->user == NULL)
		c->user = q->user ? q->user : local_user();
	if (c->host == NULL)
		c->host = q->host;
	pc = ival(e, SL_OPT_SSH_PROXYCOMMAND);
	pj = ival(e, SL_OPT_SSH_PROXYJUMP);
	c->via_proxy = (pc != NULL && strcmp(pc, "none") != 0) ||
	    (pj != NULL && strcmp(pj, "none") != 0);
	n->proxy_sshd = pc != NULL && strstr(pc, "sshd") != NULL &&
	    strstr(pc, " -i") != NULL;
	if (c->via_proxy)
		c->peer = "UNKNOWN port 65535";
	else
		c->peer = ap(&n->a, "%s port %s", c->host, c->port ? c->port :
		    "22");
	if (c->peer == NULL)
		return SL_ENOMEM;
	if (!c->via_proxy && !sl_nego_is_addr(c->host) &&
	    (r = sl_nego_note(n, ap(&n->a, "OpenSSH names the peer by the "
	    "address it connected to; %s stands for it", c->host))) != 0)
		return r;

	/* known_hosts: for the host key algorithm order */
	{
		const char *alias = ival(e, SL_OPT_SSH_HOSTKEYALIAS);
		const char *name = alias != NULL && strcmp(alias, "none") ?
		    alias : c->host;
		const char *kname = name;

		if (c->port != NULL && strcmp(c->port, "22") != 0)
			kname = ap(&n->a, "[%s]:%s", name, c->port);
		if (kname == NULL ||
		    (r = read_known_hosts(n, ival(e,
		    SL_OPT_SSH_USERKNOWNHOSTSFILE), kname)) != 0 ||
		    (r = read_known_hosts(n, ival(e,
		    SL_OPT_SSH_GLOBALKNOWNHOSTSFILE), kname)) != 0)
			return r ? r : SL_ENOMEM;
	}

	/* identities */
	if (q->nidentities > 0) {
		for (i = 0; i < q->nidentities; i++)
			if ((r = file_identity(n, q->identities[i], true)) != 0)
				return r;
	} else {
		it = sl_eff_find(e, SL_OPT_SSH_CERTIFICATEFILE, &nit);
		for (i = 0; it != NULL && i < nit; i++) {
			const char *p = expand_path(n, it[i].value, q->host);

			if (p == NULL)
				return SL_ENOMEM;
			if ((r = cert_identity(n, p, true)) != 0)
				return r;
		}
		it = sl_eff_find(e, SL_OPT_SSH_IDENTITYFILE, &nit);
		for (i = 0; it != NULL && i < nit; i++) {
			const char *p = expand_path(n, it[i].value, q->host);

			if (p == NULL)
				return SL_ENOMEM;
			if ((r = file_identity(n, p, it[i].origin.source_id !=
			    SL_ORIGIN_DEFAULT)) != 0)
				return r;
		}
		cert_private(n);
	}
	{
		/* the agent: IdentityAgent, else SSH_AUTH_SOCK */
		const char *ia = ival(e, SL_OPT_SSH_IDENTITYAGENT);
		const char *sock = q->agent_socket;
		bool only = ibool(e, SL_OPT_SSH_IDENTITIESONLY, false);
		struct sl_key *keys;
		const char **comments;
		size_t nkeys;

		if (ia != NULL && strcmp(ia, "none") == 0)
			sock = NULL;
		else if (ia != NULL && ia[0] == '$')
			sock = q->getenv ? q->getenv(ia + 1) : NULL;
		else if (ia != NULL && strcmp(ia, "SSH_AUTH_SOCK") != 0 &&
		    (sock = expand_path(n, ia, q->host)) == NULL)
			return SL_ENOMEM;
		if (sock != NULL && *sock != '\0') {
			const char *pid = q->getenv != NULL &&
			    sock == q->agent_socket ?
			    q->getenv("SSH_AGENT_PID") : NULL;

			if ((r = agent_keys(n, sock, pid ? atol(pid) : 0,
			    &keys, &comments, &nkeys)) != 0 ||
			    (r = order_agent(n, keys, comments, nkeys,
			    only)) != 0)
				return r;
		}
	}
	if (q->authorized_keys != NULL &&
	    (r = check_authorized(n, q->authorized_keys)) != 0)
		return r;
	return 0;
}

bool
sl_nego_is_addr(const char *h)
{
	size_t i;
	bool colon = false;

	if (h == NULL || *h == '\0')
		return false;
	for (i = 0; h[i]; i++) {
		if (h[i] == ':')
			colon = true;
		else if (!isxdigit((unsigned char)h[i]) && h[i] != '.')
			return false;
	}
	return colon || strspn(h, "0123456789.") == strlen(h);
}

bool
sl_nego_list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *e;

	while (p != NULL && *p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, name, n) == 0)
			return true;
		p = *e ? e + 1 : NULL;
	}
	return false;
}

/* ---- entry point ---- */

/* The identity that authenticates is signed by an agent that cannot ask
 * for a confirmation: a key added with ssh-add -c would be refused. */
static int
agent_confirm_warning(struct sl_nego *n)
{
	struct sl_nstage *st = &n->res.stage[SL_NEGO_AUTH];
	const struct sl_nego_ident *id;

	if (!n->res.ok || n->res.used_ident < 0 || n->agent_no_confirm == NULL)
		return 0;
	id = &n->ids[n->res.used_ident];
	if (id->agent == SL_NAG_NONE)
		return 0;
	st->status = SL_NEGO_WARN;
	st->reason = SL_NR_ID_AGENT_REFUSED;
	return sl_nego_msg(&n->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
	    ap(&n->a, "the agent cannot ask to confirm a key (%s): if %s was "
	    "added with ssh-add -c, the agent refuses and ssh prints '%s' "
	    "(the agent protocol does not show which keys need a "
	    "confirmation; sshlint doctor checks the agent)",
	    n->agent_no_confirm, id->file, sl_nego_agent_refusal(&n->a, &n->c,
	    id)));
}

int
sl_negotiate(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const struct sl_nego_query *q, struct sl_nego **out)
{
	struct sl_nego *n;
	int r;

	*out = NULL;
	if (q->host == NULL || q->client_config == NULL) {
		sl_ctx_set_error(ctx, "negotiate: a client configuration and "
		    "a host are needed");
		return SL_EINVAL;
	}
	if (q->client_version < V(7, 4) ||
	    q->client_version > sl_version_newest()) {
		sl_ctx_set_error(ctx, "client release not modelled (7.4 .. "
		    "10.5)");
		return SL_EINVAL;
	}
	if (q->server_version > sl_version_newest() ||
	    (q->server_version >= V(7, 2) && q->server_version < V(7, 4)) ||
	    q->server_version < V(6, 0)) {
		sl_ctx_set_error(ctx, "server release not modelled (7.4 .. "
		    "10.5, or before 7.2 as a legacy peer)");
		return SL_EINVAL;
	}
	if (q->server_version < V(7, 2) && q->server_config != NULL) {
		sl_ctx_set_error(ctx, "a server configuration needs a server "
		    "release of 7.4 or later");
		return SL_EINVAL;
	}
	if ((n = sl_calloc(1, sizeof(*n))) == NULL)
		return SL_ENOMEM;
	n->ctx = ctx;
	n->lo = *opts;
	n->query = *q;
	n->server_top = UINT32_MAX;
	if ((r = client_side(n, q)) != 0 || (r = server_side(n, q)) != 0)
		goto fail;
	if ((r = sl_nego_walk(&n->a, &n->c, &n->s, n->ids, n->nids,
	    &n->res)) != 0)
		goto fail;
	if ((r = agent_confirm_warning(n)) != 0)
		goto fail;
	if (!n->res.ok) {
		if ((r = sl_nego_plan(&n->a, &n->c, &n->s, n->ids, n->nids,
		    &n->res, n->fixes, sizeof(n->fixes) / sizeof(n->fixes[0]),
		    &n->nfixes, &n->fixed_ok)) != 0)
			goto fail;
		if ((r = sl_nego_place(n)) != 0)
			goto fail;
	}
	*out = n;
	return 0;
 fail:
	sl_nego_free(n);
	return r;
}

void
sl_nego_free(struct sl_nego *n)
{
	if (n == NULL)
		return;
	sl_client_free(n->client);
	sl_eff_free(n->client_eff);
	sl_eff_free(n->server_eff);
	sl_free(n->ids);
	sl_free(n->hostkeys);
	sl_free(n->notes);
	sl_free(n->edits);
	sl_arena_release(&n->a);
	sl_free(n);
}

bool
sl_nego_ok(const struct sl_nego *n)
{
	return n->res.ok;
}

enum sl_nego_stage_id
sl_nego_failed_stage(const struct sl_nego *n)
{
	return n->res.ok ? SL_NEGO_STAGE__COUNT : n->res.failed;
}

size_t
sl_nego_nedits(const struct sl_nego *n)
{
	return n->nedits;
}

const struct sl_nego_edit *
sl_nego_edit_at(const struct sl_nego *n, size_t i)
{
	return i < n->nedits ? &n->edits[i] : NULL;
}
