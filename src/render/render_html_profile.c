/*
 * render_html_profile.c: a profile as the page readers read, in HTML:
 * one self-contained page (the shared style, no script, nothing loaded
 * from elsewhere) that a screen reader can walk by its headings.
 *
 * The country is the page's one <h1>; "What changed in this update" and
 * the profile's sections are <h2>, their nested sections <h3> and <h4>
 * (the schema nests three deep), then the treaties, the laws and the
 * footnotes, each <h2>: the headings follow the sections and never skip
 * a level. Each citation marker is a link to its footnote, and each
 * footnote links back to where it is cited, every time it is (a, b, c):
 * ids "cite-N-K" for the K-th citation of footnote N, "fn-N" for the
 * note. A marker whose footnote the profile lacks stays text: a link
 * must go somewhere. Web addresses in footnotes (OSCOLA's <URL>) are
 * links; any other text stays text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/markers.h"
#include "profdiff/treaties.h"
#include "render_internal.h"

static const char profile_style[] =
	"header .kicker{font:.8em sans-serif;text-transform:uppercase;"
	"letter-spacing:.08em;color:var(--muted);margin:0}"
	".subtitle{font-style:italic;color:var(--muted);margin-top:-.4em}"
	"h4{font-size:.95em;margin:1em 0 .3em}"
	"sup.cite{line-height:0;font-size:.75em}sup.cite a{text-decoration:none;"
	"padding:0 .1em}"
	"aside.update{border:1px solid var(--line);border-left:4px solid "
	"var(--chg);background:var(--box);padding:.2em 1em .6em;margin:1.5em 0}"
	"aside.update h2{border:0;margin:.4em 0 .2em;font-size:1.2em}"
	"aside.update ul.changes li{background:var(--bg)}"
	"nav.toc ol{padding-left:1.4em;margin:.3em 0}nav.toc h2{font-size:1.1em;"
	"border:0}"
	".table{overflow-x:auto}table{border-collapse:collapse;font:.9em "
	"sans-serif;width:100%}th,td{border:1px solid var(--line);padding:"
	".3em .5em;text-align:left;vertical-align:top}thead th{background:"
	"var(--head)}"
	"ol.footnotes{font-size:.9em;padding-left:3em}ol.footnotes li{margin:"
	".3em 0;overflow-wrap:anywhere}ol.footnotes li:target,"
	"sup.cite:target{background:var(--recent)}a.back{text-decoration:none;"
	"margin-left:.3em}"
	"@media print{aside.update{break-inside:avoid}a.back{display:none}"
	"nav.toc{display:none}}";

/* Where each footnote is cited: the citations of footnote n are counted
 * as the prose is written, so that the note can link back to each. */
typedef struct cites {
	const pd_profile *p;
	size_t *count; /* by index in p->footnotes */
	pd_arena *arena;
} cites;

/* The index of footnote n in the profile, or -1. */
static long note_index(const pd_profile *p, uint32_t n)
{
	const pd_footnote *f = pd_profile_footnote(p, n);

	return f ? (long)(f - p->footnotes) : -1;
}

/* A run of marker numbers as links: "[15][16]" reads "[15, 16]" with
 * each number its own link. */
static void marker_html(pd_buf *out, cites *c, const char *s, size_t len,
			const pd_marker *m)
{
	size_t k;

	if (m->malformed || !m->nnumbers) {
		pd_xml_escape(out, s + m->start, m->end - m->start);
		return;
	}
	(void)len;
	pd_buf_puts(out, "<sup class=\"cite\">[");
	for (k = 0; k < m->nnumbers; k++) {
		uint32_t n = m->numbers[k];
		long i = note_index(c->p, n);

		if (k)
			pd_buf_puts(out, ", ");
		if (i < 0) {
			pd_buf_put_uint(out, n);
			continue;
		}
		c->count[i]++;
		pd_buf_puts(out, "<a id=\"cite-");
		pd_buf_put_uint(out, n);
		pd_buf_putc(out, '-');
		pd_buf_put_uint(out, c->count[i]);
		pd_buf_puts(out, "\" href=\"#fn-");
		pd_buf_put_uint(out, n);
		pd_buf_puts(out, "\" aria-label=\"footnote ");
		pd_buf_put_uint(out, n);
		pd_buf_puts(out, "\">");
		pd_buf_put_uint(out, n);
		pd_buf_puts(out, "</a>");
	}
	pd_buf_puts(out, "]</sup>");
}

