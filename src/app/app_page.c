/*
 * app_page.c: a profile's HTML page at a revision (app.h), with what
 * changed since the published revision before it.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/diff.h"

/* The newest published revision older than `date` among `revs` (newest
 * first), or NULL. */
static const pd_revision *before(const pd_revision *revs, size_t n,
				 pd_date date)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (revs[i].last_updated.year &&
		    pd_date_cmp(revs[i].last_updated, date) < 0)
			return &revs[i];
	return NULL;
}

int pd_app_page_html(pd_buf *out, pd_store *s, const pd_revision *rev,
		     const pd_revision *prev, const pd_profile_page *base)
{
	pd_profile_page pg = PD_PROFILE_PAGE_INIT;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_diff *d = NULL;
	int err;

	if (base)
		pg = *base;
	pg.vocab = &pd_store_config(s)->vocab;
	dopts.vocab = pg.vocab;
	if (prev && prev->profile) {
		/* the caller's diff of the two, when it has made it */
		if (!pg.diff &&
		    (err = pd_diff_profiles(&d, prev->profile, rev->profile,
					    &dopts)) < 0)
			return err;
		if (d)
			pg.diff = d;
		pg.previous = prev->last_updated;
		pg.first = false;
	} else {
		pg.first = true;
	}
	err = pd_render_profile_html(out, rev->profile, &pg);
	pd_diff_free(d);
	return err;
}

int pd_app_render_html(pd_buf *out, pd_store *s, const char *arg)
{
	char *name = strdup(arg ? arg : ""), *at, *path;
	const char *rev;
	const pd_revision *revs, *prev;
	pd_revision r;
	size_t n;
	int err;

	if (!name)
		return pd_error_oom();
	at = strrchr(name, '@');
	if (at)
		*at = '\0';
	if ((err = at ? pd_store_profile_path(s, name, &path)
		      : pd_app_profile_path(s, name, &path)) < 0)
		goto done;
	rev = at ? at + 1
	    : pd_store_workdir(s) && pd_store_dirty(s, path) ? "worktree"
							    : "HEAD";
	if ((err = pd_store_load(s, path, rev, &r)) < 0)
		goto done;
	/* the revision the box compares with: the published one before this
	 * one's date, in HEAD's history */
	if ((err = pd_store_published(s, path, &revs, &n)) < 0)
		goto done;
	prev = r.last_updated.year ? before(revs, n, r.last_updated) : NULL;
	err = pd_app_page_html(out, s, &r, prev, NULL);
done:
	free(name);
	return err;
}
