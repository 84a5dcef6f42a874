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

static const char usage[] =
	"usage: profdiff commit PATH... -m MSG [--author \"Name <email>\"] "
	"[--force]\n\n"
	"Lints the profiles and commits them on the current branch: a new\n"
	"commit on the branch tip with these files, the branch moved only if\n"
	"nobody moved it meanwhile (else the commit is rebuilt on the new tip\n"
	"and tried again). What every gate refuses (lint errors, a date going\n"
	"backwards, a change in substance under a published date) blocks the\n"
	"commit unless --force.\n"
	"Nothing else is committed, and the working tree is not touched.\n\n"
	"  -m, --message MSG  the commit message\n"
	"  --author A         \"Name <email>\" (default: git's user)\n"
	"  --force            commit despite lint errors\n"
	"  -h, --help         print this help\n";

/* The gate's findings on stderr: errors in full, warnings and notes
 * counted. Returns the number of errors, or -1 when a file could not be
 * read. */
static int print_gate(const pd_app_gate *g)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < g->n; i++) {
		const pd_app_gate_file *f = &g->files[i];
		pd_lint_report rep = {f->path, f->result};
		pd_buf out = PD_BUF_INIT;

		if (f->error) {
			pd_cli_error_of(f->error);
			bad = -1;
			continue;
		}
		pd_render_lint(&out, PD_FORMAT_GCC, &rep, 1, NULL);
		if (out.len)
			fwrite(out.ptr, 1, out.len, stderr);
		pd_cli_gate_counts(f);
		pd_buf_free(&out);
	}
	return bad ? bad : (int)g->errors;
}

int pd_cmd_commit(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"message", required_argument, NULL, 'm'},
		{"author", required_argument, NULL, 'a'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_commit_options co = PD_COMMIT_OPTIONS_INIT;
	pd_app_gate g;
	pd_store *s = NULL;
	const char **paths = NULL;
	char hex[41];
	bool force = false;
	int opt, rc = EXIT_OK, errors, err;
	size_t n;

	(void)c;
	memset(&g, 0, sizeof(g));
	pd_cli_opts_init(&go, c, "commit", "m:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
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
			return EXIT_TROUBLE;
		}
	}
	if (optind >= argc)
		return pd_cli_bad_usage("commit", "no PATH given");
	if (!co.message)
		return pd_cli_bad_usage("commit", "a commit needs -m MSG");
	n = (size_t)(argc - optind);
	if (pd_store_open(&s, ".") < 0 ||
	    pd_app_profile_paths(&paths, s, (const char *const *)argv + optind,
				 n) < 0 ||
	    pd_app_gate_files(&g, s, paths, n) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	errors = print_gate(&g);
	if (errors < 0) {
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (errors && !force) {
		pd_buf why = PD_BUF_INIT;

		pd_cli_gate_published(&why, &g);
		pd_cli_error("%d lint error%s: nothing committed (fix them, or "
			     "commit with --force)%s",
			     errors, errors == 1 ? "" : "s", pd_buf_cstr(&why));
		pd_buf_free(&why);
		rc = EXIT_FINDINGS;
		goto done;
	}
	err = pd_store_commit(s, paths, n, &co, hex);
	if (err < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	printf("[%.7s] %s\n", hex, co.message);
	if (err > 0)
		pd_cli_warning_last(); /* committed; the index was not updated */
done:
	pd_app_gate_free(&g);
	free(paths);
	pd_store_free(s);
	return rc;
}
