/*
 * cmd_show.c: profdiff show PROFILE
 *
 * Prints a profile in canonical YAML: a YAML file, or a published page
 * imported on the fly.
 */
#include <getopt.h>

#include "cli.h"
#include "profdiff/yaml.h"

static const char usage[] =
	"usage: profdiff show PROFILE\n\n"
	"Prints the profile in canonical YAML. PROFILE is a YAML file or a\n"
	"published page (.txt), which is imported on the fly.\n\n"
	"  -h, --help  print this help\n";

int cmd_show(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_buf out = PD_BUF_INIT;
	pd_profile *p = NULL;
	int opt, rc = EXIT_OK;

	(void)c;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return cli_bad_option("show", argv, optind);
	}
	if (argc - optind != 1)
		return cli_bad_usage("show", "give one PROFILE");
	if (cli_load_profile(&p, argv[optind]) < 0 ||
	    pd_yaml_write(&out, p) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
	} else {
		if (out.len)
		if (out.len)
			fwrite(out.ptr, 1, out.len, stdout);
	}
	pd_profile_free(p);
	pd_buf_free(&out);
	return rc;
}
