/*
 * extract.c: the laws and treaties of a profile's prose, added to it.
 *
 * Both extractors (extract_law.c, extract_treaty.c) work sentence by
 * sentence and are deliberately conservative: they report what a sentence
 * plainly says and leave the rest to the editor, who reviews every item
 * with its sentence. This file reads every sentence of a profile through
 * them and merges what they find into its `laws` and `treaties`.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/markers.h"
#include "profdiff/extract.h"
#include "grow.h"
#include "scan.h"

typedef struct extractor {
	pd_profile *p;
	const pd_vocab *vocab;
	pd_arena *arena;
	pd_treaty_matcher *tm;
	pd_found *found;
	size_t nfound, capfound;
	size_t caplaws, captreaties;
	uint8_t *lawranks, *treatyranks; /* what each entry's status rests on */
	size_t caplawranks, captreatyranks;
} extractor;

static int add_found(extractor *x, pd_found_kind kind, const char *summary,
		     const char *note, const pd_paragraph *para, pd_span sent)
{
	pd_found *f;

	if (PD_ARENA_GROW(x->arena, x->found, x->nfound, x->capfound) < 0)
		return PD_ENOMEM;
	f = &x->found[x->nfound++];
	f->kind = kind;
	f->summary = summary;
	f->note = note;
	f->para = para;
	f->sentence = sent;
	return 0;
}

/* Adds the numbers of `m` not yet in *cite. */
static int merge_cites(pd_arena *a, uint32_t **cite, size_t *n,
		       const pd_marker *m, size_t nm)
{
	size_t i, j, k;

	for (i = 0; i < nm; i++) {
		for (j = 0; j < m[i].nnumbers; j++) {
			uint32_t x = m[i].numbers[j];
			uint32_t *g;

			for (k = 0; k < *n; k++)
				if ((*cite)[k] == x)
					break;
			if (k < *n)
				continue;
			g = pd_arena_grow(a, *cite, *n * sizeof(*g),
					  (*n + 1) * sizeof(*g));
			if (!g)
				return PD_ENOMEM;
			/* keep ascending order */
			for (k = *n; k > 0 && g[k - 1] > x; k--)
				g[k] = g[k - 1];
			g[k] = x;
			*cite = g;
			(*n)++;
		}
	}
	return 0;
}

static bool same_name(const char *a, const char *b, size_t blen)
{
	size_t i = 0, j = 0, alen = strlen(a);

	/* case-blind, white space runs equal */
	while (i < alen && j < blen) {
		if (a[i] == ' ' && b[j] == ' ') {
			while (i < alen && a[i] == ' ')
				i++;
			while (j < blen && b[j] == ' ')
				j++;
			continue;
		}
		if (scan_lower(a[i]) != scan_lower(b[j]))
			return false;
		i++;
		j++;
	}
	return i == alen && j == blen;
}

static pd_law *find_law(pd_profile *p, const char *name, size_t len)
{
	size_t i, k;

	for (i = 0; i < p->nlaws; i++) {
		pd_law *l = &p->laws[i];

		if (same_name(l->name, name, len) ||
		    (l->short_name && same_name(l->short_name, name, len)))
			return l;
		for (k = 0; k < l->naka; k++)
			if (same_name(l->aka[k], name, len))
				return l;
	}
	return NULL;
}

/* How much a statement weighs: an event with its date outranks one
 * without, which outranks a status guessed from a year alone. Entries
 * that were in the profile before extraction weigh most. */
enum { RANK_NONE, RANK_GUESSED, RANK_SAID, RANK_DATED, RANK_GIVEN };

/* The rank of entry i in *ranks (grown to hold it; new slots take
 * RANK_GIVEN); NULL when out of memory. */
static uint8_t *rank_of(extractor *x, uint8_t **ranks, size_t *cap, size_t i)
{
	if (i >= *cap) {
		size_t old = *cap;

		if (PD_ARENA_GROW(x->arena, *ranks, i, *cap) < 0)
			return NULL;
		memset(*ranks + old, RANK_GIVEN, *cap - old);
	}
	return &(*ranks)[i];
}

