/*
 * renumber.c: footnotes renumbered in order of first citation
 * (renumber.h).
 *
 * The footnotes are first read as sources (citations.c), which says which
 * ones hold an ibid and which cross-references resolve. Then:
 *
 *  1. Chains. A footnote holding an ibid stands for the sources of the
 *     footnote numbered one less, so it is chained to it: a chain is a
 *     footnote and the ibid footnotes that follow it, and moves as one.
 *  2. Fixed chains. A chain holding a footnote whose ibid or
 *     cross-reference the resolver found wrong (it points at nothing, at a
 *     later footnote, or names no source of its footnote) keeps its place
 *     in the list: what such a reference falls back to depends on which
 *     footnotes come before it, and lint reports it; both must stay as
 *     they are. So does a chain holding a footnote of
 *     `footnotes_cited_elsewhere`: the parts of the page that cite it,
 *     which the profile does not hold, print its number. The fixed chains
 *     cut the list into stretches.
 *  3. Order. Within each stretch, the chains are put in order of the
 *     first citation of any of their footnotes, reading the paragraphs as
 *     the page shows them (a section's paragraphs, then its subsections);
 *     chains no marker cites follow, in their order. A chain that a
 *     resolved cross-reference "(n X)" depends on must come first: the
 *     order is a topological sort (Kahn's, the ready chain of least rank
 *     first, from a binary heap), and since every such dependency points
 *     backwards in the old order, there is always one.
 *  4. Numbers. Footnotes are numbered 1, 2, ... in the new order, but an
 *     ibid without antecedent keeps a gap before it. Any other number met
 *     (a dangling marker, a `cite:` or `lint.ignore` entry or a
 *     cross-reference naming no footnote) takes the next number after the
 *     last footnote, in the order met: it still names no footnote.
 *  5. Checking: the footnotes are resolved again as they would be
 *     numbered; where one would stand for other sources (a broken
 *     reference falls back to the closest earlier source it names, and
 *     which is closest can change), its stretch keeps its old order and
 *     the order is made again.
 *  6. Rewriting: markers keep their form ("[3][4]", "[3, 4]"; a range
 *     stays a range when its numbers are still consecutive, else becomes a
 *     list), cross-references their text but the number.
 *
 * Each step is linear but for the heap (n log n in the chains); nothing
 * depends on the order of a hash table. Applied to its own result, every
 * step gives the same order again, so renumbering twice changes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/buf.h"
#include "profdiff/citations.h"
#include "profdiff/markers.h"
#include "profdiff/renumber.h"
#include "grow.h"
#include "sort.h"

#define NO_RANK UINT32_MAX

typedef struct ren {
	pd_profile *p;
	pd_arena *tmp;
	pd_citations cit;
	size_t nf;
	uint32_t *rank;    /* per footnote: its first citation, or NO_RANK */
	bool *fixed;       /* per footnote: a reference resolved wrong */
	bool *gap;         /* per footnote: an ibid without antecedent */
	bool *link;        /* per footnote: an ibid of the one before */
	size_t *chain;     /* per footnote: the index of its chain's head */
	size_t *order;     /* footnote indices in the new order */
	uint32_t *to;      /* per footnote: its new number */
	uint32_t *fresh;   /* per number 0..PD_MAX_FOOTNOTE naming no
			    * footnote: its new number, 0 until met */
	uint32_t next;     /* the next fresh number */
	bool overflow;
	bool changed;
	pd_buf b;
} ren;

/* Reading -------------------------------------------------------------------- */

static long index_of(const ren *r, uint32_t n)
{
	const pd_footnote *f = pd_profile_footnote(r->p, n);

	return f ? (long)(f - r->p->footnotes) : -1;
}

typedef struct rank_ctx {
	ren *r;
	uint32_t next;
} rank_ctx;

