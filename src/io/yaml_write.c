/*
 * yaml_write.c: the canonical YAML form of a profile.
 *
 * Keys come in one fixed order (schema, country, last_updated, sections,
 * laws, treaties, footnotes, lint), empty collections are left out, and
 * prose is folded near PD_YAML_WRAP columns so that line-based diffs of
 * profiles stay readable. `fmt` of any valid profile is therefore a fixed
 * point, and reading what this writes gives back an equal profile.
 *
 * Each scalar takes the simplest style that is exact for its text:
 *  - plain, when the text cannot be mistaken for anything else and fits on
 *    the key's line;
 *  - folded (`>-`), for prose: lines are broken only at a single space
 *    between two non-space characters, which YAML folds back into that one
 *    space;
 *  - double-quoted with escapes, for anything else (leading or trailing
 *    spaces, line breaks, characters YAML does not allow raw).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/text.h"
#include "profdiff/yaml.h"
#include "sort.h"

/* True for code points libyaml accepts raw in a stream (its IS_PRINTABLE)
 * and that are not line breaks, which YAML would fold or normalise. */
static bool printable(int32_t c)
{
	if (c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF)
		return false;
	return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* True when every code point of s is printable and not a tab. */
static bool all_printable(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t c;
		size_t n;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
			i++;
			continue;
		}
		n = pd_utf8_decode(s + i, len - i, &c);
		if (!printable(c) || (c == 0xFFFD && n == 1))
			return false;
		i += n;
	}
	return true;
}

static bool eq_ci(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return false;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 'a' - 'A');
		if (c != word[i])
			return false;
	}
	return true;
}

/* Words a YAML reader might take for null, a boolean or a number. */
static bool looks_typed(const char *s, size_t len)
{
	static const char *const words[] = {"null", "~",	 "true", "false",
					    "yes",  "no",	 "on",	 "off",
					    "y",    "n",	 ".inf", "-.inf",
					    ".nan", NULL};
	size_t i;

	for (i = 0; words[i]; i++)
		if (eq_ci(s, len, words[i]))
			return true;
	for (i = 0; i < len; i++)
		if (!strchr("0123456789+-.:_eEoOxX", s[i]))
			return false;
	return true;
}

/* True when `s` can be written as a plain scalar in block context and read
 * back as exactly the same string. Deliberately conservative. */
static bool plain_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
		return false;
	if (s[len - 1] == ':')
		return false;
	for (i = 0; i + 1 < len; i++) {
		if ((s[i] == ':' && s[i + 1] == ' ') ||
		    (s[i] == ' ' && s[i + 1] == '#'))
			return false;
	}
	if (looks_typed(s, len))
		return false;
	return all_printable(s, len);
}

static void indent(pd_buf *b, int n)
{
	while (n-- > 0)
		pd_buf_putc(b, ' ');
}

/* Appends `s` as a double-quoted scalar. Bytes that are not valid UTF-8
 * become U+FFFD: the model holds valid UTF-8, so this only guards. */
static void put_quoted(pd_buf *b, const char *s, size_t len)
{
	size_t i = 0;

	pd_buf_putc(b, '"');
	while (i < len) {
		unsigned char u = (unsigned char)s[i];
		int32_t c;
		size_t n;

		if (u >= 0x20 && u < 0x7F) {
			if (u == '"' || u == '\\')
				pd_buf_putc(b, '\\');
			pd_buf_putc(b, (char)u);
			i++;
			continue;
		}
		n = pd_utf8_decode(s + i, len - i, &c);
		if (c == '\n')
			pd_buf_puts(b, "\\n");
		else if (c == '\t')
			pd_buf_puts(b, "\\t");
		else if (c == '\r')
			pd_buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
			pd_buf_printf(b, "\\x%02X", (unsigned)c);
		else if (!printable(c) && c <= 0xFFFF)
			pd_buf_printf(b, "\\u%04X", (unsigned)c);
		else if (!printable(c))
			pd_buf_printf(b, "\\U%08X", (unsigned)c);
		else if (c == 0xFFFD && n == 1)
			pd_buf_puts(b, "\xEF\xBF\xBD");
		else
			pd_buf_put(b, s + i, n);
		i += n;
	}
	pd_buf_putc(b, '"');
}

