/*
 * app_lint.c: the lint run over files, and the gates that lint what is
 * about to be committed (app.h).
 *
 * The run lints files on every core: each thread takes the next file,
 * reads, lints and renders it into its slot, and drops its findings;
 * whichever thread completes the next file in order writes out what is
 * ready. The output keeps the files' order, and memory holds only the
 * files in progress, not the findings of all, in every format.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parallel.h"
#include "profdiff/app.h"
#include "profdiff/extract.h"
#include "profdiff/fileio.h"
#include "profdiff/gate.h"
#include "profdiff/review.h"

typedef struct lint_slot {
	char *out; /* rendered */
	size_t len;
	size_t count[PD_SEV_ERROR + 1];
	bool findings;
	bool failed;     /* the file could not be linted: */
	pd_error *error; /* why (NULL: no memory to say it) */
	bool done;
} lint_slot;

typedef struct lint_job {
	const pd_app_paths *paths;
	/* per file, the profile as published when the file differs from it
	 * (NULL: never published, or the same) */
	const pd_profile **published;
	const pd_vocab *vocab;
	const pd_lint_options *lopts;
	const pd_app_lint_options *o;
	const char *sep;      /* between two files' output */
	bool wrote;           /* a file's output was written */
	lint_slot *slots;
	pthread_mutex_t lock; /* the fields below */
	size_t written;       /* slots written out, in order */
	bool writing;         /* a thread is writing them */
	pd_lint_tally tally;
	bool trouble;         /* a file could not be linted */
	int sink_err;         /* the output's first error */
} lint_job;

static void put(lint_job *job, const char *data, size_t len)
{
	if (!job->sink_err && len)
		job->sink_err = job->o->out->write(job->o->out->ctx, data, len);
}

/* Writes out the slots that are done, in order; called under job->lock,
 * which it lets go while it writes. One thread writes at a time: one that
 * finds another writing leaves its slot to it, and the writer looks for
 * more before it stops. */
static void write_ready(lint_job *job)
{
	if (job->writing)
		return;
	job->writing = true;
	while (job->written < job->paths->n && job->slots[job->written].done) {
		lint_slot *sl = &job->slots[job->written++];
		size_t k;

		if (!sl->failed) {
			job->tally.files++;
			job->tally.files_with_findings += sl->findings;
			for (k = 0; k <= PD_SEV_ERROR; k++)
				job->tally.count[k] += sl->count[k];
		} else {
			job->trouble = true;
			job->tally.failed++;
		}
		pthread_mutex_unlock(&job->lock);
		if (sl->failed) {
			static const pd_error oom = {PD_ENOMEM, "", {0, 0},
						     "out of memory"};

			if (job->o->report)
				job->o->report(job->o->ctx,
					       sl->error ? sl->error : &oom);
			free(sl->error);
			sl->error = NULL;
		} else if (sl->len) {
			if (job->wrote)
				put(job, job->sep, strlen(job->sep));
			put(job, sl->out, sl->len);
			job->wrote = true;
		}
		free(sl->out);
		sl->out = NULL;
		if (job->o->progress && job->o->progress->fn)
			job->o->progress->fn(job->o->progress->ctx,
					     job->written, job->paths->n);
		pthread_mutex_lock(&job->lock);
	}
	job->writing = false;
}

static void lint_one(lint_job *job, size_t i, pd_buf *buf)
{
	lint_slot *sl = &job->slots[i];
	const char *path = job->paths->v[i];
	pd_profile *p = NULL;
	pd_lint_result *r = NULL;
	pd_gate_facts facts = PD_GATE_FACTS_INIT;
	pd_error *errs = NULL;
	size_t nerrs = 0;
	int err = pd_app_load_profile_errors(&p, &errs, &nerrs, path,
					     job->vocab);

	/* in a repository, what every gate checks (gate.h) */
	facts.published = job->published ? job->published[i] : NULL;
	if (err == PD_EINVALID)
		err = nerrs ? pd_lint_schema_errors(&r, errs, nerrs, job->lopts)
			    : pd_gate_check(&r, NULL, pd_error_last(), &facts,
					    job->lopts);
	else if (err == 0)
		err = pd_gate_check(&r, p, NULL, &facts, job->lopts);
	free(errs);
	pd_profile_free(p);
	if (err == 0) {
		pd_lint_report rep = {path, r};

		pd_buf_clear(buf);
		err = pd_render_lint_file(buf, job->o->format, &rep,
					  &job->o->render);
		if (err == 0 && buf->len && !(sl->out = malloc(buf->len)))
			err = pd_error_oom();
		if (err == 0) {
			if (buf->len)
				memcpy(sl->out, buf->ptr, buf->len);
			sl->len = buf->len;
			memcpy(sl->count, r->count, sizeof(sl->count));
			sl->findings = r->nfindings > 0;
		}
		pd_lint_result_free(r);
		r = NULL;
	}
	if (err < 0) {
		sl->failed = true;
		if ((sl->error = malloc(sizeof(*sl->error))) != NULL)
			*sl->error = *pd_error_last();
		pd_lint_result_free(r);
	}
}

