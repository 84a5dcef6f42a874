/*
 * diff_match.c: phase 2 of the differ (diff_internal.h), the pairs.
 *
 * Exact first. Sections pair by title path; sources by identity; laws by
 * a name they share (name, short name or aka, in normal form); claims by
 * the fingerprint of their normal form, the same section preferred (the
 * aligner, align.c, does claims in both passes).
 *
 * Then similar, among what is left. Claims pair by the words they share
 * (align.c: candidates from an inverted index, the best pairs first);
 * sources by title and author (a URL or an access date changed); laws by
 * a similar name of the same year (the claims' aligner again); a section
 * that disappeared while most of its claims went to one new section was
 * renamed.
 *
 * Last, what the pairs mean for the claims. Paragraphs pair where most of
 * their claims went, and the longest run of claims that kept their order
 * is found: a claim that left both its paragraph and that order moved. A
 * paired claim whose unpaired neighbours, joined to it, match its partner
 * far better than it alone does was split or merged with them.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/normalize.h"
#include "diff_internal.h"
#include "grow.h"
#include "sort.h"

/* Sections ---------------------------------------------------------------- */

/* b's sections by title path: the first of a path not yet paired, and
 * after each section of b the next of the same path (`next`, -1 at the
 * end), so that each of a's sections takes, in order, the first of b's
 * with its path that is free, as a scan of b would, in one pass. */
typedef struct path_head {
	const char *path;
	long first; /* the next of b's sections of this path to pair */
	long last;  /* the last of them, while the chains are made */
} path_head;

static const char *path_of(const path_head *e)
{
	return e->path;
}

static uint64_t path_hash(const char *s)
{
	return XXH3_64bits(s, strlen(s));
}

static bool path_same(const char *x, const char *y)
{
	return strcmp(x, y) == 0;
}

PD_TABLE(path_table, path_head, const char *, path_of, path_hash, path_same)

static int match_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	long *next = pd_arena_alloc(df->scratch, (b->nsecs + 1) * sizeof(long));
	path_table t;
	path_head *e;
	size_t i;
	bool fresh;

	if (!next)
		return PD_ENOMEM;
	path_table_init(&t, df->scratch);
	if (path_table_reserve(&t, b->nsecs) < 0) /* once: no copies left */
		return PD_ENOMEM;
	for (i = 0; i < b->nsecs; i++) {
		if (!(e = path_table_put(&t, b->secs[i].path, &fresh)))
			return PD_ENOMEM;
		next[i] = -1;
		if (fresh) {
			e->path = b->secs[i].path;
			e->first = (long)i;
		} else {
			next[e->last] = (long)i;
		}
		e->last = (long)i;
	}
	for (i = 0; i < a->nsecs; i++) {
		long j;

		if (!(e = path_table_get(&t, a->secs[i].path)) ||
		    (j = e->first) < 0)
			continue;
		a->secs[i].peer = j;
		b->secs[j].peer = (long)i;
		e->first = next[j];
	}
	return 0;
}

/* After claims are paired: a vanished section whose claims went mostly to
 * one new section was renamed (the first such section of b on a tie).
 * Each vanished section counts where its own claims went, so that the
 * cost is the claims', not the product of the sections. */
