/*
 * app.h: each operation of profdiff as one library call (docs/DESIGN.md,
 * "Layers").
 *
 * What a command does between parsing its options and printing its result
 * lives here: which profiles, read how and in what order, diffed or linted
 * on every core, and put together as the model a renderer takes. A command
 * of src/cli parses its options, calls one of these, and renders; anything
 * else (a test, another program) can call the same.
 *
 * Problems an operation meets and goes past (one profile whose history
 * cannot be read, one diff that failed) are handed to a report callback,
 * in order, as they are met; the operation goes on, and the caller decides
 * what they mean for its exit status. Problems that stop it come back as a
 * negative code, the error recorded (error.h), and nothing of its result
 * is to be used.
 */
#ifndef PROFDIFF_APP_H
#define PROFDIFF_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/blame.h"
#include "profdiff/config.h"
#include "profdiff/error.h"
#include "profdiff/lint.h"
#include "profdiff/overview.h"
#include "profdiff/page_import.h"
#include "profdiff/render.h"
#include "profdiff/review.h"
#include "profdiff/store.h"

/* A problem an operation goes past; `err` is borrowed for the call. */
typedef void (*pd_app_report)(void *ctx, const pd_error *err);

/* The progress of a long operation, `done` of `total` steps (profiles,
 * files), for the caller to show as it likes; called from the thread that
 * called the operation, or under a lock. */
typedef struct pd_app_progress {
	void (*fn)(void *ctx, size_t done, size_t total);
	void *ctx;
} pd_app_progress;

/* Files and settings (app_files.c) ------------------------------------------ */

/* True for a published page (a path ending in .txt). */
bool pd_app_is_page(const char *path);

/* The profile in data[0..len): YAML, or a published page when `path` (used
 * in messages) ends in .txt, read with the treaty vocabulary `vocab`
 * (NULL: the built-in one). The caller frees *out. 0, or a negative code
 * with the error recorded (PD_EINVALID: not a valid profile). */
int pd_app_parse_profile(pd_profile **out, const char *data, size_t len,
			 const char *path, const pd_vocab *vocab);

/* The same for the file at `path`. */
int pd_app_load_profile(pd_profile **out, const char *path,
			const pd_vocab *vocab);

/* As pd_app_load_profile, but a YAML file's schema errors are gone past,
 * PD_YAML_MAX_ERRORS at most: on PD_EINVALID *errors holds each (a page's
 * or a file's that could not be read: one), *nerrors their count; the
 * caller frees *errors with free(). */
int pd_app_load_profile_errors(pd_profile **out, pd_error **errors,
			       size_t *nerrors, const char *path,
			       const pd_vocab *vocab);

/* The top of the profiles repository: the nearest directory, from the
 * current one up, holding .git or .profdiff.yaml; the current directory
 * when there is none. Written into `out` (size bytes). */
void pd_app_find_root(char *out, size_t size);

/* ROOT/.profdiff.yaml read, or the defaults when there is none. The caller
 * frees *out. 0, or a negative code with the error recorded. */
int pd_app_load_config(pd_config **out, const char *root);

/* The configuration of the repository the current directory is in
 * (pd_app_find_root, pd_app_load_config). */
int pd_app_here_config(pd_config **out);

/* The JSON Schema of profiles (pd_schema_json) with the treaties of
 * `config` (NULL: the built-in ones), appended to `out`. 0 or PD_ENOMEM. */
int pd_app_schema(pd_buf *out, const pd_config *config);

/* Where `init` writes the schema, from the repository's top. */
#define PD_APP_SCHEMA_FILE "profile.schema.json"

/* An editor's set-up in the repository at `dir`: the schema in
 * PD_APP_SCHEMA_FILE, and .vscode/settings.json mapping the profiles
 * (`config`'s directory, NULL: profiles/) to it for the YAML language
 * server. A file that exists is kept. 0, or a negative code with the
 * error recorded. */
int pd_app_editor_setup(const char *dir, const pd_config *config);

