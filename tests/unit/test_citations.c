#include <stdio.h>
#include <string.h>

#include "profdiff/citations.h"
#include "profdiff/fileio.h"
#include "testutil.h"

static pd_arena *arena;

static void setup(void)
{
	arena = pd_arena_new();
}

static void teardown(void)
{
	pd_arena_free(arena);
}

/* Footnote sources: ';' splits only outside quotes and URLs; "(n " and
 * "accessed " that are no cross-reference nor date are passed over for a
 * later one that is. */
START_TEST(sources_of_footnotes)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1] B.[2] C.[3]\n"
		"footnotes:\n"
		"  1: \"Smith, \u2018Stateless; Persons\u2019 "
		"<https://a.org/x;y> accessed soon, accessed 20 January 2026.\"\n"
		"  2: \"Smith (n x) 4; Smith (n 1) 5.\"\n"
		"  3: \"\u2018Stateless; Persons\u2019 (n 1)\"\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "a.yaml");
	const pd_note_sources *n;
	pd_citations c;

	ck_assert_int_eq(pd_citations_resolve(arena, p, &c), 0);
	n = pd_citations_note(&c, 1);
	ck_assert_uint_eq(n->nsources, 1);
	ck_assert_int_eq(n->sources[0].kind, PD_SOURCE_FULL);
	ck_assert_str_eq(n->sources[0].url, "https://a.org/x;y");
	ck_assert_int_eq(n->sources[0].accessed[0], 2026);
	ck_assert_int_eq(n->sources[0].accessed[1], 1);
	ck_assert_int_eq(n->sources[0].accessed[2], 20);
	n = pd_citations_note(&c, 2);
	ck_assert_uint_eq(n->nsources, 2);
	ck_assert_int_eq(n->sources[0].kind, PD_SOURCE_FULL);
	ck_assert_int_eq(n->sources[1].kind, PD_SOURCE_XREF);
	ck_assert_uint_eq(n->sources[1].ref, 1);
	ck_assert_str_eq(n->sources[1].short_form, "Smith");
	ck_assert_str_eq(n->sources[1].pinpoint, "5");
	n = pd_citations_note(&c, 3);
	ck_assert_uint_eq(n->nsources, 1);
	ck_assert_int_eq(n->sources[0].kind, PD_SOURCE_XREF);
	ck_assert_str_eq(n->sources[0].short_form, "Stateless; Persons");
	ck_assert_uint_eq(n->nresolved, 1);
	ck_assert_ptr_eq(n->resolved[0], &pd_citations_note(&c, 1)->sources[0]);
	ck_assert_uint_eq(c.nproblems, 0);
	pd_profile_free(p);
}
END_TEST

/* Spacing is no content: a cross-reference and an access date read the
 * same however they are spaced (a doubled space, a no-break one, a line
 * the YAML folded), and the date however the editor wrote it. */
START_TEST(spaces_and_date_forms_read_the_same)
{
	static const char *const forms[] = {
		"accessed 20 January 2026",
		"accessed  20 January 2026",
		"accessed\u00a020\u00a0January\u202f2026",
		"accessed 20  January  2026",
		"Accessed 20 January 2026",
		"accessed on 20 January 2026",
		"accessed 20th January 2026",
		"accessed 20 Jan 2026",
		"accessed 20 Jan. 2026",
		"accessed 20 january, 2026",
		"accessed January 20, 2026",
		"accessed Jan 20th 2026",
		"accessed 2026-01-20",
		NULL};
	static const char *const xrefs[] = {"Smith (n 1) 4",
					    "Smith (n  1) 4",
					    "Smith (n\u00a01) 4",
					    "Smith (n 1 ) 4", NULL};
	size_t k;
	int d[3];

	for (k = 0; forms[k]; k++) {
		char t[128];

		snprintf(t, sizeof(t), "Smith, <https://a.org> %s.", forms[k]);
		ck_assert_uint_eq(pd_cite_accessed(t, 0, strlen(t), d), 23);
		ck_assert_msg(d[0] == 2026 && d[1] == 1 && d[2] == 20, "%s",
			      forms[k]);
	}
	/* the word alone, or no real date: no phrase */
	ck_assert_uint_eq(pd_cite_accessed("accessed soon", 0, 13, d), 13);
	ck_assert_int_eq(d[0], 0);
	ck_assert_uint_eq(pd_cite_accessed("accessed 31 June 2026", 0, 21, d),
			  21);
	ck_assert_uint_eq(pd_cite_accessed("unaccessed 3 May 2026", 0, 21, d),
			  21);
	for (k = 0; xrefs[k]; k++) {
		size_t len = strlen(xrefs[k]), i = strlen("Smith "), db, de, end;
		uint32_t x;

		ck_assert_msg(pd_cite_xref_at(xrefs[k], len, i, &x, &db, &de,
					      &end),
			      "%s", xrefs[k]);
		ck_assert_uint_eq(x, 1);
		ck_assert_uint_eq(de - db, 1);
		ck_assert_int_eq(xrefs[k][db], '1');
		ck_assert_str_eq(xrefs[k] + end, " 4");
	}
	{
		size_t db, de, end;
		uint32_t x;

		ck_assert(!pd_cite_xref_at("(n1)", 4, 0, &x, &db, &de, &end));
		ck_assert(!pd_cite_xref_at("(n 123456789)", 13, 0, &x, &db, &de,
					   &end));
		ck_assert(pd_cite_xref_at("(n 12345678)", 12, 0, &x, &db, &de,
					  &end));
		ck_assert_uint_eq(x, 12345678);
	}
}
END_TEST

