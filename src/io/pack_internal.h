/*
 * pack_internal.h: what the pack reader's parts share (pack_read.c: the
 * packs, the cache and the objects; pack_spill.c: the spill). Internal to
 * them.
 */
#ifndef PROFDIFF_PACK_INTERNAL_H
#define PROFDIFF_PACK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pack_read.h"

typedef struct pack {
	const unsigned char *idx; /* mapped */
	size_t idx_len;
	int fd;                    /* the pack, read with pread: mapped, a
				    * long history's pack would count in the
				    * resident memory */
	uint64_t len;
	uint64_t *starts;          /* every object's offset, ascending: where
				    * one ends */
	uint32_t n;
	const unsigned char *sha, *off32, *off64;
	size_t n64;
} pack;

typedef struct entry {
	size_t pack;
	uint64_t off;
	int type;
	unsigned char *data;
	size_t len;
	struct entry *prev, *next; /* recency: head is the newest */
	struct entry *hnext;       /* the hash bucket */
} entry;

typedef struct spilled {
	unsigned char oid[20];
	uint64_t off;
	size_t len;
} spilled;

struct pd_packs {
	pack *p;
	size_t n;
	entry **buckets;
	size_t nbuckets;           /* a power of two */
	size_t nentries;
	entry *head, *tail;
	size_t used, budget, least, most;
	size_t inflated;
	size_t reads, window_inflated; /* of the reads since the last look */
	unsigned char *in;         /* an object's stream, read */
	size_t in_cap;
	/* the spill: blobs' bytes in an unlinked file, found by oid */
	FILE *spill;
	bool spill_failed;
	bool spill_dirty;          /* written since the last flush */
	spilled *sp;               /* open addressing; oid all zero: empty */
	size_t nsp, capsp;
	uint64_t spill_end;
	char *objects_dir;         /* for the readers of pd_packs_spill_many */
};

/* Empties the cache of whole objects. */
void packs_cache_empty(pd_packs *ps);

/* A spilled blob into out: 1, 0 when it is not spilled or cannot be read
 * back, PD_ENOMEM (pack_spill.c). */
int packs_spill_read(pd_packs *ps, const unsigned char *oid, pd_buf *out);

#endif