static void *lint_begin(void *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(pd_buf));
}

static void lint_some(void *ctx, void *state, size_t from, size_t to)
{
	lint_job *job = ctx;
	pd_buf spare = PD_BUF_INIT, *buf = state ? state : &spare;
	size_t i;

	for (i = from; i < to; i++) {
		lint_one(job, i, buf);
		pthread_mutex_lock(&job->lock);
		job->slots[i].done = true;
		write_ready(job);
		pthread_mutex_unlock(&job->lock);
	}
	pd_buf_free(&spare);
}

static void lint_end(void *ctx, void *state)
{
	(void)ctx;
	if (state)
		pd_buf_free(state);
	free(state);
}

/* The files the run lints: the paths given, or the profiles directory. */
static int files_of(pd_app_paths *paths, const pd_app_lint_options *o,
		    const char *root, const pd_config *config, bool *trouble)
{
	if (o->paths) {
		if (pd_app_expand_paths(paths, o->paths, o->npaths) < 0) {
			if (o->report)
				o->report(o->ctx, pd_error_last());
			*trouble = true;
		}
		return 0;
	}
	{
		char dir[4200];
		const char *one[1];
		struct stat st;

		snprintf(dir, sizeof(dir), "%s/%s", root, config->profiles_dir);
		/* the paths printed are those a user would type */
		pd_app_relative(dir, sizeof(dir));
		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
			return pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
					    "no profiles directory '%s' here "
					    "(give paths, or set 'profiles:' "
					    "in %s)",
					    dir, PD_CONFIG_FILE);
		one[0] = dir;
		if (pd_app_expand_paths(paths, one, 1) < 0) {
			if (o->report)
				o->report(o->ctx, pd_error_last());
			*trouble = true;
		}
	}
	return 0;
}

/* The published profile of each file of the repository the run is in
 * that differs from what the publication branch holds (gate.h's facts):
 * read here, before the files are linted on every core, for only this
 * thread reads the store. Outside a repository, or in one without a
 * publication branch, there are none. */
static int published_of(lint_job *job, pd_store **store, const char *root)
{
	const pd_app_paths *paths = job->paths;
	char pub[1024], wd[PATH_MAX], abs[PATH_MAX];
	char **rel = NULL, (*was)[41] = NULL;
	size_t i, wl;
	int err = 0;

	if (pd_store_open(store, root) < 0 || pd_store_bare(*store) ||
	    pd_app_publication(*store, pub, sizeof(pub)) < 0) {
		pd_error_clear();
		return 0;
	}
	if (!pub[0] || !realpath(pd_store_workdir(*store), wd))
		return 0;
	wl = strlen(wd);
	job->published = calloc(paths->n + 1, sizeof(*job->published));
	rel = calloc(paths->n + 1, sizeof(*rel));
	was = calloc(paths->n + 1, sizeof(*was));
	if (!job->published || !rel || !was) {
		err = pd_error_oom();
		goto done;
	}
	/* each file's path in the repository, then the blobs published */
	for (i = 0; i < paths->n; i++)
		if (!pd_app_is_page(paths->v[i]) &&
		    realpath(paths->v[i], abs) && strncmp(abs, wd, wl) == 0 &&
		    abs[wl] == '/' && !(rel[i] = strdup(abs + wl + 1))) {
			err = pd_error_oom();
			goto done;
		}
	if (pd_store_blobs_at(*store, pub, (const char *const *)rel, paths->n,
			      was) < 0) {
		pd_error_clear();
		goto done;
	}
	for (i = 0; i < paths->n; i++) {
		char have[41];

		if (!was[i][0])
			continue; /* never published */
		if (pd_store_worktree_blob(*store, rel[i], have) < 0) {
			pd_error_clear();
			continue;
		}
		if (strcmp(have, was[i]) == 0)
			continue; /* as published: nothing to compare */
		if ((err = pd_app_published_profile(*store, pub, rel[i],
						    &job->published[i])) < 0)
			goto done;
	}
done:
	for (i = 0; rel && i < paths->n; i++)
		free(rel[i]);
	free(rel);
	free(was);
	return err;
}

