/*
 * render_page.c: a profile as the publication's page, the text `import`
 * reads (docs/DESIGN.md, section 3), so that a profile can be published
 * from its YAML and the page read back.
 *
 * The page is written as the publication writes it, each block followed
 * by a blank line: the country and "Last updated : January 20, 2026"
 * (only with a date: a page without one, like the Laos page, starts with
 * its first heading, and import takes the country from --country or the
 * file name); then each section, its heading, its subtitle and its
 * paragraphs, one line each, and its subsections; then the footnotes,
 * "N.^", a blank line and the text indented by a space. Image
 * placeholders are left out: they are no text, and import drops them.
 *
 * A heading the publication has (the headings of page_import.c's table,
 * at their level and in their case) is written as it is. Any other is
 * written "## Title" at the top level and "### Title" below, which import
 * reads as a heading of that level whatever follows it: a generated or
 * edited profile's headings come back as they were. What the page cannot
 * carry (a heading import would not read as one, a paragraph with line
 * breaks) the application finds by importing the page again (app
 * render) and names.
 */
#include <string.h>

#include "render_internal.h"

/* The publication's own headings and their level; the table of
 * page_import.c, which reads them back. */
static const struct {
	const char *title;
	int level;
} known[] = {
	{"Digital ID Overview", 1},
	{"Law", 1},
	{"Domestic Law and Policy", 2},
	{"Data Protection", 2},
	{"International Commitments", 2},
	{"Designed to Include?", 1},
};

static bool known_at(const char *title, int level)
{
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].title, title) == 0)
			return known[i].level == level;
	return false;
}

static void block(pd_buf *out, const char *s, size_t len)
{
	pd_buf_put(out, s, len);
	pd_buf_puts(out, "\n\n");
}

static void section(pd_buf *out, const pd_section *s, int level)
{
	size_t i;

	if (!known_at(s->title, level > 2 ? 2 : level))
		pd_buf_puts(out, level == 1 ? "## " : "### ");
	block(out, s->title, strlen(s->title));
	if (s->subtitle)
		block(out, s->subtitle, strlen(s->subtitle));
	for (i = 0; i < s->nparagraphs; i++)
		block(out, s->paragraphs[i].text, s->paragraphs[i].len);
	for (i = 0; i < s->nsections; i++)
		section(out, &s->sections[i], level + 1);
}

static void page_profile(pd_buf *out, const pd_profile_report *r,
			 const pd_render_options *opts)
{
	static const char *const months[] = {
		"January", "February", "March",	    "April",
		"May",	   "June",     "July",	    "August",
		"September", "October", "November", "December"};
	const pd_profile *p = r->profile;
	size_t i;

	(void)opts;
	if (p->last_updated.year) {
		if (p->country)
			block(out, p->country, strlen(p->country));
		pd_buf_printf(out, "Last updated : %s %d, %d\n\n",
			      months[(p->last_updated.month + 11) % 12],
			      p->last_updated.day, p->last_updated.year);
	}
	for (i = 0; i < p->nsections; i++)
		section(out, &p->sections[i], 1);
	for (i = 0; i < p->nfootnotes; i++) {
		pd_buf_printf(out, "%u.^\n\n ", (unsigned)p->footnotes[i].number);
		block(out, p->footnotes[i].text, p->footnotes[i].len);
	}
}

const pd_renderer pd_render_page = {
	.profile = page_profile,
};
