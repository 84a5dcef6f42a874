/*
 * store.c: the bottom of the git store (store_internal.h lists its parts):
 * the repository, opened through libgit2 with its objects read through
 * odb.h, its configuration and index, the cache of parsed blobs, the list
 * of profiles, and what the hooks ask of the repository.
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
#include "odb.h"
#include "store_internal.h"
#include "sort.h"

/* Frees the profiles of the parse cache, which is empty after. */
static void cache_empty(cache_table *t)
{
	size_t i;

	for (i = 0; i < t->raw.cap; i++) {
		cached *c = cache_table_at(t, i);

		if (c)
			pd_profile_free(c->p);
	}
	cache_table_clear(t);
}

void pd_store_give_back(pd_store *s)
{
	pd_odb_give_back(s->odb);
}

void pd_store_forget(pd_store *s)
{
	cache_empty(&s->cache);
	s->nhist = 0; /* their revisions pointed at the profiles */
}

static int cmp_ptr(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)*(const void *const *)x;
	uintptr_t b = (uintptr_t)*(const void *const *)y;

	return (a > b) - (a < b);
}

int pd_store_forget_except(pd_store *s, const char *path)
{
	const history *keep = NULL;
	const pd_profile **kept = NULL;
	cache_table old = s->cache;
	size_t i, k, nkept = 0;
	int err = 0;

	/* what the last call released and no other thread gave back yet
	 * goes now: at most one profile's versions wait */
	pd_odb_give_back(s->odb);
	for (i = 0; i < s->nhist; i++)
		if (strcmp(s->hist[i].path, path) == 0)
			keep = &s->hist[i];
	if (!keep || !keep->n) {
		/* nothing kept: every version forgotten leaves the spill */
		for (i = 0; i < s->cache.raw.cap; i++) {
			const cached *c = cache_table_at(&s->cache, i);

			if (c)
				pd_odb_release(s->odb, &c->id);
		}
		pd_store_forget(s);
		return 0;
	}
	kept = malloc(keep->n * sizeof(*kept));
	if (!kept)
		return pd_error_oom();
	for (k = 0; k < keep->n; k++)
		kept[nkept++] = keep->revs[k].profile;
	pd_qsort((void *)kept, nkept, sizeof(*kept), cmp_ptr);
	/* the cache again, with only the kept profiles */
	cache_table_init(&s->cache, NULL);
	for (i = 0; i < old.raw.cap; i++) {
		cached *c = cache_table_at(&old, i), *n;
		bool fresh;

		if (!c)
			continue;
		if (!c->p ||
		    !pd_bsearch(&c->p, (void *)kept, nkept, sizeof(*kept),
			     cmp_ptr) ||
		    err < 0) {
			pd_profile_free(c->p); /* err: its revisions go below */
			/* a profile's versions are read once, in a row: what
			 * the spill kept of them goes */
			pd_odb_release(s->odb, &c->id);
			continue;
		}
		if (!(n = cache_table_put(&s->cache, &c->id, &fresh))) {
			err = PD_ENOMEM;
			pd_profile_free(c->p);
			continue;
		}
		*n = *c;
	}
	cache_table_free(&old);
	free((void *)kept);
	if (err < 0) {
		s->nhist = 0;
		return err;
	}
	/* the kept history first and alone */
	if (keep != &s->hist[0])
		s->hist[0] = *keep;
	s->nhist = 1;
	return 0;
}

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* The commits a shallow clone lacks the parents of: its shallow file, one
 * id a line. None when the repository is not shallow. */
static int load_shallow(pd_store *s)
{
	char path[PATH_MAX], line[128];
	size_t cap = 0;
	FILE *f;
	int err = 0;

	if (snprintf(path, sizeof(path), "%sshallow",
		     git_repository_commondir(s->repo)) >= (int)sizeof(path) ||
	    !(f = fopen(path, "re")))
		return 0;
	while (fgets(line, sizeof(line), f)) {
		git_oid id;

		if (git_oid_fromstrn(&id, line, strcspn(line, "\r\n")) < 0) {
			git_error_clear();
			continue;
		}
		if ((err = PD_ARENA_GROW(s->arena, s->shallow, s->nshallow,
					 cap)) < 0)
			break;
		git_oid_cpy(&s->shallow[s->nshallow++], &id);
	}
	fclose(f);
	if (s->nshallow)
		pd_qsort(s->shallow, s->nshallow, sizeof(*s->shallow), cmp_oid);
	return err;
}

