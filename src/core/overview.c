/*
 * overview.c: a profile's row of the regional overview. Its newest
 * published revision gives each treaty's status and each law; the
 * revisions before it, walked from the oldest, give the revision in which
 * each last changed. One pass over the revisions per profile.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profdiff/overview.h"

/* The treaty of vocabulary index `t` in profile p, or NULL. */
static const pd_treaty *treaty_in(const pd_profile *p, const pd_vocab *vocab,
				  size_t t)
{
	const char *id = pd_vocab_get(vocab, t)->id;
	size_t i;

	for (i = 0; i < p->ntreaties; i++)
		if (strcmp(p->treaties[i].id, id) == 0)
			return &p->treaties[i];
	return NULL;
}

static bool same_name(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* The law of p that is `l` (by name, or short name), or NULL. */
static const pd_law *law_in(const pd_profile *p, const pd_law *l)
{
	size_t i;

	for (i = 0; i < p->nlaws; i++) {
		const pd_law *m = &p->laws[i];

		if (same_name(m->name, l->name) ||
		    same_name(m->short_name, l->short_name))
			return m;
	}
	return NULL;
}

static bool recent(pd_date changed, pd_date since)
{
	return since.year && changed.year && pd_date_cmp(changed, since) > 0;
}

int pd_overview_fill(pd_arena *arena, pd_overview_row *row,
		     const pd_overview_rev *revs, size_t n,
		     const pd_vocab *vocab, pd_date since)
{
	size_t nt = pd_vocab_count(vocab), t, i, k;
	const pd_profile *head = n ? revs[0].profile : NULL;

	row->ntreaties = nt;
	row->nlaws = head ? head->nlaws : 0;
	row->treaties = pd_arena_calloc(arena, nt + 1, sizeof(*row->treaties));
	row->laws = pd_arena_calloc(arena, row->nlaws + 1, sizeof(*row->laws));
	if (!row->treaties || !row->laws)
		return PD_ENOMEM;
	if (!head)
		return 0;
	row->last_updated = head->last_updated;
	for (t = 0; t < nt; t++) {
		pd_overview_treaty *o = &row->treaties[t];
		const pd_treaty *now = treaty_in(head, vocab, t);
		const pd_treaty *was = treaty_in(revs[n - 1].profile, vocab, t);

		for (k = n - 1; k-- > 0;) {
			const pd_treaty *is = treaty_in(revs[k].profile, vocab,
							t);

			if ((is == NULL) != (was == NULL) ||
			    (is && is->status != was->status))
				o->changed = revs[k].date;
			was = is;
		}
		o->listed = now != NULL;
		if (now) {
			o->status = now->status;
			o->via = now->via;
			o->date = now->date;
		}
		o->recent = recent(o->changed, since);
	}
	for (i = 0; i < head->nlaws; i++) {
		pd_overview_law *o = &row->laws[i];
		const pd_law *l = &head->laws[i];
		const pd_law *was = law_in(revs[n - 1].profile, l);

		for (k = n - 1; k-- > 0;) {
			const pd_law *is = law_in(revs[k].profile, l);

			if ((is == NULL) != (was == NULL) ||
			    (is && is->status != was->status))
				o->changed = revs[k].date;
			was = is;
		}
		if (!(o->name = pd_arena_strdup(arena, l->name)))
			return PD_ENOMEM;
		o->status = l->status;
		o->year = l->year;
		o->recent = recent(o->changed, since);
	}
	return 0;
}
