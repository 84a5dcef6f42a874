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
#include "profdiff/extract.h"
#include "profdiff/fileio.h"
#include "profdiff/overview.h"
#include "profdiff/render.h"

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

/* One profile's row from its published revisions. */
static int row_of(pd_store *s, pd_arena *a, const char *path,
		  const pd_lint_options *lo, pd_date since,
		  pd_overview_row *row)
{
	const pd_config *cfg = pd_store_config(s);
	const pd_revision *revs;
	pd_overview_rev *v;
	pd_lint_options o = *lo;
	pd_lint_result *r;
	pd_profile *whole, *before = NULL;
	size_t n, k;
	int err;

	memset(row, 0, sizeof(*row));
	if (!(row->profile = cli_profile_name(a, path)))
		return pd_error_oom();
	if ((err = pd_store_published(s, path, &revs, &n)) < 0)
		return err;
	if (!n)
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "no published revision at HEAD");
	if (!(v = calloc(n + 1, sizeof(*v))))
		return pd_error_oom();
	for (k = 0; k < n; k++) {
		v[k].date = revs[k].last_updated;
		v[k].profile = revs[k].profile;
	}
	err = pd_overview_fill(a, row, v, n, &cfg->vocab, since);
	free(v);
	if (err < 0)
		return pd_error_oom();
	row->country = revs[0].profile->country
			       ? pd_arena_strdup(a, revs[0].profile->country)
			       : NULL;
	row->commit = pd_arena_strdup(a, revs[0].commit);
	/* the history was read for its facts; the newest revision is linted
	 * whole, against the one before */
	if ((err = pd_store_revision_profile(s, &revs[0], &whole)) < 0)
		return err;
	if (n > 1 && (err = pd_store_revision_profile(s, &revs[1], &before)) < 0) {
		pd_profile_free(whole);
		return err;
	}
	o.previous = before;
	err = pd_lint(&r, whole, &o);
	pd_profile_free(whole);
	pd_profile_free(before);
	if (err < 0)
		return pd_error_oom();
	memcpy(row->lint, r->count, sizeof(row->lint));
	pd_lint_result_free(r);
	return 0;
}

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

int cmd_overview(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"since", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_overview ov;
	pd_overview_row *rows = NULL;
	pd_treaty_matcher *matcher = NULL;
	pd_store *s = NULL;
	pd_arena *a = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL, **profiles = NULL;
	const pd_config *cfg;
	pd_date since = {0, 0, 0};
	size_t nprof = 0, i;
	int fmt = PD_FORMAT_MARKDOWN, opt, rc = EXIT_OK;

	(void)c;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (!pd_date_parse(optarg, strlen(optarg), &since))
				return cli_bad_usage("overview",
						     "--since takes a date, "
						     "YYYY-MM-DD");
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_CSV && fmt != PD_FORMAT_JSON)
				return cli_bad_usage(
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
			return cli_bad_option("overview", argv, optind);
		}
	}
	if (!(a = pd_arena_new())) {
		cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	if (pd_store_open(&s, ".") < 0)
		goto trouble;
	/* statuses and laws are what the history is read for */
	pd_store_facts_only(s, true);
	cfg = pd_store_config(s);
	if (optind < argc) {
		nprof = (size_t)(argc - optind);
		if (!(profiles = pd_arena_calloc(a, nprof + 1,
						 sizeof(*profiles)))) {
			pd_error_oom();
			goto trouble;
		}
		for (i = 0; i < nprof; i++) {
			char *path;

			if (pd_store_profile_path(s, argv[optind + (int)i],
						  &path) < 0)
				goto trouble;
			profiles[i] = path;
		}
	} else if (pd_store_profiles_at(s, "HEAD", &profiles, &nprof) < 0) {
		goto trouble;
	}
	cli_lint_options(&lo, cfg);
	if (pd_treaty_matcher_new(&matcher, a, lo.vocab) < 0 ||
	    !(rows = pd_arena_calloc(a, nprof + 1, sizeof(*rows)))) {
		pd_error_oom();
		goto trouble;
	}
	lo.matcher = matcher;
	for (i = 0; i < nprof; i++) {
		if (row_of(s, a, profiles[i], &lo, since, &rows[i]) < 0)
			goto trouble;
		/* after the first profile: versions dear to read are read
		 * once, in the order they were written */
		if (i == 0 && nprof > 1 &&
		    pd_store_prefetch(s, NULL, profiles, nprof) < 0)
			goto trouble;
		pd_store_forget(s);
	}
	memset(&ov, 0, sizeof(ov));
	ov.vocab = &cfg->vocab;
	ov.rows = rows;
	ov.n = nprof;
	ov.since = since;
	ov.changelog = changelog_beside(output);
	if (pd_render_overview(&out, (pd_format)fmt, &ov) < 0 ||
	    (output && pd_file_write_atomic(output, out.ptr, out.len) < 0))
		goto trouble;
	if (!output && out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	goto done;
trouble:
	cli_error_last();
	rc = EXIT_TROUBLE;
done:
	pd_buf_free(&out);
	pd_store_free(s);
	pd_arena_free(a);
	return rc;
}
