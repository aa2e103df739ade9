/* test_output.c - every output of a hand-built plan (fixture.c) written to a
 * temporary folder and read back with independent code: timetable.csv with
 * the CSV reader, plan.json and routes.geojson with a separate strict JSON
 * reader (json_mini.c), the GTFS feed for referential integrity and
 * monotone times, the HTML for escaping and content, summary.txt against
 * figures recomputed here; then a second write must give the same bytes. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "testutil.h"
#include "fixture.h"
#include "json_mini.h"
#include "outcheck.h"
#include "output/internal.h"

/* Expected listing order of the fixture's runs: by bus, then time,
 * unassigned last. */
static const char *const order0[] = {"R1", "R4", "R2", "R3"};
static const char *const order1[] = {"R5", "R6", "R7"};

/* ---- timetable.csv ---- */

static void test_timetable_rows_match_fixture(const sr_plan_t *p, const char *dir)
{
	sr_csv_t *csv = read_csv(test_path(dir, "timetable.csv"));
	if (!csv)
		return;
	const char *hdr[] = {"days",	  "bus",    "run",     "seq",	     "stop_id",
			     "stop_name", "lat",    "lon",     "arrival",    "departure",
			     "board",	  "alight", "session", "destination"};
	CHECK(csv->n_rows > 0 && csv->rows[0].n == 14);
	for (int i = 0; i < 14 && csv->n_rows && i < csv->rows[0].n; i++)
		CHECK_MSG(strcmp(csv->rows[0].fields[i], hdr[i]) == 0, "column %d is %s", i,
			  csv->rows[0].fields[i]);
	size_t row = 1;
	for (int k = 0; k < 2; k++) {
		const char *const *ord = k ? order1 : order0;
		int n = k ? 3 : 4;
		char days[64];
		days_str(days, p->patterns[k].days);
		for (int j = 0; j < n; j++) {
			const plan_run_t *r = find_run(p, k, ord[j]);
			for (int s = 0; s < r->n_stops; s++, row++) {
				CHECK_MSG(row < csv->n_rows, "missing row for run %s", r->id);
				if (row >= csv->n_rows)
					goto out;
				char **f = csv->rows[row].fields;
				const plan_stop_t *st = &r->stops[s];
				const plan_point_t *pt = &p->points[st->point];
				const plan_session_t *ss = &p->sessions[r->session];
				char want[64];
				CHECK(csv->rows[row].n == 14);
				CHECK_MSG(strcmp(f[0], days) == 0, "days %s", f[0]);
				CHECK(strcmp(f[1], r->bus >= 0 ? p->buses[r->bus].id : "") == 0);
				CHECK_MSG(strcmp(f[2], r->id) == 0, "row %zu run %s, want %s", row,
					  f[2], r->id);
				sprintf(want, "%d", s + 1);
				CHECK(strcmp(f[3], want) == 0);
				CHECK(strcmp(f[4], pt->id) == 0);
				CHECK_MSG(strcmp(f[5], pt->name) == 0, "name %s", f[5]);
				double la, lo;
				stop_ll(pt, &la, &lo);
				CHECK_NEAR(atof(f[6]), la, 5e-7);
				CHECK_NEAR(atof(f[7]), lo, 5e-7);
				hms(want, st->arrival_s);
				CHECK_MSG(strcmp(f[8], want) == 0, "arrival %s want %s", f[8],
					  want);
				hms(want, st->departure_s);
				CHECK(strcmp(f[9], want) == 0);
				CHECK(atoi(f[10]) == st->board && atoi(f[11]) == st->alight);
				CHECK(strcmp(f[12], ss->id) == 0);
				CHECK(strcmp(f[13], p->points[ss->dest].name) == 0);
			}
		}
	}
	CHECK_MSG(row == csv->n_rows, "%zu rows, expected %zu", csv->n_rows, row);
out:
	sr_csv_free(csv);
}

/* ---- plan.json ---- */

static void test_plan_json_round_trips(const sr_plan_t *p, const char *dir)
{
	jval_t *doc = read_json(test_path(dir, "plan.json"));
	if (!doc)
		return;
	CHECK(json_str(doc, "format") && strcmp(json_str(doc, "format"), "schoolrun-plan") == 0);
	const jval_t *set = json_get(doc, "settings");
	CHECK(json_num(set, "arrival_buffer_min") == 10 && json_num(set, "speed_cap_kmh") == 60);
	CHECK(json_num(set, "late_window_min") == 30 && json_num(set, "dwell_per_child_s") == 10);
	CHECK(json_str(set, "lang") && strcmp(json_str(set, "lang"), p->settings.lang) == 0);
	/* the fixture's term (fixture.c), not the default one */
	CHECK(json_str(set, "term_start") && !strcmp(json_str(set, "term_start"), "2026-09-07"));
	CHECK(json_str(set, "term_end") && !strcmp(json_str(set, "term_end"), "2027-05-28"));
	const jval_t *inputs = json_get(doc, "inputs");
	CHECK(inputs && inputs->n == p->n_inputs);
	for (int i = 0; inputs && i < inputs->n; i++) {
		CHECK(strcmp(json_str(json_at(inputs, i), "name"), p->input_names[i]) == 0);
		CHECK(strcmp(json_str(json_at(inputs, i), "sha256"), p->input_sha256[i]) == 0);
	}
	const jval_t *pts = json_get(doc, "points");
	CHECK(pts && pts->n == p->n_points);
	for (int i = 0; pts && i < pts->n; i++) {
		const jval_t *o = json_at(pts, i);
		CHECK(strcmp(json_str(o, "id"), p->points[i].id) == 0);
		CHECK_MSG(strcmp(json_str(o, "name"), p->points[i].name) == 0, "name %s",
			  json_str(o, "name"));
		CHECK_NEAR(json_num(o, "lat"), p->points[i].lat, 5e-7);
		CHECK_NEAR(json_num(o, "lon"), p->points[i].lon, 5e-7);
	}
	const jval_t *ses = json_get(doc, "sessions");
	CHECK(ses && ses->n == 2);
	CHECK(strcmp(json_str(json_at(ses, 0), "days"), "Mon,Wed,Fri") == 0);
	CHECK(strcmp(json_str(json_at(ses, 0), "start"), "16:00:00") == 0);
	CHECK(json_num(json_at(ses, 1), "end_s") == 17 * 3600);
	const jval_t *buses = json_get(doc, "buses");
	CHECK(buses && buses->n == 2 && strcmp(json_str(json_at(buses, 1), "id"), "Б2") == 0);
	const jval_t *riders = json_get(doc, "riders");
	CHECK(riders && riders->n == p->n_riders);
	for (int i = 0; riders && i < riders->n && i < p->n_riders; i++) {
		const jval_t *o = json_at(riders, i);
		const plan_rider_t *r = &p->riders[i];
		CHECK(json_num(o, "line") == r->line && json_num(o, "children") == r->children);
		CHECK(strcmp(json_str(o, "pickup"), p->points[r->pickup].id) == 0);
		CHECK(strcmp(json_str(o, "session"), p->sessions[r->session].id) == 0);
		CHECK(r->note ? json_str(o, "note") && strcmp(json_str(o, "note"), r->note) == 0
			      : json_get(o, "note")->t == J_NULL);
		CHECK(r->max_ride_s ? json_num(o, "max_ride_s") == r->max_ride_s
				    : json_get(o, "max_ride_s")->t == J_NULL);
	}
	const jval_t *pats = json_get(doc, "patterns");
	CHECK(pats && pats->n == 2);
	int stops_seen = 0, total_stops = 0;
	for (int k = 0; pats && k < pats->n && k < 2; k++) {
		const jval_t *pat = json_at(pats, k);
		CHECK(json_num(pat, "days_mask") == p->patterns[k].days);
		const jval_t *runs = json_get(pat, "runs");
		CHECK(runs && runs->n == p->patterns[k].n_runs);
		for (int r = 0; runs && r < runs->n; r++) {
			const jval_t *jr = json_at(runs, r);
			const plan_run_t *pr = find_run(p, k, json_str(jr, "id"));
			CHECK_MSG(pr != NULL, "unknown run %s", json_str(jr, "id"));
			if (!pr)
				continue;
			CHECK(strcmp(json_str(jr, "session"), p->sessions[pr->session].id) == 0);
			CHECK(strcmp(json_str(jr, "direction"),
				     pr->dir == PLAN_HOME ? "home" : "to_session") == 0);
			const jval_t *bus = json_get(jr, "bus");
			CHECK(pr->bus >= 0 ? (bus && bus->t == J_STR &&
					      strcmp(bus->str, p->buses[pr->bus].id) == 0)
					   : (bus && bus->t == J_NULL));
			CHECK_NEAR(json_num(jr, "meters"), pr->meters, 0.05);
			const jval_t *st = json_get(jr, "stops");
			CHECK(st && st->n == pr->n_stops);
			for (int s = 0; st && s < st->n; s++) {
				const jval_t *js = json_at(st, s);
				char t[16];
				hms(t, pr->stops[s].arrival_s);
				CHECK(strcmp(json_str(js, "arrival"), t) == 0);
				CHECK(json_num(js, "departure_s") == pr->stops[s].departure_s);
				CHECK(json_num(js, "board") == pr->stops[s].board);
				CHECK(json_num(js, "alight") == pr->stops[s].alight);
				CHECK(strcmp(json_str(js, "point"),
					     p->points[pr->stops[s].point].id) == 0);
				stops_seen++;
			}
			const jval_t *shape = json_get(jr, "shape");
			CHECK(shape && shape->n == (int)pr->n_shape);
			if (shape && shape->n) {
				CHECK_NEAR(json_at(json_at(shape, 0), 0)->num, pr->shape_lon[0],
					   5e-7);
				CHECK_NEAR(json_at(json_at(shape, 0), 1)->num, pr->shape_lat[0],
					   5e-7);
			}
		}
		for (int r = 0; r < p->patterns[k].n_runs; r++)
			total_stops += p->patterns[k].runs[r].n_stops;
		const jval_t *duties = json_get(pat, "duties");
		CHECK(duties && duties->n == p->patterns[k].n_duties);
		for (int d = 0; duties && d < duties->n; d++) {
			const jval_t *jd = json_at(duties, d);
			const plan_duty_t *du = &p->patterns[k].duties[d];
			CHECK(strcmp(json_str(jd, "bus"), p->buses[du->bus].id) == 0);
			const jval_t *jruns = json_get(jd, "runs");
			CHECK(jruns && jruns->n == du->n_runs);
			for (int j = 0; jruns && j < jruns->n; j++)
				CHECK(strcmp(json_at(jruns, j)->str,
					     p->patterns[k].runs[du->runs[j]].id) == 0);
			CHECK(json_num(jd, "depart_depot_s") == du->depart_depot_s);
		}
	}
	CHECK(stops_seen == total_stops);
	const jval_t *un = json_get(doc, "unserved");
	CHECK(un && un->n == 2);
	if (un && un->n == 2) {
		CHECK(strcmp(json_str(json_at(un, 0), "pickup_name"), "Сидорово") == 0);
		CHECK(strcmp(json_str(json_at(un, 0), "reason_code"), "ride_limit") == 0);
		CHECK(strcmp(json_str(json_at(un, 0), "direction"), "both") == 0);
		CHECK(json_get(json_at(un, 1), "pickup")->t == J_NULL);
		CHECK(json_num(json_at(un, 1), "rider_line") == 9);
	}
	json_free(doc);
}

