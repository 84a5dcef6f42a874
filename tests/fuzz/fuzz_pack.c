/*
 * fuzz_pack.c: the pack reader on arbitrary pack files, and on packs
 * built to hold what a hostile repository would: delta cycles, long
 * chains, indexes whose counts do not fit.
 *
 * An input whose first byte is even is a pack index and a pack: four
 * bytes (big-endian) of the index's length after that byte, the index,
 * then the pack. One whose first byte is odd is a recipe (build_pack):
 * each following pair of bytes an object, whole or an offset or a
 * reference delta on another object of the recipe, chosen by the bytes,
 * so that cycles and chains come often; its low bits pick the index's
 * version and a count that lies. Both are written to a pack directory,
 * and every object the index lists is read, through a small cache and a
 * large one: each read is an object or a refusal, never a crash, a hang,
 * an overrun or a leak (the sanitizers watch), and a read done twice
 * gives the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack_read.h"
#include "profdiff/error.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];

static void put(const char *name, const uint8_t *d, size_t n)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/pack/%s", dir, name);
	if (!(f = fopen(path, "wb")))
		abort();
	if (n && fwrite(d, 1, n, f) != n)
		abort();
	fclose(f);
}

/* The recipe's objects: at most this many */
#define MAX_RECIPE 64

static void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Appends an object header of type t and size n. */
static size_t obj_header(unsigned char *p, int t, size_t n)
{
	size_t k = 0;

	p[k] = (unsigned char)(t << 4 | (n & 15));
	n >>= 4;
	while (n) {
		p[k++] |= 0x80;
		p[k] = n & 0x7f;
		n >>= 7;
	}
	return k + 1;
}

/* Appends a zlib stream of `d`. */
static size_t deflated(unsigned char *p, const unsigned char *d, size_t n)
{
	/* stored blocks: a valid stream without zlib's compressor */
	size_t k = 0;
	uint32_t a = 1, b = 0;
	size_t i;

	p[k++] = 0x78;
	p[k++] = 0x01;
	p[k++] = 1; /* final, stored */
	p[k++] = (unsigned char)n;
	p[k++] = (unsigned char)(n >> 8);
	p[k++] = (unsigned char)~n;
	p[k++] = (unsigned char)(~n >> 8);
	memcpy(p + k, d, n);
	k += n;
	for (i = 0; i < n; i++) {
		a = (a + d[i]) % 65521;
		b = (b + a) % 65521;
	}
	put_be32(p + k, b << 16 | a);
	return k + 4;
}

