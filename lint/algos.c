/*
 * Algorithm names and defaults per OpenSSH release: lookups over the
 * generated tables of lint/algos_data.c.
 */
#include "lint/algos.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lint/util/banned.h"

static const char *const no_names[1] = { NULL };

static struct sl_namelist
empty_list(void)
{
	struct sl_namelist l = { no_names, 0 };

	return l;
}

/* The newest upstream release <= version, or NULL. */
static const struct sl_algo_release *
upstream_for(int version)
{
	const struct sl_algo_release *r = NULL;
	size_t i;

	for (i = 0; i < sl_algo_nupstream; i++) {
		if (sl_algo_upstream[i].version > version)
			break;
		r = &sl_algo_upstream[i];
	}
	return r;
}

/* The Debian row for the same release as `up`, or NULL. */
static const struct sl_algo_release *
debian_for(const struct sl_algo_release *up)
{
	size_t i;

	for (i = 0; i < sl_algo_ndebian; i++) {
		if (sl_algo_debian[i].version == up->version)
			return &sl_algo_debian[i];
	}
	return NULL;
}

static struct sl_namelist
pick(const struct sl_namelist *up, const struct sl_namelist *deb)
{
	if (deb != NULL && deb->names != NULL)
		return *deb;
	if (up->names != NULL)
		return *up;
	return empty_list();
}

struct sl_namelist
sl_algo_supported(int version, enum sl_algo_kind kind, bool debian)
{
	const struct sl_algo_release *up, *deb = NULL;

	if ((unsigned)kind >= SL_AK__COUNT ||
	    (up = upstream_for(version)) == NULL)
		return empty_list();
	if (debian)
		deb = debian_for(up);
	return pick(&up->supported[kind],
	    deb != NULL ? &deb->supported[kind] : NULL);
}

struct sl_namelist
sl_algo_default(int version, bool server, enum sl_algo_opt opt, bool debian)
{
	const struct sl_algo_release *up, *deb = NULL;
	int side = server ? 1 : 0;

	if ((unsigned)opt >= SL_AO__COUNT ||
	    (up = upstream_for(version)) == NULL)
		return empty_list();
	if (debian)
		deb = debian_for(up);
	return pick(&up->defaults[side][opt],
	    deb != NULL ? &deb->defaults[side][opt] : NULL);
}

struct sl_namelist
sl_algo_gss_kex_default(int version, bool debian)
{
	const struct sl_algo_release *up, *deb;

	if (!debian || (up = upstream_for(version)) == NULL ||
	    (deb = debian_for(up)) == NULL)
		return empty_list();
	return pick(&up->gss_default, &deb->gss_default);
}

static bool
list_has(const struct sl_namelist *l, const char *name)
{
	size_t i;

	if (l->names == NULL)
		return false;
	for (i = 0; i < l->n; i++) {
		if (strcmp(l->names[i], name) == 0)
			return true;
	}
	return false;
}

bool
sl_algo_is_supported(int version, enum sl_algo_kind kind, const char *name,
    bool debian)
{
	struct sl_namelist l;

	if (name == NULL)
		return false;
	l = sl_algo_supported(version, kind, debian);
	return list_has(&l, name);
}

/* First and last row of `rows` whose `kind` list has `name`. */
static bool
span(const struct sl_algo_release *rows, size_t nrows,
    enum sl_algo_kind kind, const char *name, int *first, int *last)
{
	bool found = false;
	size_t i;

	for (i = 0; i < nrows; i++) {
		if (!list_has(&rows[i].supported[kind], name))
			continue;
		if (!found && first != NULL)
			*first = rows[i].version;
		if (last != NULL)
			*last = rows[i].version;
		found = true;
	}
	return found;
}

/*
 * Upstream releases decide. A name no upstream release knows (the Debian
 * GSSAPI kex names, for one) is looked up in the Debian rows instead.
 */
bool
sl_algo_lifetime(enum sl_algo_kind kind, const char *name, int *first,
    int *last)
{
	if ((unsigned)kind >= SL_AK__COUNT || name == NULL)
		return false;
	if (span(sl_algo_upstream, sl_algo_nupstream, kind, name, first, last))
		return true;
	return span(sl_algo_debian, sl_algo_ndebian, kind, name, first, last);
}

const int *
sl_algo_releases(size_t *n)
{
	if (n != NULL)
		*n = sl_algo_nupstream;
	return sl_algo_release_versions;
}
