/* test_sbrp_read.c - the SBRP instance reader and rule helpers: a good
 * instance with CRLF ends and differing header names reads by position;
 * bad files fail with the file and line named; run evaluation agrees with a
 * hand computation; a tiny instance solves into runs that respect the rules
 * (re-checked here from the inputs). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/sbrp.h"
#include "testutil.h"

static const char *write_inst(const char *schools, const char *stops)
{
	const char *dir = test_tmpdir();
	char path[1024];
	snprintf(path, sizeof path, "%s/Schools.txt", dir);
	FILE *fp = fopen(path, "wb");
	fputs(schools, fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/Stops.txt", dir);
	fp = fopen(path, "wb");
	fputs(stops, fp);
	fclose(fp);
	return dir;
}

static const char *GOOD_SCHOOLS = "ID\tX\tY\tAMEARLY\tAMLATE\r\n200001\t0\t0\t700\t730\r\n"
				  "200002\t5866.66666\t0\t800\t830\r\n";
static const char *GOOD_STOPS = "ID\tX_COORD\tY_COORD\tEP_ID\tSTUDENT_COUNT\r\n"
				"100001\t2933.33333\t0\t200001\t10\r\n"
				"100002\t5866.66666\t0\t200001\t20\r\n"
				"100003\t8800\t0\t200002\t30\r\n";

static void test_good_instance_reads_by_position(void)
{
	const char *dir = write_inst(GOOD_SCHOOLS, GOOD_STOPS);
	sbrp_instance_t *in;
	sr_error_t e;
	CHECK_OK(sbrp_read(dir, &in, &e), &e);
	CHECK(in->n_schools == 2 && in->n_stops == 3);
	CHECK_NEAR(in->schools[1].bell_s, 8 * 3600, 1e-9);
	CHECK(in->stops[2].school == 1 && in->stops[2].students == 30);
	CHECK(!strcmp(in->stops[0].id, "100001"));
	/* run 100002 -> 100001 -> school: dwells 71 + 45, legs 100 + 100 s */
	int seq[2] = {1, 0}, students;
	double dur;
	CHECK(sbrp_eval_seq(in, seq, 2, 300, &dur, &students) == 1);
	CHECK_NEAR(dur, 316, 1e-4);
	CHECK(students == 30);
	/* the first stop rides 316 - 71 = 245 s: over a 240 s limit */
	CHECK(sbrp_eval_seq(in, seq, 2, 240, &dur, &students) == 0);
	sbrp_instance_free(in);
}

static void expect_error(const char *schools, const char *stops, const char *file, long line,
			 const char *needle)
{
	const char *dir = write_inst(schools, stops);
	sbrp_instance_t *in = NULL;
	sr_error_t e;
	sr_error_clear(&e);
	int rc = sbrp_read(dir, &in, &e);
	CHECK_MSG(rc == SR_EINPUT, "expected bad input for '%s', got %d", needle, rc);
	CHECK_MSG(strstr(e.file, file) != NULL, "file %s, expected %s", e.file, file);
	CHECK_MSG(e.line == line, "line %ld, expected %ld (%s)", e.line, line, e.msg);
	CHECK_MSG(strstr(e.msg, needle) != NULL, "message '%s' lacks '%s'", e.msg, needle);
	CHECK(in == NULL);
}

static void test_bad_files_name_file_and_line(void)
{
	expect_error("ID\tX\tY\tAMEARLY\tAMLATE\r\n200001\t0\t0\t7:00\t730\r\n", GOOD_STOPS,
		     "Schools.txt", 2, "AMEARLY");
	expect_error("ID\tX\tY\tAMEARLY\tAMLATE\r\n200001\tzero\t0\t700\t730\r\n", GOOD_STOPS,
		     "Schools.txt", 2, "not a number");
	expect_error(GOOD_SCHOOLS,
		     "ID\tX\tY\tEP\tN\r\n100001\t1\t2\t200001\t5\r\n100002\t1\t2\t209999\t5\r\n",
		     "Stops.txt", 3, "not in Schools.txt");
	expect_error(GOOD_SCHOOLS, "ID\tX\tY\tEP\tN\r\n100001\t1\t2\t200001\r\n", "Stops.txt", 2,
		     "columns");
	expect_error(GOOD_SCHOOLS, "ID\tX\tY\tEP\tN\r\n100001\t1\t2\t200001\t-4\r\n", "Stops.txt",
		     2, "STUDENT_COUNT");
	expect_error(GOOD_SCHOOLS, "ID\tX\tY\tEP\tN\r\n100001\t1\t2\t200001\t67\r\n", "Stops.txt",
		     2, "exceed");
	expect_error(GOOD_SCHOOLS, "ID\tX\tY\tEP\tN\r\n", "Stops.txt", 1, "no stops");
}

static void test_tiny_instance_solves_within_the_rules(void)
{
	const char *dir = write_inst(GOOD_SCHOOLS, GOOD_STOPS);
	sbrp_instance_t *in;
	sr_error_t e;
	CHECK_OK(sbrp_read(dir, &in, &e), &e);
	sbrp_opts_t o;
	sbrp_opts_init(&o);
	o.max_ride_s = 300;
	o.time_limit_s = 5;
	sbrp_solution_t s;
	CHECK_OK(sbrp_solve(in, &o, &s, &e), &e);
	/* one bus does both schools (08:00 run reachable after the 07:00 bell) */
	CHECK(s.n_buses == 1);
	int seen[3] = {0, 0, 0};
	for (int r = 0; r < s.n_runs; r++) {
		const sbrp_run_t *run = &s.runs[r];
		int load = 0;
		for (int k = 0; k < run->n_stops; k++) {
			seen[run->stops[k]]++;
			load += in->stops[run->stops[k]].students;
			CHECK(in->stops[run->stops[k]].school == run->school);
		}
		CHECK(load <= SBRP_CAPACITY);
		CHECK_NEAR(run->start_s + run->duration_s,
			   in->schools[run->school].bell_s - SBRP_SCHOOL_DWELL_S, 1e-6);
	}
	CHECK(seen[0] == 1 && seen[1] == 1 && seen[2] == 1);
	/* a stop that cannot reach its school even directly is bad input */
	sbrp_solution_free(&s);
	o.max_ride_s = 50;
	CHECK(sbrp_solve(in, &o, &s, &e) == SR_EINPUT);
	sbrp_instance_free(in);
}

int main(void)
{
	test_good_instance_reads_by_position();
	test_bad_files_name_file_and_line();
	test_tiny_instance_solves_within_the_rules();
	return test_summary();
}
