/*
 * lint.c: the lint rules of DESIGN.md section 6 over one profile.
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

#include "profdiff/citations.h"
#include "profdiff/diff.h"
#include "profdiff/extract.h"
#include "profdiff/lint.h"
#include "profdiff/normalize.h"
#include "profdiff/sentences.h"
#include "scan.h"

typedef struct linter {
	const pd_profile *p;
	const pd_lint_options *o;
	pd_lint_result *r;
	size_t cap;
	pd_arena *scratch;
	pd_citations cites;
	const pd_treaty_matcher *tm;
	bool *cited; /* per footnote index: cited by a marker */
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

/* Does lint.ignore silence this finding? A text entry matches claims that
 * start with it, compared in normal form. */
static bool ignored(const pd_profile *p, pd_rule_id rule, uint32_t footnote,
		    const char *text, size_t tlen)
{
	size_t i;

	for (i = 0; p && i < p->nignores; i++) {
		const pd_ignore *ig = &p->ignores[i];
		bool hit;

		if (strcmp(ig->rule, pd_rule_get(rule)->name) != 0)
			continue;
		if (ig->footnote && ig->footnote != footnote)
			continue;
		if (!ig->text)
			return true;
		if (!text)
			continue;
		{
			pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;

			pd_normalize(&a, ig->text, strlen(ig->text),
				     PD_NORM_MARKERS);
			pd_normalize(&b, text, tlen, PD_NORM_MARKERS);
			hit = a.len <= b.len && a.len &&
			      memcmp(a.ptr, b.ptr, a.len) == 0;
			pd_buf_free(&a);
			pd_buf_free(&b);
		}
		if (hit)
			return true;
	}
	return false;
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
 * a NUL (size > 0). */
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

static int add(linter *l, pd_rule_id rule, pd_pos pos, uint32_t footnote,
	       const char *text, size_t tlen, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

static int add(linter *l, pd_rule_id rule, pd_pos pos, uint32_t footnote,
	       const char *text, size_t tlen, const char *fmt, ...)
{
	pd_lint_result *r = l->r;
	pd_severity sev = pd_lint_severity(l->o, rule);
	pd_finding *f;
	char msg[1024];
	va_list ap;

	if (sev == PD_SEV_OFF || ignored(l->p, rule, footnote, text, tlen))
		return 0;
	if (r->nfindings == l->cap) {
		pd_finding *g = pd_arena_grow_array(r->arena, r->findings, &l->cap,
						    sizeof(*g));

		if (!g)
			return PD_ENOMEM;
		r->findings = g;
	}
	va_start(ap, fmt);
	format_message(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	f = &r->findings[r->nfindings];
	f->rule = rule;
	f->severity = sev;
	f->pos = pos;
	f->footnote = footnote;
	f->text = text ? pd_arena_strndup(r->arena, text, tlen) : NULL;
	f->message = pd_arena_strdup(r->arena, msg);
	if ((text && !f->text) || !f->message)
		return PD_ENOMEM;
	r->nfindings++;
	r->count[sev]++;
	return 0;
}

static int treaty_matcher(linter *l)
{
	pd_treaty_matcher *m;
	int err;

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
	for (k = 0; k < l->p->nlaws; k++) {
		const pd_law *law = &l->p->laws[k];
		const char *name = law->short_name ? law->short_name : law->name;

		if (contains(s, len, law->name) || contains(s, len, name)) {
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

static pd_pos text_pos(const pd_paragraph *para, size_t off)
{
	return pd_text_at(para->text, para->pos, para->segs, para->nsegs, off);
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

		for (k = 0; k < l->p->ntreaties; k++) {
			const pd_treaty *t = &l->p->treaties[k];

			if (strcmp(t->id, def->id) != 0 ||
			    t->status == st[i].status ||
			    t->status == PD_TREATY_UNKNOWN)
				continue;
			if ((err = add(l, PD_RULE_TREATY_CONTRADICTION,
				       text_pos(para,
						sp->start + st[i].phrase_start),
				       0, s, len,
				       "the prose says %s is %s ('%.*s%s'), the "
				       "treaties list says %s",
				       def->id,
				       pd_treaty_status_name(st[i].status),
				       (int)(plen > 80 ? 80 : plen),
				       s + st[i].phrase_start,
				       plen > 80 ? "..." : "",
				       pd_treaty_status_name(t->status))) < 0)
				return err;
		}
	}
	return 0;
}

/* Are the first blen bytes of a equal to b, case-blind? */
static bool same_ci_prefix(const char *a, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < blen; i++) {
		char x = a[i], y = b[i];

		if (!x)
			return false;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

static bool same_ci(const char *a, const char *b, size_t blen)
{
	return strlen(a) == blen && same_ci_prefix(a, b, blen);
}

/* Is the name listed under laws (as name, short or aka)? A name cut at a
 * comma in the prose ("Law on Civil Registration, Vital ...") matches the
 * listed name it begins. */
static bool listed_law(const pd_profile *p, const char *name, size_t len)
{
	size_t i, k;

	for (i = 0; i < p->nlaws; i++) {
		const pd_law *l = &p->laws[i];
		size_t nl = strlen(l->name);

		if ((nl > len && l->name[len] == ',' &&
		     same_ci_prefix(l->name, name, len)) ||
		    same_ci(l->name, name, len) ||
		    (l->short_name && same_ci(l->short_name, name, len)))
			return true;
		for (k = 0; k < l->naka; k++)
			if (same_ci(l->aka[k], name, len))
				return true;
	}
	return false;
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
		if (listed_law(l->p, s + lm[i].start, lm[i].end - lm[i].start))
			continue;
		if ((err = add(l, PD_RULE_UNLISTED_LAW,
			       text_pos(para, sp->start + lm[i].start), 0, s,
			       len, "'%.*s' is named here but not listed under "
				    "laws",
			       (int)(lm[i].end - lm[i].start),
			       s + lm[i].start)) < 0)
			return err;
	}
	return 0;
}

static int check_paragraph(linter *l, const pd_paragraph *para)
{
	const pd_profile *p = l->p;
	pd_span *sp;
	pd_marker *m;
	size_t ns, nm, i, j, k = 0;
	bool *has, later = false;
	int err;

	if ((err = pd_sentences(l->scratch, para->text, para->len, &sp,
				&ns)) < 0 ||
	    (err = pd_markers(l->scratch, para->text, para->len, &m, &nm)) < 0)
		return err;
	has = pd_arena_calloc(l->scratch, ns + 1, sizeof(*has));
	if (!has)
		return PD_ENOMEM;
	/* markers, and which sentence each belongs to */
	for (i = 0; i < nm; i++) {
		const char *stext = NULL;
		size_t slen = 0;

		while (k < ns && sp[k].end <= m[i].start)
			k++;
		if (k < ns) {
			has[k] = true;
			stext = para->text + sp[k].start;
			slen = sp[k].end - sp[k].start;
		}
		if (m[i].malformed) {
			if ((err = add(l, PD_RULE_DANGLING_CITATION,
				       text_pos(para, m[i].start), 0, stext,
				       slen,
				       "malformed citation marker '%.*s'",
				       (int)(m[i].end - m[i].start > 40
						     ? 40
						     : m[i].end - m[i].start),
				       para->text + m[i].start)) < 0)
				return err;
			continue;
		}
		for (j = 0; j < m[i].nnumbers; j++) {
			uint32_t n = m[i].numbers[j];
			size_t fi = footnote_index(p, n);

			if (fi != (size_t)-1) {
				l->cited[fi] = true;
				continue;
			}
			if ((err = add(l, PD_RULE_DANGLING_CITATION,
				       text_pos(para, m[i].start), n, stext,
				       slen,
				       "[%u] cites footnote %u, which does not "
				       "exist",
				       (unsigned)n, (unsigned)n)) < 0)
				return err;
		}
	}
	/* sentences, last first, so that "a citation later in the
	 * paragraph" is known */
	for (i = ns; i-- > 0;) {
		const char *s = para->text + sp[i].start;
		size_t len = sp[i].end - sp[i].start;
		bool covered = has[i] ||
			       (l->o->uncited == PD_UNCITED_PARAGRAPH && later);
		char why[256];

		later = later || has[i];
		if (covered)
			continue;
		if (factual(l, s, len, why, sizeof(why))) {
			err = add(l, PD_RULE_UNCITED_ASSERTION,
				  text_pos(para, sp[i].start), 0, s, len,
				  "no citation for a sentence that %s", why);
		} else if (l->o->strict) {
			err = add(l, PD_RULE_UNCITED_SENTENCE,
				  text_pos(para, sp[i].start), 0, s, len,
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

static pd_pos source_pos(const pd_profile *p, const pd_source *s)
{
	const pd_footnote *f = pd_profile_footnote(p, s->footnote);

	return pd_text_at(f->text, f->pos, f->segs, f->nsegs, s->start);
}

static int check_problems(linter *l)
{
	const pd_profile *p = l->p;
	size_t i;
	int err = 0;

	for (i = 0; i < l->cites.nproblems && !err; i++) {
		const pd_cite_problem *pr = &l->cites.problems[i];
		const pd_source *s = pr->source;
		pd_pos pos = source_pos(p, s);
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

static int check_orphans(linter *l)
{
	const pd_profile *p = l->p;
	size_t i, k, r;
	int err;

	for (i = 0; i < p->nfootnotes; i++) {
		char refs[128] = "";
		size_t len = 0, nref = 0;

		if (l->cited[i])
			continue;
		/* footnotes that refer to it, for the message: the first
		 * four */
		for (k = i + 1; k < l->cites.nnotes; k++) {
			const pd_note_sources *ns = &l->cites.notes[k];

			for (r = 0; r < ns->nsources; r++) {
				const pd_source *s = &ns->sources[r];
				bool refers = (s->kind == PD_SOURCE_XREF &&
					       s->ref == p->footnotes[i].number) ||
					      (s->kind == PD_SOURCE_IBID &&
					       k == i + 1);

				if (!refers)
					continue;
				if (nref < 4)
					len += (size_t)snprintf(
						refs + len, sizeof(refs) - len,
						"%s%u", nref ? ", " : "",
						(unsigned)ns->number);
				else if (nref == 4)
					snprintf(refs + len, sizeof(refs) - len,
						 " and more");
				nref++;
				break;
			}
		}
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

typedef struct seen_source {
	uint64_t key;
	const pd_source *first;
} seen_source;

static int check_sources(linter *l)
{
	const pd_profile *p = l->p;
	size_t i, k, nfull = 0, cap;
	seen_source *table;
	int err;

	for (i = 0; i < l->cites.nnotes; i++)
		nfull += l->cites.notes[i].nsources;
	for (cap = 16; cap < nfull * 2; cap *= 2)
		;
	table = pd_arena_calloc(l->scratch, cap, sizeof(*table));
	if (!table)
		return PD_ENOMEM;
	for (i = 0; i < l->cites.nnotes; i++) {
		const pd_note_sources *ns = &l->cites.notes[i];

		for (k = 0; k < ns->nsources; k++) {
			const pd_source *s = &ns->sources[k];
			size_t h;

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
						       source_pos(p, s),
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
			for (h = (size_t)(s->key & (cap - 1)); table[h].first;
			     h = (h + 1) & (cap - 1))
				if (table[h].key == s->key)
					break;
			if (!table[h].first) {
				table[h].key = s->key;
				table[h].first = s;
				continue;
			}
			if (table[h].first->footnote == s->footnote)
				continue;
			if ((err = add(l, PD_RULE_DUPLICATE_SOURCE,
				       source_pos(p, s), s->footnote, NULL, 0,
				       "footnote %u cites '%s' in full again "
				       "(first in footnote %u); a "
				       "cross-reference (n %u) would do",
				       (unsigned)s->footnote, s->label,
				       (unsigned)table[h].first->footnote,
				       (unsigned)table[h].first->footnote)) < 0)
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
	if (pd_date_cmp(p->last_updated, prev->last_updated) == 0) {
		/* a change in substance; typo fixes and other editorial
		 * changes belong to the same published revision */
		pd_diff_options dopts = PD_DIFF_OPTIONS_INIT;
		pd_diff *d;
		pd_buf what = PD_BUF_INIT;

		dopts.vocab = l->o->vocab;
		if ((err = pd_diff_profiles(&d, prev, p, &dopts)) < 0)
			return err;
		if (d->substantive) {
			pd_diff_summarize(&what, d);
			err = add(l, PD_RULE_DATE_NOT_BUMPED, at, 0, NULL, 0,
				  "the content changed in substance since the "
				  "revision published on %s (%s), but "
				  "last_updated did not",
				  b, pd_buf_cstr(&what));
		}
		pd_buf_free(&what);
		pd_diff_free(d);
	}
	return err;
}

/* Entry points --------------------------------------------------------------- */

static int finding_cmp(const void *x, const void *y)
{
	const pd_finding *a = x, *b = y;

	if (a->pos.line != b->pos.line)
		return a->pos.line < b->pos.line ? -1 : 1;
	if (a->pos.col != b->pos.col)
		return a->pos.col < b->pos.col ? -1 : 1;
	return (a->rule > b->rule) - (a->rule < b->rule);
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
	l.cited = pd_arena_calloc(l.scratch, p->nfootnotes + 1, sizeof(bool));
	if (!l.cited) {
		err = PD_ENOMEM;
		goto done;
	}
	if ((err = pd_citations_resolve(l.scratch, p, &l.cites)) < 0 ||
	    (err = treaty_matcher(&l)) < 0 ||
	    (err = check_dates(&l)) < 0 ||
	    (err = check_sections(&l, p->sections, p->nsections)) < 0 ||
	    (err = check_orphans(&l)) < 0 ||
	    (err = check_problems(&l)) < 0 ||
	    (err = check_sources(&l)) < 0)
		goto done;
	if (l.r->nfindings > 1)
		qsort(l.r->findings, l.r->nfindings, sizeof(*l.r->findings),
		      finding_cmp);
done:
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
	static const pd_lint_options defaults = PD_LINT_OPTIONS_INIT;
	linter l;
	int err;

	memset(&l, 0, sizeof(l));
	l.o = opts ? opts : &defaults;
	if ((err = new_result(&l.r)) < 0)
		return err;
	if ((err = add(&l, PD_RULE_SCHEMA, e->pos, 0, NULL, 0, "%s",
		       e->message)) < 0) {
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
