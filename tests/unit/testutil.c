#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/fileio.h"
#include "profdiff/page_import.h"
#include "profdiff/store.h"
#include "profdiff/sentences.h"
#include "profdiff/yaml.h"
#include "testutil.h"

pd_buf tu_fixture(const char *rel)
{
	char path[4096];
	pd_buf b = PD_BUF_INIT;

	snprintf(path, sizeof(path), "%s/%s", PD_FIXTURES, rel);
	if (pd_file_read(&b, path, (size_t)64 << 20) < 0)
		ck_abort_msg("cannot read fixture %s: %s", path,
			     pd_error_last()->message);
	return b;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **tu_list(const char *reldir, const char *suffix)
{
	char path[4096];
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, sl = strlen(suffix);

	snprintf(path, sizeof(path), "%s/%s", PD_FIXTURES, reldir);
	d = opendir(path);
	ck_assert_msg(d != NULL, "cannot open %s", path);
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (e->d_name[0] == '.' || len < sl ||
		    strcmp(e->d_name + len - sl, suffix) != 0)
			continue;
		v = realloc(v, (n + 2) * sizeof(*v));
		ck_assert(v != NULL);
		v[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (!v) {
		v = calloc(1, sizeof(*v));
		ck_assert(v != NULL);
	}
	v[n] = NULL;
	qsort(v, n, sizeof(*v), cmp_str);
	return v;
}

void tu_free_list(char **list)
{
	size_t i;

	for (i = 0; list && list[i]; i++)
		free(list[i]);
	free(list);
}

pd_profile *tu_read_yaml(const char *data, size_t len, const char *name)
{
	pd_profile *p = NULL;

	if (pd_yaml_read(&p, data, len, name, NULL) < 0) {
		char msg[2048];

		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_abort_msg("unexpected read error: %s", msg);
	}
	return p;
}

int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

char **tu_page_sentences(void)
{
	static const char *const pages[] = {"cambodia", "laos", "north-korea"};
	char **v = NULL;
	size_t n = 0, cap = 0, i, j, k, m;

	for (i = 0; i < 3; i++) {
		char rel[64];
		pd_buf b;
		pd_profile *p;
		pd_arena *a = pd_arena_new();

		snprintf(rel, sizeof(rel), "pages/%s.txt", pages[i]);
		b = tu_fixture(rel);
		ck_assert_ptr_nonnull(a);
		ck_assert_int_eq(pd_page_import(&p, NULL, b.ptr, b.len, rel,
						NULL),
				 0);
		for (j = 0; j < p->nsections; j++) {
			/* the pages nest one level: both levels */
			const pd_section *top = &p->sections[j];

			for (m = 0; m <= top->nsections; m++) {
				const pd_section *s =
					m ? &top->sections[m - 1] : top;

				for (k = 0; k < s->nparagraphs; k++) {
					const pd_paragraph *pa =
						&s->paragraphs[k];
					pd_span *sp;
					size_t ns, q;

					ck_assert_int_eq(
						pd_sentences(a, pa->text,
							     pa->len, &sp, &ns),
						0);
					for (q = 0; q < ns; q++) {
						if (n + 2 > cap) {
							cap = cap ? 2 * cap : 256;
							v = realloc(v, cap *
									   sizeof(*v));
							ck_assert_ptr_nonnull(v);
						}
						v[n] = strndup(
							pa->text + sp[q].start,
							sp[q].end - sp[q].start);
						ck_assert_ptr_nonnull(v[n]);
						n++;
					}
				}
			}
		}
		pd_profile_free(p);
		pd_arena_free(a);
		pd_buf_free(&b);
	}
	v[n] = NULL;
	return v;
}

static uint64_t next_rand(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* The byte ranges of the words (runs without a space) of s. */
static size_t word_spans(const char *s, size_t *st, size_t *en, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len && n < max) {
		while (i < len && s[i] == ' ')
			i++;
		if (i >= len)
			break;
		st[n] = i;
		while (i < len && s[i] != ' ')
			i++;
		en[n++] = i;
	}
	return n;
}

char *tu_edit(const char *in, uint64_t *seed)
{
	static const char *const words[] = {"new", "Law", "2026", "not",
					    "formally", "the", "CRPD"};
	pd_buf b = PD_BUF_INIT;
	int edits = 1 + (int)(next_rand(seed) % 3), e;

	pd_buf_puts(&b, in);
	for (e = 0; e < edits; e++) {
		size_t st[512], en[512], n, w, len;
		char *s = strdup(pd_buf_cstr(&b));
		pd_buf o = PD_BUF_INIT;

		ck_assert_ptr_nonnull(s);
		len = strlen(s);
		n = word_spans(s, st, en, 512);
		if (n < 2) {
			free(s);
			break;
		}
		w = (size_t)(next_rand(seed) % n);
		switch (next_rand(seed) % 9) {
		case 0: /* drop a word and the space after it */
			pd_buf_put(&o, s, st[w]);
			pd_buf_puts(&o, s + (w + 1 < n ? st[w + 1] : en[w]));
			break;
		case 1: /* add a word */
			pd_buf_put(&o, s, st[w]);
			pd_buf_printf(&o, "%s ", words[next_rand(seed) % 7]);
			pd_buf_puts(&o, s + st[w]);
			break;
		case 2: /* replace a word */
			pd_buf_put(&o, s, st[w]);
			pd_buf_puts(&o, words[next_rand(seed) % 7]);
			pd_buf_puts(&o, s + en[w]);
			break;
		case 3: /* capitalise or lower a word's first letter */
			pd_buf_puts(&o, s);
			if (o.ptr[st[w]] >= 'a' && o.ptr[st[w]] <= 'z')
				o.ptr[st[w]] = (char)(o.ptr[st[w]] - 32);
			else if (o.ptr[st[w]] >= 'A' && o.ptr[st[w]] <= 'Z')
				o.ptr[st[w]] = (char)(o.ptr[st[w]] + 32);
			break;
		case 4: /* swap a word with the next */
			if (w + 1 >= n)
				w--;
			pd_buf_put(&o, s, st[w]);
			pd_buf_put(&o, s + st[w + 1], en[w + 1] - st[w + 1]);
			pd_buf_put(&o, s + en[w], st[w + 1] - en[w]);
			pd_buf_put(&o, s + st[w], en[w] - st[w]);
			pd_buf_puts(&o, s + en[w + 1]);
			break;
		case 5: /* a digit changed, or one added */
			pd_buf_puts(&o, s);
			for (size_t i = 0; i < len; i++)
				if (o.ptr[i] >= '0' && o.ptr[i] <= '8') {
					o.ptr[i]++;
					break;
				}
			if (o.len == len && strcmp(o.ptr, s) == 0)
				pd_buf_puts(&o, " 7");
			break;
		case 6: /* a space doubled */
			pd_buf_put(&o, s, en[w]);
			pd_buf_putc(&o, ' ');
			pd_buf_puts(&o, s + en[w]);
			break;
		case 7: /* a space dropped */
			if (w + 1 >= n)
				w--;
			pd_buf_put(&o, s, en[w]);
			pd_buf_puts(&o, s + st[w + 1]);
			break;
		default: { /* a quote straightened, or one curled */
			const char *q = strstr(s, "\xE2\x80\x99");

			if (q) {
				pd_buf_put(&o, s, (size_t)(q - s));
				pd_buf_putc(&o, '\'');
				pd_buf_puts(&o, q + 3);
			} else {
				pd_buf_put(&o, s, st[w]);
				pd_buf_puts(&o, "\xE2\x80\x98");
				pd_buf_puts(&o, s + st[w]);
			}
			break;
		}
		}
		ck_assert_int_eq(pd_buf_ok(&o), 0);
		pd_buf_clear(&b);
		pd_buf_puts(&b, pd_buf_cstr(&o));
		pd_buf_free(&o);
		free(s);
	}
	{
		char *r = strdup(pd_buf_cstr(&b));

		ck_assert_ptr_nonnull(r);
		pd_buf_free(&b);
		return r;
	}
}

void tu_repo_new(char *dir, size_t size)
{
	snprintf(dir, size, "/tmp/pd-repo-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(pd_store_init(dir), 0);
}

void tu_repo_commit(const char *dir, const char *rel, const char *src,
		    const char *msg, char *hex)
{
	pd_commit_options o = PD_COMMIT_OPTIONS_INIT;
	const char *paths[] = {rel};
	char path[4096], id[41];
	pd_store *s;
	pd_buf b = PD_BUF_INIT;

	if (src[0] == '/')
		ck_assert_int_eq(pd_file_read(&b, src, (size_t)64 << 20), 0);
	else
		b = tu_fixture(src);
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	ck_assert_int_eq(pd_file_write_atomic(path, b.ptr, b.len), 0);
	pd_buf_free(&b);
	o.message = msg;
	o.author = "Ada Editor <ada@example.org>";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_store_commit(s, paths, 1, &o, id), 0);
	pd_store_free(s);
	if (hex)
		memcpy(hex, id, 41);
}

void tu_repo_free(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

void tu_repo_demo(char *dir, size_t size)
{
	tu_repo_new(dir, size);
	tu_repo_commit(dir, "profiles/cambodia.yaml",
		       PD_PROFILES "/cambodia.yaml", "Cambodia", NULL);
	tu_repo_commit(dir, "profiles/laos.yaml", PD_PROFILES "/laos.yaml",
		       "Laos", NULL);
	tu_repo_commit(dir, "profiles/north-korea.yaml",
		       PD_PROFILES "/north-korea.yaml", "North Korea", NULL);
	tu_repo_commit(dir, "profiles/north-korea.yaml",
		       "demo/north-korea.2026-02-10.yaml",
		       "North Korea: accession", NULL);
	tu_repo_commit(dir, "profiles/north-korea.yaml",
		       "demo/north-korea.2026-02-10-typo.yaml",
		       "North Korea: typo", NULL);
	tu_repo_commit(dir, "profiles/cambodia.yaml",
		       "demo/cambodia.2026-02-15.yaml", "Cambodia: law", NULL);
	tu_repo_commit(dir, "profiles/laos.yaml", "demo/laos.2026-03-01.yaml",
		       "Laos: figures", NULL);
}
