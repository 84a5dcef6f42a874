/*
 * markers.c: citation markers in prose (markers.h).
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/error.h"
#include "profdiff/markers.h"
#include "profdiff/profile.h"
#include "grow.h"

bool pd_marker_at(const char *s, size_t len, size_t i)
{
	return i + 1 < len && s[i] == '[' && s[i + 1] >= '0' && s[i + 1] <= '9';
}

/* A dash joining a range: '-', U+2013 or U+2014. Returns its length. */
static size_t dash_len(const char *s, size_t len, size_t i)
{
	if (i < len && s[i] == '-')
		return 1;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x94))
		return 3;
	return 0;
}

static size_t read_number(const char *s, size_t len, size_t i, uint32_t *v)
{
	size_t j = i;
	uint64_t x = 0;

	while (j < len && s[j] >= '0' && s[j] <= '9' && j - i < 12) {
		x = x * 10 + (uint64_t)(s[j] - '0');
		j++;
	}
	if (j == i || (j < len && s[j] >= '0' && s[j] <= '9'))
		return 0;
	*v = x > UINT32_MAX ? UINT32_MAX : (uint32_t)x;
	return j - i;
}

/* Parses the marker at s[i] ('[' then a digit). Calls `emit` for each
 * number when `emit` is given. Returns the marker's length, or 0 when it
 * is malformed; *scan_end receives where a malformed one stops (the next
 * ']' or the end of the digits-and-separators run). */
static size_t parse_marker(const char *s, size_t len, size_t i,
			   void (*emit)(void *, uint32_t), void *ctx,
			   size_t *scan_end)
{
	size_t j = i + 1;

	for (;;) {
		uint32_t a, b;
		size_t n = read_number(s, len, j, &a), d;

		if (!n || a < 1 || a > PD_MAX_FOOTNOTE)
			goto bad;
		j += n;
		d = dash_len(s, len, j);
		if (d) {
			n = read_number(s, len, j + d, &b);
			if (!n || b <= a || b > PD_MAX_FOOTNOTE ||
			    b - a > PD_MAX_MARKER_RANGE)
				goto bad;
			j += d + n;
			if (emit)
				for (; a <= b; a++)
					emit(ctx, a);
		} else if (emit) {
			emit(ctx, a);
		}
		if (j < len && s[j] == ']') {
			*scan_end = j + 1;
			return j + 1 - i;
		}
		if (j < len && s[j] == ',') {
			j++;
			while (j < len && s[j] == ' ')
				j++;
			continue;
		}
		goto bad;
	}
bad:
	/* a malformed marker runs to its ']' if one closes it soon */
	{
		size_t k = i + 1;

		while (k < len && k - i < 64 && s[k] != ']' && s[k] != '[')
			k++;
		*scan_end = k < len && s[k] == ']' ? k + 1 : i + 2;
	}
	return 0;
}

size_t pd_marker_len(const char *s, size_t len, size_t i)
{
	size_t end;

	if (!pd_marker_at(s, len, i))
		return 0;
	return parse_marker(s, len, i, NULL, NULL, &end);
}

typedef struct collect {
	pd_arena *arena;
	uint32_t *v;
	size_t n, cap;
	bool oom;
} collect;

static void collect_number(void *ctx, uint32_t x)
{
	collect *c = ctx;

	if (c->oom)
		return;
	if (PD_ARENA_GROW(c->arena, c->v, c->n, c->cap) < 0) {
		c->oom = true;
		return;
	}
	c->v[c->n++] = x;
}

int pd_markers(pd_arena *arena, const char *s, size_t len, pd_marker **out,
	       size_t *n)
{
	pd_marker *v = NULL;
	size_t cap = 0, cnt = 0, i = 0;

	while (i < len) {
		const char *p = memchr(s + i, '[', len - i);
		size_t at, end, mlen;
		collect c = {arena, NULL, 0, 0, false};
		pd_marker *m;

		if (!p)
			break;
		at = (size_t)(p - s);
		if (!pd_marker_at(s, len, at)) {
			i = at + 1;
			continue;
		}
		mlen = parse_marker(s, len, at, collect_number, &c, &end);
		if (c.oom)
			return PD_ENOMEM;
		if (PD_ARENA_GROW(arena, v, cnt, cap) < 0)
			return PD_ENOMEM;
		m = &v[cnt++];
		m->start = at;
		m->end = end;
		m->malformed = mlen == 0;
		m->numbers = mlen ? c.v : NULL;
		m->nnumbers = mlen ? c.n : 0;
		i = end;
	}
	*out = v;
	*n = cnt;
	return 0;
}

