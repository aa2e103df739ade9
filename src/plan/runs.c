/*
 * runs.c - the runs of every session: one open vehicle routing problem per
 * session and direction (vrp_solve: VRP_TO_DEPOT towards the destination,
 * VRP_FROM_DEPOT back home), with the destination as the "depot", the
 * children of a village as its demand (split when a group outgrows the
 * largest bus into loads that match the fleet's seats, largest bus first),
 * the stop dwell as service time and each stop's ride limit. Runs are
 * timed by timing.c. The night rule of decree No. 1527 (no organised
 * transport of children between 23:00 and 06:00) bounds each leg's ride;
 * a leg that would need a night run is not planned and its children are
 * reported. The two legs of a round trip are one decision (legs.c): a
 * group is not taken without being brought home, unless riders.csv marks
 * it one way.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/matrix.h"
#include "schoolrun/vrp.h"
#include "plan/legs.h"
#include "plan/run.h"
#include "plan/runs.h"
#include "plan/timing.h"
#include "util/i18n.h"

typedef struct group {
	int pickup; /* point */
	int legs;   /* plan_legs_t of its rows (rows differing in it are
			    separate groups) */
	int children;
	int limit_s;   /* ride limit of the stop: the strictest of its rows */
	double lim[2]; /* ride allowed by the limit and by the buses' hours
			    (see reach_bound), per direction */
	int tight[2];  /* lim[dir] was cut by the buses' hours */
	long line;     /* first riders.csv line of the group */
	int ok[2];     /* may be routed in direction 0 (to) / 1 (home) */
	int routed[2]; /* children placed in runs */
	int failed[2]; /* children the router could not place */
} group_t;

typedef struct runvec {
	plan_run_t *v;
	int n;
	size_t cap;
} runvec_t;

static int cmp_int_desc(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x < y) - (x > y);
}

/* Time limit in seconds for the next routing call: what is left of the
 * routing phase (at least 0.5 s). Each call's work is a fixed count
 * (route_iters), so the limit is only a safety net: a share of the budget
 * per call would cut calls on a loaded machine and make the plan depend
 * on time_limit_s. */
static double route_budget(const plan_ctx_t *c)
{
	double left = c->phase_end - sr_now();
	return left < 0.5 ? 0.5 : left;
}

/* Search effort of one routing call, in ruin-and-recreate iterations
 * (vrp_opts.max_iters): fixed by the number of stops, so that the runs
 * depend on the inputs and the seed only, never on the machine's speed.
 * The time limit stays as a safety net (see note_limit). */
static long route_iters(int stops)
{
	long it = 60000L / (stops > 1 ? stops : 1);
	return it < 1000 ? 1000 : it > 4000 ? 4000 : it;
}

/* Counts a routing call that ran into its time limit: its result may then
 * differ between machines (reported once at the end). */
static void note_limit(plan_ctx_t *c, const vrp_opts_t *o, const vrp_solution_t *sol, int rc)
{
	if (rc == SR_OK && sol->seconds >= 0.95 * o->time_limit_s)
		c->n_route_cut++;
}

/* The routing problem of one session and direction: node 0 is the
 * destination, nodes 1..m-1 the groups that may be routed that way. */
typedef struct dir_problem {
	int m;
	int *grp; /* node -> group (-1 for the destination) */
	int *pt;  /* node -> point */
	int *demand;
	double *service, *ride, *dist, *time;
} dir_problem_t;

/* Splits `children` into loads that fit the fleet's buses (types[0..n):
 * seat sizes largest first, each as many as the fleet has, see
 * vehicle_types): one load per bus, largest first, until all are placed;
 * what the fleet cannot seat at once stays in the last load (the router
 * splits it further). A group that fits the largest bus stays whole. The
 * loads go to parts[] (when not NULL); returns their number. */
static int loads(int children, const vrp_vehicle_type_t *types, int n_types, int *parts)
{
	int capmax = 0;
	for (int t = 0; t < n_types; t++)
		capmax = types[t].count != -1 && types[t].capacity > capmax ? types[t].capacity
									    : capmax;
	if (children <= capmax || capmax <= 0) {
		if (parts)
			parts[0] = children;
		return 1;
	}
	int k = 0, left = children;
	for (int t = 0; t < n_types && left > 0; t++)
		for (int b = 0; b < types[t].count && left > 0; b++) {
			int m = left < types[t].capacity ? left : types[t].capacity;
			if (parts)
				parts[k] = m;
			k++;
			left -= m;
		}
	if (left > 0) {
		if (parts)
			parts[k - 1] += left;
	}
	return k;
}

