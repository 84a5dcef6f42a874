#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "diffline.h"
#include "profdiff/diff.h"
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

static pd_diff *diff_of(const pd_profile *a, const pd_profile *b)
{
	pd_diff *d;

	ck_assert_int_eq(pd_diff_profiles(&d, a, b, NULL), 0);
	return d;
}

static void assert_no_change(const pd_profile *a, const pd_profile *b,
			     const char *what)
{
	pd_diff *d = diff_of(a, b);
	pd_buf line = PD_BUF_INIT;

	if (d->nchanges)
		diff_line(&line, &d->changes[0]);
	ck_assert_msg(d->nchanges == 0, "%s: %zu changes, the first: %s", what,
		      d->nchanges, pd_buf_cstr(&line));
	pd_buf_free(&line);
	pd_diff_free(d);
}

/* Each diff/NAME/ holds a realistic update of a bundled profile and the
 * exact list of changes it makes, one line each (diffline.c). */
START_TEST(realistic_updates)
{
	char **dirs = tu_list("diff", "");
	size_t n = 0, i;

	for (i = 0; dirs[i]; i++) {
		char rel[512];
		pd_profile *a, *b;
		pd_diff *d;
		pd_buf want;
		char *line, *save = NULL;
		size_t k = 0;

		snprintf(rel, sizeof(rel), "diff/%s/before.yaml", dirs[i]);
		a = read_rel(rel);
		snprintf(rel, sizeof(rel), "diff/%s/after.yaml", dirs[i]);
		b = read_rel(rel);
		snprintf(rel, sizeof(rel), "diff/%s/expected.txt", dirs[i]);
		want = tu_fixture(rel);
		d = diff_of(a, b);
		/* the diff owns what it shows: the profiles go first (a
		 * pointer into them would be a use after free here) */
		pd_profile_free(a);
		pd_profile_free(b);
		for (line = strtok_r(want.ptr, "\n",
				     &save);
		     line; line = strtok_r(NULL, "\n", &save), k++) {
			pd_buf got = PD_BUF_INIT;

			ck_assert_msg(k < d->nchanges,
				      "%s: change %zu missing: %.300s", dirs[i],
				      k, line);
			diff_line(&got, &d->changes[k]);
			ck_assert_msg(strcmp(got.ptr, line) == 0,
				      "%s: change %zu is\n  %.300s\nexpected\n  "
				      "%.300s",
				      dirs[i], k, got.ptr, line);
			pd_buf_free(&got);
		}
		ck_assert_msg(k == d->nchanges, "%s: %zu changes, expected %zu",
			      dirs[i], d->nchanges, k);
		pd_diff_free(d);
		pd_buf_free(&want);
		n++;
	}
	ck_assert_uint_ge(n, 11);
	tu_free_list(dirs);
}
END_TEST

static const char *const real[] = {"cambodia", "laos", "north-korea"};

/* diff(p, p), diff(p, read(write(p))) and diff(import, import) are
 * empty. */
/* The summary says what happened to each treaty: added, changed or
 * removed, as the changes do. */
START_TEST(treaty_changes_are_summarised_by_kind)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - Laos is a party to the CRC.\n"
		"treaties:\n  CRC: {status: party}\n%s";
	char ya[512], yb[512];
	pd_profile *a, *b;
	pd_diff *d;
	pd_buf sum = PD_BUF_INIT;

	snprintf(ya, sizeof(ya), base, "  CEDAW: {status: signatory}\n");
	snprintf(yb, sizeof(yb), base,
		 "  CEDAW: {status: party}\n  CRPD: {status: party}\n");
	a = tu_read_yaml(ya, strlen(ya), "a");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	pd_diff_summarize(&sum, d);
	ck_assert_str_eq(pd_buf_cstr(&sum), "1 treaty added, 1 treaty changed");
	pd_buf_free(&sum);
	pd_diff_free(d);
	d = diff_of(b, a);
	pd_diff_summarize(&sum, d);
	ck_assert_str_eq(pd_buf_cstr(&sum),
			 "1 treaty changed, 1 treaty removed");
	pd_buf_free(&sum);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

