/*
 * extract_internal.h: what the law and treaty extractors share. Internal
 * to the core.
 */
#ifndef PROFDIFF_EXTRACT_INTERNAL_H
#define PROFDIFF_EXTRACT_INTERNAL_H

#include <stddef.h>

#include "profdiff/profile.h"

/* A date said in prose: "in 2019", "In April 2026", "on 3 May 2019",
 * "May 3, 2019", "since 2009". A bare year ("the 1954 Convention", "the
 * 2023 Law") is none: a year alone needs a preposition before it. */
typedef struct pd_extract_date {
	size_t start, end; /* in the text */
	pd_date date;      /* month, day 0 when not said */
} pd_extract_date;

/* The dates of s[0..len), in order, at most `max` of them into `out`.
 * Returns how many were found (up to max). */
size_t pd_extract_date_scan(const char *s, size_t len, pd_extract_date *out,
			    size_t max);

#define PD_EXTRACT_MAX_DATES 16 /* per sentence; more are not read */

/* The English month names, January first. */
extern const char *const pd_extract_date_months[12];

/* The date that goes with an event said at s[at..end) in a sentence with
 * `n` dates: the first after it up to `limit` (the next event's start),
 * else the last before it from `floor` (the previous event's end) on.
 * Returns its index, or -1. */
int pd_extract_date_near(const pd_extract_date *d, size_t n, size_t at,
			 size_t end, size_t floor, size_t limit);

#endif
