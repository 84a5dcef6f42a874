/*
 * test_app_site.c: the site's parts of the application layer (app_site.c,
 * app_page.c) on a real repository: the URLs a site takes as its base, a
 * profile's page with what changed since the revision before, and the
 * site written, then written again with nothing to do; its cache of
 * revisions used when sealed by this version, ignored when of another.
 */
#define _GNU_SOURCE /* memmem */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "profdiff/app.h"
#include "profdiff/version.h"
#include "testutil.h"

static char dir[64];

static void setup(void)
{
	tu_repo_demo(dir, sizeof(dir));
}

static void teardown(void)
{
	tu_repo_free(dir);
}

START_TEST(web_urls)
{
	ck_assert(pd_app_web_url("https://example.org/"));
	ck_assert(pd_app_web_url("HTTP://example.org"));
	ck_assert(pd_app_web_url("https://example.org/news/?a=1&b=2"));
	ck_assert(!pd_app_web_url(NULL));
	ck_assert(!pd_app_web_url(""));
	ck_assert(!pd_app_web_url("https://"));
	ck_assert(!pd_app_web_url("https:///path"));
	ck_assert(!pd_app_web_url("javascript:alert(1)"));
	ck_assert(!pd_app_web_url("ftp://example.org/"));
	ck_assert(!pd_app_web_url("//example.org/"));
	ck_assert(!pd_app_web_url("https://example.org/a b"));
	ck_assert(!pd_app_web_url("https://example.org/\"><script>"));
	ck_assert(!pd_app_web_url("https://example.org/\n"));
}
END_TEST

START_TEST(page_says_what_changed)
{
	pd_store *s;
	pd_buf out = PD_BUF_INIT;

	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	/* north-korea's 2026-02-10: the accession, since 2026-01-29 */
	ck_assert_int_eq(pd_app_render_html(&out, s, "north-korea@2026-02-10"),
			 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "<html lang=\"en\">"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "<h1>North Korea</h1>"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out),
				     "What changed in this update"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out),
				     "Since the revision of <time datetime="
				     "\"2026-01-29\">29 January 2026</time>"));
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out), "acceded"));
	/* the first published revision says so */
	pd_buf_clear(&out);
	ck_assert_int_eq(pd_app_render_html(&out, s, "north-korea@2026-01-29"),
			 0);
	ck_assert_ptr_nonnull(strstr(pd_buf_cstr(&out),
				     "The first published revision"));
	/* a revision there is not is the store's error */
	pd_buf_clear(&out);
	ck_assert_int_lt(pd_app_render_html(&out, s, "north-korea@2001-01-01"),
			 0);
	ck_assert_int_lt(pd_app_render_html(&out, s, "nowhere"), 0);
	pd_buf_free(&out);
	pd_store_free(s);
}
END_TEST

START_TEST(site_written_then_kept)
{
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result r1, r2;
	pd_store *s;
	char out[128], path[256];
	FILE *f;

	snprintf(out, sizeof(out), "%s/site", dir);
	o.dir = out;
	o.base_url = "https://example.org/";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r1, s, &o), 0);
	pd_store_free(s);
	ck_assert_uint_eq(r1.profiles, 3);
	ck_assert_uint_gt(r1.written, 10);
	ck_assert_uint_eq(r1.kept, 0);
	snprintf(path, sizeof(path), "%s/profiles/laos/2026-03-01-diff.html",
		 out);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	fclose(f);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r2, s, &o), 0);
	pd_store_free(s);
	ck_assert_uint_eq(r2.written, 0);
	ck_assert_uint_eq(r2.kept, r1.written);
	/* a page gone is written again, alone */
	ck_assert_int_eq(remove(path), 0);
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r2, s, &o), 0);
	pd_store_free(s);
	ck_assert_uint_eq(r2.written, 1);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	fclose(f);
}
END_TEST


/* Reads all of `path` into a new buffer of *len bytes. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(f), 0);
	rewind(f);
	ck_assert_ptr_nonnull(b = malloc((size_t)n + 1));
	ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
	b[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* Writes the cache `c` with "acceded" made "ACCEDED" in its bodies,
 * sealed anew (a hash that holds), after `edit` changed it; then the
 * site again, its changelog written anew from the cache or without it. */
