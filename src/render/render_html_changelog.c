/*
 * render_html_changelog.c: the changelog as a page: the entries by
 * date, and a timeline of each country's published revisions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static const char changelog_style[] =
	".timeline{margin:.2em 0 1em}.timeline svg{width:100%;height:auto;"
	"max-width:60em}.legend span{display:inline-block;margin-right:1em;"
	"font:.8em sans-serif;color:#555}.legend i{display:inline-block;"
	"width:.8em;height:.8em;border-radius:50%;margin-right:.3em;"
	"vertical-align:middle}";

/* What kind of update an entry is, for its dot on the timeline. */
static const char *kind_color(const pd_changelog_entry *e, const char **kind)
{
	if (pd_walk_entry_first(e)) {
		*kind = "first published revision";
		return "#222";
	}
	if (pd_walk_entry_laws(e)) {
		*kind = "laws";
		return "#b3261e";
	}
	if (pd_walk_entry_treaties(e)) {
		*kind = "treaties";
		return "#1f5fae";
	}
	if (pd_walk_entry_substantive(e)) {
		*kind = "claims and sources";
		return "#2a7d2e";
	}
	*kind = "editorial only";
	return "#bbb";
}

/* An entry's substantive changes as list items; nothing for an entry the
 * changelog leaves out. */
void pd_html_changelog_body(pd_buf *out, const pd_changelog_entry *e)
{
	size_t k;

	if (!pd_changelog_entry_substantive(e))
		return;
	if (!e->diff)
		pd_buf_puts(out, "<li class=\"add\">First published "
				 "revision.</li>\n");
	for (k = 0; e->diff && k < e->diff->nchanges; k++)
		if (pd_change_substantive(&e->diff->changes[k]))
			pd_html_change(out, &e->diff->changes[k], false, NULL);
}

static long day_number(pd_date d)
{
	/* days since 0000-03-01, for positions on the timeline */
	long y = d.year - (d.month <= 2), m = d.month <= 2 ? d.month + 9
							   : d.month - 3;

	return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d.day;
}

static void timeline(pd_buf *out, const pd_changelog *cl, const char *country,
		     long lo, long hi, const char *first, const char *last_date)
{
	const double w = 700, pad = 20;
	size_t i;

	pd_buf_puts(out, "<div class=\"timeline\"><svg xmlns=\"http://www.w3.org/"
			 "2000/svg\" viewBox=\"0 0 740 44\" role=\"img\" "
			 "aria-label=\"");
	pd_html_esc(out, country);
	pd_buf_puts(out, " revisions\">");
	pd_buf_printf(out, "<line x1=\"%g\" y1=\"22\" x2=\"%g\" y2=\"22\" "
			   "stroke=\"#999\" stroke-width=\"2\"/>",
		      pad, pad + w);
	if (first[0])
		pd_buf_printf(out, "<text x=\"%g\" y=\"42\" font-size=\"10\" "
				   "fill=\"#555\">%s</text><text x=\"%g\" y=\"42\" "
				   "font-size=\"10\" fill=\"#555\" "
				   "text-anchor=\"end\">%s</text>",
			      pad, first, pad + w, last_date);
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		const char *kind, *color;
		double x;
		char date[11] = "";
		pd_buf sum = PD_BUF_INIT;

		if (strcmp(e->country, country) != 0 || !e->date.year)
			continue;
		color = kind_color(e, &kind);
		x = pad + (hi > lo ? (double)(day_number(e->date) - lo) /
					     (double)(hi - lo) * w
				   : w / 2);
		pd_date_format(e->date, date);
		pd_walk_entry_summary(&sum, e);
		pd_buf_printf(out, "<circle cx=\"%.1f\" cy=\"22\" r=\"8\" "
				   "fill=\"%s\"><title>%s: ",
			      x, color, date);
		pd_html_esc(out, kind);
		if (sum.len) {
			pd_buf_puts(out, " — ");
			pd_html_esc(out, sum.ptr);
		}
		pd_buf_puts(out, "</title></circle>");
		pd_buf_free(&sum);
	}
	pd_buf_puts(out, "</svg></div>\n");
}