/* ---- routes.geojson ---- */

static void test_geojson_structure_and_lon_lat_order(const sr_plan_t *p, const char *dir)
{
	jval_t *doc = read_json(test_path(dir, "routes.geojson"));
	if (!doc)
		return;
	CHECK(strcmp(json_str(doc, "type"), "FeatureCollection") == 0);
	CHECK(json_get(doc, "crs") == NULL);
	const jval_t *fs = json_get(doc, "features");
	int runs = 0, stops = 0, total_runs = 0, total_stops = 0;
	for (int k = 0; k < p->n_patterns; k++)
		for (int r = 0; r < p->patterns[k].n_runs; r++) {
			total_runs++;
			total_stops += p->patterns[k].runs[r].n_stops;
		}
	for (int i = 0; fs && i < fs->n; i++) {
		const jval_t *f = json_at(fs, i);
		CHECK(strcmp(json_str(f, "type"), "Feature") == 0);
		const jval_t *pr = json_get(f, "properties"), *g = json_get(f, "geometry");
		const char *kind = json_str(pr, "feature");
		const char *days = json_str(pr, "days");
		int k = days && strcmp(days, "Tue,Thu") == 0;
		const plan_run_t *r = find_run(p, k, json_str(pr, "run"));
		CHECK_MSG(r != NULL, "feature %d: unknown run", i);
		if (!r || !kind)
			continue;
		const jval_t *co = json_get(g, "coordinates");
		if (strcmp(kind, "run") == 0) {
			runs++;
			CHECK(strcmp(json_str(g, "type"), "LineString") == 0);
			CHECK(co && co->n == (int)r->n_shape);
			for (int j = 0; co && j < co->n; j++) {
				const jval_t *pos = json_at(co, j);
				CHECK(pos && pos->n == 2);
				/* RFC 7946: longitude first */
				CHECK_NEAR(json_at(pos, 0)->num, r->shape_lon[j], 5e-7);
				CHECK_NEAR(json_at(pos, 1)->num, r->shape_lat[j], 5e-7);
			}
			CHECK_NEAR(json_num(pr, "km"), r->meters / 1000, 5e-4);
			CHECK(json_num(pr, "children") == r->children);
			CHECK(strcmp(json_str(pr, "session"), p->sessions[r->session].id) == 0);
		} else if (strcmp(kind, "stop") == 0) {
			stops++;
			int seq = (int)json_num(pr, "seq");
			CHECK(seq >= 1 && seq <= r->n_stops);
			if (seq < 1 || seq > r->n_stops)
				continue;
			const plan_stop_t *st = &r->stops[seq - 1];
			double la, lo;
			stop_ll(&p->points[st->point], &la, &lo);
			CHECK(strcmp(json_str(g, "type"), "Point") == 0);
			CHECK(co && co->n == 2);
			CHECK_NEAR(json_at(co, 0)->num, lo, 5e-7);
			CHECK_NEAR(json_at(co, 1)->num, la, 5e-7);
			CHECK(strcmp(json_str(pr, "name"), p->points[st->point].name) == 0);
			CHECK(json_num(pr, "board") == st->board &&
			      json_num(pr, "alight") == st->alight);
			CHECK(parse_hms(json_str(pr, "departure")) == st->departure_s);
		} else {
			CHECK_MSG(0, "unknown feature kind %s", kind);
		}
	}
	CHECK_MSG(runs == total_runs && stops == total_stops, "%d runs, %d stops", runs, stops);
	json_free(doc);
}

/* ---- GTFS ---- */

/* Weekday of y-m-d, 0 = Monday (Sakamoto's method, independent of the
 * planner's day numbers). */
static int weekday_of(int y, int m, int d)
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	int sun0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sunday */
	return (sun0 + 6) % 7;
}

/* calendar_dates.txt of the fixture (term 2026-09-07..2027-05-28, the
 * default no_service = ru_holidays): a removal for each fixed public
 * holiday of the term on each service running that weekday, nothing else */
