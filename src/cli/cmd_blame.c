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
#include "profdiff/blame.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"

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

/* The blame of one profile at `rev` (NULL: the default). */
static int blame_one(pd_store *s, const char *path, const char *rev,
		     pd_blame **out)
{
	const pd_vocab *vocab = &pd_store_config(s)->vocab;
	const pd_revision *revs;
	pd_revision wt;
	pd_blamer *bl = NULL;
	pd_date upto = {0, 0, 0};
	size_t n, k;
	bool worktree = false;
	int err;

	if (rev && strcmp(rev, "worktree") == 0) {
		worktree = true;
		err = pd_store_published(s, path, &revs, &n);
	} else if (rev && pd_date_parse(rev, strlen(rev), &upto)) {
		err = pd_store_published(s, path, &revs, &n);
	} else if (rev) {
		char hex[41];

		if ((err = pd_store_commit_id(s, rev, hex)) < 0)
			return err;
		err = pd_store_published_at(s, hex, path, &revs, &n);
	} else {
		worktree = pd_store_dirty(s, path);
		err = pd_store_published(s, path, &revs, &n);
	}
	if (err < 0)
		return err;
	if (worktree && (err = pd_store_load(s, path, "worktree", &wt)) < 0)
		return err;
	if (!n && !worktree)
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "no published revision%s%s", rev ? " at " : "",
				    rev ? rev : "");
	if ((err = pd_blamer_new(&bl, vocab)) < 0)
		return err;
	for (k = n; k-- > 0;) {
		pd_blame_rev r;

		if (upto.year && pd_date_cmp(revs[k].last_updated, upto) > 0)
			continue;
		r.date = revs[k].last_updated;
		r.commit = revs[k].commit;
		r.author = revs[k].author;
		r.time = revs[k].time;
		if ((err = pd_blamer_add(bl, revs[k].profile, &r)) < 0)
			goto done;
	}
	if (worktree) {
		pd_blame_rev r = {wt.profile->last_updated, NULL, NULL, 0};

		if ((err = pd_blamer_add(bl, wt.profile, &r)) < 0)
			goto done;
	}
	err = pd_blamer_finish(bl, out);
	if (!err && !(*out)->nrevs) {
		pd_blame_free(*out);
		*out = NULL;
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0,
				   "no published revision on or before %s", rev);
	}
done:
	pd_blamer_free(bl);
	/* the blamer says only that it ran out of memory */
	return err == PD_ENOMEM ? pd_error_oom() : err;
}

/* Writes what `out` holds (cli_write_out), and empties it. */
static int emit(pd_file_out *f, pd_buf *out)
{
	int err = cli_write_out(f, out->ptr, out->len);

	pd_buf_clear(out);
	return err;
}

int cmd_blame(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"stale", required_argument, NULL, 's'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_file_out file;
	bool writing = false; /* file is begun, not committed */
	pd_store *s = NULL;
	pd_arena *a = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL, **paths = NULL, **revs = NULL;
	size_t n = 0, i, stale = 0;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK, months = 0;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's': {
			char *end;
			long m = strtol(optarg, &end, 10);

			if (*end || end == optarg || m < 1 || m > 1200)
				return cli_bad_usage("blame",
						     "--stale takes a number of "
						     "months, 1 to 1200");
			months = (int)m;
			break;
		}
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_HTML)
				return cli_bad_usage("blame", "--format takes "
							      "text, json or "
							      "html");
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("blame", argv, optind);
		}
	}
	if (!(a = pd_arena_new())) {
		cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	if (pd_store_open(&s, ".") < 0)
		goto trouble;
	if (optind < argc) {
		n = (size_t)(argc - optind);
		paths = pd_arena_calloc(a, n + 1, sizeof(*paths));
		revs = pd_arena_calloc(a, n + 1, sizeof(*revs));
		if (!paths || !revs) {
			pd_error_oom();
			goto trouble;
		}
		for (i = 0; i < n; i++) {
			char *arg = pd_arena_strdup(a, argv[optind + (int)i]);
			char *at = arg ? strrchr(arg, '@') : NULL, *path;

			if (!arg) {
				pd_error_oom();
				goto trouble;
			}
			if (at) {
				*at = '\0';
				revs[i] = at + 1;
			}
			if (pd_store_profile_path(s, arg, &path) < 0)
				goto trouble;
			paths[i] = path;
		}
	} else if (pd_store_profiles_at(s, "HEAD", &paths, &n) < 0) {
		goto trouble;
	} else if (!(revs = pd_arena_calloc(a, n + 1, sizeof(*revs)))) {
		pd_error_oom();
		goto trouble;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      cli_use_color(c, stdout);
	if (output && pd_file_begin(&file, output) < 0)
		goto trouble;
	writing = output != NULL;
	/* each profile's blame is written as soon as it is made, and goes:
	 * the blames of a long history of many profiles are never held
	 * together */
	for (i = 0; i < n; i++) {
		pd_blame_report rep;
		pd_blame *b;
		int err;

		if (blame_one(s, paths[i], revs[i], &b) < 0)
			goto trouble;
		memset(&rep, 0, sizeof(rep));
		rep.blame = b;
		rep.profile = cli_profile_name(a, paths[i]);
		rep.path = paths[i];
		rep.stale_months = months;
		rep.country = b->country;
		if (months)
			stale += pd_blame_stale(b, months);
		err = pd_render_blame_part(&out, (pd_format)fmt, &rep, i, n,
					   &ropts);
		pd_blame_free(b);
		if (err < 0 || emit(output ? &file : NULL, &out) < 0)
			goto trouble;
		/* after the first profile: versions dear to read are read
		 * once, in the order they were written */
		if (i == 0 && n > 1 && !revs[0] &&
		    pd_store_prefetch(s, NULL, paths, n) < 0)
			goto trouble;
		pd_store_forget(s);
	}
	if (!n && (pd_render_blame(&out, (pd_format)fmt, NULL, 0, &ropts) < 0 ||
		   emit(output ? &file : NULL, &out) < 0))
		goto trouble;
	if (output) {
		writing = false;
		if (pd_file_commit(&file) < 0)
			goto trouble;
	}
	if (months && stale)
		rc = EXIT_FINDINGS;
	goto cleanup;
trouble:
	cli_error_last();
	rc = EXIT_TROUBLE;
	if (writing)
		pd_file_abort(&file);
cleanup:
	pd_buf_free(&out);
	pd_store_free(s);
	pd_arena_free(a);
	return rc;
}
