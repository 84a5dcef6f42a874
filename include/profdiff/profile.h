/*
 * profile.h: the profile model (docs/DESIGN.md, section 4, schema 1).
 *
 * A profile is plain data: sections holding paragraphs (and nested
 * sections), laws, treaties, footnotes and per-profile lint settings.
 * Every pointer inside a pd_profile points into the profile's own arena and
 * is released with it by pd_profile_free(). Positions (`pos`) are those of
 * the source the profile was read from, YAML file or page; 0 when the
 * profile was built in memory.
 *
 * The core works on this model and knows nothing of YAML, git or files.
 */
#ifndef PROFDIFF_PROFILE_H
#define PROFDIFF_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"
#include "profdiff/error.h"

#define PD_SCHEMA_VERSION 1
#define PD_MAX_SECTION_DEPTH 3      /* sections nest at most this deep */
#define PD_MAX_FOOTNOTE 99999       /* largest footnote number accepted */
#define PD_MAX_PROFILE_SIZE (16u * 1024u * 1024u) /* bytes of YAML */

/* A calendar date; year 0 means "no date". A partial date (a law's or a
 * treaty's "2026" or "2026-08") has month 0, or day 0. */
typedef struct pd_date {
	int year;
	int month;
	int day;
} pd_date;

/* Where a piece of a text sits in its source: the bytes of the text from
 * `offset` on start at `pos` (until the next segment). A paragraph folded
 * over several source lines has one segment per line. */
typedef struct pd_segment {
	uint32_t offset;
	pd_pos pos;
} pd_segment;

typedef struct pd_paragraph {
	char *text;  /* one line of prose with its markers, e.g. "...[15]" */
	size_t len;
	pd_pos pos;
	pd_segment *segs; /* may be NULL: then the text is one run at pos */
	uint32_t nsegs;
} pd_paragraph;

typedef struct pd_section {
	char *title;
	char *subtitle; /* NULL when absent */
	pd_paragraph *paragraphs;
	size_t nparagraphs;
	struct pd_section *sections; /* nested sections */
	size_t nsections;
	pd_pos pos;
} pd_section;

typedef enum pd_law_type {
	PD_LAW_LAW,
	PD_LAW_CODE,
	PD_LAW_DECREE,
	PD_LAW_SUB_DECREE,
	PD_LAW_REGULATION,
	PD_LAW_POLICY,
	PD_LAW_STRATEGY,
	PD_LAW_OTHER,
	PD_LAW_TYPE_COUNT
} pd_law_type;

typedef enum pd_law_status {
	PD_LAW_IN_FORCE,
	PD_LAW_DRAFT,
	PD_LAW_PROPOSED,
	PD_LAW_REPEALED,
	PD_LAW_ADOPTED,    /* passed, not yet in force */
	PD_LAW_AMENDED,
	PD_LAW_STATUS_UNKNOWN,
	PD_LAW_STATUS_COUNT
} pd_law_status;

typedef struct pd_law {
	char *name;
	char *short_name;  /* `short`; NULL when absent */
	char **aka;
	size_t naka;
	int year;          /* 0 when unknown */
	pd_law_type type;
	pd_law_status status;
	pd_date date;      /* of the status: year, or year and month; year 0
			    * when absent */
	char *replaced_by; /* the name of the law that replaced it; NULL */
	uint32_t *cite;    /* footnote numbers */
	size_t ncite;
	pd_pos pos;
} pd_law;

typedef enum pd_treaty_status {
	PD_TREATY_PARTY,
	PD_TREATY_SIGNATORY,
	PD_TREATY_NOT_PARTY,
	PD_TREATY_WITHDRAWN,
	PD_TREATY_UNKNOWN,
	PD_TREATY_STATUS_COUNT
} pd_treaty_status;

