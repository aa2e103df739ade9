/* test_settings.c - the generic settings rows (src/util/settings.c) on a
 * toy struct with every type, including those no plan setting uses yet
 * (bool, string): parsing and its messages, defaults, "not given" markers,
 * apply and free, the JSON echo and the help lines (wrapped within 79
 * columns, defaults shown with their units). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

typedef struct toy {
	int count;
	double ratio;
	uint64_t seed;
	int loud;
	char *name, *file;
	char colour[8];
	char day[11];
} toy_t;

/* clang-format off */
#define R(key, type, lo, hi, def, flag, unit, choices, help) \
	{#key, type, SR_FIELD(toy_t, key), lo, hi, def, flag, unit, choices, help}
/* clang-format on */
static const sr_setting_t rows[] = {
	R(count, SR_SET_INT, -5, 5, "-2", "count", "min", NULL, "how many"),
	R(ratio, SR_SET_DOUBLE, 0, 1, "0.25", "ratio", NULL, NULL, "a share"),
	R(seed, SR_SET_U64, 3, 0, NULL, "seed", NULL, NULL, "random seed"),
	R(loud, SR_SET_BOOL, 0, 0, "no", "loud", NULL, NULL, "say more"),
	R(name, SR_SET_STRING, 0, 6, "Bus", "name", NULL, NULL,
	  "a long help line that goes on and on so that it has to be wrapped over more than one "
	  "line of the terminal"),
	R(file, SR_SET_PATH, 0, 0, NULL, "input-file", NULL, NULL, "where from"),
	R(colour, SR_SET_ENUM, 0, 0, "red", "colour", NULL, "red|green|blue", "which colour"),
	R(day, SR_SET_DATE, 0, 0, NULL, "day", NULL, NULL, "which day"),
};
#define N (sizeof(rows) / sizeof(rows[0]))

static int parse(toy_t *t, const char *key, const char *val, const char *dir, char *why)
{
	const sr_setting_t *d = sr_setting_by_key(rows, N, key);
	return d ? sr_setting_parse(d, t, val, dir, why, 256) : -2;
}

static void test_parse_types_and_messages(void)
{
	toy_t t;
	memset(&t, 0, sizeof t);
	sr_settings_defaults(rows, N, &t);
	CHECK(t.count == -2 && t.ratio == 0.25 && t.loud == 0 && !strcmp(t.name, "Bus"));
	CHECK(!strcmp(t.colour, "red") && t.file == NULL && t.seed == 0 && t.day[0] == '\0');
	char why[256];
	CHECK(parse(&t, "count", "-5", NULL, why) == 0 && t.count == -5);
	CHECK(parse(&t, "count", "6", NULL, why) == -1 &&
	      strstr(why, "count must be a whole number from -5 to 5 min, not '6'"));
	CHECK(parse(&t, "count", "1.5", NULL, why) == -1 && t.count == -5);
	CHECK(parse(&t, "ratio", "1.0001", NULL, why) == -1 && strstr(why, "from 0 to 1, not"));
	CHECK(parse(&t, "seed", "2", NULL, why) == -1 && strstr(why, "3 or more"));
	CHECK(parse(&t, "seed", "3", NULL, why) == 0 && t.seed == 3);
	const char *yes[] = {"yes", "true", "on", "1"}, *no[] = {"no", "false", "off", "0"};
	for (int i = 0; i < 4; i++) {
		CHECK(parse(&t, "loud", yes[i], NULL, why) == 0 && t.loud == 1);
		CHECK(parse(&t, "loud", no[i], NULL, why) == 0 && t.loud == 0);
	}
	CHECK(parse(&t, "loud", "maybe", NULL, why) == -1 && strstr(why, "yes or no"));
	CHECK(parse(&t, "name", "Minibus", NULL, why) == -1 && strstr(why, "longer than 6"));
	CHECK(parse(&t, "name", "", NULL, why) == 0 && !strcmp(t.name, ""));
	CHECK(parse(&t, "file", "", "d/", why) == -1 && strstr(why, "needs a file path"));
	CHECK(parse(&t, "file", "x.csv", "d/", why) == 0 && !strcmp(t.file, "d/x.csv"));
	CHECK(parse(&t, "file", "x.csv", "d", why) == 0 && !strcmp(t.file, "d/x.csv"));
	CHECK(parse(&t, "file", "/abs/x.csv", "d/", why) == 0 && !strcmp(t.file, "/abs/x.csv"));
	CHECK(parse(&t, "colour", "gre", NULL, why) == -1 &&
	      strstr(why, "colour must be 'red', 'green' or 'blue', not 'gre'"));
	CHECK(parse(&t, "colour", "blue", NULL, why) == 0 && !strcmp(t.colour, "blue"));
	CHECK(parse(&t, "day", "2028-02-29", NULL, why) == 0 && !strcmp(t.day, "2028-02-29"));
	CHECK(parse(&t, "day", "2027-02-29", NULL, why) == -1 && strstr(why, "11.01.2027"));
	/* as Russian texts write a date, stored as ISO */
	CHECK(parse(&t, "day", "11.01.2027", NULL, why) == 0 && !strcmp(t.day, "2027-01-11"));
	CHECK(parse(&t, "day", "1.2.2027", NULL, why) == 0 && !strcmp(t.day, "2027-02-01"));
	CHECK(parse(&t, "day", "29.02.2028", NULL, why) == 0 && !strcmp(t.day, "2028-02-29"));
	const char *bad[] = {"29.02.2027",  "11.01.27",	 "11.01",      "11.13.2027",  "0.1.2027",
			     "11.01.2027.", "2027-1-11", "11/01/2027", "111.01.2027", "01.01.1999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK_MSG(parse(&t, "day", bad[i], NULL, why) == -1 && !strcmp(t.day, "2028-02-29"),
			  "%s", bad[i]);
	/* flags: by flag, or by the key with dashes or underscores */
	CHECK(sr_setting_by_flag(rows, N, "input-file") == &rows[5]);
	CHECK(sr_setting_by_flag(rows, N, "input_file") == &rows[5]);
	CHECK(sr_setting_by_flag(rows, N, "file") == &rows[5]);
	CHECK(sr_setting_by_flag(rows, N, "nope") == NULL);
	sr_settings_free(rows, N, &t);
	CHECK(t.name == NULL && t.file == NULL);
}

static void test_unset_apply_and_json(void)
{
	toy_t base, over;
	memset(&base, 0, sizeof base);
	sr_settings_defaults(rows, N, &base);
	sr_settings_unset(rows, N, &over);
	for (size_t i = 0; i < N; i++)
		CHECK_MSG(!sr_setting_is_set(&rows[i], &over), "%s set", rows[i].key);
	char why[256];
	CHECK(parse(&over, "count", "0", NULL, why) == 0); /* 0 and "no" are values too */
	CHECK(parse(&over, "loud", "no", NULL, why) == 0);
	CHECK(parse(&over, "name", "Van", NULL, why) == 0);
	base.loud = 1;
	sr_settings_apply(rows, N, &base, &over);
	CHECK(base.count == 0 && base.loud == 0 && !strcmp(base.name, "Van") &&
	      base.name != over.name);
	CHECK(base.ratio == 0.25 && !strcmp(base.colour, "red"));
	sr_buf_t b;
	sr_buf_init(&b);
	sr_settings_json(&b, rows, N, &base);
	CHECK_MSG(!strcmp(b.data,
			  "\"count\":0,\"ratio\":0.25,\"seed\":0,\"loud\":false,\"name\":\"Van\","
			  "\"file\":null,\"colour\":\"red\",\"day\":null"),
		  "%s", b.data);
	sr_buf_free(&b);
	sr_settings_free(rows, N, &base);
	sr_settings_free(rows, N, &over);
}

static void test_help_lines(void)
{
	toy_t t;
	memset(&t, 0, sizeof t);
	sr_settings_defaults(rows, N, &t);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_settings_help(&b, rows, N, &t);
	for (size_t i = 0; i < N; i++) {
		char f[64];
		snprintf(f, sizeof f, "  --%s", rows[i].flag);
		CHECK_MSG(strstr(b.data, f), "help lacks %s", f);
	}
	CHECK(strstr(b.data, "--count MIN") && strstr(b.data, "how many (default: -2 min)"));
	CHECK(strstr(b.data, "--colour red|green|blue") && strstr(b.data, "(default: red)"));
	CHECK(strstr(b.data, "  --loud  ") && !strstr(b.data, "default: no"));
	CHECK(strstr(b.data, "--input-file FILE") && strstr(b.data, "--day YYYY-MM-DD"));
	int lines = 0;
	for (const char *l = b.data; *l;) {
		const char *e = strchr(l, '\n');
		CHECK_MSG(e && e - l <= 79, "line over 79 columns: %.*s", (int)(e ? e - l : 80), l);
		lines++;
		l = e ? e + 1 : l + strlen(l);
	}
	CHECK(lines > (int)N); /* the long help was wrapped */
	sr_buf_free(&b);
	sr_settings_free(rows, N, &t);
}

int main(void)
{
	test_parse_types_and_messages();
	test_unset_apply_and_json();
	test_help_lines();
	return test_summary();
}
