/*
 * app_hooks.c: the git hooks installed into a repository (app.h): the
 * scripts of hooks/ in the source tree, with the path of the profdiff
 * that installs them.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"

static const char pre_commit[] =
	"#!/bin/sh\n"
	"# profdiff pre-commit hook: lints the staged profiles (the content of "
	"the\n"
	"# index, never the working tree) and refuses the commit on lint "
	"errors, a\n"
	"# last_updated that went backwards or lies in the future, or a change "
	"in\n"
	"# substance without a new last_updated. `git commit --no-verify` skips "
	"it.\n"
	"# Installed by `profdiff hooks install` (or `profdiff init`).\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"exec \"$PROFDIFF\" lint --staged --format gcc\n";

static const char pre_receive[] =
	"#!/bin/sh\n"
	"# profdiff pre-receive hook, for the bare repository a team pushes "
	"to: for\n"
	"# every pushed ref, reviews the pushed range as `profdiff review "
	"OLD..NEW`\n"
	"# does, and rejects the push when it introduces lint errors or a "
	"profile\n"
	"# that no longer parses.\n"
	"# Installed by `profdiff hooks install` in a bare repository.\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"exec \"$PROFDIFF\" hooks pre-receive\n";

int pd_app_hooks_install(pd_store *s, const char *self, bool force,
			 char *installed, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], tv[PATH_MAX + 16];
	const char *name = pd_store_bare(s) ? "pre-receive" : "pre-commit";
	pd_buf text = PD_BUF_INIT, old = PD_BUF_INIT;
	int err = 0;

	pd_store_hooks_dir(s, dir, sizeof(dir));
	mkdir(dir, 0777);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (pd_file_read(&old, path, 1u << 20) == 0 &&
	    !strstr(pd_buf_cstr(&old), "profdiff") && !force) {
		err = pd_error_set(PD_EUSAGE, path, 0, 0,
				   "a %s hook that is not profdiff's is there; "
				   "keep it, or replace it with --force",
				   name);
		goto done;
	}
	pd_error_clear();
	pd_buf_printf(&text, pd_store_bare(s) ? pre_receive : pre_commit, self);
	if ((err = pd_buf_ok(&text)) < 0 ||
	    (err = pd_file_write_atomic(path, text.ptr, text.len)) < 0)
		goto done;
	chmod(path, 0755);
	/* git's diff driver: git diff shows profiles one claim a line */
	snprintf(tv, sizeof(tv), "%s textconv", self);
	err = pd_store_config_set(s, "diff.profdiff.textconv", tv);
	if (!err)
		snprintf(installed, size, "%s", path);
done:
	pd_buf_free(&text);
	pd_buf_free(&old);
	return err;
}
