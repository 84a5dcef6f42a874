/*
 * render_json.c: the stable JSON interfaces.
 *
 * Lint, profdiff.lint.v1:
 *   {"schema": "profdiff.lint.v1",
 *    "files": [{"path", "findings": [{"rule", "severity", "line",
 *               "column", "message", "footnote", "text", "count"}]}],
 *    "summary": {"error", "warning", "info"}}
 *
 * Diff, profdiff.diff.v1 (DESIGN.md section 7):
 *   {"schema": "profdiff.diff.v1", "profile", "country",
 *    "from": {"revision", "commit", "path", "last_updated"}, "to": {...},
 *    "summary": {"changes", "substantive", "editorial", "kinds": {...}},
 *    "changes": [{"kind", "section", ...the fields of its kind}]}
 */
#include <string.h>

#include "profdiff/diff.h"
#include "render_internal.h"

/* Lint: the head, each file's piece and the end are written apart (the
 * files on the threads that lint them), each by a writer of its own that
 * starts where the document stands: a file's within the files' array. */
#define LINT_FILES_DEPTH 2

void render_lint_json_begin(pd_buf *out)
{
	pd_json j;

	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.lint.v1");
	pd_json_member_array(&j, "files");
}

static void finding_json(pd_json *j, const pd_finding *f)
{
	pd_json_begin_object(j);
	pd_json_member_enum(j, "rule", pd_rule_get(f->rule)->name);
	pd_json_member_enum(j, "severity", pd_severity_name(f->severity));
	pd_json_member_uint(j, "line", f->pos.line);
	pd_json_member_uint(j, "column", f->pos.col);
	pd_json_member_cstr(j, "message", f->message);
	pd_json_name(j, "footnote");
	if (f->footnote)
		pd_json_value_uint(j, f->footnote);
	else
		pd_json_value_null(j);
	pd_json_member_cstr(j, "text", f->text);
	pd_json_member_uint(j, "count", f->count);
	pd_json_end_object(j);
}

/* {"error": n, "warning": n, "info": n} */
static void severities_json(pd_json *j, const size_t count[])
{
	pd_json_begin_object(j);
	pd_json_member_uint(j, "error", count[PD_SEV_ERROR]);
	pd_json_member_uint(j, "warning", count[PD_SEV_WARNING]);
	pd_json_member_uint(j, "info", count[PD_SEV_INFO]);
	pd_json_end_object(j);
}

/* One file, without the comma that goes before every file but the first
 * (pd_render_lint_separator). */
void render_lint_json_file(pd_buf *out, const pd_lint_report *file)
{
	const pd_lint_result *r = file->result;
	pd_json j;
	size_t k;

	pd_json_init_within(&j, out, LINT_FILES_DEPTH, false);
	pd_json_break(&j, "\n  ");
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "path", file->path);
	pd_json_member_array(&j, "findings");
	for (k = 0; k < r->nfindings; k++) {
		pd_json_break(&j, "\n    ");
		finding_json(&j, &r->findings[k]);
	}
	pd_json_break(&j, "\n  ");
	pd_json_end_array(&j);
	pd_json_end_object(&j);
}

void render_lint_json_end(pd_buf *out, const pd_lint_tally *t)
{
	pd_json j;

	pd_json_init_within(&j, out, LINT_FILES_DEPTH, t->files > 0);
	pd_json_break(&j, "\n");
	pd_json_end_array(&j);
	pd_json_name(&j, "summary");
	severities_json(&j, t->count);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
}

/* Diffs: profdiff.diff.v1 ------------------------------------------------- */

static void side_json(pd_buf *out, const pd_diff_side *s)
{
	char date[11];

	pd_buf_puts(out, "{\"revision\": ");
	pd_json_cstr(out, s->revision);
	pd_buf_puts(out, ", \"commit\": ");
	pd_json_cstr(out, s->commit);
	pd_buf_puts(out, ", \"path\": ");
	pd_json_cstr(out, s->path);
	pd_buf_puts(out, ", \"last_updated\": ");
	if (s->profile && s->profile->last_updated.year) {
		pd_date_format(s->profile->last_updated, date);
		pd_json_cstr(out, date);
	} else {
		pd_buf_puts(out, "null");
	}
	pd_buf_putc(out, '}');
}

