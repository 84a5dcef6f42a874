/*
 * render.c: format names, and the dispatch of each output (lint, diff,
 * changelog, review) to the renderer of its format. Renderers never call
 * back here: what they share is in render_walk.c, render_diff_common.c
 * and render_escape.c.
 */
#include <string.h>

#include "profdiff/render.h"
#include "render_internal.h"

static const char *const names[PD_FORMAT_COUNT] = {
	"text", "gcc", "json", "sarif", "github", "markdown", "html", "atom",
	"csv"};

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

static bool lint_format(pd_format fmt)
{
	return fmt == PD_FORMAT_TEXT || fmt == PD_FORMAT_GCC ||
	       fmt == PD_FORMAT_GITHUB || fmt == PD_FORMAT_JSON ||
	       fmt == PD_FORMAT_SARIF;
}

static int no_lint_format(pd_format fmt)
{
	return pd_error_set(PD_EUSAGE, NULL, 0, 0, "lint has no '%s' format",
			    pd_format_name(fmt));
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
	return fmt == PD_FORMAT_JSON || fmt == PD_FORMAT_SARIF ? "," : "";
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
	if (!lint_format(fmt))
		return no_lint_format(fmt);
	if (fmt == PD_FORMAT_JSON)
		render_lint_json_begin(out);
	else if (fmt == PD_FORMAT_SARIF)
		render_lint_sarif_begin(out);
	return pd_buf_ok(out);
}

int pd_render_lint_file(pd_buf *out, pd_format fmt,
			const pd_lint_report *file,
			const pd_render_options *opts)
{
	static const pd_render_options defaults = PD_RENDER_OPTIONS_INIT;

	if (!opts)
		opts = &defaults;
	switch (fmt) {
	case PD_FORMAT_TEXT:
		render_lint_text_file(out, file, opts);
		break;
	case PD_FORMAT_GCC:
		render_lint_gcc_file(out, file);
		break;
	case PD_FORMAT_GITHUB:
		render_lint_github_file(out, file);
		break;
	case PD_FORMAT_JSON:
		render_lint_json_file(out, file);
		break;
	case PD_FORMAT_SARIF:
		render_lint_sarif_file(out, file);
		break;
	default:
		return no_lint_format(fmt);
	}
	return pd_buf_ok(out);
}

int pd_render_lint_end(pd_buf *out, pd_format fmt, const pd_lint_tally *t)
{
	switch (fmt) {
	case PD_FORMAT_TEXT:
		render_lint_text_end(out, t);
		break;
	case PD_FORMAT_JSON:
		render_lint_json_end(out, t);
		break;
	case PD_FORMAT_SARIF:
		render_lint_sarif_end(out, t);
		break;
	case PD_FORMAT_GCC:
	case PD_FORMAT_GITHUB:
		break;
	default:
		return no_lint_format(fmt);
	}
	return pd_buf_ok(out);
}

int pd_render_diff(pd_buf *out, pd_format fmt, const pd_diff_report *r,
		   const pd_render_options *opts)
{
	static const pd_render_options defaults = PD_RENDER_OPTIONS_INIT;

	if (!opts)
		opts = &defaults;
	switch (fmt) {
	case PD_FORMAT_TEXT:
		render_diff_text(out, r, opts);
		break;
	case PD_FORMAT_JSON:
		render_diff_json(out, r);
		break;
	case PD_FORMAT_MARKDOWN:
		render_diff_markdown(out, r);
		break;
	case PD_FORMAT_HTML:
		render_diff_html(out, r);
		break;
	default:
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "diff has no '%s' format",
				    pd_format_name(fmt));
	}
	return pd_buf_ok(out);
}

int pd_render_review(pd_buf *out, pd_format fmt, const pd_review *r,
		     const pd_render_options *opts)
{
	static const pd_render_options defaults = PD_RENDER_OPTIONS_INIT;

	switch (fmt) {
	case PD_FORMAT_TEXT:
		render_review_text(out, r, opts ? opts : &defaults);
		break;
	case PD_FORMAT_JSON:
		render_review_json(out, r);
		break;
	case PD_FORMAT_MARKDOWN:
		render_review_markdown(out, r);
		break;
	case PD_FORMAT_HTML:
		render_review_html(out, r);
		break;
	case PD_FORMAT_SARIF:
		render_review_sarif(out, r);
		break;
	default:
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "review has no '%s' format",
				    pd_format_name(fmt));
	}
	return pd_buf_ok(out);
}

