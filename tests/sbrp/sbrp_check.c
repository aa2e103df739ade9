/* sbrp_check.c - independent checker for `schoolrun sbrp` solutions.
 *
 * usage: sbrp_check INSTANCE_DIR MAX_RIDE_S SOLUTION.csv [--mixed-load]
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
 * and runs. With --mixed-load a run may visit several schools after its
 * stops (each once, the stops' own schools, a seventh CSV column school
 * may name each row's school): each school row is checked for travel from
 * the previous school (after its 154.4 s dwell), its bell and the students
 * dropped there, each student's ride is measured to the own school, and
 * the bus is free at the bell of the run's last school. Prints one line
 * per violation ("error: RULE: ...") and a final "OK buses=N runs=M" or
 * "FAIL errors=K"; exit status 0 or 1 (2 for unreadable input). */
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
	char school[64]; /* the school column ("" without it) */
	int line;
} row_t;

static school_t *schools;
static int n_schools;
static stop_t *stops;
static int n_stops;
static int n_errors;
static double max_ride;

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
	int school; /* the last school: the bus is free at its bell */
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

static int mixed;     /* --mixed-load: several schools a run */
static int n_columns; /* 6, or 7 with the school column */

/* The header: 6 columns, or with --mixed-load optionally a 7th, school. */
static void check_header(char **f, int n)
{
	const char *want[7] = {"bus", "run", "seq", "stop_id", "students", "arrival_s", "school"};
	int ok = n == 6 || (mixed && n == 7);
	for (int k = 0; ok && k < n; k++)
		ok = !strcmp(f[k], want[k]);
	if (!ok)
		fail("format", "line 1: header is not bus,run,seq,stop_id,students,arrival_s%s",
		     mixed ? "[,school]" : "");
	n_columns = ok ? n : 6;
}

