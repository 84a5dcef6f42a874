/*
 * render_json.c: the stable JSON interfaces, written by base's streaming
 * writer (json.h), each document's layout (a line a file, a finding, a
 * change, a claim) given by its breaks.
 *
 * Lint, profdiff.lint.v1:
 *   {"schema": "profdiff.lint.v1",
 *    "files": [{"path", "findings": [{"rule", "severity", "line",
 *               "column", "message", "footnote", "text", "count"}]}],
 *    "summary": {"error", "warning", "info"}}
 *
 * Diff, profdiff.diff.v1 (docs/DESIGN.md, section 7):
 *   {"schema": "profdiff.diff.v1", "profile", "country",
 *    "from": {"revision", "commit", "path", "last_updated"}, "to": {...},
 *    "summary": {"changes", "substantive", "editorial", "reworded",
 *                "moved", "date", "kinds": {...}},
 *    "changes": [{"kind", "section", ...the fields of its kind}]}
 *   A rewording, split or merge also says its "class" (factual,
 *   editorial or reworded) and "why" (the rule that decided it).
 *
 * Changelog (profdiff.changelog.v1), review (profdiff.review.v1),
 * overview (profdiff.overview.v1) and blame (profdiff.blame.v1) follow,
 * each with its schema's name first.
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/diff.h"
#include "render_internal.h"

/* Lint: the head, each file's piece and the end are written apart (the
 * files on the threads that lint them), each by a writer of its own that
 * starts where the document stands: a file's within the files' array. */
#define LINT_FILES_DEPTH 2

static void json_lint_begin(pd_buf *out)
{
	pd_json j;

	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.lint.v1");
	pd_json_member_array(&j, "files");
}

static void finding_value(pd_json *j, const pd_finding *f)
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
static void severities_value(pd_json *j, const size_t count[])
{
	pd_json_begin_object(j);
	pd_json_member_uint(j, "error", count[PD_SEV_ERROR]);
	pd_json_member_uint(j, "warning", count[PD_SEV_WARNING]);
	pd_json_member_uint(j, "info", count[PD_SEV_INFO]);
	pd_json_end_object(j);
}

/* One file, without the comma that goes before every file but the first
 * (pd_render_lint_separator). */
static void json_lint_file(pd_buf *out, const pd_lint_report *file,
			   const pd_render_options *opts)
{
	const pd_lint_result *r = file->result;
	pd_json j;
	size_t k;

	(void)opts;
	pd_json_init_within(&j, out, LINT_FILES_DEPTH, false);
	pd_json_break(&j, "\n  ");
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "path", file->path);
	pd_json_member_array(&j, "findings");
	for (k = 0; k < r->nfindings; k++) {
		pd_json_break(&j, "\n    ");
		finding_value(&j, &r->findings[k]);
	}
	pd_json_break(&j, "\n  ");
	pd_json_end_array(&j);
	pd_json_end_object(&j);
}

static void json_lint_end(pd_buf *out, const pd_lint_tally *t)
{
	pd_json j;

	pd_json_init_within(&j, out, LINT_FILES_DEPTH, t->files > 0);
	pd_json_break(&j, "\n");
	pd_json_end_array(&j);
	pd_json_name(&j, "summary");
	severities_value(&j, t->count);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
}

/* Diffs: profdiff.diff.v1 ------------------------------------------------- */

/* A date as a string ("2026-01-20"), or null for none (year 0). */
static void date_value(pd_json *j, pd_date d)
{
	char s[11];

	if (!d.year) {
		pd_json_value_null(j);
		return;
	}
	pd_date_format(d, s);
	pd_json_value_cstr(j, s);
}

static void side_value(pd_json *j, const pd_diff_side *s)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "revision", s->revision);
	pd_json_member_cstr(j, "commit", s->commit);
	pd_json_member_cstr(j, "path", s->path);
	pd_json_name(j, "last_updated");
	date_value(j, s->profile ? s->profile->last_updated : (pd_date){0, 0, 0});
	pd_json_end_object(j);
}

