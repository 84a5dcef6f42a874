/*
 * error.c: the per-thread last-error record (see common.h).
 */
#include <stdio.h>
#include <string.h>

#include "profdiff/error.h"

static _Thread_local pd_error last_error;

int pd_error_setv(int code, const char *file, uint32_t line, uint32_t col,
		  const char *fmt, va_list ap)
{
	pd_error *e = &last_error;

	e->code = code;
	e->pos.line = line;
	e->pos.col = col;
	if (file)
		snprintf(e->file, sizeof(e->file), "%s", file);
	else
		e->file[0] = '\0';
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	return code;
}

int pd_error_set(int code, const char *file, uint32_t line, uint32_t col,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pd_error_setv(code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int pd_error_oom(void)
{
	return pd_error_set(PD_ENOMEM, NULL, 0, 0, "out of memory");
}

const pd_error *pd_error_last(void)
{
	return &last_error;
}

int pd_error_restore(const pd_error *e)
{
	if (e != &last_error)
		last_error = *e;
	return e->code;
}

void pd_error_clear(void)
{
	memset(&last_error, 0, sizeof(last_error));
}

void pd_error_format(const pd_error *err, char *out, size_t size)
{
	if (!size)
		return;
	if (err->file[0] && err->pos.line)
		snprintf(out, size, "%s:%u:%u: %s", err->file,
			 (unsigned)err->pos.line, (unsigned)err->pos.col,
			 err->message);
	else if (err->file[0])
		snprintf(out, size, "%s: %s", err->file, err->message);
	else
		snprintf(out, size, "%s", err->message);
}