/* Shell completion (profdiff __complete), appended to `out` a candidate a
 * line, "candidate<TAB>what it is", or __files / __dirs for the shell's
 * own names: the repository's profile names; the published dates of
 * `profile` (newest first), each after `prefix`; or the candidates for
 * positional argument `pos` (0 first) of command `cmd`, `cur` typed so
 * far, `first` the first positional given. Nothing when there is no
 * repository or no such profile; PD_ENOMEM the only failure. */
int pd_app_complete_profiles(pd_buf *out);
int pd_app_complete_dates(pd_buf *out, const char *profile,
			  const char *prefix);
int pd_app_complete_arg(pd_buf *out, const char *cmd, int pos,
			const char *cur, const char *first);

/* Today's date (UTC). */
pd_date pd_app_today(void);

/* Lint options from the repository's configuration: its severities,
 * uncited mode and vocabulary, and today for future-date. The options
 * borrow from `cfg`. */
void pd_app_config_lint(pd_lint_options *o, const pd_config *cfg);

/* A profile's name, as review, overview and blame show it: its file name
 * without .yaml or .yml, in `a`. NULL when out of memory. */
const char *pd_app_profile_name(pd_arena *a, const char *path);

/* A list of file paths; the list owns them. */
typedef struct pd_app_paths {
	char **v;
	size_t n;
	size_t cap;
} pd_app_paths;

/* Appends each of the n paths to `out`; a directory is replaced by its
 * *.yaml and *.yml files, sorted by name. Returns 0, or a negative code
 * (recorded) for a directory that cannot be read; the other paths are
 * still added. */
int pd_app_expand_paths(pd_app_paths *out, const char *const *paths,
			size_t n);
void pd_app_paths_free(pd_app_paths *paths);

/* The history of many profiles (app_history.c) --------------------------------
 *
 * Commands that go through the published revisions of many profiles, one
 * after the other (changelog, log, blame, overview), take them from this
 * iterator, which owns the store's cache policy: after the first
 * profile's revisions, when its versions were dear to read (the pack git
 * fast-import writes), every profile's versions are read once in the order
 * they were written (pd_store_prefetch); each profile's parsed revisions
 * are forgotten when the next profile is asked for, so that memory holds
 * one profile's history at a time, not the repository's. A caller with
 * other cores busy on the current profile can read the next one's now
 * (pd_app_history_read_ahead).
 */
typedef struct pd_app_history pd_app_history;

typedef struct pd_app_history_item {
	size_t index;             /* of the profile, from 0 */
	const char *path;
	const pd_revision *revs;  /* newest first; the store's, good until
				   * the next call of the iterator */
	size_t n;
	/* < 0 when the profile's revisions could not be read (revs NULL, n
	 * 0): the error is in `error`, good until the next call */
	int err;
	const pd_error *error;
} pd_app_history_item;

typedef struct pd_app_history_options {
	unsigned version;
	/* per profile, the git revision its history is read from (NULL, or
	 * a NULL entry: HEAD); the published revisions of a profile whose
	 * revision does not resolve are an error of its item */
	const char *const *tips;
	bool facts_only;          /* pd_store_facts_only for all of them */
	const pd_app_progress *progress; /* told of each profile; NULL */
} pd_app_history_options;

#define PD_APP_HISTORY_OPTIONS_VERSION 1
#define PD_APP_HISTORY_OPTIONS_INIT                                            \
	{PD_APP_HISTORY_OPTIONS_VERSION, NULL, false, NULL}

/* An iterator over the published revisions of the `n` profiles of `paths`
 * (borrowed, as are the tips, for its life) in store `s`, which it drives
 * and which must outlive it. opts NULL: the defaults. 0 or PD_ENOMEM. */
int pd_app_history_new(pd_app_history **out, pd_store *s,
		       const char *const *paths, size_t n,
		       const pd_app_history_options *opts);

/* The next profile: 1 with *item filled, 0 when there is none left, or a
 * negative code that stops the walk (out of memory), the error recorded.
 * What the previous item pointed at is invalid after it. */
int pd_app_history_next(pd_app_history *h, pd_app_history_item *item);