typedef enum pd_treaty_via {
	PD_VIA_NONE,
	PD_VIA_RATIFICATION,
	PD_VIA_ACCESSION,
	PD_VIA_SUCCESSION,
	PD_VIA_ACCEPTANCE,
	PD_VIA_APPROVAL,
	PD_VIA_COUNT
} pd_treaty_via;

typedef struct pd_treaty {
	char *id;          /* an id of the vocabulary, e.g. "ICCPR" */
	pd_treaty_status status;
	pd_treaty_via via;
	pd_date date;      /* year 0 when absent */
	bool reserved;     /* `reservation`: the country made one */
	pd_date reservation; /* ... on this date; year 0 when not said */
	uint32_t *cite;
	size_t ncite;
	pd_pos pos;
} pd_treaty;

typedef struct pd_footnote {
	uint32_t number;
	char *text;
	size_t len;
	pd_pos pos;       /* of the text */
	pd_pos number_pos; /* of its number: the YAML key, or "N.^" */
	pd_segment *segs; /* as for paragraphs */
	uint32_t nsegs;
} pd_footnote;

/* Footnotes `lo` to `hi` (lo <= hi): one piece of a set of footnotes, as
 * YAML writes it ("7", "1-22", "[3, 7, 10-12]"). */
typedef struct pd_footnote_range {
	uint32_t lo;
	uint32_t hi;
} pd_footnote_range;

/* One entry of `lint.ignore`: a rule, optionally narrowed to a set of
 * footnotes or to claims starting with a text prefix. */
typedef struct pd_ignore {
	char *rule;
	pd_footnote_range *footnotes; /* NULL: any footnote */
	size_t nfootnotes;
	char *text;        /* NULL: any */
	pd_pos pos;
} pd_ignore;

/* A comment of the YAML an editor wrote, kept so that every writer puts
 * it back (docs/DESIGN.md, section 4). It is anchored to the node of the
 * model it precedes or trails, named by its key path: "country",
 * "sections/0/paragraphs/2", "laws/1/cite", "treaties/ICCPR",
 * "footnotes/15", "lint/ignore/0". Comments are no data: the diff, lint
 * and pd_profile_equal do not see them. */
typedef enum pd_comment_place {
	PD_COMMENT_HEAD,     /* before the first key of the file */
	PD_COMMENT_BEFORE,   /* on lines of their own before the anchor */
	PD_COMMENT_TRAILING, /* after the anchor's value, on its line */
	PD_COMMENT_END       /* after the last node of the file */
} pd_comment_place;

typedef struct pd_comment {
	char *anchor;  /* "" for HEAD and END */
	char *text;    /* what follows '#', trailing blanks dropped */
	pd_comment_place place;
	pd_pos pos;    /* of the '#' */
} pd_comment;

typedef struct pd_profile {
	pd_arena *arena;
	int schema;
	char *country;
	pd_date last_updated;    /* year 0 when absent */
	pd_pos last_updated_pos;
	pd_section *sections;
	size_t nsections;
	pd_law *laws;
	size_t nlaws;
	pd_treaty *treaties;     /* in vocabulary order */
	size_t ntreaties;
	pd_footnote *footnotes;  /* ascending by number, no duplicates */
	size_t nfootnotes;
	pd_ignore *ignores;
	size_t nignores;
	pd_pos country_pos;
	pd_comment *comments;    /* in the order of the file */
	size_t ncomments;
	/* footnotes_cited_elsewhere: footnotes that parts of the published
	 * page not kept in the profile cite; never orphans */
	pd_footnote_range *cited_elsewhere;
	size_t ncited_elsewhere;
} pd_profile;

/* Whether footnote `n` is in the set of `count` ranges. */
bool pd_footnote_set_has(const pd_footnote_range *set, size_t count,
			 uint32_t n);

/* Whether two sets of ranges are written the same. */
bool pd_footnote_set_equal(const pd_footnote_range *a, size_t na,
			   const pd_footnote_range *b, size_t nb);