/* Prose with its markers made links. */
static void prose_html(pd_buf *out, cites *c, const char *s, size_t len)
{
	pd_marker *m = NULL;
	size_t n = 0, i, at = 0;

	if (pd_markers(c->arena, s, len, &m, &n) < 0) {
		out->failed = true;
		return;
	}
	for (i = 0; i < n; i++) {
		pd_xml_escape(out, s + at, m[i].start - at);
		marker_html(out, c, s, len, &m[i]);
		at = m[i].end;
	}
	pd_xml_escape(out, s + at, len - at);
}

/* A list of footnote numbers (a law's or a treaty's `cite`) as links. */
static void cite_list(pd_buf *out, cites *c, const uint32_t *v, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		long i = note_index(c->p, v[k]);

		pd_buf_puts(out, k ? ", " : "");
		if (i < 0) {
			pd_buf_put_uint(out, v[k]);
			continue;
		}
		pd_buf_puts(out, "<a href=\"#fn-");
		pd_buf_put_uint(out, v[k]);
		pd_buf_puts(out, "\">");
		pd_buf_put_uint(out, v[k]);
		pd_buf_puts(out, "</a>");
	}
}

/* A section's id: "s2" for the second section of the profile (parent
 * NULL), "s2-1" for the first within it (parent "s2", of length plen);
 * cut, as snprintf would cut it, to fit id[size]. Its length. */
