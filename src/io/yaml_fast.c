/*
 * yaml_fast.c: the events of a YAML file in the form profdiff writes,
 * without libyaml (see yaml_fast.h).
 *
 * The text is split into lines first; every line must end with a line
 * feed, hold something other than spaces, and not end with a space. The
 * structure is then read line by line:
 *
 *   mapping(n)   lines at indent n of `key: value`, `key: >-` or `key:`
 *                followed by a mapping or a sequence indented further;
 *   sequence(n)  lines at indent n of `- value` or `- key: ...`, the
 *                latter opening a mapping at n + 2;
 *   value        `>-` and lines of one indent deeper than the collection,
 *                "double-quoted" on one line, {flow: mapping} or [flow,
 *                sequence] on one line, or a plain scalar to the end of
 *                the line.
 *
 * Each function returns false to decline (or on exhausted memory, which
 * sets `oom`): nothing here reports errors, libyaml does.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "profdiff/error.h"
#include "profdiff/text.h"
#include "yaml_fast.h"

#define YF_MAX_DEPTH 64
#define YF_MAX_KEY 1024 /* libyaml's longest simple key */

typedef struct yf_line {
	size_t start, end; /* [start, end): the line less its line feed */
	size_t indent;
} yf_line;

typedef struct scanner {
	const char *d;
	yf_line *lines;
	size_t nlines;
	size_t cur; /* the line being read */
	int depth;
	bool flow; /* in a flow collection */
	bool oom;
	yf_stream *out;
} scanner;

/* Events and values -------------------------------------------------------- */

static bool grow(scanner *sc, void **p, size_t *cap, size_t need,
		 size_t elem)
{
	void *g;

	if (need <= *cap)
		return true;
	if (!(g = pd_grow_realloc(NULL, *p, cap, elem, need))) {
		sc->oom = true;
		return false;
	}
	*p = g;
	return true;
}

static bool val_put(scanner *sc, const char *s, size_t n)
{
	yf_stream *o = sc->out;

	if (!grow(sc, (void **)&o->vals, &o->vcap, o->vlen + n + 1, 1))
		return false;
	memcpy(o->vals + o->vlen, s, n);
	o->vlen += n;
	return true;
}