/* Creates an empty profile (schema 1, nothing else) with its own arena.
 * Returns 0 or PD_ENOMEM. The caller owns *out. */
int pd_profile_new(pd_profile **out);

/* Releases the profile and everything in its arena. NULL is a no-op. */
void pd_profile_free(pd_profile *p);

/* True when the two profiles hold the same data; positions are ignored. */
bool pd_profile_equal(const pd_profile *a, const pd_profile *b);

/* The footnote numbered `n`, or NULL (borrowed). Binary search: the
 * footnotes are sorted. */
const pd_footnote *pd_profile_footnote(const pd_profile *p, uint32_t n);

/* Sorts footnotes by number and treaties by vocabulary order, the
 * canonical order (`vocab` NULL: the built-in vocabulary; unknown ids
 * sort last, by id). Returns 0, PD_ENOMEM, or PD_EINVALID with the position of the
 * second of two footnotes with the same number, or of a duplicate treaty. */
struct pd_vocab;
int pd_profile_canonicalize(pd_profile *p, const struct pd_vocab *vocab,
			    const char *path);

/* The source position of byte `offset` of `text`, through its segments
 * (`pos` and no segments: one run starting at pos). Columns count code
 * points. */
pd_pos pd_text_at(const char *text, pd_pos pos, const pd_segment *segs,
		  size_t nsegs, size_t offset);

/* A reader of positions in one text that remembers where it last was:
 * pd_text_cursor_at costs the distance from the offset asked before, not
 * from the start of the segment, so that asking for every finding of a
 * long one-line paragraph in turn, forward or back, stays linear. */
typedef struct pd_text_cursor {
	const char *text;
	pd_pos pos;              /* of the text's start */
	const pd_segment *segs;
	size_t nsegs;
	size_t seg;              /* 1 + the segment of `at`; 0: none yet */
	size_t at;               /* the offset last asked */
	pd_pos at_pos;           /* its position */
} pd_text_cursor;

/* Sets the cursor on a text, as pd_text_at takes it. Cannot fail. */
void pd_text_cursor_init(pd_text_cursor *c, const char *text, pd_pos pos,
			 const pd_segment *segs, size_t nsegs);

/* The source position of byte `offset`, as pd_text_at gives it. */
pd_pos pd_text_cursor_at(pd_text_cursor *c, size_t offset);

/* Dates. */
bool pd_date_valid(int year, int month, int day);
/* Parses exactly "YYYY-MM-DD"; false when malformed or not a real date. */
bool pd_date_parse(const char *s, size_t len, pd_date *out);
/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (month or day 0 when left
 * out); false when malformed or not a real date. */
bool pd_date_parse_partial(const char *s, size_t len, pd_date *out);
/* Writes "YYYY-MM-DD", or "YYYY-MM" or "YYYY" for a partial date (at most
 * 11 bytes with the NUL). */
void pd_date_format(pd_date d, char out[11]);
/* <0, 0, >0 as strcmp; a missing date sorts first. */
int pd_date_cmp(pd_date a, pd_date b);

/* Enumeration names as they appear in YAML; lookups return -1 when the
 * name is unknown. */
const char *pd_law_type_name(pd_law_type t);
int pd_law_type_lookup(const char *name, size_t len);
const char *pd_law_status_name(pd_law_status s);
int pd_law_status_lookup(const char *name, size_t len);
const char *pd_treaty_status_name(pd_treaty_status s);
int pd_treaty_status_lookup(const char *name, size_t len);
const char *pd_treaty_via_name(pd_treaty_via v);
int pd_treaty_via_lookup(const char *name, size_t len);

/* Builds the file slug of a country name: lower case ASCII letters and
 * digits, runs of anything else as one '-' ("North Korea" ->
 * "north-korea"). Writes at most `size` bytes with the NUL; returns the
 * slug length. */
size_t pd_country_slug(const char *country, char *out, size_t size);

#endif
