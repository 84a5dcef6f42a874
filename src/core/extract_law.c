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

#include "profdiff/markers.h"
#include "profdiff/extract.h"
#include "extract_internal.h"
#include "grow.h"
#include "scan.h"

typedef struct token {
	size_t ws, we; /* the whole token, punctuation included */
	size_t s, e;   /* its word, without leading or trailing punctuation */
} token;

static bool strip_lead(const char *s, size_t i, size_t e, size_t *w)
{
	if (i >= e)
		return false;
	if (s[i] == '(' || s[i] == '[' || s[i] == '"' || s[i] == '\'') {
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

/* The punctuation stripped from a word's end. */
static const bool trailing[256] = {
	[','] = true, [';'] = true, [':'] = true, ['.'] = true, [')'] = true,
	[']'] = true, ['"'] = true, ['\''] = true, ['!'] = true, ['?'] = true};

static size_t strip_trail(const char *s, size_t b, size_t e)
{
	for (;;) {
		if (e > b && trailing[(unsigned char)s[e - 1]]) {
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
		i = scan_next_of(s, i, len, " \t", 2);
		we = i;
		if (PD_ARENA_GROW(a, v, cnt, cap) < 0)
			return NULL;
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
	size_t l;

	/* the first letter rules out nearly every word of a list */
	if (t->e == t->s || s[t->s] != w[0])
		return false;
	l = strlen(w);
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

static bool month_word(const char *s, const token *t)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (word_is(s, t, pd_extract_date_months[i]))
			return true;
	return false;
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
/* A name's first and last tokens. */
typedef struct name_span {
	size_t first, last;
} name_span;

static bool read_law(const char *s, const token *t, size_t nt, size_t k,
		     pd_law_mention *h, name_span *span)
{
	size_t first = k, last = k, j, i;
	int kw = keyword_of(s, &t[k]);

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
				/* "... in January 2026": a date, not the name */
				if (m + 1 < nt && month_word(s, w) &&
				    year_of(s, &t[m + 1]))
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
				/* "Law on X and National Plan of Y", "Decree
				 * on X with the Law on Y": cut at a joining
				 * word that opens another name */
				for (i = j + 1; i < last; i++) {
					if ((word_is(s, &t[i], "and") ||
					     word_is(s, &t[i], "with") ||
					     word_is(s, &t[i], "or") ||
					     word_is(s, &t[i], "by")) &&
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
	*span = (name_span){first, last};
	return true;
}


/* Events --------------------------------------------------------------------
 *
 * What a sentence says happened to a law: a verb before its name ("the
 * National Assembly adopted the Law on ..."), after it ("X was repealed",
 * ", adopted in 2023", "X entered into force"), with the date said nearest
 * to it in the same stretch of the sentence. A negation or a future ("has
 * not yet adopted", "is expected to be adopted") says nothing; "draft" and
 * "proposed" before the name say the law is one; "amendments to" before it
 * make an adopting verb amend the law, and a proposal of amendments nothing.
 */

typedef struct verb {
	const char *word;
	pd_law_status status;
	bool replace; /* "replaced", "superseded": by the law named next */
} verb;

static const verb verbs[] = {
	{"adopted", PD_LAW_ADOPTED, false},
	{"passed", PD_LAW_ADOPTED, false},
	{"approved", PD_LAW_ADOPTED, false},
	{"ratified", PD_LAW_ADOPTED, false},
	{"enacted", PD_LAW_IN_FORCE, false},
	{"promulgated", PD_LAW_IN_FORCE, false},
	{"gazetted", PD_LAW_IN_FORCE, false},
	{"tabled", PD_LAW_PROPOSED, false},
	{"repealed", PD_LAW_REPEALED, false},
	{"abolished", PD_LAW_REPEALED, false},
	{"revoked", PD_LAW_REPEALED, false},
	{"rescinded", PD_LAW_REPEALED, false},
	{"annulled", PD_LAW_REPEALED, false},
	{"amended", PD_LAW_AMENDED, false},
	{"replaced", PD_LAW_REPEALED, true},
	{"superseded", PD_LAW_REPEALED, true},
};

static const verb *verb_of(const char *s, const token *t)
{
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (word_is(s, t, verbs[i].word))
			return &verbs[i];
	return NULL;
}

/* Does the token's punctuation end in one of `set`? "Law," */
static bool ends_with(const char *s, const token *t, const char *set)
{
	return t->we > t->e && memchr(set, s[t->we - 1], strlen(set));
}

static bool word_in(const char *s, const token *t, const char *const *words)
{
	size_t i;

	for (i = 0; words[i]; i++)
		if (word_is(s, t, words[i]))
			return true;
	return false;
}

/* Words between a verb and the name it acts on: "adopted the new Law". */
static const char *const modifiers[] = {
	"the", "a", "an", "its", "their", "this", "that", "new", "landmark",
	"long-awaited", "national", "so-called", "current", "existing", NULL};

/* Words that make a verb's participle an adjective: "the repealed Law". */
static const char *const determiners[] = {
	"the", "a", "an", "its", "their", "this", "that", "The", "now",
	"since", "recently", "later", NULL};

/* Words that end the walk back from a name to its verb: what stands
 * between them is an article or an adjective ("repealed the long-standing
 * Law"), never a preposition or a conjunction ("enacted measures under
 * the Law" says nothing of the Law). */
static const char *const not_between[] = {
	"under", "in", "on", "of", "by", "with", "to", "for", "from",
	"through", "against", "within", "into", "at", "and", "or", "but",
	"as", "than", "including", "such", "while", "which", "who", NULL};

/* Words that take the event back: "has not yet adopted", "failed to". */
static const char *const negations[] = {
	"not", "never", "yet", "no", "failed", "expected", "will", "would",
	"could", "may", "might", "should", "must", "plans", "planned",
	"intends", "intended", "to", "be", "due", "set", "pending", "once",
	"until", "unless", "if", "whether", "before", "awaiting", "Not", NULL};

/* Words between a name and its verb: "X, which was later repealed". */
static const char *const fillers[] = {
	"was", "were", "has", "have", "had", "been", "is", "are", "which",
	"that", "later", "subsequently", "eventually", "finally", "formally",
	"officially", "also", "then", "itself", "recently", "since", "first",
	"duly", "itself", "effectively", "partially", "partly", "fully",
	"further", "significantly", "substantially", NULL};

static const char *const amendment_nouns[] = {
	"amendments", "amendment", "Amendments", "Amendment", "revision",
	"revisions", "changes", NULL};

/* A negation among the up to three words before token v (in its clause). */
static bool negated(const char *s, const token *t, size_t v)
{
	size_t i;

	for (i = v; i > 0 && v - i < 3; i--) {
		if (ends_with(s, &t[i - 1], ",;:"))
			break;
		if (word_in(s, &t[i - 1], negations))
			return true;
	}
	return false;
}

/* "entered into force", "came into effect", "took effect", "in force",
 * "signed into law", "became law". */
static size_t in_force_at(const char *s, const token *t, size_t nt, size_t j)
{
	if (j + 2 < nt && word_is(s, &t[j], "signed") &&
	    word_is(s, &t[j + 1], "into") && word_is(s, &t[j + 2], "law"))
		return 3;
	if (j + 1 < nt && word_is(s, &t[j], "became") &&
	    word_is(s, &t[j + 1], "law"))
		return 2;
	if (j + 2 < nt &&
	    (word_is(s, &t[j], "entered") || word_is(s, &t[j], "came") ||
	     word_is(s, &t[j], "comes") || word_is(s, &t[j], "enters")) &&
	    word_is(s, &t[j + 1], "into") &&
	    (word_is(s, &t[j + 2], "force") || word_is(s, &t[j + 2], "effect")))
		return 3;
	if (j + 1 < nt && word_is(s, &t[j], "took") &&
	    word_is(s, &t[j + 1], "effect"))
		return 2;
	if (j + 1 < nt && word_is(s, &t[j], "in") &&
	    word_is(s, &t[j + 1], "force"))
		return 2;
	return 0;
}

typedef struct law_event {
	pd_law_status status;
	bool explicit_status; /* said, not guessed from a year */
	size_t at, end;       /* the verb's bytes; 0, 0: none */
	bool replace;
	size_t after;         /* token after the verb */
	size_t made_at, made_end; /* an adoption or entry into force said
				   * before the event, in a series; 0, 0:
				   * none. Its date is the law's year. */
} law_event;

/* The event before the name (tokens [0, first)): a verb and modifiers, or
 * "draft"/"proposed"/"former" just before it. */
static void event_before(const char *s, const token *t, size_t first,
			 law_event *ev)
{
	size_t i = first, skipped = 0;
	const verb *v;

	/* "a draft comprehensive Law on ...": up to three words before */
	for (i = first; i > 0 && first - i < 3; i--) {
		const token *p = &t[i - 1];

		if (word_is(s, p, "draft") || word_is(s, p, "Draft")) {
			ev->status = PD_LAW_DRAFT;
			ev->explicit_status = true;
			return;
		}
		if (word_is(s, p, "proposed") || word_is(s, p, "Proposed")) {
			ev->status = PD_LAW_PROPOSED;
			ev->explicit_status = true;
			return;
		}
		/* "the repealed Law" is the adjective; "repealed the Law"
		 * the verb, read below */
		if (word_is(s, p, "former") || word_is(s, p, "Former") ||
		    (word_is(s, p, "repealed") &&
		     (i < 2 || word_in(s, &t[i - 2], determiners)))) {
			ev->status = PD_LAW_REPEALED;
			ev->explicit_status = true;
			return;
		}
		if (has_post(p))
			break;
	}
	i = first;
	while (i > 0 && skipped < 4) {
		const token *p = &t[i - 1];

		if (has_post(p))
			return; /* "..., the Law": not the verb's object */
		/* an article, a year, or an adjective in lower case */
		if (!word_in(s, p, modifiers) && !year_of(s, p) &&
		    (capitalised(s, p) || has_pre(p) || verb_of(s, p) ||
		     word_in(s, p, not_between) || word_in(s, p, negations) ||
		     word_in(s, p, amendment_nouns) || p->e == p->s ||
		     !(s[p->s] >= 'a' && s[p->s] <= 'z')))
			break;
		i--;
		skipped++;
	}
	if (i == 0)
		return;
	/* "adopted amendments to the Law", "proposed amendments to" */
	if (i >= 2 && (word_is(s, &t[i - 1], "to") || word_is(s, &t[i - 1], "of")) &&
	    word_in(s, &t[i - 2], amendment_nouns) && !has_post(&t[i - 2])) {
		size_t q = i - 2;

		/* "adopted the amendments to": the verb before the noun */
		while (q > 0 && word_in(s, &t[q - 1], modifiers))
			q--;
		if (q > 0 && (v = verb_of(s, &t[q - 1])) &&
		    v->status == PD_LAW_ADOPTED && !has_post(&t[q - 1]) &&
		    !negated(s, t, q - 1)) {
			ev->status = PD_LAW_AMENDED;
			ev->explicit_status = true;
			ev->at = t[q - 1].s;
			ev->end = t[q - 1].e;
		} else if (q == 0 || !word_is(s, &t[q - 1], "the") ||
			   word_is(s, &t[i - 2], "amendments")) {
			/* "proposed amendments to": nothing about the law */
			ev->explicit_status = true;
			ev->status = PD_LAW_STATUS_UNKNOWN;
		}
		return;
	}
	if (!(v = verb_of(s, &t[i - 1])) || has_post(&t[i - 1]))
		return;
	/* "replaced by the Law on X": the law that replaces, no event */
	if (v->replace)
		return;
	if (negated(s, t, i - 1))
		return;
	ev->status = v->status;
	ev->explicit_status = true;
	ev->at = t[i - 1].s;
	ev->end = t[i - 1].e;
	ev->replace = false;
}

/* The active "the Law on X replaced Sub-Decree No. 47": a replacing verb
 * just before the name, its subject the law named before it. */
static bool replaced_actively(const char *s, const token *t, size_t first,
			      law_event *ev)
{
	size_t i = first;

	while (i > 0 && word_in(s, &t[i - 1], modifiers))
		i--;
	if (!(i > 0 && word_is(s, &t[i - 1], "replaced") &&
	      !has_post(&t[i - 1]) && !negated(s, t, i - 1)))
		return false;
	ev->status = PD_LAW_REPEALED;
	ev->explicit_status = true;
	ev->at = t[i - 1].s;
	ev->end = t[i - 1].e;
	return true;
}

/* Words between two events of one law: "adopted by the National
 * Assembly in March 2015 and repealed in 2026". */
static const char *const between_events[] = {
	"and", "then", "later", "subsequently", "eventually", "finally",
	"was", "were", "has", "had", "been", "in", "on", "by", "the", "since",
	"its", "early", "late", "mid", NULL};

/* The event after the name (tokens from last + 1): "was repealed",
 * ", adopted in 2023", "entered into force". Read on to the last of a
 * series ("was adopted in 2015 and repealed in 2026": repealed), as the
 * latest event says what the law is now. */
static void event_after(const char *s, const token *t, size_t nt,
			size_t last, law_event *ev)
{
	size_t j = last + 1, n = 0, f;
	const verb *v;
	bool found = false;

	if (ends_with(s, &t[last], ".;:"))
		return;
	/* "(2017)", "(NSPI)" */
	while (j < nt && has_pre(&t[j]) && s[t[j].ws] == '(' && j <= last + 2)
		j++;
	for (; j < nt && n < (found ? 10 : 5); j++, n++) {
		const token *w = &t[j];

		if (word_in(s, w, negations))
			return;
		if (found && (ev->status == PD_LAW_ADOPTED ||
			      ev->status == PD_LAW_IN_FORCE)) {
			/* the event read so far is the law's making */
			ev->made_at = ev->at;
			ev->made_end = ev->end;
		}
		if ((f = in_force_at(s, t, nt, j))) {
			ev->status = PD_LAW_IN_FORCE;
			ev->explicit_status = true;
			ev->at = w->s;
			ev->end = t[j + f - 1].e;
			ev->after = j + f;
			ev->replace = false;
			found = true;
			n = 0;
			j += f - 1;
			if (ends_with(s, &t[j], ".;:"))
				return;
			continue;
		}
		if ((v = verb_of(s, w))) {
			if (v->replace && !(j + 1 < nt &&
					    word_is(s, &t[j + 1], "by")))
				return;
			ev->status = v->status;
			ev->explicit_status = true;
			ev->at = w->s;
			ev->end = w->e;
			ev->replace = v->replace;
			ev->after = j + 1;
			if (v->replace || ends_with(s, w, ".;:"))
				return; /* the successor follows */
			found = true;
			n = 0;
			continue;
		}
		if (found) {
			/* on to a later event, over its date and its agent */
			if (keyword_of(s, w) >= 0 || has_pre(w) ||
			    !(word_in(s, w, between_events) || month_word(s, w) ||
			      year_of(s, w) || numberish(s, w) ||
			      capitalised(s, w)))
				return;
		} else if (!word_in(s, w, fillers)) {
			return;
		}
		if (ends_with(s, w, ".;:"))
			return;
	}
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

/* Only modifiers between tokens a and b (exclusive)? */
static bool only_modifiers(const char *s, const token *t, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!word_in(s, &t[a], modifiers))
			return false;
	return true;
}

/* Does a successor's phrase end at token k, just before the modifiers
 * and the name that start at `name`: "replaced by", "superseded by",
 * "replaced it with", "in favour of"? */
static bool successor_at(const char *s, const token *t, size_t k,
			 size_t name)
{
	size_t j;

	for (j = k + 1; j < name; j++)
		if (!word_in(s, &t[j], modifiers) && !word_is(s, &t[j], "draft") &&
		    !word_is(s, &t[j], "proposed"))
			return false;
	if (word_is(s, &t[k], "by") && k > 0 &&
	    (word_is(s, &t[k - 1], "replaced") ||
	     word_is(s, &t[k - 1], "superseded")))
		return true;
	if (word_is(s, &t[k], "with") && k > 1 &&
	    word_is(s, &t[k - 2], "replaced") &&
	    (word_is(s, &t[k - 1], "it") || word_is(s, &t[k - 1], "them")))
		return true;
	return word_is(s, &t[k], "of") && k > 1 && word_is(s, &t[k - 2], "in") &&
	       (word_is(s, &t[k - 1], "favour") || word_is(s, &t[k - 1], "favor"));
}

/* The law that replaces mention m, if the sentence says which: "X was
 * repealed and replaced by Y", "X was replaced by Y", "Y replaced X",
 * "replaced X with Y", "repealed X and replaced it with Y", "repealed X
 * in favour of Y", "X was superseded by Y". Returns its index, or -1. */
static int replacement(const char *s, const token *t, const name_span *sp,
		       size_t cnt, size_t m, const law_event *ev, bool active)
{
	size_t k;

	if (active) {
		/* "Y replaced X": the subject named just before */
		if (m > 0 && sp[m - 1].last + 1 < sp[m].first &&
		    sp[m].first - sp[m - 1].last <= 4)
			return (int)m - 1;
		/* "replaced X with Y" */
		if (m + 1 < cnt && sp[m].last + 1 < sp[m + 1].first &&
		    word_is(s, &t[sp[m].last + 1], "with") &&
		    only_modifiers(s, t, sp[m].last + 2, sp[m + 1].first))
			return (int)m + 1;
		return -1;
	}
	if (!ev->explicit_status || ev->status != PD_LAW_REPEALED ||
	    m + 1 >= cnt)
		return -1;
	/* the successor's phrase between X (or its verb) and Y */
	for (k = ev->after ? ev->after - 1 : sp[m].last + 1;
	     k < sp[m + 1].first; k++)
		if (successor_at(s, t, k, sp[m + 1].first))
			return (int)m + 1;
	return -1;
}

/* What the sentence says of each law named in it. */
static void read_events(const char *s, size_t len, const token *t, size_t nt,
			pd_law_mention *v, const name_span *sp, size_t cnt)
{
	pd_extract_date dates[PD_EXTRACT_MAX_DATES];
	size_t nd = 0, m;
	bool dated = false; /* dates read: only for a sentence with an event */

	for (m = 0; m < cnt; m++) {
		pd_law_mention *h = &v[m];
		law_event ev = {PD_LAW_STATUS_UNKNOWN, false, 0, 0, false, 0, 0, 0};
		law_event after = ev;
		bool active = false;
		size_t nx;
		int r, d;

		event_before(s, t, sp[m].first, &ev);
		event_after(s, t, nt, sp[m].last, &after);
		if (after.at)
			ev = after;
		else if (!ev.explicit_status &&
			 replaced_actively(s, t, sp[m].first, &ev))
			active = true;
		if (!ev.explicit_status) {
			h->status = h->year ? PD_LAW_IN_FORCE
					    : PD_LAW_STATUS_UNKNOWN;
			continue;
		}
		h->status = ev.status;
		h->said = true;
		if ((r = replacement(s, t, sp, cnt, m, &ev, active)) >= 0) {
			h->repl_s = v[r].start;
			h->repl_e = v[r].end;
		}
		if (!ev.at)
			continue;
		if (!dated) {
			nd = pd_extract_date_scan(s, len, dates,
						  PD_EXTRACT_MAX_DATES);
			dated = true;
		}
		/* "adopted in 2015 and repealed in 2026": 2015 is its year */
		if (!h->year && ev.made_at &&
		    (d = pd_extract_date_near(dates, nd, ev.made_at,
					      ev.made_end,
					      m > 0 ? v[m - 1].end : 0,
					      ev.at)) >= 0)
			h->year = dates[d].date.year;
		/* a replacement's stretch runs on past its successor: "was
		 * superseded by Y in 2025" */
		nx = m + 1 + (r == (int)m + 1);
		d = pd_extract_date_near(dates, nd, ev.at, ev.end,
					 m > 0 ? v[m - 1].end : 0,
					 nx < cnt ? v[nx].start : len);
		if (d < 0)
			continue;
		h->date = dates[d].date;
		h->date.day = 0; /* a law's date is its year and month */
		if (!h->year && (ev.status == PD_LAW_ADOPTED ||
				 ev.status == PD_LAW_IN_FORCE))
			h->year = h->date.year;
	}
	/* a successor the sentence says nothing else of is in force from
	 * the replacement on: "replaced it with Y", "Y replaced X" */
	for (m = 0; m < cnt; m++) {
		size_t r;

		if (v[m].repl_e <= v[m].repl_s)
			continue;
		for (r = 0; r < cnt; r++)
			if (v[r].start == v[m].repl_s && !v[r].said) {
				v[r].status = PD_LAW_IN_FORCE;
				v[r].said = true;
				v[r].date = v[m].date;
				if (!v[r].year)
					v[r].year = v[r].date.year;
			}
	}
}

int pd_law_mentions(pd_arena *arena, const char *s, size_t len,
		    pd_law_mention **out, size_t *n)
{
	pd_law_mention *v = NULL;
	name_span *sp = NULL;
	size_t cap = 0, spcap = 0, cnt = 0, nt, i;
	token *t;

	*out = NULL;
	*n = 0;
	if (!may_name_law(s, len))
		return 0;
	if (!(t = tokenize(arena, s, len, &nt)))
		return PD_ENOMEM;
	for (i = 0; i < nt; i++) {
		pd_law_mention h;
		name_span span;

		if (keyword_of(s, &t[i]) < 0 ||
		    !read_law(s, t, nt, i, &h, &span))
			continue;
		if (PD_ARENA_GROW(arena, v, cnt, cap) < 0)
			return PD_ENOMEM;
		if (PD_ARENA_GROW(arena, sp, cnt, spcap) < 0)
			return PD_ENOMEM;
		v[cnt] = h;
		sp[cnt++] = span;
		/* skip the tokens of this name */
		while (i + 1 < nt && t[i + 1].s < h.end)
			i++;
	}
	if (cnt)
		read_events(s, len, t, nt, v, sp, cnt);
	*out = v;
	*n = cnt;
	return 0;
}
