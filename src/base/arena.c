/*
 * arena.c: a bump allocator over a list of blocks.
 *
 * Allocations are carved from the newest block; a request that does not fit
 * opens a new block twice the size of the previous one (at least the
 * request), so the number of blocks stays logarithmic in the bytes used.
 * pd_arena_grow() extends the newest allocation in place when there is room,
 * which lets the readers build arrays without a separate heap vector.
 *
 * An array grown past ARENA_OWN_BLOCK that cannot grow in place gets a
 * block of its own, exactly its size and kept behind the newest block, so
 * that nothing else is carved from it; its later growth reallocates that
 * block instead of leaving a copy behind. Grown by copying, an array of
 * the largest profiles (70,000 sections, 99,999 footnotes) would leave
 * every smaller copy in the arena, as much again as the array.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/arena.h"
#include "profdiff/error.h"
#include "grow.h"

#define ARENA_ALIGN 16u
#define ARENA_FIRST_BLOCK (16u * 1024u)
#define ARENA_MAX_BLOCK (8u * 1024u * 1024u)
#define ARENA_OWN_BLOCK (64u * 1024u)

typedef struct block {
	struct block *prev;
	size_t size; /* usable bytes after the header */
	size_t used;
	max_align_t data[];
} block;

struct pd_arena {
	block *head;
	void *last;        /* the newest allocation, for in-place growth */
	size_t last_size;
	size_t total;
};

static size_t align_up(size_t n)
{
	return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1);
}

pd_arena *pd_arena_new(void)
{
	pd_arena *a = calloc(1, sizeof(*a));

	if (!a)
		pd_error_oom();
	return a;
}

void pd_arena_free(pd_arena *a)
{
	block *b, *prev;

	if (!a)
		return;
	for (b = a->head; b; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(a);
}

static block *new_block(pd_arena *a, size_t need)
{
	size_t size = a->head ? a->head->size * 2 : ARENA_FIRST_BLOCK;
	block *b;

	if (size > ARENA_MAX_BLOCK)
		size = ARENA_MAX_BLOCK;
	if (size < need)
		size = need;
	if (size > SIZE_MAX - sizeof(block))
		return NULL;
	b = malloc(sizeof(block) + size);
	if (!b)
		return NULL;
	b->prev = a->head;
	b->size = size;
	b->used = 0;
	a->head = b;
	return b;
}

static void *alloc_raw(pd_arena *a, size_t size)
{
	block *b = a->head;
	size_t need;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN) {
		pd_error_oom();
		return NULL;
	}
	need = align_up(size ? size : 1);
	if (!b || b->size - b->used < need) {
		b = new_block(a, need);
		if (!b) {
			pd_error_oom();
			return NULL;
		}
	}
	p = (char *)b->data + b->used;
	b->used += need;
	a->last = p;
	a->last_size = need;
	a->total += need;
	return p;
}

void *pd_arena_alloc(pd_arena *a, size_t size)
{
	void *p = alloc_raw(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}

void *pd_arena_calloc(pd_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		pd_error_oom();
		return NULL;
	}
	return pd_arena_alloc(a, n * size);
}

/* The link to ptr's block when ptr is the whole of a block of its own
 * (grow_own's), else NULL. The blocks are few: a walk costs nothing beside
 * the copy it saves. */
static block **own_block(pd_arena *a, const void *ptr, size_t old_size)
{
	block **l;

	for (l = &a->head; *l; l = &(*l)->prev)
		if ((const void *)(*l)->data == ptr)
			return (*l)->used == (*l)->size &&
					       (*l)->size == align_up(old_size)
				       ? l
				       : NULL;
	return NULL;
}

/* ptr grown to new_size in a block of its own: the block reallocated when
 * ptr has one, else a new one behind the newest block (ptr's bytes, in
 * another block, stay where they are). */
static void *grow_own(pd_arena *a, void *ptr, size_t old_size,
		      size_t new_size)
{
	size_t want = align_up(new_size);
	block **l = ptr ? own_block(a, ptr, old_size) : NULL, *b;

	if (want > SIZE_MAX - sizeof(block)) {
		pd_error_oom();
		return NULL;
	}
	if (l) {
		size_t had = (*l)->size;

		if (!(b = realloc(*l, sizeof(block) + want))) {
			pd_error_oom();
			return NULL;
		}
		*l = b;
		if (a->last == ptr) /* a block made for it alone, moved */
			a->last = NULL;
		a->total += want - had;
	} else {
		if (!(b = malloc(sizeof(block) + want))) {
			pd_error_oom();
			return NULL;
		}
		if (old_size)
			memcpy(b->data, ptr, old_size);
		if (a->head) {
			b->prev = a->head->prev;
			a->head->prev = b;
		} else {
			b->prev = NULL;
			a->head = b;
		}
		a->total += want;
	}
	b->size = b->used = want;
	memset((char *)b->data + old_size, 0, new_size - old_size);
	return b->data;
}

void *pd_arena_grow(pd_arena *a, void *ptr, size_t old_size, size_t new_size)
{
	void *p;

	if (new_size <= old_size)
		return ptr;
	if (ptr && ptr == a->last && new_size <= SIZE_MAX - ARENA_ALIGN) {
		block *b = a->head;
		size_t want = align_up(new_size);

		if (want <= a->last_size ||
		    b->size - b->used >= want - a->last_size) {
			if (want > a->last_size) {
				b->used += want - a->last_size;
				a->total += want - a->last_size;
				a->last_size = want;
			}
			memset((char *)ptr + old_size, 0, new_size - old_size);
			return ptr;
		}
	}
	if (new_size >= ARENA_OWN_BLOCK && new_size <= SIZE_MAX - ARENA_ALIGN)
		return grow_own(a, ptr, old_size, new_size);
	/* moved: the old bytes copied, only the new ones zeroed */
	p = alloc_raw(a, new_size);
	if (!p)
		return NULL;
	if (old_size)
		memcpy(p, ptr, old_size);
	memset((char *)p + old_size, 0, new_size - old_size);
	return p;
}

void *pd_arena_grow_array(pd_arena *a, void *array, size_t *cap, size_t size)
{
	return pd_grow_realloc(a, array, cap, size, *cap + 1);
}

char *pd_arena_sprintf(pd_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = alloc_raw(a, (size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

char *pd_arena_strndup(pd_arena *a, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX) {
		pd_error_oom();
		return NULL;
	}
	p = alloc_raw(a, len + 1);
	if (!p)
		return NULL;
	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *pd_arena_strdup(pd_arena *a, const char *s)
{
	return pd_arena_strndup(a, s, strlen(s));
}

size_t pd_arena_used(const pd_arena *a)
{
	return a->total;
}
