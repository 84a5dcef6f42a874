#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "profdiff/fileio.h"
#include "testutil.h"

static char dir[256];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/pd-fileio-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static size_t count_entries(const char *d)
{
	DIR *h = opendir(d);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(h);
	while ((e = readdir(h)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(h);
	return n;
}

START_TEST(write_then_read)
{
	char path[512];
	pd_buf b = PD_BUF_INIT;
	struct stat st;

	snprintf(path, sizeof(path), "%s/new.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "abc\n", 4), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 100), 0);
	ck_assert_str_eq(b.ptr, "abc\n");
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(count_entries(dir), 1); /* no temporary left */
	pd_buf_free(&b);
}
END_TEST

START_TEST(replacing_keeps_the_mode)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/p.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "one", 3), 0);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(pd_file_write_atomic(path, "two", 3), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0640);
	ck_assert_int_eq(st.st_size, 3);
}
END_TEST

START_TEST(a_link_stays_a_link)
{
	char target[512], link[512];
	struct stat st;
	pd_buf b = PD_BUF_INIT;

	snprintf(target, sizeof(target), "%s/target.yaml", dir);
	snprintf(link, sizeof(link), "%s/link.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(target, "old", 3), 0);
	ck_assert_int_eq(symlink("target.yaml", link), 0);
	ck_assert_int_eq(pd_file_write_atomic(link, "new", 3), 0);
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(pd_file_read(&b, target, 100), 0);
	ck_assert_str_eq(b.ptr, "new");
	pd_buf_free(&b);
}
END_TEST

/* In a working tree (a directory holding .git), a link out of it, or to
 * nothing, is refused by writers and by pd_file_read_inside; one inside
 * it is followed; outside any working tree nothing is refused. */
START_TEST(a_link_out_of_the_repository_is_refused)
{
	char p[512], q[512], target[512];
	pd_buf b = PD_BUF_INIT;

	snprintf(p, sizeof(p), "%s/repo", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/repo/.git", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/elsewhere.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(p, "mine", 4), 0);
	snprintf(q, sizeof(q), "%s/repo/out.yaml", dir);
	ck_assert_int_eq(symlink(p, q), 0);
	ck_assert_int_eq(pd_file_outside(q, target, sizeof(target)), 1);
	ck_assert_str_eq(target, p);
	ck_assert_int_eq(pd_file_write_atomic(q, "new", 3), PD_EIO);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "a symbolic link out of the repository"));
	ck_assert_int_eq(pd_file_read_inside(&b, q, 100), PD_EIO);
	ck_assert_int_eq(pd_file_read(&b, p, 100), 0);
	ck_assert_str_eq(b.ptr, "mine"); /* untouched */
	pd_buf_clear(&b);
	/* a link to nothing */
	snprintf(q, sizeof(q), "%s/repo/none.yaml", dir);
	ck_assert_int_eq(symlink("/nonexistent/x.yaml", q), 0);
	ck_assert_int_eq(pd_file_write_atomic(q, "new", 3), PD_EIO);
	/* inside: followed */
	snprintf(p, sizeof(p), "%s/repo/in.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(p, "old", 3), 0);
	snprintf(q, sizeof(q), "%s/repo/link.yaml", dir);
	ck_assert_int_eq(symlink("in.yaml", q), 0);
	ck_assert_int_eq(pd_file_outside(q, target, sizeof(target)), 0);
	ck_assert_int_eq(pd_file_write_atomic(q, "new", 3), 0);
	ck_assert_int_eq(pd_file_read_inside(&b, p, 100), 0);
	ck_assert_str_eq(b.ptr, "new");
	pd_buf_free(&b);
}
END_TEST

/* A path that leaves the repository by "..", written from inside it, is
 * outside it: no repository's rules apply there, and no link is seen. */
START_TEST(a_path_up_and_out_of_the_repository_is_outside_it)
{
	char p[512], cwd[4096], target[512];
	pd_buf b = PD_BUF_INIT;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	snprintf(p, sizeof(p), "%s/repo", dir);
	ck_assert_int_eq(mkdir(p, 0700) == 0 || errno == EEXIST, 1);
	snprintf(p, sizeof(p), "%s/repo/.git", dir);
	ck_assert_int_eq(mkdir(p, 0700) == 0 || errno == EEXIST, 1);
	snprintf(p, sizeof(p), "%s/site", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/repo", dir);
	ck_assert_int_eq(chdir(p), 0);
	ck_assert_int_eq(pd_file_outside("../site/page.html", target,
					 sizeof(target)),
			 0);
	ck_assert_int_eq(pd_file_write_atomic("../site/page.html", "<p>", 3),
			 0);
	ck_assert_int_eq(pd_file_read_inside(&b, "../site/page.html", 100), 0);
	ck_assert_str_eq(b.ptr, "<p>");
	/* up and back in: inside, and written */
	ck_assert_int_eq(pd_file_write_atomic("../repo/in.yaml", "a", 1), 0);
	ck_assert_int_eq(pd_file_outside("../repo/in.yaml", target,
					 sizeof(target)),
			 0);
	/* a link in the repository that leads up and out is still one */
	ck_assert_int_eq(symlink("../site/page.html", "out.html"), 0);
	ck_assert_int_eq(pd_file_outside("out.html", target, sizeof(target)), 1);
	ck_assert_int_eq(pd_file_outside("../repo/out.html", target,
					 sizeof(target)),
			 1);
	ck_assert_int_eq(chdir(cwd), 0);
	pd_buf_free(&b);
}
END_TEST

/* Replacements under way side by side (threads writing pages): an
 * interruption removes the temporary file of every one. */
START_TEST(an_interruption_removes_every_temporary_file)
{
	pd_file_out f[3];
	char p[512];
	size_t i;

	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/page%zu.html", dir, i);
		ck_assert_int_eq(pd_file_begin(&f[i], p), 0);
		ck_assert_int_eq(pd_file_append(&f[i], "<p>", 3), 0);
	}
	ck_assert_uint_eq(count_entries(dir), 3);
	pd_file_interrupted();
	ck_assert_uint_eq(count_entries(dir), 0);
	for (i = 0; i < 3; i++)
		pd_file_abort(&f[i]);
	/* the slots are free again: another replacement is found too */
	snprintf(p, sizeof(p), "%s/again.html", dir);
	ck_assert_int_eq(pd_file_begin(&f[0], p), 0);
	pd_file_interrupted();
	ck_assert_uint_eq(count_entries(dir), 0);
	pd_file_abort(&f[0]);
}
END_TEST

/* The queue: files written on its thread in order, from several threads,
 * through a limit that makes queuers wait; a new file takes the umask, a
 * file there keeps its mode, a link inside stays a link. */
typedef struct queuer {
	pd_file_queue *q;
	const char *sub;
	int err;
} queuer;

static void *queue_many(void *arg)
{
	queuer *w = arg;
	char p[512];
	int i;

	for (i = 0; i < 200 && w->err == 0; i++) {
		pd_buf b = PD_BUF_INIT;

		snprintf(p, sizeof(p), "%s/%s/f%03d.html", dir, w->sub, i);
		pd_buf_printf(&b, "%s %d\n", w->sub, i);
		w->err = pd_file_queue_put(w->q, p, &b);
		ck_assert_ptr_null(b.ptr); /* taken */
	}
	return NULL;
}

START_TEST(a_queue_writes_every_file)
{
	pd_file_queue *q;
	queuer w[2];
	pthread_t t;
	char p[512], l[512];
	pd_buf b = PD_BUF_INIT;
	struct stat st;
	mode_t was = umask(027);
	int i, k;

	snprintf(p, sizeof(p), "%s/a", dir);
	ck_assert_int_eq(mkdir(p, 0777), 0);
	snprintf(p, sizeof(p), "%s/b", dir);
	ck_assert_int_eq(mkdir(p, 0777), 0);
	snprintf(p, sizeof(p), "%s/a/f000.html", dir);
	ck_assert_int_eq(pd_file_write_atomic(p, "old", 3), 0);
	ck_assert_int_eq(chmod(p, 0604), 0);
	/* a link inside: the file it names is replaced */
	snprintf(p, sizeof(p), "%s/b/target", dir);
	ck_assert_int_eq(pd_file_write_atomic(p, "old", 3), 0);
	snprintf(l, sizeof(l), "%s/b/f001.html", dir);
	ck_assert_int_eq(symlink("target", l), 0);
	ck_assert_int_eq(pd_file_queue_new(&q, 64), 0);
	w[0] = (queuer){q, "a", 0};
	w[1] = (queuer){q, "b", 0};
	ck_assert_int_eq(pthread_create(&t, NULL, queue_many, &w[1]), 0);
	queue_many(&w[0]);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(w[0].err, 0);
	ck_assert_int_eq(w[1].err, 0);
	ck_assert_int_eq(pd_file_queue_drain(q), 0);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 200; i++) {
			char want[32];

			snprintf(p, sizeof(p), "%s/%s/f%03d.html", dir,
				 k ? "b" : "a", i);
			snprintf(want, sizeof(want), "%s %d\n", k ? "b" : "a",
				 i);
			pd_buf_clear(&b);
			ck_assert_int_eq(pd_file_read(&b, p, 100), 0);
			ck_assert_str_eq(b.ptr, want);
			ck_assert_int_eq(lstat(p, &st), 0);
			if (k == 1 && i == 1)
				ck_assert(S_ISLNK(st.st_mode));
			else if (k == 0 && i == 0)
				ck_assert_uint_eq(st.st_mode & 0777, 0604);
			else
				ck_assert_uint_eq(st.st_mode & 0777, 0640);
		}
	snprintf(p, sizeof(p), "%s/b/target", dir);
	pd_buf_clear(&b);
	ck_assert_int_eq(pd_file_read(&b, p, 100), 0);
	ck_assert_str_eq(b.ptr, "b 1\n");
	/* nothing else: no temporary file left */
	snprintf(p, sizeof(p), "%s/a", dir);
	ck_assert_uint_eq(count_entries(p), 200);
	snprintf(p, sizeof(p), "%s/b", dir);
	ck_assert_uint_eq(count_entries(p), 201);
	pd_file_queue_free(q);
	pd_buf_free(&b);
	umask(was);
}
END_TEST

