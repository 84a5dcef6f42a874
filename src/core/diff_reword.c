/*
 * diff_reword.c: phases 3 and 4 of the differ (diff_internal.h): what
 * changed inside the pairs the match made of claims of other words.
 *
 * Word-diff. Each rewording (a claim paired with one of other words, not
 * in a split or a merge) gets a word-level diff (worddiff.c), unless the
 * word counts multiply past the budget, which the change then says.
 *
 * Classify. Each rewording, split and merge is one of three classes, by
 * the first rule that applies (docs/DESIGN.md, section 7; the README's
 * table). The words of both texts are compared case-blind as multisets:
 * what went and what came. Factual: the numbers said differ (digits or
 * words, ordinals, "a dozen", by value), a month, a negation, a treaty or
 * law status word, a quantity word or a modal went or came. Then gone and
 * come words pair off when one is the other as a numeral, "per cent", a
 * British/American variant, a synonym, or a typo (words of four letters
 * or more, of the same first letter, one edit apart, two when both have
 * seven letters or more; never a word of the factual rules); a word gone
 * for its opposite by a prefix ("unable", "excluding") is a negation,
 * factual, before the pairing; a capitalised
 * word left unpaired, not opening a sentence nor a word that carries no
 * fact, is a name: factual. Editorial when nothing is left but words that
 * carry no fact (or nothing at all: case, punctuation); else plainly
 * reworded. A split or merge is classified on the joined texts of its
 * several claims.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diff_internal.h"
#include "extract_internal.h"
#include "scan.h"
#include "sort.h"

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

/* A word of a rewording's text: its bytes, and what the rules ask of it. */
typedef struct wspan {
	const char *p;
	size_t n;
	bool cap;     /* starts with a capital */
	bool initial; /* opens the text or a sentence in it */
	bool digits;  /* holds a digit */
} wspan;

#define MAX_WORDS 512

/* U+2000 to U+203F (dashes, curly quotes, ellipsis) separate words as
 * ASCII punctuation does; other bytes of 0x80 and above are letters. */
static size_t sep_len(const char *t, size_t i, size_t len)
{
	unsigned char c = (unsigned char)t[i];

	if (c == 0xE2 && i + 2 < len && (unsigned char)t[i + 1] == 0x80)
		return 3;
	return scan_is_word_byte(c) ? 0 : 1;
}

/* The words of t, "per cent" as one; a digit run goes on through "," or
 * "." between digits ("1,000", "37.5"). Returns how many, or
 * MAX_WORDS + 1 when there are more than MAX_WORDS. */
static size_t split_words(const char *t, size_t len, wspan *out)
{
	size_t i = 0, n = 0;
	bool initial = true;

	while (i < len) {
		size_t s, k;

		while (i < len && (k = sep_len(t, i, len))) {
			if (t[i] == '.' || t[i] == '!' || t[i] == '?')
				initial = true;
			i += k;
		}
		if (i >= len)
			break;
		s = i;
		while (i < len && !sep_len(t, i, len))
			i++;
		while (i + 1 < len && (t[i] == ',' || t[i] == '.') &&
		       t[i - 1] >= '0' && t[i - 1] <= '9' && t[i + 1] >= '0' &&
		       t[i + 1] <= '9')
			for (i++; i < len && !sep_len(t, i, len); i++)
				;
		if (n && out[n - 1].n == 3 && i - s == 4 &&
		    strncasecmp(out[n - 1].p, "per", 3) == 0 &&
		    strncasecmp(t + s, "cent", 4) == 0 &&
		    out[n - 1].p + 3 < t + s) {
			out[n - 1].n = (size_t)(t + i - out[n - 1].p);
			continue;
		}
		if (n == MAX_WORDS)
			return MAX_WORDS + 1;
		out[n].p = t + s;
		out[n].n = i - s;
		out[n].cap = t[s] >= 'A' && t[s] <= 'Z';
		out[n].initial = initial;
		out[n].digits = false;
		for (k = s; k < i; k++)
			if (t[k] >= '0' && t[k] <= '9')
				out[n].digits = true;
		initial = false;
		n++;
	}
	return n;
}

