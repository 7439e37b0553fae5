/* Public entry points: lint a file or buffer, print the tree. */
#include <string.h>

#include "lint/analyze.h"
#include "lint/cst.h"
#include "lint/source.h"
#include "lint/util/alloc.h"
#include "lint/util/banned.h"
#include "lint/util/strbuf.h"
#include "sshlint/sshlint.h"

static bool
has_suffix(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);

	return a >= b && strcmp(s + a - b, suf) == 0;
}

enum sl_dialect
sl_dialect_guess(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (strncmp(base, "sshd_config", 11) == 0 ||
	    strstr(path, "sshd_config.d/") != NULL ||
	    has_suffix(base, "opensshserver.config"))
		return SL_DIALECT_SSHD;
	return SL_DIALECT_SSH;
}

/*
 * Is this the system-wide client configuration (relative Include paths go
 * to /etc/ssh, '~' is refused)? Only the real /etc/ssh/ssh_config and its
 * drop-ins are, or their copies under --sysroot; any other file is read
 * like 'ssh -F FILE' reads it, as a user configuration.
 */
static bool
is_system_client_config(const struct sl_lint_options *opts, const char *path)
{
	const char *p = path;
	size_t n;

	if (opts->system_config)
		return true;
	if (opts->sysroot != NULL) {
		/* DIR and DIR/ name the same root */
		for (n = strlen(opts->sysroot); n > 0 &&
		    opts->sysroot[n - 1] == '/'; n--)
			;
		if (strncmp(path, opts->sysroot, n) == 0)
			p = path + n;
	}
	return strcmp(p, "/etc/ssh/ssh_config") == 0 ||
	    strncmp(p, "/etc/ssh/ssh_config.d/", 22) == 0;
}

static int
lint_source(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *s, const char *path)
{
	if (s->dialect == SL_DIALECT_SSH)
		s->user_conf = !is_system_client_config(opts, path);
	return sl_lint_walk(ctx, opts, s);
}

/* Lint = the line checks of the walk, then the rules that evaluate. */
static int
lint_full(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    struct sl_source *s, const char *path)
{
	int r;

	if ((r = lint_source(ctx, opts, s, path)) != 0)
		return r;
	return sl_analyze(ctx, opts, s);
}

static enum sl_dialect
pick_dialect(const struct sl_lint_options *opts, const char *path)
{
	if (opts->dialect == SL_DIALECT_SSH || opts->dialect == SL_DIALECT_SSHD)
		return (enum sl_dialect)opts->dialect;
	return sl_dialect_guess(path);
}

int
sl_lint_file(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path)
{
	struct sl_source *s;
	int r;

	ctx->errmsg[0] = '\0';
	if ((r = sl_source_load(ctx, path, pick_dialect(opts, path), &s)) != 0)
		return r;
	return lint_full(ctx, opts, s, path);
}

int
sl_lint_buffer(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *name, const char *data, size_t len)
{
	struct sl_source *s;
	int r;

	ctx->errmsg[0] = '\0';
	if ((r = sl_source_add_buffer(ctx, name, data, len,
	    pick_dialect(opts, name), &s)) != 0)
		return r;
	return lint_full(ctx, opts, s, name);
}

int
sl_parse_reprint(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, FILE *out)
{
	struct sl_source *s;
	int r;

	if ((r = sl_source_load(ctx, path, pick_dialect(opts, path), &s)) != 0)
		return r;
	if (!sl_cst_tiles(s->cst)) {
		sl_ctx_set_error(ctx, "%s: internal error: tokens do not tile "
		    "the file", path);
		return SL_EINVAL;
	}
	return sl_cst_print(s->cst, out);
}

static void
json_span(struct sl_strbuf *sb, const struct sl_source *s, uint32_t a,
    uint32_t b)
{
	uint32_t l1, c1, l2, c2;

	sl_source_pos(s, a, &l1, &c1);
	sl_source_pos(s, b, &l2, &c2);
	sl_strbuf_addf(sb, "\"start\":%u,\"end\":%u,\"line\":%u,\"col\":%u,"
	    "\"end_line\":%u,\"end_col\":%u", a, b, l1, c1, l2, c2);
}

