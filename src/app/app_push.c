/*
 * app_push.c: a push as the pre-receive hook checks it (app.h,
 * docs/DESIGN.md, section 8).
 *
 * A push never decides its own checks: the settings are the server's own
 * file when git's profdiff.config names one, else the .profdiff.yaml of
 * the branch's tip before the push (of the repository's HEAD for a new
 * branch), never a pushed one. Settings there that do not read are said
 * to the pusher and the defaults taken: no state of a branch locks out
 * the push that mends it. A pushed .profdiff.yaml is read, and refused
 * when it does not read.
 *
 * Then every revision the push publishes is checked with the gates' one
 * rule set (gate.h): each profile's published revisions (one per
 * last_updated, pd_store_published_at) that the branch did not hold, in
 * order, each against the revision before it, the first against the
 * branch's; and the pushed range as a whole, as review checks it. What
 * each introduces of errors is kept, named by profile, revision date and
 * commit. A push that changes more profiles than the server checks at
 * once (profdiff.maxProfiles, 1000) is refused before any is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/extract.h"
#include "profdiff/fileio.h"

#include "grow.h"

#define PUSH_MAX_PROFILES 1000

static bool zeros(const char *hex)
{
	return *hex && strspn(hex, "0") == strlen(hex);
}

static const char *keep_str(pd_app_push *p, const char *s)
{
	return s ? pd_arena_strdup(p->arena, s) : NULL;
}

/* Keeps a group of the n error findings of v, copied into the push's
 * memory. */
static int keep_group(pd_app_push *p, const char *path, const char *commit,
		      pd_date date, bool broken, const pd_finding *const *v,
		      size_t n)
{
	pd_app_push_group *g;
	pd_lint_result *r;
	size_t i;

	if (PD_ARENA_GROW(p->arena, p->groups, p->n, p->cap) < 0)
		return pd_error_oom();
	g = &p->groups[p->n];
	memset(g, 0, sizeof(*g));
	r = pd_arena_calloc(p->arena, 1, sizeof(*r));
	if (!r || !(r->findings = pd_arena_calloc(p->arena, n + 1,
						  sizeof(*r->findings))))
		return pd_error_oom();
	for (i = 0; i < n; i++) {
		pd_finding *f = &r->findings[r->nfindings++];

		*f = *v[i];
		f->text = keep_str(p, v[i]->text);
		f->message = keep_str(p, v[i]->message);
		if ((v[i]->text && !f->text) || !f->message)
			return pd_error_oom();
		r->count[f->severity]++;
	}
	g->path = keep_str(p, path);
	snprintf(g->commit, sizeof(g->commit), "%s", commit);
	g->date = date;
	g->broken = broken;
	g->errors = r;
	if (!g->path)
		return pd_error_oom();
	p->n++;
	p->errors += n + broken;
	return 0;
}

/* The errors an entry introduces, in v (room for all it introduces). */
static size_t introduced_errors(const pd_review_entry *e,
				const pd_finding **v)
{
	size_t k, n = 0;

	for (k = 0; k < e->lint.nintroduced; k++)
		if (e->lint.introduced[k]->severity == PD_SEV_ERROR)
			v[n++] = e->lint.introduced[k];
	return n;
}

/* The settings the push is checked with: never a pushed file's. */
static int settings(pd_config **out, pd_app_push *p, pd_store *s,
		    const char *old, const char *ref)
{
	char file[4096], label[1200];
	const char *rev = zeros(old) ? "HEAD" : old;
	pd_buf data = PD_BUF_INIT;
	int err;

	*out = NULL;
	/* the server's own file, when it has one */
	if (pd_store_git_config(s, "profdiff.config", file, sizeof(file)) ==
		    0 &&
	    file[0]) {
		if ((err = pd_file_read(&data, file, 1u << 20)) == 0)
			err = pd_config_read(out, data.ptr, data.len, file);
		pd_buf_free(&data);
		p->config_from = keep_str(p, file);
		return err;
	}
	pd_error_clear();
	snprintf(label, sizeof(label), "%s:%s", zeros(old) ? "HEAD" : ref,
		 PD_CONFIG_FILE);
	p->config_from = keep_str(p, label);
	err = pd_store_file_at(s, rev, PD_CONFIG_FILE, 1u << 20, &data, NULL);
	if (err == PD_ENOTFOUND) {
		pd_error_clear();
		p->config_from = NULL;
		pd_buf_free(&data);
		return pd_config_new(out);
	}
	if (err == 0)
		err = pd_config_read(out, data.ptr, data.len, label);
	pd_buf_free(&data);
	if (err == PD_EINVALID) {
		/* a branch whose settings do not read is not locked: the
		 * push that mends them goes through, checked with the
		 * defaults */
		char msg[1600], why[1400];

		pd_error_format(pd_error_last(), why, sizeof(why));
		snprintf(msg, sizeof(msg),
			 "%s: the settings the branch had before the push do "
			 "not read (%s): the push is checked with the defaults",
			 ref, why);
		pd_error_clear();
		p->warning = keep_str(p, msg);
		p->config_from = NULL;
		return pd_config_new(out);
	}
	return err;
}