static void source_json(pd_buf *out, const pd_source_ref *s)
{
	pd_buf_puts(out, "{\"label\": ");
	pd_json_cstr(out, s->label);
	pd_buf_puts(out, ", \"url\": ");
	pd_json_cstr(out, s->url);
	pd_buf_puts(out, ", \"accessed\": ");
	pd_json_cstr(out, s->accessed);
	pd_buf_putc(out, '}');
}

static void labels_json(pd_buf *out, const pd_source_ref *v, size_t n)
{
	size_t i;

	pd_buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		if (i)
			pd_buf_puts(out, ", ");
		pd_json_cstr(out, v[i].label);
	}
	pd_buf_putc(out, ']');
}

static void fields_json(pd_buf *out, const pd_change *c)
{
	size_t i;

	pd_buf_puts(out, ", \"fields\": {");
	for (i = 0; i < c->nfields; i++) {
		if (i)
			pd_buf_puts(out, ", ");
		pd_json_cstr(out, c->fields[i].field);
		pd_buf_puts(out, ": [");
		pd_json_cstr(out, c->fields[i].from);
		pd_buf_puts(out, ", ");
		pd_json_cstr(out, c->fields[i].to);
		pd_buf_putc(out, ']');
	}
	pd_buf_putc(out, '}');
}

static void law_json(pd_buf *out, const pd_law *l)
{
	pd_buf_puts(out, ", \"law\": {\"name\": ");
	pd_json_cstr(out, l->name);
	if (l->year)
		pd_buf_printf(out, ", \"year\": %d", l->year);
	else
		pd_buf_puts(out, ", \"year\": null");
	pd_buf_printf(out, ", \"type\": \"%s\", \"status\": \"%s\"",
		      pd_law_type_name(l->type), pd_law_status_name(l->status));
	if (l->date.year) {
		char date[11];

		pd_date_format(l->date, date);
		pd_buf_printf(out, ", \"date\": \"%s\"", date);
	}
	if (l->replaced_by) {
		pd_buf_puts(out, ", \"replaced_by\": ");
		pd_json_cstr(out, l->replaced_by);
	}
	pd_buf_putc(out, '}');
}

static void parts_json(pd_buf *out, const pd_change *c)
{
	size_t i;

	pd_buf_putc(out, '[');
	for (i = 0; i < c->nparts; i++) {
		if (i)
			pd_buf_puts(out, ", ");
		pd_json_cstr(out, c->parts[i]);
	}
	pd_buf_putc(out, ']');
}

