#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/markers.h"
#include "profdiff/fileio.h"
#include "profdiff/page_import.h"
#include "profdiff/yaml.h"
#include "testutil.h"

static pd_profile *import_fixture(const char *rel, pd_page_report *report,
				  const pd_page_options *opts)
{
	pd_buf b = tu_fixture(rel);
	pd_profile *p = NULL;
	char msg[2048];
	const char *name = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;

	if (pd_page_import(&p, report, b.ptr, b.len, name, opts) < 0) {
		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_abort_msg("import of %s failed: %s", rel, msg);
	}
	pd_buf_free(&b);
	return p;
}

/* Each import/NAME.txt imports to exactly import/NAME.yaml. */
START_TEST(synthetic_pages_import_to_their_yaml)
{
	char **files = tu_list("import", ".txt");
	size_t i;

	ck_assert_ptr_nonnull(files[0]);
	for (i = 0; files[i]; i++) {
		char rel[512];
		pd_buf want, out = PD_BUF_INIT;
		pd_profile *p;

		snprintf(rel, sizeof(rel), "import/%s", files[i]);
		p = import_fixture(rel, NULL, NULL);
		ck_assert_int_eq(pd_yaml_write(&out, p), 0);
		strcpy(rel + strlen(rel) - 4, ".yaml");
		want = tu_fixture(rel);
		ck_assert_msg(out.len == want.len &&
				      memcmp(out.ptr, want.ptr, out.len) == 0,
			      "%s: got\n%s", files[i], out.ptr);
		pd_profile_free(p);
		pd_buf_free(&want);
		pd_buf_free(&out);
	}
	tu_free_list(files);
}
END_TEST

static bool has_note(const pd_page_report *r, unsigned line, unsigned col,
		     const char *text)
{
	size_t i;

	for (i = 0; i < r->nnotes; i++)
		if (r->notes[i].pos.line == line && r->notes[i].pos.col == col &&
		    strstr(r->notes[i].text, text))
			return true;
	return false;
}

START_TEST(the_importer_says_what_it_assumed)
{
	pd_page_report r;
	pd_profile *p = import_fixture("import/packed-footnotes.txt", &r, NULL);

	ck_assert(has_note(&r, 12, 5, "footnote 3 has no text; left out"));
	ck_assert(has_note(&r, 1, 1,
			   "the page names no country: 'Packed Footnotes' from "
			   "the file name"));
	ck_assert(has_note(&r, 1, 1, "the page has no 'Last updated' line"));
	pd_profile_free(p);
	p = import_fixture("import/intro.txt", &r, NULL);
	ck_assert(has_note(&r, 1, 1, "put under a section 'Introduction'"));
	pd_profile_free(p);
	p = import_fixture("import/title-block.txt", &r, NULL);
	ck_assert_uint_eq(r.nnotes, 0);
	ck_assert_uint_eq(r.nfound, 3);
	ck_assert_str_eq(r.found[0].summary,
			 "Law on Civil Registration (2004): law, in-force");
	ck_assert_str_eq(r.found[2].summary, "CRC: party by accession");
	pd_profile_free(p);
}
END_TEST

START_TEST(country_from_page_then_option_then_file_name)
{
	pd_page_options opts = PD_PAGE_OPTIONS_INIT;
	pd_page_report r;
	pd_profile *p;

	opts.country = "Lao PDR";
	p = import_fixture("pages/cambodia.txt", NULL, &opts);
	ck_assert_str_eq(p->country, "Cambodia");
	pd_profile_free(p);
	p = import_fixture("pages/laos.txt", &r, &opts);
	ck_assert_str_eq(p->country, "Lao PDR");
	ck_assert(has_note(&r, 1, 1, "'Lao PDR' from --country"));
	pd_profile_free(p);
	p = import_fixture("pages/laos.txt", NULL, NULL);
	ck_assert_str_eq(p->country, "Laos");
	pd_profile_free(p);
	p = import_fixture("pages/north-korea.txt", NULL, NULL);
	ck_assert_str_eq(p->country, "North Korea");
	ck_assert_int_eq(p->last_updated.year, 2026);
	ck_assert_int_eq(p->last_updated.month, 1);
	ck_assert_int_eq(p->last_updated.day, 29);
	pd_profile_free(p);
}
END_TEST

