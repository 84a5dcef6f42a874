/*
 * pack_read.c: objects from pack files, with a cache of whole objects.
 *
 * A pack holds objects one after the other, each a header (its type and
 * inflated size) and a zlib stream; a delta's stream is a recipe that
 * copies ranges of its base and inserts new bytes, the base being another
 * object of the pack, named by its distance back (an offset delta) or by
 * its id (a reference delta). The pack's index (.idx, version 2) lists the
 * ids sorted, each with its offset.
 *
 * To read an object, the chain of deltas under it is followed down to an
 * object in the cache or a whole one, then inflated and applied back up;
 * every object made on the way goes into the cache, keyed by pack and
 * offset, the least recently used leaving first once the cache is over its
 * size. Every length read from the files is checked against the mapped
 * sizes; a chain longer than MAX_CHAIN, an object larger than MAX_OBJECT or
 * anything malformed makes the read fail, and the caller asks libgit2.
 *
 * Why profdiff reads packs itself, libgit2 reading them anyway: measured
 * on the benchmark's history of 200 profiles x 50 revisions, with this
 * reader (and the spill it feeds) -> with libgit2's alone, seconds on a
 * loaded machine:
 *
 *   the pack git fast-import wrote   overview 2.06 -> 34.4,
 *                                    changelog 2.81 -> 35.6
 *   repacked (git repack -a -d -f)   overview 0.76 -> 1.56,
 *                                    changelog 2.18 -> 3.95
 *
 * and in callgrind's instructions: overview 8.4 G -> over 72 G (cut
 * short) in fast-import's pack, 4.49 -> 4.87 G repacked; blame of one
 * profile 1.89 -> 2.00 G and 1.33 -> 1.43 G. On 40 profiles x 20
 * revisions: changelog 1.54 -> 2.83 G and overview 0.87 -> 2.27 G in
 * fast-import's pack. libgit2 keeps 16 MiB of delta bases and never the
 * object asked for, so a history read per profile rebuilds each version
 * through its whole chain; this reader, and the spill, read each about
 * once. It stays.
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "grow.h"
#include "pack_read.h"
#include "profdiff/error.h"
#include "profdiff/profile.h"
#include "table.h"
#include "sort.h"

/* git's pack.depth is at most 4095 */
#define MAX_CHAIN 4095
/* no object is read larger, and no blob larger than a profile may be
 * (a profile is at most 16 MiB: profile.h), whatever its header says:
 * the header is checked before the object is inflated */
#define MAX_OBJECT ((size_t)64 << 20)
#define MAX_BLOB ((size_t)PD_MAX_PROFILE_SIZE)
/* the bytes one read may make along its chain of deltas */
#define MAX_CHAIN_BYTES ((size_t)512 << 20)

typedef struct pack {
	const unsigned char *idx; /* mapped */
	size_t idx_len;
	/* the pack, read with pread: mapped, a long history's pack would
	 * count in the resident memory */
	int fd;
	uint64_t len;
	uint64_t *starts; /* every object's offset, ascending: where one ends */
	uint32_t n;
	const unsigned char *fanout;
	/* the ids, `stride` bytes apart: in version 2 one after the other,
	 * in version 1 each after its 4-byte offset */
	const unsigned char *sha;
	size_t stride;
	const unsigned char *off32, *off64; /* version 2 */
	size_t n64;
	unsigned version;
	char *path; /* the pack's, for messages */
} pack;

typedef struct entry {
	size_t pack;
	uint64_t off;
	int type;
	unsigned char *data;
	size_t len;
	struct entry *prev, *next; /* recency: head is the newest */
} entry;

/* Where an object lies: its pack and its offset there. */
typedef struct place {
	size_t pack;
	uint64_t off;
} place;

/* the table's entries are pointers to the cache's */
typedef entry *entry_ref;

static inline place entry_place(const entry_ref *e)
{
	return (place){(*e)->pack, (*e)->off};
}