/* Column of byte `p` of line `l`, in code points. */
static uint32_t col_of(const scanner *sc, size_t l, size_t p)
{
	size_t i;
	uint32_t c = 0;

	/* before a block node on its line come only spaces, "- " and keys,
	 * all ASCII: a byte a column */
	if (!sc->flow)
		return (uint32_t)(p - sc->lines[l].start);
	for (i = sc->lines[l].start; i < p; i++)
		if (((unsigned char)sc->d[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static yf_event *emit(scanner *sc, yaml_event_type_t type, size_t line,
		      uint32_t col)
{
	yf_stream *o = sc->out;
	yf_event *e;

	if (!grow(sc, (void **)&o->ev, &o->cap, o->n + 1, sizeof(*o->ev)))
		return NULL;
	e = &o->ev[o->n++];
	memset(e, 0, sizeof(*e));
	e->type = (uint8_t)type;
	e->line = (uint32_t)line;
	e->col = col;
	return e;
}

/* A scalar whose value is appended by the caller, then closed by
 * scalar_end(). */
static yf_event *scalar_begin(scanner *sc, size_t line, size_t p,
			      yaml_scalar_style_t style)
{
	yf_event *e = emit(sc, YAML_SCALAR_EVENT, line, col_of(sc, line, p));

	if (e) {
		e->style = (uint8_t)style;
		e->off = sc->out->vlen;
	}
	return e;
}

static bool scalar_end(scanner *sc)
{
	yf_stream *o = sc->out;
	yf_event *e = &o->ev[o->n - 1];

	if (!val_put(sc, "", 0))
		return false;
	o->vals[o->vlen++] = '\0';
	e->len = o->vlen - 1 - e->off;
	return true;
}

static bool plain_scalar(scanner *sc, size_t line, size_t from, size_t to)
{
	return scalar_begin(sc, line, from, YAML_PLAIN_SCALAR_STYLE) &&
	       val_put(sc, sc->d + from, to - from) && scalar_end(sc);
}

/* Where the next token is: the end mark of the collections it closes. */
static bool end_event(scanner *sc, yaml_event_type_t type)
{
	if (sc->cur < sc->nlines)
		return emit(sc, type, sc->cur,
			    (uint32_t)sc->lines[sc->cur].indent) != NULL;
	return emit(sc, type, sc->nlines, 0) != NULL;
}

/* Lexical pieces ------------------------------------------------------------ */

/* What each byte may be of a key or a word: a table, as every byte of
 * every key is asked. KC_FIRST: opens one (a-z, A-Z, 0-9, _); KC_KEY:
 * goes on a key (those and -); KC_WORD: goes on a word (those, - and .).
 * Bytes from 0x80 are none. */
enum { KC_FIRST = 1, KC_KEY = 2, KC_WORD = 4 };

static const unsigned char key_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 4, 0,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0,
	0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 7,
	0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
	7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0,
};

static bool key_char(char c)
{
	return key_class[(unsigned char)c] & KC_FIRST;
}

/* A plain word of a flow collection: "party", "2024-01-31", "15". */
static size_t word_end(const char *d, size_t p, size_t end)
{
	size_t i = p;

	if (i >= end || !key_char(d[i]))
		return 0;
	while (i < end && (key_class[(unsigned char)d[i]] & KC_WORD))
		i++;
	return i;
}

/* The ':' of a block key at p (`key:` at the end of the line or before a
 * single space and a value), or 0. */
static size_t key_end(const char *d, size_t p, size_t end)
{
	size_t i = p;

	if (i >= end || !key_char(d[i]))
		return 0;
	while (i < end && (key_class[(unsigned char)d[i]] & KC_KEY))
		i++;
	if (i >= end || d[i] != ':' || i - p > YF_MAX_KEY)
		return 0;
	if (i + 1 == end)
		return i;
	if (d[i + 1] != ' ' || i + 2 >= end || d[i + 2] == ' ')
		return 0;
	return i;
}

/* "- " and an item at p. */
static bool is_item(const char *d, size_t p, size_t end)
{
	return p + 2 < end && d[p] == '-' && d[p + 1] == ' ' && d[p + 2] != ' ';
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool put_code_point(scanner *sc, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return val_put(sc, u, n);
}

/* A double-quoted scalar opening at p and closing on the same line; *after
 * is the byte after the closing quote. */
static bool dquoted(scanner *sc, size_t p, size_t end, size_t *after)
{
	const char *d = sc->d;
	size_t i = p + 1, from;

	if (!scalar_begin(sc, sc->cur, p, YAML_DOUBLE_QUOTED_SCALAR_STYLE))
		return false;
	for (;;) {
		uint32_t c = 0;
		int k, digits = 0;

		from = i;
		while (i < end && d[i] != '"' && d[i] != '\\')
			i++;
		if (!val_put(sc, d + from, i - from))
			return false;
		if (i >= end)
			return false; /* continues on the next line */
		if (d[i] == '"')
			break;
		if (i + 1 >= end)
			return false;
		switch (d[i + 1]) {
		case '0': c = 0; break;
		case 'a': c = 0x07; break;
		case 'b': c = 0x08; break;
		case 't': c = 0x09; break;
		case 'n': c = 0x0A; break;
		case 'v': c = 0x0B; break;
		case 'f': c = 0x0C; break;
		case 'r': c = 0x0D; break;
		case 'e': c = 0x1B; break;
		case ' ': c = ' '; break;
		case '"': c = '"'; break;
		case '/': c = '/'; break;
		case '\\': c = '\\'; break;
		case 'N': c = 0x85; break;
		case '_': c = 0xA0; break;
		case 'L': c = 0x2028; break;
		case 'P': c = 0x2029; break;
		case 'x': digits = 2; break;
		case 'u': digits = 4; break;
		case 'U': digits = 8; break;
		default:
			return false;
		}
		i += 2;
		if (digits) {
			if (end - i < (size_t)digits)
				return false;
			for (k = 0; k < digits; k++) {
				int h = hex(d[i + (size_t)k]);

				if (h < 0)
					return false;
				c = c * 16 + (uint32_t)h;
			}
			i += (size_t)digits;
			if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
				return false;
		}
		if (!put_code_point(sc, c))
			return false;
	}
	*after = i + 1;
	return scalar_end(sc);
}

/* A flow item: a word or a double-quoted scalar. */
static bool flow_scalar(scanner *sc, size_t p, size_t end, size_t *after)
{
	size_t e;

	if (p < end && sc->d[p] == '"')
		return dquoted(sc, p, end, after);
	if (!(e = word_end(sc->d, p, end)))
		return false;
	*after = e;
	return plain_scalar(sc, sc->cur, p, e);
}

/* [a, b] on one line, from p. */
static bool flow_sequence(scanner *sc, size_t p, size_t end, size_t *after)
{
	const char *d = sc->d;
	size_t i = p + 1;

	if (!emit(sc, YAML_SEQUENCE_START_EVENT, sc->cur, col_of(sc, sc->cur, p)))
		return false;
	if (i < end && d[i] != ']') {
		for (;;) {
			if (!flow_scalar(sc, i, end, &i))
				return false;
			if (i < end && d[i] == ']')
				break;
			if (i + 2 >= end || d[i] != ',' || d[i + 1] != ' ')
				return false;
			i += 2;
		}
	}
	if (i >= end)
		return false;
	*after = i + 1;
	return emit(sc, YAML_SEQUENCE_END_EVENT, sc->cur,
		    col_of(sc, sc->cur, i)) != NULL;
}

/* {key: value, key: [a, b]} on one line, from p. */
static bool flow_mapping(scanner *sc, size_t p, size_t end, size_t *after)
{
	const char *d = sc->d;
	size_t i = p + 1, k;

	if (!emit(sc, YAML_MAPPING_START_EVENT, sc->cur, col_of(sc, sc->cur, p)))
		return false;
	for (;;) {
		if (!(k = word_end(d, i, end)) || k - i > YF_MAX_KEY ||
		    k + 2 >= end || d[k] != ':' ||
		    d[k + 1] != ' ' || !plain_scalar(sc, sc->cur, i, k))
			return false;
		i = k + 2;
		if (d[i] == '[') {
			if (!flow_sequence(sc, i, end, &i))
				return false;
		} else if (!flow_scalar(sc, i, end, &i)) {
			return false;
		}
		if (i < end && d[i] == '}')
			break;
		if (i + 2 >= end || d[i] != ',' || d[i + 1] != ' ')
			return false;
		i += 2;
	}
	*after = i + 1;
	return emit(sc, YAML_MAPPING_END_EVENT, sc->cur,
		    col_of(sc, sc->cur, i)) != NULL;
}

/* `>-` at p, then its content lines, indented deeper than `parent`. */
static bool folded(scanner *sc, size_t p, size_t parent)
{
	const char *d = sc->d;
	size_t c;
	bool first = true;

	if (!scalar_begin(sc, sc->cur, p, YAML_FOLDED_SCALAR_STYLE))
		return false;
	sc->cur++;
	if (sc->cur >= sc->nlines || (c = sc->lines[sc->cur].indent) <= parent)
		return false;
	while (sc->cur < sc->nlines && sc->lines[sc->cur].indent >= c) {
		const yf_line *l = &sc->lines[sc->cur];

		if (l->indent > c)
			return false; /* more indented: kept, not folded */
		if ((!first && !val_put(sc, " ", 1)) ||
		    !val_put(sc, d + l->start + c, l->end - l->start - c))
			return false;
		first = false;
		sc->cur++;
	}
	return scalar_end(sc);
}

/* Characters that cannot open a plain scalar. */
static bool indicator(char c)
{
	return strchr("-?:,[]{}#&*!|>'\"%@`", c) != NULL;
}

/* A value at p of the current line, in a collection at `parent`; the
 * current line moves past it. */
static bool value(scanner *sc, size_t p, size_t parent)
{
	const yf_line *l = &sc->lines[sc->cur];
	const char *d = sc->d, *q;
	size_t after = 0, i;
	bool ok;

	switch (d[p]) {
	case '>':
		return p + 2 == l->end && d[p + 1] == '-' &&
		       folded(sc, p, parent);
	case '"':
		ok = dquoted(sc, p, l->end, &after);
		break;
	case '{':
		sc->flow = true;
		ok = flow_mapping(sc, p, l->end, &after);
		sc->flow = false;
		break;
	case '[':
		sc->flow = true;
		ok = flow_sequence(sc, p, l->end, &after);
		sc->flow = false;
		break;
	default:
		if (indicator(d[p]) || d[l->end - 1] == ':')
			return false;
		/* ": " and " #" end a plain scalar: found by their rarer
		 * byte, not byte by byte */
		for (i = p; (q = memchr(d + i, ':', l->end - 1 - i));
		     i = (size_t)(q - d) + 1)
			if (q[1] == ' ')
				return false;
		for (i = p + 1; (q = memchr(d + i, '#', l->end - i));
		     i = (size_t)(q - d) + 1)
			if (q[-1] == ' ')
				return false;
		ok = plain_scalar(sc, sc->cur, p, l->end);
		after = l->end;
		break;
	}
	if (!ok || after != l->end)
		return false;
	sc->cur++;
	return true;
}

/* Collections --------------------------------------------------------------- */

static bool sequence(scanner *sc, size_t n);

/* A block mapping at indent n whose first key is at byte p of the current
 * line. */
static bool mapping(scanner *sc, size_t n, size_t p)
{
	const char *d = sc->d;

	if (++sc->depth > YF_MAX_DEPTH ||
	    !emit(sc, YAML_MAPPING_START_EVENT, sc->cur,
		  col_of(sc, sc->cur, p)))
		return false;
	for (;;) {
		const yf_line *l = &sc->lines[sc->cur];
		size_t k = key_end(d, p, l->end);

		if (!k || !plain_scalar(sc, sc->cur, p, k))
			return false;
		if (k + 1 == l->end) {
			/* `key:` and a collection on the lines below */
			size_t m, q;

			if (++sc->cur >= sc->nlines ||
			    (m = sc->lines[sc->cur].indent) <= n)
				return false;
			l = &sc->lines[sc->cur];
			q = l->start + m;
			if (is_item(d, q, l->end)) {
				if (!sequence(sc, m))
					return false;
			} else if (!mapping(sc, m, q)) {
				return false;
			}
		} else if (!value(sc, k + 2, n)) {
			return false;
		}
		if (sc->cur >= sc->nlines || sc->lines[sc->cur].indent < n)
			break;
		if (sc->lines[sc->cur].indent > n)
			return false;
		p = sc->lines[sc->cur].start + n;
	}
	sc->depth--;
	return end_event(sc, YAML_MAPPING_END_EVENT);
}

/* A block sequence whose first `- ` is at indent n of the current line. */
static bool sequence(scanner *sc, size_t n)
{
	const char *d = sc->d;

	if (++sc->depth > YF_MAX_DEPTH ||
	    !emit(sc, YAML_SEQUENCE_START_EVENT, sc->cur, (uint32_t)n))
		return false;
	for (;;) {
		const yf_line *l = &sc->lines[sc->cur];
		size_t q = l->start + n + 2;

		if (!is_item(d, l->start + n, l->end))
			return false;
		if (key_end(d, q, l->end)) {
			if (!mapping(sc, n + 2, q))
				return false;
		} else if (!value(sc, q, n)) {
			return false;
		}
		if (sc->cur >= sc->nlines || sc->lines[sc->cur].indent < n)
			break;
		if (sc->lines[sc->cur].indent > n)
			return false;
	}
	sc->depth--;
	return end_event(sc, YAML_SEQUENCE_END_EVENT);
}

/* The text ------------------------------------------------------------------ */

/* Characters libyaml reads as themselves everywhere: printable ASCII, the
 * line feed, and printable non-ASCII code points other than its line
 * breaks (U+0085, U+2028, U+2029) and U+FEFF. */
static bool plain_char(int32_t c)
{
	return c == '\n' ||
	       (c >= 0xA0 && c != 0x2028 && c != 0x2029 && c != 0xFEFF &&
		!(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF &&
		c <= 0x10FFFF);
}

static bool split_lines(scanner *sc, const char *d, size_t len)
{
	size_t n = 0, cap = 0, i = 0;

	if (len == 0 || d[len - 1] != '\n')
		return false;
	/* lines of profdiff's form run some 40 bytes and more: room for
	 * them all at once, as for the events and values below */
	if (!grow(sc, (void **)&sc->lines, &cap, len / 32 + 16,
		  sizeof(*sc->lines)))
		return false;
	while (i < len) {
		const char *nl = memchr(d + i, '\n', len - i);
		size_t end = (size_t)(nl - d), ind = 0;
		yf_line *l;
		uint64_t w;

		/* indents run to a dozen spaces and more: eight at a time */
		while (end - i - ind >= 8) {
			memcpy(&w, d + i + ind, 8);
			if ((w ^= 0x2020202020202020u)) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
				/* the first byte that is not a space */
				ind += (size_t)__builtin_ctzll(w) / 8;
#endif
				break;
			}
			ind += 8;
		}
		while (i + ind < end && d[i + ind] == ' ')
			ind++;
		if (i + ind == end || d[end - 1] == ' ')
			return false; /* blank, or a trailing space */
		if (!grow(sc, (void **)&sc->lines, &cap, n + 1,
			  sizeof(*sc->lines)))
			return false;
		l = &sc->lines[n++];
		l->start = i;
		l->end = end;
		l->indent = ind;
		i = end + 1;
	}
	sc->nlines = n;
	return true;
}

static bool document(scanner *sc)
{
	const yf_line *l = &sc->lines[0];

	if (!emit(sc, YAML_STREAM_START_EVENT, 0, 0) ||
	    !emit(sc, YAML_DOCUMENT_START_EVENT, 0, 0))
		return false;
	if (l->indent != 0 || !mapping(sc, 0, l->start) ||
	    sc->cur != sc->nlines)
		return false;
	return emit(sc, YAML_DOCUMENT_END_EVENT, sc->nlines, 0) &&
	       emit(sc, YAML_STREAM_END_EVENT, sc->nlines, 0);
}

int pd_yf_scan(yf_stream *s, const char *data, size_t len)
{
	scanner sc;
	bool ok;

	memset(s, 0, sizeof(*s));
	memset(&sc, 0, sizeof(sc));
	sc.d = data;
	sc.out = s;
	/* values are at most the text and a NUL each (an escape may make
	 * more, and the buffers then grow); two events a line or so */
	ok = pd_utf8_span(data, len, plain_char) == len &&
	     split_lines(&sc, data, len) &&
	     grow(&sc, (void **)&s->vals, &s->vcap, len + 64, 1) &&
	     grow(&sc, (void **)&s->ev, &s->cap, 2 * sc.nlines + 16,
		  sizeof(*s->ev)) &&
	     document(&sc);
	if (ok && !(s->line_starts = malloc((sc.nlines + 1) *
					    sizeof(*s->line_starts)))) {
		sc.oom = true;
		ok = false;
	}
	if (ok) {
		size_t i;

		for (i = 0; i < sc.nlines; i++)
			s->line_starts[i] = sc.lines[i].start;
		s->line_starts[i] = len;
		s->nlines = sc.nlines + 1;
	}
	free(sc.lines);
	if (ok)
		return 1;
	pd_yf_free(s);
	return sc.oom ? pd_error_oom() : 0;
}

void pd_yf_free(yf_stream *s)
{
	free(s->ev);
	free(s->vals);
	free(s->line_starts);
	memset(s, 0, sizeof(*s));
}

bool pd_yf_next(yf_stream *s, yaml_event_t *ev)
{
	const yf_event *e;

	if (s->next >= s->n)
		return false;
	e = &s->ev[s->next++];
	/* member by member: a memset of the whole event, padding and all,
	 * is a string store, dear for its hundred bytes */
	ev->type = (yaml_event_type_t)e->type;
	memset(&ev->data, 0, sizeof(ev->data));
	ev->start_mark.index = 0;
	ev->start_mark.line = e->line;
	ev->start_mark.column = e->col;
	ev->end_mark = ev->start_mark;
	if (ev->type == YAML_SCALAR_EVENT) {
		ev->data.scalar.value = (yaml_char_t *)(s->vals + e->off);
		ev->data.scalar.length = e->len;
		ev->data.scalar.style = (yaml_scalar_style_t)e->style;
		ev->data.scalar.plain_implicit =
			e->style == YAML_PLAIN_SCALAR_STYLE;
		ev->data.scalar.quoted_implicit = !ev->data.scalar.plain_implicit;
	}
	return true;
}
