/*
 * The connection walk: what OpenSSH's client and server of the given
 * releases do, step by step, with the exact lines they print (reference:
 * negotiation.md, sections 1-4 and 7), and the planner of the smallest
 * fixes. Works on plain lists; lint/negotiate_run.c fills them from the
 * configuration files.
 */
#include "lint/negotiate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/algos.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"

#define V(a, b) SL_VERSION(a, b)

/* ---- small helpers ---- */

static const char *
aprintf(struct sl_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
aprintf(struct sl_arena *a, const char *fmt, ...)
{
	va_list ap;
	char small[512], *big, *r;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	if ((size_t)n < sizeof(small))
		return sl_arena_strndup(a, small, (size_t)n);
	if ((big = sl_malloc((size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r = sl_arena_strndup(a, big, (size_t)n);
	sl_free(big);
	return r;
}

/* Is `name` an element of the comma list? */
static bool
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *e;

	if (list == NULL)
		return false;
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, name, n) == 0)
			return true;
		p = *e ? e + 1 : e;
	}
	return false;
}

/* match.c match_list(): the first name of `client` also in `server`, as
 * a span of `client`. */
static bool
match_span(const char *client, const char *server, const char **m,
    size_t *mlen)
{
	const char *p = client, *e;
	char name[256];
	size_t n;

	if (client == NULL || server == NULL)
		return false;
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (in_list(server, name)) {
				*m = p;
				*mlen = n;
				return true;
			}
		}
		p = *e ? e + 1 : e;
	}
	return false;
}

int
sl_nego_match_list(struct sl_arena *a, const char *client,
    const char *server, const char **out)
{
	const char *m;
	size_t n;

	*out = NULL;
	if (!match_span(client, server, &m, &n))
		return 0;
	if ((*out = sl_arena_strndup(a, m, n)) == NULL)
		return SL_ENOMEM;
	return 0;
}

/* Call fn for each element; stops when it returns nonzero. */
static int
each(const char *list, int (*fn)(void *, const char *), void *arg)
{
	const char *p = list, *e;
	char name[256];
	size_t n;
	int r;

	if (list == NULL)
		return 0;
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if ((r = fn(arg, name)) != 0)
				return r;
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* Append a message; the array lives in the arena (walks are many and
 * short-lived: the planner runs dozens). */
int
sl_nego_msg(struct sl_arena *a, struct sl_nmsgs *m, enum sl_nwho who,
    enum sl_nlevel level, const char *text)
{
	struct sl_nmsg *v;

	if (text == NULL)
		return SL_ENOMEM;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;

		if ((v = sl_arena_alloc(a, cap * sizeof(*v))) == NULL)
			return SL_ENOMEM;
		if (m->n > 0)
			memcpy(v, m->v, m->n * sizeof(*v));
		m->v = v;
		m->cap = cap;
	}
	m->v[m->n].who = who;
	m->v[m->n].level = level;
	m->v[m->n].text = text;
	m->n++;
	return 0;
}

#define msg sl_nego_msg

/* ---- the legacy peer (OpenSSH before 7.2), modelled as 7.1 ---- */

static const char legacy_kex[] = "curve25519-sha256@libssh.org,"
    "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
    "diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha1";
static const char legacy_ciphers[] = "chacha20-poly1305@openssh.com,"
    "aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,"
    "aes256-gcm@openssh.com";
static const char legacy_macs[] = "umac-64-etm@openssh.com,"
    "umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
    "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,"
    "umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,"
    "hmac-sha2-512,hmac-sha1";
static const char legacy_pk[] = "ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp384-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp521-cert-v01@openssh.com,"
    "ssh-ed25519-cert-v01@openssh.com,ssh-rsa-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
    "ssh-ed25519,ssh-rsa";
static const char legacy_key_all[] = "ssh-ed25519,ssh-rsa,ssh-dss,"
    "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
    "ssh-rsa-cert-v01@openssh.com,ssh-dss-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp256-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp384-cert-v01@openssh.com,"
    "ecdsa-sha2-nistp521-cert-v01@openssh.com,"
    "ssh-ed25519-cert-v01@openssh.com";
static const char legacy_kex_all[] = "curve25519-sha256@libssh.org,"
    "ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
    "diffie-hellman-group-exchange-sha256,"
    "diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha1,"
    "diffie-hellman-group1-sha1";
static const char legacy_cipher_all[] = "3des-cbc,aes128-cbc,aes192-cbc,"
    "aes256-cbc,rijndael-cbc@lysator.liu.se,aes128-ctr,aes192-ctr,"
    "aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,"
    "chacha20-poly1305@openssh.com,blowfish-cbc,cast128-cbc,arcfour,"
    "arcfour128,arcfour256";
static const char legacy_mac_all[] = "hmac-sha1,hmac-sha1-96,"
    "hmac-sha2-256,hmac-sha2-512,hmac-md5,hmac-md5-96,hmac-ripemd160,"
    "hmac-ripemd160@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
    "hmac-sha1-etm@openssh.com,hmac-sha1-96-etm@openssh.com,"
    "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
    "hmac-md5-etm@openssh.com,hmac-md5-96-etm@openssh.com,"
    "hmac-ripemd160-etm@openssh.com,umac-64-etm@openssh.com,"
    "umac-128-etm@openssh.com";

static bool
legacy(const struct sl_nego_side *sd)
{
	return sd->version < V(7, 2);
}

const char *
sl_nego_legacy_list(enum sl_nopt o)
{
	switch (o) {
	case SL_NO_KEX:
		return legacy_kex;
	case SL_NO_CIPHERS:
		return legacy_ciphers;
	case SL_NO_MACS:
		return legacy_macs;
	case SL_NO_HOSTKEYALGS:
	case SL_NO_PUBKEY:
		return legacy_pk;
	default:
		return NULL;
	}
}

/* Does this side's release implement `name` of `kind`? */
static bool
supports(const struct sl_nego_side *sd, enum sl_algo_kind kind,
    const char *name)
{
	if (legacy(sd)) {
		switch (kind) {
		case SL_AK_KEX:
			return in_list(legacy_kex_all, name);
		case SL_AK_CIPHER:
			return in_list(legacy_cipher_all, name);
		case SL_AK_MAC:
			return in_list(legacy_mac_all, name);
		case SL_AK_KEY:
		case SL_AK_KEY_SIG:
		case SL_AK_SIG:
			return in_list(legacy_key_all, name);
		default:
			return false;
		}
	}
	return sl_algo_is_supported(sd->version, kind, name, sd->debian);
}

static enum sl_algo_kind
nopt_kind(enum sl_nopt o)
{
	switch (o) {
	case SL_NO_KEX:
		return SL_AK_KEX;
	case SL_NO_CIPHERS:
		return SL_AK_CIPHER;
	case SL_NO_MACS:
		return SL_AK_MAC;
	case SL_NO_CASIG:
		return SL_AK_SIG;
	default:
		return SL_AK_KEY_SIG;
	}
}

static enum sl_algo_opt
nopt_ao(enum sl_nopt o)
{
	switch (o) {
	case SL_NO_KEX:
		return SL_AO_KEX;
	case SL_NO_CIPHERS:
		return SL_AO_CIPHERS;
	case SL_NO_MACS:
		return SL_AO_MACS;
	case SL_NO_HOSTKEYALGS:
		return SL_AO_HOSTKEY;
	case SL_NO_CASIG:
		return SL_AO_CASIG;
	default:
		return SL_AO_PUBKEY;
	}
}

int
sl_nego_assemble(struct sl_arena *a, const struct sl_nego_side *sd,
    bool server, enum sl_nopt opt, const char *spec, const char **out)
{
	char *l = NULL;
	int r;

	*out = NULL;
	if (opt == SL_NO_RSASIZE || opt == SL_NO_IDENTITIESONLY ||
	    opt == SL_NO_IDENTITYFILE) {
		*out = spec;
		return 0;
	}
	if (legacy(sd))
		return SL_EINVAL;
	if ((r = sl_algo_assemble(sd->version, server, nopt_ao(opt), spec,
	    sd->debian, &l)) != 0)
		return r == SL_ENOMEM ? SL_ENOMEM : SL_EINVAL;
	*out = sl_arena_strndup(a, l, strlen(l));
	sl_free(l);
	return *out == NULL ? SL_ENOMEM : 0;
}

static bool
is_aead(const char *c)
{
	return c != NULL && (strcmp(c, "chacha20-poly1305@openssh.com") ==
	    0 || strcmp(c, "aes128-gcm@openssh.com") == 0 ||
	    strcmp(c, "aes256-gcm@openssh.com") == 0);
}

static bool
is_pq_kex(const char *k)
{
	return k != NULL && (strncmp(k, "sntrup", 6) == 0 ||
	    strncmp(k, "mlkem", 5) == 0);
}

/* ---- the walk ---- */

static const char *const rsa_plain[] = { "rsa-sha2-512", "rsa-sha2-256",
    "ssh-rsa" };
