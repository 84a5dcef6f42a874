/*
 * pack_read.h: reading blobs from a repository's packs with a delta base
 * cache of profdiff's own, in front of libgit2.
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
 * Some histories cannot be read per file cheaply in any cache: git
 * fast-import deltas each blob against the blob it wrote before, whatever
 * the file, so the versions of one profile lie in as many delta chains as
 * it has versions. For them the reader keeps a spill: the caller reads the
 * blobs once in the order the history was written (pd_packs_spill), each
 * from the chain that was just walked, and the reader writes their bytes
 * to an unlinked temporary file; later reads of those blobs, in any order,
 * are one pread. The spill holds at most PD_PACKS_SPILL_MAX bytes.
 *
 * It reads what it understands (pack index version 2, packs version 2 or
 * 3, offset and reference deltas) and checks every length; anything else,
 * or any object it cannot read, it leaves to libgit2, which reads it or
 * reports it.
 */
#ifndef PROFDIFF_PACK_READ_H
#define PROFDIFF_PACK_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/buf.h"

typedef struct pd_packs pd_packs;

/* Opens the packs under objects_dir/pack (none is fine) with a cache of
 * cache_least bytes, which grows up to cache_most while reads do not find
 * their delta bases in it. NULL only when out of memory. */
pd_packs *pd_packs_open(const char *objects_dir, size_t cache_least,
			size_t cache_most);

/* Releases the packs and the cache. NULL: nothing. */
void pd_packs_free(pd_packs *ps);

/* Reads the blob `oid` (20 raw bytes) into `out` (emptied first): 1 when
 * it did, 0 when the packs do not hold it as a blob or it could not be
 * read (the caller asks libgit2), PD_ENOMEM. Not safe for concurrent
 * use: the store reads from one thread. */
int pd_packs_read_blob(pd_packs *ps, const unsigned char *oid, pd_buf *out);

#define PD_PACKS_SPILL_MAX ((size_t)4 << 30)

/* Reads blob `oid` as pd_packs_read_blob does and keeps its bytes in the
 * spill: 1 when it is there (now or before), 0 when the packs do not hold
 * it or the spill is full or cannot be made (nothing is lost: reads go to
 * the packs then), PD_ENOMEM. */
int pd_packs_spill(pd_packs *ps, const unsigned char *oid);

/* pd_packs_spill for each of `n` blobs, in `threads` threads at most
 * (PD_PACKS_SPILL_THREADS at most, and one for 32 blobs at least), each
 * taking a run of consecutive blobs through a reader of its own. Blobs the packs do not hold are left
 * out, as is everything once the spill is full; 0 or PD_ENOMEM. */
#define PD_PACKS_SPILL_THREADS 8
int pd_packs_spill_many(pd_packs *ps, const unsigned char (*oids)[20],
			size_t n, size_t threads);

/* A spilled blob read back into `out`, as pd_packs_read_blob would give
 * it: 1, 0 when it is not spilled, PD_ENOMEM. It changes nothing in `ps`:
 * after pd_packs_spill_done, threads may call it at once. */
int pd_packs_read_spilled(const pd_packs *ps, const unsigned char *oid,
			  pd_buf *out);

/* Whether any pack was found. */
int pd_packs_count(const pd_packs *ps);

/* After spilling: the cache's objects are in the spill, and it goes back to
 * its least size. */
void pd_packs_spill_done(pd_packs *ps);

/* Whether the spill still takes blobs (it is not full, and its file could
 * be made). */
bool pd_packs_spilling(const pd_packs *ps);

/* Objects inflated since opening, and the cache's size now (for tests
 * and measurements). */
size_t pd_packs_inflated(const pd_packs *ps);
size_t pd_packs_cache_size(const pd_packs *ps);

#endif