static void source_value(pd_json *j, const pd_source_ref *s)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "label", s->label);
	pd_json_member_cstr(j, "url", s->url);
	pd_json_member_cstr(j, "accessed", s->accessed);
	pd_json_end_object(j);
}

/* The sources' labels, as an array. */
static void labels_value(pd_json *j, const pd_source_ref *v, size_t n)
{
	size_t i;

	pd_json_begin_array(j);
	for (i = 0; i < n; i++)
		pd_json_value_cstr(j, v[i].label);
	pd_json_end_array(j);
}

/* "fields": {field: [before, after], ...} */
static void fields_member(pd_json *j, const pd_change *c)
{
	size_t i;

	pd_json_member_object(j, "fields");
	for (i = 0; i < c->nfields; i++) {
		pd_json_key(j, c->fields[i].field);
		pd_json_begin_array(j);
		pd_json_value_cstr(j, c->fields[i].from);
		pd_json_value_cstr(j, c->fields[i].to);
		pd_json_end_array(j);
	}
	pd_json_end_object(j);
}

static void law_member(pd_json *j, const pd_law *l)
{
	pd_json_member_object(j, "law");
	pd_json_member_cstr(j, "name", l->name);
	pd_json_name(j, "year");
	if (l->year)
		pd_json_value_int(j, l->year);
	else
		pd_json_value_null(j);
	pd_json_member_enum(j, "type", pd_law_type_name(l->type));
	pd_json_member_enum(j, "status", pd_law_status_name(l->status));
	if (l->date.year) {
		pd_json_name(j, "date");
		date_value(j, l->date);
	}
	if (l->replaced_by)
		pd_json_member_cstr(j, "replaced_by", l->replaced_by);
	pd_json_end_object(j);
}

/* A rewording's class and the rule that decided it. */
static void class_members(pd_json *j, const pd_change *c)
{
	pd_json_member_cstr(j, "class", c->factual     ? "factual"
					: c->editorial ? "editorial"
						       : "reworded");
	pd_json_member_cstr(j, "why", c->why);
}

/* A split's or a merge's claims, as an array. */
static void parts_value(pd_json *j, const pd_change *c)
{
	size_t i;

	pd_json_begin_array(j);
	for (i = 0; i < c->nparts; i++)
		pd_json_value_cstr(j, c->parts[i]);
	pd_json_end_array(j);
}

static void words_member(pd_json *j, const pd_change *c)
{
	size_t i;

	pd_json_name(j, "words");
	if (c->budget_cut) {
		pd_json_value_null(j);
		pd_json_member_cstr(j, "budget",
				    "no word diff: the sentences are too long");
		return;
	}
	pd_json_begin_array(j);
	for (i = 0; i < c->nwords; i++) {
		pd_json_begin_array(j);
		pd_json_value_string(j, &c->words[i].op, 1);
		pd_json_value_cstr(j, c->words[i].text);
		pd_json_end_array(j);
	}
	pd_json_end_array(j);
}