void pd_html_changelog(pd_buf *out, const pd_changelog *cl,
		       pd_render_flow *flow)
{
	const char *countries[256], *linked[1024];
	size_t nc = 0, i, k, listed = 0, editorial = 0, nlinked = 0;
	long lo = 0, hi = 0;
	pd_date last = {0, 0, 0}, lo_date = {0, 0, 0}, hi_date = {0, 0, 0};
	char title[256], first_date[11] = "", last_date[11] = "";

	snprintf(title, sizeof(title), "%s: changelog",
		 cl->title ? cl->title : "Country profiles");
	pd_html_head(out, title, changelog_style);
	pd_buf_puts(out, "<h1>");
	pd_html_esc(out, title);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">Changes in substance to each "
			 "published revision, newest first. Editorial changes "
			 "are counted, not listed.</p>\n");
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		long dn = e->date.year ? day_number(e->date) : 0;

		for (k = 0; k < nc; k++)
			if (strcmp(countries[k], e->country) == 0)
				break;
		if (k == nc && nc < 256)
			countries[nc++] = e->country;
		if (dn && (!lo || dn < lo)) {
			lo = dn;
			lo_date = e->date;
		}
		if (dn > hi) {
			hi = dn;
			hi_date = e->date;
		}
	}
	if (lo) {
		pd_date_format(lo_date, first_date);
		pd_date_format(hi_date, last_date);
	}
	if (nc) {
		pd_buf_puts(out, "<h2>Timeline</h2>\n<p class=\"legend\">"
				 "<span><i style=\"background:#b3261e\"></i>laws</span>"
				 "<span><i style=\"background:#1f5fae\"></i>treaties"
				 "</span><span><i style=\"background:#2a7d2e\"></i>"
				 "claims and sources</span><span><i style=\""
				 "background:#bbb\"></i>editorial only</span><span>"
				 "<i style=\"background:#222\"></i>first revision"
				 "</span></p>\n");
		for (k = 0; k < nc; k++) {
			pd_buf_puts(out, "<h3>");
			pd_html_esc(out, countries[k]);
			pd_buf_puts(out, "</h3>\n");
			timeline(out, cl, countries[k], lo, hi, first_date,
				 last_date);
		}
	}
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		char date[11] = "undated";

		editorial += pd_walk_entry_editorial(e);
		if (!pd_changelog_entry_substantive(e))
			continue;
		if (e->date.year)
			pd_date_format(e->date, date);
		if (!listed++ || pd_date_cmp(e->date, last) != 0)
			pd_buf_printf(out, "<h2>%s</h2>\n", date);
		last = e->date;
		/* ids to link to: the entry ("laos-2026-03-01"), and the
		 * newest entry of each profile ("laos") */
		for (k = 0; k < nlinked; k++)
			if (strcmp(linked[k], e->profile) == 0)
				break;
		if (k == nlinked && e->profile && nlinked < 1024) {
			pd_buf_puts(out, "<a id=\"");
			pd_html_esc(out, e->profile);
			pd_buf_puts(out, "\"></a>");
			linked[nlinked++] = e->profile;
		}
		pd_buf_puts(out, "<h3");
		if (e->profile) {
			pd_buf_puts(out, " id=\"");
			pd_html_esc(out, e->profile);
			pd_buf_printf(out, "-%s\"", date);
		}
		pd_buf_putc(out, '>');
		pd_html_esc(out, e->country);
		pd_buf_puts(out, "</h3>\n<ul class=\"changes\">\n");
		pd_walk_entry_body(out, e, PD_FORMAT_HTML,
				   pd_html_changelog_body);
		pd_buf_puts(out, "</ul>\n");
		pd_render_flush(out, flow, false);
	}
	if (!listed)
		pd_buf_puts(out, "<p>No change in substance in this period.</p>\n");
	pd_buf_printf(out, "<p class=\"summary\">%zu revision%s with changes in "
			   "substance; %zu editorial change%s not listed.</p>\n"
			   "</body>\n</html>\n",
		      listed, listed == 1 ? "" : "s", editorial,
		      editorial == 1 ? "" : "s");
}
