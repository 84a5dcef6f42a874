/*
 * error.h: the error codes and the last-error record shared by every
 * profdiff module.
 *
 * A function that can fail returns 0 or one of the negative PD_E* codes.
 * The function that detects the failure records a message once with
 * pd_error_set(); callers pass the code on unchanged and read the message
 * with pd_error_last().
 */
#ifndef PROFDIFF_ERROR_H
#define PROFDIFF_ERROR_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum {
	PD_OK = 0,
	PD_ERROR = -1,    /* generic failure */
	PD_ENOMEM = -2,   /* allocation failed */
	PD_EINVALID = -3, /* the input is malformed: a message with position */
	PD_EIO = -4,      /* reading or writing a file failed */
	PD_ENOTFOUND = -5,
	PD_ECONFLICT = -6, /* a compare-and-swap lost its race */
	PD_EUSAGE = -7     /* the caller asked for something meaningless */
};

/* A position in a source text; 1-based, 0 when unknown. Columns count
 * Unicode code points, as editors do. */
typedef struct pd_pos {
	uint32_t line;
	uint32_t col;
} pd_pos;

typedef struct pd_error {
	int code;
	char file[512];  /* empty when the error is not about a file */
	pd_pos pos;      /* line 0 when the error has no position */
	char message[1024];
} pd_error;

/* Records the last error of this thread. `file` may be NULL; `line` and
 * `col` may be 0. Returns `code`, so that a caller can write
 * `return pd_error_set(...)`. */
int pd_error_set(int code, const char *file, uint32_t line, uint32_t col,
		 const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

int pd_error_setv(int code, const char *file, uint32_t line, uint32_t col,
		  const char *fmt, va_list ap);

/* Records an allocation failure and returns PD_ENOMEM. */
int pd_error_oom(void);

/* The last error of this thread (borrowed; valid until the next
 * pd_error_set or pd_error_clear). Never NULL: without an error, code is 0
 * and the message empty. */
const pd_error *pd_error_last(void);

/* Records `e` (an error kept, from another thread or from before) as
 * this thread's last one; returns its code. */
int pd_error_restore(const pd_error *e);

void pd_error_clear(void);

/* Writes "FILE:LINE:COL: message" (the parts that are known) into `out`,
 * truncating to `size` bytes. */
void pd_error_format(const pd_error *err, char *out, size_t size);

#endif
