/*
 * store.c: profiles in a git repository, through libgit2 only.
 *
 * Published revisions. The first-parent history of HEAD is walked newest
 * first; each commit's blob of the profile is parsed (once per blob id:
 * parsed profiles are cached by object id, so a walk over many commits
 * parses each version once) and its last_updated read. The first commit
 * met with a given date is the newest carrying it, which represents that
 * published revision; later typo fixes under the same date are newer
 * commits of the same revision. When a commit lacks the path, the file was
 * renamed: the parent tree is searched, in the same directory, for the
 * same blob or a profile of the same country, and the walk goes on under
 * that name.
 *
 * Commits. A new tree is built from the branch tip's tree plus the given
 * files (git_tree_create_updated), a commit on the tip, and the branch is
 * moved with git_reference_create_matching, a compare-and-swap on the tip
 * the commit was built from. A writer that lost the race rebuilds on the
 * new tip and tries again; nobody's commit is lost, and the working tree
 * is only read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "profdiff/fileio.h"
#include "profdiff/store.h"
#include "profdiff/yaml.h"

#include "odb_guard.h"

typedef struct cached {
	git_oid id;
	pd_profile *p; /* NULL when the blob did not parse */
} cached;

typedef struct history {
	const char *tip;
	const char *path;
	pd_revision *revs;
	size_t n;
} history;

/* A first-parent walk from a tip, newest first: each commit with the YAML
 * files it changed against its first parent (all of them for a root).
 * Built once per tip, so the histories of all profiles cost one walk. */
typedef struct walk_delta {
	const char *path;
	git_oid old_id; /* zero: added by the commit */
	git_oid new_id; /* zero: deleted by the commit */
} walk_delta;

typedef struct walk_commit {
	git_oid id;
	git_oid tree;
	walk_delta *d;
	size_t nd;
} walk_commit;

typedef struct walk {
	const char *tip;
	walk_commit *c;
	size_t n;
} walk;

struct pd_store {
	git_repository *repo;
	pd_arena *arena;
	pd_config *config;
	char *workdir;
	cached *cache;
	size_t ncache, capcache;
	history *hist;
	size_t nhist;
	walk *walks;
	size_t nwalks;
	pd_profile **loose; /* parsed outside the cache: worktree files */
	size_t nloose;
	const char **profiles;
	size_t nprofiles;
};

/* Whether a libgit2 error only says that something is not there (a path,
 * a revision, a branch with no commit yet), not that something is broken. */
static bool git_absent(int err)
{
	return err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH;
}

static int git_fail(const char *what)
{
	const git_error *e = git_error_last();

	return pd_error_set(PD_ERROR, NULL, 0, 0, "%s: %s", what,
			    e && e->message ? e->message : "git error");
}

void pd_store_forget(pd_store *s)
{
	size_t i;

	for (i = 0; i < s->capcache; i++) {
		pd_profile_free(s->cache[i].p);
		s->cache[i].p = NULL;
		memset(&s->cache[i].id, 0, sizeof(s->cache[i].id));
	}
	s->ncache = 0;
	s->nhist = 0; /* their revisions pointed at the profiles */
}