/* Begins to read the next profile's revisions, on a thread of its own
 * (on this one with one core), while the current one's stay valid: the
 * caller goes on with the current profile meanwhile, on every core, but
 * calls nothing of the store's but pd_store_config until the next
 * pd_app_history_next or pd_app_history_free, which wait for the read. A
 * failure is kept for the next item. */
void pd_app_history_read_ahead(pd_app_history *h);

void pd_app_history_free(pd_app_history *h);

/* changelog (app_changelog.c) --------------------------------------------- */

typedef struct pd_app_changelog_options {
	unsigned version;
	pd_format format;         /* markdown, html, json or atom */
	pd_date since, until;     /* year 0: open */
	const char *title;        /* "Country profiles" */
	const char *feed_id;      /* the tag: authority of the feed */
	const char *const *profiles; /* names or paths; NULL: every profile */
	size_t nprofiles;
	pd_app_report report;     /* profiles and diffs it goes past */
	void *ctx;                /* of report */
	const pd_app_progress *progress; /* NULL: none */
	/* leave the edit summaries (the commits' messages) out */
	bool no_summaries;
	const char *base_url;     /* the feed's links (pd_changelog) */
	const char *feed_name;
} pd_app_changelog_options;

#define PD_APP_CHANGELOG_OPTIONS_VERSION 1
#define PD_APP_CHANGELOG_OPTIONS_INIT                                          \
	{PD_APP_CHANGELOG_OPTIONS_VERSION, PD_FORMAT_MARKDOWN, {0, 0, 0},      \
	 {0, 0, 0}, "Country profiles", NULL, NULL, 0, NULL, NULL, NULL,       \
	 false, NULL, NULL}

typedef struct pd_app_changelog pd_app_changelog;

/* The changelog of the repository's published revisions in the period:
 * every revision's changes against the previous published revision of
 * its profile, diffed on every core, and sealed in the format asked for
 * (rendered ahead, the bulk of the text in a temporary file), so that a
 * long history's changelog holds text, not diffs. The store may be freed
 * once it returns: the changelog owns what it shows. The caller frees *out
 * with pd_app_changelog_free. */
int pd_app_changelog_build(pd_app_changelog **out, pd_store *s,
			   const pd_app_changelog_options *opts);

/* The changelog to render (pd_render_changelog_to, in the format it was
 * built for); it belongs to `c`. */
const pd_changelog *pd_app_changelog_get(const pd_app_changelog *c);

void pd_app_changelog_free(pd_app_changelog *c);

/* the site (app_site.c) ------------------------------------------------- */

/* Whether `s` is an http or https URL with a host, without white space,
 * control characters or quotes: one a page may link to and a feed may
 * give as its base. */
bool pd_app_web_url(const char *s);

typedef struct pd_app_site_options {
	unsigned version;
	const char *dir;          /* where the site goes; made if missing */
	const char *base_url;     /* the feed's absolute links; NULL: none */
	const char *title;        /* the publication; NULL: "Country
				   * profiles" */
	const char *feed_id;      /* the authority of the feed's tag: ids */
	const char *const *profiles; /* names or paths; NULL: every one */
	size_t nprofiles;
	int stale_months;         /* the blames' stale claims; 0: none */
	pd_app_report report;     /* profiles it goes past */
	void *ctx;
	const pd_app_progress *progress; /* NULL: none */
} pd_app_site_options;

#define PD_APP_SITE_OPTIONS_VERSION 1
#define PD_APP_SITE_OPTIONS_INIT                                               \
	{PD_APP_SITE_OPTIONS_VERSION, "site", NULL, NULL, NULL, NULL, 0, 12,   \
	 NULL, NULL, NULL}

typedef struct pd_app_site_result {
	size_t profiles;  /* with pages */
	size_t written;   /* pages rendered and written */
	size_t kept;      /* pages whose inputs had not changed */
	size_t stale;     /* stale claims of all the blames */
	size_t removed;   /* pages of the last run no longer made */
	size_t read;      /* profiles whose history was read (the others'
			   * records of the last run stood for them) */
} pd_app_site_result;

