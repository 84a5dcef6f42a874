/*
 * app_review.c: an update reviewed as a whole (app.h): the profiles it
 * adds, deletes, modifies or renames, each loaded on both sides, then
 * diffed and linted on every core (review.h's pd_review_check), and
 * totalled. The pre-receive hook reviews each pushed range the same way.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "profdiff/app.h"
#include "profdiff/extract.h"

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

/* Entries are independent: each is checked on whichever core takes it. */
typedef struct review_job {
	pd_review *r;
	const pd_lint_options *lopts;
	const pd_diff_options *dopts;
	atomic_int err;
} review_job;

static void check_some(void *ctx, void *state, size_t from, size_t to)
{
	review_job *job = ctx;
	size_t i;

	(void)state;
	for (i = from; i < to; i++) {
		int err = pd_review_check(&job->r->entries[i], job->lopts,
					  job->dopts);

		if (err < 0)
			atomic_store(&job->err, err);
	}
}

static pd_review_status status_of(pd_file_status s)
{
	return s == PD_FILE_ADDED     ? PD_REVIEW_ADDED
	       : s == PD_FILE_DELETED ? PD_REVIEW_DELETED
	       : s == PD_FILE_RENAMED ? PD_REVIEW_RENAMED
				      : PD_REVIEW_MODIFIED;
}

/* The review between base and head, each head checked against the
 * profile as revision `pubrev` holds it (gate.h). */
static int review_between(pd_review *out, pd_store *s, pd_arena *a,
			  const char *base, const char *head,
			  const char *pubrev)
{
	const pd_config *cfg = pd_store_config(s);
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_treaty_matcher *matcher = NULL;
	pd_parallel p = PD_PARALLEL_INIT;
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

		e->status = status_of(ch[i].status);
		e->path = ch[i].new_path ? ch[i].new_path : ch[i].old_path;
		e->old_path = e->status == PD_REVIEW_RENAMED ? ch[i].old_path
							     : NULL;
		e->profile = pd_app_profile_name(a, e->path);
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
		if ((err = pd_app_published_profile(s, pubrev, e->path,
						    &e->published)) < 0)
			return err;
		out->n = i + 1;
	}
	pd_app_config_lint(&lo, cfg);
	if (pd_treaty_matcher_new(&matcher, a, lo.vocab) < 0)
		return pd_error_oom();
	lo.matcher = matcher;
	dopts.vocab = &cfg->vocab;
	job.r = out;
	job.lopts = &lo;
	job.dopts = &dopts;
	atomic_init(&job.err, 0);
	p.n = out->n;
	p.ctx = &job;
	p.body = check_some;
	pd_parallel_run(&p);
	if ((err = atomic_load(&job.err)) < 0)
		return pd_error_oom();
	pd_review_total(out);
	return 0;
}

int pd_app_review_between(pd_review *out, pd_store *s, pd_arena *a,
			  const char *base, const char *head)
{
	char pub[1024];
	int err;

	out->entries = NULL;
	out->n = 0;
	if ((err = pd_app_publication(s, pub, sizeof(pub))) < 0)
		return err;
	return review_between(out, s, a, base, head, pub);
}

void pd_app_review_release(pd_review *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		pd_review_entry_free(&r->entries[i]);
	r->n = 0;
}

/* The sides of the review from `range` (NULL: the working tree, or the
 * index), as commits in base and head. */
static int sides(pd_store *s, pd_arena *a, const char *range, bool staged,
		 pd_review *r, char base[41], char head[41])
{
	const char *dots = range ? strstr(range, "..") : NULL;
	int err;

	if (!range) {
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
		char *left = pd_arena_strndup(a, range, (size_t)(dots - range));

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
	r->base.rev = range;
	r->head.rev = "HEAD";
	if ((err = pd_store_commit_id(s, range, base)) < 0 ||
	    (err = pd_store_commit_id(s, "HEAD", head)) < 0)
		return err;
	return 0;
}

int pd_app_review(pd_review *out, pd_store *s, pd_arena *a,
		  const char *range, bool staged)
{
	char *base = pd_arena_alloc(a, 41), *head = pd_arena_alloc(a, 41);
	int err;

	memset(out, 0, sizeof(*out));
	if (!base || !head)
		return pd_error_oom();
	if ((err = sides(s, a, range, staged, out, base, head)) < 0 ||
	    (err = pd_app_review_between(out, s, a, base, head)) < 0)
		return err;
	out->base.commit = base[0] ? base : NULL;
	out->head.commit = range ? head : NULL;
	return 0;
}

int pd_app_review_push(pd_review *out, const char **base, pd_store *s,
		       pd_arena *a, const char *old, const char *new,
		       const char *ref)
{
	char *b = pd_arena_alloc(a, 41);
	int err;

	memset(out, 0, sizeof(*out));
	*base = b;
	if (!b)
		return pd_error_oom();
	/* an update is reviewed from the old tip; a new branch from where it
	 * forks from the branches already here (all of it when nowhere) */
	if (strspn(old, "0") == strlen(old)) {
		if ((err = pd_store_fork_point(s, new, b)) < 0)
			return err;
	} else if (strlen(old) == 40) {
		memcpy(b, old, 41);
	} else {
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "%s: not a commit id: %s", ref, old);
	}
	/* on the server, what the branch held is what is published */
	return review_between(out, s, a, b, new, b);
}
