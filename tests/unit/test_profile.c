#include <stdio.h>
#include <string.h>

#include "profdiff/lint.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"
#include "testutil.h"

START_TEST(dates_parse_strictly)
{
	pd_date d;
	char out[11];

	ck_assert(pd_date_parse("2026-01-20", 10, &d));
	ck_assert_int_eq(d.year, 2026);
	ck_assert_int_eq(d.month, 1);
	ck_assert_int_eq(d.day, 20);
	pd_date_format(d, out);
	ck_assert_str_eq(out, "2026-01-20");
	ck_assert(pd_date_parse("2024-02-29", 10, &d));
	ck_assert(pd_date_parse("2000-02-29", 10, &d));
	ck_assert(!pd_date_parse("1900-02-29", 10, &d));
	ck_assert(!pd_date_parse("2026-02-29", 10, &d));
	ck_assert(!pd_date_parse("2026-04-31", 10, &d));
	ck_assert(!pd_date_parse("2026-13-01", 10, &d));
	ck_assert(!pd_date_parse("2026-00-10", 10, &d));
	ck_assert(!pd_date_parse("2026-1-20", 9, &d));
	ck_assert(!pd_date_parse("2026/01/20", 10, &d));
	ck_assert(!pd_date_parse("20260120xx", 10, &d));
	ck_assert(!pd_date_parse("0000-01-01", 10, &d));
}
END_TEST

START_TEST(dates_compare)
{
	pd_date a = {2025, 12, 31}, b = {2026, 1, 1}, none = {0, 0, 0};

	ck_assert_int_lt(pd_date_cmp(a, b), 0);
	ck_assert_int_gt(pd_date_cmp(b, a), 0);
	ck_assert_int_eq(pd_date_cmp(a, a), 0);
	ck_assert_int_lt(pd_date_cmp(none, a), 0);
}
END_TEST

START_TEST(slugs)
{
	char out[64];

	pd_country_slug("North Korea", out, sizeof(out));
	ck_assert_str_eq(out, "north-korea");
	pd_country_slug("  Lao People's Democratic Republic ", out,
			sizeof(out));
	ck_assert_str_eq(out, "lao-people-s-democratic-republic");
	pd_country_slug("C\xC3\xB4te d'Ivoire", out, sizeof(out));
	ck_assert_str_eq(out, "c-te-d-ivoire");
	ck_assert_uint_eq(pd_country_slug("Cambodia", out, 4), 3);
	ck_assert_str_eq(out, "cam");
}
END_TEST

START_TEST(enum_names_round_trip)
{
	int i;

	for (i = 0; i < PD_LAW_TYPE_COUNT; i++) {
		const char *n = pd_law_type_name((pd_law_type)i);

		ck_assert_int_eq(pd_law_type_lookup(n, strlen(n)), i);
	}
	for (i = 0; i < PD_LAW_STATUS_COUNT; i++) {
		const char *n = pd_law_status_name((pd_law_status)i);

		ck_assert_int_eq(pd_law_status_lookup(n, strlen(n)), i);
	}
	for (i = 0; i < PD_TREATY_STATUS_COUNT; i++) {
		const char *n = pd_treaty_status_name((pd_treaty_status)i);

		ck_assert_int_eq(pd_treaty_status_lookup(n, strlen(n)), i);
	}
	for (i = 1; i < PD_VIA_COUNT; i++) {
		const char *n = pd_treaty_via_name((pd_treaty_via)i);

		ck_assert_int_eq(pd_treaty_via_lookup(n, strlen(n)), i);
	}
	ck_assert_int_eq(pd_treaty_via_lookup("", 0), -1);
	ck_assert_int_eq(pd_law_type_lookup("Law", 3), -1);
	ck_assert_int_eq(pd_law_status_lookup("in-force ", 9), -1);
}
END_TEST

START_TEST(rule_table_is_indexed_by_id)
{
	int i;

	for (i = 0; i < PD_RULE_COUNT; i++) {
		const pd_rule_def *r = pd_rule_get((pd_rule_id)i);

		ck_assert_int_eq(r->id, i);
		ck_assert_int_eq(pd_rule_lookup(r->name, strlen(r->name)), i);
	}
	ck_assert_int_eq(pd_rule_lookup("dangling", 8), -1);
	/* a change in substance under a published date: refused */
	ck_assert_int_eq(pd_rule_get(PD_RULE_DATE_NOT_BUMPED)->severity,
			 PD_SEV_ERROR);
	ck_assert_int_eq(pd_rule_get(PD_RULE_UNCITED_SENTENCE)->severity,
			 PD_SEV_INFO);
}
END_TEST

START_TEST(vocabulary)
{
	static const char *const aliases[] = {"AHRD", NULL};
	static const pd_treaty_def extra[] = {
		{"ASEAN-HRD", "ASEAN Human Rights Declaration", aliases}};
	pd_vocab v = {.extra = extra, .nextra = 1};

	ck_assert_uint_eq(pd_vocab_count(NULL), 13);
	ck_assert_int_eq(pd_vocab_find(NULL, "ICCPR", 5), 0);
	ck_assert_int_eq(pd_vocab_find(NULL, "STATELESS-1961", 14), 12);
	ck_assert_int_eq(pd_vocab_find(NULL, "iccpr", 5), -1);
	ck_assert_int_eq(pd_vocab_find(NULL, "ASEAN-HRD", 9), -1);
	ck_assert_int_eq(pd_vocab_find(&v, "ASEAN-HRD", 9), 13);
	ck_assert_str_eq(pd_vocab_get(&v, 13)->name,
			 "ASEAN Human Rights Declaration");
	ck_assert_str_eq(pd_vocab_get(NULL, 3)->id, "CRC");
}
END_TEST

