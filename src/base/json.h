/*
 * json.h: JSON strings, and a small streaming JSON writer.
 *
 * pd_json_string() writes one string literal. The writer (pd_json) keeps
 * the commas and the nesting: a caller opens containers, writes keys and
 * values, and closes them; the writer puts ", " between two items and
 * nothing before the first. The layout of profdiff's JSON documents (a
 * line a finding, a line a claim) is asked for with pd_json_break(): the
 * text that goes between the next item and the one before it, after the
 * comma ("\n  " for a new line), or before the first item, or before the
 * closing bracket when given just before pd_json_end_*(). Nothing is
 * checked beyond what keeps the output well formed: a key outside an
 * object is the caller's mistake.
 *
 *	pd_json j;
 *	pd_json_init(&j, out);
 *	pd_json_begin_object(&j);
 *	pd_json_member_cstr(&j, "schema", "profdiff.lint.v1");
 *	pd_json_member_array(&j, "files");
 *	...
 *	pd_json_end_array(&j);
 *	pd_json_end_object(&j);
 *
 * A document may be written in pieces, each by a writer of its own: the
 * findings of each file rendered on the thread that linted it, a
 * changelog entry's changes rendered ahead and kept. A writer for a piece
 * starts where the document stands (pd_json_init_within: so many
 * containers open, the innermost holding items or not); pieces written
 * apart join with a comma between them, put by the caller or by
 * pd_json_splice().
 *
 * Containers nest PD_JSON_MAX_DEPTH deep at most (profdiff's documents
 * go nine deep); deeper ones are the caller's mistake, and their commas
 * are not kept right.
 *
 * Output goes to a pd_buf, whose allocation failures are kept in it
 * (buf.h): the writer never fails on its own. A lint run writes hundreds
 * of thousands of members: what each takes (a name, the comma before it)
 * is inline, and a name's length is known where it is written.
 */
#ifndef PROFDIFF_JSON_H
#define PROFDIFF_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "profdiff/buf.h"

/* A JSON string literal (quotes included) for s[0..len), or null for a
 * NULL s. Invalid UTF-8 becomes U+FFFD, so the output is always valid
 * JSON; U+2028 and U+2029 are escaped. */
void pd_json_string(pd_buf *out, const char *s, size_t len);
void pd_json_cstr(pd_buf *out, const char *s);

#define PD_JSON_MAX_DEPTH 64

typedef struct pd_json {
	pd_buf *out;
	unsigned depth;     /* containers open */
	uint64_t has_items; /* bit d: the container at depth d + 1 has one */
	uint64_t bit;       /* the innermost container's bit; 0 at depth 0 */
	bool after_key;     /* a key was written: its value comes next */
	const char *brk;    /* pd_json_break's text, for the next item */
	size_t brk_len;
} pd_json;

/* A writer at the start of a document, writing to `out` (borrowed: it
 * must outlive the writer). */
void pd_json_init(pd_json *j, pd_buf *out);

/* A writer that goes on with a document begun elsewhere, at a place
 * where `depth` containers are open (each but the innermost holding the
 * next), the innermost holding items already when `items`. Its first item
 * gets a comma only when `items`: the pieces written by writers begun
 * with `items` false join with a comma between them ("," when each
 * begins with a break, as profdiff's pieces do). */
void pd_json_init_within(pd_json *j, pd_buf *out, unsigned depth,
			 bool items);

/* Appends a piece (len bytes, none for an empty piece) that a writer begun
 * with pd_json_init_within() at this depth, without items, wrote: the
 * items it holds become the open container's, after a comma when it has
 * items already ("," before a piece that begins with a break, ", "
 * otherwise). */
void pd_json_splice(pd_json *j, const char *piece, size_t len);

/* The text between the next item and the one before it, after the comma
 * (instead of a space); before the first item of a container; or, given
 * just before pd_json_end_*() of a container that has items, before its
 * closing bracket. It applies once. A break is layout: white space, a
 * string literal (borrowed until it applies). */
static inline void pd_json_break(pd_json *j, const char *text)
{
	j->brk = text;
	j->brk_len = strlen(text); /* known where a literal is written */
}

/* A container opens: as an item of the array open, or as the value of the
 * key written; the innermost open container closes. Inline (below). */
static inline void pd_json_begin_object(pd_json *j);
static inline void pd_json_begin_array(pd_json *j);
static inline void pd_json_end_object(pd_json *j);
static inline void pd_json_end_array(pd_json *j);

/* A key that needs no escape: one of the document's own names ("schema",
 * "findings"), a string literal, written as it is. A quote, a backslash,
 * a control character or a byte from 0x80 in it is the caller's mistake;
 * pd_json_key() takes any text. Inline (below): with the comma before it
 * in one step, its length known where it is written, as a lint run
 * writes hundreds of thousands of them. */
static inline void pd_json_name(pd_json *j, const char *name);

/* A member of the object open that is a container: its name, as
 * pd_json_name() takes it, and the container opened, in one step. */
static inline void pd_json_member_object(pd_json *j, const char *name);
static inline void pd_json_member_array(pd_json *j, const char *name);

/* A key of the object open, any text: "key": */
void pd_json_key(pd_json *j, const char *key);

