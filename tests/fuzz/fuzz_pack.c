/*
 * fuzz_pack.c: the pack reader on arbitrary pack files. The input is a
 * pack index and a pack: four bytes (big-endian) of the index's length,
 * the index, then the pack. Both are written to a pack directory, and
 * every object the index lists is read, through a small cache and a
 * large one: each read is a blob or a refusal, never a crash, an overrun
 * or a leak (the sanitizers watch), and a blob read twice is the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack_read.h"

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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t ilen;
	size_t i, nids;
	pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;

	if (!dir[0]) {
		char path[128];

		snprintf(dir, sizeof(dir), "/tmp/pd-fuzz-pack-%d", (int)getpid());
		snprintf(path, sizeof(path), "%s/pack", dir);
		/* made once; already there is fine */
		(void)mkdir(dir, 0700);
		(void)mkdir(path, 0700);
	}
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
	for (int pass = 0; pass < 2; pass++) {
		pd_packs *ps = pd_packs_open(dir, pass ? 1 << 20 : 256,
					     pass ? 1 << 20 : 256);

		if (!ps)
			abort();
		for (i = 0; i < nids; i++) {
			const unsigned char *id = data + 4 + 8 + 1024 + i * 20;
			int r1 = pd_packs_read_blob(ps, id, &a);
			int r2 = pd_packs_read_blob(ps, id, &b);

			if (r1 < 0 || r2 < 0 || r1 != r2)
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
