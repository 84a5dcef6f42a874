/*
 * store_commit.c: commits and new repositories.
 *
 * A new tree is built from the branch tip's tree plus the given files
 * (git_tree_create_updated), a commit on the tip, and the branch is moved
 * with git_reference_create_matching, a compare-and-swap on the tip the
 * commit was built from. A writer that lost the race rebuilds on the new
 * tip and tries again; nobody's commit is lost, and the working tree is
 * only read.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"

#include "odb_guard.h"
#include "store_internal.h"

/* Commits ---------------------------------------------------------------------- */

/* A date as git takes it in GIT_AUTHOR_DATE and GIT_COMMITTER_DATE: its
 * own form ("@1767225600 +0100", "1767225600 +0100"), ISO 8601
 * ("2026-02-10T10:00:00Z", "2026-02-10 10:00:00 +01:00") or RFC 2822
 * ("Tue, 10 Feb 2026 10:00:00 +0000"). *when in seconds since the epoch,
 * *offset in minutes east of UTC. */
static bool git_date(const char *s, git_time_t *when, int *offset)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr",
					     "May", "Jun", "Jul", "Aug",
					     "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	long long secs;
	char mon[4] = "", sign = 0;
	int y, mo = 0, d, h, mi, sec = 0, tzh = 0, tzm = 0, n = 0, k;
	const char *z;

	memset(&tm, 0, sizeof(tm));
	*offset = 0;
	while (*s == ' ')
		s++;
	/* git's own: seconds, then the zone */
	if ((*s == '@' && sscanf(s + 1, "%lld%n", &secs, &n) == 1) ||
	    (sscanf(s, "%lld%n", &secs, &n) == 1 && s[n] == ' ' &&
	     (s[n + 1] == '+' || s[n + 1] == '-'))) {
		z = s + (*s == '@') + n;
		while (*z == ' ')
			z++;
		if (*z && sscanf(z, "%c%2d%2d", &sign, &tzh, &tzm) == 3)
			*offset = (sign == '-' ? -1 : 1) * (tzh * 60 + tzm);
		*when = (git_time_t)secs;
		return true;
	}
	if (sscanf(s, "%4d-%2d-%2d%*[T ]%2d:%2d%n", &y, &mo, &d, &h, &mi,
		   &n) == 5) {
		z = s + n;
		if (*z == ':' && sscanf(z + 1, "%2d%n", &sec, &k) == 1)
			z += 1 + k;
		while (*z == '.' || (*z >= '0' && *z <= '9'))
			z++; /* a fraction of a second */
	} else {
		/* RFC 2822, the day's name optional */
		const char *c = strchr(s, ',');

		if (c)
			s = c + 1;
		if (sscanf(s, "%d %3s %d %d:%d%n", &d, mon, &y, &h, &mi, &n) !=
		    5)
			return false;
		z = s + n;
		if (*z == ':' && sscanf(z + 1, "%2d%n", &sec, &k) == 1)
			z += 1 + k;
		for (k = 0; k < 12 && strcmp(months[k], mon) != 0; k++)
			;
		if (k == 12)
			return false;
		mo = k + 1;
	}
	while (*z == ' ')
		z++;
	if (*z == 'Z' || !*z) {
		*offset = 0;
	} else if ((*z == '+' || *z == '-') &&
		   (sscanf(z + 1, "%2d:%2d", &tzh, &tzm) == 2 ||
		    sscanf(z + 1, "%2d%2d", &tzh, &tzm) == 2)) {
		*offset = (*z == '-' ? -1 : 1) * (tzh * 60 + tzm);
	} else {
		return false;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*when = (git_time_t)timegm(&tm) - (git_time_t)*offset * 60;
	return true;
}

/* The signature of `who` ("AUTHOR" or "COMMITTER") as git makes it: the
 * name and e-mail of GIT_<WHO>_NAME and GIT_<WHO>_EMAIL, else of
 * `name_email` ("Name <email>", --author), else of the configuration;
 * the date of GIT_<WHO>_DATE, else now. */
