/*
 * extract.c: laws and treaties read from prose.
 *
 * Both extractors work sentence by sentence and are deliberately
 * conservative: they report what a sentence plainly says and leave the
 * rest to the editor, who reviews every item with its sentence.
 *
 * Treaties. A sentence is read left to right as a series of events:
 * treaty mentions (any alias of the vocabulary, longest first, plus the
 * joint forms "the 1954 and 1961 Statelessness Conventions") and status
 * phrases ("has ratified", "is not a party to", "has not yet ratified",
 * "acceded to", "signed but not ratified", "a signatory to", ...). A
 * mention takes the status of the last phrase before it; "except" after a
 * "party" phrase turns the rest of the list into "not-party"; "but",
 * "while", ";" end a clause; a passive phrase ("X was ratified") gives its
 * status to the mentions just before it. Mentions with no status phrase
 * ("obligations under the CRC") say nothing and are left out.
 *
 * Laws. A law name is a run of words around a keyword (Law, Code, Act,
 * Decree, Sub-Decree, Regulation, Policy, Strategy, Plan, Constitution):
 * capitalised words before it ("Penal Code", "DPRK Nationality Law"), and
 * after it "No. 47", a number, or "on"/"of"/"for" followed by capitalised
 * words and connectors ("Law on the Protection of the Rights of Children",
 * "Law on e-transactions"). A year comes from "the 2023 Law on ...",
 * "(2017)", a range "2022-2035" that is part of the name, or ", adopted in
 * 2023"; the status from "draft"/"proposed" before the name, "adopted",
 * "enacted" after it, else in force when a year is given and unknown
 * otherwise. A name of one word ("the Code"), or one naming a convention,
 * declaration or framework, is not a law.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/citations.h"
#include "profdiff/extract.h"
#include "scan.h"

static bool is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 'a' - 'A') : c;
}

/* True for "ICCPR", "REFUGEE-1951": matched with their case. */
static bool all_caps(const char *w)
{
	for (; *w; w++)
		if (*w >= 'a' && *w <= 'z')
			return false;
	return true;
}

/* Matches `phrase` at s[i], on word boundaries: case-blind unless the
 * phrase is all capitals (so "cat" is not CAT); an apostrophe in the
 * phrase also matches U+2019. Returns the length matched, or 0. */
static size_t match_phrase_as(const char *s, size_t len, size_t i,
			      const char *phrase, bool exact)
{
	size_t j = i;

	/* the first character rules out nearly every phrase, cheaply */
	if (i >= len || (phrase[0] != '\'' && lower(s[i]) != lower(phrase[0])))
		return 0;
	if (i > 0 && is_alnum((unsigned char)s[i - 1]))
		return 0;
	for (; *phrase; phrase++) {
		if (*phrase == '\'' && j + 2 < len &&
		    memcmp(s + j, "\xE2\x80\x99", 3) == 0) {
			j += 3;
			continue;
		}
		if (j >= len || (exact ? s[j] != *phrase
				       : lower(s[j]) != lower(*phrase)))
			return 0;
		j++;
	}
	if (j < len && is_alnum((unsigned char)s[j]))
		return 0;
	return j - i;
}

/* Treaties ---------------------------------------------------------------- */

typedef enum { TR_STATUS, TR_PASSIVE, TR_EXCEPT, TR_RESET } trigger_kind;

typedef struct trigger {
	const char *phrase;
	trigger_kind kind;
	pd_treaty_status status;
	pd_treaty_via via;
} trigger;