/* Writes the publication's static site into o->dir from the repository's
 * published revisions (app_site.c says what goes where): the index (the
 * regional overview and the latest changes), each profile's page as
 * published now, its history (every published revision with its page
 * and its diff against the one before) and its blame, the changelog and
 * its Atom feed. Links are relative; each page is replaced atomically,
 * the index last. Pages whose inputs are unchanged since the last run
 * (its manifest, .profdiff-site) are not written again. 0, or a negative
 * code with the error recorded: the pages written so far are whole, the
 * index and the manifest those of the last run. */
int pd_app_site(pd_app_site_result *res, pd_store *s,
		const pd_app_site_options *o);

/* The HTML page of a profile (pd_render_profile_html) at a revision, as
 * render --format html writes it: `arg` is PROFILE[@REV] as show takes
 * it (REV a published date, a git revision, staged or worktree; without
 * it HEAD, or the working tree when it has uncommitted edits). Its "What
 * changed in this update" box holds the diff from the newest published
 * revision dated before it, or says it is the first. Appends to `out`;
 * 0, or a negative code with the error recorded (app_page.c). */
int pd_app_render_html(pd_buf *out, pd_store *s, const char *arg);

/* The page of revision `rev` of a profile with the box of its changes
 * since `prev` (NULL: the first published revision), the site's links
 * and language from `base` (NULL: none, English); base->diff, when set,
 * is the diff of prev to rev, made already. */
int pd_app_page_html(pd_buf *out, pd_store *s, const pd_revision *rev,
		     const pd_revision *prev, const pd_profile_page *base);

/* review (app_review.c) ----------------------------------------------------- */

/* The review of an update (review.h), its entries loaded, diffed and
 * linted on every core, and totalled. `range` is "BASE..HEAD" (HEAD
 * against where it forked from BASE, as git diff BASE...HEAD), "BASE"
 * (against HEAD), or NULL: the working tree, or the index when `staged`,
 * against HEAD. The sides' labels and commits are set. What the entries
 * hold is freed by pd_app_review_release; the rest lives in `a` and in
 * the store. */
int pd_app_review(pd_review *out, pd_store *s, pd_arena *a,
		  const char *range, bool staged);

/* The same between commit `base` (a hex id; "" for the empty tree) and
 * `head` (a hex id, "staged" or "worktree"); the sides' labels are the
 * caller's to set. */
int pd_app_review_between(pd_review *out, pd_store *s, pd_arena *a,
			  const char *base, const char *head);

void pd_app_review_release(pd_review *r);

/* A push as the pre-receive hook sees it: the update of `ref` from `old`
 * to `new` (hex ids; old all zeros for a new ref) reviewed from the old
 * tip, or, for a new ref, from where it forks from the branches there are
 * (all of it when nowhere). *base receives the base reviewed ("" for the
 * empty tree), in `a`. */
int pd_app_review_push(pd_review *out, const char **base, pd_store *s,
		       pd_arena *a, const char *old, const char *new,
		       const char *ref);

/* The pre-receive hook (app_push.c) ------------------------------------------ */

/* What a push introduces of errors in one profile: in one revision it
 * publishes, or in the pushed range as a whole. */
typedef struct pd_app_push_group {
	const char *path;         /* the profile (or .profdiff.yaml) */
	char commit[41];          /* the revision's; the pushed tip for the
				   * range as a whole */
	pd_date date;             /* the revision's last_updated; year 0:
				   * the range as a whole */
	bool broken;              /* the profile no longer parses */
	const pd_lint_result *errors; /* the errors introduced */
} pd_app_push_group;

typedef struct pd_app_push {
	pd_arena *arena;          /* what the push holds lives here */
	pd_app_push_group *groups;
	size_t n, cap;
	size_t errors;            /* in all the groups */
	const char *base;         /* the commit checked from; "": none */
	const char *config_from;  /* whose settings: NULL for the defaults */
	const char *warning;      /* to tell the pusher, not refused */
	const char *refusal;      /* refused before any check (the cap) */
} pd_app_push;

