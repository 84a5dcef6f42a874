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
#include <yaml.h>

#include "profdiff/lint.h"
#include "profdiff/text.h"
#include "profdiff/yaml.h"

typedef struct reader {
	yaml_parser_t parser;
	yaml_event_t ev;      /* the current event, valid when `have` */
	bool have;
	const char *path;
	const char *data;
	size_t len;
	size_t *line_starts;  /* byte offset of each line, for segments */
	size_t nlines;
	const pd_vocab *vocab;
	pd_profile *p;
	pd_arena *arena;
} reader;

static pd_pos ev_pos(const reader *r)
{
	pd_pos pos = {(uint32_t)r->ev.start_mark.line + 1,
		      (uint32_t)r->ev.start_mark.column + 1};
	return pos;
}

static int fail_at(const reader *r, pd_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(const reader *r, pd_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pd_error_setv(PD_EINVALID, r->path, pos.line, pos.col, fmt, ap);
	va_end(ap);
	return PD_EINVALID;
}

static const char *event_kind(yaml_event_type_t t)
{
	switch (t) {
	case YAML_SCALAR_EVENT:
		return "a scalar";
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		return "the end of a collection";
	case YAML_DOCUMENT_START_EVENT:
		return "another document";
	default:
		return "the end of the file";
	}
}

static int syntax_error(reader *r)
{
	const yaml_parser_t *ps = &r->parser;
	pd_pos pos;
	char msg[512];

	if (ps->error == YAML_MEMORY_ERROR)
		return pd_error_oom();
	if (ps->error == YAML_READER_ERROR) {
		pos = pd_text_pos(r->data, r->len, ps->problem_offset);
	} else {
		pos.line = (uint32_t)ps->problem_mark.line + 1;
		pos.col = (uint32_t)ps->problem_mark.column + 1;
	}
	if (ps->context)
		snprintf(msg, sizeof(msg), "invalid YAML: %s %s",
			 ps->problem ? ps->problem : "syntax error",
			 ps->context);
	else
		snprintf(msg, sizeof(msg), "invalid YAML: %s",
			 ps->problem ? ps->problem : "syntax error");
	return fail_at(r, pos, "%s", msg);
}

/* Advances to the next event, rejecting anchors, aliases and tags. */
static int next(reader *r)
{
	const unsigned char *anchor = NULL, *tag = NULL;

	if (r->have) {
		yaml_event_delete(&r->ev);
		r->have = false;
	}
	if (!yaml_parser_parse(&r->parser, &r->ev))
		return syntax_error(r);
	r->have = true;
	switch (r->ev.type) {
	case YAML_ALIAS_EVENT:
		return fail_at(r, ev_pos(r),
			       "aliases are not allowed in a profile");
	case YAML_SCALAR_EVENT:
		anchor = r->ev.data.scalar.anchor;
		tag = r->ev.data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = r->ev.data.sequence_start.anchor;
		tag = r->ev.data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = r->ev.data.mapping_start.anchor;
		tag = r->ev.data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor)
		return fail_at(r, ev_pos(r),
			       "anchors are not allowed in a profile ('&%s')",
			       (const char *)anchor);
	if (tag)
		return fail_at(r, ev_pos(r),
			       "tags are not allowed in a profile ('%s')",
			       (const char *)tag);
	return 0;
}

static const char *sval(const reader *r)
{
	return (const char *)r->ev.data.scalar.value;
}

static size_t slen(const reader *r)
{
	return r->ev.data.scalar.length;
}

static bool is_null_scalar(const reader *r)
{
	const char *v = sval(r);

	if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return slen(r) == 0 || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

static int expect(reader *r, yaml_event_type_t type, const char *what)
{
	if (r->ev.type == type)
		return 0;
	return fail_at(r, ev_pos(r), "expected %s for %s, found %s",
		       event_kind(type), what, event_kind(r->ev.type));
}

/* The current event must be a non-empty scalar without NUL characters;
 * returns an arena copy. */
static int scalar_text(reader *r, const char *what, char **out, size_t *len)
{
	int err;

	if ((err = expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	if (slen(r) == 0 || is_null_scalar(r))
		return fail_at(r, ev_pos(r), "%s must not be empty", what);
	if (memchr(sval(r), '\0', slen(r)))
		return fail_at(r, ev_pos(r),
			       "%s contains a NUL character", what);
	*out = pd_arena_strndup(r->arena, sval(r), slen(r));
	if (!*out)
		return PD_ENOMEM;
	if (len)
		*len = slen(r);
	return 0;
}

/* Builds the segments of the current scalar: where each source line of
 * its text starts. Plain, folded and literal scalars map exactly while the
 * source and the value agree; quoted ones (escapes) map to their first
 * line. Never fails on a mismatch: the segments found so far stand. */
static int map_scalar(reader *r, const char *val, size_t vlen,
		      pd_segment **out, uint32_t *nout)
{
	yaml_scalar_style_t style = r->ev.data.scalar.style;
	size_t line = r->ev.start_mark.line, col = r->ev.start_mark.column;
	size_t p, v = 0, cap = 0, indent = 0, k;
	char fold = style == YAML_LITERAL_SCALAR_STYLE ? '\n' : ' ';
	bool block = style == YAML_FOLDED_SCALAR_STYLE ||
		     style == YAML_LITERAL_SCALAR_STYLE;
	pd_segment *segs = NULL;
	uint32_t n = 0;

	*out = NULL;
	*nout = 0;
	if (line >= r->nlines)
		return 0;
	p = r->line_starts[line];
	if (block) {
		/* content starts on the line after the indicator */
		if (++line >= r->nlines)
			return 0;
		p = r->line_starts[line];
		while (p + indent < r->len && r->data[p + indent] == ' ')
			indent++;
		p += indent;
		col = indent;
	} else {
		for (k = 0; k < col && p < r->len && r->data[p] != '\n'; k++) {
			int32_t cp;

			p += pd_utf8_decode(r->data + p, r->len - p, &cp);
		}
		if (style != YAML_PLAIN_SCALAR_STYLE) {
			/* after the opening quote; escapes make the rest
			 * approximate */
			segs = pd_arena_alloc(r->arena, sizeof(*segs));
			if (!segs)
				return PD_ENOMEM;
			segs[0].offset = 0;
			segs[0].pos.line = (uint32_t)line + 1;
			segs[0].pos.col = (uint32_t)col + 2;
			*out = segs;
			*nout = 1;
			return 0;
		}
	}
	for (;;) {
		const char *nl = memchr(r->data + p, '\n', r->len - p);
		size_t end = nl ? (size_t)(nl - r->data) : r->len, len;

		if (end > p && r->data[end - 1] == '\r')
			end--;
		if (!block)
			while (end > p && (r->data[end - 1] == ' ' ||
					   r->data[end - 1] == '\t'))
				end--;
		len = end - p;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 4;
			pd_segment *g = pd_arena_grow(r->arena, segs,
						      cap * sizeof(*g),
						      ncap * sizeof(*g));

			if (!g)
				return PD_ENOMEM;
			segs = g;
			cap = ncap;
		}
		segs[n].offset = (uint32_t)v;
		segs[n].pos.line = (uint32_t)line + 1;
		segs[n].pos.col = (uint32_t)col + 1;
		n++;
		if (len > vlen - v || memcmp(val + v, r->data + p, len) != 0)
			break;
		v += len;
		if (v >= vlen || val[v] != fold || ++line >= r->nlines)
			break;
		v++;
		p = r->line_starts[line];
		col = 0;
		if (block) {
			for (k = 0; k < indent && p < r->len && r->data[p] == ' ';
			     k++)
				p++;
			col = k;
		} else {
			while (p < r->len &&
			       (r->data[p] == ' ' || r->data[p] == '\t')) {
				p++;
				col++;
			}
		}
	}
	*out = segs;
	*nout = n;
	return 0;
}

static int scalar_uint(reader *r, const char *what, unsigned long min,
		       unsigned long max, unsigned long *out)
{
	const char *v;
	size_t i, n;
	unsigned long x = 0;
	int err;

	if ((err = expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	v = sval(r);
	n = slen(r);
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			break;
		if (x <= max)
			x = x * 10 + (unsigned long)(v[i] - '0');
	}
	if (n == 0 || i != n)
		return fail_at(r, ev_pos(r),
			       "%s must be a whole number, not '%.40s'", what,
			       v);
	if (x < min || x > max)
		return fail_at(r, ev_pos(r),
			       "%s must be between %lu and %lu, not %.20s", what,
			       min, max, v);
	*out = x;
	return 0;
}

static int scalar_date(reader *r, const char *what, pd_date *out)
{
	int err;

	if ((err = expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	if (!pd_date_parse(sval(r), slen(r), out))
		return fail_at(r, ev_pos(r),
			       "%s must be an ISO date (YYYY-MM-DD), not "
			       "'%.40s'",
			       what, sval(r));
	return 0;
}

static int scalar_enum(reader *r, const char *what,
		       int (*lookup)(const char *, size_t), const char *names,
		       int *out)
{
	int err, v;

	if ((err = expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	v = lookup(sval(r), slen(r));
	if (v < 0)
		return fail_at(r, ev_pos(r), "unknown %s '%.40s' (expected %s)",
			       what, sval(r), names);
	*out = v;
	return 0;
}

/* Appends a zeroed element to an arena array, doubling its capacity. */
static void *push(reader *r, void **arr, size_t *n, size_t *cap, size_t elem)
{
	char *base;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 4;
		void *grown;

		if (ncap > SIZE_MAX / elem) {
			pd_error_oom();
			return NULL;
		}
		grown = pd_arena_grow(r->arena, *arr, *cap * elem, ncap * elem);
		if (!grown)
			return NULL;
		*arr = grown;
		*cap = ncap;
	}
	base = *arr;
	memset(base + *n * elem, 0, elem);
	return base + (*n)++ * elem;
}

/* Key handling: each mapping of the schema has a small table of keys; the
 * `seen` mask catches duplicates. */
typedef struct key_table {
	const char *const *keys;
	size_t nkeys;
	const char *what;   /* "a section", for messages */
	const char *list;   /* "title, subtitle, paragraphs, sections" */
} key_table;

static int read_key(reader *r, const key_table *kt, unsigned *seen,
		    pd_pos *first, int *out)
{
	size_t i;
	int err;

	if ((err = expect(r, YAML_SCALAR_EVENT, "a key")) < 0)
		return err;
	for (i = 0; i < kt->nkeys; i++) {
		if (strlen(kt->keys[i]) == slen(r) &&
		    memcmp(kt->keys[i], sval(r), slen(r)) == 0)
			break;
	}
	if (i == kt->nkeys)
		return fail_at(r, ev_pos(r),
			       "unknown key '%.60s' in %s (expected one of: %s)",
			       sval(r), kt->what, kt->list);
	if (*seen & (1u << i))
		return fail_at(r, ev_pos(r),
			       "duplicate key '%s' (first at line %u)",
			       kt->keys[i], (unsigned)first[i].line);
	*seen |= 1u << i;
	first[i] = ev_pos(r);
	*out = (int)i;
	return next(r);
}

/* cite: [15, 31] */
static int read_cites(reader *r, uint32_t **out, size_t *nout)
{
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'cite'")) < 0)
		return err;
	for (;;) {
		unsigned long v;
		uint32_t *slot;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		if ((err = scalar_uint(r, "a footnote number", 1,
				       PD_MAX_FOOTNOTE, &v)) < 0)
			return err;
		slot = push(r, (void **)out, nout, &cap, sizeof(**out));
		if (!slot)
			return PD_ENOMEM;
		*slot = (uint32_t)v;
	}
	return 0;
}

/* Sections ---------------------------------------------------------------- */

static const char *const section_keys[] = {"title", "subtitle", "paragraphs",
					   "sections"};
static const key_table section_kt = {section_keys, 4, "a section",
				     "title, subtitle, paragraphs, sections"};

static int read_sections(reader *r, pd_section **out, size_t *nout,
			 int depth);

static int read_paragraphs(reader *r, pd_section *s)
{
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'paragraphs'")) < 0)
		return err;
	for (;;) {
		pd_paragraph *para;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		para = push(r, (void **)&s->paragraphs, &s->nparagraphs, &cap,
			    sizeof(*para));
		if (!para)
			return PD_ENOMEM;
		para->pos = ev_pos(r);
		if ((err = scalar_text(r, "a paragraph", &para->text,
				       &para->len)) < 0)
			return err;
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
	pd_pos start = ev_pos(r);
	int err, k;

	if ((err = expect(r, YAML_MAPPING_START_EVENT, "a section")) < 0)
		return err;
	s->pos = start;
	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &section_kt, &seen, first, &k)) < 0)
			return err;
		switch (k) {
		case 0:
			err = scalar_text(r, "'title'", &s->title, NULL);
			break;
		case 1:
			err = scalar_text(r, "'subtitle'", &s->subtitle, NULL);
			break;
		case 2:
			err = read_paragraphs(r, s);
			break;
		default:
			if (depth >= PD_MAX_SECTION_DEPTH)
				return fail_at(r, first[3],
					       "sections nest deeper than %d "
					       "levels",
					       PD_MAX_SECTION_DEPTH);
			err = read_sections(r, &s->sections, &s->nsections,
					    depth + 1);
			break;
		}
		if (err < 0)
			return err;
	}
	if (!s->title)
		return fail_at(r, start, "a section needs a 'title'");
	return 0;
}

static int read_sections(reader *r, pd_section **out, size_t *nout, int depth)
{
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'sections'")) < 0)
		return err;
	for (;;) {
		pd_section *s;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		s = push(r, (void **)out, nout, &cap, sizeof(*s));
		if (!s)
			return PD_ENOMEM;
		if ((err = read_section(r, s, depth)) < 0)
			return err;
	}
	return 0;
}

/* Laws ------------------------------------------------------------------ */

static const char *const law_keys[] = {"name", "short", "aka",  "year",
				       "type", "status", "cite"};
static const key_table law_kt = {
	law_keys, 7, "a law",
	"name, short, aka, year, type, status, cite"};

static int read_aka(reader *r, pd_law *law)
{
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'aka'")) < 0)
		return err;
	for (;;) {
		char **slot;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		slot = push(r, (void **)&law->aka, &law->naka, &cap,
			    sizeof(*slot));
		if (!slot)
			return PD_ENOMEM;
		if ((err = scalar_text(r, "an 'aka' name", slot, NULL)) < 0)
			return err;
	}
	return 0;
}

static int read_law(reader *r, pd_law *law)
{
	unsigned seen = 0;
	pd_pos first[7];
	pd_pos start = ev_pos(r);
	unsigned long year;
	int err, k, v;

	if ((err = expect(r, YAML_MAPPING_START_EVENT, "a law")) < 0)
		return err;
	law->pos = start;
	law->type = PD_LAW_OTHER;
	law->status = PD_LAW_STATUS_UNKNOWN;
	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &law_kt, &seen, first, &k)) < 0)
			return err;
		switch (k) {
		case 0:
			err = scalar_text(r, "'name'", &law->name, NULL);
			break;
		case 1:
			err = scalar_text(r, "'short'", &law->short_name, NULL);
			break;
		case 2:
			err = read_aka(r, law);
			break;
		case 3:
			err = scalar_uint(r, "'year'", 1, 9999, &year);
			law->year = (int)year;
			break;
		case 4:
			err = scalar_enum(r, "law type", pd_law_type_lookup,
					  "law, code, decree, sub-decree, "
					  "regulation, policy, strategy or "
					  "other",
					  &v);
			law->type = (pd_law_type)v;
			break;
		case 5:
			err = scalar_enum(r, "law status", pd_law_status_lookup,
					  "in-force, draft, proposed, repealed "
					  "or unknown",
					  &v);
			law->status = (pd_law_status)v;
			break;
		default:
			err = read_cites(r, &law->cite, &law->ncite);
			break;
		}
		if (err < 0)
			return err;
	}
	if (!law->name)
		return fail_at(r, start, "a law needs a 'name'");
	return 0;
}

