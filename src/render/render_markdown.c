/*
 * render_markdown.c: a diff as Markdown, for review in a pull request or
 * an issue: grouped like the text output, word changes as ~~removed~~ and
 * **added**.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profdiff/markers.h"
#include "profdiff/profile.h"
#include "render_internal.h"

/* Text from a profile made inert in Markdown (CommonMark and GFM): the
 * characters that would start inline markup, HTML or an autolink are
 * escaped; a line end becomes a space, since the next line could start a
 * block of its own (a list item, a heading, a fence) before any inline
 * escape is looked at; and what begins the text cannot open a block
 * where the text begins a line (a list item's content): leading blanks
 * are character references, a leading - or + (a list, a thematic break)
 * and an ordered list's "1." or "1)" are escaped too (md_escape;
 * md_escape_inline for what never begins a line, a rewording's words). A
 * control character is written as its octal escape, as in messages. */
static void md_escape_inline(pd_buf *out, const char *s)
{
	for (; s && *s; s++) {
		size_t k, n = pd_render_control(s);

		if (*s == '\n' || *s == '\r') {
			pd_buf_putc(out, ' ');
			continue;
		}
		if (n) {
			/* shown as the terminal messages show it, its
			 * backslash escaped */
			for (k = 0; k < n; k++)
				pd_buf_printf(out, "\\\\%03o",
					      (unsigned char)s[k]);
			s += n - 1;
			continue;
		}
		if (strchr("\\`*_{}[]<>#|~", *s))
			pd_buf_putc(out, '\\');
		pd_buf_putc(out, *s);
	}
}

static void md_escape(pd_buf *out, const char *s)
{
	size_t digits = 0;

	if (!s)
		return;
	/* indentation would join a list or make one: written as references,
	 * which are text */
	for (; *s == ' ' || *s == '\t'; s++)
		pd_buf_puts(out, *s == ' ' ? "&#32;" : "&#9;");
	if (s[0] == '-' || s[0] == '+')
		pd_buf_putc(out, '\\');
	while (s[digits] >= '0' && s[digits] <= '9')
		digits++;
	if (digits && digits <= 9 && (s[digits] == '.' || s[digits] == ')')) {
		pd_buf_put(out, s, digits);
		pd_buf_putc(out, '\\');
		s += digits;
	}
	md_escape_inline(out, s);
}

/* A source's URL: a link (an autolink) only for http and https, and only
 * when it is one (no space, control character or angle bracket, which
 * would end the autolink early or make it raw HTML); anything else,
 * javascript: included, is escaped text that links nowhere. */
static void md_url(pd_buf *out, const char *url)
{
	bool link = strncasecmp(url, "http://", 7) == 0 ||
		    strncasecmp(url, "https://", 8) == 0;
	const char *p;

	for (p = url; link && *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == 0x7F)
			link = false;
	if (link) {
		pd_buf_printf(out, " <%s>", url);
		return;
	}
	pd_buf_puts(out, " \\<");
	md_escape(out, url);
	pd_buf_puts(out, "\\>");
}

/* Text as a code span, whatever backticks it holds: fenced by one more
 * backtick than its longest run of them, and padded with a space where it
 * begins or ends with one (CommonMark, 6.1); line ends become spaces, as
 * in md_escape. */
static void md_code(pd_buf *out, const char *s)
{
	size_t run = 0, longest = 0, i, len = strlen(s);
	bool pad;

	for (i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	pad = len && (s[0] == '`' || s[len - 1] == '`');
	for (i = 0; i <= longest; i++)
		pd_buf_putc(out, '`');
	if (pad)
		pd_buf_putc(out, ' ');
	for (i = 0; i < len; i++)
		pd_buf_putc(out, s[i] == '\n' || s[i] == '\r' ? ' ' : s[i]);
	if (pad)
		pd_buf_putc(out, ' ');
	for (i = 0; i <= longest; i++)
		pd_buf_putc(out, '`');
}

/* Text inside an HTML block (a review's <details>): escaped for HTML, its
 * line ends spaces, since a blank line would end the block and let the
 * rest be read as Markdown. */
static void md_html(pd_buf *out, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++)
		if (s[i] == '\n' || s[i] == '\r') {
			pd_xml_escape(out, s + start, i - start);
			pd_buf_putc(out, ' ');
			start = i + 1;
		}
	pd_xml_escape(out, s + start, len - start);
}

