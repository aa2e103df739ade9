/* test_io_csv.c - CSV through libcsv: quoting, CRLF, line numbers; Windows-1251,
 * BOM and semicolon files read as their UTF-8 comma twin; refusal of tab
 * headers and bytes that are neither encoding; round trip of writing, atomic
 * writes. */
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include "testutil.h"

static const char *write_tmp(const char *dir, const char *name, const char *data, size_t n)
{
	const char *p = test_path(dir, name);
	FILE *f = fopen(p, "wb");
	fwrite(data, 1, n, f);
	fclose(f);
	return p;
}

static void test_reads_quotes_crlf_and_line_numbers(const char *dir)
{
	const char *s =
		"id,name\r\n1,\"Иваново, село\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\n4,x\n";
	const char *p = write_tmp(dir, "a.csv", s, strlen(s));
	sr_csv_t *c = NULL;
	sr_error_t e;
	CHECK_OK(sr_csv_read(p, 1, &c, &e), &e);
	if (!c)
		return;
	CHECK(c->n_rows == 5);
	CHECK(strcmp(c->rows[1].fields[1], "Иваново, село") == 0);
	CHECK(c->rows[1].line == 2);
	CHECK(strcmp(c->rows[2].fields[1], "say \"hi\"") == 0);
	CHECK(c->rows[2].line == 4);
	CHECK(strcmp(c->rows[3].fields[1], "two\nlines") == 0);
	CHECK(c->rows[4].line == 7);
	CHECK(sr_csv_col(&c->rows[0], "name") == 1);
	CHECK(sr_csv_col(&c->rows[0], "nope") == -1);
	sr_csv_free(c);
}

/* the same table as plain UTF-8 + commas, and as Excel's exports */
static void check_same_rows(const sr_csv_t *a, const sr_csv_t *b)
{
	CHECK_MSG(a->n_rows == b->n_rows, "%zu rows vs %zu", a->n_rows, b->n_rows);
	for (size_t i = 0; i < a->n_rows && i < b->n_rows; i++) {
		CHECK(a->rows[i].n == b->rows[i].n && a->rows[i].line == b->rows[i].line);
		for (int j = 0; j < a->rows[i].n && j < b->rows[i].n; j++)
			CHECK_MSG(!strcmp(a->rows[i].fields[j], b->rows[i].fields[j]),
				  "'%s' vs '%s'", a->rows[i].fields[j], b->rows[i].fields[j]);
	}
}

static void test_reads_cp1251_bom_semicolons_as_plain(const char *dir)
{
	sr_csv_t *plain = NULL, *c = NULL;
	sr_error_t e;
	const char *u = "id,name,days\n1,Иваново,\"Mon,Wed\"\n2,Школа №1 «Урожай»,Пн\n";
	CHECK_OK(sr_csv_read(write_tmp(dir, "u.csv", u, strlen(u)), 1, &plain, &e), &e);
	if (!plain)
		return;
	/* Windows-1251 bytes written out by hand (И=C8 в=E2 а=E0 н=ED о=EE
	 * Ш=D8 к=EA л=EB №=B9 «=AB У=D3 р=F0 ж=E6 й=E9 »=BB П=CF), ';', CRLF */
	const char cp[] =
		"id;name;days\r\n1;\xc8\xe2\xe0\xed\xee\xe2\xee;\"Mon,Wed\"\r\n"
		"2;\xd8\xea\xee\xeb\xe0 \xb9\x31 \xab\xd3\xf0\xee\xe6\xe0\xe9\xbb;\xcf\xed\r\n";
	const char *bom =
		"\xef\xbb\xbfid,name,days\r\n1,Иваново,\"Mon,Wed\"\r\n2,Школа №1 «Урожай»,Пн\r\n";
	const char *semi = "id;name;days\n1;Иваново;\"Mon,Wed\"\n2;Школа №1 «Урожай»;Пн\n";
	const struct {
		const char *name, *data;
		size_t n;
	} twins[] = {{"cp.csv", cp, sizeof(cp) - 1},
		     {"bom.csv", bom, strlen(bom)},
		     {"semi.csv", semi, strlen(semi)}};
	for (size_t k = 0; k < sizeof twins / sizeof twins[0]; k++) {
		c = NULL;
		CHECK_OK(sr_csv_read(write_tmp(dir, twins[k].name, twins[k].data, twins[k].n), 1,
				     &c, &e),
			 &e);
		if (c)
			check_same_rows(plain, c);
		sr_csv_free(c);
	}
	sr_csv_free(plain);
}

