#include "lint/util/arena.h"

#include <stdint.h>
#include <string.h>

#include "lint/util/alloc.h"

#define CHUNK_MIN (64 * 1024)

struct sl_arena_chunk {
	struct sl_arena_chunk *next;
	size_t used, size;
	max_align_t data[];
};

void *
sl_arena_alloc(struct sl_arena *a, size_t n)
{
	struct sl_arena_chunk *c = a->head;
	size_t align = sizeof(max_align_t), sz;
	void *p;

	if (n > SIZE_MAX / 2)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (c == NULL || c->size - c->used < n) {
		sz = n > CHUNK_MIN ? n : CHUNK_MIN;
		if ((c = sl_malloc(sizeof(*c) + sz)) == NULL)
			return NULL;
		c->used = 0;
		c->size = sz;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *
sl_arena_calloc(struct sl_arena *a, size_t n)
{
	void *p = sl_arena_alloc(a, n);

	if (p != NULL)
		memset(p, 0, n);
	return p;
}

char *
sl_arena_strndup(struct sl_arena *a, const char *s, size_t n)
{
	char *p = sl_arena_alloc(a, n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
sl_arena_release(struct sl_arena *a)
{
	struct sl_arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		sl_free(c);
	}
	a->head = NULL;
}
