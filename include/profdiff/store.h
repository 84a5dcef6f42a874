/*
 * store.h: profiles in a git repository (docs/DESIGN.md, section 8), through
 * libgit2 and profdiff's own readers of git's packs and loose objects:
 * discovery, published revisions, revision arguments, and atomic
 * commits.
 */
#ifndef PROFDIFF_STORE_H
#define PROFDIFF_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/config.h"
#include "profdiff/profile.h"

typedef struct pd_store pd_store;

/* Opens the repository holding `path` (a directory; searched upwards as
 * git does; bare repositories too) and reads its .profdiff.yaml (from the
 * working tree, or from HEAD in a bare repository). Returns 0,
 * PD_ENOTFOUND when there is no repository, or another negative code, the
 * error recorded. The caller frees *out with pd_store_free(). */
int pd_store_open(pd_store **out, const char *path);
void pd_store_free(pd_store *s);

/* As pd_store_open, but with the default configuration, whatever
 * .profdiff.yaml says: for the server, whose configuration is its own
 * (pd_store_use_config) and never a pushed file's. */
int pd_store_open_unconfigured(pd_store **out, const char *path);

/* Replaces the store's configuration with `c`, which the store then owns;
 * what was read with the old one is forgotten (pd_store_forget). Call it
 * before reading profiles. */
void pd_store_use_config(pd_store *s, pd_config *c);

/* What the store's settings were read from, as a key that changes when
 * they do: 0 for the defaults, the XXH3 hash of .profdiff.yaml's bytes,
 * UINT64_MAX for settings given by pd_store_use_config. */
uint64_t pd_store_config_key(const pd_store *s);

/* The publication branch (docs/DESIGN.md, section 8), as a full reference
 * name in `out` (size bytes): the branch .profdiff.yaml's `publish:`
 * names, else the current branch when it has an upstream, else main,
 * else master; and of that branch its upstream when it has one (what the
 * server holds is what is published), else the branch itself. "" when
 * there is none (a repository without commits). Returns 0, or a negative
 * code for a repository that cannot be read. */
int pd_store_publication(pd_store *s, char *out, size_t size);

/* Is `ref` ("refs/heads/main") the branch checked out? */
bool pd_store_on_branch(pd_store *s, const char *ref);

/* The blob ids of the n `paths` in the tree of `rev`, in hex[i]; "" for
 * a path that is not there (or NULL), all "" when `rev` is not. One
 * lookup of the tree for them all. */
int pd_store_blobs_at(pd_store *s, const char *rev, const char *const *paths,
		      size_t n, char (*hex)[41]);

/* The bytes of the file `path` in the tree of `rev` (a git revision), at
 * most `max` bytes, into `out`; its blob id to `hex` when not NULL.
 * PD_ENOTFOUND (recorded) when `rev` or the file is not there;
 * PD_EINVALID when the file is larger than `max`. */
int pd_store_file_at(pd_store *s, const char *rev, const char *path,
		     size_t max, pd_buf *out, char hex[41]);

/* The blob id of `path` in the tree of `rev`, in `hex`; PD_ENOTFOUND
 * (recorded) when it is not there. */
int pd_store_blob_at(pd_store *s, const char *rev, const char *path,
		     char hex[41]);

/* The blob id git gives `len` bytes of `data`, in `hex`: whether a file
 * holds what a commit holds, without reading the commit's. */
void pd_store_hash_blob(const char *data, size_t len, char hex[41]);

/* The blob id of the working tree's file `path`: the index's, when the
 * file's size and time are those the index recorded (as git status
 * trusts them), else its bytes hashed. PD_ENOTFOUND when it is not
 * there. */
int pd_store_worktree_blob(pd_store *s, const char *path, char hex[41]);

/* The value of `name` in git's configuration of the repository (its own
 * file, the user's and the system's), in `out`. PD_ENOTFOUND (recorded)
 * when it is not set. */
int pd_store_git_config(pd_store *s, const char *name, char *out,
			size_t size);

bool pd_store_bare(const pd_store *s);

/* Whether the repository is a shallow clone, and when a history read so
 * far stopped at its boundary, the commit there (abbreviated, into
 * `hex`, of `size` bytes; "" when none stopped). */
bool pd_store_shallow(const pd_store *s, char *hex, size_t size);
/* The working tree with a trailing '/', or NULL in a bare repository. */
const char *pd_store_workdir(const pd_store *s);
const pd_config *pd_store_config(const pd_store *s);

