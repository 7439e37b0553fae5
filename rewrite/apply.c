/* Applying a list of edits to one file: the rewriter's writer for edits
 * computed elsewhere (sshlint negotiate's scoped fixes). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/util/alloc.h"
#include "lint/util/strbuf.h"
#include "rewrite/diff.h"
#include "rewrite/write.h"
#include "sshlint/fix.h"

static int
read_all(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	char buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return SL_EIO;
	}
	sl_strbuf_adds(&sb, "");
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sl_strbuf_add(&sb, buf, n);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		fclose(f);
		sl_strbuf_release(&sb);
		return SL_EIO;
	}
	fclose(f);
	if (sb.failed) {
		sl_strbuf_release(&sb);
		return SL_ENOMEM;
	}
	*len = sb.len;
	*out = sl_strbuf_detach(&sb);
	return *out ? 0 : SL_ENOMEM;
}

/* order: by start; at the same start, list order (stable) */
struct ord {
	const struct sl_edit *e;
	size_t i;
};

static int
cmp_ord(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;

	if (x->e->start != y->e->start)
		return x->e->start < y->e->start ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
sl_edit_file(const char *path, const struct sl_edit *edits, size_t n,
    const struct sl_fix_options *fo, FILE *out, char *err, size_t errlen)
{
	struct sl_strbuf sb = SL_STRBUF_INIT;
	struct sl_write_faults faults;
	struct ord *o = NULL;
	char *orig = NULL;
	size_t len, i, at = 0;
	int r;

	err[0] = '\0';
	if ((r = read_all(path, &orig, &len, err, errlen)) != 0)
		return r;
	if (n > 0 && (o = sl_calloc(n, sizeof(*o))) == NULL) {
		r = SL_ENOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		o[i].e = &edits[i];
		o[i].i = i;
		if (edits[i].end < edits[i].start || edits[i].end > len) {
			snprintf(err, errlen, "%s: an edit is outside the file "
			    "(it changed since it was read?)", path);
			r = SL_EINVAL;
			goto out;
		}
	}
	if (n > 1)
		qsort(o, n, sizeof(*o), cmp_ord);
	sl_strbuf_adds(&sb, "");
	for (i = 0; i < n; i++) {
		if (o[i].e->start < at) {
			snprintf(err, errlen, "%s: overlapping edits", path);
			r = SL_EINVAL;
			goto out;
		}
		sl_strbuf_add(&sb, orig + at, o[i].e->start - at);
		sl_strbuf_adds(&sb, o[i].e->text);
		at = o[i].e->end;
	}
	sl_strbuf_add(&sb, orig + at, len - at);
	if (sb.failed) {
		r = SL_ENOMEM;
		goto out;
	}
	if (fo->mode == SL_FIX_DIFF) {
		struct sl_strbuf d = SL_STRBUF_INIT;
		char an[4096], bn[4096];
		const char *rel = path;

		while (rel[0] == '.' && rel[1] == '/')
			rel += 2;
		if (rel[0] == '/')
			rel++;
		snprintf(an, sizeof(an), "a/%s", rel);
		snprintf(bn, sizeof(bn), "b/%s", rel);
		if ((r = sl_udiff(&d, an, bn, orig, len, sb.buf, sb.len)) == 0 &&
		    d.len > 0 && fwrite(d.buf, 1, d.len, out) != d.len)
			r = SL_EIO;
		sl_strbuf_release(&d);
		goto out;
	}
	memset(&faults, 0, sizeof(faults));
	faults.write_errno = fo->fail_write;
	faults.fsync_errno = fo->fail_fsync;
	faults.rename_errno = fo->fail_rename;
	faults.kill_before_rename = fo->kill_before_rename;
	r = sl_atomic_replace(path, orig, len, sb.buf, sb.len,
	    fo->backup_suffix, &faults, err, errlen);
 out:
	sl_free(o);
	sl_free(orig);
	sl_strbuf_release(&sb);
	return r;
}
