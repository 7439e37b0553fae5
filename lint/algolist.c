/*
 * Effective algorithm lists, with the semantics of OpenSSH's
 * kex_assemble_names(): defaults of the release, then '+', '-', '^' or an
 * explicit list, then every element expanded as a pattern against the
 * supported names.
 */
#include <string.h>

#include "lint/algos.h"
#include "lint/match.h"
#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "sshlint/sshlint.h"

/* Join a name list with commas. */
static char *
join(struct sl_namelist l)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	size_t i;

	sl_strbuf_adds(&sb, "");
	for (i = 0; i < l.n; i++) {
		if (i)
			sl_strbuf_addc(&sb, ',');
		sl_strbuf_adds(&sb, l.names[i]);
	}
	return sl_strbuf_detach(&sb);
}

/* Is `name` (len bytes) an element of the comma list `list`? */
static bool
in_list(const char *list, const char *name, size_t len)
{
	const char *p = list, *e;

	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == len && memcmp(p, name, len) == 0)
			return true;
		p = *e ? e + 1 : e;
	}
	return false;
}

/*
 * kex_names_cat(a, b): a, then each element of b not already present;
 * b is read only up to its first empty element.
 */
static char *
names_cat(const char *a, const char *b)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	const char *p, *e;

	if (a == NULL || *a == '\0')
		return sl_strdup(b ? b : "");
	if (b == NULL || *b == '\0')
		return sl_strdup(a);
	sl_strbuf_adds(&sb, a);
	for (p = b; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p)
			break;
		if (sb.buf != NULL && in_list(sb.buf, p, (size_t)(e - p)))
			continue;
		sl_strbuf_addc(&sb, ',');
		sl_strbuf_add(&sb, p, (size_t)(e - p));
	}
	return sl_strbuf_detach(&sb);
}

static enum sl_algo_kind
all_kind(enum sl_algo_opt opt)
{
	switch (opt) {
	case SL_AO_KEX:
		return SL_AK_KEX;
	case SL_AO_CIPHERS:
		return SL_AK_CIPHER;
	case SL_AO_MACS:
		return SL_AK_MAC;
	case SL_AO_CASIG:
		return SL_AK_SIG;
	default:
		return SL_AK_KEY_SIG;
	}
}

int
sl_algo_assemble(int version, bool server, enum sl_algo_opt opt,
    const char *spec, bool debian, char **out)
{
	char *def = NULL, *all = NULL, *list = NULL, *ret = NULL, *m, *t;
	char *pats = NULL, *p, *cp;
	int r = SL_ENOMEM;

	*out = NULL;
	if ((def = join(sl_algo_default(version, server, opt, debian))) ==
	    NULL || (all = join(sl_algo_supported(version, all_kind(opt),
	    debian))) == NULL)
		goto out;
	if (spec == NULL || *spec == '\0') {
		*out = def;
		def = NULL;
		r = 0;
		goto out;
	}
	if (*spec == '-') {
		if ((*out = sl_match_filter_denylist(def, spec + 1)) != NULL)
			r = 0;
		goto out;
	}
	if (*spec == '+')
		list = names_cat(def, spec + 1);
	else if (*spec == '^')
		list = names_cat(spec + 1, def);
	else
		list = sl_strdup(spec);
	if (list == NULL || (pats = sl_strdup(list)) == NULL)
		goto out;
	for (p = pats; (cp = strsep(&p, ",")) != NULL;) {
		if (*cp == '!') {
			r = SL_EINVAL;
			goto out;
		}
		if ((m = sl_match_filter_allowlist(all, cp)) == NULL)
			goto out;
		t = names_cat(ret, m);
		sl_free(m);
		if (t == NULL)
			goto out;
		sl_free(ret);
		ret = t;
	}
	if (ret == NULL || *ret == '\0') {
		r = SL_EINVAL;
		goto out;
	}
	*out = ret;
	ret = NULL;
	r = 0;
 out:
	sl_free(def);
	sl_free(all);
	sl_free(list);
	sl_free(pats);
	sl_free(ret);
	return r;
}
