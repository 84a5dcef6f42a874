/*
 * cmd_fmt.c: profdiff fmt [--check] [--renumber] PATH...
 *
 * Rewrites each profile in canonical YAML, its comments kept, through a
 * temporary file and a rename, touching only files whose bytes change;
 * with --renumber, its footnotes renumbered in order of first citation.
 * With --check nothing is written: each file that would change is named
 * and the exit status is 1.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

static const char usage[] =
	"usage: profdiff fmt [--check] [--renumber] PATH...\n\n"
	"Rewrites profiles (YAML files, or directories of them) in canonical\n"
	"form: fixed key order, prose folded near 80 columns, comments kept\n"
	"where they stand. Files already canonical are left untouched; the\n"
	"others are replaced atomically.\n\n"
	"  --check     write nothing; name each file not in canonical form\n"
	"              and exit 1\n"
	"  --renumber  also renumber the footnotes in order of first citation,\n"
	"              with the markers, (n X) cross-references, cite: lists\n"
	"              and lint.ignore entries that name them\n"
	"  -h, --help  print this help\n";

/* 0: canonical (or rewritten), 1: not canonical (--check), 2: error. */
static int fmt_one(const char *path, bool check,
		  const pd_app_fmt_options *fo)
{
	pd_buf in = PD_BUF_INIT, out = PD_BUF_INIT;
	int rc = EXIT_OK;

	if (pd_app_is_page(path)) {
		pd_cli_error("%s: fmt rewrites YAML profiles; read a page with "
			  "'profdiff import'",
			  path);
		return EXIT_TROUBLE;
	}
	if (pd_file_read(&in, path, PD_MAX_PROFILE_SIZE) < 0 ||
	    pd_app_fmt_text(&out, in.ptr, in.len, path, fo) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (in.len == out.len && memcmp(in.ptr, out.ptr, in.len) == 0)
		goto done;
	if (check) {
		printf("%s: %s\n", path,
		       fo->renumber ? "footnotes not in order of first citation, "
				      "or not in canonical form"
				    : "not in canonical form");
		rc = EXIT_FINDINGS;
		goto done;
	}
	if (pd_file_write_atomic(path, out.ptr, out.len) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	}
done:
	pd_buf_free(&in);
	pd_buf_free(&out);
	return rc;
}

int pd_cmd_fmt(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"check", no_argument, NULL, 'c'},
		{"renumber", no_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_app_paths paths = {0};
	pd_app_fmt_options fo = PD_APP_FMT_OPTIONS_INIT;
	bool check = false;
	int opt, rc = EXIT_OK;
	size_t i;

	(void)c;
	pd_cli_opts_init(&go, c, "fmt", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'c':
			check = true;
			break;
		case 'r':
			fo.renumber = true;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind >= argc)
		return pd_cli_bad_usage("fmt", "no PATH given");
	if (pd_app_expand_paths(&paths, (const char *const *)argv + optind, (size_t)(argc - optind)) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	}
	for (i = 0; i < paths.n; i++) {
		int r = fmt_one(paths.v[i], check, &fo);

		if (r > rc)
			rc = r;
	}
	pd_app_paths_free(&paths);
	return rc;
}