int pd_render_overview(pd_buf *out, pd_format fmt, const pd_overview *o)
{
	switch (fmt) {
	case PD_FORMAT_MARKDOWN:
		render_overview_markdown(out, o);
		break;
	case PD_FORMAT_HTML:
		render_overview_html(out, o);
		break;
	case PD_FORMAT_CSV:
		render_overview_csv(out, o);
		break;
	case PD_FORMAT_JSON:
		render_overview_json(out, o);
		break;
	default:
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "overview has no '%s' format",
				    pd_format_name(fmt));
	}
	return pd_buf_ok(out);
}

int pd_render_blame_part(pd_buf *out, pd_format fmt,
			 const pd_blame_report *r, size_t i, size_t n,
			 const pd_render_options *opts)
{
	static const pd_render_options defaults = PD_RENDER_OPTIONS_INIT;

	switch (fmt) {
	case PD_FORMAT_TEXT:
		render_blame_text(out, r, i, n, opts ? opts : &defaults);
		break;
	case PD_FORMAT_JSON:
		render_blame_json(out, r, i, n);
		break;
	case PD_FORMAT_HTML:
		render_blame_html(out, r, i, n);
		break;
	default:
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "blame has no '%s' format",
				    pd_format_name(fmt));
	}
	return pd_buf_ok(out);
}

int pd_render_blame(pd_buf *out, pd_format fmt, const pd_blame_report *r,
		    size_t n, const pd_render_options *opts)
{
	size_t i;
	int err = 0;

	if (!n) { /* nothing to blame: an empty list, page or text */
		if (fmt == PD_FORMAT_JSON)
			pd_buf_puts(out, "[]\n");
		else if (fmt == PD_FORMAT_HTML)
			render_html_empty_blame(out);
		else if (fmt != PD_FORMAT_TEXT)
			return pd_render_blame_part(out, fmt, NULL, 0, 0, opts);
		return pd_buf_ok(out);
	}
	for (i = 0; i < n && !err; i++)
		err = pd_render_blame_part(out, fmt, &r[i], i, n, opts);
	return err;
}

static void body_of(pd_buf *out, pd_format fmt, const pd_changelog_entry *e)
{
	switch (fmt) {
	case PD_FORMAT_MARKDOWN:
		changelog_body_markdown(out, e);
		break;
	case PD_FORMAT_JSON:
		changelog_body_json(out, e);
		break;
	case PD_FORMAT_HTML:
		changelog_body_html(out, e);
		break;
	case PD_FORMAT_ATOM:
		changelog_body_atom(out, e);
		break;
	default:
		break;
	}
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
	s->first = entry_first(e);
	s->nchanges = entry_changes(e);
	s->substantive = entry_substantive(e);
	s->editorial = entry_editorial(e);
	s->laws = entry_laws(e);
	s->treaties = entry_treaties(e);
	entry_summary(&b, e);
	s->summary = pd_arena_strndup(arena, b.ptr ? b.ptr : "", b.len);
	pd_buf_clear(&b);
	/* the body only where the changelog shows the entry */
	if (fmt == PD_FORMAT_JSON || pd_changelog_entry_substantive(e))
		body_of(&b, fmt, e);
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

static int changelog(pd_buf *out, pd_format fmt, const pd_changelog *cl,
		     render_sink *sink)
{
	switch (fmt) {
	case PD_FORMAT_MARKDOWN:
		render_changelog_markdown(out, cl, sink);
		break;
	case PD_FORMAT_JSON:
		render_changelog_json(out, cl, sink);
		break;
	case PD_FORMAT_HTML:
		render_changelog_html(out, cl, sink);
		break;
	case PD_FORMAT_ATOM:
		render_changelog_atom(out, cl, sink);
		break;
	default:
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "changelog has no '%s' format",
				    pd_format_name(fmt));
	}
	return pd_buf_ok(out);
}

int pd_render_changelog(pd_buf *out, pd_format fmt, const pd_changelog *cl)
{
	return changelog(out, fmt, cl, NULL);
}

int pd_render_changelog_to(const pd_render_sink *to, pd_format fmt,
			   const pd_changelog *cl)
{
	render_sink sink = {to, 0};
	pd_buf out = PD_BUF_INIT;
	int err = changelog(&out, fmt, cl, &sink);

	if (err == 0)
		render_flush(&out, &sink, true);
	pd_buf_free(&out);
	return err < 0 ? err : sink.err;
}
