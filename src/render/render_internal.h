/*
 * render_internal.h: what the renderers of src/render/ share.
 *
 * Each output format is one renderer, in a file of its own
 * (render_<format>.c; HTML's pages other than a diff's in
 * render_html_<page>.c), with a function for each kind of document the
 * format has: the renderer's table, which the file exports. render.c
 * looks a format's table up and calls; renderers never call back into
 * it but for what the formats share (render_flush). What they share
 * besides: the walks over a diff's changes and a changelog's entries
 * (render_walk.c), things said in words (render_diff_common.c), the
 * HTML pages' head and changes (render_html.c).
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

/* Between entries a changelog renderer calls render_flush(), which hands
 * what is waiting to the sink once there is 64 KiB of it (all of it at the
 * end); with no sink (NULL) everything stays in the buffer. After the
 * sink fails, what is rendered is dropped. */
typedef struct render_sink {
	const pd_render_sink *to;
	int err; /* the sink's first error */
} render_sink;

void render_flush(pd_buf *out, render_sink *sink, bool all);

/* One output format: a function for each kind of document it writes,
 * NULL for a kind it has not (the caller of render.h gets PD_EUSAGE). A
 * function appends to `out`, whose allocation failures stay in it: it
 * cannot fail otherwise. `opts` is never NULL. */
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
	/* the changelog, render_flush() called between entries */
	void (*changelog)(pd_buf *out, const pd_changelog *cl,
			  render_sink *sink);
	/* what the changelog shows of an entry's diff, which
	 * pd_changelog_entry_seal renders ahead: nothing for an entry the
	 * changelog leaves out */
	void (*changelog_body)(pd_buf *out, const pd_changelog_entry *e);
} pd_renderer;

extern const pd_renderer pd_render_text;     /* render_text.c */
extern const pd_renderer pd_render_gcc;      /* render_gcc.c */
extern const pd_renderer pd_render_json;     /* render_json.c */
extern const pd_renderer pd_render_sarif;    /* render_sarif.c */
extern const pd_renderer pd_render_github;   /* render_github.c */
extern const pd_renderer pd_render_markdown; /* render_markdown.c */
extern const pd_renderer pd_render_html;     /* render_html.c */
extern const pd_renderer pd_render_atom;     /* render_atom.c */
extern const pd_renderer pd_render_csv;      /* render_csv.c */

/* The walks (render_walk.c) ---------------------------------------------- */

/* An entry's figures, from its diff or from what pd_changelog_entry_seal
 * kept of it; entry_body writes the body rendered ahead when there is one
 * in `fmt`, else renders it. */
bool entry_first(const pd_changelog_entry *e);
size_t entry_changes(const pd_changelog_entry *e);
size_t entry_substantive(const pd_changelog_entry *e);
size_t entry_editorial(const pd_changelog_entry *e);
size_t entry_laws(const pd_changelog_entry *e);
size_t entry_treaties(const pd_changelog_entry *e);
void entry_summary(pd_buf *out, const pd_changelog_entry *e);
typedef void (*entry_renderer)(pd_buf *out, const pd_changelog_entry *e);
/* render: the format's own body renderer, for an entry not sealed in it */
void entry_body(pd_buf *out, const pd_changelog_entry *e, pd_format fmt,
		entry_renderer render);

/* The groups a diff's changes are shown in, in order. */
typedef enum diff_group {
	GROUP_PROFILE,
	GROUP_LAWS,
	GROUP_TREATIES,
	GROUP_CLAIMS,
	GROUP_SOURCES,
	GROUP_COUNT
} diff_group;

extern const char *const diff_group_titles[GROUP_COUNT];
diff_group diff_group_of(const pd_change *c);

/* The walk every diff format shares: each group with changes, in order,
 * gets its heading, then its changes as one list; the claims group gets one
 * list a section (titled, "(no section)" when none), sections in order of
 * first appearance. `nested` is true for the claims' lists. */
typedef struct diff_walk {
	void (*group)(pd_buf *out, diff_group g, void *ctx);
	void (*list)(pd_buf *out, bool nested, const char *title, void *ctx);
	void (*change)(pd_buf *out, const pd_change *c, bool nested, void *ctx);
	void (*list_end)(pd_buf *out, void *ctx);
} diff_walk;

void diff_walk_groups(pd_buf *out, const pd_diff *d, const diff_walk *w,
		      void *ctx);

/* In words (render_diff_common.c) ---------------------------------------- */

char diff_sign(const pd_change *c);
const char *diff_label(pd_change_kind k); /* "Reworded", "Law added" */
void describe_law(pd_buf *out, const pd_law *l);
void describe_law_change(pd_buf *out, const pd_change *c, const char *arrow);
void describe_treaty_change(pd_buf *out, const pd_change *c);
void describe_date(pd_buf *out, pd_date d);
void describe_move(pd_buf *out, const pd_change *c);
void describe_parts(pd_buf *out, const pd_change *c);
void describe_fields(pd_buf *out, const pd_change *c, const char *arrow);
/* Reviews in words: the whole ("3 profiles, 12 changes (9 substantive);
 * introduced: 1 error; fixed: nothing"), an entry's sides ("modified,
 * 20 January 2026 to 1 March 2026") and an entry's figures. */
void describe_review(pd_buf *out, const pd_review *r);
void describe_review_sides(pd_buf *out, const pd_review_entry *e);
void describe_review_entry(pd_buf *out, const pd_review_entry *e);

/* A blamed claim's revision in words: "2026-02-10 4b734c7 Ada Editor",
 * the date "(working tree)" has none. */
void describe_blame_rev(pd_buf *out, const pd_blame_rev *rv);

/* A treaty's cell, short ("✔ 2009", "S", "✗", "W 2019", "?", "" when not
 * listed), and in words ("party (acceded, February 2026)"). The legend of
 * the short marks. */
void overview_mark(pd_buf *out, const pd_overview_treaty *t);
void overview_words(pd_buf *out, const pd_overview_treaty *t);
extern const char overview_legend[];
/* Does some profile of the overview list treaty `t`? A matrix has no
 * column no profile fills. */
bool overview_treaty_used(const pd_overview *o, size_t t);

/* One finding (render_gcc.c) --------------------------------------------- */

/* "path:line:col: severity: message [rule]" and a newline. */
void render_finding_gcc(pd_buf *out, const char *path, const pd_finding *f);

/* HTML (render_html.c, render_html_<page>.c) ------------------------------ */

/* The head of an HTML page, with the shared style and `extra_style`. */
void html_head(pd_buf *out, const char *title, const char *extra_style);
/* What the HTML pages share (render_html.c): text escaped (nothing for
 * NULL), a change as a list item, the end of a list of them. */
void html_esc(pd_buf *out, const char *s);
void html_change(pd_buf *out, const pd_change *c, bool nested, void *ctx);
void html_list_end(pd_buf *out, void *ctx);

/* The pages other than a diff's, one file each, for the HTML table. */
void render_review_html(pd_buf *out, const pd_review *r,
			const pd_render_options *opts);
void render_overview_html(pd_buf *out, const pd_overview *o);
void render_blame_html(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n, const pd_render_options *opts);
void render_changelog_html(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink);
void changelog_body_html(pd_buf *out, const pd_changelog_entry *e);

#endif