static void test_refuses_tabs_bad_bytes_empty_and_bad_quotes(const char *dir)
{
	sr_csv_t *c = NULL;
	sr_error_t e;
	const char *tabs = "id\tname\n1\tx\n";
	CHECK(sr_csv_read(write_tmp(dir, "t.csv", tabs, strlen(tabs)), 1, &c, &e) == SR_EINPUT);
	CHECK_MSG(strstr(e.msg, "tabs") != NULL && e.line == 1, "%s line %ld", e.msg, e.line);
	/* 0x98 is undefined in Windows-1251 and invalid UTF-8 */
	const char bad[] = "id,name\n1,x\n2,\xc8\xe2\x98\n";
	CHECK(sr_csv_read(write_tmp(dir, "w.csv", bad, sizeof(bad) - 1), 1, &c, &e) == SR_EINPUT);
	CHECK_MSG(strstr(e.msg, "Windows-1251") != NULL && e.line == 3, "%s line %ld", e.msg,
		  e.line);
	CHECK(sr_csv_read(write_tmp(dir, "e.csv", "", 0), 1, &c, &e) == SR_EINPUT);
	CHECK(strstr(e.msg, "empty") != NULL);
	const char *bq = "id,name\n1,ab\"c\n";
	CHECK(sr_csv_read(write_tmp(dir, "q.csv", bq, strlen(bq)), 1, &c, &e) == SR_EINPUT);
	CHECK(e.line == 2);
	CHECK_MSG(strstr(e.msg, "column 2: a quote inside a field that does not begin with one "
				"(after 'ab')"),
		  "%s", e.msg);
	/* a comma in a Russian column name of a semicolon file */
	const char *rc = "Занятие;Макс. поездка, мин;Дни\nФутбол;40;Пн\n";
	CHECK(sr_csv_read(write_tmp(dir, "rc.csv", rc, strlen(rc)), 1, &c, &e) == SR_OK);
	CHECK(c && c->n_rows == 2 && c->rows[0].n == 3 &&
	      !strcmp(c->rows[0].fields[1], "Макс. поездка, мин"));
	sr_csv_free(c);
	c = NULL;
	const char *bq2 = "id;name\r\n1;ab\"c\r\n";
	CHECK(sr_csv_read(write_tmp(dir, "q2.csv", bq2, strlen(bq2)), 1, &c, &e) == SR_EINPUT);
	CHECK(e.line == 2);
	/* text after a closing quote, in a field that began two lines up */
	const char *bq3 = "id,name\n1,x\n2,\"a\nb\"c\n";
	CHECK(sr_csv_read(write_tmp(dir, "q3.csv", bq3, strlen(bq3)), 1, &c, &e) == SR_EINPUT);
	CHECK_MSG(e.line == 4 && strstr(e.msg, "column 2: text after the closing quote") &&
			  strstr(e.msg, "(after 'a\nb')") && strstr(e.msg, "began on line 3"),
		  "%s line %ld", e.msg, e.line);
	/* a quoted field never closed: the line it opens on */
	const char *bq4 = "id,name\n1,x\n2,\"open\n3,y\n";
	CHECK(sr_csv_read(write_tmp(dir, "q4.csv", bq4, strlen(bq4)), 1, &c, &e) == SR_EINPUT);
	CHECK_MSG(e.line == 3 && strstr(e.msg, "column 2: a quoted field that begins here is never "
					       "closed"),
		  "%s line %ld", e.msg, e.line);
	CHECK(sr_csv_read(test_path(dir, "missing.csv"), 1, &c, &e) == SR_EIO);
}