START_TEST(no_change_is_no_change)
{
	char rel[256];
	pd_profile *p, *q;
	pd_buf yaml = PD_BUF_INIT, page;

	snprintf(rel, sizeof(rel), "../../profiles/%s.yaml", real[_i]);
	p = read_rel(rel);
	assert_no_change(p, p, "diff(p, p)");
	ck_assert_int_eq(pd_yaml_write(&yaml, p), 0);
	q = tu_read_yaml(yaml.ptr, yaml.len, "written");
	assert_no_change(p, q, "diff(p, read(write(p)))");
	pd_profile_free(q);
	pd_profile_free(p);
	snprintf(rel, sizeof(rel), "pages/%s.txt", real[_i]);
	page = tu_fixture(rel);
	ck_assert_int_eq(pd_page_import(&p, NULL, page.ptr, page.len, rel, NULL),
			 0);
	ck_assert_int_eq(pd_page_import(&q, NULL, page.ptr, page.len, rel, NULL),
			 0);
	assert_no_change(p, q, "diff(import, import)");
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&page);
	pd_buf_free(&yaml);
}
END_TEST

/* Two one-paragraph profiles, for classifying one rewording. */
static pd_change *reword(pd_diff **d, pd_profile **pa, pd_profile **pb,
			 const char *from, const char *to)
{
	char ya[2048], yb[2048];

	snprintf(ya, sizeof(ya),
		 "schema: 1\ncountry: Laos\nsections:\n  - title: Law\n"
		 "    paragraphs:\n      - \"%s\"\n",
		 from);
	snprintf(yb, sizeof(yb),
		 "schema: 1\ncountry: Laos\nsections:\n  - title: Law\n"
		 "    paragraphs:\n      - \"%s\"\n",
		 to);
	*pa = tu_read_yaml(ya, strlen(ya), "a");
	*pb = tu_read_yaml(yb, strlen(yb), "b");
	*d = diff_of(*pa, *pb);
	ck_assert_msg((*d)->nchanges == 1, "%zu changes: '%s' -> '%s'",
		      (*d)->nchanges, from, to);
	ck_assert_int_eq((*d)->changes[0].kind, PD_CHANGE_CLAIM_REWORDED);
	return &(*d)->changes[0];
}

/* One case of tests/fixtures/reword/classes.txt: the sentence before,
 * after, and "CLASS WHY"; through the whole diff, then the summary's
 * buckets. */
static void class_case(const test_case *k, void *ctx)
{
	pd_diff *d;
	pd_profile *a, *b;
	pd_change *c;
	char got[64];
	size_t n = 0, i;

	(void)ctx;
	ck_assert_uint_eq(k->nexpect, 2);
	c = reword(&d, &a, &b, k->input, k->expect[0]);
	snprintf(got, sizeof(got), "%s %s",
		 c->factual ? "factual" : c->editorial ? "editorial" : "reworded",
		 c->why ? c->why : "(none)");
	ck_assert_msg(strcmp(got, k->expect[1]) == 0,
		      "'%s' -> '%s': %s, expected %s", k->input, k->expect[0],
		      got, k->expect[1]);
	ck_assert(!(c->factual && c->editorial));
	ck_assert(c->similarity >= 0.5 && c->similarity <= 1.0);
	ck_assert_str_eq(c->match, "similar");
	ck_assert_int_eq(pd_change_bucket(c),
			 c->factual     ? PD_BUCKET_SUBSTANTIVE
			 : c->editorial ? PD_BUCKET_EDITORIAL
					: PD_BUCKET_REWORDED);
	ck_assert_uint_eq(d->bucket[pd_change_bucket(c)], 1);
	for (i = 0; i < PD_BUCKET_COUNT; i++)
		n += d->bucket[i];
	ck_assert_uint_eq(n, d->nchanges);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}

START_TEST(rewordings_are_classified)
{
	ck_assert_uint_ge(for_each_case("reword/classes.txt", class_case,
					NULL),
			  30);
}
END_TEST

static pd_diff *diff_texts(const char *x, const char *y)
{
	char ya[2048], yb[2048];
	pd_profile *a, *b;
	pd_diff *d;

	snprintf(ya, sizeof(ya),
		 "schema: 1\ncountry: Laos\nsections:\n  - title: Law\n"
		 "    paragraphs:\n      - %s\n",
		 x);
	snprintf(yb, sizeof(yb),
		 "schema: 1\ncountry: Laos\nsections:\n  - title: Law\n"
		 "    paragraphs:\n      - %s\n",
		 y);
	a = tu_read_yaml(ya, strlen(ya), "a.yaml");
	b = tu_read_yaml(yb, strlen(yb), "b.yaml");
	ck_assert_int_eq(pd_diff_profiles(&d, a, b, NULL), 0);
	pd_profile_free(a);
	pd_profile_free(b);
	return d;
}

