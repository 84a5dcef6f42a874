/*
 * odb.c: the sources of a repository's objects, asked in one order (see
 * odb.h): the spill, the packs, the loose objects, libgit2.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2/sys/odb_backend.h>

#include "odb.h"
#include "odb_guard.h"
#include "pack_read.h"
#include "pack_spill.h"
#include "parallel.h"
#include "profdiff/error.h"

/* The pack reader's cache of inflated objects: small while reads find
 * their bases in it, larger, up to the most, while they do not (a history
 * read in another order than its pack chains its deltas) */
#define PACK_CACHE_MIN ((size_t)4 << 20)
#define PACK_CACHE_MAX ((size_t)32 << 20)

/* the objects directories read directly: the repository's, the
 * alternates a hook's environment names, and those objects/info/alternates
 * names, as deep as git follows them; any more stay libgit2's */
#define MAX_DIRS 16
#define MAX_ALTERNATE_DEPTH 5

/* above libgit2's packs, which are above the guard: profdiff's pack
 * reader answers what it can, libgit2 the rest */
#define PACKS_PRIORITY (PD_ODB_GUARD_PRIORITY + 2)

_Static_assert(sizeof(git_oid) == 20, "a git_oid is its 20 bytes");

struct pd_odb {
	git_odb *odb;         /* the repository's, the guard in front */
	char *dirs[MAX_DIRS]; /* the objects directories, alternates after */
	size_t ndirs;
	pd_packs *packs;      /* those of dirs[0]: the backend's */
	pd_spill *spill;      /* NULL until pd_odb_spill */
	char *promisor;       /* a partial clone's promisor remote, or NULL */
	size_t pack_reads;    /* blobs read from the packs */
	size_t pack_inflated; /* objects those reads inflated */
};

/* The pack reader as a backend of libgit2's object database, so that
 * what libgit2 reads itself (commits, trees, the configuration's blob)
 * comes through its cache too. The backend owns the reader; the odb
 * borrows it while it holds the object database. */
typedef struct pack_backend {
	git_odb_backend parent;
	pd_packs *packs;
	pd_buf buf;
} pack_backend;

static int pack_backend_read(void **out, size_t *len, git_object_t *type,
			     git_odb_backend *b, const git_oid *id)
{
	pack_backend *pb = (pack_backend *)b;
	int t, r = pd_packs_read(pb->packs, id->id, &t, &pb->buf);
	char *data;

	/* not read here: libgit2's packs read it, or say why */
	if (r == 0)
		return GIT_PASSTHROUGH;
	/* refused: libgit2 must not try it (an error, unlike a pass, ends
	 * its search) */
	if (r < 0 && r != PD_ENOMEM) {
		char msg[1200];

		pd_error_format(pd_error_last(), msg, sizeof(msg));
		git_error_set_str(GIT_ERROR_ODB, msg);
		return -1;
	}
	if (r < 0 || !(data = git_odb_backend_data_alloc(b, pb->buf.len + 1))) {
		git_error_set_oom();
		return -1;
	}
	memcpy(data, pb->buf.ptr, pb->buf.len);
	data[pb->buf.len] = '\0';
	*out = data;
	*len = pb->buf.len;
	*type = (git_object_t)t;
	return 0;
}

/* The header of an object the packs hold, read whole: libgit2 1.5 would
 * follow a delta cycle for ever to find its type. */
static int pack_backend_read_header(size_t *len, git_object_t *type,
				    git_odb_backend *b, const git_oid *id)
{
	void *data = NULL;
	int r = pack_backend_read(&data, len, type, b, id);

	if (r == 0)
		git_odb_backend_data_free(b, data);
	return r;
}

/* An object named by the start of its id (a short id on the command
 * line), found in the packs' indexes and read by the same reader: libgit2
 * 1.5 would follow a delta cycle for ever here too. */
static int pack_backend_read_prefix(git_oid *out_id, void **out, size_t *len,
				    git_object_t *type, git_odb_backend *b,
				    const git_oid *key, size_t hexlen)
{
	pack_backend *pb = (pack_backend *)b;
	int r = pd_packs_find_prefix(pb->packs, key->id, hexlen, out_id->id);

	if (r == 0)
		return GIT_PASSTHROUGH;
	if (r == 2) {
		git_error_set_str(GIT_ERROR_ODB,
				  "ambiguous SHA1 prefix - found multiple "
				  "pack entries");
		return GIT_EAMBIGUOUS;
	}
	return pack_backend_read(out, len, type, b, out_id);
}

static void pack_backend_free(git_odb_backend *b)
{
	pack_backend *pb = (pack_backend *)b;

	pd_packs_free(pb->packs);
	pd_buf_free(&pb->buf);
	free(pb);
}

