/*
 * render_sarif.c: SARIF 2.1.0, for code-scanning services: one run, the
 * rule table as the driver's rules, one result per finding.
 */
#include <stdio.h>

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

/* The results are two containers deeper than the runs: {"runs": [{...,
 * "results": [. A file's results are written apart, by a writer of their
 * own that starts there. */
#define RESULTS_DEPTH 4

/* The document up to its results: the driver and its rules. */
static void sarif_head(pd_json *j)
{
	size_t k;

	pd_json_begin_object(j);
	pd_json_member_cstr(j, "$schema",
			    "https://json.schemastore.org/sarif-2.1.0.json");
	pd_json_break(j, "\n ");
	pd_json_member_cstr(j, "version", "2.1.0");
	pd_json_break(j, "\n ");
	pd_json_member_array(j, "runs");
	pd_json_begin_object(j);
	pd_json_member_object(j, "tool");
	pd_json_member_object(j, "driver");
	pd_json_member_cstr(j, "name", "profdiff");
	pd_json_member_cstr(j, "version", PD_VERSION);
	pd_json_member_array(j, "rules");
	for (k = 0; k < PD_RULE_COUNT; k++) {
		const pd_rule_def *d = pd_rule_get((pd_rule_id)k);

		pd_json_break(j, "\n   ");
		pd_json_begin_object(j);
		pd_json_member_enum(j, "id", d->name);
		pd_json_member_object(j, "shortDescription");
		pd_json_member_cstr(j, "text", d->summary);
		pd_json_end_object(j);
		pd_json_member_object(j, "defaultConfiguration");
		pd_json_member_enum(j, "level", d->severity == PD_SEV_OFF
							? "none"
							: level(d->severity));
		pd_json_end_object(j);
		pd_json_end_object(j);
	}
	pd_json_end_array(j);
	pd_json_end_object(j);
	pd_json_end_object(j);
	pd_json_break(j, "\n  ");
	pd_json_member_array(j, "results");
}

/* The document's end, after its results. */
static void sarif_end(pd_json *j)
{
	pd_json_break(j, "\n  ");
	pd_json_end_array(j);
	pd_json_end_object(j);
	pd_json_end_array(j);
	pd_json_end_object(j);
	pd_buf_putc(j->out, '\n');
}

static void sarif_lint_begin(pd_buf *out)
{
	pd_json j;

	pd_json_init(&j, out);
	sarif_head(&j);
}

/* One result, after its break, of the file whose path `uri` is (as a
 * JSON string: escaped once for all the file's results); `about`: a
 * partial fingerprint of what the finding is about, so that code
 * scanning follows it across commits. */
static void result(pd_json *j, const pd_buf *uri, const pd_finding *f,
		   bool about)
{
	pd_json_break(j, "\n   ");
	pd_json_begin_object(j);
	pd_json_member_enum(j, "ruleId", pd_rule_get(f->rule)->name);
	pd_json_member_uint(j, "ruleIndex", (unsigned)f->rule);
	pd_json_member_enum(j, "level", level(f->severity));
	pd_json_member_object(j, "message");
	pd_json_member_cstr(j, "text", f->message);
	pd_json_end_object(j);
	pd_json_member_array(j, "locations");
	pd_json_begin_object(j);
	pd_json_member_object(j, "physicalLocation");
	pd_json_member_object(j, "artifactLocation");
	pd_json_name(j, "uri");
	pd_json_value_raw(j, uri->ptr, uri->len);
	pd_json_end_object(j);
	if (f->pos.line) {
		pd_json_member_object(j, "region");
		pd_json_member_uint(j, "startLine", f->pos.line);
		pd_json_member_uint(j, "startColumn",
				    f->pos.col ? f->pos.col : 1);
		pd_json_end_object(j);
	}
	pd_json_end_object(j);
	pd_json_end_object(j);
	pd_json_end_array(j);
	if (about) {
		char fp[128];

		snprintf(fp, sizeof(fp), "%s/%016llx",
			 pd_rule_get(f->rule)->name,
			 (unsigned long long)f->about);
		pd_json_member_object(j, "partialFingerprints");
		pd_json_member_cstr(j, "profdiffAbout/v1", fp);
		pd_json_end_object(j);
	}
	pd_json_end_object(j);
}

/* One file's results, nothing for a file without findings, without the
 * comma that goes before each but the first (pd_render_lint_separator). */
static void sarif_lint_file(pd_buf *out, const pd_lint_report *file,
			    const pd_render_options *opts)
{
	const pd_lint_result *r = file->result;
	pd_buf uri = PD_BUF_INIT;
	pd_json j;
	size_t k;

	(void)opts;
	if (!r->nfindings)
		return;
	pd_json_cstr(&uri, file->path);
	pd_json_init_within(&j, out, RESULTS_DEPTH, false);
	for (k = 0; k < r->nfindings; k++)
		result(&j, &uri, &r->findings[k], false);
	if (pd_buf_ok(&uri) < 0)
		out->failed = true;
	pd_buf_free(&uri);
}

/* The findings the update introduces, where they stand in its head. */
static void sarif_review(pd_buf *out, const pd_review *r,
			 const pd_render_options *opts)
{
	pd_buf uri = PD_BUF_INIT;
	pd_json j;
	size_t i, k;

	(void)opts;
	pd_json_init(&j, out);
	sarif_head(&j);
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_clear(&uri);
		pd_json_cstr(&uri, e->path);
		for (k = 0; k < e->lint.nintroduced; k++)
			result(&j, &uri, e->lint.introduced[k], true);
	}
	if (pd_buf_ok(&uri) < 0)
		out->failed = true;
	pd_buf_free(&uri);
	sarif_end(&j);
}

static void sarif_lint_end(pd_buf *out, const pd_lint_tally *t)
{
	size_t findings = t->count[PD_SEV_INFO] + t->count[PD_SEV_WARNING] +
			  t->count[PD_SEV_ERROR];
	pd_json j;

	pd_json_init_within(&j, out, RESULTS_DEPTH, findings > 0);
	sarif_end(&j);
}

const pd_renderer pd_render_sarif = {
	.lint_begin = sarif_lint_begin,
	.lint_file = sarif_lint_file,
	.lint_end = sarif_lint_end,
	.lint_separator = ",",
	.review = sarif_review,
};
