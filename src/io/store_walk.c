/*
 * store_walk.c: the first-parent history of a tip, with the YAML files
 * each commit changed.
 *
 * The walk has two parts. The chain of first parents is read commit by
 * commit (each commit names the next); then each commit's tree is compared
 * with its parent's, which is most of the work (a directory of 200
 * profiles is a tree of some 10 KB, read for every commit). The trees are
 * compared as git stores them, as raw bytes, entry by entry (below), and
 * the comparisons share out (parallel.h): threads take runs of
 * consecutive commits, each thread with a repository and an object
 * reader of its own (libgit2's objects are not shared between threads,
 * odb.h's pack cache is its owner's) and an arena for what it finds.
 *
 * Why not libgit2's own reading of trees: measured on the benchmark's
 * history of 200 profiles x 50 revisions, blame of one profile (whose
 * cost is mostly the walk), callgrind, G instructions, in the pack git
 * fast-import wrote / as loose objects / repacked:
 *
 *   these raw bytes                               1.89 /  4.54 / 1.35
 *   git_tree_lookup and its entries               3.66 /  9.31 / 3.12
 *     with libgit2 caching trees (*)              2.82 /  5.47 / 2.27
 *   git_diff_tree_to_tree                         5.98 / 11.64 / 5.72
 *     with libgit2 caching trees (*)              5.14 /  7.78 / 4.86
 *
 * and in seconds (best of three, on a loaded machine): 0.30 / 0.57 / 0.18
 * here against 0.63 / 0.84 / 0.38 for the best of libgit2's (tree
 * entries, cached). (*) GIT_OPT_SET_CACHE_OBJECT_LIMIT of 1 MiB for
 * trees and GIT_OPT_SET_CACHE_MAX_SIZE of 64 MiB. libgit2 parses every
 * entry of both trees into objects before a comparison starts; two
 * versions of a directory share nearly every entry, byte for byte, which
 * two scans of their bytes pass over. So the hand-made reading of git's
 * tree format stays, in every layout.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "parallel.h"
#include "simd.h"
#include "store_internal.h"

/* The trees of the walk, kept a little: commit i's parent trees are
 * commit i + 1's trees, compared again at the next step. */
#define RECENT_TREES 8

/* consecutive commits a thread compares at a time: each run reads its
 * first trees afresh */
#define RUN 64
/* a shorter walk is not worth a thread */
#define PARALLEL_MIN (4 * RUN)

/* Trees are compared as git stores them: "MODE NAME\0" and 20 bytes of
 * id an entry, sorted by name (a directory's as if it ended in '/'). Two
 * versions of a directory share nearly every entry, byte for byte, so a
 * comparison of the entries' bytes settles most of them; libgit2 would
 * parse each tree into entries first. */
typedef struct raw_entry {
	const unsigned char *at; /* the entry's bytes */
	size_t len;
	const char *name;        /* NUL-terminated in the tree */
	size_t nlen;
	unsigned mode;
	const unsigned char *id; /* 20 bytes */
} raw_entry;

/* The entry at *pos of a tree's bytes: 1, 0 at the end, -1 when the tree
 * is malformed. */
static int next_entry(const unsigned char *p, size_t len, size_t *pos,
		      raw_entry *e)
{
	size_t i = *pos, k = i;
	const unsigned char *nul;

	if (i >= len)
		return 0;
	e->mode = 0;
	while (k < len && k - i < 7 && p[k] >= '0' && p[k] <= '7')
		e->mode = e->mode * 8 + (unsigned)(p[k++] - '0');
	if (k == i || k + 1 >= len || p[k] != ' ' ||
	    !(nul = memchr(p + k + 1, '\0', len - k - 1)) ||
	    nul == p + k + 1 || (size_t)(p + len - nul) < 21)
		return -1;
	e->name = (const char *)p + k + 1;
	e->nlen = (size_t)(nul - (p + k + 1));
	e->id = nul + 1;
	e->at = p + i;
	e->len = (size_t)(nul + 21 - (p + i));
	*pos = i + e->len;
	return 1;
}

