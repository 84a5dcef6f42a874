/*
 * render.h: output formats. Each format is one renderer of src/render/,
 * with a function for each kind of document it writes (lint, diff,
 * review, overview, blame, changelog), appending to a pd_buf; a function
 * below looks the format's renderer up and calls it, or says the format
 * has no such document (PD_EUSAGE). The shared escaping lives in
 * render.c.
 */
#ifndef PROFDIFF_RENDER_H
#define PROFDIFF_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/arena.h"
#include "profdiff/buf.h"
#include "profdiff/diff.h"
#include "profdiff/lint.h"

typedef enum pd_format {
	PD_FORMAT_TEXT,
	PD_FORMAT_GCC,
	PD_FORMAT_JSON,
	PD_FORMAT_SARIF,
	PD_FORMAT_GITHUB,
	PD_FORMAT_MARKDOWN,
	PD_FORMAT_HTML,
	PD_FORMAT_ATOM,
	PD_FORMAT_CSV,
	PD_FORMAT_PAGE,     /* the publication's page, as text */
	PD_FORMAT_COUNT
} pd_format;

/* The format named `name`, or -1. */
int pd_format_lookup(const char *name);
const char *pd_format_name(pd_format f);

typedef struct pd_render_options {
	unsigned version;
	bool color; /* ANSI colours (text only) */
} pd_render_options;

#define PD_RENDER_OPTIONS_VERSION 1
#define PD_RENDER_OPTIONS_INIT {PD_RENDER_OPTIONS_VERSION, false}

/* The lint findings of one file. */
typedef struct pd_lint_report {
	const char *path;
	const pd_lint_result *result;
} pd_lint_report;

/* Appends the findings of `n` files in format `fmt` (text, gcc, json,
 * sarif or github). Returns 0, PD_ENOMEM, or PD_EUSAGE for a format lint
 * has not. */
int pd_render_lint(pd_buf *out, pd_format fmt, const pd_lint_report *files,
		   size_t n, const pd_render_options *opts);

/* The same output a file at a time, in every format:
 * pd_render_lint_begin(), then pd_render_lint_file() for each file as soon
 * as it is linted, with pd_render_lint_separator() written between two
 * files' output that is not empty, then pd_render_lint_end() with the
 * tally of them all. Together they write what pd_render_lint() writes; a
 * caller need not hold every file's findings until the end. */
typedef struct pd_lint_tally {
	size_t files;
	size_t files_with_findings;
	size_t count[PD_SEV_ERROR + 1]; /* findings per severity */
	size_t failed;                  /* files that could not be read */
} pd_lint_tally;

#define PD_LINT_TALLY_INIT {0, 0, {0}, 0}

/* What goes between two files' output ("," in JSON and SARIF). */
const char *pd_render_lint_separator(pd_format fmt);

/* Adds a file's findings to the tally. */
void pd_lint_tally_add(pd_lint_tally *t, const pd_lint_result *r);

/* The start of the output, one file's findings (nothing, in some formats,
 * for a file without findings), and the end of the output. Return 0,
 * PD_ENOMEM, or PD_EUSAGE for a format lint has not. */
int pd_render_lint_begin(pd_buf *out, pd_format fmt);
int pd_render_lint_file(pd_buf *out, pd_format fmt,
			const pd_lint_report *file,
			const pd_render_options *opts);
int pd_render_lint_end(pd_buf *out, pd_format fmt, const pd_lint_tally *t);

/* One side of a diff, for the header of the output. */
typedef struct pd_diff_side {
	const char *revision;     /* "2026-01-20", "HEAD~1", "worktree", or
				   * NULL */
	const char *commit;       /* hex object id, or NULL */
	const char *path;         /* the file, or NULL */
	const pd_profile *profile;
} pd_diff_side;

