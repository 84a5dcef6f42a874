/*
 * lint_rules.c: the lint rule table (docs/DESIGN.md, section 6) and
 * severity names.
 */
#include <string.h>

#include "profdiff/lint.h"

static const pd_rule_def rules[PD_RULE_COUNT] = {
	{PD_RULE_SCHEMA, "schema", PD_SEV_ERROR,
	 "the file is not a valid schema-1 profile"},
	{PD_RULE_MISSING_LAST_UPDATED, "missing-last-updated", PD_SEV_ERROR,
	 "the profile has no last_updated date"},
	{PD_RULE_DANGLING_CITATION, "dangling-citation", PD_SEV_ERROR,
	 "a citation marker points at a footnote that does not exist"},
	{PD_RULE_ORPHAN_FOOTNOTE, "orphan-footnote", PD_SEV_WARNING,
	 "a footnote is never cited in the prose"},
	{PD_RULE_BROKEN_CROSS_REF, "broken-cross-ref", PD_SEV_ERROR,
	 "an (n X) cross-reference points at a missing or later footnote"},
	{PD_RULE_CROSS_REF_MISMATCH, "cross-ref-mismatch", PD_SEV_WARNING,
	 "an (n X) short form names a source not in footnote X"},
	{PD_RULE_IBID_NO_ANTECEDENT, "ibid-no-antecedent", PD_SEV_ERROR,
	 "ibid has no previous footnote to repeat"},
	{PD_RULE_UNCITED_ASSERTION, "uncited-assertion", PD_SEV_WARNING,
	 "a factual sentence carries no citation"},
	{PD_RULE_UNCITED_SENTENCE, "uncited-sentence", PD_SEV_INFO,
	 "a sentence carries no citation (--strict)"},
	{PD_RULE_ACCESSED_AFTER_UPDATE, "accessed-after-update", PD_SEV_WARNING,
	 "a source was accessed after the profile's last_updated date"},
	{PD_RULE_FUTURE_DATE, "future-date", PD_SEV_ERROR,
	 "last_updated is in the future"},
	{PD_RULE_DATE_REGRESSION, "date-regression", PD_SEV_ERROR,
	 "last_updated is earlier than the previous published revision"},
	{PD_RULE_DATE_NOT_BUMPED, "date-not-bumped", PD_SEV_ERROR,
	 "content changed since the last published revision without a new "
	 "last_updated"},
	{PD_RULE_TREATY_CONTRADICTION, "treaty-contradiction", PD_SEV_WARNING,
	 "the treaties list and the prose disagree on a treaty's status"},
	{PD_RULE_UNLISTED_LAW, "unlisted-law", PD_SEV_INFO,
	 "a law named in the prose is missing from laws"},
	{PD_RULE_DUPLICATE_SOURCE, "duplicate-source", PD_SEV_INFO,
	 "the same source is cited in full in two footnotes"},
	{PD_RULE_SUPPRESSION_ADDED, "suppression-added", PD_SEV_ERROR,
	 "a lint.ignore entry an update adds silences an error"},
};

const pd_rule_def *pd_rule_get(pd_rule_id id)
{
	return (unsigned)id < PD_RULE_COUNT ? &rules[id] : NULL;
}

int pd_rule_lookup(const char *name, size_t len)
{
	int i;

	for (i = 0; i < PD_RULE_COUNT; i++)
		if (strlen(rules[i].name) == len &&
		    memcmp(rules[i].name, name, len) == 0)
			return i;
	return -1;
}

static const char *const severity_names[] = {"off", "info", "warning",
					      "error"};

const char *pd_severity_name(pd_severity s)
{
	return (unsigned)s <= PD_SEV_ERROR ? severity_names[s] : "off";
}

int pd_severity_lookup(const char *name, size_t len)
{
	int i;

	for (i = 0; i <= PD_SEV_ERROR; i++)
		if (strlen(severity_names[i]) == len &&
		    memcmp(severity_names[i], name, len) == 0)
			return i;
	return -1;
}
