/*
 * render_sarif.c: SARIF 2.1.0, for code-scanning services: one run, the
 * rule table as the driver's rules, one result per finding.
 */
#include "profdiff/version.h"
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

void render_lint_sarif_begin(pd_buf *out)
{
	size_t k;

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
}

/* One result; `about`: a partial fingerprint of what the finding is
 * about, so that code scanning follows it across commits. */
static void result(pd_buf *out, const char *path, const pd_finding *f,
		   bool about)
{
	pd_buf_puts(out, "{\"ruleId\": ");
	pd_json_cstr(out, pd_rule_get(f->rule)->name);
	pd_buf_puts(out, ", \"ruleIndex\": ");
	pd_buf_put_uint(out, (unsigned)f->rule);
	pd_buf_puts(out, ", \"level\": \"");
	pd_buf_puts(out, level(f->severity));
	pd_buf_puts(out, "\", \"message\": {\"text\": ");
	pd_json_cstr(out, f->message);
	pd_buf_puts(out, "}, \"locations\": [{\"physicalLocation\": "
			 "{\"artifactLocation\": {\"uri\": ");
	pd_json_cstr(out, path);
	pd_buf_puts(out, "}");
	if (f->pos.line) {
		pd_buf_puts(out, ", \"region\": {\"startLine\": ");
		pd_buf_put_uint(out, f->pos.line);
		pd_buf_puts(out, ", \"startColumn\": ");
		pd_buf_put_uint(out, f->pos.col ? f->pos.col : 1);
		pd_buf_putc(out, '}');
	}
	pd_buf_puts(out, "}}]");
	if (about)
		pd_buf_printf(out,
			      ", \"partialFingerprints\": {\"profdiffAbout/v1\": "
			      "\"%s/%016llx\"}",
			      pd_rule_get(f->rule)->name,
			      (unsigned long long)f->about);
	pd_buf_putc(out, '}');
}

/* One file's results, nothing for a file without findings, without the
 * comma that goes before each but the first (pd_render_lint_separator). */
void render_lint_sarif_file(pd_buf *out, const pd_lint_report *file)
{
	const pd_lint_result *r = file->result;
	size_t k;

	for (k = 0; k < r->nfindings; k++) {
		pd_buf_puts(out, k ? ",\n   " : "\n   ");
		result(out, file->path, &r->findings[k], false);
	}
}

/* The findings the update introduces, where they stand in its head. */
void render_review_sarif(pd_buf *out, const pd_review *r)
{
	size_t i, k, n = 0;

	render_lint_sarif_begin(out);
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		for (k = 0; k < e->lint.nintroduced; k++) {
			pd_buf_puts(out, n++ ? ",\n   " : "\n   ");
			result(out, e->path, e->lint.introduced[k], true);
		}
	}
	pd_buf_puts(out, n ? "\n  ]}]}\n" : "]}]}\n");
}

void render_lint_sarif_end(pd_buf *out, const pd_lint_tally *t)
{
	size_t findings = t->count[PD_SEV_INFO] + t->count[PD_SEV_WARNING] +
			  t->count[PD_SEV_ERROR];

	pd_buf_puts(out, findings ? "\n  ]}]}\n" : "]}]}\n");
}
