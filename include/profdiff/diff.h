/*
 * diff.h: the semantic diff of two profiles (docs/DESIGN.md, section 7).
 *
 * The result is an ordered list of changes in substance: laws, treaties,
 * claims (sentences), sources, sections and the date. Footnote numbers,
 * line wrapping, quote and dash style, white space and YAML layout are
 * not changes.
 *
 * Implemented by diff.c, which runs the phases of the differ
 * (src/core/diff_internal.h): diff_prepare.c, diff_match.c (with
 * align.c), diff_reword.c and diff_emit.c. The word diff of a rewording
 * is worddiff.h's.
 */
#ifndef PROFDIFF_DIFF_H
#define PROFDIFF_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"
#include "profdiff/worddiff.h"

typedef enum pd_change_kind {
	PD_CHANGE_LAST_UPDATED,
	PD_CHANGE_SECTION_ADDED,
	PD_CHANGE_SECTION_REMOVED,
	PD_CHANGE_SECTION_RENAMED,
	PD_CHANGE_LAW_ADDED,
	PD_CHANGE_LAW_REMOVED,
	PD_CHANGE_LAW_CHANGED,
	PD_CHANGE_TREATY_ADDED,
	PD_CHANGE_TREATY_REMOVED,
	PD_CHANGE_TREATY_CHANGED,
	PD_CHANGE_CLAIM_ADDED,
	PD_CHANGE_CLAIM_REMOVED,
	PD_CHANGE_CLAIM_REWORDED,
	PD_CHANGE_CLAIM_MOVED,
	PD_CHANGE_CLAIM_SOURCES,
	PD_CHANGE_CLAIM_SPLIT,
	PD_CHANGE_CLAIM_MERGED,
	PD_CHANGE_SOURCE_ADDED,
	PD_CHANGE_SOURCE_REMOVED,
	PD_CHANGE_SOURCE_CHANGED,
	PD_CHANGE_KIND_COUNT
} pd_change_kind;

/* "claim.reworded", ... */
const char *pd_change_kind_name(pd_change_kind k);

/* What a rewording, split or merge is (docs/DESIGN.md, section 7): each
 * is exactly one of the three, decided by the first rule that applies
 * (pd_change.why names it). */
typedef enum pd_reword_class {
	PD_REWORD_PLAIN,     /* other words, no fact changed by a rule */
	PD_REWORD_EDITORIAL, /* spelling, case, punctuation, a variant ... */
	PD_REWORD_FACTUAL    /* a number, month, negation, name ... */
} pd_reword_class;

/* The buckets every summary counts, each change in exactly one:
 * substantive (a changelog lists it), reworded (plain rewordings),
 * editorial (editorial rewordings, refreshed access dates, renamed
 * sections), moved (claims moved), date (last_updated). */
typedef enum pd_bucket {
	PD_BUCKET_SUBSTANTIVE,
	PD_BUCKET_REWORDED,
	PD_BUCKET_EDITORIAL,
	PD_BUCKET_MOVED,
	PD_BUCKET_DATE,
	PD_BUCKET_COUNT
} pd_bucket;

/* "substantive", "reworded", "editorial", "moved", "date". */
const char *pd_bucket_name(pd_bucket b);

/* Classifies a rewording of text a into text b (each without markers):
 * the class, and in *why the rule that decided it ("month", "number",
 * "spelling", "wording", ...; a static string). */
pd_reword_class pd_reword_classify(const char *a, size_t na, const char *b,
				   size_t nb, const char **why);

/* One field of a law, treaty or source that changed. */
typedef struct pd_field_change {
	const char *field; /* "status", "year", "url", ... */
	const char *from;  /* NULL: absent before */
	const char *to;    /* NULL: absent after */
} pd_field_change;

/* A source as a change shows it. */
typedef struct pd_source_ref {
	const char *label;
	const char *url;      /* NULL when it has none */
	const char *accessed; /* "2026-01-20", or NULL */
} pd_source_ref;

typedef struct pd_change {
	pd_change_kind kind;
	const char *section;  /* the section path ("Law > Data Protection"),
			       * or NULL */
	const char *match;    /* how a claim pair was made: "exact",
			       * "similar", "source"; NULL otherwise */
	/* claims */
	const char *text;     /* added, removed, moved, sources changed */
	const char **parts;   /* split: the claims after; merged: the claims
			       * before; in order */
	size_t nparts;
	const char *from;     /* reworded, split: the text before; moved: the
			       * section before; last_updated, treaty status,
			       * section renamed: the value before */
	const char *to;
	size_t from_paragraph, to_paragraph; /* moved: 1 + the paragraph's
					      * index in its section */
	double similarity;    /* reworded */
	bool editorial;       /* reworded, split, merged: of the editorial
			       * class; moved: to another paragraph of its
			       * section */
	bool factual;         /* reworded, split, merged: of the factual
			       * class (pd_reword_classify) */
	const char *why;      /* reworded, split, merged: the rule that
			       * classified it (pd_reword_classify) */
	pd_word_op *words;    /* reworded; NULL when cut by the budget */
	size_t nwords;
	bool budget_cut;      /* the word diff was skipped: too large */
	pd_source_ref *sources; /* claim.added/removed: its sources;
				 * sources_changed: added ones */
	size_t nsources;
	pd_source_ref *removed; /* sources_changed: removed ones */
	size_t nremoved;
	/* laws: name, year, type, status of the law (after, or before when
	 * removed); law.changed: the law before as well */
	const pd_law *law;
	const pd_law *law_from;
	/* treaties */
	const char *treaty;   /* id */
	const char *treaty_name; /* its full name, from the vocabulary (the
				  * id when the vocabulary has none) */
	const char *status;   /* added, removed: the status */
	const pd_treaty *treaty_from; /* the entries before and after (status,
				       * via, date); NULL when absent */
	const pd_treaty *treaty_to;
	/* sources */
	pd_source_ref source;
	/* law.changed, treaty.changed (via, date), source.changed */
	pd_field_change *fields;
	size_t nfields;
} pd_change;

