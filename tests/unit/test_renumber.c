/*
 * test_renumber.c: footnotes renumbered in order of first citation
 * (renumber.c), and the invariants that hold whatever the profile: the
 * diff sees nothing, lint introduces and fixes nothing, and a second run
 * changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/diff.h"
#include "profdiff/fileio.h"
#include "profdiff/lint.h"
#include "profdiff/page_import.h"
#include "profdiff/renumber.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static void write_yaml(pd_buf *out, const pd_profile *p)
{
	pd_buf_clear(out);
	ck_assert_int_eq(pd_yaml_write(out, p), 0);
}

/* The case of tests/fixtures/renumber/: markers in lists, adjacent and
 * in a range; an ibid moving with its antecedent; a cross-reference
 * whose target comes first; a cross-reference lint finds wrong keeping
 * its place; the uncited after the cited; a dangling marker, cite: lists
 * and lint.ignore entries. */
START_TEST(renumbers_everything_that_names_a_footnote)
{
	pd_buf in = tu_fixture("renumber/basic.yaml");
	pd_buf want = tu_fixture("renumber/basic.expected.yaml");
	pd_buf out = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "basic.yaml");
	bool changed = false;

	ck_assert_int_eq(pd_renumber_profile(p, "basic.yaml", &changed), 0);
	ck_assert(changed);
	write_yaml(&out, p);
	ck_assert_msg(out.len == want.len &&
			      memcmp(out.ptr, want.ptr, out.len) == 0,
		      "got:\n%s", pd_buf_cstr(&out));
	ck_assert_int_eq(pd_renumber_profile(p, "basic.yaml", &changed), 0);
	ck_assert(!changed);
	pd_profile_free(p);
	pd_buf_free(&in);
	pd_buf_free(&want);
	pd_buf_free(&out);
}
END_TEST

/* The invariants, on `before` (which is left as it is). */
static void assert_invariants(const pd_profile *before, const char *name)
{
	pd_buf y1 = PD_BUF_INIT, y2 = PD_BUF_INIT;
	pd_profile *after, *again;
	pd_diff *d = NULL;
	pd_lint_result *l1 = NULL, *l2 = NULL;
	pd_lint_delta delta;
	pd_arena *a = pd_arena_new();
	bool changed;
	size_t i;

	write_yaml(&y1, before);
	after = tu_read_yaml(y1.ptr, y1.len, name);
	ck_assert_int_eq(pd_renumber_profile(after, name, NULL), 0);
	/* the diff sees nothing */
	ck_assert_int_eq(pd_diff_profiles(&d, before, after, NULL), 0);
	for (i = 0; i < d->nchanges; i++)
		ck_assert_msg(0, "%s: the diff reports %s", name,
			      pd_change_kind_name(d->changes[i].kind));
	/* lint introduces and fixes nothing */
	ck_assert_int_eq(pd_lint(&l1, before, NULL), 0);
	ck_assert_int_eq(pd_lint(&l2, after, NULL), 0);
	ck_assert_int_eq(pd_lint_compare(a, l1, l2, &delta), 0);
	ck_assert_msg(delta.nintroduced == 0 && delta.nfixed == 0,
		      "%s: lint introduced %zu (%s), fixed %zu (%s)", name,
		      delta.nintroduced,
		      delta.nintroduced ? delta.introduced[0]->message : "",
		      delta.nfixed, delta.nfixed ? delta.fixed[0]->message : "");
	ck_assert_uint_eq(l1->nfindings, l2->nfindings);
	/* a second run changes nothing, read back from its YAML too */
	write_yaml(&y1, after);
	again = tu_read_yaml(y1.ptr, y1.len, name);
	ck_assert_int_eq(pd_renumber_profile(again, name, &changed), 0);
	write_yaml(&y2, again);
	ck_assert_msg(!changed && y1.len == y2.len &&
			      memcmp(y1.ptr, y2.ptr, y1.len) == 0,
		      "%s: a second renumbering changed it:\n%s", name,
		      pd_buf_cstr(&y2));
	pd_lint_result_free(l1);
	pd_lint_result_free(l2);
	pd_diff_free(d);
	pd_profile_free(after);
	pd_profile_free(again);
	pd_arena_free(a);
	pd_buf_free(&y1);
	pd_buf_free(&y2);
}

START_TEST(invariants_on_the_bundled_profiles)
{
	static const char *const names[] = {"cambodia", "laos", "north-korea"};
	size_t i;

	for (i = 0; i < 3; i++) {
		char path[512];
		pd_buf in = PD_BUF_INIT;
		pd_profile *p;

		snprintf(path, sizeof(path), "%s/%s.yaml", PD_PROFILES,
			 names[i]);
		ck_assert_int_eq(pd_file_read(&in, path, PD_MAX_PROFILE_SIZE),
				 0);
		p = tu_read_yaml(in.ptr, in.len, path);
		assert_invariants(p, path);
		pd_profile_free(p);
		pd_buf_free(&in);
	}
}
END_TEST

