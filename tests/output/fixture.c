/* fixture.c - the hand-built plan of fixture.h. Times and numbers are
 * chosen by hand so that the tests can state expected values directly. */
#include <stdlib.h>
#include <string.h>
#include "fixture.h"

#define T(h, m, s) ((h)*3600 + (m)*60 + (s))

typedef struct stop_spec {
	int point, arr, dep, board, alight;
} stop_spec_t;

static void set_point(plan_point_t *pt, const char *id, const char *name, const char *name_en,
		      int kind, double lat, double lon, double slat, double slon)
{
	pt->id = xstrdup(id);
	pt->name = xstrdup(name);
	pt->name_en = name_en ? xstrdup(name_en) : NULL;
	pt->kind = kind;
	pt->lat = lat;
	pt->lon = lon;
	pt->snap_lat = slat;
	pt->snap_lon = slon;
	pt->snap_m = slat != 0 ? 21.5 : 0;
}

static void set_run(sr_plan_t *p, plan_run_t *r, const char *id, int session, int dir, int bus,
		    const stop_spec_t *st, int n, double meters)
{
	r->id = xstrdup(id);
	r->session = session;
	r->dir = dir;
	r->bus = bus;
	r->n_stops = n;
	r->stops = xcalloc((size_t)n, sizeof(plan_stop_t));
	r->children = 0;
	for (int i = 0; i < n; i++) {
		plan_stop_t *s = &r->stops[i];
		s->point = st[i].point;
		s->arrival_s = st[i].arr;
		s->departure_s = st[i].dep;
		s->board = st[i].board;
		s->alight = st[i].alight;
		s->session = session;
		r->children += st[i].board;
	}
	for (int i = 0; i < n; i++) {
		plan_stop_t *s = &r->stops[i];
		if (dir == PLAN_TO_SESSION && s->board)
			s->ride_s = r->stops[n - 1].arrival_s - s->departure_s;
		if (dir == PLAN_HOME && s->alight)
			s->ride_s = s->arrival_s - r->stops[0].departure_s;
	}
	r->meters = meters;
	/* a road shape: each stop, and between stops two bends off the
	 * straight line */
	r->n_shape = (size_t)(3 * (n - 1) + 1);
	r->shape_lat = xcalloc(r->n_shape, sizeof(double));
	r->shape_lon = xcalloc(r->n_shape, sizeof(double));
	for (int i = 0; i < n; i++) {
		const plan_point_t *a = &p->points[st[i].point];
		size_t k = (size_t)(3 * i);
		r->shape_lat[k] = a->snap_lat != 0 ? a->snap_lat : a->lat;
		r->shape_lon[k] = a->snap_lat != 0 ? a->snap_lon : a->lon;
		if (i + 1 < n) {
			const plan_point_t *b = &p->points[st[i + 1].point];
			double blat = b->snap_lat != 0 ? b->snap_lat : b->lat;
			double blon = b->snap_lat != 0 ? b->snap_lon : b->lon;
			for (int j = 1; j <= 2; j++) {
				double f = j / 3.0;
				r->shape_lat[k + (size_t)j] =
					r->shape_lat[k] + f * (blat - r->shape_lat[k]) + 0.004 * j;
				r->shape_lon[k + (size_t)j] =
					r->shape_lon[k] + f * (blon - r->shape_lon[k]) - 0.003;
			}
		}
	}
}

static void set_duty(plan_duty_t *d, int bus, const int *runs, int n, int dep, int ret, double m)
{
	d->bus = bus;
	d->n_runs = n;
	d->runs = xmalloc(sizeof(int) * (size_t)n);
	memcpy(d->runs, runs, sizeof(int) * (size_t)n);
	d->depart_depot_s = dep;
	d->return_depot_s = ret;
	d->span_s = d->shift_s = ret - dep; /* no split shift */
	d->meters = m;
}