static size_t section_id(char *id, size_t size, const char *parent,
			 size_t plen, size_t k)
{
	char d[20]; /* 2^64 - 1 has 20 digits */
	size_t nd = sizeof(d), n = 0, len;

	do {
		d[--nd] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	if (parent) {
		n = plen;
		if (n > size - 1)
			n = size - 1;
		memcpy(id, parent, n);
		if (n < size - 1)
			id[n++] = '-';
	} else {
		id[n++] = 's';
	}
	len = sizeof(d) - nd;
	if (len > size - 1 - n)
		len = size - 1 - n; /* the leading digits, as snprintf */
	memcpy(id + n, d + nd, len);
	n += len;
	id[n] = '\0';
	return n;
}

static void section_html(pd_buf *out, cites *c, const pd_section *s,
			 int level, const char *id, size_t idlen)
{
	size_t i;

	/* level is 2 to 6: one digit */
	pd_buf_puts(out, "<section aria-labelledby=\"");
	pd_buf_put(out, id, idlen);
	pd_buf_puts(out, "\">\n<h");
	pd_buf_putc(out, (char)('0' + level));
	pd_buf_puts(out, " id=\"");
	pd_buf_put(out, id, idlen);
	pd_buf_puts(out, "\">");
	pd_html_esc(out, s->title);
	pd_buf_puts(out, "</h");
	pd_buf_putc(out, (char)('0' + level));
	pd_buf_puts(out, ">\n");
	if (s->subtitle) {
		pd_buf_puts(out, "<p class=\"subtitle\">");
		pd_html_esc(out, s->subtitle);
		pd_buf_puts(out, "</p>\n");
	}
	for (i = 0; i < s->nparagraphs; i++) {
		pd_buf_puts(out, "<p>");
		prose_html(out, c, s->paragraphs[i].text, s->paragraphs[i].len);
		pd_buf_puts(out, "</p>\n");
	}
	for (i = 0; i < s->nsections; i++) {
		char sub[64];
		size_t n = section_id(sub, sizeof(sub), id, idlen, i + 1);

		section_html(out, c, &s->sections[i], level < 6 ? level + 1 : 6,
			     sub, n);
	}
	pd_buf_puts(out, "</section>\n");
}

static void toc_html(pd_buf *out, const pd_profile *p)
{
	size_t i;

	if (p->nsections < 2)
		return;
	pd_buf_puts(out, "<nav class=\"toc\" aria-labelledby=\"toc\">"
			 "<h2 id=\"toc\">Contents</h2>\n<ol>\n");
	for (i = 0; i < p->nsections; i++) {
		pd_buf_puts(out, "<li><a href=\"#s");
		pd_buf_put_uint(out, i + 1);
		pd_buf_puts(out, "\">");
		pd_html_esc(out, p->sections[i].title);
		pd_buf_puts(out, "</a></li>\n");
	}
	if (p->ntreaties)
		pd_buf_puts(out, "<li><a href=\"#treaties\">Treaties</a></li>\n");
	if (p->nlaws)
		pd_buf_puts(out, "<li><a href=\"#laws\">Laws</a></li>\n");
	if (p->nfootnotes)
		pd_buf_puts(out, "<li><a href=\"#notes\">Footnotes</a></li>\n");
	pd_buf_puts(out, "</ol></nav>\n");
}

static void long_date(pd_buf *out, pd_date d)
{
	char iso[11];

	pd_date_format(d, iso);
	pd_buf_puts(out, "<time datetime=\"");
	pd_buf_puts(out, iso);
	pd_buf_puts(out, "\">");
	pd_describe_date(out, d);
	pd_buf_puts(out, "</time>");
}

static void update_html(pd_buf *out, const pd_profile_page *pg)
{
	size_t k, listed = 0;

	pd_buf_puts(out, "<aside class=\"update\" aria-labelledby=\"update\">"
			 "<h2 id=\"update\">What changed in this update</h2>\n");
	if (pg->first || !pg->diff) {
		pd_buf_puts(out, "<p>The first published revision of this "
				 "profile.</p>\n</aside>\n");
		return;
	}
	pd_buf_puts(out, "<p class=\"meta\">Since the revision of ");
	if (pg->previous.year)
		long_date(out, pg->previous);
	else
		pd_buf_puts(out, "no date");
	pd_buf_puts(out, ".</p>\n");
	for (k = 0; k < pg->diff->nchanges; k++) {
		const pd_change *ch = &pg->diff->changes[k];

		if (!pd_change_substantive(ch) ||
		    ch->kind == PD_CHANGE_LAST_UPDATED)
			continue;
		if (!listed++)
			pd_buf_puts(out, "<ul class=\"changes\">\n");
		pd_html_change(out, ch, false, NULL);
	}
	if (listed)
		pd_buf_puts(out, "</ul>\n");
	else
		pd_buf_puts(out, "<p>No change in substance.</p>\n");
	if (pg->diff->editorial) {
		pd_buf_puts(out, "<p class=\"meta\">");
		pd_buf_put_uint(out, pg->diff->editorial);
		pd_buf_puts(out, pg->diff->editorial == 1
					 ? " editorial change "
					 : " editorial changes ");
		pd_buf_puts(out, "(wording, spelling, access dates) not "
				 "listed.</p>\n");
	}
	pd_buf_puts(out, "</aside>\n");
}

static void treaties_html(pd_buf *out, cites *c, const pd_profile *p,
			  const pd_vocab *vocab)
{
	size_t i;

	if (!p->ntreaties)
		return;
	pd_buf_puts(out, "<section aria-labelledby=\"treaties\">\n"
			 "<h2 id=\"treaties\">Treaties</h2>\n<div class=\"table\">"
			 "<table>\n<thead><tr><th scope=\"col\">Treaty</th>"
			 "<th scope=\"col\">Status</th><th scope=\"col\">Date"
			 "</th><th scope=\"col\">Sources</th></tr></thead>\n"
			 "<tbody>\n");
	for (i = 0; i < p->ntreaties; i++) {
		const pd_treaty *t = &p->treaties[i];
		int v = pd_vocab_find(vocab, t->id, strlen(t->id));

		pd_buf_puts(out, "<tr><th scope=\"row\">");
		pd_html_esc(out, v >= 0 ? pd_vocab_get(vocab, (size_t)v)->name
					: t->id);
		pd_buf_puts(out, "</th><td>");
		pd_buf_puts(out, pd_treaty_status_name(t->status));
		if (t->via != PD_VIA_NONE) {
			pd_buf_puts(out, " (");
			pd_buf_puts(out, pd_treaty_via_name(t->via));
			pd_buf_putc(out, ')');
		}
		pd_buf_puts(out, "</td><td>");
		if (t->date.year)
			pd_describe_date(out, t->date);
		pd_buf_puts(out, "</td><td>");
		cite_list(out, c, t->cite, t->ncite);
		pd_buf_puts(out, "</td></tr>\n");
	}
	pd_buf_puts(out, "</tbody></table></div>\n</section>\n");
}

static void laws_html(pd_buf *out, cites *c, const pd_profile *p)
{
	size_t i;

	if (!p->nlaws)
		return;
	pd_buf_puts(out, "<section aria-labelledby=\"laws\">\n"
			 "<h2 id=\"laws\">Laws</h2>\n<div class=\"table\"><table>\n"
			 "<thead><tr><th scope=\"col\">Law</th><th scope=\"col\">"
			 "Type</th><th scope=\"col\">Status</th><th scope=\"col\">"
			 "Year</th><th scope=\"col\">Sources</th></tr></thead>\n"
			 "<tbody>\n");
	for (i = 0; i < p->nlaws; i++) {
		const pd_law *l = &p->laws[i];

		pd_buf_puts(out, "<tr><th scope=\"row\">");
		pd_html_esc(out, l->name);
		if (l->short_name) {
			pd_buf_puts(out, " (");
			pd_html_esc(out, l->short_name);
			pd_buf_putc(out, ')');
		}
		pd_buf_puts(out, "</th><td>");
		pd_buf_puts(out, pd_law_type_name(l->type));
		pd_buf_puts(out, "</td><td>");
		pd_buf_puts(out, pd_law_status_name(l->status));
		if (l->date.year) {
			pd_buf_puts(out, ", ");
			pd_describe_date(out, l->date);
		}
		if (l->replaced_by) {
			pd_buf_puts(out, "; replaced by ");
			pd_html_esc(out, l->replaced_by);
		}
		pd_buf_puts(out, "</td><td>");
		if (l->year)
			pd_buf_put_int(out, l->year);
		pd_buf_puts(out, "</td><td>");
		cite_list(out, c, l->cite, l->ncite);
		pd_buf_puts(out, "</td></tr>\n");
	}
	pd_buf_puts(out, "</tbody></table></div>\n</section>\n");
}

/* A footnote's text: each <http...> a link, the rest text. */
static void note_text(pd_buf *out, const char *s, size_t len)
{
	size_t at = 0, i = 0;

	while (i < len) {
		const char *gt;
		size_t n;

		if (s[i] != '<' || !(gt = memchr(s + i, '>', len - i))) {
			i++;
			continue;
		}
		n = (size_t)(gt - (s + i)) - 1;
		if (n > 7 && n < 4096) {
			char *url = strndup(s + i + 1, n);

			if (!url) {
				out->failed = true;
				return;
			}
			if (pd_html_url_is_web(url)) {
				pd_xml_escape(out, s + at, i + 1 - at);
				pd_html_url(out, url);
				at = i + 1 + n;
			}
			free(url);
		}
		i = (size_t)(gt - s) + 1;
	}
	pd_xml_escape(out, s + at, len - at);
}

static void notes_html(pd_buf *out, const cites *c, const pd_profile *p)
{
	size_t i, k;

	if (!p->nfootnotes)
		return;
	pd_buf_puts(out, "<section aria-labelledby=\"notes\">\n"
			 "<h2 id=\"notes\">Footnotes</h2>\n"
			 "<ol class=\"footnotes\">\n");
	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *f = &p->footnotes[i];

		pd_buf_puts(out, "<li id=\"fn-");
		pd_buf_put_uint(out, f->number);
		pd_buf_puts(out, "\" value=\"");
		pd_buf_put_uint(out, f->number);
		pd_buf_puts(out, "\">");
		note_text(out, f->text, f->len);
		for (k = 1; k <= c->count[i]; k++) {
			pd_buf_puts(out, "<a class=\"back\" href=\"#cite-");
			pd_buf_put_uint(out, f->number);
			pd_buf_putc(out, '-');
			pd_buf_put_uint(out, k);
			pd_buf_puts(out, "\" aria-label=\"back to citation ");
			pd_buf_put_uint(out, k);
			pd_buf_puts(out, " of footnote ");
			pd_buf_put_uint(out, f->number);
			pd_buf_puts(out, "\">&#8617;");
			if (c->count[i] > 1) {
				pd_buf_puts(out, "<sup>");
				pd_buf_putc(out, k <= 26 ? (char)('a' + k - 1)
							 : '+');
				pd_buf_puts(out, "</sup>");
			}
			pd_buf_puts(out, "</a>");
		}
		pd_buf_puts(out, "</li>\n");
	}
	pd_buf_puts(out, "</ol>\n</section>\n");
}