static const char *const rsa_cert[] = { "rsa-sha2-512-cert-v01@openssh.com",
    "rsa-sha2-256-cert-v01@openssh.com", "ssh-rsa-cert-v01@openssh.com" };

struct walk {
	struct sl_arena *a;
	const struct sl_nego_side *c, *s;
	const struct sl_nego_ident *ids;
	size_t nids;
	struct sl_nresult *out;
	const char *ssa;	/* server-sig-algs as the client knows them */
	int failures;		/* failed attempts counted by sshd */
	bool oom;		/* an allocation failed: the walk is void */
};

/* match_list() into the arena; NULL: no match (or w->oom). */
static const char *
choose(struct walk *w, const char *client, const char *server)
{
	const char *r;

	if (sl_nego_match_list(w->a, client, server, &r) != 0)
		w->oom = true;
	return r;
}

#define ST(w, id) (&(w)->out->stage[(id)])
#define CHECK(x) do { if ((x) != 0) return SL_ENOMEM; } while (0)

static int
stage_fail(struct walk *w, enum sl_nego_stage_id id, enum sl_nreason r)
{
	enum sl_nego_stage_id i;

	ST(w, id)->status = SL_NEGO_FAIL;
	ST(w, id)->reason = r;
	w->out->ok = false;
	w->out->failed = id;
	w->out->reason = r;
	for (i = id + 1; i < SL_NEGO_STAGE__COUNT; i++)
		ST(w, i)->status = SL_NEGO_NOT_REACHED;
	return 0;
}

/* "Unable to negotiate" on both sides, each with the other's offer. */
static int
unable(struct walk *w, enum sl_nego_stage_id id, const char *what,
    const char *coffer, const char *soffer)
{
	struct sl_nstage *st = ST(w, id);

	CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_FATAL, aprintf(w->a,
	    "Unable to negotiate with %s: %s. Their offer: %s", w->c->peer,
	    what, soffer)));
	if (!legacy(w->s))
		CHECK(msg(w->a, &st->msgs, SL_NW_SERVER, w->s->version <
		    V(7, 5) ? SL_NL_INFO : SL_NL_ERROR, aprintf(w->a,
		    "Unable to negotiate with %s: %s. Their offer: %s "
		    "[preauth]", w->s->peer, what, coffer)));
	return 0;
}

/* "x,y" in the arena (either may be empty; the result is always a copy,
 * callers pass stack buffers). NULL when out of memory. */
static const char *
cat(struct sl_arena *a, const char *x, const char *y)
{
	if (x == NULL || *x == '\0')
		return aprintf(a, "%s", y != NULL ? y : "");
	if (y == NULL || *y == '\0')
		return x;
	return aprintf(a, "%s,%s", x, y);
}

static int
walk_kex(struct walk *w)
{
	struct sl_nstage *st = ST(w, SL_NEGO_KEX);
	const char *cl = w->c->list[SL_NO_KEX], *sl = w->s->list[SL_NO_KEX];

	if (!legacy(w->c))
		cl = cat(w->a, cl, "ext-info-c");
	if (w->c->version >= V(9, 6) || (w->c->debian &&
	    w->c->version == V(9, 2)))
		cl = cat(w->a, cl, "kex-strict-c-v00@openssh.com");
	if (w->s->version >= V(9, 6))
		sl = cat(w->a, sl, "ext-info-s,kex-strict-s-v00@openssh.com");
	else if (w->s->debian && w->s->version == V(9, 2))
		sl = cat(w->a, sl, "kex-strict-s-v00@openssh.com");
	if (cl == NULL || sl == NULL)
		return SL_ENOMEM;
	st->client = cl;
	st->server = sl;
	st->chosen = choose(w, cl, sl);
	/* the markers are never chosen: each side sends its own */
	if (st->chosen == NULL) {
		CHECK(unable(w, SL_NEGO_KEX,
		    "no matching key exchange method found", cl, sl));
		return stage_fail(w, SL_NEGO_KEX, SL_NR_NO_KEX);
	}
	w->out->strict_kex = in_list(cl, "kex-strict-c-v00@openssh.com") &&
	    in_list(sl, "kex-strict-s-v00@openssh.com");
	st->status = SL_NEGO_OK;
	CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
	    aprintf(w->a, "kex: algorithm: %s", st->chosen)));
	if (w->c->version >= V(10, 1) && !w->c->kex_set &&
	    !is_pq_kex(st->chosen)) {
		st->status = SL_NEGO_WARN;
		st->reason = SL_NR_NONPQ;
		CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_INFO,
		    aprintf(w->a, "** WARNING: connection is not using a "
		    "post-quantum key exchange algorithm.")));
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "(two more '**' lines follow; not fatal)")));
	}
	return 0;
}

/* What the server offers: names, and the host key behind each. */
struct hkoffer {
	const char *names[64];
	int owner[64];
	size_t n;
};

static void
hk_add(struct hkoffer *h, const char *name, const char *filter, int owner)
{
	if (filter != NULL && !in_list(filter, name))
		return;
	if (h->n < sizeof(h->names) / sizeof(h->names[0])) {
		h->names[h->n] = name;
		h->owner[h->n] = owner;
		h->n++;
	}
}

/* sshd list_hostkey_types(): what each loaded key can sign, filtered by
 * HostKeyAlgorithms; plain keys first, then certificates. */
static const char *
hostkey_offer(struct walk *w, struct hkoffer *h)
{
	const struct sl_nego_side *s = w->s;
	const char *L = s->list[SL_NO_HOSTKEYALGS], *r = "";
	size_t i, pass;

	h->n = 0;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < s->nhostkeys; i++) {
			const struct sl_key *k = &s->hostkeys[i];
			int o = (int)i;

			if (k->cert != (pass == 1) || k->kt == SL_KT_UNKNOWN)
				continue;
			if (!supports(s, SL_AK_KEY, sl_key_ssh_name(k)))
				continue;	/* sshd cannot load it */
			/* nor an RSA key under its RequiredRSASize (9.1+:
			 * "Host key F: Invalid key length") */
			if (k->kt == SL_KT_RSA && (k->small ||
			    (s->version >= V(9, 1) && k->bits > 0 &&
			    s->list[SL_NO_RSASIZE] != NULL &&
			    k->bits < (unsigned)atoi(s->list[SL_NO_RSASIZE]))))
				continue;
			if (legacy(s))
				hk_add(h, sl_key_ssh_name(k), L, o);
			else if (k->kt == SL_KT_RSA && s->version >= V(7, 8)) {
				const char *const *al = k->cert ? rsa_cert :
				    rsa_plain;

				hk_add(h, al[0], L, o);
				hk_add(h, al[1], L, o);
				hk_add(h, al[2], L, o);
			} else if (k->kt == SL_KT_RSA && !k->cert) {
				/* 7.4-7.7: offered when ssh-rsa matches */
				if (in_list(L, "ssh-rsa")) {
					hk_add(h, "ssh-rsa", NULL, o);
					hk_add(h, "rsa-sha2-512", NULL, o);
					hk_add(h, "rsa-sha2-256", NULL, o);
				}
			} else
				hk_add(h, sl_key_ssh_name(k), L, o);
		}
	}
	for (i = 0; i < h->n && r != NULL; i++)
		r = cat(w->a, r, h->names[i]);
	return r;
}

/* Key type of an algorithm counts as known in known_hosts? */
static bool
alg_known(const struct sl_nego_side *c, const char *alg, bool strict_curve)
{
	bool cert;
	unsigned curve;
	enum sl_kt kt = sl_key_alg_type(alg, &cert, &curve);
	const char *p = c->known_types, *e;
	char name[128];
	size_t n;

	/* 8.4+: every certificate algorithm when a @cert-authority line
	 * matches; else (all releases) by the plain key type, so that with an
	 * RSA key known 9.2 prefers rsa-sha2-512-cert-v01@openssh.com,
	 * rsa-sha2-256-cert-v01@openssh.com,rsa-sha2-512,rsa-sha2-256
	 * (verified) */
	if (cert && c->version >= V(8, 4) && c->known_ca)
		return true;
	while (p != NULL && *p) {
		bool kc;
		unsigned kcurve;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (sl_key_alg_type(name, &kc, &kcurve) == kt &&
			    (!strict_curve || kcurve == curve))
				return true;
		}
		p = *e ? e + 1 : e;
	}
	return false;
}

/* sshconnect2.c order_hostkeyalgs(). */
static const char *
order_hostkeyalgs(struct walk *w, const char *list)
{
	const struct sl_nego_side *c = w->c;
	const char *spec = c->spec[SL_NO_HOSTKEYALGS];
	const char *first = "", *rest = "", *p, *e;
	bool strict = c->version >= V(8, 5);
	char name[128];
	size_t n;

	if (spec != NULL && (c->version < V(8, 2) || (spec[0] != '+' &&
	    spec[0] != '-')))
		return list;
	if ((c->known_types == NULL || *c->known_types == '\0') &&
	    !c->known_ca)
		return list;
	p = list;
	if (c->version >= V(8, 4)) {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (alg_known(c, name, strict))
				return list;	/* "verbatim" */
		}
	}
	while (*p) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n > 0 && n < sizeof(name)) {
			memcpy(name, p, n);
			name[n] = '\0';
			if (alg_known(c, name, c->version >= V(8, 4) && strict))
				first = cat(w->a, first, name);
			else
				rest = cat(w->a, rest, name);
			if (first == NULL || rest == NULL)
				return NULL;
		}
		p = *e ? e + 1 : e;
	}
	return cat(w->a, first, rest);
}

