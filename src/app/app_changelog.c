/*
 * app_changelog.c: the publication's changelog built from the history
 * (app.h).
 *
 * Profile by profile, each published revision is diffed against the one
 * before on every core, while another thread reads the next profile's
 * revisions (a pipeline: pd_app_history_read_ahead). Each entry in the
 * period is sealed as soon as it is made: what the changelog shows of its
 * diff is rendered ahead, in the format asked for, into a temporary file
 * (pd_body_store), and the diff goes; the entries keep their own strings,
 * so the store may go before the changelog is written. Newest first, by
 * date then country.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grow.h"
#include "parallel.h"
#include "profdiff/app.h"
#include "profdiff/diff.h"
#include "profdiff/fileio.h"
#include "sort.h"

struct pd_app_changelog {
	pd_changelog cl;
	pd_changelog_entry *entries;
	size_t n, cap;
	pd_arena *strings;   /* the entries' strings and sealed records */
	FILE *spill;         /* the sealed bodies; NULL: in `strings` */
	pd_body_store store;
};

/* The bodies in the temporary file, one after another. */
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

/* The edit summary of revision `r`, copied into the changelog's arena
 * (the store forgets its revisions profile by profile). */
static int keep_messages(pd_arena *a, pd_changelog_entry *e,
			 const pd_revision *r)
{
	const char **v;
	size_t k;

	if (!r->nmessages)
		return 0;
	if (!(v = pd_arena_alloc(a, r->nmessages * sizeof(*v))))
		return pd_error_oom();
	for (k = 0; k < r->nmessages; k++)
		if (!(v[k] = pd_arena_strdup(a, r->messages[k])))
			return pd_error_oom();
	e->messages = v;
	e->nmessages = r->nmessages;
	return 0;
}

static bool in_window(const pd_changelog *cl, pd_date d)
{
	return !(cl->since.year && pd_date_cmp(d, cl->since) < 0) &&
	       !(cl->until.year && pd_date_cmp(d, cl->until) > 0);
}

/* The diffs of one profile's published revisions, each against the one
 * before, made on every core: diffs[k] compares revs[k + 1] with revs[k].
 * A thread takes a run of consecutive diffs at a time, so that its differ
 * prepares each revision once for the two diffs that share it, and keeps
 * the differ, whose memos serve every run it takes. */
#define DIFF_RUN 8

typedef struct diff_job {
	const pd_revision *revs;
	size_t n;
	const pd_changelog *cl;
	const pd_vocab *vocab;
	pd_diff **diffs;
	pd_error **errors; /* the error of a diff that failed */
} diff_job;

static void diff_run(void *ctx, void *state, size_t from, size_t to)
{
	diff_job *job = ctx;
	pd_differ **dr = state;
	pd_diff_options o = PD_DIFF_OPTIONS_INIT;
	size_t k;

	o.vocab = job->vocab;
	for (k = from; k < to; k++) {
		if (k + 1 >= job->n ||
		    !in_window(job->cl, job->revs[k].last_updated))
			continue;
		if (dr && (*dr || pd_differ_new(dr, &o) == 0) &&
		    pd_differ_diff(*dr, &job->diffs[k], job->revs[k + 1].profile,
				   job->revs[k].profile) == 0)
			continue;
		if (!dr)
			pd_error_oom();
		job->errors[k] = malloc(sizeof(pd_error));
		if (job->errors[k])
			*job->errors[k] = *pd_error_last();
	}
}

/* Frees what the job holds (diffs not taken, errors) and empties it. */
static void job_clear(diff_job *job)
{
	size_t k;

	for (k = 0; job->diffs && k < job->n; k++)
		pd_diff_free(job->diffs[k]);
	for (k = 0; job->errors && k < job->n; k++)
		free(job->errors[k]);
	free(job->diffs);
	free(job->errors);
	memset(job, 0, sizeof(*job));
}

static void report(const pd_app_changelog_options *o, const pd_error *e)
{
	static const pd_error oom = {PD_ENOMEM, "", {0, 0}, "out of memory"};

	if (o->report)
		o->report(o->ctx, e ? e : &oom);
}

