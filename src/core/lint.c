/*
 * lint.c: the lint rules of docs/DESIGN.md, section 6 over one profile.
 *
 * One pass over the prose and one over the footnotes. The prose pass cuts
 * each paragraph into sentences and markers: markers are checked against
 * the footnotes (dangling-citation) and recorded as citing them
 * (orphan-footnote); a sentence without a marker of its own, and in
 * paragraph mode without one later in its paragraph, is an
 * uncited-assertion when it carries a factual signal (a quotation, a
 * number or date, an article, a named treaty, law or body, a reported
 * event) and an uncited-sentence (--strict) otherwise. Treaty statements
 * in the prose are compared with `treaties`, law names with `laws`. The
 * footnote pass reports what the citation resolver found (ibid without an
 * antecedent, broken and mismatched cross-references), sources accessed
 * after last_updated, and full sources cited twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "profdiff/citations.h"
#include "profdiff/diff.h"
#include "profdiff/extract.h"
#include "profdiff/lint.h"
#include "profdiff/markers.h"
#include "profdiff/normalize.h"
#include "profdiff/sentences.h"
#include "grow.h"
#include "multisearch.h"
#include "scan.h"
#include "table.h"
#include "sort.h"

/* A finding about a sentence, by what it says: a repeat of one (the same
 * rule, footnote and message about the same sentence) only counts. The
 * sentence is known by its address. */
typedef struct repeat_key {
	uint64_t h; /* of the rest */
	const char *text;
	pd_rule_id rule;
	uint32_t footnote;
	const char *msg;
} repeat_key;

typedef struct repeat {
	repeat_key k;
	size_t finding;
} repeat;

static inline uint64_t repeat_hash(const repeat_key *k)
{
	return k->h;
}

static inline bool repeat_eq(const repeat_key *a, const repeat_key *b)
{
	return a->h == b->h && a->text == b->text && a->rule == b->rule &&
	       a->footnote == b->footnote && strcmp(a->msg, b->msg) == 0;
}

#define REPEAT_KEY(e) (&(e)->k)
PD_TABLE(repeat_table, repeat, const repeat_key *, REPEAT_KEY, repeat_hash,
	 repeat_eq)

/* A form of a law's name, lower-cased (ASCII). */
typedef struct law_form {
	uint64_t h; /* of the bytes */
	const char *s;
	size_t len;
} law_form;

static inline uint64_t law_form_hash(const law_form *k)
{
	return k->h;
}

static inline bool law_form_eq(const law_form *a, const law_form *b)
{
	return a->h == b->h && a->len == b->len &&
	       memcmp(a->s, b->s, a->len) == 0;
}

#define LAW_FORM_KEY(e) (e)
PD_TABLE(law_form_table, law_form, const law_form *, LAW_FORM_KEY,
	 law_form_hash, law_form_eq)

typedef struct linter {
	const pd_profile *p;
	const pd_lint_options *o;
	pd_lint_result *r;
	size_t cap;
	pd_arena *scratch;
	pd_citations cites;
	const pd_treaty_matcher *tm;
	/* per vocabulary treaty: the first undated statement of the prose,
	 * its status (PD_TREATY_STATUS_COUNT: none yet) and position */
	pd_treaty_status *said;
	pd_pos *said_at;
	/* undated statements that the treaties list contradicts, held until
	 * the whole prose is read: a dated event that agrees with the list
	 * outranks them (dated_agrees, per vocabulary treaty) */
	struct deferred {
		int treaty;
		pd_pos pos;
		const char *text;
		size_t len;
		char *msg;
	} *deferred;
	size_t ndeferred, capdeferred;
	bool *dated_agrees;
	bool *cited; /* per footnote index: cited by a marker */
	/* positions in the paragraph, or the footnote, being checked */
	pd_text_cursor cur;
	const pd_footnote *cur_note;
	repeat_table repeats; /* the findings about a sentence */
	/* the laws' names: as patterns, id the law's index (for factual
	 * signals); and case-blind, with their forms cut at a comma (for
	 * listed_law) */
	pd_multisearch *law_patterns;
	law_form_table law_forms;
	/* lint.ignore's texts in normal form (NULL: not yet made), and the
	 * normal form of the sentence asked about last */
	pd_buf *ignore_norm;
	const char *norm_of;
	size_t norm_len;
	/* the sentence whose normal form's fingerprint was taken last: the
	 * findings of one sentence, however many, take it once */
	const char *fp_of;
	size_t fp_len;
	uint64_t fp;
	pd_buf norm;
	pd_buf fold; /* a law's name lower-cased, for law_forms */
	/* bodies[] then events[] by first byte: the words that may start at
	 * a byte c are signals[signal_at[c] .. signal_at[c + 1]), indices
	 * into bodies[] and, from NBODIES on, into events[] */
	unsigned char signal_at[257];
	unsigned char signals[64];
} linter;

pd_severity pd_lint_severity(const pd_lint_options *o, pd_rule_id rule)
{
	size_t i;

	for (i = 0; o && i < o->nseverities; i++)
		if (o->severities[i].rule == rule)
			return o->severities[i].severity;
	return pd_rule_get(rule)->severity;
}

/* The normal forms of lint.ignore's texts, made on first use. */
static int ignore_texts(linter *l)
{
	const pd_profile *p = l->p;
	size_t i;

	l->ignore_norm = pd_arena_calloc(l->scratch, p->nignores + 1,
					 sizeof(*l->ignore_norm));
	if (!l->ignore_norm)
		return PD_ENOMEM;
	for (i = 0; i < p->nignores; i++) {
		if (!p->ignores[i].text)
			continue;
		pd_normalize(&l->ignore_norm[i], p->ignores[i].text,
			     strlen(p->ignores[i].text), PD_NORM_MARKERS);
		if (pd_buf_ok(&l->ignore_norm[i]) < 0)
			return PD_ENOMEM;
	}
	return 0;
}

/* Does lint.ignore silence this finding? A text entry matches claims that
 * start with it, compared in normal form. Each text is normalised once:
 * the ignore entries per lint, a sentence for all of its findings. */
