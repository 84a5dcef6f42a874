/*
 * cmd_textconv.c: profdiff textconv FILE
 *
 * git's diff driver for profiles (.gitattributes: diff=profdiff; git config
 * diff.profdiff.textconv "profdiff textconv"): prints the profile one claim
 * a line with the sources it cites by name, so that `git diff` and
 * `git log -p` read as prose and renumbered footnotes change no line. A
 * file that does not parse is printed as it is.
 */
#include <getopt.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"

static const char usage[] =
	"usage: profdiff textconv FILE\n\n"
	"Prints a profile for git's diff driver: one claim a line, with the\n"
	"sources it cites by name, then laws, treaties and sources. A file\n"
	"that is not a valid profile is printed unchanged.\n\n"
	"  -h, --help  print this help\n";

/* What git shows on a terminal: a profile's control characters shown,
 * not obeyed (pd_render_term_escape). */
static void term(const pd_buf *b)
{
	pd_buf shown = PD_BUF_INIT;

	pd_render_term_escape(&shown, b->ptr, b->len);
	if (pd_buf_ok(&shown) == 0)
		fwrite(shown.ptr, 1, shown.len, stdout);
	pd_buf_free(&shown);
}

int pd_cmd_textconv(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_profile *p = NULL;
	pd_config *config = NULL;
	pd_buf out = PD_BUF_INIT, raw = PD_BUF_INIT;
	int opt, rc = EXIT_OK;

	(void)c;
	pd_cli_opts_init(&go, c, "textconv", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return EXIT_TROUBLE;
	}
	if (argc - optind != 1)
		return pd_cli_bad_usage("textconv", "give one FILE");
	if (pd_file_read(&raw, argv[optind], PD_MAX_PROFILE_SIZE) < 0) {
		pd_cli_error_last();
		return EXIT_TROUBLE;
	}
	/* the file is read once: parsed, or printed as it is */
	/* with the repository's treaties; a configuration that does not
	 * read leaves the built-in ones (git diff must show something) */
	if (pd_app_here_config(&config) < 0)
		pd_error_clear();
	if (pd_app_parse_profile(&p, raw.ptr, raw.len, argv[optind],
				 config ? &config->vocab : NULL) == 0 &&
	    pd_render_profile_text(&out, p) == 0)
		term(&out);
	else if (raw.len)
		term(&raw);
	pd_profile_free(p);
	pd_config_free(config);
	pd_buf_free(&out);
	pd_buf_free(&raw);
	return rc;
}