/* A failure is told at the drain, and to every queuer after it; what was
 * queued after it is not written, and nothing is left behind. */
START_TEST(a_queue_tells_its_first_failure)
{
	pd_file_queue *q;
	pd_buf b = PD_BUF_INIT;
	char p[512];
	int i;

	ck_assert_int_eq(pd_file_queue_new(&q, 1 << 20), 0);
	snprintf(p, sizeof(p), "%s/missing/p.html", dir);
	pd_buf_puts(&b, "x");
	ck_assert_int_eq(pd_file_queue_put(q, p, &b), 0);
	ck_assert_int_eq(pd_file_queue_drain(q), PD_EIO);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->file, "missing/p.html"));
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "cannot create a temporary file"));
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/later%d.html", dir, i);
		pd_buf_puts(&b, "later");
		ck_assert_int_eq(pd_file_queue_put(q, p, &b), PD_EIO);
		ck_assert_ptr_null(b.ptr); /* freed */
	}
	ck_assert_int_eq(pd_file_queue_drain(q), PD_EIO);
	ck_assert_uint_eq(count_entries(dir), 0);
	/* a directory where a file goes */
	pd_file_queue_free(q);
	ck_assert_int_eq(pd_file_queue_new(&q, 1 << 20), 0);
	snprintf(p, sizeof(p), "%s/adir", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	pd_buf_puts(&b, "x");
	ck_assert_int_eq(pd_file_queue_put(q, p, &b), 0);
	ck_assert_int_eq(pd_file_queue_drain(q), PD_EIO);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "not a regular file"));
	pd_file_queue_free(q);
	ck_assert_uint_eq(count_entries(dir), 1);
}
END_TEST

