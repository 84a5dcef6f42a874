/*
 * citations.c: the footnotes read as sources, and resolved (citations.h):
 * the footnote grammar and the resolver.
 *
 * Grammar (OSCOLA as the pages use it). A footnote holds sources separated
 * by ';' at top level: not inside quotes (curly or straight), brackets or
 * a <URL>. A closing single quote followed by a letter is an apostrophe
 * ("Children’s", "Children's"), not the end of a title; a straight single
 * quote opens a quotation only after a space or a bracket, before a
 * letter. Each source is one of:
 *  - "ibid", "ibid.", "ibid 51." : the previous footnote again, with an
 *    optional pinpoint;
 *  - "Short (n X) pinpoint." : footnote X's source whose author or title
 *    the short form names;
 *  - a full citation: an author before a quoted title (‘...’ or '...',
 *    else “...” or "..."), a <URL>, "accessed 20 January 2026", a
 *    pinpoint.
 *
 * Identity. A full source is identified by its URL in normal form, or,
 * without a URL, by the normal form of its text less the access date and
 * the trailing pinpoint, hashed with XXH3. So the same source cited in two
 * footnotes, or renumbered, keeps its identity.
 *
 * Resolution runs once over the footnotes in ascending order, so that
 * every ibid and cross-reference points at a footnote already resolved:
 * ibid takes the previous footnote's resolved sources (a gap or the first
 * footnote is a problem), (n X) takes footnote X's, for X earlier than the
 * current one. A short form naming no source of X is a mismatch; the
 * resolver then looks for the earlier source it does name, which is what
 * the author meant. Each footnote is visited once: linear in the number of
 * sources, whatever the chains.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "profdiff/citations.h"
#include "profdiff/normalize.h"
#include "profdiff/profile.h"
#include "profdiff/sentences.h"
#include "grow.h"
#include "scan.h"
#include "table.h"

/* UTF-8 of the quotes the pages use */
#define LSQUO "\xE2\x80\x98" /* ‘ */
#define RSQUO "\xE2\x80\x99" /* ’ */
#define LDQUO "\xE2\x80\x9C" /* “ */
#define RDQUO "\xE2\x80\x9D" /* ” */

static bool at(const char *s, size_t len, size_t i, const char *w)
{
	size_t n = strlen(w);

	return i + n <= len && memcmp(s + i, w, n) == 0;
}

/* Where w first occurs in s[i, e), or e. */
static size_t find(const char *s, size_t i, size_t e, const char *w)
{
	const char *p = i < e ? scan_find(s + i, e - i, w, strlen(w)) : NULL;

	return p ? (size_t)(p - s) : e;
}

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

static size_t space_len(const char *s, size_t len, size_t i)
{
	if (i < len && (s[i] == ' ' || s[i] == '\t'))
		return 1;
	if (at(s, len, i, "\xC2\xA0"))
		return 2;
	return 0;
}

static void trim(const char *s, size_t *b, size_t *e)
{
	size_t w;

	while (*b < *e && (w = space_len(s, *e, *b)))
		*b += w;
	while (*e > *b) {
		if (s[*e - 1] == ' ' || s[*e - 1] == '\t')
			(*e)--;
		else if (*e - *b >= 2 && at(s, *e, *e - 2, "\xC2\xA0"))
			*e -= 2;
		else
			break;
	}
}

/* Finds the end of the quote opened at s[i] (an opening quote of `open`
 * bytes); returns the offset of the closing quote, or 0. */
static size_t closing_quote(const char *s, size_t len, size_t i, bool dbl)
{
	size_t j = i, depth = 1;

	/* only a curly quote (0xE2 ...) or, for single quotes, a straight
	 * one can close or open: on to the next of them */
	while ((j = scan_next_of(s, j, len, "\xE2'", dbl ? 1 : 2)) < len) {
		if (dbl && at(s, len, j, LDQUO)) {
			depth++;
			j += 3;
		} else if (dbl && at(s, len, j, RDQUO)) {
			if (--depth == 0)
				return j;
			j += 3;
		} else if (!dbl && at(s, len, j, LSQUO)) {
			depth++;
			j += 3;
		} else if (!dbl && at(s, len, j, RSQUO) &&
			   !(j + 3 < len && is_letter((unsigned char)s[j + 3]))) {
			if (--depth == 0)
				return j;
			j += 3;
		} else if (!dbl && s[j] == '\'' &&
			   !(j + 1 < len && is_letter((unsigned char)s[j + 1])) &&
			   j > i && s[j - 1] != ' ') {
			if (--depth == 0)
				return j;
			j++;
		} else {
			j++;
		}
	}
	return 0;
}

/* The bytes split() acts on outside a URL (a curly quote's first byte
 * among them); it passes over the others. */
static const char split_set[7] = {';', '<', '(', ')', '"', '\'', '\xE2'};