/* One revision of a profile. Strings belong to the store. */
typedef struct pd_revision {
	char commit[41];        /* hex id; "" for staged and worktree */
	const char *path;       /* the profile's path in that commit */
	const char *author;     /* "Name <email>" */
	int64_t time;           /* commit time, seconds since the epoch */
	const char *summary;    /* the commit message's first line */
	/* The edit summary of a published revision (pd_store_published):
	 * the first lines of the messages of its commits, every commit that
	 * touched the profile since the previous published revision, oldest
	 * first, each line once, blank ones left out. NULL and 0 for other
	 * revisions. */
	const char *const *messages;
	size_t nmessages;
	pd_date last_updated;
	const pd_profile *profile; /* parsed once, cached by blob id */
} pd_revision;

/* The repository path of a profile named on the command line: a path (to
 * the working tree's file, relative to the current directory) or a name
 * ("laos", "laos.yaml") in the profiles directory. */
int pd_store_profile_path(pd_store *s, const char *arg, char **out);

/* The profiles of the profiles directory at HEAD (and, in a working tree,
 * those not yet committed), sorted. The list and strings belong to the
 * store. */
int pd_store_profiles(pd_store *s, const char ***out, size_t *n);

/* The published revisions of a profile: its first-parent history from
 * HEAD, one revision per distinct last_updated, each represented by the
 * newest commit carrying it (later fixes under the same date belong to
 * it); newest first. Renames are followed. The array belongs to the
 * store. A profile with no history gives 0 revisions. */
int pd_store_published(pd_store *s, const char *path, const pd_revision **out,
		       size_t *n);

/* The same, for the history of `tip` (a git revision) instead of HEAD. */
int pd_store_published_at(pd_store *s, const char *tip, const char *path,
			  const pd_revision **out, size_t *n);

/* The profiles of the profiles directory in `tip`'s tree. */
int pd_store_profiles_at(pd_store *s, const char *tip, const char ***out,
			 size_t *n);

/* The paths of the profiles staged in the index with changes against
 * HEAD (added or modified; deletions are not profiles). */
int pd_store_staged(pd_store *s, const char ***out, size_t *n);

/* The commit a git revision names ("HEAD", "main~2", a tag, a hash), as a
 * hex id. PD_ENOTFOUND, recorded, when it names none. */
int pd_store_commit_id(pd_store *s, const char *rev, char hex[41]);

/* Where the histories of commits `a` and `b` (hex ids) fork, as git
 * merge-base finds it. PD_ENOTFOUND when they have no common ancestor. */
int pd_store_merge_base(pd_store *s, const char *a, const char *b,
			char hex[41]);

/* Where commit `hex`, not yet on any branch (a pushed new branch), forks
 * from the branches there are: the newest of its merge bases with them,
 * as a hex id; "" when it shares no history with any. */
int pd_store_fork_point(pd_store *s, const char *hex, char out[41]);

/* A profile an update touches. */
typedef enum pd_file_status {
	PD_FILE_ADDED,
	PD_FILE_DELETED,
	PD_FILE_MODIFIED,
	PD_FILE_RENAMED
} pd_file_status;

typedef struct pd_file_change {
	pd_file_status status;
	const char *old_path; /* in the base; NULL when added */
	const char *new_path; /* in the head; NULL when deleted */
} pd_file_change;

/* The profiles (files of the profiles directory) that differ between
 * commit `base` (a hex id; NULL or "": the empty tree) and `head`: a hex
 * id, "staged" (the index) or "worktree" (the working tree, untracked
 * profiles included), in path order. Renames are found as git finds them.
 * The array and strings belong to the store. */
int pd_store_changes(pd_store *s, const char *base, const char *head,
		     pd_file_change **out, size_t *n);

/* Does the repository hold commit `hex`? */
bool pd_store_has_commit(pd_store *s, const char *hex);

/* Is commit `hex` reachable from `from_hex` (an ancestor or the same)? */
bool pd_store_reachable(pd_store *s, const char *hex, const char *from_hex);

/* Where hooks go: core.hooksPath, else the repository's hooks/. */
int pd_store_hooks_dir(pd_store *s, char *out, size_t size);

/* Sets a value in the repository's own configuration. */
int pd_store_config_set(pd_store *s, const char *name, const char *value);

/* Removes a value from the repository's own configuration; a value that
 * is not set is no error. */
int pd_store_config_unset(pd_store *s, const char *name);

/* The profile at a revision: "YYYY-MM-DD" (a published revision), any git
 * revision ("HEAD~2", a hash, a branch), "staged" (the index) or
 * "worktree" (the file on disk). The revision belongs to the store.
 * PD_ENOTFOUND when the profile is not there. */
int pd_store_load(pd_store *s, const char *path, const char *rev,
		  pd_revision *out);

/* Has the working tree's file uncommitted edits (against HEAD)? */
bool pd_store_dirty(pd_store *s, const char *path);

