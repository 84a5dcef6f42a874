/*
 * render_html_changelog.c: the changelog as a page: the entries by
 * date, and a timeline of each country's published revisions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "render_internal.h"
#include "table.h"

/* A page gives a timeline to this many countries at most, and an anchor
 * to this many profiles at most. */
#define MAX_TIMELINES 256
#define MAX_ANCHORS 1024

static const char changelog_style[] =
	".timeline{margin:.2em 0 1em}.timeline svg{width:100%;height:auto;"
	"max-width:60em}.legend span{display:inline-block;margin-right:1em;"
	"font:.8em sans-serif;color:var(--muted)}.legend i{display:inline-block;"
	"width:.8em;height:.8em;border-radius:50%;margin-right:.3em;"
	"vertical-align:middle}.timeline text{fill:var(--muted)}"
	".timeline line{stroke:var(--muted)}"
	/* the first revision's dot, black on white, is the text's colour
	 * in either scheme */
	".timeline circle[fill=\"#222\"]{fill:var(--fg)}"
	".legend i[style=\"background:#222\"]{background:var(--fg)!important}";

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

/* A name (a country's, a profile's) and its number in order of first
 * appearance. */
typedef struct name_number {
	const char *name;
	size_t number;
} name_number;

static const char *name_of(const name_number *n)
{
	return n->name;
}

static uint64_t name_hash(const char *s)
{
	return XXH3_64bits(s, strlen(s));
}

static bool name_same(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

PD_TABLE(name_table, name_number, const char *, name_of, name_hash,
	 name_same)

/* The countries with a timeline, in order of first appearance, and the
 * dated entries of each in the changelog's order: country k's are
 * entries[start[k]] to entries[start[k + 1] - 1]. One pass over the
 * changelog, and a counting sort. */
typedef struct timelines {
	const char *countries[MAX_TIMELINES];
	size_t n;
	size_t *start;   /* n + 1 */
	size_t *entries; /* indexes in the changelog */
} timelines;

static void timelines_free(timelines *t)
{
	free(t->start);
	free(t->entries);
}

/* 0, or PD_ENOMEM with nothing to free. */
static int timelines_make(timelines *t, const pd_changelog *cl)
{
	name_table seen;
	size_t *of = NULL, i, k;
	int err = PD_ENOMEM;

	memset(t, 0, sizeof(*t));
	name_table_init(&seen, NULL);
	if (!(of = malloc((cl->n + 1) * sizeof(*of))))
		goto done;
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		name_number *c;
		bool fresh;

		if (!(c = name_table_put(&seen, e->country, &fresh)))
			goto done;
		if (fresh) {
			c->name = e->country;
			c->number = t->n < MAX_TIMELINES ? t->n : SIZE_MAX;
			if (t->n < MAX_TIMELINES)
				t->countries[t->n++] = e->country;
		}
		of[i] = e->date.year ? c->number : SIZE_MAX;
	}
	if (!(t->start = calloc(t->n + 2, sizeof(*t->start))) ||
	    !(t->entries = malloc((cl->n + 1) * sizeof(*t->entries))))
		goto done;
	for (i = 0; i < cl->n; i++)
		if (of[i] != SIZE_MAX)
			t->start[of[i] + 2]++;
	for (k = 2; k <= t->n + 1; k++)
		t->start[k] += t->start[k - 1];
	/* start[k + 1] is where country k's entries go, then where they end */
	for (i = 0; i < cl->n; i++)
		if (of[i] != SIZE_MAX)
			t->entries[t->start[of[i] + 1]++] = i;
	err = 0;
done:
	if (err)
		timelines_free(t);
	free(of);
	name_table_free(&seen);
	return err;
}

