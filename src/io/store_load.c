/*
 * store_load.c: a profile at a revision: a published date, a git
 * revision, the index (staged) or the working tree.
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
#include "odb_guard.h"
#include "store_internal.h"

/* Revisions -------------------------------------------------------------------- */

static int keep_loose(pd_store *s, pd_profile *p)
{
	if (PD_GROW(s->loose, s->nloose, s->caploose) < 0) {
		pd_profile_free(p);
		return PD_ENOMEM;
	}
	s->loose[s->nloose++] = p;
	return 0;
}

static int load_worktree(pd_store *s, const char *path, pd_revision *out)
{
	char full[PATH_MAX + 64];
	pd_buf data = PD_BUF_INIT;
	pd_read_options ro = PD_READ_OPTIONS_INIT;
	pd_profile *p = NULL;
	int err;

	if (!s->workdir)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a bare repository has no working tree");
	snprintf(full, sizeof(full), "%s%s", s->workdir, path);
	if (access(full, F_OK) < 0)
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "not in the working tree");
	ro.vocab = &s->config->vocab;
	err = pd_file_read_inside(&data, full, PD_MAX_PROFILE_SIZE);
	if (!err)
		err = pd_yaml_read(&p, data.ptr, data.len, path, &ro);
	pd_buf_free(&data);
	if (err < 0 || (err = keep_loose(s, p)) < 0)
		return err;
	out->path = pd_arena_strdup(s->arena, path);
	out->profile = p;
	out->last_updated = p->last_updated;
	out->summary = "the working tree";
	return 0;
}

static int load_staged(pd_store *s, const char *path, pd_revision *out)
{
	git_index *index = NULL;
	const git_index_entry *e;
	char label[PATH_MAX + 16];
	int err;

	if ((err = pd_store_open_index(s, &index)) < 0)
		return err;
	e = git_index_get_bypath(index, path, 0);
	if (!e) {
		git_index_free(index);
		return pd_error_set(PD_ENOTFOUND, path, 0, 0, "not staged");
	}
	snprintf(label, sizeof(label), ":%s", path);
	err = pd_store_parse_blob(s, &e->id, label, &out->profile);
	git_index_free(index);
	if (err < 0)
		return err;
	out->path = pd_arena_strdup(s->arena, path);
	out->last_updated = out->profile->last_updated;
	out->summary = "the staged content";
	return 0;
}

int pd_store_load(pd_store *s, const char *path, const char *rev,
		  pd_revision *out)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	pd_date date;
	git_oid id;
	char label[PATH_MAX + 64];
	int err;

	memset(out, 0, sizeof(*out));
	if (strcmp(rev, "worktree") == 0)
		return load_worktree(s, path, out);
	if (strcmp(rev, "staged") == 0)
		return load_staged(s, path, out);
	if (pd_date_parse(rev, strlen(rev), &date)) {
		const pd_revision *revs;
		size_t n, i;

		if ((err = pd_store_published(s, path, &revs, &n)) < 0)
			return err;
		for (i = 0; i < n; i++)
			if (pd_date_cmp(revs[i].last_updated, date) == 0) {
				*out = revs[i];
				return 0;
			}
		return pd_error_set(PD_ENOTFOUND, path, 0, 0,
				    "no published revision of %s", rev);
	}
	if ((err = pd_store_resolve(s, rev, &id)) == 0)
		err = git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY);
	if (err == 0)
		err = git_object_peel((git_object **)&c, obj,
				      GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0 && (pd_git_absent(err) || err == GIT_EINVALIDSPEC ||
			err == GIT_EAMBIGUOUS || err == GIT_EINVALID)) {
		git_error_clear();
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "unknown revision '%s' (a date YYYY-MM-DD, "
				    "a git revision, staged or worktree)%s",
				    rev, s->nshallow ? PD_SHALLOW_HINT : "");
	}
	if (err < 0)
		return pd_git_fail(rev);
	if (git_commit_tree(&tree, c) < 0) {
		err = pd_git_fail(rev);
		goto done;
	}
	err = git_tree_entry_bypath(&e, tree, path);
	if (err < 0 && !pd_git_absent(err)) {
		err = pd_git_fail(rev);
		goto done;
	}
	if (err < 0) {
		git_error_clear();
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0, "not in %s", rev);
		goto done;
	}
	git_oid_tostr(out->commit, sizeof(out->commit), git_commit_id(c));
	snprintf(label, sizeof(label), "%s:%s", rev, path);
	if ((err = pd_store_parse_blob(s, git_tree_entry_id(e), label,
				       &out->profile)) < 0)
		goto done;
	out->path = pd_arena_strdup(s->arena, path);
	out->author = pd_store_signature_str(s, git_commit_author(c));
	out->time = (int64_t)git_commit_time(c);
	out->summary = pd_store_first_line(s, git_commit_message(c));
	out->last_updated = out->profile->last_updated;
