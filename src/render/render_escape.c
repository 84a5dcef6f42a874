/*
 * render_escape.c: the escaping every renderer shares: JSON string
 * literals, and text for XML and HTML.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "profdiff/render.h"
#include "profdiff/text.h"

/* The end of the run of printable ASCII but '"' and '\\' from s[i]:
 * sixteen bytes at a time where the processor can. */
static size_t json_plain_run(const char *s, size_t i, size_t len)
{
#ifdef __SSE2__
	while (len - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed: the bytes from 0x80 are below 0x20 too */
		__m128i stop = _mm_or_si128(
			_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		unsigned m = (unsigned)_mm_movemask_epi8(stop);

		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	for (; i < len; i++) {
		unsigned char d = (unsigned char)s[i];

		if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
			break;
	}
	return i;
}

void pd_json_string(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0;

	if (!s) {
		pd_buf_puts(out, "null");
		return;
	}
	pd_buf_putc(out, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t n, j;

		if (c >= 0x20 && c < 0x80) {
			if (c == '"' || c == '\\') {
				pd_buf_putc(out, '\\');
				pd_buf_putc(out, (char)c);
				i++;
				continue;
			}
			/* a run of printable ASCII goes as it is, whole */
			j = json_plain_run(s, i + 1, len);
			pd_buf_put(out, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x20) {
			switch (c) {
			case '\n':
				pd_buf_puts(out, "\\n");
				break;
			case '\t':
				pd_buf_puts(out, "\\t");
				break;
			case '\r':
				pd_buf_puts(out, "\\r");
				break;
			default:
				pd_buf_printf(out, "\\u%04x", c);
			}
			i++;
			continue;
		}
		n = pd_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			pd_buf_puts(out, "\\ufffd");
		else if (cp == 0x2028 || cp == 0x2029)
			pd_buf_printf(out, "\\u%04x", (unsigned)cp);
		else
			pd_buf_put(out, s + i, n);
		i += n;
	}
	pd_buf_putc(out, '"');
}

void pd_json_cstr(pd_buf *out, const char *s)
{
	pd_json_string(out, s, s ? strlen(s) : 0);
}

void pd_xml_escape(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t n;

		switch (c) {
		case '&':
			pd_buf_puts(out, "&amp;");
			break;
		case '<':
			pd_buf_puts(out, "&lt;");
			break;
		case '>':
			pd_buf_puts(out, "&gt;");
			break;
		case '"':
			pd_buf_puts(out, "&quot;");
			break;
		case '\'':
			pd_buf_puts(out, "&#39;");
			break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t') {
				/* not allowed in XML 1.0 */
				pd_buf_puts(out, "\xEF\xBF\xBD");
				break;
			}
			if (c < 0x80) {
				pd_buf_putc(out, (char)c);
				break;
			}
			n = pd_utf8_decode(s + i, len - i, &cp);
			if (cp == 0xFFFD && n == 1)
				pd_buf_puts(out, "\xEF\xBF\xBD");
			else
				pd_buf_put(out, s + i, n);
			i += n;
			continue;
		}
		i++;
	}
}
