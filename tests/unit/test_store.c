#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#include "profdiff/fileio.h"
#include "profdiff/store.h"
#include "profdiff/yaml.h"
#include "store_internal.h"
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

static void git(const char *args)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "git -C '%s' %s >/dev/null 2>&1", dir, args);
	ck_assert_msg(system(cmd) == 0, "%s", cmd);
}

static void publication_is(const char *want)
{
	pd_store *s;
	char pub[256];

	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_publication(s, pub, sizeof(pub)), 0);
	ck_assert_str_eq(pub, want);
	pd_store_free(s);
}

START_TEST(the_publication_branch_and_blob_ids)
{
	pd_store *s;
	char hex[41], blob[41], ids[3][41], path[512];
	const char *paths[] = {"profiles/laos.yaml", "profiles/none.yaml",
			       NULL};
	pd_buf b = PD_BUF_INIT;

	/* no commit yet: nothing is published */
	publication_is("");
	commit_fixture("profiles/laos.yaml", "demo/laos.2026-03-01.yaml",
		       "laos", hex);
	git("branch -M main");
	publication_is("refs/heads/main");
	/* a branch without an upstream publishes to main */
	git("checkout -q -b feature");
	publication_is("refs/heads/main");
	/* with one, to its upstream */
	git("remote add origin /nowhere");
	git("update-ref refs/remotes/origin/feature HEAD");
	git("branch -u origin/feature");
	publication_is("refs/remotes/origin/feature");
	/* publish: names it */
	snprintf(path, sizeof(path), "%s/.profdiff.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "publish: main\n", 14),
			 0);
	publication_is("refs/heads/main");

	/* blob ids: the tree's, the working tree's */
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_blob_at(s, "main", paths[0], blob), 0);
	ck_assert_int_eq(pd_store_blob_at(s, "main", paths[1], hex),
			 PD_ENOTFOUND);
	ck_assert_int_eq(pd_store_blobs_at(s, "main", paths, 3, ids), 0);
	ck_assert_str_eq(ids[0], blob);
	ck_assert_str_eq(ids[1], "");
	ck_assert_str_eq(ids[2], "");
	ck_assert_int_eq(pd_store_blobs_at(s, "nowhere", paths, 3, ids), 0);
	ck_assert_str_eq(ids[0], "");
	ck_assert_int_eq(pd_store_worktree_blob(s, paths[0], hex), 0);
	ck_assert_str_eq(hex, blob);
	ck_assert_int_eq(pd_store_file_at(s, "main", paths[0], 1u << 20, &b,
					  hex),
			 0);
	ck_assert_str_eq(hex, blob);
	pd_store_hash_blob(b.ptr, b.len, hex);
	ck_assert_str_eq(hex, blob);
	ck_assert_int_eq(pd_store_file_at(s, "main", paths[0], 10, &b, NULL),
			 PD_EINVALID);
	pd_store_free(s);
	/* an edit the index does not know of is hashed */
	snprintf(path, sizeof(path), "%s/profiles/laos.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "schema: 1\n", 10), 0);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_worktree_blob(s, paths[0], hex), 0);
	ck_assert_str_ne(hex, blob);
	pd_store_hash_blob("schema: 1\n", 10, blob);
	ck_assert_str_eq(hex, blob);
	pd_store_free(s);
	pd_buf_free(&b);
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

/* A published revision's edit summary: the first lines of the commits
 * that touched the profile since the previous published revision, oldest
 * first, trimmed, each once; commits of other profiles are not its. */
START_TEST(edit_summaries_of_published_revisions)
{
	char hex[41];
	const pd_revision *revs;
	pd_store *s;
	size_t n;

	commit_fixture("profiles/north-korea.yaml",
		       "diff/ratification/before.yaml", "first", hex);
	commit_fixture("profiles/other.yaml", "diff/typo/before.yaml",
		       "another profile", hex);
	commit_fixture("profiles/north-korea.yaml", "diff/typo/after.yaml",
		       "\ttypo fixed \r\n\nwhy, at length", hex);
	commit_fixture("profiles/north-korea.yaml",
		       "diff/ratification/before.yaml", "first  ", hex);
	commit_fixture("profiles/other.yaml", "diff/typo/after.yaml",
		       "another profile again", hex);
	commit_fixture("profiles/north-korea.yaml",
		       "diff/ratification/after.yaml", "accession", hex);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_published(s, "profiles/north-korea.yaml",
					    &revs, &n),
			 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(revs[0].nmessages, 1);
	ck_assert_str_eq(revs[0].messages[0], "accession");
	ck_assert_uint_eq(revs[1].nmessages, 2);
	ck_assert_str_eq(revs[1].messages[0], "first");
	ck_assert_str_eq(revs[1].messages[1], "typo fixed");
	ck_assert_int_eq(pd_store_published(s, "profiles/other.yaml", &revs,
					    &n),
			 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(revs[0].nmessages, 2);
	ck_assert_str_eq(revs[0].messages[0], "another profile");
	ck_assert_str_eq(revs[0].messages[1], "another profile again");
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


/* The profile as profdiff writes it: what two readings must agree on. */
static char *written(const pd_profile *p)
{
	pd_buf b = PD_BUF_INIT;
	char *copy;

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(pd_yaml_write(&b, p), 0);
	copy = strdup(pd_buf_cstr(&b));
	ck_assert_ptr_nonnull(copy);
	pd_buf_free(&b);
	return copy;
}

/* The versions `ids` (newest first, a day apart) read ahead into one
 * store are cached there, and each is what another store reads in turn. */
static void read_ahead_as_in_turn(const git_oid *ids, size_t n)
{
	const pd_profile *p;
	pd_store *s, *t;
	size_t k;

	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_open(&t, dir), 0);
	ck_assert_int_eq(pd_store_read_ahead(s, ids, n), 0);
	for (k = 0; k < n; k++) {
		pd_profile *q;
		char *a, *b;

		if (sysconf(_SC_NPROCESSORS_ONLN) > 1)
			ck_assert(pd_store_cached(s, &ids[k]));
		ck_assert_int_eq(pd_store_parse_blob(s, &ids[k], "x", &p), 0);
		ck_assert_int_eq(pd_store_read_profile(t, &ids[k], "y", &q), 0);
		a = written(p);
		b = written(q);
		ck_assert_str_eq(a, b);
		ck_assert_int_eq(p->last_updated.day, (int)(21 - k));
		free(a);
		free(b);
		pd_profile_free(q);
	}
	pd_store_free(s);
	pd_store_free(t);
}

/* Twelve versions of a profile, committed as loose objects, read ahead on
 * every core: each is what reading it in turn gives. A damaged one is
 * left to be read in turn, and reported then. */
START_TEST(versions_read_ahead_are_those_read_in_turn)
{
	pd_buf base = tu_fixture("diff/ratification/after.yaml");
	char c[41], path[512], cmd[1024], line[64];
	git_oid ids[12];
	pd_store *s;
	const pd_profile *p;
	size_t n = 0, k;
	FILE *f;

	for (k = 0; k < 12; k++) {
		char *at = strstr(base.ptr, "last_updated: ");

		ck_assert_ptr_nonnull(at);
		/* a day of its own, and a law's year */
		snprintf(at + 14, 11, "2024-01-%02zu", k + 10);
		at[24] = '\n';
		snprintf(path, sizeof(path), "%s/profiles/a.yaml", dir);
		ck_assert_int_eq(pd_file_write_atomic(path, base.ptr, base.len),
				 0);
		commit("profiles/a.yaml", "a version", c);
	}
	pd_buf_free(&base);
	snprintf(cmd, sizeof(cmd),
		 "git -C '%s' rev-list HEAD | while read c; do git -C '%s' "
		 "rev-parse $c:profiles/a.yaml; done",
		 dir, dir);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	while (n < 12 && fgets(line, sizeof(line), f))
		ck_assert_int_eq(git_oid_fromstrn(&ids[n++], line, 40), 0);
	ck_assert_int_eq(pclose(f), 0);
	ck_assert_uint_eq(n, 12);
	read_ahead_as_in_turn(ids, n);
	/* packed, the versions are read here from the packs and parsed on
	 * every core */
	snprintf(cmd, sizeof(cmd), "git -C '%s' repack -q -a -d", dir);
	ck_assert_int_eq(system(cmd), 0);
	read_ahead_as_in_turn(ids, n);
	/* loose again, by unpacking, for the damage below */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && mv .git/objects/pack/*.pack pk && "
		 "rm -f .git/objects/pack/* && git unpack-objects -q < pk && "
		 "rm pk",
		 dir);
	ck_assert_int_eq(system(cmd), 0);
	/* the newest version's object damaged: zlib still inflates it, its
	 * content no longer hashes to its id */
	git_oid_tostr(line, sizeof(line), &ids[0]);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s/.git/objects' && f=%.2s/%s && chmod u+w $f && "
		 "printf 'blob 3\\0abc' | python3 -c 'import sys, zlib; "
		 "sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))' "
		 "> $f",
		 dir, line, line + 2);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_read_ahead(s, ids, n), 0);
	ck_assert(!pd_store_cached(s, &ids[0]));
	ck_assert(pd_store_cached(s, &ids[1]) ||
		  sysconf(_SC_NPROCESSORS_ONLN) < 2);
	ck_assert_int_lt(pd_store_parse_blob(s, &ids[0], "x", &p), 0);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "does not match its id"));
	pd_store_free(s);
}
END_TEST

