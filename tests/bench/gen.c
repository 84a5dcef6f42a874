/*
 * gen.c: deterministic generator of benchmark profiles.
 *
 *   gen profile BYTES SEED PROFILE.yaml > big.yaml
 *       a profile of about BYTES bytes, built from PROFILE.yaml by
 *       repeating its sections with varied titles, numbers and words
 *   gen edit SEED EDITS < in.yaml > out.yaml
 *       the same profile after EDITS realistic edits: claims reworded,
 *       added (citing a footnote inserted mid-list, which renumbers the
 *       rest) and removed, a law's status, a treaty's status, access
 *       dates refreshed
 *   gen history SEED PROFILES REVISIONS BYTES [OPTIONS] PROFILE.yaml...
 *           | git fast-import
 *       a profiles repository: PROFILES profiles of about BYTES bytes built
 *       from the given ones, each published REVISIONS times with 1 to 4
 *       such edits and a later last_updated each time. Other shapes:
 *         BYTES as MIN-MAX  each profile's size drawn between the two
 *         --edits MIN-MAX   edits per revision (default 1-4)
 *         --uncited N       N uncited factual sentences added to each
 *                           profile (lint findings)
 *         --orphans N       N footnotes no sentence cites, added to each
 *                           (a long footnote list; lint findings)
 *   gen uncache DIR
 *       the files under DIR, written back already (sync), dropped from
 *       the page cache (POSIX_FADV_DONTNEED): a benchmark's round leaves
 *       the memory its outputs took to the next, as the first round had
 *       it, not filled with the rounds before
 *
 * Everything goes through the library: the output is canonical YAML.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	/* xorshift64*: the same sequence on every machine */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

static pd_profile *read_stdin_or(const char *path)
{
	pd_buf b = PD_BUF_INIT;
	pd_profile *p = NULL;

	if (path) {
		if (pd_file_read(&b, path, PD_MAX_PROFILE_SIZE) < 0)
			goto fail;
	} else {
		char chunk[65536];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			pd_buf_put(&b, chunk, n);
	}
	if (pd_yaml_read(&p, b.ptr, b.len, path ? path : "<stdin>", NULL) < 0)
		goto fail;
	pd_buf_free(&b);
	return p;
fail:
	fprintf(stderr, "gen: %s\n", pd_error_last()->message);
	exit(2);
}

static void write_profile(const pd_profile *p)
{
	pd_buf out = PD_BUF_INIT;

	if (pd_yaml_write(&out, p) < 0) {
		fprintf(stderr, "gen: out of memory\n");
		exit(2);
	}
	fwrite(out.ptr, 1, out.len, stdout);
	pd_buf_free(&out);
}

static const char *const swaps[][2] = {
	{"the government", "the authorities"}, {"digital", "electronic"},
	{"system", "scheme"},		       {"citizens", "residents"},
	{"launched", "introduced"},	       {"law", "statute"},
	{"access", "entry"},		       {"national", "state"},
};

/* A copy of `text` with one word swapped (a rewording), or with a year
 * shifted (a factual change). */
static char *vary(pd_arena *a, const char *text, unsigned how)
{
	size_t len = strlen(text), k;
	char *t = pd_arena_alloc(a, len + 64);

	memcpy(t, text, len + 1);
	if (how % 2) {
		for (k = 0; k + 4 <= len; k++)
			if (t[k] == '2' && t[k + 1] == '0' && t[k + 2] >= '0' &&
			    t[k + 2] <= '9') {
				t[k + 3] = (char)('0' + (t[k + 3] - '0' + 1) % 10);
				return t;
			}
	}
	for (k = 0; k < sizeof(swaps) / sizeof(swaps[0]); k++) {
		const char *hit = strstr(t, swaps[k][0]);

		if (hit) {
			size_t at = (size_t)(hit - t), from = strlen(swaps[k][0]);
			size_t to = strlen(swaps[k][1]);

			memmove(t + at + to, t + at + from, len - at - from + 1);
			memcpy(t + at, swaps[k][1], to);
			return t;
		}
	}
	return t;
}

