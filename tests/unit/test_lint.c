#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/extract.h"
#include "profdiff/lint.h"
#include "profdiff/page_import.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static pd_profile *read_rel(const char *rel)
{
	pd_buf b = tu_fixture(rel);
	pd_profile *p = tu_read_yaml(b.ptr, b.len, rel);

	pd_buf_free(&b);
	return p;
}

/* Runs one rule fixture: its "# expect: L:C rule message" lines are
 * exactly the findings of that rule, in order; "# option: strict",
 * "# option: today YYYY-MM-DD" and "# previous: FILE" set the options. */
static void run_rule_fixture(const char *name, const char *rule)
{
	char rel[512], *line, *save = NULL;
	pd_buf text;
	pd_profile *p, *prev = NULL;
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_lint_result *r;
	struct {
		unsigned line, col;
		char msg[512];
	} want[16];
	size_t nwant = 0, got = 0, i;

	snprintf(rel, sizeof(rel), "lint/rules/%s", name);
	p = read_rel(rel);
	text = tu_fixture(rel);
	for (line = strtok_r(text.ptr, "\n", &save); line && line[0] == '#';
	     line = strtok_r(NULL, "\n", &save)) {
		char r2[64], date[16], file[256];

		if (sscanf(line, "# expect: %u:%u %63s %511[^\n]",
			   &want[nwant].line, &want[nwant].col, r2,
			   want[nwant].msg) == 4) {
			ck_assert_str_eq(r2, rule);
			ck_assert(++nwant < 16);
		} else if (strcmp(line, "# option: strict") == 0) {
			o.strict = true;
		} else if (sscanf(line, "# option: today %15s", date) == 1) {
			ck_assert(pd_date_parse(date, strlen(date), &o.today));
		} else if (sscanf(line, "# previous: %255s", file) == 1) {
			snprintf(rel, sizeof(rel), "lint/rules/%s", file);
			prev = read_rel(rel);
			o.previous = prev;
		}
	}
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	for (i = 0; i < r->nfindings; i++) {
		const pd_finding *f = &r->findings[i];

		if (strcmp(pd_rule_get(f->rule)->name, rule) != 0)
			continue;
		ck_assert_msg(got < nwant, "%s: unexpected %u:%u %s", name,
			      f->pos.line, f->pos.col, f->message);
		ck_assert_msg(f->pos.line == want[got].line &&
				      f->pos.col == want[got].col &&
				      strcmp(f->message, want[got].msg) == 0,
			      "%s: got %u:%u '%s', expected %u:%u '%s'", name,
			      f->pos.line, f->pos.col, f->message,
			      want[got].line, want[got].col, want[got].msg);
		ck_assert_int_eq(f->severity, pd_rule_get(f->rule)->severity);
		got++;
	}
	ck_assert_msg(got == nwant, "%s: %zu findings of %s, expected %zu",
		      name, got, rule, nwant);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_profile_free(prev);
	pd_buf_free(&text);
}

/* Every rule but schema (the reader's) and suppression-added (the gate's,
 * test_gate.c) has a failing and a passing fixture. */
START_TEST(each_rule_fails_and_passes)
{
	const pd_rule_def *d = pd_rule_get((pd_rule_id)_i);
	char name[128];

	if (d->id == PD_RULE_SCHEMA || d->id == PD_RULE_SUPPRESSION_ADDED)
		return;
	snprintf(name, sizeof(name), "%s-fail.yaml", d->name);
	run_rule_fixture(name, d->name);
	snprintf(name, sizeof(name), "%s-pass.yaml", d->name);
	run_rule_fixture(name, d->name);
}
END_TEST

START_TEST(schema_findings_come_from_the_reader)
{
	pd_buf b = tu_fixture("yaml/invalid/duplicate-key.yaml");
	pd_profile *p = NULL;
	pd_lint_result *r;

	ck_assert_int_eq(pd_yaml_read(&p, b.ptr, b.len, "d.yaml", NULL),
			 PD_EINVALID);
	ck_assert_int_eq(pd_lint_schema(&r, pd_error_last(), NULL), 0);
	ck_assert_uint_eq(r->nfindings, 1);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_SCHEMA);
	ck_assert_int_eq(r->findings[0].severity, PD_SEV_ERROR);
	ck_assert_uint_eq(r->findings[0].pos.line, 4);
	ck_assert_str_eq(r->findings[0].message,
			 "duplicate key 'country' (first at line 2)");
	ck_assert_uint_eq(r->count[PD_SEV_ERROR], 1);
	pd_lint_result_free(r);
	pd_buf_free(&b);
}
END_TEST