static int ignored(linter *l, pd_rule_id rule, uint32_t footnote,
		   const char *text, size_t tlen)
{
	const pd_profile *p = l->p;
	size_t i;
	int err;

	for (i = 0; p && i < p->nignores; i++) {
		const pd_ignore *ig = &p->ignores[i];
		const pd_buf *a;

		if (strcmp(ig->rule, pd_rule_get(rule)->name) != 0)
			continue;
		if (ig->nfootnotes &&
		    !pd_footnote_set_has(ig->footnotes, ig->nfootnotes,
					 footnote))
			continue;
		if (!ig->text)
			return 1;
		if (!text)
			continue;
		if (!l->ignore_norm && (err = ignore_texts(l)) < 0)
			return err;
		if (l->norm_of != text || l->norm_len != tlen) {
			pd_buf_clear(&l->norm);
			pd_normalize(&l->norm, text, tlen, PD_NORM_MARKERS);
			if (pd_buf_ok(&l->norm) < 0)
				return PD_ENOMEM;
			l->norm_of = text;
			l->norm_len = tlen;
		}
		a = &l->ignore_norm[i];
		if (a->len && a->len <= l->norm.len &&
		    memcmp(a->ptr, l->norm.ptr, a->len) == 0)
			return 1;
	}
	return 0;
}

/* Do the conversions of fmt all come from %s, %.*s, %u and %%, the ones
 * lint's messages use? */
static bool plain_format(const char *fmt)
{
	const char *p;

	for (p = strchr(fmt, '%'); p; p = strchr(p + 1, '%')) {
		p++;
		if (*p == 's' || *p == 'u' || *p == '%')
			continue;
		if (p[0] == '.' && p[1] == '*' && p[2] == 's') {
			p += 2;
			continue;
		}
		return false;
	}
	return true;
}

/* Appends len bytes of s to out, as far as room is left for a NUL. */
static void put_msg(char *out, size_t size, size_t *n, const char *s,
		    size_t len)
{
	if (len > size - 1 - *n)
		len = size - 1 - *n;
	memcpy(out + *n, s, len);
	*n += len;
}

/* vsnprintf for a plain_format(): a lint run formats tens of thousands of
 * messages, and glibc's general formatter spends several times as long on
 * each. Anything else goes to vsnprintf. Writes at most size - 1 bytes and
 * a NUL (size > 0).
 *
 * The project's pd_buf_vprintf in its place (into a buffer kept by the
 * linter) costs lint --format json, callgrind, one thread: 416.5 -> 438.7
 * M instructions on 200 profiles of 25 KB (24k findings, +5.4%), 950.8 ->
 * 1029.8 M on 100 profiles of 5-100 KB (85k findings, +8.3%). That pays
 * for these sixty lines. */
static void format_message(char *out, size_t size, const char *fmt,
			   va_list ap)
{
	size_t n = 0;

	if (!plain_format(fmt)) {
		vsnprintf(out, size, fmt, ap);
		return;
	}
	for (;;) {
		const char *pct = strchr(fmt, '%'), *a;
		char digits[16];
		size_t k;
		unsigned v;
		int prec;

		if (!pct)
			pct = fmt + strlen(fmt);
		put_msg(out, size, &n, fmt, (size_t)(pct - fmt));
		if (!*pct)
			break;
		fmt = pct + 1;
		switch (*fmt) {
		case '%':
			put_msg(out, size, &n, "%", 1);
			break;
		case 'u':
			v = va_arg(ap, unsigned);
			k = sizeof(digits);
			do
				digits[--k] = (char)('0' + v % 10);
			while ((v /= 10));
			put_msg(out, size, &n, digits + k, sizeof(digits) - k);
			break;
		case '.': /* ".*s" */
			prec = va_arg(ap, int);
			a = va_arg(ap, const char *);
			if (!a)
				a = "(null)";
			put_msg(out, size, &n, a,
				prec < 0 ? strlen(a) : strnlen(a, (size_t)prec));
			fmt += 2;
			break;
		default: /* 's' */
			a = va_arg(ap, const char *);
			if (!a)
				a = "(null)";
			put_msg(out, size, &n, a, strlen(a));
			break;
		}
		fmt++;
	}
	out[n] = '\0';
}

/* Records a finding, unless its rule is off or lint.ignore silences it;
 * about a sentence (text), a repeat of one already recorded only counts.
 * Returns 0 or PD_ENOMEM. */