void render_change_json(pd_buf *out, const pd_change *c)
{
	size_t i;

	pd_buf_puts(out, "{\"kind\": ");
	pd_json_cstr(out, pd_change_kind_name(c->kind));
	pd_buf_puts(out, ", \"section\": ");
	pd_json_cstr(out, c->section);
	if (c->match) {
		pd_buf_puts(out, ", \"match\": ");
		pd_json_cstr(out, c->match);
	}
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_RENAMED:
		pd_buf_puts(out, ", \"from\": ");
		pd_json_cstr(out, c->from);
		pd_buf_puts(out, ", \"to\": ");
		pd_json_cstr(out, c->to);
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		pd_buf_puts(out, ", \"title\": ");
		pd_json_cstr(out, c->text);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		law_json(out, c->law);
		break;
	case PD_CHANGE_LAW_CHANGED:
		pd_buf_puts(out, ", \"law\": ");
		pd_json_cstr(out, c->law->name);
		fields_json(out, c);
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
		pd_buf_puts(out, ", \"treaty\": ");
		pd_json_cstr(out, c->treaty);
		pd_buf_puts(out, ", \"status\": ");
		pd_json_cstr(out, c->status);
		break;
	case PD_CHANGE_TREATY_CHANGED:
		pd_buf_puts(out, ", \"treaty\": ");
		pd_json_cstr(out, c->treaty);
		pd_buf_puts(out, ", \"from\": ");
		pd_json_cstr(out, c->from);
		pd_buf_puts(out, ", \"to\": ");
		pd_json_cstr(out, c->to);
		if (c->nfields)
			fields_json(out, c);
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_puts(out, ", \"text\": ");
		pd_json_cstr(out, c->text);
		pd_buf_puts(out, ", \"sources\": ");
		labels_json(out, c->sources, c->nsources);
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		pd_buf_puts(out, ", \"from\": ");
		pd_json_cstr(out, c->from);
		pd_buf_puts(out, ", \"to\": ");
		pd_json_cstr(out, c->to);
		pd_buf_printf(out,
			      ", \"similarity\": %.3f, \"editorial\": %s, "
			      "\"factual\": %s, \"words\": ",
			      c->similarity, c->editorial ? "true" : "false",
			      c->factual ? "true" : "false");
		if (c->budget_cut) {
			pd_buf_puts(out, "null, \"budget\": \"no word diff: "
					 "the sentences are too long\"");
			break;
		}
		pd_buf_putc(out, '[');
		for (i = 0; i < c->nwords; i++) {
			pd_buf_printf(out, "%s[\"%c\", ", i ? ", " : "",
				      c->words[i].op);
			pd_json_cstr(out, c->words[i].text);
			pd_buf_putc(out, ']');
		}
		pd_buf_putc(out, ']');
		break;
	case PD_CHANGE_CLAIM_MOVED:
		pd_buf_puts(out, ", \"text\": ");
		pd_json_cstr(out, c->text);
		pd_buf_puts(out, ", \"from_section\": ");
		pd_json_cstr(out, c->from);
		pd_buf_puts(out, ", \"to_section\": ");
		pd_json_cstr(out, c->to);
		pd_buf_printf(out,
			      ", \"from_paragraph\": %zu, \"to_paragraph\": %zu, "
			      "\"editorial\": %s",
			      c->from_paragraph, c->to_paragraph,
			      c->editorial ? "true" : "false");
		break;
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		pd_buf_puts(out, ", \"from\": ");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT)
			pd_json_cstr(out, c->from);
		else
			parts_json(out, c);
		pd_buf_puts(out, ", \"to\": ");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT)
			parts_json(out, c);
		else
			pd_json_cstr(out, c->to);
		pd_buf_printf(out, ", \"editorial\": %s, \"factual\": %s",
			      c->editorial ? "true" : "false",
			      c->factual ? "true" : "false");
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_buf_puts(out, ", \"text\": ");
		pd_json_cstr(out, c->text);
		pd_buf_puts(out, ", \"added\": ");
		labels_json(out, c->sources, c->nsources);
		pd_buf_puts(out, ", \"removed\": ");
		labels_json(out, c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		pd_buf_puts(out, ", \"source\": ");
		source_json(out, &c->source);
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		pd_buf_puts(out, ", \"source\": ");
		pd_json_cstr(out, c->source.label);
		fields_json(out, c);
		break;
	default:
		break;
	}
	pd_buf_putc(out, '}');
}

/* {"changes", "substantive", "editorial", "kinds": {kind: count}}; all
 * 0 for no diff. */
static void diff_summary_json(pd_buf *out, const pd_diff *d)
{
	size_t i;
	bool first = true;

	pd_buf_printf(out,
		      "{\"changes\": %zu, \"substantive\": %zu, "
		      "\"editorial\": %zu, \"kinds\": {",
		      d ? d->nchanges : 0, d ? d->substantive : 0,
		      d ? d->editorial : 0);
	for (i = 0; d && i < PD_CHANGE_KIND_COUNT; i++) {
		if (!d->count[i])
			continue;
		pd_buf_printf(out, "%s\"%s\": %zu", first ? "" : ", ",
			      pd_change_kind_name((pd_change_kind)i),
			      d->count[i]);
		first = false;
	}
	pd_buf_puts(out, "}}");
}