static int law_rank(const pd_law_mention *h)
{
	if (h->status == PD_LAW_STATUS_UNKNOWN)
		return RANK_NONE;
	if (!h->said)
		return RANK_GUESSED;
	return h->date.year ? RANK_DATED : RANK_SAID;
}

/* " (2026-08)" for a date, "" without one, in buf. */
static const char *date_note(pd_date d, char buf[16])
{
	char s[11];

	if (!d.year)
		return "";
	pd_date_format(d, s);
	snprintf(buf, 16, " (%s)", s);
	return buf;
}

static int take_law(extractor *x, const pd_paragraph *para, pd_span sent,
		    const char *s, const pd_law_mention *h, const pd_marker *m,
		    size_t nm)
{
	pd_profile *p = x->p;
	pd_law *law = find_law(p, s + h->start, h->end - h->start);
	const char *note = NULL;
	char year[16] = "", d1[16], d2[16];
	pd_law_mention adopted;
	int r = law_rank(h);
	uint8_t *rank;

	/* adopted in a year before the profile's: in force by now (a law
	 * comes into force within months of its adoption) */
	if (h->status == PD_LAW_ADOPTED && h->date.year &&
	    p->last_updated.year && h->date.year < p->last_updated.year) {
		adopted = *h;
		adopted.status = PD_LAW_IN_FORCE;
		h = &adopted;
	}

	if (!law) {
		if (PD_ARENA_GROW(x->arena, p->laws, p->nlaws, x->caplaws) < 0)
			return PD_ENOMEM;
		law = &p->laws[p->nlaws++];
		memset(law, 0, sizeof(*law));
		law->name = pd_arena_strndup(x->arena, s + h->start,
					     h->end - h->start);
		if (!law->name)
			return PD_ENOMEM;
		law->type = h->type;
		law->status = PD_LAW_STATUS_UNKNOWN;
		law->year = h->year;
		law->pos = para->pos;
		if (!(rank = rank_of(x, &x->lawranks, &x->caplawranks,
				     p->nlaws - 1)))
			return PD_ENOMEM;
		*rank = RANK_NONE;
	} else {
		if (!(rank = rank_of(x, &x->lawranks, &x->caplawranks,
				     (size_t)(law - p->laws))))
			return PD_ENOMEM;
		if (!law->year)
			law->year = h->year;
		else if (h->year && h->year != law->year)
			note = pd_arena_sprintf(x->arena,
					 "year %d here, %d where first named",
					 h->year, law->year);
	}
	if (r > *rank || (r == RANK_DATED && *rank == RANK_DATED &&
			  pd_date_cmp(h->date, law->date) > 0)) {
		/* a later or surer statement of the law's status */
		if (*rank > RANK_NONE && h->status != law->status)
			note = pd_arena_sprintf(x->arena,
					 "%s%s here outranks %s%s said earlier",
					 pd_law_status_name(h->status),
					 date_note(h->date, d1),
					 pd_law_status_name(law->status),
					 date_note(law->date, d2));
		law->status = h->status;
		law->date = h->date;
		*rank = (uint8_t)r;
	} else if (r > RANK_NONE && h->status != law->status) {
		note = pd_arena_sprintf(x->arena, "%s%s here, %s%s where first named: "
					   "kept %s",
				 pd_law_status_name(h->status),
				 date_note(h->date, d1),
				 pd_law_status_name(law->status),
				 date_note(law->date, d2),
				 pd_law_status_name(law->status));
	}
	if (!law->short_name && h->short_s) {
		law->short_name = pd_arena_strndup(x->arena, s + h->short_s,
						   h->short_e - h->short_s);
		if (!law->short_name)
			return PD_ENOMEM;
	}
	if (!law->replaced_by && h->repl_e > h->repl_s) {
		law->replaced_by = pd_arena_strndup(x->arena, s + h->repl_s,
						    h->repl_e - h->repl_s);
		if (!law->replaced_by)
			return PD_ENOMEM;
	}
	if (merge_cites(x->arena, &law->cite, &law->ncite, m, nm) < 0)
		return PD_ENOMEM;
	if (h->year)
		snprintf(year, sizeof(year), " (%d)", h->year);
	return add_found(x, PD_FOUND_LAW,
			 pd_arena_sprintf(x->arena, "%.*s%s: %s, %s%s%s%.*s",
				   (int)(h->end - h->start), s + h->start, year,
				   pd_law_type_name(h->type),
				   pd_law_status_name(h->status),
				   date_note(h->date, d1),
				   h->repl_e > h->repl_s ? ", replaced by " : "",
				   (int)(h->repl_e - h->repl_s), s + h->repl_s),
			 note, para, sent);
}