static void change_value(pd_json *j, const pd_change *c)
{
	char similarity[32];

	pd_json_begin_object(j);
	pd_json_member_enum(j, "kind", pd_change_kind_name(c->kind));
	pd_json_member_cstr(j, "section", c->section);
	if (c->match)
		pd_json_member_cstr(j, "match", c->match);
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_RENAMED:
		pd_json_member_cstr(j, "from", c->from);
		pd_json_member_cstr(j, "to", c->to);
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		pd_json_member_cstr(j, "title", c->text);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		law_member(j, c->law);
		break;
	case PD_CHANGE_LAW_CHANGED:
		pd_json_member_cstr(j, "law", c->law->name);
		fields_member(j, c);
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
		pd_json_member_cstr(j, "treaty", c->treaty);
		pd_json_member_cstr(j, "status", c->status);
		break;
	case PD_CHANGE_TREATY_CHANGED:
		pd_json_member_cstr(j, "treaty", c->treaty);
		pd_json_member_cstr(j, "from", c->from);
		pd_json_member_cstr(j, "to", c->to);
		if (c->nfields)
			fields_member(j, c);
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_json_member_cstr(j, "text", c->text);
		pd_json_name(j, "sources");
		labels_value(j, c->sources, c->nsources);
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		pd_json_member_cstr(j, "from", c->from);
		pd_json_member_cstr(j, "to", c->to);
		pd_json_name(j, "similarity");
		pd_json_value_raw(j, similarity,
				  (size_t)snprintf(similarity,
						   sizeof(similarity), "%.3f",
						   c->similarity));
		pd_json_member_bool(j, "editorial", c->editorial);
		pd_json_member_bool(j, "factual", c->factual);
		class_members(j, c);
		words_member(j, c);
		break;
	case PD_CHANGE_CLAIM_MOVED:
		pd_json_member_cstr(j, "text", c->text);
		pd_json_member_cstr(j, "from_section", c->from);
		pd_json_member_cstr(j, "to_section", c->to);
		pd_json_member_uint(j, "from_paragraph", c->from_paragraph);
		pd_json_member_uint(j, "to_paragraph", c->to_paragraph);
		pd_json_member_bool(j, "editorial", c->editorial);
		break;
	case PD_CHANGE_CLAIM_SPLIT:
		pd_json_member_cstr(j, "from", c->from);
		pd_json_name(j, "to");
		parts_value(j, c);
		pd_json_member_bool(j, "editorial", c->editorial);
		pd_json_member_bool(j, "factual", c->factual);
		class_members(j, c);
		break;
	case PD_CHANGE_CLAIM_MERGED:
		pd_json_name(j, "from");
		parts_value(j, c);
		pd_json_member_cstr(j, "to", c->to);
		pd_json_member_bool(j, "editorial", c->editorial);
		pd_json_member_bool(j, "factual", c->factual);
		class_members(j, c);
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_json_member_cstr(j, "text", c->text);
		pd_json_name(j, "added");
		labels_value(j, c->sources, c->nsources);
		pd_json_name(j, "removed");
		labels_value(j, c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		pd_json_name(j, "source");
		source_value(j, &c->source);
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		pd_json_member_cstr(j, "source", c->source.label);
		fields_member(j, c);
		break;
	default:
		break;
	}
	pd_json_end_object(j);
}

/* "substantive", "editorial", "reworded", "moved", "date": the buckets
 * of a summary, which add up to its "changes". */
static void bucket_members(pd_json *j, const size_t *b)
{
	static const pd_bucket order[] = {
		PD_BUCKET_SUBSTANTIVE, PD_BUCKET_EDITORIAL, PD_BUCKET_REWORDED,
		PD_BUCKET_MOVED, PD_BUCKET_DATE};
	size_t k;

	for (k = 0; k < PD_BUCKET_COUNT; k++)
		pd_json_member_uint(j, pd_bucket_name(order[k]),
				    b ? b[order[k]] : 0);
}

/* {"changes", the buckets, "kinds": {kind: count}}; all 0 for no diff. */
static void diff_summary_value(pd_json *j, const pd_diff *d)
{
	size_t i;

	pd_json_begin_object(j);
	pd_json_member_uint(j, "changes", d ? d->nchanges : 0);
	bucket_members(j, d ? d->bucket : NULL);
	pd_json_member_object(j, "kinds");
	for (i = 0; d && i < PD_CHANGE_KIND_COUNT; i++) {
		if (!d->count[i])
			continue;
		pd_json_key(j, pd_change_kind_name((pd_change_kind)i));
		pd_json_value_uint(j, d->count[i]);
	}
	pd_json_end_object(j);
	pd_json_end_object(j);
}

static void json_diff(pd_buf *out, const pd_diff_report *r,
		      const pd_render_options *opts)
{
	const pd_diff *d = r->diff;
	const pd_profile *p = r->to.profile ? r->to.profile : r->from.profile;
	pd_json j;
	size_t i;

	(void)opts;
	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.diff.v1");
	pd_json_member_cstr(&j, "profile", r->profile);
	pd_json_member_cstr(&j, "country", p ? p->country : NULL);
	pd_json_break(&j, "\n ");
	pd_json_name(&j, "from");
	side_value(&j, &r->from);
	pd_json_break(&j, "\n ");
	pd_json_name(&j, "to");
	side_value(&j, &r->to);
	pd_json_break(&j, "\n ");
	pd_json_name(&j, "summary");
	diff_summary_value(&j, d);
	pd_json_break(&j, "\n ");
	pd_json_member_array(&j, "changes");
	for (i = 0; i < d->nchanges; i++) {
		pd_json_break(&j, "\n  ");
		change_value(&j, &d->changes[i]);
	}
	pd_json_break(&j, "\n ");
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
}

