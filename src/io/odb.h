/*
 * odb.h: the one way profdiff reads a git object.
 *
 * An object may come from four sources, asked in this order:
 *
 *   1. the spill (pack_spill.h): blobs of a history whose packs read
 *      badly per profile, copied out once;
 *   2. the packs, through profdiff's pack reader (pack_read.h) and its
 *      cache of whole objects;
 *   3. the loose objects, through the guard (odb_guard.h), which checks
 *      every length and the content's id;
 *   4. libgit2, for anything else (packs of a form profdiff does not
 *      read, the alternates' packs) and for the message of an object
 *      that is damaged or missing.
 *
 * pd_odb_read asks them all, on the thread that owns the odb (the pack
 * reader's cache is that thread's). pd_odb_read_shared asks the first and
 * the third, which keep no state, so any thread may call it at once; it
 * says when only the owner can read an object.
 *
 * The pack reader and the guard are also backends of libgit2's object
 * database, in front of its own, so that what libgit2 reads itself
 * (commits, trees, the configuration's blob) comes the same way. For the
 * packs that costs nothing and saves nothing: on the benchmark's history
 * of 200 profiles x 50 revisions, overview 8453 -> 8431 and blame 1896
 * -> 1895 M instructions in the pack git fast-import wrote, overview
 * 4616 -> 4488 and blame 1360 -> 1356 repacked (a commit costs some 25
 * thousand instructions to inflate either way, zlib building its tables),
 * but libgit2's own pack reading is left for what profdiff's reader does
 * not read, and one cache serves every object.
 *
 * Errors from libgit2 are turned into profdiff's here too: pd_git_fail
 * and pd_git_absent are the one adapter of its convention.
 *
 * The readers of git's formats call each other in one order: odb_guard.c
 * and pack_read.c know no other file of io, pack_spill.c reads through
 * pack_read.c, and odb.c sits on the three; the store (store_internal.h)
 * sits on odb.c.
 */
#ifndef PROFDIFF_ODB_H
#define PROFDIFF_ODB_H

#include <git2.h>
#include <stdbool.h>

#include "profdiff/buf.h"

typedef struct pd_odb pd_odb;

/* Sets the error "WHAT: libgit2's message" and returns PD_ERROR. */
int pd_git_fail(const char *what);

/* Whether a libgit2 error only says that something is not there (a path,
 * a revision, a branch with no commit yet), not that something is
 * broken. */
bool pd_git_absent(int err);

/* Sets libgit2's options for how objects are read (the memory its packs
 * and caches take, the order of its backends, no second hash of packed
 * objects): once, after git_libgit2_init() and before any repository is
 * opened. It cannot fail. */
void pd_odb_setup(void);

/* Opens the sources of the objects of `repo`, which must outlive the
 * odb: the objects directory (inside a git hook, the quarantine the
 * environment names, and its alternates), its packs, and the guard in
 * front of libgit2's loose objects. 0, PD_ERROR ("cannot open the object
 * database: ...") or PD_ENOMEM, recorded; free *out with pd_odb_free. */
int pd_odb_open(pd_odb **out, git_repository *repo);

/* Frees the odb (the repository's own object database keeps the guard).
 * NULL: nothing. */
void pd_odb_free(pd_odb *o);

/* The object `id` into `out` (emptied first) and its type into *type,
 * from the first source that holds it as an object of type `want`
 * (GIT_OBJECT_ANY: of any type). 0; PD_ENOMEM; or PD_ERROR, with "WHAT:
 * libgit2's message" recorded, when no source gives it (libgit2's word
 * on a missing, damaged or mistyped object, as git_object_lookup says
 * it). Only on the thread that owns `o`. */
int pd_odb_read(pd_odb *o, const git_oid *id, git_object_t want,
		const char *what, git_object_t *type, pd_buf *out);

/* The object `id` from the spill or the loose objects, for any thread:
 * 1 with `out` and *type set; 0 when only the owner can read it (it is
 * packed or not there, or it is damaged: the owner's pd_odb_read reports
 * it); PD_ENOMEM (not recorded: the caller records it on its thread). */
int pd_odb_read_shared(const pd_odb *o, const git_oid *id, git_object_t *type,
		       pd_buf *out);

/* Whether the blobs pd_odb_read took from the packs cost more than two
 * inflations each so far: a history read in another order than its packs
 * chain their deltas (git fast-import's), for which pd_odb_spill pays. */
bool pd_odb_spill_pays(const pd_odb *o);

/* Reads the `n` blobs `ids` from the packs once, in this order (that of
 * the history, as it was written), on every core, and keeps them in the
 * spill for the reads that follow; then the pack reader's cache goes
 * back to its least. Blobs the packs do not hold, and any once the spill
 * is full, are left where they are. 0 or PD_ENOMEM, recorded. */
int pd_odb_spill(pd_odb *o, const git_oid *ids, size_t n);

/* Blob `id`, read for the last time as far as its reader knows, leaves
 * the spill: a later read of it goes to the packs, and the memory it took
 * there goes back to the system at the next pd_odb_give_back. Nothing
 * when it is not spilled. */
void pd_odb_release(pd_odb *o, const git_oid *id);

/* Gives back to the system the memory of the blobs released so far; any
 * thread may call it while others read. */
void pd_odb_give_back(pd_odb *o);

/* Blobs pd_odb_read took from the packs, and objects the pack reader
 * inflated, since opening (for tests and measurements). */
size_t pd_odb_pack_reads(const pd_odb *o);
size_t pd_odb_pack_inflated(const pd_odb *o);

#endif
