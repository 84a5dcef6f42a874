/*
 * plain_run.h: the run of bytes an escaper copies as they are. Internal
 * to base and the layers above it.
 *
 * The escapers of XML (render) and JSON (base) append the bytes up to
 * the next one they must write otherwise in one go, and look at that
 * byte alone. pd_plain_run finds it: sixteen bytes at a time where the
 * processor has SSE2, by the caller's mask of the sixteen bytes at p
 * that stop the run (one bit a byte), the last of them (the tail of a
 * text of sixteen bytes or more) by one more look at its last sixteen;
 * elsewhere, and for short texts, byte by byte by the caller's
 * predicate. Both must say the same of every byte. Called with
 * functions of its file, it is compiled as if written there.
 */
#ifndef PROFDIFF_PLAIN_RUN_H
#define PROFDIFF_PLAIN_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "simd.h"

typedef unsigned (*pd_stops16_fn)(const char *p);
typedef bool (*pd_stop_fn)(unsigned char c);

/* The mask function to give pd_plain_run: none without SSE2. */
#ifdef PD_SSE2
#define PD_STOPS16(f) (f)
#else
#define PD_STOPS16(f) NULL
#endif

/* The first i' >= i with s[i'] a byte that stops the run, or len. */
static inline size_t pd_plain_run(const char *s, size_t i, size_t len,
				  pd_stops16_fn stops16, pd_stop_fn stop)
{
#ifdef PD_SSE2
	while (len - i >= 16) {
		unsigned m = stops16(s + i);

		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
	if (len >= 16 && i < len) {
		/* the bits of the bytes before i, looked at already, go */
		unsigned m = stops16(s + len - 16) >> (16 - (len - i));

		return m ? i + (size_t)__builtin_ctz(m) : len;
	}
#else
	(void)stops16;
#endif
	while (i < len && !stop((unsigned char)s[i]))
		i++;
	return i;
}

#endif
