/*
 * pack_history.h: the history the pack suites read (test_pack_read.c,
 * test_pack_spill.c): a repository git fast-import writes, its blob ids,
 * and a check against libgit2. Static helpers, for those suites only.
 */
#ifndef PD_PACK_HISTORY_H
#define PD_PACK_HISTORY_H

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_read.h"
#include "testutil.h"

static char dir[256]; /* the repository */

static inline void sh(const char *fmt, const char *arg)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, arg, arg, arg);
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

/* A repository whose history git fast-import writes: 3 files, 60 versions
 * each, every version a few lines changed, committed in turn, so that
 * the pack deltas each blob against the one written before it. */
static inline void make_history(void)
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
			fprintf(f,
				"commit refs/heads/main\n"
				"committer A <a@example.org> %d +0000\n"
				"data 1\nx\n",
				1700000000 + v * 3 + k);
			fprintf(f, "M 100644 inline f%d.txt\ndata %zu\n%s\n", k,
				n, text);
		}
	fclose(f);
	sh("cd '%s' && git fast-import --quiet < stream && rm stream", dir);
}

static inline void teardown(void)
{
	sh("rm -rf '%s'", dir);
}

/* The blob ids of the repository, in the order `git rev-list` gives (the
 * newest history first), NULL-terminated. */
static inline char **blob_ids(size_t *n)
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

/* `b` holds blob `hex` as libgit2 reads it. */
static inline void assert_is_blob(git_repository *repo, const char *hex,
				  const pd_buf *b)
{
	git_oid id;
	git_blob *blob;

	ck_assert_int_eq(git_oid_fromstr(&id, hex), 0);
	ck_assert_int_eq(git_blob_lookup(&blob, repo, &id), 0);
	ck_assert_uint_eq(b->len, (size_t)git_blob_rawsize(blob));
	ck_assert(memcmp(b->ptr, git_blob_rawcontent(blob), b->len) == 0);
	git_blob_free(blob);
}

/* The pack reader gives blob `hex` as libgit2 does. */
static inline void assert_reads_as_libgit2(pd_packs *ps, git_repository *repo,
					   const char *hex, pd_buf *b)
{
	git_oid id;

	ck_assert_int_eq(git_oid_fromstr(&id, hex), 0);
	ck_assert_int_eq(pd_packs_read_blob(ps, id.id, b), 1);
	assert_is_blob(repo, hex, b);
}

static inline void free_ids(char **ids)
{
	size_t i;

	for (i = 0; ids[i]; i++)
		free(ids[i]);
	free(ids);
}

#endif