/* Checks the update of `ref` from `old` to `new` (hex ids; old all zeros
 * for a new ref) in the repository the hook runs in: with the server's
 * settings, never the pushed ones (git config profdiff.config names the
 * server's own file; else the branch's .profdiff.yaml before the push, or
 * HEAD's for a new branch, the defaults when it does not read); a pushed
 * .profdiff.yaml that does not read; more profiles changed than
 * profdiff.maxProfiles (1000); then every published revision the push
 * adds, against the one before it, and the range as a whole, with the
 * gates' one rule set (gate.h). The push is refused when out->errors or
 * out->refusal. Free *out with pd_app_push_release, also after an error. */
int pd_app_push_check(pd_app_push *out, const char *old, const char *new,
		      const char *ref);

void pd_app_push_release(pd_app_push *p);

/* blame (app_blame.c) -------------------------------------------------------- */

typedef struct pd_app_blame_options {
	unsigned version;
	/* "PROFILE[@REV]" each (REV: a published date, a git revision or
	 * worktree); NULL: every profile at HEAD, as published */
	const char *const *profiles;
	size_t nprofiles;
	int stale_months;         /* 0: not asked */
	/* each profile's blame as soon as it is made, report i of n: to be
	 * rendered and written, never kept (it goes after the call). A
	 * negative return stops the blame with that code. */
	int (*each)(void *ctx, const pd_blame_report *r, size_t i, size_t n);
	void *ctx;
	const pd_app_progress *progress; /* NULL: none */
	/* of every profile (profiles NULL), one that does not parse at HEAD
	 * or has no published revision, reported and passed */
	pd_app_report report;
} pd_app_blame_options;

#define PD_APP_BLAME_OPTIONS_VERSION 1
#define PD_APP_BLAME_OPTIONS_INIT                                              \
	{PD_APP_BLAME_OPTIONS_VERSION, NULL, 0, 0, NULL, NULL, NULL, NULL}

/* Blames each profile in turn (blame.h), followed through its published
 * revisions; *nprofiles receives how many were blamed (0: none, and `each`
 * was never called) and *stale the stale claims of them all. */
int pd_app_blame(size_t *nprofiles, size_t *stale, pd_store *s,
		 const pd_app_blame_options *opts);

/* The blame of one profile from its published revisions `revs` (newest
 * first, as pd_app_history gives them), then `worktree` when not NULL
 * (the working tree's file, with its edits): what pd_app_blame makes of
 * a profile named without a revision, for a caller that holds its
 * history already. It touches no store, so that several may be made at
 * once. `diffs`, when not NULL, are the diffs the caller made of each
 * revision k but the oldest against k + 1 (diffs[k], with
 * pd_diff_options.links and `vocab`; NULL where it has none), which the
 * blame then takes instead of diffing them again. Returns 0 or
 * PD_ENOMEM, recorded; the caller frees *out with pd_blame_free. */
int pd_app_blame_revisions(pd_blame **out, const pd_vocab *vocab,
			   const pd_revision *revs, size_t n,
			   const pd_diff *const *diffs,
			   const pd_profile *worktree);

/* overview (app_overview.c) ---------------------------------------------- */

/* The regional overview (overview.h) of the named profiles (names or
 * paths; NULL: every profile at HEAD): each profile's history read for
 * its facts, and its newest revision linted whole. The rows live in `a`;
 * out->changelog is left NULL. Of every profile (profiles NULL), one that
 * does not parse at HEAD or has no published revision is reported (its
 * parse error, when it has one) and left out, and the others are drawn;
 * a profile named is trouble. */
int pd_app_overview(pd_overview *out, pd_store *s, pd_arena *a,
		    const char *const *profiles, size_t nprofiles,
		    pd_date since, const pd_app_progress *progress,
		    pd_app_report report, void *ctx);

/* One profile's row of the overview, as pd_app_overview makes it, from
 * its history as pd_app_history gives it (read whole or for its facts):
 * `lo` are the lint options of pd_app_config_lint with a treaty matcher.
 * Returns 0, the history's error (recorded again), PD_ENOTFOUND for a
 * profile without a published revision, or what reading or linting its
 * newest revision returned. Strings live in `a`. */
int pd_app_overview_row(pd_overview_row *row, pd_store *s, pd_arena *a,
			const pd_app_history_item *it,
			const pd_lint_options *lo, pd_date since);