static size_t oid_hash(const git_oid *id);
static int cache_grow(pd_store *s);

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
	cached *old = s->cache;
	size_t i, k, nkept = 0, cap = s->capcache;
	int err = 0;

	for (i = 0; i < s->nhist; i++)
		if (strcmp(s->hist[i].path, path) == 0)
			keep = &s->hist[i];
	if (!keep || !keep->n) {
		pd_store_forget(s);
		return 0;
	}
	kept = malloc(keep->n * sizeof(*kept));
	if (!kept)
		return pd_error_oom();
	for (k = 0; k < keep->n; k++)
		kept[nkept++] = keep->revs[k].profile;
	qsort((void *)kept, nkept, sizeof(*kept), cmp_ptr);
	/* the cache again, with only the kept profiles */
	s->cache = NULL;
	s->capcache = 0;
	s->ncache = 0;
	for (i = 0; i < cap; i++) {
		size_t h;

		if (!old[i].p || !bsearch(&old[i].p, (void *)kept, nkept,
					  sizeof(*kept), cmp_ptr)) {
			pd_profile_free(old[i].p);
			continue;
		}
		if (err == 0 && s->ncache * 2 >= s->capcache)
			err = cache_grow(s);
		if (err < 0) {
			pd_profile_free(old[i].p); /* its revisions go below */
			continue;
		}
		for (h = oid_hash(&old[i].id) & (s->capcache - 1);
		     !git_oid_is_zero(&s->cache[h].id);
		     h = (h + 1) & (s->capcache - 1))
			;
		s->cache[h] = old[i];
		s->ncache++;
	}
	free(old);
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

void pd_store_free(pd_store *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->capcache; i++)
		pd_profile_free(s->cache[i].p);
	free(s->cache);
	for (i = 0; i < s->nloose; i++)
		pd_profile_free(s->loose[i]);
	free(s->loose);
	free(s->hist);
	free(s->walks);
	pd_config_free(s->config);
	git_repository_free(s->repo);
	pd_arena_free(s->arena);
	free(s);
	git_libgit2_shutdown();
}

/* *out: the object a revision names. A full id or a reference name is
 * resolved without reading an object (libgit2's revparse leaks a reference
 * when the object it reads is damaged); other syntax goes to revparse. A
 * libgit2 error code, GIT_ENOTFOUND or GIT_EUNBORNBRANCH when absent. */
static int resolve(pd_store *s, const char *rev, git_oid *out)
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
	if ((err = resolve(s, rev, &id)) < 0) {
		if (!git_absent(err))
			return git_fail("cannot read the branch tip");
		git_error_clear();
		return 0;
	}
	if (git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(&root, c) < 0) {
		err = git_fail("cannot read a commit");
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
		err = git_fail("cannot read a tree");
	else if (err < 0 && git_absent(err))
		err = 0;
	else if (err < 0)
		err = git_fail("cannot read a tree");
	git_error_clear();
done:
	git_tree_entry_free(e);
	git_tree_free(root);
	git_commit_free(c);
	git_object_free(obj);
	return err;
}

/* Reads a blob of HEAD's tree, or NULL. */
static git_blob *head_blob(pd_store *s, const char *path)
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
		pd_buf_free(&data);
		return err;
	}
	{
		git_blob *b = head_blob(s, PD_CONFIG_FILE);

		if (!b)
			return pd_config_new(&s->config);
		err = pd_config_read(&s->config, git_blob_rawcontent(b),
				     (size_t)git_blob_rawsize(b),
				     "HEAD:" PD_CONFIG_FILE);
		git_blob_free(b);
		return err;
	}
}

/* Puts the guard in front of the loose objects: the repository's, or the
 * quarantine's and the alternates' the environment names in a hook. */
static int guard_objects(git_repository *repo)
{
	const char *env = getenv("GIT_DIR") ? getenv("GIT_OBJECT_DIRECTORY")
					    : NULL;
	const char *alt = getenv("GIT_DIR")
				  ? getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES")
				  : NULL;
	char dir[PATH_MAX];
	git_odb *odb = NULL;
	int err = 0;

	if (git_repository_odb(&odb, repo) < 0)
		return git_fail("cannot open the object database");
	if (env && *env)
		snprintf(dir, sizeof(dir), "%s", env);
	else
		snprintf(dir, sizeof(dir), "%sobjects",
			 git_repository_commondir(repo));
	if (pd_odb_guard(odb, dir) < 0)
		err = git_fail("cannot open the object database");
	while (!err && alt && *alt) {
		size_t n = strcspn(alt, ":");

		if (n && n < sizeof(dir)) {
			memcpy(dir, alt, n);
			dir[n] = '\0';
			if (pd_odb_guard(odb, dir) < 0)
				err = git_fail("cannot open the object "
					       "database");
		}
		alt += n + (alt[n] == ':');
	}
	git_odb_free(odb);
	return err;
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
	return git_fail("cannot read HEAD");
}