/* A short value after "key: ": plain when safe, else double-quoted. */
static void put_scalar(pd_buf *b, const char *s)
{
	size_t len = strlen(s);

	if (plain_ok(s, len))
		pd_buf_put(b, s, len);
	else
		put_quoted(b, s, len);
}

static bool foldable(const char *s, size_t len)
{
	return len > 0 && s[0] != ' ' && s[len - 1] != ' ' &&
	       all_printable(s, len);
}

/* Appends text after a key or "- " that ends at column `used`. When it fits
 * on that line: plain if that is exact, else quoted. When it does not:
 * folded with content lines at `ind` if that is exact, else quoted. The
 * trailing comments `trail` (NULL: none) go at the end of the first line,
 * after the folded scalar's indicator. Ends with a newline. */
static void put_prose(pd_buf *b, const char *s, size_t len, int used, int ind,
		      const char *trail)
{
	size_t width = PD_YAML_WRAP > ind + 20 ? (size_t)(PD_YAML_WRAP - ind)
					       : 20;
	size_t start, i;

	if ((size_t)used + pd_utf8_width(s, len) <= PD_YAML_WRAP) {
		if (plain_ok(s, len))
			pd_buf_put(b, s, len);
		else
			put_quoted(b, s, len);
		if (trail)
			pd_buf_puts(b, trail);
		pd_buf_putc(b, '\n');
		return;
	}
	if (!foldable(s, len)) {
		put_quoted(b, s, len);
		if (trail)
			pd_buf_puts(b, trail);
		pd_buf_putc(b, '\n');
		return;
	}
	pd_buf_puts(b, ">-");
	if (trail)
		pd_buf_puts(b, trail);
	pd_buf_putc(b, '\n');
	start = 0;
	while (start < len) {
		size_t cols = 0, fit = 0, over = 0, brk;

		/* cols counts the code points of s[start..i): the length of
		 * the line if it were broken at i */
		for (i = start; i < len; i++) {
			unsigned char c = (unsigned char)s[i];

			if (c == ' ' && i > start && s[i - 1] != ' ' &&
			    i + 1 < len && s[i + 1] != ' ') {
				if (cols <= width) {
					fit = i;
				} else {
					over = i;
					break;
				}
			}
			if ((c & 0xC0) != 0x80)
				cols++;
			if (cols > width && fit)
				break;
		}
		brk = i >= len && cols <= width ? 0 : (fit ? fit : over);
		indent(b, ind);
		if (!brk) {
			pd_buf_put(b, s + start, len - start);
			pd_buf_putc(b, '\n');
			break;
		}
		pd_buf_put(b, s + start, brk - start);
		pd_buf_putc(b, '\n');
		start = brk + 1;
	}
}

/* Comments ------------------------------------------------------------------
 *
 * The writer keeps the path of the node it writes ("laws/1/cite"), as the
 * reader named the comments' anchors (yaml_comments.c). Before a node's
 * line go the comments anchored before it, and any left over from a node
 * that is gone (a law whose date was dropped, a paragraph past the last);
 * after its value, those trailing it. A node written on one line (a
 * treaty, a lint.ignore entry) takes the comments of what it holds too.
 * Whatever is left at the end (a key the profile no longer has) is
 * written there, and nothing is lost. Without comments none of this
 * runs: the path is not even kept.
 */
/* A comment's index with its anchor, to sort by anchor, then order. */
typedef struct anchored {
	const char *anchor;
	size_t i;
} anchored;

typedef struct wr {
	pd_buf *b;
	const pd_comment *c;
	size_t n;
	anchored *by_anchor;
	bool *done;
	pd_buf path;
	size_t *pending;   /* left over, to go before the next node */
	size_t npending;
	pd_buf trail;
} wr;

