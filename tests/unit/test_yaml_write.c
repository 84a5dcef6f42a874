#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/text.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static void write_profile(pd_buf *out, const pd_profile *p)
{
	ck_assert_int_eq(pd_yaml_write(out, p), 0);
}

/* read(write(p)) == p and write(read(write(p))) == write(p). */
static void assert_round_trip(const pd_profile *p, const char *name)
{
	pd_buf w1 = PD_BUF_INIT, w2 = PD_BUF_INIT;
	pd_profile *q;

	write_profile(&w1, p);
	q = tu_read_yaml(w1.ptr, w1.len, name);
	ck_assert_msg(pd_profile_equal(p, q), "%s: read(write(p)) != p\n%s",
		      name, w1.ptr);
	write_profile(&w2, q);
	ck_assert_msg(w1.len == w2.len && memcmp(w1.ptr, w2.ptr, w1.len) == 0,
		      "%s: writing is not a fixed point", name);
	pd_profile_free(q);
	pd_buf_free(&w1);
	pd_buf_free(&w2);
}

/* Each valid input is written exactly as yaml/canonical/ holds it. */
START_TEST(canonical_form_of_each_valid_input)
{
	char **files = tu_list("yaml/valid", ".yaml");
	size_t i;

	ck_assert_ptr_nonnull(files[0]);
	for (i = 0; files[i]; i++) {
		char rel[512];
		pd_buf in, want, out = PD_BUF_INIT;
		pd_profile *p;

		snprintf(rel, sizeof(rel), "yaml/valid/%s", files[i]);
		in = tu_fixture(rel);
		snprintf(rel, sizeof(rel), "yaml/canonical/%s", files[i]);
		want = tu_fixture(rel);
		p = tu_read_yaml(in.ptr, in.len, files[i]);
		write_profile(&out, p);
		ck_assert_msg(out.len == want.len &&
				      memcmp(out.ptr, want.ptr, out.len) == 0,
			      "%s: canonical form differs; got:\n%s", files[i],
			      out.ptr);
		assert_round_trip(p, files[i]);
		pd_profile_free(p);
		pd_buf_free(&in);
		pd_buf_free(&want);
		pd_buf_free(&out);
	}
	tu_free_list(files);
}
END_TEST

/* Canonical files, the bundled profiles' fixtures among them, are fixed
 * points of read-then-write. */
static void assert_fixed_points(const char *dir)
{
	char **files = tu_list(dir, ".yaml");
	size_t i;

	for (i = 0; files[i]; i++) {
		char rel[512];
		pd_buf in, out = PD_BUF_INIT;
		pd_profile *p;

		snprintf(rel, sizeof(rel), "%s/%s", dir, files[i]);
		in = tu_fixture(rel);
		p = tu_read_yaml(in.ptr, in.len, files[i]);
		write_profile(&out, p);
		ck_assert_msg(out.len == in.len &&
				      memcmp(out.ptr, in.ptr, in.len) == 0,
			      "%s is not a fixed point", rel);
		pd_profile_free(p);
		pd_buf_free(&in);
		pd_buf_free(&out);
	}
	tu_free_list(files);
}

START_TEST(canonical_files_are_fixed_points)
{
	assert_fixed_points("yaml/canonical");
	assert_fixed_points("../../profiles");
}
END_TEST

