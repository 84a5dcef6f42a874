/*
 * render_describe.c: what the human-readable renderers say in words: a
 * change's sign and kind, one-line descriptions of laws, treaties, dates
 * and moves; a review's and its entries' figures; an overview's status
 * marks and legend; a blamed revision.
 */
#include <stdint.h>
#include <string.h>

#include "render_internal.h"

char pd_describe_sign(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_SOURCE_ADDED:
		return '+';
	case PD_CHANGE_SECTION_REMOVED:
	case PD_CHANGE_LAW_REMOVED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_CLAIM_REMOVED:
	case PD_CHANGE_SOURCE_REMOVED:
		return '-';
	default:
		return '~';
	}
}

static void law_state(pd_buf *out, const pd_law *l);

/* "Law on Cybercrime (2015): law, in force", and where known the date of
 * the status and what replaced the law: "Sub-Decree No. 47: sub-decree,
 * repealed (August 2026), replaced by Law on Digital Identity" */
void pd_describe_law(pd_buf *out, const pd_law *l)
{
	pd_buf_puts(out, l->name);
	if (l->year) {
		pd_buf_puts(out, " (");
		pd_buf_put_int(out, l->year);
		pd_buf_putc(out, ')');
	}
	pd_buf_puts(out, ": ");
	pd_buf_puts(out, pd_law_type_name(l->type));
	pd_buf_puts(out, ", ");
	law_state(out, l);
}

/* A date in words: "2026", "March 2026", "3 March 2026". */
void pd_describe_date(pd_buf *out, pd_date d)
{
	static const char *const months[] = {
		"January", "February", "March",     "April",   "May",
		"June",    "July",     "August",    "September", "October",
		"November", "December"};

	/* appended, not formatted: the pages write thousands of dates */
	if (d.month >= 1 && d.month <= 12) {
		if (d.day) {
			pd_buf_put_int(out, d.day);
			pd_buf_putc(out, ' ');
		}
		pd_buf_puts(out, months[d.month - 1]);
		pd_buf_putc(out, ' ');
	}
	pd_buf_put_int(out, d.year);
}

/* A treaty entry in words, as it is ("acceded (March 2026)") or as it was
 * ("was not a party"). */
static void treaty_state(pd_buf *out, const pd_treaty *t, bool was)
{
	static const char *const by_via[PD_VIA_COUNT] = {
		"a party", "ratified", "acceded", "succeeded", "accepted",
		"approved"};

	switch (t->status) {
	case PD_TREATY_PARTY:
		if (was)
			pd_buf_puts(out, "was a party");
		else
			pd_buf_puts(out, (unsigned)t->via < PD_VIA_COUNT
						 ? by_via[t->via]
						 : "a party");
		break;
	case PD_TREATY_SIGNATORY:
		pd_buf_puts(out, was ? "was a signatory" : "signed, not ratified");
		break;
	case PD_TREATY_NOT_PARTY:
		pd_buf_puts(out, was ? "was not a party" : "not a party");
		break;
	case PD_TREATY_WITHDRAWN:
		pd_buf_puts(out, was ? "had withdrawn" : "withdrew");
		break;
	default:
		pd_buf_puts(out, was ? "status was unknown" : "status unknown");
		break;
	}
	if (t->date.year) {
		pd_buf_puts(out, " (");
		pd_describe_date(out, t->date);
		pd_buf_putc(out, ')');
	}
	if (t->reserved && !was) {
		pd_buf_puts(out, ", with a reservation");
		if (t->reservation.year) {
			pd_buf_puts(out, " (");
			pd_describe_date(out, t->reservation);
			pd_buf_putc(out, ')');
		}
	}
}

/* "1954 Convention relating to the Status of Stateless Persons: acceded
 * (March 2026); was not a party" */
void pd_describe_treaty_change(pd_buf *out, const pd_change *c)
{
	pd_buf_puts(out, c->treaty_name ? c->treaty_name : c->treaty);
	pd_buf_puts(out, ": ");
	if (c->treaty_to) {
		treaty_state(out, c->treaty_to, false);
		if (c->treaty_from)
			pd_buf_puts(out, "; ");
	} else {
		pd_buf_puts(out, "no longer listed; ");
	}
	if (c->treaty_from)
		treaty_state(out, c->treaty_from, true);
}

/* A law's status in words: "adopted (April 2026)", "a draft", "repealed
 * (August 2026), replaced by the Law on Digital Identity". */
static void law_state(pd_buf *out, const pd_law *l)
{
	static const char *const words[PD_LAW_STATUS_COUNT] = {
		"in force", "a draft", "proposed", "repealed",
		"adopted",  "amended", "status unknown"};

	pd_buf_puts(out, (unsigned)l->status < PD_LAW_STATUS_COUNT
				 ? words[l->status]
				 : "status unknown");
	if (l->date.year) {
		pd_buf_puts(out, " (");
		pd_describe_date(out, l->date);
		pd_buf_putc(out, ')');
	}
	if (l->replaced_by)
		pd_buf_printf(out, ", replaced by %s", l->replaced_by);
}

