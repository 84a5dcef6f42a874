/*
 * app_hooks.c: the git hooks installed into a repository (app.h): the
 * scripts of hooks/ in the source tree, with the path of the profdiff
 * that installs them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profdiff/app.h"
#include "profdiff/fileio.h"

/* The scripts of hooks/ in the source tree; the installed copies name
 * the profdiff that installed them, for when none is on PATH. */
static const char pre_commit[] =
	"#!/bin/sh\n"
	"# profdiff pre-commit hook: checks the staged profiles (the content of the\n"
	"# index, never the working tree) as every gate does, against the\n"
	"# publication branch: it refuses lint errors, a last_updated that went\n"
	"# backwards or lies in the future, a change in substance under a published\n"
	"# date, and a lint.ignore added to silence an error. A new date is a draft,\n"
	"# free until it is pushed. `git commit --no-verify` skips it.\n"
	"# Installed by `profdiff hooks install` (or `profdiff init`); `profdiff\n"
	"# hooks uninstall` removes it. A hook that was here before it runs first,\n"
	"# as pre-commit.local.\n"
	"# profdiff-hook\n"
	"hook=${0%%/*}/pre-commit.local\n"
	"if [ -x \"$hook\" ]; then \"$hook\" \"$@\" || exit; fi\n"
	"# profdiff on PATH, else the one that installed the hook\n"
	"PROFDIFF=${PROFDIFF:-$(command -v profdiff)}\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"if ! command -v \"$PROFDIFF\" >/dev/null; then\n"
	"\techo \"profdiff: the pre-commit hook finds no profdiff on PATH nor at $PROFDIFF: put profdiff on PATH, or run 'profdiff hooks install' again\" >&2\n"
	"\texit 1\n"
	"fi\n"
	"exec \"$PROFDIFF\" lint --staged --format gcc\n";

static const char pre_receive[] =
	"#!/bin/sh\n"
	"# profdiff pre-receive hook, for the bare repository a team pushes to: for\n"
	"# every pushed ref, checks each published revision the push adds and the\n"
	"# range as a whole, with the branch's settings before the push (or the\n"
	"# file git config profdiff.config names), and rejects the push when it\n"
	"# introduces errors or a profile that no longer parses.\n"
	"# Installed by `profdiff hooks install` in a bare repository; `profdiff\n"
	"# hooks uninstall` removes it. A hook that was here before it runs first,\n"
	"# as pre-receive.local, on the same input.\n"
	"# profdiff-hook\n"
	"input=$(cat)\n"
	"hook=${0%%/*}/pre-receive.local\n"
	"if [ -x \"$hook\" ]; then printf '%%s\\n' \"$input\" | \"$hook\" \"$@\" || exit; fi\n"
	"# profdiff on PATH, else the one that installed the hook\n"
	"PROFDIFF=${PROFDIFF:-$(command -v profdiff)}\n"
	"PROFDIFF=${PROFDIFF:-%s}\n"
	"if ! command -v \"$PROFDIFF\" >/dev/null; then\n"
	"\techo \"profdiff: the pre-receive hook finds no profdiff on PATH nor at $PROFDIFF: put profdiff on PATH, or run 'profdiff hooks install' again\" >&2\n"
	"\texit 1\n"
	"fi\n"
	"printf '%%s\\n' \"$input\" | \"$PROFDIFF\" hooks pre-receive\n";

/* Whether the file at `path` is a hook profdiff wrote: its marker line,
 * or the opening lines of the hooks it wrote before it had one. A file
 * that cannot be read whole (a compiled hook) is not. */
static bool ours(const char *path)
{
	pd_buf b = PD_BUF_INIT;
	bool yes = false;

	if (pd_file_read(&b, path, 64u << 10) == 0)
		yes = strstr(b.ptr, "\n# profdiff-hook\n") ||
		      ((strstr(b.ptr, "\n# profdiff pre-commit hook:") ||
			strstr(b.ptr, "\n# profdiff pre-receive hook,")) &&
		       strstr(b.ptr, "Installed by `profdiff hooks install`"));
	pd_buf_free(&b);
	pd_error_clear();
	return yes;
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

/* git's diff driver for profiles: profdiff on PATH when the diff runs,
 * else the one that set it (git runs a textconv command through the
 * shell, the file as its argument). */
static int set_textconv(pd_store *s, const char *self)
{
	pd_buf tv = PD_BUF_INIT;
	int err;

	pd_buf_printf(&tv,
		      "f() { p=$(command -v profdiff) || p='%s'; exec \"$p\" "
		      "textconv \"$@\"; }; f",
		      self);
	if ((err = pd_buf_ok(&tv)) == 0)
		err = pd_store_config_set(s, "diff.profdiff.textconv", tv.ptr);
	pd_buf_free(&tv);
	return err;
}

int pd_app_hooks_install(pd_store *s, const char *self, bool force,
			 char *installed, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], local[PATH_MAX + 48];
	const char *name = pd_store_bare(s) ? "pre-receive" : "pre-commit";
	pd_buf text = PD_BUF_INIT;
	int err = 0;

	if (strchr(self, '\'') || strchr(self, '}'))
		return pd_error_set(PD_EUSAGE, self, 0, 0,
				    "a path a hook cannot name: install "
				    "profdiff elsewhere");
	pd_store_hooks_dir(s, dir, sizeof(dir));
	mkdir(dir, 0777);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(local, sizeof(local), "%s.local", path);
	/* a hook profdiff did not write is kept: it runs first, as
	 * NAME.local; --force replaces it */
	if (exists(path) && !ours(path) && !force) {
		if (exists(local))
			return pd_error_set(PD_EUSAGE, path, 0, 0,
					    "a %s hook that is not profdiff's is "
					    "there, and %s.local too: merge "
					    "them into %s.local, or replace "
					    "the hook with --force",
					    name, name, name);
		if (rename(path, local) < 0)
			return pd_error_set(PD_EIO, path, 0, 0,
					    "cannot keep the hook there as "
					    "%s.local: %s",
					    name, strerror(errno));
	}
	pd_buf_printf(&text, pd_store_bare(s) ? pre_receive : pre_commit, self);
	if ((err = pd_buf_ok(&text)) < 0 ||
	    (err = pd_file_write_atomic(path, text.ptr, text.len)) < 0)
		goto done;
	chmod(path, 0755);
	if ((err = set_textconv(s, self)) == 0)
		snprintf(installed, size, "%s", path);
done:
	pd_buf_free(&text);
	return err;
}

int pd_app_hooks_uninstall(pd_store *s, char *removed, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX + 32], local[PATH_MAX + 48];
	const char *name = pd_store_bare(s) ? "pre-receive" : "pre-commit";

	removed[0] = '\0';
	pd_store_hooks_dir(s, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(local, sizeof(local), "%s.local", path);
	if (exists(path) && !ours(path))
		return pd_error_set(PD_EUSAGE, path, 0, 0,
				    "is not profdiff's hook: left as it is");
	if (exists(path)) {
		if (unlink(path) < 0)
			return pd_error_set(PD_EIO, path, 0, 0,
					    "cannot remove: %s",
					    strerror(errno));
		snprintf(removed, size, "%s", path);
	}
	/* the hook that was there before comes back */
	if (exists(local) && rename(local, path) < 0)
		return pd_error_set(PD_EIO, local, 0, 0,
				    "cannot put back as %s: %s", name,
				    strerror(errno));
	return pd_store_config_unset(s, "diff.profdiff.textconv");
}