START_TEST(severities_and_modes_are_configurable)
{
	pd_profile *p = read_rel("lint/rules/uncited-assertion-pass.yaml");
	pd_rule_severity sev[] = {{PD_RULE_UNCITED_ASSERTION, PD_SEV_ERROR},
				  {PD_RULE_MISSING_LAST_UPDATED, PD_SEV_OFF}};
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_lint_result *r;

	/* paragraph mode: nothing; sentence mode: the quotation is alone */
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	ck_assert_uint_eq(r->nfindings, 0);
	pd_lint_result_free(r);
	o.uncited = PD_UNCITED_SENTENCE;
	o.severities = sev;
	o.nseverities = 2;
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	ck_assert_uint_eq(r->nfindings, 1);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_UNCITED_ASSERTION);
	ck_assert_int_eq(r->findings[0].severity, PD_SEV_ERROR);
	ck_assert_str_eq(r->findings[0].text,
			 "Missing are provisions on \xE2\x80\x98" "digital "
			 "signature infrastructure\xE2\x80\x99.");
	pd_lint_result_free(r);
	pd_profile_free(p);
	/* off silences a rule: only the orphan footnote is left */
	p = read_rel("lint/rules/missing-last-updated-fail.yaml");
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	ck_assert_uint_eq(r->nfindings, 1);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_ORPHAN_FOOTNOTE);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* The reason an uncited sentence is an assertion, for every signal: each
 * body and verb (also mid-sentence and at the end), the quotes, an
 * article; and sentences that only look like one carry none. */
static const char *why_uncited(const char *sentence)
{
	static char msg[512];
	char y[1024];
	pd_profile *p;
	pd_lint_result *r;
	size_t k;

	snprintf(y, sizeof(y),
		 "schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		 "sections:\n  - title: Law\n    paragraphs:\n      - '%s'\n",
		 sentence);
	p = tu_read_yaml(y, strlen(y), "why.yaml");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	msg[0] = '\0';
	for (k = 0; k < r->nfindings; k++)
		if (r->findings[k].rule == PD_RULE_UNCITED_ASSERTION)
			snprintf(msg, sizeof(msg), "%s", r->findings[k].message);
	pd_lint_result_free(r);
	pd_profile_free(p);
	return msg;
}

START_TEST(every_factual_signal)
{
	static const char *const bodies[] = {
		"Ministry", "Ministries", "Department", "Committee", "Council",
		"Commission", "Commissioner", "Agency", "Court", "Tribunal",
		"Parliament", "Assembly", "Secretariat", "Rapporteur",
		"Authority", "Bank", "UN", "UNHCR", "UNICEF", "UNDP", "UNESCAP",
		"ESCAP", "OHCHR", "UNGA", "UNFPA", "UNESCO", "ILO", "IOM",
		"ASEAN", "EU", "World Bank", "Human Rights Watch",
		"Amnesty International"};
	static const char *const events[] = {
		"ratified", "launched", "adopted", "enacted", "signed",
		"introduced", "established", "issued", "approved",
		"promulgated", "announced", "released", "noted", "recommended",
		"pledged", "acceded", "amended", "repealed", "passed"};
	static const struct {
		const char *sentence, *why;
	} fixed[] = {
		{"It says \"no\".", "quotes a source"},
		{"It says \xE2\x80\x98no\xE2\x80\x99.", "quotes a source"},
		{"It says \xE2\x80\x9Cno\xE2\x80\x9D.", "quotes a source"},
		{"See Article 5 on this.", "refers to an article"},
		{"See Art. 5 on this.", "refers to an article"},
		{"See Articles 5 and 6.", "refers to an article"},
		{"Ministry officials were signed up.",
		 "names a body (Ministry)"},
		{"It was signed by the Ministry.", "reports an event ('signed')"},
		{"See Art on this.", ""},
		{"An Artful dodge.", ""},
		{"The Ministryx and the unsigned are no signal.", ""},
		{"Nothing here at all.", ""},
	};
	char sentence[256], want[256];
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(*bodies); i++) {
		snprintf(sentence, sizeof(sentence), "So said the %s.",
			 bodies[i]);
		snprintf(want, sizeof(want),
			 "no citation for a sentence that names a body (%s)",
			 bodies[i]);
		ck_assert_str_eq(why_uncited(sentence), want);
		snprintf(sentence, sizeof(sentence), "%s", bodies[i]);
		ck_assert_str_eq(why_uncited(sentence), want);
	}
	for (i = 0; i < sizeof(events) / sizeof(*events); i++) {
		snprintf(sentence, sizeof(sentence), "It was %s at last.",
			 events[i]);
		snprintf(want, sizeof(want),
			 "no citation for a sentence that reports an event "
			 "('%s')",
			 events[i]);
		ck_assert_str_eq(why_uncited(sentence), want);
	}
	for (i = 0; i < sizeof(fixed) / sizeof(*fixed); i++) {
		if (fixed[i].why[0])
			snprintf(want, sizeof(want),
				 "no citation for a sentence that %s",
				 fixed[i].why);
		else
			want[0] = '\0';
		ck_assert_str_eq(why_uncited(fixed[i].sentence), want);
	}
}
END_TEST

