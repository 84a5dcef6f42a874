/*
 * diff.c: the semantic diff of two profiles: its entry points, the sides
 * a pd_differ keeps between diffs, and the driver that runs the phases of
 * diff_internal.h in their order: prepare (diff_prepare.c), match
 * (diff_match.c, with align.c), word-diff and classify (diff_reword.c,
 * with worddiff.c), emit (diff_emit.c).
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
 * Word-diff and classify. A reworded pair gets a word-level diff and one
 * class (diff_reword.c): factual, editorial or plainly reworded, with the
 * rule that decided it.
 *
 * Emit. The changes come out in a fixed order: date, sections, laws,
 * treaties, claims (in the order of the new profile, then those removed),
 * sources. Nothing else: equal fingerprints and identities make footnote
 * renumbering, wrapping, quotes, dashes, spacing and layout invisible.
 */
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"

/* The sides ------------------------------------------------------------------ */

struct pd_differ {
	pd_diff_options o;
	pd_arena *arena; /* the word dictionary, the memo */
	word_table words;
	memo memo;
	para_memo paras; /* the paragraphs met so far, made claims */
	pd_cite_memo *cites; /* the footnotes met so far, parsed */
	side *kept[2];   /* the sides of the last diff */
	bool once;       /* pd_diff_profiles': one diff, and no more */
};

static void side_free(side *sd)
{
	if (sd) {
		free(sd->claims);
		pd_arena_free(sd->arena);
	}
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
	if ((err = pd_diff_prepare(df, sd, p)) < 0) {
		side_free(sd);
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
	/* the tables themselves from malloc: grown in the arena, each
	 * would keep every smaller copy of its array until the differ goes
	 * (as much again as the table); their entries' texts stay in it */
	word_table_init(&dr->words, NULL);
	dr->memo.a = dr->arena;
	memo_table_init(&dr->memo.t, NULL);
	dr->paras.a = dr->arena;
	para_table_init(&dr->paras.t, NULL);
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
	word_table_free(&dr->words);
	memo_table_free(&dr->memo.t);
	para_table_free(&dr->paras.t);
	pd_arena_free(dr->arena);
	free(dr);
}

void *pd_differ_slot_new(void *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(pd_differ *));
}

void pd_differ_slot_free(void *ctx, void *slot)
{
	pd_differ **dr = slot;

	(void)ctx;
	if (dr)
		pd_differ_free(*dr);
	free(dr);
}

/* The diff proper, on prepared sides: the phases after the first. */
static int compare(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	int err;

	if ((err = pd_diff_match(df, pa, pb)) < 0 ||
	    (err = pd_diff_word_diff(df)) < 0 ||
	    (err = pd_diff_classify(df)) < 0)
		return err;
	return pd_diff_emit(df, pa, pb);
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
	df.borrow = dr->once;
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
	free(df.ids);
	free(df.srcv);
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
	dr->once = true;
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
	size_t factual = 0, changed = 0, i;
	bool first = true;

	for (i = 0; i < d->nchanges; i++) {
		const pd_change *ch = &d->changes[i];

		if (ch->kind == PD_CHANGE_SOURCE_CHANGED &&
		    pd_change_substantive(ch))
			changed++;
		if ((ch->kind == PD_CHANGE_CLAIM_REWORDED ||
		     ch->kind == PD_CHANGE_CLAIM_SPLIT ||
		     ch->kind == PD_CHANGE_CLAIM_MERGED) &&
		    ch->factual)
			factual++;
	}
	summary_part(out, &first, c[PD_CHANGE_LAW_ADDED], "law", "laws", "added");
	summary_part(out, &first, c[PD_CHANGE_LAW_CHANGED], "law", "laws",
		     "changed");
	summary_part(out, &first, c[PD_CHANGE_LAW_REMOVED], "law", "laws",
		     "removed");
	summary_part(out, &first, c[PD_CHANGE_TREATY_ADDED], "treaty",
		     "treaties", "added");
	summary_part(out, &first, c[PD_CHANGE_TREATY_CHANGED], "treaty",
		     "treaties", "changed");
	summary_part(out, &first, c[PD_CHANGE_TREATY_REMOVED], "treaty",
		     "treaties", "removed");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_ADDED], "claim", "claims",
		     "added");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_REMOVED], "claim", "claims",
		     "removed");
	summary_part(out, &first, factual, "claim", "claims",
		     "reworded (factual)");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_SOURCES], "claim", "claims",
		     "re-sourced");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_ADDED], "source",
		     "sources", "added");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_REMOVED], "source",
		     "sources", "removed");
	summary_part(out, &first, changed, "source", "sources", "changed");
	summary_part(out, &first, c[PD_CHANGE_SECTION_ADDED], "section",
		     "sections", "added");
	summary_part(out, &first, c[PD_CHANGE_SECTION_REMOVED], "section",
		     "sections", "removed");
	if (first)
		pd_buf_puts(out, "no change in substance");
	/* the buckets a changelog counts without listing them */
	for (i = PD_BUCKET_REWORDED, first = true; i <= PD_BUCKET_MOVED; i++) {
		if (!d->bucket[i])
			continue;
		pd_buf_printf(out, "%s%zu %s", first ? "; " : ", ",
			      d->bucket[i], pd_bucket_name((pd_bucket)i));
		first = false;
	}
}
