/* test_plan_edge.c - plan_build() on the hand-drawn road in
 * data/edge/map.osm: one north-south road at 60 km/h (a kilometre a
 * minute), a kindergarten and the depot in the middle, villages 20 km north
 * and south and 44 km north, and two short road pieces that do not touch
 * the road, one 0.5 km and one 2.5 km east of it.
 *
 * The rules checked: a run that no bus can reach in time from its depot is
 * routed again as shorter runs instead of being left without a bus; a
 * village no bus can reach in time even directly is reported as no_bus
 * with that reason (not "busy", not ride_limit); buses that are busy give
 * the "busy" reason; a tiny time budget still gives a full plan; a village
 * by a cut-off road piece is served from the main road within 1 km and is
 * "unreachable" beyond. Expected figures follow from the geometry above
 * (distances by hand, 1 km = 1 min), not from the planner. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

static char map_path[4096];

static const char *SESSIONS = "session,destination,days,start,end,max_ride_min\n"
			      "kg,Детский сад Ромашка,Mon-Fri,08:00,17:00,70\n";
static const char *TWO_BUSES = "bus,depot,seats,available_from,available_to\n"
			       "A1,Автобаза,20,07:00,19:00\nA2,Автобаза,20,07:00,19:00\n";

static void put(const char *dir, const char *name, const char *text)
{
	FILE *fp = fopen(test_path(dir, name), "wb");
	fputs(text, fp);
	fclose(fp);
}

/* Writes an example folder (plan.conf and the three tables) and returns
 * its plan.conf path. */
static const char *example(const char *riders, const char *fleet, const char *extra_conf)
{
	const char *dir = test_tmpdir();
	char conf[8192];
	snprintf(conf, sizeof conf,
		 "map = %s\nsessions = sessions.csv\nriders = riders.csv\nfleet = fleet.csv\n"
		 "seed = 3\ntime_limit_s = 10\n%s",
		 map_path, extra_conf ? extra_conf : "");
	put(dir, "plan.conf", conf);
	put(dir, "sessions.csv", SESSIONS);
	put(dir, "riders.csv", riders);
	put(dir, "fleet.csv", fleet ? fleet : TWO_BUSES);
	return test_path(dir, "plan.conf");
}

static sr_plan_t *plan(const char *riders, const char *fleet, const char *extra_conf)
{
	sr_plan_t *p = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	CHECK_OK(plan_build(example(riders, fleet, extra_conf), NULL, &p, &err), &err);
	return p;
}

static int point_named(const sr_plan_t *p, const char *name)
{
	for (int i = 0; i < p->n_points; i++)
		if (!strcmp(p->points[i].name, name))
			return i;
	return -1;
}

/* Children of the named pickup carried in direction dir. */
static int carried(const sr_plan_t *p, const char *name, int dir)
{
	int pt = point_named(p, name), n = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[i];
			if (r->dir != dir || r->bus < 0)
				continue;
			for (int j = 0; j < r->n_stops; j++)
				if (r->stops[j].point == pt)
					n += dir == PLAN_TO_SESSION ? r->stops[j].board
								    : r->stops[j].alight;
		}
	return n;
}

static const plan_unserved_t *unserved_of(const sr_plan_t *p, const char *name)
{
	int pt = point_named(p, name);
	for (int i = 0; i < p->n_unserved; i++)
		if (p->unserved[i].pickup == pt)
			return &p->unserved[i];
	return NULL;
}

/* Every run with a bus: the bus leaves its depot within its hours, reaches
 * the first stop by road (at least the straight-line distance at 60 km/h)
 * and is back in time. */
static void check_duties_within_hours(const sr_plan_t *p)
{
	for (int k = 0; k < p->n_patterns; k++)
		for (int d = 0; d < p->patterns[k].n_duties; d++) {
			const plan_duty_t *du = &p->patterns[k].duties[d];
			const plan_bus_t *b = &p->buses[du->bus];
			CHECK_MSG(du->depart_depot_s >= b->avail_from_s &&
					  du->return_depot_s <= b->avail_to_s,
				  "bus %s out %d..%d, hours %d..%d", b->id, du->depart_depot_s,
				  du->return_depot_s, b->avail_from_s, b->avail_to_s);
			const plan_run_t *f = &p->patterns[k].runs[du->runs[0]];
			const plan_point_t *a = &p->points[b->depot],
					   *s = &p->points[f->stops[0].point];
			double km = 111.2 *
				    hypot(a->lat - s->lat,
					  (a->lon - s->lon) * cos(56.0 * 3.14159265358979 / 180));
			CHECK_MSG(f->stops[0].arrival_s - du->depart_depot_s >= km * 60 - 60,
				  "bus %s: %.1f km to its first stop in %d s", b->id, km,
				  f->stops[0].arrival_s - du->depart_depot_s);
		}
}