static bool entry_tree(const raw_entry *e)
{
	return (e->mode & 0170000) == 0040000;
}

/* What git_tree_entry_type says: a directory, a submodule (a commit), or
 * a blob (files and symbolic links). */
static bool entry_blob(const raw_entry *e)
{
	return !entry_tree(e) && (e->mode & 0170000) != 0160000;
}

/* git's order of entries: by name, a directory's as if it ended in '/'. */
static int entry_cmp(const raw_entry *a, const raw_entry *b)
{
	size_t n = a->nlen < b->nlen ? a->nlen : b->nlen;
	int c = memcmp(a->name, b->name, n);
	unsigned ca, cb;

	if (c)
		return c;
	ca = a->nlen > n ? (unsigned char)a->name[n] : entry_tree(a) ? '/' : 0;
	cb = b->nlen > n ? (unsigned char)b->name[n] : entry_tree(b) ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

/* A tree read, with where each of its entries starts: found once, when
 * it is read (each tree of the walk is compared twice, with the commit
 * before and the commit after). Shared by reference. */
typedef struct rtree {
	size_t refs;
	git_oid id;
	pd_buf data;
	const unsigned char *p;
	size_t len;
	size_t n;    /* entries */
	size_t *off; /* n + 1: where each entry starts, then len */
} rtree;

static void rtree_free(rtree *t)
{
	if (!t || --t->refs)
		return;
	pd_buf_free(&t->data);
	free(t->off);
	free(t);
}

static rtree *rtree_ref(rtree *t)
{
	t->refs++;
	return t;
}

static int bad_tree(void)
{
	return pd_error_set(PD_ERROR, NULL, 0, 0,
			    "cannot read a tree: it is malformed");
}

/* The entries of a tree just read, checked; PD_ENOMEM or bad_tree(). */
static int rtree_index(rtree *t)
{
	size_t cap = t->len / 40 + 2, pos = 0;
	raw_entry e;
	int r;

	if (!(t->off = malloc(cap * sizeof(*t->off))))
		return pd_error_oom();
	while ((r = next_entry(t->p, t->len, &pos, &e)) > 0) {
		if (PD_GROW(t->off, t->n + 1, cap) < 0)
			return PD_ENOMEM;
		t->off[t->n++] = (size_t)(e.at - t->p);
	}
	if (r < 0)
		return bad_tree();
	t->off[t->n] = t->len;
	return 0;
}

/* What compares trees: a repository and its objects, the recent trees,
 * an arena for the deltas found and the list of one commit's. One a
 * thread. */
typedef struct walker {
	git_repository *repo;
	pd_odb *odb;
	pd_arena *arena;
	rtree *recent[RECENT_TREES];
	size_t next;
	walk_delta *v;
	size_t n, cap;
} walker;

/* The tree `id` (a reference the caller releases with rtree_free), from
 * the recent ones or read. */
static int recent_tree(walker *wk, const git_oid *id, rtree **out)
{
	git_object_t type;
	rtree *t;
	size_t k;
	int err;

	*out = NULL;
	for (k = 0; k < RECENT_TREES; k++)
		if (wk->recent[k] && git_oid_equal(&wk->recent[k]->id, id)) {
			*out = rtree_ref(wk->recent[k]);
			return 0;
		}
	if (!(t = calloc(1, sizeof(*t))))
		return pd_error_oom();
	t->refs = 1;
	git_oid_cpy(&t->id, id);
	if ((err = pd_odb_read(wk->odb, id, GIT_OBJECT_ANY,
			       "cannot read a tree", &type, &t->data)) < 0) {
		rtree_free(t);
		return err;
	}
	if (type != GIT_OBJECT_TREE) {
		rtree_free(t);
		return pd_error_set(PD_ERROR, NULL, 0, 0,
				    "cannot read a tree: not a tree");
	}
	t->p = (const unsigned char *)t->data.ptr;
	t->len = t->data.len;
	if ((err = rtree_index(t)) < 0) {
		rtree_free(t);
		return err;
	}
	rtree_free(wk->recent[wk->next]);
	wk->recent[wk->next] = rtree_ref(t);
	wk->next = (wk->next + 1) % RECENT_TREES;
	*out = t;
	return 0;
}

static void walker_done(walker *wk)
{
	size_t k;

	for (k = 0; k < RECENT_TREES; k++)
		rtree_free(wk->recent[k]);
	pd_odb_free(wk->odb);
	git_repository_free(wk->repo);
	free(wk->v);
}

/* "dir/name", or "name" at the top, in the walker's arena. */
static char *join_path(walker *wk, const char *dir, const char *name)
{
	size_t nd = strlen(dir), nn = strlen(name);
	char *p = pd_arena_alloc(wk->arena, nd + nn + 2);

	if (!p)
		return NULL;
	memcpy(p, dir, nd);
	if (nd)
		p[nd++] = '/';
	memcpy(p + nd, name, nn + 1);
	return p;
}

static int add_delta(walker *wk, const char *dir, const raw_entry *old,
		     const raw_entry *new)
{
	const raw_entry *e = new ? new : old;
	walk_delta *d;

	if (!e || !entry_blob(e) || !pd_store_yaml_name(e->name))
		return 0; /* (!e: a directory added or deleted, no file) */
	if (PD_GROW(wk->v, wk->n, wk->cap) < 0)
		return PD_ENOMEM;
	d = &wk->v[wk->n];
	memset(d, 0, sizeof(*d));
	d->path = join_path(wk, dir, e->name);
	if (!d->path)
		return pd_error_oom();
	if (old)
		git_oid_fromraw(&d->old_id, old->id);
	if (new)
		git_oid_fromraw(&d->new_id, new->id);
	wk->n++;
	return 0;
}

static int tree_deltas(walker *wk, const char *dir, const rtree *a,
		       const rtree *b, unsigned depth);

/* One entry of the comparison: a file or directory added, deleted or
 * changed (either side NULL for added or deleted). */
static int entry_deltas(walker *wk, const char *dir, const raw_entry *old,
			const raw_entry *new, unsigned depth)
{
	bool old_tree = old && entry_tree(old);
	bool new_tree = new && entry_tree(new);
	rtree *ta = NULL, *tb = NULL;
	git_oid id;
	char *sub;
	int err;

	if (old && new && old_tree == new_tree &&
	    memcmp(old->id, new->id, 20) == 0)
		return 0;
	if (!old_tree && !new_tree)
		return add_delta(wk, dir, old, new);
	if (old_tree != new_tree) { /* a file became a directory, or back */
		err = old_tree ? add_delta(wk, dir, NULL, new)
			       : add_delta(wk, dir, old, NULL);
		if (err < 0)
			return err;
		if (old_tree)
			new = NULL;
		else
			old = NULL;
	}
	if (depth >= 64)
		return pd_error_set(PD_ERROR, NULL, 0, 0,
				    "%s%s%s: directories nested more than 64 "
				    "deep, which no profile needs: not compared",
				    dir, *dir ? "/" : "", (old ? old : new)->name);
	sub = join_path(wk, dir, (old ? old : new)->name);
	if (!sub)
		return pd_error_oom();
	err = 0;
	if (old) {
		git_oid_fromraw(&id, old->id);
		err = recent_tree(wk, &id, &ta);
	}
	if (!err && new) {
		git_oid_fromraw(&id, new->id);
		err = recent_tree(wk, &id, &tb);
	}
	if (!err)
		err = tree_deltas(wk, sub, ta, tb, depth + 1);
	rtree_free(ta);
	rtree_free(tb);
	return err;
}

/* How many bytes a and b share from their start. */
static size_t common_prefix(const unsigned char *a, const unsigned char *b,
			    size_t n)
{
	size_t i = 0;

#ifdef PD_SSE2
	for (; n - i >= 16; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(a + i)),
			_mm_loadu_si128((const __m128i *)(const void *)(b + i))));

		if (m != 0xFFFFu)
			return i + (size_t)__builtin_ctz(~m & 0xFFFFu);
	}
