/*
 * diff_sources.c: sources paired by identity, then by title and author
 * (a URL or an access date changed), and the source changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff_internal.h"

void diff_match_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t cap = 16, i, h;
	long *table;

	while (cap < a->nsrcs * 2)
		cap *= 2;
	table = pd_arena_alloc(df->scratch, cap * sizeof(*table));
	if (!table)
		return;
	for (i = 0; i < cap; i++)
		table[i] = -1;
	for (i = 0; i < a->nsrcs; i++) {
		for (h = (size_t)(a->srcs[i].s->key & (cap - 1)); table[h] >= 0;
		     h = (h + 1) & (cap - 1))
			;
		table[h] = (long)i;
	}
	for (i = 0; i < b->nsrcs; i++)
		for (h = (size_t)(b->srcs[i].s->key & (cap - 1)); table[h] >= 0;
		     h = (h + 1) & (cap - 1)) {
			long k = table[h];

			if (a->srcs[k].s->key == b->srcs[i].s->key &&
			    a->srcs[k].peer < 0) {
				a->srcs[k].peer = (long)i;
				b->srcs[i].peer = k;
				break;
			}
		}
	/* a changed URL: the same title and author, through a table of the
	 * unpaired sources of a by title */
	for (i = 0; i < cap; i++)
		table[i] = -1;
	for (i = 0; i < a->nsrcs; i++) {
		if (a->srcs[i].peer >= 0 || !a->srcs[i].title_fp)
			continue;
		for (h = (size_t)(a->srcs[i].title_fp & (cap - 1));
		     table[h] >= 0; h = (h + 1) & (cap - 1))
			;
		table[h] = (long)i;
	}
	for (i = 0; i < b->nsrcs; i++) {
		if (b->srcs[i].peer >= 0 || !b->srcs[i].title_fp)
			continue;
		for (h = (size_t)(b->srcs[i].title_fp & (cap - 1));
		     table[h] >= 0; h = (h + 1) & (cap - 1)) {
			long k = table[h];

			if (a->srcs[k].title_fp == b->srcs[i].title_fp &&
			    a->srcs[k].peer < 0) {
				a->srcs[k].peer = (long)i;
				b->srcs[i].peer = k;
				break;
			}
		}
	}
	/* the key map for claims' source sets */
	df->map_cap = cap;
	df->map_from = pd_arena_calloc(df->scratch, cap, sizeof(uint64_t));
	df->map_to = pd_arena_calloc(df->scratch, cap, sizeof(uint64_t));
	if (!df->map_from || !df->map_to) {
		df->map_cap = 0;
		return;
	}
	for (i = 0; i < a->nsrcs; i++) {
		uint64_t key = a->srcs[i].s->key;

		if (a->srcs[i].peer < 0 ||
		    b->srcs[a->srcs[i].peer].s->key == key || !key)
			continue;
		for (h = (size_t)(key & (cap - 1)); df->map_from[h];
		     h = (h + 1) & (cap - 1))
			;
		df->map_from[h] = key;
		df->map_to[h] = b->srcs[a->srcs[i].peer].s->key;
	}
}

/* The key a source of `a` has on the other side: its peer's. */
uint64_t diff_mapped_key(const differ *df, const pd_source *s)
{
	size_t h;

	if (!df->map_cap)
		return s->key;
	for (h = (size_t)(s->key & (df->map_cap - 1)); df->map_from[h];
	     h = (h + 1) & (df->map_cap - 1))
		if (df->map_from[h] == s->key)
			return df->map_to[h];
	return s->key;
}

int diff_emit_sources(differ *df)
{
	side *a = df->a, *b = df->b;
	size_t i;
	pd_change *c;

	for (i = 0; i < b->nsrcs; i++) {
		const source_item *sb = &b->srcs[i], *sa;
		pd_source_ref ra, rb;

		if (sb->peer < 0) {
			if (!(c = df_add(df, PD_CHANGE_SOURCE_ADDED, NULL)) ||
			    df_source_ref(df, sb->s, &c->source) < 0)
				return PD_ENOMEM;
			continue;
		}
		sa = &a->srcs[sb->peer];
		if (df_source_ref(df, sa->s, &ra) < 0 ||
		    df_source_ref(df, sb->s, &rb) < 0)
			return PD_ENOMEM;
		if (sa->s->key == sb->s->key && sa->text_fp == sb->text_fp &&
		    ((!ra.accessed && !rb.accessed) ||
		     (ra.accessed && rb.accessed &&
		      strcmp(ra.accessed, rb.accessed) == 0)))
			continue;
		if (!(c = df_add(df, PD_CHANGE_SOURCE_CHANGED, NULL)))
			return PD_ENOMEM;
		c->source = rb;
		if (df_add_field(df, c, "url", ra.url, rb.url) < 0 ||
		    df_add_field(df, c, "accessed", ra.accessed, rb.accessed) < 0)
			return PD_ENOMEM;
		if (sa->text_fp != sb->text_fp) {
			const pd_footnote *fa = pd_profile_footnote(a->p, sa->s->footnote);
			const pd_footnote *fb = pd_profile_footnote(b->p, sb->s->footnote);
			char *ta = df_dupn(df, fa->text + sa->s->start,
					sa->s->end - sa->s->start);
			char *tb = df_dupn(df, fb->text + sb->s->start,
					sb->s->end - sb->s->start);

			if (!ta || !tb || df_add_field(df, c, "text", ta, tb) < 0)
				return PD_ENOMEM;
		}
		if (!c->nfields) {
			/* only the URL's form changed: not a change */
			df->d->nchanges--;
			df->d->count[PD_CHANGE_SOURCE_CHANGED]--;
		}
	}
	for (i = 0; i < a->nsrcs; i++)
		if (a->srcs[i].peer < 0) {
			if (!(c = df_add(df, PD_CHANGE_SOURCE_REMOVED, NULL)) ||
			    df_source_ref(df, a->srcs[i].s, &c->source) < 0)
				return PD_ENOMEM;
		}
	return 0;
}
