/*
 * text.h: UTF-8 helpers used by the readers, the writers and the core.
 */
#ifndef PROFDIFF_TEXT_H
#define PROFDIFF_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profdiff/error.h"

/* Checks that `len` bytes are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF). Returns true, or false with the
 * offset of the first bad byte in *bad (bad may be NULL). */
bool pd_utf8_valid(const char *s, size_t len, size_t *bad);

/* The offset of the first code point of s[0..len) that `keep` refuses,
 * or of the first malformed sequence, or len when there is none.
 * Printable ASCII (U+0020..U+007E) is always kept, without a call; `keep`
 * is asked about the others (NULL keeps them all), and must answer the
 * same for the same code point: it is asked about U+000A once, before the
 * text is read, and a line feed it keeps is then kept without a call. */
size_t pd_utf8_span(const char *s, size_t len, bool (*keep)(int32_t cp));

/* Decodes the code point at s[0..len); returns its byte length (>= 1) and
 * stores it in *cp, or U+FFFD with length 1 for a malformed sequence. */
size_t pd_utf8_decode(const char *s, size_t len, int32_t *cp);

/* The 1-based line and column (in code points) of byte `offset`. */
pd_pos pd_text_pos(const char *s, size_t len, size_t offset);

/* Number of code points in s[0..len). */
size_t pd_utf8_width(const char *s, size_t len);

#endif