void render_diff_json(pd_buf *out, const pd_diff_report *r)
{
	const pd_diff *d = r->diff;
	const pd_profile *p = r->to.profile ? r->to.profile : r->from.profile;
	size_t i;

	pd_buf_puts(out, "{\"schema\": \"profdiff.diff.v1\", \"profile\": ");
	pd_json_cstr(out, r->profile);
	pd_buf_puts(out, ", \"country\": ");
	pd_json_cstr(out, p ? p->country : NULL);
	pd_buf_puts(out, ",\n \"from\": ");
	side_json(out, &r->from);
	pd_buf_puts(out, ",\n \"to\": ");
	side_json(out, &r->to);
	pd_buf_puts(out, ",\n \"summary\": ");
	diff_summary_json(out, d);
	pd_buf_puts(out, ",\n \"changes\": [");
	for (i = 0; i < d->nchanges; i++) {
		pd_buf_puts(out, i ? ",\n  " : "\n  ");
		render_change_json(out, &d->changes[i]);
	}
	pd_buf_puts(out, d->nchanges ? "\n ]}\n" : "]}\n");
}

/* Changelogs: profdiff.changelog.v1 ---------------------------------------- */

static void date_json(pd_buf *out, pd_date d)
{
	char s[11];

	if (!d.year) {
		pd_buf_puts(out, "null");
		return;
	}
	pd_date_format(d, s);
	pd_json_cstr(out, s);
}

void changelog_body_json(pd_buf *out, const pd_changelog_entry *e)
{
	size_t k;

	for (k = 0; e->diff && k < e->diff->nchanges; k++) {
		pd_buf_puts(out, k ? ",\n    " : "\n    ");
		render_change_json(out, &e->diff->changes[k]);
	}
}

void render_changelog_json(pd_buf *out, const pd_changelog *cl,
			   render_sink *sink)
{
	size_t i;

	pd_buf_puts(out, "{\"schema\": \"profdiff.changelog.v1\", \"since\": ");
	date_json(out, cl->since);
	pd_buf_puts(out, ", \"until\": ");
	date_json(out, cl->until);
	pd_buf_puts(out, ", \"entries\": [");
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];

		pd_buf_puts(out, i ? ",\n  {" : "\n  {");
		pd_buf_puts(out, "\"profile\": ");
		pd_json_cstr(out, e->profile);
		pd_buf_puts(out, ", \"country\": ");
		pd_json_cstr(out, e->country);
		pd_buf_puts(out, ", \"revision\": {\"date\": ");
		date_json(out, e->date);
		pd_buf_puts(out, ", \"commit\": ");
		pd_json_cstr(out, e->commit);
		pd_buf_puts(out, ", \"author\": ");
		pd_json_cstr(out, e->author);
		pd_buf_printf(out, ", \"time\": %lld}", (long long)e->time);
		pd_buf_puts(out, ", \"previous\": ");
		if (e->previous_commit) {
			pd_buf_puts(out, "{\"date\": ");
			date_json(out, e->previous);
			pd_buf_puts(out, ", \"commit\": ");
			pd_json_cstr(out, e->previous_commit);
			pd_buf_putc(out, '}');
		} else {
			pd_buf_puts(out, "null");
		}
		pd_buf_printf(out,
			      ", \"first\": %s, \"summary\": {\"changes\": "
			      "%zu, \"substantive\": %zu, \"editorial\": %zu}",
			      entry_first(e) ? "true" : "false", entry_changes(e),
			      entry_substantive(e), entry_editorial(e));
		pd_buf_puts(out, ", \"changes\": [");
		entry_body(out, e, PD_FORMAT_JSON, changelog_body_json);
		pd_buf_puts(out, entry_changes(e) ? "\n  ]}" : "]}");
		render_flush(out, sink, false);
	}
	pd_buf_puts(out, cl->n ? "\n]}\n" : "]}\n");
}

