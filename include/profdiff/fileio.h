/*
 * fileio.h: reading whole files and replacing them atomically.
 */
#ifndef PROFDIFF_FILEIO_H
#define PROFDIFF_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "profdiff/buf.h"

/* Reads the whole file at `path` into `out` (appended). A file larger than
 * `max` bytes is not read: PD_EINVALID, "over the limit". A directory, a
 * missing or unreadable file give PD_EIO with the reason. On failure `out`
 * is as it was (freed, if it held nothing). */
int pd_file_read(pd_buf *out, const char *path, size_t max);

/* Whether `path` lies in a git working tree as it is written (a
 * directory above it holds a .git) but its links lead out of that tree,
 * or nowhere: 1, with where they lead in `target` (`size` bytes); else 0.
 * Writers (pd_file_write_atomic, pd_file_begin) refuse such a path, and
 * readers of profiles (pd_file_read_inside). */
int pd_file_outside(const char *path, char *target, size_t size);

/* pd_file_read, for a file of the repository: a symbolic link out of it
 * is not read (PD_EIO, "a symbolic link out of the repository"). */
int pd_file_read_inside(pd_buf *out, const char *path, size_t max);

/* A new temporary file in $TMPDIR (else /tmp), opened for reading and
 * writing and already unlinked, so that it goes with the process however
 * that ends; NULL when none can be made. */
FILE *pd_temp_file(void);

/* Replaces the file at `path` with `len` bytes of `data`, atomically: the
 * bytes go to a temporary file in the same directory, are flushed to disk,
 * and the temporary file is renamed over `path` (a symbolic link is
 * followed, so the link stays a link, but never out of the repository
 * `path` lies in: PD_EIO). The file keeps its permissions; a
 * new file gets 0666 less the umask. On failure `path` is untouched, the
 * temporary file is removed, and PD_EIO is returned. */
int pd_file_write_atomic(const char *path, const char *data, size_t len);

/* The same, the file renamed into place whole but not flushed to disk:
 * for files made from others, which can be made again (a site's pages),
 * whose writer finds out after a crash what did not reach the disk
 * (pd_file_boot_id), where a flush each would cost a disk's round trip
 * per file. */
int pd_file_write_replace(const char *path, const char *data, size_t len);

/* The boot the machine runs, as the kernel names it (a UUID; "" where it
 * does not say). What was written in this boot reads back as written,
 * flushed to disk or not; what was written in another may have been
 * lost with the page cache, unless it was flushed. */
void pd_file_boot_id(char out[37]);

/* Files replaced on a thread of their own, for a writer that makes the
 * next file while the last ones are written (a site's pages): each is
 * replaced as pd_file_write_replace() would, in the order queued, not
 * flushed to disk; a new file is written unnamed (O_TMPFILE) and linked
 * in whole, where the file system and /proc allow it, which spares the
 * directory a temporary entry. At most `max` bytes wait at a time (one
 * file larger than that waits alone); a queuer beyond them waits for the
 * writer.
 * Without a thread (none could be started) each file is written when
 * queued. Any thread may queue. */
typedef struct pd_file_queue pd_file_queue;

/* A new queue in *out: 0, or PD_ENOMEM recorded. */
int pd_file_queue_new(pd_file_queue **out, size_t max);

/* Queues `data` to replace the file at `path`. The queue takes the bytes
 * (`data` is left empty, freed on failure too). 0, or the error of a file
 * written before that failed (recorded on this thread; nothing more is
 * written then), or PD_ENOMEM. */
int pd_file_queue_put(pd_file_queue *q, const char *path, pd_buf *data);

/* Waits until every file queued is written: 0, or the first failure
 * (recorded on this thread). */
int pd_file_queue_drain(pd_file_queue *q);

/* Drains the queue, ends its thread and frees it. */
void pd_file_queue_free(pd_file_queue *q);

/* The same a piece at a time, for output made as it is written:
 * pd_file_begin() opens the temporary file, pd_file_append() adds to it,
 * pd_file_commit() flushes and renames it over `path`, pd_file_abort()
 * removes it and leaves `path` as it was. After a failed begin, append or
 * commit (PD_EIO) nothing is left behind and nothing more is to be done.
 * One replacement is under way at a time. */
typedef struct pd_file_out {
	const char *path; /* as given, for messages */
	int fd;
	unsigned mode;
	char target[4096];
	char tmp[4096 + 32];
	int slot; /* where an interrupted run finds tmp; -1: nowhere */
} pd_file_out;

int pd_file_begin(pd_file_out *f, const char *path);
int pd_file_append(pd_file_out *f, const char *data, size_t len);
int pd_file_commit(pd_file_out *f);
/* pd_file_commit, the file renamed into place but not flushed to disk, as
 * pd_file_write_replace() does. */
int pd_file_commit_replace(pd_file_out *f);
void pd_file_abort(pd_file_out *f);

/* Removes the temporary file of a replacement under way, if any. Safe to
 * call from a signal handler: a command interrupted while writing leaves
 * the file as it was and no temporary file behind. */
void pd_file_interrupted(void);

/* pd_file_interrupted for a handler that ends the process: from now on no
 * thread creates a temporary file, those being created as it is called
 * are waited for (a few milliseconds at most) and removed too. Safe to
 * call from a signal handler; for good. */
void pd_file_stop(void);

#endif
