#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/diff.h"
#include "profdiff/fileio.h"
#include "profdiff/overview.h"
#include "profdiff/render.h"
#include "profdiff/review.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static void assert_buf(pd_buf *b, const char *want)
{
	ck_assert_int_eq(pd_buf_ok(b), 0);
	ck_assert_str_eq(pd_buf_cstr(b), want);
	pd_buf_clear(b);
}

START_TEST(xml_escaping)
{
	pd_buf b = PD_BUF_INIT;

	pd_xml_escape(&b, "<a href=\"x\">&'\x01\xFF</a>", 20);
	assert_buf(&b, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\xEF\xBF\xBD"
		       "\xEF\xBF\xBD&lt;/a&gt;");
	pd_buf_free(&b);
}
END_TEST

/* XML 1.0's noncharacters go as invalid UTF-8 does; other characters
 * beyond ASCII stay. */
START_TEST(xml_escaping_noncharacters)
{
	pd_buf b = PD_BUF_INIT;
	const char s[] = "a\xEF\xBF\xBE b\xEF\xBF\xBF c\xE2\x86\x92\r";

	pd_xml_escape(&b, s, sizeof(s) - 1);
	assert_buf(&b, "a\xEF\xBF\xBD b\xEF\xBF\xBD c\xE2\x86\x92\xEF\xBF\xBD");
	pd_buf_free(&b);
}
END_TEST

/* The escaper goes a run at a time, sixteen bytes at a time where it
 * can: each character it replaces, at every place in a text longer than
 * a block (the first block, the middle, the tail looked at again), comes
 * out as it alone would, and the plain bytes around it as they are. */
