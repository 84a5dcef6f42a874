/*
 * yaml.h: the YAML adapter. The reader turns schema-1 YAML into a
 * pd_profile on libyaml's event API; the writer prints a profile in the
 * canonical form that `fmt` produces.
 */
#ifndef PROFDIFF_YAML_H
#define PROFDIFF_YAML_H

#include <stddef.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"

typedef struct pd_read_options {
	unsigned version;
	const pd_vocab *vocab;   /* NULL: the built-in treaty vocabulary */
	size_t max_size;         /* 0: PD_MAX_PROFILE_SIZE */
	/* the facts only: schema, country, last_updated, laws, treaties and
	 * lint are read, sections and footnotes skipped unread when the file
	 * is laid out as profdiff writes it (each top-level key at the start
	 * of a line, its value indented below it; else the whole file is
	 * read). Positions are then those in the text read, not the file's:
	 * for a history of statuses, not for messages. */
	bool facts_only;
} pd_read_options;

#define PD_READ_OPTIONS_VERSION 1
#define PD_READ_OPTIONS_INIT {PD_READ_OPTIONS_VERSION, NULL, 0, false}

/* Reads a schema-1 profile from `len` bytes of `data`; `path` names the
 * source in error messages. On success *out is a new profile owned by the
 * caller. On failure returns PD_EINVALID (with "path:line:col: message"
 * recorded) or PD_ENOMEM, and *out is NULL. `opts` may be NULL. */
int pd_yaml_read(pd_profile **out, const char *data, size_t len,
		 const char *path, const pd_read_options *opts);

/* As pd_yaml_read, but goes past the schema errors of the file, up to
 * `max` of them, to report them all in one run: on PD_EINVALID, *errors
 * holds each with its position, in the order of the file (the first is
 * pd_error_last() as well), and *nerrors their count; the caller frees
 * *errors with free(). A syntax error ends the read: it is the last. On
 * success or another failure, *errors is NULL. */
#define PD_YAML_MAX_ERRORS 20
int pd_yaml_read_errors(pd_profile **out, pd_error **errors, size_t *nerrors,
			const char *data, size_t len, const char *path,
			const pd_read_options *opts, size_t max);

/* Appends the canonical YAML of `p` to `out`. Returns 0, or PD_ENOMEM. */
int pd_yaml_write(pd_buf *out, const pd_profile *p);

/* Column near which paragraphs and footnotes are folded. */
#define PD_YAML_WRAP 80

#endif
