/*
 * YAML events to a bounded node tree (see ytree.h for the limits).
 */
#include "policies/ytree.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "lint/util/alloc.h"
#include "lint/util/banned.h"

struct frame {
	struct sl_ynode *node;
	size_t base;		/* first kid in builder.kids */
	size_t expanded0;	/* builder.expanded when the node opened */
	const char *anchor;	/* arena copy, or NULL */
};

struct anchor {
	const char *name;
	struct sl_ynode *node;
};

struct builder {
	struct sl_ydoc *doc;
	struct sl_policy_error *err;
	struct frame stack[SL_YAML_MAX_DEPTH];
	size_t depth;
	/* kids of the open collections, innermost last */
	struct sl_ynode **kids;
	size_t nkids, capkids;
	struct anchor *anchors;
	size_t nanchors, capanchors;
	size_t nnodes, expanded;
};

static int fail(struct builder *b, int code, const yaml_mark_t *m,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
fail(struct builder *b, int code, const yaml_mark_t *m, const char *fmt, ...)
{
	va_list ap;

	if (m != NULL) {
		b->err->line = (int)m->line + 1;
		b->err->col = (int)m->column + 1;
	} else
		b->err->line = b->err->col = 0;
	va_start(ap, fmt);
	vsnprintf(b->err->msg, sizeof(b->err->msg), fmt, ap);
	va_end(ap);
	return code;
}

/* Line and column of a byte offset, for libyaml reader errors. */
static void
offset_mark(const char *data, size_t len, size_t off, yaml_mark_t *m)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	if (off > len)
		off = len;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			m->line++;
			m->column = 0;
		} else
			m->column++;
	}
}

static int
parser_error(struct builder *b, yaml_parser_t *p, const char *data,
    size_t len)
{
	yaml_mark_t m;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return fail(b, SL_ENOMEM, NULL, "out of memory");
	case YAML_READER_ERROR:
		offset_mark(data, len, p->problem_offset, &m);
		if (p->problem_value != -1)
			return fail(b, SL_EINVAL, &m, "%s (byte #x%02X)",
			    p->problem ? p->problem : "cannot read the input",
			    (unsigned)p->problem_value & 0xff);
		return fail(b, SL_EINVAL, &m, "%s",
		    p->problem ? p->problem : "cannot read the input");
	default:
		break;
	}
	if (p->context != NULL)
		return fail(b, SL_EINVAL, &p->problem_mark,
		    "%s %s (line %zu, column %zu)",
		    p->problem ? p->problem : "syntax error", p->context,
		    (size_t)p->context_mark.line + 1,
		    (size_t)p->context_mark.column + 1);
	return fail(b, SL_EINVAL, &p->problem_mark, "%s",
	    p->problem ? p->problem : "YAML syntax error");
}

static struct sl_ynode *
new_node(struct builder *b, enum sl_ynode_type type, const yaml_mark_t *m)
{
	struct sl_ynode *n;

	if ((n = sl_arena_calloc(&b->doc->arena, sizeof(*n))) == NULL)
		return NULL;
	n->type = type;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	n->str = "";
	return n;
}

static int
count_node(struct builder *b, const yaml_mark_t *m)
{
	if (++b->nnodes > SL_YAML_MAX_NODES)
		return fail(b, SL_ELIMIT, m, "too many YAML nodes (the limit "
		    "is %d)", SL_YAML_MAX_NODES);
	if (++b->expanded > SL_YAML_MAX_EXPANDED)
		return fail(b, SL_ELIMIT, m, "document too large after "
		    "alias expansion (more than %d nodes)",
		    SL_YAML_MAX_EXPANDED);
	return 0;
}

/* Hand a finished node (or an alias target) to the open collection. */
static int
add_node(struct builder *b, struct sl_ynode *n)
{
	if (b->depth == 0) {
		b->doc->root = n;
		return 0;
	}
	if (sl_grow(&b->kids, &b->capkids, b->nkids, sizeof(*b->kids),
	    64) != 0)
		return SL_ENOMEM;
	b->kids[b->nkids++] = n;
	return 0;
}

static int
set_anchor(struct builder *b, const char *name, struct sl_ynode *n,
    const yaml_mark_t *m)
{
	if (name == NULL)
		return 0;
	if (b->nanchors >= SL_YAML_MAX_ANCHORS)
		return fail(b, SL_ELIMIT, m, "too many anchors (the limit is "
		    "%d)", SL_YAML_MAX_ANCHORS);
	if (sl_grow(&b->anchors, &b->capanchors, b->nanchors,
	    sizeof(*b->anchors), 16) != 0)
		return SL_ENOMEM;
	b->anchors[b->nanchors].name = name;
	b->anchors[b->nanchors].node = n;
	b->nanchors++;
	return 0;
}

static const char *
copy_anchor(struct builder *b, const yaml_char_t *a)
{
	if (a == NULL)
		return "";
	return sl_arena_strndup(&b->doc->arena, (const char *)a,
	    strlen((const char *)a));
}