static int
walk_hostkey(struct walk *w)
{
	struct sl_nstage *st = ST(w, SL_NEGO_HOSTKEY);
	const char *cl, *sl, *ca;
	struct hkoffer h;
	const struct sl_key *k = NULL;
	size_t i;

	cl = order_hostkeyalgs(w, w->c->list[SL_NO_HOSTKEYALGS]);
	sl = hostkey_offer(w, &h);
	if (cl == NULL || sl == NULL)
		return SL_ENOMEM;
	st->client = cl;
	st->server = sl;
	st->chosen = choose(w, cl, sl);
	if (st->chosen == NULL) {
		if (w->s->nhostkeys == 0)
			CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
			    aprintf(w->a, "no host key of the server is "
			    "known (give --server-hostkey KEY.pub)")));
		CHECK(unable(w, SL_NEGO_HOSTKEY,
		    "no matching host key type found", cl, sl));
		return stage_fail(w, SL_NEGO_HOSTKEY, SL_NR_NO_HOSTKEY);
	}
	for (i = 0; i < h.n; i++)
		if (strcmp(h.names[i], st->chosen) == 0) {
			k = &w->s->hostkeys[h.owner[i]];
			break;
		}
	st->status = SL_NEGO_OK;
	CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_DEBUG1, aprintf(w->a,
	    "kex: host key algorithm: %s", st->chosen)));
	if (k == NULL)
		return 0;
	if (k->kt == SL_KT_RSA && w->c->version >= V(9, 1) && k->bits > 0 &&
	    w->c->list[SL_NO_RSASIZE] != NULL &&
	    k->bits < (unsigned)atoi(w->c->list[SL_NO_RSASIZE])) {
		CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_FATAL,
		    aprintf(w->a, "Bad server host key: Invalid key length")));
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "the server's RSA host key has %u bits, "
		    "RequiredRSASize is %s", k->bits,
		    w->c->list[SL_NO_RSASIZE])));
		return stage_fail(w, SL_NEGO_HOSTKEY, SL_NR_HOSTKEY_SIZE);
	}
	if (k->cert) {
		ca = w->c->list[SL_NO_CASIG];
		if (!w->c->known_ca)
			CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
			    aprintf(w->a, "No matching CA found. Retry with "
			    "plain key")));
		else if (w->c->version >= V(7, 9) && ca != NULL &&
		    k->cert_sigalg != NULL && !in_list(ca, k->cert_sigalg)) {
			st->status = SL_NEGO_WARN;
			st->reason = SL_NR_HOSTCERT_CA;
			CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_ERROR,
			    aprintf(w->a, "Certificate signed with "
			    "disallowed algorithm")));
			CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
			    aprintf(w->a, "the host certificate's CA signed "
			    "with %s, not in CASignatureAlgorithms; ssh falls "
			    "back to the plain host key (known_hosts must "
			    "hold it)", k->cert_sigalg)));
		}
	}
	return 0;
}

static int
walk_cipher_mac(struct walk *w)
{
	struct sl_nstage *cs = ST(w, SL_NEGO_CIPHER), *ms = ST(w, SL_NEGO_MAC);
	struct sl_nstage *zs = ST(w, SL_NEGO_COMPRESSION);
	bool v99 = w->c->version >= V(9, 9);

	cs->client = w->c->list[SL_NO_CIPHERS];
	cs->server = w->s->list[SL_NO_CIPHERS];
	cs->chosen = choose(w, cs->client, cs->server);
	if (cs->chosen == NULL) {
		CHECK(unable(w, SL_NEGO_CIPHER, "no matching cipher found",
		    cs->client, cs->server));
		return stage_fail(w, SL_NEGO_CIPHER, SL_NR_NO_CIPHER);
	}
	cs->status = SL_NEGO_OK;
	ms->client = w->c->list[SL_NO_MACS];
	ms->server = w->s->list[SL_NO_MACS];
	if (is_aead(cs->chosen)) {
		ms->status = SL_NEGO_SKIPPED;
		ms->chosen = "<implicit>";
	} else {
		ms->chosen = choose(w, ms->client, ms->server);
		if (ms->chosen == NULL) {
			CHECK(unable(w, SL_NEGO_MAC, "no matching MAC found",
			    ms->client, ms->server));
			return stage_fail(w, SL_NEGO_MAC, SL_NR_NO_MAC);
		}
		ms->status = SL_NEGO_OK;
	}
	zs->client = w->c->compression ?
	    (v99 ? "zlib@openssh.com,none" : "zlib@openssh.com,zlib,none") :
	    (v99 ? "none,zlib@openssh.com" : "none,zlib@openssh.com,zlib");
	zs->server = w->s->compression ? "none,zlib@openssh.com" : "none";
	zs->chosen = choose(w, zs->client, zs->server);
	if (zs->chosen == NULL) {
		CHECK(unable(w, SL_NEGO_COMPRESSION,
		    "no matching compression method found", zs->client,
		    zs->server));
		return stage_fail(w, SL_NEGO_COMPRESSION, SL_NR_NO_COMP);
	}
	zs->status = SL_NEGO_OK;
	CHECK(msg(w->a, &cs->msgs, SL_NW_CLIENT, SL_NL_DEBUG1, aprintf(w->a,
	    "kex: client->server cipher: %s MAC: %s compression: %s",
	    cs->chosen, ms->chosen, zs->chosen)));
	return 0;
}

/* ---- public-key authentication ---- */

struct sigctx {
	const struct sl_key *key;
	const char *ssa;
	const char *found;
};

static int
sig_try(void *arg, const char *alg)
{
	struct sigctx *sc = arg;
	bool cert;

	if (sl_key_alg_type(alg, &cert, NULL) != SL_KT_RSA ||
	    cert != sc->key->cert)
		return 0;
	if (!in_list(sc->ssa, sl_key_sigalg_plain(alg)))
		return 0;
	sc->found = alg;
	return 1;
}

/* sshconnect2.c key_sig_algorithm(); `ssa` NULL: no server-sig-algs (or
 * the fallback pass). Static strings or arena. */
static const char *
key_sig_algorithm(struct walk *w, const struct sl_key *k, const char *ssa,
    bool fallback)
{
	const struct sl_nego_side *c = w->c;
	const char *own = sl_key_ssh_name(k);
	const char *pk = c->list[SL_NO_PUBKEY];
	bool bug_sigtype = w->s->version < V(7, 8);
	struct sigctx sc;
	char *copy;

	if (legacy(c))
		return own;
	if (c->version < V(7, 8)) {
		if (k->kt == SL_KT_RSA && !k->cert && !fallback) {
			if (in_list(ssa, "rsa-sha2-512"))
				return "rsa-sha2-512";
			if (in_list(ssa, "rsa-sha2-256"))
				return "rsa-sha2-256";
		}
		return own;
	}
	/* 8.7+: a server announcing OpenSSH_7.4 verifies rsa-sha2 */
	if (!fallback && c->version >= V(8, 7) && k->kt == SL_KT_RSA &&
	    !k->cert && w->s->version >= V(7, 4) && w->s->version < V(7, 5))
		ssa = "rsa-sha2-256,rsa-sha2-512";
	if (fallback || ssa == NULL || k->kt != SL_KT_RSA ||
	    (k->cert && bug_sigtype))
		return in_list(pk, own) ? own : NULL;
	sc.key = k;
	sc.ssa = ssa;
	sc.found = NULL;
	each(pk, sig_try, &sc);
	if (sc.found == NULL)
		return NULL;
	if ((copy = sl_arena_strndup(w->a, sc.found, strlen(sc.found))) ==
	    NULL)
		w->oom = true;
	return copy;
}

/* sshconnect2.c key_type_allowed_by_config() (7.8+) / the 7.4 filter. */
static bool
key_allowed_by_config(const struct sl_nego_side *c, const struct sl_key *k)
{
	const char *pk = c->list[SL_NO_PUBKEY];

	if (in_list(pk, sl_key_ssh_name(k)))
		return true;
	if (legacy(c) || c->version < V(7, 8) || k->kt != SL_KT_RSA)
		return false;
	if (!k->cert)
		return in_list(pk, "rsa-sha2-512") ||
		    in_list(pk, "rsa-sha2-256");
	return in_list(pk, "rsa-sha2-512-cert-v01@openssh.com") ||
	    in_list(pk, "rsa-sha2-256-cert-v01@openssh.com");
}

