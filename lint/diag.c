#include "lint/diag.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "sshlint/sshlint.h"

static const struct sl_rule_info rules[] = {
#define RULE(e, id, name, sev, fix, sum, expl) \
	{ id, name, SL_SEV_##sev, fix, sum, expl },
#include "lint/rules.def"
#undef RULE
};

size_t
sl_rules_count(void)
{
	return sizeof(rules) / sizeof(rules[0]);
}

const struct sl_rule_info *
sl_rule_at(size_t i)
{
	return i < sl_rules_count() ? &rules[i] : NULL;
}

const struct sl_rule_info *
sl_rule_find(const char *s)
{
	size_t i;

	for (i = 0; i < sl_rules_count(); i++)
		if (strcasecmp(rules[i].id, s) == 0 ||
		    strcmp(rules[i].name, s) == 0)
			return &rules[i];
	return NULL;
}

const char *
sl_severity_name(enum sl_severity s)
{
	switch (s) {
	case SL_SEV_ERROR:
		return "error";
	case SL_SEV_WARNING:
		return "warning";
	default:
		return "info";
	}
}

int
sl_diag_addv(struct sl_diags *d, enum sl_rule rule, enum sl_severity sev,
    uint32_t source_id, uint32_t start, uint32_t end, const char *fmt,
    va_list ap)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	struct sl_diag *n;

	if (sl_grow(&d->v, &d->cap, d->n, sizeof(*d->v), 16))
		goto fail;
	sl_strbuf_vaddf(&sb, fmt, ap);
	n = &d->v[d->n];
	memset(n, 0, sizeof(*n));
	if ((n->message = sl_strbuf_detach(&sb)) == NULL)
		goto fail;
	n->rule = (int)rule;
	n->severity = sev;
	n->source_id = source_id;
	n->start = start;
	n->end = end < start ? start : end;
	d->n++;
	return 0;
 fail:
	d->failed = 1;
	return SL_ENOMEM;
}

int
sl_diag_add(struct sl_diags *d, enum sl_rule rule, uint32_t source_id,
    uint32_t start, uint32_t end, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sl_diag_addv(d, rule, rules[rule].severity, source_id, start, end,
	    fmt, ap);
	va_end(ap);
	return r;
}

int
sl_diag_add_sev(struct sl_diags *d, enum sl_rule rule, enum sl_severity sev,
    uint32_t source_id, uint32_t start, uint32_t end, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sl_diag_addv(d, rule, sev, source_id, start, end, fmt, ap);
	va_end(ap);
	return r;
}

void
sl_diags_release(struct sl_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		sl_free(d->v[i].message);
	sl_free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
	d->failed = 0;
}
