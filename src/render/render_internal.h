/*
 * render_internal.h: the renderers of src/render/, one per format file.
 */
#ifndef PROFDIFF_RENDER_INTERNAL_H
#define PROFDIFF_RENDER_INTERNAL_H

#include "profdiff/diff.h"
#include "profdiff/blame.h"
#include "profdiff/overview.h"
#include "profdiff/render.h"
#include "profdiff/review.h"
#include "json.h"

/* The formats that stream write a file at a time (and text an end). */
void render_lint_text_file(pd_buf *out, const pd_lint_report *file,
			   const pd_render_options *opts);
void render_lint_text_end(pd_buf *out, const pd_lint_tally *t);
void render_lint_gcc_file(pd_buf *out, const pd_lint_report *file);
void render_lint_github_file(pd_buf *out, const pd_lint_report *file);
void render_lint_json_begin(pd_buf *out);
void render_lint_json_file(pd_buf *out, const pd_lint_report *file);
void render_lint_json_end(pd_buf *out, const pd_lint_tally *t);
void render_lint_sarif_begin(pd_buf *out);
void render_lint_sarif_file(pd_buf *out, const pd_lint_report *file);
void render_lint_sarif_end(pd_buf *out, const pd_lint_tally *t);

void render_diff_text(pd_buf *out, const pd_diff_report *r,
		      const pd_render_options *opts);
void render_diff_json(pd_buf *out, const pd_diff_report *r);
void render_diff_markdown(pd_buf *out, const pd_diff_report *r);
void render_diff_html(pd_buf *out, const pd_diff_report *r);

/* Between entries a changelog renderer calls render_flush(), which hands
 * what is waiting to the sink once there is 64 KiB of it (all of it at the
 * end); with no sink (NULL) everything stays in the buffer. After the
 * sink fails, what is rendered is dropped. */
typedef struct render_sink {
	const pd_render_sink *to;
	int err; /* the sink's first error */
} render_sink;

void render_flush(pd_buf *out, render_sink *sink, bool all);

void render_changelog_markdown(pd_buf *out, const pd_changelog *cl,
			       render_sink *sink);
void render_changelog_json(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink);
void render_changelog_html(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink);
void render_changelog_atom(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink);

/* The part of a changelog entry that comes from its diff, per format. */
void changelog_body_markdown(pd_buf *out, const pd_changelog_entry *e);
void changelog_body_json(pd_buf *out, const pd_changelog_entry *e);
void changelog_body_html(pd_buf *out, const pd_changelog_entry *e);
void changelog_body_atom(pd_buf *out, const pd_changelog_entry *e);

/* The walks (render_walk.c). An entry's figures, from its diff or from
 * what pd_changelog_entry_seal kept of it; entry_body writes the body rendered ahead when there is one
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

/* Shared by the diff renderers (render_diff_common.c). */
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

/* One finding: "path:line:col: severity: message [rule]" and a newline
 * (render_gcc.c). */
void render_finding_gcc(pd_buf *out, const char *path, const pd_finding *f);

/* Reviews, one function a format. */
void render_review_text(pd_buf *out, const pd_review *r,
			const pd_render_options *opts);
void render_review_json(pd_buf *out, const pd_review *r);
void render_review_markdown(pd_buf *out, const pd_review *r);
void render_review_html(pd_buf *out, const pd_review *r);
void render_review_sarif(pd_buf *out, const pd_review *r);

/* Blames, one function a format. */
void render_blame_text(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n, const pd_render_options *opts);
/* report i of n: the head comes with the first, the end with the last */
void render_blame_json(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n);
void render_blame_html(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n);
void render_html_empty_blame(pd_buf *out); /* a page of no profile */

/* A blamed claim's revision in words: "2026-02-10 4b734c7 Ada Editor",
 * the date "(working tree)" has none. */
void describe_blame_rev(pd_buf *out, const pd_blame_rev *rv);

/* The overview, one function a format. */
void render_overview_markdown(pd_buf *out, const pd_overview *o);
void render_overview_html(pd_buf *out, const pd_overview *o);
void render_overview_csv(pd_buf *out, const pd_overview *o);
void render_overview_json(pd_buf *out, const pd_overview *o);

/* A treaty's cell, short ("✔ 2009", "S", "✗", "W 2019", "?", "" when not
 * listed), and in words ("party (acceded, February 2026)"). The legend of
 * the short marks. */
void overview_mark(pd_buf *out, const pd_overview_treaty *t);
void overview_words(pd_buf *out, const pd_overview_treaty *t);
extern const char overview_legend[];
/* Does some profile of the overview list treaty `t`? A matrix has no
 * column no profile fills. */
bool overview_treaty_used(const pd_overview *o, size_t t);

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

/* The head of an HTML page, with the shared style and `extra_style`. */
void html_head(pd_buf *out, const char *title, const char *extra_style);
/* What the HTML pages share (render_html.c): text escaped (nothing for
 * NULL), a change as a list item, the end of a list of them. */
void html_esc(pd_buf *out, const char *s);
void html_change(pd_buf *out, const pd_change *c, bool nested, void *ctx);
void html_list_end(pd_buf *out, void *ctx);

#endif