/* Fills *d for the groups of session si in direction dir, a node per load
 * of a group (see loads); returns its number of groups (0: nothing to
 * route, nothing allocated). */
static int dir_problem(const plan_ctx_t *c, int si, const group_t *g, int ng, int dir,
		       const vrp_vehicle_type_t *types, int n_types, dir_problem_t *d)
{
	const plan_settings_t *st = &c->p->settings;
	int k = 0, m = 1;
	for (int i = 0; i < ng; i++)
		if (g[i].ok[dir]) {
			k++;
			m += loads(g[i].children, types, n_types, NULL);
		}
	if (!k)
		return 0;
	d->m = m;
	d->grp = xcalloc((size_t)m, sizeof(int));
	d->pt = xcalloc((size_t)m, sizeof(int));
	d->demand = xcalloc((size_t)m, sizeof(int));
	d->service = xcalloc((size_t)m, sizeof(double));
	d->ride = xcalloc((size_t)m, sizeof(double));
	d->dist = xcalloc((size_t)m * m, sizeof(double));
	d->time = xcalloc((size_t)m * m, sizeof(double));
	d->pt[0] = c->p->sessions[si].dest;
	d->grp[0] = -1;
	int *parts = xcalloc((size_t)m, sizeof(int));
	for (int i = 0, j = 1; i < ng; i++) {
		if (!g[i].ok[dir])
			continue;
		int np = loads(g[i].children, types, n_types, parts);
		for (int q = 0; q < np; q++, j++) {
			d->grp[j] = i;
			d->pt[j] = g[i].pickup;
			d->demand[j] = parts[q];
			d->service[j] = plan_dwell_s(st, parts[q]);
			d->ride[j] = g[i].lim[dir];
		}
	}
	free(parts);
	for (int a = 0; a < m; a++)
		for (int b = 0; b < m; b++) {
			d->dist[(size_t)a * m + b] = plan_mm(c, d->pt[a], d->pt[b]);
			d->time[(size_t)a * m + b] = plan_tt(c, d->pt[a], d->pt[b]);
		}
	return k;
}

static void dir_problem_free(dir_problem_t *d)
{
	free(d->grp);
	free(d->pt);
	free(d->demand);
	free(d->service);
	free(d->ride);
	free(d->dist);
	free(d->time);
}

/* Solves vp first with as many runs of each size as the fleet has buses of
 * it (vp->types, n_types of them: a session's runs are nearly simultaneous,
 * so each needs its own bus); when that leaves children out, again without
 * the limit (the n_types types after them), keeping the solution that
 * leaves fewer children out, and the chaining decides what the fleet can
 * do. */
static int solve_fleet_first(plan_ctx_t *c, const vrp_problem_t *vp, int n_types,
			     const vrp_opts_t *o, vrp_solution_t *sol, sr_error_t *err)
{
	int rc = vrp_solve(vp, o, sol, err);
	note_limit(c, o, sol, rc);
	if (rc || sol->n_unserved > 0) {
		vrp_problem_t unlimited = *vp;
		vrp_solution_t s2;
		memset(&s2, 0, sizeof(s2));
		unlimited.types = vp->types + n_types;
		sr_error_t e2;
		int rc2 = vrp_solve(&unlimited, o, &s2, &e2);
		note_limit(c, o, &s2, rc2);
		int left1 = 0, left2 = 0;
		for (int u = 0; !rc && u < sol->n_unserved; u++)
			left1 += vp->demand[sol->unserved[u]];
		for (int u = 0; !rc2 && u < s2.n_unserved; u++)
			left2 += vp->demand[s2.unserved[u]];
		if (!rc2 && (rc || left2 < left1)) {
			vrp_solution_free(sol);
			*sol = s2;
			rc = SR_OK;
		} else {
			vrp_solution_free(&s2);
		}
	}
	return rc;
}

/* Turns the routes of sol into timed runs of session si appended to out,
 * and counts the children routed and not routed per group. */