/* What is wrong with the profile at `path` of HEAD that it has no row or
 * blame: its parse error when it does not parse, else `err` as recorded.
 * Returns `err`; the error to report is recorded. It forgets what the
 * store holds (pd_store_forget): for a caller done with that profile. */
int pd_app_why_not(pd_store *s, const char *path, int err);

/* log (app_log.c) ------------------------------------------------------------- */

/* One profile of the log: its published revisions, newest first, each
 * with the one-line summary of its changes against the one before
 * ("first published revision" for the oldest); or the error that kept it
 * from being read. Borrowed for the call. */
typedef struct pd_app_log_profile {
	size_t index;             /* of the profile, from 0 */
	const pd_error *error;    /* not NULL: nothing else is set */
	const char *path;
	const char *country;      /* of the newest revision, or NULL */
	const pd_revision *revs;
	const char *const *summaries;
	size_t n;
} pd_app_log_profile;

/* The log of the named profiles (names or paths; NULL: every profile of
 * the repository), each given to `each` in turn as soon as it is made,
 * those that cannot be read too (with their error): the log goes on. */
int pd_app_log(pd_store *s, const char *const *profiles, size_t nprofiles,
	       void (*each)(void *ctx, const pd_app_log_profile *p),
	       void *ctx, const pd_app_progress *progress);

/* lint (app_lint.c) ------------------------------------------------------ */

typedef struct pd_app_lint_options {
	unsigned version;
	const char *const *paths; /* files, pages or directories; NULL: the
				   * repository's profiles directory */
	size_t npaths;
	bool strict;
	pd_format format;         /* text, gcc, json, sarif or github */
	pd_render_options render;
	/* the output, written as the files are linted, in their order */
	const pd_render_sink *out;
	pd_app_report report;     /* files that could not be linted */
	void *ctx;
	const pd_app_progress *progress; /* told of each file written */
} pd_app_lint_options;

#define PD_APP_LINT_OPTIONS_VERSION 1
#define PD_APP_LINT_OPTIONS_INIT                                               \
	{PD_APP_LINT_OPTIONS_VERSION, NULL, 0, false, PD_FORMAT_TEXT,          \
	 PD_RENDER_OPTIONS_INIT, NULL, NULL, NULL, NULL}

/* Lints the files on every core, each rendered as soon as it is linted and
 * written out in order, then the summary: memory holds the files in
 * progress, not the findings of all. The tally of what was written goes to
 * *tally. A file that could not be read is reported and the run goes on.
 * Returns 0; 1 when a file could not be linted; or a negative code when
 * the run could not start (its configuration, its directory) or its
 * output could not be written. */
int pd_app_lint(pd_lint_tally *tally, const pd_app_lint_options *opts);

/* One file a gate checked: its findings (errors only) and what was left
 * out of them, or the error that kept it from being linted. */
typedef struct pd_app_gate_file {
	const char *path;
	pd_lint_result *result;   /* the errors alone; NULL when `error` */
	size_t warnings, notes;   /* counted, not listed */
	/* errors the published revision has too: not the update's, and not
	 * refused (as review and the pre-receive hook judge), counted */
	size_t as_published;
	pd_error *error;          /* not NULL: it could not be linted */
} pd_app_gate_file;

typedef struct pd_app_gate {
	pd_app_gate_file *files;
	size_t n;
	size_t errors;
	/* the publication branch checked against, as git names it
	 * ("origin/main"); "" when nothing is published */
	char published[256];
	/* it is the branch checked out, without an upstream: a commit to
	 * it publishes */
	bool local;
} pd_app_gate;

/* The published revision (app_publish.c) ----------------------------------
 *
 * Every gate checks a profile with the core's one rule set (gate.h)
 * against the profile as published: in a working repository, as the
 * publication branch holds it (pd_store_publication); on the server, as
 * the branch pushed to held it before the push. */

/* The publication branch of a working repository, in `out` ("" when there
 * is none). */
int pd_app_publication(pd_store *s, char *out, size_t size);

/* The profile at `path` as revision `pubrev` holds it (the store's, valid
 * until pd_store_forget), or NULL when `pubrev` is "" or NULL, or holds
 * no profile there that reads: nothing is published there. 0, or a
 * negative code for a repository that cannot be read. */