/* A rewording's words, removed ones in <del> and added ones in <ins>
 * (inline HTML, which GitHub, GitLab and CommonMark render): unlike ~~ and
 * **, the tags may hold the spaces of the change, so that the text without
 * the <ins> runs is the sentence before, exactly, and without the <del>
 * runs the sentence after. */
static void md_words(pd_buf *out, const pd_change *c)
{
	size_t i;

	for (i = 0; i < c->nwords; i++) {
		const pd_word_op *w = &c->words[i];

		if (w->op != '=')
			pd_buf_puts(out, w->op == '+' ? "<ins>" : "<del>");
		md_escape_inline(out, w->text);
		if (w->op != '=')
			pd_buf_puts(out, w->op == '+' ? "</ins>" : "</del>");
	}
}

/* The verb of a law's, a treaty's or a source's change: under its group's
 * heading ("### Sources") the verb says enough; in a changelog's entry,
 * one list without headings, the kind's name says what was added (a
 * source and a law may bear the same title). */
static void md_verb(pd_buf *out, const pd_change *c, bool flat,
		    const char *verb)
{
	pd_buf_printf(out, "**%s** ", flat ? pd_describe_kind(c->kind) : verb);
}

static void md_change(pd_buf *out, const pd_change *c, bool flat)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	pd_buf_puts(out, "- ");
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
		pd_buf_puts(out, "Last updated: ");
		md_escape(out, c->from ? c->from : "none");
		pd_buf_puts(out, " → ");
		md_escape(out, c->to ? c->to : "none");
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		pd_buf_puts(out, c->kind == PD_CHANGE_SECTION_ADDED ? "Section added: "
								   : "Section removed: ");
		md_escape(out, c->text);
		break;
	case PD_CHANGE_SECTION_RENAMED:
		pd_buf_puts(out, "Section renamed: ");
		md_escape(out, c->from);
		pd_buf_puts(out, " → ");
		md_escape(out, c->to);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		md_verb(out, c, flat,
			c->kind == PD_CHANGE_LAW_ADDED ? "Added" : "Removed");
		pd_describe_law(&b, c->law);
		md_escape(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_LAW_CHANGED:
		md_verb(out, c, flat, "Changed");
		md_escape(out, c->law->name);
		pd_buf_puts(out, ": ");
		pd_describe_law_change(&b, c, "→");
		md_escape(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
		md_verb(out, c, flat,
			c->kind == PD_CHANGE_TREATY_ADDED ? "Added" : "Removed");
		pd_describe_treaty_change(&b, c);
		md_escape(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_TREATY_CHANGED:
		md_verb(out, c, flat, "Changed");
		pd_describe_treaty_change(&b, c);
		md_escape(out, pd_buf_cstr(&b));
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_puts(out, c->kind == PD_CHANGE_CLAIM_ADDED ? "**Added:** "
								 : "**Removed:** ");
		md_escape(out, c->text);
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		pd_buf_printf(out, "**Reworded**%s%s: ",
			      c->factual ? " (factual)" : "",
			      c->editorial ? " (editorial)" : "");
		if (c->budget_cut) {
			md_escape(out, c->to);
			pd_buf_puts(out, " *(no word diff: the sentences are too "
					 "long)*");
		} else {
			md_words(out, c);
		}
		break;
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		pd_buf_printf(out, "**%s**%s%s: ",
			      c->kind == PD_CHANGE_CLAIM_SPLIT ? "Split" : "Merged",
			      c->factual ? " (factual)" : "",
			      c->editorial ? " (editorial)" : "");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT) {
			md_escape(out, c->from);
			pd_buf_puts(out, " → ");
			pd_describe_parts(&b, c);
			md_escape(out, pd_buf_cstr(&b));
		} else {
			pd_describe_parts(&b, c);
			md_escape(out, pd_buf_cstr(&b));
			pd_buf_puts(out, " → ");
			md_escape(out, c->to);
		}
		break;
	case PD_CHANGE_CLAIM_MOVED:
		pd_buf_puts(out, "**Moved** ");
		pd_describe_move(&b, c);
		md_escape(out, pd_buf_cstr(&b));
		pd_buf_puts(out, ": ");
		md_escape(out, c->text);
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_buf_puts(out, "**Sources changed:** ");
		md_escape(out, c->text);
		for (i = 0; i < c->nsources; i++) {
			pd_buf_puts(out, i ? "; " : " — added ");
			md_escape(out, c->sources[i].label);
		}
		for (i = 0; i < c->nremoved; i++) {
			pd_buf_puts(out, i ? "; " : " — removed ");
			md_escape(out, c->removed[i].label);
		}
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		md_verb(out, c, flat,
			c->kind == PD_CHANGE_SOURCE_ADDED ? "Added" : "Removed");
		md_escape(out, c->source.label);
		if (c->source.url)
			md_url(out, c->source.url);
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		if (flat)
			md_verb(out, c, flat, "");
		md_escape(out, c->source.label);
		pd_buf_puts(out, ": ");
		pd_describe_fields(&b, c, "→");
		md_escape(out, pd_buf_cstr(&b));
		break;
	default:
		break;
	}
	pd_buf_putc(out, '\n');
	pd_buf_free(&b);
}

