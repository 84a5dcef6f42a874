/*
 * app_files.c: what the operations share of files and settings: a
 * profile read from a path (YAML or a page), the repository's root and
 * configuration, the lint options they give, lists of paths.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "grow.h"
#include "suggest.h"
#include "profdiff/app.h"
#include "profdiff/fileio.h"
#include "profdiff/page_import.h"
#include "profdiff/yaml.h"

bool pd_app_is_page(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".txt") == 0;
}

int pd_app_parse_profile(pd_profile **out, const char *data, size_t len,
			 const char *path, const pd_vocab *vocab)
{
	pd_read_options ropts = PD_READ_OPTIONS_INIT;
	pd_page_options popts = PD_PAGE_OPTIONS_INIT;

	ropts.vocab = vocab;
	popts.vocab = vocab;
	if (pd_app_is_page(path))
		return pd_page_import(out, NULL, data, len, path, &popts);
	return pd_yaml_read(out, data, len, path, &ropts);
}

int pd_app_load_profile(pd_profile **out, const char *path,
			const pd_vocab *vocab)
{
	pd_buf data = PD_BUF_INIT;
	int err;

	*out = NULL;
	err = pd_file_read_inside(&data, path, PD_MAX_PROFILE_SIZE);
	if (!err)
		err = pd_app_parse_profile(out, data.ptr, data.len, path, vocab);
	pd_buf_free(&data);
	return err;
}

int pd_app_load_profile_errors(pd_profile **out, pd_error **errors,
			       size_t *nerrors, const char *path,
			       const pd_vocab *vocab)
{
	pd_read_options ropts = PD_READ_OPTIONS_INIT;
	pd_buf data = PD_BUF_INIT;
	int err;

	*out = NULL;
	*errors = NULL;
	*nerrors = 0;
	ropts.vocab = vocab;
	/* a file that cannot be read (a link out of the repository, too
	 * large) is trouble, not a finding of the profile */
	if ((err = pd_file_read_inside(&data, path, PD_MAX_PROFILE_SIZE)) < 0)
		return err;
	if (pd_app_is_page(path))
		err = pd_app_parse_profile(out, data.ptr, data.len, path,
					   vocab);
	else
		err = pd_yaml_read_errors(out, errors, nerrors, data.ptr,
					  data.len, path, &ropts,
					  PD_YAML_MAX_ERRORS);
	pd_buf_free(&data);
	if (err == PD_EINVALID && !*errors) {
		if (!(*errors = malloc(sizeof(**errors))))
			return pd_error_oom();
		**errors = *pd_error_last();
		*nerrors = 1;
	}
	return err;
}

static bool exists(const char *dir, const char *name)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

void pd_app_find_root(char *out, size_t size)
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

int pd_app_load_config(pd_config **out, const char *root)
{
	char path[4200];
	pd_buf data = PD_BUF_INIT;
	size_t n = strlen(root);
	int err;

	snprintf(path, sizeof(path), "%s%s%s", root,
		 n && root[n - 1] == '/' ? "" : "/", PD_CONFIG_FILE);
	if (!exists(root, PD_CONFIG_FILE))
		return pd_config_new(out);
	err = pd_file_read(&data, path, 1u << 20);
	if (!err)
		err = pd_config_read(out, data.ptr, data.len, path);
	pd_buf_free(&data);
	return err;
}

int pd_app_here_config(pd_config **out)
{
	char root[4096];

	pd_app_find_root(root, sizeof(root));
	return pd_app_load_config(out, root);
}

pd_date pd_app_today(void)
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

void pd_app_config_lint(pd_lint_options *o, const pd_config *cfg)
{
	o->severities = cfg->severities;
	o->nseverities = cfg->nseverities;
	o->uncited = cfg->uncited;
	o->vocab = &cfg->vocab;
	o->today = pd_app_today();
}

/* Where a profile's name lies in its path: its file name without .yaml
 * or .yml; its length in *n. */
static const char *name_in(const char *path, size_t *n)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	*n = strlen(base);
	if (*n > 5 && strcmp(base + *n - 5, ".yaml") == 0)
		*n -= 5;
	else if (*n > 4 && strcmp(base + *n - 4, ".yml") == 0)
		*n -= 4;
	return base;
}

const char *pd_app_profile_name(pd_arena *a, const char *path)
{
	size_t n;
	const char *base = name_in(path, &n);

	return pd_arena_strndup(a, base, n);
}

