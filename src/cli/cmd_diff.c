/*
 * cmd_diff.c: profdiff diff FILE_A FILE_B [--format F] [--exit-code]
 *
 * The semantic diff of two profiles (YAML or pages): laws, treaties,
 * claims, sources; nothing for renumbered footnotes, wrapping, quotes or
 * layout. With --exit-code the status is 1 when there are changes.
 */
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/diff.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff diff PROFILE [FROM [TO]] [--format FORMAT] "
	"[--exit-code] [-o FILE]\n"
	"       profdiff diff FILE_A FILE_B [...]\n\n"
	"Shows what changed in substance between two revisions of a profile\n"
	"of the repository, or between two files (profiles or published\n"
	"pages). Revisions are published dates (YYYY-MM-DD), git revisions\n"
	"(HEAD~2, a hash, a branch), staged or worktree. Without them: the\n"
	"previous published revision against the newest, or against the\n"
	"working tree when it holds uncommitted edits.\n\n"
	"The changes: laws added, removed or changed; treaty statuses;\n"
	"claims added, removed, reworded (word by word, marked factual or\n"
	"editorial), moved between sections or re-sourced; sources added,\n"
	"removed or changed. Renumbered footnotes, re-wrapped lines, quote and\n"
	"dash style, spacing and YAML layout are no change.\n\n"
	"  --format FORMAT  text (default), json (profdiff.diff.v1), markdown\n"
	"                   or html (a self-contained review page)\n"
	"  --exit-code      exit 1 when there are changes, 0 when none\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n";

/* Whether PATH names something on disk: two arguments are two files when
 * the second exists (a revision is never a file's name), so that a missing
 * or unreadable first file, or a directory, is reported as such. */
static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void side_from(pd_diff_side *side, const pd_revision *r,
		      const char *label)
{
	side->revision = label;
	side->commit = r->commit[0] ? r->commit : NULL;
	side->path = r->path;
	side->profile = r->profile;
}

/* A published revision is labelled by its date; one without a date (a
 * profile published before it had one) by its commit alone. */
static const char *date_label(const pd_revision *r, char out[16])
{
	if (!r->last_updated.year)
		return NULL;
	pd_date_format(r->last_updated, out);
	return out;
}

/* Fills the report's sides from PROFILE [FROM [TO]] in the repository. */
static int revisions(pd_store **store, int n, char **args, pd_diff_report *rep)
{
	static pd_revision from, to;
	static char from_label[16], to_label[16];
	const pd_revision *revs;
	size_t nrevs;
	char *path;
	int err;

	if ((err = pd_store_open(store, ".")) < 0 ||
	    (err = pd_store_profile_path(*store, args[0], &path)) < 0)
		return err;
	if (n >= 2) {
		if ((err = pd_store_load(*store, path, args[1], &from)) < 0)
			return err;
		side_from(&rep->from, &from, args[1]);
	}
	if (n == 3) {
		if ((err = pd_store_load(*store, path, args[2], &to)) < 0)
			return err;
		side_from(&rep->to, &to, args[2]);
		return 0;
	}
	if (pd_store_dirty(*store, path)) {
		if ((err = pd_store_load(*store, path, "worktree", &to)) < 0)
			return err;
		side_from(&rep->to, &to, "worktree");
		rep->note = "the working tree holds uncommitted edits";
	}
	if (n == 2 && rep->to.profile)
		return 0;
	if ((err = pd_store_published(*store, path, &revs, &nrevs)) < 0)
		return err;
	if (rep->to.profile) {
		/* the newest published revision against the working tree */
		if (!nrevs)
			return pd_error_set(PD_ENOTFOUND, path, 0, 0,
					    "no published revision to compare "
					    "the working tree with");
		side_from(&rep->from, &revs[0], date_label(&revs[0], from_label));
		return 0;
	}
	if (n == 2) {
		if (!nrevs)
			return pd_error_set(PD_ENOTFOUND, path, 0, 0,
					    "no published revision");
		side_from(&rep->to, &revs[0], date_label(&revs[0], to_label));
		return 0;
	}
	if (nrevs < 2)
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "%s published revision: nothing to compare "
				    "(give FROM and TO)",
				    nrevs ? "only one" : "no");
	side_from(&rep->from, &revs[1], date_label(&revs[1], from_label));
	side_from(&rep->to, &revs[0], date_label(&revs[0], to_label));
	return 0;
}

int cmd_diff(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"exit-code", no_argument, NULL, 'e'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_diff_report rep;
	pd_store *store = NULL;
	pd_config *config = NULL;
	pd_profile *a = NULL, *b = NULL;
	pd_diff *d = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL;
	char root[4096], slug[256];
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;
	bool exit_code = false;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML)
				return cli_bad_usage(
					"diff", "--format takes text, json, "
						"markdown or html");
			break;
		case 'e':
			exit_code = true;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("diff", argv, optind);
		}
	}
	memset(&rep, 0, sizeof(rep));
	if (argc - optind < 1 || argc - optind > 3)
		return cli_bad_usage("diff",
				     "give PROFILE [FROM [TO]], or FILE_A FILE_B");
	if (argc - optind == 2 && exists(argv[optind + 1])) {
		cli_find_root(root, sizeof(root));
		if (cli_load_config(&config, root) < 0 ||
		    cli_load_profile_with(&a, argv[optind], &config->vocab) < 0 ||
		    cli_load_profile_with(&b, argv[optind + 1],
					  &config->vocab) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto done;
		}
		rep.from.path = argv[optind];
		rep.from.profile = a;
		rep.to.path = argv[optind + 1];
		rep.to.profile = b;
	} else if (revisions(&store, argc - optind, argv + optind, &rep) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	dopts.vocab = store ? &pd_store_config(store)->vocab : &config->vocab;
	if (pd_diff_profiles(&d, rep.from.profile, rep.to.profile, &dopts) <
	    0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	pd_country_slug(rep.to.profile->country ? rep.to.profile->country : "",
			slug, sizeof(slug));
	rep.profile = slug;
	rep.diff = d;
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      cli_use_color(c, stdout);
	if (pd_render_diff(&out, (pd_format)fmt, &rep, &ropts) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (output) {
		if (pd_file_write_atomic(output, out.ptr, out.len) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto done;
		}
	} else if (out.len) {
		fwrite(out.ptr, 1, out.len, stdout);
	}
	if (exit_code && d->nchanges)
		rc = EXIT_FINDINGS;
done:
	pd_diff_free(d);
	pd_profile_free(a);
	pd_profile_free(b);
	pd_config_free(config);
	pd_store_free(store);
	pd_buf_free(&out);
	return rc;
}
