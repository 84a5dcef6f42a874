/*
 * lint.h: the lint rules (docs/DESIGN.md, section 6): the rule table
 * (lint_rules.c), a profile linted (lint.c), and the findings of two
 * revisions compared (lint_compare.c).
 */
#ifndef PROFDIFF_LINT_H
#define PROFDIFF_LINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/error.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"

typedef enum pd_severity {
	PD_SEV_OFF,
	PD_SEV_INFO,
	PD_SEV_WARNING,
	PD_SEV_ERROR
} pd_severity;

typedef enum pd_rule_id {
	PD_RULE_SCHEMA,
	PD_RULE_MISSING_LAST_UPDATED,
	PD_RULE_DANGLING_CITATION,
	PD_RULE_ORPHAN_FOOTNOTE,
	PD_RULE_BROKEN_CROSS_REF,
	PD_RULE_CROSS_REF_MISMATCH,
	PD_RULE_IBID_NO_ANTECEDENT,
	PD_RULE_UNCITED_ASSERTION,
	PD_RULE_UNCITED_SENTENCE,
	PD_RULE_ACCESSED_AFTER_UPDATE,
	PD_RULE_FUTURE_DATE,
	PD_RULE_DATE_REGRESSION,
	PD_RULE_DATE_NOT_BUMPED,
	PD_RULE_TREATY_CONTRADICTION,
	PD_RULE_UNLISTED_LAW,
	PD_RULE_DUPLICATE_SOURCE,
	PD_RULE_SUPPRESSION_ADDED, /* found by the gate (gate.h) */
	PD_RULE_COUNT
} pd_rule_id;

typedef struct pd_rule_def {
	pd_rule_id id;
	const char *name;         /* "dangling-citation" */
	pd_severity severity;     /* default */
	const char *summary;      /* one line for --help and SARIF */
} pd_rule_def;

/* The rule table, PD_RULE_COUNT entries indexed by pd_rule_id. */
const pd_rule_def *pd_rule_get(pd_rule_id id);

/* The rule named `name` (`len` bytes), or -1. */
int pd_rule_lookup(const char *name, size_t len);

const char *pd_severity_name(pd_severity s);
int pd_severity_lookup(const char *name, size_t len);

/* A rule's severity as configured (.profdiff.yaml lint.severity). */
typedef struct pd_rule_severity {
	pd_rule_id rule;
	pd_severity severity;
} pd_rule_severity;

typedef enum pd_uncited_mode {
	PD_UNCITED_PARAGRAPH, /* a citation later in the paragraph covers */
	PD_UNCITED_SENTENCE   /* every sentence needs its own */
} pd_uncited_mode;

typedef struct pd_lint_options {
	unsigned version;
	const pd_rule_severity *severities; /* overrides of the defaults */
	size_t nseverities;
	bool strict;              /* report uncited-sentence too */
	pd_uncited_mode uncited;
	pd_date today;            /* for future-date; year 0: not checked */
	const pd_profile *previous; /* the previous published revision, for
				     * date-regression and date-not-bumped;
				     * NULL: not checked */
	const pd_vocab *vocab;    /* NULL: the built-in vocabulary */
	/* the treaty names of `vocab`, indexed once for many profiles (it is
	 * only read: threads may share it); NULL: pd_lint indexes them */
	const struct pd_treaty_matcher *matcher;
} pd_lint_options;

#define PD_LINT_OPTIONS_VERSION 1
#define PD_LINT_OPTIONS_INIT \
	{PD_LINT_OPTIONS_VERSION, NULL, 0, false, PD_UNCITED_PARAGRAPH, \
	 {0, 0, 0}, NULL, NULL, NULL}

/* The longest excerpt of its claim a finding carries, in bytes. */
#define PD_FINDING_EXCERPT_MAX 200

/* One finding. Strings live in the result's arena. A finding that recurs
 * in one sentence (the same rule, footnote and message) is one finding
 * with its count, which its message states. */