int pd_store_open(pd_store **out, const char *path)
{
	pd_store *s;
	int err;

	*out = NULL;
	if (git_libgit2_init() == 1) {
		/* memory stays flat over long histories: libgit2 would map
		 * a whole pack (windows of 1 GiB, up to 8 GiB) and cache up
		 * to 256 MiB of objects; profdiff reads each object about
		 * once */
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20);
		git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT,
				 (size_t)16 << 20);
		git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE,
				 (ssize_t)1 << 20);
		/* the packs are asked first, then the guard (odb_guard.h),
		 * which checks the loose objects' ids itself; a packed
		 * object is not hashed again on every read (git does not
		 * either: zlib's checksum guards the pack) */
		git_libgit2_opts(GIT_OPT_SET_ODB_PACKED_PRIORITY,
				 PD_ODB_GUARD_PRIORITY + 1);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	}
	s = calloc(1, sizeof(*s));
	if (!s || !(s->arena = pd_arena_new())) {
		free(s);
		git_libgit2_shutdown();
		return pd_error_oom();
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
		err = git_fail("cannot open the repository");
		pd_store_free(s);
		return err;
	}
	if ((err = guard_objects(s->repo)) < 0 ||
	    (err = check_head(s->repo)) < 0) {
		pd_store_free(s);
		return err;
	}
	if (!git_repository_is_bare(s->repo))
		s->workdir = pd_arena_strdup(s->arena,
					     git_repository_workdir(s->repo));
	if ((err = load_config(s)) < 0) {
		pd_store_free(s);
		return err;
	}
	*out = s;
	return 0;
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

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static int cache_grow(pd_store *s)
{
	size_t ncap = s->capcache ? s->capcache * 2 : 256, i;
	cached *v = calloc(ncap, sizeof(*v));

	if (!v)
		return pd_error_oom();
	for (i = 0; i < s->capcache; i++) {
		size_t h;

		if (git_oid_is_zero(&s->cache[i].id))
			continue;
		for (h = oid_hash(&s->cache[i].id) & (ncap - 1);
		     !git_oid_is_zero(&v[h].id); h = (h + 1) & (ncap - 1))
			;
		v[h] = s->cache[i];
	}
	free(s->cache);
	s->cache = v;
	s->capcache = ncap;
	return 0;
}

/* The profile in blob `id` (named `label` in messages), parsed once. */
static int parse_blob(pd_store *s, const git_oid *id, const char *label,
		      const pd_profile **out)
{
	git_blob *b;
	pd_read_options ro = PD_READ_OPTIONS_INIT;
	size_t h;
	int err;

	if (s->ncache * 2 >= s->capcache && (err = cache_grow(s)) < 0)
		return err;
	for (h = oid_hash(id) & (s->capcache - 1);
	     !git_oid_is_zero(&s->cache[h].id); h = (h + 1) & (s->capcache - 1))
		if (git_oid_equal(&s->cache[h].id, id)) {
			*out = s->cache[h].p;
			return *out ? 0
				    : pd_error_set(PD_EINVALID, label, 0, 0,
						   "not a valid profile");
		}
	if (git_blob_lookup(&b, s->repo, id) < 0)
		return git_fail(label);
	ro.vocab = &s->config->vocab;
	err = pd_yaml_read(&s->cache[h].p, git_blob_rawcontent(b),
			   (size_t)git_blob_rawsize(b), label, &ro);
	git_blob_free(b);
	git_oid_cpy(&s->cache[h].id, id);
	s->ncache++;
	*out = s->cache[h].p;
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

static bool yaml_name(const char *name)
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
	if (s->nprofiles == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		const char **g = pd_arena_grow(s->arena, (void *)s->profiles,
					       *cap * sizeof(*g),
					       ncap * sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		s->profiles = g;
		*cap = ncap;
	}
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
			    !yaml_name(git_tree_entry_name(e)))
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
			if (!err && yaml_name(list[k]->d_name)) {
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
		qsort((void *)s->profiles, s->nprofiles, sizeof(*s->profiles),
		      cmp_str);
done:
	*out = s->profiles;
	*n = s->nprofiles;
	return 0;
}

/* History ---------------------------------------------------------------------- */

static const char *signature_str(pd_store *s, const git_signature *sig)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s <%s>", sig->name, sig->email);
	return pd_arena_strdup(s->arena, buf);
}

