#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odb_guard.h"
#include "testutil.h"

static char dir[256], objects[300];

static void sh(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg);
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/pd-guard-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	sh("git init -q '%s'", dir);
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
}

static void teardown(void)
{
	sh("rm -rf '%s'", dir);
}

/* Replaces the loose object `id` with the zlib stream of `raw` (`n`
 * bytes: a header and a content), as a damaged disk would leave it. */
static void overwrite(const git_oid *id, const char *raw, size_t n)
{
	char hex[41], path[512], cmd[1024];
	FILE *f;

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(path, sizeof(path), "%s/raw", dir);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(raw, 1, n, f), n);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && f=%.2s/%s && chmod u+w $f && python3 -c "
		 "'import sys, zlib; sys.stdout.buffer.write(zlib.compress("
		 "open(sys.argv[1], \"rb\").read()))' '%s' > $f",
		 objects, hex, hex + 2, path);
	ck_assert_int_eq(system(cmd), 0);
}

/* Objects of every type and of every length across SHA-1's blocks and
 * padding (the header shifts them), and long ones, written loose by
 * libgit2: each reads back whole, its content hashing to its id. */
START_TEST(loose_objects_read_back_whole)
{
	static const git_object_t types[] = {GIT_OBJECT_BLOB, GIT_OBJECT_TREE,
					     GIT_OBJECT_COMMIT, GIT_OBJECT_TAG};
	size_t cap = 300000, len, t, i;
	unsigned char *data = malloc(cap);
	unsigned seed = 12345;
	git_repository *repo;
	git_odb *odb;

	ck_assert_ptr_nonnull(data);
	for (i = 0; i < cap; i++) {
		seed = seed * 1103515245u + 12345u;
		data[i] = (unsigned char)(seed >> 16);
	}
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	for (t = 0; t < 4; t++)
		for (len = 0; len < cap;
		     len = len < 300 ? len + 1 : len * 3 + 7) {
			git_oid id;
			git_object_t type;
			unsigned char *got;
			size_t got_len;

			ck_assert_int_eq(git_odb_write(&id, odb, data, len,
						       types[t]),
					 0);
			ck_assert_int_eq(pd_loose_read(objects, &id, &type,
						       &got, &got_len),
					 0);
			ck_assert_int_eq(type, types[t]);
			ck_assert_uint_eq(got_len, len);
			ck_assert(memcmp(got, data, len) == 0);
			ck_assert_int_eq(got[len], '\0');
			free(got);
		}
	git_odb_free(odb);
	git_repository_free(repo);
	free(data);
}
END_TEST

/* A loose object whose stream inflates well but whose content is not
 * the one its id names is refused, by the guard's reader and by libgit2
 * through the guard; so is one cut short, which libgit2 up to 1.9 would
 * inflate for ever. An object that is not there is no error. */
START_TEST(damaged_loose_objects_are_refused)
{
	static const char text[] = "the content the id names\n";
	git_repository *repo;
	git_odb *odb;
	git_odb_object *obj = NULL;
	git_object_t type;
	unsigned char *got;
	size_t got_len;
	git_oid id, other;

	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(git_repository_odb(&odb, repo), 0);
	ck_assert_int_eq(pd_odb_guard(odb, objects), 0);
	ck_assert_int_eq(git_odb_write(&id, odb, text, sizeof(text) - 1,
				       GIT_OBJECT_BLOB),
			 0);
	/* another content under the id */
	overwrite(&id, "blob 3\0abc", 10);
	ck_assert_int_eq(pd_loose_read(objects, &id, &type, &got, &got_len),
			 -1);
	ck_assert_ptr_nonnull(strstr(git_error_last()->message,
				     "does not match its id"));
	ck_assert_int_lt(git_odb_read(&obj, odb, &id), 0);
	ck_assert_ptr_nonnull(strstr(git_error_last()->message,
				     "does not match its id"));
	/* the header promises more than the stream holds */
	overwrite(&id, "blob 26\0the content", 19);
	ck_assert_int_eq(pd_loose_read(objects, &id, &type, &got, &got_len),
			 -1);
	ck_assert_ptr_nonnull(strstr(git_error_last()->message, "truncated"));
	ck_assert_int_lt(git_odb_read(&obj, odb, &id), 0);
	/* not loose here: not found, nothing reported */
	memset(&other, 0x5a, sizeof(other));
	ck_assert_int_eq(pd_loose_read(objects, &other, &type, &got,
				       &got_len),
			 GIT_ENOTFOUND);
	git_odb_free(odb);
	git_repository_free(repo);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("odb_guard");
	TCase *tc = tcase_create("odb_guard");
	int rc;

	git_libgit2_init();
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, loose_objects_read_back_whole);
	tcase_add_test(tc, damaged_loose_objects_are_refused);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