/* The packs of the objects directory, read by profdiff's reader, put in
 * front of libgit2's. */
static int add_packs(pd_odb *o)
{
	pack_backend *pb = calloc(1, sizeof(*pb));

	int err;

	if (!pb || !(pb->packs = pd_packs_open_dirs(
			     (const char *const *)o->dirs, o->ndirs,
			     PACK_CACHE_MIN, PACK_CACHE_MAX))) {
		free(pb);
		return pd_error_oom();
	}
	/* an index libgit2 would crash on is refused here, before libgit2
	 * is asked for any object */
	if ((err = pd_packs_check(pb->packs)) < 0) {
		pd_packs_free(pb->packs);
		free(pb);
		return err;
	}
	git_odb_init_backend(&pb->parent, GIT_ODB_BACKEND_VERSION);
	pb->parent.read = pack_backend_read;
	pb->parent.read_header = pack_backend_read_header;
	pb->parent.read_prefix = pack_backend_read_prefix;
	pb->parent.free = pack_backend_free;
	if (git_odb_add_backend(o->odb, &pb->parent, PACKS_PRIORITY) < 0) {
		pack_backend_free(&pb->parent);
		return pd_git_fail("cannot open the object database");
	}
	o->packs = pb->packs;
	return 0;
}

int pd_git_fail(const char *what)
{
	const git_error *e = git_error_last();

	return pd_error_set(PD_ERROR, NULL, 0, 0, "%s: %s", what,
			    e && e->message ? e->message : "git error");
}

bool pd_git_absent(int err)
{
	return err == GIT_ENOTFOUND || err == GIT_EUNBORNBRANCH;
}

void pd_odb_setup(void)
{
	/* memory stays flat over long histories: libgit2 would map a whole
	 * pack (windows of 1 GiB, up to 8 GiB) and cache up to 256 MiB of
	 * objects; profdiff reads each object about once */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 << 20);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)1 << 20);
	/* libgit2's packs are asked first, then the guard, which checks the
	 * loose objects' ids itself; a packed object is not hashed again on
	 * every read (git does not either: zlib's checksum guards the
	 * pack) */
	git_libgit2_opts(GIT_OPT_SET_ODB_PACKED_PRIORITY,
			 PD_ODB_GUARD_PRIORITY + 1);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* the store checks a repository's owner itself, as git does
	 * (store.c): libgit2 1.5 leaks memory when its own check refuses
	 * one, and says only that there is no repository */
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

/* The repository's objects directory: GIT_OBJECT_DIRECTORY inside a hook
 * (GIT_DIR set), else objects/ under the common directory. */
static void objects_dir(git_repository *repo, char *dir, size_t size)
{
	const char *env =
		getenv("GIT_DIR") ? getenv("GIT_OBJECT_DIRECTORY") : NULL;

	if (env && *env)
		snprintf(dir, size, "%s", env);
	else
		snprintf(dir, size, "%sobjects",
			 git_repository_commondir(repo));
}

/* Puts the guard in front of the loose objects of `dir`, and keeps the
 * directory for the readers on other threads. */
static int add_dir(pd_odb *o, const char *dir)
{
	if (pd_odb_guard(o->odb, dir) < 0)
		return pd_git_fail("cannot open the object database");
	if (o->ndirs == MAX_DIRS)
		return 0; /* read through libgit2, and the guard */
	if (!(o->dirs[o->ndirs] = strdup(dir)))
		return pd_error_oom();
	o->ndirs++;
	return 0;
}

/* Adds the directories `dir`/info/alternates names, one a line (relative
 * to `dir` unless absolute; '#' a comment), and theirs in turn, as git
 * reads them, to MAX_ALTERNATE_DEPTH. One already there, or one that is
 * not a directory, is passed over (libgit2 says what it makes of it). */
static int add_alternates(pd_odb *o, const char *dir, int depth)
{
	char path[PATH_MAX], line[PATH_MAX], alt[PATH_MAX];
	FILE *f;
	int err = 0;

	if (depth > MAX_ALTERNATE_DEPTH ||
	    snprintf(path, sizeof(path), "%s/info/alternates", dir) >=
		    (int)sizeof(path) ||
	    !(f = fopen(path, "re")))
		return 0;
	while (!err && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n"), k;
		char real[PATH_MAX];
		bool seen = false;

		line[n] = '\0';
		if (!n || line[0] == '#')
			continue;
		if (snprintf(alt, sizeof(alt), "%s%s%s",
			     line[0] == '/' ? "" : dir,
			     line[0] == '/' ? "" : "/",
			     line) >= (int)sizeof(alt) ||
		    !realpath(alt, real))
			continue;
		for (k = 0; k < o->ndirs; k++) {
			char other[PATH_MAX];

			if (realpath(o->dirs[k], other) &&
			    strcmp(other, real) == 0)
				seen = true;
		}
		if (seen || o->ndirs == MAX_DIRS)
			continue;
		if (!(o->dirs[o->ndirs] = strdup(real))) {
			err = pd_error_oom();
			break;
		}
		o->ndirs++;
		err = add_alternates(o, real, depth + 1);
	}
	fclose(f);
	return err;
}

