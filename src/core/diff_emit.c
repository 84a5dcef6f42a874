/*
 * diff_emit.c: phase 5 of the differ (diff_internal.h), the changes.
 *
 * The only phase that writes the result: every change, in a fixed order
 * (the date, sections, laws, treaties, claims in the order of the new
 * profile then those removed, sources), with everything it points to
 * copied into the diff's arena, so that the diff outlives the profiles
 * it compared. What the match found the same (equal fingerprints, equal
 * identities) makes no change: footnote renumbering, wrapping, quotes,
 * dashes, spacing and layout are invisible here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/normalize.h"
#include "diff_internal.h"
#include "grow.h"

static const char *const kind_names[PD_CHANGE_KIND_COUNT] = {
	"last_updated.changed", "section.added",     "section.removed",
	"section.renamed",	"law.added",	     "law.removed",
	"law.changed",		"treaty.added",	     "treaty.removed",
	"treaty.changed",	"claim.added",	     "claim.removed",
	"claim.reworded",	"claim.moved",	     "claim.sources_changed",
	"claim.split",		"claim.merged",	     "source.added",
	"source.removed",	"source.changed"};

const char *pd_change_kind_name(pd_change_kind k)
{
	return (unsigned)k < PD_CHANGE_KIND_COUNT ? kind_names[k] : "?";
}

pd_bucket pd_change_bucket(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_CLAIM_REWORDED:
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		return c->factual     ? PD_BUCKET_SUBSTANTIVE
		       : c->editorial ? PD_BUCKET_EDITORIAL
				      : PD_BUCKET_REWORDED;
	case PD_CHANGE_SOURCE_CHANGED:
		return c->nfields == 1 &&
				       strcmp(c->fields[0].field, "accessed") == 0
			       ? PD_BUCKET_EDITORIAL
			       : PD_BUCKET_SUBSTANTIVE;
	case PD_CHANGE_LAST_UPDATED:
		return PD_BUCKET_DATE;
	case PD_CHANGE_CLAIM_MOVED:
		return PD_BUCKET_MOVED;
	case PD_CHANGE_SECTION_RENAMED:
		return PD_BUCKET_EDITORIAL;
	default:
		return PD_BUCKET_SUBSTANTIVE;
	}
}

bool pd_change_substantive(const pd_change *c)
{
	return pd_change_bucket(c) == PD_BUCKET_SUBSTANTIVE;
}

static const char *const bucket_names[PD_BUCKET_COUNT] = {
	"substantive", "reworded", "editorial", "moved", "date"};

const char *pd_bucket_name(pd_bucket b)
{
	return (unsigned)b < PD_BUCKET_COUNT ? bucket_names[b] : "?";
}

void pd_diff_describe_buckets(pd_buf *out, const size_t b[PD_BUCKET_COUNT])
{
	size_t k;

	pd_buf_printf(out, "%zu substantive", b[PD_BUCKET_SUBSTANTIVE]);
	for (k = 1; k < PD_BUCKET_COUNT; k++)
		if (b[k])
			pd_buf_printf(out, ", %zu %s", b[k], bucket_names[k]);
}

/* The change records ------------------------------------------------------ */

/* A new change of the diff, zeroed but for its kind and section (copied);
 * NULL when out of memory. */