static void md_group(pd_buf *out, pd_walk_group g, void *ctx)
{
	(void)ctx;
	pd_buf_printf(out, "### %s\n\n", pd_walk_group_titles[g]);
}

static void md_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (!nested)
		return;
	pd_buf_puts(out, "#### ");
	md_escape(out, title);
	pd_buf_puts(out, "\n\n");
}

static void md_walk_change(pd_buf *out, const pd_change *c, bool nested,
			   void *ctx)
{
	(void)nested;
	(void)ctx;
	md_change(out, c, false);
}

static void md_list_end(pd_buf *out, void *ctx)
{
	(void)ctx;
	pd_buf_putc(out, '\n');
}

static const pd_walk md_walk = {md_group, md_list, md_walk_change,
				  md_list_end};

static void md_diff(pd_buf *out, const pd_diff_report *r,
		    const pd_render_options *opts)
{
	const pd_diff *d = r->diff;
	const pd_profile *p = r->to.profile ? r->to.profile : r->from.profile;
	char from[11] = "none", to[11] = "none";

	(void)opts;
	if (r->from.profile && r->from.profile->last_updated.year)
		pd_date_format(r->from.profile->last_updated, from);
	if (r->to.profile && r->to.profile->last_updated.year)
		pd_date_format(r->to.profile->last_updated, to);
	pd_buf_puts(out, "## ");
	md_escape(out, p && p->country ? p->country : r->profile);
	pd_buf_printf(out, ": %s → %s\n\n", from, to);
	if (r->note)
		pd_buf_printf(out, "*%s*\n\n", r->note);
	if (!d->nchanges) {
		pd_buf_puts(out, "No changes in substance.\n");
		return;
	}
	pd_walk_diff(out, d, &md_walk, NULL);
	pd_buf_printf(out, "%zu change%s: ", d->nchanges,
		      d->nchanges == 1 ? "" : "s");
	pd_diff_describe_buckets(out, d->bucket);
	pd_buf_puts(out, ".\n");
}

/* Changelogs ------------------------------------------------------------------ */

/* An entry's substantive changes, the others counted; nothing
 * for an entry the changelog leaves out. */
static void md_changelog_body(pd_buf *out, const pd_changelog_entry *e)
{
	size_t k;

	if (!pd_changelog_entry_substantive(e))
		return;
	if (!e->diff) {
		pd_buf_puts(out, "- First published revision.\n");
		return;
	}
	for (k = 0; k < e->diff->nchanges; k++)
		if (pd_change_substantive(&e->diff->changes[k]))
			md_change(out, &e->diff->changes[k], true);
	pd_describe_unlisted(out, e->diff->bucket, "\n*", ".*\n");
}

static void md_changelog(pd_buf *out, const pd_changelog *cl,
			 pd_render_flow *flow)
{
	pd_date last = {0, 0, 0};
	pd_buf msgs = PD_BUF_INIT;
	size_t i;

	pd_buf_puts(out, "# Changelog");
	if (cl->title) {
		pd_buf_puts(out, ": ");
		md_escape(out, cl->title);
	}
	pd_buf_puts(out, "\n\nChanges in substance to each published revision, "
			 "newest first. Rewordings that change no fact, "
			 "editorial changes (spelling, punctuation, access "
			 "dates) and moves are counted, not listed.\n");
	if (!cl->n)
		pd_buf_puts(out, "\nNo published revision in this period.\n");
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];
		char date[11] = "undated";

		if (!pd_changelog_entry_substantive(e))
			continue;
		if (e->date.year)
			pd_date_format(e->date, date);
		if (i == 0 || pd_date_cmp(e->date, last) != 0)
			pd_buf_printf(out, "\n## %s\n", date);
		last = e->date;
		pd_buf_puts(out, "\n### ");
		md_escape(out, e->country);
		pd_buf_puts(out, "\n\n");
		if (e->nmessages) {
			pd_buf_clear(&msgs);
			pd_walk_entry_messages(&msgs, e);
			pd_buf_puts(out, "*Edit summary:* ");
			md_escape(out, pd_buf_cstr(&msgs));
			pd_buf_puts(out, "\n\n");
		}
		pd_walk_entry_body(out, e, PD_FORMAT_MARKDOWN,
				   md_changelog_body);
		pd_render_flush(out, flow, false);
	}
	if (pd_buf_ok(&msgs) < 0)
		out->failed = true;
	pd_buf_free(&msgs);
}

