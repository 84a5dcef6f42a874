/*
 * app_site.c: the publication's static site (app.h), from the
 * repository's published revisions:
 *
 *   index.html                      the regional overview, latest changes
 *   changelog.html, changelog.atom  the changelog and its feed
 *   profiles/SLUG/index.html        the profile as published now
 *   profiles/SLUG/history.html      every published revision
 *   profiles/SLUG/DATE.html         the page of a revision
 *   profiles/SLUG/DATE-diff.html    its changes since the one before
 *   profiles/SLUG/blame.html        its claims' history, stale ones marked
 *
 * Every link is relative, so the site reads the same from file:// and
 * from any server; the feed's links alone are absolute, from the base
 * URL. Each page is renamed into place whole (pd_file_write_replace), the
 * index last: a run that fails half way leaves every page whole and the
 * old index in place. Nothing is flushed to disk: the manifest keeps the
 * hash of each page's bytes and the boot it was written in, and a run in
 * another boot, or after one that stopped half way, checks every page
 * against it (manifest_read).
 *
 * Re-running writes only the pages whose inputs changed. Each page has a
 * key: the XXH3 hash of what it is made of (the commits of the
 * revisions it shows, which change with any edit to them, the settings,
 * the base URL, the month for the blame's stale claims and the working
 * tree's edits it shows, profdiff's version), kept in the manifest
 * (.profdiff-site: "KEY SUM PATH" a line) written after the pages. A page
 * whose key is in the manifest and whose file is there is neither
 * rendered nor written; nor are the changelog and the feed when no
 * profile's key changed. A run over every profile removes the pages the
 * last one wrote and this one no longer makes (a profile deleted or
 * renamed), once the index no longer links to them.
 *
 * Nor is a profile's history read when nothing it is made of changed
 * since the last run: the cache (app_site_cache.c) keeps a record of what
 * the index, the changelog and the feed take from it. A run after one
 * commit reads the histories that commit touched, and no other.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "profdiff/app.h"
#include "profdiff/diff.h"
#include "profdiff/extract.h"
#include "profdiff/fileio.h"
#include "profdiff/version.h"
#include "app_site_cache.h"
#include "grow.h"
#include "parallel.h"
#include "sort.h"

bool pd_app_web_url(const char *s)
{
	const char *host;

	if (!s)
		return false;
	if (strncasecmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return false;
	/* a host, and nothing that would end an attribute or a line */
	if (!*host || *host == '/')
		return false;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == '"' || *s == '<' ||
		    *s == '>' || *s == '\\' || *s == 0x7f)
			return false;
	return true;
}

#define MANIFEST ".profdiff-site"
/* there while a run replaces pages: one that stopped half way left pages
 * its manifest does not describe */
#define PARTIAL ".profdiff-site-partial"
#define LATEST 12
/* the bytes of pages rendered that wait to be written, at most */
#define QUEUED_MAX ((size_t)8 << 20)

typedef struct entry {
	uint64_t key;
	uint64_t sum; /* XXH3 of the page's bytes as written */
	char *path;   /* relative to the site */
} entry;

typedef struct site {
	pd_store *s;
	const pd_app_site_options *o;
	entry *mold;  /* the manifest read, sorted by path */
	size_t nmold, capmold;
	uint64_t mold_cache; /* the checksum of the cache it goes with */
	bool partial; /* the last run stopped half way */
	/* the pages are what the manifest says without being read: it was
	 * written in this boot (pd_file_boot_id), by a run that ended */
	bool trusted;
	char boot[37]; /* this boot's id */
	bool marked;  /* this run's mark made */
	entry *now;   /* this run's */
	size_t nnow, cap;
	pd_overview_latest *latest; /* each profile's newest revision */
	size_t nlatest, caplatest;
	pd_arena *arena;
	uint64_t all; /* the keys of every profile, together */
	uint64_t month; /* of today, with the blames' --stale */
	pd_app_site_result *res;
	/* the changelog's entries, made in the walk from the diffs the
	 * pages share: `ent` sealed in HTML, `atom` the same in Atom */
	pd_changelog_entry *ent;
	const pd_sealed_entry **atom;
	size_t nent, capent, capatom;
	/* the cache of the last run (.profdiff-site-cache): its records,
	 * sorted by path, and their revisions, by key, sorted; `buf` holds
	 * the bodies they point into */
	site_cache c;
	cached *cnow; /* this run's, with `ent` */
	size_t ncnow, capcnow;
	/* the run's key (what every page is made with: profdiff's version,
	 * the settings, the options, the month), the seed of every page's
	 * and revision's key (the version and the settings), HEAD */
	uint64_t key, seed;
	char head[41];
	/* a profile's pages to render, queued by page() while `defer` is
	 * set: rendered and written on every core */
	bool defer;
	struct job *jobs;
	size_t njobs, capjobs;
	pd_app_history *h; /* the walk, to read the next profile ahead */
	/* the overview's rows, made in the walk, in its order */
	pd_lint_options lo;
	pd_overview_row *rows;
	size_t nrows, caprows;
	/* the pages rendered, written on a thread of their own while the
	 * next are made */
	pd_file_queue *q;
} site;

static int by_path(const void *a, const void *b)
{
	return strcmp(((const entry *)a)->path, ((const entry *)b)->path);
}

static uint64_t hash_str(uint64_t seed, const char *s)
{
	return XXH3_64bits_withSeed(s ? s : "", s ? strlen(s) + 1 : 0, seed);
}

/* The 16 lower-case hex digits at `p` (the caller knows the line holds
 * them) as a number; false when they are not that. */
static bool hex16(const char *p, uint64_t *out)
{
	uint64_t v = 0;
	int k;

	for (k = 0; k < 16; k++) {
		char c = p[k];

		if (c >= '0' && c <= '9')
			v = v << 4 | (uint64_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v << 4 | (uint64_t)(c - 'a' + 10);
		else
			return false;
	}
	*out = v;
	return true;
}

/* A path the manifest may name: relative, below the site, with no
 * control character, no ".." and no link on the way (a directory of the
 * site replaced by a link must not lead a removal elsewhere). */
static bool site_path(const char *dir, const char *p)
{
	char sub[4096];
	const char *c;
	struct stat sb;

	if (!*p || *p == '/' || strstr(p, "..") || strstr(p, "//"))
		return false;
	for (c = p; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\')
			return false;
	for (c = strchr(p, '/'); c; c = strchr(c + 1, '/'))
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%.*s", dir,
				     (int)(c - p), p) >= sizeof(sub) ||
		    lstat(sub, &sb) < 0 || !S_ISDIR(sb.st_mode))
			return false;
	return true;
}

/* Whether each page the manifest names is what it says, read and hashed
 * on every core: one that is not (or is not there) matches no key, and
 * is made again. */
static void verify_some(void *ctx, void *state, size_t from, size_t to)
{
	const site *st = ctx;
	pd_buf path = PD_BUF_INIT, b = PD_BUF_INIT;
	struct stat sb;
	size_t i;

	(void)state;
	for (i = from; i < to; i++) {
		entry *e = &st->mold[i];

		if (!e->key)
			continue;
		pd_buf_clear(&path);
		pd_buf_clear(&b);
		pd_buf_printf(&path, "%s/%s", st->o->dir, e->path);
		/* a page is a file in the site (a device or a pipe put in
		 * its place is not read) */
		if (pd_buf_ok(&path) < 0 || !site_path(st->o->dir, e->path) ||
		    stat(pd_buf_cstr(&path), &sb) < 0 ||
		    !S_ISREG(sb.st_mode) ||
		    pd_file_read(&b, pd_buf_cstr(&path), 256u << 20) < 0 ||
		    XXH3_64bits(b.ptr, b.len) != e->sum) {
			pd_error_clear();
			e->key = 0;
		}
	}
	pd_buf_free(&path);
	pd_buf_free(&b);
}

