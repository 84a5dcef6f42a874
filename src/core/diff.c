/*
 * diff.c: the semantic diff of two profiles: its entry points, the sides
 * it keeps between diffs, and what every phase uses to emit changes.
 *
 * The phases follow xdiff's: prepare, match, word-diff, classify, emit,
 * each in a file of its own: diff_prepare.c, diff_facts.c (sections, laws,
 * treaties), diff_sources.c and diff_claims.c.
 *
 * Prepare. Each profile is cut into claims (sentences), each with its
 * section path, its text less citation markers, the fingerprint (XXH3) of
 * its normal form, its word ids (one dictionary for both sides) and the set
 * of sources its markers resolve to, by source identity, never by footnote
 * number. Sources are gathered by identity too.
 *
 * Match. Sections pair by title path; a section that disappears while
 * most of its claims reappear in one new section was renamed. Sources pair
 * by identity, then by title and author (a URL or access date changed).
 * Claims pair through align.c: exact fingerprints, then word similarity;
 * a paired claim with unpaired neighbours that match far better together
 * is a split or a merge. Paragraphs pair where most of their claims went:
 * a claim that left its paragraph and the order of its section moved.
 * Laws pair by name, short name or aka, then by a similar name with the
 * same year; treaties by id.
 *
 * Word-diff and classify. A reworded pair gets a word-level diff and two
 * flags: editorial (only case, punctuation or spelling changed) and
 * factual (a number, a negation or a name changed).
 *
 * Emit. The changes come out in a fixed order: date, sections, laws,
 * treaties, claims (in the order of the new profile, then those removed),
 * sources. Nothing else: equal fingerprints and identities make footnote
 * renumbering, wrapping, quotes, dashes, spacing and layout invisible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"

static const char *const kind_names[PD_CHANGE_KIND_COUNT] = {
	"last_updated.changed", "section.added",     "section.removed",
	"section.renamed",	"law.added",	     "law.removed",
	"law.changed",		"treaty.added",	     "treaty.removed",
	"treaty.changed",	"claim.added",	     "claim.removed",
	"claim.reworded",	"claim.moved",	     "claim.sources_changed",
	"claim.split",		"claim.merged",	     "source.added",
	"source.removed",	"source.changed"};

const char *pd_change_kind_name(pd_change_kind k)
{
	return (unsigned)k < PD_CHANGE_KIND_COUNT ? kind_names[k] : "?";
}

/* Emitting changes --------------------------------------------------------- */

