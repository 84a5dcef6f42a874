#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multisearch.h"
#include "profdiff/arena.h"
#include "testutil.h"

/* The smallest id of the patterns found in text, by trying each. */
static int64_t naive(char **pat, const size_t *len, size_t n, const char *s,
		     size_t slen)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (!len[i] || len[i] > slen)
			continue;
		for (k = 0; k + len[i] <= slen; k++)
			if (memcmp(s + k, pat[i], len[i]) == 0)
				return (int64_t)i;
	}
	return -1;
}

/* The textbook case: overlapping patterns, found through failure links
 * ("ushers" holds "she", "he" and "hers"); ids are per pattern, the
 * smallest wins; a pattern added twice keeps its smaller id. */
START_TEST(overlapping_patterns)
{
	pd_arena *a = pd_arena_new();
	pd_multisearch *m = pd_multisearch_new(a);

	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(pd_multisearch_add(m, "hers", 4, 3), 0);
	ck_assert_int_eq(pd_multisearch_add(m, "his", 3, 2), 0);
	ck_assert_int_eq(pd_multisearch_add(m, "she", 3, 1), 0);
	ck_assert_int_eq(pd_multisearch_add(m, "he", 2, 4), 0);
	ck_assert_int_eq(pd_multisearch_add(m, "he", 2, 9), 0);
	ck_assert_int_eq(pd_multisearch_add(m, "", 0, 0), 0);
	ck_assert_int_eq(pd_multisearch_build(m), 0);
	ck_assert_int_eq(pd_multisearch_min_id(m, "ushers", 6), 1);
	ck_assert_int_eq(pd_multisearch_min_id(m, "xhers", 5), 3);
	ck_assert_int_eq(pd_multisearch_min_id(m, "hhe", 3), 4);
	ck_assert_int_eq(pd_multisearch_min_id(m, "this", 4), 2);
	ck_assert_int_eq(pd_multisearch_min_id(m, "hi s", 4), -1);
	ck_assert_int_eq(pd_multisearch_min_id(m, "", 0), -1);
	/* bytes past len are not read */
	ck_assert_int_eq(pd_multisearch_min_id(m, "sh|e", 2), -1);
	pd_arena_free(a);
}
END_TEST

/* Random patterns over a small alphabet (so that they overlap and nest),
 * against trying each pattern: 200 automata, 50 texts each. */
START_TEST(random_patterns_agree_with_trying_each)
{
	unsigned seed = 20261127;
	size_t round;

	for (round = 0; round < 200; round++) {
		pd_arena *a = pd_arena_new();
		pd_multisearch *m = pd_multisearch_new(a);
		char *pat[40], text[300];
		size_t len[40], n = 1 + round % 40, i, t;

		for (i = 0; i < n; i++) {
			size_t k;

			seed = seed * 1103515245u + 12345u;
			len[i] = (seed >> 16) % 7;
			pat[i] = malloc(len[i] + 1);
			for (k = 0; k < len[i]; k++) {
				seed = seed * 1103515245u + 12345u;
				pat[i][k] = "abc\xC3"[(seed >> 16) % 4];
			}
			ck_assert_int_eq(pd_multisearch_add(m, pat[i], len[i],
							 (uint32_t)i),
					 0);
		}
		ck_assert_int_eq(pd_multisearch_build(m), 0);
		for (t = 0; t < 50; t++) {
			size_t tl, k;

			seed = seed * 1103515245u + 12345u;
			tl = (seed >> 16) % sizeof(text);
			for (k = 0; k < tl; k++) {
				seed = seed * 1103515245u + 12345u;
				text[k] = "abcd\xC3"[(seed >> 16) % 5];
			}
			ck_assert_int_eq(pd_multisearch_min_id(m, text, tl),
					 naive(pat, len, n, text, tl));
		}
		for (i = 0; i < n; i++)
			free(pat[i]);
		pd_arena_free(a);
	}
}
END_TEST

/* 20,000 patterns that share a long prefix: built and searched in one
 * pass each; the text names the last. */
START_TEST(many_patterns_with_one_prefix)
{
	pd_arena *a = pd_arena_new();
	pd_multisearch *m = pd_multisearch_new(a);
	char p[64];
	size_t i;

	for (i = 0; i < 20000; i++) {
		int n = snprintf(p, sizeof(p), "Law on Identity Matter %zu;", i);

		ck_assert_int_eq(
			pd_multisearch_add(m, p, (size_t)n, (uint32_t)i), 0);
	}
	ck_assert_int_eq(pd_multisearch_build(m), 0);
	ck_assert_int_eq(pd_multisearch_min_id(m, "the Law on Identity Matter "
					       "19999; and more", 42),
			 19999);
	ck_assert_int_eq(pd_multisearch_min_id(m,
					       "Law on Identity Matter 20000;",
					       29),
			 -1);
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("multisearch");
	TCase *tc = tcase_create("multisearch");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, overlapping_patterns);
	tcase_add_test(tc, random_patterns_agree_with_trying_each);
	tcase_add_test(tc, many_patterns_with_one_prefix);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
