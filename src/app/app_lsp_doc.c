/*
 * app_lsp_doc.c: one document of the language server (app_lsp_doc.h).
 *
 * Each change reads the whole text again, as `profdiff lint` reads a
 * file: the repository's .profdiff.yaml (the nearest directory above the
 * file holding .git or .profdiff.yaml), the profile with its vocabulary,
 * then lint, or the reader's error as the `schema` finding; the
 * citations are resolved into the profile's arena. A profile of the size
 * the pages have takes a millisecond or two, so the server keeps no
 * state between two versions of a text but the text.
 *
 * Where a request points. The editor gives a line and a character in the
 * units agreed (UTF-16 by default); the document turns it into a byte
 * offset of its text through its table of line starts. The profile gives
 * the core's positions (a line, and a column in code points) of each
 * paragraph and footnote, and through their segments of each byte of
 * their text, however the YAML folded it; each marker and each (n X)
 * becomes a range of byte offsets of the document, and the request's
 * offset falls in one of them or in none. Every site is found afresh for
 * each request, linear in the profile: no index to keep up to date as
 * the editor types.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>

#include "app_lsp_doc.h"
#include "grow.h"
#include "profdiff/gate.h"
#include "profdiff/markers.h"
#include "profdiff/store.h"
#include "profdiff/yaml.h"

/* Text -------------------------------------------------------------------- */

/* The path of a file: URI, percent-decoded; NULL for another URI. */
static char *path_of_uri(const char *uri)
{
	size_t i, n = strlen(uri), k = 0;
	char *path;

	if (strncmp(uri, "file://", 7) != 0 || uri[7] != '/')
		return NULL;
	if (!(path = malloc(n)))
		return NULL;
	for (i = 7; i < n; i++) {
		int hi, lo;

		if (uri[i] != '%') {
			path[k++] = uri[i];
			continue;
		}
		hi = i + 2 < n ? (uri[i + 1] | 0x20) : 0;
		lo = i + 2 < n ? (uri[i + 2] | 0x20) : 0;
		hi = hi >= '0' && hi <= '9' ? hi - '0'
		     : hi >= 'a' && hi <= 'f' ? hi - 'a' + 10 : -1;
		lo = lo >= '0' && lo <= '9' ? lo - '0'
		     : lo >= 'a' && lo <= 'f' ? lo - 'a' + 10 : -1;
		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			free(path);
			return NULL;
		}
		path[k++] = (char)(hi * 16 + lo);
		i += 2;
	}
	path[k] = '\0';
	return path;
}

/* The bytes of the character at s[i] (1 for a byte that starts none) and
 * its units in `enc`. */
static size_t char_at(const char *s, size_t n, size_t i, pd_lsp_encoding enc,
		      uint32_t *units)
{
	unsigned char c = (unsigned char)s[i];
	size_t k = c < 0x80 ? 1 : c >= 0xF8 ? 1 : c >= 0xF0 ? 4
		   : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, j;

	for (j = 1; j < k; j++)
		if (i + j >= n || ((unsigned char)s[i + j] & 0xC0) != 0x80)
			k = 1;
	*units = enc == PD_LSP_UTF8 ? (uint32_t)k
		 : enc == PD_LSP_UTF16 && k == 4 ? 2 : 1;
	return k;
}

/* The line starts, and a mark every MARK_STEP bytes of a line: a line
 * of a megabyte (a flow mapping, a paragraph on one line) costs a
 * conversion a walk of MARK_STEP bytes at most, not of the line. */
static int set_lines(pd_lsp_doc *d)
{
	size_t i = 0, line_start = 0;
	pd_lsp_mark m = {0, 0, 0};

	d->nlines = d->nmarks = 0;
	for (;;) {
		if (PD_GROW(d->lines, d->nlines, d->lines_cap) < 0 ||
		    PD_GROW(d->marks, d->nmarks, d->marks_cap) < 0)
			return pd_error_oom();
		d->lines[d->nlines++] = line_start;
		m.off = line_start;
		m.cps = m.u16 = 0;
		d->marks[d->nmarks++] = m;
		for (i = line_start; i < d->len && d->text[i] != '\n';) {
			uint32_t w;
			size_t k = char_at(d->text, d->len, i, PD_LSP_UTF16, &w);

			if (i - m.off >= PD_LSP_MARK_STEP) {
				m.off = i;
				if (PD_GROW(d->marks, d->nmarks, d->marks_cap) < 0)
					return pd_error_oom();
				d->marks[d->nmarks++] = m;
			}
			/* code points as the core counts them */
			for (; k; k--, i++)
				m.cps += ((unsigned char)d->text[i] & 0xC0) != 0x80;
			m.u16 += w;
		}
		if (i >= d->len)
			return 0;
		line_start = i + 1;
	}
}

static size_t line_begin(const pd_lsp_doc *d, size_t line)
{
	return line < d->nlines ? d->lines[line] : d->len;
}

/* The end of a line's text, before its line end. */
static size_t line_stop(const pd_lsp_doc *d, size_t line)
{
	size_t b = line_begin(d, line), e;

	if (line >= d->nlines)
		return d->len;
	e = line + 1 < d->nlines ? d->lines[line + 1] - 1 : d->len;
	if (e > b && e < d->len && d->text[e - 1] == '\r')
		e--;
	return e;
}

/* What a mark counts: bytes, code points, UTF-16 units. */
typedef enum mark_count { COUNT_BYTES, COUNT_CPS, COUNT_U16 } mark_count;

