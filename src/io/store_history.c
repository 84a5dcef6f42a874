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

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

#include "odb_guard.h"
#include "pack_read.h"
#include "store_internal.h"

/* History ---------------------------------------------------------------------- */

const char *store_signature_str(pd_store *s, const git_signature *sig)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s <%s>", sig->name, sig->email);
	return pd_arena_strdup(s->arena, buf);
}

const char *store_first_line(pd_store *s, const char *msg)
{
	size_t n = strcspn(msg, "\n");

	return pd_arena_strndup(s->arena, msg, n);
}

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
					store_parse_blob(s, &d->old_id, d->path,
						   &p) == 0 &&
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
	if (h->n == *cap) {
		pd_revision *g = pd_arena_grow_array(s->arena, h->revs, cap,
						     sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		h->revs = g;
	}
	if (git_commit_lookup(&c, s->repo, &run->commit) < 0)
		return store_git_fail("cannot read a commit");
	rv = &h->revs[h->n++];
	memset(rv, 0, sizeof(*rv));
	git_oid_tostr(rv->commit, sizeof(rv->commit), &run->commit);
	rv->path = pd_arena_strdup(s->arena, run->path);
	rv->author = store_signature_str(s, git_commit_author(c));
	rv->time = (int64_t)git_commit_time(c);
	rv->summary = store_first_line(s, git_commit_message(c));
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

/* The trees of the walk, kept a little: commit i's parent trees are
 * commit i + 1's trees, compared again at the next step. libgit2 keeps
 * no tree over 4 KiB in its own cache (a directory of 200 profiles is
 * bigger), so each would be read and parsed twice. */
#define RECENT_TREES 8

typedef struct recent_trees {
	git_tree *t[RECENT_TREES];
	size_t next;
} recent_trees;

/* The tree `id` (a new reference the caller frees), from the recent ones
 * or read. */
static int recent_tree(pd_store *s, recent_trees *rt, const git_oid *id,
		       git_tree **out)
{
	size_t k;

	for (k = 0; k < RECENT_TREES; k++)
		if (rt->t[k] && git_oid_equal(git_tree_id(rt->t[k]), id))
			return git_tree_dup(out, rt->t[k]);
	if (git_tree_lookup(out, s->repo, id) < 0)
		return -1;
	git_tree_free(rt->t[rt->next]);
	if (git_tree_dup(&rt->t[rt->next], *out) < 0)
		rt->t[rt->next] = NULL;
	rt->next = (rt->next + 1) % RECENT_TREES;
	return 0;
}

static void recent_free(recent_trees *rt)
{
	size_t k;

	for (k = 0; k < RECENT_TREES; k++)
		git_tree_free(rt->t[k]);
}

/* The YAML files that differ between two trees, gathered for one commit. */
typedef struct delta_list {
	walk_delta *v;
	size_t n, cap;
	recent_trees *rt;
} delta_list;

/* "dir/name", or "name" at the top, in the store's arena. */
static char *join_path(pd_store *s, const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	char *p = pd_arena_alloc(s->arena, nd + nn + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, nd);
	if (nd)
		p[nd++] = '/';
	memcpy(p + nd, name, nn + 1);
	return p;
}

static int add_delta(pd_store *s, delta_list *l, const char *dir,
		     const git_tree_entry *old, const git_tree_entry *new)
{
	const git_tree_entry *e = new ? new : old;
	walk_delta *d;

	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
	    !store_yaml_name(git_tree_entry_name(e)))
		return 0;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		walk_delta *g = realloc(l->v, ncap * sizeof(*g));

		if (!g)
			return pd_error_oom();
		l->v = g;
		l->cap = ncap;
	}
	d = &l->v[l->n];
	memset(d, 0, sizeof(*d));
	d->path = join_path(s, dir, git_tree_entry_name(e));
	if (!d->path)
		return pd_error_oom();
	if (old)
		git_oid_cpy(&d->old_id, git_tree_entry_id(old));
	if (new)
		git_oid_cpy(&d->new_id, git_tree_entry_id(new));
	l->n++;
	return 0;
}

static int tree_deltas(pd_store *s, delta_list *l, const char *dir,
		       const git_tree *a, const git_tree *b, unsigned depth);


/* One entry of the comparison: a file or directory added, deleted or
 * changed (either side NULL for added or deleted). */
