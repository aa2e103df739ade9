/* test_util.c - util: PRNG determinism and range, strict parsing, haversine
 * against a hand computation, UTF-8 validation, JSON escaping, errors. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "util/sha256.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

static void test_rng_same_seed_same_stream(void)
{
	sr_rng_t a, b, c;
	sr_rng_seed(&a, 42);
	sr_rng_seed(&b, 42);
	sr_rng_seed(&c, 43);
	int same = 1, differs = 0;
	for (int i = 0; i < 1000; i++) {
		uint64_t x = sr_rng_next(&a), y = sr_rng_next(&b), z = sr_rng_next(&c);
		same &= x == y;
		differs |= x != z;
	}
	CHECK(same);
	CHECK(differs);
	int hist[10] = {0};
	for (int i = 0; i < 100000; i++) {
		uint32_t v = sr_rng_below(&a, 10);
		CHECK(v < 10 || !"range");
		if (v < 10)
			hist[v]++;
	}
	for (int k = 0; k < 10; k++)
		CHECK_MSG(hist[k] > 9500 && hist[k] < 10500, "bucket %d has %d", k, hist[k]);
	int perm[50], seen[50] = {0};
	for (int i = 0; i < 50; i++)
		perm[i] = i;
	sr_rng_shuffle_int(&a, perm, 50);
	for (int i = 0; i < 50; i++)
		seen[perm[i]]++;
	int ok = 1;
	for (int i = 0; i < 50; i++)
		ok &= seen[i] == 1;
	CHECK(ok);
}

static void test_parse_rejects_trailing_junk(void)
{
	long l;
	double d;
	int64_t i64;
	CHECK(sr_parse_long("12", &l) == 0 && l == 12);
	CHECK(sr_parse_long("12a", &l) != 0);
	CHECK(sr_parse_long("", &l) != 0);
	CHECK(sr_parse_double("47.25", &d) == 0 && d == 47.25);
	CHECK(sr_parse_double("-1e3", &d) == 0 && d == -1000);
	CHECK(sr_parse_double("nan", &d) != 0);
	CHECK(sr_parse_double("inf", &d) != 0);
	CHECK(sr_parse_double("1,5", &d) != 0);
	CHECK(sr_parse_int64("9207797082", &i64) == 0 && i64 == 9207797082LL);
}

static void test_haversine_one_degree_of_latitude(void)
{
	/* one degree of latitude on a sphere of radius R is R*pi/180 */
	double expect = 6371008.8 * M_PI / 180.0;
	CHECK_NEAR(sr_haversine_m(50, 10, 51, 10), expect, 1e-6);
	CHECK_NEAR(sr_haversine_m(0, 0, 0, 0), 0, 1e-9);
	/* along the equator, one degree of longitude is the same */
	CHECK_NEAR(sr_haversine_m(0, 10, 0, 11), expect, 1e-6);
}

static void test_utf8_validation(void)
{
	const char *ru = "Ивановка";
	CHECK(sr_utf8_valid(ru, strlen(ru)));
	const char cp1251[] = {(char)0xC8, (char)0xE2, (char)0xE0, 0};
	CHECK(!sr_utf8_valid(cp1251, 3));
	const char overlong[] = {(char)0xC0, (char)0xAF, 0};
	CHECK(!sr_utf8_valid(overlong, 2));
	const char surrogate[] = {(char)0xED, (char)0xA0, (char)0x80, 0};
	CHECK(!sr_utf8_valid(surrogate, 3));
	const char *combining = "Э\xcc\x81шен";
	CHECK(sr_utf8_valid(combining, strlen(combining)));
}

static void test_buf_json_and_html_escaping(void)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_json_str(&b, "a\"b\\c\nd\x01Ж");
	CHECK(strcmp(b.data, "\"a\\\"b\\\\c\\nd\\u0001Ж\"") == 0);
	sr_buf_reset(&b);
	sr_buf_html(&b, "<a href='x'>&</a>");
	CHECK(strcmp(b.data, "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;") == 0);
	sr_buf_reset(&b);
	sr_buf_num(&b, 1.2500, 3);
	sr_buf_putc(&b, ' ');
	sr_buf_num(&b, -0.0001, 2);
	sr_buf_putc(&b, ' ');
	sr_buf_num(&b, NAN, 2);
	CHECK(strcmp(b.data, "1.25 0 null") == 0);
	sr_buf_free(&b);
}

static void test_error_format_names_file_and_line(void)
{
	sr_error_t e;
	char buf[256];
	sr_error_clear(&e);
	CHECK(sr_error_set(&e, SR_EINPUT, "a.csv", 7, "bad '%s'", "x") == SR_EINPUT);
	CHECK(strcmp(sr_error_format(&e, buf, sizeof buf), "a.csv:7: bad 'x'") == 0);
	sr_error_set_col(&e, SR_EINPUT, "a.csv", 7, 3, "bad");
	CHECK(strcmp(sr_error_format(&e, buf, sizeof buf), "a.csv:7:3: bad") == 0);
}

/* A table read from a spreadsheet names a cell as the sheet does (C7);
 * a row alone, and every CSV, as before. */