static void test_gtfs_holidays(const sr_plan_t *p, const char *dir)
{
	static const int hol[][3] = {{2026, 11, 4}, {2027, 1, 1},  {2027, 1, 2}, {2027, 1, 3},
				     {2027, 1, 4},  {2027, 1, 5},  {2027, 1, 6}, {2027, 1, 7},
				     {2027, 1, 8},  {2027, 2, 23}, {2027, 3, 8}, {2027, 5, 1},
				     {2027, 5, 9}};
	sr_csv_t *cd = gread(dir, "calendar_dates.txt");
	CHECK_MSG(cd != NULL, "no calendar_dates.txt");
	if (!cd)
		return;
	int c_sid = gcol(cd, "service_id"), c_date = gcol(cd, "date"),
	    c_ex = gcol(cd, "exception_type");
	size_t want = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		char sid[64];
		days_str(sid, p->patterns[k].days);
		for (char *c = sid; *c; c++)
			if (*c == ',')
				*c = '_';
		for (size_t h = 0; h < sizeof(hol) / sizeof(hol[0]); h++) {
			if (!((p->patterns[k].days >> weekday_of(hol[h][0], hol[h][1], hol[h][2])) &
			      1))
				continue;
			char date[16];
			snprintf(date, sizeof date, "%04d%02d%02d", hol[h][0], hol[h][1],
				 hol[h][2]);
			size_t row = 0;
			for (size_t r = 1; r < cd->n_rows; r++)
				if (!strcmp(cd->rows[r].fields[c_sid], sid) &&
				    !strcmp(cd->rows[r].fields[c_date], date))
					row = r;
			CHECK_MSG(row && !strcmp(cd->rows[row].fields[c_ex], "2"),
				  "no removal of %s on %s", sid, date);
			want++;
		}
	}
	CHECK_MSG(cd->n_rows - 1 == want, "%zu exceptions, want %zu", cd->n_rows - 1, want);
	sr_csv_free(cd);
}

static void test_gtfs_referential_integrity(const sr_plan_t *p, const char *dir)
{
	sr_csv_t *agency = gread(dir, "agency.txt"), *stops = gread(dir, "stops.txt"),
		 *routes = gread(dir, "routes.txt"), *trips = gread(dir, "trips.txt"),
		 *st = gread(dir, "stop_times.txt"), *cal = gread(dir, "calendar.txt"),
		 *shapes = gread(dir, "shapes.txt"), *info = gread(dir, "feed_info.txt");
	if (!agency || !stops || !routes || !trips || !st || !cal || !shapes || !info)
		goto out;
	CHECK(agency->n_rows == 2);
	CHECK(strncmp(agency->rows[1].fields[gcol(agency, "agency_url")], "https://", 8) == 0);
	CHECK(strlen(agency->rows[1].fields[gcol(agency, "agency_timezone")]) > 0);
	/* the agency as riders' apps show it: the organisation and the
	 * contact's phone, not "schoolrun" (the Moscow school trial,
	 * 2026-12-06); the feed's publisher too */
	CHECK(!strcmp(agency->rows[1].fields[gcol(agency, "agency_name")],
		      p->settings.organisation));
	CHECK(!strcmp(agency->rows[1].fields[gcol(agency, "agency_phone")],
		      p->settings.contact_phone));
	CHECK(!strcmp(info->rows[1].fields[gcol(info, "feed_publisher_name")],
		      p->settings.organisation));
	/* stops: exactly the points runs stop at */
	CHECK(stops->n_rows - 1 == 4);
	int s_id = gcol(stops, "stop_id"), s_name = gcol(stops, "stop_name");
	size_t pet = gfind(stops, s_id, "n102");
	CHECK(pet && strcmp(stops->rows[pet].fields[s_name], p->points[FX_PETROVKA].name) == 0);
	CHECK(!gfind(stops, s_id, "n103") && !gfind(stops, s_id, "p1"));
	/* routes */
	int r_id = gcol(routes, "route_id"), r_type = gcol(routes, "route_type"),
	    r_ag = gcol(routes, "agency_id");
	CHECK(routes->n_rows - 1 == 2);
	for (size_t i = 1; i < routes->n_rows; i++) {
		CHECK(strcmp(routes->rows[i].fields[r_type], "3") == 0);
		CHECK(gfind(agency, gcol(agency, "agency_id"), routes->rows[i].fields[r_ag]));
	}
	/* calendar */
	int c_sid = gcol(cal, "service_id");
	const char *wd[] = {"monday", "tuesday",  "wednesday", "thursday",
			    "friday", "saturday", "sunday"};
	CHECK(cal->n_rows - 1 == 2);
	for (int k = 0; k < 2; k++) {
		char sid[64];
		days_str(sid, p->patterns[k].days);
		for (char *c = sid; *c; c++)
			if (*c == ',')
				*c = '_';
		size_t row = gfind(cal, c_sid, sid);
		CHECK_MSG(row, "no service %s", sid);
		for (int d = 0; row && d < 7; d++)
			CHECK(atoi(cal->rows[row].fields[gcol(cal, wd[d])]) ==
			      ((p->patterns[k].days >> d) & 1));
		if (row) {
			const char *sd = cal->rows[row].fields[gcol(cal, "start_date")];
			const char *ed = cal->rows[row].fields[gcol(cal, "end_date")];
			CHECK(!strcmp(sd, "20260907") && !strcmp(ed, "20270528"));
		}
	}
	/* trips */
	int t_id = gcol(trips, "trip_id"), t_route = gcol(trips, "route_id"),
	    t_sid = gcol(trips, "service_id"), t_shape = gcol(trips, "shape_id"),
	    t_dir = gcol(trips, "direction_id");
	int sh_id = gcol(shapes, "shape_id"), sh_seq = gcol(shapes, "shape_pt_sequence");
	CHECK(trips->n_rows - 1 == 7);
	for (size_t i = 1; i < trips->n_rows; i++) {
		char **f = trips->rows[i].fields;
		CHECK_MSG(gfind(routes, r_id, f[t_route]), "trip %s: route %s", f[t_id],
			  f[t_route]);
		CHECK(gfind(cal, c_sid, f[t_sid]));
		CHECK(gfind(trips, t_id, f[t_id]) == i); /* unique */
		CHECK(!f[t_shape][0] || gfind(shapes, sh_id, f[t_shape]));
		int k = strcmp(f[t_sid], "Tue_Thu") == 0;
		const plan_run_t *r = find_run(p, k, f[t_id]);
		CHECK_MSG(r != NULL, "trip %s is no run", f[t_id]);
		if (r)
			CHECK(atoi(f[t_dir]) == (r->dir == PLAN_HOME));
	}
	/* stop_times: known trip and stop, sequence and times increasing, as
	 * in the plan */
	int st_trip = gcol(st, "trip_id"), st_stop = gcol(st, "stop_id"),
	    st_seq = gcol(st, "stop_sequence"), st_arr = gcol(st, "arrival_time"),
	    st_dep = gcol(st, "departure_time");
	CHECK(st->n_rows - 1 == 20);
	const char *prev_trip = "";
	int prev_seq = 0, prev_dep = -1;
	for (size_t i = 1; i < st->n_rows; i++) {
		char **f = st->rows[i].fields;
		size_t trow = gfind(trips, t_id, f[st_trip]);
		CHECK_MSG(trow, "stop_time %zu: trip %s", i, f[st_trip]);
		CHECK_MSG(gfind(stops, s_id, f[st_stop]), "stop_time %zu: stop %s", i, f[st_stop]);
		int seq = atoi(f[st_seq]), arr = parse_hms(f[st_arr]), dep = parse_hms(f[st_dep]);
		CHECK(arr >= 0 && dep >= arr);
		if (strcmp(prev_trip, f[st_trip]) == 0) {
			CHECK(seq > prev_seq);
			CHECK(arr >= prev_dep);
		}
		if (trow) {
			int k = strcmp(trips->rows[trow].fields[t_sid], "Tue_Thu") == 0;
			const plan_run_t *r = find_run(p, k, f[st_trip]);
			if (r && seq >= 1 && seq <= r->n_stops) {
				CHECK(r->stops[seq - 1].arrival_s == arr &&
				      r->stops[seq - 1].departure_s == dep);
				CHECK(strcmp(p->points[r->stops[seq - 1].point].id, f[st_stop]) ==
				      0);
				/* pickup/drop-off only where children get on/off */
				CHECK(atoi(f[gcol(st, "pickup_type")]) ==
				      (r->stops[seq - 1].board > 0 ? 0 : 1));
				CHECK(atoi(f[gcol(st, "drop_off_type")]) ==
				      (r->stops[seq - 1].alight > 0 ? 0 : 1));
			}
		}
		prev_trip = f[st_trip];
		prev_seq = seq;
		prev_dep = dep;
	}
	/* shapes: sequences increase within a shape */
	for (size_t i = 2; i < shapes->n_rows; i++)
		if (strcmp(shapes->rows[i].fields[sh_id], shapes->rows[i - 1].fields[sh_id]) == 0)
			CHECK(atoi(shapes->rows[i].fields[sh_seq]) >
			      atoi(shapes->rows[i - 1].fields[sh_seq]));
	CHECK(strcmp(info->rows[1].fields[gcol(info, "feed_lang")], p->settings.lang) == 0);
out:
	sr_csv_free(agency);
	sr_csv_free(stops);
	sr_csv_free(routes);
	sr_csv_free(trips);
	sr_csv_free(st);
	sr_csv_free(cal);
	sr_csv_free(shapes);
	sr_csv_free(info);
}

