/*
 * diff.c: the semantic diff of two profiles.
 *
 * The phases follow xdiff's: prepare, match, word-diff, classify, emit.
 *
 * Prepare. Each profile is cut into claims (sentences), each with its
 * section path, its text less citation markers, the fingerprint (XXH3) of
 * its normal form, its word ids (one dictionary for both sides) and the set
 * of sources its markers resolve to, by source identity, never by footnote
 * number. Sources are gathered by identity too.
 *
 * Match. Sections pair by title path; a section that disappears while
 * most of its claims reappear in one new section was renamed. Sources pair
 * by identity, then by title and author (a URL or access date changed).
 * Claims pair through align.c: exact fingerprints, then word similarity.
 * Laws pair by name, short name or aka, then by a similar name with the
 * same year; treaties by id.
 *
 * Word-diff and classify. A reworded pair gets a word-level diff and two
 * flags: editorial (only case, punctuation or spelling changed) and
 * factual (a number, a negation or a name changed).
 *
 * Emit. The changes come out in a fixed order: date, sections, laws,
 * treaties, claims (in the order of the new profile, then those removed),
 * sources. Nothing else: equal fingerprints and identities make footnote
 * renumbering, wrapping, quotes, dashes, spacing and layout invisible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "align.h"
#include "profdiff/citations.h"
#include "profdiff/diff.h"
#include "profdiff/normalize.h"
#include "profdiff/sentences.h"
#include "profdiff/text.h"

#define DEFAULT_THRESHOLD 0.5
#define DEFAULT_BUDGET 40000000u

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

/* The dictionary of words, shared by both sides ----------------------------- */

typedef struct dict {
	pd_arena *a;
	uint64_t *keys;
	uint32_t *ids;
	size_t cap, n;
} dict;

static int dict_id(dict *d, uint64_t key, uint32_t *out)
{
	size_t h;

	if (d->n * 2 >= d->cap) {
		size_t ncap = d->cap ? d->cap * 2 : 1024, i;
		uint64_t *keys = pd_arena_calloc(d->a, ncap, sizeof(*keys));
		uint32_t *ids = pd_arena_calloc(d->a, ncap, sizeof(*ids));

		if (!keys || !ids)
			return PD_ENOMEM;
		for (i = 0; i < d->cap; i++) {
			if (!d->ids[i])
				continue;
			for (h = (size_t)(d->keys[i] & (ncap - 1)); ids[h];
			     h = (h + 1) & (ncap - 1))
				;
			keys[h] = d->keys[i];
			ids[h] = d->ids[i];
		}
		d->keys = keys;
		d->ids = ids;
		d->cap = ncap;
	}
	for (h = (size_t)(key & (d->cap - 1)); d->ids[h];
	     h = (h + 1) & (d->cap - 1))
		if (d->keys[h] == key) {
			*out = d->ids[h] - 1;
			return 0;
		}
	d->keys[h] = key;
	d->ids[h] = (uint32_t)++d->n;
	*out = d->ids[h] - 1;
	return 0;
}

/* One side ------------------------------------------------------------------ */

typedef struct section_ref {
	const char *path; /* "Law > Data Protection" */
	size_t nclaims;
	long peer;        /* the paired section on the other side, or -1 */
} section_ref;

typedef struct claim {
	const char *text;   /* as written, markers included */
	size_t len;
	char *plain;        /* without markers */
	size_t plen;
	size_t section;
	size_t para;         /* the side's paragraphs, in order */
	size_t para_in_sec;  /* 1 + its paragraph's index in its section */
	uint64_t fp;
	const uint32_t *tok; /* sorted word ids, for similarity */
	size_t ntok;
	const pd_source **src; /* resolved full sources, by key order */
	size_t nsrc;
	uint64_t src_hash;
} claim;

typedef struct source_item {
	const pd_source *s;
	uint64_t text_fp;  /* the citation text, for source.changed */
	uint64_t title_fp; /* title and author in normal form; 0: no title */
	long peer;         /* paired source on the other side, or -1 */
} source_item;

/* One profile, prepared for comparison: its claims and sources with what
 * it takes to pair them. A pd_differ keeps it for the next diff; only the
 * peers belong to one diff. */
typedef struct side {
	pd_arena *arena; /* everything below */
	const pd_profile *p;
	pd_citations cites;
	section_ref *secs;
	size_t nsecs, capsecs;
	claim *claims;
	size_t nclaims, capclaims;
	size_t nparas;
	source_item *srcs; /* unique by key, in footnote order */
	size_t nsrcs;
} side;

/* What a claim's text gives, kept across the diffs of a pd_differ:
 * consecutive revisions share most of their claims, which are then put in
 * normal form and split into words once. Keyed by the 128-bit hash of the
 * text less its markers. */
typedef struct memo_entry {
	XXH128_hash_t key;
	bool used;
	bool empty; /* nothing to compare: markers only */
	uint64_t fp;
	const uint32_t *tok;
	size_t ntok;
} memo_entry;

typedef struct memo {
	pd_arena *a; /* the word ids; the tables */
	memo_entry *v;
	size_t n, cap;
} memo;

/* past this many texts the memo takes no more (a long series of unlike
 * profiles would only grow it) */
#define MEMO_MAX ((size_t)1 << 18)

typedef struct differ {
	pd_arena *scratch;
	pd_diff *d;
	size_t cap;
	const pd_diff_options *o;
	dict *words;
	side *a, *b;
	memo *memo; /* NULL: none */
	pd_buf tmp;
	uint64_t *map_from, *map_to; /* a's source keys -> b's, for pairs */
	size_t map_cap;
} differ;