static const char *first_line(pd_store *s, const char *msg)
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
					parse_blob(s, &d->old_id, d->path,
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
		return git_fail("cannot read a commit");
	rv = &h->revs[h->n++];
	memset(rv, 0, sizeof(*rv));
	git_oid_tostr(rv->commit, sizeof(rv->commit), &run->commit);
	rv->path = pd_arena_strdup(s->arena, run->path);
	rv->author = signature_str(s, git_commit_author(c));
	rv->time = (int64_t)git_commit_time(c);
	rv->summary = first_line(s, git_commit_message(c));
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

/* The YAML files that differ between two trees, gathered for one commit. */
typedef struct delta_list {
	walk_delta *v;
	size_t n, cap;
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
	    !yaml_name(git_tree_entry_name(e)))
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
	if ((old && git_tree_lookup(&ta, s->repo, git_tree_entry_id(old)) < 0) ||
	    (new && git_tree_lookup(&tb, s->repo, git_tree_entry_id(new)) < 0))
		err = git_fail("cannot read a tree");
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
	git_revwalk *rw = NULL;
	delta_list deltas = {NULL, 0, 0};
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
	if (git_revwalk_new(&rw, s->repo) < 0)
		return git_fail("cannot walk the history");
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL);
	git_revwalk_simplify_first_parent(rw);
	if ((r = resolve(s, tip, &cid)) < 0) {
		if (git_absent(r)) /* no commit yet: no history */
			git_error_clear();
		else
			err = git_fail("cannot read the branch tip");
		goto done;
	}
	if (git_revwalk_push(rw, &cid) < 0) {
		err = git_fail("cannot walk the history");
		goto done;
	}
	while ((r = git_revwalk_next(&cid, rw)) == 0) {
		git_commit *c = NULL, *pc = NULL;
		git_tree *tree = NULL, *ptree = NULL;
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
		if (git_commit_lookup(&c, s->repo, &cid) < 0 ||
		    git_commit_tree(&tree, c) < 0 ||
		    (git_commit_parentcount(c) > 0 &&
		     (git_commit_parent(&pc, c, 0) < 0 ||
		      git_commit_tree(&ptree, pc) < 0))) {
			err = git_fail("cannot read a commit");
		} else {
			wc = &w->c[w->n++];
			memset(wc, 0, sizeof(*wc));
			git_oid_cpy(&wc->id, &cid);
			git_oid_cpy(&wc->tree, git_tree_id(tree));
			err = walk_add_deltas(s, wc, &deltas, ptree, tree);
		}
		git_tree_free(ptree);
		git_commit_free(pc);
		git_tree_free(tree);
		git_commit_free(c);
		if (err < 0)
			break;
	}
	if (!err && r != GIT_ITEROVER)
		err = git_fail("cannot walk the history");
	git_error_clear();
done:
	git_revwalk_free(rw);
	free(deltas.v);
	if (err < 0)
		return err;
	s->nwalks++;
	*out = w;
	return 0;
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
		return git_fail("cannot read a tree");
	err = git_tree_entry_bypath(&e, tree, path);
	if (err == 0 && git_tree_entry_type(e) == GIT_OBJECT_BLOB)
		git_oid_cpy(id, git_tree_entry_id(e));
	if (err < 0 && !git_absent(err))
		err = git_fail("cannot read a tree");
	else
		err = 0;
	git_error_clear();
	git_tree_entry_free(e);
	git_tree_free(tree);
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
	if ((err = blob_at(s, &w->c[0].tree, cur, &blob)) < 0)
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
		err = parse_blob(s, &blob, label, &p);
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

