/*
 * yaml_fast.h: the events of a YAML file in the form profdiff writes,
 * without libyaml.
 *
 * Nearly every profile read is one that `fmt`, `import` or `commit` wrote:
 * block mappings and sequences indented by two, plain keys, plain,
 * double-quoted and folded (`>-`) scalars, and one-line flow collections
 * of plain words. pd_yf_scan() reads exactly that subset, in one pass, and
 * gives the events libyaml would give for it: the same types, scalar
 * values and styles, and the same start marks (0-based lines, columns in
 * code points). Anything outside the subset (a comment, a tab, a blank
 * line, an anchor, a multi-line plain or quoted scalar, an unusual
 * indentation, a character YAML treats specially...) is declined, and the
 * caller reads the file with libyaml as before; so is anything libyaml
 * would refuse. The unit tests and a fuzz target compare both readers
 * event by event.
 */
#ifndef PROFDIFF_YAML_FAST_H
#define PROFDIFF_YAML_FAST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yaml.h>

typedef struct yf_event {
	uint8_t type;  /* yaml_event_type_t */
	uint8_t style; /* yaml_scalar_style_t, for scalars */
	uint32_t line, col;
	size_t off, len; /* the scalar's value: vals + off, NUL-terminated */
} yf_event;

typedef struct yf_stream {
	yf_event *ev;
	size_t n, cap, next;
	char *vals;
	size_t vlen, vcap;
	size_t *line_starts; /* where each line of the text starts */
	size_t nlines;
} yf_stream;

/* Scans any bytes: text that is not UTF-8, holds a NUL or a control
 * character, or opens with a byte order mark is outside the subset like
 * the rest. Returns 1 with the events in *s, 0 when the text is not in the
 * subset (*s is then empty), or PD_ENOMEM. pd_yf_free() releases *s in every
 * case. With the events come the offsets of the text's lines: one a line
 * feed, and one past the last, at `len`. */
int pd_yf_scan(yf_stream *s, const char *data, size_t len);
void pd_yf_free(yf_stream *s);

/* The next event into *ev (borrowing its value from *s); false at the
 * end of the stream. */
bool pd_yf_next(yf_stream *s, yaml_event_t *ev);

#endif
