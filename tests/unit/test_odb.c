#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "odb.h"
#include "pack_history.h"

/* The history of pack_history.h, its blobs `ids` (n of them): the
 * repository opened, with libgit2 set up as the store sets it. */
static git_repository *open_history(char ***ids, size_t *n)
{
	git_repository *repo;

	make_history();
	*ids = blob_ids(n);
	ck_assert_uint_ge(*n, 180);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	return repo;
}

static git_oid oid_of(const char *hex)
{
	git_oid id;

	ck_assert_int_eq(git_oid_fromstr(&id, hex), 0);
	return id;
}

/* Packed, every blob reads as libgit2 reads it, from the packs, and only
 * the owner reads it; spilled, any thread reads it from the spill, and
 * the owner too. */
START_TEST(packed_blobs_are_the_owners_until_spilled)
{
	pd_buf b = PD_BUF_INIT;
	git_object_t type;
	git_oid *oids;
	char **ids;
	size_t n, i;
	pd_odb *o;
	git_repository *repo = open_history(&ids, &n);

	ck_assert_int_eq(pd_odb_open(&o, repo), 0);
	oids = calloc(n, sizeof(*oids));
	ck_assert_ptr_nonnull(oids);
	for (i = 0; i < n; i++) {
		oids[i] = oid_of(ids[i]);
		ck_assert_int_eq(pd_odb_read(o, &oids[i], GIT_OBJECT_BLOB, "x",
					     &type, &b),
				 0);
		ck_assert_int_eq(type, GIT_OBJECT_BLOB);
		assert_is_blob(repo, ids[i], &b);
		ck_assert_int_eq(pd_odb_read_shared(o, &oids[i], &type, &b), 0);
	}
	ck_assert_uint_eq(pd_odb_pack_reads(o), n);
	/* spilled, in the order they were written (oldest first) */
	for (i = 0; i < n / 2; i++) {
		git_oid t = oids[i];

		oids[i] = oids[n - 1 - i];
		oids[n - 1 - i] = t;
	}
	ck_assert_int_eq(pd_odb_spill(o, oids, n), 0);
	for (i = 0; i < n; i++) {
		char hex[41];

		git_oid_tostr(hex, sizeof(hex), &oids[i]);
		ck_assert_int_eq(pd_odb_read_shared(o, &oids[i], &type, &b), 1);
		ck_assert_int_eq(type, GIT_OBJECT_BLOB);
		assert_is_blob(repo, hex, &b);
		ck_assert_int_eq(pd_odb_read(o, &oids[i], GIT_OBJECT_ANY, "x",
					     &type, &b),
				 0);
		assert_is_blob(repo, hex, &b);
	}
	/* from the spill: no more reads from the packs */
	ck_assert_uint_eq(pd_odb_pack_reads(o), n);
	pd_odb_free(o);
	git_repository_free(repo);
	pd_buf_free(&b);
	free(oids);
	free_ids(ids);
	teardown();
}
END_TEST

/* Loose, a blob is read by any thread; a commit and a tree are read by
 * their type; an object of another type than asked for, or none at all,
 * is refused with libgit2's words, after the label. */
