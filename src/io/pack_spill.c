/*
 * pack_spill.c: the spill (see pack_spill.h): blobs read once through the
 * pack reader in the order the history was written, their bytes kept in
 * an unlinked temporary file and found by id, on one thread or several.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pack_spill.h"
#include "profdiff/error.h"
#include "profdiff/fileio.h"
#include "table.h"

typedef struct spilled {
	unsigned char oid[20];
	uint64_t off;
	size_t len;
} spilled;

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
	FILE *file;  /* unlinked; NULL until the first blob */
	bool failed; /* full, or the file could not be made */
	bool dirty;  /* written since the last flush */
	spill_table index;
	uint64_t end;
	char *objects_dir; /* for the readers of pd_spill_add_many */
	size_t cache;
};

static const spilled *spill_find(const pd_spill *s, const unsigned char *oid)
{
	return spill_table_get(&s->index, oid);
}

/* Records a spilled blob in the table: 0, PD_ENOMEM (recorded). A blob
 * spilled twice keeps its first place. */
static int spill_add(pd_spill *s, const unsigned char *oid, uint64_t off,
		     size_t len)
{
	bool fresh;
	spilled *e = spill_table_put(&s->index, oid, &fresh);

	if (!e)
		return PD_ENOMEM;
	if (fresh) {
		memcpy(e->oid, oid, 20);
		e->off = off;
		e->len = len;
	}
	return 0;
}

pd_spill *pd_spill_new(const char *objects_dir, size_t cache)
{
	pd_spill *s = calloc(1, sizeof(*s));

	if (!s || !(s->objects_dir = strdup(objects_dir))) {
		free(s);
		return NULL;
	}
	s->cache = cache;
	return s;
}

void pd_spill_free(pd_spill *s)
{
	if (!s)
		return;
	if (s->file)
		fclose(s->file);
	spill_table_free(&s->index);
	free(s->objects_dir);
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
		return r;
	}
	if (s->end + b.len > PD_SPILL_MAX ||
	    (b.len && fwrite(b.ptr, 1, b.len, s->file) != b.len)) {
		s->failed = true; /* full: what is in it stays */
		pd_buf_free(&b);
		return 0;
	}
	s->end += b.len; /* where the file is, whatever comes */
	s->dirty = true;
	r = spill_add(s, oid, s->end - b.len, b.len);
	pd_buf_free(&b);
	return r < 0 ? r : 1;
}

/* One thread's share of pd_spill_add_many: consecutive blobs, read
 * through a reader of its own and written at the end of the spill it
 * reserves. The shared table is only read meanwhile. */
typedef struct spill_part {
	const pd_spill *spill;
	pd_packs *own;
	const unsigned char (*oids)[20];
	size_t from, to;
	_Atomic uint64_t *end;
	atomic_bool *full;
	int fd;
	spilled *got; /* to - from of them at most */
	size_t ngot;
	bool oom;
} spill_part;

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

static void *spill_part_run(void *arg)
{
	spill_part *pt = arg;
	pd_buf b = PD_BUF_INIT;
	size_t i;

	for (i = pt->from; i < pt->to && !atomic_load(pt->full); i++) {
		const unsigned char *oid = pt->oids[i];
		uint64_t off;
		int r;

		if (spill_find(pt->spill, oid))
			continue;
		if ((r = pd_packs_read_blob(pt->own, oid, &b)) < 0) {
			pt->oom = true;
			break;
		}
		if (r == 0)
			continue; /* not in the packs: read as before */
		off = atomic_fetch_add(pt->end, (uint64_t)b.len);
		if (off + b.len > PD_SPILL_MAX ||
		    !pwrite_all(pt->fd, b.ptr, b.len, off)) {
			atomic_store(pt->full, true);
			break;
		}
		memcpy(pt->got[pt->ngot].oid, oid, 20);
		pt->got[pt->ngot].off = off;
		pt->got[pt->ngot].len = b.len;
		pt->ngot++;
	}
	pd_buf_free(&b);
	return NULL;
}

int pd_spill_add_many(pd_spill *s, pd_packs *packs,
		      const unsigned char (*oids)[20], size_t n, size_t threads)
{
	spill_part part[PD_SPILL_THREADS];
	pthread_t tid[PD_SPILL_THREADS];
	_Atomic uint64_t end;
	atomic_bool full;
	size_t t, i, started = 0;
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
	if (!spill_file(s))
		return 0;
	/* what the stream holds goes to the file first: the threads write
	 * past it, at offsets, and the stream follows them after */
	if (fflush(s->file) != 0) {
		s->failed = true;
		return 0;
	}
	s->dirty = false;
	atomic_init(&end, s->end);
	atomic_init(&full, false);
	memset(part, 0, sizeof(part));
	for (t = 0; t < threads; t++) {
		spill_part *pt = &part[t];

		pt->spill = s;
		pt->oids = oids;
		pt->from = n * t / threads;
		pt->to = n * (t + 1) / threads;
		pt->end = &end;
		pt->full = &full;
		pt->fd = fileno(s->file);
		/* each share is read in order: the bases it needs are the
		 * blobs it has just read, and a small cache holds them */
		pt->own = t ? pd_packs_open(s->objects_dir, s->cache, s->cache)
			    : packs;
		pt->got = malloc((pt->to - pt->from + 1) * sizeof(*pt->got));
		if (!pt->own || !pt->got) {
			err = PD_ENOMEM;
			break;
		}
	}
	for (t = 1; !err && t < threads; t++)
		if (pthread_create(&tid[t], NULL, spill_part_run, &part[t]) ==
		    0)
			started = t;
		else
			break;
	if (!err) {
		/* this thread takes the first share, and any share whose
		 * thread did not start */
		spill_part_run(&part[0]);
		for (t = started + 1; t < threads; t++)
			spill_part_run(&part[t]);
	}
	for (t = 1; t <= started; t++)
		pthread_join(tid[t], NULL);
	for (t = 0; t < threads; t++) {
		for (i = 0; !err && i < part[t].ngot; i++)
			err = spill_add(s, part[t].got[i].oid,
					part[t].got[i].off, part[t].got[i].len);
		if (part[t].oom)
			err = PD_ENOMEM;
		if (t)
			pd_packs_free(part[t].own);
		free(part[t].got);
	}
	s->end = atomic_load(&end);
	if (s->end > PD_SPILL_MAX || atomic_load(&full))
		s->failed = true;
	/* the stream writes on after what the threads wrote */
	if (fseeko(s->file, (off_t)s->end, SEEK_SET) != 0)
		s->failed = true;
	return err;
}

bool pd_spill_flush(pd_spill *s)
{
	if (s && s->file && s->dirty && fflush(s->file) == 0)
		s->dirty = false;
	return !s || !s->dirty;
}

int pd_spill_read(const pd_spill *s, const unsigned char *oid, pd_buf *out)
{
	const spilled *e = s ? spill_find(s, oid) : NULL;
	ssize_t r;

	pd_buf_clear(out);
	if (!e || s->dirty)
		return 0;
	if (!pd_buf_reserve(out, e->len + 1))
		return PD_ENOMEM;
	r = e->len ? pread(fileno(s->file), out->ptr, e->len, (off_t)e->off)
		   : 0;
	if (r < 0 || (size_t)r != e->len)
		return 0;
	out->len = e->len;
	out->ptr[out->len] = '\0';
	return 1;
}

size_t pd_spill_count(const pd_spill *s)
{
	return s ? spill_table_count(&s->index) : 0;
}

bool pd_spill_spilling(const pd_spill *s)
{
	return s && !s->failed;
}
