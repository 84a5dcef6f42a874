/*
 * extract.h: heuristic extraction of laws and treaties from a profile's
 * prose (docs/DESIGN.md, sections 3 and 4). What is found is reported with the
 * sentence it came from, so that an editor can review it. Implemented by
 * extract.c (a profile read through the two extractors), extract_law.c
 * (laws named in a sentence) and extract_treaty.c (treaty statements),
 * with the dates of extract_date.c.
 */
#ifndef PROFDIFF_EXTRACT_H
#define PROFDIFF_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/profile.h"
#include "profdiff/sentences.h"
#include "profdiff/treaties.h"

typedef enum pd_found_kind { PD_FOUND_LAW, PD_FOUND_TREATY } pd_found_kind;

/* One extraction: a law or treaty statement and where it was read. */
typedef struct pd_found {
	pd_found_kind kind;
	const char *summary;        /* "Law on Cybercrime (2015): law, in-force" */
	const char *note;           /* a conflict or doubt, or NULL */
	const pd_paragraph *para;   /* the paragraph holding the sentence */
	pd_span sentence;           /* byte range in para->text */
} pd_found;

/* A treaty mention statement: phrases such as "has ratified A, B, and C",
 * "is not a party to X or Y", "has not yet ratified ...", "is a party to
 * most ... except X and Y", "acceded to X", "signed but not ratified X",
 * "as a signatory to X". */
typedef struct pd_treaty_statement {
	int treaty;               /* vocabulary index */
	pd_treaty_status status;
	pd_treaty_via via;
	size_t start, end;        /* the mention, in the sentence */
	size_t phrase_start, phrase_end; /* the statement: "a signatory to
					  * the CRC", "the ICCPR was ratified" */
	pd_date date;             /* of an event (ratified, acceded, signed,
				   * withdrew, a reservation) said in the
				   * same stretch: "In August 2026, Laos
				   * acceded to X"; year 0: none */
	bool reservation;         /* "entered a reservation to X": no status
				   * (PD_TREATY_UNKNOWN), a reservation */
} pd_treaty_statement;

/* The vocabulary's aliases prepared for matching; lives in an arena. */
typedef struct pd_treaty_matcher pd_treaty_matcher;

int pd_treaty_matcher_new(pd_treaty_matcher **out, pd_arena *arena,
			  const pd_vocab *vocab);

/* The first treaty named in s[0..len) (its vocabulary index, with the
 * mention's range in *start, *end when not NULL), or -1. */
int pd_treaty_matcher_find(const pd_treaty_matcher *m, const char *s,
			   size_t len, size_t *start, size_t *end);

/* As pd_treaty_statements, with a prepared matcher. */
int pd_treaty_matcher_statements(const pd_treaty_matcher *m, pd_arena *arena,
				 const char *s, size_t len,
				 pd_treaty_statement **out, size_t *n);

/* A law named in a sentence. */
typedef struct pd_law_mention {
	size_t start, end;       /* the name, in the sentence */
	int year;                /* 0: none given */
	pd_law_type type;
	pd_law_status status;    /* PD_LAW_STATUS_UNKNOWN: none said */
	bool said;               /* the status is said ("was repealed",
				  * "draft"), not guessed from a year */
	pd_date date;            /* of the event said; year 0: none */
	size_t repl_s, repl_e;   /* the law that replaced it; 0, 0: none */
	size_t short_s, short_e; /* "(NSPI)" after the name; 0, 0: none */
} pd_law_mention;

/* Finds the laws named in one sentence (the rules of extract.c). Results
 * go into `arena`. Returns 0 or PD_ENOMEM. */
int pd_law_mentions(pd_arena *arena, const char *s, size_t len,
		    pd_law_mention **out, size_t *n);

/* Finds the treaty statements of one sentence. Mentions without a status
 * phrase before them (or a passive "X was ratified" after) are left out.
 * Results go into `arena`. Returns 0 or PD_ENOMEM. */
int pd_treaty_statements(pd_arena *arena, const pd_vocab *vocab,
			 const char *s, size_t len, pd_treaty_statement **out,
			 size_t *n);

/* Reads every paragraph of `p` and adds the laws and treaties found to
 * p->laws and p->treaties (merging repeated mentions: the first status
 * stands, except that "party" outranks "signatory"; citations are joined).
 * Treaties are then put in vocabulary order. *out receives one entry per
 * statement, in reading order, in the profile's arena. Returns 0 or
 * PD_ENOMEM. */
int pd_extract(pd_profile *p, const pd_vocab *vocab, pd_found **out,
	       size_t *n);

#endif
