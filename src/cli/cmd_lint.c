/*
 * cmd_lint.c: profdiff lint [PATH...] [--strict] [--format FORMAT]
 *
 * Lints profiles (YAML, or pages imported on the fly) and prints the
 * findings. Without a path: every profile of the repository's profiles
 * directory. Exit status: 1 when any finding is an error, 0 otherwise, 2
 * when a file could not be read or the configuration is broken.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff lint [PATH...] [--staged] [--strict] [--format "
	"FORMAT]\n\n"
	"Checks profiles: schema, dates, citations to missing footnotes,\n"
	"footnotes never cited, ibid and (n X) cross-references, uncited\n"
	"assertions, treaty statements against the treaties list, laws named\n"
	"but not listed, sources cited twice. PATH is a profile, a page (.txt)\n"
	"or a directory of profiles; without one, the repository's profiles.\n\n"
	"  --staged           lint the profiles staged in the index (the\n"
	"                     content to be committed, not the working tree);\n"
	"                     the pre-commit hook\n"
	"  --strict           also report every uncited sentence (info)\n"
	"  --format FORMAT    text (default), gcc, json, sarif or github\n"
	"  --list-rules       list the rules: id, severity here, what each\n"
	"                     finds\n"
	"  -h, --help         print this help\n\n"
	"In a repository, each profile is checked as every gate checks it,\n"
	"against the publication branch: a date going backwards, a change in\n"
	"substance under a published date, or a lint.ignore added to silence\n"
	"an error is an error; a new date is a draft, free to change.\n\n"
	"Settings come from .profdiff.yaml at the repository root (rule\n"
	"severities by id, uncited mode, extra treaties); a profile's\n"
	"lint.ignore silences rules for it, by id. Exit status: 1 when there\n"
	"is an error, 0 otherwise, 2 when lint could not run.\n";

/* lint --list-rules: each rule's id, its severity with the repository's
 * settings, and what it finds. */
static int list_rules(void)
{
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_config *config = NULL;
	char root[4096];
	int i;

	pd_app_find_root(root, sizeof(root));
	if (pd_app_load_config(&config, root) < 0) {
		pd_cli_error_last();
		return EXIT_TROUBLE;
	}
	pd_app_config_lint(&lo, config);
	for (i = 0; i < PD_RULE_COUNT; i++) {
		const pd_rule_def *r = pd_rule_get((pd_rule_id)i);

		printf("%-22s %-8s %s\n", r->name,
		       pd_severity_name(pd_lint_severity(&lo, r->id)),
		       r->summary);
	}
	pd_config_free(config);
	return EXIT_OK;
}

/* lint --staged: the gate of the pre-commit hook. It shows errors;
 * warnings and notes are counted. */
static int lint_staged(pd_format fmt, const pd_cli *c, bool paths_given)
{
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_lint_report *reports = NULL;
	pd_app_gate g;
	pd_store *s = NULL;
	pd_buf out = PD_BUF_INIT;
	size_t i, nrep = 0;
	int rc = EXIT_OK;

	if (paths_given)
		return pd_cli_bad_usage("lint", "--staged takes no PATH: it "
						"lints what the index holds");
	memset(&g, 0, sizeof(g));
	if (pd_store_open(&s, ".") < 0 || pd_app_gate_staged(&g, s) < 0 ||
	    !(reports = calloc(g.n + 1, sizeof(*reports)))) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	for (i = 0; i < g.n; i++) {
		const pd_app_gate_file *f = &g.files[i];

		if (f->error) {
			pd_cli_error_of(f->error);
			rc = EXIT_TROUBLE;
			continue;
		}
		pd_cli_gate_counts(f);
		reports[nrep].path = f->path;
		reports[nrep++].result = f->result;
		if (f->result->count[PD_SEV_ERROR] && rc == EXIT_OK)
			rc = EXIT_FINDINGS;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && pd_cli_use_color(c, stdout);
	if (rc == EXIT_FINDINGS &&
	    pd_render_lint(&out, fmt, reports, nrep, &ropts) == 0 && out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (rc == EXIT_FINDINGS) {
		pd_buf why = PD_BUF_INIT;

		pd_cli_gate_published(&why, &g);
		fprintf(stderr, "profdiff: the staged profiles have errors: "
				"commit refused (fix them and stage again)%s\n",
			pd_buf_cstr(&why));
		pd_buf_free(&why);
	}
done:
	free(reports);
	pd_app_gate_free(&g);
	pd_buf_free(&out);
	pd_store_free(s);
	return rc;
}

int pd_cmd_lint(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"staged", no_argument, NULL, 'S'},
		{"format", required_argument, NULL, 'f'},
		{"list-rules", no_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_app_lint_options o = PD_APP_LINT_OPTIONS_INIT;
	pd_render_sink out = {pd_cli_write_out, NULL};
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	pd_lint_tally tally;
	int fmt = PD_FORMAT_TEXT, opt, err;
	bool staged = false;

	pd_cli_opts_init(&go, c, "lint", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 's':
			o.strict = true;
			break;
		case 'S':
			staged = true;
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt < 0 || fmt > PD_FORMAT_GITHUB)
				return pd_cli_bad_usage(
					"lint", "--format takes text, gcc, json, "
						"sarif or github");
			break;
		case 'L':
			return list_rules();
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (staged)
		return lint_staged((pd_format)fmt, c, optind < argc);
	if (optind < argc) {
		o.paths = (const char *const *)argv + optind;
		o.npaths = (size_t)(argc - optind);
	}
	o.format = (pd_format)fmt;
	o.render.color = fmt == PD_FORMAT_TEXT && pd_cli_use_color(c, stdout);
	o.out = &out;
	o.report = pd_cli_report;
	o.progress = &progress;
	pd_cli_progress_init(&shown, "lint: files", true);
	err = pd_app_lint(&tally, &o);
	pd_cli_progress_done(&shown);
	if (err < 0) {
		pd_cli_error_last();
		return EXIT_TROUBLE;
	}
	if (err > 0)
		return EXIT_TROUBLE;
	return tally.count[PD_SEV_ERROR] ? EXIT_FINDINGS : EXIT_OK;
}