START_TEST(page_dates)
{
	pd_date d;

	ck_assert(pd_page_date("January 20, 2026", 16, &d));
	ck_assert_int_eq(d.day, 20);
	ck_assert(pd_page_date("20 January 2026", 15, &d));
	ck_assert_int_eq(d.month, 1);
	ck_assert(pd_page_date("Sep 3, 2025", 11, &d));
	ck_assert_int_eq(d.month, 9);
	ck_assert(pd_page_date("2026-01-20", 10, &d));
	ck_assert(!pd_page_date("January 32, 2026", 16, &d));
	ck_assert(!pd_page_date("Smarch 3, 2026", 14, &d));
	ck_assert(!pd_page_date("soon", 4, &d));
}
END_TEST

START_TEST(bad_pages_are_rejected_at_the_right_place)
{
	pd_buf cases = tu_fixture("import/errors/cases.txt");
	char **files = tu_list("import/errors", ".txt");
	char *line, *save = NULL;
	size_t nfiles = 0, ncases = 0;

	while (files[nfiles])
		nfiles++;
	nfiles--; /* cases.txt itself */
	for (line = strtok_r(cases.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[256], rel[300], msg[2048];
		unsigned lno, col;
		const char *want;
		pd_profile *p = NULL;
		pd_buf data;

		if (line[0] == '#' || strcmp(line + strlen(line) - 4, ".txt") == 0)
			continue;
		ck_assert(sscanf(line, "%255[^\t]\t%u:%u\t", name, &lno, &col) ==
			  3);
		want = strrchr(line, '\t') + 1;
		snprintf(rel, sizeof(rel), "import/errors/%s", name);
		data = tu_fixture(rel);
		ck_assert_int_eq(pd_page_import(&p, NULL, data.ptr, data.len,
						name, NULL),
				 PD_EINVALID);
		ck_assert_ptr_null(p);
		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_assert_msg(pd_error_last()->pos.line == lno &&
				      pd_error_last()->pos.col == col &&
				      strstr(msg, want),
			      "%s: expected %u:%u '%s', got %s", name, lno, col,
			      want, msg);
		pd_buf_free(&data);
		ncases++;
	}
	ck_assert_uint_eq(ncases, nfiles);
	{
		static const char nul[] = "Law\n\nText\0.\n";
		pd_profile *p = NULL;

		ck_assert_int_eq(pd_page_import(&p, NULL, nul, sizeof(nul) - 1,
						"nul.txt", NULL),
				 PD_EINVALID);
		ck_assert_uint_eq(pd_error_last()->pos.line, 3);
		ck_assert_uint_eq(pd_error_last()->pos.col, 5);
	}
	tu_free_list(files);
	pd_buf_free(&cases);
}
END_TEST

/* Nothing lost ----------------------------------------------------------- */

typedef struct words {
	char **v;
	size_t n, cap;
} words;

static void add_word(words *w, const char *s, size_t len)
{
	size_t i;
	char *c;

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 1024;
		w->v = realloc(w->v, w->cap * sizeof(*w->v));
		ck_assert_ptr_nonnull(w->v);
	}
	c = malloc(len + 1);
	ck_assert_ptr_nonnull(c);
	for (i = 0; i < len; i++)
		c[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	c[len] = '\0';
	w->v[w->n++] = c;
}

/* Splits on ASCII blanks and U+00A0. */
static void add_words(words *w, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t st;

		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				   (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
				    (unsigned char)s[i + 1] == 0xA0)))
			i += s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ? 1 : 2;
		st = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		       !(i + 1 < len && (unsigned char)s[i] == 0xC2 &&
			 (unsigned char)s[i + 1] == 0xA0))
			i++;
		if (i > st)
			add_word(w, s + st, i - st);
	}
}

static void free_words(words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
}

