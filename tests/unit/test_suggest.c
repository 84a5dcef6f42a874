/*
 * test_suggest.c: "did you mean" (suggest.h).
 */
#include <string.h>

#include "suggest.h"
#include "testutil.h"

START_TEST(distances)
{
	ck_assert_uint_eq(pd_suggest_distance("lint", "lint", 3), 0);
	ck_assert_uint_eq(pd_suggest_distance("lnt", "lint", 3), 1);
	ck_assert_uint_eq(pd_suggest_distance("lnit", "lint", 3), 1);
	ck_assert_uint_eq(pd_suggest_distance("kitten", "sitting", 5), 3);
	ck_assert_uint_eq(pd_suggest_distance("", "abc", 5), 3);
	/* over the cap: cap + 1, whatever the distance */
	ck_assert_uint_eq(pd_suggest_distance("changelog", "c", 2), 3);
	ck_assert_uint_eq(pd_suggest_distance("abcdefgh", "hgfedcba", 2), 3);
}
END_TEST

START_TEST(suggestions)
{
	static const char *const commands[] = {"import", "lint", "diff",
					       "review", "log", "commit",
					       "changelog", "blame", "overview"};
	static const char *const profiles[] = {"cambodia", "laos",
					       "north-korea"};
	size_t nc = sizeof(commands) / sizeof(commands[0]);

	ck_assert_str_eq(pd_suggest("lnt", commands, nc), "lint");
	ck_assert_str_eq(pd_suggest("chnagelog", commands, nc), "changelog");
	ck_assert_str_eq(pd_suggest("reveiw", commands, nc), "review");
	ck_assert_str_eq(pd_suggest("lao", profiles, 3), "laos");
	ck_assert_str_eq(pd_suggest("north", profiles, 3), "north-korea");
	ck_assert_str_eq(pd_suggest("nort-korea", profiles, 3), "north-korea");
	ck_assert_ptr_null(pd_suggest("xyzzy", commands, nc));
	ck_assert_ptr_null(pd_suggest("", commands, nc));
	ck_assert_ptr_null(pd_suggest("thailand", profiles, 3));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("suggest");

	tcase_add_test(tc, distances);
	tcase_add_test(tc, suggestions);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
