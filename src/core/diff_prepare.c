/*
 * diff_prepare.c: phase 1 of the differ (diff_internal.h), a profile made
 * ready for comparison: its claims (text less markers, fingerprint of the
 * normal form, word ids from the dictionary both sides share, resolved
 * sources), its sections and its sources by identity. A pd_differ keeps
 * what it can between diffs: the memos of claim texts, of paragraphs and
 * of source texts, so that a revision prepares only what its predecessor
 * did not have.
 */
#include <stdlib.h>
#include <string.h>

/* XXH3 inline in this file: a claim's every word is hashed, most of them
 * a few bytes long, where the call costs as much as the hash */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "profdiff/markers.h"
#include "profdiff/normalize.h"
#include "profdiff/sentences.h"
#include "profdiff/text.h"
#include "diff_internal.h"
#include "grow.h"
#include "scan.h"
#include "sort.h"

/* The id of the word whose normal form hashes to `key`: the dictionary's,
 * or the next when the word is new. */
static int word_id(word_table *t, uint64_t key, uint32_t *out)
{
	bool fresh;
	word_entry *e = word_table_put(t, key, &fresh);

	if (!e)
		return PD_ENOMEM;
	if (fresh) {
		e->key = key;
		e->id = (uint32_t)(word_table_count(t) - 1);
	}
	*out = e->id;
	return 0;
}

static char *section_path(pd_arena *a, const char *parent, const char *title)
{
	size_t pl = parent ? strlen(parent) : 0, tl = strlen(title);
	char *p = pd_arena_alloc(a, pl + tl + 4);

	if (!p)
		return NULL;
	if (parent) {
		memcpy(p, parent, pl);
		memcpy(p + pl, " > ", 3);
		pl += 3;
	}
	memcpy(p + pl, title, tl + 1);
	return p;
}

static int cmp_src(const void *x, const void *y)
{
	uint64_t a = (*(const pd_source *const *)x)->key;
	uint64_t b = (*(const pd_source *const *)y)->key;

	return (a > b) - (a < b);
}

/* Sorts a claim's sources by key, stably, as qsort (a merge sort in
 * glibc) did: the first of a key is the one kept. A claim cites a few,
 * sorted inline; a long list goes to qsort. */
