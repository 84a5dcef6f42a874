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
#include "profdiff/fileio.h"
#include "profdiff/render.h"

static const char usage[] =
	"usage: profdiff diff FILE_A FILE_B [--format FORMAT] [--exit-code] "
	"[-o FILE]\n\n"
	"Shows what changed in substance from FILE_A to FILE_B (profiles or\n"
	"published pages): laws added, removed or changed; treaty statuses;\n"
	"claims added, removed, reworded (word by word, marked factual or\n"
	"editorial), moved between sections or re-sourced; sources added,\n"
	"removed or changed. Renumbered footnotes, re-wrapped lines, quote and\n"
	"dash style, spacing and YAML layout are no change.\n\n"
	"  --format FORMAT  text (default), json (profdiff.diff.v1), markdown\n"
	"                   or html (a self-contained review page)\n"
	"  --exit-code      exit 1 when there are changes, 0 when none\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n";

int cmd_diff(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"exit-code", no_argument, NULL, 'e'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_diff_report rep;
	pd_config *config = NULL;
	pd_profile *a = NULL, *b = NULL;
	pd_diff *d = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	char root[4096], slug[256];
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;
	bool exit_code = false;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML)
				return cli_bad_usage(
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
			return cli_bad_option("diff", argv, optind);
		}
	}
	if (argc - optind != 2)
		return cli_bad_usage("diff", "give two profiles: FILE_A FILE_B");
	cli_find_root(root, sizeof(root));
	if (cli_load_config(&config, root) < 0 ||
	    cli_load_profile_with(&a, argv[optind], &config->vocab) < 0 ||
	    cli_load_profile_with(&b, argv[optind + 1], &config->vocab) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	dopts.vocab = &config->vocab;
	if (pd_diff_profiles(&d, a, b, &dopts) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	memset(&rep, 0, sizeof(rep));
	pd_country_slug(b->country ? b->country : "", slug, sizeof(slug));
	rep.profile = slug;
	rep.from.path = argv[optind];
	rep.from.profile = a;
	rep.to.path = argv[optind + 1];
	rep.to.profile = b;
	rep.diff = d;
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      cli_use_color(c, stdout);
	if (pd_render_diff(&out, (pd_format)fmt, &rep, &ropts) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (output) {
		if (pd_file_write_atomic(output, out.ptr, out.len) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto done;
		}
	} else if (out.len) {
		fwrite(out.ptr, 1, out.len, stdout);
	}
	if (exit_code && d->nchanges)
		rc = EXIT_FINDINGS;
done:
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
	pd_config_free(config);
	pd_buf_free(&out);
	return rc;
}
