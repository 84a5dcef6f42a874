/*
 * sha1.h: the id of a git object, fast where the processor has the SHA
 * instructions.
 *
 * Checking that a loose object hashes to its id is most of the cost of
 * reading a repository of loose objects: libgit2's SHA-1 (the
 * collision-detecting one) runs at some 350 MB/s. On a processor with the
 * SHA extensions (x86-64 since Goldmont and Zen) the hash runs on them, at
 * several times that; elsewhere libgit2 computes it.
 */
#ifndef PROFDIFF_SHA1_H
#define PROFDIFF_SHA1_H

#include <stdbool.h>
#include <stddef.h>

#include <git2.h>

/* The id of an object of `type` with this content, as git_odb_hash gives
 * it; 0, or -1 with the libgit2 error set. */
int pd_object_id(git_oid *out, const void *data, size_t len,
		 git_object_t type);

/* Whether pd_object_id runs on the processor's SHA instructions. */
bool pd_sha1_accelerated(void);

/* For the tests: the id computed on the SHA instructions, whatever
 * pd_sha1_accelerated says; -1 where they are missing. */
int pd_object_id_accelerated(git_oid *out, const void *data, size_t len,
			     git_object_t type);

#endif
