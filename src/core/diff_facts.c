/*
 * diff_facts.c: the changes to a profile's frame and facts: sections
 * (paired by title path; a section whose claims reappear under a new title
 * was renamed), laws (by name, short name or aka, then a renamed law by
 * similar name and the same year) and treaties (by id).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/normalize.h"
#include "diff_internal.h"

/* Sections ------------------------------------------------------------------ */

int diff_match_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i, j;

	for (i = 0; i < a->nsecs; i++)
		for (j = 0; j < b->nsecs; j++)
			if (b->secs[j].peer < 0 &&
			    strcmp(a->secs[i].path, b->secs[j].path) == 0) {
				a->secs[i].peer = (long)j;
				b->secs[j].peer = (long)i;
				break;
			}
	return 0;
}

/* After claims are paired: a vanished section whose claims went mostly to
 * one new section was renamed. */
void diff_find_renames(differ *df, const align_result *r)
{
	side *a = df->a, *b = df->b;
	size_t i, k;

	for (i = 0; i < a->nsecs; i++) {
		size_t best = 0, bestn = 0;

		if (a->secs[i].peer >= 0 || !a->secs[i].nclaims)
			continue;
		for (k = 0; k < b->nsecs; k++) {
			size_t c, n = 0;

			if (b->secs[k].peer >= 0)
				continue;
			for (c = 0; c < a->nclaims; c++)
				if (a->claims[c].section == i &&
				    r->a_to_b[c] >= 0 &&
				    b->claims[r->a_to_b[c]].section == k)
					n++;
			if (n > bestn) {
				bestn = n;
				best = k;
			}
		}
		if (bestn * 2 >= a->secs[i].nclaims && bestn) {
			a->secs[i].peer = (long)best;
			b->secs[best].peer = (long)i;
		}
	}
}

int diff_emit_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < a->nsecs; i++) {
		long peer = a->secs[i].peer;

		if (peer < 0) {
			if (!(c = df_add(df, PD_CHANGE_SECTION_REMOVED, NULL)))
				return PD_ENOMEM;
			c->text = df_dup(df, a->secs[i].path);
		} else if (strcmp(a->secs[i].path, b->secs[peer].path) != 0) {
			if (!(c = df_add(df, PD_CHANGE_SECTION_RENAMED, NULL)))
				return PD_ENOMEM;
			c->from = df_dup(df, a->secs[i].path);
			c->to = df_dup(df, b->secs[peer].path);
		}
	}
	for (i = 0; i < b->nsecs; i++)
		if (b->secs[i].peer < 0) {
			if (!(c = df_add(df, PD_CHANGE_SECTION_ADDED, NULL)))
				return PD_ENOMEM;
			c->text = df_dup(df, b->secs[i].path);
		}
	return 0;
}

/* Laws and treaties ----------------------------------------------------------- */

static bool names_equal(const char *x, const char *y)
{
	pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;
	bool eq;

	if (!x || !y)
		return false;
	pd_normalize(&a, x, strlen(x), 0);
	pd_normalize(&b, y, strlen(y), 0);
	eq = a.len == b.len && (!a.len || memcmp(a.ptr, b.ptr, a.len) == 0);
	pd_buf_free(&a);
	pd_buf_free(&b);
	return eq;
}

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

/* Every name of law `i` of p, in normal form, appended to keys[]. */
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

		pd_buf_clear(&df->tmp);
		pd_normalize(&df->tmp, names[k], strlen(names[k]), 0);
		if (pd_buf_ok(&df->tmp) < 0 ||
		    !(lk->norm = pd_arena_strndup(df->scratch,
						  pd_buf_cstr(&df->tmp),
						  df->tmp.len)))
			return PD_ENOMEM;
		lk->len = df->tmp.len;
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
	qsort(keys, nkeys, sizeof(*keys), law_key_cmp);
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
	qsort(v, *n, sizeof(*v), law_year_cmp);
	return v;
}