/* A sentence cut in two is one split, two joined one merge; a sentence
 * reworded beside a new one stays a rewording and an addition. */
START_TEST(splits_and_merges)
{
	pd_diff *d = diff_texts(
		"Until 2022, registration was done on an ad-hoc basis, without "
		"consultation with civil society or local governments.[1] "
		"Fees apply.[2]",
		"Until 2022, registration was done on an ad-hoc basis. There "
		"was no consultation with civil society or local "
		"governments.[1] Fees apply.[2]");

	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_SPLIT);
	ck_assert_uint_eq(d->changes[0].nparts, 2);
	ck_assert_str_eq(d->changes[0].parts[1],
			 "There was no consultation with civil society or "
			 "local governments.");
	ck_assert(!d->changes[0].editorial); /* words changed */
	pd_diff_free(d);

	d = diff_texts("The country has no digital ID system in place. There "
		       "is no information about any plans to build one.[1]",
		       "The country has no digital ID system in place, and "
		       "there is no information about any plans to build "
		       "one.[1]");
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_MERGED);
	ck_assert_uint_eq(d->changes[0].nparts, 2);
	ck_assert_str_eq(d->changes[0].parts[0],
			 "The country has no digital ID system in place.");
	ck_assert(!d->changes[0].factual);
	pd_diff_free(d);

	d = diff_texts("The ministry issues identity cards to adults.[1]",
		       "The ministry issues identity cards to all adults.[1] "
		       "Refugees receive a separate document.[2]");
	ck_assert_uint_eq(d->nchanges, 2);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_REWORDED);
	ck_assert_int_eq(d->changes[1].kind, PD_CHANGE_CLAIM_ADDED);
	pd_diff_free(d);
}
END_TEST

/* Many near-identical claims: the inverted index leaves out common words,
 * and still every claim finds its rewording. */
START_TEST(many_similar_claims)
{
	pd_buf ya = PD_BUF_INIT, yb = PD_BUF_INIT;
	pd_profile *a, *b;
	pd_diff *d;
	size_t i, reworded = 0;

	pd_buf_puts(&ya, "schema: 1\ncountry: Laos\nsections:\n  - title: Law\n"
			 "    paragraphs:\n");
	pd_buf_puts(&yb, ya.ptr);
	for (i = 0; i < 3000; i++) {
		pd_buf_printf(&ya,
			      "      - The law of the land number %zu was "
			      "adopted by the assembly in year %zu.\n",
			      i, 1000 + i);
		pd_buf_printf(&yb,
			      "      - The law of the land number %zu was "
			      "adopted by the parliament in year %zu.\n",
			      i, 1000 + i);
	}
	a = tu_read_yaml(ya.ptr, ya.len, "a");
	b = tu_read_yaml(yb.ptr, yb.len, "b");
	d = diff_of(a, b);
	for (i = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == PD_CHANGE_CLAIM_REWORDED)
			reworded++;
	ck_assert_uint_eq(reworded, 3000);
	ck_assert_uint_eq(d->nchanges, 3000);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
	pd_buf_free(&ya);
	pd_buf_free(&yb);
}
END_TEST

/* All changes of a diff, one line each. */
static void diff_lines(pd_buf *out, const pd_diff *d)
{
	size_t i;

	pd_buf_clear(out);
	for (i = 0; i < d->nchanges; i++) {
		diff_line(out, &d->changes[i]);
		pd_buf_putc(out, '\n');
	}
}

/* One differ through a series (each fixture's update, then back, then
 * against itself, then on to the next fixture) gives each diff exactly as
 * a diff on its own does, though it prepares each profile once. */