/* The manifest of the last run; none is no error (a first run). */
static int manifest_read(site *st)
{
	pd_buf b = PD_BUF_INIT, path = PD_BUF_INIT;
	const char *p, *end;
	char boot[37] = "";
	int err;

	struct stat sb;

	pd_buf_printf(&path, "%s/" PARTIAL, st->o->dir);
	if ((err = pd_buf_ok(&path)) < 0)
		return err;
	st->partial = lstat(pd_buf_cstr(&path), &sb) == 0;
	pd_buf_clear(&path);
	pd_buf_printf(&path, "%s/" MANIFEST, st->o->dir);
	if ((err = pd_buf_ok(&path)) < 0)
		return err;
	if (pd_file_read(&b, pd_buf_cstr(&path), 64u << 20) < 0) {
		pd_error_clear();
		pd_buf_free(&path);
		return 0;
	}
	pd_buf_free(&path);
	for (p = b.ptr, end = b.ptr + b.len; p && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		entry e;
		bool page = false;

		if (n == 6 + 16 && memcmp(p, "cache ", 6) == 0) {
			if (!hex16(p + 6, &st->mold_cache))
				st->mold_cache = 0;
		} else if (n == 5 + 36 && memcmp(p, "boot ", 5) == 0) {
			memcpy(boot, p + 5, 36);
			boot[36] = '\0';
		} else if (n > 34 && p[16] == ' ' && p[33] == ' ' &&
			   hex16(p, &e.key) && hex16(p + 17, &e.sum)) {
			e.path = pd_arena_strndup(st->arena, p + 34, n - 34);
			page = true;
		} else if (n > 17 && p[16] == ' ' && hex16(p, &e.key)) {
			/* an older profdiff's, without sums: each page is
			 * made again, and those no longer made go */
			e.key = e.sum = 0;
			e.path = pd_arena_strndup(st->arena, p + 17, n - 17);
			page = true;
		}
		if (page) {
			if (!e.path || PD_ARENA_GROW(st->arena, st->mold,
						     st->nmold, st->capmold)) {
				pd_buf_free(&b);
				return pd_error_oom();
			}
			st->mold[st->nmold++] = e;
		}
		p = nl ? nl + 1 : end;
	}
	pd_buf_free(&b);
	if (st->nmold)
		pd_qsort(st->mold, st->nmold, sizeof(*st->mold), by_path);
	/* pages are not flushed to disk: in the boot that wrote them they
	 * read back as written, and the manifest says what they are unless
	 * a run stopped half way; after another boot (a crash, or a site
	 * copied from elsewhere) or such a run, each is read and checked */
	st->trusted = !st->partial && st->boot[0] && strcmp(boot, st->boot) == 0;
	if (!st->trusted && st->nmold) {
		pd_parallel par = PD_PARALLEL_INIT;

		par.n = st->nmold;
		par.chunk = 16;
		par.ctx = st;
		par.body = verify_some;
		pd_parallel_run(&par);
	}
	return 0;
}

/* The pages the last run wrote that this one did not make (a profile
 * deleted, renamed, or left out), removed, and their directories once
 * empty. Both manifests are sorted by path. */
static void remove_old_pages(site *st)
{
	size_t i = 0, j = 0;
	pd_buf path = PD_BUF_INIT;
	struct stat sb;

	for (i = 0; i < st->nmold; i++) {
		int c = 1;

		while (j < st->nnow &&
		       (c = strcmp(st->now[j].path, st->mold[i].path)) < 0)
			j++;
		if (j < st->nnow && c == 0)
			continue;
		if (!site_path(st->o->dir, st->mold[i].path))
			continue;
		pd_buf_clear(&path);
		pd_buf_printf(&path, "%s/%s", st->o->dir, st->mold[i].path);
		if (pd_buf_ok(&path) < 0 ||
		    lstat(pd_buf_cstr(&path), &sb) < 0 || !S_ISREG(sb.st_mode) ||
		    unlink(pd_buf_cstr(&path)) < 0)
			continue;
		st->res->removed++;
		/* its directory, when that was its last page */
		if (strrchr(pd_buf_cstr(&path), '/')) {
			*strrchr(path.ptr, '/') = '\0';
			(void)rmdir(path.ptr);
		}
	}
	pd_buf_free(&path);
}

/* Whether `name`, in a profile's directory, is a page profdiff writes
 * there, or the temporary file of one. */
static bool page_name(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && name[0] != '.' && strcmp(name + n - 5, ".html") == 0) ||
	       (name[0] == '.' && strstr(name, ".html."));
}

/* After a run that stopped half way, the pages it wrote that its
 * manifest does not name (a revision since undone) are taken into the
 * last manifest read, so that they go as the pages no longer made do:
 * what lies in each profile's directory, no link followed. */
static int adopt_strays(site *st)
{
	pd_buf path = PD_BUF_INIT;
	DIR *top, *sub;
	struct dirent *d, *e;
	struct stat sb;
	size_t n = st->nmold;
	int err = 0;

	pd_buf_printf(&path, "%s/profiles", st->o->dir);
	if (pd_buf_ok(&path) < 0 || lstat(pd_buf_cstr(&path), &sb) < 0 ||
	    !S_ISDIR(sb.st_mode) || !(top = opendir(pd_buf_cstr(&path)))) {
		pd_buf_free(&path);
		return 0;
	}
	while (err == 0 && (d = readdir(top))) {
		if (d->d_name[0] == '.')
			continue;
		pd_buf_clear(&path);
		pd_buf_printf(&path, "%s/profiles/%s", st->o->dir, d->d_name);
		if (pd_buf_ok(&path) < 0 || lstat(pd_buf_cstr(&path), &sb) < 0 ||
		    !S_ISDIR(sb.st_mode) || !(sub = opendir(pd_buf_cstr(&path))))
			continue;
		while (err == 0 && (e = readdir(sub))) {
			entry want;

			if (!page_name(e->d_name))
				continue;
			want.key = 0;
			want.path = pd_arena_sprintf(st->arena, "profiles/%s/%s",
						     d->d_name, e->d_name);
			if (!want.path) {
				err = pd_error_oom();
				break;
			}
			if (n && pd_bsearch(&want, st->mold, n, sizeof(*st->mold),
					 by_path))
				continue;
			if (PD_ARENA_GROW(st->arena, st->mold, st->nmold,
					  st->capmold))
				err = pd_error_oom();
			else
				st->mold[st->nmold++] = want;
		}
		closedir(sub);
	}
	closedir(top);
	pd_buf_free(&path);
	if (st->nmold > n)
		pd_qsort(st->mold, st->nmold, sizeof(*st->mold), by_path);
	return err;
}

/* A run for some profiles leaves the other pages as they are, and in the
 * manifest: merged into this run's, sorted. */
static int keep_other_pages(site *st)
{
	size_t i, j = 0, n = st->nnow;

	for (i = 0; i < st->nmold; i++) {
		int c = 1;

		while (j < n &&
		       (c = strcmp(st->now[j].path, st->mold[i].path)) < 0)
			j++;
		if (j < n && c == 0)
			continue;
		if (PD_ARENA_GROW(st->arena, st->now, st->nnow, st->cap))
			return pd_error_oom();
		st->now[st->nnow++] = st->mold[i];
	}
	if (st->nnow > n)
		pd_qsort(st->now, st->nnow, sizeof(*st->now), by_path);
	return 0;
}

/* The manifest, naming the cache that goes with it by its checksum
 * (`cache`; 0: none). */
static int manifest_write(site *st, uint64_t cache)
{
	pd_buf b = PD_BUF_INIT, path = PD_BUF_INIT;
	size_t i;
	int err;

	for (i = 0; i < st->nnow; i++)
		pd_buf_printf(&b, "%016" PRIx64 " %016" PRIx64 " %s\n",
			      st->now[i].key, st->now[i].sum, st->now[i].path);
	if (cache)
		pd_buf_printf(&b, "cache %016" PRIx64 "\n", cache);
	if (st->boot[0])
		pd_buf_printf(&b, "boot %s\n", st->boot);
	pd_buf_printf(&path, "%s/" MANIFEST, st->o->dir);
	if ((err = pd_buf_ok(&b)) == 0 && (err = pd_buf_ok(&path)) == 0)
		err = pd_file_write_replace(pd_buf_cstr(&path),
					    b.ptr ? b.ptr : "", b.len);
	pd_buf_free(&b);
	pd_buf_free(&path);
	return err;
}


/* Makes the directories of `path` (below the site's own). */
static int make_dirs(const char *path)
{
	char tmp[4096];
	char *p;

	if (strlen(path) >= sizeof(tmp))
		return pd_error_set(PD_EUSAGE, path, 0, 0, "path too long");
	strcpy(tmp, path);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) < 0 && errno != EEXIST)
			return pd_error_set(PD_EIO, tmp, 0, 0,
					    "cannot make the directory: %s",
					    strerror(errno));
		*p = '/';
	}
	return 0;
}

/* The site's directory, and those it lies in (as git clone makes them). */
static int make_site_dir(const char *dir)
{
	pd_buf b = PD_BUF_INIT;
	int err;

	pd_buf_printf(&b, "%s/", dir);
	if ((err = pd_buf_ok(&b)) == 0)
		err = make_dirs(pd_buf_cstr(&b));
	pd_buf_free(&b);
	return err;
}

/* What renders a page into a buffer. */
#define ALL_DIFFS (SIZE_MAX - 1)

typedef int (*render_fn)(pd_buf *out, void *ctx);
/* a page rendered piece by piece to `sink`, for those too long to hold */
typedef int (*stream_fn)(const pd_render_sink *sink, void *ctx);

/* A page queued to be rendered: what renders it, and then its text or
 * the error, with the error's record (each thread has its own). */
typedef struct job {
	const char *rel;
	render_fn render;
	stream_fn stream; /* instead, when set */
	void *ctx;
	size_t diff; /* the diff it shows (SIZE_MAX: none of one,
		      * ALL_DIFFS: every one) */
	size_t now;  /* its entry in the manifest made */
	pd_buf out;
	uint64_t sum; /* of `out` */
	int err;
	pd_error error;
} job;

/* Queues page `rel` to be written, its text taken from `b`; any thread
 * may, each its own pages. Its directory is made already. */
