/*
 * page_import.c: a published page (docs/DESIGN.md, section 3) read into a
 * profile.
 *
 * The page is read as lines, trimmed of white space (ASCII and U+00A0,
 * since copied pages indent and pad with both). The first line of the form
 * "N.^" opens the footnotes; everything before it is the body. The body is
 * cut into blocks at blank lines, and each block is, in this order:
 *  - an image placeholder ("flag", "overview_background_image"): dropped;
 *  - before the first heading, the title block: a country name and a
 *    "Last updated : January 20, 2026" line;
 *  - a known heading (the publication's headings, in any case, with or
 *    without an enumerator "a."), put at its level: "Law" holds "Domestic
 *    Law and Policy", "Data Protection" and "International Commitments";
 *  - a subtitle: the known one, or a long heading-like line right after a
 *    top-level heading;
 *  - an unknown heading, anywhere (the last section before the footnotes
 *    included): a short line, without markers or
 *    final punctuation (a '?', a ')' closing a '(' and the ':' of a short
 *    line excepted), starting with a capital, a word holding one
 *    ("e-KYC") or a number and a capitalised word ("2026 Update"),
 *    possibly after an enumerator or a Markdown "## ", and followed by a
 *    paragraph (after "## " by anything: render writes so the headings
 *    the publication has not). Blank lines around it are not needed when
 *    it reads as a title (most of its longer words capitalised): a block
 *    is cut before such a line that follows a line ending a sentence, or
 *    after such a line that opens a block and is followed by a line
 *    opening one, unless the block's lines are wrapped to a width that the
 *    next line's first word would not fit on it within;
 *  - otherwise a paragraph, its lines joined by single spaces.
 * The footnotes are "N.^" lines followed by their text, on the same line or
 * the next ones, with or without blank lines between them. Nothing else is
 * dropped: every paragraph and footnote keeps its text, markers included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "profdiff/arena.h"
#include "profdiff/buf.h"
#include "profdiff/markers.h"
#include "profdiff/page_import.h"
#include "profdiff/text.h"

#include <utf8proc.h>

typedef struct line {
	const char *s; /* trimmed content */
	size_t len;
	pd_pos pos;    /* of the first content character */
} line;

typedef struct block {
	size_t first, count; /* lines */
} block;

typedef struct importer {
	const char *path;
	pd_profile *p;
	pd_arena *arena;
	line *lines;
	size_t nlines;
	pd_page_report *report;
	size_t capnotes;
	/* the sections being filled */
	pd_section *top;      /* current top-level section, or NULL */
	pd_section *sub;      /* current second-level section, or NULL */
	size_t captop;
	size_t capsub;        /* of top->sections */
	size_t cappara;       /* of the innermost section's paragraphs */
	bool top_has_content; /* paragraphs or subsections since `top` */
} importer;

static const struct {
	const char *title;
	int level; /* 1: top level; 2: under the current top-level section */
} known_headings[] = {
	{"Digital ID Overview", 1},
	{"Law", 1},
	{"Domestic Law and Policy", 2},
	{"Data Protection", 2},
	{"International Commitments", 2},
	{"Designed to Include?", 1},
};

static const char *const known_subtitles[] = {
	"The Impact of Digital ID and Legal Identity on Citizenship and "
	"Nationality Rights",
};