static inline uint64_t place_hash(place k)
{
	uint64_t h = (k.off ^ (uint64_t)k.pack << 56) * 0x9E3779B97F4A7C15ull;

	return h ^ h >> 32;
}

static inline bool place_eq(place a, place b)
{
	return a.off == b.off && a.pack == b.pack;
}

/* the cache's entries by place */
PD_TABLE(entry_table, entry_ref, place, entry_place, place_hash, place_eq)

struct pd_packs {
	pack *p;
	size_t n;
	entry_table index;
	entry *head, *tail;
	size_t used, budget, least, most;
	size_t inflated;
	size_t reads, window_inflated; /* of the reads since the last look */
	unsigned char *in;             /* an object's stream, read */
	size_t in_cap;
	bool refused; /* an index no reader may be given: why */
	char refused_file[PATH_MAX];
	char refusal[512];
};

enum { OBJ_BLOB = 3, OBJ_OFS_DELTA = 6, OBJ_REF_DELTA = 7 };

/* The index and the pack ------------------------------------------------- */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static const unsigned char *map_file(const char *path, size_t *len)
{
	struct stat st;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		close(fd);
		return NULL;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return m;
}

/* The offset of the index's entry i; 0 when it is out of bounds. */
static uint64_t offset_at(const pack *pk, uint32_t i)
{
	uint32_t o;

	if (pk->version == 1)
		return be32(pk->sha + (size_t)i * 24 - 4);
	o = be32(pk->off32 + (size_t)i * 4);
	if (!(o & 0x80000000u))
		return o;
	o &= 0x7fffffffu;
	if (o >= pk->n64)
		return 0;
	return (uint64_t)be32(pk->off64 + (size_t)o * 8) << 32 |
	       be32(pk->off64 + (size_t)o * 8 + 4);
}

