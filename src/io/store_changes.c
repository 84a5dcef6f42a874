/*
 * store_changes.c: which profiles an update touches. Two sides of the
 * repository are compared by git's own tree diff, limited to the profiles
 * directory, with renames found as git finds them (50% similar), so that
 * a profile renamed and edited in one update is one renamed profile.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "grow.h"
#include "store_internal.h"

int pd_store_commit_id(pd_store *s, const char *rev, char hex[41])
{
	git_object *obj = NULL, *peeled = NULL;
	git_oid id;
	int err;

	if ((err = pd_store_resolve(s, rev, &id)) == 0)
		err = git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY);
	if (err == 0)
		err = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	if (err == 0)
		git_oid_tostr(hex, 41, git_object_id(peeled));
	git_object_free(obj);
	git_object_free(peeled);
	if (err < 0 && (pd_git_absent(err) || err == GIT_EINVALIDSPEC ||
			err == GIT_EAMBIGUOUS || err == GIT_EINVALID ||
			err == GIT_EPEEL)) {
		git_error_clear();
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "unknown revision '%s'%s", rev,
				    s->nshallow ? PD_SHALLOW_HINT : "");
	}
	return err < 0 ? pd_git_fail(rev) : 0;
}

int pd_store_merge_base(pd_store *s, const char *a, const char *b,
			char hex[41])
{
	git_oid x, y, base;
	int err;

	if (git_oid_fromstr(&x, a) < 0 || git_oid_fromstr(&y, b) < 0) {
		git_error_clear();
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "not commit ids: %s, %s", a, b);
	}
	err = git_merge_base(&base, s->repo, &x, &y);
	if (err == GIT_ENOTFOUND) {
		git_error_clear();
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "%.10s and %.10s have no common ancestor",
				    a, b);
	}
	if (err < 0)
		return pd_git_fail("cannot find where the histories fork");
	git_oid_tostr(hex, 41, &base);
	return 0;
}

static int tree_of(pd_store *s, const char *hex, git_tree **out)
{
	git_commit *c = NULL;
	git_oid id;
	int err;

	*out = NULL;
	if (!hex || !*hex)
		return 0; /* the empty tree */
	if (git_oid_fromstr(&id, hex) < 0) {
		git_error_clear();
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "not a commit id: %s", hex);
	}
	err = git_commit_lookup(&c, s->repo, &id);
	if (err == 0)
		err = git_commit_tree(out, c);
	git_commit_free(c);
	return err < 0 ? pd_git_fail(hex) : 0;
}

/* How deep directories may nest under the profiles directory (the walk,
 * store_walk.c, stops at the same depth): git's tree diff recurses into
 * each, and a tree 30,000 directories deep took it 950 MB and 7 s. */
#define MAX_TREE_DEPTH 64

/* Whether the tree `id`, at `path` in commit `hex`, nests directories
 * deeper than `left` levels more: PD_ERROR, recorded in the commit's
 * terms; else 0. */
static int check_depth(pd_store *s, const git_oid *id, const char *hex,
		       char *path, size_t len, unsigned left)
{
	git_tree *t = NULL;
	size_t i;
	int err = 0;

	if (git_tree_lookup(&t, s->repo, id) < 0)
		return pd_git_fail(hex);
	for (i = 0; i < git_tree_entrycount(t) && !err; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(t, i);
		size_t at = strlen(path);

		if (git_tree_entry_type(e) != GIT_OBJECT_TREE)
			continue;
		snprintf(path + at, len - at, "/%s", git_tree_entry_name(e));
		if (!left)
			err = pd_error_set(PD_ERROR, NULL, 0, 0,
					   "commit %.10s: %s: directories "
					   "nested more than %d deep, which no "
					   "profile needs: not compared",
					   hex, path, MAX_TREE_DEPTH);
		else
			err = check_depth(s, git_tree_entry_id(e), hex, path,
					  len, left - 1);
		path[at] = '\0';
	}
	git_tree_free(t);
	return err;
}

/* The depth of the profiles directory of commit `hex`'s tree `t`. */
static int check_profiles_depth(pd_store *s, const git_tree *t,
				const char *hex)
{
	char path[PATH_MAX];
	git_tree_entry *e = NULL;
	int err = 0;

	if (!t)
		return 0;
	if (git_tree_entry_bypath(&e, t, s->config->profiles_dir) < 0) {
		git_error_clear();
		return 0;
	}
	snprintf(path, sizeof(path), "%s", s->config->profiles_dir);
	if (git_tree_entry_type(e) == GIT_OBJECT_TREE)
		err = check_depth(s, git_tree_entry_id(e), hex, path,
				  sizeof(path), MAX_TREE_DEPTH - 1);
	git_tree_entry_free(e);
	return err;
}

/* Is `path` a profile: a *.yaml or *.yml file right in the profiles
 * directory? */
static bool profile_path(pd_store *s, const char *path)
{
	const char *dir = s->config->profiles_dir;
	size_t dl = strlen(dir);

	if (!path || strncmp(path, dir, dl) != 0 || path[dl] != '/')
		return false;
	return !strchr(path + dl + 1, '/') && pd_store_yaml_name(path + dl + 1);
}