/* Reviews ---------------------------------------------------------------------- */

/* Inside a <details> block headings would outweigh the summary lines:
 * groups and sections are bold and italic lines instead. */
static void rv_group(pd_buf *out, pd_walk_group g, void *ctx)
{
	(void)ctx;
	pd_buf_printf(out, "**%s**\n\n", pd_walk_group_titles[g]);
}

static void rv_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (!nested)
		return;
	pd_buf_puts(out, "*");
	md_escape(out, title);
	pd_buf_puts(out, "*\n\n");
}

static const pd_walk review_walk = {rv_group, rv_list, md_walk_change,
				      md_list_end};

static void md_findings(pd_buf *out, const char *title,
			const pd_finding *const *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	pd_buf_printf(out, "**%s**\n\n", title);
	for (i = 0; i < n; i++) {
		const pd_finding *f = v[i];

		pd_buf_printf(out, "- %s `%s` line %u: ",
			      pd_severity_name(f->severity),
			      pd_rule_get(f->rule)->name, f->pos.line);
		md_escape(out, f->message);
		if (f->text) {
			pd_buf_puts(out, " — “");
			md_escape(out, f->text);
			pd_buf_puts(out, "”");
		}
		pd_buf_putc(out, '\n');
	}
	pd_buf_putc(out, '\n');
}

static void md_count(pd_buf *out, const pd_finding *const *v, size_t n)
{
	size_t count[PD_SEV_ERROR + 1] = {0}, i;
	static const char *const mark[] = {"", "ℹ️", "⚠️", "❌"};
	int s;
	bool any = false;

	for (i = 0; i < n; i++)
		count[v[i]->severity]++;
	for (s = PD_SEV_ERROR; s >= PD_SEV_INFO; s--)
		if (count[s]) {
			pd_buf_printf(out, "%s%s %zu", any ? " " : "", mark[s],
				      count[s]);
			any = true;
		}
	if (!any)
		pd_buf_puts(out, "–");
}

/* One profile's section. Short, it lists no change (it sums them up) and
 * at most MD_SHORT_FINDINGS introduced findings, and counts the fixed. */
#define MD_SHORT_FINDINGS 20

static void md_entry(pd_buf *out, const pd_review_entry *e, bool full)
{
	pd_buf b = PD_BUF_INIT;

	pd_buf_puts(out, "<details><summary><b>");
	md_html(out, e->profile, strlen(e->profile));
	pd_buf_puts(out, "</b>: ");
	pd_describe_review_sides(&b, e);
	pd_buf_puts(&b, "; ");
	pd_describe_review_entry(&b, e);
	md_html(out, b.ptr ? b.ptr : "", b.len);
	pd_buf_free(&b);
	pd_buf_puts(out, "</summary>\n\n");
	md_code(out, e->path);
	pd_buf_puts(out, "\n\n");
	if (e->diff && (e->status == PD_REVIEW_ADDED ||
			e->status == PD_REVIEW_DELETED)) {
		pd_buf_puts(out, e->status == PD_REVIEW_ADDED
					 ? "New profile: "
					 : "Deleted profile: ");
		pd_diff_summarize(out, e->diff);
		pd_buf_puts(out, ".\n\n");
	} else if (e->diff && !e->diff->nchanges) {
		pd_buf_puts(out, "No changes in substance.\n\n");
	} else if (e->diff && full) {
		pd_walk_diff(out, e->diff, &review_walk, NULL);
	} else if (e->diff) {
		pd_buf_puts(out, "Changes: ");
		pd_diff_summarize(out, e->diff);
		pd_buf_puts(out, ".\n\n");
	}
	if (full || e->lint.nintroduced <= MD_SHORT_FINDINGS) {
		md_findings(out, "Lint: introduced", e->lint.introduced,
			    e->lint.nintroduced);
	} else {
		md_findings(out, "Lint: introduced", e->lint.introduced,
			    MD_SHORT_FINDINGS);
		pd_buf_printf(out, "*… and %zu more.*\n\n",
			      e->lint.nintroduced - MD_SHORT_FINDINGS);
	}
	if (full)
		md_findings(out, "Lint: fixed", e->lint.fixed, e->lint.nfixed);
	else if (e->lint.nfixed)
		pd_buf_printf(out, "**Lint: fixed:** %zu finding%s.\n\n",
			      e->lint.nfixed, e->lint.nfixed == 1 ? "" : "s");
	pd_buf_puts(out, "</details>\n\n");
}

