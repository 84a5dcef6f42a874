/*
 * cli.h: what the commands share: the global options, messages, colour,
 * and where output goes. The work itself is the application layer's
 * (profdiff/app.h): a command parses its options, calls one function of
 * it, and renders.
 */
#ifndef PROFDIFF_CLI_H
#define PROFDIFF_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"

enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } pd_cli_color_mode;

typedef struct pd_cli {
	pd_cli_color_mode color_mode;
	const char *dir; /* -C DIR, or NULL */
} pd_cli;

typedef struct pd_cli_command {
	const char *name;
	int (*fn)(int argc, char **argv, pd_cli *c);
	const char *summary;
} pd_cli_command;

/* Each command's entry point: argv[0] is the command name. Returns the
 * process exit code. */
int pd_cmd_fmt(int argc, char **argv, pd_cli *c);
int pd_cmd_import(int argc, char **argv, pd_cli *c);
int pd_cmd_show(int argc, char **argv, pd_cli *c);
int pd_cmd_render(int argc, char **argv, pd_cli *c);
int pd_cmd_schema(int argc, char **argv, pd_cli *c);

/* profdiff __complete WORD... for the shells' completion: candidates for
 * the last word, given the command table `cmds`. */
int pd_cli_complete(int argc, char **argv, const pd_cli_command *cmds,
		    size_t ncmds, pd_cli *c);
int pd_cmd_lint(int argc, char **argv, pd_cli *c);
int pd_cmd_lsp(int argc, char **argv, pd_cli *c);
int pd_cmd_diff(int argc, char **argv, pd_cli *c);
int pd_cmd_log(int argc, char **argv, pd_cli *c);
int pd_cmd_init(int argc, char **argv, pd_cli *c);
int pd_cmd_commit(int argc, char **argv, pd_cli *c);
int pd_cmd_hooks(int argc, char **argv, pd_cli *c);
int pd_cmd_changelog(int argc, char **argv, pd_cli *c);
int pd_cmd_textconv(int argc, char **argv, pd_cli *c);
int pd_cmd_review(int argc, char **argv, pd_cli *c);
int pd_cmd_overview(int argc, char **argv, pd_cli *c);
int pd_cmd_blame(int argc, char **argv, pd_cli *c);
int pd_cmd_site(int argc, char **argv, pd_cli *c);

/* Options (cli_getopt.c) ---------------------------------------------------- */

#define PD_CLI_MAX_OPTIONS 32

/* A command's option parser: getopt_long over its options and the global
 * ones (-C DIR, --color=WHEN, --no-pager), which it takes itself wherever
 * they stand on the line. */
typedef struct pd_cli_opts {
	pd_cli *c;
	const char *cmd;
	char shortopts[64];
	struct option all[PD_CLI_MAX_OPTIONS];
} pd_cli_opts;

void pd_cli_opts_init(pd_cli_opts *o, pd_cli *c, const char *cmd,
		      const char *shortopts, const struct option *longopts);

/* The next option of the command, as getopt_long gives it (optarg set);
 * -1 at the end; '?' for an option it does not know (with a suggestion
 * when one is close), a value missing, or a global option that failed:
 * what is wrong has been said, and the command exits EXIT_TROUBLE. */
int pd_cli_getopt(pd_cli_opts *o, int argc, char **argv);

/* --color=WHEN and -C DIR: 0, or -1 with the error said. */
int pd_cli_set_color(pd_cli *c, const char *when);
int pd_cli_chdir(pd_cli *c, const char *dir);

/* The pager (cli_pager.c) ------------------------------------------------------- */

/* Sends standard output to a pager when it is a terminal, as git does:
 * PROFDIFF_PAGER, else PAGER, else less, with LESS=FRX unless LESS is
 * set (so that a short output does not wait, and colours pass); "cat" or
 * an empty one means none. */
void pd_cli_pager_start(void);

/* Closes standard output and waits for the pager, if one runs. */
void pd_cli_pager_finish(void);

/* Whether standard output goes to a pager (for colour: a terminal). */
bool pd_cli_pager_running(void);