static uint32_t mark_value(const pd_lsp_doc *d, const pd_lsp_mark *m,
			   size_t line, mark_count c)
{
	return c == COUNT_BYTES ? (uint32_t)(m->off - d->lines[line])
	       : c == COUNT_CPS ? m->cps : m->u16;
}

static mark_count count_of(pd_lsp_encoding enc)
{
	return enc == PD_LSP_UTF8 ? COUNT_BYTES
	       : enc == PD_LSP_UTF32 ? COUNT_CPS : COUNT_U16;
}

/* The last mark of line `line` (< nlines) whose count `c` is at most
 * `v`, or whose offset is at most `v` when `by_offset`. */
static const pd_lsp_mark *mark_before(const pd_lsp_doc *d, size_t line,
				      mark_count c, size_t v, bool by_offset)
{
	size_t end = line + 1 < d->nlines ? d->lines[line + 1] : SIZE_MAX;
	size_t a = 0, b = d->nmarks;

	/* the line's first mark: the last one at or before its start */
	while (b - a > 1) {
		size_t mid = a + (b - a) / 2;

		if (d->marks[mid].off <= d->lines[line])
			a = mid;
		else
			b = mid;
	}
	/* then the last of the line's marks within `v` */
	for (b = d->nmarks; b - a > 1;) {
		size_t mid = a + (b - a) / 2;
		const pd_lsp_mark *m = &d->marks[mid];

		if (m->off < end &&
		    (by_offset ? m->off : mark_value(d, m, line, c)) <= v)
			a = mid;
		else
			b = mid;
	}
	return &d->marks[a];
}

/* The byte offset of a protocol position, within its line. */
static size_t offset_of(const pd_lsp_doc *d, pd_lsp_pos p, pd_lsp_encoding enc)
{
	const pd_lsp_mark *m;
	size_t i, e;
	uint32_t u, w;

	if (p.line >= d->nlines)
		return d->len;
	m = mark_before(d, p.line, count_of(enc), p.character, false);
	i = m->off;
	u = mark_value(d, m, p.line, count_of(enc));
	e = line_stop(d, p.line);
	while (i < e && u < p.character) {
		size_t k = char_at(d->text, e, i, enc, &w);

		if (u + w > p.character)
			break;
		u += w;
		i += k;
	}
	return i < e ? i : e;
}

/* The protocol position of a byte offset. */
static pd_lsp_pos pos_of(const pd_lsp_doc *d, size_t off,
			 pd_lsp_encoding enc)
{
	size_t lo = 0, hi = d->nlines, i;
	const pd_lsp_mark *m;
	pd_lsp_pos p = {0, 0};
	uint32_t w;

	if (off > d->len)
		off = d->len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	m = mark_before(d, lo, count_of(enc), off, true);
	p.line = (uint32_t)lo;
	p.character = mark_value(d, m, lo, count_of(enc));
	for (i = m->off; i < off;) {
		i += char_at(d->text, d->len, i, enc, &w);
		p.character += w;
	}
	return p;
}

/* The byte offset of a position of the core: a 1-based line, and a
 * 1-based column counting code points as the core does (a byte that is
 * not a continuation byte starts one). */
static size_t offset_of_core(const pd_lsp_doc *d, pd_pos p)
{
	const pd_lsp_mark *m;
	size_t i, e;
	uint32_t col;

	if (!p.line)
		return 0;
	if (p.line - 1 >= d->nlines)
		return d->len;
	m = mark_before(d, p.line - 1, COUNT_CPS, p.col ? p.col - 1 : 0,
			false);
	i = m->off;
	e = line_stop(d, p.line - 1);
	for (col = m->cps + 1; col < p.col && i < e; col++)
		for (i++; i < e && ((unsigned char)d->text[i] & 0xC0) == 0x80;)
			i++;
	return i < e ? i : e;
}

static void put_pos(pd_json *j, pd_lsp_pos p)
{
	pd_json_begin_object(j);
	pd_json_member_uint(j, "line", p.line);
	pd_json_member_uint(j, "character", p.character);
	pd_json_end_object(j);
}

static void put_range(pd_json *j, const pd_lsp_doc *d, size_t from,
		      size_t to, pd_lsp_encoding enc)
{
	pd_json_begin_object(j);
	pd_json_name(j, "start");
	put_pos(j, pos_of(d, from, enc));
	pd_json_name(j, "end");
	put_pos(j, pos_of(d, to, enc));
	pd_json_end_object(j);
}

static void put_location(pd_json *j, const pd_lsp_doc *d, size_t from,
			 size_t to, pd_lsp_encoding enc)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "uri", d->uri);
	pd_json_name(j, "range");
	put_range(j, d, from, to, enc);
	pd_json_end_object(j);
}

/* Reading and linting ----------------------------------------------------- */

static bool exists_in(const char *dir, const char *name)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

/* The repository's configuration, as `profdiff lint` run in it takes it:
 * the nearest directory above the file holding .git or .profdiff.yaml.
 * One that does not read is kept as an error, and the defaults used. */
static int load_config(pd_lsp_doc *d)
{
	char dir[4096];
	char *slash;
	int err;

	memset(&d->config_error, 0, sizeof(d->config_error));
	if (d->path && strlen(d->path) < sizeof(dir)) {
		snprintf(dir, sizeof(dir), "%s", d->path);
		while ((slash = strrchr(dir, '/')) && slash != dir) {
			*slash = '\0';
			if (exists_in(dir, ".git") ||
			    exists_in(dir, PD_CONFIG_FILE)) {
				err = pd_app_load_config(&d->config, dir);
				if (err == PD_ENOMEM)
					return err;
				if (err == 0)
					return 0;
				d->config_error = *pd_error_last();
				break;
			}
		}
	}
	return pd_config_new(&d->config) < 0 ? pd_error_oom() : 0;
}

