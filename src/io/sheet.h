/*
 * sheet.h - what the spreadsheet readers (xlsx.c, ods.c) share, inside
 * src/io: the workbook's zip (libzip) with a budget on the bytes it unpacks,
 * a part of it streamed through libxml2's xmlTextReader, and the table
 * being built (sheet.c), bounded in rows, columns and cells, that becomes
 * the same sr_csv_t the CSV reader gives. Cell values are formatted here as
 * the coordinator sees them (numbers, times, dates).
 */
#ifndef SR_IO_SHEET_H
#define SR_IO_SHEET_H

#include <stdint.h>
#include <libxml/xmlreader.h>
#include <zip.h>
#include "schoolrun/io.h"
#include "io/xml_error.h"

/* Limits on a workbook (a zip bomb, a sheet of a million repeated cells):
 * what the parts unpack to, all parts together; the cells kept (every
 * field of every non-empty row, empty ones between values included); the
 * last column and row a spreadsheet has (Excel's XFD and 1048576). */
#define SHEET_MAX_BYTES (256L << 20)
#define SHEET_MAX_CELLS 2000000L
#define SHEET_MAX_COLS 16384L
#define SHEET_MAX_ROWS 1048576L
#define SHEET_MAX_MERGES 100000

/* The workbook's zip. */
typedef struct sheet_zip {
	zip_t *z;
	const char *path; /* for messages */
	int64_t left;	  /* bytes the parts may still unpack to */
} sheet_zip_t;

/* One XML part being read. */
typedef struct sheet_xml {
	sheet_zip_t *sz;
	const char *part;
	zip_file_t *zf;
	xmlTextReaderPtr xr;
	int too_big, io_failed;
	io_xml_error_t xe;
} sheet_xml_t;

/* Opens the zip at path; SR_EINPUT with what to do when it is no zip or a
 * damaged one. */
int sheet_zip_open(sheet_zip_t *sz, const char *path, sr_error_t *err);
void sheet_zip_close(sheet_zip_t *sz);
/* Whether the zip holds the part (names compared ignoring case). */
int sheet_zip_has(sheet_zip_t *sz, const char *part);
/* Reads a small part whole (at most max bytes, NUL-terminated); the caller
 * frees *data. */
int sheet_zip_small(sheet_zip_t *sz, const char *part, size_t max, char **data, sr_error_t *err);

/* Opens a part as XML (no network, no entities: a document type is
 * refused). SR_EINPUT naming the part when it is missing or encrypted. */
int sheet_xml_open(sheet_zip_t *sz, const char *part, sheet_xml_t *x, sr_error_t *err);
/* The next node: 1, or 0 at the end, or -1 with err set (malformed XML, a
 * damaged or too large part, a document type). */
int sheet_xml_next(sheet_xml_t *x, sr_error_t *err);
void sheet_xml_close(sheet_xml_t *x);
/* Attribute `name` of the current element (in namespace ns, or none when
 * ns is NULL), copied into buf; 1 when present. */
int sheet_attr(sheet_xml_t *x, const char *ns, const char *name, char *buf, size_t size);
/* Whether the current node is an element (start) called name in namespace
 * ns. */
int sheet_is(sheet_xml_t *x, int type, const char *ns, const char *name);
/* Appends the current node's text to b (text, CDATA and white space). */
void sheet_text(sheet_xml_t *x, sr_buf_t *b);

/* The table being built, one row at a time. */
typedef struct sheet_merge {
	long row, col, rows; /* a merged range: its first cell and its height */
} sheet_merge_t;

typedef struct sheet_tab {
	const char *path;
	sr_csv_t *csv;
	long row;     /* the sheet's row (1-based) being read */
	char **cells; /* of that row, by column (NULL: empty) */
	size_t n_cells, cap_cells;
	long kept;		  /* fields kept in all rows so far */
	long last;		  /* the last column with a value in the row, -1 none */
	long hidden[4], n_hidden; /* hidden rows with values */
	sheet_merge_t *merges;
	size_t n_merges, cap_merges;
	sr_buf_t ignored; /* the other sheets with values, quoted, for the warning */
} sheet_tab_t;

void sheet_tab_init(sheet_tab_t *t, const char *path);
void sheet_tab_free(sheet_tab_t *t);
/* Sets the cell at column col (0-based) of the current row to text (an
 * empty text is an empty cell). SR_EINPUT beyond the last column. */
int sheet_put(sheet_tab_t *t, long col, const char *text, sr_error_t *err);
/* Ends the current row: kept (repeat times, for ODS's repeated rows, on the
 * rows that follow) when it holds a value, and the row number advanced by
 * repeat. hidden: the row is hidden in the sheet. SR_EINPUT when the
 * sheet grows past the limits. */
int sheet_row_end(sheet_tab_t *t, long repeat, int hidden, sr_error_t *err);
/* Notes another sheet that holds values, for the warning that it is
 * ignored (an empty one, as a new workbook has, is no news). */
void sheet_ignored(sheet_tab_t *t, const char *name);
/* Records a merged range of rows rows from (row, col); SR_EINPUT past
 * SHEET_MAX_MERGES. */
int sheet_merge(sheet_tab_t *t, long row, long col, long rows, sr_error_t *err);
/* Finishes the table: merged cells filled down, rows padded to the header's
 * width (with `header`), fields trimmed; notes on what was done. Hands the
 * table to *out. */
int sheet_finish(sheet_tab_t *t, int header, const char *what, sr_csv_t **out, sr_error_t *err);

/* Cell values as the coordinator sees them. */
enum { SHEET_NUMBER, SHEET_TIME, SHEET_ELAPSED, SHEET_DATE, SHEET_DATETIME };
/* A number as a spreadsheet's General format shows it: 12, 4.5,
 * 79161234567 (15 significant digits, no ".0"). */
void sheet_number(double v, char *buf, size_t size);
/* A serial date-time (days since the workbook's epoch: 1899-12-30, or
 * 1904-01-01 when date1904) in the given kind: HH:MM (rounded to the
 * minute; an elapsed [h]:mm may pass 24), YYYY-MM-DD, or both. */
void sheet_serial(double v, int kind, int date1904, char *buf, size_t size);
/* An ISO 8601 date or date-time (2026-09-01, 2026-09-01T16:30:00) as
 * YYYY-MM-DD, with " HH:MM" when it has a time of day; 0 when it is none. */
int sheet_iso_date(const char *s, char *buf, size_t size);
/* An ISO 8601 duration (ODS time cells: PT16H00M00S) as HH:MM, rounded to
 * the minute; 0 when it is none. */
int sheet_iso_time(const char *s, char *buf, size_t size);

/* The readers: the first sheet of the workbook into a table. */
int sheet_read_xlsx(sheet_zip_t *sz, int header, sr_csv_t **out, sr_error_t *err);
int sheet_read_ods(sheet_zip_t *sz, int header, sr_csv_t **out, sr_error_t *err);

#endif