/* A reservation to treaty t (NULL: not yet listed): the status stays as
 * it is said elsewhere, the reservation and its latest date are kept. */
static int take_reservation(extractor *x, const pd_paragraph *para,
			    pd_span sent, const pd_treaty_statement *ts,
			    pd_treaty *t, const pd_treaty_def *def,
			    const pd_marker *m, size_t nm)
{
	pd_profile *p = x->p;
	char d1[16];
	uint8_t *rank;

	if (!t) {
		if (PD_ARENA_GROW(x->arena, p->treaties, p->ntreaties,
				  x->captreaties) < 0)
			return PD_ENOMEM;
		t = &p->treaties[p->ntreaties++];
		memset(t, 0, sizeof(*t));
		t->id = pd_arena_strdup(x->arena, def->id);
		if (!t->id)
			return PD_ENOMEM;
		t->status = PD_TREATY_UNKNOWN;
		t->pos = para->pos;
		if (!(rank = rank_of(x, &x->treatyranks, &x->captreatyranks,
				     p->ntreaties - 1)))
			return PD_ENOMEM;
		*rank = RANK_NONE; /* any status said outranks none */
	}
	t->reserved = true;
	if (pd_date_cmp(ts->date, t->reservation) > 0)
		t->reservation = ts->date;
	if (merge_cites(x->arena, &t->cite, &t->ncite, m, nm) < 0)
		return PD_ENOMEM;
	return add_found(x, PD_FOUND_TREATY,
			 pd_arena_sprintf(x->arena, "%s: reservation%s",
					  def->id, date_note(ts->date, d1)),
			 NULL, para, sent);
}

static int take_treaty(extractor *x, const pd_paragraph *para, pd_span sent,
		       const pd_treaty_statement *ts, const pd_marker *m,
		       size_t nm)
{
	pd_profile *p = x->p;
	const pd_treaty_def *def = pd_vocab_get(x->vocab, (size_t)ts->treaty);
	pd_treaty *t = NULL;
	const char *note = NULL;
	int r = ts->date.year ? RANK_DATED : RANK_SAID;
	char d1[16], d2[16];
	uint8_t *rank;
	size_t i;

	for (i = 0; i < p->ntreaties; i++)
		if (strcmp(p->treaties[i].id, def->id) == 0)
			t = &p->treaties[i];
	if (ts->reservation)
		return take_reservation(x, para, sent, ts, t, def, m, nm);
	if (!t) {
		if (PD_ARENA_GROW(x->arena, p->treaties, p->ntreaties,
				  x->captreaties) < 0)
			return PD_ENOMEM;
		t = &p->treaties[p->ntreaties++];
		memset(t, 0, sizeof(*t));
		t->id = pd_arena_strdup(x->arena, def->id);
		if (!t->id)
			return PD_ENOMEM;
		t->status = ts->status;
		t->via = ts->via;
		t->date = ts->date;
		t->pos = para->pos;
		if (!(rank = rank_of(x, &x->treatyranks, &x->captreatyranks,
				     p->ntreaties - 1)))
			return PD_ENOMEM;
		*rank = (uint8_t)r;
	} else {
		if (!(rank = rank_of(x, &x->treatyranks, &x->captreatyranks,
				     (size_t)(t - p->treaties))))
			return PD_ENOMEM;
		if (r > *rank || (r == RANK_DATED && *rank == RANK_DATED &&
				  pd_date_cmp(ts->date, t->date) > 0)) {
			/* a dated event outranks what was said before it */
			if (t->status != ts->status && *rank > RANK_NONE)
				note = pd_arena_sprintf(
					x->arena,
					"%s%s here outranks %s%s said earlier",
					pd_treaty_status_name(ts->status),
					date_note(ts->date, d1),
					pd_treaty_status_name(t->status),
					date_note(t->date, d2));
			t->status = ts->status;
			t->via = ts->via;
			t->date = ts->date;
			*rank = (uint8_t)r;
		} else if (t->status != ts->status) {
			if (r == *rank && t->status == PD_TREATY_SIGNATORY &&
			    ts->status == PD_TREATY_PARTY) {
				note = pd_arena_sprintf(x->arena,
						 "party here outranks signatory "
						 "said earlier");
				t->status = PD_TREATY_PARTY;
				t->via = ts->via;
			} else {
				note = pd_arena_sprintf(
					x->arena,
					"%s%s here, but %s%s said earlier: "
					"kept %s",
					pd_treaty_status_name(ts->status),
					date_note(ts->date, d1),
					pd_treaty_status_name(t->status),
					date_note(t->date, d2),
					pd_treaty_status_name(t->status));
			}
		} else {
			if (t->via == PD_VIA_NONE)
				t->via = ts->via;
			if (!t->date.year)
				t->date = ts->date;
		}
	}
	if (!note || t->status == ts->status)
		if (merge_cites(x->arena, &t->cite, &t->ncite, m, nm) < 0)
			return PD_ENOMEM;
	return add_found(
		x, PD_FOUND_TREATY,
		pd_arena_sprintf(x->arena, "%s: %s%s%s%s", def->id,
			  pd_treaty_status_name(ts->status),
			  ts->via ? " by " : "",
			  ts->via ? pd_treaty_via_name(ts->via) : "",
			  date_note(ts->date, d1)),
		note, para, sent);
}

