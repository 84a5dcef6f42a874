/*
 * render_escape.c: the escaping every renderer shares: text for XML and
 * HTML. JSON strings are base/json.c's.
 */
#include <string.h>

#include "profdiff/render.h"
#include "profdiff/text.h"

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
