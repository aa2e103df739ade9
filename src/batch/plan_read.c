/* plan_read.c - a finished plan read back from its plan.json (with the
 * Debian library jansson): the region figures and, for comparisons, every
 * pickup and drop-off of a village and every unserved group. Only what the
 * plan wrote is used, so a plan made on another machine (an emitted job)
 * reads back the same as one made here.
 *
 * Rides are recomputed from stop times the way summary.txt does (from the
 * bus leaving the child's stop to arriving at the destination, or from
 * leaving the destination to reaching the stop). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "batch/internal.h"
#include "util/i18n.h"

static int ndays(uint8_t d)
{
	int n = 0;
	for (int i = 0; i < 7; i++)
		n += (d >> i) & 1;
	return n;
}

static int iget(const json_t *o, const char *k)
{
	return (int)json_integer_value(json_object_get(o, k));
}

static const char *sget(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int dir_code(const char *d)
{
	return !d ? -1 : !strcmp(d, "to_session") ? 0 : !strcmp(d, "home") ? 1 : -1;
}

/* The children of riders.csv: a row of a session held at other times on
 * some days is a rider of each part, one after the other with the row's
 * line: the same children, counted once. */
static int riders_children(const json_t *riders)
{
	int n = 0;
	for (size_t i = 0; i < json_array_size(riders); i++)
		if (!i || iget(json_array_get(riders, i), "line") !=
				  iget(json_array_get(riders, i - 1), "line"))
			n += iget(json_array_get(riders, i), "children");
	return n;
}

/* Unserved children: a riders.csv row counts with the most children any
 * of its unserved entries has (to the session and home are one group). */
static int unserved_children(const json_t *uns)
{
	int total = 0;
	size_t n = json_array_size(uns);
	for (size_t i = 0; i < n; i++) {
		const json_t *u = json_array_get(uns, i);
		int line = iget(u, "rider_line"), most = iget(u, "children"), first = 1;
		for (size_t k = 0; k < n; k++) {
			const json_t *v = json_array_get(uns, k);
			if (k == i || iget(v, "rider_line") != line)
				continue;
			if (k < i)
				first = 0;
			if (iget(v, "children") > most)
				most = iget(v, "children");
		}
		total += first ? most : 0;
	}
	return total;
}

static void add_visit(bt_plan_t *p, size_t *cap, const bt_visit_t *v)
{
	sr_grow(&p->visits, cap, (size_t)p->n_visits + 1, sizeof *p->visits);
	p->visits[p->n_visits++] = *v;
}

/* A pattern's runs: visits, runs, run kilometres and the longest ride. */
static double read_runs(bt_plan_t *p, size_t *cap, uint8_t days, const json_t *runs)
{
	double run_m = 0;
	for (size_t i = 0; i < json_array_size(runs); i++) {
		const json_t *r = json_array_get(runs, i);
		const json_t *stops = json_object_get(r, "stops");
		size_t ns = json_array_size(stops);
		int dir = dir_code(sget(r, "direction"));
		if (!ns)
			continue;
		if (sget(r, "bus"))
			run_m += json_number_value(json_object_get(r, "meters"));
		const json_t *first = json_array_get(stops, 0),
			     *last = json_array_get(stops, ns - 1);
		for (size_t s = 0; s < ns; s++) {
			const json_t *st = json_array_get(stops, s);
			int on = dir == 0 ? iget(st, "board") > 0 : iget(st, "alight") > 0;
			if (!on)
				continue;
			bt_visit_t v = {.days = days,
					.session = sget(st, "session") ? sget(st, "session")
								       : sget(r, "session"),
					.dir = dir,
					.point = sget(st, "point"),
					.name = sget(st, "name"),
					.bus = sget(r, "bus")};
			int ride;
			if (dir == 0) {
				v.time_s = iget(st, "departure_s");
				ride = iget(last, "arrival_s") - v.time_s;
			} else {
				v.time_s = iget(st, "arrival_s");
				ride = v.time_s - iget(first, "departure_s");
			}
			if (json_object_get(st, "ride_s")) /* a mixed run: its own destination's */
				ride = iget(st, "ride_s");
			if (ride > p->fig.longest_ride_s)
				p->fig.longest_ride_s = ride;
			add_visit(p, cap, &v);
		}
	}
	return run_m;
}

/* The plan's language, its unserved groups and the week's counts of the
 * promises to families (plan.json "week", as summary.txt shows them). */
static void read_week(bt_plan_t *p, const json_t *root)
{
	const json_t *wk = json_object_get(root, "week");
	const json_t *st = json_object_get(root, "settings");
	p->lang = sget(st, "lang");
	p->organisation = sget(st, "organisation");
	p->term_start = sget(st, "term_start");
	p->term_end = sget(st, "term_end");
	p->unserved_children = iget(root, "unserved_children");
	p->unserved_groups = iget(root, "unserved_groups");
	p->fig.repeating_runs = iget(wk, "repeating_runs");
	p->fig.same_bus_runs = iget(wk, "same_bus_runs");
	p->fig.round_trips = (long)json_integer_value(json_object_get(wk, "round_trips"));
	p->fig.round_trips_same_bus =
		(long)json_integer_value(json_object_get(wk, "round_trips_same_bus"));
}

