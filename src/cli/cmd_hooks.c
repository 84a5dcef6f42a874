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

/* One group of a push's errors on stderr: what it is about (the profile,
 * the revision's date and commit), then each error, gcc-style, named by
 * the commit and the path. */
static void print_group(const char *ref, const pd_app_push_group *g)
{
	pd_buf path = PD_BUF_INIT, out = PD_BUF_INIT;
	char label[1200], date[11];
	pd_lint_report rep;

	pd_render_term_escape(&path, g->path, strlen(g->path));
	if (g->date.year) {
		pd_date_format(g->date, date);
		fprintf(stderr, "profdiff: %s: %s, the revision of %s (commit "
				"%.10s):\n",
			ref, pd_buf_cstr(&path), date, g->commit);
	} else {
		fprintf(stderr, "profdiff: %s: %s, at the pushed tip (commit "
				"%.10s)%s:\n",
			ref, pd_buf_cstr(&path), g->commit,
			g->broken ? ", no longer parses" : "");
	}
	snprintf(label, sizeof(label), "%.10s:%s", g->commit, g->path);
	rep.path = label;
	rep.result = g->errors;
	if (pd_render_lint(&out, PD_FORMAT_GCC, &rep, 1, NULL) == 0 && out.len)
		fwrite(out.ptr, 1, out.len, stderr);
	pd_buf_free(&out);
	pd_buf_free(&path);
}

/* Checks one pushed ref update (pd_app_push_check); EXIT_FINDINGS when
 * it is refused. */
static int check_push(const char *old, const char *new, const char *ref)
{
	pd_app_push p;
	size_t i;
	int rc = EXIT_OK;

	if (pd_app_push_check(&p, old, new, ref) < 0) {
		pd_cli_error_last();
		pd_app_push_release(&p);
		return EXIT_TROUBLE;
	}
	if (p.warning) {
		/* it quotes the settings: made inert */
		pd_buf w = PD_BUF_INIT;

		pd_render_term_escape(&w, p.warning, strlen(p.warning));
		fprintf(stderr, "profdiff: warning: %s\n", pd_buf_cstr(&w));
		pd_buf_free(&w);
	}
	if (p.refusal) {
		pd_cli_error("%s", p.refusal);
		rc = EXIT_FINDINGS;
	}
	for (i = 0; i < p.n; i++)
		print_group(ref, &p.groups[i]);
	if (p.errors) {
		fprintf(stderr, "profdiff: %s: the push introduces %zu lint "
				"error%s",
			ref, p.errors, p.errors == 1 ? "" : "s");
		if (p.base && p.base[0])
			fprintf(stderr, " (see them with: profdiff review "
					"%.10s..%.10s)\n",
				p.base, new);
		else
			fprintf(stderr, " (its profiles are all new: see "
					"them with profdiff lint)\n");
		rc = EXIT_FINDINGS;
	}
	pd_app_push_release(&p);
	return rc;
}

/* Reads "old new ref" lines; checks each pushed ref. A deletion is never
 * checked: no state of a branch keeps it from being deleted. */
static int pre_receive_run(void)
{
	char line[1024];
	int rc = EXIT_OK;

	while (fgets(line, sizeof(line), stdin)) {
		char old[64], new[64], ref[900];
		int one;

		if (sscanf(line, "%63s %63s %899s", old, new, ref) != 3 ||
		    strspn(new, "0") == strlen(new))
			continue; /* a deletion */
		one = check_push(old, new, ref);
		if (one > rc)
			rc = one;
	}
	if (rc != EXIT_OK)
		fprintf(stderr, "profdiff: push rejected: fix the errors and "
				"push again (a new last_updated makes a new "
				"revision; a published one takes editorial "
				"fixes only)\n");
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
