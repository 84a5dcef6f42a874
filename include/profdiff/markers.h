/*
 * markers.h: citation markers in prose ("[15]", "[15][16]", "[15, 16]",
 * "[15-17]"), found and read by markers.c. What the footnotes they point
 * at say is citations.h's.
 */
#ifndef PROFDIFF_MARKERS_H
#define PROFDIFF_MARKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"

/* Ranges wider than this ("[1-100000]") are not expanded: the marker is
 * reported as malformed instead. */
#define PD_MAX_MARKER_RANGE 100

/* One bracket group: "[23, 24]" or "[23–25]". */
typedef struct pd_marker {
	size_t start;      /* offset of '[' */
	size_t end;        /* offset after ']' */
	uint32_t *numbers; /* footnote numbers, ranges expanded, in order */
	size_t nnumbers;
	bool malformed;    /* looked like a marker but is not a valid one */
} pd_marker;

/* Finds the markers of s[0..len): a '[' followed by a digit starts one.
 * Well-formed markers hold numbers 1..PD_MAX_FOOTNOTE separated by ',' (and
 * spaces) or joined by '-', '–' or '—' into ascending ranges. Anything else
 * that opens with "[digit" is returned with `malformed` set and no numbers.
 * Text such as "[t]he" is not a marker. Results go into `arena`. Returns 0
 * or PD_ENOMEM. */
int pd_markers(pd_arena *arena, const char *s, size_t len, pd_marker **out,
	       size_t *n);

/* The next marker of s[0..len) at or after *pos, as pd_markers finds
 * them, one at a time: *m filled and *pos moved past it. Its numbers are
 * in *buf, a malloc'd array of *cap that the calls reuse (NULL and 0 at
 * first; the caller frees it), valid until the next call. Returns 1, 0
 * when there are no more, or PD_ENOMEM. */
int pd_marker_next(const char *s, size_t len, size_t *pos, pd_marker *m,
		   uint32_t **buf, size_t *cap);

/* The footnote numbers the well-formed markers of s[0..len) cite, each
 * once, in the order they are first cited, into `arena` (*out NULL when
 * there are none): what a sentence cites, at a cost of its distinct
 * numbers whatever the number of its markers. Returns 0 or PD_ENOMEM. */
int pd_marker_numbers(pd_arena *arena, const char *s, size_t len,
		      uint32_t **out, size_t *n);

/* True when position `i` of s starts a marker ('[' then a digit). */
bool pd_marker_at(const char *s, size_t len, size_t i);

/* Length of the well-formed marker at s[i] ("[15]" -> 4), or 0. */
size_t pd_marker_len(const char *s, size_t len, size_t i);

#endif