/* A title in double quotes, curly or straight, is the title, and a short
 * form so quoted names its source: quote style is no content. */
START_TEST(double_quoted_titles_and_short_forms)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1] B.[2] C.[3] D.[4]\n"
		"footnotes:\n"
		"  1: '\"Privacy Law at North Korea\" (Law Gratis) "
		"<https://a.org/p> accessed 21 January 2026.'\n"
		"  2: '\"Privacy Law at North Korea\" (n 1).'\n"
		"  3: \"\u201cPrivacy Law at North Korea\u201d (n 1) 4.\"\n"
		"  4: Smith, \u201cA \u2018Quoted\u2019 Title\u201d <https://b.org>.\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "a.yaml");
	const pd_note_sources *n;
	pd_citations c;

	ck_assert_int_eq(pd_citations_resolve(arena, p, &c), 0);
	n = pd_citations_note(&c, 1);
	ck_assert_str_eq(n->sources[0].title, "Privacy Law at North Korea");
	ck_assert_str_eq(n->sources[0].label, "Privacy Law at North Korea");
	ck_assert_ptr_null(n->sources[0].author);
	ck_assert_int_eq(n->sources[0].accessed[2], 21);
	n = pd_citations_note(&c, 2);
	ck_assert_str_eq(n->sources[0].short_form,
			 "Privacy Law at North Korea");
	n = pd_citations_note(&c, 3);
	ck_assert_str_eq(n->sources[0].short_form,
			 "Privacy Law at North Korea");
	ck_assert_str_eq(n->sources[0].pinpoint, "4");
	n = pd_citations_note(&c, 4);
	ck_assert_str_eq(n->sources[0].title, "A \u2018Quoted\u2019 Title");
	ck_assert_str_eq(n->sources[0].author, "Smith");
	ck_assert_uint_eq(c.nproblems, 0);
	pd_profile_free(p);
}
END_TEST

/* A trailing pinpoint, however it is written ("art 6", "Article 6"),
 * is no part of the source: one source, and a label without it. */
START_TEST(a_pinpoint_is_no_part_of_the_source)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1] B.[2] C.[3]\n"
		"footnotes:\n"
		"  1: Universal Declaration of Human Rights (UDHR) Article 6.\n"
		"  2: Universal Declaration of Human Rights (UDHR) Article 7.\n"
		"  3: Universal Declaration of Human Rights (UDHR) art 15.\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "a.yaml");
	const pd_note_sources *a, *b, *c3;
	pd_citations c;

	ck_assert_int_eq(pd_citations_resolve(arena, p, &c), 0);
	a = pd_citations_note(&c, 1);
	b = pd_citations_note(&c, 2);
	c3 = pd_citations_note(&c, 3);
	ck_assert_str_eq(a->sources[0].label,
			 "Universal Declaration of Human Rights (UDHR)");
	ck_assert(a->sources[0].key == b->sources[0].key);
	ck_assert(a->sources[0].key == c3->sources[0].key);
	pd_profile_free(p);
}
END_TEST