pd_change *df_add(differ *df, pd_change_kind kind, const char *section)
{
	pd_diff *d = df->d;
	pd_change *c;

	if (d->nchanges == df->cap) {
		pd_change *g = pd_arena_grow_array(d->arena, d->changes, &df->cap,
						   sizeof(*g));

		if (!g)
			return NULL;
		d->changes = g;
	}
	c = &d->changes[d->nchanges++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->section = section ? pd_arena_strdup(d->arena, section) : NULL;
	if (section && !c->section)
		return NULL;
	d->count[kind]++;
	return c;
}

char *df_dupn(differ *df, const char *s, size_t n)
{
	return s ? pd_arena_strndup(df->d->arena, s, n) : NULL;
}

char *df_dup(differ *df, const char *s)
{
	return s ? pd_arena_strdup(df->d->arena, s) : NULL;
}

/* A copy of a law in the diff's arena: the diff never points into the
 * profiles it compared, so they may be freed before it. */
const pd_law *df_copy_law(differ *df, const pd_law *l)
{
	pd_law *c = pd_arena_alloc(df->d->arena, sizeof(*c));
	size_t i;

	if (!c)
		return NULL;
	*c = *l;
	c->name = df_dup(df, l->name);
	c->short_name = df_dup(df, l->short_name);
	c->replaced_by = df_dup(df, l->replaced_by);
	c->aka = l->naka ? pd_arena_alloc(df->d->arena,
					  l->naka * sizeof(*c->aka))
			 : NULL;
	c->cite = l->ncite ? pd_arena_alloc(df->d->arena,
					    l->ncite * sizeof(*c->cite))
			   : NULL;
	if ((l->name && !c->name) || (l->short_name && !c->short_name) ||
	    (l->replaced_by && !c->replaced_by) ||
	    (l->naka && !c->aka) || (l->ncite && !c->cite))
		return NULL;
	for (i = 0; i < l->naka; i++)
		if (!(c->aka[i] = df_dup(df, l->aka[i])))
			return NULL;
	if (l->ncite)
		memcpy(c->cite, l->cite, l->ncite * sizeof(*c->cite));
	return c;
}

const char *df_date_str(differ *df, pd_date d)
{
	char s[11];

	if (!d.year)
		return NULL;
	pd_date_format(d, s);
	return df_dup(df, s);
}

int df_add_field(differ *df, pd_change *c, const char *field,
		     const char *from, const char *to)
{
	pd_field_change *g;

	if ((!from && !to) || (from && to && strcmp(from, to) == 0))
		return 0;
	g = pd_arena_grow(df->d->arena, c->fields,
			  c->nfields * sizeof(*g), (c->nfields + 1) * sizeof(*g));
	if (!g)
		return PD_ENOMEM;
	c->fields = g;
	g[c->nfields].field = field;
	g[c->nfields].from = df_dup(df, from);
	g[c->nfields].to = df_dup(df, to);
	if ((from && !g[c->nfields].from) || (to && !g[c->nfields].to))
		return PD_ENOMEM;
	c->nfields++;
	return 0;
}

int df_source_ref(differ *df, const pd_source *s, pd_source_ref *out)
{
	char date[11];

	out->label = df_dup(df, s->label);
	out->url = df_dup(df, s->url);
	out->accessed = NULL;
	if (s->accessed[0]) {
		pd_date d = {s->accessed[0], s->accessed[1], s->accessed[2]};

		pd_date_format(d, date);
		out->accessed = df_dup(df, date);
		if (!out->accessed)
			return PD_ENOMEM;
	}
	return (!out->label || (s->url && !out->url)) ? PD_ENOMEM : 0;
}

int df_source_list(differ *df, const pd_source **v, size_t n,
		       pd_source_ref **out, size_t *nout)
{
	size_t i;

	*out = pd_arena_calloc(df->d->arena, n + 1, sizeof(**out));
	if (!*out)
		return PD_ENOMEM;
	for (i = 0; i < n; i++)
		if (df_source_ref(df, v[i], &(*out)[i]) < 0)
			return PD_ENOMEM;
	*nout = n;
	return 0;
}

bool pd_change_substantive(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_CLAIM_REWORDED:
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		return !c->editorial;
	case PD_CHANGE_SOURCE_CHANGED:
		return !(c->nfields == 1 &&
			 strcmp(c->fields[0].field, "accessed") == 0);
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_CLAIM_MOVED:
	case PD_CHANGE_SECTION_RENAMED:
		return false;
	default:
		return true;
	}
}

/* The sides ------------------------------------------------------------------ */

struct pd_differ {
	pd_diff_options o;
	pd_arena *arena; /* the word dictionary, the memo */
	dict words;
	memo memo;
	para_memo paras; /* the paragraphs met so far, made claims */
	pd_cite_memo *cites; /* the footnotes met so far, parsed */
	side *kept[2];   /* the sides of the last diff */
};

static void side_free(side *sd)
{
	if (sd)
		pd_arena_free(sd->arena);
}

static int side_new(differ *df, const pd_profile *p, side **out)
{
	pd_arena *a = pd_arena_new();
	side *sd;
	int err;

	if (!a)
		return PD_ENOMEM;
	sd = pd_arena_calloc(a, 1, sizeof(*sd));
	if (!sd) {
		pd_arena_free(a);
		return PD_ENOMEM;
	}
	sd->arena = a;
	if ((err = diff_prepare(df, sd, p)) < 0) {
		pd_arena_free(a);
		return err;
	}
	*out = sd;
	return 0;
}