/* Splits text into source ranges at top-level ';', into *buf (of *cap
 * spans, malloc'd, reused from note to note: the ranges are needed only
 * while the note is parsed, and an array of them in the arena would stay
 * there, 16 spans at least, for every note). */
static int split(pd_span **buf, size_t *cap, const char *s, size_t len,
		 size_t *n)
{
	size_t cnt = 0, start = 0, i = 0;
	int paren = 0, dq = 0, sq = 0;
	bool url = false, sdq = false, ssq = false; /* in straight quotes */

	for (;;) {
		bool end;

		if (url) {
			/* a URL runs to its '>' */
			const char *gt = memchr(s + i, '>', len - i);

			i = gt ? (size_t)(gt - s) + 1 : len;
			url = false;
		}
		i = scan_next_of(s, i, len, split_set, sizeof(split_set));
		end = i >= len;

		if (end ||
		    (s[i] == ';' && !paren && !dq && !sq && !sdq && !ssq)) {
			size_t b = start, e = end ? len : i;

			trim(s, &b, &e);
			if (e > b) {
				if (PD_GROW(*buf, cnt, *cap) < 0)
					return PD_ENOMEM;
				(*buf)[cnt].start = b;
				(*buf)[cnt].end = e;
				cnt++;
			}
			if (end)
				break;
			start = i + 1;
			i++;
			continue;
		}
		if (s[i] == '<') {
			url = true;
		} else if (s[i] == '(') {
			paren++;
		} else if (s[i] == ')' && paren) {
			paren--;
		} else if (s[i] == '"') {
			/* straight double quotes do not nest: they take
			 * turns */
			sdq = !sdq;
		} else if (s[i] == '\'') {
			bool after_space = i == 0 || s[i - 1] == ' ' ||
					   s[i - 1] == '(' || s[i - 1] == '[';
			bool before_letter =
				i + 1 < len && is_letter((unsigned char)s[i + 1]);

			if (!ssq && after_space && before_letter)
				ssq = true;
			else if (ssq && !before_letter && !after_space)
				ssq = false;
			/* else an apostrophe: "Children's" */
		} else if (s[i] != LDQUO[0]) {
			/* not a curly quote: they all begin so */
		} else if (at(s, len, i, LDQUO)) {
			dq++;
			i += 2;
		} else if (at(s, len, i, RDQUO) && dq) {
			dq--;
			i += 2;
		} else if (at(s, len, i, LSQUO)) {
			sq++;
			i += 2;
		} else if (at(s, len, i, RSQUO) && sq &&
			   !(i + 3 < len && is_letter((unsigned char)s[i + 3]))) {
			sq--;
			i += 2;
		}
		i++;
	}
	*n = cnt;
	return 0;
}

static char *dup(pd_arena *a, const char *s, size_t b, size_t e)
{
	trim(s, &b, &e);
	return pd_arena_strndup(a, s + b, e - b);
}

