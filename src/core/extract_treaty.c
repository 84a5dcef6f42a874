/*
 * extract_treaty.c: treaty statements read from prose.
 *
 * A sentence is read left to right as a series of events:
 * treaty mentions (any alias of the vocabulary, longest first, plus the
 * joint forms "the 1954 and 1961 Statelessness Conventions") and status
 * phrases ("has ratified", "is not a party to", "has not yet ratified",
 * "acceded to", "signed but not ratified", "a signatory to", ...). A
 * mention takes the status of the last phrase before it; "except" after a
 * "party" phrase turns the rest of the list into "not-party"; "but",
 * "while", ";" end a clause; a passive phrase ("X was ratified") gives its
 * status to the mentions just before it. Mentions with no status phrase
 * ("obligations under the CRC") say nothing and are left out.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/extract.h"
#include "extract_internal.h"
#include "grow.h"
#include "scan.h"
#include "sort.h"

#define is_alnum scan_is_word_byte
#define lower scan_lower

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

typedef enum {
	TR_STATUS,
	TR_PASSIVE,
	TR_EXCEPT,
	TR_RESET,
	TR_RESERVE /* "a reservation to": no status, a reservation */
} trigger_kind;

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
	{"signed", TR_STATUS, PD_TREATY_SIGNATORY, 0},
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
	{"reservations to", TR_RESERVE, PD_TREATY_UNKNOWN, 0},
	{"reservation to", TR_RESERVE, PD_TREATY_UNKNOWN, 0},
	{"reservations on", TR_RESERVE, PD_TREATY_UNKNOWN, 0},
	{"reservation on", TR_RESERVE, PD_TREATY_UNKNOWN, 0},
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
	bool word_starts;  /* every alias opens with a word's byte: names
			    * start only where words do */
	/* bit tri_hash() of an alias's first three bytes lower-cased: a word
	 * start that passes the pairs must pass this too (when use_tri:
	 * every alias has three bytes, none of them an apostrophe, which
	 * U+2019 may stand for) */
	uint64_t tri[65536 / 64];
	bool use_tri;
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

static unsigned tri_hash(const char *s)
{
	uint32_t x = (uint32_t)(unsigned char)lower(s[0]) << 16 |
		     (uint32_t)(unsigned char)lower(s[1]) << 8 |
		     (unsigned char)lower(s[2]);

	return (x * 2654435761u) >> 16;
}

static bool tri_may_start(const alias_index *ix, const char *s, size_t len,
			  size_t i)
{
	unsigned h;

	if (!ix->use_tri)
		return true;
	if (len - i < 3)
		return false; /* every alias is longer */
	h = tri_hash(s + i);
	return ix->tri[h / 64] >> (h % 64) & 1;
}

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
	pd_qsort(v, count, sizeof(*v), alias_cmp);
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
	ix->word_starts = true;
	ix->use_tri = true;
	for (i = 0; i < n; i++) {
		const char *t = all[i].text;

		if (!is_alnum((unsigned char)t[0]))
			ix->word_starts = false;
		if (strlen(t) < 3 || memchr(t, '\'', 3)) {
			ix->use_tri = false;
		} else {
			unsigned h = tri_hash(t);

			ix->tri[h / 64] |= (uint64_t)1 << (h % 64);
		}
	}
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
	bool reserving; /* the phrase is a reservation's */
} tstate;

static int add_statement(tstate *st, int treaty, pd_treaty_status status,
			 pd_treaty_via via, size_t start, size_t end,
			 size_t phrase)
{
	if (PD_ARENA_GROW(st->arena, st->v, st->n, st->cap) < 0)
		return PD_ENOMEM;
	st->v[st->n].treaty = treaty;
	st->v[st->n].status = status;
	st->v[st->n].via = via;
	st->v[st->n].start = start;
	st->v[st->n].end = end;
	st->v[st->n].phrase_start = phrase;
	st->v[st->n].phrase_end = end;
	st->v[st->n].date = (pd_date){0, 0, 0};
	st->v[st->n].reservation = st->reserving;
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
	unsigned prev = 0; /* whether the byte before the block is a word's */

	while (i < len) {
		unsigned tried;

		/* the places a name may start, sixteen at a time: those
		 * after a byte that is not a word's */
		if (len - i >= 16) {
			unsigned m = scan_word_mask16(s + i);

			tried = ~(m << 1 | prev) & 0xFFFFu;
			if (ix->word_starts)
				tried &= m;
			prev = m >> 15;
		} else {
			tried = i == 0 || !ix->alnum[(unsigned char)s[i - 1]];
		}
		for (; tried; tried &= tried - 1) {
			size_t at = i + (size_t)__builtin_ctz(tried);

			if (!pair_may_start(ix->apairs, s, len, at) ||
			    !tri_may_start(ix, s, len, at))
				continue;
			candidates(ix, s[at], &lo, &hi);
			text_prefix(s, len, at, tw);
			for (k = lo; k < hi; k++) {
				if (!prefix_may_match(&ix->v[k].pre, tw) ||
				    !(n = match_phrase_as(s, len, at,
							  ix->v[k].text,
							  ix->v[k].exact)))
					continue;
				if (start)
					*start = at;
				if (end)
					*end = at + n;
				return ix->v[k].ids[0];
			}
		}
		if (len - i >= 16) {
			i += 16;
		} else {
			i++;
		}
	}
	return -1;
}