static int put_page(const site *st, const char *rel, pd_buf *b)
{
	pd_buf path = PD_BUF_INIT;
	int err;

	pd_buf_printf(&path, "%s/%s", st->o->dir, rel);
	if ((err = pd_buf_ok(&path)) == 0)
		err = pd_file_queue_put(st->q, pd_buf_cstr(&path), b);
	else
		pd_buf_free(b);
	pd_buf_free(&path);
	return err;
}

/* The mark that pages are being replaced, there before the first is: a
 * run that stops before its manifest leaves it for the next, which then
 * checks every page. */
static int mark_partial(site *st)
{
	pd_buf path = PD_BUF_INIT;
	int err;

	if (st->marked)
		return 0;
	pd_buf_printf(&path, "%s/" PARTIAL, st->o->dir);
	if ((err = pd_buf_ok(&path)) == 0 &&
	    (err = pd_file_write_replace(pd_buf_cstr(&path), "", 0)) == 0)
		st->marked = true;
	pd_buf_free(&path);
	return err;
}

static int write_page(site *st, const char *rel, pd_buf *b)
{
	int err = mark_partial(st);

	if (err < 0) {
		pd_buf_free(b);
		return err;
	}
	err = put_page(st, rel, b);

	if (err == 0)
		st->res->written++;
	return err;
}

/* A page written as it is rendered, hashed on the way. */
typedef struct page_out {
	pd_file_out f;
	XXH3_state_t *h;
} page_out;

static int page_put(void *ctx, const char *data, size_t len)
{
	page_out *o = ctx;

	if (XXH3_64bits_update(o->h, data, len) != XXH_OK)
		return pd_error_oom();
	return pd_file_append(&o->f, data, len);
}

/* Page `rel` streamed into place by the calling thread, replaced whole
 * as the queue's pages are and never held whole (the changelog and the
 * feed of a long history run to tens of megabytes); *sum its hash. */
static int stream_page(const site *st, const char *rel, stream_fn stream,
		       void *ctx, uint64_t *sum)
{
	pd_buf path = PD_BUF_INIT;
	page_out o;
	pd_render_sink sink;
	int err;

	sink.write = page_put;
	sink.ctx = &o;
	pd_buf_printf(&path, "%s/%s", st->o->dir, rel);
	if (!(o.h = XXH3_createState()) || XXH3_64bits_reset(o.h) != XXH_OK)
		err = pd_error_oom();
	else if ((err = pd_buf_ok(&path)) == 0 &&
		 (err = pd_file_begin(&o.f, pd_buf_cstr(&path))) == 0) {
		if ((err = stream(&sink, ctx)) == 0) {
			*sum = XXH3_64bits_digest(o.h);
			err = pd_file_commit_replace(&o.f);
		} else {
			pd_file_abort(&o.f); /* nothing, when a write failed */
		}
	}
	XXH3_freeState(o.h);
	pd_buf_free(&path);
	return err;
}

/* Page `rel` of key `key`: kept as it is when the last run wrote it from
 * the same inputs, else rendered by `render` (or to a sink by `stream`,
 * stream_page) and written. */
static int page_of(site *st, const char *rel, uint64_t key, render_fn render,
		   stream_fn stream, void *ctx)
{
	entry want, *had;
	pd_buf b = PD_BUF_INIT, path = PD_BUF_INIT;
	struct stat sb;
	size_t now;
	int err;

	want.path = (char *)rel;
	had = st->nmold ? pd_bsearch(&want, st->mold, st->nmold, sizeof(*st->mold),
				 by_path)
		       : NULL;
	if (PD_ARENA_GROW(st->arena, st->now, st->nnow, st->cap) ||
	    !(want.path = pd_arena_strdup(st->arena, rel)))
		return pd_error_oom();
	want.key = key;
	want.sum = had && had->key == key ? had->sum : 0;
	now = st->nnow;
	st->now[st->nnow++] = want;
	pd_buf_printf(&path, "%s/%s", st->o->dir, rel);
	if ((err = pd_buf_ok(&path)) < 0)
		return err;
	if (had && had->key == key && stat(pd_buf_cstr(&path), &sb) == 0) {
		st->res->kept++;
		pd_buf_free(&path);
		return 0;
	}
	pd_buf_free(&path);
	if (st->defer) {
		job *j;

		if (PD_ARENA_GROW(st->arena, st->jobs, st->njobs, st->capjobs))
			return pd_error_oom();
		j = &st->jobs[st->njobs++];
		memset(j, 0, sizeof(*j));
		j->rel = want.path;
		j->render = render;
		j->stream = stream;
		j->ctx = ctx;
		j->diff = SIZE_MAX;
		j->now = now;
		return 0;
	}
	if (stream) {
		if ((err = mark_partial(st)) == 0 &&
		    (err = stream_page(st, rel, stream, ctx,
				       &st->now[now].sum)) == 0)
			st->res->written++;
		return err;
	}
	if ((err = render(&b, ctx)) == 0 && (err = pd_buf_ok(&b)) == 0) {
		st->now[now].sum = XXH3_64bits(b.ptr, b.len);
		err = write_page(st, rel, &b);
	}
	pd_buf_free(&b);
	return err;
}

static int page(site *st, const char *rel, uint64_t key, render_fn render,
		void *ctx)
{
	return page_of(st, rel, key, render, NULL, ctx);
}

/* A revision's page and its diff page ----------------------------------- */

/* The diffs of a profile's revisions, each against the one before,
 * made when a page first needs one and shared by the pages that show it
 * (the revision's page, its diff page, the history, the index). */
typedef struct diffs {
	site *st;
	const pd_app_history_item *it;
	pd_diff **d; /* it->n; NULL: not made yet */
	cached *c; /* it->n: each revision's, from the cache or made (html
		    * NULL: none) */
	size_t history; /* the job of the history page, which shows the
			 * entries' summaries (SIZE_MAX: none) */
	/* while the run that makes the diffs and the pages goes (NULL
	 * else): each diff's state, DIFF_* */
	atomic_uchar *state;
	pthread_mutex_t lock; /* of the first failure */
	int fail;             /* the first diff that failed: its error */
	size_t fail_at;
	pd_error failure;
} diffs;

/* a diff of the run: to be made, made (or none to make), failed */
enum { DIFF_PENDING, DIFF_MADE, DIFF_FAILED };

/* Diff i, which another thread of the run may be making: 0 once made,
 * or the error of the first diff that failed. The diffs are the run's
 * first items, so the thread making it is at work on it. */
static int wait_diff(diffs *ds, size_t i)
{
	unsigned char st;
	int fail;

	while ((st = atomic_load_explicit(&ds->state[i],
					  memory_order_acquire)) == DIFF_PENDING)
		sched_yield();
	if (st == DIFF_MADE)
		return 0;
	pthread_mutex_lock(&ds->lock);
	pd_error_restore(&ds->failure);
	fail = ds->fail;
	pthread_mutex_unlock(&ds->lock);
	return fail;
}

/* The diff of revision i against i + 1 in *out (borrowed), or NULL for
 * the oldest. */
static int diff_of(diffs *ds, size_t i, const pd_diff **out)
{
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	const pd_revision *r = &ds->it->revs[i];
	int err;

	*out = NULL;
	if (i + 1 >= ds->it->n || !r->profile || !ds->it->revs[i + 1].profile)
		return 0;
	if (ds->state && (err = wait_diff(ds, i)) < 0)
		return err;
	if (!ds->d[i]) {
		dopts.vocab = &pd_store_config(ds->st->s)->vocab;
		dopts.links = true; /* the blame's too */
		if ((err = pd_diff_profiles(&ds->d[i],
					    ds->it->revs[i + 1].profile,
					    r->profile, &dopts)) < 0)
			return err;
	}
	*out = ds->d[i];
	return 0;
}


/* The key of what is cached of revision k of `it`. */
static uint64_t cache_key(uint64_t seed, const pd_app_history_item *it,
			  size_t k)
{
	uint64_t h = hash_str(seed, "cache");

	h = hash_str(h, it->path);
	h = hash_str(h, it->revs[k].path);
	h = hash_str(h, it->revs[k].commit);
	return hash_str(h, k + 1 < it->n ? it->revs[k + 1].commit : "-");
}

/* Revision k's changelog entry, as pd_app_changelog_build makes it, with
 * its sealed records and diff summary taken from the cache or made from
 * the shared diff (and kept for the next run's cache). */