/* Longest phrases first where one is the start of another. */
static const trigger triggers[] = {
	{"signed but has not ratified", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"signed but not ratified", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"signed but not yet ratified", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"has not yet ratified", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"have not yet ratified", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"has not ratified", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"have not ratified", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"not yet ratified", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"has yet to ratify", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"is yet to ratify", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"has not acceded to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"has not signed", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"is not a state party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"is not a party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"is not party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"not a state party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"not a party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"not party to", TR_STATUS, PD_TREATY_NOT_PARTY, 0},
	{"has withdrawn from", TR_STATUS, PD_TREATY_WITHDRAWN, 0},
	{"withdrew from", TR_STATUS, PD_TREATY_WITHDRAWN, 0},
	{"is a signatory to", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"a signatory to", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"signatory to", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"signatory of", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"has signed", TR_STATUS, PD_TREATY_SIGNATORY, 0},
	{"has acceded to", TR_STATUS, PD_TREATY_PARTY, PD_VIA_ACCESSION},
	{"acceded to", TR_STATUS, PD_TREATY_PARTY, PD_VIA_ACCESSION},
	{"accession to", TR_STATUS, PD_TREATY_PARTY, PD_VIA_ACCESSION},
	{"succeeded to", TR_STATUS, PD_TREATY_PARTY, PD_VIA_SUCCESSION},
	{"has ratified", TR_STATUS, PD_TREATY_PARTY, 0},
	{"have ratified", TR_STATUS, PD_TREATY_PARTY, 0},
	{"ratified", TR_STATUS, PD_TREATY_PARTY, 0},
	{"ratification of", TR_STATUS, PD_TREATY_PARTY, 0},
	{"is a state party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"is a party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"is party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"a state party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"a party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"party to", TR_STATUS, PD_TREATY_PARTY, 0},
	{"has not been ratified", TR_PASSIVE, PD_TREATY_NOT_PARTY, 0},
	{"have not been ratified", TR_PASSIVE, PD_TREATY_NOT_PARTY, 0},
	{"was not ratified", TR_PASSIVE, PD_TREATY_NOT_PARTY, 0},
	{"has been ratified", TR_PASSIVE, PD_TREATY_PARTY, 0},
	{"have been ratified", TR_PASSIVE, PD_TREATY_PARTY, 0},
	{"was ratified", TR_PASSIVE, PD_TREATY_PARTY, 0},
	{"were ratified", TR_PASSIVE, PD_TREATY_PARTY, 0},
	{"was acceded to", TR_PASSIVE, PD_TREATY_PARTY, PD_VIA_ACCESSION},
	{"was signed", TR_PASSIVE, PD_TREATY_SIGNATORY, 0},
	{"except", TR_EXCEPT, 0, 0},
	{"with the exception of", TR_EXCEPT, 0, 0},
	{"but", TR_RESET, 0, 0},
	{"while", TR_RESET, 0, 0},
	{"whereas", TR_RESET, 0, 0},
	{"although", TR_RESET, 0, 0},
	{"however", TR_RESET, 0, 0},
	{";", TR_RESET, 0, 0},
};

#define NTRIGGERS (sizeof(triggers) / sizeof(triggers[0]))
_Static_assert(NTRIGGERS < 256, "trigger groups are counted in bytes");

/* Joint mentions of two treaties. */
static const struct {
	const char *phrase;
	const char *ids[2];
} joint[] = {
	{"1954 and 1961 Statelessness Conventions",
	 {"STATELESS-1954", "STATELESS-1961"}},
	{"1954 and 1961 Stateless Conventions",
	 {"STATELESS-1954", "STATELESS-1961"}},
	{"1954 and 1961 Conventions on Statelessness",
	 {"STATELESS-1954", "STATELESS-1961"}},
	{"1954 and 1961 Conventions", {"STATELESS-1954", "STATELESS-1961"}},
	{"Statelessness Conventions", {"STATELESS-1954", "STATELESS-1961"}},
	{"1951 Refugee Convention and its 1967 Protocol",
	 {"REFUGEE-1951", "REFUGEE-1967"}},
};

/* The first bytes of a phrase, lower-cased, as two words, and the mask of
 * those that count: a text whose first 16 bytes, lower-cased, differ under
 * the mask cannot match, which one comparison tells. The prefix stops
 * before an apostrophe (it may match U+2019) and at the phrase's end. */
typedef struct prefix16 {
	uint64_t w[2], mask[2];
} prefix16;

typedef struct alias {
	const char *text;
	char first; /* its first character, lower-cased: a quick filter */
	bool exact; /* all capitals: matched with its case */
	size_t len;
	prefix16 pre;
	int ids[2];
	int nids;
} alias;

/* The first `n` (at most 16) bytes at `p`, lower-cased, as two words,
 * zero past them; eight bytes at a time: a byte from 'A' to 'Z' gets 0x20
 * (its high bit, from scan_in_range, shifted down). */
static void lower16(const char *p, size_t n, uint64_t w[2])
{
	char b[16] = {0};
	size_t k;

	memcpy(b, p, n);
	for (k = 0; k < 2; k++) {
		uint64_t x = scan_load8(b + 8 * k);

		w[k] = x | (scan_in_range(x, 'A', 'Z') >> 2);
	}
}

static prefix16 phrase_prefix(const char *p)
{
	prefix16 x;
	size_t n = strcspn(p, "'"), j;

	if (n > 16)
		n = 16;
	lower16(p, n, x.w);
	x.mask[0] = x.mask[1] = 0;
	for (j = 0; j < n; j++)
		x.mask[j / 8] |= (uint64_t)0xFF << (j % 8 * 8);
	return x;
}

/* The 16 bytes of s at i, lower-cased, as phrase_prefix() lays them out
 * (zero past the end). */
static void text_prefix(const char *s, size_t len, size_t i, uint64_t w[2])
{
	lower16(s + i, len - i < 16 ? len - i : 16, w);
}

static bool prefix_may_match(const prefix16 *p, const uint64_t w[2])
{
	return ((w[0] & p->mask[0]) ^ p->w[0]) == 0 &&
	       ((w[1] & p->mask[1]) ^ p->w[1]) == 0;
}

static int alias_cmp(const void *x, const void *y)
{
	const alias *a = x, *b = y;

	return (a->len < b->len) - (a->len > b->len);
}

/* The aliases grouped by their first character (lower-cased), longest
 * first within a group: at a position only the group of its character can
 * match (and any alias opening with an apostrophe, which may match
 * U+2019). */
typedef struct alias_index {
	const alias *v;
	size_t n;
	size_t start[257]; /* group c is v[start[c] .. start[c + 1]) */
	bool quote;        /* some alias opens with an apostrophe */
	/* the triggers grouped the same way, in their order: group c is
	 * triggers[tv[tstart[c] .. tstart[c + 1])] */
	unsigned char tstart[257];
	unsigned char tv[NTRIGGERS];
	prefix16 tpre[NTRIGGERS]; /* each trigger's prefix and case rule */
	bool texact[NTRIGGERS];
	/* bit (a << 8 | b) is set when some alias or trigger (pairs), some
	 * alias (apairs), may start with the bytes a, b lower-cased (b is 0
	 * at the end of the text): at most word starts no phrase can, which
	 * one look-up tells */
	uint64_t pairs[65536 / 64], apairs[65536 / 64];
	bool alnum[256]; /* is_alnum(), by table for the scan */
} alias_index;

static void set_pair(uint64_t *pairs, unsigned a, unsigned b)
{
	pairs[(a << 8 | b) / 64] |= (uint64_t)1 << ((a << 8 | b) % 64);
}

/* The two first bytes a phrase may match: an apostrophe may be U+2019. */
static void add_pairs(uint64_t *pairs, const char *phrase)
{
	unsigned a = (unsigned char)lower(phrase[0]), b, x;

	if (!phrase[1]) {
		for (x = 0; x < 256; x++)
			set_pair(pairs, a, x);
		return;
	}
	b = (unsigned char)lower(phrase[1]);
	if (a == '\'')
		for (x = 0; x < 256; x++)
			set_pair(pairs, 0xE2, x);
	set_pair(pairs, a, b);
	if (b == '\'')
		set_pair(pairs, a, 0xE2);
}

/* May a phrase of `pairs` start at s[i]? */
static bool pair_may_start(const uint64_t *pairs, const char *s, size_t len,
			   size_t i)
{
	unsigned a = (unsigned char)lower(s[i]);
	unsigned b = i + 1 < len ? (unsigned char)lower(s[i + 1]) : 0;

	return pairs[(a << 8 | b) / 64] >> ((a << 8 | b) % 64) & 1;
}

/* All aliases of the vocabulary, longest first. */
static alias *build_aliases(pd_arena *arena, const pd_vocab *vocab,
			    size_t *n)
{
	size_t nv = pd_vocab_count(vocab), count = 0, i, k;
	alias *v;

	for (i = 0; i < nv; i++) {
		const pd_treaty_def *d = pd_vocab_get(vocab, i);

		count++; /* the id itself */
		for (k = 0; d->aliases && d->aliases[k]; k++)
			count++;
	}
	count += sizeof(joint) / sizeof(joint[0]);
	count += vocab ? vocab->naliases : 0;
	v = pd_arena_calloc(arena, count, sizeof(*v));
	if (!v)
		return NULL;
	count = 0;
	for (i = 0; i < nv; i++) {
		const pd_treaty_def *d = pd_vocab_get(vocab, i);

		v[count].text = d->id;
		v[count].ids[0] = (int)i;
		v[count++].nids = 1;
		for (k = 0; d->aliases && d->aliases[k]; k++) {
			v[count].text = d->aliases[k];
			v[count].ids[0] = (int)i;
			v[count++].nids = 1;
		}
	}
	for (i = 0; vocab && i < vocab->naliases; i++) {
		const pd_vocab_alias *va = &vocab->aliases[i];
		int id = pd_vocab_find(vocab, va->id, strlen(va->id));

		if (id < 0)
			continue;
		v[count].text = va->alias;
		v[count].ids[0] = id;
		v[count++].nids = 1;
	}
	for (i = 0; i < sizeof(joint) / sizeof(joint[0]); i++) {
		int a = pd_vocab_find(vocab, joint[i].ids[0],
				      strlen(joint[i].ids[0]));
		int b = pd_vocab_find(vocab, joint[i].ids[1],
				      strlen(joint[i].ids[1]));

		if (a < 0 || b < 0)
			continue;
		v[count].text = joint[i].phrase;
		v[count].ids[0] = a;
		v[count].ids[1] = b;
		v[count++].nids = 2;
	}
	for (i = 0; i < count; i++) {
		v[i].len = strlen(v[i].text);
		v[i].first = lower(v[i].text[0]);
		v[i].exact = all_caps(v[i].text);
		v[i].pre = phrase_prefix(v[i].text);
	}
	qsort(v, count, sizeof(*v), alias_cmp);
	*n = count;
	return v;
}

/* The aliases of the vocabulary, indexed; NULL when out of memory. */
static alias_index *index_aliases(pd_arena *arena, const pd_vocab *vocab)
{
	alias_index *ix = pd_arena_calloc(arena, 1, sizeof(*ix));
	alias *all, *v;
	size_t n, i, c, at[256];
	unsigned char tfirst[NTRIGGERS];

	if (!ix || !(all = build_aliases(arena, vocab, &n)))
		return NULL;
	v = pd_arena_calloc(arena, n ? n : 1, sizeof(*v));
	if (!v)
		return NULL;
	/* a stable counting sort by first character keeps the order */
	for (i = 0; i < n; i++) {
		ix->start[(unsigned char)all[i].first + 1]++;
		if (all[i].first == '\'')
			ix->quote = true;
	}
	for (c = 1; c <= 256; c++)
		ix->start[c] += ix->start[c - 1];
	memcpy(at, ix->start, sizeof(at));
	for (i = 0; i < n; i++)
		v[at[(unsigned char)all[i].first]++] = all[i];
	ix->v = ix->quote ? all : v; /* with a quote: scan them all */
	ix->n = n;
	for (c = 0; c < 256; c++)
		ix->alnum[c] = is_alnum((unsigned char)c);
	for (i = 0; i < n; i++) {
		add_pairs(ix->pairs, all[i].text);
		add_pairs(ix->apairs, all[i].text);
	}
	for (i = 0; i < NTRIGGERS; i++)
		add_pairs(ix->pairs, triggers[i].phrase);
	for (i = 0; i < NTRIGGERS; i++) {
		tfirst[i] = (unsigned char)lower(triggers[i].phrase[0]);
		ix->tpre[i] = phrase_prefix(triggers[i].phrase);
		ix->texact[i] = all_caps(triggers[i].phrase);
	}
	scan_group_by_byte(tfirst, NTRIGGERS, ix->tstart, ix->tv);
	return ix;
}

/* The candidates at s[i]: [*lo, *hi) of ix->v. */
static void candidates(const alias_index *ix, char c, size_t *lo, size_t *hi)
{
	unsigned char k = (unsigned char)lower(c);

	if (ix->quote) {
		*lo = 0;
		*hi = ix->n;
		return;
	}
	*lo = ix->start[k];
	*hi = ix->start[k + 1];
}

typedef struct tstate {
	pd_arena *arena;
	pd_treaty_statement *v;
	size_t n, cap;
} tstate;

static int add_statement(tstate *st, int treaty, pd_treaty_status status,
			 pd_treaty_via via, size_t start, size_t end,
			 size_t phrase)
{
	if (st->n == st->cap) {
		pd_treaty_statement *g = pd_arena_grow_array(
			st->arena, st->v, &st->cap,
							sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		st->v = g;
	}
	st->v[st->n].treaty = treaty;
	st->v[st->n].status = status;
	st->v[st->n].via = via;
	st->v[st->n].start = start;
	st->v[st->n].end = end;
	st->v[st->n].phrase_start = phrase;
	st->v[st->n].phrase_end = end;
	st->n++;
	return 0;
}

/* The first treaty name in s: its treaty's index and its bytes in
 * [*start, *end) (either may be NULL), or -1. */
static int find_alias(const alias_index *ix, const char *s, size_t len,
		      size_t *start, size_t *end)
{
	size_t i = 0, k, lo, hi, n;
	uint64_t tw[2];

	while (i < len) {
		if (i > 0 && ix->alnum[(unsigned char)s[i - 1]]) {
			/* within a word: on past it and the byte after it */
			while (i < len && ix->alnum[(unsigned char)s[i]])
				i++;
			i++;
			continue;
		}
		if (!pair_may_start(ix->apairs, s, len, i)) {
			i++;
			continue;
		}
		candidates(ix, s[i], &lo, &hi);
		text_prefix(s, len, i, tw);
		for (k = lo; k < hi; k++) {
			if (!prefix_may_match(&ix->v[k].pre, tw) ||
			    !(n = match_phrase_as(s, len, i, ix->v[k].text,
						  ix->v[k].exact)))
				continue;
			if (start)
				*start = i;
			if (end)
				*end = i + n;
			return ix->v[k].ids[0];
		}
		i++;
	}
	return -1;
}

static int statements_with(pd_arena *arena, const alias_index *ix,
			   const char *s, size_t len,
			   pd_treaty_statement **out, size_t *n)
{
	const alias *aliases = ix->v;
	size_t lo, hi;
	tstate st = {arena, NULL, 0, 0};
	bool have = false;
	pd_treaty_status cur = PD_TREATY_UNKNOWN;
	pd_treaty_via via = PD_VIA_NONE;
	size_t pending = 0; /* statements [pending, n) await a passive */
	size_t phrase = 0;  /* where the current status phrase starts */
	size_t i = 0, k;
	uint64_t tw[2];
	int err;

	/* a statement needs a treaty's name: most sentences have none */
	*out = NULL;
	*n = 0;
	if (find_alias(ix, s, len, NULL, NULL) < 0)
		return 0;
	while (i < len) {
		size_t m = 0;

		if (i > 0 && ix->alnum[(unsigned char)s[i - 1]] &&
		    s[i] != ';') {
			/* within a word: on past it, to the byte after it
			 * (unless a ';', a phrase of its own) */
			while (i < len && ix->alnum[(unsigned char)s[i]])
				i++;
			if (i < len && s[i] != ';')
				i++;
			continue;
		}
		if (!pair_may_start(ix->pairs, s, len, i)) {
			i++;
			continue;
		}
		/* a word starts: its first 16 bytes for both look-ups */
		text_prefix(s, len, i, tw);
		lo = ix->tstart[(unsigned char)lower(s[i])];
		hi = ix->tstart[(unsigned char)lower(s[i]) + 1];
		for (k = lo; k < hi; k++) {
			const trigger *t = &triggers[ix->tv[k]];

			if (t->phrase[0] == ';')
				m = s[i] == ';';
			else if (!prefix_may_match(&ix->tpre[ix->tv[k]], tw))
				m = 0;
			else
				m = match_phrase_as(s, len, i, t->phrase,
						    ix->texact[ix->tv[k]]);
			if (!m)
				continue;
			switch (t->kind) {
			case TR_STATUS:
				have = true;
				cur = t->status;
				via = t->via;
				pending = st.n;
				phrase = i;
				break;
			case TR_EXCEPT:
				if (have && cur == PD_TREATY_PARTY) {
					cur = PD_TREATY_NOT_PARTY;
					via = PD_VIA_NONE;
				}
				break;
			case TR_RESET:
				have = false;
				pending = st.n;
				break;
			case TR_PASSIVE:
				break;
			}
			if (t->kind == TR_PASSIVE) {
				/* "the ICCPR was ratified": the unassigned
				 * mentions just before take this status */
				size_t j;

				for (j = pending; j < st.n; j++) {
					if (st.v[j].status !=
					    PD_TREATY_STATUS_COUNT)
						continue;
					st.v[j].status = t->status;
					st.v[j].via = t->via;
					st.v[j].phrase_start = st.v[j].start;
					st.v[j].phrase_end = i + m;
				}
				pending = st.n;
			}
			break;
		}
		if (m) {
			i += m;
			continue;
		}
		candidates(ix, s[i], &lo, &hi);
		for (k = lo; k < hi; k++) {
			int a;

			if (!prefix_may_match(&aliases[k].pre, tw))
				continue;
			m = match_phrase_as(s, len, i, aliases[k].text,
					    aliases[k].exact);
			if (!m)
				continue;
			for (a = 0; a < aliases[k].nids; a++) {
				/* PD_TREATY_STATUS_COUNT marks "no status
				 * yet": a later passive phrase may give one */
				err = add_statement(
					&st, aliases[k].ids[a],
					have ? cur : PD_TREATY_STATUS_COUNT,
					have ? via : PD_VIA_NONE, i, i + m,
					have ? phrase : i);
				if (err < 0)
					return err;
			}
			break;
		}
		i += m ? m : 1;
	}
	/* drop the mentions that no phrase gave a status */
	for (i = 0, k = 0; i < st.n; i++)
		if (st.v[i].status != PD_TREATY_STATUS_COUNT)
			st.v[k++] = st.v[i];
	*out = st.v;
	*n = k;
	return 0;
}

struct pd_treaty_matcher {
	alias_index *ix;
};

int pd_treaty_matcher_new(pd_treaty_matcher **out, pd_arena *arena,
			  const pd_vocab *vocab)
{
	pd_treaty_matcher *m = pd_arena_alloc(arena, sizeof(*m));

	*out = NULL;
	if (!m)
		return PD_ENOMEM;
	m->ix = index_aliases(arena, vocab);
	if (!m->ix)
		return PD_ENOMEM;
	*out = m;
	return 0;
}

int pd_treaty_matcher_statements(const pd_treaty_matcher *m, pd_arena *arena,
				 const char *s, size_t len,
				 pd_treaty_statement **out, size_t *n)
{
	return statements_with(arena, m->ix, s, len, out, n);
}

int pd_treaty_matcher_find(const pd_treaty_matcher *m, const char *s,
			   size_t len, size_t *start, size_t *end)
{
	return find_alias(m->ix, s, len, start, end);
}

int pd_treaty_statements(pd_arena *arena, const pd_vocab *vocab,
			 const char *s, size_t len, pd_treaty_statement **out,
			 size_t *n)
{
	pd_treaty_matcher *m;
	int err;

	if ((err = pd_treaty_matcher_new(&m, arena, vocab)) < 0)
		return err;
	return pd_treaty_matcher_statements(m, arena, s, len, out, n);
}

/* Laws --------------------------------------------------------------------- */

typedef struct token {
	size_t ws, we; /* the whole token, punctuation included */
	size_t s, e;   /* its word, without leading or trailing punctuation */
} token;

static bool strip_lead(const char *s, size_t i, size_t e, size_t *w)
{
	if (i >= e)
		return false;
	if (s[i] && strchr("([\"'", s[i])) {
		*w = 1;
		return true;
	}
	if (e - i >= 3 && (memcmp(s + i, "\xE2\x80\x98", 3) == 0 ||
			   memcmp(s + i, "\xE2\x80\x9C", 3) == 0)) {
		*w = 3;
		return true;
	}
	return false;
}

static size_t strip_trail(const char *s, size_t b, size_t e)
{
	for (;;) {
		if (e > b && s[e - 1] && strchr(",;:.)]\"'!?", s[e - 1])) {
			/* a citation marker "[12]" goes as a whole */
			if (s[e - 1] == ']') {
				size_t k = e - 1;

				while (k > b && s[k - 1] != '[')
					k--;
				if (k > b && pd_marker_len(s, e, k - 1) ==
						     e - (k - 1)) {
					e = k - 1;
					continue;
				}
			}
			e--;
			continue;
		}
		if (e - b >= 3 && (memcmp(s + e - 3, "\xE2\x80\x99", 3) == 0 ||
				   memcmp(s + e - 3, "\xE2\x80\x9D", 3) == 0)) {
			e -= 3;
			continue;
		}
		return e;
	}
}

static token *tokenize(pd_arena *a, const char *s, size_t len, size_t *n)
{
	token *v = NULL;
	size_t cap = 0, cnt = 0, i = 0;

	while (i < len) {
		size_t ws, we, w;
		token *t;

		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		ws = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		we = i;
		if (cnt == cap) {
			token *g = pd_arena_grow_array(a, v, &cap, sizeof(*g));

			if (!g)
				return NULL;
			v = g;
		}
		t = &v[cnt++];
		t->ws = ws;
		t->we = we;
		t->s = ws;
		while (strip_lead(s, t->s, we, &w))
			t->s += w;
		t->e = strip_trail(s, t->s, we);
		if (t->e < t->s)
			t->e = t->s;
	}
	*n = cnt;
	if (!v)
		v = pd_arena_alloc(a, sizeof(*v)); /* a valid empty array */
	return v;
}

static bool word_is(const char *s, const token *t, const char *w)
{
	size_t l = strlen(w);

	return t->e - t->s == l && memcmp(s + t->s, w, l) == 0;
}

static bool has_pre(const token *t)
{
	return t->s > t->ws;
}

static bool has_post(const token *t)
{
	return t->we > t->e;
}

static bool capitalised(const char *s, const token *t)
{
	return t->e > t->s && s[t->s] >= 'A' && s[t->s] <= 'Z';
}

static int year_of(const char *s, const token *t)
{
	int y = 0;
	size_t i;

	if (t->e - t->s != 4)
		return 0;
	for (i = t->s; i < t->e; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	return y >= 1800 && y <= 2199 ? y : 0;
}

/* "2022-2035" or "2017–2026": returns the first year. */
static int range_of(const char *s, const token *t)
{
	token a = *t;
	size_t d;

	if (t->e - t->s < 9)
		return 0;
	a.e = a.s + 4;
	d = s[a.e] == '-' ? 1
	    : (t->e - a.e >= 3 && memcmp(s + a.e, "\xE2\x80\x93", 3) == 0)
		    ? 3
		    : 0;
	if (!d || t->e - a.e - d != 4)
		return 0;
	{
		token b = {0, 0, a.e + d, t->e};

		if (!year_of(s, &a) || !year_of(s, &b))
			return 0;
	}
	return year_of(s, &a);
}

static bool numberish(const char *s, const token *t)
{
	size_t i;

	if (t->e == t->s || s[t->s] < '0' || s[t->s] > '9')
		return false;
	for (i = t->s; i < t->e; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '/' ||
		      s[i] == '-'))
			return false;
	return true;
}

static bool acronym(const char *s, const token *t)
{
	size_t i;

	if (t->e - t->s < 2)
		return false;
	for (i = t->s; i < t->e; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '-' || s[i] == '/'))
			return false;
	return true;
}

static const struct {
	const char *word;
	pd_law_type type;
} keywords[] = {
	{"Law", PD_LAW_LAW},
	{"Act", PD_LAW_LAW},
	{"Constitution", PD_LAW_LAW},
	{"Code", PD_LAW_CODE},
	{"Decree", PD_LAW_DECREE},
	{"Proclamation", PD_LAW_DECREE},
	{"Sub-Decree", PD_LAW_SUB_DECREE},
	{"Regulation", PD_LAW_REGULATION},
	{"Regulations", PD_LAW_REGULATION},
	{"Ordinance", PD_LAW_REGULATION},
	{"Policy", PD_LAW_POLICY},
	{"Strategy", PD_LAW_STRATEGY},
	{"Plan", PD_LAW_STRATEGY},
};

static int keyword_of(const char *s, const token *t)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (word_is(s, t, keywords[i].word))
			return (int)i;
	return -1;
}

