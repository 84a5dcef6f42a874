/*
 * fileio.c: whole-file reads and atomic replacement (see fileio.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "profdiff/common.h"
#include "profdiff/fileio.h"

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

/* the temporary file of the replacement under way, for a signal handler */
static char pending[PATH_MAX + 32];
static volatile sig_atomic_t have_pending;

void pd_file_interrupted(void)
{
	if (have_pending)
		unlink(pending);
}

/* mkstemp with the name recorded for pd_file_interrupted before a signal
 * can find the file: the signals are held until both are done. */
static int make_temp(char *tmp)
{
	sigset_t all, old;
	int fd;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	fd = mkstemp(tmp);
	if (fd >= 0) {
		memcpy(pending, tmp, strlen(tmp) + 1);
		have_pending = 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return fd;
}

int pd_file_write_atomic(const char *path, const char *data, size_t len)
{
	char target[PATH_MAX], dir[PATH_MAX], base[PATH_MAX], tmp[PATH_MAX + 32];
	const char *dname;
	struct stat st;
	mode_t mode;
	int fd = -1, dfd, err = 0;

	/* follow a symbolic link to the file it names */
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!realpath(path, target))
			return pd_error_set(PD_EIO, path, 0, 0,
					    "cannot resolve link: %s",
					    strerror(errno));
	} else if (snprintf(target, sizeof(target), "%s", path) >=
		   (int)sizeof(target)) {
		return pd_error_set(PD_EIO, path, 0, 0, "path too long");
	}
	if (stat(target, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			return pd_error_set(PD_EIO, path, 0, 0,
					    "not a regular file");
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	snprintf(dir, sizeof(dir), "%s", target);
	snprintf(base, sizeof(base), "%s", target);
	dname = dirname(dir);
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dname, basename(base));
	fd = make_temp(tmp);
	if (fd < 0)
		return pd_error_set(PD_EIO, path, 0, 0,
				    "cannot create a temporary file: %s",
				    strerror(errno));
	if (write_all(fd, data, len) < 0 || fchmod(fd, mode) < 0 ||
	    fsync(fd) < 0) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				   strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot write: %s",
				   strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, target) < 0) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot replace: %s",
				   strerror(errno));
		goto fail;
	}
	have_pending = 0;
	/* make the rename itself durable; a failure here loses nothing */
	dfd = open(dname, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	have_pending = 0;
	return err;
}
