/*
 * cmd_lint.c: profdiff lint [PATH...] [--strict] [--format FORMAT]
 *
 * Lints profiles (YAML, or pages imported on the fly) and prints the
 * findings. Without a path: every profile of the repository's profiles
 * directory. Exit status: 1 when any finding is an error, 0 otherwise, 2
 * when a file could not be read or the configuration is broken.
 */
#include <getopt.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff lint [PATH...] [--staged] [--strict] [--format "
	"FORMAT]\n\n"
	"Checks profiles: schema, dates, citations to missing footnotes,\n"
	"footnotes never cited, ibid and (n X) cross-references, uncited\n"
	"assertions, treaty statements against the treaties list, laws named\n"
	"but not listed, sources cited twice. PATH is a profile, a page (.txt)\n"
	"or a directory of profiles; without one, the repository's profiles.\n\n"
	"  --staged           lint the profiles staged in the index (the\n"
	"                     content to be committed, not the working tree),\n"
	"                     against their last published revision: a date\n"
	"                     going backwards, or a change in substance\n"
	"                     without a new last_updated, is an error\n"
	"  --strict           also report every uncited sentence (info)\n"
	"  --format FORMAT    text (default), gcc, json, sarif or github\n"
	"  -h, --help         print this help\n\n"
	"Settings come from .profdiff.yaml at the repository root (rule\n"
	"severities, uncited mode, extra treaties); a profile's lint.ignore\n"
	"silences rules for it. Exit status: 1 when there is an error, 0\n"
	"otherwise, 2 when lint could not run.\n";

/* lint --staged: every profile staged with changes, from the index,
 * against its newest published revision, with the hook's severities. */
