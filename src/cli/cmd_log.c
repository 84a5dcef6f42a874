/*
 * cmd_log.c: profdiff log [PROFILE...]
 *
 * The published revisions of each profile, newest first: date, commit,
 * author, and what the update changed in substance against the previous
 * published revision.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "profdiff/diff.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff log [PROFILE...]\n\n"
	"Lists the published revisions of each profile (every profile of the\n"
	"repository without arguments), newest first: the last_updated date,\n"
	"the newest commit carrying it, its author, and a one-line summary of\n"
	"what the update changed in substance. PROFILE is a name (laos) or a\n"
	"path.\n\n"
	"  -h, --help  print this help\n";

static int log_profile(pd_store *s, const char *path, const cli *c)
{
	const pd_revision *revs;
	const char *bold = cli_use_color(c, stdout) ? "\033[1m" : "";
	const char *yellow = *bold ? "\033[33m" : "", *reset = *bold ? "\033[0m" : "";
	size_t n, i;
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	pd_differ *dr;
	int err;

	if ((err = pd_store_published(s, path, &revs, &n)) < 0)
		return err;
	o.vocab = &pd_store_config(s)->vocab;
	/* each revision prepared once for the two diffs it is in */
	if ((err = pd_differ_new(&dr, &o)) < 0)
		return err;
	printf("%s%s%s (%s)\n", bold,
	       n && revs[0].profile->country ? revs[0].profile->country : path,
	       reset, path);
	if (!n)
		printf("  no published revision\n");
	for (i = 0; i < n; i++) {
		pd_buf sum = PD_BUF_INIT;
		char date[11] = "(no date)";

		if (revs[i].last_updated.year)
			pd_date_format(revs[i].last_updated, date);
		if (i + 1 < n) {
			pd_diff *d;

			if ((err = pd_differ_diff(dr, &d, revs[i + 1].profile,
						  revs[i].profile)) < 0) {
				pd_differ_free(dr);
				return err;
			}
			pd_diff_summarize(&sum, d);
			pd_diff_free(d);
		} else {
			pd_buf_puts(&sum, "first published revision");
		}
		printf("  %s  %s%.7s%s  %s  %s\n", date, yellow, revs[i].commit,
		       reset, revs[i].author, pd_buf_cstr(&sum));
		pd_buf_free(&sum);
	}
	pd_differ_free(dr);
	/* the next profile's revisions need none of these: memory holds one
	 * profile's history at a time, not the repository's */
	pd_store_forget(s);
	return 0;
}

int cmd_log(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	pd_store *s = NULL;
	const char **list;
	size_t n, i;
	int opt, rc = EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		return cli_bad_option("log", argv, optind);
	}
	if (pd_store_open(&s, ".") < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	if (optind < argc) {
		for (i = (size_t)optind; i < (size_t)argc; i++) {
			char *path;

			if (pd_store_profile_path(s, argv[i], &path) < 0 ||
			    log_profile(s, path, c) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
			}
		}
	} else if (pd_store_profiles(s, &list, &n) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
	} else {
		for (i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			/* after the first profile: when its versions were
			 * dear to read, the others' are read once in the
			 * order they were written */
			if (i == 1 && pd_store_prefetch(s, NULL, list, n) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
				break;
			}
			if (log_profile(s, list[i], c) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
			}
		}
	}
	pd_store_free(s);
	return rc;
}