/* The offset of `oid` in the pack, or 0 (no object starts at 0). */
static uint64_t find_offset(const pack *pk, const unsigned char *oid)
{
	uint32_t lo = oid[0] ? be32(pk->fanout + (oid[0] - 1) * 4) : 0;
	uint32_t hi = be32(pk->fanout + oid[0] * 4);

	if (hi > pk->n || lo > hi)
		return 0;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(pk->sha + (size_t)mid * pk->stride, oid, 20);

		if (c == 0)
			return offset_at(pk, mid);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Where the object starting at or before `pos` ends: the next object's
 * start, or the pack's checksum. */
static uint64_t object_end(const pack *pk, uint64_t pos)
{
	size_t lo = 0, hi = pk->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pk->starts[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pk->n ? pk->starts[lo] : pk->len - 20;
}

static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/* Records why the index at `path` is refused, the first time. */
static void refuse(pd_packs *ps, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void refuse(pd_packs *ps, const char *path, const char *fmt, ...)
{
	va_list ap;

	if (ps->refused)
		return;
	ps->refused = true;
	snprintf(ps->refused_file, sizeof(ps->refused_file), "%s", path);
	va_start(ap, fmt);
	vsnprintf(ps->refusal, sizeof(ps->refusal), fmt, ap);
	va_end(ap);
}

/* Checks the index's fanout and its count of objects against its size,
 * as git does: false, with the refusal recorded, when they do not fit
 * (libgit2 1.5 reads past such an index and crashes, or loops). */
static bool check_index(pd_packs *ps, pack *pk, const char *idx_path)
{
	size_t head = pk->version == 1 ? 0 : 8, k, least, most;
	size_t per = pk->version == 1 ? 24 : 28;

	if (pk->idx_len < head + 1024 + 40) {
		refuse(ps, idx_path,
		       "the pack index is %zu bytes, too short to be one",
		       pk->idx_len);
		return false;
	}
	pk->fanout = pk->idx + head;
	for (k = 1; k < 256; k++)
		if (be32(pk->fanout + k * 4) < be32(pk->fanout + (k - 1) * 4)) {
			refuse(ps, idx_path,
			       "the pack index is damaged: its fanout goes "
			       "down at %02zx",
			       k);
			return false;
		}
	pk->n = be32(pk->fanout + 255 * 4);
	/* (a count the file cannot hold is refused before any product of
	 * it is taken) */
	if (pk->n > (pk->idx_len - head - 1024 - 40) / per) {
		refuse(ps, idx_path,
		       "the pack index claims %" PRIu32 " objects, more than "
		       "its %zu bytes can hold",
		       pk->n, pk->idx_len);
		return false;
	}
	least = head + 1024 + (size_t)pk->n * per + 40;
	most = least + (pk->version == 2 && pk->n ? ((size_t)pk->n - 1) * 8
						  : 0);
	if (pk->idx_len < least || pk->idx_len > most ||
	    (pk->idx_len - least) % 8 != 0) {
		refuse(ps, idx_path,
		       "the pack index is damaged: %zu bytes for %" PRIu32
		       " objects (git: wrong index v%u file size)",
		       pk->idx_len, pk->n, pk->version);
		return false;
	}
	if (pk->version == 1) {
		pk->sha = pk->idx + 1024 + 4;
		pk->stride = 24;
	} else {
		pk->sha = pk->fanout + 1024;
		pk->stride = 20;
		pk->off32 = pk->sha + (size_t)pk->n * (20 + 4);
		pk->off64 = pk->off32 + (size_t)pk->n * 4;
		pk->n64 = (pk->idx_len - least) / 8;
	}
	return true;
}

/* Maps one pack and its index: 1; 0 when either is not of a form read
 * here (libgit2 reads it, or says why it cannot); -1 when the index is
 * one no reader may be given (recorded in ps). */
static int open_pack(pd_packs *ps, pack *pk, const char *idx_path)
{
	char path[PATH_MAX];
	size_t plen = strlen(idx_path);
	int bad = 0;

	memset(pk, 0, sizeof(*pk));
	pk->fd = -1;
	if (plen < 4 || plen >= sizeof(path))
		return 0;
	if (!(pk->idx = map_file(idx_path, &pk->idx_len))) {
		struct stat st;

		/* an empty index is a damaged one; one that cannot be
		 * read, libgit2 cannot read either */
		if (stat(idx_path, &st) == 0 && S_ISREG(st.st_mode) &&
		    st.st_size == 0) {
			refuse(ps, idx_path, "the pack index is empty");
			return -1;
		}
		return 0;
	}
	/* version 2: magic, version, fanout, ids, CRCs, offsets, large
	 * offsets, two checksums; version 1 (no magic): fanout, then each
	 * object's offset and id, two checksums */
	if (pk->idx_len >= 8 && memcmp(pk->idx, "\377tOc", 4) == 0) {
		if (be32(pk->idx + 4) != 2)
			goto fail; /* libgit2 says it does not know it */
		pk->version = 2;
	} else {
		pk->version = 1;
	}
	if (!check_index(ps, pk, idx_path)) {
		bad = -1;
		goto fail;
	}
	memcpy(path, idx_path, plen - 4);
	memcpy(path + plen - 4, ".pack", 6);
	if ((pk->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		goto fail;
	{
		struct stat st;
		unsigned char head[12], sum[20];
		uint32_t i;

		/* the pack's own checksum, at its end, is the one its index
		 * records: a pack cut short, or another pack under the
		 * name, is left to libgit2, which refuses it whole (as it
		 * does, for the same reason) */
		if (fstat(pk->fd, &st) < 0 || !S_ISREG(st.st_mode) ||
		    st.st_size < 12 + 20 || pread(pk->fd, head, 12, 0) != 12 ||
		    memcmp(head, "PACK", 4) != 0 ||
		    (be32(head + 4) != 2 && be32(head + 4) != 3) ||
		    be32(head + 8) != pk->n ||
		    pread(pk->fd, sum, 20, st.st_size - 20) != 20 ||
		    memcmp(sum, pk->idx + pk->idx_len - 40, 20) != 0)
			goto fail;
		pk->len = (uint64_t)st.st_size;
		if (!(pk->starts = malloc(((size_t)pk->n + 1) *
					  sizeof(*pk->starts))) ||
		    !(pk->path = strdup(path)))
			goto fail;
		for (i = 0; i < pk->n; i++)
			pk->starts[i] = offset_at(pk, i);
		pd_qsort(pk->starts, pk->n, sizeof(*pk->starts), cmp_u64);
		/* an index that places an object outside its pack is
		 * damaged */
		if (pk->n && (pk->starts[0] < 12 ||
			      pk->starts[pk->n - 1] >= pk->len - 20)) {
			refuse(ps, idx_path,
			       "the pack index is damaged: it places an "
			       "object outside its pack");
			bad = -1;
			goto fail;
		}
	}
	return 1;
fail:
	if (pk->fd >= 0)
		close(pk->fd);
	free(pk->starts);
	free(pk->path);
	munmap((void *)pk->idx, pk->idx_len);
	memset(pk, 0, sizeof(*pk));
	pk->fd = -1;
	return bad;
}

/* Opens the packs of one objects directory. */
static void open_dir(pd_packs *ps, const char *objects_dir, size_t *cap)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (snprintf(dir, sizeof(dir), "%s/pack", objects_dir) >=
		    (int)sizeof(dir) ||
	    !(d = opendir(dir)))
		return;
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name);

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".idx") != 0 ||
		    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
			    (int)sizeof(path))
			continue;
		if (PD_GROW(ps->p, ps->n, *cap) < 0) {
			pd_error_clear(); /* the packs so far, that is all */
			break;
		}
		if (open_pack(ps, &ps->p[ps->n], path) > 0)
			ps->n++;
	}
	closedir(d);
}