/* Revisions -------------------------------------------------------------------- */

static int keep_loose(pd_store *s, pd_profile *p)
{
	pd_profile **g = realloc(s->loose, (s->nloose + 1) * sizeof(*g));

	if (!g) {
		pd_profile_free(p);
		return pd_error_oom();
	}
	s->loose = g;
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
	err = pd_file_read(&data, full, PD_MAX_PROFILE_SIZE);
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

/* The index git means: $GIT_INDEX_FILE when git sets it (a hook during
 * "git commit -a" or "git commit PATH" sees a temporary index), else the
 * repository's. */
static int open_index(pd_store *s, git_index **out)
{
	const char *env = getenv("GIT_INDEX_FILE");

	if (env && *env) {
		if (git_index_open(out, env) < 0)
			return git_fail("cannot read the index");
		return 0;
	}
	if (git_repository_index(out, s->repo) < 0)
		return git_fail("cannot read the index");
	return 0;
}

static int load_staged(pd_store *s, const char *path, pd_revision *out)
{
	git_index *index = NULL;
	const git_index_entry *e;
	char label[PATH_MAX + 16];
	int err;

	if ((err = open_index(s, &index)) < 0)
		return err;
	e = git_index_get_bypath(index, path, 0);
	if (!e) {
		git_index_free(index);
		return pd_error_set(PD_ENOTFOUND, path, 0, 0, "not staged");
	}
	snprintf(label, sizeof(label), ":%s", path);
	err = parse_blob(s, &e->id, label, &out->profile);
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
	if ((err = resolve(s, rev, &id)) == 0)
		err = git_object_lookup(&obj, s->repo, &id, GIT_OBJECT_ANY);
	if (err == 0)
		err = git_object_peel((git_object **)&c, obj,
				      GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (err < 0 && (git_absent(err) || err == GIT_EINVALIDSPEC ||
			err == GIT_EAMBIGUOUS || err == GIT_EINVALID)) {
		git_error_clear();
		return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				    "unknown revision '%s' (a date YYYY-MM-DD, "
				    "a git revision, staged or worktree)",
				    rev);
	}
	if (err < 0)
		return git_fail(rev);
	if (git_commit_tree(&tree, c) < 0) {
		err = git_fail(rev);
		goto done;
	}
	err = git_tree_entry_bypath(&e, tree, path);
	if (err < 0 && !git_absent(err)) {
		err = git_fail(rev);
		goto done;
	}
	if (err < 0) {
		git_error_clear();
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0, "not in %s", rev);
		goto done;
	}
	git_oid_tostr(out->commit, sizeof(out->commit), git_commit_id(c));
	snprintf(label, sizeof(label), "%s:%s", rev, path);
	if ((err = parse_blob(s, git_tree_entry_id(e), label, &out->profile)) <
	    0)
		goto done;
	out->path = pd_arena_strdup(s->arena, path);
	out->author = signature_str(s, git_commit_author(c));
	out->time = (int64_t)git_commit_time(c);
	out->summary = first_line(s, git_commit_message(c));
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
	if (pd_file_read(&data, full, PD_MAX_PROFILE_SIZE) < 0) {
		pd_error_clear();
		return false;
	}
	b = head_blob(s, path);
	dirty = !b || (size_t)git_blob_rawsize(b) != data.len ||
		memcmp(git_blob_rawcontent(b), data.ptr, data.len) != 0;
	git_blob_free(b);
	pd_buf_free(&data);
	return dirty;
}

/* Commits ---------------------------------------------------------------------- */