/* A partial clone's promisor remote (remote.NAME.promisor true, or
 * extensions.partialClone as older git wrote it), whose objects git
 * fetches when it needs them and profdiff cannot. */
static int find_promisor(pd_odb *o, git_repository *repo)
{
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int err = 0;

	if (git_repository_config_snapshot(&cfg, repo) < 0 ||
	    git_config_iterator_new(&it, cfg) < 0)
		goto done;
	while (!o->promisor && git_config_next(&e, it) == 0) {
		size_t n = strlen(e->name);
		int on = 0;

		if (strcmp(e->name, "extensions.partialclone") == 0 &&
		    *e->value)
			o->promisor = strdup(e->value);
		else if (n > 7 + 9 && strncmp(e->name, "remote.", 7) == 0 &&
			 strcmp(e->name + n - 9, ".promisor") == 0 &&
			 git_config_parse_bool(&on, e->value) == 0 && on)
			o->promisor = strndup(e->name + 7, n - 7 - 9);
		else
			continue;
		if (!o->promisor)
			err = pd_error_oom();
		break;
	}
done:
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_error_clear();
	return err;
}

int pd_odb_open(pd_odb **out, git_repository *repo)
{
	const char *alt = getenv("GIT_DIR")
				  ? getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES")
				  : NULL;
	char dir[PATH_MAX];
	pd_odb *o;
	int err;

	*out = NULL;
	if (!(o = calloc(1, sizeof(*o))))
		return pd_error_oom();
	if (git_repository_odb(&o->odb, repo) < 0) {
		free(o);
		return pd_git_fail("cannot open the object database");
	}
	/* the repository's objects, or the quarantine's and the alternates'
	 * the environment names in a hook */
	objects_dir(repo, dir, sizeof(dir));
	err = add_dir(o, dir);
	while (!err && alt && *alt) {
		size_t n = strcspn(alt, ":");

		if (n && n < sizeof(dir)) {
			memcpy(dir, alt, n);
			dir[n] = '\0';
			err = add_dir(o, dir);
		}
		alt += n + (alt[n] == ':');
	}
	/* the alternates the objects directories name: their packs are
	 * read as the repository's own (libgit2 adds their loose objects
	 * and packs itself, behind) */
	for (size_t k = 0, n = o->ndirs; !err && k < n; k++)
		err = add_alternates(o, o->dirs[k], 1);
	if (!err)
		err = add_packs(o);
	if (!err)
		err = find_promisor(o, repo);
	if (err < 0) {
		pd_odb_free(o);
		return err;
	}
	*out = o;
	return 0;
}

void pd_odb_free(pd_odb *o)
{
	size_t k;

	if (!o)
		return;
	pd_spill_free(o->spill);
	free(o->promisor);
	for (k = 0; k < o->ndirs; k++)
		free(o->dirs[k]);
	git_odb_free(o->odb);
	free(o);
}

/* `data` (malloc'd, `len` bytes and a NUL) becomes the content of `out`. */
static void buf_adopt(pd_buf *out, unsigned char *data, size_t len)
{
	pd_buf_free(out);
	out->ptr = (char *)data;
	out->len = len;
	out->cap = len + 1;
}

/* The loose object `id` from the first directory that holds it: 1, 0 when
 * none does or it is damaged (with libgit2's error set), -1 when out of
 * memory. */
static int read_loose(const pd_odb *o, const git_oid *id, git_object_t *type,
		      pd_buf *out)
{
	size_t k;

	for (k = 0; k < o->ndirs; k++) {
		unsigned char *data;
		size_t len;
		int r = pd_loose_read(o->dirs[k], id, type, &data, &len);

		if (r == GIT_ENOTFOUND)
			continue;
		if (r < 0) {
			const git_error *e = git_error_last();

			return e && e->klass == GIT_ERROR_NOMEMORY ? -1 : 0;
		}
		buf_adopt(out, data, len);
		return 1;
	}
	return 0;
}

