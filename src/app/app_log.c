/*
 * app_log.c: the published revisions of each profile with a one-line
 * summary of each update (app.h): each revision diffed against the one
 * before by one differ, which prepares each revision once for the two
 * diffs it is in.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/diff.h"

/* Summaries of revs[0..n) into `sums` (in `a`). */
static int summarize(pd_store *s, pd_arena *a, const pd_revision *revs,
		     size_t n, const char **sums)
{
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	pd_differ *dr;
	size_t i;
	int err;

	o.vocab = &pd_store_config(s)->vocab;
	if ((err = pd_differ_new(&dr, &o)) < 0)
		return err;
	for (i = 0; i < n && !err; i++) {
		pd_buf sum = PD_BUF_INIT;

		if (i + 1 < n) {
			pd_diff *d;

			if ((err = pd_differ_diff(dr, &d, revs[i + 1].profile,
						  revs[i].profile)) < 0)
				break;
			pd_diff_summarize(&sum, d);
			pd_diff_free(d);
		} else {
			pd_buf_puts(&sum, "first published revision");
		}
		if (pd_buf_ok(&sum) < 0 ||
		    !(sums[i] = pd_arena_strndup(a, pd_buf_cstr(&sum), sum.len)))
			err = pd_error_oom();
		pd_buf_free(&sum);
	}
	pd_differ_free(dr);
	return err;
}

/* The entry of one profile read (or not) by the history. */
static void log_item(pd_store *s, const pd_app_history_item *it,
		     void (*each)(void *, const pd_app_log_profile *),
		     void *ctx)
{
	pd_app_log_profile lp;
	pd_arena *a = pd_arena_new();
	int err = it->err;

	memset(&lp, 0, sizeof(lp));
	lp.index = it->index;
	if (err < 0) {
		lp.error = it->error;
		each(ctx, &lp);
		pd_arena_free(a);
		return;
	}
	lp.path = it->path;
	lp.country = it->n ? it->revs[0].profile->country : NULL;
	lp.revs = it->revs;
	lp.n = it->n;
	lp.summaries = a ? pd_arena_calloc(a, it->n + 1, sizeof(char *)) : NULL;
	if (!lp.summaries)
		err = pd_error_oom();
	else
		err = summarize(s, a, it->revs, it->n,
				(const char **)lp.summaries);
	if (err < 0) {
		memset(&lp, 0, sizeof(lp));
		lp.index = it->index;
		lp.error = pd_error_last();
	}
	each(ctx, &lp);
	pd_arena_free(a);
}

int pd_app_log(pd_store *s, const char *const *profiles, size_t nprofiles,
	       void (*each)(void *ctx, const pd_app_log_profile *p),
	       void *ctx, const pd_app_progress *progress)
{
	pd_app_history_options ho = PD_APP_HISTORY_OPTIONS_INIT;
	pd_app_history *h = NULL;
	pd_app_history_item it;
	const char **paths;
	pd_error *bad = NULL; /* the arguments that name no profile */
	size_t n = 0, i;
	int err = 0, more = 1;

	if (profiles) {
		paths = calloc(nprofiles + 1, sizeof(*paths));
		bad = calloc(nprofiles + 1, sizeof(*bad));
		if (!paths || !bad) {
			free(paths);
			free(bad);
			return pd_error_oom();
		}
		for (i = 0; i < nprofiles; i++) {
			char *p;

			if (pd_app_profile_path(s, profiles[i], &p) < 0)
				bad[i] = *pd_error_last();
			else
				paths[n++] = p;
		}
	} else {
		const char **all;

		if ((err = pd_store_profiles(s, &all, &n)) < 0)
			return err;
		if (!(paths = calloc(n + 1, sizeof(*paths))))
			return pd_error_oom();
		memcpy(paths, all, n * sizeof(*paths));
		nprofiles = n;
	}
	ho.progress = progress;
	if ((err = pd_app_history_new(&h, s, paths, n, &ho)) < 0)
		goto done;
	/* the arguments in their order: those that name no profile said
	 * in their turn */
	for (i = 0; i < nprofiles && more > 0; i++) {
		if (bad && bad[i].code) {
			pd_app_log_profile lp;

			memset(&lp, 0, sizeof(lp));
			lp.index = i;
			lp.error = &bad[i];
			each(ctx, &lp);
			continue;
		}
		if ((more = pd_app_history_next(h, &it)) <= 0)
			break;
		it.index = i;
		log_item(s, &it, each, ctx);
	}
	/* the walk's end: the last profile forgotten */
	if (more > 0)
		more = pd_app_history_next(h, &it);
	if (more < 0)
		err = more;
done:
	pd_app_history_free(h);
	free(paths);
	free(bad);
	return err;
}
