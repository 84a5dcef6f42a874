/*
 * render.c: format names, and the dispatch of each document (lint, diff,
 * review, overview, blame, changelog) to its format's renderer: one look
 * at the table of renderers, each format's file exporting its own
 * (render_internal.h). A format without a kind of document has NULL for
 * it, and the caller gets PD_EUSAGE. What the formats share is here too:
 * the lint stream's tally, a changelog's entries sealed ahead and its
 * flushes to a sink, and escaping for XML, HTML and terminals.
 *
 * The formats a terminal shows (text, gcc, github) are made inert here,
 * once, after their renderer: whatever of a profile reached the output, a
 * control character in it is shown, not obeyed (pd_render_term_escape).
 * The text renderer's own colours are the one thing kept: the exact
 * sequences it writes (a profile holding one of these only recolours).
 */
#include <string.h>

#include "profdiff/render.h"
#include "profdiff/text.h"
#include "plain_run.h"
#include "render_internal.h"
#include "simd.h"

static const char *const names[PD_FORMAT_COUNT] = {
	"text", "gcc", "json", "sarif", "github", "markdown", "html", "atom",
	"csv", "page"};

static const pd_renderer *const renderers[PD_FORMAT_COUNT] = {
	[PD_FORMAT_TEXT] = &pd_render_text,
	[PD_FORMAT_GCC] = &pd_render_gcc,
	[PD_FORMAT_JSON] = &pd_render_json,
	[PD_FORMAT_SARIF] = &pd_render_sarif,
	[PD_FORMAT_GITHUB] = &pd_render_github,
	[PD_FORMAT_MARKDOWN] = &pd_render_markdown,
	[PD_FORMAT_HTML] = &pd_render_html,
	[PD_FORMAT_ATOM] = &pd_render_atom,
	[PD_FORMAT_CSV] = &pd_render_csv,
	[PD_FORMAT_PAGE] = &pd_render_page,
};

