/*
 * diff_internal.h: what the phases of the semantic diff share. Internal
 * to the core.
 *
 * The differ runs in phases, as git's xdiff does, each in a file of its
 * own; a phase reads what the phases before it left in the differ and
 * calls no phase after it, so that the files depend on each other in one
 * direction only:
 *
 *   1. prepare    diff_prepare.c  each profile cut into claims (sentences),
 *                                 their texts less markers put in normal
 *                                 form, hashed (XXH3) and split into word
 *                                 ids; sections by path; sources by
 *                                 identity. Kept for the next diff.
 *   2. match      diff_match.c    the pairs: exact first (sections by path,
 *                                 sources by identity, laws by name, claims
 *                                 by fingerprint), then similar (claims by
 *                                 their words, through align.c; sources by
 *                                 title, laws by a similar name, sections
 *                                 by where their claims went); then what
 *                                 the pairs mean: paragraphs paired, claims
 *                                 out of order, splits and merges.
 *   3. word-diff  diff_reword.c   each reworded pair, word by word
 *                                 (worddiff.c);
 *   4. classify   diff_reword.c   ... and its class: factual (a number,
 *                                 a month, a negation, a status, ...),
 *                                 editorial (spelling, punctuation, a
 *                                 variant, ...) or plainly reworded.
 *   5. emit       diff_emit.c     the changes, in their fixed order, into
 *                                 the diff's arena: the only phase that
 *                                 writes the result.
 *
 * diff.c is the driver: the entry points, the sides a pd_differ keeps
 * between diffs, and the phases called in that order.
 */
#ifndef PROFDIFF_DIFF_INTERNAL_H
#define PROFDIFF_DIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xxhash.h>

#include "align.h"
#include "profdiff/buf.h"
#include "profdiff/citations.h"
#include "profdiff/diff.h"
#include "table.h"

#define DEFAULT_THRESHOLD 0.5
#define DEFAULT_BUDGET 40000000u

/* The tables of the differ (table.h): keys that are XXH3 hashes already
 * are their own hash. */
static inline uint64_t pd_diff_u64_hash(uint64_t k)
{
	return k;
}

static inline bool pd_diff_u64_eq(uint64_t a, uint64_t b)
{
	return a == b;
}

static inline uint64_t pd_diff_h128_hash(XXH128_hash_t k)
{
	return k.low64;
}

static inline bool pd_diff_h128_eq(XXH128_hash_t a, XXH128_hash_t b)
{
	return a.low64 == b.low64 && a.high64 == b.high64;
}

#define PD_DIFF_KEY(e) ((e)->key)

/* The dictionary of words, shared by both sides: a word's XXH3 in normal
 * form -> its id, ids given in the order the words are first met. */
typedef struct word_entry {
	uint64_t key;
	uint32_t id;
} word_entry;

PD_TABLE(word_table, word_entry, uint64_t, PD_DIFF_KEY, pd_diff_u64_hash,
	 pd_diff_u64_eq)

typedef struct section_ref {
	const char *path; /* "Law > Data Protection" */
	const char *subtitle; /* the profile's, or NULL */
	size_t nclaims;
	long peer;        /* the paired section on the other side, or -1 */
} section_ref;

typedef struct claim {
	const char *text;   /* as written, markers included */
	size_t len;
	char *plain;        /* without markers */
	size_t plen;
	size_t section;
	size_t para;         /* the side's paragraphs, in order */
	size_t para_in_sec;  /* 1 + its paragraph's index in its section */
	uint64_t fp;
	const uint32_t *tok; /* sorted word ids, for similarity */
	size_t ntok;
	const pd_source **src; /* resolved full sources, by key order */
	size_t nsrc;
	uint64_t src_hash;
} claim;

typedef struct source_item {
	const pd_source *s;
	uint64_t text_fp;  /* the citation text, for source.changed */
	uint64_t title_fp; /* title and author in normal form; 0: no title */
	long peer;         /* paired source on the other side, or -1 */
} source_item;

/* One profile, prepared for comparison: its claims and sources with what
 * it takes to pair them. A pd_differ keeps it for the next diff; only the
 * peers belong to one diff. */
typedef struct side {
	pd_arena *arena; /* everything below */
	const pd_profile *p;
	pd_citations cites;
	section_ref *secs;
	size_t nsecs, capsecs;
	claim *claims;
	size_t nclaims, capclaims;
	size_t nparas;
	source_item *srcs; /* unique by key, in footnote order */
	size_t nsrcs;
} side;

/* What a claim's text gives, kept across the diffs of a pd_differ:
 * consecutive revisions share most of their claims, which are then put in
 * normal form and split into words once. Keyed by the 128-bit hash of the
 * text less its markers (and, seeded apart, of sources' texts and titles,
 * for their fingerprints alone). */
typedef struct memo_entry {
	XXH128_hash_t key;
	bool empty; /* nothing to compare: markers only */
	uint64_t fp;
	const uint32_t *tok;
	size_t ntok;
} memo_entry;

PD_TABLE(memo_table, memo_entry, XXH128_hash_t, PD_DIFF_KEY,
	 pd_diff_h128_hash, pd_diff_h128_eq)

typedef struct memo {
	pd_arena *a; /* the word ids; the table */
	memo_table t;
} memo;

/* past this many texts the memo takes no more (a long series of unlike
 * profiles would only grow it) */
#define MEMO_MAX ((size_t)1 << 18)

/* What a paragraph's text gives, kept across the diffs of a pd_differ:
 * its claims (the sentences that are more than markers), each with its
 * text less markers, fingerprint, word ids and the footnote numbers its
 * markers cite, from which the sources of a revision are found. Keyed by
 * the 128-bit hash of the paragraph's text. */
