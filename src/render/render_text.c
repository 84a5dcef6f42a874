/*
 * render_text.c: findings for a person at a terminal, grouped by file.
 *
 *   profiles/laos.yaml
 *      8:46  error    [6] cites footnote 6, which does not exist  dangling-citation
 *                     There is no formal Digital ID system established ...
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/citations.h"
#include "profdiff/markers.h"
#include "profdiff/sentences.h"
#include "profdiff/text.h"
#include "render_internal.h"

#define CLAIM_WIDTH 100 /* code points of a claim shown under a finding */

static const char *sev_color(pd_severity s)
{
	switch (s) {
	case PD_SEV_ERROR:
		return "\033[1;31m";
	case PD_SEV_WARNING:
		return "\033[33m";
	default:
		return "\033[36m";
	}
}

static const char *sev_label(pd_severity s)
{
	return s == PD_SEV_INFO ? "info" : pd_severity_name(s);
}

/* The first `width` code points of s, with "..." when cut. */
static void put_clipped(pd_buf *out, const char *s, size_t width)
{
	size_t i = 0, cols = 0, len = strlen(s);

	while (i < len && cols < width) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
		i++;
	}
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	pd_buf_put(out, s, i);
	if (i < len)
		pd_buf_puts(out, "...");
}

static void plural(pd_buf *out, size_t n, const char *one, const char *many)
{
	pd_buf_printf(out, "%zu %s", n, n == 1 ? one : many);
}

static void counts(pd_buf *out, const size_t count[])
{
	plural(out, count[PD_SEV_ERROR], "error", "errors");
	pd_buf_puts(out, ", ");
	plural(out, count[PD_SEV_WARNING], "warning", "warnings");
	pd_buf_puts(out, ", ");
	plural(out, count[PD_SEV_INFO], "note", "notes");
}

/* "LINE:COL" into at (32 bytes); its length. */
static int format_position(char *at, unsigned a, unsigned b)
{
	char tmp[24];
	int n = 0, k;

	k = 0;
	do
		tmp[k++] = (char)('0' + b % 10);
	while ((b /= 10) && k < 11);
	tmp[k++] = ':';
	do
		tmp[k++] = (char)('0' + a % 10);
	while ((a /= 10) && k < 23);
	while (k)
		at[n++] = tmp[--k];
	at[n] = '\0';
	return n;
}

static void text_lint_file(pd_buf *out, const pd_lint_report *file,
			   const pd_render_options *opts)
{
	const char *bold = opts->color ? "\033[1m" : "",
		   *dim = opts->color ? "\033[2m" : "",
		   *reset = opts->color ? "\033[0m" : "";
	const pd_lint_result *r = file->result;
	size_t k;

	if (!r->nfindings)
		return;
	pd_buf_puts(out, bold);
	pd_buf_puts(out, file->path);
	pd_buf_puts(out, reset);
	pd_buf_putc(out, '\n');
	/* what "  %8s  %s%-7s%s  %s  %s%s%s\n" writes, put piece by piece:
	 * printf's parsing was a tenth of a lint run with many findings */
	for (k = 0; k < r->nfindings; k++) {
		const pd_finding *f = &r->findings[k];
		char at[32];
		int n = format_position(at, f->pos.line, f->pos.col);
		const char *label = sev_label(f->severity);
		size_t ll = strlen(label);

		pd_buf_puts(out, "  ");
		for (; n < 8; n++)
			pd_buf_putc(out, ' ');
		pd_buf_puts(out, at);
		pd_buf_puts(out, "  ");
		pd_buf_puts(out, opts->color ? sev_color(f->severity) : "");
		pd_buf_puts(out, label);
		for (; ll < 7; ll++)
			pd_buf_putc(out, ' ');
		pd_buf_puts(out, reset);
		pd_buf_puts(out, "  ");
		pd_buf_puts(out, f->message);
		pd_buf_puts(out, "  ");
		pd_buf_puts(out, dim);
		pd_buf_puts(out, pd_rule_get(f->rule)->name);
		pd_buf_puts(out, reset);
		pd_buf_putc(out, '\n');
		if (f->text) {
			pd_buf_puts(out, "                     "); /* 21 */
			pd_buf_puts(out, dim);
			put_clipped(out, f->text, CLAIM_WIDTH);
			pd_buf_puts(out, reset);
			pd_buf_putc(out, '\n');
		}
	}
	pd_buf_puts(out, "  ");
	counts(out, r->count);
	pd_buf_putc(out, '\n');
}

