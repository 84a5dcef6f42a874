/*
 * treaties.h: the treaty vocabulary. The built-in table names the core
 * human-rights, refugee and statelessness treaties with the aliases met in
 * prose; a repository may add treaties and aliases (.profdiff.yaml).
 */
#ifndef PROFDIFF_TREATIES_H
#define PROFDIFF_TREATIES_H

#include <stddef.h>

#include "profdiff/arena.h"

typedef struct pd_treaty_def {
	const char *id;        /* "ICCPR" */
	const char *name;      /* full title, as readers know it (the
				* refugee and statelessness instruments
				* with their year) */
	const char *const *aliases; /* NULL-terminated; matched case-blind */
} pd_treaty_def;

/* An extra alias for a treaty of the vocabulary. */
typedef struct pd_vocab_alias {
	const char *id;
	const char *alias;
} pd_vocab_alias;

/* A vocabulary: the built-in table plus any extra definitions and aliases
 * (owned by whoever built the vocabulary). A NULL vocabulary means the
 * built-in one everywhere. */
typedef struct pd_vocab {
	const pd_treaty_def *extra;
	size_t nextra;
	const pd_vocab_alias *aliases;
	size_t naliases;
} pd_vocab;

/* Number of treaties in the vocabulary (built-in first, then extra). */
size_t pd_vocab_count(const pd_vocab *v);

/* The i-th definition (borrowed), i < pd_vocab_count(). */
const pd_treaty_def *pd_vocab_get(const pd_vocab *v, size_t i);

/* The index of treaty `id` (exact, case-sensitive), or -1. */
int pd_vocab_find(const pd_vocab *v, const char *id, size_t len);

#endif
