/*
 * render_html_overview.c: the regional overview as one page: a sortable
 * country x treaty matrix, recent changes highlighted, countries linked
 * to their pages or the changelog; a legend naming every treaty in full;
 * the laws; and, apart from what readers look up, the lint counts.
 *
 * A matrix of thirteen treaties is wider than a phone and can be wider
 * than a laptop's window: it scrolls inside its own box (a region the
 * keyboard can reach), its first column stays put, and in print it goes
 * landscape at a smaller size so that no column is cut. The sort
 * controls are buttons in the headers; without the script, the page
 * reads the same, unsorted.
 */
#include <stdlib.h>

#include "render_internal.h"

static const char overview_style[] =
	"body{max-width:80em}.matrix{overflow-x:auto;max-width:100%;"
	"margin:.5em 0}.matrix:focus{outline:2px solid var(--link)}"
	"table{border-collapse:separate;border-spacing:0;font:.9em "
	"sans-serif}th,td{border:1px solid var(--line);border-width:0 1px "
	"1px 0;padding:.3em .5em;text-align:center;white-space:nowrap}"
	"tr>:first-child{border-left-width:1px}thead th{border-top-width:1px;"
	"background:var(--head);vertical-align:bottom}"
	"th.t{white-space:normal;min-width:4.5em}"
	"td.c,th.c{text-align:left;white-space:normal}"
	"tr>.c:first-child{position:sticky;left:0;z-index:1;"
	"background:var(--bg);min-width:7em}thead tr>.c:first-child"
	"{background:var(--head)}"
	"th button{font:inherit;font-weight:bold;color:inherit;background:"
	"none;border:0;padding:0;cursor:pointer;text-align:inherit}"
	"th button:focus-visible{outline:2px solid var(--link)}"
	"th[aria-sort=ascending] button::after{content:' \\25B2'}"
	"th[aria-sort=descending] button::after{content:' \\25BC'}"
	"td.recent{background:var(--recent);font-weight:bold}"
	".legend{font:.85em sans-serif;color:var(--muted)}"
	"dl.treaties{display:grid;grid-template-columns:max-content 1fr;"
	"gap:.15em 1em;font:.85em sans-serif;margin:.5em 0}"
	"dl.treaties dt{font-weight:bold}dl.treaties dd{margin:0}"
	"@media (max-width:40em){body{margin:1em auto}dl.treaties"
	"{grid-template-columns:1fr}dl.treaties dd{margin:0 0 .3em}}"
	"@media print{@page{size:landscape;margin:1cm}body{max-width:none;"
	"margin:0;padding:0}.matrix{overflow:visible}table{font-size:7pt}"
	"th,td{padding:.15em .25em}th.t{min-width:0}"
	"tr>.c:first-child{position:static;min-width:0}"
	"th[aria-sort] button::after{content:none}}";

/* Sorts a table by the column whose header button is pressed, by each
 * cell's data-sort (else its text), numbers as numbers; again: the other
 * way. The header says which way (aria-sort); the table that the
 * script made sortable says so (data-sorting). */
static const char overview_script[] =
	"<script>document.querySelectorAll('table.sortable').forEach("
	"function(t){t.setAttribute('data-sorting','on');"
	"t.querySelectorAll('thead th').forEach(function(h,i){"
	"var bt=h.querySelector('button');if(!bt)return;"
	"bt.addEventListener('click',"
	"function(){var up=h.getAttribute('aria-sort')!=='ascending';"
	"t.querySelectorAll('thead th').forEach(function(x){"
	"x.removeAttribute('aria-sort')});h.setAttribute('aria-sort',"
	"up?'ascending':'descending');var b=t.tBodies[0],"
	"rows=Array.prototype.slice.call("
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

/* A column header the script sorts by: a button, so that the keyboard
 * reaches it. */
