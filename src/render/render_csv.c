/*
 * render_csv.c: the overview as CSV (RFC 4180): a header, then one row a
 * profile, CRLF line ends, fields quoted when they hold a comma, a quote
 * or a line end, quotes doubled. A text field a spreadsheet would take
 * for a formula (=, +, -, @, tab or CR first) is kept as text by a leading
 * apostrophe; a control character is written as its octal escape.
 */
#include <string.h>

#include "render_internal.h"

static void field(pd_buf *out, const char *s)
{
	bool quote;

	if (!s)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		pd_buf_putc(out, '"');
	/* OWASP's list: a tab or a carriage return first hides a formula
	 * from a check of the first character alone */
	if (s[0] && strchr("=+-@\t\r", s[0]))
		pd_buf_putc(out, '\'');
	for (; *s; s++) {
		size_t k, n = pd_render_control(s);

		if (n) {
			/* written as its octal escape, as in messages */
			for (k = 0; k < n; k++)
				pd_buf_printf(out, "\\%03o",
					      (unsigned char)s[k]);
			s += n - 1;
			continue;
		}
		if (*s == '"')
			pd_buf_putc(out, '"');
		pd_buf_putc(out, *s);
	}
	if (quote)
		pd_buf_putc(out, '"');
}

static void csv_overview(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t;
	char date[11];

	pd_buf_puts(out, "profile,country,last_updated,commit");
	for (t = 0; t < nt; t++) {
		pd_buf_putc(out, ',');
		field(out, pd_vocab_get(o->vocab, t)->id);
	}
	pd_buf_puts(out, ",error,warning,info\r\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		field(out, r->profile);
		pd_buf_putc(out, ',');
		field(out, r->country);
		pd_buf_putc(out, ',');
		if (r->last_updated.year) {
			pd_date_format(r->last_updated, date);
			pd_buf_puts(out, date);
		}
		pd_buf_putc(out, ',');
		field(out, r->commit);
		for (t = 0; t < nt && t < r->ntreaties; t++) {
			pd_buf_putc(out, ',');
			if (r->treaties[t].listed)
				pd_buf_puts(out, pd_treaty_status_name(
							 r->treaties[t].status));
		}
		for (; t < nt; t++)
			pd_buf_putc(out, ',');
		pd_buf_printf(out, ",%zu,%zu,%zu\r\n", r->lint[PD_SEV_ERROR],
			      r->lint[PD_SEV_WARNING], r->lint[PD_SEV_INFO]);
	}
}

const pd_renderer pd_render_csv = {
	.overview = csv_overview,
};
