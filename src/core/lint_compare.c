/*
 * lint_compare.c: which findings an update introduces and which it fixes.
 *
 * A finding is matched by what it is about, not by where it stands: its
 * rule and pd_finding.about (its footnote's sources by identity, or its
 * claim's normal form), so that renumbered footnotes and re-wrapped lines
 * leave every finding as it was. Both lists are sorted by that key and
 * walked together: findings of equal keys pair one for one, those left
 * over after the update were introduced, those left over before it were
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
			out->unchanged++;
			i++;
			j++;
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