/* Capitalised words that open a sentence or a phrase rather than a name. */
static const char *const not_in_names[] = {
	"The", "A", "An", "In", "On", "Under", "According", "As", "Since",
	"Article", "Articles", "Art", "Apart", "While", "Although", "This",
	"That", "These", "Those", "Its", "Their", "Both", "Each", "And", "Or",
	"Of", "To", "For", "By", "With", "From", "Draft", "Proposed",
	"Former", "New", "If", "When", "Such", "Other", "All", "Any", "Some",
	"Despite", "Even", "Unlike", "Like", "Our", "His", "Her", NULL};

static bool stopword(const char *s, const token *t)
{
	size_t i;

	for (i = 0; not_in_names[i]; i++)
		if (word_is(s, t, not_in_names[i]))
			return true;
	return false;
}

static const char *const connectors[] = {"of", "on", "the", "and", "for",
					 "in", "to", "with", "a", "an",
					 "its", NULL};

static bool connector(const char *s, const token *t)
{
	size_t i;

	for (i = 0; connectors[i]; i++)
		if (word_is(s, t, connectors[i]))
			return true;
	return false;
}

/* Words that make a name something other than a domestic law. */
static const char *const not_laws[] = {"Convention", "Covenant",
				       "Declaration", "Framework",
				       "Committee", "Comment", "Protocol",
				       "Conference", "Memorandum", NULL};