/* "messages": a revision's edit summary, oldest first. */
static void messages_member(pd_json *j, const char *const *v, size_t n)
{
	size_t k;

	pd_json_member_array(j, "messages");
	for (k = 0; k < n; k++)
		pd_json_value_cstr(j, v[k]);
	pd_json_end_array(j);
}

/* Changelogs: profdiff.changelog.v1 ---------------------------------------- */

/* An entry's changes lie four containers deep: {"entries": [{"changes":
 * [. They are written by a writer of their own, rendered ahead when the
 * entry is sealed, and spliced into the changelog's. */
#define ENTRY_CHANGES_DEPTH 4

static void json_changelog_body(pd_buf *out, const pd_changelog_entry *e)
{
	pd_json j;
	size_t k;

	pd_json_init_within(&j, out, ENTRY_CHANGES_DEPTH, false);
	for (k = 0; e->diff && k < e->diff->nchanges; k++) {
		pd_json_break(&j, "\n    ");
		change_value(&j, &e->diff->changes[k]);
	}
}

static void json_changelog(pd_buf *out, const pd_changelog *cl,
			   pd_render_flow *flow)
{
	pd_buf body = PD_BUF_INIT;
	pd_json j;
	size_t i;

	/* one writer for the whole changelog, which the sink empties the
	 * buffer of between entries */
	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.changelog.v1");
	pd_json_name(&j, "since");
	date_value(&j, cl->since);
	pd_json_name(&j, "until");
	date_value(&j, cl->until);
	pd_json_member_array(&j, "entries");
	for (i = 0; i < cl->n; i++) {
		const pd_changelog_entry *e = &cl->entries[i];

		pd_json_break(&j, "\n  ");
		pd_json_begin_object(&j);
		pd_json_member_cstr(&j, "profile", e->profile);
		pd_json_member_cstr(&j, "country", e->country);
		pd_json_member_object(&j, "revision");
		pd_json_name(&j, "date");
		date_value(&j, e->date);
		pd_json_member_cstr(&j, "commit", e->commit);
		pd_json_member_cstr(&j, "author", e->author);
		pd_json_member_int(&j, "time", e->time);
		if (cl->messages)
			messages_member(&j, e->messages, e->nmessages);
		pd_json_end_object(&j);
		pd_json_name(&j, "previous");
		if (e->previous_commit) {
			pd_json_begin_object(&j);
			pd_json_name(&j, "date");
			date_value(&j, e->previous);
			pd_json_member_cstr(&j, "commit", e->previous_commit);
			pd_json_end_object(&j);
		} else {
			pd_json_value_null(&j);
		}
		pd_json_member_bool(&j, "first", pd_walk_entry_first(e));
		pd_json_member_object(&j, "summary");
		pd_json_member_uint(&j, "changes", pd_walk_entry_changes(e));
		bucket_members(&j, pd_walk_entry_buckets(e));
		pd_json_end_object(&j);
		pd_json_member_array(&j, "changes");
		pd_buf_clear(&body);
		pd_walk_entry_body(&body, e, PD_FORMAT_JSON,
				   json_changelog_body);
		pd_json_splice(&j, body.ptr, body.len);
		pd_json_break(&j, "\n  ");
		pd_json_end_array(&j);
		pd_json_end_object(&j);
		pd_render_flush(out, flow, false);
	}
	pd_json_break(&j, "\n");
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
	if (pd_buf_ok(&body) < 0)
		out->failed = true;
	pd_buf_free(&body);
}

/* Reviews: profdiff.review.v1 --------------------------------------------------- */

static void review_side_value(pd_json *j, const pd_review_side *s)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "rev", s->rev);
	pd_json_member_cstr(j, "commit", s->commit);
	pd_json_end_object(j);
}

