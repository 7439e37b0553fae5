/*
 * Unified diff of two texts, line by line (Myers' O((N+M)D) algorithm),
 * with three lines of context, as `diff -u` / `git diff` print it.
 */
#include <string.h>

#include "lint/util/alloc.h"
#include "rewrite/diff.h"

struct lines {
	const char **p;		/* start of each line */
	size_t *len;		/* length including the end of line */
	size_t n;
};

static int
split(const char *s, size_t n, struct lines *l)
{
	size_t i, k = 0, cap = 1;

	for (i = 0; i < n; i++)
		cap += s[i] == '\n';
	l->p = sl_calloc(cap, sizeof(*l->p));
	l->len = sl_calloc(cap, sizeof(*l->len));
	if (l->p == NULL || l->len == NULL)
		return SL_ENOMEM;
	for (i = 0; i < n;) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t m = e ? (size_t)(e - (s + i)) + 1 : n - i;

		l->p[k] = s + i;
		l->len[k++] = m;
		i += m;
	}
	l->n = k;
	return 0;
}

static bool
same(const struct lines *a, size_t i, const struct lines *b, size_t j)
{
	return a->len[i] == b->len[j] &&
	    memcmp(a->p[i], b->p[j], a->len[i]) == 0;
}

/* op per line pair: 0 keep, 1 delete from a, 2 insert from b */
struct script {
	unsigned char *op;
	size_t n, cap;
};

static int
push(struct script *s, unsigned char op)
{
	if (sl_grow(&s->op, &s->cap, s->n, 1, 64) != 0)
		return SL_ENOMEM;
	s->op[s->n++] = op;
	return 0;
}

/* Myers: shortest edit script, recorded backwards from the trace. */
static int
myers(const struct lines *a, const struct lines *b, struct script *out)
{
	long n = (long)a->n, m = (long)b->n, max = n + m, d, k, x, y;
	long off = max + 1, *v, **trace;
	int r = SL_ENOMEM;

	if ((trace = sl_calloc((size_t)max + 2, sizeof(*trace))) == NULL)
		return SL_ENOMEM;
	if ((v = sl_calloc((size_t)(2 * max + 3), sizeof(*v))) == NULL)
		goto out;
	for (d = 0; d <= max; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] <
			    v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(a, (size_t)x, b,
			    (size_t)y)) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m)
				goto found;
		}
		if ((trace[d] = sl_malloc((size_t)(2 * max + 3) *
		    sizeof(*v))) == NULL)
			goto out;
		memcpy(trace[d], v, (size_t)(2 * max + 3) * sizeof(*v));
	}
 found:
	/* walk back */
	{
		unsigned char *rev = NULL;
		size_t nrev = 0, caprev = 0;
		long px, py, pk;

		x = n;
		y = m;
		for (; d > 0; d--) {
			long *pv = trace[d - 1];

			k = x - y;
			if (k == -d || (k != d && pv[off + k - 1] <
			    pv[off + k + 1]))
				pk = k + 1;
			else
				pk = k - 1;
			px = pv[off + pk];
			py = px - pk;
			while (x > px && y > py) {
				if (sl_grow(&rev, &caprev, nrev, 1, 64) != 0)
					goto revfail;
				rev[nrev++] = 0;
				x--;
				y--;
			}
			if (sl_grow(&rev, &caprev, nrev, 1, 64) != 0)
				goto revfail;
			rev[nrev++] = x == px ? 2 : 1;
			x = px;
			y = py;
		}
		while (x > 0 && y > 0) {
			if (sl_grow(&rev, &caprev, nrev, 1, 64) != 0)
				goto revfail;
			rev[nrev++] = 0;
			x--;
			y--;
		}
		while (nrev > 0)
			if (push(out, rev[--nrev]) != 0)
				goto revfail;
		sl_free(rev);
		r = 0;
		goto out;
 revfail:
		sl_free(rev);
	}
 out:
	for (d = 0; d <= max; d++)
		sl_free(trace[d]);
	sl_free(trace);
	sl_free(v);
	return r;
}

static void
emit_line(struct sl_strbuf *sb, char c, const char *p, size_t len)
{
	sl_strbuf_addc(sb, c);
	sl_strbuf_add(sb, p, len);
	if (len == 0 || p[len - 1] != '\n')
		sl_strbuf_adds(sb, "\n\\ No newline at end of file\n");
}

int
sl_udiff(struct sl_strbuf *sb, const char *aname, const char *bname,
    const char *a, size_t alen, const char *b, size_t blen)
{
	struct lines la = { NULL, NULL, 0 }, lb = { NULL, NULL, 0 };
	struct script s = { NULL, 0, 0 };
	size_t i, j, ai, bi, start, end, hs, ha, hb, na, nb, t;
	int r;

	if ((r = split(a, alen, &la)) != 0 || (r = split(b, blen, &lb)) != 0 ||
	    (r = myers(&la, &lb, &s)) != 0)
		goto out;
	for (i = 0; i < s.n && s.op[i] == 0; i++)
		;
	if (i == s.n)
		goto out;	/* no difference */
	sl_strbuf_addf(sb, "--- %s\n+++ %s\n", aname, bname);
	/* positions in a and b before op i */
	ai = bi = 0;
	for (i = 0; i < s.n;) {
		if (s.op[i] == 0) {
			ai++;
			bi++;
			i++;
			continue;
		}
		/* a hunk: back up 3 lines of context, extend while changes
		 * are within 6 lines of each other */
		start = i;
		for (t = 0; t < 3 && start > 0 && s.op[start - 1] == 0; t++)
			start--;
		ha = ai - t;
		hb = bi - t;
		end = i;
		for (;;) {
			while (end < s.n && s.op[end] != 0)
				end++;
			for (j = end; j < s.n && s.op[j] == 0 && j - end < 6;
			    j++)
				;
			if (j < s.n && s.op[j] != 0 && j - end < 6) {
				end = j;
				continue;
			}
			break;
		}
		for (t = 0; t < 3 && end < s.n && s.op[end] == 0; t++)
			end++;
		na = nb = 0;
		for (hs = start; hs < end; hs++) {
			na += s.op[hs] != 2;
			nb += s.op[hs] != 1;
		}
		sl_strbuf_addf(sb, "@@ -%zu,%zu +%zu,%zu @@\n",
		    na ? ha + 1 : ha, na, nb ? hb + 1 : hb, nb);
		ai = ha;
		bi = hb;
		for (hs = start; hs < end; hs++) {
			if (s.op[hs] == 0) {
				emit_line(sb, ' ', la.p[ai], la.len[ai]);
				ai++;
				bi++;
			} else if (s.op[hs] == 1) {
				emit_line(sb, '-', la.p[ai], la.len[ai]);
				ai++;
			} else {
				emit_line(sb, '+', lb.p[bi], lb.len[bi]);
				bi++;
			}
		}
		i = end;
	}
	r = sb->failed ? SL_ENOMEM : 0;
 out:
	sl_free(la.p);
	sl_free(la.len);
	sl_free(lb.p);
	sl_free(lb.len);
	sl_free(s.op);
	return r;
}
