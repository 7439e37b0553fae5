/* Loading files into the context; positions. */
#include "lint/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"

#define SL_MAX_READ (256u * 1024 * 1024)

void
sl_ctx_set_error(struct sl_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
}

static int
add_source(struct sl_ctx *ctx, struct sl_source *s)
{
	if (ctx->nsrc >= SL_MAX_SOURCES) {
		sl_ctx_set_error(ctx, "too many files (limit %d)",
		    SL_MAX_SOURCES);
		return SL_ELIMIT;
	}
	if (sl_grow(&ctx->src, &ctx->capsrc, ctx->nsrc, sizeof(*ctx->src), 8))
		return SL_ENOMEM;
	s->id = (uint32_t)ctx->nsrc;
	ctx->src[ctx->nsrc++] = s;
	return 0;
}

static void
source_free(struct sl_source *s)
{
	if (s == NULL)
		return;
	sl_cst_free(s->cst);
	sl_free(s->path);
	sl_free(s->data);
	sl_free(s);
}

static int
finish_source(struct sl_ctx *ctx, struct sl_source *s)
{
	int r;

	if ((r = sl_cst_parse(&s->cst, s->data, s->len, s->dialect)) != 0) {
		sl_ctx_set_error(ctx, "%s: %s", s->path, sl_strerror(r));
		return r;
	}
	return add_source(ctx, s);
}

int
sl_source_add_buffer(struct sl_ctx *ctx, const char *name, const char *data,
    size_t len, enum sl_dialect dialect, struct sl_source **out)
{
	struct sl_source *s = NULL;
	int r = SL_ENOMEM;

	*out = NULL;
	if (len > SL_MAX_READ) {
		sl_ctx_set_error(ctx, "%s: file too large", name);
		return SL_ELIMIT;
	}
	if ((s = sl_calloc(1, sizeof(*s))) == NULL ||
	    (s->path = sl_strdup(name)) == NULL ||
	    (s->data = sl_malloc(len + 1)) == NULL)
		goto out;
	memcpy(s->data, data, len);
	s->data[len] = '\0';
	s->len = len;
	s->dialect = dialect;
	s->user_conf = true;
	if ((r = finish_source(ctx, s)) != 0)
		goto out;
	*out = s;
	s = NULL;
 out:
	if (r == SL_ENOMEM && ctx->errmsg[0] == '\0')
		sl_ctx_set_error(ctx, "out of memory");
	source_free(s);
	return r;
}

int
sl_source_load(struct sl_ctx *ctx, const char *path, enum sl_dialect dialect,
    struct sl_source **out)
{
	struct sl_source *s = NULL;
	struct stat st;
	size_t i, cap = 0, len = 0;
	ssize_t n;
	char *buf = NULL, *nb;
	int fd = -1, r = SL_EIO;

