/*
 * sshlint doctor: key files, configuration permissions, the agent (client
 * side) and StrictModes plus authorized_keys (server side). See doctor.h.
 *
 * The rules and messages are OpenSSH's: authfile.c sshkey_perm_ok(),
 * readconf.c read_config_file_depth() (and Debian's secure_permissions(),
 * shared with lint/check.c), sshconnect2.c load_identity_file() and
 * pubkey_prepare(), ssh.c load_public_identity_files(), misc.c
 * safe_path(), auth2-pubkeyfile.c, auth-options.c.
 */
#include "lint/doctor.h"
#include "lint/eval.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lint/agent.h"
#include "lint/diag.h"
#include "lint/keyfile.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"

#define MAX_KEYFILE	(1024 * 1024)		/* bytes read of a key file */
#define MAX_AUTHKEYS	(16 * 1024 * 1024)	/* of an authorized_keys file */

void
sl_doctor_init(struct sl_doctor *d)
{
	memset(d, 0, sizeof(*d));
	d->agent_confirm = SL_CONFIRM_UNKNOWN;
}

void
sl_doctor_release(struct sl_doctor *d)
{
	size_t i;

	for (i = 0; i < d->nfindings; i++) {
		sl_free(d->findings[i].path);
		sl_free(d->findings[i].message);
		sl_free(d->findings[i].openssh);
		sl_free(d->findings[i].fix);
	}
	sl_free(d->findings);
	for (i = 0; i < d->nids; i++) {
		sl_free(d->ids[i].path);
		sl_free(d->ids[i].configured);
		sl_free(d->ids[i].type);
		sl_free(d->ids[i].name);
		sl_free(d->ids[i].fingerprint);
	}
	sl_free(d->ids);
	for (i = 0; i < d->nconfig_files; i++)
		sl_free(d->config_files[i]);
	sl_free(d->config_files);
	for (i = 0; i < d->nagent_keys; i++) {
		sl_free(d->agent_keys[i].type);
		sl_free(d->agent_keys[i].fingerprint);
		sl_free(d->agent_keys[i].comment);
	}
	sl_free(d->agent_keys);
	for (i = 0; i < d->nauthfiles; i++) {
		sl_free(d->authfiles[i].path);
		sl_free(d->authfiles[i].refused);
	}
	sl_free(d->authfiles);
	sl_free(d->host);
	sl_free(d->agent_socket);
	sl_free(d->agent_detail);
	sl_free(d->server_config);
	sl_free(d->server_user);
	sl_free(d->server_home);
	sl_doctor_init(d);
}

size_t
sl_doctor_count(const struct sl_doctor *d, enum sl_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < d->nfindings; i++)
		if (d->findings[i].severity >= sev)
			n++;
	return n;
}

static char *
vfmt(const char *fmt, va_list ap)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;

	sl_strbuf_vaddf(&sb, fmt, ap);
	if (sb.failed || sb.buf == NULL) {
		sl_strbuf_release(&sb);
		return NULL;
	}
	return sl_strbuf_detach(&sb);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = vfmt(f, ap);
	va_end(ap);
	return s;
}

static char *
dup_or_null(struct sl_doctor *d, const char *s)
{
	char *r;

	if (s == NULL)
		return NULL;
	if ((r = sl_strdup(s)) == NULL)
		d->oom = true;
	return r;
}

/*
 * Add a finding; `openssh` and `fix` are taken over (may be NULL). The
 * message is formatted.
 */
static void add(struct sl_doctor *d, enum sl_rule rule, enum sl_severity sev,
    const char *path, uint32_t line, uint32_t col, char *openssh, char *fix,
    const char *f, ...) __attribute__((format(printf, 9, 10)));

static void
add(struct sl_doctor *d, enum sl_rule rule, enum sl_severity sev,
    const char *path, uint32_t line, uint32_t col, char *openssh, char *fix,
    const char *f, ...)
{
	struct sl_doc_finding *x;
	va_list ap;

	if (sl_grow(&d->findings, &d->capfindings, d->nfindings,
	    sizeof(*d->findings), 16) != 0) {
		d->oom = true;
		sl_free(openssh);
		sl_free(fix);
		return;
	}
	x = &d->findings[d->nfindings++];
	memset(x, 0, sizeof(*x));
	x->rule = (int)rule;
	x->severity = sev;
	x->path = dup_or_null(d, path);
	x->line = line;
	x->col = col;
	x->openssh = openssh;
	x->fix = fix;
	va_start(ap, f);
	x->message = vfmt(f, ap);
	va_end(ap);
	if (x->message == NULL)
		d->oom = true;
}

/* Shell-quote a path for a suggested command, when it needs it. */
static char *
shq(const char *p)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *c;

	if (p[strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789/._-+,:@%")] == '\0' && p[0] != '\0')
		return sl_strdup(p);
	sl_strbuf_addc(&sb, '\'');
	for (c = p; *c; c++) {
		if (*c == '\'')
			sl_strbuf_adds(&sb, "'\\''");
		else
			sl_strbuf_addc(&sb, *c);
	}
	sl_strbuf_addc(&sb, '\'');
	return sl_strbuf_detach(&sb);
}

static char *
fix_cmd(const char *cmd, const char *path)
{
	char *q = shq(path), *r;

	if (q == NULL)
		return NULL;
	r = fmt("%s %s", cmd, q);
	sl_free(q);
	return r;
}

/* Value of the first item `key` of an effective configuration. */
static const char *
eff_get(const struct sl_eff *e, const char *key)
{
	size_t i, n = sl_eff_nitems(e);

	for (i = 0; i < n; i++)
		if (strcmp(sl_eff_item(e, i)->key, key) == 0)
			return sl_eff_item(e, i)->value;
	return NULL;
}

/* Is `name` an element of the comma-separated `list`? */
static bool
in_list(const char *list, const char *name)
{
	size_t l = strlen(name);
	const char *p = list;

	if (list == NULL)
		return false;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n == l && memcmp(p, name, l) == 0)
			return true;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return false;
}

