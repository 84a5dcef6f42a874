/*
 * app_site_cache.h: what a run of `site` keeps for the next, in
 * .profdiff-site-cache (app_site_cache.c says what and why): a record of
 * each profile, read and written whole.
 */
#ifndef PROFDIFF_APP_SITE_CACHE_H
#define PROFDIFF_APP_SITE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"
#include "profdiff/buf.h"
#include "profdiff/overview.h"
#include "profdiff/render.h"

typedef struct cached {
	uint64_t key;
	const char *dsum; /* NULL: no diff (the oldest revision) */
	const pd_sealed_entry *html, *atom;
} cached;

/* A revision of a record: its cached parts and its changelog entry
 * (without diff; `sealed` is html's). */
typedef struct rrev {
	cached c;
	pd_changelog_entry e;
} rrev;

typedef struct record {
	const char *path;
	char base[41];  /* HEAD when it was made */
	uint64_t wt;    /* pd_store_worktree_key then */
	uint64_t pk;    /* profile_key */
	pd_date today;  /* the day its row was linted */
	bool has_row, has_latest;
	pd_overview_row row;
	pd_overview_latest latest;
	rrev *revs;     /* newest first */
	size_t nrevs;
} record;

/* The cache: the last run's records as read, this run's to write. */
typedef struct site_cache {
	pd_arena *arena;  /* what is read lives there (the site's) */
	pd_buf buf;       /* the file read: the bodies point into it */
	record *old;      /* the last run's records, sorted by path */
	size_t nold;
	uint64_t old_key; /* the last run's key; 0: none */
	uint64_t old_sum; /* the checksum of the file read, which the
			   * manifest it goes with names; 0: none */
	cached *cold;     /* their revisions, sorted by key */
	size_t ncold;
	record *recs;     /* this run's, to be written */
	size_t nrecs, caprecs;
	bool changed;     /* this run's differ from the last's */
} site_cache;

/* qsort and bsearch orders: revisions by key, records by path. */
int pd_site_cache_by_key(const void *a, const void *b);
int pd_site_cache_by_path(const void *a, const void *b);

/* Reads DIR/.profdiff-site-cache into c (c->arena set); none, or one not
 * to be trusted, leaves c empty and is no error. 0 or a negative code. */
int pd_site_cache_read(site_cache *c, const char *dir);

/* Writes DIR/.profdiff-site-cache for c->recs under the run's `key`, as
 * it is encoded (never held whole), replaced whole but not flushed to
 * disk: one lost or torn in a crash fails its checksum and is ignored,
 * which only makes the next run read every history. Made while other
 * work goes on, before the manifest that names it by *sum, its hash. 1
 * when it is what was read (nothing written), 0, or a negative code. */
int pd_site_cache_write(site_cache *c, uint64_t key, const char *dir,
			uint64_t *sum);

#endif