/* The profiles' sections, the whole review kept within
 * PD_REVIEW_MARKDOWN_LIMIT bytes where it can be: every profile gets its
 * short section, and as many as the room allows, in order, their full
 * one. */
static void entries_within(pd_buf *out, const pd_review *r, size_t start)
{
	static const char note[] =
		"*Some profiles' changes are summed up, not listed, to keep "
		"this comment within a comment's size: the HTML and JSON "
		"reviews list them all.*\n\n";
	pd_buf full = PD_BUF_INIT, brief = PD_BUF_INIT, all = PD_BUF_INIT;
	size_t i, shorts = sizeof(note) - 1, used, room, cut = 0;

	for (i = 0; i < r->n; i++) {
		md_entry(&brief, &r->entries[i], false);
		shorts += brief.len;
		pd_buf_clear(&brief);
	}
	used = out->len - start + shorts;
	room = used < PD_REVIEW_MARKDOWN_LIMIT ? PD_REVIEW_MARKDOWN_LIMIT - used
						: 0;
	for (i = 0; i < r->n; i++) {
		md_entry(&full, &r->entries[i], true);
		md_entry(&brief, &r->entries[i], false);
		if (full.len <= brief.len + room) {
			room -= full.len - brief.len;
			pd_buf_put(&all, full.ptr, full.len);
		} else {
			room = 0; /* the order stays the reader's */
			pd_buf_put(&all, brief.ptr, brief.len);
			cut += full.len != brief.len;
		}
		pd_buf_clear(&full);
		pd_buf_clear(&brief);
	}
	if (cut)
		pd_buf_puts(out, note);
	pd_buf_put(out, all.ptr ? all.ptr : "", all.len);
	if (pd_buf_ok(&full) < 0 || pd_buf_ok(&brief) < 0 ||
	    pd_buf_ok(&all) < 0)
		out->failed = true;
	pd_buf_free(&full);
	pd_buf_free(&brief);
	pd_buf_free(&all);
}

static void md_review(pd_buf *out, const pd_review *r,
		      const pd_render_options *opts)
{
	size_t i, start = out->len;

	(void)opts;
	pd_buf_puts(out, "## profdiff review: ");
	md_escape(out, r->base.rev ? r->base.rev : "(nothing)");
	pd_buf_puts(out, " → ");
	md_escape(out, r->head.rev);
	pd_buf_puts(out, "\n\n");
	pd_describe_review(out, r);
	pd_buf_puts(out, ".\n\n");
	if (!r->n)
		return;
	pd_buf_puts(out, "| Profile | Status | Changes | Substantive | "
			 "Introduced | Fixed |\n|---|---|--:|--:|---|---|\n");
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_puts(out, "| ");
		md_escape(out, e->profile);
		pd_buf_printf(out, " | %s%s | %zu | %zu | ",
			      e->to_error ? "**no longer parses** "
					  : "",
			      pd_review_status_name(e->status),
			      e->diff ? e->diff->nchanges : 0,
			      e->diff ? e->diff->substantive : 0);
		md_count(out, e->lint.introduced, e->lint.nintroduced);
		pd_buf_puts(out, " | ");
		md_count(out, e->lint.fixed, e->lint.nfixed);
		pd_buf_puts(out, " |\n");
	}
	pd_buf_putc(out, '\n');
	entries_within(out, r, start);
}

/* Overviews ------------------------------------------------------------------- */

static void md_date(pd_buf *out, pd_date d)
{
	char s[11];

	if (!d.year) {
		pd_buf_puts(out, "–");
		return;
	}
	pd_date_format(d, s);
	pd_buf_puts(out, s);
}