pd_packs *pd_packs_open_dirs(const char *const *dirs, size_t ndirs,
			     size_t cache_least, size_t cache_most)
{
	pd_packs *ps = calloc(1, sizeof(*ps));
	size_t cap = 0, k;

	if (!ps)
		return NULL;
	ps->budget = ps->least = cache_least;
	ps->most = cache_most > cache_least ? cache_most : cache_least;
	entry_table_init(&ps->index, NULL);
	for (k = 0; k < ndirs; k++)
		open_dir(ps, dirs[k], &cap);
	return ps;
}

pd_packs *pd_packs_open(const char *objects_dir, size_t cache_least,
			size_t cache_most)
{
	return pd_packs_open_dirs(&objects_dir, 1, cache_least, cache_most);
}

int pd_packs_check(const pd_packs *ps)
{
	if (!ps || !ps->refused)
		return 0;
	return pd_error_set(PD_ERROR, ps->refused_file, 0, 0, "%s",
			    ps->refusal);
}

/* The cache ------------------------------------------------------------- */

static entry *cache_get(pd_packs *ps, size_t pk, uint64_t off)
{
	entry **at = entry_table_get(&ps->index, (place){pk, off}), *e;

	if (!at || (e = *at) == ps->head)
		return at ? *at : NULL;
	/* to the front */
	e->prev->next = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		ps->tail = e->prev;
	e->prev = NULL;
	e->next = ps->head;
	ps->head->prev = e;
	ps->head = e;
	return e;
}

static void cache_drop(pd_packs *ps, entry *e)
{
	entry_table_remove(&ps->index,
			   entry_table_get(&ps->index, entry_place(&e)));
	if (e->prev)
		e->prev->next = e->next;
	else
		ps->head = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		ps->tail = e->prev;
	ps->used -= e->len;
	free(e->data);
	free(e);
}

/* Takes `data` into the cache, newest, making room by dropping the least
 * recently used. False when it does not take it (too large, or out of
 * memory): the caller keeps it. */
