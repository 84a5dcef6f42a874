/*
 * store_readahead.c: the versions of a profile read and parsed on every
 * core at once.
 *
 * Reading a long history is mostly inflating its blobs (and, for loose
 * objects, hashing them) and parsing them, blob by blob, each on its own:
 * the work shares out. What the packs give (pack_read.h: its cache, and
 * its spill) the calling thread reads first, in the order the history is
 * read in anyway, some megabytes at a time; then every thread parses
 * those, and reads and parses loose objects, through the guard's reader
 * (odb_guard.h), which needs no shared state. What only libgit2 can give
 * is left for the calling thread to read in turn, as is a blob that is
 * damaged or does not parse, so that its error is reported where it
 * always was.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profdiff/yaml.h"

#include "odb_guard.h"
#include "pack_read.h"
#include "pack_spill.h"
#include "store_internal.h"

/* past this, more threads only wait on one another */
#define MAX_THREADS 8
/* fewer blobs than this a thread are not worth starting it for */
#define PER_THREAD 4
/* the raw blobs held at once */
#define RAW_BATCH ((size_t)16 << 20)

typedef struct item {
	git_oid id;
	pd_buf raw; /* read from the packs by the calling thread */
	bool have_raw;
	pd_profile *p;
	bool done; /* p is the blob, parsed */
	bool oom;
} item;

typedef struct job {
	const pd_store *s;
	item *v;
	size_t n;
	pd_read_options ro;
	atomic_size_t next;
} job;

/* The raw blob `id` from the spill or a loose object: 1, 0 when neither
 * holds it (or it is damaged), PD_ENOMEM. */
static int read_raw(const pd_store *s, const git_oid *id, pd_buf *out)
{
	size_t k;
	int r;

	if ((r = pd_spill_read(s->spill, id->id, out)) != 0)
		return r;
	for (k = 0; k < s->nobjdirs; k++) {
		git_object_t type;
		unsigned char *data;
		size_t len;

		r = pd_loose_read(s->objdirs[k], id, &type, &data, &len);
		if (r == GIT_ENOTFOUND)
			continue;
		git_error_clear();
		if (r < 0 || type != GIT_OBJECT_BLOB) {
			free(r < 0 ? NULL : data);
			return 0;
		}
		pd_buf_clear(out);
		pd_buf_put(out, (const char *)data, len);
		free(data);
		return pd_buf_ok(out) < 0 ? PD_ENOMEM : 1;
	}
	return 0;
}

static void *worker(void *arg)
{
	job *j = arg;
	pd_buf raw = PD_BUF_INIT;
	size_t i;

	while ((i = atomic_fetch_add(&j->next, 1)) < j->n) {
		item *it = &j->v[i];
		const pd_buf *b = it->have_raw ? &it->raw : &raw;
		int r = it->have_raw ? 1 : read_raw(j->s, &it->id, &raw);

		if (r < 0) {
			it->oom = true;
			continue;
		}
		if (r == 0)
			continue;
		if (pd_yaml_read(&it->p, pd_buf_cstr(b), b->len, "", &j->ro) <
		    0) {
			/* read again in turn, for its error and label */
			pd_profile_free(it->p);
			it->p = NULL;
			pd_error_clear();
			continue;
		}
		it->done = true;
	}
	pd_buf_free(&raw);
	return NULL;
}

/* Parses the items [from, to) on `want` threads, this one among them. */
static void parse_batch(job *j, item *v, size_t from, size_t to, size_t want)
{
	pthread_t tid[MAX_THREADS];
	size_t nthreads = 0, i;

	j->v = v + from;
	j->n = to - from;
	atomic_store(&j->next, 0);
	for (i = 0; i + 1 < want; i++)
		if (pthread_create(&tid[nthreads], NULL, worker, j) == 0)
			nthreads++;
	worker(j);
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
}

int pd_store_read_ahead(pd_store *s, const git_oid *ids, size_t n)
{
	size_t want, i, m = 0, from, to, bytes;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	bool oom = false;
	item *v;
	job j;
	int err = 0, r;

	if (cores < 2 || n < 2 * PER_THREAD)
		return 0; /* read in turn, as they are asked for */
	if (!(v = calloc(n, sizeof(*v))))
		return pd_error_oom();
	for (i = 0; i < n; i++)
		if (!pd_store_cached(s, &ids[i]))
			git_oid_cpy(&v[m++].id, &ids[i]);
	want = (size_t)cores < MAX_THREADS ? (size_t)cores : MAX_THREADS;
	if (want > m / PER_THREAD)
		want = m / PER_THREAD;
	memset(&j, 0, sizeof(j));
	j.s = s;
	j.ro.vocab = &s->config->vocab;
	j.ro.facts_only = s->facts_only;
	atomic_init(&j.next, 0);
	/* in batches of some RAW_BATCH bytes: what the packs give is read
	 * here first, in order (their cache is this thread's, and the
	 * order is the one the history is read in anyway), then every
	 * thread parses */
	for (from = 0; want >= 2 && from < m && !err; from = to) {
		for (to = from, bytes = 0; to < m && bytes < RAW_BATCH; to++) {
			item *it = &v[to];

			r = pd_spill_read(s->spill, it->id.id, &it->raw);
			if (r == 0)
				r = pd_packs_read_blob(s->packs, it->id.id,
						       &it->raw);
			if (r < 0) {
				err = pd_error_oom();
				break;
			}
			if (r == 1) {
				s->pack_reads++;
				it->have_raw = true;
				bytes += it->raw.len;
			} else {
				pd_buf_free(&it->raw);
			}
		}
		if (!err)
			parse_batch(&j, v, from, to, want);
		for (i = from; i < to; i++)
			pd_buf_free(&v[i].raw);
	}
	for (i = 0; i < m && !err; i++) {
		oom = oom || v[i].oom;
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