static int match_renamed_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	const pd_align_result *r = &df->claims;
	size_t *start = pd_arena_calloc(df->scratch, a->nsecs + 2,
					sizeof(size_t));
	size_t *order = pd_arena_alloc(df->scratch,
				       (a->nclaims + 1) * sizeof(size_t));
	size_t *count = pd_arena_calloc(df->scratch, b->nsecs + 1,
					sizeof(size_t));
	size_t *touched = pd_arena_alloc(df->scratch,
					 (a->nclaims + 1) * sizeof(size_t));
	size_t i, c, k;

	if (!start || !order || !count || !touched)
		return PD_ENOMEM;
	/* a's claims by section, in order (a counting sort) */
	for (c = 0; c < a->nclaims; c++)
		start[a->claims[c].section + 2]++;
	for (i = 0; i < a->nsecs; i++)
		start[i + 2] += start[i + 1];
	for (c = 0; c < a->nclaims; c++)
		order[start[a->claims[c].section + 1]++] = c;
	for (i = 0; i < a->nsecs; i++) {
		size_t best = 0, bestn = 0, nt = 0;

		if (a->secs[i].peer >= 0 || !a->secs[i].nclaims)
			continue;
		for (k = i ? start[i] : 0; k < start[i + 1]; k++) {
			long to = r->a_to_b[order[k]];
			size_t sec;

			if (to < 0)
				continue;
			sec = b->claims[to].section;
			if (b->secs[sec].peer >= 0)
				continue;
			if (!count[sec]++)
				touched[nt++] = sec;
		}
		for (k = 0; k < nt; k++) {
			size_t sec = touched[k];

			if (count[sec] > bestn ||
			    (count[sec] == bestn && sec < best)) {
				bestn = count[sec];
				best = sec;
			}
			count[sec] = 0;
		}
		if (bestn * 2 >= a->secs[i].nclaims && bestn) {
			a->secs[i].peer = (long)best;
			b->secs[best].peer = (long)i;
		}
	}
	return 0;
}

/* Sources ----------------------------------------------------------------- */

/* An index of the sources of a: by key, or by title. A title may be
 * shared: its entry chains the sources of a that have it, in order, by
 * next[], from the first not yet paired. */
typedef struct source_run {
	uint64_t key;
	long head, tail; /* sources of a */
} source_run;

PD_TABLE(source_index, source_run, uint64_t, PD_DIFF_KEY, pd_diff_u64_hash,
	 pd_diff_u64_eq)

static void pair_sources(side *a, long i, side *b, long j)
{
	a->srcs[i].peer = j;
	b->srcs[j].peer = i;
}

/* Indexes the sources of a by identity, or (by_title) those still
 * without a partner by title and author. Returns 0 or PD_ENOMEM. */
static int index_sources(source_index *t, const side *a, long *next,
			 bool by_title)
{
	size_t i;

	for (i = 0; i < a->nsrcs; i++) {
		const source_item *s = &a->srcs[i];
		uint64_t key = by_title ? s->title_fp : s->s->key;
		source_run *r;
		bool fresh;

		if (by_title && (s->peer >= 0 || !key))
			continue;
		if (!(r = source_index_put(t, key, &fresh)))
			return PD_ENOMEM;
		next[i] = -1;
		if (fresh) {
			r->key = key;
			r->head = (long)i;
		} else {
			next[r->tail] = (long)i;
		}
		r->tail = (long)i;
	}
	return 0;
}

/* A text as the aligner takes it: its normal form's fingerprint and
 * word ids, in no group and citing nothing (a law's name, a source's
 * citation). */
static int text_item(differ *df, const char *text, size_t len,
		     pd_align_item *it)
{
	uint32_t *tok;
	int err;

	pd_buf_clear(&df->tmp);
	pd_normalize(&df->tmp, text, len, 0);
	if (pd_buf_ok(&df->tmp) < 0)
		return PD_ENOMEM;
	it->fp = XXH3_64bits(df->tmp.ptr ? df->tmp.ptr : "", df->tmp.len);
	if ((err = pd_diff_word_ids(df, df->scratch, pd_buf_cstr(&df->tmp),
				    df->tmp.len, &tok, &it->ntok)) < 0)
		return err;
	it->tok = tok;
	it->group = 0;
	it->src = 0;
	return 0;
}

/* A source without a URL as the aligner takes it: the words of its
 * citation text before the access phrase, in normal form. */
static int source_item_of(differ *df, const side *sd, const source_item *si,
			  pd_align_item *it)
{
	const pd_footnote *f = pd_profile_footnote(sd->p, si->s->footnote);
	const char *t = f->text + si->s->start;
	size_t len = si->s->end - si->s->start;
	int date[3];

	return text_item(df, t, pd_cite_accessed(t, 0, len, date), it);
}