/* {"last_updated": date}: null without a profile or a date */
static void updated_value(pd_json *j, const pd_profile *p)
{
	pd_json_begin_object(j);
	pd_json_name(j, "last_updated");
	date_value(j, p ? p->last_updated : (pd_date){0, 0, 0});
	pd_json_end_object(j);
}

/* "name": [findings], a line each */
static void findings_member(pd_json *j, const char *name,
			    const pd_finding *const *v, size_t n)
{
	size_t i;

	pd_json_member_array(j, name);
	for (i = 0; i < n; i++) {
		pd_json_break(j, "\n      ");
		finding_value(j, v[i]);
	}
	pd_json_break(j, "\n     ");
	pd_json_end_array(j);
}

static void review_entry_value(pd_json *j, const pd_review_entry *e)
{
	const pd_diff *d = e->diff;
	size_t i;

	pd_json_begin_object(j);
	pd_json_member_cstr(j, "profile", e->profile);
	pd_json_member_cstr(j, "path", e->path);
	if (e->old_path)
		pd_json_member_cstr(j, "old_path", e->old_path);
	pd_json_member_enum(j, "status", pd_review_status_name(e->status));
	pd_json_member_bool(j, "parses", !e->to_error);
	pd_json_break(j, "\n   ");
	pd_json_name(j, "from");
	updated_value(j, e->from);
	pd_json_name(j, "to");
	updated_value(j, e->to);
	pd_json_break(j, "\n   ");
	pd_json_member_array(j, "changes");
	for (i = 0; d && i < d->nchanges; i++) {
		pd_json_break(j, "\n    ");
		change_value(j, &d->changes[i]);
	}
	pd_json_break(j, "\n   ");
	pd_json_end_array(j);
	pd_json_break(j, "\n   ");
	pd_json_name(j, "summary");
	diff_summary_value(j, d);
	pd_json_break(j, "\n   ");
	pd_json_member_object(j, "lint");
	findings_member(j, "introduced", e->lint.introduced,
			e->lint.nintroduced);
	pd_json_break(j, "\n    ");
	findings_member(j, "fixed", e->lint.fixed, e->lint.nfixed);
	pd_json_member_uint(j, "unchanged", e->lint.unchanged);
	pd_json_end_object(j);
	pd_json_end_object(j);
}

static void json_review(pd_buf *out, const pd_review *r,
			const pd_render_options *opts)
{
	pd_json j;
	size_t i;

	(void)opts;
	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.review.v1");
	pd_json_break(&j, "\n ");
	pd_json_name(&j, "base");
	review_side_value(&j, &r->base);
	pd_json_name(&j, "head");
	review_side_value(&j, &r->head);
	pd_json_break(&j, "\n ");
	pd_json_member_array(&j, "profiles");
	for (i = 0; i < r->n; i++) {
		pd_json_break(&j, "\n  ");
		review_entry_value(&j, &r->entries[i]);
	}
	pd_json_break(&j, "\n ");
	pd_json_end_array(&j);
	pd_json_break(&j, "\n ");
	pd_json_member_object(&j, "summary");
	pd_json_member_uint(&j, "profiles", r->n);
	pd_json_member_uint(&j, "changes", r->changes);
	bucket_members(&j, r->bucket);
	pd_json_member_uint(&j, "broken", r->broken);
	pd_json_name(&j, "introduced");
	severities_value(&j, r->introduced);
	pd_json_name(&j, "fixed");
	severities_value(&j, r->fixed);
	pd_json_end_object(&j);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
}

/* Overviews: profdiff.overview.v1 ------------------------------------------------ */

/* A treaty's cell: {"status", "via", "date", "changed", "recent"}, nulls
 * for a treaty the profile does not list. */
static void overview_treaty_value(pd_json *j, const pd_overview_treaty *x)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "status",
			    x->listed ? pd_treaty_status_name(x->status) : NULL);
	pd_json_member_cstr(j, "via", x->listed && x->via != PD_VIA_NONE
					      ? pd_treaty_via_name(x->via)
					      : NULL);
	pd_json_name(j, "date");
	date_value(j, x->listed ? x->date : (pd_date){0, 0, 0});
	pd_json_name(j, "changed");
	date_value(j, x->changed);
	pd_json_member_bool(j, "recent", x->recent);
	pd_json_end_object(j);
}

