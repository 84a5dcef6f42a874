/*
 * app_overview.c: the regional overview (app.h): each profile's
 * published revisions read for their facts only (treaty and law
 * statuses, pd_store_facts_only), which give its row and when each
 * status last changed; its newest revision read whole and linted against
 * the one before, for the lint counts.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/extract.h"

int pd_app_overview_row(pd_overview_row *row, pd_store *s, pd_arena *a,
			const pd_app_history_item *it,
			const pd_lint_options *lo, pd_date since)
{
	const pd_config *cfg = pd_store_config(s);
	const pd_revision *revs = it->revs;
	size_t n = it->n, k;
	pd_overview_rev *v;
	pd_lint_options o = *lo;
	pd_lint_result *r;
	pd_profile *whole, *before = NULL;
	int err;

	memset(row, 0, sizeof(*row));
	if (!(row->profile = pd_app_profile_name(a, it->path)))
		return pd_error_oom();
	if (it->err < 0) {
		pd_error_set(it->error->code,
			     it->error->file[0] ? it->error->file : NULL,
			     it->error->pos.line, it->error->pos.col, "%s",
			     it->error->message);
		return it->err;
	}
	if (!n)
		return pd_error_set(PD_ENOTFOUND, it->path, 0, 0,
				    "no published revision at HEAD");
	if (!(v = calloc(n + 1, sizeof(*v))))
		return pd_error_oom();
	for (k = 0; k < n; k++) {
		v[k].date = revs[k].last_updated;
		v[k].profile = revs[k].profile;
	}
	err = pd_overview_fill(a, row, v, n, &cfg->vocab, since);
	free(v);
	if (err < 0)
		return pd_error_oom();
	row->country = revs[0].profile->country
			       ? pd_arena_strdup(a, revs[0].profile->country)
			       : NULL;
	row->commit = pd_arena_strdup(a, revs[0].commit);
	/* the newest revision is linted whole, against the one before: as
	 * the history holds them when it was read whole (the site's), else
	 * read anew (the history was read for its facts) */
	if (!pd_store_reads_facts_only(s) && revs[0].profile &&
	    (n < 2 || revs[1].profile)) {
		o.previous = n > 1 ? revs[1].profile : NULL;
		err = pd_lint(&r, revs[0].profile, &o);
	} else {
		if ((err = pd_store_revision_profile(s, &revs[0], &whole)) < 0)
			return err;
		if (n > 1 && (err = pd_store_revision_profile(s, &revs[1],
							      &before)) < 0) {
			pd_profile_free(whole);
			return err;
		}
		o.previous = before;
		err = pd_lint(&r, whole, &o);
		pd_profile_free(whole);
		pd_profile_free(before);
	}
	if (err < 0)
		return pd_error_oom();
	memcpy(row->lint, r->count, sizeof(row->lint));
	pd_lint_result_free(r);
	return 0;
}

int pd_app_why_not(pd_store *s, const char *path, int err)
{
	pd_error kept = *pd_error_last();
	pd_revision r;

	/* read anew: the cache keeps that a blob does not parse, not why */
	pd_store_forget(s);
	if (pd_store_load(s, path, "HEAD", &r) == PD_EINVALID)
		return err; /* its parse error is the one recorded */
	pd_error_restore(&kept);
	return err;
}

int pd_app_overview(pd_overview *out, pd_store *s, pd_arena *a,
		    const char *const *profiles, size_t nprofiles,
		    pd_date since, const pd_app_progress *progress,
		    pd_app_report report, void *ctx)
{
	pd_app_history_options ho = PD_APP_HISTORY_OPTIONS_INIT;
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	const pd_config *cfg = pd_store_config(s);
	pd_treaty_matcher *matcher = NULL;
	pd_app_history *h = NULL;
	pd_app_history_item it;
	pd_overview_row *rows;
	const char **paths = NULL;
	size_t n = 0, i;
	int err, more;

	memset(out, 0, sizeof(*out));
	if (profiles) {
		const char **v;

		if ((err = pd_app_profile_paths(&v, s, profiles, nprofiles)) < 0)
			return err;
		paths = pd_arena_calloc(a, nprofiles + 1, sizeof(*paths));
		if (paths)
			memcpy(paths, v, nprofiles * sizeof(*paths));
		free(v);
		if (!paths)
			return pd_error_oom();
		n = nprofiles;
	} else if ((err = pd_store_profiles_at(s, "HEAD", &paths, &n)) < 0) {
		return err;
	}
	pd_app_config_lint(&lo, cfg);
	if (pd_treaty_matcher_new(&matcher, a, lo.vocab) < 0 ||
	    !(rows = pd_arena_calloc(a, n + 1, sizeof(*rows))))
		return pd_error_oom();
	lo.matcher = matcher;
	/* statuses and laws are what the history is read for */
	ho.facts_only = true;
	ho.progress = progress;
	if ((err = pd_app_history_new(&h, s, paths, n, &ho)) < 0)
		return err;
	for (i = 0; (more = pd_app_history_next(h, &it)) > 0;) {
		err = pd_app_overview_row(&rows[i], s, a, &it, &lo, since);
		/* of every profile, one without a row is said and left out */
		if (!profiles && (err == PD_ENOTFOUND || err == PD_EINVALID)) {
			pd_app_why_not(s, it.path, err);
			if (report)
				report(ctx, pd_error_last());
			err = 0;
			continue;
		}
		if (err < 0)
			break;
		i++;
	}
	pd_app_history_free(h);
	if (err < 0 || (err = more) < 0)
		return err;
	out->vocab = &cfg->vocab;
	out->rows = rows;
	out->n = i;
	out->since = since;
	return 0;
}