static bool is_placeholder(const char *s)
{
	size_t n = strlen(s);

	return strcmp(s, "flag") == 0 ||
	       (n > 6 && strcmp(s + n - 6, "_image") == 0 &&
		strspn(s, "abcdefghijklmnopqrstuvwxyz_") == n);
}

/* The page's words, independently of the importer: without image
 * placeholders, the title block lines, footnote markers "N.^" and heading
 * enumerators "a.". Body and footnotes separately. */
static void page_words(const char *text, words *body, words *notes)
{
	char *copy = strdup(text), *line, *save = NULL;
	bool in_notes = false, before_heading = true;

	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *s = line, *e;

		while (*s == ' ' || (((unsigned char)s[0] == 0xC2) &&
				     (unsigned char)s[1] == 0xA0))
			s += *s == ' ' ? 1 : 2;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\r' ||
				 ((unsigned char)e[-1] == 0xA0 && e - s >= 2 &&
				  (unsigned char)e[-2] == 0xC2)))
			e -= e[-1] == ' ' || e[-1] == '\r' ? 1 : 2;
		*e = '\0';
		if (!*s || is_placeholder(s))
			continue;
		if (strcmp(s, "Digital ID Overview") == 0)
			before_heading = false;
		if (before_heading)
			continue; /* country and Last updated lines */
		if (strchr(s, '^') && strstr(s, ".^") &&
		    strspn(s, "0123456789") == (size_t)(strstr(s, ".^") - s)) {
			in_notes = true;
			s = strstr(s, ".^") + 2;
		}
		if (!in_notes && s[0] >= 'a' && s[0] <= 'c' && s[1] == '.' &&
		    s[2] == ' ')
			s += 3;
		add_words(in_notes ? notes : body, s, strlen(s));
	}
	free(copy);
}

static void section_words(const pd_section *s, size_t n, words *w)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		add_words(w, s[i].title, strlen(s[i].title));
		if (s[i].subtitle)
			add_words(w, s[i].subtitle, strlen(s[i].subtitle));
		for (j = 0; j < s[i].nparagraphs; j++)
			add_words(w, s[i].paragraphs[j].text,
				  s[i].paragraphs[j].len);
		section_words(s[i].sections, s[i].nsections, w);
	}
}

static void assert_same_words(const words *a, const words *b,
			      const char *what)
{
	size_t i;

	for (i = 0; i < a->n && i < b->n; i++)
		ck_assert_msg(strcmp(a->v[i], b->v[i]) == 0,
			      "%s: word %zu is '%s' in the page, '%s' in the "
			      "profile",
			      what, i, a->v[i], b->v[i]);
	ck_assert_msg(a->n == b->n, "%s: %zu words in the page, %zu in the profile",
		      what, a->n, b->n);
}

static void marker_numbers(pd_arena *a, const char *s, size_t len, words *w)
{
	pd_marker *m;
	size_t n, i, j;

	ck_assert_int_eq(pd_markers(a, s, len, &m, &n), 0);
	for (i = 0; i < n; i++) {
		ck_assert(!m[i].malformed);
		for (j = 0; j < m[i].nnumbers; j++) {
			char num[16];

			snprintf(num, sizeof(num), "%u", (unsigned)m[i].numbers[j]);
			add_word(w, num, strlen(num));
		}
	}
}

static void section_markers(pd_arena *a, const pd_section *s, size_t n,
			    words *w)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < s[i].nparagraphs; j++)
			marker_numbers(a, s[i].paragraphs[j].text,
				       s[i].paragraphs[j].len, w);
		section_markers(a, s[i].sections, s[i].nsections, w);
	}
}

static const char *const real_pages[] = {"cambodia", "laos", "north-korea"};

/* Every word of each page is in its profile, in order; every marker; every
 * footnote with its full text; and the profile survives YAML. */
