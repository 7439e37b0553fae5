/* Bump allocator: one per parse; freed in one call. */
#ifndef SSHLINT_LINT_UTIL_ARENA_H
#define SSHLINT_LINT_UTIL_ARENA_H

#include <stddef.h>

struct sl_arena_chunk;

struct sl_arena {
	struct sl_arena_chunk *head;
};

#define SL_ARENA_INIT { NULL }

void *sl_arena_alloc(struct sl_arena *a, size_t n);
void *sl_arena_calloc(struct sl_arena *a, size_t n);
char *sl_arena_strndup(struct sl_arena *a, const char *s, size_t n);
void sl_arena_release(struct sl_arena *a);

#endif
