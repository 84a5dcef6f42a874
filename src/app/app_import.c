/*
 * app_import.c: published pages read into profiles, and the profiles
 * written committed (app.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

int pd_app_import_page(pd_app_import *out, const char *path,
		       const pd_page_options *opts)
{
	pd_buf in = PD_BUF_INIT;
	int err;

	memset(out, 0, sizeof(*out));
	if ((err = pd_file_read(&in, path, PD_MAX_PROFILE_SIZE)) == 0 &&
	    (err = pd_page_import(&out->profile, &out->report, in.ptr, in.len,
				  path, opts)) == 0)
		err = pd_yaml_write(&out->yaml, out->profile);
	pd_buf_free(&in);
	return err;
}

void pd_app_import_release(pd_app_import *im)
{
	pd_profile_free(im->profile);
	pd_buf_free(&im->yaml);
	memset(im, 0, sizeof(*im));
}

/* The comments of the profile in old[0..len), if it reads as one, given
 * to `p` (copied into its arena): an editor's notes on a profile outlive
 * its re-import. 1 when there were some, 0, or PD_ENOMEM. */
static int keep_comments(pd_profile *p, const char *old, size_t len,
			 const char *path)
{
	pd_profile *o = NULL;
	pd_comment *c;
	size_t i;
	int err = 0;

	if (pd_yaml_read(&o, old, len, path, NULL) < 0) {
		pd_error_clear(); /* not a profile: nothing to keep */
		return 0;
	}
	if (!o->ncomments)
		goto done;
	if (!(c = pd_arena_calloc(p->arena, o->ncomments, sizeof(*c)))) {
		err = PD_ENOMEM;
		goto done;
	}
	for (i = 0; i < o->ncomments; i++) {
		c[i] = o->comments[i];
		c[i].anchor = pd_arena_strdup(p->arena, o->comments[i].anchor);
		c[i].text = pd_arena_strdup(p->arena, o->comments[i].text);
		if (!c[i].anchor || !c[i].text) {
			err = PD_ENOMEM;
			goto done;
		}
	}
	p->comments = c;
	p->ncomments = o->ncomments;
	err = 1;
done:
	pd_profile_free(o);
	return err;
}

int pd_app_import_write(const pd_app_import *im, const char *output,
			bool force, char *written, size_t size)
{
	struct stat st;
	char slug[256];
	pd_buf old = PD_BUF_INIT, yaml = PD_BUF_INIT;
	const pd_buf *out = &im->yaml;
	bool differs;
	int err;

	if (stat(output, &st) == 0 && S_ISDIR(st.st_mode)) {
		pd_country_slug(im->profile->country, slug, sizeof(slug));
		size_t n = strlen(output);

		/* "profiles/" names the directory as "profiles" does */
		snprintf(written, size, "%s%s%s.yaml", output,
			 n && output[n - 1] == '/' ? "" : "/",
			 slug[0] ? slug : "profile");
	} else {
		snprintf(written, size, "%s", output);
	}
	/* a file that is no regular file is the writer's to refuse */
	if (stat(written, &st) == 0 && S_ISREG(st.st_mode)) {
		if (pd_file_read(&old, written, PD_MAX_PROFILE_SIZE) < 0) {
			pd_error_clear();
			differs = true;
		} else {
			/* its comments stay where they were */
			int kept = keep_comments(im->profile, old.ptr, old.len,
						 written);

			if (kept > 0)
				kept = pd_yaml_write(&yaml, im->profile);
			if (kept < 0) {
				pd_buf_free(&old);
				pd_buf_free(&yaml);
				return kept;
			}
			if (yaml.len)
				out = &yaml;
			differs = old.len != out->len ||
				  memcmp(old.ptr, out->ptr, old.len) != 0;
		}
		pd_buf_free(&old);
		if (differs && !force) {
			pd_buf_free(&yaml);
			return pd_error_set(PD_EUSAGE, written, 0, 0,
					    "exists and holds something else "
					    "than this import: not replaced "
					    "(import --force replaces it)");
		}
	}
	err = pd_file_write_atomic(written, out->ptr, out->len);
	pd_buf_free(&yaml);
	return err;
}

int pd_app_profiles_dir(pd_store **store, char *out, size_t size)
{
	int err;

	if ((err = pd_store_open(store, ".")) < 0)
		return err;
	if (!pd_store_workdir(*store))
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "--commit needs a working tree");
	snprintf(out, size, "%s%s", pd_store_workdir(*store),
		 pd_store_config(*store)->profiles_dir);
	mkdir(out, 0777);
	return 0;
}

int pd_app_commit_files(pd_store **store, const char *const *files, size_t n,
			const pd_commit_options *opts, char out_hex[41])
{
	const char **paths;
	int err;

	if (!*store && (err = pd_store_open(store, ".")) < 0)
		return err;
	if ((err = pd_app_profile_paths(&paths, *store, files, n)) < 0)
		return err;
	err = pd_store_commit(*store, paths, n, opts, out_hex);
	free(paths);
	return err;
}

int pd_app_init_commit(pd_store *s, char out_hex[41])
{
	/* the settings, and the editors' schema with VS Code's mapping to
	 * it (pd_app_editor_setup) */
	static const char *const settings[] = {
		PD_CONFIG_FILE, ".gitattributes", PD_APP_SCHEMA_FILE,
		".vscode/settings.json"};
	pd_commit_options co = PD_COMMIT_OPTIONS_INIT;
	const char *paths[sizeof(settings) / sizeof(settings[0])];
	char hex[41], full[4300];
	size_t i, n = 0;
	int err;

	out_hex[0] = '\0';
	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		snprintf(full, sizeof(full), "%s%s", pd_store_workdir(s),
			 settings[i]);
		if (access(full, F_OK) < 0)
			continue;
		err = pd_store_blob_at(s, "HEAD", settings[i], hex);
		if (err == 0)
			continue; /* committed already */
		if (err != PD_ENOTFOUND)
			return err;
		pd_error_clear();
		paths[n++] = settings[i];
	}
	if (!n)
		return 0;
	co.message = "profdiff init: the repository's settings";
	return pd_store_commit(s, paths, n, &co, out_hex);
}