/* The entries of profile `it`'s revisions in the window, sealed. */
static int add_entries(pd_app_changelog *c, const pd_app_history_item *it,
		       diff_job *job, const pd_app_changelog_options *o)
{
	const pd_revision *revs = it->revs;
	size_t k;

	for (k = 0; k < it->n; k++) {
		pd_changelog_entry *e;
		const char *slash = strrchr(revs[k].path, '/');
		char *slug;

		if (!in_window(&c->cl, revs[k].last_updated))
			continue;
		if (PD_GROW(c->entries, c->n, c->cap) < 0)
			return PD_ENOMEM;
		/* the entry owns its strings (and the diff its own): the
		 * store forgets each profile's revisions once its entries
		 * are made */
		e = &c->entries[c->n];
		memset(e, 0, sizeof(*e));
		slug = pd_arena_strdup(c->strings,
				       slash ? slash + 1 : revs[k].path);
		if (slug && strrchr(slug, '.'))
			*strrchr(slug, '.') = '\0';
		e->profile = slug;
		e->country = keep(c->strings, revs[k].profile->country);
		e->date = revs[k].last_updated;
		e->commit = keep(c->strings, revs[k].commit);
		e->author = keep(c->strings, revs[k].author);
		e->time = revs[k].time;
		if (!e->profile || !e->commit ||
		    (revs[k].profile->country && !e->country) ||
		    (revs[k].author && !e->author))
			return pd_error_oom();
		if (c->cl.messages &&
		    keep_messages(c->strings, e, &revs[k]) < 0)
			return PD_ENOMEM;
		if (k + 1 < it->n) {
			e->previous = revs[k + 1].last_updated;
			e->previous_commit = keep(c->strings, revs[k + 1].commit);
			if (job->errors[k]) {
				report(o, job->errors[k]);
				continue;
			}
			e->diff = job->diffs[k];
		}
		/* rendered ahead: the text stays, in the temporary file
		 * when one could be made, and the diff goes */
		if (pd_changelog_entry_seal(e, o->format, c->strings,
					    c->spill ? &c->store : NULL) < 0)
			return pd_error_oom();
		pd_diff_free(job->diffs[k]);
		job->diffs[k] = NULL;
		e->diff = NULL;
		c->n++;
	}
	return 0;
}

int pd_app_changelog_build(pd_app_changelog **out, pd_store *s,
			   const pd_app_changelog_options *o)
{
	pd_app_changelog *c = calloc(1, sizeof(*c));
	pd_app_history_options ho = PD_APP_HISTORY_OPTIONS_INIT;
	pd_app_history *h = NULL;
	pd_app_history_item it;
	const char **profiles = NULL;
	diff_job job;
	size_t nprof;
	int err = 0, more;

	*out = NULL;
	memset(&job, 0, sizeof(job));
	if (!c || !(c->strings = pd_arena_new())) {
		free(c);
		return pd_error_oom();
	}
	c->cl.title = o->title;
	c->cl.feed_id = o->feed_id;
	c->cl.base_url = o->base_url;
	c->cl.feed_name = o->feed_name;
	c->cl.since = o->since;
	c->cl.until = o->until;
	c->cl.messages = !o->no_summaries;
	/* the rendered entries of a long history would be most of what the
	 * changelog holds: they wait for their turn in a temporary file */
	if ((c->spill = pd_temp_file()) != NULL) {
		c->store.put = spill_put;
		c->store.get = spill_get;
		c->store.ctx = c->spill;
	}
	if (o->profiles) {
		nprof = o->nprofiles;
		err = pd_app_profile_paths(&profiles, s, o->profiles, nprof);
	} else {
		const char **all;

		err = pd_store_profiles(s, &all, &nprof);
		if (!err && !(profiles = calloc(nprof + 1, sizeof(*profiles))))
			err = pd_error_oom();
		if (!err)
			memcpy(profiles, all, nprof * sizeof(*profiles));
	}
	ho.progress = o->progress;
	if (err < 0 ||
	    (err = pd_app_history_new(&h, s, profiles, nprof, &ho)) < 0)
		goto done;
	while ((more = pd_app_history_next(h, &it)) > 0) {
		pd_parallel p = PD_PARALLEL_INIT;

		if (it.err < 0)
			report(o, it.error);
		job_clear(&job);
		job.diffs = calloc(it.n ? it.n : 1, sizeof(*job.diffs));
		job.errors = calloc(it.n ? it.n : 1, sizeof(*job.errors));
		if (!job.diffs || !job.errors) {
			err = pd_error_oom();
			goto done;
		}
		job.revs = it.revs;
		job.n = it.n;
		job.cl = &c->cl;
		job.vocab = &pd_store_config(s)->vocab;
		/* a pipeline: the next profile's revisions are read while
		 * every core diffs this one's and its entries are made */
		p.n = it.n;
		p.chunk = DIFF_RUN;
		p.ctx = &job;
		p.begin = pd_differ_slot_new;
		p.body = diff_run;
		p.end = pd_differ_slot_free;
		pd_app_history_read_ahead(h);
		pd_parallel_run(&p);
		if ((err = add_entries(c, &it, &job, o)) < 0)
			goto done;
	}
	if (more < 0) {
		err = more;
		goto done;
	}
	if (c->n > 1)
		pd_qsort(c->entries, c->n, sizeof(*c->entries), entry_cmp);
	c->cl.entries = c->entries;
	c->cl.n = c->n;
	if (c->spill && fflush(c->spill) != 0)
		err = pd_error_set(PD_EIO, NULL, 0, 0,
				   "cannot write a temporary file: %s",
				   strerror(errno));
done:
	job_clear(&job);
	pd_app_history_free(h);
	free(profiles);
	if (err < 0) {
		pd_app_changelog_free(c);
		return err;
	}
	*out = c;
	return 0;
}

const pd_changelog *pd_app_changelog_get(const pd_app_changelog *c)
{
	return &c->cl;
}

void pd_app_changelog_free(pd_app_changelog *c)
{
	if (!c)
		return;
	if (c->spill)
		fclose(c->spill);
	free(c->entries);
	pd_arena_free(c->strings);
	free(c);
}
