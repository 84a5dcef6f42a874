#include <git2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack_history.h"
#include "pack_spill.h"

/* Blobs spilled in the order the history was written read back the same,
 * in any order, for no inflation at all; a blob spilled twice is kept
 * once. */
START_TEST(spilled_blobs_read_back_without_inflating)
{
	size_t n, i, after_spill;
	char **ids;
	git_repository *repo;
	pd_packs *ps;
	pd_spill *sp;
	pd_buf b = PD_BUF_INIT;
	char objects[512];

	make_history();
	ids = blob_ids(&n);
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 1 << 16, 1 << 20);
	ck_assert_ptr_nonnull(ps);
	sp = pd_spill_new(objects, 1 << 16);
	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(pd_packs_count(ps), 1);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	for (i = 0; i < n; i++) {
		git_oid id;

		ck_assert_int_eq(git_oid_fromstr(&id, ids[i]), 0);
		ck_assert_int_eq(pd_spill_add(sp, ps, id.id), 1);
		ck_assert_int_eq(pd_spill_add(sp, ps, id.id), 1);
	}
	ck_assert(pd_spill_spilling(sp));
	/* spilled, the cache goes back to its least */
	ck_assert(pd_spill_flush(sp));
	pd_packs_cache_reset(ps);
	ck_assert_uint_eq(pd_packs_cache_size(ps), 1 << 16);
	after_spill = pd_packs_inflated(ps);
	ck_assert_uint_eq(pd_spill_count(sp), n);
	/* read back oldest first, the order the cache likes least: from
	 * the spill alone */
	for (i = n; i-- > 0;) {
		git_oid id;

		ck_assert_int_eq(git_oid_fromstr(&id, ids[i]), 0);
		ck_assert_int_eq(pd_spill_read(sp, id.id, &b), 1);
		assert_is_blob(repo, ids[i], &b);
	}
	ck_assert_uint_eq(pd_packs_inflated(ps), after_spill);
	/* a commit is no blob: not spilled */
	{
		git_oid head;

		ck_assert_int_eq(git_reference_name_to_id(&head, repo,
							  "refs/heads/main"),
				 0);
		ck_assert_int_eq(pd_spill_add(sp, ps, head.id), 0);
		ck_assert_int_eq(pd_spill_read(sp, head.id, &b), 0);
	}
	git_repository_free(repo);
	pd_spill_free(sp);
	pd_packs_free(ps);
	pd_buf_free(&b);
	free_ids(ids);
	teardown();
}
END_TEST

/* The history made, its blobs' ids (*ids in hex, the result raw, 180 at
 * least), a reader of its packs and an empty spill over them. */
static unsigned char (*spill_history(char ***ids, size_t *n, pd_packs **ps,
				      pd_spill **sp))[20]
{
	unsigned char(*raw)[20];
	char objects[512];
	size_t i;

	make_history();
	*ids = blob_ids(n);
	ck_assert_uint_ge(*n, 180);
	raw = calloc(*n, sizeof(*raw));
	ck_assert_ptr_nonnull(raw);
	for (i = 0; i < *n; i++) {
		git_oid id;

		ck_assert_int_eq(git_oid_fromstr(&id, (*ids)[i]), 0);
		memcpy(raw[i], id.id, 20);
	}
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	*ps = pd_packs_open(objects, 1 << 16, 1 << 20);
	*sp = pd_spill_new(objects, 1 << 16);
	ck_assert_ptr_nonnull(*ps);
	ck_assert_ptr_nonnull(*sp);
	return raw;
}

/* What spill_history and a test made, freed. */
static void spill_done(git_repository *repo, pd_packs *ps, pd_spill *sp,
		       pd_buf *b, unsigned char (*raw)[20], char **ids)
{
	git_repository_free(repo);
	pd_spill_free(sp);
	pd_packs_free(ps);
	pd_buf_free(b);
	free(raw);
	free_ids(ids);
	teardown();
}

/* Spilled on several threads, each taking a stretch of the history with
 * a reader of its own: every blob reads back as libgit2 reads it, without
 * inflating again; blobs spilled one at a time afterwards go after them,
 * and a blob spilled twice is kept once. */