static pd_change *add_change(differ *df, pd_change_kind kind,
			     const char *section)
{
	pd_diff *d = df->d;
	pd_change *c;

	/* grown by realloc while emitting (the arena would keep every
	 * smaller copy), then put in the diff's arena (pd_diff_emit) */
	if (PD_GROW(d->changes, d->nchanges, df->cap) < 0)
		return NULL;
	c = &d->changes[d->nchanges++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->section = section ? pd_arena_strdup(d->arena, section) : NULL;
	if (section && !c->section)
		return NULL;
	d->count[kind]++;
	return c;
}

/* The change just added, taken back: it says nothing. */
static void drop_change(differ *df)
{
	df->d->nchanges--;
	df->d->count[df->d->changes[df->d->nchanges].kind]--;
}

/* Copies into the diff's arena; NULL stays NULL. */
static char *dupn(differ *df, const char *s, size_t n)
{
	return s ? pd_arena_strndup(df->d->arena, s, n) : NULL;
}

static char *dup(differ *df, const char *s)
{
	return s ? pd_arena_strdup(df->d->arena, s) : NULL;
}

/* A copy of a law in the diff's arena: the diff never points into the
 * profiles it compared, so they may be freed before it. */
static const pd_law *copy_law(differ *df, const pd_law *l)
{
	pd_law *c = pd_arena_alloc(df->d->arena, sizeof(*c));
	size_t i;

	if (!c)
		return NULL;
	*c = *l;
	c->name = dup(df, l->name);
	c->short_name = dup(df, l->short_name);
	c->replaced_by = dup(df, l->replaced_by);
	c->aka = l->naka ? pd_arena_alloc(df->d->arena,
					  l->naka * sizeof(*c->aka))
			 : NULL;
	c->cite = l->ncite ? pd_arena_alloc(df->d->arena,
					    l->ncite * sizeof(*c->cite))
			   : NULL;
	if ((l->name && !c->name) || (l->short_name && !c->short_name) ||
	    (l->replaced_by && !c->replaced_by) ||
	    (l->naka && !c->aka) || (l->ncite && !c->cite))
		return NULL;
	for (i = 0; i < l->naka; i++)
		if (!(c->aka[i] = dup(df, l->aka[i])))
			return NULL;
	if (l->ncite)
		memcpy(c->cite, l->cite, l->ncite * sizeof(*c->cite));
	return c;
}

static const char *date_str(differ *df, pd_date d)
{
	char s[11];

	if (!d.year)
		return NULL;
	pd_date_format(d, s);
	return dup(df, s);
}

/* A field of c that changed from `from` to `to`; nothing when they are
 * equal. */
static int add_field(differ *df, pd_change *c, const char *field,
		     const char *from, const char *to)
{
	pd_field_change *g;

	if ((!from && !to) || (from && to && strcmp(from, to) == 0))
		return 0;
	g = pd_arena_grow(df->d->arena, c->fields,
			  c->nfields * sizeof(*g), (c->nfields + 1) * sizeof(*g));
	if (!g)
		return PD_ENOMEM;
	c->fields = g;
	g[c->nfields].field = field;
	g[c->nfields].from = dup(df, from);
	g[c->nfields].to = dup(df, to);
	if ((from && !g[c->nfields].from) || (to && !g[c->nfields].to))
		return PD_ENOMEM;
	c->nfields++;
	return 0;
}

static int source_ref(differ *df, const pd_source *s, pd_source_ref *out)
{
	char date[11];

	out->label = dup(df, s->label);
	out->url = dup(df, s->url);
	out->accessed = NULL;
	if (s->accessed[0]) {
		pd_date d = {s->accessed[0], s->accessed[1], s->accessed[2]};

		pd_date_format(d, date);
		out->accessed = dup(df, date);
		if (!out->accessed)
			return PD_ENOMEM;
	}
	return (!out->label || (s->url && !out->url)) ? PD_ENOMEM : 0;
}

static int source_list(differ *df, const pd_source **v, size_t n,
		       pd_source_ref **out, size_t *nout)
{
	size_t i;

	*out = pd_arena_calloc(df->d->arena, n + 1, sizeof(**out));
	if (!*out)
		return PD_ENOMEM;
	for (i = 0; i < n; i++)
		if (source_ref(df, v[i], &(*out)[i]) < 0)
			return PD_ENOMEM;
	*nout = n;
	return 0;
}

/* Sections ---------------------------------------------------------------- */

/* Two texts the same in normal form (case, quotes, dashes and spacing
 * aside); false when either is missing. */
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

/* The same subtitle, or none on both sides, in normal form: re-wrapped or
 * requoted, a subtitle is the same. */
static bool same_subtitle(const char *x, const char *y)
{
	return (!x && !y) || names_equal(x, y);
}

/* A section's heading as a subtitle change shows it: "Title: subtitle",
 * or the title alone. */
static const char *heading(differ *df, const section_ref *s)
{
	pd_buf_clear(&df->tmp);
	pd_buf_puts(&df->tmp, s->path);
	if (s->subtitle) {
		pd_buf_puts(&df->tmp, ": ");
		pd_buf_puts(&df->tmp, s->subtitle);
	}
	return pd_buf_ok(&df->tmp) == 0 ? dup(df, pd_buf_cstr(&df->tmp))
					: NULL;
}

static int emit_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < a->nsecs; i++) {
		long peer = a->secs[i].peer;

		if (peer < 0) {
			if (!(c = add_change(df, PD_CHANGE_SECTION_REMOVED, NULL)))
				return PD_ENOMEM;
			c->text = dup(df, a->secs[i].path);
		} else if (!same_subtitle(a->secs[i].subtitle,
					  b->secs[peer].subtitle)) {
			/* the heading's subtitle changed, came or went (its
			 * title too, or not): the heading renamed, shown
			 * whole */
			if (!(c = add_change(df, PD_CHANGE_SECTION_RENAMED, NULL)) ||
			    !(c->from = heading(df, &a->secs[i])) ||
			    !(c->to = heading(df, &b->secs[peer])))
				return PD_ENOMEM;
		} else if (strcmp(a->secs[i].path, b->secs[peer].path) != 0) {
			if (!(c = add_change(df, PD_CHANGE_SECTION_RENAMED, NULL)))
				return PD_ENOMEM;
			c->from = dup(df, a->secs[i].path);
			c->to = dup(df, b->secs[peer].path);
		}
	}
	for (i = 0; i < b->nsecs; i++)
		if (b->secs[i].peer < 0) {
			if (!(c = add_change(df, PD_CHANGE_SECTION_ADDED, NULL)))
				return PD_ENOMEM;
			c->text = dup(df, b->secs[i].path);
		}
	return 0;
}

