/*
 * cmd_log.c: profdiff log [PROFILE...]
 *
 * The published revisions of each profile, newest first: date, commit,
 * author, and what the update changed in substance against the previous
 * published revision, then the update's edit summary (its commits'
 * messages).
 */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: profdiff log [PROFILE...]\n\n"
	"Lists the published revisions of each profile (every profile of the\n"
	"repository without arguments), newest first: the last_updated date,\n"
	"the newest commit carrying it, its author, and a one-line summary of\n"
	"what the update changed in substance; under it, the edit summary: the\n"
	"first lines of the messages of the commits that made the update, each\n"
	"once, oldest first. PROFILE is a name (laos) or a path.\n\n"
	"  -h, --help  print this help\n";

typedef struct log_out {
	const pd_cli *c;
	bool separate; /* a blank line between two profiles */
	int rc;
	pd_buf b[2]; /* the profile's text made inert, two at a time */
} log_out;

/* `s` as a terminal may show it (pd_render_term_escape), in b[k], which
 * the next call with k reuses. */
static const char *inert_str(pd_buf *b, int k, const char *s)
{
	pd_buf_clear(&b[k]);
	pd_render_term_escape(&b[k], s ? s : "", s ? strlen(s) : 0);
	return pd_buf_ok(&b[k]) == 0 ? pd_buf_cstr(&b[k]) : "";
}

static void print_profile(void *ctx, const pd_app_log_profile *p)
{
	log_out *lo = ctx;
	const char *bold = pd_cli_use_color(lo->c, stdout) ? "\033[1m" : "";
	const char *yellow = *bold ? "\033[33m" : "";
	const char *reset = *bold ? "\033[0m" : "";
	size_t i, k;

	if (lo->separate && p->index)
		putchar('\n');
	if (p->error) {
		pd_cli_error_of(p->error);
		lo->rc = EXIT_TROUBLE;
		return;
	}
	printf("%s%s%s (%s)\n", bold,
	       inert_str(lo->b, 0, p->country ? p->country : p->path), reset,
	       inert_str(lo->b, 1, p->path));
	if (!p->n)
		printf("  no published revision\n");
	for (i = 0; i < p->n; i++) {
		const pd_revision *r = &p->revs[i];
		char date[11] = "(no date)";

		if (r->last_updated.year)
			pd_date_format(r->last_updated, date);
		printf("  %s  %s%.7s%s  %s  %s\n", date, yellow, r->commit,
		       reset, inert_str(lo->b, 0, r->author),
		       inert_str(lo->b, 1, p->summaries[i]));
		/* the edit summary, under the commit */
		for (k = 0; k < r->nmessages; k++)
			printf("              %s\n",
			       inert_str(lo->b, 0, r->messages[k]));
	}
}

int pd_cmd_log(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_cli_opts go;
	log_out lo = {c, false, EXIT_OK, {PD_BUF_INIT, PD_BUF_INIT}};
	pd_cli_progress shown;
	pd_app_progress progress = {pd_cli_progress_show, &shown};
	pd_store *s = NULL;
	int opt;

	pd_cli_opts_init(&go, c, "log", "h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return EXIT_TROUBLE;
	}
	/* every profile: a blank line between two */
	lo.separate = optind >= argc;
	pd_cli_progress_init(&shown, "log: profiles", true);
	if (pd_store_open(&s, ".") < 0 ||
	    pd_app_log(s,
		       optind < argc ? (const char *const *)argv + optind : NULL,
		       (size_t)(argc - optind), print_profile, &lo,
		       &progress) < 0) {
		pd_cli_error_last();
		lo.rc = EXIT_TROUBLE;
	}
	pd_cli_progress_done(&shown);
	pd_cli_shallow_note(s);
	pd_store_free(s);
	pd_buf_free(&lo.b[0]);
	pd_buf_free(&lo.b[1]);
	return lo.rc;
}
