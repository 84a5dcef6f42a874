/*
 * app_blame.c: where each claim of a profile comes from (app.h): the
 * profile's published revisions, oldest first, given to the blamer
 * (blame.h), and the working tree's file after them when it is asked
 * for or holds edits. Profiles are blamed one at a time, each handed to
 * the caller and freed before the next is read.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"

/* One profile to blame: its path, and how its revision was named. */
typedef struct target {
	const char *path;
	const char *rev;       /* as given after '@', or NULL */
	const char *tip;       /* a git revision to read the history of */
	bool worktree;
	pd_date upto;          /* a published date: year 0 none */
} target;

/* The blame of one profile from its published revisions. */
static int blame_one(pd_store *s, const target *t,
		     const pd_app_history_item *it, pd_blame **out)
{
	const pd_vocab *vocab = &pd_store_config(s)->vocab;
	const pd_revision *revs = it->revs;
	size_t n = it->n, k;
	pd_revision wt;
	pd_blamer *bl = NULL;
	bool worktree = t->worktree || (!t->rev && pd_store_dirty(s, t->path));
	int err;

	if (it->err < 0) {
		pd_error_set(it->error->code, it->error->file[0] ? it->error->file
								: NULL,
			     it->error->pos.line, it->error->pos.col, "%s",
			     it->error->message);
		return it->err;
	}
	if (worktree && (err = pd_store_load(s, t->path, "worktree", &wt)) < 0)
		return err;
	/* a date names a published revision, as show and diff take it */
	if (t->upto.year) {
		for (k = 0; k < n; k++)
			if (pd_date_cmp(revs[k].last_updated, t->upto) == 0)
				break;
		if (k == n)
			return pd_app_no_such_date(s, t->path, t->rev);
	}
	if (!n && !worktree)
		return pd_error_set(PD_ENOTFOUND, t->path, 0, 0,
				    "no published revision%s%s",
				    t->rev ? " at " : "", t->rev ? t->rev : "");
	if ((err = pd_blamer_new(&bl, vocab)) < 0)
		return err;
	for (k = n; k-- > 0;) {
		pd_blame_rev r;

		if (t->upto.year && pd_date_cmp(revs[k].last_updated, t->upto) > 0)
			continue;
		r.date = revs[k].last_updated;
		r.commit = revs[k].commit;
		r.author = revs[k].author;
		r.time = revs[k].time;
		r.messages = revs[k].messages;
		r.nmessages = revs[k].nmessages;
		if ((err = pd_blamer_add(bl, revs[k].profile, &r)) < 0)
			goto done;
	}
	if (worktree) {
		pd_blame_rev r = {wt.profile->last_updated, NULL, NULL, 0,
				  NULL, 0};

		if ((err = pd_blamer_add(bl, wt.profile, &r)) < 0)
			goto done;
	}
	err = pd_blamer_finish(bl, out);
	if (!err && !(*out)->nrevs) {
		pd_blame_free(*out);
		*out = NULL;
		err = pd_error_set(PD_ENOTFOUND, t->path, 0, 0,
				   "no published revision on or before %s",
				   t->rev);
	}
done:
	pd_blamer_free(bl);
	/* the blamer says only that it ran out of memory */
	return err == PD_ENOMEM ? pd_error_oom() : err;
}

int pd_app_blame_revisions(pd_blame **out, const pd_vocab *vocab,
			   const pd_revision *revs, size_t n,
			   const pd_diff *const *diffs,
			   const pd_profile *worktree)
{
	pd_blamer *bl = NULL;
	size_t k;
	int err;

	*out = NULL;
	if ((err = pd_blamer_new(&bl, vocab)) < 0)
		return pd_error_oom();
	for (k = n; k-- > 0;) {
		pd_blame_rev r;

		r.date = revs[k].last_updated;
		r.commit = revs[k].commit;
		r.author = revs[k].author;
		r.time = revs[k].time;
		r.messages = revs[k].messages;
		r.nmessages = revs[k].nmessages;
		if (diffs && k + 1 < n && diffs[k])
			err = pd_blamer_add_diff(bl, revs[k].profile, &r,
						 diffs[k]);
		else
			err = pd_blamer_add(bl, revs[k].profile, &r);
		if (err < 0)
			goto done;
	}
	if (worktree) {
		pd_blame_rev r = {worktree->last_updated, NULL, NULL, 0, NULL,
				  0};

		if ((err = pd_blamer_add(bl, worktree, &r)) < 0)
			goto done;
	}
	err = pd_blamer_finish(bl, out);
done:
	pd_blamer_free(bl);
	return err == PD_ENOMEM ? pd_error_oom() : err;
}