/* Sets p's sections to `copies` varied copies of src[0..nsrc). */
static void replicate(pd_profile *p, const pd_section *src, size_t nsrc,
		      size_t copies)
{
	size_t i, k, j;

	p->sections = pd_arena_calloc(p->arena, nsrc * copies,
				      sizeof(pd_section));
	p->nsections = 0;
	for (i = 0; i < copies; i++)
		for (k = 0; k < nsrc; k++) {
			pd_section *s = &p->sections[p->nsections++];
			char title[256];

			*s = src[k];
			snprintf(title, sizeof(title), "%s %zu", s->title, i + 1);
			s->title = pd_arena_strdup(p->arena, title);
			if (!i)
				continue;
			s->paragraphs = pd_arena_calloc(p->arena,
							s->nparagraphs + 1,
							sizeof(pd_paragraph));
			for (j = 0; j < src[k].nparagraphs; j++) {
				pd_paragraph *para = &s->paragraphs[j];

				*para = src[k].paragraphs[j];
				para->text = vary(p->arena, para->text,
						  (unsigned)(i + j));
				para->len = strlen(para->text);
			}
		}
}

static size_t written_size(const pd_profile *p)
{
	pd_buf b = PD_BUF_INIT;
	size_t n;

	pd_yaml_write(&b, p);
	n = b.len;
	pd_buf_free(&b);
	return n;
}

static int cmd_profile(size_t bytes, const char *path)
{
	pd_profile *p = read_stdin_or(path);
	const pd_section *src = p->sections;
	size_t nsrc = p->nsections, one, two, copies;

	/* the size of one copy more, measured */
	replicate(p, src, nsrc, 1);
	one = written_size(p);
	replicate(p, src, nsrc, 2);
	two = written_size(p);
	copies = bytes > one ? (bytes - one) / (two > one ? two - one : 1) + 1
			     : 1;
	replicate(p, src, nsrc, copies);
	write_profile(p);
	pd_profile_free(p);
	return 0;
}

/* All paragraphs, to pick from. */
static size_t collect(pd_section *s, size_t n, pd_paragraph **out, size_t max,
		      size_t have)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < s[i].nparagraphs && have < max; j++)
			out[have++] = &s[i].paragraphs[j];
		have = collect(s[i].sections, s[i].nsections, out, max, have);
	}
	return have;
}

