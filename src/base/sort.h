/*
 * sort.h: sorts of the hot paths that qsort() serves badly (an array of
 * integers, where a call through a comparator for each of a few dozen
 * elements costs more than the sort itself), and qsort() and bsearch()
 * made safe for an empty array.
 */
#ifndef PROFDIFF_SORT_H
#define PROFDIFF_SORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Sorts v[0..n) in ascending order, in place, without allocating, in
 * at most n log n steps whatever the input (an introsort). */
void pd_sort_u32(uint32_t *v, size_t n);

/* qsort(), save that an empty array may be NULL: qsort's may not (C
 * leaves a null pointer undefined whatever the count, and UBSan stops
 * there), and an array grown on demand is NULL until its first
 * element. Every sort of the project goes through it. */
static inline void pd_qsort(void *v, size_t n, size_t size,
			    int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(v, n, size, cmp);
}

/* bsearch(), save that an empty array may be NULL, as for pd_qsort. */
static inline void *pd_bsearch(const void *key, const void *v, size_t n,
			       size_t size,
			       int (*cmp)(const void *, const void *))
{
	return n ? bsearch(key, v, n, size, cmp) : NULL;
}

#endif