/* The dates of the events: a statement that the country became a party,
 * signed or withdrew takes the date said nearest to it, between the
 * events said before and after it ("In 2019, Laos ratified the CRC and
 * acceded to the CRPD in 2021"). Statements of one phrase ("ratified the
 * ICCPR, the CRC and CEDAW in 2009") share it.
 *
 * A list of thousands of treaties in one sentence is read in linear
 * time: the statements of one phrase are consecutive (a phrase's
 * mentions and pronouns are added as it is read; a passive makes each
 * mention a phrase of its own), so each statement's phrase, the latest
 * start after it in its phrase, and the statement before it are found
 * once, in one pass; and for each date (at most PD_EXTRACT_MAX_DATES) the
 * last separator before it is found once. */
typedef struct phrase_facts {
	size_t first, past; /* the statement's phrase: [first, past) */
	size_t later;       /* 1 + the latest start after it in its phrase,
			     * 0 when it is the last */
	size_t before;      /* 1 + the statement before it in its phrase
			     * ending before it starts; 0: none */
} phrase_facts;

/* Whether a date said after statement i, in the middle of its phrase,
 * is the date of what comes after it: another treaty of the phrase
 * follows the date, and a list goes on between statement i and the date
 * ("ratified the ICCPR, CEDAW and, in 2025, the CRPD": 2025 is the
 * CRPD's). A date right after a treaty is its own ("the CRC in 1990 and
 * CEDAW in 2001"), and one after the whole list is every treaty's ("the
 * ICCPR and the CRC in 2009"). `sep` is 1 + where the last separator
 * before the date starts (0: none). */
static bool date_of_later(const pd_treaty_statement *v, const phrase_facts *f,
			  size_t i, const pd_extract_date *d, size_t sep)
{
	if (d->start < v[i].end)
		return false;
	if (!f[i].later || f[i].later - 1 < d->end)
		return false;
	return sep && sep - 1 >= v[i].end;
}

/* 1 + where the last separator (',', ';', " and ", " or ") wholly before
 * s[at] starts, or 0. */
static size_t last_separator(const char *s, size_t at)
{
	size_t p = at;

	while (p > 0) {
		p--;
		if (s[p] == ',' || s[p] == ';' ||
		    (p + 5 <= at && memcmp(s + p, " and ", 5) == 0) ||
		    (p + 4 <= at && memcmp(s + p, " or ", 4) == 0))
			return p + 1;
	}
	return 0;
}

/* The date a statement takes from the list before it in its phrase: the
 * last date between the treaty said before it and itself that is not that
 * treaty's own (date_of_later); none is a zero date. */
static pd_date date_given_on(const pd_treaty_statement *v,
			     const phrase_facts *f, size_t i,
			     const pd_extract_date *dates, const size_t *sep,
			     size_t nd)
{
	pd_date none = {0, 0, 0}, got = none;
	size_t j, k;

	if (!f[i].before)
		return none;
	j = f[i].before - 1;
	for (k = 0; k < nd; k++)
		if (dates[k].start >= v[j].end && dates[k].end <= v[i].start &&
		    date_of_later(v, f, j, &dates[k], sep[k]))
			got = dates[k].date;
	return got;
}

/* The phrases of the statements, in one pass each way. */
static void find_phrases(const pd_treaty_statement *v, size_t n,
			 phrase_facts *f)
{
	size_t a = 0, b, i, p;

	while (a < n) {
		size_t latest = 0;

		for (b = a + 1; b < n && v[b].phrase_start == v[a].phrase_start;
		     b++)
			;
		for (i = b; i-- > a;) {
			f[i].first = a;
			f[i].past = b;
			f[i].later = latest;
			if (v[i].start + 1 > latest)
				latest = v[i].start + 1;
		}
		/* the statement before: starts and ends grow along a phrase */
		for (i = a, p = a; i < b; i++) {
			while (p < i && v[p].end <= v[i].start)
				p++;
			f[i].before = p > a ? p : 0; /* 1 + (p - 1) */
		}
		a = b;
	}
}