int pd_format_lookup(const char *name)
{
	int i;

	for (i = 0; i < PD_FORMAT_COUNT; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *pd_format_name(pd_format f)
{
	return (unsigned)f < PD_FORMAT_COUNT ? names[f] : "text";
}

/* The renderer of `fmt`, or an empty one for a format that is none. */
static const pd_renderer *renderer(pd_format fmt)
{
	static const pd_renderer none;

	return (unsigned)fmt < PD_FORMAT_COUNT ? renderers[fmt] : &none;
}

static int no_format(const char *kind, pd_format fmt)
{
	return pd_error_set(PD_EUSAGE, NULL, 0, 0, "%s has no '%s' format",
			    kind, pd_format_name(fmt));
}

/* The colour sequences the text renderer writes (render_text.c). */
static const char *const colors[] = {"\033[0m",  "\033[1m",    "\033[2m",
				     "\033[31m", "\033[32m",   "\033[33m",
				     "\033[36m", "\033[1;31m"};

static size_t color_at(const char *s, size_t len)
{
	size_t k, n;

	for (k = 0; k < sizeof(colors) / sizeof(colors[0]); k++) {
		n = strlen(colors[k]);
		if (n <= len && memcmp(s, colors[k], n) == 0)
			return n;
	}
	return 0;
}

/* Makes what a renderer of `fmt` appended after `mark` inert on a
 * terminal; the text renderer's colours stay when `color`. */
static void inert(pd_buf *out, size_t mark, pd_format fmt, bool color)
{
	pd_buf tail = PD_BUF_INIT;
	size_t i, start, n;

	if ((fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_GCC &&
	     fmt != PD_FORMAT_GITHUB) ||
	    out->failed || out->len <= mark)
		return;
	for (i = mark; i < out->len; i++) {
		unsigned char c = (unsigned char)out->ptr[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c >= 0x7F)
			break;
	}
	if (i == out->len)
		return; /* the usual case: plain ASCII, nothing to do */
	pd_buf_put(&tail, out->ptr + mark, out->len - mark);
	if (pd_buf_ok(&tail) < 0) {
		pd_buf_free(&tail);
		out->len = mark;
		out->failed = true;
		return;
	}
	out->len = mark;
	for (i = start = 0; i < tail.len;) {
		if (color && tail.ptr[i] == '\033' &&
		    (n = color_at(tail.ptr + i, tail.len - i))) {
			pd_render_term_escape(out, tail.ptr + start, i - start);
			pd_buf_put(out, tail.ptr + i, n);
			start = i += n;
		} else {
			i++;
		}
	}
	pd_render_term_escape(out, tail.ptr + start, tail.len - start);
	pd_buf_free(&tail);
}

static const pd_render_options *options(const pd_render_options *opts)
{
	static const pd_render_options defaults = PD_RENDER_OPTIONS_INIT;

	return opts ? opts : &defaults;
}

int pd_render_lint(pd_buf *out, pd_format fmt, const pd_lint_report *files,
		   size_t n, const pd_render_options *opts)
{
	pd_lint_tally t = PD_LINT_TALLY_INIT;
	const char *sep = pd_render_lint_separator(fmt);
	bool any = false;
	size_t i;
	int err;

	if ((err = pd_render_lint_begin(out, fmt)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		size_t mark = out->len;

		if (any)
			pd_buf_puts(out, sep);
		if ((err = pd_render_lint_file(out, fmt, &files[i], opts)) < 0)
			return err;
		if (out->len == mark + (any ? strlen(sep) : 0))
			out->len = mark; /* nothing for this file */
		else
			any = true;
		pd_lint_tally_add(&t, files[i].result);
	}
	return pd_render_lint_end(out, fmt, &t);
}

const char *pd_render_lint_separator(pd_format fmt)
{
	const char *sep = renderer(fmt)->lint_separator;

	return sep ? sep : "";
}

void pd_lint_tally_add(pd_lint_tally *t, const pd_lint_result *r)
{
	size_t k;

	t->files++;
	if (r->nfindings)
		t->files_with_findings++;
	for (k = 0; k <= PD_SEV_ERROR; k++)
		t->count[k] += r->count[k];
}

int pd_render_lint_begin(pd_buf *out, pd_format fmt)
{
	const pd_renderer *f = renderer(fmt);

	if (!f->lint_file)
		return no_format("lint", fmt);
	if (f->lint_begin)
		f->lint_begin(out);
	return pd_buf_ok(out);
}

int pd_render_lint_file(pd_buf *out, pd_format fmt,
			const pd_lint_report *file,
			const pd_render_options *opts)
{
	const pd_renderer *f = renderer(fmt);
	size_t mark = out->len;

	if (!f->lint_file)
		return no_format("lint", fmt);
	f->lint_file(out, file, options(opts));
	inert(out, mark, fmt, options(opts)->color);
	return pd_buf_ok(out);
}

int pd_render_lint_end(pd_buf *out, pd_format fmt, const pd_lint_tally *t)
{
	const pd_renderer *f = renderer(fmt);

	if (!f->lint_file)
		return no_format("lint", fmt);
	if (f->lint_end)
		f->lint_end(out, t);
	return pd_buf_ok(out);
}

int pd_render_diff(pd_buf *out, pd_format fmt, const pd_diff_report *r,
		   const pd_render_options *opts)
{
	const pd_renderer *f = renderer(fmt);
	size_t mark = out->len;

	if (!f->diff)
		return no_format("diff", fmt);
	f->diff(out, r, options(opts));
	inert(out, mark, fmt, options(opts)->color);
	return pd_buf_ok(out);
}

int pd_render_review(pd_buf *out, pd_format fmt, const pd_review *r,
		     const pd_render_options *opts)
{
	const pd_renderer *f = renderer(fmt);
	size_t mark = out->len;

	if (!f->review)
		return no_format("review", fmt);
	f->review(out, r, options(opts));
	inert(out, mark, fmt, options(opts)->color);
	return pd_buf_ok(out);
}

int pd_render_profile(pd_buf *out, pd_format fmt, const pd_profile_report *r,
		      const pd_render_options *opts)
{
	const pd_renderer *f = renderer(fmt);
	pd_render_options def = PD_RENDER_OPTIONS_INIT;

	if (!f->profile)
		return no_format("render", fmt);
	f->profile(out, r, opts ? opts : &def);
	return pd_buf_ok(out);
}

int pd_render_overview(pd_buf *out, pd_format fmt, const pd_overview *o)
{
	const pd_renderer *f = renderer(fmt);
	size_t mark = out->len;

	if (!f->overview)
		return no_format("overview", fmt);
	f->overview(out, o);
	inert(out, mark, fmt, false);
	return pd_buf_ok(out);
}

int pd_render_blame_part(pd_buf *out, pd_format fmt,
			 const pd_blame_report *r, size_t i, size_t n,
			 const pd_render_options *opts)
{
	const pd_renderer *f = renderer(fmt);
	size_t mark = out->len;

	if (!f->blame)
		return no_format("blame", fmt);
	f->blame(out, n ? r : NULL, i, n, options(opts));
	inert(out, mark, fmt, options(opts)->color);
	return pd_buf_ok(out);
}

int pd_render_blame(pd_buf *out, pd_format fmt, const pd_blame_report *r,
		    size_t n, const pd_render_options *opts)
{
	size_t i;
	int err = 0;

	if (!n) /* nothing to blame: an empty list, page or text */
		return pd_render_blame_part(out, fmt, NULL, 0, 0, opts);
	for (i = 0; i < n && !err; i++)
		err = pd_render_blame_part(out, fmt, &r[i], i, n, opts);
	return err;
}

bool pd_changelog_entry_substantive(const pd_changelog_entry *e)
{
	return pd_walk_entry_first(e) || pd_walk_entry_substantive(e) > 0;
}

int pd_changelog_entry_seal(pd_changelog_entry *e, pd_format fmt,
			    pd_arena *arena, const pd_body_store *store)
{
	pd_sealed_entry *s = pd_arena_alloc(arena, sizeof(*s));
	pd_buf b = PD_BUF_INIT;
	int err = 0;

	if (!s)
		return PD_ENOMEM;
	memset(s, 0, sizeof(*s));
	s->format = (int)fmt;
	s->first = pd_walk_entry_first(e);
	s->nchanges = pd_walk_entry_changes(e);
	s->substantive = pd_walk_entry_substantive(e);
	s->editorial = pd_walk_entry_editorial(e);
	memcpy(s->bucket, pd_walk_entry_buckets(e), sizeof(s->bucket));
	s->laws = pd_walk_entry_laws(e);
	s->treaties = pd_walk_entry_treaties(e);
	pd_walk_entry_summary(&b, e);
	s->summary = pd_arena_strndup(arena, b.ptr ? b.ptr : "", b.len);
	pd_buf_clear(&b);
	/* the body as the changelog shows it: none for an entry left out */
	if (renderer(fmt)->changelog_body)
		renderer(fmt)->changelog_body(&b, e);
	if (pd_buf_ok(&b) < 0 || !s->summary) {
		err = PD_ENOMEM;
	} else if (store && b.len &&
		   store->put(store->ctx, b.ptr, b.len, &s->body_at) == 0) {
		s->store = store; /* the body is there */
	} else if (!(s->body = pd_arena_strndup(arena, b.ptr ? b.ptr : "",
						b.len))) {
		err = PD_ENOMEM;
	}
	s->body_len = b.len;
	pd_buf_free(&b);
	if (!err)
		e->sealed = s;
	return err;
}

void pd_render_flush(pd_buf *out, pd_render_flow *flow, bool all)
{
	if (!flow || (!all && out->len < 65536) || pd_buf_ok(out) < 0)
		return;
	if (!flow->err && out->len)
		flow->err = flow->to->write(flow->to->ctx, out->ptr, out->len);
	pd_buf_clear(out);
}

static int changelog(pd_buf *out, pd_format fmt, const pd_changelog *cl,
		     pd_render_flow *flow)
{
	const pd_renderer *f = renderer(fmt);

	if (!f->changelog)
		return no_format("changelog", fmt);
	f->changelog(out, cl, flow);
	return pd_buf_ok(out);
}

int pd_render_changelog(pd_buf *out, pd_format fmt, const pd_changelog *cl)
{
	return changelog(out, fmt, cl, NULL);
}

int pd_render_changelog_to(const pd_render_sink *to, pd_format fmt,
			   const pd_changelog *cl)
{
	pd_render_flow flow = {to, 0};
	pd_buf out = PD_BUF_INIT;
	int err = changelog(&out, fmt, cl, &flow);

	if (err == 0)
		pd_render_flush(&out, &flow, true);
	pd_buf_free(&out);
	return err < 0 ? err : flow.err;
}

/* Shared escaping -------------------------------------------------------- */

/* XML escaping goes a run at a time: the bytes up to the next one that
 * may not stay as it is are appended at once, and only that byte is
 * looked at on its own. Most of a profile is plain ASCII prose, with a
 * mark of punctuation or a character beyond ASCII every hundred bytes or
 * more, so nearly every byte is only scanned. */

/* The bytes a run stops at: the five XML writes as entities, the control
 * characters (tab and newline among them, which stay but are rare) and
 * every byte from 0x80, whose character is then checked. */
static const unsigned char xml_stop[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x00 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x10 */
	0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x20: " & ' */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, /* 0x30: < > */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x40 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x50 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x60 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x70 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x80 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

#ifdef PD_SSE2
/* A bit for each of the sixteen bytes at p that xml_stop marks: below
 * 0x20 as a signed byte (the controls, and every byte from 0x80), '"',
 * '&' or the apostrophe (0x26, 0x27: one compare, the low bit set), and
 * '<' or '>' (0x3C, 0x3E: one compare, the second bit set). */
static unsigned xml_stops(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i amp = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(1)),
				     _mm_set1_epi8('\''));
	__m128i angle = _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)),
				       _mm_set1_epi8('>'));
	__m128i stop = _mm_or_si128(
		_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
		_mm_or_si128(amp, angle));

	return (unsigned)_mm_movemask_epi8(stop);
}
#endif