/* Messages are formatted as printf would, numbers and quoted text alike,
 * and one over 1,023 bytes is cut there: a source with a 3,000-byte title
 * cited in full twice. */
START_TEST(messages_are_formatted_and_bounded)
{
	char title[3001], y[8192], want[1024];
	pd_profile *p;
	pd_lint_result *r;
	size_t k, seen = 0;

	memset(title, 'x', 3000);
	title[3000] = '\0';
	title[0] = 'T';
	snprintf(y, sizeof(y),
		 "schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		 "sections:\n  - title: Law\n    paragraphs:\n"
		 "      - A.[1] B.[12]\n"
		 "footnotes:\n  1: \"Smith, \u2018Short Title\u2019 (UN 2020).\"\n"
		 "  12: \"Smith, \u2018Short Title\u2019 (UN 2020).\"\n"
		 "  13: \"Jones, \u2018%s\u2019 (UN 2020).\"\n"
		 "  14: \"Jones, \u2018%s\u2019 (UN 2020).\"\n",
		 title, title);
	p = tu_read_yaml(y, strlen(y), "long.yaml");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	for (k = 0; k < r->nfindings; k++) {
		const pd_finding *f = &r->findings[k];

		if (f->rule != PD_RULE_DUPLICATE_SOURCE)
			continue;
		seen++;
		if (f->footnote == 12) {
			ck_assert_str_eq(f->message,
					 "footnote 12 cites 'Short Title' in "
					 "full again (first in footnote 1); a "
					 "cross-reference (n 1) would do");
		} else {
			ck_assert_uint_eq(f->footnote, 14);
			/* the message's head, then the title to byte 1,023 */
			strcpy(want, "footnote 14 cites '");
			memcpy(want + strlen(want), title,
			       1023 - strlen(want));
			want[1023] = '\0';
			ck_assert_uint_eq(strlen(f->message), 1023);
			ck_assert_str_eq(f->message, want);
		}
	}
	ck_assert_uint_eq(seen, 2);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

START_TEST(lint_ignore_silences_what_it_names)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - Missing are provisions on 'data'. Since 2020 it "
		"changed.\n      - Text.[6][7]\n"
		"footnotes:\n  1: A.\n  2: B.\n"
		"lint:\n  ignore:\n"
		"    - {rule: uncited-assertion, text: \"missing  ARE "
		"provisions\"}\n"
		"    - {rule: dangling-citation, footnote: 6}\n"
		"    - orphan-footnote\n";
	pd_profile *p = tu_read_yaml(y, sizeof(y) - 1, "ignore.yaml");
	pd_lint_result *r;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	/* left: the second uncited sentence and [7] */
	ck_assert_uint_eq(r->nfindings, 2);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_UNCITED_ASSERTION);
	ck_assert_str_eq(r->findings[0].text, "Since 2020 it changed.");
	ck_assert_int_eq(r->findings[1].rule, PD_RULE_DANGLING_CITATION);
	ck_assert_uint_eq(r->findings[1].footnote, 7);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* lint.ignore takes ranges and lists of footnotes; footnotes cited
 * elsewhere on the page are no orphans, and the others still are. */