/* law.changed: its status in words when that changed ("adopted (April
 * 2026); was a draft"), then the other fields ("year 2025 -> 2026"). */
void pd_describe_law_change(pd_buf *out, const pd_change *c,
			    const char *arrow)
{
	bool state = false, first = true;
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		const char *f = c->fields[i].field;

		if (strcmp(f, "status") == 0 || strcmp(f, "date") == 0 ||
		    strcmp(f, "replaced_by") == 0)
			state = true;
	}
	if (state && c->law_from) {
		law_state(out, c->law);
		pd_buf_puts(out, "; was ");
		law_state(out, c->law_from);
		first = false;
	}
	for (i = 0; i < c->nfields; i++) {
		const pd_field_change *f = &c->fields[i];

		if (state && c->law_from &&
		    (strcmp(f->field, "status") == 0 ||
		     strcmp(f->field, "date") == 0 ||
		     strcmp(f->field, "replaced_by") == 0))
			continue;
		pd_buf_printf(out, "%s%s %s %s %s", first ? "" : "; ",
			      f->field, f->from ? f->from : "(none)", arrow,
			      f->to ? f->to : "(none)");
		first = false;
	}
}

/* Where a claim moved from: "from Law > Data Protection", or within its
 * section "from paragraph 2 to paragraph 4". */
void pd_describe_move(pd_buf *out, const pd_change *c)
{
	if (c->editorial)
		pd_buf_printf(out, "from paragraph %zu to paragraph %zu",
			      c->from_paragraph, c->to_paragraph);
	else
		pd_buf_printf(out, "from %s", c->from ? c->from : "(no section)");
}

/* A split's or a merge's claims: "A. / B." */
void pd_describe_parts(pd_buf *out, const pd_change *c)
{
	size_t i;

	for (i = 0; i < c->nparts; i++)
		pd_buf_printf(out, "%s%s", i ? " / " : "", c->parts[i]);
}

/* "status draft -> in-force; year 2025 -> 2026" */
void pd_describe_fields(pd_buf *out, const pd_change *c, const char *arrow)
{
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		const pd_field_change *f = &c->fields[i];

		pd_buf_printf(out, "%s%s %s %s %s", i ? "; " : "", f->field,
			      f->from ? f->from : "(none)", arrow,
			      f->to ? f->to : "(none)");
	}
}

/* What a reader calls each kind of change. */
static const char *const labels[PD_CHANGE_KIND_COUNT] = {
	"Last updated", "Section added", "Section removed", "Section renamed",
	"Law added",    "Law removed",   "Law changed",     "Treaty added",
	"Treaty removed", "Treaty changed", "Added",         "Removed",
	"Reworded",     "Moved",         "Sources changed", "Split",
	"Merged",       "Source added",  "Source removed",  "Source changed"};

const char *pd_describe_kind(pd_change_kind k)
{
	return (unsigned)k < PD_CHANGE_KIND_COUNT ? labels[k] : "";
}

/* Reviews ---------------------------------------------------------------------- */

/* "1 error, 2 warnings"; nothing when all are 0. */
static bool severities(pd_buf *out, const size_t count[])
{
	static const char *const one[] = {"", "info", "warning", "error"};
	static const char *const many[] = {"", "info", "warnings", "errors"};
	bool any = false;
	int s;

	for (s = PD_SEV_ERROR; s >= PD_SEV_INFO; s--) {
		if (!count[s])
			continue;
		pd_buf_printf(out, "%s%zu %s", any ? ", " : "", count[s],
			      count[s] == 1 ? one[s] : many[s]);
		any = true;
	}
	return any;
}

static void delta_counts(const pd_finding *const *v, size_t n,
			 size_t count[PD_SEV_ERROR + 1])
{
	size_t i;

	memset(count, 0, (PD_SEV_ERROR + 1) * sizeof(*count));
	for (i = 0; i < n; i++)
		count[v[i]->severity]++;
}

void pd_describe_unlisted(pd_buf *out, const size_t b[PD_BUCKET_COUNT],
			  const char *pre, const char *post)
{
	size_t n = b[PD_BUCKET_REWORDED] + b[PD_BUCKET_EDITORIAL] +
		   b[PD_BUCKET_MOVED], k;
	bool first = true;

	if (!n)
		return;
	pd_buf_printf(out, "%s%zu change%s not listed: ", pre, n,
		      n == 1 ? "" : "s");
	for (k = PD_BUCKET_REWORDED; k <= PD_BUCKET_MOVED; k++) {
		if (!b[k])
			continue;
		pd_buf_printf(out, "%s%zu %s", first ? "" : ", ", b[k],
			      pd_bucket_name((pd_bucket)k));
		first = false;
	}
	pd_buf_puts(out, post);
}

void pd_describe_review(pd_buf *out, const pd_review *r)
{
	pd_buf_printf(out, "%zu profile%s, %zu change%s (", r->n,
		      r->n == 1 ? "" : "s", r->changes,
		      r->changes == 1 ? "" : "s");
	pd_diff_describe_buckets(out, r->bucket);
	pd_buf_putc(out, ')');
	if (r->broken)
		pd_buf_printf(out, "; %zu no longer parse%s", r->broken,
			      r->broken == 1 ? "s" : "");
	pd_buf_puts(out, "; introduced: ");
	if (!severities(out, r->introduced))
		pd_buf_puts(out, "nothing");
	pd_buf_puts(out, "; fixed: ");
	if (!severities(out, r->fixed))
		pd_buf_puts(out, "nothing");
}