/* Sources without a URL whose text was edited (a title's typo fixed, a
 * place added) have another identity and, often, another title: those
 * left unpaired pair by the words of their text, three quarters shared,
 * through the claims' aligner. A source with a URL is paired by it, or
 * is another document. */
static int pair_edited_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t na = 0, nb = 0, i;
	long *ia, *ib;
	pd_align_item *xa, *xb;
	pd_align_result r;
	int err;

	ia = pd_arena_alloc(df->scratch, (a->nsrcs + 1) * sizeof(*ia));
	ib = pd_arena_alloc(df->scratch, (b->nsrcs + 1) * sizeof(*ib));
	if (!ia || !ib)
		return PD_ENOMEM;
	for (i = 0; i < a->nsrcs; i++)
		if (a->srcs[i].peer < 0 && !a->srcs[i].s->url)
			ia[na++] = (long)i;
	for (i = 0; i < b->nsrcs; i++)
		if (b->srcs[i].peer < 0 && !b->srcs[i].s->url)
			ib[nb++] = (long)i;
	if (!na || !nb)
		return 0;
	xa = pd_arena_calloc(df->scratch, na, sizeof(*xa));
	xb = pd_arena_calloc(df->scratch, nb, sizeof(*xb));
	if (!xa || !xb)
		return PD_ENOMEM;
	for (i = 0; i < na; i++)
		if ((err = source_item_of(df, a, &a->srcs[ia[i]], &xa[i])) < 0)
			return err;
	for (i = 0; i < nb; i++)
		if ((err = source_item_of(df, b, &b->srcs[ib[i]], &xb[i])) < 0)
			return err;
	if ((err = pd_align_claims(df->scratch, xa, na, xb, nb, 0.75, &r)) <
	    0)
		return err;
	for (i = 0; i < na; i++)
		if (r.a_to_b[i] >= 0)
			pair_sources(a, ia[i], b, ib[r.a_to_b[i]]);
	return 0;
}

/* Sources pair by identity; then the sources left pair by title and
 * author (a URL changed), each source of b with the first of a, in a's
 * order, that has its title and no partner yet; then sources without a
 * URL by the words of their text. The pairs whose keys
 * differ are kept in df->source_keys, for the claims' sources. */
static int match_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	long *next = pd_arena_alloc(df->scratch, (a->nsrcs + 1) * sizeof(long));
	source_index t;
	size_t i;
	int err;

	if (!next)
		return PD_ENOMEM;
	source_index_init(&t, df->scratch);
	/* a's keys are unique: each run is one source */
	if ((err = index_sources(&t, a, next, false)) < 0)
		return err;
	for (i = 0; i < b->nsrcs; i++) {
		const source_run *r = source_index_get(&t, b->srcs[i].s->key);

		if (r && a->srcs[r->head].peer < 0)
			pair_sources(a, r->head, b, (long)i);
	}
	source_index_clear(&t);
	if ((err = index_sources(&t, a, next, true)) < 0)
		return err;
	for (i = 0; i < b->nsrcs; i++) {
		source_run *r;

		if (b->srcs[i].peer >= 0 || !b->srcs[i].title_fp ||
		    !(r = source_index_get(&t, b->srcs[i].title_fp)) ||
		    r->head < 0)
			continue;
		pair_sources(a, r->head, b, (long)i);
		r->head = next[r->head];
	}
	if ((err = pair_edited_sources(df)) < 0)
		return err;
	key_map_init(&df->source_keys, df->scratch);
	for (i = 0; i < a->nsrcs; i++) {
		uint64_t key = a->srcs[i].s->key;
		key_pair *kp;
		bool fresh;

		if (a->srcs[i].peer < 0 ||
		    b->srcs[a->srcs[i].peer].s->key == key || !key)
			continue;
		if (!(kp = key_map_put(&df->source_keys, key, &fresh)))
			return PD_ENOMEM;
		kp->key = key;
		kp->to = b->srcs[a->srcs[i].peer].s->key;
	}
	return 0;
}

