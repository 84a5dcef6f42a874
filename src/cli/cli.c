/*
 * cli.c: what the commands share: messages, colour, output.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

bool pd_cli_use_color(const pd_cli *c, FILE *f)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (c->color_mode == COLOR_ALWAYS)
		return true;
	if (c->color_mode == COLOR_NEVER)
		return false;

	if (no_color && *no_color)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	/* a pager shows its input on the terminal */
	return (f == stdout && pd_cli_pager_running()) ||
	       isatty(fileno(f)) == 1;
}

/* A message as the terminal (or a pusher's, through a hook) may show
 * it: the paths and the profile's text it quotes are made inert
 * (pd_render_term_escape). */
static void message(const char *prefix, const char *msg)
{
	pd_buf b = PD_BUF_INIT;

	pd_render_term_escape(&b, msg, strlen(msg));
	fprintf(stderr, "%s%s\n", prefix,
		pd_buf_ok(&b) == 0 ? pd_buf_cstr(&b) : msg);
	pd_buf_free(&b);
}

void pd_cli_error(const char *fmt, ...)
{
	pd_buf b = PD_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	pd_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	message("profdiff: error: ", pd_buf_ok(&b) == 0 ? pd_buf_cstr(&b)
						      : "out of memory");
	pd_buf_free(&b);
}

void pd_cli_error_of(const pd_error *err)
{
	char msg[2048];

	pd_error_format(err, msg, sizeof(msg));
	pd_cli_error("%s", msg);
}

void pd_cli_error_last(void)
{
	pd_cli_error_of(pd_error_last());
}

void pd_cli_shallow_note(const pd_store *s)
{
	char hex[16];

	if (s && pd_store_shallow(s, hex, sizeof(hex)) && *hex)
		fprintf(stderr,
			"profdiff: note: a shallow clone: the history stops at "
			"commit %s, the oldest git fetched; git fetch "
			"--unshallow fetches the rest\n",
			hex);
}

void pd_cli_report(void *ctx, const pd_error *err)
{
	int *count = ctx;

	pd_cli_error_of(err);
	if (count)
		(*count)++;
}

void pd_cli_note(const char *msg)
{
	message("profdiff: note: ", msg);
}

void pd_cli_gate_counts(const pd_app_gate_file *f)
{
	pd_buf path = PD_BUF_INIT;

	if (!f->as_published && !f->warnings && !f->notes)
		return;
	/* the path made inert */
	pd_render_term_escape(&path, f->path, strlen(f->path));
	fprintf(stderr, "%s: ", pd_buf_cstr(&path));
	if (f->as_published)
		fprintf(stderr,
			"%zu error%s as published (not this update's), ",
			f->as_published, f->as_published == 1 ? "" : "s");
	fprintf(stderr,
		"%zu warning%s, %zu note%s (profdiff lint %s shows them)\n",
		f->warnings, f->warnings == 1 ? "" : "s", f->notes,
		f->notes == 1 ? "" : "s", pd_buf_cstr(&path));
	pd_buf_free(&path);
}

void pd_cli_gate_published(pd_buf *out, const pd_app_gate *g)
{
	if (!g->published[0])
		return;
	pd_buf_printf(out, "; published is what %s holds%s", g->published,
		      g->local ? " (a commit to it publishes: make drafts on a "
				 "branch)"
			       : "");
}

void pd_cli_warning_last(void)
{
	char msg[2048];

	pd_error_format(pd_error_last(), msg, sizeof(msg));
	message("profdiff: warning: ", msg);
}

int pd_cli_bad_usage(const char *cmd, const char *what)
{
	pd_cli_error("%s: %s (see 'profdiff %s --help')", cmd, what, cmd);
	return EXIT_TROUBLE;
}

int pd_cli_write_out(void *ctx, const char *data, size_t len)
{
	if (ctx)
		return pd_file_append(ctx, data, len);
	if (!len || fwrite(data, 1, len, stdout) == len)
		return 0;
	return pd_error_set(PD_EIO, NULL, 0, 0, "cannot write the output: %s",
			    strerror(errno));
}

int pd_cli_emit(const char *output, const pd_buf *b)
{
	if (output)
		return pd_file_write_atomic(output, b->ptr, b->len);
	if (b->len)
		fwrite(b->ptr, 1, b->len, stdout);
	return 0;
}

int pd_cli_out_begin(pd_cli_out *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	o->sink.write = pd_cli_write_out;
	if (!path)
		return 0;
	if (pd_file_begin(&o->file, path) < 0)
		return PD_EIO;
	o->to_file = true;
	o->sink.ctx = &o->file;
	return 0;
}

int pd_cli_out_finish(pd_cli_out *o, const pd_buf *rendered)
{
	int err = 0;

	if (rendered && rendered->len)
		err = o->sink.write(o->sink.ctx, rendered->ptr, rendered->len);
	if (!o->to_file)
		return err;
	o->to_file = false;
	if (err < 0) {
		pd_file_abort(&o->file);
		return err;
	}
	if ((err = pd_file_commit(&o->file)) < 0)
		pd_file_abort(&o->file);
	return err;
}

void pd_cli_out_abort(pd_cli_out *o)
{
	if (o->to_file)
		pd_file_abort(&o->file);
	o->to_file = false;
}

void pd_cli_self(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);

	if (n <= 0) {
		snprintf(out, size, "profdiff");
		return;
	}
	out[n] = '\0';
}

int pd_cli_hooks_install(pd_store *s, bool force)
{
	char self[PATH_MAX], path[PATH_MAX + 64];
	int err;

	pd_cli_self(self, sizeof(self));
	if ((err = pd_app_hooks_install(s, self, force, path, sizeof(path))) <
	    0)
		return err;
	printf("installed %s\n", path);
	return 0;
}
