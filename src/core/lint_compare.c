/*
 * lint_compare.c: which findings an update introduces and which it fixes.
 *
 * A finding is matched by what it is about, not by where it stands: its
 * rule and pd_finding.about (its footnote's sources by identity, or its
 * claim's normal form), so that renumbered footnotes and re-wrapped lines
 * leave every finding as it was. Both lists are sorted by that key and
 * walked together: findings of equal keys pair one for one (nearest
 * first, by footnote and line, when one came or went), those left over
 * after the update were introduced, those left over before it were
 * fixed. O(n log n) in the findings.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/lint.h"
#include "sort.h"

typedef struct keyed {
	uint64_t about;
	unsigned rule;
	size_t index; /* in its result, to keep the report in its order */
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
	const keyed *a = x, *b = y;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if (a->about != b->about)
		return a->about < b->about ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static keyed *keys_of(pd_arena *arena, const pd_lint_result *r, size_t *n)
{
	size_t i, cnt = r ? r->nfindings : 0;
	keyed *v = pd_arena_alloc(arena, (cnt + 1) * sizeof(*v));

	*n = 0;
	if (!v)
		return NULL;
	for (i = 0; i < cnt; i++) {
		v[i].about = r->findings[i].about;
		v[i].rule = (unsigned)r->findings[i].rule;
		v[i].index = i;
	}
	pd_qsort(v, cnt, sizeof(*v), keyed_cmp);
	*n = cnt;
	return v;
}

/* The findings of r whose index is marked, in r's order. */
static const pd_finding **pick(pd_arena *arena, const pd_lint_result *r,
			       const bool *left, size_t nleft)
{
	const pd_finding **v = pd_arena_alloc(arena, (nleft + 1) * sizeof(*v));
	size_t i, k = 0;

	if (!v)
		return NULL;
	for (i = 0; r && i < r->nfindings; i++)
		if (left[i])
			v[k++] = &r->findings[i];
	return v;
}

static int pair_cmp(const void *x, const void *y)
{
	const pd_about_pair *a = x, *b = y;

	if (a->before != b->before)
		return a->before < b->before ? -1 : 1;
	return (a->after > b->after) - (a->after < b->after);
}

/* The second pass: a finding left over before the update and one left
 * over after it, of the same rule, about claims the diff paired, are the
 * same finding. The leftovers are few; each pair is a binary search. */
static void match_paired(const pd_lint_result *before,
			 const pd_lint_result *after, pd_about_pair *pairs,
			 size_t npairs, bool *gone, bool *fresh,
			 pd_lint_delta *out, size_t *nfixed, size_t *nnew)
{
	size_t i, j;

	pd_qsort(pairs, npairs, sizeof(*pairs), pair_cmp);
	for (i = 0; i < before->nfindings; i++) {
		const pd_finding *f = &before->findings[i];

		if (!gone[i] || !f->about)
			continue;
		for (j = 0; j < after->nfindings; j++) {
			const pd_finding *g = &after->findings[j];
			pd_about_pair key = {f->about, g->about};

			if (!fresh[j] || g->rule != f->rule ||
			    !pd_bsearch(&key, pairs, npairs, sizeof(*pairs),
				     pair_cmp))
				continue;
			gone[i] = fresh[j] = false;
			(*nfixed)--;
			(*nnew)--;
			out->unchanged++;
			break;
		}
	}
}

/* Findings of one rule about one thing, na before and nb after: of
 * equal numbers they pair in order; else (one came or went) nearest
 * first, by the footnotes they stand in and then their lines, so that the
 * one left over is the one that came or went, not one that stayed (a
 * second broken "(n 6)" added beside one published). Past RUN_NEAREST of
 * them, in order. */
#define RUN_NEAREST 64

static size_t distance(const pd_finding *f, const pd_finding *g)
{
	size_t df = f->footnote > g->footnote ? f->footnote - g->footnote
					       : g->footnote - f->footnote;
	size_t dl = f->pos.line > g->pos.line ? f->pos.line - g->pos.line
					      : g->pos.line - f->pos.line;

	return df * 1000000 + dl;
}

