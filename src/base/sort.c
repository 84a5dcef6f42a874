/*
 * sort.c: pd_sort_u32 (sort.h). The arrays it sorts are mostly a few
 * dozen long (the word ids of one sentence). An introsort: quicksort
 * with the median of three as pivot, each part shorter than
 * INSERTION_MAX left to one pass of insertion sort at the end, and
 * heapsort for a part that recursed past 2 log2 n (an input built against
 * the pivots), so that nothing takes more than n log n steps and no
 * memory is asked for. Equal integers are indistinguishable: no
 * stability is owed.
 *
 * Kept in place of qsort, the one sort libc offers, because it pays:
 * qsort calls its comparator through a pointer at every step of a merge
 * sort into a buffer; the diff sorts the word ids of every claim, and
 * with this sort (and the ids gathered in one reused array) the site of
 * a 40 x 20 history took 4.554 G -> 4.444 G instructions and the
 * changelog 1.602 G -> 1.584 G (valgrind, same output).
 */
#include "sort.h"

/* below this many, insertion does fewer steps than partitioning */
#define INSERTION_MAX 16

static void insertion(uint32_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint32_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* Moves v[i] down the max-heap v[0..n) to where it belongs. */
static void sift_down(uint32_t *v, size_t i, size_t n)
{
	uint32_t x = v[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

static void heapsort_u32(uint32_t *v, size_t n)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (i = n - 1; i > 0; i--) {
		uint32_t t = v[0];

		v[0] = v[i];
		v[i] = t;
		sift_down(v, 0, i);
	}
}

static inline void swap_u32(uint32_t *x, uint32_t *y)
{
	uint32_t t = *x;

	*x = *y;
	*y = t;
}

/* Quicksort of v[0..n) down to parts shorter than INSERTION_MAX, left
 * unsorted; the smaller part recursed into, the larger looped on, so the
 * stack holds at most log2 n frames. */
static void quick(uint32_t *v, size_t n, unsigned depth)
{
	while (n >= INSERTION_MAX) {
		size_t i, j, m = n / 2;
		uint32_t pivot;

		if (!depth--) {
			heapsort_u32(v, n);
			return;
		}
		/* median of three into v[m], with v[0] <= v[m] <= v[n - 1]:
		 * sentinels for both scans */
		if (v[m] < v[0])
			swap_u32(&v[m], &v[0]);
		if (v[n - 1] < v[m]) {
			swap_u32(&v[n - 1], &v[m]);
			if (v[m] < v[0])
				swap_u32(&v[m], &v[0]);
		}
		pivot = v[m];
		i = 0;
		j = n - 1;
		for (;;) {
			while (v[++i] < pivot)
				;
			while (pivot < v[--j])
				;
			if (i >= j)
				break;
			swap_u32(&v[i], &v[j]);
		}
		/* [0, j] <= pivot <= [j + 1, n) */
		if (j + 1 < n - j - 1) {
			quick(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			quick(v + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
}

void pd_sort_u32(uint32_t *v, size_t n)
{
	unsigned depth = 0;
	size_t k;

	for (k = n; k > 1; k >>= 1)
		depth += 2;
	quick(v, n, depth);
	insertion(v, n);
}