static void test_error_format_names_a_sheets_cell(void)
{
	sr_error_t e;
	char buf[256], l[8];
	sr_error_mark_sheet("a.xlsx");
	sr_error_set_col(&e, SR_EINPUT, "a.xlsx", 7, 3, "bad");
	CHECK(strcmp(sr_error_format(&e, buf, sizeof buf), "a.xlsx:C7: bad") == 0);
	sr_error_set_col(&e, SR_EINPUT, "a.xlsx", 7, 0, "bad");
	CHECK(strcmp(sr_error_format(&e, buf, sizeof buf), "a.xlsx:7: bad") == 0);
	sr_error_set_col(&e, SR_EINPUT, "b.xlsx", 7, 3, "bad");
	CHECK(strcmp(sr_error_format(&e, buf, sizeof buf), "b.xlsx:7:3: bad") == 0);
	/* 26 letters a place, no zero: Z, AA, AZ, BA, ZZ, AAA; XFD the last */
	const long cols[] = {1, 26, 27, 52, 53, 702, 703, 16384};
	const char *want[] = {"A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"};
	for (int i = 0; i < 8; i++)
		CHECK_MSG(!strcmp(sr_col_letters(cols[i], l, sizeof l), want[i]), "%ld -> %s",
			  cols[i], l);
}

/* SHA-256 of inputs (Nettle underneath): FIPS 180-2 test vectors, and files
 * of lengths around the padding boundary against the system's sha256sum. */
static void test_sha256_vectors_and_sha256sum(void)
{
	char h[65];
	sr_sha256_hex("", 0, h);
	CHECK(!strcmp(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	sr_sha256_hex("abc", 3, h);
	CHECK(!strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sr_sha256_hex(m, strlen(m), h);
	CHECK(!strcmp(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	const char *dir = test_tmpdir();
	char path[4096], cmd[8400];
	sr_error_t e;
	snprintf(path, sizeof path, "%s/x.bin", dir);
	for (int len = 0; len <= 200000; len = len < 130 ? len + 7 : len * 3) {
		FILE *fp = fopen(path, "wb");
		CHECK(fp != NULL);
		if (!fp)
			return;
		for (int i = 0; i < len; i++)
			fputc('A' + (i * 7) % 26, fp);
		fclose(fp);
		char ref[65] = "";
		snprintf(cmd, sizeof cmd, "sha256sum '%s' > '%s.sum'", path, path);
		if (test_run(cmd) != 0)
			continue;
		snprintf(cmd, sizeof cmd, "%s.sum", path);
		fp = fopen(cmd, "r");
		if (fp && fscanf(fp, "%64s", ref) == 1) {
			CHECK(sr_sha256_file(path, h, &e) == SR_OK);
			CHECK_MSG(!strcmp(h, ref), "len %d", len);
		}
		if (fp)
			fclose(fp);
	}
	CHECK(sr_sha256_file("/nonexistent/x.csv", h, &e) == SR_EIO);
}

/* The worker pool: every index exactly once whatever the thread count,
 * init/fini once per thread that ran, n = 0 runs nothing. */
typedef struct par_arg {
	int *hits;
	int inits, finis;
	pthread_mutex_t mu;
} par_arg_t;

static void *par_init(void *arg, int worker)
{
	par_arg_t *a = arg;
	pthread_mutex_lock(&a->mu);
	a->inits++;
	pthread_mutex_unlock(&a->mu);
	int *w = xmalloc(sizeof(int));
	*w = worker;
	return w;
}

static void par_task(void *state, size_t i, void *arg)
{
	par_arg_t *a = arg;
	(void)state;
	__atomic_add_fetch(&a->hits[i], 1, __ATOMIC_RELAXED);
}

static void par_fini(void *state, void *arg)
{
	par_arg_t *a = arg;
	pthread_mutex_lock(&a->mu);
	a->finis++;
	pthread_mutex_unlock(&a->mu);
	free(state);
}

static void test_parallel_for_each_index_once(void)
{
	for (int threads = 0; threads <= 9; threads += 3) {
		for (size_t n = 0; n <= 1000; n = n ? n * 10 : 1) {
			par_arg_t a;
			memset(&a, 0, sizeof(a));
			pthread_mutex_init(&a.mu, NULL);
			a.hits = xcalloc(n + 1, sizeof(int));
			sr_parallel_t job = {.n = n,
					     .threads = threads,
					     .init = par_init,
					     .task = par_task,
					     .fini = par_fini,
					     .arg = &a};
			int ran = sr_parallel_for(&job);
			int once = 1;
			for (size_t i = 0; i < n; i++)
				once &= a.hits[i] == 1;
			CHECK_MSG(once, "threads %d n %zu: an index ran not exactly once", threads,
				  n);
			CHECK_MSG(ran == (n ? sr_threads(threads, n) : 0),
				  "threads %d n %zu ran %d", threads, n, ran);
			CHECK(a.inits == ran && a.finis == ran);
			CHECK(ran <= (int)(n ? n : 0) || n == 0);
			free(a.hits);
			pthread_mutex_destroy(&a.mu);
		}
	}
	CHECK(sr_threads(5, 3) == 3 && sr_threads(1000, 100000) == 64 && sr_threads(-1, 1) == 1);
}

static void test_buf_quoted_inner(void)
{
	sr_buf_t b;
	sr_buf_init(&b);
	sr_buf_quoted_inner(&b, "Метро «Чистые пруды»", 1);
	CHECK(strcmp(b.data, "Метро „Чистые пруды“") == 0);
	sr_buf_reset(&b);
	sr_buf_quoted_inner(&b, "Stop “Post”, «Колос»", 0);
	CHECK(strcmp(b.data, "Stop ‘Post’, «Колос»") == 0);
	sr_buf_reset(&b);
	sr_buf_quoted_inner(&b, "Школа", 1);
	CHECK(strcmp(b.data, "Школа") == 0);
	sr_buf_free(&b);
}

int main(void)
{
	test_rng_same_seed_same_stream();
	test_parse_rejects_trailing_junk();
	test_haversine_one_degree_of_latitude();
	test_utf8_validation();
	test_buf_json_and_html_escaping();
	test_buf_quoted_inner();
	test_error_format_names_file_and_line();
	test_error_format_names_a_sheets_cell();
	test_sha256_vectors_and_sha256sum();
	test_parallel_for_each_index_once();
	return test_summary();
}
