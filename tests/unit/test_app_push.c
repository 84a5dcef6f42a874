/*
 * test_app_push.c: a push as the pre-receive hook checks it (app_push.c)
 * on a real repository: each published revision the push adds, against
 * the one before it; the settings of the branch before the push, never
 * the pushed ones; settings that do not read locking nobody out; the cap
 * on profiles.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"
#include "testutil.h"

#define NK "profiles/north-korea.yaml"

static char dir[64], cwd[4096];

static void setup(void)
{
	tu_repo_new(dir, sizeof(dir));
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
}

static void teardown(void)
{
	ck_assert_int_eq(chdir(cwd), 0);
	tu_repo_free(dir);
}

/* Commits `rel` holding the published fixture with each `from` replaced
 * by `to` (pairs, NULL-ended), or `text` itself when `base` is NULL. */
static void commit_text(const char *rel, const char *base, const char *text,
			const char *const *edits, char hex[41])
{
	char tmp[128];
	pd_buf b = PD_BUF_INIT;
	size_t k;

	if (base) {
		b = tu_fixture(base);
	} else {
		pd_buf_puts(&b, text);
	}
	for (k = 0; edits && edits[k]; k += 2) {
		const char *at = strstr(pd_buf_cstr(&b), edits[k]);
		pd_buf c = PD_BUF_INIT;

		ck_assert_ptr_nonnull(at);
		pd_buf_put(&c, b.ptr, (size_t)(at - b.ptr));
		pd_buf_puts(&c, edits[k + 1]);
		pd_buf_puts(&c, at + strlen(edits[k]));
		pd_buf_free(&b);
		b = c;
	}
	snprintf(tmp, sizeof(tmp), "%s.src", dir);
	ck_assert_int_eq(pd_file_write_atomic(tmp, b.ptr, b.len), 0);
	tu_repo_commit(dir, rel, tmp, "update", hex);
	unlink(tmp);
	pd_buf_free(&b);
}

/* Commits `rel` holding `text` with git itself: settings that do not
 * read keep profdiff from opening the working tree. */