START_TEST(footnote_ranges_and_footnotes_cited_elsewhere)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - Text.[30][31][32][33]\n"
		"footnotes:\n  1: A.\n  2: B.\n  3: C.\n  4: D.\n  5: E.\n"
		"  30: F.\n"
		"footnotes_cited_elsewhere: 1-2\n"
		"lint:\n  ignore:\n"
		"    - {rule: dangling-citation, footnote: [31, 33]}\n"
		"    - {rule: orphan-footnote, footnote: [4]}\n";
	pd_profile *p = tu_read_yaml(y, sizeof(y) - 1, "sets.yaml");
	pd_lint_result *r;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	/* left: [32] dangling; footnotes 3 and 5 orphans */
	ck_assert_uint_eq(r->nfindings, 3);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_DANGLING_CITATION);
	ck_assert_uint_eq(r->findings[0].footnote, 32);
	ck_assert_int_eq(r->findings[1].rule, PD_RULE_ORPHAN_FOOTNOTE);
	ck_assert_uint_eq(r->findings[1].footnote, 3);
	ck_assert_int_eq(r->findings[2].rule, PD_RULE_ORPHAN_FOOTNOTE);
	ck_assert_uint_eq(r->findings[2].footnote, 5);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* The real defects of the three bundled profiles, one by one: each
 * lint/real/NAME.expected line is a finding "L:C severity rule fn
 * message", in order; the pages' findings are the same, at page
 * positions (NAME.page.expected). */
static void assert_expected(const pd_lint_result *r, const char *rel)
{
	pd_buf want = tu_fixture(rel);
	char *line, *save = NULL;
	size_t i = 0;

	for (line = strtok_r(want.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), i++) {
		char got[2048];
		const pd_finding *f;

		ck_assert_msg(i < r->nfindings, "%s: finding %zu missing: %s",
			      rel, i, line);
		f = &r->findings[i];
		snprintf(got, sizeof(got), "%u:%u %s %s %u %s",
			 (unsigned)f->pos.line, (unsigned)f->pos.col,
			 pd_severity_name(f->severity),
			 pd_rule_get(f->rule)->name, (unsigned)f->footnote,
			 f->message);
		ck_assert_msg(strcmp(got, line) == 0,
			      "%s: finding %zu is\n  %s\nexpected\n  %s", rel, i,
			      got, line);
	}
	ck_assert_msg(i == r->nfindings, "%s: %zu more findings than expected",
		      rel, r->nfindings - i);
	pd_buf_free(&want);
}

static const char *const real[] = {"cambodia", "laos", "north-korea"};

START_TEST(real_profiles_defects)
{
	char rel[256];
	pd_profile *p;
	pd_lint_result *r;
	pd_buf b;

	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_arena *a = pd_arena_new();
	pd_treaty_matcher *m;

	snprintf(rel, sizeof(rel), "../../profiles/%s.yaml", real[_i]);
	p = read_rel(rel);
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	snprintf(rel, sizeof(rel), "lint/real/%s.expected", real[_i]);
	assert_expected(r, rel);
	pd_lint_result_free(r);
	/* the same with the treaty names indexed ahead, as for many files */
	ck_assert_int_eq(pd_treaty_matcher_new(&m, a, NULL), 0);
	o.matcher = m;
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	assert_expected(r, rel);
	pd_lint_result_free(r);
	pd_arena_free(a);
	pd_profile_free(p);

	snprintf(rel, sizeof(rel), "pages/%s.txt", real[_i]);
	b = tu_fixture(rel);
	ck_assert_int_eq(pd_page_import(&p, NULL, b.ptr, b.len, rel, NULL), 0);
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	snprintf(rel, sizeof(rel), "lint/real/%s.page.expected", real[_i]);
	assert_expected(r, rel);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&b);
}
END_TEST


/* A profile of one paragraph (`para`, a double-quoted YAML scalar on one
 * line), laws (YAML lines) and footnotes (YAML lines), built in a buffer. */
static pd_profile *one_paragraph(const char *para, const char *laws,
				 const char *notes)
{
	pd_buf y = PD_BUF_INIT;
	pd_profile *p;

	pd_buf_puts(&y, "schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
			"sections:\n  - title: Law\n    paragraphs:\n      - \"");
	pd_buf_puts(&y, para);
	pd_buf_puts(&y, "\"\n");
	if (laws && *laws) {
		pd_buf_puts(&y, "laws:\n");
		pd_buf_puts(&y, laws);
	}
	pd_buf_puts(&y, "footnotes:\n");
	pd_buf_puts(&y, notes);
	ck_assert_int_eq(pd_buf_ok(&y), 0);
	p = tu_read_yaml(y.ptr, y.len, "one.yaml");
	pd_buf_free(&y);
	return p;
}