static bool cache_used(const char *out, const char *c, size_t n,
		       void (*edit)(char *c, size_t n))
{
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result r;
	pd_store *s;
	char path[256], *v, *p;
	uint64_t sum;
	size_t len;
	FILE *f;
	bool used;

	ck_assert_ptr_nonnull(v = malloc(n));
	memcpy(v, c, n);
	for (p = v; (p = memmem(p, n - (size_t)(p - v), "acceded", 7)); p += 7)
		memcpy(p, "ACCEDED", 7);
	edit(v, n);
	sum = XXH3_64bits(v, n - sizeof(sum));
	memcpy(v + n - sizeof(sum), &sum, sizeof(sum));
	snprintf(path, sizeof(path), "%s/.profdiff-site-cache", out);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(v, 1, n, f), n);
	fclose(f);
	free(v);
	snprintf(path, sizeof(path), "%s/changelog.html", out);
	ck_assert_int_eq(remove(path), 0);
	o.dir = out;
	o.base_url = "https://example.org/";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r, s, &o), 0);
	pd_store_free(s);
	ck_assert_uint_eq(r.written, 1);
	v = slurp(path, &len);
	used = memmem(v, len, "ACCEDED", 7) != NULL;
	ck_assert(used || memmem(v, len, "acceded", 7));
	free(v);
	return used;
}

static void same(char *c, size_t n)
{
	(void)c;
	(void)n;
}

static void other_version(char *c, size_t n)
{
	char *nl = memchr(c, '\n', n);

	/* the version's line, the same length, another version */
	ck_assert_ptr_nonnull(nl);
	ck_assert_int_eq(memcmp(nl + 1, PD_VERSION, strlen(PD_VERSION)), 0);
	nl[1] = nl[1] == '9' ? '8' : '9';
}

static void other_order(char *c, size_t n)
{
	char *nl = memchr(c, '\n', n);
	unsigned char *m;
	size_t i;

	/* the byte order's mark, after the version's line, reversed */
	ck_assert_ptr_nonnull(nl = memchr(nl + 1, '\n', n - (size_t)(nl + 1 - c)));
	m = (unsigned char *)nl + 1;
	for (i = 0; i < 4; i++) {
		unsigned char t = m[i];

		m[i] = m[7 - i];
		m[7 - i] = t;
	}
}

START_TEST(cache_sealed_by_its_version)
{
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result r;
	pd_store *s;
	char out[128], path[256], *c;
	size_t n;

	snprintf(out, sizeof(out), "%s/site", dir);
	o.dir = out;
	o.base_url = "https://example.org/";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r, s, &o), 0);
	pd_store_free(s);
	snprintf(path, sizeof(path), "%s/.profdiff-site-cache", out);
	c = slurp(path, &n);
	ck_assert_ptr_nonnull(memmem(c, n, "acceded", 7));
	/* what a cache sealed by this version says is what is written */
	ck_assert(cache_used(out, c, n, same));
	/* that of another version, or of another byte order, is not */
	ck_assert(!cache_used(out, c, n, other_version));
	ck_assert(!cache_used(out, c, n, other_order));
	free(c);
}
END_TEST

/* The site of `dir` into `out`; its result. */
static pd_app_site_result site_of(const char *out)
{
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result r;
	pd_store *s;

	o.dir = out;
	o.base_url = "https://example.org/";
	ck_assert_int_eq(pd_store_open(&s, dir), 0);
	ck_assert_int_eq(pd_app_site(&r, s, &o), 0);
	pd_store_free(s);
	return r;
}

/* Are the files `rel` of two sites the same bytes? */
static bool same_page(const char *a, const char *b, const char *rel)
{
	char pa[256], pb[256], *x, *y;
	size_t nx, ny;
	bool same;

	snprintf(pa, sizeof(pa), "%s/%s", a, rel);
	snprintf(pb, sizeof(pb), "%s/%s", b, rel);
	x = slurp(pa, &nx);
	y = slurp(pb, &ny);
	same = nx == ny && memcmp(x, y, nx) == 0;
	free(x);
	free(y);
	return same;
}

/* laos.yaml of the repository with its last_updated `date`, written to
 * `to` (its whole path). */
static void laos_dated(const char *date, const char *to)
{
	char path[256], *v, *at;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/profiles/laos.yaml", dir);
	v = slurp(path, &n);
	ck_assert_ptr_nonnull(at = strstr(v, "last_updated: "));
	memcpy(at + 14, date, 10);
	ck_assert_ptr_nonnull(f = fopen(to, "wb"));
	ck_assert_uint_eq(fwrite(v, 1, n, f), n);
	fclose(f);
	free(v);
}

/* A run after a commit reads the history of the profile it touched
 * alone, the others standing on the last run's records, and writes what
 * a site written anew holds; an edit in the working tree (which the
 * blame shows) is read too. */