static int lint_staged(pd_lint_options *lopts, pd_format fmt, const cli *c,
		       bool paths_given)
{
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_rule_severity sev[PD_RULE_COUNT + 1];
	const pd_config *cfg;
	pd_lint_report *reports = NULL;
	pd_store *s = NULL;
	pd_buf out = PD_BUF_INIT;
	const char **paths;
	size_t n, i, k, nrep = 0, n_err;
	int rc = EXIT_OK;

	if (paths_given)
		return cli_bad_usage("lint", "--staged takes no PATH: it lints "
					     "what the index holds");
	if (pd_store_open(&s, ".") < 0 || pd_store_staged(s, &paths, &n) < 0) {
		cli_error_last();
		pd_store_free(s);
		return EXIT_TROUBLE;
	}
	cfg = pd_store_config(s);
	/* in the hook, date-not-bumped is an error unless configured */
	for (k = 0; k < cfg->nseverities && k < PD_RULE_COUNT; k++)
		sev[k] = cfg->severities[k];
	lopts->nseverities = k;
	for (k = 0; k < lopts->nseverities; k++)
		if (sev[k].rule == PD_RULE_DATE_NOT_BUMPED)
			break;
	if (k == lopts->nseverities) {
		sev[k].rule = PD_RULE_DATE_NOT_BUMPED;
		sev[k].severity = PD_SEV_ERROR;
		lopts->nseverities++;
	}
	lopts->severities = sev;
	lopts->uncited = cfg->uncited;
	lopts->vocab = &cfg->vocab;
	lopts->today = cli_today();
	reports = calloc(n + 1, sizeof(*reports));
	for (i = 0; reports && i < n; i++) {
		pd_revision staged;
		const pd_revision *revs;
		size_t nrevs;
		pd_lint_result *r = NULL;
		int err = pd_store_load(s, paths[i], "staged", &staged);

		lopts->previous = NULL;
		if (err == 0 &&
		    pd_store_published(s, paths[i], &revs, &nrevs) == 0 &&
		    nrevs)
			lopts->previous = revs[0].profile;
		if (err == PD_EINVALID)
			err = pd_lint_schema(&r, pd_error_last(), lopts);
		else if (err == 0)
			err = pd_lint(&r, staged.profile, lopts);
		if (err < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			continue;
		}
		/* the hook shows errors; warnings and notes are counted */
		if (r->count[PD_SEV_WARNING] || r->count[PD_SEV_INFO])
			fprintf(stderr,
				"%s: %zu warnings, %zu notes (profdiff lint %s "
				"shows them)\n",
				paths[i], r->count[PD_SEV_WARNING],
				r->count[PD_SEV_INFO], paths[i]);
		for (k = 0, n_err = 0; k < r->nfindings; k++)
			if (r->findings[k].severity == PD_SEV_ERROR)
				r->findings[n_err++] = r->findings[k];
		r->nfindings = n_err;
		r->count[PD_SEV_WARNING] = r->count[PD_SEV_INFO] = 0;
		reports[nrep].path = paths[i];
		reports[nrep++].result = r;
		if (r->count[PD_SEV_ERROR] && rc == EXIT_OK)
			rc = EXIT_FINDINGS;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && cli_use_color(c, stdout);
	if (rc == EXIT_FINDINGS &&
	    pd_render_lint(&out, fmt, reports, nrep, &ropts) == 0 && out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (rc == EXIT_FINDINGS)
		fprintf(stderr, "profdiff: the staged profiles have errors: "
				"commit refused (fix them and stage again)\n");
	for (i = 0; i < nrep; i++)
		pd_lint_result_free((pd_lint_result *)reports[i].result);
	free(reports);
	pd_buf_free(&out);
	pd_store_free(s);
	return rc;
}

/* Files are linted on every core: each worker takes the next file, reads
 * and lints it into its slot; the report keeps the files' order. */
typedef struct lint_job {
	const cli_paths *paths;
	const pd_vocab *vocab;
	const pd_lint_options *lopts;
	pd_lint_result **results;
	char **errors; /* the message of a file that could not be linted */
	atomic_size_t next;
} lint_job;

static void *lint_worker(void *arg)
{
	lint_job *job = arg;
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->paths->n) {
		pd_profile *p = NULL;
		pd_lint_result *r = NULL;
		int err = cli_load_profile_with(&p, job->paths->v[i], job->vocab);

		if (err == PD_EINVALID)
			err = pd_lint_schema(&r, pd_error_last(), job->lopts);
		else if (err == 0)
			err = pd_lint(&r, p, job->lopts);
		pd_profile_free(p);
		if (err < 0) {
			job->errors[i] = cli_message_last();
			pd_lint_result_free(r);
			continue;
		}
		job->results[i] = r;
	}
	return NULL;
}

int cmd_lint(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"staged", no_argument, NULL, 'S'},
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
	bool any_error = false, staged = false;
	lint_job job;

	memset(&job, 0, sizeof(job));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			lopts.strict = true;
			break;
		case 'S':
			staged = true;
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
	if (staged)
		return lint_staged(&lopts, (pd_format)fmt, c, optind < argc);
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
	job.results = calloc(paths.n ? paths.n : 1, sizeof(*job.results));
	job.errors = calloc(paths.n ? paths.n : 1, sizeof(*job.errors));
	if (!reports || !job.results || !job.errors) {
		cli_error("out of memory");
		rc = EXIT_TROUBLE;
		goto done;
	}
	job.paths = &paths;
	job.vocab = &config->vocab;
	job.lopts = &lopts;
	atomic_init(&job.next, 0);
	cli_run_on_cores(lint_worker, &job, paths.n);
	for (i = 0; i < paths.n; i++) {
		pd_lint_result *r = job.results[i];

		if (job.errors[i]) {
			cli_error("%s", job.errors[i]);
			rc = EXIT_TROUBLE;
			continue;
		}
		reports[nreports].path = paths.v[i];
		reports[nreports].result = r;
		job.results[i] = NULL; /* the report owns it now */
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
	for (i = 0; job.errors && i < paths.n; i++)
		cli_message_free(job.errors[i]);
	free(job.errors);
	free(job.results);
	free(reports);
	pd_buf_free(&out);
	cli_paths_free(&paths);
	pd_config_free(config);
	return rc;
}