static void md_overview(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t, laws = 0;
	bool *show = calloc(nt + 1, sizeof(*show));

	if (!show) {
		out->failed = true;
		return;
	}
	pd_buf_puts(out, "## Regional overview\n\n");
	if (o->since.year) {
		pd_buf_puts(out, "Changes published after ");
		md_date(out, o->since);
		pd_buf_puts(out, " are in **bold**.\n\n");
	}
	pd_buf_puts(out, "| Country | Last updated |");
	for (t = 0; t < nt; t++)
		if ((show[t] = pd_describe_treaty_listed(o, t))) {
			pd_buf_putc(out, ' ');
			md_escape(out, pd_vocab_get(o->vocab, t)->id);
			pd_buf_puts(out, " |");
		}
	pd_buf_puts(out, " Lint (errors / warnings / info) |\n|---|---|");
	for (t = 0; t < nt; t++)
		if (show[t])
			pd_buf_puts(out, ":-:|");
	pd_buf_puts(out, "---|\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		pd_buf_puts(out, "| ");
		md_escape(out, r->country ? r->country : r->profile);
		pd_buf_puts(out, " | ");
		md_date(out, r->last_updated);
		pd_buf_puts(out, " |");
		for (t = 0; t < nt; t++) {
			if (!show[t])
				continue;
			pd_buf_putc(out, ' ');
			if (t < r->ntreaties && r->treaties[t].recent)
				pd_buf_puts(out, "**");
			if (t < r->ntreaties)
				pd_describe_mark(out, &r->treaties[t]);
			if (t < r->ntreaties && r->treaties[t].recent)
				pd_buf_puts(out, "**");
			pd_buf_puts(out, " |");
		}
		pd_buf_printf(out, " %zu / %zu / %zu |\n", r->lint[PD_SEV_ERROR],
			      r->lint[PD_SEV_WARNING], r->lint[PD_SEV_INFO]);
		laws += r->nlaws;
	}
	pd_buf_printf(out, "\n%s.\n\n", pd_describe_legend);
	for (t = 0; t < nt; t++)
		if (show[t]) {
			pd_buf_puts(out, "- **");
			md_escape(out, pd_vocab_get(o->vocab, t)->id);
			pd_buf_puts(out, "**: ");
			md_escape(out, pd_vocab_get(o->vocab, t)->name);
			pd_buf_putc(out, '\n');
		}
	free(show);
	if (!laws)
		return;
	pd_buf_puts(out, "\n### Laws\n\n| Country | Law | Status | Year | "
			 "Changed |\n|---|---|---|--:|---|\n");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		for (t = 0; t < r->nlaws; t++) {
			const pd_overview_law *l = &r->laws[t];
			const char *b = l->recent ? "**" : "";

			pd_buf_puts(out, "| ");
			md_escape(out, r->country ? r->country : r->profile);
			pd_buf_printf(out, " | %s", b);
			md_escape(out, l->name);
			pd_buf_printf(out, "%s | %s%s%s | ", b, b,
				      pd_law_status_name(l->status), b);
			if (l->year)
				pd_buf_printf(out, "%d", l->year);
			pd_buf_puts(out, " | ");
			md_date(out, l->changed);
			pd_buf_puts(out, " |\n");
		}
	}
}


/* A profile ---------------------------------------------------------------- */

/* Footnote text: escaped, but a <URL> of http or https becomes an
 * autolink (md_url says when it may). */
static void md_note_text(pd_buf *out, const char *s, size_t len)
{
	pd_buf chunk = PD_BUF_INIT;
	size_t i = 0, start = 0;
	bool first = true;

	while (i < len) {
		const char *close;
		size_t ulen;

		if (s[i] != '<' || (strncasecmp(s + i + 1, "http://", 7) != 0 &&
				    strncasecmp(s + i + 1, "https://", 8) != 0) ||
		    !(close = memchr(s + i, '>', len - i))) {
			i++;
			continue;
		}
		ulen = (size_t)(close - (s + i)) - 1;
		pd_buf_clear(&chunk);
		pd_buf_put(&chunk, s + start, i - start);
		(first ? md_escape : md_escape_inline)(out, pd_buf_cstr(&chunk));
		first = false;
		pd_buf_clear(&chunk);
		pd_buf_put(&chunk, s + i + 1, ulen);
		/* md_url writes the space before the link */
		if (out->len && out->ptr[out->len - 1] == ' ')
			out->len--;
		md_url(out, pd_buf_cstr(&chunk));
		i += ulen + 2;
		start = i;
	}
	pd_buf_clear(&chunk);
	pd_buf_put(&chunk, s + start, len - start);
	(first ? md_escape : md_escape_inline)(out, pd_buf_cstr(&chunk));
	if (chunk.failed)
		out->failed = true;
	pd_buf_free(&chunk);
}