/* One sentence citing a missing footnote 100,000 times, and [8] twice
 * between them: two findings, each counted, at its first marker, with a
 * short excerpt. */
START_TEST(repeated_findings_are_counted_once)
{
	pd_buf para = PD_BUF_INIT;
	pd_profile *p;
	pd_lint_result *r;
	size_t i;

	pd_buf_puts(&para, "A claim.");
	for (i = 0; i < 100000; i++)
		pd_buf_puts(&para, i == 10 || i == 500 ? "[8][7]" : "[7]");
	pd_buf_puts(&para, "[1]");
	p = one_paragraph(para.ptr, NULL, "  1: \"A source (2020).\"\n");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	ck_assert_uint_eq(r->nfindings, 2);
	ck_assert_uint_eq(r->count[PD_SEV_ERROR], 2);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_DANGLING_CITATION);
	ck_assert_uint_eq(r->findings[0].footnote, 7);
	ck_assert_uint_eq(r->findings[0].count, 100000);
	ck_assert_uint_eq(r->findings[0].pos.col, 18);
	ck_assert_str_eq(r->findings[0].message,
			 "[7] \u00d7100,000 cites footnote 7, which does not "
			 "exist");
	ck_assert_uint_eq(r->findings[1].footnote, 8);
	ck_assert_uint_eq(r->findings[1].count, 2);
	ck_assert_uint_eq(r->findings[1].pos.col, 18 + 30);
	ck_assert_str_eq(r->findings[1].message,
			 "[8] \u00d72 cites footnote 8, which does not exist");
	for (i = 0; i < 2; i++) {
		const char *t = r->findings[i].text;

		ck_assert_uint_le(strlen(t), PD_FINDING_EXCERPT_MAX);
		ck_assert(strncmp(t, "A claim.[7][7]", 14) == 0);
		ck_assert_str_eq(t + strlen(t) - 3, "\u2026");
	}
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&para);
}
END_TEST

/* A repeat that is not at a marker is counted at the message's end; the
 * same message in two sentences is two findings. */
START_TEST(repeats_are_per_sentence)
{
	pd_profile *p = one_paragraph(
		"The Law on Cats, the Law on Cats and the Law on Cats apply.[1] "
		"The Law on Cats applies.[1]",
		NULL, "  1: \"A source (2020).\"\n");
	pd_lint_result *r;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	ck_assert_uint_eq(r->nfindings, 2);
	ck_assert_int_eq(r->findings[0].rule, PD_RULE_UNLISTED_LAW);
	ck_assert_uint_eq(r->findings[0].count, 3);
	ck_assert_str_eq(r->findings[0].message,
			 "'Law on Cats' is named here but not listed under "
			 "laws (\u00d73 in this sentence)");
	ck_assert_uint_eq(r->findings[1].count, 1);
	ck_assert_str_eq(r->findings[1].message,
			 "'Law on Cats' is named here but not listed under "
			 "laws");
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* Excerpts: a claim of 5,000 bytes of two-byte characters is cut at a
 * character, to at most PD_FINDING_EXCERPT_MAX bytes with the ellipsis;
 * a short one is whole. */
START_TEST(excerpts_are_short_and_whole_characters)
{
	pd_buf para = PD_BUF_INIT;
	pd_profile *p;
	pd_lint_result *r;
	const char *t;
	size_t i, n;

	pd_buf_puts(&para, "In 2020 ");
	for (i = 0; i < 2500; i++)
		pd_buf_puts(&para, "\u00e9");
	pd_buf_puts(&para, ". Since 2021 it changed.");
	p = one_paragraph(para.ptr, NULL, "  1: \"A source (2020).\"\n");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	ck_assert_uint_eq(r->nfindings, 3); /* two uncited, one orphan */
	t = r->findings[0].text;
	n = strlen(t);
	ck_assert_uint_le(n, PD_FINDING_EXCERPT_MAX);
	ck_assert_uint_ge(n, PD_FINDING_EXCERPT_MAX - 4);
	ck_assert(strncmp(t, para.ptr, n - 3) == 0);
	ck_assert_str_eq(t + n - 3, "\u2026");
	ck_assert_str_eq(r->findings[1].text, "Since 2021 it changed.");
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&para);
}
END_TEST