int pd_app_lint(pd_lint_tally *tally, const pd_app_lint_options *o)
{
	pd_store *store = NULL;
	pd_lint_options lopts = PD_LINT_OPTIONS_INIT;
	pd_parallel p = PD_PARALLEL_INIT;
	pd_config *config = NULL;
	pd_arena *index_arena = NULL;
	pd_treaty_matcher *matcher = NULL;
	pd_app_paths paths = {0};
	pd_buf out = PD_BUF_INIT;
	char root[4096];
	bool trouble = false;
	lint_job job;
	int err;

	memset(&job, 0, sizeof(job));
	memset(tally, 0, sizeof(*tally));
	lopts.strict = o->strict;
	pd_app_find_root(root, sizeof(root));
	if ((err = pd_app_load_config(&config, root)) < 0)
		return err;
	pd_app_config_lint(&lopts, config);
	/* the treaty names are indexed once for all the files */
	if (!(index_arena = pd_arena_new()) ||
	    pd_treaty_matcher_new(&matcher, index_arena, lopts.vocab) < 0) {
		err = pd_error_oom();
		goto done;
	}
	lopts.matcher = matcher;
	if ((err = files_of(&paths, o, root, config, &trouble)) < 0)
		goto done;
	job.paths = &paths;
	if ((err = published_of(&job, &store, root)) < 0)
		goto done;
	job.vocab = &config->vocab;
	job.lopts = &lopts;
	job.o = o;
	job.sep = pd_render_lint_separator(o->format);
	job.slots = calloc(paths.n ? paths.n : 1, sizeof(*job.slots));
	if (!job.slots || pd_render_lint_begin(&out, o->format) < 0) {
		err = pd_error_oom();
		goto done;
	}
	/* the start of the output, then the files as they are linted */
	put(&job, out.ptr, out.len);
	pd_buf_clear(&out);
	pthread_mutex_init(&job.lock, NULL);
	p.n = paths.n;
	p.ctx = &job;
	p.begin = lint_begin;
	p.body = lint_some;
	p.end = lint_end;
	pd_parallel_run(&p);
	pthread_mutex_destroy(&job.lock);
	trouble = trouble || job.trouble;
	*tally = job.tally;
	if ((err = pd_render_lint_end(&out, o->format, &job.tally)) < 0)
		goto done;
	put(&job, out.ptr, out.len);
	err = job.sink_err;
	if (!err && trouble)
		err = 1;
done:
	free(job.slots);
	free(job.published);
	pd_store_free(store);
	pd_buf_free(&out);
	pd_app_paths_free(&paths);
	pd_arena_free(index_arena);
	pd_config_free(config);
	return err;
}

/* The gates --------------------------------------------------------------- */

/* The changes from the publication branch to `head` ("staged" or
 * "worktree"), read once for a gate's files, to find what a profile not
 * published under its name was published as. */
typedef struct renames {
	bool read;
	pd_file_change *ch;
	size_t n;
} renames;

/* The profile at `path` as `pub` holds it (pd_app_published_profile); one
 * `pub` holds under no such name may have been renamed since, as git
 * finds renames (a rename and an edit in one update included): then it
 * is the profile under its old name. */
static int published_as(pd_store *s, const char *pub, const char *path,
			const char *head, renames *rn, const pd_profile **out)
{
	char hex[41];
	size_t i;
	int err;

	if ((err = pd_app_published_profile(s, pub, path, out)) < 0 || *out ||
	    !pub || !pub[0])
		return err;
	if (!rn->read) {
		rn->read = true;
		if (pd_store_commit_id(s, pub, hex) < 0 ||
		    pd_store_changes(s, hex, head, &rn->ch, &rn->n) < 0) {
			pd_error_clear(); /* no rename found, that is all */
			rn->ch = NULL;
			rn->n = 0;
		}
	}
	for (i = 0; i < rn->n; i++)
		if (rn->ch[i].status == PD_FILE_RENAMED &&
		    rn->ch[i].new_path && rn->ch[i].old_path &&
		    strcmp(rn->ch[i].new_path, path) == 0)
			return pd_app_published_profile(s, pub,
							 rn->ch[i].old_path, out);
	return 0;
}