done:
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(c);
	return err;
}

bool pd_store_dirty(pd_store *s, const char *path)
{
	char full[PATH_MAX + 64];
	pd_buf data = PD_BUF_INIT;
	git_blob *b;
	bool dirty;

	if (!s->workdir)
		return false;
	snprintf(full, sizeof(full), "%s%s", s->workdir, path);
	if (pd_file_read_inside(&data, full, PD_MAX_PROFILE_SIZE) < 0) {
		pd_error_clear();
		return false;
	}
	b = pd_store_head_blob(s, path);
	dirty = !b || (size_t)git_blob_rawsize(b) != data.len ||
		memcmp(git_blob_rawcontent(b), data.ptr, data.len) != 0;
	git_blob_free(b);
	pd_buf_free(&data);
	return dirty;
}

uint64_t pd_store_worktree_key(pd_store *s, const char *path)
{
	char full[PATH_MAX + 64];
	pd_buf data = PD_BUF_INIT;
	git_tree_entry *e = NULL;
	git_reference *head = NULL;
	git_object *tree = NULL;
	git_oid id;
	uint64_t key = 0;

	if (!s->workdir)
		return 0;
	snprintf(full, sizeof(full), "%s%s", s->workdir, path);
	if (pd_file_read_inside(&data, full, PD_MAX_PROFILE_SIZE) < 0) {
		pd_error_clear();
		return 0;
	}
	/* the file's blob id against HEAD's entry: the bytes are the same
	 * when the ids are */
	if (pd_odb_hash(&id, data.ptr ? data.ptr : "", data.len,
			 GIT_OBJECT_BLOB) < 0 ||
	    git_repository_head(&head, s->repo) < 0 ||
	    git_reference_peel(&tree, head, GIT_OBJECT_TREE) < 0 ||
	    git_tree_entry_bypath(&e, (git_tree *)tree, path) < 0 ||
	    !git_oid_equal(&id, git_tree_entry_id(e))) {
		key = XXH3_64bits(data.ptr ? data.ptr : "", data.len);
		if (key == 0)
			key = 1;
	}
	git_error_clear();
	git_tree_entry_free(e);
	git_object_free(tree);
	git_reference_free(head);
	pd_buf_free(&data);
	return key;
}

int pd_store_revision_profile(pd_store *s, const pd_revision *r,
			      pd_profile **out)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	char label[PATH_MAX + 64];
	bool facts = s->facts_only;
	git_oid id;
	int err;

	*out = NULL;
	if (git_oid_fromstr(&id, r->commit) < 0 ||
	    git_commit_lookup(&c, s->repo, &id) < 0 ||
	    git_commit_tree(&tree, c) < 0 ||
	    git_tree_entry_bypath(&e, tree, r->path) < 0) {
		err = pd_git_fail(r->path);
		goto done;
	}
	snprintf(label, sizeof(label), "%.10s:%s", r->commit, r->path);
	s->facts_only = false;
	err = pd_store_read_profile(s, git_tree_entry_id(e), label, out);
	s->facts_only = facts;
done:
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(c);
	return err;
}