uint64_t pd_diff_mapped_key(const differ *df, const pd_source *s)
{
	const key_pair *kp = key_map_get(&df->source_keys, s->key);

	return kp ? kp->to : s->key;
}

/* Laws -------------------------------------------------------------------- */

/* A name of a law (its name, short name or an aka) in normal form. */
typedef struct law_key {
	uint64_t h;
	const char *norm;
	size_t len;
	size_t law;    /* its index in the profile's laws */
	size_t *next;  /* of the first key of a run of equal names: the
			* position in the run of the first law not yet
			* paired (laws are paired once, and for good) */
} law_key;

static int law_key_cmp(const void *x, const void *y)
{
	const law_key *a = x, *b = y;
	int c;

	if (a->h != b->h)
		return a->h < b->h ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	if ((c = memcmp(a->norm, b->norm, a->len)) != 0)
		return c;
	return (a->law > b->law) - (a->law < b->law);
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* A name in normal form without the spaces and hyphens between two
 * letters, in place ("law on cyber crime", "law on cyber-crime" and "law
 * on cybercrime" are one name); those by a digit stay, lest "Decree 1
 * 2020" meet "Decree 12 020". Its new length. */
static size_t compact(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if ((s[i] == ' ' || s[i] == '-') && o && i + 1 < n &&
		    is_alpha(s[o - 1]) && is_alpha(s[i + 1]))
			continue;
		s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

/* Every name of law `i` of p, in normal form, compacted, appended to
 * keys[]. */
static int add_law_keys(differ *df, const pd_law *l, size_t i, law_key *keys,
			size_t *n)
{
	const char *names[66];
	size_t nn = 0, k;

	names[nn++] = l->name;
	if (l->short_name)
		names[nn++] = l->short_name;
	for (k = 0; k < l->naka && nn < 66; k++)
		names[nn++] = l->aka[k];
	for (k = 0; k < nn; k++) {
		law_key *lk = &keys[(*n)++];
		char *norm;

		pd_buf_clear(&df->tmp);
		pd_normalize(&df->tmp, names[k], strlen(names[k]), 0);
		if (pd_buf_ok(&df->tmp) < 0 ||
		    !(norm = pd_arena_strndup(df->scratch,
					      pd_buf_cstr(&df->tmp),
					      df->tmp.len)))
			return PD_ENOMEM;
		lk->len = compact(norm, df->tmp.len);
		lk->norm = norm;
		lk->h = XXH3_64bits(lk->norm, lk->len);
		lk->law = i;
		lk->next = NULL;
	}
	return 0;
}

static size_t law_names(const pd_law *l)
{
	return 1 + (l->short_name != NULL) + (l->naka < 64 ? l->naka : 64);
}

/* Pairs laws that share a name (name, short or aka, in normal form): each
 * law of b, in order, takes the first unpaired law of a that has one of
 * its names. The names of a are sorted into runs of equal names, each
 * with a cursor past its paired laws, so that the pairing is n log n
 * however many laws share a name. */
static int pair_laws_by_name(differ *df, const pd_profile *pa,
			     const pd_profile *pb, long *peer_a, long *peer_b)
{
	law_key *keys, probe[66];
	size_t nkeys = 0, total = 0, i, j, k, nprobe;
	int err;

	for (i = 0; i < pa->nlaws; i++)
		total += law_names(&pa->laws[i]);
	if (!(keys = pd_arena_calloc(df->scratch, total + 1, sizeof(*keys))))
		return PD_ENOMEM;
	for (i = 0; i < pa->nlaws; i++)
		if ((err = add_law_keys(df, &pa->laws[i], i, keys, &nkeys)) < 0)
			return err;
	pd_qsort(keys, nkeys, sizeof(*keys), law_key_cmp);
	for (i = 0; i < nkeys; i = k) {
		if (!(keys[i].next = pd_arena_alloc(df->scratch, sizeof(size_t))))
			return PD_ENOMEM;
		*keys[i].next = i;
		for (k = i + 1; k < nkeys && keys[k].h == keys[i].h &&
				keys[k].len == keys[i].len &&
				memcmp(keys[k].norm, keys[i].norm,
				       keys[i].len) == 0;
		     k++)
			keys[k].next = keys[i].next;
	}
	for (j = 0; j < pb->nlaws; j++) {
		long best = -1;

		nprobe = 0;
		if ((err = add_law_keys(df, &pb->laws[j], j, probe, &nprobe)) < 0)
			return err;
		for (k = 0; k < nprobe; k++) {
			size_t lo = 0, hi = nkeys, *cur;

			/* the run of this name: the first key not below it */
			probe[k].law = 0;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (law_key_cmp(&keys[mid], &probe[k]) < 0)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == nkeys || keys[lo].h != probe[k].h ||
			    keys[lo].len != probe[k].len ||
			    memcmp(keys[lo].norm, probe[k].norm,
				   probe[k].len) != 0)
				continue;
			cur = keys[lo].next;
			while (*cur < nkeys && keys[*cur].next == cur &&
			       peer_a[keys[*cur].law] >= 0)
				++*cur;
			if (*cur < nkeys && keys[*cur].next == cur &&
			    (best < 0 || (long)keys[*cur].law < best))
				best = (long)keys[*cur].law;
		}
		if (best >= 0) {
			peer_a[best] = (long)j;
			peer_b[j] = best;
		}
	}
	return 0;
}

static int law_year_cmp(const void *x, const void *y)
{
	const pd_law *const *a = x, *const *b = y;

	if ((*a)->year != (*b)->year)
		return (*a)->year < (*b)->year ? -1 : 1;
	return (*a > *b) - (*a < *b);
}

/* The unpaired laws of p, by year (then in order). */
static const pd_law **unpaired_by_year(differ *df, const pd_profile *p,
				       const long *peer, size_t *n)
{
	const pd_law **v = pd_arena_calloc(df->scratch, p->nlaws + 1,
					   sizeof(*v));
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	for (i = 0; i < p->nlaws; i++)
		if (peer[i] < 0)
			v[(*n)++] = &p->laws[i];
	pd_qsort(v, *n, sizeof(*v), law_year_cmp);
	return v;
}

static int law_item(differ *df, const pd_law *l, pd_align_item *it)
{
	return text_item(df, l->name, strlen(l->name), it);
}

/* Pairs renamed laws: of the laws still unpaired, those of one year whose
 * names are similar (Dice of their words at least 0.6), the most similar
 * first, through the claims' aligner (an inverted index of the words, no
 * comparison of all pairs). */
static int pair_renamed_laws(differ *df, const pd_profile *pa,
			     const pd_profile *pb, long *peer_a, long *peer_b)
{
	size_t na, nb, i = 0, j = 0, k;
	const pd_law **ua = unpaired_by_year(df, pa, peer_a, &na);
	const pd_law **ub = unpaired_by_year(df, pb, peer_b, &nb);
	int err;

	if (!ua || !ub)
		return PD_ENOMEM;
	while (i < na && j < nb) {
		size_t i2 = i, j2 = j;
		pd_align_item *ia, *ib;
		pd_align_result r;

		if (ua[i]->year != ub[j]->year) {
			if (ua[i]->year < ub[j]->year)
				i++;
			else
				j++;
			continue;
		}
		while (i2 < na && ua[i2]->year == ua[i]->year)
			i2++;
		while (j2 < nb && ub[j2]->year == ub[j]->year)
			j2++;
		ia = pd_arena_calloc(df->scratch, i2 - i, sizeof(*ia));
		ib = pd_arena_calloc(df->scratch, j2 - j, sizeof(*ib));
		if (!ia || !ib)
			return PD_ENOMEM;
		for (k = i; k < i2; k++)
			if ((err = law_item(df, ua[k], &ia[k - i])) < 0)
				return err;
		for (k = j; k < j2; k++)
			if ((err = law_item(df, ub[k], &ib[k - j])) < 0)
				return err;
		if ((err = pd_align_claims(df->scratch, ia, i2 - i, ib,
					   j2 - j, 0.6, &r)) < 0)
			return err;
		for (k = 0; k < i2 - i; k++) {
			long x, y;

			if (r.a_to_b[k] < 0)
				continue;
			x = (long)(ua[i + k] - pa->laws);
			y = (long)(ub[j + (size_t)r.a_to_b[k]] - pb->laws);
			peer_a[x] = y;
			peer_b[y] = x;
		}
		i = i2;
		j = j2;
	}
	return 0;
}

static int match_laws(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	long *peer_a = pd_arena_alloc(df->scratch, (pa->nlaws + 1) * sizeof(long));
	long *peer_b = pd_arena_alloc(df->scratch, (pb->nlaws + 1) * sizeof(long));
	size_t i;

	if (!peer_a || !peer_b)
		return PD_ENOMEM;
	for (i = 0; i < pa->nlaws; i++)
		peer_a[i] = -1;
	for (i = 0; i < pb->nlaws; i++)
		peer_b[i] = -1;
	df->law_peer_a = peer_a;
	df->law_peer_b = peer_b;
	return pair_laws_by_name(df, pa, pb, peer_a, peer_b);
}

/* Claims: exact and similar ----------------------------------------------- */

static int match_claims(differ *df)
{
	side *a = df->a, *b = df->b;
	pd_align_item *ia = pd_arena_calloc(df->scratch, a->nclaims + 1,
					 sizeof(*ia));
	pd_align_item *ib = pd_arena_calloc(df->scratch, b->nclaims + 1,
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
	return pd_align_claims(df->scratch, ia, a->nclaims, ib, b->nclaims,
			       df->o->threshold > 0 ? df->o->threshold
						    : DEFAULT_THRESHOLD,
			       &df->claims);
}

/* Claims: paragraphs and order -------------------------------------------- */

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
		pd_qsort(v, n, sizeof(*v), cmp_size);
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
 * moves nothing. df->para_peer gets, per paragraph of b, its peer in a
 * or -1. */
static int pair_paragraphs(differ *df)
{
	const pd_align_result *r = &df->claims;
	long *ba = best_paragraphs(df, df->b, df->a, r->b_to_a);
	long *ab = best_paragraphs(df, df->a, df->b, r->a_to_b);
	size_t p;

	if (!ba || !ab)
		return PD_ENOMEM;
	for (p = 0; p < df->b->nparas; p++)
		if (ba[p] >= 0 && ab[ba[p]] != (long)p)
			ba[p] = -1;
	df->para_peer = ba;
	return 0;
}

/* Which claims of b keep their order: the longest run, in b's order, of
 * claims paired within their section whose partners in a rise too
 * (patience sorting, O(n log n)). A claim outside it was moved; one inside
 * it that changed paragraph only had a paragraph break put before or
 * after it. Sets df->kept_order: per b claim true or false. */
static int in_order(differ *df)
{
	const side *a = df->a, *b = df->b;
	const pd_align_result *r = &df->claims;
	size_t n = b->nclaims, len = 0, i, *tail, *idx;
	long *prev;
	bool *keep = pd_arena_calloc(df->scratch, n + 1, sizeof(*keep));

	tail = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*tail));
	idx = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*idx));
	prev = pd_arena_alloc(df->scratch, (n + 1) * sizeof(*prev));
	if (!keep || !tail || !idx || !prev)
		return PD_ENOMEM;
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
	df->kept_order = keep;
	return 0;
}