/* The working tree's edits of `path` as a key: 0 when the file is as
 * HEAD has it (or there is no working tree, or no file), else the XXH3
 * hash of its bytes. Cheaper than pd_store_dirty: HEAD's blob is not
 * read, its id is compared with the file's. */
uint64_t pd_store_worktree_key(pd_store *s, const char *path);

/* The paths that the first-parent history of HEAD changed after commit
 * `base` (a hex id), into *out (n of them, sorted, each once; the list
 * and strings belong to the store): what a commit added, deleted or
 * modified, on both sides of a rename. None when base is HEAD. Returns
 * PD_ENOTFOUND, recorded, when base is not in that history (history
 * rewritten, or another branch). */
int pd_store_changed_since(pd_store *s, const char *base, const char ***out,
			   size_t *n);

typedef struct pd_commit_options {
	unsigned version;
	const char *message;
	const char *author;   /* "Name <email>", or NULL: the repository's */
	unsigned retries;     /* 0: 8 */
} pd_commit_options;

#define PD_COMMIT_OPTIONS_VERSION 1
#define PD_COMMIT_OPTIONS_INIT {PD_COMMIT_OPTIONS_VERSION, NULL, NULL, 0}

/* For a caller reading the history of many profiles one after another,
 * before it begins (or after the first profile): when the versions read
 * so far cost more than two inflations each (with none read yet, the
 * newest few of the first profile's with two at least are read to judge
 * by), reads every version of the `n` profiles of `paths` (as
 * pd_store_profiles names them; NULL: every profile) from `tip` (NULL:
 * HEAD) once, newest first as the history was written, and keeps their
 * bytes in temporary files for the reads that follow (pack_read.h's
 * spill). Packs written by git fast-import, which delta each blob against
 * the one written before, then cost one inflation a version instead of one
 * a delta of its chain; packs that read well as they are, and
 * repositories without packs, are left alone. Returns 0 or an error; a
 * spill that cannot be made is no error. */
int pd_store_prefetch(pd_store *s, const char *tip, const char *const *paths,
		      size_t n);

/* With `on`, the revisions read from the history hold their facts only
 * (pd_read_options.facts_only: no sections, no footnotes), for a caller
 * that follows treaty and law statuses through a long history at a
 * fraction of the cost. What was read before is forgotten. The working
 * tree is read whole either way. */
void pd_store_facts_only(pd_store *s, bool on);

/* Are the revisions read from the history their facts only? */
bool pd_store_reads_facts_only(const pd_store *s);

/* The profile of revision `r` (from pd_store_published) read anew and
 * whole, whatever pd_store_facts_only says; the caller frees *out. */
int pd_store_revision_profile(pd_store *s, const pd_revision *r,
			      pd_profile **out);

/* Frees every parsed revision the store holds and forgets the published
 * revisions computed so far (what pd_store_published and pd_store_load
 * gave is invalid after); the walks of the history stay. A caller going
 * through many profiles calls it after each to keep memory flat. */
void pd_store_forget(pd_store *s);

/* As pd_store_forget, but the published revisions of `path` (from
 * pd_store_published) stay valid: a caller can read the next profile's
 * revisions while it still works on the last one's, then forget the last
 * one. The versions forgotten are taken to be read for good: what the
 * store kept of their blobs to read them fast goes too (a later read of
 * one costs what reading it from the packs does). Returns 0 or PD_ENOMEM
 * (everything is then forgotten). */
int pd_store_forget_except(pd_store *s, const char *path);

/* Gives back to the system the memory of what pd_store_forget_except
 * dropped of the store's fast copies of blobs, which it would otherwise
 * do at its next call: any thread may call it while another reads the
 * store, so that a caller reading ahead does it off its main thread. */
void pd_store_give_back(pd_store *s);

/* Commits the working tree's `paths` (relative to the working tree) on the
 * branch HEAD names: a tree is built from the branch tip plus these files,
 * a commit on the tip, and the branch moves by compare-and-swap on the tip
 * it was built from. A concurrent writer that moved the branch first makes
 * the swap fail; the commit is then rebuilt on the new tip, up to
 * `retries` times, so no writer's commit is ever lost. The working tree is
 * never touched; the index is updated for the paths. *out_hex receives the
 * commit. PD_ECONFLICT when the branch kept moving or stayed locked; 1 when
 * the commit landed but the index could not be updated (locked), with the
 * reason recorded as the last error. */
int pd_store_commit(pd_store *s, const char **paths, size_t n,
		    const pd_commit_options *opts, char out_hex[41]);

/* Creates a profiles repository in `dir` (made if missing): git
 * repository, profiles/, .profdiff.yaml and .gitattributes with the
 * profdiff diff driver. An existing repository is kept; existing files are
 * not overwritten. */
int pd_store_init(const char *dir);

#endif