START_TEST(a_run_reads_only_what_changed)
{
	static const char *const pages[] = {
		"index.html", "changelog.html", "changelog.atom",
		"profiles/laos/index.html", "profiles/laos/history.html",
		"profiles/laos/blame.html", "profiles/laos/2026-06-01.html",
		"profiles/laos/2026-06-01-diff.html",
		"profiles/cambodia/blame.html", ".profdiff-site",
		".profdiff-site-cache"};
	pd_app_site_result r;
	char out[128], anew[128], tmp[256], blame[256];
	size_t i;

	snprintf(out, sizeof(out), "%s/site", dir);
	snprintf(anew, sizeof(anew), "%s/anew", dir);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 3);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 0);
	ck_assert_uint_eq(r.written, 0);
	ck_assert_uint_eq(r.profiles, 3);
	/* one profile's new revision */
	snprintf(tmp, sizeof(tmp), "%s/laos.new.yaml", dir);
	laos_dated("2026-06-01", tmp);
	tu_repo_commit(dir, "profiles/laos.yaml", tmp, "June update", NULL);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 1);
	ck_assert_uint_eq(r.profiles, 3);
	ck_assert_uint_gt(r.written, 5);
	r = site_of(anew);
	ck_assert_uint_eq(r.read, 3);
	for (i = 0; i < sizeof(pages) / sizeof(*pages); i++)
		ck_assert_msg(same_page(out, anew, pages[i]), "%s", pages[i]);
	/* an edit in the working tree, a claim reworded under a new date:
	 * its blame alone is written again, and shows it */
	laos_dated("2026-07-01", tmp);
	{
		size_t n;
		char *v = slurp(tmp, &n), *at;
		FILE *f;

		ck_assert_ptr_nonnull(at = strstr(v, "- >-\n        "));
		ck_assert_ptr_nonnull(f = fopen(tmp, "wb"));
		fwrite(v, 1, (size_t)(at - v) + 13, f);
		fputs("Moreover, ", f);
		fwrite(at + 13, 1, n - (size_t)(at - v) - 13, f);
		fclose(f);
		free(v);
	}
	snprintf(blame, sizeof(blame), "%s/profiles/laos.yaml", dir);
	ck_assert_int_eq(rename(tmp, blame), 0);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 1);
	ck_assert_uint_eq(r.written, 1);
	ck_assert(!same_page(out, anew, "profiles/laos/blame.html"));
	ck_assert(same_page(out, anew, "profiles/laos/index.html"));
}
END_TEST

/* Writes `v` (`n` bytes) to `path`. */
static void put(const char *path, const char *v, size_t n)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(v, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* The manifest's line that begins with `key`, changed to `line` (or
 * removed, for NULL). */
static void manifest_line(const char *out, const char *key, const char *line)
{
	char path[256], *v, *at, *nl;
	size_t n;
	pd_buf b = PD_BUF_INIT;

	snprintf(path, sizeof(path), "%s/.profdiff-site", out);
	v = slurp(path, &n);
	ck_assert_ptr_nonnull(at = strstr(v, key));
	ck_assert(at == v || at[-1] == '\n');
	ck_assert_ptr_nonnull(nl = strchr(at, '\n'));
	pd_buf_put(&b, v, (size_t)(at - v));
	if (line)
		pd_buf_printf(&b, "%s\n", line);
	pd_buf_puts(&b, nl + 1);
	put(path, b.ptr, b.len);
	pd_buf_free(&b);
	free(v);
}

/* The manifest names the cache written with it: with another (a run
 * stopped between the two, one put back by hand) no record is trusted
 * and every history is read; the pages are as their keys say. */
START_TEST(a_cache_goes_with_its_manifest)
{
	pd_app_site_result r;
	char out[128];

	snprintf(out, sizeof(out), "%s/site", dir);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 3);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 0);
	/* the manifest without the line of the cache it names */
	manifest_line(out, "cache ", NULL);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 3);
	ck_assert_uint_eq(r.written, 0); /* the pages are as their keys say */
	r = site_of(out);
	ck_assert_uint_eq(r.read, 0);
}
END_TEST

/* Pages are not flushed to disk. After a run stopped half way (its mark
 * left), or in another boot than the manifest's (a crash, a site copied
 * from elsewhere), each page is read and checked against the manifest:
 * one that differs is made again, with its profile's history read, and
 * the rest is kept. In the manifest's boot, after a run that ended, the
 * pages are trusted unread. */
