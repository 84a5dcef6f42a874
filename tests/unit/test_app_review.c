/*
 * test_app_review.c: the review builder (app_review.c) on a real
 * repository: the sides a range names, the entries and their statuses,
 * the findings an update introduces and fixes, a profile that no longer
 * parses, and a push's base.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"
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

static void write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The introduced findings of an entry, by rule name. */
static bool introduces(const pd_review_entry *e, const char *rule)
{
	size_t k;

	for (k = 0; k < e->lint.nintroduced; k++)
		if (strcmp(pd_rule_get(e->lint.introduced[k]->rule)->name,
			   rule) == 0)
			return true;
	return false;
}

START_TEST(a_range_names_its_sides_and_changes)
{
	pd_store *s;
	pd_arena *a = pd_arena_new();
	pd_review r;
	size_t k;

	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_review(&r, s, a, "HEAD~4..HEAD", false), 0);
	ck_assert_str_eq(r.base.rev, "HEAD~4");
	ck_assert_str_eq(r.head.rev, "HEAD");
	ck_assert_uint_eq(strlen(r.base.commit), 40);
	ck_assert_uint_eq(strlen(r.head.commit), 40);
	/* the last four commits touch all three profiles */
	ck_assert_uint_eq(r.n, 3);
	for (k = 0; k < r.n; k++) {
		ck_assert_int_eq(r.entries[k].status, PD_REVIEW_MODIFIED);
		ck_assert_ptr_nonnull(r.entries[k].diff);
		ck_assert_ptr_nonnull(r.entries[k].from);
		ck_assert_ptr_nonnull(r.entries[k].to);
	}
	ck_assert_str_eq(r.entries[0].profile, "cambodia");
	ck_assert_uint_gt(r.changes, 0);
	ck_assert_uint_eq(r.broken, 0);
	pd_app_review_release(&r);
	/* a base alone: against HEAD; the last commit touched laos only */
	ck_assert_int_eq(pd_app_review(&r, s, a, "HEAD~1", false), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.entries[0].profile, "laos");
	pd_app_review_release(&r);
	pd_store_free(s);
	pd_arena_free(a);
}
END_TEST

START_TEST(the_working_tree_introduces_and_fixes_findings)
{
	pd_store *s;
	pd_arena *a = pd_arena_new();
	pd_buf b = PD_BUF_INIT;
	pd_review r;
	char path[256];
	char *p;

	/* north-korea's first claim cites a footnote it does not have */
	snprintf(path, sizeof(path), "%s/profiles/north-korea.yaml", dir);
	ck_assert_int_eq(pd_file_read(&b, path, 1 << 24), 0);
	p = strstr(b.ptr, "paragraphs:\n");
	ck_assert_ptr_nonnull(p);
	p = strchr(p + 12, '.');
	ck_assert_ptr_nonnull(p);
	{
		pd_buf edited = PD_BUF_INIT;

		pd_buf_put(&edited, b.ptr, (size_t)(p - b.ptr) + 1);
		pd_buf_puts(&edited, "[999]");
		pd_buf_puts(&edited, p + 1);
		ck_assert_int_eq(pd_file_write_atomic(path, edited.ptr,
						      edited.len),
				 0);
		pd_buf_free(&edited);
	}
	pd_buf_free(&b);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_review(&r, s, a, NULL, false), 0);
	ck_assert_str_eq(r.head.rev, "worktree");
	ck_assert_ptr_null(r.head.commit);
	ck_assert_uint_eq(r.n, 1);
	ck_assert(introduces(&r.entries[0], "dangling-citation"));
	ck_assert(pd_review_fails(&r, PD_SEV_ERROR));
	ck_assert(!pd_review_fails(&r, PD_SEV_OFF));
	pd_app_review_release(&r);
	/* nothing staged: the index has no change */
	ck_assert_int_eq(pd_app_review(&r, s, a, NULL, true), 0);
	ck_assert_str_eq(r.head.rev, "staged");
	ck_assert_uint_eq(r.n, 0);
	pd_app_review_release(&r);
	pd_store_free(s);
	pd_arena_free(a);
}
END_TEST

START_TEST(a_profile_that_no_longer_parses_comes_first)
{
	pd_store *s;
	pd_arena *a = pd_arena_new();
	pd_review r;

	write_file("profiles/laos.yaml", "schema: 1\ncountry: [\n");
	write_file("profiles/zanzibar.yaml", "schema: 1\ncountry: Zanzibar\n");
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_review(&r, s, a, NULL, false), 0);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_uint_eq(r.broken, 1);
	ck_assert_str_eq(r.entries[0].profile, "laos");
	ck_assert_ptr_nonnull(r.entries[0].to_error);
	ck_assert_ptr_null(r.entries[0].to);
	ck_assert_str_eq(r.entries[1].profile, "zanzibar");
	ck_assert_int_eq(r.entries[1].status, PD_REVIEW_ADDED);
	ck_assert_ptr_null(r.entries[1].from);
	pd_app_review_release(&r);
	pd_store_free(s);
	pd_arena_free(a);
}
END_TEST

START_TEST(a_push_is_reviewed_from_its_base)
{
	pd_store *s;
	pd_arena *a = pd_arena_new();
	const char *base;
	char old[41], new[41];
	pd_review r;

	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_commit_id(s, "HEAD~2", old), 0);
	ck_assert_int_eq(pd_store_commit_id(s, "HEAD", new), 0);
	ck_assert_int_eq(pd_app_review_push(&r, &base, s, a, old, new,
					    "refs/heads/main"),
			 0);
	ck_assert_str_eq(base, old);
	ck_assert_uint_eq(r.n, 2); /* cambodia and laos */
	pd_app_review_release(&r);
	/* a new branch forks from main, which holds all of it: nothing */
	ck_assert_int_eq(pd_app_review_push(
				 &r, &base, s, a,
				 "0000000000000000000000000000000000000000", new,
				 "refs/heads/new"),
			 0);
	ck_assert_str_eq(base, new);
	ck_assert_uint_eq(r.n, 0);
	pd_app_review_release(&r);
	/* an old value that is no commit id is refused */
	ck_assert_int_lt(pd_app_review_push(&r, &base, s, a, "xyz", new,
					    "refs/heads/main"),
			 0);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message, "not a commit"));
	pd_store_free(s);
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_review");
	TCase *tc = tcase_create("app_review");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, a_range_names_its_sides_and_changes);
	tcase_add_test(tc, the_working_tree_introduces_and_fixes_findings);
	tcase_add_test(tc, a_profile_that_no_longer_parses_comes_first);
	tcase_add_test(tc, a_push_is_reviewed_from_its_base);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