static void test_run_no_bus_can_reach_is_routed_again_shorter(void)
{
	/* one run Северное -> kindergarten -> Южное -> kindergarten would ride
	 * about 62 min (under the 70 min limit) but start at about 06:46, before
	 * a bus from 07:00 can be 20 km north; two direct runs fit */
	sr_plan_t *p = plan("pickup,session,children\nСеверное,kg,8\nЮжное,kg,9\n", NULL, NULL);
	if (!p)
		return;
	CHECK_MSG(p->n_unserved == 0, "%d unserved, first: %s", p->n_unserved,
		  p->n_unserved ? p->unserved[0].reason : "");
	CHECK(carried(p, "Северное", PLAN_TO_SESSION) == 8 &&
	      carried(p, "Южное", PLAN_TO_SESSION) == 9);
	CHECK(carried(p, "Северное", PLAN_HOME) == 8 && carried(p, "Южное", PLAN_HOME) == 9);
	int to_runs = 0;
	for (int i = 0; p->n_patterns && i < p->patterns[0].n_runs; i++) {
		const plan_run_t *r = &p->patterns[0].runs[i];
		if (r->dir != PLAN_TO_SESSION)
			continue;
		to_runs++;
		/* 20 km at 60 km/h plus the dwell: the first stop no earlier than
		 * 07:20 (a bus from 07:00) */
		CHECK_MSG(r->stops[0].arrival_s >= 7 * 3600 + 20 * 60, "run %s starts at %d", r->id,
			  r->stops[0].arrival_s);
	}
	CHECK(to_runs == 2);
	check_duties_within_hours(p);
	plan_free(p);
}

static void test_village_no_bus_can_reach_has_its_own_reason(void)
{
	/* Дальний Выселок is 44 min away: a bus from 07:00 gets there at 07:44,
	 * too late for 07:50 at the kindergarten; home would work (back by
	 * 19:00), but the children are not brought home when nobody took them */
	sr_plan_t *p =
		plan("pickup,session,children\nДальний Выселок,kg,5\nЮжное,kg,9\n", NULL, NULL);
	if (!p)
		return;
	const plan_unserved_t *u = unserved_of(p, "Дальний Выселок");
	CHECK(u != NULL);
	if (u) {
		CHECK_MSG(!strcmp(u->reason_code, "no_bus"), "code %s", u->reason_code);
		CHECK_MSG(strstr(u->reason, "reach") && !strstr(u->reason, "busy"), "reason: %s",
			  u->reason);
		CHECK(u->dir == PLAN_TO_SESSION && u->children == 5);
	}
	CHECK(p->n_unserved == 2);
	CHECK(carried(p, "Дальний Выселок", PLAN_HOME) == 0);
	for (int i = 0; i < p->n_unserved; i++)
		if (p->unserved[i].dir == PLAN_HOME)
			CHECK(!strcmp(p->unserved[i].reason_code, "other_leg") &&
			      p->unserved[i].children == 5);
	CHECK(p->unserved_children == 5 && p->unserved_groups == 1);
	CHECK(carried(p, "Южное", PLAN_TO_SESSION) == 9);
	check_duties_within_hours(p);
	plan_free(p);

	/* one bus: the two runs are at the same time; one goes without a bus,
	 * and the reason is that the bus is busy */
	p = plan("pickup,session,children\nСеверное,kg,8\nЮжное,kg,9\n",
		 "bus,depot,seats,available_from,available_to\nA1,Автобаза,20,07:00,19:00\n",
		 "early_window_min = 0\n");
	if (!p)
		return;
	int busy = 0;
	for (int i = 0; i < p->n_unserved; i++) {
		CHECK(!strcmp(p->unserved[i].reason_code, "no_bus") ||
		      !strcmp(p->unserved[i].reason_code, "other_leg"));
		busy += strstr(p->unserved[i].reason, "busy") != NULL;
	}
	CHECK_MSG(busy >= 1, "%d unserved, none busy", p->n_unserved);
	plan_free(p);
}