static int date_events(pd_arena *arena, const char *s, size_t len,
		       pd_treaty_statement *v, size_t n)
{
	pd_extract_date dates[PD_EXTRACT_MAX_DATES];
	size_t sep[PD_EXTRACT_MAX_DATES];
	size_t nd = 0, i, k;
	bool dated = false; /* dates read: only when an event needs them */
	phrase_facts *f = NULL;

	for (i = 0; i < n; i++) {
		size_t floor = 0, limit = len, end = v[i].end, a, b;
		int d;

		if (v[i].status != PD_TREATY_PARTY &&
		    v[i].status != PD_TREATY_SIGNATORY &&
		    v[i].status != PD_TREATY_WITHDRAWN && !v[i].reservation)
			continue;
		if (!dated) {
			nd = pd_extract_date_scan(s, len, dates,
						  PD_EXTRACT_MAX_DATES);
			dated = true;
			if (!nd)
				return 0;
			for (k = 0; k < nd; k++)
				sep[k] = last_separator(s, dates[k].start);
			f = pd_arena_alloc(arena, n * sizeof(*f));
			if (!f)
				return PD_ENOMEM;
			find_phrases(v, n, f);
		}
		if (v[i].phrase_end > end)
			end = v[i].phrase_end;
		a = f[i].first;
		b = f[i].past;
		if (a > 0)
			floor = v[a - 1].phrase_end > v[a - 1].end
					? v[a - 1].phrase_end
					: v[a - 1].end;
		if (b < n)
			limit = v[b].phrase_start;
		d = pd_extract_date_near(dates, nd, v[i].phrase_start, end,
					 floor, limit);
		if (d >= 0 && !date_of_later(v, f, i, &dates[d], sep[d]))
			v[i].date = dates[d].date;
		else
			v[i].date = date_given_on(v, f, i, dates, sep, nd);
	}
	return 0;
}

/* After a status phrase ending at s[at], "it" or "them" stands for the
 * treaties of the phrase before ([from, to) of st): each gets the new
 * status, at the pronoun. */
static int pronoun(tstate *st, const char *s, size_t len, size_t at,
		   size_t from, size_t to, pd_treaty_status status,
		   pd_treaty_via via, size_t phrase)
{
	size_t i = at, n, k;
	int err;

	while (i < len && s[i] == ' ')
		i++;
	if (i + 2 <= len && memcmp(s + i, "it", 2) == 0)
		n = 2;
	else if (i + 4 <= len && memcmp(s + i, "them", 4) == 0)
		n = 4;
	else
		return 0;
	if (i + n < len && scan_is_word_byte((unsigned char)s[i + n]))
		return 0;
	for (k = from; k < to; k++) {
		if (st->v[k].status == PD_TREATY_STATUS_COUNT)
			continue; /* said nothing itself */
		/* "signed X but has not ratified it": still a signatory */
		if (status == PD_TREATY_NOT_PARTY &&
		    st->v[k].status == PD_TREATY_SIGNATORY)
			continue;
		if ((err = add_statement(st, st->v[k].treaty, status, via, i,
					 i + n, phrase)) < 0)
			return err;
	}
	return 0;
}

static int statements_with(pd_arena *arena, const alias_index *ix,
			   const char *s, size_t len,
			   pd_treaty_statement **out, size_t *n)
{
	const alias *aliases = ix->v;
	size_t lo, hi;
	tstate st = {arena, NULL, 0, 0, false};
	bool have = false;
	pd_treaty_status cur = PD_TREATY_UNKNOWN;
	pd_treaty_via via = PD_VIA_NONE;
	size_t pending = 0; /* statements [pending, n) await a passive */
	size_t phrase = 0;  /* where the current status phrase starts */
	size_t said_from = 0; /* statements of the current phrase: from here */
	size_t prev_from = 0, prev_to = 0; /* ... and of the one before */
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
			case TR_RESERVE:
				st.reserving = t->kind == TR_RESERVE;
				have = true;
				cur = t->status;
				via = t->via;
				pending = st.n;
				phrase = i;
				prev_from = said_from;
				prev_to = st.n;
				said_from = st.n;
				/* "signed the CRPD in 2008 and ratified it in
				 * 2009": "it" is the treaties said before */
				if ((err = pronoun(&st, s, len, i + m, prev_from,
						   prev_to, cur, via, i)) < 0)
					return err;
				break;
			case TR_EXCEPT:
				if (have && cur == PD_TREATY_PARTY) {
					cur = PD_TREATY_NOT_PARTY;
					via = PD_VIA_NONE;
				}
				break;
			case TR_RESET:
				have = false;
				st.reserving = false;
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
	if ((err = date_events(arena, s, len, st.v, k)) < 0)
		return err;
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

