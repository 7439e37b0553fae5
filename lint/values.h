/*
 * Argument validation for one directive, as OpenSSH's readconf.c /
 * servconf.c parse it: argument counts, flags, enums, integers, ports,
 * times, algorithm lists, forwarding specs ... per release range.
 *
 * The parser (lint/parse.c) handles everything about the line itself:
 * invalid quotes, "no argument after keyword", unknown keywords, dialect,
 * Match scope, deprecated/unsupported/renamed keywords, version ranges of
 * keywords, Host/Match/Include lines. This module gets the arguments of a
 * known keyword and reports what is wrong with them.
 */
#ifndef SSHLINT_LINT_VALUES_H
#define SSHLINT_LINT_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lint/diag.h"
#include "lint/keywords.h"

/* One argument of a directive. */
struct sl_arg {
	const char *val;	/* cooked (unquoted, unescaped) value, NUL-terminated */
	size_t len;		/* cooked length */
	uint32_t start, end;	/* byte span of the raw token in the source */
};

struct sl_check {
	struct sl_diags *diags;
	uint32_t source_id;
	enum sl_dialect dialect;
	int version_min, version_max;	/* targeted release range (SL_VERSION) */
	bool debian;		/* accept Debian-patched names/values */
	bool in_block;		/* inside Host/Match (ssh) or Match (sshd) */
	uint32_t kw_start, kw_end;	/* span of the keyword token */
	uint32_t line_end;	/* end of the line's content (before EOL/comment) */
	struct sl_check_state *state;	/* per top-level config; may be NULL */
};

/* Cross-line state (e.g. sshd Subsystem names already defined). */
struct sl_check_state *sl_check_state_new(void);
void sl_check_state_free(struct sl_check_state *st);

/*
 * Check the arguments of a directive whose keyword row is `kw`. For SL_KWF_RAW
 * keywords `args` holds one element: the raw rest of the line. `nargs` is
 * >= 1 (the parser reports lines without arguments). Findings go to
 * c->diags with spans inside the directive. Returns 0, or SL_ENOMEM.
 */
int sl_check_directive(const struct sl_check *c, const struct sl_keyword *kw,
    const struct sl_arg *args, size_t nargs);

/*
 * ---- Added by the values module (not in the original interface) ----
 *
 * The whole-configuration check sshd makes on AuthenticationMethods after
 * reading sshd_config (sshd.c): at least one method list must use only
 * enabled methods ("AuthenticationMethods cannot be satisfied by enabled
 * authentication methods"). Uses what sl_check_directive() recorded in
 * c->state for the top-level (non-Match) lines; call it once after the last
 * directive of a top-level sshd config with the same state. Only c->diags,
 * c->dialect and c->state are used. No-op for ssh_config. Returns 0 or
 * SL_ENOMEM. (AuthorizedKeysCommand without its User is checked in
 * lint/check.c.)
 */
int sl_check_finish(const struct sl_check *c);

#endif
