#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack_read.h"
#include "testutil.h"

static char dir[256];

static void sh(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg);
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

/* A repository whose history git fast-import writes: 3 files, 60 versions
 * each, every version a few lines changed, committed in turn, so that
 * the pack deltas each blob against the one written before it. */
static void make_history(void)
{
	char path[512];
	FILE *f;
	int v, k, line;

	snprintf(dir, sizeof(dir), "/tmp/pd-pack-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	sh("git init -q '%s'", dir);
	snprintf(path, sizeof(path), "%s/stream", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (v = 0; v < 60; v++)
		for (k = 0; k < 3; k++) {
			char text[8192];
			size_t n = 0;

			for (line = 0; line < 120; line++)
				n += (size_t)snprintf(
					text + n, sizeof(text) - n,
					"file %d line %d says %d\n", k, line,
					line % 17 == v % 17 ? v : line * k);
			fprintf(f, "commit refs/heads/main\n"
				   "committer A <a@example.org> %d +0000\n"
				   "data 1\nx\n",
				1700000000 + v * 3 + k);
			fprintf(f, "M 100644 inline f%d.txt\ndata %zu\n%s\n", k,
				n, text);
		}
	fclose(f);
	sh("cd '%s' && git fast-import --quiet < stream && rm stream", dir);
}

static void teardown(void)
{
	sh("rm -rf '%s'", dir);
}

/* The blob ids of the repository, in the order `git rev-list` gives (the
 * newest history first), NULL-terminated. */
static char **blob_ids(size_t *n)
{
	char cmd[1024], line[128], **v = calloc(1, sizeof(*v));
	size_t cap = 1;
	FILE *p;

	*n = 0;
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git rev-list --objects --all | cut -d\\  -f1 | "
		 "git cat-file --batch-check='%%(objecttype) %%(objectname)' | "
		 "sed -n 's/^blob //p'",
		 dir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof(line), p)) {
		if (*n + 1 >= cap)
			v = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof(*v));
		line[40] = '\0';
		v[(*n)++] = strdup(line);
	}
	pclose(p);
	v[*n] = NULL;
	return v;
}

/* The pack reader gives blob `hex` as libgit2 does. */
static void assert_reads_as_libgit2(pd_packs *ps, git_repository *repo,
				    const char *hex, pd_buf *b)
{
	git_oid id;
	git_blob *blob;

	ck_assert_int_eq(git_oid_fromstr(&id, hex), 0);
	ck_assert_int_eq(pd_packs_read_blob(ps, id.id, b), 1);
	ck_assert_int_eq(git_blob_lookup(&blob, repo, &id), 0);
	ck_assert_uint_eq(b->len, (size_t)git_blob_rawsize(blob));
	ck_assert(memcmp(b->ptr, git_blob_rawcontent(blob), b->len) == 0);
	git_blob_free(blob);
}

/* Reads every blob through the pack reader and through libgit2, and says
 * how many objects the reader inflated. */
static size_t read_all_and_compare(char **ids, size_t n, size_t cache)
{
	git_repository *repo;
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT;
	char objects[512];
	size_t i, inflated;

	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, cache, cache);
	ck_assert_ptr_nonnull(ps);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	for (i = 0; i < n; i++) {
		assert_reads_as_libgit2(ps, repo, ids[i], &b);
	}
	/* a commit is no blob: left to libgit2 */
	{
		git_oid head;

		ck_assert_int_eq(git_reference_name_to_id(&head, repo,
							  "refs/heads/main"),
				 0);
		ck_assert_int_eq(pd_packs_read_blob(ps, head.id, &b), 0);
	}
	inflated = pd_packs_inflated(ps);
	git_repository_free(repo);
	pd_packs_free(ps);
	pd_buf_free(&b);
	return inflated;
}

static void free_ids(char **ids)
{
	size_t i;

	for (i = 0; ids[i]; i++)
		free(ids[i]);
	free(ids);
}

/* The pack git fast-import writes, then the same history repacked by git
 * (newer versions as bases, deep chains): every blob reads as libgit2
 * reads it, in the history's order and the other way round, and each
 * object is inflated about once, however the pack chains its deltas. */
START_TEST(blobs_read_as_libgit2_reads_them)
{
	char **ids;
	size_t n, i, j, inflated;

	make_history();
	ids = blob_ids(&n);
	ck_assert_uint_eq(n, 180);
	inflated = read_all_and_compare(ids, n, (size_t)8 << 20);
	ck_assert_uint_le(inflated, 2 * n);
	/* oldest first */
	for (i = 0, j = n - 1; i < j; i++, j--) {
		char *t = ids[i];

		ids[i] = ids[j];
		ids[j] = t;
	}
	inflated = read_all_and_compare(ids, n, (size_t)8 << 20);
	ck_assert_uint_le(inflated, 2 * n);
	sh("cd '%s' && git repack -q -a -d -f --depth=50 --window=50", dir);
	inflated = read_all_and_compare(ids, n, (size_t)8 << 20);
	ck_assert_uint_le(inflated, 2 * n);
	/* a cache too small for any object: still right, just slower */
	read_all_and_compare(ids, n, 1024);
	free_ids(ids);
	teardown();
}
END_TEST