/* How a claim came from the claim before it (pd_claim_link.how). */
enum {
	PD_LINK_REWORDED = 1,  /* its words changed */
	PD_LINK_EDITORIAL = 2, /* ...in case, punctuation or spelling only */
	PD_LINK_FACTUAL = 4,   /* ...in a number, date, negation or name */
	PD_LINK_MOVED = 8,     /* to another section */
	PD_LINK_SOURCES = 16,  /* it cites other sources */
	PD_LINK_SPLIT = 32,    /* a part of a claim split in several */
	PD_LINK_MERGED = 64    /* several claims merged into it */
};

/* With pd_diff_options.links, one a claim of the after profile, in its
 * order: the lineage the alignment gives it. */
typedef struct pd_claim_link {
	const char *text;      /* without its markers; NULL for a sentence
				* of markers only, which is no claim */
	const char *section;   /* its section path */
	pd_source_ref *sources; /* what it cites, (n X) and ibid resolved */
	size_t nsources;
	long from;             /* the claim it comes from: its index in the
				* before profile's links (those of the diff
				* that had it after); -1: added */
	const long *merged;    /* PD_LINK_MERGED: the other claims merged
				* into it */
	size_t nmerged;
	unsigned how;          /* PD_LINK_*; 0: unchanged */
	bool substantive;      /* a change in substance as blame counts it:
				* anything but an editorial rewording or a
				* move within its section */
} pd_claim_link;

typedef struct pd_diff {
	pd_arena *arena;
	pd_change *changes;
	size_t nchanges;
	size_t count[PD_CHANGE_KIND_COUNT];
	size_t substantive; /* changes a changelog lists */
	size_t editorial;   /* editorial rewordings, refreshed access dates,
			     * renamed sections */
	size_t bucket[PD_BUCKET_COUNT]; /* every change in one: they add up
					 * to nchanges */
	pd_claim_link *links; /* pd_diff_options.links; else NULL */
	size_t nlinks;
} pd_diff;

typedef struct pd_diff_options {
	unsigned version;
	double threshold;     /* similarity for a rewording; 0: 0.5 */
	size_t word_budget;   /* no word diff when the word counts multiply
			       * past this; 0: 40,000,000 */
	const pd_vocab *vocab;
	bool links;           /* give pd_diff.links: every claim's lineage */
} pd_diff_options;

#define PD_DIFF_OPTIONS_VERSION 1
#define PD_DIFF_OPTIONS_INIT {PD_DIFF_OPTIONS_VERSION, 0.0, 0, NULL, false}

/* Compares profile `a` (before) with `b` (after). On success *out is a
 * new diff owned by the caller; everything it points to lives in its own
 * arena, so `a` and `b` may be freed first. Returns 0 or PD_ENOMEM. */
int pd_diff_profiles(pd_diff **out, const pd_profile *a, const pd_profile *b,
		     const pd_diff_options *opts);

/* A differ for a series of diffs, such as each published revision against
 * the one before: a profile is prepared for comparison (its sentences,
 * normal forms, words and sources) once, and kept for the next diff that
 * names it, so that a series of N diffs prepares N + 1 profiles, not 2N.
 * The profiles of the last diff are recognised by their address: they
 * must not be freed while the differ may still be given them (free the
 * differ first, or diff other profiles). One differ serves one thread. */
typedef struct pd_differ pd_differ;

int pd_differ_new(pd_differ **out, const pd_diff_options *opts);
/* As pd_diff_profiles(), with the differ's options. */
int pd_differ_diff(pd_differ *dr, pd_diff **out, const pd_profile *a,
		   const pd_profile *b);
void pd_differ_free(pd_differ *dr);

/* A thread's differ as the state of a pd_parallel run (parallel.h's
 * begin and end): a slot (pd_differ **) whose differ the thread makes
 * when it first diffs, with pd_differ_new; NULL when out of memory. */
void *pd_differ_slot_new(void *ctx);
void pd_differ_slot_free(void *ctx, void *slot);

void pd_diff_free(pd_diff *d);

/* Is this change substance a changelog lists (not a plain or editorial
 * rewording, a move, a refreshed access date or the date)? */
bool pd_change_substantive(const pd_change *c);

/* The bucket a change counts in. */
pd_bucket pd_change_bucket(const pd_change *c);

/* Appends the buckets of a summary: "4 substantive" then each other
 * bucket that holds a change ("1 reworded, 2 editorial, 1 moved,
 * 1 date"). */
void pd_diff_describe_buckets(pd_buf *out, const size_t b[PD_BUCKET_COUNT]);

/* Appends a one-line summary of the diff's substance: "1 law changed,
 * 2 claims added, 1 reworded (1 factual), 1 source added", with the
 * editorial changes counted at the end; "no change in substance" when
 * there is none. */
void pd_diff_summarize(pd_buf *out, const pd_diff *d);

#endif