static bool eq_ci(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return false;
	for (i = 0; i < alen; i++) {
		char x = a[i], y = b[i];

		if (x >= 'A' && x <= 'Z')
			x = (char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (char)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

/* Length of white space at s[0..len): ASCII blanks and U+00A0. */
static size_t space_at(const char *s, size_t len)
{
	if (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' ||
		    s[0] == '\f' || s[0] == '\v'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 &&
	    (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

static size_t space_before(const char *s, size_t len)
{
	if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r' || s[len - 1] == '\f' ||
		    s[len - 1] == '\v'))
		return 1;
	if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 &&
	    (unsigned char)s[len - 1] == 0xA0)
		return 2;
	return 0;
}

static int split_lines(importer *im, const char *data, size_t len)
{
	size_t i = 0, cap = 0, lno = 0;

	while (i < len || (i == len && lno == 0)) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		const char *s = data + i;
		size_t l = end - i, w, lead = 0;
		line *ln;

		lno++;
		while ((w = space_at(s, l))) {
			s += w;
			l -= w;
			lead++;
		}
		while ((w = space_before(s, l)))
			l -= w;
		if (PD_ARENA_GROW(im->arena, im->lines, im->nlines, cap) < 0)
			return PD_ENOMEM;
		ln = &im->lines[im->nlines++];
		ln->s = s;
		ln->len = l;
		ln->pos.line = (uint32_t)lno;
		ln->pos.col = (uint32_t)lead + 1;
		if (!nl)
			break;
		i = end + 1;
	}
	return 0;
}

static int note(importer *im, pd_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int note(importer *im, pd_pos pos, const char *fmt, ...)
{
	pd_page_report *r = im->report;
	char buf[512];
	va_list ap;

	if (!r)
		return 0;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (PD_ARENA_GROW(im->arena, r->notes, r->nnotes, im->capnotes) < 0)
		return PD_ENOMEM;
	r->notes[r->nnotes].pos = pos;
	r->notes[r->nnotes].text = pd_arena_strdup(im->arena, buf);
	if (!r->notes[r->nnotes].text)
		return PD_ENOMEM;
	r->nnotes++;
	return 0;
}

/* "23.^" opening a footnote, with the number in *n and the text after it
 * (maybe empty) in *rest. */
static bool footnote_marker(const line *ln, unsigned long *n, size_t *rest)
{
	size_t i = 0;
	unsigned long v = 0;

	/* any number of digits: one too large is reported, not read as text */
	while (i < ln->len && ln->s[i] >= '0' && ln->s[i] <= '9') {
		v = v < 100000000ul ? v * 10 + (unsigned long)(ln->s[i] - '0')
				    : 1000000000ul;
		i++;
	}
	if (i == 0 || i + 1 >= ln->len + 0 || ln->s[i] != '.' ||
	    ln->s[i + 1] != '^')
		return false;
	i += 2;
	while (i < ln->len) {
		size_t w = space_at(ln->s + i, ln->len - i);

		if (!w)
			break;
		i += w;
	}
	*n = v;
	*rest = i;
	return true;
}

static bool placeholder(const line *ln)
{
	static const char suffix[] = "_image";
	size_t i;

	if (eq_ci(ln->s, ln->len, "flag"))
		return true;
	if (ln->len <= sizeof(suffix) - 1 ||
	    memcmp(ln->s + ln->len - (sizeof(suffix) - 1), suffix,
		   sizeof(suffix) - 1) != 0)
		return false;
	for (i = 0; i < ln->len; i++)
		if (!((ln->s[i] >= 'a' && ln->s[i] <= 'z') || ln->s[i] == '_'))
			return false;
	return true;
}

/* Skips an enumerator "a. ", "b) ", "iv. ", "2. " before a heading. */
static size_t enumerator_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 4 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	if (i == 0 || i >= len || (s[i] != '.' && s[i] != ')') ||
	    i + 1 >= len || s[i + 1] != ' ')
		return 0;
	/* letters must be one letter or a roman numeral */
	if (s[0] >= 'a' && s[0] <= 'z' && i > 1 &&
	    strspn(s, "ivx") < i)
		return 0;
	return i + 2;
}

/* Skips the "## " of a heading copied from Markdown; *hashes gets how
 * many '#' there were (0: none). */
static size_t hashes_len(const char *s, size_t len, int *hashes)
{
	size_t i = 0;

	while (i < len && i < 6 && s[i] == '#')
		i++;
	*hashes = 0;
	if (i == 0 || i >= len || s[i] != ' ')
		return 0;
	*hashes = (int)i;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* What comes before a heading's title: an enumerator or "## ". */
static size_t heading_prefix_len(const char *s, size_t len, int *hashes)
{
	size_t h = hashes_len(s, len, hashes);

	return h ? h : enumerator_len(s, len);
}

/* Can a heading start with the word at s[0..len)? A capital ("Recent",
 * "État"), a word with a capital in it ("e-KYC", "eKYC"), or a number
 * followed by a capitalised word ("2026 Update"). */
static bool heading_start(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	size_t i, w;

	if (!len)
		return false;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
			     &cp);
	if (n < 1)
		return false;
	if (cp < 0x80 && s[0] >= 'A' && s[0] <= 'Z')
		return true;
	if (cp >= 0x80) {
		utf8proc_category_t c = utf8proc_category(cp);

		return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
	}
	for (w = 0; w < len && s[w] != ' '; w++)
		;
	if (s[0] >= 'a' && s[0] <= 'z') {
		for (i = 1; i < w; i++)
			if (s[i] >= 'A' && s[i] <= 'Z')
				return true;
		return false;
	}
	if (s[0] >= '0' && s[0] <= '9' && w + 1 < len)
		return heading_start(s + w + 1, len - w - 1) &&
		       !(s[w + 1] >= '0' && s[w + 1] <= '9');
	return false;
}

static int known_heading(const char *s, size_t len)
{
	size_t e = enumerator_len(s, len), i;

	for (i = 0; i < sizeof(known_headings) / sizeof(known_headings[0]);
	     i++)
		if (eq_ci(s + e, len - e, known_headings[i].title))
			return (int)i;
	return -1;
}

static bool known_subtitle(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(known_subtitles) / sizeof(known_subtitles[0]);
	     i++)
		if (eq_ci(s, len, known_subtitles[i]))
			return true;
	return false;
}

static size_t word_count(const char *s, size_t len)
{
	size_t i, n = 0;
	bool in = false;

	for (i = 0; i < len; i++) {
		bool sp = s[i] == ' ';

		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* A line that could be a heading: short, one line, no markers, no final
 * punctuation but '?', a ')' closing a '(' or the ':' of a short line,
 * starting (after an enumerator or "## ") as heading_start says. */
static bool heading_like(const importer *im, const block *b)
{
	const line *ln = &im->lines[b->first];
	size_t e, words;
	int hashes;
	char last;

	if (b->count != 1 || ln->len == 0 || ln->len > 120 ||
	    (words = word_count(ln->s, ln->len)) > 16)
		return false;
	if (memchr(ln->s, '[', ln->len))
		return false;
	last = ln->s[ln->len - 1];
	if (strchr(".,;!]\"'", last) || (last == ':' && words > 4) ||
	    (last == ')' && !memchr(ln->s, '(', ln->len)))
		return false;
	if (ln->len >= 3 && ((unsigned char)ln->s[ln->len - 3] == 0xE2 &&
			     (unsigned char)ln->s[ln->len - 2] == 0x80))
		return false; /* closing quotes, dashes */
	e = heading_prefix_len(ln->s, ln->len, &hashes);
	return heading_start(ln->s + e, ln->len - e);
}

/* Parses "January 20, 2026", "20 January 2026" or "2026-01-20". */
bool pd_page_date(const char *s, size_t len, pd_date *out)
{
	static const char *const months[] = {
		"january", "february", "march",	    "april",
		"may",	   "june",     "july",	    "august",
		"september", "october", "november", "december"};
	char buf[64], word[16];
	int day = 0, year = 0, month = 0, i;
	size_t k;

	if (pd_date_parse(s, len, out))
		return true;
	if (len >= sizeof(buf))
		return false;
	for (k = 0; k < len; k++)
		buf[k] = s[k] >= 'A' && s[k] <= 'Z' ? (char)(s[k] + 32) : s[k];
	buf[len] = '\0';
	if (sscanf(buf, "%15[a-z] %d, %d", word, &day, &year) != 3 &&
	    sscanf(buf, "%d %15[a-z] %d", &day, word, &year) != 3)
		return false;
	for (i = 0; i < 12; i++)
		if (strcmp(word, months[i]) == 0 ||
		    (strlen(word) == 3 && strncmp(word, months[i], 3) == 0))
			month = i + 1;
	if (!month || !pd_date_valid(year, month, day))
		return false;
	out->year = year;
	out->month = month;
	out->day = day;
	return true;
}

/* "Last updated : January 20, 2026" -> the date part, or NULL. */
static const char *last_updated(const line *ln, size_t *dlen)
{
	static const char prefix[] = "last updated";
	size_t i = sizeof(prefix) - 1;

	if (ln->len < i || !eq_ci(ln->s, i, prefix))
		return NULL;
	while (i < ln->len && ln->s[i] == ' ')
		i++;
	if (i >= ln->len || ln->s[i] != ':')
		return NULL;
	i++;
	while (i < ln->len && ln->s[i] == ' ')
		i++;
	*dlen = ln->len - i;
	return ln->s + i;
}

/* Joins the lines of a block with single spaces, one segment a line. */
static char *block_text(importer *im, const block *b, size_t *len,
			pd_segment **segs, uint32_t *nsegs)
{
	size_t i, n = 0;
	char *t, *p;

	for (i = 0; i < b->count; i++)
		n += im->lines[b->first + i].len + 1;
	t = pd_arena_alloc(im->arena, n + 1);
	*segs = pd_arena_calloc(im->arena, b->count, sizeof(**segs));
	if (!t || !*segs)
		return NULL;
	p = t;
	for (i = 0; i < b->count; i++) {
		const line *ln = &im->lines[b->first + i];

		if (i)
			*p++ = ' ';
		(*segs)[i].offset = (uint32_t)(p - t);
		(*segs)[i].pos = ln->pos;
		memcpy(p, ln->s, ln->len);
		p += ln->len;
	}
	*p = '\0';
	*len = (size_t)(p - t);
	*nsegs = (uint32_t)b->count;
	return t;
}

/* Sections ------------------------------------------------------------------ */

static pd_section *new_section(importer *im, pd_section **arr, size_t *n,
			       size_t *cap)
{
	pd_section *s;

	if (PD_ARENA_GROW(im->arena, *arr, *n, *cap) < 0)
		return NULL;
	s = &(*arr)[(*n)++];
	memset(s, 0, sizeof(*s));
	return s;
}

static int open_section(importer *im, int level, const char *title,
			pd_pos pos)
{
	pd_section *s;
	pd_profile *p = im->p;

	if (level == 2 && im->top) {
		/* the top-level section's array must not move while `top`
		 * points into it: children live in their own array */
		s = new_section(im, &im->top->sections, &im->top->nsections,
				&im->capsub);
		if (!s)
			return PD_ENOMEM;
		im->sub = s;
	} else {
		s = new_section(im, &p->sections, &p->nsections, &im->captop);
		if (!s)
			return PD_ENOMEM;
		im->top = s;
		im->sub = NULL;
		im->capsub = 0;
		im->top_has_content = false;
	}
	s->title = pd_arena_strdup(im->arena, title);
	if (!s->title)
		return PD_ENOMEM;
	s->pos = pos;
	im->cappara = 0;
	if (level == 2)
		im->top_has_content = true;
	return 0;
}

static int add_paragraph(importer *im, const block *b)
{
	pd_section *s;
	pd_paragraph *para;
	int err;

	if (!im->top) {
		if ((err = open_section(im, 1, "Introduction",
					im->lines[b->first].pos)) < 0)
			return err;
		if ((err = note(im, im->lines[b->first].pos,
				"text before the first heading was put under "
				"a section 'Introduction'")) < 0)
			return err;
	}
	s = im->sub ? im->sub : im->top;
	if (PD_ARENA_GROW(im->arena, s->paragraphs, s->nparagraphs,
			  im->cappara) < 0)
		return PD_ENOMEM;
	para = &s->paragraphs[s->nparagraphs++];
	para->text = block_text(im, b, &para->len, &para->segs, &para->nsegs);
	if (!para->text)
		return PD_ENOMEM;
	para->pos = im->lines[b->first].pos;
	im->top_has_content = true;
	return 0;
}

/* The body ------------------------------------------------------------------ */

/* Does the line read as a title: most of its words of four letters or
 * more capitalised ("Recent Developments", "Statelessness
 * determination"), no comma? */
static bool titleish(const line *ln)
{
	size_t i = 0, words = 0, caps = 0;

	if (memchr(ln->s, ',', ln->len))
		return false;
	while (i < ln->len) {
		size_t st;

		while (i < ln->len && ln->s[i] == ' ')
			i++;
		st = i;
		while (i < ln->len && ln->s[i] != ' ')
			i++;
		if (i - st >= 4) {
			words++;
			caps += (ln->s[st] >= 'A' && ln->s[st] <= 'Z') ||
				(unsigned char)ln->s[st] >= 0x80;
		}
	}
	return words && caps * 2 >= words;
}

/* Does the line end a sentence: a full stop, '?', '!', a marker, a
 * closing quote or bracket? */
static bool ends_sentence(const line *ln)
{
	unsigned char c = ln->len ? (unsigned char)ln->s[ln->len - 1] : 0;

	if (strchr(".?!])\"'", c) && c)
		return true;
	return ln->len >= 3 && (unsigned char)ln->s[ln->len - 3] == 0xE2 &&
	       (unsigned char)ln->s[ln->len - 2] == 0x80 &&
	       (c == 0x9D || c == 0x99);
}

/* Does the line open a sentence: a capital, a digit, a quote? */
static bool opens_sentence(const line *ln)
{
	unsigned char c = ln->len ? (unsigned char)ln->s[0] : 0;

	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == 0xE2 ||
	       c == '"' || c == '\'';
}

static bool heading_like(const importer *im, const block *b);

/* Could line i of the block [first, end) be a wrapped paragraph's, the
 * next line's first word too long to fit on it? A line wrapped to the
 * block's width leaves no room for the word that follows it. */
static bool wrapped(const importer *im, size_t first, size_t i, size_t end)
{
	const line *nx = &im->lines[i + 1];
	size_t width = 0, k, w;

	for (k = first; k < end; k++)
		if (im->lines[k].len > width)
			width = im->lines[k].len;
	for (w = 0; w < nx->len && nx->s[w] != ' '; w++)
		;
	return im->lines[i].len + 1 + w > width;
}

/* Is line i of the block [first, end) a heading written without the
 * blank lines around it? */
static bool heading_within(const importer *im, size_t first, size_t i,
			   size_t end)
{
	const line *ln = &im->lines[i];
	block one = {i, 1};

	if (!heading_like(im, &one) || !titleish(ln))
		return false;
	if (i + 1 < end && wrapped(im, first, i, end))
		return false;
	if (i > first && !ends_sentence(&im->lines[i - 1]))
		return false;
	if (i == first)
		return i + 1 < end && opens_sentence(&im->lines[i + 1]) &&
		       !heading_like(im, &(block){i + 1, 1});
	/* after a sentence: the block's last line, or one followed by a
	 * sentence */
	return i + 1 == end || (opens_sentence(&im->lines[i + 1]) &&
				!heading_like(im, &(block){i + 1, 1}));
}

static int collect_blocks(importer *im, size_t end, block **out, size_t *n)
{
	block *v = NULL;
	size_t cap = 0, cnt = 0, i = 0;

	while (i < end) {
		block *b;

		if (im->lines[i].len == 0) {
			i++;
			continue;
		}
		if (PD_ARENA_GROW(im->arena, v, cnt, cap) < 0)
			return PD_ENOMEM;
		b = &v[cnt++];
		b->first = i;
		/* placeholders stand alone even without blank lines */
		if (placeholder(&im->lines[i])) {
			b->count = 1;
			i++;
			continue;
		}
		while (i < end && im->lines[i].len &&
		       !placeholder(&im->lines[i]))
			i++;
		b->count = i - b->first;
		if (b->count > 1) {
			/* a heading inside: a block of its own */
			size_t k, stop = i;

			for (k = b->first; k < stop; k++)
				if (heading_within(im, b->first, k, stop))
					break;
			if (k < stop) {
				if (k > b->first) {
					b->count = k - b->first;
					i = k; /* the heading, next round */
				} else {
					b->count = 1;
					i = k + 1;
				}
			}
		}
	}
	*out = v;
	*n = cnt;
	return 0;
}

static bool is_placeholder_block(const importer *im, const block *b)
{
	return b->count == 1 && placeholder(&im->lines[b->first]);
}

/* The block after b[i] that is not a placeholder, or NULL. */
static const block *next_content(const importer *im, const block *b,
				 size_t n, size_t i)
{
	for (i++; i < n; i++)
		if (!is_placeholder_block(im, &b[i]))
			return &b[i];
	return NULL;
}

/* A country line is followed by the "Last updated" line or by a known
 * heading; otherwise the short line is an unknown heading. */
static bool country_line_ok(const importer *im, const block *b, size_t n,
			    size_t i)
{
	const block *nx = next_content(im, b, n, i);
	const line *ln;
	size_t dlen;

	if (!nx)
		return false;
	ln = &im->lines[nx->first];
	return last_updated(ln, &dlen) || known_heading(ln->s, ln->len) >= 0;
}

static int title_block(importer *im, const block *b, size_t n, size_t *i)
{
	pd_profile *p = im->p;

	for (; *i < n; (*i)++) {
		const block *blk = &b[*i];
		const line *ln = &im->lines[blk->first];
		const char *d;
		size_t dlen;

		if (is_placeholder_block(im, blk))
			continue;
		if (known_heading(ln->s, ln->len) >= 0)
			return 0;
		if (blk->count == 1 && (d = last_updated(ln, &dlen))) {
			if (!pd_page_date(d, dlen, &p->last_updated))
				return pd_error_set(
					PD_EINVALID, im->path, ln->pos.line,
					ln->pos.col +
						(uint32_t)pd_utf8_width(
							ln->s, (size_t)(d - ln->s)),
					"cannot read the date '%.*s' (expected "
					"e.g. 'January 20, 2026')",
					(int)(dlen > 60 ? 60 : dlen), d);
			p->last_updated_pos = ln->pos;
			continue;
		}
		if (!p->country && !p->last_updated.year &&
		    heading_like(im, blk) && ln->len <= 60 &&
		    country_line_ok(im, b, n, *i)) {
			p->country = pd_arena_strndup(im->arena, ln->s, ln->len);
			if (!p->country)
				return PD_ENOMEM;
			p->country_pos = ln->pos;
			continue;
		}
		return 0;
	}
	return 0;
}

static int read_body(importer *im, size_t end)
{
	block *b;
	size_t n, i = 0;
	bool after_top_heading = false;
	int err;

	if ((err = collect_blocks(im, end, &b, &n)) < 0)
		return err;
	if ((err = title_block(im, b, n, &i)) < 0)
		return err;
	for (; i < n; i++) {
		const block *blk = &b[i];
		const line *ln = &im->lines[blk->first];
		int k;

		if (is_placeholder_block(im, blk))
			continue;
		k = blk->count == 1 ? known_heading(ln->s, ln->len) : -1;
		if (k >= 0) {
			if ((err = open_section(im, known_headings[k].level,
						known_headings[k].title,
						ln->pos)) < 0)
				return err;
			after_top_heading = known_headings[k].level == 1 ||
					    !im->sub;
			continue;
		}
		if (after_top_heading && im->top && !im->sub &&
		    !im->top->subtitle && heading_like(im, blk) &&
		    (known_subtitle(ln->s, ln->len) ||
		     word_count(ln->s, ln->len) > 8)) {
			im->top->subtitle =
				pd_arena_strndup(im->arena, ln->s, ln->len);
			if (!im->top->subtitle)
				return PD_ENOMEM;
			continue;
		}
		after_top_heading = false;
		if (heading_like(im, blk)) {
			const block *nx = next_content(im, b, n, i);
			int hashes;
			size_t e = heading_prefix_len(ln->s, ln->len, &hashes);

			/* "## X" says it is a heading, whatever follows */
			if (hashes || (nx && !heading_like(im, nx))) {
				/* "## X" says its level; an enumerator, or a
				 * top-level section that has subsections,
				 * makes X one of them */
				int level = hashes ? (hashes >= 3 ? 2 : 1)
					    : (e || (im->top &&
						     im->top->nsections))
						    ? 2
						    : 1;
				char *title = pd_arena_strndup(
					im->arena, ln->s + e, ln->len - e);

				if (!title)
					return PD_ENOMEM;
				if ((err = open_section(im, level, title,
							ln->pos)) < 0)
					return err;
				after_top_heading = level == 1;
				continue;
			}
		}
		if ((err = add_paragraph(im, blk)) < 0)
			return err;
	}
	return 0;
}

/* The highest footnote number the prose of `secs` cites. */
static int max_cited(const pd_section *secs, size_t n, pd_arena *scratch,
		     uint32_t *max)
{
	size_t i, j, k, m, nm;
	pd_marker *mk;
	int err;

	for (i = 0; i < n; i++) {
		for (j = 0; j < secs[i].nparagraphs; j++) {
			const pd_paragraph *pa = &secs[i].paragraphs[j];

			if ((err = pd_markers(scratch, pa->text, pa->len, &mk,
					      &nm)) < 0)
				return err;
			for (k = 0; k < nm; k++)
				for (m = 0; m < mk[k].nnumbers; m++)
					if (mk[k].numbers[m] > *max)
						*max = mk[k].numbers[m];
		}
		if ((err = max_cited(secs[i].sections, secs[i].nsections,
				     scratch, max)) < 0)
			return err;
	}
	return 0;
}

/* A page whose prose cites footnotes it does not reach was most likely cut
 * short (a partial copy, a failed download): the import goes on, as the
 * page is what it is, but the report says so. */
static int check_cut_short(importer *im)
{
	const pd_profile *p = im->p;
	pd_arena *scratch = pd_arena_new();
	uint32_t cited = 0, last = 0;
	pd_pos end = {(uint32_t)im->nlines, 1};
	size_t i;
	int err;

	if (!scratch)
		return PD_ENOMEM;
	err = max_cited(p->sections, p->nsections, scratch, &cited);
	pd_arena_free(scratch);
	if (err < 0)
		return err;
	for (i = 0; i < p->nfootnotes; i++)
		if (p->footnotes[i].number > last)
			last = p->footnotes[i].number;
	if (cited && !last)
		return note(im, end,
			    "the prose cites footnotes up to [%u] but the page "
			    "has no footnotes: is the page cut short?",
			    (unsigned)cited);
	if (cited > last)
		return note(im, end,
			    "the prose cites footnotes up to [%u] but the "
			    "footnotes stop at %u: is the page cut short?",
			    (unsigned)cited, (unsigned)last);
	return 0;
}

/* The first footnote number the prose of `secs` cites, in page order (0:
 * none yet). */
static int first_cited(const pd_section *secs, size_t n, pd_arena *scratch,
		       uint32_t *first)
{
	size_t i, j, k, nm;
	pd_marker *mk;
	int err;

	for (i = 0; i < n && !*first; i++) {
		for (j = 0; j < secs[i].nparagraphs && !*first; j++) {
			const pd_paragraph *pa = &secs[i].paragraphs[j];

			if ((err = pd_markers(scratch, pa->text, pa->len, &mk,
					      &nm)) < 0)
				return err;
			for (k = 0; k < nm && !*first; k++)
				if (mk[k].nnumbers)
					*first = mk[k].numbers[0];
		}
		if ((err = first_cited(secs[i].sections, secs[i].nsections,
				       scratch, first)) < 0)
			return err;
	}
	return 0;
}

/* The footnotes numbered before the page's first marker are cited by
 * parts of the page that the text copied from it does not hold (the
 * publication numbers a page's footnotes across all its parts): they are
 * kept as footnotes_cited_elsewhere, so that lint's orphans are footnotes
 * nothing cites, and the report says so. */
static int mark_cited_elsewhere(importer *im)
{
	pd_profile *p = im->p;
	pd_arena *scratch = pd_arena_new();
	uint32_t first = 0;
	size_t i, low = 0;
	int err;

	if (!scratch)
		return PD_ENOMEM;
	err = first_cited(p->sections, p->nsections, scratch, &first);
	pd_arena_free(scratch);
	if (err < 0)
		return err;
	for (i = 1; i < p->nfootnotes; i++)
		if (p->footnotes[i].number < p->footnotes[low].number)
			low = i;
	if (first <= 1 || !p->nfootnotes || p->footnotes[low].number >= first)
		return 0;
	p->cited_elsewhere = pd_arena_alloc(p->arena,
					    sizeof(*p->cited_elsewhere));
	if (!p->cited_elsewhere)
		return PD_ENOMEM;
	p->cited_elsewhere->lo = 1;
	p->cited_elsewhere->hi = first - 1;
	p->ncited_elsewhere = 1;
	return note(im, p->footnotes[low].number_pos,
		    "footnotes 1-%u come before the page's first marker [%u]: "
		    "kept as cited elsewhere on the page "
		    "(footnotes_cited_elsewhere: 1-%u)",
		    (unsigned)first - 1, (unsigned)first,
		    (unsigned)first - 1);
}

/* Footnotes ------------------------------------------------------------------ */

static int add_seg(importer *im, pd_segment **segs, size_t *n, size_t *cap,
		   size_t offset, pd_pos pos)
{
	if (PD_ARENA_GROW(im->arena, *segs, *n, *cap) < 0)
		return PD_ENOMEM;
	(*segs)[*n].offset = (uint32_t)offset;
	(*segs)[*n].pos = pos;
	(*n)++;
	return 0;
}

static int read_footnotes(importer *im, size_t start)
{
	pd_profile *p = im->p;
	size_t cap = 0, i;
	pd_footnote *cur = NULL;
	pd_buf text = PD_BUF_INIT;
	pd_segment *segs = NULL;
	size_t nsegs = 0, capsegs = 0;
	pd_pos marker_pos = {0, 0};
	int err = 0;

	for (i = start; i <= im->nlines; i++) {
		const line *ln = i < im->nlines ? &im->lines[i] : NULL;
		unsigned long num;
		size_t rest;

		if (ln && ln->len == 0)
			continue;
		if (ln && !footnote_marker(ln, &num, &rest)) {
			/* text of the current footnote */
			if (text.len)
				pd_buf_putc(&text, ' ');
			else if (cur)
				cur->pos = ln->pos;
			if ((err = add_seg(im, &segs, &nsegs, &capsegs, text.len,
					   ln->pos)) < 0)
				goto done;
			pd_buf_put(&text, ln->s, ln->len);
			continue;
		}
		/* a marker, or the end: close the current footnote */
		if (cur) {
			if (text.len == 0) {
				if ((err = note(im, marker_pos,
						"footnote %u has no text; left "
						"out",
						(unsigned)cur->number)) < 0)
					goto done;
				p->nfootnotes--;
			} else {
				if ((err = pd_buf_ok(&text)) < 0)
					goto done;
				cur->text = pd_arena_strndup(im->arena, text.ptr,
							     text.len);
				if (!cur->text) {
					err = PD_ENOMEM;
					goto done;
				}
				cur->len = text.len;
				cur->segs = segs;
				cur->nsegs = (uint32_t)nsegs;
			}
			cur = NULL;
		}
		pd_buf_clear(&text);
		segs = NULL;
		nsegs = capsegs = 0;
		if (!ln)
			break;
		if (num < 1 || num > PD_MAX_FOOTNOTE) {
			/* the number as the page writes it */
			size_t nd = 0;

			while (nd < ln->len && ln->s[nd] >= '0' &&
			       ln->s[nd] <= '9')
				nd++;
			err = pd_error_set(PD_EINVALID, im->path, ln->pos.line,
					   ln->pos.col,
					   "footnote number %.*s%s is out of "
					   "range (1 to %d)",
					   (int)(nd > 40 ? 40 : nd), ln->s,
					   nd > 40 ? "..." : "",
					   PD_MAX_FOOTNOTE);
			goto done;
		}
		if (PD_ARENA_GROW(im->arena, p->footnotes, p->nfootnotes,
				  cap) < 0) {
			err = PD_ENOMEM;
			goto done;
		}
		cur = &p->footnotes[p->nfootnotes++];
		memset(cur, 0, sizeof(*cur));
		cur->number = (uint32_t)num;
		cur->pos = cur->number_pos = ln->pos;
		marker_pos = ln->pos;
		if (rest < ln->len) {
			cur->pos.col += (uint32_t)pd_utf8_width(ln->s, rest);
			if ((err = add_seg(im, &segs, &nsegs, &capsegs, 0,
					   cur->pos)) < 0)
				goto done;
			pd_buf_put(&text, ln->s + rest, ln->len - rest);
		}
	}
done:
	pd_buf_free(&text);
	return err;
}

/* The page --------------------------------------------------------------------- */

/* "north-korea.txt" -> "North Korea" */
static char *country_from_path(pd_arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len, i;
	char *c;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 4 && strcmp(base + len - 4, ".txt") == 0)
		len -= 4;
	c = pd_arena_strndup(a, base, len);
	if (!c)
		return NULL;
	for (i = 0; i < len; i++) {
		if (c[i] == '-' || c[i] == '_')
			c[i] = ' ';
		if ((i == 0 || c[i - 1] == ' ') && c[i] >= 'a' && c[i] <= 'z')
			c[i] = (char)(c[i] - 32);
	}
	return c;
}

int pd_page_import(pd_profile **out, pd_page_report *report, const char *data,
		   size_t len, const char *path, const pd_page_options *opts)
{
	importer im;
	size_t i, bad, fstart;
	pd_found *found = NULL;
	size_t nfound = 0;
	int err;

	*out = NULL;
	if (report)
		memset(report, 0, sizeof(*report));
	if (!data || !len) {
		data = "";
		len = 0;
	}
	memset(&im, 0, sizeof(im));
	im.path = path ? path : "<page>";
	im.report = report;
	if (len > PD_MAX_PROFILE_SIZE)
		return pd_error_set(PD_EINVALID, im.path, 1, 1,
				    "the page is %zu bytes, over the limit of "
				    "%u bytes",
				    len, PD_MAX_PROFILE_SIZE);
	if (!pd_utf8_valid(data, len, &bad)) {
		pd_pos pos = pd_text_pos(data, len, bad);

		return pd_error_set(PD_EINVALID, im.path, pos.line, pos.col,
				    "invalid UTF-8 (byte 0x%02X)",
				    (unsigned char)data[bad]);
	}
	if (memchr(data, '\0', len)) {
		size_t off =
			(size_t)((const char *)memchr(data, '\0', len) - data);
		pd_pos pos = pd_text_pos(data, len, off);

		return pd_error_set(PD_EINVALID, im.path, pos.line, pos.col,
				    "NUL byte in a page");
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if ((err = pd_profile_new(&im.p)) < 0)
		return err;
	im.arena = im.p->arena;
	if ((err = split_lines(&im, data, len)) < 0)
		goto fail;
	fstart = im.nlines;
	for (i = 0; i < im.nlines; i++) {
		unsigned long n;
		size_t rest;

		if (footnote_marker(&im.lines[i], &n, &rest)) {
			fstart = i;
			break;
		}
	}
	if ((err = read_body(&im, fstart)) < 0)
		goto fail;
	if ((err = read_footnotes(&im, fstart)) < 0)
		goto fail;
	if (!im.p->nsections && !im.p->nfootnotes) {
		err = pd_error_set(PD_EINVALID, im.path, 1, 1,
				   "the page has no text");
		goto fail;
	}
	if ((err = check_cut_short(&im)) < 0 ||
	    (err = mark_cited_elsewhere(&im)) < 0)
		goto fail;
	if (!im.p->country) {
		const char *c = opts && opts->country ? opts->country : NULL;

		im.p->country = c ? pd_arena_strdup(im.arena, c)
				  : country_from_path(im.arena, im.path);
		if (!im.p->country) {
			err = PD_ENOMEM;
			goto fail;
		}
		if ((err = note(&im, (pd_pos){1, 1},
				"the page names no country: '%s' from %s",
				im.p->country,
				c ? "--country" : "the file name")) < 0)
			goto fail;
	}
	if (!im.p->last_updated.year &&
	    (err = note(&im, (pd_pos){1, 1},
			"the page has no 'Last updated' line")) < 0)
		goto fail;
	if ((err = pd_profile_canonicalize(im.p, opts ? opts->vocab : NULL,
					   im.path)) < 0)
		goto fail;
	if ((err = pd_extract(im.p, opts ? opts->vocab : NULL, &found,
			      &nfound)) < 0)
		goto fail;
	if (report) {
		report->found = found;
		report->nfound = nfound;
	}
	*out = im.p;
	return 0;
fail:
	if (report)
		memset(report, 0, sizeof(*report));
	pd_profile_free(im.p);
	return err;
}
