/*
 * cli.h: what the commands share: the global options, error reporting,
 * colour, and loading a profile from a path.
 */
#ifndef PROFDIFF_CLI_H
#define PROFDIFF_CLI_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "profdiff/config.h"
#include "profdiff/store.h"
#include "profdiff/profile.h"
#include "profdiff/review.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } cli_color_mode;

typedef struct cli {
	cli_color_mode color_mode;
	const char *dir; /* -C DIR, or NULL */
} cli;

typedef struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv, const cli *c);
	const char *summary;
} cli_command;

/* Each command's entry point: argv[0] is the command name. Returns the
 * process exit code. */
int cmd_fmt(int argc, char **argv, const cli *c);
int cmd_import(int argc, char **argv, const cli *c);
int cmd_show(int argc, char **argv, const cli *c);
int cmd_lint(int argc, char **argv, const cli *c);
int cmd_diff(int argc, char **argv, const cli *c);
int cmd_log(int argc, char **argv, const cli *c);
int cmd_init(int argc, char **argv, const cli *c);
int cmd_commit(int argc, char **argv, const cli *c);
int cmd_hooks(int argc, char **argv, const cli *c);
int cmd_changelog(int argc, char **argv, const cli *c);
int cmd_textconv(int argc, char **argv, const cli *c);
int cmd_review(int argc, char **argv, const cli *c);
int cmd_overview(int argc, char **argv, const cli *c);
int cmd_blame(int argc, char **argv, const cli *c);

/* Builds the review of `head` (a commit id, "staged" or "worktree")
 * against commit `base` (a hex id; "" for the empty tree): the profiles
 * that differ, loaded, diffed and linted on every core, and totalled.
 * The caller sets the sides' labels. What the entries hold is freed by
 * cli_review_free; the rest lives in `a` and in the store. */
int cli_review_build(pd_store *s, pd_arena *a, const char *base,
		     const char *head, pd_review *out);
void cli_review_free(pd_review *r);

/* Installs the hook that fits the repository (see cmd_hooks.c). */
int cli_hooks_install(pd_store *s, bool force);

/* True when output to `f` should be coloured under the --color mode,
 * NO_COLOR and TERM. */
bool cli_use_color(const cli *c, FILE *f);

/* "profdiff: error: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the last recorded error as "profdiff: error: FILE:L:C: msg". */
void cli_error_last(void);

/* Runs `worker(job)` on one thread a core (this one included, at most 8,
 * never more than `items`), and returns when all have returned: each
 * worker takes items from the job until none is left. */
void cli_run_on_cores(void *(*worker)(void *), void *job, size_t items);

/* The same in two steps, for a thread that has other work first: starts
 * `worker(job)` on the other cores (none on one core); the caller then
 * runs worker(job) itself, so that every item is done, and joins. */
typedef struct cli_workers {
	pthread_t tid[7];
	size_t n;
} cli_workers;

void cli_workers_start(cli_workers *w, void *(*worker)(void *), void *job,
		       size_t items);
void cli_workers_join(cli_workers *w);

/* The last recorded error as a message a worker thread keeps for the main
 * one to print (cli_error("%s", msg)); free it with cli_message_free. Never
 * NULL. */
char *cli_message_last(void);
void cli_message_free(char *msg);

/* The same as a warning: "profdiff: warning: ...". */
void cli_warning_last(void);

/* Reports an option getopt_long rejected, pointing at the command's
 * --help; returns EXIT_TROUBLE. */
int cli_bad_usage(const char *cmd, const char *what);

/* For getopt_long's '?': names the option argv[optind - 1] that was
 * unknown or lacked its argument. Returns EXIT_TROUBLE. */
int cli_bad_option(const char *cmd, char **argv, int optind);

/* True for a published page (a path ending in .txt). */
bool cli_is_page(const char *path);

/* Reads the profile at `path`: YAML, or a published page (.txt) imported
 * on the fly. Returns 0, or a negative code with the error recorded. */
int cli_load_profile(pd_profile **out, const char *path);

/* The top of the profiles repository: the nearest directory, from the
 * current one up, holding .git or .profdiff.yaml; the current directory
 * when there is none. Written into `out` (size bytes). */
void cli_find_root(char *out, size_t size);

/* Reads ROOT/.profdiff.yaml, or gives the defaults when there is none.
 * Returns 0, or a negative code with the error recorded. */
int cli_load_config(pd_config **out, const char *root);

/* Lint options from the repository's configuration: its severities,
 * uncited mode and vocabulary, and today for future-date. */
void cli_lint_options(pd_lint_options *o, const pd_config *cfg);

/* Today's date (UTC). */
pd_date cli_today(void);

/* Reads the profile at `path` with the repository's treaty vocabulary. */
int cli_load_profile_with(pd_profile **out, const char *path,
			  const pd_vocab *vocab);

/* The same for a file already read: `path` names it (a page when it ends
 * in .txt) and is used in messages. */
int cli_parse_profile(pd_profile **out, const char *data, size_t len,
		      const char *path, const pd_vocab *vocab);

/* Lints working-tree files of the store, printing the findings on
 * standard error (gcc format, or text); returns the number of errors, or
 * -1 when a file could not be read. */
int cli_lint_files(pd_store *s, const char **paths, size_t n, bool gcc);

/* A profile's name, as review, overview and blame show it: its file name
 * without .yaml or .yml, in `a`. NULL when out of memory. */
const char *cli_profile_name(pd_arena *a, const char *path);

/* Writes output as it is rendered: to `ctx`, a pd_file_out begun with
 * pd_file_begin (-o FILE), or to standard output when ctx is NULL; 0, or
 * an error recorded. Its signature is a pd_render_sink's. */
int cli_write_out(void *ctx, const char *data, size_t len);

/* A list of file paths owned by the list. */
typedef struct cli_paths {
	char **v;
	size_t n;
} cli_paths;

/* Appends each argument to `out`; a directory is replaced by its *.yaml
 * and *.yml files, sorted by name. Returns 0, or a negative code (recorded)
 * for a directory that cannot be read; the other paths are still added. */
int cli_expand_paths(cli_paths *out, int argc, char **argv);
void cli_paths_free(cli_paths *paths);

#endif
