#include <stdio.h>
#include <string.h>

#include "profdiff/config.h"
#include "profdiff/extract.h"
#include "testutil.h"

static pd_config *read_config(const char *rel)
{
	pd_buf b = tu_fixture(rel);
	pd_config *c = NULL;
	char msg[1024];

	if (pd_config_read(&c, b.ptr, b.len, rel) < 0) {
		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_abort_msg("%s", msg);
	}
	pd_buf_free(&b);
	return c;
}

START_TEST(defaults)
{
	pd_config *c;

	ck_assert_int_eq(pd_config_new(&c), 0);
	ck_assert_str_eq(c->profiles_dir, "profiles");
	ck_assert_int_eq(c->uncited, PD_UNCITED_PARAGRAPH);
	ck_assert_uint_eq(c->nseverities, 0);
	ck_assert_ptr_null(c->publish); /* the default publication branch */
	ck_assert_uint_eq(pd_vocab_count(&c->vocab), 13);
	pd_config_free(c);
	c = read_config("config/comments-only.yaml");
	ck_assert_str_eq(c->profiles_dir, "profiles");
	pd_config_free(c);
}
END_TEST

START_TEST(every_setting)
{
	pd_config *c = read_config("config/valid.yaml");
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	pd_arena *a = pd_arena_new();
	pd_treaty_statement *st;
	size_t n;
	static const char s1[] =
		"Laos has signed the AHRD and ratified the Child Rights "
		"Convention.";

	/* written "./data/profiles/" */
	ck_assert_str_eq(c->profiles_dir, "data/profiles");
	ck_assert_str_eq(c->publish, "release");
	ck_assert_int_eq(c->uncited, PD_UNCITED_SENTENCE);
	o.severities = c->severities;
	o.nseverities = c->nseverities;
	ck_assert_int_eq(pd_lint_severity(&o, PD_RULE_ORPHAN_FOOTNOTE),
			 PD_SEV_ERROR);
	ck_assert_int_eq(pd_lint_severity(&o, PD_RULE_UNCITED_ASSERTION),
			 PD_SEV_OFF);
	ck_assert_int_eq(pd_lint_severity(&o, PD_RULE_DUPLICATE_SOURCE),
			 PD_SEV_WARNING);
	ck_assert_int_eq(pd_lint_severity(&o, PD_RULE_DANGLING_CITATION),
			 PD_SEV_ERROR);
	/* the vocabulary grows by a treaty and an alias, which the
	 * extraction uses */
	ck_assert_int_eq(pd_vocab_find(&c->vocab, "ASEAN-HRD", 9), 13);
	ck_assert_int_eq(pd_treaty_statements(a, &c->vocab, s1,
					      sizeof(s1) - 1, &st, &n),
			 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(pd_vocab_get(&c->vocab, (size_t)st[0].treaty)->id,
			 "ASEAN-HRD");
	ck_assert_int_eq(st[0].status, PD_TREATY_SIGNATORY);
	ck_assert_str_eq(pd_vocab_get(&c->vocab, (size_t)st[1].treaty)->id,
			 "CRC");
	pd_arena_free(a);
	pd_config_free(c);
}
END_TEST

START_TEST(errors_point_at_the_setting)
{
	pd_buf cases = tu_fixture("config/invalid/cases.txt");
	char **files = tu_list("config/invalid", ".yaml");
	char *line, *save = NULL;
	size_t nfiles = 0, ncases = 0;

	while (files[nfiles])
		nfiles++;
	for (line = strtok_r(cases.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[256], rel[300], msg[1024];
		unsigned lno, col;
		pd_config *c = NULL;
		pd_buf b;

		if (line[0] == '#')
			continue;
		ck_assert(sscanf(line, "%255[^\t]\t%u:%u\t", name, &lno, &col) ==
			  3);
		snprintf(rel, sizeof(rel), "config/invalid/%s", name);
		b = tu_fixture(rel);
		ck_assert_int_eq(pd_config_read(&c, b.ptr, b.len, name),
				 PD_EINVALID);
		ck_assert_ptr_null(c);
		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_assert_msg(pd_error_last()->pos.line == lno &&
				      pd_error_last()->pos.col == col &&
				      strstr(msg, strrchr(line, '\t') + 1),
			      "%s: expected %u:%u %s, got %s", name, lno, col,
			      strrchr(line, '\t') + 1, msg);
		pd_buf_free(&b);
		ncases++;
	}
	ck_assert_uint_eq(ncases, nfiles);
	tu_free_list(files);
	pd_buf_free(&cases);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_test(tc, defaults);
	tcase_add_test(tc, every_setting);
	tcase_add_test(tc, errors_point_at_the_setting);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