/* Laws and treaties ------------------------------------------------------- */

static const char *year_str(differ *df, int year)
{
	char y[16];

	if (!year)
		return NULL;
	snprintf(y, sizeof(y), "%d", year);
	return dup(df, y);
}

static int emit_laws(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	const long *peer_a = df->law_peer_a, *peer_b = df->law_peer_b;
	size_t i, j;
	pd_change *c;

	for (j = 0; j < pb->nlaws; j++) {
		const pd_law *lb = &pb->laws[j], *la;
		size_t before;

		if (peer_b[j] < 0) {
			if (!(c = add_change(df, PD_CHANGE_LAW_ADDED, NULL)) ||
			    !(c->law = copy_law(df, lb)))
				return PD_ENOMEM;
			continue;
		}
		la = &pa->laws[peer_b[j]];
		if (!(c = add_change(df, PD_CHANGE_LAW_CHANGED, NULL)) ||
		    !(c->law = copy_law(df, lb)) ||
		    !(c->law_from = copy_law(df, la)))
			return PD_ENOMEM;
		before = c->nfields;
		if ((!names_equal(la->name, lb->name) &&
		     add_field(df, c, "name", la->name, lb->name) < 0) ||
		    add_field(df, c, "year", year_str(df, la->year),
			      year_str(df, lb->year)) < 0 ||
		    add_field(df, c, "type", pd_law_type_name(la->type),
			      pd_law_type_name(lb->type)) < 0 ||
		    add_field(df, c, "status", pd_law_status_name(la->status),
			      pd_law_status_name(lb->status)) < 0 ||
		    add_field(df, c, "date", date_str(df, la->date),
			      date_str(df, lb->date)) < 0 ||
		    add_field(df, c, "replaced_by", la->replaced_by,
			      lb->replaced_by) < 0)
			return PD_ENOMEM;
		if (c->nfields == before)
			drop_change(df); /* same law, nothing changed */
	}
	for (i = 0; i < pa->nlaws; i++)
		if (peer_a[i] < 0) {
			if (!(c = add_change(df, PD_CHANGE_LAW_REMOVED, NULL)) ||
			    !(c->law = copy_law(df, &pa->laws[i])))
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
	c->id = (char *)dup(df, t->id);
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

	c->treaty = dup(df, t->id);
	c->treaty_name = dup(df, def && def->name ? def->name : t->id);
	if (!c->treaty || !c->treaty_name ||
	    (ta && !(c->treaty_from = copy_treaty(df, ta))) ||
	    (tb && !(c->treaty_to = copy_treaty(df, tb))))
		return PD_ENOMEM;
	return 0;
}

/* A reservation as a field says it: its date, "yes", or NULL. */
static const char *reservation_str(differ *df, const pd_treaty *t)
{
	if (!t->reserved)
		return NULL;
	return t->reservation.year ? date_str(df, t->reservation) : "yes";
}

/* Treaties pair by id; a reservation made is a change of the treaty,
 * though its status stays. */
static int emit_treaties(differ *df, const pd_profile *pa,
			 const pd_profile *pb)
{
	size_t i;
	pd_change *c;

	for (i = 0; i < pb->ntreaties; i++) {
		const pd_treaty *tb = &pb->treaties[i];
		const pd_treaty *ta = find_treaty(pa, tb->id);

		if (!ta) {
			if (!(c = add_change(df, PD_CHANGE_TREATY_ADDED, NULL)) ||
			    treaty_change(df, c, NULL, tb) < 0)
				return PD_ENOMEM;
			c->status = pd_treaty_status_name(tb->status);
			continue;
		}
		if (ta->status == tb->status && ta->via == tb->via &&
		    pd_date_cmp(ta->date, tb->date) == 0 &&
		    ta->reserved == tb->reserved &&
		    pd_date_cmp(ta->reservation, tb->reservation) == 0)
			continue;
		if (!(c = add_change(df, PD_CHANGE_TREATY_CHANGED, NULL)) ||
		    treaty_change(df, c, ta, tb) < 0)
			return PD_ENOMEM;
		c->from = pd_treaty_status_name(ta->status);
		c->to = pd_treaty_status_name(tb->status);
		if (add_field(df, c, "via",
			      ta->via ? pd_treaty_via_name(ta->via) : NULL,
			      tb->via ? pd_treaty_via_name(tb->via) : NULL) < 0 ||
		    add_field(df, c, "date", date_str(df, ta->date),
			      date_str(df, tb->date)) < 0 ||
		    add_field(df, c, "reservation", reservation_str(df, ta),
			      reservation_str(df, tb)) < 0)
			return PD_ENOMEM;
	}
	for (i = 0; i < pa->ntreaties; i++)
		if (!find_treaty(pb, pa->treaties[i].id)) {
			if (!(c = add_change(df, PD_CHANGE_TREATY_REMOVED, NULL)) ||
			    treaty_change(df, c, &pa->treaties[i], NULL) < 0)
				return PD_ENOMEM;
			c->status =
				pd_treaty_status_name(pa->treaties[i].status);
		}
	return 0;
}

/* Claims ------------------------------------------------------------------ */

static int emit_joining(differ *df, const joining *jn, bool split)
{
	const side *one = split ? df->a : df->b, *many = split ? df->b : df->a;
	const claim *c1 = &one->claims[jn->one];
	const char *sec = df->b->secs[(split ? many->claims[jn->many[0]]
					     : *c1).section].path;
	pd_change *c = add_change(df, split ? PD_CHANGE_CLAIM_SPLIT
					    : PD_CHANGE_CLAIM_MERGED,
				  sec);
	size_t k;

	if (!c)
		return PD_ENOMEM;
	c->match = "similar";
	c->parts = pd_arena_alloc(df->d->arena, jn->n * sizeof(*c->parts));
	if (!c->parts)
		return PD_ENOMEM;
	for (k = 0; k < jn->n; k++) {
		const claim *p = &many->claims[jn->many[k]];

		if (!(c->parts[k] = dupn(df, p->plain, p->plen)))
			return PD_ENOMEM;
	}
	c->nparts = jn->n;
	if (split)
		c->from = dupn(df, c1->plain, c1->plen);
	else
		c->to = dupn(df, c1->plain, c1->plen);
	c->editorial = jn->cls == PD_REWORD_EDITORIAL;
	c->factual = jn->cls == PD_REWORD_FACTUAL;
	c->why = jn->why;
	return 0;
}

/* A link's own part: the claim's text, section and sources. */
static int link_claim(differ *df, pd_claim_link *lk, const claim *cb,
		      const char *sec)
{
	lk->from = -1;
	if (!(lk->section = dup(df, sec)))
		return PD_ENOMEM;
	if (!cb->fp)
		return 0;
	if (!(lk->text = dupn(df, cb->plain, cb->plen)))
		return PD_ENOMEM;
	return source_list(df, cb->src, cb->nsrc, &lk->sources,
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

static int emit_reworded(differ *df, const rewording *rw, const char *sec,
			 pd_claim_link *lk)
{
	const claim *ca = &df->a->claims[rw->a], *cb = &df->b->claims[rw->b];
	const pd_align_result *r = &df->claims;
	pd_change *c = add_change(df, PD_CHANGE_CLAIM_REWORDED, sec);

	if (!c)
		return PD_ENOMEM;
	c->match = r->how[rw->a] == PD_ALIGN_SOURCE ? "source" : "similar";
	c->from = dupn(df, ca->plain, ca->plen);
	c->to = dupn(df, cb->plain, cb->plen);
	c->similarity = r->sim[rw->a];
	c->words = rw->words;
	c->nwords = rw->nwords;
	c->budget_cut = rw->budget_cut;
	c->editorial = rw->cls == PD_REWORD_EDITORIAL;
	c->factual = rw->cls == PD_REWORD_FACTUAL;
	c->why = rw->why;
	if (lk) {
		lk->how |= PD_LINK_REWORDED |
			   (c->editorial ? PD_LINK_EDITORIAL : 0) |
			   (c->factual ? PD_LINK_FACTUAL : 0);
		lk->substantive |= !c->editorial;
	}
	return 0;
}

static int emit_claims(differ *df)
{
	side *a = df->a, *b = df->b;
	const pd_align_result *r = &df->claims;
	size_t i, k, nrw = 0;
	pd_change *c;
	int err;

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
		if (df->joined_b[i]) {
			/* a part of a split: the split, at its first part */
			const joining *jn = &df->splits[df->joined_b[i] - 1];

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
		if (ai >= 0 && df->joined_a[ai]) {
			/* the claim several of a were merged into */
			const joining *jn = &df->merges[df->joined_a[ai] - 1];

			if (lk && (err = link_merge(df, lk, jn, ai)) < 0)
				return err;
			if ((err = emit_joining(df, jn, false)) < 0)
				return err;
			continue;
		}
		if (lk)
			lk->from = ai;
		if (ai < 0) {
			if (!(c = add_change(df, PD_CHANGE_CLAIM_ADDED, sec)))
				return PD_ENOMEM;
			c->text = dupn(df, cb->plain, cb->plen);
			if (source_list(df, cb->src, cb->nsrc, &c->sources,
					&c->nsources) < 0)
				return PD_ENOMEM;
			continue;
		}
		ca = &a->claims[ai];
		if (nrw < df->nrw && df->rw[nrw].b == i &&
		    (err = emit_reworded(df, &df->rw[nrw++], sec, lk)) < 0)
			return err;
		if (a->secs[ca->section].peer != (long)cb->section ||
		    (df->para_peer[cb->para] != (long)ca->para &&
		     !df->kept_order[i])) {
			/* to another section, or to another paragraph of its
			 * section (which changes nothing a reader is told:
			 * editorial) */
			if (!(c = add_change(df, PD_CHANGE_CLAIM_MOVED, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == PD_ALIGN_EXACT ? "exact"
							       : "similar";
			c->text = dupn(df, cb->plain, cb->plen);
			c->from = dup(df, a->secs[ca->section].path);
			c->to = dup(df, sec);
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
				found = pd_diff_mapped_key(df, ca->src[ka]) ==
					cb->src[kb]->key;
			if (!found)
				addv[nadd++] = cb->src[kb];
		}
		for (ka = 0; ka < ca->nsrc; ka++) {
			bool found = false;
			uint64_t key = pd_diff_mapped_key(df, ca->src[ka]);

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
			if (!(c = add_change(df, PD_CHANGE_CLAIM_SOURCES, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == PD_ALIGN_EXACT ? "exact"
							       : "similar";
			c->text = dupn(df, cb->plain, cb->plen);
			if (source_list(df, addv, nadd, &c->sources,
					&c->nsources) < 0 ||
			    source_list(df, remv, nrem, &c->removed,
					&c->nremoved) < 0)
				return PD_ENOMEM;
		}
	}
	for (k = 0; k < a->nclaims; k++) {
		const claim *ca = &a->claims[k];

		if (!ca->fp || r->a_to_b[k] >= 0 || df->joined_a[k])
			continue;
		if (!(c = add_change(df, PD_CHANGE_CLAIM_REMOVED,
				     a->secs[ca->section].path)))
			return PD_ENOMEM;
		c->text = dupn(df, ca->plain, ca->plen);
		if (source_list(df, ca->src, ca->nsrc, &c->sources,
				&c->nsources) < 0)
			return PD_ENOMEM;
	}
	return 0;
}

/* Sources ----------------------------------------------------------------- */

static int emit_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < b->nsrcs; i++) {
		const source_item *sb = &b->srcs[i], *sa;
		pd_source_ref ra, rb;

		if (sb->peer < 0) {
			if (!(c = add_change(df, PD_CHANGE_SOURCE_ADDED, NULL)) ||
			    source_ref(df, sb->s, &c->source) < 0)
				return PD_ENOMEM;
			continue;
		}
		sa = &a->srcs[sb->peer];
		if (source_ref(df, sa->s, &ra) < 0 ||
		    source_ref(df, sb->s, &rb) < 0)
			return PD_ENOMEM;
		if (sa->s->key == sb->s->key && sa->text_fp == sb->text_fp &&
		    ((!ra.accessed && !rb.accessed) ||
		     (ra.accessed && rb.accessed &&
		      strcmp(ra.accessed, rb.accessed) == 0)))
			continue;
		if (!(c = add_change(df, PD_CHANGE_SOURCE_CHANGED, NULL)))
			return PD_ENOMEM;
		c->source = rb;
		if (add_field(df, c, "url", ra.url, rb.url) < 0 ||
		    add_field(df, c, "accessed", ra.accessed, rb.accessed) < 0)
			return PD_ENOMEM;
		if (sa->text_fp != sb->text_fp) {
			const pd_footnote *fa = pd_profile_footnote(a->p, sa->s->footnote);
			const pd_footnote *fb = pd_profile_footnote(b->p, sb->s->footnote);
			char *ta = dupn(df, fa->text + sa->s->start,
					sa->s->end - sa->s->start);
			char *tb = dupn(df, fb->text + sb->s->start,
					sb->s->end - sb->s->start);

			if (!ta || !tb || add_field(df, c, "text", ta, tb) < 0)
				return PD_ENOMEM;
		}
		if (!c->nfields)
			drop_change(df); /* only the URL's form changed */
	}
	for (i = 0; i < a->nsrcs; i++)
		if (a->srcs[i].peer < 0) {
			if (!(c = add_change(df, PD_CHANGE_SOURCE_REMOVED, NULL)) ||
			    source_ref(df, a->srcs[i].s, &c->source) < 0)
				return PD_ENOMEM;
		}
	return 0;
}

/* The changes emitted, moved from their growing array into the diff's
 * arena, exactly as many as there are; after a failure `err`, only
 * freed. Returns `err`, or PD_ENOMEM. */
static int settle_changes(differ *df, int err)
{
	pd_diff *d = df->d;
	pd_change *v = d->changes;

	d->changes = NULL;
	df->cap = 0;
	if (!err && d->nchanges &&
	    !(d->changes = pd_arena_alloc(d->arena,
					  d->nchanges * sizeof(*v))))
		err = PD_ENOMEM;
	if (!err && d->nchanges)
		memcpy(d->changes, v, d->nchanges * sizeof(*v));
	if (err)
		d->nchanges = 0;
	free(v);
	return err;
}

int pd_diff_emit(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	pd_diff *d = df->d;
	pd_change *c;
	size_t i;
	int err;

	if (pd_date_cmp(pa->last_updated, pb->last_updated) != 0) {
		if (!(c = add_change(df, PD_CHANGE_LAST_UPDATED, NULL)))
			return settle_changes(df, PD_ENOMEM);
		c->from = date_str(df, pa->last_updated);
		c->to = date_str(df, pb->last_updated);
	}
	if ((err = emit_sections(df)) < 0 ||
	    (err = emit_laws(df, pa, pb)) < 0 ||
	    (err = emit_treaties(df, pa, pb)) < 0 ||
	    (err = emit_claims(df)) < 0 || (err = emit_sources(df)) < 0)
		return settle_changes(df, err);
	if ((err = settle_changes(df, 0)) < 0)
		return err;
	for (i = 0; i < d->nchanges; i++)
		d->bucket[pd_change_bucket(&d->changes[i])]++;
	d->substantive = d->bucket[PD_BUCKET_SUBSTANTIVE];
	d->editorial = d->bucket[PD_BUCKET_EDITORIAL];
	return 0;
}
