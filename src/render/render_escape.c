/*
 * render_escape.c: the escaping every renderer shares: JSON string
 * literals, and text for XML and HTML.
 */
#include <string.h>

#include "profdiff/render.h"
#include "profdiff/text.h"

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
			for (j = i + 1; j < len; j++) {
				unsigned char d = (unsigned char)s[j];

				if (d < 0x20 || d >= 0x80 || d == '"' ||
				    d == '\\')
					break;
			}
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
