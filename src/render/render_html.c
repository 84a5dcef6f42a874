/*
 * render_html.c: a self-contained review page for a diff: no external
 * assets, word-level highlights (<del>, <ins>), claims grouped by section,
 * readable on screen and in print.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static void esc(pd_buf *out, const char *s)
{
	if (s)
		pd_xml_escape(out, s, strlen(s));
}

static const char style[] =
	"body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:60em;"
	"margin:2em auto;padding:0 1em;color:#222}"
	"h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:1px solid #ccc;"
	"margin-top:1.6em}h3{font-size:1em;color:#555;margin:1.2em 0 .4em}"
	".meta{color:#555;font-size:.9em}ul.changes{list-style:none;"
	"padding-left:0}ul.changes li{margin:.5em 0;padding:.4em .6em;"
	"border-left:4px solid #bbb;background:#fafafa}"
	"li.add{border-color:#2a7d2e}li.del{border-color:#b3261e}"
	"li.chg{border-color:#c08b00}.tag{font:bold .75em sans-serif;"
	"text-transform:uppercase;letter-spacing:.05em;margin-right:.5em;"
	"color:#555}ins{background:#d4f4d2;text-decoration:none}"
	"del{background:#f9d3d0}.src{display:block;color:#555;"
	"font-size:.85em}.summary{margin-top:2em;color:#555}"
	"@media print{ul.changes li{break-inside:avoid}}";

static const char *cls(const pd_change *c)
{
	char s = diff_sign(c);

	return s == '+' ? "add" : s == '-' ? "del" : "chg";
}

static void sources_html(pd_buf *out, const char *what,
			 const pd_source_ref *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	pd_buf_printf(out, "<span class=\"src\">%s", what);
	for (i = 0; i < n; i++) {
		pd_buf_puts(out, i ? "; " : " ");
		esc(out, v[i].label);
	}
	pd_buf_puts(out, "</span>");
}

static void change_html(pd_buf *out, const pd_change *c)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	pd_buf_printf(out, "<li class=\"%s\"><span class=\"tag\">%s</span>",
		      cls(c), diff_label(c->kind));
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_RENAMED:
		esc(out, c->from ? c->from : "(none)");
		pd_buf_puts(out, " &rarr; ");
		esc(out, c->to ? c->to : "(none)");
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		esc(out, c->text);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		describe_law(&b, c->law);
		esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_LAW_CHANGED:
		esc(out, c->law->name);
		pd_buf_puts(out, ": ");
		describe_law_change(&b, c, "→");
		esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		esc(out, c->source.label);
		pd_buf_puts(out, ": ");
		describe_fields(&b, c, "→");
		esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_TREATY_CHANGED:
		describe_treaty_change(&b, c);
		esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_puts(out, c->kind == PD_CHANGE_CLAIM_ADDED ? "<ins>"
								 : "<del>");
		esc(out, c->text);
		pd_buf_puts(out, c->kind == PD_CHANGE_CLAIM_ADDED ? "</ins>"
								 : "</del>");
		sources_html(out, "Sources:", c->sources, c->nsources);
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		if (c->factual)
			pd_buf_puts(out, "<span class=\"tag\">factual</span>");
		if (c->editorial)
			pd_buf_puts(out, "<span class=\"tag\">editorial</span>");
		if (c->budget_cut) {
			pd_buf_puts(out, "<del>");
			esc(out, c->from);
			pd_buf_puts(out, "</del> <ins>");
			esc(out, c->to);
			pd_buf_puts(out, "</ins>");
			break;
		}
		for (i = 0; i < c->nwords; i++) {
			const pd_word_op *w = &c->words[i];

			if (w->op != '=')
				pd_buf_puts(out, w->op == '+' ? "<ins>" : "<del>");
			esc(out, w->text);
			if (w->op != '=')
				pd_buf_puts(out, w->op == '+' ? "</ins>" : "</del>");
		}
		break;
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		if (c->factual)
			pd_buf_puts(out, "<span class=\"tag\">factual</span>");
		if (c->editorial)
			pd_buf_puts(out, "<span class=\"tag\">editorial</span>");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT) {
			pd_buf_puts(out, "<del>");
			esc(out, c->from);
			pd_buf_puts(out, "</del> <ins>");
			describe_parts(&b, c);
			esc(out, pd_buf_cstr(&b));
			pd_buf_puts(out, "</ins>");
		} else {
			pd_buf_puts(out, "<del>");
			describe_parts(&b, c);
			esc(out, pd_buf_cstr(&b));
			pd_buf_puts(out, "</del> <ins>");
			esc(out, c->to);
			pd_buf_puts(out, "</ins>");
		}
		break;
	case PD_CHANGE_CLAIM_MOVED:
		esc(out, c->text);
		pd_buf_puts(out, "<span class=\"src\">");
		describe_move(&b, c);
		esc(out, pd_buf_cstr(&b));
		pd_buf_puts(out, "</span>");
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		esc(out, c->text);
		sources_html(out, "Added:", c->sources, c->nsources);
		sources_html(out, "Removed:", c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		esc(out, c->source.label);
		if (c->source.url) {
			pd_buf_puts(out, " <span class=\"src\">");
			esc(out, c->source.url);
			pd_buf_puts(out, "</span>");
		}
		break;
	default:
		break;
	}
	pd_buf_puts(out, "</li>\n");
	pd_buf_free(&b);
}

void html_head(pd_buf *out, const char *title, const char *extra_style)
{
	pd_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, "
			 "initial-scale=1\">\n<title>");
	esc(out, title);
	pd_buf_printf(out, "</title>\n<style>%s%s</style>\n</head>\n<body>\n",
		      style, extra_style ? extra_style : "");
}

static void html_group(pd_buf *out, diff_group g, void *ctx)
{
	(void)ctx;
	pd_buf_printf(out, "<h2>%s</h2>\n", diff_group_titles[g]);
}

static void html_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (nested) {
		pd_buf_puts(out, "<h3>");
		esc(out, title);
		pd_buf_puts(out, "</h3>\n");
	}
	pd_buf_puts(out, "<ul class=\"changes\">\n");
}

static void html_change(pd_buf *out, const pd_change *c, bool nested,
			void *ctx)
{
	(void)nested;
	(void)ctx;
	change_html(out, c);
}

static void html_list_end(pd_buf *out, void *ctx)
{
	(void)ctx;
	pd_buf_puts(out, "</ul>\n");
}

static const diff_walk html_walk = {html_group, html_list, html_change,
				    html_list_end};

void render_diff_html(pd_buf *out, const pd_diff_report *r)
{
	const pd_diff *d = r->diff;
	const pd_profile *p = r->to.profile ? r->to.profile : r->from.profile;
	const char *country = p && p->country ? p->country : r->profile;
	char from[11] = "none", to[11] = "none", title[256];

	if (r->from.profile && r->from.profile->last_updated.year)
		pd_date_format(r->from.profile->last_updated, from);
	if (r->to.profile && r->to.profile->last_updated.year)
		pd_date_format(r->to.profile->last_updated, to);
	snprintf(title, sizeof(title), "%s: changes %s to %s",
		 country ? country : "profile", from, to);
	html_head(out, title, NULL);
	pd_buf_puts(out, "<h1>");
	esc(out, country);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">Changes from ");
	esc(out, from);
	if (r->from.revision || r->from.path) {
		pd_buf_puts(out, " (");
		esc(out, r->from.revision ? r->from.revision : r->from.path);
		pd_buf_putc(out, ')');
	}
	pd_buf_puts(out, " to ");
	esc(out, to);
	if (r->to.revision || r->to.path) {
		pd_buf_puts(out, " (");
		esc(out, r->to.revision ? r->to.revision : r->to.path);
		pd_buf_putc(out, ')');
	}
	pd_buf_puts(out, "</p>\n");
	if (r->note) {
		pd_buf_puts(out, "<p class=\"meta\">");
		esc(out, r->note);
		pd_buf_puts(out, "</p>\n");
	}
	if (!d->nchanges)
		pd_buf_puts(out, "<p>No changes in substance.</p>\n");
	diff_walk_groups(out, d, &html_walk, NULL);
	pd_buf_printf(out,
		      "<p class=\"summary\">%zu changes: %zu substantive, %zu "
		      "editorial.</p>\n</body>\n</html>\n",
		      d->nchanges, d->substantive, d->editorial);
}

/* Changelogs ------------------------------------------------------------------ */