static int anchor_cmp(const void *x, const void *y)
{
	const anchored *a = x, *b = y;
	int c = strcmp(a->anchor, b->anchor);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

/* The first of by_anchor whose anchor is >= key (its first klen bytes). */
static size_t lower(const wr *w, const char *key, size_t klen)
{
	size_t lo = 0, hi = w->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(w->by_anchor[mid].anchor, key, klen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void put_comment(pd_buf *b, int ind, const pd_comment *c)
{
	size_t len = strcspn(c->text, "\r\n");

	indent(b, ind);
	pd_buf_putc(b, '#');
	pd_buf_put(b, c->text, len);
	pd_buf_putc(b, '\n');
}

/* Enters the node `fmt` under the current path; returns the mark to
 * leave it by. */
static size_t enter(wr *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static size_t enter(wr *w, const char *fmt, ...)
{
	size_t mark = w->path.len;
	va_list ap;

	if (!w->n)
		return 0;
	if (w->path.len)
		pd_buf_putc(&w->path, '/');
	va_start(ap, fmt);
	pd_buf_vprintf(&w->path, fmt, ap);
	va_end(ap);
	return mark;
}

/* Calls fn on each comment not yet written anchored at the current path
 * (`sub`: or under it), in the order of the file. */
static void each_at(wr *w, bool sub, void (*fn)(wr *, size_t, int), int ind)
{
	const char *key = pd_buf_cstr(&w->path);
	size_t klen = w->path.len, k;

	for (k = lower(w, key, klen); k < w->n; k++) {
		size_t i = w->by_anchor[k].i;
		const char *a = w->by_anchor[k].anchor;

		if (strncmp(a, key, klen) != 0)
			break;
		if (a[klen] && !(sub && a[klen] == '/'))
			continue;
		if (!w->done[i])
			fn(w, i, ind);
	}
}

static void write_before(wr *w, size_t i, int ind)
{
	if (w->c[i].place != PD_COMMENT_BEFORE)
		return;
	w->done[i] = true;
	put_comment(w->b, ind, &w->c[i]);
}

/* A trailing comment; one anchored inside a node written on one line
 * goes before it, at `ind`, when it does not trail. */
static void write_trail(wr *w, size_t i, int ind)
{
	(void)ind;
	if (w->c[i].place != PD_COMMENT_TRAILING)
		return;
	w->done[i] = true;
	pd_buf_puts(&w->trail, "  #");
	pd_buf_put(&w->trail, w->c[i].text, strcspn(w->c[i].text, "\r\n"));
}

static void flush_pending(wr *w, int ind)
{
	size_t k;

	for (k = 0; k < w->npending; k++)
		put_comment(w->b, ind, &w->c[w->pending[k]]);
	w->npending = 0;
}

/* The comments before the current node (and, `sub`, before what it
 * holds), at `ind`; then its trailing comments, kept in w->trail for the
 * end of its line: the string, or NULL when there is none. */
static const char *node(wr *w, int ind, bool sub)
{
	if (!w->n)
		return NULL;
	flush_pending(w, ind);
	each_at(w, sub, write_before, ind);
	pd_buf_clear(&w->trail);
	each_at(w, sub, write_trail, ind);
	return w->trail.len ? pd_buf_cstr(&w->trail) : NULL;
}

static void keep_pending(wr *w, size_t i, int ind)
{
	(void)ind;
	w->done[i] = true;
	w->pending[w->npending++] = i;
}

/* Leaves the node entered at `mark`: what is still anchored under it (a
 * node it no longer holds) goes before the next node written. */
static void leave(wr *w, size_t mark)
{
	if (!w->n)
		return;
	each_at(w, true, keep_pending, 0);
	w->path.len = mark;
	if (w->path.ptr)
		w->path.ptr[mark] = '\0';
}

/* "key:" on its own line, its comments around it. */
static void put_open(wr *w, int ind, const char *key)
{
	const char *t = node(w, ind, false);

	indent(w->b, ind);
	pd_buf_puts(w->b, key);
	pd_buf_putc(w->b, ':');
	if (t)
		pd_buf_puts(w->b, t);
	pd_buf_putc(w->b, '\n');
}

/* The profile ---------------------------------------------------------------- */

static void put_cites(pd_buf *b, const uint32_t *cite, size_t n)
{
	size_t i;

	pd_buf_putc(b, '[');
	for (i = 0; i < n; i++)
		pd_buf_printf(b, "%s%u", i ? ", " : "", (unsigned)cite[i]);
	pd_buf_putc(b, ']');
}

/* A set of footnotes: "7", "1-22", or "[3, 7, 10-12]". */
static void put_footnote_set(pd_buf *b, const pd_footnote_range *set,
			     size_t n)
{
	size_t i;

	if (n > 1)
		pd_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		pd_buf_printf(b, "%s%u", i ? ", " : "", (unsigned)set[i].lo);
		if (set[i].hi != set[i].lo)
			pd_buf_printf(b, "-%u", (unsigned)set[i].hi);
	}
	if (n > 1)
		pd_buf_putc(b, ']');
}

static void put_key(pd_buf *b, int ind, const char *key)
{
	indent(b, ind);
	pd_buf_puts(b, key);
	pd_buf_puts(b, ": ");
}

/* A "key: text" line at `ind`, its comments around it. */
static void put_text_key(wr *w, int ind, const char *key, const char *s,
			 int cont)
{
	size_t mark = enter(w, "%s", key);
	const char *t = node(w, ind, false);

	put_key(w->b, ind, key);
	put_prose(w->b, s, strlen(s), ind + (int)strlen(key) + 2, cont, t);
	leave(w, mark);
}

/* `ind` is the column of the section's "- ". Depth is bounded by the
 * schema (the reader and the importer enforce PD_MAX_SECTION_DEPTH). */
static void put_section(wr *w, const pd_section *s, int ind)
{
	pd_buf *b = w->b;
	size_t i, mark;
	const char *t;

	node(w, ind, false);
	mark = enter(w, "title");
	t = node(w, ind, false);
	indent(b, ind);
	pd_buf_puts(b, "- title: ");
	put_prose(b, s->title, strlen(s->title), ind + 9, ind + 4, t);
	leave(w, mark);
	if (s->subtitle)
		put_text_key(w, ind + 2, "subtitle", s->subtitle, ind + 4);
	if (s->nparagraphs) {
		size_t pm = enter(w, "paragraphs");

		put_open(w, ind + 2, "paragraphs");
		for (i = 0; i < s->nparagraphs; i++) {
			mark = enter(w, "%zu", i);
			t = node(w, ind + 4, false);
			indent(b, ind + 4);
			pd_buf_puts(b, "- ");
			put_prose(b, s->paragraphs[i].text,
				  s->paragraphs[i].len, ind + 6, ind + 6, t);
			leave(w, mark);
		}
		leave(w, pm);
	}
	if (s->nsections) {
		size_t sm = enter(w, "sections");

		put_open(w, ind + 2, "sections");
		for (i = 0; i < s->nsections; i++) {
			mark = enter(w, "%zu", i);
			put_section(w, &s->sections[i], ind + 4);
			leave(w, mark);
		}
		leave(w, sm);
	}
}

/* A "key: value" line at `ind` of a value written as it is. */
static void put_line(wr *w, int ind, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void put_line(wr *w, int ind, const char *key, const char *fmt, ...)
{
	size_t mark = enter(w, "%s", key);
	const char *t = node(w, ind, false);
	va_list ap;

	put_key(w->b, ind, key);
	va_start(ap, fmt);
	pd_buf_vprintf(w->b, fmt, ap);
	va_end(ap);
	if (t)
		pd_buf_puts(w->b, t);
	pd_buf_putc(w->b, '\n');
	leave(w, mark);
}

static void put_law(wr *w, const pd_law *law)
{
	pd_buf *b = w->b;
	size_t i, mark;
	const char *t;

	node(w, 2, false);
	mark = enter(w, "name");
	t = node(w, 2, false);
	pd_buf_puts(b, "  - name: ");
	put_prose(b, law->name, strlen(law->name), 10, 6, t);
	leave(w, mark);
	if (law->short_name)
		put_text_key(w, 4, "short", law->short_name, 6);
	if (law->naka) {
		size_t am = enter(w, "aka");

		put_open(w, 4, "aka");
		for (i = 0; i < law->naka; i++) {
			mark = enter(w, "%zu", i);
			t = node(w, 6, false);
			pd_buf_puts(b, "      - ");
			put_prose(b, law->aka[i], strlen(law->aka[i]), 8, 8, t);
			leave(w, mark);
		}
		leave(w, am);
	}
	if (law->year)
		put_line(w, 4, "year", "%d", law->year);
	put_line(w, 4, "type", "%s", pd_law_type_name(law->type));
	put_line(w, 4, "status", "%s", pd_law_status_name(law->status));
	if (law->date.year) {
		char date[11];

		pd_date_format(law->date, date);
		put_line(w, 4, "date", "%s", date);
	}
	if (law->replaced_by)
		put_text_key(w, 4, "replaced_by", law->replaced_by, 6);
	if (law->ncite) {
		mark = enter(w, "cite");
		t = node(w, 4, false);
		put_key(b, 4, "cite");
		put_cites(b, law->cite, law->ncite);
		if (t)
			pd_buf_puts(b, t);
		pd_buf_putc(b, '\n');
		leave(w, mark);
	}
}

static void put_treaty(wr *w, const pd_treaty *t)
{
	pd_buf *b = w->b;
	const char *tr = node(w, 2, true);
	char date[11];

	indent(b, 2);
	put_scalar(b, t->id);
	pd_buf_puts(b, ": ");
	if (t->via == PD_VIA_NONE && !t->date.year && !t->ncite &&
	    !t->reserved) {
		pd_buf_puts(b, pd_treaty_status_name(t->status));
	} else {
		pd_buf_printf(b, "{status: %s",
			      pd_treaty_status_name(t->status));
		if (t->via != PD_VIA_NONE)
			pd_buf_printf(b, ", via: %s",
				      pd_treaty_via_name(t->via));
		if (t->date.year) {
			pd_date_format(t->date, date);
			pd_buf_printf(b, ", date: %s", date);
		}
		if (t->reserved) {
			if (t->reservation.year)
				pd_date_format(t->reservation, date);
			pd_buf_printf(b, ", reservation: %s",
				      t->reservation.year ? date : "true");
		}
		if (t->ncite) {
			pd_buf_puts(b, ", cite: ");
			put_cites(b, t->cite, t->ncite);
		}
		pd_buf_putc(b, '}');
	}
	if (tr)
		pd_buf_puts(b, tr);
	pd_buf_putc(b, '\n');
}

static void put_ignore(wr *w, const pd_ignore *ig)
{
	pd_buf *b = w->b;
	const char *tr = node(w, 4, true);

	pd_buf_puts(b, "    - ");
	if (!ig->nfootnotes && !ig->text) {
		pd_buf_puts(b, ig->rule);
	} else {
		pd_buf_printf(b, "{rule: %s", ig->rule);
		if (ig->nfootnotes) {
			pd_buf_puts(b, ", footnote: ");
			put_footnote_set(b, ig->footnotes, ig->nfootnotes);
		}
		if (ig->text) {
			pd_buf_puts(b, ", text: ");
			put_quoted(b, ig->text, strlen(ig->text));
		}
		pd_buf_putc(b, '}');
	}
	if (tr)
		pd_buf_puts(b, tr);
	pd_buf_putc(b, '\n');
}

static void put_place(wr *w, pd_comment_place place)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->c[i].place == place) {
			w->done[i] = true;
			put_comment(w->b, 0, &w->c[i]);
		}
}

static void put_profile(wr *w, const pd_profile *p)
{
	pd_buf *b = w->b;
	char date[11];
	size_t i, mark, km;

	put_place(w, PD_COMMENT_HEAD);
	put_line(w, 0, "schema", "%d", p->schema);
	put_text_key(w, 0, "country", p->country ? p->country : "", 2);
	if (p->last_updated.year) {
		pd_date_format(p->last_updated, date);
		put_line(w, 0, "last_updated", "%s", date);
	}
	if (p->nsections) {
		km = enter(w, "sections");
		put_open(w, 0, "sections");
		for (i = 0; i < p->nsections; i++) {
			mark = enter(w, "%zu", i);
			put_section(w, &p->sections[i], 2);
			leave(w, mark);
		}
		leave(w, km);
	}
	if (p->nlaws) {
		km = enter(w, "laws");
		put_open(w, 0, "laws");
		for (i = 0; i < p->nlaws; i++) {
			mark = enter(w, "%zu", i);
			put_law(w, &p->laws[i]);
			leave(w, mark);
		}
		leave(w, km);
	}
	if (p->ntreaties) {
		km = enter(w, "treaties");
		put_open(w, 0, "treaties");
		for (i = 0; i < p->ntreaties; i++) {
			mark = enter(w, "%s", p->treaties[i].id);
			put_treaty(w, &p->treaties[i]);
			leave(w, mark);
		}
		leave(w, km);
	}
	if (p->nfootnotes) {
		km = enter(w, "footnotes");
		put_open(w, 0, "footnotes");
		for (i = 0; i < p->nfootnotes; i++) {
			const pd_footnote *f = &p->footnotes[i];
			char key[16];
			int n = snprintf(key, sizeof(key), "  %u: ",
					 (unsigned)f->number);
			const char *t;

			mark = enter(w, "%u", (unsigned)f->number);
			t = node(w, 2, false);
			pd_buf_puts(b, key);
			put_prose(b, f->text, f->len, n, 4, t);
			leave(w, mark);
		}
		leave(w, km);
	}
	if (p->ncited_elsewhere) {
		const char *t;

		km = enter(w, "footnotes_cited_elsewhere");
		t = node(w, 0, false);
		put_key(b, 0, "footnotes_cited_elsewhere");
		put_footnote_set(b, p->cited_elsewhere, p->ncited_elsewhere);
		if (t)
			pd_buf_puts(b, t);
		pd_buf_putc(b, '\n');
		leave(w, km);
	}
	if (p->nignores) {
		km = enter(w, "lint");
		put_open(w, 0, "lint");
		mark = enter(w, "ignore");
		put_open(w, 2, "ignore");
		for (i = 0; i < p->nignores; i++) {
			size_t im = enter(w, "%zu", i);

			put_ignore(w, &p->ignores[i]);
			leave(w, im);
		}
		leave(w, mark);
		leave(w, km);
	}
	/* what no node took: the keys the profile no longer has */
	flush_pending(w, 0);
	for (i = 0; i < w->n; i++)
		if (!w->done[i] && w->c[i].place != PD_COMMENT_END) {
			w->done[i] = true;
			put_comment(b, 0, &w->c[i]);
		}
	put_place(w, PD_COMMENT_END);
}

int pd_yaml_write(pd_buf *b, const pd_profile *p)
{
	wr w;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.b = b;
	if (p->ncomments) {
		w.by_anchor = malloc(p->ncomments * sizeof(*w.by_anchor));
		w.pending = malloc(p->ncomments * sizeof(*w.pending));
		w.done = calloc(p->ncomments, sizeof(*w.done));
		if (!w.by_anchor || !w.pending || !w.done) {
			free(w.by_anchor);
			free(w.pending);
			free(w.done);
			return pd_error_oom();
		}
		for (i = 0; i < p->ncomments; i++) {
			w.by_anchor[i].anchor = p->comments[i].anchor;
			w.by_anchor[i].i = i;
		}
		pd_qsort(w.by_anchor, p->ncomments, sizeof(*w.by_anchor),
		      anchor_cmp);
		w.c = p->comments;
		w.n = p->ncomments;
	}
	put_profile(&w, p);
	free(w.by_anchor);
	free(w.pending);
	free(w.done);
	pd_buf_free(&w.path);
	pd_buf_free(&w.trail);
	if (pd_buf_ok(b) < 0)
		return PD_ENOMEM;
	return 0;
}