static int add(linter *l, pd_rule_id rule, pd_pos pos, uint32_t footnote,
	       const char *text, size_t tlen, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* A finding's excerpt of its claim: the claim when it is short, else its
 * first words, cut at a character (at a space where one is near) and
 * marked with an ellipsis, PD_FINDING_EXCERPT_MAX bytes in all. */
static char *excerpt(pd_arena *a, const char *text, size_t len)
{
	size_t cut, k;
	char *e;

	if (len <= PD_FINDING_EXCERPT_MAX)
		return pd_arena_strndup(a, text, len);
	cut = PD_FINDING_EXCERPT_MAX - 3; /* room for U+2026 */
	while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
		cut--;
	for (k = cut; k > cut - 40 && k > 0; k--)
		if (text[k] == ' ') {
			cut = k;
			break;
		}
	e = pd_arena_alloc(a, cut + 4);
	if (!e)
		return NULL;
	memcpy(e, text, cut);
	memcpy(e + cut, "\xE2\x80\xA6", 4);
	return e;
}

uint64_t pd_lint_claim_about(const char *text, size_t len)
{
	return pd_fingerprint(text, len, PD_NORM_MARKERS) | 1;
}

/* pd_finding.about: the identities of the footnote's resolved sources,
 * else the normal form of the claim without its markers. */
static uint64_t finding_about(linter *l, uint32_t footnote, const char *text,
			      size_t tlen)
{
	const pd_note_sources *ns =
		footnote ? pd_citations_note(&l->cites, footnote) : NULL;

	if (ns && ns->nresolved) {
		uint64_t h = 0;
		size_t k;

		for (k = 0; k < ns->nresolved; k++)
			h = XXH3_64bits_withSeed(&ns->resolved[k]->key,
						 sizeof(ns->resolved[k]->key), h);
		return h | 1;
	}
	if (!text)
		return 0;
	if (text != l->fp_of || tlen != l->fp_len) {
		l->fp = pd_lint_claim_about(text, tlen);
		l->fp_of = text;
		l->fp_len = tlen;
	}
	return l->fp;
}

static int add(linter *l, pd_rule_id rule, pd_pos pos, uint32_t footnote,
	       const char *text, size_t tlen, const char *fmt, ...)
{
	pd_lint_result *r = l->r;
	pd_severity sev = pd_lint_severity(l->o, rule);
	pd_finding *f;
	repeat *rp = NULL;
	char msg[1024];
	va_list ap;
	int err;

	if (sev == PD_SEV_OFF)
		return 0;
	if ((err = ignored(l, rule, footnote, text, tlen)) != 0)
		return err < 0 ? err : 0;
	va_start(ap, fmt);
	format_message(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (PD_ARENA_GROW(r->arena, r->findings, r->nfindings, l->cap) < 0)
		return PD_ENOMEM;
	if (text) {
		repeat_key k = {0, text, rule, footnote, msg};
		bool fresh;

		k.h = XXH3_64bits_withSeed(msg, strlen(msg),
					   (uint64_t)(uintptr_t)text ^
						   ((uint64_t)rule << 32 |
						    footnote));
		if (!(rp = repeat_table_put(&l->repeats, &k, &fresh)))
			return PD_ENOMEM;
		if (!fresh) {
			r->findings[rp->finding].count++;
			return 0;
		}
		rp->k = k;
	}
	f = &r->findings[r->nfindings];
	f->rule = rule;
	f->severity = sev;
	f->pos = pos;
	f->footnote = footnote;
	f->count = 1;
	f->about = finding_about(l, footnote, text, tlen);
	f->text = text ? excerpt(r->arena, text, tlen) : NULL;
	f->message = pd_arena_strdup(r->arena, msg);
	if ((text && !f->text) || !f->message)
		return PD_ENOMEM;
	if (rp) {
		/* the table's key: the message kept, not this call's */
		rp->k.msg = f->message;
		rp->finding = r->nfindings;
	}
	r->nfindings++;
	r->count[sev]++;
	return 0;
}

/* Writes n with a comma between thousands ("40,000"). */
static void put_count(pd_buf *b, size_t n)
{
	char digits[32];
	size_t k = 0, i;

	do
		digits[k++] = (char)('0' + n % 10);
	while ((n /= 10));
	for (i = k; i-- > 0;) {
		pd_buf_putc(b, digits[i]);
		if (i && i % 3 == 0)
			pd_buf_putc(b, ',');
	}
}

/* Says how often a repeated finding occurs in its sentence: after the
 * marker a message starts with ("[7] x40,000 cites footnote 7, ..."), or
 * at its end. */
static int count_repeats(linter *l)
{
	pd_lint_result *r = l->r;
	pd_buf b = PD_BUF_INIT;
	size_t i;
	int err = 0;

	for (i = 0; i < r->nfindings && !err; i++) {
		pd_finding *f = &r->findings[i];
		const char *m = f->message, *close;

		if (f->count < 2)
			continue;
		pd_buf_clear(&b);
		close = m[0] == '[' ? strchr(m, ']') : NULL;
		if (close && close[1] == ' ') {
			pd_buf_put(&b, m, (size_t)(close - m) + 1);
			pd_buf_puts(&b, " \xC3\x97");
			put_count(&b, f->count);
			pd_buf_puts(&b, close + 1);
		} else {
			pd_buf_puts(&b, m);
			pd_buf_puts(&b, " (\xC3\x97");
			put_count(&b, f->count);
			pd_buf_puts(&b, " in this sentence)");
		}
		if ((err = pd_buf_ok(&b)) == 0 &&
		    !(f->message = pd_arena_strndup(r->arena, b.ptr, b.len)))
			err = PD_ENOMEM;
	}
	pd_buf_free(&b);
	return err;
}

static int treaty_matcher(linter *l)
{
	pd_treaty_matcher *m;
	int err;

	size_t n = pd_vocab_count(l->o->vocab), i;

	l->said = pd_arena_alloc(l->scratch, (n + 1) * sizeof(*l->said));
	l->said_at = pd_arena_calloc(l->scratch, n + 1, sizeof(*l->said_at));
	l->dated_agrees = pd_arena_calloc(l->scratch, n + 1,
					  sizeof(*l->dated_agrees));
	if (!l->said || !l->said_at || !l->dated_agrees)
		return PD_ENOMEM;
	for (i = 0; i <= n; i++)
		l->said[i] = PD_TREATY_STATUS_COUNT;
	if (l->o->matcher) {
		l->tm = l->o->matcher;
		return 0;
	}
	if ((err = pd_treaty_matcher_new(&m, l->scratch, l->o->vocab)) < 0)
		return err;
	l->tm = m;
	return 0;
}

static size_t footnote_index(const pd_profile *p, uint32_t n)
{
	const pd_footnote *f = pd_profile_footnote(p, n);

	return f ? (size_t)(f - p->footnotes) : (size_t)-1;
}

/* Factual signals ------------------------------------------------------------- */

static bool is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
}

static bool word_at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n;

	if (s[i] != w[0]) /* the common case, and cheap */
		return false;
	n = strlen(w);
	return i + n <= len && memcmp(s + i, w, n) == 0 &&
	       (i == 0 || !is_word_char((unsigned char)s[i - 1])) &&
	       (i + n == len || !is_word_char((unsigned char)s[i + n]));
}

/* Named bodies: organisational words and the acronyms of international
 * bodies, matched with their capitals. */
static const char *const bodies[] = {
	"Ministry", "Ministries", "Department", "Committee", "Council",
	"Commission", "Commissioner", "Agency", "Court", "Tribunal",
	"Parliament", "Assembly", "Secretariat", "Rapporteur", "Authority",
	"Bank", "UN", "UNHCR", "UNICEF", "UNDP", "UNESCAP", "ESCAP",
	"OHCHR", "UNGA", "UNFPA", "UNESCO", "ILO", "IOM", "ASEAN", "EU",
	"World Bank", "Human Rights Watch", "Amnesty International", NULL};

/* Verbs that report an event. */
static const char *const events[] = {
	"ratified", "launched", "adopted", "enacted",	  "signed",
	"introduced", "established", "issued", "approved", "promulgated",
	"announced", "released", "noted", "recommended", "pledged",
	"acceded", "amended", "repealed", "passed", NULL};

#define NBODIES (sizeof(bodies) / sizeof(bodies[0]) - 1)
#define NEVENTS (sizeof(events) / sizeof(events[0]) - 1)
_Static_assert(NBODIES + NEVENTS <= 64, "signals are indexed in a byte");

/* Groups bodies[] and events[] by first byte, in their order. */
static void index_signals(linter *l)
{
	unsigned char first[NBODIES + NEVENTS];
	size_t k;

	for (k = 0; k < NBODIES; k++)
		first[k] = (unsigned char)bodies[k][0];
	for (k = 0; k < NEVENTS; k++)
		first[NBODIES + k] = (unsigned char)events[k][0];
	scan_group_by_byte(first, NBODIES + NEVENTS, l->signal_at, l->signals);
}

static bool contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	return n && scan_find(s, len, needle, n) != NULL;
}

