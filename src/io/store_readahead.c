/*
 * store_readahead.c: the versions of a profile read and parsed on every
 * core at once.
 *
 * Reading a long history is mostly inflating its blobs (and, for loose
 * objects, hashing them) and parsing them, blob by blob, each on its own:
 * the work shares out, in two rounds. In the first, every thread takes
 * versions and reads what any thread may read (odb.h's shared read: the
 * spill and the loose objects), and parses it. What only the calling
 * thread can read (the packs, whose cache is its own) it then reads, in
 * the order the history is read in anyway, some megabytes at a time; and
 * every thread parses those in a second round. A version that is damaged
 * or does not parse is left for the calling thread to read in turn, so
 * that its error is reported where it always was.
 */
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "profdiff/yaml.h"

#include "store_internal.h"

/* fewer blobs than this a thread are not worth starting it for */
#define PER_THREAD 4
/* the raw blobs held at once */
#define RAW_BATCH ((size_t)16 << 20)

typedef struct item {
	git_oid id;
	pd_buf raw; /* read by the calling thread */
	bool have_raw;
	bool owner; /* only the calling thread can read it */
	pd_profile *p;
	bool done; /* p is the blob, parsed */
	size_t len; /* of the blob, counted when p is kept */
	bool oom;
} item;

typedef struct job {
	const pd_store *s;
	item *v;
	pd_read_options ro;
} job;

/* A thread's buffer for what it reads itself. */
static void *begin(void *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(pd_buf));
}

static void end(void *ctx, void *state)
{
	(void)ctx;
	pd_buf_free(state);
	free(state);
}

/* Parses the item's blob in `b`; one that does not parse is read again in
 * turn, for its error and label. */
static void parse(const job *j, item *it, const pd_buf *b)
{
	if (pd_yaml_read(&it->p, pd_buf_cstr(b), b->len, "", &j->ro) < 0) {
		pd_profile_free(it->p);
		it->p = NULL;
		pd_error_clear();
		return;
	}
	it->len = b->len;
	it->done = true;
}

/* The first round: what any thread may read, read and parsed. */
static void read_shared(void *ctx, void *state, size_t from, size_t to)
{
	const job *j = ctx;
	pd_buf own = PD_BUF_INIT, *b = state ? state : &own;
	size_t i;

	for (i = from; i < to; i++) {
		item *it = &j->v[i];
		git_object_t type;
		int r = pd_odb_read_shared(j->s->odb, &it->id, &type, b);

		if (r < 0)
			it->oom = true;
		else if (r == 0)
			it->owner = true;
		else if (type == GIT_OBJECT_BLOB)
			parse(j, it, b);
	}
	pd_buf_free(&own);
}

/* The second round: what the calling thread read, parsed. */
static void parse_raw(void *ctx, void *state, size_t from, size_t to)
{
	const job *j = ctx;
	size_t i;

	(void)state;
	for (i = from; i < to; i++)
		if (j->v[i].have_raw)
			parse(j, &j->v[i], &j->v[i].raw);
}

/* Runs `body` over items [from, to) on up to `threads` threads. */
static void run(job *j, size_t from, size_t to, size_t threads,
		void (*body)(void *, void *, size_t, size_t), bool buffers)
{
	pd_parallel p = PD_PARALLEL_INIT;
	job part = *j;

	part.v = j->v + from;
	p.n = to - from;
	p.chunk = 1;
	p.threads = threads;
	p.ctx = &part;
	p.body = body;
	if (buffers) {
		p.begin = begin;
		p.end = end;
	}
	pd_parallel_run(&p);
}

int pd_store_read_ahead(pd_store *s, const git_oid *ids, size_t n)
{
	size_t threads = pd_parallel_cores(), i, m = 0, from, to, bytes;
	bool oom = false;
	item *v;
	job j;
	int err = 0;

	if (threads < 2 || n < 2 * PER_THREAD || s->read_out)
		return 0; /* read in turn, as they are asked for */
	if (!(v = calloc(n, sizeof(*v))))
		return pd_error_oom();
	for (i = 0; i < n; i++)
		if (!pd_store_cached(s, &ids[i]))
			git_oid_cpy(&v[m++].id, &ids[i]);
	if (threads > m / PER_THREAD)
		threads = m / PER_THREAD;
	memset(&j, 0, sizeof(j));
	j.s = s;
	j.v = v;
	j.ro.vocab = &s->config->vocab;
	j.ro.facts_only = s->facts_only;
	if (threads >= 2)
		run(&j, 0, m, threads, read_shared, true);
	/* what only this thread reads, in batches of some RAW_BATCH bytes,
	 * in order (the cache is this thread's, and the order the one the
	 * history is read in anyway), then parsed on every thread */
	for (from = 0; threads >= 2 && from < m && !err; from = to) {
		for (to = from, bytes = 0; to < m && bytes < RAW_BATCH; to++) {
			item *it = &v[to];
			git_object_t type;
			int r;

			if (!it->owner)
				continue;
			r = pd_odb_read(s->odb, &it->id, GIT_OBJECT_BLOB, "",
					&type, &it->raw);
			if (r == PD_ENOMEM) {
				err = r;
				break;
			}
			if (r < 0) { /* read again in turn, and reported */
				pd_error_clear();
				pd_buf_free(&it->raw);
				continue;
			}
			it->have_raw = true;
			bytes += it->raw.len;
		}
		if (!err)
			run(&j, from, to, threads, parse_raw, false);
		for (i = from; i < to; i++) {
			pd_buf_free(&v[i].raw);
			v[i].have_raw = false;
		}
	}
	for (i = 0; i < m && !err; i++) {
		oom = oom || v[i].oom;
		if (v[i].done && pd_store_charge(s, v[i].len, NULL) < 0) {
			/* past the budget: left to be read in turn, which
			 * names the blob that went past it */
			pd_error_clear();
			break;
		}
		if (v[i].done &&
		    (err = pd_store_cache_put(s, &v[i].id, v[i].p)) < 0)
			break;
		v[i].p = NULL;
	}
	for (; i < m; i++)
		pd_profile_free(v[i].p);
	free(v);
	if (!err && oom)
		err = pd_error_oom();
	return err;
}