static const char changelog_style[] =
	".timeline{margin:.2em 0 1em}.timeline svg{width:100%;height:auto;"
	"max-width:60em}.legend span{display:inline-block;margin-right:1em;"
	"font:.8em sans-serif;color:#555}.legend i{display:inline-block;"
	"width:.8em;height:.8em;border-radius:50%;margin-right:.3em;"
	"vertical-align:middle}";

/* What kind of update an entry is, for its dot on the timeline. */
static const char *kind_color(const pd_changelog_entry *e, const char **kind)
{
	if (entry_first(e)) {
		*kind = "first published revision";
		return "#222";
	}
	if (entry_laws(e)) {
		*kind = "laws";
		return "#b3261e";
	}
	if (entry_treaties(e)) {
		*kind = "treaties";
		return "#1f5fae";
	}
	if (entry_substantive(e)) {
		*kind = "claims and sources";
		return "#2a7d2e";
	}
	*kind = "editorial only";
	return "#bbb";
}

void changelog_body_html(pd_buf *out, const pd_changelog_entry *e)
{
	size_t k;

	if (!e->diff)
		pd_buf_puts(out, "<li class=\"add\">First published "
				 "revision.</li>\n");
	for (k = 0; e->diff && k < e->diff->nchanges; k++)
		if (pd_change_substantive(&e->diff->changes[k]))
			change_html(out, &e->diff->changes[k]);
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
	esc(out, country);
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
		entry_summary(&sum, e);
		pd_buf_printf(out, "<circle cx=\"%.1f\" cy=\"22\" r=\"8\" "
				   "fill=\"%s\"><title>%s: ",
			      x, color, date);
		esc(out, kind);
		if (sum.len) {
			pd_buf_puts(out, " — ");
			esc(out, sum.ptr);
		}
		pd_buf_puts(out, "</title></circle>");
		pd_buf_free(&sum);
	}
	pd_buf_puts(out, "</svg></div>\n");
}

