/*
 * lint.h: the lint rules (DESIGN.md section 6).
 */
#ifndef PROFDIFF_LINT_H
#define PROFDIFF_LINT_H

#include <stddef.h>

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

#endif
