/*
 * fileio.c: whole-file reads and atomic replacement (see fileio.h).
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdatomic.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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
	bool regular, had = out->ptr != NULL;
	size_t start = out->len;

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
	if (err < 0) {
		/* what was read of a file refused goes: `out` is as it was */
		if (!had) {
			pd_buf_free(out);
		} else {
			out->len = start;
			out->ptr[start] = '\0';
		}
	}
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

/* A stop under way (set by pd_file_stop), and the temporary files
 * being created at that moment on any thread: one created after the
 * handler looked at the slots would outlive the process. */
static atomic_int stopping, creating;

/* Before a temporary file is created: false when the process is being
 * stopped (nothing is to be created then). */
static bool create_begin(void)
{
	atomic_fetch_add(&creating, 1);
	if (atomic_load(&stopping)) {
		atomic_fetch_sub(&creating, 1);
		errno = EINTR;
		return false;
	}
	return true;
}

/* After it: `fd`, the file named `name` (relative to `dfd`), or -1 and the
 * file gone when a stop came meanwhile. */
static int create_end(int fd, int dfd, const char *name)
{
	if (fd >= 0 && atomic_load(&stopping)) {
		close(fd);
		unlinkat(dfd, name, 0);
		fd = -1;
		errno = EINTR;
	}
	atomic_fetch_sub(&creating, 1);
	return fd;
}

void pd_file_interrupted(void)
{
	size_t i;

	for (i = 0; i < PENDING_MAX; i++)
		if (pending[i].used)
			unlink(pending[i].path);
}

void pd_file_stop(void)
{
	struct timespec ms = {0, 1000000};
	size_t i;

	/* the creations under way end first, each removing its file once it
	 * sees the stop; not for ever, as one may be this thread's own */
	atomic_store(&stopping, 1);
	for (i = 0; i < 200 && atomic_load(&creating); i++)
		nanosleep(&ms, NULL);
	pd_file_interrupted();
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
		fd = create_begin() ? create_end(mkstemp(name), AT_FDCWD, name)
				    : -1;
		if (fd >= 0)
			memcpy(f->tmp, name, strlen(name) + 1);
		else
			release(f);
	} else {
		fd = create_begin() ? create_end(mkstemp(f->tmp), AT_FDCWD,
						 f->tmp)
				    : -1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

/* The process's umask, read without setting it: umask(2) would change it
 * for a moment for every thread, and a file another made then would get
 * the wrong mode. */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	unsigned m = 022;
	bool found = false;

	if (f) {
		while (!found && fgets(line, sizeof(line), f))
			found = sscanf(line, "Umask: %o", &m) == 1;
		fclose(f);
	}
	if (!found) {
		mode_t was = umask(022);

		umask(was);
		m = was;
	}
	return (mode_t)m & 0777;
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
		f->mode = 0666 & ~current_umask();
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

int pd_file_commit_replace(pd_file_out *f)
{
	return commit(f, false);
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

void pd_file_boot_id(char out[37])
{
	char b[64];
	ssize_t n = 0;
	int fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);

	out[0] = '\0';
	if (fd < 0)
		return;
	n = read(fd, b, sizeof(b));
	close(fd);
	/* a UUID, as the kernel writes it, and nothing else */
	if (n == 37 && b[36] == '\n' && strspn(b, "0123456789abcdef-") == 36) {
		memcpy(out, b, 36);
		out[36] = '\0';
	}
}

/* Files replaced on a thread of their own -------------------------------- */

typedef struct queued {
	struct queued *next;
	pd_buf data;
	char path[];
} queued;

struct pd_file_queue {
	pthread_mutex_t lock;
	pthread_cond_t more; /* to the writer: a file queued, or the end */
	pthread_cond_t room; /* to the queuers: a file written */
	queued *head, **tail;
	size_t bytes, max; /* queued or being written; at most */
	bool busy;         /* the writer holds a file it took */
	bool ending;
	bool threaded;
	int err; /* the first failure, with its record */
	pd_error error;
	pthread_t tid;
	/* the writer's: the directory of the last file, open, its links
	 * checked once for the files in it */
	char *dir;
	int dfd;
	mode_t mode;   /* of a new file: 0666 less the umask */
	uint64_t seed; /* of temporary files' names */
	bool no_tmpfile; /* new files take the temporary file's way too */
};

/* The directory `dir` (`n` bytes of it) open in q->dfd, unless its links
 * lead out of the repository it lies in (PD_EIO, as pd_file_begin). */
static int queue_dir(pd_file_queue *q, const char *dir, size_t n)
{
	char target[PATH_MAX];

	if (q->dir && strlen(q->dir) == n && memcmp(q->dir, dir, n) == 0)
		return 0;
	if (q->dfd >= 0)
		close(q->dfd);
	q->dfd = -1;
	free(q->dir);
	if (!(q->dir = malloc(n + 1)))
		return pd_error_oom();
	memcpy(q->dir, dir, n);
	q->dir[n] = '\0';
	if (pd_file_outside(q->dir, target, sizeof(target))) {
		free(q->dir);
		q->dir = NULL;
		return pd_error_set(PD_EIO, dir, 0, 0,
				    "a symbolic link out of the repository "
				    "(to %s): not written through it",
				    target);
	}
	q->dfd = open(q->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return 0;
}

/* A new file `base` of the queue's directory, written as an unnamed file
 * (O_TMPFILE) and then linked in under its name: it appears whole or not
 * at all, with no temporary name to remove after a crash or a signal, and
 * costs one entry of the directory instead of a temporary one renamed.
 * 0, a negative code, or 1 when it takes the temporary file's way: the
 * file system has no unnamed files, /proc is not there to link one by, or
 * the name was taken meanwhile (it is then replaced as any file is). */
static int queue_new(pd_file_queue *q, const char *path, const char *base,
		     const pd_buf *data)
{
	char proc[64];
	int fd, err, e;

	fd = openat(q->dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0) {
		if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)
			return pd_error_set(PD_EIO, path, 0, 0,
					    "cannot create: %s",
					    strerror(errno));
		q->no_tmpfile = true;
		return 1;
	}
	if (write_all(fd, data->ptr ? data->ptr : "", data->len) < 0) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				   strerror(errno));
		close(fd);
		return err;
	}
	/* nothing is created once the process is being stopped */
	if (atomic_load(&stopping)) {
		close(fd);
		return pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				    strerror(EINTR));
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, q->dfd, base, AT_SYMLINK_FOLLOW) < 0) {
		e = errno;
		close(fd);
		if (e == ENOENT)
			q->no_tmpfile = true; /* no /proc */
		if (e == ENOENT || e == EEXIST)
			return 1;
		return pd_error_set(PD_EIO, path, 0, 0, "cannot create: %s",
				    strerror(e));
	}
	if (close(fd) < 0)
		return pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				    strerror(errno));
	return 0;
}