/* Is w the word, case aside? Most words are asked of every list of the
 * rules and are none of them: the first letters, compared first, turn
 * nearly all away before the length is counted. Two bytes equal case
 * aside are equal once 0x20 is set in both, so no match is turned away. */
static bool is(const wspan *w, const char *word)
{
	if (((unsigned char)w->p[0] | 0x20) != ((unsigned char)word[0] | 0x20))
		return false;
	return strlen(word) == w->n && strncasecmp(word, w->p, w->n) == 0;
}

static int word_index(const wspan *w, const char *const *list)
{
	int i;

	for (i = 0; list[i]; i++)
		if (is(w, list[i]))
			return i;
	return -1;
}

/* The rules' vocabularies (docs/DESIGN.md, section 7; README, "How a
 * rewording is classed"). */
static const char *const cardinals[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL};
static const char *const ordinals[] = {
	"zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
	"thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth", "twentieth", NULL};
static const char *const tens[] = {"thirty", "forty", "fifty", "sixty",
				   "seventy", "eighty", "ninety", NULL};
static const char *const big[] = {"dozen", "hundred", "thousand", "million",
				  "billion", "trillion", "half", "twice",
				  "once", "double", "triple", "single", NULL};
static const char *const big_values[] = {"12", "100", "1000", "1000000",
					 "1000000000", "1000000000000",
					 "0.5", "x2", "x1", "x2", "x3", "1"};

static const char *const negations[] = {
	"not", "no", "never", "none", "nor", "neither", "without", "cannot",
	"nothing", "nobody", "nowhere", "n't", NULL};

static const char *const statuses[] = {
	"party", "parties", "signatory", "signatories", "signed", "sign",
	"ratified", "ratify", "ratification", "acceded", "accede",
	"accession", "withdrew", "withdrawn", "withdrawal", "reservation",
	"reservations", "adopted", "enacted", "repealed", "draft", "proposed",
	"amended", "promulgated", "force", "binding", "abolished", "revoked",
	"superseded", "replaced", "member", NULL};

static const char *const quantities[] = {
	"all", "most", "some", "many", "few", "several", "majority", "minority",
	"every", "each", "more", "less", "fewer", "much", "only", "nearly",
	"almost", "approximately", "any", "both", "little", "least", NULL};

static const char *const modals[] = {"must", "may", "shall", "should",
				     "can", "could", "will", "would", "might",
				     "ought", "need", "needs", NULL};

/* Words whose coming or going changes no fact; capitalised, they open a
 * clause rather than name anything. */
static const char *const function_words[] = {
	"a", "an", "the", "of", "up", "s", "however", "moreover",
	"furthermore", "additionally", "also", "indeed", "that", "which",
	"this", "these", "thus", "therefore", "it", "its", NULL};

/* Synonyms: a swap within a group changes no fact. */
static const char *const synonyms[][6] = {
	{"completely", "entirely", "wholly", "fully", "totally", NULL},
	{"currently", "presently", NULL},
	{"use", "utilise", "utilize", NULL},
	{"uses", "utilises", "utilizes", NULL},
	{"used", "utilised", "utilized", NULL},
	{"help", "assist", NULL},
	{"helps", "assists", NULL},
	{"began", "started", "commenced", NULL},
	{"begin", "start", "commence", NULL},
	{"shows", "demonstrates", NULL},
	{"show", "demonstrate", NULL},
	{"stated", "said", NULL},
	{"main", "primary", "principal", NULL},
	{"although", "though", "while", "whilst", NULL},
	{"among", "amongst", NULL},
	{"toward", "towards", NULL},
	{"big", "large", NULL},
	{"aims", "seeks", NULL},
	{"crucial", "essential", "vital", NULL},
	{"however", "but", NULL},
};

static bool month(const wspan *w, const wspan *v, size_t i, size_t n)
{
	size_t k;

	if (!w->cap)
		return false;
	for (k = 0; k < 12; k++)
		if (is(w, pd_extract_date_months[k]))
			break;
	if (k == 12)
		return false;
	/* "May" is a month next to a number, else the modal */
	return k != 4 || (i > 0 && v[i - 1].digits) ||
	       (i + 1 < n && v[i + 1].digits);
}

