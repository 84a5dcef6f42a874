/*
 * yaml_read.c: schema-1 profiles from YAML, on libyaml's event API.
 *
 * The reader is a recursive-descent parser over the event stream, driven
 * by the schema: every function consumes exactly the events of one node and
 * rejects, at the node's position, anything the schema does not allow.
 * Because the first unexpected event is an error, hostile input never gets
 * far: an anchor or alias fails at once (nothing is ever expanded), a
 * mapping where a scalar belongs fails before its contents are read, and
 * the recursion follows the schema (sections at most
 * PD_MAX_SECTION_DEPTH deep), never the input.
 *
 * libyaml reports 0-based lines and columns; everything here reports
 * 1-based ones, columns in code points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "profdiff/lint.h"
#include "profdiff/schema.h"
#include "profdiff/text.h"
#include "profdiff/yaml.h"
#include "yaml_comments.h"
#include "yaml_events.h"

typedef struct reader {
	yaml_events e;
	size_t *line_starts;  /* byte offset of each line, for segments */
	size_t nlines;
	const pd_vocab *vocab;
	pd_profile *p;
	yc_points pts;        /* where each node starts, for the comments */
	ye_keys keys[PD_SM_COUNT]; /* the schema's (schema.h) */
	ye_errors errs;
} reader;

/* After a node of the mapping or sequence at depth `base` failed: 0 when
 * the read goes past the error (yaml_events.h), else the error. */
#define RECOVER(r, err, base) pd_ye_recover(&(r)->e, (err), (base))

/* map_scalar() on a scalar of profdiff's own form (yaml_fast.c): its
 * value is its bytes, up to the end of its line at most (plain), or its
 * lines less their common indent, joined by a space (folded), so the
 * segments need no comparison: one at the scalar, or one a line, each
 * line's value one byte after the last's. Double-quoted ones are
 * map_scalar's. */
static int map_fast(reader *r, size_t vlen, pd_segment **out,
		    uint32_t *nout)
{
	size_t line = r->e.ev.start_mark.line, indent = 0, v, l;
	const char *d = r->e.data;
	pd_segment *segs;
	uint32_t n = 1, k;

	if (r->e.ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE) {
		/* content starts on the line after the indicator */
		line++;
		while (d[r->line_starts[line] + indent] == ' ')
			indent++;
		for (l = line, v = 0;; l++, n++) {
			v += r->line_starts[l + 1] - 1 -
			     (r->line_starts[l] + indent);
			if (v >= vlen)
				break;
			v++;
		}
	}
	if (!(segs = pd_arena_alloc(r->e.arena, n * sizeof(*segs))))
		return PD_ENOMEM;
	if (n == 1 && !indent) {
		segs[0].offset = 0;
		segs[0].pos.line = (uint32_t)line + 1;
		segs[0].pos.col = (uint32_t)r->e.ev.start_mark.column + 1;
	} else {
		for (k = 0, v = 0; k < n; k++, line++) {
			segs[k].offset = (uint32_t)v;
			segs[k].pos.line = (uint32_t)line + 1;
			segs[k].pos.col = (uint32_t)indent + 1;
			v += r->line_starts[line + 1] - r->line_starts[line] -
			     indent;
		}
	}
	*out = segs;
	*nout = n;
	return 0;
}

