/*
 * test_gate.c: the one rule set of every gate (gate.c): the date rules
 * against the published revision, drafts, editorial changes under a
 * published date, and lint.ignore entries an update adds.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "profdiff/gate.h"
#include "profdiff/yaml.h"
#include "testutil.h"

/* A published revision: clean, dated 2026-01-20. */
static const char published_text[] =
	"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
	"sections:\n  - title: Law\n    paragraphs:\n"
	"      - The ministry registered 4,000 births in 2025.[1]\n"
	"footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n";

static pd_profile *profile(const char *text)
{
	pd_profile *p = tu_read_yaml(text, strlen(text), "t.yaml");

	ck_assert_ptr_nonnull(p);
	return p;
}

/* `text` with `from` replaced by `to` (once), as a profile. */
static pd_profile *edited(const char *text, const char *from, const char *to)
{
	char buf[2048];
	const char *at = strstr(text, from);

	ck_assert_ptr_nonnull(at);
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - text), text, to,
		 at + strlen(from));
	return profile(buf);
}

static size_t count_rule(const pd_lint_result *r, pd_rule_id rule)
{
	size_t i, k = 0;

	for (i = 0; i < r->nfindings; i++)
		k += r->findings[i].rule == rule;
	return k;
}

/* Checks `p` against `pub`, today 2026-06-01. */
static pd_lint_result *gate(const pd_profile *p, const pd_profile *pub,
			    const pd_lint_options *base)
{
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_gate_facts f = PD_GATE_FACTS_INIT;
	pd_lint_result *r = NULL;

	if (base)
		o = *base;
	o.today = (pd_date){2026, 6, 1};
	f.published = pub;
	ck_assert_int_eq(pd_gate_check(&r, p, NULL, &f, &o), 0);
	ck_assert_ptr_nonnull(r);
	return r;
}

START_TEST(a_date_going_backwards_is_refused)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "2026-01-20", "2026-01-10");
	pd_lint_result *r = gate(p, pub, NULL);

	ck_assert_uint_eq(count_rule(r, PD_RULE_DATE_REGRESSION), 1);
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

START_TEST(a_substantive_change_under_a_published_date_is_refused)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "4,000", "5,000");
	pd_lint_result *r = gate(p, pub, NULL);

	ck_assert_uint_eq(count_rule(r, PD_RULE_DATE_NOT_BUMPED), 1);
	ck_assert_int_eq(r->findings[0].severity, PD_SEV_ERROR);
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

/* A plain rewording under a published date needs a new date too, and is
 * told as what it is, no change in substance. */
START_TEST(a_rewording_under_a_published_date_says_so)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "The ministry registered",
			       "The ministry recorded");
	pd_lint_result *r = gate(p, pub, NULL);

	ck_assert_uint_eq(count_rule(r, PD_RULE_DATE_NOT_BUMPED), 1);
	ck_assert_msg(strncmp(r->findings[0].message,
			      "claims were reworded since the revision "
			      "published on 2026-01-20 (",
			      65) == 0,
		      "%s", r->findings[0].message);
	ck_assert(strstr(r->findings[0].message,
			 "only editorial changes keep a published date"));
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

/* On the day of publication a revision may still be corrected: its date,
 * today's, stays true, and no later one may be given. */
START_TEST(a_revision_is_corrected_on_its_day)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "4,000", "5,000");
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_gate_facts f = PD_GATE_FACTS_INIT;
	pd_lint_result *r = NULL;

	o.today = (pd_date){2026, 1, 20};
	f.published = pub;
	ck_assert_int_eq(pd_gate_check(&r, p, NULL, &f, &o), 0);
	ck_assert_uint_eq(count_rule(r, PD_RULE_DATE_NOT_BUMPED), 0);
	ck_assert(!pd_gate_refuses(r));
	pd_lint_result_free(r);
	/* the day after, the same change is refused */
	o.today = (pd_date){2026, 1, 21};
	ck_assert_int_eq(pd_gate_check(&r, p, NULL, &f, &o), 0);
	ck_assert_uint_eq(count_rule(r, PD_RULE_DATE_NOT_BUMPED), 1);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

START_TEST(a_new_date_is_a_draft_free_to_change)
{
	pd_profile *pub = profile(published_text);
	pd_profile *d = edited(published_text, "2026-01-20", "2026-03-01");
	pd_profile *q;
	pd_lint_result *r;

	/* the date moved, and the figure changed under it */
	q = edited("schema: 1\ncountry: Laos\nlast_updated: 2026-03-01\n"
		   "sections:\n  - title: Law\n    paragraphs:\n"
		   "      - The ministry registered 4,000 births in 2025.[1]\n"
		   "footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n",
		   "4,000", "6,000");
	r = gate(q, pub, NULL);
	ck_assert(!pd_gate_refuses(r));
	ck_assert_uint_eq(r->nfindings, 0);
	pd_lint_result_free(r);
	r = gate(d, pub, NULL);
	ck_assert(!pd_gate_refuses(r));
	pd_lint_result_free(r);
	pd_profile_free(q);
	pd_profile_free(d);
	pd_profile_free(pub);
}
END_TEST

