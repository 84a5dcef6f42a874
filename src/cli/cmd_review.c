/*
 * cmd_review.c: profdiff review [BASE..HEAD | BASE | --staged | --worktree]
 *
 * An update reviewed as a whole: every profile it adds, deletes, modifies
 * or renames, with its semantic diff and the lint findings it introduces
 * and fixes, matched by what they are about. The exit status gates CI on
 * new findings only.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff review [BASE..HEAD | BASE | --staged | --worktree]\n"
	"                       [--format FORMAT] [--fail-on LEVEL] [-o FILE]\n\n"
	"Reviews an update as a whole: every profile it adds, deletes,\n"
	"modifies or renames, with what changed in substance and the lint\n"
	"findings the update introduces and fixes. Findings are matched by\n"
	"what they are about (the rule, the claim or the source), never by\n"
	"line or footnote number: renumbering footnotes or re-wrapping lines\n"
	"introduces nothing.\n\n"
	"  BASE..HEAD       HEAD against where it forked from BASE (as git diff\n"
	"                   BASE...HEAD): a branch or merge request\n"
	"  BASE             BASE against HEAD\n"
	"  --staged         the index against HEAD\n"
	"  --worktree       the working tree against HEAD (the default)\n"
	"  --format FORMAT  text (default), markdown (a merge-request comment),\n"
	"                   json (profdiff.review.v1), html (a page) or sarif\n"
	"                   (the introduced findings, for code scanning)\n"
	"  --fail-on LEVEL  exit 1 when the update introduces a finding of\n"
	"                   LEVEL or above: error (default), warning, info or\n"
	"                   never\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n\n"
	"Exit status: 0, 1 (new findings at --fail-on), 2 (trouble: a bad\n"
	"range, an unreadable repository, or a profile that no longer\n"
	"parses, which is also the review's first finding).\n";

int pd_cmd_review(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"staged", no_argument, NULL, 's'},
		{"worktree", no_argument, NULL, 'w'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_review r;
	pd_store *s = NULL;
	pd_arena *a = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL, *arg = NULL;
	pd_severity fail_on = PD_SEV_ERROR;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK, modes = 0;
	bool staged = false;

	pd_cli_opts_init(&go, c, "review", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_SARIF)
				return pd_cli_bad_usage(
					"review", "--format takes text, "
						  "markdown, json, html or sarif");
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0) {
				fail_on = PD_SEV_OFF;
				break;
			}
			opt = pd_severity_lookup(optarg, strlen(optarg));
			if (opt <= PD_SEV_OFF)
				return pd_cli_bad_usage(
					"review", "--fail-on takes error, "
						  "warning, info or never");
			fail_on = (pd_severity)opt;
			break;
		case 's':
			staged = true;
			modes++;
			break;
		case 'w':
			modes++;
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
	if (optind < argc)
		arg = argv[optind++];
	if (optind < argc || modes + (arg != NULL) > 1)
		return pd_cli_bad_usage("review", "give one of BASE..HEAD, "
						  "BASE, --staged or --worktree");
	memset(&r, 0, sizeof(r));
	if (!(a = pd_arena_new())) {
		pd_cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      pd_cli_use_color(c, stdout);
	if (pd_store_open(&s, ".") < 0 ||
	    pd_app_review(&r, s, a, arg, staged) < 0 ||
	    pd_render_review(&out, (pd_format)fmt, &r, &ropts) < 0 ||
	    pd_cli_emit(output, &out) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	} else if (r.broken) {
		/* the review is written; the trouble is said on stderr too */
		char msg[1600];

		pd_error_format(r.entries[0].to_error, msg, sizeof(msg));
		pd_cli_error("%s (no longer parses)", msg);
		rc = EXIT_TROUBLE;
	} else if (pd_review_fails(&r, fail_on)) {
		rc = EXIT_FINDINGS;
	}
	pd_app_review_release(&r);
	pd_buf_free(&out);
	pd_store_free(s);
	pd_arena_free(a);
	return rc;
}
