/* test_plan_settings.c - the plan settings registry (src/plan/settings.c):
 * every row complete (help, flag, bounds, a default its own row accepts),
 * bounds errors naming file, line and bounds for every numeric row, unknown
 * keys, every bad line of a plan.conf at once, overrides winning over the
 * file, the plan.json echo of the defaults byte for byte as before the
 * registry, and the README's plan settings table equal to the registry. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static void test_every_row_is_complete(void)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	CHECK(n >= 17);
	for (size_t i = 0; i < n; i++) {
		const sr_setting_t *d = &tab[i];
		CHECK_MSG(d->key && d->key[0], "row %zu has no key", i);
		CHECK_MSG(d->help && strlen(d->help) >= 8, "%s has no help line", d->key);
		CHECK_MSG(d->flag && d->flag[0] && d->flag[0] != '-', "%s has no flag", d->key);
		CHECK_MSG(d->off + d->size <= sizeof(plan_settings_t), "%s lies outside the struct",
			  d->key);
		for (size_t j = 0; j < i; j++) {
			CHECK_MSG(strcmp(tab[j].key, d->key), "key %s twice", d->key);
			CHECK_MSG(strcmp(tab[j].flag, d->flag), "flag --%s twice", d->flag);
		}
		if (d->type == SR_SET_INT || d->type == SR_SET_DOUBLE)
			CHECK_MSG(d->min <= d->max && d->unit, "%s: bounds %g..%g, unit %s", d->key,
				  d->min, d->max, d->unit ? d->unit : "none");
		if (d->type == SR_SET_ENUM)
			CHECK_MSG(d->choices && strchr(d->choices, '|'), "%s: no choices", d->key);
		/* a flag finds its row, and so does the key written with dashes */
		CHECK(sr_setting_by_flag(tab, n, d->flag) == d);
		CHECK(sr_setting_by_key(tab, n, d->key) == d);
		/* the default is accepted by its own row and lands in the field */
		if (d->def) {
			plan_settings_t s;
			plan_settings_unset(&s);
			char why[512];
			CHECK_MSG(sr_setting_parse(d, &s, d->def, NULL, why, sizeof why) == 0,
				  "%s: %s", d->key, why);
			CHECK(sr_setting_is_set(d, &s));
			plan_settings_clear(&s);
		}
	}
	/* init gives every row with a default; the rest (paths) stay NULL */
	plan_settings_t s;
	plan_settings_init(&s);
	for (size_t i = 0; i < n; i++)
		CHECK_MSG(sr_setting_is_set(&tab[i], &s) == (tab[i].def != NULL), "%s", tab[i].key);
	CHECK(s.speed_cap_kmh == NET_SPEED_CAP_KMH);
	plan_settings_clear(&s);
}

/* For every INT and DOUBLE row: min and max accepted, just outside refused
 * with the key and the bounds in the message, in a plan.conf on the line
 * the value is on. */
static void test_bounds_name_file_line_and_bounds(void)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	const char *dir = test_tmpdir();
	int numeric = 0;
	for (size_t i = 0; i < n; i++) {
		const sr_setting_t *d = &tab[i];
		if (d->type != SR_SET_INT && d->type != SR_SET_DOUBLE)
			continue;
		numeric++;
		double step = d->type == SR_SET_INT ? 1 : fmax(0.01, d->min / 10);
		char text[512], bounds[128];
		if (d->type == SR_SET_INT) /* whole numbers in full: 2147483647, not 2.1e+09 */
			snprintf(bounds, sizeof bounds, "from %.0f to %.0f %s", d->min, d->max,
				 d->unit);
		else
			snprintf(bounds, sizeof bounds, "from %g to %g %s", d->min, d->max,
				 d->unit);
		for (int side = 0; side < 4; side++) {
			double v = side == 0   ? d->min
				   : side == 1 ? d->max
				   : side == 2 ? d->min - step
					       : d->max + step;
			snprintf(text, sizeof text, "# bounds\nseed = 3\n%s = %.10g\n", d->key, v);
			plan_settings_t s;
			plan_settings_init(&s);
			sr_error_t err;
			sr_error_clear(&err);
			int rc = plan_conf_read(test_write_file(dir, "b.conf", text), &s, &err);
			if (side < 2) {
				CHECK_MSG(rc == SR_OK, "%s = %g refused: %s", d->key, v, err.msg);
			} else {
				CHECK_MSG(rc == SR_EINPUT && err.line == 3 &&
						  strstr(err.file, "b.conf") &&
						  strstr(err.msg, d->key) &&
						  strstr(err.msg, bounds),
					  "%s = %g: rc %d line %ld '%s' (want '%s')", d->key, v, rc,
					  err.line, err.msg, bounds);
			}
			plan_settings_clear(&s);
		}
	}
	CHECK(numeric >= 9);
}

