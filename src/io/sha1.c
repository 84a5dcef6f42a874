/*
 * sha1.c: SHA-1 (FIPS 180-4) of git objects on the x86 SHA extensions,
 * with libgit2's own as the fallback (see sha1.h).
 *
 * The SHA extensions do four rounds an instruction (sha1rnds4), with the
 * message schedule in two more (sha1msg1, sha1msg2) and the fifth state
 * word carried by sha1nexte. A block is twenty groups of four rounds;
 * group g takes the message words W[g] (four of them), where for g >= 4
 *     W[g] = msg2(msg1(W[g-4], W[g-3]) ^ W[g-2], W[g-1]),
 * which is w[t] = rotl1(w[t-3] ^ w[t-8] ^ w[t-14] ^ w[t-16]) four words at
 * a time, and the E of group g comes from the state before group g - 1.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sha1.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#ifdef HAVE_SHA_NI

typedef struct sha1_ctx {
	uint32_t h[5];
	unsigned char buf[64];
	size_t nbuf;
	uint64_t total; /* bytes */
} sha1_ctx;

#define TARGET __attribute__((target("sha,sse4.1,ssse3")))

/* The state before group g (prev) is what the E of group g + 1 comes
 * from. */
#define GROUP(f, w)                                                        \
	do {                                                               \
		e = _mm_sha1nexte_epu32(prev, (w));                        \
		prev = abcd;                                               \
		abcd = _mm_sha1rnds4_epu32(abcd, e, (f));                  \
	} while (0)
#define NEXT(w0, w1, w2, w3)                                               \
	((w0) = _mm_sha1msg2_epu32(                                        \
		 _mm_xor_si128(_mm_sha1msg1_epu32((w0), (w1)), (w2)), (w3)))

TARGET static void blocks(uint32_t h[5], const unsigned char *p, size_t n)
{
	const __m128i swap = _mm_set_epi64x(0x0001020304050607LL,
					    0x08090a0b0c0d0e0fLL);
	__m128i abcd, e0, abcd_save, e0_save, e, prev, w0, w1, w2, w3;

	abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0x1B);
	e0 = _mm_set_epi32((int)h[4], 0, 0, 0);
	for (; n; n--, p += 64) {
		abcd_save = abcd;
		e0_save = e0;
		w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)p), swap);
		w1 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(p + 16)), swap);
		w2 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(p + 32)), swap);
		w3 = _mm_shuffle_epi8(
			_mm_loadu_si128((const __m128i *)(p + 48)), swap);
		/* group 0: E is the state's own, plus the words */
		prev = abcd;
		abcd = _mm_sha1rnds4_epu32(abcd, _mm_add_epi32(e0, w0), 0);
		GROUP(0, w1);
		GROUP(0, w2);
		GROUP(0, w3);
		GROUP(0, NEXT(w0, w1, w2, w3)); /* 4 */
		GROUP(1, NEXT(w1, w2, w3, w0));
		GROUP(1, NEXT(w2, w3, w0, w1));
		GROUP(1, NEXT(w3, w0, w1, w2));
		GROUP(1, NEXT(w0, w1, w2, w3)); /* 8 */
		GROUP(1, NEXT(w1, w2, w3, w0));
		GROUP(2, NEXT(w2, w3, w0, w1));
		GROUP(2, NEXT(w3, w0, w1, w2));
		GROUP(2, NEXT(w0, w1, w2, w3)); /* 12 */
		GROUP(2, NEXT(w1, w2, w3, w0));
		GROUP(2, NEXT(w2, w3, w0, w1));
		GROUP(3, NEXT(w3, w0, w1, w2));
		GROUP(3, NEXT(w0, w1, w2, w3)); /* 16 */
		GROUP(3, NEXT(w1, w2, w3, w0));
		GROUP(3, NEXT(w2, w3, w0, w1));
		GROUP(3, NEXT(w3, w0, w1, w2)); /* 19 */
		e0 = _mm_sha1nexte_epu32(prev, e0_save);
		abcd = _mm_add_epi32(abcd, abcd_save);
	}
	_mm_storeu_si128((__m128i *)h, _mm_shuffle_epi32(abcd, 0x1B));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

static void ctx_init(sha1_ctx *c)
{
	static const uint32_t iv[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE,
				       0x10325476, 0xC3D2E1F0};

	memcpy(c->h, iv, sizeof(iv));
	c->nbuf = 0;
	c->total = 0;
}

static void ctx_update(sha1_ctx *c, const unsigned char *p, size_t len)
{
	c->total += len;
	if (c->nbuf) {
		size_t take = 64 - c->nbuf < len ? 64 - c->nbuf : len;

		memcpy(c->buf + c->nbuf, p, take);
		c->nbuf += take;
		p += take;
		len -= take;
		if (c->nbuf < 64)
			return;
		blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	if (len >= 64) {
		blocks(c->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

static void ctx_final(sha1_ctx *c, unsigned char out[20])
{
	uint64_t bits = c->total * 8;
	size_t i;

	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > 56) {
		memset(c->buf + c->nbuf, 0, 64 - c->nbuf);
		blocks(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, 56 - c->nbuf);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	blocks(c->h, c->buf, 1);
	for (i = 0; i < 5; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

/* CPUID leaf 7, EBX bit 29: SHA; leaf 1, ECX bits 9 and 19: SSSE3 and
 * SSE4.1. */
static bool cpu_has_sha(void)
{
	unsigned a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) ||
	    !(c & (1u << 19)))
		return false;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return false;
	return (b >> 29) & 1;
}

bool pd_sha1_accelerated(void)
{
	static atomic_int known; /* 0: not asked yet; 1: yes; 2: no */
	int k = atomic_load_explicit(&known, memory_order_relaxed);

	if (!k) {
		k = cpu_has_sha() ? 1 : 2;
		atomic_store_explicit(&known, k, memory_order_relaxed);
	}
	return k == 1;
}

int pd_object_id_accelerated(git_oid *out, const void *data, size_t len,
			     git_object_t type)
{
	const char *name = git_object_type2string(type);
	char head[64];
	int n;
	sha1_ctx c;

	if (!cpu_has_sha())
		return -1;
	if (!name || !*name ||
	    (n = snprintf(head, sizeof(head), "%s %zu", name, len)) < 0 ||
	    (size_t)n >= sizeof(head)) {
		git_error_set_str(GIT_ERROR_INVALID, "invalid object type");
		return -1;
	}
	ctx_init(&c);
	ctx_update(&c, (const unsigned char *)head, (size_t)n + 1);
	ctx_update(&c, data, len);
	ctx_final(&c, out->id);
	return 0;
}

#else

bool pd_sha1_accelerated(void)
{
	return false;
}

int pd_object_id_accelerated(git_oid *out, const void *data, size_t len,
			     git_object_t type)
{
	(void)out;
	(void)data;
	(void)len;
	(void)type;
	return -1;
}

#endif

int pd_object_id(git_oid *out, const void *data, size_t len,
		 git_object_t type)
{
	if (pd_sha1_accelerated())
		return pd_object_id_accelerated(out, data, len, type);
	return git_odb_hash(out, data, len, type);
}
