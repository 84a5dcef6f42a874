/*
 * render_text.c: findings for a person at a terminal, grouped by file.
 *
 *   profiles/laos.yaml
 *      8:46  error    [6] cites footnote 6, which does not exist  dangling-citation
 *                     There is no formal Digital ID system established ...
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/text.h"
#include "render_internal.h"

#define CLAIM_WIDTH 100 /* code points of a claim shown under a finding */

static const char *sev_color(pd_severity s)
{
	switch (s) {
	case PD_SEV_ERROR:
		return "\033[1;31m";
	case PD_SEV_WARNING:
		return "\033[33m";
	default:
		return "\033[36m";
	}
}

static const char *sev_label(pd_severity s)
{
	return s == PD_SEV_INFO ? "info" : pd_severity_name(s);
}

/* The first `width` code points of s, with "..." when cut. */
static void put_clipped(pd_buf *out, const char *s, size_t width)
{
	size_t i = 0, cols = 0, len = strlen(s);

	while (i < len && cols < width) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
		i++;
	}
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	pd_buf_put(out, s, i);
	if (i < len)
		pd_buf_puts(out, "...");
}

static void plural(pd_buf *out, size_t n, const char *one, const char *many)
{
	pd_buf_printf(out, "%zu %s", n, n == 1 ? one : many);
}

static void counts(pd_buf *out, const size_t count[])
{
	plural(out, count[PD_SEV_ERROR], "error", "errors");
	pd_buf_puts(out, ", ");
	plural(out, count[PD_SEV_WARNING], "warning", "warnings");
	pd_buf_puts(out, ", ");
	plural(out, count[PD_SEV_INFO], "note", "notes");
}

void render_lint_text(pd_buf *out, const pd_lint_report *files, size_t n,
		      const pd_render_options *opts)
{
	const char *bold = opts->color ? "\033[1m" : "",
		   *dim = opts->color ? "\033[2m" : "",
		   *reset = opts->color ? "\033[0m" : "";
	size_t total[PD_SEV_ERROR + 1] = {0}, i, k, with = 0;

	for (i = 0; i < n; i++) {
		const pd_lint_result *r = files[i].result;

		for (k = 0; k <= PD_SEV_ERROR; k++)
			total[k] += r->count[k];
		if (!r->nfindings)
			continue;
		with++;
		pd_buf_printf(out, "%s%s%s\n", bold, files[i].path, reset);
		for (k = 0; k < r->nfindings; k++) {
			const pd_finding *f = &r->findings[k];
			char at[32];

			snprintf(at, sizeof(at), "%u:%u", (unsigned)f->pos.line,
				 (unsigned)f->pos.col);
			pd_buf_printf(out, "  %8s  %s%-7s%s  %s  %s%s%s\n", at,
				      opts->color ? sev_color(f->severity) : "",
				      sev_label(f->severity), reset,
				      f->message, dim, pd_rule_get(f->rule)->name,
				      reset);
			if (f->text) {
				pd_buf_printf(out, "%21s%s", "", dim);
				put_clipped(out, f->text, CLAIM_WIDTH);
				pd_buf_printf(out, "%s\n", reset);
			}
		}
		pd_buf_puts(out, "  ");
		counts(out, r->count);
		pd_buf_puts(out, "\n\n");
	}
	if (!with) {
		pd_buf_printf(out, "no findings in %zu file%s\n", n,
			      n == 1 ? "" : "s");
		return;
	}
	counts(out, total);
	pd_buf_printf(out, " in %zu file%s\n", n, n == 1 ? "" : "s");
}
