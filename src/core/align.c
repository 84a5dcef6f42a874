/*
 * align.c: pairing the claims of two profiles.
 *
 * Phase 1, exact. A hash table maps fingerprints to the chain of `a` items
 * carrying them; each `b` item, in order, takes the first unpaired one of
 * its group; then the `b` items still unpaired take the first unpaired one
 * of any group. Moves and renumbered footnotes cost nothing here. When
 * copies of a claim came or went (the two sides have a different number
 * of them, a few), they pair nearest first instead, so that an added
 * copy does not take the place of the one that stayed.
 *
 * Phase 2, similar. The unpaired `a` items go into an inverted index from
 * word id to items, leaving out words that occur in more than
 * MAX_POSTINGS items (they say nothing and would make the lists long).
 * Each unpaired `b` item counts, over the lists of its words, how many
 * words it shares with each `a` item; the MAX_CANDIDATES best are scored
 * exactly (Dice on the sorted word ids). Pairs at or above the threshold
 * are sorted, best first, and taken greedily. No pair of items is ever
 * compared unless they share an indexed word.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "profdiff/error.h"
#include "grow.h"
#include "table.h"
#include "sort.h"

#define MAX_POSTINGS 64
#define MAX_CANDIDATES 8

double pd_align_dice(const uint32_t *a, size_t na, const uint32_t *b,
		     size_t nb)
{
	size_t i = 0, j = 0, common = 0;

	if (!na && !nb)
		return 1.0;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			common++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)common / (double)(na + nb);
}

typedef struct pair {
	long a, b;
	double sim;
	pd_align_how how;
} pair;

static int pair_cmp(const void *x, const void *y)
{
	const pair *p = x, *q = y;

	if (p->sim != q->sim)
		return p->sim > q->sim ? -1 : 1;
	if (p->b != q->b)
		return p->b < q->b ? -1 : 1;
	return (p->a > q->a) - (p->a < q->a);
}

/* A run of `a` items with one key (a fingerprint, and in the first pass
 * a group too), in order, linked by next[]; `head` is the first of them
 * not yet paired, moved on past those paired since. */
typedef struct chain_key {
	uint64_t fp;
	size_t group; /* 0 in the pass that takes any group */
} chain_key;

typedef struct chain {
	chain_key k;
	long head;  /* -1: every item paired */
	long tail;
	size_t na, nb;    /* its a items, and the b items of its key */
	long bhead, btail; /* those b items, linked by bnext[] */
} chain;

/* Copies of a claim are few, and pairing them by the nearest is cheap
 * below this; past it they pair in order. */
#define NEAREST_MAX 16

static inline uint64_t chain_hash(chain_key k)
{
	uint64_t h = k.fp ^ (uint64_t)k.group * 0x9E3779B97F4A7C15ull;

	return h ^ h >> 31;
}

static inline bool chain_eq(chain_key x, chain_key y)
{
	return x.fp == y.fp && x.group == y.group;
}

#define CHAIN_KEY(c) ((c)->k)
PD_TABLE(chain_table, chain, chain_key, CHAIN_KEY, chain_hash, chain_eq)

static chain_key item_key(const pd_align_item *it, bool by_group)
{
	chain_key k = {it->fp, by_group ? it->group : 0};

	return k;
}

static void take(pd_align_result *r, long ia, long ib)
{
	r->a_to_b[ia] = ib;
	r->b_to_a[ib] = ia;
	r->sim[ia] = 1.0;
	r->how[ia] = PD_ALIGN_EXACT;
}

/* The copies of one claim when a copy came or went (the chain's a items
 * and the b items of its key differ in number): each pair is taken
 * nearest first, by the distance of the two items' places, so that the
 * copy that stayed keeps its partner and the one added, wherever it
 * stands, is the one left over. */
static void pair_nearest(const chain *c, const long *next, const long *bnext,
			 pd_align_result *r)
{
	long va[NEAREST_MAX], vb[NEAREST_MAX], x, y;
	size_t nva = 0, nvb = 0, i, j;

	for (x = c->head; x >= 0; x = next[x])
		if (r->a_to_b[x] < 0)
			va[nva++] = x;
	for (y = c->bhead; y >= 0; y = bnext[y])
		if (r->b_to_a[y] < 0)
			vb[nvb++] = y;
	for (;;) {
		long best = -1, bi = 0, bj = 0, d;

		for (i = 0; i < nva; i++)
			for (j = 0; j < nvb; j++) {
				if (va[i] < 0 || vb[j] < 0)
					continue;
				d = va[i] > vb[j] ? va[i] - vb[j] : vb[j] - va[i];
				if (best < 0 || d < best) {
					best = d;
					bi = (long)i;
					bj = (long)j;
				}
			}
		if (best < 0)
			break;
		take(r, va[bi], vb[bj]);
		va[bi] = vb[bj] = -1;
	}
}

