/*
 * io.h - file input and output shared by the stages: CSV through libcsv
 * (every CSV read and written goes through here) and atomic writes
 * (temporary file in the same folder, fsync, then rename(2)).
 */
#ifndef SCHOOLRUN_IO_H
#define SCHOOLRUN_IO_H

#include <stdio.h>
#include "schoolrun/util.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- atomic file writes ---- */
typedef struct sr_afile {
	FILE *fp;	/* write here */
	char *path;	/* final path */
	char *tmp_path; /* temporary path in the same folder */
} sr_afile_t;

/* Opens a temporary file beside path for writing. Returns SR_OK or SR_EIO. */
int sr_afile_open(sr_afile_t *af, const char *path, sr_error_t *err);
/* Flushes, fsyncs, closes and renames the temporary file onto path.
 * On failure the temporary file is removed. */
int sr_afile_commit(sr_afile_t *af, sr_error_t *err);
/* Closes and removes the temporary file (after an error). Safe to call on a
 * committed or never-opened object. */
void sr_afile_abort(sr_afile_t *af);
/* Writes a whole buffer atomically to path. */
int sr_write_file_atomic(const char *path, const void *data, size_t len, sr_error_t *err);

/* ---- an output folder replaced as a whole (src/io/adir.c) ---- */
typedef struct sr_adir {
	char *target; /* the folder the outputs end up in */
	char *stage;  /* write here: a sibling "<target>.new-PID" */
} sr_adir_t;

/* Prepares a staging folder beside target. An existing target must be a
 * folder that is empty or holds marker (a file an earlier run wrote, such
 * as plan.json), so a user's own folder is never replaced; otherwise
 * SR_EIO naming the path and the reason. */
int sr_adir_begin(sr_adir_t *ad, const char *target, const char *marker, sr_error_t *err);
/* Puts the staging folder in target's place in one step and removes the old
 * contents. On failure the target is left as it was. */
int sr_adir_commit(sr_adir_t *ad, sr_error_t *err);
/* Removes the staging folder (after an error); the target is untouched. */
void sr_adir_abort(sr_adir_t *ad);
/* Removes a file or a folder with everything in it; 0 when done or absent. */
int sr_rm_tree(const char *path);

/* Creates a directory and its parents (mkdir -p). */
int sr_mkdir_p(const char *path, sr_error_t *err);

/* Reads a whole file into memory (NUL-terminated); "-" is stdin. */
int sr_read_file(const char *path, char **data, size_t *len, sr_error_t *err);

/* Finishes a file a library wrote to tmp (beside path) on its own, as
 * libxlsxwriter does: renames tmp over path, or, when failed is not NULL
 * (the writer's reason) or the rename fails, removes tmp and returns
 * SR_EIO naming path. */
int sr_file_commit(const char *tmp, const char *path, const char *failed, sr_error_t *err);

/* ---- CSV reading (libcsv, strict RFC 4180) ---- */
typedef struct sr_csv_row {
	char **fields; /* n fields, each NUL-terminated UTF-8 */
	int n;
	long line; /* 1-based line on which the record starts */
} sr_csv_row_t;

typedef struct sr_csv {
	char *path;	    /* for messages */
	sr_csv_row_t *rows; /* all records, the header (if any) included */
	size_t n_rows;
	size_t cap_rows;
} sr_csv_t;

/* Reads a CSV file with libcsv. Accepts UTF-8 (a byte-order mark is
 * skipped) and Windows-1251 (a file that is not valid UTF-8 is converted with
 * iconv), LF or CRLF line ends, and, when `header` is set, a semicolon as the
 * delimiter when the header row has more semicolons than commas. Says how
 * the file was read when it is not plain UTF-8, comma, LF: a warning for the
 * Windows-1251 guess, else a note (SR_LOG_INFO). Rejects with a message naming file and line: bytes that are
 * neither UTF-8 nor Windows-1251, malformed quoting, and (with `header`) a
 * tab-separated header. Empty lines are skipped. The caller frees the result
 * with sr_csv_free(). */
int sr_csv_read(const char *path, int header, sr_csv_t **out, sr_error_t *err);
void sr_csv_free(sr_csv_t *csv);

/* Makes every row below the header (rows[0]) as wide as the header, as a
 * spreadsheet's table is: a shorter row gets empty cells (Excel leaves out
 * the separators of a row's empty cells at the right end in some rows; a
 * hand-written file leaves out empty optional columns), and empty cells
 * right of the header are dropped (a stray ";" or a formatted empty column).
 * A cell with text right of the header is an error at its line and column
 * naming it, with every other such line in the same message; the table is
 * left square either way. */
int sr_csv_square(sr_csv_t *csv, sr_error_t *err);

/* Reads a coordinator's table (src/io/sheet.c): CSV as sr_csv_read does, or
 * the first sheet of an Excel workbook (.xlsx) or an OpenDocument
 * spreadsheet (.ods), told apart by the file's bytes, not its name. A
 * sheet gives the same table: a row per spreadsheet row holding a value
 * (line: the row number the spreadsheet shows), a field per column from A,
 * padded to the header's width when `header` is set, trimmed; cells as the
 * spreadsheet shows them (numbers without ".0", time cells as HH:MM, date
 * cells as YYYY-MM-DD, booleans as yes/no); merged ranges filled down.
 * The path is marked with sr_error_mark_sheet, so errors at its cells name
 * them as C5. Rejects with a message saying what to do: an .xls or a
 * password-protected workbook, a damaged zip, a missing part, an error
 * cell (#N/A), a workbook that unpacks past SHEET_MAX_BYTES or holds more
 * than SHEET_MAX_CELLS cells. The caller frees the result with
 * sr_csv_free(). */
int sr_table_read(const char *path, int header, sr_csv_t **out, sr_error_t *err);

/* Finds a header column by name (case-sensitive, trimmed); -1 if absent. */
int sr_csv_col(const sr_csv_row_t *header, const char *name);

/* ---- CSV writing (libcsv's csv_fwrite quoting) ---- */
/* Writes one record of n fields followed by "\n". NULL fields are empty. */
int sr_csv_write_row(FILE *fp, const char *const *fields, int n);

#ifdef __cplusplus
}
#endif
#endif
