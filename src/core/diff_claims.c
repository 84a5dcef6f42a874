/*
 * diff_claims.c: claims paired (align.c), classified and emitted: added,
 * removed, reworded (with a word diff), moved (to another section, or out
 * of order to another paragraph), split or merged, re-sourced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"
#include "scan.h"

static bool is_digit_run(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return true;
	return false;
}

static size_t levenshtein2(const char *x, size_t nx, const char *y, size_t ny)
{
	/* bounded: the caller only cares whether it is at most 2 */
	size_t i, j, prev[64], cur[64];

	if (nx >= 63 || ny >= 63)
		return 99;
	if (nx > ny + 2 || ny > nx + 2)
		return 99;
	for (j = 0; j <= ny; j++)
		prev[j] = j;
	for (i = 1; i <= nx; i++) {
		cur[0] = i;
		for (j = 1; j <= ny; j++) {
			size_t sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (ny + 1) * sizeof(*prev));
	}
	return prev[ny];
}

/* The words of a text as (start, length) in its normal form. */
typedef struct wspan {
	size_t s, n;
	bool cap;   /* starts with a capital in the original */
} wspan;

static size_t split_words(const char *t, size_t len, wspan *out, size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t s;

		while (i < len && !scan_is_word_byte((unsigned char)t[i]))
			i++;
		s = i;
		while (i < len && scan_is_word_byte((unsigned char)t[i]))
			i++;
		if (i > s) {
			out[n].s = s;
			out[n].n = i - s;
			out[n].cap = t[s] >= 'A' && t[s] <= 'Z';
			n++;
		}
	}
	return n;
}

static const char *const negations[] = {"not",	   "no",      "never",
					"none",	   "nor",     "neither",
					"without", "cannot",  "nothing",
					"nobody",  "nowhere", NULL};

static bool word_in(const char *w, size_t n, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return true;
	return false;
}

#define MAX_WORDS 512

/* Sets the editorial and factual flags of a rewording. */
static void classify(pd_change *c, const char *x, size_t nx, const char *y,
		     size_t ny)
{
	wspan wa[MAX_WORDS], wb[MAX_WORDS];
	size_t na = split_words(x, nx, wa, MAX_WORDS);
	size_t nb = split_words(y, ny, wb, MAX_WORDS);
	size_t i, j;
	bool spelling = na == nb;
	int neg = 0;

	/* the same words, one by one, differing at most by a typo */
	for (i = 0; spelling && i < na; i++) {
		const char *p = x + wa[i].s, *q = y + wb[i].s;
		size_t k;
		bool same = wa[i].n == wb[i].n;

		for (k = 0; same && k < wa[i].n; k++)
			if ((p[k] | 0x20) != (q[k] | 0x20))
				same = false;
		if (same)
			continue;
		if (is_digit_run(p, wa[i].n) || is_digit_run(q, wb[i].n) ||
		    wa[i].n < 4 || wb[i].n < 4 ||
		    levenshtein2(p, wa[i].n, q, wb[i].n) > 2)
			spelling = false;
	}
	if (spelling) {
		c->editorial = true;
		return;
	}
	/* numbers, negations, names: compared as multisets by counting
	 * matches both ways */
	for (i = 0; i < na; i++)
		if (word_in(x + wa[i].s, wa[i].n, negations))
			neg++;
	for (i = 0; i < nb; i++)
		if (word_in(y + wb[i].s, wb[i].n, negations))
			neg--;
	if (neg) {
		c->factual = true;
		return;
	}
	for (i = 0; i < na + nb; i++) {
		const wspan *w = i < na ? &wa[i] : &wb[i - na];
		const char *t = i < na ? x : y;
		const wspan *other = i < na ? wb : wa;
		const char *ot = i < na ? y : x;
		size_t on = i < na ? nb : na;
		bool number = is_digit_run(t + w->s, w->n);
		bool name = w->cap && !(i == 0 || i == na);
		bool found = false;

		if (!number && !name)
			continue;
		for (j = 0; j < on && !found; j++)
			if (other[j].n == w->n &&
			    memcmp(ot + other[j].s, t + w->s, w->n) == 0)
				found = true;
		if (!found) {
			c->factual = true;
			return;
		}
	}
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return (a > b) - (a < b);
}

/* For each paragraph of `from`, the paragraph of `to` where most of its
 * paired claims went (the first such on a tie), or -1; claims that went
 * to another section do not count. Claims come in paragraph order, so one
 * pass with a sort per paragraph does it. */