/* A repository of loose objects only: no pack, nothing read. */
/* Blobs spilled in the order the history was written read back the same,
 * in any order, for no inflation at all; a blob spilled twice is kept
 * once. */
START_TEST(spilled_blobs_read_back_without_inflating)
{
	size_t n, i, after_spill;
	char **ids;
	git_repository *repo;
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT;
	char objects[512];

	make_history();
	ids = blob_ids(&n);
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 1 << 16, 1 << 20);
	ck_assert_ptr_nonnull(ps);
	ck_assert_int_eq(pd_packs_count(ps), 1);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	for (i = 0; i < n; i++) {
		git_oid id;

		ck_assert_int_eq(git_oid_fromstr(&id, ids[i]), 0);
		ck_assert_int_eq(pd_packs_spill(ps, id.id), 1);
		ck_assert_int_eq(pd_packs_spill(ps, id.id), 1);
	}
	ck_assert(pd_packs_spilling(ps));
	/* spilled, the cache goes back to its least */
	pd_packs_spill_done(ps);
	ck_assert_uint_eq(pd_packs_cache_size(ps), 1 << 16);
	after_spill = pd_packs_inflated(ps);
	/* read back oldest first, the order the cache likes least */
	for (i = n; i-- > 0;) {
		pd_buf c = PD_BUF_INIT;
		git_oid id;

		assert_reads_as_libgit2(ps, repo, ids[i], &b);
		/* and as other threads read them, from the spill alone */
		ck_assert_int_eq(git_oid_fromstr(&id, ids[i]), 0);
		ck_assert_int_eq(pd_packs_read_spilled(ps, id.id, &c), 1);
		ck_assert_uint_eq(c.len, b.len);
		ck_assert(memcmp(c.ptr, b.ptr, b.len) == 0);
		pd_buf_free(&c);
	}
	ck_assert_uint_eq(pd_packs_inflated(ps), after_spill);
	/* a commit is no blob: not spilled */
	{
		git_oid head;

		ck_assert_int_eq(git_reference_name_to_id(&head, repo,
							  "refs/heads/main"),
				 0);
		ck_assert_int_eq(pd_packs_spill(ps, head.id), 0);
		ck_assert_int_eq(pd_packs_read_spilled(ps, head.id, &b), 0);
	}
	git_repository_free(repo);
	pd_packs_free(ps);
	pd_buf_free(&b);
	free_ids(ids);
	teardown();
}
END_TEST

START_TEST(no_pack_reads_nothing)
{
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT;
	unsigned char id[20] = {0};
	char objects[512];

	snprintf(dir, sizeof(dir), "/tmp/pd-pack-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	sh("git init -q '%s'", dir);
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 1 << 20, 1 << 20);
	ck_assert_ptr_nonnull(ps);
	ck_assert_int_eq(pd_packs_read_blob(ps, id, &b), 0);
	pd_packs_free(ps);
	pd_buf_free(&b);
	teardown();
}
END_TEST

/* Reads every blob of the repository's (damaged) packs: each read is the
 * blob or a refusal, never a crash or an overrun. */
static void read_all_or_refuse(char **ids, size_t n)
{
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT;
	char objects[512];
	size_t i;

	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 1 << 20, 1 << 20);
	ck_assert_ptr_nonnull(ps);
	for (i = 0; i < n; i++) {
		git_oid id;
		int r;

		git_oid_fromstr(&id, ids[i]);
		r = pd_packs_read_blob(ps, id.id, &b);
		ck_assert(r == 0 || r == 1);
	}
	pd_packs_free(ps);
	pd_buf_free(&b);
}

/* A pack damaged byte by byte, and cut short: every read is the blob or
 * a refusal (the caller then asks libgit2), never a crash or an overrun
 * (ASan watches), whatever byte was hit. */
START_TEST(damaged_packs_are_refused)
{
	char **ids, pack[512], cmd[1024];
	size_t n, k;
	FILE *p;

	make_history();
	ids = blob_ids(&n);
	snprintf(cmd, sizeof(cmd), "ls '%s'/.git/objects/pack/*.pack", dir);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(fgets(pack, sizeof(pack), p));
	pclose(p);
	pack[strcspn(pack, "\n")] = '\0';
	for (k = 0; k < 64; k++) {
		FILE *f = fopen(pack, "r+b");
		long size, at;
		int c;

		ck_assert_ptr_nonnull(f);
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		at = (long)((k * 7919u) % (unsigned long)size);
		fseek(f, at, SEEK_SET);
		c = fgetc(f);
		fseek(f, at, SEEK_SET);
		fputc(c ^ (int)(1 + k % 255), f);
		fclose(f);
		read_all_or_refuse(ids, n);
		/* put the byte back for the next round */
		f = fopen(pack, "r+b");
		fseek(f, at, SEEK_SET);
		fputc(c, f);
		fclose(f);
	}
	/* cut in half */
	snprintf(cmd, sizeof(cmd), "truncate -s %%50 '%s'", pack);
	ck_assert_int_eq(system(cmd), 0);
	read_all_or_refuse(ids, n);
	free_ids(ids);
	teardown();
}
END_TEST


