/*
 * render_atom.c: the changelog as an Atom 1.0 feed: one entry per
 * published revision with substance, a stable tag: id from the profile and
 * the date, `updated` from the revision, the edit summary (the commits'
 * messages) as the entry's summary, the substantive changes as its
 * content. The feed links to itself (rel="self") and to the
 * changelog page it is the feed of (rel="alternate"), each entry to its
 * entry of that page: absolute from the site's base URL when one is
 * given, as readers that fetch the feed alone need them, else relative
 * to the feed, beside its page (RFC 4287, section 4.2.7).
 */
#include <string.h>

#include "profdiff/version.h"
#include "render_internal.h"

static void esc(pd_buf *out, const char *s)
{
	if (s)
		pd_xml_escape(out, s, strlen(s));
}

/* A link's address: `name` (and "#fragment" when there is one) against
 * the base URL. */
static void href(pd_buf *out, const pd_changelog *cl, const char *name,
		 const char *fragment)
{
	size_t n = cl->base_url ? strlen(cl->base_url) : 0;

	if (n) {
		esc(out, cl->base_url);
		if (cl->base_url[n - 1] != '/')
			pd_buf_putc(out, '/');
	}
	esc(out, name);
	if (fragment) {
		pd_buf_putc(out, '#');
		pd_url_esc(out, fragment);
	}
}

/* "Name <email>" -> the name. */
static void author_name(pd_buf *out, const char *author)
{
	const char *lt = author ? strchr(author, '<') : NULL;
	size_t n = lt ? (size_t)(lt - author) : (author ? strlen(author) : 0);

	while (n && author[n - 1] == ' ')
		n--;
	if (n)
		pd_xml_escape(out, author, n);
	else
		pd_buf_puts(out, "profdiff");
}

/* The entry's content: the changes as an HTML list, escaped for XML;
 * nothing for an entry the feed leaves out. */
static void atom_changelog_body(pd_buf *out, const pd_changelog_entry *e)
{
	pd_buf html = PD_BUF_INIT, line = PD_BUF_INIT;
	size_t k;

	if (!pd_changelog_entry_substantive(e))
		return;
	if (!e->diff) {
		pd_buf_puts(&html, "<p>First published revision.</p>");
	} else {
		pd_buf_puts(&html, "<ul>");
		for (k = 0; k < e->diff->nchanges; k++) {
			const pd_change *c = &e->diff->changes[k];

			if (!pd_change_substantive(c))
				continue;
			pd_buf_clear(&line);
			pd_buf_puts(&line, pd_describe_kind(c->kind));
			pd_buf_puts(&line, ": ");
			switch (c->kind) {
			case PD_CHANGE_LAW_ADDED:
			case PD_CHANGE_LAW_REMOVED:
				pd_describe_law(&line, c->law);
				break;
			case PD_CHANGE_LAW_CHANGED:
				pd_buf_printf(&line, "%s: ", c->law->name);
				pd_describe_law_change(&line, c, "→");
				break;
			case PD_CHANGE_TREATY_ADDED:
			case PD_CHANGE_TREATY_REMOVED:
			case PD_CHANGE_TREATY_CHANGED:
				pd_describe_treaty_change(&line, c);
				break;
			case PD_CHANGE_CLAIM_REWORDED:
			case PD_CHANGE_CLAIM_MERGED:
				pd_buf_puts(&line, c->to);
				break;
			case PD_CHANGE_CLAIM_SPLIT:
				pd_describe_parts(&line, c);
				break;
			case PD_CHANGE_SOURCE_ADDED:
			case PD_CHANGE_SOURCE_REMOVED:
			case PD_CHANGE_SOURCE_CHANGED:
				pd_buf_puts(&line, c->source.label);
				break;
			case PD_CHANGE_SECTION_ADDED:
			case PD_CHANGE_SECTION_REMOVED:
			default:
				pd_buf_puts(&line, c->text ? c->text : "");
				break;
			}
			pd_buf_puts(&html, "<li>");
			pd_xml_escape(&html, line.ptr, line.len);
			pd_buf_puts(&html, "</li>");
		}
		pd_buf_puts(&html, "</ul>");
		pd_describe_unlisted(&html, e->diff->bucket, "<p>", ".</p>");
	}
	pd_xml_escape(out, html.ptr, html.len);
	pd_buf_free(&html);
	pd_buf_free(&line);
}

