/*
 * render_internal.h: what the renderers of src/render/ share.
 *
 * Each output format is one renderer, in a file of its own
 * (render_<format>.c; HTML's pages other than a diff's in
 * render_html_<page>.c), with a function for each kind of document the
 * format has: the renderer's table, pd_render_<format>, which the file
 * exports. render.c looks a format's table up and calls it; renderers
 * call back into render.c only for what the formats share
 * (pd_render_flush). What else they share is named after the file it is
 * in: pd_walk_ (render_walk.c: the walks over a diff's changes and a
 * changelog's entries), pd_describe_ (render_describe.c: things said in
 * words), pd_html_ (render_html*.c: the HTML pages), pd_gcc_
 * (render_gcc.c: a finding on a line).
 *
 * None of these fails but by running out of memory, which the pd_buf
 * written to records (buf.h); what they take is borrowed.
 */
#ifndef PROFDIFF_RENDER_INTERNAL_H
#define PROFDIFF_RENDER_INTERNAL_H

#include "profdiff/diff.h"
#include "profdiff/blame.h"
#include "profdiff/overview.h"
#include "profdiff/render.h"
#include "profdiff/review.h"
#include "json.h"

/* The formats (render.c) ------------------------------------------------- */

/* Where a changelog goes as it is rendered: the sink of
 * pd_render_changelog_to, or none. */
typedef struct pd_render_flow {
	const pd_render_sink *to;
	int err; /* the sink's first error */
} pd_render_flow;

/* Between entries a changelog renderer calls pd_render_flush(), which
 * hands what is waiting in `out` to the sink once there is 64 KiB of it
 * (all of it when `all`), and empties `out`; with no flow (NULL)
 * everything stays in the buffer. After the sink fails, what is rendered
 * is dropped and the flow keeps the sink's error. */
void pd_render_flush(pd_buf *out, pd_render_flow *flow, bool all);

/* A bidirectional embedding, override or isolate at s[0] (U+202A to
 * U+202E, U+2066 to U+2069), which reorders what a reader sees of the
 * text after it ("Trojan Source"). */
static inline bool pd_render_bidi(const unsigned char *s)
{
	return s[0] == 0xE2 && ((s[1] == 0x80 && s[2] >= 0xAA && s[2] <= 0xAE) ||
				(s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9));
}

/* The control character at s[0] (a C0 one but tab and the line ends, DEL,
 * a C1 one, a bidirectional control): its bytes, 0 when there is none. The text formats write it as
 * its octal escape ("\\033"), as pd_render_term_escape does: shown,
 * never obeyed by a terminal that prints the file. */
static inline size_t pd_render_control(const char *s)
{
	unsigned char c = (unsigned char)s[0];

	if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
		return 1;
	if (c == 0xC2 && (unsigned char)s[1] >= 0x80 &&
	    (unsigned char)s[1] <= 0x9F)
		return 2;
	if (c == 0xE2 && pd_render_bidi((const unsigned char *)s))
		return 3;
	return 0;
}

/* One output format: a function for each kind of document it writes,
 * NULL for a kind it has not (the caller of render.h gets PD_EUSAGE). A
 * function appends to `out`; `opts` is never NULL. */
typedef struct pd_renderer {
	/* lint, a file at a time: the start (NULL: none), one file's
	 * findings (nothing, in some formats, for a file without them), the
	 * end (NULL: none); lint_separator goes between two files' output
	 * that is not empty */
	void (*lint_begin)(pd_buf *out);
	void (*lint_file)(pd_buf *out, const pd_lint_report *file,
			  const pd_render_options *opts);
	void (*lint_end)(pd_buf *out, const pd_lint_tally *t);
	const char *lint_separator;
	void (*diff)(pd_buf *out, const pd_diff_report *r,
		     const pd_render_options *opts);
	void (*review)(pd_buf *out, const pd_review *r,
		       const pd_render_options *opts);
	void (*overview)(pd_buf *out, const pd_overview *o);
	/* report i of n, the head of the output with the first and its end
	 * with the last; n = 0 (r NULL): the output for no profile */
	void (*blame)(pd_buf *out, const pd_blame_report *r, size_t i,
		      size_t n, const pd_render_options *opts);
	/* the changelog, pd_render_flush() called between entries */
	void (*changelog)(pd_buf *out, const pd_changelog *cl,
			  pd_render_flow *flow);
	/* what the changelog shows of an entry's diff, which
	 * pd_changelog_entry_seal renders ahead: nothing for an entry the
	 * changelog leaves out */
	void (*changelog_body)(pd_buf *out, const pd_changelog_entry *e);
	/* a profile as a document (render) */
	void (*profile)(pd_buf *out, const pd_profile_report *r,
			const pd_render_options *opts);
} pd_renderer;