static bool cache_put(pd_packs *ps, size_t pk, uint64_t off, int type,
		      unsigned char *data, size_t len)
{
	entry *e, **at;
	bool fresh;

	if (len > ps->budget / 4 || !(e = calloc(1, sizeof(*e))))
		return false;
	while (ps->tail && ps->used + len > ps->budget)
		cache_drop(ps, ps->tail);
	if (!(at = entry_table_put(&ps->index, (place){pk, off}, &fresh)) ||
	    !fresh) { /* (never there: a read looks in the cache first) */
		pd_error_clear(); /* not kept, that is all */
		free(e);
		return false;
	}
	*at = e;
	e->pack = pk;
	e->off = off;
	e->type = type;
	e->data = data;
	e->len = len;
	e->next = ps->head;
	if (ps->head)
		ps->head->prev = e;
	ps->head = e;
	if (!ps->tail)
		ps->tail = e;
	ps->used += len;
	return true;
}

void pd_packs_cache_reset(pd_packs *ps)
{
	if (!ps)
		return;
	while (ps->head)
		cache_drop(ps, ps->head);
	ps->budget = ps->least;
	ps->reads = 0;
	ps->window_inflated = 0;
}

/* Objects ---------------------------------------------------------------- */

/* An object's header at `off`: its type and inflated size, where its
 * stream starts, and for a delta where its base is (*base: an offset in
 * the pack, 0 when it cannot be found); false when malformed. */
static bool read_header(const pack *pk, uint64_t off, int *type,
			size_t *size, uint64_t *pos, uint64_t *base)
{
	unsigned char h[64];
	size_t p = 0, got, sz;
	unsigned shift = 4;
	unsigned char c;
	ssize_t r;

	if (off < 12 || off >= pk->len - 20)
		return false;
	got = pk->len - 20 - off < sizeof(h) ? (size_t)(pk->len - 20 - off)
					     : sizeof(h);
	if ((r = pread(pk->fd, h, got, (off_t)off)) < 0 || (size_t)r != got)
		return false;
	c = h[p++];
	*type = (c >> 4) & 7;
	sz = c & 15;
	while (c & 0x80) {
		if (p >= got || shift > 56)
			return false;
		c = h[p++];
		sz |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	}
	*size = sz;
	*base = 0;
	if (*type == OBJ_OFS_DELTA) {
		uint64_t back;

		if (p >= got)
			return false;
		c = h[p++];
		back = c & 0x7f;
		while (c & 0x80) {
			if (p >= got || back >> 55)
				return false;
			c = h[p++];
			back = ((back + 1) << 7) | (c & 0x7f);
		}
		if (back == 0 || back > off)
			return false;
		*base = off - back;
	} else if (*type == OBJ_REF_DELTA) {
		if (p + 20 > got || !(*base = find_offset(pk, h + p)))
			return false;
		p += 20;
	}
	*pos = off + p;
	return true;
}

/* zlib decodes on its fast path only while 258 bytes of output are left
 * (inffast.c): an object inflated into a buffer of exactly its size ends
 * on the slow path, a byte at a time, for its last 258 bytes, and a small
 * one all the way. The buffer has room past the end; the size is still
 * checked against what the stream made. */
#define INFLATE_SLACK 258

/* Inflates `size` bytes from the stream at `pos`; NULL when it cannot. */
static unsigned char *inflate_at(pd_packs *ps, const pack *pk, uint64_t pos,
				 size_t size)
{
	uint64_t end = object_end(pk, pos);
	size_t in_len;
	unsigned char *out;
	z_stream z;
	ssize_t r;
	int zr;

	if (end <= pos || end - pos > MAX_OBJECT + 1024)
		return NULL;
	in_len = (size_t)(end - pos);
	if (in_len > ps->in_cap) {
		unsigned char *g =
			pd_grow_realloc(NULL, ps->in, &ps->in_cap, 1, in_len);

		if (!g) {
			pd_error_clear(); /* a read that fails, that is all */
			return NULL;
		}
		ps->in = g;
	}
	if ((r = pread(pk->fd, ps->in, in_len, (off_t)pos)) < 0 ||
	    (size_t)r != in_len || !(out = malloc(size + INFLATE_SLACK)))
		return NULL;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = ps->in;
	z.avail_in = (uInt)in_len;
	z.next_out = out;
	z.avail_out = (uInt)(size + INFLATE_SLACK);
	zr = inflate(&z, Z_FINISH);
	inflateEnd(&z);
	if (zr != Z_STREAM_END || z.total_out != size) {
		free(out);
		return NULL;
	}
	ps->inflated++;
	return out;
}