/* ---- HTML ---- */

/* The first map of a driver's sheet is run r: its stops lie inside the
 * box, north up, with east-west distances shrunk by cos(latitude) against
 * north-south ones (equirectangular). */
static void check_map_projection(const sr_plan_t *p, const char *page, const plan_run_t *r)
{
	const char *svg = strstr(page, "<svg");
	double x[16], y[16];
	int n = 0;
	for (const char *c = svg; c && n < r->n_stops && (c = strstr(c, "<circle cx=\"")); c++, n++)
		CHECK(sscanf(c, "<circle cx=\"%lf\" cy=\"%lf\"", &x[n], &y[n]) == 2);
	CHECK(n == r->n_stops);
	if (n != r->n_stops)
		return;
	double lat[16], lon[16], lat_lo = 90, lat_hi = -90;
	for (int i = 0; i < n; i++) {
		stop_ll(&p->points[r->stops[i].point], &lat[i], &lon[i]);
		CHECK(x[i] >= 0 && x[i] <= 680 && y[i] >= 0 && y[i] <= 300);
	}
	for (size_t i = 0; i < r->n_shape; i++) {
		lat_lo = fmin(lat_lo, r->shape_lat[i]);
		lat_hi = fmax(lat_hi, r->shape_lat[i]);
	}
	double k = cos((lat_lo + lat_hi) / 2 * 3.14159265358979 / 180);
	for (int i = 1; i < n; i++) {
		CHECK((y[i] < y[0]) == (lat[i] > lat[0])); /* north is up */
		CHECK((x[i] > x[0]) == (lon[i] > lon[0]));
		double want = fabs(lon[i] - lon[0]) * k / fabs(lat[i] - lat[0]);
		double got = fabs(x[i] - x[0]) / fabs(y[i] - y[0]);
		CHECK_MSG(fabs(got / want - 1) < 0.02, "stop %d: dx/dy %.4f, want %.4f", i + 1, got,
			  want);
	}
}

static char *read_print(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/print/%s", dir, name);
	char *s = slurp(path, NULL);
	CHECK_MSG(s != NULL, "missing %s", path);
	return s;
}

/* lists.html: a sheet per run of every pattern (here no run's list is the
 * same on two patterns; test_office_term checks those are one), as many numbered rows as
 * the run has children (recomputed from its stops), the named children of
 * children.csv where the run takes them, each child at most once per
 * pattern and direction, the bus's escort or a line to fill in; the names
 * appear in no file outside print/ (personal data). */
static int count(const char *s, const char *sub)
{
	int n = 0;
	for (const char *c = s; (c = strstr(c, sub)); c += strlen(sub))
		n++;
	return n;
}

static void test_run_lists(const sr_plan_t *p, const char *dir)
{
	char *lists = read_print(dir, "lists.html");
	if (!lists)
		return;
	int runs = 0;
	for (int k = 0; k < p->n_patterns; k++)
		runs += p->patterns[k].n_runs;
	CHECK_MSG(count(lists, "<section class=\"sheet\">") == runs, "%d sheets, %d runs",
		  count(lists, "<section class=\"sheet\">"), runs);
	/* each sheet: rows = children of the run */
	const char *sec = lists;
	for (int k = 0; k < p->n_patterns; k++) {
		int *ord = out_run_order(p, k);
		for (int i = 0; i < p->patterns[k].n_runs; i++) {
			const plan_run_t *r = &p->patterns[k].runs[ord[i]];
			sec = strstr(sec, "<section class=\"sheet\">");
			if (!sec)
				break;
			const char *end = strstr(sec, "</section>");
			char *one = xstrndup(sec, (size_t)(end - sec));
			int kids = 0;
			for (int q = 0; q < r->n_stops; q++)
				if (p->points[r->stops[q].point].kind != PLAN_PT_DESTINATION)
					kids += r->dir == PLAN_HOME ? r->stops[q].alight
								    : r->stops[q].board;
			CHECK_MSG(count(one, "<tr><td class=\"n\">") +
						  count(one, "<tr class=\"blank\">") ==
					  kids,
				  "run %s: %d rows, %d children", r->id,
				  count(one, "<tr><td class=\"n\">") +
					  count(one, "<tr class=\"blank\">"),
				  kids);
			CHECK(strstr(one, r->bus == 0 ? "Петрова М. И." : "________"));
			/* the driver from fleet.csv, or a line to fill in */
			CHECK(strstr(one, r->bus == 0 ? "Водитель: Кузнецов П. Р. &lt;&amp;&gt;, "
							"тел. +7 900 555-44-33"
						      : "Водитель: ________"));
			if (!strcmp(r->id, "R1"))
				CHECK(strstr(one, "Смирнов Коля") &&
				      strstr(one, "Орлова Катя &lt;&amp;&gt;") &&
				      strstr(one, "+7 900 000-00-01"));
			/* the date of birth (decree No. 1527), the class and the
			 * parent where children.csv has them; an age alone */
			if (strstr(one, "Смирнов Коля"))
				CHECK(strstr(one, "<td>Смирнов Коля</td><td>12.03.2015</td><td>ст. "
						  "группа</td>") &&
				      strstr(one,
					     "</td><td>Смирнова Ольга</td><td>+7 900 000-00-01<"));
			if (strstr(one, "Орлова Катя"))
				CHECK(strstr(one,
					     "Катя &lt;&amp;&gt;</td><td>возраст 5</td><td></td>"));
			CHECK(strstr(
				one,
				">Ребёнок</th><th class=\"lbirth\">Дата рождения</th><th>Класс, "
				"группа</th><th>Остановка</th><th>Родитель</th><th>Телефон "
				"родителя</th>"));
			/* every row as many cells as the header */
			int ths = count(one, "<th>") + count(one, "<th ");
			for (const char *tr = strstr(one, "<tbody>") ? strstr(one, "<tbody>") : one;
			     (tr = strstr(tr, "<tr")); tr++) {
				const char *te = strstr(tr, "</tr>");
				if (!te || strstr(tr, "<th") == tr + 4 ||
				    (strstr(tr, "<th") && strstr(tr, "<th") < te))
					continue;
				char *row = xstrndup(tr, (size_t)(te - tr));
				CHECK_MSG(count(row, "<td") == ths,
					  "run %s: a row of %d cells, %d columns", r->id,
					  count(row, "<td"), ths);
				free(row);
			}
			free(one);
			sec = end;
		}
		free(ord);
	}
	/* Tue/Thu to the kindergarten: R5 and R7 share Ivanovka's children;
	 * Смирнов Коля rides one of them there, and home on R6 */
	const char *tt = strstr(lists, "Вт, Чт</h1>");
	CHECK(tt && count(tt, "Смирнов Коля") == 2);
	/* the pattern Mon/Wed/Fri: there on R1 and home on R4 */
	CHECK(count(lists, "Смирнов Коля") == 4);
	static const char *const elsewhere[] = {"plan.json",   "timetable.csv",	 "routes.geojson",
						"summary.txt", "gtfs/stops.txt", "gtfs/trips.txt"};
	for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
		size_t n = 0;
		char *f = slurp(test_path(dir, elsewhere[i]), &n);
		CHECK_MSG(f && n && !strstr(f, "Смирнов"), "a child's name in %s", elsewhere[i]);
		CHECK_MSG(f && !strstr(f, "Кузнецов") && !strstr(f, "555-44-33"),
			  "the driver's name or phone in %s", elsewhere[i]);
		free(f);
	}
	free(lists);
}

