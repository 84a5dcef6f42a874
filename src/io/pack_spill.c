/*
 * pack_spill.c: the spill (see pack_spill.h): blobs read once through the
 * pack reader in the order the history was written, their bytes kept in
 * unlinked temporary files and found by id, on one thread or several.
 */
#define _GNU_SOURCE /* fallocate */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grow.h"
#include "pack_spill.h"
#include "parallel.h"
#include "profdiff/error.h"
#include "profdiff/fileio.h"
#include "table.h"

typedef struct spilled {
	unsigned char oid[20];
	atomic_bool gone; /* released: its bytes may be gone */
	unsigned in;      /* its file: 0 the spill's, k its k-th run's */
	uint64_t off;
	size_t len;
} spilled;

/* pages released and not yet given back: a file and a range in it */
typedef struct freed {
	int fd;
	uint64_t from, to;
} freed;

/* the runs of pd_spill_add_many put each blob at a page of its own, so
 * that releasing it frees whole pages */
#define SPILL_PAGE ((uint64_t)4096)

static inline uint64_t page_up(uint64_t n)
{
	return (n + SPILL_PAGE - 1) & ~(SPILL_PAGE - 1);
}

static inline const unsigned char *spilled_oid(const spilled *e)
{
	return e->oid;
}

/* an object id's bytes are a hash already */
static inline uint64_t oid_hash(const unsigned char *oid)
{
	uint64_t h;

	memcpy(&h, oid, sizeof(h));
	return h;
}

static inline bool oid_eq(const unsigned char *a, const unsigned char *b)
{
	return memcmp(a, b, 20) == 0;
}

/* where each blob lies in the file */
PD_TABLE(spill_table, spilled, const unsigned char *, spilled_oid, oid_hash,
	 oid_eq)

struct pd_spill {
	FILE *file;  /* unlinked; NULL until the first blob one at a time */
	FILE **runs; /* a file each run of pd_spill_add_many wrote, unlinked:
		      * threads writing to one file wait for each other */
	size_t nruns;
	uint64_t total; /* the bytes of every file */
	bool failed; /* full, or the file could not be made */
	bool dirty;  /* written since the last flush */
	spill_table index;
	uint64_t end;
	char **dirs; /* the objects directories, for pd_spill_add_many's readers */
	size_t ndirs;
	size_t cache;
	/* the pages released, given back by pd_spill_give_back */
	pthread_mutex_t lock;
	freed *freed;
	size_t nfreed, capfreed;
};

/* (its `gone` changes under readers: an atomic of its own) */
static spilled *spill_find(const pd_spill *s, const unsigned char *oid)
{
	return spill_table_get(&s->index, oid);
}

/* Records a spilled blob in the table: 0, PD_ENOMEM (recorded). A blob
 * spilled twice keeps its first place. */
static int spill_add(pd_spill *s, const unsigned char *oid, uint64_t off,
		     size_t len, unsigned in)
{
	bool fresh;
	spilled *e = spill_table_put(&s->index, oid, &fresh);

	if (!e)
		return PD_ENOMEM;
	if (fresh) {
		memcpy(e->oid, oid, 20);
		atomic_init(&e->gone, false);
		e->in = in;
		e->off = off;
		e->len = len;
	}
	return 0;
}

pd_spill *pd_spill_new_dirs(const char *const *dirs, size_t ndirs,
			    size_t cache)
{
	pd_spill *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (pthread_mutex_init(&s->lock, NULL) != 0) {
		free(s);
		return NULL;
	}
	if (!(s->dirs = calloc(ndirs ? ndirs : 1, sizeof(*s->dirs))))
		goto oom;
	for (; s->ndirs < ndirs; s->ndirs++)
		if (!(s->dirs[s->ndirs] = strdup(dirs[s->ndirs])))
			goto oom;
	s->cache = cache;
	return s;
oom:
	pd_spill_free(s);
	return NULL;
}

pd_spill *pd_spill_new(const char *objects_dir, size_t cache)
{
	return pd_spill_new_dirs(&objects_dir, 1, cache);
}

