/*
 * cmd_lint.c: profdiff lint [PATH...] [--strict] [--format FORMAT]
 *
 * Lints profiles (YAML, or pages imported on the fly) and prints the
 * findings. Without a path: every profile of the repository's profiles
 * directory. Exit status: 1 when any finding is an error, 0 otherwise, 2
 * when a file could not be read or the configuration is broken.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/render.h"

static const char usage[] =
	"usage: profdiff lint [PATH...] [--strict] [--format FORMAT]\n\n"
	"Checks profiles: schema, dates, citations to missing footnotes,\n"
	"footnotes never cited, ibid and (n X) cross-references, uncited\n"
	"assertions, treaty statements against the treaties list, laws named\n"
	"but not listed, sources cited twice. PATH is a profile, a page (.txt)\n"
	"or a directory of profiles; without one, the repository's profiles.\n\n"
	"  --strict           also report every uncited sentence (info)\n"
	"  --format FORMAT    text (default), gcc, json, sarif or github\n"
	"  -h, --help         print this help\n\n"
	"Settings come from .profdiff.yaml at the repository root (rule\n"
	"severities, uncited mode, extra treaties); a profile's lint.ignore\n"
	"silences rules for it. Exit status: 1 when there is an error, 0\n"
	"otherwise, 2 when lint could not run.\n";

int cmd_lint(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_lint_options lopts = PD_LINT_OPTIONS_INIT;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_lint_report *reports = NULL;
	pd_config *config = NULL;
	cli_paths paths = {0};
	pd_buf out = PD_BUF_INIT;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;
	char root[4096];
	size_t i, nreports = 0;
	bool any_error = false;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			lopts.strict = true;
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt < 0 || fmt > PD_FORMAT_GITHUB)
				return cli_bad_usage(
					"lint", "--format takes text, gcc, json, "
						"sarif or github");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("lint", argv, optind);
		}
	}
	cli_find_root(root, sizeof(root));
	if (cli_load_config(&config, root) < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	lopts.severities = config->severities;
	lopts.nseverities = config->nseverities;
	lopts.uncited = config->uncited;
	lopts.vocab = &config->vocab;
	lopts.today = cli_today();
	if (optind < argc) {
		if (cli_expand_paths(&paths, argc - optind, argv + optind) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
		}
	} else {
		char dir[4200];
		struct stat st;

		snprintf(dir, sizeof(dir), "%s/%s", root,
			 config->profiles_dir);
		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			cli_error("no profiles directory '%s' here (give paths, "
				  "or set 'profiles:' in %s)",
				  dir, PD_CONFIG_FILE);
			pd_config_free(config);
			return EXIT_TROUBLE;
		}
		{
			char *one[] = {dir};

			if (cli_expand_paths(&paths, 1, one) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
			}
		}
	}
	reports = calloc(paths.n ? paths.n : 1, sizeof(*reports));
	if (!reports) {
		cli_error("out of memory");
		rc = EXIT_TROUBLE;
		goto done;
	}
	for (i = 0; i < paths.n; i++) {
		pd_profile *p = NULL;
		pd_lint_result *r = NULL;
		int err = cli_load_profile_with(&p, paths.v[i], &config->vocab);

		if (err == PD_EINVALID) {
			err = pd_lint_schema(&r, pd_error_last(), &lopts);
		} else if (err == 0) {
			err = pd_lint(&r, p, &lopts);
		}
		pd_profile_free(p);
		if (err < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			continue;
		}
		reports[nreports].path = paths.v[i];
		reports[nreports].result = r;
		nreports++;
		if (r->count[PD_SEV_ERROR])
			any_error = true;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && cli_use_color(c, stdout);
	if (pd_render_lint(&out, (pd_format)fmt, reports, nreports, &ropts) <
	    0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (rc == EXIT_OK && any_error)
		rc = EXIT_FINDINGS;
done:
	for (i = 0; i < nreports; i++)
		pd_lint_result_free((pd_lint_result *)reports[i].result);
	free(reports);
	pd_buf_free(&out);
	cli_paths_free(&paths);
	pd_config_free(config);
	return rc;
}