int
sl_parse_json(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, FILE *out)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	struct sl_source *s;
	const struct sl_file *f;
	const struct sl_line *ln;
	const struct sl_block *b;
	uint32_t i, j;
	int r;

	if ((r = sl_source_load(ctx, path, pick_dialect(opts, path), &s)) != 0)
		return r;
	f = s->cst;
	sl_strbuf_adds(&sb, "{\"path\":");
	sl_strbuf_add_json(&sb, s->path, strlen(s->path));
	sl_strbuf_addf(&sb, ",\"dialect\":\"%s\",\"bytes\":%zu,\"bom\":%s,"
	    "\"blocks\":[", s->dialect == SL_DIALECT_SSH ? "ssh" : "sshd",
	    s->len, f->bom ? "true" : "false");
	for (i = 0; i < f->nblocks; i++) {
		b = &f->blocks[i];
		sl_strbuf_addf(&sb, "%s{\"header_line\":%d,\"first_line\":%u,"
		    "\"end_line\":%u}", i ? "," : "",
		    b->header >= 0 ? (int)f->lines[b->header].lineno : 0,
		    b->first < f->nlines ? f->lines[b->first].lineno : 0,
		    b->last > 0 && b->last <= f->nlines ?
		    f->lines[b->last - 1].lineno : 0);
	}
	sl_strbuf_adds(&sb, "],\"lines\":[");
	for (i = 0; i < f->nlines; i++) {
		ln = &f->lines[i];
		sl_strbuf_addf(&sb, "%s\n{\"line\":%u,\"kind\":\"%s\","
		    "\"block\":%u,", i ? "," : "", ln->lineno,
		    sl_line_kind_name(ln->kind), ln->block);
		json_span(&sb, s, ln->start, ln->end);
		if (ln->keyword != NULL) {
			sl_strbuf_adds(&sb, ",\"keyword\":");
			sl_strbuf_add_json(&sb, ln->keyword, ln->keyword_len);
		}
		sl_strbuf_adds(&sb, ",\"args\":[");
		for (j = 0; j < ln->nargs; j++) {
			sl_strbuf_adds(&sb, j ? ",{\"value\":" : "{\"value\":");
			sl_strbuf_add_json(&sb, ln->args[j].val,
			    ln->args[j].len);
			sl_strbuf_adds(&sb, ",");
			json_span(&sb, s, ln->args[j].start, ln->args[j].end);
			sl_strbuf_adds(&sb, "}");
		}
		sl_strbuf_adds(&sb, "],\"tokens\":[");
		for (j = 0; j < ln->ntok; j++) {
			sl_strbuf_addf(&sb, "%s{\"kind\":\"%s\",\"start\":%u,"
			    "\"end\":%u,\"text\":", j ? "," : "",
			    sl_tok_kind_name(ln->tok[j].kind),
			    ln->tok[j].start, ln->tok[j].end);
			sl_strbuf_add_json(&sb, s->data + ln->tok[j].start,
			    ln->tok[j].end - ln->tok[j].start);
			sl_strbuf_adds(&sb, "}");
		}
		sl_strbuf_adds(&sb, "]}");
	}
	sl_strbuf_adds(&sb, "\n]}\n");
	if (sb.failed) {
		sl_strbuf_release(&sb);
		sl_ctx_set_error(ctx, "out of memory");
		return SL_ENOMEM;
	}
	r = fwrite(sb.buf, 1, sb.len, out) == sb.len ? 0 : SL_EIO;
	sl_strbuf_release(&sb);
	return r;
}

int
sl_load_walked(struct sl_ctx *ctx, const struct sl_lint_options *opts,
    const char *path, enum sl_dialect dialect, struct sl_source **out)
{
	struct sl_source *s;
	size_t before = ctx->nsrc;
	int r;

	ctx->errmsg[0] = '\0';
	if ((r = sl_source_load(ctx, path, dialect, &s)) != 0)
		return r;
	/* walk a file only the first time it is loaded */
	if (ctx->nsrc > before && (r = lint_source(ctx, opts, s, path)) != 0)
		return r;
	*out = s;
	return 0;
}