static int read_sentence(extractor *x, const pd_paragraph *para, pd_span sp)
{
	const char *s = para->text + sp.start;
	size_t len = sp.end - sp.start, nm, nts, i;
	pd_marker *m;
	pd_treaty_statement *ts;
	int err;

	if ((err = pd_markers(x->arena, s, len, &m, &nm)) < 0)
		return err;
	if ((err = pd_treaty_matcher_statements(x->tm, x->arena, s, len,
				   &ts, &nts)) < 0)
		return err;
	for (i = 0; i < nts; i++)
		if ((err = take_treaty(x, para, sp, &ts[i], m, nm)) < 0)
			return err;
	{
		pd_law_mention *lm;
		size_t nlm;

		if ((err = pd_law_mentions(x->arena, s, len, &lm, &nlm)) < 0)
			return err;
		for (i = 0; i < nlm; i++)
			if ((err = take_law(x, para, sp, s, &lm[i], m, nm)) < 0)
				return err;
	}
	return 0;
}

static int read_sections(extractor *x, pd_section *secs, size_t n)
{
	size_t i, j, k;
	int err;

	for (i = 0; i < n; i++) {
		pd_section *sec = &secs[i];

		for (j = 0; j < sec->nparagraphs; j++) {
			const pd_paragraph *para = &sec->paragraphs[j];
			pd_span *sp;
			size_t ns;

			if ((err = pd_sentences(x->arena, para->text, para->len,
						&sp, &ns)) < 0)
				return err;
			for (k = 0; k < ns; k++)
				if ((err = read_sentence(x, para, sp[k])) < 0)
					return err;
		}
		/* depth is bounded by PD_MAX_SECTION_DEPTH */
		if ((err = read_sections(x, sec->sections, sec->nsections)) < 0)
			return err;
	}
	return 0;
}

int pd_extract(pd_profile *p, const pd_vocab *vocab, pd_found **out,
	       size_t *n)
{
	extractor x;
	int err;

	memset(&x, 0, sizeof(x));
	x.p = p;
	x.vocab = vocab;
	x.arena = p->arena;
	x.caplaws = p->nlaws;
	x.captreaties = p->ntreaties;
	if ((err = pd_treaty_matcher_new(&x.tm, p->arena, vocab)) < 0)
		return err;
	if ((err = read_sections(&x, p->sections, p->nsections)) < 0)
		return err;
	if ((err = pd_profile_canonicalize(p, vocab, NULL)) < 0)
		return err;
	*out = x.found;
	*n = x.nfound;
	return 0;
}

