/*
 * testutil.h: helpers shared by the Check suites.
 */
#ifndef PD_TESTUTIL_H
#define PD_TESTUTIL_H

#include <check.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"

/* Reads a file under tests/fixtures (a path relative to it) into a new
 * buffer; the test fails when it cannot. */
pd_buf tu_fixture(const char *rel);

/* Lists the names in a fixtures directory ending with `suffix`, sorted;
 * NULL-terminated, free with tu_free_list. */
char **tu_list(const char *reldir, const char *suffix);
void tu_free_list(char **list);

/* Parses YAML text; fails the test with the reader's message on error. */
pd_profile *tu_read_yaml(const char *data, size_t len, const char *name);

/* Every sentence of the three real pages (tests/fixtures/pages), markers
 * included, in reading order: NULL-terminated, free with tu_free_list. */
char **tu_page_sentences(void);

/* A copy of `in` with one to three edits of the kinds an editor makes: a
 * word dropped, added, replaced or capitalised, two words swapped, a
 * number changed, a space doubled or dropped, a quote straightened or
 * curled. Deterministic in *seed, which it advances. Free with free(). */
char *tu_edit(const char *in, uint64_t *seed);

/* A new profiles repository (pd_store_init) in a temporary directory,
 * whose path goes to `dir` (64 bytes at least). */
void tu_repo_new(char *dir, size_t size);

/* Copies the file `src` (a path under tests/fixtures, or an absolute one)
 * to dir/rel and commits it there with pd_store_commit; the commit's id
 * goes to `hex` unless it is NULL. */
void tu_repo_commit(const char *dir, const char *rel, const char *src,
		    const char *msg, char *hex);

/* Removes the repository. */
void tu_repo_free(const char *dir);

/* A demo history in a new repository: cambodia, laos and north-korea as
 * bundled, then the revisions of tests/fixtures/demo (north-korea's
 * 2026-02-10 twice, the second a typo fix under the same date, then
 * cambodia's 2026-02-15 and laos's 2026-03-01): seven commits, six
 * published revisions. */
void tu_repo_demo(char *dir, size_t size);

/* Runs a suite and returns the process exit status. */
int tu_run(Suite *s);

#endif