/* The side of `p` kept from the last diff (its peers undone), else a new
 * one; never `other`, which the diff already uses. */
static int side_for(pd_differ *dr, differ *df, const pd_profile *p,
		    const side *other, side **out)
{
	size_t k, i;

	for (k = 0; k < 2; k++) {
		side *sd = dr->kept[k];

		if (!sd || sd->p != p || sd == other)
			continue;
		for (i = 0; i < sd->nsecs; i++)
			sd->secs[i].peer = -1;
		for (i = 0; i < sd->nsrcs; i++)
			sd->srcs[i].peer = -1;
		*out = sd;
		return 0;
	}
	return side_new(df, p, out);
}

static bool kept(const pd_differ *dr, const side *sd)
{
	return dr->kept[0] == sd || dr->kept[1] == sd;
}

int pd_differ_new(pd_differ **out, const pd_diff_options *opts)
{
	static const pd_diff_options defaults = PD_DIFF_OPTIONS_INIT;
	pd_differ *dr = calloc(1, sizeof(*dr));

	*out = NULL;
	if (!dr || !(dr->arena = pd_arena_new()) ||
	    !(dr->cites = pd_cite_memo_new())) {
		if (dr)
			pd_arena_free(dr->arena);
		free(dr);
		return PD_ENOMEM;
	}
	dr->o = opts ? *opts : defaults;
	dr->words.a = dr->arena;
	dr->memo.a = dr->arena;
	dr->paras.a = dr->arena;
	*out = dr;
	return 0;
}

void pd_differ_free(pd_differ *dr)
{
	if (!dr)
		return;
	side_free(dr->kept[0]);
	side_free(dr->kept[1]);
	pd_cite_memo_free(dr->cites); /* after the sides: they point in it */
	pd_arena_free(dr->arena);
	free(dr);
}

/* The diff proper, on prepared sides. */
static int compare(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	pd_change *c;
	align_result r;
	size_t i;
	int err;

	if (pd_date_cmp(pa->last_updated, pb->last_updated) != 0) {
		if (!(c = df_add(df, PD_CHANGE_LAST_UPDATED, NULL)))
			return PD_ENOMEM;
		c->from = df_date_str(df, pa->last_updated);
		c->to = df_date_str(df, pb->last_updated);
	}
	diff_match_sections(df);
	diff_match_sources(df);
	if ((err = diff_align(df, &r)) < 0)
		return err;
	diff_find_renames(df, &r);
	if ((err = diff_emit_sections(df)) < 0 ||
	    (err = diff_emit_laws(df, pa, pb)) < 0 ||
	    (err = diff_emit_treaties(df, pa, pb)) < 0 ||
	    (err = diff_emit_claims(df, &r)) < 0 || (err = diff_emit_sources(df)) < 0)
		return err;
	for (i = 0; i < df->d->nchanges; i++) {
		if (pd_change_substantive(&df->d->changes[i]))
			df->d->substantive++;
		else if (df->d->changes[i].kind != PD_CHANGE_LAST_UPDATED)
			df->d->editorial++;
	}
	return 0;
}

int pd_differ_diff(pd_differ *dr, pd_diff **out, const pd_profile *pa,
		   const pd_profile *pb)
{
	differ df;
	pd_arena *arena;
	side *sa = NULL, *sb = NULL;
	int err = 0;

	*out = NULL;
	memset(&df, 0, sizeof(df));
	df.o = &dr->o;
	df.words = &dr->words;
	df.memo = &dr->memo;
	df.cite_memo = dr->cites;
	df.paras = &dr->paras;
	arena = pd_arena_new();
	df.scratch = pd_arena_new();
	if (!arena || !df.scratch ||
	    !(df.d = pd_arena_alloc(arena, sizeof(*df.d)))) {
		err = PD_ENOMEM;
		goto done;
	}
	memset(df.d, 0, sizeof(*df.d));
	df.d->arena = arena;
	if ((err = side_for(dr, &df, pa, NULL, &sa)) < 0 ||
	    (err = side_for(dr, &df, pb, sa, &sb)) < 0)
		goto done;
	df.a = sa;
	df.b = sb;
	err = compare(&df, pa, pb);
done:
	if (sa && sb) {
		/* these two are kept for the next diff */
		size_t k;

		for (k = 0; k < 2; k++)
			if (dr->kept[k] != sa && dr->kept[k] != sb)
				side_free(dr->kept[k]);
		dr->kept[0] = sa;
		dr->kept[1] = sb;
	} else if (sa && !kept(dr, sa)) {
		side_free(sa);
	}
	pd_buf_free(&df.tmp);
	pd_arena_free(df.scratch);
	if (err < 0) {
		pd_arena_free(arena);
		return err;
	}
	*out = df.d;
	return 0;
}

