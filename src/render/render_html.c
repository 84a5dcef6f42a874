/*
 * render_html.c: a self-contained review page for a diff: no external
 * assets, word-level highlights (<del>, <ins>), claims grouped by section,
 * readable on screen and in print; and what every HTML page shares (the
 * head and its style, a change as a list item). The other pages are
 * render_html_<page>.c.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "render_internal.h"

void pd_html_esc(pd_buf *out, const char *s)
{
	if (s)
		pd_xml_escape(out, s, strlen(s));
}

void pd_url_esc(pd_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			pd_buf_putc(out, (char)c);
			continue;
		}
		pd_buf_putc(out, '%');
		pd_buf_putc(out, hex[c >> 4]);
		pd_buf_putc(out, hex[c & 15]);
	}
}

/* The shared style. Colours are variables, so that one block gives the
 * dark scheme (prefers-color-scheme) to every page. A change's colour
 * goes by kind (li.add, li.del, li.chg) and a finding's by severity
 * (li.error, li.warning): their rules name the list too, so that they
 * outrank the list's neutral bar rather than lose to it. */
static const char style[] =
	":root{color-scheme:light dark;--fg:#222;--bg:#fff;--muted:#555;"
	"--line:#ccc;--box:#f6f6f6;--add:#2a7d2e;--del:#b3261e;--chg:#a86f00;"
	"--ins:#d4f4d2;--delbg:#f9d3d0;--link:#1f5fae;--head:#eee;"
	"--recent:#fff1a8}"
	"@media (prefers-color-scheme:dark){:root{--fg:#e4e4e4;--bg:#17191d;"
	"--muted:#a8a8a8;--line:#4a4a4a;--box:#23262b;--add:#5cc36a;"
	"--del:#ff7b72;--chg:#e3b341;--ins:#1e4a28;--delbg:#5c2020;"
	"--link:#8ab4f8;--head:#2a2d33;--recent:#5a4a00}}"
	"body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:60em;"
	"margin:2em auto;padding:0 1em;color:var(--fg);background:var(--bg)}"
	"a{color:var(--link)}"
	"h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:1px solid "
	"var(--line);margin-top:1.6em}h3{font-size:1em;color:var(--muted);"
	"margin:1.2em 0 .4em}"
	".meta{color:var(--muted);font-size:.9em}ul.changes{list-style:none;"
	"padding-left:0}ul.changes li{margin:.5em 0;padding:.4em .6em;"
	"border-left:4px solid var(--line);background:var(--box)}"
	"ul.changes li.add{border-left-color:var(--add)}"
	"ul.changes li.del{border-left-color:var(--del)}"
	"ul.changes li.chg{border-left-color:var(--chg)}"
	"ul.changes li.add>.tag{color:var(--add)}"
	"ul.changes li.del>.tag{color:var(--del)}"
	"ul.changes li.chg>.tag{color:var(--chg)}"
	".tag{font:bold .75em sans-serif;"
	"text-transform:uppercase;letter-spacing:.05em;margin-right:.5em;"
	"color:var(--muted)}ins{background:var(--ins);color:inherit;"
	"text-decoration:none}del{background:var(--delbg);color:inherit}"
	".src{display:block;color:var(--muted);font-size:.85em}"
	"a.url{overflow-wrap:anywhere;word-break:break-word}"
	".summary{margin-top:2em;color:var(--muted)}"
	"@media print{:root{--fg:#000;--bg:#fff;--muted:#444;--box:#fff}"
	"ul.changes li{break-inside:avoid}a.url::after{content:none}}";

/* Only a web address becomes a link: never javascript:, data: or a
 * path of the reader's own disk. */
bool pd_html_url_is_web(const char *url)
{
	return url && (strncasecmp(url, "https://", 8) == 0 ||
		       strncasecmp(url, "http://", 7) == 0);
}

static void link(pd_buf *out, const char *url, const char *text)
{
	size_t at, n;

	pd_buf_puts(out, "<a class=\"url\" rel=\"noreferrer\" href=\"");
	at = out->len;
	pd_html_esc(out, url);
	n = out->len - at;
	pd_buf_put(out, "\">", 2);
	if (text == url) /* the address as its own text: escaped once */
		pd_buf_put_again(out, at, n);
	else
		pd_html_esc(out, text);
	pd_buf_put(out, "</a>", 4);
}