int pd_marker_next(const char *s, size_t len, size_t *pos, pd_marker *m,
		   uint32_t **buf, size_t *cap)
{
	size_t i = *pos;

	while (i < len) {
		const char *p = memchr(s + i, '[', len - i);
		size_t at, end, mlen;
		collect c = {NULL, *buf, 0, *cap, false};

		if (!p)
			break;
		at = (size_t)(p - s);
		if (!pd_marker_at(s, len, at)) {
			i = at + 1;
			continue;
		}
		mlen = parse_marker(s, len, at, collect_number, &c, &end);
		*buf = c.v;
		*cap = c.cap;
		if (c.oom)
			return PD_ENOMEM;
		m->start = at;
		m->end = end;
		m->malformed = mlen == 0;
		m->numbers = mlen ? c.v : NULL;
		m->nnumbers = mlen ? c.n : 0;
		*pos = end;
		return 1;
	}
	*pos = len;
	return 0;
}

/* The distinct numbers met, in order of first meeting: a list, looked
 * through while it is short, and past DISTINCT_SCAN numbers a bitmap of
 * those seen. */
#define DISTINCT_SCAN 16

typedef struct distinct {
	unsigned char *seen; /* PD_MAX_FOOTNOTE + 1 bits, or NULL */
	uint32_t *v;
	size_t n, cap;
	bool oom;
} distinct;

static bool distinct_has(const distinct *d, uint32_t x)
{
	size_t k;

	if (d->seen)
		return d->seen[x / 8] & (1u << (x % 8));
	for (k = 0; k < d->n; k++)
		if (d->v[k] == x)
			return true;
	return false;
}

static void distinct_number(void *ctx, uint32_t x)
{
	distinct *d = ctx;
	size_t k;

	if (d->oom || distinct_has(d, x))
		return;
	if (PD_GROW(d->v, d->n, d->cap) < 0) {
		d->oom = true;
		return;
	}
	d->v[d->n++] = x;
	if (d->seen) {
		d->seen[x / 8] |= (unsigned char)(1u << (x % 8));
	} else if (d->n > DISTINCT_SCAN) {
		if (!(d->seen = calloc(PD_MAX_FOOTNOTE / 8 + 1, 1))) {
			d->oom = true;
			return;
		}
		for (k = 0; k < d->n; k++)
			d->seen[d->v[k] / 8] |= (unsigned char)(1u << (d->v[k] % 8));
	}
}

int pd_marker_numbers(pd_arena *arena, const char *s, size_t len,
		      uint32_t **out, size_t *n)
{
	distinct d = {NULL, NULL, 0, 0, false};
	size_t i = 0, end;
	int err = 0;

	*out = NULL;
	*n = 0;
	while (i < len) {
		const char *p = memchr(s + i, '[', len - i);
		size_t at, mark, mlen;

		if (!p)
			break;
		at = (size_t)(p - s);
		if (!pd_marker_at(s, len, at)) {
			i = at + 1;
			continue;
		}
		mark = d.n;
		mlen = parse_marker(s, len, at, distinct_number, &d, &end);
		if (d.oom)
			break;
		/* a malformed marker cites nothing: what it brought goes */
		while (!mlen && d.n > mark) {
			uint32_t x = d.v[--d.n];

			if (d.seen)
				d.seen[x / 8] &= (unsigned char)~(1u << (x % 8));
		}
		i = end;
	}
	if (d.oom)
		err = pd_error_oom();
	else if (d.n && !(*out = pd_arena_alloc(arena, d.n * sizeof(**out))))
		err = PD_ENOMEM;
	else if (d.n) {
		memcpy(*out, d.v, d.n * sizeof(**out));
		*n = d.n;
	}
	free(d.v);
	free(d.seen);
	return err;
}
