/*
 * cmd_lsp.c: profdiff lsp [--stdio]
 *
 * The language server: Language Server Protocol on standard input and
 * output, for any editor with a generic client (app_lsp.h). What goes
 * wrong on the way (a message badly framed) is said on standard error,
 * which editors keep in their log.
 */
#include <getopt.h>
#include <signal.h>
#include <unistd.h>

#include "cli.h"
#include "profdiff/app_lsp.h"

static const char usage[] =
	"usage: profdiff lsp [--stdio]\n\n"
	"Serves the Language Server Protocol on standard input and output,\n"
	"for editors: lint diagnostics as you type (the findings of 'profdiff\n"
	"lint', with the repository's .profdiff.yaml), a footnote and its\n"
	"resolved sources on hover over a marker [15] or a (n 15), go to a\n"
	"footnote, find where it is cited, completion of treaty ids,\n"
	"statuses and law types, formatting as 'profdiff fmt' does.\n\n"
	"  --stdio     standard input and output (the default; editors pass\n"
	"              it)\n"
	"  -h, --help  print this help\n\n"
	"Exit status: 0 after the editor's shutdown and exit, 1 when it\n"
	"went without, 2 when the protocol could not be written.\n";

int pd_cmd_lsp(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"stdio", no_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_app_lsp_options o = PD_APP_LSP_OPTIONS_INIT;
	pd_cli_opts go;
	int opt, rc;

	pd_cli_opts_init(&go, c, "lsp", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 's':
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind < argc)
		return pd_cli_bad_usage("lsp", "lsp takes no argument");
	/* an editor that goes mid-answer is an error to return, not a
	 * signal to die of */
	signal(SIGPIPE, SIG_IGN);
	o.log = pd_cli_report;
	rc = pd_app_lsp_serve(STDIN_FILENO, STDOUT_FILENO, &o);
	if (rc < 0) {
		pd_cli_error_last();
		return EXIT_TROUBLE;
	}
	return rc;
}
