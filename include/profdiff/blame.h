/*
 * blame.h: where each claim comes from (docs/DESIGN.md, section 9). A
 * profile's published revisions, oldest first, are aligned one after
 * another by the semantic diff (pd_diff.links): a claim keeps its lineage
 * through rewordings, moves, splits, merges, renumbered footnotes and
 * re-wrapped lines, so each claim of the newest revision gets the revision
 * that introduced it and the last one that changed it in substance.
 */
#ifndef PROFDIFF_BLAME_H
#define PROFDIFF_BLAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/diff.h"

/* A published revision (pd_blamer_add copies its strings). */
typedef struct pd_blame_rev {
	pd_date date;          /* its last_updated */
	const char *commit;    /* hex id, or NULL (the working tree) */
	const char *author;    /* "Name <email>", or NULL */
	int64_t time;          /* commit time */
	/* its edit summary: its commits' messages' first lines, oldest
	 * first (store.h, pd_revision.messages); none for the working tree */
	const char *const *messages;
	size_t nmessages;
} pd_blame_rev;

typedef enum pd_blame_kind {
	PD_BLAME_NONE,
	PD_BLAME_REWORDED,        /* its words, in substance (a split or a
				   * merge too) */
	PD_BLAME_SOURCES_CHANGED, /* what it cites */
	PD_BLAME_MOVED            /* to another section */
} pd_blame_kind;

/* "reworded", "sources_changed", "moved". */
const char *pd_blame_kind_name(pd_blame_kind k);

/* A change in a claim's history, newest first. */
typedef struct pd_blame_event {
	size_t rev;            /* index in pd_blame.revs */
	pd_blame_kind kind;    /* NONE: the revision that introduced it */
	bool factual;          /* a reworded number, date, negation or name */
	const struct pd_blame_event *older;
} pd_blame_event;

typedef struct pd_blame_claim {
	const char *text;      /* without markers */
	const char *section;
	const pd_source_ref *sources; /* resolved: (n X) and ibid name the
				       * source they repeat */
	size_t nsources;
	size_t introduced;     /* index in revs */
	long changed;          /* the last change in substance, or -1 */
	pd_blame_kind kind;    /* of that change */
	bool factual;
	const pd_blame_event *history; /* changes in substance and the
					* introduction, newest first */
	bool stale;            /* pd_blame_stale */
} pd_blame_claim;

typedef struct pd_blame {
	pd_arena *arena;
	const pd_blame_rev *revs; /* oldest first, as added */
	size_t nrevs;
	pd_blame_claim *claims;   /* of the newest revision, in order */
	size_t nclaims;
	pd_date last_updated;     /* of the newest revision */
	const char *country;      /* of the newest revision, or NULL */
	size_t stale;             /* claims pd_blame_stale marked */
} pd_blame;

typedef struct pd_blamer pd_blamer;

int pd_blamer_new(pd_blamer **out, const pd_vocab *vocab);

/* Adds the next revision, oldest first. Each revision is aligned once,
 * with the one before: `p` must stay valid until the next call (or
 * pd_blamer_finish). Returns 0 or PD_ENOMEM. */
int pd_blamer_add(pd_blamer *b, const pd_profile *p, const pd_blame_rev *rev);

/* The same, with the diff of the revision added last to `p` already
 * made (`d`, with pd_diff_options.links and the blamer's vocabulary), as
 * a caller that diffs the revisions for its own use has it: the blamer
 * borrows it, and `d` must stay valid until pd_blamer_finish. Not for the
 * first revision, which is aligned with nothing. */
int pd_blamer_add_diff(pd_blamer *b, const pd_profile *p,
		       const pd_blame_rev *rev, const pd_diff *d);

/* The blame of the revisions added, into *out (freed with
 * pd_blame_free); the blamer is spent. Returns 0 or PD_ENOMEM. */
int pd_blamer_finish(pd_blamer *b, pd_blame **out);
void pd_blamer_free(pd_blamer *b);
void pd_blame_free(pd_blame *b);

/* Marks the claims that are stale at `months`: not changed in substance
 * in the `months` months before last_updated (their last change, or
 * their introduction, earlier than that date), and citing no source
 * accessed since then (a source without an accessed date counts as not
 * accessed since). A profile without last_updated has none stale.
 * Returns the number marked. */
size_t pd_blame_stale(pd_blame *b, int months);

/* The date `months` months before d (the day kept, or the month's last);
 * year 0 when d has none or the result would fall before year 1. */
pd_date pd_date_minus_months(pd_date d, int months);

#endif
