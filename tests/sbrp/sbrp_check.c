/* sbrp_check.c - independent checker for `schoolrun sbrp` solutions.
 *
 * usage: sbrp_check INSTANCE_DIR MAX_RIDE_S SOLUTION.csv
 *
 * Re-reads the instance with its own tab-splitting code (no library routing
 * or instance code) and the solution CSV, and verifies every rule of
 * ../shared/bench/sbrp/README.md from the inputs: each stop served exactly
 * once with its own student count, single load (a run's stops belong to the
 * school the run ends at), 66 seats, arrival times consistent with Manhattan
 * travel at 29.3333333 ft/s and dwells of 19 s + 2.6 s per student (waiting
 * is allowed, arriving early is not), ride from the end of the own dwell to
 * the school within the limit, drop-off finished by the bell, and a bus's
 * consecutive runs reachable from the previous school's bell. Recounts buses
 * and runs. Prints one line per violation ("error: RULE: ...") and a final
 * "OK buses=N runs=M" or "FAIL errors=K"; exit status 0 or 1 (2 for
 * unreadable input). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPEED 29.3333333
#define CAP 66
#define TOL 0.01

typedef struct {
	char id[64];
	double x, y, bell;
} school_t;
typedef struct {
	char id[64];
	double x, y;
	int school, students, seen;
} stop_t;
typedef struct {
	long bus, run, seq;
	char id[64];
	long students;
	double t;
	int line;
} row_t;

static school_t *schools;
static int n_schools;
static stop_t *stops;
static int n_stops;
static int n_errors;

static void fail(const char *rule, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(const char *rule, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("error: %s: ", rule);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	n_errors++;
}

/* Splits a line on sep into at most max fields (in place); strips CR/LF. */
static int split(char *line, char sep, char **f, int max)
{
	size_t L = strlen(line);
	while (L > 0 && (line[L - 1] == '\n' || line[L - 1] == '\r'))
		line[--L] = '\0';
	int n = 0;
	char *p = line;
	while (n < max) {
		f[n++] = p;
		char *q = strchr(p, sep);
		if (!q)
			break;
		*q = '\0';
		p = q + 1;
	}
	return n;
}

static int read_instance(const char *dir)
{
	char path[1024], line[4096], *f[8];
	snprintf(path, sizeof path, "%s/Schools.txt", dir);
	FILE *fp = fopen(path, "r");
	if (!fp)
		return -1;
	int ln = 0;
	while (fgets(line, sizeof line, fp)) {
		if (ln++ == 0)
			continue;
		int n = split(line, '\t', f, 8);
		if (n < 4)
			continue;
		schools = realloc(schools, sizeof(school_t) * (size_t)(n_schools + 1));
		school_t *s = &schools[n_schools++];
		snprintf(s->id, sizeof s->id, "%s", f[0]);
		s->x = atof(f[1]);
		s->y = atof(f[2]);
		long hm = atol(f[3]);
		s->bell = (double)(hm / 100) * 3600 + (double)(hm % 100) * 60;
	}
	fclose(fp);
	snprintf(path, sizeof path, "%s/Stops.txt", dir);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	ln = 0;
	while (fgets(line, sizeof line, fp)) {
		if (ln++ == 0)
			continue;
		int n = split(line, '\t', f, 8);
		if (n < 5)
			continue;
		stops = realloc(stops, sizeof(stop_t) * (size_t)(n_stops + 1));
		stop_t *s = &stops[n_stops++];
		snprintf(s->id, sizeof s->id, "%s", f[0]);
		s->x = atof(f[1]);
		s->y = atof(f[2]);
		s->school = -1;
		for (int k = 0; k < n_schools; k++)
			if (!strcmp(schools[k].id, f[3]))
				s->school = k;
		s->students = atoi(f[4]);
		s->seen = 0;
	}
	fclose(fp);
	return n_schools > 0 && n_stops > 0 ? 0 : -1;
}

