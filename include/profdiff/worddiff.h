/*
 * worddiff.h: the word-level diff of two sentences (worddiff.c), which
 * the semantic diff gives each reworded claim.
 */
#ifndef PROFDIFF_WORDDIFF_H
#define PROFDIFF_WORDDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/arena.h"

/* A run of a word-level diff: '=' kept, '-' removed, '+' added. */
typedef struct pd_word_op {
	char op;
	const char *text;
} pd_word_op;

/* Diffs two texts word by word. The units are runs of letters and
 * digits (a number such as "37.5" or "400,000" is one), single marks of
 * punctuation and runs of white space, compared byte for byte, so that
 * every piece is its side's own text: the kept and removed pieces join
 * into `a` exactly, the kept and added ones into `b`. A stretch of
 * changes comes as one removed run then one added run, the white space
 * kept between its words included; adjacent runs of one kind are merged.
 * When the unit counts multiply past `budget` (0: no limit) or the edit
 * distance is too large to trace, *cut is set and no runs are made.
 * Results go into `arena`. Returns 0 or PD_ENOMEM. */
int pd_worddiff(pd_arena *arena, const char *a, size_t alen, const char *b,
		size_t blen, size_t budget, pd_word_op **out, size_t *n,
		bool *cut);

#endif