/* In a working tree, a directory that is a link out of it is not written
 * through by the queue either. */
START_TEST(a_queue_refuses_a_link_out_of_the_repository)
{
	pd_file_queue *q;
	pd_buf b = PD_BUF_INIT;
	char p[512], q2[512];

	snprintf(p, sizeof(p), "%s/repo", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/repo/.git", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/elsewhere", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(q2, sizeof(q2), "%s/repo/site", dir);
	ck_assert_int_eq(symlink(p, q2), 0);
	ck_assert_int_eq(pd_file_queue_new(&q, 1 << 20), 0);
	snprintf(p, sizeof(p), "%s/repo/site/index.html", dir);
	pd_buf_puts(&b, "page");
	ck_assert_int_eq(pd_file_queue_put(q, p, &b), 0);
	ck_assert_int_eq(pd_file_queue_drain(q), PD_EIO);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "a symbolic link out of the repository"));
	pd_file_queue_free(q);
	snprintf(p, sizeof(p), "%s/elsewhere", dir);
	ck_assert_uint_eq(count_entries(p), 0);
}
END_TEST

/* Files each larger than the queue holds go through it one at a time,
 * whole, and no descriptor is left open. */
static size_t open_fds(void)
{
	return count_entries("/proc/self/fd");
}

START_TEST(a_queue_writes_large_files_whole)
{
	pd_file_queue *q;
	size_t fds = open_fds(), size = (size_t)30 << 20;
	pd_buf b = PD_BUF_INIT;
	char p[512];
	struct stat st;
	int i;

	ck_assert_int_eq(pd_file_queue_new(&q, (size_t)8 << 20), 0);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/big%d", dir, i);
		pd_buf_reserve(&b, size);
		memset(b.ptr, 'a' + i, size);
		b.len = size;
		ck_assert_int_eq(pd_file_queue_put(q, p, &b), 0);
	}
	ck_assert_int_eq(pd_file_queue_drain(q), 0);
	pd_file_queue_free(q);
	ck_assert_uint_eq(open_fds(), fds);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s/big%d", dir, i);
		ck_assert_int_eq(stat(p, &st), 0);
		ck_assert_uint_eq((size_t)st.st_size, size);
		ck_assert_int_eq(pd_file_read(&b, p, size), 0);
		ck_assert_int_eq(b.ptr[size - 1], 'a' + i);
		pd_buf_clear(&b);
	}
	pd_buf_free(&b);
	ck_assert_uint_eq(count_entries(dir), 3);
}
END_TEST

