/*
 * store_publish.c: what the gates ask of the repository (docs/DESIGN.md,
 * section 8): which branch is the publication branch, and a file's bytes
 * or blob id at a revision, to compare what is about to be committed or
 * pushed with what is published.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

#include "odb_guard.h"
#include "store_internal.h"

/* The upstream of local branch `ref` into out, else the branch itself. */
static void branch_or_upstream(git_reference *ref, char *out, size_t size)
{
	git_reference *up = NULL;

	if (git_branch_upstream(&up, ref) == 0)
		snprintf(out, size, "%s", git_reference_name(up));
	else
		snprintf(out, size, "%s", git_reference_name(ref));
	git_reference_free(up);
	git_error_clear();
}

/* Local branch `name` into *out; 0 when there is none. */
static bool local_branch(pd_store *s, const char *name, git_reference **out)
{
	*out = NULL;
	if (git_branch_lookup(out, s->repo, name, GIT_BRANCH_LOCAL) == 0)
		return true;
	git_error_clear();
	return false;
}

int pd_store_publication(pd_store *s, char *out, size_t size)
{
	const char *named = s->config->publish;
	git_reference *ref = NULL, *up = NULL;
	char remote[512];

	out[0] = '\0';
	if (named && *named) {
		if (local_branch(s, named, &ref)) {
			branch_or_upstream(ref, out, size);
			git_reference_free(ref);
			return 0;
		}
		/* a clone without the branch checked out: the remote's */
		snprintf(remote, sizeof(remote), "refs/remotes/origin/%s",
			 named);
		if (git_reference_lookup(&ref, s->repo, remote) == 0)
			snprintf(out, size, "%s", remote);
		git_reference_free(ref);
		git_error_clear();
		return 0;
	}
	/* the current branch, when it has an upstream */
	if (git_repository_head(&ref, s->repo) == 0 &&
	    git_reference_is_branch(ref) &&
	    git_branch_upstream(&up, ref) == 0) {
		snprintf(out, size, "%s", git_reference_name(up));
		git_reference_free(up);
		git_reference_free(ref);
		return 0;
	}
	git_reference_free(ref);
	git_error_clear();
	if (local_branch(s, "main", &ref) || local_branch(s, "master", &ref)) {
		branch_or_upstream(ref, out, size);
		git_reference_free(ref);
	}
	return 0;
}

bool pd_store_on_branch(pd_store *s, const char *ref)
{
	git_reference *head = NULL;
	bool on;

	on = git_repository_head(&head, s->repo) == 0 &&
	     git_reference_is_branch(head) &&
	     strcmp(git_reference_name(head), ref) == 0;
	git_reference_free(head);
	git_error_clear();
	return on;
}

/* The tree entry of `path` in `rev`'s tree into *out. */
static int entry_at(pd_store *s, const char *rev, const char *path,
		    git_tree_entry **out)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_oid id;
	int err;

	*out = NULL;
	if ((err = pd_store_resolve(s, rev, &id)) < 0) {
		if (!pd_git_absent(err))
			return pd_git_fail(rev);
		git_error_clear();
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "no revision '%s'", rev);
	}
	if (git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&root, c) < 0) {
		err = pd_git_fail("cannot read a commit");
		goto done;
	}
	err = git_tree_entry_bypath(out, root, path);
	if (err == 0 && git_tree_entry_type(*out) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(*out);
		*out = NULL;
		err = GIT_ENOTFOUND;
	}
	if (err < 0 && pd_git_absent(err)) {
		git_error_clear();
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0, "not in %s", rev);
	} else if (err < 0) {
		err = pd_git_fail("cannot read a tree");
	}
done:
	git_tree_free(root);
	git_commit_free(c);
	git_object_free(obj);
	return err;
}