START_TEST(loose_objects_and_refusals)
{
	pd_buf b = PD_BUF_INIT;
	git_object_t type;
	git_oid id, head, tree, none;
	char **ids;
	size_t n;
	pd_odb *o;
	git_repository *repo = open_history(&ids, &n);

	free_ids(ids);
	sh("cd '%s' && mv .git/objects/pack/*.pack pk && "
	   "rm -f .git/objects/pack/* && git unpack-objects -q < pk && "
	   "rm pk",
	   dir);
	ids = blob_ids(&n);
	ck_assert_int_eq(pd_odb_open(&o, repo), 0);
	id = oid_of(ids[0]);
	ck_assert_int_eq(pd_odb_read_shared(o, &id, &type, &b), 1);
	ck_assert_int_eq(type, GIT_OBJECT_BLOB);
	assert_is_blob(repo, ids[0], &b);
	ck_assert_int_eq(pd_odb_read(o, &id, GIT_OBJECT_BLOB, "x", &type, &b),
			 0);
	assert_is_blob(repo, ids[0], &b);
	ck_assert_uint_eq(pd_odb_pack_reads(o), 0);
	ck_assert_int_eq(
		git_reference_name_to_id(&head, repo, "refs/heads/main"), 0);
	ck_assert_int_eq(pd_odb_read(o, &head, GIT_OBJECT_ANY, "x", &type, &b),
			 0);
	ck_assert_int_eq(type, GIT_OBJECT_COMMIT);
	ck_assert(strncmp(b.ptr, "tree ", 5) == 0);
	ck_assert_int_eq(git_oid_fromstrn(&tree, b.ptr + 5, 40), 0);
	ck_assert_int_eq(pd_odb_read(o, &tree, GIT_OBJECT_TREE, "x", &type, &b),
			 0);
	ck_assert_int_eq(type, GIT_OBJECT_TREE);
	/* a tree is no blob */
	ck_assert_int_eq(
		pd_odb_read(o, &tree, GIT_OBJECT_BLOB, "the label", &type, &b),
		PD_ERROR);
	ck_assert_str_eq(pd_error_last()->message,
			 "the label: the requested type does not match the "
			 "type in the ODB");
	memset(&none, 0x42, sizeof(none));
	ck_assert_int_eq(pd_odb_read_shared(o, &none, &type, &b), 0);
	ck_assert_int_eq(
		pd_odb_read(o, &none, GIT_OBJECT_ANY, "missing", &type, &b),
		PD_ERROR);
	ck_assert_ptr_nonnull(
		strstr(pd_error_last()->message, "missing: object not found"));
	pd_odb_free(o);
	git_repository_free(repo);
	pd_buf_free(&b);
	free_ids(ids);
	teardown();
}
END_TEST

/* A loose object damaged (another object's content under its id): the
 * shared read leaves it to the owner, whose read reports it as the guard
 * words it; libgit2's own reads go through the guard too. */
START_TEST(a_damaged_loose_object_is_reported_by_the_owner)
{
	pd_buf b = PD_BUF_INIT;
	git_object_t type;
	git_blob *blob = NULL;
	git_oid id;
	char **ids, cmd[1024];
	size_t n;
	pd_odb *o;
	git_repository *repo = open_history(&ids, &n);

	sh("cd '%s' && mv .git/objects/pack/*.pack pk && "
	   "rm -f .git/objects/pack/* && git unpack-objects -q < pk && "
	   "rm pk",
	   dir);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s/.git/objects' && chmod u+w %.2s/%s && "
		 "cp %.2s/%s %.2s/%s",
		 dir, ids[0], ids[0] + 2, ids[1], ids[1] + 2, ids[0],
		 ids[0] + 2);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(pd_odb_open(&o, repo), 0);
	id = oid_of(ids[0]);
	ck_assert_int_eq(pd_odb_read_shared(o, &id, &type, &b), 0);
	ck_assert_int_eq(pd_odb_read(o, &id, GIT_OBJECT_BLOB, "x", &type, &b),
			 PD_ERROR);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "is corrupt: its content does not match "
				     "its id"));
	ck_assert_int_lt(git_blob_lookup(&blob, repo, &id), 0);
	ck_assert_ptr_nonnull(
		strstr(git_error_last()->message, "does not match its id"));
	pd_odb_free(o);
	git_repository_free(repo);
	pd_buf_free(&b);
	free_ids(ids);
	teardown();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("odb");
	TCase *tc = tcase_create("odb");
	int rc;

	git_libgit2_init();
	pd_odb_setup();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, packed_blobs_are_the_owners_until_spilled);
	tcase_add_test(tc, loose_objects_and_refusals);
	tcase_add_test(tc, a_damaged_loose_object_is_reported_by_the_owner);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
