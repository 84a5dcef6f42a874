/*
 * cmd_hooks.c: profdiff hooks install [--force] | hooks pre-receive
 *
 * `install` writes hooks/pre-commit into a working repository, or
 * hooks/pre-receive into a bare one, with the path of this profdiff in
 * them; a hook that is not profdiff's is kept unless --force.
 * `pre-receive` is what the installed pre-receive hook runs.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff hooks install [--force]\n"
	"       profdiff hooks uninstall\n"
	"       profdiff hooks pre-receive   (run by the pre-receive hook)\n\n"
	"install: writes the pre-commit hook (in a working repository) or the\n"
	"pre-receive hook (in a bare one) into core.hooksPath or .git/hooks,\n"
	"and sets git's diff driver for profiles (git diff shows one claim a\n"
	"line). Both run the profdiff found on PATH, else this one. A hook\n"
	"that is not profdiff's is kept, as pre-commit.local (pre-receive.local),\n"
	"and runs first. In a fresh clone, 'profdiff hooks install' is all the\n"
	"set-up there is.\n"
	"uninstall: removes them, and puts back the hook kept.\n\n"
	"  --force     replace a hook that is not profdiff's\n"
	"  -h, --help  print this help\n";

/* Reviews one pushed range as `profdiff review OLD..NEW` does, printing
 * the errors it introduces on stderr; EXIT_FINDINGS when there are any or
 * a profile no longer parses. */
static int review_push(pd_store *s, const char *old, const char *new,
		       const char *ref)
{
	pd_review r;
	pd_arena *a = pd_arena_new();
	pd_buf out = PD_BUF_INIT;
	const char *base = "";
	char label[1200];
	size_t i, k, errors = 0;
	int rc = EXIT_OK;

	memset(&r, 0, sizeof(r));
	if (!a) {
		pd_cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	if (pd_app_review_push(&r, &base, s, a, old, new, ref) < 0)
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
	pd_cli_error_last();
	rc = EXIT_TROUBLE;
done:
	pd_app_review_release(&r);
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
		pd_cli_error_last();
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
			pd_cli_error("%s: cannot read the pushed commit %s", ref,
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

int pd_cmd_hooks(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	bool force = false;
	pd_store *s = NULL;
	int opt, rc = EXIT_OK;

	(void)c;
	pd_cli_opts_init(&go, c, "hooks", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'f':
			force = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind < argc && strcmp(argv[optind], "pre-receive") == 0)
		return pre_receive_run();
	if (optind < argc && strcmp(argv[optind], "uninstall") == 0) {
		char removed[4200];

		if (pd_store_open(&s, ".") < 0 ||
		    pd_app_hooks_uninstall(s, removed, sizeof(removed)) < 0) {
			pd_cli_error_last();
			rc = EXIT_TROUBLE;
		} else if (removed[0]) {
			printf("removed %s\n", removed);
		}
		pd_store_free(s);
		return rc;
	}
	if (optind >= argc || strcmp(argv[optind], "install") != 0)
		return pd_cli_bad_usage("hooks", "say 'hooks install' or 'hooks "
						 "uninstall'");
	if (pd_store_open(&s, ".") < 0 || pd_cli_hooks_install(s, force) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	}
	pd_store_free(s);
	return rc;
}