static const char *
skip_reason(const struct sl_nego_side *c)
{
	if (c->version < V(8, 5))
		return "not in PubkeyAcceptedKeyTypes";
	if (c->version < V(9, 6))
		return "corresponding algo not in PubkeyAcceptedAlgorithms";
	return "corresponding algorithm not in PubkeyAcceptedAlgorithms";
}

/* server-sig-algs of this server for this client (NULL: no EXT_INFO). */
static const char *
server_sig_algs(struct walk *w)
{
	const struct sl_nego_side *s = w->s, *c = w->c;
	struct sl_namelist sig;
	const char *r = "", *pk, *p, *e;
	char name[128];
	size_t i, n;

	if (legacy(s) || legacy(c))
		return NULL;
	if (s->version < V(9, 6)) {
		sig = sl_algo_supported(s->version, SL_AK_SIG, s->debian);
		for (i = 0; i < sig.n; i++) {
			if (s->version < V(7, 5) &&
			    strncmp(sig.names[i], "rsa-sha2-", 9) == 0)
				continue;	/* the 7.4 bug */
			if ((r = cat(w->a, r, sig.names[i])) == NULL) {
				w->oom = true;
				return NULL;
			}
		}
		return r;
	}
	/* 9.6+: from PubkeyAcceptedAlgorithms; re-sent after Match only to
	 * clients that support ext-info-in-auth (9.6+) */
	pk = c->version >= V(9, 6) || s->pubkey_global == NULL ?
	    s->list[SL_NO_PUBKEY] : s->pubkey_global;
	for (p = pk; p != NULL && *p; p = *e ? e + 1 : e) {
		const char *sn;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, p, n);
		name[n] = '\0';
		sn = sl_key_sigalg_plain(name);
		if (in_list(r, sn) || !supports(s, SL_AK_SIG, sn))
			continue;
		if ((r = cat(w->a, r, sn)) == NULL) {
			w->oom = true;
			return NULL;
		}
	}
	return r;
}

static const char *
preauth(struct walk *w, const char *text)
{
	return text == NULL ? NULL : aprintf(w->a, "%s [preauth]", text);
}

/* The server's checks of one request (auth2-pubkey.c userauth_pubkey()). */
static int
server_check(struct walk *w, const struct sl_nego_ident *id,
    const char *pkalg, struct sl_nident_res *ir, bool *refused)
{
	const struct sl_nego_side *s = w->s;
	const struct sl_key *k = &id->key;
	const char *keyname = sl_key_ssh_name(k);
	const char *t = NULL;
	enum sl_nreason r = SL_NR_NONE;

	*refused = true;
	if (!supports(s, SL_AK_KEY_SIG, pkalg) ||
	    !supports(s, SL_AK_KEY, keyname)) {
		t = aprintf(w->a, "userauth_pubkey: unsupported public key "
		    "algorithm: %s", pkalg);
		r = SL_NR_ID_SRV_UNSUPPORTED;
	} else if (s->version < V(7, 8) ?
	    !in_list(s->list[SL_NO_PUBKEY], keyname) :
	    !in_list(s->list[SL_NO_PUBKEY], pkalg)) {
		if (s->version < V(8, 5))
			t = aprintf(w->a, "userauth_pubkey: key type %s not in "
			    "PubkeyAcceptedKeyTypes", keyname);
		else if (s->version < V(9, 0))
			t = aprintf(w->a, "userauth_pubkey: key type %s not in "
			    "PubkeyAcceptedAlgorithms", keyname);
		else
			t = aprintf(w->a, "userauth_pubkey: signature "
			    "algorithm %s not in PubkeyAcceptedAlgorithms",
			    pkalg);
		r = SL_NR_ID_SRV_NOT_ACCEPTED;
	} else if (k->cert && !legacy(s) && s->version >= V(7, 9) &&
	    s->list[SL_NO_CASIG] != NULL && k->cert_sigalg != NULL &&
	    !in_list(s->list[SL_NO_CASIG], k->cert_sigalg)) {
		t = aprintf(w->a, "userauth_pubkey: certificate signature "
		    "algorithm %s: signature algorithm not supported",
		    k->cert_sigalg);
		r = SL_NR_ID_SRV_CA;
	} else if (k->kt == SL_KT_RSA && s->version >= V(9, 1) &&
	    k->bits > 0 && s->list[SL_NO_RSASIZE] != NULL &&
	    k->bits < (unsigned)atoi(s->list[SL_NO_RSASIZE])) {
		t = aprintf(w->a, "refusing RSA key: Invalid key length");
		r = SL_NR_ID_SRV_SIZE;
	} else if (id->authorized == 0) {
		t = aprintf(w->a, "Failed publickey for %s from %s ssh2: %s %s",
		    w->c->user ? w->c->user : "?", s->peer,
		    sl_key_type_name(k), sl_key_fingerprint(w->a, k));
		r = SL_NR_ID_NOT_AUTHORIZED;
	} else {
		*refused = false;
		return 0;
	}
	ir->reason = r;
	ir->status = SL_NEGO_FAIL;
	ir->attempted = true;
	w->failures++;
	/* the unprivileged child's lines end in " [preauth]"; the monitor
	 * logs "Failed publickey" itself */
	CHECK(msg(w->a, &ir->msgs, SL_NW_SERVER, r ==
	    SL_NR_ID_SRV_UNSUPPORTED ? SL_NL_VERBOSE : SL_NL_INFO,
	    r == SL_NR_ID_NOT_AUTHORIZED ? t : preauth(w, t)));
	if (r == SL_NR_ID_NOT_AUTHORIZED)
		CHECK(msg(w->a, &ir->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "the key is not listed in the "
		    "authorized_keys file given")));
	return 0;
}

static int
id_fail(struct walk *w, struct sl_nident_res *ir, enum sl_nreason r,
    enum sl_nwho who, enum sl_nlevel level, const char *text)
{
	ir->status = SL_NEGO_FAIL;
	ir->reason = r;
	if (text != NULL || who != SL_NW_SSHLINT)
		return msg(w->a, &ir->msgs, who, level, text);
	return 0;
}

/* Load the private key when it is needed (after PK_OK, or at once for a
 * key without a public half). 1: unusable (ir filled), 0: loaded. */
static int
load_private(struct walk *w, const struct sl_nego_ident *id,
    struct sl_nident_res *ir)
{
	static const char *const bar =
	    "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
	const char *path = id->priv_path ? id->priv_path : id->file;

	if (!id->priv_exists) {
		if (id_fail(w, ir, SL_NR_ID_PRIV_MISSING, SL_NW_CLIENT,
		    id->userprovided ? SL_NL_INFO : SL_NL_DEBUG3,
		    aprintf(w->a, "no such identity: %s: No such file or "
		    "directory", path)) != 0)
			return SL_ENOMEM;
		return 1;
	}
	if (id->priv_invalid) {
		if (id_fail(w, ir, SL_NR_ID_PRIV_INVALID, SL_NW_CLIENT,
		    SL_NL_ERROR, aprintf(w->a, "Load key \"%s\": invalid "
		    "format", path)) != 0)
			return SL_ENOMEM;
		return 1;
	}
	if (id->priv_bad_perms) {
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR, bar));
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR,
		    "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @"));
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR, bar));
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR,
		    aprintf(w->a, "Permissions 0%3.3o for '%s' are too open.",
		    id->priv_mode & 0777, path)));
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR,
		    "It is required that your private key files are NOT "
		    "accessible by others."));
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_ERROR,
		    "This private key will be ignored."));
		if (id_fail(w, ir, SL_NR_ID_PRIV_PERMS, SL_NW_CLIENT,
		    SL_NL_ERROR, aprintf(w->a, "Load key \"%s\": bad "
		    "permissions", path)) != 0)
			return SL_ENOMEM;
		return 1;
	}
	if (id->priv_encrypted) {
		if (w->c->batchmode) {
			if (id_fail(w, ir, SL_NR_ID_PRIV_PASSPHRASE,
			    SL_NW_SSHLINT, SL_NL_NOTE, aprintf(w->a,
			    "the private key is protected by a passphrase "
			    "and BatchMode does not ask for it")) != 0)
				return SL_ENOMEM;
			return 1;
		}
		CHECK(msg(w->a, &ir->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "ssh asks: Enter passphrase for key '%s':",
		    path)));
	}
	return 0;
}

/* What ssh prints when the agent refuses to sign with `id`. */
const char *
sl_nego_agent_refusal(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_ident *id)
{
	if (c->version >= V(8, 2))
		return aprintf(a, "sign_and_send_pubkey: signing failed for %s "
		    "\"%s\" from agent: agent refused operation",
		    sl_key_type_name(&id->key), id->file);
	return "sign_and_send_pubkey: signing failed: agent refused operation";
}

