#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack_history.h"

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

/* An index of version 1 (git index-pack --index-version=1) reads as
 * libgit2 reads it. */
START_TEST(version_1_indexes_are_read)
{
	char **ids;
	size_t n;

	make_history();
	ids = blob_ids(&n);
	sh("cd '%s' && git repack -q -a -d -f --depth=50 && "
	   "for p in .git/objects/pack/*.pack; do "
	   "rm -f \"${p%%.pack}.idx\" && "
	   "git index-pack --index-version=1 \"$p\" >/dev/null; done && "
	   "head -c 4 .git/objects/pack/*.idx | od -An -tx1 | "
	   "grep -qv 'ff 74 4f 63'",
	   dir);
	read_all_and_compare(ids, n, (size_t)8 << 20);
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
		/* a refusal for good (a size or chain no reader may take)
		 * says why */
		ck_assert(r == 0 || r == 1 ||
			  (r == PD_ERROR && *pd_error_last()->message));
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

/* Flips byte `at` of file `path` (from its end when negative). */
static void flip(const char *path, long at)
{
	FILE *f = fopen(path, "r+b");
	int c;

	ck_assert_ptr_nonnull(f);
	if (at < 0) {
		fseek(f, 0, SEEK_END);
		at += ftell(f);
	}
	fseek(f, at, SEEK_SET);
	c = fgetc(f);
	fseek(f, at, SEEK_SET);
	fputc(c ^ 0x55, f);
	fclose(f);
}

/* What makes libgit2 refuse a pack whole makes this reader leave it to
 * libgit2 whole (so that either gives an object, or neither): a fanout
 * that goes down, an object placed past the pack's end, a pack whose
 * checksum is not the one its index records. */
START_TEST(packs_libgit2_refuses_are_not_opened)
{
	static const long at[] = {8 + 100 * 4 + 3, -44, -5};
	char objects[512], idx[600], pack[600];
	size_t k;

	for (k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
		pd_packs *ps;
		FILE *p;
		char cmd[1024];

		make_history();
		snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
		snprintf(cmd, sizeof(cmd), "ls '%s'/pack/*.idx", objects);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(fgets(idx, sizeof(idx), p));
		pclose(p);
		idx[strcspn(idx, "\n")] = '\0';
		snprintf(pack, sizeof(pack), "%.*s.pack", (int)strlen(idx) - 4,
			 idx);
		ps = pd_packs_open(objects, 1 << 20, 1 << 20);
		ck_assert_int_eq(pd_packs_count(ps), 1);
		pd_packs_free(ps);
		/* a count in the fanout, the first byte of the last
		 * object's offset, the pack's checksum */
		flip(k < 2 ? idx : pack, at[k]);
		ps = pd_packs_open(objects, 1 << 20, 1 << 20);
		ck_assert_ptr_nonnull(ps);
		ck_assert_int_eq(pd_packs_count(ps), 0);
		pd_packs_free(ps);
		teardown();
	}
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

/* Sets the size that the header of the object at `off` in the pack
 * declares to its own plus `by` (the header keeps its length), and the
 * pack's checksum, and its copy in the index, to match. */
static void declare_size(const char *idx, const char *pack, long off, int by)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd),
		 "python3 - '%s' '%s' %ld %d <<'EOF'\n"
		 "import hashlib, sys\n"
		 "idx, pack, off, by = sys.argv[1], sys.argv[2], "
		 "int(sys.argv[3]), int(sys.argv[4])\n"
		 "p = bytearray(open(pack, 'rb').read())\n"
		 "size, shift, i = p[off] & 15, 4, off\n"
		 "while p[i] & 128:\n"
		 "    i += 1; size |= (p[i] & 127) << shift; shift += 7\n"
		 "n, size, j = i - off + 1, size + by, off\n"
		 "p[j] = (p[j] & 0xf0) | (size & 15); size >>= 4\n"
		 "while j < i:\n"
		 "    p[j] |= 128; j += 1; p[j] = size & 127; size >>= 7\n"
		 "assert size == 0, 'the header would change length'\n"
		 "p[-20:] = hashlib.sha1(p[:-20]).digest()\n"
		 "open(pack, 'wb').write(p)\n"
		 "x = bytearray(open(idx, 'rb').read())\n"
		 "x[-40:-20] = p[-20:]\n"
		 "x[-20:] = hashlib.sha1(x[:-20]).digest()\n"
		 "open(idx, 'wb').write(x)\n"
		 "EOF",
		 idx, pack, off, by);
	ck_assert_int_eq(system(cmd), 0);
}