#endif
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* How many bytes a[0, na) and b[0, nb) share at their end. */
static size_t common_suffix(const unsigned char *a, size_t na,
			    const unsigned char *b, size_t nb)
{
	size_t n = na < nb ? na : nb, i = 0;

#ifdef PD_SSE2
	for (; n - i >= 16; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(a + na - i - 16)),
			_mm_loadu_si128((const __m128i *)(const void *)(b + nb - i - 16))));

		if (m != 0xFFFFu)
			return i + (size_t)__builtin_clz(~m << 16);
	}
#endif
	while (i < n && a[na - i - 1] == b[nb - i - 1])
		i++;
	return i;
}

/* The first entry of t that starts at or after `at` (t->n if none). */
static size_t entry_from(const rtree *t, size_t at)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->off[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entries of a and b to compare one by one, [*ka, *ea) and [*kb,
 * *eb): the entries the same byte for byte at their start and at their
 * end are passed over, found in two scans of the trees' bytes. */
static void middle(const rtree *a, const rtree *b, size_t *ka, size_t *ea,
		   size_t *kb, size_t *eb)
{
	size_t m, sfx, ja, jb;

	*ka = *kb = 0;
	*ea = a->n;
	*eb = b->n;
	m = common_prefix(a->p, b->p, a->len < b->len ? a->len : b->len);
	/* entries ending before the first difference are the same, at the
	 * same places, in both */
	*ka = entry_from(a, m + 1);
	if (*ka && a->off[*ka] > m)
		(*ka)--;
	*kb = entry_from(b, a->off[*ka]);
	if (*kb > b->n || b->off[*kb] != a->off[*ka])
		*ka = *kb = 0; /* (cannot be: the same bytes, the same entries) */
	sfx = common_suffix(a->p + a->off[*ka], a->len - a->off[*ka],
			    b->p + b->off[*kb], b->len - b->off[*kb]);
	/* entries starting in the shared end, at the same distance from the
	 * end in both, are the same */
	for (ja = entry_from(a, a->len - sfx); ja < a->n; ja++) {
		jb = entry_from(b, b->len - (a->len - a->off[ja]));
		if (jb < b->n &&
		    b->len - b->off[jb] == a->len - a->off[ja] && jb >= *kb) {
			*ea = ja;
			*eb = jb;
			return;
		}
	}
}

/* The YAML files that differ between trees `a` and `b` (either NULL for
 * an empty one) under `dir`: both lists are in git's order, so one merge
 * pass finds them; entries the same byte for byte are passed over, and a
 * subtree whose id did not change is not read. */
static int tree_deltas(walker *wk, const char *dir, const rtree *a,
		       const rtree *b, unsigned depth)
{
	size_t ka = 0, kb = 0, ea = a ? a->n : 0, eb = b ? b->n : 0;
	raw_entry xa, xb;
	int err = 0;

	if (a && b)
		middle(a, b, &ka, &ea, &kb, &eb);
	while (err == 0 && (ka < ea || kb < eb)) {
		size_t pa = ka < ea ? a->off[ka] : 0, pb = kb < eb ? b->off[kb] : 0;
		int c;

		/* indexed when read: every entry parses */
		if (ka < ea)
			next_entry(a->p, a->len, &pa, &xa);
		if (kb < eb)
			next_entry(b->p, b->len, &pb, &xb);
		if (ka < ea && kb < eb && xa.len == xb.len &&
		    memcmp(xa.at, xb.at, xa.len) == 0) {
			ka++;
			kb++;
			continue;
		}
		c = ka >= ea ? 1 : kb >= eb ? -1 : entry_cmp(&xa, &xb);
		if (c < 0) {
			err = entry_deltas(wk, dir, &xa, NULL, depth);
			ka++;
		} else if (c > 0) {
			err = entry_deltas(wk, dir, NULL, &xb, depth);
			kb++;
		} else {
			err = entry_deltas(wk, dir, &xa, &xb, depth);
			ka++;
			kb++;
		}
	}
	return err;
}

/* The YAML files commit `wc` changed against its first parent, whose tree
 * is `parent` (NULL: a root commit). */
static int commit_deltas(walker *wk, walk_commit *wc, const git_oid *parent)
{
	rtree *ta = NULL, *tb = NULL;
	int err = 0;

	wk->n = 0;
	if (parent)
		err = recent_tree(wk, parent, &ta);
	if (!err)
		err = recent_tree(wk, &wc->tree, &tb);
	if (!err && (err = tree_deltas(wk, "", ta, tb, 0)) < 0 &&
	    err != PD_ENOMEM) {
		/* in the commit's terms */
		pd_error e = *pd_error_last();
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), &wc->id);
		err = pd_error_set(err, NULL, 0, 0, "commit %.10s: %s", hex,
				   e.message);
	}
	rtree_free(ta);
	rtree_free(tb);
	if (err < 0)
		return err;
	wc->nd = wk->n;
	wc->d = wk->n ? pd_arena_alloc(wk->arena, wk->n * sizeof(*wc->d))
		      : NULL;
	if (wk->n && !wc->d)
		return pd_error_oom();
	if (wk->n)
		memcpy(wc->d, wk->v, wk->n * sizeof(*wc->d));
	return 0;
}