/* Reviews: profdiff.review.v1 --------------------------------------------------- */

static void review_side_json(pd_buf *out, const pd_review_side *s)
{
	pd_buf_puts(out, "{\"rev\": ");
	pd_json_cstr(out, s->rev);
	pd_buf_puts(out, ", \"commit\": ");
	pd_json_cstr(out, s->commit);
	pd_buf_putc(out, '}');
}

static void updated_json(pd_buf *out, const pd_profile *p)
{
	pd_buf_puts(out, "{\"last_updated\": ");
	if (p && p->last_updated.year)
		date_json(out, p->last_updated);
	else
		pd_buf_puts(out, "null");
	pd_buf_putc(out, '}');
}

static void findings_json(pd_buf *out, const pd_finding *const *v, size_t n)
{
	pd_json j;
	size_t i;

	pd_buf_putc(out, '[');
	for (i = 0; i < n; i++) {
		pd_buf_puts(out, i ? ",\n      " : "\n      ");
		pd_json_init(&j, out);
		finding_json(&j, v[i]);
	}
	pd_buf_puts(out, n ? "\n     ]" : "]");
}

static void severities_buf(pd_buf *out, const size_t count[])
{
	pd_json j;

	pd_json_init(&j, out);
	severities_json(&j, count);
}

static void review_entry_json(pd_buf *out, const pd_review_entry *e)
{
	const pd_diff *d = e->diff;
	size_t i;

	pd_buf_puts(out, "{\"profile\": ");
	pd_json_cstr(out, e->profile);
	pd_buf_puts(out, ", \"path\": ");
	pd_json_cstr(out, e->path);
	if (e->old_path) {
		pd_buf_puts(out, ", \"old_path\": ");
		pd_json_cstr(out, e->old_path);
	}
	pd_buf_puts(out, ", \"status\": ");
	pd_json_cstr(out, pd_review_status_name(e->status));
	pd_buf_puts(out, ", \"parses\": ");
	pd_buf_puts(out, e->to_error ? "false" : "true");
	pd_buf_puts(out, ",\n   \"from\": ");
	updated_json(out, e->from);
	pd_buf_puts(out, ", \"to\": ");
	updated_json(out, e->to);
	pd_buf_puts(out, ",\n   \"changes\": [");
	for (i = 0; d && i < d->nchanges; i++) {
		pd_buf_puts(out, i ? ",\n    " : "\n    ");
		render_change_json(out, &d->changes[i]);
	}
	pd_buf_puts(out, d && d->nchanges ? "\n   ],\n" : "],\n");
	pd_buf_puts(out, "   \"summary\": ");
	diff_summary_json(out, d);
	pd_buf_puts(out, ",\n   \"lint\": {\"introduced\": ");
	findings_json(out, e->lint.introduced, e->lint.nintroduced);
	pd_buf_puts(out, ",\n    \"fixed\": ");
	findings_json(out, e->lint.fixed, e->lint.nfixed);
	pd_buf_printf(out, ", \"unchanged\": %zu}}", e->lint.unchanged);
}

void render_review_json(pd_buf *out, const pd_review *r)
{
	size_t i;

	pd_buf_puts(out, "{\"schema\": \"profdiff.review.v1\",\n \"base\": ");
	review_side_json(out, &r->base);
	pd_buf_puts(out, ", \"head\": ");
	review_side_json(out, &r->head);
	pd_buf_puts(out, ",\n \"profiles\": [");
	for (i = 0; i < r->n; i++) {
		pd_buf_puts(out, i ? ",\n  " : "\n  ");
		review_entry_json(out, &r->entries[i]);
	}
	pd_buf_printf(out,
		      "%s,\n \"summary\": {\"profiles\": %zu, \"changes\": %zu, "
		      "\"substantive\": %zu, \"broken\": %zu, \"introduced\": ",
		      r->n ? "\n ]" : "]", r->n, r->changes, r->substantive,
		      r->broken);
	severities_buf(out, r->introduced);
	pd_buf_puts(out, ", \"fixed\": ");
	severities_buf(out, r->fixed);
	pd_buf_puts(out, "}}\n");
}