/* Strings that need each scalar style, put everywhere a string goes. */
static const char *const tricky[] = {
	"plain words",
	"  leading spaces",
	"trailing space ",
	"double  spaces  inside  a  long  paragraph  that  must  be  wrapped  "
	"somewhere  past  the  eightieth  column  of  the  file",
	"tab\tinside",
	"line\nbreak",
	"carriage\rreturn",
	"next line \xC2\x85 and line separator \xE2\x80\xA8 and \xE2\x80\xA9",
	"byte order mark \xEF\xBB\xBF inside",
	"C1 control \xC2\x80 and DEL \x7F and bell \x07",
	"colon: space",
	"ends with colon:",
	"hash # comment?",
	"- dash first",
	"'single' first",
	"\"double\" first",
	"[bracket] first",
	"null",
	"~",
	"Yes",
	"2026",
	"1.5e3",
	"back\\slash and \"quotes\"",
	"curly \xE2\x80\x98quotes\xE2\x80\x99 and \xE2\x80\x9C"
	"double\xE2\x80\x9D and \xE2\x80\x93 dashes and NBSP\xC2\xA0",
	"emoji \xF0\x9F\x98\x80 astral",
	"https://www.unescap.org/sites/default/d8files/event-documents/"
	"2500197E_ESCAP_MCCRVS_2025_6_Add1_Ministerial_Declaration.pdf?_gl=1*"
	"vdnplp*_ga*NTMxNDc5Mjc4LjE3NjIzMjk2NDg",
	"A sentence. Another one that is long enough to need folding at "
	"least once, since it runs past eighty columns.[12] And more.[13]",
	"x",
};

#define NTRICKY (sizeof(tricky) / sizeof(tricky[0]))

START_TEST(every_string_survives_a_round_trip)
{
	pd_profile *p;
	pd_section *s;
	pd_law *law;
	pd_footnote *f;
	pd_ignore *ig;
	const char *t = tricky[_i];

	ck_assert_int_eq(pd_profile_new(&p), 0);
	p->country = (char *)t;
	p->last_updated.year = 2026;
	p->last_updated.month = 1;
	p->last_updated.day = 20;
	s = pd_arena_calloc(p->arena, 1, sizeof(*s));
	s->title = (char *)t;
	s->subtitle = (char *)t;
	s->paragraphs = pd_arena_calloc(p->arena, 1, sizeof(pd_paragraph));
	s->paragraphs[0].text = (char *)t;
	s->paragraphs[0].len = strlen(t);
	s->nparagraphs = 1;
	p->sections = s;
	p->nsections = 1;
	law = pd_arena_calloc(p->arena, 1, sizeof(*law));
	law->name = (char *)t;
	law->short_name = (char *)t;
	law->aka = pd_arena_calloc(p->arena, 1, sizeof(char *));
	law->aka[0] = (char *)t;
	law->naka = 1;
	p->laws = law;
	p->nlaws = 1;
	f = pd_arena_calloc(p->arena, 1, sizeof(*f));
	f->number = 7;
	f->text = (char *)t;
	f->len = strlen(t);
	p->footnotes = f;
	p->nfootnotes = 1;
	ig = pd_arena_calloc(p->arena, 1, sizeof(*ig));
	ig->rule = "uncited-assertion";
	ig->text = (char *)t;
	p->ignores = ig;
	p->nignores = 1;
	assert_round_trip(p, tricky[_i]);
	pd_profile_free(p);
}
END_TEST

/* Prose is folded at single spaces so that no line passes 80 columns
 * unless one word alone does. */
START_TEST(prose_is_folded_near_80_columns)
{
	pd_buf in = tu_fixture("yaml/valid/full.yaml"), out = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "full.yaml");
	char *line, *save = NULL;
	size_t folded = 0;

	write_profile(&out, p);
	for (line = strtok_r(out.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t w = pd_utf8_width(line, strlen(line));
		const char *sp = strrchr(line, ' ');

		ck_assert_msg(line[strlen(line) - 1] != ' ',
			      "trailing space: %s", line);
		if (w > PD_YAML_WRAP) {
			/* only a single long word (a URL) may pass */
			ck_assert_msg(sp && strspn(line, " ") == (size_t)(sp - line) + 1,
				      "line over %d columns: %s",
				      PD_YAML_WRAP, line);
		}
		if (strstr(line, ">-"))
			folded++;
	}
	ck_assert_uint_ge(folded, 2);
	pd_profile_free(p);
	pd_buf_free(&in);
	pd_buf_free(&out);
}
END_TEST

