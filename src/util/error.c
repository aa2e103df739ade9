/* error.c - the sr_error_t object: a status code with file, line, column and
 * a message, filled by the function that fails and printed only by main().
 *
 * A table read from a spreadsheet (.xlsx, .ods) is marked here by its path,
 * so that every error at one of its cells, whichever stage finds it, names
 * the cell as the spreadsheet shows it (riders.xlsx:C5) while a CSV keeps
 * line:column. The stages name a file by the path they read it by, so the
 * path is the key; a process reads a handful of tables, so a short list. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/util.h"

static pthread_mutex_t sheets_mu = PTHREAD_MUTEX_INITIALIZER;
static char **sheets;
static size_t n_sheets, cap_sheets;

static int sheet_locked(const char *file)
{
	for (size_t i = 0; i < n_sheets; i++)
		if (!strcmp(sheets[i], file))
			return 1;
	return 0;
}

void sr_error_mark_sheet(const char *file)
{
	pthread_mutex_lock(&sheets_mu);
	if (!sheet_locked(file)) {
		sr_grow(&sheets, &cap_sheets, n_sheets + 1, sizeof(char *));
		sheets[n_sheets++] = xstrdup(file);
	}
	pthread_mutex_unlock(&sheets_mu);
}

int sr_error_is_sheet(const char *file)
{
	pthread_mutex_lock(&sheets_mu);
	int yes = file && sheet_locked(file);
	pthread_mutex_unlock(&sheets_mu);
	return yes;
}

const char *sr_col_letters(long col, char *buf, size_t size)
{
	char rev[16];
	int n = 0;
	for (long c = col; c > 0 && n < 15; c = (c - 1) / 26)
		rev[n++] = (char)('A' + (c - 1) % 26);
	size_t k = 0;
	while (n > 0 && k + 1 < size)
		buf[k++] = rev[--n];
	if (size)
		buf[k] = '\0';
	return buf;
}

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
	char letters[16];
	if (err->file[0] && err->line > 0 && err->col > 0 && sr_error_is_sheet(err->file))
		snprintf(buf, size, "%s:%s%ld: %s", err->file,
			 sr_col_letters(err->col, letters, sizeof(letters)), err->line, err->msg);
	else if (err->file[0] && err->line > 0 && err->col > 0)
		snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line, err->col, err->msg);
	else if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
	return buf;
}