static int law_item(differ *df, const pd_law *l, align_item *it)
{
	uint32_t *tok;
	int err;

	pd_buf_clear(&df->tmp);
	pd_normalize(&df->tmp, l->name, strlen(l->name), 0);
	if (pd_buf_ok(&df->tmp) < 0)
		return PD_ENOMEM;
	it->fp = XXH3_64bits(df->tmp.ptr, df->tmp.len);
	if ((err = diff_word_ids(df, df->scratch, pd_buf_cstr(&df->tmp),
				 df->tmp.len, &tok, &it->ntok)) < 0)
		return err;
	it->tok = tok;
	it->group = 0;
	it->src = 0;
	return 0;
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
		align_item *ia, *ib;
		align_result r;

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
		if ((err = align_claims(df->scratch, ia, i2 - i, ib, j2 - j,
					0.6, &r)) < 0)
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

static const char *year_str(differ *df, int year)
{
	char y[16];

	if (!year)
		return NULL;
	snprintf(y, sizeof(y), "%d", year);
	return df_dup(df, y);
}

int diff_emit_laws(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	long *peer_a = pd_arena_alloc(df->scratch, (pa->nlaws + 1) * sizeof(long));
	long *peer_b = pd_arena_alloc(df->scratch, (pb->nlaws + 1) * sizeof(long));
	size_t i, j;
	pd_change *c;
	int err;

	if (!peer_a || !peer_b)
		return PD_ENOMEM;
	for (i = 0; i < pa->nlaws; i++)
		peer_a[i] = -1;
	for (j = 0; j < pb->nlaws; j++)
		peer_b[j] = -1;
	if ((err = pair_laws_by_name(df, pa, pb, peer_a, peer_b)) < 0 ||
	    (err = pair_renamed_laws(df, pa, pb, peer_a, peer_b)) < 0)
		return err;
	for (j = 0; j < pb->nlaws; j++) {
		const pd_law *lb = &pb->laws[j], *la;
		size_t before;

		if (peer_b[j] < 0) {
			if (!(c = df_add(df, PD_CHANGE_LAW_ADDED, NULL)) ||
			    !(c->law = df_copy_law(df, lb)))
				return PD_ENOMEM;
			continue;
		}
		la = &pa->laws[peer_b[j]];
		if (!(c = df_add(df, PD_CHANGE_LAW_CHANGED, NULL)) ||
		    !(c->law = df_copy_law(df, lb)) ||
		    !(c->law_from = df_copy_law(df, la)))
			return PD_ENOMEM;
		before = c->nfields;
		if ((!names_equal(la->name, lb->name) &&
		     df_add_field(df, c, "name", la->name, lb->name) < 0) ||
		    df_add_field(df, c, "year", year_str(df, la->year),
			      year_str(df, lb->year)) < 0 ||
		    df_add_field(df, c, "type", pd_law_type_name(la->type),
			      pd_law_type_name(lb->type)) < 0 ||
		    df_add_field(df, c, "status", pd_law_status_name(la->status),
			      pd_law_status_name(lb->status)) < 0 ||
		    df_add_field(df, c, "date", df_date_str(df, la->date),
			      df_date_str(df, lb->date)) < 0 ||
		    df_add_field(df, c, "replaced_by", la->replaced_by,
			      lb->replaced_by) < 0)
			return PD_ENOMEM;
		if (c->nfields == before) {
			/* same law, nothing changed: take it back */
			df->d->nchanges--;
			df->d->count[PD_CHANGE_LAW_CHANGED]--;
		}
	}
	for (i = 0; i < pa->nlaws; i++)
		if (peer_a[i] < 0) {
			if (!(c = df_add(df, PD_CHANGE_LAW_REMOVED, NULL)) ||
			    !(c->law = df_copy_law(df, &pa->laws[i])))
				return PD_ENOMEM;
		}
	return 0;
}

static const pd_treaty *find_treaty(const pd_profile *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->ntreaties; i++)
		if (strcmp(p->treaties[i].id, id) == 0)
			return &p->treaties[i];
	return NULL;
}

/* The entry's state (status, via, date) in the diff's arena. */
static const pd_treaty *copy_treaty(differ *df, const pd_treaty *t)
{
	pd_treaty *c = pd_arena_alloc(df->d->arena, sizeof(*c));

	if (!c)
		return NULL;
	*c = *t;
	c->cite = NULL;
	c->ncite = 0;
	c->id = (char *)df_dup(df, t->id);
	return c->id ? c : NULL;
}

/* Fills the treaty fields of c: id, full name, the entries before and
 * after. */
static int treaty_change(differ *df, pd_change *c, const pd_treaty *ta,
			 const pd_treaty *tb)
{
	const pd_treaty *t = tb ? tb : ta;
	int k = pd_vocab_find(df->o->vocab, t->id, strlen(t->id));
	const pd_treaty_def *def =
		k >= 0 ? pd_vocab_get(df->o->vocab, (size_t)k) : NULL;

	c->treaty = df_dup(df, t->id);
	c->treaty_name = df_dup(df, def && def->name ? def->name : t->id);
	if (!c->treaty || !c->treaty_name ||
	    (ta && !(c->treaty_from = copy_treaty(df, ta))) ||
	    (tb && !(c->treaty_to = copy_treaty(df, tb))))
		return PD_ENOMEM;
	return 0;
}

int diff_emit_treaties(differ *df, const pd_profile *pa,
			 const pd_profile *pb)
{
	size_t i;
	pd_change *c;

	for (i = 0; i < pb->ntreaties; i++) {
		const pd_treaty *tb = &pb->treaties[i];
		const pd_treaty *ta = find_treaty(pa, tb->id);

		if (!ta) {
			if (!(c = df_add(df, PD_CHANGE_TREATY_ADDED, NULL)) ||
			    treaty_change(df, c, NULL, tb) < 0)
				return PD_ENOMEM;
			c->status = pd_treaty_status_name(tb->status);
			continue;
		}
		if (ta->status == tb->status && ta->via == tb->via &&
		    pd_date_cmp(ta->date, tb->date) == 0)
			continue;
		if (!(c = df_add(df, PD_CHANGE_TREATY_CHANGED, NULL)) ||
		    treaty_change(df, c, ta, tb) < 0)
			return PD_ENOMEM;
		c->from = pd_treaty_status_name(ta->status);
		c->to = pd_treaty_status_name(tb->status);
		if (df_add_field(df, c, "via",
			      ta->via ? pd_treaty_via_name(ta->via) : NULL,
			      tb->via ? pd_treaty_via_name(tb->via) : NULL) < 0 ||
		    df_add_field(df, c, "date", df_date_str(df, ta->date),
			      df_date_str(df, tb->date)) < 0)
			return PD_ENOMEM;
	}
	for (i = 0; i < pa->ntreaties; i++)
		if (!find_treaty(pb, pa->treaties[i].id)) {
			if (!(c = df_add(df, PD_CHANGE_TREATY_REMOVED, NULL)) ||
			    treaty_change(df, c, &pa->treaties[i], NULL) < 0)
				return PD_ENOMEM;
			c->status =
				pd_treaty_status_name(pa->treaties[i].status);
		}
	return 0;
}