START_TEST(key_order_and_layout)
{
	const char *y =
		"footnotes: {2: Second., 1: First.}\n"
		"treaties: {STATELESS-1954: not-party, ICCPR: party}\n"
		"laws: [{status: draft, type: law, year: 2025, name: Data Law}]\n"
		"last_updated: 2026-01-20\ncountry: Laos\nschema: 1\n";
	const char *want =
		"schema: 1\n"
		"country: Laos\n"
		"last_updated: 2026-01-20\n"
		"laws:\n"
		"  - name: Data Law\n"
		"    year: 2025\n"
		"    type: law\n"
		"    status: draft\n"
		"treaties:\n"
		"  ICCPR: party\n"
		"  STATELESS-1954: not-party\n"
		"footnotes:\n"
		"  1: First.\n"
		"  2: Second.\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "order.yaml");
	pd_buf out = PD_BUF_INIT;

	write_profile(&out, p);
	ck_assert_str_eq(out.ptr, want);
	pd_profile_free(p);
	pd_buf_free(&out);
}
END_TEST

/* Every comment comes back where the editor wrote it, whole-line and
 * trailing, in canonical form; the canonical form is a fixed point. */
START_TEST(comments_are_kept_in_place)
{
	pd_buf in = tu_fixture("yaml/comments/in.yaml");
	pd_buf want = tu_fixture("yaml/comments/canonical.yaml");
	pd_buf out = PD_BUF_INIT, again = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "in.yaml"), *q;

	write_profile(&out, p);
	ck_assert_msg(out.len == want.len &&
			      memcmp(out.ptr, want.ptr, out.len) == 0,
		      "got:\n%s", pd_buf_cstr(&out));
	q = tu_read_yaml(out.ptr, out.len, "canonical.yaml");
	ck_assert_uint_eq(q->ncomments, p->ncomments);
	write_profile(&again, q);
	ck_assert_str_eq(pd_buf_cstr(&again), pd_buf_cstr(&out));
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&in);
	pd_buf_free(&want);
	pd_buf_free(&out);
	pd_buf_free(&again);
}
END_TEST

/* A comment whose node is gone (the law's date dropped, the second
 * paragraph removed, the lint settings emptied) is written before the
 * next node, or at the end: never lost, and a fixed point from then on. */
START_TEST(comments_of_nodes_gone_are_kept)
{
	pd_buf in = tu_fixture("yaml/comments/in.yaml");
	pd_buf out = PD_BUF_INIT, again = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "in.yaml"), *q;
	size_t i;

	p->laws[0].date.year = 0;
	p->sections[0].nparagraphs = 1;
	p->nignores = 0;
	write_profile(&out, p);
	for (i = 0; i < p->ncomments; i++)
		ck_assert_msg(strstr(out.ptr, p->comments[i].text),
			      "lost: %s\n%s", p->comments[i].text, out.ptr);
	ck_assert_ptr_nonnull(strstr(out.ptr, "    status: in-force\n"
					      "# gone below\n"
					      "treaties:\n"));
	ck_assert_ptr_nonnull(strstr(out.ptr, "  - name: Nationality Law\n"));
	q = tu_read_yaml(out.ptr, out.len, "out.yaml");
	ck_assert_uint_eq(q->ncomments, p->ncomments);
	write_profile(&again, q);
	ck_assert_str_eq(pd_buf_cstr(&again), pd_buf_cstr(&out));
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&in);
	pd_buf_free(&out);
	pd_buf_free(&again);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("yaml_write");
	TCase *tc = tcase_create("yaml_write");

	tcase_add_test(tc, canonical_form_of_each_valid_input);
	tcase_add_test(tc, canonical_files_are_fixed_points);
	tcase_add_loop_test(tc, every_string_survives_a_round_trip, 0,
			    (int)NTRICKY);
	tcase_add_test(tc, prose_is_folded_near_80_columns);
	tcase_add_test(tc, key_order_and_layout);
	tcase_add_test(tc, comments_are_kept_in_place);
	tcase_add_test(tc, comments_of_nodes_gone_are_kept);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
