/*
 * multisearch.h: finding any of many strings in a text in one pass
 * (Aho-Corasick), for the core's own use.
 *
 * Lint asks of every sentence whether it names one of the profile's laws;
 * asking each name in turn costs sentences x laws. The automaton answers
 * in time linear in the sentence, whatever the number of names.
 */
#ifndef PROFDIFF_MULTISEARCH_H
#define PROFDIFF_MULTISEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"

typedef struct pd_multisearch pd_multisearch;

/* A new, empty automaton in `arena` (which owns all of its memory). NULL
 * when out of memory. */
pd_multisearch *pd_multisearch_new(pd_arena *arena);

/* Adds a pattern of len bytes (compared byte for byte) with an id; an
 * empty pattern is never found. Call before pd_multisearch_build. Returns 0
 * or PD_ENOMEM. */
int pd_multisearch_add(pd_multisearch *m, const char *pattern, size_t len,
		       uint32_t id);

/* Prepares the automaton for searching. Returns 0 or PD_ENOMEM. */
int pd_multisearch_build(pd_multisearch *m);

/* The smallest id of the patterns that occur in s (len bytes), or -1. */
int64_t pd_multisearch_min_id(const pd_multisearch *m, const char *s,
			      size_t len);

#endif
