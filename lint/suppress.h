/*
 * Inline suppression comments:
 *   # sshlint: disable=ID[,ID...]        the next directive line, or the
 *                                        whole block right after Host/Match
 *   # sshlint: disable-file=ID[,ID...]   the whole file
 * ID is a rule id (SSH301) or kebab name (root-login), or "all". Text after
 * the list (separated by a blank) is a free-form reason.
 */
#ifndef SSHLINT_LINT_SUPPRESS_H
#define SSHLINT_LINT_SUPPRESS_H

#include <stddef.h>
#include <stdint.h>

enum sl_sup_kind {
	SL_SUP_NONE,		/* not an sshlint comment */
	SL_SUP_NEXT,		/* disable= */
	SL_SUP_FILE,		/* disable-file= */
	SL_SUP_BAD,		/* "sshlint:" with an unknown directive or
				 * no rule after '=' */
};

#define SL_SUP_ALL	(-1)	/* "all" */
#define SL_SUP_UNKNOWN	(-2)	/* not a rule of the registry */
#define SL_SUP_MAX_IDS	64

struct sl_sup_id {
	uint32_t off, len;	/* the id's bytes, relative to the comment */
	int rule;		/* registry index, SL_SUP_ALL or SL_SUP_UNKNOWN */
};

struct sl_sup_comment {
	enum sl_sup_kind kind;
	uint32_t word_off, word_len;	/* directive word ("disable") */
	struct sl_sup_id ids[SL_SUP_MAX_IDS];
	size_t nids;
};

/*
 * Parse one comment (`text` starts at its '#', `len` bytes, no end of
 * line). Returns out->kind.
 */
enum sl_sup_kind sl_sup_parse(const char *text, size_t len,
    struct sl_sup_comment *out);

#endif