/* Replaces the file at `path` with `data` as pd_file_write_replace does,
 * relative to its directory kept open: a file of the directory checked
 * before costs a lookup of its own name only. A symbolic link, or a
 * directory that could not be opened, takes pd_file_write_replace's
 * way. */
static int queue_write(pd_file_queue *q, const char *path, const pd_buf *data)
{
	const char *slash = strrchr(path, '/'), *base;
	char tmp[NAME_MAX + 1];
	struct stat st;
	mode_t mode = q->mode;
	int fd = -1, err, k;
	pd_file_out f;

	if (!slash || slash == path || strlen(slash + 1) > NAME_MAX - 9)
		goto slow;
	base = slash + 1;
	if ((err = queue_dir(q, path, (size_t)(slash - path))) < 0)
		return err;
	if (q->dfd < 0)
		goto slow;
	if (fstatat(q->dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISLNK(st.st_mode))
			goto slow;
		if (!S_ISREG(st.st_mode))
			return pd_error_set(PD_EIO, path, 0, 0,
					    "not a regular file");
		mode = st.st_mode & 07777;
	} else if (errno == ENOENT && !q->no_tmpfile) {
		/* a new file: written unnamed, then linked in whole */
		if ((err = queue_new(q, path, base, data)) <= 0)
			return err;
	}
	/* the temporary file's whole name in a slot before it exists, for
	 * pd_file_interrupted */
	f.slot = -1;
	for (k = 0; k < PENDING_MAX && f.slot < 0; k++) {
		int free_ = 0;

		if (atomic_compare_exchange_strong(&pending[k].taken, &free_,
						   1))
			f.slot = k;
	}
	if (f.slot < 0)
		goto slow;
	for (k = 0; k < 100 && fd < 0; k++) {
		q->seed = q->seed * 6364136223846793005u + 1442695040888963407u;
		snprintf(tmp, sizeof(tmp), ".%s.%06x", base,
			 (unsigned)(q->seed >> 40));
		if (snprintf(pending[f.slot].path, sizeof(pending[0].path),
			     "%s/%s", q->dir, tmp) >=
		    (int)sizeof(pending[0].path)) {
			release(&f);
			goto slow;
		}
		pending[f.slot].used = 1;
		if (!create_begin())
			break;
		fd = create_end(openat(q->dfd, tmp,
				       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
					       O_CLOEXEC,
				       0600),
				q->dfd, tmp);
		if (fd < 0)
			pending[f.slot].used = 0;
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		release(&f);
		return pd_error_set(PD_EIO, path, 0, 0,
				    "cannot create a temporary file: %s",
				    strerror(errno));
	}
	if (write_all(fd, data->ptr ? data->ptr : "", data->len) < 0 ||
	    fchmod(fd, mode) < 0) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				   strerror(errno));
		close(fd);
		unlinkat(q->dfd, tmp, 0);
		release(&f);
		return err;
	}
	if (close(fd) < 0 || renameat(q->dfd, tmp, q->dfd, base) < 0) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot replace: %s",
				   strerror(errno));
		unlinkat(q->dfd, tmp, 0);
		release(&f);
		return err;
	}
	release(&f);
	return 0;