/* Straight quotes guard their ';' as curly ones do, and an apostrophe
 * opens nothing: a page whose quotes were straightened cites the same
 * sources. */
START_TEST(straight_quotes_hold_their_semicolons)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1] B.[2] C.[3]\n"
		"footnotes:\n"
		"  1: 'The Bank calls them \"those used for capture; credential "
		"management; and checks\", ''Types of ID'' <https://a.org/t>.'\n"
		"  2: 'UNICEF''s ''Birth; Registration'' report; ''Second'' "
		"<https://b.org>.'\n"
		"  3: 'The children''s fund; the State''s own data.'\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "a.yaml");
	const pd_note_sources *n;
	pd_citations c;

	ck_assert_int_eq(pd_citations_resolve(arena, p, &c), 0);
	n = pd_citations_note(&c, 1);
	ck_assert_uint_eq(n->nsources, 1);
	ck_assert_str_eq(n->sources[0].url, "https://a.org/t");
	n = pd_citations_note(&c, 2);
	ck_assert_uint_eq(n->nsources, 2);
	ck_assert_str_eq(n->sources[1].url, "https://b.org");
	/* apostrophes: two sources, split at the ';' */
	n = pd_citations_note(&c, 3);
	ck_assert_uint_eq(n->nsources, 2);
	pd_profile_free(p);
}
END_TEST

/* Short forms are matched to sources in normal form, whole words, each
 * source's author and title normalised once for all the cross-references
 * that try it: different short forms against the same sources give each
 * their own answer. */
START_TEST(short_forms_name_their_sources)
{
	static const char y[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1][2][3][4][5][6][7]\n"
		"footnotes:\n"
		"  1: \"JANE Smith, \u2018Birth \u2013 Registration\u2019 (UN 2020).\"\n"
		"  2: \"Human Rights Watch, \u2018Stateless Lives\u2019 (HRW 2021).\"\n"
		"  3: \"Smith (n 1) 4.\"\n"
		"  4: \"\u2018birth - registration\u2019 (n 1).\"\n"
		"  5: \"Watch (n 1) 2.\"\n"
		"  6: \"Smit (n 1).\"\n"
		"  7: \". (n 1).\"\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "a.yaml");
	const pd_note_sources *one, *two;
	pd_citations c;
	size_t k;

	ck_assert_int_eq(pd_citations_resolve(arena, p, &c), 0);
	one = pd_citations_note(&c, 1);
	two = pd_citations_note(&c, 2);
	/* 3 and 4 name footnote 1's source, by author and by title */
	ck_assert_ptr_eq(pd_citations_note(&c, 3)->resolved[0],
			 &one->sources[0]);
	ck_assert_ptr_eq(pd_citations_note(&c, 4)->resolved[0],
			 &one->sources[0]);
	/* 5 names footnote 2's, not 1's: a mismatch that knows its target;
	 * 6 ("Smit") and 7 (nothing left) name none: footnote 1 stands */
	ck_assert_uint_eq(c.nproblems, 3);
	for (k = 0; k < c.nproblems; k++)
		ck_assert_int_eq(c.problems[k].kind, PD_CITE_XREF_MISMATCH);
	ck_assert_uint_eq(c.problems[0].source->footnote, 5);
	ck_assert_ptr_eq(c.problems[0].intended, &two->sources[0]);
	ck_assert_ptr_eq(pd_citations_note(&c, 5)->resolved[0],
			 &two->sources[0]);
	ck_assert_uint_eq(c.problems[1].source->footnote, 6);
	ck_assert_ptr_null(c.problems[1].intended);
	ck_assert_uint_eq(c.problems[2].source->footnote, 7);
	ck_assert_ptr_null(c.problems[2].intended);
	ck_assert_ptr_eq(pd_citations_note(&c, 6)->resolved[0],
			 &one->sources[0]);
	pd_profile_free(p);
}
END_TEST


static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		ck_assert_ptr_eq(a, b);
	else
		ck_assert_str_eq(a, b);
}

/* A source by where it is written, NULL-safe. */
static void same_place(const pd_source *a, const pd_source *b)
{
	if (!a || !b) {
		ck_assert_ptr_eq(a, b);
		return;
	}
	ck_assert_uint_eq(a->footnote, b->footnote);
	ck_assert_uint_eq(a->start, b->start);
}