START_TEST(real_pages_lose_nothing)
{
	char rel[64];
	pd_buf page;
	pd_profile *p, *q;
	words pb = {0}, pn = {0}, yb = {0}, yn = {0}, pm = {0}, ym = {0};
	pd_buf yaml = PD_BUF_INIT;
	size_t i;
	const char *body_end;

	snprintf(rel, sizeof(rel), "pages/%s.txt", real_pages[_i]);
	page = tu_fixture(rel);
	p = import_fixture(rel, NULL, NULL);
	page_words(page.ptr, &pb, &pn);
	section_words(p->sections, p->nsections, &yb);
	for (i = 0; i < p->nfootnotes; i++) {
		char num[16];

		snprintf(num, sizeof(num), "%u", (unsigned)p->footnotes[i].number);
		add_words(&yn, p->footnotes[i].text, p->footnotes[i].len);
	}
	assert_same_words(&pb, &yb, "body");
	assert_same_words(&pn, &yn, "footnotes");
	ck_assert_uint_gt(pb.n, 500);
	ck_assert_uint_gt(pn.n, 300);

	/* the markers, in order */
	body_end = strstr(page.ptr, "1.^");
	ck_assert_ptr_nonnull(body_end);
	marker_numbers(p->arena, page.ptr, (size_t)(body_end - page.ptr), &pm);
	section_markers(p->arena, p->sections, p->nsections, &ym);
	assert_same_words(&pm, &ym, "markers");
	ck_assert_uint_gt(pm.n, 10);

	/* and through YAML */
	ck_assert_int_eq(pd_yaml_write(&yaml, p), 0);
	q = tu_read_yaml(yaml.ptr, yaml.len, rel);
	ck_assert(pd_profile_equal(p, q));
	pd_profile_free(q);
	pd_buf_free(&yaml);
	free_words(&pb);
	free_words(&pn);
	free_words(&yb);
	free_words(&yn);
	free_words(&pm);
	free_words(&ym);
	pd_profile_free(p);
	pd_buf_free(&page);
}
END_TEST

START_TEST(real_page_layouts)
{
	pd_profile *p = import_fixture("pages/laos.txt", NULL, NULL);
	const pd_section *law;

	/* laos: no title block, "a. Domestic Law and Policy", gaps at 6, 32 */
	ck_assert_uint_eq(p->nsections, 3);
	ck_assert_int_eq(p->last_updated.year, 0);
	law = &p->sections[1];
	ck_assert_str_eq(law->title, "Law");
	ck_assert_uint_eq(law->nsections, 3);
	ck_assert_str_eq(law->sections[0].title, "Domestic Law and Policy");
	ck_assert_str_eq(law->sections[2].title, "International Commitments");
	ck_assert_ptr_null(pd_profile_footnote(p, 6));
	ck_assert_ptr_null(pd_profile_footnote(p, 32));
	ck_assert_uint_eq(p->nfootnotes, 32);
	ck_assert_str_eq(pd_profile_footnote(p, 25)->text, "ibid 51.");
	ck_assert_str_eq(p->sections[2].subtitle,
			 "The Impact of Digital ID and Legal Identity on "
			 "Citizenship and Nationality Rights");
	/* positions are the page's */
	ck_assert_uint_eq(p->sections[0].paragraphs[0].pos.line, 5);
	ck_assert_uint_eq(pd_profile_footnote(p, 7)->pos.line, 63);
	pd_profile_free(p);

	/* north korea: indented sections, packed footnotes, trailing NBSP */
	p = import_fixture("pages/north-korea.txt", NULL, NULL);
	law = &p->sections[1];
	ck_assert_uint_eq(law->nsections, 3);
	ck_assert_str_eq(law->sections[1].title, "Data Protection");
	ck_assert_uint_eq(law->sections[1].paragraphs[0].pos.line, 23);
	ck_assert_uint_eq(law->sections[1].paragraphs[0].pos.col, 5);
	ck_assert_str_eq(law->sections[0].paragraphs[0].text,
			 "Since North Korea has no digital ID system, there are "
			 "no reported laws, policies, or guidelines around "
			 "digital identity.");
	ck_assert_uint_eq(p->nfootnotes, 36);
	ck_assert_str_eq(pd_profile_footnote(p, 25)->text, "ibid");
	ck_assert_uint_eq(pd_profile_footnote(p, 25)->pos.line, 136);
	ck_assert_uint_eq(pd_profile_footnote(p, 25)->pos.col, 5);
	ck_assert_str_eq(p->sections[2].title, "Designed to Include?");
	pd_profile_free(p);

	/* cambodia: "Domestic law and policy" in lower case */
	p = import_fixture("pages/cambodia.txt", NULL, NULL);
	ck_assert_str_eq(p->sections[1].sections[0].title,
			 "Domestic Law and Policy");
	ck_assert_uint_eq(p->nfootnotes, 58);
	ck_assert_uint_eq(p->sections[0].nparagraphs, 4);
	pd_profile_free(p);
}
END_TEST