static int read_laws(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'laws'")) < 0)
		return err;
	for (;;) {
		pd_law *law;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		law = push(r, (void **)&p->laws, &p->nlaws, &cap,
			   sizeof(*law));
		if (!law)
			return PD_ENOMEM;
		if ((err = read_law(r, law)) < 0)
			return err;
	}
	return 0;
}

/* Treaties ----------------------------------------------------------------- */

static const char *const treaty_keys[] = {"status", "via", "date", "cite"};
static const key_table treaty_kt = {treaty_keys, 4, "a treaty",
				    "status, via, date, cite"};

static int treaty_status(reader *r, pd_treaty *t)
{
	int v, err;

	err = scalar_enum(r, "treaty status", pd_treaty_status_lookup,
			  "party, signatory, not-party, withdrawn or unknown",
			  &v);
	t->status = (pd_treaty_status)v;
	return err;
}

static int read_treaty_long(reader *r, pd_treaty *t)
{
	unsigned seen = 0;
	pd_pos first[4];
	pd_pos start = ev_pos(r);
	int err, k, v;

	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &treaty_kt, &seen, first, &k)) < 0)
			return err;
		switch (k) {
		case 0:
			err = treaty_status(r, t);
			break;
		case 1:
			err = scalar_enum(r, "treaty 'via'",
					  pd_treaty_via_lookup,
					  "ratification, accession, "
					  "succession, acceptance or approval",
					  &v);
			t->via = (pd_treaty_via)v;
			break;
		case 2:
			err = scalar_date(r, "'date'", &t->date);
			break;
		default:
			err = read_cites(r, &t->cite, &t->ncite);
			break;
		}
		if (err < 0)
			return err;
	}
	if (!(seen & 1u))
		return fail_at(r, start, "treaty '%s' needs a 'status'", t->id);
	return 0;
}

