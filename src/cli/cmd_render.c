/*
 * cmd_render.c: profdiff render PROFILE[@REV]
 * [--format page|markdown|html] [--renumber] [-o FILE]
 *
 * A profile as the publication's page (the text import reads back), as
 * Markdown, or as an HTML page. What the page does not carry of the profile is named on
 * standard error.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff render PROFILE[@REV] [--format page|markdown|html]\n"
	"                      [--renumber] [-o FILE]\n\n"
	"Renders a profile as a document. PROFILE is a YAML file, a page, or a\n"
	"profile of the repository by name or path; REV is a published date\n"
	"(YYYY-MM-DD), a git revision, staged or worktree, as show takes it.\n\n"
	"  --format page      the publication's page, as text: 'profdiff\n"
	"                     import' reads it back (the default); each law,\n"
	"                     treaty or setting of the profile the page does\n"
	"                     not carry is named on standard error\n"
	"  --format markdown  CommonMark, footnotes as [^n], YAML front matter\n"
	"  --format html      one self-contained page: sections, footnotes\n"
	"                     linked both ways, the treaty and law tables and,\n"
	"                     for a profile of the repository, what changed\n"
	"                     since the published revision before it\n"
	"  --renumber         footnotes in order of first citation first\n"
	"  -o, --output FILE  write to FILE, replaced atomically\n"
	"  -h, --help         print this help\n";

/* A thing the page does not carry: a note, not an error. */
static void note(void *ctx, const pd_error *err)
{
	char msg[2048];

	(void)ctx;
	pd_error_format(err, msg, sizeof(msg));
	pd_cli_note(msg);
}

int pd_cmd_render(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"renumber", no_argument, NULL, 'r'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_app_render_options ro = PD_APP_RENDER_OPTIONS_INIT;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	pd_cli_opts go;
	int opt, rc = EXIT_OK;

	pd_cli_opts_init(&go, c, "render", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'f':
			/* any format whose renderer has a profile document
			 * (render_internal.h); the others are refused by
			 * pd_render_profile */
			if (pd_format_lookup(optarg) < 0)
				return pd_cli_bad_usage(
					"render",
					"--format takes page, markdown or html");
			ro.format = (pd_format)pd_format_lookup(optarg);
			break;
		case 'r':
			ro.renumber = true;
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
	if (argc - optind != 1)
		return pd_cli_bad_usage("render", "give one PROFILE");
	ro.profile = argv[optind];
	ro.report = note;
	if (pd_app_render(&out, &ro) < 0 || pd_cli_emit(output, &out) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	}
	pd_buf_free(&out);
	return rc;
}
