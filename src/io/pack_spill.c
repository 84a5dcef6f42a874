/*
 * pack_spill.c: the spill of the pack reader (see pack_read.h): blobs read
 * once in the order the history was written, their bytes kept in an
 * unlinked temporary file and found by id, on one thread or several.
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

#include "pack_internal.h"
#include "pack_read.h"
#include "profdiff/error.h"
#include "profdiff/fileio.h"

static size_t oid_slot(const unsigned char *oid, size_t cap)
{
	uint64_t h;

	memcpy(&h, oid, sizeof(h)); /* an oid's bytes are already a hash */
	return (size_t)h & (cap - 1);
}

static const spilled *spill_find(const pd_packs *ps, const unsigned char *oid)
{
	static const unsigned char zero[20];
	size_t h;

	if (!ps->capsp)
		return NULL;
	for (h = oid_slot(oid, ps->capsp); memcmp(ps->sp[h].oid, zero, 20);
	     h = (h + 1) & (ps->capsp - 1))
		if (memcmp(ps->sp[h].oid, oid, 20) == 0)
			return &ps->sp[h];
	return NULL;
}

static int spill_grow(pd_packs *ps)
{
	static const unsigned char zero[20];
	size_t ncap = ps->capsp ? ps->capsp * 2 : 1024, i, h;
	spilled *v = calloc(ncap, sizeof(*v));

	if (!v)
		return PD_ENOMEM;
	for (i = 0; i < ps->capsp; i++) {
		if (!memcmp(ps->sp[i].oid, zero, 20))
			continue;
		for (h = oid_slot(ps->sp[i].oid, ncap);
		     memcmp(v[h].oid, zero, 20); h = (h + 1) & (ncap - 1))
			;
		v[h] = ps->sp[i];
	}
	free(ps->sp);
	ps->sp = v;
	ps->capsp = ncap;
	return 0;
}

int pd_packs_spill(pd_packs *ps, const unsigned char *oid)
{
	static const unsigned char zero[20];
	pd_buf b = PD_BUF_INIT;
	size_t h;
	int r;

	if (!ps || !ps->n || ps->spill_failed)
		return 0;
	if (spill_find(ps, oid))
		return 1;
	if (!ps->spill && !(ps->spill = pd_temp_file())) {
		ps->spill_failed = true;
		return 0;
	}
	if ((r = pd_packs_read_blob(ps, oid, &b)) <= 0) {
		pd_buf_free(&b);
		return r;
	}
	if (ps->spill_end + b.len > PD_PACKS_SPILL_MAX ||
	    (b.len && fwrite(b.ptr, 1, b.len, ps->spill) != b.len)) {
		ps->spill_failed = true; /* full: what is in it stays */
		pd_buf_free(&b);
		return 0;
	}
	if ((ps->nsp + 1) * 2 > ps->capsp && spill_grow(ps) < 0) {
		pd_buf_free(&b);
		return PD_ENOMEM;
	}
	for (h = oid_slot(oid, ps->capsp); memcmp(ps->sp[h].oid, zero, 20);
	     h = (h + 1) & (ps->capsp - 1))
		;
	memcpy(ps->sp[h].oid, oid, 20);
	ps->sp[h].off = ps->spill_end;
	ps->sp[h].len = b.len;
	ps->spill_end += b.len;
	ps->spill_dirty = true;
	ps->nsp++;
	pd_buf_free(&b);
	return 1;
}

/* Records a spilled blob in the table; PD_ENOMEM. */
static int spill_add(pd_packs *ps, const unsigned char *oid, uint64_t off,
		     size_t len)
{
	static const unsigned char zero[20];
	size_t h;

	if (spill_find(ps, oid))
		return 0; /* spilled twice: the first stays */
	if ((ps->nsp + 1) * 2 > ps->capsp && spill_grow(ps) < 0)
		return PD_ENOMEM;
	for (h = oid_slot(oid, ps->capsp); memcmp(ps->sp[h].oid, zero, 20);
	     h = (h + 1) & (ps->capsp - 1))
		;
	memcpy(ps->sp[h].oid, oid, 20);
	ps->sp[h].off = off;
	ps->sp[h].len = len;
	ps->nsp++;
	return 0;
}

/* One thread's share of pd_packs_spill_many: consecutive blobs, read
 * through a reader of its own and written at the end of the spill it
 * reserves. The shared table is only read meanwhile. */
