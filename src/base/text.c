/*
 * text.c: UTF-8 validation, decoding and positions.
 */
#include <stdint.h>
#include <string.h>

#include "profdiff/text.h"
#include "scan.h"

size_t pd_utf8_decode(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0];
	size_t n, i;
	int32_t v, min;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (len < n)
		goto bad;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto bad;
	*cp = v;
	return n;
bad:
	*cp = 0xFFFD;
	return 1;
}

/* Whether the 8 bytes at `s` are all printable ASCII (0x20 to 0x7E):
 * none has the high bit, none is below 0x20, none is 0x7F. */
static bool printable8(const char *s)
{
	uint64_t x = scan_load8(s);

	return !((x & SCAN_HIGH) | scan_in_range(x, 0, 0x1F) |
		 scan_has(x, 0x7F));
}

size_t pd_utf8_span(const char *s, size_t len, bool (*keep)(int32_t cp))
{
	/* A text of lines would leave the blocks below at every line feed,
	 * for one call of keep; when keep takes the line feed, the blocks
	 * take it too (keep answers alike for alike, text.h). */
	bool lf = !keep || keep('\n');
	char also = lf ? '\n' : ' ';
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		size_t n;

		/* printable ASCII, the common case: thirty-two bytes at a
		 * time, then sixteen, then eight, then byte by byte up to
		 * the first other byte */
		while (len - i >= 32) {
			uint32_t m = scan_unprintable32_but(s + i, also);

			if (m) {
				i += (size_t)__builtin_ctz(m);
				break;
			}
			i += 32;
		}
		while (len - i >= 16) {
			unsigned m = scan_unprintable16(s + i);

			if (m) {
				i += (size_t)__builtin_ctz(m);
				break;
			}
			i += 16;
		}
		while (len - i >= 8 && printable8(s + i))
			i += 8;
		while (i < len && (((unsigned char)s[i] >= 0x20 &&
				    (unsigned char)s[i] < 0x7F) ||
				   (lf && s[i] == '\n')))
			i++;
		if (i == len)
			break;
		n = pd_utf8_decode(s + i, len - i, &cp);
		if ((cp == 0xFFFD && n == 1) || (keep && !keep(cp)))
			return i;
		i += n;
	}
	return len;
}

bool pd_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t at = pd_utf8_span(s, len, NULL);

	if (at == len)
		return true;
	if (bad)
		*bad = at;
	return false;
}

pd_pos pd_text_pos(const char *s, size_t len, size_t offset)
{
	pd_pos pos = {1, 1};
	size_t i;

	if (offset > len)
		offset = len;
	for (i = 0; i < offset; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n') {
			pos.line++;
			pos.col = 1;
		} else if ((c & 0xC0) != 0x80) {
			pos.col++;
		}
	}
	return pos;
}

size_t pd_utf8_width(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}