/* A commit message's first line without the blanks around it, in the
 * store's arena: what an edit summary shows of the commit ("" for none). */
static const char *subject_of(pd_store *s, const char *msg)
{
	size_t n;

	if (!msg)
		return "";
	while (*msg == ' ' || *msg == '\t' || *msg == '\r')
		msg++;
	n = strcspn(msg, "\n");
	while (n && (msg[n - 1] == ' ' || msg[n - 1] == '\t' ||
		     msg[n - 1] == '\r'))
		n--;
	return n ? pd_arena_strndup(s->arena, msg, n) : "";
}

/* Commit `c`'s tree, first parent (a zero id: none) and message from its
 * bytes, in git's format (what git_commit_lookup reads): a "tree" line,
 * "parent" lines, the other headers, a blank line, the message, whose
 * leading newlines git_commit_message leaves out too. False when the
 * bytes are no such commit. */
static bool parse_commit(const char *p, size_t len, git_oid *tree,
			 git_oid *parent, bool *merge, const char **msg)
{
	const char *end = p + len, *body;

	memset(parent, 0, sizeof(*parent));
	*merge = false;
	if (len < 46 || memcmp(p, "tree ", 5) != 0 || p[45] != '\n' ||
	    git_oid_fromstrn(tree, p + 5, GIT_OID_HEXSZ) < 0)
		return false;
	p += 46;
	if ((size_t)(end - p) >= 7 && memcmp(p, "parent ", 7) == 0 &&
	    ((size_t)(end - p) < 48 || p[47] != '\n' ||
	     git_oid_fromstrn(parent, p + 7, GIT_OID_HEXSZ) < 0))
		return false;
	/* a second parent line: a merge */
	if (!git_oid_is_zero(parent) && (size_t)(end - p) >= 48 + 7 &&
	    memcmp(p + 48, "parent ", 7) == 0)
		*merge = true;
	/* the headers end at the first empty line; none: no message */
	body = p;
	*msg = "";
	while (body < end) {
		const char *nl = memchr(body, '\n', (size_t)(end - body));

		if (!nl)
			break;
		if (nl == body) {
			for (body = nl + 1; body < end && *body == '\n'; body++)
				;
			*msg = body;
			break;
		}
		body = nl + 1;
	}
	return true;
}

