/*
 * test_app_changelog.c: the changelog builder (app_changelog.c) on a real
 * repository: which entries, in what order, what each says, what the
 * period keeps, and that the sealed entries render what the diffs do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profdiff/app.h"
#include "profdiff/diff.h"
#include "testutil.h"

static char dir[64];

static void setup(void)
{
	tu_repo_demo(dir, sizeof(dir));
}

static void teardown(void)
{
	tu_repo_free(dir);
}

static int reports;
static char last_report[2048];

static void count_report(void *ctx, const pd_error *e)
{
	(void)ctx;
	reports++;
	pd_error_format(e, last_report, sizeof(last_report));
}

static pd_app_changelog *build(pd_store **s, pd_format fmt, const char *since,
			       const char *const *profiles, size_t n)
{
	pd_app_changelog_options o = PD_APP_CHANGELOG_OPTIONS_INIT;
	pd_app_changelog *cl = NULL;

	o.format = fmt;
	o.profiles = profiles;
	o.nprofiles = n;
	o.report = count_report;
	if (since)
		ck_assert(pd_date_parse(since, strlen(since), &o.since));
	reports = 0;
	ck_assert_int_eq(pd_store_open(s, dir), 0);
	ck_assert_int_eq(pd_app_changelog_build(&cl, *s, &o), 0);
	return cl;
}

static void date_is(pd_date d, const char *want)
{
	char got[11] = "";

	if (d.year)
		pd_date_format(d, got);
	ck_assert_str_eq(got, want);
}

START_TEST(one_entry_per_published_revision_newest_first)
{
	pd_store *s;
	pd_app_changelog *cl = build(&s, PD_FORMAT_MARKDOWN, NULL, NULL, 0);
	const pd_changelog *c = pd_app_changelog_get(cl);
	static const struct {
		const char *profile, *date, *previous;
		bool first;
	} want[] = {{"laos", "2026-03-01", "", false},
		    {"cambodia", "2026-02-15", "2026-01-20", false},
		    {"north-korea", "2026-02-10", "2026-01-29", false},
		    {"north-korea", "2026-01-29", "", true},
		    {"cambodia", "2026-01-20", "", true},
		    {"laos", "", "", true}};
	size_t k;

	ck_assert_int_eq(reports, 0);
	ck_assert_uint_eq(c->n, 6);
	for (k = 0; k < 6; k++) {
		const pd_changelog_entry *e = &c->entries[k];

		ck_assert_str_eq(e->profile, want[k].profile);
		date_is(e->date, want[k].date);
		ck_assert_int_eq(e->sealed->first, want[k].first);
		ck_assert_uint_eq(strlen(e->commit), 40);
		/* sealed: the diffs are gone, what they said stays */
		ck_assert_ptr_null(e->diff);
		if (!want[k].first)
			date_is(e->previous, want[k].previous);
	}
	/* the typo fix belongs to the revision it fixed: its commit is the
	 * newest carrying the date, and the revision counts one treaty
	 * change, the accession */
	ck_assert_uint_eq(c->entries[2].sealed->treaties, 1);
	ck_assert_uint_eq(c->entries[1].sealed->laws, 1);
	ck_assert_str_eq(c->entries[0].author, "Ada Editor <ada@example.org>");
	pd_app_changelog_free(cl);
	pd_store_free(s);
}
END_TEST

START_TEST(the_period_and_the_profiles_named)
{
	static const char *const only[] = {"north-korea", "laos"};
	pd_store *s;
	pd_app_changelog *cl = build(&s, PD_FORMAT_JSON, "2026-02-01", only, 2);
	const pd_changelog *c = pd_app_changelog_get(cl);

	ck_assert_uint_eq(c->n, 2);
	ck_assert_str_eq(c->entries[0].profile, "laos");
	ck_assert_str_eq(c->entries[1].profile, "north-korea");
	date_is(c->since, "2026-02-01");
	pd_app_changelog_free(cl);
	pd_store_free(s);
}
END_TEST

/* The entries' bodies sit in a temporary file: rendered after the store
 * is gone, the changelog says what the diffs of the same revisions say. */
START_TEST(sealed_entries_say_what_the_diffs_say)
{
	static const char *const only[] = {"north-korea"};
	pd_store *s;
	pd_app_changelog *cl = build(&s, PD_FORMAT_MARKDOWN, NULL, only, 1);
	const pd_revision *revs;
	size_t n;
	pd_diff *d;
	pd_buf out = PD_BUF_INIT, sum = PD_BUF_INIT;
	char path[128];

	snprintf(path, sizeof(path), "profiles/north-korea.yaml");
	ck_assert_int_eq(pd_store_published(s, path, &revs, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(pd_diff_profiles(&d, revs[1].profile, revs[0].profile,
					  NULL),
			 0);
	pd_diff_summarize(&sum, d);
	pd_diff_free(d);
	pd_store_free(s);
	ck_assert_int_eq(pd_render_changelog(&out, PD_FORMAT_MARKDOWN,
					     pd_app_changelog_get(cl)),
			 0);
	ck_assert_str_eq(pd_app_changelog_get(cl)->entries[0].sealed->summary,
			 pd_buf_cstr(&sum));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "2026-02-10"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out),
				     "1954 Convention relating to the Status "
				     "of Stateless Persons"));
	pd_buf_free(&out);
	pd_buf_free(&sum);
	pd_app_changelog_free(cl);
}
END_TEST

/* A profile whose history cannot be read (a damaged object) is
 * reported, and the others' entries are made all the same. */
START_TEST(a_damaged_profile_is_reported_and_passed)
{
	pd_store *s;
	pd_app_changelog *cl;
	const pd_changelog *c;
	char cmd[512], id[64] = "", path[512];
	FILE *f;
	size_t k;

	/* laos's newest version, its loose object overwritten */
	snprintf(cmd, sizeof(cmd),
		 "git -C '%s' rev-parse HEAD:profiles/laos.yaml", dir);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(id, sizeof(id), f));
	pclose(f);
	id[40] = '\0';
	snprintf(path, sizeof(path), "%s/.git/objects/%.2s/%s", dir, id, id + 2);
	ck_assert_int_eq(chmod(path, 0644), 0);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("not a zlib stream", f);
	fclose(f);
	cl = build(&s, PD_FORMAT_ATOM, NULL, NULL, 0);
	c = pd_app_changelog_get(cl);
	ck_assert_int_eq(reports, 1);
	ck_assert_ptr_nonnull(strstr(last_report, id));
	ck_assert_uint_eq(c->n, 4);
	for (k = 0; k < c->n; k++)
		ck_assert_str_ne(c->entries[k].profile, "laos");
	pd_app_changelog_free(cl);
	pd_store_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_changelog");
	TCase *tc = tcase_create("app_changelog");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, one_entry_per_published_revision_newest_first);
	tcase_add_test(tc, the_period_and_the_profiles_named);
	tcase_add_test(tc, sealed_entries_say_what_the_diffs_say);
	tcase_add_test(tc, a_damaged_profile_is_reported_and_passed);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
