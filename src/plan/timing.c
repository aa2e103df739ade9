/*
 * timing.c - stop times and road shape of a run. Timing follows the school bus routing
 * literature's "latest arrival" convention (Park & Kim, "The school bus
 * routing problem: a review", EJOR 2010, section on time windows): a
 * to-session run arrives at exactly start - arrival buffer, and its stop
 * times are computed backwards, so a bus never waits with children on
 * board; a home run leaves at end + departure buffer and runs forward.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include "schoolrun/matrix.h"
#include "plan/run.h"
#include "plan/timing.h"

int plan_run_shape(const plan_ctx_t *c, plan_run_t *r, sr_error_t *err)
{
	size_t cap = 0;
	free(r->shape_lat);
	free(r->shape_lon);
	r->shape_lat = r->shape_lon = NULL;
	r->n_shape = 0;
	for (int i = 0; i + 1 < r->n_stops; i++) {
		int a = r->stops[i].point, b = r->stops[i + 1].point;
		if (a == b)
			continue;
		double *lat = NULL, *lon = NULL;
		size_t n = 0;
		int rc = mat_path(c->net, &c->snaps[a], &c->snaps[b], &lat, &lon, &n, NULL, NULL,
				  err);
		if (rc)
			return rc;
		size_t skip = r->n_shape > 0 && n > 0 ? 1 : 0;
		if (cap < r->n_shape + n) {
			size_t old = cap;
			sr_grow(&r->shape_lat, &old, r->n_shape + n, sizeof(double));
			sr_grow(&r->shape_lon, &cap, r->n_shape + n, sizeof(double));
		}
		for (size_t k = skip; k < n; k++) {
			r->shape_lat[r->n_shape] = lat[k];
			r->shape_lon[r->n_shape++] = lon[k];
		}
		free(lat);
		free(lon);
	}
	return SR_OK;
}

int plan_ride_limit(const sr_plan_t *p, int si, int pt)
{
	int lim = p->sessions[si].max_ride_s;
	for (int r = 0; r < p->n_riders; r++)
		if (p->riders[r].session == si && p->riders[r].pickup == pt &&
		    p->riders[r].max_ride_s > 0 && p->riders[r].max_ride_s < lim)
			lim = p->riders[r].max_ride_s;
	return lim;
}

int plan_session_window_s(const sr_plan_t *p, int si, int dir)
{
	const plan_session_t *s = &p->sessions[si];
	if (s->own_window[dir])
		return s->window_s[dir];
	return 60 * (dir == PLAN_TO_SESSION ? p->settings.early_window_min
					    : p->settings.late_window_min);
}

int plan_run_window_s(const sr_plan_t *p, const plan_run_t *r)
{
	int w = plan_session_window_s(p, r->session, r->dir);
	for (int i = 0; i < r->n_stops; i++)
		if (r->stops[i].session >= 0 && r->stops[i].session != r->session) {
			int x = plan_session_window_s(p, r->stops[i].session, r->dir);
			w = x < w ? x : w;
		}
	return w;
}

int plan_dwell_s(const plan_settings_t *s, int children)
{
	return (int)lround(s->dwell_base_s + s->dwell_per_child_s * children);
}

/* The preferred time of destination stop x: a run to the session arrives
 * at the latest at start - arrival buffer, a run home leaves at the
 * earliest at end + departure buffer. */
static int dest_time(const plan_settings_t *st, const plan_session_t *s, int dir)
{
	return dir == PLAN_TO_SESSION ? s->start_s - st->arrival_buffer_min * 60
				      : s->end_s + st->departure_buffer_min * 60;
}

/* The stop times of r from 0 on, driving on at once after each dwell (no
 * waiting with children on board). A stop at the place of the stop before
 * it (a mixed run's children of two sessions in one village, or at one
 * stadium) is the same halt: its children add their time, the fixed part
 * of the dwell is not paid again. */
static void time_from_zero(const plan_ctx_t *c, plan_run_t *r)
{
	const plan_settings_t *st = &c->p->settings;
	int t = 0;
	for (int i = 0; i < r->n_stops; i++) {
		plan_stop_t *x = &r->stops[i];
		int same = i && r->stops[i - 1].point == x->point, n = x->board + x->alight;
		if (i)
			t += (int)plan_tt(c, r->stops[i - 1].point, x->point);
		x->arrival_s = t;
		t = x->departure_s =
			t + (same ? (int)lround(st->dwell_per_child_s * n) : plan_dwell_s(st, n));
	}
}

int plan_run_feasible(const plan_ctx_t *c, const plan_run_t *r, int check_lag)
{
	int window = plan_run_window_s(c->p, r);
	if (plan_run_at_night(r) || (check_lag && r->lag_s > window - 60))
		return 0;
	for (int i = 0; i < r->n_stops; i++)
		if (!plan_stop_is_dest(r, i) &&
		    r->stops[i].ride_s >
			    plan_ride_limit(c->p, r->stops[i].session, r->stops[i].point))
			return 0;
	return 1;
}

/* The ride of each pickup's children: to the session, from leaving the
 * pickup to arriving at their destination; home, from leaving their
 * destination to arriving at the pickup. */
static void time_rides(plan_run_t *r)
{
	for (int i = 0; i < r->n_stops; i++) {
		plan_stop_t *x = &r->stops[i];
		x->ride_s = 0;
		if (plan_stop_is_dest(r, i))
			continue;
		for (int k = 0; k < r->n_stops; k++)
			if (plan_stop_is_dest(r, k) && r->stops[k].session == x->session)
				x->ride_s = r->dir == PLAN_TO_SESSION
						    ? r->stops[k].arrival_s - x->departure_s
						    : x->arrival_s - r->stops[k].departure_s;
	}
}

void plan_run_time(const plan_ctx_t *c, plan_run_t *r)
{
	const plan_settings_t *st = &c->p->settings;
	int to = r->dir == PLAN_TO_SESSION;
	r->meters = 0;
	for (int i = 0; i + 1 < r->n_stops; i++)
		r->meters += plan_mm(c, r->stops[i].point, r->stops[i + 1].point);
	time_from_zero(c, r);
	/* to the sessions: as late as every destination allows; home: as
	 * early as every destination allows */
	int base = to ? INT_MAX : INT_MIN;
	for (int i = 0; i < r->n_stops; i++) {
		if (!plan_stop_is_dest(r, i))
			continue;
		const plan_session_t *s = &c->p->sessions[r->stops[i].session];
		int v = dest_time(st, s, r->dir) -
			(to ? r->stops[i].arrival_s : r->stops[i].departure_s);
		base = to ? (v < base ? v : base) : (v > base ? v : base);
	}
	plan_run_shift(r, base);
	r->lag_s = 0;
	for (int i = 0; i < r->n_stops; i++) {
		if (!plan_stop_is_dest(r, i))
			continue;
		const plan_stop_t *x = &r->stops[i];
		int want = dest_time(st, &c->p->sessions[x->session], r->dir);
		int lag = to ? want - x->arrival_s : x->departure_s - want;
		r->lag_s = lag > r->lag_s ? lag : r->lag_s;
	}
	time_rides(r);
}