/* 20,000 uncited sentences in a paragraph on one line: each finding at its
 * own column, counted in code points (a two-byte character opens each
 * sentence), with the treaty and law findings of the same sentences
 * between them. */
START_TEST(every_finding_of_a_long_line_is_placed)
{
	pd_buf para = PD_BUF_INIT;
	pd_profile *p;
	pd_lint_result *r;
	size_t i, uncited = 0, laws = 0;
	unsigned col = 0;

	for (i = 0; i < 20000; i++) {
		/* "É 2020 was the year of the Law on Dogs. " */
		pd_buf_puts(&para, i % 2 ? "\u00c9 2020 was the year of the Law "
					   "on Dogs. "
					 : "\u00c9 2021 was the year. ");
	}
	p = one_paragraph(para.ptr, NULL, "  1: \"A source (2020).\"\n");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	col = 10; /* the paragraph's first character: after '      - "' */
	for (i = 0; i < r->nfindings; i++) {
		const pd_finding *f = &r->findings[i];

		if (f->rule == PD_RULE_ORPHAN_FOOTNOTE)
			continue;
		ck_assert_uint_eq(f->pos.line, 7);
		if (f->rule == PD_RULE_UNCITED_ASSERTION) {
			ck_assert_uint_eq(f->pos.col, col);
			col += uncited % 2 ? 40 : 21;
			uncited++;
		} else {
			ck_assert_int_eq(f->rule, PD_RULE_UNLISTED_LAW);
			/* "Law on Dogs" 27 code points into its sentence */
			ck_assert_uint_eq(f->pos.col, col - 40 + 27);
			laws++;
		}
	}
	ck_assert_uint_eq(uncited, 20000);
	ck_assert_uint_eq(laws, 10000);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&para);
}
END_TEST

/* 3,000 listed laws, each named in its own sentence, one by a name cut at
 * a comma and one by its aka in other case: none is unlisted, and each
 * sentence's reason names its own law. */
START_TEST(many_laws_are_found_by_name)
{
	pd_buf para = PD_BUF_INIT, laws = PD_BUF_INIT;
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_profile *p;
	pd_lint_result *r;
	size_t i;
	char want[128], name[4];

	for (i = 0; i < 3000; i++) {
		name[0] = (char)('A' + i / 676);
		name[1] = (char)('a' + i / 26 % 26);
		name[2] = (char)('a' + i % 26);
		name[3] = '\0';
		pd_buf_printf(&para, "The Law on %s applies. ", name);
		pd_buf_printf(&laws, "  - {name: Law on %s, type: law, "
				     "status: in-force}\n", name);
	}
	pd_buf_puts(&para, "The Law on Rivers applies. The Law on Lakes "
			   "applies.");
	pd_buf_puts(&laws, "  - {name: 'Law on Rivers, Lakes and Seas', "
			   "type: law, status: in-force, aka: [law on lakes]}\n");
	o.strict = true;
	p = one_paragraph(para.ptr, laws.ptr, "  1: \"A source (2020).\"\n");
	ck_assert_int_eq(pd_lint(&r, p, &o), 0);
	/* uncited assertions, and the orphan: no unlisted law */
	ck_assert_uint_eq(r->nfindings, 3003);
	for (i = 0; i < 3002; i++) {
		const pd_finding *f = &r->findings[i];

		ck_assert_int_eq(f->rule, PD_RULE_UNCITED_ASSERTION);
		if (i == 3000)
			ck_assert_str_eq(f->message, "no citation for a sentence "
						     "that names the Law on "
						     "Rivers");
		if (i >= 3000)
			continue;
		snprintf(want, sizeof(want),
			 "no citation for a sentence that names the Law on "
			 "%c%c%c",
			 (char)('A' + i / 676), (char)('a' + i / 26 % 26),
			 (char)('a' + i % 26));
		ck_assert_str_eq(f->message, want);
	}
	ck_assert_int_eq(r->findings[3002].rule, PD_RULE_ORPHAN_FOOTNOTE);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&para);
	pd_buf_free(&laws);
}
END_TEST

/* A footnote referred to by six later ones: the orphan message names the
 * first four and says there are more; one referred to once says so. */
