/*
 * app_diff.c: the two sides of a diff, from files or from the history,
 * and their diff (app.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profdiff/app.h"
#include "profdiff/diff.h"

struct pd_app_diff {
	pd_diff_report rep;
	pd_store *store;
	pd_config *config;
	pd_profile *a, *b;
	pd_revision from, to;
	char from_label[16], to_label[16];
	char slug[256];
	pd_diff *diff;
};

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

/* The profile at `rev`; a published date that names none is told with
 * the dates there are. */
static int load(pd_store *s, const char *path, const char *rev,
		pd_revision *out)
{
	pd_date d;
	int err = pd_store_load(s, path, rev, out);

	if (err == PD_ENOTFOUND && pd_date_parse(rev, strlen(rev), &d))
		return pd_app_no_such_date(s, path, rev);
	return err;
}

/* The sides from PROFILE [FROM [TO]] in the repository. */
static int revisions(pd_app_diff *d, size_t n, const char *const *args)
{
	pd_diff_report *rep = &d->rep;
	const pd_revision *revs;
	size_t nrevs;
	char *path;
	int err;

	/* with revisions named, the profile need be there only: each says
	 * when it is not */
	if ((err = pd_store_open(&d->store, ".")) < 0 ||
	    (err = n > 1 ? pd_store_profile_path(d->store, args[0], &path)
			 : pd_app_profile_path(d->store, args[0], &path)) < 0)
		return err;
	if (n >= 2) {
		if ((err = load(d->store, path, args[1], &d->from)) < 0)
			return err;
		side_from(&rep->from, &d->from, args[1]);
	}
	if (n == 3) {
		if ((err = load(d->store, path, args[2], &d->to)) < 0)
			return err;
		side_from(&rep->to, &d->to, args[2]);
		return 0;
	}
	if (pd_store_dirty(d->store, path)) {
		if ((err = pd_store_load(d->store, path, "worktree", &d->to)) < 0)
			return err;
		side_from(&rep->to, &d->to, "worktree");
		rep->note = "the working tree holds uncommitted edits";
	}
	if (n == 2 && rep->to.profile)
		return 0;
	if ((err = pd_store_published(d->store, path, &revs, &nrevs)) < 0)
		return err;
	if (rep->to.profile) {
		/* the newest published revision against the working tree */
		if (!nrevs)
			return pd_error_set(PD_ENOTFOUND, path, 0, 0,
					    "no published revision to compare "
					    "the working tree with");
		side_from(&rep->from, &revs[0],
			  date_label(&revs[0], d->from_label));
		return 0;
	}
	if (n == 2) {
		if (!nrevs)
			return pd_error_set(PD_ENOTFOUND, path, 0, 0,
					    "no published revision");
		side_from(&rep->to, &revs[0], date_label(&revs[0], d->to_label));
		return 0;
	}
	if (nrevs < 2)
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "%s published revision: nothing to compare "
				    "(give FROM and TO)",
				    nrevs ? "only one" : "no");
	side_from(&rep->from, &revs[1], date_label(&revs[1], d->from_label));
	side_from(&rep->to, &revs[0], date_label(&revs[0], d->to_label));
	return 0;
}

/* The sides from two files, read with the repository's vocabulary. */
static int files(pd_app_diff *d, const char *const *args)
{
	char root[4096];
	int err;

	pd_app_find_root(root, sizeof(root));
	if ((err = pd_app_load_config(&d->config, root)) < 0 ||
	    (err = pd_app_load_profile(&d->a, args[0], &d->config->vocab)) < 0 ||
	    (err = pd_app_load_profile(&d->b, args[1], &d->config->vocab)) < 0)
		return err;
	d->rep.from.path = args[0];
	d->rep.from.profile = d->a;
	d->rep.to.path = args[1];
	d->rep.to.profile = d->b;
	return 0;
}

int pd_app_diff_build(pd_app_diff **out, const char *const *args, size_t n)
{
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_app_diff *d = calloc(1, sizeof(*d));
	const pd_profile *to;
	int err;

	*out = NULL;
	if (!d)
		return pd_error_oom();
	if (n == 2 && exists(args[1]))
		err = files(d, args);
	else
		err = revisions(d, n, args);
	if (err < 0)
		goto fail;
	dopts.vocab = d->store ? &pd_store_config(d->store)->vocab
			       : &d->config->vocab;
	if ((err = pd_diff_profiles(&d->diff, d->rep.from.profile,
				    d->rep.to.profile, &dopts)) < 0)
		goto fail;
	to = d->rep.to.profile;
	pd_country_slug(to->country ? to->country : "", d->slug,
			sizeof(d->slug));
	d->rep.profile = d->slug;
	d->rep.diff = d->diff;
	*out = d;
	return 0;
fail:
	pd_app_diff_free(d);
	return err;
}

const pd_diff_report *pd_app_diff_report(const pd_app_diff *d)
{
	return &d->rep;
}

void pd_app_diff_free(pd_app_diff *d)
{
	if (!d)
		return;
	pd_diff_free(d->diff);
	pd_profile_free(d->a);
	pd_profile_free(d->b);
	pd_config_free(d->config);
	pd_store_free(d->store);
	free(d);
}