/* A diff and what it compares. */
typedef struct pd_diff_report {
	const char *profile;      /* profile slug or file */
	pd_diff_side from, to;
	const struct pd_diff *diff;
	const char *note;         /* a line for the header ("the working
				   * tree has uncommitted edits"), or NULL */
} pd_diff_report;

/* Appends a diff in format `fmt` (text, json, markdown or html).
 * Returns 0, PD_ENOMEM, or PD_EUSAGE for a format diff has not. */
int pd_render_diff(pd_buf *out, pd_format fmt, const pd_diff_report *r,
		   const pd_render_options *opts);

/* The size a Markdown review keeps within where it can: comments on
 * GitHub hold 65,536 characters. Past it, profiles' changes are summed
 * up rather than listed. */
#define PD_REVIEW_MARKDOWN_LIMIT 60000

/* Appends a review (review.h) in format `fmt`: text, markdown (a
 * merge-request comment, within PD_REVIEW_MARKDOWN_LIMIT), json (profdiff.review.v1), html (a page) or
 * sarif (the findings the update introduces, where they stand in its
 * head). Returns 0, PD_ENOMEM, or PD_EUSAGE for another format. */
struct pd_review;
int pd_render_review(pd_buf *out, pd_format fmt, const struct pd_review *r,
		     const pd_render_options *opts);

/* Appends the regional overview (overview.h) in format `fmt`: markdown
 * (a country x treaty matrix with a legend, then the laws), html (one
 * page, sortable), csv (RFC 4180, one row a profile) or json
 * (profdiff.overview.v1). Returns 0, PD_ENOMEM, or PD_EUSAGE for another
 * format. */
struct pd_overview;
int pd_render_overview(pd_buf *out, pd_format fmt,
		       const struct pd_overview *o);

/* A profile as a document of its own: the page (render_page.c), or a
 * format's rendering of it. */
struct pd_profile;
typedef struct pd_profile_report {
	const char *name;                 /* its name: "north-korea" */
	const struct pd_profile *profile;
	/* its changes since the previous published revision, for a format
	 * that shows them; NULL: none known */
	const struct pd_diff *update;
} pd_profile_report;

/* Appends the profile in format `fmt`: page (the text of the
 * publication's page, which `import` reads back: docs/DESIGN.md, section
 * 3) or markdown (CommonMark with footnotes as [^n] and YAML front
 * matter). Returns 0, PD_ENOMEM, or PD_EUSAGE for a format without it. */
int pd_render_profile(pd_buf *out, pd_format fmt, const pd_profile_report *r,
		      const pd_render_options *opts);

/* The blame of one profile (blame.h). */
struct pd_blame;
typedef struct pd_blame_report {
	const char *profile;   /* its name: "north-korea" */
	const char *path;
	const char *country;
	const struct pd_blame *blame;
	int stale_months;      /* --stale; 0: not asked */
} pd_blame_report;

/* Appends the blame of `n` profiles in format `fmt`: text (a line a
 * claim, by section), json (profdiff.blame.v1; an array of them for
 * several profiles) or html (one page, claims shaded by age, their
 * history on hover or focus). Returns 0, PD_ENOMEM, or PD_EUSAGE for
 * another format. */
int pd_render_blame(pd_buf *out, pd_format fmt, const pd_blame_report *r,
		    size_t n, const pd_render_options *opts);

/* The same, one report at a time, as each is made: report i of n, with
 * the head of the output before the first and its end after the last;
 * the caller may write and empty `out` in between. n = 0 (r NULL) is the
 * output for no profile, as pd_render_blame() writes it. */
int pd_render_blame_part(pd_buf *out, pd_format fmt,
			 const pd_blame_report *r, size_t i, size_t n,
			 const pd_render_options *opts);

/* One published revision in a changelog: its changes against the
 * previous published revision of the profile. */