static void test_write_then_read_round_trip(const char *dir)
{
	const char *p = test_path(dir, "rt.csv");
	sr_afile_t af;
	sr_error_t e;
	CHECK_OK(sr_afile_open(&af, p, &e), &e);
	const char *r1[] = {"a", "b,c", "d\"e", "Ж ж", "line\nbreak", NULL};
	CHECK(sr_csv_write_row(af.fp, r1, 6) == SR_OK);
	CHECK(!test_file_exists(p)); /* nothing visible before commit */
	CHECK_OK(sr_afile_commit(&af, &e), &e);
	CHECK(test_file_exists(p));
	sr_csv_t *c = NULL;
	CHECK_OK(sr_csv_read(p, 0, &c, &e), &e);
	if (c) {
		CHECK(c->n_rows == 1 && c->rows[0].n == 6);
		for (int i = 0; i < 5 && c->rows[0].n == 6; i++)
			CHECK(strcmp(c->rows[0].fields[i], r1[i]) == 0);
		sr_csv_free(c);
	}
	/* abort leaves the old file untouched */
	CHECK_OK(sr_afile_open(&af, p, &e), &e);
	fputs("garbage", af.fp);
	sr_afile_abort(&af);
	char *data;
	size_t n;
	CHECK_OK(sr_read_file(p, &data, &n, &e), &e);
	CHECK(strncmp(data, "a,\"b,c\"", 7) == 0);
	free(data);
}

/* Rows as wide as the header: a short row padded with empty cells, empty
 * cells right of the header dropped, text there an error naming every line. */
static void test_square_pads_trims_and_names_stray_text(const char *dir)
{
	const char *s = "a;b;c;d\n1;2\n3;4;5;6;;\n7;8;9;10; \n";
	sr_csv_t *c = NULL;
	sr_error_t e;
	CHECK_OK(sr_csv_read(write_tmp(dir, "sq.csv", s, strlen(s)), 1, &c, &e), &e);
	if (!c)
		return;
	CHECK_OK(sr_csv_square(c, &e), &e);
	for (size_t r = 0; r < c->n_rows; r++)
		CHECK_MSG(c->rows[r].n == 4, "row %zu has %d cells", r, c->rows[r].n);
	CHECK(!strcmp(c->rows[1].fields[1], "2") && !strcmp(c->rows[1].fields[2], "") &&
	      !strcmp(c->rows[1].fields[3], ""));
	CHECK(!strcmp(c->rows[2].fields[3], "6"));
	sr_csv_free(c);
	const char *t = "a,b\n1,2,x\n3,4\n5,6,,y\n7,8,z\n";
	CHECK_OK(sr_csv_read(write_tmp(dir, "sq2.csv", t, strlen(t)), 1, &c, &e), &e);
	if (!c)
		return;
	CHECK(sr_csv_square(c, &e) == SR_EINPUT);
	CHECK_MSG(e.line == 2 && e.col == 3, "at %ld:%ld", e.line, e.col);
	CHECK_MSG(strstr(e.msg, "'x'") && strstr(e.msg, "also on lines 4, 5"), "'%s'", e.msg);
	for (size_t r = 0; r < c->n_rows; r++)
		CHECK(c->rows[r].n == 2);
	sr_csv_free(c);
}

int main(void)
{
	const char *dir = test_tmpdir();
	test_reads_quotes_crlf_and_line_numbers(dir);
	test_reads_cp1251_bom_semicolons_as_plain(dir);
	test_refuses_tabs_bad_bytes_empty_and_bad_quotes(dir);
	test_write_then_read_round_trip(dir);
	test_square_pads_trims_and_names_stray_text(dir);
	return test_summary();
}
