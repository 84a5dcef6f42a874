/*
 * render_json.c: the stable JSON interface (profdiff.lint.v1):
 *
 *   {"schema": "profdiff.lint.v1",
 *    "files": [{"path", "findings": [{"rule", "severity", "line",
 *               "column", "message", "footnote", "text"}]}],
 *    "summary": {"error", "warning", "info"}}
 */
#include "render_internal.h"

void render_lint_json(pd_buf *out, const pd_lint_report *files, size_t n)
{
	size_t total[PD_SEV_ERROR + 1] = {0}, i, k;

	pd_buf_puts(out, "{\"schema\": \"profdiff.lint.v1\", \"files\": [");
	for (i = 0; i < n; i++) {
		const pd_lint_result *r = files[i].result;

		for (k = 0; k <= PD_SEV_ERROR; k++)
			total[k] += r->count[k];
		pd_buf_puts(out, i ? ",\n  {\"path\": " : "\n  {\"path\": ");
		pd_json_cstr(out, files[i].path);
		pd_buf_puts(out, ", \"findings\": [");
		for (k = 0; k < r->nfindings; k++) {
			const pd_finding *f = &r->findings[k];

			pd_buf_puts(out, k ? ",\n    " : "\n    ");
			pd_buf_puts(out, "{\"rule\": ");
			pd_json_cstr(out, pd_rule_get(f->rule)->name);
			pd_buf_puts(out, ", \"severity\": ");
			pd_json_cstr(out, pd_severity_name(f->severity));
			pd_buf_printf(out, ", \"line\": %u, \"column\": %u",
				      (unsigned)f->pos.line,
				      (unsigned)f->pos.col);
			pd_buf_puts(out, ", \"message\": ");
			pd_json_cstr(out, f->message);
			if (f->footnote)
				pd_buf_printf(out, ", \"footnote\": %u",
					      (unsigned)f->footnote);
			else
				pd_buf_puts(out, ", \"footnote\": null");
			pd_buf_puts(out, ", \"text\": ");
			pd_json_cstr(out, f->text);
			pd_buf_putc(out, '}');
		}
		pd_buf_puts(out, r->nfindings ? "\n  ]}" : "]}");
	}
	pd_buf_printf(out,
		      "%s], \"summary\": {\"error\": %zu, \"warning\": %zu, "
		      "\"info\": %zu}}\n",
		      n ? "\n" : "", total[PD_SEV_ERROR], total[PD_SEV_WARNING],
		      total[PD_SEV_INFO]);
}
