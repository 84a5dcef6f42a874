/*
 * main.c: global options and the command table.
 *
 *   profdiff [-C DIR] [--color=auto|always|never] [--no-pager] COMMAND
 *            [ARGS...]
 *
 * Each command lives in its own cmd_<name>.c with its own option parsing
 * and --help; this file only picks one, starts the pager for those whose
 * output is read on a terminal, and says which command was meant when the
 * name is mistyped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "profdiff/error.h"
#include "profdiff/fileio.h"
#include "profdiff/version.h"
#include "suggest.h"

/* The commands whose output is read on a terminal, through the pager. */
static const char *const paged[] = {"lint",   "diff",      "review",
				    "log",    "changelog", "blame",
				    "overview", "show"};

static const pd_cli_command commands[] = {
	{"import", pd_cmd_import, "read published pages into profile YAML"},
	{"lint", pd_cmd_lint, "check citations, dates, treaties and laws"},
	{"diff", pd_cmd_diff, "what changed in substance between revisions"},
	{"review", pd_cmd_review, "an update as a whole: changes, findings new "
			       "and fixed"},
	{"log", pd_cmd_log, "published revisions, newest first, with summaries"},
	{"commit", pd_cmd_commit, "validated, atomic commit of profiles"},
	{"changelog", pd_cmd_changelog, "the changelog for publication"},
	{"blame", pd_cmd_blame, "where each claim comes from; stale claims"},
	{"site", pd_cmd_site, "the publication's static site, with histories"},
	{"overview", pd_cmd_overview, "treaties, laws and lint of every profile, "
				   "and when each changed"},
	{"init", pd_cmd_init, "create a profiles repository with its hooks"},
	{"hooks", pd_cmd_hooks, "install the git hooks"},
	{"textconv", pd_cmd_textconv, "a profile as text for git's diff driver"},
	{"show", pd_cmd_show, "print a profile (YAML or page) in canonical YAML"},
	{"fmt", pd_cmd_fmt, "rewrite profiles in canonical YAML"},
	{"lsp", pd_cmd_lsp, "a language server for editors (LSP on stdio)"},
	{"render", pd_cmd_render, "a profile as the publication's page, "
				  "Markdown or HTML"},
	{"schema", pd_cmd_schema, "the JSON Schema of profiles, for editors"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: profdiff [-C DIR] [--color=auto|always|never] "
	      "[--no-pager]\n"
	      "                COMMAND [ARGS...]\n"
	      "       profdiff --version | --help | help COMMAND\n\n"
	      "Country profiles kept as YAML in git: import, lint, semantic "
	      "diff,\nreview, blame, changelog, overview.\n\n"
	      "Commands:\n",
	      f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\nOptions:\n"
	      "  -C DIR         run as if started in DIR\n"
	      "  --color=WHEN   colour output: auto (default; off when NO_COLOR "
	      "is set\n"
	      "                 or output is not a terminal), always, never\n"
	      "  --no-pager     do not send long output to a pager (PAGER, "
	      "less)\n"
	      "                 on a terminal\n"
	      "  --version      print the version\n"
	      "  -h, --help     print this help\n\n"
	      "The global options are taken anywhere on the line.\n"
	      "Exit status: 0 success, 1 findings or differences, 2 trouble.\n"
	      "Run 'profdiff COMMAND --help' for a command's options.\n",
	      f);
}

static const pd_cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* An unknown command, with the one meant when it is close. */
static int unknown_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	const char *pick;
	size_t k;

	for (k = 0; k < NCOMMANDS; k++)
		names[k] = commands[k].name;
	pick = pd_suggest(name, names, NCOMMANDS);
	if (pick)
		pd_cli_error("unknown command '%s'; did you mean '%s'? (see "
			     "'profdiff --help')",
			     name, pick);
	else
		pd_cli_error("unknown command '%s' (see 'profdiff --help')",
			     name);
	return EXIT_TROUBLE;
}

/* Whether the command's output goes through the pager: a command read on
 * a terminal, without --no-pager anywhere before "--". */
static bool wants_pager(const char *name, int argc, char **argv)
{
	size_t k;
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--no-pager") == 0 ||
		    strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return false;
	for (k = 0; k < sizeof(paged) / sizeof(paged[0]); k++)
		if (strcmp(paged[k], name) == 0)
			return true;
	return false;
}

/* An interrupted command removes the temporary files of the replacements
 * under way on every thread, and makes no more, then dies of the signal
 * as it would have. */
static void on_signal(int sig)
{
	pd_file_stop();
	raise(sig); /* SA_RESETHAND: the default action now */
}