START_TEST(a_differ_series_equals_separate_diffs)
{
	char **dirs = tu_list("diff", "");
	pd_profile *p[64];
	pd_differ *dr;
	pd_buf want = PD_BUF_INIT, got = PD_BUF_INIT;
	size_t n = 0, i, k, compared = 0, changes = 0;

	for (i = 0; dirs[i] && n + 2 <= 64; i++) {
		char rel[512];

		snprintf(rel, sizeof(rel), "diff/%s/before.yaml", dirs[i]);
		p[n++] = read_rel(rel);
		snprintf(rel, sizeof(rel), "diff/%s/after.yaml", dirs[i]);
		p[n++] = read_rel(rel);
	}
	ck_assert_uint_ge(n, 8);
	ck_assert_int_eq(pd_differ_new(&dr, NULL), 0);
	for (i = 0; i + 1 < n; i++) {
		const pd_profile *pairs[3][2] = {
			{p[i], p[i + 1]}, {p[i + 1], p[i]}, {p[i + 1], p[i + 1]}};

		for (k = 0; k < 3; k++) {
			pd_diff *alone, *series;

			alone = diff_of(pairs[k][0], pairs[k][1]);
			ck_assert_int_eq(pd_differ_diff(dr, &series, pairs[k][0],
							pairs[k][1]),
					 0);
			diff_lines(&want, alone);
			diff_lines(&got, series);
			ck_assert_msg(strcmp(pd_buf_cstr(&want),
					     pd_buf_cstr(&got)) == 0,
				      "diff %zu/%zu: alone:\n%s\nin a series:\n%s",
				      i, k, pd_buf_cstr(&want), pd_buf_cstr(&got));
			ck_assert_uint_eq(alone->substantive, series->substantive);
			ck_assert_uint_eq(alone->editorial, series->editorial);
			changes += series->nchanges;
			if (k == 2)
				ck_assert_uint_eq(series->nchanges, 0);
			compared++;
			pd_diff_free(alone);
			pd_diff_free(series);
		}
	}
	ck_assert_uint_eq(compared, 3 * (n - 1));
	ck_assert_uint_gt(changes, 20);
	pd_differ_free(dr);
	for (i = 0; i < n; i++)
		pd_profile_free(p[i]);
	tu_free_list(dirs);
	pd_buf_free(&want);
	pd_buf_free(&got);
}
END_TEST


/* Laws of `n` names; rename k (0 < k) turns "Law on Matter X" into "Law on
 * the Matter X" in every law, keeping years. */
static pd_profile *law_profile(size_t n, bool renamed, bool shared_name)
{
	pd_buf y = PD_BUF_INIT;
	pd_profile *p;
	size_t i;

	pd_buf_puts(&y, "schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
			"sections:\n  - title: Law\n    paragraphs:\n"
			"      - A claim.\nlaws:\n");
	for (i = 0; i < n; i++) {
		char w[4] = {(char)('A' + i / 676), (char)('a' + i / 26 % 26),
			     (char)('a' + i % 26), '\0'};

		if (shared_name)
			pd_buf_printf(&y, "  - {name: Law on Things, year: %zu, "
					  "type: law, status: %s}\n",
				      2000 + i % 20,
				      renamed && i % 3 == 0 ? "repealed"
							    : "in-force");
		else
			pd_buf_printf(&y, "  - {name: Law on %s%s Kind %s, year: "
					  "%zu, type: law, status: in-force}\n",
				      renamed ? "the " : "", w, w,
				      2000 + i % 20);
	}
	p = tu_read_yaml(y.ptr, y.len, "laws.yaml");
	pd_buf_free(&y);
	return p;
}

/* 3,000 laws renamed alike ("Law on Aab Kind Aab" -> "Law on the Aab Kind
 * Aab", same years): each pairs with its own, a name change each, no law
 * added or removed. */
