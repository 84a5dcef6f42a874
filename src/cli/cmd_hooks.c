/*
 * cmd_hooks.c: profdiff hooks install [--force] | hooks pre-receive
 *
 * `install` writes hooks/pre-commit into a working repository, or
 * hooks/pre-receive into a bare one, with the path of this profdiff in
 * them; a hook that is not profdiff's is kept unless --force.
 * `pre-receive` is what the installed pre-receive hook runs.
 */
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff hooks install [--force]\n"
	"       profdiff hooks pre-receive   (run by the pre-receive hook)\n\n"
	"install: writes the pre-commit hook (in a working repository) or the\n"
	"pre-receive hook (in a bare one) into core.hooksPath or .git/hooks,\n"
	"and sets git's diff driver for profiles (git diff shows one claim a\n"
	"line). A hook that is not profdiff's is kept unless --force.\n\n"
	"  --force     replace a hook that is not profdiff's\n"
	"  -h, --help  print this help\n";

/* The scripts of hooks/ in the source tree; the installed copies name
 * this profdiff. */
static const char pre_commit[] =
	"#!/bin/sh\n"
	"# profdiff pre-commit hook: lints the staged profiles (the content of "
	"the\n"
	"# index, never the working tree) and refuses the commit on lint "
	"errors, a\n"
	"# last_updated that went backwards or lies in the future, or a change "
	"in\n"
	"# substance without a new last_updated. `git commit --no-verify` skips "
	"it.\n"
	"# Installed by `profdiff hooks install` (or `profdiff init`).\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"exec \"$PROFDIFF\" lint --staged --format gcc\n";

static const char pre_receive[] =
	"#!/bin/sh\n"
	"# profdiff pre-receive hook, for the bare repository a team pushes "
	"to: for\n"
	"# every pushed ref, checks the newest commit of each published "
	"revision\n"
	"# the push adds, and rejects the push with the findings when one "
	"fails.\n"
	"# Installed by `profdiff hooks install` in a bare repository.\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"exec \"$PROFDIFF\" hooks pre-receive\n";

/* This executable's absolute path, or "profdiff". */
static void self_path(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);

	if (n <= 0) {
		snprintf(out, size, "profdiff");
		return;
	}
	out[n] = '\0';
}

int cli_hooks_install(pd_store *s, bool force)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], self[PATH_MAX], tv[PATH_MAX + 16];
	const char *name = pd_store_bare(s) ? "pre-receive" : "pre-commit";
	pd_buf text = PD_BUF_INIT, old = PD_BUF_INIT;
	int err = 0;

	self_path(self, sizeof(self));
	pd_store_hooks_dir(s, dir, sizeof(dir));
	mkdir(dir, 0777);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (pd_file_read(&old, path, 1u << 20) == 0 &&
	    !strstr(pd_buf_cstr(&old), "profdiff") && !force) {
		err = pd_error_set(PD_EUSAGE, path, 0, 0,
				   "a %s hook that is not profdiff's is there; "
				   "keep it, or replace it with --force",
				   name);
		goto done;
	}
	pd_error_clear();
	pd_buf_printf(&text, pd_store_bare(s) ? pre_receive : pre_commit, self);
	if ((err = pd_buf_ok(&text)) < 0 ||
	    (err = pd_file_write_atomic(path, text.ptr, text.len)) < 0)
		goto done;
	chmod(path, 0755);
	/* git's diff driver: git diff shows profiles one claim a line */
	snprintf(tv, sizeof(tv), "%s textconv", self);
	err = pd_store_config_set(s, "diff.profdiff.textconv", tv);
	if (!err)
		printf("installed %s\n", path);
done:
	pd_buf_free(&text);
	pd_buf_free(&old);
	return err;
}

/* Reads "old new ref" lines; checks the published revisions each push
 * adds. */