static void test_unknown_keys_and_all_bad_lines_at_once(void)
{
	const char *dir = test_tmpdir();
	plan_settings_t s;
	plan_settings_init(&s);
	sr_error_t err;
	/* a flag's spelling is no key, nor is a near miss */
	const char *path = test_write_file(dir, "u.conf", "seed = 2\ntime-limit = 5\n");
	CHECK(plan_conf_read(path, &s, &err) == SR_EINPUT && err.line == 2 &&
	      strstr(err.msg, "unknown setting 'time-limit' (did you mean 'time_limit_s'?)"));
	path = test_write_file(
		dir, "u2.conf",
		"speed_cap = 50\nlang = en\nmax_ride_min = 0\n# fine\nlang = de\nseed 4\n");
	sr_error_clear(&err);
	CHECK(plan_conf_read(path, &s, &err) == SR_EINPUT);
	CHECK_MSG(err.line == 1 &&
			  strstr(err.msg, "unknown setting 'speed_cap' (did you mean "
					  "'speed_cap_kmh'?)") &&
			  strstr(err.msg, "line 3: max_ride_min") &&
			  strstr(err.msg, "line 5: lang") &&
			  strstr(err.msg, "line 6: expected 'key = value'") &&
			  strstr(err.msg, "4 bad lines"),
		  "%s", err.msg);
	/* a spelling (edit distance), and nothing suggested when nothing is near */
	path = test_write_file(dir, "u3.conf", "organization = Отдел\ncolour = red\n");
	sr_error_clear(&err);
	CHECK(plan_conf_read(path, &s, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.msg, "'organization' (did you mean 'organisation'?)") &&
			  strstr(err.msg, "unknown setting 'colour'") &&
			  !strstr(err.msg, "'colour' (did you mean"),
		  "%s", err.msg);
	plan_settings_clear(&s);
}

/* The file sets some keys; overrides (what the flags fill) win where given. */
static void test_override_wins_over_file(void)
{
	const char *dir = test_tmpdir();
	plan_settings_t s, o;
	plan_settings_init(&s);
	sr_error_t err;
	CHECK_OK(plan_conf_read(
			 test_write_file(dir, "w.conf",
					 "seed = 5\nlang = en\nspeed_cap_kmh = 50\nmap = m.osm\n"),
			 &s, &err),
		 &err);
	plan_settings_unset(&o);
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	char why[256];
	/* flags by their names, as cmd_plan finds them */
	CHECK(sr_setting_parse(sr_setting_by_flag(tab, n, "seed"), &o, "7", NULL, why,
			       sizeof why) == 0);
	CHECK(sr_setting_parse(sr_setting_by_flag(tab, n, "time-limit"), &o, "9", NULL, why,
			       sizeof why) == 0);
	CHECK(sr_setting_parse(sr_setting_by_flag(tab, n, "map"), &o, "/x/y.osm", NULL, why,
			       sizeof why) == 0);
	CHECK(sr_setting_by_flag(tab, n, "time_limit_s") ==
	      sr_setting_by_key(tab, n, "time_limit_s"));
	CHECK(sr_setting_by_flag(tab, n, "speed-cap") == NULL);
	plan_settings_apply(&s, &o);
	CHECK(s.seed == 7 && s.time_limit_s == 9 && !strcmp(s.map, "/x/y.osm"));
	CHECK(!strcmp(s.lang, "en") && s.speed_cap_kmh == 50 && s.arrival_buffer_min == 10);
	plan_settings_clear(&o);
	plan_settings_clear(&s);
}

/* The echo of the defaults, as plan_json.c wrote it before the registry
 * (hand-written there, key by key). */