/* A number's value as a string in out: "2" for "2", "two" and "2nd"
 * (ordinals end in "th"); false when w is no number. */
#define LETTER(c) (1u << ((c) - 'a'))
#define NUMBER_INITIALS                                                   \
	(LETTER('b') | LETTER('d') | LETTER('e') | LETTER('f') |           \
	 LETTER('h') | LETTER('m') | LETTER('n') | LETTER('o') |           \
	 LETTER('s') | LETTER('t') | LETTER('z'))

static bool number_of(const wspan *w, char out[32])
{
	size_t k = 0, i;
	unsigned c0;
	int x;

	if (w->digits) {
		for (i = 0; i < w->n && k < 30; i++) {
			char c = w->p[i];

			if (c == ',')
				continue;
			if (k == 0 && c == '0' && i + 1 < w->n &&
			    w->p[i + 1] >= '0' && w->p[i + 1] <= '9')
				continue;
			if (c >= '0' && c <= '9') {
				out[k++] = c;
				continue;
			}
			if (i > 0 && w->n - i == 2 &&
			    (strncasecmp(w->p + i, "st", 2) == 0 ||
			     strncasecmp(w->p + i, "nd", 2) == 0 ||
			     strncasecmp(w->p + i, "rd", 2) == 0 ||
			     strncasecmp(w->p + i, "th", 2) == 0)) {
				out[k++] = 't';
				out[k++] = 'h';
				break;
			}
			out[k++] = (char)(c | 0x20);
		}
		out[k] = '\0';
		return true;
	}
	/* the first letters of the number words: "b"illion, "d"ozen,
	 * "e"ight, "f"our, "h"undred, "m"illion, "n"ine, "o"ne, "s"ix,
	 * "t"wo, "z"ero; any other word is none of them */
	c0 = (unsigned char)(w->p[0] | 0x20);
	if (c0 < 'a' || c0 > 'z' || !(NUMBER_INITIALS >> (c0 - 'a') & 1))
		return false;
	if ((x = word_index(w, cardinals)) >= 0) {
		snprintf(out, 32, "%d", x);
		return true;
	}
	if ((x = word_index(w, ordinals)) >= 0) {
		snprintf(out, 32, "%dth", x);
		return true;
	}
	if ((x = word_index(w, tens)) >= 0) {
		snprintf(out, 32, "%d", 30 + 10 * x);
		return true;
	}
	if ((x = word_index(w, big)) >= 0) {
		snprintf(out, 32, "%s", big_values[x]);
		return true;
	}
	return false;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp((const char *)x, (const char *)y);
}

/* Do the two texts say the same numbers, as many times each? Asked of
 * the words gone (wa) and come (wb) alone: a word's number depends on
 * its letters case aside, so the words the texts share say the same
 * numbers on both sides, and what they add to both counts cancels. */
static bool same_numbers(const wspan *const *wa, size_t na,
			 const wspan *const *wb, size_t nb)
{
	static _Thread_local char va[MAX_WORDS][32], vb[MAX_WORDS][32];
	size_t i, ka = 0, kb = 0;

	for (i = 0; i < na; i++)
		if (number_of(wa[i], va[ka]))
			ka++;
	for (i = 0; i < nb; i++)
		if (number_of(wb[i], vb[kb]))
			kb++;
	if (ka != kb)
		return false;
	pd_qsort(va, ka, sizeof(va[0]), cmp_str);
	pd_qsort(vb, kb, sizeof(vb[0]), cmp_str);
	for (i = 0; i < ka; i++)
		if (strcmp(va[i], vb[i]) != 0)
			return false;
	return true;
}

static inline int fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

/* strncasecmp() of the C locale, inline: the sort calls it n log n
 * times a rewording. */