/* Words before "Code" that make it a legal code. */
static const char *const code_words[] = {
	"Penal", "Civil", "Criminal", "Labour", "Labor", "Commercial", "Tax",
	"Family", "Land", "Procedure", "Procedural", "Electoral", "Customs",
	"Administrative", "Nationality", "Investment", "Military", NULL};

static bool legal_code(const char *s, const token *t)
{
	size_t i;

	for (i = 0; code_words[i]; i++)
		if (word_is(s, t, code_words[i]))
			return true;
	return false;
}

/* Reads the law whose keyword is token k; false when it is none. */
static bool read_law(const char *s, const token *t, size_t nt, size_t k,
		     pd_law_mention *h)
{
	size_t first = k, last = k, j, i;
	int kw = keyword_of(s, &t[k]);
	bool explicit_status = false;

	memset(h, 0, sizeof(*h));
	h->type = keywords[kw].type;
	h->status = PD_LAW_STATUS_UNKNOWN;
	/* capitalised words before the keyword */
	if (!has_pre(&t[k])) {
		while (first > 0 && k - first < 6) {
			const token *p = &t[first - 1];

			if (has_pre(p) || has_post(p) || !capitalised(s, p) ||
			    stopword(s, p) || keyword_of(s, p) >= 0)
				break;
			first--;
		}
	}
	/* "the 2023 Law on CRVSID" */
	if (first > 0 && !has_post(&t[first - 1]))
		h->year = year_of(s, &t[first - 1]);
	/* what follows the keyword */
	j = k + 1;
	if (!has_post(&t[k]) && j < nt) {
		/* "Sub-Decree No. 47", "Sub-Decree 47/2025" */
		if (j + 1 < nt && word_is(s, &t[j], "No") &&
		    numberish(s, &t[j + 1]) && !has_pre(&t[j + 1])) {
			last = j + 1;
			j += 2;
		} else if (numberish(s, &t[j]) && !has_pre(&t[j]) &&
			   !year_of(s, &t[j]) && !range_of(s, &t[j])) {
			last = j;
			j++;
		}
		if (j < nt && !has_post(&t[last]) && !has_post(&t[j]) &&
			   (word_is(s, &t[j], "on") || word_is(s, &t[j], "of") ||
			    word_is(s, &t[j], "for") ||
			    word_is(s, &t[j], "concerning") ||
			    word_is(s, &t[j], "relating"))) {
			size_t m = j + 1, good = 0;
			bool firstw = true;

			while (m < nt) {
				const token *w = &t[m];

				if (has_pre(w) || year_of(s, w) || range_of(s, w))
					break;
				if (connector(s, w)) {
					if (has_post(w) || m + 1 >= nt)
						break;
					m++;
					continue;
				}
				/* the first word may be a lower-case compound:
				 * "Law on e-transactions" */
				if (!capitalised(s, w) &&
				    !(firstw && memchr(s + w->s, '-',
						       w->e - w->s)))
					break;
				good = m;
				firstw = false;
				if (has_post(w))
					break;
				m++;
			}
			if (good) {
				/* connectors inside the run are part of the
				 * name; those after its last word are not */
				last = good;
				/* "Law on X and National Plan of Y": cut at an
				 * "and" that opens another name */
				for (i = j + 1; i < last; i++) {
					if (word_is(s, &t[i], "and") &&
					    i + 1 <= last) {
						size_t q;

						for (q = i + 1; q <= last; q++)
							if (keyword_of(s, &t[q]) >= 0)
								break;
						if (q <= last) {
							last = i - 1;
							break;
						}
					}
				}
			}
		}
	}
	/* a year range that is part of the name: "Policy 2022-2035" */
	if (!has_post(&t[last]) && last + 1 < nt && !has_pre(&t[last + 1])) {
		int y = range_of(s, &t[last + 1]);

		if (y) {
			last++;
			h->year = y;
		}
	}
	if (last == first)
		return false; /* one word: "the Code", "Law Gratis" */
	/* a Code is a law when it is a legal code ("Penal Code", "Code of
	 * Criminal Procedure"), not an identifier ("Identification Code") */
	if (h->type == PD_LAW_CODE && last == k && !legal_code(s, &t[k - 1]))
		return false;
	for (i = first; i <= last; i++) {
		size_t q;

		for (q = 0; not_laws[q]; q++)
			if (word_is(s, &t[i], not_laws[q]))
				return false;
	}
	h->start = t[first].s;
	h->end = t[last].e;
	/* "(2017)" and "(NSPI)" right after the name */
	for (j = last + 1; j < nt && j <= last + 2; j++) {
		const token *w = &t[j];

		if (!has_pre(w) || s[w->ws] != '(')
			break;
		if (year_of(s, w) && !h->year)
			h->year = year_of(s, w);
		else if (acronym(s, w) && !h->short_s) {
			h->short_s = w->s;
			h->short_e = w->e;
		} else
			break;
		if (s[w->e] != ')')
			break;
	}
	/* "draft" or "proposed" just before the name */
	for (i = first; i > 0 && first - i < 3; i--) {
		const token *p = &t[i - 1];

		if (word_is(s, p, "draft") || word_is(s, p, "Draft")) {
			h->status = PD_LAW_DRAFT;
			explicit_status = true;
			break;
		}
		if (word_is(s, p, "proposed") || word_is(s, p, "Proposed")) {
			h->status = PD_LAW_PROPOSED;
			explicit_status = true;
			break;
		}
		if (word_is(s, p, "repealed") || word_is(s, p, "former")) {
			h->status = PD_LAW_REPEALED;
			explicit_status = true;
			break;
		}
		if (has_post(p))
			break;
	}
	/* ", adopted in 2023" just after it */
	for (j = last + 1; j < nt && j <= last + 4 && !explicit_status; j++) {
		if (word_is(s, &t[j], "adopted") || word_is(s, &t[j], "enacted") ||
		    word_is(s, &t[j], "promulgated") ||
		    word_is(s, &t[j], "passed")) {
			h->status = PD_LAW_IN_FORCE;
			explicit_status = true;
			if (j + 2 < nt && word_is(s, &t[j + 1], "in") &&
			    year_of(s, &t[j + 2]))
				h->year = year_of(s, &t[j + 2]);
			break;
		}
	}
	if (!explicit_status && h->year)
		h->status = PD_LAW_IN_FORCE;
	return true;
}