/* The total after the files' blocks, a blank line before it. One file's
 * block ends with its own counts: no total says them again. Nothing when
 * no file could be read at all: the errors said why. */
static void text_lint_end(pd_buf *out, const pd_lint_tally *t)
{
	if (!t->files && t->failed)
		return;
	if (!t->files_with_findings) {
		pd_buf_printf(out, "no findings in %zu file%s\n", t->files,
			      t->files == 1 ? "" : "s");
		return;
	}
	if (t->files == 1)
		return;
	pd_buf_putc(out, '\n');
	counts(out, t->count);
	pd_buf_printf(out, " in %zu file%s\n", t->files,
		      t->files == 1 ? "" : "s");
}

/* Diffs ---------------------------------------------------------------------- */

typedef struct palette {
	const char *bold, *dim, *add, *del, *chg, *reset;
} palette;

static const palette *palette_of(const pd_render_options *opts)
{
	static const palette plain = {"", "", "", "", "", ""};
	static const palette ansi = {"\033[1m", "\033[2m", "\033[32m",
				     "\033[31m", "\033[33m", "\033[0m"};

	return opts->color ? &ansi : &plain;
}

static void side_line(pd_buf *out, const char *label, const pd_diff_side *s)
{
	char date[11] = "(no date)";

	if (s->profile && s->profile->last_updated.year)
		pd_date_format(s->profile->last_updated, date);
	const char *rev = s->revision && strcmp(s->revision, date) ? s->revision
								   : NULL;

	pd_buf_printf(out, "  %s %s", label, date);
	if (rev || s->commit)
		pd_buf_printf(out, " (%s%s%.10s)", rev ? rev : "",
			      rev && s->commit ? " " : "",
			      s->commit ? s->commit : "");
	if (s->path)
		pd_buf_printf(out, "  %s", s->path);
	pd_buf_putc(out, '\n');
}

static void words_text(pd_buf *out, const pd_change *c, const palette *p)
{
	size_t i;

	for (i = 0; i < c->nwords; i++) {
		const pd_word_op *w = &c->words[i];

		if (w->op == '=')
			pd_buf_puts(out, w->text);
		else if (*p->add)
			pd_buf_printf(out, "%s%s%s", w->op == '+' ? p->add : p->del,
				      w->text, p->reset);
		else
			pd_buf_printf(out, "%s%s%s", w->op == '+' ? "{+" : "[-",
				      w->text, w->op == '+' ? "+}" : "-]");
	}
}

static void sources_text(pd_buf *out, const char *sign,
			 const pd_source_ref *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pd_buf_printf(out, "%s%s%s", i ? "; " : "", sign, v[i].label);
}

