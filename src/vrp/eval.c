/* eval.c - vrp_route_eval(): checks one route against the problem by plain
 * simulation (arrival and service times stop by stop), independently of
 * the search's segment arithmetic, and recomputes its distance and
 * duration. Used to report solutions and by callers as a checker. */
#include <math.h>
#include "schoolrun/vrp.h"

int vrp_route_eval(const vrp_problem_t *p, vrp_route_t *r)
{
	const double *T = p->time ? p->time : p->dist;
	int n = p->n, ok = 1;
	r->dist = 0;
	r->duration = 0;
	if (r->type < 0 || r->type >= p->n_types || r->n_stops <= 0)
		return 0;
	int load = 0;
	for (int i = 0; i < r->n_stops; i++) {
		int s = r->stops[i];
		if (s < 1 || s >= n)
			return 0;
		load += r->load ? r->load[i] : p->demand[s];
	}
	if (load > p->types[r->type].capacity)
		ok = 0;
	/* clock starts when the vehicle leaves the depot (CLOSED, FROM) or
	 * arrives at the first stop (TO) */
	double t = 0, d = 0, depart = 0;
	int prev = 0;
	if (p->kind == VRP_FROM_DEPOT) {
		t = p->depot_service;
		depart = t;
	}
	if (p->kind == VRP_TO_DEPOT)
		prev = -1;
	double first_arr = 0;
	for (int i = 0; i < r->n_stops; i++) {
		int s = r->stops[i];
		if (prev >= 0) {
			d += p->dist[(size_t)prev * n + s];
			t += T[(size_t)prev * n + s];
		}
		if (i == 0)
			first_arr = t;
		if (p->kind == VRP_FROM_DEPOT && p->max_ride && p->max_ride[s] > 0 &&
		    t - depart > p->max_ride[s] * (1 + 1e-9) + 1e-9)
			ok = 0;
		t += p->service ? p->service[s] : 0;
		prev = s;
	}
	if (p->kind != VRP_FROM_DEPOT) {
		d += p->dist[(size_t)prev * n];
		t += T[(size_t)prev * n];
		/* ride: from the end of a stop's service to arrival at the depot */
		if (p->max_ride) {
			double after = 0; /* end of service .. depot arrival */
			for (int i = r->n_stops - 1; i >= 0; i--) {
				int s = r->stops[i];
				int nx = i + 1 < r->n_stops ? r->stops[i + 1] : 0;
				after += T[(size_t)s * n + nx];
				if (p->max_ride[s] > 0 &&
				    after > p->max_ride[s] * (1 + 1e-9) + 1e-9)
					ok = 0;
				if (i > 0)
					after += p->service ? p->service[s] : 0;
			}
		}
		t += p->depot_service;
	}
	r->dist = d;
	r->duration = t - (p->kind == VRP_TO_DEPOT ? first_arr : 0);
	if (!isfinite(d) || !isfinite(t))
		ok = 0;
	if (p->max_duration > 0) {
		double lim = p->max_duration; /* raised to the stops' floors */
		for (int i = 0; p->duration_floor && i < r->n_stops; i++)
			if (p->duration_floor[r->stops[i]] > lim)
				lim = p->duration_floor[r->stops[i]];
		if (r->duration > lim * (1 + 1e-9) + 1e-9)
			ok = 0;
	}
	return ok;
}