static int rank_text(rank_ctx *c, const char *s, size_t len)
{
	pd_marker *m;
	size_t nm, i, k;
	int err;

	if ((err = pd_markers(c->r->tmp, s, len, &m, &nm)) < 0)
		return err;
	for (i = 0; i < nm; i++)
		for (k = 0; k < m[i].nnumbers; k++) {
			long ix = index_of(c->r, m[i].numbers[k]);

			if (ix >= 0 && c->r->rank[ix] == NO_RANK)
				c->r->rank[ix] = c->next++;
		}
	return 0;
}

static int rank_sections(rank_ctx *c, const pd_section *s, size_t n)
{
	size_t i, k;
	int err;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s[i].nparagraphs; k++)
			if ((err = rank_text(c, s[i].paragraphs[k].text,
					     s[i].paragraphs[k].len)) < 0)
				return err;
		if ((err = rank_sections(c, s[i].sections, s[i].nsections)) < 0)
			return err;
	}
	return 0;
}

/* Which footnotes an ibid chains, and which references resolved wrong. */
static void mark_problems(ren *r)
{
	size_t i, k;

	for (i = 0; i < r->nf; i++) {
		const pd_note_sources *n = &r->cit.notes[i];

		for (k = 0; k < n->nsources; k++)
			if (n->sources[k].kind == PD_SOURCE_IBID)
				r->link[i] = true;
	}
	for (k = 0; k < r->cit.nproblems; k++) {
		const pd_cite_problem *pr = &r->cit.problems[k];
		long ix = index_of(r, pr->source->footnote);

		if (ix < 0)
			continue;
		r->fixed[ix] = true;
		if (pr->kind == PD_CITE_IBID_FIRST ||
		    pr->kind == PD_CITE_IBID_GAP) {
			r->gap[ix] = true;
			r->link[ix] = false;
		}
	}
	/* a footnote cited on other parts of the page keeps its number,
	 * which those parts print */
	for (k = 0; k < r->p->ncited_elsewhere; k++) {
		const pd_footnote_range *g = &r->p->cited_elsewhere[k];
		uint32_t last = r->nf ? r->p->footnotes[r->nf - 1].number : 0;
		uint32_t x;

		for (x = g->lo; x && x <= g->hi && x <= last; x++) {
			long ix = index_of(r, x);

			if (ix >= 0)
				r->fixed[ix] = true;
		}
	}
	for (i = 0; i < r->nf; i++)
		r->chain[i] = r->link[i] && i > 0 ? r->chain[i - 1] : i;
	/* a chain holding a fixed footnote is fixed whole */
	for (i = 0; i < r->nf; i++)
		if (r->fixed[i])
			r->fixed[r->chain[i]] = true;
	for (i = 0; i < r->nf; i++)
		r->fixed[i] = r->fixed[r->chain[i]];
}

/* Ordering ------------------------------------------------------------------ */

/* The chain each resolved cross-reference of footnote i depends on,
 * through `fn`: the dependencies of the order. A reference resolved
 * wrong made its footnote fixed; one within the chain is met by the
 * chain's own order. */
static void each_dep(const ren *r, size_t i,
		     void (*fn)(void *ctx, size_t on, size_t chain), void *ctx)
{
	const pd_note_sources *n = &r->cit.notes[i];
	size_t k;

	for (k = 0; k < n->nsources; k++) {
		const pd_source *s = &n->sources[k];
		long t;

		if (s->kind != PD_SOURCE_XREF ||
		    s->ref >= r->p->footnotes[i].number)
			continue;
		t = index_of(r, s->ref);
		if (t >= 0 && r->chain[t] != r->chain[i])
			fn(ctx, r->chain[t], r->chain[i]);
	}
}

/* A chain with its rank, sorted by rank (first citation), then place. */
typedef struct ranked {
	uint32_t key;
	size_t c;
} ranked;

static int ranked_cmp(const void *x, const void *y)
{
	const ranked *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return (a->c > b->c) - (a->c < b->c);
}

/* What each chain depends on, as adjacency lists (CSR): the chains chain
 * c waits for are on[start[c]..start[c + 1]). */
typedef struct deps {
	size_t *start;
	size_t *fill;
	ranked *on;
	const uint32_t *key;
	bool counting;
} deps;