START_TEST(xml_escaping_at_every_place)
{
	static const struct {
		const char *in, *out;
	} special[] = {
		{"&", "&amp;"},		  {"<", "&lt;"},
		{">", "&gt;"},		  {"\"", "&quot;"},
		{"'", "&#39;"},		  {"\x01", "\xEF\xBF\xBD"},
		{"\x1F", "\xEF\xBF\xBD"}, {"\r", "\xEF\xBF\xBD"},
		{"\n", "\n"},		  {"\t", "\t"},
		{"\x7F", "\x7F"},	  {"\xC3\xA9", "\xC3\xA9"},
		{"\xE2\x80\x99", "\xE2\x80\x99"},
		{"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80"},
		{"\xEF\xBF\xBD", "\xEF\xBF\xBD"},
		{"\xEF\xBF\xBF", "\xEF\xBF\xBD"},
		{"\x80", "\xEF\xBF\xBD"},	  {"\xFF", "\xEF\xBF\xBD"},
		{"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},
		{"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
	};
	pd_buf b = PD_BUF_INIT;
	char in[64], want[128];
	size_t k, at, len, n;

	for (k = 0; k < sizeof(special) / sizeof(special[0]); k++) {
		n = strlen(special[k].in);
		for (len = n; len <= 40; len++) {
			for (at = 0; at + n <= len; at++) {
				memset(in, 'a', len);
				memcpy(in + at, special[k].in, n);
				in[len] = '\0';
				snprintf(want, sizeof(want), "%.*s%s%.*s",
					 (int)at, in, special[k].out,
					 (int)(len - at - n), in + at + n);
				pd_xml_escape(&b, in, len);
				assert_buf(&b, want);
			}
		}
	}
	pd_buf_free(&b);
}
END_TEST

/* Nothing for nothing; a text with nothing to escape, as it is, to its
 * last byte; a sequence cut short by the end of the text, each byte
 * replaced; a NUL inside the text, replaced. */
START_TEST(xml_escaping_edges)
{
	pd_buf b = PD_BUF_INIT;
	const char plain[] = "Plain prose of more than sixteen bytes, and then "
			     "some";
	const char nul[] = "a\0b";

	pd_xml_escape(&b, "", 0);
	assert_buf(&b, "");
	pd_xml_escape(&b, plain, sizeof(plain) - 1);
	assert_buf(&b, plain);
	pd_xml_escape(&b, plain, 17);
	assert_buf(&b, "Plain prose of mo");
	pd_xml_escape(&b, "twenty bytes or so \xE2\x80", 21);
	assert_buf(&b, "twenty bytes or so \xEF\xBF\xBD\xEF\xBF\xBD");
	pd_xml_escape(&b, "\xF0\x9F\x98", 3);
	assert_buf(&b, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	pd_xml_escape(&b, nul, sizeof(nul) - 1);
	assert_buf(&b, "a\xEF\xBF\xBD" "b");
	/* the length given is the text: what follows is not looked at */
	pd_xml_escape(&b, "ab<cd", 2);
	assert_buf(&b, "ab");
	pd_buf_free(&b);
}
END_TEST

/* On a terminal: C0 but tab and newline, DEL, C1 and invalid UTF-8 as
 * octal escapes; tab, newline, ASCII and other UTF-8 as they are. */
START_TEST(term_escaping)
{
	pd_buf b = PD_BUF_INIT;
	const char s[] = "a\033]0;t\007\tb\nc\r\177\xC2\x9B\xFF\xE2\x86\x92\\";

	pd_render_term_escape(&b, s, sizeof(s) - 1);
	assert_buf(&b, "a\\033]0;t\\007\tb\nc\\015\\177\\302\\233\\377"
		       "\xE2\x86\x92\\");
	pd_buf_free(&b);
}
END_TEST

START_TEST(format_names)
{
	int i;

	for (i = 0; i < PD_FORMAT_COUNT; i++)
		ck_assert_int_eq(pd_format_lookup(pd_format_name((pd_format)i)),
				 i);
	ck_assert_int_eq(pd_format_lookup("yaml"), -1);
}
END_TEST

/* Each format writes the documents it has and refuses the others with
 * PD_EUSAGE, writing nothing: lint (l), diff (d), review (r), overview
 * (o), blame (b), changelog (c), profile (p). */
START_TEST(formats_write_their_documents)
{
	static const char *const has[PD_FORMAT_COUNT] = {
		[PD_FORMAT_TEXT] = "ldrb",    [PD_FORMAT_GCC] = "l",
		[PD_FORMAT_JSON] = "ldrobc",  [PD_FORMAT_SARIF] = "lr",
		[PD_FORMAT_GITHUB] = "l",     [PD_FORMAT_MARKDOWN] = "drocp",
		[PD_FORMAT_HTML] = "drobc",   [PD_FORMAT_ATOM] = "c",
		[PD_FORMAT_CSV] = "o",        [PD_FORMAT_PAGE] = "p"};
	pd_format f = (pd_format)_i;
	pd_diff d;
	pd_diff_report dr;
	pd_review rv;
	pd_overview ov;
	pd_changelog cl;
	pd_profile_report pr;
	pd_profile *p;
	pd_buf out = PD_BUF_INIT;
	const char *k;

	memset(&d, 0, sizeof(d));
	memset(&dr, 0, sizeof(dr));
	dr.profile = "laos";
	dr.diff = &d;
	memset(&rv, 0, sizeof(rv));
	rv.head.rev = "HEAD";
	memset(&ov, 0, sizeof(ov));
	memset(&cl, 0, sizeof(cl));
	cl.title = "Country profiles";
	ck_assert_int_eq(pd_profile_new(&p), 0);
	p->country = "Laos";
	memset(&pr, 0, sizeof(pr));
	pr.name = "laos";
	pr.profile = p;
	for (k = "ldrobcp"; *k; k++) {
		bool ok = strchr(has[f], *k) != NULL;
		int err = 0;

		pd_buf_clear(&out);
		switch (*k) {
		case 'l':
			err = pd_render_lint(&out, f, NULL, 0, NULL);
			break;
		case 'd':
			err = pd_render_diff(&out, f, &dr, NULL);
			break;
		case 'r':
			err = pd_render_review(&out, f, &rv, NULL);
			break;
		case 'o':
			err = pd_render_overview(&out, f, &ov);
			break;
		case 'b':
			err = pd_render_blame(&out, f, NULL, 0, NULL);
			break;
		case 'p':
			err = pd_render_profile(&out, f, &pr, NULL);
			break;
		default:
			err = pd_render_changelog(&out, f, &cl);
			break;
		}
		ck_assert_msg(err == (ok ? 0 : PD_EUSAGE), "%s %c: %d",
			      pd_format_name(f), *k, err);
		if (!ok)
			ck_assert_uint_eq(out.len, 0);
	}
	pd_profile_free(p);
	pd_buf_free(&out);
}
END_TEST

/* A profile as the page and as Markdown, byte for byte as the fixtures
 * hold them: in Markdown, what the profile says can start no block, tag
 * or link of its own; a dangling marker is text. */
START_TEST(profile_documents)
{
	static const struct {
		pd_format f;
		const char *want;
	} cases[] = {{PD_FORMAT_PAGE, "render/profile.page"},
		     {PD_FORMAT_MARKDOWN, "render/profile.md"}};
	pd_buf in = tu_fixture("render/profile-input.yaml");
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "profile-input.yaml");
	pd_profile_report pr;
	size_t i;

	memset(&pr, 0, sizeof(pr));
	pr.name = "testland";
	pr.profile = p;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pd_buf want = tu_fixture(cases[i].want), out = PD_BUF_INIT;

		ck_assert_int_eq(pd_render_profile(&out, cases[i].f, &pr, NULL),
				 0);
		ck_assert_msg(out.len == want.len &&
				      memcmp(out.ptr, want.ptr, out.len) == 0,
			      "%s differs; got:\n%s", cases[i].want,
			      pd_buf_cstr(&out));
		pd_buf_free(&want);
		pd_buf_free(&out);
	}
	pd_profile_free(p);
	pd_buf_free(&in);
}
END_TEST

/* Blame of no profile: nothing in text, an empty array in JSON, a page
 * without a profile in HTML. */
START_TEST(blame_of_no_profile)
{
	pd_buf out = PD_BUF_INIT;

	ck_assert_int_eq(pd_render_blame(&out, PD_FORMAT_TEXT, NULL, 0, NULL),
			 0);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(pd_render_blame(&out, PD_FORMAT_JSON, NULL, 0, NULL),
			 0);
	assert_buf(&out, "[]\n");
	ck_assert_int_eq(pd_render_blame(&out, PD_FORMAT_HTML, NULL, 0, NULL),
			 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "<title>Blame</title>"));
	ck_assert_ptr_null(strstr(out.ptr, "<h1>"));
	ck_assert_str_eq(out.ptr + out.len - 16, "</body>\n</html>\n");
	pd_buf_free(&out);
}
END_TEST

