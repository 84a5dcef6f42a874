/*
 * cmd_schema.c: profdiff schema [-o FILE]
 *
 * The JSON Schema of profile YAML, schema 1, for an editor's YAML language
 * server: every key, type and enumeration with what it means.
 */
#include <getopt.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff schema [-o FILE]\n\n"
	"Prints the JSON Schema (draft 2020-12) of profile YAML, schema 1:\n"
	"every key with its type, the law types and statuses, the treaty ids\n"
	"(with those .profdiff.yaml adds) and statuses, and what each means,\n"
	"for the YAML language server of an editor (VS Code, Neovim, Emacs).\n"
	"'profdiff init' writes it to " PD_APP_SCHEMA_FILE " with VS Code's\n"
	"settings; write it again after adding treaties.\n\n"
	"  -o, --output FILE  write to FILE (replaced atomically)\n"
	"  -h, --help         print this help\n";

int pd_cmd_schema(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_config *config = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	int opt, rc = EXIT_OK;

	pd_cli_opts_init(&go, c, "schema", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind < argc)
		return pd_cli_bad_usage("schema", "it takes no arguments");
	if (pd_app_here_config(&config) < 0 ||
	    pd_app_schema(&out, config) < 0 || pd_cli_emit(output, &out) < 0) {
		pd_cli_error_last();
		rc = EXIT_TROUBLE;
	}
	pd_config_free(config);
	pd_buf_free(&out);
	return rc;
}