static int map_scalar(reader *r, const char *val, size_t vlen,
		      pd_segment **out, uint32_t *nout)
{
	yaml_scalar_style_t style = r->e.ev.data.scalar.style;
	size_t line = r->e.ev.start_mark.line, col = r->e.ev.start_mark.column;
	size_t p, v = 0, cap = 0, indent = 0, k;
	char fold = style == YAML_LITERAL_SCALAR_STYLE ? '\n' : ' ';
	bool block = style == YAML_FOLDED_SCALAR_STYLE ||
		     style == YAML_LITERAL_SCALAR_STYLE;
	pd_segment *segs = NULL;
	uint32_t n = 0;

	*out = NULL;
	*nout = 0;
	if (r->e.fast && style != YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		return map_fast(r, vlen, out, nout);
	if (line >= r->nlines)
		return 0;
	p = r->line_starts[line];
	if (block) {
		/* content starts on the line after the indicator */
		if (++line >= r->nlines)
			return 0;
		p = r->line_starts[line];
		while (p + indent < r->e.len && r->e.data[p + indent] == ' ')
			indent++;
		p += indent;
		col = indent;
	} else if (style != YAML_PLAIN_SCALAR_STYLE) {
		/* after the opening quote; escapes make the rest
		 * approximate */
		segs = pd_arena_alloc(r->e.arena, sizeof(*segs));
		if (!segs)
			return PD_ENOMEM;
		segs[0].offset = 0;
		segs[0].pos.line = (uint32_t)line + 1;
		segs[0].pos.col = (uint32_t)col + 2;
		*out = segs;
		*nout = 1;
		return 0;
	} else {
		for (k = 0; k < col && p < r->e.len && r->e.data[p] != '\n'; k++) {
			int32_t cp;

			p += pd_utf8_decode(r->e.data + p, r->e.len - p, &cp);
		}
	}
	for (;;) {
		const char *nl = memchr(r->e.data + p, '\n', r->e.len - p);
		size_t end = nl ? (size_t)(nl - r->e.data) : r->e.len, len;

		if (end > p && r->e.data[end - 1] == '\r')
			end--;
		if (!block)
			while (end > p && (r->e.data[end - 1] == ' ' ||
					   r->e.data[end - 1] == '\t'))
				end--;
		len = end - p;
		if (PD_ARENA_GROW(r->e.arena, segs, n, cap) < 0)
			return PD_ENOMEM;
		segs[n].offset = (uint32_t)v;
		segs[n].pos.line = (uint32_t)line + 1;
		segs[n].pos.col = (uint32_t)col + 1;
		n++;
		if (len > vlen - v || memcmp(val + v, r->e.data + p, len) != 0)
			break;
		v += len;
		if (v >= vlen || val[v] != fold || ++line >= r->nlines)
			break;
		v++;
		p = r->line_starts[line];
		col = 0;
		if (block) {
			for (k = 0; k < indent && p < r->e.len && r->e.data[p] == ' ';
			     k++)
				p++;
			col = k;
		} else {
			while (p < r->e.len &&
			       (r->e.data[p] == ' ' || r->e.data[p] == '\t')) {
				p++;
				col++;
			}
		}
	}
	*out = segs;
	*nout = n;
	return 0;
}

static int read_cites(reader *r, uint32_t **out, size_t *nout)
{
	size_t cap = 0;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT,
				"'cite'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		unsigned long v;
		uint32_t *slot;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if ((err = pd_ye_uint(&r->e, "a footnote number", 1,
				      PD_MAX_FOOTNOTE, &v)) < 0) {
			if ((err = RECOVER(r, err, base)) < 0)
				return err;
			continue;
		}
		slot = pd_ye_push(&r->e, (void **)out, nout, &cap,
				  sizeof(**out));
		if (!slot)
			return PD_ENOMEM;
		*slot = (uint32_t)v;
	}
	return 0;
}

/* One piece of a set of footnotes: "7" or "1-22". */
static int footnote_range(reader *r, const char *what, pd_footnote_range *out)
{
	const char *v;
	size_t n, i = 0;
	unsigned long x[2] = {0, 0};
	int k;

	if ((k = pd_ye_expect(&r->e, YAML_SCALAR_EVENT, what)) < 0)
		return k;
	v = pd_ye_sval(&r->e);
	n = pd_ye_slen(&r->e);
	for (k = 0; k < 2; k++) {
		size_t from = i;

		while (i < n && v[i] >= '0' && v[i] <= '9' && i - from < 6)
			x[k] = x[k] * 10 + (unsigned long)(v[i++] - '0');
		if (i == from || x[k] < 1 || x[k] > PD_MAX_FOOTNOTE)
			break;
		if (k == 0 && i == n) {
			x[1] = x[0];
			k = 2;
			break;
		}
		if (k == 0 && v[i++] != '-')
			break;
	}
	if (k < 2 || i != n)
		return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
				  "%s must be footnote numbers from 1 to %d, "
				  "one (7) or a range (1-22), not '%.40s'",
				  what, PD_MAX_FOOTNOTE, v);
	if (x[1] < x[0])
		return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
				  "%s: the range '%.40s' runs backwards", what,
				  v);
	out->lo = (uint32_t)x[0];
	out->hi = (uint32_t)x[1];
	return 0;
}