void render_changelog_html(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink)
{
	const char *countries[256], *linked[1024];
	size_t nc = 0, i, k, listed = 0, editorial = 0, nlinked = 0;
	long lo = 0, hi = 0;
	pd_date last = {0, 0, 0}, lo_date = {0, 0, 0}, hi_date = {0, 0, 0};
	char title[256], first_date[11] = "", last_date[11] = "";

	snprintf(title, sizeof(title), "%s: changelog",
		 cl->title ? cl->title : "Country profiles");
	html_head(out, title, changelog_style);
	pd_buf_puts(out, "<h1>");
	esc(out, title);
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
			esc(out, countries[k]);
			pd_buf_puts(out, "</h3>\n");
			timeline(out, cl, countries[k], lo, hi, first_date,
				 last_date);
		}
	}
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		char date[11] = "undated";

		editorial += entry_editorial(e);
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
			esc(out, e->profile);
			pd_buf_puts(out, "\"></a>");
			linked[nlinked++] = e->profile;
		}
		pd_buf_puts(out, "<h3");
		if (e->profile) {
			pd_buf_puts(out, " id=\"");
			esc(out, e->profile);
			pd_buf_printf(out, "-%s\"", date);
		}
		pd_buf_putc(out, '>');
		esc(out, e->country);
		pd_buf_puts(out, "</h3>\n<ul class=\"changes\">\n");
		entry_body(out, e, PD_FORMAT_HTML, changelog_body_html);
		pd_buf_puts(out, "</ul>\n");
		render_flush(out, sink, false);
	}
	if (!listed)
		pd_buf_puts(out, "<p>No change in substance in this period.</p>\n");
	pd_buf_printf(out, "<p class=\"summary\">%zu revision%s with changes in "
			   "substance; %zu editorial change%s not listed.</p>\n"
			   "</body>\n</html>\n",
		      listed, listed == 1 ? "" : "s", editorial,
		      editorial == 1 ? "" : "s");
}

