/*
 * suggest.h: "did you mean": the name closest to a mistyped one.
 */
#ifndef PROFDIFF_SUGGEST_H
#define PROFDIFF_SUGGEST_H

#include <stddef.h>

/* The edit distance of a and b (optimal string alignment: insertions,
 * deletions, substitutions and swaps of two neighbours, one each), byte by
 * byte, capped: `cap` + 1 when it is over `cap`. */
size_t pd_suggest_distance(const char *a, const char *b, size_t cap);

/* Of the n candidates, the one closest to `word`, when it is close enough
 * to be a slip of the keyboard: at most one edit for a word of up to four
 * bytes, two up to eight, three beyond; or one that `word` begins (a name
 * cut short). NULL when none is; the first of equals wins. Borrowed from
 * `candidates`. */
const char *pd_suggest(const char *word, const char *const *candidates,
		       size_t n);

#endif