static char *section_path(pd_arena *a, const char *parent, const char *title)
{
	size_t pl = parent ? strlen(parent) : 0, tl = strlen(title);
	char *p = pd_arena_alloc(a, pl + tl + 4);

	if (!p)
		return NULL;
	if (parent) {
		memcpy(p, parent, pl);
		memcpy(p + pl, " > ", 3);
		pl += 3;
	}
	memcpy(p + pl, title, tl + 1);
	return p;
}

static int cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a > b) - (a < b);
}

static int cmp_src(const void *x, const void *y)
{
	uint64_t a = (*(const pd_source *const *)x)->key;
	uint64_t b = (*(const pd_source *const *)y)->key;

	return (a > b) - (a < b);
}

/* The word ids of a normal-form text: runs of letters and digits. */
static int word_ids(differ *df, pd_arena *arena, const char *norm,
		    size_t len, uint32_t **out, size_t *n)
{
	size_t i = 0, cnt = 0, cap = 0;
	uint32_t *v = NULL;
	int err;

	while (i < len) {
		size_t s;

		while (i < len && !(((unsigned char)norm[i] >= 'a' &&
				     (unsigned char)norm[i] <= 'z') ||
				    (norm[i] >= '0' && norm[i] <= '9') ||
				    (unsigned char)norm[i] >= 0x80))
			i++;
		s = i;
		while (i < len && (((unsigned char)norm[i] >= 'a' &&
				    (unsigned char)norm[i] <= 'z') ||
				   (norm[i] >= '0' && norm[i] <= '9') ||
				   (unsigned char)norm[i] >= 0x80))
			i++;
		if (i == s)
			continue;
		if (cnt == cap) {
			uint32_t *g = pd_arena_grow_array(arena, v, &cap,
							  sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			v = g;
		}
		if ((err = dict_id(df->words, XXH3_64bits(norm + s, i - s),
				   &v[cnt])) < 0)
			return err;
		cnt++;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), cmp_u32);
	*out = v;
	*n = cnt;
	return 0;
}

/* The text of a sentence less its citation markers, white space kept. */
static char *strip_markers(pd_arena *a, const char *s, size_t len,
			   size_t *out_len)
{
	char *t = pd_arena_alloc(a, len + 1);
	size_t i, n = 0, m;

	if (!t)
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '[' && (m = pd_marker_len(s, len, i))) {
			i += m - 1;
			continue;
		}
		t[n++] = s[i];
	}
	while (n && t[n - 1] == ' ')
		n--;
	t[n] = '\0';
	*out_len = n;
	return t;
}

/* The slot of `key` in the memo: its entry, or the empty slot to fill;
 * NULL when the memo is full. */
static int memo_slot(memo *m, XXH128_hash_t key, memo_entry **out)
{
	size_t h;

	*out = NULL;
	if (m->n >= MEMO_MAX)
		return 0;
	if (m->n * 2 >= m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 1024, i;
		memo_entry *v = pd_arena_calloc(m->a, ncap, sizeof(*v));

		if (!v)
			return PD_ENOMEM;
		for (i = 0; i < m->cap; i++) {
			if (!m->v[i].used)
				continue;
			for (h = (size_t)(m->v[i].key.low64 & (ncap - 1));
			     v[h].used; h = (h + 1) & (ncap - 1))
				;
			v[h] = m->v[i];
		}
		m->v = v; /* the old table stays in the arena */
		m->cap = ncap;
	}
	for (h = (size_t)(key.low64 & (m->cap - 1)); m->v[h].used;
	     h = (h + 1) & (m->cap - 1))
		if (XXH128_isEqual(m->v[h].key, key))
			break;
	*out = &m->v[h];
	return 0;
}

/* c's fingerprint and word ids, from the memo when a claim of the same
 * text was prepared before; 1 when the claim has nothing to compare. */
static int claim_words(differ *df, side *sd, claim *c)
{
	memo_entry *e = NULL;
	XXH128_hash_t key;
	uint32_t *tok;
	int err;

	if (df->memo) {
		key = XXH3_128bits(c->plain, c->plen);
		if ((err = memo_slot(df->memo, key, &e)) < 0)
			return err;
		if (e && e->used) {
			c->fp = e->fp;
			c->tok = e->tok;
			c->ntok = e->ntok;
			return e->empty;
		}
	}
	pd_buf_clear(&df->tmp);
	if ((err = pd_normalize(&df->tmp, c->plain, c->plen, 0)) < 0)
		return err;
	if (df->tmp.len) {
		c->fp = XXH3_64bits(df->tmp.ptr, df->tmp.len);
		if ((err = word_ids(df, e ? df->memo->a : sd->arena,
				    df->tmp.ptr, df->tmp.len, &tok,
				    &c->ntok)) < 0)
			return err;
		c->tok = tok;
	}
	if (e) {
		e->used = true;
		e->key = key;
		e->empty = df->tmp.len == 0;
		e->fp = c->fp;
		e->tok = c->tok;
		e->ntok = c->ntok;
		df->memo->n++;
	}
	return df->tmp.len == 0;
}