static int cmp_word(const void *x, const void *y)
{
	const wspan *a = *(const wspan *const *)x, *b = *(const wspan *const *)y;
	size_t n = a->n < b->n ? a->n : b->n, i;

	for (i = 0; i < n; i++) {
		int ca = fold((unsigned char)a->p[i]);
		int cb = fold((unsigned char)b->p[i]);

		if (ca != cb)
			return ca - cb;
		if (!ca)
			break; /* where strncasecmp() stops */
	}
	return (a->n > b->n) - (a->n < b->n);
}

/* Sorts v[0..n) by cmp_word, stably, as glibc's qsort (a merge sort)
 * did: equal words, case aside, stay in the order of the text, which
 * minus() then takes. A merge sort with the comparison inline, tmp
 * holding n / 2 words. */
static void sort_words(const wspan **v, size_t n, const wspan **tmp)
{
	size_t i, j, k, m;

	if (n <= 12) {
		for (i = 1; i < n; i++) {
			const wspan *x = v[i];

			for (j = i; j > 0 && cmp_word(&v[j - 1], &x) > 0; j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
		return;
	}
	m = n / 2;
	sort_words(v, m, tmp);
	sort_words(v + m, n - m, tmp);
	if (cmp_word(&v[m - 1], &v[m]) <= 0)
		return;
	memcpy((void *)tmp, (const void *)v, m * sizeof(*v));
	for (i = 0, j = m, k = 0; i < m && j < n;)
		v[k++] = cmp_word(&v[j], &tmp[i]) < 0 ? v[j++] : tmp[i++];
	while (i < m)
		v[k++] = tmp[i++];
}

/* The words of x not in y, counted (a multiset difference, case aside):
 * pointers into wx, into out. Returns how many. */
static size_t minus(const wspan **sx, size_t nx, const wspan **sy, size_t ny,
		    const wspan **out)
{
	size_t i = 0, j = 0, n = 0;

	while (i < nx) {
		int c = j < ny ? cmp_word(&sx[i], &sy[j]) : -1;

		if (c < 0)
			out[n++] = sx[i++];
		else if (c > 0)
			j++;
		else
			i++, j++;
	}
	return n;
}

/* The edit distance of two words, case-blind, a swap of two letters side
 * by side counting one edit ("DRPK", "DPRK"); bounded: the caller only
 * cares whether it is at most 2, and longer distances are 99. */
static size_t typo_distance(const char *x, size_t nx, const char *y,
			    size_t ny)
{
	size_t i, j, pp[64], prev[64], cur[64];

	if (nx >= 63 || ny >= 63)
		return 99;
	if (nx > ny + 2 || ny > nx + 2)
		return 99;
	for (j = 0; j <= ny; j++)
		prev[j] = j;
	for (i = 1; i <= nx; i++) {
		cur[0] = i;
		for (j = 1; j <= ny; j++) {
			size_t sub = prev[j - 1] + ((x[i - 1] | 0x20) !=
						    (y[j - 1] | 0x20));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins)
					   : (del < ins ? del : ins);
			if (i > 1 && j > 1 &&
			    (x[i - 1] | 0x20) == (y[j - 2] | 0x20) &&
			    (x[i - 2] | 0x20) == (y[j - 1] | 0x20) &&
			    pp[j - 2] + 1 < cur[j])
				cur[j] = pp[j - 2] + 1;
		}
		memcpy(pp, prev, (ny + 1) * sizeof(*pp));
		memcpy(prev, cur, (ny + 1) * sizeof(*prev));
	}
	return prev[ny];
}

/* Capitals only, two or more: "UNHCR". */
static bool acronym(const wspan *w)
{
	size_t i;

	if (w->n < 2)
		return false;
	for (i = 0; i < w->n; i++)
		if (w->p[i] < 'A' || w->p[i] > 'Z')
			return false;
	return true;
}

/* The same letters, in another order. */
static bool same_letters(const wspan *a, const wspan *b)
{
	unsigned char ca[256] = {0}, cb[256] = {0};
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++) {
		ca[(unsigned char)a->p[i]]++;
		cb[(unsigned char)b->p[i]]++;
	}
	return memcmp(ca, cb, sizeof(ca)) == 0;
}

