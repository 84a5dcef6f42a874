/*
 * pack_spill.h: blobs of the packs kept in a file of their own, for
 * histories no cache reads cheaply.
 *
 * git fast-import deltas each blob against the blob it wrote before,
 * whatever the file, so the versions of one profile lie in as many delta
 * chains as it has versions: read per profile, every version costs a
 * chain. The spill is read once, in the order the history was written,
 * each blob from the chain that was just walked (pack_read.h's cache
 * holds it), and keeps their bytes in unlinked temporary files (one a
 * thread that spills, so that none waits for another's writes); later
 * reads of those blobs, in any order and on any thread, are one pread.
 * It holds at most PD_SPILL_MAX bytes. It sits on the pack reader and
 * knows nothing else: odb.h decides when it pays and asks it first.
 */
#ifndef PROFDIFF_PACK_SPILL_H
#define PROFDIFF_PACK_SPILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pack_read.h"
#include "profdiff/buf.h"

#define PD_SPILL_MAX ((size_t)4 << 30)
/* the most threads pd_spill_add_many reads on */
#define PD_SPILL_THREADS 8

typedef struct pd_spill pd_spill;

/* An empty spill for the packs under `objects_dir`, whose other threads
 * read through readers of their own with caches of `cache` bytes. The
 * files are made when the first blobs come. NULL when out of memory. */
pd_spill *pd_spill_new(const char *objects_dir, size_t cache);

/* The same for the packs of `ndirs` objects directories (a repository's
 * and its alternates), copied. */
pd_spill *pd_spill_new_dirs(const char *const *dirs, size_t ndirs,
			    size_t cache);

/* Closes the file and frees the spill. NULL: nothing. */
void pd_spill_free(pd_spill *sp);

/* Reads blob `oid` (20 raw bytes) through `ps` and keeps its bytes: 1
 * when it is in the spill (now or before), 0 when the packs do not hold
 * it as a blob or the spill is full or cannot be made (nothing is lost:
 * reads go to the packs then), PD_ENOMEM. */
int pd_spill_add(pd_spill *sp, pd_packs *ps, const unsigned char *oid);

/* pd_spill_add for each of `n` blobs, on `threads` threads at most
 * (PD_SPILL_THREADS at most, and one for 32 blobs at least), each taking
 * a run of consecutive blobs; this thread reads through `ps`, the others
 * through readers of their own. Blobs the packs do not hold are left
 * out, as is everything once the spill is full; 0 or PD_ENOMEM. */
int pd_spill_add_many(pd_spill *sp, pd_packs *ps,
		      const unsigned char (*oids)[20], size_t n,
		      size_t threads);

/* Writes what the spill holds through to its file, so that other threads
 * may read it. False when it cannot: the blobs added since the last
 * flush then stay unreadable (reads go to the packs). */
bool pd_spill_flush(pd_spill *sp);

/* A spilled blob read back into `out` (emptied first), as the packs
 * would give it: 1, 0 when it is not spilled or was added after the last
 * flush, PD_ENOMEM. It changes nothing: threads may call it at once. */
int pd_spill_read(const pd_spill *sp, const unsigned char *oid, pd_buf *out);

/* Blob `oid` leaves the spill, once its reader is done with it: later
 * reads of it go to the packs (pd_spill_read returns 0), one under way
 * when it goes included. The pages it alone takes in the file are given
 * back to the system by the next pd_spill_give_back, so that only the
 * reads still to come fill memory, not every blob the spill took. */
void pd_spill_release(pd_spill *sp, const unsigned char *oid);

/* Gives back to the system the pages of the blobs released so far (a
 * hole punched in the file for each, some microseconds of the file
 * system's time): on a thread of the caller's choosing, while others
 * read the spill. */
void pd_spill_give_back(pd_spill *sp);

/* The bytes the file takes on its file system now (for tests and
 * measurements). */
uint64_t pd_spill_held(const pd_spill *sp);

/* The number of blobs spilled. */
size_t pd_spill_count(const pd_spill *sp);

/* Whether the spill still takes blobs (it is not full, and its file could
 * be made). */
bool pd_spill_spilling(const pd_spill *sp);

#endif
