/*
 * sort.h: sorts of the hot paths that qsort() serves badly: an array of
 * integers, where a call through a comparator for each of a few dozen
 * elements costs more than the sort itself.
 */
#ifndef PROFDIFF_SORT_H
#define PROFDIFF_SORT_H

#include <stddef.h>
#include <stdint.h>

/* Sorts v[0..n) in ascending order, in place, without allocating, in
 * at most n log n steps whatever the input (an introsort). */
void pd_sort_u32(uint32_t *v, size_t n);

#endif