static void test_html_pages_ru(const sr_plan_t *p, const char *dir)
{
	const char *esc = "Петровка, &quot;Малая&quot; &lt;&amp;&gt;";
	char *index = read_print(dir, "index.html");
	char *v_pet = read_print(dir, "village-2.html");
	char *v_sid = read_print(dir, "village-6.html");
	char *bus1 = read_print(dir, "bus-1-mon-wed-fri.html");
	char *bus2 = read_print(dir, "bus-2-tue-thu.html");
	char *stadium = read_print(dir, "dest-3.html");
	char *kg = read_print(dir, "dest-4.html");
	if (!index || !v_pet || !v_sid || !bus1 || !bus2 || !stadium || !kg)
		goto out;
	CHECK(!test_file_exists(test_path(dir, "print/bus-1-tue-thu.html")));
	CHECK(strstr(index, "<html lang=\"ru\">") != NULL);
	/* the term and its days without runs (the default ru_holidays) */
	CHECK(strstr(index, "Учебный период: 07.09.2026–28.05.2027, кроме 04.11.2026, "
			    "01.01–08.01.2027, 23.02.2027, 08.03.2027, 01.05.2027, 09.05.2027"));
	CHECK(strstr(index, "href=\"village-2.html\"") && strstr(index, esc));
	CHECK(strstr(index, "href=\"bus-2-tue-thu.html\""));
	/* a destination's link is followed by its sessions' names, as the
	 * secretary knows them */
	CHECK(strstr(index, "<li><a href=\"dest-3.html\">Стадион «Урожай»</a> — football</li>"));
	CHECK(strstr(index,
		     "<a href=\"dest-4.html\">Детский сад «Солнышко»</a> — kindergarten</li>"));
	CHECK(strstr(index,
		     "href=\"village-2.html\">Петровка, &quot;Малая&quot; &lt;&amp;&gt;</a></li>"));
	CHECK(strstr(index, "@page { size: A4"));
	CHECK(strstr(index, "\"DejaVu Sans\""));
	/* families in Petrovka: kindergarten Mon/Wed/Fri at the stop 07:30, at
	 * the kindergarten 07:45; home leaving 17:06, back 17:20; bus B1 with
	 * its plate from fleet.csv, the plate kept on one line, the fixture's
	 * 3 children getting on and off there under it */
	CHECK(strstr(v_pet, esc));
	CHECK(strstr(
		v_pet,
		"<td class=\"n\">07:30</td><td class=\"n\">07:45</td>"
		"<td>B1 <span class=\"t\">(А123ВС 50)</span><br><span "
		"class=\"k\">детей: 3</span></td><td class=\"n\">17:06</td>"
		"<td class=\"n\">17:20</td><td>B1 <span class=\"t\">(А123ВС 50)</span><br><span "
		"class=\"k\">детей: 3</span></td>"));
	/* football (4 children); on Tue/Thu two kindergarten runs, one
	 * without a bus */
	CHECK(strstr(v_pet,
		     "<td class=\"n\">15:10</td><td class=\"n\">15:40</td><td>Б2<br><span "
		     "class=\"k\">детей: 4</span></td><td class=\"n\">17:36</td><td "
		     "class=\"n\">18:05</td><td>Б2<br><span class=\"k\">детей: 4</span></td>"));
	/* the bus there and the bus home apart: R7 (no bus) only goes there,
	 * and its 2 children do not ride (3 of 5 do) */
	CHECK(strstr(v_pet, "<td class=\"n\">07:35<br>07:40</td><td class=\"n\">07:50<br>07:55</td>"
			    "<td>Б2, без автобуса<br><span class=\"k\">детей: 3</span></td><td "
			    "class=\"n\">17:06</td><td class=\"n\">17:20</td>"
			    "<td>Б2<br><span class=\"k\">детей: 3</span></td>"));
	CHECK(strstr(v_pet, "Стадион «Урожай»") < strstr(v_pet, "Детский сад «Солнышко»"));
	CHECK(strstr(v_pet, "Пн, Ср, Пт") && strstr(v_pet, "Вт, Чт"));
	CHECK(strstr(v_sid,
		     "<tr><td>football</td><td class=\"t\">Пн, Ср, Пт</td><td>в обе стороны</td>"
		     "<td class=\"n\">3</td>"
		     "<td>даже прямой рейс длиннее допустимого времени в пути</td></tr>"));
	/* the index lists every unserved group, the unlocated one too */
	CHECK(strstr(index, "<tr><td>(не найден на карте)</td><td>kindergarten</td>"
			    "<td class=\"t\">Пн–Пт</td><td>домой</td><td class=\"n\">2</td>"));
	/* the driver's sheet of B1 on Mon/Wed/Fri: R1 then R4, 2 empty drives,
	 * a map per run with a dot per stop */
	CHECK(strstr(bus1, "Лист водителя"));
	CHECK(strstr(bus1, "Рейс R1") && strstr(bus1, "Рейс R4") &&
	      strstr(bus1, "Рейс R1") < strstr(bus1, "Рейс R4"));
	CHECK(count_sub(bus1, "Порожний пробег") == 2);
	/* R1 ends where R4 starts: a wait, not a drive */
	CHECK(strstr(bus1, "Стоянка: Детский сад «Солнышко» <span class=\"t\">07:46</span> &#8594; "
			   "<span class=\"t\">17:05</span>"));
	CHECK(count_sub(bus1, "<svg") == 2 && count_sub(bus1, "<circle") == 6);
	CHECK(strstr(bus1, "<title>Схема: Рейс R4</title>"));
	check_map_projection(p, bus1, find_run(p, 0, "R1"));
	CHECK(strstr(bus1, "Выезд из гаража: <span class=\"t\">07:05"));
	CHECK(strstr(bus1,
		     "<p>Водитель: Кузнецов П. Р. &lt;&amp;&gt;, тел. +7 900 555-44-33.</p>"));
	CHECK(!strstr(bus2, "Водитель:"));
	CHECK(strstr(bus1, esc));
	CHECK(strstr(bus2, "Б2"));
	/* destinations */
	CHECK(strstr(stadium, "Стадион «Урожай»"));
	CHECK(strstr(stadium, "15:40") && strstr(stadium, "17:36"));
	CHECK(strstr(stadium, "Сидорово (") == NULL && strstr(stadium, "Сидорово"));
	CHECK(strstr(kg, "без автобуса"));
	/* never the raw name, no scripts, no network */
	char *pages[] = {index, v_pet, v_sid, bus1, bus2, stadium, kg};
	for (int i = 0; i < 7; i++) {
		CHECK(!strstr(pages[i], "\"Малая\" <&>"));
		CHECK(!strstr(pages[i], "<script") && !strstr(pages[i], "<link") &&
		      !strstr(pages[i], "src="));
		CHECK(count_sub(pages[i], "http") ==
		      count_sub(pages[i], "xmlns=\"http://www.w3.org/2000/svg\""));
	}
out:
	free(index);
	free(v_pet);
	free(v_sid);
	free(bus1);
	free(bus2);
	free(stadium);
	free(kg);
}

