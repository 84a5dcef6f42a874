/*
 * yaml_comments.h: the comments of a YAML profile, found between the
 * scalars libyaml reads and anchored to the nodes of the model
 * (yaml_comments.c). The reader (yaml_read.c) records where each node of
 * the model starts, by its key path; the writer (yaml_write.c) puts each
 * comment back at its anchor.
 */
#ifndef PROFDIFF_YAML_COMMENTS_H
#define PROFDIFF_YAML_COMMENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"
#include "yaml_events.h"

/* Where one node of the model starts (0-based line, column in code
 * points), and its key path (an offset into `names`). */
typedef struct yc_point {
	size_t line, col;
	size_t seq;   /* in the order met: an item before its first key */
	size_t name;
} yc_point;

/* The nodes met while reading, and the path of the current one. */
typedef struct yc_points {
	bool on;      /* record: the file may hold comments */
	yc_point *v;
	size_t n, cap;
	pd_buf names; /* NUL-terminated paths */
	pd_buf path;  /* "laws/0/cite" */
	bool oom;
} yc_points;

/* Appends the component (printf format) to the current path and records
 * the node at 1-based `pos` under it; returns the path's length before,
 * for pd_yc_leave. Does nothing when points->on is false. */
size_t pd_yc_enter(yc_points *pts, pd_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void pd_yc_leave(yc_points *pts, size_t mark);

void pd_yc_free(yc_points *pts);

/* Finds the comments of data[0..len) (the text libyaml read), a '#' at a
 * line's start or after a blank that no scalar of `spans` covers, and
 * anchors each: a comment on lines of its own to the node after it (the
 * file's head before the first, its end after the last), a comment after
 * something on its line to the last node started at or before it. Adds
 * them to p->comments, in the profile's arena. 0 or PD_ENOMEM. */
int pd_yc_extract(pd_profile *p, const char *data, size_t len,
		  const ye_span *spans, size_t nspans, yc_points *pts);

#endif