static void edit(pd_profile *p, unsigned edits)
{
	pd_paragraph **paras = malloc(100000 * sizeof(*paras));
	size_t npara = collect(p->sections, p->nsections, paras, 100000, 0);
	unsigned e;

	for (e = 0; e < edits && npara; e++) {
		pd_paragraph *para = paras[rnd((unsigned)npara)];
		unsigned what = rnd(6);
		size_t len = para->len;
		char *t;

		switch (what) {
		case 0: /* reworded */
		case 1: /* a number changed */
			para->text = vary(p->arena, para->text, what);
			break;
		case 2: /* a sentence added, citing a new footnote */
			if (p->nfootnotes) {
				pd_footnote *f;
				size_t at = rnd((unsigned)p->nfootnotes), i;
				uint32_t num;
				char add[128];

				/* not right before an ibid, which would then
				 * repeat the new source */
				while (at < p->nfootnotes &&
				       strncasecmp(p->footnotes[at].text, "ibid",
						   4) == 0)
					at++;
				if (at == p->nfootnotes)
					break;
				num = p->footnotes[at].number;

				/* insert footnote `num`, renumbering the rest:
				 * later markers move up by one */
				f = pd_arena_calloc(p->arena, p->nfootnotes + 1,
						    sizeof(*f));
				memcpy(f, p->footnotes, at * sizeof(*f));
				memcpy(f + at + 1, p->footnotes + at,
				       (p->nfootnotes - at) * sizeof(*f));
				for (i = at + 1; i <= p->nfootnotes; i++)
					f[i].number++;
				/* and (n X) cross-references follow */
				for (i = 0; i <= p->nfootnotes; i++) {
					pd_buf nb = PD_BUF_INIT;
					const char *s = f[i].text;

					if (i == at)
						continue;
					while (*s) {
						unsigned long n;
						char *end;

						if (strncmp(s, "(n ", 3) == 0 &&
						    (n = strtoul(s + 3, &end, 10)) &&
						    *end == ')') {
							pd_buf_printf(&nb, "(n %lu)",
								      n >= num ? n + 1
									       : n);
							s = end + 1;
							continue;
						}
						pd_buf_putc(&nb, *s++);
					}
					f[i].text = pd_arena_strdup(p->arena,
								    nb.ptr);
					f[i].len = nb.len;
					pd_buf_free(&nb);
				}
				f[at].number = num;
				f[at].text = "'A New Source' <https://example.org/new> "
					     "accessed 1 February 2026.";
				f[at].len = strlen(f[at].text);
				p->footnotes = f;
				p->nfootnotes++;
				for (i = 0; i < npara; i++) {
					pd_buf nb = PD_BUF_INIT;
					const char *s = paras[i]->text;

					while (*s) {
						unsigned long n;
						char *end;

						if (*s == '[' && s[1] >= '0' &&
						    s[1] <= '9' &&
						    (n = strtoul(s + 1, &end, 10)) &&
						    *end == ']') {
							pd_buf_printf(&nb, "[%lu]",
								      n >= num ? n + 1
									       : n);
							s = end + 1;
							continue;
						}
						pd_buf_putc(&nb, *s++);
					}
					paras[i]->text = pd_arena_strdup(
						p->arena, nb.ptr);
					paras[i]->len = nb.len;
					pd_buf_free(&nb);
				}
				snprintf(add, sizeof(add),
					 " A new finding was reported in "
					 "2026.[%u]",
					 (unsigned)num);
				t = pd_arena_alloc(p->arena,
						   para->len + strlen(add) + 1);
				memcpy(t, para->text, para->len);
				strcpy(t + para->len, add);
				para->text = t;
			}
			break;
		case 3: /* the last sentence removed */
			t = strrchr(para->text, '.');
			if (t && t != para->text) {
				char *prev = t;

				while (prev > para->text && *(prev - 1) != '.')
					prev--;
				if (prev > para->text + 1)
					para->text[prev - para->text] = '\0';
			}
			break;
		case 4: /* a law's status, a treaty's status */
			if (p->nlaws)
				p->laws[rnd((unsigned)p->nlaws)].status =
					PD_LAW_IN_FORCE;
			if (p->ntreaties)
				p->treaties[rnd((unsigned)p->ntreaties)].status =
					PD_TREATY_PARTY;
			break;
		default: /* an access date refreshed */
			if (p->nfootnotes) {
				pd_footnote *f =
					&p->footnotes[rnd((unsigned)p->nfootnotes)];
				char *acc = strstr(f->text, "accessed ");

				if (acc) {
					/* the date only: "accessed D Month
					 * YYYY" becomes 2 February 2026 */
					size_t off = (size_t)(acc - f->text) + 9;
					const char *end = f->text + off;
					int words = 0;

					while (*end && words < 3) {
						if (*end == ' ' || *end == '.' ||
						    *end == ';')
							words++;
						if (words < 3)
							end++;
					}
					t = pd_arena_alloc(p->arena,
							   strlen(f->text) + 32);
					memcpy(t, f->text, off);
					strcpy(t + off, "2 February 2026");
					strcat(t, end);
					f->text = t;
					f->len = strlen(t);
				}
			}
			break;
		}
		para->len = strlen(para->text);
		(void)len;
	}
	free(paras);
}

static int cmd_edit(unsigned edits)
{
	pd_profile *p = read_stdin_or(NULL);

	edit(p, edits);
	write_profile(p);
	pd_profile_free(p);
	return 0;
}

static void add_days(pd_date *d, int days)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	while (days-- > 0) {
		int last = mdays[d->month - 1] +
			   (d->month == 2 && d->year % 4 == 0);

		if (++d->day > last) {
			d->day = 1;
			if (++d->month > 12) {
				d->month = 1;
				d->year++;
			}
		}
	}
}

