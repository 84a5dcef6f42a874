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
	"# every pushed ref, reviews the pushed range as `profdiff review "
	"OLD..NEW`\n"
	"# does, and rejects the push when it introduces lint errors or a "
	"profile\n"
	"# that no longer parses.\n"
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

/* Reviews one pushed range as `profdiff review OLD..NEW` does, printing
 * the errors it introduces on stderr; EXIT_FINDINGS when there are any or
 * a profile no longer parses. */
static int review_push(pd_store *s, const char *old, const char *new,
		       const char *ref)
{
	pd_review r;
	pd_arena *a = pd_arena_new();
	pd_buf out = PD_BUF_INIT;
	char base[41], label[1200];
	size_t i, k, errors = 0;
	int rc = EXIT_OK;

	memset(&r, 0, sizeof(r));
	if (!a) {
		cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	/* an update is reviewed from the old tip; a new branch from where it
	 * forks from the branches already here (all of it when nowhere) */
	if (strspn(old, "0") == strlen(old)) {
		if (pd_store_fork_point(s, new, base) < 0)
			goto trouble;
	} else if (strlen(old) == 40) {
		memcpy(base, old, 41);
	} else {
		pd_error_set(PD_EUSAGE, NULL, 0, 0, "%s: not a commit id: %s",
			     ref, old);
		goto trouble;
	}
	if (cli_review_build(s, a, base, new, &r) < 0)
		goto trouble;
	for (i = 0; i < r.n; i++) {
		const pd_review_entry *e = &r.entries[i];
		pd_finding *v = pd_arena_alloc(a, (e->lint.nintroduced + 1) *
						      sizeof(*v));
		pd_lint_result only;
		pd_lint_report rep;

		if (!v) {
			pd_error_oom();
			goto trouble;
		}
		memset(&only, 0, sizeof(only));
		only.findings = v;
		for (k = 0; k < e->lint.nintroduced; k++)
			if (e->lint.introduced[k]->severity == PD_SEV_ERROR)
				v[only.nfindings++] = *e->lint.introduced[k];
		/* errors only, named by the pushed commit */
		snprintf(label, sizeof(label), "%.10s:%s", new, e->path);
		rep.path = label;
		rep.result = &only;
		if (pd_render_lint(&out, PD_FORMAT_GCC, &rep, 1, NULL) < 0)
			goto trouble;
		errors += only.nfindings;
	}
	if (out.len)
		fwrite(out.ptr, 1, out.len, stderr);
	if (errors) {
		fprintf(stderr,
			"profdiff: %s: the push introduces %zu lint error%s%s",
			ref, errors, errors == 1 ? "" : "s",
			r.broken ? " and a profile that no longer parses" : "");
		if (base[0])
			fprintf(stderr, " (see them with: profdiff review "
					"%.10s..%.10s)\n",
				base, new);
		else
			fprintf(stderr, " (its profiles are all new: see "
					"them with profdiff lint)\n");
		rc = EXIT_FINDINGS;
	}
	goto done;
trouble:
	cli_error_last();
	rc = EXIT_TROUBLE;
done:
	cli_review_free(&r);
	pd_buf_free(&out);
	pd_arena_free(a);
	return rc;
}

/* Reads "old new ref" lines; reviews each pushed range. */
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
		int one;

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
		one = review_push(s, old, new, ref);
		if (one > rc)
			rc = one;
		/* one range's profiles at a time in memory */
		pd_store_forget(s);
	}
	if (rc != EXIT_OK)
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