void pd_html_url(pd_buf *out, const char *url)
{
	if (pd_html_url_is_web(url))
		link(out, url, url);
	else
		pd_html_esc(out, url);
}
void pd_html_source(pd_buf *out, const pd_source_ref *s)
{
	if (pd_html_url_is_web(s->url))
		link(out, s->url, s->label ? s->label : s->url);
	else
		pd_html_esc(out, s->label);
}

static const char *cls(const pd_change *c)
{
	char s = pd_describe_sign(c);

	return s == '+' ? "add" : s == '-' ? "del" : "chg";
}

static void sources_html(pd_buf *out, const char *what,
			 const pd_source_ref *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	pd_buf_puts(out, "<span class=\"src\">");
	pd_buf_puts(out, what);
	for (i = 0; i < n; i++) {
		pd_buf_puts(out, i ? "; " : " ");
		pd_html_source(out, &v[i]);
	}
	pd_buf_puts(out, "</span>");
}

static void change_html(pd_buf *out, const pd_change *c)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	pd_buf_puts(out, "<li class=\"");
	pd_buf_puts(out, cls(c));
	pd_buf_puts(out, "\"><span class=\"tag\">");
	pd_buf_puts(out, pd_describe_kind(c->kind));
	pd_buf_puts(out, "</span>");
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_RENAMED:
		pd_html_esc(out, c->from ? c->from : "(none)");
		pd_buf_puts(out, " &rarr; ");
		pd_html_esc(out, c->to ? c->to : "(none)");
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		pd_html_esc(out, c->text);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		pd_describe_law(&b, c->law);
		pd_html_esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_LAW_CHANGED:
		pd_html_esc(out, c->law->name);
		pd_buf_puts(out, ": ");
		pd_describe_law_change(&b, c, "→");
		pd_html_esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		pd_html_esc(out, c->source.label);
		pd_buf_puts(out, ": ");
		pd_describe_fields(&b, c, "→");
		pd_html_esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_TREATY_CHANGED:
		pd_describe_treaty_change(&b, c);
		pd_html_esc(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_puts(out, c->kind == PD_CHANGE_CLAIM_ADDED ? "<ins>"
								 : "<del>");
		pd_html_esc(out, c->text);
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
			pd_html_esc(out, c->from);
			pd_buf_puts(out, "</del> <ins>");
			pd_html_esc(out, c->to);
			pd_buf_puts(out, "</ins>");
			break;
		}
		for (i = 0; i < c->nwords; i++) {
			const pd_word_op *w = &c->words[i];

			if (w->op != '=')
				pd_buf_puts(out, w->op == '+' ? "<ins>" : "<del>");
			pd_html_esc(out, w->text);
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
			pd_html_esc(out, c->from);
			pd_buf_puts(out, "</del> <ins>");
			pd_describe_parts(&b, c);
			pd_html_esc(out, pd_buf_cstr(&b));
			pd_buf_puts(out, "</ins>");
		} else {
			pd_buf_puts(out, "<del>");
			pd_describe_parts(&b, c);
			pd_html_esc(out, pd_buf_cstr(&b));
			pd_buf_puts(out, "</del> <ins>");
			pd_html_esc(out, c->to);
			pd_buf_puts(out, "</ins>");
		}
		break;
	case PD_CHANGE_CLAIM_MOVED:
		pd_html_esc(out, c->text);
		pd_buf_puts(out, "<span class=\"src\">");
		pd_describe_move(&b, c);
		pd_html_esc(out, pd_buf_cstr(&b));
		pd_buf_puts(out, "</span>");
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_html_esc(out, c->text);
		sources_html(out, "Added:", c->sources, c->nsources);
		sources_html(out, "Removed:", c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		pd_html_esc(out, c->source.label);
		if (c->source.url) {
			pd_buf_puts(out, " <span class=\"src\">");
			pd_html_url(out, c->source.url);
			pd_buf_puts(out, "</span>");
		}
		break;
	default:
		break;
	}
	pd_buf_puts(out, "</li>\n");
	pd_buf_free(&b);
}

/* The pages are self-contained: nothing is loaded from elsewhere, so the
 * policy allows nothing but the page's own style (the <style> element and
 * the style attributes of blame's age shading) and the overview's sorting
 * script, by its hash (the SHA-256 of what its <script> element holds:
 * change the script, change the hash). Should escaping ever fail, an
 * injected script, image, frame, form or base still does nothing. */
#define CSP                                                                    \
	"default-src 'none'; style-src 'unsafe-inline'; "                      \
	"script-src 'sha256-Hv6fUdUi4kRktrI8RG1s5kEB0JqCZLQ6SPmaKBHUgXU='; "   \
	"base-uri 'none'; form-action 'none'"