static inline bool xml_stop_byte(unsigned char c)
{
	return xml_stop[c];
}

/* The first i' >= i with s[i'] a byte xml_stop marks, or len. */
static inline size_t xml_plain_run(const char *s, size_t i, size_t len)
{
	return pd_plain_run(s, i, len, PD_STOPS16(xml_stops), xml_stop_byte);
}

void pd_xml_escape(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, n;

	while ((i = xml_plain_run(s, i, len)) < len) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;
		int32_t cp;

		n = 1;
		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\n':
		case '\t':
			i++; /* stays: part of the run */
			continue;
		default:
			/* the rest of C0 is not allowed in XML 1.0 */
			rep = "\xEF\xBF\xBD";
			if (c < 0x80)
				break;
			n = pd_utf8_decode(s + i, len - i, &cp);
			/* invalid UTF-8 and the noncharacters XML 1.0
			 * forbids, and the bidirectional controls, which
			 * would reorder what the reader sees of the text
			 * after them; any other character stays */
			if (!((cp == 0xFFFD && n == 1) || cp == 0xFFFE ||
			      cp == 0xFFFF || (cp >= 0x202A && cp <= 0x202E) ||
			      (cp >= 0x2066 && cp <= 0x2069))) {
				i += n;
				continue;
			}
			break;
		}
		pd_buf_put(out, s + start, i - start);
		pd_buf_puts(out, rep);
		start = i += n;
	}
	if (len > start)
		pd_buf_put(out, s + start, len - start);
}

void pd_render_term_escape(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, n, k;
	int32_t cp;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			if (c >= 0x20 ? c != 0x7F : c == '\n' || c == '\t') {
				i++;
				continue;
			}
			n = 1;
		} else {
			n = pd_utf8_decode(s + i, len - i, &cp);
			/* a bidirectional control reorders what follows it
			 * on the screen: shown, as the C1 controls are */
			if (!(cp == 0xFFFD && n == 1) && cp > 0x9F &&
			    !(cp >= 0x202A && cp <= 0x202E) &&
			    !(cp >= 0x2066 && cp <= 0x2069)) {
				i += n;
				continue;
			}
		}
		pd_buf_put(out, s + start, i - start);
		for (k = 0; k < n; k++)
			pd_buf_printf(out, "\\%03o", (unsigned char)s[i + k]);
		start = i += n;
	}
	pd_buf_put(out, s + start, i - start);
}
