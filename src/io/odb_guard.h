/*
 * odb_guard.h: reading loose objects without hanging on a damaged one.
 *
 * libgit2 up to 1.9 loops forever inflating a truncated loose object (a
 * crash or a full disk while git wrote it); this backend, put in front of
 * libgit2's own, reads loose objects with every length checked and reports
 * such an object as corrupt. It also checks that a loose object's content
 * hashes to its id, so libgit2's own check can be left off for the packs.
 */
#ifndef PROFDIFF_ODB_GUARD_H
#define PROFDIFF_ODB_GUARD_H

#include <git2.h>

/* above libgit2's loose backend (1), below the packs: store.c raises
 * theirs above it, as most objects are packed */
#define PD_ODB_GUARD_PRIORITY 3

/* Adds the guard for the loose objects under `objects_dir` to `odb`; 0, or
 * -1 with the libgit2 error set. */
int pd_odb_guard(git_odb *odb, const char *objects_dir);

/* The loose object `id` under `objects_dir`, read with the same checks
 * and no libgit2 object: any thread may call it. *data is malloc'd and
 * NUL-terminated; 0, GIT_ENOTFOUND when the object is not loose there, or
 * -1 with libgit2's (thread's) error set when it is damaged. */
int pd_loose_read(const char *objects_dir, const git_oid *id,
		  git_object_t *type, unsigned char **data, size_t *len);

/* The id of an object of `type` with this content, as git_odb_hash gives
 * it (the SHA-1 of "<type> <size>\0" and the content), on libcrypto's
 * SHA-1: three times libgit2's own. Any thread may call it. 0, or -1
 * with libgit2's (thread's) error set. */
int pd_odb_hash(git_oid *out, const void *data, size_t len,
		git_object_t type);

#endif
