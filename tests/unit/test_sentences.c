#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/sentences.h"
#include "testutil.h"

/* Runs every case of sentences/cases.txt: a paragraph line followed by
 * the expected sentences as "> " lines. */
START_TEST(segmentation_cases)
{
	pd_buf data = tu_fixture("sentences/cases.txt");
	char *p = data.ptr, *para = NULL;
	char *want[64];
	size_t nwant = 0, ncases = 0;

	for (;;) {
		char *nl = strchr(p, '\n');
		bool last = nl == NULL;

		if (nl)
			*nl = '\0';
		if (p[0] == '#') {
			/* comment */
		} else if (p[0] == '>' && p[1] == ' ') {
			ck_assert(nwant < 64);
			want[nwant++] = p + 2;
		} else if (p[0] == '\0' || last) {
			if (para) {
				pd_arena *a = pd_arena_new();
				pd_span *s;
				size_t n, i;

				ck_assert_int_eq(pd_sentences(a, para,
							      strlen(para), &s,
							      &n),
						 0);
				ck_assert_msg(n == nwant,
					      "%zu sentences, expected %zu, in: "
					      "%s",
					      n, nwant, para);
				for (i = 0; i < n; i++) {
					size_t l = s[i].end - s[i].start;

					ck_assert_msg(
						l == strlen(want[i]) &&
							memcmp(para + s[i].start,
							       want[i], l) == 0,
						"sentence %zu is '%.*s', expected "
						"'%s'",
						i, (int)l, para + s[i].start,
						want[i]);
				}
				pd_arena_free(a);
				ncases++;
			}
			para = NULL;
			nwant = 0;
		} else {
			para = p;
		}
		if (last)
			break;
		p = nl + 1;
	}
	ck_assert_uint_ge(ncases, 15);
	pd_buf_free(&data);
}
END_TEST

/* The stops are found eight bytes at a time: every stop, at every offset
 * from an 8-byte boundary, ends its sentence, and a curly quote (whose
 * first byte is an ellipsis's) is no stop. */
START_TEST(stops_at_every_offset)
{
	static const char *const want[] = {
		"One.", "Two\xE2\x80\xA6", "Three?", "Four!",
		"\xE2\x80\x9C" "Five.\xE2\x80\x9D",
		"Six \xE2\x80\x98q\xE2\x80\x99 end"};
	char text[256];
	size_t pad, i, n;
	pd_span *sp;

	for (pad = 0; pad < 16; pad++) {
		pd_arena *a = pd_arena_new();

		snprintf(text, sizeof(text), "%.*s%s %s %s %s %s %s",
			 (int)pad, "0123456789abcdef", want[0], want[1],
			 want[2], want[3], want[4], want[5]);
		ck_assert_int_eq(pd_sentences(a, text, strlen(text), &sp, &n),
				 0);
		ck_assert_uint_eq(n, 6);
		for (i = 0; i < n; i++) {
			size_t b = sp[i].start, e = sp[i].end;

			if (i == 0)
				b += pad;
			ck_assert_msg(e - b == strlen(want[i]) &&
					      memcmp(text + b, want[i],
						     e - b) == 0,
				      "sentence %zu is '%.*s'", i,
				      (int)(sp[i].end - sp[i].start),
				      text + sp[i].start);
		}
		pd_arena_free(a);
	}
}
END_TEST

START_TEST(empty_and_blank_text)
{
	pd_arena *a = pd_arena_new();
	pd_span *s;
	size_t n = 99;

	ck_assert_int_eq(pd_sentences(a, "", 0, &s, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(pd_sentences(a, "   ", 3, &s, &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(pd_sentences(a, "...", 3, &s, &n), 0);
	ck_assert_uint_eq(n, 1);
	pd_arena_free(a);
}
END_TEST

START_TEST(long_text_is_linear)
{
	/* 200,000 short sentences: finishes quickly and finds them all */
	size_t n = 200000, i, len;
	char *text = malloc(n * 12 + 1);
	pd_arena *a = pd_arena_new();
	pd_span *s;
	size_t cnt;

	ck_assert_ptr_nonnull(text);
	len = 0;
	for (i = 0; i < n; i++) {
		memcpy(text + len, "Ab cd.[12] ", 11);
		len += 11;
	}
	ck_assert_int_eq(pd_sentences(a, text, len, &s, &cnt), 0);
	ck_assert_uint_eq(cnt, n);
	ck_assert_uint_eq(s[1].start, 11);
	ck_assert_uint_eq(s[1].end, 21);
	free(text);
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sentences");
	TCase *tc = tcase_create("sentences");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, segmentation_cases);
	tcase_add_test(tc, stops_at_every_offset);
	tcase_add_test(tc, empty_and_blank_text);
	tcase_add_test(tc, long_text_is_linear);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
