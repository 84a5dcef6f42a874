/*
 * cmd_review.c: profdiff review [BASE..HEAD | BASE | --staged | --worktree]
 *
 * An update reviewed as a whole: every profile it adds, deletes, modifies
 * or renames, with its semantic diff and the lint findings it introduces
 * and fixes, matched by what they are about. The exit status gates CI on
 * new findings only. cli_review_build is shared with the pre-receive
 * hook, which reviews each pushed range the same way.
 */
#include <getopt.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"
#include "profdiff/extract.h"

static const char usage[] =
	"usage: profdiff review [BASE..HEAD | BASE | --staged | --worktree]\n"
	"                       [--format FORMAT] [--fail-on LEVEL] [-o FILE]\n\n"
	"Reviews an update as a whole: every profile it adds, deletes,\n"
	"modifies or renames, with what changed in substance and the lint\n"
	"findings the update introduces and fixes. Findings are matched by\n"
	"what they are about (the rule, the claim or the source), never by\n"
	"line or footnote number: renumbering footnotes or re-wrapping lines\n"
	"introduces nothing.\n\n"
	"  BASE..HEAD       HEAD against where it forked from BASE (as git diff\n"
	"                   BASE...HEAD): a branch or merge request\n"
	"  BASE             BASE against HEAD\n"
	"  --staged         the index against HEAD\n"
	"  --worktree       the working tree against HEAD (the default)\n"
	"  --format FORMAT  text (default), markdown (a merge-request comment),\n"
	"                   json (profdiff.review.v1), html (a page) or sarif\n"
	"                   (the introduced findings, for code scanning)\n"
	"  --fail-on LEVEL  exit 1 when the update introduces a finding of\n"
	"                   LEVEL or above: error (default), warning, info or\n"
	"                   never\n"
	"  -o, --output F   write to F (atomically) instead of standard output\n"
	"  -h, --help       print this help\n\n"
	"Exit status: 0, 1 (new findings at --fail-on), 2 (trouble: a bad\n"
	"range, an unreadable repository, or a profile that no longer\n"
	"parses, which is also the review's first finding).\n";

/* One side of an entry: the profile, or the error that kept it from
 * parsing (kept in the arena). Other errors are trouble. */
static int load_side(pd_store *s, pd_arena *a, const char *path,
		     const char *rev, const pd_profile **p,
		     const pd_error **broken)
{
	pd_revision r;
	int err = pd_store_load(s, path, rev, &r);

	if (err == PD_EINVALID) {
		pd_error *e = pd_arena_alloc(a, sizeof(*e));

		if (!e)
			return pd_error_oom();
		*e = *pd_error_last();
		*broken = e;
		pd_error_clear();
		return 0;
	}
	if (err < 0)
		return err;
	*p = r.profile;
	return 0;
}

/* Checks entries on every core: they are independent. */
typedef struct review_job {
	pd_review *r;
	const pd_lint_options *lopts;
	const pd_diff_options *dopts;
	atomic_size_t next;
	atomic_int err;
} review_job;

static void *review_worker(void *arg)
{
	review_job *job = arg;
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->r->n) {
		int err = pd_review_check(&job->r->entries[i], job->lopts,
					  job->dopts);

		if (err < 0)
			atomic_store(&job->err, err);
	}
	return NULL;
}

int cli_review_build(pd_store *s, pd_arena *a, const char *base,
		     const char *head, pd_review *out)
{
	const pd_config *cfg = pd_store_config(s);
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_treaty_matcher *matcher = NULL;
	pd_file_change *ch;
	size_t n, i;
	review_job job;
	int err;

	out->entries = NULL;
	out->n = 0;
	if ((err = pd_store_changes(s, base, head, &ch, &n)) < 0)
		return err;
	if (!(out->entries = pd_arena_calloc(a, n + 1, sizeof(*out->entries))))
		return pd_error_oom();
	for (i = 0; i < n; i++) {
		pd_review_entry *e = &out->entries[i];

		e->status = ch[i].status == PD_FILE_ADDED     ? PD_REVIEW_ADDED
			    : ch[i].status == PD_FILE_DELETED ? PD_REVIEW_DELETED
			    : ch[i].status == PD_FILE_RENAMED ? PD_REVIEW_RENAMED
							      : PD_REVIEW_MODIFIED;
		e->path = ch[i].new_path ? ch[i].new_path : ch[i].old_path;
		e->old_path = e->status == PD_REVIEW_RENAMED ? ch[i].old_path
							     : NULL;
		e->profile = cli_profile_name(a, e->path);
		if (!e->profile)
			return pd_error_oom();
		if (ch[i].old_path &&
		    (err = load_side(s, a, ch[i].old_path, base, &e->from,
				     &e->from_error)) < 0)
			return err;
		if (ch[i].new_path &&
		    (err = load_side(s, a, ch[i].new_path, head, &e->to,
				     &e->to_error)) < 0)
			return err;
		out->n = i + 1;
	}
	cli_lint_options(&lo, cfg);
	if (pd_treaty_matcher_new(&matcher, a, lo.vocab) < 0)
		return pd_error_oom();
	lo.matcher = matcher;
	dopts.vocab = &cfg->vocab;
	job.r = out;
	job.lopts = &lo;
	job.dopts = &dopts;
	atomic_init(&job.next, 0);
	atomic_init(&job.err, 0);
	cli_run_on_cores(review_worker, &job, out->n);
	if ((err = atomic_load(&job.err)) < 0)
		return pd_error_oom();
	pd_review_total(out);
	return 0;
}

