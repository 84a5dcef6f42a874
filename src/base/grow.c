/*
 * grow.c: the reallocation behind PD_GROW and PD_ARENA_GROW (grow.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"

void *pd_grow_realloc(pd_arena *a, void *v, size_t *cap, size_t size,
		      size_t need)
{
	size_t ncap = *cap ? *cap : 16;
	void *g;

	while (ncap < need && ncap <= SIZE_MAX / 2)
		ncap *= 2;
	if (ncap < need || (size && ncap > SIZE_MAX / size)) {
		pd_error_oom();
		return NULL;
	}
	g = a ? pd_arena_grow(a, v, *cap * size, ncap * size)
	      : realloc(v, ncap * size);
	if (!g) {
		pd_error_oom();
		return NULL;
	}
	*cap = ncap;
	return g;
}