/* Each lint format of one fixed result is exactly render/lint.FORMAT. */
START_TEST(lint_formats)
{
	static const char *const exts[] = {"txt", "gcc", "json", "sarif",
					   "github"};
	pd_buf in = tu_fixture("render/lint-input.yaml"), out = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "lint-input.yaml");
	pd_lint_result *r;
	pd_lint_report rep;
	pd_render_options o = PD_RENDER_OPTIONS_INIT;
	char rel[64];
	pd_buf want;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	rep.path = "profiles/laos.yaml";
	rep.result = r;
	ck_assert_int_eq(pd_render_lint(&out, (pd_format)_i, &rep, 1, &o), 0);
	snprintf(rel, sizeof(rel), "render/lint.%s", exts[_i]);
	want = tu_fixture(rel);
	ck_assert_msg(out.len == want.len &&
			      memcmp(out.ptr, want.ptr, out.len) == 0,
		      "%s differs; got:\n%s", rel, out.ptr);
	pd_buf_free(&want);
	pd_buf_free(&out);
	pd_lint_result_free(r);
	pd_profile_free(p);
	pd_buf_free(&in);
}
END_TEST

START_TEST(text_colours_and_no_findings)
{
	pd_profile *p;
	pd_lint_result *r;
	pd_lint_report rep = {"a.yaml", NULL};
	pd_render_options o = PD_RENDER_OPTIONS_INIT;
	pd_buf out = PD_BUF_INIT;
	const char *y = "schema: 1\ncountry: Laos\n";

	p = tu_read_yaml(y, strlen(y), "a.yaml");
	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	rep.result = r;
	o.color = true;
	ck_assert_int_eq(pd_render_lint(&out, PD_FORMAT_TEXT, &rep, 1, &o), 0);
	ck_assert_ptr_nonnull(strstr(out.ptr, "\033[1;31merror"));
	pd_buf_clear(&out);
	o.color = false;
	ck_assert_int_eq(pd_render_lint(&out, PD_FORMAT_TEXT, &rep, 1, &o), 0);
	ck_assert_ptr_null(strchr(out.ptr, '\033'));
	pd_buf_clear(&out);
	ck_assert_int_eq(pd_render_lint(&out, PD_FORMAT_TEXT, &rep, 0, &o), 0);
	ck_assert_str_eq(out.ptr, "no findings in 0 files\n");
	ck_assert_int_eq(pd_render_lint(&out, PD_FORMAT_HTML, &rep, 1, &o),
			 PD_EUSAGE);
	pd_buf_free(&out);
	pd_lint_result_free(r);
	pd_profile_free(p);
}
END_TEST

/* A file at a time and then the end, the streaming formats write what
 * they write for all the files at once: three files, the middle one
 * without findings, in every format, the separator written between two
 * files' output that is not empty. A format lint has not is refused. */
START_TEST(lint_streams_the_same)
{
	static const pd_format fmts[] = {PD_FORMAT_TEXT, PD_FORMAT_GCC,
					 PD_FORMAT_GITHUB, PD_FORMAT_JSON,
					 PD_FORMAT_SARIF};
	pd_buf in = tu_fixture("render/lint-input.yaml");
	pd_buf whole = PD_BUF_INIT, parts = PD_BUF_INIT, one = PD_BUF_INIT;
	pd_profile *p = tu_read_yaml(in.ptr, in.len, "lint-input.yaml");
	const char *y = "schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n";
	pd_profile *q = tu_read_yaml(y, strlen(y), "b.yaml");
	pd_lint_tally t = PD_LINT_TALLY_INIT;
	pd_render_options o = PD_RENDER_OPTIONS_INIT;
	pd_lint_result *r, *none;
	pd_lint_report reps[3];
	const char *sep = pd_render_lint_separator(fmts[_i]);
	bool any = false;
	size_t i;

	ck_assert_int_eq(pd_lint(&r, p, NULL), 0);
	ck_assert_int_eq(pd_lint(&none, q, NULL), 0);
	ck_assert_uint_eq(none->nfindings, 0);
	ck_assert_uint_ge(r->nfindings, 2);
	reps[0].path = "profiles/a.yaml";
	reps[0].result = r;
	reps[1].path = "profiles/b.yaml";
	reps[1].result = none;
	reps[2].path = "profiles/c.yaml";
	reps[2].result = r;
	ck_assert_int_eq(pd_render_lint(&whole, fmts[_i], reps, 3, &o), 0);
	ck_assert_int_eq(pd_render_lint_begin(&parts, fmts[_i]), 0);
	for (i = 0; i < 3; i++) {
		pd_buf_clear(&one);
		ck_assert_int_eq(pd_render_lint_file(&one, fmts[_i], &reps[i],
						     &o),
				 0);
		if (one.len) {
			if (any)
				pd_buf_puts(&parts, sep);
			pd_buf_put(&parts, one.ptr, one.len);
			any = true;
		}
		pd_lint_tally_add(&t, reps[i].result);
	}
	ck_assert_uint_eq(t.files, 3);
	ck_assert_uint_eq(t.files_with_findings, 2);
	ck_assert_uint_eq(t.count[PD_SEV_ERROR], 2 * r->count[PD_SEV_ERROR]);
	ck_assert_int_eq(pd_render_lint_end(&parts, fmts[_i], &t), 0);
	ck_assert_str_eq(pd_buf_cstr(&parts), pd_buf_cstr(&whole));
	ck_assert_ptr_nonnull(strstr(whole.ptr, "profiles/c.yaml"));
	/* a file without findings: listed in JSON only */
	if (fmts[_i] == PD_FORMAT_JSON)
		ck_assert_ptr_nonnull(strstr(whole.ptr, "profiles/b.yaml"));
	else
		ck_assert_ptr_null(strstr(whole.ptr, "profiles/b.yaml"));
	if (fmts[_i] == PD_FORMAT_TEXT)
		ck_assert_ptr_nonnull(strstr(whole.ptr, " in 3 files\n"));
	/* a format lint has not */
	pd_buf_clear(&parts);
	ck_assert_int_eq(pd_render_lint_file(&parts, PD_FORMAT_MARKDOWN,
					     &reps[0], &o),
			 PD_EUSAGE);
	ck_assert_int_eq(pd_render_lint_end(&parts, PD_FORMAT_ATOM, &t),
			 PD_EUSAGE);
	ck_assert_uint_eq(parts.len, 0);
	pd_buf_free(&one);
	pd_buf_free(&whole);
	pd_buf_free(&parts);
	pd_lint_result_free(r);
	pd_lint_result_free(none);
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&in);
}
END_TEST

