/*
 * normalize.c: normal forms of text and URLs.
 *
 * ASCII text with typographic quotes, dashes, no-break spaces and
 * ellipses, by far the common case, is folded here directly, to the very
 * bytes utf8proc would give; anything else goes through utf8proc (NFKC,
 * case folding, "lumping" of quotes, dashes and spaces to their ASCII
 * forms) first.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include <xxhash.h>

#include "simd.h"
#include "profdiff/markers.h"
#include "profdiff/error.h"
#include "profdiff/normalize.h"
#include "profdiff/text.h"

/* Characters whose normal form is known here: NFKC leaves the quotes
 * and dashes as they are (fold_punct then maps them), maps U+00A0 to a
 * space and U+2026 to "..."; none composes with a neighbour. */
static bool simple_char(int32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2018 ||
	       cp == 0x2019 || cp == 0x201C || cp == 0x201D || cp == 0xA0 ||
	       cp == 0x2026;
}

/* ASCII, or a character folded without utf8proc. */
static bool simple_or_ascii(int32_t cp)
{
	return cp < 0x80 || simple_char(cp);
}

/* Whether the text needs nothing of utf8proc: ASCII and simple_char. */
static bool is_simple(const char *s, size_t len)
{
	return pd_utf8_span(s, len, simple_or_ascii) == len;
}

/* Quotes and dashes utf8proc's lumping leaves alone. */
static char fold_punct(int32_t cp)
{
	if ((cp >= 0x2018 && cp <= 0x201F) || cp == 0x2032 || cp == 0x2033 ||
	    cp == 0xAB || cp == 0xBB || cp == 0x2039 || cp == 0x203A)
		return '\'';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	return 0;
}

/* Appends text folded: ASCII lower case, quotes as ', dashes as -, white
 * space runs as one space (leading and trailing dropped). Other
 * characters are kept as they are. No byte of the input gives more than
 * one byte of output, but for the pending space before it: the output is
 * reserved once and written directly. */
static void fold_ascii(pd_buf *out, const char *s, size_t len, unsigned flags,
		       bool *space)
{
	char *o;
	size_t i;
#ifdef PD_SSE2
	size_t fast_from = 0;
#endif

	if (!pd_buf_reserve(out, len + 1))
		return;
	o = out->ptr + out->len;
	for (i = 0; i < len; i++) {
		char c = s[i];
		size_t m;

#ifdef PD_SSE2
		/* sixteen bytes of plain ASCII at a time: no byte below 0x20
		 * or from 0x80, no marker's '[', single spaces that need no
		 * folding (none first when one is pending or nothing is
		 * written yet); a block that does not qualify is done byte
		 * by byte, and the next tried after it */
		if (i >= fast_from && len - i >= 16) {
			__m128i v = _mm_loadu_si128(
				(const __m128i *)(const void *)(s + i));
			__m128i slow = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));
			unsigned sp = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));

			if (flags & PD_NORM_MARKERS)
				slow = _mm_or_si128(
					slow, _mm_cmpeq_epi8(v, _mm_set1_epi8('[')));
			if (!_mm_movemask_epi8(slow) && !(sp & (sp >> 1)) &&
			    !((sp & 1) && (*space || o == out->ptr))) {
				__m128i up = _mm_and_si128(
					_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
					_mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
				__m128i q = _mm_or_si128(
					_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					_mm_cmpeq_epi8(v, _mm_set1_epi8('`')));

				v = _mm_add_epi8(v, _mm_and_si128(
							    up, _mm_set1_epi8(0x20)));
				v = _mm_or_si128(_mm_andnot_si128(q, v),
						 _mm_and_si128(q, _mm_set1_epi8('\'')));
				if (*space) {
					*o++ = ' ';
					*space = false;
				}
				_mm_storeu_si128((__m128i *)(void *)o, v);
				/* a space last is pending, as byte by byte */
				o += sp & 0x8000 ? 15 : 16;
				*space = (sp & 0x8000) != 0;
				i += 15;
				continue;
			}
			fast_from = i + 16;
		}