static int add_entry(site *st, diffs *ds, size_t k)
{
	const pd_app_history_item *it = ds->it;
	const pd_revision *r = &it->revs[k];
	const char *slash = strrchr(r->path, '/');
	pd_changelog_entry *e;
	cached want, *had;
	char *slug;

	if (PD_GROW(st->ent, st->nent, st->capent) < 0 ||
	    PD_GROW(st->atom, st->nent, st->capatom) < 0 ||
	    PD_ARENA_GROW(st->arena, st->cnow, st->ncnow, st->capcnow))
		return pd_error_oom();
	e = &st->ent[st->nent];
	memset(e, 0, sizeof(*e));
	slug = pd_arena_strdup(st->arena, slash ? slash + 1 : r->path);
	if (slug && strrchr(slug, '.'))
		*strrchr(slug, '.') = '\0';
	e->profile = slug;
	e->country = r->profile->country
			     ? pd_arena_strdup(st->arena, r->profile->country)
			     : NULL;
	e->date = r->last_updated;
	e->commit = pd_arena_strdup(st->arena, r->commit);
	e->author = r->author ? pd_arena_strdup(st->arena, r->author) : NULL;
	e->time = r->time;
	if (!e->profile || !e->commit ||
	    (r->profile->country && !e->country) || (r->author && !e->author))
		return pd_error_oom();
	if (r->nmessages) {
		const char **v = pd_arena_alloc(st->arena,
						r->nmessages * sizeof(*v));
		size_t j;

		if (!v)
			return pd_error_oom();
		for (j = 0; j < r->nmessages; j++)
			if (!(v[j] = pd_arena_strdup(st->arena, r->messages[j])))
				return pd_error_oom();
		e->messages = v;
		e->nmessages = r->nmessages;
	}
	if (k + 1 < it->n) {
		e->previous = it->revs[k + 1].last_updated;
		e->previous_commit = pd_arena_strdup(st->arena,
						     it->revs[k + 1].commit);
		if (!e->previous_commit)
			return pd_error_oom();
	}
	want.key = cache_key(st->seed, it, k);
	had = st->c.ncold ? pd_bsearch(&want, st->c.cold, st->c.ncold,
				  sizeof(*st->c.cold), pd_site_cache_by_key)
			: NULL;
	if (had) {
		want = *had;
	} else {
		pd_changelog_entry a;
		const pd_diff *df = NULL;
		pd_buf sum = PD_BUF_INIT;
		int err;

		if (k + 1 < it->n && (err = diff_of(ds, k, &df)) < 0)
			return err;
		want.dsum = NULL;
		if (df) {
			pd_diff_summarize(&sum, df);
			want.dsum = pd_buf_ok(&sum) < 0
					    ? NULL
					    : pd_arena_strdup(st->arena,
							      pd_buf_cstr(&sum));
			pd_buf_free(&sum);
			if (!want.dsum)
				return pd_error_oom();
		}
		e->diff = df;
		a = *e;
		if (pd_changelog_entry_seal(e, PD_FORMAT_HTML, st->arena,
					    NULL) < 0 ||
		    pd_changelog_entry_seal(&a, PD_FORMAT_ATOM, st->arena,
					    NULL) < 0)
			return pd_error_oom();
		e->diff = NULL;
		want.html = e->sealed;
		want.atom = a.sealed;
		st->c.changed = true;
	}
	e->sealed = want.html;
	st->atom[st->nent++] = want.atom;
	st->cnow[st->ncnow++] = want;
	ds->c[k] = want;
	return 0;
}

typedef struct rev_ctx {
	site *st;
	const char *slug;
	const pd_revision *rev, *prev;
	diffs *ds;
	size_t i;
} rev_ctx;

static int render_rev(pd_buf *out, void *ctx)
{
	rev_ctx *c = ctx;
	pd_profile_page pg = PD_PROFILE_PAGE_INIT;
	int err;

	pg.home = "../../index.html";
	pg.history = "history.html";
	if ((err = diff_of(c->ds, c->i, &pg.diff)) < 0)
		return err;
	return pd_app_page_html(out, c->st->s, c->rev, c->prev, &pg);
}

static int render_diff(pd_buf *out, void *ctx)
{
	rev_ctx *c = ctx;
	pd_diff_report rep;
	char from[11], to[11];
	const pd_diff *d;
	int err;

	if ((err = diff_of(c->ds, c->i, &d)) < 0)
		return err;
	pd_date_format(c->prev->last_updated, from);
	pd_date_format(c->rev->last_updated, to);
	memset(&rep, 0, sizeof(rep));
	rep.profile = c->slug;
	rep.from.revision = from;
	rep.from.commit = c->prev->commit;
	rep.from.profile = c->prev->profile;
	rep.to.revision = to;
	rep.to.commit = c->rev->commit;
	rep.to.profile = c->rev->profile;
	rep.diff = d;
	return pd_render_diff(out, PD_FORMAT_HTML, &rep, NULL);
}

/* The history page: every published revision, newest first. */
typedef struct hist_ctx {
	site *st;
	const char *slug;
	const pd_app_history_item *it;
	diffs *ds;
} hist_ctx;

static int render_history(pd_buf *out, void *ctx)
{
	hist_ctx *c = ctx;
	const pd_revision *revs = c->it->revs;
	const char *country = revs[0].profile && revs[0].profile->country
				      ? revs[0].profile->country
				      : c->slug;
	pd_history_rev *v;
	pd_buf *sums;
	size_t i, n = c->it->n;
	int err = 0;

	v = calloc(n + 1, sizeof(*v));
	sums = calloc(n + 1, sizeof(*sums));
	if (!v || !sums) {
		free(v);
		free(sums);
		return pd_error_oom();
	}
	for (i = 0; i < n && !err; i++) {
		const pd_revision *r = &revs[i];
		const pd_diff *df;

		v[i].date = r->last_updated;
		v[i].message = r->summary;
		if (!r->last_updated.year || !r->profile)
			continue;
		if (c->ds->c[i].html) {
			/* the summary made or cached with the entry */
			if (!c->ds->c[i].dsum)
				continue;
			v[i].diff = true;
			v[i].summary = c->ds->c[i].dsum;
			continue;
		}
		if ((err = diff_of(c->ds, i, &df)) < 0)
			break;
		if (!df)
			continue;
		pd_diff_summarize(&sums[i], df);
		v[i].diff = true;
		v[i].summary = pd_buf_cstr(&sums[i]);
	}
	if (!err)
		err = pd_render_history_html(out, country, v, n);
	for (i = 0; i < n; i++)
		pd_buf_free(&sums[i]);
	free(sums);
	free(v);
	return err;
}

/* A profile's pages ------------------------------------------------------ */

/* The key of what a profile's pages are made of: its revisions' commits
 * and dates, newest first. */
static uint64_t profile_key(uint64_t seed, const pd_app_history_item *it)
{
	uint64_t k = hash_str(seed, it->path);
	size_t i;

	for (i = 0; i < it->n; i++) {
		char d[11] = "undated";

		if (it->revs[i].last_updated.year)
			pd_date_format(it->revs[i].last_updated, d);
		k = hash_str(k, it->revs[i].commit);
		k = hash_str(k, d);
	}
	return k;
}

/* The key of one revision's page: itself and the one before. */
static uint64_t rev_key(uint64_t seed, const char *kind, const pd_revision *r,
			const pd_revision *prev)
{
	uint64_t k = hash_str(seed, kind);

	k = hash_str(k, r->commit);
	k = hash_str(k, r->path);
	return hash_str(k, prev ? prev->commit : "-");
}


/* A profile's blame, made from the history the walk read. */
typedef struct blame_job {
	site *st;
	const char *slug;
	const pd_app_history_item *it;
	const pd_profile *worktree; /* the file's, when it holds edits */
	size_t stale;
	struct diffs *ds;
} blame_job;

static int render_blame(pd_buf *out, void *ctx)
{
	blame_job *bj = ctx;
	pd_blame_report rep;
	const pd_diff *df;
	pd_blame *b;
	size_t i;
	int err;

	/* the diffs the pages share, which were made with its links (each
	 * made, when the run that makes them goes on) */
	for (i = 0; i < bj->it->n; i++)
		if ((err = diff_of(bj->ds, i, &df)) < 0)
			return err;
	if ((err = pd_app_blame_revisions(
		     &b, &pd_store_config(bj->st->s)->vocab, bj->it->revs,
		     bj->it->n, (const pd_diff *const *)bj->ds->d,
		     bj->worktree)) < 0)
		return err;
	memset(&rep, 0, sizeof(rep));
	rep.blame = b;
	rep.profile = bj->slug;
	rep.path = bj->it->path;
	rep.stale_months = bj->st->o->stale_months;
	rep.country = b->country;
	if (bj->st->o->stale_months)
		bj->stale = pd_blame_stale(b, bj->st->o->stale_months);
	err = pd_render_blame_part(out, PD_FORMAT_HTML, &rep, 0, 1, NULL);
	pd_blame_free(b);
	return err;
}

/* Making a profile's pages on every core ---------------------------------- */

/* diffs a thread makes at a time: its differ prepares each revision once
 * for the two diffs it is in */
#define DIFF_CHUNK 8

/* One parallel run makes a profile's diffs and then its pages: its first
 * items are the diffs, DIFF_CHUNK at a time, newest first; then the
 * changelog's entries (and the history page after them, which shows
 * their summaries); then the pages, the newest revisions' first, whose
 * diffs were made first, and the blame, which needs them all and is the
 * dearest, half-way. A page whose diff another thread still makes waits
 * for it (wait_diff); the thread making it took it before, and is at
 * it. One run and not two (the diffs, then the pages): a run's start and
 * end cost some 0.3 ms each on a loaded machine, the time a thread takes
 * to be scheduled and to end, and the first pages no longer wait for
 * the last diffs. */
