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
 *	pd_json_key(&j, "schema");
 *	pd_json_value_cstr(&j, "profdiff.lint.v1");
 *	pd_json_key(&j, "files");
 *	pd_json_begin_array(&j);
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
 * (buf.h): the writer never fails on its own.
 */
#ifndef PROFDIFF_JSON_H
#define PROFDIFF_JSON_H

#include <stdbool.h>
#include <stdint.h>

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
	bool after_key;     /* a key was written: its value comes next */
	const char *brk;    /* pd_json_break's text, for the next item */
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
 * closing bracket. It applies once. A break is layout: white space. */
void pd_json_break(pd_json *j, const char *text);

/* A container opens: as an item of the array open, or as the value of the
 * key written; the innermost open container closes. */
void pd_json_begin_object(pd_json *j);
void pd_json_begin_array(pd_json *j);
void pd_json_end_object(pd_json *j);
void pd_json_end_array(pd_json *j);

/* A key of the object open: "key": */
void pd_json_key(pd_json *j, const char *key);

/* Values: an item of the array open, or the value of the key written. */
void pd_json_value_string(pd_json *j, const char *s, size_t len);
void pd_json_value_cstr(pd_json *j, const char *s); /* NULL: null */
void pd_json_value_uint(pd_json *j, unsigned long long v);
void pd_json_value_int(pd_json *j, long long v);
void pd_json_value_bool(pd_json *j, bool v);
void pd_json_value_null(pd_json *j);
/* A value written as it is: a number formatted by the caller. */
void pd_json_value_raw(pd_json *j, const char *text);

#endif
