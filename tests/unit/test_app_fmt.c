/*
 * test_app_fmt.c: the call fmt and fmt --renumber share with an editor's
 * code action (app_fmt.c).
 */
#include <string.h>

#include "profdiff/app.h"
#include "testutil.h"

/* The text in, the canonical text out, footnotes renumbered when asked,
 * comments kept; a bad file is an error with its position. */
START_TEST(fmt_text_with_and_without_renumbering)
{
	pd_buf in = tu_fixture("renumber/basic.yaml");
	pd_buf want = tu_fixture("renumber/basic.expected.yaml");
	pd_buf c = tu_fixture("yaml/comments/in.yaml");
	pd_buf cwant = tu_fixture("yaml/comments/canonical.yaml");
	pd_buf out = PD_BUF_INIT;
	pd_app_fmt_options o = PD_APP_FMT_OPTIONS_INIT;
	static const char bad[] = "schema: 1\ncountry: X\ncountry: Y\n";

	o.renumber = true;
	ck_assert_int_eq(pd_app_fmt_text(&out, in.ptr, in.len, "b.yaml", &o), 0);
	ck_assert_str_eq(pd_buf_cstr(&out), pd_buf_cstr(&want));
	/* without renumbering, the numbers stay */
	pd_buf_clear(&out);
	ck_assert_int_eq(pd_app_fmt_text(&out, in.ptr, in.len, "b.yaml", NULL),
			 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "First claim.[4]"));
	pd_buf_clear(&out);
	ck_assert_int_eq(pd_app_fmt_text(&out, c.ptr, c.len, "c.yaml", NULL), 0);
	ck_assert_str_eq(pd_buf_cstr(&out), pd_buf_cstr(&cwant));
	pd_buf_clear(&out);
	ck_assert_int_eq(pd_app_fmt_text(&out, bad, sizeof(bad) - 1, "bad.yaml",
					 &o),
			 PD_EINVALID);
	ck_assert_str_eq(pd_error_last()->file, "bad.yaml");
	ck_assert_uint_eq(pd_error_last()->pos.line, 3);
	pd_buf_free(&in);
	pd_buf_free(&want);
	pd_buf_free(&c);
	pd_buf_free(&cwant);
	pd_buf_free(&out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_fmt");
	TCase *tc = tcase_create("app_fmt");

	tcase_add_test(tc, fmt_text_with_and_without_renumbering);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
