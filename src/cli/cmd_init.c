/*
 * cmd_init.c: profdiff init [DIR]
 */
#include <getopt.h>

#include "cli.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff init [DIR]\n\n"
	"Creates a profiles repository in DIR (default: here): a git\n"
	"repository, profiles/, .profdiff.yaml and .gitattributes (the\n"
	"profdiff diff driver). An existing repository is kept and existing\n"
	"files are not overwritten.\n\n"
	"  -h, --help  print this help\n";

int cmd_init(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *dir;
	int opt;

	(void)c;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return cli_bad_option("init", argv, optind);
	}
	if (argc - optind > 1)
		return cli_bad_usage("init", "give at most one DIR");
	dir = optind < argc ? argv[optind] : ".";
	if (pd_store_init(dir) < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	printf("profiles repository ready in %s\n", dir);
	return EXIT_OK;
}