typedef struct spill_part {
	const pd_packs *ps;
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
	spill_part *sp = arg;
	pd_buf b = PD_BUF_INIT;
	size_t i;

	for (i = sp->from; i < sp->to && !atomic_load(sp->full); i++) {
		const unsigned char *oid = sp->oids[i];
		uint64_t off;
		int r;

		if (spill_find(sp->ps, oid))
			continue;
		if ((r = pd_packs_read_blob(sp->own, oid, &b)) < 0) {
			sp->oom = true;
			break;
		}
		if (r == 0)
			continue; /* not in the packs: read as before */
		off = atomic_fetch_add(sp->end, (uint64_t)b.len);
		if (off + b.len > PD_PACKS_SPILL_MAX ||
		    !pwrite_all(sp->fd, b.ptr, b.len, off)) {
			atomic_store(sp->full, true);
			break;
		}
		memcpy(sp->got[sp->ngot].oid, oid, 20);
		sp->got[sp->ngot].off = off;
		sp->got[sp->ngot].len = b.len;
		sp->ngot++;
	}
	pd_buf_free(&b);
	return NULL;
}

int pd_packs_spill_many(pd_packs *ps, const unsigned char (*oids)[20],
			size_t n, size_t threads)
{
	spill_part part[PD_PACKS_SPILL_THREADS];
	pthread_t tid[PD_PACKS_SPILL_THREADS];
	_Atomic uint64_t end;
	atomic_bool full;
	size_t t, i, started = 0;
	int err = 0;

	if (!ps || !ps->n || ps->spill_failed)
		return 0;
	if (threads > PD_PACKS_SPILL_THREADS)
		threads = PD_PACKS_SPILL_THREADS;
	if (threads > n / 32)
		threads = n / 32; /* short lists are not worth a thread */
	if (threads < 2) {
		for (i = 0; i < n && pd_packs_spilling(ps); i++)
			if ((err = pd_packs_spill(ps, oids[i])) < 0)
				return err;
		return 0;
	}
	if (!ps->spill && !(ps->spill = pd_temp_file())) {
		ps->spill_failed = true;
		return 0;
	}
	/* what the stream holds goes to the file first: the threads write
	 * past it, at offsets, and the stream follows them after */
	if (fflush(ps->spill) != 0) {
		ps->spill_failed = true;
		return 0;
	}
	ps->spill_dirty = false;
	atomic_init(&end, ps->spill_end);
	atomic_init(&full, false);
	memset(part, 0, sizeof(part));
	for (t = 0; t < threads; t++) {
		spill_part *sp = &part[t];

		sp->ps = ps;
		sp->oids = oids;
		sp->from = n * t / threads;
		sp->to = n * (t + 1) / threads;
		sp->end = &end;
		sp->full = &full;
		sp->fd = fileno(ps->spill);
		/* each share is read in order: the bases it needs are the
		 * blobs it has just read, and a small cache holds them */
		sp->own = t ? pd_packs_open(ps->objects_dir, ps->least,
					    ps->least)
			    : ps;
		sp->got = malloc((sp->to - sp->from + 1) * sizeof(*sp->got));
		if (!sp->own || !sp->got) {
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
			err = spill_add(ps, part[t].got[i].oid,
					part[t].got[i].off, part[t].got[i].len);
		if (part[t].oom)
			err = PD_ENOMEM;
		if (t)
			pd_packs_free(part[t].own);
		free(part[t].got);
	}
	ps->spill_end = atomic_load(&end);
	if (ps->spill_end > PD_PACKS_SPILL_MAX || atomic_load(&full))
		ps->spill_failed = true;
	/* the stream writes on after what the threads wrote */
	if (fseeko(ps->spill, (off_t)ps->spill_end, SEEK_SET) != 0)
		ps->spill_failed = true;
	return err;
}

void pd_packs_spill_done(pd_packs *ps)
{
	if (!ps)
		return;
	/* what was read through the cache is in the spill now */
	packs_cache_empty(ps);
	ps->budget = ps->least;
	ps->reads = 0;
	ps->window_inflated = 0;
	/* written through: any thread may read it back now */
	if (ps->spill && ps->spill_dirty && fflush(ps->spill) == 0)
		ps->spill_dirty = false;
}

int pd_packs_read_spilled(const pd_packs *ps, const unsigned char *oid,
			  pd_buf *out)
{
	const spilled *e = ps && ps->nsp ? spill_find(ps, oid) : NULL;
	ssize_t r;

	pd_buf_clear(out);
	if (!e || ps->spill_dirty)
		return 0;
	if (!pd_buf_reserve(out, e->len + 1))
		return PD_ENOMEM;
	r = e->len ? pread(fileno(ps->spill), out->ptr, e->len, (off_t)e->off)
		   : 0;
	if (r < 0 || (size_t)r != e->len)
		return 0;
	out->len = e->len;
	out->ptr[out->len] = '\0';
	return 1;
}

bool pd_packs_spilling(const pd_packs *ps)
{
	return ps && !ps->spill_failed;
}

/* A spilled blob into out: 1, 0 when it is not spilled or cannot be read
 * back, PD_ENOMEM. */
int packs_spill_read(pd_packs *ps, const unsigned char *oid, pd_buf *out)
{
	if (ps->spill_dirty) {
		if (fflush(ps->spill) != 0)
			return 0;
		ps->spill_dirty = false;
	}
	return pd_packs_read_spilled(ps, oid, out);
}

