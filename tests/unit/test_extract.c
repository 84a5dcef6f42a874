#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "profdiff/extract.h"
#include "testutil.h"

static void treaty_case(const test_case *c, void *ctx)
{
	pd_arena *a = pd_arena_new();
	pd_treaty_statement *st;
	size_t n, i;

	(void)ctx;
	ck_assert_int_eq(pd_treaty_statements(a, NULL, c->input,
					      strlen(c->input), &st, &n),
			 0);
	for (i = 0; i < n || i < c->nexpect; i++) {
		char got[128] = "(none)";

		if (i < n) {
			char date[11] = "";

			if (st[i].date.year)
				pd_date_format(st[i].date, date);
			snprintf(got, sizeof(got), "%s %s%s%s%s%s",
				 pd_vocab_get(NULL, (size_t)st[i].treaty)->id,
				 st[i].reservation
					 ? "reservation"
					 : pd_treaty_status_name(st[i].status),
				 st[i].via ? " " : "",
				 pd_treaty_via_name(st[i].via),
				 date[0] ? " date " : "", date);
		}
		ck_assert_msg(i < c->nexpect && strcmp(got, c->expect[i]) == 0,
			      "statement %zu is '%s', expected '%s' in: %s", i,
			      got, i < c->nexpect ? c->expect[i] : "(none)",
			      c->input);
	}
	pd_arena_free(a);
}

/* A dated event outranks an undated statement said before it, whatever
 * the order; the entry takes its via and date. */
START_TEST(dated_treaty_events_outrank_undated_statements)
{
	static const char *const orders[] = {
		"Laos is a party to most core treaties except the 1954 and "
		"1961 Statelessness Conventions, and the Refugee "
		"Convention.[1] In August 2026, Laos acceded to the 1951 "
		"Refugee Convention.[2]",
		"In August 2026, Laos acceded to the 1951 Refugee "
		"Convention.[2] Laos is a party to most core treaties except "
		"the 1954 and 1961 Statelessness Conventions, and the Refugee "
		"Convention.[1]",
		"Laos acceded to the Refugee Convention in 2019.[1] Laos "
		"withdrew from the 1951 Refugee Convention in March 2026.[2]"};
	size_t k;

	for (k = 0; k < 3; k++) {
		pd_profile *p;
		pd_section *s;
		pd_found *found;
		size_t nfound, i;
		const pd_treaty *t = NULL;

		ck_assert_int_eq(pd_profile_new(&p), 0);
		s = pd_arena_calloc(p->arena, 1, sizeof(*s));
		s->title = "International";
		s->paragraphs = pd_arena_calloc(p->arena, 1,
						sizeof(pd_paragraph));
		s->paragraphs[0].text = (char *)orders[k];
		s->paragraphs[0].len = strlen(orders[k]);
		s->nparagraphs = 1;
		p->sections = s;
		p->nsections = 1;
		ck_assert_int_eq(pd_extract(p, NULL, &found, &nfound), 0);
		for (i = 0; i < p->ntreaties; i++)
			if (strcmp(p->treaties[i].id, "REFUGEE-1951") == 0)
				t = &p->treaties[i];
		ck_assert_ptr_nonnull(t);
		if (k < 2) {
			ck_assert_int_eq(t->status, PD_TREATY_PARTY);
			ck_assert_int_eq(t->via, PD_VIA_ACCESSION);
			ck_assert_int_eq(t->date.month, 8);
		} else {
			ck_assert_int_eq(t->status, PD_TREATY_WITHDRAWN);
			ck_assert_int_eq(t->date.month, 3);
		}
		ck_assert_int_eq(t->date.year, 2026);
		pd_profile_free(p);
	}
}
END_TEST

START_TEST(treaty_phrasings)
{
	ck_assert_uint_ge(for_each_case("extract/treaties.txt", treaty_case,
					NULL),
			  15);
}
END_TEST

/* `phrase` as a text may write it: as is, in lower or upper case (when
 * it is not matched with its case), with U+2019 for its apostrophes. */
