/*
 * cmd_lint.c: profdiff lint [PATH...] [--strict] [--format FORMAT]
 *
 * Lints profiles (YAML, or pages imported on the fly) and prints the
 * findings. Without a path: every profile of the repository's profiles
 * directory. Exit status: 1 when any finding is an error, 0 otherwise, 2
 * when a file could not be read or the configuration is broken.
 */
#include <getopt.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/extract.h"
#include "profdiff/render.h"
#include "profdiff/store.h"

static const char usage[] =
	"usage: profdiff lint [PATH...] [--staged] [--strict] [--format "
	"FORMAT]\n\n"
	"Checks profiles: schema, dates, citations to missing footnotes,\n"
	"footnotes never cited, ibid and (n X) cross-references, uncited\n"
	"assertions, treaty statements against the treaties list, laws named\n"
	"but not listed, sources cited twice. PATH is a profile, a page (.txt)\n"
	"or a directory of profiles; without one, the repository's profiles.\n\n"
	"  --staged           lint the profiles staged in the index (the\n"
	"                     content to be committed, not the working tree),\n"
	"                     against their last published revision: a date\n"
	"                     going backwards, or a change in substance\n"
	"                     without a new last_updated, is an error\n"
	"  --strict           also report every uncited sentence (info)\n"
	"  --format FORMAT    text (default), gcc, json, sarif or github\n"
	"  -h, --help         print this help\n\n"
	"Settings come from .profdiff.yaml at the repository root (rule\n"
	"severities, uncited mode, extra treaties); a profile's lint.ignore\n"
	"silences rules for it. Exit status: 1 when there is an error, 0\n"
	"otherwise, 2 when lint could not run.\n";

/* lint --staged: every profile staged with changes, from the index,
 * against its newest published revision, with the hook's severities. */