static void sort_th(pd_buf *out, const char *cls, const char *label)
{
	pd_buf_printf(out, "<th scope=\"col\"%s%s%s><button type=\"button\">",
		      cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	pd_html_esc(out, label);
	pd_buf_puts(out, "</button></th>");
}

/* The country's cell, a row header, linked to its page or its entries of
 * the changelog when there are some to link to. */
static void country_th(pd_buf *out, const pd_overview *o,
		       const pd_overview_row *r)
{
	const char *name = r->country ? r->country : r->profile;

	pd_buf_puts(out, "<th scope=\"row\" class=\"c\">");
	if (o->profile_base) {
		pd_buf_puts(out, "<a href=\"");
		pd_html_esc(out, o->profile_base);
		pd_url_esc(out, r->profile);
		pd_buf_puts(out, "/index.html\">");
	} else if (o->changelog) {
		pd_buf_puts(out, "<a href=\"");
		pd_html_esc(out, o->changelog);
		pd_buf_putc(out, '#');
		pd_url_esc(out, r->profile);
		pd_buf_puts(out, "\">");
	}
	pd_html_esc(out, name);
	if (o->profile_base || o->changelog)
		pd_buf_puts(out, "</a>");
	pd_buf_puts(out, "</th>");
}

static void treaty_cell(pd_buf *out, pd_buf *b, const pd_overview *o,
			size_t t, const pd_overview_treaty *x)
{
	if (!x || !x->listed) {
		pd_buf_puts(out, "<td data-sort=\"9\"></td>");
		return;
	}
	pd_buf_printf(out, "<td%s data-sort=\"%d%04d\" title=\"",
		      x->recent ? " class=\"recent\"" : "", (int)x->status,
		      x->date.year);
	pd_html_esc(out, pd_vocab_get(o->vocab, t)->name);
	pd_buf_puts(out, ": ");
	pd_describe_treaty_status(b, x);
	if (x->changed.year) {
		pd_buf_puts(b, "; changed in the revision of ");
		html_date(b, x->changed);
	}
	pd_xml_escape(out, b->ptr ? b->ptr : "", b->len);
	pd_buf_clear(b);
	pd_buf_puts(out, "\">");
	pd_describe_mark(b, x);
	pd_xml_escape(out, b->ptr ? b->ptr : "", b->len);
	pd_buf_clear(b);
	pd_buf_puts(out, "</td>");
}

static void laws_table(pd_buf *out, const pd_overview *o)
{
	size_t i, t;

	pd_buf_puts(out, "<h2 id=\"laws\">Laws</h2>\n<div class=\"matrix\" "
			 "role=\"region\" aria-labelledby=\"laws\" "
			 "tabindex=\"0\">\n<table class=\"sortable\">\n"
			 "<thead><tr>");
	sort_th(out, "c", "Country");
	sort_th(out, "c", "Law");
	sort_th(out, NULL, "Status");
	sort_th(out, NULL, "Year");
	sort_th(out, NULL, "Changed");
	pd_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		for (t = 0; t < r->nlaws; t++) {
			const pd_overview_law *l = &r->laws[t];
			const char *rc = l->recent ? " class=\"recent\"" : "";

			pd_buf_puts(out, "<tr><td class=\"c\">");
			pd_html_esc(out, r->country ? r->country : r->profile);
			pd_buf_puts(out, "</td><td class=\"c\">");
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
	pd_buf_puts(out, "</tbody></table>\n</div>\n");
}

/* The editors' figures, apart from the readers' table. */
static void lint_table(pd_buf *out, const pd_overview *o)
{
	size_t i;

	pd_buf_puts(out, "<h2 id=\"health\">Editorial health</h2>\n"
			 "<p class=\"legend\">What profdiff lint finds in each "
			 "profile as published now: for the editors, not "
			 "part of the profiles.</p>\n<div class=\"matrix\" "
			 "role=\"region\" aria-labelledby=\"health\" "
			 "tabindex=\"0\">\n<table class=\"sortable\">\n"
			 "<thead><tr>");
	sort_th(out, "c", "Country");
	sort_th(out, NULL, "Errors");
	sort_th(out, NULL, "Warnings");
	sort_th(out, NULL, "Notes");
	pd_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		pd_buf_puts(out, "<tr><td class=\"c\">");
		pd_html_esc(out, r->country ? r->country : r->profile);
		pd_buf_printf(out, "</td><td>%zu</td><td>%zu</td><td>%zu</td>"
				   "</tr>\n",
			      r->lint[PD_SEV_ERROR], r->lint[PD_SEV_WARNING],
			      r->lint[PD_SEV_INFO]);
	}
	pd_buf_puts(out, "</tbody></table>\n</div>\n");
}

/* A site's latest changes: each profile's newest published revision,
 * linked to its changes (or to the page of a first revision). */
static void latest_html(pd_buf *out, const pd_overview *o)
{
	size_t i;

	pd_buf_puts(out, "<h2 id=\"latest\">Latest changes</h2>\n"
			 "<ul class=\"latest\">\n");
	for (i = 0; i < o->nlatest; i++) {
		const pd_overview_latest *l = &o->latest[i];
		char d[11] = "undated";

		if (l->date.year)
			pd_date_format(l->date, d);
		pd_buf_printf(out, "<li><time>%s</time> <a href=\"", d);
		pd_html_esc(out, o->profile_base);
		pd_url_esc(out, l->profile);
		pd_buf_printf(out, "/%s%s.html\">", d,
			      l->previous.year ? "-diff" : "");
		pd_html_esc(out, l->country ? l->country : l->profile);
		pd_buf_puts(out, "</a>: ");
		pd_html_esc(out, l->summary && l->summary[0]
					 ? l->summary
					 : l->previous.year
						   ? "no change in substance"
						   : "first published revision");
		pd_buf_puts(out, "</li>\n");
	}
	pd_buf_puts(out, "</ul>\n<p><a href=\"changelog.html\">The whole "
			 "changelog</a> · <a href=\"changelog.atom\">Atom "
			 "feed</a></p>\n");
}

void pd_html_overview(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t, laws = 0;
	pd_buf b = PD_BUF_INIT;
	bool *used;

	if (!(used = calloc(nt + 1, sizeof(*used)))) {
		out->failed = true;
		return;
	}
	pd_html_head(out, "Regional overview", overview_style);
	pd_buf_puts(out, "<h1>Regional overview</h1>\n<p class=\"meta\">");
	pd_buf_printf(out, "%zu profile%s.", o->n, o->n == 1 ? "" : "s");
	if (o->since.year) {
		pd_buf_puts(out, " Highlighted: changed in a revision "
				 "published after ");
		html_date(out, o->since);
		pd_buf_putc(out, '.');
	}
	pd_buf_puts(out, " A column's heading sorts by it.</p>\n");
	if (o->latest && o->profile_base)
		latest_html(out, o);
	pd_buf_puts(out, ""
			 "<h2 id=\"treaties\">Treaties</h2>\n"
			 "<div class=\"matrix\" role=\"region\" "
			 "aria-labelledby=\"treaties\" tabindex=\"0\">\n"
			 "<table class=\"sortable\">\n<thead><tr>");
	sort_th(out, "c", "Country");
	sort_th(out, NULL, "Last updated");
	for (t = 0; t < nt; t++) {
		const pd_treaty_def *d = pd_vocab_get(o->vocab, t);

		if (!(used[t] = pd_describe_treaty_listed(o, t)))
			continue;
		pd_buf_puts(out, "<th scope=\"col\" class=\"t\" title=\"");
		pd_html_esc(out, d->name);
		pd_buf_puts(out, "\"><button type=\"button\">");
		pd_html_esc(out, d->id);
		pd_buf_puts(out, "</button></th>");
	}
	pd_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		pd_buf_puts(out, "<tr>");
		country_th(out, o, r);
		pd_buf_puts(out, "<td>");
		html_date(out, r->last_updated);
		pd_buf_puts(out, "</td>");
		for (t = 0; t < nt; t++)
			if (used[t])
				treaty_cell(out, &b, o, t,
					    t < r->ntreaties ? &r->treaties[t]
							     : NULL);
		pd_buf_puts(out, "</tr>\n");
		laws += r->nlaws;
	}
	pd_buf_puts(out, "</tbody></table>\n</div>\n<p class=\"legend\">");
	pd_html_esc(out, pd_describe_legend);
	pd_buf_puts(out, ".</p>\n<dl class=\"treaties\">\n");
	for (t = 0; t < nt; t++) {
		const pd_treaty_def *d = pd_vocab_get(o->vocab, t);

		if (!used[t])
			continue;
		pd_buf_puts(out, "<dt>");
		pd_html_esc(out, d->id);
		pd_buf_puts(out, "</dt><dd>");
		pd_html_esc(out, d->name);
		pd_buf_puts(out, "</dd>\n");
	}
	pd_buf_puts(out, "</dl>\n");
	if (laws)
		laws_table(out, o);
	lint_table(out, o);
	pd_buf_free(&b);
	free(used);
	pd_buf_puts(out, overview_script);
	pd_buf_puts(out, "</body>\n</html>\n");
}