/* A history of 400 commits edited at random (files added, changed,
 * deleted, moved into and out of nested directories, a file replaced by a
 * directory of the same name and back, files that are not YAML), written
 * by git fast-import: each commit of the walk (compared on every core, in
 * runs) changed the YAML files `git diff-tree -r` says it did. */
START_TEST(the_walk_finds_what_git_diff_tree_finds)
{
	static const char *const names[] = {
		"a.yaml", "b.yml", "c.yaml", "notes.txt", ".hidden.yaml",
		"d/e.yaml", "d/f.yaml", "d/g/h.yaml", "d/g/i.txt", "x.yaml",
		"x.yaml/y.yaml", "z/z/z/z.yaml", "d"};
	char path[512], cmd[1024], line[1024];
	unsigned seed = 7, k, c;
	bool present[13] = {false};
	const walk *w;
	pd_store *s;
	size_t i, j;
	FILE *f;

	snprintf(path, sizeof(path), "%s/stream", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (c = 0; c < 400; c++) {
		fprintf(f, "commit refs/heads/main\n"
			   "committer A <a@example.org> %u +0000\n"
			   "data 1\nx\n",
			1700000000u + c);
		if (c == 0)
			fprintf(f, "deleteall\n");
		for (k = 0; k < 1 + c % 3; k++) {
			unsigned which, rnd;

			seed = seed * 1103515245u + 12345u;
			rnd = seed >> 8;
			which = rnd % 13;
			/* "x.yaml" and "x.yaml/y.yaml", "d" and "d/...": one
			 * at a time */
			if (which == 9 && present[10])
				fprintf(f, "D x.yaml/y.yaml\n"), present[10] = false;
			if (which == 10 && present[9])
				fprintf(f, "D x.yaml\n"), present[9] = false;
			if (which == 12) {
				for (j = 5; j < 9; j++)
					if (present[j])
						fprintf(f, "D %s\n", names[j]),
							present[j] = false;
			}
			if (which >= 5 && which <= 8 && present[12])
				fprintf(f, "D d\n"), present[12] = false;
			if (present[which] && rnd % 4 == 0) {
				fprintf(f, "D %s\n", names[which]);
				present[which] = false;
			} else {
				fprintf(f, "M 100644 inline %s\ndata <<EOF\n"
					   "version %u of %s\nEOF\n",
					names[which], c, names[which]);
				present[which] = true;
			}
		}
	}
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git fast-import --quiet < stream && rm stream && "
		 "git reset -q --hard main",
		 dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_walk(s, "HEAD", &w), 0);
	ck_assert_uint_ge(w->n, 400);
	for (i = 0; i < w->n; i++) {
		char hex[41], got[8192] = "", want[8192] = "";
		size_t ng = 0, nw = 0;

		git_oid_tostr(hex, sizeof(hex), &w->c[i].id);
		for (j = 0; j < w->c[i].nd; j++) {
			char o[41], nn[41];

			git_oid_tostr(o, sizeof(o), &w->c[i].d[j].old_id);
			git_oid_tostr(nn, sizeof(nn), &w->c[i].d[j].new_id);
			ng += (size_t)snprintf(got + ng, sizeof(got) - ng,
					       "%s %s %s\n", o, nn,
					       w->c[i].d[j].path);
		}
		/* git's: the YAML files, not hidden, whose content changed */
		snprintf(cmd, sizeof(cmd),
			 "cd '%s' && git diff-tree -r --root --no-renames "
			 "--no-commit-id %s | awk '$3 != $4 { n = $6; "
			 "sub(/.*\\//, \"\", n); if (n ~ /^[^.].*\\.(yaml|yml)$/) "
			 "print ($5 == \"A\" ? \"0000000000000000000000000000000000000000\" : $3), "
			 "($5 == \"D\" ? \"0000000000000000000000000000000000000000\" : $4), $6 }' "
			 "| sort",
			 dir, hex);
		f = popen(cmd, "r");
		ck_assert_ptr_nonnull(f);
		while (fgets(line, sizeof(line), f))
			nw += (size_t)snprintf(want + nw, sizeof(want) - nw, "%s",
					       line);
		ck_assert_int_eq(pclose(f), 0);
		/* ours in git's order of paths, sorted the same way */
		{
			char *lines[64], *save = NULL, *t, sorted[8192] = "";
			size_t nl = 0, q, ns = 0;

			for (t = strtok_r(got, "\n", &save); t && nl < 64;
			     t = strtok_r(NULL, "\n", &save))
				lines[nl++] = t;
			for (q = 1; q < nl; q++) /* insertion sort, as sort(1) in C */
				for (j = q; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
					char *x = lines[j];

					lines[j] = lines[j - 1];
					lines[j - 1] = x;
				}
			for (q = 0; q < nl; q++)
				ns += (size_t)snprintf(sorted + ns, sizeof(sorted) - ns,
						       "%s\n", lines[q]);
			ck_assert_msg(strcmp(sorted, want) == 0,
				      "commit %zu (%s):\nours:\n%s\ngit's:\n%s", i,
				      hex, sorted, want);
		}
	}
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

/* What commits after a base changed, as a later run of a command that
 * keeps records asks it; and the working tree's edits as a key. */
START_TEST(changed_since_a_commit_and_worktree_keys)
{
	char c1[41], c2[41], c3[41];
	const char **v;
	pd_buf b = PD_BUF_INIT;
	pd_store *s;
	size_t n;
	char path[512];

	commit_fixture("profiles/laos.yaml", "demo/laos.2026-03-01.yaml",
		       "laos", c1);
	commit_fixture("profiles/north-korea.yaml",
		       "diff/ratification/before.yaml", "north korea", c2);
	commit_fixture("profiles/north-korea.yaml",
		       "diff/ratification/after.yaml", "accession", c3);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_changed_since(s, c3, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(pd_store_changed_since(s, c2, &v, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0], "profiles/north-korea.yaml");
	ck_assert_int_eq(pd_store_changed_since(s, c1, &v, &n), 0);
	ck_assert_uint_eq(n, 1); /* each path once */
	ck_assert_int_eq(pd_store_changed_since(
				 s, "0123456789012345678901234567890123456789",
				 &v, &n),
			 PD_ENOTFOUND);
	ck_assert_int_eq(pd_store_changed_since(s, "not-an-id", &v, &n),
			 PD_ENOTFOUND);
	/* a clean file is 0; an edited one its bytes' hash */
	ck_assert_uint_eq(pd_store_worktree_key(s, "profiles/laos.yaml"), 0);
	ck_assert_uint_eq(pd_store_worktree_key(s, "profiles/none.yaml"), 0);
	pd_store_free(s);
	put("profiles/laos.yaml", "diff/ratification/before.yaml");
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	snprintf(path, sizeof(path), "%s/profiles/laos.yaml", dir);
	ck_assert_int_eq(pd_file_read(&b, path, 1u << 20), 0);
	ck_assert_uint_eq(pd_store_worktree_key(s, "profiles/laos.yaml"),
			  XXH3_64bits(b.ptr, b.len));
	ck_assert(pd_store_dirty(s, "profiles/laos.yaml"));
	pd_store_free(s);
	pd_buf_free(&b);
}
END_TEST

/* A history git fast-import wrote in `repo`: FI_PROFILES profiles,
 * FI_VERSIONS versions each, committed in turn, each blob a delta
 * against the one written before it, whatever its file (git
 * verify-pack: chains up to 50 deep, so that two versions of a profile,
 * 60 blobs apart, share none). */
#define FI_PROFILES 60
#define FI_VERSIONS 6

static void fast_import_history(const char *repo)
{
	char path[1024], cmd[2048];
	FILE *f;
	int v, k, line;

	snprintf(cmd, sizeof(cmd), "git init -q -b main '%s'", repo);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/stream", repo);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	for (v = 0; v < FI_VERSIONS; v++)
		for (k = 0; k < FI_PROFILES; k++) {
			char text[8192];
			size_t n = 0;

			n += (size_t)snprintf(text, sizeof(text),
					      "country: P%d\nlast_updated: "
					      "2025-01-%02d\nsections: []\n",
					      k, v + 1);
			/* a text they share, a line changed each time: a
			 * delta against the blob before is short, and the
			 * chains run 50 deep */
			for (line = 0; line < 100; line++)
				n += (size_t)snprintf(
					text + n, sizeof(text) - n,
					"# line %d of a text they share, %d\n",
					line, line == (v * 7 + k) % 100 ? v : line);
			fprintf(f,
				"commit refs/heads/main\n"
				"committer A <a@example.org> %d +0000\n"
				"data 1\nx\n",
				1700000000 + v * FI_PROFILES + k);
			fprintf(f,
				"M 100644 inline profiles/p%d.yaml\n"
				"data %zu\n%s\n",
				k, n, text);
		}
	/* and last a profile of one version */
	fprintf(f, "commit refs/heads/main\ncommitter A <a@example.org> %d "
		   "+0000\ndata 1\nx\nM 100644 inline profiles/a-new.yaml\n"
		   "data 14\ncountry: New\n\n",
		1700000000 + FI_VERSIONS * FI_PROFILES);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git fast-import --quiet < stream && rm stream",
		 repo);
	ck_assert_int_eq(system(cmd), 0);
}

/* The blob of the first profile's oldest version read through the
 * store's odb: whether the packs were read for it. */
static bool read_from_packs(pd_store *s)
{
	static const char *const first[] = {"profiles/p0.yaml"};
	char hex[1][41];
	git_oid id;
	git_object_t type;
	pd_buf b = PD_BUF_INIT;
	size_t before = pd_odb_pack_reads(s->odb);

	ck_assert_int_eq(pd_store_blobs_at(s, "main~360", first, 1, hex), 0);
	ck_assert_int_eq(git_oid_fromstr(&id, hex[0]), 0);
	ck_assert_int_eq(pd_odb_read(s->odb, &id, GIT_OBJECT_BLOB, "", &type,
				     &b),
			 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&b), "last_updated: 2025-01-01"));
	pd_buf_free(&b);
	return pd_odb_pack_reads(s->odb) > before;
}

