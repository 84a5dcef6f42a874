/*
 * fileio.c: whole-file reads and atomic replacement (see fileio.h).
 */
#define _GNU_SOURCE /* syncfs */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdatomic.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profdiff/error.h"
#include "profdiff/fileio.h"

/* Where `path` really is, its links resolved, into `real` (PATH_MAX
 * bytes): for a file not there yet, in its directory's real place. False
 * when that cannot be found (a dangling link, a missing directory). */
static bool real_place(const char *path, char *real)
{
	char dir[PATH_MAX], base[PATH_MAX], r[PATH_MAX];
	struct stat st;

	if (realpath(path, real))
		return true;
	if (errno != ENOENT || lstat(path, &st) == 0 ||
	    strlen(path) >= sizeof(dir))
		return false;
	snprintf(dir, sizeof(dir), "%s", path);
	snprintf(base, sizeof(base), "%s", path);
	if (!realpath(dirname(dir), r))
		return false;
	return snprintf(real, PATH_MAX, "%s/%s", strcmp(r, "/") ? r : "",
			basename(base)) < PATH_MAX;
}

/* `abs` (an absolute path) with what its last ".." leads to resolved:
 * walking up "/repo/../site/page" as written would pass through the
 * repository the path leaves. False when that place cannot be found. */
static bool up_resolved(char *abs)
{
	char head[PATH_MAX * 2], real[PATH_MAX];
	char *p, *last = NULL;
	size_t n;

	for (p = strstr(abs, "/.."); p; p = strstr(p + 1, "/.."))
		if (p[3] == '/' || p[3] == '\0')
			last = p + 3;
	if (!last)
		return true;
	n = (size_t)(last - abs);
	memcpy(head, abs, n);
	head[n] = '\0';
	if (!realpath(head, real))
		return false;
	if (strcmp(real, "/") == 0)
		real[0] = '\0'; /* "/.." itself, or a link to the root */
	n = strlen(real);
	if (n + strlen(last) >= PATH_MAX * 2)
		return false;
	memmove(abs + n, last, strlen(last) + 1);
	memcpy(abs, real, n);
	if (!abs[0])
		strcpy(abs, "/");
	return true;
}

/* The working tree `path` lies in as it is written, its real place into
 * `root` (PATH_MAX bytes): the nearest directory above it that is no
 * link itself and holds a .git. False when there is none. */
static bool tree_of(const char *path, char *root)
{
	char abs[PATH_MAX * 2], git[PATH_MAX * 2 + 8];
	struct stat st;

	if (path[0] == '/')
		snprintf(abs, sizeof(abs), "%s", path);
	else if (!getcwd(git, PATH_MAX) ||
		 snprintf(abs, sizeof(abs), "%s/%s", git, path) >=
			 (int)sizeof(abs))
		return false;
	if (!up_resolved(abs))
		return false;
	for (;;) {
		char *slash = strrchr(abs, '/');
		const char *dir;

		if (!slash)
			return false;
		*slash = '\0';
		dir = *abs ? abs : "/";
		if (lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
		    snprintf(git, sizeof(git), "%s/.git", *abs ? abs : "") <
			    (int)sizeof(git) &&
		    lstat(git, &st) == 0)
			return realpath(dir, root) != NULL;
		if (slash == abs)
			return false;
	}
}

int pd_file_outside(const char *path, char *target, size_t size)
{
	char real[PATH_MAX], root[PATH_MAX];
	size_t n;

	if (size)
		*target = '\0';
	if (!tree_of(path, root))
		return 0;
	if (!real_place(path, real)) {
		struct stat st;

		/* a link to nothing: nowhere in the tree either */
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
			ssize_t k = readlink(path, real, sizeof(real) - 1);

			real[k > 0 ? k : 0] = '\0';
			snprintf(target, size, "%s", real);
			return 1;
		}
		return 0;
	}
	n = strlen(root);
	if (strncmp(real, root, n) == 0 &&
	    (real[n] == '/' || real[n] == '\0' || n == 1))
		return 0;
	snprintf(target, size, "%s", real);
	return 1;
}

int pd_file_read_inside(pd_buf *out, const char *path, size_t max)
{
	char target[PATH_MAX];

	if (pd_file_outside(path, target, sizeof(target)))
		return pd_error_set(PD_EIO, path, 0, 0,
				    "a symbolic link out of the repository "
				    "(to %s): not read",
				    target);
	return pd_file_read(out, path, max);
}