/* The recipe (see the top) as an index and a pack, in idx and pk. */
static void build_pack(const uint8_t *r, size_t n, unsigned char *idx,
		       size_t *ilen, unsigned char *pk, size_t *plen)
{
	static const unsigned char body[] = "schema: 1\n";
	unsigned char ids[MAX_RECIPE][20], delta[4];
	uint32_t offs[MAX_RECIPE], fan[256] = {0};
	size_t nobj = n / 2 > MAX_RECIPE ? MAX_RECIPE : n / 2, i, j, k;
	int version = (r[0] & 2) ? 1 : 2, lie = r[0] & 4;
	size_t order[MAX_RECIPE];

	/* a delta copying the whole of its base of sizeof(body)-1 bytes */
	delta[0] = sizeof(body) - 1;
	delta[1] = sizeof(body) - 1;
	delta[2] = 0x90;
	delta[3] = sizeof(body) - 1;
	for (i = 0; i < nobj; i++) {
		memset(ids[i], 0, 20);
		ids[i][0] = (unsigned char)(i * 4);
		ids[i][19] = (unsigned char)i;
	}
	memcpy(pk, "PACK\0\0\0\2", 8);
	put_be32(pk + 8, (uint32_t)nobj);
	k = 12;
	for (i = 0; i < nobj; i++) {
		uint8_t kind = r[1 + 2 * i], base = r[2 + 2 * i];

		offs[i] = (uint32_t)k;
		if (kind % 3 == 0 || i == 0) {
			k += obj_header(pk + k, 3, sizeof(body) - 1);
			k += deflated(pk + k, body, sizeof(body) - 1);
		} else if (kind % 3 == 1) { /* on an earlier object */
			size_t on = base % i, dist = k - offs[on];
			unsigned char o[16];
			size_t m = 0;

			k += obj_header(pk + k, 6, sizeof(delta));
			o[m++] = dist & 0x7f;
			while (dist >>= 7) {
				dist--;
				memmove(o + 1, o, m);
				o[0] = 0x80 | (dist & 0x7f);
				m++;
			}
			memcpy(pk + k, o, m);
			k += m;
			k += deflated(pk + k, delta, sizeof(delta));
		} else { /* on any, itself included */
			k += obj_header(pk + k, 7, sizeof(delta));
			memcpy(pk + k, ids[base % nobj], 20);
			k += 20;
			k += deflated(pk + k, delta, sizeof(delta));
		}
	}
	memset(pk + k, 0xab, 20); /* the "checksum" the index repeats */
	*plen = k + 20;
	/* the index: ids sorted (they are by construction) */
	for (i = 0; i < nobj; i++)
		order[i] = i;
	for (i = 0; i < nobj; i++)
		for (j = ids[i][0]; j < 256; j++)
			fan[j]++;
	if (lie)
		fan[255] = 0x7fffffff;
	k = 0;
	if (version == 2) {
		memcpy(idx, "\377tOc\0\0\0\2", 8);
		k = 8;
	}
	for (j = 0; j < 256; j++, k += 4)
		put_be32(idx + k, fan[j]);
	if (version == 1) {
		for (i = 0; i < nobj; i++, k += 24) {
			put_be32(idx + k, offs[order[i]]);
			memcpy(idx + k + 4, ids[order[i]], 20);
		}
	} else {
		for (i = 0; i < nobj; i++, k += 20)
			memcpy(idx + k, ids[order[i]], 20);
		memset(idx + k, 0, 4 * nobj);
		k += 4 * nobj;
		for (i = 0; i < nobj; i++, k += 4)
			put_be32(idx + k, offs[order[i]]);
	}
	memset(idx + k, 0xab, 20);
	memset(idx + k + 20, 0, 20);
	*ilen = k + 40;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char idx[8 + 1024 + MAX_RECIPE * 28 + 40];
	static unsigned char pk[12 + MAX_RECIPE * 64 + 20];
	uint32_t ilen;
	size_t i, nids;
	const unsigned char *ids;
	pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;

	if (!dir[0]) {
		char path[128];

		snprintf(dir, sizeof(dir), "/tmp/pd-fuzz-pack-%d", (int)getpid());
		snprintf(path, sizeof(path), "%s/pack", dir);
		/* made once; already there is fine */
		(void)mkdir(dir, 0700);
		(void)mkdir(path, 0700);
	}
	if (size < 1)
		return 0;
	if (data[0] & 1) {
		size_t il, pl;

		build_pack(data, size - 1, idx, &il, pk, &pl);
		put("x.idx", idx, il);
		put("x.pack", pk, pl);
		nids = (size - 1) / 2 > MAX_RECIPE ? MAX_RECIPE : (size - 1) / 2;
		ids = NULL;
	} else {
		data++;
		size--;
		if (size < 4)
			return 0;
		ilen = (uint32_t)data[0] << 24 | (uint32_t)data[1] << 16 |
		       (uint32_t)data[2] << 8 | data[3];
		if (ilen > size - 4)
			return 0;
		put("x.idx", data + 4, ilen);
		put("x.pack", data + 4 + ilen, size - 4 - ilen);
		/* the ids the index lists, as far as it lists them */
		nids = ilen > 8 + 1024 ? (ilen - 8 - 1024) / 20 : 0;
		if (nids > 64)
			nids = 64;
		ids = data + 4 + 8 + 1024;
	}
	for (int pass = 0; pass < 2; pass++) {
		pd_packs *ps = pd_packs_open(dir, pass ? 1 << 20 : 256,
					     pass ? 1 << 20 : 256);

		if (!ps)
			abort();
		/* an index refused at opening is never read */
		if (pd_packs_check(ps) < 0)
			nids = 0;
		for (i = 0; i < nids; i++) {
			unsigned char made[20] = {0};
			const unsigned char *id = ids ? ids + i * 20 : made;
			int r1, r2;

			made[0] = (unsigned char)(i * 4);
			made[19] = (unsigned char)i;
			r1 = pd_packs_read_blob(ps, id, &a);
			r2 = pd_packs_read_blob(ps, id, &b);
			/* a refusal (a cycle, a chain too long) is the same
			 * each time; memory runs out only for real */
			if (r1 == PD_ENOMEM || r2 == PD_ENOMEM || r1 != r2)
				abort();
			if (r1 == 1 && (a.len != b.len ||
					(a.len && memcmp(a.ptr, b.ptr, a.len))))
				abort();
		}
		pd_packs_free(ps);
	}
	pd_buf_free(&a);
	pd_buf_free(&b);
	return 0;
}