void pd_describe_review_sides(pd_buf *out, const pd_review_entry *e)
{
	char a[11], b[11];

	pd_buf_puts(out, pd_review_status_name(e->status));
	if (e->status == PD_REVIEW_RENAMED)
		pd_buf_printf(out, " from %s", e->old_path);
	if (e->from && e->from->last_updated.year) {
		pd_date_format(e->from->last_updated, a);
		pd_buf_printf(out, ", %s", a);
		if (e->to && !pd_date_cmp(e->from->last_updated,
					  e->to->last_updated)) {
			pd_buf_puts(out, " (last_updated unchanged)");
		} else if (e->to && e->to->last_updated.year) {
			pd_date_format(e->to->last_updated, b);
			pd_buf_printf(out, " to %s", b);
		}
	} else if (e->to && e->to->last_updated.year) {
		pd_date_format(e->to->last_updated, b);
		pd_buf_printf(out, ", last updated %s", b);
	}
}

void pd_describe_review_entry(pd_buf *out, const pd_review_entry *e)
{
	size_t count[PD_SEV_ERROR + 1];

	if (e->to_error) {
		pd_buf_puts(out, "no longer parses");
	} else if (e->diff && !e->diff->nchanges) {
		pd_buf_puts(out, "no changes");
	} else if (e->diff) {
		pd_buf_printf(out, "%zu change%s (", e->diff->nchanges,
			      e->diff->nchanges == 1 ? "" : "s");
		pd_diff_describe_buckets(out, e->diff->bucket);
		pd_buf_putc(out, ')');
	} else {
		pd_buf_puts(out, "did not parse before");
	}
	delta_counts(e->lint.introduced, e->lint.nintroduced, count);
	pd_buf_puts(out, "; introduced: ");
	if (!severities(out, count))
		pd_buf_puts(out, "nothing");
	delta_counts(e->lint.fixed, e->lint.nfixed, count);
	pd_buf_puts(out, "; fixed: ");
	if (!severities(out, count))
		pd_buf_puts(out, "nothing");
	if (e->lint.unchanged)
		pd_buf_printf(out, "; %zu unchanged", e->lint.unchanged);
}

/* Overviews ---------------------------------------------------------------------- */

const char pd_describe_legend[] =
	"✔ party · S signatory · ✗ not a party · W withdrawn · ? unknown · "
	"blank: not listed; the year is that of the event when the profile "
	"gives it";

bool pd_describe_treaty_listed(const pd_overview *o, size_t t)
{
	size_t i;

	for (i = 0; i < o->n; i++)
		if (t < o->rows[i].ntreaties && o->rows[i].treaties[t].listed)
			return true;
	return false;
}

void pd_describe_mark(pd_buf *out, const pd_overview_treaty *t)
{
	static const char *const marks[PD_TREATY_STATUS_COUNT] = {
		"✔", "S", "✗", "W", "?"};

	if (!t->listed)
		return;
	pd_buf_puts(out, (unsigned)t->status < PD_TREATY_STATUS_COUNT
				 ? marks[t->status]
				 : "?");
	if (t->date.year)
		pd_buf_printf(out, " %d", t->date.year);
}

void pd_describe_treaty_status(pd_buf *out, const pd_overview_treaty *t)
{
	if (!t->listed) {
		pd_buf_puts(out, "not listed");
		return;
	}
	pd_buf_puts(out, pd_treaty_status_name(t->status));
	if (t->via != PD_VIA_NONE || t->date.year) {
		pd_buf_puts(out, " (");
		if (t->via != PD_VIA_NONE)
			pd_buf_puts(out, pd_treaty_via_name(t->via));
		if (t->via != PD_VIA_NONE && t->date.year)
			pd_buf_puts(out, ", ");
		if (t->date.year)
			pd_describe_date(out, t->date);
		pd_buf_putc(out, ')');
	}
}

/* Blames ------------------------------------------------------------------------- */

void pd_describe_blame_rev(pd_buf *out, const pd_blame_rev *rv)
{
	char date[11] = "(undated)";
	const char *lt;

	if (rv->date.year)
		pd_date_format(rv->date, date);
	pd_buf_puts(out, date);
	if (rv->commit) {
		/* its first seven characters, as "%.7s" */
		pd_buf_putc(out, ' ');
		pd_buf_put(out, rv->commit, strnlen(rv->commit, 7));
	} else
		pd_buf_puts(out, " (working tree)");
	if (rv->author) {
		/* the name, without the address */
		lt = strchr(rv->author, '<');
		pd_buf_putc(out, ' ');
		pd_buf_put(out, rv->author,
			   lt && lt > rv->author ? (size_t)(lt - rv->author - 1)
						 : strlen(rv->author));
	}
}