static int add_claim(differ *df, side *sd, const pd_paragraph *para,
		     const pd_span *sp, size_t section, size_t in_sec)
{
	const char *s = para->text + sp->start;
	size_t len = sp->end - sp->start, i, j, k;
	pd_marker *m;
	size_t nm;
	claim *c;
	int err;

	if (sd->nclaims == sd->capclaims) {
		claim *g = pd_arena_grow_array(sd->arena, sd->claims, &sd->capclaims,
					       sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		sd->claims = g;
	}
	c = &sd->claims[sd->nclaims];
	memset(c, 0, sizeof(*c));
	c->text = s;
	c->len = len;
	c->section = section;
	c->para = sd->nparas;
	c->para_in_sec = in_sec;
	c->plain = strip_markers(sd->arena, s, len, &c->plen);
	if (!c->plain)
		return PD_ENOMEM;
	if ((err = claim_words(df, sd, c)) != 0)
		return err < 0 ? err : 0; /* 1: only markers, nothing to compare */
	/* its sources: the resolved sources of its markers */
	if ((err = pd_markers(sd->arena, s, len, &m, &nm)) < 0)
		return err;
	for (i = 0; i < nm; i++)
		for (j = 0; j < m[i].nnumbers; j++) {
			const pd_note_sources *ns =
				pd_citations_note(&sd->cites, m[i].numbers[j]);

			for (k = 0; ns && k < ns->nresolved; k++) {
				const pd_source **g = pd_arena_grow(
					sd->arena, (void *)c->src,
					c->nsrc * sizeof(*g),
					(c->nsrc + 1) * sizeof(*g));

				if (!g)
					return PD_ENOMEM;
				g[c->nsrc++] = ns->resolved[k];
				c->src = g;
			}
		}
	if (c->nsrc > 1)
		qsort((void *)c->src, c->nsrc, sizeof(*c->src), cmp_src);
	/* unique, and a hash of the set */
	for (i = 0, j = 0; i < c->nsrc; i++)
		if (!j || c->src[j - 1]->key != c->src[i]->key)
			c->src[j++] = c->src[i];
	c->nsrc = j;
	for (i = 0; i < c->nsrc; i++)
		c->src_hash = c->src_hash * 1099511628211ULL ^ c->src[i]->key;
	sd->nclaims++;
	sd->secs[section].nclaims++;
	return 0;
}

/* Depth is bounded by PD_MAX_SECTION_DEPTH. */
static int prepare_sections(differ *df, side *sd, const pd_section *s,
			    size_t n, const char *parent)
{
	size_t i, j, k;
	int err;

	for (i = 0; i < n; i++) {
		size_t idx;
		section_ref *ref;

		if (sd->nsecs == sd->capsecs) {
			section_ref *g = pd_arena_grow_array(sd->arena, sd->secs, &sd->capsecs,
							     sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			sd->secs = g;
		}
		idx = sd->nsecs++;
		ref = &sd->secs[idx];
		ref->path = section_path(sd->arena, parent, s[i].title);
		ref->nclaims = 0;
		ref->peer = -1;
		if (!ref->path)
			return PD_ENOMEM;
		for (j = 0; j < s[i].nparagraphs; j++) {
			const pd_paragraph *para = &s[i].paragraphs[j];
			pd_span *sp;
			size_t ns;

			if ((err = pd_sentences(sd->arena, para->text,
						para->len, &sp, &ns)) < 0)
				return err;
			for (k = 0; k < ns; k++)
				if ((err = add_claim(df, sd, para, &sp[k], idx,
						     j + 1)) < 0)
					return err;
			sd->nparas++;
		}
		if ((err = prepare_sections(df, sd, s[i].sections,
					    s[i].nsections,
					    sd->secs[idx].path)) < 0)
			return err;
	}
	return 0;
}

/* The citation text of a source for comparison: normal form, without the
 * access date. */
static uint64_t source_text_fp(differ *df, const pd_profile *p,
			       const pd_source *s)
{
	const pd_footnote *f = pd_profile_footnote(p, s->footnote);
	const char *t = f->text + s->start;
	size_t len = s->end - s->start, i;
	size_t from = 0;

	/* without the URL and the access date, which have fields of their
	 * own */
	pd_buf_clear(&df->tmp);
	for (i = 0; i <= len; i++) {
		if (i < len && t[i] == '<') {
			const char *gt = memchr(t + i, '>', len - i);

			if (gt) {
				pd_normalize(&df->tmp, t + from, i - from, 0);
				pd_buf_putc(&df->tmp, ' ');
				i = (size_t)(gt - t);
				from = i + 1;
				continue;
			}
		}
		if (i == len || (i + 9 <= len && memcmp(t + i, "accessed ", 9) == 0)) {
			pd_normalize(&df->tmp, t + from, i - from, 0);
			break;
		}
	}
	while (df->tmp.len && (df->tmp.ptr[df->tmp.len - 1] == '.' ||
			       df->tmp.ptr[df->tmp.len - 1] == ' '))
		df->tmp.len--;
	return XXH3_64bits(df->tmp.ptr ? df->tmp.ptr : "", df->tmp.len);
}

static int prepare_sources(differ *df, side *sd)
{
	size_t i, k, total = 0, cap = 16, n = 0;
	uint64_t *seen;

	for (i = 0; i < sd->cites.nnotes; i++)
		total += sd->cites.notes[i].nsources;
	while (cap < total * 2)
		cap *= 2;
	seen = pd_arena_calloc(sd->arena, cap, sizeof(*seen));
	sd->srcs = pd_arena_calloc(sd->arena, total + 1, sizeof(*sd->srcs));
	if (!seen || !sd->srcs)
		return PD_ENOMEM;
	for (i = 0; i < sd->cites.nnotes; i++)
		for (k = 0; k < sd->cites.notes[i].nsources; k++) {
			const pd_source *s = &sd->cites.notes[i].sources[k];
			uint64_t key = s->key ? s->key : 1;
			size_t h;

			if (s->kind != PD_SOURCE_FULL)
				continue;
			for (h = (size_t)(key & (cap - 1)); seen[h];
			     h = (h + 1) & (cap - 1))
				if (seen[h] == key)
					break;
			if (seen[h])
				continue;
			seen[h] = key;
			sd->srcs[n].s = s;
			sd->srcs[n].text_fp = source_text_fp(df, sd->p, s);
			sd->srcs[n].title_fp = 0;
			if (s->title) {
				pd_buf_clear(&df->tmp);
				pd_normalize(&df->tmp, s->title,
					     strlen(s->title), 0);
				pd_buf_putc(&df->tmp, '\n');
				if (s->author)
					pd_normalize(&df->tmp, s->author,
						     strlen(s->author), 0);
				sd->srcs[n].title_fp =
					XXH3_64bits(df->tmp.ptr, df->tmp.len) | 1;
			}
			sd->srcs[n].peer = -1;
			n++;
		}
	sd->nsrcs = n;
	return 0;
}

static int prepare(differ *df, side *sd, const pd_profile *p)
{
	int err;

	sd->p = p;
	if ((err = pd_citations_resolve(sd->arena, p, &sd->cites)) < 0)
		return err;
	if ((err = prepare_sources(df, sd)) < 0)
		return err;
	return prepare_sections(df, sd, p->sections, p->nsections, NULL);
}

/* Emitting changes --------------------------------------------------------- */

static pd_change *add(differ *df, pd_change_kind kind, const char *section)
{
	pd_diff *d = df->d;
	pd_change *c;

	if (d->nchanges == df->cap) {
		pd_change *g = pd_arena_grow_array(d->arena, d->changes, &df->cap,
						   sizeof(*g));

		if (!g)
			return NULL;
		d->changes = g;
	}
	c = &d->changes[d->nchanges++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->section = section ? pd_arena_strdup(d->arena, section) : NULL;
	if (section && !c->section)
		return NULL;
	d->count[kind]++;
	return c;
}

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

/* Sections ------------------------------------------------------------------ */

static int match_sections(differ *df)
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
static void find_renames(differ *df, const align_result *r)
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

static int emit_sections(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < a->nsecs; i++) {
		long peer = a->secs[i].peer;

		if (peer < 0) {
			if (!(c = add(df, PD_CHANGE_SECTION_REMOVED, NULL)))
				return PD_ENOMEM;
			c->text = dup(df, a->secs[i].path);
		} else if (strcmp(a->secs[i].path, b->secs[peer].path) != 0) {
			if (!(c = add(df, PD_CHANGE_SECTION_RENAMED, NULL)))
				return PD_ENOMEM;
			c->from = dup(df, a->secs[i].path);
			c->to = dup(df, b->secs[peer].path);
		}
	}
	for (i = 0; i < b->nsecs; i++)
		if (b->secs[i].peer < 0) {
			if (!(c = add(df, PD_CHANGE_SECTION_ADDED, NULL)))
				return PD_ENOMEM;
			c->text = dup(df, b->secs[i].path);
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
	if ((err = word_ids(df, df->scratch, pd_buf_cstr(&df->tmp),
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
	return dup(df, y);
}

static int emit_laws(differ *df, const pd_profile *pa, const pd_profile *pb)
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
			if (!(c = add(df, PD_CHANGE_LAW_ADDED, NULL)) ||
			    !(c->law = copy_law(df, lb)))
				return PD_ENOMEM;
			continue;
		}
		la = &pa->laws[peer_b[j]];
		if (!(c = add(df, PD_CHANGE_LAW_CHANGED, NULL)) ||
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
		if (c->nfields == before) {
			/* same law, nothing changed: take it back */
			df->d->nchanges--;
			df->d->count[PD_CHANGE_LAW_CHANGED]--;
		}
	}
	for (i = 0; i < pa->nlaws; i++)
		if (peer_a[i] < 0) {
			if (!(c = add(df, PD_CHANGE_LAW_REMOVED, NULL)) ||
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

static int emit_treaties(differ *df, const pd_profile *pa,
			 const pd_profile *pb)
{
	size_t i;
	pd_change *c;

	for (i = 0; i < pb->ntreaties; i++) {
		const pd_treaty *tb = &pb->treaties[i];
		const pd_treaty *ta = find_treaty(pa, tb->id);

		if (!ta) {
			if (!(c = add(df, PD_CHANGE_TREATY_ADDED, NULL)) ||
			    treaty_change(df, c, NULL, tb) < 0)
				return PD_ENOMEM;
			c->status = pd_treaty_status_name(tb->status);
			continue;
		}
		if (ta->status == tb->status && ta->via == tb->via &&
		    pd_date_cmp(ta->date, tb->date) == 0)
			continue;
		if (!(c = add(df, PD_CHANGE_TREATY_CHANGED, NULL)) ||
		    treaty_change(df, c, ta, tb) < 0)
			return PD_ENOMEM;
		c->from = pd_treaty_status_name(ta->status);
		c->to = pd_treaty_status_name(tb->status);
		if (add_field(df, c, "via",
			      ta->via ? pd_treaty_via_name(ta->via) : NULL,
			      tb->via ? pd_treaty_via_name(tb->via) : NULL) < 0 ||
		    add_field(df, c, "date", date_str(df, ta->date),
			      date_str(df, tb->date)) < 0)
			return PD_ENOMEM;
	}
	for (i = 0; i < pa->ntreaties; i++)
		if (!find_treaty(pb, pa->treaties[i].id)) {
			if (!(c = add(df, PD_CHANGE_TREATY_REMOVED, NULL)) ||
			    treaty_change(df, c, &pa->treaties[i], NULL) < 0)
				return PD_ENOMEM;
			c->status =
				pd_treaty_status_name(pa->treaties[i].status);
		}
	return 0;
}

/* Sources ------------------------------------------------------------------- */

static void match_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t cap = 16, i, h;
	long *table;

	while (cap < a->nsrcs * 2)
		cap *= 2;
	table = pd_arena_alloc(df->scratch, cap * sizeof(*table));
	if (!table)
		return;
	for (i = 0; i < cap; i++)
		table[i] = -1;
	for (i = 0; i < a->nsrcs; i++) {
		for (h = (size_t)(a->srcs[i].s->key & (cap - 1)); table[h] >= 0;
		     h = (h + 1) & (cap - 1))
			;
		table[h] = (long)i;
	}
	for (i = 0; i < b->nsrcs; i++)
		for (h = (size_t)(b->srcs[i].s->key & (cap - 1)); table[h] >= 0;
		     h = (h + 1) & (cap - 1)) {
			long k = table[h];

			if (a->srcs[k].s->key == b->srcs[i].s->key &&
			    a->srcs[k].peer < 0) {
				a->srcs[k].peer = (long)i;
				b->srcs[i].peer = k;
				break;
			}
		}
	/* a changed URL: the same title and author, through a table of the
	 * unpaired sources of a by title */
	for (i = 0; i < cap; i++)
		table[i] = -1;
	for (i = 0; i < a->nsrcs; i++) {
		if (a->srcs[i].peer >= 0 || !a->srcs[i].title_fp)
			continue;
		for (h = (size_t)(a->srcs[i].title_fp & (cap - 1));
		     table[h] >= 0; h = (h + 1) & (cap - 1))
			;
		table[h] = (long)i;
	}
	for (i = 0; i < b->nsrcs; i++) {
		if (b->srcs[i].peer >= 0 || !b->srcs[i].title_fp)
			continue;
		for (h = (size_t)(b->srcs[i].title_fp & (cap - 1));
		     table[h] >= 0; h = (h + 1) & (cap - 1)) {
			long k = table[h];

			if (a->srcs[k].title_fp == b->srcs[i].title_fp &&
			    a->srcs[k].peer < 0) {
				a->srcs[k].peer = (long)i;
				b->srcs[i].peer = k;
				break;
			}
		}
	}
	/* the key map for claims' source sets */
	df->map_cap = cap;
	df->map_from = pd_arena_calloc(df->scratch, cap, sizeof(uint64_t));
	df->map_to = pd_arena_calloc(df->scratch, cap, sizeof(uint64_t));
	if (!df->map_from || !df->map_to) {
		df->map_cap = 0;
		return;
	}
	for (i = 0; i < a->nsrcs; i++) {
		uint64_t key = a->srcs[i].s->key;

		if (a->srcs[i].peer < 0 ||
		    b->srcs[a->srcs[i].peer].s->key == key || !key)
			continue;
		for (h = (size_t)(key & (cap - 1)); df->map_from[h];
		     h = (h + 1) & (cap - 1))
			;
		df->map_from[h] = key;
		df->map_to[h] = b->srcs[a->srcs[i].peer].s->key;
	}
}

/* The key a source of `a` has on the other side: its peer's. */
static uint64_t mapped_key(const differ *df, const pd_source *s)
{
	size_t h;

	if (!df->map_cap)
		return s->key;
	for (h = (size_t)(s->key & (df->map_cap - 1)); df->map_from[h];
	     h = (h + 1) & (df->map_cap - 1))
		if (df->map_from[h] == s->key)
			return df->map_to[h];
	return s->key;
}

static int emit_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < b->nsrcs; i++) {
		const source_item *sb = &b->srcs[i], *sa;
		pd_source_ref ra, rb;

		if (sb->peer < 0) {
			if (!(c = add(df, PD_CHANGE_SOURCE_ADDED, NULL)) ||
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
		if (!(c = add(df, PD_CHANGE_SOURCE_CHANGED, NULL)))
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
		if (!c->nfields) {
			/* only the URL's form changed: not a change */
			df->d->nchanges--;
			df->d->count[PD_CHANGE_SOURCE_CHANGED]--;
		}
	}
	for (i = 0; i < a->nsrcs; i++)
		if (a->srcs[i].peer < 0) {
			if (!(c = add(df, PD_CHANGE_SOURCE_REMOVED, NULL)) ||
			    source_ref(df, a->srcs[i].s, &c->source) < 0)
				return PD_ENOMEM;
		}
	return 0;
}

/* Claims -------------------------------------------------------------------- */

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

		while (i < len && !(((unsigned char)t[i] >= 'a' &&
				     (unsigned char)t[i] <= 'z') ||
				    ((unsigned char)t[i] >= 'A' &&
				     (unsigned char)t[i] <= 'Z') ||
				    (t[i] >= '0' && t[i] <= '9') ||
				    (unsigned char)t[i] >= 0x80))
			i++;
		s = i;
		while (i < len && (((unsigned char)t[i] >= 'a' &&
				    (unsigned char)t[i] <= 'z') ||
				   ((unsigned char)t[i] >= 'A' &&
				    (unsigned char)t[i] <= 'Z') ||
				   (t[i] >= '0' && t[i] <= '9') ||
				   (unsigned char)t[i] >= 0x80))
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

/* The splits (a claim of a into several of b) and merges (several of a
 * into one of b) of the diff. joined_b[i] / joined_a[k] mark the claims
 * they take: 1 + the joining's index. */
static int find_joinings(differ *df, const align_result *r, joining **splits,
			 size_t *nsplits, joining **merges, size_t *nmerges,
			 size_t **joined_a, size_t **joined_b)
{
	const side *a = df->a, *b = df->b;
	size_t i, cap_s = 0, cap_m = 0;
	size_t *ja = pd_arena_calloc(df->scratch, a->nclaims + 1, sizeof(*ja));
	size_t *jb = pd_arena_calloc(df->scratch, b->nclaims + 1, sizeof(*jb));
	int found;

	*splits = *merges = NULL;
	*nsplits = *nmerges = 0;
	if (!ja || !jb)
		return PD_ENOMEM;
	/* splits: a b claim reworded from a, unpaired b claims beside it */
	for (i = 0; i < b->nclaims; i++) {
		long ai = r->b_to_a[i];
		joining jn;
		size_t k;

		if (ai < 0 || jb[i] || a->claims[ai].fp == b->claims[i].fp)
			continue;
		found = grow_joining(df, b, r->b_to_a, &a->claims[ai], i,
				     r->sim[ai], &jn);
		if (found < 0)
			return found;
		if (!found)
			continue;
		jn.one = ai;
		if (*nsplits == cap_s) {
			joining *g = pd_arena_grow_array(df->scratch, *splits,
							 &cap_s, sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			*splits = g;
		}
		(*splits)[(*nsplits)++] = jn;
		for (k = 0; k < jn.n; k++)
			jb[jn.many[k]] = *nsplits;
	}
	/* merges: an a claim reworded into b, unpaired a claims beside it */
	for (i = 0; i < a->nclaims; i++) {
		long bi = r->a_to_b[i];
		joining jn;
		size_t k;

		if (bi < 0 || ja[i] || jb[bi] ||
		    a->claims[i].fp == b->claims[bi].fp)
			continue;
		found = grow_joining(df, a, r->a_to_b, &b->claims[bi], i,
				     r->sim[i], &jn);
		if (found < 0)
			return found;
		if (!found)
			continue;
		jn.one = bi;
		if (*nmerges == cap_m) {
			joining *g = pd_arena_grow_array(df->scratch, *merges,
							 &cap_m, sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			*merges = g;
		}
		(*merges)[(*nmerges)++] = jn;
		for (k = 0; k < jn.n; k++)
			ja[jn.many[k]] = *nmerges;
	}
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
	pd_change *c = add(df, split ? PD_CHANGE_CLAIM_SPLIT
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

		if (!(c->parts[k] = dupn(df, p->plain, p->plen)))
			return PD_ENOMEM;
	}
	c->nparts = jn->n;
	if (split)
		c->from = dupn(df, c1->plain, c1->plen);
	else
		c->to = dupn(df, c1->plain, c1->plen);
	if (!(joined = joined_text(df, many, jn, &jl)))
		return PD_ENOMEM;
	if (split)
		classify(c, c1->plain, c1->plen, joined, jl);
	else
		classify(c, joined, jl, c1->plain, c1->plen);
	return 0;
}

static int emit_claims(differ *df, const align_result *r)
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

	for (i = 0; i < b->nclaims; i++) {
		const claim *cb = &b->claims[i], *ca;
		long ai = r->b_to_a[i];
		const char *sec = b->secs[cb->section].path;
		size_t ka, kb, nadd = 0, nrem = 0;
		const pd_source **addv, **remv;

		if (!cb->fp)
			continue;
		if (joined_b[i]) {
			/* a part of a split: the split, at its first part */
			const joining *jn = &splits[joined_b[i] - 1];

			if (jn->many[0] == i &&
			    (err = emit_joining(df, jn, true)) < 0)
				return err;
			continue;
		}
		if (ai >= 0 && joined_a[ai]) {
			/* the claim several of a were merged into */
			if ((err = emit_joining(df, &merges[joined_a[ai] - 1],
						false)) < 0)
				return err;
			continue;
		}
		if (ai < 0) {
			if (!(c = add(df, PD_CHANGE_CLAIM_ADDED, sec)))
				return PD_ENOMEM;
			c->text = dupn(df, cb->plain, cb->plen);
			if (source_list(df, cb->src, cb->nsrc, &c->sources,
					&c->nsources) < 0)
				return PD_ENOMEM;
			continue;
		}
		ca = &a->claims[ai];
		if (ca->fp != cb->fp) {
			if (!(c = add(df, PD_CHANGE_CLAIM_REWORDED, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_SOURCE ? "source"
							      : "similar";
			c->from = dupn(df, ca->plain, ca->plen);
			c->to = dupn(df, cb->plain, cb->plen);
			c->similarity = r->sim[ai];
			if (pd_worddiff(df->d->arena, ca->plain, ca->plen,
					cb->plain, cb->plen, budget, &c->words,
					&c->nwords, &c->budget_cut) < 0)
				return PD_ENOMEM;
			classify(c, ca->plain, ca->plen, cb->plain, cb->plen);
		}
		if (a->secs[ca->section].peer != (long)cb->section ||
		    (para_peer[cb->para] != (long)ca->para && !kept_order[i])) {
			/* to another section, or to another paragraph of its
			 * section (which changes nothing a reader is told:
			 * editorial) */
			if (!(c = add(df, PD_CHANGE_CLAIM_MOVED, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_EXACT ? "exact" : "similar";
			c->text = dupn(df, cb->plain, cb->plen);
			c->from = dup(df, a->secs[ca->section].path);
			c->to = dup(df, sec);
			c->from_paragraph = ca->para_in_sec;
			c->to_paragraph = cb->para_in_sec;
			c->editorial = a->secs[ca->section].peer ==
				       (long)cb->section;
		}
		/* sources, with a's keys seen through source pairs */
		addv = pd_arena_calloc(df->scratch, cb->nsrc + 1, sizeof(*addv));
		remv = pd_arena_calloc(df->scratch, ca->nsrc + 1, sizeof(*remv));
		if (!addv || !remv)
			return PD_ENOMEM;
		for (kb = 0; kb < cb->nsrc; kb++) {
			bool found = false;

			for (ka = 0; ka < ca->nsrc && !found; ka++)
				found = mapped_key(df, ca->src[ka]) ==
					cb->src[kb]->key;
			if (!found)
				addv[nadd++] = cb->src[kb];
		}
		for (ka = 0; ka < ca->nsrc; ka++) {
			bool found = false;
			uint64_t key = mapped_key(df, ca->src[ka]);

			for (kb = 0; kb < cb->nsrc && !found; kb++)
				found = key == cb->src[kb]->key;
			if (!found)
				remv[nrem++] = ca->src[ka];
		}
		if (nadd || nrem) {
			if (!(c = add(df, PD_CHANGE_CLAIM_SOURCES, sec)))
				return PD_ENOMEM;
			c->match = r->how[ai] == ALIGN_EXACT ? "exact" : "similar";
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

		if (!ca->fp || r->a_to_b[k] >= 0 || joined_a[k])
			continue;
		if (!(c = add(df, PD_CHANGE_CLAIM_REMOVED,
			      a->secs[ca->section].path)))
			return PD_ENOMEM;
		c->text = dupn(df, ca->plain, ca->plen);
		if (source_list(df, ca->src, ca->nsrc, &c->sources,
				&c->nsources) < 0)
			return PD_ENOMEM;
	}
	return 0;
}

static int align(differ *df, align_result *r)
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

bool pd_change_substantive(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_CLAIM_REWORDED:
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		return !c->editorial;
	case PD_CHANGE_SOURCE_CHANGED:
		return !(c->nfields == 1 &&
			 strcmp(c->fields[0].field, "accessed") == 0);
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_CLAIM_MOVED:
	case PD_CHANGE_SECTION_RENAMED:
		return false;
	default:
		return true;
	}
}

/* The sides ------------------------------------------------------------------ */

struct pd_differ {
	pd_diff_options o;
	pd_arena *arena; /* the word dictionary, the memo */
	dict words;
	memo memo;
	side *kept[2];   /* the sides of the last diff */
};

static void side_free(side *sd)
{
	if (sd)
		pd_arena_free(sd->arena);
}

static int side_new(differ *df, const pd_profile *p, side **out)
{
	pd_arena *a = pd_arena_new();
	side *sd;
	int err;

	if (!a)
		return PD_ENOMEM;
	sd = pd_arena_calloc(a, 1, sizeof(*sd));
	if (!sd) {
		pd_arena_free(a);
		return PD_ENOMEM;
	}
	sd->arena = a;
	if ((err = prepare(df, sd, p)) < 0) {
		pd_arena_free(a);
		return err;
	}
	*out = sd;
	return 0;
}

/* The side of `p` kept from the last diff (its peers undone), else a new
 * one; never `other`, which the diff already uses. */
static int side_for(pd_differ *dr, differ *df, const pd_profile *p,
		    const side *other, side **out)
{
	size_t k, i;

	for (k = 0; k < 2; k++) {
		side *sd = dr->kept[k];

		if (!sd || sd->p != p || sd == other)
			continue;
		for (i = 0; i < sd->nsecs; i++)
			sd->secs[i].peer = -1;
		for (i = 0; i < sd->nsrcs; i++)
			sd->srcs[i].peer = -1;
		*out = sd;
		return 0;
	}
	return side_new(df, p, out);
}

static bool kept(const pd_differ *dr, const side *sd)
{
	return dr->kept[0] == sd || dr->kept[1] == sd;
}

int pd_differ_new(pd_differ **out, const pd_diff_options *opts)
{
	static const pd_diff_options defaults = PD_DIFF_OPTIONS_INIT;
	pd_differ *dr = calloc(1, sizeof(*dr));

	*out = NULL;
	if (!dr || !(dr->arena = pd_arena_new())) {
		free(dr);
		return PD_ENOMEM;
	}
	dr->o = opts ? *opts : defaults;
	dr->words.a = dr->arena;
	dr->memo.a = dr->arena;
	*out = dr;
	return 0;
}

void pd_differ_free(pd_differ *dr)
{
	if (!dr)
		return;
	side_free(dr->kept[0]);
	side_free(dr->kept[1]);
	pd_arena_free(dr->arena);
	free(dr);
}

/* The diff proper, on prepared sides. */
static int compare(differ *df, const pd_profile *pa, const pd_profile *pb)
{
	pd_change *c;
	align_result r;
	size_t i;
	int err;

	if (pd_date_cmp(pa->last_updated, pb->last_updated) != 0) {
		if (!(c = add(df, PD_CHANGE_LAST_UPDATED, NULL)))
			return PD_ENOMEM;
		c->from = date_str(df, pa->last_updated);
		c->to = date_str(df, pb->last_updated);
	}
	match_sections(df);
	match_sources(df);
	if ((err = align(df, &r)) < 0)
		return err;
	find_renames(df, &r);
	if ((err = emit_sections(df)) < 0 ||
	    (err = emit_laws(df, pa, pb)) < 0 ||
	    (err = emit_treaties(df, pa, pb)) < 0 ||
	    (err = emit_claims(df, &r)) < 0 || (err = emit_sources(df)) < 0)
		return err;
	for (i = 0; i < df->d->nchanges; i++) {
		if (pd_change_substantive(&df->d->changes[i]))
			df->d->substantive++;
		else if (df->d->changes[i].kind != PD_CHANGE_LAST_UPDATED)
			df->d->editorial++;
	}
	return 0;
}

int pd_differ_diff(pd_differ *dr, pd_diff **out, const pd_profile *pa,
		   const pd_profile *pb)
{
	differ df;
	pd_arena *arena;
	side *sa = NULL, *sb = NULL;
	int err = 0;

	*out = NULL;
	memset(&df, 0, sizeof(df));
	df.o = &dr->o;
	df.words = &dr->words;
	df.memo = &dr->memo;
	arena = pd_arena_new();
	df.scratch = pd_arena_new();
	if (!arena || !df.scratch ||
	    !(df.d = pd_arena_alloc(arena, sizeof(*df.d)))) {
		err = PD_ENOMEM;
		goto done;
	}
	memset(df.d, 0, sizeof(*df.d));
	df.d->arena = arena;
	if ((err = side_for(dr, &df, pa, NULL, &sa)) < 0 ||
	    (err = side_for(dr, &df, pb, sa, &sb)) < 0)
		goto done;
	df.a = sa;
	df.b = sb;
	err = compare(&df, pa, pb);
done:
	if (sa && sb) {
		/* these two are kept for the next diff */
		size_t k;

		for (k = 0; k < 2; k++)
			if (dr->kept[k] != sa && dr->kept[k] != sb)
				side_free(dr->kept[k]);
		dr->kept[0] = sa;
		dr->kept[1] = sb;
	} else if (sa && !kept(dr, sa)) {
		side_free(sa);
	}
	pd_buf_free(&df.tmp);
	pd_arena_free(df.scratch);
	if (err < 0) {
		pd_arena_free(arena);
		return err;
	}
	*out = df.d;
	return 0;
}

int pd_diff_profiles(pd_diff **out, const pd_profile *pa,
		     const pd_profile *pb, const pd_diff_options *opts)
{
	pd_differ *dr;
	int err;

	*out = NULL;
	if ((err = pd_differ_new(&dr, opts)) < 0)
		return err;
	err = pd_differ_diff(dr, out, pa, pb);
	pd_differ_free(dr);
	return err;
}

void pd_diff_free(pd_diff *d)
{
	if (d)
		pd_arena_free(d->arena);
}

static void summary_part(pd_buf *out, bool *first, size_t n, const char *one,
			 const char *many, const char *what)
{
	if (!n)
		return;
	pd_buf_printf(out, "%s%zu %s%s%s", *first ? "" : ", ", n,
		      n == 1 ? one : many, what ? " " : "", what ? what : "");
	*first = false;
}

void pd_diff_summarize(pd_buf *out, const pd_diff *d)
{
	const size_t *c = d->count;
	size_t factual = 0, reworded = 0, i;
	bool first = true;

	for (i = 0; i < d->nchanges; i++) {
		const pd_change *ch = &d->changes[i];

		if ((ch->kind != PD_CHANGE_CLAIM_REWORDED &&
		     ch->kind != PD_CHANGE_CLAIM_SPLIT &&
		     ch->kind != PD_CHANGE_CLAIM_MERGED) ||
		    ch->editorial)
			continue;
		reworded++;
		if (ch->factual)
			factual++;
	}
	summary_part(out, &first, c[PD_CHANGE_LAW_ADDED], "law", "laws", "added");
	summary_part(out, &first, c[PD_CHANGE_LAW_CHANGED], "law", "laws",
		     "changed");
	summary_part(out, &first, c[PD_CHANGE_LAW_REMOVED], "law", "laws",
		     "removed");
	summary_part(out, &first,
		     c[PD_CHANGE_TREATY_ADDED] + c[PD_CHANGE_TREATY_CHANGED] +
			     c[PD_CHANGE_TREATY_REMOVED],
		     "treaty", "treaties", "changed");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_ADDED], "claim", "claims",
		     "added");
	summary_part(out, &first, c[PD_CHANGE_CLAIM_REMOVED], "claim", "claims",
		     "removed");
	if (reworded) {
		pd_buf_printf(out, "%s%zu reworded", first ? "" : ", ", reworded);
		if (factual)
			pd_buf_printf(out, " (%zu factual)", factual);
		first = false;
	}
	summary_part(out, &first, c[PD_CHANGE_CLAIM_SOURCES], "claim", "claims",
		     "re-sourced");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_ADDED], "source",
		     "sources", "added");
	summary_part(out, &first, c[PD_CHANGE_SOURCE_REMOVED], "source",
		     "sources", "removed");
	for (i = 0, reworded = 0; i < d->nchanges; i++)
		if (d->changes[i].kind == PD_CHANGE_SOURCE_CHANGED &&
		    pd_change_substantive(&d->changes[i]))
			reworded++;
	summary_part(out, &first, reworded, "source", "sources", "changed");
	summary_part(out, &first, c[PD_CHANGE_SECTION_ADDED], "section",
		     "sections", "added");
	summary_part(out, &first, c[PD_CHANGE_SECTION_REMOVED], "section",
		     "sections", "removed");
	if (first)
		pd_buf_puts(out, "no change in substance");
	if (d->editorial)
		pd_buf_printf(out, "; %zu editorial", d->editorial);
}