static void add_runs(const plan_ctx_t *c, int si, int dir, group_t *g, int ng,
		     const dir_problem_t *d, const vrp_solution_t *sol, runvec_t *out)
{
	const plan_session_t *s = &c->p->sessions[si];
	int m = d->m;
	for (int u = 0; u < sol->n_unserved; u++) {
		int node = sol->unserved[u];
		if (node > 0 && node < m)
			g[d->grp[node]].failed[dir] += d->demand[node];
	}
	for (int ri = 0; ri < sol->n_routes; ri++) {
		const vrp_route_t *vr = &sol->routes[ri];
		plan_run_t r;
		memset(&r, 0, sizeof(r));
		r.session = si;
		r.dir = dir;
		r.bus = -1;
		r.stops = xcalloc((size_t)vr->n_stops + 1, sizeof(plan_stop_t));
		int off = dir == PLAN_TO_SESSION ? 0 : 1;
		for (int q = 0; q < vr->n_stops; q++) {
			int node = vr->stops[q], load = vr->load ? vr->load[q] : d->demand[node];
			if (node <= 0 || node >= m || load <= 0)
				continue;
			/* loads of one place in a row are one stop */
			plan_stop_t *x =
				r.n_stops && r.stops[off + r.n_stops - 1].point == d->pt[node]
					? &r.stops[off + r.n_stops - 1]
					: &r.stops[off + r.n_stops++];
			x->point = d->pt[node];
			if (dir == PLAN_TO_SESSION)
				x->board += load;
			else
				x->alight += load;
			r.children += load;
			g[d->grp[node]].routed[dir] += load;
		}
		if (!r.n_stops) {
			free(r.stops);
			continue;
		}
		plan_stop_t *dst = &r.stops[dir == PLAN_TO_SESSION ? r.n_stops : 0];
		dst->point = s->dest;
		if (dir == PLAN_TO_SESSION)
			dst->alight = r.children;
		else
			dst->board = r.children;
		r.n_stops++;
		for (int q = 0; q < r.n_stops; q++)
			r.stops[q].session = si;
		plan_run_time(c, &r);
		sr_grow(&out->v, &out->cap, (size_t)out->n + 1, sizeof(plan_run_t));
		out->v[out->n++] = r;
	}
	/* a stop the router split and served only in part is reported too */
	for (int i = 0; i < ng; i++)
		if (g[i].ok[dir] && g[i].routed[dir] + g[i].failed[dir] < g[i].children)
			g[i].failed[dir] = g[i].children - g[i].routed[dir];
}

/* Routes the groups of session si in one direction; appends runs. */
static int solve_dir(plan_ctx_t *c, int si, group_t *g, int ng, int dir,
		     const vrp_vehicle_type_t *types, int n_types, runvec_t *out, sr_error_t *err)
{
	const plan_session_t *s = &c->p->sessions[si];
	dir_problem_t d;
	memset(&d, 0, sizeof(d));
	int k = dir_problem(c, si, g, ng, dir, types, n_types, &d);
	if (!k)
		return SR_OK;
	vrp_problem_t vp = {
		.n = d.m,
		.dist = d.dist,
		.time = d.time,
		.demand = d.demand,
		.service = d.service,
		.kind = dir == PLAN_TO_SESSION ? VRP_TO_DEPOT : VRP_FROM_DEPOT,
		.types = types,
		.n_types = n_types,
		.max_ride = d.ride,
		.allow_split = 1,
	};
	vrp_opts_t o;
	vrp_opts_init(&o);
	o.seed = c->p->settings.seed;
	o.time_limit_s = route_budget(c);
	o.max_iters = route_iters(k);
	o.chains = 2; /* small problems: two chains per call */
	vrp_solution_t sol;
	memset(&sol, 0, sizeof(sol));
	int rc = solve_fleet_first(c, &vp, n_types, &o, &sol, err);
	if (rc) {
		char msg[sizeof(err->msg)];
		snprintf(msg, sizeof(msg), "%s", err->msg);
		sr_error_set(err, rc, NULL, 0, _("routing session '%s' (%s): %s"), s->id,
			     dir == PLAN_TO_SESSION ? _("to the session") : _("home"), msg);
	} else {
		add_runs(c, si, dir, g, ng, &d, &sol, out);
	}
	vrp_solution_free(&sol);
	dir_problem_free(&d);
	return rc;
}

#define WHY_REACH_TO "no bus can reach the pickup in time from any depot within its hours"
#define WHY_REACH_HOME \
	"no bus can bring the children home and get back to its depot within its hours"

/* The longest ride a stop at `point` (dwell `dwell` s) may have in
 * direction dir so that some bus with at least min_seats seats can do the
 * run within its hours: to the session, the bus must reach the stop from
 * its depot before the stop's time and get back to its depot after
 * arriving; home, it must reach the destination before the run leaves and
 * get back to its depot from the stop. With road times that obey the
 * triangle inequality this holds for every stop of a run, not only the
 * first or the last. -INFINITY when no bus can; INFINITY with no bus at
 * all on the road (left to the chaining to report). */