/* Reviews ---------------------------------------------------------------------- */

static const char review_style[] =
	"nav ol{padding-left:1.4em}nav li{margin:.2em 0}"
	"section.profile{margin-top:2.4em}section.profile>h2 .st{font:"
	".6em sans-serif;text-transform:uppercase;letter-spacing:.05em;"
	"color:#555;margin-left:.6em}h4{font-size:.95em;margin:1em 0 .3em}"
	"ul.findings{padding-left:0;list-style:none}ul.findings li{margin:"
	".4em 0;padding:.3em .6em;border-left:4px solid #bbb;font-size:.95em}"
	"li.error{border-color:#b3261e}li.warning{border-color:#c08b00}"
	"li.fixed{opacity:.75}.broken{color:#b3261e;font-weight:bold}"
	"code{font-size:.9em}";

static void rv_group(pd_buf *out, diff_group g, void *ctx)
{
	(void)ctx;
	pd_buf_printf(out, "<h3>%s</h3>\n", diff_group_titles[g]);
}

static void rv_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (nested) {
		pd_buf_puts(out, "<h4>");
		esc(out, title);
		pd_buf_puts(out, "</h4>\n");
	}
	pd_buf_puts(out, "<ul class=\"changes\">\n");
}

static const diff_walk review_walk = {rv_group, rv_list, html_change,
				      html_list_end};

static void findings_html(pd_buf *out, const char *title, bool fixed,
			  const pd_finding *const *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	pd_buf_printf(out, "<h3>%s</h3>\n<ul class=\"findings\">\n", title);
	for (i = 0; i < n; i++) {
		const pd_finding *f = v[i];

		pd_buf_printf(out,
			      "<li class=\"%s%s\"><span class=\"tag\">%s</span>"
			      "<code>%s</code> line %u: ",
			      pd_severity_name(f->severity),
			      fixed ? " fixed" : "",
			      pd_severity_name(f->severity),
			      pd_rule_get(f->rule)->name, f->pos.line);
		esc(out, f->message);
		if (f->text) {
			pd_buf_puts(out, "<span class=\"src\">");
			esc(out, f->text);
			pd_buf_puts(out, "</span>");
		}
		pd_buf_puts(out, "</li>\n");
	}
	pd_buf_puts(out, "</ul>\n");
}

