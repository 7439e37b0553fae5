/* Growable byte buffer, always NUL-terminated. */
#ifndef SSHLINT_LINT_UTIL_STRBUF_H
#define SSHLINT_LINT_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct sl_strbuf {
	char *buf;
	size_t len, cap;
	int failed;	/* sticky: an allocation failed */
};

#define SL_STRBUF_INIT { NULL, 0, 0, 0 }

int sl_strbuf_add(struct sl_strbuf *sb, const void *p, size_t n);
int sl_strbuf_adds(struct sl_strbuf *sb, const char *s);
int sl_strbuf_addc(struct sl_strbuf *sb, char c);
int sl_strbuf_addf(struct sl_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int sl_strbuf_vaddf(struct sl_strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Append s as a JSON string literal (with quotes). */
int sl_strbuf_add_json(struct sl_strbuf *sb, const char *s, size_t n);
/* Hand the buffer over (caller frees with sl_free); NULL on failure. */
char *sl_strbuf_detach(struct sl_strbuf *sb);
void sl_strbuf_release(struct sl_strbuf *sb);

#endif
