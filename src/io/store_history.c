/*
 * store_history.c: the published revisions of a profile.
 *
 * The first-parent history of HEAD is walked newest first; each commit's
 * blob of the profile is parsed (once per blob id: parsed profiles are
 * cached by object id, so a walk over many commits parses each version
 * once) and its last_updated read. The first commit met with a given date
 * is the newest carrying it, which represents that published revision;
 * later typo fixes under the same date are newer commits of the same
 * revision. When a commit lacks the path, the file was renamed: the parent
 * tree is searched, in the same directory, for the same blob or a profile
 * of the same country, and the walk goes on under that name.
 *
 * A published revision's edit summary is the first lines of its commits'
 * messages: every commit of the walk that touched the profile (under the
 * name it had then), from the one after the previous published revision
 * to the one representing it, oldest first, each line once. Commits after
 * the newest published revision (a version that does not parse) belong
 * to none.
 *
 * The versions come from the walk of the tip (store_walk.c), read ahead
 * on every core (store_readahead.c); for a caller reading every
 * profile's history, pd_store_prefetch has the versions of a history
 * whose packs read badly per profile spilled once, in the order they
 * were written (odb.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

#include "grow.h"
#include "store_internal.h"
#include "sort.h"

static bool same_dir(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;

	return na == nb && memcmp(a, b, na) == 0;
}

/* The profile that the commit `wc`, which added `path` with the blob
 * `blob`, renamed: a profile of the same directory that the commit
 * deleted, with the same blob or of the same country (`prof`'s). Its old
 * blob goes to *old_id. NULL: `path` is new. Only files the commit deleted
 * count: a profile of the same country that stays is another profile. */
static const char *renamed_from(pd_store *s, const walk_commit *wc,
				const char *path, const git_oid *blob,
				const pd_profile *prof, git_oid *old_id)
{
	size_t i, pass;

	/* the same content first, as git does, then the same country */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < wc->nd; i++) {
			const walk_delta *d = &wc->d[i];
			const pd_profile *p;
			bool match;

			if (!git_oid_is_zero(&d->new_id) ||
			    git_oid_is_zero(&d->old_id) ||
			    !same_dir(d->path, path))
				continue;
			if (pass == 0)
				match = git_oid_equal(&d->old_id, blob);
			else
				match = prof && prof->country &&
					pd_store_parse_blob(s, &d->old_id,
							    d->path, &p) == 0 &&
					p->country &&
					strcmp(p->country, prof->country) == 0;
			pd_error_clear();
			if (match) {
				git_oid_cpy(old_id, &d->old_id);
				return d->path;
			}
		}
	return NULL;
}

/* The commits of one blob of a profile, newest to oldest. */
typedef struct blob_run {
	bool open;
	git_oid blob;
	const pd_profile *prof;   /* NULL: the blob did not parse */
	git_oid commit;           /* the oldest so far: it brought the blob */
	const char *path;
} blob_run;

/* Records the run as the published revision of its date, unless a newer
 * run already carries that date. */
static int close_run(pd_store *s, history *h, size_t *cap, blob_run *run)
{
	pd_revision *rv;
	git_commit *c = NULL;
	size_t i;

	if (!run->open || !run->prof)
		return 0;
	run->open = false;
	for (i = 0; i < h->n; i++)
		if (pd_date_cmp(h->revs[i].last_updated,
				run->prof->last_updated) == 0)
			return 0;
	if (PD_ARENA_GROW(s->arena, h->revs, h->n, *cap) < 0)
		return PD_ENOMEM;
	if (git_commit_lookup(&c, s->repo, &run->commit) < 0)
		return pd_git_fail("cannot read a commit");
	rv = &h->revs[h->n++];
	memset(rv, 0, sizeof(*rv));
	git_oid_tostr(rv->commit, sizeof(rv->commit), &run->commit);
	rv->path = pd_arena_strdup(s->arena, run->path);
	rv->author = pd_store_signature_str(s, git_commit_author(c));
	rv->time = (int64_t)git_commit_time(c);
	rv->summary = pd_store_first_line(s, git_commit_message(c));
	rv->last_updated = run->prof->last_updated;
	rv->profile = run->prof;
	git_commit_free(c);
	return 0;
}

