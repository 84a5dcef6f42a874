/*
 * test_blame.c: claims' lineage through revisions (blame.c, and the
 * diff's links): renumbered footnotes and editorial fixes keep a claim
 * unchanged, a rewording or a move changes it, a split keeps its
 * introduction; staleness at its boundaries; months subtracted.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "profdiff/blame.h"
#include "testutil.h"

static pd_profile *rev(const char *date, const char *body)
{
	char text[4096];
	pd_profile *p;

	snprintf(text, sizeof(text),
		 "schema: 1\ncountry: Laos\nlast_updated: %s\n%s", date, body);
	p = tu_read_yaml(text, strlen(text), "t.yaml");
	ck_assert_ptr_nonnull(p);
	return p;
}

static pd_date day(const char *s)
{
	pd_date d;

	ck_assert(pd_date_parse(s, strlen(s), &d));
	return d;
}

/* The lineage test, the blamer diffing the revisions itself, or given
 * the diffs a caller made (`given`) with a differ of its own. */
static void lineage(bool given)
{
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	pd_profile *v[4];
	pd_diff *d[4] = {NULL, NULL, NULL, NULL};
	pd_differ *dr;
	pd_blamer *bl;
	pd_blame *b;
	size_t i;
	static const char *const dates[] = {"2025-01-01", "2025-02-01",
					    "2025-03-01", "2025-04-01"};

	v[0] = rev(dates[0],
		   "sections:\n  - title: A\n    paragraphs:\n"
		   "      - The card covers 80 percent.[1] Registraton is "
		   "free.[2]\n  - title: B\n    paragraphs:\n"
		   "      - Courts have not tested the law.[2]\n"
		   "footnotes:\n  1: Smith, 'One' <https://a.org/1> accessed "
		   "1 January 2025.\n  2: Jones, 'Two' <https://a.org/2>.\n");
	/* a footnote inserted before the others: all renumbered */
	v[1] = rev(dates[1],
		   "sections:\n  - title: A\n    paragraphs:\n"
		   "      - The card covers 80 percent.[2] Registraton is "
		   "free.[3] A survey agrees.[1]\n  - title: B\n"
		   "    paragraphs:\n      - Courts have not tested the "
		   "law.[3]\nfootnotes:\n  1: Lee, 'New' <https://a.org/9>.\n"
		   "  2: Smith, 'One' <https://a.org/1> accessed 1 January "
		   "2025.\n  3: Jones, 'Two' <https://a.org/2>.\n");
	/* a typo fixed (editorial); the figure changed (factual) */
	v[2] = rev(dates[2],
		   "sections:\n  - title: A\n    paragraphs:\n"
		   "      - The card covers 85 percent.[2] Registration is "
		   "free.[3] A survey agrees.[1]\n  - title: B\n"
		   "    paragraphs:\n      - Courts have not tested the "
		   "law.[3]\nfootnotes:\n  1: Lee, 'New' <https://a.org/9>.\n"
		   "  2: Smith, 'One' <https://a.org/1> accessed 1 January "
		   "2025.\n  3: Jones, 'Two' <https://a.org/2>.\n");
	/* the courts claim moved from B to A */
	v[3] = rev(dates[3],
		   "sections:\n  - title: A\n    paragraphs:\n"
		   "      - The card covers 85 percent.[2] Registration is "
		   "free.[3] A survey agrees.[1] Courts have not tested the "
		   "law.[3]\n  - title: B\n    paragraphs:\n"
		   "      - Nothing else is known.\n"
		   "footnotes:\n  1: Lee, 'New' <https://a.org/9>.\n"
		   "  2: Smith, 'One' <https://a.org/1> accessed 1 January "
		   "2025.\n  3: Jones, 'Two' <https://a.org/2>.\n");
	o.links = true;
	ck_assert_int_eq(pd_differ_new(&dr, &o), 0);
	for (i = 1; given && i < 4; i++)
		ck_assert_int_eq(pd_differ_diff(dr, &d[i], v[i - 1], v[i]), 0);
	pd_differ_free(dr);
	ck_assert_int_eq(pd_blamer_new(&bl, NULL), 0);
	for (i = 0; i < 4; i++) {
		pd_blame_rev r = {v[i]->last_updated, "c0ffee", "Ed", 0,
				  NULL, 0};

		if (d[i])
			ck_assert_int_eq(pd_blamer_add_diff(bl, v[i], &r, d[i]),
					 0);
		else
			ck_assert_int_eq(pd_blamer_add(bl, v[i], &r), 0);
	}
	ck_assert_int_eq(pd_blamer_finish(bl, &b), 0);
	pd_blamer_free(bl);
	for (i = 0; i < 4; i++) {
		pd_diff_free(d[i]);
		pd_profile_free(v[i]); /* the blame keeps what it needs */
	}
	ck_assert_uint_eq(b->nrevs, 4);
	ck_assert_uint_eq(b->nclaims, 5);
	/* the figure: introduced first, reworded (factual) in the third */
	ck_assert_str_eq(b->claims[0].text, "The card covers 85 percent.");
	ck_assert_uint_eq(b->claims[0].introduced, 0);
	ck_assert_int_eq(b->claims[0].changed, 2);
	ck_assert_int_eq(b->claims[0].kind, PD_BLAME_REWORDED);
	ck_assert(b->claims[0].factual);
	ck_assert_str_eq(b->claims[0].sources[0].label, "One");
	/* the typo fix: no change; renumbering: no change */
	ck_assert_str_eq(b->claims[1].text, "Registration is free.");
	ck_assert_uint_eq(b->claims[1].introduced, 0);
	ck_assert_int_eq(b->claims[1].changed, -1);
	ck_assert_uint_eq(b->claims[2].introduced, 1);
	ck_assert_int_eq(b->claims[2].changed, -1);
	/* the move */
	ck_assert_str_eq(b->claims[3].section, "A");
	ck_assert_uint_eq(b->claims[3].introduced, 0);
	ck_assert_int_eq(b->claims[3].changed, 3);
	ck_assert_int_eq(b->claims[3].kind, PD_BLAME_MOVED);
	ck_assert_uint_eq(b->claims[4].introduced, 3);
	/* the history, newest first */
	ck_assert_uint_eq(b->claims[0].history->rev, 2);
	ck_assert_uint_eq(b->claims[0].history->older->rev, 0);
	ck_assert_int_eq(b->claims[0].history->older->kind, PD_BLAME_NONE);
	ck_assert_ptr_null(b->claims[0].history->older->older);
	ck_assert_str_eq(b->revs[0].commit, "c0ffee");

	/* stale at 2 months (before 2025-02-01): the claims of the first
	 * revision whose sources were not accessed since; the figure was
	 * reworded after, and the survey claim came after */
	ck_assert_uint_eq(pd_blame_stale(b, 2), 1);
	ck_assert(b->claims[1].stale);
	ck_assert(!b->claims[0].stale);
	/* at 3 months (before 2025-01-01) nothing is that old */
	ck_assert_uint_eq(pd_blame_stale(b, 3), 0);
	/* at 1 month (before 2025-03-01): the survey claim too, and the
	 * claims without accessed sources; not the reworded figure */
	ck_assert_uint_eq(pd_blame_stale(b, 1), 2);
	ck_assert(b->claims[2].stale);
	pd_blame_free(b);
}