static void read_gaps(bt_plan_t *p, const json_t *uns)
{
	size_t n = json_array_size(uns);
	p->gaps = xcalloc(n + 1, sizeof *p->gaps);
	for (size_t i = 0; i < n; i++) {
		const json_t *u = json_array_get(uns, i);
		bt_gap_t *g = &p->gaps[p->n_gaps++];
		g->days = (uint8_t)iget(u, "days_mask");
		g->session = sget(u, "session");
		g->dir = dir_code(sget(u, "direction"));
		g->point = sget(u, "pickup");
		g->name = sget(u, "pickup_name");
		g->children = iget(u, "children");
		g->reason = sget(u, "reason_code");
	}
}

int bt_plan_read(const char *plan_dir, bt_plan_t *p, sr_error_t *err)
{
	memset(p, 0, sizeof *p);
	char *path = bt_path(plan_dir, "plan.json");
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	int rc = SR_OK;
	if (!root) {
		rc = bt_is_file(path) ? sr_error_set_col(err, SR_EINPUT, path, je.line, je.column,
							 "%s", je.text)
				      : sr_error_set(err, SR_EIO, path, 0, _("no plan.json"));
		goto out;
	}
	p->root = root;
	const char *fmt = sget(root, "format");
	if (!fmt || strcmp(fmt, "schoolrun-plan") ||
	    !json_is_array(json_object_get(root, "patterns"))) {
		rc = sr_error_set(err, SR_EINPUT, path, 0, _("not a schoolrun plan.json"));
		goto out;
	}
	p->fig.children = riders_children(json_object_get(root, "riders"));
	const json_t *uns = json_object_get(root, "unserved");
	p->fig.unserved = unserved_children(uns);
	p->fig.served = p->fig.children - p->fig.unserved;
	read_gaps(p, uns);
	read_week(p, root);
	const json_t *in = json_object_get(root, "inputs");
	for (int i = 0; i < 4; i++)
		p->input_sha[i] = sget(json_array_get(in, (size_t)i), "sha256");
	const json_t *fix = json_object_get(root, "serve_all");
	for (size_t i = 0; i < json_array_size(fix); i++) {
		const json_t *f = json_array_get(fix, i);
		int k = iget(f, "extra_buses"), ks = iget(f, "extra_buses_split");
		if (json_is_true(json_object_get(f, "split_shift")))
			ks = 0;
		else if (ks <= 0)
			ks = k;
		p->fig.more_buses = k > p->fig.more_buses ? k : p->fig.more_buses;
		p->fig.more_buses_split =
			ks > p->fig.more_buses_split ? ks : p->fig.more_buses_split;
	}

	const json_t *pats = json_object_get(root, "patterns");
	const json_t *buses = json_object_get(root, "buses");
	size_t nb = json_array_size(buses), vcap = 0;
	char *used = xcalloc(nb + 1, 1);
	long *week = xcalloc(nb + 1, sizeof(long)); /* working time a week per bus */
	double km = 0, empty = 0;
	for (size_t k = 0; k < json_array_size(pats); k++) {
		const json_t *pat = json_array_get(pats, k);
		uint8_t days = (uint8_t)iget(pat, "days_mask");
		double run_m = read_runs(p, &vcap, days, json_object_get(pat, "runs"));
		p->fig.runs_week +=
			(int)json_array_size(json_object_get(pat, "runs")) * ndays(days);
		const json_t *duties = json_object_get(pat, "duties");
		double duty_m = 0;
		int day_buses = 0;
		for (size_t d = 0; d < json_array_size(duties); d++) {
			const json_t *du = json_array_get(duties, d);
			if (!json_array_size(json_object_get(du, "runs")))
				continue;
			day_buses++;
			duty_m += json_number_value(json_object_get(du, "meters"));
			int shift = iget(du, "return_depot_s") - iget(du, "depart_depot_s");
			if (shift > p->fig.longest_shift_s)
				p->fig.longest_shift_s = shift;
			const char *id = sget(du, "bus");
			for (size_t b = 0; id && b < nb; b++)
				if (!strcmp(id, sget(json_array_get(buses, b), "id"))) {
					week[b] += (long)iget(du, "shift_s") * ndays(days);
					if (!used[b])
						p->fig.buses_week++;
					used[b] = 1;
				}
		}
		if (day_buses > p->fig.buses_day_max)
			p->fig.buses_day_max = day_buses;
		km += duty_m * ndays(days);
		empty += (duty_m > run_m ? duty_m - run_m : 0) * ndays(days);
	}
	for (size_t b = 0; b < nb; b++)
		if (week[b] > p->fig.longest_week_s)
			p->fig.longest_week_s = (int)week[b];
	free(week);
	free(used);
	p->fig.km_week = km / 1000.0;
	p->fig.empty_km_week = empty / 1000.0;
	p->fig.fleet = (int)nb;
	p->fig.km_term = json_number_value(json_object_get(json_object_get(root, "term"), "km"));
out:
	free(path);
	if (rc)
		bt_plan_free(p);
	return rc;
}

void bt_plan_free(bt_plan_t *p)
{
	if (!p)
		return;
	json_decref((json_t *)p->root);
	free(p->visits);
	free(p->gaps);
	memset(p, 0, sizeof *p);
}

int batch_figures_read(const char *plan_dir, batch_figures_t *f, sr_error_t *err)
{
	bt_plan_t p;
	int rc = bt_plan_read(plan_dir, &p, err);
	if (rc == SR_OK)
		*f = p.fig;
	bt_plan_free(&p);
	return rc;
}