bool pd_store_is_shallow_commit(const pd_store *s, const git_oid *id)
{
	return s->nshallow && pd_bsearch(id, s->shallow, s->nshallow,
				      sizeof(*s->shallow), cmp_oid);
}

bool pd_store_shallow(const pd_store *s, char *hex, size_t size)
{
	if (size)
		*hex = '\0';
	if (s->shallow_stopped && size)
		git_oid_tostr(hex, size < 11 ? size : 11, &s->shallow_stop);
	return s->nshallow > 0;
}

void pd_store_free(pd_store *s)
{
	size_t i;

	if (!s)
		return;
	cache_empty(&s->cache);
	cache_table_free(&s->cache);
	for (i = 0; i < s->nloose; i++)
		pd_profile_free(s->loose[i]);
	free(s->loose);
	free(s->hist);
	free(s->walks);
	for (i = 0; i < s->nwalk_arenas; i++)
		pd_arena_free(s->walk_arenas[i]);
	free(s->walk_arenas);
	pd_config_free(s->config);
	pd_odb_free(s->odb);
	pd_buf_free(&s->blob);
	git_repository_free(s->repo);
	pd_arena_free(s->arena);
	free(s);
	git_libgit2_shutdown();
}

/* *out: the object a revision names. A full id or a reference name is
 * resolved without reading an object (libgit2's revparse leaks a reference
 * when the object it reads is damaged); other syntax goes to revparse. A
 * libgit2 error code, GIT_ENOTFOUND or GIT_EUNBORNBRANCH when absent. */
int pd_store_resolve(pd_store *s, const char *rev, git_oid *out)
{
	git_reference *ref = NULL, *direct = NULL;
	git_object *obj = NULL;
	int err;

	if (strlen(rev) == GIT_OID_HEXSZ && git_oid_fromstr(out, rev) == 0)
		return 0;
	if (git_reference_dwim(&ref, s->repo, rev) == 0) {
		err = git_reference_resolve(&direct, ref);
		if (!err)
			git_oid_cpy(out, git_reference_target(direct));
		git_reference_free(direct);
		git_reference_free(ref);
		return err;
	}
	git_error_clear();
	if ((err = git_revparse_single(&obj, s->repo, rev)) == 0)
		git_oid_cpy(out, git_object_id(obj));
	git_object_free(obj);
	return err;
}

/* The index git means: $GIT_INDEX_FILE when git sets it (a hook during
 * "git commit -a" or "git commit PATH" sees a temporary index), else the
 * repository's. */
int pd_store_open_index(pd_store *s, git_index **out)
{
	const char *env = getenv("GIT_INDEX_FILE");

	if (env && *env) {
		if (git_index_open(out, env) < 0)
			return pd_git_fail("cannot read the index");
		return 0;
	}
	if (git_repository_index(out, s->repo) < 0)
		return pd_git_fail("cannot read the index");
	return 0;
}

const char *pd_store_signature_str(pd_store *s, const git_signature *sig)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s <%s>", sig->name, sig->email);
	return pd_arena_strdup(s->arena, buf);
}

const char *pd_store_first_line(pd_store *s, const char *msg)
{
	size_t n = strcspn(msg, "\n");

	return pd_arena_strndup(s->arena, msg, n);
}

/* *out: the tree at `dir` ("" for the root) of the commit `rev` names, or
 * NULL when there is none (no commit yet, no such directory). */
static int tree_at(pd_store *s, const char *rev, const char *dir,
		   git_tree **out)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	git_oid id;
	int err;

	*out = NULL;
	if ((err = pd_store_resolve(s, rev, &id)) < 0) {
		if (!pd_git_absent(err))
			return pd_git_fail("cannot read the branch tip");
		git_error_clear();
		return 0;
	}
	if (git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&root, c) < 0) {
		err = pd_git_fail("cannot read a commit");
		goto done;
	}
	if (!*dir) {
		*out = root;
		root = NULL;
		goto done;
	}
	err = git_tree_entry_bypath(&e, root, dir);
	if (err == 0 && git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    (err = git_tree_lookup(out, s->repo, git_tree_entry_id(e))) < 0)
		err = pd_git_fail("cannot read a tree");
	else if (err < 0 && pd_git_absent(err))
		err = 0;
	else if (err < 0)
		err = pd_git_fail("cannot read a tree");
	git_error_clear();
