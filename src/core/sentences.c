/*
 * sentences.c: sentence segmentation for legal prose.
 *
 * A candidate end is a run of '.', '?' or '!' (or '…'). What follows it is
 * taken into the sentence while it belongs there: closing quotes and
 * brackets, then citation markers ("in place.[6]" keeps its marker). The
 * candidate is a boundary when the text ends there, or white space follows
 * and the next word can open a sentence (a capital, a digit, an opening
 * quote or bracket) — and the word before the stop is not an abbreviation:
 * an entry of the table below, a single capital initial ("N. Korea"), or
 * dotted letters ("e.g", "U.S"). Decimals never qualify, since a boundary
 * needs white space after the stop.
 */
#include <stdint.h>
#include <string.h>

#include "profdiff/markers.h"
#include "profdiff/error.h"
#include "profdiff/sentences.h"
#include "grow.h"
#include "scan.h"

/* Words that, followed by '.', do not end a sentence. Compared
 * case-sensitively: "No." is an abbreviation where "no." ends a sentence. */
static const char *const abbreviations[] = {
	"No", "Nos", "no", "nos", "Art", "Arts", "art", "arts", "Para", "para",
	"paras", "p", "pp", "v", "vs", "cf", "Cf", "eg", "ie", "al", "ch",
	"cl", "fn", "n", "nn", "s", "ss", "sec", "Sec", "sch", "Sch", "Ch",
	"Vol", "vol", "ed", "eds", "Ed", "Eds", "Rev", "Res", "Doc", "Reg",
	"Regs", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Hon", "Jr",
	"Sr", "Inc", "Ltd", "Co", "Corp", "Dept", "Govt", "approx", "Jan",
	"Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
	"Nov", "Dec", "Cth", "op", "cit", "ibid", NULL};

static bool is_space(const char *s, size_t len, size_t i, size_t *w)
{
	if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		*w = 1;
		return true;
	}
	/* U+00A0 no-break space */
	if (i + 1 < len && (unsigned char)s[i] == 0xC2 &&
	    (unsigned char)s[i + 1] == 0xA0) {
		*w = 2;
		return true;
	}
	return false;
}

/* Closing quotes and brackets that stay with the sentence before them:
 * ' " ) ] and U+2019, U+201D. Returns the length, or 0. */
static size_t closer_len(const char *s, size_t len, size_t i)
{
	if (s[i] == '\'' || s[i] == '"' || s[i] == ')')
		return 1;
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x9D))
		return 3;
	return 0;
}

/* Can the text at s[i] open a sentence? */
static bool opens_sentence(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
	    c == '"' || c == '(' || c == '[')
		return true;
	/* U+2018 and U+201C opening quotes */
	if (i + 2 < len && c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x9C))
		return true;
	/* other non-ASCII letters: capitals cannot be told cheaply, accept */
	return c >= 0xC3;
}

/* Is the word ending just before s[dot] an abbreviation? */
static bool abbreviation_before(const char *s, size_t dot)
{
	size_t b = dot, wlen, i;
	bool dotted = false;

	while (b > 0) {
		unsigned char c = (unsigned char)s[b - 1];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    c == '.') {
			if (c == '.')
				dotted = true;
			b--;
		} else {
			break;
		}
	}
	wlen = dot - b;
	if (wlen == 0)
		return false;
	/* a single capital: an initial */
	if (wlen == 1 && s[b] >= 'A' && s[b] <= 'Z')
		return true;
	/* dotted letters: e.g, i.e, U.S, U.N */
	if (dotted) {
		for (i = b; i < dot; i++) {
			bool letter = s[i] != '.';
			bool even = (i - b) % 2 == 0;

			if (letter != even)
				return false;
		}
		return true;
	}
	/* the first letter first: most words are turned away before a
	 * length is counted */
	for (i = 0; abbreviations[i]; i++)
		if (abbreviations[i][0] == s[b] &&
		    strlen(abbreviations[i]) == wlen &&
		    memcmp(abbreviations[i], s + b, wlen) == 0)
			return true;
	return false;
}

static bool is_stop(const char *s, size_t len, size_t i, size_t *w)
{
	if (s[i] == '.' || s[i] == '?' || s[i] == '!') {
		*w = 1;
		return true;
	}
	/* U+2026 ellipsis */
	if (i + 2 < len && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xA6) {
		*w = 3;
		return true;
	}
	return false;
}

/* The first byte from i on that may begin a stop ('.', '?', '!' or the
 * lead byte of U+2026), or len; eight bytes at a time. */
static size_t next_stop(const char *s, size_t len, size_t i)
{
	while (len - i >= 8) {
		uint64_t x = scan_load8(s + i);

		if (scan_has(x, '.') | scan_has(x, '?') | scan_has(x, '!') |
		    scan_has(x, 0xE2))
			break;
		i += 8;
	}
	while (i < len && s[i] != '.' && s[i] != '?' && s[i] != '!' &&
	       (unsigned char)s[i] != 0xE2)
		i++;
	return i;
}

static int push_span(pd_arena *a, pd_span **v, size_t *n, size_t *cap,
		     const char *s, size_t start, size_t end)
{
	size_t w;

	while (start < end && is_space(s, end, start, &w))
		start += w;
	while (end > start) {
		/* trailing white space, ASCII or U+00A0 */
		if (s[end - 1] == ' ' || s[end - 1] == '\t' ||
		    s[end - 1] == '\n' || s[end - 1] == '\r')
			end--;
		else if (end - start >= 2 &&
			 (unsigned char)s[end - 2] == 0xC2 &&
			 (unsigned char)s[end - 1] == 0xA0)
			end -= 2;
		else
			break;
	}
	if (start == end)
		return 0;
	if (PD_ARENA_GROW(a, *v, *n, *cap) < 0)
		return PD_ENOMEM;
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*n)++;
	return 0;
}

int pd_sentences(pd_arena *a, const char *s, size_t len, pd_span **out,
		 size_t *n)
{
	pd_span *v = NULL;
	size_t cap = 0, cnt = 0, start = 0, i = 0;
	int err;

	while ((i = next_stop(s, len, i)) < len) {
		size_t w, end, stop_at = i, sp;

		if (!is_stop(s, len, i, &w)) {
			i++;
			continue;
		}
		/* the whole run of stops: "...", "?!" */
		end = i + w;
		while (end < len && is_stop(s, len, end, &w))
			end += w;
		for (;;) {
			size_t c, m;

			if (end < len && (c = closer_len(s, len, end))) {
				end += c;
			} else if ((m = pd_marker_len(s, len, end))) {
				end += m;
			} else {
				break;
			}
		}
		if (end >= len) {
			i = end;
			break;
		}
		if (!is_space(s, len, end, &sp) ||
		    (s[stop_at] == '.' && end == stop_at + 1 &&
		     abbreviation_before(s, stop_at))) {
			i = end > i ? end : i + 1;
			continue;
		}
		{
			size_t next = end;

			while (next < len && is_space(s, len, next, &sp))
				next += sp;
			if (next < len && !opens_sentence(s, len, next)) {
				i = next;
				continue;
			}
		}
		if ((err = push_span(a, &v, &cnt, &cap, s, start, end)) < 0)
			return err;
		start = end;
		i = end;
	}
	if ((err = push_span(a, &v, &cnt, &cap, s, start, len)) < 0)
		return err;
	*out = v;
	*n = cnt;
	return 0;
}
