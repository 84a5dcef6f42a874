/*
 * extract_date.c: dates said in prose, for the events the extractors read
 * ("In April 2026, the National Assembly adopted ...", "acceded to the
 * CRPD in 2009", "was repealed on 3 August 2026").
 *
 * Forms: "[D] Month YYYY", "Month D, YYYY", and a year after a word that
 * makes it a time ("in", "since", "on", "by", "from", "until", "during",
 * "early", "late", "mid"). Month names are English, capitalised, in full or
 * as the usual abbreviations ("Sept", "Aug."). Anything else holding four
 * digits ("the 1954 Convention", "Law No. 2023/12") is no date.
 */
#include <string.h>

#include "extract_internal.h"
#include "scan.h"

const char *const pd_extract_date_months[12] = {
	"January", "February", "March",     "April",   "May",      "June",
	"July",    "August",   "September", "October", "November", "December"};

static const char *const time_words[] = {
	"in", "since", "on", "by", "from", "until", "till", "during",
	"early", "late", "mid", "end", "of", NULL};

static size_t word_end(const char *s, size_t len, size_t i)
{
	while (i < len && scan_is_word_byte((unsigned char)s[i]))
		i++;
	return i;
}

/* A month name at s[i..e): 1-12, or 0. "of" in time_words lets "end of
 * 2025" through; a month's abbreviation needs three letters at least. */
static int month_at(const char *s, size_t i, size_t e)
{
	size_t n = e - i, k;

	if (n < 3 || s[i] < 'A' || s[i] > 'Z')
		return 0;
	for (k = 0; k < 12; k++) {
		size_t ml;

		if (s[i] != pd_extract_date_months[k][0])
			continue;
		ml = strlen(pd_extract_date_months[k]);

		if (n == ml && memcmp(s + i, pd_extract_date_months[k], n) == 0)
			return (int)k + 1;
		/* "Aug", "Sept" */
		if (n < ml && n <= 4 &&
		    memcmp(s + i, pd_extract_date_months[k], n) == 0)
			return (int)k + 1;
	}
	return 0;
}

/* A year (1800-2199) of exactly four digits at s[i..e), or 0. */
static int year_at(const char *s, size_t i, size_t e)
{
	int y = 0;
	size_t k;

	if (e - i != 4)
		return 0;
	for (k = i; k < e; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		y = y * 10 + (s[k] - '0');
	}
	return y >= 1800 && y <= 2199 ? y : 0;
}

/* A day of the month (1-31, "3", "03", "3rd") at s[i..e), or 0. */
static int day_at(const char *s, size_t i, size_t e)
{
	int d = 0;
	size_t k = i;

	while (k < e && k - i < 2 && s[k] >= '0' && s[k] <= '9')
		d = d * 10 + (s[k++] - '0');
	if (k == i || (k < e && !(e - k == 2 && (memcmp(s + k, "st", 2) == 0 ||
						  memcmp(s + k, "nd", 2) == 0 ||
						  memcmp(s + k, "rd", 2) == 0 ||
						  memcmp(s + k, "th", 2) == 0))))
		return 0;
	return d >= 1 && d <= 31 ? d : 0;
}

/* The word that ends just before s[i] (white space between), as [*ws, *we);
 * false when there is none or punctuation stands between. */
static bool word_before(const char *s, size_t i, size_t *ws, size_t *we)
{
	size_t e = i;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e == i || e == 0 || !scan_is_word_byte((unsigned char)s[e - 1]))
		return false;
	*we = e;
	while (e > 0 && (scan_is_word_byte((unsigned char)s[e - 1]) ||
			 s[e - 1] == '-'))
		e--;
	*ws = e;
	return true;
}

static bool time_word(const char *s, size_t ws, size_t we)
{
	size_t k;

	for (k = 0; time_words[k]; k++) {
		size_t n = strlen(time_words[k]);

		if (we - ws == n && (memcmp(s + ws, time_words[k], n) == 0 ||
				     (scan_lower(s[ws]) == time_words[k][0] &&
				      memcmp(s + ws + 1, time_words[k] + 1,
					     n - 1) == 0)))
			return true;
		/* "mid-2025" ends in '-' before the year: see
		 * pd_extract_date_scan */
	}
	return false;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

size_t pd_extract_date_scan(const char *s, size_t len, pd_extract_date *out,
			    size_t max)
{
	size_t i = 0, n = 0;

	while (i < len && n < max) {
		size_t e, ws, we;
		int m, y, d;

		if (!scan_is_word_byte((unsigned char)s[i]) ||
		    (i > 0 && scan_is_word_byte((unsigned char)s[i - 1]))) {
			i++;
			continue;
		}
		e = word_end(s, len, i);
		if ((m = month_at(s, i, e))) {
			size_t j = e, start = i, je;

			if (j < len && s[j] == '.')
				j++;
			j = skip_spaces(s, len, j);
			je = word_end(s, len, j);
			/* "3 August 2026": the day before */
			if (word_before(s, i, &ws, &we) &&
			    (d = day_at(s, ws, we))) {
				start = ws;
			} else if ((d = day_at(s, j, je)) && je < len &&
				   s[je] == ',') {
				/* "August 3, 2026" */
				j = skip_spaces(s, len, je + 1);
				je = word_end(s, len, j);
			} else {
				d = 0;
			}
			if ((y = year_at(s, j, je))) {
				out[n].start = start;
				out[n].end = je;
				out[n].date.year = y;
				out[n].date.month = m;
				out[n].date.day =
					d && pd_date_valid(y, m, d) ? d : 0;
				n++;
				i = je;
				continue;
			}
		} else if ((y = year_at(s, i, e)) &&
			   (e >= len || !scan_is_word_byte((unsigned char)s[e])) &&
			   (e >= len || s[e] != '-') &&
			   ((word_before(s, i, &ws, &we) && time_word(s, ws, we)) ||
			    (i >= 4 && memcmp(s + i - 4, "mid-", 4) == 0))) {
			out[n].start = i;
			out[n].end = e;
			out[n].date.year = y;
			out[n].date.month = 0;
			out[n].date.day = 0;
			n++;
		}
		i = e > i ? e : i + 1;
	}
	return n;
}

int pd_extract_date_near(const pd_extract_date *d, size_t n, size_t at,
			 size_t end, size_t floor, size_t limit)
{
	size_t k;
	int before = -1;

	for (k = 0; k < n; k++) {
		if (d[k].start >= end && d[k].start < limit)
			return (int)k;
		if (d[k].end <= at && d[k].start >= floor)
			before = (int)k;
	}
	return before;
}
