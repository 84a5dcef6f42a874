/*
 * fuzz_diff.c: diff on one input split in two at the first line "%%"
 * (else halfway). Each half is read as a profile (YAML, else a page);
 * a profile compared with itself must show no change, and the word diff
 * of the raw halves must not fail. The pair is also reviewed: a profile
 * reviewed against itself introduces and fixes nothing, and the counts
 * of any review add up. Blamed as two revisions, every claim of the
 * second was introduced by one of them and its history is in order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/arena.h"
#include "profdiff/blame.h"
#include "profdiff/diff.h"
#include "profdiff/page_import.h"
#include "profdiff/profile.h"
#include "profdiff/review.h"
#include "profdiff/worddiff.h"
#include "profdiff/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pd_profile *load(const char *s, size_t len)
{
	pd_profile *p = NULL;

	if (pd_yaml_read(&p, s, len, "fuzz.yaml", NULL) == 0)
		return p;
	if (pd_page_import(&p, NULL, s, len, "fuzz.txt", NULL) == 0)
		return p;
	return NULL;
}

static void diff(const pd_profile *a, const pd_profile *b, bool same)
{
	pd_diff *d = NULL;

	if (pd_diff_profiles(&d, a, b, NULL) != 0)
		return;
	if (same && d->nchanges != 0)
		abort();
	pd_diff_free(d);
}

static void review(const pd_profile *a, const pd_profile *b, bool same)
{
	pd_lint_options lo = PD_LINT_OPTIONS_INIT;
	pd_review_entry e;
	size_t before, after;

	memset(&e, 0, sizeof(e));
	e.from = a;
	e.to = b;
	if (pd_review_check(&e, &lo, NULL) == 0) {
		before = e.lint_from ? e.lint_from->nfindings : 0;
		after = e.lint_to ? e.lint_to->nfindings : 0;
		if (e.lint.nfixed + e.lint.unchanged != before ||
		    e.lint.nintroduced + e.lint.unchanged != after)
			abort();
		/* a profile against itself: the lint of the head sees the
		 * base as its previous revision, which adds nothing */
		if (same && (e.lint.nfixed || e.lint.nintroduced))
			abort();
	}
	pd_review_entry_free(&e);
}

static void blame(const pd_profile *a, const pd_profile *b)
{
	pd_blame_rev ra = {.date = a->last_updated, .commit = "a"};
	pd_blame_rev rb = {.date = b->last_updated, .commit = "b"};
	pd_blamer *bl = NULL;
	pd_blame *out = NULL;
	size_t i;

	if (pd_blamer_new(&bl, NULL) == 0 && pd_blamer_add(bl, a, &ra) == 0 &&
	    pd_blamer_add(bl, b, &rb) == 0 && pd_blamer_finish(bl, &out) == 0) {
		for (i = 0; i < out->nclaims; i++) {
			const pd_blame_claim *c = &out->claims[i];

			if (c->introduced > 1 || c->changed > 1 ||
			    (c->changed >= 0 && (size_t)c->changed < c->introduced) ||
			    !c->history || c->history->rev > 1)
				abort();
		}
		(void)pd_blame_stale(out, 6);
	}
	pd_blame_free(out);
	pd_blamer_free(bl);
}

static const char *separator(const char *s, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i++)
		if (memcmp(s + i, "\n%%\n", 4) == 0)
			return s + i;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *sep = separator(s, size);
	size_t alen = sep != NULL ? (size_t)(sep - s) + 1 : size / 2;
	const char *b = sep != NULL ? sep + 4 : s + alen;
	size_t blen = size - (size_t)(b - s);
	pd_profile *pa = load(s, alen);
	pd_profile *pb = load(b, blen);
	pd_arena *arena = pd_arena_new();

	if (pa != NULL) {
		diff(pa, pa, true);
		review(pa, pa, true);
	}
	if (pa != NULL && pb != NULL) {
		diff(pa, pb, false);
		diff(pb, pa, false);
		review(pa, pb, false);
		blame(pa, pb);
	}
	if (arena != NULL) {
		pd_word_op *ops = NULL;
		size_t nops = 0;
		bool cut = false;

		(void)pd_worddiff(arena, s, alen, b, blen, 1000000, &ops,
				  &nops, &cut);
		pd_arena_free(arena);
	}
	pd_profile_free(pa);
	pd_profile_free(pb);
	return 0;
}