START_TEST(invariants_on_the_pages_imported)
{
	static const char *const names[] = {"cambodia", "laos", "north-korea"};
	size_t i;

	for (i = 0; i < 3; i++) {
		char rel[512];
		pd_buf in;
		pd_profile *p = NULL;

		snprintf(rel, sizeof(rel), "pages/%s.txt", names[i]);
		in = tu_fixture(rel);
		ck_assert_int_eq(pd_page_import(&p, NULL, in.ptr, in.len, rel,
						NULL),
				 0);
		assert_invariants(p, rel);
		pd_profile_free(p);
		pd_buf_free(&in);
	}
}
END_TEST

/* Footnotes cited in reverse, each a cross-reference to the one before:
 * the order the citations ask cannot be kept, the references can, and a
 * chain of thousands takes no deep recursion. Ibid chains as long. */
START_TEST(long_chains_of_references)
{
	pd_buf y = PD_BUF_INIT, out = PD_BUF_INIT;
	pd_profile *p;
	int i, n = 3000;

	pd_buf_puts(&y, "schema: 1\ncountry: X\nsections:\n  - title: A\n"
			"    paragraphs:\n      - \"");
	for (i = n; i >= 1; i--)
		pd_buf_printf(&y, "S%d.[%d] ", i, i);
	pd_buf_puts(&y, "\"\nfootnotes:\n  1: Smith, ‘T1’ <https://a.org/1>.\n");
	for (i = 2; i <= n; i++)
		pd_buf_printf(&y, "  %d: %s\n", i,
			      i % 3 ? "‘T1’ (n 1)." : "ibid.");
	p = tu_read_yaml(y.ptr, y.len, "long.yaml");
	assert_invariants(p, "long.yaml");
	ck_assert_int_eq(pd_renumber_profile(p, "long.yaml", NULL), 0);
	/* footnote 1 stays first: all the others point at it */
	ck_assert_uint_eq(p->footnotes[0].number, 1);
	ck_assert_str_eq(p->footnotes[0].text, "Smith, ‘T1’ <https://a.org/1>.");
	write_yaml(&out, p);
	pd_profile_free(p);
	pd_buf_free(&y);
	pd_buf_free(&out);
}
END_TEST

/* A cross-reference to a missing footnote stands for the closest earlier
 * source its short form names: moving Beta before Alpha would change it
 * to Alpha, so the two keep their order. */
START_TEST(what_a_broken_reference_falls_back_to_stays)
{
	static const char y[] =
		"schema: 1\ncountry: X\nsections:\n  - title: A\n"
		"    paragraphs:\n      - One.[2] Two.[1] Three.[3]\n"
		"footnotes:\n"
		"  1: Smith, \u2018Alpha\u2019 <https://a.org/1>.\n"
		"  2: Smith, \u2018Beta\u2019 <https://b.org/2>.\n"
		"  3: Smith (n 9).\n";
	pd_profile *p = tu_read_yaml(y, sizeof(y) - 1, "nearest.yaml");

	assert_invariants(p, "nearest.yaml");
	ck_assert_int_eq(pd_renumber_profile(p, "nearest.yaml", NULL), 0);
	ck_assert_str_eq(p->footnotes[0].text,
			 "Smith, \u2018Alpha\u2019 <https://a.org/1>.");
	ck_assert_str_eq(p->footnotes[2].text, "Smith (n 4).");
	pd_profile_free(p);
}
END_TEST

/* Sets of footnotes: a lint.ignore range and list, footnotes cited
 * elsewhere on the page. Each number naming a footnote, or given by a
 * marker, takes its new number, and the set is written again as ranges;
 * a number naming nothing is left out. A footnote cited on another part
 * of the page keeps its number, which that part prints: the footnotes
 * after it are renumbered among themselves. */
START_TEST(renumbers_sets_of_footnotes)
{
	pd_buf in = tu_fixture("renumber/sets.yaml");
	pd_buf want = tu_fixture("renumber/sets.expected.yaml");
	pd_buf out = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "sets.yaml");
	bool changed = false;

	ck_assert_int_eq(pd_renumber_profile(p, "sets.yaml", &changed), 0);
	ck_assert(changed);
	write_yaml(&out, p);
	ck_assert_msg(out.len == want.len &&
			      memcmp(out.ptr, want.ptr, out.len) == 0,
		      "got:\n%s", pd_buf_cstr(&out));
	ck_assert_int_eq(pd_renumber_profile(p, "sets.yaml", &changed), 0);
	ck_assert(!changed);
	assert_invariants(p, "sets.yaml");
	pd_profile_free(p);
	pd_buf_free(&in);
	pd_buf_free(&want);
	pd_buf_free(&out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("renumber");
	TCase *tc = tcase_create("renumber");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, renumbers_everything_that_names_a_footnote);
	tcase_add_test(tc, renumbers_sets_of_footnotes);
	tcase_add_test(tc, invariants_on_the_bundled_profiles);
	tcase_add_test(tc, invariants_on_the_pages_imported);
	tcase_add_test(tc, long_chains_of_references);
	tcase_add_test(tc, what_a_broken_reference_falls_back_to_stays);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