static void dep_add(void *ctx, size_t on, size_t chain)
{
	deps *d = ctx;

	if (d->counting)
		d->start[chain + 1]++;
	else
		d->on[d->start[chain] + d->fill[chain]++] =
			(ranked){d->key[on], on};
}

static void place_chain(ren *r, size_t c, size_t *at)
{
	size_t i;

	for (i = c; i < r->nf && r->chain[i] == c; i++)
		r->order[(*at)++] = i;
}

/* Orders the chains of footnotes [lo, hi), none fixed, into r->order
 * from *at: each in order of rank, after the chains it depends on that
 * are not placed yet, themselves in order of rank (a depth-first walk on
 * an explicit stack: a long chain of references cannot overflow). */
static void order_stretch(ren *r, size_t lo, size_t hi, size_t *at,
			  const deps *d, ranked *heads, size_t *stack,
			  size_t *next, bool *placed)
{
	size_t nh = 0, i;

	for (i = lo; i < hi; i++)
		if (r->chain[i] == i)
			heads[nh++] = (ranked){d->key[i], i};
	pd_qsort(heads, nh, sizeof(*heads), ranked_cmp);
	for (i = 0; i < nh; i++) {
		size_t top = 0, h = heads[i].c;

		if (placed[h])
			continue;
		placed[h] = true; /* on the stack: as good as placed */
		stack[top++] = h;
		next[h] = d->start[h];
		while (top) {
			size_t c = stack[top - 1];

			if (next[c] < d->start[c + 1]) {
				size_t o = d->on[next[c]++].c;

				/* a chain of this stretch, neither placed
				 * nor on the stack (every dependency points
				 * backwards: no cycle can form) */
				if (o >= lo && !placed[o]) {
					placed[o] = true;
					next[o] = d->start[o];
					stack[top++] = o;
				}
				continue;
			}
			place_chain(r, c, at);
			top--;
		}
	}
}

static int order(ren *r)
{
	uint32_t *key = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*key));
	ranked *heads = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*heads));
	size_t *stack = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*stack));
	size_t *next = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*next));
	bool *placed = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*placed));
	deps d = {0};
	size_t i, at = 0, lo = 0;

	d.start = pd_arena_calloc(r->tmp, r->nf + 2, sizeof(*d.start));
	d.fill = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*d.fill));
	if (!key || !heads || !stack || !next || !placed || !d.start ||
	    !d.fill)
		return pd_error_oom();
	/* a chain's rank: the first citation of any of its footnotes; the
	 * uncited after, by their place */
	for (i = 0; i < r->nf; i++)
		key[i] = NO_RANK;
	for (i = 0; i < r->nf; i++)
		if (r->rank[i] < key[r->chain[i]])
			key[r->chain[i]] = r->rank[i];
	d.key = key;
	d.counting = true;
	for (i = 0; i < r->nf; i++)
		each_dep(r, i, dep_add, &d);
	for (i = 0; i < r->nf; i++)
		d.start[i + 1] += d.start[i];
	d.on = pd_arena_calloc(r->tmp, d.start[r->nf] + 1, sizeof(*d.on));
	if (!d.on)
		return pd_error_oom();
	d.counting = false;
	for (i = 0; i < r->nf; i++)
		each_dep(r, i, dep_add, &d);
	for (i = 0; i < r->nf; i++)
		if (d.start[i + 1] > d.start[i] + 1)
			pd_qsort(d.on + d.start[i], d.start[i + 1] - d.start[i],
			      sizeof(*d.on), ranked_cmp);
	for (i = 0; i <= r->nf; i++) {
		if (i < r->nf && !r->fixed[i])
			continue;
		if (lo < i)
			order_stretch(r, lo, i, &at, &d, heads, stack, next,
				      placed);
		if (i < r->nf)
			r->order[at++] = i;
		lo = i + 1;
	}
	return at == r->nf ? 0 : pd_error_set(PD_EINVALID, NULL, 0, 0,
					      "footnotes lost in renumbering");
}

/* Numbers --------------------------------------------------------------- */