static int
on_scalar(struct builder *b, yaml_event_t *ev)
{
	struct sl_ynode *n;
	const char *anchor = NULL;
	int r;

	if ((r = count_node(b, &ev->start_mark)) != 0)
		return r;
	if (ev->data.scalar.length > SL_YAML_MAX_SCALAR)
		return fail(b, SL_ELIMIT, &ev->start_mark, "string longer "
		    "than %d bytes", SL_YAML_MAX_SCALAR);
	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
		return fail(b, SL_EINVAL, &ev->start_mark,
		    "NUL character in a string");
	if ((n = new_node(b, SL_YN_SCALAR, &ev->start_mark)) == NULL ||
	    (n->str = sl_arena_strndup(&b->doc->arena,
	    (const char *)ev->data.scalar.value,
	    ev->data.scalar.length)) == NULL)
		return SL_ENOMEM;
	n->len = ev->data.scalar.length;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->weight = 1;
	if (ev->data.scalar.anchor != NULL &&
	    (anchor = copy_anchor(b, ev->data.scalar.anchor)) == NULL)
		return SL_ENOMEM;
	if ((r = set_anchor(b, anchor, n, &ev->start_mark)) != 0)
		return r;
	return add_node(b, n);
}

static int
on_start(struct builder *b, yaml_event_t *ev, enum sl_ynode_type type,
    const yaml_char_t *anchor)
{
	struct frame *f;
	struct sl_ynode *n;
	int r;

	if (b->depth >= SL_YAML_MAX_DEPTH)
		return fail(b, SL_ELIMIT, &ev->start_mark, "nested too deeply "
		    "(the limit is %d levels)", SL_YAML_MAX_DEPTH);
	if ((r = count_node(b, &ev->start_mark)) != 0)
		return r;
	if ((n = new_node(b, type, &ev->start_mark)) == NULL)
		return SL_ENOMEM;
	f = &b->stack[b->depth];
	f->node = n;
	f->base = b->nkids;
	f->expanded0 = b->expanded - 1;
	f->anchor = NULL;
	if (anchor != NULL && (f->anchor = copy_anchor(b, anchor)) == NULL)
		return SL_ENOMEM;
	b->depth++;
	return 0;
}

static int
on_end(struct builder *b, yaml_event_t *ev)
{
	struct frame *f;
	struct sl_ynode *n;
	size_t nk;
	int r;

	if (b->depth == 0)	/* libyaml never does this */
		return fail(b, SL_EINVAL, &ev->start_mark, "unbalanced YAML");
	f = &b->stack[b->depth - 1];
	n = f->node;
	nk = b->nkids - f->base;
	if (n->type == SL_YN_MAP && nk % 2 != 0)
		return fail(b, SL_EINVAL, &ev->start_mark, "mapping key "
		    "without a value");
	if (nk > 0) {
		if ((n->kids = sl_arena_alloc(&b->doc->arena,
		    nk * sizeof(*n->kids))) == NULL)
			return SL_ENOMEM;
		memcpy(n->kids, b->kids + f->base, nk * sizeof(*n->kids));
	}
	n->n = n->type == SL_YN_MAP ? nk / 2 : nk;
	n->weight = b->expanded - f->expanded0;
	b->nkids = f->base;
	b->depth--;
	if ((r = set_anchor(b, f->anchor, n, &ev->start_mark)) != 0)
		return r;
	return add_node(b, n);
}

static int
on_alias(struct builder *b, yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	struct sl_ynode *n = NULL;
	size_t i;

	for (i = b->nanchors; i > 0; i--)
		if (strcmp(b->anchors[i - 1].name, name) == 0) {
			n = b->anchors[i - 1].node;
			break;
		}
	if (n == NULL)
		return fail(b, SL_EINVAL, &ev->start_mark, "unknown alias "
		    "'*%s' (an alias must follow its complete anchored node)",
		    name);
	b->expanded += n->weight;
	if (b->expanded > SL_YAML_MAX_EXPANDED)
		return fail(b, SL_ELIMIT, &ev->start_mark, "document too "
		    "large after alias expansion (more than %d nodes)",
		    SL_YAML_MAX_EXPANDED);
	return add_node(b, n);
}

int
sl_ydoc_parse(struct sl_ydoc *doc, const char *data, size_t len,
    struct sl_policy_error *err)
{
	struct builder b;
	yaml_parser_t parser;
	yaml_event_t ev;
	int r = 0, done = 0, ndocs = 0;

	memset(&b, 0, sizeof(b));
	b.doc = doc;
	b.err = err;
	doc->root = NULL;
	if (len > SL_YAML_MAX_INPUT)
		return fail(&b, SL_ELIMIT, NULL, "policy too large (%zu bytes; "
		    "the limit is %u)", len, SL_YAML_MAX_INPUT);
	if (!yaml_parser_initialize(&parser))
		return fail(&b, SL_ENOMEM, NULL, "out of memory");
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	while (!done && r == 0) {
		if (!yaml_parser_parse(&parser, &ev)) {
			r = parser_error(&b, &parser, data, len);
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (ndocs++ > 0)
				r = fail(&b, SL_EINVAL, &ev.start_mark,
				    "more than one YAML document (a policy is "
				    "one document)");
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_ALIAS_EVENT:
			r = on_alias(&b, &ev);
			break;
		case YAML_SCALAR_EVENT:
			r = on_scalar(&b, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			r = on_start(&b, &ev, SL_YN_SEQ,
			    ev.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_START_EVENT:
			r = on_start(&b, &ev, SL_YN_MAP,
			    ev.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			r = on_end(&b, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	if (r == SL_ENOMEM && b.err->msg[0] == '\0')
		fail(&b, SL_ENOMEM, NULL, "out of memory");
	yaml_parser_delete(&parser);
	sl_free(b.kids);
	sl_free(b.anchors);
	return r;
}

void
sl_ydoc_release(struct sl_ydoc *doc)
{
	sl_arena_release(&doc->arena);
	doc->root = NULL;
}