done:
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(c);
	git_object_free(obj);
	return err;
}

/* Reads a blob of HEAD's tree, or NULL. */
git_blob *pd_store_head_blob(pd_store *s, const char *path)
{
	git_tree_entry *e = NULL;
	git_blob *b = NULL;
	git_tree *tree = NULL;

	if (tree_at(s, "HEAD", "", &tree) < 0 || !tree) {
		git_error_clear();
		pd_error_clear();
		return NULL;
	}
	if (git_tree_entry_bypath(&e, tree, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		git_blob_lookup(&b, s->repo, git_tree_entry_id(e));
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
	return b;
}

/* The key of settings read from `len` bytes: never 0 (the defaults')
 * nor UINT64_MAX (settings given by the caller). */
static uint64_t config_key(const void *data, size_t len)
{
	uint64_t k = XXH3_64bits(data ? data : "", len);

	return k == 0 || k == UINT64_MAX ? 1 : k;
}

static int load_config(pd_store *s)
{
	int err;

	if (s->workdir) {
		char path[PATH_MAX + 32];
		pd_buf data = PD_BUF_INIT;
		struct stat st;

		snprintf(path, sizeof(path), "%s%s", s->workdir, PD_CONFIG_FILE);
		if (stat(path, &st) < 0)
			return pd_config_new(&s->config);
		err = pd_file_read(&data, path, 1u << 20);
		if (!err)
			err = pd_config_read(&s->config, data.ptr, data.len,
					     path);
		s->config_key = config_key(data.ptr, data.len);
		pd_buf_free(&data);
		return err;
	}
	{
		git_blob *b = pd_store_head_blob(s, PD_CONFIG_FILE);

		if (!b)
			return pd_config_new(&s->config);
		err = pd_config_read(&s->config, git_blob_rawcontent(b),
				     (size_t)git_blob_rawsize(b),
				     "HEAD:" PD_CONFIG_FILE);
		s->config_key = config_key(git_blob_rawcontent(b),
					   (size_t)git_blob_rawsize(b));
		git_blob_free(b);
		return err;
	}
}

int pd_store_open_again(pd_store *s, git_repository **out)
{
	int err;

	*out = NULL;
	if (getenv("GIT_DIR"))
		err = git_repository_open_ext(out, NULL,
					      GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	else
		err = git_repository_open_ext(out, git_repository_path(s->repo),
					      GIT_REPOSITORY_OPEN_NO_SEARCH,
					      NULL);
	if (err < 0)
		return pd_git_fail("cannot open the repository");
	return 0;
}

/* A damaged HEAD is an error, not an empty history. */
static int check_head(git_repository *repo)
{
	git_reference *head = NULL;
	int err = git_repository_head(&head, repo);

	git_reference_free(head);
	if (err == 0 || err == GIT_EUNBORNBRANCH || err == GIT_ENOTFOUND) {
		git_error_clear();
		return 0;
	}
	return pd_git_fail("cannot read HEAD");
}

/* Whether the nearest repository from `start` up (a working tree's .git,
 * or a bare repository) belongs to another user than this one; its top
 * goes to `top`. */
static bool owned_elsewhere(const char *start, char *top, size_t size)
{
	char dir[PATH_MAX], probe[PATH_MAX + 16];
	struct stat st;

	if (!realpath(start, dir))
		return false;
	for (;;) {
		char *slash;

		snprintf(probe, sizeof(probe), "%s/.git", dir);
		if (stat(probe, &st) == 0 ||
		    (snprintf(probe, sizeof(probe), "%s/HEAD", dir) > 0 &&
		     access(probe, F_OK) == 0 &&
		     snprintf(probe, sizeof(probe), "%s/objects", dir) > 0 &&
		     stat(probe, &st) == 0 && S_ISDIR(st.st_mode))) {
			snprintf(top, size, "%s", dir);
			return st.st_uid != geteuid();
		}
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return false;
		*slash = '\0';
	}
}

/* Whether git's safe.directory (global or system configuration) names
 * `top`, or "*". */
static int safe_one(const git_config_entry *e, void *payload)
{
	const char *top = payload;

	return strcmp(e->value, "*") == 0 || strcmp(e->value, top) == 0 ? 1
									 : 0;
}

static bool safe_directory(const char *top)
{
	git_config *cfg = NULL;
	int r = 0;

	if (git_config_open_default(&cfg) == 0)
		r = git_config_get_multivar_foreach(cfg, "safe.directory", NULL,
						    safe_one, (void *)top);
	git_config_free(cfg);
	git_error_clear();
	return r == 1;
}

/* The budget of profile bytes a run reads: git config
 * profdiff.maxReadBytes (a number, with git's k, m or g), else
 * PD_STORE_MAX_READ. */
static int load_budget(pd_store *s)
{
	git_config *cfg = NULL;
	int64_t v = 0;
	int r;

	s->read_budget = PD_STORE_MAX_READ;
	if (git_repository_config_snapshot(&cfg, s->repo) < 0)
		return pd_git_fail("cannot read the repository's configuration");
	r = git_config_get_int64(&v, cfg, "profdiff.maxReadBytes");
	git_config_free(cfg);
	if (r < 0 && pd_git_absent(r)) {
		git_error_clear();
		return 0;
	}
	if (r < 0 || v <= 0) {
		git_error_clear();
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "git config profdiff.maxReadBytes: not a "
				    "number of bytes above 0 (such as 2g)");
	}
	s->read_budget = (uint64_t)v;
	return 0;
}

/* Opens the store; with `config`, reads .profdiff.yaml as well, else
 * takes the defaults. */
static int store_open(pd_store **out, const char *path, bool config)
{
	pd_store *s;
	int err;

	*out = NULL;
	if (git_libgit2_init() == 1)
		pd_odb_setup();
	s = calloc(1, sizeof(*s));
	if (!s || !(s->arena = pd_arena_new())) {
		free(s);
		git_libgit2_shutdown();
		return pd_error_oom();
	}
	/* a repository another user owns is refused as git refuses it,
	 * unless safe.directory names it */
	if (!getenv("GIT_DIR")) {
		char top[PATH_MAX];

		if (owned_elsewhere(path ? path : ".", top, sizeof(top)) &&
		    !safe_directory(top)) {
			pd_store_free(s);
			return pd_error_set(PD_EUSAGE, NULL, 0, 0,
					    "the repository at '%s' is owned by "
					    "someone else, which git refuses "
					    "too; if you trust it: git config "
					    "--global --add safe.directory %s",
					    top, top);
		}
	}
	/* inside a git hook, GIT_DIR is set and the objects being pushed sit
	 * in a quarantine directory only the environment names */
	if (getenv("GIT_DIR"))
		err = git_repository_open_ext(&s->repo, NULL,
					      GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
	else
		err = git_repository_open_ext(&s->repo, path ? path : ".", 0,
					      NULL);
	if (err == GIT_ENOTFOUND) {
		pd_store_free(s);
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "not in a git repository (or any parent "
				    "of %s)",
				    path ? path : ".");
	}
	if (err < 0) {
		err = pd_git_fail("cannot open the repository");
		pd_store_free(s);
		return err;
	}
	if ((err = pd_odb_open(&s->odb, s->repo)) < 0 ||
	    (err = load_shallow(s)) < 0 || (err = check_head(s->repo)) < 0 ||
	    (err = load_budget(s)) < 0) {
		pd_store_free(s);
		return err;
	}
	if (!git_repository_is_bare(s->repo))
		s->workdir = pd_arena_strdup(s->arena,
					     git_repository_workdir(s->repo));
	if ((err = config ? load_config(s) : pd_config_new(&s->config)) < 0) {
		pd_store_free(s);
		return err;
	}
	*out = s;
	return 0;
}

int pd_store_open(pd_store **out, const char *path)
{
	return store_open(out, path, true);
}

int pd_store_open_unconfigured(pd_store **out, const char *path)
{
	return store_open(out, path, false);
}

void pd_store_use_config(pd_store *s, pd_config *c)
{
	pd_store_forget(s);
	pd_config_free(s->config);
	s->config = c;
	s->config_key = UINT64_MAX;
}

uint64_t pd_store_config_key(const pd_store *s)
{
	return s->config_key;
}

bool pd_store_bare(const pd_store *s)
{
	return s->workdir == NULL;
}

const char *pd_store_workdir(const pd_store *s)
{
	return s->workdir;
}

const pd_config *pd_store_config(const pd_store *s)
{
	return s->config;
}

/* The parse cache ----------------------------------------------------------- */

int pd_store_charge(pd_store *s, size_t len, const char *label)
{
	/* once one blob is refused, so is every later one, before it is
	 * inflated: nothing more is read */
	if (s->read_out || len > s->read_budget ||
	    s->read_bytes > s->read_budget - len) {
		s->read_out = true;
		return pd_error_set(
			PD_ERROR, label && *label ? label : NULL, 0, 0,
			"reading this profile would take the profiles read "
			"past %llu bytes, the most one run reads (git config "
			"profdiff.maxReadBytes)",
			(unsigned long long)s->read_budget);
	}
	s->read_bytes += len;
	return 0;
}

/* The profile in blob `id` (named `label` in messages), read anew. */
int pd_store_read_profile(pd_store *s, const git_oid *id, const char *label,
			  pd_profile **out)
{
	pd_read_options ro = PD_READ_OPTIONS_INIT;
	git_object_t type;
	int err;

	*out = NULL;
	ro.vocab = &s->config->vocab;
	ro.facts_only = s->facts_only;
	if (s->read_out) /* refused before it is inflated */
		return pd_store_charge(s, 0, label);
	if ((err = pd_odb_read(s->odb, id, GIT_OBJECT_BLOB, label, &type,
			       &s->blob)) < 0 ||
	    (err = pd_store_charge(s, s->blob.len, label)) < 0)
		return err;
	return pd_yaml_read(out, pd_buf_cstr(&s->blob), s->blob.len, label,
			    &ro);
}

void pd_store_facts_only(pd_store *s, bool on)
{
	if (s->facts_only != on)
		pd_store_forget(s); /* what is cached was read the other way */
	s->facts_only = on;
}

bool pd_store_reads_facts_only(const pd_store *s)
{
	return s->facts_only;
}

bool pd_store_cached(pd_store *s, const git_oid *id)
{
	return cache_table_get(&s->cache, id) != NULL;
}

int pd_store_cache_put(pd_store *s, const git_oid *id, pd_profile *p)
{
	bool fresh;
	cached *c = cache_table_put(&s->cache, id, &fresh);

	if (!c || !fresh) { /* out of memory, or there already */
		pd_profile_free(p);
		return c ? 0 : PD_ENOMEM;
	}
	git_oid_cpy(&c->id, id);
	c->p = p;
	return 0;
}

int pd_store_parse_blob(pd_store *s, const git_oid *id, const char *label,
			const pd_profile **out)
{
	pd_profile *p;
	bool fresh;
	cached *c = cache_table_put(&s->cache, id, &fresh);
	int err;

	if (!c)
		return PD_ENOMEM;
	if (!fresh) {
		*out = c->p;
		return *out ? 0
			    : pd_error_set(PD_EINVALID, label, 0, 0,
					   "not a valid profile");
	}
	git_oid_cpy(&c->id, id);
	/* the cache is not touched meanwhile: c stays where it is */
	if ((err = pd_store_read_profile(s, id, label, &p)) < 0 &&
	    err != PD_EINVALID) {
		cache_table_remove(&s->cache, c); /* read again when asked */
		return err;
	}
	c->p = p;
	*out = p;
	return err;
}

/* Profiles --------------------------------------------------------------------- */

int pd_store_profile_path(pd_store *s, const char *arg, char **out)
{
	char real[PATH_MAX], buf[PATH_MAX + 64];
	const char *dir = s->config->profiles_dir;
	struct stat st;
	size_t n = strlen(arg);

	*out = NULL;
	if (s->workdir && stat(arg, &st) == 0 && S_ISREG(st.st_mode) &&
	    realpath(arg, real)) {
		size_t wl = strlen(s->workdir);

		if (strncmp(real, s->workdir, wl) == 0) {
			*out = pd_arena_strdup(s->arena, real + wl);
			return *out ? 0 : PD_ENOMEM;
		}
		return pd_error_set(PD_EUSAGE, arg, 0, 0,
				    "is outside the repository %s", s->workdir);
	}
	if (strchr(arg, '/'))
		snprintf(buf, sizeof(buf), "%s", arg);
	else if (n > 5 && strcmp(arg + n - 5, ".yaml") == 0)
		snprintf(buf, sizeof(buf), "%s/%s", dir, arg);
	else
		snprintf(buf, sizeof(buf), "%s/%s.yaml", dir, arg);
	*out = pd_arena_strdup(s->arena, buf);
	return *out ? 0 : PD_ENOMEM;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool pd_store_yaml_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && ((n > 5 && !strcmp(name + n - 5, ".yaml")) ||
				  (n > 4 && !strcmp(name + n - 4, ".yml")));
}

static int add_profile(pd_store *s, size_t *cap, const char *path)
{
	size_t i;

	for (i = 0; i < s->nprofiles; i++)
		if (strcmp(s->profiles[i], path) == 0)
			return 0;
	if (PD_ARENA_GROW(s->arena, s->profiles, s->nprofiles, *cap) < 0)
		return PD_ENOMEM;
	s->profiles[s->nprofiles] = pd_arena_strdup(s->arena, path);
	return s->profiles[s->nprofiles++] ? 0 : PD_ENOMEM;
}

int pd_store_profiles(pd_store *s, const char ***out, size_t *n)
{
	const char *dir = s->config->profiles_dir;
	char path[PATH_MAX + 64];
	git_tree *t = NULL;
	size_t cap = 0, i;
	int err = 0;

	if (s->profiles)
		goto done;
	if ((err = tree_at(s, "HEAD", dir, &t)) < 0)
		return err;
	if (t) {
		for (i = 0; i < git_tree_entrycount(t) && !err; i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);

			if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
			    !pd_store_yaml_name(git_tree_entry_name(e)))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir,
				 git_tree_entry_name(e));
			err = add_profile(s, &cap, path);
		}
	}
	git_error_clear();
	git_tree_free(t);
	if (!err && s->workdir) {
		char wd[PATH_MAX + 64];
		struct dirent **list;
		int k, nl;

		snprintf(wd, sizeof(wd), "%s%s", s->workdir, dir);
		nl = scandir(wd, &list, NULL, alphasort);
		for (k = 0; k < nl; k++) {
			if (!err && pd_store_yaml_name(list[k]->d_name)) {
				snprintf(path, sizeof(path), "%s/%s", dir,
					 list[k]->d_name);
				err = add_profile(s, &cap, path);
			}
			free(list[k]);
		}
		if (nl >= 0)
			free(list);
	}
	if (err < 0)
		return err;
	if (!s->profiles)
		s->profiles = pd_arena_alloc(s->arena, sizeof(char *));
	if (s->nprofiles > 1)
		pd_qsort((void *)s->profiles, s->nprofiles, sizeof(*s->profiles),
		      cmp_str);
