/*
 * json.c: JSON string literals, and the streaming writer of json.h.
 */
#include <stdint.h>
#include <string.h>

#include "json.h"
#include "plain_run.h"
#include "profdiff/text.h"
#include "simd.h"

#ifdef PD_SSE2
/* A bit for each of the sixteen bytes at p that a JSON string cannot
 * hold as it is: below 0x20, from 0x80 (signed, they are below 0x20
 * too), '"' and '\\'. */
static unsigned json_stops(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i stop = _mm_or_si128(
		_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
		_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
			     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));

	return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* A byte a JSON string cannot hold as it is. */
static inline bool json_stop(unsigned char d)
{
	return d < 0x20 || d >= 0x80 || d == '"' || d == '\\';
}

/* The end of the run of printable ASCII but '"' and '\\' from s[i]. */
static inline size_t json_plain_run(const char *s, size_t i, size_t len)
{
	return pd_plain_run(s, i, len, PD_STOPS16(json_stops), json_stop);
}

/* Makes room for `n` more bytes (and the NUL) in b: false when it has
 * failed. */
static inline bool room(pd_buf *b, size_t n)
{
	return (!b->failed && b->cap - b->len > n) || pd_buf_reserve(b, n);
}

/* The escape of s[0..len), whose first byte is not plain, at p: its
 * length; *used: how many bytes of s it stands for. At most six bytes. */
static size_t json_escape(char *p, const char *s, size_t len, size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char c = (unsigned char)s[0];
	int32_t cp;
	size_t n;

	*used = 1;
	if (c == '"' || c == '\\') {
		p[0] = '\\';
		p[1] = (char)c;
		return 2;
	}
	if (c < 0x20) {
		p[0] = '\\';
		switch (c) {
		case '\n':
			p[1] = 'n';
			return 2;
		case '\t':
			p[1] = 't';
			return 2;
		case '\r':
			p[1] = 'r';
			return 2;
		default:
			memcpy(p + 1, "u00", 3);
			p[4] = hex[c >> 4];
			p[5] = hex[c & 15];
			return 6;
		}
	}
	n = pd_utf8_decode(s, len, &cp);
	*used = n;
	if (cp == 0xFFFD && n == 1) {
		memcpy(p, "\\ufffd", 6);
		return 6;
	}
	if (cp == 0x2028 || cp == 0x2029) {
		memcpy(p, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
		return 6;
	}
	memcpy(p, s, n); /* a character of its own, as it is */
	return n;
}

void pd_json_string(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0;
	char *p;

	if (!s) {
		pd_buf_put(out, "null", 4);
		return;
	}
	/* room for the string as it is and its quotes; an escape makes more */
	if (len > SIZE_MAX / 2 - 8 || !room(out, len + 2)) {
		out->failed = true;
		return;
	}
	p = out->ptr + out->len;
	*p++ = '"';
	for (;;) {
		size_t j = json_plain_run(s, i, len), used;

		memcpy(p, s + i, j - i);
		p += j - i;
		i = j;
		if (i == len)
			break;
		/* six bytes at most for the escape, then the rest as it is */
		out->len = (size_t)(p - out->ptr);
		if (!room(out, 6 + (len - i) + 1))
			return;
		p = out->ptr + out->len;
		p += json_escape(p, s + i, len - i, &used);
		i += used;
	}
	*p++ = '"';
	*p = '\0';
	out->len = (size_t)(p - out->ptr);
}

void pd_json_cstr(pd_buf *out, const char *s)
{
	pd_json_string(out, s, s ? strlen(s) : 0);
}

void pd_json_init(pd_json *j, pd_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

/* The bit of has_items that says whether the container at `depth` (from
 * 1) holds an item. */
static uint64_t level_bit(unsigned depth)
{
	return (uint64_t)1 << ((depth - 1) & (PD_JSON_MAX_DEPTH - 1));
}

void pd_json_init_within(pd_json *j, pd_buf *out, unsigned depth,
			 bool items)
{
	unsigned d;

	pd_json_init(j, out);
	j->depth = depth;
	/* each open container holds the next one: it has an item */
	for (d = 1; d < depth; d++)
		j->has_items |= level_bit(d);
	if (depth)
		j->bit = level_bit(depth);
	if (items)
		j->has_items |= j->bit;
}

void pd_json_splice(pd_json *j, const char *piece, size_t len)
{
	uint64_t bit;

	if (!len || !(bit = j->bit))
		return;
	/* after a comma, a piece's first break stands for the space */
	if (j->has_items & bit)
		pd_buf_puts(j->out,
			    piece[0] && strchr(" \n\t\r", piece[0]) ? "," : ", ");
	j->has_items |= bit;
	j->brk = NULL;
	pd_buf_put(j->out, piece, len);
}

void pd_json__broken_item(pd_json *j)
{
	if (j->has_items & j->bit)
		pd_buf_putc(j->out, ',');
	j->has_items |= j->bit;
	pd_buf_put(j->out, j->brk, j->brk_len);
	j->brk = NULL;
}

void pd_json__named(pd_json *j, const char *name, size_t len, char open)
{
	pd_json__item(j);
	pd_buf_putc(j->out, '"');
	pd_buf_put(j->out, name, len);
	pd_buf_put(j->out, "\": ", 3);
	if (open) {
		pd_buf_putc(j->out, open);
		pd_json__deeper(j);
	} else {
		j->after_key = true;
	}
}

void pd_json_key(pd_json *j, const char *key)
{
	pd_json__item(j);
	pd_json_cstr(j->out, key);
	pd_buf_put(j->out, ": ", 2);
	j->after_key = true;
}

void pd_json_value_string(pd_json *j, const char *s, size_t len)
{
	pd_json__item(j);
	pd_json_string(j->out, s, len);
}

void pd_json_value_cstr(pd_json *j, const char *s)
{
	pd_json__item(j);
	pd_json_cstr(j->out, s);
}

void pd_json_value_uint(pd_json *j, unsigned long long v)
{
	pd_json__item(j);
	pd_buf_put_uint(j->out, v);
}

void pd_json_value_int(pd_json *j, long long v)
{
	pd_json__item(j);
	if (v < 0) {
		pd_buf_putc(j->out, '-');
		pd_buf_put_uint(j->out, 0ull - (unsigned long long)v);
		return;
	}
	pd_buf_put_uint(j->out, (unsigned long long)v);
}

void pd_json_value_bool(pd_json *j, bool v)
{
	pd_json__item(j);
	if (v)
		pd_buf_put(j->out, "true", 4);
	else
		pd_buf_put(j->out, "false", 5);
}

void pd_json_value_null(pd_json *j)
{
	pd_json__item(j);
	pd_buf_put(j->out, "null", 4);
}

void pd_json_value_enum(pd_json *j, const char *s)
{
	size_t len = strlen(s);
	pd_buf *b = j->out;

	pd_json__item(j);
	if (!room(b, len + 2))
		return;
	b->ptr[b->len] = '"';
	memcpy(b->ptr + b->len + 1, s, len);
	b->ptr[b->len + 1 + len] = '"';
	b->len += len + 2;
	b->ptr[b->len] = '\0';
}

void pd_json_value_raw(pd_json *j, const char *text, size_t len)
{
	pd_json__item(j);
	pd_buf_put(j->out, text, len);
}