/* Once an interruption began, no thread creates another temporary file:
 * one made after the handler looked would outlive the process. In a
 * child, as the stop is for good. */
START_TEST(after_an_interruption_nothing_is_created)
{
	pid_t pid;
	int status;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		pd_file_queue *q;
		pd_buf b = PD_BUF_INIT;
		char p[512];
		int bad = 0;

		pd_file_stop();
		snprintf(p, sizeof(p), "%s/late.yaml", dir);
		bad |= pd_file_write_atomic(p, "x", 1) != PD_EIO;
		if (pd_file_queue_new(&q, 1 << 20) == 0) {
			snprintf(p, sizeof(p), "%s/late.html", dir);
			pd_buf_puts(&b, "x");
			pd_file_queue_put(q, p, &b);
			bad |= pd_file_queue_drain(q) != PD_EIO;
			pd_file_queue_free(q);
		}
		bad |= count_entries(dir) != 0;
		_exit(bad);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
}
END_TEST

START_TEST(a_failed_write_leaves_nothing)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/missing-dir/p.yaml", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "x", 1), PD_EIO);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "cannot create a temporary file"));
	ck_assert_uint_eq(count_entries(dir), 0);
}
END_TEST

START_TEST(read_errors_are_clear)
{
	char path[512];
	pd_buf b = PD_BUF_INIT;

	ck_assert_int_eq(pd_file_read(&b, dir, 100), PD_EIO);
	ck_assert_str_eq(pd_error_last()->message,
			 "is a directory, not a file");
	snprintf(path, sizeof(path), "%s/none.yaml", dir);
	ck_assert_int_eq(pd_file_read(&b, path, 100), PD_EIO);
	ck_assert_str_eq(pd_error_last()->message,
			 "cannot open: No such file or directory");
	ck_assert_int_eq(pd_file_write_atomic(path, "0123456789", 10), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 9), PD_EINVALID);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "over the limit of 9 bytes"));
	pd_buf_free(&b);
	ck_assert_int_eq(pd_file_write_atomic(path, "", 0), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 9), 0);
	ck_assert_ptr_nonnull(b.ptr);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.ptr, ""); /* terminated, though nothing was read */
	pd_buf_free(&b);
}
END_TEST