typedef struct make_ctx {
	site *st;
	diffs *ds;
	const bool *need;
	size_t ndiff;   /* the items of the diffs; then one of the entries */
	size_t history; /* the history page's job, made after the entries
			 * (SIZE_MAX: none) */
	const size_t *order; /* the jobs, in the order they are made */
	int err;             /* the entries' */
	pd_error error;
} make_ctx;

/* Diff i failed: its error is the run's, when it is the first. */
static void diff_failed(diffs *ds, size_t i, int err)
{
	pthread_mutex_lock(&ds->lock);
	if (ds->fail == 0 || i < ds->fail_at) {
		ds->fail = err;
		ds->fail_at = i;
		ds->failure = *pd_error_last();
	}
	pthread_mutex_unlock(&ds->lock);
	atomic_store_explicit(&ds->state[i], DIFF_FAILED, memory_order_release);
}

/* The diffs needed of revisions [from, to), by the thread's differ, with
 * the links the blame takes too. */
static void make_diffs(make_ctx *m, pd_differ **dr, size_t from, size_t to)
{
	const pd_app_history_item *it = m->ds->it;
	pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
	size_t i;
	int err;

	dopts.vocab = &pd_store_config(m->st->s)->vocab;
	dopts.links = true;
	for (i = from; i < to; i++) {
		if (m->need[i] && i + 1 < it->n && it->revs[i].profile &&
		    it->revs[i + 1].profile) {
			if (!dr)
				err = pd_error_oom();
			else if (!*dr && (err = pd_differ_new(dr, &dopts)) < 0)
				;
			else
				err = pd_differ_diff(*dr, &m->ds->d[i],
						     it->revs[i + 1].profile,
						     it->revs[i].profile);
			if (err < 0) {
				m->ds->d[i] = NULL;
				diff_failed(m->ds, i, err);
				continue;
			}
		}
		atomic_store_explicit(&m->ds->state[i], DIFF_MADE,
				      memory_order_release);
	}
}

/* Job `j` rendered, and queued to be written by the thread that
 * rendered it. */
static void do_job(const site *st, job *j)
{
	if (j->stream) {
		if ((j->err = stream_page(st, j->rel, j->stream, j->ctx,
					  &j->sum)) < 0)
			j->error = *pd_error_last();
		return;
	}
	if ((j->err = j->render(&j->out, j->ctx)) == 0 &&
	    (j->err = pd_buf_ok(&j->out)) == 0) {
		j->sum = XXH3_64bits(j->out.ptr, j->out.len);
		j->err = put_page(st, j->rel, &j->out);
	}
	if (j->err < 0)
		j->error = *pd_error_last();
	pd_buf_free(&j->out);
}

static int add_entry(site *st, diffs *ds, size_t k);

/* The changelog's entries of the profile, in its order, on one core
 * while the others make pages; then the history page, which shows
 * their summaries. */
static void make_entries(make_ctx *m)
{
	const pd_app_history_item *it = m->ds->it;
	size_t i;

	for (i = 0; i < it->n && m->err == 0; i++)
		if (it->revs[i].profile &&
		    (m->err = add_entry(m->st, m->ds, i)) < 0)
			m->error = *pd_error_last();
	if (m->history != SIZE_MAX)
		do_job(m->st, &m->st->jobs[m->history]);
}

static void make_some(void *ctx, void *state, size_t from, size_t to)
{
	make_ctx *m = ctx;
	size_t i;

	for (i = from; i < to; i++) {
		if (i < m->ndiff) {
			size_t a = i * DIFF_CHUNK, b = a + DIFF_CHUNK;

			make_diffs(m, state, a,
				   b < m->ds->it->n ? b : m->ds->it->n);
		} else if (i == m->ndiff) {
			make_entries(m);
		} else {
			do_job(m->st, &m->st->jobs[m->order[i - m->ndiff - 1]]);
		}
	}
}

/* The jobs run: the first failure again on this thread, and none left
 * queued. */
static int jobs_done(site *st)
{
	size_t i;
	int err = 0;

	for (i = 0; i < st->njobs; i++) {
		job *j = &st->jobs[i];

		if (j->err < 0 && err == 0) {
			err = pd_error_restore(&j->error);
		} else if (j->err == 0) {
			st->res->written++;
			st->now[j->now].sum = j->sum;
		}
	}
	st->njobs = 0;
	return err;
}

static int overview_row(site *st, const pd_app_history_item *it);

/* The pages queued, the diffs they need and the changelog's entries of
 * the profile, in one run on every core (make_ctx), with its row of the
 * overview made on this thread while the run starts. */
static int make_pages(site *st, diffs *ds)
{
	const pd_app_history_item *it = ds->it;
	pd_parallel p = PD_PARALLEL_INIT;
	make_ctx m;
	bool *need = calloc(it->n + 1, sizeof(*need));
	atomic_uchar *state = calloc(it->n + 1, sizeof(*state));
	size_t *order = calloc(st->njobs + 1, sizeof(*order));
	size_t i, no = 0, blame = SIZE_MAX;
	pd_error rowerr;
	int err = 0, row;

	memset(&m, 0, sizeof(m));
	if (!need || !state || !order) {
		free(need);
		free(state);
		free(order);
		return pd_error_oom();
	}
	for (i = 0; i < it->n; i++) {
		cached want;

		want.key = cache_key(st->seed, it, i);
		if (!st->c.ncold || !pd_bsearch(&want, st->c.cold, st->c.ncold,
					   sizeof(*st->c.cold), pd_site_cache_by_key))
			need[i] = true;
	}
	for (i = 0; i < st->njobs; i++)
		if (st->jobs[i].diff == ALL_DIFFS)
			memset(need, true, it->n * sizeof(*need));
		else if (st->jobs[i].diff != SIZE_MAX)
			need[st->jobs[i].diff] = true;
	/* the pages in the order queued, the newest revision's first; the
	 * blame half-way; the history after the entries */
	for (i = 0; i < st->njobs; i++)
		if (st->jobs[i].diff == ALL_DIFFS)
			blame = i;
		else if (i != ds->history)
			order[no++] = i;
	if (blame != SIZE_MAX) {
		memmove(order + no / 2 + 1, order + no / 2,
			(no - no / 2) * sizeof(*order));
		order[no / 2] = blame;
		no++;
	}
	for (i = 0; i < it->n; i++)
		atomic_init(&state[i], DIFF_PENDING);
	ds->state = state;
	ds->fail = 0;
	pthread_mutex_init(&ds->lock, NULL);
	m.st = st;
	m.ds = ds;
	m.need = need;
	m.ndiff = (it->n + DIFF_CHUNK - 1) / DIFF_CHUNK;
	m.history = ds->history;
	m.order = order;
	if (st->njobs && (err = mark_partial(st)) < 0)
		goto done;
	p.n = m.ndiff + 1 + no;
	p.ctx = &m;
	p.begin = pd_differ_slot_new;
	p.body = make_some;
	p.end = pd_differ_slot_free;
	/* a pipeline, as the changelog's: the next profile's revisions
	 * are read while every core diffs this one's and makes its pages
	 * (nothing below calls the store but for its settings) */
	if (st->h)
		pd_app_history_read_ahead(st->h);
	pd_parallel_start(&p);
	/* the overview's row meanwhile, on this thread (which forgets
	 * nothing the store holds: only a profile without a history
	 * would) */
	if ((row = overview_row(st, it)) < 0)
		rowerr = *pd_error_last(); /* this thread makes pages next */
	pd_parallel_finish(&p);
	/* the row's error first, then the first diff that failed, as when
	 * they were made in turn; then the pages', the entries' */
	if (row < 0)
		err = pd_error_restore(&rowerr);
	else if (ds->fail < 0)
		err = pd_error_restore(&ds->failure);
	if (err < 0) /* each job freed its text, made or not */
		goto done;
	err = jobs_done(st);
	if (m.err < 0 && err == 0)
		err = pd_error_restore(&m.error);
done:
	st->njobs = 0;
	ds->state = NULL;
	pthread_mutex_destroy(&ds->lock);
	free(state);
	free(order);
	free(need);
	return err;
}

