/*
 * render_walk.c: the walks every renderer makes. Over a diff's changes:
 * its groups in order, the claims a section at a time (pd_walk_diff).
 * Over a changelog's entries: each entry's figures, from its diff or from
 * what sealing kept of it, and its body, rendered ahead or by the
 * format's own function (pd_walk_entry_body). Renderers call these; these
 * never call back into the dispatcher (render.c).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "render_internal.h"
#include "table.h"

/* Diffs ------------------------------------------------------------------------ */

pd_walk_group pd_walk_group_of(const pd_change *c)
{
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
	case PD_CHANGE_SECTION_RENAMED:
		return PD_GROUP_PROFILE;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
	case PD_CHANGE_LAW_CHANGED:
		return PD_GROUP_LAWS;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
	case PD_CHANGE_TREATY_CHANGED:
		return PD_GROUP_TREATIES;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
	case PD_CHANGE_SOURCE_CHANGED:
		return PD_GROUP_SOURCES;
	default:
		return PD_GROUP_CLAIMS;
	}
}

const char *const pd_walk_group_titles[PD_GROUP_COUNT] = {
	"Profile", "Laws", "Treaties", "Claims", "Sources"};

/* A section of the claim changes, by its title (NULL: none), and its
 * number in order of first appearance. */
typedef struct section_number {
	const char *title;
	size_t number;
} section_number;

static const char *section_title(const section_number *s)
{
	return s->title;
}

static uint64_t section_hash(const char *t)
{
	return t ? XXH3_64bits(t, strlen(t)) : 0;
}

static bool section_same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

PD_TABLE(section_table, section_number, const char *, section_title,
	 section_hash, section_same)

/* Numbers the sections of the claim changes in order of first appearance
 * (NULL, no section, is one of them) into sec[i] for change i, through a
 * table of titles: one pass, whatever the number of sections. Returns the
 * number of sections, or -1 when out of memory. */
static long number_sections(const pd_diff *d, size_t *sec)
{
	section_table t;
	size_t n = 0, i;

	section_table_init(&t, NULL);
	for (i = 0; i < d->nchanges; i++) {
		const char *title = d->changes[i].section;
		section_number *s;
		bool fresh;

		if (pd_walk_group_of(&d->changes[i]) != PD_GROUP_CLAIMS)
			continue;
		if (!(s = section_table_put(&t, title, &fresh))) {
			section_table_free(&t);
			return -1;
		}
		if (fresh) {
			s->title = title;
			s->number = n++;
		}
		sec[i] = s->number;
	}
	section_table_free(&t);
	return (long)n;
}

/* The claim changes, section by section in order of first appearance,
 * each section's in diff order: a counting sort on the section numbers. */
static void walk_claims(pd_buf *out, const pd_diff *d, const pd_walk *w,
			void *ctx)
{
	size_t *sec = calloc(d->nchanges + 1, sizeof(*sec));
	size_t *start = NULL, *order = NULL, i, k;
	long nsec;

	if (!sec || (nsec = number_sections(d, sec)) < 0 ||
	    !(start = calloc((size_t)nsec + 1, sizeof(*start))) ||
	    !(order = calloc(d->nchanges + 1, sizeof(*order)))) {
		out->failed = true;
		goto done;
	}
	/* start[k]: where section k's changes begin in order[] */
	for (i = 0; i < d->nchanges; i++)
		if (pd_walk_group_of(&d->changes[i]) == PD_GROUP_CLAIMS)
			start[sec[i] + 1]++;
	for (k = 1; k <= (size_t)nsec; k++)
		start[k] += start[k - 1];
	for (i = 0; i < d->nchanges; i++)
		if (pd_walk_group_of(&d->changes[i]) == PD_GROUP_CLAIMS)
			order[start[sec[i]]++] = i;
	/* now start[k] is where section k ends */
	for (k = 0, i = 0; k < (size_t)nsec; k++) {
		const char *t = d->changes[order[i]].section;

		w->list(out, true, t ? t : "(no section)", ctx);
		for (; i < start[k]; i++)
			w->change(out, &d->changes[order[i]], true, ctx);
		w->list_end(out, ctx);
	}
done:
	free(order);
	free(start);
	free(sec);
}

