/*
 * Lossless lexer and block structure for ssh_config and sshd_config.
 *
 * Each physical line is cut into tokens the way OpenSSH 9.2 reads it
 * (readconf.c process_config_line_depth(), servconf.c
 * process_server_config_line_depth(), misc.c strdelim() and argv_split()),
 * but every byte is kept: the tokens of all lines tile the file.
 */
#include "lint/cst.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "sshlint/sshlint.h"

#define NOPOS UINT32_MAX
/* Hard limit on the size of one file, to bound memory. */
#define SL_MAX_FILE_SIZE (256u * 1024 * 1024)

/* Temporary, growable vectors reused across the lines of a file. */
struct lexbuf {
	struct sl_token *tok;
	size_t ntok, captok;
	struct sl_arg *arg;
	size_t narg, caparg;
	char *cook;		/* cooked text of the current line */
	size_t ncook, capcook;
};

static bool
is_ws(char c)
{
	/* WHITESPACE of misc.c: " \t\r\n" */
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
push_tok(struct lexbuf *lb, enum sl_tok_kind kind, uint32_t start,
    uint32_t end)
{
	if (start == end && kind != SL_TOK_ARG)
		return 0;
	if (sl_grow(&lb->tok, &lb->captok, lb->ntok, sizeof(*lb->tok), 16))
		return SL_ENOMEM;
	lb->tok[lb->ntok].kind = kind;
	lb->tok[lb->ntok].start = start;
	lb->tok[lb->ntok].end = end;
	lb->ntok++;
	return 0;
}

static int
cook_reserve(struct lexbuf *lb, size_t extra)
{
	char *n;
	size_t ncap;

	if (lb->ncook + extra + 1 <= lb->capcook)
		return 0;
	ncap = lb->capcook ? lb->capcook : 256;
	while (ncap < lb->ncook + extra + 1)
		ncap *= 2;
	if ((n = sl_realloc(lb->cook, ncap)) == NULL)
		return SL_ENOMEM;
	lb->cook = n;
	lb->capcook = ncap;
	return 0;
}

/* Record an argument whose cooked text is cook[off, ncook). */
static int
push_arg(struct lexbuf *lb, size_t off, uint32_t start, uint32_t end)
{
	if (sl_grow(&lb->arg, &lb->caparg, lb->narg, sizeof(*lb->arg), 8))
		return SL_ENOMEM;
	/* val is an offset for now; fixed up when copied to the arena */
	lb->arg[lb->narg].val = (const char *)(uintptr_t)off;
	lb->arg[lb->narg].len = lb->ncook - off;
	lb->arg[lb->narg].start = start;
	lb->arg[lb->narg].end = end;
	lb->narg++;
	if (cook_reserve(lb, 1) != 0)
		return SL_ENOMEM;
	lb->cook[lb->ncook++] = '\0';
	return 0;
}

/*
 * strdelim() over b[p, e): one token. Returns 1 with the raw span
 * [*ts, *te_) and cooked text appended to lb->cook (NUL-terminated,
 * starting at *coff), and *next = where the next call starts (NOPOS for
 * "no more": the C code's NULL). Returns 0 when p is NOPOS, -1 for an
 * unterminated quote.
 */
static int
strdelim_span(struct lexbuf *lb, const char *b, uint32_t p, uint32_t e,
    bool split_equals, uint32_t *ts, uint32_t *te_, size_t *coff,
    uint32_t *next)
{
	uint32_t q, q2, n;
	bool wspace;

	if (p == NOPOS)
		return 0;
	*ts = p;
	*coff = lb->ncook;
	for (q = p; q < e; q++)
		if (is_ws(b[q]) || b[q] == '"' || (split_equals && b[q] == '='))
			break;
	if (cook_reserve(lb, (size_t)(e - p) + 1) != 0)
		return -2;
	if (q == e) {
		memcpy(lb->cook + lb->ncook, b + p, e - p);
		lb->ncook += e - p;
		lb->cook[lb->ncook++] = '\0';
		*te_ = e;
		*next = NOPOS;
		return 1;
	}
	if (b[q] == '"') {
		for (q2 = q + 1; q2 < e && b[q2] != '"'; q2++)
			;
		if (q2 == e) {
			*te_ = e;
			*next = NOPOS;
			return -1;
		}
		memcpy(lb->cook + lb->ncook, b + p, q - p);
		lb->ncook += q - p;
		memcpy(lb->cook + lb->ncook, b + q + 1, q2 - q - 1);
		lb->ncook += q2 - q - 1;
		lb->cook[lb->ncook++] = '\0';
		*te_ = q2 + 1;
		for (n = q2 + 1; n < e && is_ws(b[n]); n++)
			;
		*next = n;
		return 1;
	}
	wspace = split_equals && b[q] == '=';
	memcpy(lb->cook + lb->ncook, b + p, q - p);
	lb->ncook += q - p;
	lb->cook[lb->ncook++] = '\0';
	*te_ = q;
	for (n = q + 1; n < e && is_ws(b[n]); n++)
		;
	if (split_equals && n < e && b[n] == '=' && !wspace)
		for (n = n + 1; n < e && is_ws(b[n]); n++)
			;
	*next = n;
	return 1;
}

/*
 * argv_split(…, terminate_on_comment=1) over b[p, e), emitting ARG and WS
 * tokens, a trailing COMMENT, and cooked arguments. Returns 0, 1 for an
 * unterminated quote (the unterminated token becomes an ERROR token), or
 * SL_ENOMEM. With `emit` false only the quote check is made.
 */
static int
argv_split_span(struct lexbuf *lb, const char *b, uint32_t p, uint32_t e,
    bool emit)
{
	uint32_t i = p, ws_start = p, tstart;
	size_t off;
	char quote;

	for (;;) {
		while (i < e && (b[i] == ' ' || b[i] == '\t'))
			i++;
		if (emit && push_tok(lb, SL_TOK_WS, ws_start, i) != 0)
			return SL_ENOMEM;
		if (i >= e)
			return 0;
		if (b[i] == '#') {
			if (emit && push_tok(lb, SL_TOK_COMMENT, i, e) != 0)
				return SL_ENOMEM;
			return 0;
		}
		tstart = i;
		quote = 0;
		if (cook_reserve(lb, (size_t)(e - i) + 1) != 0)
			return SL_ENOMEM;
		off = lb->ncook;
		for (; i < e; i++) {
			if (b[i] == '\\') {
				if (i + 1 < e && (b[i + 1] == '\'' ||
				    b[i + 1] == '"' || b[i + 1] == '\\' ||
				    (quote == 0 && b[i + 1] == ' '))) {
					i++;
					lb->cook[lb->ncook++] = b[i];
				} else
					lb->cook[lb->ncook++] = b[i];
			} else if (quote == 0 && (b[i] == ' ' || b[i] == '\t'))
				break;
			else if (quote == 0 && (b[i] == '"' || b[i] == '\''))
				quote = b[i];
			else if (quote != 0 && b[i] == quote)
				quote = 0;
			else
				lb->cook[lb->ncook++] = b[i];
		}
		if (quote != 0) {
			lb->ncook = off;
			if (emit && push_tok(lb, SL_TOK_ERROR, tstart, e) != 0)
				return SL_ENOMEM;
			return 1;
		}
		if (emit) {
			if (push_tok(lb, SL_TOK_ARG, tstart, i) != 0 ||
			    push_arg(lb, off, tstart, i) != 0)
				return SL_ENOMEM;
		} else
			lb->ncook = off;
		ws_start = i;
	}
}

/*
 * The 9.2 Match tokeniser: strdelim() (splits on blanks and '=', double
 * quotes only, no escapes) until an empty token; a token starting with
 * '#' ends the line.
 */
static int
match_split_span(struct lexbuf *lb, const char *b, uint32_t p, uint32_t e,
    uint32_t *flags)
{
	uint32_t ts, te_, next, prev_end = p;
	size_t off;
	int r;

	for (;;) {
		r = strdelim_span(lb, b, p, e, true, &ts, &te_, &off, &next);
		if (r == -2)
			return SL_ENOMEM;
		if (r == 0)
			break;
		if (r < 0) {
			/* unterminated: OpenSSH stops here */
			if (push_tok(lb, SL_TOK_WS, prev_end, ts) != 0 ||
			    push_tok(lb, SL_TOK_ERROR, ts, e) != 0)
				return SL_ENOMEM;
			return 0;
		}
		if (lb->cook[off] == '\0') {
			lb->ncook = off;
			/* an empty token ends the criteria list */
			if (push_tok(lb, SL_TOK_WS, prev_end, ts) != 0)
				return SL_ENOMEM;
			if (ts < e && te_ > ts) {
				/* "" : the quotes are an empty argument */
				if (push_tok(lb, SL_TOK_ARG, ts, te_) != 0 ||
				    push_arg(lb, off, ts, te_) != 0)
					return SL_ENOMEM;
				ts = te_;
			}
			if (ts < e) {
				*flags |= SL_LF_MATCH_UNCONSUMED;
				if (push_tok(lb, SL_TOK_ERROR, ts, e) != 0)
					return SL_ENOMEM;
			}
			return 0;
		}
		if (push_tok(lb, SL_TOK_WS, prev_end, ts) != 0)
			return SL_ENOMEM;
		if (lb->cook[off] == '#') {
			lb->ncook = off;
			return push_tok(lb, SL_TOK_COMMENT, ts, e);
		}
		if (push_tok(lb, SL_TOK_ARG, ts, te_) != 0 ||
		    push_arg(lb, off, ts, te_) != 0)
			return SL_ENOMEM;
		prev_end = te_;
		if (next == NOPOS) {
			/* the token ran to the end of the content */
			return push_tok(lb, SL_TOK_WS, te_, e);
		}
		p = next;
		if (p >= e) {
			return push_tok(lb, SL_TOK_WS, prev_end, e);
		}
	}
	return push_tok(lb, SL_TOK_WS, prev_end, e);
}

static bool
all_blank(const char *b, uint32_t s, uint32_t e)
{
	for (; s < e; s++)
		if (!is_ws(b[s]))
			return false;
	return true;
}

/* Lex the line [ls, le) whose EOL is [le, eolend). */
static int
lex_line(struct sl_file *f, struct lexbuf *lb, struct sl_line *ln,
    uint32_t ls, uint32_t le, uint32_t eolend)
{
	const char *b = f->data;
	const struct sl_keyword *kw;
	uint32_t ce, te, ts, kte, next, str, rs, i;
	size_t off, kwoff = 0;
	int r;

	lb->ntok = lb->narg = lb->ncook = 0;
	memset(ln, 0, sizeof(*ln));
	ln->start = ls;
	ln->end = eolend;
	ln->kw_tok = -1;

	/* content ends at the first NUL */
	ce = le;
	if (memchr(b + ls, '\0', le - ls) != NULL) {
		ce = ls + (uint32_t)((const char *)memchr(b + ls, '\0',
		    le - ls) - (b + ls));
		ln->flags |= SL_LF_NUL;
	}
	/* strip trailing " \t\r\n\f", never the first character */
	te = ce;
	while (te > ls + 1 && (is_ws(b[te - 1]) || b[te - 1] == '\f'))
		te--;
	ln->content_end = te;

	if (all_blank(b, ls, te)) {
		ln->kind = SL_LINE_BLANK;
		if ((r = push_tok(lb, SL_TOK_INDENT, ls, te)) != 0)
			return r;
		goto tail;
	}

	/* keyword: strdelim(), and a second one if the first is empty */
	r = strdelim_span(lb, b, ls, te, true, &ts, &kte, &off, &next);
	if (r == -2)
		return SL_ENOMEM;
	if (r == 1 && lb->cook[off] == '\0') {
		lb->ncook = off;
		r = strdelim_span(lb, b, next, te, true, &ts, &kte, &off,
		    &next);
		if (r == -2)
			return SL_ENOMEM;
	}
	if (r != 1) {
		/* NULL keyword: unterminated quote, or nothing at all */
		ln->kind = SL_LINE_ERROR;
		ln->flags |= r < 0 ? SL_LF_KW_UNTERMINATED : SL_LF_EMPTY_KEYWORD;
		if ((r = push_tok(lb, SL_TOK_ERROR, ls, te)) != 0)
			return r;
		goto tail;
	}
	kwoff = off;
	if (lb->cook[off] == '\0' || lb->cook[off] == '#') {
		if (lb->cook[off] == '#') {
			ln->kind = SL_LINE_COMMENT;
			if ((r = push_tok(lb, SL_TOK_INDENT, ls, ts)) != 0 ||
			    (r = push_tok(lb, SL_TOK_COMMENT, ts, te)) != 0)
				return r;
		} else {
			ln->kind = SL_LINE_ERROR;
			ln->flags |= SL_LF_EMPTY_KEYWORD;
			if ((r = push_tok(lb, SL_TOK_ERROR, ls, te)) != 0)
				return r;
		}
		lb->ncook = off;
		goto tail;
	}

	ln->kind = SL_LINE_DIRECTIVE;
	if ((r = push_tok(lb, SL_TOK_INDENT, ls, ts)) != 0)
		return r;
	ln->kw_tok = (int32_t)lb->ntok;
	if ((r = push_tok(lb, SL_TOK_KEYWORD, ts, kte)) != 0)
		return r;
	ln->keyword_len = (uint32_t)strlen(lb->cook + kwoff);

	/* remainder: skip WHITESPACE */
	str = next;
	if (str != NOPOS)
		while (str < te && is_ws(b[str]))
			str++;
	if (str == NOPOS || str >= te) {
		ln->flags |= SL_LF_NO_ARGUMENT;
		ln->args_start = te;
		if ((r = push_tok(lb, SL_TOK_SEP, kte, te)) != 0)
			return r;
		goto tail;
	}

	kw = sl_kw_lookup_any(f->dialect, lb->cook + kwoff, ln->keyword_len);
	/* the quote check runs on every keyword */
	if ((r = argv_split_span(lb, b, str, te, false)) < 0)
		return r;
	if (r == 1)
		ln->flags |= SL_LF_INVALID_QUOTES;
	if (kw != NULL && (kw->flags & SL_KWF_INCLUDE))
		ln->kind = SL_LINE_INCLUDE;

	if (kw != NULL && (kw->flags & SL_KWF_RAW)) {
		rs = str;
		while (rs < te && (is_ws(b[rs]) ||
		    (f->dialect == SL_DIALECT_SSH && b[rs] == '=')))
			rs++;
		ln->args_start = rs;
		if ((r = push_tok(lb, SL_TOK_SEP, kte, rs)) != 0 ||
		    (r = push_tok(lb, SL_TOK_ARG, rs, te)) != 0)
			return r;
		if ((r = cook_reserve(lb, te - rs + 1)) != 0)
			return r;
		off = lb->ncook;
		memcpy(lb->cook + off, b + rs, te - rs);
		lb->ncook += te - rs;
		if ((r = push_arg(lb, off, rs, te)) != 0)
			return r;
	} else if (kw != NULL && (kw->flags & SL_KWF_MATCH)) {
		ln->args_start = str;
		if ((r = push_tok(lb, SL_TOK_SEP, kte, str)) != 0)
			return r;
		if ((r = match_split_span(lb, b, str, te, &ln->flags)) != 0)
			return r;
	} else {
		ln->args_start = str;
		if ((r = push_tok(lb, SL_TOK_SEP, kte, str)) != 0)
			return r;
		if ((r = argv_split_span(lb, b, str, te, true)) < 0)
			return r;
	}

 tail:
	if ((r = push_tok(lb, SL_TOK_WS, te, ce)) != 0 ||
	    (r = push_tok(lb, SL_TOK_ERROR, ce, le)) != 0 ||
	    (r = push_tok(lb, SL_TOK_EOL, le, eolend)) != 0)
		return r;

	/* move to the arena */
	if (lb->ntok) {
		ln->tok = sl_arena_alloc(&f->arena, lb->ntok * sizeof(*ln->tok));
		if (ln->tok == NULL)
			return SL_ENOMEM;
		memcpy(ln->tok, lb->tok, lb->ntok * sizeof(*ln->tok));
		ln->ntok = (uint32_t)lb->ntok;
	}
	if (lb->ncook) {
		char *cook = sl_arena_alloc(&f->arena, lb->ncook);

		if (cook == NULL)
			return SL_ENOMEM;
		memcpy(cook, lb->cook, lb->ncook);
		if (ln->kw_tok >= 0)
			ln->keyword = cook + kwoff;
		if (lb->narg) {
			ln->args = sl_arena_alloc(&f->arena,
			    lb->narg * sizeof(*ln->args));
			if (ln->args == NULL)
				return SL_ENOMEM;
			for (i = 0; i < lb->narg; i++) {
				ln->args[i] = lb->arg[i];
				ln->args[i].val = cook +
				    (uintptr_t)lb->arg[i].val;
			}
			ln->nargs = (uint32_t)lb->narg;
		}
	}
	return 0;
}

static bool
is_block_start(const struct sl_file *f, const struct sl_line *ln)
{
	const struct sl_keyword *kw;

	if (ln->kind != SL_LINE_DIRECTIVE || ln->keyword == NULL)
		return false;
	kw = sl_kw_lookup_any(f->dialect, ln->keyword, ln->keyword_len);
	if (kw == NULL)
		return false;
	if (kw->flags & SL_KWF_MATCH)
		return true;
	return (kw->flags & SL_KWF_HOST) && f->dialect == SL_DIALECT_SSH;
}

static int
build_blocks(struct sl_file *f)
{
	uint32_t i, nb = 1, b = 0;

	for (i = 0; i < f->nlines; i++)
		if (is_block_start(f, &f->lines[i]))
			nb++;
	f->blocks = sl_arena_calloc(&f->arena, nb * sizeof(*f->blocks));
	if (f->blocks == NULL)
		return SL_ENOMEM;
	f->blocks[0].header = -1;
	f->blocks[0].first = 0;
	for (i = 0; i < f->nlines; i++) {
		if (is_block_start(f, &f->lines[i])) {
			f->blocks[b].last = i;
			b++;
			f->blocks[b].header = (int32_t)i;
			f->blocks[b].first = i;
		}
		f->lines[i].block = b;
	}
	f->blocks[b].last = f->nlines;
	f->nblocks = nb;
	return 0;
}

int
sl_cst_parse(struct sl_file **out, const char *data, size_t len,
    enum sl_dialect dialect)
{
	struct sl_file *f = NULL;
	struct lexbuf lb;
	const char *nl;
	uint32_t pos = 0, le, eolend, nlines = 0, cap = 0, lineno = 0;
	struct sl_line *lines = NULL, *nlv;
	int r = SL_ENOMEM;

	memset(&lb, 0, sizeof(lb));
	*out = NULL;
	if (len > SL_MAX_FILE_SIZE)
		return SL_ELIMIT;
	if ((f = sl_calloc(1, sizeof(*f))) == NULL)
		goto out;
	f->data = data;
	f->len = len;
	f->dialect = dialect;
	f->bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0;

	while (pos < len) {
		nl = memchr(data + pos, '\n', len - pos);
		if (nl != NULL) {
			eolend = (uint32_t)(nl - data) + 1;
			le = eolend - 1;
			if (le > pos && data[le - 1] == '\r')
				le--;
		} else
			le = eolend = (uint32_t)len;
		if (nlines == cap) {
			cap = cap ? cap * 2 : 64;
			nlv = sl_reallocarray(lines, cap, sizeof(*lines));
			if (nlv == NULL)
				goto out;
			lines = nlv;
		}
		if ((r = lex_line(f, &lb, &lines[nlines], pos, le,
		    eolend)) != 0)
			goto out;
		lines[nlines].lineno = ++lineno;
		nlines++;
		pos = eolend;
	}
	r = SL_ENOMEM;
	if (nlines) {
		f->lines = sl_arena_alloc(&f->arena, nlines * sizeof(*lines));
		if (f->lines == NULL)
			goto out;
		memcpy(f->lines, lines, nlines * sizeof(*lines));
	}
	f->nlines = nlines;
	if ((r = build_blocks(f)) != 0)
		goto out;
	*out = f;
	f = NULL;
	r = 0;
 out:
	sl_free(lines);
	sl_free(lb.tok);
	sl_free(lb.arg);
	sl_free(lb.cook);
	sl_cst_free(f);
	return r;
}

void
sl_cst_free(struct sl_file *f)
{
	if (f == NULL)
		return;
	sl_arena_release(&f->arena);
	sl_free(f);
}

bool
sl_cst_tiles(const struct sl_file *f)
{
	uint32_t pos = 0, i, j;
	const struct sl_line *ln;

	for (i = 0; i < f->nlines; i++) {
		ln = &f->lines[i];
		if (ln->start != pos)
			return false;
		for (j = 0; j < ln->ntok; j++) {
			if (ln->tok[j].start != pos ||
			    ln->tok[j].end < ln->tok[j].start)
				return false;
			pos = ln->tok[j].end;
		}
		if (pos != ln->end)
			return false;
	}
	return pos == f->len;
}

int
sl_cst_print(const struct sl_file *f, FILE *out)
{
	uint32_t i, j;
	const struct sl_line *ln;
	const struct sl_token *t;

	for (i = 0; i < f->nlines; i++) {
		ln = &f->lines[i];
		for (j = 0; j < ln->ntok; j++) {
			t = &ln->tok[j];
			if (t->end > t->start && fwrite(f->data + t->start, 1,
			    t->end - t->start, out) != t->end - t->start)
				return SL_EIO;
		}
	}
	return 0;
}

const char *
sl_tok_kind_name(enum sl_tok_kind k)
{
	static const char *const names[] = {
		"indent", "keyword", "sep", "arg", "ws", "comment", "eol",
		"error",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ?
	    names[k] : "?";
}

const char *
sl_line_kind_name(enum sl_line_kind k)
{
	static const char *const names[] = {
		"blank", "comment", "directive", "include", "error",
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ?
	    names[k] : "?";
}
