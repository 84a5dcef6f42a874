/*
 * cmd_changelog.c: profdiff changelog [--since D] [--until D] [PROFILE...]
 *                  [--format markdown|html|json|atom] [-o FILE]
 *
 * For every published revision in the period, its changes against the
 * previous published revision of its profile; newest first, by date then
 * country. Substantive changes are listed, editorial ones counted.
 */
#include <errno.h>
#include <getopt.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "profdiff/arena.h"
#include "profdiff/diff.h"
#include "profdiff/fileio.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff changelog [--since D] [--until D] [PROFILE...]\n"
	"                          [--format markdown|html|json|atom] [-o FILE]\n\n"
	"The publication's changelog: for every published revision in the\n"
	"period (dates YYYY-MM-DD, both included), what changed in substance\n"
	"against the previous published revision of its profile, newest\n"
	"first, by date then country. Laws, ratifications, factual and\n"
	"added or removed claims, and sources are listed; editorial changes\n"
	"(wording, spelling, access dates) are counted. Without PROFILE: every\n"
	"profile of the repository.\n\n"
	"  --since D, --until D  the period\n"
	"  --format F            markdown (default; Keep a Changelog style),\n"
	"                        html (a self-contained page with a timeline),\n"
	"                        json (profdiff.changelog.v1), atom (a feed)\n"
	"  --title T             the publication's name (default: Country\n"
	"                        profiles)\n"
	"  --feed-id DOMAIN      the authority of the feed's tag: ids (default:\n"
	"                        profdiff.invalid)\n"
	"  -o, --output FILE     write FILE atomically instead of standard "
	"output\n"
	"  -h, --help            print this help\n";

/* The entries' bodies in a temporary file (pd_body_store). */
static int spill_put(void *ctx, const char *data, size_t len, uint64_t *at)
{
	FILE *f = ctx;
	off_t end;

	if (fseeko(f, 0, SEEK_END) != 0 || (end = ftello(f)) < 0 ||
	    fwrite(data, 1, len, f) != len)
		return PD_EIO;
	*at = (uint64_t)end;
	return 0;
}

static int spill_get(void *ctx, uint64_t at, size_t len, pd_buf *out)
{
	FILE *f = ctx;
	ssize_t r;

	if (!pd_buf_reserve(out, len + 1))
		return PD_ENOMEM;
	r = len ? pread(fileno(f), out->ptr + out->len, len, (off_t)at) : 0;
	if (r < 0 || (size_t)r != len)
		return PD_EIO;
	out->len += len;
	out->ptr[out->len] = '\0';
	return 0;
}

static int entry_cmp(const void *x, const void *y)
{
	const pd_changelog_entry *a = x, *b = y;
	int c = pd_date_cmp(b->date, a->date);

	return c ? c : strcmp(a->country, b->country);
}

static const char *keep(pd_arena *a, const char *str)
{
	return str ? pd_arena_strdup(a, str) : NULL;
}

static bool in_window(const pd_changelog *cl, pd_date d)
{
	return !(cl->since.year && pd_date_cmp(d, cl->since) < 0) &&
	       !(cl->until.year && pd_date_cmp(d, cl->until) > 0);
}

/* The diffs of one profile's published revisions, each against the one
 * before, made on every core: diffs[k] compares revs[k + 1] with revs[k].
 * A worker takes a run of consecutive diffs at a time, so that its differ
 * prepares each revision once for the two diffs that share it. */
#define DIFF_RUN 8

typedef struct diff_job {
	const pd_revision *revs;
	size_t n;
	const pd_changelog *cl;
	const pd_vocab *vocab;
	pd_diff **diffs;
	char **errors; /* the message of a diff that failed */
	atomic_size_t next; /* the first diff of the next run */
} diff_job;

static void *diff_worker(void *arg)
{
	diff_job *job = arg;
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	pd_differ *dr = NULL; /* its memos serve every run it takes */
	size_t k, first;

	o.vocab = job->vocab;
	while ((first = atomic_fetch_add(&job->next, DIFF_RUN)) < job->n) {
		for (k = first; k < first + DIFF_RUN && k < job->n; k++) {
			if (k + 1 >= job->n ||
			    !in_window(job->cl, job->revs[k].last_updated))
				continue;
			if ((dr || pd_differ_new(&dr, &o) == 0) &&
			    pd_differ_diff(dr, &job->diffs[k],
					   job->revs[k + 1].profile,
					   job->revs[k].profile) == 0)
				continue;
			job->errors[k] = cli_message_last();
		}
	}
	pd_differ_free(dr);
	return NULL;
}