static double reach_bound(const plan_ctx_t *c, const plan_session_t *s, int dir, int point,
			  int dwell, int min_seats)
{
	const sr_plan_t *p = c->p;
	const plan_settings_t *st = &p->settings;
	double best = -INFINITY;
	int any = 0;
	for (int bi = 0; bi < p->n_buses; bi++) {
		const plan_bus_t *b = &p->buses[bi];
		if (!c->on_road[b->depot])
			continue;
		any = 1;
		if (b->seats < min_seats)
			continue;
		double v;
		if (dir == PLAN_TO_SESSION) {
			int arrive = s->start_s - st->arrival_buffer_min * 60;
			double back = plan_tt(c, s->dest, b->depot),
			       go = plan_tt(c, b->depot, point);
			if (arrive + plan_dwell_s(st, b->seats) + back > b->avail_to_s ||
			    !isfinite(go))
				continue;
			v = arrive - dwell - (b->avail_from_s + go);
		} else {
			int leave = s->end_s + st->departure_buffer_min * 60;
			double go = plan_tt(c, b->depot, s->dest),
			       back = plan_tt(c, point, b->depot);
			if (b->avail_from_s + go > leave - plan_dwell_s(st, b->seats) ||
			    !isfinite(back))
				continue;
			v = b->avail_to_s - back - dwell - leave;
		}
		if (v > best)
			best = v;
	}
	return any ? best : INFINITY;
}

/* Whether some bus could do run r if it had nothing else to do. */
static int some_bus_alone(const plan_ctx_t *c, const plan_run_t *r)
{
	const sr_plan_t *p = c->p;
	for (int bi = 0; bi < p->n_buses; bi++) {
		const plan_bus_t *b = &p->buses[bi];
		if (!c->on_road[b->depot] || b->seats < r->children)
			continue;
		double go = plan_tt(c, b->depot, r->stops[0].point);
		double back = plan_tt(c, r->stops[r->n_stops - 1].point, b->depot);
		if (b->avail_from_s + go <= r->stops[0].arrival_s &&
		    r->stops[r->n_stops - 1].departure_s + back <= b->avail_to_s)
			return 1;
	}
	return 0;
}

/* Cuts the ride limits of the stops of run r (which no bus can do alone)
 * to what the buses with seats for the whole run allow, and by another
 * minute a round (dwell rounding), never below a direct trip. Returns how
 * many stops changed. */
static int tighten(const plan_ctx_t *c, const plan_session_t *s, group_t *g, int ng,
		   const plan_run_t *r, int round)
{
	const plan_settings_t *st = &c->p->settings;
	int changed = 0;
	for (int q = 0; q < r->n_stops; q++) {
		int pt = r->stops[q].point;
		if (pt == s->dest)
			continue;
		for (int i = 0; i < ng; i++) {
			group_t *x = &g[i];
			if (x->pickup != pt || !x->ok[r->dir])
				continue;
			double direct = r->dir == PLAN_TO_SESSION ? plan_tt(c, pt, s->dest)
								  : plan_tt(c, s->dest, pt);
			double b = reach_bound(c, s, r->dir, pt, plan_dwell_s(st, x->children),
					       r->children);
			double want = floor(b < x->lim[r->dir] - 60 * (round + 1)
						    ? b
						    : x->lim[r->dir] - 60 * (round + 1));
			if (want < direct)
				want = direct;
			if (want < x->lim[r->dir]) {
				x->lim[r->dir] = want;
				x->tight[r->dir] = 1;
				changed++;
			}
		}
	}
	return changed;
}

/* Reports children of a group in both or one direction. */
static void report(sr_plan_t *p, const group_t *g, int si, int n_to, int n_home, const char *code,
		   const char *why)
{
	uint8_t days = p->sessions[si].days;
	n_to = plan_legs_has(g->legs, PLAN_TO_SESSION) ? n_to : 0;
	n_home = plan_legs_has(g->legs, PLAN_HOME) ? n_home : 0;
	if (n_to && n_to == n_home)
		plan_add_unserved(p, g->line, g->pickup, si, -1, n_to, days, code, why);
	else {
		if (n_to)
			plan_add_unserved(p, g->line, g->pickup, si, PLAN_TO_SESSION, n_to, days,
					  code, why);
		if (n_home)
			plan_add_unserved(p, g->line, g->pickup, si, PLAN_HOME, n_home, days, code,
					  why);
	}
}

static int cmp_group(const void *a, const void *b)
{
	const group_t *x = a, *y = b;
	if (x->pickup != y->pickup)
		return (x->pickup > y->pickup) - (x->pickup < y->pickup);
	return (x->legs < y->legs) - (x->legs > y->legs);
}