/* sshconnect2.c format_identity() (9.x). */
static const char *
ident_text(struct walk *w, const struct sl_nego_ident *id)
{
	const struct sl_key *k = &id->key;

	return aprintf(w->a, "%s %s %s%s%s%s", id->file, sl_key_type_name(k),
	    sl_key_fingerprint(w->a, k), id->userprovided ? " explicit" : "",
	    k->kt == SL_KT_SK_ECDSA || k->kt == SL_KT_SK_ED25519 ?
	    " authenticator" : "", id->agent != SL_NAG_NONE ? " agent" : "");
}

static int
walk_ident(struct walk *w, size_t i, bool *done)
{
	const struct sl_nego_ident *id = &w->ids[i];
	struct sl_nident_res *ir = &w->out->ident[i];
	const struct sl_nego_side *c = w->c;
	const struct sl_key *k = &id->key;
	const char *name = sl_key_ssh_name(k), *alg;
	unsigned minrsa = 0;
	bool refused;
	int r;

	*done = false;
	ir->status = SL_NEGO_FAIL;
	if (!id->key_known) {
		if (!id->priv_exists && id->agent == SL_NAG_NONE) {
			CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
			    aprintf(w->a, "Trying private key: %s", id->file)));
			CHECK(id_fail(w, ir, SL_NR_ID_MISSING, SL_NW_CLIENT,
			    id->userprovided ? SL_NL_INFO : SL_NL_DEBUG3,
			    aprintf(w->a, "no such identity: %s: No such file "
			    "or directory", id->file)));
			return 0;
		}
		return id_fail(w, ir, SL_NR_ID_UNKNOWN, SL_NW_SSHLINT,
		    SL_NL_NOTE, aprintf(w->a, "the key type of %s cannot be "
		    "read without decrypting it; not predicted", id->file));
	}
	/* the client release must know the key type */
	if (!supports(c, SL_AK_KEY, name))
		return id_fail(w, ir, SL_NR_ID_TYPE_CLIENT, SL_NW_SSHLINT,
		    SL_NL_NOTE, aprintf(w->a, "OpenSSH %d.%d cannot use %s "
		    "keys (%s)", c->version / 100, c->version % 100, name,
		    k->kt == SL_KT_DSA ? "DSA was compiled out by default "
		    "in 9.8 and removed in 10.0" : "unsupported key type"));
	/* RSA size: 1024 from 7.6, RequiredRSASize from 9.1 */
	if (c->version >= V(7, 6))
		minrsa = 1024;
	if (c->version >= V(9, 1) && c->list[SL_NO_RSASIZE] != NULL &&
	    (unsigned)atoi(c->list[SL_NO_RSASIZE]) > minrsa)
		minrsa = (unsigned)atoi(c->list[SL_NO_RSASIZE]);
	if (k->kt == SL_KT_RSA && ((k->bits > 0 && k->bits < minrsa) ||
	    (k->small && minrsa > 0))) {
		const char *t;

		if (id->src == SL_NID_AGENT)
			t = aprintf(w->a, "pubkey_prepare: ignoring %s agent "
			    "key: Invalid key length", name);
		else if (!id->have_pub)
			t = aprintf(w->a, "load_identity_file: Skipping key "
			    "%s: Invalid key length", id->file);
		else
			t = aprintf(w->a, "load pubkey \"%s\": Invalid key "
			    "length", id->file);
		return id_fail(w, ir, SL_NR_ID_SIZE_CLIENT, SL_NW_CLIENT,
		    id->src == SL_NID_AGENT || !id->have_pub ? SL_NL_DEBUG1 :
		    c->version >= V(9, 1) ? SL_NL_ERROR : SL_NL_DEBUG1, t);
	}
	if (id->have_pub) {
		/* pubkey_prepare(): the configured algorithms */
		if (!key_allowed_by_config(c, k))
			return id_fail(w, ir, SL_NR_ID_FILTERED, SL_NW_CLIENT,
			    SL_NL_DEBUG1, aprintf(w->a, "Skipping %s key %s - "
			    "%s", name, id->file, skip_reason(c)));
		/* 9.6+: and what the server announced */
		if (c->version >= V(9, 6) && w->ssa != NULL &&
		    key_sig_algorithm(w, k, w->ssa, false) == NULL)
			return id_fail(w, ir, SL_NR_ID_NOT_BY_SERVER,
			    SL_NW_CLIENT, SL_NL_DEBUG1, aprintf(w->a,
			    "Skipping %s key %s - corresponding algorithm not "
			    "supported by server", name, id->file));
		/* userauth_pubkey() -> send_pubkey_test() */
		alg = key_sig_algorithm(w, k, w->ssa, false);
		if (alg == NULL)
			return id_fail(w, ir, SL_NR_ID_NO_MUTUAL_TEST,
			    SL_NW_CLIENT, SL_NL_DEBUG1, aprintf(w->a,
			    "send_pubkey_test: no mutual signature "
			    "algorithm"));
		ir->sigalg = alg;
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
		    aprintf(w->a, "Offering public key: %s", ident_text(w,
		    id))));
		CHECK(server_check(w, id, alg, ir, &refused));
		if (refused)
			return 0;
		CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
		    aprintf(w->a, "Server accepts key: %s", ident_text(w,
		    id))));
	}
	/* sign_and_send_pubkey() */
	if (id->agent != SL_NAG_NONE) {
		if (id->agent == SL_NAG_REFUSES)
			return id_fail(w, ir, SL_NR_ID_AGENT_REFUSED,
			    SL_NW_CLIENT, SL_NL_ERROR,
			    sl_nego_agent_refusal(w->a, c, id));
		if (id->agent == SL_NAG_SHA1_ONLY && c->version >= V(7, 8) &&
		    ir->sigalg != NULL &&
		    strcmp(ir->sigalg, sl_key_ssh_name(k)) != 0) {
			CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_INFO,
			    aprintf(w->a, "agent key %s %s returned incorrect "
			    "signature type", sl_key_type_name(k),
			    sl_key_fingerprint(w->a, k))));
			alg = key_sig_algorithm(w, k, NULL, true);
			if (alg == NULL)
				return id_fail(w, ir, SL_NR_ID_AGENT_SHA1,
				    SL_NW_CLIENT, SL_NL_ERROR, aprintf(w->a,
				    "sign_and_send_pubkey: no mutual signature "
				    "supported"));
			ir->sigalg = alg;
			CHECK(server_check(w, id, alg, ir, &refused));
			if (refused)
				return 0;
		}
	} else {
		if (!id->have_pub)
			CHECK(msg(w->a, &ir->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
			    aprintf(w->a, "Trying private key: %s", id->file)));
		if ((r = load_private(w, id, ir)) != 0)
			return r == 1 ? 0 : r;
		if (!id->have_pub) {
			/* no public half: straight to signing */
			alg = key_sig_algorithm(w, k, w->ssa, false);
			if (alg == NULL)
				return id_fail(w, ir, SL_NR_ID_NO_MUTUAL_SIGN,
				    SL_NW_CLIENT, SL_NL_ERROR, aprintf(w->a,
				    "sign_and_send_pubkey: no mutual "
				    "signature supported"));
			ir->sigalg = alg;
			CHECK(server_check(w, id, alg, ir, &refused));
			if (refused)
				return 0;
		}
	}
	ir->status = SL_NEGO_OK;
	ir->reason = SL_NR_ID_OK;
	*done = true;
	if (id->agent != SL_NAG_NONE)
		CHECK(msg(w->a, &ir->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "signed by the agent, which may still refuse "
		    "(a key added with ssh-add -c, a destination constraint, "
		    "a locked agent): ssh then prints '%s'",
		    sl_nego_agent_refusal(w->a, c, id))));
	return 0;
}

