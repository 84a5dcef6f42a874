/*
 * cmd_commit.c: profdiff commit PATH... -m MSG [--author "N <e>"] [--force]
 *
 * A validated, atomic commit: the profiles are linted first (errors block
 * unless --force), then committed on the branch tip with a
 * compare-and-swap; the working tree is never touched.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff commit PATH... -m MSG [--author \"Name <email>\"] "
	"[--force]\n\n"
	"Lints the profiles and commits them on the current branch: a new\n"
	"commit on the branch tip with these files, the branch moved only if\n"
	"nobody moved it meanwhile (else the commit is rebuilt on the new tip\n"
	"and tried again). Lint errors block the commit unless --force.\n"
	"Nothing else is committed, and the working tree is not touched.\n\n"
	"  -m, --message MSG  the commit message\n"
	"  --author A         \"Name <email>\" (default: git's user)\n"
	"  --force            commit despite lint errors\n"
	"  -h, --help         print this help\n";

/* Lints the files; prints the findings. Returns the number of errors, or
 * -1 when a file could not be read. */
int cli_lint_files(pd_store *s, const char **paths, size_t n, bool gcc)
{
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	const pd_config *cfg = pd_store_config(s);
	size_t i, errors = 0;
	int bad = 0;

	cli_lint_options(&o, cfg);
	for (i = 0; i < n; i++) {
		char full[4300];
		pd_profile *p = NULL;
		pd_lint_result *r = NULL;
		pd_lint_report rep;
		pd_buf out = PD_BUF_INIT;
		int err;

		snprintf(full, sizeof(full), "%s%s", pd_store_workdir(s),
			 paths[i]);
		err = cli_load_profile_with(&p, full, &cfg->vocab);
		if (err == PD_EINVALID)
			err = pd_lint_schema(&r, pd_error_last(), &o);
		else if (!err)
			err = pd_lint(&r, p, &o);
		pd_profile_free(p);
		if (err < 0) {
			cli_error_last();
			bad = -1;
			continue;
		}
		/* errors in full; warnings and notes counted */
		{
			size_t k, kept = 0;
			pd_lint_result only = *r;

			only.findings = malloc((r->nfindings + 1) *
					       sizeof(*only.findings));
			for (k = 0; only.findings && k < r->nfindings; k++)
				if (r->findings[k].severity == PD_SEV_ERROR)
					only.findings[kept++] = r->findings[k];
			only.nfindings = kept;
			rep.path = paths[i];
			rep.result = &only;
			pd_render_lint(&out, gcc ? PD_FORMAT_GCC : PD_FORMAT_TEXT,
				       &rep, 1, NULL);
			if (out.len)
				fwrite(out.ptr, 1, out.len, stderr);
			if (r->count[PD_SEV_WARNING] || r->count[PD_SEV_INFO])
				fprintf(stderr,
					"%s: %zu warnings, %zu notes (profdiff "
					"lint %s shows them)\n",
					paths[i], r->count[PD_SEV_WARNING],
					r->count[PD_SEV_INFO], paths[i]);
			free(only.findings);
		}
		errors += r->count[PD_SEV_ERROR];
		pd_buf_free(&out);
		pd_lint_result_free(r);
	}
	return bad ? bad : (int)errors;
}

int cmd_commit(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"message", required_argument, NULL, 'm'},
		{"author", required_argument, NULL, 'a'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_commit_options co = PD_COMMIT_OPTIONS_INIT;
	pd_store *s = NULL;
	const char **paths = NULL;
	char hex[41];
	bool force = false;
	int opt, rc = EXIT_OK, errors, err;
	size_t i, n;

	(void)c;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "m:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			co.message = optarg;
			break;
		case 'a':
			co.author = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("commit", argv, optind);
		}
	}
	if (optind >= argc)
		return cli_bad_usage("commit", "no PATH given");
	if (!co.message)
		return cli_bad_usage("commit", "a commit needs -m MSG");
	if (pd_store_open(&s, ".") < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	n = (size_t)(argc - optind);
	paths = calloc(n, sizeof(*paths));
	for (i = 0; paths && i < n; i++) {
		char *p;

		if (pd_store_profile_path(s, argv[optind + (int)i], &p) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto done;
		}
		paths[i] = p;
	}
	errors = cli_lint_files(s, paths, n, true);
	if (errors < 0) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (errors && !force) {
		cli_error("%d lint error%s: nothing committed (fix them, or "
			  "commit with --force)",
			  errors, errors == 1 ? "" : "s");
		rc = EXIT_FINDINGS;
		goto done;
	}
	err = pd_store_commit(s, paths, n, &co, hex);
	if (err < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	printf("[%.7s] %s\n", hex, co.message);
	if (err > 0)
		cli_warning_last(); /* committed; the index was not updated */
done:
	free(paths);
	pd_store_free(s);
	return rc;
}