/* The vehicle types of the routing calls, one per seat size, largest
 * first: types[0..n) as many as the fleet has usable buses of that size,
 * types[n..2n) the same without a limit; returns n. A fixed cost of 1000 km
 * per run makes the router use as few runs as it can before it saves
 * distance. The caller frees *out. */
static int vehicle_types(const plan_ctx_t *c, vrp_vehicle_type_t **out)
{
	const sr_plan_t *p = c->p;
	int *sizes = xcalloc((size_t)p->n_buses + 1, sizeof(int));
	int n_types = 0;
	for (int b = 0; b < p->n_buses; b++) {
		int dup = 0;
		for (int t = 0; t < n_types; t++)
			dup |= sizes[t] == p->buses[b].seats;
		if (!dup)
			sizes[n_types++] = p->buses[b].seats;
	}
	qsort(sizes, (size_t)n_types, sizeof(int), cmp_int_desc);
	vrp_vehicle_type_t *types = xcalloc((size_t)2 * n_types + 1, sizeof(*types));
	for (int t = 0; t < n_types; t++) {
		types[t].capacity = types[n_types + t].capacity = sizes[t];
		types[n_types + t].count = -1;
		types[t].fixed_cost = types[n_types + t].fixed_cost = 1e6;
		types[t].cost_per_dist = types[n_types + t].cost_per_dist = 1;
		for (int b = 0; b < p->n_buses; b++)
			if (p->buses[b].seats == sizes[t] && c->on_road[p->buses[b].depot])
				types[t].count++;
		if (types[t].count == 0)
			types[t].count = -1; /* no usable bus of this size: leave it to chaining */
	}
	free(sizes);
	*out = types;
	return n_types;
}

/* The routing phase's time: the first half of the budget; the chaining
 * gets the second. */
static void routing_phase(plan_ctx_t *c)
{
	c->phase_end = sr_now() + 0.5 * (c->deadline - sr_now());
}

/* Session si's riders grouped by pickup into g, in pickup order; returns
 * the number of groups. */
static int group_riders(const sr_plan_t *p, int si, group_t *g)
{
	const plan_session_t *s = &p->sessions[si];
	int ng = 0;
	for (int r = 0; r < p->n_riders; r++) {
		const plan_rider_t *rd = &p->riders[r];
		if (rd->session != si || rd->children <= 0)
			continue;
		int lim = rd->max_ride_s ? rd->max_ride_s : s->max_ride_s;
		int k;
		for (k = 0; k < ng && (g[k].pickup != rd->pickup || g[k].legs != rd->legs); k++)
			;
		if (k == ng) {
			memset(&g[ng], 0, sizeof(g[0]));
			g[ng].pickup = rd->pickup;
			g[ng].legs = rd->legs;
			g[ng].limit_s = lim;
			g[ng].line = rd->line;
			ng++;
		}
		g[k].children += rd->children;
		if (lim < g[k].limit_s)
			g[k].limit_s = lim;
	}
	if (ng)
		qsort(g, (size_t)ng, sizeof(group_t), cmp_group);
	return ng;
}

#define WHY_NIGHT \
	"the session would need a run between 23:00 and 06:00, which decree No. 1527 forbids"

/* The longest ride a stop (dwell `dwell` s) may have in direction dir so
 * that its run keeps out of the night hours of decree No. 1527: to the
 * session, the run must start at 06:00 or later and end by 23:00; home,
 * leave at 06:00 or later and drop the stop by 23:00. */
static double night_bound(const plan_ctx_t *c, const plan_session_t *s, int dir, int dwell,
			  int children)
{
	const plan_settings_t *st = &c->p->settings;
	if (dir == PLAN_TO_SESSION) {
		int arrive = s->start_s - st->arrival_buffer_min * 60;
		if (arrive + plan_dwell_s(st, children) > PLAN_DAY_END_S)
			return -INFINITY;
		return arrive - dwell - PLAN_DAY_START_S;
	}
	int leave = s->end_s + st->departure_buffer_min * 60;
	if (leave - plan_dwell_s(st, children) < PLAN_DAY_START_S)
		return -INFINITY;
	return PLAN_DAY_END_S - dwell - leave;
}

/* Decides which groups of session si may be routed in each direction
 * (ok, lim, tight) and reports the others, each leg with its reason: off
 * the road network or with no road to the destination (unreachable), a
 * run in the night hours (night_run), a direct trip over the ride limit
 * (ride_limit), no bus able to serve them within its hours (no_bus). A
 * round-trip group that loses one leg loses the other too (other_leg). */
