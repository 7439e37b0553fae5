/*
 * Lossless concrete syntax tree of one configuration file.
 *
 * Every byte of the source belongs to exactly one token; printing the
 * tokens of all lines in order gives the file back byte for byte. Blocks
 * follow OpenSSH (a Host/Match line opens a block that runs to the next
 * Host/Match line or the end of the file), not indentation.
 */
#ifndef SSHLINT_LINT_CST_H
#define SSHLINT_LINT_CST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lint/keywords.h"
#include "lint/util/arena.h"
#include "lint/values.h"

enum sl_tok_kind {
	SL_TOK_INDENT,	/* bytes before the keyword */
	SL_TOK_KEYWORD,
	SL_TOK_SEP,	/* blanks and '=' between keyword and first argument */
	SL_TOK_ARG,
	SL_TOK_WS,	/* blanks between arguments, trailing blanks */
	SL_TOK_COMMENT,	/* '#' comment (whole-line or trailing) */
	SL_TOK_EOL,	/* "\n" or "\r\n" */
	SL_TOK_ERROR,	/* bytes OpenSSH never sees (after a NUL) or an
			 * unterminated quoted token */
};

struct sl_token {
	enum sl_tok_kind kind;
	uint32_t start, end;	/* byte span in the source */
};

enum sl_line_kind {
	SL_LINE_BLANK,
	SL_LINE_COMMENT,
	SL_LINE_DIRECTIVE,
	SL_LINE_INCLUDE,
	SL_LINE_ERROR,		/* a line OpenSSH skips or cannot read */
};

/* Line flags */
#define SL_LF_INVALID_QUOTES	0x01	/* argv_split would fail */
#define SL_LF_NUL		0x02	/* contains a NUL byte */
#define SL_LF_KW_UNTERMINATED	0x04	/* keyword has an unterminated quote:
					 * OpenSSH silently skips the line */
#define SL_LF_EMPTY_KEYWORD	0x08	/* e.g. "= =User x": skipped */
#define SL_LF_NO_ARGUMENT	0x10	/* keyword without argument */
#define SL_LF_MATCH_UNCONSUMED	0x20	/* Match tokenisation stopped early */

struct sl_line {
	enum sl_line_kind kind;
	uint32_t flags;		/* SL_LF_* */
	uint32_t lineno;	/* 1-based */
	uint32_t start, end;	/* span including the EOL */
	uint32_t content_end;	/* end of what OpenSSH parses (NUL, trailing
				 * blanks excluded) */
	struct sl_token *tok;
	uint32_t ntok;
	int32_t kw_tok;		/* index of the KEYWORD token, or -1 */
	const char *keyword;	/* cooked keyword, or NULL */
	uint32_t keyword_len;
	struct sl_arg *args;	/* cooked arguments */
	uint32_t nargs;
	uint32_t args_start;	/* where the argument text starts (after SEP) */
	uint32_t block;		/* index of the block the line belongs to */
	uint32_t *includes;	/* INCLUDE: source ids resolved (set later) */
	uint32_t nincludes;
};

struct sl_block {
	int32_t header;		/* line index of the Host/Match line; -1 = global */
	uint32_t first, last;	/* line index range [first, last) */
};

struct sl_file {
	struct sl_arena arena;
	const char *data;	/* the source bytes (not owned) */
	size_t len;
	enum sl_dialect dialect;
	struct sl_line *lines;
	uint32_t nlines;
	struct sl_block *blocks;
	uint32_t nblocks;
	bool bom;		/* starts with a UTF-8 BOM */
};

/*
 * Parse `len` bytes of `data` (kept by reference) in `dialect`. Returns 0
 * and *out, or SL_ENOMEM / SL_ELIMIT. Never fails on content.
 */
int sl_cst_parse(struct sl_file **out, const char *data, size_t len,
    enum sl_dialect dialect);
void sl_cst_free(struct sl_file *f);

/* Write the tokens back; returns 0 or SL_EIO. Checks tiling as it goes. */
int sl_cst_print(const struct sl_file *f, FILE *out);

/* Does the token list tile [0, len) exactly? (round-trip invariant) */
bool sl_cst_tiles(const struct sl_file *f);

const char *sl_tok_kind_name(enum sl_tok_kind k);
const char *sl_line_kind_name(enum sl_line_kind k);

#endif