done:
	*out = s->profiles;
	*n = s->nprofiles;
	return 0;
}

/* Hooks and configuration ------------------------------------------------------ */

int pd_store_staged(pd_store *s, const char ***out, size_t *n)
{
	const char *dir = s->config->profiles_dir;
	size_t dl = strlen(dir), i, cap = 0, cnt = 0;
	git_index *index = NULL;
	const char **v = NULL;
	int err;

	if ((err = pd_store_open_index(s, &index)) < 0)
		return err;
	for (i = 0; i < git_index_entrycount(index); i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		git_blob *b;
		const char *name;
		bool same = false;

		if (strncmp(e->path, dir, dl) != 0 || e->path[dl] != '/' ||
		    git_index_entry_stage(e) != 0)
			continue;
		name = e->path + dl + 1;
		if (strchr(name, '/') || !pd_store_yaml_name(name))
			continue;
		/* changed against HEAD? */
		b = pd_store_head_blob(s, e->path);
		if (b)
			same = git_oid_equal(git_blob_id(b), &e->id);
		git_blob_free(b);
		if (same)
			continue;
		if (PD_ARENA_GROW(s->arena, v, cnt, cap) < 0) {
			git_index_free(index);
			return PD_ENOMEM;
		}
		v[cnt++] = pd_arena_strdup(s->arena, e->path);
	}
	git_index_free(index);
	*out = v;
	*n = cnt;
	return 0;
}

