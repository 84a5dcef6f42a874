/*
 * suggest.c: the closest name by edit distance, for "did you mean".
 *
 * The distance is the optimal string alignment one (Levenshtein's, with a
 * swap of two neighbours counted as one edit, as "lnit" for "lint"), by the
 * classic dynamic programme over three rows, stopped as soon as every cell
 * of a row is over the cap: names are short, and a word far from all of
 * them costs little.
 */
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

#define MAX_LEN 256

size_t pd_suggest_distance(const char *a, const char *b, size_t cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t rows[3][MAX_LEN + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > MAX_LEN || lb > MAX_LEN)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		size_t low;
		size_t *t;

		cur[0] = i;
		low = cur[0];
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t d = prev[j - 1] + cost;

			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < low)
				low = d;
		}
		if (low > cap)
			return cap + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > cap ? cap + 1 : prev[lb];
}

const char *pd_suggest(const char *word, const char *const *candidates,
		       size_t n)
{
	size_t len = strlen(word), cap = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	size_t best = cap + 1, k;
	const char *pick = NULL;

	if (!len)
		return NULL;
	for (k = 0; k < n; k++) {
		size_t d = pd_suggest_distance(word, candidates[k], cap);

		if (d < best) {
			best = d;
			pick = candidates[k];
		}
	}
	if (pick)
		return pick;
	for (k = 0; k < n; k++)
		if (strncmp(candidates[k], word, len) == 0)
			return candidates[k];
	return NULL;
}