/* The targets from "PROFILE[@REV]" arguments, or every profile at HEAD. */
static int targets(target **out, size_t *n, pd_store *s, pd_arena *a,
		   const pd_app_blame_options *o)
{
	const char **paths;
	target *t;
	size_t i;
	int err;

	if (!o->profiles) {
		if ((err = pd_store_profiles_at(s, "HEAD", &paths, n)) < 0)
			return err;
		if (!(t = pd_arena_calloc(a, *n + 1, sizeof(*t))))
			return pd_error_oom();
		for (i = 0; i < *n; i++)
			t[i].path = paths[i];
		*out = t;
		return 0;
	}
	*n = o->nprofiles;
	if (!(t = pd_arena_calloc(a, *n + 1, sizeof(*t))))
		return pd_error_oom();
	for (i = 0; i < *n; i++) {
		char *arg = pd_arena_strdup(a, o->profiles[i]);
		char *at = arg ? strrchr(arg, '@') : NULL, *path;

		if (!arg)
			return pd_error_oom();
		if (at) {
			*at = '\0';
			t[i].rev = at + 1;
		}
		if ((err = at ? pd_store_profile_path(s, arg, &path)
			      : pd_app_profile_path(s, arg, &path)) < 0)
			return err;
		t[i].path = path;
		if (!t[i].rev)
			continue;
		if (strcmp(t[i].rev, "worktree") == 0)
			t[i].worktree = true;
		else if (!pd_date_parse(t[i].rev, strlen(t[i].rev), &t[i].upto))
			t[i].tip = t[i].rev;
	}
	*out = t;
	return 0;
}

int pd_app_blame(size_t *nprofiles, size_t *stale, pd_store *s,
		 const pd_app_blame_options *o)
{
	pd_app_history_options ho = PD_APP_HISTORY_OPTIONS_INIT;
	pd_app_history *h = NULL;
	pd_app_history_item it;
	pd_arena *a = pd_arena_new();
	const char **paths = NULL, **tips = NULL;
	pd_blame_report pend;
	size_t emitted = 0;
	target *t = NULL;
	size_t n = 0, i;
	int err, more = 0;

	*nprofiles = 0;
	*stale = 0;
	memset(&pend, 0, sizeof(pend));
	if (!a)
		return pd_error_oom();
	if ((err = targets(&t, &n, s, a, o)) < 0)
		goto done;
	paths = pd_arena_calloc(a, n + 1, sizeof(*paths));
	tips = pd_arena_calloc(a, n + 1, sizeof(*tips));
	if (!paths || !tips) {
		err = pd_error_oom();
		goto done;
	}
	for (i = 0; i < n; i++) {
		paths[i] = t[i].path;
		tips[i] = t[i].tip;
	}
	ho.tips = tips;
	ho.progress = o->progress;
	if ((err = pd_app_history_new(&h, s, paths, n, &ho)) < 0)
		goto done;
	/* each blame is handed on when the next is made, or at the end:
	 * the renderers need to know which is the last, and a profile
	 * passed must not leave a hole in the numbering */
	while ((more = pd_app_history_next(h, &it)) > 0) {
		pd_blame_report rep;
		pd_blame *b;

		if ((err = blame_one(s, &t[it.index], &it, &b)) < 0) {
			/* of every profile, one that cannot be blamed is said
			 * and passed */
			if (o->profiles ||
			    (err != PD_ENOTFOUND && err != PD_EINVALID))
				goto done;
			pd_app_why_not(s, it.path, err);
			if (o->report)
				o->report(o->ctx, pd_error_last());
			err = 0;
			continue;
		}
		memset(&rep, 0, sizeof(rep));
		rep.blame = b;
		rep.profile = pd_app_profile_name(a, it.path);
		rep.path = it.path;
		rep.stale_months = o->stale_months;
		rep.country = b->country;
		if (o->stale_months)
			*stale += pd_blame_stale(b, o->stale_months);
		if (pend.blame) {
			/* not the last: any n past i + 1 says so */
			err = o->each(o->ctx, &pend, emitted, emitted + 2);
			pd_blame_free((pd_blame *)pend.blame);
			pend.blame = NULL;
			emitted++;
			if (err < 0) {
				pd_blame_free(b);
				goto done;
			}
		}
		pend = rep;
	}
	if ((err = more) < 0)
		goto done;
	if (pend.blame) {
		err = o->each(o->ctx, &pend, emitted, emitted + 1);
		emitted++;
	}
	*nprofiles = emitted;
done:
	pd_blame_free((pd_blame *)pend.blame);
	pd_app_history_free(h);
	pd_arena_free(a);
	return err < 0 ? err : 0;
}