/* Country k's timeline. */
static void timeline(pd_buf *out, const pd_changelog *cl, const timelines *t,
		     size_t k, long lo, long hi, const char *first,
		     const char *last_date)
{
	const double w = 700, pad = 20;
	size_t i;

	pd_buf_puts(out, "<div class=\"timeline\"><svg xmlns=\"http://www.w3.org/"
			 "2000/svg\" viewBox=\"0 0 740 44\" role=\"img\" "
			 "aria-label=\"");
	pd_html_esc(out, t->countries[k]);
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
	for (i = t->start[k]; i < t->start[k + 1]; i++) {
		const pd_changelog_entry *e = &cl->entries[t->entries[i]];
		const char *kind, *color;
		double x;
		char date[11] = "";
		pd_buf sum = PD_BUF_INIT;

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
	timelines t;
	name_table linked; /* the profiles given an anchor */
	size_t i, k, listed = 0, substantive = 0;
	size_t unlisted[PD_BUCKET_COUNT] = {0};
	long lo = 0, hi = 0;
	pd_date last = {0, 0, 0}, lo_date = {0, 0, 0}, hi_date = {0, 0, 0};
	char title[256], first_date[11] = "", last_date[11] = "";
	pd_buf msgs = PD_BUF_INIT;

	snprintf(title, sizeof(title), "%s: changelog",
		 cl->title ? cl->title : "Country profiles");
	pd_html_head(out, title, changelog_style);
	pd_buf_puts(out, "<h1>");
	pd_html_esc(out, title);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">Every published revision, newest "
			 "first, with its changes in substance. Rewordings "
			 "that change no fact, editorial changes and moves "
			 "are counted, not listed.</p>\n");
	if (timelines_make(&t, cl) < 0) {
		out->failed = true;
		return;
	}
	name_table_init(&linked, NULL);
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		long dn = e->date.year ? day_number(e->date) : 0;

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
	if (t.n) {
		pd_buf_puts(out, "<h2>Timeline</h2>\n<p class=\"legend\">"
				 "<span><i style=\"background:#b3261e\"></i>laws</span>"
				 "<span><i style=\"background:#1f5fae\"></i>treaties"
				 "</span><span><i style=\"background:#2a7d2e\"></i>"
				 "claims and sources</span><span><i style=\""
				 "background:#bbb\"></i>editorial only</span><span>"
				 "<i style=\"background:#222\"></i>first revision"
				 "</span></p>\n");
		for (k = 0; k < t.n; k++) {
			pd_buf_puts(out, "<h3>");
			pd_html_esc(out, t.countries[k]);
			pd_buf_puts(out, "</h3>\n");
			timeline(out, cl, &t, k, lo, hi, first_date, last_date);
		}
	}
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		char date[11] = "undated";
		const size_t *b = pd_walk_entry_buckets(e);
		/* what it counts without listing (pd_describe_unlisted) */
		size_t ed = b[PD_BUCKET_REWORDED] + b[PD_BUCKET_EDITORIAL] +
			    b[PD_BUCKET_MOVED];
		bool subst = pd_changelog_entry_substantive(e);

		for (k = 0; k < PD_BUCKET_COUNT; k++)
			unlisted[k] += b[k];
		substantive += subst;
		if (e->date.year)
			pd_date_format(e->date, date);
		if (!listed++ || pd_date_cmp(e->date, last) != 0)
			pd_buf_printf(out, "<h2>%s</h2>\n", date);
		last = e->date;
		/* ids to link to: the entry ("laos-2026-03-01"), and the
		 * newest entry of each profile ("laos") */
		if (e->profile && !name_table_get(&linked, e->profile) &&
		    name_table_count(&linked) < MAX_ANCHORS) {
			name_number *a;
			bool fresh;

			if (!(a = name_table_put(&linked, e->profile, &fresh)))
				out->failed = true;
			else
				a->name = e->profile;
			pd_buf_puts(out, "<a id=\"");
			pd_html_esc(out, e->profile);
			pd_buf_puts(out, "\"></a>");
		}
		pd_buf_puts(out, "<h3");
		if (e->profile) {
			pd_buf_puts(out, " id=\"");
			pd_html_esc(out, e->profile);
			pd_buf_printf(out, "-%s\"", date);
		}
		pd_buf_putc(out, '>');
		pd_html_esc(out, e->country);
		pd_buf_puts(out, "</h3>\n");
		if (e->nmessages) {
			pd_buf_clear(&msgs);
			pd_walk_entry_messages(&msgs, e);
			pd_buf_puts(out, "<p class=\"edit\"><i>Edit summary:</i> ");
			pd_html_esc(out, pd_buf_cstr(&msgs));
			pd_buf_puts(out, "</p>\n");
		}
		/* every published revision has its entry: one without
		 * changes in substance says what it counts, as its dot on
		 * the timeline does */
		if (subst) {
			pd_buf_puts(out, "<ul class=\"changes\">\n");
			pd_walk_entry_body(out, e, PD_FORMAT_HTML,
					   pd_html_changelog_body);
			pd_buf_puts(out, "</ul>\n");
		}
		if (ed || !subst) {
			pd_buf_puts(out, "<p class=\"meta\">");
			if (!subst)
				pd_buf_puts(out, ed ? "No change in substance; "
						    : "No change in substance.");
			pd_describe_unlisted(out, b, "", ".");
			pd_buf_puts(out, "</p>\n");
		}
		pd_render_flush(out, flow, false);
	}
	if (!listed)
		pd_buf_puts(out, "<p>No published revision in this "
				 "period.</p>\n");
	pd_buf_printf(out, "<p class=\"summary\">%zu revision%s with changes in "
			   "substance",
		      substantive, substantive == 1 ? "" : "s");
	pd_describe_unlisted(out, unlisted, "; ", "");
	pd_buf_puts(out, ".</p>\n</body>\n</html>\n");
	if (pd_buf_ok(&msgs) < 0)
		out->failed = true;
	pd_buf_free(&msgs);
	name_table_free(&linked);
	timelines_free(&t);
}