int pd_store_published(pd_store *s, const char *path, const pd_revision **out,
		       size_t *n)
{
	return pd_store_published_at(s, "HEAD", path, out, n);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The versions read to judge the packs by, when nothing was read before,
 * and the profiles looked at for two of them at least */
#define PROBE 8
#define PROBE_PROFILES 16

static const walk_delta *find_delta(const walk_commit *wc, const char *path)
{
	size_t i;

	for (i = 0; i < wc->nd; i++)
		if (strcmp(wc->d[i].path, path) == 0)
			return &wc->d[i];
	return NULL;
}

/* The ids of the newest `max` versions of `path` in the walk, in ids. */
static size_t versions_of(const walk *w, const char *path, git_oid *ids,
			  size_t max)
{
	size_t i, got = 0;

	for (i = 0; i < w->n && got < max; i++) {
		const walk_delta *d = find_delta(&w->c[i], path);

		if (d && !git_oid_is_zero(&d->new_id))
			git_oid_cpy(&ids[got++], &d->new_id);
	}
	return got;
}

/* Whether the newest versions of a profile (the first of `paths` with
 * two at least; NULL: of the files the newest commits changed), read
 * and dropped, cost more than two inflations each, the first one apart:
 * it warms the pack reader's cache, which serves the others in a pack
 * whose chains follow each file (git repack's), and not in one whose
 * chains follow the order it was written in (git fast-import's, whatever
 * the file). */
static bool dear_to_read(pd_store *s, const walk *w, const char *const *paths,
			 size_t n)
{
	git_oid ids[PROBE];
	pd_buf b = PD_BUF_INIT;
	git_object_t type;
	size_t i, got = 0, inflated = 0;

	for (i = 0; i < PROBE_PROFILES && got < 2; i++) {
		const char *path = NULL;

		if (paths && i < n)
			path = paths[i];
		else if (!paths && i < w->n && w->c[i].nd)
			path = w->c[i].d[0].path;
		if (path)
			got = versions_of(w, path, ids, PROBE);
	}
	if (got < 2)
		return false;
	for (i = 0; i < got; i++) {
		if (i == 1)
			inflated = pd_odb_pack_inflated(s->odb);
		if (pd_odb_read(s->odb, &ids[i], GIT_OBJECT_BLOB, "", &type,
				&b) < 0)
			pd_error_clear(); /* read again, and said, later */
	}
	pd_buf_free(&b);
	return pd_odb_pack_inflated(s->odb) - inflated > 2 * (got - 1);
}

int pd_store_prefetch(pd_store *s, const char *tip, const char *const *paths,
		      size_t n)
{
	const char **sorted = NULL;
	git_oid *ids = NULL;
	size_t i, k, nids = 0, capids = 0;
	const walk *w;
	int err;

	if ((err = pd_store_walk(s, tip ? tip : "HEAD", &w)) < 0)
		return err;
	/* judged by the reads so far, or else by a few versions of the
	 * first profile read now: a pack that gives each version for about
	 * one inflation (git repack's, or one written in the order it is
	 * read) needs no spill */
	if (pd_odb_pack_reads(s->odb) ? !pd_odb_spill_pays(s->odb)
				      : !dear_to_read(s, w, paths, n))
		return 0;
	if (paths) {
		/* the profiles asked for, sorted, to look each path up */
		if (!(sorted = malloc((n + 1) * sizeof(*sorted))))
			return pd_error_oom();
		memcpy(sorted, paths, n * sizeof(*sorted));
		pd_qsort(sorted, n, sizeof(*sorted), cmp_str);
	}
	/* the blobs, in the order of the walk: each share of the threads
	 * that read them is a stretch of the history */
	for (i = 0; i < w->n; i++)
		for (k = 0; k < w->c[i].nd; k++) {
			const walk_delta *d = &w->c[i].d[k];

			if (git_oid_is_zero(&d->new_id) ||
			    (sorted && !pd_bsearch(&d->path, sorted, n,
						sizeof(*sorted), cmp_str)))
				continue;
			if (PD_GROW(ids, nids, capids) < 0) {
				free(ids);
				free(sorted);
				return PD_ENOMEM;
			}
			git_oid_cpy(&ids[nids++], &d->new_id);
		}
	err = pd_odb_spill(s->odb, ids, nids);
	free(ids);
	free(sorted);
	return err;
}

/* *id: the blob at `path` in the tree `tree_id`, or a zero id. */
static int blob_at(pd_store *s, const git_oid *tree_id, const char *path,
		   git_oid *id)
{
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	int err;

	memset(id, 0, sizeof(*id));
	if (git_tree_lookup(&tree, s->repo, tree_id) < 0)
		return pd_git_fail("cannot read a tree");
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == 0 && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		git_oid_cpy(id, git_tree_entry_id(e));
	if (err < 0 && !pd_git_absent(err))
		err = pd_git_fail("cannot read a tree");
	else
		err = 0;
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	return err;
}

/* The versions of `path` the walk brought in, read and parsed on every
 * core (store_readahead.c); a rename's older versions are read in turn. */
static int read_ahead(pd_store *s, const walk *w, const char *path)
{
	git_oid *ids = NULL;
	size_t i, k, n = 0, cap = 0;
	int err;

	for (i = 0; i < w->n; i++)
		for (k = 0; k < w->c[i].nd; k++) {
			const walk_delta *d = &w->c[i].d[k];

			if (git_oid_is_zero(&d->new_id) ||
			    strcmp(d->path, path) != 0)
				continue;
			if (PD_GROW(ids, n, cap) < 0) {
				free(ids);
				return PD_ENOMEM;
			}
			git_oid_cpy(&ids[n++], &d->new_id);
		}
	err = pd_store_read_ahead(s, ids, n);
	free(ids);
	return err;
}

/* An edit summary's lines seen, to give each once. */
typedef struct seen_line {
	const char *line;
} seen_line;

static const char *seen_key(const seen_line *e)
{
	return e->line;
}

static uint64_t line_hash(const char *s)
{
	return XXH3_64bits(s, strlen(s));
}

static bool line_same(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

PD_TABLE(seen_table, seen_line, const char *, seen_key, line_hash, line_same)

/* An edit summary being made: its lines, each once. */
typedef struct summary {
	seen_table seen;
	const char **v;
	size_t n, cap;
} summary;

static int summary_add(pd_store *s, summary *sm, const char *line)
{
	bool fresh;
	seen_line *e;

	if (!*line)
		return 0;
	if (!(e = seen_table_put(&sm->seen, line, &fresh)))
		return PD_ENOMEM;
	if (!fresh)
		return 0;
	e->line = line;
	if (PD_ARENA_GROW(s->arena, sm->v, sm->n, sm->cap) < 0)
		return PD_ENOMEM;
	sm->v[sm->n++] = line;
	return 0;
}

/* Did commit `c` change `path` against its first parent? */
static bool touches(const git_commit *c, const char *path)
{
	git_tree *t = NULL, *pt = NULL;
	git_commit *parent = NULL;
	git_tree_entry *e = NULL, *pe = NULL;
	bool changed;

	if (git_commit_tree(&t, c) < 0) {
		git_error_clear();
		return false;
	}
	if (git_commit_parentcount(c) > 0 &&
	    git_commit_parent(&parent, c, 0) == 0)
		git_commit_tree(&pt, parent);
	git_tree_entry_bypath(&e, t, path);
	if (pt)
		git_tree_entry_bypath(&pe, pt, path);
	changed = (e != NULL) != (pe != NULL) ||
		  (e && !git_oid_equal(git_tree_entry_id(e),
				       git_tree_entry_id(pe)));
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_entry_free(pe);
	git_tree_free(pt);
	git_tree_free(t);
	git_commit_free(parent);
	return changed;
}

/* The merges' branches: the commits a merge brought in (reachable from
 * its other parents, not from its first), oldest first, that changed
 * `path`, each adds its first line, before the merge's own. At most
 * MERGED_MAX commits a merge are looked at. */
#define MERGED_MAX 1000

static int merged_lines(pd_store *s, const git_oid *merge, const char *path,
			summary *sm)
{
	git_commit *m = NULL, *c = NULL;
	git_revwalk *rw = NULL;
	git_oid id;
	unsigned i, np;
	size_t seen = 0;
	int err = 0;

	if (git_commit_lookup(&m, s->repo, merge) < 0 ||
	    git_revwalk_new(&rw, s->repo) < 0 ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
					    GIT_SORT_REVERSE) < 0)
		goto done;
	np = git_commit_parentcount(m);
	for (i = 1; i < np; i++)
		if (git_revwalk_push(rw, git_commit_parent_id(m, i)) < 0)
			goto done;
	if (np && git_revwalk_hide(rw, git_commit_parent_id(m, 0)) < 0)
		goto done;
	while (!err && seen++ < MERGED_MAX && git_revwalk_next(&id, rw) == 0) {
		if (git_commit_lookup(&c, s->repo, &id) < 0)
			break;
		if (git_commit_parentcount(c) <= 1 && touches(c, path))
			err = summary_add(
				s, sm, pd_store_first_line(s, git_commit_message(c)));
		git_commit_free(c);
		c = NULL;
	}
done:
	/* a merge whose branches cannot be read adds nothing */
	git_error_clear();
	git_revwalk_free(rw);
	git_commit_free(m);
	return err;
}

/* The edit summaries of h's revisions: revision j (newest first) was
 * found at walk index at[j], and touch[0..nt) are the walk indexes of
 * the commits that touched the profile, increasing (newest first), under
 * the names tpath[]. Revision j's commits are those from at[j] up to
 * at[j + 1] (excluded), the oldest's all from at[j] on; a merge's are
 * those it brought in, then its own. */
static int edit_summaries(pd_store *s, const walk *w, history *h,
			  const size_t *at, const size_t *touch,
			  const char *const *tpath, size_t nt)
{
	summary sm;
	size_t j, t = 0, k;
	int err = 0;

	memset(&sm, 0, sizeof(sm));
	seen_table_init(&sm.seen, NULL);
	for (j = 0; j < h->n && !err; j++) {
		size_t end = j + 1 < h->n ? at[j + 1] : w->n, from;

		while (t < nt && touch[t] < at[j])
			t++; /* after the newest revision: in none */
		for (from = t; t < nt && touch[t] < end; t++)
			;
		if (t == from)
			continue;
		seen_table_clear(&sm.seen);
		sm.v = NULL;
		sm.n = sm.cap = 0;
		/* oldest first: the walk goes newest first */
		for (k = t; k-- > from && !err;) {
			if (w->c[touch[k]].merge)
				err = merged_lines(s, &w->c[touch[k]].id,
						   tpath[k], &sm);
			if (!err)
				err = summary_add(s, &sm, w->c[touch[k]].subject);
		}
		h->revs[j].messages = sm.v;
		h->revs[j].nmessages = sm.n;
	}
	seen_table_free(&sm.seen);
	return err < 0 ? (err == PD_ENOMEM ? pd_error_oom() : err) : 0;
}

int pd_store_published_at(pd_store *s, const char *tip, const char *path,
			  const pd_revision **out, size_t *n)
{
	size_t *touch = NULL, *at = NULL, nt = 0, capt = 0, capa = 0, captp = 0;
	const char **tpath = NULL;
	const walk *w = NULL;
	const char *cur = path;
	const pd_profile *last_prof = NULL;
	git_oid blob;
	blob_run run;
	history *h;
	size_t i, cap = 0, before;
	int err;

	for (i = 0; i < s->nhist; i++)
		if (strcmp(s->hist[i].path, path) == 0 &&
		    strcmp(s->hist[i].tip, tip) == 0) {
			*out = s->hist[i].revs;
			*n = s->hist[i].n;
			return 0;
		}
	if ((err = pd_store_walk(s, tip, &w)) < 0)
		return err;
	if (PD_GROW(s->hist, s->nhist, s->caphist) < 0)
		return PD_ENOMEM;
	h = &s->hist[s->nhist++];
	memset(h, 0, sizeof(*h));
	h->path = pd_arena_strdup(s->arena, path);
	h->tip = pd_arena_strdup(s->arena, tip);
	if (!h->path || !h->tip)
		return pd_error_oom();
	memset(&run, 0, sizeof(run));
	if (w->n == 0)
		goto done;
	if ((err = blob_at(s, &w->c[0].tree, cur, &blob)) < 0 ||
	    (err = read_ahead(s, w, cur)) < 0)
		goto fail;
	/* newest to oldest: the blob of `cur` stays until the commit that
	 * brought it in, which represents its run of commits */
	for (i = 0; i < w->n && !git_oid_is_zero(&blob); i++) {
		const walk_delta *d = find_delta(&w->c[i], cur);
		const pd_profile *p = NULL;
		char label[PATH_MAX + 64], hex[41];
		const char *older = NULL;
		git_oid prev;

		if (!d || !git_oid_equal(&d->new_id, &blob))
			continue;
		if (PD_GROW(touch, nt, capt) < 0 ||
		    PD_GROW(tpath, nt, captp) < 0) {
			err = PD_ENOMEM;
			goto fail;
		}
		tpath[nt] = cur;
		touch[nt++] = i;
		git_oid_tostr(hex, sizeof(hex), &w->c[i].id);
		snprintf(label, sizeof(label), "%.10s:%s", hex, cur);
		err = pd_store_parse_blob(s, &blob, label, &p);
		if (err < 0 && err != PD_EINVALID)
			goto fail; /* unreadable; an invalid profile is skipped */
		if (!err && p)
			last_prof = p;
		pd_error_clear();
		git_oid_cpy(&prev, &d->old_id);
		if (git_oid_is_zero(&prev)) /* added here: renamed? */
			older = renamed_from(s, &w->c[i], cur, &blob, last_prof,
					     &prev);
		if (older && git_oid_equal(&prev, &blob)) {
			/* a rename alone: the run goes on */
			cur = older;
			continue;
		}
		/* commit i brought the blob in: it represents the run */
		run.open = true;
		git_oid_cpy(&run.blob, &blob);
		git_oid_cpy(&run.commit, &w->c[i].id);
		run.path = cur;
		run.prof = p;
		before = h->n;
		if ((err = PD_GROW(at, h->n, capa)) < 0 ||
		    (err = close_run(s, h, &cap, &run)) < 0)
			goto fail;
		if (h->n > before)
			at[before] = i; /* where the revision was found */
		if (older)
			cur = older;
		git_oid_cpy(&blob, &prev);
	}
done:
	if ((err = edit_summaries(s, w, h, at, touch, tpath, nt)) < 0)
		goto fail;
	free(touch);
	free(tpath);
	free(at);
	*out = h->revs;
	*n = h->n;
	return 0;
fail:
	free(touch);
	free(tpath);
	free(at);
	return err;
}

int pd_store_changed_since(pd_store *s, const char *base, const char ***out,
			   size_t *n)
{
	char head[41];
	const walk *w;
	const char **v = NULL;
	git_oid id;
	size_t i, k, at, nv = 0, cap = 0, j;
	int err;

	*out = NULL;
	*n = 0;
	if ((err = pd_store_commit_id(s, "HEAD", head)) < 0)
		return err;
	if (strcmp(head, base) == 0)
		return 0;
	if (git_oid_fromstr(&id, base) < 0)
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "%s is not a commit id", base);
	if ((err = pd_store_walk(s, "HEAD", &w)) < 0)
		return err;
	for (at = 0; at < w->n && !git_oid_equal(&w->c[at].id, &id); at++)
		;
	if (at == w->n)
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "commit %.10s is not in HEAD's history",
				    base);
	for (i = 0; i < at; i++)
		for (k = 0; k < w->c[i].nd; k++) {
			if (PD_GROW(v, nv, cap) < 0) {
				free(v);
				return pd_error_oom();
			}
			v[nv++] = w->c[i].d[k].path;
		}
	if (nv)
		pd_qsort(v, nv, sizeof(*v), cmp_str);
	for (i = j = 0; i < nv; i++)
		if (!j || strcmp(v[j - 1], v[i]) != 0)
			v[j++] = v[i];
	*out = pd_arena_alloc(s->arena, (j + 1) * sizeof(**out));
	if (!*out) {
		free(v);
		return pd_error_oom();
	}
	if (j)
		memcpy((void *)*out, v, j * sizeof(*v));
	*n = j;
	free(v);
	return 0;
}
