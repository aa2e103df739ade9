/* error.c - the sr_error_t object: a status code with file, line, column and
 * a message, filled by the function that fails and printed only by main(). */
#include <stdio.h>
#include <string.h>
#include "schoolrun/util.h"

void sr_error_clear(sr_error_t *err)
{
	if (!err)
		return;
	memset(err, 0, sizeof(*err));
}

static int set_v(sr_error_t *err, int code, const char *file, long line, long col, const char *fmt,
		 va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	err->line = line;
	err->col = col;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return code;
}

int sr_error_set(sr_error_t *err, int code, const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(err, code, file, line, 0, fmt, ap);
	va_end(ap);
	return code;
}

int sr_error_set_col(sr_error_t *err, int code, const char *file, long line, long col,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

const char *sr_error_format(const sr_error_t *err, char *buf, size_t size)
{
	if (!err) {
		snprintf(buf, size, "unknown error");
		return buf;
	}
	if (err->file[0] && err->line > 0 && err->col > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->col, err->msg);
	else if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
	return buf;
}
