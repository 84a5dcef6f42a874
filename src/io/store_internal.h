/*
 * store_internal.h: what the parts of the git store share: the store
 * itself, its parse cache and history walks, and the helpers every part
 * calls.
 *
 * The parts, each calling only those before it (and odb.h, config.h,
 * yaml.h and fileio.h below them all):
 *
 *   store.c            the repository, its configuration, its index,
 *                      the parse cache, the list of profiles, what the
 *                      hooks ask of the repository
 *   store_walk.c       the first-parent walk of a tip, with the files
 *                      each commit changed
 *   store_readahead.c  a profile's versions read and parsed on every
 *                      core into the parse cache
 *   store_history.c    the published revisions of a profile, and the
 *                      spill of a history dear to read
 *   store_load.c       a profile at a revision, staged or in the working
 *                      tree
 *   store_changes.c    the profiles two sides of the repository differ
 *                      in, and where histories fork
 *   store_commit.c     commits and new repositories
 *   store_publish.c    the publication branch, a file or blob id at a
 *                      revision, the working tree's blob ids (the gates)
 */
#ifndef PROFDIFF_STORE_INTERNAL_H
#define PROFDIFF_STORE_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "odb.h"
#include "profdiff/buf.h"
#include "profdiff/store.h"
#include "table.h"

/* The parse cache: a blob's profile by the blob's id. */
typedef struct cached {
	git_oid id;
	pd_profile *p; /* NULL when the blob did not parse */
} cached;

static inline const git_oid *cached_id(const cached *c)
{
	return &c->id;
}

/* an object id's bytes are a hash already */
static inline uint64_t oid_hash(const git_oid *id)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

PD_TABLE(cache_table, cached, const git_oid *, cached_id, oid_hash,
	 git_oid_equal)

typedef struct history {
	const char *tip;
	const char *path;
	pd_revision *revs;
	size_t n;
} history;

/* A first-parent walk from a tip, newest first: each commit with the YAML
 * files it changed against its first parent (all of them for a root).
 * Built once per tip, so the histories of all profiles cost one walk. */
typedef struct walk_delta {
	const char *path;
	git_oid old_id; /* zero: added by the commit */
	git_oid new_id; /* zero: deleted by the commit */
} walk_delta;

typedef struct walk_commit {
	git_oid id;
	git_oid tree;
	const char *subject; /* its message's first line, trimmed */
	bool merge;          /* it has more than one parent */
	walk_delta *d;
	size_t nd;
} walk_commit;

typedef struct walk {
	const char *tip;
	walk_commit *c;
	size_t n;
} walk;

struct pd_store {
	git_repository *repo;
	pd_arena *arena;
	pd_config *config;
	char *workdir;
	cache_table cache;
	history *hist;
	size_t nhist, caphist;
	walk *walks;
	size_t nwalks, capwalks;
	pd_profile **loose; /* parsed outside the cache: worktree files */
	size_t nloose, caploose;
	const char **profiles;
	size_t nprofiles;
	pd_odb *odb;            /* every object is read through it */
	pd_buf blob;            /* a blob read by it */
	bool facts_only;        /* pd_store_facts_only */
	uint64_t config_key;    /* pd_store_config_key */
	pd_arena **walk_arenas; /* the deltas the walk's other threads found */
	size_t nwalk_arenas, capwalk_arenas;
	/* a shallow clone: the commits whose parents git did not fetch
	 * (its shallow file), sorted; where a walk stopped at one */
	git_oid *shallow;
	size_t nshallow;
	bool shallow_stopped;
	git_oid shallow_stop;
	/* the bytes of profile blobs read so far, and the most it reads
	 * (git config profdiff.maxReadBytes, PD_STORE_MAX_READ): a history
	 * or a push that asks for more is refused, never read on */
	uint64_t read_bytes, read_budget;
	bool read_out; /* a blob was refused: no more are read */
};

/* The default of profdiff.maxReadBytes: 2 GiB of profile blobs, some ten
 * times the benchmark's history of 200 profiles x 50 revisions. */
#define PD_STORE_MAX_READ ((uint64_t)2 << 30)

/* store.c --------------------------------------------------------------- */

/* Counts `len` more bytes of profile blobs read, as the blob `label`
 * ("commit:path"): 0, or PD_ERROR recorded when they take the store past
 * its budget (then nothing is counted, and every later charge is refused
 * too, so that no more is read). */
int pd_store_charge(pd_store *s, size_t len, const char *label);

/* The store's repository opened again, for another thread (libgit2's
 * objects are not shared between threads); pd_odb_open reads its objects
 * as the store's own are read. */
int pd_store_open_again(pd_store *s, git_repository **out);

/* What a message about a revision not found adds in a shallow clone. */
#define PD_SHALLOW_HINT                                                      \
	"; this is a shallow clone, which may not hold it: git fetch "      \
	"--unshallow fetches the rest of the history"

/* Whether `id` is a commit whose parents a shallow clone lacks. */
bool pd_store_is_shallow_commit(const pd_store *s, const git_oid *id);

/* The commit a revision argument names (a git revision, HEAD by default). */
int pd_store_resolve(pd_store *s, const char *rev, git_oid *out);

/* The repository's index, read anew: $GIT_INDEX_FILE's inside a hook. */
int pd_store_open_index(pd_store *s, git_index **out);

/* The blob of `path` at HEAD, or NULL (the caller frees it). */
git_blob *pd_store_head_blob(pd_store *s, const char *path);

/* "Name <email>", and a commit message's first line, in the store's
 * arena. */
const char *pd_store_signature_str(pd_store *s, const git_signature *sig);
const char *pd_store_first_line(pd_store *s, const char *msg);

/* Whether a file name is a profile's (*.yaml, *.yml). */
bool pd_store_yaml_name(const char *name);

/* The profile in blob `id` (named `label` in messages), parsed once and
 * kept in the store's cache, which owns it. Returns 0, PD_EINVALID for a
 * blob that is not a valid profile, or another error. */
int pd_store_parse_blob(pd_store *s, const git_oid *id, const char *label,
			const pd_profile **out);

/* The profile in blob `id`, read and parsed anew into *out, which the
 * caller owns (NULL on failure). Returns 0, PD_EINVALID for a blob that
 * is not a valid profile, or another error. */
int pd_store_read_profile(pd_store *s, const git_oid *id, const char *label,
			  pd_profile **out);

/* Whether the parse cache holds `id`; puts `p` (owned, NULL for a blob
 * that does not parse) there for `id`, freeing it when `id` is there
 * already. */
bool pd_store_cached(pd_store *s, const git_oid *id);
int pd_store_cache_put(pd_store *s, const git_oid *id, pd_profile *p);

/* store_walk.c ---------------------------------------------------------- */

/* The first-parent walk from `tip`, with the YAML files each commit
 * changed, built on first use. A tip that names no commit (an unborn
 * branch) has an empty walk. */
int pd_store_walk(pd_store *s, const char *tip, const walk **out);

/* store_readahead.c ----------------------------------------------------- */

/* Reads and parses the blobs `ids` on every core into the cache, where
 * pd_store_parse_blob finds them. Blobs that are damaged or do not parse
 * are left to be read one at a time, and reported then; only running out
 * of memory fails. */
int pd_store_read_ahead(pd_store *s, const git_oid *ids, size_t n);

#endif