static bool is_config(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, PD_CONFIG_FILE) == 0;
}

/* The profile as published (pd_lsp_doc.published), once: the file's
 * repository, its publication branch, the file's path in it. Anything
 * that does not read leaves it NULL: the document is then linted alone,
 * as outside a repository. */
static void read_published(pd_lsp_doc *d)
{
	char dir[PATH_MAX], abs[PATH_MAX], wd[PATH_MAX], pub[1024];
	char *slash;
	pd_store *s = NULL;
	size_t n;

	if (d->published_read || !d->path || is_config(d->path))
		return;
	d->published_read = true;
	if (snprintf(dir, sizeof(dir), "%s", d->path) >= (int)sizeof(dir) ||
	    !(slash = strrchr(dir, '/')))
		return;
	*slash = '\0';
	if (!realpath(dir, abs) || pd_store_open(&s, abs) < 0 ||
	    !pd_store_workdir(s) || !realpath(pd_store_workdir(s), wd) ||
	    (n = strlen(wd), strncmp(abs, wd, n) != 0) ||
	    (abs[n] != '/' && abs[n] != '\0'))
		goto none;
	/* the file's path in the repository */
	if (snprintf(dir, sizeof(dir), "%s%s%s", abs[n] ? abs + n + 1 : "",
		     abs[n] ? "/" : "", strrchr(d->path, '/') + 1) >=
	    (int)sizeof(dir))
		goto none;
	if (pd_app_publication(s, pub, sizeof(pub)) < 0 || !pub[0] ||
	    pd_app_published_profile(s, pub, dir, &d->published) < 0 ||
	    !d->published)
		goto none;
	d->store = s;
	return;
none:
	d->published = NULL;
	pd_store_free(s);
	pd_error_clear();
}

static int analyse(pd_lsp_doc *d)
{
	pd_gate_facts facts = PD_GATE_FACTS_INIT;
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	int err;

	pd_profile_free(d->profile);
	d->profile = NULL;
	memset(&d->cites, 0, sizeof(d->cites));
	pd_lint_result_free(d->lint);
	d->lint = NULL;
	pd_config_free(d->config);
	d->config = NULL;
	memset(&d->read_error, 0, sizeof(d->read_error));
	if ((err = set_lines(d)) < 0 || (err = load_config(d)) < 0)
		return err;
	pd_app_config_lint(&lo, d->config);
	if (d->path && is_config(d->path)) {
		/* the settings themselves, read as the gates read them; the
		 * file's saved text is not what is checked */
		pd_config *c = NULL;

		memset(&d->config_error, 0, sizeof(d->config_error));
		err = pd_config_read(&c, d->text, d->len, d->path);
		pd_config_free(c);
		if (err == PD_EINVALID) {
			d->read_error = *pd_error_last();
			return pd_lint_schema(&d->lint, &d->read_error, &lo);
		}
		return err;
	}
	err = pd_app_parse_profile(&d->profile, d->text, d->len,
				   d->path ? d->path : d->uri,
				   &d->config->vocab);
	if (err == PD_ENOMEM)
		return err;
	if (err < 0) {
		d->read_error = *pd_error_last();
		return pd_lint_schema(&d->lint, &d->read_error, &lo);
	}
	/* as `profdiff lint` in the repository: the gate's rules against
	 * the published profile */
	read_published(d);
	facts.published = d->published;
	if ((err = pd_gate_check(&d->lint, d->profile, NULL, &facts, &lo)) <
	    0)
		return err;
	return pd_citations_resolve(d->profile->arena, d->profile, &d->cites);
}

int pd_lsp_doc_new(pd_lsp_doc **out, const char *uri, const char *text,
		   size_t len)
{
	pd_lsp_doc *d = calloc(1, sizeof(*d));
	int err;

	*out = NULL;
	if (!d || !(d->uri = strdup(uri)) || !(d->text = malloc(len + 1))) {
		pd_lsp_doc_free(d);
		return pd_error_oom();
	}
	d->path = path_of_uri(uri);
	memcpy(d->text, text, len);
	d->text[len] = '\0';
	d->len = len;
	if ((err = analyse(d)) < 0) {
		pd_lsp_doc_free(d);
		return err;
	}
	*out = d;
	return 0;
}

/* Replaces bytes [from, to) of the text with `len` bytes of `s`. */
static int splice(pd_lsp_doc *d, size_t from, size_t to, const char *s,
		  size_t len)
{
	size_t n = d->len - (to - from) + len;
	char *t = malloc(n + 1);

	if (!t)
		return pd_error_oom();
	memcpy(t, d->text, from);
	memcpy(t + from, s, len);
	memcpy(t + from + len, d->text + to, d->len - to);
	t[n] = '\0';
	free(d->text);
	d->text = t;
	d->len = n;
	return set_lines(d);
}

int pd_lsp_doc_change(pd_lsp_doc *d, const pd_lsp_change *c, size_t n,
		      pd_lsp_encoding enc)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		size_t from = 0, to = d->len;

		if (c[i].has_range) {
			from = offset_of(d, c[i].range.start, enc);
			to = offset_of(d, c[i].range.end, enc);
			if (to < from)
				to = from;
		}
		if ((err = splice(d, from, to, c[i].text, c[i].len)) < 0)
			return err;
	}
	return analyse(d);
}

