/*
 * test_sort.c: pd_sort_u32 (sort.h), against qsort on the same input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"
#include "testutil.h"

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

/* a fixed xorshift: the same arrays every run */
static uint32_t next(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

START_TEST(sorts_as_qsort_does_at_every_length)
{
	static uint32_t v[3000], w[3000];
	uint32_t seed = 2463534242u;
	size_t n, k;

	/* both sides of the switch to heapsort, duplicates, extremes */
	for (n = 0; n <= 3000; n += n < 64 ? 1 : 487) {
		for (k = 0; k < n; k++) {
			uint32_t r = next(&seed);

			v[k] = k % 7 == 0 ? UINT32_MAX : k % 5 == 0 ? 0
				: r % (n / 2 + 1);
		}
		memcpy(w, v, n * sizeof(*v));
		pd_sort_u32(v, n);
		qsort(w, n, sizeof(*w), cmp_u32);
		ck_assert_int_eq(memcmp(v, w, n * sizeof(*v)), 0);
	}
}
END_TEST

START_TEST(sorted_and_reversed_input)
{
	uint32_t v[1000];
	size_t k;

	for (k = 0; k < 1000; k++)
		v[k] = (uint32_t)(1000 - k);
	pd_sort_u32(v, 1000);
	for (k = 0; k < 1000; k++)
		ck_assert_uint_eq(v[k], k + 1);
	pd_sort_u32(v, 1000);
	for (k = 0; k < 1000; k++)
		ck_assert_uint_eq(v[k], k + 1);
	v[0] = 9;
	pd_sort_u32(v, 1);
	ck_assert_uint_eq(v[0], 9);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sort");
	TCase *tc = tcase_create("sort");

	tcase_add_test(tc, sorts_as_qsort_does_at_every_length);
	tcase_add_test(tc, sorted_and_reversed_input);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