/* Review corrections ----------------------------------------------------- */

static void cites_str(const uint32_t *c, size_t n, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	if (!n)
		snprintf(out, size, "-");
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%u",
					i ? " " : "", (unsigned)c[i]);
}

static void aka_str(const pd_law *l, char *out, size_t size)
{
	size_t i, len = 0;

	out[0] = '\0';
	if (!l->naka)
		snprintf(out, size, "-");
	for (i = 0; i < l->naka && len < size; i++)
		len += (size_t)snprintf(out + len, size - len, "%s%s",
					i ? "; " : "", l->aka[i]);
}

static bool names_law(const pd_law *l, const char *name)
{
	size_t i;

	if (strcmp(l->name, name) == 0 ||
	    (l->short_name && strcmp(l->short_name, name) == 0))
		return true;
	for (i = 0; i < l->naka; i++)
		if (strcmp(l->aka[i], name) == 0)
			return true;
	return false;
}

static void diff_field(words *out, const char *what, const char *field,
		       const char *a, const char *b)
{
	pd_buf line = PD_BUF_INIT;

	if (strcmp(a, b) == 0)
		return;
	pd_buf_printf(&line, "%s: %s: %s -> %s", what, field, a, b);
	add_word(out, pd_buf_cstr(&line), line.len);
	pd_buf_free(&line);
}

/* The differences in laws and treaties between an import and a reviewed
 * profile, one line each (lower-cased by add_word). */
static void review_diff(const pd_profile *imp, const pd_profile *rev,
			words *out)
{
	size_t i, j;
	char a[1024], b[1024], what[512];
	bool *used = calloc(rev->nlaws + 1, 1);

	for (i = 0; i < imp->nlaws; i++) {
		const pd_law *l = &imp->laws[i], *r = NULL;

		snprintf(what, sizeof(what), "law %s", l->name);
		for (j = 0; j < rev->nlaws && !r; j++)
			if (names_law(&rev->laws[j], l->name)) {
				r = &rev->laws[j];
				used[j] = true;
			}
		if (!r) {
			snprintf(a, sizeof(a), "%s: removed", what);
			add_word(out, a, strlen(a));
			continue;
		}
		diff_field(out, what, "name", l->name, r->name);
		diff_field(out, what, "short", l->short_name ? l->short_name : "-",
			   r->short_name ? r->short_name : "-");
		aka_str(l, a, sizeof(a));
		aka_str(r, b, sizeof(b));
		diff_field(out, what, "aka", a, b);
		snprintf(a, sizeof(a), "%d", l->year);
		snprintf(b, sizeof(b), "%d", r->year);
		diff_field(out, what, "year", a, b);
		diff_field(out, what, "type", pd_law_type_name(l->type),
			   pd_law_type_name(r->type));
		diff_field(out, what, "status", pd_law_status_name(l->status),
			   pd_law_status_name(r->status));
		strcpy(a, "-");
		strcpy(b, "-");
		if (l->date.year)
			pd_date_format(l->date, a);
		if (r->date.year)
			pd_date_format(r->date, b);
		diff_field(out, what, "date", a, b);
		diff_field(out, what, "replaced_by",
			   l->replaced_by ? l->replaced_by : "-",
			   r->replaced_by ? r->replaced_by : "-");
		cites_str(l->cite, l->ncite, a, sizeof(a));
		cites_str(r->cite, r->ncite, b, sizeof(b));
		diff_field(out, what, "cite", a, b);
	}
	for (j = 0; j < rev->nlaws; j++)
		if (!used[j]) {
			snprintf(a, sizeof(a), "law %s: added", rev->laws[j].name);
			add_word(out, a, strlen(a));
		}
	free(used);
	for (i = 0; i < imp->ntreaties || i < rev->ntreaties; i++) {
		const pd_treaty *t = i < imp->ntreaties ? &imp->treaties[i] : NULL;
		const pd_treaty *r = i < rev->ntreaties ? &rev->treaties[i] : NULL;

		ck_assert_msg(t && r && strcmp(t->id, r->id) == 0,
			      "treaty lists differ at %zu", i);
		snprintf(what, sizeof(what), "treaty %s", t->id);
		diff_field(out, what, "status", pd_treaty_status_name(t->status),
			   pd_treaty_status_name(r->status));
		diff_field(out, what, "via", pd_treaty_via_name(t->via),
			   pd_treaty_via_name(r->via));
		cites_str(t->cite, t->ncite, a, sizeof(a));
		cites_str(r->cite, r->ncite, b, sizeof(b));
		diff_field(out, what, "cite", a, b);
	}
}

