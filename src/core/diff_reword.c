/*
 * diff_reword.c: phases 3 and 4 of the differ (diff_internal.h): what
 * changed inside the pairs the match made of claims of other words.
 *
 * Word-diff. Each rewording (a claim paired with one of other words, not
 * in a split or a merge) gets a word-level diff (worddiff.c), unless the
 * word counts multiply past the budget, which the change then says.
 *
 * Classify. Each rewording, split and merge is editorial when the words
 * are the same one for one but for case, punctuation or a typo (at most
 * two letters apart in a word of four letters or more, no digit), and
 * factual when a negation was added or dropped, or a number or a name (a
 * capitalised word not opening the sentence) is on one side only. A split
 * or merge is classified on the joined texts of its several claims.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff_internal.h"
#include "scan.h"

/* 3. Word-diff ------------------------------------------------------------ */

int pd_diff_word_diff(differ *df)
{
	const side *a = df->a, *b = df->b;
	size_t budget = df->o->word_budget ? df->o->word_budget
					   : DEFAULT_BUDGET;
	size_t i, n = 0;

	for (i = 0; i < b->nclaims; i++)
		n += pd_diff_reworded(df, i) >= 0;
	df->rw = pd_arena_calloc(df->scratch, n + 1, sizeof(*df->rw));
	if (!df->rw)
		return PD_ENOMEM;
	for (i = 0; i < b->nclaims; i++) {
		long ai = pd_diff_reworded(df, i);
		const claim *ca, *cb = &b->claims[i];
		rewording *rw;

		if (ai < 0)
			continue;
		ca = &a->claims[ai];
		rw = &df->rw[df->nrw++];
		rw->b = i;
		rw->a = ai;
		if (pd_worddiff(df->d->arena, ca->plain, ca->plen, cb->plain,
				cb->plen, budget, &rw->words, &rw->nwords,
				&rw->budget_cut) < 0)
			return PD_ENOMEM;
	}
	return 0;
}

/* 4. Classify ------------------------------------------------------------- */

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

/* Whether a rewording of x into y is editorial or factual (at most one
 * of the two). */
static void classify(const char *x, size_t nx, const char *y, size_t ny,
		     bool *editorial, bool *factual)
{
	wspan wa[MAX_WORDS], wb[MAX_WORDS];
	size_t na = split_words(x, nx, wa, MAX_WORDS);
	size_t nb = split_words(y, ny, wb, MAX_WORDS);
	size_t i, j;
	bool spelling = na == nb;
	int neg = 0;

	*editorial = *factual = false;
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
		*editorial = true;
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
		*factual = true;
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
			*factual = true;
			return;
		}
	}
}

/* The claims' texts joined as one, each after the first lower-cased at
 * its start ("... in place. There is" reads "... in place. there is"),
 * so that classify() sees the words, not the sentence breaks. In df->tmp
 * (borrowed); NULL when out of memory. */
static const char *joined_text(differ *df, const side *sd, const joining *jn,
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
	return t->ptr;
}

/* A split (one claim of a, several of b) or a merge, classified on the
 * joined texts of its several claims. */
static int classify_joining(differ *df, joining *jn, bool split)
{
	const side *one = split ? df->a : df->b, *many = split ? df->b : df->a;
	const claim *c1 = &one->claims[jn->one];
	const char *joined;
	size_t jl;

	if (!(joined = joined_text(df, many, jn, &jl)))
		return PD_ENOMEM;
	if (split)
		classify(c1->plain, c1->plen, joined, jl, &jn->editorial,
			 &jn->factual);
	else
		classify(joined, jl, c1->plain, c1->plen, &jn->editorial,
			 &jn->factual);
	return 0;
}

int pd_diff_classify(differ *df)
{
	size_t k;
	int err;

	for (k = 0; k < df->nrw; k++) {
		rewording *rw = &df->rw[k];
		const claim *ca = &df->a->claims[rw->a];
		const claim *cb = &df->b->claims[rw->b];

		classify(ca->plain, ca->plen, cb->plain, cb->plen,
			 &rw->editorial, &rw->factual);
	}
	for (k = 0; k < df->nsplits; k++)
		if ((err = classify_joining(df, &df->splits[k], true)) < 0)
			return err;
	for (k = 0; k < df->nmerges; k++)
		if ((err = classify_joining(df, &df->merges[k], false)) < 0)
			return err;
	return 0;
}