static int exact_phase(pd_arena *ar, const pd_align_item *a, size_t na,
		       const pd_align_item *b, size_t nb, pd_align_result *r)
{
	size_t i;
	long *next, *bnext;
	chain_table t;
	int pass;

	next = pd_arena_alloc(ar, (na + 1) * sizeof(*next));
	bnext = pd_arena_alloc(ar, (nb + 1) * sizeof(*bnext));
	if (!next || !bnext)
		return PD_ENOMEM;
	chain_table_init(&t, ar);
	/* sized once for every a item: grown, the arena would keep each
	 * smaller copy */
	if (chain_table_reserve(&t, na) < 0)
		return PD_ENOMEM;
	/* two passes: within the same group first, so that one moved
	 * duplicate cannot pull every later copy out of its section; each
	 * b item takes the first unpaired a item of its chain, and a
	 * chain's head only moves forward, so that many copies of one
	 * claim cost no more than as many different claims */
	for (pass = 0; pass < 2; pass++) {
		bool by_group = pass == 0;

		chain_table_clear(&t);
		for (i = 0; i < na; i++) {
			chain_key k;
			chain *c;
			bool fresh;

			if (r->a_to_b[i] >= 0)
				continue;
			k = item_key(&a[i], by_group);
			if (!(c = chain_table_put(&t, k, &fresh)))
				return PD_ENOMEM;
			next[i] = -1;
			if (fresh) {
				c->k = k;
				c->head = (long)i;
				c->na = c->nb = 0;
				c->bhead = c->btail = -1;
			} else {
				next[c->tail] = (long)i;
			}
			c->tail = (long)i;
			c->na++;
		}
		/* the b items of each chain's key, counted and linked */
		for (i = 0; i < nb; i++) {
			chain *c;

			if (r->b_to_a[i] >= 0 ||
			    !(c = chain_table_get(&t, item_key(&b[i], by_group))))
				continue;
			bnext[i] = -1;
			if (c->bhead < 0)
				c->bhead = (long)i;
			else
				bnext[c->btail] = (long)i;
			c->btail = (long)i;
			c->nb++;
		}
		for (i = 0; i < nb; i++) {
			chain *c;

			if (r->b_to_a[i] >= 0 ||
			    !(c = chain_table_get(&t, item_key(&b[i], by_group))))
				continue;
			if (c->na != c->nb && c->na > 0 && c->na <= NEAREST_MAX &&
			    c->nb <= NEAREST_MAX) {
				/* once for the chain: its copies are paired
				 * (or left) all at once */
				pair_nearest(c, next, bnext, r);
				c->head = -1;
				continue;
			}
			while (c->head >= 0 && r->a_to_b[c->head] >= 0)
				c->head = next[c->head];
			if (c->head < 0)
				continue;
			take(r, c->head, (long)i);
		}
	}
	return 0;
}