int pd_store_blobs_at(pd_store *s, const char *rev, const char *const *paths,
		      size_t n, char (*hex)[41])
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *root = NULL, *dir_tree = NULL;
	char dir[4096] = "";
	git_oid id;
	size_t i;
	int err = 0;

	for (i = 0; i < n; i++)
		hex[i][0] = '\0';
	if ((err = pd_store_resolve(s, rev, &id)) < 0) {
		if (!pd_git_absent(err))
			return pd_git_fail(rev);
		git_error_clear();
		return 0;
	}
	if (git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&root, c) < 0) {
		err = pd_git_fail("cannot read a commit");
		goto done;
	}
	/* a directory's tree read once for the files in it: they come in
	 * runs of one directory */
	for (i = 0; i < n; i++) {
		const char *slash = paths[i] ? strrchr(paths[i], '/') : NULL;
		size_t dl = slash ? (size_t)(slash - paths[i]) : 0;
		const git_tree_entry *e;

		if (!paths[i])
			continue;
		if (!dir_tree || dl != strlen(dir) ||
		    strncmp(dir, paths[i], dl) != 0) {
			git_tree_entry *de = NULL;

			git_tree_free(dir_tree);
			dir_tree = NULL;
			if (dl >= sizeof(dir))
				continue;
			memcpy(dir, paths[i], dl);
			dir[dl] = '\0';
			if (!dl) {
				git_tree_dup(&dir_tree, root);
			} else if (git_tree_entry_bypath(&de, root, dir) == 0 &&
				   git_tree_entry_type(de) == GIT_OBJECT_TREE) {
				git_tree_lookup(&dir_tree, s->repo,
						git_tree_entry_id(de));
			}
			git_tree_entry_free(de);
			if (!dir_tree)
				continue;
		}
		e = git_tree_entry_byname(dir_tree, slash ? slash + 1 : paths[i]);
		if (e && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
			git_oid_tostr(hex[i], 41, git_tree_entry_id(e));
	}
	git_error_clear();
done:
	git_tree_free(dir_tree);
	git_tree_free(root);
	git_commit_free(c);
	git_object_free(obj);
	return err;
}

int pd_store_blob_at(pd_store *s, const char *rev, const char *path,
		     char hex[41])
{
	git_tree_entry *e = NULL;
	int err = entry_at(s, rev, path, &e);

	if (err == 0)
		git_oid_tostr(hex, 41, git_tree_entry_id(e));
	git_tree_entry_free(e);
	return err;
}

int pd_store_file_at(pd_store *s, const char *rev, const char *path,
		     size_t max, pd_buf *out, char hex[41])
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	int err = entry_at(s, rev, path, &e);

	if (err < 0)
		return err;
	if (hex)
		git_oid_tostr(hex, 41, git_tree_entry_id(e));
	if (git_blob_lookup(&b, s->repo, git_tree_entry_id(e)) < 0) {
		err = pd_git_fail(path);
	} else if ((size_t)git_blob_rawsize(b) > max) {
		err = pd_error_set(PD_EINVALID, path, 1, 1,
				   "the file is over the limit of %zu bytes",
				   max);
	} else {
		pd_buf_clear(out);
		pd_buf_put(out, git_blob_rawcontent(b),
			      (size_t)git_blob_rawsize(b));
		err = pd_buf_ok(out);
	}
	git_blob_free(b);
	git_tree_entry_free(e);
	return err;
}

void pd_store_hash_blob(const char *data, size_t len, char hex[41])
{
	git_oid id;

	if (pd_odb_hash(&id, data, len, GIT_OBJECT_BLOB) < 0) {
		git_error_clear();
		hex[0] = '\0';
		return;
	}
	git_oid_tostr(hex, 41, &id);
}

int pd_store_worktree_blob(pd_store *s, const char *path, char hex[41])
{
	char full[PATH_MAX + 64];
	git_index *index = NULL;
	const git_index_entry *e;
	pd_buf data = PD_BUF_INIT;
	struct stat st;
	int err;

	hex[0] = '\0';
	if (!s->workdir)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a bare repository has no working tree");
	snprintf(full, sizeof(full), "%s%s", s->workdir, path);
	if (lstat(full, &st) < 0 || !S_ISREG(st.st_mode))
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "not in the working tree");
	/* as git status does: a file whose size and time are the index's
	 * holds the index's blob */
	if (git_repository_index(&index, s->repo) == 0 &&
	    (e = git_index_get_bypath(index, path, 0)) != NULL &&
	    (off_t)e->file_size == st.st_size &&
	    (int64_t)e->mtime.seconds == (int64_t)st.st_mtim.tv_sec &&
	    e->mtime.nanoseconds == (uint32_t)st.st_mtim.tv_nsec) {
		git_oid_tostr(hex, 41, &e->id);
		git_index_free(index);
		return 0;
	}
	git_index_free(index);
	git_error_clear();
	if ((err = pd_file_read(&data, full, PD_MAX_PROFILE_SIZE)) == 0)
		pd_store_hash_blob(data.ptr, data.len, hex);
	pd_buf_free(&data);
	return err;
}

int pd_store_git_config(pd_store *s, const char *name, char *out,
			size_t size)
{
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	int err = 0, r;

	out[0] = '\0';
	if (git_repository_config_snapshot(&cfg, s->repo) < 0)
		return pd_git_fail("cannot read the repository's configuration");
	r = git_config_get_string_buf(&value, cfg, name);
	if (r == 0)
		snprintf(out, size, "%s", value.ptr ? value.ptr : "");
	else if (pd_git_absent(r))
		err = pd_error_set(PD_ENOTFOUND, NULL, 0, 0, "%s is not set",
				   name);
	else
		err = pd_git_fail("cannot read the repository's configuration");
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(cfg);
	return err;
}