typedef struct para_claim {
	size_t start, end; /* the sentence in the paragraph */
	const char *plain;
	size_t plen;
	uint64_t fp;
	const uint32_t *tok;
	size_t ntok;
	const uint32_t *nums;
	size_t nnums;
} para_claim;

typedef struct para_entry {
	XXH128_hash_t key;
	const para_claim *c;
	size_t n;
} para_entry;

PD_TABLE(para_table, para_entry, XXH128_hash_t, PD_DIFF_KEY,
	 pd_diff_h128_hash, pd_diff_h128_eq)

typedef struct para_memo {
	pd_arena *a; /* the claims kept; the table */
	para_table t;
} para_memo;

#define PARA_MEMO_MAX ((size_t)1 << 16)

/* A split (one claim of a into several of b) or a merge (several claims
 * of a into one of b), found by the match. */
#define SPLIT_PARTS 4 /* at most this many claims joined */

typedef struct joining {
	long one;                 /* the claim on the side of one claim */
	size_t many[SPLIT_PARTS]; /* the claims on the other side, in order */
	size_t n;
	pd_reword_class cls;      /* classify */
	const char *why;
} joining;

/* A claim of b paired with a claim of a of other words: what phases 3
 * and 4 find in it. */
typedef struct rewording {
	size_t b;              /* the claims: b's */
	long a;                /* and a's */
	pd_word_op *words;     /* in the diff's arena; NULL when cut */
	size_t nwords;
	bool budget_cut;
	pd_reword_class cls;
	const char *why;
} rewording;

/* A key of one side's source -> the key of its partner on the other. */
typedef struct key_pair {
	uint64_t key, to;
} key_pair;

PD_TABLE(key_map, key_pair, uint64_t, PD_DIFF_KEY, pd_diff_u64_hash,
	 pd_diff_u64_eq)

/* The footnote numbers a claim's markers cite, while its paragraph is
 * prepared. */
typedef struct claim_nums {
	const uint32_t *v;
	size_t n;
} claim_nums;

typedef struct differ {
	pd_arena *scratch;
	pd_diff *d;
	size_t cap;                /* of d->changes */
	const pd_diff_options *o;
	word_table *words; /* in the pd_differ's arena */
	side *a, *b;
	memo *memo; /* NULL: none */
	pd_cite_memo *cite_memo; /* NULL: none */
	para_memo *paras; /* NULL: none */
	/* the paragraphs' memo points at the sides' texts and words instead
	 * of copying them: a differ used for one diff, whose sides live as
	 * long as its memos */
	bool borrow;
	/* what preparing a side needs only while it runs (each paragraph's
	 * sentences, each claim's numbers and sources before they are made
	 * unique): freed when the side is prepared */
	pd_arena *prep;
	pd_buf tmp;
	/* a text's word ids before they are sorted and copied out
	 * (pd_diff_word_ids), malloc'd, reused from text to text */
	uint32_t *ids;
	size_t capids;
	/* a claim's sources before they are made unique (claim_sources),
	 * malloc'd, reused from claim to claim */
	const pd_source **srcv;
	size_t capsrcv;
	/* the numbers of each claim of the paragraph being prepared, in
	 * prep */
	claim_nums *nums;
	size_t nnums, capnums;

	/* 2. match: the pairs of sections and sources are the sides' peers */
	key_map source_keys;   /* a's source keys -> b's, for pairs */
	long *law_peer_a, *law_peer_b; /* per law: its partner, or -1 */
	pd_align_result claims;   /* the claims' pairs */
	long *para_peer;       /* per paragraph of b: its peer in a, or -1 */
	bool *kept_order;      /* per claim of b: in its section's order */
	joining *splits, *merges;
	size_t nsplits, nmerges;
	size_t *joined_a, *joined_b; /* per claim: 1 + its joining, or 0 */

	/* 3, 4: the rewordings, in b's order */
	rewording *rw;
	size_t nrw;
} differ;

/* 1. Prepare (diff_prepare.c): the claims, sections and sources of one
 * profile, into sd. Returns 0 or PD_ENOMEM. */
int pd_diff_prepare(differ *df, side *sd, const pd_profile *p);
/* The word ids of a text in normal form, sorted, into `arena`. Returns 0
 * or PD_ENOMEM. */
int pd_diff_word_ids(differ *df, pd_arena *arena, const char *norm,
		     size_t len, uint32_t **out, size_t *n);

/* 2. Match (diff_match.c): every pair of the two sides, into df. Returns
 * 0 or PD_ENOMEM. */
int pd_diff_match(differ *df, const pd_profile *pa, const pd_profile *pb);
/* A source key of a, as b knows it through the source pairs. */
uint64_t pd_diff_mapped_key(const differ *df, const pd_source *s);

/* The claim of a that claim i of b is a rewording of, or -1: paired, of
 * other words, and no part of a split or a merge. */
static inline long pd_diff_reworded(const differ *df, size_t i)
{
	long ai = df->claims.b_to_a[i];

	if (!df->b->claims[i].fp || df->joined_b[i] || ai < 0 ||
	    df->joined_a[ai] || df->a->claims[ai].fp == df->b->claims[i].fp)
		return -1;
	return ai;
}

/* 3 and 4. Word-diff and classify (diff_reword.c): the rewordings found,
 * each word-diffed; then each, and each split and merge, classified.
 * Return 0 or PD_ENOMEM. */
int pd_diff_word_diff(differ *df);
int pd_diff_classify(differ *df);

/* 5. Emit (diff_emit.c): the changes, in their order, into df->d, and
 * its counts. Returns 0 or PD_ENOMEM. */
int pd_diff_emit(differ *df, const pd_profile *pa, const pd_profile *pb);

#endif