static bool delta_size(const unsigned char *d, size_t len, size_t *pos,
		       size_t *out)
{
	unsigned shift = 0;
	size_t v = 0;
	unsigned char c;

	do {
		if (*pos >= len || shift > 56)
			return false;
		c = d[(*pos)++];
		v |= (size_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*out = v;
	return true;
}

/* The object a delta makes of its base; NULL when the delta does not fit
 * the base or is malformed, or when the object would be larger than
 * `limit` (then *out_len says how large). */
static unsigned char *apply_delta(const unsigned char *base, size_t blen,
				  const unsigned char *d, size_t dlen,
				  size_t limit, size_t *out_len)
{
	size_t pos = 0, src, dst, o = 0;
	unsigned char *out;

	*out_len = 0;
	if (!delta_size(d, dlen, &pos, &src) || src != blen ||
	    !delta_size(d, dlen, &pos, &dst))
		return NULL;
	if (dst > limit) {
		*out_len = dst; /* the caller says it is too large */
		return NULL;
	}
	if (!(out = malloc(dst ? dst : 1)))
		return NULL;
	while (pos < dlen) {
		unsigned char op = d[pos++];

		if (op & 0x80) {
			size_t off = 0, sz = 0, i;

			for (i = 0; i < 4; i++)
				if (op & (1u << i)) {
					if (pos >= dlen)
						goto bad;
					off |= (size_t)d[pos++] << (8 * i);
				}
			for (i = 0; i < 3; i++)
				if (op & (0x10u << i)) {
					if (pos >= dlen)
						goto bad;
					sz |= (size_t)d[pos++] << (8 * i);
				}
			if (!sz)
				sz = 0x10000;
			if (off > blen || sz > blen - off || sz > dst - o)
				goto bad;
			memcpy(out + o, base + off, sz);
			o += sz;
		} else if (op) {
			if (op > dlen - pos || op > dst - o)
				goto bad;
			memcpy(out + o, d + pos, op);
			pos += op;
			o += op;
		} else {
			goto bad;
		}
	}
	if (o != dst)
		goto bad;
	*out_len = dst;
	return out;
bad:
	free(out);
	return NULL;
}

/* One link of a delta chain: the delta at `off`, its stream at `pos`. */
typedef struct chain_link {
	uint64_t off, pos;
	size_t size;
} chain_link;

static void hex_of(char hex[41], const unsigned char *oid)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 20; i++) {
		hex[2 * i] = digits[oid[i] >> 4];
		hex[2 * i + 1] = digits[oid[i] & 15];
	}
	hex[40] = '\0';
}

/* Records why the object `oid` of pack `p` is not read, and returns
 * PD_EINVALID: what no reader should be given (libgit2 1.5 loops on a
 * delta cycle, and loads any object whole). */