static void change_text(pd_buf *out, const pd_change *c, const palette *p,
			const char *indent)
{
	char sign = pd_describe_sign(c);
	const char *col = sign == '+' ? p->add : sign == '-' ? p->del : p->chg;

	pd_buf_printf(out, "%s%s%c%s ", indent, col, sign, p->reset);
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
		pd_buf_printf(out, "last updated %s -> %s", c->from ? c->from : "(none)",
			      c->to ? c->to : "(none)");
		break;
	case PD_CHANGE_SECTION_ADDED:
		pd_buf_printf(out, "section %s", c->text);
		break;
	case PD_CHANGE_SECTION_REMOVED:
		pd_buf_printf(out, "section %s", c->text);
		break;
	case PD_CHANGE_SECTION_RENAMED:
		pd_buf_printf(out, "section renamed: %s -> %s", c->from, c->to);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		pd_describe_law(out, c->law);
		break;
	case PD_CHANGE_LAW_CHANGED:
		pd_buf_printf(out, "%s: ", c->law->name);
		pd_describe_law_change(out, c, "->");
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_TREATY_CHANGED:
		pd_describe_treaty_change(out, c);
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_puts(out, c->text);
		if (c->nsources) {
			pd_buf_printf(out, "\n%s    %s", indent, p->dim);
			sources_text(out, "", c->sources, c->nsources);
			pd_buf_puts(out, p->reset);
		}
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		pd_buf_printf(out, "%sreworded%s%s (%.0f%%)%s: ", p->bold,
			      c->factual ? ", factual" : "",
			      c->editorial ? ", editorial" : "",
			      c->similarity * 100, p->reset);
		if (c->budget_cut)
			pd_buf_printf(out, "%s\n%s    -> %s  (no word diff: "
					   "the sentences are too long)",
				      c->from, indent, c->to);
		else
			words_text(out, c, p);
		break;
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		pd_buf_printf(out, "%s%s%s: ", p->bold,
			      c->kind == PD_CHANGE_CLAIM_SPLIT ? "split"
							       : "merged",
			      c->editorial ? ", editorial"
			      : c->factual ? ", factual"
					   : "");
		pd_buf_printf(out, "%s%s", p->reset,
			      c->kind == PD_CHANGE_CLAIM_SPLIT ? c->from : "");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT) {
			pd_buf_printf(out, "\n%s    into: ", indent);
			pd_describe_parts(out, c);
		} else {
			pd_describe_parts(out, c);
			pd_buf_printf(out, "\n%s    into: %s", indent, c->to);
		}
		break;
	case PD_CHANGE_CLAIM_MOVED:
		pd_buf_puts(out, "moved ");
		pd_describe_move(out, c);
		pd_buf_printf(out, ": %s", c->text);
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_buf_printf(out, "sources of: %s\n%s    ", c->text, indent);
		sources_text(out, "+", c->sources, c->nsources);
		if (c->nsources && c->nremoved)
			pd_buf_puts(out, "; ");
		sources_text(out, "-", c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		pd_buf_puts(out, c->source.label);
		if (c->source.url)
			pd_buf_printf(out, " <%s>", c->source.url);
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		pd_buf_printf(out, "%s: ", c->source.label);
		pd_describe_fields(out, c, "->");
		break;
	default:
		break;
	}
	pd_buf_putc(out, '\n');
}

static void text_group(pd_buf *out, pd_walk_group g, void *ctx)
{
	const palette *p = ctx;

	pd_buf_printf(out, "\n%s%s%s\n", p->bold, pd_walk_group_titles[g],
		      p->reset);
}

static void text_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	const palette *p = ctx;

	if (nested)
		pd_buf_printf(out, "  %s%s%s\n", p->bold, title, p->reset);
}

static void text_change(pd_buf *out, const pd_change *c, bool nested,
			void *ctx)
{
	change_text(out, c, ctx, nested ? "    " : "  ");
}

static void text_list_end(pd_buf *out, void *ctx)
{
	(void)out;
	(void)ctx;
}

static const pd_walk text_walk = {text_group, text_list, text_change,
				    text_list_end};

static void text_diff(pd_buf *out, const pd_diff_report *r,
		      const pd_render_options *opts)
{
	const palette *p = palette_of(opts);
	const pd_diff *d = r->diff;
	const pd_profile *prof = r->to.profile ? r->to.profile : r->from.profile;

	pd_buf_printf(out, "%s%s%s", p->bold, prof && prof->country ? prof->country : "",
		      p->reset);
	if (r->profile)
		pd_buf_printf(out, " (%s)", r->profile);
	pd_buf_putc(out, '\n');
	side_line(out, "from", &r->from);
	side_line(out, "to  ", &r->to);
	if (r->note)
		pd_buf_printf(out, "  %s\n", r->note);
	if (!d->nchanges) {
		pd_buf_puts(out, "\nno changes in substance\n");
		return;
	}
	pd_walk_diff(out, d, &text_walk, (void *)p);
	pd_buf_printf(out, "\n%zu change%s: ", d->nchanges,
		      d->nchanges == 1 ? "" : "s");
	pd_diff_describe_buckets(out, d->bucket);
	pd_buf_putc(out, '\n');
}

/* A profile for git's diff driver ------------------------------------------ */

