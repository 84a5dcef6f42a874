/*
 * scan.h: what the text scanners of the core share. Internal to the core.
 *
 * Eight bytes at a time: a word of text loaded with scan_load8() and asked
 * which of its bytes lie in a range or equal a byte. The answers set the
 * high bit of the bytes concerned; scan_in_range() is exact byte by byte,
 * scan_has() is exact only in saying whether any byte is the one asked
 * (a borrow may also mark bytes above a match), which is all its callers
 * ask.
 *
 * Grouping by first byte: scan_group_by_byte() orders a few items (phrases,
 * words) so that those starting with a byte are found together.
 */
#ifndef PROFDIFF_SCAN_H
#define PROFDIFF_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "simd.h"

#define SCAN_ONES 0x0101010101010101u
#define SCAN_HIGH (SCAN_ONES * 0x80)

static inline uint64_t scan_load8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, sizeof(x));
	return x;
}

/* The high bit of each byte of x from lo to hi (ASCII: hi < 0x80): the
 * low seven bits plus a bias carry into the high bit from lo on and stop
 * short of it past hi; a byte over 0x7F is none. */
static inline uint64_t scan_in_range(uint64_t x, unsigned char lo,
				     unsigned char hi)
{
	uint64_t low7 = x & ~SCAN_HIGH;

	return (low7 + SCAN_ONES * (0x80u - lo)) &
	       ~(low7 + SCAN_ONES * (0x7Fu - hi)) & ~x & SCAN_HIGH;
}

/* Nonzero when some byte of x is c: a byte equal to c is a zero byte of
 * x ^ c, whose borrow (v - 0x01...) & ~v shows in its high bit. */
static inline uint64_t scan_has(uint64_t x, unsigned char c)
{
	uint64_t v = x ^ (SCAN_ONES * c);

	return (v - SCAN_ONES) & ~v & SCAN_HIGH;
}

/* Where the n bytes of w (n > 0) first occur in s[0, len), or NULL:
 * memchr for the first byte, then a comparison. On the short texts of a
 * profile (a sentence, a footnote) this is quicker than memmem, which
 * prepares its search before it starts. */
static inline const char *scan_find(const char *s, size_t len, const char *w,
				    size_t n)
{
	const char *end = s + len, *p;

	while ((size_t)(end - s) >= n &&
	       (p = memchr(s, w[0], (size_t)(end - s) - n + 1))) {
		if (memcmp(p, w, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

/* Groups n items (n < 256) by a byte each, key[i], keeping their order:
 * the items of byte c are order[start[c] .. start[c + 1]). */
static inline void scan_group_by_byte(const unsigned char *key, size_t n,
				      unsigned char start[257],
				      unsigned char *order)
{
	unsigned char at[256];
	size_t i, c;

	memset(start, 0, 257);
	for (i = 0; i < n; i++)
		start[key[i] + 1]++;
	for (c = 1; c <= 256; c++)
		start[c] = (unsigned char)(start[c] + start[c - 1]);
	memcpy(at, start, sizeof(at));
	for (i = 0; i < n; i++)
		order[at[key[i]]++] = (unsigned char)i;
}

/* ASCII case folding of one byte; other bytes are left as they are. */
static inline char scan_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

/* A byte of a word: an ASCII letter or digit, or any byte of a UTF-8
 * sequence (so that words of other scripts are not cut). */
static inline bool scan_is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* The first i' >= i with s[i'] one of the n bytes of `set` (n small),
 * or len: sixteen bytes at a time where the processor can. */
static inline size_t scan_next_of(const char *s, size_t i, size_t len,
				  const char *set, size_t n)
{
	size_t k;

#ifdef PD_SSE2
	while (len - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i hit = _mm_setzero_si128();
		unsigned m;

		for (k = 0; k < n; k++)
			hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, _mm_set1_epi8(set[k])));
		if ((m = (unsigned)_mm_movemask_epi8(hit)))
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	for (; i < len; i++)
		for (k = 0; k < n; k++)
			if (s[i] == set[k])
				return i;
	return len;
}

/* The bytes of s[0, 16) that are not printable ASCII (0x20 to 0x7E), as
 * the bits of a mask: zero when all are. */
static inline unsigned scan_unprintable16(const char *s)
{
#ifdef PD_SSE2
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i ok = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x1F)),
				   _mm_cmplt_epi8(v, _mm_set1_epi8(0x7F)));

	return ~(unsigned)_mm_movemask_epi8(ok) & 0xFFFFu;
#else
	unsigned m = 0, k;

	for (k = 0; k < 16; k++)
		m |= (unsigned)((unsigned char)s[k] < 0x20 ||
				(unsigned char)s[k] > 0x7E)
		     << k;
	return m;
#endif
}

/* As scan_unprintable16, for s[0, 32) (bit k for s[k]), less the bytes
 * equal to `also` (a printable byte for none). */
static inline uint32_t scan_unprintable32_but(const char *s, char also)
{
#ifdef PD_SSE2
	/* printable: 0x20 + 0x60 wraps to -128, 0x7E + 0x60 to -34, and
	 * every other byte lands at -33 or above */
	const __m128i bias = _mm_set1_epi8(0x60), top = _mm_set1_epi8(-33);
	const __m128i a = _mm_set1_epi8(also);
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
	__m128i okv = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, bias), top),
				   _mm_cmpeq_epi8(v, a));
	__m128i okw = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(w, bias), top),
				   _mm_cmpeq_epi8(w, a));

	return ~((uint32_t)_mm_movemask_epi8(okv) |
		 (uint32_t)_mm_movemask_epi8(okw) << 16);
#else
	uint32_t m = 0, k;

	for (k = 0; k < 32; k++)
		m |= (uint32_t)(((unsigned char)s[k] < 0x20 ||
				 (unsigned char)s[k] > 0x7E) &&
				s[k] != also)
		     << k;
	return m;
#endif
}

/* The word bytes (scan_is_word_byte) of s[0, 16) as the bits of a mask,
 * bit k for s[k]: sixteen bytes at a time where the processor can. */
static inline unsigned scan_word_mask16(const char *s)
{
#ifdef PD_SSE2
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i letter = _mm_and_si128(_mm_cmpgt_epi8(low, _mm_set1_epi8('a' - 1)),
				       _mm_cmplt_epi8(low, _mm_set1_epi8('z' + 1)));
	__m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
				      _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i high = _mm_cmplt_epi8(v, _mm_setzero_si128());

	return (unsigned)_mm_movemask_epi8(
		_mm_or_si128(_mm_or_si128(letter, digit), high));
#else
	unsigned m = 0, k;

	for (k = 0; k < 16; k++)
		m |= (unsigned)scan_is_word_byte((unsigned char)s[k]) << k;
	return m;
#endif
}

#endif
