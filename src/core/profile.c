/*
 * profile.c: the profile model's life cycle, comparison, canonical order,
 * dates and enumeration names.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/profile.h"
#include "profdiff/treaties.h"
#include "sort.h"

int pd_profile_new(pd_profile **out)
{
	pd_arena *arena = pd_arena_new();
	pd_profile *p;

	*out = NULL;
	if (!arena)
		return PD_ENOMEM;
	p = pd_arena_alloc(arena, sizeof(*p));
	if (!p) {
		pd_arena_free(arena);
		return PD_ENOMEM;
	}
	p->arena = arena;
	p->schema = PD_SCHEMA_VERSION;
	*out = p;
	return 0;
}

void pd_profile_free(pd_profile *p)
{
	if (p)
		pd_arena_free(p->arena);
}

/* Comparison ----------------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool cite_eq(const uint32_t *a, size_t na, const uint32_t *b,
		    size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0);
}

static bool date_eq(pd_date a, pd_date b)
{
	return pd_date_cmp(a, b) == 0;
}

/* Sections nest at most PD_MAX_SECTION_DEPTH deep (the reader enforces
 * it), so this recursion is bounded. */
static bool sections_eq(const pd_section *a, size_t na, const pd_section *b,
			size_t nb)
{
	size_t i, j;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		if (!str_eq(a[i].title, b[i].title) ||
		    !str_eq(a[i].subtitle, b[i].subtitle) ||
		    a[i].nparagraphs != b[i].nparagraphs)
			return false;
		for (j = 0; j < a[i].nparagraphs; j++) {
			const pd_paragraph *x = &a[i].paragraphs[j];
			const pd_paragraph *y = &b[i].paragraphs[j];

			if (x->len != y->len ||
			    memcmp(x->text, y->text, x->len) != 0)
				return false;
		}
		if (!sections_eq(a[i].sections, a[i].nsections, b[i].sections,
				 b[i].nsections))
			return false;
	}
	return true;
}

static bool law_eq(const pd_law *a, const pd_law *b)
{
	size_t i;

	if (!str_eq(a->name, b->name) || !str_eq(a->short_name, b->short_name) ||
	    a->naka != b->naka || a->year != b->year || a->type != b->type ||
	    a->status != b->status || pd_date_cmp(a->date, b->date) != 0 ||
	    !str_eq(a->replaced_by, b->replaced_by) ||
	    !cite_eq(a->cite, a->ncite, b->cite, b->ncite))
		return false;
	for (i = 0; i < a->naka; i++)
		if (!str_eq(a->aka[i], b->aka[i]))
			return false;
	return true;
}

bool pd_profile_equal(const pd_profile *a, const pd_profile *b)
{
	size_t i;

	if (a->schema != b->schema || !str_eq(a->country, b->country) ||
	    !date_eq(a->last_updated, b->last_updated) ||
	    a->nlaws != b->nlaws || a->ntreaties != b->ntreaties ||
	    a->nfootnotes != b->nfootnotes || a->nignores != b->nignores)
		return false;
	if (!sections_eq(a->sections, a->nsections, b->sections, b->nsections))
		return false;
	for (i = 0; i < a->nlaws; i++)
		if (!law_eq(&a->laws[i], &b->laws[i]))
			return false;
	for (i = 0; i < a->ntreaties; i++) {
		const pd_treaty *x = &a->treaties[i], *y = &b->treaties[i];

		if (!str_eq(x->id, y->id) || x->status != y->status ||
		    x->via != y->via || !date_eq(x->date, y->date) ||
		    x->reserved != y->reserved ||
		    !date_eq(x->reservation, y->reservation) ||
		    !cite_eq(x->cite, x->ncite, y->cite, y->ncite))
			return false;
	}
	for (i = 0; i < a->nfootnotes; i++) {
		const pd_footnote *x = &a->footnotes[i], *y = &b->footnotes[i];

		if (x->number != y->number || x->len != y->len ||
		    memcmp(x->text, y->text, x->len) != 0)
			return false;
	}
	for (i = 0; i < a->nignores; i++) {
		const pd_ignore *x = &a->ignores[i], *y = &b->ignores[i];

		if (!str_eq(x->rule, y->rule) ||
		    !pd_footnote_set_equal(x->footnotes, x->nfootnotes,
					   y->footnotes, y->nfootnotes) ||
		    !str_eq(x->text, y->text))
			return false;
	}
	return pd_footnote_set_equal(a->cited_elsewhere, a->ncited_elsewhere,
				     b->cited_elsewhere, b->ncited_elsewhere);
}