START_TEST(a_typo_fix_under_a_published_date_is_allowed)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "The ministry", "The  Ministry");
	pd_lint_result *r = gate(p, pub, NULL);

	ck_assert(!pd_gate_refuses(r));
	ck_assert_uint_eq(r->nfindings, 0);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

START_TEST(the_published_profile_itself_passes)
{
	pd_profile *pub = profile(published_text);
	pd_lint_result *r = gate(pub, pub, NULL);

	ck_assert(!pd_gate_refuses(r));
	ck_assert_uint_eq(r->nfindings, 0);
	pd_lint_result_free(r);
	pd_profile_free(pub);
}
END_TEST

START_TEST(a_future_date_is_refused_published_or_not)
{
	pd_profile *pub = profile(published_text);
	pd_profile *p = edited(published_text, "2026-01-20", "2031-01-01");
	pd_lint_result *r = gate(p, pub, NULL);

	ck_assert_uint_eq(count_rule(r, PD_RULE_FUTURE_DATE), 1);
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	r = gate(p, NULL, NULL);
	ck_assert_uint_eq(count_rule(r, PD_RULE_FUTURE_DATE), 1);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

START_TEST(an_added_ignore_that_silences_an_error_is_a_finding)
{
	static const char silenced[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-03-01\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - The ministry registered 4,000 births in 2025.[9]\n"
		"footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n"
		"lint:\n  ignore: [dangling-citation, orphan-footnote]\n";
	pd_profile *pub = profile(published_text);
	pd_profile *p = profile(silenced);
	pd_profile *again;
	pd_lint_result *r = gate(p, pub, NULL);
	pd_lint_options off = PD_LINT_OPTIONS_INIT;
	pd_rule_severity sev = {PD_RULE_SUPPRESSION_ADDED, PD_SEV_OFF};

	/* the error silenced is one finding; the warning silenced none */
	ck_assert_uint_eq(r->nfindings, 1);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_SUPPRESSION_ADDED);
	ck_assert_int_eq(r->findings[0].severity, PD_SEV_ERROR);
	ck_assert_uint_eq(r->findings[0].pos.line, 11);
	ck_assert_uint_eq(r->findings[0].pos.col, 12);
	ck_assert_str_eq(r->findings[0].message,
			 "the lint.ignore entry for dangling-citation added "
			 "since the published revision silences an error: [9] "
			 "cites footnote 9, which does not exist");
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	/* never published: every entry is added */
	r = gate(p, NULL, NULL);
	ck_assert_uint_eq(count_rule(r, PD_RULE_SUPPRESSION_ADDED), 1);
	pd_lint_result_free(r);
	/* an entry the published revision had is the team's, not new */
	again = edited(silenced, "2026-03-01", "2026-04-01");
	r = gate(again, p, NULL);
	ck_assert_uint_eq(r->nfindings, 0);
	pd_lint_result_free(r);
	/* a configuration that allows them */
	off.severities = &sev;
	off.nseverities = 1;
	r = gate(p, pub, &off);
	ck_assert_uint_eq(r->nfindings, 0);
	ck_assert(!pd_gate_refuses(r));
	pd_lint_result_free(r);
	pd_profile_free(again);
	pd_profile_free(p);
	pd_profile_free(pub);
}
END_TEST

START_TEST(a_file_that_does_not_read_is_its_schema_error)
{
	pd_error e = {PD_EINVALID, "t.yaml", {3, 4}, "expected a scalar"};
	pd_lint_result *r = NULL;

	ck_assert_int_eq(pd_gate_check(&r, NULL, &e, NULL, NULL), 0);
	ck_assert_uint_eq(r->nfindings, 1);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_SCHEMA);
	ck_assert(pd_gate_refuses(r));
	pd_lint_result_free(r);
	ck_assert(!pd_gate_refuses(NULL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gate");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, a_date_going_backwards_is_refused);
	tcase_add_test(tc, a_substantive_change_under_a_published_date_is_refused);
	tcase_add_test(tc, a_new_date_is_a_draft_free_to_change);
	tcase_add_test(tc, a_rewording_under_a_published_date_says_so);
	tcase_add_test(tc, a_revision_is_corrected_on_its_day);
	tcase_add_test(tc, a_typo_fix_under_a_published_date_is_allowed);
	tcase_add_test(tc, the_published_profile_itself_passes);
	tcase_add_test(tc, a_future_date_is_refused_published_or_not);
	tcase_add_test(tc, an_added_ignore_that_silences_an_error_is_a_finding);
	tcase_add_test(tc, a_file_that_does_not_read_is_its_schema_error);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