static long *best_paragraphs(differ *df, const side *from, const side *to,
			     const long *peer)
{
	long *best = pd_arena_alloc(df->scratch,
				    (from->nparas + 1) * sizeof(*best));
	size_t *v = pd_arena_alloc(df->scratch,
				   (from->nclaims + 1) * sizeof(*v));
	size_t i = 0, p;

	if (!best || !v)
		return NULL;
	for (p = 0; p < from->nparas; p++)
		best[p] = -1;
	while (i < from->nclaims) {
		size_t para = from->claims[i].para, n = 0, k, run, top = 0;

		for (; i < from->nclaims && from->claims[i].para == para; i++)
			if (from->claims[i].fp && peer[i] >= 0 &&
			    from->secs[from->claims[i].section].peer ==
				    (long)to->claims[peer[i]].section)
				v[n++] = to->claims[peer[i]].para;
		if (!n)
			continue;
		qsort(v, n, sizeof(*v), cmp_size);
		for (k = 0; k < n; k += run) {
			for (run = 1; k + run < n && v[k + run] == v[k]; run++)
				;
			if (run > top) {
				top = run;
				best[para] = (long)v[k];
			}
		}
	}
	return best;
}

/* Paragraphs pair when each is where most of the other's claims went: a
 * claim whose paragraph's peer is not the paragraph it is in now changed
 * paragraph, and was moved when it also left the order of its section
 * (in_order). Inserting or dropping a paragraph, or a paragraph break,
 * moves nothing. *peer_b
 * gets, per paragraph of b, its peer in a or -1. */
static int pair_paragraphs(differ *df, const align_result *r, long **peer_b)
{
	long *ba = best_paragraphs(df, df->b, df->a, r->b_to_a);
	long *ab = best_paragraphs(df, df->a, df->b, r->a_to_b);
	size_t p;

	if (!ba || !ab)
		return PD_ENOMEM;
	for (p = 0; p < df->b->nparas; p++)
		if (ba[p] >= 0 && ab[ba[p]] != (long)p)
			ba[p] = -1;
	*peer_b = ba;
	return 0;
}

/* Which claims of b keep their order: the longest run, in b's order, of
 * claims paired within their section whose partners in a rise too
 * (patience sorting, O(n log n)). A claim outside it was moved; one inside
 * it that changed paragraph only had a paragraph break put before or
 * after it. Returns per b claim true or false, or NULL. */
static bool *in_order(differ *df, const align_result *r)
{
	const side *a = df->a, *b = df->b;
	size_t n = b->nclaims, len = 0, i, *tail, *idx;
	long *prev;
	bool *keep = pd_arena_calloc(df->scratch, n + 1, sizeof(*keep));

	tail = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*tail));
	idx = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*idx));
	prev = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*prev));
	if (!keep || !tail || !idx || !prev)
		return NULL;
	/* tail[k]: the a index ending the best run of length k + 1;
	 * idx[k]: its b claim */
	for (i = 0; i < n; i++) {
		long ai = r->b_to_a[i];
		size_t lo = 0, hi = len;

		prev[i] = -1;
		if (!b->claims[i].fp || ai < 0 ||
		    a->secs[a->claims[ai].section].peer !=
			    (long)b->claims[i].section)
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (tail[mid] < (size_t)ai)
				lo = mid + 1;
			else
				hi = mid;
		}
		tail[lo] = (size_t)ai;
		idx[lo] = i;
		prev[i] = lo ? (long)idx[lo - 1] : -1;
		if (lo == len)
			len++;
	}
	if (len) {
		long k = (long)idx[len - 1];

		for (; k >= 0; k = prev[k])
			keep[k] = true;
	}
	return keep;
}

/* Splits and merges -------------------------------------------------------
 *
 * A sentence cut in two leaves one half paired (as a rewording) and the
 * other unpaired; two sentences joined leave one paired and the other
 * unpaired. The evidence is clear when the paired claim with its unpaired
 * neighbours in the same paragraph matches its partner far better than it
 * alone does: then the pair is a split (or a merge) of those claims. */

#define SPLIT_MIN 0.8     /* the joined claims' similarity to the other */
#define SPLIT_GAIN 0.1    /* ... and how much better than the pair alone */
#define SPLIT_PARTS 4     /* at most this many claims joined */