int pd_file_read(pd_buf *out, const char *path, size_t max)
{
	struct stat st;
	int fd, err = 0;
	bool regular;

	/* O_NONBLOCK: opening a FIFO nobody writes to must not hang; reads
	 * block again once the file is open (a pipe's writer may be slow). */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return pd_error_set(PD_EIO, path, 0, 0, "cannot open: %s",
				    strerror(errno));
	if (fstat(fd, &st) < 0 ||
	    (!S_ISREG(st.st_mode) &&
	     fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot stat: %s",
				   strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		err = pd_error_set(PD_EIO, path, 0, 0,
				   "is a directory, not a file");
		goto done;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		err = pd_error_set(PD_EINVALID, path, 1, 1,
				   "the file is %lld bytes, over the limit of "
				   "%zu bytes",
				   (long long)st.st_size, max);
		goto done;
	}
	/* a regular file is read as large as it was found (one read, no
	 * second one for the end); anything else to its end */
	regular = S_ISREG(st.st_mode) && st.st_size > 0;
	for (;;) {
		ssize_t n;

		if (regular && out->len >= (size_t)st.st_size)
			break;
		if (!pd_buf_reserve(out, regular ? (size_t)st.st_size - out->len
						 : 65536)) {
			err = pd_error_oom();
			goto done;
		}
		n = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = pd_error_set(PD_EIO, path, 0, 0,
					   "cannot read: %s", strerror(errno));
			goto done;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
		out->ptr[out->len] = '\0';
		if (out->len > max) {
			err = pd_error_set(PD_EINVALID, path, 1, 1,
					   "the file is over the limit of %zu "
					   "bytes",
					   max);
			goto done;
		}
	}
	if (!out->ptr)
		pd_buf_puts(out, ""); /* an empty file still gets a string */
	else
		out->ptr[out->len] = '\0';
done:
	close(fd);
	return err;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The temporary files of the replacements under way, for a signal
 * handler: one slot a writer, as threads write pages side by side. A
 * slot is taken (`taken`) before its name is made in place by mkstemp,
 * and marked `used` before that: whenever the file exists, its slot
 * holds its whole name, which a handler on any thread can unlink. */
#define PENDING_MAX 16

static struct {
	char path[PATH_MAX + 32];
	volatile sig_atomic_t used;
	atomic_int taken;
} pending[PENDING_MAX];

void pd_file_interrupted(void)
{
	size_t i;

	for (i = 0; i < PENDING_MAX; i++)
		if (pending[i].used)
			unlink(pending[i].path);
}

static void release(pd_file_out *f)
{
	if (f->slot < 0)
		return;
	pending[f->slot].used = 0;
	atomic_store(&pending[f->slot].taken, 0);
	f->slot = -1;
}

/* mkstemp of f->tmp, its name recorded for pd_file_interrupted before a
 * signal can find the file; with every slot taken (more writers than
 * slots), without: the signals are then held until the name is kept. */
static int make_temp(pd_file_out *f)
{
	sigset_t all, old;
	size_t i;
	int fd, free_ = 0;

	f->slot = -1;
	if (strlen(f->tmp) < sizeof(pending[0].path))
		for (i = 0; i < PENDING_MAX && f->slot < 0; i++) {
			free_ = 0;
			if (atomic_compare_exchange_strong(&pending[i].taken,
							   &free_, 1))
				f->slot = (int)i;
		}
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	if (f->slot >= 0) {
		char *name = pending[f->slot].path;

		memcpy(name, f->tmp, strlen(f->tmp) + 1);
		pending[f->slot].used = 1;
		fd = mkstemp(name);
		if (fd >= 0)
			memcpy(f->tmp, name, strlen(name) + 1);
		else
			release(f);
	} else {
		fd = mkstemp(f->tmp);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

int pd_file_begin(pd_file_out *f, const char *path)
{
	char dir[sizeof(f->target)], base[sizeof(f->target)];
	struct stat st;

	f->fd = -1;
	f->slot = -1;
	f->path = path;
	/* a link is followed inside the repository it lies in, never out of
	 * it: a link the repository holds must not make a writer replace a
	 * file elsewhere */
	if (pd_file_outside(path, dir, sizeof(dir)))
		return pd_error_set(PD_EIO, path, 0, 0,
				    "a symbolic link out of the repository "
				    "(to %s): not written through it",
				    dir);
	/* follow a symbolic link to the file it names */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (strlen(path) >= sizeof(f->target) ||
		    !realpath(path, f->target))
			return pd_error_set(PD_EIO, path, 0, 0,
					    "cannot resolve link: %s",
					    strerror(errno));
	} else if (snprintf(f->target, sizeof(f->target), "%s", path) >=
		   (int)sizeof(f->target)) {
		return pd_error_set(PD_EIO, path, 0, 0, "path too long");
	}
	if (stat(f->target, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return pd_error_set(PD_EIO, path, 0, 0,
					    "not a regular file");
		f->mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		f->mode = 0666 & ~mask;
	}
	snprintf(dir, sizeof(dir), "%s", f->target);
	snprintf(base, sizeof(base), "%s", f->target);
	snprintf(f->tmp, sizeof(f->tmp), "%s/.%s.XXXXXX", dirname(dir),
		 basename(base));
	f->fd = make_temp(f);
	if (f->fd < 0)
		return pd_error_set(PD_EIO, path, 0, 0,
				    "cannot create a temporary file: %s",
				    strerror(errno));
	return 0;
}

void pd_file_abort(pd_file_out *f)
{
	if (f->fd < 0)
		return;
	close(f->fd);
	f->fd = -1;
	unlink(f->tmp);
	release(f);
}

int pd_file_append(pd_file_out *f, const char *data, size_t len)
{
	int err;

	if (write_all(f->fd, data, len) == 0)
		return 0;
	err = pd_error_set(PD_EIO, f->path, 0, 0, "cannot write: %s",
			   strerror(errno));
	pd_file_abort(f);
	return err;
}

/* The replacement made: flushed to disk first when `durable`. */
static int commit(pd_file_out *f, bool durable)
{
	char dir[sizeof(f->target)];
	int dfd, err;

	if (fchmod(f->fd, (mode_t)f->mode) < 0 ||
	    (durable && fsync(f->fd) < 0)) {
		err = pd_error_set(PD_EIO, f->path, 0, 0, "cannot write: %s",
				   strerror(errno));
		pd_file_abort(f);
		return err;
	}
	if (close(f->fd) < 0) {
		f->fd = -1;
		err = pd_error_set(PD_EIO, f->path, 0, 0, "cannot write: %s",
				   strerror(errno));
		unlink(f->tmp);
		release(f);
		return err;
	}
	f->fd = -1;
	if (rename(f->tmp, f->target) < 0) {
		err = pd_error_set(PD_EIO, f->path, 0, 0,
				   "cannot replace: %s", strerror(errno));
		unlink(f->tmp);
		release(f);
		return err;
	}
	release(f);
	if (!durable)
		return 0;
	/* make the rename itself durable; a failure here loses nothing */
	snprintf(dir, sizeof(dir), "%s", f->target);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

int pd_file_commit(pd_file_out *f)
{
	return commit(f, true);
}

int pd_file_write_atomic(const char *path, const char *data, size_t len)
{
	pd_file_out f;
	int err;

	if ((err = pd_file_begin(&f, path)) < 0 ||
	    (err = pd_file_append(&f, data, len)) < 0)
		return err;
	return commit(&f, true);
}

int pd_file_write_replace(const char *path, const char *data, size_t len)
{
	pd_file_out f;
	int err;

	if ((err = pd_file_begin(&f, path)) < 0 ||
	    (err = pd_file_append(&f, data, len)) < 0)
		return err;
	return commit(&f, false);
}

int pd_file_sync_fs(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = 0;

	if (fd < 0 || syncfs(fd) < 0)
		err = pd_error_set(PD_EIO, dir, 0, 0, "cannot flush to disk: %s",
				   strerror(errno));
	if (fd >= 0)
		close(fd);
	return err;
}

FILE *pd_temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	FILE *f;
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(path, sizeof(path), "%s/profdiff-XXXXXX", dir) >=
		    sizeof(path) ||
	    (fd = mkstemp(path)) < 0)
		return NULL;
	unlink(path);
	if (!(f = fdopen(fd, "w+")))
		close(fd);
	return f;
}