static int
walk_auth(struct walk *w)
{
	struct sl_nstage *st = ST(w, SL_NEGO_AUTH);
	const struct sl_nego_side *c = w->c, *s = w->s;
	size_t i;
	bool done = false;
	const char *methods = s->methods ? s->methods : "publickey";

	w->ssa = server_sig_algs(w);
	w->out->server_sig_algs = w->ssa;
	st->client = c->list[SL_NO_PUBKEY];
	st->server = s->list[SL_NO_PUBKEY];
	if (w->ssa != NULL)
		CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_DEBUG1,
		    aprintf(w->a, "kex_input_ext_info: server-sig-algs=<%s>",
		    w->ssa)));
	else
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "the server sends no server-sig-algs "
		    "(no EXT_INFO)")));
	st->pre = st->msgs.n;
	if (!in_list(methods, "publickey") || !c->pubkey_auth) {
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "%s", !c->pubkey_auth ?
		    "the client has PubkeyAuthentication no" :
		    "the server does not offer publickey authentication")));
		stage_fail(w, SL_NEGO_AUTH, SL_NR_NO_PUBKEY_METHOD);
		goto denied;
	}
	for (i = 0; i < w->nids && !done; i++) {
		CHECK(walk_ident(w, i, &done));
		if (!done && s->max_auth_tries > 0 &&
		    w->failures >= s->max_auth_tries) {
			CHECK(msg(w->a, &st->msgs, SL_NW_SERVER, SL_NL_ERROR,
			    aprintf(w->a, "maximum authentication attempts "
			    "exceeded for %s from %s ssh2 [preauth]",
			    c->user ? c->user : "?", s->peer)));
			CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_INFO,
			    aprintf(w->a, "Received disconnect from %s:2: Too "
			    "many authentication failures", c->peer)));
			w->out->fix_ident = -1;
			return stage_fail(w, SL_NEGO_AUTH, SL_NR_TOO_MANY);
		}
	}
	if (done) {
		w->out->used_ident = (int)(i - 1);
		st->status = SL_NEGO_OK;
		st->chosen = w->out->ident[i - 1].sigalg;
		CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_VERBOSE,
		    c->via_proxy ? aprintf(w->a, "Authenticated to %s (via "
		    "proxy) using \"publickey\".", c->host) :
		    aprintf(w->a, "Authenticated to %s ([%s]:%s) using "
		    "\"publickey\".", c->host, c->host,
		    c->port ? c->port : "22")));
		return 0;
	}
	stage_fail(w, SL_NEGO_AUTH, w->nids == 0 ? SL_NR_NO_IDENTITY :
	    SL_NR_AUTH_FAILED);
	if (w->nids == 0)
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "no identity to offer")));
 denied:
	CHECK(msg(w->a, &st->msgs, SL_NW_CLIENT, SL_NL_FATAL,
	    c->version >= V(7, 6) ? aprintf(w->a, "%s@%s: Permission denied "
	    "(%s).", c->user ? c->user : "?", c->host ? c->host : "?",
	    methods) : aprintf(w->a, "Permission denied (%s).", methods)));
	if (!c->batchmode && (in_list(methods, "password") ||
	    in_list(methods, "keyboard-interactive")))
		CHECK(msg(w->a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
		    aprintf(w->a, "without BatchMode, ssh then asks for a "
		    "password before giving up")));
	return 0;
}

int
sl_nego_walk(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_side *s, const struct sl_nego_ident *ids,
    size_t nids, struct sl_nresult *out)
{
	struct walk w;
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < SL_NEGO_STAGE__COUNT; i++)
		out->stage[i].id = (enum sl_nego_stage_id)i;
	out->ok = true;
	out->failed = SL_NEGO_STAGE__COUNT;
	out->used_ident = -1;
	out->fix_ident = -1;
	if (nids > 0 && (out->ident = sl_arena_calloc(a,
	    nids * sizeof(*out->ident))) == NULL)
		return SL_ENOMEM;
	out->nident = nids;
	memset(&w, 0, sizeof(w));
	w.a = a;
	w.c = c;
	w.s = s;
	w.ids = ids;
	w.nids = nids;
	w.out = out;

	if (c->fatal != NULL || s->fatal != NULL) {
		struct sl_nstage *st = ST(&w, SL_NEGO_CONFIG);

		if (c->fatal != NULL)
			CHECK(msg(a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
			    aprintf(a, "ssh refuses its configuration: %s",
			    c->fatal)));
		if (s->fatal != NULL)
			CHECK(msg(a, &st->msgs, SL_NW_SSHLINT, SL_NL_NOTE,
			    aprintf(a, "sshd refuses its configuration: %s",
			    s->fatal)));
		return stage_fail(&w, SL_NEGO_CONFIG, c->fatal != NULL ?
		    SL_NR_CONFIG_CLIENT : SL_NR_CONFIG_SERVER);
	}
	ST(&w, SL_NEGO_CONFIG)->status = SL_NEGO_OK;
	if (walk_kex(&w) != 0 || w.oom)
		return SL_ENOMEM;
	if (!out->ok)
		return 0;
	if (walk_hostkey(&w) != 0 || w.oom)
		return SL_ENOMEM;
	if (!out->ok)
		return 0;
	if (walk_cipher_mac(&w) != 0 || w.oom)
		return SL_ENOMEM;
	if (!out->ok)
		return 0;
	if (walk_auth(&w) != 0 || w.oom)
		return SL_ENOMEM;
	return 0;
}

const char *
sl_nreason_name(enum sl_nreason r)
{
	static const char *const names[SL_NR__COUNT] = {
		"none", "client-config-refused", "server-config-refused",
		"no-matching-kex", "no-matching-host-key-type",
		"no-matching-cipher", "no-matching-mac",
		"no-matching-compression", "host-key-too-small",
		"host-certificate-ca-algorithm", "not-post-quantum",
		"no-publickey-method", "no-identity", "permission-denied",
		"too-many-authentication-failures",
		"ok", "identity-missing", "key-type-unknown",
		"key-type-unsupported-by-client", "key-too-small-for-client",
		"not-in-client-pubkeyacceptedalgorithms",
		"not-supported-by-server", "no-mutual-signature-algorithm",
		"no-mutual-signature-supported",
		"server-unsupported-algorithm",
		"not-in-server-pubkeyacceptedalgorithms",
		"certificate-ca-algorithm-refused",
		"key-too-small-for-server", "not-in-authorized-keys",
		"private-key-missing", "private-key-invalid",
		"private-key-bad-permissions",
		"private-key-needs-passphrase", "agent-refused",
		"agent-incorrect-signature-type",
	};

	return (unsigned)r < SL_NR__COUNT && names[r] ? names[r] : "?";
}

/* ---- the planner ---- */

static bool
weak_alg(const char *x)
{
	return strncmp(x, "ssh-rsa", 7) == 0 || strncmp(x, "ssh-dss", 7) ==
	    0 || strstr(x, "sha1") != NULL || strstr(x, "group1-") != NULL ||
	    strstr(x, "-cbc") != NULL || strncmp(x, "arcfour", 7) == 0 ||
	    strstr(x, "md5") != NULL || strstr(x, "-96") != NULL;
}

static const char unchanged[] = "";

/* The configured value after adding `alg` with `op` ('+' append, '^'
 * prepend) to what is configured now; `unchanged` when it is there
 * already, NULL when out of memory. */
static const char *
merge_spec(struct sl_arena *a, const struct sl_nego_side *sd,
    enum sl_nopt o, char op, const char *alg)
{
	const char *cur = sd->spec[o], *list = sd->list[o];

	if (op == '+' && in_list(list, alg))
		return unchanged;
	if (cur == NULL || *cur == '\0')
		return aprintf(a, "%c%s", op, alg);
	if (cur[0] == '+' && op == '+')
		return aprintf(a, "%s,%s", cur, alg);
	if (cur[0] == '^' && op == '^')
		return aprintf(a, "^%s,%s", alg, cur + 1);
	if (cur[0] != '+' && cur[0] != '-' && cur[0] != '^')
		return op == '+' ? aprintf(a, "%s,%s", cur, alg) :
		    aprintf(a, "%s,%s", alg, cur);
	/* spell the whole list out */
	if (list == NULL)
		return unchanged;
	if (op == '+')
		return aprintf(a, "%s,%s", list, alg);
	{
		const char *r = alg, *p = list, *e;
		char name[256];
		size_t n;

		while (*p) {
			e = strchr(p, ',');
			if (e == NULL)
				e = p + strlen(p);
			n = (size_t)(e - p);
			if (n > 0 && n < sizeof(name)) {
				memcpy(name, p, n);
				name[n] = '\0';
				if (strcmp(name, alg) != 0 &&
				    (r = cat(a, r, name)) == NULL)
					return NULL;
			}
			p = *e ? e + 1 : e;
		}
		return r;
	}
}

struct cand {
	enum sl_nwho side;
	enum sl_nopt opt;
	const char *value;
	const char *alg;	/* the algorithm added (weakness) */
	bool global;		/* server: applies to all connections */
};

struct plan {
	struct sl_arena *a;
	struct sl_nego_side c, s;
	struct sl_nego_ident *ids;
	size_t nids;
	struct cand cands[64];
	size_t ncands;
	bool oom;
};

static void
add_cand(struct plan *p, enum sl_nwho side, enum sl_nopt o, char op,
    const char *alg, bool global)
{
	struct sl_nego_side *sd = side == SL_NW_CLIENT ? &p->c : &p->s;
	const char *v;
	size_t i;

	if (p->ncands >= sizeof(p->cands) / sizeof(p->cands[0]))
		return;
	if (legacy(sd))
		return;		/* a legacy peer is not ours to change */
	if (alg == NULL) {
		p->oom = true;
		return;
	}
	if (op != '=' && !supports(sd, nopt_kind(o), alg))
		return;
	if (op == '^' && sd->version < V(8, 2))
		return;
	if (o == SL_NO_CASIG && sd->version < V(7, 9))
		return;
	if (o == SL_NO_RSASIZE && sd->version < V(9, 1))
		return;
	if (alg == NULL) {
		p->oom = true;
		return;
	}
	v = op == '=' ? alg : merge_spec(p->a, sd, o, op, alg);
	if (v == NULL)
		p->oom = true;
	if (v == NULL || v == unchanged)
		return;
	for (i = 0; i < p->ncands; i++)
		if (p->cands[i].side == side && p->cands[i].opt == o &&
		    strcmp(p->cands[i].value, v) == 0 &&
		    p->cands[i].global == global)
			return;
	p->cands[p->ncands].side = side;
	p->cands[p->ncands].opt = o;
	p->cands[p->ncands].value = v;
	if ((p->cands[p->ncands].alg = sl_arena_strndup(p->a, alg,
	    strlen(alg))) == NULL) {
		p->oom = true;
		return;
	}
	p->cands[p->ncands].global = global;
	p->ncands++;
}

