#include <string.h>

#include "profdiff/text.h"
#include "testutil.h"

static const struct {
	const char *s;
	size_t bad; /* (size_t)-1: valid */
} utf8_cases[] = {
	{"plain ASCII", (size_t)-1},
	{"caf\xC3\xA9 \xE2\x80\x98quoted\xE2\x80\x99 \xF0\x9F\x98\x80",
	 (size_t)-1},
	{"\xEF\xBF\xBD replacement char is fine", (size_t)-1},
	{"bad \xFF byte", 4},
	{"overlong \xC0\xAF", 9},
	{"overlong3 \xE0\x80\xAF", 10},
	{"surrogate \xED\xA0\x80", 10},
	{"too big \xF4\x90\x80\x80", 8},
	{"truncated \xE2\x80", 10},
	{"lone continuation \x80", 18},
};

START_TEST(utf8_validation)
{
	size_t bad = 12345;
	const char *s = utf8_cases[_i].s;
	bool ok = pd_utf8_valid(s, strlen(s), &bad);

	if (utf8_cases[_i].bad == (size_t)-1) {
		ck_assert_msg(ok, "case %d should be valid", _i);
	} else {
		ck_assert_msg(!ok, "case %d should be invalid", _i);
		ck_assert_uint_eq(bad, utf8_cases[_i].bad);
	}
}
END_TEST

static bool no_controls(int32_t cp)
{
	return cp == '\n' || (cp >= 0x20 && cp != 0x7F);
}

static bool no_line_feed(int32_t cp)
{
	return cp != '\n';
}

/* The span stops at the first byte refused, wherever it falls in the
 * words the walk takes at a time: every byte value at every place of an
 * 88-byte printable run (two blocks of thirty-two, one of sixteen and a
 * word of eight), and every length from 0 to 88. */
START_TEST(span_stops_at_every_byte_and_place)
{
	char s[89];
	unsigned b, k, len;

	for (b = 0; b < 256; b++)
		for (k = 0; k < 88; k++) {
			size_t want;

			memset(s, 'a', 88);
			s[k] = (char)b;
			s[88] = '\0';
			want = (b >= 0x20 && b < 0x7F) || b == '\n' ? 88 : k;
			ck_assert_msg(pd_utf8_span(s, 88, no_controls) == want,
				      "byte 0x%02X at %u", b, k);
			want = b < 0x80 ? 88 : k;
			ck_assert_msg(pd_utf8_span(s, 88, NULL) == want,
				      "byte 0x%02X at %u, no predicate", b,
				      k);
			want = b < 0x80 && b != '\n' ? 88 : k;
			ck_assert_msg(pd_utf8_span(s, 88, no_line_feed) == want,
				      "byte 0x%02X at %u, no line feed", b, k);
		}
	memset(s, 'a', 88);
	for (len = 0; len <= 88; len++)
		ck_assert_uint_eq(pd_utf8_span(s, len, no_controls), len);
	/* a character cut at the end of a word, and at the end */
	memcpy(s, "1234567\xE2\x80\x98" "abcdefghij", 20);
	ck_assert_uint_eq(pd_utf8_span(s, 20, no_controls), 20);
	ck_assert_uint_eq(pd_utf8_span(s, 9, no_controls), 7);
}
END_TEST

static unsigned keep_calls;

static bool counting_no_controls(int32_t cp)
{
	keep_calls++;
	return no_controls(cp);
}

/* A line feed is let through the blocks only when keep takes it: one
 * refused stops the span wherever it falls, one taken costs no call of
 * keep past the first, and the other code points are still asked. */
START_TEST(span_takes_line_feeds_as_keep_says)
{
	char s[41];
	unsigned k;

	for (k = 0; k < 40; k++) {
		memset(s, 'a', 40);
		s[k] = '\n';
		s[40] = '\0';
		ck_assert_uint_eq(pd_utf8_span(s, 40, no_line_feed), k);
		ck_assert_uint_eq(pd_utf8_span(s, 40, no_controls), 40);
		ck_assert_uint_eq(pd_utf8_span(s, 40, NULL), 40);
		ck_assert_uint_eq(pd_utf8_span(s, k + 1, no_line_feed), k);
	}
	memcpy(s, "line one\nline two\n\nline \xE2\x80\x98" "four\x01\n", 34);
	keep_calls = 0;
	ck_assert_uint_eq(pd_utf8_span(s, 33, counting_no_controls), 31);
	/* the line feed up front, U+2018, then the control refused */
	ck_assert_uint_eq(keep_calls, 3);
	keep_calls = 0;
	ck_assert_uint_eq(pd_utf8_span(s, 31, counting_no_controls), 31);
	ck_assert_uint_eq(pd_utf8_span(s, 33, no_line_feed), 8);
	ck_assert_uint_eq(keep_calls, 2);
}
END_TEST

START_TEST(decode_reports_code_points)
{
	int32_t cp;

	ck_assert_uint_eq(pd_utf8_decode("A", 1, &cp), 1);
	ck_assert_int_eq(cp, 'A');
	ck_assert_uint_eq(pd_utf8_decode("\xE2\x80\x99", 3, &cp), 3);
	ck_assert_int_eq(cp, 0x2019);
	ck_assert_uint_eq(pd_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	ck_assert_int_eq(cp, 0x1F600);
	ck_assert_uint_eq(pd_utf8_decode("\xE2\x80", 2, &cp), 1);
	ck_assert_int_eq(cp, 0xFFFD);
}
END_TEST

START_TEST(positions_count_lines_and_code_points)
{
	const char *s = "ab\n\xE2\x80\x98x\ny";
	pd_pos p;

	p = pd_text_pos(s, strlen(s), 0);
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.col, 1);
	p = pd_text_pos(s, strlen(s), 6); /* the x after a 3-byte quote */
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.col, 2);
	p = pd_text_pos(s, strlen(s), 8);
	ck_assert_uint_eq(p.line, 3);
	ck_assert_uint_eq(p.col, 1);
	ck_assert_uint_eq(pd_utf8_width(s, strlen(s)), 7);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");

	tcase_add_loop_test(tc, utf8_validation, 0,
			    sizeof(utf8_cases) / sizeof(utf8_cases[0]));
	tcase_add_test(tc, span_stops_at_every_byte_and_place);
	tcase_add_test(tc, span_takes_line_feeds_as_keep_says);
	tcase_add_test(tc, decode_reports_code_points);
	tcase_add_test(tc, positions_count_lines_and_code_points);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
