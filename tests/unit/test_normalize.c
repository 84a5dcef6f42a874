#include <stdio.h>
#include <string.h>

#include "profdiff/fileio.h"
#include "profdiff/normalize.h"
#include "profdiff/profile.h"
#include "testutil.h"

static const char *norm(pd_buf *b, const char *s, unsigned flags)
{
	pd_buf_clear(b);
	ck_assert_int_eq(pd_normalize(b, s, strlen(s), flags), 0);
	return pd_buf_cstr(b);
}

START_TEST(folds_case_quotes_dashes_and_space)
{
	pd_buf b = PD_BUF_INIT;

	ck_assert_str_eq(norm(&b, "  The  Law\n on\tCRVSID ", 0),
			 "the law on crvsid");
	ck_assert_str_eq(norm(&b, "‘one person, one identity’", 0),
			 "'one person, one identity'");
	ck_assert_str_eq(norm(&b, "“quoted” \"too\" `and`", 0),
			 "'quoted' 'too' 'and'");
	ck_assert_str_eq(norm(&b, "2017–2026 — a plan ‐ here", 0),
			 "2017-2026 - a plan - here");
	ck_assert_str_eq(norm(&b, "a\xc2\xa0" "b and so on…", 0),
			 "a b and so on...");
	ck_assert_str_eq(norm(&b, "Claim.[15] More[16, 17].", PD_NORM_MARKERS),
			 "claim. more.");
	ck_assert_str_eq(norm(&b, "Claim.[15]", 0), "claim.[15]");
	/* beyond the simple characters: NFKC and case folding */
	ck_assert_str_eq(norm(&b, "Ｆｕｌｌ ÉCOLE ﬁle", 0), "full école file");
	ck_assert_str_eq(norm(&b, "Cafe\xcc\x81", 0), "café");
	ck_assert_str_eq(norm(&b, "a″b", 0), "a''b");
	pd_buf_free(&b);
}
END_TEST

/* Text of only ASCII and the simple characters is folded without
 * utf8proc; appending "é" sends the same text through utf8proc. Both
 * must agree, on every simple character in every position, and on the
 * real profiles' paragraphs. */
START_TEST(the_fast_path_is_utf8proc_exactly)
{
	static const char *const simple[] = {
		"‐", "‑", "‒", "–", "—", "―", "‘", "’", "“", "”", "\xc2\xa0", "…"};
	/* none ends in a space: the suffix would keep it */
	static const char *const frames[] = {"%s", "A%sB", " %s", "x %s y",
					     "[1]%s[2]", "%s%s"};
	pd_buf fast = PD_BUF_INIT, slow = PD_BUF_INIT, in = PD_BUF_INIT;
	size_t i, f, checked = 0;
	char text[64];

	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		for (f = 0; f < sizeof(frames) / sizeof(frames[0]); f++) {
			snprintf(text, sizeof(text), frames[f], simple[i],
				 simple[i]);
			pd_buf_clear(&in);
			pd_buf_puts(&in, text);
			norm(&fast, text, PD_NORM_MARKERS);
			pd_buf_puts(&in, "é");
			norm(&slow, pd_buf_cstr(&in), PD_NORM_MARKERS);
			pd_buf_puts(&fast, "é");
			if (strcmp(pd_buf_cstr(&fast), pd_buf_cstr(&slow)) != 0)
				ck_abort_msg("'%s': fast '%s', utf8proc '%s'",
					     text, pd_buf_cstr(&fast),
					     pd_buf_cstr(&slow));
			checked++;
		}
	ck_assert_uint_eq(checked, 72);
	pd_buf_free(&fast);
	pd_buf_free(&slow);
	pd_buf_free(&in);
}
END_TEST

static size_t same_both_ways(const pd_section *secs, size_t n)
{
	pd_buf fast = PD_BUF_INIT, slow = PD_BUF_INIT, in = PD_BUF_INIT;
	size_t i, j, checked = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < secs[i].nparagraphs; j++) {
			const pd_paragraph *pa = &secs[i].paragraphs[j];

			pd_buf_clear(&fast);
			pd_buf_clear(&slow);
			pd_buf_clear(&in);
			pd_buf_put(&in, pa->text, pa->len);
			pd_buf_puts(&in, " é");
			ck_assert_int_eq(pd_normalize(&fast, pa->text, pa->len,
						      PD_NORM_MARKERS),
					 0);
			pd_buf_puts(&fast, " é");
			ck_assert_int_eq(pd_normalize(&slow, in.ptr, in.len,
						      PD_NORM_MARKERS),
					 0);
			ck_assert_str_eq(pd_buf_cstr(&fast), pd_buf_cstr(&slow));
			checked++;
		}
		checked += same_both_ways(secs[i].sections, secs[i].nsections);
	}
	pd_buf_free(&fast);
	pd_buf_free(&slow);
	pd_buf_free(&in);
	return checked;
}

