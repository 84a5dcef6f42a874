/*
 * test_yaml_fast.c: the scanner of profdiff's own YAML form against
 * libyaml, event by event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "profdiff/fileio.h"
#include "testutil.h"
#include "yaml_fast.h"

/* The offsets of the lines: 0, one past each line feed, and len. */
static void lines_are_the_texts(const yf_stream *s, const char *d, size_t len,
				const char *name)
{
	size_t i, k = 1;

	ck_assert_msg(s->nlines >= 2 && s->line_starts[0] == 0, "%s", name);
	for (i = 0; i < len; i++)
		if (d[i] == '\n') {
			ck_assert_msg(k < s->nlines &&
					      s->line_starts[k] == i + 1,
				      "%s: line %zu", name, k + 1);
			k++;
		}
	ck_assert_msg(k == s->nlines && s->line_starts[k - 1] == len, "%s",
		      name);
}

/* pd_yf_scan() on the text; when it accepts, libyaml must give the same
 * events (type, start mark, scalar value and style). Returns pd_yf_scan()'s
 * result; a difference fails the test, naming the event. */
static int same_as_libyaml(const char *d, size_t len, const char *name)
{
	yf_stream s;
	yaml_parser_t ps;
	yaml_event_t ev, mine;
	size_t k = 0;
	int r = pd_yf_scan(&s, d, len);

	if (r != 1) {
		ck_assert_int_eq(s.n, 0);
		pd_yf_free(&s);
		return r;
	}
	lines_are_the_texts(&s, d, len, name);
	ck_assert(yaml_parser_initialize(&ps));
	yaml_parser_set_input_string(&ps, (const unsigned char *)d, len);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	for (;; k++) {
		yaml_event_type_t type;

		ck_assert_msg(yaml_parser_parse(&ps, &ev),
			      "%s: accepted, but libyaml refuses it at %zu:%zu: "
			      "%s",
			      name, ps.problem_mark.line + 1,
			      ps.problem_mark.column + 1,
			      ps.problem ? ps.problem : "?");
		ck_assert_msg(pd_yf_next(&s, &mine), "%s: event %zu missing",
			      name, k);
		ck_assert_msg(mine.type == ev.type &&
				      mine.start_mark.line == ev.start_mark.line &&
				      mine.start_mark.column ==
					      ev.start_mark.column,
			      "%s: event %zu is type %d at %zu:%zu, libyaml's "
			      "type %d at %zu:%zu",
			      name, k, mine.type, mine.start_mark.line + 1,
			      mine.start_mark.column + 1, ev.type,
			      ev.start_mark.line + 1, ev.start_mark.column + 1);
		if (ev.type == YAML_SCALAR_EVENT) {
			ck_assert_msg(mine.data.scalar.style ==
					      ev.data.scalar.style,
				      "%s: event %zu: style %d, libyaml's %d",
				      name, k, mine.data.scalar.style,
				      ev.data.scalar.style);
			ck_assert_msg(
				mine.data.scalar.length == ev.data.scalar.length &&
					memcmp(mine.data.scalar.value,
					       ev.data.scalar.value,
					       ev.data.scalar.length) == 0,
				"%s: event %zu at %zu:%zu: '%s', libyaml's '%s'",
				name, k, ev.start_mark.line + 1,
				ev.start_mark.column + 1,
				(const char *)mine.data.scalar.value,
				(const char *)ev.data.scalar.value);
			ck_assert_int_eq(mine.data.scalar.value
						 [mine.data.scalar.length],
					 '\0');
		}
		type = ev.type;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	ck_assert_msg(!pd_yf_next(&s, &mine), "%s: events after the end", name);
	yaml_parser_delete(&ps);
	pd_yf_free(&s);
	return 1;
}

static int same(const char *text)
{
	return same_as_libyaml(text, strlen(text), text);
}

static pd_buf profile(const char *name)
{
	pd_buf b = PD_BUF_INIT;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s.yaml", PD_PROFILES, name);
	ck_assert_int_eq(pd_file_read(&b, path, (size_t)16 << 20), 0);
	return b;
}

static const char *const bundled[] = {"cambodia", "laos", "north-korea"};

START_TEST(bundled_profiles_are_scanned_as_libyaml_reads_them)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		pd_buf b = profile(bundled[i]);

		ck_assert_int_eq(same_as_libyaml(b.ptr, b.len, bundled[i]), 1);
		pd_buf_free(&b);
	}
}
END_TEST