/* The renderers, each exported by its format's file. */
extern const pd_renderer pd_render_text;     /* render_text.c */
extern const pd_renderer pd_render_gcc;      /* render_gcc.c */
extern const pd_renderer pd_render_json;     /* render_json.c */
extern const pd_renderer pd_render_sarif;    /* render_sarif.c */
extern const pd_renderer pd_render_github;   /* render_github.c */
extern const pd_renderer pd_render_markdown; /* render_markdown.c */
extern const pd_renderer pd_render_html;     /* render_html.c */
extern const pd_renderer pd_render_atom;     /* render_atom.c */
extern const pd_renderer pd_render_csv;      /* render_csv.c */
extern const pd_renderer pd_render_page;     /* render_page.c */

/* The walks (render_walk.c) ---------------------------------------------- */

/* The groups a diff's changes are shown in, in order. */
typedef enum pd_walk_group {
	PD_GROUP_PROFILE,
	PD_GROUP_LAWS,
	PD_GROUP_TREATIES,
	PD_GROUP_CLAIMS,
	PD_GROUP_SOURCES,
	PD_GROUP_COUNT
} pd_walk_group;

/* Each group's heading ("Profile", "Laws", ...), and the group of a
 * change. */
extern const char *const pd_walk_group_titles[PD_GROUP_COUNT];
pd_walk_group pd_walk_group_of(const pd_change *c);

/* What a diff format does at each step of pd_walk_diff(); ctx is its
 * own. `nested` is true for the claims' lists. */
typedef struct pd_walk {
	void (*group)(pd_buf *out, pd_walk_group g, void *ctx);
	void (*list)(pd_buf *out, bool nested, const char *title, void *ctx);
	void (*change)(pd_buf *out, const pd_change *c, bool nested,
		       void *ctx);
	void (*list_end)(pd_buf *out, void *ctx);
} pd_walk;

/* The walk every diff format shares: each group with changes, in order,
 * gets its heading, then its changes as one list; the claims group gets
 * one list a section (titled, "(no section)" when none), sections in
 * order of first appearance. Out of memory, `out` is marked failed. */
void pd_walk_diff(pd_buf *out, const pd_diff *d, const pd_walk *w,
		  void *ctx);

/* A changelog entry's figures, from its diff or from what
 * pd_changelog_entry_seal kept of it: whether it is the first published
 * revision, its changes, substantive and editorial ones, its changes to
 * laws and to treaties; its summary in words ("2 laws, 1 treaty"), none
 * for a first revision. */
bool pd_walk_entry_first(const pd_changelog_entry *e);
size_t pd_walk_entry_changes(const pd_changelog_entry *e);
size_t pd_walk_entry_substantive(const pd_changelog_entry *e);
size_t pd_walk_entry_editorial(const pd_changelog_entry *e);
/* The entry's buckets (pd_bucket): all 0 for a first revision. */
const size_t *pd_walk_entry_buckets(const pd_changelog_entry *e);
size_t pd_walk_entry_laws(const pd_changelog_entry *e);
size_t pd_walk_entry_treaties(const pd_changelog_entry *e);
void pd_walk_entry_summary(pd_buf *out, const pd_changelog_entry *e);

/* A changelog entry's edit summary as one line of plain text, for a
 * format to escape as it escapes any text: its messages joined by "; ",
 * each control character shown, not kept (pd_render_term_escape). */
void pd_walk_entry_messages(pd_buf *out, const pd_changelog_entry *e);

/* A format's renderer of an entry's body (pd_renderer.changelog_body). */
typedef void (*pd_walk_body_fn)(pd_buf *out, const pd_changelog_entry *e);

/* Appends an entry's body: the one sealed ahead when the entry was sealed
 * in `fmt` (from the body store when it is there: a store that fails to
 * give it marks `out` failed), else what `render`, the format's own body
 * renderer, makes of its diff. */
void pd_walk_entry_body(pd_buf *out, const pd_changelog_entry *e,
			pd_format fmt, pd_walk_body_fn render);

/* In words (render_describe.c) ------------------------------------------- */

/* A change's sign: '+' added, '-' removed, '~' any other. */
char pd_describe_sign(const pd_change *c);
/* What a reader calls a kind of change: "Reworded", "Law added". */
const char *pd_describe_kind(pd_change_kind k);
/* A law: "Law on Cybercrime (2015): law, in force", with the date of its
 * status and what replaced it where known. */
void pd_describe_law(pd_buf *out, const pd_law *l);
/* law.changed: its status in words when that changed ("adopted (April
 * 2026); was a draft"), then its other fields ("year 2025 -> 2026"),
 * `arrow` between before and after. */
void pd_describe_law_change(pd_buf *out, const pd_change *c,
			    const char *arrow);
/* "1954 Convention relating to the Status of Stateless Persons: acceded
 * (March 2026); was not a party" */