typedef struct pd_finding {
	pd_rule_id rule;
	pd_severity severity;
	pd_pos pos;          /* in the profile's source (the first
			      * occurrence); 0 when unknown */
	uint32_t footnote;   /* the footnote it is about, or 0 */
	size_t count;        /* occurrences in its sentence, >= 1 */
	const char *text;    /* the claim it is about, cut to an excerpt of
			      * at most PD_FINDING_EXCERPT_MAX bytes, or
			      * NULL */
	const char *message;
	uint64_t about;      /* what it is about, whatever the positions and
			      * footnote numbers: its footnote's sources (by
			      * identity), else its claim's normal form
			      * without markers; 0: the profile itself */
} pd_finding;

typedef struct pd_lint_result {
	pd_arena *arena;
	pd_finding *findings; /* by position */
	size_t nfindings;
	size_t count[PD_SEV_ERROR + 1]; /* findings per severity */
} pd_lint_result;

/* Lints a profile: every rule of docs/DESIGN.md, section 6 but `schema`, whose
 * findings come from the reader (pd_lint_schema). Findings whose severity
 * is off, and those the profile's lint.ignore names, are left out. On
 * success *out is a new result owned by the caller. Returns 0 or
 * PD_ENOMEM. */
int pd_lint(pd_lint_result **out, const pd_profile *p,
	    const pd_lint_options *opts);

/* A result holding one `schema` finding for a reader error. */
int pd_lint_schema(pd_lint_result **out, const pd_error *err,
		   const pd_lint_options *opts);

/* A result holding a `schema` finding for each of `n` reader errors
 * (pd_yaml_read_errors), by position. */
int pd_lint_schema_errors(pd_lint_result **out, const pd_error *errs,
			  size_t n, const pd_lint_options *opts);

/* Sorts `n` findings in place by position, then rule; findings at one
 * place keep their order. Every result is kept so (a gate adding its own
 * findings too). Returns 0 or PD_ENOMEM. */
int pd_lint_sort_findings(pd_finding *v, size_t n);

/* The severity of `rule` under the options' overrides. */
pd_severity pd_lint_severity(const pd_lint_options *opts, pd_rule_id rule);

void pd_lint_result_free(pd_lint_result *r);

/* The findings of a profile after an update against those before it,
 * matched by rule and by what they are about (pd_finding.about), never by
 * line, column or footnote number: renumbering footnotes or re-wrapping
 * lines introduces nothing and fixes nothing. Findings repeated are
 * matched one for one. */
typedef struct pd_lint_delta {
	const pd_finding **introduced; /* of `after`, in its order */
	size_t nintroduced;
	const pd_finding **fixed;      /* of `before`, in its order */
	size_t nfixed;
	size_t unchanged;
} pd_lint_delta;

/* Compares; either result may be NULL (no findings). What *out points to
 * lives in `arena` and in the two results. Returns 0 or PD_ENOMEM. */
int pd_lint_compare(pd_arena *arena, const pd_lint_result *before,
		    const pd_lint_result *after, pd_lint_delta *out);

/* What a finding about claim `text` is about when it is not about a
 * footnote's sources (pd_finding.about): the claim's normal form without
 * its markers. */
uint64_t pd_lint_claim_about(const char *text, size_t len);

/* Two claims the diff paired (a rewording, a split, a merge): the about
 * of the claim before and of the claim after. */
typedef struct pd_about_pair {
	uint64_t before, after;
} pd_about_pair;

/* As pd_lint_compare, and then findings left over on both sides, of the
 * same rule, about claims the diff paired (`pairs`, which it sorts), are
 * matched too: rewording a claim does not make its old findings new. */
int pd_lint_compare_paired(pd_arena *arena, const pd_lint_result *before,
			   const pd_lint_result *after, pd_about_pair *pairs,
			   size_t npairs, pd_lint_delta *out);

#endif