typedef struct joining {
	long one;              /* the claim on the side of one claim */
	size_t many[SPLIT_PARTS]; /* the claims on the other side, in order */
	size_t n;
} joining;

/* tok(x) and tok(y) merged, both sorted: the words of the two claims. */
static uint32_t *join_words(differ *df, const uint32_t *x, size_t nx,
			    const uint32_t *y, size_t ny)
{
	uint32_t *v = pd_arena_alloc(df->scratch, (nx + ny + 1) * sizeof(*v));
	size_t i = 0, j = 0, k = 0;

	if (!v)
		return NULL;
	while (i < nx || j < ny)
		v[k++] = j >= ny || (i < nx && x[i] <= y[j]) ? x[i++] : y[j++];
	return v;
}

/* Grows the run around claim k of `many` (paired with `one` of the other
 * side, similarity sim) with its unpaired neighbours of the same paragraph
 * while that brings the joined words nearer to `one`'s. Returns 1 with
 * *out filled when the run makes a split or merge, 0 otherwise, or
 * PD_ENOMEM. */
static int grow_joining(differ *df, const side *many, const long *peer,
			const claim *one, size_t k, double sim, joining *out)
{
	size_t lo = k, hi = k, ntok = many->claims[k].ntok;
	const uint32_t *tok = many->claims[k].tok;
	double best = sim;

	for (;;) {
		size_t cand[2], nc = 0, c;
		bool grew = false;

		if (lo > 0 && peer[lo - 1] < 0 && many->claims[lo - 1].fp &&
		    many->claims[lo - 1].para == many->claims[k].para)
			cand[nc++] = lo - 1;
		if (hi + 1 < many->nclaims && peer[hi + 1] < 0 &&
		    many->claims[hi + 1].fp &&
		    many->claims[hi + 1].para == many->claims[k].para)
			cand[nc++] = hi + 1;
		for (c = 0; c < nc && hi - lo + 1 < SPLIT_PARTS; c++) {
			const claim *n = &many->claims[cand[c]];
			uint32_t *j = join_words(df, tok, ntok, n->tok, n->ntok);
			double s;

			if (!j)
				return PD_ENOMEM;
			s = align_dice(j, ntok + n->ntok, one->tok, one->ntok);
			if (s >= best + SPLIT_GAIN / 2) {
				tok = j;
				ntok += n->ntok;
				best = s;
				if (cand[c] < lo)
					lo = cand[c];
				else
					hi = cand[c];
				grew = true;
				break;
			}
		}
		if (!grew)
			break;
	}
	if (lo == hi || best < SPLIT_MIN || best < sim + SPLIT_GAIN)
		return 0;
	out->n = 0;
	for (k = lo; k <= hi; k++)
		out->many[out->n++] = k;
	return 1;
}

/* The joinings of claims of `many` around one claim paired with `one`
 * (peer: many's pairs; sim: the pairs' similarities, indexed on a's side):
 * each is added to *v, and the claims of `many` it takes are marked in
 * mark_many (1 + its index). A claim of `one` already taken (mark_one, when
 * not NULL) is passed over. Returns 0 or PD_ENOMEM. */