static int entry_deltas(pd_store *s, delta_list *l, const char *dir,
			const git_tree_entry *old, const git_tree_entry *new,
			unsigned depth)
{
	bool old_tree = old && git_tree_entry_type(old) == GIT_OBJECT_TREE;
	bool new_tree = new && git_tree_entry_type(new) == GIT_OBJECT_TREE;
	git_tree *ta = NULL, *tb = NULL;
	char *sub;
	int err;

	if (old && new && old_tree == new_tree &&
	    git_oid_equal(git_tree_entry_id(old), git_tree_entry_id(new)))
		return 0;
	if (!old_tree && !new_tree)
		return add_delta(s, l, dir, old, new);
	if (old_tree != new_tree) { /* a file became a directory, or back */
		err = old_tree ? add_delta(s, l, dir, NULL, new)
			       : add_delta(s, l, dir, old, NULL);
		if (err < 0)
			return err;
		if (old_tree)
			new = NULL;
		else
			old = NULL;
	}
	if (depth >= 64)
		return pd_error_set(PD_ERROR, NULL, 0, 0,
				    "cannot compare two commits: directories "
				    "nested too deep");
	sub = join_path(s, dir, git_tree_entry_name(old ? old : new));
	if (!sub)
		return pd_error_oom();
	if ((old && recent_tree(s, l->rt, git_tree_entry_id(old), &ta) < 0) ||
	    (new && recent_tree(s, l->rt, git_tree_entry_id(new), &tb) < 0))
		err = store_git_fail("cannot read a tree");
	else
		err = tree_deltas(s, l, sub, ta, tb, depth + 1);
	git_tree_free(ta);
	git_tree_free(tb);
	return err;
}

/* The YAML files that differ between trees `a` and `b` (either NULL for
 * an empty one) under `dir`: both lists are in git's order, so one merge
 * pass finds them, and a subtree whose id did not change is not read. */
static int tree_deltas(pd_store *s, delta_list *l, const char *dir,
		       const git_tree *a, const git_tree *b, unsigned depth)
{
	size_t na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;
	size_t i = 0, j = 0;
	int err = 0;

	while (err == 0 && (i < na || j < nb)) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(a, i)
						  : NULL;
		const git_tree_entry *eb = j < nb ? git_tree_entry_byindex(b, j)
						  : NULL;
		int c = !ea ? 1 : !eb ? -1 : git_tree_entry_cmp(ea, eb);

		if (c < 0) {
			err = entry_deltas(s, l, dir, ea, NULL, depth);
			i++;
		} else if (c > 0) {
			err = entry_deltas(s, l, dir, NULL, eb, depth);
			j++;
		} else {
			err = entry_deltas(s, l, dir, ea, eb, depth);
			i++;
			j++;
		}
	}
	return err;
}

/* The YAML files commit `wc` changed against its first parent. */
static int walk_add_deltas(pd_store *s, walk_commit *wc, delta_list *l,
			   const git_tree *parent, const git_tree *tree)
{
	int err;

	l->n = 0;
	if ((err = tree_deltas(s, l, "", parent, tree, 0)) < 0)
		return err;
	wc->nd = l->n;
	wc->d = l->n ? pd_arena_alloc(s->arena, l->n * sizeof(*wc->d)) : NULL;
	if (l->n && !wc->d)
		return pd_error_oom();
	if (l->n)
		memcpy(wc->d, l->v, l->n * sizeof(*wc->d));
	return 0;
}

/* The first-parent walk from `tip`, built on first use. A tip that names
 * no commit (an unborn branch) has an empty walk. */
static int get_walk(pd_store *s, const char *tip, const walk **out)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	recent_trees rt;
	delta_list deltas = {NULL, 0, 0, &rt};
	git_oid cid;
	walk *w;
	size_t i, cap = 0;
	int err = 0, r;

	for (i = 0; i < s->nwalks; i++)
		if (strcmp(s->walks[i].tip, tip) == 0) {
			*out = &s->walks[i];
			return 0;
		}
	w = realloc(s->walks, (s->nwalks + 1) * sizeof(*w));
	if (!w)
		return pd_error_oom();
	s->walks = w;
	w = &s->walks[s->nwalks];
	memset(w, 0, sizeof(*w));
	w->tip = pd_arena_strdup(s->arena, tip);
	if (!w->tip)
		return pd_error_oom();
	memset(&rt, 0, sizeof(rt));
	if ((r = store_resolve(s, tip, &cid)) < 0) {
		if (store_git_absent(r)) /* no commit yet: no history */
			git_error_clear();
		else
			err = store_git_fail("cannot read the branch tip");
		goto done;
	}
	/* the first-parent history is the chain of first parents: each
	 * commit is read once, as the parent of the one before it (a
	 * revision walk would read them all first to sort them, and again
	 * when asked for) */
	{
		git_object *obj = NULL;

		/* a tag names its commit */
		r = git_object_lookup(&obj, s->repo, &cid, GIT_OBJECT_ANY);
		if (!r)
			r = git_object_peel((git_object **)&c, obj,
					    GIT_OBJECT_COMMIT);
		git_object_free(obj);
	}
	if (r < 0 || recent_tree(s, &rt, git_commit_tree_id(c), &tree) < 0) {
		err = store_git_fail("cannot read a commit");
		goto done;
	}
	while (c) {
		git_commit *pc = NULL;
		git_tree *ptree = NULL;
		walk_commit *wc;

		if (w->n == cap) {
			walk_commit *g = pd_arena_grow_array(s->arena, w->c, &cap,
							     sizeof(*g));

			if (!g) {
				err = pd_error_oom();
				break;
			}
			w->c = g;
		}
		if (git_commit_parentcount(c) > 0 &&
		    (git_commit_parent(&pc, c, 0) < 0 ||
		     recent_tree(s, &rt, git_commit_tree_id(pc), &ptree) < 0)) {
			err = store_git_fail("cannot read a commit");
			git_commit_free(pc);
			break;
		}
		wc = &w->c[w->n++];
		memset(wc, 0, sizeof(*wc));
		git_oid_cpy(&wc->id, git_commit_id(c));
		git_oid_cpy(&wc->tree, git_tree_id(tree));
		err = walk_add_deltas(s, wc, &deltas, ptree, tree);
		git_tree_free(tree);
		git_commit_free(c);
		/* the parent is the next commit of the walk */
		c = pc;
		tree = ptree;
		if (err < 0)
			break;
		if (w->n > ((size_t)1 << 28)) { /* grafts can make a loop */
			err = pd_error_set(PD_EINVALID, NULL, 0, 0,
					   "the history of %s does not end", tip);
			break;
		}
	}
	git_error_clear();
