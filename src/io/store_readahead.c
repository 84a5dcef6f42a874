/*
 * store_readahead.c: the versions of a profile read and parsed on every
 * core at once.
 *
 * Reading a long history is mostly inflating its blobs (and, for loose
 * objects, hashing them) and parsing them, blob by blob, each on its own:
 * the work shares out. Threads read blobs that need no shared state: loose
 * objects, through the guard's reader (odb_guard.h), and blobs the pack
 * reader has spilled (pack_read.h). What only libgit2 or the pack cache
 * can give is left for the calling thread to read in turn, as is a blob
 * that is damaged or does not parse, so that its error is reported where
 * it always was.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profdiff/yaml.h"

#include "odb_guard.h"
#include "pack_read.h"
#include "store_internal.h"

/* past this, more threads only wait on one another */
#define MAX_THREADS 8
/* fewer blobs than this a thread are not worth starting it for */
#define PER_THREAD 4

typedef struct item {
	git_oid id;
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

	if ((r = pd_packs_read_spilled(s->packs, id->id, out)) != 0)
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
		int r = read_raw(j->s, &it->id, &raw);

		if (r < 0) {
			it->oom = true;
			continue;
		}
		if (r == 0)
			continue;
		if (pd_yaml_read(&it->p, pd_buf_cstr(&raw), raw.len, "", &j->ro) <
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

int store_read_ahead(pd_store *s, const git_oid *ids, size_t n)
{
	pthread_t tid[MAX_THREADS];
	size_t nthreads = 0, want, i, m = 0;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	bool oom = false;
	job j;
	int err = 0;

	if (cores < 2 || n < 2 * PER_THREAD)
		return 0; /* read in turn, as they are asked for */
	memset(&j, 0, sizeof(j));
	if (!(j.v = calloc(n, sizeof(*j.v))))
		return pd_error_oom();
	for (i = 0; i < n; i++)
		if (!store_cached(s, &ids[i]))
			git_oid_cpy(&j.v[m++].id, &ids[i]);
	j.s = s;
	j.n = m;
	j.ro.vocab = &s->config->vocab;
	j.ro.facts_only = s->facts_only;
	atomic_init(&j.next, 0);
	want = (size_t)cores < MAX_THREADS ? (size_t)cores : MAX_THREADS;
	if (want > m / PER_THREAD)
		want = m / PER_THREAD;
	if (want < 2) {
		free(j.v);
		return 0;
	}
	/* this thread is one of them */
	for (i = 0; i + 1 < want; i++)
		if (pthread_create(&tid[nthreads], NULL, worker, &j) == 0)
			nthreads++;
	worker(&j);
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < m; i++) {
		oom = oom || j.v[i].oom;
		if (j.v[i].done && (err = store_cache_put(s, &j.v[i].id,
							  j.v[i].p)) < 0)
			break;
		j.v[i].p = NULL;
	}
	for (; i < m; i++)
		pd_profile_free(j.v[i].p);
	free(j.v);
	if (!err && oom)
		err = pd_error_oom();
	return err;
}