static void test_html_labels_english(void)
{
	sr_plan_t *p = fixture_plan("en");
	sr_error_t err;
	const char *dir = test_tmpdir();
	CHECK_OK(out_print_html(p, test_path(dir, "print"), &err), &err);
	char *bus1 = read_print(dir, "bus-1-mon-wed-fri.html");
	char *idx = read_print(dir, "index.html");
	if (bus1 && idx) {
		CHECK(strstr(bus1, "Driver&#39;s sheet: Bus B1 (А123ВС 50), Mon, Wed, Fri"));
		CHECK(strstr(idx, "<html lang=\"en\">") && strstr(idx, "Transfer schedules"));
		CHECK(!strstr(bus1, "Лист водителя"));
		/* place names in English where the map has them (name:en), in
		 * the tables and on the run maps */
		CHECK(strstr(bus1, "Ivanovka") && !strstr(bus1, "Ивановка"));
		/* the run maps: numbered dots (the table is the legend), north
		 * arrow, scale bar in the plan's language */
		CHECK(strstr(bus1, "text-anchor=\"middle\" fill=\"#000\">1</text>"));
		CHECK(strstr(bus1, "text-anchor=\"middle\">N</text>"));
		CHECK(strstr(bus1, " km</text>") || strstr(bus1, " m</text>"));
		CHECK(strstr(idx, "Ivanovka") && !strstr(idx, "Ивановка"));
	}
	free(bus1);
	free(idx);
	fixture_free(p);
}

/* ---- summary.txt ---- */

/* km a week and the longest ride recomputed from the plan's duties and
 * stop times (the definition of a ride). */
static void recompute(const sr_plan_t *p, double *week_m, int *longest)
{
	*week_m = 0;
	*longest = 0;
	for (int k = 0; k < p->n_patterns; k++) {
		const plan_pattern_t *pat = &p->patterns[k];
		int nd = 0;
		for (int d = 0; d < 7; d++)
			nd += (pat->days >> d) & 1;
		for (int d = 0; d < pat->n_duties; d++)
			*week_m += pat->duties[d].meters * nd;
		for (int r = 0; r < pat->n_runs; r++) {
			const plan_run_t *run = &pat->runs[r];
			for (int i = 0; i < run->n_stops; i++) {
				int ride = 0;
				if (run->dir == PLAN_TO_SESSION && run->stops[i].board)
					ride = run->stops[run->n_stops - 1].arrival_s -
					       run->stops[i].departure_s;
				if (run->dir == PLAN_HOME && run->stops[i].alight)
					ride = run->stops[i].arrival_s - run->stops[0].departure_s;
				if (ride > *longest)
					*longest = ride;
			}
		}
	}
}

/* The summary's km a week and longest ride lines say what the plan says
 * (the fixture's longest ride is 00:29:10). */
static void check_figures(const sr_plan_t *p, const char *s, const char *km_label,
			  const char *ride_label)
{
	double week_m;
	int longest;
	recompute(p, &week_m, &longest);
	char want[160], t[16];
	snprintf(want, sizeof want, "%s%.1f\n", km_label, week_m / 1000);
	CHECK_MSG(strstr(s, want) != NULL, "no '%s'", want);
	hms(t, longest);
	CHECK(strcmp(t, "00:29:10") == 0);
	snprintf(want, sizeof want, "%s%s\n", ride_label, t);
	CHECK_MSG(strstr(s, want) != NULL, "no '%s'", want);
}

/* summary.txt of the Russian fixture: Russian labels and reasons, the
 * figures recomputed */
static void test_summary_figures(const sr_plan_t *p, const char *dir)
{
	char *s = slurp(test_path(dir, "summary.txt"), NULL);
	CHECK(s != NULL);
	if (!s)
		return;
	check_figures(p, s, "км в неделю:          ", "самая долгая поездка: ");
	CHECK(!strncmp(s, "schoolrun: сводка плана подвоза\n",
		       strlen("schoolrun: сводка плана подвоза\n")));
	CHECK(strstr(s, "автобусов:            2 из 2\n"));
	CHECK(strstr(s, "рейсов:               7, наборов дней: 2\n"));
	CHECK(strstr(s, "не обслужено детей:   5, групп: 2\n"));
	/* the longest bus day (B1, 07:05-17:45) and the most driving, of
	 * the duties as the fixture gives them */
	CHECK(strstr(s, "самая долгая смена:   10:40:00 (автобус B1, Пн, Ср, Пт)\n"));
	CHECK(strstr(s, "за рулём, максимум:   "));
	CHECK(strstr(s, "\nПн, Ср, Пт\n") && strstr(s, "\nВт, Чт\n"));
	CHECK(strstr(s, "первая посадка:       07:21:00 (Ивановка, рейс R1"));
	CHECK(strstr(s, "первая посадка:       07:26:00 (Ивановка, рейс R5"));
	CHECK(strstr(s, "без автобуса: 1"));
	CHECK(strstr(s, "детей 3, откуда: Сидорово, занятие football, в обе стороны, Пн, Ср, Пт: "
			"даже прямой рейс длиннее допустимого времени в пути (ride_limit)"));
	CHECK(strstr(s, "(не найден на карте)"));
	/* no English label left */
	CHECK(!strstr(s, "buses used") && !strstr(s, "longest ride") && !strstr(s, "unserved"));
	free(s);
}

/* summary.txt of the English fixture: English labels, English place names
 * where the map has them (name:en), the same figures */
static void test_summary_english(void)
{
	sr_plan_t *p = fixture_plan("en");
	sr_error_t err;
	const char *dir = test_tmpdir();
	CHECK_OK(out_summary(p, test_path(dir, "summary.txt"), &err), &err);
	char *s = slurp(test_path(dir, "summary.txt"), NULL);
	CHECK(s != NULL);
	if (s) {
		check_figures(p, s, "km a week:         ", "longest ride:      ");
		CHECK(strstr(s, "buses used:        2 of 2\n"));
		CHECK(strstr(s, "runs:              7 in 2 day patterns\n"));
		CHECK(strstr(s, "unserved children: 5 in 2 groups\n"));
		CHECK(strstr(s, "earliest pickup: 07:21:00 (Ivanovka, run R1"));
		CHECK(strstr(s, "1 without a bus"));
		CHECK(strstr(
			s,
			"Сидорово, session football, both ways, Mon, Wed, Fri: Even a direct trip"));
		CHECK(strstr(s, "(not on the map)"));
		CHECK(!strstr(s, "Ивановка") && !strstr(s, "автобус"));
	}
	free(s);
	fixture_free(p);
}

/* a plan whose settings carry no term (not made by plan_build) still gets
 * the documented default term in its GTFS calendar */
static void test_gtfs_default_term(void)
{
	sr_plan_t *p = fixture_plan("ru");
	p->settings.term_start[0] = p->settings.term_end[0] = '\0';
	sr_error_t err;
	const char *dir = test_tmpdir();
	CHECK_OK(out_gtfs(p, test_path(dir, "gtfs"), &err), &err);
	sr_csv_t *cal = gread(dir, "calendar.txt"), *info = gread(dir, "feed_info.txt");
	if (cal && info) {
		for (size_t r = 1; r < cal->n_rows; r++)
			CHECK(!strcmp(cal->rows[r].fields[gcol(cal, "start_date")], "20260901") &&
			      !strcmp(cal->rows[r].fields[gcol(cal, "end_date")], "20261228"));
		CHECK(!strcmp(info->rows[1].fields[gcol(info, "feed_end_date")], "20261228"));
	}
	sr_csv_free(cal);
	sr_csv_free(info);
	fixture_free(p);
}

/* A district east of Moscow: its time zone and its site in the feed. */
static void test_gtfs_agency_settings(void)
{
	sr_plan_t *p = fixture_plan("ru");
	free(p->settings.timezone);
	p->settings.timezone = xstrdup("Asia/Novosibirsk");
	p->settings.organisation_url = xstrdup("https://edu.example.ru");
	sr_error_t err;
	const char *dir = test_tmpdir();
	CHECK_OK(out_gtfs(p, test_path(dir, "gtfs"), &err), &err);
	sr_csv_t *a = gread(dir, "agency.txt"), *i = gread(dir, "feed_info.txt");
	if (a && i) {
		CHECK(!strcmp(a->rows[1].fields[gcol(a, "agency_timezone")], "Asia/Novosibirsk"));
		CHECK(!strcmp(a->rows[1].fields[gcol(a, "agency_url")], "https://edu.example.ru"));
		CHECK(!strcmp(i->rows[1].fields[gcol(i, "feed_publisher_url")],
			      "https://edu.example.ru"));
	}
	sr_csv_free(a);
	sr_csv_free(i);
	fixture_free(p);
}