/* A set of footnotes: one number or range, or a list of them
 * ("1-22", [3, 7, 10-12]). */
static int read_footnote_set(reader *r, const char *what,
			     pd_footnote_range **out, size_t *nout)
{
	size_t cap = 0;
	pd_pos start = pd_ye_pos(&r->e);
	int err, base;

	if (r->e.ev.type != YAML_SEQUENCE_START_EVENT) {
		pd_footnote_range *one =
			pd_ye_push(&r->e, (void **)out, nout, &cap,
				   sizeof(*one));

		return one ? footnote_range(r, what, one) : PD_ENOMEM;
	}
	base = r->e.depth;
	for (;;) {
		pd_footnote_range *slot;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		slot = pd_ye_push(&r->e, (void **)out, nout, &cap,
				  sizeof(*slot));
		if (!slot)
			return PD_ENOMEM;
		if ((err = footnote_range(r, what, slot)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
	}
	if (!*nout)
		return pd_ye_fail(&r->e, start, "%s must not be empty", what);
	return 0;
}

/* Sections ---------------------------------------------------------------- */


static int read_sections(reader *r, pd_section **out, size_t *nout,
			 int depth);

static int read_paragraphs(reader *r, pd_section *s)
{
	size_t cap = 0;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT,
				"'paragraphs'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_paragraph *para;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		para = pd_ye_push(&r->e, (void **)&s->paragraphs,
				  &s->nparagraphs, &cap, sizeof(*para));
		if (!para)
			return PD_ENOMEM;
		para->pos = pd_ye_pos(&r->e);
		pd_yc_leave(&r->pts, pd_yc_enter(&r->pts, para->pos, "%zu",
						 s->nparagraphs - 1));
		if ((err = pd_ye_text(&r->e, "a paragraph", &para->text,
				      &para->len)) < 0) {
			if ((err = RECOVER(r, err, base)) < 0)
				return err;
			continue;
		}
		if ((err = map_scalar(r, para->text, para->len, &para->segs,
				      &para->nsegs)) < 0)
			return err;
		if (para->nsegs)
			para->pos = para->segs[0].pos;
	}
	return 0;
}

static int read_section(reader *r, pd_section *s, int depth)
{
	unsigned seen = 0;
	pd_pos first[4];
	pd_pos start = pd_ye_pos(&r->e);
	size_t mark;
	int err, k, base;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"a section")) < 0)
		return err;
	base = r->e.depth;
	s->pos = start;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_SECTION], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		mark = pd_yc_enter(&r->pts, first[k], "%s",
				   r->keys[PD_SM_SECTION].keys[k]);
		switch (k) {
		case 0:
			err = pd_ye_text(&r->e, "'title'", &s->title, NULL);
			break;
		case 1:
			err = pd_ye_text(&r->e, "'subtitle'", &s->subtitle,
					 NULL);
			break;
		case 2:
			err = read_paragraphs(r, s);
			break;
		default:
			if (depth >= PD_MAX_SECTION_DEPTH)
				return pd_ye_fail(
					&r->e, first[3],
					"sections nest deeper than %d "
					"levels",
					PD_MAX_SECTION_DEPTH);
			err = read_sections(r, &s->sections, &s->nsections,
					    depth + 1);
			break;
		}
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	if (!s->title)
		return pd_ye_fail(&r->e, start, "a section needs a 'title'");
	return 0;
}