/* The new number of old number n. */
static uint32_t map(ren *r, uint32_t n)
{
	long ix;

	if (n == 0 || n > PD_MAX_FOOTNOTE)
		return n; /* names nothing renumbering could make */
	if ((ix = index_of(r, n)) >= 0)
		return r->to[ix];
	if (!r->fresh[n]) {
		if (r->next > PD_MAX_FOOTNOTE) {
			r->overflow = true;
			return n;
		}
		r->fresh[n] = r->next++;
	}
	return r->fresh[n];
}

static int number(ren *r)
{
	uint32_t n = 0;
	size_t i;

	if (!r->fresh)
		r->fresh = pd_arena_calloc(r->tmp, PD_MAX_FOOTNOTE + 1,
					   sizeof(*r->fresh));
	else
		memset(r->fresh, 0, (PD_MAX_FOOTNOTE + 1) * sizeof(*r->fresh));
	if (!r->fresh)
		return pd_error_oom();
	r->overflow = false;
	for (i = 0; i < r->nf; i++) {
		size_t ix = r->order[i];

		n += r->gap[ix] && i > 0 ? 2 : 1;
		r->to[ix] = n;
	}
	r->next = n + 1;
	if (n > PD_MAX_FOOTNOTE)
		r->overflow = true;
	return 0;
}

/* Rewriting --------------------------------------------------------------- */

static void put_uint(pd_buf *b, uint32_t v)
{
	pd_buf_put_uint(b, v);
}

/* Appends marker m of s (well formed: numbers, ranges and separators),
 * renumbered; the separators as written. */
static void put_marker(ren *r, const char *s, const pd_marker *m)
{
	size_t i = m->start + 1;

	pd_buf_putc(&r->b, '[');
	while (i < m->end - 1) {
		uint32_t a = 0, bnum;
		size_t j = i, d = 0;

		while (s[j] >= '0' && s[j] <= '9')
			a = a * 10 + (uint32_t)(s[j++] - '0');
		if (s[j] == '-')
			d = 1;
		else if ((unsigned char)s[j] == 0xE2)
			d = 3;
		if (d) {
			size_t e = j + d, x;
			bool run = true;

			bnum = 0;
			while (s[e] >= '0' && s[e] <= '9')
				bnum = bnum * 10 + (uint32_t)(s[e++] - '0');
			for (x = 1; x <= bnum - a; x++)
				if (map(r, a + x) != map(r, a) + x)
					run = false;
			if (run) {
				put_uint(&r->b, map(r, a));
				pd_buf_put(&r->b, s + j, d);
				put_uint(&r->b, map(r, bnum));
			} else {
				for (x = 0; x <= bnum - a; x++) {
					if (x)
						pd_buf_puts(&r->b, ", ");
					put_uint(&r->b, map(r, a + (uint32_t)x));
				}
			}
			j = e;
		} else {
			put_uint(&r->b, map(r, a));
		}
		/* the separator as written */
		i = j;
		while (i < m->end - 1 && !(s[i] >= '0' && s[i] <= '9'))
			pd_buf_putc(&r->b, s[i++]);
	}
	pd_buf_putc(&r->b, ']');
}

static bool marker_moves(ren *r, const pd_marker *m)
{
	size_t k;

	for (k = 0; k < m->nnumbers; k++)
		if (map(r, m->numbers[k]) != m->numbers[k])
			return true;
	return false;
}

/* Rewrites a paragraph's markers; the text in the profile's arena. A
 * marker whose numbers stay is left as written. */
static int rewrite_para(ren *r, pd_paragraph *para)
{
	pd_marker *m;
	size_t nm, i, at = 0;
	char *t;
	int err;

	if ((err = pd_markers(r->tmp, para->text, para->len, &m, &nm)) < 0)
		return err;
	pd_buf_clear(&r->b);
	for (i = 0; i < nm; i++) {
		if (m[i].malformed || !marker_moves(r, &m[i]))
			continue;
		pd_buf_put(&r->b, para->text + at, m[i].start - at);
		put_marker(r, para->text, &m[i]);
		at = m[i].end;
	}
	if (at == 0)
		return 0;
	pd_buf_put(&r->b, para->text + at, para->len - at);
	if (pd_buf_ok(&r->b) < 0)
		return PD_ENOMEM;
	if (!(t = pd_arena_strndup(r->p->arena, r->b.ptr, r->b.len)))
		return PD_ENOMEM;
	para->text = t;
	para->len = r->b.len;
	para->segs = NULL; /* positions now of the text as it was */
	para->nsegs = 0;
	r->changed = true;
	return 0;
}