	*out = NULL;
	/* O_NONBLOCK: a FIFO given as a path must not hang us */
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) ==
	    -1) {
		r = errno == ENOENT ? SL_ENOTFOUND : SL_EIO;
		sl_ctx_set_error(ctx, "%s: cannot open: %s", path,
		    strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		sl_ctx_set_error(ctx, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		sl_ctx_set_error(ctx, "%s: not a regular file (%s)", path,
		    S_ISDIR(st.st_mode) ? "a directory" :
		    S_ISFIFO(st.st_mode) ? "a FIFO" :
		    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" :
		    "special file");
		goto out;
	}
	for (i = 0; i < ctx->nsrc; i++) {
		if (ctx->src[i]->data != NULL && ctx->src[i]->dev == st.st_dev &&
		    ctx->src[i]->ino == st.st_ino && ctx->src[i]->ino != 0) {
			*out = ctx->src[i];
			r = 0;
			goto out;
		}
	}
	if (st.st_size > (off_t)SL_MAX_READ) {
		sl_ctx_set_error(ctx, "%s: file too large (%lld bytes, limit "
		    "%u)", path, (long long)st.st_size, SL_MAX_READ);
		r = SL_ELIMIT;
		goto out;
	}
	for (i = 0; i < ctx->nov; i++)
		if (strcmp(ctx->ov[i].path, path) == 0)
			break;
	if (i < ctx->nov) {
		/* the rewriter's candidate instead of the bytes on disk */
		r = SL_ENOMEM;
		if ((buf = sl_malloc(ctx->ov[i].len + 1)) == NULL)
			goto out;
		memcpy(buf, ctx->ov[i].data, ctx->ov[i].len);
		len = ctx->ov[i].len;
		goto loaded;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	for (;;) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : (size_t)st.st_size + 4096;
			if (cap > SL_MAX_READ + 1)
				cap = SL_MAX_READ + 1;
			if (len + 1 >= cap) {
				sl_ctx_set_error(ctx, "%s: file too large",
				    path);
				r = SL_ELIMIT;
				goto out;
			}
			if ((nb = sl_realloc(buf, cap)) == NULL) {
				r = SL_ENOMEM;
				sl_ctx_set_error(ctx, "out of memory");
				goto out;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			sl_ctx_set_error(ctx, "%s: read error: %s", path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	r = SL_ENOMEM;
	if (buf == NULL && (buf = sl_malloc(1)) == NULL)
		goto out;
 loaded:
	buf[len] = '\0';
	if ((s = sl_calloc(1, sizeof(*s))) == NULL ||
	    (s->path = sl_strdup(path)) == NULL) {
		sl_ctx_set_error(ctx, "out of memory");
		goto out;
	}
	s->data = buf;
	buf = NULL;
	s->len = len;
	s->dialect = dialect;
	s->user_conf = true;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	if ((r = finish_source(ctx, s)) != 0)
		goto out;
	*out = s;
	s = NULL;
	r = 0;
 out:
	if (fd != -1)
		close(fd);
	sl_free(buf);
	source_free(s);
	return r;
}

void
sl_source_pos(const struct sl_source *s, uint32_t offset, uint32_t *line,
    uint32_t *col)
{
	const struct sl_file *f = s->cst;
	uint32_t lo = 0, hi, mid;

	*line = 1;
	*col = offset + 1;
	if (f == NULL || f->nlines == 0)
		return;
	hi = f->nlines;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (f->lines[mid].start <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = f->lines[lo].lineno;
	*col = offset - f->lines[lo].start + 1;
}

/* Public context API */

struct sl_ctx *
sl_ctx_new(void)
{
	return sl_calloc(1, sizeof(struct sl_ctx));
}

void
sl_ctx_free(struct sl_ctx *ctx)
{
	size_t i;

	if (ctx == NULL)
		return;
	for (i = 0; i < ctx->nsrc; i++)
		source_free(ctx->src[i]);
	sl_free(ctx->src);
	sl_diags_release(&ctx->diags);
	sl_arena_release(&ctx->fixes);
	for (i = 0; i < ctx->nov; i++)
		sl_free(ctx->ov[i].path);
	sl_free(ctx->ov);
	sl_free(ctx);
}

int
sl_ctx_overlay(struct sl_ctx *ctx, const char *path, const char *data,
    size_t len)
{
	char *p;

	if (sl_grow(&ctx->ov, &ctx->capov, ctx->nov, sizeof(*ctx->ov), 4) != 0 ||
	    (p = sl_strdup(path)) == NULL)
		return SL_ENOMEM;
	ctx->ov[ctx->nov].path = p;
	ctx->ov[ctx->nov].data = data;
	ctx->ov[ctx->nov].len = len;
	ctx->nov++;
	return 0;
}

int
sl_diag_fix(struct sl_ctx *ctx, uint32_t source_id, uint32_t start,
    uint32_t end, const char *text, const char *what, const char *key)
{
	struct sl_diag *d;
	char *t, *w, *k = NULL;

	if (ctx->diags.n == 0 || source_id >= ctx->nsrc ||
	    end < start || end > ctx->src[source_id]->len)
		return SL_EINVAL;
	d = &ctx->diags.v[ctx->diags.n - 1];
	if ((t = sl_arena_strndup(&ctx->fixes, text, strlen(text))) == NULL ||
	    (w = sl_arena_strndup(&ctx->fixes, what, strlen(what))) == NULL ||
	    (key != NULL && (k = sl_arena_strndup(&ctx->fixes, key,
	    strlen(key))) == NULL)) {
		/* a finding without its fix would be a silent difference */
		ctx->diags.failed = 1;
		return SL_ENOMEM;
	}
	d->fix_source = source_id;
	d->fix_start = start;
	d->fix_end = end;
	d->fix_text = t;
	d->fix_what = w;
	d->fix_key = k;
	return 0;
}

int
sl_diag_fix_move_before_match(struct sl_ctx *ctx, uint32_t source_id,
    uint32_t line, const char *key)
{
	const struct sl_source *s;
	const struct sl_file *f;
	const struct sl_line *l;
	struct sl_diag *d;
	uint32_t m, from, to;
	const char *eol;
	char *t, what[160];
	size_t n;
	int r;

	if (source_id >= ctx->nsrc || ctx->diags.n == 0 ||
	    (f = (s = ctx->src[source_id])->cst) == NULL || line >= f->nlines)
		return SL_EINVAL;
	for (m = 0; m < line; m++)
		if (f->lines[m].kind == SL_LINE_DIRECTIVE &&
		    f->lines[m].keyword != NULL &&
		    f->lines[m].keyword_len == 5 &&
		    strncasecmp(f->lines[m].keyword, "Match", 5) == 0)
			break;
	if (m >= line)
		return SL_EINVAL;
	l = &f->lines[line];
	from = l->kw_tok >= 0 ? l->tok[l->kw_tok].start : l->start;
	to = l->end;
	while (to > from && (s->data[to - 1] == '\n' || s->data[to - 1] == '\r'))
		to--;
	eol = memmem(s->data, s->len, "\r\n", 2) ? "\r\n" : "\n";
	n = (size_t)(to - from) + strlen(eol);
	if ((t = sl_arena_alloc(&ctx->fixes, n + 1)) == NULL) {
		ctx->diags.failed = 1;
		return SL_ENOMEM;
	}
	memcpy(t, s->data + from, to - from);
	memcpy(t + (to - from), eol, strlen(eol) + 1);
	snprintf(what, sizeof(what), "moved '%.*s' above the first Match "
	    "block (line %u)", (int)l->keyword_len, l->keyword,
	    f->lines[m].lineno);
	if ((r = sl_diag_fix(ctx, source_id, f->lines[m].start,
	    f->lines[m].start, t, what, key)) != 0)
		return r;
	d = &ctx->diags.v[ctx->diags.n - 1];
	d->fix2_start = l->start;
	d->fix2_end = l->end;
	d->fix2_text = "";
	return 0;
}

int
sl_diag_fix_delete_line(struct sl_ctx *ctx, uint32_t source_id,
    uint32_t line, const char *what)
{
	const struct sl_file *f;

	if (source_id >= ctx->nsrc || (f = ctx->src[source_id]->cst) == NULL ||
	    line >= f->nlines)
		return SL_EINVAL;
	return sl_diag_fix(ctx, source_id, f->lines[line].start,
	    f->lines[line].end, "", what, NULL);
}

const char *
sl_ctx_errmsg(const struct sl_ctx *ctx)
{
	return ctx->errmsg;
}

size_t
sl_ctx_ndiags(const struct sl_ctx *ctx)
{
	return ctx->diags.n;
}

const struct sl_diag *
sl_ctx_diag(const struct sl_ctx *ctx, size_t i)
{
	return i < ctx->diags.n ? &ctx->diags.v[i] : NULL;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct sl_diag *x = a, *y = b;

	if (x->source_id != y->source_id)
		return x->source_id < y->source_id ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

void
sl_ctx_sort_diags(struct sl_ctx *ctx)
{
	size_t i, j;

	if (ctx->diags.n < 2)
		return;
	qsort(ctx->diags.v, ctx->diags.n, sizeof(*ctx->diags.v), diag_cmp);
	/* drop exact duplicates (a file checked in two contexts) */
	for (i = 1, j = 1; i < ctx->diags.n; i++) {
		if (diag_cmp(&ctx->diags.v[i], &ctx->diags.v[j - 1]) == 0 &&
		    ctx->diags.v[i].end == ctx->diags.v[j - 1].end &&
		    ctx->diags.v[i].severity == ctx->diags.v[j - 1].severity) {
			sl_free(ctx->diags.v[i].message);
			continue;
		}
		ctx->diags.v[j++] = ctx->diags.v[i];
	}
	ctx->diags.n = j;
}

size_t
sl_ctx_nsources(const struct sl_ctx *ctx)
{
	return ctx->nsrc;
}

const char *
sl_ctx_source_path(const struct sl_ctx *ctx, uint32_t id)
{
	return id < ctx->nsrc ? ctx->src[id]->path : "?";
}

int
sl_ctx_source_text(const struct sl_ctx *ctx, uint32_t id, const char **data,
    size_t *len)
{
	if (id >= ctx->nsrc)
		return SL_EINVAL;
	*data = ctx->src[id]->data;
	*len = ctx->src[id]->len;
	return 0;
}

void
sl_ctx_source_pos(const struct sl_ctx *ctx, uint32_t id, uint32_t offset,
    uint32_t *line, uint32_t *col)
{
	*line = *col = 0;
	if (id < ctx->nsrc)
		sl_source_pos(ctx->src[id], offset, line, col);
}

const char *
sl_strerror(int err)
{
	switch (err) {
	case SL_OK:
		return "success";
	case SL_ENOMEM:
		return "out of memory";
	case SL_EIO:
		return "input/output error";
	case SL_ENOTFOUND:
		return "not found";
	case SL_EINVAL:
		return "invalid argument";
	case SL_ELIMIT:
		return "limit exceeded";
	default:
		return "unknown error";
	}
}
