/*
 * render_github.c: workflow commands, which a CI service shows as
 * annotations on the lines of a change:
 *
 *   ::error file=profiles/laos.yaml,line=8,col=46,title=dangling-citation::...
 */
#include <string.h>

#include "render_internal.h"

/* Escapes data (and, in a property, ':' and ','), as the workflow command
 * syntax requires; runs of other bytes are copied whole. */
static void put_escaped(pd_buf *out, const char *s, bool property)
{
	const char *special = property ? "%\r\n:," : "%\r\n";

	for (;;) {
		size_t n = strcspn(s, special);

		pd_buf_put(out, s, n);
		s += n;
		switch (*s) {
		case '\0':
			return;
		case '%':
			pd_buf_puts(out, "%25");
			break;
		case '\r':
			pd_buf_puts(out, "%0D");
			break;
		case '\n':
			pd_buf_puts(out, "%0A");
			break;
		case ':':
			pd_buf_puts(out, "%3A");
			break;
		default: /* ',' */
			pd_buf_puts(out, "%2C");
			break;
		}
		s++;
	}
}

static void github_lint_file(pd_buf *out, const pd_lint_report *file,
			     const pd_render_options *opts)
{
	const pd_lint_result *r = file->result;
	size_t k;

	(void)opts;
	for (k = 0; k < r->nfindings; k++) {
		const pd_finding *f = &r->findings[k];
		const char *cmd = f->severity == PD_SEV_ERROR     ? "error"
				  : f->severity == PD_SEV_WARNING ? "warning"
								  : "notice";

		pd_buf_puts(out, "::");
		pd_buf_puts(out, cmd);
		pd_buf_puts(out, " file=");
		put_escaped(out, file->path, true);
		if (f->pos.line) {
			pd_buf_puts(out, ",line=");
			pd_buf_put_uint(out, f->pos.line);
			pd_buf_puts(out, ",col=");
			pd_buf_put_uint(out, f->pos.col);
		}
		pd_buf_puts(out, ",title=");
		put_escaped(out, pd_rule_get(f->rule)->name, true);
		pd_buf_puts(out, "::");
		put_escaped(out, f->message, false);
		pd_buf_putc(out, '\n');
	}
}

const pd_renderer pd_render_github = {
	.lint_file = github_lint_file,
};