static int author_signature(pd_store *s, const char *author,
			    git_signature **out)
{
	if (author) {
		const char *lt = strchr(author, '<'), *gt = strrchr(author, '>');
		char name[256], email[256];
		size_t nl;

		if (!lt || !gt || gt < lt)
			return pd_error_set(PD_EUSAGE, NULL, 0, 0,
					    "--author takes \"Name <email>\", "
					    "not '%s'",
					    author);
		nl = (size_t)(lt - author);
		while (nl && author[nl - 1] == ' ')
			nl--;
		snprintf(name, sizeof(name), "%.*s", (int)nl, author);
		snprintf(email, sizeof(email), "%.*s", (int)(gt - lt - 1),
			 lt + 1);
		if (git_signature_now(out, name, email) < 0)
			return git_fail("bad author");
		return 0;
	}
	if (git_signature_default(out, s->repo) < 0) {
		git_error_clear();
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "no author: set git's user.name and "
				    "user.email, or give --author \"Name "
				    "<email>\"");
	}
	return 0;
}

/* The branch HEAD names ("refs/heads/main"), born or not. */
static int head_branch(pd_store *s, char *out, size_t size)
{
	git_reference *head = NULL;

	if (git_reference_lookup(&head, s->repo, "HEAD") < 0)
		return git_fail("cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "HEAD is detached: check out a branch to "
				    "commit");
	}
	snprintf(out, size, "%s", git_reference_symbolic_target(head));
	git_reference_free(head);
	return 0;
}