/* A typo and its fix: two words of four letters or more, neither of the
 * rules' vocabulary nor holding a digit, that begin with the same letter
 * (a slip of the first letter is rare, and a word of another first
 * letter is mostly another word: "raises", "eases") and are one edit
 * apart, or two when both have seven letters or more; an acronym, only
 * by two of its letters swapped. */
static bool typo(const wspan *a, const wspan *b)
{
	size_t d, shorter = a->n < b->n ? a->n : b->n;

	if (a->digits || b->digits || shorter < 4 ||
	    (a->p[0] | 0x20) != (b->p[0] | 0x20))
		return false;
	d = typo_distance(a->p, a->n, b->p, b->n);
	/* an acronym is mistyped by two letters swapped ("DRPK"); one of
	 * another letter is another body ("NSPI", "NSDI") */
	if (acronym(a) && acronym(b))
		return d == 1 && a->n == b->n && same_letters(a, b);
	return d <= 1 || (d == 2 && shorter >= 7);
}

/* Does `w` begin with `prefix` (case-blind) and go on with `rest`, of
 * three letters or more? */
static bool prefixed(const wspan *w, const char *prefix, const wspan *rest)
{
	size_t n = strlen(prefix);

	return rest->n >= 3 && w->n == n + rest->n &&
	       strncasecmp(w->p, prefix, n) == 0 &&
	       strncasecmp(w->p + n, rest->p, rest->n) == 0;
}

/* One word the other's negation or opposite by a prefix: "able" and
 * "unable", "lawful" and "unlawful", "including" and "excluding",
 * "increase" and "decrease", "enable" and "disable". */
static bool opposed(const wspan *a, const wspan *b)
{
	static const char *const negating[] = {"un",  "in",  "im",	"il",
					       "ir",  "dis", "non", "non-",
					       NULL};
	static const char *const pairs[][2] = {
		{"in", "ex"},	    {"im", "ex"},     {"in", "de"},
		{"in", "out"},	    {"en", "dis"},    {"pre", "post"},
		{"over", "under"},  {"up", "down"},   {"max", "min"},
		{"inter", "intra"}, {"super", "sub"}, {"ascend", "descend"},
	};
	size_t k, i;

	for (k = 0; negating[k]; k++)
		if (prefixed(a, negating[k], b) || prefixed(b, negating[k], a))
			return true;
	for (k = 0; k < sizeof(pairs) / sizeof(*pairs); k++)
		for (i = 0; i < 2; i++) {
			const char *p = pairs[k][i], *q = pairs[k][1 - i];
			size_t np = strlen(p), nq = strlen(q);
			wspan stem;

			if (a->n <= np + 2 || strncasecmp(a->p, p, np) != 0)
				continue;
			stem.p = a->p + np;
			stem.n = a->n - np;
			if (prefixed(b, q, &stem) && b->n == nq + stem.n)
				return true;
		}
	return false;
}

/* A word spelt the American way, lower-case, into out (at most 63
 * bytes): "organisation" -> "organization", "labour" -> "labor",
 * "centre" -> "center", "licence" -> "license", "programme" ->
 * "program", "travelled" -> "traveled", "catalogue" -> "catalog",
 * "analyse" -> "analyze", "judgement" -> "judgment". */
static void american(const wspan *w, char out[64])
{
	static const char *const from[] = {"isation", "ise", "ised", "ises",
					   "ising", "yse", "ysed", "our",
					   "ours", "oured", "tre", "tres",
					   "ence", "mme", "mmes", "lled",
					   "lling", "ogue", "gement"};
	static const char *const to[] = {"ization", "ize", "ized", "izes",
					 "izing", "yze", "yzed", "or",
					 "ors", "ored", "ter", "ters",
					 "ense", "m", "ms", "led",
					 "ling", "og", "gment"};
	size_t n = w->n < 63 ? w->n : 63, i, k;

	for (i = 0; i < n; i++)
		out[i] = (char)(w->p[i] >= 'A' && w->p[i] <= 'Z' ? w->p[i] | 0x20
								 : w->p[i]);
	out[n] = '\0';
	for (k = 0; k < sizeof(from) / sizeof(*from); k++) {
		size_t fl = strlen(from[k]), tl = strlen(to[k]);

		if (n > fl + 2 && strcmp(out + n - fl, from[k]) == 0) {
			memcpy(out + n - fl, to[k], tl + 1);
			return;
		}
	}
}

