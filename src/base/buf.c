/*
 * buf.c: the growable output buffer (see buf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/buf.h"
#include "profdiff/error.h"

bool pd_buf_reserve(pd_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return false;
	if (extra > SIZE_MAX - b->len - 1)
		goto fail;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->ptr, cap);
	if (!p)
		goto fail;
	b->ptr = p;
	b->cap = cap;
	return true;
fail:
	b->failed = true;
	return false;
}

void pd_buf_put_grow(pd_buf *b, const char *s, size_t len)
{
	if (!pd_buf_reserve(b, len))
		return;
	if (len)
		memcpy(b->ptr + b->len, s, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void pd_buf_put_uint(pd_buf *b, unsigned long long v)
{
	char d[20]; /* 2^64 - 1 has 20 digits */
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	pd_buf_put(b, d + n, sizeof(d) - n);
}

void pd_buf_put_int(pd_buf *b, long long v)
{
	if (v < 0) {
		pd_buf_putc(b, '-');
		/* in unsigned arithmetic, so that LLONG_MIN has its value */
		pd_buf_put_uint(b, 0ull - (unsigned long long)v);
		return;
	}
	pd_buf_put_uint(b, (unsigned long long)v);
}

void pd_buf_put_again(pd_buf *b, size_t at, size_t n)
{
	/* room first: growing moves the bytes, so they are found by offset */
	if (!n || b->failed || at > b->len || n > b->len - at ||
	    !pd_buf_reserve(b, n))
		return;
	memcpy(b->ptr + b->len, b->ptr + at, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void pd_buf_vprintf(pd_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	if (!pd_buf_reserve(b, 64))
		return;
	va_copy(ap2, ap);
	n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		if (!pd_buf_reserve(b, (size_t)n))
			return;
		vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap);
	}
	b->len += (size_t)n;
}

void pd_buf_printf(pd_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pd_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void pd_buf_clear(pd_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void pd_buf_free(pd_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}

int pd_buf_ok(const pd_buf *b)
{
	return b->failed ? pd_error_oom() : 0;
}

const char *pd_buf_cstr(const pd_buf *b)
{
	return b->ptr ? b->ptr : "";
}