static int read_sections(reader *r, pd_section **out, size_t *nout, int depth)
{
	size_t cap = 0, mark;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT,
				"'sections'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_section *s;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		s = pd_ye_push(&r->e, (void **)out, nout, &cap, sizeof(*s));
		if (!s)
			return PD_ENOMEM;
		mark = pd_yc_enter(&r->pts, pd_ye_pos(&r->e), "%zu", *nout - 1);
		if ((err = read_section(r, s, depth)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	return 0;
}

/* Laws ------------------------------------------------------------------ */


static int read_aka(reader *r, pd_law *law)
{
	size_t cap = 0;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT, "'aka'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		char **slot;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		slot = pd_ye_push(&r->e, (void **)&law->aka, &law->naka, &cap,
				  sizeof(*slot));
		if (!slot)
			return PD_ENOMEM;
		pd_yc_leave(&r->pts, pd_yc_enter(&r->pts, pd_ye_pos(&r->e),
						 "%zu", law->naka - 1));
		if ((err = pd_ye_text(&r->e, "an 'aka' name", slot, NULL)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
	}
	return 0;
}

static int read_law(reader *r, pd_law *law)
{
	unsigned seen = 0;
	pd_pos first[9];
	pd_pos start = pd_ye_pos(&r->e);
	unsigned long year;
	size_t mark;
	int err, k, v, base;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT, "a law")) < 0)
		return err;
	base = r->e.depth;
	law->pos = start;
	law->type = PD_LAW_OTHER;
	law->status = PD_LAW_STATUS_UNKNOWN;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_LAW], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		mark = pd_yc_enter(&r->pts, first[k], "%s",
				   r->keys[PD_SM_LAW].keys[k]);
		switch (k) {
		case 0:
			err = pd_ye_text(&r->e, "'name'", &law->name, NULL);
			break;
		case 1:
			err = pd_ye_text(&r->e, "'short'", &law->short_name,
					 NULL);
			break;
		case 2:
			err = read_aka(r, law);
			break;
		case 3:
			err = pd_ye_uint(&r->e, "'year'", 1, 9999, &year);
			law->year = (int)year;
			break;
		case 4:
			err = pd_ye_enum(&r->e, "law type", pd_law_type_lookup,
					 "law, code, decree, sub-decree, "
					 "regulation, policy, strategy or "
					 "other",
					 &v);
			law->type = (pd_law_type)v;
			break;
		case 5:
			err = pd_ye_enum(&r->e, "law status",
					 pd_law_status_lookup,
					 "proposed, draft, adopted, in-force, "
					 "amended, repealed or unknown",
					 &v);
			law->status = (pd_law_status)v;
			break;
		case 6:
			err = pd_ye_date_partial(&r->e, "a law's 'date'",
						 &law->date);
			break;
		case 7:
			err = pd_ye_text(&r->e, "'replaced_by'",
					 &law->replaced_by, NULL);
			break;
		default:
			err = read_cites(r, &law->cite, &law->ncite);
			break;
		}
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	if (!law->name)
		return pd_ye_fail(&r->e, start, "a law needs a 'name'");
	return 0;
}

static int read_laws(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0, mark;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT,
				"'laws'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_law *law;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		law = pd_ye_push(&r->e, (void **)&p->laws, &p->nlaws, &cap,
				 sizeof(*law));
		if (!law)
			return PD_ENOMEM;
		mark = pd_yc_enter(&r->pts, pd_ye_pos(&r->e), "%zu",
				   p->nlaws - 1);
		if ((err = read_law(r, law)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	return 0;
}

/* Treaties ----------------------------------------------------------------- */

/* `reservation: true`, or the reservation's date */
static int treaty_reservation(reader *r, pd_treaty *t)
{
	int err;

	if ((err = pd_ye_expect(&r->e, YAML_SCALAR_EVENT,
				"a treaty's 'reservation'")) < 0)
		return err;
	if (pd_ye_slen(&r->e) == 4 && memcmp(pd_ye_sval(&r->e), "true", 4) == 0) {
		t->reserved = true;
		return 0;
	}
	if (!pd_date_parse_partial(pd_ye_sval(&r->e), pd_ye_slen(&r->e),
				   &t->reservation))
		return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
				  "a treaty's 'reservation' must be true or a "
				  "date (YYYY, YYYY-MM or YYYY-MM-DD), not "
				  "'%.40s'",
				  pd_ye_sval(&r->e));
	t->reserved = true;
	return 0;
}

static int treaty_status(reader *r, pd_treaty *t)
{
	int v, err;

	err = pd_ye_enum(&r->e, "treaty status", pd_treaty_status_lookup,
			 "party, signatory, not-party, withdrawn or unknown",
			 &v);
	t->status = (pd_treaty_status)v;
	return err;
}