static int pages_of(site *st, const pd_app_history_item *it,
		    const char *slug, uint64_t wt, diffs *ds)
{
	char rel[512], d[11];
	uint64_t pk = profile_key(st->seed, it);
	hist_ctx hc = {st, slug, it, ds};
	blame_job *bj;
	size_t i, nj;
	int err;

	st->all = XXH3_64bits_withSeed(&pk, sizeof(pk), st->all);
	/* the pages to make are queued, made together below */
	st->njobs = 0;
	st->defer = true;
	for (i = 0; i < it->n; i++) {
		const pd_revision *r = &it->revs[i];
		const pd_revision *prev = i + 1 < it->n ? &it->revs[i + 1] : NULL;
		rev_ctx *rcp = pd_arena_alloc(st->arena, sizeof(*rcp));
		size_t first = st->njobs, j;

		if (!rcp)
			return pd_error_oom();
		rcp->st = st;
		rcp->slug = slug;
		rcp->rev = r;
		rcp->prev = prev;
		rcp->ds = ds;
		rcp->i = i;
#define rc (*rcp)

		strcpy(d, "undated");
		if (r->last_updated.year)
			pd_date_format(r->last_updated, d);
		if (!r->profile)
			continue;
		snprintf(rel, sizeof(rel), "profiles/%s/%s.html", slug, d);
		if ((err = page(st, rel, rev_key(st->seed, "page", r, prev), render_rev,
				&rc)) < 0)
			return err;
		if (i == 0) {
			snprintf(rel, sizeof(rel), "profiles/%s/index.html", slug);
			if ((err = page(st, rel, rev_key(st->seed, "page", r, prev),
					render_rev, &rc)) < 0)
				return err;
		}
		if (prev && prev->profile && r->last_updated.year) {
			snprintf(rel, sizeof(rel), "profiles/%s/%s-diff.html",
				 slug, d);
			if ((err = page(st, rel, rev_key(st->seed, "diff", r, prev),
					render_diff, &rc)) < 0)
				return err;
		}
#undef rc
		for (j = first; j < st->njobs; j++)
			st->jobs[j].diff = i;
	}
	snprintf(rel, sizeof(rel), "profiles/%s/history.html", slug);
	nj = st->njobs;
	if ((err = page(st, rel, hash_str(pk, PD_VERSION "history"),
			render_history, &hc)) < 0)
		return err;
	ds->history = st->njobs > nj ? nj : SIZE_MAX;
	/* its blame, from the history read */
	if (!(bj = pd_arena_alloc(st->arena, sizeof(*bj))))
		return pd_error_oom();
	memset(bj, 0, sizeof(*bj));
	bj->st = st;
	bj->slug = slug;
	bj->it = it;
	bj->ds = ds;
	nj = st->njobs;
	snprintf(rel, sizeof(rel), "profiles/%s/blame.html", slug);
	/* the blame shows the working tree's edits too */
	if ((err = page(st, rel,
			XXH3_64bits_withSeed(
				&wt, sizeof(wt),
				XXH3_64bits_withSeed(
					&st->month, sizeof(st->month),
					hash_str(pk, PD_VERSION "blame"))),
			render_blame, bj)) < 0)
		return err;
	if (st->njobs > nj)
		st->jobs[nj].diff = ALL_DIFFS;
	if (st->njobs > nj && wt) {
		/* as pd_app_blame does, the working tree's edits last */
		pd_revision file;

		if ((err = pd_store_load(st->s, it->path, "worktree",
					 &file)) < 0)
			return err;
		bj->worktree = file.profile;
	}
	st->defer = false;
	/* its directory, made once for the pages queued */
	if (st->njobs) {
		pd_buf dir = PD_BUF_INIT;

		pd_buf_printf(&dir, "%s/profiles/%s/", st->o->dir, slug);
		if ((err = pd_buf_ok(&dir)) == 0)
			err = make_dirs(pd_buf_cstr(&dir));
		pd_buf_free(&dir);
		if (err < 0)
			return err;
	}
	if ((err = make_pages(st, ds)) < 0)
		return err;
	st->res->stale += bj->stale;
	/* the index's latest changes: the newest revision */
	if (it->n && it->revs[0].profile) {
		pd_overview_latest *l;
		if (PD_ARENA_GROW(st->arena, st->latest, st->nlatest,
				  st->caplatest))
			return pd_error_oom();
		l = &st->latest[st->nlatest++];
		memset(l, 0, sizeof(*l));
		l->profile = pd_arena_strdup(st->arena, slug);
		l->country = it->revs[0].profile->country
				     ? pd_arena_strdup(st->arena,
						       it->revs[0].profile->country)
				     : NULL;
		l->date = it->revs[0].last_updated;
		l->summary = "";
		if (l->date.year && ds->c[0].dsum) {
			l->previous = it->revs[1].last_updated;
			if (!l->previous.year)
				l->previous.year = 1; /* there is one */
			l->summary = ds->c[0].dsum;
		}
		if (!l->profile || !l->summary)
			return pd_error_oom();
	}
	return 0;
}

static int profile_pages(site *st, const pd_app_history_item *it,
			 const char *slug, uint64_t wt)
{
	diffs ds;
	size_t i;
	int err;

	memset(&ds, 0, sizeof(ds));
	ds.st = st;
	ds.it = it;
	ds.d = calloc(it->n + 1, sizeof(pd_diff *));
	ds.c = calloc(it->n + 1, sizeof(cached));
	ds.history = SIZE_MAX;
	if (!ds.d || !ds.c) {
		free(ds.d);
		free(ds.c);
		return pd_error_oom();
	}
	err = pages_of(st, it, slug, wt, &ds);
	st->defer = false;
	for (i = 0; i < st->njobs; i++)
		pd_buf_free(&st->jobs[i].out);
	st->njobs = 0;
	for (i = 0; i < it->n; i++)
		pd_diff_free(ds.d[i]);
	free(ds.d);
	free(ds.c);
	return err;
}

/* The changelog, the feed and the index ---------------------------------- */

/* The work of the end side by side: the pages queued (the changelog and
 * the feed, when they are to be made), and the cache, encoded and written
 * by its thread while the queue's writes the others. The cache goes
 * before the manifest that names it: a run that stops between the two
 * leaves a cache whose hash no manifest gives, which is not used. */
typedef struct end_ctx {
	site *st;
	uint64_t sum; /* the cache's hash, when written */
	int err;      /* the cache's: 1 when it is as it was */
	pd_error error;
} end_ctx;

static void end_some(void *ctx, void *state, size_t from, size_t to)
{
	end_ctx *e = ctx;
	size_t i;

	(void)state;
	for (i = from; i < to; i++) {
		if (i > 0) { /* the cache first, the longest */
			do_job(e->st, &e->st->jobs[i - 1]);
			continue;
		}
		e->err = pd_site_cache_write(&e->st->c, e->st->key,
					     e->st->o->dir, &e->sum);
		if (e->err < 0)
			e->error = *pd_error_last();
	}
}

typedef struct whole_ctx {
	site *st;
	pd_format fmt;
} whole_ctx;

static int entry_cmp(const void *x, const void *y)
{
	const pd_changelog_entry *a = x, *b = y;
	int c = pd_date_cmp(b->date, a->date);

	return c ? c : strcmp(a->country, b->country);
}

/* The changelog as pd_app_changelog_build and pd_render_changelog would
 * write it, from the entries the walk made: newest first, by date then
 * country; handed to `sink` as it is made. */
static int render_changelog(const pd_render_sink *sink, void *ctx)
{
	whole_ctx *c = ctx;
	site *st = c->st;
	pd_changelog cl;
	pd_changelog_entry *v = NULL;
	size_t i;
	int err;

	memset(&cl, 0, sizeof(cl));
	cl.title = st->o->title ? st->o->title : "Country profiles";
	cl.feed_id = st->o->feed_id;
	cl.base_url = st->o->base_url;
	cl.feed_name = "changelog.atom";
	cl.messages = true;
	if (st->nent) {
		if (!(v = malloc(st->nent * sizeof(*v))))
			return pd_error_oom();
		memcpy(v, st->ent, st->nent * sizeof(*v));
		for (i = 0; c->fmt == PD_FORMAT_ATOM && i < st->nent; i++)
			v[i].sealed = st->atom[i];
		if (st->nent > 1)
			pd_qsort(v, st->nent, sizeof(*v), entry_cmp);
	}
	cl.entries = v;
	cl.n = st->nent;
	err = pd_render_changelog_to(sink, c->fmt, &cl);
	free(v);
	return err;
}

static int newest_first(const void *a, const void *b)
{
	const pd_overview_latest *x = a, *y = b;
	int c = pd_date_cmp(y->date, x->date);

	return c ? c : strcmp(x->profile, y->profile);
}

static int render_index(pd_buf *out, void *ctx)
{
	whole_ctx *c = ctx;
	site *st = c->st;
	pd_overview ov;
	pd_arena *a = pd_arena_new();
	int err;

	if (!a)
		return pd_error_oom();
	/* the rows the walk made */
	memset(&ov, 0, sizeof(ov));
	ov.vocab = &pd_store_config(st->s)->vocab;
	ov.rows = st->rows;
	ov.n = st->nrows;
	err = 0;
	if (err == 0) {
		if (st->nlatest)
			pd_qsort(st->latest, st->nlatest, sizeof(*st->latest),
			      newest_first);
		ov.changelog = "changelog.html";
		ov.profile_base = "profiles/";
		ov.latest = st->latest;
		ov.nlatest = st->nlatest < LATEST ? st->nlatest : LATEST;
		err = pd_render_overview(out, PD_FORMAT_HTML, &ov);
	}
	pd_arena_free(a);
	return err;
}

/* The overview's row of a profile, made while its history is read, as
 * pd_app_overview makes it; a profile without one is said and left out,
 * as there. */