static void emit_blob(const char *path, const pd_profile *p)
{
	pd_buf out = PD_BUF_INIT;

	if (pd_yaml_write(&out, p) < 0) {
		fprintf(stderr, "gen: out of memory\n");
		exit(2);
	}
	printf("M 100644 inline %s\ndata %zu\n", path, out.len);
	fwrite(out.ptr, 1, out.len, stdout);
	putchar('\n');
	pd_buf_free(&out);
}

/*
 * A `git fast-import` stream of a profiles repository on refs/heads/main:
 * `profiles` profiles of about `bytes` bytes, built from the bundled ones,
 * each then published `revisions` times in all (every revision a commit
 * with a few edits and a later last_updated). Commits go round the
 * profiles, a week of publication apart.
 */
typedef struct shape {
	size_t min_bytes, max_bytes;
	unsigned min_edits, max_edits;
	unsigned uncited, orphans;
} shape;

/* Adds `n` uncited factual sentences to paragraphs drawn at random, and
 * `orphans` footnotes after the last that nothing cites. */
static void add_findings(pd_profile *p, unsigned n, unsigned orphans)
{
	pd_paragraph **paras = malloc(100000 * sizeof(*paras));
	size_t npara = collect(p->sections, p->nsections, paras, 100000, 0);
	uint32_t last = p->nfootnotes ? p->footnotes[p->nfootnotes - 1].number
				      : 0;
	pd_footnote *f;
	unsigned k;

	for (k = 0; k < n && npara; k++) {
		pd_paragraph *para = paras[rnd((unsigned)npara)];
		char add[160];
		char *t;

		snprintf(add, sizeof(add),
			 " In %u the Ministry registered %u more residents.",
			 2000 + rnd(25), 1000 + rnd(90000));
		t = pd_arena_alloc(p->arena, para->len + strlen(add) + 1);
		memcpy(t, para->text, para->len);
		strcpy(t + para->len, add);
		para->text = t;
		para->len = strlen(t);
	}
	f = pd_arena_calloc(p->arena, p->nfootnotes + orphans + 1, sizeof(*f));
	memcpy(f, p->footnotes, p->nfootnotes * sizeof(*f));
	for (k = 0; k < orphans; k++) {
		pd_footnote *o = &f[p->nfootnotes + k];
		char text[200];

		snprintf(text, sizeof(text),
			 "Author %u, 'Report number %u' (Publisher %u) "
			 "<https://example.org/report/%u> accessed 3 March 2025.",
			 k, k, 2000 + k % 25, k);
		o->number = last + 1 + k;
		o->text = pd_arena_strdup(p->arena, text);
		o->len = strlen(o->text);
	}
	p->footnotes = f;
	p->nfootnotes += orphans;
	free(paras);
}

static int cmd_history(size_t nprofiles, unsigned revisions, const shape *sh,
		       char **bases, size_t nbases)
{
	pd_profile **ps = calloc(nprofiles, sizeof(*ps));
	char (*paths)[96] = calloc(nprofiles, sizeof(*paths));
	long long when = 1700000000;
	unsigned long mark = 0;
	size_t i;
	unsigned r;

	if (ps == NULL || paths == NULL)
		return 2;
	for (i = 0; i < nprofiles; i++) {
		pd_profile *p = read_stdin_or(bases[i % nbases]);
		const pd_section *src = p->sections;
		size_t nsrc = p->nsections, copies = 1;
		char name[64], slug[64];

		size_t bytes = sh->min_bytes;

		if (sh->max_bytes > sh->min_bytes)
			bytes += rnd((unsigned)(sh->max_bytes - sh->min_bytes));
		/* grow to about `bytes`, or cut down to it */
		while (written_size(p) < bytes * 4 / 5 && copies < 64)
			replicate(p, src, nsrc, ++copies);
		while (p->nsections > 1 && written_size(p) > bytes * 6 / 5)
			p->nsections--;
		add_findings(p, sh->uncited, sh->orphans);
		snprintf(name, sizeof(name), "%s %zu", p->country, i + 1);
		p->country = pd_arena_strdup(p->arena, name);
		pd_country_slug(p->country, slug, sizeof(slug));
		snprintf(paths[i], sizeof(paths[i]), "profiles/%s.yaml", slug);
		p->last_updated = (pd_date){2020, 1, 6};
		add_days(&p->last_updated, (int)(i % 7));
		ps[i] = p;
	}
	for (r = 0; r < revisions; r++) {
		for (i = 0; i < nprofiles; i++) {
			pd_profile *p = ps[i];
			char date[11];

			if (r > 0) {
				edit(p, sh->min_edits +
						rnd(sh->max_edits - sh->min_edits +
						    1));
				add_days(&p->last_updated, 7 + rnd(60));
			}
			pd_date_format(p->last_updated, date);
			when += 600;
			printf("commit refs/heads/main\nmark :%lu\n", ++mark);
			printf("committer Editor <editor@example.org> %lld +0000\n",
			       when);
			printf("data <<EOT\n%s: %s update of %s\nEOT\n",
			       p->country, r ? "published" : "first", date);
			if (mark > 1)
				printf("from :%lu\n", mark - 1);
			emit_blob(paths[i], p);
		}
	}
	for (i = 0; i < nprofiles; i++)
		pd_profile_free(ps[i]);
	free(ps);
	free(paths);
	return 0;
}