void pd_walk_diff(pd_buf *out, const pd_diff *d, const pd_walk *w,
		  void *ctx)
{
	size_t g, i;

	for (g = 0; g < PD_GROUP_COUNT; g++) {
		bool any = false;

		for (i = 0; i < d->nchanges && !any; i++)
			any = pd_walk_group_of(&d->changes[i]) == g;
		if (!any)
			continue;
		w->group(out, (pd_walk_group)g, ctx);
		if (g == PD_GROUP_CLAIMS) {
			walk_claims(out, d, w, ctx);
			continue;
		}
		w->list(out, false, NULL, ctx);
		for (i = 0; i < d->nchanges; i++)
			if (pd_walk_group_of(&d->changes[i]) == g)
				w->change(out, &d->changes[i], false, ctx);
		w->list_end(out, ctx);
	}
}

/* Changelog entries ------------------------------------------------------------ */

bool pd_walk_entry_first(const pd_changelog_entry *e)
{
	return e->sealed ? e->sealed->first : !e->diff;
}

size_t pd_walk_entry_changes(const pd_changelog_entry *e)
{
	return e->sealed ? e->sealed->nchanges : e->diff ? e->diff->nchanges : 0;
}

size_t pd_walk_entry_substantive(const pd_changelog_entry *e)
{
	return e->sealed	? e->sealed->substantive
	       : e->diff ? e->diff->substantive
			 : 0;
}

size_t pd_walk_entry_editorial(const pd_changelog_entry *e)
{
	return e->sealed ? e->sealed->editorial : e->diff ? e->diff->editorial : 0;
}

const size_t *pd_walk_entry_buckets(const pd_changelog_entry *e)
{
	static const size_t none[PD_BUCKET_COUNT];

	return e->sealed ? e->sealed->bucket : e->diff ? e->diff->bucket : none;
}

static size_t count_of(const pd_diff *d, pd_change_kind a, pd_change_kind b,
		       pd_change_kind c)
{
	return d ? d->count[a] + d->count[b] + d->count[c] : 0;
}

size_t pd_walk_entry_laws(const pd_changelog_entry *e)
{
	return e->sealed ? e->sealed->laws
			 : count_of(e->diff, PD_CHANGE_LAW_ADDED,
				    PD_CHANGE_LAW_REMOVED,
				    PD_CHANGE_LAW_CHANGED);
}

size_t pd_walk_entry_treaties(const pd_changelog_entry *e)
{
	return e->sealed ? e->sealed->treaties
			 : count_of(e->diff, PD_CHANGE_TREATY_ADDED,
				    PD_CHANGE_TREATY_REMOVED,
				    PD_CHANGE_TREATY_CHANGED);
}

void pd_walk_entry_summary(pd_buf *out, const pd_changelog_entry *e)
{
	if (e->sealed)
		pd_buf_puts(out, e->sealed->summary);
	else if (e->diff)
		pd_diff_summarize(out, e->diff);
}

void pd_walk_entry_messages(pd_buf *out, const pd_changelog_entry *e)
{
	size_t k;

	for (k = 0; k < e->nmessages; k++) {
		if (k)
			pd_buf_puts(out, "; ");
		pd_render_term_escape(out, e->messages[k],
				      strlen(e->messages[k]));
	}
}

void pd_walk_entry_body(pd_buf *out, const pd_changelog_entry *e,
			pd_format fmt, pd_walk_body_fn render)
{
	const pd_sealed_entry *s = e->sealed;

	if (s && s->format == (int)fmt && s->body) {
		pd_buf_put(out, s->body, s->body_len);
	} else if (s && s->format == (int)fmt) {
		/* kept in the builder's store: a read that fails leaves the
		 * buffer failed, as running out of memory does, and the
		 * output says it is incomplete */
		if (s->store->get(s->store->ctx, s->body_at, s->body_len,
				  out) < 0)
			out->failed = true;
	} else {
		render(out, e);
	}
}