bool pd_store_reachable(pd_store *s, const char *hex, const char *from_hex)
{
	git_oid a, b;

	if (git_oid_fromstr(&a, hex) < 0 || git_oid_fromstr(&b, from_hex) < 0) {
		git_error_clear();
		return false;
	}
	if (git_oid_equal(&a, &b))
		return true;
	return git_graph_descendant_of(s->repo, &b, &a) == 1;
}

int pd_store_hooks_dir(pd_store *s, char *out, size_t size)
{
	git_config *cfg = NULL;
	git_buf value = GIT_BUF_INIT;
	const char *base = s->workdir ? s->workdir : git_repository_path(s->repo);

	if (git_repository_config_snapshot(&cfg, s->repo) == 0 &&
	    git_config_get_string_buf(&value, cfg, "core.hooksPath") == 0 &&
	    value.ptr && value.ptr[0]) {
		if (value.ptr[0] == '/')
			snprintf(out, size, "%s", value.ptr);
		else
			snprintf(out, size, "%s%s", base, value.ptr);
	} else {
		snprintf(out, size, "%shooks", git_repository_path(s->repo));
	}
	git_error_clear();
	git_buf_dispose(&value);
	git_config_free(cfg);
	return 0;
}

int pd_store_config_set(pd_store *s, const char *name, const char *value)
{
	git_config *cfg = NULL, *local = NULL;
	int err = 0;

	if (git_repository_config(&cfg, s->repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, name, value) < 0)
		err = pd_git_fail(
			"cannot write the repository's configuration");
	git_config_free(local);
	git_config_free(cfg);
	return err;
}

