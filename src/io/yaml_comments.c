/*
 * yaml_comments.c: the comments of a YAML profile (yaml_comments.h).
 *
 * libyaml's events carry no comments, but they say where every scalar
 * lies. A '#' is a comment when it opens a line or follows a blank and no
 * scalar covers it (a literal or folded scalar from the line after its
 * header: "key: >-  # note" is a comment). The file is scanned once, line
 * by line, with a cursor in the spans, which come in the order of the
 * file and never overlap: linear in the file.
 *
 * Each comment is then anchored to a node of the model, named by its key
 * path as the reader met it ("footnotes/15", "laws/1/cite"): one on lines
 * of its own precedes the first node starting after it, one after a value
 * trails the last node starting at or before it on its line or above
 * (binary search in the nodes, sorted by position). The writer emits each
 * at its anchor, so that what an editor wrote stays where it was.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "yaml_comments.h"
#include "sort.h"

size_t pd_yc_enter(yc_points *pts, pd_pos pos, const char *fmt, ...)
{
	size_t mark = pts->path.len;
	va_list ap;
	yc_point *pt;

	if (!pts->on)
		return 0;
	if (pts->path.len)
		pd_buf_putc(&pts->path, '/');
	va_start(ap, fmt);
	pd_buf_vprintf(&pts->path, fmt, ap);
	va_end(ap);
	if (PD_GROW(pts->v, pts->n, pts->cap) < 0 || pd_buf_ok(&pts->path) < 0) {
		pts->oom = true;
		return mark;
	}
	pt = &pts->v[pts->n];
	pt->line = pos.line ? pos.line - 1 : 0;
	pt->col = pos.col ? pos.col - 1 : 0;
	pt->seq = pts->n;
	pt->name = pts->names.len;
	pd_buf_put(&pts->names, pts->path.ptr, pts->path.len);
	pd_buf_putc(&pts->names, '\0');
	pts->n++;
	return mark;
}

void pd_yc_leave(yc_points *pts, size_t mark)
{
	if (!pts->on || mark > pts->path.len)
		return;
	pts->path.len = mark;
	if (pts->path.ptr)
		pts->path.ptr[mark] = '\0';
}

void pd_yc_free(yc_points *pts)
{
	free(pts->v);
	pd_buf_free(&pts->names);
	pd_buf_free(&pts->path);
	memset(pts, 0, sizeof(*pts));
}

/* Positions compare as (line, column). */
static int pos_cmp(size_t l1, size_t c1, size_t l2, size_t c2)
{
	if (l1 != l2)
		return l1 < l2 ? -1 : 1;
	return (c1 > c2) - (c1 < c2);
}

static int point_cmp(const void *x, const void *y)
{
	const yc_point *a = x, *b = y;
	int c = pos_cmp(a->line, a->col, b->line, b->col);

	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

/* The first node starting after (line, col). */
static size_t first_after(const yc_points *pts, size_t line, size_t col)
{
	size_t lo = 0, hi = pts->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pos_cmp(pts->v[mid].line, pts->v[mid].col, line, col) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

typedef struct found {
	size_t line, col;
	const char *text;
	size_t len;
	bool own_line;
} found;

static int add(pd_profile *p, size_t *cap, const yc_points *pts,
	       const found *f)
{
	pd_comment *c;
	size_t k;

	if (PD_ARENA_GROW(p->arena, p->comments, p->ncomments, *cap) < 0)
		return PD_ENOMEM;
	c = &p->comments[p->ncomments];
	memset(c, 0, sizeof(*c));
	c->pos.line = (uint32_t)f->line + 1;
	c->pos.col = (uint32_t)f->col + 1;
	k = first_after(pts, f->line, f->col);
	if (f->own_line) {
		c->place = k == 0	     ? PD_COMMENT_HEAD
			   : k == pts->n ? PD_COMMENT_END
					 : PD_COMMENT_BEFORE;
	} else {
		c->place = k == 0 ? PD_COMMENT_HEAD : PD_COMMENT_TRAILING;
		k--;
	}
	c->anchor = c->place == PD_COMMENT_BEFORE ||
				    c->place == PD_COMMENT_TRAILING
			    ? pd_arena_strdup(p->arena,
					      pts->names.ptr + pts->v[k].name)
			    : pd_arena_strdup(p->arena, "");
	c->text = pd_arena_strndup(p->arena, f->text, f->len);
	if (!c->anchor || !c->text)
		return PD_ENOMEM;
	p->ncomments++;
	return 0;
}

int pd_yc_extract(pd_profile *p, const char *d, size_t len,
		  const ye_span *spans, size_t nspans, yc_points *pts)
{
	size_t at = 0, line = 0, si = 0, cap = p->ncomments;
	int err;

	if (pts->oom || pd_buf_ok(&pts->names) < 0)
		return pd_error_oom();
	pd_qsort(pts->v, pts->n, sizeof(*pts->v), point_cmp);
	while (at < len) {
		const char *nl = memchr(d + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - d) : len, i, col = 0;
		bool blank = true;

		for (i = at; i < end; i++) {
			unsigned char c = (unsigned char)d[i];

			if (c == '#' && (i == at || d[i - 1] == ' ' ||
					 d[i - 1] == '\t')) {
				const ye_span *s;

				/* past the scalars that end before it */
				while (si < nspans &&
				       pos_cmp(spans[si].eline, spans[si].ecol,
					       line, col) <= 0)
					si++;
				s = si < nspans ? &spans[si] : NULL;
				if (!s || (s->block ? pos_cmp(s->sline + 1, 0,
							      line, col)
						    : pos_cmp(s->sline, s->scol,
							      line, col)) > 0) {
					found f = {line, col, d + i + 1, 0,
						   blank};
					size_t e = end;

					while (e > i + 1 &&
					       (d[e - 1] == ' ' ||
						d[e - 1] == '\t' ||
						d[e - 1] == '\r'))
						e--;
					f.len = e - (i + 1);
					if ((err = add(p, &cap, pts, &f)) < 0)
						return err;
					break;
				}
			}
			if (c != ' ' && c != '\t')
				blank = false;
			if ((c & 0xC0) != 0x80)
				col++;
		}
		at = nl ? end + 1 : len;
		line++;
	}
	return 0;
}
