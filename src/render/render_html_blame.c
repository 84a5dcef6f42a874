/*
 * render_html_blame.c: a blame as one page: each claim shaded by the age
 * of its last change, its history on hover or focus, and in print under
 * the claim. A claim is a <div>, not a <p>: its history is a list, and a
 * list inside a paragraph ends the paragraph where a browser parses it,
 * leaving the history outside the claim that hides it.
 */
#include <stdlib.h>
#include <string.h>

#include "render_internal.h"

static const char blame_style[] =
	".claim{position:relative;margin:.25em 0;padding:.2em .5em;"
	"border-radius:3px;outline:none}.claim:focus{box-shadow:0 0 0 2px "
	"var(--link)}.claim .hist{display:none;position:absolute;left:1em;"
	"top:100%;z-index:2;background:var(--bg);border:1px solid var(--line);"
	"padding:.4em .6em;font:.8em/1.4 sans-serif;color:var(--fg);"
	"box-shadow:0 2px 6px rgba(0,0,0,.3);min-width:min(22em,80vw);"
	"max-width:90vw}"
	".claim:hover .hist,.claim:focus .hist,.claim:focus-within .hist"
	"{display:block}.claim.stale{border-left:4px solid var(--del)}"
	".hist ol{margin:.2em 0 .2em 1.2em;padding:0}.src{display:block}"
	".legend i{display:inline-block;width:2.5em;height:.9em;"
	"vertical-align:middle;margin:0 .2em}"
	"@media print{.claim .hist{display:block;position:static;"
	"box-shadow:none;border:0;padding:0 0 0 1em;min-width:0}"
	".claim{break-inside:avoid}}";

/* What a revision did to a claim, in words. */
static const char *event_words(pd_blame_kind k)
{
	switch (k) {
	case PD_BLAME_NONE:
		return "introduced";
	case PD_BLAME_REWORDED:
		return "reworded";
	case PD_BLAME_SOURCES_CHANGED:
		return "sources changed";
	case PD_BLAME_MOVED:
		return "moved to another section";
	}
	return "changed";
}

/* The shade of a revision's age: the newest the strongest. */
static void shade(pd_buf *out, size_t rev, size_t nrevs)
{
	double t = nrevs > 1 ? (double)rev / (double)(nrevs - 1) : 1.0;

	pd_buf_printf(out, "background:rgba(255,176,0,%.2f)", 0.06 + 0.5 * t);
}

/* The shades of a blame's revisions, each formatted once: a page shades
 * thousands of claims, most of them from a few revisions. */
typedef struct shades {
	pd_buf text;  /* the shades made, each ended by a NUL */
	size_t *at;   /* revision r's shade is text from at[r] - 1, 0 when
		       * not made yet; NULL when it could not be allocated */
	size_t nrevs;
} shades;

static void shade_of(pd_buf *out, shades *sh, size_t rev)
{
	size_t from;

	if (!sh->at || rev >= sh->nrevs) {
		shade(out, rev, sh->nrevs);
		return;
	}
	if (!sh->at[rev]) {
		from = sh->text.len;
		shade(&sh->text, rev, sh->nrevs);
		pd_buf_putc(&sh->text, '\0');
		if (sh->text.failed) {
			out->failed = true;
			return;
		}
		sh->at[rev] = from + 1;
	}
	pd_buf_puts(out, pd_buf_cstr(&sh->text) + sh->at[rev] - 1);
}

/* A revision's edit summary after its description: " — " and its
 * messages, each control character shown, not kept. */
static void edit_summary(pd_buf *out, const pd_blame_rev *rv)
{
	size_t k;

	for (k = 0; k < rv->nmessages; k++) {
		pd_buf_puts(out, k ? "; " : " — ");
		pd_render_term_escape(out, rv->messages[k],
				      strlen(rv->messages[k]));
	}
}

/* Report i of n on one page: the head with the first, the end with the
 * last; for no profile, the page without one. */
void pd_html_blame(pd_buf *out, const pd_blame_report *r, size_t i,
		   size_t n, const pd_render_options *opts)
{
	pd_buf b = PD_BUF_INIT;
	size_t j, k;

	(void)opts;
	if (!n) {
		pd_html_head(out, "Blame", blame_style);
		pd_buf_puts(out, "</body>\n</html>\n");
		return;
	}
	if (i == 0)
		pd_html_head(out, n == 1 && r->country ? r->country : "Blame",
			  blame_style);
	{
		const pd_blame *bl = r->blame;
		const char *sec = NULL;
		shades sh = {PD_BUF_INIT, NULL, bl->nrevs};

		/* without it each shade is formatted where it goes */
		sh.at = calloc(bl->nrevs ? bl->nrevs : 1, sizeof(*sh.at));

		pd_buf_puts(out, "<h1>");
		pd_html_esc(out, r->country ? r->country : r->profile);
		pd_buf_puts(out, "</h1>\n<p class=\"meta\">");
		pd_html_esc(out, r->path);
		pd_buf_printf(out, ": %zu claims over %zu published revision%s. "
				   "Each claim is shaded by the age of its last "
				   "change in substance; hover over it or focus "
				   "it for its history.",
			      bl->nclaims, bl->nrevs, bl->nrevs == 1 ? "" : "s");
		if (r->stale_months)
			pd_buf_printf(out, " %zu claim%s stale at %d months "
					   "(marked in red).",
				      bl->stale, bl->stale == 1 ? " is" : "s are",
				      r->stale_months);
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
				pd_html_esc(out, sec);
				pd_buf_puts(out, "</h2>\n");
			}
			pd_buf_puts(out, c->stale ? "<div class=\"claim stale\""
						  : "<div class=\"claim\"");
			pd_buf_puts(out, " tabindex=\"0\" style=\"");
			shade_of(out, &sh, at);
			pd_buf_puts(out, "\">");
			pd_html_esc(out, c->text);
			pd_buf_puts(out, "<div class=\"hist\"><b>History</b><ol>");
			for (e = c->history; e; e = e->older) {
				pd_buf_puts(out, "<li>");
				pd_describe_blame_rev(&b, &bl->revs[e->rev]);
				pd_buf_puts(&b, ": ");
				pd_buf_puts(&b, event_words(e->kind));
				if (e->factual)
					pd_buf_puts(&b, " (factual)");
				edit_summary(&b, &bl->revs[e->rev]);
				pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
				pd_buf_clear(&b);
				pd_buf_puts(out, "</li>");
			}
			pd_buf_puts(out, "</ol>");
			for (k = 0; k < c->nsources; k++) {
				pd_buf_puts(out, "<span class=\"src\">");
				pd_html_source(out, &c->sources[k]);
				if (c->sources[k].accessed) {
					pd_buf_puts(out, " (accessed ");
					pd_html_esc(out,
						    c->sources[k].accessed);
					pd_buf_putc(out, ')');
				}
				pd_buf_puts(out, "</span>");
			}
			pd_buf_puts(out, "</div></div>\n");
		}
		free(sh.at);
		pd_buf_free(&sh.text);
	}
	pd_buf_free(&b);
	if (i + 1 == n)
		pd_buf_puts(out, "</body>\n</html>\n");
}
