/*
 * fuzz_yaml_fast.c: the scanner of profdiff's own YAML form against
 * libyaml. Whatever pd_yf_scan() accepts, libyaml must read without error
 * and into the same events: types, start marks, scalar values and styles;
 * the line starts it gives must be the text's; and a profile read from it
 * must have the positions and segments of the same text read by libyaml
 * (a comment after it, which the scanner declines).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "profdiff/buf.h"
#include "profdiff/profile.h"
#include "profdiff/yaml.h"
#include "yaml_fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void same_pos(pd_pos a, pd_pos b)
{
	if (a.line != b.line || a.col != b.col)
		abort();
}

static void same_text(const pd_segment *sa, uint32_t na, pd_pos pa,
		      const pd_segment *sb, uint32_t nb, pd_pos pb)
{
	uint32_t k;

	same_pos(pa, pb);
	if (na != nb)
		abort();
	for (k = 0; k < na; k++) {
		if (sa[k].offset != sb[k].offset)
			abort();
		same_pos(sa[k].pos, sb[k].pos);
	}
}

static void same_sections(const pd_section *a, const pd_section *b, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		same_pos(a[i].pos, b[i].pos);
		if (a[i].nparagraphs != b[i].nparagraphs ||
		    a[i].nsections != b[i].nsections)
			abort();
		for (k = 0; k < a[i].nparagraphs; k++) {
			const pd_paragraph *x = &a[i].paragraphs[k],
					   *y = &b[i].paragraphs[k];

			same_text(x->segs, x->nsegs, x->pos, y->segs, y->nsegs,
				  y->pos);
		}
		same_sections(a[i].sections, b[i].sections, a[i].nsections);
	}
}

/* The profile read through the scanner and through libyaml. */
static void same_profile(const char *d, size_t size)
{
	pd_profile *p = NULL, *q = NULL;
	pd_buf b = PD_BUF_INIT;
	size_t i;

	if (pd_yaml_read(&p, d, size, "fuzz.yaml", NULL) != 0)
		return;
	pd_buf_put(&b, d, size);
	pd_buf_puts(&b, "# a comment\n");
	if (pd_buf_ok(&b) != 0 ||
	    pd_yaml_read(&q, b.ptr, b.len, "fuzz.yaml", NULL) != 0)
		abort();
	if (p->nsections != q->nsections || p->nlaws != q->nlaws ||
	    p->nfootnotes != q->nfootnotes)
		abort();
	same_sections(p->sections, q->sections, p->nsections);
	for (i = 0; i < p->nlaws; i++)
		same_pos(p->laws[i].pos, q->laws[i].pos);
	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *x = &p->footnotes[i], *y = &q->footnotes[i];

		same_pos(x->number_pos, y->number_pos);
		same_text(x->segs, x->nsegs, x->pos, y->segs, y->nsegs, y->pos);
	}
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	yf_stream s;
	yaml_parser_t ps;
	yaml_event_t ev, mine;
	const char *d = (const char *)data;
	size_t i;

	if (pd_yf_scan(&s, d, size) != 1) {
		pd_yf_free(&s);
		return 0;
	}
	if (s.nlines < 2 || s.line_starts[0] != 0 ||
	    s.line_starts[s.nlines - 1] != size)
		abort();
	/* the line starts: 0, one past each line feed, and size */
	for (i = 1; i < s.nlines; i++)
		if (d[s.line_starts[i] - 1] != '\n' ||
		    memchr(d + s.line_starts[i - 1], '\n',
			   s.line_starts[i] - 1 - s.line_starts[i - 1]))
			abort();
	if (!yaml_parser_initialize(&ps))
		abort();
	yaml_parser_set_input_string(&ps, data, size);
	yaml_parser_set_encoding(&ps, YAML_UTF8_ENCODING);
	for (;;) {
		yaml_event_type_t type;

		if (!yaml_parser_parse(&ps, &ev))
			abort(); /* accepted what libyaml refuses */
		if (!pd_yf_next(&s, &mine) || mine.type != ev.type ||
		    mine.start_mark.line != ev.start_mark.line ||
		    mine.start_mark.column != ev.start_mark.column)
			abort();
		if (ev.type == YAML_SCALAR_EVENT &&
		    (mine.data.scalar.style != ev.data.scalar.style ||
		     mine.data.scalar.length != ev.data.scalar.length ||
		     memcmp(mine.data.scalar.value, ev.data.scalar.value,
			    ev.data.scalar.length) != 0))
			abort();
		type = ev.type;
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	if (pd_yf_next(&s, &mine))
		abort();
	yaml_parser_delete(&ps);
	pd_yf_free(&s);
	same_profile(d, size);
	return 0;
}
