/*
 * app_complete.c: what the shells' completion asks of the repository
 * (`profdiff __complete`): the names of its profiles, and the published
 * dates of one.
 *
 * Completion runs on every TAB: it says nothing when it cannot answer (no
 * repository, no such profile) and never fails loudly.
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/app.h"
#include "profdiff/store.h"

int pd_app_complete_profiles(pd_buf *out)
{
	pd_store *s = NULL;
	pd_arena *a = pd_arena_new();
	const char **paths;
	size_t n, i;
	int err;

	if (!a)
		return pd_error_oom();
	err = pd_store_open(&s, ".");
	if (!err)
		err = pd_store_profiles(s, &paths, &n);
	for (i = 0; !err && i < n; i++) {
		const char *name = pd_app_profile_name(a, paths[i]);

		if (name)
			pd_buf_printf(out, "%s\n", name);
	}
	pd_store_free(s);
	pd_arena_free(a);
	return err == PD_ENOMEM || pd_buf_ok(out) < 0 ? PD_ENOMEM : 0;
}

int pd_app_complete_dates(pd_buf *out, const char *profile,
			  const char *prefix)
{
	pd_store *s = NULL;
	const pd_revision *revs;
	char *path;
	size_t n, i;
	int err;

	err = pd_store_open(&s, ".");
	if (!err)
		err = pd_store_profile_path(s, profile, &path);
	if (!err)
		err = pd_store_published(s, path, &revs, &n);
	for (i = 0; !err && i < n; i++) {
		char date[11];

		/* an undated revision has no date to name it by */
		if (!revs[i].last_updated.year)
			continue;
		pd_date_format(revs[i].last_updated, date);
		pd_buf_printf(out, "%s%s\tpublished\n", prefix, date);
	}
	pd_store_free(s);
	return err == PD_ENOMEM || pd_buf_ok(out) < 0 ? PD_ENOMEM : 0;
}

static bool is(const char *cmd, const char *name)
{
	return strcmp(cmd, name) == 0;
}

int pd_app_complete_arg(pd_buf *out, const char *cmd, int pos,
			const char *cur, const char *first)
{
	const char *at = strchr(cur, '@');

	if (is(cmd, "diff") && pos > 0) {
		/* FROM and TO: a published date, the index, the file */
		pd_buf_puts(out, "staged\tthe index\nworktree\tthe file\n"
				 "__files\n");
		return pd_app_complete_dates(out, first, "");
	}
	if ((is(cmd, "show") || is(cmd, "blame")) && at) {
		/* PROFILE@DATE */
		char name[256], prefix[258];
		size_t n = (size_t)(at - cur);

		if (n >= sizeof(name))
			return 0;
		memcpy(name, cur, n);
		name[n] = '\0';
		snprintf(prefix, sizeof(prefix), "%s@", name);
		return pd_app_complete_dates(out, name, prefix);
	}
	if (is(cmd, "diff") || is(cmd, "log") || is(cmd, "overview") ||
	    is(cmd, "show") || is(cmd, "blame")) {
		pd_buf_puts(out, "__files\n");
		return pd_app_complete_profiles(out);
	}
	if (is(cmd, "hooks") && pos == 0)
		pd_buf_puts(out, "install\tinstall the git hooks\n"
				 "uninstall\tremove them\n");
	else if (is(cmd, "init"))
		pd_buf_puts(out, "__dirs\n");
	else if (!is(cmd, "schema") && !is(cmd, "review") && !is(cmd, "hooks"))
		pd_buf_puts(out, "__files\n");
	return pd_buf_ok(out) < 0 ? PD_ENOMEM : 0;
}