/* Before the first profile is read, a few versions of the first with two
 * at least are read to judge the packs by: those git fast-import wrote,
 * dear to read profile by profile, have every version spilled at once;
 * once repacked by git (each file's versions chained together), they are
 * read as they are. */
START_TEST(versions_dear_to_read_are_spilled_before_the_first_profile)
{
	static const char *const paths[] = {
		"profiles/a-new.yaml", "profiles/p0.yaml", "profiles/p1.yaml",
		"profiles/p2.yaml"};
	char repo[512], cmd[1024];
	pd_store *s;

	snprintf(repo, sizeof(repo), "%s/fast", dir);
	fast_import_history(repo);
	ck_assert_int_eq(pd_store_open(&s, repo), 0);
	ck_assert_uint_eq(pd_odb_pack_reads(s->odb), 0);
	ck_assert_int_eq(pd_store_prefetch(s, NULL, paths, 4), 0);
	/* judged by the newest versions of the first profile that has two
	 * (the first has one): 6 read */
	ck_assert_uint_eq(pd_odb_pack_reads(s->odb), FI_VERSIONS);
	ck_assert(!read_from_packs(s)); /* spilled */
	/* p0's versions read, then forgotten for p1's: they leave the
	 * spill, and read again they come whole from the packs */
	{
		const pd_revision *r;
		size_t nr;

		/* (none is published: they do not parse as profiles; each
		 * version is read, and kept as unparsed) */
		ck_assert_int_eq(pd_store_published(s, "profiles/p0.yaml", &r,
						    &nr),
				 0);
		ck_assert(!read_from_packs(s));
		ck_assert_int_eq(pd_store_published(s, "profiles/p1.yaml", &r,
						    &nr),
				 0);
		ck_assert_int_eq(pd_store_forget_except(s, "profiles/p1.yaml"),
				 0);
		ck_assert(read_from_packs(s));
	}
	pd_store_free(s);

	snprintf(cmd, sizeof(cmd), "git -C '%s' repack -q -a -d -f", repo);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(pd_store_open(&s, repo), 0);
	ck_assert_int_eq(pd_store_prefetch(s, NULL, paths, 4), 0);
	ck_assert_uint_eq(pd_odb_pack_reads(s->odb), FI_VERSIONS);
	ck_assert(read_from_packs(s)); /* not spilled */
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
	tcase_add_test(tc, the_publication_branch_and_blob_ids);
	tcase_add_test(tc, published_revisions_and_revision_arguments);
	tcase_add_test(tc, edit_summaries_of_published_revisions);
	tcase_add_test(tc, forget_all_but_the_next_profile);
	tcase_add_test(tc, commits_refuse_what_they_cannot_do);
	tcase_add_test(tc, versions_read_ahead_are_those_read_in_turn);
	tcase_add_test(tc, the_walk_finds_what_git_diff_tree_finds);
	tcase_add_test(tc, changed_since_a_commit_and_worktree_keys);
	tcase_add_test(tc,
		       versions_dear_to_read_are_spilled_before_the_first_profile);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
