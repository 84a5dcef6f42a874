/*
 * diff_internal.h: what the phases of the semantic diff share (diff.c,
 * diff_prepare.c, diff_facts.c, diff_sources.c, diff_claims.c). Internal
 * to the core.
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

#define DEFAULT_THRESHOLD 0.5
#define DEFAULT_BUDGET 40000000u

/* The dictionary of words, shared by both sides. */

typedef struct dict {
	pd_arena *a;
	uint64_t *keys;
	uint32_t *ids;
	size_t cap, n;
} dict;


typedef struct section_ref {
	const char *path; /* "Law > Data Protection" */
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
 * text less its markers. */
/* The key every memo entry starts with. */
typedef struct memo_key {
	XXH128_hash_t key;
	bool used;
} memo_key;

typedef struct memo_entry {
	memo_key k;
	bool empty; /* nothing to compare: markers only */
	uint64_t fp;
	const uint32_t *tok;
	size_t ntok;
} memo_entry;

typedef struct memo {
	pd_arena *a; /* the word ids; the tables */
	memo_entry *v;
	size_t n, cap;
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
	memo_key k;
	const para_claim *c;
	size_t n;
} para_entry;

typedef struct para_memo {
	pd_arena *a;
	para_entry *v;
	size_t n, cap;
} para_memo;

#define PARA_MEMO_MAX ((size_t)1 << 16)

typedef struct differ {
	pd_arena *scratch;
	pd_diff *d;
	size_t cap;
	const pd_diff_options *o;
	dict *words;
	side *a, *b;
	memo *memo; /* NULL: none */
	pd_cite_memo *cite_memo; /* NULL: none */
	para_memo *paras; /* NULL: none */
	pd_buf tmp;
	uint64_t *map_from, *map_to; /* a's source keys -> b's, for pairs */
	size_t map_cap;
} differ;

/* Prepare (diff_prepare.c): the claims, sections and sources of one
 * profile, into sd. */
int diff_prepare(differ *df, side *sd, const pd_profile *p);
/* The word ids of a text in normal form, sorted, into `arena`. */
int diff_word_ids(differ *df, pd_arena *arena, const char *norm, size_t len,
		  uint32_t **out, size_t *n);

/* Match and emit, phase by phase. */
int diff_match_sections(differ *df);                        /* diff_facts.c */
void diff_find_renames(differ *df, const align_result *r);
int diff_emit_sections(differ *df);
int diff_emit_laws(differ *df, const pd_profile *pa, const pd_profile *pb);
int diff_emit_treaties(differ *df, const pd_profile *pa,
		       const pd_profile *pb);
void diff_match_sources(differ *df);                        /* diff_sources.c */
int diff_emit_sources(differ *df);
/* A source key of a, as b knows it through the source pairs. */
uint64_t diff_mapped_key(const differ *df, const pd_source *s);
int diff_align(differ *df, align_result *r);                /* diff_claims.c */
int diff_emit_claims(differ *df, const align_result *r);

/* Emitting changes (diff.c): a new change of the diff; copies into the
 * diff's arena (NULL stays NULL); a field change (nothing when equal). */
pd_change *df_add(differ *df, pd_change_kind kind, const char *section);
char *df_dupn(differ *df, const char *s, size_t n);
char *df_dup(differ *df, const char *s);
const pd_law *df_copy_law(differ *df, const pd_law *l);
const char *df_date_str(differ *df, pd_date d);
int df_add_field(differ *df, pd_change *c, const char *field,
		 const char *from, const char *to);
int df_source_ref(differ *df, const pd_source *s, pd_source_ref *out);
int df_source_list(differ *df, const pd_source **v, size_t n,
		   pd_source_ref **out, size_t *nout);

#endif