/* "percent", or "per cent" as split_words() joins it */
static bool per_cent(const wspan *w)
{
	return is(w, "percent") ||
	       (w->n > 7 && strncasecmp(w->p, "per", 3) == 0 &&
		strncasecmp(w->p + w->n - 4, "cent", 4) == 0);
}

static bool variant(const wspan *a, const wspan *b)
{
	char x[64], y[64];

	american(a, x);
	american(b, y);
	return strcmp(x, y) == 0;
}

static bool synonym(const wspan *a, const wspan *b)
{
	size_t g, i, j;

	for (g = 0; g < sizeof(synonyms) / sizeof(*synonyms); g++)
		for (i = 0; synonyms[g][i]; i++)
			if (is(a, synonyms[g][i]))
				for (j = 0; synonyms[g][j]; j++)
					if (j != i && is(b, synonyms[g][j]))
						return true;
	return false;
}

/* Is a changed word one of the rules' vocabulary (never a typo)? */
static bool vocabulary(const wspan *w)
{
	char v[32];
	size_t k;

	for (k = 0; k < 12; k++)
		if (is(w, pd_extract_date_months[k]))
			return true;
	return number_of(w, v) || word_index(w, negations) >= 0 ||
	       word_index(w, statuses) >= 0 || word_index(w, quantities) >= 0 ||
	       word_index(w, modals) >= 0;
}

/* Is one of the changed words r (gone) and a (come) in the list? */
static bool changed_in(const wspan **r, size_t nr, const wspan **a,
			      size_t na, const char *const *list)
{
	size_t i;

	for (i = 0; i < nr + na; i++)
		if (word_index(i < nr ? r[i] : a[i - nr], list) >= 0)
			return true;
	return false;
}

