/*
 * diffline.h: one line of text per change, for the expected change lists
 * of tests/fixtures/diff/NAME/expected.txt.
 */
#ifndef PD_DIFFLINE_H
#define PD_DIFFLINE_H

#include "profdiff/buf.h"
#include "profdiff/diff.h"

/* Appends the line for `c` (no newline):
 *   kind | section or - | what changed | details */
void diff_line(pd_buf *out, const pd_change *c);

#endif