static int joinings_of(differ *df, const side *many, const side *one,
		       const long *peer, const double *sim,
		       const size_t *mark_one, size_t *mark_many, joining **v,
		       size_t *n)
{
	size_t i, k, cap = 0;
	int found;

	for (i = 0; i < many->nclaims; i++) {
		long o = peer[i];
		joining jn;

		if (o < 0 || mark_many[i] || (mark_one && mark_one[o]) ||
		    one->claims[o].fp == many->claims[i].fp)
			continue;
		/* the similarity is kept per claim of a */
		found = grow_joining(df, many, peer, &one->claims[o], i,
				     sim[many == df->a ? (long)i : o], &jn);
		if (found < 0)
			return found;
		if (!found)
			continue;
		jn.one = o;
		if (*n == cap) {
			joining *g = pd_arena_grow_array(df->scratch, *v, &cap,
							 sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			*v = g;
		}
		(*v)[(*n)++] = jn;
		for (k = 0; k < jn.n; k++)
			mark_many[jn.many[k]] = *n;
	}
	return 0;
}

/* The splits (a claim of a into several of b) and merges (several of a
 * into one of b) of the diff. joined_b[i] / joined_a[k] mark the claims
 * they take: 1 + the joining's index. */
static int find_joinings(differ *df, const align_result *r, joining **splits,
			 size_t *nsplits, joining **merges, size_t *nmerges,
			 size_t **joined_a, size_t **joined_b)
{
	const side *a = df->a, *b = df->b;
	size_t *ja = pd_arena_calloc(df->scratch, a->nclaims + 1, sizeof(*ja));
	size_t *jb = pd_arena_calloc(df->scratch, b->nclaims + 1, sizeof(*jb));
	int err;

	*splits = *merges = NULL;
	*nsplits = *nmerges = 0;
	if (!ja || !jb)
		return PD_ENOMEM;
	/* splits: a b claim reworded from a, unpaired b claims beside it;
	 * merges: an a claim reworded into b, unpaired a claims beside it */
	if ((err = joinings_of(df, b, a, r->b_to_a, r->sim, NULL, jb, splits,
			       nsplits)) < 0 ||
	    (err = joinings_of(df, a, b, r->a_to_b, r->sim, jb, ja, merges,
			       nmerges)) < 0)
		return err;
	*joined_a = ja;
	*joined_b = jb;
	return 0;
}

/* The claims' texts joined as one, each after the first lower-cased at
 * its start ("... in place. There is" reads "... in place. there is"),
 * so that classify() sees the words, not the sentence breaks. */
static char *joined_text(differ *df, const side *sd, const joining *jn,
			 size_t *len)
{
	pd_buf *t = &df->tmp;
	size_t k;

	pd_buf_clear(t);
	for (k = 0; k < jn->n; k++) {
		const claim *c = &sd->claims[jn->many[k]];
		size_t at = t->len;

		if (k)
			pd_buf_putc(t, ' ');
		pd_buf_put(t, c->plain, c->plen);
		if (k && t->len > at + 1 && t->ptr[at + 1] >= 'A' &&
		    t->ptr[at + 1] <= 'Z')
			t->ptr[at + 1] = (char)(t->ptr[at + 1] + 32);
	}
	if (pd_buf_ok(t) < 0)
		return NULL;
	*len = t->len;
	return pd_arena_strndup(df->scratch, t->ptr, t->len);
}

static int emit_joining(differ *df, const joining *jn, bool split)
{
	const side *one = split ? df->a : df->b, *many = split ? df->b : df->a;
	const claim *c1 = &one->claims[jn->one];
	const char *sec = df->b->secs[(split ? many->claims[jn->many[0]]
					     : *c1).section].path;
	pd_change *c = df_add(df, split ? PD_CHANGE_CLAIM_SPLIT
				     : PD_CHANGE_CLAIM_MERGED,
			   sec);
	size_t k, jl;
	char *joined;

	if (!c)
		return PD_ENOMEM;
	c->match = "similar";
	c->parts = pd_arena_alloc(df->d->arena, jn->n * sizeof(*c->parts));
	if (!c->parts)
		return PD_ENOMEM;
	for (k = 0; k < jn->n; k++) {
		const claim *p = &many->claims[jn->many[k]];

		if (!(c->parts[k] = df_dupn(df, p->plain, p->plen)))
			return PD_ENOMEM;
	}
	c->nparts = jn->n;
	if (split)
		c->from = df_dupn(df, c1->plain, c1->plen);
	else
		c->to = df_dupn(df, c1->plain, c1->plen);
	if (!(joined = joined_text(df, many, jn, &jl)))
		return PD_ENOMEM;
	if (split)
		classify(c, c1->plain, c1->plen, joined, jl);
	else
		classify(c, joined, jl, c1->plain, c1->plen);
	return 0;
}

/* A link's own part: the claim's text, section and sources. */
static int link_claim(differ *df, pd_claim_link *lk, const claim *cb,
		      const char *sec)
{
	lk->from = -1;
	if (!(lk->section = df_dup(df, sec)))
		return PD_ENOMEM;
	if (!cb->fp)
		return 0;
	if (!(lk->text = df_dupn(df, cb->plain, cb->plen)))
		return PD_ENOMEM;
	return df_source_list(df, cb->src, cb->nsrc, &lk->sources,
			      &lk->nsources) < 0
		       ? PD_ENOMEM
		       : 0;
}

/* A claim several of a were merged into: it comes from the one paired
 * with it, and the others are merged in. */
static int link_merge(differ *df, pd_claim_link *lk, const joining *jn,
		      long ai)
{
	long *v = pd_arena_alloc(df->d->arena, (jn->n + 1) * sizeof(*v));
	size_t k, n = 0;

	if (!v)
		return PD_ENOMEM;
	for (k = 0; k < jn->n; k++)
		if ((long)jn->many[k] != ai)
			v[n++] = (long)jn->many[k];
	lk->from = ai;
	lk->merged = v;
	lk->nmerged = n;
	lk->how = PD_LINK_MERGED | PD_LINK_REWORDED;
	lk->substantive = true;
	return 0;
}

int diff_emit_claims(differ *df, const align_result *r)
{
	side *a = df->a, *b = df->b;
	size_t i, k;
	pd_change *c;
	size_t budget = df->o->word_budget ? df->o->word_budget
					   : DEFAULT_BUDGET;
	long *para_peer;
	bool *kept_order;
	joining *splits, *merges;
	size_t nsplits, nmerges, *joined_a, *joined_b;
	int err;

	if ((err = pair_paragraphs(df, r, &para_peer)) < 0)
		return err;
	if (!(kept_order = in_order(df, r)))
		return PD_ENOMEM;
	if ((err = find_joinings(df, r, &splits, &nsplits, &merges, &nmerges,
				 &joined_a, &joined_b)) < 0)
		return err;

	if (df->o->links) {
		df->d->links = pd_arena_calloc(df->d->arena, b->nclaims + 1,
					       sizeof(*df->d->links));
		if (!df->d->links)
			return PD_ENOMEM;
		df->d->nlinks = b->nclaims;
	}
	for (i = 0; i < b->nclaims; i++) {
		const claim *cb = &b->claims[i], *ca;
		long ai = r->b_to_a[i];
		const char *sec = b->secs[cb->section].path;
		size_t ka, kb, nadd = 0, nrem = 0;
		const pd_source **addv, **remv;
		pd_claim_link *lk = df->d->links ? &df->d->links[i] : NULL;

		if (lk && (err = link_claim(df, lk, cb, sec)) < 0)
			return err;
		if (!cb->fp)
			continue;
		if (joined_b[i]) {
			/* a part of a split: the split, at its first part */
			const joining *jn = &splits[joined_b[i] - 1];

			if (lk) {
				lk->from = jn->one;
				lk->how = PD_LINK_SPLIT | PD_LINK_REWORDED;
				lk->substantive = true;
			}
			if (jn->many[0] == i &&
			    (err = emit_joining(df, jn, true)) < 0)
				return err;
			continue;
		}
		if (ai >= 0 && joined_a[ai]) {
			/* the claim several of a were merged into */
			const joining *jn = &merges[joined_a[ai] - 1];

			if (lk && (err = link_merge(df, lk, jn, ai)) < 0)
				return err;
			if ((err = emit_joining(df, jn, false)) < 0)
				return err;
			continue;
		}
		if (lk)
			lk->from = ai;
		if (ai < 0) {
			if (!(c = df_add(df, PD_CHANGE_CLAIM_ADDED, sec)))
				return PD_ENOMEM;
			c->text = df_dupn(df, cb->plain, cb->plen);
			if (df_source_list(df, cb->src, cb->nsrc, &c->sources,
					&c->nsources) < 0)
				return PD_ENOMEM;
			continue;
		}
		ca = &a->claims[ai];
		if (ca->fp != cb->fp) {
			if (!(c = df_add(df, PD_CHANGE_CLAIM_REWORDED, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_SOURCE ? "source"
							      : "similar";
			c->from = df_dupn(df, ca->plain, ca->plen);
			c->to = df_dupn(df, cb->plain, cb->plen);
			c->similarity = r->sim[ai];
			if (pd_worddiff(df->d->arena, ca->plain, ca->plen,
					cb->plain, cb->plen, budget, &c->words,
					&c->nwords, &c->budget_cut) < 0)
				return PD_ENOMEM;
			classify(c, ca->plain, ca->plen, cb->plain, cb->plen);
			if (lk) {
				lk->how |= PD_LINK_REWORDED |
					   (c->editorial ? PD_LINK_EDITORIAL : 0) |
					   (c->factual ? PD_LINK_FACTUAL : 0);
				lk->substantive |= !c->editorial;
			}
		}
		if (a->secs[ca->section].peer != (long)cb->section ||
		    (para_peer[cb->para] != (long)ca->para && !kept_order[i])) {
			/* to another section, or to another paragraph of its
			 * section (which changes nothing a reader is told:
			 * editorial) */
			if (!(c = df_add(df, PD_CHANGE_CLAIM_MOVED, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_EXACT ? "exact" : "similar";
			c->text = df_dupn(df, cb->plain, cb->plen);
			c->from = df_dup(df, a->secs[ca->section].path);
			c->to = df_dup(df, sec);
			c->from_paragraph = ca->para_in_sec;
			c->to_paragraph = cb->para_in_sec;
			c->editorial = a->secs[ca->section].peer ==
				       (long)cb->section;
			if (lk && !c->editorial) {
				lk->how |= PD_LINK_MOVED;
				lk->substantive = true;
			}
		}
		/* sources, with a's keys seen through source pairs */
		addv = pd_arena_calloc(df->scratch, cb->nsrc + 1, sizeof(*addv));
		remv = pd_arena_calloc(df->scratch, ca->nsrc + 1, sizeof(*remv));
		if (!addv || !remv)
			return PD_ENOMEM;
		for (kb = 0; kb < cb->nsrc; kb++) {
			bool found = false;

			for (ka = 0; ka < ca->nsrc && !found; ka++)
				found = diff_mapped_key(df, ca->src[ka]) ==
					cb->src[kb]->key;
			if (!found)
				addv[nadd++] = cb->src[kb];
		}
		for (ka = 0; ka < ca->nsrc; ka++) {
			bool found = false;
			uint64_t key = diff_mapped_key(df, ca->src[ka]);

			for (kb = 0; kb < cb->nsrc && !found; kb++)
				found = key == cb->src[kb]->key;
			if (!found)
				remv[nrem++] = ca->src[ka];
		}
		if (nadd || nrem) {
			if (lk) {
				lk->how |= PD_LINK_SOURCES;
				lk->substantive = true;
			}
			if (!(c = df_add(df, PD_CHANGE_CLAIM_SOURCES, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_EXACT ? "exact" : "similar";
			c->text = df_dupn(df, cb->plain, cb->plen);
			if (df_source_list(df, addv, nadd, &c->sources,
					&c->nsources) < 0 ||
			    df_source_list(df, remv, nrem, &c->removed,
					&c->nremoved) < 0)
				return PD_ENOMEM;
		}
	}
	for (k = 0; k < a->nclaims; k++) {
		const claim *ca = &a->claims[k];

		if (!ca->fp || r->a_to_b[k] >= 0 || joined_a[k])
			continue;
		if (!(c = df_add(df, PD_CHANGE_CLAIM_REMOVED,
			      a->secs[ca->section].path)))
			return PD_ENOMEM;
		c->text = df_dupn(df, ca->plain, ca->plen);
		if (df_source_list(df, ca->src, ca->nsrc, &c->sources,
				&c->nsources) < 0)
			return PD_ENOMEM;
	}
	return 0;
}

int diff_align(differ *df, align_result *r)
{
	side *a = df->a, *b = df->b;
	align_item *ia = pd_arena_calloc(df->scratch, a->nclaims + 1,
					 sizeof(*ia));
	align_item *ib = pd_arena_calloc(df->scratch, b->nclaims + 1,
					 sizeof(*ib));
	size_t i;

	if (!ia || !ib)
		return PD_ENOMEM;
	for (i = 0; i < a->nclaims; i++) {
		const claim *c = &a->claims[i];
		long peer = a->secs[c->section].peer;

		ia[i].fp = c->fp;
		ia[i].tok = c->tok;
		ia[i].ntok = c->ntok;
		/* groups on b's numbering; a section with no peer gets a
		 * group no b claim has */
		ia[i].group = peer >= 0 ? (size_t)peer : b->nsecs + c->section;
		ia[i].src = c->src_hash;
	}
	for (i = 0; i < b->nclaims; i++) {
		const claim *c = &b->claims[i];

		ib[i].fp = c->fp;
		ib[i].tok = c->tok;
		ib[i].ntok = c->ntok;
		ib[i].group = c->section;
		ib[i].src = c->src_hash;
	}
	/* claims with no text (markers only) take no part: fp 0 never
	 * equals a real fingerprint, and they have no words */
	return align_claims(df->scratch, ia, a->nclaims, ib, b->nclaims,
			    df->o->threshold > 0 ? df->o->threshold
						 : DEFAULT_THRESHOLD,
			    r);
}