/* The gate's check of profile `p` as an update of `pub`, its published
 * revision (gate.h), into *out: an error the published revision has too
 * (matched as review and the pre-receive hook match findings: by what it
 * is about, a reworded claim's old findings being its own) is not the
 * update's, and leaves the result for *as_published, counted. So a typo
 * fixed in a profile published with errors passes the pre-commit hook and
 * commit as it passes the server. */
static int gate_update(pd_lint_result **out, const pd_profile *p,
		       const pd_gate_facts *facts, const pd_lint_options *o,
		       size_t *as_published)
{
	pd_review_entry e;
	bool *mine = NULL;
	pd_lint_result *r;
	size_t k, kept = 0;
	int err;

	*as_published = 0;
	if ((err = pd_gate_check(out, p, NULL, facts, o)) < 0 ||
	    !facts->published || !(*out)->count[PD_SEV_ERROR])
		return err;
	if (facts->published == p) {
		/* the very blob published (renamed, say): its errors are
		 * all the published revision's */
		r = *out;
		for (k = 0; k < r->nfindings; k++)
			if (r->findings[k].severity != PD_SEV_ERROR)
				r->findings[kept++] = r->findings[k];
		*as_published = r->count[PD_SEV_ERROR];
		r->nfindings = kept;
		r->count[PD_SEV_ERROR] = 0;
		return 0;
	}
	memset(&e, 0, sizeof(e));
	e.status = PD_REVIEW_MODIFIED;
	e.from = facts->published;
	e.to = p;
	e.published = facts->published;
	if ((err = pd_review_check(&e, o, NULL)) < 0 ||
	    !(mine = calloc(e.lint_to->nfindings + 1, sizeof(*mine)))) {
		pd_review_entry_free(&e);
		return err < 0 ? err : pd_error_oom();
	}
	r = e.lint_to;
	for (k = 0; k < e.lint.nintroduced; k++)
		mine[e.lint.introduced[k] - r->findings] = true;
	for (k = 0; k < r->nfindings; k++) {
		if (r->findings[k].severity == PD_SEV_ERROR && !mine[k]) {
			(*as_published)++;
			continue;
		}
		r->findings[kept++] = r->findings[k];
	}
	r->nfindings = kept;
	r->count[PD_SEV_ERROR] -= *as_published;
	e.lint_to = NULL; /* the result is the gate's now */
	pd_review_entry_free(&e);
	free(mine);
	pd_lint_result_free(*out);
	*out = r;
	return 0;
}

/* Keeps file i's result in the gate: its errors listed, its warnings and
 * notes counted; or the error that stopped it. */
static int gate_keep(pd_app_gate *g, const char *path, pd_lint_result *r,
		     int err, size_t as_published)
{
	pd_app_gate_file *f = &g->files[g->n++];
	size_t k, kept = 0;

	f->path = path;
	f->as_published = as_published;
	if (err < 0) {
		pd_lint_result_free(r);
		if (!(f->error = malloc(sizeof(*f->error))))
			return pd_error_oom();
		*f->error = *pd_error_last();
		return 0;
	}
	f->warnings = r->count[PD_SEV_WARNING];
	f->notes = r->count[PD_SEV_INFO];
	for (k = 0; k < r->nfindings; k++)
		if (r->findings[k].severity == PD_SEV_ERROR)
			r->findings[kept++] = r->findings[k];
	r->nfindings = kept;
	r->count[PD_SEV_WARNING] = r->count[PD_SEV_INFO] = 0;
	f->result = r;
	g->errors += r->count[PD_SEV_ERROR];
	return 0;
}

/* The publication branch's short name in g->published, for messages. */
static void name_published(pd_app_gate *g, pd_store *s, const char *pub)
{
	const char *p = pub;

	if (strncmp(p, "refs/heads/", 11) == 0) {
		p += 11;
		g->local = pd_store_on_branch(s, pub);
	}
	else if (strncmp(p, "refs/remotes/", 13) == 0)
		p += 13;
	/* a longer name is cut: it only names the branch in messages */
	if (snprintf(g->published, sizeof(g->published), "%s", p) >=
	    (int)sizeof(g->published))
		g->published[sizeof(g->published) - 1] = '\0';
}

