/*
 * render_html_overview.c: the regional overview as one page: a sortable
 * country x treaty matrix, full names on hover, recent changes
 * highlighted, countries linked to the changelog; the laws.
 */
#include <stdlib.h>

#include "render_internal.h"

static const char overview_style[] =
	"body{max-width:none}table{border-collapse:collapse;font:.9em "
	"sans-serif}th,td{border:1px solid #ddd;padding:.3em .5em;"
	"text-align:center;white-space:nowrap}td.c,th.c{text-align:left;"
	"white-space:normal}th{background:#f3f3f3;"
	"cursor:pointer;position:sticky;top:0}th[aria-sort]::after{content:"
	"' \\2195';color:#999}td.recent{background:#fff1a8;font-weight:bold}"
	".legend{font:.85em sans-serif;color:#555}";

/* Sorts a table by the column whose header is clicked, by each cell's
 * data-sort (else its text), numbers as numbers; again: the other way. */
static const char overview_script[] =
	"<script>document.querySelectorAll('table.sortable').forEach("
	"function(t){t.querySelectorAll('th').forEach(function(h,i){"
	"h.setAttribute('aria-sort','none');h.addEventListener('click',"
	"function(){var up=h.getAttribute('aria-sort')!=='ascending';"
	"t.querySelectorAll('th').forEach(function(x){x.setAttribute("
	"'aria-sort','none')});h.setAttribute('aria-sort',up?'ascending':"
	"'descending');var b=t.tBodies[0],rows=Array.prototype.slice.call("
	"b.rows);function k(r){var c=r.cells[i];return c.getAttribute("
	"'data-sort')||c.textContent}rows.sort(function(a,c){var x=k(a),"
	"y=k(c),n=x.trim()===''?NaN:Number(x),m=y.trim()===''?NaN:Number(y),"
	"d=isNaN(n)||isNaN(m)?"
	"x.localeCompare(y):n-m;return up?d:-d});rows.forEach(function(r){"
	"b.appendChild(r)})})})});</script>\n";

static void html_date(pd_buf *out, pd_date d)
{
	char s[11];

	if (d.year) {
		pd_date_format(d, s);
		pd_buf_puts(out, s);
	}
}

void pd_html_overview(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t, laws = 0;
	pd_buf b = PD_BUF_INIT;
	bool *used;

	pd_html_head(out, "Regional overview", overview_style);
	pd_buf_puts(out, "<h1>Regional overview</h1>\n<p class=\"meta\">");
	pd_buf_printf(out, "%zu profile%s.", o->n, o->n == 1 ? "" : "s");
	if (o->since.year) {
		pd_buf_puts(out, " Highlighted: changed in a revision "
				 "published after ");
		html_date(out, o->since);
		pd_buf_putc(out, '.');
	}
	pd_buf_puts(out, " Click a column to sort by it.</p>\n"
			 "<table class=\"sortable\">\n<thead><tr>"
			 "<th class=\"c\">Country</th><th>Last updated</th>");
	if (!(used = calloc(nt + 1, sizeof(*used)))) {
		out->failed = true;
		return;
	}
	for (t = 0; t < nt; t++) {
		const pd_treaty_def *d = pd_vocab_get(o->vocab, t);

		if (!(used[t] = pd_describe_treaty_listed(o, t)))
			continue;
		pd_buf_puts(out, "<th title=\"");
		pd_html_esc(out, d->name);
		pd_buf_puts(out, "\">");
		pd_html_esc(out, d->id);
		pd_buf_puts(out, "</th>");
	}
	pd_buf_puts(out, "<th title=\"lint errors\">Errors</th>"
			 "<th title=\"lint warnings\">Warnings</th>"
			 "<th title=\"lint notes\">Info</th></tr></thead>\n"
			 "<tbody>\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		pd_buf_puts(out, "<tr><td class=\"c\">");
		if (o->changelog) {
			pd_buf_puts(out, "<a href=\"");
			pd_html_esc(out, o->changelog);
			pd_buf_putc(out, '#');
			pd_html_esc(out, r->profile);
			pd_buf_puts(out, "\">");
		}
		pd_html_esc(out, r->country ? r->country : r->profile);
		if (o->changelog)
			pd_buf_puts(out, "</a>");
		pd_buf_puts(out, "</td><td>");
		html_date(out, r->last_updated);
		pd_buf_puts(out, "</td>");
		for (t = 0; t < nt; t++) {
			const pd_overview_treaty *x =
				t < r->ntreaties ? &r->treaties[t] : NULL;

			if (!used[t])
				continue;
			if (!x || !x->listed) {
				pd_buf_puts(out, "<td data-sort=\"9\"></td>");
				continue;
			}
			pd_buf_printf(out, "<td%s data-sort=\"%d%04d\" title=\"",
				      x->recent ? " class=\"recent\"" : "",
				      (int)x->status, x->date.year);
			pd_html_esc(out, pd_vocab_get(o->vocab, t)->name);
			pd_buf_puts(out, ": ");
			pd_describe_treaty_status(&b, x);
			if (x->changed.year) {
				pd_buf_puts(&b, "; changed in the revision of ");
				html_date(&b, x->changed);
			}
			pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
			pd_buf_clear(&b);
			pd_buf_puts(out, "\">");
			pd_describe_mark(&b, x);
			pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
			pd_buf_clear(&b);
			pd_buf_puts(out, "</td>");
		}
		pd_buf_printf(out, "<td>%zu</td><td>%zu</td><td>%zu</td></tr>\n",
			      r->lint[PD_SEV_ERROR], r->lint[PD_SEV_WARNING],
			      r->lint[PD_SEV_INFO]);
		laws += r->nlaws;
	}
	pd_buf_puts(out, "</tbody></table>\n<p class=\"legend\">");
	pd_html_esc(out, pd_describe_legend);
	pd_buf_puts(out, ". Hover over a column or a cell for the treaty's "
			 "full name and status.</p>\n");
	if (laws) {
		pd_buf_puts(out, "<h2>Laws</h2>\n<table class=\"sortable\">\n"
				 "<thead><tr><th class=\"c\">Country</th>"
				 "<th class=\"c\">Law</th><th>Status</th>"
				 "<th>Year</th><th>Changed</th></tr></thead>\n"
				 "<tbody>\n");
		for (i = 0; i < o->n; i++) {
			const pd_overview_row *r = &o->rows[i];

			for (t = 0; t < r->nlaws; t++) {
				const pd_overview_law *l = &r->laws[t];
				const char *rc = l->recent ? " class=\"recent\""
							   : "";

				pd_buf_puts(out, "<tr><td class=\"c\">");
				pd_html_esc(out, r->country ? r->country
							    : r->profile);
				pd_buf_printf(out, "</td><td class=\"c\">");
				pd_html_esc(out, l->name);
				pd_buf_printf(out, "</td><td%s>%s</td><td>", rc,
					      pd_law_status_name(l->status));
				if (l->year)
					pd_buf_printf(out, "%d", l->year);
				pd_buf_printf(out, "</td><td%s>", rc);
				html_date(out, l->changed);
				pd_buf_puts(out, "</td></tr>\n");
			}
		}
		pd_buf_puts(out, "</tbody></table>\n");
	}
	pd_buf_free(&b);
	free(used);
	pd_buf_puts(out, overview_script);
	pd_buf_puts(out, "</body>\n</html>\n");
}