static int lint_staged(pd_lint_options *lopts, pd_format fmt, const cli *c,
		       bool paths_given)
{
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_rule_severity sev[PD_RULE_COUNT + 1];
	const pd_config *cfg;
	pd_lint_report *reports = NULL;
	pd_store *s = NULL;
	pd_buf out = PD_BUF_INIT;
	const char **paths;
	size_t n, i, k, nrep = 0, n_err;
	int rc = EXIT_OK;

	if (paths_given)
		return cli_bad_usage("lint", "--staged takes no PATH: it lints "
					     "what the index holds");
	if (pd_store_open(&s, ".") < 0 || pd_store_staged(s, &paths, &n) < 0) {
		cli_error_last();
		pd_store_free(s);
		return EXIT_TROUBLE;
	}
	cfg = pd_store_config(s);
	/* in the hook, date-not-bumped is an error unless configured */
	for (k = 0; k < cfg->nseverities && k < PD_RULE_COUNT; k++)
		sev[k] = cfg->severities[k];
	lopts->nseverities = k;
	for (k = 0; k < lopts->nseverities; k++)
		if (sev[k].rule == PD_RULE_DATE_NOT_BUMPED)
			break;
	if (k == lopts->nseverities) {
		sev[k].rule = PD_RULE_DATE_NOT_BUMPED;
		sev[k].severity = PD_SEV_ERROR;
		lopts->nseverities++;
	}
	lopts->severities = sev;
	lopts->uncited = cfg->uncited;
	lopts->vocab = &cfg->vocab;
	lopts->today = cli_today();
	reports = calloc(n + 1, sizeof(*reports));
	for (i = 0; reports && i < n; i++) {
		pd_revision staged;
		const pd_revision *revs;
		size_t nrevs;
		pd_lint_result *r = NULL;
		int err = pd_store_load(s, paths[i], "staged", &staged);

		lopts->previous = NULL;
		if (err == 0 &&
		    pd_store_published(s, paths[i], &revs, &nrevs) == 0 &&
		    nrevs)
			lopts->previous = revs[0].profile;
		if (err == PD_EINVALID)
			err = pd_lint_schema(&r, pd_error_last(), lopts);
		else if (err == 0)
			err = pd_lint(&r, staged.profile, lopts);
		if (err < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			continue;
		}
		/* the hook shows errors; warnings and notes are counted */
		if (r->count[PD_SEV_WARNING] || r->count[PD_SEV_INFO])
			fprintf(stderr,
				"%s: %zu warnings, %zu notes (profdiff lint %s "
				"shows them)\n",
				paths[i], r->count[PD_SEV_WARNING],
				r->count[PD_SEV_INFO], paths[i]);
		for (k = 0, n_err = 0; k < r->nfindings; k++)
			if (r->findings[k].severity == PD_SEV_ERROR)
				r->findings[n_err++] = r->findings[k];
		r->nfindings = n_err;
		r->count[PD_SEV_WARNING] = r->count[PD_SEV_INFO] = 0;
		reports[nrep].path = paths[i];
		reports[nrep++].result = r;
		if (r->count[PD_SEV_ERROR] && rc == EXIT_OK)
			rc = EXIT_FINDINGS;
	}
	ropts.color = fmt == PD_FORMAT_TEXT && cli_use_color(c, stdout);
	if (rc == EXIT_FINDINGS &&
	    pd_render_lint(&out, fmt, reports, nrep, &ropts) == 0 && out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (rc == EXIT_FINDINGS)
		fprintf(stderr, "profdiff: the staged profiles have errors: "
				"commit refused (fix them and stage again)\n");
	for (i = 0; i < nrep; i++)
		pd_lint_result_free((pd_lint_result *)reports[i].result);
	free(reports);
	pd_buf_free(&out);
	pd_store_free(s);
	return rc;
}

/* Files are linted on every core: each worker takes the next file, reads,
 * lints it and renders its findings into its slot, and drops them;
 * whichever worker completes the next file in order writes out what is
 * ready: the output keeps the files' order, and memory holds only the
 * files in progress, not the findings of all, in every format. */
typedef struct lint_slot {
	char *out; /* rendered */
	size_t len;
	size_t count[PD_SEV_ERROR + 1];
	bool findings;
	char *error; /* the message of a file that could not be linted */
	bool done;
} lint_slot;

typedef struct lint_job {
	const cli_paths *paths;
	const pd_vocab *vocab;
	const pd_lint_options *lopts;
	const pd_render_options *ropts;
	pd_format fmt;
	const char *sep;      /* between two files' output */
	bool wrote;           /* a file's output was written */
	lint_slot *slots;
	atomic_size_t next;
	pthread_mutex_t lock; /* the fields below */
	size_t written;       /* slots written out, in order */
	bool writing;         /* a worker is writing them */
	pd_lint_tally tally;
	bool trouble;
} lint_job;

/* Writes out the slots that are done, in order; called under job->lock,
 * which it lets go while it writes. One worker writes at a time: one that
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

		if (!sl->error) {
			job->tally.files++;
			job->tally.files_with_findings += sl->findings;
			for (k = 0; k <= PD_SEV_ERROR; k++)
				job->tally.count[k] += sl->count[k];
		} else {
			job->trouble = true;
		}
		pthread_mutex_unlock(&job->lock);
		if (sl->error) {
			cli_error("%s", sl->error);
			cli_message_free(sl->error);
			sl->error = NULL;
		} else if (sl->len) {
			if (job->wrote)
				fputs(job->sep, stdout);
			fwrite(sl->out, 1, sl->len, stdout);
			job->wrote = true;
		}
		free(sl->out);
		sl->out = NULL;
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
	int err = cli_load_profile_with(&p, path, job->vocab);

	if (err == PD_EINVALID)
		err = pd_lint_schema(&r, pd_error_last(), job->lopts);
	else if (err == 0)
		err = pd_lint(&r, p, job->lopts);
	pd_profile_free(p);
	if (err == 0) {
		pd_lint_report rep = {path, r};

		pd_buf_clear(buf);
		err = pd_render_lint_file(buf, job->fmt, &rep, job->ropts);
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
		sl->error = cli_message_last();
		pd_lint_result_free(r);
	}
}

static void *lint_worker(void *arg)
{
	lint_job *job = arg;
	pd_buf buf = PD_BUF_INIT;
	size_t i;

	while ((i = atomic_fetch_add(&job->next, 1)) < job->paths->n) {
		lint_one(job, i, &buf);
		pthread_mutex_lock(&job->lock);
		job->slots[i].done = true;
		write_ready(job);
		pthread_mutex_unlock(&job->lock);
	}
	pd_buf_free(&buf);
	return NULL;
}

int cmd_lint(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"strict", no_argument, NULL, 's'},
		{"staged", no_argument, NULL, 'S'},
		{"format", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_lint_options lopts = PD_LINT_OPTIONS_INIT;
	pd_render_options ropts = PD_RENDER_OPTIONS_INIT;
	pd_config *config = NULL;
	pd_arena *index_arena = NULL;
	pd_treaty_matcher *matcher = NULL;
	cli_paths paths = {0};
	pd_buf out = PD_BUF_INIT;
	int fmt = PD_FORMAT_TEXT, opt, rc = EXIT_OK;
	char root[4096];
	size_t i;
	bool any_error = false, staged = false;
	lint_job job;

	memset(&job, 0, sizeof(job));
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (opt) {
		case 's':
			lopts.strict = true;
			break;
		case 'S':
			staged = true;
			break;
		case 'f':
			fmt = pd_format_lookup(optarg);
			if (fmt < 0 || fmt > PD_FORMAT_GITHUB)
				return cli_bad_usage(
					"lint", "--format takes text, gcc, json, "
						"sarif or github");
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("lint", argv, optind);
		}
	}
	if (staged)
		return lint_staged(&lopts, (pd_format)fmt, c, optind < argc);
	cli_find_root(root, sizeof(root));
	if (cli_load_config(&config, root) < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	cli_lint_options(&lopts, config);
	/* the treaty names are indexed once for all the files */
	if (!(index_arena = pd_arena_new()) ||
	    pd_treaty_matcher_new(&matcher, index_arena, lopts.vocab) < 0) {
		cli_error("out of memory");
		pd_arena_free(index_arena);
		pd_config_free(config);
		return EXIT_TROUBLE;
	}
	lopts.matcher = matcher;
	if (optind < argc) {
		if (cli_expand_paths(&paths, argc - optind, argv + optind) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
		}
	} else {
		char dir[4200];
		struct stat st;

		snprintf(dir, sizeof(dir), "%s/%s", root,
			 config->profiles_dir);
		if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
			cli_error("no profiles directory '%s' here (give paths, "
				  "or set 'profiles:' in %s)",
				  dir, PD_CONFIG_FILE);
			pd_arena_free(index_arena);
			pd_config_free(config);
			return EXIT_TROUBLE;
		}
		{
			char *one[] = {dir};

			if (cli_expand_paths(&paths, 1, one) < 0) {
				cli_error_last();
				rc = EXIT_TROUBLE;
			}
		}
	}
	ropts.color = fmt == PD_FORMAT_TEXT && cli_use_color(c, stdout);
	job.paths = &paths;
	job.vocab = &config->vocab;
	job.lopts = &lopts;
	job.ropts = &ropts;
	job.fmt = (pd_format)fmt;
	job.sep = pd_render_lint_separator(job.fmt);
	job.slots = calloc(paths.n ? paths.n : 1, sizeof(*job.slots));
	if (!job.slots || pd_render_lint_begin(&out, job.fmt) < 0) {
		cli_error("out of memory");
		rc = EXIT_TROUBLE;
		goto done;
	}
	/* the start of the output, then the files as they are linted */
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	pd_buf_clear(&out);
	atomic_init(&job.next, 0);
	pthread_mutex_init(&job.lock, NULL);
	cli_run_on_cores(lint_worker, &job, paths.n);
	pthread_mutex_destroy(&job.lock);
	if (job.trouble)
		rc = EXIT_TROUBLE;
	any_error = job.tally.count[PD_SEV_ERROR] > 0;
	if (pd_render_lint_end(&out, job.fmt, &job.tally) < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
		goto done;
	}
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	if (rc == EXIT_OK && any_error)
		rc = EXIT_FINDINGS;
done:
	for (i = 0; job.slots && i < paths.n; i++) {
		if (job.slots[i].error)
			cli_message_free(job.slots[i].error);
		free(job.slots[i].out);
	}
	free(job.slots);
	pd_buf_free(&out);
	cli_paths_free(&paths);
	pd_arena_free(index_arena);
	pd_config_free(config);
	return rc;
}