int pd_diff_profiles(pd_diff **out, const pd_profile *pa,
		     const pd_profile *pb, const pd_diff_options *opts)
{
	pd_differ *dr;
	int err;

	*out = NULL;
	if ((err = pd_differ_new(&dr, opts)) < 0)
		return err;
	err = pd_differ_diff(dr, out, pa, pb);
	pd_differ_free(dr);
	return err;
}

void pd_diff_free(pd_diff *d)
{
	if (d)
		pd_arena_free(d->arena);
}

static void summary_part(pd_buf *out, bool *first, size_t n, const char *one,
			 const char *many, const char *what)
{
	if (!n)
		return;
	pd_buf_printf(out, "%s%zu %s%s%s", *first ? "" : ", ", n,
		      n == 1 ? one : many, what ? " " : "", what ? what : "");
	*first = false;
}

void pd_diff_summarize(pd_buf *out, const pd_diff *d)
{
	const size_t *c = d->count;
	size_t factual = 0, reworded = 0, i;
	bool first = true;

	for (i = 0; i < d->nchanges; i++) {
		const pd_change *ch = &d->changes[i];

		if ((ch->kind != PD_CHANGE_CLAIM_REWORDED &&
		     ch->kind != PD_CHANGE_CLAIM_SPLIT &&
		     ch->kind != PD_CHANGE_CLAIM_MERGED) ||
		    ch->editorial)
			continue;
		reworded++;
		if (ch->factual)
			factual++;
	}
	summary_part(out, &first, c[PD_CHANGE_LAW_ADDED], "law", "laws", "added");
	summary_part(out, &first, c[PD_CHANGE_LAW_CHANGED], "law", "laws",
		     "changed");
	summary_part(out, &first, c[PD_CHANGE_LAW_REMOVED], "law", "laws",
		     "removed");
	summary_part(out, &first,
		     c[PD_CHANGE_TREATY_ADDED] + c[PD_CHANGE_TREATY_CHANGED] +
			     c[PD_CHANGE_TREATY_REMOVED],
		     "treaty", "treaties", "changed");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_ADDED], "claim", "claims",
		     "added");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_REMOVED], "claim", "claims",
		     "removed");
	if (reworded) {
		pd_buf_printf(out, "%s%zu reworded", first ? "" : ", ", reworded);
		if (factual)
			pd_buf_printf(out, " (%zu factual)", factual);
		first = false;
	}
	summary_part(out, &first, c[PD_CHANGE_CLAIM_SOURCES], "claim", "claims",
		     "re-sourced");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_ADDED], "source",
		     "sources", "added");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_REMOVED], "source",
		     "sources", "removed");
	for (i = 0, reworded = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == PD_CHANGE_SOURCE_CHANGED &&
		    pd_change_substantive(&d->changes[i]))
			reworded++;
	summary_part(out, &first, reworded, "source", "sources", "changed");
	summary_part(out, &first, c[PD_CHANGE_SECTION_ADDED], "section",
		     "sections", "added");
	summary_part(out, &first, c[PD_CHANGE_SECTION_REMOVED], "section",
		     "sections", "removed");
	if (first)
		pd_buf_puts(out, "no change in substance");
	if (d->editorial)
		pd_buf_printf(out, "; %zu editorial", d->editorial);
}