/* Overviews: profdiff.overview.v1 ------------------------------------------------ */

void render_overview_json(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t;

	pd_buf_puts(out, "{\"schema\": \"profdiff.overview.v1\", \"since\": ");
	date_json(out, o->since);
	pd_buf_puts(out, ",\n \"treaties\": [");
	for (t = 0; t < nt; t++) {
		pd_buf_puts(out, t ? ", " : "");
		pd_json_cstr(out, pd_vocab_get(o->vocab, t)->id);
	}
	pd_buf_puts(out, "],\n \"profiles\": [");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];
		bool first = true;

		pd_buf_puts(out, i ? ",\n  {\"profile\": " : "\n  {\"profile\": ");
		pd_json_cstr(out, r->profile);
		pd_buf_puts(out, ", \"country\": ");
		pd_json_cstr(out, r->country);
		pd_buf_puts(out, ", \"last_updated\": ");
		date_json(out, r->last_updated);
		pd_buf_puts(out, ", \"commit\": ");
		pd_json_cstr(out, r->commit);
		pd_buf_puts(out, ",\n   \"treaties\": {");
		for (t = 0; t < nt && t < r->ntreaties; t++) {
			const pd_overview_treaty *x = &r->treaties[t];

			pd_buf_puts(out, first ? "" : ",\n     ");
			first = false;
			pd_json_cstr(out, pd_vocab_get(o->vocab, t)->id);
			pd_buf_puts(out, ": {\"status\": ");
			pd_json_cstr(out, x->listed ? pd_treaty_status_name(
							      x->status)
						    : NULL);
			pd_buf_puts(out, ", \"via\": ");
			pd_json_cstr(out, x->listed && x->via != PD_VIA_NONE
						  ? pd_treaty_via_name(x->via)
						  : NULL);
			pd_buf_puts(out, ", \"date\": ");
			date_json(out, x->listed ? x->date : (pd_date){0, 0, 0});
			pd_buf_puts(out, ", \"changed\": ");
			date_json(out, x->changed);
			pd_buf_puts(out, x->recent ? ", \"recent\": true}"
						   : ", \"recent\": false}");
		}
		pd_buf_puts(out, "},\n   \"laws\": [");
		for (t = 0; t < r->nlaws; t++) {
			const pd_overview_law *l = &r->laws[t];

			pd_buf_puts(out, t ? ",\n     {\"name\": " : "{\"name\": ");
			pd_json_cstr(out, l->name);
			pd_buf_puts(out, ", \"status\": ");
			pd_json_cstr(out, pd_law_status_name(l->status));
			pd_buf_puts(out, ", \"year\": ");
			if (l->year)
				pd_buf_printf(out, "%d", l->year);
			else
				pd_buf_puts(out, "null");
			pd_buf_puts(out, ", \"changed\": ");
			date_json(out, l->changed);
			pd_buf_puts(out, l->recent ? ", \"recent\": true}"
						   : ", \"recent\": false}");
		}
		pd_buf_puts(out, "],\n   \"lint\": ");
		severities_buf(out, r->lint);
		pd_buf_putc(out, '}');
	}
	pd_buf_puts(out, o->n ? "\n ]}\n" : "]}\n");
}

/* Blames: profdiff.blame.v1 -------------------------------------------------------- */

static void blame_rev_json(pd_buf *out, const pd_blame_rev *rv)
{
	pd_buf_puts(out, "{\"date\": ");
	date_json(out, rv->date);
	pd_buf_puts(out, ", \"commit\": ");
	pd_json_cstr(out, rv->commit);
	pd_buf_puts(out, ", \"author\": ");
	pd_json_cstr(out, rv->author);
}