int pd_app_gate_staged(pd_app_gate *out, pd_store *s)
{
	pd_lint_options lopts = PD_LINT_OPTIONS_INIT;
	const pd_config *cfg = pd_store_config(s);
	const char **paths;
	char pub[1024];
	renames rn = {false, NULL, 0};
	size_t n, i;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = pd_store_staged(s, &paths, &n)) < 0 ||
	    (err = pd_app_publication(s, pub, sizeof(pub))) < 0)
		return err;
	name_published(out, s, pub);
	pd_app_config_lint(&lopts, cfg);
	if (!(out->files = calloc(n + 1, sizeof(*out->files))))
		return pd_error_oom();
	for (i = 0; i < n; i++) {
		pd_gate_facts facts = PD_GATE_FACTS_INIT;
		pd_revision staged;
		pd_lint_result *r = NULL;
		size_t as_pub = 0;

		err = pd_store_load(s, paths[i], "staged", &staged);
		if (err == 0)
			err = published_as(s, pub, paths[i], "staged", &rn,
					   &facts.published);
		if (err == PD_EINVALID)
			err = pd_gate_check(&r, NULL, pd_error_last(), &facts,
					    &lopts);
		else if (err == 0)
			err = gate_update(&r, staged.profile, &facts, &lopts,
					  &as_pub);
		if ((err = gate_keep(out, paths[i], r, err, as_pub)) < 0)
			return err;
	}
	return 0;
}

/* A lint result without findings, for a file with nothing to lint. */
static int lint_result_empty(pd_lint_result **out)
{
	pd_arena *a = pd_arena_new();

	*out = a ? pd_arena_alloc(a, sizeof(**out)) : NULL;
	if (!*out) {
		pd_arena_free(a);
		return pd_error_oom();
	}
	(*out)->arena = a; /* the result lives in its arena, as lint's */
	return 0;
}

int pd_app_gate_files(pd_app_gate *out, pd_store *s, const char *const *paths,
		      size_t n)
{
	pd_lint_options o = PD_LINT_OPTIONS_INIT;
	const pd_config *cfg = pd_store_config(s);
	char pub[1024];
	renames rn = {false, NULL, 0};
	size_t i;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = pd_app_publication(s, pub, sizeof(pub))) < 0)
		return err;
	name_published(out, s, pub);
	pd_app_config_lint(&o, cfg);
	if (!(out->files = calloc(n + 1, sizeof(*out->files))))
		return pd_error_oom();
	for (i = 0; i < n; i++) {
		pd_gate_facts facts = PD_GATE_FACTS_INIT;
		char full[4300];
		pd_profile *p = NULL;
		pd_lint_result *r = NULL;

		snprintf(full, sizeof(full), "%s%s", pd_store_workdir(s),
			 paths[i]);
		if (pd_app_is_settings(paths[i])) {
			/* the configuration is read as one; what does not
			 * read is its schema error */
			pd_config *c = NULL;

			err = strcmp(paths[i], PD_CONFIG_FILE) == 0
				      ? pd_app_load_config(&c, pd_store_workdir(s))
				      : 0;
			pd_config_free(c);
			if (err == PD_EINVALID)
				err = pd_lint_schema(&r, pd_error_last(), &o);
			else if (err == 0)
				err = lint_result_empty(&r);
			if ((err = gate_keep(out, paths[i], r, err, 0)) < 0)
				return err;
			continue;
		}
		pd_error *errs = NULL;
		size_t nerrs = 0, as_pub = 0;

		err = pd_app_load_profile_errors(&p, &errs, &nerrs, full,
						 &cfg->vocab);
		if (err == 0)
			err = published_as(s, pub, paths[i], "worktree", &rn,
					   &facts.published);
		/* every schema error of the file, or the one gate check */
		if (err == PD_EINVALID && nerrs)
			err = pd_lint_schema_errors(&r, errs, nerrs, &o);
		else if (err == PD_EINVALID)
			err = pd_gate_check(&r, NULL, pd_error_last(), &facts,
					    &o);
		else if (!err)
			err = gate_update(&r, p, &facts, &o, &as_pub);
		free(errs);
		pd_profile_free(p);
		if ((err = gate_keep(out, paths[i], r, err, as_pub)) < 0)
			return err;
	}
	return 0;
}

void pd_app_gate_free(pd_app_gate *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		pd_lint_result_free(g->files[i].result);
		free(g->files[i].error);
	}
	free(g->files);
	memset(g, 0, sizeof(*g));
}