static int read_treaties(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0, i;
	int err;

	if ((err = expect(r, YAML_MAPPING_START_EVENT, "'treaties'")) < 0)
		return err;
	for (;;) {
		pd_treaty *t;
		pd_pos pos;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = expect(r, YAML_SCALAR_EVENT, "a treaty id")) < 0)
			return err;
		pos = ev_pos(r);
		if (pd_vocab_find(r->vocab, sval(r), slen(r)) < 0)
			return fail_at(r, pos,
				       "unknown treaty '%.60s' (known: ICCPR, "
				       "ICESCR, CEDAW, CRC, CERD, CAT, CRPD, "
				       "CMW, CED, REFUGEE-1951, REFUGEE-1967, "
				       "STATELESS-1954, STATELESS-1961, and "
				       "those of .profdiff.yaml)",
				       sval(r));
		for (i = 0; i < p->ntreaties; i++)
			if (strlen(p->treaties[i].id) == slen(r) &&
			    memcmp(p->treaties[i].id, sval(r), slen(r)) == 0)
				return fail_at(r, pos,
					       "duplicate key '%s' (first at "
					       "line %u)",
					       p->treaties[i].id,
					       (unsigned)p->treaties[i].pos.line);
		t = push(r, (void **)&p->treaties, &p->ntreaties, &cap,
			 sizeof(*t));
		if (!t)
			return PD_ENOMEM;
		t->pos = pos;
		t->id = pd_arena_strndup(r->arena, sval(r), slen(r));
		if (!t->id)
			return PD_ENOMEM;
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_START_EVENT)
			err = read_treaty_long(r, t);
		else if (r->ev.type == YAML_SCALAR_EVENT)
			err = treaty_status(r, t);
		else
			err = fail_at(r, ev_pos(r),
				      "expected a status or a mapping for "
				      "treaty '%s', found %s",
				      t->id, event_kind(r->ev.type));
		if (err < 0)
			return err;
	}
	return 0;
}

