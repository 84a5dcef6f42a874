/*
 * grow.h: the one way an array grows.
 *
 *	if (PD_GROW(v, n, cap) < 0)
 *		return PD_ENOMEM;
 *	v[n++] = x;
 *
 * PD_GROW(v, n, cap) makes room in the malloc'd array `v` (of `n`
 * elements used and `cap` allocated, both size_t; NULL with cap 0) for
 * element n: nothing when n < cap, else the array doubles (16 elements at
 * first, or more when n needs it). It evaluates to 0, or to PD_ENOMEM
 * (recorded) with v and cap as they were. PD_ARENA_GROW(a, v, n, cap)
 * does the same for an array in arena `a` (pd_arena_grow: the old block
 * stays the arena's). Like git's ALLOC_GROW, the macros assign v and cap,
 * so each argument is evaluated more than once: give them plain lvalues.
 */
#ifndef PROFDIFF_GROW_H
#define PROFDIFF_GROW_H

#include <stddef.h>

#include "profdiff/arena.h"
#include "profdiff/error.h"

/* The array `v` of *cap elements of `size` bytes reallocated for at least
 * `need` (and at least twice *cap, 16 at first), *cap updated; NULL (with
 * PD_ENOMEM recorded, v and *cap unchanged) when out of memory. With an
 * arena, from it. */
void *pd_grow_realloc(pd_arena *a, void *v, size_t *cap, size_t size,
		      size_t need);

#define PD_GROW_IN_(a, v, n, cap)                                              \
	__extension__({                                                        \
		int pd_grow_err_ = 0;                                          \
		if ((n) >= (cap)) {                                            \
			size_t pd_grow_cap_ = (cap);                           \
			void *pd_grow_v_ = pd_grow_realloc(                    \
				(a), (v), &pd_grow_cap_, sizeof(*(v)),         \
				(size_t)(n) + 1);                              \
			if (pd_grow_v_) {                                      \
				(v) = pd_grow_v_;                              \
				(cap) = pd_grow_cap_;                          \
			} else {                                               \
				pd_grow_err_ = PD_ENOMEM;                      \
			}                                                      \
		}                                                              \
		pd_grow_err_;                                                  \
	})

#define PD_GROW(v, n, cap) PD_GROW_IN_(NULL, v, n, cap)
#define PD_ARENA_GROW(a, v, n, cap) PD_GROW_IN_(a, v, n, cap)

#endif
