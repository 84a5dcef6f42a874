/*
 * test_review.c: an update reviewed as a whole (review.c): each entry's
 * diff and findings introduced and fixed, a head that no longer parses,
 * added and deleted profiles, the totals and the exit threshold.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/review.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static const char base_text[] =
	"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
	"sections:\n  - title: Law\n    paragraphs:\n"
	"      - It cites this.[2] And this.[3]\n"
	"      - The ministry registered 4,000 births in 2025.\n"
	"footnotes:\n  1: Smith, 'Orphaned' <https://a.org/1>.\n"
	"  2: Jones, 'Second' <https://a.org/2>.\n"
	"  3: Brown, 'Third' <https://a.org/3>.\n";

static pd_profile *profile(const char *text)
{
	pd_profile *p = tu_read_yaml(text, strlen(text), "t.yaml");

	ck_assert_ptr_nonnull(p);
	return p;
}

static size_t count_rule(const pd_finding *const *v, size_t n,
			 pd_rule_id rule)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += v[i]->rule == rule;
	return k;
}

static void check(pd_review_entry *e)
{
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;

	ck_assert_int_eq(pd_review_check(e, &lo, &dopts), 0);
}

START_TEST(renumbering_and_rewrapping_is_no_news)
{
	/* every footnote moved up by 10, the paragraph folded */
	static const char renumbered[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - >-\n        It cites\n        this.[12] And this.[13]\n"
		"      - >-\n        The ministry registered\n"
		"        4,000 births in 2025.\n"
		"footnotes:\n  11: Smith, 'Orphaned' <https://a.org/1>.\n"
		"  12: Jones, 'Second' <https://a.org/2>.\n"
		"  13: Brown, 'Third' <https://a.org/3>.\n";
	pd_profile *a = profile(base_text), *b = profile(renumbered);
	pd_review_entry e;

	memset(&e, 0, sizeof(e));
	e.status = PD_REVIEW_MODIFIED;
	e.from = a;
	e.to = b;
	check(&e);
	ck_assert_ptr_nonnull(e.diff);
	ck_assert_uint_eq(e.diff->nchanges, 0);
	ck_assert_uint_eq(e.lint.nintroduced, 0);
	ck_assert_uint_eq(e.lint.nfixed, 0);
	/* the orphan and the uncited assertion, matched though renumbered */
	ck_assert_uint_eq(e.lint.unchanged, e.lint_from->nfindings);
	ck_assert_uint_ge(e.lint.unchanged, 2);
	pd_review_entry_free(&e);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

START_TEST(fixes_and_introductions_are_told_apart)
{
	/* the orphan dropped (fixed), the uncited claim cited (fixed), a
	 * citation to a footnote that is not there (introduced), and the
	 * date left alone though the substance changed (introduced) */
	static const char updated[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[2] And this.[3]\n"
		"      - The ministry registered 4,000 births in 2025.[2]\n"
		"      - In 2026 the ministry registered 5,000 more.[9]\n"
		"footnotes:\n  2: Jones, 'Second' <https://a.org/2>.\n"
		"  3: Brown, 'Third' <https://a.org/3>.\n";
	pd_profile *a = profile(base_text), *b = profile(updated);
	pd_review_entry e;

	memset(&e, 0, sizeof(e));
	e.status = PD_REVIEW_MODIFIED;
	e.from = a;
	e.to = b;
	e.published = a; /* the base is the published revision */
	check(&e);
	ck_assert_uint_eq(e.lint.nfixed, 2);
	ck_assert_uint_eq(count_rule(e.lint.fixed, e.lint.nfixed,
				     PD_RULE_ORPHAN_FOOTNOTE),
			  1);
	ck_assert_uint_eq(count_rule(e.lint.fixed, e.lint.nfixed,
				     PD_RULE_UNCITED_ASSERTION),
			  1);
	ck_assert_uint_eq(count_rule(e.lint.introduced, e.lint.nintroduced,
				     PD_RULE_DANGLING_CITATION),
			  1);
	/* the head is checked against the published revision: the date
	 * should have moved */
	ck_assert_uint_eq(count_rule(e.lint.introduced, e.lint.nintroduced,
				     PD_RULE_DATE_NOT_BUMPED),
			  1);
	ck_assert_uint_gt(e.diff->substantive, 0);
	pd_review_entry_free(&e);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

START_TEST(rewording_a_claim_keeps_its_findings)
{
	/* the uncited claim reworded, and split in two: its finding is the
	 * one it had, not a new one (nor one fixed) */
	static const char reworded[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-02-01\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[2] And this.[3]\n"
		"      - The ministry registered 4,100 births in 2025.\n"
		"footnotes:\n  1: Smith, 'Orphaned' <https://a.org/1>.\n"
		"  2: Jones, 'Second' <https://a.org/2>.\n"
		"  3: Brown, 'Third' <https://a.org/3>.\n";
	pd_profile *a = profile(base_text), *b = profile(reworded);
	pd_review_entry e;

	memset(&e, 0, sizeof(e));
	e.from = a;
	e.to = b;
	check(&e);
	ck_assert_uint_eq(e.diff->count[PD_CHANGE_CLAIM_REWORDED], 1);
	ck_assert_uint_eq(count_rule(e.lint.introduced, e.lint.nintroduced,
				     PD_RULE_UNCITED_ASSERTION),
			  0);
	ck_assert_uint_eq(e.lint.nfixed, 0);
	ck_assert_uint_eq(e.lint.unchanged, e.lint_from->nfindings);
	/* without the diff's pairs the finding would be fixed and new */
	{
		pd_lint_delta plain;

		ck_assert_int_eq(pd_lint_compare(e.arena, e.lint_from,
						 e.lint_to, &plain),
				 0);
		ck_assert_uint_eq(plain.nfixed, 1);
		ck_assert_uint_eq(plain.nintroduced, 1);
	}
	pd_review_entry_free(&e);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

START_TEST(added_and_deleted_profiles_compare_with_an_empty_one)
{
	pd_profile *a = profile(base_text);
	pd_review_entry add, del;

	memset(&add, 0, sizeof(add));
	add.status = PD_REVIEW_ADDED;
	add.to = a;
	check(&add);
	ck_assert_uint_eq(add.diff->count[PD_CHANGE_SECTION_ADDED], 1);
	ck_assert_uint_eq(add.lint.nintroduced, add.lint_to->nfindings);
	ck_assert_uint_eq(add.lint.nfixed, 0);
	ck_assert_ptr_null(add.lint_from);

	memset(&del, 0, sizeof(del));
	del.status = PD_REVIEW_DELETED;
	del.from = a;
	check(&del);
	ck_assert_uint_eq(del.diff->count[PD_CHANGE_SECTION_REMOVED], 1);
	ck_assert_uint_eq(del.lint.nfixed, del.lint_from->nfindings);
	ck_assert_uint_eq(del.lint.nintroduced, 0);
	pd_review_entry_free(&add);
	pd_review_entry_free(&del);
	pd_profile_free(a);
}
END_TEST

START_TEST(a_head_that_no_longer_parses_breaks_and_fixes_nothing)
{
	pd_profile *a = profile(base_text);
	pd_error err;
	pd_review_entry e;

	memset(&err, 0, sizeof(err));
	err.code = PD_EINVALID;
	err.pos.line = 3;
	err.pos.col = 7;
	strcpy(err.message, "expected a date");
	memset(&e, 0, sizeof(e));
	e.status = PD_REVIEW_MODIFIED;
	e.from = a;
	e.to_error = &err;
	check(&e);
	ck_assert_ptr_null(e.diff);
	ck_assert_uint_eq(e.lint.nintroduced, 1);
	ck_assert_int_eq(e.lint.introduced[0]->rule, PD_RULE_SCHEMA);
	ck_assert_uint_eq(e.lint.introduced[0]->pos.line, 3);
	ck_assert_str_eq(e.lint.introduced[0]->message, "expected a date");
	ck_assert_uint_eq(e.lint.nfixed, 0);
	ck_assert_uint_eq(e.lint.unchanged, 0);
	pd_review_entry_free(&e);
	pd_profile_free(a);
}
END_TEST

START_TEST(totals_put_broken_profiles_first_and_gate_on_severity)
{
	static const char warned[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-02-01\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[2] And this.[3]\n"
		"      - The ministry registered 4,000 births in 2025.\n"
		"      - The ministry registered 9,000 deaths in 2025.\n"
		"footnotes:\n  1: Smith, 'Orphaned' <https://a.org/1>.\n"
		"  2: Jones, 'Second' <https://a.org/2>.\n"
		"  3: Brown, 'Third' <https://a.org/3>.\n";
	pd_profile *a = profile(base_text), *b = profile(warned);
	pd_error err;
	pd_review_entry v[3];
	pd_review r;
	size_t i;

	memset(&err, 0, sizeof(err));
	strcpy(err.message, "bad");
	memset(v, 0, sizeof(v));
	v[0].profile = "same";
	v[0].from = a;
	v[0].to = a;
	v[1].profile = "warned";
	v[1].from = a;
	v[1].to = b;
	v[1].published = a;
	v[2].profile = "broken";
	v[2].from = a;
	v[2].to_error = &err;
	for (i = 0; i < 3; i++)
		check(&v[i]);
	memset(&r, 0, sizeof(r));
	r.entries = v;
	r.n = 2;
	pd_review_total(&r);
	/* a draft (a new date) with a new uncited claim: a warning only */
	ck_assert_uint_eq(r.introduced[PD_SEV_ERROR], 0);
	ck_assert_uint_eq(r.introduced[PD_SEV_WARNING], 1);
	ck_assert(!pd_review_fails(&r, PD_SEV_ERROR));
	ck_assert(pd_review_fails(&r, PD_SEV_WARNING));
	ck_assert(pd_review_fails(&r, PD_SEV_INFO));
	ck_assert(!pd_review_fails(&r, PD_SEV_OFF));
	ck_assert_uint_eq(r.broken, 0);
	ck_assert_uint_eq(r.substantive, 1);

	r.n = 3;
	pd_review_total(&r);
	ck_assert_uint_eq(r.broken, 1);
	ck_assert_str_eq(r.entries[0].profile, "broken");
	ck_assert_str_eq(r.entries[1].profile, "same");
	ck_assert_str_eq(r.entries[2].profile, "warned");
	ck_assert_uint_eq(r.introduced[PD_SEV_ERROR], 1);
	ck_assert(pd_review_fails(&r, PD_SEV_ERROR));
	ck_assert_str_eq(pd_review_status_name(PD_REVIEW_RENAMED), "renamed");
	for (i = 0; i < 3; i++)
		pd_review_entry_free(&v[i]);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, renumbering_and_rewrapping_is_no_news);
	tcase_add_test(tc, fixes_and_introductions_are_told_apart);
	tcase_add_test(tc, rewording_a_claim_keeps_its_findings);
	tcase_add_test(tc, added_and_deleted_profiles_compare_with_an_empty_one);
	tcase_add_test(tc, a_head_that_no_longer_parses_breaks_and_fixes_nothing);
	tcase_add_test(tc, totals_put_broken_profiles_first_and_gate_on_severity);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