static void screen_groups(plan_ctx_t *c, int si, group_t *g, int ng)
{
	sr_plan_t *p = c->p;
	const plan_settings_t *st = &p->settings;
	const plan_session_t *s = &p->sessions[si];
	for (int i = 0; i < ng; i++) {
		group_t *x = &g[i];
		double direct[2] = {plan_tt(c, x->pickup, s->dest), plan_tt(c, s->dest, x->pickup)};
		char why[2][256];
		if (!c->on_road[x->pickup] || !c->on_road[s->dest]) {
			const plan_point_t *far =
				&p->points[c->on_road[x->pickup] ? s->dest : x->pickup];
			if (isfinite(far->snap_m))
				snprintf(
					why[0], sizeof(why[0]),
					"%s is %.0f m from the nearest road a bus may stop on (more than 1 km; roads nearer are cut off, or motorways and trunk roads)",
					c->on_road[x->pickup] ? "the destination" : "the pickup",
					far->snap_m);
			else
				snprintf(why[0], sizeof(why[0]), "%s has no road a bus may stop on",
					 c->on_road[x->pickup] ? "the destination" : "the pickup");
			report(p, x, si, x->children, x->children, "unreachable", why[0]);
			continue;
		}
		if (!isfinite(direct[0]) || !isfinite(direct[1])) {
			report(p, x, si, x->children, x->children, "unreachable",
			       "there is no road route between the pickup and the destination");
			continue;
		}
		const char *code[2] = {NULL, NULL};
		int dwell = plan_dwell_s(st, x->children);
		for (int dir = 0; dir < 2; dir++) {
			if (!plan_legs_has(x->legs, dir))
				continue;
			double night = night_bound(c, s, dir, dwell, x->children);
			/* the buses' hours: no run may start before a bus can be
			 * at its first stop, nor end too late for the bus to get
			 * back to its depot */
			double b = reach_bound(c, s, dir, x->pickup, dwell, 0);
			x->lim[dir] = x->limit_s;
			if (b < x->lim[dir]) {
				x->lim[dir] = floor(b);
				x->tight[dir] = 1;
			}
			if (night < x->lim[dir])
				x->lim[dir] = floor(night);
			if (direct[dir] > night) {
				code[dir] = "night_run";
				snprintf(why[dir], sizeof(why[dir]), "%s", WHY_NIGHT);
			} else if (direct[dir] > x->limit_s) {
				code[dir] = "ride_limit";
				snprintf(
					why[dir], sizeof(why[dir]),
					"even a direct trip takes %.0f min, over the %d min ride limit",
					ceil(direct[dir] / 60.0), x->limit_s / 60);
			} else if (direct[dir] > x->lim[dir]) {
				code[dir] = "no_bus";
				snprintf(why[dir], sizeof(why[dir]), "%s",
					 dir ? WHY_REACH_HOME : WHY_REACH_TO);
			} else {
				x->ok[dir] = 1;
			}
		}
		if (x->legs == PLAN_LEGS_BOTH && x->ok[0] != x->ok[1]) {
			int d = x->ok[0] ? 0 : 1;
			x->ok[d] = 0;
			code[d] = "other_leg";
			snprintf(why[d], sizeof(why[d]), "%s", d ? WHY_OTHER_HOME : WHY_OTHER_TO);
		}
		if (code[0] && code[1] && !strcmp(code[0], code[1]) && !strcmp(why[0], why[1]))
			report(p, x, si, x->children, x->children, code[0], why[0]);
		else
			for (int dir = 0; dir < 2; dir++)
				if (code[dir])
					report(p, x, si, dir ? 0 : x->children,
					       dir ? x->children : 0, code[dir], why[dir]);
	}
}

/* Routes session si in direction dir, appending its runs to rv. A run that
 * no bus can do on its own (its first stop too early for any depot, back
 * too late, too few seats) is routed again with the ride of its stops cut
 * to what the buses big enough for it allow, a few rounds. */