static int uncache_one(const char *path, const struct stat *st, int type,
		       struct FTW *ftw)
{
	int fd;

	(void)st;
	(void)ftw;
	if (type != FTW_F ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return 0;
	(void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "uncache") == 0)
		return nftw(argv[2], uncache_one, 64, FTW_PHYS) == 0 ? 0 : 1;
	if (argc == 5 && strcmp(argv[1], "profile") == 0) {
		rng_state = strtoull(argv[3], NULL, 10) * 2654435761ULL + 1;
		return cmd_profile(strtoul(argv[2], NULL, 10), argv[4]);
	}
	if (argc == 4 && strcmp(argv[1], "edit") == 0) {
		rng_state = strtoull(argv[2], NULL, 10) * 2654435761ULL + 1;
		return cmd_edit((unsigned)strtoul(argv[3], NULL, 10));
	}
	if (argc >= 7 && strcmp(argv[1], "history") == 0) {
		shape sh = {0, 0, 1, 4, 0, 0};
		char *end;
		int k = 6;

		rng_state = strtoull(argv[2], NULL, 10) * 2654435761ULL + 1;
		sh.min_bytes = sh.max_bytes = strtoul(argv[5], &end, 10);
		if (*end == '-')
			sh.max_bytes = strtoul(end + 1, NULL, 10);
		for (; k + 1 < argc && strncmp(argv[k], "--", 2) == 0; k += 2) {
			if (strcmp(argv[k], "--edits") == 0) {
				sh.min_edits = sh.max_edits =
					(unsigned)strtoul(argv[k + 1], &end, 10);
				if (*end == '-')
					sh.max_edits = (unsigned)strtoul(
						end + 1, NULL, 10);
			} else if (strcmp(argv[k], "--uncited") == 0) {
				sh.uncited = (unsigned)strtoul(argv[k + 1],
							       NULL, 10);
			} else if (strcmp(argv[k], "--orphans") == 0) {
				sh.orphans = (unsigned)strtoul(argv[k + 1],
							       NULL, 10);
			} else {
				break;
			}
		}
		if (sh.max_edits < sh.min_edits || !sh.min_edits || k >= argc)
			goto usage;
		return cmd_history(strtoul(argv[3], NULL, 10),
				   (unsigned)strtoul(argv[4], NULL, 10), &sh,
				   argv + k, (size_t)(argc - k));
	}
usage:
	fputs("usage: gen profile BYTES SEED PROFILE.yaml | gen edit SEED EDITS\n"
	      "       gen uncache DIR\n"
	      "       gen history SEED PROFILES REVISIONS BYTES[-MAX] [--edits "
	      "MIN-MAX]\n"
	      "                   [--uncited N] [--orphans N] PROFILE.yaml...\n",
	      stderr);
	return 2;
}