static pd_footnote *add_footnotes(pd_profile *p, const uint32_t *nums,
				  size_t n)
{
	size_t i;

	p->footnotes = pd_arena_calloc(p->arena, n, sizeof(pd_footnote));
	for (i = 0; i < n; i++) {
		char text[16];

		snprintf(text, sizeof(text), "source %u", (unsigned)nums[i]);
		p->footnotes[i].number = nums[i];
		p->footnotes[i].text = pd_arena_strdup(p->arena, text);
		p->footnotes[i].len = strlen(text);
		p->footnotes[i].number_pos.line = (uint32_t)i + 1;
	}
	p->nfootnotes = n;
	return p->footnotes;
}

START_TEST(canonical_order_and_lookup)
{
	static const uint32_t nums[] = {5, 1, 32, 7};
	pd_profile *p;
	pd_treaty *t;

	ck_assert_int_eq(pd_profile_new(&p), 0);
	add_footnotes(p, nums, 4);
	t = pd_arena_calloc(p->arena, 3, sizeof(*t));
	t[0].id = "STATELESS-1954";
	t[1].id = "ICCPR";
	t[2].id = "CRC";
	p->treaties = t;
	p->ntreaties = 3;
	ck_assert_int_eq(pd_profile_canonicalize(p, NULL, "x.yaml"), 0);
	ck_assert_uint_eq(p->footnotes[0].number, 1);
	ck_assert_uint_eq(p->footnotes[3].number, 32);
	ck_assert_str_eq(p->treaties[0].id, "ICCPR");
	ck_assert_str_eq(p->treaties[1].id, "CRC");
	ck_assert_str_eq(p->treaties[2].id, "STATELESS-1954");
	ck_assert_str_eq(pd_profile_footnote(p, 7)->text, "source 7");
	ck_assert_ptr_null(pd_profile_footnote(p, 6));
	ck_assert_ptr_null(pd_profile_footnote(p, 33));
	pd_profile_free(p);
}
END_TEST

START_TEST(duplicates_are_rejected_at_the_second)
{
	static const uint32_t nums[] = {3, 1, 3};
	pd_profile *p;

	ck_assert_int_eq(pd_profile_new(&p), 0);
	add_footnotes(p, nums, 3);
	ck_assert_int_eq(pd_profile_canonicalize(p, NULL, "x.yaml"),
			 PD_EINVALID);
	ck_assert_uint_eq(pd_error_last()->pos.line, 3);
	ck_assert_str_eq(pd_error_last()->message, "duplicate footnote 3");
	pd_profile_free(p);
}
END_TEST

START_TEST(equality_ignores_positions_only)
{
	static const uint32_t nums[] = {1, 2};
	pd_profile *a, *b;

	ck_assert_int_eq(pd_profile_new(&a), 0);
	ck_assert_int_eq(pd_profile_new(&b), 0);
	a->country = "Laos";
	b->country = "Laos";
	add_footnotes(a, nums, 2);
	add_footnotes(b, nums, 2);
	b->footnotes[0].pos.line = 99;
	ck_assert(pd_profile_equal(a, b));
	b->footnotes[1].text = "source 2.";
	b->footnotes[1].len = 9;
	ck_assert(!pd_profile_equal(a, b));
	b->footnotes[1] = a->footnotes[1];
	b->last_updated.year = 2026;
	ck_assert(!pd_profile_equal(a, b));
	pd_profile_free(a);
	pd_profile_free(b);
	pd_profile_free(NULL);
}
END_TEST


/* A text cursor gives what pd_text_at gives, for offsets asked in any
 * order: forward, back, across segments, inside and after multi-byte
 * characters. */
START_TEST(text_cursor_equals_text_at)
{
	static const char text[] = "ab\u00e9cd ef\u4e2dgh ij kl\u00e9mn op";
	pd_segment segs[3] = {{0, {3, 5}}, {9, {4, 7}}, {20, {6, 1}}};
	pd_pos start = {3, 5};
	size_t len = sizeof(text) - 1, i, k;
	unsigned seed = 7;

	for (k = 0; k <= 3; k += 3) { /* no segments, then three */
		pd_text_cursor c;

		pd_text_cursor_init(&c, text, start, k ? segs : NULL, k);
		for (i = 0; i < 2000; i++) {
			size_t off;
			pd_pos want, got;

			seed = seed * 1103515245u + 12345u;
			off = (seed >> 8) % (len + 1);
			want = pd_text_at(text, start, k ? segs : NULL, k, off);
			got = pd_text_cursor_at(&c, off);
			ck_assert_uint_eq(got.line, want.line);
			ck_assert_uint_eq(got.col, want.col);
		}
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

	tcase_add_test(tc, dates_parse_strictly);
	tcase_add_test(tc, dates_compare);
	tcase_add_test(tc, slugs);
	tcase_add_test(tc, enum_names_round_trip);
	tcase_add_test(tc, rule_table_is_indexed_by_id);
	tcase_add_test(tc, vocabulary);
	tcase_add_test(tc, canonical_order_and_lookup);
	tcase_add_test(tc, duplicates_are_rejected_at_the_second);
	tcase_add_test(tc, equality_ignores_positions_only);
	tcase_add_test(tc, text_cursor_equals_text_at);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