static int signature(pd_store *s, const char *who, const char *name_email,
		     git_signature **out)
{
	char var[32], name[256] = "", email[256] = "";
	const char *env, *date;
	git_signature *def = NULL;
	time_t now = time(NULL);
	git_time_t when = (git_time_t)now;
	struct tm local;
	int offset = 0, err;

	if (localtime_r(&now, &local))
		offset = (int)(local.tm_gmtoff / 60);
	if (name_email) {
		const char *lt = strchr(name_email, '<');
		const char *gt = strrchr(name_email, '>');
		size_t nl;

		if (!lt || !gt || gt < lt)
			return pd_error_set(PD_EUSAGE, NULL, 0, 0,
					    "--author takes \"Name <email>\", "
					    "not '%s'",
					    name_email);
		nl = (size_t)(lt - name_email);
		while (nl && name_email[nl - 1] == ' ')
			nl--;
		snprintf(name, sizeof(name), "%.*s", (int)nl, name_email);
		snprintf(email, sizeof(email), "%.*s", (int)(gt - lt - 1),
			 lt + 1);
	}
	snprintf(var, sizeof(var), "GIT_%s_NAME", who);
	if ((env = getenv(var)) != NULL)
		snprintf(name, sizeof(name), "%s", env);
	snprintf(var, sizeof(var), "GIT_%s_EMAIL", who);
	if ((env = getenv(var)) != NULL)
		snprintf(email, sizeof(email), "%s", env);
	if ((!name[0] || !email[0])) {
		if (git_signature_default(&def, s->repo) < 0) {
			git_error_clear();
			return pd_error_set(PD_EUSAGE, NULL, 0, 0,
					    "no author: set git's user.name and "
					    "user.email, or give --author "
					    "\"Name <email>\"");
		}
		if (!name[0])
			snprintf(name, sizeof(name), "%s", def->name);
		if (!email[0])
			snprintf(email, sizeof(email), "%s", def->email);
		when = def->when.time;
		offset = def->when.offset;
		git_signature_free(def);
	}
	snprintf(var, sizeof(var), "GIT_%s_DATE", who);
	if ((date = getenv(var)) != NULL && *date &&
	    !git_date(date, &when, &offset))
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "%s is not a date git reads: '%s'", var,
				    date);
	err = git_signature_new(out, name, email, when, offset);
	return err < 0 ? pd_git_fail("bad author") : 0;
}

/* The branch HEAD names ("refs/heads/main"), born or not. */
static int head_branch(pd_store *s, char *out, size_t size)
{
	git_reference *head = NULL;

	if (git_reference_lookup(&head, s->repo, "HEAD") < 0)
		return pd_git_fail("cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "HEAD is detached: check out a branch to "
				    "commit");
	}
	snprintf(out, size, "%s", git_reference_symbolic_target(head));
	git_reference_free(head);
	return 0;
}