/* GTFS names a stop, a route and a trip's headsign as riders read them: a
 * destination the map gives no name, given by its OSM id, is its label
 * ("Стадион, Ивановка"), not "w201" (a rider's app showed the id: the
 * North Bayreuth trial, 2026-12-06), in the feed's language. */
static void test_gtfs_rider_names(void)
{
	for (int en = 0; en < 2; en++) {
		sr_plan_t *p = fixture_plan(en ? "en" : "ru");
		plan_point_t *pt = &p->points[FX_STADIUM];
		free(pt->name);
		pt->name = xstrdup("w201");
		pt->label = xstrdup("Стадион, Ивановка");
		pt->label_en = xstrdup("Stadium, Ivanovka");
		const char *want = en ? "Stadium, Ivanovka" : "Стадион, Ивановка";
		sr_error_t err;
		const char *dir = test_tmpdir();
		CHECK_OK(out_gtfs(p, test_path(dir, "gtfs"), &err), &err);
		sr_csv_t *stops = gread(dir, "stops.txt"), *routes = gread(dir, "routes.txt"),
			 *trips = gread(dir, "trips.txt");
		if (stops && routes && trips) {
			size_t s = gfind(stops, gcol(stops, "stop_id"), "w201");
			CHECK_MSG(
				s && !strcmp(stops->rows[s].fields[gcol(stops, "stop_name")], want),
				"stop w201 named '%s'",
				s ? stops->rows[s].fields[gcol(stops, "stop_name")] : "");
			CHECK(gfind(routes, gcol(routes, "route_long_name"), want));
			CHECK(!gfind(routes, gcol(routes, "route_long_name"), "w201"));
			CHECK(gfind(trips, gcol(trips, "trip_headsign"), want));
			CHECK(!gfind(trips, gcol(trips, "trip_headsign"), "w201"));
		}
		sr_csv_free(stops);
		sr_csv_free(routes);
		sr_csv_free(trips);
		fixture_free(p);
	}
}

/* The register of routes under its СОГЛАСОВАНО (left) and УТВЕРЖДАЮ
 * (right) blocks: the position, a line to sign before the name (after the
 * last " / "), a line for the date; a position alone without " / "; no
 * blocks without the settings (the main fixture has none). */
static void test_register_signs(const char *dir0)
{
	char *plain = read_print(dir0, "routes.html");
	CHECK(plain && !strstr(plain, "class=\"signs\"") && !strstr(plain, "УТВЕРЖДАЮ"));
	free(plain);
	sr_plan_t *p = fixture_plan("ru");
	p->settings.approved_by = xstrdup("Начальник управления / образования / Иванов А. А. <&>");
	p->settings.agreed_with = xstrdup("Начальник ОГИБДД");
	const char *dir = test_tmpdir();
	sr_error_t err;
	CHECK_OK(out_write_all(p, dir, &err), &err);
	char *page = read_print(dir, "routes.html");
	if (page) {
		const char *ag = strstr(page,
					"<div class=\"agreed\"><b>СОГЛАСОВАНО</b><br>Начальник "
					"ОГИБДД<br>______________ <br>«____» "),
			   *ap = strstr(page,
					"<div class=\"approved\"><b>УТВЕРЖДАЮ</b><br>Начальник "
					"управления / образования<br>______________ Иванов А. А. "
					"&lt;&amp;&gt;<br>«____» ______________ 20___ г.</div>"),
			   *h1 = strstr(page, "<h1>Реестр маршрутов</h1>");
		CHECK_MSG(ag && ap && h1 && ag < ap && ap < h1, "the blocks: %d %d %d", !!ag, !!ap,
			  !!h1);
	}
	free(page);
	fixture_free(p);
}

/* ---- files: byte-identical rewrite, no temporary files ---- */

static void test_second_write_byte_identical(const char *dir1)
{
	/* a fresh plan object: other addresses, same content */
	sr_plan_t *p = fixture_plan("ru");
	const char *dir2 = test_tmpdir();
	sr_error_t err;
	CHECK_OK(out_write_all(p, test_path(dir2, "out"), &err), &err);
	check_same_tree(dir1, test_path(dir2, "out"), 20);
	fixture_free(p);
}

/* ---- a broken plan writes nothing ---- */

static void test_broken_plan_is_an_internal_error(void)
{
	sr_plan_t *p = fixture_plan("ru");
	sr_error_t err;
	const char *dir = test_tmpdir();
	p->patterns[0].runs[2].stops[1].arrival_s = 7 * 3600; /* R1: before leaving stop 1 */
	CHECK(out_write_all(p, test_path(dir, "a"), &err) == SR_EINTERNAL);
	CHECK(strstr(err.msg, "R1") && strstr(err.msg, "backwards"));
	CHECK(!test_file_exists(test_path(dir, "a")));
	fixture_free(p);

	p = fixture_plan("ru");
	p->patterns[1].runs[0].stops[0].point = 99;
	CHECK(out_timetable_csv(p, test_path(dir, "t.csv"), &err) == SR_EINTERNAL);
	CHECK(!test_file_exists(test_path(dir, "t.csv")));
	fixture_free(p);

	p = fixture_plan("ru");
	p->patterns[1].days |= 1; /* Monday in two patterns */
	CHECK(out_gtfs(p, test_path(dir, "g"), &err) == SR_EINTERNAL);
	fixture_free(p);

	p = fixture_plan("ru");
	p->patterns[0].duties[0].runs[0] = 0; /* R2 is Б2's, not B1's */
	CHECK(out_plan_json(p, test_path(dir, "p.json"), &err) == SR_EINTERNAL);
	fixture_free(p);

	p = fixture_plan("ru");
	free(p->points[0].name);
	p->points[0].name = xstrdup("\xc8\xe2\xe0\xed\xee\xe2\xea\xe0"); /* Windows-1251 */
	CHECK(out_summary(p, test_path(dir, "s.txt"), &err) == SR_EINTERNAL);
	CHECK(strstr(err.msg, "UTF-8"));
	fixture_free(p);
}

static void test_old_pages_are_removed_others_kept(void)
{
	sr_plan_t *p = fixture_plan("ru");
	sr_error_t err;
	const char *tmp = test_tmpdir();
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/print", tmp);
	CHECK_OK(out_print_html(p, dir, &err), &err);
	/* an earlier plan's pages and a file of the user's */
	const char *old[] = {"village-99.html", "bus-7-sat.html", "dest-12.html"};
	for (int i = 0; i < 3; i++)
		CHECK_OK(sr_write_file_atomic(test_path(dir, old[i]), "x", 1, &err), &err);
	CHECK_OK(sr_write_file_atomic(test_path(dir, "notes.html"), "y", 1, &err), &err);
	CHECK_OK(out_print_html(p, dir, &err), &err);
	for (int i = 0; i < 3; i++)
		CHECK_MSG(!test_file_exists(test_path(dir, old[i])), "%s not removed", old[i]);
	CHECK(test_file_exists(test_path(dir, "notes.html")));
	CHECK(test_file_exists(test_path(dir, "village-2.html")) &&
	      test_file_exists(test_path(dir, "index.html")));
	fixture_free(p);
}

static void test_duplicate_run_ids_get_unique_trip_ids(void)
{
	sr_plan_t *p = fixture_plan("ru");
	free(p->patterns[1].runs[0].id);
	p->patterns[1].runs[0].id = xstrdup("R1"); /* R5 -> R1, as in pattern 0 */
	sr_error_t err;
	const char *dir = test_tmpdir();
	CHECK_OK(out_gtfs(p, test_path(dir, "gtfs"), &err), &err);
	sr_csv_t *trips = gread(dir, "trips.txt"), *st = gread(dir, "stop_times.txt");
	if (trips && st) {
		int t_id = gcol(trips, "trip_id");
		CHECK(gfind(trips, t_id, "R1_Mon-Wed-Fri") && gfind(trips, t_id, "R1_Tue-Thu"));
		CHECK(!gfind(trips, t_id, "R1"));
		for (size_t i = 1; i < trips->n_rows; i++)
			CHECK(gfind(trips, t_id, trips->rows[i].fields[t_id]) == i);
		int st_trip = gcol(st, "trip_id");
		for (size_t i = 1; i < st->n_rows; i++)
			CHECK(gfind(trips, t_id, st->rows[i].fields[st_trip]));
	}
	sr_csv_free(trips);
	sr_csv_free(st);
	fixture_free(p);
}

