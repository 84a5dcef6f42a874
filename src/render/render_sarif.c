/*
 * render_sarif.c: SARIF 2.1.0, for code-scanning services: one run, the
 * rule table as the driver's rules, one result per finding.
 */
#include "render_internal.h"

static const char *level(pd_severity s)
{
	switch (s) {
	case PD_SEV_ERROR:
		return "error";
	case PD_SEV_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void render_lint_sarif(pd_buf *out, const pd_lint_report *files, size_t n)
{
	size_t i, k;
	bool first = true;

	pd_buf_puts(out,
		    "{\"$schema\": "
		    "\"https://json.schemastore.org/sarif-2.1.0.json\",\n"
		    " \"version\": \"2.1.0\",\n"
		    " \"runs\": [{\"tool\": {\"driver\": {\"name\": "
		    "\"profdiff\", \"version\": \"" PD_VERSION "\", "
		    "\"rules\": [");
	for (k = 0; k < PD_RULE_COUNT; k++) {
		const pd_rule_def *d = pd_rule_get((pd_rule_id)k);

		pd_buf_puts(out, k ? ",\n   " : "\n   ");
		pd_buf_puts(out, "{\"id\": ");
		pd_json_cstr(out, d->name);
		pd_buf_puts(out, ", \"shortDescription\": {\"text\": ");
		pd_json_cstr(out, d->summary);
		pd_buf_printf(out,
			      "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
			      d->severity == PD_SEV_OFF ? "none"
							: level(d->severity));
	}
	pd_buf_puts(out, "]}},\n  \"results\": [");
	for (i = 0; i < n; i++) {
		const pd_lint_result *r = files[i].result;

		for (k = 0; k < r->nfindings; k++) {
			const pd_finding *f = &r->findings[k];

			pd_buf_puts(out, first ? "\n   " : ",\n   ");
			first = false;
			pd_buf_puts(out, "{\"ruleId\": ");
			pd_json_cstr(out, pd_rule_get(f->rule)->name);
			pd_buf_printf(out, ", \"ruleIndex\": %d", (int)f->rule);
			pd_buf_printf(out, ", \"level\": \"%s\"",
				      level(f->severity));
			pd_buf_puts(out, ", \"message\": {\"text\": ");
			pd_json_cstr(out, f->message);
			pd_buf_puts(out, "}, \"locations\": [{\"physicalLocation\": "
					 "{\"artifactLocation\": {\"uri\": ");
			pd_json_cstr(out, files[i].path);
			pd_buf_puts(out, "}");
			if (f->pos.line)
				pd_buf_printf(out,
					      ", \"region\": {\"startLine\": %u, "
					      "\"startColumn\": %u}",
					      (unsigned)f->pos.line,
					      (unsigned)(f->pos.col ? f->pos.col
								    : 1));
			pd_buf_puts(out, "}}]}");
		}
	}
	pd_buf_puts(out, first ? "]}]}\n" : "\n  ]}]}\n");
}
