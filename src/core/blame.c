/*
 * blame.c: each claim's lineage through a profile's published revisions.
 * Revision k is aligned with revision k - 1 by one diff of a pd_differ
 * (which prepares each revision once); the diff's links say which claim
 * of k - 1 each claim of k comes from and how it changed. A lineage is
 * the claim's introduction and its history of changes in substance, a
 * list shared by every later revision of the claim: following a claim
 * costs a pointer a revision.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/blame.h"
#include "grow.h"

typedef struct lineage {
	size_t introduced;
	long changed;
	pd_blame_kind kind;
	bool factual;
	const pd_blame_event *history;
} lineage;

struct pd_blamer {
	pd_arena *arena;      /* events, revisions: what the blame keeps */
	pd_differ *differ;
	pd_profile *empty;    /* what the first revision is aligned with */
	const pd_profile *prev;
	const pd_diff *diff;  /* the last diff: its links are the claims */
	pd_diff *own;         /* it, when the blamer made it */
	lineage *lin;         /* per link of `diff` */
	pd_blame_rev *revs;
	size_t nrevs, caprevs;
};

static const char *const kind_names[] = {"", "reworded", "sources_changed",
					 "moved"};

const char *pd_blame_kind_name(pd_blame_kind k)
{
	return (unsigned)k < 4 ? kind_names[k] : "";
}

int pd_blamer_new(pd_blamer **out, const pd_vocab *vocab)
{
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	pd_blamer *b = calloc(1, sizeof(*b));

	*out = NULL;
	o.vocab = vocab;
	o.links = true;
	if (!b || !(b->arena = pd_arena_new()) ||
	    pd_differ_new(&b->differ, &o) < 0 || pd_profile_new(&b->empty) < 0) {
		pd_blamer_free(b);
		return PD_ENOMEM;
	}
	*out = b;
	return 0;
}

void pd_blamer_free(pd_blamer *b)
{
	if (!b)
		return;
	pd_differ_free(b->differ);
	pd_diff_free(b->own);
	pd_profile_free(b->empty);
	pd_arena_free(b->arena);
	free(b->lin);
	free(b->revs);
	free(b);
}

static const pd_blame_event *event(pd_blamer *b, size_t rev,
				   pd_blame_kind kind, bool factual,
				   const pd_blame_event *older)
{
	pd_blame_event *e = pd_arena_alloc(b->arena, sizeof(*e));

	if (e) {
		e->rev = rev;
		e->kind = kind;
		e->factual = factual;
		e->older = older;
	}
	return e;
}

/* What a change in substance was, from how the link says it came. */
static pd_blame_kind kind_of(unsigned how)
{
	if (how & (PD_LINK_SPLIT | PD_LINK_MERGED))
		return PD_BLAME_REWORDED;
	if ((how & PD_LINK_REWORDED) && !(how & PD_LINK_EDITORIAL))
		return PD_BLAME_REWORDED;
	if (how & PD_LINK_MOVED)
		return PD_BLAME_MOVED;
	if (how & PD_LINK_SOURCES)
		return PD_BLAME_SOURCES_CHANGED;
	return PD_BLAME_REWORDED;
}

/* Adds revision `rev` (`p`), aligned with the one before by `d`, which
 * the blamer owns when `own` is. */
static int add(pd_blamer *b, const pd_profile *p, const pd_blame_rev *rev,
	       const pd_diff *d, pd_diff *own)
{
	lineage *lin;
	size_t j, k, r = b->nrevs;

	if (PD_GROW(b->revs, b->nrevs, b->caprevs) < 0)
		return PD_ENOMEM;
	b->revs[b->nrevs] = *rev;
	/* the blame keeps its own copies: the caller's may go */
	if ((rev->commit &&
	     !(b->revs[b->nrevs].commit = pd_arena_strdup(b->arena, rev->commit))) ||
	    (rev->author &&
	     !(b->revs[b->nrevs].author = pd_arena_strdup(b->arena, rev->author))))
		return PD_ENOMEM;
	if (rev->nmessages) {
		const char **v = pd_arena_alloc(b->arena,
						rev->nmessages * sizeof(*v));

		if (!v)
			return PD_ENOMEM;
		for (j = 0; j < rev->nmessages; j++)
			if (!(v[j] = pd_arena_strdup(b->arena, rev->messages[j])))
				return PD_ENOMEM;
		b->revs[b->nrevs].messages = v;
	}
	b->nrevs++;
	if (!(lin = calloc(d->nlinks + 1, sizeof(*lin))))
		return PD_ENOMEM;
	for (j = 0; j < d->nlinks; j++) {
		const pd_claim_link *lk = &d->links[j];
		lineage *l = &lin[j];

		if (!lk->text)
			continue;
		if (lk->from < 0 || !b->lin ||
		    (size_t)lk->from >= b->diff->nlinks ||
		    !b->lin[lk->from].history) {
			l->introduced = r;
			l->changed = -1;
			if (!(l->history = event(b, r, PD_BLAME_NONE, false,
						 NULL)))
				goto oom;
			continue;
		}
		*l = b->lin[lk->from];
		/* merged: the oldest of the claims merged in */
		for (k = 0; k < lk->nmerged; k++) {
			long m = lk->merged[k];

			if (m >= 0 && (size_t)m < b->diff->nlinks &&
			    b->lin[m].history &&
			    b->lin[m].introduced < l->introduced)
				l->introduced = b->lin[m].introduced;
		}
		if (lk->substantive) {
			l->changed = (long)r;
			l->kind = kind_of(lk->how);
			l->factual = (lk->how & PD_LINK_FACTUAL) != 0;
			if (!(l->history = event(b, r, l->kind, l->factual,
						 l->history)))
				goto oom;
		}
	}
	free(b->lin);
	pd_diff_free(b->own);
	b->lin = lin;
	b->diff = d;
	b->own = own;
	b->prev = p;
	return 0;
oom:
	free(lin);
	return PD_ENOMEM;
}