void pd_html_head(pd_buf *out, const char *title, const char *extra_style)
{
	pd_html_head_lang(out, title, extra_style, "en");
}

void pd_html_head_lang(pd_buf *out, const char *title,
		       const char *extra_style, const char *lang)
{
	pd_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"");
	pd_html_esc(out, lang);
	pd_buf_puts(out, "\">\n<head>\n"
			 "<meta charset=\"utf-8\">\n"
			 "<meta http-equiv=\"Content-Security-Policy\" "
			 "content=\"" CSP "\">\n"
			 "<meta name=\"viewport\" content=\"width=device-width, "
			 "initial-scale=1\">\n<title>");
	pd_html_esc(out, title);
	pd_buf_puts(out, "</title>\n<style>");
	pd_buf_put(out, style, sizeof(style) - 1);
	if (extra_style)
		pd_buf_puts(out, extra_style);
	pd_buf_puts(out, "</style>\n</head>\n<body>\n");
}

static void html_group(pd_buf *out, pd_walk_group g, void *ctx)
{
	(void)ctx;
	pd_buf_puts(out, "<h2>");
	pd_buf_puts(out, pd_walk_group_titles[g]);
	pd_buf_puts(out, "</h2>\n");
}

static void html_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (nested) {
		pd_buf_puts(out, "<h3>");
		pd_html_esc(out, title);
		pd_buf_puts(out, "</h3>\n");
	}
	pd_buf_puts(out, "<ul class=\"changes\">\n");
}

void pd_html_change(pd_buf *out, const pd_change *c, bool nested, void *ctx)
{
	(void)nested;
	(void)ctx;
	change_html(out, c);
}

void pd_html_list_end(pd_buf *out, void *ctx)
{
	(void)ctx;
	pd_buf_puts(out, "</ul>\n");
}

static const pd_walk html_walk = {html_group, html_list, pd_html_change,
				    pd_html_list_end};

/* " (NAME)", the revision or file a side was read from, unless it is
 * its date again. */
static void side_named(pd_buf *out, const char *date, const char *name)
{
	if (!name || strcmp(name, date) == 0)
		return;
	pd_buf_puts(out, " (");
	pd_html_esc(out, name);
	pd_buf_putc(out, ')');
}

static void html_diff(pd_buf *out, const pd_diff_report *r,
		      const pd_render_options *opts)
{
	const pd_diff *d = r->diff;
	const pd_profile *p = r->to.profile ? r->to.profile : r->from.profile;
	const char *country = p && p->country ? p->country : r->profile;
	char from[11] = "none", to[11] = "none", title[256];

	(void)opts;
	if (r->from.profile && r->from.profile->last_updated.year)
		pd_date_format(r->from.profile->last_updated, from);
	if (r->to.profile && r->to.profile->last_updated.year)
		pd_date_format(r->to.profile->last_updated, to);
	snprintf(title, sizeof(title), "%s: changes %s to %s",
		 country ? country : "profile", from, to);
	pd_html_head(out, title, NULL);
	pd_buf_puts(out, "<h1>");
	pd_html_esc(out, country);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">Changes from ");
	pd_html_esc(out, from);
	side_named(out, from, r->from.revision ? r->from.revision
						: r->from.path);
	pd_buf_puts(out, " to ");
	pd_html_esc(out, to);
	side_named(out, to, r->to.revision ? r->to.revision : r->to.path);
	pd_buf_puts(out, "</p>\n");
	if (r->note) {
		pd_buf_puts(out, "<p class=\"meta\">");
		pd_html_esc(out, r->note);
		pd_buf_puts(out, "</p>\n");
	}
	if (!d->nchanges)
		pd_buf_puts(out, "<p>No changes in substance.</p>\n");
	pd_walk_diff(out, d, &html_walk, NULL);
	pd_buf_puts(out, "<p class=\"summary\">");
	pd_buf_put_uint(out, d->nchanges);
	pd_buf_puts(out, " changes: ");
	pd_diff_describe_buckets(out, d->bucket);
	pd_buf_puts(out, ".</p>\n</body>\n</html>\n");
}

const pd_renderer pd_render_html = {
	.diff = html_diff,
	.review = pd_html_review,
	.overview = pd_html_overview,
	.blame = pd_html_blame,
	.changelog = pd_html_changelog,
	.changelog_body = pd_html_changelog_body,
};