/* A pushed .profdiff.yaml that changed is read as the configuration it
 * is; one that does not read is refused. */
static int check_pushed_config(pd_app_push *p, pd_store *s, const char *base,
			       const char *new)
{
	char now[41], was[41], label[128];
	pd_buf data = PD_BUF_INIT;
	pd_config *c = NULL;
	pd_lint_result *r = NULL;
	const pd_finding *f;
	pd_date none = {0, 0, 0};
	int err;

	err = pd_store_file_at(s, new, PD_CONFIG_FILE, 1u << 20, &data, now);
	if (err == PD_ENOTFOUND) {
		pd_error_clear();
		pd_buf_free(&data);
		return 0;
	}
	if (err == 0 && base[0]) {
		if (pd_store_blob_at(s, base, PD_CONFIG_FILE, was) == 0 &&
		    strcmp(now, was) == 0) {
			pd_buf_free(&data); /* as it was: read already */
			return 0;
		}
		pd_error_clear(); /* not there before: a new file */
	}
	snprintf(label, sizeof(label), "%.10s:%s", new, PD_CONFIG_FILE);
	if (err == 0)
		err = pd_config_read(&c, data.ptr, data.len, label);
	pd_config_free(c);
	pd_buf_free(&data);
	if (err != PD_EINVALID)
		return err;
	if ((err = pd_lint_schema(&r, pd_error_last(), NULL)) < 0)
		return err;
	pd_error_clear();
	f = &r->findings[0];
	err = keep_group(p, PD_CONFIG_FILE, new, none, false, &f, 1);
	pd_lint_result_free(r);
	return err;
}

/* Each published revision the push adds to the profile of change `ch`,
 * oldest first, against the one before it; *found says whether any
 * introduced an error. */
static int check_revisions(pd_app_push *p, pd_store *s, const char *base,
			   const char *new, const char *path,
			   const char *old_path, const pd_lint_options *lo,
			   const pd_diff_options *dopts, bool *found)
{
	const pd_revision *revs;
	const pd_profile *prev = NULL;
	size_t n, i;
	int err;

	*found = false;
	if ((err = pd_store_published_at(s, new, path, &revs, &n)) < 0)
		return err;
	if (old_path && base[0] &&
	    (err = pd_app_published_profile(s, base, old_path, &prev)) < 0)
		return err;
	for (i = n; i-- > 0;) {
		pd_review_entry e;
		const pd_finding **v;
		size_t nv;

		if (base[0] && pd_store_reachable(s, revs[i].commit, base))
			continue; /* the branch held it */
		memset(&e, 0, sizeof(e));
		e.path = path;
		e.status = prev ? PD_REVIEW_MODIFIED : PD_REVIEW_ADDED;
		e.from = prev;
		e.to = revs[i].profile;
		e.published = prev;
		if ((err = pd_review_check(&e, lo, dopts)) < 0) {
			pd_review_entry_free(&e);
			return pd_error_oom();
		}
		v = calloc(e.lint.nintroduced + 1, sizeof(*v));
		nv = v ? introduced_errors(&e, v) : 0;
		if (!v)
			err = pd_error_oom();
		else if (nv)
			err = keep_group(p, path, revs[i].commit,
					 revs[i].last_updated, false, v, nv);
		*found = *found || nv;
		free(v);
		pd_review_entry_free(&e);
		if (err < 0)
			return err;
		prev = revs[i].profile;
	}
	return 0;
}

/* The pushed range as a whole, as review checks it: what no revision
 * showed (a profile that no longer parses, one deleted or renamed). */
