#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profdiff/fileio.h"
#include "profdiff/store.h"
#include "testutil.h"

static char dir[256];

static void put(const char *rel, const char *fixture)
{
	char path[512];
	pd_buf b = tu_fixture(fixture);

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(pd_file_write_atomic(path, b.ptr, b.len), 0);
	pd_buf_free(&b);
}

static void commit(const char *rel, const char *msg, char hex[41])
{
	pd_store *s;
	pd_commit_options o = PD_COMMIT_OPTIONS_INIT;
	const char *paths[] = {rel};

	o.message = msg;
	o.author = "Ada Editor <ada@example.org>";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_commit(s, paths, 1, &o, hex), 0);
	pd_store_free(s);
}

/* A fixture written to `rel` and committed with `msg`. */
static void commit_fixture(const char *rel, const char *fixture,
			   const char *msg, char hex[41])
{
	put(rel, fixture);
	commit(rel, msg, hex);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/pd-store-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(pd_store_init(dir), 0);
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(open_needs_a_repository)
{
	pd_store *s = NULL;

	ck_assert_int_eq(pd_store_open(&s, "/"), PD_ENOTFOUND);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "not in a git repository"));
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert(!pd_store_bare(s));
	ck_assert_str_eq(pd_store_config(s)->profiles_dir, "profiles");
	pd_store_free(s);
}
END_TEST