void pd_lsp_doc_free(pd_lsp_doc *d)
{
	if (!d)
		return;
	pd_profile_free(d->profile);
	pd_lint_result_free(d->lint);
	pd_config_free(d->config);
	pd_store_free(d->store); /* after the lint: it holds the published */
	free(d->uri);
	free(d->path);
	free(d->text);
	free(d->lines);
	free(d->marks);
	free(d);
}

/* Diagnostics ------------------------------------------------------------- */

/* The end of a finding's range: a marker where it starts at one, else
 * the rest of its line, trailing blanks left out. */
static size_t finding_end(const pd_lsp_doc *d, size_t at)
{
	size_t line = pos_of(d, at, PD_LSP_UTF8).line;
	size_t e = line_stop(d, line), i;

	if (at < e && d->text[at] == '[') {
		for (i = at; i < e; i++)
			if (d->text[i] == ']')
				return i + 1;
	}
	while (e > at && (d->text[e - 1] == ' ' || d->text[e - 1] == '\t'))
		e--;
	return e;
}

static void put_diagnostic(pd_json *j, const pd_lsp_doc *d, size_t from,
			   size_t to, pd_severity sev, const char *rule,
			   const char *message, pd_lsp_encoding enc)
{
	pd_json_begin_object(j);
	pd_json_name(j, "range");
	put_range(j, d, from, to, enc);
	/* the protocol's 1 error, 2 warning, 3 information */
	pd_json_member_uint(j, "severity", sev == PD_SEV_ERROR     ? 1
					  : sev == PD_SEV_WARNING ? 2
								 : 3);
	pd_json_member_cstr(j, "code", rule);
	pd_json_member_cstr(j, "source", "profdiff");
	pd_json_member_cstr(j, "message", message);
	pd_json_end_object(j);
}

void pd_lsp_doc_diagnostics(const pd_lsp_doc *d, pd_json *j,
			    pd_lsp_encoding enc)
{
	size_t i;

	pd_json_begin_array(j);
	if (d->config_error.code) {
		char msg[1600];

		pd_error_format(&d->config_error, msg, sizeof(msg));
		put_diagnostic(j, d, 0, 0, PD_SEV_ERROR, "schema", msg, enc);
	}
	for (i = 0; d->lint && i < d->lint->nfindings; i++) {
		const pd_finding *f = &d->lint->findings[i];
		size_t at = offset_of_core(d, f->pos);

		put_diagnostic(j, d, at, f->pos.line ? finding_end(d, at) : at,
			       f->severity, pd_rule_get(f->rule)->name,
			       f->message, enc);
	}
	pd_json_end_array(j);
}

/* Where footnotes are cited ----------------------------------------------- */

typedef enum site_kind {
	SITE_MARKER,
	SITE_XREF,
	SITE_CITE, /* a number of a law's or a treaty's cite list */
	SITE_FOOTNOTE
} site_kind;

/* A marker, a (n X), a number of a cite list, or a footnote's number:
 * its numbers and its bytes in the document. */
typedef struct site {
	site_kind kind;
	const uint32_t *numbers;
	size_t nnumbers;
	uint32_t one;       /* the number of a (n X) or a footnote */
	size_t start, end;  /* in the document */
	size_t key_end;     /* a footnote's: the end of its number */
	/* the text it is in, to find the number under a position */
	pd_text_cursor *cur;
	size_t tstart, tend;
} site;

/* Called for each site; returns true to stop. */
typedef bool (*site_fn)(void *ctx, const site *s);

/* The document offset of byte `k` of a text, through its cursor. */
static size_t doc_offset(const pd_lsp_doc *d, pd_text_cursor *cur, size_t k)
{
	return offset_of_core(d, pd_text_cursor_at(cur, k));
}

/* The sites of one text: markers when `markers`, else (n X). */
static bool text_sites(const pd_lsp_doc *d, pd_arena *scratch,
		       const char *text, size_t len, pd_pos pos,
		       const pd_segment *segs, size_t nsegs, bool markers,
		       site_fn fn, void *ctx)
{
	pd_text_cursor cur;
	site s;
	size_t i;

	pd_text_cursor_init(&cur, text, pos, segs, nsegs);
	memset(&s, 0, sizeof(s));
	s.cur = &cur;
	if (markers) {
		pd_marker *m;
		size_t n;

		if (pd_markers(scratch, text, len, &m, &n) < 0)
			return true;
		s.kind = SITE_MARKER;
		for (i = 0; i < n; i++) {
			if (m[i].malformed || !m[i].nnumbers)
				continue;
			s.numbers = m[i].numbers;
			s.nnumbers = m[i].nnumbers;
			s.tstart = m[i].start;
			s.tend = m[i].end;
			s.start = doc_offset(d, &cur, m[i].start);
			s.end = doc_offset(d, &cur, m[i].end - 1) + 1;
			if (fn(ctx, &s))
				return true;
		}
		return false;
	}
	s.kind = SITE_XREF;
	for (i = 0; i + 4 < len; i++) {
		size_t db, de, j;
		uint32_t x;

		if (text[i] != '(' ||
		    !pd_cite_xref_at(text, len, i, &x, &db, &de, &j))
			continue;
		s.one = x;
		s.numbers = &s.one;
		s.nnumbers = 1;
		s.tstart = i;
		s.tend = j;
		s.start = doc_offset(d, &cur, i);
		s.end = doc_offset(d, &cur, j - 1) + 1;
		if (fn(ctx, &s))
			return true;
	}
	return false;
}