/* Extraction into the profile ---------------------------------------------- */

typedef struct extractor {
	pd_profile *p;
	const pd_vocab *vocab;
	pd_arena *arena;
	alias_index *ix;
	pd_found *found;
	size_t nfound, capfound;
	size_t caplaws, captreaties;
} extractor;

static int add_found(extractor *x, pd_found_kind kind, const char *summary,
		     const char *note, const pd_paragraph *para, pd_span sent)
{
	pd_found *f;

	if (x->nfound == x->capfound) {
		pd_found *g = pd_arena_grow_array(x->arena, x->found, &x->capfound,
						  sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		x->found = g;
	}
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

static char *fmt_arena(pd_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *fmt_arena(pd_arena *a, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return pd_arena_strdup(a, buf);
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
		if (lower(a[i]) != lower(b[j]))
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

static int take_law(extractor *x, const pd_paragraph *para, pd_span sent,
		    const char *s, const pd_law_mention *h, const pd_marker *m,
		    size_t nm)
{
	pd_profile *p = x->p;
	pd_law *law = find_law(p, s + h->start, h->end - h->start);
	const char *note = NULL;
	char year[16] = "";

	if (!law) {
		if (p->nlaws == x->caplaws) {
			pd_law *g = pd_arena_grow_array(x->arena, p->laws, &x->caplaws,
							sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			p->laws = g;
		}
		law = &p->laws[p->nlaws++];
		memset(law, 0, sizeof(*law));
		law->name = pd_arena_strndup(x->arena, s + h->start,
					     h->end - h->start);
		if (!law->name)
			return PD_ENOMEM;
		law->type = h->type;
		law->status = h->status;
		law->year = h->year;
		law->pos = para->pos;
		if (h->short_s) {
			law->short_name = pd_arena_strndup(
				x->arena, s + h->short_s,
				h->short_e - h->short_s);
			if (!law->short_name)
				return PD_ENOMEM;
		}
	} else {
		if (!law->year)
			law->year = h->year;
		else if (h->year && h->year != law->year)
			note = fmt_arena(x->arena,
					 "year %d here, %d where first named",
					 h->year, law->year);
		if (law->status == PD_LAW_STATUS_UNKNOWN)
			law->status = h->status;
		else if (h->status != PD_LAW_STATUS_UNKNOWN &&
			 h->status != law->status)
			note = fmt_arena(x->arena,
					 "%s here, %s where first named",
					 pd_law_status_name(h->status),
					 pd_law_status_name(law->status));
		if (!law->short_name && h->short_s) {
			law->short_name = pd_arena_strndup(
				x->arena, s + h->short_s,
				h->short_e - h->short_s);
			if (!law->short_name)
				return PD_ENOMEM;
		}
	}
	if (merge_cites(x->arena, &law->cite, &law->ncite, m, nm) < 0)
		return PD_ENOMEM;
	if (h->year)
		snprintf(year, sizeof(year), " (%d)", h->year);
	return add_found(x, PD_FOUND_LAW,
			 fmt_arena(x->arena, "%.*s%s: %s, %s",
				   (int)(h->end - h->start), s + h->start, year,
				   pd_law_type_name(h->type),
				   pd_law_status_name(h->status)),
			 note, para, sent);
}

static int take_treaty(extractor *x, const pd_paragraph *para, pd_span sent,
		       const pd_treaty_statement *ts, const pd_marker *m,
		       size_t nm)
{
	pd_profile *p = x->p;
	const pd_treaty_def *def = pd_vocab_get(x->vocab, (size_t)ts->treaty);
	pd_treaty *t = NULL;
	const char *note = NULL;
	size_t i;

	for (i = 0; i < p->ntreaties; i++)
		if (strcmp(p->treaties[i].id, def->id) == 0)
			t = &p->treaties[i];
	if (!t) {
		if (p->ntreaties == x->captreaties) {
			pd_treaty *g = pd_arena_grow_array(
				x->arena, p->treaties, &x->captreaties,
								sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			p->treaties = g;
		}
		t = &p->treaties[p->ntreaties++];
		memset(t, 0, sizeof(*t));
		t->id = pd_arena_strdup(x->arena, def->id);
		if (!t->id)
			return PD_ENOMEM;
		t->status = ts->status;
		t->via = ts->via;
		t->pos = para->pos;
	} else if (t->status != ts->status) {
		if (t->status == PD_TREATY_SIGNATORY &&
		    ts->status == PD_TREATY_PARTY) {
			note = fmt_arena(x->arena,
					 "party here outranks signatory said "
					 "earlier");
			t->status = PD_TREATY_PARTY;
			t->via = ts->via;
		} else {
			note = fmt_arena(
				x->arena,
				"%s here, but %s said earlier: kept %s",
				pd_treaty_status_name(ts->status),
				pd_treaty_status_name(t->status),
				pd_treaty_status_name(t->status));
		}
	} else if (t->via == PD_VIA_NONE) {
		t->via = ts->via;
	}
	if (!note || t->status == ts->status)
		if (merge_cites(x->arena, &t->cite, &t->ncite, m, nm) < 0)
			return PD_ENOMEM;
	return add_found(
		x, PD_FOUND_TREATY,
		fmt_arena(x->arena, "%s: %s%s%s", def->id,
			  pd_treaty_status_name(ts->status),
			  ts->via ? " by " : "",
			  ts->via ? pd_treaty_via_name(ts->via) : ""),
		note, para, sent);
}

/* Could a keyword be among the words of s? Each keyword holds one of
 * these, and most sentences hold none: they are not tokenized. */
static const char *const keyword_cores[] = {
	"Law", "Act", "Constitution", "Code", "Decree", "Proclamation",
	"Regulation", "Ordinance", "Policy", "Strategy", "Plan"};

/* Does a keyword's core start at s[i]? */
static bool keyword_core_at(const char *s, size_t len, size_t i)
{
	char c = s[i];
	size_t k;

	if (c < 'A' || c > 'S' ||
	    !((1u << (c - 'A')) &
	      (1u << ('L' - 'A') | 1u << ('A' - 'A') | 1u << ('C' - 'A') |
	       1u << ('D' - 'A') | 1u << ('P' - 'A') | 1u << ('R' - 'A') |
	       1u << ('O' - 'A') | 1u << ('S' - 'A'))))
		return false;
	for (k = 0; k < sizeof(keyword_cores) / sizeof(*keyword_cores); k++) {
		size_t kl = strlen(keyword_cores[k]);

		if (keyword_cores[k][0] == c && kl <= len - i &&
		    memcmp(s + i, keyword_cores[k], kl) == 0)
			return true;
	}
	return false;
}

/* Eight bytes at a time: those with no byte from 'A' to 'S' hold no
 * keyword's first letter. */
static bool may_name_law(const char *s, size_t len)
{
	size_t i = 0, j;

	while (i + 3 <= len) {
		if (len - i < 8) {
			if (keyword_core_at(s, len, i))
				return true;
			i++;
			continue;
		}
		if (scan_in_range(scan_load8(s + i), 'A', 'S'))
			for (j = i; j < i + 8 && j + 3 <= len; j++)
				if (keyword_core_at(s, len, j))
					return true;
		i += 8;
	}
	return false;
}

int pd_law_mentions(pd_arena *arena, const char *s, size_t len,
		    pd_law_mention **out, size_t *n)
{
	pd_law_mention *v = NULL;
	size_t cap = 0, cnt = 0, nt, i;
	token *t;

	*out = NULL;
	*n = 0;
	if (!may_name_law(s, len))
		return 0;
	if (!(t = tokenize(arena, s, len, &nt)))
		return PD_ENOMEM;
	for (i = 0; i < nt; i++) {
		pd_law_mention h;

		if (keyword_of(s, &t[i]) < 0 || !read_law(s, t, nt, i, &h))
			continue;
		if (cnt == cap) {
			pd_law_mention *g = pd_arena_grow_array(arena, v, &cap,
								sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			v = g;
		}
		v[cnt++] = h;
		/* skip the tokens of this name */
		while (i + 1 < nt && t[i + 1].s < h.end)
			i++;
	}
	*out = v;
	*n = cnt;
	return 0;
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
	if ((err = statements_with(x->arena, x->ix, s, len,
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
	x.ix = index_aliases(p->arena, vocab);
	if (!x.ix)
		return PD_ENOMEM;
	if ((err = read_sections(&x, p->sections, p->nsections)) < 0)
		return err;
	if ((err = pd_profile_canonicalize(p, vocab, NULL)) < 0)
		return err;
	*out = x.found;
	*n = x.nfound;
	return 0;
}