/* Footnotes ----------------------------------------------------------------- */

static int read_footnotes(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_MAPPING_START_EVENT, "'footnotes'")) < 0)
		return err;
	for (;;) {
		pd_footnote *f;
		unsigned long n;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		f = push(r, (void **)&p->footnotes, &p->nfootnotes, &cap,
			 sizeof(*f));
		if (!f)
			return PD_ENOMEM;
		f->pos = f->number_pos = ev_pos(r);
		if ((err = scalar_uint(r, "a footnote number", 1,
				       PD_MAX_FOOTNOTE, &n)) < 0)
			return err;
		f->number = (uint32_t)n;
		if ((err = next(r)) < 0)
			return err;
		if ((err = scalar_text(r, "a footnote", &f->text, &f->len)) < 0)
			return err;
		if ((err = map_scalar(r, f->text, f->len, &f->segs,
				      &f->nsegs)) < 0)
			return err;
		if (f->nsegs)
			f->pos = f->segs[0].pos;
	}
	return 0;
}

/* Lint settings ------------------------------------------------------------ */

static const char *const ignore_keys[] = {"rule", "footnote", "text"};
static const key_table ignore_kt = {ignore_keys, 3, "a lint.ignore entry",
				    "rule, footnote, text"};

static int ignore_rule(reader *r, pd_ignore *ig)
{
	int err;

	if ((err = scalar_text(r, "a lint rule", &ig->rule, NULL)) < 0)
		return err;
	if (pd_rule_lookup(sval(r), slen(r)) < 0)
		return fail_at(r, ev_pos(r), "unknown lint rule '%.60s'",
			       sval(r));
	return 0;
}