static void overview_law_value(pd_json *j, const pd_overview_law *l)
{
	pd_json_begin_object(j);
	pd_json_member_cstr(j, "name", l->name);
	pd_json_member_enum(j, "status", pd_law_status_name(l->status));
	pd_json_name(j, "year");
	if (l->year)
		pd_json_value_int(j, l->year);
	else
		pd_json_value_null(j);
	pd_json_name(j, "changed");
	date_value(j, l->changed);
	pd_json_member_bool(j, "recent", l->recent);
	pd_json_end_object(j);
}

static void json_overview(pd_buf *out, const pd_overview *o)
{
	size_t nt = pd_vocab_count(o->vocab), i, t;
	pd_json j;

	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "schema", "profdiff.overview.v1");
	pd_json_name(&j, "since");
	date_value(&j, o->since);
	pd_json_break(&j, "\n ");
	pd_json_member_array(&j, "treaties");
	for (t = 0; t < nt; t++)
		pd_json_value_cstr(&j, pd_vocab_get(o->vocab, t)->id);
	pd_json_end_array(&j);
	pd_json_break(&j, "\n ");
	pd_json_member_array(&j, "profiles");
	for (i = 0; i < o->n; i++) {
		const pd_overview_row *r = &o->rows[i];

		pd_json_break(&j, "\n  ");
		pd_json_begin_object(&j);
		pd_json_member_cstr(&j, "profile", r->profile);
		pd_json_member_cstr(&j, "country", r->country);
		pd_json_name(&j, "last_updated");
		date_value(&j, r->last_updated);
		pd_json_member_cstr(&j, "commit", r->commit);
		pd_json_break(&j, "\n   ");
		pd_json_member_object(&j, "treaties");
		for (t = 0; t < nt && t < r->ntreaties; t++) {
			if (t)
				pd_json_break(&j, "\n     ");
			pd_json_key(&j, pd_vocab_get(o->vocab, t)->id);
			overview_treaty_value(&j, &r->treaties[t]);
		}
		pd_json_end_object(&j);
		pd_json_break(&j, "\n   ");
		pd_json_member_array(&j, "laws");
		for (t = 0; t < r->nlaws; t++) {
			if (t)
				pd_json_break(&j, "\n     ");
			overview_law_value(&j, &r->laws[t]);
		}
		pd_json_end_array(&j);
		pd_json_break(&j, "\n   ");
		pd_json_name(&j, "lint");
		severities_value(&j, r->lint);
		pd_json_end_object(&j);
	}
	pd_json_break(&j, "\n ");
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
}

/* Blames: profdiff.blame.v1 -------------------------------------------------------- */

/* A revision's members: "date", "commit", "author", "messages" (its edit
 * summary). */
static void blame_rev_members(pd_json *j, const pd_blame_rev *rv)
{
	pd_json_name(j, "date");
	date_value(j, rv->date);
	pd_json_member_cstr(j, "commit", rv->commit);
	pd_json_member_cstr(j, "author", rv->author);
	messages_member(j, rv->messages, rv->nmessages);
}

static void blame_claim_value(pd_json *j, const pd_blame_report *r,
			      const pd_blame_claim *c)
{
	const pd_blame *b = r->blame;
	size_t k;

	pd_json_begin_object(j);
	pd_json_member_cstr(j, "section", c->section);
	pd_json_member_cstr(j, "text", c->text);
	pd_json_member_array(j, "sources");
	for (k = 0; k < c->nsources; k++)
		source_value(j, &c->sources[k]);
	pd_json_end_array(j);
	pd_json_break(j, "\n   ");
	pd_json_member_object(j, "introduced");
	blame_rev_members(j, &b->revs[c->introduced]);
	pd_json_end_object(j);
	pd_json_name(j, "changed");
	if (c->changed >= 0) {
		pd_json_begin_object(j);
		blame_rev_members(j, &b->revs[c->changed]);
		pd_json_member_enum(j, "kind", pd_blame_kind_name(c->kind));
		pd_json_member_bool(j, "factual", c->factual);
		pd_json_end_object(j);
	} else {
		pd_json_value_null(j);
	}
	if (r->stale_months)
		pd_json_member_bool(j, "stale", c->stale);
	pd_json_end_object(j);
}