/* A one-paragraph profile holding `text`. */
static pd_profile *one_paragraph(const char *text)
{
	pd_profile *p;
	pd_section *s;

	ck_assert_int_eq(pd_profile_new(&p), 0);
	s = pd_arena_calloc(p->arena, 1, sizeof(*s));
	s->title = "Law";
	s->paragraphs = pd_arena_calloc(p->arena, 1, sizeof(pd_paragraph));
	s->paragraphs[0].text = pd_arena_strdup(p->arena, text);
	s->paragraphs[0].len = strlen(text);
	s->nparagraphs = 1;
	p->sections = s;
	p->nsections = 1;
	p->country = "Laos";
	return p;
}

/* In s[0..len): drops what lies between `drop` and its end mark, keeps
 * what lies between `keep` and its end; the text outside both stays. */
static void unmark(pd_buf *out, const char *s, size_t len, const char *drop,
		   const char *drop_end, const char *keep, const char *keep_end)
{
	size_t i = 0;

	while (i < len) {
		if (strncmp(s + i, drop, strlen(drop)) == 0) {
			const char *e = strstr(s + i, drop_end);

			ck_assert_ptr_nonnull(e);
			i = (size_t)(e - s) + strlen(drop_end);
		} else if (strncmp(s + i, keep, strlen(keep)) == 0) {
			i += strlen(keep);
		} else if (strncmp(s + i, keep_end, strlen(keep_end)) == 0) {
			i += strlen(keep_end);
		} else {
			pd_buf_putc(out, s[i++]);
		}
	}
}

/* HTML's five escapes undone. */
static void unescape_html(pd_buf *out, const char *s)
{
	static const char *const ent[][2] = {{"&amp;", "&"}, {"&lt;", "<"},
					     {"&gt;", ">"}, {"&quot;", "\""},
					     {"&#39;", "'"}};
	size_t k;

	while (*s) {
		for (k = 0; k < 5; k++)
			if (strncmp(s, ent[k][0], strlen(ent[k][0])) == 0)
				break;
		if (k < 5) {
			pd_buf_puts(out, ent[k][1]);
			s += strlen(ent[k][0]);
		} else {
			pd_buf_putc(out, *s++);
		}
	}
}

/* Markdown's backslash escapes undone. */
static void unescape_md(pd_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' && s[1])
			s++;
		pd_buf_putc(out, *s);
	}
}

/* The text of JSON string at *s (just past its opening quote) into out;
 * *s moves past its closing quote. */
static void json_string(pd_buf *out, const char **s)
{
	const char *p = *s;

	for (; *p && *p != '"'; p++) {
		if (*p != '\\') {
			pd_buf_putc(out, *p);
			continue;
		}
		p++;
		switch (*p) {
		case 'n':
			pd_buf_putc(out, '\n');
			break;
		case 't':
			pd_buf_putc(out, '\t');
			break;
		case 'u': {
			unsigned v = 0;
			int k;

			for (k = 1; k <= 4; k++)
				v = v * 16 + (unsigned)(p[k] <= '9' ? p[k] - '0'
								    : (p[k] | 32) - 'a' + 10);
			ck_assert_uint_lt(v, 0x80); /* controls only */
			pd_buf_putc(out, (char)v);
			p += 4;
			break;
		}
		default:
			pd_buf_putc(out, *p);
		}
	}
	ck_assert_int_eq(*p, '"');
	*s = p + 1;
}

/* The sentences a rewording's words give back in format `fmt`, read from
 * the rendered diff `r` (one rewording in it). */