static void test_json_echo_keeps_its_bytes(void)
{
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	plan_settings_t s;
	plan_settings_init(&s);
	sr_buf_t b;
	sr_buf_init(&b);
	sr_settings_json(&b, tab, n, &s);
	const char *want =
		"\"map\":null,\"sessions\":null,\"riders\":null,\"fleet\":null,"
		"\"arrival_buffer_min\":10,\"early_window_min\":15,\"departure_buffer_min\":5,"
		"\"late_window_min\":30,\"dwell_base_s\":45,\"dwell_per_child_s\":10,"
		"\"max_ride_min\":60,\"speed_cap_kmh\":60,\"lang\":\"ru\",\"seed\":1,"
		"\"time_limit_s\":60,\"term_start\":\"2026-09-01\",\"term_end\":\"2026-12-28\"";
	CHECK_MSG(!strncmp(b.data, want, strlen(want)), "%s", b.data);
	sr_buf_reset(&b);
	char why[64];
	CHECK(plan_conf_set(&s, "dwell_per_child_s", "7.25", NULL, why, sizeof why) == 0);
	/* beyond int64: refused, never wrapped */
	CHECK(plan_conf_set(&s, "seed", "18446744073709551614", NULL, why, sizeof why) == -1 &&
	      s.seed == 1);
	CHECK(plan_conf_set(&s, "map", "a\"b.osm", NULL, why, sizeof why) == 0);
	sr_settings_json(&b, tab, n, &s);
	CHECK(strstr(b.data, "\"dwell_per_child_s\":7.25,") &&
	      strstr(b.data, "\"map\":\"a\\\"b.osm\""));
	sr_buf_free(&b);
	plan_settings_clear(&s);
}

/* Cuts a README table cell: trims spaces and backticks. */
static void cell(const char *from, const char *to, char *out, size_t size)
{
	while (from < to && (*from == ' ' || *from == '`'))
		from++;
	while (to > from && (to[-1] == ' ' || to[-1] == '`'))
		to--;
	snprintf(out, size, "%.*s", (int)(to - from), from);
}

static void test_readme_table_equals_registry(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/README.md", test_env("SR_SOURCE_DIR"));
	char *text = NULL;
	size_t len = 0;
	sr_error_t err;
	CHECK_OK(sr_read_file(path, &text, &len, &err), &err);
	if (!text)
		return;
	const char *head = "| key | flag | default | unit | meaning |\n|---|---|---|---|---|\n";
	const char *p = strstr(text, head);
	CHECK_MSG(p != NULL, "README.md has no plan settings table headed '%.40s'", head);
	if (!p) {
		free(text);
		return;
	}
	p += strlen(head);
	size_t n;
	const sr_setting_t *tab = plan_settings_table(&n);
	size_t row = 0;
	while (*p == '|') {
		const char *eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		char c[5][512];
		int k = 0;
		const char *from = p + 1;
		for (const char *q = from; q < eol && k < 5; q++)
			if (*q == '|') {
				cell(from, q, c[k++], sizeof c[0]);
				from = q + 1;
			}
		CHECK_MSG(k == 5, "README row %zu has %d cells", row + 1, k);
		if (k == 5 && row < n) {
			const sr_setting_t *d = &tab[row];
			char flag[128];
			snprintf(flag, sizeof flag, "--%s", d->flag);
			CHECK_MSG(!strcmp(c[0], d->key), "README row %zu: key '%s', registry '%s'",
				  row + 1, c[0], d->key);
			CHECK_MSG(!strcmp(c[1], flag), "README %s: flag '%s', registry '%s'",
				  d->key, c[1], flag);
			CHECK_MSG(!strcmp(c[2], d->def ? d->def : "—"),
				  "README %s: default '%s', registry '%s'", d->key, c[2],
				  d->def ? d->def : "—");
			CHECK_MSG(!strcmp(c[3], d->unit ? d->unit : ""),
				  "README %s: unit '%s', registry '%s'", d->key, c[3],
				  d->unit ? d->unit : "");
			CHECK_MSG(strlen(c[4]) >= 8, "README %s: no meaning", d->key);
		}
		row++;
		p = *eol ? eol + 1 : eol;
	}
	CHECK_MSG(row == n, "README lists %zu settings, the registry %zu", row, n);
	free(text);
}

int main(void)
{
	test_every_row_is_complete();
	test_bounds_name_file_line_and_bounds();
	test_unknown_keys_and_all_bad_lines_at_once();
	test_override_wins_over_file();
	test_json_echo_keeps_its_bytes();
	test_readme_table_equals_registry();
	return test_summary();
}