static bool section_sites(const pd_lsp_doc *d, pd_arena *scratch,
			  const pd_section *sec, site_fn fn, void *ctx)
{
	size_t i;

	for (i = 0; i < sec->nparagraphs; i++) {
		const pd_paragraph *par = &sec->paragraphs[i];

		if (text_sites(d, scratch, par->text, par->len, par->pos,
			       par->segs, par->nsegs, true, fn, ctx))
			return true;
	}
	/* sections nest PD_MAX_SECTION_DEPTH deep at most */
	for (i = 0; i < sec->nsections; i++)
		if (section_sites(d, scratch, &sec->sections[i], fn, ctx))
			return true;
	return false;
}

/* The bytes of a footnote's number in the document. */
static void number_range(const pd_lsp_doc *d, const pd_footnote *f,
			 size_t *from, size_t *to)
{
	size_t i = offset_of_core(d, f->number_pos);

	*from = i;
	while (i < d->len && d->text[i] >= '0' && d->text[i] <= '9')
		i++;
	*to = i;
}

/* Whether line `line` is an item of a block sequence of numbers at
 * least `indent` deep: "    - 7", a comment after it or not. */
static bool number_item(const pd_lsp_doc *d, size_t line, size_t indent)
{
	size_t b = line_begin(d, line), e = line_stop(d, line), i = b;

	while (i < e && d->text[i] == ' ')
		i++;
	if (i - b < indent || i >= e || d->text[i++] != '-')
		return false;
	while (i < e && d->text[i] == ' ')
		i++;
	if (i >= e || d->text[i] < '0' || d->text[i] > '9')
		return false;
	while (i < e && d->text[i] >= '0' && d->text[i] <= '9')
		i++;
	while (i < e && d->text[i] == ' ')
		i++;
	return i == e || d->text[i] == '#';
}

/* The numbers of one cite list: "cite: [4, 7]" after `i`, or a block
 * sequence of "- 4" lines below "cite:". */
static bool cite_numbers(const pd_lsp_doc *d, size_t i, size_t line,
			 site_fn fn, void *ctx)
{
	size_t indent = i - 5 - line_begin(d, line);
	bool flow;
	site s;

	memset(&s, 0, sizeof(s));
	s.kind = SITE_CITE;
	s.numbers = &s.one;
	s.nnumbers = 1;
	while (i < d->len && d->text[i] == ' ')
		i++;
	flow = i < d->len && d->text[i] == '[';
	for (;;) {
		size_t e = line_stop(d, line);

		for (; i < e && d->text[i] != ']' && d->text[i] != '#'; i++) {
			uint32_t x = 0;

			if (d->text[i] < '0' || d->text[i] > '9')
				continue;
			for (s.start = i; i < e && d->text[i] >= '0' &&
					  d->text[i] <= '9' && x < 10000000;
			     i++)
				x = x * 10 + (uint32_t)(d->text[i] - '0');
			s.one = x;
			s.end = i;
			if (fn(ctx, &s))
				return true;
			i--;
		}
		if (flow || ++line >= d->nlines || !number_item(d, line, indent))
			return false;
		i = line_begin(d, line);
	}
}

/* The cite lists of the laws and treaties of a profile that reads: its
 * lines under "laws:" and "treaties:" holding "cite:". */
static bool cite_sites(const pd_lsp_doc *d, site_fn fn, void *ctx)
{
	bool in_facts = false;
	size_t line;

	for (line = 0; line < d->nlines; line++) {
		size_t b = line_begin(d, line), e = line_stop(d, line), i;
		char c = b < e ? d->text[b] : ' ';

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			in_facts = (e - b >= 5 && memcmp(d->text + b, "laws:", 5) == 0) ||
				   (e - b >= 9 &&
				    memcmp(d->text + b, "treaties:", 9) == 0);
		if (!in_facts)
			continue;
		for (i = b; i + 5 <= e; i++)
			if (memcmp(d->text + i, "cite:", 5) == 0 &&
			    cite_numbers(d, i + 5, line, fn, ctx))
				return true;
	}
	return false;
}

/* Every site of the profile: paragraphs' markers, the laws' and
 * treaties' cite lists, then each footnote's (n X), then the footnote
 * itself, so that each conversion of a position goes forward from the
 * one before. */
static void each_site(const pd_lsp_doc *d, pd_arena *scratch, site_fn fn,
		      void *ctx)
{
	const pd_profile *p = d->profile;
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nsections; i++)
		if (section_sites(d, scratch, &p->sections[i], fn, ctx))
			return;
	if (cite_sites(d, fn, ctx))
		return;
	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *f = &p->footnotes[i];
		site s;

		memset(&s, 0, sizeof(s));
		s.kind = SITE_FOOTNOTE;
		s.one = f->number;
		s.numbers = &s.one;
		s.nnumbers = 1;
		number_range(d, f, &s.start, &s.key_end);
		if (text_sites(d, scratch, f->text, f->len, f->pos, f->segs,
			       f->nsegs, false, fn, ctx))
			return;
		s.end = s.key_end;
		if (f->len) /* the whole note, for a request in its text */
			s.end = offset_of_core(d, pd_text_at(f->text, f->pos,
							     f->segs, f->nsegs,
							     f->len - 1)) + 1;
		if (s.end < s.start)
			s.end = s.start;
		if (fn(ctx, &s))
			return;
	}
}

/* What a request points at: the innermost site holding its offset (a
 * (n X) inside a footnote wins over the footnote), and the one number
 * under it when it points at the digits of one. */