/* The chain of first parents from `tip`: each commit, its tree and its
 * message's first line (read with the commit: the edit summaries of
 * the published revisions cost no read of their own). The tip is found
 * by libgit2 (a tag peeled, a reference resolved); every commit then is
 * read by the store's reader and parsed here, as trees are (above):
 * through libgit2's objects, the chain of the benchmark's 10,000 commits
 * took 75 ms of a full site run, all of it before the first comparison
 * could start. */
static int read_chain(pd_store *s, const char *tip, walk *w)
{
	git_commit *c = NULL;
	git_object *obj = NULL;
	git_oid cid, tree, parent, mark;
	git_object_t type;
	pd_buf b = PD_BUF_INIT;
	size_t cap = 0, power = 1;
	int err = 0, r;

	memset(&mark, 0, sizeof(mark));
	if ((r = pd_store_resolve(s, tip, &cid)) < 0) {
		if (!pd_git_absent(r))
			return pd_git_fail("cannot read the branch tip");
		git_error_clear(); /* no commit yet: no history */
		return 0;
	}
	/* a tag names its commit */
	r = git_object_lookup(&obj, s->repo, &cid, GIT_OBJECT_ANY);
	if (!r)
		r = git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (r < 0)
		return pd_git_fail("cannot read a commit");
	git_oid_cpy(&cid, git_commit_id(c));
	git_commit_free(c);
	/* each commit is read once, as the parent of the one before it (a
	 * revision walk would read them all first to sort them, and again
	 * when asked for) */
	for (;;) {
		walk_commit *wc;
		const char *msg;
		bool merge;

		if ((err = pd_odb_read(s->odb, &cid, GIT_OBJECT_COMMIT,
				       "cannot read a commit", &type, &b)) < 0)
			break;
		if (!parse_commit(pd_buf_cstr(&b), b.len, &tree, &parent,
				  &merge, &msg)) {
			char hex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(hex, sizeof(hex), &cid);
			err = pd_error_set(PD_ERROR, NULL, 0, 0,
					   "cannot read a commit: %s is not "
					   "one git wrote",
					   hex);
			break;
		}
		if ((err = PD_ARENA_GROW(s->arena, w->c, w->n, cap)) < 0)
			break;
		wc = &w->c[w->n++];
		memset(wc, 0, sizeof(*wc));
		git_oid_cpy(&wc->id, &cid);
		git_oid_cpy(&wc->tree, &tree);
		wc->merge = merge;
		if (!(wc->subject = subject_of(s, msg))) {
			err = pd_error_oom();
			break;
		}
		/* a shallow clone's history ends where git stopped
		 * fetching: that commit is read as its first, and the
		 * store says so (pd_store_shallow_stop) */
		if (pd_store_is_shallow_commit(s, &wc->id)) {
			if (!s->shallow_stopped) {
				s->shallow_stopped = true;
				git_oid_cpy(&s->shallow_stop, &wc->id);
			}
			break;
		}
		if (git_oid_is_zero(&parent))
			break;
		/* a pack whose index lies can make a loop: a commit met
		 * again is found within twice the loop's length (Brent's
		 * marks, at each power of two) */
		if (w->n == power) {
			git_oid_cpy(&mark, &cid);
			power *= 2;
		}
		if (git_oid_equal(&parent, &mark) || w->n > ((size_t)1 << 28)) {
			/* the history's, not a profile's: every command
			 * stops */
			err = pd_error_set(PD_ERROR, NULL, 0, 0,
					   "the history of %s does not end", tip);
			break;
		}
		git_oid_cpy(&cid, &parent);
	}
	pd_buf_free(&b);
	git_error_clear();
	return err;
}