/* The solution's rows (the caller frees them). */
static row_t *read_rows(FILE *fp, int *n_out)
{
	char line[4096], *f[8];
	row_t *rows = NULL;
	int n_rows = 0, ln = 0;
	while (fgets(line, sizeof line, fp)) {
		ln++;
		int n = split(line, ',', f, 8);
		if (ln == 1) {
			check_header(f, n);
			continue;
		}
		if (n == 1 && f[0][0] == '\0')
			continue;
		if (n != n_columns) {
			fail("format", "line %d: %d fields, expected %d", ln, n, n_columns);
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
		snprintf(r->school, sizeof r->school, "%s", n_columns == 7 ? f[6] : "");
		r->line = ln;
		if (*e1 || *e2 || *e3 || *e4 || *e5 || !f[0][0] || !f[5][0])
			fail("format", "line %d: a field is not a number", ln);
	}
	*n_out = n_rows;
	return rows;
}

/* The school column, when there is one, names the school of the row's
 * students (a school row: itself). */
static void check_school_col(const row_t *r, int school)
{
	if (n_columns == 7 && school >= 0 && strcmp(r->school, schools[school].id))
		fail("format", "line %d: school column says %s, the instance says %s", r->line,
		     r->school, schools[school].id);
}

/* A run's rows: its stops, then the school(s). Returns the number of stop
 * rows (the school rows follow), or -1 when the shape is wrong. */
static int run_shape(const row_t *rows, int len)
{
	int k = 0;
	while (k < len && find_school(rows[k].id) < 0)
		k++;
	int ok = k >= 1 && k < len;
	for (int q = k; q < len && ok; q++)
		ok = find_school(rows[q].id) >= 0;
	if (ok && !mixed && len - k != 1)
		ok = 0;
	if (!ok)
		fail("format", "line %d: run %ld is not stops then %s", rows[0].line, rows[0].run,
		     mixed ? "schools" : "one school");
	return ok ? k : -1;
}

/* The pickups of a run: coverage, students, travel between stops; the
 * end of each dwell into dw_end. Returns the load. */
static long check_pickups(const row_t *rows, int k, double *dw_end, int *stop_of)
{
	long load = 0;
	for (int q = 0; q < k; q++) {
		const row_t *r = &rows[q];
		int s = stop_of[q] = find_stop(r->id);
		if (s < 0) {
			fail("format", "line %d: '%s' is no stop of the instance", r->line, r->id);
			continue;
		}
		stop_t *st = &stops[s];
		check_school_col(r, st->school);
		if (st->seen++)
			fail("coverage", "line %d: stop %s is served more than once", r->line,
			     st->id);
		if (r->students != st->students)
			fail("students", "line %d: stop %s has %d students, the row says %ld",
			     r->line, st->id, st->students, r->students);
		load += st->students;
		if (q > 0 && stop_of[q - 1] >= 0) {
			const stop_t *p = &stops[stop_of[q - 1]];
			double need = dw_end[q - 1] + travel(p->x, p->y, st->x, st->y);
			if (r->t < need - TOL)
				fail("travel",
				     "line %d: arrival %.3f before %.3f (dwell and travel from the previous stop)",
				     r->line, r->t, need);
		}
		dw_end[q] = r->t + 19.0 + 2.6 * st->students;
	}
	return load;
}

/* One school row of a run (index q, after the pickups 0..k-1): travel,
 * bell, the students dropped, every ride to it. Returns the school. */
static int check_drop(const row_t *rows, int k, int q, const double *dw_end, const int *stop_of,
		      long *on_board)
{
	const row_t *r = &rows[q];
	int sc = find_school(r->id);
	const school_t *S = &schools[sc];
	check_school_col(r, sc);
	for (int p = k; p < q; p++)
		if (find_school(rows[p].id) == sc)
			fail("format", "line %d: run %ld visits school %s twice", r->line, r->run,
			     S->id);
	double px, py, ready;
	if (q == k) {
		const stop_t *l = stop_of[k - 1] >= 0 ? &stops[stop_of[k - 1]] : NULL;
		px = l ? l->x : S->x;
		py = l ? l->y : S->y;
		ready = dw_end[k - 1];
	} else {
		const school_t *P = &schools[find_school(rows[q - 1].id)];
		px = P->x;
		py = P->y;
		ready = rows[q - 1].t + 154.4;
	}
	double need = ready + travel(px, py, S->x, S->y);
	if (r->t < need - TOL)
		fail("travel", "line %d: arrival at school %.3f before %.3f", r->line, r->t, need);
	if (r->t > S->bell - 154.4 + TOL)
		fail("bell", "line %d: run %ld arrives at %.3f, drop-off must start by %.3f",
		     r->line, r->run, r->t, S->bell - 154.4);
	long dropped = 0;
	for (int p = 0; p < k; p++) {
		if (stop_of[p] < 0 || stops[stop_of[p]].school != sc)
			continue;
		dropped += stops[stop_of[p]].students;
		double ride = r->t - dw_end[p];
		if (ride > max_ride + TOL)
			fail("ride", "line %d: stop %s rides %.1f s, limit %.0f", rows[p].line,
			     stops[stop_of[p]].id, ride, max_ride);
	}
	if (r->students != dropped)
		fail("students", "line %d: school row says %ld delivered, the stops give %ld",
		     r->line, r->students, dropped);
	*on_board -= dropped;
	return sc;
}

/* One run (rows[0..len-1]); its facts for the chain check into *ri. */
static int check_run(const row_t *rows, int len, runinfo_t *ri)
{
	for (int q = 0; q < len; q++)
		if (rows[q].seq != q + 1)
			fail("format", "line %d: seq %ld, expected %d", rows[q].line, rows[q].seq,
			     q + 1);
	int k = run_shape(rows, len);
	if (k < 0)
		return -1;
	double *dw_end = calloc((size_t)k, sizeof(double));
	int *stop_of = calloc((size_t)k, sizeof(int));
	long on_board = check_pickups(rows, k, dw_end, stop_of);
	/* every student is on board after the pickups: the seats' peak */
	if (on_board > CAP)
		fail("seats", "run %ld carries %ld students, %d seats", rows[0].run, on_board, CAP);
	int last = -1;
	for (int q = k; q < len; q++)
		last = check_drop(rows, k, q, dw_end, stop_of, &on_board);
	for (int p = 0; p < k; p++)
		if (stop_of[p] >= 0) {
			int visited = 0;
			for (int q = k; q < len; q++)
				visited |= find_school(rows[q].id) == stops[stop_of[p]].school;
			if (!visited)
				fail(mixed ? "school" : "single load",
				     "line %d: stop %s's students go to school %s, the run does not visit it",
				     rows[p].line, stops[stop_of[p]].id,
				     schools[stops[stop_of[p]].school].id);
		}
	int fs = stop_of[0];
	*ri = (runinfo_t){rows[0].bus,
			  rows[0].run,
			  last,
			  rows[0].t,
			  fs >= 0 ? stops[fs].x : 0,
			  fs >= 0 ? stops[fs].y : 0};
	free(dw_end);
	free(stop_of);
	return 0;
}

/* Buses: consecutive runs reachable from the previous run's last bell. */
static int check_chains(runinfo_t *runs, int n_runs)
{
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
	return n_buses;
}

int main(int argc, char **argv)
{
	mixed = argc == 5 && !strcmp(argv[4], "--mixed-load");
	if (argc != 4 && !mixed) {
		fprintf(stderr,
			"usage: sbrp_check INSTANCE_DIR MAX_RIDE_S SOLUTION.csv [--mixed-load]\n");
		return 2;
	}
	max_ride = atof(argv[2]);
	if (read_instance(argv[1]) != 0) {
		fprintf(stderr, "sbrp_check: cannot read the instance in %s\n", argv[1]);
		return 2;
	}
	FILE *fp = fopen(argv[3], "r");
	if (!fp) {
		fprintf(stderr, "sbrp_check: cannot open %s\n", argv[3]);
		return 2;
	}
	int n_rows = 0;
	row_t *rows = read_rows(fp, &n_rows);
	fclose(fp);
	runinfo_t *runs = calloc((size_t)n_rows + 1, sizeof(runinfo_t));
	int n_runs = 0;
	for (int i = 0; i < n_rows;) {
		int j = i;
		while (j < n_rows && rows[j].run == rows[i].run && rows[j].bus == rows[i].bus)
			j++;
		for (int q = 0; q < n_runs; q++)
			if (runs[q].run == rows[i].run)
				fail("format", "line %d: run %ld appears in two places",
				     rows[i].line, rows[i].run);
		if (check_run(rows + i, j - i, &runs[n_runs]) == 0)
			n_runs++;
		i = j;
	}
	for (int s = 0; s < n_stops; s++)
		if (!stops[s].seen)
			fail("coverage", "stop %s is not served", stops[s].id);
	int n_buses = check_chains(runs, n_runs);
	if (n_errors)
		printf("FAIL errors=%d\n", n_errors);
	else
		printf("OK buses=%d runs=%d\n", n_buses, n_runs);
	free(rows);
	free(runs);
	free(stops);
	free(schools);
	return n_errors ? 1 : 0;
}
