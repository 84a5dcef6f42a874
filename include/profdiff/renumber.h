/*
 * renumber.h: footnotes renumbered in order of first citation
 * (renumber.c), everything that names a footnote rewritten with them.
 */
#ifndef PROFDIFF_RENUMBER_H
#define PROFDIFF_RENUMBER_H

#include <stdbool.h>

#include "profdiff/profile.h"

/* Renumbers the footnotes of `p` in place, in the order the prose first
 * cites them, and rewrites together everything that names one: the
 * markers of the paragraphs, the `(n X)` cross-references of the
 * footnotes, the `cite:` lists of laws and treaties, the footnotes of
 * `lint.ignore` entries and the anchors of comments kept on footnotes.
 * Nothing the diff or lint see changes:
 *  - ibid keeps its antecedent: a footnote whose source is ibid moves with
 *    the one before it;
 *  - a cross-reference stays after the footnote it points at;
 *  - a footnote with a cross-reference or an ibid that points at nothing
 *    (lint's broken-cross-ref, cross-ref-mismatch, ibid-no-antecedent)
 *    keeps its place among the others, which are renumbered around it, and
 *    an ibid without antecedent keeps a gap before it;
 *  - footnotes no paragraph cites follow the cited ones of their stretch,
 *    in their order;
 *  - numbers that name no footnote (a dangling marker, a `cite:` of a
 *    missing footnote) are numbered after the last footnote, in the order
 *    they are met, and so still name none.
 * Renumbering a renumbered profile changes nothing. *changed (may be NULL)
 * says whether anything was rewritten. New strings go into the profile's
 * arena. Returns 0, PD_ENOMEM, or PD_EINVALID when the numbers would pass
 * PD_MAX_FOOTNOTE (the error recorded with `path`; the profile is then
 * unchanged).
 */
int pd_renumber_profile(pd_profile *p, const char *path, bool *changed);

#endif
