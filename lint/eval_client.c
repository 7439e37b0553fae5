/* ssh_config evaluation (ssh -G). */
#include <string.h>

#include "lint/eval.h"
#include "lint/util/alloc.h"

struct sl_client {
	struct sl_ctx *ctx;
	int version;
	uint32_t top[2];
	size_t ntop;
};

int
sl_client_open(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *const *paths, size_t npaths, bool missing_ok, int version,
    struct sl_client **out)
{
	struct sl_client *c;
	struct sl_source *s;
	size_t i;
	int r;

	if ((c = sl_calloc(1, sizeof(*c))) == NULL)
		return SL_ENOMEM;
	c->ctx = ctx;
	c->version = version;
	for (i = 0; i < npaths && i < 2; i++) {
		r = sl_load_walked(ctx, opts, paths[i], SL_DIALECT_SSH, &s);
		if (r == SL_ENOTFOUND && missing_ok)
			continue;
		if (r != 0) {
			sl_free(c);
			return r;
		}
		c->top[c->ntop++] = s->id;
	}
	*out = c;
	return 0;
}

void
sl_client_free(struct sl_client *c)
{
	sl_free(c);
}

int
sl_client_eval(struct sl_client *c, const struct sl_client_query *q,
    struct sl_eff *out)
{
	(void)q;
	sl_eff_reset(out);
	out->version = c->version;
	return sl_eff_fail(out, SL_ORIGIN(SL_ORIGIN_DERIVED),
	    "client evaluation is not implemented yet");
}

size_t
sl_client_nhosts(const struct sl_client *c)
{
	(void)c;
	return 0;
}

const char *
sl_client_host(const struct sl_client *c, size_t i)
{
	(void)c;
	(void)i;
	return NULL;
}