static double travel(double x1, double y1, double x2, double y2)
{
	return (fabs(x1 - x2) + fabs(y1 - y2)) / SPEED;
}

static int find_stop(const char *id)
{
	for (int i = 0; i < n_stops; i++)
		if (!strcmp(stops[i].id, id))
			return i;
	return -1;
}

static int find_school(const char *id)
{
	for (int i = 0; i < n_schools; i++)
		if (!strcmp(schools[i].id, id))
			return i;
	return -1;
}

typedef struct {
	long bus, run;
	int school;
	double first_t, first_x, first_y;
} runinfo_t;

static int cmp_run(const void *a, const void *b)
{
	const runinfo_t *x = a, *y = b;
	if (x->bus != y->bus)
		return x->bus < y->bus ? -1 : 1;
	if (x->first_t != y->first_t)
		return x->first_t < y->first_t ? -1 : 1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: sbrp_check INSTANCE_DIR MAX_RIDE_S SOLUTION.csv\n");
		return 2;
	}
	double max_ride = atof(argv[2]);
	if (read_instance(argv[1]) != 0) {
		fprintf(stderr, "sbrp_check: cannot read the instance in %s\n", argv[1]);
		return 2;
	}
	FILE *fp = fopen(argv[3], "r");
	if (!fp) {
		fprintf(stderr, "sbrp_check: cannot open %s\n", argv[3]);
		return 2;
	}
	char line[4096], *f[8];
	row_t *rows = NULL;
	int n_rows = 0, ln = 0;
	while (fgets(line, sizeof line, fp)) {
		ln++;
		int n = split(line, ',', f, 8);
		if (ln == 1) {
			const char *want[6] = {"bus",	  "run",      "seq",
					       "stop_id", "students", "arrival_s"};
			int ok = n == 6;
			for (int k = 0; ok && k < 6; k++)
				ok = !strcmp(f[k], want[k]);
			if (!ok)
				fail("format",
				     "line 1: header is not bus,run,seq,stop_id,students,arrival_s");
			continue;
		}
		if (n == 1 && f[0][0] == '\0')
			continue;
		if (n != 6) {
			fail("format", "line %d: %d fields, expected 6", ln, n);
			continue;
		}
		rows = realloc(rows, sizeof(row_t) * (size_t)(n_rows + 1));
		row_t *r = &rows[n_rows++];
		char *e1, *e2, *e3, *e4, *e5;
		r->bus = strtol(f[0], &e1, 10);
		r->run = strtol(f[1], &e2, 10);
		r->seq = strtol(f[2], &e3, 10);
		snprintf(r->id, sizeof r->id, "%s", f[3]);
		r->students = strtol(f[4], &e4, 10);
		r->t = strtod(f[5], &e5);
		r->line = ln;
		if (*e1 || *e2 || *e3 || *e4 || *e5 || !f[0][0] || !f[5][0])
			fail("format", "line %d: a field is not a number", ln);
	}
	fclose(fp);

	runinfo_t *runs = NULL;
	int n_runs = 0;
	long *seen_runs = NULL;
	for (int i = 0; i < n_rows;) {
		int j = i;
		while (j < n_rows && rows[j].run == rows[i].run && rows[j].bus == rows[i].bus)
			j++;
		/* rows i..j-1 form one run */
		for (int q = 0; q < n_runs; q++)
			if (seen_runs[q] == rows[i].run)
				fail("format", "line %d: run %ld appears in two places",
				     rows[i].line, rows[i].run);
		int len = j - i;
		for (int k = 0; k < len; k++)
			if (rows[i + k].seq != k + 1)
				fail("format", "line %d: seq %ld, expected %d", rows[i + k].line,
				     rows[i + k].seq, k + 1);
		const row_t *last = &rows[j - 1];
		int school = find_school(last->id);
		if (len < 2 || school < 0) {
			fail("format", "line %d: run %ld does not end with a school after a stop",
			     last->line, last->run);
			i = j;
			continue;
		}
		long load = 0;
		double px = 0, py = 0, pt = 0, pdw = 0;
		double t_school = last->t;
		const school_t *S = &schools[school];
		for (int k = 0; k < len - 1; k++) {
			const row_t *r = &rows[i + k];
			int s = find_stop(r->id);
			if (s < 0) {
				fail("format", "line %d: '%s' is no stop of the instance", r->line,
				     r->id);
				continue;
			}
			stop_t *st = &stops[s];
			if (st->seen++)
				fail("coverage", "line %d: stop %s is served more than once",
				     r->line, st->id);
			if (r->students != st->students)
				fail("students",
				     "line %d: stop %s has %d students, the row says %ld", r->line,
				     st->id, st->students, r->students);
			if (st->school != school)
				fail("single load",
				     "line %d: stop %s's students go to school %s, the run ends at %s",
				     r->line, st->id, schools[st->school].id, S->id);
			load += st->students;
			double dw = 19.0 + 2.6 * st->students;
			if (k > 0) {
				double need = pt + pdw + travel(px, py, st->x, st->y);
				if (r->t < need - TOL)
					fail("travel",
					     "line %d: arrival %.3f before %.3f (dwell and travel from the previous stop)",
					     r->line, r->t, need);
			}
			double ride = t_school - (r->t + dw);
			if (ride > max_ride + TOL)
				fail("ride", "line %d: stop %s rides %.1f s, limit %.0f", r->line,
				     st->id, ride, max_ride);
			px = st->x;
			py = st->y;
			pt = r->t;
			pdw = dw;
		}
		double need = pt + pdw + travel(px, py, S->x, S->y);
		if (t_school < need - TOL)
			fail("travel", "line %d: arrival at school %.3f before %.3f", last->line,
			     t_school, need);
		if (load > CAP)
			fail("seats", "run %ld carries %ld students, %d seats", last->run, load,
			     CAP);
		if (last->students != load)
			fail("students",
			     "line %d: school row says %ld delivered, the stops give %ld",
			     last->line, last->students, load);
		if (t_school > S->bell - 154.4 + TOL)
			fail("bell",
			     "line %d: run %ld arrives at %.3f, drop-off must start by %.3f",
			     last->line, last->run, t_school, S->bell - 154.4);
		runs = realloc(runs, sizeof(runinfo_t) * (size_t)(n_runs + 1));
		seen_runs = realloc(seen_runs, sizeof(long) * (size_t)(n_runs + 1));
		seen_runs[n_runs] = rows[i].run;
		int fs = find_stop(rows[i].id);
		runs[n_runs++] = (runinfo_t){rows[i].bus,
					     rows[i].run,
					     school,
					     rows[i].t,
					     fs >= 0 ? stops[fs].x : 0,
					     fs >= 0 ? stops[fs].y : 0};
		i = j;
	}
	for (int s = 0; s < n_stops; s++)
		if (!stops[s].seen)
			fail("coverage", "stop %s is not served", stops[s].id);
	qsort(runs, (size_t)n_runs, sizeof(runinfo_t), cmp_run);
	int n_buses = 0;
	for (int k = 0; k < n_runs; k++) {
		if (k == 0 || runs[k].bus != runs[k - 1].bus) {
			n_buses++;
			continue;
		}
		const runinfo_t *a = &runs[k - 1], *b = &runs[k];
		const school_t *S = &schools[a->school];
		double ready = S->bell + travel(S->x, S->y, b->first_x, b->first_y);
		if (b->first_t < ready - TOL)
			fail("chain",
			     "bus %ld: run %ld starts at %.3f, but after run %ld (free at bell %.0f) the bus reaches it at %.3f",
			     b->bus, b->run, b->first_t, a->run, S->bell, ready);
	}
	if (n_errors)
		printf("FAIL errors=%d\n", n_errors);
	else
		printf("OK buses=%d runs=%d\n", n_buses, n_runs);
	free(rows);
	free(runs);
	free(seen_runs);
	free(stops);
	free(schools);
	return n_errors ? 1 : 0;
}