static void sources_of(pd_buf *out, const pd_citations *c, const char *s,
		       size_t len, pd_arena *a)
{
	pd_marker *m;
	size_t n, i, j, k, shown = 0;
	const pd_source *seen[64];

	if (pd_markers(a, s, len, &m, &n) < 0)
		return;
	for (i = 0; i < n; i++)
		for (j = 0; j < m[i].nnumbers; j++) {
			const pd_note_sources *ns =
				pd_citations_note(c, m[i].numbers[j]);

			if (!ns) {
				pd_buf_printf(out, "%s[missing footnote %u]",
					      shown++ ? "; " : "  -- ",
					      (unsigned)m[i].numbers[j]);
				continue;
			}
			for (k = 0; k < ns->nresolved; k++) {
				size_t q;

				for (q = 0; q < shown && q < 64; q++)
					if (seen[q] == ns->resolved[k])
						break;
				if (q < shown)
					continue;
				if (shown < 64)
					seen[shown] = ns->resolved[k];
				pd_buf_printf(out, "%s%s", shown++ ? "; " : "  -- ",
					      ns->resolved[k]->label);
			}
		}
}

static void claims_of(pd_buf *out, const pd_section *secs, size_t n,
		      const char *parent, const pd_citations *c, pd_arena *a)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		pd_buf path = PD_BUF_INIT;

		if (parent)
			pd_buf_printf(&path, "%s > ", parent);
		pd_buf_puts(&path, secs[i].title);
		pd_buf_printf(out, "\n## %s\n", path.ptr);
		if (secs[i].subtitle)
			pd_buf_printf(out, "%s\n", secs[i].subtitle);
		for (j = 0; j < secs[i].nparagraphs; j++) {
			const pd_paragraph *p = &secs[i].paragraphs[j];
			pd_span *sp;
			size_t ns;

			if (j)
				pd_buf_putc(out, '\n');
			if (pd_sentences(a, p->text, p->len, &sp, &ns) < 0)
				continue;
			for (k = 0; k < ns; k++) {
				const char *s = p->text + sp[k].start;
				size_t len = sp[k].end - sp[k].start, q;

				/* the sentence without its markers */
				for (q = 0; q < len; q++) {
					size_t ml = s[q] == '[' ? pd_marker_len(s, len, q) : 0;

					if (ml) {
						q += ml - 1;
						continue;
					}
					pd_buf_putc(out, s[q]);
				}
				sources_of(out, c, s, len, a);
				pd_buf_putc(out, '\n');
			}
		}
		claims_of(out, secs[i].sections, secs[i].nsections, path.ptr, c,
			  a);
		pd_buf_free(&path);
	}
}

/* The full sources of footnote i, a line each, once (seen[i]). */
static void note_sources(pd_buf *out, const pd_citations *c, size_t i,
			 bool *seen)
{
	size_t k;

	if (seen[i])
		return;
	seen[i] = true;
	for (k = 0; k < c->notes[i].nsources; k++) {
		const pd_source *s = &c->notes[i].sources[k];

		if (s->kind != PD_SOURCE_FULL)
			continue;
		pd_buf_printf(out, "- %s", s->label);
		if (s->url)
			pd_buf_printf(out, " <%s>", s->url);
		if (s->accessed[0])
			pd_buf_printf(out, " (accessed %04d-%02d-%02d)",
				      s->accessed[0], s->accessed[1],
				      s->accessed[2]);
		pd_buf_putc(out, '\n');
	}
}

/* The sources of the footnotes the prose cites, in the order of their
 * first citation (a section's paragraphs, then its subsections). */
static void cited_sources(pd_buf *out, const pd_profile *p,
			  const pd_section *secs, size_t n,
			  const pd_citations *c, bool *seen, pd_arena *a)
{
	size_t i, j, k, q;

	for (i = 0; i < n; i++) {
		for (j = 0; j < secs[i].nparagraphs; j++) {
			const pd_paragraph *para = &secs[i].paragraphs[j];
			pd_marker *m;
			size_t nm;

			if (pd_markers(a, para->text, para->len, &m, &nm) < 0)
				continue;
			for (k = 0; k < nm; k++)
				for (q = 0; q < m[k].nnumbers; q++) {
					const pd_footnote *f = pd_profile_footnote(
						p, m[k].numbers[q]);

					if (f)
						note_sources(out, c,
							     (size_t)(f -
								      p->footnotes),
							     seen);
				}
		}
		cited_sources(out, p, secs[i].sections, secs[i].nsections, c,
			      seen, a);
	}
}