START_TEST(many_renamed_laws_pair_with_their_own)
{
	pd_profile *a = law_profile(3000, false, false);
	pd_profile *b = law_profile(3000, true, false);
	pd_diff *d = diff_of(a, b);
	size_t i;

	ck_assert_uint_eq(d->count[PD_CHANGE_LAW_ADDED], 0);
	ck_assert_uint_eq(d->count[PD_CHANGE_LAW_REMOVED], 0);
	ck_assert_uint_eq(d->count[PD_CHANGE_LAW_CHANGED], 3000);
	for (i = 0; i < d->nchanges; i++) {
		const pd_change *c = &d->changes[i];

		ck_assert_int_eq(c->kind, PD_CHANGE_LAW_CHANGED);
		ck_assert_uint_eq(c->nfields, 1);
		ck_assert_str_eq(c->fields[0].field, "name");
		/* "Law on Aab Kind Aab" -> "Law on the Aab Kind Aab" */
		ck_assert_str_eq(c->fields[0].from + 7, c->fields[0].to + 11);
	}
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

/* A heading's subtitle changed, or gone, is the heading renamed (an
 * editorial change); re-wrapped or requoted, it is the same. */
START_TEST(a_subtitle_changed_is_the_heading_renamed)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Designed to Include?\n%s"
		"    paragraphs:\n      - The law applies.\n";
	char ya[512], yb[512];
	pd_profile *a, *b;
	pd_diff *d;

	snprintf(ya, sizeof(ya), base,
		 "    subtitle: The Impact of Digital ID on 'Rights'\n");
	snprintf(yb, sizeof(yb), base,
		 "    subtitle: The Impact of Digital ID on Nationality\n");
	a = tu_read_yaml(ya, strlen(ya), "a");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_SECTION_RENAMED);
	ck_assert_str_eq(d->changes[0].to, "Designed to Include?: The Impact "
					   "of Digital ID on Nationality");
	ck_assert_uint_eq(d->bucket[PD_BUCKET_EDITORIAL], 1);
	pd_diff_free(d);
	pd_profile_free(b);
	snprintf(yb, sizeof(yb), base, "");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_str_eq(d->changes[0].to, "Designed to Include?");
	pd_diff_free(d);
	pd_profile_free(b);
	/* the title and the subtitle changed: both told */
	snprintf(yb, sizeof(yb), base,
		 "    subtitle: The Impact of Digital ID on Nationality\n");
	{
		char *t = strstr(yb, "Include?");

		memcpy(t, "Exclude?", 8);
	}
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_str_eq(d->changes[0].from,
			 "Designed to Include?: The Impact of Digital ID on "
			 "'Rights'");
	ck_assert_str_eq(d->changes[0].to, "Designed to Exclude?: The Impact "
					   "of Digital ID on Nationality");
	pd_diff_free(d);
	pd_profile_free(b);
	snprintf(yb, sizeof(yb), base,
		 "    subtitle: >-\n      The Impact of Digital ID\n"
		 "      on \u2018Rights\u2019\n");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 0);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

/* A sentence cut in two whose citation went with the part cut off is a
 * split, though that part adds few words to a pair already close. */
START_TEST(a_split_whose_marker_went_with_the_tail)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - \"%s\"\n"
		"footnotes:\n  1: \"Jones, 'Report' <https://a.org/r>.\"\n";
	char ya[1024], yb[1024];
	pd_profile *a, *b;
	pd_diff *d;

	snprintf(ya, sizeof(ya), base,
		 "The ministry monitors phone calls, internet use and private "
		 "messages, as well as residents' movements and activities.[1]");
	snprintf(yb, sizeof(yb), base,
		 "The ministry monitors phone calls, internet use and private "
		 "messages. The ministry also monitors residents' movements and "
		 "activities.[1]");
	a = tu_read_yaml(ya, strlen(ya), "a");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_SPLIT);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

/* A copy of a sentence added before the one that stood is the copy
 * added: the one that stayed moved nowhere; so for a copy removed. */
START_TEST(a_copy_added_leaves_the_original_in_place)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - %sThe law was adopted in 2020. It applies to all.\n"
		"      - The ministry runs the register. Fees are low.\n"
		"      - The goal is a legal identity for every resident.\n";
	char ya[512], yb[512];
	pd_profile *a, *b;
	pd_diff *d;

	snprintf(ya, sizeof(ya), base, "");
	snprintf(yb, sizeof(yb), base,
		 "The goal is a legal identity for every resident. ");
	a = tu_read_yaml(ya, strlen(ya), "a");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_ADDED);
	pd_diff_free(d);
	d = diff_of(b, a);
	ck_assert_uint_eq(d->nchanges, 1);
	ck_assert_int_eq(d->changes[0].kind, PD_CHANGE_CLAIM_REMOVED);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

/* A source without a URL whose text was edited is that source changed,
 * not one dropped and another added; one with a URL is paired by it. */