/* Files of every size are read whole, with their bytes as they are; a
 * file whose size is not known ahead (/proc, a pipe) is read to its end,
 * and a pipe does not keep the non-blocking mode it is opened in. */
START_TEST(reads_whole_files)
{
	static const size_t sizes[] = {1, 255, 256, 4095, 4096, 65535, 65536,
				       65537, 300001};
	char path[512];
	pd_buf b = PD_BUF_INIT;
	char *data = malloc(300001);
	size_t i, k;
	int fds[2], status;
	pid_t pid;

	ck_assert_ptr_nonnull(data);
	for (k = 0; k < 300001; k++)
		data[k] = (char)('a' + k % 23);
	snprintf(path, sizeof(path), "%s/sized", dir);
	for (i = 0; i < sizeof(sizes) / sizeof(*sizes); i++) {
		ck_assert_int_eq(pd_file_write_atomic(path, data, sizes[i]), 0);
		ck_assert_int_eq(pd_file_read(&b, path, 1 << 20), 0);
		ck_assert_uint_eq(b.len, sizes[i]);
		ck_assert(memcmp(b.ptr, data, sizes[i]) == 0);
		ck_assert_int_eq(b.ptr[b.len], '\0');
		pd_buf_free(&b);
	}
	/* /proc files say they are empty */
	ck_assert_int_eq(pd_file_read(&b, "/proc/self/status", 1 << 20), 0);
	ck_assert_uint_gt(b.len, 0);
	ck_assert_ptr_nonnull(strstr(b.ptr, "Name:"));
	pd_buf_free(&b);
	/* a pipe whose writer is slow: 100,000 bytes, after a pause */
	ck_assert_int_eq(pipe(fds), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		usleep(20000); /* the reader is in its first read */
		_exit(write(fds[1], data, 100000) == 100000 ? 0 : 1);
	}
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	ck_assert_int_eq(pd_file_read(&b, path, 1 << 20), 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_uint_eq(b.len, 100000);
	ck_assert(memcmp(b.ptr, data, 100000) == 0);
	pd_buf_free(&b);
	close(fds[0]);
	free(data);
}
END_TEST

/* A file replaced a piece at a time: nothing shows until the commit
 * (flushed or not), the file then holds every piece and keeps its mode;
 * an abort leaves the old file and no temporary one. */
START_TEST(replacing_piece_by_piece)
{
	char path[512];
	pd_buf b = PD_BUF_INIT;
	pd_file_out f;
	struct stat st;

	snprintf(path, sizeof(path), "%s/out.md", dir);
	ck_assert_int_eq(pd_file_write_atomic(path, "old\n", 4), 0);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(pd_file_begin(&f, path), 0);
	ck_assert_int_eq(pd_file_append(&f, "one ", 4), 0);
	ck_assert_int_eq(pd_file_append(&f, "two\n", 4), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 100), 0);
	ck_assert_str_eq(b.ptr, "old\n"); /* not yet */
	pd_buf_free(&b);
	ck_assert_uint_eq(count_entries(dir), 2);
	ck_assert_int_eq(pd_file_commit(&f), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 100), 0);
	ck_assert_str_eq(b.ptr, "one two\n");
	pd_buf_free(&b);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(count_entries(dir), 1);

	ck_assert_int_eq(pd_file_begin(&f, path), 0);
	ck_assert_int_eq(pd_file_append(&f, "lost", 4), 0);
	pd_file_abort(&f);
	pd_file_abort(&f); /* twice is harmless */
	ck_assert_int_eq(pd_file_read(&b, path, 100), 0);
	ck_assert_str_eq(b.ptr, "one two\n");
	pd_buf_free(&b);
	ck_assert_uint_eq(count_entries(dir), 1);
	/* replaced unflushed, the same: every piece, the mode kept */
	ck_assert_int_eq(pd_file_begin(&f, path), 0);
	ck_assert_int_eq(pd_file_append(&f, "three\n", 6), 0);
	ck_assert_uint_eq(count_entries(dir), 2);
	ck_assert_int_eq(pd_file_commit_replace(&f), 0);
	ck_assert_int_eq(pd_file_read(&b, path, 100), 0);
	ck_assert_str_eq(b.ptr, "three\n");
	pd_buf_free(&b);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(count_entries(dir), 1);
	/* a directory in the way: nothing begins */
	ck_assert_int_eq(pd_file_begin(&f, dir), PD_EIO);
	ck_assert_str_eq(pd_error_last()->message, "not a regular file");
	pd_file_abort(&f);
}
END_TEST

