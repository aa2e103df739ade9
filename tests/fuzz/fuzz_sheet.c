/*
 * fuzz_sheet.c - the spreadsheet reader (sr_table_read: src/io/sheet.c,
 * xlsx.c, ods.c) on arbitrary bytes, two ways. An input that begins as a
 * zip ("PK") is the file itself: the zip's own damage. Any other input is
 * four parts joined by FUZZ_SEP - a worksheet, shared strings, styles and
 * an .ods content.xml - packed with libzip into an .xlsx (a fixed
 * workbook and relationships around the three) and an .ods, so that the
 * mutations reach the XML readers rather than dying in the zip's CRC. A
 * table read must hold rows in increasing row order within the sheet's
 * bounds; a refusal must say why.
 */
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include "fuzz.h"
#include "io/sheet.h"

static const char workbook[] =
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<sheets><sheet name=\"A\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"B\" sheetId=\"2\" "
	"r:id=\"rId4\"/></sheets></workbook>";
static const char rels[] =
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"</Relationships>";
static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

/* Writes a zip of n parts (names[i], data[i], lens[i]); returns its path. */
static const char *pack(const char *file, int n, const char *const *names,
			const uint8_t *const *data, const size_t *lens)
{
	static char path[512];
	snprintf(path, sizeof(path), "%s/%s", fuzz_dir(), file);
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
	if (!z)
		abort();
	for (int i = 0; i < n; i++) {
		zip_source_t *src = zip_source_buffer(z, data[i], lens[i], 0);
		if (!src || zip_file_add(z, names[i], src, ZIP_FL_OVERWRITE) < 0)
			abort();
	}
	if (zip_close(z) != 0)
		abort();
	return path;
}

/* Reads path as a table and checks what came back; a sheet's rows are
 * on increasing rows (a CSV's records may share a line: libcsv ends one
 * at a lone CR too). */
static void read_and_check(const char *path, int sheet)
{
	sr_csv_t *csv = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	if (sr_table_read(path, 1, &csv, &err) != SR_OK) {
		if (!err.msg[0])
			abort();
		return;
	}
	long cells = 0;
	for (size_t r = 0; r < csv->n_rows; r++) {
		const sr_csv_row_t *row = &csv->rows[r];
		if (row->line < 1 || row->line > SHEET_MAX_ROWS ||
		    (sheet && r && row->line <= csv->rows[r - 1].line) || row->n < 0)
			abort();
		cells += row->n;
	}
	if (csv->n_rows && cells > SHEET_MAX_CELLS + (long)csv->n_rows * csv->rows[0].n)
		abort(); /* padding to the header's width aside */
	sr_csv_free(csv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sr_log_set_level(SR_LOG_QUIET);
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		int zip = size >= 4 &&
			  ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6));
		read_and_check(fuzz_write("input.xlsx", data, size), zip);
		return 0;
	}
	const uint8_t *parts[4];
	size_t lens[4];
	fuzz_split(data, size, 4, parts, lens);
	const char *xn[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
			    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
	const uint8_t *xd[] = {(const uint8_t *)workbook, (const uint8_t *)rels, parts[0], parts[1],
			       parts[2]};
	size_t xl[] = {strlen(workbook), strlen(rels), lens[0], lens[1], lens[2]};
	read_and_check(pack("input.xlsx", 5, xn, xd, xl), 1);
	const char *on[] = {"mimetype", "content.xml"};
	const uint8_t *od[] = {(const uint8_t *)mimetype, parts[3]};
	size_t ol[] = {strlen(mimetype), lens[3]};
	read_and_check(pack("input.ods", 2, on, od, ol), 1);
	return 0;
}