static int add_path(pd_app_paths *out, const char *path)
{
	char *copy;

	if (PD_GROW(out->v, out->n, out->cap) < 0 || !(copy = strdup(path)))
		return pd_error_oom();
	out->v[out->n++] = copy;
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

int pd_app_expand_paths(pd_app_paths *out, const char *const *paths,
			size_t n)
{
	size_t i;
	int err = 0;

	for (i = 0; i < n; i++) {
		struct dirent **list;
		struct stat st;
		int nl, j;

		if (stat(paths[i], &st) < 0 || !S_ISDIR(st.st_mode)) {
			if (add_path(out, paths[i]) < 0)
				return PD_ENOMEM;
			continue;
		}
		nl = scandir(paths[i], &list, is_yaml_entry, alphasort);
		if (nl < 0) {
			err = pd_error_set(PD_EIO, paths[i], 0, 0,
					   "cannot read directory");
			continue;
		}
		for (j = 0; j < nl; j++) {
			char path[4096];
			size_t len = strlen(paths[i]);
			const char *sep =
				len && paths[i][len - 1] == '/' ? "" : "/";

			snprintf(path, sizeof(path), "%s%s%s", paths[i], sep,
				 list[j]->d_name);
			if (!err && add_path(out, path) < 0)
				err = PD_ENOMEM;
			free(list[j]);
		}
		free(list);
	}
	return err;
}

void pd_app_paths_free(pd_app_paths *paths)
{
	size_t i;

	for (i = 0; i < paths->n; i++)
		free(paths->v[i]);
	free(paths->v);
	memset(paths, 0, sizeof(*paths));
}

/* The name of a profile's path, into out. */
static void name_of(const char *path, char *out, size_t size)
{
	size_t n;
	const char *base = name_in(path, &n);

	snprintf(out, size, "%.*s", (int)n, base);
}

int pd_app_profile_path(pd_store *s, const char *arg, char **out)
{
	const char **all, **names = NULL;
	const pd_revision *revs;
	const char *pick = NULL;
	char want[256];
	size_t n, k, nrevs;
	int err;

	if ((err = pd_store_profile_path(s, arg, out)) < 0 ||
	    (err = pd_store_profiles(s, &all, &n)) < 0)
		return err;
	for (k = 0; k < n; k++)
		if (strcmp(all[k], *out) == 0)
			return 0;
	/* not at HEAD nor in the working tree: a profile with a history
	 * (deleted since) is one all the same */
	if (pd_store_published(s, *out, &revs, &nrevs) == 0 && nrevs)
		return 0;
	pd_error_clear();
	name_of(*out, want, sizeof(want));
	if (n && (names = calloc(n, sizeof(*names))) != NULL) {
		for (k = 0; k < n; k++) {
			char name[256];

			name_of(all[k], name, sizeof(name));
			names[k] = strdup(name);
		}
		for (k = 0; k < n && names[k]; k++)
			;
		if (k == n)
			pick = pd_suggest(want, names, n);
	}
	if (pick)
		err = pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				   "no profile '%s' (did you mean '%s'?)", arg,
				   pick);
	else
		err = pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
				   "no profile '%s' in %s/ (profdiff log lists "
				   "them)",
				   arg, pd_store_config(s)->profiles_dir);
	for (k = 0; names && k < n; k++)
		free((char *)names[k]);
	free(names);
	*out = NULL;
	return err;
}

int pd_app_no_such_date(pd_store *s, const char *path, const char *date)
{
	const pd_revision *revs;
	pd_buf list = PD_BUF_INIT;
	size_t n, k;
	int err;

	if (pd_store_published(s, path, &revs, &n) < 0)
		n = 0;
	pd_error_clear();
	for (k = 0; k < n && k < 12; k++) {
		char d[11];

		if (!revs[k].last_updated.year)
			continue;
		pd_date_format(revs[k].last_updated, d);
		pd_buf_puts(&list, list.len ? ", " : "");
		pd_buf_puts(&list, d);
	}
	if (k < n)
		pd_buf_puts(&list, ", ...");
	if (list.len)
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0,
				   "no published revision of %s (published: "
				   "%s)",
				   date, pd_buf_cstr(&list));
	else
		err = pd_error_set(PD_ENOTFOUND, path, 0, 0,
				   "no published revision of %s (it has no "
				   "dated one)",
				   date);
	pd_buf_free(&list);
	return err;
}

void pd_app_relative(char *path, size_t size)
{
	char cwd[4096], rel[4096] = "";
	size_t i = 0, common = 0, up = 0;

	if (path[0] != '/' || !getcwd(cwd, sizeof(cwd)))
		return;
	/* the directories both start with: `common` bytes of each, ending
	 * where a component ends in both */
	for (;;) {
		bool end_c = cwd[i] == '/' || !cwd[i];
		bool end_p = path[i] == '/' || !path[i];

		if (end_c && end_p)
			common = i;
		if (!cwd[i] || !path[i] || cwd[i] != path[i])
			break;
		i++;
	}
	/* the components of the current directory past them */
	for (i = common; cwd[i]; i++)
		if (cwd[i] == '/' && cwd[i + 1])
			up++;
	while (up--)
		strncat(rel, "../", sizeof(rel) - strlen(rel) - 1);
	strncat(rel, path + common + (path[common] == '/'),
		sizeof(rel) - strlen(rel) - 1);
	if (!rel[0])
		snprintf(rel, sizeof(rel), ".");
	else if (rel[strlen(rel) - 1] == '/')
		rel[strlen(rel) - 1] = '\0';
	snprintf(path, size, "%s", rel);
}

bool pd_app_is_settings(const char *path)
{
	return strcmp(path, PD_CONFIG_FILE) == 0 ||
	       strcmp(path, ".gitattributes") == 0;
}

int pd_app_profile_paths(const char ***out, pd_store *s,
			 const char *const *args, size_t n)
{
	const char **v = calloc(n + 1, sizeof(*v));
	size_t i;
	int err;

	*out = NULL;
	if (!v)
		return pd_error_oom();
	for (i = 0; i < n; i++) {
		char *p;

		if ((err = pd_store_profile_path(s, args[i], &p)) == 0 &&
		    !pd_app_is_settings(p))
			err = pd_app_profile_path(s, args[i], &p);
		if (err < 0) {
			free(v);
			return err;
		}
		v[i] = p;
	}
	*out = v;
	return 0;
}