/* Read at most `max` bytes of a file (allocated). 0, or errno. */
static int
read_file(const char *path, size_t max, char **data, size_t *len,
    struct stat *st)
{
	char *buf;
	size_t n = 0;
	ssize_t r;
	int fd, e;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return errno;
	if (fstat(fd, st) != 0) {
		e = errno;
		close(fd);
		return e;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return EINVAL;
	}
	if ((buf = sl_malloc(max + 1)) == NULL) {
		close(fd);
		return ENOMEM;
	}
	while (n < max) {
		r = read(fd, buf + n, max - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			sl_free(buf);
			close(fd);
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* ---- configuration file permissions ---- */

/*
 * readconf.c: owner root or the user, no group/other write (upstream);
 * Debian's secure_permissions() relaxes group write (lint/check.c).
 */
static void
check_config_perm(struct sl_doctor *d, const char *path, uid_t uid,
    enum sl_rule rule, const char *what)
{
	struct stat st;
	const char *deb;
	bool up_bad;

	if (stat(path, &st) != 0)
		return;
	up_bad = (st.st_uid != 0 && st.st_uid != uid) ||
	    (st.st_mode & 022) != 0;
	deb = sl_debian_perm_problem(&st, uid);
	if (!up_bad && deb == NULL)
		return;
	if (deb != NULL)
		add(d, rule, SL_SEV_ERROR, path, 0, 0,
		    fmt("Bad owner or permissions on %s", path),
		    st.st_uid != 0 && st.st_uid != uid ?
		    fmt("chown %lu %s && chmod go-w %s", (unsigned long)uid,
		    path, path) : fix_cmd("chmod go-w", path),
		    "%s is %s (owner uid %lu, mode %04o): ssh refuses to read "
		    "it and stops", what, deb, (unsigned long)st.st_uid,
		    (unsigned)(st.st_mode & 07777));
	else
		add(d, rule, SL_SEV_WARNING, path, 0, 0,
		    fmt("Bad owner or permissions on %s", path),
		    fix_cmd("chmod g-w", path),
		    "%s is group-writable (mode %04o): upstream, BSD and Fedora "
		    "ssh refuse it; Debian and Ubuntu accept it because the "
		    "group has no member but the owner", what,
		    (unsigned)(st.st_mode & 07777));
}

/* ---- identities ---- */

struct host_cfg {
	const char *host;
	int version;
	long required_rsa;	/* 0: the release has no RequiredRSASize */
	const char *accepted;	/* PubkeyAcceptedAlgorithms */
	bool batch;
};

/* An empty environment (the options gave no getenv). */
static const char *
no_env(const char *name)
{
	(void)name;
	return NULL;
}

static struct sl_doc_identity *
find_id(struct sl_doctor *d, const char *path, bool cert)
{
	size_t i;

	for (i = 0; i < d->nids; i++)
		if (d->ids[i].certificate == cert &&
		    strcmp(d->ids[i].path, path) == 0)
			return &d->ids[i];
	return NULL;
}

static struct sl_doc_identity *
new_id(struct sl_doctor *d, const char *path, const char *configured,
    bool user_provided, bool cert)
{
	struct sl_doc_identity *id;

	if (sl_grow(&d->ids, &d->capids, d->nids, sizeof(*d->ids), 8) != 0) {
		d->oom = true;
		return NULL;
	}
	id = &d->ids[d->nids++];
	memset(id, 0, sizeof(*id));
	id->path = dup_or_null(d, path);
	id->configured = dup_or_null(d, configured);
	id->user_provided = user_provided;
	id->certificate = cert;
	id->in_agent = -1;
	if (id->path == NULL) {
		d->nids--;
		return NULL;
	}
	return id;
}

static void
set_key(struct sl_doctor *d, struct sl_doc_identity *id,
    const struct sl_pubkey *k)
{
	char fp[SL_PUBKEY_FP_STRLEN];

	sl_free(id->type);
	sl_free(id->name);
	sl_free(id->fingerprint);
	id->type = dup_or_null(d, k->label);
	id->name = dup_or_null(d, k->name);
	id->fingerprint = dup_or_null(d, sl_pubkey_fp_str(k->plain_fp, fp,
	    sizeof(fp)));
	id->bits = k->bits;
}

/* "Skipping ..." debug text of pubkey_prepare() for the release. */
static char *
skip_text(int v, const char *name, const char *path)
{
	if (v < SL_VERSION(8, 5))
		return fmt("Skipping %s key %s - not in PubkeyAcceptedKeyTypes",
		    name, path);
	if (v < SL_VERSION(9, 6))
		return fmt("Skipping %s key %s - corresponding algo not in "
		    "PubkeyAcceptedAlgorithms", name, path);
	return fmt("Skipping %s key %s - corresponding algorithm not in "
	    "PubkeyAcceptedAlgorithms", name, path);
}

/* key_type_allowed_by_config() (7.8+), the type name before. */
static bool
client_accepts(const struct sl_pubkey *k, const char *list, int v)
{
	const char *algs[4];
	size_t i, n;

	if (list == NULL)
		return true;
	if (v < SL_VERSION(7, 8))
		return in_list(list, k->name);
	n = sl_pubkey_sig_algs(k, algs, 4);
	for (i = 0; i < n; i++)
		if (in_list(list, algs[i]))
			return true;
	return false;
}

/* Checks of a key's type and size (both sides). `where`: how to quote. */
static void
check_key_type(struct sl_doctor *d, const struct sl_pubkey *k, int v,
    long required_rsa, bool server, const char *path, uint32_t line,
    uint32_t col)
{
	if (k->kind == SL_PUBKEY_DSA) {
		if (v >= SL_VERSION(10, 0))
			add(d, SL_RULE_DSA_KEY, SL_SEV_ERROR, path, line, col,
			    NULL, NULL, "DSA key: OpenSSH %d.%d no longer "
			    "supports ssh-dss; replace the key (ssh-keygen -t "
			    "ed25519)", v / 100, v % 100);
		else if (v >= SL_VERSION(9, 8))
			add(d, SL_RULE_DSA_KEY, SL_SEV_ERROR, path, line, col,
			    NULL, NULL, "DSA key: OpenSSH %d.%d is built "
			    "without DSA unless configured with "
			    "--enable-dsa-keys; replace the key (ssh-keygen -t "
			    "ed25519)", v / 100, v % 100);
		else
			add(d, SL_RULE_DSA_KEY, SL_SEV_WARNING, path, line, col,
			    NULL, NULL, "DSA key: ssh-dss is off by default "
			    "since OpenSSH 7.0 and removed in 10.0; replace "
			    "the key (ssh-keygen -t ed25519)");
		return;
	}
	if (v > 0 && !sl_pubkey_type_supported(k->name, v)) {
		add(d, SL_RULE_KEY_TYPE_UNSUPPORTED, SL_SEV_ERROR, path, line,
		    col, NULL, NULL, "key type %s is not supported by OpenSSH "
		    "%d.%d", k->name, v / 100, v % 100);
		return;
	}
	if (k->kind != SL_PUBKEY_RSA)
		return;
	if (required_rsa > 0 && (long)k->bits < required_rsa)
		add(d, SL_RULE_KEY_SIZE, SL_SEV_ERROR, path, line, col,
		    server ? fmt("refusing RSA key: Invalid key length") :
		    fmt("load pubkey \"%s\": Invalid key length", path), NULL,
		    "%u-bit RSA key is below RequiredRSASize %ld: %s refuses "
		    "it", k->bits, required_rsa, server ? "sshd" : "ssh");
	else if (k->bits < 2048)
		add(d, SL_RULE_KEY_SIZE, SL_SEV_WARNING, path, line, col,
		    NULL, NULL, "%u-bit RSA key: keys under 2048 bits are weak; "
		    "make a new one (ssh-keygen -t ed25519, or -t rsa -b 3072)",
		    k->bits);
}

static void
check_cert_validity(struct sl_doctor *d, const struct sl_pubkey *k, time_t now,
    const char *path)
{
	if (!k->cert)
		return;
	if (k->c.type != SL_CERT_USER)
		add(d, SL_RULE_CERTIFICATE_VALIDITY, SL_SEV_ERROR, path, 0, 0,
		    fmt("Certificate invalid: not a user certificate"), NULL,
		    "a host certificate (ID \"%s\") is used as a user "
		    "certificate: sshd refuses it", k->c.key_id);
	else if ((uint64_t)now < k->c.valid_after)
		add(d, SL_RULE_CERTIFICATE_VALIDITY, SL_SEV_WARNING, path, 0, 0,
		    fmt("Certificate invalid: not yet valid"), NULL,
		    "certificate ID \"%s\" is not valid yet", k->c.key_id);
	else if ((uint64_t)now >= k->c.valid_before)
		add(d, SL_RULE_CERTIFICATE_VALIDITY, SL_SEV_ERROR, path, 0, 0,
		    fmt("Certificate invalid: expired"), NULL,
		    "certificate ID \"%s\" has expired: sshd refuses it; "
		    "sign a new one with ssh-keygen -s", k->c.key_id);
}

/* A certificate file: CertificateFile or IDENTITY-cert.pub. */
static void
check_cert_file(struct sl_doctor *d, struct sl_doc_identity *id,
    const struct host_cfg *hc, const struct sl_doctor_client_opts *o)
{
	struct sl_privkey_info pi;
	struct stat st;
	char *data;
	size_t len;
	int e;

	if ((e = read_file(id->path, MAX_KEYFILE, &data, &len, &st)) != 0) {
		if (e == ENOENT) {
			if (id->user_provided)
				add(d, SL_RULE_CERTIFICATE_MISSING,
				    SL_SEV_WARNING, id->path, 0, 0, NULL, NULL,
				    "CertificateFile %s does not exist: ssh "
				    "skips it silently (debug only)",
				    id->configured);
			return;
		}
		id->exists = true;
		add(d, SL_RULE_KEY_UNUSABLE, SL_SEV_ERROR, id->path, 0, 0,
		    fmt("load certificate \"%s\": %s", id->path, strerror(e)),
		    NULL, "certificate file cannot be read: %s", strerror(e));
		return;
	}
	id->exists = true;
	id->mode = (unsigned)(st.st_mode & 07777);
	sl_privkey_inspect(data, len, &pi);
	sl_free(data);
	if (pi.format != SL_PK_PUBLIC || !pi.key.cert) {
		add(d, SL_RULE_KEY_UNUSABLE, SL_SEV_ERROR, id->path, 0, 0,
		    fmt("load certificate \"%s\": invalid format", id->path),
		    NULL, "not a certificate (expected one line "
		    "'TYPE-cert-v01@openssh.com BASE64 ...')");
		return;
	}
	id->public_from = "file";
	set_key(d, id, &pi.key);
	check_key_type(d, &pi.key, hc->version, hc->required_rsa, false,
	    id->path, 0, 0);
	check_cert_validity(d, &pi.key, o->now, id->path);
	if (!client_accepts(&pi.key, hc->accepted, hc->version))
		add(d, SL_RULE_KEY_NOT_ACCEPTED, SL_SEV_WARNING, id->path, 0, 0,
		    skip_text(hc->version, pi.key.name, id->path),
		    fmt("PubkeyAcceptedAlgorithms +%s (in the Host block of "
		    "%s)", pi.key.name, hc->host),
		    "%s is not in the effective PubkeyAcceptedAlgorithms for "
		    "host %s: ssh does not offer the certificate", pi.key.name,
		    hc->host);
}

/* Public key info, from `path`.pub. */
static bool
load_pub(const char *path, struct sl_privkey_info *pi)
{
	char *p, *data;
	size_t len;
	struct stat st;
	bool ok = false;

	if ((p = fmt("%s.pub", path)) == NULL)
		return false;
	if (read_file(p, MAX_KEYFILE, &data, &len, &st) == 0) {
		sl_privkey_inspect(data, len, pi);
		ok = pi->format == SL_PK_PUBLIC;
		sl_free(data);
	}
	sl_free(p);
	return ok;
}

static void
check_identity(struct sl_doctor *d, struct sl_doc_identity *id,
    const struct host_cfg *hc, const struct sl_doctor_client_opts *o,
    const struct sl_agent *ag)
{
	struct sl_privkey_info pi, pub;
	const struct sl_pubkey *k = NULL;
	struct stat st;
	char *data;
	size_t len, i;
	int e;
	bool have_pub, private_ok = false;

	have_pub = load_pub(id->path, &pub);
	e = read_file(id->path, MAX_KEYFILE, &data, &len, &st);
	if (e == ENOENT && !have_pub) {
		if (id->user_provided)
			add(d, SL_RULE_IDENTITY_MISSING, SL_SEV_WARNING,
			    id->path, 0, 0, fmt("no such identity: %s: %s",
			    id->path, strerror(ENOENT)), NULL,
			    "IdentityFile %s does not exist", id->configured);
		return;
	}
	if (e == ENOENT) {
		/* only the public half: usable through the agent only */
		id->exists = false;
		id->public_from = ".pub";
		set_key(d, id, &pub.key);
		k = &pub.key;
	} else if (e != 0) {
		id->exists = true;
		add(d, SL_RULE_KEY_UNUSABLE, SL_SEV_ERROR, id->path, 0, 0,
		    fmt("Load key \"%s\": %s", id->path, e == EINVAL ?
		    "not a regular file" : strerror(e)), NULL,
		    "the key file cannot be read");
		return;
	} else {
		id->exists = true;
		id->mode = (unsigned)(st.st_mode & 07777);
		sl_privkey_inspect(data, len, &pi);
		sl_free(data);
		switch (pi.format) {
		case SL_PK_PUBLIC:
			/* IdentityFile names a public key: the agent signs */
			id->public_from = "file";
			set_key(d, id, &pi.key);
			k = &pi.key;
			break;
		case SL_PK_NOT_PRIVATE:
		case SL_PK_BAD:
		case SL_PK_PUTTY:
			add(d, SL_RULE_KEY_UNUSABLE, SL_SEV_ERROR, id->path, 0,
			    0, fmt("Load key \"%s\": invalid format", id->path),
			    pi.format == SL_PK_PUTTY ? fix_cmd("puttygen -O "
			    "private-openssh -o KEYFILE", id->path) : NULL,
			    "%s", pi.format == SL_PK_PUTTY ? "a PuTTY key "
			    "file: ssh cannot read it; convert it with "
			    "puttygen" : "not a private key OpenSSH can read");
			if (!have_pub)
				return;
			break;
		default:
			private_ok = true;
			id->encrypted = pi.encrypted;
			/* sshkey_perm_ok() */
			if (st.st_uid == o->uid && (st.st_mode & 077) != 0)
				add(d, SL_RULE_KEY_PERMISSIONS, SL_SEV_ERROR,
				    id->path, 0, 0, fmt(
"@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
"@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n"
"@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
"Permissions 0%3.3o for '%s' are too open.\n"
"It is required that your private key files are NOT accessible by others.\n"
"This private key will be ignored.\n"
"Load key \"%s\": bad permissions",
				    (unsigned)(st.st_mode & 0777), id->path,
				    id->path), fix_cmd("chmod go-rwx",
				    id->path), "private key file mode %04o "
				    "gives access to %s: ssh ignores the key",
				    (unsigned)(st.st_mode & 07777),
				    (st.st_mode & 070) && (st.st_mode & 07) ?
				    "group and others" : (st.st_mode & 070) ?
				    "the group" : "others");
			if (pi.have_public) {
				k = &pi.key;
				id->public_from = pi.format == SL_PK_OPENSSH ?
				    "private key header" : "PEM";
			}
			break;
		}
		if (have_pub) {
			if (k != NULL && private_ok && memcmp(k->plain_fp,
			    pub.key.plain_fp, SL_SHA256_LEN) != 0)
				add(d, SL_RULE_KEY_UNUSABLE, SL_SEV_ERROR,
				    id->path, 0, 0, fmt("identity_sign: "
				    "private key %s contents do not match "
				    "public", id->path), NULL, "%s.pub holds "
				    "another key than %s: the server accepts "
				    "the public key, then the signature fails",
				    id->path, id->path);
			/* ssh offers the .pub key */
			k = &pub.key;
			id->public_from = ".pub";
		}
		if (k != NULL)
			set_key(d, id, k);
		else if (pi.type_hint != NULL)
			id->type = dup_or_null(d, pi.type_hint);
	}
	if (k == NULL)
		return;
	check_key_type(d, k, hc->version, hc->required_rsa, false, id->path,
	    0, 0);
	if (k->kind != SL_PUBKEY_DSA && sl_pubkey_type_supported(k->name,
	    hc->version) && !client_accepts(k, hc->accepted, hc->version)) {
		const char *algs[4];

		sl_pubkey_sig_algs(k, algs, 4);
		add(d, SL_RULE_KEY_NOT_ACCEPTED, SL_SEV_WARNING, id->path, 0,
		    0, skip_text(hc->version, k->name, id->path),
		    fmt("PubkeyAcceptedAlgorithms +%s (in the Host block of "
		    "%s)", algs[0], hc->host), "no signature algorithm of "
		    "this %s key is in the effective PubkeyAcceptedAlgorithms "
		    "for host %s: ssh skips it", k->label, hc->host);
	}
	if (k->cert)
		check_cert_validity(d, k, o->now, id->path);
	/* the agent */
	if (ag == NULL || ag->status != SL_AGENT_OK)
		return;
	id->in_agent = 0;
	for (i = 0; i < ag->nids; i++)
		if (ag->ids[i].parsed && memcmp(ag->ids[i].key.plain_fp,
		    k->plain_fp, SL_SHA256_LEN) == 0)
			id->in_agent = 1;
	if (id->in_agent)
		return;
	if (!private_ok)
		add(d, SL_RULE_AGENT_KEY_MISSING, SL_SEV_WARNING, id->path, 0,
		    0, NULL, NULL, "the agent does not hold this key and "
		    "there is no private key file: ssh cannot sign with it "
		    "(load it into the agent, or put the private key at %s)",
		    id->path);
	else if (id->encrypted)
		add(d, SL_RULE_AGENT_KEY_MISSING, SL_SEV_WARNING, id->path, 0,
		    0, NULL, fix_cmd("ssh-add", id->path), "the agent does "
		    "not hold this key and the file is passphrase-protected: "
		    "ssh asks for the passphrase%s", hc->batch ?
		    ", which BatchMode forbids: the key cannot be used" :
		    " on every connection");
	else
		add(d, SL_RULE_AGENT_KEY_MISSING, SL_SEV_INFO, id->path, 0, 0,
		    NULL, fix_cmd("ssh-add", id->path), "the agent does not "
		    "hold this key; ssh reads it from the file");
}

/* ---- the agent ---- */

static bool
runnable(const char *path)
{
	return access(path, X_OK) == 0;
}

static void
check_agent(struct sl_doctor *d, const struct sl_doctor_client_opts *o,
    const char *identity_agent, struct sl_agent *ag)
{
	const char *sock = NULL, *envname = "SSH_AUTH_SOCK";
	char fp[SL_PUBKEY_FP_STRLEN], why[256], *env;
	size_t i, len;
	int r = -1;

	ag->status = SL_AGENT_PROTOCOL;
	if (identity_agent != NULL && strcmp(identity_agent, "none") == 0) {
		d->agent = SL_DOC_AGENT_DISABLED;
		return;
	}
	if (identity_agent != NULL && identity_agent[0] == '$')
		envname = identity_agent + 1;
	else if (identity_agent != NULL &&
	    strcmp(identity_agent, "SSH_AUTH_SOCK") != 0)
		sock = identity_agent;
	if (sock == NULL && o->getenv != NULL)
		sock = o->getenv(envname);
	if (sock == NULL || *sock == '\0') {
		d->agent = SL_DOC_AGENT_UNSET;
		add(d, SL_RULE_AGENT_UNAVAILABLE, SL_SEV_INFO, NULL, 0, 0,
		    fmt("Could not open a connection to your authentication "
		    "agent."), NULL, "no agent: %s is not set; ssh loads keys "
		    "from their files and asks for passphrases itself",
		    envname);
		return;
	}
	d->agent_socket = dup_or_null(d, sock);
	if (sl_agent_query(sock, o->agent_timeout_ms > 0 ?
	    o->agent_timeout_ms : 2000, ag) != 0) {
		d->oom = true;
		return;
	}
	switch (ag->status) {
	case SL_AGENT_MISSING:
	case SL_AGENT_NOT_SOCKET:
	case SL_AGENT_REFUSED:
		d->agent = ag->status == SL_AGENT_MISSING ?
		    SL_DOC_AGENT_MISSING : ag->status == SL_AGENT_NOT_SOCKET ?
		    SL_DOC_AGENT_NOT_SOCKET : SL_DOC_AGENT_REFUSED;
		d->agent_detail = dup_or_null(d, strerror(ag->err));
		add(d, SL_RULE_AGENT_UNAVAILABLE, SL_SEV_WARNING, sock, 0, 0,
		    fmt("Error connecting to agent: %s", strerror(ag->err)),
		    NULL, "%s names %s, %s: the agent has gone (a stale "
		    "value from an old session?); ssh goes on without it",
		    identity_agent != NULL && sock == identity_agent ?
		    "IdentityAgent" : envname, sock,
		    ag->status == SL_AGENT_MISSING ? "which does not exist" :
		    ag->status == SL_AGENT_NOT_SOCKET ? "which is not a socket" :
		    "where nothing accepts connections");
		return;
	case SL_AGENT_FAILED:
		d->agent = SL_DOC_AGENT_FAILED;
		add(d, SL_RULE_AGENT_UNAVAILABLE, SL_SEV_WARNING, sock, 0, 0,
		    fmt("agent refused operation"), NULL, "the agent refused "
		    "to list its identities");
		return;
	case SL_AGENT_PROTOCOL:
		d->agent = SL_DOC_AGENT_PROTOCOL;
		d->agent_detail = dup_or_null(d, ag->detail);
		add(d, SL_RULE_AGENT_UNAVAILABLE, SL_SEV_WARNING, sock, 0, 0,
		    NULL, NULL, "the program at %s does not speak the agent "
		    "protocol: %s", sock, ag->detail ? ag->detail : "?");
		return;
	case SL_AGENT_OK:
		break;
	}
	d->agent = SL_DOC_AGENT_OK;
	if (ag->nids > 0 && (d->agent_keys = sl_calloc(ag->nids,
	    sizeof(*d->agent_keys))) == NULL) {
		d->oom = true;
		return;
	}
	for (i = 0; i < ag->nids; i++) {
		struct sl_doc_agent_key *k = &d->agent_keys[d->nagent_keys++];
		const struct sl_agent_id *a = &ag->ids[i];

		k->type = dup_or_null(d, a->parsed ? a->key.label : a->name);
		k->bits = a->parsed ? a->key.bits : 0;
		k->fingerprint = a->parsed ? dup_or_null(d,
		    sl_pubkey_fp_str(a->key.plain_fp, fp, sizeof(fp))) : NULL;
		k->comment = dup_or_null(d, a->comment);
		if (a->parsed && a->key.kind == SL_PUBKEY_RSA &&
		    a->key.bits < 2048)
			add(d, SL_RULE_KEY_SIZE, SL_SEV_WARNING, sock, 0, 0,
			    NULL, NULL, "the agent holds a %u-bit RSA key (%s): "
			    "weak%s", a->key.bits, a->comment, a->key.bits <
			    1024 ? "" : "; ssh 9.1+ skips it when below "
			    "RequiredRSASize ('pubkey_prepare: ignoring "
			    "ssh-rsa agent key: Invalid key length')");
	}
	if (ag->nids == 0)
		add(d, SL_RULE_AGENT_KEY_MISSING, SL_SEV_INFO, sock, 0, 0,
		    fmt("The agent has no identities."), NULL, "the agent holds "
		    "no keys (or it is locked with ssh-add -x: a locked agent "
		    "lists none)");
	/* confirmation: the agent's environment. The socket's peer is the
	 * process that created it, which ssh-agent leaves when it forks into
	 * the background: then SSH_AGENT_PID names the agent. */
	r = SL_EIO;
	if (ag->peer_pid > 0)
		r = sl_agent_read_environ(ag->peer_pid, &env, &len);
	if (r != 0 && r != SL_ENOMEM && o->getenv != NULL &&
	    o->getenv("SSH_AGENT_PID") != NULL &&
	    atol(o->getenv("SSH_AGENT_PID")) > 0)
		r = sl_agent_read_environ(atol(o->getenv("SSH_AGENT_PID")),
		    &env, &len);
	if (r == 0) {
		d->agent_confirm = sl_agent_confirm_from_env(env, len,
		    o->default_askpass ? o->default_askpass :
		    "/usr/bin/ssh-askpass", runnable, why, sizeof(why));
		sl_free(env);
		if (d->agent_confirm == SL_CONFIRM_IMPOSSIBLE && ag->nids > 0)
			add(d, SL_RULE_AGENT_CONFIRM, SL_SEV_INFO, sock, 0, 0,
			    fmt("sign_and_send_pubkey: signing failed for TYPE "
			    "\"FILE\" from agent: agent refused operation"),
			    NULL, "%s: a key added with 'ssh-add -c' would be "
			    "refused at every use (the protocol does not say "
			    "which keys carry that constraint)", why);
	} else if (r == SL_ENOMEM)
		d->oom = true;
}

/* ---- the client ---- */

struct client_run {
	struct sl_doctor *d;
	const struct sl_doctor_client_opts *o;
	const char *home;
	const char *local_user;
	const struct sl_agent *ag;
	bool agent_done;
	struct sl_agent agent;
	const struct sl_client *client;
};

static void
identities_of(struct client_run *cr, const char *host, const struct sl_eff *e)
{
	struct sl_doctor *d = cr->d;
	struct host_cfg hc;
	struct sl_doc_identity *id;
	const char *v, *why;
	char *path, *cpath;
	size_t i, n = sl_eff_nitems(e);

	memset(&hc, 0, sizeof(hc));
	hc.host = host;
	hc.version = cr->o->version;
	if ((v = eff_get(e, "requiredrsasize")) != NULL)
		hc.required_rsa = atol(v);
	hc.accepted = eff_get(e, "pubkeyacceptedalgorithms");
	if (hc.accepted == NULL)
		hc.accepted = eff_get(e, "pubkeyacceptedkeytypes");
	v = eff_get(e, "batchmode");
	hc.batch = v != NULL && strcmp(v, "yes") == 0;
	if (!cr->agent_done) {
		cr->agent_done = true;
		if (cr->o->check_agent) {
			check_agent(d, cr->o, eff_get(e, "identityagent"),
			    &cr->agent);
			cr->ag = &cr->agent;
		}
	}
	for (i = 0; i < n; i++) {
		const struct sl_eff_item *it = sl_eff_item(e, i);
		bool cert = strcmp(it->key, "certificatefile") == 0;

		if (!cert && strcmp(it->key, "identityfile") != 0)
			continue;
		path = sl_client_expand_path(cr->client, e, it->value,
		    cr->home, cr->o->getenv ? cr->o->getenv : no_env, &why);
		if (path == NULL) {
			if (why != NULL)
				add(d, SL_RULE_IDENTITY_MISSING, SL_SEV_WARNING,
				    NULL, 0, 0, NULL, NULL, "%s %s for host %s "
				    "cannot be expanded: %s", cert ?
				    "CertificateFile" : "IdentityFile",
				    it->value, host, why);
			else
				d->oom = true;
			continue;
		}
		if (find_id(d, path, cert) == NULL &&
		    (id = new_id(d, path, it->value,
		    it->origin.source_id != SL_ORIGIN_DEFAULT, cert)) != NULL) {
			if (cert)
				check_cert_file(d, id, &hc, cr->o);
			else
				check_identity(d, id, &hc, cr->o, cr->ag);
		}
		/* ssh also loads IDENTITY-cert.pub (silently when missing) */
		if (!cert && (cpath = fmt("%s-cert.pub", path)) != NULL) {
			struct stat st;

			if (stat(cpath, &st) == 0 &&
			    find_id(d, cpath, true) == NULL &&
			    (id = new_id(d, cpath, cpath, false, true)) !=
			    NULL)
				check_cert_file(d, id, &hc, cr->o);
			sl_free(cpath);
		}
		sl_free(path);
	}
}

static int
each_host(void *arg, const char *host, const struct sl_eff *e)
{
	identities_of(arg, host, e);
	return 0;
}


/* Findings of the configuration that make ssh/sshd refuse it. */
static void
config_errors(struct sl_doctor *d, struct sl_ctx *ctx)
{
	size_t i;
	uint32_t line, col;

	for (i = 0; i < sl_ctx_ndiags(ctx); i++) {
		const struct sl_diag *g = sl_ctx_diag(ctx, i);

		if (g->severity != SL_SEV_ERROR ||
		    g->rule == SL_RULE_INCLUDE_PERMISSIONS)
			continue;
		sl_ctx_source_pos(ctx, g->source_id, g->start, &line, &col);
		add(d, (enum sl_rule)g->rule, SL_SEV_ERROR,
		    sl_ctx_source_path(ctx, g->source_id), line, col, NULL,
		    NULL, "%s", g->message);
	}
}

int
sl_doctor_client(struct sl_doctor *d, const struct sl_doctor_client_opts *o,
    char *errbuf, size_t errlen)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct client_run cr;
	struct sl_ctx *ctx = NULL;
	struct sl_client *c = NULL;
	struct sl_eff *e = NULL;
	struct sl_client_query q;
	struct passwd *pw;
	const char *paths[2];
	char *userconf = NULL;
	size_t npaths = 0, i, k, nsrc;
	int r = 0;

	memset(&cr, 0, sizeof(cr));
	cr.d = d;
	cr.o = o;
	errbuf[0] = '\0';
	d->client_checked = true;
	d->client_version = o->version;
	if (o->host != NULL && (d->host = sl_strdup(o->host)) == NULL)
		return SL_ENOMEM;
	pw = getpwuid(o->uid);
	cr.home = o->home ? o->home : pw ? pw->pw_dir : "/";
	cr.local_user = o->local_user ? o->local_user : pw ? pw->pw_name : "";
	if (o->config != NULL)
		paths[npaths++] = o->config;
	else {
		if ((userconf = fmt("%s/.ssh/config", cr.home)) == NULL)
			return SL_ENOMEM;
		paths[npaths++] = userconf;
		paths[npaths++] = "/etc/ssh/ssh_config";
	}
	lo.dialect = SL_DIALECT_SSH;
	lo.openssh_min = lo.openssh_max = o->version;
	lo.home = o->home;
	lo.sysroot = o->sysroot;
	if ((ctx = sl_ctx_new()) == NULL ||
	    (e = sl_eff_new(SL_DIALECT_SSH, o->version)) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	if ((r = sl_client_open(ctx, &lo, paths, npaths, o->config == NULL,
	    o->version, &c)) != 0) {
		snprintf(errbuf, errlen, "%s", sl_ctx_errmsg(ctx)[0] ?
		    sl_ctx_errmsg(ctx) : sl_strerror(r));
		goto out;
	}
	cr.client = c;
	/* which files were read; their permissions */
	nsrc = sl_ctx_nsources(ctx);
	if (nsrc > 0 && (d->config_files = sl_calloc(nsrc,
	    sizeof(*d->config_files))) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	for (i = 0; i < nsrc; i++) {
		const char *p = sl_ctx_source_path(ctx, (uint32_t)i);
		bool top = false;

		d->config_files[d->nconfig_files++] = dup_or_null(d, p);
		for (k = 0; k < npaths; k++)
			if (strcmp(p, paths[k]) == 0)
				top = true;
		if (!top)
			check_config_perm(d, p, o->uid,
			    SL_RULE_INCLUDE_PERMISSIONS, "an Included file");
		else if (o->config == NULL && strcmp(p, userconf) == 0)
			check_config_perm(d, p, o->uid,
			    SL_RULE_CONFIG_PERMISSIONS, "~/.ssh/config");
	}
	config_errors(d, ctx);
	memset(&q, 0, sizeof(q));
	q.user = o->user;
	q.port = o->port;
	q.local_user = o->local_user;
	if (o->host != NULL) {
		q.host = o->host;
		if ((r = sl_client_eval(c, &q, e)) != 0)
			goto out;
		identities_of(&cr, o->host, e);
	} else {
		/* the defaults (and Host *) first, then every host */
		q.host = "sshlint-doctor.invalid";
		if ((r = sl_client_eval(c, &q, e)) != 0)
			goto out;
		identities_of(&cr, "*", e);
		if ((r = sl_client_eval_all(c, &q, each_host, &cr)) != 0)
			goto out;
	}
 out:
	sl_agent_release(&cr.agent);
	sl_eff_free(e);
	sl_client_free(c);
	sl_ctx_free(ctx);
	sl_free(userconf);
	if (d->oom && r == 0)
		r = SL_ENOMEM;
	return r;
}

/* ---- the server ---- */

struct walk_bad {
	char path[PATH_MAX];
	bool dir, debian_ok;
};

/*
 * misc.c safe_path() for a file already opened (`st` of the file): each
 * failure in order (up to `max`); returns their number, or -1 when
 * realpath() fails (err set).
 */
static int
safe_path_all(const char *name, const struct stat *st, uid_t uid,
    const char *home, struct walk_bad *bad, int max, char *err,
    size_t errlen)
{
	char buf[PATH_MAX], homedir[PATH_MAX], tmp[PATH_MAX], *cp;
	bool comparehome = false;
	struct stat s;
	int n = 0;

	if (realpath(name, buf) == NULL) {
		snprintf(err, errlen, "realpath %s failed: %s", name,
		    strerror(errno));
		return -1;
	}
	if (home != NULL && realpath(home, homedir) != NULL)
		comparehome = true;
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s is not a regular file", buf);
		return -1;
	}
	if ((st->st_uid != 0 && st->st_uid != uid) ||
	    (st->st_mode & 022) != 0) {
		if (n < max) {
			snprintf(bad[n].path, sizeof(bad[n].path), "%s", buf);
			bad[n].dir = false;
			bad[n].debian_ok = sl_debian_perm_problem(st, uid) ==
			    NULL;
		}
		n++;
	}
	for (;;) {
		snprintf(tmp, sizeof(tmp), "%s", buf);
		cp = dirname(tmp);
		snprintf(buf, sizeof(buf), "%s", cp);
		if (stat(buf, &s) == -1 || (s.st_uid != 0 && s.st_uid != uid) ||
		    (s.st_mode & 022) != 0) {
			if (n < max) {
				snprintf(bad[n].path, sizeof(bad[n].path), "%s",
				    buf);
				bad[n].dir = true;
				bad[n].debian_ok = stat(buf, &s) == 0 &&
				    sl_debian_perm_problem(&s, uid) == NULL;
			}
			n++;
		}
		if (comparehome && strcmp(homedir, buf) == 0)
			break;
		if (strcmp(buf, "/") == 0 || strcmp(buf, ".") == 0)
			break;
	}
	return n;
}

int
sl_doctor_safe_path(const char *file, uid_t uid, const char *home,
    char *err, size_t errlen, char *bad, size_t badlen, bool *debian_ok)
{
	struct walk_bad wb[1];
	struct stat st;
	int n;

	*debian_ok = false;
	if (bad != NULL && badlen > 0)
		bad[0] = '\0';
	if (stat(file, &st) != 0) {
		snprintf(err, errlen, "cannot stat file %s: %s", file,
		    strerror(errno));
		return -1;
	}
	if ((n = safe_path_all(file, &st, uid, home, wb, 1, err, errlen)) < 0)
		return -1;
	if (n == 0)
		return 0;
	snprintf(err, errlen, "bad ownership or modes for %s %s",
	    wb[0].dir ? "directory" : "file", wb[0].path);
	if (bad != NULL)
		snprintf(bad, badlen, "%s", wb[0].path);
	*debian_ok = wb[0].debian_ok;
	return -1;
}

char *
sl_doctor_expand_authkeys(const char *value, const char *home,
    const char *user, uid_t uid, bool *bad_token)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *s;

	*bad_token = false;
	for (s = value; *s; s++) {
		if (*s != '%') {
			sl_strbuf_addc(&sb, *s);
			continue;
		}
		switch (*++s) {
		case '%':
			sl_strbuf_addc(&sb, '%');
			break;
		case 'h':
			sl_strbuf_adds(&sb, home);
			break;
		case 'u':
			sl_strbuf_adds(&sb, user);
			break;
		case 'U':
			sl_strbuf_addf(&sb, "%lu", (unsigned long)uid);
			break;
		default:
			*bad_token = true;
			sl_strbuf_release(&sb);
			return NULL;
		}
	}
	if (sb.failed) {
		sl_strbuf_release(&sb);
		return NULL;
	}
	if (sb.buf == NULL || sb.buf[0] != '/') {
		char *rel = sl_strbuf_detach(&sb), *r;

		r = fmt("%s/%s", home, rel ? rel : "");
		sl_free(rel);
		return r;
	}
	return sl_strbuf_detach(&sb);
}

struct srv {
	int version;
	long required_rsa;
	const char *accepted, *casig;
	time_t now;
};

/* Can a plain key or cert-authority key of this line authenticate? */
static void
check_ak_accepted(struct sl_doctor *d, const struct srv *sv,
    const struct sl_ak_line *al, const char *path, uint32_t line,
    uint32_t col)
{
	const char *algs[4];
	size_t i, n = sl_pubkey_sig_algs(&al->key, algs, 4);
	bool ok = false, anycert = false;
	const char *p;

	if (al->opts.cert_authority) {
		/* the CA's signature must be allowed; any cert type at all */
		if (sv->casig != NULL) {
			for (i = 0; i < n; i++)
				if (in_list(sv->casig, algs[i]))
					ok = true;
		} else
			ok = true;
		for (p = sv->accepted; p != NULL && (p = strstr(p,
		    "-cert-v01@openssh.com")) != NULL; p++)
			anycert = true;
		if (sv->accepted == NULL)
			anycert = true;
		if (!ok)
			add(d, SL_RULE_AUTHKEYS_NOT_ACCEPTED, SL_SEV_WARNING,
			    path, line, col, fmt("userauth_pubkey: certificate "
			    "signature algorithm %s: signature algorithm not "
			    "supported", algs[n > 0 ? n - 1 : 0]), NULL,
			    "cert-authority key of type %s: no signature "
			    "algorithm of it is in the server's "
			    "CASignatureAlgorithms", al->key.name);
		if (!anycert)
			add(d, SL_RULE_AUTHKEYS_NOT_ACCEPTED, SL_SEV_WARNING,
			    path, line, col, NULL, NULL, "cert-authority line, "
			    "but the server's PubkeyAcceptedAlgorithms has no "
			    "certificate algorithm");
		return;
	}
	if (sv->accepted == NULL)
		return;
	for (i = 0; i < n; i++)
		if (in_list(sv->accepted, algs[i]))
			ok = true;
	if (ok)
		return;
	add(d, SL_RULE_AUTHKEYS_NOT_ACCEPTED, SL_SEV_WARNING, path, line, col,
	    sv->version >= SL_VERSION(9, 0) ? fmt("userauth_pubkey: signature "
	    "algorithm %s not in PubkeyAcceptedAlgorithms", algs[0]) :
	    sv->version >= SL_VERSION(8, 5) ? fmt("userauth_pubkey: key type "
	    "%s not in PubkeyAcceptedAlgorithms", al->key.name) :
	    fmt("userauth_pubkey: key type %s not in PubkeyAcceptedKeyTypes",
	    al->key.name), fmt("PubkeyAcceptedAlgorithms +%s (in a Match "
	    "block for the user)", algs[0]),
	    "%s key: none of its signature algorithms is in the server's "
	    "PubkeyAcceptedAlgorithms, so sshd refuses it", al->key.label);
}

struct seen_key {
	unsigned char fp[SL_SHA256_LEN];
	bool ca;
	uint32_t line;
};

static void
lint_authkeys(struct sl_doctor *d, const struct srv *sv, const char *path,
    const char *data, size_t len, struct sl_doc_authfile *af)
{
	struct seen_key *seen = NULL;
	size_t nseen = 0, capseen = 0, i, off = 0, n;
	struct sl_ak_line al;
	uint32_t line = 0, col;
	const char *nl;
	char ts[64];

	while (off < len) {
		nl = memchr(data + off, '\n', len - off);
		n = nl ? (size_t)(nl - data - off) : len - off;
		line++;
		switch (sl_ak_parse_line(data + off, n, sv->version, &al)) {
		case SL_AKL_BLANK:
			break;
		case SL_AKL_NO_KEY:
			add(d, SL_RULE_AUTHKEYS_BAD_KEY, SL_SEV_ERROR, path,
			    line, (uint32_t)al.err_off + 1, NULL, NULL,
			    "sshd finds no key it can read on this line (%s); "
			    "it skips the line", al.why);
			break;
		case SL_AKL_BAD_OPTIONS:
			col = (uint32_t)al.err_off + 1;
			add(d, SL_RULE_AUTHKEYS_OPTIONS, SL_SEV_ERROR, path,
			    line, col, sv->version >= SL_VERSION(7, 7) ?
			    fmt("%s:%u: bad key options: %s", path, line,
			    al.why) : fmt("Bad options in %s file, line %u: "
			    "%.50s", path, line, data + off + al.err_off),
			    NULL, "bad key options (%s): sshd ignores this "
			    "line, so the %s key never authenticates", al.why,
			    al.key.label);
			break;
		case SL_AKL_KEY:
			col = (uint32_t)al.pos.type_off + 1;
			af->nkeys++;
			check_key_type(d, &al.key, sv->version,
			    sv->required_rsa, true, path, line, col);
			if (al.key.kind != SL_PUBKEY_DSA)
				check_ak_accepted(d, sv, &al, path, line, col);
			if (al.opts.has_expiry && al.opts.expiry < sv->now) {
				time_t t = (time_t)al.opts.expiry;
				struct tm tm;

				strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S",
				    localtime_r(&t, &tm));
				add(d, SL_RULE_AUTHKEYS_OPTIONS, SL_SEV_WARNING,
				    path, line, (uint32_t)al.opts_off + 1,
				    fmt("%s:%u: entry expired at %s", path,
				    line, ts), NULL, "expiry-time has passed: "
				    "sshd refuses this key");
			}
			for (i = 0; i < nseen; i++)
				if (seen[i].ca == al.opts.cert_authority &&
				    memcmp(seen[i].fp, al.key.fp,
				    SL_SHA256_LEN) == 0)
					break;
			if (i < nseen)
				add(d, SL_RULE_AUTHKEYS_DUPLICATE,
				    SL_SEV_WARNING, path, line, col, NULL, NULL,
				    "the same key as line %u: sshd stops at "
				    "line %u, so this line (and its options) "
				    "never applies", seen[i].line,
				    seen[i].line);
			else if (sl_grow(&seen, &capseen, nseen,
			    sizeof(*seen), 16) == 0) {
				memcpy(seen[nseen].fp, al.key.fp,
				    SL_SHA256_LEN);
				seen[nseen].ca = al.opts.cert_authority;
				seen[nseen++].line = line;
			} else
				d->oom = true;
			break;
		}
		off += n + (nl ? 1 : 0);
	}
	sl_free(seen);
}

static void
check_authfile(struct sl_doctor *d, const struct sl_doctor_server_opts *o,
    const struct srv *sv, bool strict, const char *path,
    const char *what)
{
	struct sl_doc_authfile *af;
	struct walk_bad bad[16];
	struct stat st;
	struct sl_strbuf more = SL_STRBUF_INIT;
	char *data = NULL, err[PATH_MAX + 64];
	size_t len;
	int e, n, k;
	bool deb_all = true;

	if (sl_grow(&d->authfiles, &d->capauthfiles, d->nauthfiles,
	    sizeof(*d->authfiles), 4) != 0) {
		d->oom = true;
		return;
	}
	af = &d->authfiles[d->nauthfiles++];
	memset(af, 0, sizeof(*af));
	if ((af->path = sl_strdup(path)) == NULL) {
		d->oom = true;
		d->nauthfiles--;
		return;
	}
	e = read_file(path, MAX_AUTHKEYS, &data, &len, &st);
	if (e == ENOENT || e == ENOTDIR)
		return;
	af->exists = true;
	if (e == EINVAL) {
		add(d, SL_RULE_STRICT_MODES_PATH, SL_SEV_ERROR, path, 0, 0,
		    fmt("User '%s' %s '%s' is not a regular file", o->user,
		    what, path), NULL, "not a regular file: sshd ignores it");
		return;
	}
	if (e != 0) {
		add(d, SL_RULE_STRICT_MODES_PATH, SL_SEV_ERROR, path, 0, 0,
		    fmt("Could not open user '%s' %s '%s': %s", o->user, what,
		    path, strerror(e)), NULL, "cannot be read: %s",
		    strerror(e));
		return;
	}
	if (strict) {
		n = safe_path_all(path, &st, o->uid, o->home, bad, 16, err,
		    sizeof(err));
		if (n < 0) {
			af->refused = fmt("Authentication refused: %s", err);
			add(d, SL_RULE_STRICT_MODES_PATH, SL_SEV_ERROR, path, 0,
			    0, fmt("Authentication refused: %s", err), NULL,
			    "sshd refuses the file: %s", err);
		} else if (n > 0) {
			for (k = 0; k < n && k < 16; k++) {
				if (!bad[k].debian_ok)
					deb_all = false;
				if (k > 0)
					sl_strbuf_addf(&more, "%s%s", k > 1 ?
					    ", " : "", bad[k].path);
			}
			snprintf(err, sizeof(err), "bad ownership or modes for "
			    "%s %s", bad[0].dir ? "directory" : "file",
			    bad[0].path);
			af->refused = fmt("Authentication refused: %s", err);
			add(d, SL_RULE_STRICT_MODES_PATH, deb_all ?
			    SL_SEV_WARNING : SL_SEV_ERROR, path, 0, 0,
			    fmt("Authentication refused: %s", err),
			    fmt("chmod go-w %s%s%s (and chown to %s%s where "
			    "another user owns it)", bad[0].path,
			    more.len ? " " : "", more.len ? more.buf : "",
			    o->user, o->uid == 0 ? "" : " or root"), "StrictModes: %s %s is %s%s%s; sshd "
			    "ignores %s%s", bad[0].dir ? "directory" : "file",
			    bad[0].path, "owned by another user or writable by "
			    "group or others", more.len ? "; so are: " : "",
			    more.len ? more.buf : "", path, deb_all ?
			    " (upstream, BSD and Fedora sshd; Debian and Ubuntu "
			    "accept group write when the group has no member "
			    "but the owner)" : "");
		}
		sl_strbuf_release(&more);
	}
	lint_authkeys(d, sv, path, data, len, af);
	sl_free(data);
}

int
sl_doctor_server(struct sl_doctor *d, const struct sl_doctor_server_opts *o,
    char *errbuf, size_t errlen)
{
	struct sl_lint_options lo = SL_LINT_OPTIONS_INIT;
	struct sl_ctx *ctx = NULL;
	struct sl_eff *e = NULL;
	struct sl_conn_spec spec = o->spec;
	struct srv sv;
	const char *v, *files, *akc;
	char *copy = NULL, *p, *tok, *path;
	bool bad_tok, any = false;
	size_t i;
	int r;

	errbuf[0] = '\0';
	d->server_checked = true;
	d->server_version = o->version;
	d->server_config = dup_or_null(d, o->config);
	d->server_user = dup_or_null(d, o->user);
	d->server_home = dup_or_null(d, o->home);
	spec.user = o->user;
	lo.dialect = SL_DIALECT_SSHD;
	lo.openssh_min = lo.openssh_max = o->version;
	lo.sysroot = o->sysroot;
	if ((ctx = sl_ctx_new()) == NULL ||
	    (e = sl_eff_new(SL_DIALECT_SSHD, o->version)) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	if ((r = sl_eval_server(ctx, &lo, o->config, o->version, &spec, NULL,
	    0, e)) != 0) {
		snprintf(errbuf, errlen, "%s", sl_ctx_errmsg(ctx)[0] ?
		    sl_ctx_errmsg(ctx) : sl_strerror(r));
		goto out;
	}
	config_errors(d, ctx);
	memset(&sv, 0, sizeof(sv));
	sv.version = o->version;
	sv.now = o->now;
	if ((v = eff_get(e, "requiredrsasize")) != NULL)
		sv.required_rsa = atol(v);
	sv.accepted = eff_get(e, "pubkeyacceptedalgorithms");
	if (sv.accepted == NULL)
		sv.accepted = eff_get(e, "pubkeyacceptedkeytypes");
	sv.casig = eff_get(e, "casignaturealgorithms");
	v = eff_get(e, "strictmodes");
	d->strict_modes = v == NULL || strcmp(v, "yes") == 0;
	v = eff_get(e, "pubkeyauthentication");
	if (v != NULL && strcmp(v, "no") == 0)
		add(d, SL_RULE_AUTHKEYS_MISSING, SL_SEV_WARNING, o->config, 0, 0,
		    NULL, NULL, "PubkeyAuthentication is no for user %s: "
		    "keys are never tried", o->user);
	files = eff_get(e, "authorizedkeysfile");
	akc = eff_get(e, "authorizedkeyscommand");
	if (files != NULL && strcmp(files, "none") != 0) {
		if ((copy = sl_strdup(files)) == NULL) {
			r = SL_ENOMEM;
			goto out;
		}
		for (p = copy; (tok = strsep(&p, " \t")) != NULL;) {
			if (*tok == '\0')
				continue;
			path = sl_doctor_expand_authkeys(tok, o->home, o->user,
			    o->uid, &bad_tok);
			if (path == NULL) {
				if (bad_tok)
					add(d, SL_RULE_STRICT_MODES_PATH,
					    SL_SEV_ERROR, o->config, 0, 0,
					    fmt("percent_expand: unknown key "
					    "%%%c", strchr(tok, '%')[1]), NULL,
					    "AuthorizedKeysFile %s has an "
					    "unknown %% token: sshd fails", tok);
				else
					d->oom = true;
				continue;
			}
			check_authfile(d, o, &sv, d->strict_modes, path,
			    "authorized keys");
			sl_free(path);
		}
	}
	for (i = 0; i < d->nauthfiles; i++)
		if (d->authfiles[i].exists)
			any = true;
	if (!any && (akc == NULL || strcmp(akc, "none") == 0))
		add(d, SL_RULE_AUTHKEYS_MISSING, SL_SEV_WARNING, NULL, 0, 0,
		    NULL, NULL, "no AuthorizedKeysFile of user %s exists%s: "
		    "public-key authentication cannot succeed", o->user,
		    files != NULL && strcmp(files, "none") == 0 ?
		    " (AuthorizedKeysFile none)" : "");
	v = eff_get(e, "authorizedprincipalsfile");
	if (v != NULL && strcmp(v, "none") != 0 && (path =
	    sl_doctor_expand_authkeys(v, o->home, o->user, o->uid,
	    &bad_tok)) != NULL) {
		struct stat st;

		if (d->strict_modes && stat(path, &st) == 0) {
			struct walk_bad bad[1];
			char err[PATH_MAX + 64];
			int n = safe_path_all(path, &st, o->uid, o->home, bad,
			    1, err, sizeof(err));

			if (n > 0)
				add(d, SL_RULE_STRICT_MODES_PATH,
				    bad[0].debian_ok ? SL_SEV_WARNING :
				    SL_SEV_ERROR, path, 0, 0, fmt(
				    "Authentication refused: bad ownership or "
				    "modes for %s %s", bad[0].dir ? "directory" :
				    "file", bad[0].path), NULL,
				    "StrictModes refuses the "
				    "AuthorizedPrincipalsFile");
		}
		sl_free(path);
	}
 out:
	sl_free(copy);
	sl_eff_free(e);
	sl_ctx_free(ctx);
	if (d->oom && r == 0)
		r = SL_ENOMEM;
	return r;
}