static int route_dir(plan_ctx_t *c, int si, group_t *g, int ng, int dir,
		     const vrp_vehicle_type_t *types, int n_types, runvec_t *rv, sr_error_t *err)
{
	const plan_session_t *s = &c->p->sessions[si];
	int rc = SR_OK;
	for (int round = 0; !rc; round++) {
		int from = rv->n;
		rc = solve_dir(c, si, g, ng, dir, types, n_types, rv, err);
		if (rc || round == 3)
			break;
		int bad = 0;
		for (int r = from; r < rv->n; r++)
			if (!some_bus_alone(c, &rv->v[r]))
				bad += tighten(c, s, g, ng, &rv->v[r], round);
		if (!bad)
			break;
		sr_info(_("plan: session '%s' (%s): a run no bus can do alone; routing again with shorter runs"),
			s->id, dir == PLAN_TO_SESSION ? _("to the session") : _("home"));
		for (int r = from; r < rv->n; r++)
			plan_run_clear(&rv->v[r]);
		rv->n = from;
		for (int i = 0; i < ng; i++)
			g[i].routed[dir] = g[i].failed[dir] = 0;
	}
	return rc;
}

/* Reports the children the router could not place: ride_limit, or no_bus
 * where the buses' hours had cut the group's ride. */
static void report_failed(sr_plan_t *p, int si, const group_t *g, int ng)
{
	for (int i = 0; i < ng; i++) {
		int f[2] = {0, 0}, b[2] = {0, 0};
		for (int dir = 0; dir < 2; dir++)
			*(g[i].tight[dir] ? &b[dir] : &f[dir]) = g[i].failed[dir];
		if (f[0] || f[1])
			report(p, &g[i], si, f[0], f[1], "ride_limit",
			       "no route keeps this group within its ride limit");
		if (b[0] || b[1])
			report(p, &g[i], si, b[0], b[1], "no_bus",
			       b[0] ? WHY_REACH_TO : WHY_REACH_HOME);
	}
}

/* The bus a pickup lock pins session si's children at point to (fleet
 * index), or -1. */
static int locked_bus(const sr_plan_t *p, int si, int point)
{
	for (int l = 0; l < p->n_locks; l++) {
		const plan_lock_t *L = &p->locks[l];
		if (!L->off && !L->run && L->bus >= 0 && L->session == si && L->pickup == point)
			return L->bus;
	}
	return -1;
}

/* Session si's runs in direction dir: first each batch of groups a pickup
 * lock pins to one bus, routed on their own with that bus's seats, so
 * that the bus can take their runs; then the other groups with the whole
 * fleet's sizes. Routed with the others, a locked group shared a run of
 * 30 or 40 children that its bus, a 20-seat ГАЗель, could not take, and
 * the lock was let go: 12 of 15 locks not kept in 30 random sets of one
 * or two locks on the bundled district. Used only where that happens
 * (too_big_for_lock): routing locked groups apart every time cost buses
 * on plans whose locks were kept anyway. g is ordered with the locked
 * batches first (lock[i]: group i's bus, -1 none). */
static int route_locked(plan_ctx_t *c, int si, group_t *g, const int *lock, int ng, int dir,
			const vrp_vehicle_type_t *types, int n_types, runvec_t *rv, sr_error_t *err)
{
	int i = 0, rc = SR_OK;
	while (i < ng && lock[i] >= 0 && !rc) {
		int k = i;
		while (k < ng && lock[k] == lock[i])
			k++;
		vrp_vehicle_type_t own[2] = {types[0], types[n_types]};
		own[0].capacity = own[1].capacity = c->p->buses[lock[i]].seats;
		own[0].count = 1;
		own[1].count = -1;
		rc = route_dir(c, si, g + i, k - i, dir, own, 1, rv, err);
		i = k;
	}
	if (!rc && i < ng)
		rc = route_dir(c, si, g + i, ng - i, dir, types, n_types, rv, err);
	return rc;
}

/* Orders g's locked groups first, by their bus (a stable order), and
 * fills lock[] alike; returns whether any is locked. */
static int order_locked(const sr_plan_t *p, int si, group_t *g, int ng, int *lock)
{
	group_t *t = xcalloc((size_t)ng + 1, sizeof(group_t));
	int *lb = xcalloc((size_t)ng + 1, sizeof(int)), n = 0, any = 0;
	for (int i = 0; i < ng; i++) {
		lb[i] = locked_bus(p, si, g[i].pickup);
		any |= lb[i] >= 0;
	}
	for (int b = 0; any && b < p->n_buses; b++)
		for (int i = 0; i < ng; i++)
			if (lb[i] == b) {
				lock[n] = b;
				t[n++] = g[i];
			}
	for (int i = 0; any && i < ng; i++)
		if (lb[i] < 0) {
			lock[n] = -1;
			t[n++] = g[i];
		}
	if (any)
		memcpy(g, t, (size_t)ng * sizeof(group_t));
	else
		for (int i = 0; i < ng; i++)
			lock[i] = -1;
	free(t);
	free(lb);
	return any;
}

