/*
 * review.h: an update reviewed as a whole (docs/DESIGN.md, section 9): for
 * each profile it touches, the semantic diff and the lint findings it
 * introduces and fixes, matched by what they are about.
 */
#ifndef PROFDIFF_REVIEW_H
#define PROFDIFF_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/diff.h"
#include "profdiff/gate.h"
#include "profdiff/lint.h"

typedef enum pd_review_status {
	PD_REVIEW_ADDED,
	PD_REVIEW_DELETED,
	PD_REVIEW_MODIFIED,
	PD_REVIEW_RENAMED
} pd_review_status;

/* "added", "deleted", "modified", "renamed". */
const char *pd_review_status_name(pd_review_status s);

/* One profile of the update. The caller fills the first part, then
 * pd_review_check fills the second. */
typedef struct pd_review_entry {
	const char *profile;     /* its name: the file name without .yaml */
	const char *path;        /* in the head; in the base when deleted */
	const char *old_path;    /* in the base when renamed, else NULL */
	pd_review_status status;
	const pd_profile *from;  /* before; NULL when added or broken */
	const pd_profile *to;    /* after; NULL when deleted or broken */
	const pd_error *from_error; /* the base's file did not parse */
	const pd_error *to_error;   /* the head's file no longer parses */
	/* the profile as published (gate.h's facts): the head is checked
	 * against it by the gates' rules; NULL: never published */
	const pd_profile *published;

	pd_diff *diff;           /* NULL when a side did not parse; an added
				  * or deleted profile is compared with an
				  * empty one */
	/* a broken side: its schema finding; when the head is broken the
	 * base is not linted (a file that no longer parses fixes nothing) */
	pd_lint_result *lint_from, *lint_to;
	pd_lint_delta lint;      /* lives in `arena` and the results */
	pd_arena *arena;
} pd_review_entry;

/* Diffs and lints one entry. The head side is checked as every gate
 * checks it (pd_gate_check) against the published revision, the base
 * linted alone. Entries are independent: threads may check different ones with
 * the same options. Returns 0 or PD_ENOMEM. */
int pd_review_check(pd_review_entry *e, const pd_lint_options *lint,
		    const pd_diff_options *diff);

/* Frees what pd_review_check made. */
void pd_review_entry_free(pd_review_entry *e);

/* One side of the update. */
typedef struct pd_review_side {
	const char *rev;    /* as named: "main", "HEAD", "staged", ... */
	const char *commit; /* hex id, or NULL (the index, the working tree,
			     * the empty tree) */
} pd_review_side;

typedef struct pd_review {
	pd_review_side base, head;
	pd_review_entry *entries;
	size_t n;
	/* pd_review_total */
	size_t changes, substantive;
	size_t bucket[PD_BUCKET_COUNT]; /* every change in one */
	size_t introduced[PD_SEV_ERROR + 1], fixed[PD_SEV_ERROR + 1];
	size_t broken; /* profiles of the head that no longer parse */
} pd_review;

/* Adds up the checked entries, and puts those whose head no longer
 * parses first, the others keeping their order. */
void pd_review_total(pd_review *r);

/* Does the update introduce a finding at or above `at`? PD_SEV_OFF:
 * never. */
bool pd_review_fails(const pd_review *r, pd_severity at);

#endif