struct offer_ctx {
	struct plan *p;
	enum sl_nwho side;
	enum sl_nopt opt;
};

static int
offer_each(void *arg, const char *alg)
{
	struct offer_ctx *oc = arg;

	if (strncmp(alg, "ext-info-", 9) == 0 ||
	    strncmp(alg, "kex-strict-", 11) == 0)
		return 0;
	add_cand(oc->p, oc->side, oc->opt, '+', alg, true);
	return 0;
}

/* Apply a candidate to copies of the sides: 0, 1 (invalid there) or
 * SL_ENOMEM. */
static int
apply(struct plan *p, const struct cand *cd, struct sl_nego_side *c,
    struct sl_nego_side *s, struct sl_nego_ident **ids, size_t *nids)
{
	struct sl_nego_side *sd = cd->side == SL_NW_CLIENT ? c : s;
	const char *l;
	int r;

	if (cd->opt == SL_NO_IDENTITIESONLY) {
		size_t i, n = 0;

		for (i = 0; i < *nids; i++)
			if ((*ids)[i].src != SL_NID_AGENT)
				(*ids)[n++] = (*ids)[i];
		*nids = n;
		sd->spec[cd->opt] = sd->list[cd->opt] = cd->value;
		return 0;
	}
	if ((r = sl_nego_assemble(p->a, sd, cd->side == SL_NW_SERVER, cd->opt,
	    cd->value, &l)) != 0)
		return r == SL_ENOMEM ? r : 1;
	sd->spec[cd->opt] = cd->value;
	sd->list[cd->opt] = l;
	if (cd->side == SL_NW_SERVER && cd->opt == SL_NO_PUBKEY && cd->global)
		sd->pubkey_global = l;
	return 0;
}

/* How far an identity got (pipeline order), for "progress". */
static int
id_rank(enum sl_nreason r)
{
	switch (r) {
	case SL_NR_ID_TYPE_CLIENT:
	case SL_NR_ID_SIZE_CLIENT:
		return 1;
	case SL_NR_ID_FILTERED:
		return 2;
	case SL_NR_ID_NOT_BY_SERVER:
		return 3;
	case SL_NR_ID_NO_MUTUAL_TEST:
	case SL_NR_ID_NO_MUTUAL_SIGN:
	case SL_NR_ID_AGENT_SHA1:	/* needs ssh-rsa on both sides */
		return 4;
	case SL_NR_ID_SRV_UNSUPPORTED:
		return 5;
	case SL_NR_ID_SRV_NOT_ACCEPTED:
		return 6;
	case SL_NR_ID_SRV_CA:
		return 7;
	case SL_NR_ID_SRV_SIZE:
		return 8;
	case SL_NR_ID_NOT_AUTHORIZED:
		return 9;
	case SL_NR_ID_PRIV_MISSING:
	case SL_NR_ID_PRIV_INVALID:
	case SL_NR_ID_PRIV_PERMS:
	case SL_NR_ID_PRIV_PASSPHRASE:
	case SL_NR_ID_AGENT_REFUSED:
		return 10;
	case SL_NR_ID_OK:
		return 100;
	default:
		return 0;
	}
}

/* The identity a fix should target: the first one that got furthest
 * among those the user named (else any). */
static int
target_ident(const struct sl_nego_ident *ids, size_t nids,
    const struct sl_nresult *r)
{
	int best = -1, bestrank = 0, pass;
	size_t i;

	for (pass = 0; pass < 2 && best < 0; pass++) {
		for (i = 0; i < nids && i < r->nident; i++) {
			int rk = id_rank(r->ident[i].reason);

			if (pass == 0 && !ids[i].userprovided)
				continue;
			if (rk > bestrank) {
				best = (int)i;
				bestrank = rk;
			}
		}
	}
	return best;
}

/* Score of a walk for comparing candidates. */
static int
score(const struct sl_nresult *r, int ti)
{
	if (r->ok)
		return 1000;
	if (r->failed != SL_NEGO_AUTH)
		return (int)r->failed * 100;
	if (ti >= 0 && (size_t)ti < r->nident)
		return (int)SL_NEGO_AUTH * 100 + id_rank(r->ident[ti].reason);
	return (int)SL_NEGO_AUTH * 100;
}


/* Candidates for the failure of walk `r`. */
static void
candidates(struct plan *p, const struct sl_nresult *r, int ti)
{
	const struct sl_nstage *st;
	struct offer_ctx oc;
	size_t j;

	p->ncands = 0;
	switch (r->reason) {
	case SL_NR_NO_KEX:
	case SL_NR_NO_CIPHER:
	case SL_NR_NO_MAC:
	case SL_NR_NO_HOSTKEY: {
		enum sl_nopt o = r->reason == SL_NR_NO_KEX ? SL_NO_KEX :
		    r->reason == SL_NR_NO_CIPHER ? SL_NO_CIPHERS :
		    r->reason == SL_NR_NO_MAC ? SL_NO_MACS : SL_NO_HOSTKEYALGS;

		st = &r->stage[r->failed];
		oc.p = p;
		oc.opt = o;
		oc.side = SL_NW_CLIENT;
		each(st->server, offer_each, &oc);
		oc.side = SL_NW_SERVER;
		each(st->client, offer_each, &oc);
		break;
	}
	case SL_NR_HOSTKEY_SIZE: {
		size_t i;

		for (i = 0; i < p->s.nhostkeys; i++)
			if (p->s.hostkeys[i].kt == SL_KT_RSA &&
			    p->s.hostkeys[i].bits >= 1024)
				add_cand(p, SL_NW_CLIENT, SL_NO_RSASIZE, '=',
				    aprintf(p->a, "%u", p->s.hostkeys[i].bits),
				    true);
		break;
	}
	case SL_NR_TOO_MANY:
		add_cand(p, SL_NW_CLIENT, SL_NO_IDENTITIESONLY, '=', "yes",
		    true);
		break;
	case SL_NR_AUTH_FAILED: {
		const struct sl_nego_ident *id;
		const struct sl_nident_res *ir;
		const char *const *algs;
		const char *own;

		if (ti < 0)
			break;
		id = &p->ids[ti];
		ir = &r->ident[ti];
		own = sl_key_ssh_name(&id->key);
		algs = id->key.cert ? rsa_cert : rsa_plain;
		switch (ir->reason) {
		case SL_NR_ID_FILTERED:
		case SL_NR_ID_NOT_BY_SERVER:
		case SL_NR_ID_NO_MUTUAL_TEST:
		case SL_NR_ID_NO_MUTUAL_SIGN:
		case SL_NR_ID_SRV_NOT_ACCEPTED:
		case SL_NR_ID_SRV_UNSUPPORTED:
		case SL_NR_ID_AGENT_SHA1:
			if (id->key.kt == SL_KT_RSA) {
				for (j = 0; j < 3; j++)
					add_cand(p, SL_NW_CLIENT, SL_NO_PUBKEY,
					    '+', algs[j], true);
				for (j = 0; j < 3; j++)
					add_cand(p, SL_NW_CLIENT, SL_NO_PUBKEY,
					    '^', algs[j], true);
				for (j = 0; j < 3; j++)
					add_cand(p, SL_NW_SERVER, SL_NO_PUBKEY,
					    '+', algs[j], false);
				for (j = 0; j < 3; j++)
					add_cand(p, SL_NW_SERVER, SL_NO_PUBKEY,
					    '+', algs[j], true);
			} else {
				add_cand(p, SL_NW_CLIENT, SL_NO_PUBKEY, '+', own,
				    true);
				add_cand(p, SL_NW_SERVER, SL_NO_PUBKEY, '+', own,
				    false);
				add_cand(p, SL_NW_SERVER, SL_NO_PUBKEY, '+', own,
				    true);
			}
			break;
		case SL_NR_ID_SRV_CA:
			if (id->key.cert_sigalg != NULL) {
				add_cand(p, SL_NW_SERVER, SL_NO_CASIG, '+',
				    id->key.cert_sigalg, false);
				add_cand(p, SL_NW_SERVER, SL_NO_CASIG, '+',
				    id->key.cert_sigalg, true);
			}
			break;
		case SL_NR_ID_SRV_SIZE:
			if (id->key.bits >= 1024) {
				add_cand(p, SL_NW_SERVER, SL_NO_RSASIZE, '=',
				    aprintf(p->a, "%u", id->key.bits), false);
				add_cand(p, SL_NW_SERVER, SL_NO_RSASIZE, '=',
				    aprintf(p->a, "%u", id->key.bits), true);
			}
			break;
		case SL_NR_ID_SIZE_CLIENT:
			if (id->key.bits >= 1024)
				add_cand(p, SL_NW_CLIENT, SL_NO_RSASIZE, '=',
				    aprintf(p->a, "%u", id->key.bits), true);
			break;
		default:
			break;
		}
		break;
	}
	default:
		break;
	}
}