void render_review_html(pd_buf *out, const pd_review *r)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	pd_buf_printf(&b, "Review: %s to %s",
		      r->base.rev ? r->base.rev : "nothing", r->head.rev);
	html_head(out, pd_buf_cstr(&b), review_style);
	pd_buf_clear(&b);
	pd_buf_puts(out, "<h1>Review of ");
	esc(out, r->base.rev ? r->base.rev : "nothing");
	pd_buf_puts(out, " to ");
	esc(out, r->head.rev);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">");
	pd_buf_printf(out, "base %.10s, head %.10s. ",
		      r->base.commit ? r->base.commit : "(empty)",
		      r->head.commit ? r->head.commit : r->head.rev);
	describe_review(&b, r);
	pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
	pd_buf_free(&b);
	pd_buf_puts(out, ".</p>\n");
	if (!r->n) {
		pd_buf_puts(out, "<p>No profile changed.</p>\n</body>\n</html>\n");
		return;
	}
	pd_buf_puts(out, "<nav><h2>Profiles</h2>\n<ol>\n");
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_printf(out, "<li><a href=\"#p%zu\">", i + 1);
		esc(out, e->profile);
		pd_buf_puts(out, "</a> ");
		if (e->to_error)
			pd_buf_puts(out, "<span class=\"broken\">no longer "
					 "parses</span> ");
		pd_buf_puts(out, "<span class=\"meta\">");
		describe_review_entry(&b, e);
		pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
		pd_buf_clear(&b);
		pd_buf_puts(out, "</span></li>\n");
	}
	pd_buf_puts(out, "</ol></nav>\n");
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_printf(out, "<section class=\"profile\" id=\"p%zu\"><h2>",
			      i + 1);
		esc(out, e->to && e->to->country	 ? e->to->country
			 : e->from && e->from->country ? e->from->country
						       : e->profile);
		pd_buf_printf(out, "<span class=\"st\">%s</span></h2>\n",
			      pd_review_status_name(e->status));
		pd_buf_puts(out, "<p class=\"meta\"><code>");
		esc(out, e->path);
		pd_buf_puts(out, "</code>: ");
		describe_review_sides(&b, e);
		pd_buf_puts(&b, "; ");
		describe_review_entry(&b, e);
		pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
		pd_buf_clear(&b);
		pd_buf_puts(out, ".</p>\n");
		if (e->diff && (e->status == PD_REVIEW_ADDED ||
				e->status == PD_REVIEW_DELETED)) {
			pd_buf_puts(out, e->status == PD_REVIEW_ADDED
						 ? "<p>New profile: "
						 : "<p>Deleted profile: ");
			pd_diff_summarize(&b, e->diff);
			pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
			pd_buf_clear(&b);
			pd_buf_puts(out, ".</p>\n");
		} else if (e->diff && e->diff->nchanges) {
			diff_walk_groups(out, e->diff, &review_walk, NULL);
		} else if (e->diff) {
			pd_buf_puts(out, "<p>No changes in substance.</p>\n");
		}
		findings_html(out, "Lint: introduced", false,
			      e->lint.introduced, e->lint.nintroduced);
		findings_html(out, "Lint: fixed", true, e->lint.fixed,
			      e->lint.nfixed);
		pd_buf_puts(out, "</section>\n");
	}
	pd_buf_free(&b);
	pd_buf_puts(out, "</body>\n</html>\n");
}

/* Overviews ---------------------------------------------------------------------- */

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

void render_overview_html(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t, laws = 0;
	pd_buf b = PD_BUF_INIT;
	bool *used;

	html_head(out, "Regional overview", overview_style);
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

		if (!(used[t] = overview_treaty_used(o, t)))
			continue;
		pd_buf_puts(out, "<th title=\"");
		esc(out, d->name);
		pd_buf_puts(out, "\">");
		esc(out, d->id);
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
			esc(out, o->changelog);
			pd_buf_putc(out, '#');
			esc(out, r->profile);
			pd_buf_puts(out, "\">");
		}
		esc(out, r->country ? r->country : r->profile);
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
			esc(out, pd_vocab_get(o->vocab, t)->name);
			pd_buf_puts(out, ": ");
			overview_words(&b, x);
			if (x->changed.year) {
				pd_buf_puts(&b, "; changed in the revision of ");
				html_date(&b, x->changed);
			}
			pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
			pd_buf_clear(&b);
			pd_buf_puts(out, "\">");
			overview_mark(&b, x);
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
	esc(out, overview_legend);
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
				esc(out, r->country ? r->country : r->profile);
				pd_buf_printf(out, "</td><td class=\"c\">");
				esc(out, l->name);
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

/* Blames -------------------------------------------------------------------------- */

static const char blame_style[] =
	".claim{position:relative;margin:.25em 0;padding:.2em .5em;"
	"border-radius:3px;outline:none}.claim:focus{box-shadow:0 0 0 2px "
	"#1f5fae}.claim .hist{display:none;position:absolute;left:1em;"
	"top:100%;z-index:2;background:#fff;border:1px solid #bbb;padding:"
	".4em .6em;font:.8em/1.4 sans-serif;color:#222;box-shadow:0 2px 6px "
	"rgba(0,0,0,.2);min-width:22em}.claim:hover .hist,.claim:focus "
	".hist{display:block}.claim.stale{border-left:4px solid #b3261e}"
	".hist ol{margin:.2em 0 .2em 1.2em;padding:0}.src{display:block}"
	".legend i{display:inline-block;width:2.5em;height:.9em;"
	"vertical-align:middle;margin:0 .2em}";