int pd_odb_read(pd_odb *o, const git_oid *id, git_object_t want,
		const char *what, git_object_t *type, pd_buf *out)
{
	git_odb_object *obj = NULL;
	size_t before = pd_packs_inflated(o->packs);
	int r = 0, t;

	pd_buf_clear(out);
	/* 1. the spill: blobs only */
	if (want != GIT_OBJECT_COMMIT && want != GIT_OBJECT_TREE &&
	    pd_spill_count(o->spill) && pd_spill_flush(o->spill) &&
	    (r = pd_spill_read(o->spill, id->id, out)) != 0) {
		*type = GIT_OBJECT_BLOB;
		return r < 0 ? pd_error_oom() : 0;
	}
	/* 2. the packs; what they refuse is asked of no other source */
	if ((r = pd_packs_read(o->packs, id->id, &t, out)) == PD_ENOMEM)
		return pd_error_oom();
	if (r < 0) {
		pd_error what_failed = *pd_error_last();

		if (what && *what)
			return pd_error_set(r, NULL, 0, 0, "%s: %s: %s", what,
					    what_failed.file,
					    what_failed.message);
		return r;
	}
	if (r == 1 && (want == GIT_OBJECT_ANY || (git_object_t)t == want)) {
		*type = (git_object_t)t;
		if (*type == GIT_OBJECT_BLOB) {
			o->pack_reads++;
			o->pack_inflated +=
				pd_packs_inflated(o->packs) - before;
		}
		return 0;
	}
	/* 3. the loose objects; one that is damaged is left to libgit2,
	 * which asks its packs first and then the guard, which reports it */
	if ((r = read_loose(o, id, type, out)) < 0)
		return pd_error_oom();
	if (r == 1 && (want == GIT_OBJECT_ANY || *type == want))
		return 0;
	git_error_clear();
	/* 4. libgit2, with its message when it has no such object either */
	pd_buf_clear(out);
	if ((r = git_odb_read(&obj, o->odb, id)) < 0) {
		char hex[GIT_OID_HEXSZ + 1];

		if (r != GIT_ENOTFOUND || !o->promisor)
			return pd_git_fail(what);
		/* not fetched, not lost */
		git_error_clear();
		git_oid_tostr(hex, sizeof(hex), id);
		return pd_error_set(PD_ERROR, NULL, 0, 0,
				    "%s: object %s is missing from this partial "
				    "clone: git fetches such objects from '%s' "
				    "only when it needs them; git fetch "
				    "--refetch --no-filter %s fetches them all",
				    what, hex, o->promisor, o->promisor);
	}
	*type = git_odb_object_type(obj);
	if (want != GIT_OBJECT_ANY && *type != want) {
		git_odb_object_free(obj);
		/* as git_object_lookup says it */
		git_error_set_str(GIT_ERROR_INVALID,
				  "the requested type does not match the "
				  "type in the ODB");
		return pd_git_fail(what);
	}
	pd_buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	git_odb_object_free(obj);
	return pd_buf_ok(out);
}

int pd_odb_read_shared(const pd_odb *o, const git_oid *id, git_object_t *type,
		       pd_buf *out)
{
	int r;

	if ((r = pd_spill_read(o->spill, id->id, out)) != 0) {
		*type = GIT_OBJECT_BLOB;
		return r;
	}
	r = read_loose(o, id, type, out);
	if (r == 0)
		git_error_clear(); /* the owner reads it, and reports it */
	return r < 0 ? PD_ENOMEM : r;
}

bool pd_odb_spill_pays(const pd_odb *o)
{
	return pd_packs_count(o->packs) && o->pack_reads &&
	       o->pack_inflated > 2 * o->pack_reads;
}

int pd_odb_spill(pd_odb *o, const git_oid *ids, size_t n)
{
	int err;

	if (!o->spill &&
	    !(o->spill = pd_spill_new_dirs((const char *const *)o->dirs,
					   o->ndirs, PACK_CACHE_MIN)))
		return pd_error_oom();
	err = pd_spill_add_many(o->spill, o->packs,
				(const unsigned char(*)[20])(const void *)ids,
				n, pd_parallel_cores());
	/* what the cache held is in the spill now, written through for the
	 * readers on every thread */
	pd_spill_flush(o->spill);
	pd_packs_cache_reset(o->packs);
	return err < 0 ? pd_error_oom() : 0;
}

void pd_odb_release(pd_odb *o, const git_oid *id)
{
	pd_spill_release(o->spill, id->id);
}

void pd_odb_give_back(pd_odb *o)
{
	pd_spill_give_back(o->spill);
}

size_t pd_odb_pack_reads(const pd_odb *o)
{
	return o->pack_reads;
}

size_t pd_odb_pack_inflated(const pd_odb *o)
{
	return pd_packs_inflated(o->packs);
}