START_TEST(blobs_spilled_on_several_threads_read_back)
{
	size_t n, i, half, after_spill;
	char **ids;
	unsigned char(*raw)[20];
	git_repository *repo;
	pd_packs *ps;
	pd_spill *sp;
	pd_buf b = PD_BUF_INIT;

	raw = spill_history(&ids, &n, &ps, &sp);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	/* the first half on 2 threads (32 blobs a thread at least), the
	 * rest one by one; the first blob twice */
	half = n / 2;
	ck_assert_int_eq(pd_spill_add_many(sp, ps,
					   (const unsigned char(*)[20])raw,
					   half, 2),
			 0);
	ck_assert_int_eq(pd_spill_add_many(
				 sp, ps, (const unsigned char(*)[20])raw, 1, 2),
			 0);
	for (i = half; i < n; i++)
		ck_assert_int_eq(pd_spill_add(sp, ps, raw[i]), 1);
	ck_assert(pd_spill_spilling(sp));
	ck_assert(pd_spill_flush(sp));
	pd_packs_cache_reset(ps);
	after_spill = pd_packs_inflated(ps);
	ck_assert_uint_eq(pd_spill_count(sp), n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pd_spill_read(sp, raw[i], &b), 1);
		assert_is_blob(repo, ids[i], &b);
	}
	ck_assert_uint_eq(pd_packs_inflated(ps), after_spill);
	spill_done(repo, ps, sp, &b, raw, ids);
}
END_TEST

/* A blob released is no longer read from the spill (the packs give it
 * again), releasing it twice changes nothing, and once every blob the
 * threads spilled is released, the file gives every page back. */
static void *give_back(void *sp)
{
	pd_spill_give_back(sp);
	return NULL;
}

START_TEST(released_blobs_give_their_pages_back)
{
	pthread_t t;
	size_t n, i;
	char **ids;
	unsigned char(*raw)[20];
	git_repository *repo;
	pd_packs *ps;
	pd_spill *sp;
	pd_buf b = PD_BUF_INIT;
	uint64_t held;

	raw = spill_history(&ids, &n, &ps, &sp);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	ck_assert_int_eq(pd_spill_add_many(sp, ps,
					   (const unsigned char(*)[20])raw, n,
					   2),
			 0);
	ck_assert(pd_spill_flush(sp));
	ck_assert_uint_eq(pd_spill_count(sp), n);
	held = pd_spill_held(sp);
	ck_assert_uint_ge(held, n * 4096); /* a page a blob at least */
	for (i = 0; i < n; i += 2)
		pd_spill_release(sp, raw[i]);
	pd_spill_release(sp, raw[0]);
	/* released blobs are read from the packs at once; their pages go
	 * back when they are given back, on whichever thread does it */
	ck_assert_int_eq(pd_spill_read(sp, raw[0], &b), 0);
	ck_assert_uint_eq(pd_spill_held(sp), held);
	ck_assert_int_eq(pthread_create(&t, NULL, give_back, sp), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_uint_lt(pd_spill_held(sp), held);
	held = pd_spill_held(sp);
	pd_spill_give_back(sp); /* nothing more to give */
	ck_assert_uint_eq(pd_spill_held(sp), held);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(pd_spill_read(sp, raw[i], &b), i % 2);
		if (i % 2 == 0)
			ck_assert_int_eq(pd_packs_read_blob(ps, raw[i], &b), 1);
		assert_is_blob(repo, ids[i], &b);
	}
	for (i = 1; i < n; i += 2)
		pd_spill_release(sp, raw[i]);
	pd_spill_give_back(sp);
	ck_assert_uint_eq(pd_spill_held(sp), 0);
	ck_assert_int_eq(pd_spill_read(sp, raw[1], &b), 0);
	/* released, not forgotten: spilled again, it stays released */
	ck_assert_int_eq(pd_spill_add(sp, ps, raw[1]), 1);
	ck_assert_int_eq(pd_spill_read(sp, raw[1], &b), 0);
	pd_spill_release(NULL, raw[1]);
	spill_done(repo, ps, sp, &b, raw, ids);
}
END_TEST

/* Nothing spilled: nothing read back, and a spill that was never made
 * holds nothing and takes blobs. */
START_TEST(an_empty_spill_reads_nothing)
{
	pd_spill *sp = pd_spill_new("/nonexistent", 1 << 16);
	pd_buf b = PD_BUF_INIT;
	unsigned char id[20] = {1};

	ck_assert_ptr_nonnull(sp);
	ck_assert_int_eq(pd_spill_read(sp, id, &b), 0);
	ck_assert_uint_eq(pd_spill_count(sp), 0);
	ck_assert(pd_spill_spilling(sp));
	ck_assert(pd_spill_flush(sp));
	ck_assert_int_eq(pd_spill_read(NULL, id, &b), 0);
	pd_spill_free(sp);
	pd_spill_free(NULL);
	pd_buf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pack_spill");
	TCase *tc = tcase_create("pack_spill");
	int rc;

	git_libgit2_init();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, spilled_blobs_read_back_without_inflating);
	tcase_add_test(tc, blobs_spilled_on_several_threads_read_back);
	tcase_add_test(tc, released_blobs_give_their_pages_back);
	tcase_add_test(tc, an_empty_spill_reads_nothing);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