static int read_ignore_entry(reader *r, pd_ignore *ig)
{
	unsigned seen = 0;
	pd_pos first[3];
	pd_pos start = ev_pos(r);
	unsigned long n;
	int err, k;

	if (r->ev.type == YAML_SCALAR_EVENT)
		return ignore_rule(r, ig);
	if ((err = expect(r, YAML_MAPPING_START_EVENT,
			  "a lint.ignore entry")) < 0)
		return err;
	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &ignore_kt, &seen, first, &k)) < 0)
			return err;
		if (k == 0) {
			err = ignore_rule(r, ig);
		} else if (k == 1) {
			err = scalar_uint(r, "'footnote'", 1, PD_MAX_FOOTNOTE,
					  &n);
			ig->footnote = (uint32_t)n;
		} else {
			err = scalar_text(r, "'text'", &ig->text, NULL);
		}
		if (err < 0)
			return err;
	}
	if (!ig->rule)
		return fail_at(r, start, "a lint.ignore entry needs a 'rule'");
	return 0;
}

static int read_ignores(reader *r)
{
	pd_profile *p = r->p;
	size_t cap = 0;
	int err;

	if ((err = expect(r, YAML_SEQUENCE_START_EVENT, "'ignore'")) < 0)
		return err;
	for (;;) {
		pd_ignore *ig;

		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		ig = push(r, (void **)&p->ignores, &p->nignores, &cap,
			  sizeof(*ig));
		if (!ig)
			return PD_ENOMEM;
		ig->pos = ev_pos(r);
		if ((err = read_ignore_entry(r, ig)) < 0)
			return err;
	}
	return 0;
}

