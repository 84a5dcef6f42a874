/*
 * cmd_blame.c: profdiff blame [PROFILE[@REV]...] [--stale MONTHS]
 *              [--format text|json|html] [-o FILE]
 *
 * Where each claim comes from: for every claim of a profile, the
 * published revision that introduced it and the last that changed it in
 * substance, followed through rewordings, moves, splits, merges and
 * renumbered footnotes (blame.h). With --stale, the claims nobody has
 * changed or re-sourced for MONTHS months, and exit 1 when there are any.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff blame [PROFILE[@REV]...] [--stale MONTHS]\n"
	"                      [--format text|json|html] [-o FILE]\n\n"
	"For each claim of a profile (every profile without arguments): the\n"
	"published revision that introduced it and the last that changed it in\n"
	"substance (reworded, re-sourced, moved to another section), each by\n"
	"date, commit and author. Claims are followed through rewordings,\n"
	"moves, splits and merges; renumbered footnotes, re-wrapped lines and\n"
	"editorial fixes change nothing. REV: a published date (YYYY-MM-DD),\n"
	"a git revision, or worktree; by default the newest published\n"
	"revision, or the working tree when it holds edits.\n\n"
	"  --stale MONTHS   mark the claims not changed in substance in the\n"
	"                   MONTHS months before last_updated whose sources were\n"
	"                   all last accessed before then; exit 1 when any is\n"
	"  --format FORMAT  text (default), json (profdiff.blame.v1) or html\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n";

/* Each profile's blame, rendered and written as soon as it is made: the
 * blames of a long history of many profiles are never held together. */
typedef struct blame_out {
	pd_cli_out out;
	pd_buf buf;
	pd_format fmt;
	pd_render_options ropts;
	int skipped; /* profiles that could not be blamed */
} blame_out;

static int write_part(void *ctx, const pd_blame_report *r, size_t i,
		      size_t n)
{
	blame_out *b = ctx;
	int err = pd_render_blame_part(&b->buf, b->fmt, r, i, n, &b->ropts);

	if (err == 0)
		err = b->out.sink.write(b->out.sink.ctx, b->buf.ptr, b->buf.len);
	pd_buf_clear(&b->buf);
	return err;
}

/* A profile passed: said, and counted for the exit status. */
static void report_one(void *ctx, const pd_error *err)
{
	blame_out *b = ctx;

	pd_cli_error_of(err);
	b->skipped++;
}

int pd_cmd_blame(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"stale", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	pd_app_blame_options o = PD_APP_BLAME_OPTIONS_INIT;
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	blame_out b;
	pd_store *s = NULL;
	const char *output = NULL;
	size_t n = 0, stale = 0;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;

	memset(&b, 0, sizeof(b));
	pd_cli_opts_init(&go, c, "blame", "o:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		switch (opt) {
		case 's': {
			char *end;
			long m = strtol(optarg, &end, 10);

			if (*end || end == optarg || m < 1 || m > 1200)
				return pd_cli_bad_usage("blame",
							"--stale takes a number "
							"of months, 1 to 1200");
			o.stale_months = (int)m;
			break;
		}
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_HTML)
				return pd_cli_bad_usage("blame",
							"--format takes text, "
							"json or html");
			break;
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
	if (optind < argc) {
		o.profiles = (const char *const *)argv + optind;
		o.nprofiles = (size_t)(argc - optind);
	}
	b.fmt = (pd_format)fmt;
	b.ropts.version = PD_RENDER_OPTIONS_VERSION;
	b.ropts.color = fmt == PD_FORMAT_TEXT && !output &&
			pd_cli_use_color(c, stdout);
	o.each = write_part;
	o.ctx = &b;
	o.report = report_one;
	o.progress = &progress;
	pd_cli_progress_init(&shown, "blame: profiles", true);
	if (pd_store_open(&s, ".") < 0 || pd_cli_out_begin(&b.out, output) < 0 ||
	    pd_app_blame(&n, &stale, s, &o) < 0)
		goto trouble;
	/* no profile at all: the empty document of the format */
	if (!n && pd_render_blame(&b.buf, b.fmt, NULL, 0, &b.ropts) < 0)
		goto trouble;
	pd_cli_progress_done(&shown);
	if (pd_cli_out_finish(&b.out, &b.buf) < 0)
		goto trouble;
	if ((o.stale_months && stale) || b.skipped)
		rc = EXIT_FINDINGS;
	goto done;
trouble:
	pd_cli_error_last();
	pd_cli_out_abort(&b.out);
	rc = EXIT_TROUBLE;
done:
	pd_cli_shallow_note(s);
	pd_buf_free(&b.buf);
	pd_store_free(s);
	return rc;
}