slow:
	return pd_file_write_replace(path, data->ptr ? data->ptr : "",
				     data->len);
}

/* Records the first failure, the queue locked. */
static void queue_failed(pd_file_queue *q, int err)
{
	if (q->err < 0)
		return;
	q->err = err;
	q->error = *pd_error_last();
}

/* The failure recorded, again on the calling thread. */
static int queue_error(const pd_file_queue *q)
{
	return pd_error_restore(&q->error);
}

static void *queue_writer(void *arg)
{
	pd_file_queue *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		queued *e;
		size_t len;
		int err = 0;

		while (!q->head && !q->ending)
			pthread_cond_wait(&q->more, &q->lock);
		if (!(e = q->head))
			break;
		if (!(q->head = e->next))
			q->tail = &q->head;
		q->busy = true;
		/* after a failure the rest only goes */
		if (q->err == 0) {
			pthread_mutex_unlock(&q->lock);
			err = queue_write(q, e->path, &e->data);
			pthread_mutex_lock(&q->lock);
			if (err < 0)
				queue_failed(q, err);
		}
		len = e->data.len;
		pd_buf_free(&e->data);
		free(e);
		q->bytes -= len;
		q->busy = false;
		pthread_cond_broadcast(&q->room);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

int pd_file_queue_new(pd_file_queue **out, size_t max)
{
	pd_file_queue *q = calloc(1, sizeof(*q));

	*out = NULL;
	if (!q)
		return pd_error_oom();
	q->tail = &q->head;
	q->max = max;
	q->dfd = -1;
	q->mode = 0666 & ~current_umask();
	q->seed = (uint64_t)getpid() * 0x9e3779b97f4a7c15u ^
		  (uint64_t)(uintptr_t)q;
	if (pthread_mutex_init(&q->lock, NULL) != 0) {
		free(q);
		return pd_error_oom();
	}
	if (pthread_cond_init(&q->more, NULL) != 0) {
		pthread_mutex_destroy(&q->lock);
		free(q);
		return pd_error_oom();
	}
	if (pthread_cond_init(&q->room, NULL) != 0) {
		pthread_cond_destroy(&q->more);
		pthread_mutex_destroy(&q->lock);
		free(q);
		return pd_error_oom();
	}
	q->threaded = pthread_create(&q->tid, NULL, queue_writer, q) == 0;
	*out = q;
	return 0;
}

int pd_file_queue_put(pd_file_queue *q, const char *path, pd_buf *data)
{
	size_t plen = strlen(path);
	queued *e;
	int err;

	if (!q->threaded) {
		/* written here, one queuer at a time (the directory kept
		 * open is the queue's) */
		pthread_mutex_lock(&q->lock);
		err = q->err < 0 ? queue_error(q) : queue_write(q, path, data);
		if (err < 0 && q->err == 0)
			queue_failed(q, err);
		pthread_mutex_unlock(&q->lock);
		pd_buf_free(data);
		return err;
	}
	if (!(e = malloc(sizeof(*e) + plen + 1))) {
		pd_buf_free(data);
		return pd_error_oom();
	}
	memcpy(e->path, path, plen + 1);
	e->data = *data;
	e->next = NULL;
	memset(data, 0, sizeof(*data));
	pthread_mutex_lock(&q->lock);
	while (q->err == 0 && q->bytes && q->bytes + e->data.len > q->max)
		pthread_cond_wait(&q->room, &q->lock);
	if (q->err < 0) {
		err = queue_error(q);
		pthread_mutex_unlock(&q->lock);
		pd_buf_free(&e->data);
		free(e);
		return err;
	}
	*q->tail = e;
	q->tail = &e->next;
	q->bytes += e->data.len;
	pthread_cond_signal(&q->more);
	pthread_mutex_unlock(&q->lock);
	return 0;
}

int pd_file_queue_drain(pd_file_queue *q)
{
	int err;

	pthread_mutex_lock(&q->lock);
	while (q->head || q->busy)
		pthread_cond_wait(&q->room, &q->lock);
	err = q->err < 0 ? queue_error(q) : 0;
	pthread_mutex_unlock(&q->lock);
	return err;
}

void pd_file_queue_free(pd_file_queue *q)
{
	if (!q)
		return;
	if (q->threaded) {
		pthread_mutex_lock(&q->lock);
		q->ending = true;
		pthread_cond_signal(&q->more);
		pthread_mutex_unlock(&q->lock);
		pthread_join(q->tid, NULL);
	}
	pthread_cond_destroy(&q->room);
	pthread_cond_destroy(&q->more);
	pthread_mutex_destroy(&q->lock);
	if (q->dfd >= 0)
		close(q->dfd);
	free(q->dir);
	free(q);
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
