/*
 * cmd_show.c: profdiff show PROFILE
 *
 * Prints a profile in canonical YAML: a YAML file, or a published page
 * imported on the fly.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "profdiff/store.h"
#include "profdiff/yaml.h"

static const char usage[] =
	"usage: profdiff show PROFILE[@REV]\n\n"
	"Prints a profile in canonical YAML. PROFILE is a YAML file, a\n"
	"published page (.txt, imported on the fly), or a profile of the\n"
	"repository by name or path; REV is a published date (YYYY-MM-DD), a\n"
	"git revision, staged or worktree (default: the working tree's file,\n"
	"else HEAD).\n\n"
	"  -h, --help  print this help\n";

int pd_cmd_show(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_buf out = PD_BUF_INIT;
	pd_profile *p = NULL;
	pd_config *config = NULL;
	pd_store *s = NULL;
	int opt, rc = EXIT_OK;

	(void)c;
	pd_cli_opts_init(&go, c, "show", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return EXIT_TROUBLE;
	}
	if (argc - optind != 1)
		return pd_cli_bad_usage("show", "give one PROFILE");
	if (access(argv[optind], F_OK) == 0) {
		/* with the repository's treaties, as lint reads it */
		if (pd_app_here_config(&config) < 0 ||
		    pd_app_load_profile(&p, argv[optind], &config->vocab) < 0 ||
		    pd_yaml_write(&out, p) < 0)
			rc = EXIT_TROUBLE;
	} else {
		/* PROFILE@REV in the repository */
		char *arg = strdup(argv[optind]), *at, *path;
		const char *rev;
		pd_revision r;

		at = arg ? strrchr(arg, '@') : NULL;
		if (at)
			*at = '\0';
		if (!arg || pd_store_open(&s, ".") < 0 ||
		    (at ? pd_store_profile_path(s, arg, &path)
			       : pd_app_profile_path(s, arg, &path)) < 0) {
			rc = EXIT_TROUBLE;
		} else {
			rev = at ? at + 1
			    : pd_store_workdir(s) && pd_store_dirty(s, path)
				    ? "worktree"
				    : "HEAD";
			if (pd_store_load(s, path, rev, &r) < 0 ||
			    pd_yaml_write(&out, r.profile) < 0)
				rc = EXIT_TROUBLE;
		}
		free(arg);
	}
	if (rc == EXIT_TROUBLE)
		pd_cli_error_last();
	else if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	pd_profile_free(p);
	pd_config_free(config);
	pd_store_free(s);
	pd_buf_free(&out);
	return rc;
}
