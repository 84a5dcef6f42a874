/*
 * cmd_overview.c: profdiff overview [PROFILE...] [--since DATE]
 *                 [--format markdown|html|csv|json] [-o FILE]
 *
 * The regional overview: every profile at HEAD (or those named), each
 * treaty of the vocabulary with its status and the published revision in
 * which it last changed, the laws, and the lint counts. Each profile's
 * history is read once, one profile at a time.
 */
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff overview [PROFILE...] [--since DATE] [--format FORMAT]\n"
	"                         [-o FILE]\n\n"
	"The regional overview: for every profile at HEAD (or each PROFILE,\n"
	"a name or a path), each treaty of the vocabulary with its status,\n"
	"how and when, and the published revision in which its status last\n"
	"changed; the laws with status and year; the lint counts.\n\n"
	"  --since DATE     mark (and highlight) what changed in a revision\n"
	"                   published after DATE (YYYY-MM-DD)\n"
	"  --format FORMAT  markdown (default: a country x treaty matrix and\n"
	"                   the laws), html (one page, sortable), csv (one row\n"
	"                   a profile) or json (profdiff.overview.v1)\n"
	"  -o, --output F   write to F (atomically); an HTML overview links each\n"
	"                   country to changelog.html when it is beside F\n"
	"  -h, --help       print this help\n";

/* "changelog.html" when it is in the directory `output` goes to. */
static const char *changelog_beside(const char *output)
{
	char dir[PATH_MAX], path[PATH_MAX + 32];

	if (!output || snprintf(dir, sizeof(dir), "%s", output) >=
				       (int)sizeof(dir))
		return NULL;
	snprintf(path, sizeof(path), "%s/changelog.html", dirname(dir));
	return access(path, F_OK) == 0 ? "changelog.html" : NULL;
}

int pd_cmd_overview(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"since", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	pd_overview ov;
	pd_store *s = NULL;
	pd_arena *a = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	pd_date since = {0, 0, 0};
	int fmt = PD_FORMAT_MARKDOWN, opt, rc = EXIT_OK, skipped = 0;

	(void)c;
	pd_cli_opts_init(&go, c, "overview", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 's':
			if (!pd_date_parse(optarg, strlen(optarg), &since))
				return pd_cli_bad_usage("overview",
							"--since takes a date, "
							"YYYY-MM-DD");
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_CSV && fmt != PD_FORMAT_JSON)
				return pd_cli_bad_usage(
					"overview", "--format takes markdown, "
						    "html, csv or json");
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
	if (!(a = pd_arena_new())) {
		pd_cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	pd_cli_progress_init(&shown, "overview: profiles", false);
	if (pd_store_open(&s, ".") < 0 ||
	    pd_app_overview(&ov, s, a,
			    optind < argc ? (const char *const *)argv + optind
					  : NULL,
			    (size_t)(argc - optind), since, &progress,
			    pd_cli_report, &skipped) < 0)
		goto trouble;
	pd_cli_progress_done(&shown);
	pd_cli_shallow_note(s);
	ov.changelog = changelog_beside(output);
	if (pd_render_overview(&out, (pd_format)fmt, &ov) < 0 ||
	    pd_cli_emit(output, &out) < 0)
		goto trouble;
	/* drawn without the profiles that could not be read */
	if (skipped)
		rc = EXIT_FINDINGS;
	goto done;
trouble:
	pd_cli_error_last();
	rc = EXIT_TROUBLE;
done:
	pd_buf_free(&out);
	pd_store_free(s);
	pd_arena_free(a);
	return rc;
}
