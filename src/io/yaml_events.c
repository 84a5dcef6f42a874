/*
 * yaml_events.c: schema-driven reading on libyaml's event API (see
 * yaml_events.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "profdiff/text.h"
#include "yaml_events.h"

pd_pos pd_ye_pos(const yaml_events *r)
{
	pd_pos pos = {(uint32_t)r->ev.start_mark.line + 1,
		      (uint32_t)r->ev.start_mark.column + 1};
	return pos;
}

int pd_ye_fail(const yaml_events *r, pd_pos pos, const char *fmt, ...)
{
	ye_errors *errs = r->errs;
	va_list ap;

	va_start(ap, fmt);
	pd_error_setv(PD_EINVALID, r->path, pos.line, pos.col, fmt, ap);
	va_end(ap);
	if (errs && errs->n < errs->max) {
		pd_error *grown = realloc(errs->v, (errs->n + 1) * sizeof(*grown));

		if (!grown) {
			errs->fatal = true;
			return pd_error_oom();
		}
		errs->v = grown;
		errs->v[errs->n++] = *pd_error_last();
	}
	return PD_EINVALID;
}

/* Whether the read goes past this error. */
static bool can_recover(const yaml_events *e, int err)
{
	return e->errs && err == PD_EINVALID && !e->errs->fatal &&
	       e->errs->n < e->errs->max;
}

int pd_ye_recover(yaml_events *e, int err, int base)
{
	if (!can_recover(e, err))
		return err;
	while (e->depth > base) {
		if (e->ev.type == YAML_STREAM_END_EVENT ||
		    e->ev.type == YAML_NO_EVENT) {
			/* never in a stream that parses: no loop on one
			 * that does not */
			e->errs->fatal = true;
			return PD_EINVALID;
		}
		if ((err = pd_ye_next(e)) < 0 && !can_recover(e, err))
			return err;
	}
	return 0;
}

int pd_ye_recover_key(yaml_events *e, int err, int base)
{
	if (!can_recover(e, err))
		return err;
	/* the value: a scalar, or a collection skipped to its end */
	if ((err = pd_ye_next(e)) < 0 && !can_recover(e, err))
		return err;
	return pd_ye_recover(e, PD_EINVALID, base);
}

const char *pd_ye_kind(yaml_event_type_t t)
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

static int syntax_error(yaml_events *r)
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
	return pd_ye_fail(r, pos, "%s", msg);
}

/* The collections open once the current event is taken. */
static void count_depth(yaml_events *r)
{
	if (r->ev.type == YAML_SEQUENCE_START_EVENT ||
	    r->ev.type == YAML_MAPPING_START_EVENT)
		r->depth++;
	else if (r->ev.type == YAML_SEQUENCE_END_EVENT ||
		 r->ev.type == YAML_MAPPING_END_EVENT)
		r->depth--;
}

