/*
 * render_internal.h: the renderers of src/render/, one per format file.
 */
#ifndef PROFDIFF_RENDER_INTERNAL_H
#define PROFDIFF_RENDER_INTERNAL_H

#include "profdiff/render.h"

void render_lint_text(pd_buf *out, const pd_lint_report *files, size_t n,
		      const pd_render_options *opts);
void render_lint_gcc(pd_buf *out, const pd_lint_report *files, size_t n);
void render_lint_json(pd_buf *out, const pd_lint_report *files, size_t n);
void render_lint_sarif(pd_buf *out, const pd_lint_report *files, size_t n);
void render_lint_github(pd_buf *out, const pd_lint_report *files, size_t n);

#endif
