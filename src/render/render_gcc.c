/*
 * render_gcc.c: one line a finding, as compilers print them, for editors
 * and tools that read "file:line:col: severity: message".
 */
#include "render_internal.h"

void pd_gcc_finding(pd_buf *out, const char *path, const pd_finding *f)
{
	/* "%s:%u:%u: %s: %s [%s]\n", without printf: a lint run writes tens
	 * of thousands of these */
	pd_buf_puts(out, path);
	pd_buf_putc(out, ':');
	pd_buf_put_uint(out, f->pos.line);
	pd_buf_putc(out, ':');
	pd_buf_put_uint(out, f->pos.col);
	pd_buf_puts(out, ": ");
	pd_buf_puts(out, f->severity == PD_SEV_INFO
				 ? "note"
				 : pd_severity_name(f->severity));
	pd_buf_puts(out, ": ");
	pd_buf_puts(out, f->message);
	pd_buf_puts(out, " [");
	pd_buf_puts(out, pd_rule_get(f->rule)->name);
	pd_buf_puts(out, "]\n");
}

static void gcc_lint_file(pd_buf *out, const pd_lint_report *file,
			  const pd_render_options *opts)
{
	const pd_lint_result *r = file->result;
	size_t k;

	(void)opts;
	for (k = 0; k < r->nfindings; k++)
		pd_gcc_finding(out, file->path, &r->findings[k]);
}

const pd_renderer pd_render_gcc = {
	.lint_file = gcc_lint_file,
};