static int refuse_object(const pack *p, const unsigned char *oid,
			 const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse_object(const pack *p, const unsigned char *oid,
			 const char *fmt, ...)
{
	char hex[41], what[256];
	va_list ap;

	hex_of(hex, oid);
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return pd_error_set(PD_ERROR, p->path, 0, 0, "object %s %s", hex,
			    what);
}

static size_t limit_of(int type)
{
	return type == OBJ_BLOB ? MAX_BLOB : MAX_OBJECT;
}

/* Reads the object at `off` of pack `pk` (whose id is `oid`, for
 * messages) into *data (*owned: the caller frees it; else it is the
 * cache's, valid until the next cache_put): 1; 0 when it is malformed
 * (libgit2 says how); PD_ERROR, recorded, for a delta cycle, a chain
 * too long, an object too large; PD_ENOMEM. */
static int read_object(pd_packs *ps, size_t pk, uint64_t off,
		       const unsigned char *oid, int *type,
		       unsigned char **data, size_t *len, bool *owned)
{
	const pack *p = &ps->p[pk];
	chain_link *chain = NULL;
	size_t n = 0, cap = 0, made = 0;
	unsigned char *cur = NULL;
	size_t cur_len = 0;
	bool cur_owned = false;
	int t = 0, err = 0;
	entry *e;

	/* down the chain to an object cached or whole */
	for (;;) {
		uint64_t pos, base;
		size_t size, k;

		if ((e = cache_get(ps, pk, off))) {
			t = e->type;
			cur = e->data;
			cur_len = e->len;
			break;
		}
		if (!read_header(p, off, &t, &size, &pos, &base))
			goto fail;
		if (t >= 1 && t <= 4) {
			if (size > limit_of(t)) {
				err = refuse_object(
					p, oid,
					"is %zu bytes, over the limit of %zu "
					"bytes",
					size, limit_of(t));
				goto fail;
			}
			if (!(cur = inflate_at(ps, p, pos, size)))
				goto fail;
			cur_len = size;
			cur_owned = !cache_put(ps, pk, off, t, cur, size);
			break;
		}
		if (t != OBJ_OFS_DELTA && t != OBJ_REF_DELTA)
			goto fail;
		if (size > MAX_OBJECT) {
			err = refuse_object(p, oid,
					    "has a delta of %zu bytes, over the "
					    "limit of %zu bytes",
					    size, MAX_OBJECT);
			goto fail;
		}
		if (n == MAX_CHAIN) {
			err = refuse_object(p, oid,
					    "has a chain of deltas longer than "
					    "%d",
					    MAX_CHAIN);
			goto fail;
		}
		if (PD_GROW(chain, n, cap) < 0) {
			err = PD_ENOMEM;
			goto fail;
		}
		chain[n].off = off;
		chain[n].pos = pos;
		chain[n].size = size;
		n++;
		/* an offset delta's base lies before it: a cycle needs a
		 * reference delta, whose base may be anywhere */
		if (t == OBJ_REF_DELTA)
			for (k = 0; k < n; k++)
				if (chain[k].off == base) {
					err = refuse_object(
						p, oid,
						"is a delta of itself: its "
						"deltas form a cycle");
					goto fail;
				}
		off = base;
	}
	/* back up, applying each delta to the object below it */
	while (n > 0) {
		chain_link *l = &chain[--n];
		unsigned char *delta, *next;
		size_t next_len;

		made += l->size;
		if (made > MAX_CHAIN_BYTES) {
			err = refuse_object(p, oid,
					    "takes more than %zu bytes of "
					    "deltas to make",
					    MAX_CHAIN_BYTES);
			goto fail;
		}
		if (!(delta = inflate_at(ps, p, l->pos, l->size)))
			goto fail;
		next = apply_delta(cur, cur_len, delta, l->size, limit_of(t),
				   &next_len);
		free(delta);
		if (cur_owned)
			free(cur);
		cur = NULL;
		cur_owned = false;
		if (!next) {
			if (next_len > limit_of(t))
				err = refuse_object(
					p, oid,
					"is %zu bytes, over the limit of %zu "
					"bytes",
					next_len, limit_of(t));
			goto fail;
		}
		cur = next;
		cur_len = next_len;
		made += next_len;
		cur_owned = !cache_put(ps, pk, l->off, t, next, next_len);
	}
	free(chain);
	*type = t;
	*data = cur;
	*len = cur_len;
	*owned = cur_owned;
	return 1;
fail:
	free(chain);
	if (cur_owned)
		free(cur);
	return err < 0 ? err : 0;
}

/* Every WINDOW reads: when they inflated more than two objects each on
 * the whole (their bases were not in the cache), the cache doubles, up
 * to its most. A history read in the order its pack chains its deltas
 * keeps the cache at its least. */
#define WINDOW 64

static void adapt(pd_packs *ps, size_t before)
{
	ps->window_inflated += ps->inflated - before;
	if (++ps->reads < WINDOW)
		return;
	if (ps->window_inflated > 2 * WINDOW && ps->budget < ps->most)
		ps->budget = ps->budget * 2 < ps->most ? ps->budget * 2
						       : ps->most;
	ps->reads = 0;
	ps->window_inflated = 0;
}

int pd_packs_count(const pd_packs *ps)
{
	return ps ? (int)ps->n : 0;
}

int pd_packs_read(pd_packs *ps, const unsigned char *oid, int *type,
		  pd_buf *out)
{
	size_t k, before = ps ? ps->inflated : 0;
	int r;

	pd_buf_clear(out);
	for (k = 0; ps && k < ps->n; k++) {
		uint64_t off = find_offset(&ps->p[k], oid);
		unsigned char *data = NULL;
		size_t len = 0;
		bool owned = false;

		if (!off)
			continue;
		r = read_object(ps, k, off, oid, type, &data, &len, &owned);
		adapt(ps, before);
		if (r <= 0)
			return r;
		pd_buf_put(out, (const char *)data, len);
		if (owned)
			free(data);
		return pd_buf_ok(out) < 0 ? PD_ENOMEM : 1;
	}
	return 0;
}

int pd_packs_read_blob(pd_packs *ps, const unsigned char *oid, pd_buf *out)
{
	int type = 0, r = pd_packs_read(ps, oid, &type, out);

	if (r == 1 && type != OBJ_BLOB) {
		pd_buf_clear(out);
		return 0;
	}
	return r;
}

/* Whether `sha` begins with the `hexlen` hex digits of `key`. */
static bool has_prefix(const unsigned char *sha, const unsigned char *key,
		       size_t hexlen)
{
	size_t whole = hexlen / 2;

	return memcmp(sha, key, whole) == 0 &&
	       (hexlen % 2 == 0 || (sha[whole] & 0xf0) == (key[whole] & 0xf0));
}

int pd_packs_find_prefix(const pd_packs *ps, const unsigned char *key,
			 size_t hexlen, unsigned char *out)
{
	size_t k;
	int found = 0;

	if (hexlen > 40)
		hexlen = 40;
	for (k = 0; ps && k < ps->n; k++) {
		const pack *pk = &ps->p[k];
		uint32_t lo = key[0] && hexlen >= 2
				      ? be32(pk->fanout + (key[0] - 1) * 4)
				      : 0;
		uint32_t hi = hexlen >= 2 ? be32(pk->fanout + key[0] * 4)
					  : pk->n;

		if (hi > pk->n || lo > hi)
			continue;
		/* the first id not below the key (its digits past the prefix
		 * are zeros), then every id that begins with it */
		while (lo < hi) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (memcmp(pk->sha + (size_t)mid * pk->stride, key, 20) <
			    0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < pk->n; lo++) {
			const unsigned char *sha =
				pk->sha + (size_t)lo * pk->stride;

			if (!has_prefix(sha, key, hexlen))
				break;
			if (found && memcmp(out, sha, 20) != 0)
				return 2;
			memcpy(out, sha, 20);
			found = 1;
		}
	}
	return found;
}

size_t pd_packs_inflated(const pd_packs *ps)
{
	return ps ? ps->inflated : 0;
}

size_t pd_packs_cache_size(const pd_packs *ps)
{
	return ps ? ps->budget : 0;
}

void pd_packs_free(pd_packs *ps)
{
	size_t k;

	if (!ps)
		return;
	while (ps->head)
		cache_drop(ps, ps->head);
	for (k = 0; k < ps->n; k++) {
		close(ps->p[k].fd);
		free(ps->p[k].starts);
		free(ps->p[k].path);
		munmap((void *)ps->p[k].idx, ps->p[k].idx_len);
	}
	free(ps->in);
	free(ps->p);
	entry_table_free(&ps->index);
	free(ps);
}