START_TEST(real_paragraphs_fold_the_same_both_ways)
{
	static const char *const names[] = {"cambodia", "laos", "north-korea"};
	size_t i, checked = 0;

	for (i = 0; i < 3; i++) {
		char path[4096];
		pd_buf b = PD_BUF_INIT;
		pd_profile *p;

		snprintf(path, sizeof(path), "%s/%s.yaml", PD_PROFILES,
			 names[i]);
		ck_assert_int_eq(pd_file_read(&b, path, 1 << 24), 0);
		p = tu_read_yaml(b.ptr, b.len, path);
		checked += same_both_ways(p->sections, p->nsections);
		pd_profile_free(p);
		pd_buf_free(&b);
	}
	ck_assert_uint_ge(checked, 30);
}
END_TEST

START_TEST(urls)
{
	pd_buf b = PD_BUF_INIT;
	static const char u[] = "HTTPS://Example.ORG/a/b/?utm_source=x&id=3#top";

	pd_url_normalize(&b, u, strlen(u));
	ck_assert_str_eq(pd_buf_cstr(&b), "https://example.org/a/b/?id=3");
	pd_buf_free(&b);
}
END_TEST


/* The normal form of ASCII text as the definition says it: lower case,
 * '"' and '`' as "'", each run of white space one space, none at the
 * ends; markers "[N]" left out when asked. */
static void reference(pd_buf *out, const char *s, size_t len, bool markers)
{
	bool pending = false;
	size_t i;

	pd_buf_clear(out);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (markers && c == '[' && i + 2 < len && s[i + 1] >= '1' &&
		    s[i + 1] <= '9' && s[i + 2] == ']') {
			i += 2;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			pending = out->len > 0;
			continue;
		}
		if (pending)
			pd_buf_putc(out, ' ');
		pending = false;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		else if (c == '"' || c == '`')
			c = '\'';
		pd_buf_putc(out, c);
	}
}

/* Random ASCII texts of every length to 200 (words, single and double
 * spaces, tabs and new lines, quotes, markers, capitals, control bytes),
 * folded sixteen bytes at a time where they can be, give the definition's
 * normal form, appended to text already there or not. */
START_TEST(ascii_folds_as_defined_at_every_length)
{
	static const char alphabet[] = "abcdefgHIJKLmnopq     \t\n\"`'.,;[]1\x01";
	pd_buf got = PD_BUF_INIT, want = PD_BUF_INIT;
	unsigned seed = 99;
	size_t len, round, k;
	char text[256];

	for (len = 0; len <= 200; len++)
		for (round = 0; round < 20; round++) {
			bool markers = round % 2;

			for (k = 0; k < len; k++) {
				seed = seed * 1103515245u + 12345u;
				text[k] = alphabet[(seed >> 16) %
						   (sizeof(alphabet) - 1)];
				if (markers && text[k] == '[' && k + 2 < len) {
					text[++k] = (char)('1' + (seed >> 8) % 9);
					text[++k] = ']';
				}
			}
			reference(&want, text, len, markers);
			pd_buf_clear(&got);
			ck_assert_int_eq(pd_normalize(&got, text, len,
						      markers ? PD_NORM_MARKERS : 0),
					 0);
			ck_assert_msg(strcmp(pd_buf_cstr(&got),
					     pd_buf_cstr(&want)) == 0,
				      "'%.*s': '%s', not '%s'", (int)len, text,
				      pd_buf_cstr(&got), pd_buf_cstr(&want));
		}
	pd_buf_free(&got);
	pd_buf_free(&want);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("normalize");
	TCase *tc = tcase_create("normalize");

	tcase_add_test(tc, folds_case_quotes_dashes_and_space);
	tcase_add_test(tc, the_fast_path_is_utf8proc_exactly);
	tcase_add_test(tc, real_paragraphs_fold_the_same_both_ways);
	tcase_add_test(tc, urls);
	tcase_add_test(tc, ascii_folds_as_defined_at_every_length);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
