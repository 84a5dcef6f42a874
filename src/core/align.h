/*
 * align.h: pairing the claims of two profiles (align.c). Internal to the
 * core.
 */
#ifndef PROFDIFF_ALIGN_H
#define PROFDIFF_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"

/* What the aligner knows of a claim. */
typedef struct pd_align_item {
	uint64_t fp;          /* fingerprint of the normal form */
	const uint32_t *tok;  /* word ids, sorted ascending */
	size_t ntok;
	size_t group;         /* section, on the after side's numbering */
	uint64_t src;         /* hash of its resolved source set; 0: none */
} pd_align_item;

typedef enum pd_align_how {
	PD_ALIGN_NONE,
	PD_ALIGN_EXACT,   /* same fingerprint */
	PD_ALIGN_SIMILAR, /* word similarity at or above the threshold */
	PD_ALIGN_SOURCE   /* same sources, lower similarity */
} pd_align_how;

typedef struct pd_align_result {
	long *a_to_b;    /* per a item: the b item, or -1 */
	long *b_to_a;
	double *sim;     /* per a item: the similarity of its pair */
	pd_align_how *how;  /* per a item */
} pd_align_result;

/* Pairs items of `a` with items of `b`: equal fingerprints first (the
 * same group preferred, then the nearest in order), then, among the rest,
 * by Dice similarity of the word ids: candidates come from an inverted
 * index of the words (the most common words are not indexed), the best
 * pairs are taken first, and a pair needs `threshold`, or `threshold`
 * less 0.2 when both items cite the same sources. Linear in the input
 * but for the candidate lists, which are capped. Everything goes into
 * `arena`. Returns 0 or PD_ENOMEM. */
int pd_align_claims(pd_arena *arena, const pd_align_item *a, size_t na,
		    const pd_align_item *b, size_t nb, double threshold,
		    pd_align_result *out);

/* Dice similarity of two sorted id arrays. */
double pd_align_dice(const uint32_t *a, size_t na, const uint32_t *b,
		     size_t nb);

#endif
