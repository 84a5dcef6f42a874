/*
 * cmd_site.c: profdiff site [-o DIR] [--base-url URL] [PROFILE...]
 *
 * The publication's static site from the repository (pd_app_site).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff site [-o DIR] [--base-url URL] [--title T]\n"
	"                     [--feed-id DOMAIN] [--stale MONTHS] [PROFILE...]\n\n"
	"Writes the publication's static site from the repository's published\n"
	"revisions: index.html (the regional overview and the latest changes),\n"
	"each profile's page as published now, its history (every published\n"
	"revision with its page and its changes since the one before) and its\n"
	"blame with stale claims, changelog.html and changelog.atom. Links are\n"
	"relative: the site reads the same from file:// and from any server,\n"
	"without JavaScript. Run again, it writes only the pages whose inputs\n"
	"changed. Without PROFILE: every profile.\n\n"
	"  -o, --output DIR  where the site goes (default: site), made with\n"
	"                    the directories it lies in\n"
	"  --base-url URL    the site's address (http or https), for the\n"
	"                    feed's absolute links\n"
	"  --title T         the publication's name (default: Country profiles)\n"
	"  --feed-id DOMAIN  the authority of the feed's tag: ids\n"
	"  --stale MONTHS    claims unchanged this long are stale (default 12;\n"
	"                    0: none)\n"
	"  -h, --help        print this help\n";

int pd_cmd_site(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"base-url", required_argument, NULL, 'b'},
		{"title", required_argument, NULL, 't'},
		{"feed-id", required_argument, NULL, 'i'},
		{"stale", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result res;
	pd_store *s = NULL;
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	char *end;
	long months;
	int opt, troubles = 0;

	pd_cli_opts_init(&go, c, "site", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'o':
			if (!*optarg)
				return pd_cli_bad_usage("site", "-o takes a "
								"directory");
			o.dir = optarg;
			break;
		case 'b':
			if (!pd_app_web_url(optarg))
				return pd_cli_bad_usage("site", "--base-url "
								"takes an http "
								"or https URL");
			o.base_url = optarg;
			break;
		case 't':
			o.title = optarg;
			break;
		case 'i':
			o.feed_id = optarg;
			break;
		case 's':
			months = strtol(optarg, &end, 10);
			if (*end || end == optarg || months < 0 || months > 1200)
				return pd_cli_bad_usage("site", "--stale takes "
								"months, 0 to "
								"1200");
			o.stale_months = (int)months;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind < argc) {
		o.profiles = (const char *const *)argv + optind;
		o.nprofiles = (size_t)(argc - optind);
	}
	o.report = pd_cli_report;
	o.ctx = &troubles;
	o.progress = &progress;
	pd_cli_progress_init(&shown, "site: profiles", false);
	if (pd_store_open(&s, ".") < 0 || pd_app_site(&res, s, &o) < 0) {
		pd_cli_error_last();
		pd_store_free(s);
		return EXIT_TROUBLE;
	}
	pd_cli_progress_done(&shown);
	pd_store_free(s);
	fprintf(stderr, "%s: %zu profile%s, %zu page%s written, %zu unchanged",
		o.dir, res.profiles, res.profiles == 1 ? "" : "s", res.written,
		res.written == 1 ? "" : "s", res.kept);
	if (res.removed)
		fprintf(stderr, ", %zu removed", res.removed);
	fputc('\n', stderr);
	return troubles ? EXIT_TROUBLE : EXIT_OK;
}