void cli_review_free(pd_review *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		pd_review_entry_free(&r->entries[i]);
	r->n = 0;
}

/* The sides of the review from the argument (NULL: --worktree). */
static int sides(pd_store *s, pd_arena *a, const char *arg, bool staged,
		 pd_review *r, char base[41], char head[41])
{
	const char *dots = arg ? strstr(arg, "..") : NULL;
	int err;

	if (!arg) {
		r->head.rev = staged ? "staged" : "worktree";
		r->base.rev = "HEAD";
		if (pd_store_bare(s))
			return pd_error_set(PD_EUSAGE, NULL, 0, 0,
					    "a bare repository has no %s: give "
					    "BASE..HEAD",
					    staged ? "index" : "working tree");
		err = pd_store_commit_id(s, "HEAD", base);
		if (err == PD_ENOTFOUND) { /* no commit yet: all is new */
			pd_error_clear();
			base[0] = '\0';
			r->base.rev = NULL;
			err = 0;
		}
		strcpy(head, r->head.rev);
		return err;
	}
	if (dots) {
		const char *right = dots + 2;
		char left_hex[41];
		char *left = pd_arena_strndup(a, arg, (size_t)(dots - arg));

		if (*right == '.')
			right++; /* BASE...HEAD means the same */
		if (!left)
			return pd_error_oom();
		r->base.rev = *left ? left : "HEAD";
		r->head.rev = *right ? right : "HEAD";
		if ((err = pd_store_commit_id(s, r->base.rev, left_hex)) < 0 ||
		    (err = pd_store_commit_id(s, r->head.rev, head)) < 0 ||
		    (err = pd_store_merge_base(s, left_hex, head, base)) < 0)
			return err;
		return 0;
	}
	r->base.rev = arg;
	r->head.rev = "HEAD";
	if ((err = pd_store_commit_id(s, arg, base)) < 0 ||
	    (err = pd_store_commit_id(s, "HEAD", head)) < 0)
		return err;
	return 0;
}

int cmd_review(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"fail-on", required_argument, NULL, 'F'},
		{"staged", no_argument, NULL, 's'},
		{"worktree", no_argument, NULL, 'w'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_review r;
	pd_store *s = NULL;
	pd_arena *a = NULL;
	pd_buf out = PD_BUF_INIT;
	const char *output = NULL, *arg = NULL;
	char base[41], head[41];
	pd_severity fail_on = PD_SEV_ERROR;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK, modes = 0;
	bool staged = false;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_TEXT && fmt != PD_FORMAT_JSON &&
			    fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_SARIF)
				return cli_bad_usage(
					"review", "--format takes text, "
						  "markdown, json, html or sarif");
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0) {
				fail_on = PD_SEV_OFF;
				break;
			}
			opt = pd_severity_lookup(optarg, strlen(optarg));
			if (opt <= PD_SEV_OFF)
				return cli_bad_usage(
					"review", "--fail-on takes error, "
						  "warning, info or never");
			fail_on = (pd_severity)opt;
			break;
		case 's':
			staged = true;
			modes++;
			break;
		case 'w':
			modes++;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("review", argv, optind);
		}
	}
	if (optind < argc)
		arg = argv[optind++];
	if (optind < argc || modes + (arg != NULL) > 1)
		return cli_bad_usage("review", "give one of BASE..HEAD, BASE, "
					       "--staged or --worktree");
	memset(&r, 0, sizeof(r));
	if (!(a = pd_arena_new())) {
		cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	if (pd_store_open(&s, ".") < 0 ||
	    sides(s, a, arg, staged, &r, base, head) < 0 ||
	    cli_review_build(s, a, base, head, &r) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	r.base.commit = base[0] ? base : NULL;
	r.head.commit = arg ? head : NULL;
	ropts.color = fmt == PD_FORMAT_TEXT && !output &&
		      cli_use_color(c, stdout);
	if (pd_render_review(&out, (pd_format)fmt, &r, &ropts) < 0 ||
	    (output && pd_file_write_atomic(output, out.ptr, out.len) < 0)) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (!output && out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (r.broken) {
		/* the review is written; the trouble is said on stderr too */
		const pd_review_entry *e = &r.entries[0];
		char msg[1600];

		pd_error_format(e->to_error, msg, sizeof(msg));
		cli_error("%s (no longer parses)", msg);
		rc = EXIT_TROUBLE;
	} else if (pd_review_fails(&r, fail_on)) {
		rc = EXIT_FINDINGS;
	}
done:
	cli_review_free(&r);
	pd_buf_free(&out);
	pd_store_free(s);
	pd_arena_free(a);
	return rc;
}