START_TEST(published_revisions_and_revision_arguments)
{
	char c1[41], c2[41], c3[41];
	const pd_revision *revs;
	pd_revision r;
	pd_store *s;
	size_t n;
	char *path;

	commit_fixture("profiles/north-korea.yaml", "diff/ratification/before.yaml",
		       "first", c1);
	commit_fixture("profiles/north-korea.yaml", "diff/typo/after.yaml",
		       "typo fixed, same date", c2);
	commit_fixture("profiles/north-korea.yaml", "diff/ratification/after.yaml",
		       "accession", c3);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_profile_path(s, "north-korea", &path), 0);
	ck_assert_str_eq(path, "profiles/north-korea.yaml");
	ck_assert_int_eq(pd_store_published(s, path, &revs, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(revs[0].commit, c3);
	ck_assert_int_eq(revs[0].last_updated.month, 2);
	/* the typo fix represents the first date */
	ck_assert_str_eq(revs[1].commit, c2);
	ck_assert_str_eq(revs[1].summary, "typo fixed, same date");
	ck_assert_str_eq(revs[1].author, "Ada Editor <ada@example.org>");
	ck_assert_int_eq(pd_store_load(s, path, "2026-01-29", &r), 0);
	ck_assert_str_eq(r.commit, c2);
	ck_assert_ptr_eq(r.profile, revs[1].profile);
	ck_assert_int_eq(pd_store_load(s, path, c1, &r), 0);
	ck_assert_str_eq(r.commit, c1);
	ck_assert_int_eq(pd_store_load(s, path, "HEAD~1", &r), 0);
	ck_assert_str_eq(r.commit, c2);
	/* parsed once per blob: the same object for the same content */
	ck_assert_ptr_eq(r.profile, revs[1].profile);
	ck_assert_int_eq(pd_store_load(s, path, "staged", &r), 0);
	ck_assert_int_eq(r.profile->last_updated.day, 10);
	ck_assert(!pd_store_dirty(s, path));
	ck_assert_int_eq(pd_store_load(s, path, "2025-01-01", &r),
			 PD_ENOTFOUND);
	ck_assert_int_eq(pd_store_load(s, path, "no-such-rev", &r),
			 PD_ENOTFOUND);
	pd_store_free(s);
	/* an edit in the working tree */
	put("profiles/north-korea.yaml", "diff/ratification/before.yaml");
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert(pd_store_dirty(s, "profiles/north-korea.yaml"));
	ck_assert_int_eq(pd_store_load(s, "profiles/north-korea.yaml",
				       "worktree", &r),
			 0);
	ck_assert_int_eq(r.profile->last_updated.day, 29);
	pd_store_free(s);
}
END_TEST

/* While the revisions of one profile are in use, those of the next are
 * read; forgetting the first keeps the second, also where both share
 * parsed blobs (a copy has its original's blob), and the cache still
 * finds what it kept. */
START_TEST(forget_all_but_the_next_profile)
{
	char c[41];
	const pd_revision *ra, *rb, *rc, *ra2;
	pd_store *s;
	size_t na, nb, nc, na2;

	commit_fixture("profiles/a.yaml", "diff/ratification/before.yaml",
		       "a first", c);
	commit_fixture("profiles/a.yaml", "diff/ratification/after.yaml",
		       "a second", c);
	commit_fixture("profiles/b.yaml", "diff/law-enacted/after.yaml",
		       "b", c);
	commit_fixture("profiles/c.yaml", "diff/ratification/after.yaml",
		       "c, a copy of a", c);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_published(s, "profiles/a.yaml", &ra, &na), 0);
	ck_assert_uint_eq(na, 2);
	ck_assert_int_eq(pd_store_published(s, "profiles/b.yaml", &rb, &nb), 0);
	ck_assert_uint_eq(nb, 1);
	ck_assert_int_eq(pd_store_forget_except(s, "profiles/b.yaml"), 0);
	/* b's revision is whole (ASan would see a freed profile) */
	ck_assert_str_eq(rb[0].profile->country, "Cambodia");
	ck_assert_uint_gt(rb[0].profile->nlaws, 0);
	/* a again, parsed anew */
	ck_assert_int_eq(pd_store_published(s, "profiles/a.yaml", &ra2, &na2),
			 0);
	ck_assert_uint_eq(na2, 2);
	ck_assert_int_eq(ra2[1].profile->last_updated.day, 29);
	/* c, a new profile (a stays), shares a's newest blob; keeping c
	 * keeps it, and a's older one goes */
	ck_assert_int_eq(pd_store_published(s, "profiles/c.yaml", &rc, &nc), 0);
	ck_assert_uint_eq(nc, 1);
	ck_assert_ptr_eq(rc[0].profile, ra2[0].profile);
	ck_assert_int_eq(pd_store_forget_except(s, "profiles/c.yaml"), 0);
	ck_assert_int_eq(rc[0].profile->last_updated.month, 2);
	ck_assert_int_eq(pd_store_published(s, "profiles/a.yaml", &ra, &na), 0);
	ck_assert_uint_eq(na, 2);
	ck_assert_ptr_eq(ra[0].profile, rc[0].profile);
	ck_assert_int_eq(ra[1].profile->last_updated.day, 29);
	/* a path with no history: everything goes */
	ck_assert_int_eq(pd_store_forget_except(s, "profiles/none.yaml"), 0);
	ck_assert_int_eq(pd_store_published(s, "profiles/b.yaml", &rb, &nb), 0);
	ck_assert_uint_eq(nb, 1);
	pd_store_free(s);
}
END_TEST

START_TEST(commits_refuse_what_they_cannot_do)
{
	char hex[41];
	pd_store *s;
	pd_commit_options o = PD_COMMIT_OPTIONS_INIT;
	const char *paths[] = {"profiles/north-korea.yaml"};

	commit_fixture("profiles/north-korea.yaml", "diff/ratification/before.yaml",
		       "first", hex);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	o.message = "again";
	o.author = "Ada Editor <ada@example.org>";
	ck_assert_int_eq(pd_store_commit(s, paths, 1, &o, hex), PD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "nothing to commit"));
	o.author = "no email";
	ck_assert_int_eq(pd_store_commit(s, paths, 1, &o, hex), PD_EUSAGE);
	o.author = NULL;
	o.message = "";
	ck_assert_int_eq(pd_store_commit(s, paths, 1, &o, hex), PD_EUSAGE);
	pd_store_free(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_needs_a_repository);
	tcase_add_test(tc, published_revisions_and_revision_arguments);
	tcase_add_test(tc, forget_all_but_the_next_profile);
	tcase_add_test(tc, commits_refuse_what_they_cannot_do);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