int pd_render_profile_text(pd_buf *out, const pd_profile *p)
{
	pd_arena *a = pd_arena_new();
	pd_citations c;
	char date[11] = "(none)";
	size_t i;

	if (!a)
		return PD_ENOMEM;
	if (pd_citations_resolve(a, p, &c) < 0) {
		pd_arena_free(a);
		return PD_ENOMEM;
	}
	if (p->last_updated.year)
		pd_date_format(p->last_updated, date);
	pd_buf_printf(out, "# %s, last updated %s\n", p->country, date);
	claims_of(out, p->sections, p->nsections, NULL, &c, a);
	if (p->nlaws)
		pd_buf_puts(out, "\n# Laws\n");
	for (i = 0; i < p->nlaws; i++) {
		pd_buf_puts(out, "- ");
		pd_describe_law(out, &p->laws[i]);
		pd_buf_putc(out, '\n');
	}
	if (p->ntreaties)
		pd_buf_puts(out, "\n# Treaties\n");
	for (i = 0; i < p->ntreaties; i++) {
		const pd_treaty *t = &p->treaties[i];

		pd_buf_printf(out, "- %s: %s%s%s\n", t->id,
			      pd_treaty_status_name(t->status),
			      t->via ? " by " : "",
			      t->via ? pd_treaty_via_name(t->via) : "");
	}
	/* the sources in the order the prose first cites their footnotes,
	 * then those of the footnotes it does not cite, in their order:
	 * renumbering the footnotes (in order of first citation) moves no
	 * line */
	if (c.nnotes) {
		bool *seen = pd_arena_calloc(a, c.nnotes, sizeof(*seen));

		if (!seen) {
			pd_arena_free(a);
			return PD_ENOMEM;
		}
		pd_buf_puts(out, "\n# Sources\n");
		cited_sources(out, p, p->sections, p->nsections, &c, seen, a);
		for (i = 0; i < c.nnotes; i++)
			note_sources(out, &c, i, seen);
	}
	pd_arena_free(a);
	return pd_buf_ok(out);
}

/* Reviews ---------------------------------------------------------------------- */

static void review_findings(pd_buf *out, const char *title, const char *path,
			    const pd_finding *const *v, size_t n,
			    const palette *p)
{
	size_t i;

	if (!n)
		return;
	pd_buf_printf(out, "\n%s%s%s\n", p->bold, title, p->reset);
	for (i = 0; i < n; i++) {
		pd_buf_puts(out, "  ");
		pd_gcc_finding(out, path, v[i]);
	}
}

static void text_review(pd_buf *out, const pd_review *r,
			const pd_render_options *opts)
{
	const palette *p = palette_of(opts);
	size_t i;

	pd_buf_printf(out, "%sReview:%s %s", p->bold, p->reset,
		      r->base.rev ? r->base.rev : "(nothing)");
	if (r->base.commit)
		pd_buf_printf(out, " %s(%.10s)%s", p->dim, r->base.commit,
			      p->reset);
	pd_buf_printf(out, " -> %s", r->head.rev);
	if (r->head.commit)
		pd_buf_printf(out, " %s(%.10s)%s", p->dim, r->head.commit,
			      p->reset);
	pd_buf_putc(out, '\n');
	pd_describe_review(out, r);
	pd_buf_putc(out, '\n');
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_printf(out, "\n%s== %s%s  %s\n  ", p->bold, e->profile,
			      p->reset, e->path);
		pd_describe_review_sides(out, e);
		pd_buf_puts(out, ": ");
		pd_describe_review_entry(out, e);
		pd_buf_putc(out, '\n');
		if (e->diff && (e->status == PD_REVIEW_ADDED ||
				e->status == PD_REVIEW_DELETED)) {
			pd_buf_puts(out, e->status == PD_REVIEW_ADDED
						 ? "  new profile: "
						 : "  deleted profile: ");
			pd_diff_summarize(out, e->diff);
			pd_buf_putc(out, '\n');
		} else if (e->diff) {
			pd_walk_diff(out, e->diff, &text_walk, (void *)p);
		}
		review_findings(out, "Lint: introduced", e->path,
				e->lint.introduced, e->lint.nintroduced, p);
		review_findings(out, "Lint: fixed",
				e->old_path ? e->old_path : e->path,
				e->lint.fixed, e->lint.nfixed, p);
	}
	if (!r->n)
		pd_buf_puts(out, "\nno profile changed\n");
}