static const char *const lint_keys[] = {"ignore"};
static const key_table lint_kt = {lint_keys, 1, "'lint'", "ignore"};

static int read_lint(reader *r)
{
	unsigned seen = 0;
	pd_pos first[1];
	int err, k;

	if ((err = expect(r, YAML_MAPPING_START_EVENT, "'lint'")) < 0)
		return err;
	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &lint_kt, &seen, first, &k)) < 0)
			return err;
		if ((err = read_ignores(r)) < 0)
			return err;
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
	K_LINT,
	K_COUNT
};

static const char *const top_keys[K_COUNT] = {
	"schema", "country",  "last_updated", "sections",
	"laws",   "treaties", "footnotes",    "lint"};
static const key_table top_kt = {
	top_keys, K_COUNT, "a profile",
	"schema, country, last_updated, sections, laws, treaties, footnotes, "
	"lint"};

static int read_document(reader *r)
{
	pd_profile *p = r->p;
	unsigned seen = 0;
	pd_pos first[K_COUNT];
	pd_pos start;
	unsigned long schema;
	int err, k;

	if ((err = next(r)) < 0) /* STREAM-START */
		return err;
	if ((err = next(r)) < 0)
		return err;
	if (r->ev.type == YAML_STREAM_END_EVENT)
		return fail_at(r, ev_pos(r),
			       "the file is empty: a profile is a mapping "
			       "with schema, country, sections, ...");
	if ((err = next(r)) < 0) /* past DOCUMENT-START */
		return err;
	start = ev_pos(r);
	if (r->ev.type != YAML_MAPPING_START_EVENT)
		return fail_at(r, start,
			       "a profile is a mapping (schema, country, "
			       "sections, ...), found %s",
			       event_kind(r->ev.type));
	for (;;) {
		if ((err = next(r)) < 0)
			return err;
		if (r->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((err = read_key(r, &top_kt, &seen, first, &k)) < 0)
			return err;
		switch (k) {
		case K_SCHEMA:
			err = scalar_uint(r, "'schema'", 0, 1000000, &schema);
			if (!err && schema != PD_SCHEMA_VERSION)
				return fail_at(r, ev_pos(r),
					       "unsupported schema %lu (this "
					       "profdiff reads schema %d)",
					       schema, PD_SCHEMA_VERSION);
			break;
		case K_COUNTRY:
			p->country_pos = ev_pos(r);
			err = scalar_text(r, "'country'", &p->country, NULL);
			break;
		case K_LAST_UPDATED:
			p->last_updated_pos = ev_pos(r);
			err = scalar_date(r, "'last_updated'",
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
		default:
			err = read_lint(r);
			break;
		}
		if (err < 0)
			return err;
	}
	if (!(seen & (1u << K_SCHEMA)))
		return fail_at(r, start, "missing key 'schema' (schema: %d)",
			       PD_SCHEMA_VERSION);
	if (!(seen & (1u << K_COUNTRY)))
		return fail_at(r, start, "missing key 'country'");
	if ((err = next(r)) < 0) /* DOCUMENT-END */
		return err;
	if ((err = next(r)) < 0)
		return err;
	if (r->ev.type != YAML_STREAM_END_EVENT)
		return fail_at(r, ev_pos(r),
			       "a profile file holds one YAML document");
	return 0;
}

static int index_lines(reader *r)
{
	size_t n = 1, i = 0, k = 0;
	const char *p;

	for (p = r->data; (p = memchr(p, '\n', r->len - (size_t)(p - r->data)));
	     p++)
		n++;
	r->line_starts = malloc(n * sizeof(*r->line_starts));
	if (!r->line_starts)
		return pd_error_oom();
	r->line_starts[k++] = 0;
	for (i = 0; i < r->len; i++)
		if (r->data[i] == '\n')
			r->line_starts[k++] = i + 1;
	r->nlines = k;
	return 0;
}

int pd_yaml_read(pd_profile **out, const char *data, size_t len,
		 const char *path, const pd_read_options *opts)
{
	reader r;
	size_t max = PD_MAX_PROFILE_SIZE, bad;
	int err;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	if (!data || !len) {
		data = "";
		len = 0;
	}
	r.path = path ? path : "<input>";
	r.data = data;
	r.len = len;
	if (opts && opts->max_size)
		max = opts->max_size;
	r.vocab = opts ? opts->vocab : NULL;
	if (len > max)
		return pd_error_set(PD_EINVALID, r.path, 1, 1,
				    "the file is %zu bytes, over the limit of "
				    "%zu bytes",
				    len, max);
	if (!pd_utf8_valid(data, len, &bad)) {
		pd_pos pos = pd_text_pos(data, len, bad);

		return pd_error_set(PD_EINVALID, r.path, pos.line, pos.col,
				    "invalid UTF-8 (byte 0x%02X)",
				    (unsigned char)data[bad]);
	}
	if (memchr(data, '\0', len)) {
		size_t off = (size_t)((const char *)memchr(data, '\0', len) -
				      data);
		pd_pos pos = pd_text_pos(data, len, off);

		return pd_error_set(PD_EINVALID, r.path, pos.line, pos.col,
				    "NUL byte in a YAML file");
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		/* a byte order mark is not part of the text */
		data += 3;
		len -= 3;
		r.data = data;
		r.len = len;
	}
	if ((err = pd_profile_new(&r.p)) < 0)
		return err;
	r.arena = r.p->arena;
	if ((err = index_lines(&r)) < 0) {
		pd_profile_free(r.p);
		return err;
	}
	if (!yaml_parser_initialize(&r.parser)) {
		pd_profile_free(r.p);
		return pd_error_oom();
	}
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)data,
				     len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	err = read_document(&r);
	if (r.have)
		yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.parser);
	free(r.line_starts);
	if (!err)
		err = pd_profile_canonicalize(r.p, r.vocab, r.path);
	if (err < 0) {
		pd_profile_free(r.p);
		return err;
	}
	*out = r.p;
	return 0;
}