static void reread(const char *r, pd_format fmt, pd_buf *from, pd_buf *to)
{
	pd_buf words = PD_BUF_INIT, tmp = PD_BUF_INIT;
	const char *b, *e;

	switch (fmt) {
	case PD_FORMAT_TEXT:
		b = strstr(r, "%): ");
		ck_assert_ptr_nonnull(b);
		b += 4;
		e = strchr(b, '\n');
		unmark(from, b, (size_t)(e - b), "{+", "+}", "[-", "-]");
		unmark(to, b, (size_t)(e - b), "[-", "-]", "{+", "+}");
		break;
	case PD_FORMAT_MARKDOWN:
		b = strstr(r, "**Reworded**");
		ck_assert_ptr_nonnull(b);
		b = strstr(b, ": ") + 2;
		e = strchr(b, '\n');
		unmark(&words, b, (size_t)(e - b), "<ins>", "</ins>", "<del>",
		       "</del>");
		unescape_md(from, pd_buf_cstr(&words));
		pd_buf_clear(&words);
		unmark(&words, b, (size_t)(e - b), "<del>", "</del>", "<ins>",
		       "</ins>");
		unescape_md(to, pd_buf_cstr(&words));
		break;
	case PD_FORMAT_HTML:
		b = strstr(r, "Reworded</span>");
		ck_assert_ptr_nonnull(b);
		b += strlen("Reworded</span>");
		while (strncmp(b, "<span class=\"tag\">", 18) == 0)
			b = strstr(b, "</span>") + 7;
		e = strstr(b, "</li>");
		unmark(&words, b, (size_t)(e - b), "<ins>", "</ins>", "<del>",
		       "</del>");
		unescape_html(from, pd_buf_cstr(&words));
		pd_buf_clear(&words);
		unmark(&words, b, (size_t)(e - b), "<del>", "</del>", "<ins>",
		       "</ins>");
		unescape_html(to, pd_buf_cstr(&words));
		break;
	default: /* JSON: [["=", "..."], ...] */
		b = strstr(r, "\"words\": [");
		ck_assert_ptr_nonnull(b);
		b += strlen("\"words\": [");
		while (*b == '[') {
			char op;

			ck_assert(b[1] == '"' && b[3] == '"');
			op = b[2];
			b += 4;
			ck_assert(strncmp(b, ", \"", 3) == 0);
			b += 3;
			pd_buf_clear(&tmp);
			json_string(&tmp, &b);
			if (op != '+')
				pd_buf_puts(from, pd_buf_cstr(&tmp));
			if (op != '-')
				pd_buf_puts(to, pd_buf_cstr(&tmp));
			ck_assert_int_eq(*b, ']');
			b++;
			if (*b == ',')
				b += 2;
		}
		ck_assert_int_eq(*b, ']');
		break;
	}
	pd_buf_free(&words);
	pd_buf_free(&tmp);
}

/* Rewordings made from the three pages' sentences by an editor's edits
 * read back as both sentences, exactly, in every format that shows their
 * words. */
START_TEST(rewordings_read_back_in_every_format)
{
	static const pd_format fmts[] = {PD_FORMAT_TEXT, PD_FORMAT_JSON,
					 PD_FORMAT_MARKDOWN, PD_FORMAT_HTML};
	char **s = tu_page_sentences();
	uint64_t seed = 0xD1B54A32D192ED03ULL;
	size_t i, k, checked = 0;

	for (i = 0; s[i]; i++) {
		for (k = 0; k < 4; k++) {
			char *e = tu_edit(s[i], &seed);
			pd_profile *a = one_paragraph(s[i]);
			pd_profile *b = one_paragraph(e);
			pd_diff_report rep;
			pd_diff *d;
			size_t f, c, reworded = 0;
			const pd_change *rw = NULL;

			ck_assert_int_eq(pd_diff_profiles(&d, a, b, NULL), 0);
			for (c = 0; c < d->nchanges; c++)
				if (d->changes[c].kind ==
				    PD_CHANGE_CLAIM_REWORDED) {
					reworded++;
					rw = &d->changes[c];
				}
			/* one rewording, and text free of the text format's
			 * marks: it is read back from each format */
			if (reworded == 1 && !strstr(rw->from, "[-") &&
			    !strstr(rw->from, "{+") && !strstr(rw->to, "[-") &&
			    !strstr(rw->to, "{+") && !strstr(rw->from, "-]") &&
			    !strstr(rw->to, "+}")) {
				memset(&rep, 0, sizeof(rep));
				rep.profile = "laos";
				rep.from.profile = a;
				rep.to.profile = b;
				rep.diff = d;
				for (f = 0; f < 4; f++) {
					pd_buf out = PD_BUF_INIT;
					pd_buf from = PD_BUF_INIT, to = PD_BUF_INIT;

					ck_assert_int_eq(pd_render_diff(&out, fmts[f],
								       &rep, NULL),
							 0);
					reread(pd_buf_cstr(&out), fmts[f], &from,
					       &to);
					ck_assert_msg(
						strcmp(pd_buf_cstr(&from),
						       rw->from) == 0 &&
							strcmp(pd_buf_cstr(&to),
							       rw->to) == 0,
						"%s: read back\n  %s\n  %s\nnot\n  "
						"%s\n  %s",
						pd_format_name(fmts[f]),
						pd_buf_cstr(&from),
						pd_buf_cstr(&to), rw->from,
						rw->to);
					pd_buf_free(&out);
					pd_buf_free(&from);
					pd_buf_free(&to);
				}
				checked++;
			}
			pd_diff_free(d);
			pd_profile_free(a);
			pd_profile_free(b);
			free(e);
		}
	}
	ck_assert_uint_gt(checked, 250);
	tu_free_list(s);
}
END_TEST

/* Each diff format of the ratification fixture is exactly
 * render/diff.FORMAT. */