pd_reword_class pd_reword_classify(const char *x, size_t nx, const char *y,
				   size_t ny, const char **why)
{
	static _Thread_local wspan wa[MAX_WORDS], wb[MAX_WORDS];
	static _Thread_local const wspan *sa[MAX_WORDS], *sb[MAX_WORDS];
	static _Thread_local const wspan *r[MAX_WORDS], *a[MAX_WORDS];
	static _Thread_local bool used[MAX_WORDS];
	size_t na = split_words(x, nx, wa), nb = split_words(y, ny, wb);
	size_t nr, nad, i, j, months = 0;
	const char *edit = NULL;
	int neg = 0;

	if (na > MAX_WORDS || nb > MAX_WORDS) {
		*why = "long";
		return PD_REWORD_PLAIN;
	}
	for (i = 0; i < na; i++)
		sa[i] = &wa[i];
	for (i = 0; i < nb; i++)
		sb[i] = &wb[i];
	sort_words(sa, na, r);
	sort_words(sb, nb, r);
	nr = minus(sa, na, sb, nb, r);
	nad = minus(sb, nb, sa, na, a);
	/* factual: what the sentence says in numbers, dates, negations,
	 * statuses, quantities, modals and names */
	if (!same_numbers(r, nr, a, nad)) {
		*why = "number";
		return PD_REWORD_FACTUAL;
	}
	for (i = 0; i < na; i++)
		months += month(&wa[i], wa, i, na);
	for (i = 0; i < nb; i++)
		months -= month(&wb[i], wb, i, nb);
	/* the negations counted as the numbers are: of the words gone and
	 * come, the shared ones cancelling (a month, by a number or not,
	 * depends on its neighbours, so all the words count above) */
	for (i = 0; i < nr; i++)
		neg += word_index(r[i], negations) >= 0;
	for (i = 0; i < nad; i++)
		neg -= word_index(a[i], negations) >= 0;
	for (i = 0; i < nr + nad && !months; i++) {
		const wspan *w = i < nr ? r[i] : a[i - nr];
		const wspan *v = i < nr ? wa : wb;
		size_t n = i < nr ? na : nb;

		if (month(w, v, (size_t)(w - v), n))
			months = 1;
	}
	if (months) {
		*why = "month";
		return PD_REWORD_FACTUAL;
	}
	/* a word gone for its opposite: "able" for "unable" */
	for (i = 0; i < nr && !neg; i++)
		for (j = 0; j < nad && !neg; j++)
			neg = opposed(r[i], a[j]);
	if (neg) {
		*why = "negation";
		return PD_REWORD_FACTUAL;
	}
	if (changed_in(r, nr, a, nad, statuses)) {
		*why = "status";
		return PD_REWORD_FACTUAL;
	}
	if (changed_in(r, nr, a, nad, quantities)) {
		*why = "quantity";
		return PD_REWORD_FACTUAL;
	}
	for (i = 0; i < nr + nad; i++) {
		const wspan *w = i < nr ? r[i] : a[i - nr];

		/* "May" by a number was a month, counted above */
		if (word_index(w, modals) >= 0 && !(w->cap && is(w, "may"))) {
			*why = "modal";
			return PD_REWORD_FACTUAL;
		}
	}
	if (!nr && !nad) {
		/* the same words: their case or the punctuation between */
		*why = nx == ny && strncasecmp(x, y, nx) == 0 ? "case"
							       : "punctuation";
		return PD_REWORD_EDITORIAL;
	}
	/* editorial pairs of a gone word and a come one */
	memset(used, 0, nad * sizeof(*used));
	for (i = 0; i < nr; i++) {
		const char *how = NULL;

		for (j = 0; j < nad && !how; j++) {
			char u[32], v[32];

			if (used[j])
				continue;
			if (number_of(r[i], u) && number_of(a[j], v) &&
			    strcmp(u, v) == 0)
				how = "numerals";
			else if (per_cent(r[i]) && per_cent(a[j]))
				how = "per-cent";
			else if (variant(r[i], a[j]))
				how = "variant";
			else if (synonym(r[i], a[j]))
				how = "synonym";
			else if (!vocabulary(r[i]) && !vocabulary(a[j]) &&
				 typo(r[i], a[j]))
				how = "spelling";
		}
		if (!how)
			continue;
		used[j - 1] = true;
		if (!edit || strcmp(how, "spelling") == 0)
			edit = how;
		r[i] = NULL;
	}
	/* a name on one side only */
	for (i = 0; i < nr + nad; i++) {
		const wspan *w = i < nr ? r[i] : a[i - nr];

		if (!w || (i >= nr && used[i - nr]))
			continue;
		if (w->cap && !w->initial && !per_cent(w) &&
		    word_index(w, function_words) < 0) {
			*why = "name";
			return PD_REWORD_FACTUAL;
		}
	}
	/* editorial when what is left only comes or goes without a fact */
	for (i = 0; i < nr + nad; i++) {
		const wspan *w = i < nr ? r[i] : a[i - nr];

		if (!w || (i >= nr && used[i - nr]))
			continue;
		if (per_cent(w)) {
			if (!edit)
				edit = "per-cent";
			continue;
		}
		if (word_index(w, function_words) < 0) {
			*why = "wording";
			return PD_REWORD_PLAIN;
		}
		if (!edit)
			edit = "style";
	}
	*why = edit;
	return PD_REWORD_EDITORIAL;
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
		jn->cls = pd_reword_classify(c1->plain, c1->plen, joined, jl,
					     &jn->why);
	else
		jn->cls = pd_reword_classify(joined, jl, c1->plain, c1->plen,
					     &jn->why);
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

		rw->cls = pd_reword_classify(ca->plain, ca->plen, cb->plain,
					     cb->plen, &rw->why);
	}
	for (k = 0; k < df->nsplits; k++)
		if ((err = classify_joining(df, &df->splits[k], true)) < 0)
			return err;
	for (k = 0; k < df->nmerges; k++)
		if ((err = classify_joining(df, &df->merges[k], false)) < 0)
			return err;
	return 0;
}