typedef struct hit {
	const pd_lsp_doc *d;
	size_t at;
	bool found;
	site s;
	uint32_t number; /* 0: all the site's numbers */
} hit;

/* The number whose digits are at document offset `at` in the site's
 * text, when it is one of the site's numbers; else 0. */
static uint32_t number_under(const pd_lsp_doc *d, const site *s, size_t at)
{
	const char *t = s->cur->text;
	size_t k, b, e;
	uint32_t x = 0, i;

	if (!s->cur)
		return 0;
	for (k = s->tstart; k < s->tend; k++)
		if (doc_offset(d, s->cur, k) == at)
			break;
	if (k == s->tend || t[k] < '0' || t[k] > '9')
		return 0;
	for (b = k; b > s->tstart && t[b - 1] >= '0' && t[b - 1] <= '9';)
		b--;
	for (e = b; e < s->tend && t[e] >= '0' && t[e] <= '9' && x < 10000000;)
		x = x * 10 + (uint32_t)(t[e++] - '0');
	for (i = 0; i < s->nnumbers; i++)
		if (s->numbers[i] == x)
			return x;
	return 0;
}

static bool find_hit(void *ctx, const site *s)
{
	hit *h = ctx;

	if (h->at < s->start || h->at >= s->end)
		return false;
	h->found = true;
	h->s = *s;
	if (s->numbers == &s->one) /* the site goes with the call */
		h->s.numbers = &h->s.one;
	h->number = s->nnumbers == 1 ? s->numbers[0] : 0;
	if (!h->number)
		h->number = number_under(h->d, s, h->at);
	/* a (n X) comes before the footnote holding it, and wins */
	return true;
}

/* The site at protocol position `at`, with `scratch` for what it needs;
 * false when there is none. */
static bool site_at(const pd_lsp_doc *d, pd_arena *scratch, pd_lsp_pos at,
		    pd_lsp_encoding enc, hit *h)
{
	memset(h, 0, sizeof(*h));
	h->d = d;
	h->at = offset_of(d, at, enc);
	each_site(d, scratch, find_hit, h);
	return h->found;
}

/* The numbers a hit stands for: the one under it, or all of its site's. */
static const uint32_t *hit_numbers(const hit *h, size_t *n)
{
	if (h->number) {
		*n = 1;
		return &h->number;
	}
	*n = h->s.nnumbers;
	return h->s.numbers;
}

/* Hover ------------------------------------------------------------------- */

static void put_source(pd_buf *b, const pd_source *src)
{
	pd_buf_puts(b, "- ");
	if (src->author && src->title)
		pd_buf_printf(b, "%s, ", src->author);
	pd_buf_puts(b, src->label ? src->label : "");
	if (src->url)
		pd_buf_printf(b, " <%s>", src->url);
	if (src->accessed[0])
		pd_buf_printf(b, " (accessed %04d-%02d-%02d)", src->accessed[0],
			      src->accessed[1], src->accessed[2]);
	if (src->pinpoint)
		pd_buf_printf(b, ", %s", src->pinpoint);
	pd_buf_printf(b, " [footnote %u]\n", src->footnote);
}

/* Footnote n's text, what its ibid and (n X) point at, and the sources
 * they resolve to. */
static void hover_note(pd_buf *b, const pd_lsp_doc *d, uint32_t n)
{
	const pd_footnote *f = pd_profile_footnote(d->profile, n);
	const pd_note_sources *ns = pd_citations_note(&d->cites, n);
	size_t i;

	if (!f) {
		pd_buf_printf(b, "[%u] no footnote %u (a dangling citation)\n",
			      n, n);
		return;
	}
	pd_buf_printf(b, "[%u] ", n);
	pd_buf_put(b, f->text, f->len);
	pd_buf_putc(b, '\n');
	for (i = 0; ns && i < ns->nsources; i++) {
		const pd_source *src = &ns->sources[i];

		if (src->kind == PD_SOURCE_IBID)
			pd_buf_printf(b, "ibid: the sources of the footnote "
					 "before %u\n",
				      n);
		else if (src->kind == PD_SOURCE_XREF)
			pd_buf_printf(b, "(n %u): the sources of footnote "
					 "%u\n",
				      src->ref, src->ref);
	}
	if (ns && ns->nresolved) {
		pd_buf_puts(b, ns->nresolved == 1 ? "Source:\n" : "Sources:\n");
		for (i = 0; i < ns->nresolved; i++)
			put_source(b, ns->resolved[i]);
	} else {
		pd_buf_puts(b, "Source: none resolved\n");
	}
}

int pd_lsp_doc_hover(const pd_lsp_doc *d, pd_lsp_pos at, pd_lsp_encoding enc,
		     pd_json *j)
{
	pd_arena *scratch = pd_arena_new();
	pd_buf b = PD_BUF_INIT;
	const uint32_t *nums;
	size_t i, n;
	int err;
	hit h;

	if (!scratch)
		return pd_error_oom();
	if (!site_at(d, scratch, at, enc, &h)) {
		pd_json_value_null(j);
		pd_arena_free(scratch);
		return 0;
	}
	nums = hit_numbers(&h, &n);
	for (i = 0; i < n && i < PD_MAX_MARKER_RANGE; i++) {
		if (i)
			pd_buf_putc(&b, '\n');
		hover_note(&b, d, nums[i]);
	}
	if (b.len && b.ptr[b.len - 1] == '\n')
		b.len--;
	pd_json_begin_object(j);
	/* plain text: nothing a profile holds becomes markup in the editor */
	pd_json_member_object(j, "contents");
	pd_json_member_cstr(j, "kind", "plaintext");
	pd_json_name(j, "value");
	pd_json_value_string(j, b.ptr ? b.ptr : "", b.len);
	pd_json_end_object(j);
	pd_json_name(j, "range");
	put_range(j, d, h.s.start,
		  h.s.kind == SITE_FOOTNOTE ? h.s.key_end : h.s.end, enc);
	pd_json_end_object(j);
	pd_arena_free(scratch);
	err = pd_buf_ok(&b);
	pd_buf_free(&b);
	return err;
}

