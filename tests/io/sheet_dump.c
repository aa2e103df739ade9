/*
 * sheet_dump.c - reads a table with sr_table_read (CSV, .xlsx or .ods, told
 * by its bytes) and writes it to stdout as CSV, each row's line (the
 * spreadsheet's row number) first, so that test_sheet.sh can compare the
 * cells with what its Python writer put there. An error is printed to
 * stderr as the command prints it (sr_error_format), exit 2.
 * Usage: sheet_dump FILE [noheader]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/io.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: sheet_dump FILE [noheader]\n");
		return 1;
	}
	sr_log_set_level(SR_LOG_INFO);
	sr_csv_t *csv = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	if (sr_table_read(argv[1], argc < 3 || strcmp(argv[2], "noheader"), &csv, &err)) {
		char buf[5000];
		fprintf(stderr, "error: %s\n", sr_error_format(&err, buf, sizeof(buf)));
		return 2;
	}
	for (size_t r = 0; r < csv->n_rows; r++) {
		const sr_csv_row_t *row = &csv->rows[r];
		char line[32];
		snprintf(line, sizeof(line), "%ld", row->line);
		const char **f = xcalloc((size_t)row->n + 1, sizeof(char *));
		f[0] = line;
		for (int j = 0; j < row->n; j++)
			f[j + 1] = row->fields[j];
		sr_csv_write_row(stdout, f, row->n + 1);
		free(f);
	}
	sr_csv_free(csv);
	return 0;
}
