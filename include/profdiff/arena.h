/*
 * arena.h: a bump allocator. Every profile owns one arena; everything the
 * profile points to lives in it and is released by one pd_arena_free().
 */
#ifndef PROFDIFF_ARENA_H
#define PROFDIFF_ARENA_H

#include <stddef.h>

typedef struct pd_arena pd_arena;

/* Creates an empty arena; NULL when memory is exhausted. */
pd_arena *pd_arena_new(void);

/* Releases the arena and every block allocated from it. NULL is a no-op. */
void pd_arena_free(pd_arena *arena);

/* Returns `size` bytes aligned for any scalar type, zero-filled, or NULL
 * (with PD_ENOMEM recorded) when memory is exhausted or size overflows. */
void *pd_arena_alloc(pd_arena *arena, size_t size);

/* Allocates an array of `n` elements of `size` bytes; NULL on overflow or
 * exhaustion. */
void *pd_arena_calloc(pd_arena *arena, size_t n, size_t size);

/* Grows `ptr` (an allocation of `old_size` bytes from this arena, or NULL)
 * to `new_size` bytes, in place when it is the newest allocation, else by
 * copying. The old block is not reusable afterwards. NULL on failure, in
 * which case `ptr` is still valid. */
void *pd_arena_grow(pd_arena *arena, void *ptr, size_t old_size,
		    size_t new_size);

/* The older form of PD_ARENA_GROW (src/base/grow.h), and now the same
 * growth (pd_grow_realloc): an arena array of `*cap` elements of `size`
 * bytes (NULL when *cap is 0) grown to twice as many, 16 at first, *cap
 * updated. Returns the array, or NULL (PD_ENOMEM recorded) when out of
 * memory: then *cap and the array are as they were. New code writes
 *
 *	if (PD_ARENA_GROW(arena, v, n, cap) < 0)
 *		return PD_ENOMEM;
 *
 * This stays while callers outside the core still use it. */
void *pd_arena_grow_array(pd_arena *arena, void *array, size_t *cap,
			  size_t size);

/* Copies `len` bytes and a terminating NUL into the arena. */
char *pd_arena_strndup(pd_arena *arena, const char *s, size_t len);
char *pd_arena_strdup(pd_arena *arena, const char *s);
/* A formatted string in the arena, of any length; NULL when out of
 * memory. */
char *pd_arena_sprintf(pd_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for measurements and tests). */
size_t pd_arena_used(const pd_arena *arena);

#endif