/* Claims: splits and merges --------------------------------------------------
 *
 * A sentence cut in two leaves one half paired (as a rewording) and the
 * other unpaired; two sentences joined leave one paired and the other
 * unpaired. The evidence is clear when the paired claim with its unpaired
 * neighbours in the same paragraph matches its partner far better than it
 * alone does, or closes most of what the pair alone left apart: then the
 * pair is a split (or a merge) of those claims. */

#define SPLIT_MIN 0.8     /* the joined claims' similarity to the other */
#define SPLIT_GAIN 0.1    /* ... and how much better than the pair alone */
#define SPLIT_CLOSE 0.5   /* ... or the share of the pair's distance it
			   * closes: a short half cut off a long sentence
			   * adds little to a pair already close */

/* Does joining bring `to` from `from` enough nearer, by at least `gain`
 * or by `close` of the distance that was left? */
static bool nearer(double to, double from, double gain, double close)
{
	return to - from >= gain || (to > from && to - from >= close * (1 - from));
}

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
	/* the claim cites nothing that its partner cites: the marker went
	 * with the part cut off (or came with the part joined), which is
	 * evidence enough once that part brings the words nearer at all */
	bool sourced = many->claims[k].nsrc > 0 || !one->nsrc,
	     brought = false;

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
			s = pd_align_dice(j, ntok + n->ntok, one->tok,
					  one->ntok);
			if (nearer(s, best, SPLIT_GAIN / 2, SPLIT_CLOSE / 2) ||
			    (!sourced && n->nsrc && s > best)) {
				if (!sourced && n->nsrc)
					brought = sourced = true;
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
	if (lo == hi || best < SPLIT_MIN ||
	    !(brought || nearer(best, sim, SPLIT_GAIN, SPLIT_CLOSE)))
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
		jn.cls = PD_REWORD_PLAIN;
		jn.why = NULL;
		if (PD_ARENA_GROW(df->scratch, *v, *n, cap) < 0)
			return PD_ENOMEM;
		(*v)[(*n)++] = jn;
		for (k = 0; k < jn.n; k++)
			mark_many[jn.many[k]] = *n;
	}
	return 0;
}

