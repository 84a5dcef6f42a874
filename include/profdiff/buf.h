/*
 * buf.h: a growable byte buffer, the one output primitive of the writers
 * and renderers.
 *
 * An allocation failure does not interrupt the caller: the buffer records
 * it, ignores further appends, and pd_buf_ok() reports it at the end. This
 * keeps renderers free of error checks on every append.
 */
#ifndef PROFDIFF_BUF_H
#define PROFDIFF_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct pd_buf {
	char *ptr;   /* always NUL-terminated once anything was appended */
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed: the contents are incomplete */
} pd_buf;

#define PD_BUF_INIT {NULL, 0, 0, false}

/* pd_buf_put when the buffer must grow first (or has failed). */
void pd_buf_put_grow(pd_buf *b, const char *s, size_t len);

/* Appending: inline, as renderers append a few bytes at a time, millions
 * of times; a string literal's length is known where it is written. */
static inline void pd_buf_put(pd_buf *b, const char *s, size_t len)
{
	if (!b->failed && b->cap - b->len > len) {
		if (len)
			memcpy(b->ptr + b->len, s, len);
		b->len += len;
		b->ptr[b->len] = '\0';
		return;
	}
	pd_buf_put_grow(b, s, len);
}

static inline void pd_buf_puts(pd_buf *b, const char *s)
{
	pd_buf_put(b, s, strlen(s));
}

static inline void pd_buf_putc(pd_buf *b, char c)
{
	pd_buf_put(b, &c, 1);
}
/* Appends `v` in decimal (what "%llu" writes, without printf). */
void pd_buf_put_uint(pd_buf *b, unsigned long long v);
/* Appends `v` in decimal (what "%lld" writes, without printf). */
void pd_buf_put_int(pd_buf *b, long long v);
/* Appends again the `n` bytes at offset `at` of the buffer itself (at +
 * n <= len): what was written once, escaped say, written twice without
 * the work of making it again. */
void pd_buf_put_again(pd_buf *b, size_t at, size_t n);
void pd_buf_printf(pd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pd_buf_vprintf(pd_buf *b, const char *fmt, va_list ap);

/* Makes room for `extra` more bytes; false (and `failed` set) when it
 * cannot. */
bool pd_buf_reserve(pd_buf *b, size_t extra);

/* Empties the buffer, keeping its memory. */
void pd_buf_clear(pd_buf *b);

/* Releases the memory; the buffer is PD_BUF_INIT again. */
void pd_buf_free(pd_buf *b);

/* Returns 0, or PD_ENOMEM (recorded) if any append failed. */
int pd_buf_ok(const pd_buf *b);

/* The contents as a C string: "" for an empty buffer (borrowed). */
const char *pd_buf_cstr(const pd_buf *b);

#endif