static int rewrite_sections(ren *r, pd_section *s, size_t n)
{
	size_t i, k;
	int err;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s[i].nparagraphs; k++)
			if ((err = rewrite_para(r, &s[i].paragraphs[k])) < 0)
				return err;
		if ((err = rewrite_sections(r, s[i].sections,
					    s[i].nsections)) < 0)
			return err;
	}
	return 0;
}

static void map_list(ren *r, uint32_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t to = map(r, v[i]);

		if (to != v[i])
			r->changed = true;
		v[i] = to;
	}
}

/* Rewrites the number of each cross-reference of footnote i (its digits,
 * where citations.c read them). */
static int xref_text(ren *r, size_t i, pd_arena *into, char **out,
		     size_t *outlen)
{
	const pd_footnote *f = &r->p->footnotes[i];
	const pd_note_sources *n = &r->cit.notes[i];
	size_t k, at = 0;
	bool any = false;

	*out = NULL;
	pd_buf_clear(&r->b);
	for (k = 0; k < n->nsources; k++) {
		const pd_source *s = &n->sources[k];

		if (s->kind != PD_SOURCE_XREF || s->ref_end <= s->ref_start ||
		    map(r, s->ref) == s->ref)
			continue;
		pd_buf_put(&r->b, f->text + at, s->ref_start - at);
		put_uint(&r->b, map(r, s->ref));
		at = s->ref_end;
		any = true;
	}
	if (!any)
		return 0;
	pd_buf_put(&r->b, f->text + at, f->len - at);
	if (pd_buf_ok(&r->b) < 0)
		return PD_ENOMEM;
	if (!(*out = pd_arena_strndup(into, r->b.ptr, r->b.len)))
		return PD_ENOMEM;
	*outlen = r->b.len;
	return 0;
}

static int rewrite_xrefs(ren *r, size_t i)
{
	pd_footnote *f = &r->p->footnotes[i];
	char *t;
	size_t len;
	int err;

	if ((err = xref_text(r, i, r->p->arena, &t, &len)) < 0 || !t)
		return err;
	f->text = t;
	f->len = len;
	f->segs = NULL;
	f->nsegs = 0;
	r->changed = true;
	return 0;
}

/* "footnotes/N..." anchors of comments follow their footnote. */
static int rewrite_anchors(ren *r)
{
	size_t i;

	for (i = 0; i < r->p->ncomments; i++) {
		pd_comment *c = &r->p->comments[i];
		const char *a = c->anchor, *q;
		unsigned long v = 0;
		char *t;

		if (strncmp(a, "footnotes/", 10) != 0)
			continue;
		for (q = a + 10; *q >= '0' && *q <= '9' && v <= PD_MAX_FOOTNOTE;
		     q++)
			v = v * 10 + (unsigned long)(*q - '0');
		if (q == a + 10 || (*q && *q != '/') || v > PD_MAX_FOOTNOTE)
			continue;
		if (map(r, (uint32_t)v) == v)
			continue;
		t = pd_arena_sprintf(r->p->arena, "footnotes/%u%s",
				     (unsigned)map(r, (uint32_t)v), q);
		if (!t)
			return PD_ENOMEM;
		c->anchor = t;
		r->changed = true;
	}
	return 0;
}