/* Advice when no configuration change helps. 0 or SL_ENOMEM. */
static int
advice(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_side *s, const struct sl_nego_ident *ids,
    const struct sl_nresult *r, int ti, struct sl_nfix *f)
{
	const struct sl_nego_ident *id = ti >= 0 ? &ids[ti] : NULL;
	const char *path = id ? (id->priv_path ? id->priv_path : id->file) :
	    NULL;

	memset(f, 0, sizeof(*f));
	f->side = SL_NW_SSHLINT;
	f->opt = SL_NO__COUNT;
	switch (r->reason) {
	case SL_NR_CONFIG_CLIENT:
	case SL_NR_CONFIG_SERVER:
		f->why = "the configuration is refused by its own release; "
		    "run sshlint on it (sshlint --openssh VERSION FILE)";
		return 0;
	case SL_NR_NO_HOSTKEY:
		f->why = "the server has no host key of a type the client "
		    "accepts: give it one";
		f->command = "ssh-keygen -t ed25519 -N '' -f "
		    "/etc/ssh/ssh_host_ed25519_key   # and a HostKey line "
		    "in sshd_config";
		return 0;
	case SL_NR_NO_PUBKEY_METHOD:
		f->why = !c->pubkey_auth ? "set PubkeyAuthentication yes for "
		    "this host" : "enable PubkeyAuthentication on the server";
		return 0;
	case SL_NR_NO_IDENTITY:
		f->why = "create a key and install it on the server";
		f->command = "ssh-keygen -t ed25519 && ssh-copy-id HOST";
		return 0;
	default:
		break;
	}
	if (id == NULL) {
		f->why = "no change of the configuration makes it succeed";
		return 0;
	}
	switch (r->ident[ti].reason) {
	case SL_NR_ID_PRIV_PERMS:
		f->why = "make the private key readable by its owner only";
		f->command = aprintf(a, "chmod 600 '%s'", path);
		break;
	case SL_NR_ID_PRIV_MISSING:
	case SL_NR_ID_MISSING:
		f->why = "the identity file does not exist: fix the "
		    "IdentityFile path or create the key";
		break;
	case SL_NR_ID_PRIV_INVALID:
		f->why = "the private key file is no key ssh can read (a PuTTY "
		    "key: convert it with puttygen -O private-openssh)";
		break;
	case SL_NR_ID_PRIV_PASSPHRASE:
		f->why = "load the key into the agent first (BatchMode "
		    "cannot ask for the passphrase)";
		f->command = aprintf(a, "ssh-add '%s'", path);
		break;
	case SL_NR_ID_NOT_AUTHORIZED:
		f->why = "install the public key in the server's "
		    "authorized_keys";
		f->command = aprintf(a, "ssh-copy-id -i '%s.pub' %s@%s",
		    path, c->user ? c->user : "USER", c->host ? c->host :
		    "HOST");
		break;
	case SL_NR_ID_AGENT_REFUSED:
		f->why = "the agent refuses to sign: check it (ssh-add -l), "
		    "re-add the key without -c or make an askpass program "
		    "available to the agent, check destination constraints";
		f->command = aprintf(a, "ssh-add -d '%s'; ssh-add '%s'",
		    path, path);
		break;
	case SL_NR_ID_TYPE_CLIENT:
	case SL_NR_ID_SRV_UNSUPPORTED:
	case SL_NR_ID_SIZE_CLIENT:
	case SL_NR_ID_SRV_SIZE:
		f->why = "use a key type and size both sides accept";
		f->command = "ssh-keygen -t ed25519";
		break;
	case SL_NR_ID_SRV_CA:
		f->why = "re-sign the certificate with a SHA-2 signature";
		f->command = "ssh-keygen -s CA_KEY -t rsa-sha2-512 -I ID -n "
		    "PRINCIPALS KEY.pub";
		break;
	case SL_NR_ID_AGENT_SHA1:
		f->why = "the agent signs RSA keys with SHA-1 only: use a "
		    "newer agent, or allow ssh-rsa for this host";
		break;
	default:
		f->why = "no change of the configuration makes it succeed";
		break;
	}
	(void)s;
	/* the commands built above need memory */
	switch (r->ident[ti].reason) {
	case SL_NR_ID_PRIV_PERMS:
	case SL_NR_ID_PRIV_PASSPHRASE:
	case SL_NR_ID_NOT_AUTHORIZED:
	case SL_NR_ID_AGENT_REFUSED:
		return f->command == NULL ? SL_ENOMEM : 0;
	default:
		return 0;
	}
}

static const char *
fix_why(struct sl_arena *a, const struct cand *cd, const struct sl_nresult *r)
{
	static const char *const what[SL_NO__COUNT] = {
		"key exchange", "host key algorithm", "cipher", "MAC",
		"public key signature algorithm", "CA signature algorithm",
		"RSA key size", "identities", "identity",
	};

	return aprintf(a, "%s %s: %s", cd->side == SL_NW_CLIENT ? "client" :
	    "server", what[cd->opt], sl_nreason_name(r->reason ==
	    SL_NR_AUTH_FAILED && r->fix_ident >= 0 ?
	    r->ident[r->fix_ident].reason : r->reason));
}

int
sl_nego_plan(struct sl_arena *a, const struct sl_nego_side *c,
    const struct sl_nego_side *s, const struct sl_nego_ident *ids,
    size_t nids, const struct sl_nresult *first, struct sl_nfix *fixes,
    size_t max, size_t *nfixes, bool *ok)
{
	struct plan p;
	struct sl_nresult cur, tr;
	struct sl_nego_side tc, ts;
	struct sl_nego_ident *tids;
	size_t i, ntids, k;
	int ti, r, best, bestscore, sc0;

	*nfixes = 0;
	*ok = first->ok;
	if (first->ok)
		return 0;
	memset(&p, 0, sizeof(p));
	p.a = a;
	p.c = *c;
	p.s = *s;
	p.nids = nids;
	if ((p.ids = sl_arena_alloc(a, (nids + 1) * sizeof(*ids))) == NULL ||
	    (tids = sl_arena_alloc(a, (nids + 1) * sizeof(*ids))) == NULL)
		return SL_ENOMEM;
	if (nids > 0)
		memcpy(p.ids, ids, nids * sizeof(*ids));
	cur = *first;
	for (k = 0; k < max; k++) {
		ti = target_ident(p.ids, p.nids, &cur);
		cur.fix_ident = ti;
		candidates(&p, &cur, ti);
		if (p.oom)
			return SL_ENOMEM;
		sc0 = score(&cur, ti);
		best = -1;
		bestscore = sc0;
		for (i = 0; i < p.ncands; i++) {
			tc = p.c;
			ts = p.s;
			ntids = p.nids;
			if (ntids > 0)
				memcpy(tids, p.ids, ntids * sizeof(*tids));
			if ((r = apply(&p, &p.cands[i], &tc, &ts, &tids,
			    &ntids)) == SL_ENOMEM)
				return r;
			if (r != 0)
				continue;
			if ((r = sl_nego_walk(a, &tc, &ts, tids, ntids, &tr))
			    != 0)
				return r;
			if (score(&tr, ti) > bestscore) {
				best = (int)i;
				bestscore = score(&tr, ti);
				if (tr.ok)
					break;
			}
		}
		if (best < 0) {
			(*nfixes)++;
			return advice(a, &p.c, &p.s, p.ids, &cur, ti,
			    &fixes[*nfixes - 1]);
		}
		memset(&fixes[*nfixes], 0, sizeof(fixes[0]));
		fixes[*nfixes].side = p.cands[best].side;
		fixes[*nfixes].opt = p.cands[best].opt;
		fixes[*nfixes].value = p.cands[best].value;
		fixes[*nfixes].weak = p.cands[best].opt != SL_NO_RSASIZE &&
		    p.cands[best].opt != SL_NO_IDENTITIESONLY &&
		    weak_alg(p.cands[best].alg);
		fixes[*nfixes].why = fix_why(a, &p.cands[best], &cur);
		fixes[*nfixes].global = p.cands[best].side == SL_NW_SERVER &&
		    p.cands[best].global;
		(*nfixes)++;
		if (fixes[*nfixes - 1].why == NULL ||
		    apply(&p, &p.cands[best], &p.c, &p.s, &p.ids, &p.nids) != 0)
			return SL_ENOMEM;
		if ((r = sl_nego_walk(a, &p.c, &p.s, p.ids, p.nids, &cur)) != 0)
			return r;
		if (cur.ok) {
			*ok = true;
			return 0;
		}
		if (*nfixes >= max)
			break;
	}
	return 0;
}