static void backoff(unsigned attempt)
{
	struct timespec ts = {0, (long)(1 + (unsigned)rand() % 8 +
					 attempt * 2) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Updates the index for the committed paths; the commit has landed, so a
 * locked index is retried a while, then left as it was: 1 then, with the
 * reason recorded. */
static int update_index(pd_store *s, const git_tree_update *u, size_t n,
			 const pd_buf *data)
{
	unsigned attempt;
	size_t i;
	char lock[PATH_MAX + 32];
	int lfd, err = 0;

	/* read, add and write under one lock, so that concurrent profdiff
	 * writers do not lose each other's entries */
	snprintf(lock, sizeof(lock), "%sprofdiff-index.lock",
		 git_repository_path(s->repo));
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lfd >= 0)
		flock(lfd, LOCK_EX);
	for (attempt = 0; attempt < 20; attempt++) {
		git_index *index = NULL;

		err = git_repository_index(&index, s->repo);

		if (!err)
			err = git_index_read(index, 1);
		for (i = 0; i < n && !err; i++) {
			git_index_entry e;

			memset(&e, 0, sizeof(e));
			e.mode = u[i].filemode;
			e.path = u[i].path;
			err = git_index_add_from_buffer(index, &e, data[i].ptr,
							data[i].len);
		}
		if (!err)
			err = git_index_write(index);
		git_index_free(index);
		if (!err)
			break;
		if (err != GIT_ELOCKED)
			break;
		git_error_clear();
		backoff(attempt);
	}
	if (lfd >= 0)
		close(lfd); /* and the lock with it */
	if (!err)
		return 0;
	if (err == GIT_ELOCKED)
		pd_error_set(PD_ECONFLICT, NULL, 0, 0,
			     "the commit landed, but the index is locked (%s"
			     "index.lock: another git is running, or it is "
			     "stale) and still has the files as before; once "
			     "the lock is gone, 'git reset -q -- FILE...' "
			     "brings it up to date",
			     git_repository_path(s->repo));
	else
		git_fail("the commit landed, but the index could not be "
			 "updated");
	return 1;
}

int pd_store_commit(pd_store *s, const char **paths, size_t n,
		    const pd_commit_options *opts, char out_hex[41])
{
	git_signature *sig = NULL;
	git_tree_update *u = NULL;
	pd_buf *data = NULL;
	char branch[512], msg[8192];
	unsigned attempt, retries = opts->retries ? opts->retries : 64;
	unsigned locked = 0; /* a lock is held briefly; a stale one forever */
	size_t i;
	int err = 0;

	if (!s->workdir)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a bare repository has no files to commit");
	if (!opts->message || !*opts->message)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a commit needs a message (-m)");
	snprintf(msg, sizeof(msg), "%s%s", opts->message,
		 opts->message[strlen(opts->message) - 1] == '\n' ? "" : "\n");
	if ((err = author_signature(s, opts->author, &sig)) < 0)
		return err;
	u = calloc(n ? n : 1, sizeof(*u));
	data = calloc(n ? n : 1, sizeof(*data));
	if (!u || !data) {
		err = pd_error_oom();
		goto done;
	}
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	/* the blobs, from the working tree, read once */
	for (i = 0; i < n; i++) {
		char full[PATH_MAX + 64];
		struct stat st;

		snprintf(full, sizeof(full), "%s%s", s->workdir, paths[i]);
		if ((err = pd_file_read(&data[i], full, PD_MAX_PROFILE_SIZE)) <
		    0)
			goto done;
		if (git_blob_create_from_buffer(&u[i].id, s->repo, data[i].ptr,
						data[i].len) < 0) {
			err = git_fail("cannot write a blob");
			goto done;
		}
		u[i].action = GIT_TREE_UPDATE_UPSERT;
		u[i].filemode = stat(full, &st) == 0 && (st.st_mode & 0100)
					? GIT_FILEMODE_BLOB_EXECUTABLE
					: GIT_FILEMODE_BLOB;
		u[i].path = paths[i];
	}
	for (attempt = 0;; attempt++) {
		git_oid tip, tree_id, commit_id;
		git_commit *parent = NULL;
		git_tree *base = NULL, *tree = NULL;
		git_reference *ref = NULL;
		bool born;

		if ((err = head_branch(s, branch, sizeof(branch))) < 0)
			break;
		born = git_reference_name_to_id(&tip, s->repo, branch) == 0;
		git_error_clear();
		if (born && (git_commit_lookup(&parent, s->repo, &tip) < 0 ||
			     git_commit_tree(&base, parent) < 0)) {
			err = git_fail("cannot read the branch tip");
			git_commit_free(parent);
			break;
		}
		if (!born) {
			git_treebuilder *tb = NULL;
			git_oid empty;

			if (git_treebuilder_new(&tb, s->repo, NULL) < 0 ||
			    git_treebuilder_write(&empty, tb) < 0 ||
			    git_tree_lookup(&base, s->repo, &empty) < 0) {
				git_treebuilder_free(tb);
				err = git_fail("cannot make a tree");
				break;
			}
			git_treebuilder_free(tb);
		}
		if (git_tree_create_updated(&tree_id, s->repo, base, n, u) < 0) {
			err = git_fail("cannot make the tree");
			git_tree_free(base);
			git_commit_free(parent);
			break;
		}
		if (born && git_oid_equal(&tree_id, git_tree_id(base))) {
			git_tree_free(base);
			git_commit_free(parent);
			err = pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
					   "nothing to commit: the files are "
					   "as the branch has them");
			break;
		}
		if (git_tree_lookup(&tree, s->repo, &tree_id) < 0 ||
		    git_commit_create(&commit_id, s->repo, NULL, sig, sig, NULL,
				      msg, tree, born ? 1 : 0,
				      (const git_commit **)&parent) < 0) {
			err = git_fail("cannot make the commit");
			git_tree_free(tree);
			git_tree_free(base);
			git_commit_free(parent);
			break;
		}
		git_tree_free(tree);
		git_tree_free(base);
		git_commit_free(parent);
		/* the compare-and-swap */
		if (born)
			err = git_reference_create_matching(
				&ref, s->repo, branch, &commit_id, 1, &tip,
				"profdiff commit");
		else
			err = git_reference_create(&ref, s->repo, branch,
						   &commit_id, 0,
						   "profdiff commit (initial)");
		git_reference_free(ref);
		if (err == 0) {
			git_oid_tostr(out_hex, 41, &commit_id);
			err = update_index(s, u, n, data);
			break;
		}
		if (err != GIT_EMODIFIED && err != GIT_EEXISTS &&
		    err != GIT_ELOCKED) {
			err = git_fail("cannot move the branch");
			break;
		}
		git_error_clear();
		if (err == GIT_ELOCKED && ++locked >= 16) {
			err = pd_error_set(PD_ECONFLICT, NULL, 0, 0,
					   "%s stayed locked (another git is "
					   "running, or a stale %s.lock in the "
					   "repository): nothing was committed, "
					   "your files are as they were",
					   branch, branch);
			break;
		}
		if (attempt + 1 >= retries) {
			err = pd_error_set(PD_ECONFLICT, NULL, 0, 0,
					   "%s kept moving under other writers "
					   "(%u tries): nothing was committed, "
					   "your files are as they were; try "
					   "again",
					   branch, retries);
			break;
		}
		backoff(attempt);
	}
done:
	for (i = 0; data && i < n; i++)
		pd_buf_free(&data[i]);
	free(data);
	free(u);
	git_signature_free(sig);
	return err;
}

