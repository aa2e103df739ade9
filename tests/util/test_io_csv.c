/* test_io_csv.c - CSV through libcsv: quoting, CRLF, line numbers, refusal of
 * semicolon and Windows-1251 files, round trip of writing, atomic writes. */
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
	const char *s = "id,name\r\n1,\"Иваново, село\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\n4,x\n";
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

static void test_refuses_semicolons_cp1251_empty_and_bad_quotes(const char *dir)
{
	sr_csv_t *c = NULL;
	sr_error_t e;
	const char *semi = "id;name\n1;x\n";
	CHECK(sr_csv_read(write_tmp(dir, "s.csv", semi, strlen(semi)), 1, &c, &e) == SR_EINPUT);
	CHECK_MSG(strstr(e.msg, "semicolons") != NULL && e.line == 1, "%s line %ld", e.msg, e.line);
	const char cp[] = "id,name\n1,\xc8\xe2\xe0\xed\xee\xe2\xee\n";
	CHECK(sr_csv_read(write_tmp(dir, "w.csv", cp, sizeof(cp) - 1), 1, &c, &e) == SR_EINPUT);
	CHECK(strstr(e.msg, "UTF-8") != NULL && e.line == 2);
	CHECK(sr_csv_read(write_tmp(dir, "e.csv", "", 0), 1, &c, &e) == SR_EINPUT);
	CHECK(strstr(e.msg, "empty") != NULL);
	const char *bq = "id,name\n1,ab\"c\n";
	CHECK(sr_csv_read(write_tmp(dir, "q.csv", bq, strlen(bq)), 1, &c, &e) == SR_EINPUT);
	CHECK(e.line == 2);
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

int main(void)
{
	const char *dir = test_tmpdir();
	test_reads_quotes_crlf_and_line_numbers(dir);
	test_refuses_semicolons_cp1251_empty_and_bad_quotes(dir);
	test_write_then_read_round_trip(dir);
	return test_summary();
}
