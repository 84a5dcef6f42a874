/*
 * test_app_render.c: a profile rendered, and for the page, what it does
 * not carry named (app_render.c).
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/app.h"
#include "testutil.h"

typedef struct notes {
	char text[8192];
	size_t n;
} notes;

static void keep(void *ctx, const pd_error *err)
{
	notes *ns = ctx;
	size_t len = strlen(ns->text);

	ck_assert_int_eq(err->code, 0);
	snprintf(ns->text + len, sizeof(ns->text) - len, "%u:%s\n",
		 (unsigned)err->pos.line, err->message);
	ns->n++;
}

/* Cambodia's curated laws and treaties are named with their lines;
 * the sections and footnotes come back, so nothing is said of them. */
START_TEST(the_page_names_what_it_does_not_carry)
{
	pd_app_render_options o = PD_APP_RENDER_OPTIONS_INIT;
	pd_buf out = PD_BUF_INIT;
	notes ns = {"", 0};

	o.profile = PD_PROFILES "/cambodia.yaml";
	o.report = keep;
	o.ctx = &ns;
	ck_assert_int_eq(pd_app_render(&out, &o), 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out),
				     "Cambodia\n\nLast updated : January 20, "
				     "2026\n\nDigital ID Overview\n\n"));
	ck_assert_ptr_nonnull(strstr(ns.text,
				     "206:law 'Law on Civil Registration, Vital "
				     "Statistics and Identification' (law, "
				     "in-force): the page does not carry it"));
	ck_assert_ptr_null(strstr(ns.text, "section"));
	ck_assert_ptr_null(strstr(ns.text, "footnote"));
	pd_buf_free(&out);
}
END_TEST

/* A profile of prose only is carried whole: nothing to say. Markdown is
 * never checked against a page. */
START_TEST(a_page_of_prose_only_says_nothing)
{
	pd_app_render_options o = PD_APP_RENDER_OPTIONS_INIT;
	pd_buf out = PD_BUF_INIT;
	notes ns = {"", 0};

	o.profile = PD_FIXTURES "/render/prose-only.yaml";
	o.report = keep;
	o.ctx = &ns;
	ck_assert_int_eq(pd_app_render(&out, &o), 0);
	ck_assert_str_eq(pd_buf_cstr(&out),
			 "Testland\n\nLast updated : January 20, 2026\n\n"
			 "## Recent Changes\n\nA claim.[1]\n\n1.^\n\n A source."
			 "\n\n");
	ck_assert_uint_eq(ns.n, 0);
	pd_buf_clear(&out);
	o.format = PD_FORMAT_MARKDOWN;
	ck_assert_int_eq(pd_app_render(&out, &o), 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "A claim.[^1]\n"));
	o.format = PD_FORMAT_CSV;
	ck_assert_int_eq(pd_app_render(&out, &o), PD_EUSAGE);
	pd_buf_free(&out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("app_render");
	TCase *tc = tcase_create("app_render");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, the_page_names_what_it_does_not_carry);
	tcase_add_test(tc, a_page_of_prose_only_says_nothing);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
