/*
 * extract_law.c: laws named in prose.
 *
 * A law name is a run of words around a keyword (Law, Code, Act,
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
#include <string.h>

#include "profdiff/citations.h"
#include "profdiff/extract.h"
#include "scan.h"

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

