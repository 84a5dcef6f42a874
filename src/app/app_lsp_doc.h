/*
 * app_lsp_doc.h: one document the language server holds (app_lsp_doc.c):
 * its text, the profile read from it with its citations resolved, and its
 * findings, with what the server answers about it. Each answer is written
 * as one JSON value through the writer given (json.h).
 *
 * Positions come and go in the protocol's units (`enc`); inside they are
 * byte offsets of the text, and the core's (line, code point) positions.
 */
#ifndef PROFDIFF_APP_LSP_DOC_H
#define PROFDIFF_APP_LSP_DOC_H

#include "json.h"
#include "profdiff/app.h"
#include "profdiff/citations.h"
#include "profdiff/lsp_wire.h"

/* Every PD_LSP_MARK_STEP bytes of a line, and at its start: where a
 * character starts, with the code points and UTF-16 units of the line
 * before it. */
#define PD_LSP_MARK_STEP 1024

typedef struct pd_lsp_mark {
	size_t off;
	uint32_t cps;
	uint32_t u16;
} pd_lsp_mark;

typedef struct pd_lsp_doc {
	char *uri;
	char *path;           /* the file the uri names; NULL: not a file */
	long long version;
	char *text;
	size_t len;
	size_t *lines;        /* the offset of each line's start */
	size_t nlines;
	size_t lines_cap;
	pd_lsp_mark *marks;   /* by offset */
	size_t nmarks;
	size_t marks_cap;
	pd_profile *profile;  /* NULL when the text does not read */
	pd_citations cites;   /* in the profile's arena */
	pd_lint_result *lint; /* NULL: no findings (.profdiff.yaml read) */
	pd_config *config;    /* the repository's; NULL: it does not read */
	pd_error config_error;
	pd_error read_error;  /* why the text does not read */
	/* the profile as the publication branch holds it, read when the
	 * document is opened: the gate's date rules are checked against it,
	 * as `profdiff lint` checks them in the repository (NULL: outside a
	 * repository, or never published); the store keeps it */
	pd_store *store;
	const pd_profile *published;
	bool published_read;
} pd_lsp_doc;

/* A document of `len` bytes of text, read and linted. The caller frees
 * *out. 0 or PD_ENOMEM. */
int pd_lsp_doc_new(pd_lsp_doc **out, const char *uri, const char *text,
		   size_t len);

/* Applies the changes in order (the whole text, or a range replaced),
 * then reads and lints the text again (with no change: the settings
 * changed). 0 or PD_ENOMEM. */
int pd_lsp_doc_change(pd_lsp_doc *d, const pd_lsp_change *changes,
		      size_t n, pd_lsp_encoding enc);

void pd_lsp_doc_free(pd_lsp_doc *d);

/* The answers, each one JSON value: */
/* Diagnostic[]: the findings as `profdiff lint` gives them. */
void pd_lsp_doc_diagnostics(const pd_lsp_doc *d, pd_json *j,
			    pd_lsp_encoding enc);
/* Hover or null: the footnote a marker or a (n X) at `at` cites. */
int pd_lsp_doc_hover(const pd_lsp_doc *d, pd_lsp_pos at, pd_lsp_encoding enc,
		     pd_json *j);
/* Location[] (empty: no footnote). */
int pd_lsp_doc_definition(const pd_lsp_doc *d, pd_lsp_pos at,
			  pd_lsp_encoding enc, pd_json *j);
/* Location[]: every marker and (n X) citing the footnote at `at`. */
int pd_lsp_doc_references(const pd_lsp_doc *d, pd_lsp_pos at, bool with_decl,
			  pd_lsp_encoding enc, pd_json *j);
/* CompletionItem[]: treaty ids, statuses, law types where they go. */
void pd_lsp_doc_completion(const pd_lsp_doc *d, pd_lsp_pos at,
			   pd_lsp_encoding enc, pd_json *j);
/* TextEdit[]: the text as `profdiff fmt` writes it. PD_EINVALID
 * (recorded) when the text does not read, or is a page. */
int pd_lsp_doc_format(const pd_lsp_doc *d, pd_lsp_encoding enc, pd_json *j);
/* CodeAction[]: the rewrites of the whole profile that change it. */
int pd_lsp_doc_code_actions(const pd_lsp_doc *d, pd_lsp_encoding enc,
			    pd_json *j);

#endif