static void pair_run(const pd_lint_result *before, const pd_lint_result *after,
		     const keyed *a, size_t na, const keyed *b, size_t nb,
		     bool *gone, bool *fresh, pd_lint_delta *out,
		     size_t *nfixed, size_t *nnew)
{
	bool ta[RUN_NEAREST] = {false}, tb[RUN_NEAREST] = {false};
	size_t i, j;

	if (na == nb || na > RUN_NEAREST || nb > RUN_NEAREST) {
		for (i = 0; i < na || i < nb; i++) {
			if (i < na && i < nb)
				out->unchanged++;
			else if (i < na) {
				gone[a[i].index] = true;
				(*nfixed)++;
			} else {
				fresh[b[i].index] = true;
				(*nnew)++;
			}
		}
		return;
	}
	for (;;) {
		size_t best = (size_t)-1, bi = 0, bj = 0;

		for (i = 0; i < na; i++)
			for (j = 0; j < nb; j++) {
				size_t d;

				if (ta[i] || tb[j])
					continue;
				d = distance(&before->findings[a[i].index],
					     &after->findings[b[j].index]);
				if (d < best) {
					best = d;
					bi = i;
					bj = j;
				}
			}
		if (best == (size_t)-1)
			break;
		ta[bi] = tb[bj] = true;
		out->unchanged++;
	}
	for (i = 0; i < na; i++)
		if (!ta[i]) {
			gone[a[i].index] = true;
			(*nfixed)++;
		}
	for (j = 0; j < nb; j++)
		if (!tb[j]) {
			fresh[b[j].index] = true;
			(*nnew)++;
		}
}

int pd_lint_compare(pd_arena *arena, const pd_lint_result *before,
		    const pd_lint_result *after, pd_lint_delta *out)
{
	return pd_lint_compare_paired(arena, before, after, NULL, 0, out);
}

int pd_lint_compare_paired(pd_arena *arena, const pd_lint_result *before,
			   const pd_lint_result *after, pd_about_pair *pairs,
			   size_t npairs, pd_lint_delta *out)
{
	size_t na, nb, i = 0, j = 0, nfixed = 0, nnew = 0;
	keyed *a = keys_of(arena, before, &na), *b = keys_of(arena, after, &nb);
	bool *gone, *fresh;

	memset(out, 0, sizeof(*out));
	if (!a || !b)
		return PD_ENOMEM;
	gone = pd_arena_calloc(arena, na + 1, sizeof(*gone));
	fresh = pd_arena_calloc(arena, nb + 1, sizeof(*fresh));
	if (!gone || !fresh)
		return PD_ENOMEM;
	while (i < na || j < nb) {
		int c = i >= na   ? 1
			: j >= nb ? -1
				  : (a[i].rule != b[j].rule
					     ? (a[i].rule < b[j].rule ? -1 : 1)
				     : a[i].about != b[j].about
					     ? (a[i].about < b[j].about ? -1 : 1)
					     : 0);

		if (c < 0) {
			gone[a[i++].index] = true;
			nfixed++;
		} else if (c > 0) {
			fresh[b[j++].index] = true;
			nnew++;
		} else {
			/* a run of one key on each side */
			size_t i2 = i, j2 = j;

			while (i2 < na && a[i2].rule == a[i].rule &&
			       a[i2].about == a[i].about)
				i2++;
			while (j2 < nb && b[j2].rule == b[j].rule &&
			       b[j2].about == b[j].about)
				j2++;
			pair_run(before, after, a + i, i2 - i, b + j, j2 - j,
				 gone, fresh, out, &nfixed, &nnew);
			i = i2;
			j = j2;
		}
	}
	if (npairs && nfixed && nnew)
		match_paired(before, after, pairs, npairs, gone, fresh, out,
			     &nfixed, &nnew);
	out->fixed = pick(arena, before, gone, nfixed);
	out->introduced = pick(arena, after, fresh, nnew);
	if (!out->fixed || !out->introduced)
		return PD_ENOMEM;
	out->nfixed = nfixed;
	out->nintroduced = nnew;
	return 0;
}
