/*
 * render_diff_common.c: what the human-readable diff renderers share:
 * the groups changes are shown in, and one-line descriptions of laws,
 * treaties and sources.
 */
#include <string.h>

#include "render_internal.h"

diff_group diff_group_of(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
	case PD_CHANGE_SECTION_RENAMED:
		return GROUP_PROFILE;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
	case PD_CHANGE_LAW_CHANGED:
		return GROUP_LAWS;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_TREATY_CHANGED:
		return GROUP_TREATIES;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
	case PD_CHANGE_SOURCE_CHANGED:
		return GROUP_SOURCES;
	default:
		return GROUP_CLAIMS;
	}
}

const char *const diff_group_titles[GROUP_COUNT] = {
	"Profile", "Laws", "Treaties", "Claims", "Sources"};

char diff_sign(const pd_change *c)
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

/* "Law on Cybercrime (2015): law, in-force" */
void describe_law(pd_buf *out, const pd_law *l)
{
	pd_buf_puts(out, l->name);
	if (l->year)
		pd_buf_printf(out, " (%d)", l->year);
	pd_buf_printf(out, ": %s, %s", pd_law_type_name(l->type),
		      pd_law_status_name(l->status));
}

/* "status draft -> in-force; year 2025 -> 2026" */
void describe_fields(pd_buf *out, const pd_change *c, const char *arrow)
{
	size_t i;

	for (i = 0; i < c->nfields; i++) {
		const pd_field_change *f = &c->fields[i];

		pd_buf_printf(out, "%s%s %s %s %s", i ? "; " : "", f->field,
			      f->from ? f->from : "(none)", arrow,
			      f->to ? f->to : "(none)");
	}
}

static bool same_section(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether change i is the first claim change of its section. */
static bool opens_section(const pd_diff *d, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (diff_group_of(&d->changes[j]) == GROUP_CLAIMS &&
		    same_section(d->changes[j].section, d->changes[i].section))
			return false;
	return true;
}

void diff_walk_groups(pd_buf *out, const pd_diff *d, const diff_walk *w,
		      void *ctx)
{
	size_t g, i, j;

	for (g = 0; g < GROUP_COUNT; g++) {
		bool any = false;

		for (i = 0; i < d->nchanges && !any; i++)
			any = diff_group_of(&d->changes[i]) == g;
		if (!any)
			continue;
		w->group(out, (diff_group)g, ctx);
		if (g != GROUP_CLAIMS) {
			w->list(out, false, NULL, ctx);
			for (i = 0; i < d->nchanges; i++)
				if (diff_group_of(&d->changes[i]) == g)
					w->change(out, &d->changes[i], false, ctx);
			w->list_end(out, ctx);
			continue;
		}
		/* claims, by section in order of first appearance */
		for (i = 0; i < d->nchanges; i++) {
			const char *sec = d->changes[i].section;

			if (diff_group_of(&d->changes[i]) != GROUP_CLAIMS ||
			    !opens_section(d, i))
				continue;
			w->list(out, true, sec ? sec : "(no section)", ctx);
			for (j = i; j < d->nchanges; j++)
				if (diff_group_of(&d->changes[j]) == GROUP_CLAIMS &&
				    same_section(d->changes[j].section, sec))
					w->change(out, &d->changes[j], true, ctx);
			w->list_end(out, ctx);
		}
	}
}

/* What a reader calls each kind of change. */
static const char *const labels[PD_CHANGE_KIND_COUNT] = {
	"Last updated", "Section added", "Section removed", "Section renamed",
	"Law added",    "Law removed",   "Law changed",     "Treaty added",
	"Treaty removed", "Treaty changed", "Added",         "Removed",
	"Reworded",     "Moved",         "Sources changed", "Source added",
	"Source removed", "Source changed"};

const char *diff_label(pd_change_kind k)
{
	return (unsigned)k < PD_CHANGE_KIND_COUNT ? labels[k] : "";
}
