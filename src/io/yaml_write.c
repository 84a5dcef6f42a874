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
#include <stdio.h>
#include <string.h>

#include "profdiff/text.h"
#include "profdiff/yaml.h"

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
 * folded with content lines at `ind` if that is exact, else quoted. Ends
 * with a newline. */
static void put_prose(pd_buf *b, const char *s, size_t len, int used, int ind)
{
	size_t width = PD_YAML_WRAP > ind + 20 ? (size_t)(PD_YAML_WRAP - ind)
					       : 20;
	size_t start, i;

	if ((size_t)used + pd_utf8_width(s, len) <= PD_YAML_WRAP) {
		if (plain_ok(s, len))
			pd_buf_put(b, s, len);
		else
			put_quoted(b, s, len);
		pd_buf_putc(b, '\n');
		return;
	}
	if (!foldable(s, len)) {
		put_quoted(b, s, len);
		pd_buf_putc(b, '\n');
		return;
	}
	pd_buf_puts(b, ">-\n");
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

/* `ind` is the column of the section's "- ". Depth is bounded by the
 * schema (the reader and the importer enforce PD_MAX_SECTION_DEPTH). */
static void put_section(pd_buf *b, const pd_section *s, int ind)
{
	size_t i;

	indent(b, ind);
	pd_buf_puts(b, "- title: ");
	put_prose(b, s->title, strlen(s->title), ind + 9, ind + 4);
	if (s->subtitle) {
		put_key(b, ind + 2, "subtitle");
		put_prose(b, s->subtitle, strlen(s->subtitle), ind + 12,
			  ind + 4);
	}
	if (s->nparagraphs) {
		indent(b, ind + 2);
		pd_buf_puts(b, "paragraphs:\n");
		for (i = 0; i < s->nparagraphs; i++) {
			indent(b, ind + 4);
			pd_buf_puts(b, "- ");
			put_prose(b, s->paragraphs[i].text,
				  s->paragraphs[i].len, ind + 6, ind + 6);
		}
	}
	if (s->nsections) {
		indent(b, ind + 2);
		pd_buf_puts(b, "sections:\n");
		for (i = 0; i < s->nsections; i++)
			put_section(b, &s->sections[i], ind + 4);
	}
}

static void put_law(pd_buf *b, const pd_law *law)
{
	size_t i;

	pd_buf_puts(b, "  - name: ");
	put_prose(b, law->name, strlen(law->name), 10, 6);
	if (law->short_name) {
		put_key(b, 4, "short");
		put_prose(b, law->short_name, strlen(law->short_name), 11, 6);
	}
	if (law->naka) {
		pd_buf_puts(b, "    aka:\n");
		for (i = 0; i < law->naka; i++) {
			pd_buf_puts(b, "      - ");
			put_prose(b, law->aka[i], strlen(law->aka[i]), 8, 8);
		}
	}
	if (law->year)
		pd_buf_printf(b, "    year: %d\n", law->year);
	pd_buf_printf(b, "    type: %s\n", pd_law_type_name(law->type));
	pd_buf_printf(b, "    status: %s\n", pd_law_status_name(law->status));
	if (law->date.year) {
		char date[11];

		pd_date_format(law->date, date);
		pd_buf_printf(b, "    date: %s\n", date);
	}
	if (law->replaced_by) {
		put_key(b, 4, "replaced_by");
		put_prose(b, law->replaced_by, strlen(law->replaced_by), 17, 6);
	}
	if (law->ncite) {
		put_key(b, 4, "cite");
		put_cites(b, law->cite, law->ncite);
		pd_buf_putc(b, '\n');
	}
}

static void put_treaty(pd_buf *b, const pd_treaty *t)
{
	char date[11];

	indent(b, 2);
	put_scalar(b, t->id);
	pd_buf_puts(b, ": ");
	if (t->via == PD_VIA_NONE && !t->date.year && !t->ncite) {
		pd_buf_printf(b, "%s\n", pd_treaty_status_name(t->status));
		return;
	}
	pd_buf_printf(b, "{status: %s", pd_treaty_status_name(t->status));
	if (t->via != PD_VIA_NONE)
		pd_buf_printf(b, ", via: %s", pd_treaty_via_name(t->via));
	if (t->date.year) {
		pd_date_format(t->date, date);
		pd_buf_printf(b, ", date: %s", date);
	}
	if (t->ncite) {
		pd_buf_puts(b, ", cite: ");
		put_cites(b, t->cite, t->ncite);
	}
	pd_buf_puts(b, "}\n");
}

static void put_ignore(pd_buf *b, const pd_ignore *ig)
{
	pd_buf_puts(b, "    - ");
	if (!ig->nfootnotes && !ig->text) {
		pd_buf_printf(b, "%s\n", ig->rule);
		return;
	}
	pd_buf_printf(b, "{rule: %s", ig->rule);
	if (ig->nfootnotes) {
		pd_buf_puts(b, ", footnote: ");
		put_footnote_set(b, ig->footnotes, ig->nfootnotes);
	}
	if (ig->text) {
		pd_buf_puts(b, ", text: ");
		put_quoted(b, ig->text, strlen(ig->text));
	}
	pd_buf_puts(b, "}\n");
}

int pd_yaml_write(pd_buf *b, const pd_profile *p)
{
	char date[11];
	size_t i;

	pd_buf_printf(b, "schema: %d\n", p->schema);
	pd_buf_puts(b, "country: ");
	put_prose(b, p->country ? p->country : "",
		  p->country ? strlen(p->country) : 0, 9, 2);
	if (p->last_updated.year) {
		pd_date_format(p->last_updated, date);
		pd_buf_printf(b, "last_updated: %s\n", date);
	}
	if (p->nsections) {
		pd_buf_puts(b, "sections:\n");
		for (i = 0; i < p->nsections; i++)
			put_section(b, &p->sections[i], 2);
	}
	if (p->nlaws) {
		pd_buf_puts(b, "laws:\n");
		for (i = 0; i < p->nlaws; i++)
			put_law(b, &p->laws[i]);
	}
	if (p->ntreaties) {
		pd_buf_puts(b, "treaties:\n");
		for (i = 0; i < p->ntreaties; i++)
			put_treaty(b, &p->treaties[i]);
	}
	if (p->nfootnotes) {
		pd_buf_puts(b, "footnotes:\n");
		for (i = 0; i < p->nfootnotes; i++) {
			const pd_footnote *f = &p->footnotes[i];
			char key[16];
			int n = snprintf(key, sizeof(key), "  %u: ",
					 (unsigned)f->number);

			pd_buf_puts(b, key);
			put_prose(b, f->text, f->len, n, 4);
		}
	}
	if (p->ncited_elsewhere) {
		pd_buf_puts(b, "footnotes_cited_elsewhere: ");
		put_footnote_set(b, p->cited_elsewhere, p->ncited_elsewhere);
		pd_buf_putc(b, '\n');
	}
	if (p->nignores) {
		pd_buf_puts(b, "lint:\n  ignore:\n");
		for (i = 0; i < p->nignores; i++)
			put_ignore(b, &p->ignores[i]);
	}
	return pd_buf_ok(b);
}