/* About what a section's prose makes of a page: its text twice over,
 * for what escaping and the citations' links add to it. */
static size_t section_size(const pd_section *s)
{
	size_t n = 256, i;

	for (i = 0; i < s->nparagraphs; i++)
		n += 2 * s->paragraphs[i].len;
	for (i = 0; i < s->nsections; i++)
		n += section_size(&s->sections[i]);
	return n;
}

/* About the size of a profile's page: the head and its style, the
 * prose, a row of each table and each footnote (whose address is
 * written twice, and its links back). Room for it is made at once, not
 * by doubling towards it. */
static size_t page_size(const pd_profile *p)
{
	size_t n = 8192 + sizeof(profile_style), i;

	for (i = 0; i < p->nsections; i++)
		n += section_size(&p->sections[i]);
	for (i = 0; i < p->nfootnotes; i++)
		n += 2 * p->footnotes[i].len + 256;
	return n + 256 * (p->nlaws + p->ntreaties);
}

int pd_render_profile_html(pd_buf *out, const pd_profile *p,
			   const pd_profile_page *pg)
{
	static const pd_profile_page none = PD_PROFILE_PAGE_INIT;
	cites c = {p, NULL, NULL};
	const char *country = p->country ? p->country : "Profile";
	size_t i;

	if (!pg)
		pg = &none;
	if (!(c.count = calloc(p->nfootnotes + 1, sizeof(*c.count))) ||
	    !(c.arena = pd_arena_new())) {
		free(c.count);
		return pd_error_oom();
	}
	pd_buf_reserve(out, page_size(p));
	pd_html_head_lang(out, country, profile_style,
			  pg->lang ? pg->lang : "en");
	if (pg->home || pg->history) {
		pd_buf_puts(out, "<nav class=\"meta\" aria-label=\"Site\">");
		if (pg->home) {
			pd_buf_puts(out, "<a href=\"");
			pd_html_esc(out, pg->home);
			pd_buf_puts(out, "\">All profiles</a>");
		}
		if (pg->history) {
			pd_buf_puts(out, pg->home ? " · <a href=\"" : "<a href=\"");
			pd_html_esc(out, pg->history);
			pd_buf_puts(out, "\">History of this profile</a>");
		}
		pd_buf_puts(out, "</nav>\n");
	}
	pd_buf_puts(out, "<header>\n<p class=\"kicker\">Country profile</p>\n"
			 "<h1>");
	pd_html_esc(out, country);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">Last updated: ");
	if (p->last_updated.year)
		long_date(out, p->last_updated);
	else
		pd_buf_puts(out, "not given");
	pd_buf_puts(out, "</p>\n</header>\n");
	if (pg->diff || pg->first)
		update_html(out, pg);
	toc_html(out, p);
	pd_buf_puts(out, "<main>\n");
	for (i = 0; i < p->nsections; i++) {
		char id[32];
		size_t n = section_id(id, sizeof(id), NULL, 0, i + 1);

		section_html(out, &c, &p->sections[i], 2, id, n);
	}
	treaties_html(out, &c, p, pg->vocab);
	laws_html(out, &c, p);
	notes_html(out, &c, p);
	pd_buf_puts(out, "</main>\n</body>\n</html>\n");
	pd_arena_free(c.arena);
	free(c.count);
	return pd_buf_ok(out);
}