int pd_app_published_profile(pd_store *s, const char *pubrev,
			     const char *path, const pd_profile **out);

/* The gate of the pre-commit hook (lint --staged): every profile staged
 * with changes, read from the index and checked (pd_gate_check) against
 * the publication branch's version. The files are in the index's order;
 * free *out with pd_app_gate_free. */
int pd_app_gate_staged(pd_app_gate *out, pd_store *s);

/* The gate of profdiff commit: the working tree's files `paths` (relative
 * to it) checked the same way; .profdiff.yaml is read as the
 * configuration it is (what does not read is a schema error), and
 * .gitattributes taken as it is. */
int pd_app_gate_files(pd_app_gate *out, pd_store *s, const char *const *paths,
		      size_t n);

void pd_app_gate_free(pd_app_gate *g);

/* diff (app_diff.c) ----------------------------------------------------- */

/* A diff and what it compares, for the renderer. */
typedef struct pd_app_diff pd_app_diff;

/* `args` as profdiff diff takes them: FILE_A FILE_B (two files on disk:
 * profiles or pages), or PROFILE [FROM [TO]] of the repository (revisions:
 * published dates, git revisions, staged or worktree; without them the
 * previous published revision against the newest, or the newest against
 * the working tree when it holds uncommitted edits). The caller frees *out
 * with pd_app_diff_free. */
int pd_app_diff_build(pd_app_diff **out, const char *const *args, size_t n);

/* The report to render; it belongs to `d`. */
const pd_diff_report *pd_app_diff_report(const pd_app_diff *d);

void pd_app_diff_free(pd_app_diff *d);

/* hooks (app_hooks.c) -------------------------------------------------- */

/* Installs the hook that fits the repository: pre-commit in a working
 * tree, pre-receive in a bare one. The hook runs profdiff from PATH, else
 * the one at `self`, and says how to mend it when neither is there. A
 * hook that profdiff did not write is never replaced but with `force`: it
 * is kept as NAME.local, which the hook runs first (PD_EUSAGE when a
 * NAME.local is there already). Also sets git's diff driver for
 * profiles, which finds profdiff the same way. `installed` receives the
 * hook's path (size bytes). */
int pd_app_hooks_install(pd_store *s, const char *self, bool force,
			 char *installed, size_t size);

/* Removes the hook profdiff installed (PD_EUSAGE for one it did not
 * write), puts back the one it kept as NAME.local, and unsets the diff
 * driver. `removed` receives the path removed, or "" when none was. */
int pd_app_hooks_uninstall(pd_store *s, char *removed, size_t size);

/* fmt (app_fmt.c) --------------------------------------------------------- */

typedef struct pd_app_fmt_options {
	unsigned version;
	/* footnotes renumbered in order of first citation
	 * (pd_renumber_profile) */
	bool renumber;
	const pd_vocab *vocab;    /* NULL: the built-in treaty vocabulary */
} pd_app_fmt_options;

#define PD_APP_FMT_OPTIONS_VERSION 1
#define PD_APP_FMT_OPTIONS_INIT {PD_APP_FMT_OPTIONS_VERSION, false, NULL}

/* The profile YAML data[0..len) (`path` names it in messages) in
 * canonical form, its comments kept, appended to `out`: what `fmt` writes
 * and, with opts->renumber, `fmt --renumber` (a code action of an editor
 * can call the same). opts NULL: the defaults. 0, or a negative code with
 * the error recorded (PD_EINVALID: not a valid profile). */
int pd_app_fmt_text(pd_buf *out, const char *data, size_t len,
		    const char *path, const pd_app_fmt_options *opts);

/* render (app_render.c) ----------------------------------------------------- */

typedef struct pd_app_render_options {
	unsigned version;
	/* "PROFILE[@REV]" as show takes it: a file (YAML or page), or a
	 * profile of the repository at a published date, a git revision,
	 * staged or worktree */
	const char *profile;
	pd_format format;         /* page or markdown (html: when it has a
				   * profile page) */
	bool renumber;            /* footnotes in order of first citation */
	/* for the page: each thing of the profile the page does not carry
	 * as the profile has it (a curated law, a treaty's status), its
	 * position in the profile; the error's code is 0 */
	pd_app_report report;
	void *ctx;
} pd_app_render_options;