/* Values: an item of the array open, or the value of the key written. */
void pd_json_value_string(pd_json *j, const char *s, size_t len);
void pd_json_value_cstr(pd_json *j, const char *s); /* NULL: null */
void pd_json_value_uint(pd_json *j, unsigned long long v);
void pd_json_value_int(pd_json *j, long long v);
void pd_json_value_bool(pd_json *j, bool v);
void pd_json_value_null(pd_json *j);
/* A string that needs no escape: the name of one of the program's own
 * enumerations (a rule, a severity, a kind of change, a status), written
 * as it is. A quote, a backslash, a control character or a byte from 0x80
 * in it is the caller's mistake; text from a profile or a configuration
 * goes through pd_json_value_cstr(). */
void pd_json_value_enum(pd_json *j, const char *s);
/* A value written as it is, len bytes: a number formatted by the caller,
 * or a string escaped once (pd_json_string) to be written many times. */
void pd_json_value_raw(pd_json *j, const char *text, size_t len);

/* The writer's own (json.c): what goes before an item that has a break;
 * a name, the long way. */
void pd_json__broken_item(pd_json *j);
void pd_json__named(pd_json *j, const char *name, size_t len, char open);

/* A container's bit (has_items) at the next depth, and at the depth
 * before: the bits turn round past PD_JSON_MAX_DEPTH. */
static inline void pd_json__deeper(pd_json *j)
{
	j->depth++;
	j->bit = j->bit ? j->bit << 1 | j->bit >> (PD_JSON_MAX_DEPTH - 1) : 1;
	j->has_items &= ~j->bit;
}

static inline void pd_json__shallower(pd_json *j)
{
	j->has_items &= ~j->bit;
	j->depth--;
	j->bit = j->depth ? j->bit >> 1 | j->bit << (PD_JSON_MAX_DEPTH - 1) : 0;
}

/* What goes before an item: nothing after a key; else a comma after an
 * item of the same container, and the break or a space. */
static inline void pd_json__item(pd_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->bit)
		return;
	if (j->brk) {
		pd_json__broken_item(j);
		return;
	}
	if (j->has_items & j->bit)
		pd_buf_put(j->out, ", ", 2);
	j->has_items |= j->bit;
}

/* A container opens, `open` its bracket. */
static inline void pd_json__begin(pd_json *j, char open)
{
	pd_json__item(j);
	pd_buf_putc(j->out, open);
	pd_json__deeper(j);
}

/* The innermost container closes, `close` its bracket, after the break
 * given for it when it has items. */
static inline void pd_json__end(pd_json *j, char close)
{
	if (!j->bit)
		return;
	if (j->brk && (j->has_items & j->bit))
		pd_buf_put(j->out, j->brk, j->brk_len);
	j->brk = NULL;
	pd_json__shallower(j);
	pd_buf_putc(j->out, close);
}

static inline void pd_json_begin_object(pd_json *j)
{
	pd_json__begin(j, '{');
}

static inline void pd_json_begin_array(pd_json *j)
{
	pd_json__begin(j, '[');
}

static inline void pd_json_end_object(pd_json *j)
{
	pd_json__end(j, '}');
}

static inline void pd_json_end_array(pd_json *j)
{
	pd_json__end(j, ']');
}

/* "name": with the comma before it, and the container opened when `open`
 * is its bracket (0: none), in one step where the buffer has room. */
static inline void pd_json__name(pd_json *j, const char *name, size_t len,
				 char open)
{
	pd_buf *b = j->out;
	char *p;

	if (j->brk || j->after_key || !j->bit || b->failed ||
	    b->cap - b->len <= len + 7) {
		pd_json__named(j, name, len, open);
		return;
	}
	p = b->ptr + b->len;
	if (j->has_items & j->bit) {
		memcpy(p, ", ", 2);
		p += 2;
	}
	j->has_items |= j->bit;
	p[0] = '"';
	memcpy(p + 1, name, len);
	memcpy(p + 1 + len, "\": ", 3);
	p += len + 4;
	if (open) {
		*p++ = open;
		pd_json__deeper(j);
	} else {
		j->after_key = true;
	}
	*p = '\0';
	b->len = (size_t)(p - b->ptr);
}

static inline void pd_json_name(pd_json *j, const char *name)
{
	pd_json__name(j, name, strlen(name), 0);
}

static inline void pd_json_member_object(pd_json *j, const char *name)
{
	pd_json__name(j, name, strlen(name), '{');
}

static inline void pd_json_member_array(pd_json *j, const char *name)
{
	pd_json__name(j, name, strlen(name), '[');
}

/* A member of the object open: a name as pd_json_name() takes it, and
 * its value. */
static inline void pd_json_member_cstr(pd_json *j, const char *name,
				       const char *s)
{
	pd_json_name(j, name);
	j->after_key = false;
	pd_json_cstr(j->out, s);
}

static inline void pd_json_member_enum(pd_json *j, const char *name,
				       const char *s)
{
	pd_json_name(j, name);
	pd_json_value_enum(j, s);
}

static inline void pd_json_member_uint(pd_json *j, const char *name,
				       unsigned long long v)
{
	pd_json_name(j, name);
	j->after_key = false;
	pd_buf_put_uint(j->out, v);
}

static inline void pd_json_member_int(pd_json *j, const char *name,
				      long long v)
{
	pd_json_name(j, name);
	pd_json_value_int(j, v);
}

static inline void pd_json_member_bool(pd_json *j, const char *name, bool v)
{
	pd_json_name(j, name);
	pd_json_value_bool(j, v);
}

#endif