static void backoff(unsigned attempt)
{
	struct timespec ts = {0, (long)(1 + (unsigned)rand() % 8 +
					 attempt * 2) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Updates the index for the committed paths; the commit has landed, so a
 * locked index is retried a while, then left as it was: 1 then, with the
 * reason recorded. */
static int update_index(pd_store *s, const git_tree_update *u, size_t n,
			 const pd_buf *data)
{
	unsigned attempt;
	size_t i;
	char lock[PATH_MAX + 32];
	int lfd, err = 0;

	/* read, add and write under one lock, so that concurrent profdiff
	 * writers do not lose each other's entries */
	snprintf(lock, sizeof(lock), "%sprofdiff-index.lock",
		 git_repository_path(s->repo));
	lfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (lfd >= 0)
		flock(lfd, LOCK_EX);
	for (attempt = 0; attempt < 20; attempt++) {
		git_index *index = NULL;

		err = git_repository_index(&index, s->repo);

		if (!err)
			err = git_index_read(index, 1);
		for (i = 0; i < n && !err; i++) {
			git_index_entry e;

			memset(&e, 0, sizeof(e));
			e.mode = u[i].filemode;
			e.path = u[i].path;
			err = git_index_add_from_buffer(index, &e, data[i].ptr,
							data[i].len);
		}
		if (!err)
			err = git_index_write(index);
		git_index_free(index);
		if (!err)
			break;
		if (err != GIT_ELOCKED)
			break;
		git_error_clear();
		backoff(attempt);
	}
	if (lfd >= 0)
		close(lfd); /* and the lock with it */
	if (!err)
		return 0;
	if (err == GIT_ELOCKED)
		pd_error_set(PD_ECONFLICT, NULL, 0, 0,
			     "the commit landed, but the index is locked (%s"
			     "index.lock: another git is running, or it is "
			     "stale) and still has the files as before; once "
			     "the lock is gone, 'git reset -q -- FILE...' "
			     "brings it up to date",
			     git_repository_path(s->repo));
	else
		pd_git_fail("the commit landed, but the index could not be "
			    "updated");
	return 1;
}

int pd_store_commit(pd_store *s, const char **paths, size_t n,
		    const pd_commit_options *opts, char out_hex[41])
{
	git_signature *sig = NULL, *committer = NULL;
	git_tree_update *u = NULL;
	pd_buf *data = NULL;
	char branch[512], msg[8192];
	unsigned attempt, retries = opts->retries ? opts->retries : 64;
	unsigned locked = 0; /* a lock is held briefly; a stale one forever */
	size_t i;
	int err = 0;

	if (!s->workdir)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a bare repository has no files to commit");
	if (!opts->message || !*opts->message)
		return pd_error_set(PD_EUSAGE, NULL, 0, 0,
				    "a commit needs a message (-m)");
	snprintf(msg, sizeof(msg), "%s%s", opts->message,
		 opts->message[strlen(opts->message) - 1] == '\n' ? "" : "\n");
	/* as git commit makes them: GIT_AUTHOR_* and GIT_COMMITTER_* first */
	if ((err = signature(s, "AUTHOR", opts->author, &sig)) < 0)
		return err;
	if ((err = signature(s, "COMMITTER", NULL, &committer)) < 0) {
		git_signature_free(sig);
	git_signature_free(committer);
		return err;
	}
	u = calloc(n ? n : 1, sizeof(*u));
	data = calloc(n ? n : 1, sizeof(*data));
	if (!u || !data) {
		err = pd_error_oom();
		goto done;
	}
	srand((unsigned)getpid() ^ (unsigned)time(NULL));
	/* the blobs, from the working tree, read once */
	for (i = 0; i < n; i++) {
		char full[PATH_MAX + 64];
		struct stat st;

		snprintf(full, sizeof(full), "%s%s", s->workdir, paths[i]);
		if ((err = pd_file_read_inside(&data[i], full,
					       PD_MAX_PROFILE_SIZE)) < 0)
			goto done;
		if (git_blob_create_from_buffer(&u[i].id, s->repo, data[i].ptr,
						data[i].len) < 0) {
			err = pd_git_fail("cannot write a blob");
			goto done;
		}
		u[i].action = GIT_TREE_UPDATE_UPSERT;
		u[i].filemode = stat(full, &st) == 0 && (st.st_mode & 0100)
					? GIT_FILEMODE_BLOB_EXECUTABLE
					: GIT_FILEMODE_BLOB;
		u[i].path = paths[i];
	}
	for (attempt = 0;; attempt++) {
		git_oid tip, tree_id, commit_id;
		git_commit *parent = NULL;
		git_tree *base = NULL, *tree = NULL;
		git_reference *ref = NULL;
		bool born;

		if ((err = head_branch(s, branch, sizeof(branch))) < 0)
			break;
		born = git_reference_name_to_id(&tip, s->repo, branch) == 0;
		git_error_clear();
		if (born && (git_commit_lookup(&parent, s->repo, &tip) < 0 ||
			     git_commit_tree(&base, parent) < 0)) {
			err = pd_git_fail("cannot read the branch tip");
			git_commit_free(parent);
			break;
		}
		if (!born) {
			git_treebuilder *tb = NULL;
			git_oid empty;

			if (git_treebuilder_new(&tb, s->repo, NULL) < 0 ||
			    git_treebuilder_write(&empty, tb) < 0 ||
			    git_tree_lookup(&base, s->repo, &empty) < 0) {
				git_treebuilder_free(tb);
				err = pd_git_fail("cannot make a tree");
				break;
			}
			git_treebuilder_free(tb);
		}
		if (git_tree_create_updated(&tree_id, s->repo, base, n, u) < 0) {
			err = pd_git_fail("cannot make the tree");
			git_tree_free(base);
			git_commit_free(parent);
			break;
		}
		if (born && git_oid_equal(&tree_id, git_tree_id(base))) {
			git_tree_free(base);
			git_commit_free(parent);
			err = pd_error_set(PD_ENOTFOUND, NULL, 0, 0,
					   "nothing to commit: the files are "
					   "as the branch has them");
			break;
		}
		if (git_tree_lookup(&tree, s->repo, &tree_id) < 0 ||
		    git_commit_create(&commit_id, s->repo, NULL, sig, committer, NULL,
				      msg, tree, born ? 1 : 0,
				      (const git_commit **)&parent) < 0) {
			err = pd_git_fail("cannot make the commit");
			git_tree_free(tree);
			git_tree_free(base);
			git_commit_free(parent);
			break;
		}
		git_tree_free(tree);
		git_tree_free(base);
		git_commit_free(parent);
		/* the compare-and-swap */
		if (born)
			err = git_reference_create_matching(
				&ref, s->repo, branch, &commit_id, 1, &tip,
				"profdiff commit");
		else
			err = git_reference_create(&ref, s->repo, branch,
						   &commit_id, 0,
						   "profdiff commit (initial)");
		git_reference_free(ref);
		if (err == 0) {
			git_oid_tostr(out_hex, 41, &commit_id);
			err = update_index(s, u, n, data);
			break;
		}
		if (err != GIT_EMODIFIED && err != GIT_EEXISTS &&
		    err != GIT_ELOCKED) {
			err = pd_git_fail("cannot move the branch");
			break;
		}
		git_error_clear();
		if (err == GIT_ELOCKED && ++locked >= 16) {
			err = pd_error_set(PD_ECONFLICT, NULL, 0, 0,
					   "%s stayed locked (another git is "
					   "running, or a stale %s.lock in the "
					   "repository): nothing was committed, "
					   "your files are as they were",
					   branch, branch);
			break;
		}
		if (attempt + 1 >= retries) {
			err = pd_error_set(PD_ECONFLICT, NULL, 0, 0,
					   "%s kept moving under other writers "
					   "(%u tries): nothing was committed, "
					   "your files are as they were; try "
					   "again",
					   branch, retries);
			break;
		}
		backoff(attempt);
	}
done:
	for (i = 0; data && i < n; i++)
		pd_buf_free(&data[i]);
	free(data);
	free(u);
	git_signature_free(sig);
	git_signature_free(committer);
	return err;
}

/* Init --------------------------------------------------------------------------- */

static int write_new(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, F_OK) == 0)
		return 0;
	return pd_file_write_atomic(path, text, strlen(text));
}

int pd_store_init(const char *dir)
{
	git_repository *repo = NULL;
	char path[PATH_MAX + 64];
	int err = 0;

	git_libgit2_init();
	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		err = pd_error_set(PD_EIO, dir, 0, 0, "cannot create: %s",
				   strerror(errno));
		goto done;
	}
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL) < 0) {
		git_error_clear();
		if (git_repository_init(&repo, dir, 0) < 0) {
			err = pd_git_fail("cannot create the repository");
			goto done;
		}
	}
	snprintf(path, sizeof(path), "%s/profiles", dir);
	if (mkdir(path, 0777) < 0 && errno != EEXIST) {
		err = pd_error_set(PD_EIO, path, 0, 0, "cannot create: %s",
				   strerror(errno));
		goto done;
	}
	if ((err = write_new(dir, PD_CONFIG_FILE,
			     "# profdiff settings (see profdiff lint --help)\n"
			     "profiles: profiles\n"
			     "lint:\n"
			     "  uncited: paragraph\n")) < 0 ||
	    (err = write_new(dir, ".gitattributes",
			     "# git diff and git log -p show profiles one "
			     "claim per line\n"
			     "profiles/*.yaml diff=profdiff\n")) < 0)
		goto done;
done:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return err;
}
