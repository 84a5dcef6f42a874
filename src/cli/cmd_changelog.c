/*
 * cmd_changelog.c: profdiff changelog [--since D] [--until D] [PROFILE...]
 *                  [--format markdown|html|json|atom] [--base-url URL]
 *                  [-o FILE] [--no-summaries]
 *
 * For every published revision in the period, its changes against the
 * previous published revision of its profile; newest first, by date then
 * country. Substantive changes are listed, editorial ones counted.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff changelog [--since D] [--until D] [PROFILE...]\n"
	"                          [--format markdown|html|json|atom]\n"
	"                          [--base-url URL] [-o FILE] [--no-summaries]\n\n"
	"The publication's changelog: for every published revision in the\n"
	"period (dates YYYY-MM-DD, both included), what changed in substance\n"
	"against the previous published revision of its profile, newest\n"
	"first, by date then country. Laws, ratifications, factual and\n"
	"added or removed claims, and sources are listed; editorial changes\n"
	"(wording, spelling, access dates) are counted. Each revision carries\n"
	"its edit summary: the first lines of the messages of the commits that\n"
	"made it, each once, oldest first. Without PROFILE: every profile of\n"
	"the repository.\n\n"
	"  --since D, --until D  the period\n"
	"  --format F            markdown (default; Keep a Changelog style),\n"
	"                        html (a self-contained page with a timeline),\n"
	"                        json (profdiff.changelog.v1), atom (a feed)\n"
	"  --title T             the publication's name (default: Country\n"
	"                        profiles)\n"
	"  --feed-id DOMAIN      the authority of the feed's tag: ids (default:\n"
	"                        profdiff.invalid)\n"
	"  --base-url URL        the site's address (http or https): the feed's\n"
	"                        links are absolute from it; without it,\n"
	"                        relative, for a feed beside changelog.html\n"
	"  -o, --output FILE     write FILE atomically instead of standard "
	"output\n"
	"  --no-summaries        leave the edit summaries (commit messages) out\n"
	"  -h, --help            print this help\n";

int pd_cmd_changelog(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"title", required_argument, NULL, 't'},
		{"feed-id", required_argument, NULL, 'i'},
		{"base-url", required_argument, NULL, 'b'},
		{"output", required_argument, NULL, 'o'},
		{"no-summaries", no_argument, NULL, 'S'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_app_changelog_options o = PD_APP_CHANGELOG_OPTIONS_INIT;
	pd_app_changelog *cl = NULL;
	pd_store *s = NULL;
	pd_cli_out out;
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	const char *output = NULL;
	int fmt, opt, troubles = 0;

	(void)c;
	pd_cli_opts_init(&go, c, "changelog", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 's':
		case 'u':
			if (!pd_date_parse(optarg, strlen(optarg),
					   opt == 's' ? &o.since : &o.until))
				return pd_cli_bad_usage("changelog",
							"--since and --until "
							"take YYYY-MM-DD");
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_JSON && fmt != PD_FORMAT_ATOM)
				return pd_cli_bad_usage("changelog",
							"--format takes "
							"markdown, html, json "
							"or atom");
			o.format = (pd_format)fmt;
			break;
		case 't':
			o.title = optarg;
			break;
		case 'i':
			o.feed_id = optarg;
			break;
		case 'b':
			if (!pd_app_web_url(optarg))
				return pd_cli_bad_usage("changelog",
							"--base-url takes an "
							"http or https URL");
			o.base_url = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'S':
			o.no_summaries = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (o.since.year && o.until.year && pd_date_cmp(o.since, o.until) > 0)
		return pd_cli_bad_usage("changelog", "--since comes after "
						     "--until: the period is "
						     "empty");
	if (optind < argc) {
		o.profiles = (const char *const *)argv + optind;
		o.nprofiles = (size_t)(argc - optind);
	}
	/* the feed's rel="self" is the file written */
	if (output && strrchr(output, '/'))
		o.feed_name = strrchr(output, '/') + 1;
	else if (output)
		o.feed_name = output;
	o.report = pd_cli_report;
	o.ctx = &troubles;
	o.progress = &progress;
	pd_cli_progress_init(&shown, "changelog: profiles", false);
	if (pd_store_open(&s, ".") < 0 || pd_app_changelog_build(&cl, s, &o) < 0)
		goto trouble;
	pd_cli_progress_done(&shown);
	pd_cli_shallow_note(s);
	/* the changelog owns what it shows: the repository, its caches and
	 * mapped packs go before it is written, as it is rendered */
	pd_store_free(s);
	s = NULL;
	/* a history that could not be read all makes no changelog: one
	 * without some profiles' revisions would look whole */
	if (troubles) {
		pd_app_changelog_free(cl);
		return EXIT_TROUBLE;
	}
	if (pd_cli_out_begin(&out, output) < 0)
		goto trouble;
	if (pd_render_changelog_to(&out.sink, o.format,
				   pd_app_changelog_get(cl)) < 0) {
		pd_cli_out_abort(&out);
		goto trouble;
	}
	if (pd_cli_out_finish(&out, NULL) < 0)
		goto trouble;
	pd_app_changelog_free(cl);
	return troubles ? EXIT_TROUBLE : EXIT_OK;
trouble:
	pd_cli_error_last();
	pd_app_changelog_free(cl);
	pd_store_free(s);
	return EXIT_TROUBLE;
}