static void catch_signals(void)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
	struct sigaction sa, old;
	size_t k;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < sizeof(sigs) / sizeof(sigs[0]); k++)
		if (sigaction(sigs[k], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN) /* nohup stays nohup */
			sigaction(sigs[k], &sa, NULL);
}

/* profdiff's memory comes and goes in waves, a profile or a diff at a
 * time: glibc would hand the top of the heap back to the kernel after each
 * wave and fault the same pages in again for the next (a sixth of the
 * changelog's time over a long history); up to 8 MiB of it stays. Setting
 * that ends glibc's own tuning of which blocks it maps apart, so that is
 * set too: blocks under 8 MiB come from the heap.
 *
 * Each arena keeps its own 8 MiB, and glibc gives threads up to eight
 * arenas a core: the reading, diffing and writing threads of a long
 * history spread over a dozen, each holding what it freed. As many
 * arenas as cores: the changelog of a repacked history of 100 profiles
 * of 5-100 KB took 89-96 MB at its peak, 65 MB so, in the same time. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	mallopt(M_MMAP_THRESHOLD, 8 << 20);
	mallopt(M_ARENA_MAX, cores < 2 ? 2 : cores > 64 ? 64 : (int)cores);
#endif
}

/* Output to a file or a pipe goes out 64 KiB at a time, not in the 4 KiB
 * stdio picks for them: a lint run writes megabytes, and each write is a
 * system call. A terminal keeps its line buffering. */
static void buffer_stdout(void)
{
	static char buf[1 << 16];

	if (isatty(STDOUT_FILENO) != 1)
		setvbuf(stdout, buf, _IOFBF, sizeof(buf));
}

/* Output that could not be written (a full disk) is an error, not a cut
 * short file: stdout is flushed and checked before the exit status is
 * settled. A command that failed has said why already. */
static int finish_stdout(int rc)
{
	int e = fflush(stdout) == 0 ? 0 : errno;

	if ((!e && !ferror(stdout)) || rc == EXIT_TROUBLE)
		return rc;
	if (e)
		pd_cli_error("cannot write the output: %s", strerror(e));
	else
		pd_cli_error("cannot write the output");
	return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
	pd_cli c = {COLOR_AUTO, NULL};
	const pd_cli_command *cmd;
	int i, rc;

	catch_signals();
	tune_malloc();
	buffer_stdout();
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--version") == 0) {
			printf("profdiff %s\n", PD_VERSION);
			return finish_stdout(EXIT_OK);
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return finish_stdout(EXIT_OK);
		} else if (strcmp(a, "-C") == 0) {
			if (++i >= argc) {
				pd_cli_error("-C needs a directory");
				return EXIT_TROUBLE;
			}
			c.dir = argv[i];
		} else if (strncmp(a, "-C", 2) == 0) {
			c.dir = a + 2;
		} else if (strncmp(a, "--color=", 8) == 0) {
			if (pd_cli_set_color(&c, a + 8) < 0)
				return EXIT_TROUBLE;
		} else if (strcmp(a, "--color") == 0) {
			if (++i >= argc) {
				pd_cli_error("--color needs auto, always or never");
				return EXIT_TROUBLE;
			}
			if (pd_cli_set_color(&c, argv[i]) < 0)
				return EXIT_TROUBLE;
		} else if (strcmp(a, "--no-pager") == 0) {
			continue; /* wants_pager sees it */
		} else {
			pd_cli_error("unknown option '%s' (see 'profdiff --help')",
				     a);
			return EXIT_TROUBLE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (c.dir && pd_cli_chdir(&c, c.dir) < 0)
		return EXIT_TROUBLE;
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 >= argc) {
			usage(stdout);
			return finish_stdout(EXIT_OK);
		}
		cmd = find_command(argv[i + 1]);
		if (!cmd)
			return unknown_command(argv[i + 1]);
		{
			char *help_argv[] = {argv[i + 1], "--help", NULL};

			return finish_stdout(cmd->fn(2, help_argv, &c));
		}
	}
	if (strcmp(argv[i], "__complete") == 0) /* hidden: for the shells */
		return finish_stdout(
			pd_cli_complete(argc - i, argv + i, commands, NCOMMANDS, &c));
	cmd = find_command(argv[i]);
	if (!cmd)
		return unknown_command(argv[i]);
	if (wants_pager(cmd->name, argc - 1, argv + 1))
		pd_cli_pager_start();
	rc = finish_stdout(cmd->fn(argc - i, argv + i, &c));
	pd_cli_pager_finish();
	return rc;
}