/* Init --------------------------------------------------------------------------- */

static int write_new(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, F_OK) == 0)
		return 0;
	return pd_file_write_atomic(path, text, strlen(text));
}

int pd_store_init(const char *dir)
{
	git_repository *repo = NULL;
	char path[PATH_MAX + 64];
	int err = 0;

	git_libgit2_init();
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		err = pd_error_set(PD_EIO, dir, 0, 0, "cannot create: %s",
				   strerror(errno));
		goto done;
	}
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		git_error_clear();
		if (git_repository_init(&repo, dir, 0) < 0) {
			err = git_fail("cannot create the repository");
			goto done;
		}
	}
	snprintf(path, sizeof(path), "%s/profiles", dir);
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot create: %s",
				   strerror(errno));
		goto done;
	}
	if ((err = write_new(dir, PD_CONFIG_FILE,
			     "# profdiff settings (see profdiff lint --help)\n"
			     "profiles: profiles\n"
			     "lint:\n"
			     "  uncited: paragraph\n")) < 0 ||
	    (err = write_new(dir, ".gitattributes",
			     "# git diff and git log -p show profiles one "
			     "claim per line\n"
			     "profiles/*.yaml diff=profdiff\n")) < 0)
		goto done;
done:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return err;
}

/* Hooks and configuration ------------------------------------------------------ */

int pd_store_staged(pd_store *s, const char ***out, size_t *n)
{
	const char *dir = s->config->profiles_dir;
	size_t dl = strlen(dir), i, cap = 0, cnt = 0;
	git_index *index = NULL;
	const char **v = NULL;
	int err;

	if ((err = open_index(s, &index)) < 0)
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
		if (strchr(name, '/') || !yaml_name(name))
			continue;
		/* changed against HEAD? */
		b = head_blob(s, e->path);
		if (b)
			same = git_oid_equal(git_blob_id(b), &e->id);
		git_blob_free(b);
		if (same)
			continue;
		if (cnt == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			const char **g = pd_arena_grow(s->arena, (void *)v,
						       cap * sizeof(*g),
						       ncap * sizeof(*g));

			if (!g) {
				git_index_free(index);
				return PD_ENOMEM;
			}
			v = g;
			cap = ncap;
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
		err = git_fail("cannot write the repository's configuration");
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
			    !yaml_name(git_tree_entry_name(e)))
				continue;
			if (cnt == cap) {
				size_t ncap = cap ? cap * 2 : 16;
				const char **g = pd_arena_grow(
					s->arena, (void *)v, cap * sizeof(*g),
					ncap * sizeof(*g));

				if (!g) {
					git_tree_free(t);
					return PD_ENOMEM;
				}
				v = g;
				cap = ncap;
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