static int read_treaty_long(reader *r, pd_treaty *t)
{
	unsigned seen = 0;
	pd_pos first[5];
	pd_pos start = pd_ye_pos(&r->e);
	size_t mark;
	int err, k, v, base = r->e.depth;

	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_TREATY], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		mark = pd_yc_enter(&r->pts, first[k], "%s",
				   r->keys[PD_SM_TREATY].keys[k]);
		switch (k) {
		case 0:
			err = treaty_status(r, t);
			break;
		case 1:
			err = pd_ye_enum(&r->e, "treaty 'via'",
					 pd_treaty_via_lookup,
					 "ratification, accession, "
					 "succession, acceptance or approval",
					 &v);
			t->via = (pd_treaty_via)v;
			break;
		case 2:
			err = pd_ye_date_partial(&r->e, "a treaty's 'date'",
						 &t->date);
			break;
		case 3:
			err = read_cites(r, &t->cite, &t->ncite);
			break;
		default:
			err = treaty_reservation(r, t);
			break;
		}
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	if (!(seen & 1u))
		return pd_ye_fail(&r->e, start, "treaty '%s' needs a 'status'",
				  t->id);
	return 0;
}

static int read_treaties(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0, i, mark;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"'treaties'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_treaty *t;
		pd_pos pos;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_expect(&r->e, YAML_SCALAR_EVENT,
					"a treaty id")) < 0) {
			if ((err = RECOVER(r, err, base)) < 0 ||
			    (err = pd_ye_recover_key(&r->e, PD_EINVALID,
						     base)) < 0)
				return err;
			continue;
		}
		pos = pd_ye_pos(&r->e);
		err = 0;
		if (pd_vocab_find(r->vocab, pd_ye_sval(&r->e),
				  pd_ye_slen(&r->e)) < 0)
			err = pd_ye_fail(
				&r->e, pos,
				"unknown treaty '%.60s' (known: ICCPR, "
				"ICESCR, CEDAW, CRC, CERD, CAT, CRPD, "
				"CMW, CED, REFUGEE-1951, REFUGEE-1967, "
				"STATELESS-1954, STATELESS-1961, and "
				"those of .profdiff.yaml)",
				pd_ye_sval(&r->e));
		for (i = 0; !err && i < p->ntreaties; i++)
			if (strlen(p->treaties[i].id) == pd_ye_slen(&r->e) &&
			    memcmp(p->treaties[i].id, pd_ye_sval(&r->e),
				   pd_ye_slen(&r->e)) == 0)
				err = pd_ye_fail(
					&r->e, pos,
					"duplicate key '%s' (first at "
					"line %u)",
					p->treaties[i].id,
					(unsigned)p->treaties[i].pos.line);
		if (err < 0) {
			if ((err = pd_ye_recover_key(&r->e, err, base)) < 0)
				return err;
			continue;
		}
		t = pd_ye_push(&r->e, (void **)&p->treaties, &p->ntreaties,
			       &cap, sizeof(*t));
		if (!t)
			return PD_ENOMEM;
		t->pos = pos;
		t->id = pd_arena_strndup(r->e.arena, pd_ye_sval(&r->e),
					 pd_ye_slen(&r->e));
		if (!t->id)
			return PD_ENOMEM;
		mark = pd_yc_enter(&r->pts, pos, "%s", t->id);
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_START_EVENT)
			err = read_treaty_long(r, t);
		else if (r->e.ev.type == YAML_SCALAR_EVENT)
			err = treaty_status(r, t);
		else
			err = pd_ye_fail(&r->e, pd_ye_pos(&r->e),
					 "expected a status or a mapping for "
					 "treaty '%s', found %s",
					 t->id, pd_ye_kind(r->e.ev.type));
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	return 0;
}

/* Footnotes ----------------------------------------------------------------- */

static int read_footnotes(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"'footnotes'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_footnote *f;
		unsigned long n;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		f = pd_ye_push(&r->e, (void **)&p->footnotes, &p->nfootnotes,
			       &cap, sizeof(*f));
		if (!f)
			return PD_ENOMEM;
		f->pos = f->number_pos = pd_ye_pos(&r->e);
		if ((err = pd_ye_uint(&r->e, "a footnote number", 1,
				      PD_MAX_FOOTNOTE, &n)) < 0) {
			/* a collection as a key: skipped first */
			if ((err = RECOVER(r, err, base)) < 0 ||
			    (err = pd_ye_recover_key(&r->e, PD_EINVALID,
						     base)) < 0)
				return err;
			continue;
		}
		f->number = (uint32_t)n;
		pd_yc_leave(&r->pts, pd_yc_enter(&r->pts, f->number_pos,
						 "%lu", n));
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if ((err = pd_ye_text(&r->e, "a footnote", &f->text,
				      &f->len)) < 0) {
			if ((err = RECOVER(r, err, base)) < 0)
				return err;
			continue;
		}
		if ((err = map_scalar(r, f->text, f->len, &f->segs,
				      &f->nsegs)) < 0)
			return err;
		if (f->nsegs)
			f->pos = f->segs[0].pos;
	}
	return 0;
}