bool pd_footnote_set_has(const pd_footnote_range *set, size_t count,
			 uint32_t n)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (n >= set[i].lo && n <= set[i].hi)
			return true;
	return false;
}

bool pd_footnote_set_equal(const pd_footnote_range *a, size_t na,
			   const pd_footnote_range *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].lo != b[i].lo || a[i].hi != b[i].hi)
			return false;
	return true;
}

const pd_footnote *pd_profile_footnote(const pd_profile *p, uint32_t n)
{
	size_t lo = 0, hi = p->nfootnotes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t m = p->footnotes[mid].number;

		if (m == n)
			return &p->footnotes[mid];
		if (m < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* 1 + the last segment starting at or before offset; 0 when none does. */
static size_t segment_of(const pd_segment *segs, size_t nsegs, size_t offset)
{
	size_t lo = 0, hi = nsegs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (segs[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Code points (bytes that do not continue a sequence) in text[from, to). */
static uint32_t code_points(const char *text, size_t from, size_t to)
{
	uint32_t n = 0;
	size_t i;

	for (i = from; i < to; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

pd_pos pd_text_at(const char *text, pd_pos pos, const pd_segment *segs,
		  size_t nsegs, size_t offset)
{
	size_t seg = segment_of(segs, nsegs, offset), from = 0;

	if (seg > 0) {
		pos = segs[seg - 1].pos;
		from = segs[seg - 1].offset;
	}
	pos.col += code_points(text, from, offset);
	return pos;
}

void pd_text_cursor_init(pd_text_cursor *c, const char *text, pd_pos pos,
			 const pd_segment *segs, size_t nsegs)
{
	c->text = text;
	c->pos = pos;
	c->segs = segs;
	c->nsegs = nsegs;
	c->seg = 0;
	c->at = 0;
	c->at_pos = pos;
}

pd_pos pd_text_cursor_at(pd_text_cursor *c, size_t offset)
{
	size_t seg = segment_of(c->segs, c->nsegs, offset);

	if (seg != c->seg) {
		/* another segment: start from its beginning */
		c->seg = seg;
		c->at = seg ? c->segs[seg - 1].offset : 0;
		c->at_pos = seg ? c->segs[seg - 1].pos : c->pos;
	}
	/* within one segment a column is the code points from its start */
	if (offset >= c->at)
		c->at_pos.col += code_points(c->text, c->at, offset);
	else
		c->at_pos.col -= code_points(c->text, offset, c->at);
	c->at = offset;
	return c->at_pos;
}

/* Canonical order ------------------------------------------------------- */

static int footnote_cmp(const void *x, const void *y)
{
	const pd_footnote *a = x, *b = y;

	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	/* equal numbers: keep file order so the second one is reported */
	if (a->number_pos.line != b->number_pos.line)
		return a->number_pos.line < b->number_pos.line ? -1 : 1;
	return (a->number_pos.col > b->number_pos.col) -
	       (a->number_pos.col < b->number_pos.col);
}

typedef struct treaty_key {
	int index;     /* vocabulary order; unknown ids last */
	size_t order;  /* file order, to report the second duplicate */
	pd_treaty t;
} treaty_key;

static int treaty_key_cmp(const void *x, const void *y)
{
	const treaty_key *a = x, *b = y;

	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	if (a->index == -1) {
		int c = strcmp(a->t.id, b->t.id);

		if (c)
			return c;
	}
	return (a->order > b->order) - (a->order < b->order);
}

static int sort_treaties(pd_profile *p, const pd_vocab *vocab,
			 const char *path)
{
	treaty_key *keys;
	size_t i;
	int err = 0;

	if (p->ntreaties < 2)
		return 0;
	keys = malloc(p->ntreaties * sizeof(*keys));
	if (!keys)
		return pd_error_oom();
	for (i = 0; i < p->ntreaties; i++) {
		const pd_treaty *t = &p->treaties[i];

		keys[i].index = pd_vocab_find(vocab, t->id, strlen(t->id));
		keys[i].order = i;
		keys[i].t = *t;
	}
	pd_qsort(keys, p->ntreaties, sizeof(*keys), treaty_key_cmp);
	for (i = 0; i < p->ntreaties; i++) {
		if (i && strcmp(keys[i - 1].t.id, keys[i].t.id) == 0 && !err)
			err = pd_error_set(PD_EINVALID, path,
					   keys[i].t.pos.line,
					   keys[i].t.pos.col,
					   "duplicate treaty '%s'",
					   keys[i].t.id);
		p->treaties[i] = keys[i].t;
	}
	free(keys);
	return err;
}

int pd_profile_canonicalize(pd_profile *p, const pd_vocab *vocab,
			    const char *path)
{
	size_t i;
	bool sorted = true;

	for (i = 1; i < p->nfootnotes; i++)
		if (p->footnotes[i - 1].number >= p->footnotes[i].number)
			sorted = false;
	if (!sorted) {
		pd_qsort(p->footnotes, p->nfootnotes, sizeof(*p->footnotes),
		      footnote_cmp);
		for (i = 1; i < p->nfootnotes; i++)
			if (p->footnotes[i - 1].number ==
			    p->footnotes[i].number)
				return pd_error_set(
					PD_EINVALID, path,
					p->footnotes[i].number_pos.line,
					p->footnotes[i].number_pos.col,
					"duplicate footnote %u",
					(unsigned)p->footnotes[i].number);
	}
	return sort_treaties(p, vocab, path);
}

/* Dates ------------------------------------------------------------------ */

bool pd_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int max;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool pd_date_parse(const char *s, size_t len, pd_date *out)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !pd_date_valid(y, m, d))
		return false;
	out->year = y;
	out->month = m;
	out->day = d;
	return true;
}

bool pd_date_parse_partial(const char *s, size_t len, pd_date *out)
{
	int y, m;

	if (len == 10)
		return pd_date_parse(s, len, out);
	if ((len != 4 && len != 7) || (y = digits(s, 4)) < 1)
		return false;
	m = 0;
	if (len == 7 && (s[4] != '-' || (m = digits(s + 5, 2)) < 1 || m > 12))
		return false;
	out->year = y;
	out->month = m;
	out->day = 0;
	return true;
}

void pd_date_format(pd_date d, char out[11])
{
	unsigned y = (unsigned)d.year % 10000u, m = (unsigned)d.month % 100u,
		 day = (unsigned)d.day % 100u;

	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	if (!m) {
		out[4] = '\0';
		return;
	}
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	if (!day) {
		out[7] = '\0';
		return;
	}
	out[7] = '-';
	out[8] = (char)('0' + day / 10);
	out[9] = (char)('0' + day % 10);
	out[10] = '\0';
}

int pd_date_cmp(pd_date a, pd_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Enumeration names ------------------------------------------------------ */

static const char *const law_type_names[PD_LAW_TYPE_COUNT] = {
	"law", "code", "decree", "sub-decree",
	"regulation", "policy", "strategy", "other"};
static const char *const law_status_names[PD_LAW_STATUS_COUNT] = {
	"in-force", "draft", "proposed", "repealed", "adopted", "amended",
	"unknown"};
static const char *const treaty_status_names[PD_TREATY_STATUS_COUNT] = {
	"party", "signatory", "not-party", "withdrawn", "unknown"};
static const char *const via_names[PD_VIA_COUNT] = {
	"", "ratification", "accession", "succession", "acceptance", "approval"};

static int lookup(const char *const *names, int n, const char *s, size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0 &&
		    len)
			return i;
	return -1;
}

const char *pd_law_type_name(pd_law_type t)
{
	return (unsigned)t < PD_LAW_TYPE_COUNT ? law_type_names[t] : "other";
}

int pd_law_type_lookup(const char *s, size_t len)
{
	return lookup(law_type_names, PD_LAW_TYPE_COUNT, s, len);
}

const char *pd_law_status_name(pd_law_status st)
{
	return (unsigned)st < PD_LAW_STATUS_COUNT ? law_status_names[st]
						   : "unknown";
}

int pd_law_status_lookup(const char *s, size_t len)
{
	return lookup(law_status_names, PD_LAW_STATUS_COUNT, s, len);
}

const char *pd_treaty_status_name(pd_treaty_status st)
{
	return (unsigned)st < PD_TREATY_STATUS_COUNT ? treaty_status_names[st]
						      : "unknown";
}

int pd_treaty_status_lookup(const char *s, size_t len)
{
	return lookup(treaty_status_names, PD_TREATY_STATUS_COUNT, s, len);
}

const char *pd_treaty_via_name(pd_treaty_via v)
{
	return (unsigned)v < PD_VIA_COUNT ? via_names[v] : "";
}

int pd_treaty_via_lookup(const char *s, size_t len)
{
	return lookup(via_names, PD_VIA_COUNT, s, len);
}

size_t pd_country_slug(const char *country, char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;
	const unsigned char *s;

	if (!size)
		return 0;
	for (s = (const unsigned char *)country; *s; s++) {
		int c = *s;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n && n + 1 < size)
				out[n++] = '-';
			dash = false;
			if (n + 1 < size)
				out[n++] = (char)c;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
	return n;
}
