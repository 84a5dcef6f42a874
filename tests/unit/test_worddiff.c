#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/worddiff.h"
#include "testutil.h"

static void words_str(pd_buf *out, const pd_word_op *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pd_buf_printf(out, "%c[%s]", w[i].op, w[i].text);
}

START_TEST(word_diffs)
{
	pd_arena *a = pd_arena_new();
	pd_word_op *w;
	size_t n;
	bool cut;
	pd_buf s = PD_BUF_INIT;
	const char *x = "Laos has not ratified the CRC.";
	const char *y = "Laos has ratified the ‘CRC’ and CEDAW.";

	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 0, &w, &n,
				     &cut),
			 0);
	ck_assert(!cut);
	words_str(&s, w, n);
	ck_assert_str_eq(s.ptr, "=[Laos has ]-[not ]=[ratified the ]+[‘]"
				"=[CRC]+[’ and CEDAW]=[.]");
	pd_buf_clear(&s);
	/* the pieces are each side's own text: case and quotes shown as
	 * they are, white space kept between changed words joined in */
	x = "the 'digital' ID";
	y = "The ‘digital’ ID";
	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 0, &w, &n,
				     &cut),
			 0);
	words_str(&s, w, n);
	ck_assert_str_eq(s.ptr, "-[the ']+[The ‘]=[digital]-[']+[’]=[ ID]");
	pd_buf_clear(&s);
	x = "Laos is a party to CEDAW.";
	y = "Laos is a party to CEDAW and CRPD.";
	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 0, &w, &n,
				     &cut),
			 0);
	words_str(&s, w, n);
	ck_assert_str_eq(s.ptr, "=[Laos is a party to CEDAW]+[ and CRPD]=[.]");
	pd_buf_clear(&s);
	x = "Until 2026, there were no Electronic IDs.";
	y = "Until 2026, There were no ElectronicIDs.";
	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 0, &w, &n,
				     &cut),
			 0);
	words_str(&s, w, n);
	ck_assert_str_eq(s.ptr, "=[Until 2026, ]-[there]+[There]=[ were no ]"
				"-[Electronic IDs]+[ElectronicIDs]=[.]");
	pd_buf_clear(&s);
	/* a budget too small for the middle cuts */
	x = "a b c d e f g";
	y = "a x y z e f g";
	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 5, &w, &n,
				     &cut),
			 0);
	ck_assert(cut);
	ck_assert_uint_eq(n, 0);
	/* empty sides */
	ck_assert_int_eq(pd_worddiff(a, "", 0, "new text", 8, 0, &w, &n, &cut),
			 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(w[0].op, '+');
	ck_assert_str_eq(w[0].text, "new text");
	pd_buf_free(&s);
	pd_arena_free(a);
}
END_TEST

/* The kept and removed pieces of a word diff join into the first text, the
 * kept and added ones into the second: checked on x and y. */
static void assert_rebuilds(pd_arena *a, const char *x, const char *y)
{
	pd_buf from = PD_BUF_INIT, to = PD_BUF_INIT;
	pd_word_op *w;
	size_t n, i;
	bool cut;

	ck_assert_int_eq(pd_worddiff(a, x, strlen(x), y, strlen(y), 0, &w, &n,
				     &cut),
			 0);
	ck_assert(!cut);
	for (i = 0; i < n; i++) {
		ck_assert(w[i].op == '=' || w[i].op == '-' || w[i].op == '+');
		ck_assert(w[i].text[0] != '\0');
		if (i)
			ck_assert_msg(w[i].op == '=' || w[i - 1].op != w[i].op,
				      "two runs of '%c' in a row", w[i].op);
		if (w[i].op != '+')
			pd_buf_puts(&from, w[i].text);
		if (w[i].op != '-')
			pd_buf_puts(&to, w[i].text);
	}
	ck_assert_msg(strcmp(pd_buf_cstr(&from), x) == 0,
		      "= and - give\n  %s\nnot\n  %s", pd_buf_cstr(&from), x);
	ck_assert_msg(strcmp(pd_buf_cstr(&to), y) == 0,
		      "= and + give\n  %s\nnot\n  %s", pd_buf_cstr(&to), y);
	pd_buf_free(&from);
	pd_buf_free(&to);
}

/* Every pair of sentences of the three pages, and every sentence against
 * edits of it, rebuild exactly. */
START_TEST(word_diffs_rebuild_both_sentences)
{
	char **s = tu_page_sentences();
	size_t n = 0, i, j, pairs = 0;
	uint64_t seed = 0x9E3779B97F4A7C15ULL;

	while (s[n])
		n++;
	ck_assert_uint_gt(n, 100);
	for (i = 0; i < n; i++) {
		pd_arena *a = pd_arena_new();

		for (j = i + 1; j < n; j++, pairs++)
			assert_rebuilds(a, s[i], s[j]);
		for (j = 0; j < 20; j++) {
			char *e = tu_edit(s[i], &seed);

			assert_rebuilds(a, s[i], e);
			assert_rebuilds(a, e, s[i]);
			free(e);
		}
		pd_arena_free(a);
	}
	ck_assert_uint_gt(pairs, 7000);
	tu_free_list(s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("worddiff");
	TCase *tc = tcase_create("worddiff");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, word_diffs);
	tcase_add_test(tc, word_diffs_rebuild_both_sentences);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