START_TEST(orphans_name_who_refers_to_them)
{
	pd_profile *p = one_paragraph(
		"A claim.[9][2][3][4][5][6][7]", NULL,
		"  1: \"John Smith, Book (Press 2020).\"\n"
		"  2: \"Smith (n 1) 3.\"\n  3: \"Smith (n 1) 4.\"\n"
		"  4: \"Smith (n 1) 5; Smith (n 1) 6.\"\n"
		"  5: \"Smith (n 1) 6.\"\n  6: \"Smith (n 1) 7.\"\n"
		"  7: \"Smith (n 1) 8.\"\n  8: \"Jones, Other (Press 2021).\"\n"
		"  9: \"ibid 4.\"\n");
	pd_lint_result *r;
	size_t i, seen = 0;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	for (i = 0; i < r->nfindings; i++) {
		const pd_finding *f = &r->findings[i];

		if (f->rule != PD_RULE_ORPHAN_FOOTNOTE)
			continue;
		seen++;
		if (f->footnote == 1)
			ck_assert_str_eq(f->message,
					 "footnote 1 is never cited in the prose "
					 "(footnotes 2, 3, 4, 5 and more refer "
					 "to it)");
		else
			ck_assert_str_eq(f->message,
					 "footnote 8 is never cited in the prose "
					 "(footnote 9 refers to it)");
	}
	ck_assert_uint_eq(seen, 2);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* The lint of one YAML text, with its profile kept alive in *p. */
static pd_lint_result *lint_text(const char *y, pd_profile **p)
{
	pd_lint_result *r;

	*p = tu_read_yaml(y, strlen(y), "a.yaml");
	ck_assert_int_eq(pd_lint(&r, *p, NULL), 0);
	return r;
}

static const char base_profile[] =
	"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\nsections:\n"
	"  - title: Law\n    paragraphs:\n"
	"      - It cites this.[2] And this.[3]\n"
	"      - The ministry registered 4,000 births in 2025.\n"
	"      - Nothing cites footnote one here.[3]\n"
	"footnotes:\n  1: Smith, 'Orphaned' <https://a.org/1>.\n"
	"  2: Jones, 'Second' <https://a.org/2>.\n"
	"  3: Brown, 'Third' <https://a.org/3>.\n";

/* Findings are matched by what they are about: renumbered footnotes and
 * re-wrapped paragraphs introduce and fix nothing; dropping an uncited
 * footnote fixes its orphan warning; citing an uncited claim fixes it
 * while a new one is introduced. */
START_TEST(findings_compare_by_what_they_are_about)
{
	/* footnotes renumbered (1 -> 7, 2 -> 1, 3 -> 2), a paragraph
	 * folded over two lines */
	static const char renumbered[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - >-\n        It cites\n        this.[1] And this.[2]\n"
		"      - >-\n        The ministry registered 4,000\n"
		"        births in 2025.\n"
		"      - Nothing cites footnote one here.[2]\n"
		"footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n"
		"  2: Brown, 'Third' <https://a.org/3>.\n"
		"  7: Smith, 'Orphaned' <https://a.org/1>.\n";
	/* the orphan dropped, the uncited claim cited, a new uncited one */
	static const char updated[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[2] And this.[3]\n"
		"      - The ministry registered 4,000 births in 2025.[2]\n"
		"      - Nothing cites footnote one here.[3]\n"
		"      - In 2026 the ministry registered 5,000 more.\n"
		"footnotes:\n  2: Jones, 'Second' <https://a.org/2>.\n"
		"  3: Brown, 'Third' <https://a.org/3>.\n";
	pd_profile *pa, *pb, *pc;
	pd_lint_result *a = lint_text(base_profile, &pa);
	pd_lint_result *b = lint_text(renumbered, &pb);
	pd_lint_result *c = lint_text(updated, &pc);
	pd_arena *arena = pd_arena_new();
	pd_lint_delta d;
	size_t i;

	/* the base has an orphan (footnote 1) and an uncited assertion */
	ck_assert_uint_ge(a->nfindings, 2);
	ck_assert_int_eq(pd_lint_compare(arena, a, b, &d), 0);
	ck_assert_uint_eq(d.nintroduced, 0);
	ck_assert_uint_eq(d.nfixed, 0);
	ck_assert_uint_eq(d.unchanged, a->nfindings);
	ck_assert_uint_eq(b->nfindings, a->nfindings);

	ck_assert_int_eq(pd_lint_compare(arena, a, c, &d), 0);
	ck_assert_uint_eq(d.nfixed, 2);
	for (i = 0; i < d.nfixed; i++)
		ck_assert(d.fixed[i]->rule == PD_RULE_ORPHAN_FOOTNOTE ||
			  d.fixed[i]->rule == PD_RULE_UNCITED_ASSERTION);
	ck_assert_int_ne(d.fixed[0]->rule, d.fixed[1]->rule);
	ck_assert_uint_eq(d.nintroduced, 1);
	ck_assert_int_eq(d.introduced[0]->rule, PD_RULE_UNCITED_ASSERTION);
	ck_assert_ptr_nonnull(strstr(d.introduced[0]->text, "5,000 more"));
	ck_assert_uint_eq(d.unchanged + d.nintroduced, c->nfindings);

	/* against nothing: everything is new, or everything fixed */
	ck_assert_int_eq(pd_lint_compare(arena, NULL, a, &d), 0);
	ck_assert_uint_eq(d.nintroduced, a->nfindings);
	ck_assert_int_eq(pd_lint_compare(arena, a, NULL, &d), 0);
	ck_assert_uint_eq(d.nfixed, a->nfindings);
	pd_arena_free(arena);
	pd_lint_result_free(a);
	pd_lint_result_free(b);
	pd_lint_result_free(c);
	pd_profile_free(pa);
	pd_profile_free(pb);
	pd_profile_free(pc);
}
END_TEST

/* A second finding of one kind, about the same thing, added beside one
 * that stood: the one that came is the one introduced, whichever comes
 * first in the profile. */
START_TEST(the_finding_that_came_is_the_one_introduced)
{
	static const char before[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[1] And this.[2] And that.[3]\n"
		"footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n"
		"  2: Brown, 'Third' <https://a.org/3>.\n"
		"  3: Smith (n 6) 4.\n";
	static const char after[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - It cites this.[1] And this.[2] And that.[3]\n"
		"footnotes:\n  1: Jones, 'Second' <https://a.org/2>.\n"
		"  2: Brown (n 6) 12.\n"
		"  3: Smith (n 6) 4.\n";
	pd_profile *pa, *pb;
	pd_lint_result *a = lint_text(before, &pa);
	pd_lint_result *b = lint_text(after, &pb);
	pd_arena *arena = pd_arena_new();
	pd_lint_delta d;
	size_t i, broken = 0;

	for (i = 0; i < b->nfindings; i++)
		broken += b->findings[i].rule == PD_RULE_BROKEN_CROSS_REF;
	ck_assert_uint_eq(broken, 2);
	ck_assert_int_eq(pd_lint_compare(arena, a, b, &d), 0);
	broken = 0;
	for (i = 0; i < d.nintroduced; i++)
		if (d.introduced[i]->rule == PD_RULE_BROKEN_CROSS_REF) {
			broken++;
			ck_assert_uint_eq(d.introduced[i]->footnote, 2);
		}
	ck_assert_uint_eq(broken, 1);
	pd_arena_free(arena);
	pd_lint_result_free(a);
	pd_lint_result_free(b);
	pd_profile_free(pa);
	pd_profile_free(pb);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("lint");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, each_rule_fails_and_passes, 0, PD_RULE_COUNT);
	tcase_add_test(tc, schema_findings_come_from_the_reader);
	tcase_add_test(tc, the_finding_that_came_is_the_one_introduced);
	tcase_add_test(tc, severities_and_modes_are_configurable);
	tcase_add_test(tc, lint_ignore_silences_what_it_names);
	tcase_add_test(tc, footnote_ranges_and_footnotes_cited_elsewhere);
	tcase_add_test(tc, every_factual_signal);
	tcase_add_test(tc, messages_are_formatted_and_bounded);
	tcase_add_loop_test(tc, real_profiles_defects, 0, 3);
	tcase_add_test(tc, repeated_findings_are_counted_once);
	tcase_add_test(tc, repeats_are_per_sentence);
	tcase_add_test(tc, excerpts_are_short_and_whole_characters);
	tcase_add_test(tc, every_finding_of_a_long_line_is_placed);
	tcase_add_test(tc, many_laws_are_found_by_name);
	tcase_add_test(tc, orphans_name_who_refers_to_them);
	tcase_add_test(tc, findings_compare_by_what_they_are_about);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