START_TEST(canonical_fixtures_are_scanned_and_others_agree_or_decline)
{
	static const char *const dirs[] = {"yaml/canonical", "yaml/valid",
					   "yaml/invalid"};
	size_t i, k, accepted = 0;

	for (i = 0; i < 3; i++) {
		char **names = tu_list(dirs[i], ".yaml");

		for (k = 0; names[k]; k++) {
			char rel[512];
			pd_buf b;
			int r;

			snprintf(rel, sizeof(rel), "%s/%s", dirs[i], names[k]);
			b = tu_fixture(rel);
			r = same_as_libyaml(b.ptr ? b.ptr : "", b.len, rel);
			if (i == 0)
				ck_assert_msg(r == 1, "%s declined", rel);
			accepted += r == 1;
			pd_buf_free(&b);
		}
		tu_free_list(names);
	}
	ck_assert_uint_gt(accepted, 10);
}
END_TEST

/* Every construct of the subset, with libyaml's marks for the ends of
 * collections and its values for escapes and folding. */
START_TEST(each_construct_of_the_subset)
{
	static const char *const texts[] = {
		"a: b\n",
		"schema: 1\ncountry: Laos\nlast_updated: 2026-01-20\n",
		"k:\n  - a\n  - b c\nnext: x\n",
		"k:\n    - deeper\n",
		"sections:\n  - title: T\n    paragraphs:\n      - >-\n"
		"        one two\n        three\n      - plain one\n"
		"    sections:\n      - title: Inner\n        subtitle: S\n"
		"  - title: U\nlaws:\n  - name: N\n    aka:\n      - A\n",
		"k: >-\n  folded\n  over three\n  lines: with # and - inside\n"
		"j: 2\n",
		"k:\n  - >-\n    item folded\n    twice\n  - x\n",
		"t:\n  ICCPR: {status: party, cite: [44]}\n"
		"  CERD: {status: party, via: accession, date: 2001-02-03, "
		"cite: [1, 2, 33]}\n  CAT: not-party\n",
		"e: {a: []}\n",
		"q: \"a \\\"quoted\\\" \\\\ text\"\n",
		"q: \"\\x41\\u00e9\\U0001F600\\t\\n\\r\\0\\/\\ \\N\\_\\L\\P\\a\\b\\e"
		"\\f\\v\"\n",
		"lint:\n  ignore:\n    - uncited-assertion\n"
		"    - {rule: dangling-citation, footnote: 3, text: \"‘quoted’ "
		"text\"}\n",
		"f:\n  1: Text (n 1).\n  22: \"ibid: with a colon\"\n",
		"k: ‘curly’ quotes, commas [1] and {braces} é\n",
		"k: value with:colon a:b and a#hash\n",
		"STATELESS-1961: not-party\n",
		"a:\n  b:\n    c: d\n  e: f\ng: h\n",
		"k: [\"a\", b]\n",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		ck_assert_msg(same(texts[i]) == 1, "declined: %s", texts[i]);
}
END_TEST

/* What the subset leaves to libyaml, including what libyaml refuses. */
START_TEST(everything_else_is_declined)
{
	static const char *const texts[] = {
		"",
		"a: b",                    /* no final line feed */
		"# comment\na: b\n",
		"a: b # comment\n",
		"a: b\n\nc: d\n",          /* blank line */
		"a: b \n",                 /* trailing space */
		"a:\tb\n",
		"a: b\r\n",
		"a: &x b\n",
		"a: *x\n",
		"a: !!str b\n",
		"a:  b\n",
		"a:\n- b\n",               /* a sequence at the key's indent */
		"a: >-\n  one\n    more\n",
		"a: >-\n  one\n\n  two\n",
		"a: >\n  one\n",
		"a: >-2\n  one\n",
		"a: |-\n  one\n",
		"a: b\n  c\n",             /* a plain scalar over two lines */
		"a: \"b\n  c\"\n",
		"a: 'b'\n",
		"? a\n: b\n",
		"---\na: b\n",
		"%YAML 1.1\n---\na: b\n",
		"a: {b: {c: d}}\n",
		"a: {}\n",
		"a: {b: c d}\n",
		"a: \"\\q\"\n",
		"a: \"\\uD800\"\n",
		"a: \"\\x4\"\n",
		"a: b\xe2\x80\xa8" "c\n",  /* U+2028 */
		"a: b\xc2\x85" "c\n",      /* U+0085 */
		"a: b\xef\xbb\xbf" "c\n",  /* U+FEFF */
		"a: b\x7f\n",
		"a: b:\n",
		"a: -b\n",
		"a:\n",
		"a:\n  - b\n c: d\n",
		"- a\n",
		"  a: b\n",
		"a: b\nc\n",
		"a: \"b\" c\n",
		"a: [b, c\n",
		"a: [b,c]\n",
	};
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		ck_assert_msg(same(texts[i]) == 0, "accepted: %s", texts[i]);
}
END_TEST

START_TEST(long_keys_deep_nesting_and_bad_bytes_are_declined)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	for (i = 0; i < 1025; i++)
		pd_buf_putc(&b, 'k');
	pd_buf_puts(&b, ": v\n");
	ck_assert_int_eq(same_as_libyaml(b.ptr, b.len, "long key"), 0);
	pd_buf_clear(&b);
	for (i = 0; i < 65; i++) {
		size_t k;

		for (k = 0; k < 2 * i; k++)
			pd_buf_putc(&b, ' ');
		pd_buf_puts(&b, "k:\n");
	}
	for (i = 0; i < 2 * 65; i++)
		pd_buf_putc(&b, ' ');
	pd_buf_puts(&b, "k: v\n");
	ck_assert_int_eq(same_as_libyaml(b.ptr, b.len, "deep"), 0);
	/* what pd_ye_begin reports itself: bad UTF-8, a NUL, a byte order mark
	 */
	ck_assert_int_eq(same_as_libyaml("a: b\xc3\n", 6, "bad UTF-8"), 0);
	ck_assert_int_eq(same_as_libyaml("a: \xed\xa0\x80\n", 7, "surrogate"),
			 0);
	ck_assert_int_eq(same_as_libyaml("a: b\0c\n", 7, "NUL"), 0);
	ck_assert_int_eq(same_as_libyaml("\xef\xbb\xbf" "a: b\n", 8, "BOM"), 0);
	pd_buf_free(&b);
}
END_TEST

