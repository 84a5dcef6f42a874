/*
 * app_site_cache.c: what a run of `site` keeps for the next, in
 * .profdiff-site-cache (app_site_cache.h): for each
 * profile, a record of what the index, the changelog and the feed take
 * from its history (its overview row, its latest change, each revision's
 * changelog entry with its diff summary and its entry sealed in HTML and
 * in Atom), with what the record was made from: HEAD's commit then, the
 * working tree's edits of the profile (pd_store_worktree_key) and the
 * day its row was linted.
 *
 * A record stands for the profile while none of that changed: no commit
 * after its HEAD touched the profile (pd_store_changed_since), its file
 * in the working tree is as it was, the settings and options of the run
 * are (the run's key), its row's lint is the same today and its pages
 * are all on disk. Such a profile's history is not read at all: a run
 * after one commit reads the histories of the profiles the commit
 * touched. Any other profile is read, and each of its revisions found in
 * the cache (by a key of its commit and the one before's) is not diffed
 * again.
 *
 * The file opens with a magic line, profdiff's version and a mark of the
 * byte order of its numbers (64 bits each, lengths before strings), then
 * the run's key and the records, and ends with the XXH3 hash of all
 * before it: a cache cut short, altered or of another version is
 * ignored, and rewritten whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "profdiff/fileio.h"
#include "profdiff/version.h"
#include "app_site_cache.h"
#include "grow.h"
#include "sort.h"

#define CACHE ".profdiff-site-cache"
#define CACHE_MAGIC "profdiff-site-cache 2\n"
#define CACHE_ORDER UINT64_C(0x0102030405060708)

int pd_site_cache_by_key(const void *a, const void *b)
{
	uint64_t x = ((const cached *)a)->key, y = ((const cached *)b)->key;

	return x < y ? -1 : x > y;
}

int pd_site_cache_by_path(const void *a, const void *b)
{
	return strcmp(((const record *)a)->path, ((const record *)b)->path);
}

typedef struct reader {
	const char *p, *end;
	pd_arena *arena;
	bool bad;
} reader;

static uint64_t get_u64(reader *r)
{
	uint64_t v = 0;

	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/* A string of the file: its bytes, *len of them, in the buffer. */