int pd_blamer_add(pd_blamer *b, const pd_profile *p, const pd_blame_rev *rev)
{
	pd_diff *d;
	int err;

	if (pd_differ_diff(b->differ, &d, b->prev ? b->prev : b->empty, p) < 0)
		return PD_ENOMEM;
	if ((err = add(b, p, rev, d, d)) < 0)
		pd_diff_free(d);
	return err;
}

int pd_blamer_add_diff(pd_blamer *b, const pd_profile *p,
		       const pd_blame_rev *rev, const pd_diff *d)
{
	return add(b, p, rev, d, NULL);
}

int pd_blamer_finish(pd_blamer *b, pd_blame **out)
{
	pd_blame *bl;
	size_t j, n = 0;

	*out = NULL;
	if (!(bl = pd_arena_alloc(b->arena, sizeof(*bl))))
		return PD_ENOMEM;
	memset(bl, 0, sizeof(*bl));
	bl->nrevs = b->nrevs;
	if (!(bl->revs = pd_arena_alloc(b->arena,
					(b->nrevs + 1) * sizeof(*bl->revs))))
		return PD_ENOMEM;
	if (b->nrevs)
		memcpy((void *)bl->revs, b->revs, b->nrevs * sizeof(*bl->revs));
	if (b->prev) {
		bl->last_updated = b->prev->last_updated;
		if (b->prev->country &&
		    !(bl->country = pd_arena_strdup(b->arena, b->prev->country)))
			return PD_ENOMEM;
	}
	if (!(bl->claims = pd_arena_calloc(b->arena,
					   (b->diff ? b->diff->nlinks : 0) + 1,
					   sizeof(*bl->claims))))
		return PD_ENOMEM;
	for (j = 0; b->diff && j < b->diff->nlinks; j++) {
		const pd_claim_link *lk = &b->diff->links[j];
		const lineage *l = &b->lin[j];
		pd_blame_claim *c = &bl->claims[n];

		if (!lk->text)
			continue;
		/* the texts move to the blame's arena: the diff goes */
		c->text = pd_arena_strdup(b->arena, lk->text);
		c->section = pd_arena_strdup(b->arena, lk->section);
		c->nsources = lk->nsources;
		if (lk->nsources) {
			pd_source_ref *v = pd_arena_alloc(
				b->arena, lk->nsources * sizeof(*v));
			size_t k;

			if (!v)
				return PD_ENOMEM;
			for (k = 0; k < lk->nsources; k++) {
				v[k].label = pd_arena_strdup(
					b->arena, lk->sources[k].label);
				v[k].url = lk->sources[k].url
						   ? pd_arena_strdup(
							     b->arena,
							     lk->sources[k].url)
						   : NULL;
				v[k].accessed =
					lk->sources[k].accessed
						? pd_arena_strdup(
							  b->arena,
							  lk->sources[k].accessed)
						: NULL;
			}
			c->sources = v;
		}
		if (!c->text || !c->section)
			return PD_ENOMEM;
		c->introduced = l->introduced;
		c->changed = l->changed;
		c->kind = l->kind;
		c->factual = l->factual;
		c->history = l->history;
		n++;
	}
	bl->nclaims = n;
	bl->arena = b->arena;
	b->arena = NULL; /* the blame owns it now */
	*out = bl;
	return 0;
}

void pd_blame_free(pd_blame *b)
{
	if (b)
		pd_arena_free(b->arena);
}

static int month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[(m - 1) % 12];
}

pd_date pd_date_minus_months(pd_date d, int months)
{
	int m = d.year * 12 + (d.month ? d.month - 1 : 0) - months;
	pd_date r = {0, 0, 0};

	if (d.year <= 0 || m < 12)
		return r; /* no date, or before year 1: none */
	r.year = m / 12;
	r.month = m % 12 + 1;
	r.day = d.day ? d.day : 1;
	if (r.day > month_days(r.year, r.month))
		r.day = month_days(r.year, r.month);
	return r;
}

size_t pd_blame_stale(pd_blame *b, int months)
{
	pd_date cutoff = pd_date_minus_months(b->last_updated, months);
	size_t i, k, n = 0;

	/* without a date to count back from, nothing can be judged stale */
	if (!cutoff.year) {
		for (i = 0; i < b->nclaims; i++)
			b->claims[i].stale = false;
		b->stale = 0;
		return 0;
	}
	for (i = 0; i < b->nclaims; i++) {
		pd_blame_claim *c = &b->claims[i];
		size_t at = c->changed >= 0 ? (size_t)c->changed : c->introduced;
		bool stale = at < b->nrevs &&
			     pd_date_cmp(b->revs[at].date, cutoff) < 0;

		for (k = 0; stale && k < c->nsources; k++) {
			const char *acc = c->sources[k].accessed;
			pd_date d;

			if (acc && pd_date_parse(acc, strlen(acc), &d) &&
			    pd_date_cmp(d, cutoff) >= 0)
				stale = false;
		}
		c->stale = stale;
		n += stale;
	}
	b->stale = n;
	return n;
}