/* Checking -------------------------------------------------------------------
 *
 * What an ibid or a cross-reference resolved wrong falls back to can
 * depend on the order of the footnotes before it (the closest earlier
 * source its short form names). So the new order is checked before
 * anything is written: the footnotes are resolved again as they would be
 * numbered and worded, and each must stand for the same sources, with the
 * same problems, as before. Where one does not, its stretch keeps its old
 * order, and the order is made again: at worst every footnote keeps its
 * place, which changes nothing but the numbers' gaps.
 */

static int u32_cmp(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

/* A set of footnotes (lint.ignore's `footnote`, footnotes_cited_elsewhere)
 * renumbered: each number of it that is a footnote, or that a marker, a
 * cite or a cross-reference also gives, takes its new number; the others
 * name nothing and are left out. The new numbers are written again as
 * ranges, in the profile's arena. Linear in the numbers of the set (at
 * most PD_MAX_FOOTNOTE of them) but for the sort of those kept. */
static int set_map(ren *r, pd_footnote_range **set, size_t *count)
{
	pd_footnote_range *out;
	uint32_t *nums;
	size_t i, n = 0, cap = 0, m;
	uint32_t x, to;
	bool same = true;

	if (!*count)
		return 0;
	for (i = 0; i < *count; i++) {
		uint32_t lo = (*set)[i].lo, hi = (*set)[i].hi;

		if (hi > PD_MAX_FOOTNOTE)
			hi = PD_MAX_FOOTNOTE;
		if (lo <= hi)
			cap += (size_t)(hi - lo) + 1;
	}
	if (!(nums = pd_arena_alloc(r->tmp, (cap ? cap : 1) * sizeof(*nums))))
		return pd_error_oom();
	for (i = 0; i < *count; i++) {
		uint32_t lo = (*set)[i].lo, hi = (*set)[i].hi;

		if (hi > PD_MAX_FOOTNOTE)
			hi = PD_MAX_FOOTNOTE;
		for (x = lo; x && x <= hi; x++) {
			if (index_of(r, x) < 0 && !r->fresh[x]) {
				same = false;
				continue;
			}
			if ((nums[n++] = map(r, x)) != x)
				same = false;
		}
	}
	if (same)
		return 0; /* written as the editor wrote it */
	pd_qsort(nums, n, sizeof(*nums), u32_cmp);
	if (!(out = pd_arena_alloc(r->p->arena, (n ? n : 1) * sizeof(*out))))
		return pd_error_oom();
	for (i = 0, m = 0; i < n; i++) {
		to = nums[i];
		if (m && (to == out[m - 1].hi || to == out[m - 1].hi + 1))
			out[m - 1].hi = to;
		else
			out[m++] = (pd_footnote_range){to, to};
	}
	if (m == 0) {
		/* nothing it names exists: kept as it is */
		return 0;
	}
	if (m != *count)
		r->changed = true;
	else
		for (i = 0; i < m; i++)
			if (out[i].lo != (*set)[i].lo || out[i].hi != (*set)[i].hi)
				r->changed = true;
	*set = out;
	*count = m;
	return 0;
}

static int footnote_cmp(const void *x, const void *y);

/* The kinds of problem of each footnote of `p`, by its index, into
 * mask[]. */
static void problems_of(const pd_citations *c, const pd_profile *p,
			unsigned *mask)
{
	size_t k;

	for (k = 0; k < c->nproblems; k++) {
		const pd_footnote *f =
			pd_profile_footnote(p, c->problems[k].source->footnote);

		if (f)
			mask[f - p->footnotes] |= 1u << c->problems[k].kind;
	}
}

/* Whether the new order keeps what every footnote stands for; the index
 * of one that changes in *bad. */
static int check(ren *r, bool *ok, size_t *bad)
{
	pd_profile q = *r->p;
	pd_footnote *fs = pd_arena_alloc(r->tmp, (r->nf + 1) * sizeof(*fs));
	unsigned *was = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*was));
	unsigned *now = pd_arena_calloc(r->tmp, r->nf + 1, sizeof(*now));
	pd_citations c;
	size_t i, k;
	int err;

	*ok = true;
	if (!fs || !was || !now)
		return pd_error_oom();
	for (i = 0; i < r->nf; i++) {
		char *t;
		size_t len;

		fs[i] = r->p->footnotes[i];
		fs[i].number = r->to[i];
		if ((err = xref_text(r, i, r->tmp, &t, &len)) < 0)
			return err;
		if (t) {
			fs[i].text = t;
			fs[i].len = len;
		}
	}
	pd_qsort(fs, r->nf, sizeof(*fs), footnote_cmp);
	q.footnotes = fs;
	if ((err = pd_citations_resolve(r->tmp, &q, &c)) < 0)
		return err;
	problems_of(&r->cit, r->p, was);
	problems_of(&c, &q, now);
	for (i = 0; i < r->nf && *ok; i++) {
		const pd_note_sources *a = &r->cit.notes[i];
		const pd_note_sources *b = pd_citations_note(&c, r->to[i]);

		if (!b || a->nresolved != b->nresolved ||
		    was[i] != now[b - c.notes]) {
			*ok = false;
		} else {
			for (k = 0; k < a->nresolved; k++)
				if (a->resolved[k]->key != b->resolved[k]->key)
					*ok = false;
		}
		if (!*ok)
			*bad = i;
	}
	return 0;
}