/* Why a sentence is a factual assertion, or NULL. */
static const char *factual(linter *l, const char *s, size_t len,
			   char *why, size_t wsize)
{
	const char *p;
	size_t i, k, st, en;
	int64_t id;
	int t;

	/* an opening quote: U+2018, U+201C or '"' */
	if (memchr(s, '"', len)) {
		snprintf(why, wsize, "quotes a source");
		return why;
	}
	for (i = 0; (p = memchr(s + i, '\xE2', len - i)); i++) {
		i = (size_t)(p - s);
		if (i + 3 <= len && s[i + 1] == '\x80' &&
		    (s[i + 2] == '\x98' || s[i + 2] == '\x9C')) {
			snprintf(why, wsize, "quotes a source");
			return why;
		}
	}
	for (i = 0; (p = memchr(s + i, 'A', len - i)); i++) {
		i = (size_t)(p - s);
		if (word_at(s, len, i, "Article") || word_at(s, len, i, "Art") ||
		    word_at(s, len, i, "Articles")) {
			size_t j = i;

			while (j < len && s[j] != ' ')
				j++;
			while (j < len && (s[j] == ' ' || s[j] == '.'))
				j++;
			if (j < len && s[j] >= '0' && s[j] <= '9') {
				snprintf(why, wsize, "refers to an article");
				return why;
			}
		}
	}
	t = pd_treaty_matcher_find(l->tm, s, len, &st, &en);
	if (t >= 0) {
		snprintf(why, wsize, "names the %.*s", (int)(en - st), s + st);
		return why;
	}
	for (i = 0; i < len; i++) {
		size_t m;

		if (s[i] == '[' && (m = pd_marker_len(s, len, i))) {
			i += m - 1;
			continue;
		}
		if (s[i] >= '0' && s[i] <= '9') {
			snprintf(why, wsize, "gives a number or a date");
			return why;
		}
	}
	if (l->law_patterns &&
	    (id = pd_multisearch_min_id(l->law_patterns, s, len)) >= 0) {
		const pd_law *law = &l->p->laws[id];

		snprintf(why, wsize, "names the %s",
			 law->short_name ? law->short_name : law->name);
		return why;
	}
	/* a few laws: each name searched for (memchr, then a comparison)
	 * costs less than the automaton's walk over every byte */
	for (k = 0; !l->law_patterns && k < l->p->nlaws; k++) {
		const pd_law *law = &l->p->laws[k];
		const char *name = law->short_name ? law->short_name : law->name;

		if (contains(s, len, law->name) ||
		    (law->short_name && contains(s, len, law->short_name))) {
			snprintf(why, wsize, "names the %s", name);
			return why;
		}
	}
	{
		pd_law_mention *lm;
		size_t n;

		if (pd_law_mentions(l->scratch, s, len, &lm, &n) == 0 && n) {
			snprintf(why, wsize, "names the %.*s",
				 (int)(lm[0].end - lm[0].start),
				 s + lm[0].start);
			return why;
		}
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i > 0 && is_word_char((unsigned char)s[i - 1]))
			continue; /* not the start of a word */
		for (k = l->signal_at[c]; k < l->signal_at[c + 1]; k++) {
			size_t w = l->signals[k];

			if (w < NBODIES && word_at(s, len, i, bodies[w])) {
				snprintf(why, wsize, "names a body (%s)",
					 bodies[w]);
				return why;
			}
			if (w >= NBODIES &&
			    word_at(s, len, i, events[w - NBODIES])) {
				snprintf(why, wsize, "reports an event ('%s')",
					 events[w - NBODIES]);
				return why;
			}
		}
	}
	return NULL;
}

/* The prose --------------------------------------------------------------- */

/* The position of byte off of the paragraph being checked. */
static pd_pos text_pos(linter *l, size_t off)
{
	return pd_text_cursor_at(&l->cur, off);
}

static int defer(linter *l, int treaty, pd_pos pos, const char *text,
		 size_t len, char *msg)
{
	struct deferred *d;

	if (PD_ARENA_GROW(l->scratch, l->deferred, l->ndeferred,
			  l->capdeferred) < 0)
		return PD_ENOMEM;
	d = &l->deferred[l->ndeferred++];
	d->treaty = treaty;
	d->pos = pos;
	d->text = text;
	d->len = len;
	d->msg = msg;
	return 0;
}

/* The held contradictions that no dated event outranks. */
static int flush_deferred(linter *l)
{
	size_t i;
	int err;

	for (i = 0; i < l->ndeferred; i++) {
		const struct deferred *d = &l->deferred[i];

		if (!l->dated_agrees[d->treaty] &&
		    (err = add(l, PD_RULE_TREATY_CONTRADICTION, d->pos, 0,
			       d->text, d->len, "%s", d->msg)) < 0)
			return err;
	}
	return 0;
}

/* Does an undated statement disagree with the first undated one about
 * its treaty? Signed and then ratified do not disagree. Records the first
 * one. Returns 1 or 0. */
static int undated_contradiction(linter *l, const pd_treaty_statement *st,
				 pd_pos at)
{
	pd_treaty_status first = l->said[st->treaty];

	if (st->date.year)
		return 0;
	if (first == PD_TREATY_STATUS_COUNT) {
		l->said[st->treaty] = st->status;
		l->said_at[st->treaty] = at;
		return 0;
	}
	if (first == st->status ||
	    (first == PD_TREATY_SIGNATORY && st->status == PD_TREATY_PARTY) ||
	    (first == PD_TREATY_PARTY && st->status == PD_TREATY_SIGNATORY))
		return 0;
	return 1;
}