/* Lint settings ------------------------------------------------------------ */


static int ignore_rule(reader *r, pd_ignore *ig)
{
	int err;

	if ((err = pd_ye_text(&r->e, "a lint rule", &ig->rule, NULL)) < 0)
		return err;
	if (pd_rule_lookup(pd_ye_sval(&r->e), pd_ye_slen(&r->e)) < 0)
		return pd_ye_fail(&r->e, pd_ye_pos(&r->e),
				  "unknown lint rule '%.60s'",
				  pd_ye_sval(&r->e));
	return 0;
}

static int read_ignore_entry(reader *r, pd_ignore *ig)
{
	unsigned seen = 0;
	pd_pos first[3];
	pd_pos start = pd_ye_pos(&r->e);
	int err, k, base;

	if (r->e.ev.type == YAML_SCALAR_EVENT)
		return ignore_rule(r, ig);
	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT,
				"a lint.ignore entry")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_IGNORE], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		pd_yc_leave(&r->pts, pd_yc_enter(&r->pts, first[k], "%s",
						 r->keys[PD_SM_IGNORE].keys[k]));
		if (k == 0) {
			err = ignore_rule(r, ig);
		} else if (k == 1) {
			err = read_footnote_set(r, "'footnote'",
						&ig->footnotes,
						&ig->nfootnotes);
		} else {
			err = pd_ye_text(&r->e, "'text'", &ig->text, NULL);
		}
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
	}
	if (!ig->rule)
		return pd_ye_fail(&r->e, start,
				  "a lint.ignore entry needs a 'rule'");
	return 0;
}