/* The boot's id is the kernel's, the same at every call. */
START_TEST(the_boot_is_the_kernels)
{
	char a[37], b[37];
	pd_buf want = PD_BUF_INIT;

	pd_file_boot_id(a);
	pd_file_boot_id(b);
	ck_assert_str_eq(a, b);
	if (pd_file_read(&want, "/proc/sys/kernel/random/boot_id", 64) < 0) {
		ck_assert_str_eq(a, ""); /* not Linux: it says nothing */
		return;
	}
	ck_assert_uint_eq(strlen(a), 36);
	ck_assert_int_eq(memcmp(a, want.ptr, 36), 0);
	ck_assert_int_eq(a[8], '-');
	pd_buf_free(&want);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fileio");
	TCase *tc = tcase_create("fileio");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_then_read);
	tcase_add_test(tc, replacing_keeps_the_mode);
	tcase_add_test(tc, a_link_stays_a_link);
	tcase_add_test(tc, a_link_out_of_the_repository_is_refused);
	tcase_add_test(tc, a_path_up_and_out_of_the_repository_is_outside_it);
	tcase_add_test(tc, an_interruption_removes_every_temporary_file);
	tcase_add_test(tc, a_failed_write_leaves_nothing);
	tcase_add_test(tc, a_queue_writes_every_file);
	tcase_add_test(tc, a_queue_tells_its_first_failure);
	tcase_add_test(tc, a_queue_refuses_a_link_out_of_the_repository);
	tcase_add_test(tc, a_queue_writes_large_files_whole);
	tcase_add_test(tc, the_boot_is_the_kernels);
	tcase_add_test(tc, after_an_interruption_nothing_is_created);
	tcase_add_test(tc, read_errors_are_clear);
	tcase_add_test(tc, reads_whole_files);
	tcase_add_test(tc, replacing_piece_by_piece);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
