/*
 * overview.h: the regional overview (docs/DESIGN.md, section 9): for each
 * profile, the status of every treaty of the vocabulary and its laws as
 * they stand, with the published revision in which each last changed.
 */
#ifndef PROFDIFF_OVERVIEW_H
#define PROFDIFF_OVERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/arena.h"
#include "profdiff/lint.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"

/* One published revision of a profile. */
typedef struct pd_overview_rev {
	pd_date date;              /* its last_updated */
	const pd_profile *profile;
} pd_overview_rev;

typedef struct pd_overview_treaty {
	bool listed;               /* the profile lists the treaty */
	pd_treaty_status status;
	pd_treaty_via via;
	pd_date date;              /* year 0 when not given */
	pd_date changed;           /* the published revision in which its
				    * status (or its being listed) last
				    * changed; year 0: not since the first */
	bool recent;               /* changed after `since` */
} pd_overview_treaty;

typedef struct pd_overview_law {
	const char *name;
	pd_law_status status;
	int year;                  /* 0 when unknown */
	pd_date changed;           /* the published revision in which it
				    * appeared or its status last changed;
				    * year 0: not since the first */
	bool recent;
} pd_overview_law;

/* A profile's row. Strings live in the arena given to pd_overview_row. */
typedef struct pd_overview_row {
	const char *profile;       /* its name: "north-korea" */
	const char *country;
	pd_date last_updated;
	const char *commit;        /* hex id of the newest commit carrying
				    * it, or NULL */
	pd_overview_treaty *treaties; /* one per treaty of the vocabulary,
				       * in its order */
	size_t ntreaties;
	pd_overview_law *laws;     /* as the profile lists them */
	size_t nlaws;
	size_t lint[PD_SEV_ERROR + 1]; /* findings per severity */
} pd_overview_row;

/* Fills `row` (profile, country, commit and lint are the caller's) from
 * the published revisions of one profile, newest first: the newest gives
 * the statuses, the older ones when each last changed. `since` (year 0:
 * none) marks what changed after it as recent. The profiles may be freed
 * afterwards. Returns 0 or PD_ENOMEM. */
int pd_overview_fill(pd_arena *arena, pd_overview_row *row,
		     const pd_overview_rev *revs, size_t n,
		     const pd_vocab *vocab, pd_date since);

/* A profile's latest published revision, for a site's index. */
typedef struct pd_overview_latest {
	const char *profile;       /* slug */
	const char *country;
	pd_date date;
	pd_date previous;          /* year 0: the first published revision */
	const char *summary;       /* its changes in words, or "" */
} pd_overview_latest;

/* The whole overview. */
typedef struct pd_overview {
	const pd_vocab *vocab;     /* the treaties, in order */
	const pd_overview_row *rows;
	size_t n;
	pd_date since;             /* year 0: none */
	const char *changelog;     /* the changelog page to link each
				    * country to ("changelog.html"), or
				    * NULL */
	const char *profile_base;  /* NULL, or where each country's own
				    * page is: "profiles/" links a country
				    * to profiles/<slug>/index.html (and
				    * not to the changelog) */
	/* a site's index: the latest changes, newest first, each linked
	 * to its diff under profile_base; NULL: none */
	const pd_overview_latest *latest;
	size_t nlatest;
} pd_overview;

#endif