START_TEST(diff_formats)
{
	static const pd_format fmts[] = {PD_FORMAT_TEXT, PD_FORMAT_JSON,
					 PD_FORMAT_MARKDOWN, PD_FORMAT_HTML};
	static const char *const exts[] = {"txt", "json", "md", "html"};
	pd_buf ba = tu_fixture("diff/ratification/before.yaml");
	pd_buf bb = tu_fixture("diff/ratification/after.yaml");
	pd_profile *a = tu_read_yaml(ba.ptr, ba.len, "before.yaml");
	pd_profile *b = tu_read_yaml(bb.ptr, bb.len, "after.yaml");
	pd_diff_report rep;
	pd_diff *d;
	pd_buf out = PD_BUF_INIT, want;
	char rel[64];

	ck_assert_int_eq(pd_diff_profiles(&d, a, b, NULL), 0);
	memset(&rep, 0, sizeof(rep));
	rep.profile = "north-korea";
	rep.from.path = "fixtures/before.yaml";
	rep.from.profile = a;
	rep.to.path = "fixtures/after.yaml";
	rep.to.profile = b;
	rep.diff = d;
	ck_assert_int_eq(pd_render_diff(&out, fmts[_i], &rep, NULL), 0);
	snprintf(rel, sizeof(rel), "render/diff.%s", exts[_i]);
	want = tu_fixture(rel);
	ck_assert_msg(out.len == want.len &&
			      memcmp(out.ptr, want.ptr, out.len) == 0,
		      "%s differs; got:\n%s", rel, out.ptr);
	ck_assert_int_eq(pd_render_diff(&out, PD_FORMAT_SARIF, &rep, NULL),
			 PD_EUSAGE);
	pd_buf_free(&want);
	pd_buf_free(&out);
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
	pd_buf_free(&ba);
	pd_buf_free(&bb);
}
END_TEST

/* A sink that collects the pieces, or fails at piece `fail_at`. */
typedef struct collector {
	pd_buf all;
	size_t pieces, fail_at;
} collector;

static int collect(void *ctx, const char *data, size_t len)
{
	collector *c = ctx;

	if (++c->pieces == c->fail_at)
		return PD_EIO;
	pd_buf_put(&c->all, data, len);
	return 0;
}

/* Streamed, a changelog of 1,200 entries comes in pieces of 64 KiB or more
 * (the last aside) that make up what pd_render_changelog writes; a sink
 * that fails stops it with its error. */
static void check_streamed(pd_format fmt, const pd_changelog_entry *e,
			   size_t n)
{
	enum { MANY = 1200 };
	pd_changelog_entry many[MANY];
	collector c = {PD_BUF_INIT, 0, 0};
	pd_render_sink sink = {collect, &c};
	pd_changelog cl;
	pd_buf whole = PD_BUF_INIT;
	size_t i;

	for (i = 0; i < MANY; i++)
		many[i] = e[i % n];
	memset(&cl, 0, sizeof(cl));
	cl.title = "Country profiles";
	cl.feed_id = "example.org";
	cl.entries = many;
	cl.n = MANY;
	ck_assert_int_eq(pd_render_changelog(&whole, fmt, &cl), 0);
	ck_assert_uint_gt(whole.len, 3 * 65536);
	ck_assert_int_eq(pd_render_changelog_to(&sink, fmt, &cl), 0);
	ck_assert_uint_ge(c.pieces, 3);
	ck_assert_uint_le(c.pieces, whole.len / 65536 + 1);
	ck_assert(c.all.len == whole.len &&
		  memcmp(c.all.ptr, whole.ptr, whole.len) == 0);
	pd_buf_clear(&c.all);
	c.pieces = 0;
	c.fail_at = 2;
	ck_assert_int_eq(pd_render_changelog_to(&sink, fmt, &cl), PD_EIO);
	ck_assert_uint_eq(c.pieces, 2); /* none after the failure */
	ck_assert_int_eq(pd_render_changelog_to(&sink, PD_FORMAT_GCC, &cl),
			 PD_EUSAGE);
	pd_buf_free(&c.all);
	pd_buf_free(&whole);
}

/* A body store of the test's own: the bodies, one after another, in a
 * buffer apart from the arena. */
static int store_put(void *ctx, const char *data, size_t len, uint64_t *at)
{
	pd_buf *b = ctx;

	*at = b->len;
	pd_buf_put(b, data, len);
	return pd_buf_ok(b);
}

static int store_get(void *ctx, uint64_t at, size_t len, pd_buf *out)
{
	const pd_buf *b = ctx;

	ck_assert_uint_le(at + len, b->len);
	pd_buf_put(out, b->ptr + at, len);
	return pd_buf_ok(out);
}

/* A changelog whose entries were sealed (rendered ahead, their diffs and
 * profiles freed) is byte for byte the changelog rendered from the diffs,
 * in every format: first revisions, substantive, editorial-only and
 * law/treaty entries alike. */