typedef struct pd_changelog_entry {
	const char *profile;   /* slug: "north-korea" */
	const char *country;
	pd_date date;          /* its last_updated */
	const char *commit;    /* hex id of the newest commit carrying it */
	const char *author;
	int64_t time;          /* commit time */
	pd_date previous;      /* year 0: the first published revision */
	const char *previous_commit;
	/* the edit summary: its commits' messages' first lines, oldest
	 * first (pd_revision.messages); none when the changelog leaves
	 * them out */
	const char *const *messages;
	size_t nmessages;
	const struct pd_diff *diff; /* NULL for the first revision */
	/* set by pd_changelog_entry_seal: what the changelog needs of the
	 * diff, rendered ahead, after which the diff may go */
	const struct pd_sealed_entry *sealed;
} pd_changelog_entry;

/* Where a changelog keeps the bodies of its sealed entries, when not in
 * memory: the builder of a long changelog gives one (a temporary file),
 * so that render itself reads and writes no file. put() keeps len bytes
 * and says where in *at; get() appends the len bytes kept at `at` to
 * `out`. Each returns 0 or an error code. */
typedef struct pd_body_store {
	int (*put)(void *ctx, const char *data, size_t len, uint64_t *at);
	int (*get)(void *ctx, uint64_t at, size_t len, pd_buf *out);
	void *ctx;
} pd_body_store;

/* An entry's diff as a changelog of one format shows it. */
typedef struct pd_sealed_entry {
	int format;          /* pd_format the body is in */
	bool first;          /* the first published revision */
	const char *body;    /* the entry's changes, as the format writes them;
			      * NULL when they are in `store` */
	size_t body_len;
	const pd_body_store *store; /* the body is at body_at in it */
	uint64_t body_at;
	const char *summary; /* pd_diff_summarize; "" for a first revision */
	size_t nchanges, substantive, editorial;
	size_t bucket[PD_BUCKET_COUNT]; /* every change in one */
	size_t laws, treaties; /* changes of these kinds */
} pd_sealed_entry;

typedef struct pd_changelog {
	const pd_changelog_entry *entries; /* newest first, by date, then
					    * country */
	size_t n;
	pd_date since, until;  /* year 0: open */
	const char *title;     /* "Country profiles" */
	const char *feed_id;   /* the tag: authority, e.g. "example.org" */
	/* the entries carry their edit summaries (JSON then gives every
	 * entry its "messages", empty or not); false: they are left out */
	bool messages;
	/* Atom's links: the site's base URL ("https://example.org/news/",
	 * a / added when it has none) that the feed's own name and
	 * changelog.html, the page it is the feed of, are resolved
	 * against; NULL: the links are relative, for a feed beside its
	 * page. feed_name: the feed's file ("changelog.atom" when NULL). */
	const char *base_url;
	const char *feed_name;
} pd_changelog;

/* Appends the changelog in `fmt` (markdown, html, json or atom). Only
 * substantive changes are listed; editorial ones are counted. Returns 0,
 * PD_ENOMEM, or PD_EUSAGE for another format. */
int pd_render_changelog(pd_buf *out, pd_format fmt, const pd_changelog *cl);

/* Where output goes as it is made: write() takes each piece in order and
 * returns 0, or an error code that stops the output. */
typedef struct pd_render_sink {
	int (*write)(void *ctx, const char *data, size_t len);
	void *ctx;
} pd_render_sink;

/* The changelog of pd_render_changelog, handed to `sink` between entries,
 * 64 KiB or more at a time, instead of held whole: a long history's
 * changelog runs to tens of megabytes. Returns 0, PD_ENOMEM, PD_EUSAGE, or
 * the sink's error. */
int pd_render_changelog_to(const pd_render_sink *sink, pd_format fmt,
			   const pd_changelog *cl);

/* Does the entry carry substance (a first revision always does)? */
bool pd_changelog_entry_substantive(const pd_changelog_entry *e);