static int overview_row(site *st, const pd_app_history_item *it)
{
	int err;

	if (PD_ARENA_GROW(st->arena, st->rows, st->nrows, st->caprows))
		return pd_error_oom();
	err = pd_app_overview_row(&st->rows[st->nrows], st->s, st->arena, it,
				  &st->lo, (pd_date){0, 0, 0});
	if (!st->o->profiles && (err == PD_ENOTFOUND || err == PD_EINVALID)) {
		/* why_not reads HEAD's anew and forgets what the store
		 * holds: not while the profile's pages are still to be
		 * made from it (its history was read whole, so the error
		 * recorded is the one to say) */
		if (it->err < 0)
			pd_app_why_not(st->s, it->path, err);
		if (st->o->report)
			st->o->report(st->o->ctx, pd_error_last());
		return 0;
	}
	if (err < 0)
		return err;
	st->nrows++;
	return 0;
}

/* Records: profiles whose history need not be read -------------------- */

/* What commits after `base` changed, of the bases met (one, usually:
 * the last run's HEAD). */
typedef struct since {
	const char *base;
	const char **paths; /* sorted; NULL with err: base not in HEAD's */
	size_t n;
	int err;
} since;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Has `path` changed since `base`? Any failure to tell says yes. */
static bool changed_since(site *st, since **seen, size_t *nseen,
			  size_t *capseen, const char *base, const char *path)
{
	since *sc = NULL;
	size_t i;

	for (i = 0; i < *nseen; i++)
		if (strcmp((*seen)[i].base, base) == 0)
			sc = &(*seen)[i];
	if (!sc) {
		const char **v;
		size_t n;

		if (PD_ARENA_GROW(st->arena, *seen, *nseen, *capseen))
			return true;
		sc = &(*seen)[(*nseen)++];
		memset(sc, 0, sizeof(*sc));
		sc->base = base;
		sc->err = pd_store_changed_since(st->s, base, &v, &n);
		pd_error_clear();
		if (sc->err == 0 && n) {
			/* the store's list, copied: reading histories may
			 * not keep it */
			if (!(sc->paths = pd_arena_alloc(st->arena,
							 n * sizeof(*v)))) {
				sc->err = PD_ENOMEM;
			} else {
				memcpy(sc->paths, v, n * sizeof(*v));
				sc->n = n;
			}
		}
	}
	if (sc->err < 0)
		return true;
	return sc->n && pd_bsearch(&path, sc->paths, sc->n, sizeof(*sc->paths),
				cmp_str);
}

/* The manifest's entries of a profile's pages: [*from, *to) of mold. */
static void pages_in_manifest(const site *st, const char *slug,
			      size_t *from, size_t *to)
{
	char prefix[512];
	size_t lo = 0, hi = st->nmold, len;

	len = (size_t)snprintf(prefix, sizeof(prefix), "profiles/%s/", slug);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(st->mold[mid].path, prefix) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*from = lo;
	while (lo < st->nmold && len < sizeof(prefix) &&
	       strncmp(st->mold[lo].path, prefix, len) == 0)
		lo++;
	*to = lo;
}

/* Does the record of `path` stand for the profile in this run? */
static const record *usable(site *st, const char *path, const char *slug,
			    uint64_t wt, since **seen, size_t *nseen,
			    size_t *capseen)
{
	record want, *rec;
	size_t from, to, i;
	char full[4096];
	struct stat sb;

	/* a cache the manifest does not name (one of a run that stopped
	 * between the two, or either put back by hand) vouches for
	 * nothing */
	if (st->key != st->c.old_key || !st->c.nold || !st->head[0] ||
	    st->c.old_sum != st->mold_cache)
		return NULL;
	want.path = path;
	rec = pd_bsearch(&want, st->c.old, st->c.nold, sizeof(*st->c.old),
		      pd_site_cache_by_path);
	if (!rec || rec->wt != wt || !rec->has_row ||
	    rec->row.ntreaties != pd_vocab_count(st->lo.vocab))
		return NULL;
	/* its row's lint says the same today: last_updated was not after
	 * the day it was linted, or that day is today */
	if (pd_date_cmp(rec->row.last_updated, rec->today) > 0 &&
	    pd_date_cmp(rec->today, st->lo.today) != 0)
		return NULL;
	if (changed_since(st, seen, nseen, capseen, rec->base, path))
		return NULL;
	/* its pages all there, and what the manifest says (a page found
	 * otherwise has no key) */
	pages_in_manifest(st, slug, &from, &to);
	if (from == to)
		return NULL;
	for (i = from; i < to; i++) {
		if (!st->mold[i].key ||
		    (size_t)snprintf(full, sizeof(full), "%s/%s", st->o->dir,
				     st->mold[i].path) >= sizeof(full) ||
		    stat(full, &sb) < 0)
			return NULL;
	}
	return rec;
}

/* The record kept for the next run, copied or made. */
static int keep(site *st, const record *rec)
{
	if (PD_ARENA_GROW(st->arena, st->c.recs, st->c.nrecs, st->c.caprecs))
		return pd_error_oom();
	st->c.recs[st->c.nrecs++] = *rec;
	return 0;
}

/* The last run's pages of a profile, kept in the manifest as they are. */
static int keep_pages_of(site *st, const char *slug)
{
	size_t i, from, to;

	pages_in_manifest(st, slug, &from, &to);
	for (i = from; i < to; i++) {
		if (PD_ARENA_GROW(st->arena, st->now, st->nnow, st->cap))
			return pd_error_oom();
		st->now[st->nnow++] = st->mold[i];
	}
	return 0;
}

/* A profile the record stands for: what the index, the changelog and the
 * feed take of it, from the record; its pages as they are. */
static int use_record(site *st, const record *rec, const char *slug)
{
	record copy;
	size_t i, from, to;
	int err;

	st->all = XXH3_64bits_withSeed(&rec->pk, sizeof(rec->pk), st->all);
	if (PD_ARENA_GROW(st->arena, st->rows, st->nrows, st->caprows))
		return pd_error_oom();
	st->rows[st->nrows++] = rec->row;
	if (rec->has_latest) {
		if (PD_ARENA_GROW(st->arena, st->latest, st->nlatest,
				  st->caplatest))
			return pd_error_oom();
		st->latest[st->nlatest++] = rec->latest;
	}
	for (i = 0; i < rec->nrevs; i++) {
		if (PD_GROW(st->ent, st->nent, st->capent) < 0 ||
		    PD_GROW(st->atom, st->nent, st->capatom) < 0 ||
		    PD_ARENA_GROW(st->arena, st->cnow, st->ncnow,
				  st->capcnow))
			return pd_error_oom();
		st->ent[st->nent] = rec->revs[i].e;
		st->atom[st->nent++] = rec->revs[i].c.atom;
		st->cnow[st->ncnow++] = rec->revs[i].c;
	}
	pages_in_manifest(st, slug, &from, &to);
	st->res->kept += to - from;
	if ((err = keep_pages_of(st, slug)) < 0)
		return err;
	st->res->profiles++;
	/* it stands at this HEAD and today too: kept as a record made now
	 * would be */
	copy = *rec;
	memcpy(copy.base, st->head, sizeof(copy.base));
	copy.today = st->lo.today;
	if (strcmp(copy.base, rec->base) != 0 ||
	    pd_date_cmp(copy.today, rec->today) != 0)
		st->c.changed = true;
	return keep(st, &copy);
}

/* The record of a profile whose pages were just made: its row (`row`,
 * or none), its latest change (the last of st->latest when `latest`),
 * its revisions' entries (those of `ent` from `first`). */
static int make_record(site *st, const pd_app_history_item *it, uint64_t wt,
		       const pd_overview_row *row, bool latest, size_t first)
{
	record rec;
	size_t i;

	if (!st->head[0] || !row)
		return 0; /* read again next time */
	memset(&rec, 0, sizeof(rec));
	rec.path = pd_arena_strdup(st->arena, it->path);
	if (!rec.path)
		return pd_error_oom();
	memcpy(rec.base, st->head, sizeof(rec.base));
	rec.wt = wt;
	rec.pk = profile_key(st->seed, it);
	rec.today = st->lo.today;
	rec.has_row = true;
	rec.row = *row;
	if ((rec.has_latest = latest))
		rec.latest = st->latest[st->nlatest - 1];
	rec.nrevs = st->nent - first;
	if (rec.nrevs &&
	    !(rec.revs = pd_arena_alloc(st->arena,
					rec.nrevs * sizeof(*rec.revs))))
		return pd_error_oom();
	for (i = 0; i < rec.nrevs; i++) {
		rec.revs[i].c = st->cnow[first + i];
		rec.revs[i].e = st->ent[first + i];
	}
	st->c.changed = true;
	return keep(st, &rec);
}