static void sort_sources(const pd_source **v, size_t n)
{
	size_t i, j;

	if (n > 16) {
		pd_qsort((void *)v, n, sizeof(*v), cmp_src);
		return;
	}
	for (i = 1; i < n; i++) {
		const pd_source *x = v[i];

		for (j = i; j > 0 && v[j - 1]->key > x->key; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* The bytes of a word in normal form: a-z, 0-9, and those of 0x80 and
 * above; a table, as every byte of every claim is asked. */
static const bool word_bytes[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline bool word_byte(unsigned char c)
{
	return word_bytes[c];
}

/* The word ids of a normal-form text: runs of letters and digits. They
 * are gathered in the differ's scratch array and copied once, sorted,
 * into `arena`: grown there, each text would leave its smaller copies in
 * the memo's arena for as long as the differ lives. */
int pd_diff_word_ids(differ *df, pd_arena *arena, const char *norm,
		  size_t len, uint32_t **out, size_t *n)
{
	const unsigned char *t = (const unsigned char *)norm;
	size_t i = 0, cnt = 0;
	uint32_t *v;
	int err;

	*out = NULL;
	*n = 0;
	while (i < len) {
		size_t s;

		while (i < len && !word_byte(t[i]))
			i++;
		s = i;
		while (i < len && word_byte(t[i]))
			i++;
		if (i == s)
			continue;
		if (PD_GROW(df->ids, cnt, df->capids) < 0)
			return PD_ENOMEM;
		if ((err = word_id(df->words, XXH3_64bits(norm + s, i - s),
				   &df->ids[cnt])) < 0)
			return err;
		cnt++;
	}
	if (!cnt)
		return 0;
	pd_sort_u32(df->ids, cnt);
	if (!(v = pd_arena_alloc(arena, cnt * sizeof(*v))))
		return PD_ENOMEM;
	memcpy(v, df->ids, cnt * sizeof(*v));
	*out = v;
	*n = cnt;
	return 0;
}

/* The text of a sentence less its citation markers, white space kept
 * and trailing white space dropped; not NUL-terminated (its users take
 * its length). When the markers all come after the words, as a claim's
 * usually do, that text is the start of the sentence itself: it is
 * borrowed from the profile, which outlives the side, not copied. */
static char *strip_markers(pd_arena *a, const char *s, size_t len,
			   size_t *out_len)
{
	char *t;
	size_t i, n = 0, m, first = len;

	for (i = 0; i < len; i++) {
		/* before the first marker only a '[' can matter */
		if (first == len) {
			const char *p = memchr(s + i, '[', len - i);

			if (!p) {
				i = len;
				break;
			}
			i = (size_t)(p - s);
		}
		if (s[i] == '[' && (m = pd_marker_len(s, len, i))) {
			if (first == len)
				first = i;
			i += m - 1;
		} else if (first < len && s[i] != ' ') {
			break; /* words after a marker: copied */
		}
	}
	if (i >= len) {
		n = first;
		while (n && s[n - 1] == ' ')
			n--;
		*out_len = n;
		return (char *)s;
	}
	if (!(t = pd_arena_alloc(a, len + 1)))
		return NULL;
	for (i = 0; i < len; i++) {
		if (s[i] == '[' && (m = pd_marker_len(s, len, i))) {
			i += m - 1;
			continue;
		}
		t[n++] = s[i];
	}
	while (n && t[n - 1] == ' ')
		n--;
	t[n] = '\0';
	*out_len = n;
	return t;
}

/* A new entry of the memo for `key` (not in it), zeroed; NULL when the
 * memo is full (it still gives what it holds) or out of memory. */
static memo_entry *memo_keep(memo *m, XXH128_hash_t key)
{
	memo_entry *e;
	bool fresh;

	if (memo_table_count(&m->t) >= MEMO_MAX ||
	    !(e = memo_table_put(&m->t, key, &fresh)))
		return NULL;
	e->key = key;
	return e;
}

/* c's fingerprint and word ids, from the memo when a claim of the same
 * text was prepared before; 1 when the claim has nothing to compare. */
static int claim_words(differ *df, side *sd, claim *c)
{
	const memo_entry *hit;
	memo_entry *e;
	XXH128_hash_t key;
	uint32_t *tok;
	bool keep = false;
	int err;

	if (df->memo) {
		key = XXH3_128bits(c->plain, c->plen);
		if ((hit = memo_table_get(&df->memo->t, key))) {
			c->fp = hit->fp;
			c->tok = hit->tok;
			c->ntok = hit->ntok;
			return hit->empty;
		}
		keep = memo_table_count(&df->memo->t) < MEMO_MAX;
	}
	pd_buf_clear(&df->tmp);
	if ((err = pd_normalize(&df->tmp, c->plain, c->plen, 0)) < 0)
		return err;
	if (df->tmp.len) {
		c->fp = XXH3_64bits(df->tmp.ptr, df->tmp.len);
		if ((err = pd_diff_word_ids(df, keep ? df->memo->a : sd->arena,
					    df->tmp.ptr, df->tmp.len, &tok,
					    &c->ntok)) < 0)
			return err;
		c->tok = tok;
	}
	if (keep) {
		if (!(e = memo_keep(df->memo, key)))
			return PD_ENOMEM;
		e->empty = df->tmp.len == 0;
		e->fp = c->fp;
		e->tok = c->tok;
		e->ntok = c->ntok;
	}
	return df->tmp.len == 0;
}

/* A claim's sources: the resolved sources of the footnotes its markers
 * cite (`nums`, in order), by key, once each, and a hash of the set. They
 * are gathered in the differ's scratch array, reused from claim to claim,
 * and the set alone is kept. */
static int claim_sources(differ *df, side *sd, claim *c, const uint32_t *nums,
			 size_t nnums)
{
	const pd_source **v;
	size_t i, j, k, n = 0;

	for (i = 0; i < nnums; i++) {
		const pd_note_sources *ns = pd_citations_note(&sd->cites, nums[i]);

		for (k = 0; ns && k < ns->nresolved; k++) {
			if (PD_GROW(df->srcv, n, df->capsrcv) < 0)
				return PD_ENOMEM;
			df->srcv[n++] = ns->resolved[k];
		}
	}
	v = df->srcv;
	if (n > 1)
		sort_sources(v, n);
	/* unique, and a hash of the set */
	for (i = 0, j = 0; i < n; i++)
		if (!j || v[j - 1]->key != v[i]->key)
			v[j++] = v[i];
	c->nsrc = j;
	c->src = NULL;
	if (j && !(c->src = pd_arena_alloc(sd->arena, j * sizeof(*v))))
		return PD_ENOMEM;
	if (j)
		memcpy((void *)c->src, v, j * sizeof(*v));
	for (i = 0; i < c->nsrc; i++)
		c->src_hash = c->src_hash * 1099511628211ULL ^ c->src[i]->key;
	return 0;
}

/* The footnote numbers a text's markers cite, each once, in the order
 * first cited, into `arena`: a claim's sources are the set of them, the
 * first source of a key the one kept (claim_sources), so that a sentence
 * of a million markers costs its distinct numbers, not a marker each. */
static int marker_numbers(pd_arena *arena, const char *s, size_t len,
			  uint32_t **out, size_t *n)
{
	return pd_marker_numbers(arena, s, len, out, n);
}

/* A new claim of sd, for the sentence [start, end) of the paragraph. */
static claim *new_claim(side *sd, const pd_paragraph *para, size_t start,
			size_t end, size_t section, size_t in_sec)
{
	claim *c;

	/* grown by realloc, not in the arena, which would keep every
	 * smaller copy (side_free frees it) */
	if (PD_GROW(sd->claims, sd->nclaims, sd->capclaims) < 0)
		return NULL;
	c = &sd->claims[sd->nclaims];
	memset(c, 0, sizeof(*c));
	c->text = para->text + start;
	c->len = end - start;
	c->section = section;
	c->para = sd->nparas;
	c->para_in_sec = in_sec;
	return c;
}

static int add_claim(differ *df, side *sd, const pd_paragraph *para,
		     const pd_span *sp, size_t section, size_t in_sec)
{
	claim *c = new_claim(sd, para, sp->start, sp->end, section, in_sec);
	uint32_t *nums;
	size_t nnums;
	int err;

	if (!c)
		return PD_ENOMEM;
	c->plain = strip_markers(sd->arena, c->text, c->len, &c->plen);
	if (!c->plain)
		return PD_ENOMEM;
	if ((err = claim_words(df, sd, c)) != 0)
		return err < 0 ? err : 0; /* 1: only markers, nothing to compare */
	if ((err = marker_numbers(df->prep, c->text, c->len, &nums,
				  &nnums)) < 0 ||
	    (err = claim_sources(df, sd, c, nums, nnums)) < 0)
		return err;
	/* for para_keep, which would otherwise find them again */
	if (PD_ARENA_GROW(df->prep, df->nums, df->nnums, df->capnums) < 0)
		return PD_ENOMEM;
	df->nums[df->nnums].v = nums;
	df->nums[df->nnums++].n = nnums;
	sd->nclaims++;
	sd->secs[section].nclaims++;
	return 0;
}

/* The memo of paragraphs -------------------------------------------------- */

/* Keeps the claims sd made of a paragraph, [first, sd->nclaims), under
 * key: their sentences, texts, words and marker numbers (nums[k], found
 * by add_claim, of claim first + k); with `borrow`, the texts and words
 * are the side's own, not copies. Out of memory, nothing is kept (the
 * memo's arena keeps what was copied). */
static void para_keep(para_memo *m, XXH128_hash_t key, const side *sd,
		      const pd_paragraph *para, size_t first, bool borrow,
		      const claim_nums *nums)
{
	size_t n = sd->nclaims - first, k;
	para_claim *v = pd_arena_calloc(m->a, n ? n : 1, sizeof(*v));
	para_entry *e;
	bool fresh;

	if (!v)
		return;
	for (k = 0; k < n; k++) {
		const claim *c = &sd->claims[first + k];
		para_claim *pc = &v[k];
		uint32_t *kept = NULL;

		pc->start = (size_t)(c->text - para->text);
		pc->end = pc->start + c->len;
		pc->plen = c->plen;
		pc->fp = c->fp;
		pc->ntok = c->ntok;
		if (borrow) {
			/* the side outlives the memo */
			pc->plain = c->plain;
			pc->tok = c->tok;
		} else {
			pc->plain = pd_arena_strndup(m->a, c->plain, c->plen);
			pc->tok = c->ntok ? pd_arena_alloc(m->a, c->ntok *
								 sizeof(*c->tok))
					  : NULL;
			if (!pc->plain || (c->ntok && !pc->tok))
				return;
			if (c->ntok)
				memcpy((void *)pc->tok, c->tok,
				       c->ntok * sizeof(*c->tok));
		}
		pc->nnums = nums[k].n;
		if (pc->nnums &&
		    !(kept = pd_arena_alloc(m->a, pc->nnums * sizeof(*kept))))
			return;
		if (pc->nnums)
			memcpy(kept, nums[k].v, pc->nnums * sizeof(*kept));
		pc->nums = kept;
	}
	if (!(e = para_table_put(&m->t, key, &fresh)))
		return;
	e->key = key;
	e->c = v;
	e->n = n;
}

/* The claims of a paragraph met before, from the memo. */
static int para_claims(differ *df, side *sd, const pd_paragraph *para,
		       const para_entry *e, size_t section, size_t in_sec)
{
	size_t k;
	int err;

	for (k = 0; k < e->n; k++) {
		const para_claim *pc = &e->c[k];
		claim *c = new_claim(sd, para, pc->start, pc->end, section,
				     in_sec);

		if (!c)
			return PD_ENOMEM;
		c->plain = (char *)pc->plain;
		c->plen = pc->plen;
		c->fp = pc->fp;
		c->tok = pc->tok;
		c->ntok = pc->ntok;
		if ((err = claim_sources(df, sd, c, pc->nums, pc->nnums)) < 0)
			return err;
		sd->nclaims++;
		sd->secs[section].nclaims++;
	}
	return 0;
}

/* A paragraph's claims: from the memo when the same text was met before
 * (consecutive revisions share most of their paragraphs), else made. */
static int paragraph_claims(differ *df, side *sd, const pd_paragraph *para,
			    size_t section, size_t in_sec)
{
	const para_entry *e;
	XXH128_hash_t key;
	size_t first = sd->nclaims, k, ns;
	bool keep = false;
	pd_span *sp;
	int err;

	if (df->paras) {
		key = XXH3_128bits(para->text, para->len);
		if ((e = para_table_get(&df->paras->t, key)))
			return para_claims(df, sd, para, e, section, in_sec);
		keep = para_table_count(&df->paras->t) < PARA_MEMO_MAX;
	}
	if ((err = pd_sentences(df->prep, para->text, para->len, &sp, &ns)) < 0)
		return err;
	df->nnums = 0;
	for (k = 0; k < ns; k++)
		if ((err = add_claim(df, sd, para, &sp[k], section, in_sec)) < 0)
			return err;
	if (keep)
		para_keep(df->paras, key, sd, para, first, df->borrow, df->nums);
	return 0;
}

/* Depth is bounded by PD_MAX_SECTION_DEPTH. */
static int prepare_sections(differ *df, side *sd, const pd_section *s,
			    size_t n, const char *parent)
{
	size_t i, j;
	int err;

	for (i = 0; i < n; i++) {
		size_t idx;
		section_ref *ref;

		if (PD_ARENA_GROW(sd->arena, sd->secs, sd->nsecs, sd->capsecs) < 0)
			return PD_ENOMEM;
		idx = sd->nsecs++;
		ref = &sd->secs[idx];
		ref->path = section_path(sd->arena, parent, s[i].title);
		ref->subtitle = s[i].subtitle;
		ref->nclaims = 0;
		ref->peer = -1;
		if (!ref->path)
			return PD_ENOMEM;
		for (j = 0; j < s[i].nparagraphs; j++) {
			if ((err = paragraph_claims(df, sd,
						    &s[i].paragraphs[j], idx,
						    j + 1)) < 0)
				return err;
			sd->nparas++;
		}
		if ((err = prepare_sections(df, sd, s[i].sections,
					    s[i].nsections,
					    sd->secs[idx].path)) < 0)
			return err;
	}
	return 0;
}

/* The citation text of a source for comparison: normal form, without the
 * access date. */
/* A seed of the source texts' keys in the memo, apart from the claims'. */
#define SOURCE_KEY_SEED 0x736f75726365ULL

static uint64_t source_text_fp(differ *df, const pd_profile *p,
			       const pd_source *s)
{
	const pd_footnote *f = pd_profile_footnote(p, s->footnote);
	const char *t = f->text + s->start;
	size_t len = s->end - s->start, i, cut;
	size_t from = 0;
	int date[3];
	const memo_entry *hit;
	memo_entry *e;
	XXH128_hash_t key;
	uint64_t fp;

	/* the same citation text in the revision before: the memo has it */
	if (df->memo) {
		key = XXH3_128bits_withSeed(t, len, SOURCE_KEY_SEED);
		if ((hit = memo_table_get(&df->memo->t, key)))
			return hit->fp;
	}
	/* without the URL and the access phrase, which have fields of
	 * their own: the text ends where the phrase begins (however it is
	 * spaced or spelt), or at the word when no date reads */
	cut = pd_cite_accessed(t, 0, len, date);
	pd_buf_clear(&df->tmp);
	for (i = 0; i <= len; i++) {
		/* only a '<' or the 'a' of "accessed" stops the walk */
		i = scan_next_of(t, i, len, "<a", 2);
		if (i < len && t[i] == '<') {
			const char *gt = memchr(t + i, '>', len - i);

			if (gt) {
				pd_normalize(&df->tmp, t + from, i - from, 0);
				pd_buf_putc(&df->tmp, ' ');
				i = (size_t)(gt - t);
				from = i + 1;
				continue;
			}
		}
		if (i >= cut || i == len ||
		    (i + 9 <= len && memcmp(t + i, "accessed ", 9) == 0)) {
			if (i > cut)
				i = cut;
			pd_normalize(&df->tmp, t + from,
				     i > from ? i - from : 0, 0);
			break;
		}
	}
	while (df->tmp.len && (df->tmp.ptr[df->tmp.len - 1] == '.' ||
			       df->tmp.ptr[df->tmp.len - 1] == ' '))
		df->tmp.len--;
	fp = XXH3_64bits(df->tmp.ptr ? df->tmp.ptr : "", df->tmp.len);
	/* out of memory, computed but not kept */
	if (df->memo && pd_buf_ok(&df->tmp) == 0 &&
	    (e = memo_keep(df->memo, key)))
		e->fp = fp;
	return fp;
}

/* A seed of the title and author keys in the memo. */
#define TITLE_KEY_SEED 0x7469746c65ULL

/* The title and author of a source in normal form, hashed (never 0):
 * from the memo when the revision before had them. */
static uint64_t source_title_fp(differ *df, const pd_source *s)
{
	size_t tl = strlen(s->title), al = s->author ? strlen(s->author) : 0;
	const memo_entry *hit;
	memo_entry *e;
	XXH128_hash_t key;
	bool keep = false;
	uint64_t fp;

	if (df->memo) {
		/* title, a NUL, author: no two pairs give the same bytes */
		pd_buf_clear(&df->tmp);
		pd_buf_put(&df->tmp, s->title, tl + 1);
		pd_buf_put(&df->tmp, s->author ? s->author : "", al);
		key = XXH3_128bits_withSeed(df->tmp.ptr, df->tmp.len,
					    TITLE_KEY_SEED);
		/* out of memory, computed but not kept */
		keep = pd_buf_ok(&df->tmp) == 0;
		if (keep && (hit = memo_table_get(&df->memo->t, key)))
			return hit->fp;
	}
	pd_buf_clear(&df->tmp);
	pd_normalize(&df->tmp, s->title, tl, 0);
	pd_buf_putc(&df->tmp, '\n');
	if (al)
		pd_normalize(&df->tmp, s->author, al, 0);
	fp = XXH3_64bits(df->tmp.ptr, df->tmp.len) | 1;
	if (keep && pd_buf_ok(&df->tmp) == 0 && (e = memo_keep(df->memo, key)))
		e->fp = fp;
	return fp;
}

/* A set of source keys. */
#define SEEN_KEY(e) (*(e))
PD_TABLE(key_set, uint64_t, uint64_t, SEEN_KEY, pd_diff_u64_hash,
	 pd_diff_u64_eq)

static int prepare_sources(differ *df, side *sd)
{
	size_t i, k, total = 0, n = 0;
	key_set seen;

	for (i = 0; i < sd->cites.nnotes; i++)
		total += sd->cites.notes[i].nsources;
	key_set_init(&seen, df->scratch);
	sd->srcs = pd_arena_calloc(sd->arena, total + 1, sizeof(*sd->srcs));
	if (!sd->srcs)
		return PD_ENOMEM;
	for (i = 0; i < sd->cites.nnotes; i++)
		for (k = 0; k < sd->cites.notes[i].nsources; k++) {
			const pd_source *s = &sd->cites.notes[i].sources[k];
			uint64_t *e;
			bool fresh;

			if (s->kind != PD_SOURCE_FULL)
				continue;
			if (!(e = key_set_put(&seen, s->key, &fresh)))
				return PD_ENOMEM;
			if (!fresh)
				continue;
			*e = s->key;
			sd->srcs[n].s = s;
			sd->srcs[n].text_fp = source_text_fp(df, sd->p, s);
			sd->srcs[n].title_fp =
				s->title ? source_title_fp(df, s) : 0;
			sd->srcs[n].peer = -1;
			n++;
		}
	sd->nsrcs = n;
	return 0;
}

int pd_diff_prepare(differ *df, side *sd, const pd_profile *p)
{
	int err;

	sd->p = p;
	if ((err = pd_citations_resolve_memo(sd->arena, p, &sd->cites,
					     df->cite_memo)) < 0)
		return err;
	if ((err = prepare_sources(df, sd)) < 0)
		return err;
	if (!(df->prep = pd_arena_new()))
		return PD_ENOMEM;
	err = prepare_sections(df, sd, p->sections, p->nsections, NULL);
	pd_arena_free(df->prep);
	df->prep = NULL;
	df->nums = NULL; /* was in prep */
	df->nnums = df->capnums = 0;
	return err;
}
