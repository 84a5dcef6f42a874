#include <string.h>

#include "profdiff/markers.h"
#include "testutil.h"

static pd_arena *arena;

static void setup(void)
{
	arena = pd_arena_new();
}

static void teardown(void)
{
	pd_arena_free(arena);
}

static pd_marker *scan(const char *s, size_t *n)
{
	pd_marker *m;

	ck_assert_int_eq(pd_markers(arena, s, strlen(s), &m, n), 0);
	return m;
}

START_TEST(single_and_adjacent_markers)
{
	size_t n;
	pd_marker *m = scan("in place.[6] In June[7][8] end", &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(m[0].start, 9);
	ck_assert_uint_eq(m[0].end, 12);
	ck_assert_uint_eq(m[0].nnumbers, 1);
	ck_assert_uint_eq(m[0].numbers[0], 6);
	ck_assert_uint_eq(m[1].numbers[0], 7);
	ck_assert_uint_eq(m[2].numbers[0], 8);
	ck_assert(!m[2].malformed);
}
END_TEST

START_TEST(lists_and_ranges)
{
	size_t n;
	pd_marker *m = scan("a[23, 24] b[23\xE2\x80\x93" "25] c[2-3,7] d[9\xE2\x80\x94" "10]", &n);

	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(m[0].nnumbers, 2);
	ck_assert_uint_eq(m[0].numbers[1], 24);
	ck_assert_uint_eq(m[1].nnumbers, 3);
	ck_assert_uint_eq(m[1].numbers[2], 25);
	ck_assert_uint_eq(m[2].nnumbers, 3);
	ck_assert_uint_eq(m[2].numbers[2], 7);
	ck_assert_uint_eq(m[3].nnumbers, 2);
}
END_TEST

START_TEST(brackets_that_are_not_markers)
{
	size_t n;

	scan("‘[t]he Digital Identity’ and [a] and [] and [ 5]", &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(malformed_markers)
{
	static const char *const bad[] = {
		"x[0]",  "x[5-3]",	"x[1-1000]", "x[100000]",
		"x[12",	 "x[12a]",	"x[1,]",     "x[99999999999999999999]",
		"x[1--2]", "x[3-]"};
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pd_marker *m = scan(bad[i], &n);

		ck_assert_msg(n == 1 && m[0].malformed, "%s", bad[i]);
		ck_assert_uint_eq(m[0].nnumbers, 0);
		ck_assert_uint_eq(m[0].start, 1);
	}
	ck_assert_uint_eq(pd_marker_len("[12]x", 5, 0), 4);
	ck_assert_uint_eq(pd_marker_len("[12x", 4, 0), 0);
	ck_assert_uint_eq(pd_marker_len("[99999]", 7, 0), 7);
}
END_TEST

START_TEST(many_markers)
{
	size_t count = 100000, i, n;
	pd_buf b = PD_BUF_INIT;
	pd_marker *m;

	for (i = 1; i <= count; i++)
		pd_buf_printf(&b, "w[%zu]", i % 99999 + 1);
	ck_assert_int_eq(pd_markers(arena, b.ptr, b.len, &m, &n), 0);
	ck_assert_uint_eq(n, count);
	ck_assert_uint_eq(m[count - 1].numbers[0], count % 99999 + 1);
	pd_buf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("markers");
	TCase *tc = tcase_create("markers");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, single_and_adjacent_markers);
	tcase_add_test(tc, lists_and_ranges);
	tcase_add_test(tc, brackets_that_are_not_markers);
	tcase_add_test(tc, malformed_markers);
	tcase_add_test(tc, many_markers);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
