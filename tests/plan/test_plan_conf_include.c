/* test_plan_conf_include.c - `include = FILE` in plan.conf: the included
 * settings apply where the line stands (keys after it win, keys before it
 * lose), paths in each file are relative to that file, includes nest, and
 * a cycle or a missing file is an error naming the files and the line. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "schoolrun/plan.h"
#include "testutil.h"

static const char *put(const char *dir, const char *name, const char *text)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Whether two paths name the same existing file. */
static int same_file(const char *a, const char *b)
{
	char ra[PATH_MAX], rb[PATH_MAX];
	return a && b && realpath(a, ra) && realpath(b, rb) && !strcmp(ra, rb);
}

static void test_include_overrides_and_relative_paths(const char *dir)
{
	char d[4200], want[4300];
	snprintf(d, sizeof d, "%s/base", dir);
	mkdir(d, 0755);
	put(d, "sessions.csv", "");
	snprintf(want, sizeof want, "%s/maps", dir);
	mkdir(want, 0755);
	put(want, "x.osm", "");
	put(d, "plan.conf",
	    "map = ../maps/x.osm\nsessions = sessions.csv\nriders = riders.csv\n"
	    "seed = 7\nmax_ride_min = 45\nlang = en\n");
	snprintf(d, sizeof d, "%s/common", dir);
	mkdir(d, 0755);
	put(d, "buffers.conf", "include = ../base/plan.conf\narrival_buffer_min = 20\n");
	snprintf(d, sizeof d, "%s/scen", dir);
	mkdir(d, 0755);
	/* seed before the include loses; riders and max_ride_min after it win */
	char conf[4300];
	snprintf(conf, sizeof conf, "%s",
		 put(d, "plan.conf",
		     "seed = 99\ninclude = ../common/buffers.conf\n"
		     "riders = my_riders.csv\nmax_ride_min = 30\n"));
	plan_settings_t s;
	plan_settings_init(&s);
	sr_error_t err;
	CHECK_OK(plan_conf_read(conf, &s, &err), &err);
	CHECK_MSG(s.seed == 7,
		  "seed %llu: the included file's value comes after the line before it",
		  (unsigned long long)s.seed);
	CHECK(s.max_ride_min == 30 && s.arrival_buffer_min == 20 && !strcmp(s.lang, "en"));
	snprintf(want, sizeof want, "%s/maps/x.osm", dir);
	CHECK_MSG(same_file(s.map, want), "map %s, want %s", s.map, want);
	snprintf(want, sizeof want, "%s/base/sessions.csv", dir);
	CHECK_MSG(same_file(s.sessions, want), "sessions %s", s.sessions);
	snprintf(want, sizeof want, "%s/scen/my_riders.csv", dir);
	CHECK_MSG(s.riders && !strcmp(s.riders, want), "riders %s", s.riders);
	plan_settings_clear(&s);
}

static void test_include_cycle_and_missing_file_are_errors(const char *dir)
{
	char d[4200];
	snprintf(d, sizeof d, "%s/cyc", dir);
	mkdir(d, 0755);
	put(d, "a.conf", "seed = 1\ninclude = b.conf\n");
	put(d, "b.conf", "# b\n\ninclude = c.conf\n");
	char conf[4300];
	snprintf(conf, sizeof conf, "%s", put(d, "c.conf", "include = a.conf\n"));
	snprintf(conf, sizeof conf, "%s/a.conf", d);
	plan_settings_t s;
	plan_settings_init(&s);
	sr_error_t err;
	sr_error_clear(&err);
	CHECK(plan_conf_read(conf, &s, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.file, "c.conf") && err.line == 1, "at %s:%ld", err.file, err.line);
	CHECK_MSG(strstr(err.msg, "include cycle") && strstr(err.msg, "a.conf includes") &&
			  strstr(err.msg, "b.conf includes") && strstr(err.msg, "c.conf includes"),
		  "message: %s", err.msg);
	plan_settings_clear(&s);

	/* a file including itself */
	plan_settings_init(&s);
	snprintf(conf, sizeof conf, "%s", put(d, "self.conf", "include = ./self.conf\n"));
	CHECK(plan_conf_read(conf, &s, &err) == SR_EINPUT && strstr(err.msg, "include cycle"));
	plan_settings_clear(&s);

	/* a missing file names the line that includes it */
	plan_settings_init(&s);
	snprintf(conf, sizeof conf, "%s",
		 put(d, "miss.conf", "seed = 2\ninclude = ../nowhere.conf\n"));
	CHECK(plan_conf_read(conf, &s, &err) == SR_EINPUT);
	CHECK_MSG(strstr(err.file, "miss.conf") && err.line == 2 && strstr(err.msg, "nowhere.conf"),
		  "%s:%ld: %s", err.file, err.line, err.msg);
	plan_settings_clear(&s);

	/* an error inside an included file names that file */
	plan_settings_init(&s);
	put(d, "badinc.conf", "seed = x\n");
	snprintf(conf, sizeof conf, "%s", put(d, "top.conf", "include = badinc.conf\n"));
	CHECK(plan_conf_read(conf, &s, &err) == SR_EINPUT && strstr(err.file, "badinc.conf") &&
	      err.line == 1);
	plan_settings_clear(&s);
}

int main(void)
{
	const char *dir = test_tmpdir();
	test_include_overrides_and_relative_paths(dir);
	test_include_cycle_and_missing_file_are_errors(dir);
	return test_summary();
}