/* Definition and references ----------------------------------------------- */

int pd_lsp_doc_definition(const pd_lsp_doc *d, pd_lsp_pos at,
			  pd_lsp_encoding enc, pd_json *j)
{
	pd_arena *scratch = pd_arena_new();
	const uint32_t *nums;
	size_t i, n;
	hit h;

	if (!scratch)
		return pd_error_oom();
	pd_json_begin_array(j);
	if (site_at(d, scratch, at, enc, &h)) {
		nums = hit_numbers(&h, &n);
		for (i = 0; i < n; i++) {
			const pd_footnote *f =
				pd_profile_footnote(d->profile, nums[i]);
			size_t from, to;

			if (!f)
				continue;
			number_range(d, f, &from, &to);
			put_location(j, d, from, to, enc);
		}
	}
	pd_json_end_array(j);
	pd_arena_free(scratch);
	return 0;
}

/* The sites citing one footnote, written as locations. */
typedef struct refs {
	const pd_lsp_doc *d;
	uint32_t number;
	bool with_decl;
	pd_lsp_encoding enc;
	pd_json *j;
} refs;

static bool put_ref(void *ctx, const site *s)
{
	refs *r = ctx;
	size_t i;

	if (s->kind == SITE_FOOTNOTE) {
		if (r->with_decl && s->one == r->number)
			put_location(r->j, r->d, s->start, s->key_end, r->enc);
		return false;
	}
	for (i = 0; i < s->nnumbers; i++)
		if (s->numbers[i] == r->number) {
			put_location(r->j, r->d, s->start, s->end, r->enc);
			break;
		}
	return false;
}

int pd_lsp_doc_references(const pd_lsp_doc *d, pd_lsp_pos at, bool with_decl,
			  pd_lsp_encoding enc, pd_json *j)
{
	pd_arena *scratch = pd_arena_new();
	hit h;

	if (!scratch)
		return pd_error_oom();
	pd_json_begin_array(j);
	/* a marker of several footnotes, not on one's digits: its first */
	if (site_at(d, scratch, at, enc, &h) && h.s.nnumbers) {
		refs r = {d, h.number ? h.number : h.s.numbers[0], with_decl,
			  enc, j};

		each_site(d, scratch, put_ref, &r);
	}
	pd_json_end_array(j);
	pd_arena_free(scratch);
	return 0;
}

/* Completion -------------------------------------------------------------- */

/* The word being typed, which an item replaces whatever the client
 * takes for a word ("in-fo" before "in-force"). */
typedef struct word {
	const pd_lsp_doc *d;
	size_t from, to;
	pd_lsp_encoding enc;
} word;

static void put_item(pd_json *j, const word *w, const char *label,
		     const char *detail, unsigned kind)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "label", label);
	pd_json_member_uint(j, "kind", kind);
	if (detail)
		pd_json_member_cstr(j, "detail", detail);
	pd_json_member_object(j, "textEdit");
	pd_json_name(j, "range");
	put_range(j, w->d, w->from, w->to, w->enc);
	pd_json_member_cstr(j, "newText", label);
	pd_json_end_object(j);
	pd_json_end_object(j);
}

/* The top-level key of the block holding line `line`: the nearest line at
 * or above it that starts with a letter. */
static const char *block_of(const pd_lsp_doc *d, size_t line, size_t *n)
{
	/* a line past the end is the last one's block, not a walk back
	 * from line 4294967295 */
	size_t l = (line < d->nlines ? line : d->nlines - 1) + 1;

	while (l-- > 0) {
		size_t b = line_begin(d, l), e = line_stop(d, l), k;
		char c = b < e ? d->text[b] : ' ';

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			continue;
		for (k = b; k < e && d->text[k] != ':'; k++)
			;
		*n = k - b;
		return d->text + b;
	}
	*n = 0;
	return "";
}

