#include <stdlib.h>
#include <string.h>

#include "profdiff/markers.h"
#include "profdiff/profile.h"
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

/* The numbers a text cites, each once in order of first citation, are
 * those of pd_markers' well-formed markers with the repeats dropped: on
 * short lists, on lists long enough for the bitmap, with malformed
 * markers (whose numbers are not cited) between them, and on every
 * sentence of the real pages. */
static void check_numbers(const char *s, size_t len)
{
	pd_marker *m;
	size_t nm, i, j, k, n, want = 0;
	uint32_t *v;
	static uint32_t expect[PD_MAX_FOOTNOTE + 1];
	static unsigned char seen[PD_MAX_FOOTNOTE + 1];

	ck_assert_int_eq(pd_markers(arena, s, len, &m, &nm), 0);
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < nm; i++)
		for (j = 0; j < m[i].nnumbers; j++)
			if (!seen[m[i].numbers[j]]) {
				seen[m[i].numbers[j]] = 1;
				expect[want++] = m[i].numbers[j];
			}
	ck_assert_int_eq(pd_marker_numbers(arena, s, len, &v, &n), 0);
	ck_assert_uint_eq(n, want);
	for (k = 0; k < n; k++)
		ck_assert_uint_eq(v[k], expect[k]);
}

START_TEST(numbers_cited_each_once)
{
	static const char *const cases[] = {
		"no marker at all",
		"a[3][1][3] b[1, 2] c[2-4][9]",
		"[5][1, 2, x][2][1-0][7] [99999][100000]",
		"[1]–[3] [4–6][4—6][5, 4]",
	};
	size_t i, n;
	uint32_t *v;
	pd_buf b = PD_BUF_INIT;
	char **sentences = tu_page_sentences();

	ck_assert_int_eq(pd_marker_numbers(arena, "[4][4][2][4]", 12, &v, &n),
			 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(v[0], 4);
	ck_assert_uint_eq(v[1], 2);
	ck_assert_int_eq(pd_marker_numbers(arena, "[x] [1, y]", 10, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(v);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_numbers(cases[i], strlen(cases[i]));
	/* past the list's scan: 3,000 distinct numbers, repeated, with a
	 * malformed marker every 7th that brings numbers of its own */
	for (i = 0; i < 20000; i++)
		pd_buf_printf(&b, i % 7 == 3 ? "[%zu, q]" : "[%zu]",
			      (i * 7919) % 3000 + 1);
	check_numbers(b.ptr, b.len);
	for (i = 0; sentences[i]; i++)
		check_numbers(sentences[i], strlen(sentences[i]));
	tu_free_list(sentences);
	pd_buf_free(&b);
}
END_TEST

/* pd_marker_next finds, one at a time, the markers pd_markers returns:
 * the same spans, flags and numbers, in the same order. */
static void check_next(const char *s, size_t len)
{
	pd_marker *m, one;
	size_t nm, i = 0, j, pos = 0, cap = 0;
	uint32_t *buf = NULL;
	int r;

	ck_assert_int_eq(pd_markers(arena, s, len, &m, &nm), 0);
	while ((r = pd_marker_next(s, len, &pos, &one, &buf, &cap)) > 0) {
		ck_assert_uint_lt(i, nm);
		ck_assert_uint_eq(one.start, m[i].start);
		ck_assert_uint_eq(one.end, m[i].end);
		ck_assert_uint_eq(pos, m[i].end);
		ck_assert_int_eq(one.malformed, m[i].malformed);
		ck_assert_uint_eq(one.nnumbers, m[i].nnumbers);
		if (!one.nnumbers)
			ck_assert_ptr_null(one.numbers);
		for (j = 0; j < one.nnumbers; j++)
			ck_assert_uint_eq(one.numbers[j], m[i].numbers[j]);
		i++;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(i, nm);
	ck_assert_int_eq(pd_marker_next(s, len, &pos, &one, &buf, &cap), 0);
	free(buf);
}

START_TEST(markers_one_at_a_time)
{
	static const char *const cases[] = {
		"",
		"no marker at all",
		"in place.[6] In June[7][8] end",
		"a[3][1][3] b[1, 2] c[2-4][9] [t]he [",
		"[5][1, 2, x][2][1-0][7] [99999][100000]",
		"[1]–[3] [4–6][4—6][5, 4] [1-40]",
	};
	size_t i;
	pd_buf b = PD_BUF_INIT;
	char **sentences = tu_page_sentences();

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_next(cases[i], strlen(cases[i]));
	for (i = 0; i < 20000; i++)
		pd_buf_printf(&b, i % 7 == 3 ? "[%zu, q]" : "[%zu]",
			      (i * 7919) % 3000 + 1);
	check_next(b.ptr, b.len);
	for (i = 0; sentences[i]; i++)
		check_next(sentences[i], strlen(sentences[i]));
	tu_free_list(sentences);
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
	tcase_add_test(tc, numbers_cited_each_once);
	tcase_add_test(tc, markers_one_at_a_time);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
