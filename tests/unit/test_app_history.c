/*
 * test_app_history.c: the history of many profiles in turn
 * (app_history.c): the same revisions whether read in turn or ahead, a
 * tip of its own for a profile, and a profile that cannot be read left
 * behind without stopping the walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
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

static const char *const paths[] = {"profiles/cambodia.yaml",
				    "profiles/laos.yaml",
				    "profiles/north-korea.yaml"};

/* The dates and commits of each profile's revisions, as one string. */
static void walk(pd_buf *out, const char *const *tips, bool ahead)
{
	pd_app_history_options o = PD_APP_HISTORY_OPTIONS_INIT;
	pd_app_history *h;
	pd_app_history_item it;
	pd_store *s;
	int more;

	o.tips = tips;
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_history_new(&h, s, paths, 3, &o), 0);
	while ((more = pd_app_history_next(h, &it)) > 0) {
		size_t k;

		pd_buf_printf(out, "%zu %s:", it.index, it.path);
		if (it.err < 0)
			pd_buf_printf(out, " error(%s)", it.error->message);
		for (k = 0; k < it.n; k++)
			pd_buf_printf(out, " %04d-%02d-%02d/%.7s",
				      it.revs[k].last_updated.year,
				      it.revs[k].last_updated.month,
				      it.revs[k].last_updated.day,
				      it.revs[k].commit);
		pd_buf_putc(out, '\n');
		/* the next profile read now: this one's stay valid */
		if (ahead) {
			pd_app_history_read_ahead(h);
			ck_assert(it.n == 0 || it.revs[0].profile->country);
		}
	}
	ck_assert_int_eq(more, 0);
	pd_app_history_free(h);
	pd_store_free(s);
}

START_TEST(read_ahead_or_in_turn_the_same)
{
	pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;

	walk(&a, NULL, false);
	walk(&b, NULL, true);
	ck_assert_str_eq(pd_buf_cstr(&a), pd_buf_cstr(&b));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&a), "0 profiles/cambodia.yaml: "
						      "2026-02-15/"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&a), "2 profiles/north-korea"
						      ".yaml: 2026-02-10/"));
	/* two published revisions each */
	ck_assert_ptr_null(strstr(pd_buf_cstr(&a), "error"));
	pd_buf_free(&a);
	pd_buf_free(&b);
}
END_TEST

START_TEST(a_tip_of_its_own_and_a_tip_that_is_not)
{
	static const char *const tips[] = {"HEAD~1", "no-such-branch", NULL};
	pd_buf a = PD_BUF_INIT;
	const char *t;

	walk(&a, tips, false);
	t = pd_buf_cstr(&a);
	/* cambodia at HEAD~1 has both its revisions; laos's tip does not
	 * resolve, and north-korea is read all the same */
	ck_assert_ptr_nonnull(strstr(t, "0 profiles/cambodia.yaml: 2026-02-15/"));
	ck_assert_ptr_nonnull(strstr(t, "1 profiles/laos.yaml: error("));
	ck_assert_ptr_nonnull(strstr(t, "2 profiles/north-korea.yaml: "
					"2026-02-10/"));
	pd_buf_free(&a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_history");
	TCase *tc = tcase_create("app_history");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, read_ahead_or_in_turn_the_same);
	tcase_add_test(tc, a_tip_of_its_own_and_a_tip_that_is_not);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