START_TEST(pages_are_checked_after_another_boot_or_a_stop)
{
	static const char *const marks[] = {".profdiff-site-partial", NULL};
	pd_app_site_result r;
	char out[128], page[256], mark[256], *good, *v;
	size_t n, m, k;

	snprintf(out, sizeof(out), "%s/site", dir);
	snprintf(page, sizeof(page), "%s/profiles/cambodia/index.html", out);
	r = site_of(out);
	ck_assert_uint_eq(r.read, 3);
	good = slurp(page, &n);
	for (k = 0; k < 2; k++) {
		/* a page as a stopped run, or a lost write, may leave it */
		ck_assert_ptr_nonnull(v = malloc(n));
		memcpy(v, good, n);
		v[n / 2] ^= 1;
		put(page, v, n);
		free(v);
		if (marks[k]) {
			snprintf(mark, sizeof(mark), "%s/%s", out, marks[k]);
			put(mark, "", 0);
		} else {
			manifest_line(out, "boot ",
				      "boot 00000000-0000-4000-8000-000000000000");
		}
		r = site_of(out);
		ck_assert_uint_eq(r.read, 1);
		ck_assert_uint_eq(r.written, 1);
		ck_assert_uint_gt(r.kept, 10);
		v = slurp(page, &m);
		ck_assert_uint_eq(m, n);
		ck_assert_int_eq(memcmp(v, good, n), 0);
		free(v);
		if (marks[k])
			ck_assert_int_ne(access(mark, F_OK), 0);
		/* trusted again, unread */
		r = site_of(out);
		ck_assert_uint_eq(r.read, 0);
		ck_assert_uint_eq(r.written, 0);
	}
	/* in the manifest's boot, a page altered by hand is not read */
	put(page, "altered", 7);
	r = site_of(out);
	ck_assert_uint_eq(r.written, 0);
	free(good);
}
END_TEST

/* A cache altered anywhere and sealed again, as someone who can write
 * the site's directory could: every run reads it without harm, its
 * records taken only as far as they hold (enum values, counts, lengths
 * and dates out of range make it ignored). */
START_TEST(an_altered_cache_does_no_harm)
{
	static const uint64_t values[] = {UINT64_MAX, 0x7fffffff, 3, 0,
					  UINT64_C(1) << 40};
	pd_app_site_options o = PD_APP_SITE_OPTIONS_INIT;
	pd_app_site_result r;
	pd_store *s;
	char out[128], path[256], *good, *v;
	size_t n, k, at;
	uint64_t sum;
	FILE *f;

	snprintf(out, sizeof(out), "%s/site", dir);
	o.dir = out;
	r = site_of(out);
	ck_assert_uint_eq(r.read, 3);
	snprintf(path, sizeof(path), "%s/.profdiff-site-cache", out);
	good = slurp(path, &n);
	ck_assert_uint_gt(n, 4096);
	ck_assert_ptr_nonnull(v = malloc(n));
	for (k = 0; k < 120; k++) {
		memcpy(v, good, n);
		/* past the magic and version line, before the seal */
		at = 32 + (k * 7919) % (n - 32 - 2 * sizeof(sum));
		if (k % 2)
			v[at] ^= (char)0xff;
		else
			memcpy(v + (at & ~(size_t)7), &values[k / 2 % 5],
			       sizeof(values[0]));
		sum = XXH3_64bits(v, n - sizeof(sum));
		memcpy(v + n - sizeof(sum), &sum, sizeof(sum));
		ck_assert_ptr_nonnull(f = fopen(path, "wb"));
		ck_assert_uint_eq(fwrite(v, 1, n, f), n);
		fclose(f);
		ck_assert_int_eq(pd_store_open(&s, dir), 0);
		ck_assert_int_eq(pd_app_site(&r, s, &o), 0);
		pd_store_free(s);
		ck_assert_uint_eq(r.profiles, 3);
	}
	free(v);
	free(good);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("app_site");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, web_urls);
	tcase_add_test(tc, page_says_what_changed);
	tcase_add_test(tc, site_written_then_kept);
	tcase_add_test(tc, cache_sealed_by_its_version);
	tcase_add_test(tc, a_run_reads_only_what_changed);
	tcase_add_test(tc, a_cache_goes_with_its_manifest);
	tcase_add_test(tc, pages_are_checked_after_another_boot_or_a_stop);
	suite_add_tcase(s, tc);
	/* a hundred and twenty runs: slow under the sanitizers */
	tc = tcase_create("hostile cache");
	tcase_set_timeout(tc, 600);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, an_altered_cache_does_no_harm);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return tu_run(suite());
}