static bool is_word(char c)
{
	return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

static bool ends_with(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n >= k && memcmp(s + n - k, w, k) == 0;
}

/* The vocabulary where the text before the cursor asks for one: in
 * `treaties:`, an id at the start of an entry, a status after its colon
 * or `status:`, a way after `via:`; in `laws:`, a type after `type:` and
 * a status after `status:`. */
void pd_lsp_doc_completion(const pd_lsp_doc *d, pd_lsp_pos at,
			   pd_lsp_encoding enc, pd_json *j)
{
	size_t off = offset_of(d, at, enc), b = line_begin(d, at.line), e, n;
	const char *block = block_of(d, at.line, &n), *s = d->text + b;
	const pd_vocab *vocab = d->config ? &d->config->vocab : NULL;
	bool treaties = n == 8 && memcmp(block, "treaties", 8) == 0;
	bool laws = n == 4 && memcmp(block, "laws", 4) == 0;
	word w = {d, off, off, enc};
	int i;

	/* the word being typed, then what stands before it */
	for (e = off; e > b && is_word(s[e - b - 1]);)
		e--;
	w.from = e;
	while (e > b && s[e - b - 1] == ' ')
		e--;
	n = e - b;
	pd_json_begin_array(j);
	if (treaties && n == 0 && off > b && s[0] == ' ') {
		for (i = 0; i < (int)pd_vocab_count(vocab); i++) {
			const pd_treaty_def *t = pd_vocab_get(vocab, (size_t)i);

			put_item(j, &w, t->id, t->name, 21 /* Constant */);
		}
	} else if (treaties && ends_with(s, n, "via:")) {
		for (i = 1; i < PD_VIA_COUNT; i++)
			put_item(j, &w, pd_treaty_via_name((pd_treaty_via)i),
				 "how the state became a party", 20);
	} else if (treaties && n && s[n - 1] == ':') {
		for (i = 0; i < PD_TREATY_STATUS_COUNT; i++)
			put_item(j, &w,
				 pd_treaty_status_name((pd_treaty_status)i),
				 "treaty status", 20 /* EnumMember */);
	} else if (laws && ends_with(s, n, "type:")) {
		for (i = 0; i < PD_LAW_TYPE_COUNT; i++)
			put_item(j, &w, pd_law_type_name((pd_law_type)i),
				 "law type", 20);
	} else if (laws && ends_with(s, n, "status:")) {
		for (i = 0; i < PD_LAW_STATUS_COUNT; i++)
			put_item(j, &w, pd_law_status_name((pd_law_status)i),
				 "law status", 20);
	}
	pd_json_end_array(j);
}

/* Formatting and code actions --------------------------------------------- */

/* A rewrite of the whole profile, as a command writes it: into `out`.
 * 0, or a negative code recorded. */
typedef int (*rewrite_fn)(pd_buf *out, const pd_lsp_doc *d);

/* The text as `profdiff fmt` writes it (renumbered: `fmt --renumber`),
 * its comments kept. */
static int rewrite_with(pd_buf *out, const pd_lsp_doc *d, bool renumber)
{
	pd_app_fmt_options opts = PD_APP_FMT_OPTIONS_INIT;

	if (!d->profile)
		return pd_error_set(PD_EINVALID, NULL, 0, 0,
				    "the profile does not read: %s",
				    d->read_error.message);
	if (d->path && pd_app_is_page(d->path))
		return pd_error_set(PD_EINVALID, NULL, 0, 0,
				    "fmt rewrites YAML profiles, not pages");
	opts.renumber = renumber;
	opts.vocab = d->config ? &d->config->vocab : NULL;
	return pd_app_fmt_text(out, d->text, d->len, d->path, &opts);
}

static int rewrite_fmt(pd_buf *out, const pd_lsp_doc *d)
{
	return rewrite_with(out, d, false);
}

static int rewrite_renumber(pd_buf *out, const pd_lsp_doc *d)
{
	return rewrite_with(out, d, true);
}

/* The code actions: each a rewrite of the whole profile, offered when it
 * changes the text. A rewrite a command gains (fmt --renumber) is one
 * more row. */
static const struct {
	const char *title;
	const char *kind;
	rewrite_fn rewrite;
} actions[] = {
	{"Rewrite in canonical form (profdiff fmt)", "source.fixAll",
	 rewrite_fmt},
	{"Renumber footnotes in order of first citation "
	 "(profdiff fmt --renumber)", "source", rewrite_renumber},
};

/* The edit putting `len` bytes of `text` in place of the whole document:
 * one TextEdit, or none when the text is the same. */
static void put_edits(pd_json *j, const pd_lsp_doc *d, const char *text,
		      size_t len, pd_lsp_encoding enc)
{
	pd_json_begin_array(j);
	if (len != d->len || memcmp(text, d->text, len) != 0) {
		pd_json_begin_object(j);
		pd_json_name(j, "range");
		put_range(j, d, 0, d->len, enc);
		pd_json_name(j, "newText");
		pd_json_value_string(j, text, len);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
}

int pd_lsp_doc_format(const pd_lsp_doc *d, pd_lsp_encoding enc, pd_json *j)
{
	pd_buf out = PD_BUF_INIT;
	int err = rewrite_fmt(&out, d);

	if (err == 0 && (err = pd_buf_ok(&out)) == 0)
		put_edits(j, d, out.ptr ? out.ptr : "", out.len, enc);
	pd_buf_free(&out);
	return err;
}

int pd_lsp_doc_code_actions(const pd_lsp_doc *d, pd_lsp_encoding enc,
			    pd_json *j)
{
	pd_buf out = PD_BUF_INIT;
	size_t k;
	int err = 0;

	pd_json_begin_array(j);
	for (k = 0; k < sizeof(actions) / sizeof(actions[0]); k++) {
		pd_buf_clear(&out);
		if (actions[k].rewrite(&out, d) < 0)
			continue; /* not offered: the profile does not read */
		if ((err = pd_buf_ok(&out)) < 0)
			break;
		if (out.len == d->len && memcmp(out.ptr, d->text, d->len) == 0)
			continue;
		pd_json_begin_object(j);
		pd_json_member_cstr(j, "title", actions[k].title);
		pd_json_member_cstr(j, "kind", actions[k].kind);
		pd_json_member_object(j, "edit");
		pd_json_member_object(j, "changes");
		pd_json_key(j, d->uri);
		put_edits(j, d, out.ptr, out.len, enc);
		pd_json_end_object(j);
		pd_json_end_object(j);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	pd_buf_free(&out);
	return err;
}
