/*
 * yaml_events.h: schema-driven reading on libyaml's event API, shared by
 * the profile reader and the configuration reader.
 *
 * A reader walks the event stream with pd_ye_next() and consumes each node
 * with the function that fits the schema (pd_ye_text, pd_ye_uint, pd_ye_key,
 * ...), which rejects anything else at the node's position. Anchors, aliases
 * and tags are rejected by pd_ye_next() itself, so nothing is ever expanded.
 * Positions are 1-based, columns in code points.
 *
 * It sits on yaml_fast.c (which knows no other file of io), and
 * yaml_read.c and config.c sit on it.
 */
#ifndef PROFDIFF_YAML_EVENTS_H
#define PROFDIFF_YAML_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "profdiff/arena.h"
#include "profdiff/error.h"
#include "profdiff/profile.h"
#include "yaml_fast.h"

/* Where a scalar of libyaml's events lies: from its start mark to its end
 * mark, 0-based lines, columns in code points. */
typedef struct ye_span {
	size_t sline, scol, eline, ecol;
	bool block; /* a literal or folded scalar: its header line is not
		     * its text */
} ye_span;
/* The schema errors of a read that goes past them (see pd_ye_recover). */
typedef struct ye_errors {
	pd_error *v;
	size_t n;
	size_t max;  /* stop at this many */
	bool fatal;  /* the stream cannot go on (a syntax error) */
} ye_errors;

typedef struct yaml_events {
	yaml_parser_t parser;
	yaml_event_t ev; /* the current event, valid when `have` */
	bool have;
	bool started;    /* the parser is initialised */
	bool fast;       /* the events come from `scanned`, not the parser */
	yf_stream scanned;
	const char *path;
	const char *data; /* the input, less any byte order mark */
	size_t len;
	pd_arena *arena; /* where strings and arrays go */
	/* set by the caller: record the span of every scalar libyaml gives
	 * (malloc'd, freed by pd_ye_end), for the comments between them */
	bool record;
	ye_span *spans;
	size_t nspans, spcap;
	bool spans_oom;
	int depth;       /* collections open, the current event's included */
	ye_errors *errs; /* NULL: the first error ends the read */
} yaml_events;

/* The keys of one mapping of the schema. */
typedef struct ye_keys {
	const char *const *keys;
	size_t nkeys;      /* at most 32 */
	const char *what;  /* "a section", for messages */
	const char *list;  /* "title, subtitle, paragraphs, sections" */
} ye_keys;

/* Checks the input (valid UTF-8, no NUL byte), drops a byte order mark and
 * starts the parser: the events of a file in profdiff's own form come
 * from pd_yf_scan(), the others from libyaml. Returns 0, PD_EINVALID or
 * PD_ENOMEM. */
int pd_ye_begin(yaml_events *e, const char *data, size_t len, const char *path,
		pd_arena *arena);
void pd_ye_end(yaml_events *e);

/* Advances to the next event; a syntax error, an anchor, an alias or a
 * tag is PD_EINVALID. */
int pd_ye_next(yaml_events *e);

/* Reads the stream and document start and expects a mapping (`what` names
 * it in the message); then pd_ye_document_end() after the mapping's end. An
 * empty stream is an error, or returns 1 when `may_be_empty`. */
int pd_ye_document_start(yaml_events *e, const char *what, bool may_be_empty);
int pd_ye_document_end(yaml_events *e);

pd_pos pd_ye_pos(const yaml_events *e);
int pd_ye_fail(const yaml_events *e, pd_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
const char *pd_ye_kind(yaml_event_type_t t);
int pd_ye_expect(yaml_events *e, yaml_event_type_t type, const char *what);

/* The current scalar (borrowed from the event). */
const char *pd_ye_sval(const yaml_events *e);
size_t pd_ye_slen(const yaml_events *e);

/* Scalars of the schema's types; `what` names the node in messages. */
int pd_ye_text(yaml_events *e, const char *what, char **out, size_t *len);
int pd_ye_uint(yaml_events *e, const char *what, unsigned long min,
	       unsigned long max, unsigned long *out);
int pd_ye_date(yaml_events *e, const char *what, pd_date *out);
/* As pd_ye_date, but "YYYY" and "YYYY-MM" are accepted as well. */
int pd_ye_date_partial(yaml_events *e, const char *what, pd_date *out);
int pd_ye_enum(yaml_events *e, const char *what,
	       int (*lookup)(const char *, size_t), const char *names,
	       int *out);

/* Reads a key of `k`: unknown and duplicate keys are errors. The index of
 * the key goes to *out, and the current event becomes its value. When the
 * read collects errors, an unknown or duplicate key and its value are
 * gone past: 1 is returned, and the current event is the value's last. */
int pd_ye_key(yaml_events *e, const ye_keys *k, unsigned *seen, pd_pos *first,
	      int *out);

/* Going past schema errors. A reader that collects errors (`errs` set)
 * calls pd_ye_recover() where a node of a mapping or a sequence failed:
 * `base` is the depth of that mapping or sequence (e->depth on one of its
 * keys or items). When the error is one to go past (a schema error, the
 * limit not reached), the rest of the node is skipped, so that the
 * current event is its last, and 0 returned; else `err` is. After an
 * error on a key, pd_ye_recover_key() skips the key's value as well.
 * Each error pd_ye_fail() records goes to `errs` too. */
int pd_ye_recover(yaml_events *e, int err, int base);
int pd_ye_recover_key(yaml_events *e, int err, int base);

/* Appends a zeroed element to an arena array, doubling its capacity. */
void *pd_ye_push(yaml_events *e, void **arr, size_t *n, size_t *cap,
		 size_t elem);

#endif
