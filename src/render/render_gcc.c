/*
 * render_gcc.c: one line a finding, as compilers print them, for editors
 * and tools that read "file:line:col: severity: message".
 */
#include "render_internal.h"

void render_lint_gcc(pd_buf *out, const pd_lint_report *files, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const pd_lint_result *r = files[i].result;

		for (k = 0; k < r->nfindings; k++) {
			const pd_finding *f = &r->findings[k];

			pd_buf_printf(out, "%s:%u:%u: %s: %s [%s]\n",
				      files[i].path, (unsigned)f->pos.line,
				      (unsigned)f->pos.col,
				      f->severity == PD_SEV_INFO
					      ? "note"
					      : pd_severity_name(f->severity),
				      f->message, pd_rule_get(f->rule)->name);
		}
	}
}