#define PD_APP_RENDER_OPTIONS_VERSION 1
#define PD_APP_RENDER_OPTIONS_INIT                                             \
	{PD_APP_RENDER_OPTIONS_VERSION, NULL, PD_FORMAT_PAGE, false, NULL,     \
	 NULL}

/* Appends the profile rendered in opts->format to `out`. A page is read
 * back (pd_page_import) and what it does not carry is reported. 0, or a
 * negative code with the error recorded (PD_EUSAGE: a format without a
 * profile document). */
int pd_app_render(pd_buf *out, const pd_app_render_options *opts);

/* import (app_import.c) ----------------------------------------------------- */

/* A published page read into a profile. */
typedef struct pd_app_import {
	pd_profile *profile;
	pd_page_report report;    /* what was extracted, for review */
	pd_buf yaml;              /* the profile in canonical YAML */
} pd_app_import;

/* Reads the page at `path` into *out (released with
 * pd_app_import_release, also after a failure). */
int pd_app_import_page(pd_app_import *out, const char *path,
		       const pd_page_options *opts);
void pd_app_import_release(pd_app_import *im);

/* Writes the imported profile to `output`, replaced atomically, or, when
 * `output` is a directory, to <country-slug>.yaml in it; the path written
 * goes to `written` (size bytes). A file there already is replaced only
 * when it holds what the import writes, or with `force`: else
 * PD_EUSAGE, the file untouched: nothing an editor wrote is lost. The
 * comments of a profile there already are kept, at their anchors, in
 * what is written and in that comparison. */
int pd_app_import_write(const pd_app_import *im, const char *output,
			bool force, char *written, size_t size);

/* The working tree's profiles directory (made if missing) in `out`, the
 * store opened into *store. PD_EUSAGE in a bare repository. */
int pd_app_profiles_dir(pd_store **store, char *out, size_t size);

/* Commits the working tree's files `files` (paths) on the current branch,
 * as profdiff commit does but without its lint gate; the store is opened
 * when *store is NULL. out_hex receives the commit; 1 when it landed but
 * the index could not be updated (the reason recorded). */
int pd_app_commit_files(pd_store **store, const char *const *files, size_t n,
			const pd_commit_options *opts, char out_hex[41]);

/* Commits the settings profdiff init wrote (.profdiff.yaml and
 * .gitattributes), those the working tree has and HEAD has not, on the
 * current branch (pd_store_commit): a repository's first commit holds its
 * settings. out_hex receives the commit, or "" when there was nothing to
 * commit; 1 as pd_store_commit. */
int pd_app_init_commit(pd_store *s, char out_hex[41]);

/* The repository path of the profile named by `arg` (a path, or a name in
 * the profiles directory: pd_store_profile_path), which must be a profile
 * of HEAD or of the working tree, or have a history: else PD_ENOTFOUND,
 * "no profile 'lao' (did you mean 'laos'?)". The string is the store's. */
int pd_app_profile_path(pd_store *s, const char *arg, char **out);

/* The error for a published date that names no published revision of
 * `path`: "no published revision of DATE (published: ...)", the dates
 * listed newest first. Returns PD_ENOTFOUND. */
int pd_app_no_such_date(pd_store *s, const char *path, const char *date);

/* Makes `path` relative to the current directory when it lies under it or
 * beside it, in place (size bytes): the paths profdiff prints are the ones
 * a user would type. */
void pd_app_relative(char *path, size_t size);

/* Whether a repository path is one of the settings files profdiff commit
 * takes besides profiles: .profdiff.yaml and .gitattributes at the top. */
bool pd_app_is_settings(const char *path);

/* The repository paths of the profiles named by the n `args`
 * (pd_app_profile_path each; the settings files of pd_app_is_settings
 * too), in *out, an array the caller frees (the strings are the store's).
 * 0, or the first error. */
int pd_app_profile_paths(const char ***out, pd_store *s,
			 const char *const *args, size_t n);

#endif