/* A paragraph: its markers as footnote references [^n] where footnote n
 * exists, and escaped text where it does not (a dangling marker, which a
 * reader would otherwise see as a reference to nothing). */
static void md_paragraph(pd_buf *out, const pd_profile *p,
			 const pd_paragraph *para)
{
	pd_arena *a = pd_arena_new();
	pd_buf chunk = PD_BUF_INIT;
	pd_marker *m = NULL;
	size_t nm = 0, i, k, at = 0;

	if (!a || pd_markers(a, para->text, para->len, &m, &nm) < 0)
		nm = 0;
	for (i = 0; i <= nm; i++) {
		size_t end = i < nm ? m[i].start : para->len;
		bool ok = i < nm && !m[i].malformed;

		for (k = 0; ok && k < m[i].nnumbers; k++)
			if (!pd_profile_footnote(p, m[i].numbers[k]))
				ok = false;
		if (i < nm && !ok)
			continue; /* escaped with the text around it */
		pd_buf_clear(&chunk);
		pd_buf_put(&chunk, para->text + at, end - at);
		(at ? md_escape_inline : md_escape)(out, pd_buf_cstr(&chunk));
		if (i == nm)
			break;
		for (k = 0; k < m[i].nnumbers; k++)
			pd_buf_printf(out, "[^%u]", (unsigned)m[i].numbers[k]);
		at = m[i].end;
	}
	pd_buf_puts(out, "\n\n");
	if (chunk.failed)
		out->failed = true;
	pd_buf_free(&chunk);
	pd_arena_free(a);
}

static void md_section(pd_buf *out, const pd_profile *p, const pd_section *s,
		       int level)
{
	size_t i;

	for (i = 0; i < (size_t)level + 1; i++)
		pd_buf_putc(out, '#');
	pd_buf_putc(out, ' ');
	md_escape_inline(out, s->title);
	pd_buf_puts(out, "\n\n");
	if (s->subtitle) {
		pd_buf_putc(out, '*');
		md_escape_inline(out, s->subtitle);
		pd_buf_puts(out, "*\n\n");
	}
	for (i = 0; i < s->nparagraphs; i++)
		md_paragraph(out, p, &s->paragraphs[i]);
	for (i = 0; i < s->nsections; i++)
		md_section(out, p, &s->sections[i], level + 1);
}

/* The profile as a page of a static site or a GitHub file: YAML front
 * matter (every value a JSON string, which YAML reads as it is), the
 * country as the title, the sections as headings, the footnotes as
 * [^n] definitions. */
static void md_profile(pd_buf *out, const pd_profile_report *r,
		       const pd_render_options *opts)
{
	const pd_profile *p = r->profile;
	char date[11];
	size_t i;

	(void)opts;
	pd_buf_puts(out, "---\ncountry: ");
	pd_json_cstr(out, p->country ? p->country : "");
	if (p->last_updated.year) {
		pd_date_format(p->last_updated, date);
		pd_buf_printf(out, "\nlast_updated: %s", date);
	}
	pd_buf_puts(out, "\n---\n\n# ");
	md_escape_inline(out, p->country ? p->country : "");
	pd_buf_puts(out, "\n\n");
	if (p->last_updated.year)
		pd_buf_printf(out, "Last updated: %s\n\n", date);
	for (i = 0; i < p->nsections; i++)
		md_section(out, p, &p->sections[i], 1);
	for (i = 0; i < p->nfootnotes; i++) {
		pd_buf_printf(out, "[^%u]: ", (unsigned)p->footnotes[i].number);
		md_note_text(out, p->footnotes[i].text, p->footnotes[i].len);
		pd_buf_putc(out, '\n');
	}
}

const pd_renderer pd_render_markdown = {
	.diff = md_diff,
	.review = md_review,
	.overview = md_overview,
	.changelog = md_changelog,
	.changelog_body = md_changelog_body,
	.profile = md_profile,
};