void pd_spill_free(pd_spill *s)
{
	if (!s)
		return;
	if (s->file)
		fclose(s->file);
	while (s->runs && s->nruns)
		fclose(s->runs[--s->nruns]);
	free(s->runs);
	spill_table_free(&s->index);
	while (s->dirs && s->ndirs)
		free(s->dirs[--s->ndirs]);
	free(s->dirs);
	free(s->freed);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The file, made on first use; false when it cannot be. */
static bool spill_file(pd_spill *s)
{
	if (!s->file && !(s->file = pd_temp_file()))
		s->failed = true;
	return !s->failed;
}

int pd_spill_add(pd_spill *s, pd_packs *packs, const unsigned char *oid)
{
	pd_buf b = PD_BUF_INIT;
	int r;

	if (!s || !pd_packs_count(packs) || s->failed)
		return 0;
	if (spill_find(s, oid))
		return 1;
	if (!spill_file(s))
		return 0;
	if ((r = pd_packs_read_blob(packs, oid, &b)) <= 0) {
		pd_buf_free(&b);
		if (r == PD_ENOMEM)
			return r;
		/* refused: left where it is, and the owner's read of it
		 * says why */
		pd_error_clear();
		return 0;
	}
	if (s->total + b.len > PD_SPILL_MAX ||
	    (b.len && fwrite(b.ptr, 1, b.len, s->file) != b.len)) {
		s->failed = true; /* full: what is in it stays */
		pd_buf_free(&b);
		return 0;
	}
	s->end += b.len; /* where the file is, whatever comes */
	s->total += b.len;
	s->dirty = true;
	r = spill_add(s, oid, s->end - b.len, b.len, 0);
	pd_buf_free(&b);
	return r < 0 ? r : 1;
}

/* pd_spill_add_many's work: runs of consecutive blobs (parallel.h's
 * chunks, one a thread), each read through a reader of the thread's own
 * (the calling thread's is the one it was given) and written to a file
 * of the run's own. The shared table is only read meanwhile; each run
 * keeps what it wrote in a list of its own, which the table takes
 * after. */
typedef struct spill_job {
	const pd_spill *spill;
	pd_packs *packs; /* the calling thread's reader */
	pthread_t caller;
	const unsigned char (*oids)[20];
	size_t chunk;
	_Atomic uint64_t total; /* of every file, for PD_SPILL_MAX */
	atomic_bool full, oom;
	FILE **files; /* a run's */
	spilled **got; /* a list a run */
	size_t *ngot;
} spill_job;

static void *reader_begin(void *ctx)
{
	spill_job *j = ctx;

	/* each run is read in order: the bases it needs are the blobs it
	 * has just read, and a small cache holds them */
	if (pthread_equal(pthread_self(), j->caller))
		return j->packs;
	return pd_packs_open_dirs((const char *const *)j->spill->dirs,
				  j->spill->ndirs, j->spill->cache,
				  j->spill->cache);
}

static void reader_end(void *ctx, void *state)
{
	spill_job *j = ctx;

	if (state != j->packs)
		pd_packs_free(state);
}

static bool pwrite_all(int fd, const char *p, size_t len, uint64_t off)
{
	while (len) {
		ssize_t w = pwrite(fd, p, len, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		len -= (size_t)w;
		off += (uint64_t)w;
	}
	return true;
}

static void spill_run(void *ctx, void *state, size_t from, size_t to)
{
	spill_job *j = ctx;
	size_t run = from / j->chunk, i;
	pd_buf b = PD_BUF_INIT;
	uint64_t end = 0;
	int fd = fileno(j->files[run]);

	if (!state || !(j->got[run] = malloc((to - from) * sizeof(spilled)))) {
		atomic_store(&j->oom, true);
		return;
	}
	for (i = from; i < to && !atomic_load(&j->full); i++) {
		const unsigned char *oid = j->oids[i];
		spilled *e;
		uint64_t off;
		int r;

		if (spill_find(j->spill, oid))
			continue;
		if ((r = pd_packs_read_blob(state, oid, &b)) == PD_ENOMEM) {
			atomic_store(&j->oom, true);
			break;
		}
		if (r < 0)
			pd_error_clear(); /* refused: its own read says why */
		if (r <= 0)
			continue; /* not in the packs: read as before */
		off = end;
		end += page_up(b.len);
		if (atomic_fetch_add(&j->total, b.len) + b.len > PD_SPILL_MAX ||
		    !pwrite_all(fd, b.ptr, b.len, off)) {
			atomic_store(&j->full, true);
			break;
		}
		e = &j->got[run][j->ngot[run]++];
		memcpy(e->oid, oid, 20);
		e->off = off;
		e->len = b.len;
	}
	pd_buf_free(&b);
}

int pd_spill_add_many(pd_spill *s, pd_packs *packs,
		      const unsigned char (*oids)[20], size_t n, size_t threads)
{
	pd_parallel p = PD_PARALLEL_INIT;
	spill_job j;
	FILE **more;
	size_t runs, first, k, i;
	int err = 0;

	if (!s || !pd_packs_count(packs) || s->failed)
		return 0;
	if (threads > PD_SPILL_THREADS)
		threads = PD_SPILL_THREADS;
	if (threads > n / 32)
		threads = n / 32; /* short lists are not worth a thread */
	if (threads < 2) {
		for (i = 0; i < n && pd_spill_spilling(s); i++)
			if ((err = pd_spill_add(s, packs, oids[i])) < 0)
				return err;
		return 0;
	}
	memset(&j, 0, sizeof(j));
	j.spill = s;
	j.packs = packs;
	j.caller = pthread_self();
	j.oids = oids;
	j.chunk = (n + threads - 1) / threads;
	runs = (n + j.chunk - 1) / j.chunk;
	atomic_init(&j.total, s->total);
	atomic_init(&j.full, false);
	atomic_init(&j.oom, false);
	j.got = calloc(runs, sizeof(*j.got));
	j.ngot = calloc(runs, sizeof(*j.ngot));
	more = realloc(s->runs, (s->nruns + runs) * sizeof(*s->runs));
	if (more)
		s->runs = more;
	if (!j.got || !j.ngot || !more) {
		free(j.got);
		free(j.ngot);
		return pd_error_oom();
	}
	/* a file a run, kept by the spill as soon as it is made */
	j.files = s->runs + s->nruns;
	first = s->nruns;
	for (k = 0; k < runs; k++) {
		if (!(j.files[k] = pd_temp_file())) {
			s->failed = true; /* what is in it stays */
			free(j.got);
			free(j.ngot);
			return 0;
		}
		s->nruns++;
	}
	p.n = n;
	p.chunk = j.chunk;
	p.threads = threads;
	p.ctx = &j;
	p.begin = reader_begin;
	p.body = spill_run;
	p.end = reader_end;
	pd_parallel_run(&p);
	for (k = 0; k < runs; k++) {
		for (i = 0; !err && i < j.ngot[k]; i++)
			err = spill_add(s, j.got[k][i].oid, j.got[k][i].off,
					j.got[k][i].len,
					(unsigned)(first + k + 1));
		free(j.got[k]);
	}
	free(j.got);
	free(j.ngot);
	if (!err && atomic_load(&j.oom))
		err = pd_error_oom();
	s->total = atomic_load(&j.total);
	if (s->total > PD_SPILL_MAX || atomic_load(&j.full))
		s->failed = true;
	return err;
}

bool pd_spill_flush(pd_spill *s)
{
	if (s && s->file && s->dirty && fflush(s->file) == 0)
		s->dirty = false;
	return !s || !s->dirty;
}

/* The file blob `e` lies in. */
static int fd_of(const pd_spill *s, const spilled *e)
{
	return fileno(e->in ? s->runs[e->in - 1] : s->file);
}

int pd_spill_read(const pd_spill *s, const unsigned char *oid, pd_buf *out)
{
	spilled *e = s ? spill_find(s, oid) : NULL;
	ssize_t r;

	pd_buf_clear(out);
	if (!e || (!e->in && s->dirty) || atomic_load(&e->gone))
		return 0;
	if (!pd_buf_reserve(out, e->len + 1))
		return PD_ENOMEM;
	r = e->len ? pread(fd_of(s, e), out->ptr, e->len, (off_t)e->off) : 0;
	/* released while it was read: what was read may be the hole */
	if (r < 0 || (size_t)r != e->len || atomic_load(&e->gone))
		return 0;
	out->len = e->len;
	out->ptr[out->len] = '\0';
	return 1;
}

/* The pages of `f` given back to the system: the file keeps its size,
 * and a file system that cannot punch keeps the bytes (nothing lost). */
static void punch(const freed *f)
{
#ifdef FALLOC_FL_PUNCH_HOLE
	(void)fallocate(f->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			(off_t)f->from, (off_t)(f->to - f->from));
#else
	(void)f;
#endif
}

void pd_spill_release(pd_spill *s, const unsigned char *oid)
{
	spilled *e = s ? spill_find(s, oid) : NULL;
	freed f;
	bool kept = false;

	if (!e || atomic_exchange(&e->gone, true))
		return;
	/* the whole pages it alone lies in: all of them for a blob of the
	 * runs; one pd_spill_add wrote shares its first and last */
	f.fd = fd_of(s, e);
	f.from = page_up(e->off);
	f.to = e->off + e->len;
	f.to = e->in ? page_up(f.to) : f.to & ~(SPILL_PAGE - 1);
	if (f.to <= f.from)
		return;
	pthread_mutex_lock(&s->lock);
	if (PD_GROW(s->freed, s->nfreed, s->capfreed) == 0) {
		s->freed[s->nfreed++] = f;
		kept = true;
	}
	pthread_mutex_unlock(&s->lock);
	if (!kept) /* no memory to note it in: given back now */
		punch(&f);
}

void pd_spill_give_back(pd_spill *s)
{
	freed *list;
	size_t n, i;

	if (!s)
		return;
	pthread_mutex_lock(&s->lock);
	list = s->freed;
	n = s->nfreed;
	s->freed = NULL;
	s->nfreed = s->capfreed = 0;
	pthread_mutex_unlock(&s->lock);
	for (i = 0; i < n; i++)
		punch(&list[i]);
	free(list);
}

uint64_t pd_spill_held(const pd_spill *s)
{
	struct stat st;
	uint64_t held = 0;
	size_t k;

	if (s && s->file && fstat(fileno(s->file), &st) == 0)
		held += (uint64_t)st.st_blocks * 512;
	for (k = 0; s && k < s->nruns; k++)
		if (fstat(fileno(s->runs[k]), &st) == 0)
			held += (uint64_t)st.st_blocks * 512;
	return held;
}

size_t pd_spill_count(const pd_spill *s)
{
	return s ? spill_table_count(&s->index) : 0;
}

bool pd_spill_spilling(const pd_spill *s)
{
	return s && !s->failed;
}
