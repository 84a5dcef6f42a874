#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha1.h"
#include "testutil.h"

/* git's ids of known objects, as `git hash-object` gives them */
START_TEST(known_object_ids)
{
	static const struct {
		git_object_t type;
		const char *content, *id;
	} v[] = {
		{GIT_OBJECT_BLOB, "", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"},
		{GIT_OBJECT_BLOB, "hello\n",
		 "ce013625030ba8dba906f756967f9e9ca394464a"},
		{GIT_OBJECT_TREE, "", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"},
		{GIT_OBJECT_BLOB, "what is up, doc?",
		 "bd9dbf5aae1a3862dd1526723246b20206e5fc37"},
	};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		git_oid id;
		char hex[41];

		ck_assert_int_eq(pd_object_id(&id, v[i].content,
					      strlen(v[i].content), v[i].type),
				 0);
		git_oid_tostr(hex, sizeof(hex), &id);
		ck_assert_str_eq(hex, v[i].id);
	}
}
END_TEST

/* Every length across the block and padding boundaries (the header
 * shifts them), and long ones, of every type, give libgit2's ids. */
START_TEST(the_same_ids_as_libgit2)
{
	static const git_object_t types[] = {GIT_OBJECT_BLOB, GIT_OBJECT_TREE,
					     GIT_OBJECT_COMMIT, GIT_OBJECT_TAG};
	size_t cap = 300000, len, t, i;
	unsigned char *data = malloc(cap);
	unsigned seed = 12345;

	ck_assert_ptr_nonnull(data);
	for (i = 0; i < cap; i++) {
		seed = seed * 1103515245u + 12345u;
		data[i] = (unsigned char)(seed >> 16);
	}
	for (t = 0; t < 4; t++)
		for (len = 0; len < cap; len = len < 300 ? len + 1 : len * 3 + 7) {
			git_oid want, got, fast;

			ck_assert_int_eq(git_odb_hash(&want, data, len, types[t]),
					 0);
			ck_assert_int_eq(pd_object_id(&got, data, len, types[t]),
					 0);
			ck_assert_msg(git_oid_equal(&want, &got),
				      "type %d, %zu bytes", (int)types[t], len);
			if (pd_sha1_accelerated()) {
				ck_assert_int_eq(pd_object_id_accelerated(
							 &fast, data, len,
							 types[t]),
						 0);
				ck_assert(git_oid_equal(&want, &fast));
			}
		}
	free(data);
}
END_TEST

/* Without the SHA instructions the accelerated path says so and the ids
 * come from libgit2; with them, it is taken. */
START_TEST(the_accelerated_path_is_what_the_processor_has)
{
	git_oid id;
	int rc = pd_object_id_accelerated(&id, "x", 1, GIT_OBJECT_BLOB);

	ck_assert_int_eq(rc, pd_sha1_accelerated() ? 0 : -1);
	ck_assert_int_eq(pd_object_id(&id, "x", 1, (git_object_t)42), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sha1");
	TCase *tc = tcase_create("sha1");
	int rc;

	git_libgit2_init();
	printf("sha1: the SHA instructions are %s\n",
	       pd_sha1_accelerated() ? "used" : "missing: libgit2 hashes");
	tcase_add_test(tc, known_object_ids);
	tcase_add_test(tc, the_same_ids_as_libgit2);
	tcase_add_test(tc, the_accelerated_path_is_what_the_processor_has);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
