/* Allocation hook: every allocation of the library goes through here so
 * tests can make the Nth one fail (see sl_alloc_fail_after()). */
#ifndef SSHLINT_LINT_UTIL_ALLOC_H
#define SSHLINT_LINT_UTIL_ALLOC_H

#include <stddef.h>

void *sl_malloc(size_t n);
void *sl_calloc(size_t n, size_t size);
void *sl_realloc(void *p, size_t n);
void *sl_reallocarray(void *p, size_t n, size_t size);
char *sl_strdup(const char *s);
char *sl_strndup(const char *s, size_t n);
void sl_free(void *p);

/*
 * Make room for one more element in the array *vp of *np elements and
 * capacity *capp (doubling from `first`). Returns 0 or SL_ENOMEM (the array
 * is left as it was).
 */
int sl_grow(void *vp, size_t *capp, size_t n, size_t elem, size_t first);

/*
 * Test hook: after `n` more successful allocations every allocation fails
 * (n < 0 disables). This is process state by design, like a malloc
 * replacement; only tests and the CLI's SSHLINT_FAIL_ALLOC switch set it.
 */
void sl_alloc_fail_after(long n);
/* Number of allocations that were made to fail since the hook was set. */
long sl_alloc_failures(void);

#endif