static const char *get_bytes(reader *r, size_t *len)
{
	uint64_t n = get_u64(r);
	const char *at = r->p;

	*len = 0;
	if (r->bad || n > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	r->p += n;
	*len = (size_t)n;
	return at;
}

/* A string written by put_str: a copy in the arena, or NULL. */
static const char *get_str(reader *r)
{
	uint64_t n = get_u64(r);
	const char *at = r->p;
	char *s;

	if (r->bad || n == 0)
		return NULL;
	if (n - 1 > (uint64_t)(r->end - r->p)) {
		r->bad = true;
		return NULL;
	}
	r->p += n - 1;
	if (!(s = pd_arena_strndup(r->arena, at, (size_t)(n - 1))))
		r->bad = true;
	return s;
}

/* A count and room for that many items of `size` bytes, zeroed, in the
 * arena: NULL for none, or when the count is more than the bytes left
 * could hold (each item takes 8 at least) or memory runs out (r->bad). */
static void *get_array(reader *r, size_t size, size_t *n)
{
	uint64_t k = get_u64(r);
	void *v;

	*n = 0;
	if (r->bad || k > (uint64_t)(r->end - r->p) / sizeof(uint64_t)) {
		r->bad = true;
		return NULL;
	}
	if (!k)
		return NULL;
	if (!(v = pd_arena_calloc(r->arena, (size_t)k, size))) {
		r->bad = true;
		return NULL;
	}
	*n = (size_t)k;
	return v;
}

static pd_date get_date(reader *r)
{
	uint64_t v = get_u64(r);
	pd_date d;

	d.year = (int)(v >> 16);
	d.month = (int)((v >> 8) & 0xff);
	d.day = (int)(v & 0xff);
	if (d.year < 0 || d.year > 9999 || d.month > 12 || d.day > 31)
		r->bad = true;
	return d;
}

static const pd_sealed_entry *get_sealed(reader *r, pd_format fmt)
{
	pd_sealed_entry *s = pd_arena_alloc(r->arena, sizeof(*s));
	size_t i;

	if (!s) {
		r->bad = true;
		return NULL;
	}
	memset(s, 0, sizeof(*s));
	s->format = (int)fmt;
	s->first = get_u64(r) != 0;
	s->nchanges = (size_t)get_u64(r);
	s->substantive = (size_t)get_u64(r);
	s->editorial = (size_t)get_u64(r);
	for (i = 0; i < PD_BUCKET_COUNT; i++)
		s->bucket[i] = (size_t)get_u64(r);
	s->laws = (size_t)get_u64(r);
	s->treaties = (size_t)get_u64(r);
	if (!(s->summary = get_str(r)))
		r->bad = true;
	s->body = get_bytes(r, &s->body_len);
	return r->bad ? NULL : s;
}

static void get_entry(reader *r, pd_changelog_entry *e)
{
	size_t i, n;
	const char **v;

	memset(e, 0, sizeof(*e));
	e->profile = get_str(r);
	e->country = get_str(r);
	e->date = get_date(r);
	e->commit = get_str(r);
	e->author = get_str(r);
	e->time = (int64_t)get_u64(r);
	e->previous = get_date(r);
	e->previous_commit = get_str(r);
	if (!e->profile || !e->commit)
		r->bad = true;
	if (!(v = get_array(r, sizeof(*v), &n)))
		return;
	for (i = 0; i < n && !r->bad; i++)
		if (!(v[i] = get_str(r)))
			r->bad = true;
	e->messages = v;
	e->nmessages = n;
}

static void get_row(reader *r, pd_overview_row *row)
{
	size_t i, n;

	memset(row, 0, sizeof(*row));
	row->profile = get_str(r);
	row->country = get_str(r);
	row->last_updated = get_date(r);
	row->commit = get_str(r);
	if (!row->profile)
		goto bad;
	row->treaties = get_array(r, sizeof(*row->treaties), &n);
	if (r->bad)
		goto bad;
	row->ntreaties = n;
	for (i = 0; i < n; i++) {
		pd_overview_treaty *t = &row->treaties[i];

		uint64_t status, via;

		t->listed = get_u64(r) != 0;
		status = get_u64(r);
		via = get_u64(r);
		if (status >= PD_TREATY_STATUS_COUNT || via >= PD_VIA_COUNT)
			goto bad;
		t->status = (pd_treaty_status)status;
		t->via = (pd_treaty_via)via;
		t->date = get_date(r);
		t->changed = get_date(r);
		t->recent = get_u64(r) != 0;
	}
	row->laws = get_array(r, sizeof(*row->laws), &n);
	if (r->bad)
		goto bad;
	row->nlaws = n;
	for (i = 0; i < n; i++) {
		pd_overview_law *l = &row->laws[i];

		uint64_t status, year;

		l->name = get_str(r);
		status = get_u64(r);
		year = get_u64(r);
		if (status >= PD_LAW_STATUS_COUNT || year > 9999)
			goto bad;
		l->status = (pd_law_status)status;
		l->year = (int)year;
		l->changed = get_date(r);
		l->recent = get_u64(r) != 0;
	}
	for (i = 0; i < PD_SEV_ERROR + 1; i++)
		row->lint[i] = (size_t)get_u64(r);
	return;
bad:
	r->bad = true;
}

static void get_record(reader *r, record *rec)
{
	const char *base;
	size_t i, n;

	memset(rec, 0, sizeof(*rec));
	rec->path = get_str(r);
	base = get_bytes(r, &n);
	if (r->bad || !rec->path || n != 40)
		goto bad;
	memcpy(rec->base, base, 40);
	rec->base[40] = '\0';
	rec->wt = get_u64(r);
	rec->pk = get_u64(r);
	rec->today = get_date(r);
	if ((rec->has_row = get_u64(r) != 0))
		get_row(r, &rec->row);
	if ((rec->has_latest = get_u64(r) != 0)) {
		rec->latest.profile = get_str(r);
		rec->latest.country = get_str(r);
		rec->latest.date = get_date(r);
		rec->latest.previous = get_date(r);
		rec->latest.summary = get_str(r);
		if (!rec->latest.profile || !rec->latest.summary)
			goto bad;
	}
	rec->revs = get_array(r, sizeof(*rec->revs), &n);
	if (r->bad)
		goto bad;
	rec->nrevs = n;
	for (i = 0; i < n && !r->bad; i++) {
		rrev *v = &rec->revs[i];

		v->c.key = get_u64(r);
		v->c.dsum = get_str(r);
		v->c.html = get_sealed(r, PD_FORMAT_HTML);
		v->c.atom = get_sealed(r, PD_FORMAT_ATOM);
		get_entry(r, &v->e);
		v->e.sealed = v->c.html;
	}
	return;
bad:
	r->bad = true;
}

/* The cache of the last run; none, or one not to be trusted, is no
 * error: every profile is then read and every revision diffed. */
int pd_site_cache_read(site_cache *c, const char *dir)
{
	pd_buf path = PD_BUF_INIT;
	const char *ver = CACHE_MAGIC PD_VERSION "\n";
	size_t nver = strlen(ver), i, k, n, cap = 0;
	reader r;
	uint64_t sum;
	int err;

	pd_buf_printf(&path, "%s/" CACHE, dir);
	if ((err = pd_buf_ok(&path)) < 0)
		return err;
	err = pd_file_read(&c->buf, pd_buf_cstr(&path), 1u << 30);
	pd_buf_free(&path);
	if (err < 0) {
		pd_error_clear();
		pd_buf_free(&c->buf);
		return 0;
	}
	if (c->buf.len < nver + sizeof(sum) ||
	    memcmp(c->buf.ptr, ver, nver) != 0)
		goto ignore;
	memcpy(&sum, c->buf.ptr + c->buf.len - sizeof(sum),
	       sizeof(sum));
	if (XXH3_64bits(c->buf.ptr, c->buf.len - sizeof(sum)) !=
	    sum)
		goto ignore;
	r.p = c->buf.ptr + nver;
	r.end = c->buf.ptr + c->buf.len - sizeof(sum);
	r.arena = c->arena;
	r.bad = false;
	/* numbers are written as this machine holds them: one of another
	 * byte order reads this mark wrong */
	if (get_u64(&r) != CACHE_ORDER)
		goto ignore;
	c->old_key = get_u64(&r);
	c->old_sum = sum;
	c->old = get_array(&r, sizeof(*c->old), &n);
	if (r.bad)
		goto ignore;
	for (i = 0; i < n && !r.bad; i++)
		get_record(&r, &c->old[i]);
	if (r.bad || r.p != r.end)
		goto ignore;
	c->nold = n;
	pd_qsort(c->old, n, sizeof(*c->old), pd_site_cache_by_path);
	/* every revision of them, by key, for the profiles read again */
	for (i = 0; i < n; i++)
		for (k = 0; k < c->old[i].nrevs; k++) {
			if (PD_ARENA_GROW(c->arena, c->cold, c->ncold, cap))
				goto ignore;
			c->cold[c->ncold++] = c->old[i].revs[k].c;
		}
	if (c->ncold)
		pd_qsort(c->cold, c->ncold, sizeof(*c->cold), pd_site_cache_by_key);
	return 0;
ignore:
	/* out of memory here, too, only costs the reading */
	c->nold = 0;
	c->old = NULL;
	c->ncold = 0;
	c->cold = NULL;
	c->old_key = 0;
	c->old_sum = 0;
	return 0;
}

static void put_u64(pd_buf *b, uint64_t v)
{
	pd_buf_put(b, (const char *)&v, sizeof(v));
}

static void put_bytes(pd_buf *b, const char *s, size_t n)
{
	put_u64(b, n);
	pd_buf_put(b, s ? s : "", n);
}

/* A string or NULL: its length plus one (0: NULL), then its bytes. */
static void put_str(pd_buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u64(b, s ? n + 1 : 0);
	if (s)
		pd_buf_put(b, s, n);
}

static void put_date(pd_buf *b, pd_date d)
{
	put_u64(b, ((uint64_t)(unsigned)d.year << 16) |
			   ((uint64_t)(unsigned)d.month << 8) |
			   (uint64_t)(unsigned)d.day);
}

static void put_sealed(pd_buf *b, const pd_sealed_entry *s)
{
	size_t i;

	put_u64(b, s->first);
	put_u64(b, s->nchanges);
	put_u64(b, s->substantive);
	put_u64(b, s->editorial);
	for (i = 0; i < PD_BUCKET_COUNT; i++)
		put_u64(b, s->bucket[i]);
	put_u64(b, s->laws);
	put_u64(b, s->treaties);
	put_str(b, s->summary);
	put_bytes(b, s->body, s->body_len);
}

static void put_entry(pd_buf *b, const pd_changelog_entry *e)
{
	size_t i;

	put_str(b, e->profile);
	put_str(b, e->country);
	put_date(b, e->date);
	put_str(b, e->commit);
	put_str(b, e->author);
	put_u64(b, (uint64_t)e->time);
	put_date(b, e->previous);
	put_str(b, e->previous_commit);
	put_u64(b, e->nmessages);
	for (i = 0; i < e->nmessages; i++)
		put_str(b, e->messages[i]);
}

static void put_row(pd_buf *b, const pd_overview_row *row)
{
	size_t i;

	put_str(b, row->profile);
	put_str(b, row->country);
	put_date(b, row->last_updated);
	put_str(b, row->commit);
	put_u64(b, row->ntreaties);
	for (i = 0; i < row->ntreaties; i++) {
		const pd_overview_treaty *t = &row->treaties[i];

		put_u64(b, t->listed);
		put_u64(b, (uint64_t)t->status);
		put_u64(b, (uint64_t)t->via);
		put_date(b, t->date);
		put_date(b, t->changed);
		put_u64(b, t->recent);
	}
	put_u64(b, row->nlaws);
	for (i = 0; i < row->nlaws; i++) {
		const pd_overview_law *l = &row->laws[i];

		put_str(b, l->name);
		put_u64(b, (uint64_t)l->status);
		put_u64(b, (uint64_t)(int64_t)l->year);
		put_date(b, l->changed);
		put_u64(b, l->recent);
	}
	for (i = 0; i < PD_SEV_ERROR + 1; i++)
		put_u64(b, row->lint[i]);
}

static void put_record(pd_buf *b, const record *rec)
{
	size_t i;

	put_str(b, rec->path);
	put_bytes(b, rec->base, 40);
	put_u64(b, rec->wt);
	put_u64(b, rec->pk);
	put_date(b, rec->today);
	put_u64(b, rec->has_row);
	if (rec->has_row)
		put_row(b, &rec->row);
	put_u64(b, rec->has_latest);
	if (rec->has_latest) {
		put_str(b, rec->latest.profile);
		put_str(b, rec->latest.country);
		put_date(b, rec->latest.date);
		put_date(b, rec->latest.previous);
		put_str(b, rec->latest.summary);
	}
	put_u64(b, rec->nrevs);
	for (i = 0; i < rec->nrevs; i++) {
		const rrev *v = &rec->revs[i];

		put_u64(b, v->c.key);
		put_str(b, v->c.dsum);
		put_sealed(b, v->c.html);
		put_sealed(b, v->c.atom);
		put_entry(b, &v->e);
	}
}

/* The bytes encoded so far appended to the file and to the hash: the
 * cache is written as it is encoded, a mebibyte at a time, never held
 * whole (tens of megabytes for a long history). */
static int spill_out(pd_file_out *f, XXH3_state_t *h, pd_buf *b)
{
	int err;

	if ((err = pd_buf_ok(b)) < 0)
		return err;
	if (XXH3_64bits_update(h, b->ptr, b->len) != XXH_OK)
		return pd_error_oom();
	err = pd_file_append(f, b->ptr, b->len);
	pd_buf_clear(b);
	return err;
}

int pd_site_cache_write(site_cache *c, uint64_t key, const char *dir,
			uint64_t *sum)
{
	pd_buf path = PD_BUF_INIT, b = PD_BUF_INIT;
	XXH3_state_t *h = NULL;
	pd_file_out f;
	size_t i;
	int err;

	if (!c->changed && key == c->old_key && c->nrecs == c->nold)
		return 1;
	if (c->nrecs)
		pd_qsort(c->recs, c->nrecs, sizeof(*c->recs), pd_site_cache_by_path);
	pd_buf_printf(&path, "%s/" CACHE, dir);
	if ((err = pd_buf_ok(&path)) < 0)
		goto done;
	if (!(h = XXH3_createState()) || XXH3_64bits_reset(h) != XXH_OK) {
		err = pd_error_oom();
		goto done;
	}
	if ((err = pd_file_begin(&f, pd_buf_cstr(&path))) < 0)
		goto done;
	pd_buf_puts(&b, CACHE_MAGIC PD_VERSION "\n");
	put_u64(&b, CACHE_ORDER);
	put_u64(&b, key);
	put_u64(&b, c->nrecs);
	for (i = 0; i < c->nrecs && err == 0; i++) {
		put_record(&b, &c->recs[i]);
		if (b.len >= ((size_t)1 << 20))
			err = spill_out(&f, h, &b);
	}
	if (err == 0)
		err = spill_out(&f, h, &b);
	if (err == 0) {
		/* the hash of all before it, last */
		*sum = XXH3_64bits_digest(h);
		put_u64(&b, *sum);
		err = spill_out(&f, h, &b);
	}
	if (err == 0)
		err = pd_file_commit_replace(&f);
	else
		pd_file_abort(&f); /* nothing, when a write failed */
done:
	XXH3_freeState(h);
	pd_buf_free(&b);
	pd_buf_free(&path);
	return err;
}