done:
	git_tree_free(tree);
	git_commit_free(c);
	recent_free(&rt);
	free(deltas.v);
	if (err < 0)
		return err;
	s->nwalks++;
	*out = w;
	return 0;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int pd_store_prefetch(pd_store *s, const char *tip, const char *const *paths,
		      size_t n)
{
	const char **sorted = NULL;
	const walk *w;
	size_t i, k;
	int err;

	/* judged by the reads so far: a pack that gives each version for
	 * about one inflation (git repack's, or one written in the order it
	 * is read) needs no spill */
	if (!pd_packs_count(s->packs) || !s->pack_reads ||
	    pd_packs_inflated(s->packs) <= 2 * s->pack_reads)
		return 0;
	if ((err = get_walk(s, tip ? tip : "HEAD", &w)) < 0)
		return err;
	if (paths) {
		/* the profiles asked for, sorted, to look each path up */
		if (!(sorted = malloc((n + 1) * sizeof(*sorted))))
			return pd_error_oom();
		memcpy(sorted, paths, n * sizeof(*sorted));
		qsort(sorted, n, sizeof(*sorted), cmp_str);
	}
	err = 0;
	for (i = 0; i < w->n && !err; i++)
		for (k = 0; k < w->c[i].nd; k++) {
			const walk_delta *d = &w->c[i].d[k];

			if (git_oid_is_zero(&d->new_id) ||
			    (sorted && !bsearch(&d->path, sorted, n,
						sizeof(*sorted), cmp_str)))
				continue;
			err = pd_packs_spill(s->packs, d->new_id.id);
			if (err < 0) {
				err = pd_error_oom();
				break;
			}
			err = 0;
			if (!pd_packs_spilling(s->packs))
				break; /* full, or no file: read as before */
		}
	free(sorted);
	pd_packs_spill_done(s->packs);
	return err;
}

static const walk_delta *find_delta(const walk_commit *wc, const char *path)
{
	size_t i;

	for (i = 0; i < wc->nd; i++)
		if (strcmp(wc->d[i].path, path) == 0)
			return &wc->d[i];
	return NULL;
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
		return store_git_fail("cannot read a tree");
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == 0 && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		git_oid_cpy(id, git_tree_entry_id(e));
	if (err < 0 && !store_git_absent(err))
		err = store_git_fail("cannot read a tree");
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
			if (n == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				git_oid *g = realloc(ids, ncap * sizeof(*g));

				if (!g) {
					free(ids);
					return pd_error_oom();
				}
				ids = g;
				cap = ncap;
			}
			git_oid_cpy(&ids[n++], &d->new_id);
		}
	err = store_read_ahead(s, ids, n);
	free(ids);
	return err;
}

int pd_store_published_at(pd_store *s, const char *tip, const char *path,
			  const pd_revision **out, size_t *n)
{
	const walk *w = NULL;
	const char *cur = path;
	const pd_profile *last_prof = NULL;
	git_oid blob;
	blob_run run;
	history *h;
	size_t i, cap = 0;
	int err;

	for (i = 0; i < s->nhist; i++)
		if (strcmp(s->hist[i].path, path) == 0 &&
		    strcmp(s->hist[i].tip, tip) == 0) {
			*out = s->hist[i].revs;
			*n = s->hist[i].n;
			return 0;
		}
	if ((err = get_walk(s, tip, &w)) < 0)
		return err;
	h = realloc(s->hist, (s->nhist + 1) * sizeof(*h));
	if (!h)
		return pd_error_oom();
	s->hist = h;
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
		return err;
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
		git_oid_tostr(hex, sizeof(hex), &w->c[i].id);
		snprintf(label, sizeof(label), "%.10s:%s", hex, cur);
		err = store_parse_blob(s, &blob, label, &p);
		if (err < 0 && err != PD_EINVALID)
			return err; /* unreadable; an invalid profile is skipped */
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
		if ((err = close_run(s, h, &cap, &run)) < 0)
			return err;
		if (older)
			cur = older;
		git_oid_cpy(&blob, &prev);
	}
done:
	*out = h->revs;
	*n = h->n;
	return 0;
}