/* The shade of a revision's age: the newest the strongest. */
static void shade(pd_buf *out, size_t rev, size_t nrevs)
{
	double t = nrevs > 1 ? (double)rev / (double)(nrevs - 1) : 1.0;

	pd_buf_printf(out, "background:rgba(255,176,0,%.2f)", 0.06 + 0.5 * t);
}

void render_blame_html(pd_buf *out, const pd_blame_report *r, size_t n)
{
	pd_buf b = PD_BUF_INIT;
	size_t i, j, k;

	html_head(out, n == 1 && r[0].country ? r[0].country : "Blame",
		  blame_style);
	for (i = 0; i < n; i++) {
		const pd_blame *bl = r[i].blame;
		const char *sec = NULL;

		pd_buf_puts(out, "<h1>");
		esc(out, r[i].country ? r[i].country : r[i].profile);
		pd_buf_puts(out, "</h1>\n<p class=\"meta\">");
		esc(out, r[i].path);
		pd_buf_printf(out, ": %zu claims over %zu published revision%s. "
				   "Each claim is shaded by the age of its last "
				   "change in substance; hover over it or focus "
				   "it for its history.",
			      bl->nclaims, bl->nrevs, bl->nrevs == 1 ? "" : "s");
		if (r[i].stale_months)
			pd_buf_printf(out, " %zu claim%s stale at %d months "
					   "(marked in red).",
				      bl->stale, bl->stale == 1 ? " is" : "s are",
				      r[i].stale_months);
		pd_buf_puts(out, "</p>\n<p class=\"legend\">oldest");
		for (k = 0; k < 5; k++) {
			pd_buf_puts(out, "<i style=\"");
			shade(out, k, 5);
			pd_buf_puts(out, "\"></i>");
		}
		pd_buf_puts(out, "newest</p>\n");
		for (j = 0; j < bl->nclaims; j++) {
			const pd_blame_claim *c = &bl->claims[j];
			const pd_blame_event *e;
			size_t at = c->changed >= 0 ? (size_t)c->changed
						    : c->introduced;

			if (!sec || strcmp(sec, c->section) != 0) {
				sec = c->section;
				pd_buf_puts(out, "<h2>");
				esc(out, sec);
				pd_buf_puts(out, "</h2>\n");
			}
			pd_buf_printf(out, "<p class=\"claim%s\" tabindex=\"0\" "
					   "style=\"",
				      c->stale ? " stale" : "");
			shade(out, at, bl->nrevs);
			pd_buf_puts(out, "\">");
			esc(out, c->text);
			pd_buf_puts(out, "<span class=\"hist\"><b>History</b><ol>");
			for (e = c->history; e; e = e->older) {
				pd_buf_puts(out, "<li>");
				describe_blame_rev(&b, &bl->revs[e->rev]);
				pd_buf_puts(&b, e->kind == PD_BLAME_NONE
							? ": introduced"
							: ": ");
				if (e->kind != PD_BLAME_NONE)
					pd_buf_puts(&b,
						    pd_blame_kind_name(e->kind));
				if (e->factual)
					pd_buf_puts(&b, " (factual)");
				pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
				pd_buf_clear(&b);
				pd_buf_puts(out, "</li>");
			}
			pd_buf_puts(out, "</ol>");
			for (k = 0; k < c->nsources; k++) {
				pd_buf_puts(out, "<span class=\"src\">");
				esc(out, c->sources[k].label);
				if (c->sources[k].accessed) {
					pd_buf_puts(out, " (accessed ");
					esc(out, c->sources[k].accessed);
					pd_buf_putc(out, ')');
				}
				pd_buf_puts(out, "</span>");
			}
			pd_buf_puts(out, "</span></p>\n");
		}
	}
	pd_buf_free(&b);
	pd_buf_puts(out, "</body>\n</html>\n");
}
