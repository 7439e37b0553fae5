#include "lint/util/alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static long fail_countdown = -1;
static long fail_count;

void
sl_alloc_fail_after(long n)
{
	fail_countdown = n;
	fail_count = 0;
}

long
sl_alloc_failures(void)
{
	return fail_count;
}

static int
should_fail(void)
{
	if (fail_countdown < 0)
		return 0;
	if (fail_countdown == 0) {
		fail_count++;
		return 1;
	}
	fail_countdown--;
	return 0;
}

void *
sl_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *
sl_calloc(size_t n, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

void *
sl_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *
sl_reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return sl_realloc(p, n * size);
}

char *
sl_strndup(const char *s, size_t n)
{
	char *r;

	if ((r = sl_malloc(n + 1)) == NULL)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

char *
sl_strdup(const char *s)
{
	return sl_strndup(s, strlen(s));
}

int
sl_grow(void *vp, size_t *capp, size_t n, size_t elem, size_t first)
{
	void **v = vp, *nv;
	size_t ncap;

	if (n < *capp)
		return 0;
	ncap = *capp ? *capp * 2 : first;
	if (ncap <= n)
		ncap = n + 1;
	if ((nv = sl_reallocarray(*v, ncap, elem)) == NULL)
		return -1;	/* SL_ENOMEM */
	*v = nv;
	*capp = ncap;
	return 0;
}

void
sl_free(void *p)
{
	free(p);
}
