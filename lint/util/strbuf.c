#include "lint/util/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lint/util/alloc.h"
#include "lint/errors.h"

static int
grow(struct sl_strbuf *sb, size_t extra)
{
	size_t want, ncap;
	char *n;

	if (sb->failed)
		return SL_ENOMEM;
	if (extra > SIZE_MAX - sb->len - 1)
		goto fail;
	want = sb->len + extra + 1;
	if (want <= sb->cap)
		return 0;
	ncap = sb->cap ? sb->cap : 64;
	while (ncap < want)
		ncap = ncap > SIZE_MAX / 2 ? want : ncap * 2;
	if ((n = sl_realloc(sb->buf, ncap)) == NULL)
		goto fail;
	sb->buf = n;
	sb->cap = ncap;
	return 0;
 fail:
	sb->failed = 1;
	return SL_ENOMEM;
}

int
sl_strbuf_add(struct sl_strbuf *sb, const void *p, size_t n)
{
	if (grow(sb, n) != 0)
		return SL_ENOMEM;
	if (n)
		memcpy(sb->buf + sb->len, p, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int
sl_strbuf_adds(struct sl_strbuf *sb, const char *s)
{
	return sl_strbuf_add(sb, s, strlen(s));
}

int
sl_strbuf_addc(struct sl_strbuf *sb, char c)
{
	return sl_strbuf_add(sb, &c, 1);
}

int
sl_strbuf_vaddf(struct sl_strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return SL_EINVAL;
	if (grow(sb, (size_t)n) != 0)
		return SL_ENOMEM;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int
sl_strbuf_addf(struct sl_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = sl_strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

int
sl_strbuf_add_json(struct sl_strbuf *sb, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	sl_strbuf_addc(sb, '"');
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"':
			sl_strbuf_adds(sb, "\\\"");
			break;
		case '\\':
			sl_strbuf_adds(sb, "\\\\");
			break;
		case '\n':
			sl_strbuf_adds(sb, "\\n");
			break;
		case '\r':
			sl_strbuf_adds(sb, "\\r");
			break;
		case '\t':
			sl_strbuf_adds(sb, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				sl_strbuf_addf(sb, "\\u%04x", c);
			else if (c >= 0x80)
				/* keep JSON valid whatever the bytes: escape
				 * non-ASCII as Latin-1 code points */
				sl_strbuf_addf(sb, "\\u%04x", c);
			else
				sl_strbuf_addc(sb, (char)c);
		}
	}
	return sl_strbuf_addc(sb, '"');
}

char *
sl_strbuf_detach(struct sl_strbuf *sb)
{
	char *r;

	if (sb->failed) {
		sl_strbuf_release(sb);
		return NULL;
	}
	if (sb->buf == NULL && grow(sb, 0) != 0)
		return NULL;
	r = sb->buf;
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	return r;
}

void
sl_strbuf_release(struct sl_strbuf *sb)
{
	sl_free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
}
