/*
 * Fuzz target: the connection walk and the fix planner on any pair of
 * sides the bytes describe (releases, configured algorithm lists made of
 * the release's names with + - ^ prefixes, host keys, identities with
 * their key facts, agent behaviour). Never crashes; a walk either succeeds
 * or names its failing step; a plan that claims success is one.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/algos.h"
#include "lint/negotiate.h"
#include "lint/util/arena.h"
#include "sshlint/sshlint.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct in {
	const uint8_t *p;
	size_t n;
};

static unsigned
byte(struct in *in)
{
	unsigned b;

	if (in->n == 0)
		return 0;
	b = *in->p;
	in->p++;
	in->n--;
	return b;
}

static int
version(struct in *in, bool server)
{
	size_t n;
	const int *v = sl_versions(&n);
	unsigned b = byte(in);

	if (server && b % 8 == 7)
		return SL_VERSION(7, 1);	/* the legacy peer */
	return v[b % n];
}

/* A configured value for `o`: NULL, or a list of the release's names. */
static const char *
spec(struct sl_arena *a, struct in *in, const struct sl_nego_side *sd,
    enum sl_nopt o)
{
	static const enum sl_algo_kind kinds[] = { SL_AK_KEX, SL_AK_KEY_SIG,
	    SL_AK_CIPHER, SL_AK_MAC, SL_AK_KEY_SIG, SL_AK_SIG };
	struct sl_namelist all;
	char buf[1024];
	size_t len = 0, k, cnt;
	unsigned b = byte(in);

	if (b % 3 != 0 || o > SL_NO_CASIG)
		return NULL;
	all = sl_algo_supported(sd->version, kinds[o], sd->debian);
	if (all.n == 0)
		return NULL;
	buf[len++] = "+-^x"[byte(in) % 4];
	if (buf[0] == 'x')
		len = 0;
	cnt = 1 + byte(in) % 4;
	for (k = 0; k < cnt; k++) {
		const char *name = all.names[byte(in) % all.n];
		size_t nl = strlen(name);

		if (len + nl + 2 >= sizeof(buf))
			break;
		if (k > 0)
			buf[len++] = ',';
		memcpy(buf + len, name, nl);
		len += nl;
	}
	return sl_arena_strndup(a, buf, len);
}

static void
side(struct sl_arena *a, struct in *in, struct sl_nego_side *sd, bool server)
{
	enum sl_nopt o;
	const char *v;

	memset(sd, 0, sizeof(*sd));
	sd->version = version(in, server);
	sd->debian = sd->version == SL_VERSION(9, 2);
	for (o = 0; o <= SL_NO_CASIG; o++) {
		if (sd->version < SL_VERSION(7, 2)) {
			sd->list[o] = sl_nego_legacy_list(o);
			continue;
		}
		if (o == SL_NO_CASIG && sd->version < SL_VERSION(7, 9))
			continue;
		v = spec(a, in, sd, o);
		if (v != NULL && sl_nego_assemble(a, sd, server, o, v,
		    &sd->list[o]) == 0) {
			sd->spec[o] = v;
			continue;
		}
		if (sl_nego_assemble(a, sd, server, o, NULL, &sd->list[o]) != 0)
			sd->list[o] = NULL;
	}
	if (sd->version >= SL_VERSION(9, 1))
		sd->list[SL_NO_RSASIZE] = byte(in) % 4 == 0 ? "4096" : "1024";
	sd->compression = byte(in) & 1;
	sd->batchmode = true;
	sd->pubkey_auth = byte(in) % 8 != 0;
	sd->via_proxy = true;
	sd->user = "u";
	sd->host = "h";
	sd->peer = "UNKNOWN port 65535";
	sd->methods = "publickey,password";
	sd->max_auth_tries = 1 + (int)(byte(in) % 8);
	sd->known_types = byte(in) % 4 == 0 ? "ssh-rsa" : NULL;
	sd->known_ca = byte(in) % 8 == 0;
}

static void
key(struct in *in, struct sl_key *k)
{
	static const unsigned rsa[] = { 768, 1024, 2048, 3072, 4096 };
	enum sl_kt kt = (enum sl_kt)(1 + byte(in) % 7);
	bool cert = byte(in) % 4 == 0;

	sl_key_make(k, kt, cert, kt == SL_KT_RSA ? rsa[byte(in) % 5] :
	    kt == SL_KT_ECDSA ? (unsigned[]){ 256, 384, 521 }[byte(in) % 3] :
	    kt == SL_KT_DSA ? 1024 : 0);
	if (kt == SL_KT_RSA && k->bits < 1024) {
		k->small = true;
		k->bits = 0;
	}
	if (cert)
		k->cert_sigalg = byte(in) % 2 ? "ssh-rsa" : "rsa-sha2-512";
	k->fp = "SHA256:fuzz";
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_arena a = SL_ARENA_INIT;
	struct in in = { data, size };
	struct sl_nego_side c, s;
	struct sl_key hk[3];
	struct sl_nego_ident ids[4];
	struct sl_nresult r;
	struct sl_nfix fixes[8];
	size_t i, nids, nfixes = 0;
	bool ok;

	side(&a, &in, &c, false);
	if (c.version < SL_VERSION(7, 2))
		c.version = SL_VERSION(9, 2);
	side(&a, &in, &s, true);
	s.nhostkeys = 1 + byte(&in) % 3;
	for (i = 0; i < s.nhostkeys; i++) {
		key(&in, &hk[i]);
		hk[i].cert_type = 2;
	}
	s.hostkeys = hk;
	nids = byte(&in) % 5;
	for (i = 0; i < nids; i++) {
		memset(&ids[i], 0, sizeof(ids[i]));
		ids[i].file = "/home/u/.ssh/id";
		ids[i].src = (enum sl_nid_src)(byte(&in) % 3);
		ids[i].userprovided = byte(&in) & 1;
		ids[i].have_pub = byte(&in) % 4 != 0;
		ids[i].key_known = byte(&in) % 8 != 0;
		key(&in, &ids[i].key);
		ids[i].priv_exists = byte(&in) % 8 != 0;
		ids[i].priv_invalid = byte(&in) % 16 == 0;
		ids[i].priv_bad_perms = byte(&in) % 8 == 0;
		ids[i].priv_encrypted = byte(&in) % 8 == 0;
		ids[i].priv_mode = 0644;
		ids[i].agent = (enum sl_nagent)(byte(&in) % 4);
		ids[i].authorized = (int)(byte(&in) % 3) - 1;
	}
	if (sl_nego_walk(&a, &c, &s, ids, nids, &r) == 0) {
		if (r.ok != (r.failed == SL_NEGO_STAGE__COUNT))
			abort();
		if (!r.ok && sl_nego_plan(&a, &c, &s, ids, nids, &r, fixes, 8,
		    &nfixes, &ok) == 0 && (nfixes == 0 || nfixes > 8))
			abort();
	}
	sl_arena_release(&a);
	return 0;
}