int pd_store_config_unset(pd_store *s, const char *name)
{
	git_config *cfg = NULL, *local = NULL;
	int err = 0, r;

	if (git_repository_config(&cfg, s->repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0)
		err = pd_git_fail("cannot write the repository's configuration");
	else if ((r = git_config_delete_entry(local, name)) < 0 &&
		 r != GIT_ENOTFOUND)
		err = pd_git_fail("cannot write the repository's configuration");
	git_error_clear();
	git_config_free(local);
	git_config_free(cfg);
	return err;
}

int pd_store_profiles_at(pd_store *s, const char *tip, const char ***out,
			 size_t *n)
{
	const char *dir = s->config->profiles_dir;
	char path[PATH_MAX + 64];
	git_tree *t = NULL;
	const char **v = NULL;
	size_t cap = 0, cnt = 0, i;
	int err;

	if ((err = tree_at(s, tip, dir, &t)) < 0)
		return err;
	if (t) {
		for (i = 0; i < git_tree_entrycount(t); i++) {
			const git_tree_entry *e = git_tree_entry_byindex(t, i);

			if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
			    !pd_store_yaml_name(git_tree_entry_name(e)))
				continue;
			if (PD_ARENA_GROW(s->arena, v, cnt, cap) < 0) {
				git_tree_free(t);
				return PD_ENOMEM;
			}
			snprintf(path, sizeof(path), "%s/%s", dir,
				 git_tree_entry_name(e));
			v[cnt++] = pd_arena_strdup(s->arena, path);
		}
	}
	git_error_clear();
	git_tree_free(t);
	*out = v;
	*n = cnt;
	return 0;
}

bool pd_store_has_commit(pd_store *s, const char *hex)
{
	git_oid id;
	git_commit *c = NULL;
	bool ok = git_oid_fromstr(&id, hex) == 0 &&
		  git_commit_lookup(&c, s->repo, &id) == 0;

	git_commit_free(c);
	git_error_clear();
	return ok;
}