/* Keeps the stretch of footnote `bad` (or the one before it) in its old
 * order; everything when there is nothing left to keep. */
static void keep_stretch(ren *r, size_t bad)
{
	size_t lo = bad, hi = bad + 1, i;

	if (r->fixed[bad]) {
		hi = bad;
		lo = bad;
	}
	while (lo > 0 && !r->fixed[lo - 1])
		lo--;
	while (hi < r->nf && !r->fixed[hi])
		hi++;
	if (lo == hi) {
		for (i = 0; i < r->nf; i++)
			r->fixed[i] = true;
		return;
	}
	for (i = lo; i < hi; i++)
		r->fixed[i] = true;
}

/* Meets every number in the order the rewriting does, so that the
 * numbers naming no footnote are given theirs, and the limit checked,
 * before anything changes. */
static int meet_text(ren *r, const char *s, size_t len)
{
	pd_marker *m;
	size_t nm, i, k;
	int err;

	if ((err = pd_markers(r->tmp, s, len, &m, &nm)) < 0)
		return err;
	for (i = 0; i < nm; i++)
		for (k = 0; k < m[i].nnumbers; k++)
			(void)map(r, m[i].numbers[k]);
	return 0;
}

static int meet_sections(ren *r, const pd_section *s, size_t n)
{
	size_t i, k;
	int err;

	for (i = 0; i < n; i++) {
		for (k = 0; k < s[i].nparagraphs; k++)
			if ((err = meet_text(r, s[i].paragraphs[k].text,
					     s[i].paragraphs[k].len)) < 0)
				return err;
		if ((err = meet_sections(r, s[i].sections, s[i].nsections)) < 0)
			return err;
	}
	return 0;
}

static int meet_all(ren *r)
{
	const pd_profile *p = r->p;
	size_t i, k;
	int err;

	if ((err = meet_sections(r, p->sections, p->nsections)) < 0)
		return err;
	for (i = 0; i < p->nlaws; i++)
		for (k = 0; k < p->laws[i].ncite; k++)
			(void)map(r, p->laws[i].cite[k]);
	for (i = 0; i < p->ntreaties; i++)
		for (k = 0; k < p->treaties[i].ncite; k++)
			(void)map(r, p->treaties[i].cite[k]);
	for (i = 0; i < r->nf; i++) {
		const pd_note_sources *n = &r->cit.notes[r->order[i]];

		for (k = 0; k < n->nsources; k++)
			if (n->sources[k].kind == PD_SOURCE_XREF)
				(void)map(r, n->sources[k].ref);
	}
	/* a single number is met as a cross-reference is; a range names
	 * only the numbers something else gives (set_map) */
	for (i = 0; i < p->nignores; i++)
		if (p->ignores[i].nfootnotes == 1 &&
		    p->ignores[i].footnotes[0].lo == p->ignores[i].footnotes[0].hi)
			(void)map(r, p->ignores[i].footnotes[0].lo);
	return 0;
}