static pd_profile *read_bundled(const char *name)
{
	char path[4096];
	pd_buf b = PD_BUF_INIT;
	pd_profile *p;

	snprintf(path, sizeof(path), "%s/%s.yaml", PD_PROFILES, name);
	ck_assert_int_eq(pd_file_read(&b, path, 1 << 24), 0);
	p = tu_read_yaml(b.ptr, b.len, path);
	pd_buf_free(&b);
	return p;
}

/* profiles/PAGE.yaml is the import of the page, with the prose untouched
 * and exactly the reviewed corrections of corrections.txt. */
START_TEST(bundled_profiles_are_the_reviewed_imports)
{
	const char *name = real_pages[_i];
	char rel[64];
	pd_profile *imp, *rev;
	pd_buf corr = tu_fixture("corrections.txt");
	words got = {0}, want = {0};
	char *line, *save = NULL;
	size_t i;

	snprintf(rel, sizeof(rel), "pages/%s.txt", name);
	imp = import_fixture(rel, NULL, NULL);
	rev = read_bundled(name);
	review_diff(imp, rev, &got);
	for (line = strtok_r(corr.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(name);

		if (strncmp(line, name, n) == 0 && line[n] == '\t')
			add_word(&want, line + n + 1, strlen(line + n + 1));
	}
	for (i = 0; i < got.n || i < want.n; i++)
		ck_assert_msg(i < got.n && i < want.n &&
				      strcmp(got.v[i], want.v[i]) == 0,
			      "%s: correction %zu is '%s', corrections.txt says "
			      "'%s'",
			      name, i, i < got.n ? got.v[i] : "(none)",
			      i < want.n ? want.v[i] : "(none)");
	/* everything else is the import itself */
	imp->nlaws = rev->nlaws = 0;
	imp->ntreaties = rev->ntreaties = 0;
	ck_assert(pd_profile_equal(imp, rev));
	free_words(&got);
	free_words(&want);
	pd_profile_free(imp);
	pd_profile_free(rev);
	pd_buf_free(&corr);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("page_import");
	TCase *tc = tcase_create("page_import");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, synthetic_pages_import_to_their_yaml);
	tcase_add_test(tc, the_importer_says_what_it_assumed);
	tcase_add_test(tc, country_from_page_then_option_then_file_name);
	tcase_add_test(tc, page_dates);
	tcase_add_test(tc, bad_pages_are_rejected_at_the_right_place);
	tcase_add_loop_test(tc, real_pages_lose_nothing, 0, 3);
	tcase_add_test(tc, real_page_layouts);
	tcase_add_loop_test(tc, bundled_profiles_are_the_reviewed_imports, 0,
			    3);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
