/*
 * cli.c: helpers shared by the commands.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/page_import.h"
#include "profdiff/yaml.h"

bool cli_use_color(const cli *c, FILE *f)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (c->color_mode == COLOR_ALWAYS)
		return true;
	if (c->color_mode == COLOR_NEVER)
		return false;
	if (no_color && *no_color)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(fileno(f)) == 1;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("profdiff: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_error_last(void)
{
	char msg[2048];

	pd_error_format(pd_error_last(), msg, sizeof(msg));
	cli_error("%s", msg);
}

void cli_workers_start(cli_workers *w, void *(*worker)(void *), void *job,
		       size_t items)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cores > 1 ? (size_t)cores - 1 : 0, k;

	w->n = 0;
	if (n > sizeof(w->tid) / sizeof(w->tid[0]))
		n = sizeof(w->tid) / sizeof(w->tid[0]);
	if (n >= items)
		n = items ? items - 1 : 0;
	for (k = 0; k < n; k++)
		if (pthread_create(&w->tid[w->n], NULL, worker, job) == 0)
			w->n++;
}

void cli_workers_join(cli_workers *w)
{
	size_t k;

	for (k = 0; k < w->n; k++)
		pthread_join(w->tid[k], NULL);
	w->n = 0;
}

void cli_run_on_cores(void *(*worker)(void *), void *job, size_t items)
{
	cli_workers w;

	cli_workers_start(&w, worker, job, items);
	worker(job); /* this thread works too: no thread at all is fine */
	cli_workers_join(&w);
}

static char no_memory[] = "out of memory";

char *cli_message_last(void)
{
	char msg[2048], *copy;

	pd_error_format(pd_error_last(), msg, sizeof(msg));
	copy = strdup(msg);
	return copy ? copy : no_memory;
}

void cli_message_free(char *msg)
{
	if (msg != no_memory)
		free(msg);
}

void cli_warning_last(void)
{
	char msg[2048];

	pd_error_format(pd_error_last(), msg, sizeof(msg));
	fprintf(stderr, "profdiff: warning: %s\n", msg);
}

int cli_bad_usage(const char *cmd, const char *what)
{
	cli_error("%s: %s (see 'profdiff %s --help')", cmd, what, cmd);
	return EXIT_TROUBLE;
}

int cli_bad_option(const char *cmd, char **argv, int index)
{
	char what[256];

	snprintf(what, sizeof(what), "unknown option or missing value: '%s'",
		 argv[index - 1]);
	return cli_bad_usage(cmd, what);
}

bool cli_is_page(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".txt") == 0;
}

int cli_load_profile_with(pd_profile **out, const char *path,
			  const pd_vocab *vocab)
{
	pd_buf data = PD_BUF_INIT;
	int err;

	*out = NULL;
	err = pd_file_read(&data, path, PD_MAX_PROFILE_SIZE);
	if (!err)
		err = cli_parse_profile(out, data.ptr, data.len, path, vocab);
	pd_buf_free(&data);
	return err;
}

int cli_parse_profile(pd_profile **out, const char *data, size_t len,
		      const char *path, const pd_vocab *vocab)
{
	pd_read_options ropts = PD_READ_OPTIONS_INIT;
	pd_page_options popts = PD_PAGE_OPTIONS_INIT;

	ropts.vocab = vocab;
	popts.vocab = vocab;
	if (cli_is_page(path))
		return pd_page_import(out, NULL, data, len, path, &popts);
	return pd_yaml_read(out, data, len, path, &ropts);
}

int cli_load_profile(pd_profile **out, const char *path)
{
	return cli_load_profile_with(out, path, NULL);
}

static bool exists(const char *dir, const char *name)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

void cli_find_root(char *out, size_t size)
{
	char dir[4096];

	if (!getcwd(dir, sizeof(dir))) {
		snprintf(out, size, ".");
		return;
	}
	snprintf(out, size, "%s", dir);
	for (;;) {
		char *slash;

		if (exists(dir, ".git") || exists(dir, PD_CONFIG_FILE)) {
			snprintf(out, size, "%s", dir);
			return;
		}
		slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			return;
		*slash = '\0';
	}
}

int cli_load_config(pd_config **out, const char *root)
{
	char path[4200];
	pd_buf data = PD_BUF_INIT;
	int err;

	snprintf(path, sizeof(path), "%s/%s", root, PD_CONFIG_FILE);
	if (!exists(root, PD_CONFIG_FILE))
		return pd_config_new(out);
	err = pd_file_read(&data, path, 1u << 20);
	if (!err)
		err = pd_config_read(out, data.ptr, data.len, path);
	pd_buf_free(&data);
	return err;
}

pd_date cli_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	pd_date d = {0, 0, 0};

	if (gmtime_r(&now, &tm)) {
		d.year = tm.tm_year + 1900;
		d.month = tm.tm_mon + 1;
		d.day = tm.tm_mday;
	}
	return d;
}

static int add_path(cli_paths *out, const char *path)
{
	char **v = realloc(out->v, (out->n + 1) * sizeof(*v));

	if (!v)
		return pd_error_oom();
	out->v = v;
	v[out->n] = strdup(path);
	if (!v[out->n])
		return pd_error_oom();
	out->n++;
	return 0;
}

static int is_yaml_entry(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	if (d->d_name[0] == '.')
		return 0;
	return (n > 5 && strcmp(d->d_name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(d->d_name + n - 4, ".yml") == 0);
}

int cli_expand_paths(cli_paths *out, int argc, char **argv)
{
	int i, err = 0;

	for (i = 0; i < argc; i++) {
		struct dirent **list;
		struct stat st;
		int n, j;

		if (stat(argv[i], &st) < 0 || !S_ISDIR(st.st_mode)) {
			if (add_path(out, argv[i]) < 0)
				return PD_ENOMEM;
			continue;
		}
		n = scandir(argv[i], &list, is_yaml_entry, alphasort);
		if (n < 0) {
			err = pd_error_set(PD_EIO, argv[i], 0, 0,
					   "cannot read directory");
			continue;
		}
		for (j = 0; j < n; j++) {
			char path[4096];
			size_t len = strlen(argv[i]);
			const char *sep =
				len && argv[i][len - 1] == '/' ? "" : "/";

			snprintf(path, sizeof(path), "%s%s%s", argv[i], sep,
				 list[j]->d_name);
			if (!err && add_path(out, path) < 0)
				err = PD_ENOMEM;
			free(list[j]);
		}
		free(list);
	}
	return err;
}

void cli_paths_free(cli_paths *paths)
{
	size_t i;

	for (i = 0; i < paths->n; i++)
		free(paths->v[i]);
	free(paths->v);
	paths->v = NULL;
	paths->n = 0;
}

const char *cli_profile_name(pd_arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(base + n - 4, ".yml") == 0)
		n -= 4;
	return pd_arena_strndup(a, base, n);
}

void cli_lint_options(pd_lint_options *o, const pd_config *cfg)
{
	o->severities = cfg->severities;
	o->nseverities = cfg->nseverities;
	o->uncited = cfg->uncited;
	o->vocab = &cfg->vocab;
	o->today = cli_today();
}

int cli_write_out(void *ctx, const char *data, size_t len)
{
	if (ctx)
		return pd_file_append(ctx, data, len);
	if (!len || fwrite(data, 1, len, stdout) == len)
		return 0;
	return pd_error_set(PD_EIO, NULL, 0, 0, "cannot write the output: %s",
			    strerror(errno));
}