START_TEST(sealed_entries_render_the_same)
{
	static const pd_format fmts[] = {PD_FORMAT_MARKDOWN, PD_FORMAT_JSON,
					 PD_FORMAT_HTML, PD_FORMAT_ATOM};
	static const char *const names[] = {"ratification", "law-enacted",
					    "typo", "footnote-inserted",
					    "accessed-refreshed"};
	enum { N = sizeof(names) / sizeof(names[0]) };
	pd_changelog_entry live[N + 1], sealed[N + 1];
	pd_buf kept = PD_BUF_INIT;
	pd_body_store store = {store_put, store_get, &kept};
	pd_diff *diffs[N];
	pd_profile *profs[2 * N];
	pd_changelog cl;
	pd_arena *arena = pd_arena_new();
	pd_buf want = PD_BUF_INIT, got = PD_BUF_INIT;
	size_t i;

	memset(live, 0, sizeof(live));
	for (i = 0; i < N; i++) {
		char rel[128];
		pd_buf ba, bb;

		snprintf(rel, sizeof(rel), "diff/%s/before.yaml", names[i]);
		ba = tu_fixture(rel);
		profs[2 * i] = tu_read_yaml(ba.ptr, ba.len, rel);
		snprintf(rel, sizeof(rel), "diff/%s/after.yaml", names[i]);
		bb = tu_fixture(rel);
		profs[2 * i + 1] = tu_read_yaml(bb.ptr, bb.len, rel);
		pd_buf_free(&ba);
		pd_buf_free(&bb);
		ck_assert_int_eq(pd_diff_profiles(&diffs[i], profs[2 * i],
						  profs[2 * i + 1], NULL),
				 0);
		live[i].profile = names[i];
		live[i].country = profs[2 * i + 1]->country;
		live[i].date = (pd_date){2026, 3, (int)(20 - i)};
		live[i].previous = (pd_date){2026, 1, 1};
		live[i].commit = "0123456789abcdef0123456789abcdef01234567";
		live[i].previous_commit = "89abcdef0123456789abcdef0123456789abcdef";
		live[i].author = "Editor <editor@example.org>";
		live[i].time = 1767225600;
		live[i].diff = diffs[i];
	}
	live[N] = live[0]; /* a first published revision */
	live[N].diff = NULL;
	live[N].previous_commit = NULL;
	live[N].date = (pd_date){2025, 6, 1};
	memset(&cl, 0, sizeof(cl));
	cl.title = "Country profiles";
	cl.feed_id = "example.org";
	cl.entries = live;
	cl.n = N + 1;
	ck_assert_int_eq(pd_render_changelog(&want, fmts[_i], &cl), 0);
	memcpy(sealed, live, sizeof(live));
	/* every other entry's text in the store, the rest in the arena */
	for (i = 0; i <= N; i++) {
		ck_assert_int_eq(pd_changelog_entry_seal(&sealed[i], fmts[_i],
							 arena,
							 i % 2 ? &store : NULL),
				 0);
		if (i % 2 && sealed[i].sealed->body_len)
			ck_assert_ptr_null(sealed[i].sealed->body);
		sealed[i].diff = NULL;
		sealed[i].country = pd_arena_strdup(arena, live[i].country);
	}
	for (i = 0; i < N; i++) {
		pd_diff_free(diffs[i]);
		pd_profile_free(profs[2 * i]);
		pd_profile_free(profs[2 * i + 1]);
	}
	cl.entries = sealed;
	ck_assert_int_eq(pd_render_changelog(&got, fmts[_i], &cl), 0);
	ck_assert_msg(got.len == want.len &&
			      memcmp(got.ptr, want.ptr, got.len) == 0,
		      "%s: sealed entries render differently:\n%s\n---\n%s",
		      pd_format_name(fmts[_i]), pd_buf_cstr(&got),
		      pd_buf_cstr(&want));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&got),
				     fmts[_i] == PD_FORMAT_JSON
					     ? "\"first\": true"
					     : "irst published revision"));
	/* the treaty by its id in JSON, in words elsewhere */
	ck_assert_ptr_nonnull(strstr(
		pd_buf_cstr(&got),
		fmts[_i] == PD_FORMAT_JSON
			? "STATELESS-1954"
			: "1954 Convention relating to the Status of Stateless "
			  "Persons: acceded"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&got), "Law on Personal Data"));
	check_streamed(fmts[_i], sealed, N + 1);
	pd_buf_free(&kept);
	pd_buf_free(&want);
	pd_buf_free(&got);
	pd_arena_free(arena);
}
END_TEST

/* Claim changes are listed under every one of their sections, however
 * many (the walk once kept only the first 256). */
START_TEST(every_section_is_listed)
{
	static const pd_format fmts[] = {PD_FORMAT_TEXT, PD_FORMAT_MARKDOWN,
					 PD_FORMAT_HTML};
	static const char *const heads[] = {"  S", "#### S", "<h3>S"};
	enum { N = 300 };
	pd_change ch[N];
	char names[N][16];
	pd_diff d;
	pd_diff_report rep;
	pd_buf out = PD_BUF_INIT;
	const char *at;
	size_t i, seen = 0;

	memset(ch, 0, sizeof(ch));
	memset(&d, 0, sizeof(d));
	for (i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "S%zu", i);
		ch[i].kind = PD_CHANGE_CLAIM_ADDED;
		ch[i].section = names[i];
		ch[i].text = "A claim.";
	}
	d.changes = ch;
	d.nchanges = N;
	d.count[PD_CHANGE_CLAIM_ADDED] = N;
	d.substantive = N;
	memset(&rep, 0, sizeof(rep));
	rep.profile = "testland";
	rep.diff = &d;
	ck_assert_int_eq(pd_render_diff(&out, fmts[_i], &rep, NULL), 0);
	for (at = pd_buf_cstr(&out); (at = strstr(at, heads[_i])); at++)
		seen++;
	ck_assert_uint_eq(seen, N);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "S299"));
	pd_buf_free(&out);
}
END_TEST

/* Claim changes are listed a section at a time, sections in order of
 * first appearance (no section being one), each section's changes in
 * the diff's order, whatever the order they come in. */
