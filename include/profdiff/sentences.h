/*
 * sentences.h: sentence segmentation for legal prose.
 */
#ifndef PROFDIFF_SENTENCES_H
#define PROFDIFF_SENTENCES_H

#include <stddef.h>

#include "profdiff/arena.h"

/* A byte range [start, end) of a paragraph. */
typedef struct pd_span {
	size_t start;
	size_t end;
} pd_span;

/* Splits `len` bytes of prose into sentences. A sentence ends at '.', '?'
 * or '!' (after any closing quotes or brackets and any citation markers
 * that follow, so "in place.[6] In June" ends after "[6]") when white
 * space and the start of a new sentence follow; not after abbreviations
 * (No., Art., e.g., i.e., v., para., pp., U.S., initials, ...), inside
 * decimals or before a lower-case word. Spans exclude surrounding white
 * space; text without terminal punctuation is one sentence.
 *
 * The spans go into `arena`; *n receives their number. Returns 0 or
 * PD_ENOMEM. */
int pd_sentences(pd_arena *arena, const char *text, size_t len,
		 pd_span **out, size_t *n);

#endif