static int similar_phase(pd_arena *ar, const pd_align_item *a, size_t na,
			 const pd_align_item *b, size_t nb, double threshold,
			 pd_align_result *r)
{
	uint32_t maxtok = 0;
	size_t i, k, npairs = 0, cappairs = 0, total = 0;
	size_t *count, *start, *fill;
	long *post, *acc_list;
	unsigned *acc;
	pair *pairs = NULL;

	for (i = 0; i < na; i++)
		if (r->a_to_b[i] < 0 && a[i].ntok &&
		    a[i].tok[a[i].ntok - 1] + 1 > maxtok)
			maxtok = a[i].tok[a[i].ntok - 1] + 1;
	for (i = 0; i < nb; i++)
		if (r->b_to_a[i] < 0 && b[i].ntok &&
		    b[i].tok[b[i].ntok - 1] + 1 > maxtok)
			maxtok = b[i].tok[b[i].ntok - 1] + 1;
	if (!maxtok)
		return 0;
	/* the inverted index over unpaired a items: counting sort */
	count = pd_arena_calloc(ar, (size_t)maxtok + 1, sizeof(*count));
	start = pd_arena_calloc(ar, (size_t)maxtok + 1, sizeof(*start));
	fill = pd_arena_calloc(ar, (size_t)maxtok + 1, sizeof(*fill));
	acc = pd_arena_calloc(ar, na + 1, sizeof(*acc));
	acc_list = pd_arena_calloc(ar, na + 1, sizeof(*acc_list));
	if (!count || !start || !fill || !acc || !acc_list)
		return PD_ENOMEM;
	for (i = 0; i < na; i++)
		if (r->a_to_b[i] < 0)
			for (k = 0; k < a[i].ntok; k++)
				if (k == 0 || a[i].tok[k] != a[i].tok[k - 1])
					count[a[i].tok[k]]++;
	for (k = 0; k < maxtok; k++) {
		start[k] = total;
		if (count[k] <= MAX_POSTINGS)
			total += count[k];
	}
	post = pd_arena_calloc(ar, total + 1, sizeof(*post));
	if (!post)
		return PD_ENOMEM;
	for (i = 0; i < na; i++) {
		if (r->a_to_b[i] >= 0)
			continue;
		for (k = 0; k < a[i].ntok; k++) {
			uint32_t t = a[i].tok[k];

			if ((k && t == a[i].tok[k - 1]) ||
			    count[t] > MAX_POSTINGS)
				continue;
			post[start[t] + fill[t]++] = (long)i;
		}
	}
	for (i = 0; i < nb; i++) {
		size_t nacc = 0, c, best[MAX_CANDIDATES], nbest = 0;

		if (r->b_to_a[i] >= 0)
			continue;
		for (k = 0; k < b[i].ntok; k++) {
			uint32_t t = b[i].tok[k];
			size_t p;

			if ((k && t == b[i].tok[k - 1]) || t >= maxtok ||
			    count[t] > MAX_POSTINGS)
				continue;
			for (p = 0; p < fill[t]; p++) {
				long ai = post[start[t] + p];

				if (!acc[ai]++)
					acc_list[nacc++] = ai;
			}
		}
		/* the best few by shared words */
		for (c = 0; c < nacc; c++) {
			size_t ai = (size_t)acc_list[c], pos = nbest;

			while (pos > 0 && acc[acc_list[best[pos - 1]]] < acc[ai])
				pos--;
			if (pos < MAX_CANDIDATES) {
				size_t m = nbest < MAX_CANDIDATES ? nbest
								  : MAX_CANDIDATES - 1;

				memmove(&best[pos + 1], &best[pos],
					(m - pos) * sizeof(*best));
				best[pos] = c;
				if (nbest < MAX_CANDIDATES)
					nbest++;
			}
		}
		for (c = 0; c < nbest; c++) {
			long ai = acc_list[best[c]];
			double s = pd_align_dice(a[ai].tok, a[ai].ntok,
						 b[i].tok, b[i].ntok);
			pd_align_how how = PD_ALIGN_NONE;

			if (s >= threshold)
				how = PD_ALIGN_SIMILAR;
			else if (a[ai].src && a[ai].src == b[i].src &&
				 s >= threshold - 0.2)
				how = PD_ALIGN_SOURCE;
			if (how == PD_ALIGN_NONE)
				continue;
			if (PD_ARENA_GROW(ar, pairs, npairs, cappairs) < 0)
				return PD_ENOMEM;
			pairs[npairs].a = ai;
			pairs[npairs].b = (long)i;
			pairs[npairs].sim = s;
			pairs[npairs++].how = how;
		}
		for (c = 0; c < nacc; c++)
			acc[acc_list[c]] = 0;
	}
	if (npairs > 1)
		pd_qsort(pairs, npairs, sizeof(*pairs), pair_cmp);
	for (i = 0; i < npairs; i++) {
		const pair *p = &pairs[i];

		if (r->a_to_b[p->a] >= 0 || r->b_to_a[p->b] >= 0)
			continue;
		r->a_to_b[p->a] = p->b;
		r->b_to_a[p->b] = p->a;
		r->sim[p->a] = p->sim;
		r->how[p->a] = p->how;
	}
	return 0;
}

int pd_align_claims(pd_arena *ar, const pd_align_item *a, size_t na,
		    const pd_align_item *b, size_t nb, double threshold,
		    pd_align_result *r)
{
	size_t i;
	int err;

	r->a_to_b = pd_arena_alloc(ar, (na + 1) * sizeof(long));
	r->b_to_a = pd_arena_alloc(ar, (nb + 1) * sizeof(long));
	r->sim = pd_arena_calloc(ar, na + 1, sizeof(double));
	r->how = pd_arena_calloc(ar, na + 1, sizeof(pd_align_how));
	if (!r->a_to_b || !r->b_to_a || !r->sim || !r->how)
		return PD_ENOMEM;
	for (i = 0; i < na; i++)
		r->a_to_b[i] = -1;
	for (i = 0; i < nb; i++)
		r->b_to_a[i] = -1;
	if ((err = exact_phase(ar, a, na, b, nb, r)) < 0)
		return err;
	return similar_phase(ar, a, na, b, nb, threshold, r);
}
