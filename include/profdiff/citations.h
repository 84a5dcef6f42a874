/*
 * citations.h: footnotes read as sources (OSCOLA as the pages write
 * them) and resolved: ibid and cross-references followed to the sources
 * they stand for, each source with its identity. Implemented by
 * citations.c; the markers that cite footnotes are markers.h's.
 */
#ifndef PROFDIFF_CITATIONS_H
#define PROFDIFF_CITATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"

/* Sources one footnote can stand for after resolution; more are dropped. */
#define PD_MAX_RESOLVED 256

struct pd_profile;

typedef enum pd_source_kind {
	PD_SOURCE_FULL, /* a citation in full */
	PD_SOURCE_IBID, /* "ibid", "ibid 51." */
	PD_SOURCE_XREF  /* "Hotham (n 1).", "'Title' (n 6) 50." */
} pd_source_kind;

/* One source of a footnote, as written. Strings are in the arena given to
 * pd_citations_resolve; NULL where absent. */
typedef struct pd_source {
	pd_source_kind kind;
	uint32_t footnote;      /* the footnote it is written in */
	size_t start, end;      /* its bytes in the footnote text */
	const char *author;     /* FULL: text before the title */
	const char *title;      /* FULL: the quoted title */
	const char *url;        /* FULL: inside <...>, as written */
	int accessed[3];        /* FULL: year, month, day; year 0 if none */
	const char *pinpoint;   /* "51", "arts 2, 4" */
	uint32_t ref;           /* XREF: the footnote it points at */
	size_t ref_start, ref_end; /* XREF: its digits in the footnote text */
	const char *short_form; /* XREF: the author or title before (n X) */
	uint64_t key;           /* FULL: identity (normal URL, else text) */
	const char *label;      /* FULL: title, else author, else text */
} pd_source;

/* A footnote's sources as written, and the full sources they stand for
 * once ibid and cross-references are followed. */
typedef struct pd_note_sources {
	uint32_t number;
	pd_source *sources;
	size_t nsources;
	const pd_source **resolved; /* FULL sources, no duplicates */
	size_t nresolved;
} pd_note_sources;

typedef enum pd_cite_problem_kind {
	PD_CITE_IBID_FIRST,    /* ibid in the first footnote */
	PD_CITE_IBID_GAP,      /* ibid right after a missing footnote */
	PD_CITE_XREF_MISSING,  /* (n X): no footnote X */
	PD_CITE_XREF_LATER,    /* (n X): X is this footnote or a later one */
	PD_CITE_XREF_MISMATCH  /* (n X): the short form names no source of X */
} pd_cite_problem_kind;

typedef struct pd_cite_problem {
	pd_cite_problem_kind kind;
	const pd_source *source;   /* the ibid or cross-reference */
	const pd_source *intended; /* a cross-reference's short form names
				    * this earlier source; or NULL */
} pd_cite_problem;

typedef struct pd_citations {
	pd_note_sources *notes; /* aligned with the profile's footnotes */
	size_t nnotes;
	pd_cite_problem *problems;
	size_t nproblems;
} pd_citations;

/* Parses every footnote of `p` into sources (OSCOLA as in the pages:
 * sources separated by ';' outside quotes, brackets and URLs; a quoted
 * title, a <URL>, "accessed 20 January 2026", a pinpoint) and resolves
 * them: ibid to the previous footnote's sources, (n X) to the sources of
 * footnote X, checking that the short form names one of them. Everything
 * goes into `arena`. Returns 0 or PD_ENOMEM. */
int pd_citations_resolve(pd_arena *arena, const struct pd_profile *p,
			 pd_citations *out);

/* What footnotes parse to, kept from one profile to the next: the
 * revisions of a profile share most of their footnotes, whose text gives
 * the same sources wherever it stands. Strings of the sources resolved
 * with a memo may be the memo's: it must outlive them. One thread at a
 * time. */
typedef struct pd_cite_memo pd_cite_memo;

pd_cite_memo *pd_cite_memo_new(void); /* NULL: out of memory */
void pd_cite_memo_free(pd_cite_memo *m);

/* pd_citations_resolve, with the footnotes met before from `memo` (NULL:
 * none); the same result. */
int pd_citations_resolve_memo(pd_arena *arena, const struct pd_profile *p,
			      pd_citations *out, pd_cite_memo *memo);

/* The width of the white space at s[i] (before `e`): a space, a tab, a
 * line break, a no-break space or another of Unicode's spaces (U+2000 to
 * U+200A, U+202F, U+205F, U+3000); 0 when there is none. The grammar
 * takes a run of any of them where it takes a space. */
size_t pd_cite_space(const char *s, size_t e, size_t i);

/* A cross-reference "(n 12)" at s[i] (before `e`), spaces of any kind
 * allowed between "n" and the number and before ')': its number (of at
 * most 8 digits) in *number, its digits in [*digits, *digits_end), and the
 * offset past its ')' in *end. */
bool pd_cite_xref_at(const char *s, size_t e, size_t i, uint32_t *number,
		     size_t *digits, size_t *digits_end, size_t *end);

/* Where the access phrase of the citation s[b, e) begins ("accessed 20
 * January 2026", "Accessed on Jan. 20th, 2026", "accessed January 20,
 * 2026", "accessed 2026-01-20", spaces of any kind), its date in date[]
 * (year, month, day); or e and year 0 when no phrase gives a real
 * date. */
size_t pd_cite_accessed(const char *s, size_t b, size_t e, int date[3]);

/* The sources of footnote `number`, or NULL (borrowed). */
const pd_note_sources *pd_citations_note(const pd_citations *c,
					 uint32_t number);

#endif