/* Advances to the next event, rejecting anchors, aliases and tags. */
int pd_ye_next(yaml_events *r)
{
	const unsigned char *anchor = NULL, *tag = NULL;

	if (r->fast) {
		/* in the subset: no syntax error, anchor, alias or tag */
		if (!pd_yf_next(&r->scanned, &r->ev))
			r->ev.type = YAML_NO_EVENT;
		count_depth(r);
		return 0;
	}
	if (r->have) {
		yaml_event_delete(&r->ev);
		r->have = false;
	}
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		if (r->errs)
			r->errs->fatal = true;
		return syntax_error(r);
	}
	r->have = true;
	if (r->record && r->ev.type == YAML_SCALAR_EVENT) {
		yaml_scalar_style_t st = r->ev.data.scalar.style;

		if (PD_GROW(r->spans, r->nspans, r->spcap) < 0) {
			r->spans_oom = true;
		} else {
			ye_span *sp = &r->spans[r->nspans++];

			sp->sline = r->ev.start_mark.line;
			sp->scol = r->ev.start_mark.column;
			sp->eline = r->ev.end_mark.line;
			sp->ecol = r->ev.end_mark.column;
			sp->block = st == YAML_LITERAL_SCALAR_STYLE ||
				    st == YAML_FOLDED_SCALAR_STYLE;
		}
	}
	count_depth(r);
	switch (r->ev.type) {
	case YAML_ALIAS_EVENT:
		return pd_ye_fail(r, pd_ye_pos(r),
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
		return pd_ye_fail(
			r, pd_ye_pos(r),
			"anchors are not allowed in a profile ('&%s')",
			(const char *)anchor);
	if (tag)
		return pd_ye_fail(r, pd_ye_pos(r),
				  "tags are not allowed in a profile ('%s')",
				  (const char *)tag);
	return 0;
}

const char *pd_ye_sval(const yaml_events *r)
{
	return (const char *)r->ev.data.scalar.value;
}

size_t pd_ye_slen(const yaml_events *r)
{
	return r->ev.data.scalar.length;
}

static bool is_null_scalar(const yaml_events *r)
{
	const char *v = pd_ye_sval(r);

	if (r->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	/* a plain scalar holds no NUL: its length says which it can be */
	switch (pd_ye_slen(r)) {
	case 0:
		return true;
	case 1:
		return v[0] == '~';
	case 4:
		return memcmp(v, "null", 4) == 0 || memcmp(v, "Null", 4) == 0 ||
		       memcmp(v, "NULL", 4) == 0;
	default:
		return false;
	}
}

int pd_ye_expect(yaml_events *r, yaml_event_type_t type, const char *what)
{
	if (r->ev.type == type)
		return 0;
	return pd_ye_fail(r, pd_ye_pos(r), "expected %s for %s, found %s",
			  pd_ye_kind(type), what, pd_ye_kind(r->ev.type));
}

/* The current event must be a non-empty scalar without NUL characters;
 * returns an arena copy. */
int pd_ye_text(yaml_events *r, const char *what, char **out, size_t *len)
{
	int err;

	if ((err = pd_ye_expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	if (pd_ye_slen(r) == 0 || is_null_scalar(r))
		return pd_ye_fail(r, pd_ye_pos(r), "%s must not be empty",
				  what);
	if (memchr(pd_ye_sval(r), '\0', pd_ye_slen(r)))
		return pd_ye_fail(r, pd_ye_pos(r),
				  "%s contains a NUL character", what);
	*out = pd_arena_strndup(r->arena, pd_ye_sval(r), pd_ye_slen(r));
	if (!*out)
		return PD_ENOMEM;
	if (len)
		*len = pd_ye_slen(r);
	return 0;
}

/* Builds the segments of the current scalar: where each source line of
 * its text starts. Plain, folded and literal scalars map exactly while the
 * source and the value agree; quoted ones (escapes) map to their first
 * line. Never fails on a mismatch: the segments found so far stand. */
int pd_ye_uint(yaml_events *r, const char *what, unsigned long min,
	       unsigned long max, unsigned long *out)
{
	const char *v;
	size_t i, n;
	unsigned long x = 0;
	int err;

	if ((err = pd_ye_expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	v = pd_ye_sval(r);
	n = pd_ye_slen(r);
	for (i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			break;
		if (x <= max)
			x = x * 10 + (unsigned long)(v[i] - '0');
	}
	if (n == 0 || i != n)
		return pd_ye_fail(r, pd_ye_pos(r),
				  "%s must be a whole number, not '%.40s'",
				  what, v);
	if (x < min || x > max)
		return pd_ye_fail(r, pd_ye_pos(r),
				  "%s must be between %lu and %lu, not %.20s",
				  what, min, max, v);
	*out = x;
	return 0;
}

/* A date scalar: whole (YYYY-MM-DD) or, `partial`, YYYY or YYYY-MM too. */
static int date_scalar(yaml_events *r, const char *what, bool partial,
		       pd_date *out)
{
	int err;

	if ((err = pd_ye_expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	if (!(partial ? pd_date_parse_partial
		      : pd_date_parse)(pd_ye_sval(r), pd_ye_slen(r), out))
		return pd_ye_fail(
			r, pd_ye_pos(r), "%s must be %s, not '%.40s'", what,
			partial ? "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
				: "an ISO date (YYYY-MM-DD)",
			pd_ye_sval(r));
	return 0;
}

int pd_ye_date(yaml_events *r, const char *what, pd_date *out)
{
	return date_scalar(r, what, false, out);
}

int pd_ye_date_partial(yaml_events *r, const char *what, pd_date *out)
{
	return date_scalar(r, what, true, out);
}

int pd_ye_enum(yaml_events *r, const char *what,
	       int (*lookup)(const char *, size_t), const char *names, int *out)
{
	int err, v;

	if ((err = pd_ye_expect(r, YAML_SCALAR_EVENT, what)) < 0)
		return err;
	v = lookup(pd_ye_sval(r), pd_ye_slen(r));
	if (v < 0)
		return pd_ye_fail(r, pd_ye_pos(r),
				  "unknown %s '%.40s' (expected %s)", what,
				  pd_ye_sval(r), names);
	*out = v;
	return 0;
}

/* Appends a zeroed element to an arena array, doubling its capacity.
 *
 * Not PD_ARENA_GROW: its arrays start at 16 elements, and a profile is
 * mostly small arrays (the aliases of a law, the paragraphs of a short
 * section, a footnote's few citations), all kept in its arena while the
 * profile lives. Started at 4, the changelog of the benchmark's history
 * (200 profiles x 50 revisions, fast-import's pack) peaks at 64-66 MB of
 * resident memory; started at 16, at 70 MB (medians of six runs). */
void *pd_ye_push(yaml_events *r, void **arr, size_t *n, size_t *cap,
		 size_t elem)
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
int pd_ye_key(yaml_events *r, const ye_keys *kt, unsigned *seen, pd_pos *first,
	      int *out)
{
	size_t i;
	int err;

	if ((err = pd_ye_expect(r, YAML_SCALAR_EVENT, "a key")) < 0) {
		/* a collection as a key: skipped, then its value */
		int base = r->depth - 1;

		if ((err = pd_ye_recover(r, err, base)) < 0 ||
		    (err = pd_ye_recover_key(r, PD_EINVALID, base)) < 0)
			return err;
		return 1;
	}
	for (i = 0; i < kt->nkeys; i++) {
		/* the first byte first: most keys differ there */
		if (kt->keys[i][0] == pd_ye_sval(r)[0] &&
		    strlen(kt->keys[i]) == pd_ye_slen(r) &&
		    memcmp(kt->keys[i], pd_ye_sval(r), pd_ye_slen(r)) == 0)
			break;
	}
	if (i == kt->nkeys)
		err = pd_ye_fail(
			r, pd_ye_pos(r),
			"unknown key '%.60s' in %s (expected one of: %s)",
			pd_ye_sval(r), kt->what, kt->list);
	else if (*seen & (1u << i))
		err = pd_ye_fail(r, pd_ye_pos(r),
				 "duplicate key '%s' (first at line %u)",
				 kt->keys[i], (unsigned)first[i].line);
	if (err < 0)
		return (err = pd_ye_recover_key(r, err, r->depth)) < 0 ? err
								       : 1;
	*seen |= 1u << i;
	first[i] = pd_ye_pos(r);
	*out = (int)i;
	return pd_ye_next(r);
}

/* cite: [15, 31] */
int pd_ye_begin(yaml_events *e, const char *data, size_t len, const char *path,
		pd_arena *arena)
{
	size_t bad;

	memset(e, 0, sizeof(*e));
	if (!data || !len) {
		data = "";
		len = 0;
	}
	e->path = path ? path : "<input>";
	e->arena = arena;
	/* profdiff's own form, checked as it is scanned: valid UTF-8, no
	 * NUL byte, no byte order mark */
	switch (pd_yf_scan(&e->scanned, data, len)) {
	case 1:
		e->fast = true;
		e->data = data;
		e->len = len;
		return 0;
	case 0:
		break;
	default:
		return PD_ENOMEM;
	}
	if (!pd_utf8_valid(data, len, &bad)) {
		pd_pos pos = pd_text_pos(data, len, bad);

		return pd_error_set(PD_EINVALID, e->path, pos.line, pos.col,
				    "invalid UTF-8 (byte 0x%02X)",
				    (unsigned char)data[bad]);
	}
	if (memchr(data, '\0', len)) {
		size_t off = (size_t)((const char *)memchr(data, '\0', len) -
				      data);
		pd_pos pos = pd_text_pos(data, len, off);

		return pd_error_set(PD_EINVALID, e->path, pos.line, pos.col,
				    "NUL byte in a YAML file");
	}
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		/* a byte order mark is not part of the text */
		data += 3;
		len -= 3;
	}
	e->data = data;
	e->len = len;
	if (!yaml_parser_initialize(&e->parser))
		return pd_error_oom();
	e->started = true;
	yaml_parser_set_input_string(&e->parser, (const unsigned char *)data,
				     len);
	yaml_parser_set_encoding(&e->parser, YAML_UTF8_ENCODING);
	return 0;
}

void pd_ye_end(yaml_events *e)
{
	free(e->spans);
	e->spans = NULL;
	e->nspans = e->spcap = 0;
	pd_yf_free(&e->scanned);
	e->fast = false;
	if (e->have)
		yaml_event_delete(&e->ev);
	e->have = false;
	if (e->started)
		yaml_parser_delete(&e->parser);
	e->started = false;
}

/* Whether the text is only blanks and line breaks (libyaml rejects a tab on
 * an otherwise blank line, but such a file is just empty). */
static bool ye_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

int pd_ye_document_start(yaml_events *e, const char *what, bool may_be_empty)
{
	int err;

	if (ye_blank(e->data, e->len)) {
		if (may_be_empty)
			return 1;
		return pd_error_set(PD_EINVALID, e->path, 1, 1,
				    "the file is empty: %s", what);
	}
	if ((err = pd_ye_next(e)) < 0) /* STREAM-START */
		return err;
	if ((err = pd_ye_next(e)) < 0)
		return err;
	if (e->ev.type == YAML_STREAM_END_EVENT && may_be_empty)
		return 1;
	if (e->ev.type == YAML_STREAM_END_EVENT)
		return pd_ye_fail(e, pd_ye_pos(e), "the file is empty: %s",
				  what);
	if ((err = pd_ye_next(e)) < 0) /* past DOCUMENT-START */
		return err;
	if (e->ev.type != YAML_MAPPING_START_EVENT)
		return pd_ye_fail(e, pd_ye_pos(e), "%s, found %s", what,
				  pd_ye_kind(e->ev.type));
	return 0;
}

int pd_ye_document_end(yaml_events *e)
{
	int err;

	if ((err = pd_ye_next(e)) < 0) /* DOCUMENT-END */
		return err;
	if ((err = pd_ye_next(e)) < 0)
		return err;
	if (e->ev.type != YAML_STREAM_END_EVENT)
		return pd_ye_fail(e, pd_ye_pos(e),
				  "the file holds more than one YAML document");
	return 0;
}