/* The cache stays at its least while reads find their bases in it (the
 * history newest first, through the pack git fast-import wrote), and
 * grows while they do not (a repacked history, oldest first). */
START_TEST(the_cache_grows_only_when_reads_miss)
{
	char **ids, **by_file, objects[512];
	size_t n, i, m = 0;
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT;

	make_history();
	ids = blob_ids(&n);
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 64 << 10, 8 << 20);
	for (i = 0; i < n; i++) {
		git_oid id;

		git_oid_fromstr(&id, ids[i]);
		ck_assert_int_eq(pd_packs_read_blob(ps, id.id, &b), 1);
	}
	ck_assert_uint_eq(pd_packs_cache_size(ps), 64 << 10);
	pd_packs_free(ps);
	/* repacked, newer versions are the bases of older ones, 50 deep:
	 * read oldest first through a cache of a few objects, every read
	 * rebuilds its chain until the cache has grown */
	sh("cd '%s' && git repack -q -a -d -f --depth=50 --window=50", dir);
	by_file = calloc(n + 1, sizeof(*by_file));
	for (i = n; i-- > 0;)
		by_file[m++] = ids[i];
	ps = pd_packs_open(objects, 16 << 10, 8 << 20);
	for (i = 0; i < m; i++) {
		git_oid id;

		git_oid_fromstr(&id, by_file[i]);
		ck_assert_int_eq(pd_packs_read_blob(ps, id.id, &b), 1);
	}
	ck_assert_uint_gt(pd_packs_cache_size(ps), 16 << 10);
	pd_packs_free(ps);
	pd_buf_free(&b);
	free(by_file);
	free_ids(ids);
	teardown();
}
END_TEST


/* Spilled on several threads, each taking a stretch of the history with
 * a reader of its own: every blob reads back as libgit2 reads it, without
 * inflating again; blobs spilled one at a time afterwards go after them. */
START_TEST(blobs_spilled_on_several_threads_read_back)
{
	size_t n, i, half, after_spill;
	char **ids;
	unsigned char(*raw)[20];
	git_repository *repo;
	pd_packs *ps;
	pd_buf b = PD_BUF_INIT, c = PD_BUF_INIT;
	char objects[512];

	make_history();
	ids = blob_ids(&n);
	ck_assert_uint_ge(n, 180);
	raw = calloc(n, sizeof(*raw));
	for (i = 0; i < n; i++) {
		git_oid id;

		ck_assert_int_eq(git_oid_fromstr(&id, ids[i]), 0);
		memcpy(raw[i], id.id, 20);
	}
	snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
	ps = pd_packs_open(objects, 1 << 16, 1 << 20);
	ck_assert_ptr_nonnull(ps);
	ck_assert_int_eq(git_repository_open(&repo, dir), 0);
	/* the first half on 2 threads (32 blobs a thread at least), the
	 * rest one by one; the first blob twice */
	half = n / 2;
	ck_assert_int_eq(pd_packs_spill_many(ps, (const unsigned char(*)[20])raw,
					     half, 2),
			 0);
	ck_assert_int_eq(pd_packs_spill_many(ps, (const unsigned char(*)[20])raw,
					     1, 2),
			 0);
	for (i = half; i < n; i++)
		ck_assert_int_eq(pd_packs_spill(ps, raw[i]), 1);
	ck_assert(pd_packs_spilling(ps));
	pd_packs_spill_done(ps);
	after_spill = pd_packs_inflated(ps);
	for (i = 0; i < n; i++) {
		assert_reads_as_libgit2(ps, repo, ids[i], &b);
		ck_assert_int_eq(pd_packs_read_spilled(ps, raw[i], &c), 1);
		ck_assert_uint_eq(c.len, b.len);
		ck_assert(memcmp(c.ptr, b.ptr, b.len) == 0);
	}
	ck_assert_uint_eq(pd_packs_inflated(ps), after_spill);
	git_repository_free(repo);
	pd_packs_free(ps);
	pd_buf_free(&b);
	pd_buf_free(&c);
	free(raw);
	free_ids(ids);
	teardown();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pack_read");
	TCase *tc = tcase_create("pack_read");
	int rc;

	git_libgit2_init();
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, blobs_read_as_libgit2_reads_them);
	tcase_add_test(tc, no_pack_reads_nothing);
	tcase_add_test(tc, spilled_blobs_read_back_without_inflating);
	tcase_add_test(tc, blobs_spilled_on_several_threads_read_back);
	tcase_add_test(tc, the_cache_grows_only_when_reads_miss);
	tcase_add_test(tc, damaged_packs_are_refused);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
