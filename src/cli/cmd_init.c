/*
 * cmd_init.c: profdiff init [DIR]
 */
#include <getopt.h>

#include "cli.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff init [DIR]\n\n"
	"Creates a profiles repository in DIR (default: here): a git\n"
	"repository, profiles/, .profdiff.yaml, .gitattributes (the profdiff\n"
	"diff driver, so git diff shows one claim a line) and the pre-commit\n"
	"hook, the settings committed (a first commit, when there is none of\n"
	"them yet), and for editors the profiles' JSON Schema\n"
	"(" PD_APP_SCHEMA_FILE ") with VS Code's settings (.vscode/settings.json)\n"
	"mapping profiles to it. An existing repository is kept and existing\n"
	"files are not overwritten.\n\n"
	"  -h, --help  print this help\n";

int pd_cmd_init(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_cli_opts go;
	const char *dir;
	pd_store *s = NULL;
	char hex[41];
	int opt, err;

	(void)c;
	pd_cli_opts_init(&go, c, "init", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return EXIT_TROUBLE;
	}
	if (argc - optind > 1)
		return pd_cli_bad_usage("init", "give at most one DIR");
	dir = optind < argc ? argv[optind] : ".";
	if (pd_store_init(dir) < 0 || pd_store_open(&s, dir) < 0 ||
	    pd_cli_hooks_install(s, false) < 0 ||
	    pd_app_editor_setup(dir, pd_store_config(s)) < 0) {
		pd_cli_error_last();
		pd_store_free(s);
		return EXIT_TROUBLE;
	}
	/* the settings in a first commit: a clone has them. Without it
	 * (no identity yet) the repository is ready all the same, and init
	 * run again commits them */
	if ((err = pd_app_init_commit(s, hex)) != 0) {
		pd_cli_warning_last();
		if (err < 0)
			fprintf(stderr, "profdiff: the settings are not "
					"committed: run 'profdiff init' again "
					"once that is mended\n");
	}
	if (hex[0])
		printf("[%.7s] profdiff init: the repository's settings\n",
		       hex);
	pd_store_free(s);
	printf("profiles repository ready in %s\n", dir);
	return EXIT_OK;
}