/* Renders what the changelog in `fmt` shows of the entry's diff ahead,
 * and points e->sealed at it: the caller may then free the diff (and the
 * profiles) and set e->diff to NULL, so that a changelog over a long
 * history holds text, not diffs. pd_render_changelog in the same format
 * gives the same bytes either way. The record lives in `arena`; the body
 * (the bulk of the text) goes to `store` when one is given and takes it,
 * else to `arena` too; a store must outlive the rendering of the
 * changelog. Returns 0 or PD_ENOMEM. */
int pd_changelog_entry_seal(pd_changelog_entry *e, pd_format fmt,
			    pd_arena *arena, const pd_body_store *store);

/* A profile as text for git's diff driver (textconv): one claim a line,
 * without footnote numbers but with the labels of the sources it resolves
 * to, then laws, treaties and sources. Renumbering footnotes changes no
 * line. Returns 0 or PD_ENOMEM. */
int pd_render_profile_text(pd_buf *out, const pd_profile *p);

/* What the HTML page of a profile shows besides the profile itself. */
struct pd_vocab;
typedef struct pd_profile_page {
	unsigned version;
	const struct pd_vocab *vocab; /* treaties' names; NULL: built-in */
	/* "What changed in this update": the diff from the previous
	 * published revision (dated `previous`) to this one; or `first`,
	 * the first published revision; neither: no such box */
	const struct pd_diff *diff;
	pd_date previous;
	bool first;
	const char *lang;    /* the page's language; NULL: "en" */
	/* links of a site (relative URLs), or NULL: the index of all
	 * profiles, this profile's history */
	const char *home;
	const char *history;
} pd_profile_page;

#define PD_PROFILE_PAGE_VERSION 1
#define PD_PROFILE_PAGE_INIT                                                   \
	{PD_PROFILE_PAGE_VERSION, NULL, NULL, {0, 0, 0}, false, NULL, NULL, NULL}

/* Appends profile `p` as one self-contained, accessible HTML page
 * (render_html_profile.c): lang, the country as its heading, "Last
 * updated", the sections in heading order, citation markers linked to
 * their footnotes and back, source URLs as links (http and https only),
 * the treaty and law tables, and the "What changed in this update" box
 * `pg` asks for (NULL: none). Text from the profile is escaped. Returns
 * 0 or PD_ENOMEM. */
int pd_render_profile_html(pd_buf *out, const pd_profile *p,
			   const pd_profile_page *pg);

/* One published revision on a profile's history page. */
typedef struct pd_history_rev {
	pd_date date;
	const char *message;  /* the commit's first line, or NULL */
	bool diff;            /* it has a diff page (DATE-diff.html) */
	const char *summary;  /* its changes in words ("" none), when diff */
} pd_history_rev;

/* Appends the history page of a site's profile (render_html_profile.c):
 * the n revisions, newest first, each linked to its page (DATE.html, or
 * "undated.html") and to its changes (DATE-diff.html), links to the
 * site's index (../../index.html), the profile's page (index.html) and
 * its blame (blame.html). Returns 0 or PD_ENOMEM. */
int pd_render_history_html(pd_buf *out, const char *country,
			   const pd_history_rev *v, size_t n);

/* Shared escaping ------------------------------------------------------------ */

/* Text escaped for XML and HTML content and attribute values: the
 * characters XML 1.0 forbids (C0 controls but tab and newline, U+FFFE,
 * U+FFFF) and each invalid UTF-8 byte become U+FFFD. */
void pd_xml_escape(pd_buf *out, const char *s, size_t len);

/* Text made inert for a terminal, as git quotes unusual bytes in paths:
 * each control character (C0 but tab and newline, DEL, the C1 controls
 * U+0080 to U+009F, the bidirectional controls U+202A to U+202E and
 * U+2066 to U+2069) and each byte of invalid UTF-8 is written as a
 * backslash and three octal digits ("\033" for ESC), so that nothing a
 * profile holds can move the cursor, retitle a window, ring the bell or
 * reorder the text a reader sees. Other text is copied as it is. */
void pd_render_term_escape(pd_buf *out, const char *s, size_t len);

#endif