/* Drops trailing '.', ',' and white space. */
static size_t chop(const char *s, size_t b, size_t e)
{
	while (e > b && (s[e - 1] == '.' || s[e - 1] == ',' ||
			 s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e;
}

static bool parse_ibid(pd_arena *a, const char *s, size_t b, size_t e,
		       pd_source *src)
{
	static const char word[] = "ibid";
	size_t k;

	if (e - b < 4)
		return false;
	for (k = 0; k < 4; k++) {
		char c = s[b + k];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != word[k])
			return false;
	}
	if (b + 4 < e && is_letter((unsigned char)s[b + 4]))
		return false;
	src->kind = PD_SOURCE_IBID;
	k = b + 4;
	while (k < e && (s[k] == '.' || s[k] == ',' || s[k] == ' '))
		k++;
	e = chop(s, k, e);
	if (e > k)
		src->pinpoint = dup(a, s, k, e);
	return true;
}

size_t pd_cite_space(const char *s, size_t e, size_t i)
{
	const unsigned char *u = (const unsigned char *)s;

	if (i >= e)
		return 0;
	if (u[i] == ' ' || u[i] == '\t' || u[i] == '\n' || u[i] == '\r')
		return 1;
	if (u[i] == 0xC2 && i + 1 < e && u[i + 1] == 0xA0)
		return 2;
	if (i + 2 >= e)
		return 0;
	if (u[i] == 0xE2 && u[i + 1] == 0x80 &&
	    ((u[i + 2] >= 0x80 && u[i + 2] <= 0x8A) || u[i + 2] == 0xAF))
		return 3; /* U+2000..U+200A, U+202F */
	if (u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0x9F)
		return 3; /* U+205F */
	if (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80)
		return 3; /* U+3000 */
	return 0;
}

/* Past a run of white space from s[i]. */
static size_t skip_space(const char *s, size_t e, size_t i)
{
	size_t w;

	while ((w = pd_cite_space(s, e, i)))
		i += w;
	return i;
}

bool pd_cite_xref_at(const char *s, size_t e, size_t i, uint32_t *number,
		     size_t *digits, size_t *digits_end, size_t *end)
{
	size_t j, d;
	unsigned long x = 0;

	if (i + 2 >= e || s[i] != '(' || s[i + 1] != 'n')
		return false;
	j = skip_space(s, e, i + 2);
	if (j == i + 2 || j >= e || s[j] < '0' || s[j] > '9')
		return false;
	for (d = j; d < e && s[d] >= '0' && s[d] <= '9'; d++) {
		x = x * 10 + (unsigned long)(s[d] - '0');
		if (d - j >= 8) /* no footnote has such a number */
			return false;
	}
	*digits = j;
	*digits_end = d;
	d = skip_space(s, e, d);
	if (d >= e || s[d] != ')')
		return false;
	*number = (uint32_t)x;
	*end = d + 1;
	return true;
}

/* "... (n 12) pinpoint" */
static bool parse_xref(pd_arena *a, const char *s, size_t b, size_t e,
		       pd_source *src)
{
	size_t i;

	for (i = find(s, b, e, "(n"); i + 3 < e; i = find(s, i + 1, e, "(n")) {
		size_t db, de, j, sb = b, se = i, pb, pe;
		uint32_t x;

		if (!pd_cite_xref_at(s, e, i, &x, &db, &de, &j))
			continue;
		src->kind = PD_SOURCE_XREF;
		src->ref = x;
		src->ref_start = db;
		src->ref_end = de;
		trim(s, &sb, &se);
		/* the short form without its quotes, single or double,
		 * curly or straight */
		if (se - sb >= 6 &&
		    ((at(s, se, sb, LSQUO) && at(s, se, se - 3, RSQUO)) ||
		     (at(s, se, sb, LDQUO) && at(s, se, se - 3, RDQUO)))) {
			sb += 3;
			se -= 3;
		} else if (se - sb >= 2 &&
			   ((s[sb] == '\'' && s[se - 1] == '\'') ||
			    (s[sb] == '"' && s[se - 1] == '"'))) {
			sb++;
			se--;
		}
		src->short_form = pd_arena_strndup(a, s + sb, se - sb);
		pb = j;
		pe = chop(s, pb, e);
		trim(s, &pb, &pe);
		if (pe > pb)
			src->pinpoint = pd_arena_strndup(a, s + pb, pe - pb);
		return true;
	}
	return false;
}

static const char *const months[] = {"january", "february", "march",
				     "april",   "may",	    "june",
				     "july",    "august",   "september",
				     "october", "november", "december"};

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The letters of s[i, e) from i that match `w` whatever their case. */
static bool at_word(const char *s, size_t e, size_t i, const char *w)
{
	size_t k;

	for (k = 0; w[k]; k++)
		if (i + k >= e || lower((unsigned char)s[i + k]) != w[k])
			return false;
	return true;
}

static bool is_alpha(unsigned char c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

/* A month's name at s[i]: its whole name, or its first three letters
 * (or "Sept"), whatever the case, then a '.' after a short one; its
 * number 1 to 12, the offset past it in *next; 0 if none. */
static int month_at(const char *s, size_t e, size_t i, size_t *next)
{
	size_t n = 0, m, k;

	while (i + n < e && is_alpha((unsigned char)s[i + n]))
		n++;
	for (m = 0; m < 12; m++) {
		size_t full = strlen(months[m]);

		if (n > full || (n != full && n != 3 && !(m == 8 && n == 4)))
			continue;
		for (k = 0; k < n; k++)
			if (lower((unsigned char)s[i + k]) != months[m][k])
				break;
		if (k < n)
			continue;
		*next = i + n;
		if (n < full && *next < e && s[*next] == '.')
			(*next)++;
		return (int)m + 1;
	}
	return 0;
}

/* A number of at most `most` digits at s[*i], moved past; -1 if none. */
static int number_at(const char *s, size_t e, size_t *i, size_t most)
{
	size_t j = *i;
	int v = 0;

	while (j < e && j - *i < most && s[j] >= '0' && s[j] <= '9')
		v = v * 10 + (s[j++] - '0');
	if (j == *i || (j < e && s[j] >= '0' && s[j] <= '9'))
		return -1;
	*i = j;
	return v;
}

/* A day of the month at s[*i], "20" or "20th", moved past; -1 if none. */
static int day_at(const char *s, size_t e, size_t *i)
{
	static const char *const ord[] = {"st", "nd", "rd", "th"};
	size_t j = *i, k;
	int d = number_at(s, e, &j, 2);

	if (d < 0)
		return -1;
	for (k = 0; k < 4; k++)
		if (at_word(s, e, j, ord[k]) &&
		    !(j + 2 < e && is_alpha((unsigned char)s[j + 2]))) {
			j += 2;
			break;
		}
	*i = j;
	return d;
}

/* The date at s[i]: "20 January 2026", "January 20, 2026", "2026-01-20";
 * into date[] when it is a real date. */
static bool date_at(const char *s, size_t e, size_t i, int date[3])
{
	size_t j = i;
	int y, m, d;

	if ((y = number_at(s, e, &j, 4)) >= 1000 && j - i == 4 && j < e &&
	    s[j] == '-') {
		/* 2026-01-20 */
		j++;
		if ((m = number_at(s, e, &j, 2)) < 0 || j >= e || s[j] != '-')
			return false;
		j++;
		if ((d = number_at(s, e, &j, 2)) < 0)
			return false;
	} else if (j = i, (d = day_at(s, e, &j)) >= 0) {
		/* 20 January 2026 */
		if ((j = skip_space(s, e, j)) == i ||
		    !(m = month_at(s, e, j, &j)))
			return false;
		if (j < e && s[j] == ',')
			j++;
		j = skip_space(s, e, j);
		if ((y = number_at(s, e, &j, 4)) < 0)
			return false;
	} else if ((m = month_at(s, e, i, &j))) {
		/* January 20, 2026 */
		size_t k = skip_space(s, e, j);

		if (k == j || (d = day_at(s, e, &k)) < 0)
			return false;
		j = k;
		if (j < e && s[j] == ',')
			j++;
		j = skip_space(s, e, j);
		if ((y = number_at(s, e, &j, 4)) < 0)
			return false;
	} else {
		return false;
	}
	if (!pd_date_valid(y, m, d))
		return false;
	date[0] = y;
	date[1] = m;
	date[2] = d;
	return true;
}

size_t pd_cite_accessed(const char *s, size_t b, size_t e, int date[3])
{
	size_t i;

	date[0] = date[1] = date[2] = 0;
	for (i = b; i + 8 < e; i++) {
		size_t j;

		i = scan_next_of(s, i, e, "aA", 2);
		if (i + 8 >= e)
			break;
		if (!at_word(s, e, i, "accessed") ||
		    (i > b && is_letter((unsigned char)s[i - 1])) ||
		    !pd_cite_space(s, e, i + 8))
			continue;
		j = skip_space(s, e, i + 8);
		if (at_word(s, e, j, "on") && pd_cite_space(s, e, j + 2))
			j = skip_space(s, e, j + 2);
		if (date_at(s, e, j, date))
			return i;
	}
	return e;
}

/* The end of the text less a trailing pinpoint: "... arts 2, 4", "... 37",
 * "... pp 4-5". */
static size_t strip_pinpoint(const char *s, size_t b, size_t e)
{
	static const char *const words[] = {
		"art",	    "arts",	"s",	    "ss",	 "para",
		"paras",    "p",	"pp",	    "ch",	 "fn",
		"n",	    "article",	"articles", "section",	 "sections",
		"chapter",  "paragraph", "paragraphs", "page",	 "pages",
		"principle", "principles", "rule",   "rules",	 "annex",
		NULL};
	size_t k = chop(s, b, e), w;

	for (;;) {
		size_t t = k, i;

		/* a run of digits, dashes and commas */
		while (t > b && ((s[t - 1] >= '0' && s[t - 1] <= '9') ||
				 s[t - 1] == '-' || s[t - 1] == ','))
			t--;
		if (t == k || t == b || s[t - 1] != ' ')
			break;
		/* a number glued to a word is no pinpoint ("2017-2026" is) */
		k = t - 1;
		while (k > b && s[k - 1] == ' ')
			k--;
		/* the word before, whatever the case of its first letter
		 * ("Article 6") */
		w = k;
		while (w > b && s[w - 1] >= 'a' && s[w - 1] <= 'z')
			w--;
		if (w > b && s[w - 1] >= 'A' && s[w - 1] <= 'Z')
			w--;
		for (i = 0; words[i]; i++)
			if (strlen(words[i]) == k - w &&
			    strncasecmp(s + w, words[i], k - w) == 0 &&
			    (w == b || s[w - 1] == ' ')) {
				k = w;
				while (k > b && s[k - 1] == ' ')
					k--;
				break;
			}
		if (k > b && s[k - 1] == ',')
			k--;
	}
	return k;
}

static int parse_full(pd_arena *a, const char *s, size_t b, size_t e,
		      pd_source *src)
{
	size_t i, q = 0, qe = 0, ub = 0, ue = 0, ab = 0, ae = 0, acc;
	pd_buf key = PD_BUF_INIT;

	src->kind = PD_SOURCE_FULL;
	/* the title: the first ‘...’ or '...', else the first “...” or
	 * "..."; but single quotes inside double ones are a quotation in
	 * the title (“A ‘B’ C”), and double quotes before single ones a
	 * quotation before it. Only the first opening quote of each kind
	 * is tried, so that a run of unmatched quotes costs one scan. */
	{
		size_t si, di, sq = 0, sqe = 0, dq = 0, dqe = 0;

		for (si = b; (si = scan_next_of(s, si, e, "'\xE2", 2)) < e;
		     si++)
			if (at(s, e, si, LSQUO) ||
			    (s[si] == '\'' && (si == b || s[si - 1] == ' ')))
				break;
		for (di = b; (di = scan_next_of(s, di, e, "\xE2\"", 2)) < e;
		     di++)
			if (at(s, e, di, LDQUO) || s[di] == '"')
				break;
		if (si < e) {
			sq = si + (s[si] == '\'' ? 1 : 3);
			sqe = closing_quote(s, e, sq, false);
		}
		if (di < e && s[di] == '"') {
			/* straight double quotes take turns: the next one
			 * closes */
			const char *c = memchr(s + di + 1, '"', e - di - 1);

			dq = di + 1;
			dqe = c && c > s + dq ? (size_t)(c - s) : 0;
		} else if (di < e) {
			dq = di + 3;
			dqe = closing_quote(s, e, dq, true);
		}
		if (sqe && !(dqe && di < si && dqe > sqe)) {
			q = sq;
			qe = sqe;
		} else if (dqe) {
			q = dq;
			qe = dqe;
		}
	}
	if (qe) {
		size_t open = q - (s[q - 1] == '\'' || s[q - 1] == '"' ? 1 : 3);

		src->title = dup(a, s, q, qe);
		ab = b;
		ae = open;
		trim(s, &ab, &ae);
		while (ae > ab && (s[ae - 1] == ',' || s[ae - 1] == ' '))
			ae--;
		if (ae > ab)
			src->author = pd_arena_strndup(a, s + ab, ae - ab);
	}
	/* the URL */
	for (i = scan_next_of(s, b, e, "<", 1); i < e; i++)
		if (s[i] == '<') {
			const char *gt = memchr(s + i, '>', e - i);

			if (gt) {
				ub = i + 1;
				ue = (size_t)(gt - s);
				src->url = pd_arena_strndup(a, s + ub, ue - ub);
			}
			break;
		}
	acc = pd_cite_accessed(s, b, e, src->accessed);
	/* identity */
	if (src->url && ue > ub) {
		pd_url_normalize(&key, s + ub, ue - ub);
	} else {
		size_t ke = strip_pinpoint(s, b, acc);

		pd_normalize(&key, s + b, ke - b, 0);
		/* no trailing punctuation */
		while (key.len && (key.ptr[key.len - 1] == '.' ||
				   key.ptr[key.len - 1] == ','))
			key.ptr[--key.len] = '\0';
	}
	if (pd_buf_ok(&key) < 0) {
		pd_buf_free(&key);
		return PD_ENOMEM;
	}
	src->key = XXH3_64bits(key.ptr ? key.ptr : "", key.len);
	pd_buf_free(&key);
	if (src->title)
		src->label = src->title;
	else if (src->author)
		src->label = src->author;
	else
		src->label = pd_arena_strndup(a, s + b,
					      strip_pinpoint(s, b, e) - b);
	if (!src->label)
		return PD_ENOMEM;
	return 0;
}

/* Binary search among the first `n` notes, those already resolved. */
static const pd_note_sources *find_note(const pd_citations *c, size_t n,
					uint32_t number)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->notes[mid].number == number)
			return &c->notes[mid];
		if (c->notes[mid].number < number)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A footnote's text, by its hash; in a profile without a memo, the first
 * note of each text ("Ibid." again) gives the others their sources. */
typedef struct note_text {
	uint64_t h;
	const char *s;
	size_t len;
} note_text;

typedef struct same_note {
	note_text k;
	size_t note;
} same_note;

static inline uint64_t note_text_hash(const note_text *k)
{
	return k->h;
}

static inline bool note_text_eq(const note_text *a, const note_text *b)
{
	return a->h == b->h && a->len == b->len &&
	       memcmp(a->s, b->s, a->len) == 0;
}

#define SAME_NOTE_KEY(e) (&(e)->k)
PD_TABLE(same_notes, same_note, const note_text *, SAME_NOTE_KEY,
	 note_text_hash, note_text_eq)

/* Matching short forms to sources, in normal form: the short form of the
 * cross-reference at hand, and each source's author and title normalised
 * once, when first compared (a short form may be tried against the
 * sources of a hundred footnotes). */
typedef struct namer {
	pd_arena *arena;     /* the normal forms: the memo's, when there is
			      * one, as a memo's notes share their forms */
	const pd_citations *c;
	const pd_profile *p;
	size_t upto;         /* the notes parsed so far */
	const char ***forms; /* per note: 2 per source, author then title */
	pd_buf sf;           /* the short form, normalised */
	bool oom;
	same_notes same;     /* without a memo: the notes by text */
	pd_span *parts;      /* split()'s, malloc'd */
	size_t capparts;
} namer;

/* Normalises the short form to match; false when nothing is left. */
static bool namer_set(namer *nm, const char *shortf)
{
	pd_buf *sf = &nm->sf;

	pd_buf_clear(sf);
	if (pd_normalize(sf, shortf, strlen(shortf), 0) < 0)
		nm->oom = true;
	while (sf->len &&
	       (sf->ptr[sf->len - 1] == '.' || sf->ptr[sf->len - 1] == ','))
		sf->ptr[--sf->len] = '\0';
	return sf->len > 0;
}

/* Field k (0 author, 1 title) of a source of an earlier note, normalised;
 * NULL when it has none. */
static const char *normal_field(namer *nm, const pd_source *src, int k)
{
	const pd_note_sources *n = find_note(nm->c, nm->upto, src->footnote);
	const char *field = k ? src->title : src->author, *f;
	const char **slot = NULL;
	pd_buf b = PD_BUF_INIT;

	if (!field)
		return NULL;
	if (n && src >= n->sources && src < n->sources + n->nsources) {
		slot = &nm->forms[n - nm->c->notes][(src - n->sources) * 2 + k];
		if (*slot)
			return *slot;
	}
	pd_normalize(&b, field, strlen(field), 0);
	f = pd_arena_strndup(nm->arena, b.ptr ? b.ptr : "", b.len);
	nm->oom = nm->oom || !f || pd_buf_ok(&b) < 0;
	pd_buf_free(&b);
	if (slot)
		*slot = f;
	return f;
}

/* Does the short form (namer_set) name this source, its author or title,
 * as whole words? */
static bool names_source(namer *nm, const pd_source *src)
{
	const char *sf = pd_buf_cstr(&nm->sf);
	int k;

	for (k = 0; k < 2; k++) {
		const char *f = normal_field(nm, src, k), *p;

		for (p = f ? strstr(f, sf) : NULL; p; p = strstr(p + 1, sf)) {
			bool before = p == f || !is_letter((unsigned char)p[-1]);
			bool after = !is_letter((unsigned char)p[nm->sf.len]);

			if (before && after)
				return true;
		}
	}
	return false;
}

static int add_resolved(pd_arena *a, pd_note_sources *n, size_t *cap,
			const pd_source *src)
{
	size_t i;

	/* no real footnote stands for this many sources; the cap keeps
	 * hostile ibid chains linear */
	if (n->nresolved >= PD_MAX_RESOLVED)
		return 0;
	for (i = 0; i < n->nresolved; i++)
		if (n->resolved[i] == src)
			return 0;
	if (PD_ARENA_GROW(a, n->resolved, n->nresolved, *cap) < 0)
		return PD_ENOMEM;
	n->resolved[n->nresolved++] = src;
	return 0;
}

static int add_problem(pd_arena *a, pd_citations *c, size_t *cap,
		       pd_cite_problem_kind kind, const pd_source *src,
		       const pd_source *intended)
{
	if (PD_ARENA_GROW(a, c->problems, c->nproblems, *cap) < 0)
		return PD_ENOMEM;
	c->problems[c->nproblems].kind = kind;
	c->problems[c->nproblems].source = src;
	c->problems[c->nproblems].intended = intended;
	c->nproblems++;
	return 0;
}

const pd_note_sources *pd_citations_note(const pd_citations *c,
					 uint32_t number)
{
	return find_note(c, c->nnotes, number);
}

/* An earlier full source the short form names, for a mismatched (n X):
 * the closest within the 100 footnotes before. */
static const pd_source *named_earlier(namer *nm, size_t upto)
{
	const pd_citations *c = nm->c;
	size_t i, k, stop = upto > 100 ? upto - 100 : 0;

	for (i = upto; i-- > stop;)
		for (k = 0; k < c->notes[i].nsources; k++) {
			const pd_source *s = &c->notes[i].sources[k];

			if (s->kind == PD_SOURCE_FULL && names_source(nm, s))
				return s;
		}
	return NULL;
}

/* The memo ------------------------------------------------------------------ */

/* past this many footnotes the memo takes no more */
#define CITE_MEMO_MAX ((size_t)1 << 17)

typedef struct memo_note {
	XXH128_hash_t key; /* of the footnote's text */
	pd_source *src;    /* in the memo's arena; footnote numbers unset */
	size_t n;
	const char **forms; /* the namer's, 2 a source */
} memo_note;

static inline uint64_t memo_hash(XXH128_hash_t k)
{
	return k.low64;
}

static inline bool memo_eq(XXH128_hash_t a, XXH128_hash_t b)
{
	return a.low64 == b.low64 && a.high64 == b.high64;
}

#define MEMO_NOTE_KEY(e) ((e)->key)
PD_TABLE(memo_notes, memo_note, XXH128_hash_t, MEMO_NOTE_KEY, memo_hash,
	 memo_eq)

struct pd_cite_memo {
	pd_arena *a;  /* the notes' sources and forms */
	memo_notes t; /* malloc'd */
};

pd_cite_memo *pd_cite_memo_new(void)
{
	pd_cite_memo *m = calloc(1, sizeof(*m));

	if (m && !(m->a = pd_arena_new())) {
		free(m);
		m = NULL;
	}
	if (m)
		memo_notes_init(&m->t, NULL);
	return m;
}

void pd_cite_memo_free(pd_cite_memo *m)
{
	if (!m)
		return;
	pd_arena_free(m->a);
	memo_notes_free(&m->t);
	free(m);
}

static const char *memo_dup(pd_cite_memo *m, const char *s, bool *oom)
{
	const char *d;

	if (!s)
		return NULL;
	if (!(d = pd_arena_strdup(m->a, s)))
		*oom = true;
	return d;
}

/* Keeps a footnote's sources under `key` (not in the memo), strings
 * copied: the sources stay the caller's. Returns the memo's note, or NULL
 * when the memo is full or memory runs out. */
static const memo_note *memo_keep(pd_cite_memo *m, XXH128_hash_t key,
				  const pd_source *src, size_t n)
{
	pd_source *v;
	const char **forms;
	memo_note *e;
	bool oom, fresh;
	size_t k;

	if (memo_notes_count(&m->t) >= CITE_MEMO_MAX)
		return NULL;
	v = pd_arena_calloc(m->a, n ? n : 1, sizeof(*v));
	forms = pd_arena_calloc(m->a, n ? 2 * n : 1, sizeof(*forms));
	oom = !v || !forms;

	for (k = 0; !oom && k < n; k++) {
		v[k] = src[k];
		v[k].footnote = 0;
		v[k].author = memo_dup(m, src[k].author, &oom);
		v[k].title = memo_dup(m, src[k].title, &oom);
		v[k].url = memo_dup(m, src[k].url, &oom);
		v[k].pinpoint = memo_dup(m, src[k].pinpoint, &oom);
		v[k].short_form = memo_dup(m, src[k].short_form, &oom);
		v[k].label = memo_dup(m, src[k].label, &oom);
	}
	/* out of memory, the memo's arena keeps what was copied */
	if (oom || !(e = memo_notes_put(&m->t, key, &fresh)))
		return NULL;
	e->key = key;
	e->src = v;
	e->n = n;
	e->forms = forms;
	return e;
}

static int resolve(pd_arena *a, const pd_profile *p, pd_citations *out,
		   namer *nm, pd_cite_memo *memo);

int pd_citations_resolve(pd_arena *a, const pd_profile *p, pd_citations *out)
{
	return pd_citations_resolve_memo(a, p, out, NULL);
}

int pd_citations_resolve_memo(pd_arena *a, const pd_profile *p,
			      pd_citations *out, pd_cite_memo *memo)
{
	namer nm;
	int err;

	memset(out, 0, sizeof(*out));
	memset(&nm, 0, sizeof(nm));
	out->notes = pd_arena_calloc(a, p->nfootnotes ? p->nfootnotes : 1,
				     sizeof(*out->notes));
	nm.forms = pd_arena_calloc(a, p->nfootnotes ? p->nfootnotes : 1,
				   sizeof(*nm.forms));
	if (!out->notes || !nm.forms)
		return PD_ENOMEM;
	out->nnotes = p->nfootnotes;
	nm.arena = memo ? memo->a : a;
	nm.c = out;
	nm.p = p;
	same_notes_init(&nm.same, a);
	err = resolve(a, p, out, &nm, memo);
	if (err == 0 && nm.oom)
		err = PD_ENOMEM;
	pd_buf_free(&nm.sf);
	free(nm.parts);
	return err;
}

/* A footnote's sources as written, parsed or from the memo. */
static int parse_note(pd_arena *a, const pd_footnote *f, pd_note_sources *n,
		      namer *nm, size_t i, pd_cite_memo *memo)
{
	const memo_note *e;
	XXH128_hash_t key;
	pd_span *parts;
	size_t nparts, k;
	int err;

	if (!memo) {
		/* the same text as an earlier note of this profile: the same
		 * sources, in this arena already */
		note_text t = {XXH3_64bits(f->text, f->len), f->text, f->len};
		same_note *s;
		bool fresh;

		if (!(s = same_notes_put(&nm->same, &t, &fresh)))
			return PD_ENOMEM;
		if (fresh) {
			s->k = t;
			s->note = i;
		} else {
			const pd_note_sources *gn = &nm->c->notes[s->note];

			n->sources = pd_arena_calloc(a, gn->nsources + 1,
						     sizeof(*n->sources));
			if (!n->sources)
				return PD_ENOMEM;
			memcpy(n->sources, gn->sources,
			       gn->nsources * sizeof(*n->sources));
			n->nsources = gn->nsources;
			for (k = 0; k < gn->nsources; k++)
				n->sources[k].footnote = f->number;
			nm->forms[i] = nm->forms[s->note];
			return 0;
		}
	}
	if (memo) {
		key = XXH3_128bits(f->text, f->len);
		if ((e = memo_notes_get(&memo->t, key))) {
			n->sources = pd_arena_calloc(a, e->n ? e->n : 1,
						     sizeof(*n->sources));
			if (!n->sources)
				return PD_ENOMEM;
			memcpy(n->sources, e->src, e->n * sizeof(*n->sources));
			n->nsources = e->n;
			for (k = 0; k < e->n; k++)
				n->sources[k].footnote = f->number;
			nm->forms[i] = e->forms;
			return 0;
		}
	}
	if ((err = split(&nm->parts, &nm->capparts, f->text, f->len,
			 &nparts)) < 0)
		return err;
	parts = nm->parts;
	n->sources = pd_arena_calloc(a, nparts ? nparts : 1,
				     sizeof(*n->sources));
	if (!n->sources)
		return PD_ENOMEM;
	n->nsources = nparts;
	for (k = 0; k < nparts; k++) {
		pd_source *src = &n->sources[k];
		size_t b = parts[k].start, e2 = parts[k].end;

		src->footnote = f->number;
		src->start = b;
		src->end = e2;
		if (parse_ibid(a, f->text, b, e2, src) ||
		    parse_xref(a, f->text, b, e2, src))
			continue;
		if ((err = parse_full(a, f->text, b, e2, src)) < 0)
			return err;
	}
	if (memo && (e = memo_keep(memo, key, n->sources, nparts))) {
		nm->forms[i] = e->forms;
		return 0;
	}
	nm->forms[i] = pd_arena_calloc(a, nparts ? 2 * nparts : 1,
				       sizeof(**nm->forms));
	return nm->forms[i] ? 0 : PD_ENOMEM;
}

static int resolve(pd_arena *a, const pd_profile *p, pd_citations *out,
		   namer *nm, pd_cite_memo *memo)
{
	size_t i, k, capprob = 0;
	int err;

	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *f = &p->footnotes[i];
		pd_note_sources *n = &out->notes[i];
		size_t nparts, capres = 0;

		n->number = f->number;
		if ((err = parse_note(a, f, n, nm, i, memo)) < 0)
			return err;
		nparts = n->nsources;
		nm->upto = i;
		/* resolve, against footnotes already resolved */
		for (k = 0; k < nparts; k++) {
			const pd_source *src = &n->sources[k];
			const pd_note_sources *t;
			size_t r;

			switch (src->kind) {
			case PD_SOURCE_FULL:
				err = add_resolved(a, n, &capres, src);
				break;
			case PD_SOURCE_IBID:
				if (i == 0) {
					err = add_problem(a, out, &capprob,
							  PD_CITE_IBID_FIRST, src,
							  NULL);
					break;
				}
				if (p->footnotes[i - 1].number + 1 != f->number) {
					err = add_problem(a, out, &capprob,
							  PD_CITE_IBID_GAP, src, NULL);
					break;
				}
				t = &out->notes[i - 1];
				if (nparts == 1) {
					/* a plain "ibid." shares the list */
					n->resolved = t->resolved;
					n->nresolved = t->nresolved;
					break;
				}
				for (r = 0; r < t->nresolved && !err; r++)
					err = add_resolved(a, n, &capres,
							   t->resolved[r]);
				break;
			default:
				t = src->ref < f->number
					    ? find_note(out, i, src->ref)
					    : NULL;
				if (!t) {
					/* a later or missing footnote: take
					 * the earlier source the short form
					 * names, if any */
					const pd_source *hit =
						src->short_form &&
								namer_set(
									nm,
									src->short_form)
							? named_earlier(nm, i)
							: NULL;

					err = add_problem(
						a, out, &capprob,
						pd_profile_footnote(p, src->ref)
							? PD_CITE_XREF_LATER
							: PD_CITE_XREF_MISSING,
						src, hit);
					if (!err && hit)
						err = add_resolved(a, n, &capres,
								   hit);
					break;
				}
				if (src->short_form && src->short_form[0]) {
					const pd_source *hit = NULL;
					bool some = namer_set(nm, src->short_form);

					for (r = 0; some && r < t->nresolved && !hit;
					     r++)
						if (names_source(nm, t->resolved[r]))
							hit = t->resolved[r];
					if (hit) {
						err = add_resolved(a, n, &capres,
								   hit);
						break;
					}
					hit = some ? named_earlier(nm, i) : NULL;
					err = add_problem(a, out, &capprob,
							  PD_CITE_XREF_MISMATCH,
							  src, hit);
					if (!err && hit) {
						err = add_resolved(a, n, &capres,
								   hit);
						break;
					}
				}
				for (r = 0; r < t->nresolved && !err; r++)
					err = add_resolved(a, n, &capres,
							   t->resolved[r]);
				break;
			}
			if (err < 0)
				return err;
		}
	}
	return 0;
}
