/*
 * review.c: an update reviewed as a whole. Each profile it touches is
 * diffed and linted on both sides, and the two lints compared by what
 * their findings are about (lint_compare.c); the review adds them up.
 */
#include <string.h>

#include "profdiff/review.h"

static const char *const status_names[] = {"added", "deleted", "modified",
					   "renamed"};

const char *pd_review_status_name(pd_review_status s)
{
	return (unsigned)s < sizeof(status_names) / sizeof(*status_names)
		       ? status_names[s]
		       : "modified";
}

/* One side's findings: its schema finding when it did not parse, its
 * lint when it is there, none when it is absent. */
static int lint_side(pd_lint_result **out, const pd_profile *p,
		     const pd_error *broken, const pd_lint_options *opts)
{
	*out = NULL;
	if (broken)
		return pd_lint_schema(out, broken, opts);
	if (!p)
		return 0;
	return pd_lint(out, p, opts);
}

static bool add_pair(pd_about_pair *v, size_t *n, size_t cap,
		     const char *before, const char *after)
{
	if (!before || !after || *n == cap)
		return false;
	v[*n].before = pd_lint_claim_about(before, strlen(before));
	v[*n].after = pd_lint_claim_about(after, strlen(after));
	(*n)++;
	return true;
}

/* The claims the diff paired though their words changed: a finding about
 * one before and about the other after is the same finding. */
static int claim_pairs(pd_arena *a, const pd_diff *d, pd_about_pair **out,
		       size_t *n)
{
	size_t i, k, cap = 0;
	pd_about_pair *v;

	*n = 0;
	*out = NULL;
	for (i = 0; d && i < d->nchanges; i++)
		cap += d->changes[i].kind == PD_CHANGE_CLAIM_REWORDED
			       ? 1
			       : d->changes[i].nparts;
	if (!cap)
		return 0;
	if (!(v = pd_arena_alloc(a, cap * sizeof(*v))))
		return PD_ENOMEM;
	for (i = 0; i < d->nchanges; i++) {
		const pd_change *c = &d->changes[i];

		if (c->kind == PD_CHANGE_CLAIM_REWORDED)
			add_pair(v, n, cap, c->from, c->to);
		else if (c->kind == PD_CHANGE_CLAIM_SPLIT)
			for (k = 0; k < c->nparts; k++)
				add_pair(v, n, cap, c->from, c->parts[k]);
		else if (c->kind == PD_CHANGE_CLAIM_MERGED)
			for (k = 0; k < c->nparts; k++)
				add_pair(v, n, cap, c->parts[k], c->to);
	}
	*out = v;
	return 0;
}

int pd_review_check(pd_review_entry *e, const pd_lint_options *lint,
		    const pd_diff_options *diff)
{
	pd_profile *empty = NULL;
	pd_about_pair *pairs;
	size_t npairs;
	int err;

	e->diff = NULL;
	e->lint_from = e->lint_to = NULL;
	memset(&e->lint, 0, sizeof(e->lint));
	if (!(e->arena = pd_arena_new()))
		return PD_ENOMEM;
	/* a head that no longer parses fixes nothing: it only breaks */
	if ((err = lint_side(&e->lint_from, e->to_error ? NULL : e->from,
			     e->to_error ? NULL : e->from_error, lint)) < 0)
		return err;
	/* the head as every gate checks it */
	if (e->to || e->to_error) {
		pd_gate_facts facts = PD_GATE_FACTS_INIT;

		facts.published = e->published;
		if ((err = pd_gate_check(&e->lint_to, e->to, e->to_error,
					 &facts, lint)) < 0)
			return err;
	}
	if (!e->from_error && !e->to_error) {
		/* an added or deleted profile is compared with an empty one */
		if ((!e->from || !e->to) && (err = pd_profile_new(&empty)) < 0)
			return err;
		err = pd_diff_profiles(&e->diff, e->from ? e->from : empty,
				       e->to ? e->to : empty, diff);
		pd_profile_free(empty);
		if (err < 0)
			return err;
	}
	if ((err = claim_pairs(e->arena, e->diff, &pairs, &npairs)) < 0)
		return err;
	return pd_lint_compare_paired(e->arena, e->lint_from, e->lint_to,
				      pairs, npairs, &e->lint);
}

void pd_review_entry_free(pd_review_entry *e)
{
	pd_diff_free(e->diff);
	pd_lint_result_free(e->lint_from);
	pd_lint_result_free(e->lint_to);
	pd_arena_free(e->arena);
	e->diff = NULL;
	e->lint_from = e->lint_to = NULL;
	e->arena = NULL;
}

void pd_review_total(pd_review *r)
{
	size_t i, k, front = 0;

	r->changes = r->substantive = r->broken = 0;
	memset(r->bucket, 0, sizeof(r->bucket));
	memset(r->introduced, 0, sizeof(r->introduced));
	memset(r->fixed, 0, sizeof(r->fixed));
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		if (e->diff) {
			r->changes += e->diff->nchanges;
			r->substantive += e->diff->substantive;
			for (k = 0; k < PD_BUCKET_COUNT; k++)
				r->bucket[k] += e->diff->bucket[k];
		}
		for (k = 0; k < e->lint.nintroduced; k++)
			r->introduced[e->lint.introduced[k]->severity]++;
		for (k = 0; k < e->lint.nfixed; k++)
			r->fixed[e->lint.fixed[k]->severity]++;
	}
	/* a profile that no longer parses is the review's first news: a
	 * stable rotation brings each to the front */
	for (i = 0; i < r->n; i++) {
		if (!r->entries[i].to_error)
			continue;
		if (i != front) {
			pd_review_entry keep = r->entries[i];

			memmove(&r->entries[front + 1], &r->entries[front],
				(i - front) * sizeof(*r->entries));
			r->entries[front] = keep;
		}
		front++;
	}
	r->broken = front;
}

bool pd_review_fails(const pd_review *r, pd_severity at)
{
	unsigned s;

	if (at == PD_SEV_OFF)
		return false;
	for (s = at; s <= PD_SEV_ERROR; s++)
		if (r->introduced[s])
			return true;
	return false;
}