/* Progress on standard error (cli_pager.c), for a terminal only, and only
 * once the work has run for a second: a pd_app_progress callback. `ctx`
 * is a pd_cli_progress. A command whose output streams out as it works
 * (`streams`) shows none while that output goes to the terminal too. */
typedef struct pd_cli_progress {
	const char *what;    /* "changelog: profiles" */
	double start;        /* seconds, monotonic */
	bool shown;
	bool off;
} pd_cli_progress;

void pd_cli_progress_init(pd_cli_progress *p, const char *what, bool streams);
void pd_cli_progress_show(void *ctx, size_t done, size_t total);
/* Clears the line when progress was shown. */
void pd_cli_progress_done(pd_cli_progress *p);

/* This executable's absolute path, or "profdiff", in `out`. */
void pd_cli_self(char *out, size_t size);

/* Installs the hook that fits the repository, naming this profdiff, and
 * says where; init and hooks install share it. */
int pd_cli_hooks_install(pd_store *s, bool force);

/* True when output to `f` should be coloured under the --color mode,
 * NO_COLOR and TERM. */
bool pd_cli_use_color(const pd_cli *c, FILE *f);

/* "profdiff: error: ..." on stderr. */
void pd_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints the last recorded error as "profdiff: error: FILE:L:C: msg". */
void pd_cli_error_last(void);

/* Prints `err` the same way. */
void pd_cli_error_of(const pd_error *err);

/* When a history read through `s` stopped at a shallow clone's boundary,
 * says so on stderr ("profdiff: note: ..."), with what to do. */
void pd_cli_shallow_note(const pd_store *s);

/* An app report callback (pd_app_report) that prints each problem as an
 * error and counts it in the int `ctx` points to. */
void pd_cli_report(void *ctx, const pd_error *err);

/* The last recorded error as a warning: "profdiff: warning: ...". */
/* A gate's file counted on stderr, as the pre-commit hook and commit
 * say it: "PATH: N errors as published (not this update's), N warnings,
 * N notes (profdiff lint PATH shows them)", the path made inert; nothing
 * when there is nothing to count. */
void pd_cli_gate_counts(const pd_app_gate_file *f);

/* What a gate's refusal adds of the publication branch, appended to
 * `out`: "; published is what BRANCH holds", and that a commit to it
 * publishes when it is the branch checked out; nothing when nothing is
 * published. */
void pd_cli_gate_published(pd_buf *out, const pd_app_gate *g);

/* "profdiff: note: MSG" on stderr, MSG made inert as errors are. */
void pd_cli_note(const char *msg);

void pd_cli_warning_last(void);

/* Reports a misuse of a command, pointing at its --help; returns
 * EXIT_TROUBLE. */
int pd_cli_bad_usage(const char *cmd, const char *what);

/* Writes a rendered buffer to `output` (replaced atomically) or, when it
 * is NULL, to standard output. 0, or an error recorded. */
int pd_cli_emit(const char *output, const pd_buf *b);

/* Where a command's output goes: a file replaced atomically (-o FILE), or
 * standard output. */
typedef struct pd_cli_out {
	pd_file_out file;
	bool to_file;
	pd_render_sink sink; /* writes to it */
} pd_cli_out;

/* Begins the output: to `path` (NULL: standard output). 0, or an error
 * recorded. */
int pd_cli_out_begin(pd_cli_out *o, const char *path);

/* Writes a whole rendered buffer and ends the output: the file is
 * committed. 0, or an error recorded (the file is then abandoned). */
int pd_cli_out_finish(pd_cli_out *o, const pd_buf *rendered);

/* Abandons a begun output: a file not committed is removed. */
void pd_cli_out_abort(pd_cli_out *o);

/* Writes output as it is rendered: to `ctx`, a pd_file_out begun with
 * pd_file_begin (-o FILE), or to standard output when ctx is NULL; 0, or
 * an error recorded. Its signature is a pd_render_sink's. */
int pd_cli_write_out(void *ctx, const char *data, size_t len);

#endif