static int check_treaties(linter *l, const pd_paragraph *para,
			  const pd_span *sp)
{
	const char *s = para->text + sp->start;
	size_t len = sp->end - sp->start, i, k;
	pd_treaty_statement *st;
	size_t n;
	int err;

	if ((err = pd_treaty_matcher_statements(l->tm, l->scratch, s, len, &st,
						&n)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		const pd_treaty_def *def =
			pd_vocab_get(l->o->vocab, (size_t)st[i].treaty);
		size_t plen = st[i].phrase_end - st[i].phrase_start;
		pd_pos at = text_pos(l, sp->start + st[i].phrase_start);
		int c;

		if (st[i].reservation)
			continue; /* a reservation says no status */
		c = undated_contradiction(l, &st[i], at);

		if (c > 0) {
			/* two undated statements disagree: neither wins */
			pd_pos first = l->said_at[st[i].treaty];

			if ((err = add(l, PD_RULE_TREATY_CONTRADICTION, at, 0, s,
				       len,
				       "the prose says %s is %s here ('%.*s%s') "
				       "but %s at line %u; neither is dated",
				       def->id,
				       pd_treaty_status_name(st[i].status),
				       (int)(plen > 80 ? 80 : plen),
				       s + st[i].phrase_start,
				       plen > 80 ? "..." : "",
				       pd_treaty_status_name(
					       l->said[st[i].treaty]),
				       (unsigned)first.line)) < 0)
				return err;
			continue;
		}
		for (k = 0; k < l->p->ntreaties; k++) {
			const pd_treaty *t = &l->p->treaties[k];
			char *msg;

			if (strcmp(t->id, def->id) != 0)
				continue;
			if (t->status == st[i].status) {
				if (st[i].date.year)
					l->dated_agrees[st[i].treaty] = true;
				continue;
			}
			if (t->status == PD_TREATY_UNKNOWN)
				continue;
			msg = pd_arena_sprintf(
				l->scratch,
				"the prose says %s is %s ('%.*s%s'), the "
				"treaties list says %s",
				def->id, pd_treaty_status_name(st[i].status),
				(int)(plen > 80 ? 80 : plen),
				s + st[i].phrase_start, plen > 80 ? "..." : "",
				pd_treaty_status_name(t->status));
			if (!msg)
				return PD_ENOMEM;
			if (st[i].date.year) {
				if ((err = add(l, PD_RULE_TREATY_CONTRADICTION,
					       at, 0, s, len, "%s", msg)) < 0)
					return err;
			} else if ((err = defer(l, st[i].treaty, at, s, len,
						msg)) < 0) {
				return err;
			}
		}
	}
	return 0;
}

/* The form (len bytes) lower-cased (ASCII, as the prose's capitals vary)
 * into l->fold; its hash, or 0 with PD_ENOMEM in *err. */
static uint64_t fold_form(linter *l, const char *form, size_t len, int *err)
{
	size_t i;

	pd_buf_clear(&l->fold);
	pd_buf_put(&l->fold, form, len);
	if ((*err = pd_buf_ok(&l->fold)) < 0)
		return 0;
	for (i = 0; i < len; i++)
		if (l->fold.ptr[i] >= 'A' && l->fold.ptr[i] <= 'Z')
			l->fold.ptr[i] = (char)(l->fold.ptr[i] + 32);
	return XXH3_64bits(pd_buf_cstr(&l->fold), len);
}

/* Is the form (len bytes) listed, case-blind? 1, 0, or PD_ENOMEM. */
static int law_form_listed(linter *l, const char *form, size_t len)
{
	law_form k;
	int err;

	if (!law_form_table_count(&l->law_forms))
		return 0;
	k.h = fold_form(l, form, len, &err);
	if (err < 0)
		return err;
	k.s = pd_buf_cstr(&l->fold);
	k.len = l->fold.len;
	return law_form_table_get(&l->law_forms, &k) != NULL;
}

static int put_law_form(linter *l, const char *form, size_t len)
{
	law_form k, *e;
	bool fresh;
	int err;

	k.h = fold_form(l, form, len, &err);
	if (err < 0)
		return err;
	k.s = pd_buf_cstr(&l->fold);
	k.len = l->fold.len;
	if (!(e = law_form_table_put(&l->law_forms, &k, &fresh)))
		return PD_ENOMEM;
	if (!fresh)
		return 0;
	*e = k;
	if (!(e->s = pd_arena_strndup(l->scratch, k.s, k.len)))
		return PD_ENOMEM;
	return 0;
}

/* Up to this many laws, a sentence is searched for each name in turn. */
#define FEW_LAWS 8

/* Indexes the profile's laws once per lint: their names and short names,
 * when there are more than FEW_LAWS, as patterns for the factual signals (the first law named wins, as
 * before: its index is the pattern's id), and every form listed_law
 * accepts (name, short, aka, and the name cut at each of its commas, as
 * prose cuts "Law on Civil Registration, Vital ...") in a case-blind
 * table. */
static int index_laws(linter *l)
{
	const pd_profile *p = l->p;
	size_t i, k;

	if (!p->nlaws)
		return 0;
	if (p->nlaws > FEW_LAWS &&
	    !(l->law_patterns = pd_multisearch_new(l->scratch)))
		return PD_ENOMEM;
	for (i = 0; i < p->nlaws; i++) {
		const pd_law *law = &p->laws[i];
		int err;

		if (l->law_patterns &&
		    ((err = pd_multisearch_add(l->law_patterns, law->name,
					       strlen(law->name),
					       (uint32_t)i)) < 0 ||
		     (law->short_name &&
		      (err = pd_multisearch_add(l->law_patterns,
						law->short_name,
						strlen(law->short_name),
						(uint32_t)i)) < 0)))
			return err;
	}
	for (i = 0; i < p->nlaws; i++) {
		const pd_law *law = &p->laws[i];
		int err;

		if ((err = put_law_form(l, law->name, strlen(law->name))) < 0 ||
		    (law->short_name &&
		     (err = put_law_form(l, law->short_name,
					 strlen(law->short_name))) < 0))
			return err;
		for (k = 0; law->name[k]; k++)
			if (law->name[k] == ',' &&
			    (err = put_law_form(l, law->name, k)) < 0)
				return err;
		for (k = 0; k < law->naka; k++)
			if ((err = put_law_form(l, law->aka[k],
						strlen(law->aka[k]))) < 0)
				return err;
	}
	return l->law_patterns ? pd_multisearch_build(l->law_patterns) : 0;
}

static int check_laws(linter *l, const pd_paragraph *para, const pd_span *sp)
{
	const char *s = para->text + sp->start;
	size_t len = sp->end - sp->start, i, n;
	pd_law_mention *lm;
	int err;

	if ((err = pd_law_mentions(l->scratch, s, len, &lm, &n)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		int listed = law_form_listed(l, s + lm[i].start,
					     lm[i].end - lm[i].start);

		if (listed < 0)
			return listed;
		if (listed)
			continue;
		if ((err = add(l, PD_RULE_UNLISTED_LAW,
			       text_pos(l, sp->start + lm[i].start), 0, s,
			       len, "'%.*s' is named here but not listed under "
				    "laws",
			       (int)(lm[i].end - lm[i].start),
			       s + lm[i].start)) < 0)
			return err;
	}
	return 0;
}

/* A law's replaced_by names a law of the list. */
static int check_law_list(linter *l)
{
	size_t i;
	int err;

	for (i = 0; i < l->p->nlaws; i++) {
		const pd_law *law = &l->p->laws[i];
		int listed;

		if (!law->replaced_by)
			continue;
		listed = law_form_listed(l, law->replaced_by,
					 strlen(law->replaced_by));
		if (listed < 0)
			return listed;
		if (!listed &&
		    (err = add(l, PD_RULE_UNLISTED_LAW, law->pos, 0, NULL, 0,
			       "'%s' replaced_by '%s', which is not listed "
			       "under laws",
			       law->name, law->replaced_by)) < 0)
			return err;
	}
	return 0;
}

static int check_paragraph(linter *l, const pd_paragraph *para)
{
	const pd_profile *p = l->p;
	pd_span *sp;
	pd_marker mk, *m = &mk;
	uint32_t *nbuf = NULL;
	size_t ns, i, j, k = 0, pos = 0, ncap = 0;
	bool *has, *covered, later = false;
	int err;

	if ((err = pd_sentences(l->scratch, para->text, para->len, &sp,
				&ns)) < 0)
		return err;
	has = pd_arena_calloc(l->scratch, 2 * (ns + 1), sizeof(*has));
	if (!has)
		return PD_ENOMEM;
	covered = has + ns + 1;
	pd_text_cursor_init(&l->cur, para->text, para->pos, para->segs,
			    para->nsegs);
	l->cur_note = NULL;
	/* markers, one at a time, and which sentence each belongs to */
	while ((err = pd_marker_next(para->text, para->len, &pos, &mk, &nbuf,
				     &ncap)) > 0) {
		const char *stext = NULL;
		size_t slen = 0;

		while (k < ns && sp[k].end <= m->start)
			k++;
		if (k < ns) {
			has[k] = true;
			stext = para->text + sp[k].start;
			slen = sp[k].end - sp[k].start;
		}
		if (m->malformed) {
			if ((err = add(l, PD_RULE_DANGLING_CITATION,
				       text_pos(l, m->start), 0, stext,
				       slen,
				       "malformed citation marker '%.*s'",
				       (int)(m->end - m->start > 40
						     ? 40
						     : m->end - m->start),
				       para->text + m->start)) < 0)
				goto out;
			continue;
		}
		for (j = 0; j < m->nnumbers; j++) {
			uint32_t n = m->numbers[j];
			size_t fi = footnote_index(p, n);

			if (fi != (size_t)-1) {
				l->cited[fi] = true;
				continue;
			}
			if ((err = add(l, PD_RULE_DANGLING_CITATION,
				       text_pos(l, m->start), n, stext,
				       slen,
				       "[%u] cites footnote %u, which does not "
				       "exist",
				       (unsigned)n, (unsigned)n)) < 0)
				goto out;
		}
	}
out:
	free(nbuf);
	if (err < 0)
		return err;
	/* a sentence is covered by its own citation or, in paragraph mode,
	 * by one later in the paragraph: known from the end */
	for (i = ns; i-- > 0;) {
		later = later || has[i];
		covered[i] = has[i] ||
			     (l->o->uncited == PD_UNCITED_PARAGRAPH && later);
	}
	for (i = 0; i < ns; i++) {
		const char *s = para->text + sp[i].start;
		size_t len = sp[i].end - sp[i].start;
		char why[256];

		if (covered[i])
			continue;
		if (factual(l, s, len, why, sizeof(why))) {
			err = add(l, PD_RULE_UNCITED_ASSERTION,
				  text_pos(l, sp[i].start), 0, s, len,
				  "no citation for a sentence that %s", why);
		} else if (l->o->strict) {
			err = add(l, PD_RULE_UNCITED_SENTENCE,
				  text_pos(l, sp[i].start), 0, s, len,
				  "no citation for this sentence");
		}
		if (err < 0)
			return err;
	}
	for (i = 0; i < ns; i++) {
		if ((err = check_treaties(l, para, &sp[i])) < 0 ||
		    (err = check_laws(l, para, &sp[i])) < 0)
			return err;
	}
	return 0;
}

/* Depth is bounded by PD_MAX_SECTION_DEPTH. */
static int check_sections(linter *l, const pd_section *s, size_t n)
{
	size_t i, j;
	int err;

	for (i = 0; i < n; i++) {
		for (j = 0; j < s[i].nparagraphs; j++)
			if ((err = check_paragraph(l, &s[i].paragraphs[j])) < 0)
				return err;
		if ((err = check_sections(l, s[i].sections, s[i].nsections)) < 0)
			return err;
	}
	return 0;
}

/* The footnotes ----------------------------------------------------------- */

static pd_pos source_pos(linter *l, const pd_source *s)
{
	const pd_footnote *f = pd_profile_footnote(l->p, s->footnote);

	if (f != l->cur_note) {
		pd_text_cursor_init(&l->cur, f->text, f->pos, f->segs, f->nsegs);
		l->cur_note = f;
	}
	return pd_text_cursor_at(&l->cur, s->start);
}

static int check_problems(linter *l)
{
	size_t i;
	int err = 0;

	for (i = 0; i < l->cites.nproblems && !err; i++) {
		const pd_cite_problem *pr = &l->cites.problems[i];
		const pd_source *s = pr->source;
		pd_pos pos = source_pos(l, s);
		char hint[256] = "";

		if (pr->intended)
			snprintf(hint, sizeof(hint),
				 " ('%s' is in footnote %u)", s->short_form,
				 (unsigned)pr->intended->footnote);
		switch (pr->kind) {
		case PD_CITE_IBID_FIRST:
			err = add(l, PD_RULE_IBID_NO_ANTECEDENT, pos, s->footnote,
				  NULL, 0,
				  "ibid in footnote %u, the first footnote, "
				  "repeats nothing",
				  (unsigned)s->footnote);
			break;
		case PD_CITE_IBID_GAP:
			err = add(l, PD_RULE_IBID_NO_ANTECEDENT, pos, s->footnote,
				  NULL, 0,
				  "ibid in footnote %u follows a missing "
				  "footnote %u",
				  (unsigned)s->footnote,
				  (unsigned)s->footnote - 1);
			break;
		case PD_CITE_XREF_MISSING:
			err = add(l, PD_RULE_BROKEN_CROSS_REF, pos, s->footnote,
				  NULL, 0,
				  "(n %u) in footnote %u points at footnote "
				  "%u, which does not exist%s",
				  (unsigned)s->ref, (unsigned)s->footnote,
				  (unsigned)s->ref, hint);
			break;
		case PD_CITE_XREF_LATER:
			err = add(l, PD_RULE_BROKEN_CROSS_REF, pos, s->footnote,
				  NULL, 0,
				  "(n %u) in footnote %u points at %s footnote"
				  "%s",
				  (unsigned)s->ref, (unsigned)s->footnote,
				  s->ref == s->footnote ? "its own" : "a later",
				  hint);
			break;
		case PD_CITE_XREF_MISMATCH:
			err = add(l, PD_RULE_CROSS_REF_MISMATCH, pos, s->footnote,
				  NULL, 0,
				  "'%s (n %u)' in footnote %u: footnote %u has "
				  "no source by or titled '%s'%s",
				  s->short_form, (unsigned)s->ref,
				  (unsigned)s->footnote, (unsigned)s->ref,
				  s->short_form, hint);
			break;
		}
	}
	return err;
}

/* Which later footnotes refer to each footnote, by (n X) or by ibid (the
 * one just after it): the first four and how many, for orphans' messages.
 * One pass over the sources. */
typedef struct referrers {
	uint32_t n;
	uint32_t first[4];
	size_t last; /* 1 + the note counted last, so that it counts once */
} referrers;

static int find_referrers(linter *l, referrers **out)
{
	const pd_profile *p = l->p;
	referrers *rf = pd_arena_calloc(l->scratch, p->nfootnotes + 1,
					sizeof(*rf));
	size_t k, r;

	if (!rf)
		return PD_ENOMEM;
	for (k = 0; k < l->cites.nnotes && k < p->nfootnotes; k++) {
		const pd_note_sources *ns = &l->cites.notes[k];

		for (r = 0; r < ns->nsources; r++) {
			const pd_source *s = &ns->sources[r];
			size_t i = (size_t)-1;

			if (s->kind == PD_SOURCE_XREF)
				i = footnote_index(p, s->ref);
			else if (s->kind == PD_SOURCE_IBID && k > 0)
				i = k - 1;
			if (i == (size_t)-1 || i >= k || rf[i].last == k + 1)
				continue;
			rf[i].last = k + 1;
			if (rf[i].n < 4)
				rf[i].first[rf[i].n] = ns->number;
			rf[i].n++;
		}
	}
	*out = rf;
	return 0;
}

static int check_orphans(linter *l)
{
	const pd_profile *p = l->p;
	referrers *rf;
	size_t i, k;
	int err;

	if ((err = find_referrers(l, &rf)) < 0)
		return err;
	for (i = 0; i < p->nfootnotes; i++) {
		char refs[128] = "";
		size_t len = 0, nref = rf[i].n;

		if (l->cited[i] ||
		    pd_footnote_set_has(p->cited_elsewhere,
					p->ncited_elsewhere,
					p->footnotes[i].number))
			continue;
		/* footnotes that refer to it, for the message: the first
		 * four */
		for (k = 0; k < nref && k < 4; k++)
			len += (size_t)snprintf(refs + len, sizeof(refs) - len,
						"%s%u", k ? ", " : "",
						(unsigned)rf[i].first[k]);
		if (nref > 4)
			snprintf(refs + len, sizeof(refs) - len, " and more");
		if ((err = add(l, PD_RULE_ORPHAN_FOOTNOTE,
			       p->footnotes[i].number_pos,
			       p->footnotes[i].number, NULL, 0,
			       "footnote %u is never cited in the prose%s%s%s%s",
			       (unsigned)p->footnotes[i].number,
			       nref ? (nref > 1 ? " (footnotes " : " (footnote ")
				    : "",
			       refs,
			       nref ? (nref > 1 ? " refer to it" : " refers to it")
				    : "",
			       nref ? ")" : "")) < 0)
			return err;
	}
	return 0;
}

/* The first full citation of each source, by identity. */
typedef struct seen_source {
	uint64_t key;
	const pd_source *first;
} seen_source;

static inline uint64_t source_key_hash(uint64_t k)
{
	return k; /* XXH3 already */
}

static inline bool source_key_eq(uint64_t a, uint64_t b)
{
	return a == b;
}

#define SEEN_SOURCE_KEY(e) ((e)->key)
PD_TABLE(seen_sources, seen_source, uint64_t, SEEN_SOURCE_KEY,
	 source_key_hash, source_key_eq)

static int check_sources(linter *l)
{
	const pd_profile *p = l->p;
	seen_sources table;
	size_t i, k;
	int err;

	seen_sources_init(&table, l->scratch);
	for (i = 0; i < l->cites.nnotes; i++) {
		const pd_note_sources *ns = &l->cites.notes[i];

		for (k = 0; k < ns->nsources; k++) {
			const pd_source *s = &ns->sources[k];
			seen_source *seen;
			bool fresh;

			if (s->kind != PD_SOURCE_FULL)
				continue;
			if (s->accessed[0] && p->last_updated.year) {
				pd_date acc = {s->accessed[0], s->accessed[1],
					       s->accessed[2]};

				if (pd_date_cmp(acc, p->last_updated) > 0) {
					char a[11], u[11];

					pd_date_format(acc, a);
					pd_date_format(p->last_updated, u);
					if ((err = add(l,
						       PD_RULE_ACCESSED_AFTER_UPDATE,
						       source_pos(l, s),
						       s->footnote, NULL, 0,
						       "footnote %u: '%s' was "
						       "accessed on %s, after "
						       "last_updated %s",
						       (unsigned)s->footnote,
						       s->label, a, u)) < 0)
						return err;
				}
			}
			/* the same source in full in an earlier footnote */
			if (!(seen = seen_sources_put(&table, s->key, &fresh)))
				return PD_ENOMEM;
			if (fresh) {
				seen->key = s->key;
				seen->first = s;
				continue;
			}
			if (seen->first->footnote == s->footnote)
				continue;
			if ((err = add(l, PD_RULE_DUPLICATE_SOURCE,
				       source_pos(l, s), s->footnote, NULL, 0,
				       "footnote %u cites '%s' in full again "
				       "(first in footnote %u); a "
				       "cross-reference (n %u) would do",
				       (unsigned)s->footnote, s->label,
				       (unsigned)seen->first->footnote,
				       (unsigned)seen->first->footnote)) < 0)
				return err;
		}
	}
	return 0;
}

/* Dates ---------------------------------------------------------------------- */

static int check_dates(linter *l)
{
	const pd_profile *p = l->p, *prev = l->o->previous;
	pd_pos at = p->last_updated_pos;
	char a[11], b[11];
	int err = 0;

	if (!p->last_updated.year) {
		pd_pos top = {1, 1};

		return add(l, PD_RULE_MISSING_LAST_UPDATED,
			   p->country_pos.line ? p->country_pos : top, 0, NULL,
			   0,
			   "the profile has no last_updated date (add "
			   "last_updated: YYYY-MM-DD)");
	}
	pd_date_format(p->last_updated, a);
	if (l->o->today.year && pd_date_cmp(p->last_updated, l->o->today) > 0) {
		pd_date_format(l->o->today, b);
		if ((err = add(l, PD_RULE_FUTURE_DATE, at, 0, NULL, 0,
			       "last_updated %s is after today (%s)", a, b)) < 0)
			return err;
	}
	if (!prev || !prev->last_updated.year)
		return 0;
	pd_date_format(prev->last_updated, b);
	if (pd_date_cmp(p->last_updated, prev->last_updated) < 0)
		return add(l, PD_RULE_DATE_REGRESSION, at, 0, NULL, 0,
			   "last_updated %s is earlier than %s, the date of "
			   "the previous published revision",
			   a, b);
	/* under a published date: a change in substance needs a new date;
	 * typo fixes and other editorial changes belong to the same
	 * published revision, and so does any correction made on the day it
	 * was published (its date, today's, stays true, and no later date
	 * may be given) */
	if (pd_date_cmp(p->last_updated, prev->last_updated) == 0 &&
	    !(l->o->today.year &&
	      pd_date_cmp(p->last_updated, l->o->today) == 0)) {
		pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
		pd_diff *d;
		pd_buf what = PD_BUF_INIT;

		dopts.vocab = l->o->vocab;
		if ((err = pd_diff_profiles(&d, prev, p, &dopts)) < 0)
			return err;
		/* plain rewordings too: the changelog counts them for the
		 * revision, which must be a new one */
		if (d->substantive || d->bucket[PD_BUCKET_REWORDED]) {
			pd_diff_summarize(&what, d);
			err = add(l, PD_RULE_DATE_NOT_BUMPED, at, 0, NULL, 0,
				  d->substantive
					  ? "the content changed in substance "
					    "since the revision published on %s "
					    "(%s), but last_updated did not"
					  : "claims were reworded since the "
					    "revision published on %s (%s), "
					    "but last_updated did not: only "
					    "editorial changes keep a "
					    "published date",
				  b, pd_buf_cstr(&what));
		}
		pd_buf_free(&what);
		pd_diff_free(d);
	}
	return err;
}

/* Entry points --------------------------------------------------------------- */

/* Findings by position, then rule; findings at one place keep the order
 * they were found in. */
typedef struct ordered_finding {
	pd_finding f;
	size_t seq;
} ordered_finding;

static int finding_cmp(const void *x, const void *y)
{
	const ordered_finding *a = x, *b = y;

	if (a->f.pos.line != b->f.pos.line)
		return a->f.pos.line < b->f.pos.line ? -1 : 1;
	if (a->f.pos.col != b->f.pos.col)
		return a->f.pos.col < b->f.pos.col ? -1 : 1;
	if (a->f.rule != b->f.rule)
		return a->f.rule < b->f.rule ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

int pd_lint_sort_findings(pd_finding *v, size_t n)
{
	ordered_finding *o;
	size_t i;

	if (n < 2)
		return 0;
	if (!(o = malloc(n * sizeof(*o))))
		return PD_ENOMEM;
	for (i = 0; i < n; i++) {
		o[i].f = v[i];
		o[i].seq = i;
	}
	pd_qsort(o, n, sizeof(*o), finding_cmp);
	for (i = 0; i < n; i++)
		v[i] = o[i].f;
	free(o);
	return 0;
}

static int sort_findings(linter *l)
{
	return pd_lint_sort_findings(l->r->findings, l->r->nfindings);
}

static int new_result(pd_lint_result **out)
{
	pd_arena *a = pd_arena_new();
	pd_lint_result *r;

	*out = NULL;
	if (!a)
		return PD_ENOMEM;
	r = pd_arena_alloc(a, sizeof(*r));
	if (!r) {
		pd_arena_free(a);
		return PD_ENOMEM;
	}
	r->arena = a;
	*out = r;
	return 0;
}

int pd_lint(pd_lint_result **out, const pd_profile *p,
	    const pd_lint_options *opts)
{
	static const pd_lint_options defaults = PD_LINT_OPTIONS_INIT;
	linter l;
	int err;

	memset(&l, 0, sizeof(l));
	l.p = p;
	l.o = opts ? opts : &defaults;
	index_signals(&l);
	if ((err = new_result(&l.r)) < 0)
		return err;
	l.scratch = pd_arena_new();
	if (!l.scratch) {
		err = PD_ENOMEM;
		goto done;
	}
	repeat_table_init(&l.repeats, l.scratch);
	law_form_table_init(&l.law_forms, l.scratch);
	l.cited = pd_arena_calloc(l.scratch, p->nfootnotes + 1, sizeof(bool));
	if (!l.cited) {
		err = PD_ENOMEM;
		goto done;
	}
	if ((err = pd_citations_resolve(l.scratch, p, &l.cites)) < 0 ||
	    (err = treaty_matcher(&l)) < 0 ||
	    (err = index_laws(&l)) < 0 ||
	    (err = check_law_list(&l)) < 0 ||
	    (err = check_dates(&l)) < 0 ||
	    (err = check_sections(&l, p->sections, p->nsections)) < 0 ||
	    (err = flush_deferred(&l)) < 0 ||
	    (err = check_orphans(&l)) < 0 ||
	    (err = check_problems(&l)) < 0 ||
	    (err = check_sources(&l)) < 0 ||
	    (err = count_repeats(&l)) < 0 ||
	    (err = sort_findings(&l)) < 0)
		goto done;
done:
	pd_buf_free(&l.norm);
	pd_buf_free(&l.fold);
	if (l.ignore_norm)
		for (size_t i = 0; i < p->nignores; i++)
			pd_buf_free(&l.ignore_norm[i]);
	pd_arena_free(l.scratch);
	if (err < 0) {
		pd_lint_result_free(l.r);
		return err;
	}
	*out = l.r;
	return 0;
}

int pd_lint_schema(pd_lint_result **out, const pd_error *e,
		   const pd_lint_options *opts)
{
	return pd_lint_schema_errors(out, e, 1, opts);
}

int pd_lint_schema_errors(pd_lint_result **out, const pd_error *e, size_t n,
			  const pd_lint_options *opts)
{
	static const pd_lint_options defaults = PD_LINT_OPTIONS_INIT;
	linter l;
	size_t i;
	int err = 0;

	memset(&l, 0, sizeof(l));
	l.o = opts ? opts : &defaults;
	if ((err = new_result(&l.r)) < 0)
		return err;
	if (!(l.scratch = pd_arena_new())) {
		err = PD_ENOMEM;
	} else {
		repeat_table_init(&l.repeats, l.scratch);
		for (i = 0; i < n && err == 0; i++)
			err = add(&l, PD_RULE_SCHEMA, e[i].pos, 0, NULL, 0,
				  "%s", e[i].message);
		if (err == 0 && n > 1)
			err = sort_findings(&l);
	}
	pd_arena_free(l.scratch);
	if (err < 0) {
		pd_lint_result_free(l.r);
		return err;
	}
	*out = l.r;
	return 0;
}

void pd_lint_result_free(pd_lint_result *r)
{
	if (r)
		pd_arena_free(r->arena);
}