/* A whole object whose stream makes more bytes than its header declares
 * (by one, by the most zlib may write past the end on its fast path, by
 * more) or fewer is refused: the room the reader leaves zlib past the
 * end of an object is no leeway. */
START_TEST(sizes_the_stream_belies_are_refused)
{
	static const int by[] = {-1, -257, -258, -300, 1};
	char objects[512], idx[600], pack[600], cmd[1024], line[256];
	size_t k;

	for (k = 0; k < sizeof(by) / sizeof(by[0]); k++) {
		unsigned char id[20];
		pd_packs *ps;
		pd_buf b = PD_BUF_INIT;
		git_oid oid;
		long off = -1;
		FILE *p;

		/* one blob of 1000 bytes: its size takes two bytes of
		 * header, as does any size from 16 to 2047 */
		snprintf(dir, sizeof(dir), "/tmp/pd-pack-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(dir));
		sh("git init -q '%s' && cd '%s' && "
		   "awk 'BEGIN { for (i = 0; i < 100; i++) printf \"%%9d\\n\", "
		   "i * 7919 %% 100003 }' > f.txt && git add f.txt && "
		   "git -c user.name=A -c user.email=a@example.org commit -qm a "
		   "&& git repack -q -a -d",
		   dir);
		snprintf(objects, sizeof(objects), "%s/.git/objects", dir);
		snprintf(cmd, sizeof(cmd), "ls '%s'/pack/*.idx", objects);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(fgets(idx, sizeof(idx), p));
		pclose(p);
		idx[strcspn(idx, "\n")] = '\0';
		snprintf(pack, sizeof(pack), "%.*s.pack", (int)strlen(idx) - 4,
			 idx);
		snprintf(cmd, sizeof(cmd),
			 "cd '%s' && git rev-parse HEAD:f.txt && "
			 "git verify-pack -v '%s' | awk '$2 == \"blob\" "
			 "{ print $3, $5 }'",
			 dir, idx);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(fgets(line, sizeof(line), p));
		ck_assert_int_eq(git_oid_fromstrn(&oid, line, 40), 0);
		memcpy(id, oid.id, 20);
		ck_assert_ptr_nonnull(fgets(line, sizeof(line), p));
		ck_assert_str_eq(strtok(line, " "), "1000");
		off = strtol(strtok(NULL, " \n"), NULL, 10);
		pclose(p);
		/* as written, it reads */
		ps = pd_packs_open(objects, 1 << 20, 1 << 20);
		ck_assert_int_eq(pd_packs_read_blob(ps, id, &b), 1);
		ck_assert_uint_eq(b.len, 1000);
		pd_packs_free(ps);
		declare_size(idx, pack, off, by[k]);
		ps = pd_packs_open(objects, 1 << 20, 1 << 20);
		ck_assert_int_eq(pd_packs_count(ps), 1);
		ck_assert_int_ne(pd_packs_read_blob(ps, id, &b), 1);
		pd_packs_free(ps);
		pd_buf_free(&b);
		teardown();
	}
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
	tcase_add_test(tc, version_1_indexes_are_read);
	tcase_add_test(tc, the_cache_grows_only_when_reads_miss);
	tcase_add_test(tc, damaged_packs_are_refused);
	tcase_add_test(tc, packs_libgit2_refuses_are_not_opened);
	tcase_add_test(tc, sizes_the_stream_belies_are_refused);
	suite_add_tcase(s, tc);
	rc = tu_run(s);
	git_libgit2_shutdown();
	return rc;
}