int pd_render_history_html(pd_buf *out, const char *country,
			   const pd_history_rev *v, size_t n)
{
	pd_buf t = PD_BUF_INIT;
	size_t i;

	pd_buf_printf(&t, "%s: history", country ? country : "Profile");
	pd_html_head(out, pd_buf_cstr(&t), "ol.revs li{margin:.4em 0}");
	pd_buf_free(&t);
	pd_buf_puts(out, "<nav class=\"meta\" aria-label=\"Site\"><a href=\""
			 "../../index.html\">All profiles</a> · <a href=\""
			 "index.html\">As published now</a> · <a href=\""
			 "blame.html\">Where each claim comes from</a></nav>\n"
			 "<h1>");
	pd_html_esc(out, country);
	pd_buf_printf(out, "</h1>\n<p class=\"meta\">%zu published revision%s, "
			   "newest first: each revision's page, and what "
			   "changed since the one before.</p>\n<ol class=\"revs\">"
			   "\n",
		      n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		char d[11] = "undated";

		if (v[i].date.year)
			pd_date_format(v[i].date, d);
		pd_buf_puts(out, "<li><a href=\"");
		pd_buf_puts(out, d);
		pd_buf_puts(out, ".html\">");
		pd_buf_puts(out, d);
		pd_buf_puts(out, "</a>");
		if (v[i].diff) {
			pd_buf_puts(out, ": <a href=\"");
			pd_buf_puts(out, d);
			pd_buf_puts(out, "-diff.html\">");
			pd_html_esc(out, v[i].summary && v[i].summary[0]
						 ? v[i].summary
						 : "no change in substance");
			pd_buf_puts(out, "</a>");
		} else if (i + 1 == n) {
			pd_buf_puts(out, ": first published revision");
		}
		if (v[i].message) {
			pd_buf_puts(out, " <span class=\"meta\">(");
			pd_html_esc(out, v[i].message);
			pd_buf_puts(out, ")</span>");
		}
		pd_buf_puts(out, "</li>\n");
	}
	pd_buf_puts(out, "</ol>\n</body>\n</html>\n");
	return pd_buf_ok(out);
}