START_TEST(lineage_through_a_history)
{
	lineage(false);
}
END_TEST

/* The same lineage from diffs a caller made for its own use. */
START_TEST(lineage_from_given_diffs)
{
	lineage(true);
}
END_TEST

START_TEST(months_are_subtracted_by_the_calendar)
{
	pd_date d = pd_date_minus_months(day("2026-03-31"), 1);

	ck_assert_int_eq(pd_date_cmp(d, day("2026-02-28")), 0);
	d = pd_date_minus_months(day("2024-03-31"), 1);
	ck_assert_int_eq(pd_date_cmp(d, day("2024-02-29")), 0);
	d = pd_date_minus_months(day("2026-01-15"), 13);
	ck_assert_int_eq(pd_date_cmp(d, day("2024-12-15")), 0);
	d = pd_date_minus_months(day("2026-09-01"), 6);
	ck_assert_int_eq(pd_date_cmp(d, day("2026-03-01")), 0);
	/* no date to count back from; before year 1 */
	d = pd_date_minus_months((pd_date){0, 0, 0}, 6);
	ck_assert_int_eq(d.year, 0);
	d = pd_date_minus_months(day("0001-03-01"), 12);
	ck_assert_int_eq(d.year, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("blame");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lineage_through_a_history);
	tcase_add_test(tc, lineage_from_given_diffs);
	tcase_add_test(tc, months_are_subtracted_by_the_calendar);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