static void variant(char *out, size_t size, const char *phrase, int how)
{
	size_t n = 0;
	const char *p;

	for (p = phrase; *p && n + 4 < size; p++) {
		char c = *p;

		if (c == '\'' && how == 3) {
			memcpy(out + n, "\xE2\x80\x99", 3);
			n += 3;
			continue;
		}
		if (how == 1 && c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		else if (how == 2 && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		out[n++] = c;
	}
	out[n] = '\0';
}

static bool all_caps(const char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			return false;
	return true;
}

/* Calls fn with every name and alias of the built-in vocabulary (its id,
 * then its aliases) in every case a text may give it: as written, lower
 * and upper case (not for acronyms), and with U+2019 for an apostrophe.
 * Returns how many. */
static size_t for_each_variant(void (*fn)(int treaty, const char *v,
					  void *ctx),
			       void *ctx)
{
	size_t i, k, n = 0;
	int how;

	for (i = 0; i < pd_vocab_count(NULL); i++) {
		const pd_treaty_def *d = pd_vocab_get(NULL, i);
		const char *phrase;

		for (k = 0; (phrase = k == 0	      ? d->id
				      : d->aliases ? d->aliases[k - 1]
						   : NULL);
		     k++)
			for (how = 0; how < 4; how++) {
				char v[256];

				if ((how == 1 || how == 2) && all_caps(phrase))
					continue;
				variant(v, sizeof(v), phrase, how);
				fn((int)i, v, ctx);
				n++;
			}
	}
	return n;
}

/* The variant is found at the very end of a text (fewer than 16 bytes
 * left), in the middle, after a long run of text. */
static void found_wherever(int treaty, const char *v, void *ctx)
{
	static const char *const before[] = {"", "See the ",
					     "A long sentence runs on and on "
					     "before it names the "};
	static const char *const after[] = {"", ", which it signed.", "."};
	const pd_treaty_matcher *m = ctx;
	char text[512];
	size_t b, f;

	(void)treaty;
	for (b = 0; b < 3; b++)
		for (f = 0; f < 3; f++) {
			size_t start = 99, end = 99, at = strlen(before[b]);

			snprintf(text, sizeof(text), "%s%s%s", before[b], v,
				 after[f]);
			ck_assert_msg(pd_treaty_matcher_find(m, text,
							     strlen(text),
							     &start, &end) >= 0,
				      "not found: %s", text);
			ck_assert_msg(start == at && end == at + strlen(v),
				      "found [%zu, %zu) in: %s", start, end,
				      text);
		}
}

/* Every name and alias of the vocabulary is found, in every case a text
 * may give it and wherever it falls. */
START_TEST(every_alias_is_found_wherever_it_falls)
{
	pd_arena *a = pd_arena_new();
	pd_treaty_matcher *m;

	ck_assert_int_eq(pd_treaty_matcher_new(&m, a, NULL), 0);
	ck_assert_uint_gt(for_each_variant(found_wherever, m), 60);
	pd_arena_free(a);
}
END_TEST

static bool states(const pd_treaty_matcher *m, pd_arena *a, const char *text,
		   int treaty, pd_treaty_status status)
{
	pd_treaty_statement *st;
	size_t n, j;

	ck_assert_int_eq(pd_treaty_matcher_statements(m, a, text, strlen(text),
						      &st, &n),
			 0);
	for (j = 0; j < n; j++)
		if (st[j].treaty == treaty && st[j].status == status)
			return true;
	return false;
}

typedef struct statement_ctx {
	const pd_treaty_matcher *m;
	pd_arena *a;
} statement_ctx;

/* A status phrase before the variant, and a passive one after it. */
static void makes_statements(int treaty, const char *v, void *ctx)
{
	const statement_ctx *c = ctx;
	char text[512];

	snprintf(text, sizeof(text), "Laos has ratified the %s", v);
	ck_assert_msg(states(c->m, c->a, text, treaty, PD_TREATY_PARTY),
		      "no statement in: %s", text);
	snprintf(text, sizeof(text), "The %s was signed; it was not ratified.",
		 v);
	ck_assert_msg(states(c->m, c->a, text, treaty, PD_TREATY_SIGNATORY),
		      "no statement in: %s", text);
}

/* Every name and alias, in every case a text may give it, makes a
 * statement with a status phrase before it and with a passive one after
 * it; so does an extra alias of a repository's vocabulary, one that
 * opens with an apostrophe written as U+2019. (Word starts where no
 * phrase can begin are passed over: one wrongly passed over fails
 * here.) */
START_TEST(every_alias_makes_statements)
{
	static const pd_vocab_alias extra[] = {{"CRC", "'Child Convention'"}};
	pd_vocab vocab = {NULL, 0, extra, 1};
	pd_arena *a = pd_arena_new();
	pd_treaty_matcher *m, *mq;
	statement_ctx c;
	int crc = pd_vocab_find(NULL, "CRC", 3);

	ck_assert_int_eq(pd_treaty_matcher_new(&m, a, NULL), 0);
	c.m = m;
	c.a = a;
	ck_assert_uint_gt(for_each_variant(makes_statements, &c), 60);
	ck_assert_int_eq(pd_treaty_matcher_new(&mq, a, &vocab), 0);
	ck_assert(states(mq, a, "Laos has ratified the \xE2\x80\x99" "Child "
				"Convention\xE2\x80\x99.", crc,
			 PD_TREATY_PARTY));
	ck_assert(states(mq, a, "Laos has ratified the 'child convention'.",
			 crc, PD_TREATY_PARTY));
	ck_assert(!states(mq, a, "Laos has ratified the Child Convention.",
			  crc, PD_TREATY_PARTY));
	pd_arena_free(a);
}
END_TEST

/* Laws are extracted through a one-paragraph profile. */
static void law_case(const test_case *c, void *ctx)
{
	pd_profile *p;
	pd_section *s;
	pd_found *found;
	size_t nfound, i;

	(void)ctx;
	ck_assert_int_eq(pd_profile_new(&p), 0);
	s = pd_arena_calloc(p->arena, 1, sizeof(*s));
	s->title = "Law";
	s->paragraphs = pd_arena_calloc(p->arena, 1, sizeof(pd_paragraph));
	s->paragraphs[0].text = (char *)c->input;
	s->paragraphs[0].len = strlen(c->input);
	s->nparagraphs = 1;
	p->sections = s;
	p->nsections = 1;
	ck_assert_int_eq(pd_extract(p, NULL, &found, &nfound), 0);
	for (i = 0; i < p->nlaws || i < c->nexpect; i++) {
		char got[512] = "(none)";

		if (i < p->nlaws) {
			const pd_law *l = &p->laws[i];

			char date[11] = "";
			int n;

			if (l->date.year)
				pd_date_format(l->date, date);
			n = snprintf(got, sizeof(got), "%s | %d | %s | %s | %s",
				     l->name, l->year,
				     pd_law_type_name(l->type),
				     pd_law_status_name(l->status),
				     l->short_name ? l->short_name : "-");
			if (l->date.year && n > 0 && (size_t)n < sizeof(got))
				n += snprintf(got + n, sizeof(got) - (size_t)n,
					      " | date %s", date);
			if (l->replaced_by && n > 0 && (size_t)n < sizeof(got))
				snprintf(got + n, sizeof(got) - (size_t)n,
					 " | replaced by %s", l->replaced_by);
		}
		ck_assert_msg(i < c->nexpect && strcmp(got, c->expect[i]) == 0,
			      "law %zu is '%s', expected '%s' in: %s", i, got,
			      i < c->nexpect ? c->expect[i] : "(none)",
			      c->input);
	}
	pd_profile_free(p);
}

START_TEST(law_phrasings)
{
	ck_assert_uint_ge(for_each_case("extract/laws.txt", law_case, NULL),
			  10);
}
END_TEST

/* Every keyword names a law, at the end of a sentence as in the middle;
 * sentences without one name none. (Sentences are not tokenized unless
 * a keyword may be in them: a keyword the quick test missed would be
 * lost here.) */
START_TEST(every_keyword_names_a_law)
{
	static const char *const kws[] = {
		"Law", "Act", "Constitution", "Code", "Decree", "Proclamation",
		"Sub-Decree", "Regulation", "Regulations", "Ordinance",
		"Policy", "Strategy", "Plan"};
	static const char *const none[] = {
		"", "L", "La", "Aw", "No keyword here at all.",
		"The lawful acts of a code-named plan.",
		"LAW ACT CODE DECREE POLICY"};
	pd_arena *a = pd_arena_new();
	pd_law_mention *lm;
	size_t i, n;

	for (i = 0; i < sizeof(kws) / sizeof(*kws); i++) {
		char text[128], name[64];
		int mid, pad;

		snprintf(name, sizeof(name), "National Civil %s", kws[i]);
		/* at every offset from an 8-byte boundary */
		for (mid = 0; mid < 2; mid++)
			for (pad = 0; pad < 8; pad++) {
				snprintf(text, sizeof(text),
					 mid ? "%.*sUnder the %s of 2019, births are "
					       "registered."
					     : "%.*sBirths are registered under the %s",
					 pad, "ooooooo", name);
				ck_assert_int_eq(pd_law_mentions(a, text, strlen(text),
								 &lm, &n),
						 0);
				ck_assert_msg(n == 1, "%zu laws in: %s", n, text);
				ck_assert_msg((size_t)(lm[0].end - lm[0].start) ==
							      strlen(name) &&
						      memcmp(text + lm[0].start, name,
							     strlen(name)) == 0,
					      "'%.*s' in: %s",
					      (int)(lm[0].end - lm[0].start),
					      text + lm[0].start, text);
			}
	}
	for (i = 0; i < sizeof(none) / sizeof(*none); i++) {
		ck_assert_int_eq(pd_law_mentions(a, none[i], strlen(none[i]),
						 &lm, &n),
				 0);
		ck_assert_msg(n == 0, "%zu laws in: %s", n, none[i]);
	}
	pd_arena_free(a);
}
END_TEST

START_TEST(repeated_mentions_merge)
{
	static const char text[] =
		"North Korea has ratified the ICCPR, ICESCR, CRC, and "
		"CEDAW.[29] As a signatory to the CRC, North Korea has an "
		"obligation.[35] The 2023 Law on CRVSID applies.[15] Article 159 "
		"of the Law on CRVSID protects data.[38]";
	pd_profile *p;
	pd_section *s;
	pd_found *found;
	size_t nfound;

	ck_assert_int_eq(pd_profile_new(&p), 0);
	s = pd_arena_calloc(p->arena, 1, sizeof(*s));
	s->title = "Law";
	s->paragraphs = pd_arena_calloc(p->arena, 1, sizeof(pd_paragraph));
	s->paragraphs[0].text = (char *)text;
	s->paragraphs[0].len = strlen(text);
	s->nparagraphs = 1;
	p->sections = s;
	p->nsections = 1;
	ck_assert_int_eq(pd_extract(p, NULL, &found, &nfound), 0);
	/* party outranks the later "signatory"; the note says so */
	ck_assert_uint_eq(p->ntreaties, 4);
	ck_assert_str_eq(p->treaties[3].id, "CRC");
	ck_assert_int_eq(p->treaties[3].status, PD_TREATY_PARTY);
	ck_assert_uint_eq(p->treaties[3].ncite, 1);
	ck_assert_uint_eq(nfound, 7);
	ck_assert_ptr_nonnull(found[4].note);
	ck_assert_str_eq(found[4].note,
			 "signatory here, but party said earlier: kept party");
	/* one law, cited by both sentences, year from the first */
	ck_assert_uint_eq(p->nlaws, 1);
	ck_assert_int_eq(p->laws[0].year, 2023);
	ck_assert_uint_eq(p->laws[0].ncite, 2);
	ck_assert_uint_eq(p->laws[0].cite[0], 15);
	ck_assert_uint_eq(p->laws[0].cite[1], 38);
	/* each statement knows its sentence */
	ck_assert_uint_eq(found[6].sentence.start,
			  (size_t)(strstr(text, "Article 159") - text));
	pd_profile_free(p);
}
END_TEST


/* A name is found at every offset of a text, across the blocks of sixteen
 * bytes the scan takes, and never inside a word: glued to a letter, a
 * digit or a byte of another script before it. */
START_TEST(names_are_found_at_every_offset_and_never_inside_words)
{
	static const char *const glue[] = {"x", "7", "\xC3\xA9"};
	pd_arena *a = pd_arena_new();
	pd_treaty_matcher *m;
	char text[128];
	size_t o, g;

	ck_assert_int_eq(pd_treaty_matcher_new(&m, a, NULL), 0);
	for (o = 0; o < 48; o++) {
		size_t start = 99, end = 99, k;

		for (k = 0; k < o; k++) /* words of three letters */
			text[k] = k + 1 == o || k % 4 == 3 ? ' ' : 'a';
		snprintf(text + o, sizeof(text) - o, "CEDAW and more words");
		ck_assert_int_ge(pd_treaty_matcher_find(m, text, strlen(text),
							&start, &end),
				 0);
		ck_assert_uint_eq(start, o);
		ck_assert_uint_eq(end, o + 5);
		for (g = 0; g < 3; g++) {
			size_t gl = strlen(glue[g]);

			if (o < gl)
				continue;
			memcpy(text + o - gl, glue[g], gl);
			ck_assert_msg(pd_treaty_matcher_find(m, text,
							     strlen(text), NULL,
							     NULL) < 0,
				      "found inside a word: %s", text);
		}
	}
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("extract");

	tcase_add_test(tc, treaty_phrasings);
	tcase_add_test(tc, dated_treaty_events_outrank_undated_statements);
	tcase_add_test(tc, every_alias_is_found_wherever_it_falls);
	tcase_add_test(tc, names_are_found_at_every_offset_and_never_inside_words);
	tcase_add_test(tc, law_phrasings);
	tcase_add_test(tc, every_alias_makes_statements);
	tcase_add_test(tc, every_keyword_names_a_law);
	tcase_add_test(tc, repeated_mentions_merge);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