/* The splits (a claim of a into several of b) and merges (several of a
 * into one of b) of the diff. df->joined_b[i] / df->joined_a[k] mark the
 * claims they take: 1 + the joining's index. */
static int find_joinings(differ *df)
{
	const side *a = df->a, *b = df->b;
	const pd_align_result *r = &df->claims;
	size_t *ja = pd_arena_calloc(df->scratch, a->nclaims + 1, sizeof(*ja));
	size_t *jb = pd_arena_calloc(df->scratch, b->nclaims + 1, sizeof(*jb));
	int err;

	df->splits = df->merges = NULL;
	df->nsplits = df->nmerges = 0;
	if (!ja || !jb)
		return PD_ENOMEM;
	/* splits: a b claim reworded from a, unpaired b claims beside it;
	 * merges: an a claim reworded into b, unpaired a claims beside it */
	if ((err = joinings_of(df, b, a, r->b_to_a, r->sim, NULL, jb,
			       &df->splits, &df->nsplits)) < 0 ||
	    (err = joinings_of(df, a, b, r->a_to_b, r->sim, jb, ja,
			       &df->merges, &df->nmerges)) < 0)
		return err;
	df->joined_a = ja;
	df->joined_b = jb;
	return 0;
}

int pd_diff_match(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	int err;

	if ((err = match_sections(df)) < 0)
		return err;
	if ((err = match_sources(df)) < 0 ||
	    (err = match_laws(df, pa, pb)) < 0 ||
	    (err = match_claims(df)) < 0)
		return err;
	if ((err = match_renamed_sections(df)) < 0 ||
	    (err = pair_renamed_laws(df, pa, pb, df->law_peer_a,
				     df->law_peer_b)) < 0 ||
	    (err = pair_paragraphs(df)) < 0 || (err = in_order(df)) < 0)
		return err;
	return find_joinings(df);
}