/* The planner's reasons (as runs.c and duties.c write them) in Russian:
 * every figure of the English is kept, in order, and no English word is
 * left; in English the sentence is unchanged. Then summary.txt and
 * plan.json's reason_text carry them. */
static void digits_of(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	for (; *s && n + 2 < cap; s++)
		if (*s >= '0' && *s <= '9')
			out[n++] = *s;
		else if (n && out[n - 1] != ' ')
			out[n++] = ' ';
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static void test_reasons_in_the_plan_language_keep_numbers(void)
{
	static const char *const planner[] = {
		"the fleet has no buses",
		"no bus can reach the pickup in time from any depot within its hours",
		"no bus can bring the children home and get back to its depot within its hours",
		"not enough buses: every bus that could do this run is busy then",
		"no bus of the fleet has enough seats for this run",
		"no bus with enough seats can reach the first stop in time from its depot within its hours",
		"no bus big enough can do this run and get back to its depot within its hours",
		"no route keeps this group within its ride limit",
		"there is no road route between the pickup and the destination",
		"the pickup is more than 1 km from the main road network (its nearest road is cut off or missing)",
		"the destination is more than 1 km from the main road network (its nearest road is cut off or missing)",
		"even a direct trip takes 46 min, over the 40 min ride limit",
		"even a direct trip takes 121 min, over the 90 min ride limit",
		"the session would need a run between 23:00 and 06:00, which decree No. 1527 forbids",
	};
	sr_plan_t *ru = fixture_plan("ru"), *en = fixture_plan("en");
	for (size_t i = 0; i < sizeof planner / sizeof planner[0]; i++) {
		plan_unserved_t u = ru->unserved[0];
		u.reason = (char *)planner[i];
		sr_buf_t a, b;
		sr_buf_init(&a);
		sr_buf_init(&b);
		out_reason(&a, ru, &u);
		out_reason(&b, en, &u);
		char d1[64], d2[64];
		digits_of(planner[i], d1, sizeof d1);
		digits_of(a.data ? a.data : "", d2, sizeof d2);
		CHECK_MSG(!strcmp(d1, d2), "'%s' -> '%s': figures '%s' vs '%s'", planner[i], a.data,
			  d1, d2);
		CHECK_MSG(a.data &&
				  !a.data[strcspn(
					  a.data,
					  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")],
			  "'%s' is not all Russian: '%s'", planner[i], a.data);
		CHECK(b.data && !strcmp(b.data, planner[i]));
		sr_buf_free(&a);
		sr_buf_free(&b);
	}
	/* through the files */
	free(ru->unserved[0].reason);
	ru->unserved[0].reason =
		xstrdup("even a direct trip takes 46 min, over the 40 min ride limit");
	const char *dir = test_tmpdir();
	sr_error_t err;
	CHECK_OK(out_summary(ru, test_path(dir, "summary.txt"), &err), &err);
	CHECK_OK(out_plan_json(ru, test_path(dir, "plan.json"), &err), &err);
	char *s = slurp(test_path(dir, "summary.txt"), NULL);
	CHECK(s &&
	      strstr(s,
		     "Сидорово, занятие football, в обе стороны, Пн, Ср, Пт: даже прямой рейс занимает 46 мин, больше допустимых 40 мин в пути (ride_limit)"));
	free(s);
	jval_t *doc = read_json(test_path(dir, "plan.json"));
	const jval_t *un = doc ? json_get(doc, "unserved") : NULL;
	CHECK(un && un->n == 2);
	if (un && un->n == 2) {
		CHECK(!strcmp(json_str(json_at(un, 0), "reason_text"),
			      "даже прямой рейс занимает 46 мин, больше допустимых 40 мин в пути"));
		CHECK(!strcmp(json_str(json_at(un, 0), "reason"), ru->unserved[0].reason));
		CHECK(!strcmp(json_str(json_at(un, 1), "reason_text"),
			      "место посадки не найдено на карте"));
	}
	json_free(doc);
	fixture_free(ru);
	fixture_free(en);
}

/* A village's page says where the bus stops when that is 250 m or more
 * from the village's point (its nearest road cut off): how far, which way
 * (334 m north, 315 m south-west of Ивановка), from the centre for a place,
 * from the point given otherwise; nothing when the stop is near, or a
 * public stop is named. */
static void test_stop_away(void)
{
	static const struct {
		int is_place;
		double dlat, dlon;
		const char *stop, *want;
	} cases[] = {
		{1, 0.003, 0.0, NULL,
		 "не в центре, а в 334 м к северу от него, на дороге (координаты "
		 "55.10400, 37.20100)"},
		{0, -0.002, -0.0035, NULL, "не в указанной точке, а в 315 м к юго-западу от неё"},
		{1, 0.001, 0.0, NULL, NULL},	/* 111 m: near enough, nothing said */
		{1, 0.003, 0.0, "Школа", NULL}, /* a public stop: its name says where */
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		sr_plan_t *p = fixture_plan("ru");
		plan_point_t *pt = &p->points[FX_IVANOVKA];
		pt->is_place = cases[c].is_place;
		pt->snap_lat = pt->lat + cases[c].dlat;
		pt->snap_lon = pt->lon + cases[c].dlon;
		double dy = cases[c].dlat * 111195.0,
		       dx = cases[c].dlon * 111195.0 * cos(pt->lat * 3.14159265358979 / 180.0);
		pt->snap_m = sqrt(dx * dx + dy * dy);
		pt->stop_name = cases[c].stop ? xstrdup(cases[c].stop) : NULL;
		const char *dir = test_tmpdir();
		sr_error_t err;
		CHECK_OK(out_write_all(p, dir, &err), &err);
		char path[4200];
		snprintf(path, sizeof path, "%s/print/village-%d.html", dir, FX_IVANOVKA + 1);
		char *page = slurp(path, NULL);
		CHECK_MSG(page != NULL, "missing %s", path);
		if (page && cases[c].want)
			CHECK_MSG(strstr(page, cases[c].want), "case %zu: '%s' not on the page", c,
				  cases[c].want);
		if (page && !cases[c].want)
			CHECK_MSG(!strstr(page, "Автобус останавливается не"),
				  "case %zu: a far stop said of a near one", c);
		free(page);
		fixture_free(p);
	}
}

int main(void)
{
	sr_plan_t *p = fixture_plan("ru");
	const char *tmp = test_tmpdir();
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/out/nested", tmp); /* out_write_all makes parents */
	sr_error_t err;
	CHECK_OK(out_write_all(p, dir, &err), &err);
	check_outputs_match_plan(p, dir);
	test_timetable_rows_match_fixture(p, dir);
	test_plan_json_round_trips(p, dir);
	test_geojson_structure_and_lon_lat_order(p, dir);
	test_gtfs_referential_integrity(p, dir);
	test_gtfs_holidays(p, dir);
	test_html_pages_ru(p, dir);
	test_run_lists(p, dir);
	test_html_labels_english();
	test_summary_figures(p, dir);
	test_summary_english();
	test_reasons_in_the_plan_language_keep_numbers();
	test_gtfs_default_term();
	test_gtfs_rider_names();
	test_gtfs_agency_settings();
	test_register_signs(dir);
	test_second_write_byte_identical(dir);
	test_broken_plan_is_an_internal_error();
	test_duplicate_run_ids_get_unique_trip_ids();
	test_old_pages_are_removed_others_kept();
	test_stop_away();
	fixture_free(p);
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	test_run(cmd);
	return test_summary();
}
