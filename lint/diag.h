/* Internal diagnostics list. */
#ifndef SSHLINT_LINT_DIAG_H
#define SSHLINT_LINT_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "sshlint/diag.h"

enum sl_rule {
#define RULE(e, id, name, sev, fix, sum, expl) SL_RULE_##e,
#include "lint/rules.def"
#undef RULE
	SL_RULE__COUNT
};

struct sl_diags {
	struct sl_diag *v;
	size_t n, cap;
	int failed;	/* an allocation failed; the list is incomplete */
};

#define SL_DIAGS_INIT { NULL, 0, 0, 0 }

/* Add a finding with the rule's default severity. */
int sl_diag_add(struct sl_diags *d, enum sl_rule rule, uint32_t source_id,
    uint32_t start, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
int sl_diag_addv(struct sl_diags *d, enum sl_rule rule,
    enum sl_severity sev, uint32_t source_id, uint32_t start, uint32_t end,
    const char *fmt, va_list ap) __attribute__((format(printf, 7, 0)));
/* Add with an explicit severity. */
int sl_diag_add_sev(struct sl_diags *d, enum sl_rule rule,
    enum sl_severity sev, uint32_t source_id, uint32_t start, uint32_t end,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void sl_diags_release(struct sl_diags *d);

#endif