static void git_commit_text(const char *rel, const char *text, char hex[41])
{
	char path[256], cmd[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(pd_file_write_atomic(path, text, strlen(text)), 0);
	snprintf(cmd, sizeof(cmd),
		 "git -C '%s' add '%s' && git -C '%s' -c user.name=Ed "
		 "-c user.email=ed@example.org commit -qm settings && "
		 "git -C '%s' rev-parse HEAD",
		 dir, rel, dir, dir);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	ck_assert_ptr_nonnull(fgets(hex, 41, f));
	ck_assert_int_eq(pclose(f), 0);
}

static size_t count_rule(const pd_lint_result *r, pd_rule_id rule)
{
	size_t i, k = 0;

	for (i = 0; i < r->nfindings; i++)
		k += r->findings[i].rule == rule;
	return k;
}

START_TEST(each_revision_a_push_adds_is_checked)
{
	static const char *const broken[] = {
		"last_updated: 2026-02-10", "last_updated: 2026-03-01",
		"according to Daily NK.[23]", "according to Daily NK.[98]",
		NULL};
	static const char *const fixed[] = {"last_updated: 2026-02-10",
					    "last_updated: 2026-03-05", NULL};
	char a[41], b[41], c[41];
	pd_app_push p;

	commit_text(NK, "diff/ratification/after.yaml", NULL, NULL, a);
	commit_text(NK, "diff/ratification/after.yaml", NULL, broken, b);
	commit_text(NK, "diff/ratification/after.yaml", NULL, fixed, c);
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(pd_app_push_check(&p, a, c, "refs/heads/main"), 0);
	/* the range as a whole is clean; its first revision is not */
	ck_assert_uint_eq(p.n, 1);
	ck_assert_uint_eq(p.errors, 1);
	ck_assert_str_eq(p.groups[0].path, NK);
	ck_assert_str_eq(p.groups[0].commit, b);
	ck_assert_int_eq(p.groups[0].date.month, 3);
	ck_assert_int_eq(p.groups[0].date.day, 1);
	ck_assert_uint_eq(count_rule(p.groups[0].errors,
				     PD_RULE_DANGLING_CITATION),
			  1);
	ck_assert_str_eq(p.base, a);
	ck_assert_ptr_null(p.warning);
	ck_assert_ptr_null(p.refusal);
	pd_app_push_release(&p);
	/* from b, the fix is clean */
	ck_assert_int_eq(pd_app_push_check(&p, b, c, "refs/heads/main"), 0);
	ck_assert_uint_eq(p.errors, 0);
	pd_app_push_release(&p);
}
END_TEST

START_TEST(the_settings_are_the_branchs_before_the_push)
{
	static const char *const dangling[] = {
		"last_updated: 2026-02-10", "last_updated: 2026-03-01",
		"according to Daily NK.[23]", "according to Daily NK.[98]",
		NULL};
	char a[41], b[41], c[41], d[41], e[41], cmd[256];
	pd_app_push p;

	commit_text(NK, "diff/ratification/after.yaml", NULL, NULL, a);
	/* settings pushed that would silence the error: not for this push */
	commit_text(".profdiff.yaml", NULL,
		    "lint:\n  severity:\n    dangling-citation: \"off\"\n",
		    NULL, b);
	commit_text(NK, "diff/ratification/after.yaml", NULL, dangling, c);
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_int_eq(pd_app_push_check(&p, a, c, "refs/heads/main"), 0);
	ck_assert_uint_eq(p.errors, 1);
	pd_app_push_release(&p);
	/* settings that do not read are refused */
	git_commit_text(".profdiff.yaml", "profiles: [\n", d);
	ck_assert_int_eq(pd_app_push_check(&p, b, d, "refs/heads/main"), 0);
	/* they alone: the dangling citation is off in the settings the
	 * branch had at b */
	ck_assert_uint_eq(p.n, 1);
	ck_assert_str_eq(p.groups[0].path, ".profdiff.yaml");
	ck_assert_uint_eq(count_rule(p.groups[0].errors, PD_RULE_SCHEMA), 1);
	pd_app_push_release(&p);
	/* and once there, lock nobody out: the defaults, and a warning */
	git_commit_text(".profdiff.yaml", "lint:\n  uncited: paragraph\n", e);
	ck_assert_int_eq(pd_app_push_check(&p, d, e, "refs/heads/main"), 0);
	ck_assert_uint_eq(p.errors, 0);
	ck_assert_ptr_nonnull(p.warning);
	ck_assert_ptr_nonnull(strstr(p.warning, "the push is checked with "
						"the defaults"));
	pd_app_push_release(&p);
	/* settings too large to read are refused, saying so */
	{
		char *big = malloc((2u << 20) + 1);
		char f[41];

		ck_assert_ptr_nonnull(big);
		memset(big, '#', 2u << 20);
		big[2u << 20] = '\0';
		git_commit_text(".profdiff.yaml", big, f);
		free(big);
		ck_assert_int_eq(pd_app_push_check(&p, e, f, "refs/heads/main"),
				 0);
		ck_assert_uint_eq(p.n, 1);
		ck_assert_str_eq(p.groups[0].path, ".profdiff.yaml");
		ck_assert_ptr_nonnull(strstr(p.groups[0].errors->findings[0].message,
					     "over the limit"));
		pd_app_push_release(&p);
	}
	/* the cap on profiles */
	snprintf(cmd, sizeof(cmd), "git -C '%s' config profdiff.maxProfiles 0",
		 dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(pd_app_push_check(&p, a, c, "refs/heads/main"), 0);
	ck_assert_ptr_nonnull(p.refusal);
	ck_assert_ptr_nonnull(strstr(p.refusal, "the push changes 1 profiles, "
						"more than the 0"));
	ck_assert_uint_eq(p.n, 0);
	pd_app_push_release(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_push");
	TCase *tc = tcase_create("push");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, each_revision_a_push_adds_is_checked);
	tcase_add_test(tc, the_settings_are_the_branchs_before_the_push);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