#endif

		if ((unsigned char)c >= 0x80) {
			int32_t cp;
			size_t n = pd_utf8_decode(s + i, len - i, &cp);
			char f = fold_punct(cp);

			if (!n)
				n = 1;
			if (cp == 0xA0) { /* NFKC: a space */
				*space = o > out->ptr;
				i += n - 1;
				continue;
			}
			if (*space) {
				*o++ = ' ';
				*space = false;
			}
			if (f) {
				*o++ = f;
			} else if (cp == 0x2026) { /* NFKC: three dots */
				memcpy(o, "...", 3);
				o += 3;
			} else {
				memcpy(o, s + i, n);
				o += n;
			}
			i += n - 1;
			continue;
		}
		if ((flags & PD_NORM_MARKERS) && c == '[' &&
		    (m = pd_marker_len(s, len, i))) {
			i += m - 1;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			*space = o > out->ptr;
			continue;
		}
		if (*space) {
			*o++ = ' ';
			*space = false;
		}
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		else if (c == '"' || c == '`')
			c = '\'';
		*o++ = c;
	}
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
}

int pd_normalize(pd_buf *out, const char *s, size_t len, unsigned flags)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	bool space = false;

	if (is_simple(s, len)) {
		fold_ascii(out, s, len, flags, &space);
		return pd_buf_ok(out);
	}
	n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			 &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
				 UTF8PROC_CASEFOLD | UTF8PROC_IGNORE |
				 UTF8PROC_LUMP);
	if (n < 0) {
		/* not valid UTF-8: fold what is ASCII, keep the rest */
		fold_ascii(out, s, len, flags, &space);
		return pd_buf_ok(out);
	}
	fold_ascii(out, (const char *)mapped, (size_t)n, flags, &space);
	free(mapped);
	return pd_buf_ok(out);
}

uint64_t pd_fingerprint(const char *s, size_t len, unsigned flags)
{
	pd_buf b = PD_BUF_INIT;
	uint64_t h;

	pd_normalize(&b, s, len, flags);
	h = XXH3_64bits(b.ptr ? b.ptr : "", b.len);
	pd_buf_free(&b);
	return h;
}

static bool tracking_param(const char *p, size_t len)
{
	static const char *const names[] = {"_gl", "_ga", "fbclid", "gclid",
					    "mc_cid", "mc_eid", "ref_src",
					    NULL};
	size_t i, klen = 0;

	while (klen < len && p[klen] != '=')
		klen++;
	if (klen >= 4 && memcmp(p, "utm_", 4) == 0)
		return true;
	for (i = 0; names[i]; i++)
		if (strlen(names[i]) == klen && memcmp(names[i], p, klen) == 0)
			return true;
	return false;
}

void pd_url_normalize(pd_buf *out, const char *url, size_t len)
{
	size_t i = 0, host_end, path_end, q;
	const char *hash = memchr(url, '#', len);
	bool first = true;
	size_t start = out->len;

	if (hash)
		len = (size_t)(hash - url);
	/* scheme and host, lower case */
	{
		const char *sep = NULL;
		size_t k;

		for (k = 0; k + 2 < len; k++)
			if (url[k] == ':' && url[k + 1] == '/' && url[k + 2] == '/') {
				sep = url + k;
				break;
			}
		host_end = sep ? (size_t)(sep - url) + 3 : 0;
		while (host_end < len && url[host_end] != '/' &&
		       url[host_end] != '?')
			host_end++;
		if (!sep)
			host_end = 0;
	}
	for (i = 0; i < host_end; i++) {
		char c = url[i];

		pd_buf_putc(out, c >= 'A' && c <= 'Z' ? (char)(c + 32) : c);
	}
	path_end = host_end;
	while (path_end < len && url[path_end] != '?')
		path_end++;
	pd_buf_put(out, url + host_end, path_end - host_end);
	/* the query without tracking parameters */
	q = path_end < len ? path_end + 1 : len;
	while (q < len) {
		size_t e = q;

		while (e < len && url[e] != '&')
			e++;
		if (e > q && !tracking_param(url + q, e - q)) {
			pd_buf_putc(out, first ? '?' : '&');
			pd_buf_put(out, url + q, e - q);
			first = false;
		}
		q = e + 1;
	}
	/* a trailing '/' says nothing */
	if (first && out->len - start > host_end &&
	    out->ptr[out->len - 1] == '/') {
		out->len--;
		out->ptr[out->len] = '\0';
	}
}