/* "stale_by_section": {section: stale claims}, sections in order */
static void stale_by_section_member(pd_json *j, const pd_blame *b)
{
	size_t i, k, nsec;

	pd_json_member_object(j, "stale_by_section");
	for (i = 0; i < b->nclaims; i = k) {
		const char *sec = b->claims[i].section;

		for (k = i, nsec = 0;
		     k < b->nclaims && strcmp(b->claims[k].section, sec) == 0;
		     k++)
			nsec += b->claims[k].stale;
		pd_json_key(j, sec);
		pd_json_value_uint(j, nsec);
	}
	pd_json_end_object(j);
}

static void blame_value(pd_json *j, const pd_blame_report *r)
{
	const pd_blame *b = r->blame;
	const pd_blame_rev *last = b->nrevs ? &b->revs[b->nrevs - 1] : NULL;
	size_t i, changed = 0;

	pd_json_begin_object(j);
	pd_json_member_cstr(j, "schema", "profdiff.blame.v1");
	pd_json_member_cstr(j, "profile", r->profile);
	pd_json_member_cstr(j, "path", r->path);
	pd_json_member_cstr(j, "country", r->country);
	pd_json_break(j, "\n ");
	pd_json_member_object(j, "revision");
	pd_json_name(j, "date");
	date_value(j, b->last_updated);
	pd_json_member_cstr(j, "commit", last ? last->commit : NULL);
	pd_json_end_object(j);
	pd_json_break(j, "\n ");
	pd_json_member_array(j, "claims");
	for (i = 0; i < b->nclaims; i++) {
		pd_json_break(j, "\n  ");
		blame_claim_value(j, r, &b->claims[i]);
		changed += b->claims[i].changed >= 0;
	}
	pd_json_break(j, "\n ");
	pd_json_end_array(j);
	pd_json_break(j, "\n ");
	pd_json_member_object(j, "summary");
	pd_json_member_uint(j, "claims", b->nclaims);
	pd_json_member_uint(j, "revisions", b->nrevs);
	pd_json_member_uint(j, "changed", changed);
	if (r->stale_months) {
		pd_json_member_int(j, "stale_months", r->stale_months);
		pd_json_member_uint(j, "stale", b->stale);
		stale_by_section_member(j, b);
	}
	pd_json_end_object(j);
	pd_json_end_object(j);
}

/* Report i of n: one profile's blame alone, or an array of them, a line
 * each, written a report at a time (the array, one container deep,
 * holds reports when i > 0); for no profile, an empty array. */
static void json_blame(pd_buf *out, const pd_blame_report *r, size_t i,
		       size_t n, const pd_render_options *opts)
{
	pd_json j;

	(void)opts;
	pd_json_init(&j, out);
	if (n == 0) {
		pd_json_begin_array(&j);
		pd_json_end_array(&j);
		pd_buf_putc(out, '\n');
		return;
	}
	if (n == 1) {
		blame_value(&j, r);
		pd_buf_putc(out, '\n');
		return;
	}
	if (i == 0)
		pd_json_begin_array(&j);
	else
		pd_json_init_within(&j, out, 1, true);
	pd_json_break(&j, "\n");
	blame_value(&j, r);
	if (i + 1 == n) {
		pd_json_break(&j, "\n");
		pd_json_end_array(&j);
		pd_buf_putc(out, '\n');
	}
}

const pd_renderer pd_render_json = {
	.lint_begin = json_lint_begin,
	.lint_file = json_lint_file,
	.lint_end = json_lint_end,
	.lint_separator = ",",
	.diff = json_diff,
	.review = json_review,
	.overview = json_overview,
	.blame = json_blame,
	.changelog = json_changelog,
	.changelog_body = json_changelog_body,
};