static int pre_receive_run(void)
{
	pd_store *s = NULL;
	char line[1024];
	int rc = EXIT_OK;

	if (pd_store_open(&s, ".") < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	while (fgets(line, sizeof(line), stdin)) {
		char old[64], new[64], ref[900];
		const char **profiles;
		size_t np, i, k;

		if (sscanf(line, "%63s %63s %899s", old, new, ref) != 3 ||
		    strspn(new, "0") == strlen(new))
			continue; /* a deletion */
		if (!pd_store_has_commit(s, new)) {
			/* fail closed: what cannot be checked is not let in */
			cli_error("%s: cannot read the pushed commit %s", ref,
				  new);
			rc = EXIT_TROUBLE;
			continue;
		}
		if (pd_store_profiles_at(s, new, &profiles, &np) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			continue;
		}
		for (i = 0; i < np; i++) {
			const pd_revision *revs;
			size_t n;

			/* after the first profile: dear versions are read once
			 * in the order they were written */
			if (i == 1 &&
			    pd_store_prefetch(s, new, profiles, np) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
				break;
			}

			if (pd_store_published_at(s, new, profiles[i], &revs,
						  &n) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
				continue;
			}
			for (k = 0; k < n; k++) {
				const pd_config *cfg = pd_store_config(s);
				pd_lint_options o = PD_LINT_OPTIONS_INIT;
				pd_lint_result *r;
				pd_lint_report rep;
				pd_buf out = PD_BUF_INIT;
				char label[1200];
				size_t f;

				if (strspn(old, "0") != strlen(old) &&
				    pd_store_reachable(s, revs[k].commit, old))
					break; /* already on the server */
				o.severities = cfg->severities;
				o.nseverities = cfg->nseverities;
				o.uncited = cfg->uncited;
				o.vocab = &cfg->vocab;
				o.today = cli_today();
				o.previous = k + 1 < n ? revs[k + 1].profile : NULL;
				if (pd_lint(&r, revs[k].profile, &o) < 0) {
					cli_error_last();
					rc = EXIT_TROUBLE;
					continue;
				}
				if (r->count[PD_SEV_ERROR]) {
					/* errors only, named by commit */
					pd_lint_result only = *r;
					size_t kept = 0;

					only.findings = malloc(
						(r->nfindings + 1) *
						sizeof(*only.findings));
					for (f = 0; only.findings &&
						    f < r->nfindings;
					     f++)
						if (r->findings[f].severity ==
						    PD_SEV_ERROR)
							only.findings[kept++] =
								r->findings[f];
					only.nfindings = kept;
					snprintf(label, sizeof(label), "%.10s:%s",
						 revs[k].commit, revs[k].path);
					rep.path = label;
					rep.result = &only;
					pd_render_lint(&out, PD_FORMAT_GCC, &rep, 1,
						       NULL);
					free(only.findings);
					fprintf(stderr, "%s", pd_buf_cstr(&out));
					fprintf(stderr,
						"profdiff: %s: the published "
						"revision %s of %s has %zu lint "
						"error%s\n",
						ref, revs[k].commit, revs[k].path,
						r->count[PD_SEV_ERROR],
						r->count[PD_SEV_ERROR] == 1 ? ""
									    : "s");
					rc = EXIT_FINDINGS;
				}
				pd_buf_free(&out);
				pd_lint_result_free(r);
			}
			/* one profile's history at a time in memory, however
			 * long the pushed history */
			pd_store_forget(s);
		}
	}
	if (rc == EXIT_FINDINGS)
		fprintf(stderr, "profdiff: push rejected: fix the errors and "
				"push again\n");
	pd_store_free(s);
	return rc;
}

int cmd_hooks(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	bool force = false;
	pd_store *s = NULL;
	int opt, rc = EXIT_OK;

	(void)c;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			force = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("hooks", argv, optind);
		}
	}
	if (optind < argc && strcmp(argv[optind], "pre-receive") == 0)
		return pre_receive_run();
	if (optind >= argc || strcmp(argv[optind], "install") != 0)
		return cli_bad_usage("hooks", "say 'hooks install'");
	if (pd_store_open(&s, ".") < 0 || cli_hooks_install(s, force) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
	}
	pd_store_free(s);
	return rc;
}
