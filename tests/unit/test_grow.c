/*
 * test_grow.c: PD_GROW and PD_ARENA_GROW (grow.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "grow.h"
#include "testutil.h"

START_TEST(arrays_grow_and_keep_their_elements)
{
	pd_arena *a = pd_arena_new();
	uint32_t *v = NULL, *w = NULL;
	size_t n = 0, cap = 0, m = 0, wcap = 0, k;

	for (k = 0; k < 10000; k++) {
		ck_assert_int_eq(PD_GROW(v, n, cap), 0);
		ck_assert_uint_gt(cap, n);
		v[n++] = (uint32_t)k * 3;
		ck_assert_int_eq(PD_ARENA_GROW(a, w, m, wcap), 0);
		ck_assert_uint_gt(wcap, m);
		w[m++] = (uint32_t)k * 5;
	}
	for (k = 0; k < 10000; k++) {
		ck_assert_uint_eq(v[k], k * 3);
		ck_assert_uint_eq(w[k], k * 5);
	}
	/* doubling: few reallocations */
	ck_assert_uint_eq(cap, 16384);
	free(v);
	pd_arena_free(a);
}
END_TEST

START_TEST(no_room_is_an_error_and_changes_nothing)
{
	struct big {
		char bytes[1 << 20];
	} *v = NULL;
	size_t n = SIZE_MAX / 2, cap = SIZE_MAX / 2;

	pd_error_clear();
	ck_assert_int_eq(PD_GROW(v, n, cap), PD_ENOMEM);
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(cap, SIZE_MAX / 2);
	ck_assert_int_eq(pd_error_last()->code, PD_ENOMEM);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("grow");
	TCase *tc = tcase_create("grow");

	tcase_add_test(tc, arrays_grow_and_keep_their_elements);
	tcase_add_test(tc, no_room_is_an_error_and_changes_nothing);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