static void atom_changelog(pd_buf *out, const pd_changelog *cl,
			   pd_render_flow *flow)
{
	const char *auth = cl->feed_id ? cl->feed_id : "profdiff.invalid";
	char date[11], newest[11] = "1970-01-01";
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (pd_changelog_entry_substantive(&cl->entries[i]) &&
		    cl->entries[i].date.year) {
			pd_date_format(cl->entries[i].date, date);
			if (strcmp(date, newest) > 0)
				memcpy(newest, date, sizeof(newest));
		}
	pd_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			 "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
			 "  <title>");
	esc(out, cl->title ? cl->title : "Country profiles");
	pd_buf_puts(out, ": changes</title>\n  <id>tag:");
	esc(out, auth);
	pd_buf_printf(out, ",2026:changelog</id>\n  <updated>%sT00:00:00Z</updated>\n"
			   "  <link rel=\"self\" type=\"application/atom+xml\" "
			   "href=\"",
		      newest);
	href(out, cl, cl->feed_name ? cl->feed_name : "changelog.atom", NULL);
	pd_buf_puts(out, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" "
			 "href=\"");
	href(out, cl, "changelog.html", NULL);
	pd_buf_puts(out, "\"/>\n"
			 "  <author><name>profdiff</name></author>\n"
			 "  <generator version=\"" PD_VERSION "\">profdiff"
			 "</generator>\n");
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		pd_buf sum = PD_BUF_INIT;

		if (!pd_changelog_entry_substantive(e) || !e->date.year)
			continue;
		pd_date_format(e->date, date);
		if (pd_walk_entry_first(e))
			pd_buf_puts(&sum, "first published revision");
		else
			pd_walk_entry_summary(&sum, e);
		pd_buf_puts(out, "  <entry>\n    <title>");
		esc(out, e->country);
		pd_buf_printf(out, ", %s: ", date);
		esc(out, pd_buf_cstr(&sum));
		pd_buf_puts(out, "</title>\n    <id>tag:");
		esc(out, auth);
		pd_buf_printf(out, ",%s:", date);
		esc(out, e->profile);
		pd_buf_printf(out, "/%s</id>\n    <updated>%sT00:00:00Z</updated>\n"
				   "    <link rel=\"alternate\" type=\"text/html\" "
				   "href=\"",
			      date, date);
		pd_buf_clear(&sum);
		if (e->profile)
			pd_buf_printf(&sum, "%s-%s", e->profile, date);
		href(out, cl, "changelog.html",
		     e->profile ? pd_buf_cstr(&sum) : NULL);
		pd_buf_puts(out, "\"/>\n    <author><name>");
		author_name(out, e->author);
		pd_buf_puts(out, "</name></author>\n");
		if (e->nmessages) {
			/* the edit summary: the editors' own words */
			pd_buf_clear(&sum);
			pd_walk_entry_messages(&sum, e);
			pd_buf_puts(out, "    <summary>");
			esc(out, pd_buf_cstr(&sum));
			pd_buf_puts(out, "</summary>\n");
		}
		pd_buf_puts(out, "    <content type=\"html\">");
		pd_walk_entry_body(out, e, PD_FORMAT_ATOM, atom_changelog_body);
		pd_buf_puts(out, "</content>\n  </entry>\n");
		pd_buf_free(&sum);
		pd_render_flush(out, flow, false);
	}
	pd_buf_puts(out, "</feed>\n");
}

const pd_renderer pd_render_atom = {
	.changelog = atom_changelog,
	.changelog_body = atom_changelog_body,
};
