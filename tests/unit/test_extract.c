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

		if (i < n)
			snprintf(got, sizeof(got), "%s %s%s%s",
				 pd_vocab_get(NULL, (size_t)st[i].treaty)->id,
				 pd_treaty_status_name(st[i].status),
				 st[i].via ? " " : "",
				 pd_treaty_via_name(st[i].via));
		ck_assert_msg(i < c->nexpect && strcmp(got, c->expect[i]) == 0,
			      "statement %zu is '%s', expected '%s' in: %s", i,
			      got, i < c->nexpect ? c->expect[i] : "(none)",
			      c->input);
	}
	pd_arena_free(a);
}

START_TEST(treaty_phrasings)
{
	ck_assert_uint_ge(for_each_case("extract/treaties.txt", treaty_case,
					NULL),
			  15);
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

			snprintf(got, sizeof(got), "%s | %d | %s | %s | %s",
				 l->name, l->year, pd_law_type_name(l->type),
				 pd_law_status_name(l->status),
				 l->short_name ? l->short_name : "-");
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

int main(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("extract");

	tcase_add_test(tc, treaty_phrasings);
	tcase_add_test(tc, law_phrasings);
	tcase_add_test(tc, repeated_mentions_merge);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
