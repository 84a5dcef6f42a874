/*
 * gate.h: the one rule set of every gate (docs/DESIGN.md, section 8).
 *
 * lint in a repository, the pre-commit hook, commit, review and the
 * pre-receive hook decide what to refuse through pd_gate_check alone, so
 * that each gives the same verdict and the same message. The core knows
 * nothing of git: the caller gives it the facts, the profile as the
 * publication branch holds it (its newest published revision), and it
 * decides:
 *
 * - every lint rule, with the options' severities;
 * - a last_updated after today (future-date), earlier than the published
 *   one (date-regression), or equal to it while the content changed in
 *   substance (date-not-bumped): a published date's content is fixed but
 *   for editorial changes; a date newer than the published one is a draft,
 *   free to change;
 * - a lint.ignore entry not in the published revision that silences an
 *   error (suppression-added): an update does not switch off its own
 *   checks.
 */
#ifndef PROFDIFF_GATE_H
#define PROFDIFF_GATE_H

#include <stdbool.h>

#include "profdiff/lint.h"

typedef struct pd_gate_facts {
	unsigned version;
	/* the profile as published (the publication branch's version);
	 * NULL: it never was published, and every lint.ignore entry it has
	 * is one the update adds */
	const pd_profile *published;
} pd_gate_facts;

#define PD_GATE_FACTS_VERSION 1
#define PD_GATE_FACTS_INIT {PD_GATE_FACTS_VERSION, NULL}

/* Checks profile `p`, or, when it does not read, its reader error
 * `broken` (a schema finding), against the facts with the options' rules
 * (opts->previous is replaced by facts->published). *out receives every
 * finding, by position, owned by the caller (pd_lint_result_free).
 * Returns 0 or PD_ENOMEM. */
int pd_gate_check(pd_lint_result **out, const pd_profile *p,
		  const pd_error *broken, const pd_gate_facts *facts,
		  const pd_lint_options *opts);

/* The verdict: is a result refused? It is when it holds an error. */
bool pd_gate_refuses(const pd_lint_result *r);

#endif