/* Blames ----------------------------------------------------------------------- */

/* "s1; s2" of a claim's sources, by label. */
static void blame_sources(pd_buf *out, const pd_blame_claim *c)
{
	size_t k;

	for (k = 0; k < c->nsources; k++) {
		if (k)
			pd_buf_puts(out, "; ");
		pd_buf_puts(out, c->sources[k].label ? c->sources[k].label : "?");
	}
}

static void text_blame(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n, const pd_render_options *opts)
{
	const palette *p = palette_of(opts);
	pd_buf line = PD_BUF_INIT;
	size_t j;

	if (!n)
		return; /* no profile: nothing to say */
	{
		const pd_blame *b = r->blame;
		const char *sec = NULL;
		char date[11] = "(undated)";
		size_t nsec_stale = 0;

		if (b->last_updated.year)
			pd_date_format(b->last_updated, date);
		pd_buf_printf(out, "%s%s%s (%s) at %s", p->bold,
			      r->country ? r->country : r->profile,
			      p->reset, r->path, date);
		if (b->nrevs)
			pd_buf_printf(out, ", %zu published revision%s",
				      b->nrevs, b->nrevs == 1 ? "" : "s");
		pd_buf_putc(out, '\n');
		for (j = 0; j < b->nclaims; j++) {
			const pd_blame_claim *c = &b->claims[j];
			const pd_blame_rev *rv =
				&b->revs[c->changed >= 0 ? (size_t)c->changed
							 : c->introduced];
			char d[11] = "(undated)";

			if (!sec || strcmp(sec, c->section) != 0) {
				if (sec && r->stale_months)
					pd_buf_printf(out, "  %s%zu stale%s\n",
						      p->dim, nsec_stale,
						      p->reset);
				sec = c->section;
				nsec_stale = 0;
				pd_buf_printf(out, "\n%s%s%s\n", p->bold, sec,
					      p->reset);
			}
			nsec_stale += c->stale;
			if (rv->date.year)
				pd_date_format(rv->date, d);
			pd_buf_printf(out, "  %s %s%-7.7s%s %c ", d, p->dim,
				      rv->commit ? rv->commit : "worktre",
				      p->reset,
				      c->changed >= 0 ? '~' : '+');
			if (r->stale_months)
				pd_buf_printf(out, "%s%s%s", c->stale ? p->del : "",
					      c->stale ? "stale " : "      ",
					      c->stale ? p->reset : "");
			pd_buf_clear(&line);
			pd_buf_puts(&line, c->text);
			if (c->nsources) {
				pd_buf_puts(&line, "  <- ");
				blame_sources(&line, c);
			}
			put_clipped(out, pd_buf_cstr(&line), 110);
			pd_buf_putc(out, '\n');
		}
		if (sec && r->stale_months)
			pd_buf_printf(out, "  %s%zu stale%s\n", p->dim,
				      nsec_stale, p->reset);
		if (r->stale_months)
			pd_buf_printf(out, "\n%zu of %zu claim%s stale at %d "
					   "month%s\n",
				      b->stale, b->nclaims,
				      b->nclaims == 1 ? "" : "s",
				      r->stale_months,
				      r->stale_months == 1 ? "" : "s");
		if (i + 1 < n)
			pd_buf_putc(out, '\n');
	}
	pd_buf_free(&line);
}

const pd_renderer pd_render_text = {
	.lint_file = text_lint_file,
	.lint_separator = "\n",
	.lint_end = text_lint_end,
	.diff = text_diff,
	.review = text_review,
	.blame = text_blame,
};
