/*
 * page_import.h: the published page format (docs/DESIGN.md, section 3) read
 * into a profile.
 */
#ifndef PROFDIFF_PAGE_IMPORT_H
#define PROFDIFF_PAGE_IMPORT_H

#include <stddef.h>

#include "profdiff/extract.h"
#include "profdiff/profile.h"
#include "profdiff/treaties.h"

typedef struct pd_page_options {
	unsigned version;
	const char *country;   /* used when the page names none; NULL: from
				* the file name */
	const pd_vocab *vocab; /* NULL: the built-in treaty vocabulary */
} pd_page_options;

#define PD_PAGE_OPTIONS_VERSION 1
#define PD_PAGE_OPTIONS_INIT {PD_PAGE_OPTIONS_VERSION, NULL, NULL}

/* A remark of the importer about the page ("footnote 12 has no text"). */
typedef struct pd_page_note {
	pd_pos pos;
	const char *text;
} pd_page_note;

/* What the import found besides the profile: extracted laws and treaties
 * with their sentences, and remarks. Lives in the profile's arena. */
typedef struct pd_page_report {
	pd_found *found;
	size_t nfound;
	pd_page_note *notes;
	size_t nnotes;
} pd_page_report;

/* Reads a page of `len` bytes; `path` names it in messages and gives the
 * country when neither the page nor opts->country does ("north-korea.txt"
 * -> "North Korea"). Every paragraph, marker and footnote of the page ends
 * up in the profile, with page positions. `report` may be NULL. Returns 0,
 * or PD_EINVALID ("path:line:col: message": invalid UTF-8, a NUL byte, a
 * bad "Last updated" date, a footnote number given twice or out of range,
 * a page with no text) or PD_ENOMEM; *out is then NULL. */
int pd_page_import(pd_profile **out, pd_page_report *report, const char *data,
		   size_t len, const char *path, const pd_page_options *opts);

/* Parses the dates pages use: "January 20, 2026", "20 January 2026",
 * "2026-01-20". */
bool pd_page_date(const char *s, size_t len, pd_date *out);

#endif
