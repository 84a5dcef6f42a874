/*
 * test_overview.c: a profile's row of the regional overview (overview.c):
 * statuses from the newest revision, `changed` from the revision in which
 * each last changed, `recent` against --since, laws matched by name.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "profdiff/overview.h"
#include "testutil.h"

static pd_profile *profile(const char *date, const char *treaties,
			   const char *laws)
{
	char text[2048];
	pd_profile *p;

	snprintf(text, sizeof(text),
		 "schema: 1\ncountry: Laos\nlast_updated: %s\n%s%s", date,
		 treaties, laws);
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

static size_t treaty(const char *id)
{
	int t = pd_vocab_find(NULL, id, strlen(id));

	ck_assert_int_ge(t, 0);
	return (size_t)t;
}

START_TEST(each_status_changed_in_its_own_revision)
{
	/* oldest to newest: CRC party throughout; CAT signed in the second
	 * and ratified in the fourth; CRPD listed in the third and dropped
	 * in the fourth; the third re-dates CRC only (no status change) */
	pd_profile *v[4];
	pd_overview_rev revs[4];
	pd_overview_row row;
	pd_arena *a = pd_arena_new();
	int i;

	v[3] = profile("2026-01-01", "treaties:\n  CRC: party\n",
		       "laws:\n  - name: Penal Code\n    status: draft\n");
	v[2] = profile("2026-02-01",
		       "treaties:\n  CRC: party\n  CAT: signatory\n",
		       "laws:\n  - name: Penal Code\n    status: draft\n");
	v[1] = profile("2026-03-01",
		       "treaties:\n  CRC: {status: party, date: 1991}\n"
		       "  CAT: signatory\n  CRPD: signatory\n",
		       "laws:\n  - name: penal code\n    status: draft\n"
		       "  - name: ICT Law\n    status: in-force\n");
	v[0] = profile("2026-04-01",
		       "treaties:\n  CRC: {status: party, date: 1991}\n"
		       "  CAT: {status: party, via: ratification, date: 2026}\n",
		       "laws:\n  - name: Penal Code\n    status: in-force\n"
		       "    year: 2017\n  - name: ICT Law\n    status: in-force\n");
	for (i = 0; i < 4; i++) {
		revs[i].profile = v[i];
		revs[i].date = v[i]->last_updated;
	}
	memset(&row, 0, sizeof(row));
	ck_assert_int_eq(pd_overview_fill(a, &row, revs, 4, NULL,
					  day("2026-03-01")),
			 0);
	ck_assert_int_eq(pd_date_cmp(row.last_updated, day("2026-04-01")), 0);
	ck_assert_uint_eq(row.ntreaties, pd_vocab_count(NULL));
	/* CRC: never changed in status */
	ck_assert(row.treaties[treaty("CRC")].listed);
	ck_assert_int_eq(row.treaties[treaty("CRC")].changed.year, 0);
	ck_assert(!row.treaties[treaty("CRC")].recent);
	/* CAT: ratified in the newest; recent, since it is after --since */
	ck_assert_int_eq(row.treaties[treaty("CAT")].status, PD_TREATY_PARTY);
	ck_assert_int_eq(row.treaties[treaty("CAT")].via, PD_VIA_RATIFICATION);
	ck_assert_int_eq(row.treaties[treaty("CAT")].date.year, 2026);
	ck_assert_int_eq(pd_date_cmp(row.treaties[treaty("CAT")].changed,
				     day("2026-04-01")),
			 0);
	ck_assert(row.treaties[treaty("CAT")].recent);
	/* CRPD: listed, then dropped: changed when dropped */
	ck_assert(!row.treaties[treaty("CRPD")].listed);
	ck_assert_int_eq(pd_date_cmp(row.treaties[treaty("CRPD")].changed,
				     day("2026-04-01")),
			 0);
	/* a treaty never listed */
	ck_assert(!row.treaties[treaty("CED")].listed);
	ck_assert_int_eq(row.treaties[treaty("CED")].changed.year, 0);
	/* laws: matched by name whatever its case; the Penal Code came into
	 * force in the newest, the ICT Law appeared in the third */
	ck_assert_uint_eq(row.nlaws, 2);
	ck_assert_str_eq(row.laws[0].name, "Penal Code");
	ck_assert_int_eq(row.laws[0].status, PD_LAW_IN_FORCE);
	ck_assert_int_eq(row.laws[0].year, 2017);
	ck_assert_int_eq(pd_date_cmp(row.laws[0].changed, day("2026-04-01")),
			 0);
	ck_assert(row.laws[0].recent);
	/* changed on the --since date itself is not recent */
	ck_assert_int_eq(pd_date_cmp(row.laws[1].changed, day("2026-03-01")),
			 0);
	ck_assert(!row.laws[1].recent);

	/* one revision: nothing has changed since the first */
	memset(&row, 0, sizeof(row));
	ck_assert_int_eq(pd_overview_fill(a, &row, revs, 1, NULL,
					  day("2020-01-01")),
			 0);
	ck_assert_int_eq(row.treaties[treaty("CAT")].changed.year, 0);
	ck_assert(!row.treaties[treaty("CAT")].recent);
	ck_assert_int_eq(row.laws[0].changed.year, 0);
	for (i = 0; i < 4; i++)
		pd_profile_free(v[i]);
	/* the row outlives the profiles */
	ck_assert_str_eq(row.laws[1].name, "ICT Law");
	pd_arena_free(a);
}
END_TEST

START_TEST(no_revision_gives_an_empty_row)
{
	pd_overview_row row;
	pd_arena *a = pd_arena_new();

	memset(&row, 0, sizeof(row));
	ck_assert_int_eq(pd_overview_fill(a, &row, NULL, 0, NULL,
					  (pd_date){0, 0, 0}),
			 0);
	ck_assert_uint_eq(row.nlaws, 0);
	ck_assert_uint_eq(row.ntreaties, pd_vocab_count(NULL));
	ck_assert(!row.treaties[0].listed);
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("overview");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, each_status_changed_in_its_own_revision);
	tcase_add_test(tc, no_revision_gives_an_empty_row);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