START_TEST(sections_in_order_of_first_appearance)
{
	static const char *const secs[] = {"B", "A", NULL, "B", "A", "A", NULL,
					   "C"};
	static const char want[] = "testland (laos)\n"
				   "  from (no date)\n"
				   "  to   (no date)\n\n"
				   "Claims\n"
				   "  B\n    + 0\n    + 3\n"
				   "  A\n    + 1\n    + 4\n    + 5\n"
				   "  (no section)\n    + 2\n    + 6\n"
				   "  C\n    + 7\n\n"
				   "8 changes: 8 substantive\n";
	enum { N = sizeof(secs) / sizeof(secs[0]) };
	pd_change ch[N];
	char text[N][4];
	pd_profile *p;
	pd_diff d;
	pd_diff_report rep;
	pd_buf out = PD_BUF_INIT;
	size_t i;

	memset(ch, 0, sizeof(ch));
	memset(&d, 0, sizeof(d));
	for (i = 0; i < N; i++) {
		snprintf(text[i], sizeof(text[i]), "%zu", i);
		ch[i].kind = PD_CHANGE_CLAIM_ADDED;
		ch[i].section = secs[i];
		ch[i].text = text[i];
	}
	d.changes = ch;
	d.nchanges = N;
	d.count[PD_CHANGE_CLAIM_ADDED] = N;
	d.substantive = N;
	d.bucket[PD_BUCKET_SUBSTANTIVE] = N;
	ck_assert_int_eq(pd_profile_new(&p), 0);
	p->country = "testland";
	memset(&rep, 0, sizeof(rep));
	rep.profile = "laos";
	rep.to.profile = p;
	rep.diff = &d;
	ck_assert_int_eq(pd_render_diff(&out, PD_FORMAT_TEXT, &rep, NULL), 0);
	assert_buf(&out, want);
	pd_buf_free(&out);
	pd_profile_free(p);
}
END_TEST

/* The HTML changelog's timelines: a country's dots are its dated entries
 * in the changelog's order, countries in order of first appearance, 256
 * of them at most; an anchor for each of 1024 profiles at most. */
START_TEST(changelog_timelines_by_country)
{
	enum { COUNTRIES = 300, PROFILES = 1100, N = 2 * PROFILES };
	static char country[COUNTRIES][8], profile[PROFILES][8];
	pd_changelog_entry *e = calloc(N, sizeof(*e));
	pd_changelog cl;
	pd_buf out = PD_BUF_INIT, want = PD_BUF_INIT;
	const char *at;
	size_t i, timelines = 0, anchors = 0;

	ck_assert_ptr_nonnull(e);
	for (i = 0; i < COUNTRIES; i++)
		snprintf(country[i], sizeof(country[i]), "C%zu", i);
	for (i = 0; i < PROFILES; i++)
		snprintf(profile[i], sizeof(profile[i]), "p%zu", i);
	/* entry i: profile i % 1100, country i % 300, a date of its own;
	 * every tenth undated */
	for (i = 0; i < N; i++) {
		e[i].profile = profile[i % PROFILES];
		e[i].country = country[i % COUNTRIES];
		if (i % 10 != 9)
			e[i].date = (pd_date){2026 - (int)(i / 365),
					      (int)(i % 12) + 1,
					      (int)(i % 28) + 1};
	}
	memset(&cl, 0, sizeof(cl));
	cl.title = "Country profiles";
	cl.entries = e;
	cl.n = N;
	ck_assert_int_eq(pd_render_changelog(&out, PD_FORMAT_HTML, &cl), 0);
	for (at = out.ptr; (at = strstr(at, "<div class=\"timeline\">")); at++)
		timelines++;
	for (at = out.ptr; (at = strstr(at, "<a id=\"")); at++)
		anchors++;
	ck_assert_uint_eq(timelines, 256);
	ck_assert_uint_eq(anchors, 1024);
	/* C7's timeline: its dated entries, 7, 307, 607, ..., in order */
	at = strstr(out.ptr, "aria-label=\"C7 revisions\">");
	ck_assert_ptr_nonnull(at);
	for (i = 7; i < N; i += COUNTRIES) {
		char date[11];

		if (i % 10 == 9)
			continue;
		pd_date_format(e[i].date, date);
		pd_buf_clear(&want);
		pd_buf_printf(&want, "><title>%s: ", date);
		at = strstr(at, pd_buf_cstr(&want));
		ck_assert_msg(at && at < strstr(out.ptr, "aria-label=\"C8 "),
			      "entry %zu", i);
	}
	ck_assert_ptr_null(strstr(out.ptr, "aria-label=\"C256 "));
	pd_buf_free(&out);
	pd_buf_free(&want);
	free(e);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, xml_escaping);
	tcase_add_test(tc, xml_escaping_noncharacters);
	tcase_add_test(tc, xml_escaping_at_every_place);
	tcase_add_test(tc, xml_escaping_edges);
	tcase_add_test(tc, term_escaping);
	tcase_add_test(tc, format_names);
	tcase_add_loop_test(tc, formats_write_their_documents, 0,
			    PD_FORMAT_COUNT);
	tcase_add_test(tc, blame_of_no_profile);
	tcase_add_test(tc, profile_documents);
	tcase_add_loop_test(tc, lint_formats, 0, 5);
	tcase_add_test(tc, text_colours_and_no_findings);
	tcase_add_loop_test(tc, lint_streams_the_same, 0, 5);
	tcase_add_loop_test(tc, diff_formats, 0, 4);
	tcase_add_test(tc, rewordings_read_back_in_every_format);
	tcase_add_loop_test(tc, sealed_entries_render_the_same, 0, 4);
	tcase_add_loop_test(tc, every_section_is_listed, 0, 3);
	tcase_add_test(tc, sections_in_order_of_first_appearance);
	tcase_add_test(tc, changelog_timelines_by_country);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