void pd_describe_treaty_change(pd_buf *out, const pd_change *c);
/* A date: "2026", "March 2026", "3 March 2026". */
void pd_describe_date(pd_buf *out, pd_date d);
/* Where a claim moved from: "from Law > Data Protection", or within its
 * section "from paragraph 2 to paragraph 4". */
void pd_describe_move(pd_buf *out, const pd_change *c);
/* A split's or a merge's claims: "A. / B." */
void pd_describe_parts(pd_buf *out, const pd_change *c);
/* A change's fields: "status draft -> in-force; year 2025 -> 2026". */
void pd_describe_fields(pd_buf *out, const pd_change *c, const char *arrow);
/* Reviews: the whole ("3 profiles, 12 changes (9 substantive);
 * introduced: 1 error; fixed: nothing"), an entry's sides ("modified,
 * 20 January 2026 to 1 March 2026") and an entry's figures. */
void pd_describe_review(pd_buf *out, const pd_review *r);
/* What a changelog counts without listing, between `pre` and `post`:
 * "3 changes not listed: 1 reworded, 1 editorial, 1 moved" (the date is
 * the entry's own); nothing when there is none. */
void pd_describe_unlisted(pd_buf *out, const size_t b[PD_BUCKET_COUNT],
			  const char *pre, const char *post);
void pd_describe_review_sides(pd_buf *out, const pd_review_entry *e);
void pd_describe_review_entry(pd_buf *out, const pd_review_entry *e);
/* A blamed claim's revision: "2026-02-10 4b734c7 Ada Editor", the date
 * and "(working tree)" for one without a commit. */
void pd_describe_blame_rev(pd_buf *out, const pd_blame_rev *rv);
/* An overview's treaty cell, short ("✔ 2009", "S", "✗", "W 2019", "?",
 * nothing when not listed), and its status in full ("party (acceded,
 * February 2026)"); the legend of the short marks. */
void pd_describe_mark(pd_buf *out, const pd_overview_treaty *t);
void pd_describe_treaty_status(pd_buf *out, const pd_overview_treaty *t);
extern const char pd_describe_legend[];
/* Does some profile of the overview list treaty `t`? A matrix has no
 * column no profile fills. */
bool pd_describe_treaty_listed(const pd_overview *o, size_t t);

/* One finding (render_gcc.c) --------------------------------------------- */

/* "path:line:col: severity: message [rule]" and a newline. */
void pd_gcc_finding(pd_buf *out, const char *path, const pd_finding *f);

/* HTML (render_html.c, render_html_<page>.c) ----------------------------- */

/* The head of an HTML page titled `title`, with the shared style and
 * `extra_style` (NULL: none), up to the opening of its body; in English,
 * or in language `lang`. */
void pd_html_head(pd_buf *out, const char *title, const char *extra_style);
void pd_html_head_lang(pd_buf *out, const char *title,
		       const char *extra_style, const char *lang);
/* Text escaped for HTML; nothing for NULL. */
void pd_html_esc(pd_buf *out, const char *s);
/* A name as one segment of a URL's path or its fragment: every byte but
 * the unreserved ones (letters, digits, - . _ ~) percent-encoded, so that a
 * profile's file name ("a#b?c", "x\"><y", a control character) links to
 * its own page and nowhere else; what it writes needs no HTML escape. */
void pd_url_esc(pd_buf *out, const char *s);
/* A URL as a link that wraps when it is http or https (case aside), else
 * as text: a profile's text never makes a javascript: or data: link.
 * Nothing for NULL. */
void pd_html_url(pd_buf *out, const char *url);
/* Whether pd_html_url() makes `url` a link: http or https. */
bool pd_html_url_is_web(const char *url);
/* A source's label, linked to its URL as pd_html_url() links one. */
void pd_html_source(pd_buf *out, const pd_source_ref *s);
/* A change as a list item, and the end of a list of them: the steps of
 * the HTML pages' walks (pd_walk). */
void pd_html_change(pd_buf *out, const pd_change *c, bool nested, void *ctx);
void pd_html_list_end(pd_buf *out, void *ctx);

/* The pages other than a diff's, one file each, for the HTML renderer's
 * table: a review (render_html_review.c), the overview
 * (render_html_overview.c), blames (render_html_blame.c), the changelog
 * and an entry's body (render_html_changelog.c); as pd_renderer's
 * functions of the same kinds. */
void pd_html_review(pd_buf *out, const pd_review *r,
		    const pd_render_options *opts);
void pd_html_overview(pd_buf *out, const pd_overview *o);
void pd_html_blame(pd_buf *out, const pd_blame_report *r, size_t i,
		   size_t n, const pd_render_options *opts);
void pd_html_changelog(pd_buf *out, const pd_changelog *cl,
		       pd_render_flow *flow);
void pd_html_changelog_body(pd_buf *out, const pd_changelog_entry *e);

#endif