START_TEST(a_source_without_url_edited_is_changed)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - The law applies.[1] It is old.[2]\n"
		"footnotes:\n"
		"  1: \"Robert Collins, %s (Committee for Human Rights "
		"2012).\"\n"
		"  2: \"Jones, 'Another Report' <https://a.org/%s>.\"\n";
	char ya[512], yb[512];
	pd_profile *a, *b;
	pd_diff *d;

	snprintf(ya, sizeof(ya), base, "Marked for Life: Songbun", "x");
	snprintf(yb, sizeof(yb), base, "Marked for Life Forever: Songbun",
		 "y");
	a = tu_read_yaml(ya, strlen(ya), "a");
	b = tu_read_yaml(yb, strlen(yb), "b");
	d = diff_of(a, b);
	ck_assert_uint_eq(d->count[PD_CHANGE_SOURCE_ADDED], 0);
	ck_assert_uint_eq(d->count[PD_CHANGE_SOURCE_REMOVED], 0);
	ck_assert_uint_eq(d->count[PD_CHANGE_SOURCE_CHANGED], 2);
	ck_assert_uint_eq(d->count[PD_CHANGE_CLAIM_SOURCES], 0);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

/* A name written with or without a space or hyphen between two words
 * is the same law's ("Cybercrime", "Cyber Crime", "Cyber-crime"), a
 * number's spacing not ("Decree 12" is no "Decree 1 2"). */
START_TEST(a_law_respaced_is_the_same_law)
{
	static const char base[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - The law applies.\n"
		"laws:\n  - {name: %s, year: 2015, status: in-force}\n";
	static const char *const same[] = {"Law on Cyber Crime",
					   "Law on Cyber-crime",
					   "Law on cybercrime"};
	char ya[512], yb[512];
	size_t k;

	snprintf(ya, sizeof(ya), base, "Law on Cybercrime");
	for (k = 0; k < 3; k++) {
		pd_profile *a = tu_read_yaml(ya, strlen(ya), "a"), *b;
		pd_diff *d;

		snprintf(yb, sizeof(yb), base, same[k]);
		b = tu_read_yaml(yb, strlen(yb), "b");
		d = diff_of(a, b);
		ck_assert_msg(d->count[PD_CHANGE_LAW_ADDED] == 0 &&
				      d->count[PD_CHANGE_LAW_REMOVED] == 0,
			      "%s", same[k]);
		pd_diff_free(d);
		pd_profile_free(a);
		pd_profile_free(b);
	}
	{
		pd_profile *a, *b;
		pd_diff *d;

		snprintf(ya, sizeof(ya), base, "Decree 12");
		snprintf(yb, sizeof(yb), base, "Decree 1 2");
		a = tu_read_yaml(ya, strlen(ya), "a");
		b = tu_read_yaml(yb, strlen(yb), "b");
		d = diff_of(a, b);
		ck_assert_uint_eq(d->count[PD_CHANGE_LAW_ADDED], 1);
		ck_assert_uint_eq(d->count[PD_CHANGE_LAW_REMOVED], 1);
		pd_diff_free(d);
		pd_profile_free(a);
		pd_profile_free(b);
	}
}
END_TEST

/* 3,000 laws of one name: the laws of the same name pair in order, so
 * only the statuses that changed are reported. */
START_TEST(laws_of_one_name_pair_in_order)
{
	pd_profile *a = law_profile(3000, false, true);
	pd_profile *b = law_profile(3000, true, true);
	pd_diff *d = diff_of(a, b);
	size_t i;

	ck_assert_uint_eq(d->nchanges, 1000);
	for (i = 0; i < d->nchanges; i++) {
		const pd_change *c = &d->changes[i];

		ck_assert_int_eq(c->kind, PD_CHANGE_LAW_CHANGED);
		ck_assert_uint_eq(c->nfields, 1);
		ck_assert_str_eq(c->fields[0].field, "status");
		ck_assert_str_eq(c->fields[0].to, "repealed");
	}
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("diff");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, realistic_updates);
	tcase_add_test(tc, treaty_changes_are_summarised_by_kind);
	tcase_add_test(tc, a_law_respaced_is_the_same_law);
	tcase_add_test(tc, a_source_without_url_edited_is_changed);
	tcase_add_test(tc, a_copy_added_leaves_the_original_in_place);
	tcase_add_test(tc, a_split_whose_marker_went_with_the_tail);
	tcase_add_test(tc, a_subtitle_changed_is_the_heading_renamed);
	tcase_add_loop_test(tc, no_change_is_no_change, 0, 3);
	tcase_add_test(tc, rewordings_are_classified);
	tcase_add_test(tc, splits_and_merges);
	tcase_add_test(tc, many_similar_claims);
	tcase_add_test(tc, a_differ_series_equals_separate_diffs);
	tcase_add_test(tc, many_renamed_laws_pair_with_their_own);
	tcase_add_test(tc, laws_of_one_name_pair_in_order);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