sr_plan_t *fixture_plan(const char *lang)
{
	sr_plan_t *p = xcalloc(1, sizeof *p);
	plan_settings_t *s = &p->settings;
	plan_settings_init(s); /* the planner's defaults */
	s->map = xstrdup("maps/district.osm");
	s->sessions = xstrdup("examples/t/sessions.csv");
	s->riders = xstrdup("examples/t/riders.csv");
	s->fleet = xstrdup("examples/t/fleet.csv");
	snprintf(s->lang, sizeof s->lang, "%s", lang);
	snprintf(s->term_start, sizeof s->term_start, "2026-09-07");
	snprintf(s->term_end, sizeof s->term_end, "2027-05-28");
	s->organisation = xstrdup("МКУ «Транспорт» & Co");
	s->contact_name = xstrdup("Иванова А. П.");
	s->contact_phone = xstrdup("+7 (495) 123-45-67");

	p->n_points = FX_N_POINTS;
	p->points = xcalloc(FX_N_POINTS, sizeof(plan_point_t));
	set_point(&p->points[FX_IVANOVKA], "n101", "Ивановка", "Ivanovka", PLAN_PT_PICKUP, 55.101,
		  37.201, 55.101234, 37.201567);
	set_point(&p->points[FX_PETROVKA], "n102", "Петровка, \"Малая\" <&>", NULL, PLAN_PT_PICKUP,
		  55.15, 37.25, 55.150111, 37.250222);
	set_point(&p->points[FX_STADIUM], "w201", "Стадион «Урожай»", NULL, PLAN_PT_DESTINATION,
		  55.2, 37.3, 55.2001, 37.3001);
	set_point(&p->points[FX_KINDERGARTEN], "w202", "Детский сад «Солнышко»", NULL,
		  PLAN_PT_DESTINATION, 55.18, 37.22, 55.1801, 37.2201);
	set_point(&p->points[FX_DEPOT], "p1", "Гараж", NULL, PLAN_PT_DEPOT, 55.12, 37.28, 55.1201,
		  37.2801);
	set_point(&p->points[FX_SIDOROVO], "n103", "Сидорово", NULL, PLAN_PT_PICKUP, 55.3, 37.4, 0,
		  0);

	p->n_sessions = 2;
	p->sessions = xcalloc(2, sizeof(plan_session_t));
	p->sessions[0] = (plan_session_t){.id = xstrdup("football"),
					  .dest = FX_STADIUM,
					  .days = 0x15,
					  .start_s = T(16, 0, 0),
					  .end_s = T(17, 30, 0),
					  .max_ride_s = 3600,
					  .mix = 1};
	p->sessions[1] = (plan_session_t){.id = xstrdup("kindergarten"),
					  .dest = FX_KINDERGARTEN,
					  .days = 0x1f,
					  .start_s = T(8, 0, 0),
					  .end_s = T(17, 0, 0),
					  .max_ride_s = 3600,
					  .mix = 0};

	p->n_buses = 2;
	p->buses = xcalloc(2, sizeof(plan_bus_t));
	p->buses[0] = (plan_bus_t){xstrdup("B1"),
				   FX_DEPOT,
				   20,
				   T(6, 0, 0),
				   T(20, 0, 0),
				   1.5,
				   xstrdup("Петрова М. И."),
				   xstrdup("А123ВС 50"),
				   0,
				   0,
				   -1,
				   xstrdup("Кузнецов П. Р. <&>"),
				   xstrdup("+7 900 555-44-33"),
				   xstrdup("ПАЗ-32053"),
				   0};
	p->buses[1] = (plan_bus_t){xstrdup("Б2"), FX_DEPOT, 30, T(6, 30, 0), T(21, 0, 0), 2.25,
				   NULL,	  NULL,	    0,	0,	     -1,	  NULL,
				   NULL,	  NULL,	    0};
	/* children.csv: two of the kindergarten children by name */
	p->n_children = 2;
	p->children = xcalloc(2, sizeof(plan_child_t));
	p->children[0] = (plan_child_t){.line = 2,
					.name = xstrdup("Смирнов Коля"),
					.phone = xstrdup("+7 900 000-00-01"),
					.born = 16506, /* 2015-03-12 */
					.age = -1,
					.klass = xstrdup("ст. группа"),
					.parent = xstrdup("Смирнова Ольга"),
					.pickup = FX_IVANOVKA,
					.session = 1};
	p->children[1] = (plan_child_t){.line = 3,
					.name = xstrdup("Орлова Катя <&>"),
					.born = -1,
					.age = 5,
					.pickup = FX_PETROVKA,
					.session = 1};

	p->n_patterns = 2;
	p->patterns = xcalloc(2, sizeof(plan_pattern_t));

	/* Mon, Wed, Fri: runs deliberately not in output order */
	plan_pattern_t *a = &p->patterns[0];
	a->days = 0x15;
	a->n_runs = 4;
	a->runs = xcalloc(4, sizeof(plan_run_t));
	const stop_spec_t r2[] = {
		{FX_PETROVKA, T(15, 10, 0), T(15, 10, 50), 4, 0},
		{FX_IVANOVKA, T(15, 20, 0), T(15, 21, 0), 6, 0},
		{FX_STADIUM, T(15, 40, 0), T(15, 41, 40), 0, 10},
	};
	const stop_spec_t r4[] = {
		{FX_KINDERGARTEN, T(17, 5, 0), T(17, 6, 20), 8, 0},
		{FX_PETROVKA, T(17, 20, 0), T(17, 20, 40), 0, 3},
		{FX_IVANOVKA, T(17, 30, 0), T(17, 30, 50), 0, 5},
	};
	const stop_spec_t r1[] = {
		{FX_IVANOVKA, T(7, 20, 0), T(7, 21, 0), 5, 0},
		{FX_PETROVKA, T(7, 30, 0), T(7, 30, 50), 3, 0},
		{FX_KINDERGARTEN, T(7, 45, 0), T(7, 46, 20), 0, 8},
	};
	const stop_spec_t r3[] = {
		{FX_STADIUM, T(17, 35, 0), T(17, 36, 40), 10, 0},
		{FX_IVANOVKA, T(17, 55, 0), T(17, 56, 0), 0, 6},
		{FX_PETROVKA, T(18, 5, 0), T(18, 5, 50), 0, 4},
	};
	set_run(p, &a->runs[0], "R2", 0, PLAN_TO_SESSION, 1, r2, 3, 14500.4);
	set_run(p, &a->runs[1], "R4", 1, PLAN_HOME, 0, r4, 3, 11800);
	set_run(p, &a->runs[2], "R1", 1, PLAN_TO_SESSION, 0, r1, 3, 12345.6);
	set_run(p, &a->runs[3], "R3", 0, PLAN_HOME, 1, r3, 3, 14900);
	a->n_duties = 2;
	a->duties = xcalloc(2, sizeof(plan_duty_t));
	set_duty(&a->duties[0], 0, (const int[]){2, 1}, 2, T(7, 5, 0), T(17, 45, 0), 30000);
	set_duty(&a->duties[1], 1, (const int[]){0, 3}, 2, T(14, 55, 0), T(18, 20, 0), 33250);

	/* Tue, Thu: kindergarten only, by the second bus; one run no bus
	 * could take */
	plan_pattern_t *b = &p->patterns[1];
	b->days = 0x0a;
	b->n_runs = 3;
	b->runs = xcalloc(3, sizeof(plan_run_t));
	const stop_spec_t r5[] = {
		{FX_IVANOVKA, T(7, 25, 0), T(7, 26, 0), 5, 0},
		{FX_PETROVKA, T(7, 35, 0), T(7, 35, 50), 3, 0},
		{FX_KINDERGARTEN, T(7, 50, 0), T(7, 51, 20), 0, 8},
	};
	const stop_spec_t r6[] = {
		{FX_KINDERGARTEN, T(17, 5, 0), T(17, 6, 20), 8, 0},
		{FX_PETROVKA, T(17, 20, 0), T(17, 20, 40), 0, 3},
		{FX_IVANOVKA, T(17, 30, 0), T(17, 30, 50), 0, 5},
	};
	const stop_spec_t r7[] = {
		{FX_PETROVKA, T(7, 40, 0), T(7, 40, 40), 2, 0},
		{FX_KINDERGARTEN, T(7, 55, 0), T(7, 56, 0), 0, 2},
	};
	set_run(p, &b->runs[0], "R5", 1, PLAN_TO_SESSION, 1, r5, 3, 12345.6);
	set_run(p, &b->runs[1], "R6", 1, PLAN_HOME, 1, r6, 3, 11800);
	set_run(p, &b->runs[2], "R7", 1, PLAN_TO_SESSION, -1, r7, 2, 6100);
	b->n_duties = 1;
	b->duties = xcalloc(1, sizeof(plan_duty_t));
	set_duty(&b->duties[0], 1, (const int[]){0, 1}, 2, T(7, 10, 0), T(17, 45, 0), 29000);

	p->n_unserved = 2;
	p->unserved_children = 5; /* 3 + 2: each group misses one way or both */
	p->unserved_groups = 2;
	p->unserved = xcalloc(2, sizeof(plan_unserved_t));
	p->unserved[0] =
		(plan_unserved_t){7,
				  FX_SIDOROVO,
				  0,
				  -1,
				  3,
				  0x15,
				  xstrdup("Even a direct trip is longer than the ride limit."),
				  xstrdup("ride_limit")};
	p->unserved[1] = (plan_unserved_t){9,
					   -1,
					   1,
					   PLAN_HOME,
					   2,
					   0x1f,
					   xstrdup("The pickup could not be located on the map."),
					   xstrdup("unlocated")};

	/* riders.csv as resolved; lines 7 and 9 are the unserved groups (the
	 * one of line 9 could not be located, so it is no rider) */
	const plan_rider_t riders[] = {
		{2, FX_IVANOVKA, 0, 6, 0, NULL, PLAN_LEGS_BOTH, 0},
		{3, FX_PETROVKA, 0, 4, 0, NULL, PLAN_LEGS_BOTH, 0},
		{4, FX_IVANOVKA, 1, 5, 0, NULL, PLAN_LEGS_BOTH, 0},
		{5, FX_PETROVKA, 1, 3, 2400, "младшая группа, \"Пчёлки\"", PLAN_LEGS_BOTH, 0},
		{7, FX_SIDOROVO, 0, 3, 0, NULL, PLAN_LEGS_BOTH, 0},
	};
	p->n_riders = 5;
	p->riders = xcalloc(5, sizeof(plan_rider_t));
	for (int i = 0; i < 5; i++) {
		p->riders[i] = riders[i];
		p->riders[i].note = riders[i].note ? xstrdup(riders[i].note) : NULL;
	}

	p->n_inputs = 3;
	const char *names[] = {"sessions.csv", "riders.csv", "fleet.csv"};
	for (int i = 0; i < 3; i++) {
		p->input_names[i] = xstrdup(names[i]);
		for (int j = 0; j < 64; j++)
			p->input_sha256[i][j] = "0123456789abcdef"[(i * 7 + j) % 16];
		p->input_sha256[i][64] = '\0';
	}
	return p;
}

void fixture_free(sr_plan_t *p)
{
	/* the fixture allocates every field as plan_build does */
	plan_free(p);
}