/* The bundled profiles, edited at random (deterministically): a byte
 * dropped, or one of the characters that matter to YAML put in, or a line
 * repeated. Whatever the scanner accepts, libyaml must read the same. */
/* Every byte inside a block key and inside a word of a flow sequence:
 * accepted exactly where one may stand (a-z, A-Z, 0-9, _ and -, and . in
 * a word), then read as libyaml reads it. */
START_TEST(key_and_word_bytes_are_those_of_the_subset)
{
	unsigned b;

	for (b = 1; b < 256; b++) {
		bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
			     (b >= '0' && b <= '9') || b == '_';
		char key[16], word[32];

		snprintf(key, sizeof(key), "a%cb: x\n", (char)b);
		snprintf(word, sizeof(word), "k: [a%cb, c]\n", (char)b);
		ck_assert_msg(same(key) == (alnum || b == '-'),
			      "byte 0x%02X in a key", b);
		ck_assert_msg(same(word) == (alnum || b == '-' || b == '.'),
			      "byte 0x%02X in a word", b);
	}
}
END_TEST

START_TEST(edited_profiles_are_scanned_as_libyaml_reads_them)
{
	static const char *const bits[] = {
		" ", "\n", "-", "- ", ":", ": ", "#", " #", "\"", "\\", "[",
		"]", "{", "}", ",", ">", ">-", "'", "&", "*", "!", "?", "|",
		"a", "\xc3\xa9", "\t", "  ", "\\u00e9", "\\x"};
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	size_t i, n, accepted = 0, tried = 0;

	for (i = 0; i < 3; i++) {
		pd_buf b = profile(bundled[i]);

		for (n = 0; n < 500; n++) {
			pd_buf m = PD_BUF_INIT;
			size_t at, what;

			seed = seed * 6364136223846793005ULL +
			       1442695040888963407ULL;
			at = (size_t)(seed >> 33) % b.len;
			what = (size_t)(seed >> 17) % (sizeof(bits) / sizeof(bits[0]) + 2);
			pd_buf_put(&m, b.ptr, at);
			if (what == 0) {
				at++; /* a byte dropped */
			} else if (what == 1) {
				/* the line at `at` repeated */
				size_t s = at, e = at;

				while (s > 0 && b.ptr[s - 1] != '\n')
					s--;
				while (e < b.len && b.ptr[e] != '\n')
					e++;
				pd_buf_clear(&m);
				pd_buf_put(&m, b.ptr, e < b.len ? e + 1 : e);
				pd_buf_put(&m, b.ptr + s, e - s);
				at = e;
				if (at < b.len)
					pd_buf_putc(&m, '\n'), at++;
			} else {
				pd_buf_puts(&m, bits[what - 2]);
			}
			pd_buf_put(&m, b.ptr + at, b.len - at);
			accepted += same_as_libyaml(m.ptr, m.len, "edit") == 1;
			tried++;
			pd_buf_free(&m);
		}
		pd_buf_free(&b);
	}
	/* the edits must reach both sides of the scanner */
	ck_assert_uint_gt(accepted, tried / 10);
	ck_assert_uint_lt(accepted, tried - tried / 10);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("yaml_fast");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, bundled_profiles_are_scanned_as_libyaml_reads_them);
	tcase_add_test(tc,
		       canonical_fixtures_are_scanned_and_others_agree_or_decline);
	tcase_add_test(tc, each_construct_of_the_subset);
	tcase_add_test(tc, everything_else_is_declined);
	tcase_add_test(tc, long_keys_deep_nesting_and_bad_bytes_are_declined);
	tcase_add_test(tc, edited_profiles_are_scanned_as_libyaml_reads_them);
	tcase_add_test(tc, key_and_word_bytes_are_those_of_the_subset);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