/* Frees what the job holds (diffs not taken, messages) and empties it. */
static void job_clear(diff_job *job)
{
	size_t k;

	for (k = 0; job->diffs && k < job->n; k++)
		pd_diff_free(job->diffs[k]);
	for (k = 0; job->errors && k < job->n; k++)
		cli_message_free(job->errors[k]);
	free(job->diffs);
	free(job->errors);
	memset(job, 0, sizeof(*job));
}

int cmd_changelog(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"since", required_argument, NULL, 's'},
		{"until", required_argument, NULL, 'u'},
		{"format", required_argument, NULL, 'f'},
		{"title", required_argument, NULL, 't'},
		{"feed-id", required_argument, NULL, 'i'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_changelog cl;
	pd_changelog_entry *entries = NULL;
	diff_job job;
	size_t nentries = 0, capentries = 0, i, k, nprof;
	const char **profiles = NULL, *output = NULL;
	const pd_revision *revs = NULL;
	size_t n = 0;
	char *load_error = NULL; /* reading profile i + 1 failed */
	pd_store *s = NULL;
	pd_arena *strings = NULL;
	FILE *spill = NULL; /* the entries' rendered text; NULL: in memory */
	pd_body_store store = {spill_put, spill_get, NULL};
	int fmt = PD_FORMAT_MARKDOWN, opt, rc = EXIT_OK;
	bool progress = isatty(2) == 1;

	(void)c;
	memset(&job, 0, sizeof(job));
	memset(&cl, 0, sizeof(cl));
	cl.title = "Country profiles";
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
		case 'u':
			if (!pd_date_parse(optarg, strlen(optarg),
					   opt == 's' ? &cl.since : &cl.until))
				return cli_bad_usage("changelog",
						     "--since and --until take "
						     "YYYY-MM-DD");
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt != PD_FORMAT_MARKDOWN && fmt != PD_FORMAT_HTML &&
			    fmt != PD_FORMAT_JSON && fmt != PD_FORMAT_ATOM)
				return cli_bad_usage("changelog",
						     "--format takes markdown, "
						     "html, json or atom");
			break;
		case 't':
			cl.title = optarg;
			break;
		case 'i':
			cl.feed_id = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("changelog", argv, optind);
		}
	}
	if (!(strings = pd_arena_new())) {
		cli_error("out of memory");
		return EXIT_TROUBLE;
	}
	/* the rendered entries of a long history would be most of what the
	 * changelog holds: they wait for their turn in a temporary file */
	spill = pd_temp_file();
	store.ctx = spill;
	if (pd_store_open(&s, ".") < 0) {
		cli_error_last();
		pd_arena_free(strings);
		return EXIT_TROUBLE;
	}
	if (optind < argc) {
		nprof = (size_t)(argc - optind);
		profiles = calloc(nprof, sizeof(*profiles));
		for (i = 0; profiles && i < nprof; i++) {
			char *p;

			if (pd_store_profile_path(s, argv[optind + (int)i], &p) <
			    0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
				goto done;
			}
			profiles[i] = p;
		}
	} else {
		const char **all;

		if (pd_store_profiles(s, &all, &nprof) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto done;
		}
		profiles = calloc(nprof + 1, sizeof(*profiles));
		if (profiles)
			memcpy(profiles, all, nprof * sizeof(*profiles));
	}
	/* a pipeline: while the other cores diff the revisions of profile i,
	 * this one reads those of profile i + 1 from the repository, then
	 * helps with the diffs */
	if (profiles && nprof &&
	    pd_store_published(s, profiles[0], &revs, &n) < 0)
		load_error = cli_message_last();
	/* when the first profile's versions were dear to read, the others'
	 * are read once in the order they were written */
	if (profiles && nprof > 1 && !load_error &&
	    pd_store_prefetch(s, NULL, profiles, nprof) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	for (i = 0; profiles && i < nprof; i++) {
		const pd_revision *next = NULL;
		size_t nnext = 0;
		cli_workers w;

		if (progress)
			fprintf(stderr, "\rprofdiff: changelog: %zu/%zu profiles",
				i + 1, nprof);
		if (load_error) {
			cli_error("%s", load_error);
			cli_message_free(load_error);
			load_error = NULL;
			rc = EXIT_TROUBLE;
			revs = NULL;
			n = 0;
		}
		job_clear(&job);
		job.diffs = calloc(n ? n : 1, sizeof(*job.diffs));
		job.errors = calloc(n ? n : 1, sizeof(*job.errors));
		if (!job.diffs || !job.errors) {
			cli_error("out of memory");
			rc = EXIT_TROUBLE;
			goto done;
		}
		job.revs = revs;
		job.n = n;
		job.cl = &cl;
		job.vocab = &pd_store_config(s)->vocab;
		atomic_init(&job.next, 0);
		cli_workers_start(&w, diff_worker, &job,
				  (n + DIFF_RUN - 1) / DIFF_RUN + 1);
		if (i + 1 < nprof &&
		    pd_store_published(s, profiles[i + 1], &next, &nnext) < 0)
			load_error = cli_message_last();
		diff_worker(&job);
		cli_workers_join(&w);
		for (k = 0; k < n; k++) {
			pd_changelog_entry *e;
			const char *slash = strrchr(revs[k].path, '/');
			char *slug;

			if (!in_window(&cl, revs[k].last_updated))
				continue;
			if (nentries == capentries) {
				size_t ncap = capentries ? capentries * 2 : 64;
				pd_changelog_entry *g =
					realloc(entries, ncap * sizeof(*g));

				if (!g) {
					cli_error("out of memory");
					rc = EXIT_TROUBLE;
					goto done;
				}
				entries = g;
				capentries = ncap;
			}
			/* the entry owns its strings (and the diff its
			 * own): the store forgets each profile's
			 * revisions once its entries are made */
			e = &entries[nentries];
			memset(e, 0, sizeof(*e));
			slug = pd_arena_strdup(strings, slash ? slash + 1
							     : revs[k].path);
			if (slug && strrchr(slug, '.'))
				*strrchr(slug, '.') = '\0';
			e->profile = slug;
			e->country = keep(strings, revs[k].profile->country);
			e->date = revs[k].last_updated;
			e->commit = keep(strings, revs[k].commit);
			e->author = keep(strings, revs[k].author);
			e->time = revs[k].time;
			if (!e->profile || !e->commit ||
			    (revs[k].profile->country && !e->country) ||
			    (revs[k].author && !e->author)) {
				cli_error("out of memory");
				rc = EXIT_TROUBLE;
				goto done;
			}
			if (k + 1 < n) {
				e->previous = revs[k + 1].last_updated;
				e->previous_commit =
					keep(strings, revs[k + 1].commit);
				if (job.errors[k]) {
					cli_error("%s", job.errors[k]);
					rc = EXIT_TROUBLE;
					continue;
				}
				e->diff = job.diffs[k];
			}
			/* rendered ahead: the text stays, in a temporary
			 * file when one could be made, and the diff goes */
			if (pd_changelog_entry_seal(e, (pd_format)fmt, strings,
						    spill ? &store : NULL) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
				goto done;
			}
			pd_diff_free(job.diffs[k]);
			job.diffs[k] = NULL;
			e->diff = NULL;
			nentries++;
		}
		/* profile i is done: only the revisions of i + 1 stay */
		if (i + 1 >= nprof || load_error)
			pd_store_forget(s);
		else if (pd_store_forget_except(s, profiles[i + 1]) < 0)
			load_error = cli_message_last();
		revs = next;
		n = nnext;
	}
	if (progress)
		fputs("\r\033[K", stderr);
	/* the entries own what they show: the repository, its caches and
	 * mapped packs can go before the changelog is written */
	pd_store_free(s);
	s = NULL;
	if (nentries > 1)
		qsort(entries, nentries, sizeof(*entries), entry_cmp);
	cl.entries = entries;
	cl.n = nentries;
	if (spill && fflush(spill) != 0) {
		cli_error("cannot write a temporary file: %s", strerror(errno));
		rc = EXIT_TROUBLE;
		goto done;
	}
	/* written as it is rendered: the whole changelog is never held */
	if (output) {
		pd_file_out f;
		pd_render_sink sink = {cli_write_out, &f};

		if (pd_file_begin(&f, output) < 0 ||
		    pd_render_changelog_to(&sink, (pd_format)fmt, &cl) < 0 ||
		    pd_file_commit(&f) < 0) {
			pd_file_abort(&f);
			cli_error_last();
			rc = EXIT_TROUBLE;
		}
	} else {
		pd_render_sink sink = {cli_write_out, NULL};

		if (pd_render_changelog_to(&sink, (pd_format)fmt, &cl) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
		}
	}
done:
	cli_message_free(load_error);
	job_clear(&job);
	pd_arena_free(strings);
	if (spill)
		fclose(spill);
	free(entries);
	free(profiles);
	pd_store_free(s);
	return rc;
}
