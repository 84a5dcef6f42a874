#include <stdint.h>
#include <string.h>

#include "profdiff/arena.h"
#include "testutil.h"

START_TEST(alloc_is_aligned_and_zeroed)
{
	pd_arena *a = pd_arena_new();
	int i;

	ck_assert_ptr_nonnull(a);
	for (i = 1; i < 200; i++) {
		unsigned char *p = pd_arena_alloc(a, (size_t)i);
		int j;

		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % 16, 0);
		for (j = 0; j < i; j++)
			ck_assert_uint_eq(p[j], 0);
		memset(p, 0xAB, (size_t)i);
	}
	pd_arena_free(a);
}
END_TEST

START_TEST(large_allocations_get_their_own_block)
{
	pd_arena *a = pd_arena_new();
	char *small = pd_arena_alloc(a, 10);
	char *big = pd_arena_alloc(a, 20u << 20);

	ck_assert_ptr_nonnull(small);
	ck_assert_ptr_nonnull(big);
	big[(20u << 20) - 1] = 'x';
	ck_assert_uint_ge(pd_arena_used(a), 20u << 20);
	pd_arena_free(a);
}
END_TEST

START_TEST(grow_in_place_keeps_contents)
{
	pd_arena *a = pd_arena_new();
	int *v = NULL;
	size_t cap = 0, n, i;

	for (n = 0; n < 10000; n++) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4;

			v = pd_arena_grow(a, v, cap * sizeof(*v),
					  ncap * sizeof(*v));
			ck_assert_ptr_nonnull(v);
			cap = ncap;
		}
		v[n] = (int)n;
	}
	for (i = 0; i < n; i++)
		ck_assert_int_eq(v[i], (int)i);
	pd_arena_free(a);
}
END_TEST

START_TEST(grow_of_an_older_block_copies)
{
	pd_arena *a = pd_arena_new();
	char *s = pd_arena_strdup(a, "abc");
	char *t = pd_arena_strdup(a, "def");
	char *g = pd_arena_grow(a, s, 4, 64);

	ck_assert_ptr_ne(g, s);
	ck_assert_str_eq(g, "abc");
	ck_assert_str_eq(t, "def");
	ck_assert_uint_eq((unsigned char)g[63], 0);
	pd_arena_free(a);
}
END_TEST

/* A large array grown while other allocations come between its growths
 * (a reader's sections, each with its paragraphs) gets a block of its own
 * that grows where it is: the arena holds the array once, not every
 * smaller copy beside it. */
START_TEST(large_arrays_grown_leave_no_copies)
{
	pd_arena *a = pd_arena_new();
	uint32_t *v = NULL;
	size_t n = 0, cap = 0, k, others = 0;

	ck_assert_ptr_nonnull(a);
	for (k = 0; k < (1u << 20); k++) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			uint32_t *g = pd_arena_grow(a, v, cap * sizeof(*v),
						    ncap * sizeof(*v));

			ck_assert_ptr_nonnull(g);
			ck_assert_uint_eq(g[ncap - 1], 0);
			v = g;
			cap = ncap;
		}
		v[n++] = (uint32_t)k;
		if (k % 64 == 0) {
			char *o = pd_arena_strdup(a, "between");

			ck_assert_ptr_nonnull(o);
			others += 16;
		}
	}
	for (k = 0; k < n; k++)
		ck_assert_uint_eq(v[k], (uint32_t)k);
	/* 4 MiB of array, 256 KiB of strings: copied at each doubling, the
	 * arena would hold 8 MiB */
	ck_assert_uint_lt(pd_arena_used(a),
			  cap * sizeof(*v) + others + (256u << 10));
	pd_arena_free(a);
}
END_TEST

START_TEST(grow_array_doubles_and_keeps_elements)
{
	pd_arena *a = pd_arena_new();
	uint32_t *v = NULL;
	size_t n, cap = 0;

	for (n = 0; n < 1000; n++) {
		if (n == cap) {
			size_t was = cap;
			uint32_t *g = pd_arena_grow_array(a, v, &cap, sizeof(*g));

			ck_assert_ptr_nonnull(g);
			ck_assert_uint_eq(cap, was ? was * 2 : 16);
			v = g;
		}
		v[n] = (uint32_t)n * 7;
	}
	for (n = 0; n < 1000; n++)
		ck_assert_uint_eq(v[n], n * 7);
	/* a size that would overflow leaves the array and capacity alone */
	cap = SIZE_MAX / 2;
	ck_assert_ptr_null(pd_arena_grow_array(a, v, &cap, 8));
	ck_assert_uint_eq(cap, SIZE_MAX / 2);
	pd_arena_free(a);
}
END_TEST

START_TEST(strndup_copies_exactly)
{
	pd_arena *a = pd_arena_new();
	char *s = pd_arena_strndup(a, "hello world", 5);

	ck_assert_str_eq(s, "hello");
	ck_assert_str_eq(pd_arena_strndup(a, "", 0), "");
	pd_arena_free(a);
	pd_arena_free(NULL);
}
END_TEST

START_TEST(overflowing_requests_fail_cleanly)
{
	pd_arena *a = pd_arena_new();

	ck_assert_ptr_null(pd_arena_calloc(a, SIZE_MAX / 2, 4));
	ck_assert_int_eq(pd_error_last()->code, PD_ENOMEM);
	ck_assert_ptr_null(pd_arena_alloc(a, SIZE_MAX - 4));
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");

	tcase_add_test(tc, alloc_is_aligned_and_zeroed);
	tcase_add_test(tc, large_allocations_get_their_own_block);
	tcase_add_test(tc, grow_in_place_keeps_contents);
	tcase_add_test(tc, grow_of_an_older_block_copies);
	tcase_add_test(tc, grow_array_doubles_and_keeps_elements);
	tcase_add_test(tc, large_arrays_grown_leave_no_copies);
	tcase_add_test(tc, strndup_copies_exactly);
	tcase_add_test(tc, overflowing_requests_fail_cleanly);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