static void test_tiny_time_budget_still_plans_everyone(void)
{
	sr_plan_t *p = plan("pickup,session,children\nСеверное,kg,8\nЮжное,kg,9\nХутор,kg,4\n",
			    NULL, "time_limit_s = 0.1\n");
	if (!p)
		return;
	CHECK_MSG(p->n_unserved == 0, "%d unserved with time_limit_s = 0.1", p->n_unserved);
	CHECK(carried(p, "Северное", PLAN_TO_SESSION) == 8 && carried(p, "Хутор", PLAN_HOME) == 4);
	check_duties_within_hours(p);
	plan_free(p);
}

static void test_cut_off_road_piece_within_1km_served_beyond_unreachable(void)
{
	sr_plan_t *p = plan("pickup,session,children\nХутор,kg,4\nЗаимка,kg,3\n", NULL, NULL);
	if (!p)
		return;
	int h = point_named(p, "Хутор"), z = point_named(p, "Заимка");
	CHECK(h >= 0 && z >= 0);
	if (h < 0 || z < 0)
		goto out;
	/* Хутор: its nearest road is the piece 30 m away; the main road is
	 * 0.0085 deg of longitude = 0.53 km east of it: served from there */
	const plan_point_t *x = &p->points[h];
	CHECK_MSG(fabs(x->snap_lon - 38.0) < 1e-6, "Хутор snapped to lon %.6f", x->snap_lon);
	CHECK_MSG(x->snap_m > 450 && x->snap_m < 600, "Хутор %.0f m from its stop", x->snap_m);
	CHECK(carried(p, "Хутор", PLAN_TO_SESSION) == 4 && carried(p, "Хутор", PLAN_HOME) == 4);
	CHECK(unserved_of(p, "Хутор") == NULL);
	/* Заимка: 2.5 km from the main road: unreachable both ways */
	const plan_unserved_t *u = unserved_of(p, "Заимка");
	CHECK(u && !strcmp(u->reason_code, "unreachable") && u->dir == -1 && u->children == 3);
	CHECK(carried(p, "Заимка", PLAN_TO_SESSION) == 0 && carried(p, "Заимка", PLAN_HOME) == 0);
	CHECK(p->n_unserved == 1);
out:
	plan_free(p);
}

/* riders.csv `direction`: a group marked `from` is brought home although
 * no bus can take it there (Дальний Выселок, see above), one marked `to`
 * is only taken, an unmarked one both ways; nothing is listed unserved.
 * A bad value is an input error naming line and column. */
static void test_direction_column_marks_one_way_groups(void)
{
	sr_plan_t *p = plan("pickup,session,children,direction\n"
			    "Дальний Выселок,kg,5,from\nЮжное,kg,9,to\nСеверное,kg,4,\n",
			    NULL, NULL);
	if (!p)
		return;
	CHECK(carried(p, "Дальний Выселок", PLAN_TO_SESSION) == 0);
	CHECK(carried(p, "Дальний Выселок", PLAN_HOME) == 5);
	CHECK(carried(p, "Южное", PLAN_TO_SESSION) == 9);
	CHECK(carried(p, "Южное", PLAN_HOME) == 0);
	CHECK(carried(p, "Северное", PLAN_TO_SESSION) == 4);
	CHECK(carried(p, "Северное", PLAN_HOME) == 4);
	CHECK_MSG(p->n_unserved == 0, "%d unserved", p->n_unserved);
	CHECK(p->unserved_children == 0 && p->unserved_groups == 0);
	check_duties_within_hours(p);
	plan_free(p);

	const char *conf =
		example("pickup,session,children,direction\nЮжное,kg,9,home\n", NULL, NULL);
	sr_plan_t *q = NULL;
	sr_error_t err;
	sr_error_clear(&err);
	CHECK(plan_build(conf, NULL, &q, &err) == SR_EINPUT);
	CHECK_MSG(err.line == 2 && err.col == 4 &&
			  strstr(err.msg, "direction must be both, to or from"),
		  "%ld:%ld: %s", err.line, err.col, err.msg);
	plan_free(q);
}

int main(void)
{
	const char *src = test_env("SR_SOURCE_DIR");
	snprintf(map_path, sizeof map_path, "%s/tests/plan/data/edge/map.osm",
		 src[0] ? src : "../..");
	if (!test_file_exists(map_path))
		test_skip("tests/plan/data/edge/map.osm not found");
	sr_log_set_level(SR_LOG_ERROR);
	test_run_no_bus_can_reach_is_routed_again_shorter();
	test_village_no_bus_can_reach_has_its_own_reason();
	test_direction_column_marks_one_way_groups();
	test_tiny_time_budget_still_plans_everyone();
	test_cut_off_road_piece_within_1km_served_beyond_unreachable();
	return test_summary();
}