/* Whether one of session si's runs r[0..n) carries children a pickup lock
 * pins to a bus with fewer seats than the run carries. */
static int too_big_for_lock(const sr_plan_t *p, int si, const plan_run_t *r, int n)
{
	for (int i = 0; i < n; i++)
		for (int q = 0; q < r[i].n_stops; q++) {
			if (plan_stop_is_dest(&r[i], q))
				continue;
			int b = locked_bus(p, si, r[i].stops[q].point);
			if (b >= 0 && plan_run_carries(&r[i], si, r[i].stops[q].point) &&
			    r[i].children > p->buses[b].seats)
				return 1;
		}
	return 0;
}

/* The runs of session si, appended to rv (g: room for every rider row). */
static int session_runs(plan_ctx_t *c, int si, group_t *g, const vrp_vehicle_type_t *types,
			int n_types, runvec_t *rv, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	const plan_session_t *s = &p->sessions[si];
	int rc = SR_OK;
	int ng = group_riders(p, si, g);
	if (!ng)
		return SR_OK;
	if (p->n_buses == 0) {
		for (int i = 0; i < ng; i++)
			report(p, &g[i], si, g[i].children, g[i].children, "no_bus",
			       "the fleet has no buses");
		return SR_OK;
	}
	screen_groups(c, si, g, ng);
	int first = rv->n;
	group_t *screened = p->n_locks ? xcalloc((size_t)ng + 1, sizeof(group_t)) : NULL;
	if (screened) /* routing tightens the groups' rides: kept to route again */
		memcpy(screened, g, (size_t)ng * sizeof(group_t));
	for (int dir = 0; dir < 2 && !rc; dir++)
		rc = route_dir(c, si, g, ng, dir, types, n_types, rv, err);
	if (!rc && screened && too_big_for_lock(p, si, rv->v + first, rv->n - first)) {
		for (int r = first; r < rv->n; r++)
			plan_run_clear(&rv->v[r]);
		rv->n = first;
		memcpy(g, screened, (size_t)ng * sizeof(group_t));
		int *lock = xcalloc((size_t)ng + 1, sizeof(int));
		order_locked(p, si, g, ng, lock);
		for (int dir = 0; dir < 2 && !rc; dir++)
			rc = route_locked(c, si, g, lock, ng, dir, types, n_types, rv, err);
		free(lock);
	}
	free(screened);
	if (rc)
		return rc;
	report_failed(p, si, g, ng);
	int night = 0;
	for (int r = first; r < rv->n; r++)
		night |= plan_run_at_night(&rv->v[r]);
	if (night) {
		for (int r = first; r < rv->n; r++)
			plan_run_clear(&rv->v[r]);
		rv->n = first;
		for (int i = 0; i < ng; i++)
			report(p, &g[i], si, g[i].routed[0], g[i].routed[1], "night_run",
			       WHY_NIGHT);
		sr_warn(_("plan: session '%s' needs a night run and is not planned"), s->id);
		return SR_OK;
	}
	/* children the router could place one way only come off the other
	 * leg too (the halves of a row with a home elsewhere too, but in a
	 * re-plan, where the kept runs are not among these: each day's runs
	 * are balanced again before their chaining, duties.c) */
	if (plan_legs_balance(c, rv->v + first, rv->n - first, NULL, s->days, !c->keep, err) < 0)
		return err->code;
	int kept = first;
	for (int r = first; r < rv->n; r++) {
		if (rv->v[r].children > 0)
			rv->v[kept++] = rv->v[r];
		else
			plan_run_clear(&rv->v[r]);
	}
	rv->n = kept;
	for (int r = first; r < rv->n && !rc; r++)
		rc = plan_run_shape(c, &rv->v[r], err);
	sr_info(_n("plan: session '%s': %d run", "plan: session '%s': %d runs", rv->n - first),
		s->id, rv->n - first);
	return rc;
}

int plan_make_runs(plan_ctx_t *c, sr_error_t *err)
{
	sr_plan_t *p = c->p;
	int rc = SR_OK;
	vrp_vehicle_type_t *types = NULL;
	int n_types = vehicle_types(c, &types);
	routing_phase(c);
	group_t *g = xcalloc((size_t)p->n_riders + 1, sizeof(group_t));
	runvec_t rv = {0};
	for (int si = 0; si < p->n_sessions && !rc; si++)
		rc = session_runs(c, si, g, types, n_types, &rv, err);
	c->tmpl = rv.v;
	c->n_tmpl = rv.n;
	free(g);
	free(types);
	return rc;
}