static int read_ignores(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0, mark;
	int err, base;

	if ((err = pd_ye_expect(&r->e, YAML_SEQUENCE_START_EVENT,
				"'ignore'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		pd_ignore *ig;

		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		ig = pd_ye_push(&r->e, (void **)&p->ignores, &p->nignores, &cap,
				sizeof(*ig));
		if (!ig)
			return PD_ENOMEM;
		ig->pos = pd_ye_pos(&r->e);
		mark = pd_yc_enter(&r->pts, ig->pos, "%zu", p->nignores - 1);
		if ((err = read_ignore_entry(r, ig)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	return 0;
}


static int read_lint(reader *r)
{
	unsigned seen = 0;
	pd_pos first[1];
	size_t mark;
	int err, k, base;

	if ((err = pd_ye_expect(&r->e, YAML_MAPPING_START_EVENT, "'lint'")) < 0)
		return err;
	base = r->e.depth;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_LINT], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		mark = pd_yc_enter(&r->pts, first[k], "ignore");
		if ((err = read_ignores(r)) < 0 &&
		    (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	return 0;
}

/* The document ------------------------------------------------------------ */

enum {
	K_SCHEMA,
	K_COUNTRY,
	K_LAST_UPDATED,
	K_SECTIONS,
	K_LAWS,
	K_TREATIES,
	K_FOOTNOTES,
	K_CITED_ELSEWHERE,
	K_LINT,
	K_COUNT
};


static int read_document(reader *r)
{
	pd_profile *p = r->p;
	unsigned seen = 0;
	pd_pos first[K_COUNT];
	pd_pos start;
	unsigned long schema;
	size_t mark;
	int err, k, base;

	if ((err = pd_ye_document_start(
		     &r->e,
		     "a profile is a mapping (schema, country, "
		     "sections, ...)",
		     false)) < 0)
		return err;
	start = pd_ye_pos(&r->e);
	base = r->e.depth;
	for (;;) {
		if ((err = pd_ye_next(&r->e)) < 0)
			return err;
		if (r->e.ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = pd_ye_key(&r->e, &r->keys[PD_SM_PROFILE], &seen, first,
				     &k)) < 0)
			return err;
		if (err > 0)
			continue;
		mark = pd_yc_enter(&r->pts, first[k], "%s",
				   r->keys[PD_SM_PROFILE].keys[k]);
		switch (k) {
		case K_SCHEMA:
			err = pd_ye_uint(&r->e, "'schema'", 0, 1000000,
					 &schema);
			if (!err && schema != PD_SCHEMA_VERSION)
				return pd_ye_fail(
					&r->e, pd_ye_pos(&r->e),
					"unsupported schema %lu (this "
					"profdiff reads schema %d)",
					schema, PD_SCHEMA_VERSION);
			break;
		case K_COUNTRY:
			p->country_pos = pd_ye_pos(&r->e);
			err = pd_ye_text(&r->e, "'country'", &p->country, NULL);
			break;
		case K_LAST_UPDATED:
			p->last_updated_pos = pd_ye_pos(&r->e);
			err = pd_ye_date(&r->e, "'last_updated'",
					 &p->last_updated);
			break;
		case K_SECTIONS:
			err = read_sections(r, &p->sections, &p->nsections, 1);
			break;
		case K_LAWS:
			err = read_laws(r);
			break;
		case K_TREATIES:
			err = read_treaties(r);
			break;
		case K_FOOTNOTES:
			err = read_footnotes(r);
			break;
		case K_CITED_ELSEWHERE:
			err = read_footnote_set(r, "'footnotes_cited_elsewhere'",
						&p->cited_elsewhere,
						&p->ncited_elsewhere);
			break;
		default:
			err = read_lint(r);
			break;
		}
		if (err < 0 && (err = RECOVER(r, err, base)) < 0)
			return err;
		pd_yc_leave(&r->pts, mark);
	}
	if (!(seen & (1u << K_SCHEMA)) &&
	    (err = RECOVER(r,
			   pd_ye_fail(&r->e, start,
				      "missing key 'schema' (schema: %d)",
				      PD_SCHEMA_VERSION),
			   base)) < 0)
		return err;
	if (!(seen & (1u << K_COUNTRY)) &&
	    (err = RECOVER(r,
			   pd_ye_fail(&r->e, start, "missing key 'country'"),
			   base)) < 0)
		return err;
	return pd_ye_document_end(&r->e);
}

static int index_lines(reader *r)
{
	size_t cap = r->e.len / 32 + 16, k = 0;
	const char *p = r->e.data, *end = r->e.data + r->e.len;

	if (r->e.fast) {
		/* the scanner split the lines already */
		r->line_starts = r->e.scanned.line_starts;
		r->nlines = r->e.scanned.nlines;
		r->e.scanned.line_starts = NULL;
		return 0;
	}
	/* one pass: lines of profdiff's form run some 40 bytes and more */
	if (!(r->line_starts = malloc(cap * sizeof(*r->line_starts))))
		return pd_error_oom();
	r->line_starts[k++] = 0;
	for (; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
		if (PD_GROW(r->line_starts, k, cap) < 0)
			return PD_ENOMEM; /* freed by the caller */
		r->line_starts[k++] = (size_t)(p - r->e.data) + 1;
	}
	r->nlines = k;
	return 0;
}

static int read_profile(pd_profile **out, ye_errors *errs,
			const char *data, size_t len, const char *path,
			const pd_read_options *opts);

/* Is line [p, end) a top-level key of a block mapping, "key:" or
 * "key: value"? Its key in *key, *klen. */
static bool top_key(const char *p, const char *end, const char **key,
		    size_t *klen)
{
	const char *q = p;

	if (q == end || !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
		return false;
	while (q < end && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			   (*q >= '0' && *q <= '9') || *q == '_' || *q == '-'))
		q++;
	if (q == end || *q != ':' || (q + 1 < end && q[1] != ' '))
		return false;
	*key = p;
	*klen = (size_t)(q - p);
	return true;
}

/* The file without its sections and footnotes, into *out: 1, or 0 when
 * it is not laid out so that they can be cut safely (a top-level line
 * that is not a key, a tab, a document marker...), or PD_ENOMEM. */
static int cut_to_facts(const char *data, size_t len, pd_buf *out)
{
	const char *p = data, *end = data + len;
	bool keep = true;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *key;
		size_t klen;

		if (*p != ' ' && p != e) {
			if (!top_key(p, e, &key, &klen))
				return 0;
			keep = !((klen == 8 && memcmp(key, "sections", 8) == 0) ||
				 (klen == 9 && memcmp(key, "footnotes", 9) == 0));
		} else if (p == e) {
			return 0; /* a blank line may end a block scalar */
		}
		if (keep)
			pd_buf_put(out, p, (size_t)(e - p) + (nl != NULL));
		p = nl ? nl + 1 : end;
	}
	return pd_buf_ok(out) < 0 ? PD_ENOMEM : 1;
}

int pd_yaml_read(pd_profile **out, const char *data, size_t len,
		 const char *path, const pd_read_options *opts)
{
	if (opts && opts->facts_only &&
	    len <= (opts->max_size ? opts->max_size : PD_MAX_PROFILE_SIZE)) {
		pd_read_options all = *opts;
		pd_buf facts = PD_BUF_INIT;
		int err = cut_to_facts(data, len, &facts);

		all.facts_only = false;
		if (err == 1)
			err = pd_yaml_read(out, facts.ptr ? facts.ptr : "",
					   facts.len, path, &all);
		else if (err == 0)
			err = pd_yaml_read(out, data, len, path, &all);
		pd_buf_free(&facts);
		return err;
	}
	return read_profile(out, NULL, data, len, path, opts);
}

int pd_yaml_read_errors(pd_profile **out, pd_error **errors, size_t *nerrors,
			const char *data, size_t len, const char *path,
			const pd_read_options *opts, size_t max)
{
	ye_errors errs = {NULL, 0, max ? max : 1, false};
	int err;

	*errors = NULL;
	*nerrors = 0;
	err = read_profile(out, &errs, data, len, path, opts);
	if (err == PD_EINVALID && !errs.n) {
		/* one error the reader does not go past: the size, the
		 * encoding, a repeated footnote (pd_profile_canonicalize) */
		if (!(errs.v = malloc(sizeof(*errs.v))))
			return pd_error_oom();
		errs.v[errs.n++] = *pd_error_last();
	}
	if (err == PD_EINVALID) {
		*errors = errs.v;
		*nerrors = errs.n;
		pd_error_set(PD_EINVALID, errs.v[0].file, errs.v[0].pos.line,
			     errs.v[0].pos.col, "%s", errs.v[0].message);
		return err;
	}
	free(errs.v);
	return err;
}

static int read_profile(pd_profile **out, ye_errors *errs, const char *data,
			size_t len, const char *path,
			const pd_read_options *opts)
{
	reader r;
	size_t max = PD_MAX_PROFILE_SIZE;
	int err, i;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	for (i = 0; i < PD_SM_COUNT; i++) {
		const pd_schema_map *m = pd_schema_map_get(i);

		r.keys[i] = (ye_keys){m->names, m->nkeys, m->what, m->list};
	}
	if (opts && opts->max_size)
		max = opts->max_size;
	r.vocab = opts ? opts->vocab : NULL;
	if (len > max)
		return pd_error_set(PD_EINVALID, path ? path : "<input>", 1, 1,
				    "the file is %zu bytes, over the limit of "
				    "%zu bytes",
				    len, max);
	if ((err = pd_profile_new(&r.p)) < 0)
		return err;
	if ((err = pd_ye_begin(&r.e, data, len, path, r.p->arena)) == 0) {
		r.e.errs = errs;
		/* profdiff's own form holds no comment; another may */
		r.pts.on = r.e.record = !r.e.fast && r.e.len &&
					memchr(r.e.data, '#', r.e.len);
	}
	if (err < 0 || (err = index_lines(&r)) < 0 ||
	    (err = read_document(&r)) < 0 ||
	    (errs && errs->n && (err = PD_EINVALID) < 0) ||
	    (r.pts.on && r.e.spans_oom && (err = pd_error_oom()) < 0) ||
	    (r.pts.on && (err = pd_yc_extract(r.p, r.e.data, r.e.len,
					       r.e.spans, r.e.nspans,
					       &r.pts)) < 0) ||
	    (err = pd_profile_canonicalize(r.p, r.vocab, r.e.path)) < 0) {

		pd_ye_end(&r.e);
		pd_yc_free(&r.pts);
		free(r.line_starts);
		pd_profile_free(r.p);
		return err;
	}
	pd_ye_end(&r.e);
	pd_yc_free(&r.pts);
	free(r.line_starts);
	*out = r.p;
	return 0;
}
