/*
 * table.c: the type-free part of table.h's tables: their arrays, from an
 * arena or from malloc.
 */
#include "table.h"

int pd_table_raw_alloc(pd_table_raw *t, size_t cap, size_t size,
		       unsigned char **meta, void **v)
{
	if (size && cap > SIZE_MAX / size)
		return pd_error_oom();
	if (t->arena) {
		*meta = pd_arena_alloc(t->arena, cap);
		*v = *meta ? pd_arena_alloc(t->arena, cap * size) : NULL;
	} else {
		*meta = calloc(cap, 1);
		*v = *meta ? malloc(cap * size) : NULL;
	}
	if (!*v) {
		if (!t->arena)
			free(*meta);
		return pd_error_oom();
	}
	return 0;
}

void pd_table_raw_release(pd_table_raw *t, unsigned char *meta, void *v)
{
	if (t->arena)
		return; /* the arena's, until it goes */
	free(meta);
	free(v);
}