/* The comparisons, shared out in runs of RUN commits (parallel.h), each
 * thread with a walker of its own. */
typedef struct job {
	pd_store *s;
	walk *w;
	pthread_t caller;
	atomic_bool failed;
	pthread_mutex_t lock; /* the store's arenas, the first failure */
	pd_error error;        /* the first failure's */
} job;

/* Records the thread's error as the walk's, unless another came first;
 * every thread stops. */
static void fail(job *j)
{
	pthread_mutex_lock(&j->lock);
	if (!atomic_load(&j->failed))
		j->error = *pd_error_last();
	atomic_store(&j->failed, true);
	pthread_mutex_unlock(&j->lock);
}

/* A thread's walker: a repository and its objects of its own, and an
 * arena for what it finds, which stays with the store (the deltas are
 * part of the walk); the calling thread's is the store's own. NULL when
 * it cannot be made, the walk's failure recorded. */
static void *walker_begin(void *ctx)
{
	job *j = ctx;
	pd_store *s = j->s;
	walker *wk = calloc(1, sizeof(*wk));
	int err = 0;

	if (!wk) {
		pd_error_oom();
		fail(j);
		return NULL;
	}
	if (pthread_equal(pthread_self(), j->caller)) {
		wk->arena = s->arena;
	} else {
		pthread_mutex_lock(&j->lock);
		if (PD_GROW(s->walk_arenas, s->nwalk_arenas,
			    s->capwalk_arenas) < 0 ||
		    !(wk->arena = pd_arena_new()))
			err = pd_error_oom();
		else
			s->walk_arenas[s->nwalk_arenas++] = wk->arena;
		pthread_mutex_unlock(&j->lock);
	}
	if (err < 0 || pd_store_open_again(s, &wk->repo) < 0 ||
	    pd_odb_open(&wk->odb, wk->repo) < 0) {
		fail(j);
		walker_done(wk);
		free(wk);
		return NULL;
	}
	return wk;
}