static int footnote_cmp(const void *x, const void *y)
{
	const pd_footnote *a = x, *b = y;

	return (a->number > b->number) - (a->number < b->number);
}

static int rewrite(ren *r)
{
	pd_profile *p = r->p;
	size_t i;
	int err;

	/* every number is mapped in the order it is met, before anything
	 * changes: markers, cites, cross-references, lint entries */
	if ((err = rewrite_sections(r, p->sections, p->nsections)) < 0)
		return err;
	for (i = 0; i < p->nlaws; i++)
		map_list(r, p->laws[i].cite, p->laws[i].ncite);
	for (i = 0; i < p->ntreaties; i++)
		map_list(r, p->treaties[i].cite, p->treaties[i].ncite);
	for (i = 0; i < r->nf; i++)
		if ((err = rewrite_xrefs(r, r->order[i])) < 0)
			return err;
	for (i = 0; i < p->nignores; i++)
		if ((err = set_map(r, &p->ignores[i].footnotes,
				   &p->ignores[i].nfootnotes)) < 0)
			return err;
	if ((err = set_map(r, &p->cited_elsewhere, &p->ncited_elsewhere)) < 0)
		return err;
	if ((err = rewrite_anchors(r)) < 0)
		return err;
	for (i = 0; i < r->nf; i++)
		if (p->footnotes[i].number != r->to[i]) {
			p->footnotes[i].number = r->to[i];
			r->changed = true;
		}
	pd_qsort(p->footnotes, r->nf, sizeof(*p->footnotes), footnote_cmp);
	return 0;
}

int pd_renumber_profile(pd_profile *p, const char *path, bool *changed)
{
	ren r;
	rank_ctx rc;
	unsigned tries;
	int err;

	memset(&r, 0, sizeof(r));
	if (changed)
		*changed = false;
	r.p = p;
	r.nf = p->nfootnotes;
	if (!(r.tmp = pd_arena_new()))
		return pd_error_oom();
	r.rank = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.rank));
	r.fixed = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.fixed));
	r.gap = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.gap));
	r.link = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.link));
	r.chain = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.chain));
	r.order = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.order));
	r.to = pd_arena_calloc(r.tmp, r.nf + 1, sizeof(*r.to));
	if (!r.rank || !r.fixed || !r.gap || !r.link || !r.chain || !r.order ||
	    !r.to) {
		err = pd_error_oom();
		goto done;
	}
	memset(r.rank, 0xff, (r.nf + 1) * sizeof(*r.rank));
	rc.r = &r;
	rc.next = 0;
	if ((err = pd_citations_resolve(r.tmp, p, &r.cit)) < 0 ||
	    (err = rank_sections(&rc, p->sections, p->nsections)) < 0)
		goto done;
	mark_problems(&r);
	for (tries = 0;; tries++) {
		bool ok;
		size_t bad = 0;

		if ((err = order(&r)) < 0 || (err = number(&r)) < 0 ||
		    (err = meet_all(&r)) < 0)
			goto done;
		if (r.overflow || (err = check(&r, &ok, &bad)) < 0 || ok)
			break;
		if (tries > 16) {
			/* every footnote in its place did not do: never
			 * seen, but nothing is written then */
			err = pd_error_set(PD_EINVALID, path, 0, 0,
					   "footnote %u: renumbering would "
					   "change what it stands for",
					   (unsigned)p->footnotes[bad].number);
			goto done;
		}
		if (tries < 16)
			keep_stretch(&r, bad);
		else
			memset(r.fixed, 1, r.nf * sizeof(*r.fixed));
	}
	if (err < 0)
		goto done;
	if (r.overflow) {
		err = pd_error_set(PD_EINVALID, path, 0, 0,
				   "renumbering would need footnote numbers "
				   "past %d",
				   PD_MAX_FOOTNOTE);
		goto done;
	}
	err = rewrite(&r);
	if (!err && changed)
		*changed = r.changed;
done:
	pd_buf_free(&r.b);
	pd_arena_free(r.tmp);
	return err;
}
