/*
 * cli_pager.c: long output through a pager, and progress on standard
 * error, as git shows them on a terminal.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static pid_t pager = -1;

bool pd_cli_pager_running(void)
{
	return pager > 0;
}

void pd_cli_pager_start(void)
{
	const char *cmd = getenv("PROFDIFF_PAGER");
	int fd[2];
	pid_t pid;

	if (pager > 0 || isatty(STDOUT_FILENO) != 1)
		return;
	if (!cmd)
		cmd = getenv("PAGER");
	if (!cmd)
		cmd = "less";
	if (!*cmd || strcmp(cmd, "cat") == 0)
		return;
	if (pipe(fd) < 0)
		return;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return;
	}
	if (pid == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		/* git's defaults: quit when it fits on a screen, pass the
		 * colours, leave the screen as it was */
		setenv("LESS", getenv("LESS") ? getenv("LESS") : "FRX", 1);
		setenv("LV", getenv("LV") ? getenv("LV") : "-c", 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	dup2(fd[1], STDOUT_FILENO);
	close(fd[0]);
	close(fd[1]);
	pager = pid;
}

void pd_cli_pager_finish(void)
{
	int status;

	if (pager <= 0)
		return;
	fflush(stdout);
	close(STDOUT_FILENO);
	while (waitpid(pager, &status, 0) < 0 && errno == EINTR)
		;
	pager = -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pd_cli_progress_init(pd_cli_progress *p, const char *what, bool streams)
{
	p->what = what;
	p->start = now();
	p->shown = false;
	p->off = isatty(STDERR_FILENO) != 1 ||
		 (streams && (pager > 0 || isatty(STDOUT_FILENO) == 1));
}

void pd_cli_progress_show(void *ctx, size_t done, size_t total)
{
	pd_cli_progress *p = ctx;

	if (p->off || (!p->shown && now() - p->start < 1.0))
		return;
	fprintf(stderr, "\rprofdiff: %s: %zu/%zu", p->what, done, total);
	p->shown = true;
}

void pd_cli_progress_done(pd_cli_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = false;
}