static void walker_end(void *ctx, void *state)
{
	(void)ctx;
	if (state)
		walker_done(state);
	free(state);
}

/* Compares the commits [from, to) with their parents; the first failure
 * stops every thread. */
static void compare_run(void *ctx, void *state, size_t from, size_t to)
{
	job *j = ctx;
	walk *w = j->w;
	size_t i;

	for (i = from; i < to && state && !atomic_load(&j->failed); i++) {
		const git_oid *parent = i + 1 < w->n ? &w->c[i + 1].tree : NULL;

		if (commit_deltas(state, &w->c[i], parent) < 0)
			fail(j);
	}
}

int pd_store_walk(pd_store *s, const char *tip, const walk **out)
{
	pd_parallel p = PD_PARALLEL_INIT;
	size_t i;
	walk *w;
	job j;
	int err;

	for (i = 0; i < s->nwalks; i++)
		if (strcmp(s->walks[i].tip, tip) == 0) {
			*out = &s->walks[i];
			return 0;
		}
	if (PD_GROW(s->walks, s->nwalks, s->capwalks) < 0)
		return PD_ENOMEM;
	w = &s->walks[s->nwalks];
	memset(w, 0, sizeof(*w));
	if (!(w->tip = pd_arena_strdup(s->arena, tip)))
		return pd_error_oom();
	if ((err = read_chain(s, tip, w)) < 0)
		return err;
	memset(&j, 0, sizeof(j));
	j.s = s;
	j.w = w;
	j.caller = pthread_self();
	atomic_init(&j.failed, false);
	pthread_mutex_init(&j.lock, NULL);
	p.n = w->n;
	p.chunk = RUN;
	p.threads = w->n >= PARALLEL_MIN ? 0 : 1;
	p.ctx = &j;
	p.begin = walker_begin;
	p.body = compare_run;
	p.end = walker_end;
	pd_parallel_run(&p);
	pthread_mutex_destroy(&j.lock);
	if (atomic_load(&j.failed)) {
		const pd_error *e = &j.error;

		return pd_error_set(e->code ? e->code : PD_ERROR,
				    e->file[0] ? e->file : NULL, e->pos.line,
				    e->pos.col, "%s", e->message);
	}
	s->nwalks++;
	*out = w;
	return 0;
}
