/*
 * cmd_diff.c: profdiff diff FILE_A FILE_B [--format F] [--exit-code]
 *
 * The semantic diff of two profiles (YAML or pages): laws, treaties,
 * claims, sources; nothing for renumbered footnotes, wrapping, quotes or
 * layout. With --exit-code the status is 1 when there are changes.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "profdiff/diff.h"

static const char usage[] =
	"usage: profdiff diff PROFILE [FROM [TO]] [--format FORMAT] "
	"[--exit-code] [-o FILE]\n"
	"       profdiff diff FILE_A FILE_B [...]\n\n"
	"Shows what changed in substance between two revisions of a profile\n"
	"of the repository, or between two files (profiles or published\n"
	"pages). Revisions are published dates (YYYY-MM-DD), git revisions\n"
	"(HEAD~2, a hash, a branch), staged or worktree. Without them: the\n"
	"previous published revision against the newest, or against the\n"
	"working tree when it holds uncommitted edits.\n\n"
	"The changes: laws added, removed or changed; treaty statuses;\n"
	"claims added, removed, reworded (word by word, marked factual or\n"
	"editorial), moved between sections or re-sourced; sources added,\n"
	"removed or changed. Renumbered footnotes, re-wrapped lines, quote and\n"
	"dash style, spacing and YAML layout are no change.\n\n"
	"  --format FORMAT  text (default), json (profdiff.diff.v1), markdown\n"
	"                   or html (a self-contained review page)\n"
	"  --exit-code      exit 1 when there are changes, 0 when none\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n";

int pd_cmd_diff(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"exit-code", no_argument, NULL, 'e'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_app_diff *d = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;
	bool exit_code = false;

	pd_cli_opts_init(&go, c, "diff", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML)
				return pd_cli_bad_usage(
					"diff", "--format takes text, json, "
						"markdown or html");
			break;
		case 'e':
			exit_code = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (argc - optind < 1 || argc - optind > 3)
		return pd_cli_bad_usage("diff", "give PROFILE [FROM [TO]], or "
						"FILE_A FILE_B");
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      pd_cli_use_color(c, stdout);
	if (pd_app_diff_build(&d, (const char *const *)argv + optind,
			      (size_t)(argc - optind)) < 0 ||
	    pd_render_diff(&out, (pd_format)fmt, pd_app_diff_report(d),
			   &ropts) < 0 ||
	    pd_cli_emit(output, &out) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	} else if (exit_code && pd_app_diff_report(d)->diff->nchanges) {
		rc = EXIT_FINDINGS;
	}
	pd_app_diff_free(d);
	pd_buf_free(&out);
	return rc;
}