static void blame_json(pd_buf *out, const pd_blame_report *r)
{
	const pd_blame *b = r->blame;
	const pd_blame_rev *last = b->nrevs ? &b->revs[b->nrevs - 1] : NULL;
	size_t i, k;

	pd_buf_puts(out, "{\"schema\": \"profdiff.blame.v1\", \"profile\": ");
	pd_json_cstr(out, r->profile);
	pd_buf_puts(out, ", \"path\": ");
	pd_json_cstr(out, r->path);
	pd_buf_puts(out, ", \"country\": ");
	pd_json_cstr(out, r->country);
	pd_buf_puts(out, ",\n \"revision\": {\"date\": ");
	date_json(out, b->last_updated);
	pd_buf_puts(out, ", \"commit\": ");
	pd_json_cstr(out, last ? last->commit : NULL);
	pd_buf_puts(out, "},\n \"claims\": [");
	for (i = 0; i < b->nclaims; i++) {
		const pd_blame_claim *c = &b->claims[i];

		pd_buf_puts(out, i ? ",\n  {\"section\": " : "\n  {\"section\": ");
		pd_json_cstr(out, c->section);
		pd_buf_puts(out, ", \"text\": ");
		pd_json_cstr(out, c->text);
		pd_buf_puts(out, ", \"sources\": [");
		for (k = 0; k < c->nsources; k++) {
			pd_buf_puts(out, k ? ", " : "");
			source_json(out, &c->sources[k]);
		}
		pd_buf_puts(out, "],\n   \"introduced\": ");
		blame_rev_json(out, &b->revs[c->introduced]);
		pd_buf_puts(out, "}, \"changed\": ");
		if (c->changed >= 0) {
			blame_rev_json(out, &b->revs[c->changed]);
			pd_buf_puts(out, ", \"kind\": ");
			pd_json_cstr(out, pd_blame_kind_name(c->kind));
			pd_buf_puts(out, c->factual ? ", \"factual\": true}"
						    : ", \"factual\": false}");
		} else {
			pd_buf_puts(out, "null");
		}
		if (r->stale_months)
			pd_buf_puts(out, c->stale ? ", \"stale\": true"
						  : ", \"stale\": false");
		pd_buf_putc(out, '}');
	}
	pd_buf_printf(out, "%s,\n \"summary\": {\"claims\": %zu, "
			   "\"revisions\": %zu, \"changed\": ",
		      b->nclaims ? "\n ]" : "]", b->nclaims, b->nrevs);
	for (i = 0, k = 0; i < b->nclaims; i++)
		k += b->claims[i].changed >= 0;
	pd_buf_printf(out, "%zu", k);
	if (r->stale_months) {
		const char *sec = NULL;
		size_t nsec = 0;

		pd_buf_printf(out, ", \"stale_months\": %d, \"stale\": %zu, "
				   "\"stale_by_section\": {",
			      r->stale_months, b->stale);
		for (i = 0; i < b->nclaims; i++) {
			const pd_blame_claim *c = &b->claims[i];

			if (sec && strcmp(sec, c->section) == 0)
				continue;
			sec = c->section;
			for (k = i, nsec = 0; k < b->nclaims &&
					      strcmp(b->claims[k].section, sec) == 0;
			     k++)
				nsec += b->claims[k].stale;
			pd_buf_puts(out, i ? ", " : "");
			pd_json_cstr(out, sec);
			pd_buf_printf(out, ": %zu", nsec);
		}
		pd_buf_putc(out, '}');
	}
	pd_buf_puts(out, "}}");
}

void render_blame_json(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n)
{
	if (n == 1) {
		blame_json(out, r);
		pd_buf_putc(out, '\n');
		return;
	}
	pd_buf_puts(out, i ? ",\n" : "[\n");
	blame_json(out, r);
	if (i + 1 == n)
		pd_buf_puts(out, "\n]\n");
}
