/*
 * pack_read.h: reading objects from a repository's packs with a delta
 * base cache of profdiff's own, in front of libgit2.
 *
 * libgit2 keeps at most 16 MiB of delta bases, and only the bases, never
 * the object asked for. A history read in the order git wrote it finds its
 * bases there; read in another order (every profile's versions in turn, or
 * a history whose packs delta each blob against the one written before it,
 * as git fast-import does, whatever file that was) every blob is rebuilt
 * through its whole delta chain again. This reader keeps every object it
 * inflates, bases and the objects asked for alike, in one cache, least
 * recently used first out, which grows while reads miss their bases in
 * it, so that whichever way the pack chains its deltas, each object is
 * inflated only a few times.
 *
 * Some histories cannot be read per file cheaply in any cache (git
 * fast-import's packs): pack_spill.h keeps their blobs, read once through
 * this reader, in a file of their own.
 *
 * It reads what it understands (pack indexes version 1 and 2, packs
 * version 2 or 3, offset and reference deltas) and checks every length.
 * What no reader should be given it refuses for good, with the reason: an
 * index whose fanout goes down or whose count of objects its size cannot
 * hold (libgit2 1.5 crashes on it), a delta cycle or a chain of more than
 * 4095 deltas (git's most; libgit2 1.5 loops on a cycle, its memory
 * growing), a blob over 16 MiB (the largest profile) or any object over
 * 64 MiB, said by its header before anything is inflated. Anything else
 * it cannot read (a pack cut short, a damaged stream) it leaves to
 * libgit2, which reads it or says why it cannot.
 */
#ifndef PROFDIFF_PACK_READ_H
#define PROFDIFF_PACK_READ_H

#include <stddef.h>

#include "profdiff/buf.h"

typedef struct pd_packs pd_packs;

/* Opens the packs under objects_dir/pack (none is fine) with a cache of
 * cache_least bytes, which grows up to cache_most while reads do not find
 * their delta bases in it. NULL only when out of memory; an index that
 * is refused is left out, and pd_packs_check says why. */
pd_packs *pd_packs_open(const char *objects_dir, size_t cache_least,
			size_t cache_most);

/* The same over the packs of `ndirs` objects directories (a repository's
 * and its alternates), in this order. */
pd_packs *pd_packs_open_dirs(const char *const *dirs, size_t ndirs,
			     size_t cache_least, size_t cache_most);

/* 0 when every index found at opening could be given to a reader;
 * PD_ERROR, recorded with the index's path, for the first that could
 * not (its fanout goes down, its count of objects does not fit its
 * size, it places an object outside its pack). */
int pd_packs_check(const pd_packs *ps);

/* Releases the packs and the cache. NULL: nothing. */
void pd_packs_free(pd_packs *ps);

/* Reads the object `oid` (20 raw bytes) into `out` (emptied first), its
 * type (git's numbers: 1 a commit, 2 a tree, 3 a blob, 4 a tag) into
 * *type: 1 when it did, 0 when the packs do not hold it or it could not
 * be read (the caller asks libgit2), PD_ERROR (recorded, with the
 * pack's path) when it is refused (a delta cycle, a chain too long, too
 * large: the caller must not ask libgit2), PD_ENOMEM. Not safe for
 * concurrent use: a reader belongs to one thread. */
int pd_packs_read(pd_packs *ps, const unsigned char *oid, int *type,
		  pd_buf *out);

/* Reads the blob `oid` (20 raw bytes) into `out` (emptied first): 1 when
 * it did, 0 when the packs do not hold it as a blob or it could not be
 * read (the caller asks libgit2), PD_ERROR or PD_ENOMEM as
 * pd_packs_read. Not safe for concurrent
 * use: a reader belongs to one thread. */
int pd_packs_read_blob(pd_packs *ps, const unsigned char *oid, pd_buf *out);

/* The object whose id begins with the `hexlen` hex digits of `key` (20
 * bytes, zeros past the prefix), into `out` (20 bytes): 1 when the packs
 * hold one, 2 when they hold more than one, 0 when none. */
int pd_packs_find_prefix(const pd_packs *ps, const unsigned char *key,
			 size_t hexlen, unsigned char *out);

/* The number of packs found. */
int pd_packs_count(const pd_packs *ps);

/* Empties the cache and takes it back to its least size (after a spill,
 * which holds what the cache held). */
void pd_packs_cache_reset(pd_packs *ps);

/* Objects inflated since opening, and the cache's size now (for tests
 * and measurements). */
size_t pd_packs_inflated(const pd_packs *ps);
size_t pd_packs_cache_size(const pd_packs *ps);

#endif