static int add_change(pd_store *s, pd_file_change **v, size_t *n,
		      size_t *cap, const git_diff_delta *d)
{
	pd_file_change *c;
	const char *op = d->old_file.path, *np = d->new_file.path;
	bool old_in = profile_path(s, op), new_in = profile_path(s, np);

	if (PD_ARENA_GROW(s->arena, *v, *n, *cap) < 0)
		return PD_ENOMEM;
	c = &(*v)[*n];
	memset(c, 0, sizeof(*c));
	switch (d->status) {
	case GIT_DELTA_ADDED:
	case GIT_DELTA_UNTRACKED:
		if (!new_in)
			return 0;
		c->status = PD_FILE_ADDED;
		c->new_path = pd_arena_strdup(s->arena, np);
		break;
	case GIT_DELTA_DELETED:
		if (!old_in)
			return 0;
		c->status = PD_FILE_DELETED;
		c->old_path = pd_arena_strdup(s->arena, op);
		break;
	case GIT_DELTA_MODIFIED:
	case GIT_DELTA_TYPECHANGE:
		if (!new_in)
			return 0;
		c->status = PD_FILE_MODIFIED;
		c->old_path = pd_arena_strdup(s->arena, op);
		c->new_path = pd_arena_strdup(s->arena, np);
		break;
	case GIT_DELTA_RENAMED:
		/* a profile renamed out of the directory is gone from it,
		 * one renamed into it is new there */
		if (old_in && new_in) {
			c->status = PD_FILE_RENAMED;
			c->old_path = pd_arena_strdup(s->arena, op);
			c->new_path = pd_arena_strdup(s->arena, np);
		} else if (old_in) {
			c->status = PD_FILE_DELETED;
			c->old_path = pd_arena_strdup(s->arena, op);
		} else if (new_in) {
			c->status = PD_FILE_ADDED;
			c->new_path = pd_arena_strdup(s->arena, np);
		} else {
			return 0;
		}
		break;
	default:
		return 0;
	}
	if ((c->old_path == NULL) != (c->status == PD_FILE_ADDED) ||
	    (c->new_path == NULL) != (c->status == PD_FILE_DELETED))
		return PD_ENOMEM; /* a strdup failed */
	(*n)++;
	return 0;
}

int pd_store_changes(pd_store *s, const char *base, const char *head,
		     pd_file_change **out, size_t *n)
{
	git_diff_options o;
	git_diff_find_options fo;
	git_tree *old_tree = NULL, *new_tree = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	pd_file_change *v = NULL;
	size_t i, cnt = 0, cap = 0;
	char *spec = (char *)s->config->profiles_dir;
	int err;

	*out = NULL;
	*n = 0;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	o.pathspec.strings = &spec;
	o.pathspec.count = 1;
	fo.flags = GIT_DIFF_FIND_RENAMES;
	if ((err = tree_of(s, base, &old_tree)) < 0)
		return err;
	if ((err = check_profiles_depth(s, old_tree, base)) < 0)
		goto done;
	if (strcmp(head, "worktree") == 0 || strcmp(head, "staged") == 0) {
		if (!s->workdir) {
			err = pd_error_set(PD_EUSAGE, NULL, 0, 0,
					   "a bare repository has no %s",
					   head[0] == 'w' ? "working tree"
							  : "index");
			goto done;
		}
		if (head[0] == 'w') {
			o.flags |= GIT_DIFF_INCLUDE_UNTRACKED |
				   GIT_DIFF_RECURSE_UNTRACKED_DIRS;
			fo.flags |= GIT_DIFF_FIND_FOR_UNTRACKED;
			err = git_diff_tree_to_workdir_with_index(
				&diff, s->repo, old_tree, &o);
		} else if ((err = pd_store_open_index(s, &index)) == 0) {
			err = git_diff_tree_to_index(&diff, s->repo, old_tree,
						     index, &o);
		} else {
			goto done;
		}
	} else {
		if ((err = tree_of(s, head, &new_tree)) < 0 ||
		    (err = check_profiles_depth(s, new_tree, head)) < 0)
			goto done;
		err = git_diff_tree_to_tree(&diff, s->repo, old_tree, new_tree,
					    &o);
	}
	if (err < 0 || git_diff_find_similar(diff, &fo) < 0) {
		err = pd_git_fail("cannot compare the trees");
		goto done;
	}
	for (i = 0; i < git_diff_num_deltas(diff); i++)
		if ((err = add_change(s, &v, &cnt, &cap,
				      git_diff_get_delta(diff, i))) < 0) {
			err = pd_error_oom();
			goto done;
		}
	*out = v;
	*n = cnt;
	err = 0;
done:
	git_diff_free(diff);
	git_index_free(index);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return err;
}

int pd_store_fork_point(pd_store *s, const char *hex, char out[41])
{
	git_branch_iterator *it = NULL;
	git_reference *ref = NULL;
	git_branch_t type;
	git_oid tip, best, base;
	bool found = false;
	int err;

	out[0] = '\0';
	if (git_oid_fromstr(&tip, hex) < 0) {
		git_error_clear();
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "not a commit id: %s", hex);
	}
	if (git_branch_iterator_new(&it, s->repo, GIT_BRANCH_LOCAL) < 0)
		return pd_git_fail("cannot list the branches");
	while ((err = git_branch_next(&ref, &type, it)) == 0) {
		const git_oid *t = git_reference_target(ref);

		/* the newest fork point: one every other is an ancestor of */
		if (t && git_merge_base(&base, s->repo, &tip, t) == 0 &&
		    (!found || git_graph_descendant_of(s->repo, &base, &best) == 1)) {
			git_oid_cpy(&best, &base);
			found = true;
		}
		git_error_clear();
		git_reference_free(ref);
	}
	git_branch_iterator_free(it);
	if (err != GIT_ITEROVER)
		return pd_git_fail("cannot list the branches");
	git_error_clear();
	if (found)
		git_oid_tostr(out, 41, &best);
	return 0;
}