static int check_range(pd_app_push *p, pd_store *s, const char *old,
		       const char *new, const char *ref, char **done,
		       size_t ndone)
{
	pd_arena *a = pd_arena_new();
	pd_review r;
	const char *base = "";
	size_t i, k;
	int err;

	memset(&r, 0, sizeof(r));
	if (!a)
		return pd_error_oom();
	if ((err = pd_app_review_push(&r, &base, s, a, old, new, ref)) < 0)
		goto out;
	for (i = 0; i < r.n && err == 0; i++) {
		const pd_review_entry *e = &r.entries[i];
		const pd_finding **v;
		pd_date none = {0, 0, 0};
		size_t nv;
		bool seen = false;

		for (k = 0; k < ndone; k++)
			seen = seen || strcmp(done[k], e->path) == 0;
		if (seen && !e->to_error)
			continue; /* its revisions said it */
		if (!(v = calloc(e->lint.nintroduced + 1, sizeof(*v)))) {
			err = pd_error_oom();
			break;
		}
		nv = introduced_errors(e, v);
		if (nv || e->to_error)
			err = keep_group(p, e->path, new, none,
					 e->to_error != NULL, v, nv);
		free(v);
	}
out:
	pd_app_review_release(&r);
	pd_arena_free(a);
	return err;
}

int pd_app_push_check(pd_app_push *out, const char *old, const char *new,
		      const char *ref)
{
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	pd_store *s = NULL;
	pd_config *cfg = NULL;
	pd_file_change *ch;
	char base[41], cap_s[32], msg[600], **done = NULL;
	const char **paths = NULL;
	size_t n, i, k, nprof = 0, ndone = 0, npaths = 0,
		cap = PUSH_MAX_PROFILES;
	int err;

	memset(out, 0, sizeof(*out));
	if (!(out->arena = pd_arena_new()))
		return pd_error_oom();
	if ((err = pd_store_open_unconfigured(&s, ".")) < 0)
		return err;
	if (!pd_store_has_commit(s, new)) {
		/* fail closed: what cannot be checked is not let in */
		err = pd_error_set(PD_EINVALID, NULL, 0, 0,
				   "%s: cannot read the pushed commit %s", ref,
				   new);
		goto done;
	}
	if (zeros(old)) {
		if ((err = pd_store_fork_point(s, new, base)) < 0)
			goto done;
	} else if (strlen(old) == 40 && strspn(old, "0123456789abcdef") == 40) {
		memcpy(base, old, 41);
	} else {
		err = pd_error_set(PD_EUSAGE, NULL, 0, 0,
				   "%s: not a commit id: %s", ref, old);
		goto done;
	}
	out->base = keep_str(out, base);
	if ((err = settings(&cfg, out, s, old, ref)) < 0)
		goto done;
	pd_store_use_config(s, cfg);
	if (pd_store_git_config(s, "profdiff.maxProfiles", cap_s,
				sizeof(cap_s)) == 0)
		cap = strtoul(cap_s, NULL, 10);
	pd_error_clear();
	if ((err = check_pushed_config(out, s, base, new)) < 0 ||
	    (err = pd_store_changes(s, base, new, &ch, &n)) < 0)
		goto done;
	for (i = 0; i < n; i++)
		nprof += ch[i].new_path != NULL;
	if (nprof > cap) {
		snprintf(msg, sizeof(msg),
			 "%s: the push changes %zu profiles, more than the %zu "
			 "the server checks in one push (git config "
			 "profdiff.maxProfiles): push them in parts",
			 ref, nprof, cap);
		out->refusal = keep_str(out, msg);
		goto done;
	}
	pd_app_config_lint(&lo, pd_store_config(s));
	dopts.vocab = &pd_store_config(s)->vocab;
	if (!(done = pd_arena_calloc(out->arena, n + 1, sizeof(*done)))) {
		err = pd_error_oom();
		goto done;
	}
	if (!(paths = pd_arena_calloc(out->arena, n + 1, sizeof(*paths)))) {
		err = pd_error_oom();
		goto done;
	}
	for (i = 0; i < n; i++)
		if (ch[i].new_path &&
		    !(paths[npaths++] = keep_str(out, ch[i].new_path))) {
			err = pd_error_oom();
			goto done;
		}
	/* one profile's revisions at a time in memory; when versions are
	 * dear to read (a pack git fast-import wrote), every pushed
	 * profile's are read once, in the order they were written, before
	 * the first, as pd_app_history does */
	if (npaths > 1 && (err = pd_store_prefetch(s, new, paths, npaths)) < 0)
		goto done;
	for (i = 0, k = 0; i < n; i++) {
		const char *path = ch[i].new_path;
		const char *old_path = ch[i].old_path;
		bool found;

		if (!path)
			continue;
		path = paths[k++];
		old_path = keep_str(out, old_path);
		if ((err = check_revisions(out, s, base, new, path, old_path,
					   &lo, &dopts, &found)) < 0)
			goto done;
		if (found)
			done[ndone++] = (char *)path;
		pd_store_forget(s);
	}
	err = check_range(out, s, old, new, ref, done, ndone);
done:
	pd_store_free(s);
	return err;
}

void pd_app_push_release(pd_app_push *p)
{
	pd_arena_free(p->arena);
	memset(p, 0, sizeof(*p));
}