static void same_citations(const pd_citations *a, const pd_citations *b)
{
	size_t i, k;

	ck_assert_uint_eq(a->nnotes, b->nnotes);
	for (i = 0; i < a->nnotes; i++) {
		const pd_note_sources *x = &a->notes[i], *y = &b->notes[i];

		ck_assert_uint_eq(x->number, y->number);
		ck_assert_uint_eq(x->nsources, y->nsources);
		for (k = 0; k < x->nsources; k++) {
			const pd_source *s = &x->sources[k], *t = &y->sources[k];

			ck_assert_int_eq(s->kind, t->kind);
			same_place(s, t);
			ck_assert_uint_eq(s->end, t->end);
			same_str(s->author, t->author);
			same_str(s->title, t->title);
			same_str(s->url, t->url);
			same_str(s->pinpoint, t->pinpoint);
			same_str(s->short_form, t->short_form);
			same_str(s->label, t->label);
			ck_assert(memcmp(s->accessed, t->accessed,
					 sizeof(s->accessed)) == 0);
			ck_assert_uint_eq(s->ref, t->ref);
			ck_assert_uint_eq(s->key, t->key);
		}
		ck_assert_uint_eq(x->nresolved, y->nresolved);
		for (k = 0; k < x->nresolved; k++)
			same_place(x->resolved[k], y->resolved[k]);
	}
	ck_assert_uint_eq(a->nproblems, b->nproblems);
	for (i = 0; i < a->nproblems; i++) {
		ck_assert_int_eq(a->problems[i].kind, b->problems[i].kind);
		same_place(a->problems[i].source, b->problems[i].source);
		same_place(a->problems[i].intended, b->problems[i].intended);
	}
}

/* The memo gives what parsing gives: for the three real profiles and a
 * profile of cross-references, with the memo empty (it learns), then
 * full (every footnote from it), then with another profile's footnotes
 * in it too. */
START_TEST(the_memo_gives_what_parsing_gives)
{
	static const char *names[] = {"cambodia", "laos", "north-korea"};
	static const char xrefs[] =
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n"
		"sections:\n  - title: Law\n    paragraphs:\n"
		"      - A.[1][2][3][4][5][6]\n"
		"footnotes:\n"
		"  1: \"JANE Smith, \u2018Birth\u2019 (UN 2020) 4.\"\n"
		"  2: \"Ibid.\"\n"
		"  3: \"Smith (n 1) 4; Ibid 5.\"\n"
		"  4: \"\u2018birth\u2019 (n 1).\"\n"
		"  5: \"Watch (n 1) 2.\"\n"
		"  6: \"Ibid.\"\n";
	pd_cite_memo *memo = pd_cite_memo_new();
	size_t i, round;

	ck_assert_ptr_nonnull(memo);
	for (round = 0; round < 2; round++)
		for (i = 0; i < 4; i++) {
			char path[512];
			pd_buf b = PD_BUF_INIT;
			pd_profile *p;
			pd_citations plain, memoed;

			if (i < 3) {
				snprintf(path, sizeof(path), "%s/%s.yaml",
					 PD_PROFILES, names[i]);
				ck_assert_int_eq(pd_file_read(&b, path, 1 << 24),
						 0);
				p = tu_read_yaml(b.ptr, b.len, path);
			} else {
				p = tu_read_yaml(xrefs, strlen(xrefs), "x.yaml");
			}
			ck_assert_int_eq(pd_citations_resolve(arena, p, &plain),
					 0);
			ck_assert_int_eq(pd_citations_resolve_memo(arena, p,
								   &memoed,
								   memo),
					 0);
			same_citations(&plain, &memoed);
			if (i < 3)
				ck_assert_uint_gt(plain.nnotes, 20);
			else
				ck_assert_uint_eq(plain.nproblems, 1);
			pd_profile_free(p);
			pd_buf_free(&b);
		}
	pd_cite_memo_free(memo);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("citations");
	TCase *tc = tcase_create("footnotes");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, straight_quotes_hold_their_semicolons);
	tcase_add_test(tc, sources_of_footnotes);
	tcase_add_test(tc, a_pinpoint_is_no_part_of_the_source);
	tcase_add_test(tc, double_quoted_titles_and_short_forms);
	tcase_add_test(tc, spaces_and_date_forms_read_the_same);
	tcase_add_test(tc, short_forms_name_their_sources);
	tcase_add_test(tc, the_memo_gives_what_parsing_gives);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