int pd_app_site(pd_app_site_result *res, pd_store *s,
		const pd_app_site_options *o)
{
	pd_app_history_options ho = PD_APP_HISTORY_OPTIONS_INIT;
	pd_app_history *h = NULL;
	pd_app_history_item it;
	pd_treaty_matcher *matcher = NULL;
	const char **paths = NULL, **todo = NULL, **slugs = NULL;
	const record **recs = NULL;
	uint64_t *wts = NULL, ck, sum;
	since *seen = NULL;
	size_t n = 0, i, ntodo = 0, nseen = 0, capseen = 0;
	site st;
	whole_ctx wc, wa;
	pd_parallel pe = PD_PARALLEL_INIT;
	end_ctx ec;
	time_t now = time(NULL);
	struct tm tm;
	int err, more;

	memset(res, 0, sizeof(*res));
	memset(&st, 0, sizeof(st));
	memset(&ec, 0, sizeof(ec));
	st.s = s;
	st.o = o;
	st.res = res;
	if (!(st.arena = pd_arena_new()))
		return pd_error_oom();
	if ((err = make_site_dir(o->dir)) < 0)
		goto done;
	st.c.arena = st.arena;
	pd_file_boot_id(st.boot);
	if ((err = pd_file_queue_new(&st.q, QUEUED_MAX)) < 0 ||
	    (err = manifest_read(&st)) < 0 ||
	    (err = pd_site_cache_read(&st.c, o->dir)) < 0)
		goto done;
	pd_app_config_lint(&st.lo, pd_store_config(s));
	if ((err = pd_treaty_matcher_new(&matcher, st.arena, st.lo.vocab)) < 0) {
		err = pd_error_oom();
		goto done;
	}
	st.lo.matcher = matcher;
	/* the blames' stale claims are those older than o->stale_months
	 * today: the month is part of each blame's key */
	gmtime_r(&now, &tm);
	st.month = (uint64_t)(tm.tm_year * 12 + tm.tm_mon) * 1000u +
		   (uint64_t)o->stale_months;
	/* what every key starts from: the version and the settings; what
	 * records are kept under: those, the options and the month */
	ck = pd_store_config_key(s);
	st.seed = XXH3_64bits_withSeed(&ck, sizeof(ck),
				       hash_str(0, PD_VERSION));
	st.key = hash_str(st.seed, o->base_url);
	st.key = hash_str(st.key, o->title);
	st.key = hash_str(st.key, o->feed_id);
	st.key = XXH3_64bits_withSeed(&st.month, sizeof(st.month), st.key);
	if (ck == UINT64_MAX)
		st.c.old_key = ~st.key; /* settings of unknown origin */
	if (pd_store_commit_id(s, "HEAD", st.head) < 0) {
		pd_error_clear();
		st.head[0] = '\0'; /* no commit: nothing to record */
	}
	if (o->profiles)
		err = pd_app_profile_paths(&paths, s, o->profiles, o->nprofiles);
	else
		err = pd_store_profiles(s, &paths, &n);
	if (err < 0)
		goto done;
	if (o->profiles) {
		n = o->nprofiles;
	} else {
		/* the store's list is the store's: a copy the caller frees */
		const char **copy = calloc(n + 1, sizeof(*copy));

		if (!copy) {
			err = pd_error_oom();
			goto done;
		}
		memcpy(copy, paths, n * sizeof(*copy));
		paths = copy;
	}
	/* the profiles whose records stand for them, and the others, whose
	 * histories are read */
	todo = calloc(n + 1, sizeof(*todo));
	slugs = calloc(n + 1, sizeof(*slugs));
	recs = calloc(n + 1, sizeof(*recs));
	wts = calloc(n + 1, sizeof(*wts));
	if (!todo || !slugs || !recs || !wts) {
		err = pd_error_oom();
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (!(slugs[i] = pd_app_profile_name(st.arena, paths[i]))) {
			err = pd_error_oom();
			goto done;
		}
		wts[i] = pd_store_worktree_key(s, paths[i]);
		recs[i] = usable(&st, paths[i], slugs[i], wts[i], &seen, &nseen,
				 &capseen);
		if (!recs[i])
			todo[ntodo++] = paths[i];
	}
	ho.progress = o->progress;
	if ((err = pd_app_history_new(&h, s, todo, ntodo, &ho)) < 0)
		goto done;
	st.h = h;
	for (i = 0; i < n; i++) {
		const char *slug = slugs[i];
		size_t r0 = st.nrows, l0 = st.nlatest, e0 = st.nent;

		if (recs[i]) {
			if ((err = use_record(&st, recs[i], slug)) < 0)
				goto done;
			continue;
		}
		if ((more = pd_app_history_next(h, &it)) <= 0) {
			err = more < 0 ? more
				       : pd_error_set(PD_ERROR, paths[i], 0, 0,
						      "its history was not read");
			goto done;
		}
		if (it.err < 0 || !it.n) {
			/* a profile without a history is passed, and said */
			if (it.err < 0 && o->report)
				o->report(o->ctx, it.error);
			/* the overview says it too; a profile without a
			 * history (only in the working tree) has no row to
			 * miss */
			if (it.err < 0 && (err = overview_row(&st, &it)) < 0)
				goto done;
			continue;
		}
		/* its row of the overview is made beside its diffs */
		if ((err = profile_pages(&st, &it, slug, wts[i])) < 0 ||
		    (err = make_record(&st, &it, wts[i],
				       st.nrows > r0 ? &st.rows[r0] : NULL,
				       st.nlatest > l0, e0)) < 0)
			goto done;
		res->profiles++;
	}
	res->read = ntodo;
	pd_app_history_free(h);
	h = NULL;
	st.h = NULL;
	if (o->profiles && st.key == st.c.old_key) {
		/* the other profiles' records stay for a later run */
		pd_qsort(paths, n, sizeof(*paths), cmp_str);
		for (i = 0; i < st.c.nold; i++)
			if (!pd_bsearch(&st.c.old[i].path, paths, n,
				     sizeof(*paths), cmp_str) &&
			    (err = keep(&st, &st.c.old[i])) < 0)
				goto done;
	}
	/* what shows every profile: the changelog, the feed, the index
	 * last; the index shows each row's lint, which today may change */
	for (i = 0; i < st.nrows; i++)
		st.all = XXH3_64bits_withSeed(st.rows[i].lint,
					      sizeof(st.rows[i].lint), st.all);
	st.all = hash_str(st.all, PD_VERSION);
	st.all = hash_str(st.all, o->base_url);
	st.all = hash_str(st.all, o->title);
	st.all = hash_str(st.all, o->feed_id);
	wc.st = &st;
	wc.fmt = PD_FORMAT_HTML;
	wa.st = &st;
	wa.fmt = PD_FORMAT_ATOM;
	/* the changelog, the feed and the cache side by side; then every
	 * page written before the index that links to them */
	st.defer = true;
	if ((err = page_of(&st, "changelog.html", st.all, NULL,
			   render_changelog, &wc)) < 0 ||
	    (err = page_of(&st, "changelog.atom", st.all, NULL,
			   render_changelog, &wa)) < 0)
		goto done;
	st.defer = false;
	if (st.njobs && (err = mark_partial(&st)) < 0)
		goto done;
	ec.st = &st;
	pe.n = st.njobs + 1;
	pe.ctx = &ec;
	pe.body = end_some;
	pd_parallel_run(&pe);
	if ((err = jobs_done(&st)) < 0)
		goto done;
	if (ec.err < 0) {
		err = pd_error_restore(&ec.error);
		goto done;
	}
	if ((err = pd_file_queue_drain(st.q)) < 0 ||
	    (err = page(&st, "index.html", st.all, render_index, &wc)) < 0 ||
	    (err = pd_file_queue_drain(st.q)) < 0)
		goto done;
	/* the pages no longer made go once nothing links to them, before
	 * the manifest that names them */
	pd_qsort(st.now, st.nnow, sizeof(*st.now), by_path);
	if (!st.trusted && (err = adopt_strays(&st)) < 0)
		goto done;
	if (o->profiles)
		err = keep_other_pages(&st);
	else
		remove_old_pages(&st);
	if (err < 0)
		goto done;
	/* the manifest, naming the cache written: a cache with another
	 * manifest (a run stopped between the two) would vouch for pages
	 * that manifest gives other keys, kept as they are when the
	 * profile goes back to them; it is not used */
	sum = st.c.old_sum; /* the cache as it was */
	if (ec.err == 0)
		sum = ec.sum;
	err = manifest_write(&st, sum);
	/* the pages are what the manifest says: the mark goes, last */
	if (err == 0 && (st.marked || st.partial)) {
		pd_buf path = PD_BUF_INIT;

		pd_buf_printf(&path, "%s/" PARTIAL, o->dir);
		if ((err = pd_buf_ok(&path)) == 0 &&
		    unlink(pd_buf_cstr(&path)) < 0 && errno != ENOENT)
			err = pd_error_set(PD_EIO, pd_buf_cstr(&path), 0, 0,
					   "cannot remove: %s",
					   strerror(errno));
		pd_buf_free(&path);
	}
done:
	pd_file_queue_free(st.q);
	free(st.ent);
	free(st.atom);
	pd_buf_free(&st.c.buf);
	pd_app_history_free(h);
	free(paths);
	free(todo);
	free(slugs);
	free(recs);
	free(wts);
	pd_arena_free(st.arena);
	return err;
}
