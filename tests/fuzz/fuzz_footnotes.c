/*
 * fuzz_footnotes.c: the marker scanner and the footnote parser and
 * resolver on arbitrary text. Each line of the input is a footnote,
 * numbered from 1; the whole input is also scanned for markers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/arena.h"
#include "profdiff/citations.h"
#include "profdiff/markers.h"
#include "profdiff/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_markers(pd_arena *a, const char *s, size_t len)
{
	pd_marker *m = NULL;
	size_t n = 0;

	if (pd_markers(a, s, len, &m, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (m[i].start >= m[i].end || m[i].end > len)
			abort();
		if (i > 0 && m[i].start < m[i - 1].end)
			abort(); /* markers overlap */
		for (size_t k = 0; k < m[i].nnumbers; k++)
			if (m[i].numbers[k] < 1 ||
			    m[i].numbers[k] > PD_MAX_FOOTNOTE)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	pd_profile *p = NULL;
	pd_citations c;
	size_t lines = 1;

	if (pd_profile_new(&p) != 0)
		return 0;
	check_markers(p->arena, s, size);
	for (size_t i = 0; i < size; i++)
		lines += s[i] == '\n';
	p->footnotes = pd_arena_calloc(p->arena, lines, sizeof(*p->footnotes));
	if (p->footnotes == NULL)
		goto out;
	for (size_t i = 0, start = 0; i <= size; i++) {
		if (i < size && s[i] != '\n')
			continue;
		pd_footnote *f = &p->footnotes[p->nfootnotes];
		f->number = (uint32_t)p->nfootnotes + 1;
		f->text = pd_arena_strndup(p->arena, s + start, i - start);
		if (f->text == NULL)
			goto out;
		f->len = i - start;
		p->nfootnotes++;
		start = i + 1;
	}
	if (pd_citations_resolve(p->arena, p, &c) == 0) {
		if (c.nnotes != p->nfootnotes)
			abort();
		for (size_t i = 0; i < c.nnotes; i++)
			for (size_t k = 0; k < c.notes[i].nsources; k++)
				if (c.notes[i].sources[k].end >
				    p->footnotes[i].len)
					abort();
	}
out:
	pd_profile_free(p);
	return 0;
}
